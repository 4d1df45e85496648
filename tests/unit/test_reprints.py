"""Reprint clusters in the database: cross-site clusters, origins, credits, and a catch-up
pass that always ends where a rebuild from scratch does."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from autonews.items import ArticleItem
from autonews.reprints.pairs import labelled_pairs
from autonews.reprints.stories import STORIES
from autonews.store import Store

UNRELATED = "今天上午，本市举行了一场马拉松比赛，两万多名跑者参加，赛道沿江设置，沿途有志愿者提供补给。"
QICHE, OTHER = "http://www.qi-che.com/guoneicheshi/{}.htm", "http://news.example.cn/auto/{}.html"


def _item(url: str, body: str, *, site: str, when: str, title: str = "标题", source: str | None = None):
    return ArticleItem(url=url, site=site, title=title, body=body, published_at=when, source=source)


def _tables(db_url: str) -> tuple[list, list, list]:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("reprint_clusters", "reprint_members", "reprint_pairs")
        )


def _by_url(db_url: str) -> dict[str, tuple[str, float, str | None]]:
    """member URL -> (its origin's URL, similarity, the URL it copied)."""
    sql = (
        "SELECT a.url, o.url, m.similarity, f.url FROM reprint_members m JOIN reprint_clusters c "
        "ON c.id = m.cluster_id JOIN articles a ON a.id = m.article_id JOIN articles o ON o.id = c.origin_id "
        "LEFT JOIN articles f ON f.id = m.copied_from_id"
    )
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return {url: (origin, sim, copied) for url, origin, sim, copied in conn.execute(sql)}


@pytest.fixture
def store(db_url: str):
    store = Store.open(db_url)
    yield store
    store.close()


def test_a_reprint_on_another_site_joins_its_origin_and_points_at_the_site_it_credits(store, db_url) -> None:
    story, other = STORIES[0], STORIES[1]
    copy = f"（原标题：{story.title}）\n{story.body}\n编辑：李明"
    store.save_batch([
        _item(QICHE.format(17370), story.body, site="qiche", when="2024-11-21", title=story.title),
        _item(OTHER.format(1), copy, site="other", when="2024-11-21T15:02:00+08:00", source="老虎车网"),
        _item(OTHER.format(2), other.body, site="other", when="2024-11-21T16:00:00+08:00"),
    ])  # fmt: skip
    done = store.cluster_reprints()
    assert (done.sketched, done.clusters, done.pairs) == (3, 1, 1)
    clusters, _, pairs = _tables(db_url)
    assert [c[2:] for c in clusters] == [(2, 2, "2024-11-21", "2024-11-21T15:02:00+08:00")]
    origin = QICHE.format(17370)
    assert _by_url(db_url) == {origin: (origin, 1.0, None), OTHER.format(1): (origin, 1.0, origin)}
    assert [p[2] for p in pairs] == [1.0]


def test_the_credited_member_wins_over_the_origin_for_copied_from(store, db_url) -> None:
    body = STORIES[2].body
    store.save_batch([
        _item(OTHER.format(1), body, site="other", when="2024-11-18T09:00:00+08:00"),
        _item(QICHE.format(2), body + "\n编辑：王芳", site="qiche", when="2024-11-18T10:00:00+08:00"),
        _item("http://third.example/a.html", body, site="third", when="2024-11-18T11:00:00+08:00",
              source="来自老虎车网"),
    ])  # fmt: skip
    store.cluster_reprints()
    origin, credited = OTHER.format(1), QICHE.format(2)
    assert _by_url(db_url) == {
        origin: (origin, 1.0, None),
        credited: (origin, 1.0, origin),
        "http://third.example/a.html": (origin, 1.0, credited),
    }


def test_the_earliest_published_member_is_the_origin_even_when_stored_last(store, db_url) -> None:
    body = STORIES[3].body
    store.save_batch([_item(OTHER.format(1), body, site="other", when="2024-11-28T12:00:00+08:00")])
    store.save_batch([_item(QICHE.format(2), body, site="qiche", when="2024-11-28T11:00:00+08:00")])
    store.cluster_reprints()
    assert {origin for origin, _, _ in _by_url(db_url).values()} == {QICHE.format(2)}


def _feed(store: Store, items: list[ArticleItem], every: int) -> None:
    for i in range(0, len(items), every):
        store.save_batch(items[i : i + every])
        store.cluster_reprints()


def test_catching_up_batch_by_batch_gives_the_clusters_of_a_rebuild(store, db_url) -> None:
    pairs = [p for p in labelled_pairs() if p.kind in ("flash", "combined", "template", "independent")][::3]
    items = []
    for i, pair in enumerate(pairs):
        items.append(_item(QICHE.format(2 * i), pair.a.body, site="qiche", when=f"2024-11-{1 + i % 28:02d}"))
        items.append(
            _item(OTHER.format(2 * i + 1), pair.b.body, site="other", when=f"2024-11-{1 + i % 27:02d}")
        )
    _feed(store, items[::-1], every=7)  # newest first, so origins and bridges change on the way
    # An edit that makes one copy another story: its pair must go.
    first_copy = next(m for m in _tables(db_url)[1] if m[3] is not None)[0]
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET body = :b, content_hash = 'edited' WHERE id = :i"),
                     {"b": UNRELATED, "i": first_copy})  # fmt: skip
    store.cluster_reprints()
    incremental = _tables(db_url)
    assert all(first_copy not in (low, high) for low, high, *_ in incremental[2])
    assert incremental[0], "the set has clusters"
    store.cluster_reprints(rebuild=True)
    assert _tables(db_url) == incremental


def test_a_late_article_that_bridges_two_clusters_merges_them(store, db_url) -> None:
    paras = STORIES[4].body.split("\n")
    front, back = "\n".join(paras[:3]), "\n".join(paras[2:])
    store.save_batch([
        _item(QICHE.format(1), front, site="qiche", when="2024-11-10"),
        _item(OTHER.format(2), back, site="other", when="2024-11-11"),
    ])  # fmt: skip
    store.cluster_reprints()
    assert _tables(db_url)[0] == []
    store.save_batch([_item(OTHER.format(3), STORIES[4].body, site="other", when="2024-11-12")])
    store.cluster_reprints()
    assert set(_by_url(db_url).values()) >= {(QICHE.format(1), 1.0, None)}
    assert set(_by_url(db_url)) == {QICHE.format(1), OTHER.format(2), OTHER.format(3)}


def test_a_deleted_article_leaves_its_cluster(store, db_url) -> None:
    body = STORIES[5].body
    store.save_batch(
        [_item(f"http://s{i}.example/a.html", body, site=f"s{i}", when=f"2024-09-2{i}") for i in range(3)]
    )
    store.cluster_reprints()
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE url = 'http://s0.example/a.html'"))
    store.cluster_reprints()
    clusters, _, _ = _tables(db_url)
    assert [c[2:] for c in clusters] == [(2, 2, "2024-09-21", "2024-09-22")]
    assert set(_by_url(db_url)) == {"http://s1.example/a.html", "http://s2.example/a.html"}


def test_nothing_new_costs_one_query_and_changes_nothing(store, db_url) -> None:
    store.save_batch([_item(QICHE.format(1), STORIES[6].body, site="qiche", when="2024-11-01")])
    assert store.cluster_reprints().sketched == 1
    again = store.cluster_reprints()
    assert (again.sketched, again.changed) == (0, False)


def test_texts_too_short_to_shingle_are_never_clustered(store, db_url) -> None:
    store.save_batch(
        [_item(f"http://s{i}.example/a.html", "好。", site=f"s{i}", when="2024-11-01") for i in range(2)]
    )
    store.cluster_reprints()
    assert _tables(db_url) == ([], [], [])
