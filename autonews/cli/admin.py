"""Database housekeeping commands: ``migrate`` and ``runs``."""

from __future__ import annotations

import json

import click

from autonews.cli.options import db_option


@click.command()
@db_option
def migrate(database_url: str) -> None:
    """Create the database or upgrade its schema to this release (Alembic).

    Crawls run this themselves when they open the database; run it by hand after
    an upgrade to see what changed, or before pointing other tools at the file.

    \b
    Example:
        autonews migrate --db sqlite:///autonews.db
    """
    from autonews.store import make_engine
    from autonews.store.migrate import upgrade

    engine = make_engine(database_url)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    click.echo(f"schema: {before or 'empty'} -> {after}")


@click.command()
@db_option
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="How many recent runs."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def runs(database_url: str, limit: int, as_json: bool) -> None:
    """List recent crawl runs with their counts and status.

    A run with status 'running' and no finish time that is not running any more
    was killed; the next run completes what it missed.

    \b
    Example:
        autonews runs --limit 5
    """
    from autonews.crawling.runs import RUN_COUNTERS, recent_runs
    from autonews.query.table import format_table

    rows = recent_runs(database_url, limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no crawl runs recorded yet")
        return
    # requests is left out: pages already says how much was fetched, and the table stays narrow.
    counters = [c for c in RUN_COUNTERS if c != "requests"]
    cols = ["id", "spider", "started_at", "finished_at", "status", "finish_reason", *counters]
    click.echo(format_table(cols, [[r[c] for c in cols] for r in rows]))


@click.command()
@db_option
@click.option("--furniture", "show", metavar="SITE", help="Print the lines learned as SITE's furniture.")
@click.option(
    "--reset", metavar="SITE", help="Forget what was learned of SITE; its next crawl learns afresh."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def sites(database_url: str, show: str | None, reset: str | None, as_json: bool) -> None:
    """List the sites crawled: profile or generic, articles, crawl times, learned furniture.

    A site with no profile (``scrapy crawl news``) is named by its host; the lines that
    repeat across its pages are learned as its furniture and dropped from bodies.

    \b
    Examples:
        autonews sites
        autonews sites --furniture www.example.com
        autonews sites --reset www.example.com && autonews reextract ...
    """
    from autonews.query.table import format_table
    from autonews.store import make_engine
    from autonews.store.readonly import require_database
    from autonews.store.sites import list_sites, reset_furniture

    require_database(database_url)
    engine = make_engine(database_url)
    try:
        if reset:
            if not reset_furniture(engine, reset):
                raise click.UsageError(f"no site {reset!r} in the database (see: autonews sites)")
            click.echo(f"{reset}: learned furniture forgotten")
            return
        rows = list_sites(engine)
    finally:
        engine.dispose()
    if show:
        row = next((r for r in rows if r["site"] == show), None)
        if row is None:
            raise click.UsageError(f"no site {show!r} in the database (see: autonews sites)")
        rows = [row]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif show:
        row = rows[0]
        click.echo(f"{show}: version {row['furniture_version']}, learned from {row['furniture_pages']} pages")
        for line in row["furniture"]:
            click.echo(f"  {line}")
    elif not rows:
        click.echo("no sites crawled yet")
    else:
        cols = ["site", "kind", "article_count", "first_crawl_at", "last_crawl_at", "furniture_version"]
        table = [[r[c] for c in cols] + [len(r["furniture"])] for r in rows]
        click.echo(format_table([*cols, "furniture_lines"], table))
