"""Performance benchmarks on the generated replica: ``python -m benchmarks`` prints one table."""
