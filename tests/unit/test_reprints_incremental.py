"""An incremental catch-up does only the new articles' work: candidates from their own band
keys, and only the clusters they touch rewritten, and still ends where a rebuild does."""

from __future__ import annotations

import itertools
import sqlite3

import numpy as np
import pytest
from sqlalchemy import text

from autonews.items import ArticleItem
from autonews.reprints import assign
from autonews.reprints.sketch import compiled_loops
from autonews.reprints.stories import STORIES
from autonews.store import Store


def _item(n: int, body: str, site: str = "s", when: str = "2024-11-01") -> ArticleItem:
    return ArticleItem(url=f"http://{site}.example/{n}.html", site=site, title=f"t{n}", body=body,
                       published_at=when)  # fmt: skip


def _rows(db_url: str) -> tuple[list, ...]:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return tuple(
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("reprint_clusters", "reprint_members", "reprint_pairs")
        )


@pytest.fixture
def store(db_url: str):
    store = Store.open(db_url)
    yield store
    store.close()


def _brute_pairs(keys: np.ndarray, owners: np.ndarray, new: np.ndarray) -> set[tuple[int, int]]:
    found = set()
    for i, j in itertools.combinations(range(len(keys)), 2):
        if keys[i] == keys[j] and owners[i] != owners[j] and (new[i] or new[j]):
            found.add((min(owners[i], owners[j]), max(owners[i], owners[j])))
    return found


def _key_entries(seed: int, runs: int, owners: int, new: float, count: int = 20):
    """Random (sorted keys, owners, new flags): owners sharing keys, some twice in a run."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(0, 80))
        yield (np.sort(rng.integers(0, runs, n)).astype(np.int64), rng.integers(1, owners, n).astype(np.int64),
               rng.random(n) < new)  # fmt: skip


def test_group_pairs_finds_every_pair_of_a_shared_key_with_a_new_end() -> None:
    for keys, owners, new in _key_entries(3, 12, 15, 0.3, count=30):
        pairs = [tuple(p) for p in assign.group_pairs(keys, owners, new).tolist()]
        assert pairs == sorted(_brute_pairs(keys, owners, new))  # distinct and sorted


def test_incremental_candidates_are_the_pairs_with_a_pending_end(store, db_url) -> None:
    bodies = [s.body for s in STORIES] + [s.body + "\n编辑：李明" for s in STORIES[:5]]
    store.save_batch([_item(i, b) for i, b in enumerate(bodies[:8])])
    store.cluster_reprints()
    store.save_batch([_item(i, b, site="t") for i, b in enumerate(bodies[8:], start=8)])
    with store.engine.begin() as conn:
        pending = assign.tables.pending_ids(conn, assign.SCHEME.name)
        assign._sketch(conn, pending, fresh=False)
        keys, owners = assign.tables.all_keys(conn)
        got = {tuple(p) for p in assign._candidates(conn, pending).tolist()}
    assert got == _brute_pairs(keys, owners, np.isin(owners, pending))
    assert got and all(a in pending or b in pending for a, b in got)


def _id(db_url: str, url: str) -> int:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()[0]


def test_untouched_clusters_are_not_rewritten_and_a_split_matches_a_rebuild(store, db_url) -> None:
    paras = STORIES[4].body.split("\n")
    front, back = "\n".join(paras[:3]), "\n".join(paras[2:])
    store.save_batch([
        _item(1, STORIES[0].body), _item(2, STORIES[0].body + "\n编辑：李明", site="t"),
        _item(3, front), _item(4, back, site="t"), _item(5, STORIES[4].body, site="u"),
    ])  # fmt: skip
    store.cluster_reprints()
    copy, bridge = _id(db_url, "http://t.example/2.html"), _id(db_url, "http://u.example/5.html")
    before = _rows(db_url)
    assert sorted(c[2] for c in before[0]) == [2, 3], "a pair, and a trio held together by the bridge"
    # Mark the untouched cluster's copy: a scoped re-cluster must leave its rows as they are.
    mark = "UPDATE reprint_members SET similarity = :s WHERE article_id = :i"
    with store.engine.begin() as conn:
        conn.execute(text(mark), {"s": 0.123, "i": copy})
    # The bridge becomes another story: its cluster splits (front and back share too little).
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET body = :b, content_hash = 'x' WHERE id = :i"),
                     {"b": STORIES[7].body, "i": bridge})  # fmt: skip
    done = store.cluster_reprints()
    assert (done.sketched, done.changed, done.clusters, done.pairs) == (1, True, 1, 1)
    after = _rows(db_url)
    assert [m[2] for m in after[1] if m[0] == copy] == [0.123]
    with store.engine.begin() as conn:
        conn.execute(text(mark), {"s": 1.0, "i": copy})
    incremental = _rows(db_url)
    store.cluster_reprints(rebuild=True)
    assert _rows(db_url) == incremental


def test_batches_keep_every_pair_in_order_among_a_bounded_set_of_articles() -> None:
    rng = np.random.default_rng(5)
    pairs = sorted({tuple(sorted(p)) for p in rng.integers(0, 300, (2000, 2)).tolist() if p[0] != p[1]})
    batches = list(assign._batches([list(p) for p in pairs], 50))
    assert [p for part, _ in batches for p in part] == pairs
    for part, ids in batches:
        assert ids == {i for p in part for i in p} and len(ids) <= 51


def test_verification_with_the_opening_pre_check_keeps_what_similarity_keeps(store, monkeypatch) -> None:
    from autonews.reprints.pairs import labelled_pairs

    pairs = list(labelled_pairs())[::4]
    store.save_batch([_item(i, b) for i, b in enumerate(x for p in pairs for x in (p.a.body, p.b.body))])
    with store.engine.begin() as conn:
        ids = assign.tables.article_ids(conn)
        candidates = np.array([(a, b) for a in ids for b in ids if a < b], dtype=np.int64)
        dense = assign._verify(conn, candidates)  # many pairs per article: the pre-check runs
        sets = assign._shingle_sets(conn, set(ids))
    expected = {(a, b): round(assign.similarity(sets[a], sets[b]), 4) for a, b in candidates.tolist()}
    assert dense == {p: s for p, s in expected.items() if s >= assign.THRESHOLD}
    assert len(dense) > 10


@pytest.mark.parametrize("limit", [1, 7, 50, 10**6])
def test_pair_chunks_are_group_pairs_in_pieces_by_the_lower_id(limit: int) -> None:
    for keys, owners, new in _key_entries(4, 10, 25, 0.4):
        want = assign.group_pairs(keys, owners, new).tolist()
        for use in (True, False):
            with compiled_loops(use):
                chunks = list(assign.pair_chunks(keys, owners, new, limit))
            assert [p for c in chunks for p in c.tolist()] == want
            if use and limit == 1 and len(want) > 1:
                assert len(chunks) > 1, "pieces, not one array"
