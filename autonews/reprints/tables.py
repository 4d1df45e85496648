"""Reading and writing the reprint tables (``reprint_signatures``, ``reprint_pairs``,
``reprint_stock_pairs``, ``reprint_stock``, ``reprint_clusters``, ``reprint_members``), in
SQLAlchemy Core so any back-end works."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, func, insert, or_, select, union

from autonews.reprints.clusters import Member
from autonews.store.models import (
    Article,
    ReprintCluster,
    ReprintKeyRun,
    ReprintMember,
    ReprintPair,
    ReprintSignature,
    ReprintStock,
    ReprintStockPair,
)

CHUNK = 500  # ids per IN (...) list


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def pending_ids(conn: Connection, scheme: str) -> list[int]:
    """Articles with no signature, or one of an older text or another scheme."""
    return pending(conn, scheme)[0]


def pending(conn: Connection, scheme: str) -> tuple[list[int], dict[int, str]]:
    """``pending_ids``, and the scheme of the signature those among them have (an older text's)."""
    # SQLite's planner prefers the table's rowid to the covering index, which is 1.5x (warm) to
    # 10x (cold pages) cheaper to walk.
    hint = "INDEXED BY ix_reprint_signatures_current " if conn.dialect.name == "sqlite" else ""
    sql = (
        f"SELECT a.id, s.scheme FROM articles a LEFT JOIN reprint_signatures s {hint}ON s.article_id = a.id "
        "WHERE s.article_id IS NULL OR s.content_hash <> a.content_hash OR s.scheme <> ? ORDER BY a.id"
    )
    rows = _fetch(conn, sql, (scheme,))
    return [r[0] for r in rows], {r[0]: r[1] for r in rows if r[1] is not None}


def article_ids(conn: Connection) -> list[int]:
    return [row[0] for row in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")]


def _sql(conn: Connection, sql: str) -> str:
    """``?`` placeholders in the driver's own style: the hot paths skip SQLAlchemy's compiler."""
    return sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def _fetch(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    """Rows of ``sql`` (``?`` placeholders) from the driver's own cursor, in the connection's
    transaction: SQLAlchemy's result rows cost as much again as SQLite's reads of them."""
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(_sql(conn, sql), tuple(params))
        return cursor.fetchall()
    finally:
        cursor.close()


def bodies(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
    """id -> (body, content_hash, site)."""
    out: dict[int, tuple[str, str, str]] = {}
    wanted = sorted(ids)
    for part in chunks(wanted, 2000):
        lo, hi = part[0], part[-1]
        if hi - lo < 2 * len(part):  # dense (a rebuild): one range scan
            sql, params = (
                "SELECT id, body, content_hash, site FROM articles WHERE id BETWEEN ? AND ?",
                (lo, hi),
            )
            keep = set(part)
            rows = [r for r in _fetch(conn, sql, params) if r[0] in keep]
        else:
            rows = []
            for few in chunks(part):
                sql = f"SELECT id, body, content_hash, site FROM articles WHERE id IN ({_marks(few)})"
                rows += _fetch(conn, sql, few)
        out.update({art_id: (body or "", digest, site) for art_id, body, digest, site in rows})
    return out


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def save_signatures(
    conn: Connection,
    rows: list[tuple[int, str, np.ndarray, np.ndarray]],
    scheme: str,
    *,
    fresh: bool = False,
    replacing: Sequence[int] | None = None,
) -> None:
    """(article id, content hash, band keys, stock sample) rows replace what was stored for
    those articles (``fresh``: nothing was; ``replacing``: only for these)."""
    if not fresh:
        for part in chunks([r[0] for r in rows] if replacing is None else sorted(replacing)):
            conn.execute(delete(ReprintSignature).where(ReprintSignature.article_id.in_(part)))
    sql = (
        "INSERT INTO reprint_signatures (article_id, content_hash, scheme, band_keys, stock_sample) "
        "VALUES (?, ?, ?, ?, ?)"
    )
    values = [(i, d, scheme, k.astype("<i8").tobytes(), s.astype("<u4").tobytes()) for i, d, k, s in rows]
    if values:
        conn.exec_driver_sql(_sql(conn, sql), values)


def all_keys(conn: Connection) -> tuple[np.ndarray, np.ndarray]:
    """(band keys, owning article id) of every stored signature, as two flat arrays."""
    return _flat(_fetch(conn, "SELECT article_id, band_keys FROM reprint_signatures"))


def keys_of(conn: Connection, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """``all_keys`` of the signatures of ``ids`` only."""
    sql = "SELECT article_id, band_keys FROM reprint_signatures WHERE article_id IN ({})"
    rows: list[Any] = []
    for part in chunks(sorted(ids)):
        rows += _fetch(conn, sql.format(_marks(part)), part)
    return _flat(rows)


def _flat(rows: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    blobs = [r[1] for r in rows]  # bytes (SQLite) or memoryview (psycopg): join takes both
    keys = np.frombuffer(b"".join(blobs), dtype="<i8")
    owners = np.repeat(np.array([r[0] for r in rows], dtype=np.int64), [len(b) // 8 for b in blobs])
    return keys, owners


def key_prefixes(keys: np.ndarray) -> np.ndarray:
    """The upper 32 bits of int64 band keys, what a key run holds of them (uint32)."""
    return (keys.view(np.uint64) >> np.uint64(32)).astype(np.uint32)


def key_runs(conn: Connection) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every stored run of (key prefixes ascending, owner ids): 4 bytes each, or 8 for owners
    when an id needs them."""
    rows = _fetch(conn, "SELECT keys, owners FROM reprint_key_runs ORDER BY id")
    return [
        (np.frombuffer(k, dtype="<u4"), np.frombuffer(o, dtype="<u4" if len(o) == len(k) else "<i8"))
        for k, o in rows
    ]


def add_key_run(conn: Connection, keys: np.ndarray, owners: np.ndarray, *, replace: bool = False) -> int:
    """Store one run of int64 ``keys`` (``replace``: as the only one); returns how many runs
    there are now."""
    if replace:
        conn.execute(delete(ReprintKeyRun))
    last = conn.execute(select(func.max(ReprintKeyRun.id))).scalar() or 0
    prefixes = key_prefixes(keys)
    order = np.argsort(prefixes, kind="stable")  # the order among equal prefixes does not matter
    wide = len(owners) and int(owners.max()) >= 1 << 32
    conn.execute(
        insert(ReprintKeyRun).values(
            id=last + 1,
            keys=prefixes[order].astype("<u4").tobytes(),
            owners=owners[order].astype("<i8" if wide else "<u4").tobytes(),
        )
    )
    return conn.execute(select(func.count()).select_from(ReprintKeyRun)).scalar() or 0


Pairs = dict[tuple[int, int], float]


def samples(conn: Connection, ids: Sequence[int], scheme: str) -> dict[int, tuple[str, np.ndarray]]:
    """id -> (site, stock sample) of the stored signatures of ``scheme`` among ``ids``."""
    sql = (
        "SELECT s.article_id, a.site, s.stock_sample FROM reprint_signatures s JOIN articles a "
        "ON a.id = s.article_id WHERE s.scheme = ? AND s.article_id IN ({})"
    )
    out = {}
    for part in chunks(sorted(ids)):
        rows = _fetch(conn, sql.format(_marks(part)), (scheme, *part))
        out.update({i: (site, np.frombuffer(blob or b"", dtype="<u4")) for i, site, blob in rows})
    return out


def all_samples(conn: Connection, scheme: str) -> tuple[list[str], list[np.ndarray]]:
    """(sites, stock samples) of every stored signature of ``scheme``."""
    sql = (
        "SELECT a.site, s.stock_sample FROM reprint_signatures s JOIN articles a ON a.id = s.article_id "
        "WHERE s.scheme = ?"
    )
    rows = _fetch(conn, sql, (scheme,))
    return [r[0] for r in rows], [np.frombuffer(r[1] or b"", dtype="<u4") for r in rows]


def article_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(Article)).scalar() or 0


def load_stock(conn: Connection, scheme: str) -> tuple[bytes, int] | None:
    """(counts blob, articles counted) stored for ``scheme``."""
    row = conn.execute(
        select(ReprintStock.counts, ReprintStock.articles).where(ReprintStock.scheme == scheme)
    ).first()
    return None if row is None else (row[0], row[1])


def stock_articles(conn: Connection, scheme: str) -> int | None:
    """The articles the stored stock counts of ``scheme`` hold (without reading the counts)."""
    return conn.execute(select(ReprintStock.articles).where(ReprintStock.scheme == scheme)).scalar()


def save_stock(conn: Connection, scheme: str, counts: bytes | memoryview, articles: int) -> None:
    conn.execute(delete(ReprintStock))  # one row: counts of another scheme mean nothing now
    conn.execute(insert(ReprintStock).values(scheme=scheme, counts=counts, articles=articles))


Shared = dict[tuple[int, int], np.ndarray]  # a pair's shared sampled shingles


def replace_pairs(
    conn: Connection,
    ids: Sequence[int],
    pairs: Pairs,
    stock: Pairs | None = None,
    *,
    fresh: bool = False,
    shared: Shared | None = None,
) -> None:
    """Drop the stored pairs and stock pairs touching ``ids`` (``fresh``: there are none), then
    store ``pairs`` and ``stock`` (pairs that score as one story in stock text only), with
    their ``shared`` sampled shingles where given."""
    for model in (ReprintPair, ReprintStockPair):
        for part in [] if fresh else chunks(sorted(ids)):
            conn.execute(delete(model).where(or_(model.low_id.in_(part), model.high_id.in_(part))))
    add_pairs(conn, ReprintPair, pairs, shared)
    add_pairs(conn, ReprintStockPair, stock or {}, shared)


def add_pairs(
    conn: Connection,
    model: type[ReprintPair] | type[ReprintStockPair],
    pairs: Pairs,
    shared: Shared | None = None,
) -> None:
    shared = shared or {}
    rows = [
        {"low_id": a, "high_id": b, "similarity": s, "shared": _blob(shared.get((a, b)))}
        for (a, b), s in sorted(pairs.items())
    ]
    for part in chunks(rows, 2000):
        conn.execute(insert(model), list(part))


def _blob(values: np.ndarray | None) -> bytes | None:
    return None if values is None else values.astype("<u4").tobytes()


def judged_pairs(
    conn: Connection, model: type[ReprintPair] | type[ReprintStockPair]
) -> dict[tuple[int, int], tuple[float, str, str, np.ndarray | None]]:
    """Every stored pair of ``model``: (similarity, low's site, high's site, shared sampled
    shingles or None where not recorded)."""
    sql = (
        f"SELECT p.low_id, p.high_id, p.similarity, a.site, b.site, p.shared FROM {model.__tablename__} p "
        "JOIN articles a ON a.id = p.low_id JOIN articles b ON b.id = p.high_id"
    )
    return {
        (lo, hi): (s, site_a, site_b, None if blob is None else np.frombuffer(blob, dtype="<u4"))
        for lo, hi, s, site_a, site_b, blob in _fetch(conn, sql)
    }


def drop_pairs(
    conn: Connection, model: type[ReprintPair] | type[ReprintStockPair], pairs: Iterable[tuple[int, int]]
) -> None:
    for a, b in sorted(pairs):
        conn.execute(delete(model).where(model.low_id == a, model.high_id == b))


def stored_pairs(conn: Connection, model: type[ReprintPair] | type[ReprintStockPair] = ReprintPair) -> Pairs:
    query = select(model.low_id, model.high_id, model.similarity)
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
    for model in (
        ReprintMember,
        ReprintCluster,
        ReprintPair,
        ReprintStockPair,
        ReprintSignature,
        ReprintStock,
        ReprintKeyRun,
    ):
        conn.execute(delete(model))


def clusters_current(conn: Connection) -> bool:
    """False when a deleted article took member, pair or cluster rows with it (cascades)."""
    members = conn.execute(select(func.count()).select_from(ReprintMember)).scalar()
    sizes = conn.execute(select(func.coalesce(func.sum(ReprintCluster.size), 0))).scalar()
    paired = union(select(ReprintPair.low_id), select(ReprintPair.high_id)).subquery()
    return members == sizes == conn.execute(select(func.count()).select_from(paired)).scalar()
