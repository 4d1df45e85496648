"""Commands over the raw WARC archive: ``reextract`` and ``replay``."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import click

from autonews.cli.options import SITE_FILTER, db_option, site_option


def _warc_dir(value: Path | None, database_url: str) -> Path:
    from autonews.archive.writer import default_warc_dir

    directory = value or default_warc_dir(database_url)
    if not directory.is_dir():
        raise click.ClickException(f"no WARC directory at {directory} (give --warc-dir)")
    return directory


@click.command()
@db_option
@click.option("--warc-dir", type=click.Path(path_type=Path), help="Archive directory [default: warc/ beside the database].")  # fmt: skip
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only pages fetched on or after this day (UTC).")  # fmt: skip
@SITE_FILTER
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def reextract(database_url: str, warc_dir: Path | None, since, site: str | None, as_json: bool) -> None:
    """Rebuild articles and links from the WARC archive with the current extraction code.

    Never fetches: every page comes from the archive and is read against its own
    fetch time.  Changed articles are updated (their old text goes to
    article_versions); the counts say how many were new, updated or unchanged.

    \b
    Example:
        autonews reextract --since 2024-11-01 --db sqlite:///autonews.db
    """
    from autonews.archive.reextract import reextract as run

    directory = _warc_dir(warc_dir, database_url)
    day: date | None = since.date() if since else None
    result = run(directory, database_url, since=day, site=site)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    dropped = ", ".join(f"{k} {v}" for k, v in sorted(result.dropped.items())) or "0"
    click.echo(
        f"reextract run #{result.run_id}: {result.articles} articles from {result.pages} pages "
        f"({result.records} archived URLs) in {result.seconds:.1f} s\n"
        f"new {result.statuses['new']}, updated {result.statuses['updated']}, "
        f"unchanged {result.statuses['unchanged']}, dropped {dropped}, generic fallbacks {result.fallbacks}"
    )


@click.command()
@click.argument("warc_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@click.option("--base-url", help="Where the crawl starts [default: the archive's most common origin].")
@click.option("--log-level", default="WARNING", show_default=True)
@site_option()
def replay(warc_dir: Path, database_url: str, base_url: str | None, log_level: str, site: str) -> None:
    """Crawl offline: run a site's spider with every request answered from a WARC archive.

    Like Scrapy's HTTP cache: archived URLs get their stored response, any other
    URL a 404; nothing goes to the network and nothing new is archived.  Same as
    `scrapy crawl qiche -a base_url=URL -s AUTONEWS_REPLAY_WARC=DIR`.

    \b
    Example:
        autonews replay warc/ --db sqlite:///replayed.db
    """
    from autonews.archive.reader import ArchiveIndex
    from autonews.crawling.process import LOCAL_FAST, run_crawl

    index = ArchiveIndex.build(warc_dir)
    if not index.refs:
        raise click.ClickException(f"{warc_dir} holds no response records")
    base = base_url or _main_origin(index.refs)
    settings = LOCAL_FAST | {
        "AUTONEWS_DATABASE_URL": database_url,
        "AUTONEWS_REPLAY_WARC": str(warc_dir),
        "LOG_LEVEL": log_level,
    }
    outcome = run_crawl(site, settings=settings, args={"base_url": base})
    stats = outcome.stats
    click.echo(
        f"replayed {base} from {warc_dir}: {stats.get('autonews/warc/replay_hit', 0)} hits, "
        f"{stats.get('autonews/warc/replay_miss', 0)} misses (404); "
        f"new {stats.get('autonews/articles/new', 0)}, updated {stats.get('autonews/articles/updated', 0)}, "
        f"unchanged {stats.get('autonews/articles/unchanged', 0)}"
    )
    if not outcome.ok:
        raise click.ClickException(f"crawl {outcome.status or 'failed'} (finish reason: {outcome.reason})")


def _main_origin(urls) -> str:
    origins = Counter(f"{p.scheme}://{p.netloc}" for p in map(urlsplit, urls))
    return origins.most_common(1)[0][0]
