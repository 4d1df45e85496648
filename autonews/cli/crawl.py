"""Commands that crawl: ``demo`` and ``replica``."""

from __future__ import annotations

import click

from autonews.cli.options import db_option, site_option
from autonews.replica.families import DEFAULT_FAMILY, FAMILIES

family_option = click.option(
    "--family",
    default=DEFAULT_FAMILY,
    show_default=True,
    type=click.Choice(sorted(FAMILIES)),
    help="The replica's markup family and URL shape (live: the site as it is today; legacy: 2016 URLs).",
)


@click.command()
@click.option(
    "--port", default=8808, show_default=True, type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 (0 picks a free one).",
)  # fmt: skip
@click.option(
    "--articles", default=0, show_default=True, type=click.IntRange(0, 100_000),
    help="Generated articles on top of the core set.",
)  # fmt: skip
@family_option
def replica(port: int, articles: int, family: str) -> None:
    """Serve the offline replica of qi-che.com on 127.0.0.1 until Ctrl-C.

    \b
    Example:
        autonews replica --port 8808 --articles 1000
        scrapy crawl qiche -a base_url=http://127.0.0.1:8808
    """
    from autonews.replica.server import serve_forever

    try:
        serve_forever(port, articles, family)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from exc


DEMO_PORT = 8808


@click.command()
@db_option
@click.option(
    "--articles", default=0, show_default=True, type=click.IntRange(0, 100_000),
    help="Generated articles on top of the core set.",
)  # fmt: skip
@click.option("--log-level", default="WARNING", show_default=True)
@site_option("The site whose replica to crawl, with its spider.")
@family_option
def demo(database_url: str, articles: int, log_level: str, site: str, family: str) -> None:
    """Crawl the bundled offline replica with the site's spider, then summarise the database.

    \b
    Example:
        autonews demo --db sqlite:///autonews.db
    """
    from autonews.crawl import LOCAL_FAST, run_crawl
    from autonews.replica.server import ReplicaServer
    from autonews.replica.site import ReplicaSite
    from autonews.runlock import CrawlLocked
    from autonews.summary import database_summary

    replica_site = ReplicaSite(articles=articles, family=family)
    try:
        # A fixed port keeps article URLs stable, so running the demo again is incremental.
        server = ReplicaServer(replica_site, port=DEMO_PORT).start()
    except OSError:
        server = ReplicaServer(replica_site).start()
    try:
        click.echo(f"replica of qi-che.com (offline) serving at {server.base_url}")
        settings = LOCAL_FAST | {"AUTONEWS_DATABASE_URL": database_url, "LOG_LEVEL": log_level}
        outcome = run_crawl(site, settings=settings, args={"base_url": server.base_url})
    except CrawlLocked as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        server.stop()
    click.echo(database_summary(database_url))
    if not outcome.ok:
        raise click.ClickException(f"crawl {outcome.status or 'failed'} (finish reason: {outcome.reason})")
