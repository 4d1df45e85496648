from __future__ import annotations

import sqlite3

import pytest

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


# -- "unchanged" means unchanged: the content hash ------------------------------------------

HEAD = {"title": "标题 17206", "published_at": "2024-10-22T10:30:00+08:00", "source": "汽车之家",
        "author": "张三", "channel": "hangye", "body": "正文第一段。\n正文第二段。"}  # fmt: skip
K = "http://h/hangye/17206.htm"


def _full(url: str = K, fetched_at: str = "2024-11-20T08:00:00+08:00", **fields: str) -> ArticleItem:
    return ArticleItem(url=url, site="qiche", article_key="17206", fetched_at=fetched_at, **(HEAD | fields))


def test_the_content_hash_is_sha256_over_the_six_fields_as_documented() -> None:
    from autonews.store.store import content_hash

    # sha256 of the JSON list ["标题 17206", "2024-10-22T10:30:00+08:00", "汽车之家", "张三",
    # "hangye", "正文第一段。\n正文第二段。"], computed with sha256sum, not with content_hash.
    # Any change to the formula makes every stored article "updated" on the next run.
    assert content_hash(_full()) == "3cfa1be698dd544f62ebfaba70cf457b2d2c432d99a52a90c9200a8b469f3dd2"


def test_resaving_unchanged_content_with_a_new_fetch_time_is_unchanged_and_writes_no_version(
    db_url: str,
) -> None:
    store = Store.open(db_url)
    first_run = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    assert store.save_batch([_full()], run_id=first_run).statuses == {K: "new"}
    stored = _rows(db_url, "select content_hash, updated_at, first_run_id from articles")
    second_run = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    again = _full(fetched_at="2024-11-25T09:30:00+08:00", extractor="generic")
    assert store.save_batch([again], run_id=second_run).statuses == {K: "unchanged"}
    assert _rows(db_url, "select content_hash, updated_at, first_run_id from articles") == stored
    assert _rows(db_url, "select last_run_id from articles") == [(second_run,)]
    assert _rows(db_url, "select count(*) from article_versions") == [(0,)]
    assert _rows(
        db_url, "select articles_new, articles_updated, articles_unchanged from crawl_runs order by id"
    ) == [
        (1, 0, 0),
        (0, 0, 1),
    ]


@pytest.mark.parametrize("name", ["title", "published_at", "source", "author", "channel", "body"])
def test_a_change_to_any_hashed_field_counts_as_updated(db_url: str, name: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_full()])
    assert store.save_batch([_full(**{name: "改过的值"})]).statuses == {K: "updated"}
    assert _rows(db_url, f"select {name} from articles") == [("改过的值",)]


# -- article versions on SQLite ---------------------------------------------------------------


def test_a_changed_article_keeps_each_previous_state_in_article_versions(db_url: str) -> None:
    store = Store.open(db_url)
    runs = [store.start_run("qiche", site="qiche", base_url="http://h", args={}) for _ in range(4)]
    store.save_batch([_full(body="第一版。")], run_id=runs[0])
    (first_hash, first_updated), = _rows(db_url, "select content_hash, updated_at from articles")  # fmt: skip
    store.save_batch([_full(body="第二版。", title="新标题")], run_id=runs[1])
    (second_updated,) = _rows(db_url, "select updated_at from articles")[0]
    store.save_batch([_full(body="第二版。", title="新标题")], run_id=runs[2])  # unchanged: no version
    store.save_batch([_full(body="第三版。", title="新标题")], run_id=runs[3])
    versions = _rows(
        db_url,
        "select article_id, content_hash, title, published_at, source, author, body, valid_from,"
        " replaced_by_run_id from article_versions order by id",
    )
    assert versions[0] == (1, first_hash, "标题 17206", "2024-10-22T10:30:00+08:00", "汽车之家", "张三",
                           "第一版。", first_updated, runs[1])  # fmt: skip
    assert versions[1][2:] == ("新标题", "2024-10-22T10:30:00+08:00", "汽车之家", "张三", "第二版。",
                               second_updated, runs[3])  # fmt: skip
    assert len(versions) == 2
    assert _rows(db_url, "select title, body from articles") == [("新标题", "第三版。")]
    replaced = _rows(db_url, "select replaced_at from article_versions order by id")
    assert replaced[0][0] == second_updated and replaced[0][0] >= first_updated


# -- one article under two URLs (aliases) -----------------------------------------------------


def test_an_article_stored_again_under_a_mirror_url_updates_its_row(db_url: str) -> None:
    store = Store.open(db_url)
    run = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    store.save_batch([_full()], run_id=run)
    mirror = "http://mirror:8808/hangye/17206.htm"  # same site article id, another host
    assert store.save_batch([_full(mirror)], run_id=run).statuses == {mirror: "unchanged"}
    assert store.save_batch([_full(mirror, body="镜像上改过。")], run_id=run).statuses == {mirror: "updated"}
    # One row, under the URL it was first stored as; the old text is a version.
    assert _rows(db_url, "select id, url, body from articles") == [(1, K, "镜像上改过。")]
    assert _rows(db_url, "select body from article_versions") == [("正文第一段。\n正文第二段。",)]
    assert _rows(db_url, "select articles_new, articles_updated, articles_unchanged from crawl_runs") == [
        (1, 1, 1)
    ]


def test_an_item_whose_canonical_link_names_a_stored_article_updates_that_row(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(A)])
    copy = _item("http://other/copy.html", body="转载的版本。")
    copy.canonical_url = A
    assert store.save_batch([copy]).statuses == {"http://other/copy.html": "updated"}
    assert _rows(db_url, "select url, body from articles") == [(A, "转载的版本。")]


def test_two_items_of_one_batch_stored_as_one_article_keep_one_set_of_links(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_item(A)])
    itself = _item(A, related=[Link(B, "B"), Link(C, "C")])
    mirror = _item("http://mirror/1.html", body="镜像。", related=[Link(B, "B"), Link(C, "C")])
    mirror.canonical_url = A
    assert store.save_batch([itself, mirror]).statuses == {A: "unchanged", "http://mirror/1.html": "updated"}
    store.save_batch([_item(B), _item(C)])
    assert _rows(db_url, "select count(*) from articles") == [(3,)]
    assert _rows(
        db_url, "select l.to_url, a.url from links l join articles a on a.id = l.to_id order by l.to_url"
    ) == [
        (B, B),
        (C, C),
    ]
    assert _rows(db_url, "select count(*) from links") == [(2,)]


def test_a_batch_with_one_article_twice_keeps_the_last(db_url: str) -> None:
    store = Store.open(db_url)
    result = store.save_batch(
        [_full(body="先到的。"), _full("http://mirror/hangye/17206.htm", body="后到的。")]
    )
    assert result.statuses == {"http://mirror/hangye/17206.htm": "new"}
    assert _rows(db_url, "select url, body from articles") == [("http://mirror/hangye/17206.htm", "后到的。")]


# -- link resolution across writers (what PostgreSQL's post-commit sweep does) ----------------


def _keyed(n: int, host: str = "http://h", links: tuple[int, ...] = (), body: str = "正文。") -> ArticleItem:
    return ArticleItem(url=f"{host}/hangye/{n}.htm", site="qiche", channel="hangye", title=f"标题 {n}",
                       body=body, article_key=str(n),
                       related=[Link(f"{host}/hangye/{t}.htm", f"T{t}") for t in links])  # fmt: skip


def test_links_resolve_across_two_writers_of_one_database(db_url: str) -> None:
    one, two = Store.open(db_url), Store.open(db_url)
    one.save_batch([_keyed(1, links=(2, 3))])
    two.save_batch([_keyed(2, links=(1, 3))])
    one.save_batch([_keyed(3, links=(4,))])
    two.save_batch([_keyed(1, links=(2, 3), body="改了。")])  # a changed article keeps its resolved links
    assert _rows(
        db_url,
        "select f.url, l.to_url, t.url from links l join articles f on f.id = l.from_id"
        " left join articles t on t.id = l.to_id order by l.from_id, l.to_url",
    ) == [  # fmt: skip
        ("http://h/hangye/1.htm", "http://h/hangye/2.htm", "http://h/hangye/2.htm"),
        ("http://h/hangye/1.htm", "http://h/hangye/3.htm", "http://h/hangye/3.htm"),
        ("http://h/hangye/2.htm", "http://h/hangye/1.htm", "http://h/hangye/1.htm"),
        ("http://h/hangye/2.htm", "http://h/hangye/3.htm", "http://h/hangye/3.htm"),
        ("http://h/hangye/3.htm", "http://h/hangye/4.htm", None),
    ]
    one.close()
    two.close()


def test_a_link_under_another_host_resolves_to_the_stored_article_by_its_identity(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([_keyed(2), _keyed(3)])
    # Re-crawled from a mirror: its links name the mirror's URLs, the stored rows the site's.
    store.save_batch([_keyed(1, host="http://127.0.0.1:8808", links=(2, 3, 9))])
    assert _rows(
        db_url, "select l.to_url, a.url from links l left join articles a on a.id = l.to_id order by l.to_url"
    ) == [
        ("http://127.0.0.1:8808/hangye/2.htm", "http://h/hangye/2.htm"),
        ("http://127.0.0.1:8808/hangye/3.htm", "http://h/hangye/3.htm"),
        ("http://127.0.0.1:8808/hangye/9.htm", None),
    ]
    # A link to another site with the same path is not that article.
    store.save_batch([_keyed(5, links=())])
    other = _keyed(6)
    other.related = [Link("http://elsewhere.example/hangye/2.htm", "别家")]
    store.save_batch([other])
    assert _rows(db_url, "select to_id from links where to_url like 'http://elsewhere%'") == [(None,)]


def test_many_writers_interleaved_store_each_article_once_and_resolve_every_link(db_url: str) -> None:
    """The SQLite twin of test_store_pg's concurrent writers: overlapping batches from four
    stores, linking into each other's batches, written in turn."""
    n = 120
    stores = [Store.open(db_url) for _ in range(4)]
    for start in range(0, n, 20):
        for k, store in enumerate(stores):
            ids = [(start + k * 13 + j) % n for j in range(20)]
            store.save_batch([_keyed(i + 1, links=((i + 1) % n + 1, (i + 37) % n + 1)) for i in ids])
    for store in stores:
        store.close()
    assert _rows(
        db_url, "select count(*), count(distinct url), count(distinct article_key) from articles"
    ) == [(n, n, n)]
    assert _rows(db_url, "select count(*) from links") == [(2 * n,)]
    assert _rows(db_url, "select count(*) from links where to_id is null") == [(0,)]
    wrong = "select count(*) from links l join articles a on a.id = l.to_id where a.url != l.to_url"
    assert _rows(db_url, wrong) == [(0,)]


def test_every_save_records_when_and_by_which_run_it_saw_the_article(db_url: str) -> None:
    store = Store.open(db_url)
    runs = [store.start_run("qiche", site="qiche", base_url="http://h", args={}) for _ in range(3)]
    store.save_batch([_full()], run_id=runs[0])
    old = "2000-01-01T00:00:00+00:00"  # set back by hand: saves within one second share a stamp
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("update articles set last_seen_at = ?, updated_at = ?", (old, old))
    store.save_batch([_full()], run_id=runs[1])  # unchanged
    ((first_run, last_run, seen, updated),) = _rows(
        db_url, "select first_run_id, last_run_id, last_seen_at, updated_at from articles"
    )
    assert (first_run, last_run, updated) == (runs[0], runs[1], old) and seen > old
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("update articles set last_seen_at = ?", (old,))
    store.save_batch([_full(body="改了。")], run_id=runs[2])  # changed
    ((last_run, seen, updated),) = _rows(db_url, "select last_run_id, last_seen_at, updated_at from articles")
    assert last_run == runs[2] and seen > old and updated == seen


def test_links_dropped_from_two_pages_of_one_batch_both_go(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch(
        [_item(A, related=[Link(B, "B"), Link(C, "C")]), _item(B, related=[Link(A, "A"), Link(C, "C")])]
    )
    store.save_batch([_item(A, related=[Link(B, "B")]), _item(B, related=[Link(A, "A")])])
    assert sorted(_rows(db_url, "select to_url from links")) == [(A,), (B,)]


def test_batches_larger_than_two_chunks_are_handled_whole(db_url: str) -> None:
    """Every per-batch query is cut in chunks of 500 rows: a batch of 1,100 articles, stored,
    then re-saved from a mirror (aliases by site id, links resolved by identity, one link
    gone from each), must touch every row, not the first 1,000."""
    n = 1100
    store = Store.open(db_url)
    store.save_batch([_keyed(i, links=(i + 1, i + 2)) for i in range(1, n + 1)])
    mirror = [_keyed(i, host="http://127.0.0.1:8808", links=(i + 1,)) for i in range(1, n + 1)]
    assert store.save_batch(mirror).count("updated") == 0  # same content under another host
    assert _rows(db_url, "select count(*) from articles") == [(n,)]
    assert _rows(db_url, "select count(*), count(to_id) from links") == [(n, n - 1)]
    run = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    again = store.save_batch([_keyed(i, links=(i + 1,)) for i in range(1, n + 1)], run_id=run)
    assert again.count("unchanged") == n
    assert _rows(db_url, f"select count(*) from articles where last_run_id = {run}") == [
        (n,)
    ]  # every one seen


def test_a_database_that_cannot_be_opened_is_one_line_without_its_password() -> None:
    from autonews.store.engine import DatabaseUnusable

    with pytest.raises(DatabaseUnusable) as caught:
        Store.open("postgresql+psycopg://crawler:s3cret@127.0.0.1:1/news")
    message = str(caught.value)
    assert message.startswith("cannot open the database postgresql+psycopg://crawler:***@127.0.0.1:1/news: ")
    assert message.endswith(
        ': connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused'
    )
    assert "s3cret" not in message and "\n" not in message


def test_runs_start_with_their_arguments_and_published_dates_are_read_per_site(db_url: str) -> None:
    store = Store.open(db_url)
    run = store.start_run("qiche", site="qiche", base_url="http://h", args={"频道": "行业", "max_pages": 3})
    assert _rows(db_url, "select spider, site, base_url, args, status, finished_at from crawl_runs") == [
        ("qiche", "qiche", "http://h", '{"max_pages": 3, "频道": "行业"}', "running", None)
    ]  # the arguments as JSON with sorted keys, so equal arguments are equal text
    assert run == 1
    other = _item(B)
    other.site, other.published_at = "other", "2024-10-02"
    store.save_batch([_full(), other])
    assert store.stored_context() == {K: ("2024-10-22T10:30:00+08:00", "hangye"), B: ("2024-10-02", "hangye")}
    assert store.stored_context("qiche") == {K: ("2024-10-22T10:30:00+08:00", "hangye")}


def test_a_batch_that_lost_a_race_is_retried_and_any_other_error_is_not(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from autonews.store import backend
    from autonews.store import store as store_module

    store = Store.open(db_url)
    waits: list[int] = []
    monkeypatch.setattr(backend, "backoff", waits.append)  # no sleeping in tests
    real_save, failures = store_module._save, [backend.Conflict("raced"), backend.Conflict("raced")]

    def racing(*args):
        if failures:
            raise failures.pop(0)
        return real_save(*args)

    monkeypatch.setattr(store_module, "_save", racing)
    assert store.save_batch([_item(A)]).statuses == {A: "new"}
    assert waits == [0, 1]  # backed off after each lost attempt, longer each time

    def broken(*args):
        raise ValueError("a bug, not a race")

    monkeypatch.setattr(store_module, "_save", broken)
    with pytest.raises(ValueError, match="a bug, not a race"):
        store.save_batch([_item(B)])
    assert waits == [0, 1]  # not retried

    monkeypatch.setattr(store_module, "_save", lambda *a: (_ for _ in ()).throw(backend.Conflict("always")))
    with pytest.raises(backend.Conflict):
        store.save_batch([_item(C)])
    assert waits == [0, 1, *range(backend.RETRIES - 1)]  # the last attempt's failure is raised


def test_a_database_file_that_cannot_be_opened_names_the_drivers_reason(tmp_path) -> None:
    from autonews.store.engine import DatabaseUnusable

    with pytest.raises(DatabaseUnusable) as caught:
        Store.open(f"sqlite:///{tmp_path}")  # a directory, not a file
    assert str(caught.value) == f"cannot open the database sqlite:///{tmp_path}: unable to open database file"


def test_a_driver_failing_without_a_message_is_reported_as_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import create_engine

    from autonews.store import store as store_module
    from autonews.store.engine import DatabaseUnusable

    def silent() -> sqlite3.Connection:
        raise sqlite3.OperationalError("")  # a driver that gives no reason

    monkeypatch.setattr(store_module, "make_engine", lambda url: create_engine("sqlite://", creator=silent))
    with pytest.raises(DatabaseUnusable) as caught:
        Store.open("sqlite:///news.db")
    assert str(caught.value) == "cannot open the database sqlite:///news.db: no answer"


def test_other_link_blocks_keep_their_kind_and_heading_and_follow_the_page(db_url: str) -> None:
    store = Store.open(db_url)
    page = _item(A)
    page.other = [Link(B, "B", heading="猜你喜欢"), Link(C, "C", heading="猜你喜欢")]
    store.save_batch([page])
    links = "select to_url, kind, title, position, heading from links order by to_url"
    assert _rows(db_url, links) == [(B, "other", "B", 1, "猜你喜欢"), (C, "other", "C", 2, "猜你喜欢")]
    page.other = [Link(B, "B", heading="热门推荐"), Link(C, "C", heading="热门推荐")]  # only the heading
    store.save_batch([page])
    assert _rows(db_url, links) == [(B, "other", "B", 1, "热门推荐"), (C, "other", "C", 2, "热门推荐")]


def test_a_sites_learned_furniture_is_stored_and_read_back_through_the_store(db_url: str) -> None:
    store = Store.open(db_url)
    assert store.learned_furniture("qiche").lines == ()
    learned = store.record_site(
        "qiche", host="h", name="汽车", kind="news", furniture=("分享到：",), pages=16
    )
    assert store.learned_furniture("qiche") == learned
    assert (learned.lines, learned.pages) == (("分享到：",), 16)
    assert _rows(db_url, "select site, host, name, kind from sites") == [("qiche", "h", "汽车", "news")]
    assert store.learned_furniture("other").lines == ()
