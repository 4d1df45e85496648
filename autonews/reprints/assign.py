"""Keeping the clusters current: sketch what is new, find its candidates, verify, re-cluster.

A catch-up pass sketches the articles without an up-to-date signature (new, changed, or
sketched under another scheme), proposes as candidates every article sharing an LSH
band key with one of them, keeps the pairs whose similarity reaches ``THRESHOLD``, and
rebuilds the clusters from all stored pairs.  A pair depends only on its two texts, and
clusters are the connected components of the pairs, so catching up article by article
and rebuilding from scratch (``rebuild=True``) give the same clusters.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, Engine

from autonews.reprints import tables
from autonews.reprints.clusters import build, components, published_key
from autonews.reprints.sketch import Scheme, Shingles, shingle_sets, similarity, sketch

SCHEME = Scheme()
# Chosen on the labelled pairs (autonews.reprints.pairs; README "Reprints"): at 0.5 they
# give precision 1.000 and recall 0.996; the least similar copy found scores 0.54.
THRESHOLD = 0.5
SKETCH_BATCH = 2000
VERIFY_BATCH = 4000


@dataclass
class CatchUp:
    sketched: int = 0
    candidates: int = 0
    pairs: int = 0  # stored pairs after the pass (0 when nothing needed re-clustering)
    clusters: int = 0  # likewise
    changed: bool = False  # the cluster tables were rewritten
    seconds: float = 0.0


def catch_up(engine: Engine, *, rebuild: bool = False) -> CatchUp:
    """Bring the reprint tables up to date with ``articles`` (all of it with ``rebuild``)."""
    started = time.perf_counter()
    result = CatchUp()
    with engine.begin() as conn:
        if rebuild:
            tables.clear(conn)
        pending = tables.article_ids(conn) if rebuild else tables.pending_ids(conn, SCHEME.name)
        if pending or not tables.clusters_current(conn):
            result.sketched = len(pending)
            if pending:
                _sketch(conn, pending, fresh=rebuild)
                candidates = _candidates(conn, None if rebuild else pending)
                result.candidates = len(candidates)
                tables.replace_pairs(conn, pending, _verify(conn, candidates), fresh=rebuild)
            result.changed, result.clusters, result.pairs = _recluster(conn)
    result.seconds = time.perf_counter() - started
    return result


def _sketch(conn: Connection, ids: list[int], *, fresh: bool) -> None:
    for part in tables.chunks(ids, SKETCH_BATCH):
        texts = tables.bodies(conn, part)
        order = sorted(texts)
        keys = sketch([texts[i][0] for i in order], SCHEME)
        tables.save_signatures(
            conn, [(i, texts[i][1], k) for i, k in zip(order, keys, strict=True)], SCHEME.name, fresh=fresh
        )


def _candidates(conn: Connection, pending: list[int] | None) -> set[tuple[int, int]]:
    """(low, high) id pairs sharing a band key, at least one of them pending (None: all are)."""
    keys, owners = tables.all_keys(conn)
    if not len(keys):
        return set()
    order = np.argsort(keys)  # the order inside a group does not matter: pairs are a set
    keys, owners = keys[order], owners[order]
    if pending is None:
        is_new = np.ones(len(owners), dtype=bool)
    else:
        is_new = np.isin(owners, np.array(pending, dtype=np.int64))
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    fresh = np.add.reduceat(is_new, starts) > 0
    # Most keys two articles share: those pairs in one vectorised step, larger groups in a loop.
    two = starts[(sizes == 2) & fresh]
    a, b = owners[two], owners[two + 1]
    found = set(zip(np.minimum(a, b)[a != b].tolist(), np.maximum(a, b)[a != b].tolist(), strict=True))
    for start, size in zip(starts[(sizes > 2) & fresh], sizes[(sizes > 2) & fresh], strict=True):
        group = owners[start : start + size].tolist()
        new = is_new[start : start + size].tolist()
        for i, x in enumerate(group):
            for j in range(i + 1, len(group)):
                y = group[j]
                if x != y and (new[i] or new[j]):
                    found.add((min(x, y), max(x, y)))
    return found


def _verify(conn: Connection, candidates: set[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """The candidate pairs whose texts really are one story, with their similarity."""
    kept: dict[tuple[int, int], float] = {}
    ordered = sorted(candidates)
    for part in tables.chunks(ordered, VERIFY_BATCH):
        sets = _shingle_sets(conn, {i for pair in part for i in pair})
        for a, b in part:
            score = round(similarity(sets[a], sets[b]), 4)
            if score >= THRESHOLD:
                kept[(a, b)] = score
    return kept


def _shingle_sets(conn: Connection, ids: set[int]) -> dict[int, Shingles]:
    texts = tables.bodies(conn, sorted(ids))
    order = sorted(texts)
    return dict(zip(order, shingle_sets([texts[i][0] for i in order], SCHEME.k), strict=True))


def _recluster(conn: Connection) -> tuple[bool, int, int]:
    """Clusters from every stored pair; rewrites the cluster tables when they differ."""
    pairs = tables.stored_pairs(conn)
    groups = components(pairs)
    info = tables.members_info(conn, {i for g in groups for i in g})
    built = [build(g, info) for g in groups]
    missing = {(min(m, c.origin), max(m, c.origin)) for c in built for m in c.members if m != c.origin}
    missing -= pairs.keys()
    scores = dict(pairs)
    if missing:  # a copy of a copy: its similarity to the origin itself
        sets = _shingle_sets(conn, {i for pair in missing for i in pair})
        scores |= {(a, b): round(similarity(sets[a], sets[b]), 4) for a, b in missing}
    cluster_rows, member_rows = [], []
    for c in built:
        times = sorted((info[m] for m in c.members), key=lambda m: published_key(m.published_at, m.id))
        dated = [m.published_at for m in times if m.published_at]
        sites = len({info[m].site for m in c.members})
        cluster_rows.append((c.origin, c.origin, len(c.members), sites, dated[0] if dated else None,
                             dated[-1] if dated else None))  # fmt: skip
        for m in c.members:
            score = 1.0 if m == c.origin else scores[(min(m, c.origin), max(m, c.origin))]
            member_rows.append((m, c.origin, score, c.copied_from.get(m)))
    cluster_rows.sort()
    member_rows.sort()
    if (cluster_rows, member_rows) == tables.stored_clusters(conn):
        return False, len(cluster_rows), len(pairs)
    tables.replace_clusters(conn, cluster_rows, member_rows)
    return True, len(cluster_rows), len(pairs)
