"""The store on PostgreSQL: same behaviour as on SQLite, concurrent writers, migrations,
the README's SQL, and copying a SQLite database over."""

from __future__ import annotations

import random
import re
import sqlite3
import threading
import time
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from autonews.items import ArticleItem, Link
from autonews.store import Base, Store
from autonews.store.ddl import INDEXES, TRGM_INDEXES
from autonews.store.migrate import current_revision, head_revision, upgrade

ROOT = Path(__file__).resolve().parents[2]
U = "http://h/hangye/xinwen-{}.html".format


def _item(n: int, body: str = "正文。", links: tuple[int, ...] = ()) -> ArticleItem:
    return ArticleItem(
        url=U(n), site="qiche", channel="hangye", title=f"标题 {n}", body=body,
        related=[Link(U(t), f"T{t}") for t in links], article_key=str(n),
    )  # fmt: skip


def _rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_statuses_versions_aliases_and_counters(pg_url: str) -> None:
    store = Store.open(pg_url)
    run = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    assert store.save_batch([_item(1, links=(2,)), _item(2)], run_id=run).count("new") == 2
    again = store.save_batch([_item(1, links=(2,)), _item(2, body="改了。")], run_id=run)
    assert again.statuses == {U(1): "unchanged", U(2): "updated"}
    alias = _item(2, body="又改了。")
    alias.url = "http://mirror/hangye/xinwen-2.html"  # same article key: updates row 2
    store.save_batch([alias], run_id=run)
    assert _rows(pg_url, "select count(*) from articles") == [(2,)]
    assert _rows(pg_url, "select body from article_versions order by id") == [("正文。",), ("改了。",)]
    assert _rows(pg_url, "select articles_new, articles_updated, articles_unchanged from crawl_runs") == [
        (2, 2, 1)
    ]
    assert _rows(pg_url, "select count(*) from links where to_id is null") == [(0,)]
    store.close()


def _four_writers(url: str, work) -> list[Exception]:
    """Run work(store, 0) … work(store, 3) in threads at once, each with its own store;
    returns what they raised."""
    errors: list[Exception] = []

    def writer(k: int) -> None:
        store = Store.open(url)
        try:
            work(store, k)
        except Exception as exc:  # returned to the test, which asserts there is none
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _deadlocks(url: str) -> int:
    """Deadlocks PostgreSQL detected in this database (a retry hides them from the writers)."""
    time.sleep(0.6)  # backends report their counters when they exit, within PGSTAT_MIN_INTERVAL
    return _rows(url, "select deadlocks from pg_stat_database where datname = current_database()")[0][0]


def test_concurrent_writers_never_duplicate_and_resolve_every_link(pg_url: str) -> None:
    """Four writers store overlapping batches whose links point into each other's batches."""
    Store.open(pg_url).close()
    n = 400

    def work(store: Store, offset: int) -> None:
        for start in range(0, n, 40):
            ids = [(start + offset * 13 + k) % n for k in range(40)]
            store.save_batch([_item(i, links=((i + 1) % n, (i + 97) % n)) for i in ids])

    assert _four_writers(pg_url, work) == []
    assert _rows(pg_url, "select count(*), count(distinct url) from articles") == [(n, n)]
    assert _rows(pg_url, "select count(*) from links") == [(2 * n,)]
    assert _rows(pg_url, "select count(*) from links where to_id is null") == [(0,)]
    wrong = "select count(*) from links l join articles a on a.id = l.to_id where a.url != l.to_url"
    assert _rows(pg_url, wrong) == [(0,)]
    assert _deadlocks(pg_url) == 0


def test_migrations_run_on_postgres_from_the_first_release(pg_url: str) -> None:
    engine = create_engine(pg_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("insert into crawl_runs (spider, started_at) values ('qiche', 't')"))
        conn.execute(
            text(
                "insert into articles (site, url, body, content_hash, extractor, page_count, first_seen_at,"
                " last_seen_at, updated_at) values ('qiche', 'http://h/a', '旧。', 'x', 'site', 1, 't', 't', 't')"
            )
        )
    engine.dispose()
    store = Store.open(pg_url)
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Objects added outside the ORM (autonews.store.ddl's views, extra and search indexes) are not drift.
    extras = set(INDEXES) | set(TRGM_INDEXES)
    assert [d for d in diff if not (d[0] == "remove_index" and d[1].name in extras)] == []
    assert _rows(pg_url, "select url, body from articles") == [("http://h/a", "旧。")]
    store.close()


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Example SQL", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    block = re.sub(r"--[^\n]*", "", block)
    return [q.strip() for q in block.split(";") if q.strip()]


def test_readme_sql_runs_unchanged_on_both_backends(pg_url: str, tmp_path: Path) -> None:
    queries = _readme_queries()
    assert len(queries) >= 4
    sqlite_url = f"sqlite:///{tmp_path / 'a.db'}"
    for url in (sqlite_url, pg_url):
        store = Store.open(url)
        item = _item(20241022341208, links=(1,))
        item.url, item.published_at = "http://www.qi-che.com/hangye/xinwen-20241022341208.html", "2024-11-02"
        store.save_batch([item, _item(1, links=(20241022341208,))])
        store.close()
        results = [_rows(url, q) for q in queries]
        assert results[0], url  # the latest articles
        assert any(results[1:]), url
        if url == sqlite_url:
            expected = results
    assert [sorted(map(str, r)) for r in results] == [sorted(map(str, r)) for r in expected]


def test_copy_db_moves_sqlite_to_postgres_keeping_ids(pg_url: str, tmp_path: Path) -> None:
    from autonews.store.copy import copy_database

    src = f"sqlite:///{tmp_path / 'src.db'}"
    store = Store.open(src)
    run = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    store.save_batch([_item(i, links=(i + 1, i + 5)) for i in range(1, 30)], run_id=run)
    store.save_batch([_item(3, body="第二版。")], run_id=run)
    store.close()
    with sqlite3.connect(tmp_path / "src.db") as conn:
        conn.execute("pragma foreign_keys = on")  # its links go (cascade) or unresolve, as in a crawl
        conn.execute("delete from articles where id = 2")  # a gap in the ids must survive
    counts = copy_database(src, pg_url)
    assert counts == {"crawl_runs": 1, "articles": 28, "links": 54, "article_versions": 1}
    with sqlite3.connect(tmp_path / "src.db") as conn:
        want = conn.execute("select id, url, body from articles order by id").fetchall()
    assert _rows(pg_url, "select id, url, body from articles order by id") == want
    store = Store.open(pg_url)  # the sequences moved past the copied ids
    store.save_batch([_item(999)])
    store.close()
    assert _rows(pg_url, "select id from articles where url = '" + U(999) + "'") == [(30,)]


def test_two_items_of_one_batch_stored_as_one_article_keep_one_set_of_links(pg_url: str) -> None:
    """An item whose canonical URL names a stored article updates that row: with the article
    itself in the same batch, both bring the same links, which one INSERT must not add twice."""
    store = Store.open(pg_url)
    store.save_batch([_item(1)])
    mirror = _item(1, body="镜像。", links=(2, 3))
    mirror.url, mirror.canonical_url, mirror.article_key = "http://mirror/1.html", U(1), None
    itself = _item(1, links=(2, 3))
    itself.article_key = None
    assert store.save_batch([itself, mirror]).statuses == {U(1): "unchanged", mirror.url: "updated"}
    store.save_batch([_item(2), _item(3)])
    assert _rows(pg_url, "select count(*) from articles") == [(3,)]
    assert _rows(pg_url, "select to_url, to_id is not null from links order by to_url") == [
        (U(2), True),
        (U(3), True),
    ]
    store.close()


def test_concurrent_resaves_resolve_links_across_writers(pg_url: str) -> None:
    """Writers insert disjoint articles linking into each other's, then re-save overlapping
    batches with changed text (versions, link updates and sweeps all running at once)."""
    Store.open(pg_url).close()
    n = 240

    def work(store: Store, k: int) -> None:
        mine = [i for i in range(n) if i % 4 == k]
        for start in range(0, len(mine), 20):
            store.save_batch([_item(i, links=((i + 1) % n, (i + 61) % n)) for i in mine[start : start + 20]])
        for start in range(0, n, 60):
            ids = [(start + k * 7 + j) % n for j in range(60)]
            store.save_batch([_item(i, f"第{k}版。", links=((i + 1) % n, (i + 2) % n)) for i in ids])

    assert _four_writers(pg_url, work) == []
    assert _rows(pg_url, "select count(*), count(distinct url) from articles") == [(n, n)]
    assert _rows(pg_url, "select count(*) from links where to_id is null") == [(0,)]
    wrong = "select count(*) from links l join articles a on a.id = l.to_id where a.url != l.to_url"
    assert _rows(pg_url, wrong) == [(0,)]
    assert _rows(pg_url, "select count(*) from article_versions") != [(0,)]
    assert _deadlocks(pg_url) == 0


def test_overlapping_resaves_never_deadlock(pg_url: str) -> None:
    """Writers re-save random overlapping batches (changed, unchanged and new articles mixed,
    in any order): row locks are taken in one order, so PostgreSQL never sees a deadlock."""
    n = 300
    store = Store.open(pg_url)
    store.save_batch([_item(i, "v0", links=((i * 7 + 1) % n, (i + 3) % n)) for i in range(n - 60)])
    store.close()

    saved = set(range(n - 60))

    def work(store: Store, k: int) -> None:
        rng = random.Random(k)
        for _ in range(12):
            batch = rng.sample(range(n), 80)
            store.save_batch(
                [_item(i, f"v{rng.randint(0, 3)}", links=((i * 7 + 1) % n, (i + 3) % n)) for i in batch]
            )
            saved.update(batch)

    assert _four_writers(pg_url, work) == []
    assert _deadlocks(pg_url) == 0
    assert sorted(url for (url,) in _rows(pg_url, "select url from articles")) == sorted(U(i) for i in saved)
    wrong = "select count(*) from links l join articles a on a.id = l.to_id where a.url != l.to_url"
    assert _rows(pg_url, wrong) == [(0,)]


def test_known_articles_lookup_on_postgres(pg_url: str) -> None:
    from autonews.store.known import KnownArticles

    store = Store.open(pg_url)
    store.save_batch([_item(n) for n in range(1, 1102)])
    asked = [*(U(n) for n in range(1, 1102)), U(9999), U(1)]  # over two chunks, a miss, a repeat
    found = KnownArticles(store).lookup(asked)
    assert sorted(found) == sorted(U(n) for n in range(1, 1102))
    row = found[U(600)]
    assert (row.url, row.published_at, row.first_seen_at == row.last_seen_at) == (U(600), None, True)
    assert KnownArticles(store).lookup([]) == {}
    store.close()


def test_a_batch_compares_with_the_text_another_writer_committed_while_it_waited_for_the_row(
    pg_url: str,
) -> None:
    """The content hash is read again under the row lock: an item equal to what another writer
    committed meanwhile is unchanged, not a change that would write a version of itself."""
    from autonews.store.store import content_hash

    store = Store.open(pg_url)
    store.save_batch([_item(1, "旧的正文。")])
    other = create_engine(pg_url)
    statuses: dict[str, str] = {}
    try:
        with other.connect() as conn:
            conn.execute(
                text("update articles set body = :b, content_hash = :h where url = :u"),
                {"b": "新的正文。", "h": content_hash(_item(1, "新的正文。")), "u": U(1)},
            )  # not committed yet: the row stays locked
            writer = threading.Thread(
                target=lambda: statuses.update(store.save_batch([_item(1, "新的正文。")]).statuses)
            )
            writer.start()
            waiting = "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
            for _ in range(500):  # until the batch waits for the row lock (at most ~10 s)
                if _rows(pg_url, waiting) == [(1,)]:
                    break
                time.sleep(0.02)
            conn.commit()
        writer.join()
    finally:
        other.dispose()
    assert statuses == {U(1): "unchanged"}
    assert _rows(pg_url, "select body from articles") == [("新的正文。",)]
    assert _rows(pg_url, "select count(*) from article_versions") == [(0,)]
    store.close()
