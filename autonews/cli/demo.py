"""Commands that crawl: ``demo`` and ``replica``."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import click

from autonews.cli.options import db_option, site_option
from autonews.replica.families import DEFAULT_FAMILY, FAMILIES, get_family

if TYPE_CHECKING:
    from autonews.replica.second_site import SecondSite
    from autonews.replica.server import ReplicaServer
    from autonews.replica.site import ReplicaSite


def _family(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        get_family(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


family_option = click.option(
    "--family",
    default=DEFAULT_FAMILY,
    show_default=True,
    callback=_family,
    help="The replica's markup family and URL shape (live: the site as it is today; legacy: 2016 URLs;"
    f" random-N: a template drawn with seed N). Families: {', '.join(sorted(FAMILIES))}.",
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
    """Crawl the bundled offline replica with the site's spider, then the second replica site
    (no profile) with `news`, into one database; then summarise the database.

    \b
    Example:
        autonews demo --db sqlite:///autonews.db
    """
    from autonews.crawling.process import LOCAL_FAST, run_crawl
    from autonews.crawling.runlock import CrawlLocked
    from autonews.query.summary import database_summary
    from autonews.replica.second_site import SITE_NAME as SECOND_SITE_NAME
    from autonews.replica.second_site import SecondSite
    from autonews.replica.site import ReplicaSite

    replica_site = ReplicaSite(articles=articles, family=family)
    # Fixed ports keep article URLs stable, so running the demo again is incremental.
    server = _start(replica_site, DEMO_PORT)
    second = _start(SecondSite(), DEMO_PORT + 1)
    settings = LOCAL_FAST | {"AUTONEWS_DATABASE_URL": database_url, "LOG_LEVEL": log_level}
    try:
        click.echo(f"replica of qi-che.com (offline) serving at {server.base_url}")
        click.echo(f"second replica site, {SECOND_SITE_NAME} (no profile), serving at {second.base_url}")
        outcome = run_crawl(site, settings=settings, args={"base_url": server.base_url})
        # The second site has no profile: the news spider reads it by meaning, into the same
        # database. Twisted's reactor runs once per process, so this crawl gets a fresh one.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            second_outcome = pool.submit(
                run_crawl, "news", settings=settings, args={"base_url": second.base_url}
            ).result()
    except CrawlLocked as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        server.stop()
        second.stop()
    click.echo(database_summary(database_url))
    failed = [
        (name, o) for name, o in (("qi-che.com", outcome), (SECOND_SITE_NAME, second_outcome)) if not o.ok
    ]
    if failed:
        raise click.ClickException(
            "; ".join(
                f"{name} crawl {o.status or 'failed'} (finish reason: {o.reason})" for name, o in failed
            )
        )


def _start(site: ReplicaSite | SecondSite, port: int) -> ReplicaServer:
    """A replica server on ``port``, or on a free port when that one is taken."""
    from autonews.replica.server import ReplicaServer

    try:
        return ReplicaServer(site, port=port).start()
    except OSError:
        return ReplicaServer(site).start()
