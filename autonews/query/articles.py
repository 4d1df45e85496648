"""One article with its links both ways (``show``), and the most-linked articles."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from autonews.query.db import QueryError

KINDS = ("related", "latest", "other", "any")

_ARTICLE_COLUMNS = (
    "id, url, canonical_url, site, channel, title, published_at, source, author, editor, "
    "extractor, page_count, first_seen_at, last_seen_at, updated_at, body"
)


MAX_ID = 2**63 - 1  # SQLite and PostgreSQL bigint: a larger number names no row


def get_article(engine: Engine, ref: str) -> dict[str, Any]:
    """The article with id ``ref`` (digits) or URL/canonical URL ``ref``, with its links.

    ``links_out``: what it links to, titled by the target article when we have
    it (else by the link text).  ``links_in``: the articles linking to it.
    """
    with engine.connect() as conn:
        if ref.isdigit() and int(ref) > MAX_ID:
            raise QueryError(f"no article with id {ref}")
        if ref.isdigit():
            sql, params = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = :ref", {"ref": int(ref)}
        else:
            sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE url = :ref OR canonical_url = :ref"
            params = {"ref": ref}
        row = conn.execute(text(sql + " ORDER BY id LIMIT 1"), params).mappings().first()
        if row is None:
            raise QueryError(f"no article with {'id' if ref.isdigit() else 'URL'} {ref}")
        article = dict(row)
        article["links_out"] = [
            dict(r)
            for r in conn.execute(
                text(
                    "SELECT l.kind, l.position, l.to_url AS url, l.to_id AS id, "
                    "COALESCE(t.title, l.title) AS title, t.published_at "
                    "FROM links l LEFT JOIN articles t ON t.id = l.to_id "
                    "WHERE l.from_id = :id ORDER BY l.kind DESC, l.position"
                ),
                {"id": article["id"]},
            ).mappings()
        ]
        # to_url catches links stored before the target existed and never resolved.
        article["links_in"] = [
            dict(r)
            for r in conn.execute(
                text(
                    "SELECT l.kind, l.position, f.url, f.id, f.title, f.published_at "
                    "FROM links l JOIN articles f ON f.id = l.from_id "
                    "WHERE l.to_id = :id OR (l.to_id IS NULL AND l.to_url = :url) "
                    "ORDER BY l.kind DESC, f.published_at DESC, f.id"
                ),
                {"id": article["id"], "url": article["url"]},
            ).mappings()
        ]
    return article


def top_linked(engine: Engine, *, limit: int = 20, kind: str = "related") -> list[dict[str, Any]]:
    """Articles with the most incoming links of ``kind`` (``any``: both kinds, a page may count twice)."""
    if kind not in KINDS:
        raise QueryError(f"kind must be one of {', '.join(KINDS)}")
    where = "" if kind == "any" else "AND kind = :kind"
    # Count in the (to_id, kind) index first, then read only the winners' rows.
    sql = (
        "SELECT a.id, a.url, a.title, a.published_at, c.links_in FROM "
        f"(SELECT to_id, COUNT(*) AS links_in FROM links WHERE to_id IS NOT NULL {where} "
        "GROUP BY to_id ORDER BY links_in DESC, to_id LIMIT :limit) AS c "
        "JOIN articles a ON a.id = c.to_id ORDER BY c.links_in DESC, a.id"
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(sql), {"kind": kind, "limit": limit}).mappings()]
