"""The ``autonews`` command: thin shells over importable functions.

Each command's docstring is its ``--help``, with one real example.  Errors are
one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import click

from autonews.cli.admin import migrate, runs, sites
from autonews.cli.archive import reextract, replay
from autonews.cli.demo import demo, replica
from autonews.cli.dupes import dupes
from autonews.cli.pages import clean, evaluate, extract
from autonews.cli.query import browse, graph, reindex, search, show, stats, top_linked
from autonews.cli.scale import copy_db, workers


class UsageFailure(click.ClickException):
    """A configuration the command cannot use (exit 2, like a usage error)."""

    exit_code = 2


class _Group(click.Group):
    """Turns the errors users can cause into one line on stderr, not a traceback."""

    def invoke(self, ctx: click.Context):
        from sqlalchemy.exc import DBAPIError, NoSuchTableError

        from autonews.store.engine import DatabaseUnusable
        from autonews.store.readonly import NoDatabase

        try:
            return super().invoke(ctx)
        except NoDatabase as exc:
            raise click.ClickException(str(exc)) from exc
        except DatabaseUnusable as exc:
            raise UsageFailure(str(exc)) from exc
        except (DBAPIError, NoSuchTableError) as exc:
            first = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise click.ClickException(f"database error: {first}") from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="autonews")
def cli() -> None:
    """autonews: crawl Chinese auto-news sites into a SQL database, and query it.

    \b
    Example:
        autonews demo            # crawl the bundled offline replica into autonews.db
    """


COMMANDS = (
    extract, clean, evaluate, replica, demo, migrate, runs, sites,
    stats, search, show, graph, top_linked, reindex, browse,
    reextract, replay, workers, copy_db, dupes,
)  # fmt: skip
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    """Every error the user can cause is one line on stderr: click's usage errors too
    (their usage block and "Try --help" hint would make three)."""
    try:
        code = cli.main(prog_name="autonews", standalone_mode=False)
    except click.UsageError as exc:
        where = f" ({exc.ctx.command_path})" if exc.ctx else ""
        click.echo(f"Error{where}: {exc.format_message()}", err=True)
        raise SystemExit(exc.exit_code) from None
    except click.ClickException as exc:
        click.echo(f"Error: {exc.format_message()}", err=True)
        raise SystemExit(exc.exit_code) from None
    except click.Abort:
        click.echo("Aborted.", err=True)
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)
