"""Commands over the database: ``stats``, ``search``, ``show``, ``graph``, ``top-linked``,
``reindex`` and ``browse``.  Each is a shell over ``autonews.query``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from sqlalchemy import Engine

from autonews.cli.options import DAY, SITE_FILTER, db_option
from autonews.query.db import QueryError, open_existing
from autonews.query.table import format_table, to_csv
from autonews.store.readonly import sqlite_path

json_option = click.option("--json", "as_json", is_flag=True, help="JSON for machines.")
csv_option = click.option("--csv", "as_csv", is_flag=True, help="CSV (with a header row) for machines.")


@contextmanager
def _engine(url: str) -> Iterator[Engine]:
    """The database for one command; QueryError becomes a one-line error and exit 1."""
    engine = None
    try:
        engine = open_existing(url)
        yield engine
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if engine is not None:
            engine.dispose()


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _emit(rows: list[dict], columns: Sequence[str], *, as_json: bool, as_csv: bool, empty: str,
          caps: dict[int, int] | None = None) -> None:  # fmt: skip
    """JSON / CSV print even when empty (machines want []); people get a one-line error."""
    if as_json:
        _echo_json(rows)
    elif as_csv:
        click.echo(to_csv(columns, [[r.get(c) for c in columns] for r in rows]), nl=False)
    elif not rows:
        raise click.ClickException(empty)
    else:
        click.echo(format_table(columns, [[r.get(c) for c in columns] for r in rows], max_widths=caps))


@click.command()
@db_option
@click.option(
    "--days", default=14, show_default=True, type=click.IntRange(min=0), help="Newest days to list (0 = all)."
)
@SITE_FILTER
@json_option
def stats(database_url: str, days: int, site: str | None, as_json: bool) -> None:
    """Totals by channel and by day, articles lacking a date or source, and the latest crawl run.

    \b
    Example:
        autonews stats --db sqlite:///autonews.db --days 7
    """
    from autonews.query.stats import stats as compute

    with _engine(database_url) as engine:
        result = compute(engine, days=days, site=site)
    if as_json:
        _echo_json(result.to_dict())
        return
    click.echo(f"articles  {result.articles}   ({result.first_day or '?'} … {result.last_day or '?'})")
    click.echo(f"no date   {result.no_date}\nno source {result.no_source}")
    click.echo(f"links     {result.links}   (unresolved: {result.unresolved_links})\n")
    if len(result.by_site) > 1:
        click.echo(
            format_table(["site", "articles"], [[r["site"], r["articles"]] for r in result.by_site]) + "\n"
        )
    channels = [[r["channel"] or "(none)", r["articles"]] for r in result.by_channel]
    click.echo(format_table(["channel", "articles"], channels) + "\n")
    click.echo(format_table(["day", "articles"], [[r["day"], r["articles"]] for r in result.by_day]) + "\n")
    run = result.latest_run
    if run:
        click.echo(
            f"latest run #{run['id']} {run['spider']} {run['status']} "
            f"started {run['started_at']} finished {run['finished_at'] or '-'}: "
            f"{run['articles_new']} new, {run['articles_updated']} updated, {run['errors']} errors"
        )
    else:
        click.echo("no crawl runs recorded")


@click.command()
@click.argument("query")
@click.option(
    "--since", type=DAY, help="Only articles published on or after this day (2024-11-01, 2024-11, 2024)."
)
@click.option("--channel", help="Only this channel (e.g. hangye).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option(
    "--unique", is_flag=True, help="Each story once, at its origin, with its number of copies (reprints)."
)
@SITE_FILTER
@json_option
@csv_option
@db_option
def search(query: str, since: str | None, channel: str | None, limit: int, unique: bool, site: str | None,
           as_json: bool, as_csv: bool, database_url: str) -> None:  # fmt: skip
    """Articles whose title or body contains every term of QUERY, most relevant first.

    Terms are space-separated and all must occur, as exact substrings (ASCII
    letters ignore case); 1- and 2-character Chinese terms work: 车, 小米.

    \b
    Example:
        autonews search "小米 SU7" --since 2024-10-01 --limit 10
        autonews search 宝马 --unique
    """
    from autonews.query.search import search as run

    with _engine(database_url) as engine:
        found = run(engine, query, since=since, channel=channel, limit=limit, unique=unique, site=site)
        hits = [h.to_dict() for h in found]
    columns = ["published_at", "title", "snippet", "url"] + (["copies"] if unique else [])
    if as_json:
        keys = ("url", "title", "published_at", "snippet", "channel", "id") + (("copies",) if unique else ())
        _echo_json([{k: h[k] for k in keys} for h in hits])
        return
    for h in hits:
        h["published_at"] = (h["published_at"] or "")[:16].replace("T", " ")
    _emit(hits, columns, as_json=False, as_csv=as_csv, empty=f"no articles match {query!r}",
          caps={1: 36, 2: 60})  # fmt: skip


@click.command()
@click.argument("ref", metavar="URL|ID")
@json_option
@db_option
def show(ref: str, as_json: bool, database_url: str) -> None:
    """One article: its fields and body, what it links to, and what links to it.

    \b
    Example:
        autonews show http://www.qi-che.com/hangye/xinwen-20241021270778.html
    """
    from autonews.query.articles import get_article

    with _engine(database_url) as engine:
        article = get_article(engine, ref)
    if as_json:
        _echo_json(article)
        return
    for key in ("id", "url", "title", "channel", "published_at", "source", "author", "editor", "extractor"):
        click.echo(f"{key:<13}{article[key] if article[key] is not None else '-'}")
    click.echo(f"{'seen':<13}{article['first_seen_at']} … {article['last_seen_at']}\n")
    click.echo(article["body"] + "\n")
    for label, rows in (("links to", article["links_out"]), ("linked from", article["links_in"])):
        click.echo(f"{label} ({len(rows)}):")
        if rows:
            table = [[r["kind"], r["position"], "" if r["id"] is None else r["id"], r["title"], r["url"]]
                     for r in rows]  # fmt: skip
            click.echo(format_table(["kind", "pos", "id", "title", "url"], table, max_widths={3: 40}))


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json", "graphml", "dot"]), default="json", show_default=True
)
@click.option("--since", type=DAY, help="Only articles published on or after this day, and their links.")
@click.option(
    "--kind", type=click.Choice(["related", "latest", "other", "any"]), default="related", show_default=True
)
@click.option("--around", metavar="URL|ID", help="Only the neighbourhood of this article.")
@click.option(
    "--depth", default=1, show_default=True, type=click.IntRange(min=1), help="Link steps out from --around."
)
@SITE_FILTER
@db_option
def graph(
    fmt: str,
    since: str | None,
    kind: str,
    around: str | None,
    depth: int,
    site: str | None,
    database_url: str,
) -> None:
    """Print the link graph: articles and unresolved URLs as nodes, links (kind, position) as edges.

    json is networkx node-link data; graphml opens in Gephi; dot is for Graphviz.

    \b
    Example:
        autonews graph --since 2024-10-01 --format graphml > links.graphml
    """
    from autonews.query.graph import SERIALIZERS, build_graph

    with _engine(database_url) as engine:
        result = build_graph(engine, since=since, kind=kind, around=around, depth=depth, site=site)
    click.echo(SERIALIZERS[fmt](result), nl=False)


@click.command("top-linked")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100_000))
@click.option(
    "--kind", type=click.Choice(["related", "latest", "other", "any"]), default="related", show_default=True
)
@json_option
@csv_option
@db_option
def top_linked(limit: int, kind: str, as_json: bool, as_csv: bool, database_url: str) -> None:
    """The articles most often linked from other articles' related (or latest) blocks.

    \b
    Example:
        autonews top-linked --limit 10
    """
    from autonews.query.articles import top_linked as run

    with _engine(database_url) as engine:
        rows = run(engine, limit=limit, kind=kind)
    columns = ["links_in", "id", "published_at", "title", "url"]
    _emit(rows, columns, as_json=as_json, as_csv=as_csv, empty="no links between stored articles yet",
          caps={3: 40})  # fmt: skip


@click.command()
@db_option
@click.option(
    "--pending", is_flag=True, help="Only index the articles a crawl stored but has not indexed yet."
)
def reindex(database_url: str, pending: bool) -> None:
    """Create the search index and views if missing, and rebuild the index from the articles.

    On PostgreSQL this creates the pg_trgm indexes if missing (PostgreSQL keeps
    them current by itself).  On SQLite, --pending only catches up with the
    articles a crawl queued (a crawl does this itself as it goes and at its end;
    a killed crawl may leave some queued -- search finds them anyway, unranked).

    \b
    Example:
        autonews reindex --db sqlite:///autonews.db
        autonews reindex --pending
    """
    import time

    from autonews.store.ddl import index_pending, rebuild_search_index

    with _engine(database_url) as engine:
        if engine.dialect.name not in ("sqlite", "postgresql"):
            raise click.ClickException("the search index is for SQLite and PostgreSQL only")
        started = time.perf_counter()
        count = index_pending(engine) if pending else rebuild_search_index(engine)
    click.echo(f"indexed {count} articles in {time.perf_counter() - started:.1f} s")


@click.command()
@db_option
@click.option("--port", default=8001, show_default=True, help="Port on 127.0.0.1.")
@click.option("--metadata", "print_metadata", is_flag=True, help="Print Datasette metadata JSON and exit.")
def browse(database_url: str, port: int, print_metadata: bool) -> None:
    """Explore the database in Datasette (pip install 'autonews[browse]'), with canned queries.

    \b
    Example:
        autonews browse --db sqlite:///autonews.db --port 8001
        datasette autonews.db -m <(autonews browse --metadata)
    """
    from autonews import datasette

    path = sqlite_path(database_url)  # NoDatabase: one line, from the command group
    if path is None:
        raise click.ClickException("browse needs a SQLite database file")
    if print_metadata:
        _echo_json(datasette.metadata_for(path))
        return
    with _engine(database_url):  # a missing or foreign file: one line, before Datasette starts
        pass
    if not datasette.datasette_available():
        raise click.ClickException(datasette.INSTALL_HINT)
    click.echo(f"Datasette on http://127.0.0.1:{port}/{path.stem} (Ctrl-C stops it)", err=True)
    raise SystemExit(datasette.serve(Path(path), port=port))
