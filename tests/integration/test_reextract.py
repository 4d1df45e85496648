"""Re-extraction from the archive: same rows as the crawl, counted changes, never a fetch."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from autonews.archive.reextract import reextract
from autonews.cli import cli
from autonews.extract.page import PageFields
from autonews.extract.stitch import add_page, start_item
from autonews.items import Link
from autonews.replica import ReplicaServer, ReplicaSite
from autonews.sites import get_site
from tests.support.crawling import scrapy_crawl

ARTICLES = "select url, channel, title, published_at, source, author, editor, body, page_count, extractor from articles"
LINKS = "select a.url, l.to_url, l.kind, l.position, l.title from links l join articles a on a.id = l.from_id"


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(sql).fetchall())


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("reextract")
    with ReplicaServer(ReplicaSite()) as server:
        result = scrapy_crawl(server.base_url, f"sqlite:///{tmp / 'crawl.db'}")
    assert result.returncode == 0, result.stderr[-2000:]
    return tmp


def test_into_a_new_database_it_rebuilds_what_the_crawl_stored(crawled: Path) -> None:
    db = crawled / "fresh.db"
    result = reextract(crawled / "warc", f"sqlite:///{db}")
    n = len(_rows(crawled / "crawl.db", ARTICLES))
    assert result.statuses["new"] == n == result.articles
    assert _rows(db, ARTICLES) == _rows(crawled / "crawl.db", ARTICLES)  # multi-page ones stitched
    assert _rows(db, LINKS) == _rows(crawled / "crawl.db", LINKS)


def test_over_the_crawled_database_nothing_changes_unless_the_text_did(crawled: Path) -> None:
    db = crawled / "crawl.db"
    url = _rows(db, "select url from articles where page_count = 1")[0][0]
    with sqlite3.connect(db) as conn:  # as if older extraction code had stored a worse body
        conn.execute("update articles set body = 'stale', content_hash = 'x' where url = ?", (url,))
    result = reextract(crawled / "warc", f"sqlite:///{db}")
    assert result.statuses["updated"] == 1 and result.statuses["new"] == 0
    assert result.statuses["unchanged"] == result.articles - 1
    assert _rows(db, f"select body != 'stale' from articles where url = '{url}'") == [(1,)]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select spider, status from crawl_runs order by id desc").fetchone() == (
            "reextract",
            "ok",
        )


def test_since_filters_by_fetch_day(crawled: Path) -> None:
    result = reextract(crawled / "warc", f"sqlite:///{crawled / 'none.db'}", since=date(2999, 1, 1))
    assert result.articles == 0 and result.pages == 0


def test_cli_reports_counts_as_json(crawled: Path) -> None:
    db = f"sqlite:///{crawled / 'cli.db'}"
    out = CliRunner().invoke(cli, ["reextract", "--db", db, "--warc-dir", str(crawled / "warc"), "--json"])
    assert out.exit_code == 0, out.output
    counts = json.loads(out.output)
    assert counts["new"] == counts["articles"] > 0 and counts["updated"] == 0


def test_cli_without_an_archive_is_one_line_error(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["reextract", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert out.exit_code != 0 and "no WARC directory" in out.output


def test_stitching_appends_pages_and_keeps_the_last_link_blocks() -> None:
    site = get_site("qiche")
    url = "http://www.qi-che.com/hangye/xinwen-20241022341208.html"
    first = PageFields(
        url=url, title="T", paragraphs=["a"], extractor="site:qiche:v1", related=[Link("u", "t")]
    )
    item = start_item(first, url, site, fetched_at="2024-11-22T09:00:00+08:00")
    assert (item.channel, item.article_key) == ("hangye", "20241022341208")
    add_page(item, PageFields(url=url.replace(".html", "_2.html"), paragraphs=["b"], extractor="generic"))
    assert item.paragraphs == ["a", "b"] and item.page_count == 2
    assert item.extractor == "generic" and item.related == [Link("u", "t")]


@pytest.fixture(scope="module")
def crawled_as_news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("reextract-news")
    with ReplicaServer(ReplicaSite()) as server:
        result = scrapy_crawl(server.base_url, f"sqlite:///{tmp / 'crawl.db'}", spider="news")
    assert result.returncode == 0, result.stderr[-2000:]
    return tmp


def test_a_site_with_no_profile_is_reread_with_its_learned_furniture(crawled_as_news: Path) -> None:
    crawl = crawled_as_news / "crawl.db"
    result = reextract(crawled_as_news / "warc", f"sqlite:///{crawl}")
    assert result.statuses["unchanged"] == result.articles == len(_rows(crawl, ARTICLES))
    with sqlite3.connect(crawl) as conn:
        conn.execute("update sites set furniture = '[]'")  # as if it had learned nothing
    forgot = reextract(crawled_as_news / "warc", f"sqlite:///{crawled_as_news / 'other.db'}")
    # A new database holds neither the site's furniture nor which pages were articles: every
    # article is found again (pages that merely read as articles may join them), bodies differ.
    fresh = {row[0] for row in _rows(crawled_as_news / "other.db", ARTICLES)}
    assert {row[0] for row in _rows(crawl, ARTICLES)} <= fresh and forgot.articles == len(fresh)
    assert _rows(crawled_as_news / "other.db", ARTICLES) != _rows(crawl, ARTICLES)
