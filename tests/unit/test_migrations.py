from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from autonews.items import ArticleItem
from autonews.store import Base, Store, make_engine
from autonews.store.migrate import current_revision, head_revision, upgrade


def _first_release_db(db_url: str) -> None:
    """A database exactly as release 0.1 left it, with one article and one link."""
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute(
            "insert into crawl_runs (spider, started_at, status) values ('qiche', '2024-11-01T00:00:00+00:00', 'ok')"
        )
        conn.execute(
            "insert into articles (site, url, title, body, content_hash, extractor, page_count,"
            " first_seen_at, last_seen_at, updated_at) values ('qiche', 'http://h/a/xinwen-1.html', '旧标题',"
            " '旧正文。', 'x', 'site', 1, 't', 't', 't')"
        )
        conn.execute(
            "insert into links (from_id, to_url, kind, title, position) values (1, 'http://h/b', 'related', 'B', 1)"
        )
    engine.dispose()


def test_first_release_database_upgrades_in_place_keeping_rows(db_url: str) -> None:
    _first_release_db(db_url)
    store = Store.open(db_url)  # upgrades automatically
    assert current_revision(store.engine) == head_revision()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("select url, title, body from articles").fetchall() == [
            ("http://h/a/xinwen-1.html", "旧标题", "旧正文。")
        ]
        assert conn.execute("select count(*) from links").fetchone() == (1,)
        assert conn.execute("select count(*) from article_versions").fetchone() == (0,)


def test_database_without_alembic_table_is_taken_as_first_release(db_url: str) -> None:
    _first_release_db(db_url)
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("drop table alembic_version")
    store = Store.open(db_url)
    assert current_revision(store.engine) == head_revision()


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Extra objects the store adds outside the ORM (views, FTS tables) are not drift.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("articles_search"))]
    # 0006 widens ``site`` to 255 characters except on SQLite, which enforces no length
    # (and would rebuild ``articles`` under its views to change the declared one).
    if store.engine.dialect.name == "sqlite":
        diff = [
            d for d in diff if not (isinstance(d, list) and d[0][0] == "modify_type" and d[0][3] == "site")
        ]
    assert diff == []


def test_changed_article_keeps_its_previous_version(db_url: str) -> None:
    store = Store.open(db_url)
    item = ArticleItem(url="http://h/a/xinwen-1.html", site="qiche", title="T", body="第一版。")
    store.save_batch([item])
    item.body = "第二版。"
    store.save_batch([item])
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("select body from article_versions").fetchall() == [("第一版。",)]
        assert conn.execute("select body from articles").fetchall() == [("第二版。",)]


def test_upgraded_database_gets_a_working_search_index(db_url: str) -> None:
    from autonews.query.search import search

    _first_release_db(db_url)
    store = Store.open(db_url)
    store.save_batch(
        [ArticleItem(url="http://h/a/xinwen-2.html", site="qiche", title="新车", body="小米汽车交付。")]
    )
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        triggers = {name for (name,) in conn.execute("select name from sqlite_master where type = 'trigger'")}
    assert {
        "articles_search_ai",
        "articles_search_bd",
        "articles_search_bu",
        "articles_search_au",
    } <= triggers
    assert [hit.url for hit in search(store.engine, "旧正文")] == ["http://h/a/xinwen-1.html"]
    assert [hit.url for hit in search(store.engine, "小米")] == ["http://h/a/xinwen-2.html"]


def test_links_by_target_use_the_to_id_kind_index(db_url: str) -> None:
    """0004 dropped ix_links_to_id; what links to an article is still an index search."""
    _first_release_db(db_url)
    Store.open(db_url)
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        names = {row[1] for row in conn.execute("pragma index_list(links)")}
        plan = " ".join(r[3] for r in conn.execute("explain query plan select * from links where to_id = 1"))
    assert "ix_links_to_id" not in names and "ix_links_to_id_kind" in names
    assert "USING INDEX ix_links_to_id_kind" in plan
