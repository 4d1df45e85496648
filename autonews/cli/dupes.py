"""``autonews dupes``: reprint clusters, the origin first, then its copies."""

from __future__ import annotations

import click

from autonews.cli.options import DAY, db_option
from autonews.query.table import format_table


@click.command()
@click.option("--since", type=DAY, help="Only clusters with an article published on or after this day.")
@click.option("--site", help="Only clusters with an article from this site (e.g. qiche).")
@click.option(
    "--min-similarity",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Only copies at least this similar to their origin (0-1; pairs below 0.5 are never stored).",
)
@click.option("--rebuild", is_flag=True, help="Recompute every cluster from scratch first.")
@click.option(
    "--catch-up",
    "catch_up_only",
    is_flag=True,
    help="Only bring the clusters up to date and say how many there are (after a crawl, from cron).",
)
@click.option("--json", "as_json", is_flag=True, help="JSON for machines: a list of clusters.")
@db_option
def dupes(since: str | None, site: str | None, min_similarity: float, rebuild: bool, catch_up_only: bool,
          as_json: bool, database_url: str) -> None:  # fmt: skip
    """Stories stored more than once (reprints, 转载): one cluster per block, the origin
    (earliest published) first, then its copies with site, time, title and similarity.

    Articles stored since the last crawl's catch-up are clustered first; --rebuild
    recomputes everything (and gives the same clusters).  --catch-up does only that
    and exits 0 however many clusters there are: run it after each crawl to keep the
    reprint tables current for SQL and Datasette.

    \b
    Example:
        autonews dupes --since 2024-11-01 --min-similarity 0.8
        autonews dupes --json > clusters.json
        scrapy crawl qiche && autonews dupes --catch-up
    """
    from autonews.cli.query import _echo_json, _engine
    from autonews.reprints import catch_up, tables
    from autonews.reprints.listing import list_clusters
    from autonews.store import Store

    with _engine(database_url) as engine:  # never creates a database: a missing one is one line
        if site is not None and not _has_site(engine, site):
            raise click.BadParameter(
                f"no articles from site {site!r} in this database", param_hint="'--site'"
            )
    store = Store.open(database_url)  # upgrades an older schema to one with the cluster tables
    try:
        done = catch_up(store.engine, rebuild=rebuild)
        if catch_up_only:
            with store.engine.connect() as conn:
                clusters_now, pairs_now = tables.counts(conn)
            click.echo(f"reprints: {_count(done.sketched, 'article')} sketched; {_count(clusters_now, 'cluster')}, "
                       f"{_count(pairs_now, 'pair')} stored")  # fmt: skip
            return
        clusters = list_clusters(store.engine, since=since, site=site, min_similarity=min_similarity)
    finally:
        store.close()
    if as_json:
        _echo_json(clusters)
        return
    if not clusters:
        raise click.ClickException("no reprint clusters match")
    for n, cluster in enumerate(clusters):
        members = cluster["members"]
        sites = len({m["site"] for m in members})
        click.echo(("\n" if n else "") + f"{_count(len(members), 'article')}, {_count(sites, 'site')}")
        rows = [
            ["origin" if i == 0 else "copy", m["site"], (m["published_at"] or "")[:16].replace("T", " "),
             "" if i == 0 else f"{m['similarity']:.2f}", m["title"], m["url"]]
            for i, m in enumerate(members)
        ]  # fmt: skip
        click.echo(format_table(["", "site", "published", "sim", "title", "url"], rows, max_widths={4: 40}))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _has_site(engine, site: str) -> bool:
    from sqlalchemy import text

    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT 1 FROM articles WHERE site = :s LIMIT 1"), {"s": site}).first()
            is not None
        )
