"""Full-text search: exact substring matches, ranked by relevance (bm25 on SQLite).

PostgreSQL has its own implementation in ``autonews.query.search_pg``.

The FTS index (see ``autonews.store.ddl``) proposes candidates.  For terms of
Han characters and ASCII digits its answer is already exact (their tokens are
tokens unchanged by folding), so a search for 车 -- in nine of ten articles --
ranks inside FTS5 and reads only the rows it shows.  Any other term (ASCII
letters, punctuation, rarer scripts) is checked with ``instr()`` against the
stored title and body, so case folding can never add a fuzzy extra.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from sqlalchemy import Connection, Engine, Row, text
from sqlalchemy.exc import DBAPIError

from autonews.query.db import QueryError
from autonews.query.search_pg import search_postgres
from autonews.query.terms import fold, match_expression, snippet, split_terms
from autonews.store.ddl import PENDING_TABLE, SEARCH_TABLE, has_pending, has_search_index
from autonews.store.segment import exact_in_index

# Title hits weigh more than body hits: a headline naming 小米 is about 小米.
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0


@dataclass
class Hit:
    id: int
    url: str
    title: str | None
    published_at: str | None
    channel: str | None
    snippet: str
    score: float | None  # lower is more relevant (SQLite: bm25); None when no index ranked it
    copies: int | None = None  # with unique=True: the story's other stored copies (reprints)

    def to_dict(self) -> dict:
        return asdict(self)


def search(
    engine: Engine,
    query: str,
    *,
    since: str | None = None,
    channel: str | None = None,
    limit: int = 20,
    unique: bool = False,
    site: str | None = None,
) -> list[Hit]:
    """Articles containing every space-separated term of ``query``, most relevant first.

    ``unique``: each story once, at its origin (``autonews.reprints``), with its number of copies.
    """
    terms = split_terms(query)
    backend = _BACKENDS.get(engine.dialect.name)
    if backend is None:
        raise QueryError(
            f"search is not available on {engine.dialect.name} (SQLite and PostgreSQL only); "
            "the views (article_links, daily_counts, …) work everywhere"
        )
    with engine.connect() as conn:
        try:
            if unique:
                # Copies crowd a plain top-N; read further so that N stories remain.
                return _unique(
                    conn, backend(conn, terms, since, channel, site, min(10_000, limit * 5)), limit
                )
            return backend(conn, terms, since, channel, site, limit)
        except DBAPIError as exc:
            raise QueryError(f"search failed: {exc.orig}") from exc


def _unique(conn: Connection, hits: list[Hit], limit: int) -> list[Hit]:
    """The best-ranked hit of each story, shown as the story's origin."""
    from autonews.reprints.listing import origins

    clustered = origins(conn, [h.id for h in hits])
    wanted = sorted({origin for origin, _ in clustered.values()} - {h.id for h in hits})
    rows = {h.id: h for h in hits}
    if wanted:
        marks = ",".join(str(int(i)) for i in wanted)
        sql = f"SELECT id, url, title, published_at, channel FROM articles WHERE id IN ({marks})"
        for r in conn.execute(text(sql)):
            rows[r.id] = Hit(r.id, r.url, r.title, r.published_at, r.channel, "", None)
    out: dict[int, Hit] = {}
    for hit in hits:
        origin, copies = clustered.get(hit.id, (hit.id, 0))
        if origin not in out:
            shown = rows[origin]
            out[origin] = replace(shown, snippet=hit.snippet, score=hit.score, copies=copies)
    return list(out.values())[:limit]


def _verify_clause(terms: list[str], params: dict) -> str:
    """SQL requiring each term in the title or the body (ASCII case folded)."""
    parts = []
    for i, term in enumerate(terms):
        params[f"t{i}"] = fold(term)
        if fold(term) == term.lower() == term.upper():  # nothing to fold: skip lower()'s copy
            col_title, col_body = "a.title", "a.body"
        else:
            col_title, col_body = "lower(a.title)", "lower(a.body)"
        parts.append(f"(instr({col_title}, :t{i}) > 0 OR instr({col_body}, :t{i}) > 0)")
    return " AND ".join(parts) or "1 = 1"


def _filter_clause(since: str | None, channel: str | None, site: str | None, params: dict) -> str:
    conds = []
    if since:
        conds.append("published_at >= :since")
        params["since"] = since
    if channel:
        conds.append("channel = :channel")
        params["channel"] = channel
    if site:
        conds.append("site = :site")
        params["site"] = site
    return " AND ".join(conds)


def _search_sqlite(
    conn: Connection, terms: list[str], since: str | None, channel: str | None, site: str | None, limit: int
) -> list[Hit]:
    if not has_search_index(conn):
        raise QueryError("this database has no search index yet: run `autonews reindex`")
    indexed = [(t, e) for t in terms if (e := match_expression(t)) is not None]
    if not indexed:  # only punctuation-like terms: no index can help, read every article
        rows = _scan(conn, "articles AS a", terms, since, channel, site, limit)
    else:
        rows = _ranked(conn, terms, indexed, since, channel, site, limit)
        if len(rows) < limit and has_pending(conn):
            # Stored but not indexed yet (Store.index_search): a scan of that queue keeps
            # search exact while a crawl runs.  No bm25 score; after the ranked hits.
            queued = f"{PENDING_TABLE} AS p JOIN articles AS a ON a.id = p.id"
            rows += _scan(conn, queued, terms, since, channel, site, limit - len(rows))
    bodies = _bodies(conn, [r.id for r in rows])
    return [
        Hit(r.id, r.url, r.title, r.published_at, r.channel, _snip(bodies.get(r.id), r.title, terms), r.score)
        for r in rows
    ]


def _ranked(
    conn: Connection,
    terms: list[str],
    indexed: list[tuple[str, str]],
    since: str | None,
    channel: str | None,
    site: str | None,
    limit: int,
) -> list[Row]:
    """Hits the FTS index proposes, checked where its answer is not exact, by bm25."""
    params: dict = {"limit": limit, "match": " AND ".join(e for _, e in indexed)}
    filters = _filter_clause(since, channel, site, params)
    unsure = [t for t in terms if t not in {t for t, _ in indexed} or not exact_in_index(t)]
    # Filters go inside as a rowid set, so bm25 is computed only for rows that pass them;
    # the + keeps SQLite from handing FTS5 one full-text lookup per id in the set.
    inner = (
        f"SELECT rowid AS id, bm25({SEARCH_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score "
        f"FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :match"
        + (f" AND +rowid IN (SELECT id FROM articles WHERE {filters})" if filters else "")
    )
    if not unsure:  # the index alone is exact: rank inside FTS, join only the winners
        inner += " ORDER BY score, id LIMIT :limit"
    sql = (
        "SELECT a.id, a.url, a.title, a.published_at, a.channel, s.score "
        f"FROM ({inner}) AS s JOIN articles AS a ON a.id = s.id "
        f"WHERE {_verify_clause(unsure, params)} ORDER BY s.score, a.id LIMIT :limit"
    )
    return list(conn.execute(text(sql), params).all())


def _scan(
    conn: Connection,
    source: str,
    terms: list[str],
    since: str | None,
    channel: str | None,
    site: str | None,
    limit: int,
) -> list[Row]:
    """Articles of ``source`` (alias ``a``) containing every term, newest first, unscored."""
    params: dict = {"limit": limit}
    filters = _filter_clause(since, channel, site, params)
    where = _verify_clause(terms, params) + (f" AND {filters}" if filters else "")
    sql = (
        f"SELECT a.id, a.url, a.title, a.published_at, a.channel, NULL AS score FROM {source} "
        f"WHERE {where} ORDER BY a.published_at DESC, a.id DESC LIMIT :limit"
    )
    return list(conn.execute(text(sql), params).all())


def _snip(body: str | None, title: str | None, terms: list[str]) -> str:
    return snippet(body or "", terms) if body else snippet(title or "", terms)


def _bodies(conn: Connection, ids: list[int]) -> dict[int, str]:
    """Bodies of the shown hits only: the ranked query never carries them through its sort."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(
        conn.exec_driver_sql(f"SELECT id, body FROM articles WHERE id IN ({marks})", tuple(ids)).all()
    )


def _search_postgres(
    conn: Connection, terms: list[str], since: str | None, channel: str | None, site: str | None, limit: int
) -> list[Hit]:
    params: dict = {}
    filters = _filter_clause(since, channel, site, params)  # plain column names: one table, no ambiguity
    rows = search_postgres(conn, terms, filters, params, limit, TITLE_WEIGHT, BODY_WEIGHT)
    return [
        Hit(r.id, r.url, r.title, r.published_at, r.channel, _snip(r.body, r.title, terms), float(r.score))
        for r in rows
    ]


_BACKENDS: dict[str, Callable[..., list[Hit]]] = {"sqlite": _search_sqlite, "postgresql": _search_postgres}
