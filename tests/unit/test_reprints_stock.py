"""Stock text is no evidence of a reprint: two different stories that share a site's stock
sentences (and an opener built on one template) stay apart, a real copy of one of them
still joins it, and catch-ups that see the stock counts change end where a rebuild does."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from sqlalchemy import text

from autonews.items import ArticleItem
from autonews.reprints import THRESHOLD, stock
from autonews.reprints.sketch import shingle_sets, similarity
from autonews.reprints.stories import STORIES
from autonews.store import Store

# A site's stock sentences: every one of its articles below carries most of them.
STOCK_LINES = (
    "对此，不少业内人士表示，行业竞争仍将持续，消费者可以多加关注后续的市场动态。",
    "记者了解到，相关部门将继续加大监管力度，切实保障广大消费者的合法权益不受侵害。",
    "律师提醒，消费者在签订购车合同时应仔细核对各项条款，并妥善保存好付款凭证。",
    "本网将持续关注事件的后续进展，如有新的消息也会在第一时间为大家带来报道。",
    "有分析人士认为，随着新能源汽车的快速普及，整个汽车行业的竞争格局正在被重塑。",
)
# An opener template: the same words with only the date swapped.
OPENER = "{day}日，杭州一位车主向本网反映，自己新买的汽车在提车后不久就出现了严重故障。"


def _item(url: str, body: str, site: str, when: str = "2024-11-20") -> ArticleItem:
    return ArticleItem(url=url, site=site, title=url, body=body, published_at=when)


def _templated(day: int, stock_lines: int = 5) -> str:
    return "\n".join([OPENER.format(day=day), *STOCK_LINES[:stock_lines]])


def _background(n: int, start: int = 0) -> list[ArticleItem]:
    """Other stories of site s: the opener template and the stock sentences around text of their own."""
    return [
        _item(
            f"http://s.example/bg{i}.html",
            "\n".join([OPENER.format(day=20 + i), STORIES[i].body, *STOCK_LINES]),
            "s",
        )
        for i in range(start, start + n)
    ]


def _pairs(db_url: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(pairs kept as one story, pairs vetoed as stock text) by URL."""
    out = []
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        for table in ("reprint_pairs", "reprint_stock_pairs"):
            sql = (
                f"SELECT a.url, b.url FROM {table} p JOIN articles a ON a.id = p.low_id "
                "JOIN articles b ON b.id = p.high_id"
            )
            out.append({tuple(sorted(r)) for r in conn.execute(sql)})
    return out[0], out[1]


def _clusters(db_url: str) -> list[tuple]:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("reprint_clusters", "reprint_members", "reprint_pairs", "reprint_stock_pairs")
        ]


@pytest.fixture
def store(db_url: str):
    store = Store.open(db_url)
    yield store
    store.close()


def test_the_templated_pair_is_one_story_to_similarity_alone() -> None:
    # The case the stock counts exist for: without them these two different stories pass.
    a, b = shingle_sets([_templated(3), _templated(14, 4)], 4)
    assert similarity(a, b) >= THRESHOLD


def test_two_stories_of_one_site_sharing_stock_sentences_do_not_cluster(store, db_url) -> None:
    a, b = "http://s.example/a.html", "http://s.example/b.html"
    store.save_batch([*_background(6), _item(a, _templated(3), "s"), _item(b, _templated(14, 4), "s")])
    done = store.cluster_reprints()
    kept, vetoed = _pairs(db_url)
    assert (a, b) not in kept and (a, b) in vetoed
    assert done.clusters == 0 and done.stock_pairs >= 1


def test_a_real_reprint_with_the_same_stock_sentences_still_clusters(store, db_url) -> None:
    story = "\n".join([STORIES[8].body, *STOCK_LINES])
    origin, copy = "http://s.example/story.html", "http://t.example/copy.html"
    store.save_batch([
        *_background(6),
        _item(origin, story, "s", "2024-11-20T08:00:00+08:00"),
        _item(copy, f"（原标题：某标题）\n{story}\n编辑：李明", "t", "2024-11-20T10:00:00+08:00"),
    ])  # fmt: skip
    store.cluster_reprints()
    kept, _ = _pairs(db_url)
    assert kept == {(origin, copy)}


def test_short_stories_made_mostly_of_stock_sentences_stay_apart(store, db_url) -> None:
    # Seven stories on one site, the opener template, the stock sentences and one sentence
    # of its own: to similarity() every two are one story, to the stock counts none is.
    bodies = [
        "\n".join([OPENER.format(day=20 + i), *STOCK_LINES, STORIES[i].body.split("。")[0] + "。"])
        for i in range(7)
    ]
    store.save_batch([_item(f"http://s.example/{i}.html", b, "s") for i, b in enumerate(bodies)])
    done = store.cluster_reprints()
    kept, vetoed = _pairs(db_url)
    assert not kept and len(vetoed) == done.stock_pairs == 21


@pytest.mark.parametrize("upgraded", [False, True])
def test_a_pair_kept_before_its_sentences_became_stock_is_vetoed_later_as_a_rebuild_would(
    store, db_url, upgraded: bool
) -> None:
    a, b = "http://s.example/a.html", "http://s.example/b.html"
    store.save_batch([_item(a, _templated(3), "s"), _item(b, _templated(14, 4), "s")])
    store.cluster_reprints()
    assert _pairs(db_url)[0] == {(a, b)}, "two articles alone: nothing is stock yet"
    with store.engine.begin() as conn:
        samples = [np.frombuffer(blob, dtype="<u4") for (blob,) in conn.execute(
            text("SELECT stock_sample FROM reprint_signatures ORDER BY article_id"))]  # fmt: skip
        shared = conn.execute(text("SELECT shared FROM reprint_pairs")).scalar()
        assert np.array_equal(np.frombuffer(shared, dtype="<u4"), np.intersect1d(*samples))
        if upgraded:  # pairs stored before migration 0010 have no shared shingles
            conn.execute(text("UPDATE reprint_pairs SET shared = NULL"))
    for start in (0, 2, 4):  # the site's other articles arrive, crawl by crawl
        store.save_batch(_background(2, start))
        store.cluster_reprints()
    kept, vetoed = _pairs(db_url)
    assert (a, b) not in kept and (a, b) in vetoed
    incremental = _clusters(db_url)
    store.cluster_reprints(rebuild=True)
    assert _clusters(db_url) == incremental


def test_when_deletions_make_stock_sentences_rare_again_the_pair_comes_back(store, db_url) -> None:
    a, b = "http://s.example/a.html", "http://s.example/b.html"
    store.save_batch([*_background(6), _item(a, _templated(3), "s"), _item(b, _templated(14, 4), "s")])
    store.cluster_reprints()
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE url LIKE 'http://s.example/bg%'"))
    store.cluster_reprints()  # nothing new: the deletions alone make it count again
    assert (a, b) in _pairs(db_url)[0]
    incremental = _clusters(db_url)
    store.cluster_reprints(rebuild=True)
    assert _clusters(db_url) == incremental


def test_an_edit_takes_its_old_text_out_of_the_counts(store, db_url) -> None:
    store.save_batch([*_background(6), _item("http://s.example/a.html", _templated(3), "s")])
    store.cluster_reprints()
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE articles SET body = :b, content_hash = 'x' WHERE url = 'http://s.example/bg0.html'"),
            {"b": STORIES[9].body},
        )
    store.cluster_reprints()
    with store.engine.begin() as conn:
        blob, articles = conn.execute(text("SELECT counts, articles FROM reprint_stock")).one()
    store.cluster_reprints(rebuild=True)
    with store.engine.begin() as conn:
        assert conn.execute(text("SELECT counts, articles FROM reprint_stock")).one() == (blob, articles)
    assert articles == 7


def test_counts_round_trip_both_ways_and_count_out_what_they_counted_in() -> None:
    rng = np.random.default_rng(7)
    samples = [np.unique(rng.integers(0, 2**32, 300, dtype=np.uint64).astype(np.uint32)) for _ in range(40)]
    sites = [f"site{i % 3}" for i in range(40)]
    counts = stock.Counts()
    counts.add(samples, sites)
    assert counts.articles == 40 and int(counts.counts.sum()) == sum(len(s) for s in samples)
    again = stock.Counts.from_bytes(counts.to_bytes(), 40)
    assert np.array_equal(again.counts, counts.counts) and counts.to_bytes()[:1] == b"s"
    dense = stock.Counts(np.full(1 << stock.BUCKET_BITS, 3, dtype=np.uint16))
    assert len(dense.to_bytes()) == 2 << stock.BUCKET_BITS  # the counters as they are
    assert np.array_equal(stock.Counts.from_bytes(dense.to_bytes(), 0).counts, dense.counts)
    older = b"d" + dense.counts.astype("<u2").tobytes()  # the dense form of earlier releases
    assert np.array_equal(stock.Counts.from_bytes(older, 0).counts, dense.counts)
    loaded = stock.Counts.from_bytes(bytes(dense.to_bytes()), 0)
    loaded.add(samples[:1], sites[:1])  # loaded counters are writable
    counts.add(samples[:10], sites[:10], -1)
    rest = stock.Counts()
    rest.add(samples[10:], sites[10:])
    assert np.array_equal(counts.counts, rest.counts) and counts.articles == 30


def test_a_story_copied_by_many_sites_is_not_stock(store, db_url) -> None:
    body = STORIES[5].body
    urls = [f"http://site{i}.example/a.html" for i in range(8)]
    store.save_batch([_item(u, body, f"site{i}") for i, u in enumerate(urls)])
    done = store.cluster_reprints()
    assert done.clusters == 1 and done.pairs == 28 and done.stock_pairs == 0


def test_key_runs_merge_and_stale_keys_find_no_partner(store, db_url) -> None:
    # One article per catch-up, more catch-ups than runs are kept; one text is edited into
    # another story midway, so its old keys in an earlier run are stale.
    from autonews.reprints import assign

    bodies = [s.body for s in STORIES] + [s.body + "\n编辑：李明" for s in STORIES]
    for i, body in enumerate(bodies[: assign.MAX_RUNS + 2]):
        store.save_batch([_item(f"http://site{i % 3}.example/{i}.html", body, f"site{i % 3}")])
        store.cluster_reprints()
        if i == 12:
            with store.engine.begin() as conn:
                conn.execute(
                    text(
                        "UPDATE articles SET body = :b, content_hash = 'x' WHERE url = 'http://site2.example/2.html'"
                    ),
                    {"b": "\n".join([OPENER.format(day=1), *STOCK_LINES])},
                )
    with store.engine.begin() as conn:
        runs = conn.execute(text("SELECT COUNT(*) FROM reprint_key_runs")).scalar()
    assert 1 <= runs <= assign.MAX_RUNS
    kept, _ = _pairs(db_url)
    assert "http://site2.example/2.html" not in {u for p in kept for u in p}
    assert len(kept) == len(bodies[: assign.MAX_RUNS + 2]) - len(STORIES) - 1
    incremental = _clusters(db_url)
    store.cluster_reprints(rebuild=True)
    assert _clusters(db_url) == incremental
