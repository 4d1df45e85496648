"""Search returns exactly the articles containing every term: checked by brute force."""

from __future__ import annotations

import random
import re
import sqlite3

import pytest

from autonews.items import ArticleItem
from autonews.query.db import QueryError
from autonews.query.search import search
from autonews.query.terms import match_expression, snippet
from autonews.store import Store, make_engine
from autonews.store.ddl import install_extras, rebuild_search_index

# A small alphabet so that 1-, 2- and 3-character terms all hit some articles and miss others.
CHARS = "小米汽车宝马裁员车型新能源发布的了SU7su，。、“”（）! \n"
TERMS = ["车", "米", "小米", "宝马", "裁员", "汽车", "小米汽", "小米汽车", "小米SU7", "SU7", "su7", "U7",
         "S", "7", "马小", "车，", "，", "“小", "新能源车", "员的", "Su"]  # fmt: skip


def _corpus(n: int, seed: int) -> list[ArticleItem]:
    rng = random.Random(seed)
    words = ["小米", "汽车", "宝马", "裁员", "SU7", "车型", "新能源", "发布", "su7", "的"]

    def text(k: int) -> str:
        return "".join(rng.choice(words) if rng.random() < 0.4 else rng.choice(CHARS) for _ in range(k))

    return [
        ArticleItem(
            url=f"http://h/xinwen-{i}.html",
            site="qiche",
            channel=rng.choice(["hangye", "xinche"]),
            title=text(rng.randint(0, 8)) or None,
            published_at=f"2024-10-{rng.randint(1, 28):02d}",
            body=text(rng.randint(0, 60)),
        )
        for i in range(n)
    ]


def has(text: str | None, term: str) -> bool:
    """The README's definition of a match, written apart from the code under test (not with
    ``terms.contains`` or ``fold``, whose bug would move the expectation too): a substring,
    ASCII letters compared case-insensitively, every other character exactly."""
    return bool(text) and re.search(re.escape(term), text, re.IGNORECASE | re.ASCII) is not None


def _expected(db_file: str, terms: list[str]) -> set[int]:
    with sqlite3.connect(db_file) as conn:
        rows = conn.execute("select id, title, body from articles").fetchall()
    return {i for i, t, b in rows if all(has(t, x) or has(b, x) for x in terms)}


# A hand-made corpus, and for each query the articles it must find, written out.
HAND = [
    ArticleItem(url="http://h/1", site="q", title="小米SU7交付", body="小米汽车今天发布新车。"),
    ArticleItem(url="http://h/2", site="q", title="宝马裁员", body="宝马在德国裁员，su7不是宝马的车。"),
    ArticleItem(url="http://h/3", site="q", title="全角", body="ＳＵ７是全角写法，不是SU7。"),
    ArticleItem(url="http://h/4", site="q", title="Straße", body="德国的Straße一词。"),
    ArticleItem(
        url="http://h/5", site="q", title="语法", body='他说:"小米 AND 华为"都在降价* NEAR(车) a OR b ^车'
    ),
    ArticleItem(url="http://h/6", site="q", title="Su7 试驾", body="没有标点的一段话"),
]
HAND_QUERIES = [
    ("su7", [1, 2, 3, 6]),  # ASCII letters fold: SU7, su7, Su7 (and the ASCII SU7 in 3)
    ("SU7", [1, 2, 3, 6]),
    ("Su", [1, 2, 3, 6]),
    ("7", [1, 2, 3, 6]),
    ("ＳＵ７", [3]),  # full-width letters are other characters: exact only
    ("strasse", []),  # only ASCII folds: ß is not ss
    ("STRAßE", [4]),
    ("车", [1, 2, 5]),
    ("小米 车", [1, 5]),  # terms are ANDed
    ("宝马 su7", [2]),
    ("，", [2, 3]),  # punctuation: no index token, scanned
    ("特斯拉", []),
    # FTS5 syntax is just text: found where the text has it, never an error.
    ('"', [5]),
    ("NEAR(", [5]),
    ("a OR", [5]),
    ("*", [5]),
    ("^车", [5]),
    ("小米 AND", [5]),
]


@pytest.fixture(params=["indexed", "queued"])
def hand_store(request: pytest.FixtureRequest, db_url: str) -> Store:
    store = Store.open(db_url)
    store.save_batch(HAND)
    if request.param == "indexed":
        assert store.index_search() == len(HAND)
    return store


def test_each_query_finds_exactly_the_articles_written_out(hand_store: Store) -> None:
    for query, numbers in HAND_QUERIES:
        assert sorted(h.url for h in search(hand_store.engine, query, limit=100)) == [
            f"http://h/{n}" for n in numbers
        ], query


def _store(url: str, *, indexed: bool = True) -> Store:
    store = Store.open(url)
    install_extras(store.engine)
    store.save_batch(_corpus(400, seed=5))
    if indexed:
        assert store.index_search() == 400
    return store


@pytest.fixture(scope="module", params=["indexed", "queued"])
def corpus_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp(request.param) / 'corpus.db'}"


@pytest.fixture(scope="module")
def store(corpus_url: str) -> Store:
    """The corpus indexed, and the corpus only queued for indexing (search scans the queue)."""
    return _store(corpus_url, indexed="indexed" in corpus_url)


def _found(store: Store, query: str) -> set[int]:
    return {hit.id for hit in search(store.engine, query, limit=100_000)}


@pytest.mark.parametrize("term", TERMS)
def test_single_term_matches_exactly_the_substring_set(store: Store, corpus_url: str, term: str) -> None:
    expected = _expected(corpus_url.removeprefix("sqlite:///"), [term])
    assert _found(store, term) == expected
    assert expected, "the corpus should contain every test term"


@pytest.mark.parametrize("query", ["小米 车", "宝马 SU7", "裁员 小米汽车 的", "车 ，"])
def test_terms_are_anded(store: Store, corpus_url: str, query: str) -> None:
    assert _found(store, query) == _expected(corpus_url.removeprefix("sqlite:///"), query.split())


def test_triggers_follow_updates_and_deletes(db_url: str) -> None:
    store = _store(db_url)
    path = db_url.removeprefix("sqlite:///")
    rng = random.Random(9)
    changed = [
        ArticleItem(url=item.url, site="qiche", title="宝马裁员", body=item.body[::-1] + "小米")
        for item in rng.sample(_corpus(400, seed=5), 60)
    ]
    store.save_batch(changed)
    with sqlite3.connect(path) as conn:  # a plain sqlite3 client writes too: no functions needed
        conn.execute("delete from articles where id % 7 = 0")
        conn.execute("update articles set body = body || '车' where id % 5 = 0")
        conn.execute("insert into articles_search(articles_search) values ('integrity-check')")
    for term in ["宝马裁员", "小米", "车", "SU7", "马"]:
        assert _found(store, term) == _expected(path, [term]), term


def test_install_extras_indexes_an_existing_database_and_reindex_rebuilds(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch(_corpus(50, seed=1))
    assert store.index_search() == 50
    install_extras(store.engine)
    install_extras(store.engine)  # idempotent
    path = db_url.removeprefix("sqlite:///")
    assert _found(store, "小米") == _expected(path, ["小米"])
    with sqlite3.connect(path) as conn:
        conn.execute("insert into articles_search(articles_search) values ('delete-all')")
    assert _found(store, "小米") == set()
    assert rebuild_search_index(store.engine) == 50
    assert _found(store, "小米") == _expected(path, ["小米"])


RANKED = [
    ArticleItem(url="http://h/1", site="q", channel="a", title="车市", body="今天小米发布新车。",
                published_at="2024-10-01"),
    ArticleItem(url="http://h/2", site="q", channel="b", title="小米SU7交付", body="小米小米，小米汽车",
                published_at="2024-10-20T10:00:00+08:00"),
]  # fmt: skip


def check_ranking_snippet_and_filters(store: Store) -> None:
    """On ``RANKED``, stored: the title hit first, snippets, filters (shared with PostgreSQL)."""
    hits = search(store.engine, "小米")
    assert [h.url for h in hits] == ["http://h/2", "http://h/1"]
    assert hits[0].score < hits[1].score  # lower is more relevant, as with bm25
    assert hits[1].snippet == "今天【小米】发布新车。"
    assert [h.url for h in search(store.engine, "小米", since="2024-10-02")] == ["http://h/2"]
    assert [h.url for h in search(store.engine, "小米", channel="a")] == ["http://h/1"]
    assert [h.url for h in search(store.engine, "小米", site="q")] == ["http://h/2", "http://h/1"]
    assert search(store.engine, "小米", site="elsewhere") == []
    assert search(store.engine, "特斯拉") == []


def test_ranking_snippet_and_filters(db_url: str) -> None:
    store = Store.open(db_url)
    install_extras(store.engine)
    store.save_batch(RANKED)
    store.index_search()
    check_ranking_snippet_and_filters(store)


def test_articles_queued_for_indexing_are_found_unranked_after_the_ranked_ones(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch(RANKED[:1])
    store.index_search()
    store.save_batch(RANKED[1:])  # queued: not in the FTS table yet
    hits = search(store.engine, "小米")
    assert [(h.url, h.score is None) for h in hits] == [("http://h/1", False), ("http://h/2", True)]
    assert [h.url for h in search(store.engine, "小米", since="2024-10-02")] == ["http://h/2"]
    assert [h.url for h in search(store.engine, "小米", limit=1)] == ["http://h/1"]
    assert search(store.engine, "小米", site="elsewhere") == []  # the queue is filtered too
    assert [h.url for h in search(store.engine, "小米", channel="b")] == ["http://h/2"]
    assert store.index_search() == 1
    check_ranking_snippet_and_filters(store)


def test_queued_articles_edited_or_deleted_by_other_clients_index_correctly(db_url: str) -> None:
    store = _store(db_url, indexed=False)
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:  # before the catch-up: the triggers must leave queued rows alone
        conn.execute("delete from articles where id % 7 = 0")
        conn.execute("update articles set body = body || '宝马车' where id % 5 = 0")
        conn.execute(  # a new row by hand: indexed by the trigger at once, not queued
            "insert into articles(url, site, title, body, content_hash, extractor, page_count, first_seen_at, "
            "last_seen_at, updated_at) select 'http://h/by-hand', site, '小米', '车', content_hash, extractor, "
            "page_count, first_seen_at, last_seen_at, updated_at from articles limit 1"
        )
    for term in ["宝马车", "小米", "车"]:
        assert _found(store, term) == _expected(path, [term]), term
    assert store.index_search() == 400 - 400 // 7
    with sqlite3.connect(path) as conn:
        conn.execute("insert into articles_search(articles_search) values ('integrity-check')")
        assert conn.execute("select count(*) from articles_search_pending").fetchone() == (0,)
    for term in ["宝马车", "小米", "车", "SU7"]:
        assert _found(store, term) == _expected(path, [term]), term


def test_match_expressions() -> None:
    assert match_expression("车") == '"车"'
    assert match_expression("小米") == '"小 米"'
    assert match_expression("小米SU7") == '"小 米 S U 7"'
    assert match_expression('a"b') == '"a zz b"'
    assert match_expression("，") is None
    assert snippet("x" * 100 + "宝马", ["宝马"], before=2, width=4) == "…xx【宝马】"


def test_bad_queries_are_one_line_errors(hand_store: Store) -> None:
    with pytest.raises(QueryError, match="^empty search query$"):
        search(hand_store.engine, "   ")
    with pytest.raises(QueryError, match=r"^too many search terms \(9; at most 8\)$"):
        search(hand_store.engine, "a b c d e f g h i")
    # FTS5 syntax in user input is just text to us: no syntax error can reach SQLite, and
    # each finds the one article whose text has it (test_each_query_finds_exactly…).
    for query in ['"', "NEAR(", "a OR", "*", "^车", "小米 AND"]:
        assert [h.url for h in search(hand_store.engine, query)] == ["http://h/5"], query


def test_a_database_without_the_queue_indexes_at_once(db_url: str) -> None:
    Store.open(db_url).close()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:  # extras from before the queue
        conn.execute("drop table articles_search_pending")
    store = Store(make_engine(db_url))  # no install_extras, as with Store.open(..., migrate=False)
    store.save_batch(RANKED)
    assert [h.score is not None for h in search(store.engine, "小米")] == [True, True]
    assert store.index_search() == 0


def test_a_catch_up_can_take_a_slice_of_the_queue_oldest_first(db_url: str) -> None:
    store = _store(db_url, indexed=False)
    assert store.index_search(limit=150) == 150
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("select min(id), count(*) from articles_search_pending").fetchone() == (151, 250)
    assert store.index_search() == 250
    assert _found(store, "小米") == _expected(db_url.removeprefix("sqlite:///"), ["小米"])


# A filtered corpus: one article indexed, two only queued; the third has no body.
FILTERED = [
    ArticleItem(url="http://h/a", site="q", channel="hangye", title="小米，发布", body="小米，今天发布。",
                published_at="2024-10-01"),
    ArticleItem(url="http://h/b", site="q", channel="xinche", title="小米，交付", body="小米，交付了。",
                published_at="2024-10-20"),
    ArticleItem(url="http://h/c", site="q", channel="hangye", title="小米，降价", body="",
                published_at="2024-10-21T09:00:00+08:00"),
]  # fmt: skip


@pytest.fixture
def filtered(db_url: str) -> Store:
    store = Store.open(db_url)
    store.save_batch(FILTERED[:1])
    assert store.index_search() == 1
    store.save_batch(FILTERED[1:])
    return store


@pytest.mark.parametrize(
    ("query", "options", "found"),
    [
        # Punctuation only: every article is scanned, newest first, unscored.
        ("，", {}, ["c", "b", "a"]),
        ("，", {"since": "2024-10-15"}, ["c", "b"]),
        ("，", {"channel": "hangye"}, ["c", "a"]),
        # The ranked hit first, then the queued ones (scanned, newest first).
        ("小米", {}, ["a", "c", "b"]),
        ("小米", {"since": "2024-10-15"}, ["c", "b"]),
        ("小米", {"channel": "xinche"}, ["b"]),
        ("小米", {"limit": 2}, ["a", "c"]),  # the queue fills what the index left of the limit
        ("小米 ，", {"channel": "hangye"}, ["a", "c"]),
    ],
)
def test_filters_and_limits_apply_to_ranked_scanned_and_queued_hits(
    filtered: Store, query: str, options: dict, found: list[str]
) -> None:
    assert [h.url.removeprefix("http://h/") for h in search(filtered.engine, query, **options)] == found


def test_a_hit_carries_the_articles_fields_and_a_snippet_of_its_body_else_its_title(filtered: Store) -> None:
    hits = {h.url: h for h in search(filtered.engine, "小米")}
    a, c = hits["http://h/a"], hits["http://h/c"]
    assert (a.title, a.published_at, a.channel, a.snippet) == (
        "小米，发布",
        "2024-10-01",
        "hangye",
        "【小米】，今天发布。",
    )
    assert a.score is not None and hits["http://h/b"].score is None
    assert (c.title, c.published_at, c.channel) == ("小米，降价", "2024-10-21T09:00:00+08:00", "hangye")
    assert c.snippet == "【小米】，降价"  # no body: the title's


def test_twenty_hits_by_default_and_eight_terms_at_most(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch(
        [ArticleItem(url=f"http://h/{n}", site="q", title="车", body="一二三四五六七八") for n in range(25)]
    )
    assert len(search(store.engine, "车")) == 20
    assert len(search(store.engine, "车", limit=25)) == 25
    assert len(search(store.engine, "一 二 三 四 五 六 七 八", limit=100)) == 25  # eight terms are fine


def test_search_errors_are_one_line(db_url: str) -> None:
    from types import SimpleNamespace

    other = SimpleNamespace(dialect=SimpleNamespace(name="mysql"))
    with pytest.raises(QueryError) as caught:
        search(other, "车")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "search is not available on mysql (SQLite and PostgreSQL only); "
        "the views (article_links, daily_counts, …) work everywhere"
    )
    store = Store.open(db_url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE articles_search")
    with pytest.raises(QueryError) as caught:
        search(store.engine, "车")
    assert str(caught.value) == "this database has no search index yet: run `autonews reindex`"
    broken = Store.open(db_url.replace("test.db", "broken.db"))
    with broken.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE articles RENAME COLUMN channel TO kanal")
    with pytest.raises(QueryError) as caught:
        search(broken.engine, "，")
    assert str(caught.value) == "search failed: no such column: a.channel"


@pytest.mark.parametrize(
    ("body", "terms", "options", "expected"),
    [
        ("a  b\n c 小米", ["小米"], {}, "a b c 【小米】"),  # whitespace folded to single spaces
        ("前" * 30 + "小米" + "后" * 100, ["小米"], {}, "…" + "前" * 20 + "【小米】" + "后" * 58 + "…"),
        ("小米汽车和小米", ["小米", "小米汽车"], {}, "【小米汽车】和【小米】"),  # the longest term first
        ("SU7 和 su7", ["Su7"], {}, "【SU7】 和 【su7】"),  # ASCII letters case-insensitively
        ("Straße STRASSE", ["straße"], {}, "【Straße】 STRASSE"),
        ("没有", ["小米"], {}, "没有"),
        ("小米在前，小米在后", ["小米"], {"before": 0, "width": 3}, "【小米】在…"),  # the first hit
        ("宝马和小米", ["小米", "宝马"], {"before": 0, "width": 100}, "【宝马】和【小米】"),
        ("x" * 10 + "小米", ["小米"], {"before": 2, "width": 4}, "…xx【小米】"),
        ("小米" + "x" * 100, ["小米"], {}, "【小米】" + "x" * 78 + "…"),
        ("x" * 85, ["无"], {}, "x" * 80 + "…"),
        ("x" * 80, ["无"], {}, "x" * 80),
    ],
)
def test_snippets(body: str, terms: list[str], options: dict, expected: str) -> None:
    assert snippet(body, terms, **options) == expected


def test_a_quote_in_a_phrase_is_doubled() -> None:
    from autonews.query.terms import _quote

    assert _quote('a"b') == '"a""b"'


def test_contains_is_the_readmes_match() -> None:
    from autonews.query.terms import contains

    assert contains("小米SU7交付", "su7") and contains("小米SU7交付", "小米")
    assert not contains("小米SU7交付", "宝马") and not contains("ＳＵ７", "su7")
    assert not contains(None, "x") and not contains("", "")


def test_lookalikes_the_index_proposes_never_crowd_out_a_real_hit_under_the_limit(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([
        ArticleItem(url="http://h/w", site="q", title="ＳＵ７ ＳＵ７", body="ＳＵ７ ＳＵ７ ＳＵ７"),  # full width
        ArticleItem(url="http://h/a", site="q", title="别的", body="很长的一段正文" * 20 + "su7"),
    ])  # fmt: skip
    store.index_search()
    assert [h.url for h in search(store.engine, "su7", limit=1)] == ["http://h/a"]


def test_unique_shows_each_story_once_at_its_origin_and_filters_apply_to_every_path(db_url: str) -> None:
    from autonews.reprints.stories import STORIES

    store = Store.open(db_url)
    story, other = STORIES[0].body, STORIES[1].body  # both contain "11"
    store.save_batch([
        ArticleItem(url="http://q/1", site="qiche", title="原文", body=story, published_at="2024-11-01"),
        ArticleItem(url="http://o/1", site="other", title="转载", body=story, published_at="2024-11-02"),
        ArticleItem(url="http://o/2", site="other", title="别的", body=other, published_at="2024-11-03"),
    ])  # fmt: skip
    assert store.cluster_reprints().clusters == 1  # o/1 is a copy of q/1, published a day before it
    assert store.cluster_reprints().sketched == 0  # caught up: nothing new to sketch
    assert store.cluster_reprints(rebuild=True).sketched == 3  # a rebuild sketches every article again
    store.index_search()
    plain = search(store.engine, "11")
    assert [(h.url, h.copies) for h in plain] == [
        ("http://o/2", None),
        ("http://o/1", None),
        ("http://q/1", None),
    ]
    unique = search(store.engine, "11", unique=True)
    assert [(h.url, h.copies) for h in unique] == [("http://o/2", 0), ("http://q/1", 1)]
    assert [h.url for h in search(store.engine, "11", unique=True, limit=1)] == ["http://o/2"]
    # Only the copy matches: the story is still shown at its origin, with the copy's snippet.
    (copy,) = search(store.engine, "转载")
    (shown,) = search(store.engine, "转载", unique=True)
    assert (shown.url, shown.title, shown.published_at, shown.copies) == (
        "http://q/1",
        "原文",
        "2024-11-01",
        1,
    )
    assert (shown.snippet, shown.score) == (copy.snippet, copy.score)
    # The site filter on ranked hits, on queued ones and on a scan of every article.
    assert [h.url for h in search(store.engine, "11", site="qiche")] == ["http://q/1"]
    store.save_batch([
        ArticleItem(url="http://o/3", site="other", title="旧闻", body=other, published_at="2024-10-01"),
    ])  # queued, not indexed yet  # fmt: skip
    assert [h.url for h in search(store.engine, "11", site="other")] == [
        "http://o/2",
        "http://o/1",
        "http://o/3",
    ]
    assert [h.url for h in search(store.engine, "11", site="qiche")] == ["http://q/1"]
    assert [h.url for h in search(store.engine, "11", since="2024-10-15")] == [
        "http://o/2",
        "http://o/1",
        "http://q/1",
    ]
    assert [h.url for h in search(store.engine, "，", site="qiche")] == [
        "http://q/1"
    ]  # no index term: a scan


def test_unique_reads_every_origin_the_hits_leave_out_with_its_own_fields_and_filters_the_hits(
    db_url: str,
) -> None:
    from autonews.reprints.stories import STORIES

    store = Store.open(db_url)
    one, two = STORIES[0].body, STORIES[1].body
    store.save_batch([
        ArticleItem(url="http://q/1", site="qiche", channel="hangye", title="原文一", body=one, published_at="2024-11-01"),
        ArticleItem(url="http://q/2", site="qiche", channel="shichang", title="原文二", body=two, published_at="2024-11-01"),
        ArticleItem(url="http://o/1", site="other", channel="auto", title="转载一", body=one, published_at="2024-11-02"),
        ArticleItem(url="http://o/2", site="other", channel="auto", title="转载二", body=two, published_at="2024-11-02"),
    ])  # fmt: skip
    store.cluster_reprints()
    store.index_search()
    copies = search(store.engine, "转载")  # only the copies match; both origins are read apart
    shown = search(store.engine, "转载", unique=True)
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        ids = dict(conn.execute("select url, id from articles").fetchall())
    by_copy = {"http://o/1": "http://q/1", "http://o/2": "http://q/2"}
    assert [h.url for h in shown] == [by_copy[h.url] for h in copies]
    assert [h.to_dict() for h in shown] == [
        {"id": ids[by_copy[c.url]], "url": by_copy[c.url], "title": "原文" + c.title[2:],
         "published_at": "2024-11-01", "channel": {"http://q/1": "hangye", "http://q/2": "shichang"}[by_copy[c.url]],
         "snippet": c.snippet, "score": c.score, "copies": 1}
        for c in copies
    ]  # fmt: skip
    # The filters choose the hits (here the copies), then each is shown at its origin.
    assert len(search(store.engine, "转载", unique=True, site="other")) == 2
    assert search(store.engine, "转载", unique=True, site="qiche") == []
    assert search(store.engine, "转载", unique=True, channel="hangye") == []
    assert search(store.engine, "转载", unique=True, since="2024-11-03") == []


def test_non_ascii_case_variants_the_index_proposes_never_crowd_out_a_real_hit(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([
        ArticleItem(url="http://h/w", site="q", title="CAFÉ CAFÉ", body="CAFÉ CAFÉ CAFÉ"),  # folds in the index only
        ArticleItem(url="http://h/a", site="q", title="别的", body="很长的一段正文" * 20 + "café"),
    ])  # fmt: skip
    store.index_search()
    assert [h.url for h in search(store.engine, "café", limit=1)] == ["http://h/a"]
