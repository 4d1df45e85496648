"""Every markup family of the replica, crawled with ``scrapy crawl qiche``, twice: exact.

The families vary what a guessed selector or URL rule would depend on (head tags and
labels, time styles, link-block markup and headings, pagination, URL shapes, sources
reachable only through a sitemap or a feed); the profile's selectors match none of
them but "legacy".  The reader and the spider must find everything by meaning.
"""

from __future__ import annotations

import sqlite3

import pytest

from autonews.replica import ReplicaServer, ReplicaSite
from autonews.replica.chrome import ORIGINAL_NOTE, QR_NOTE, STATEMENT_LINES
from autonews.replica.families import FAMILIES
from tests.crawling import FIELDS, scrapy_crawl
from tests.crawling import dump_articles_and_links as _dump

FURNITURE = (ORIGINAL_NOTE, QR_NOTE, *STATEMENT_LINES, "分享到", "打印", "责任编辑", ".jpeg", ".jpg", "声明")


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def crawled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    family = request.param
    db = tmp_path_factory.mktemp(f"family-{family}") / "autonews.db"
    site = ReplicaSite(family=family)
    with ReplicaServer(site) as server:
        first = scrapy_crawl(server.base_url, f"sqlite:///{db}")
        snapshot = _dump(db)
        second = scrapy_crawl(server.base_url, f"sqlite:///{db}")
    return {"family": family, "site": site, "base": server.base_url, "db": db, "first": first,
            "second": second, "snapshot": snapshot}  # fmt: skip


def test_both_runs_succeed(crawled) -> None:
    assert crawled["first"].returncode == 0, crawled["first"].stderr[-3000:]
    assert crawled["second"].returncode == 0, crawled["second"].stderr[-3000:]


def test_every_article_with_every_field(crawled) -> None:
    expected = crawled["site"].expected_articles()
    with sqlite3.connect(crawled["db"]) as conn:
        rows = conn.execute(f"select url, {', '.join(FIELDS)}, page_count from articles").fetchall()
    got = {
        url.removeprefix(crawled["base"]): dict(zip((*FIELDS, "pages"), rest, strict=True))
        for url, *rest in rows
    }
    assert sorted(got) == sorted(expected)
    wrong = [(path, f, got[path][f], truth[f]) for path, truth in expected.items() for f in (*FIELDS, "pages")
             if got[path][f] != truth[f]]  # fmt: skip
    assert wrong == []


def test_no_furniture_in_any_body(crawled) -> None:
    with sqlite3.connect(crawled["db"]) as conn:
        bodies = conn.execute("select url, body from articles").fetchall()
    assert [(url, mark) for url, body in bodies for mark in FURNITURE if mark in body] == []


def test_the_link_graph(crawled) -> None:
    base = crawled["base"]
    expected = {
        (base + src, base + dst, kind)
        for src, blocks in crawled["site"].expected_links().items()
        for kind, targets in blocks.items()
        for dst in targets
    }
    with sqlite3.connect(crawled["db"]) as conn:
        got = set(
            conn.execute(
                "select a.url, l.to_url, l.kind from links l join articles a on a.id = l.from_id"
            ).fetchall()
        )
        resolved = conn.execute("select count(*) from links where to_id is not null").fetchone()[0]
    assert got == expected
    stored = len(crawled["site"].expected_articles())
    assert resolved == sum(
        1 for _, dst, _ in expected if dst.removeprefix(base) in crawled["site"].expected_articles()
    )
    assert stored > 0


def test_the_second_run_adds_nothing(crawled) -> None:
    assert _dump(crawled["db"]) == crawled["snapshot"]
