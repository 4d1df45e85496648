"""Reading clusters back: ``autonews dupes`` and ``search --unique``."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Engine, text

from autonews.reprints.clusters import published_key

_MEMBERS = """
SELECT m.cluster_id, c.origin_id, a.id, a.url, a.site, a.title, a.published_at, m.similarity,
       f.url AS copied_from
FROM reprint_members m
JOIN reprint_clusters c ON c.id = m.cluster_id
JOIN articles a ON a.id = m.article_id
LEFT JOIN articles f ON f.id = m.copied_from_id
WHERE m.cluster_id IN (SELECT mm.cluster_id FROM reprint_members mm JOIN articles aa ON aa.id = mm.article_id
                       WHERE (CAST(:since AS VARCHAR(32)) IS NULL OR aa.published_at >= :since)
                         AND (CAST(:site AS VARCHAR(32)) IS NULL OR aa.site = :site))
"""


def list_clusters(
    engine: Engine, *, since: str | None = None, site: str | None = None, min_similarity: float = 0.0
) -> list[dict[str, Any]]:
    """Clusters with a member published on or after ``since`` and one from ``site``, newest
    first: ``{"origin": url, "members": [...]}``, the origin first among the members, then
    the copies whose similarity to it is at least ``min_similarity`` (a cluster left with
    no copy is not listed)."""
    with engine.connect() as conn:
        rows = conn.execute(text(_MEMBERS), {"since": since, "site": site}).mappings().all()
    by_cluster: dict[int, list] = defaultdict(list)
    for row in rows:
        by_cluster[row["cluster_id"]].append(row)
    out = []
    for members in by_cluster.values():
        origin = next(m for m in members if m["id"] == m["origin_id"])
        copies = sorted(
            (m for m in members if m["id"] != origin["id"] and m["similarity"] >= min_similarity),
            key=lambda m: published_key(m["published_at"], m["id"]),
        )
        if copies:
            out.append({"origin": origin["url"], "members": [_member(m) for m in (origin, *copies)]})
    return sorted(out, key=lambda c: (-_newest(c["members"]), c["origin"]))


def _newest(members: list[dict[str, Any]]) -> float:
    """The latest known publish time of the members (clusters of unknown times list last)."""
    known = [t for m in members if (t := published_key(m["published_at"], 0)[0]) != math.inf]
    return max(known, default=-math.inf)


def _member(row: Any) -> dict[str, Any]:
    keys = ("url", "site", "title", "published_at", "similarity", "copied_from")
    return {k: row[k] for k in keys}


def has_clusters(conn: Connection) -> bool:
    """Does this database have the reprint tables (schema 0006 or later)?"""
    from sqlalchemy import inspect

    return inspect(conn).has_table("reprint_members")


def origins(conn: Connection, ids: list[int]) -> dict[int, tuple[int, int]]:
    """article id -> (its cluster's origin id, copies in the cluster) for clustered ``ids``."""
    if not ids or not has_clusters(conn):
        return {}
    marks = ", ".join(str(int(i)) for i in ids)
    sql = (
        "SELECT m.article_id, c.origin_id, c.size - 1 FROM reprint_members m "
        f"JOIN reprint_clusters c ON c.id = m.cluster_id WHERE m.article_id IN ({marks})"
    )
    return {art_id: (origin, copies) for art_id, origin, copies in conn.execute(text(sql))}
