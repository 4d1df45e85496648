"""Search on PostgreSQL: the same exact matches as on SQLite, through pg_trgm indexes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from autonews.items import ArticleItem
from autonews.query.search import search
from autonews.store import Store
from autonews.store.ddl import TRGM_INDEXES, rebuild_search_index
from tests.unit.test_search import (
    FILTERED,
    HAND,
    HAND_QUERIES,
    RANKED,
    TERMS,
    _corpus,
    check_ranking_snippet_and_filters,
    has,
)

QUERIES = [*TERMS, "小米 车", "宝马 SU7", "裁员 小米汽车 的", "车 ，", "50%", "a_b", "\\"]


@pytest.fixture
def pg_store(pg_url: str):
    store = Store.open(pg_url)
    yield store
    store.close()


def test_every_query_matches_exactly_the_substring_set(pg_store: Store) -> None:
    corpus = _corpus(400, seed=5)
    corpus.append(ArticleItem(url="http://h/odd", site="qiche", title="50% a_b", body="back\\slash"))
    pg_store.save_batch(corpus)
    for query in QUERIES:
        terms = query.split()
        expected = {it.url for it in corpus if all(has(it.title, t) or has(it.body, t) for t in terms)}
        assert {h.url for h in search(pg_store.engine, query, limit=100_000)} == expected, query
    assert {h.url for h in search(pg_store.engine, "%")} == {"http://h/odd"}  # LIKE wildcards are literal


def test_each_query_finds_exactly_the_articles_written_out(pg_store: Store) -> None:
    pg_store.save_batch(HAND)
    for query, numbers in HAND_QUERIES:
        assert sorted(h.url for h in search(pg_store.engine, query, limit=100)) == [
            f"http://h/{n}" for n in numbers
        ], query


def test_ranking_snippet_and_filters(pg_store: Store) -> None:
    pg_store.save_batch(RANKED)
    check_ranking_snippet_and_filters(pg_store)


def test_store_creates_the_trigram_indexes_and_long_terms_use_them(pg_store: Store) -> None:
    pg_store.save_batch(_corpus(50, seed=1))
    assert rebuild_search_index(pg_store.engine) == 50
    with pg_store.engine.connect() as conn:
        names = {
            r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'articles'"))
        }
        conn.execute(text("SET enable_seqscan = off"))  # 50 rows: otherwise a scan is cheaper
        plans = [
            " ".join(
                r[0] for r in conn.execute(text(f"EXPLAIN SELECT id FROM articles WHERE body {op} '{p}'"))
            )
            for op, p in (("LIKE", "%小米汽%"), ("ILIKE", "%su7%"))  # the candidate filters search uses
        ]
    assert set(TRGM_INDEXES) <= names
    assert all("ix_articles_body_trgm" in plan for plan in plans), plans


def test_a_hit_carries_the_articles_fields_and_a_snippet_of_its_body_else_its_title(pg_store: Store) -> None:
    pg_store.save_batch(FILTERED)
    with pg_store.engine.connect() as conn:
        ids = dict(conn.execute(text("SELECT url, id FROM articles")).all())
    hits = sorted(search(pg_store.engine, "小米"), key=lambda h: h.url)
    assert [(h.id, h.url, h.title, h.published_at, h.channel, h.snippet) for h in hits] == [
        (ids["http://h/a"], "http://h/a", "小米，发布", "2024-10-01", "hangye", "【小米】，今天发布。"),
        (ids["http://h/b"], "http://h/b", "小米，交付", "2024-10-20", "xinche", "【小米】，交付了。"),
        (
            ids["http://h/c"],
            "http://h/c",
            "小米，降价",
            "2024-10-21T09:00:00+08:00",
            "hangye",
            "【小米】，降价",
        ),
    ]
    assert len(search(pg_store.engine, "小米", limit=2)) == 2
    assert sorted(h.url for h in search(pg_store.engine, "，", channel="hangye", since="2024-10-02")) == [
        "http://h/c"
    ]
