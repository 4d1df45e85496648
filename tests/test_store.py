from __future__ import annotations

import sqlite3

from autonews.items import ArticleItem, Link
from autonews.store import Store


def _item(
    url: str, body: str = "正文。", related: list[Link] | None = None, latest: list[Link] | None = None
):
    return ArticleItem(
        url=url,
        site="qiche",
        channel="hangye",
        title=f"标题 {url[-6:]}",
        body=body,
        related=related or [],
        latest=latest or [],
    )


def _rows(db_url: str, sql: str) -> list[tuple]:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return conn.execute(sql).fetchall()


A, B, C = "http://h/a/xinwen-1.html", "http://h/a/xinwen-2.html", "http://h/a/xinwen-3.html"


def test_link_resolves_when_target_is_stored_later(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(A, related=[Link(B, "B")])])
    assert _rows(db_url, "select to_url, to_id from links") == [(B, None)]
    store.save_batch([_item(B)])
    assert _rows(db_url, "select l.to_url, a.url from links l join articles a on a.id = l.to_id") == [(B, B)]


def test_link_resolves_when_target_was_stored_first(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(B)])
    store.save_batch([_item(A, related=[Link(B, "B")])])
    assert _rows(db_url, "select l.to_url, a.url from links l join articles a on a.id = l.to_id") == [(B, B)]


def test_link_resolves_within_one_batch_in_either_order(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(A, related=[Link(B, "B")]), _item(B, latest=[Link(A, "A")])])
    assert _rows(db_url, "select count(*) from links where to_id is null") == [(0,)]


def test_resaving_is_idempotent_and_counts_unchanged(db_url: str) -> None:
    store = Store.open(db_url)
    items = [_item(A, related=[Link(B, "B"), Link(C, "C")]), _item(B)]
    first = store.save_batch(items)
    before = (
        _rows(db_url, "select * from links order by id"),
        _rows(db_url, "select id, url, body from articles"),
    )
    second = store.save_batch(items)
    after = (
        _rows(db_url, "select * from links order by id"),
        _rows(db_url, "select id, url, body from articles"),
    )
    assert first.count("new") == 2 and second.count("unchanged") == 2
    assert before == after


def test_changed_body_updates_in_place(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(A, body="旧的正文。")])
    result = store.save_batch([_item(A, body="新的正文。")])
    assert result.statuses == {A: "updated"}
    assert _rows(db_url, "select count(*), max(body) from articles") == [(1, "新的正文。")]


def test_links_follow_the_page(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(A, latest=[Link(B, "B"), Link(C, "C")])])
    store.save_batch([_item(A, latest=[Link(C, "C 新标题")])])
    assert _rows(db_url, "select to_url, kind, title, position from links") == [(C, "latest", "C 新标题", 1)]


def test_same_target_under_two_kinds_is_two_rows(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(A, related=[Link(B, "B")], latest=[Link(B, "B")])])
    assert sorted(_rows(db_url, "select kind from links")) == [("latest",), ("related",)]


def test_run_counters_move_with_the_batch(db_url: str) -> None:
    store = Store.open(db_url)
    run = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    store.save_batch([_item(A), _item(B)], run_id=run)
    store.save_batch([_item(A), _item(B, body="改了。")], run_id=run)
    assert _rows(db_url, "select articles_new, articles_updated, articles_unchanged from crawl_runs") == [
        (2, 1, 1)
    ]


def test_sqlite_is_wal_with_foreign_keys(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_known_articles_answers_stored_urls_only_in_chunks(db_url: str) -> None:
    from autonews.store.known import KnownArticles

    store = Store.open(db_url)
    stored = [f"http://h/a/xinwen-{n}.html" for n in range(1, 601)]
    store.save_batch([_item(url) for url in stored])
    asked = [*stored, "http://h/a/xinwen-9999.html", stored[0]]  # over one chunk, a repeat
    found = KnownArticles(store).lookup(asked)
    assert sorted(found) == sorted(stored)
    row = found[stored[0]]
    assert (row.url, row.published_at) == (stored[0], None) and row.first_seen_at
