from autonews.cli import main

main()
