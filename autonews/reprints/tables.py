"""Reading and writing the reprint tables (``reprint_signatures``, ``reprint_pairs``,
``reprint_clusters``, ``reprint_members``), in SQLAlchemy Core so any back-end works."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, func, insert, or_, select, union

from autonews.reprints.clusters import Member
from autonews.store.models import Article, ReprintCluster, ReprintMember, ReprintPair, ReprintSignature

CHUNK = 500  # ids per IN (...) list


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def pending_ids(conn: Connection, scheme: str) -> list[int]:
    """Articles with no signature, or one of an older text or another scheme."""
    sql = (
        "SELECT a.id FROM articles a LEFT JOIN reprint_signatures s ON s.article_id = a.id "
        "WHERE s.article_id IS NULL OR s.content_hash <> a.content_hash OR s.scheme <> ? ORDER BY a.id"
    )
    return [row[0] for row in conn.exec_driver_sql(_sql(conn, sql), (scheme,))]


def article_ids(conn: Connection) -> list[int]:
    return [row[0] for row in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")]


def _sql(conn: Connection, sql: str) -> str:
    """``?`` placeholders in the driver's own style: the hot paths skip SQLAlchemy's compiler."""
    return sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def bodies(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """id -> (body, content_hash)."""
    out: dict[int, tuple[str, str]] = {}
    wanted = sorted(ids)
    for part in chunks(wanted, 2000):
        lo, hi = part[0], part[-1]
        if hi - lo < 2 * len(part):  # dense (a rebuild): one range scan
            sql, params = "SELECT id, body, content_hash FROM articles WHERE id BETWEEN ? AND ?", (lo, hi)
            keep = set(part)
            rows = [r for r in conn.exec_driver_sql(_sql(conn, sql), params) if r[0] in keep]
        else:
            rows = []
            for few in chunks(part):
                sql = f"SELECT id, body, content_hash FROM articles WHERE id IN ({', '.join('?' * len(few))})"
                rows += conn.exec_driver_sql(_sql(conn, sql), tuple(few)).all()
        out.update({art_id: (body or "", digest) for art_id, body, digest in rows})
    return out


def save_signatures(
    conn: Connection, rows: list[tuple[int, str, np.ndarray]], scheme: str, *, fresh: bool = False
) -> None:
    """(article id, content hash, band keys) rows replace what was stored for those articles
    (``fresh``: nothing was)."""
    if not fresh:
        for part in chunks([r[0] for r in rows]):
            conn.execute(delete(ReprintSignature).where(ReprintSignature.article_id.in_(part)))
    sql = "INSERT INTO reprint_signatures (article_id, content_hash, scheme, band_keys) VALUES (?, ?, ?, ?)"
    values = [(i, d, scheme, k.astype("<i8").tobytes()) for i, d, k in rows]
    if values:
        conn.exec_driver_sql(_sql(conn, sql), values)


def all_keys(conn: Connection) -> tuple[np.ndarray, np.ndarray]:
    """(band keys, owning article id) of every stored signature, as two flat arrays."""
    rows = conn.exec_driver_sql("SELECT article_id, band_keys FROM reprint_signatures").fetchall()
    ids = [r[0] for r in rows]
    blobs = [r[1] for r in rows]  # bytes (SQLite) or memoryview (psycopg): join takes both
    keys = np.frombuffer(b"".join(blobs), dtype="<i8")
    owners = np.repeat(np.array(ids, dtype=np.int64), [len(b) // 8 for b in blobs])
    return keys, owners


def replace_pairs(
    conn: Connection, ids: Sequence[int], pairs: dict[tuple[int, int], float], *, fresh: bool = False
) -> None:
    """Drop the stored pairs touching ``ids`` (``fresh``: there are none), then store ``pairs``."""
    for part in [] if fresh else chunks(sorted(ids)):
        conn.execute(
            delete(ReprintPair).where(or_(ReprintPair.low_id.in_(part), ReprintPair.high_id.in_(part)))
        )
    rows = [{"low_id": a, "high_id": b, "similarity": s} for (a, b), s in sorted(pairs.items())]
    for part in chunks(rows, 2000):
        conn.execute(insert(ReprintPair), list(part))


def stored_pairs(conn: Connection) -> dict[tuple[int, int], float]:
    query = select(ReprintPair.low_id, ReprintPair.high_id, ReprintPair.similarity)
    return {(a, b): s for a, b, s in conn.execute(query)}


def pairs_touching(conn: Connection, ids: Iterable[int]) -> dict[tuple[int, int], float]:
    """The stored pairs with at least one end among ``ids`` (both indexed lookups)."""
    out: dict[tuple[int, int], float] = {}
    p = ReprintPair
    for part in chunks(sorted(ids)):
        for column in (p.low_id, p.high_id):
            out.update(
                {
                    (a, b): s
                    for a, b, s in conn.execute(
                        select(p.low_id, p.high_id, p.similarity).where(column.in_(part))
                    )
                }
            )
    return out


def clusters_of(conn: Connection, ids: Iterable[int]) -> tuple[set[int], set[int]]:
    """(cluster ids, member ids) of the stored clusters with a member among ``ids``."""
    sql = (
        "SELECT m2.cluster_id, m2.article_id FROM reprint_members m1 JOIN reprint_members m2 "
        "ON m2.cluster_id = m1.cluster_id WHERE m1.article_id IN ({})"
    )
    clusters: set[int] = set()
    members: set[int] = set()
    for part in chunks(sorted(ids)):
        for cluster_id, article_id in conn.exec_driver_sql(
            _sql(conn, sql.format(", ".join("?" * len(part)))), tuple(part)
        ):
            clusters.add(cluster_id)
            members.add(article_id)
    return clusters, members


def counts(conn: Connection) -> tuple[int, int]:
    """(clusters, pairs) stored."""
    clusters = conn.execute(select(func.count()).select_from(ReprintCluster)).scalar() or 0
    pairs = conn.execute(select(func.count()).select_from(ReprintPair)).scalar() or 0
    return clusters, pairs


def members_info(conn: Connection, ids: Iterable[int]) -> dict[int, Member]:
    out: dict[int, Member] = {}
    for part in chunks(sorted(ids)):
        query = select(Article.id, Article.site, Article.published_at, Article.source).where(
            Article.id.in_(part)
        )
        out.update(
            {row.id: Member(row.id, row.site, row.published_at, row.source) for row in conn.execute(query)}
        )
    return out


def stored_clusters(conn: Connection, ids: Iterable[int] | None = None) -> tuple[list[tuple], list[tuple]]:
    """(cluster rows, member rows) as sorted tuples, to compare with what a run computed: of
    the clusters ``ids`` (None: all)."""
    c, m = ReprintCluster, ReprintMember
    cq = select(c.id, c.origin_id, c.size, c.sites, c.first_published_at, c.last_published_at)
    mq = select(m.article_id, m.cluster_id, m.similarity, m.copied_from_id)
    if ids is None:
        clusters = [tuple(r) for r in conn.execute(cq)]
        members = [tuple(r) for r in conn.execute(mq)]
    else:
        clusters, members = [], []
        for part in chunks(sorted(ids)):
            clusters += [tuple(r) for r in conn.execute(cq.where(c.id.in_(part)))]
            members += [tuple(r) for r in conn.execute(mq.where(m.cluster_id.in_(part)))]
    return sorted(clusters), sorted(members)


def replace_clusters(
    conn: Connection, clusters: list[tuple], members: list[tuple], old: Iterable[int] | None = None
) -> None:
    """Drop the clusters ``old`` (None: all) and their members, then store these."""
    if old is None:
        conn.execute(delete(ReprintMember))
        conn.execute(delete(ReprintCluster))
    else:
        for part in chunks(sorted(old)):
            conn.execute(delete(ReprintMember).where(ReprintMember.cluster_id.in_(part)))
            conn.execute(delete(ReprintCluster).where(ReprintCluster.id.in_(part)))
    cols = ("id", "origin_id", "size", "sites", "first_published_at", "last_published_at")
    for part in chunks([dict(zip(cols, r, strict=True)) for r in clusters], 2000):
        conn.execute(insert(ReprintCluster), list(part))
    cols = ("article_id", "cluster_id", "similarity", "copied_from_id")
    for part in chunks([dict(zip(cols, r, strict=True)) for r in members], 2000):
        conn.execute(insert(ReprintMember), list(part))


def clear(conn: Connection) -> None:
    """Forget every signature, pair and cluster (a rebuild starts here)."""
    for model in (ReprintMember, ReprintCluster, ReprintPair, ReprintSignature):
        conn.execute(delete(model))


def clusters_current(conn: Connection) -> bool:
    """False when a deleted article took member, pair or cluster rows with it (cascades)."""
    members = conn.execute(select(func.count()).select_from(ReprintMember)).scalar()
    sizes = conn.execute(select(func.coalesce(func.sum(ReprintCluster.size), 0))).scalar()
    paired = union(select(ReprintPair.low_id), select(ReprintPair.high_id)).subquery()
    return members == sizes == conn.execute(select(func.count()).select_from(paired)).scalar()
