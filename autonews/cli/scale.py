"""Scale-out commands: ``workers`` (a local multi-process crawl) and ``copy-db``."""

from __future__ import annotations

import click

from autonews.cli.options import site_option
from autonews.store.engine import DEFAULT_DATABASE_URL


@click.command()
@click.argument("n", type=click.IntRange(min=1))
@click.option("--base-url", default=None, help="Where the crawl starts (default: the real site).")
@click.option(
    "--db",
    "database_url",
    default=DEFAULT_DATABASE_URL,
    show_default=True,
    envvar="AUTONEWS_DATABASE_URL",
    help="SQLAlchemy URL every worker writes to (env AUTONEWS_DATABASE_URL); PostgreSQL for real use.",
)
@click.option(
    "--redis",
    "redis_url",
    default="redis://127.0.0.1:6379/0",
    show_default=True,
    envvar="AUTONEWS_REDIS_URL",
    help="Redis holding the shared queue (env AUTONEWS_REDIS_URL).",
)
@click.option(
    "--idle-exit", default=10.0, show_default=True, help="Seconds of empty frontier before workers exit."
)
@click.option(
    "-s", "--set", "extra", multiple=True, metavar="NAME=VALUE", help="More Scrapy settings, repeatable."
)
@click.option(
    "--log-dir", type=click.Path(file_okay=False), default=None, help="One log file per worker here."
)
@site_option()
def workers(
    n: int,
    site: str,
    base_url: str | None,
    database_url: str,
    redis_url: str,
    idle_exit: float,
    extra: tuple[str, ...],
    log_dir: str | None,
) -> None:
    """Start N crawler workers on one shared Redis frontier and wait for them.

    Each worker is `scrapy crawl SITE` with AUTONEWS_REDIS_URL set: every URL is
    fetched once by one of them, a killed worker's requests go to the others,
    and all exit once the queue has been empty for --idle-exit seconds.  Exits
    non-zero if any worker did.

    \b
    Example:
        autonews workers 3 --base-url http://127.0.0.1:8808 \\
            --db postgresql+psycopg://postgres@127.0.0.1/news --redis redis://127.0.0.1:6379/0
    """
    from pathlib import Path

    from autonews.distributed import redis_problem
    from autonews.distributed.workers import start_workers, wait_workers

    problem = redis_problem(redis_url)
    if problem:
        raise click.ClickException(problem)

    settings = {"AUTONEWS_IDLE_EXIT_SECONDS": str(idle_exit)}
    for pair in extra:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="-s")
        settings[name] = value
    logs = Path(log_dir) if log_dir else None
    if logs:
        logs.mkdir(parents=True, exist_ok=True)
    procs = start_workers(
        n,
        database_url=database_url,
        redis_url=redis_url,
        base_url=base_url,
        settings=settings,
        log_dir=logs,
        spider=site,
    )
    click.echo(f"started {n} workers: pids {', '.join(str(p.pid) for p in procs)}")
    codes = wait_workers(procs)
    click.echo(f"workers exited: {', '.join(map(str, codes))}")
    if any(codes):
        raise SystemExit(max(codes))


@click.command(name="copy-db")
@click.argument("src_url")
@click.argument("dst_url")
def copy_db(src_url: str, dst_url: str) -> None:
    """Copy a whole autonews database to another (e.g. SQLite to PostgreSQL), ids kept.

    The destination is created at the current schema and must hold no crawl
    data; row counts are compared at the end.

    \b
    Example:
        autonews copy-db sqlite:///autonews.db postgresql+psycopg://postgres@127.0.0.1/news
    """
    from autonews.store.copy import CopyError, copy_database
    from autonews.store.readonly import require_database

    require_database(src_url)
    try:
        counts = copy_database(src_url, dst_url)
    except CopyError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("copied: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
