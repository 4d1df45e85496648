"""Search on PostgreSQL: exact substring matches, with ``pg_trgm`` indexes.

The match is the same as on SQLite (``autonews.query.terms``): the title or the
body contains the term, ASCII letters folded, every other character exact.

* A term without ASCII letters needs no folding: ``LIKE`` (3+ characters,
  which the trigram indexes serve) or ``strpos`` (1-2 characters: a trigram
  index has nothing to look up for them, and ``strpos`` is the fastest scan).
* A term with ASCII letters: ``ILIKE`` proposes candidates through the same
  indexes (pg_trgm folds case), and ``strpos`` on the ASCII-folded text
  (``translate``, which unlike ``lower()`` leaves Ä or Σ alone) keeps exactly
  the articles that contain it.  ``translate`` is slow on long text, so it only
  ever runs on candidates.

Without the extension (no privilege to create it) the same queries run by
reading every row.  Figures on 100,000 articles are in BENCHMARKS.md.

Ranking: a hit in the title weighs ``TITLE_WEIGHT`` per occurrence; a hit in
the body weighs up to ``BODY_WEIGHT``, more the earlier it comes (news puts
what matters first, and finding the first occurrence is much cheaper than
counting all of them).  The score is negated so that, as with SQLite's bm25,
lower is more relevant.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from autonews.query.terms import fold

_UPPER, _LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"


def folded(column: str) -> str:
    """SQL for ``column`` with ASCII letters lower-cased (the indexed expression)."""
    return f"translate({column}, '{_UPPER}', '{_LOWER}')"


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _has_ascii_letter(term: str) -> bool:
    return any("a" <= ch <= "z" or "A" <= ch <= "Z" for ch in term)


def _term_sql(i: int, term: str, params: dict, title_weight: float, body_weight: float) -> tuple[str, str]:
    """(the WHERE condition, the score) for term number ``i``."""
    params[f"t{i}"] = fold(term)
    if _has_ascii_letter(term):
        params[f"p{i}"] = _like(term)
        title, body = folded("a.title"), folded("a.body")
        cond = (
            f"(a.title ILIKE :p{i} ESCAPE '\\' OR a.body ILIKE :p{i} ESCAPE '\\')"
            f" AND (strpos({title}, :t{i}) > 0 OR strpos({body}, :t{i}) > 0)"
        )
    elif len(term) >= 3:
        params[f"p{i}"] = _like(term)
        title, body = "a.title", "a.body"
        cond = f"(a.title LIKE :p{i} ESCAPE '\\' OR a.body LIKE :p{i} ESCAPE '\\')"
    else:
        title, body = "a.title", "a.body"
        cond = f"(strpos(a.title, :t{i}) > 0 OR strpos(a.body, :t{i}) > 0)"
    t, b = f"coalesce({title}, '')", f"coalesce({body}, '')"
    in_title = f"(length({t}) - length(replace({t}, :t{i}, ''))) / length(:t{i})"
    first = f"strpos({b}, :t{i})"
    in_body = f"(CASE WHEN {first} > 0 THEN 1.0 - {first}::float / (length({b}) + 1) ELSE 0 END)"
    return cond, f"{title_weight} * {in_title} + {body_weight} * {in_body}"


def search_postgres(
    conn: Connection,
    terms: list[str],
    filters: str,
    params: dict,
    limit: int,
    title_weight: float,
    body_weight: float,
) -> list:
    """Rows (id, url, title, published_at, channel, body, score), most relevant first.

    ``filters``: extra SQL conditions on ``articles`` (its ``params`` already set).
    """
    params = params | {"limit": limit}
    where, score = [], []
    for i, term in enumerate(terms):
        cond, points = _term_sql(i, term, params, title_weight, body_weight)
        where.append(cond)
        score.append(points)
    if filters:
        where.append(filters)
    sql = (
        "SELECT a.id, a.url, a.title, a.published_at, a.channel, a.body, "
        f"-({' + '.join(score)}) AS score FROM articles AS a WHERE {' AND '.join(where)} "
        "ORDER BY score, a.id LIMIT :limit"
    )
    return conn.execute(text(sql), params).all()
