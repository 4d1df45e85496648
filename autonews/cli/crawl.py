"""Commands that crawl: ``demo`` and ``replica``."""

from __future__ import annotations

import click

from autonews.cli.options import db_option


@click.command()
@click.option("--port", default=8808, show_default=True, help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--articles", default=0, show_default=True, help="Generated articles on top of the core set.")
def replica(port: int, articles: int) -> None:
    """Serve the offline replica of qi-che.com on 127.0.0.1 until Ctrl-C.

    \b
    Example:
        autonews replica --port 8808 --articles 1000
        scrapy crawl qiche -a base_url=http://127.0.0.1:8808
    """
    from autonews.replica.server import serve_forever

    serve_forever(port, articles)


DEMO_PORT = 8808


@click.command()
@db_option
@click.option("--articles", default=0, show_default=True, help="Generated articles on top of the core set.")
@click.option("--log-level", default="WARNING", show_default=True)
def demo(database_url: str, articles: int, log_level: str) -> None:
    """Crawl the bundled offline replica with the qiche spider, then summarise the database.

    \b
    Example:
        autonews demo --db sqlite:///autonews.db
    """
    from autonews.crawl import LOCAL_FAST, run_crawl
    from autonews.replica.server import ReplicaServer
    from autonews.replica.site import ReplicaSite
    from autonews.runlock import CrawlLocked
    from autonews.summary import database_summary

    site = ReplicaSite(articles=articles)
    try:
        # A fixed port keeps article URLs stable, so running the demo again is incremental.
        server = ReplicaServer(site, port=DEMO_PORT).start()
    except OSError:
        server = ReplicaServer(site).start()
    try:
        click.echo(f"replica of qi-che.com (offline) serving at {server.base_url}")
        settings = LOCAL_FAST | {"AUTONEWS_DATABASE_URL": database_url, "LOG_LEVEL": log_level}
        outcome = run_crawl("qiche", settings=settings, args={"base_url": server.base_url})
    except CrawlLocked as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        server.stop()
    click.echo(database_summary(database_url))
    if not outcome.ok:
        raise click.ClickException(f"crawl {outcome.status or 'failed'} (finish reason: {outcome.reason})")
