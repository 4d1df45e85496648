"""The compiled loops compute exactly what the numpy formulation (or the plain definition)
does: signatures keep their scheme name, so any difference would silently mix two schemes."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from autonews.items import ArticleItem
from autonews.reprints import SCHEME, assign, stock
from autonews.reprints.sketch import (
    Scheme,
    compiled_loops,
    shingle_sets,
    shingle_sets_numpy,
    sketch_and_sample,
    sketch_and_sample_numpy,
)
from autonews.reprints.stories import STORIES
from autonews.store import Store


def _texts(seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    alphabet = list("汽车新能源销量市场品牌發佈寶馬，。！？；\n 　ＡＢ123abc【】（）：")
    texts = ["", "车", "汽车新", "汽车新能", "。。。。。。", "快讯：" + STORIES[0].body[:50]]
    texts += [s.body for s in STORIES[:12]]
    texts += ["".join(rng.choice(alphabet, int(rng.integers(0, 400)))) for _ in range(60)]
    return texts


@pytest.mark.parametrize("scheme", [SCHEME, Scheme(k=3, bins=32, rows=2, lead=40, sample=8)])
@pytest.mark.parametrize("seed", [1, 2])
def test_compiled_sketch_and_sample_equal_the_numpy_pass(scheme: Scheme, seed: int) -> None:
    texts = _texts(seed)
    keys, samples = sketch_and_sample(texts, scheme)
    want_keys, want_samples = sketch_and_sample_numpy(texts, scheme)
    assert len(keys) == len(samples) == len(texts)
    for got, want in zip(keys + samples, want_keys + want_samples, strict=True):
        assert got.dtype == want.dtype and np.array_equal(got, want)
    assert any(len(k) for k in keys) and any(len(s) for s in samples)


@pytest.mark.parametrize(("k", "seed"), [(4, 1), (3, 2)])
def test_compiled_shingle_sets_equal_the_numpy_pass(k: int, seed: int) -> None:
    texts = _texts(seed)
    got, want = shingle_sets(texts, k), shingle_sets_numpy(texts, k)
    assert len(got) == len(want) == len(texts)
    for a, b in zip(got, want, strict=True):
        for x, y in zip(a, b, strict=True):
            assert x.dtype == y.dtype and np.array_equal(x, y)
    assert any(len(s.opening) for s in got) and any(len(s.opening) < len(s.all) for s in got)


def _buckets_of(sample: np.ndarray, site: str) -> np.ndarray:
    return stock.buckets(sample, stock._salt(site))


@pytest.fixture(params=[True, False], ids=["compiled", "numpy"])
def either_loops(request: pytest.FixtureRequest):
    """The test runs once through the compiled loops and once through the numpy pass."""
    with compiled_loops(request.param):
        yield request.param


@pytest.mark.usefixtures("either_loops")
def test_counts_move_as_the_definition_says_saturating_and_marking_what_crossed() -> None:
    rng = np.random.default_rng(3)
    samples = [np.unique(rng.integers(0, 2**32, 200, dtype=np.uint64).astype(np.uint32)) for _ in range(30)]
    samples += [samples[0]] * 6  # one text six times more: its counters cross STOCK
    sites = [f"s{i % 2}" for i in range(30)] + ["s0"] * 6
    counts = stock.Counts()
    counts.add(samples, sites)
    want = np.zeros(1 << stock.BUCKET_BITS, dtype=np.int64)
    for s, site in zip(samples, sites, strict=True):
        np.add.at(want, _buckets_of(s, site), 1)
    assert np.array_equal(counts.counts, want) and counts.crossed is not None
    assert np.array_equal(np.flatnonzero(counts.crossed), np.flatnonzero(want >= stock.STOCK))
    full = stock.Counts(np.full(1 << stock.BUCKET_BITS, 65534, dtype=np.uint16))
    full.add(samples[:1] * 3, ["s0"] * 3)
    assert full.counts.max() == 65535 and full.crossed is None  # saturates; nothing crossed
    empty = stock.Counts()
    empty.add(samples[:1], ["s0"], -1)
    assert empty.counts.max() == 0  # never below zero


@pytest.mark.usefixtures("either_loops")
def test_judge_counts_shared_own_and_crossed_samples_as_the_definition_says() -> None:
    rng = np.random.default_rng(5)
    pool = np.unique(rng.integers(0, 2**32, 3000, dtype=np.uint64).astype(np.uint32))
    samples = [np.sort(rng.choice(pool, 400, replace=False)) for _ in range(8)]
    sites = ["a", "a", "b", "b", "c", "a", "b", "c"]
    counts = stock.Counts()
    counts.add(samples[:4] * 3, sites[:4] * 3)  # the first four's shingles are stock on their sites
    pairs = [(i, j) for i in range(8) for j in range(i + 1, 8)]
    judged = counts.judge([(samples[i], sites[i], samples[j], sites[j]) for i, j in pairs])
    for n, (i, j) in enumerate(pairs):
        both = np.intersect1d(samples[i], samples[j])
        common = (counts.counts[_buckets_of(both, sites[i])] >= stock.STOCK) | (
            counts.counts[_buckets_of(both, sites[j])] >= stock.STOCK
        )
        crossed = counts.crossed[_buckets_of(both, sites[i])] | counts.crossed[_buckets_of(both, sites[j])]
        assert judged.shared[n] == len(both) and judged.own[n] == int((~common).sum())
        assert judged.crossed[n] == bool(crossed.any())
    assert judged.own.min() < judged.shared.max()  # the stock veto did bite somewhere


_TABLES = ("reprint_signatures", "reprint_pairs", "reprint_stock_pairs", "reprint_stock", "reprint_key_runs",
           "reprint_clusters", "reprint_members")  # fmt: skip


def _catch_ups(path: str, use: bool, monkeypatch: pytest.MonkeyPatch) -> list[list[tuple]]:
    """Every reprint table, row by row, after a few crawls' catch-ups: copies, edits, stock."""
    monkeypatch.setattr(assign, "worth_compiling", lambda _articles: use)
    store = Store.open(f"sqlite:///{path}")
    stock_line = "律师提醒，消费者在签订购车合同时应仔细核对各项条款，并妥善保存好付款凭证。"
    for crawl in range(3):
        items = []
        for i, story in enumerate(STORIES[crawl * 3 : crawl * 3 + 3]):
            items.append(ArticleItem(url=f"http://a.example/{crawl}-{i}", site="a", title=story.title,
                                     body=story.body + "\n" + stock_line))  # fmt: skip
            items.append(ArticleItem(url=f"http://b.example/{crawl}-{i}", site="b", title=story.title,
                                     body="来源：a\n" + story.body))  # fmt: skip
        if crawl == 2:  # an edit: an earlier copy becomes another story
            items.append(ArticleItem(url="http://b.example/0-0", site="b", title="x", body=STORIES[9].body))
        store.save_batch(items)
        store.cluster_reprints()
    store.close()
    with sqlite3.connect(path) as conn:
        return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in _TABLES]


def test_catch_ups_with_and_without_the_compiled_loops_leave_the_same_tables(tmp_path, monkeypatch) -> None:
    with_loops = _catch_ups(str(tmp_path / "compiled.db"), True, monkeypatch)
    without = _catch_ups(str(tmp_path / "numpy.db"), False, monkeypatch)
    assert with_loops == without
    assert with_loops[1] and with_loops[5], "pairs and clusters were found"


def test_compiled_similarity_equals_similarity_on_every_pair() -> None:
    from autonews.reprints.pairs import labelled_pairs
    from autonews.reprints.sketch import similarity

    labelled = list(labelled_pairs())[::3]  # copies with every kind of edit, and non-copies
    texts = [x for p in labelled for x in (p.a.body, p.b.body)]
    # A story's opening third glued to another story: the same opening, a part of it held.
    for n in range(0, 8, 2):
        texts += [STORIES[n].body[: len(STORIES[n].body) // 3] + STORIES[n + 1].body, STORIES[n].body]
    texts += _texts(6)
    sets = dict(enumerate(shingle_sets(texts, SCHEME.k)))
    pairs = [(2 * n, 2 * n + 1) for n in range(len(labelled) + 4)]
    pairs += [(a, b) for a in sets for b in sets if a < b and (a * 7 + b) % 11 == 0]
    got = assign._scores(pairs, sets)
    want = [similarity(sets[a], sets[b]) for a, b in pairs]
    assert got.tolist() == want  # unrounded, bit for bit
    assert 0 < sum(w >= 0.5 for w in want) < len(want)
    assert any(0 < w < 0.5 for w in want), "pairs held back by the sentence rule are in the test"
    bounded = assign._scores(pairs, sets, floor=0.5)  # stops counting where 0.5 is out of reach
    assert [g if w >= 0.5 else g < 0.5 for g, w in zip(bounded.tolist(), want, strict=True)] == [
        w if w >= 0.5 else True for w in want
    ]
    kept = {p: round(w, 4) for p, w in zip(pairs, want, strict=True) if round(w, 4) >= assign.THRESHOLD}
    assert assign._similar_compiled(pairs, sets) == kept


def test_dense_candidates_are_tiled_so_each_text_is_shingled_a_few_times_not_once_per_run() -> None:
    ids = np.arange(400, dtype=np.int64) * 3 + 5
    dense = np.array([(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :]], dtype=np.int64)
    tiled = assign._tiled(dense, 40)
    assert sorted(map(tuple, tiled.tolist())) == list(map(tuple, dense.tolist()))

    def shingled(pairs: np.ndarray) -> int:
        runs = list(assign._batches(pairs.tolist(), 40))
        assert all(len(run_ids) <= 41 for _, run_ids in runs)
        return sum(len(run_ids) for _, run_ids in runs)

    assert shingled(tiled) <= 400 * 21  # about once per tile of 20-article blocks
    assert shingled(dense) > 5 * shingled(tiled)
    sparse = dense[::500]  # a pair or two an article: the order of the pairs stays
    assert assign._tiled(sparse, 40).tolist() == sparse.tolist()


def test_tiled_verification_leaves_the_same_tables(tmp_path, monkeypatch) -> None:
    plain = _catch_ups(str(tmp_path / "plain.db"), True, monkeypatch)
    monkeypatch.setattr(assign, "VERIFY_ARTICLES", 4)
    monkeypatch.setattr(assign, "SPARSE", 0)  # every run dense: tiled, and no sample shortcut
    assert _catch_ups(str(tmp_path / "tiled.db"), True, monkeypatch) == plain


@pytest.mark.parametrize("step", [1, 7, 500])  # dense (tiled) to sparse
def test_compiled_runs_are_the_batches_of_the_tiled_pairs(step: int) -> None:
    ids = np.arange(400, dtype=np.int64) * 3 + 5
    pairs = np.array([(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :]], dtype=np.int64)[::step]
    want = [(part, ids) for part, ids in assign._batches(assign._tiled(pairs, 40).tolist(), 40)]
    for use in (True, False):
        with compiled_loops(use):
            got = [(part.tolist(), ids) for part, ids in assign._runs(pairs, 40)]
        assert got == [([list(p) for p in part], ids) for part, ids in want]
    with compiled_loops(True):
        assert list(assign._runs(pairs[:0], 40)) == []


def test_big_runs_are_scored_in_the_compiled_loop_even_when_the_others_are_not(tmp_path, monkeypatch) -> None:
    plain = _catch_ups(str(tmp_path / "plain.db"), False, monkeypatch)
    monkeypatch.setattr(assign, "COMPILED_FROM", 1)
    calls: list[int] = []
    scored = assign._similar_compiled
    monkeypatch.setattr(
        assign, "_similar_compiled", lambda part, sets: calls.append(len(part)) or scored(part, sets)
    )
    assert _catch_ups(str(tmp_path / "big.db"), False, monkeypatch) == plain
    assert calls, "the compiled loop scored the runs"
