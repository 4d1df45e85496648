"""Every markup family of the replica, crawled with ``scrapy crawl qiche``, twice: exact.

The families vary what a guessed selector or URL rule would depend on (head tags and
labels, time styles, link-block markup and headings, pagination, URL shapes, sources
reachable only through a sitemap or a feed); the profile's selectors match none of
them but "legacy".  The reader and the spider must find everything by meaning.
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.support.crawling import FIELDS, crawl_family, family_names, furniture_in_bodies, graphs
from tests.support.crawling import dump_articles_and_links as _dump


@pytest.fixture(scope="module", params=family_names())
def crawled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    family = request.param
    return crawl_family(family, tmp_path_factory.mktemp(f"family-{family}"))


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
    assert furniture_in_bodies(crawled["db"]) == []


def test_the_link_graph(crawled) -> None:
    base = crawled["base"]
    got, expected = graphs(crawled["db"], crawled["site"], base)
    with sqlite3.connect(crawled["db"]) as conn:
        resolved = conn.execute("select count(*) from links where to_id is not null").fetchone()[0]
    assert got == expected
    stored = len(crawled["site"].expected_articles())
    assert resolved == sum(
        1 for _, dst, _ in expected if dst.removeprefix(base) in crawled["site"].expected_articles()
    )
    assert stored > 0


def test_the_second_run_adds_nothing(crawled) -> None:
    assert _dump(crawled["db"]) == crawled["snapshot"]
