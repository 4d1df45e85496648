"""Search on PostgreSQL: the same exact matches as on SQLite, through pg_trgm indexes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from autonews.items import ArticleItem
from autonews.query.ddl import rebuild_search_index
from autonews.query.search import search
from autonews.query.search_pg import TRGM_INDEXES
from autonews.query.terms import contains
from autonews.store import Store
from tests.test_scaleout_services import pg_url  # noqa: F401 (fixture)
from tests.test_search import TERMS, _corpus

QUERIES = [*TERMS, "小米 车", "宝马 SU7", "裁员 小米汽车 的", "车 ，", "50%", "a_b", "\\"]


@pytest.fixture
def pg_store(pg_url: str):  # noqa: F811
    store = Store.open(pg_url)
    yield store
    store.close()


def test_every_query_matches_exactly_the_substring_set(pg_store: Store) -> None:
    corpus = _corpus(400, seed=5)
    corpus.append(ArticleItem(url="http://h/odd", site="qiche", title="50% a_b", body="back\\slash"))
    pg_store.save_batch(corpus)
    for query in QUERIES:
        terms = query.split()
        expected = {
            it.url for it in corpus if all(contains(it.title, t) or contains(it.body, t) for t in terms)
        }
        assert {h.url for h in search(pg_store.engine, query, limit=100_000)} == expected, query
    assert {h.url for h in search(pg_store.engine, "%")} == {"http://h/odd"}  # LIKE wildcards are literal


def test_ranking_snippet_and_filters(pg_store: Store) -> None:
    items = [
        ArticleItem(url="http://h/1", site="q", channel="a", title="车市", body="今天小米发布新车。",
                    published_at="2024-10-01"),
        ArticleItem(url="http://h/2", site="q", channel="b", title="小米SU7交付", body="小米小米，小米汽车",
                    published_at="2024-10-20T10:00:00+08:00"),
    ]  # fmt: skip
    pg_store.save_batch(items)
    hits = search(pg_store.engine, "小米")
    assert [h.url for h in hits] == ["http://h/2", "http://h/1"]
    assert hits[0].score < hits[1].score  # lower is more relevant, as with bm25
    assert hits[1].snippet == "今天【小米】发布新车。"
    assert [h.url for h in search(pg_store.engine, "小米", since="2024-10-02")] == ["http://h/2"]
    assert [h.url for h in search(pg_store.engine, "小米", channel="a")] == ["http://h/1"]
    assert search(pg_store.engine, "特斯拉") == []


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
