"""The ``autonews`` command: thin shells over importable functions.

Each command's docstring is its ``--help``, with one real example.  Errors are
one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import click

from autonews.cli.crawl import demo, replica
from autonews.cli.pages import clean, extract


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="autonews")
def cli() -> None:
    """autonews: crawl Chinese auto-news sites into a SQL database, and query it.

    \b
    Example:
        autonews demo            # crawl the bundled offline replica into autonews.db
    """


for command in (extract, clean, replica, demo):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="autonews")
