"""A crawl against a misbehaving server: it finishes, loses nothing, and every bad
page is either stored correctly or dropped with a counted, logged reason."""

from __future__ import annotations

import sqlite3

import pytest

from autonews.items import ArticleItem
from autonews.store import Store
from tests.support.crawling import scrapy_crawl
from tests.support.hostile import TRAPS, HostileServer, TrapHost, path

SETTINGS = {
    "DOWNLOAD_TIMEOUT": "1",
    "RETRY_TIMES": "3",
    "AUTONEWS_MAX_ERROR_RATE": "1.0",
    "AUTONEWS_FOLLOW_RELATED": "1",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("hostile") / "h.db"
    with TrapHost() as trap:
        port = trap.base_url.rsplit(":", 1)[1]
        with HostileServer(other_port=int(port)) as server:
            # Stored by an earlier run; today these pages time out or reset.
            store = Store.open(f"sqlite:///{db}")
            earlier = [
                ArticleItem(
                    url=server.base_url + path(TRAPS[t]),
                    site="qiche",
                    title=f"旧{t}",
                    body="早先存下的正文。",
                )
                for t in ("slow", "reset")
            ]
            store.save_batch(earlier)
            store.close()
            proc = scrapy_crawl(
                server.base_url, f"sqlite:///{db}", "refresh=1", settings=SETTINGS, timeout=180
            )
            requests = list(server.requests)
        trap_requests = list(trap.requests)
    with sqlite3.connect(db) as conn:
        rows = {
            url.rsplit("/", 1)[-1]: (title, published_at, body, key)
            for url, title, published_at, body, key in conn.execute(
                "select url, title, published_at, body, article_key from articles"
            )
        }
        run = conn.execute("select status, finish_reason, dropped, errors from crawl_runs").fetchone()
    return {"proc": proc, "rows": rows, "run": run, "requests": requests, "trap": trap_requests}


def _row(hostile, trap: str):
    return hostile["rows"].get(path(TRAPS[trap]).rsplit("/", 1)[-1])


def test_crawl_finishes(hostile) -> None:
    assert hostile["proc"].returncode == 0, hostile["proc"].stderr[-3000:]
    assert hostile["run"][:2] == ("ok", "finished")


def test_nothing_stored_before_is_lost(hostile) -> None:
    assert _row(hostile, "slow")[2] == "早先存下的正文。"
    assert _row(hostile, "reset")[2] == "早先存下的正文。"


def test_retried_and_odd_pages_are_stored_correctly(hostile) -> None:
    assert _row(hostile, "flaky")[0] == "测试文章flaky"
    title, _, body, _ = _row(hostile, "wrong_charset")
    assert title == "编码错误的文章" and "堃" in body
    assert _row(hostile, "no_date")[1] == "2024-11-20"  # the day from the URL, no time
    assert _row(hostile, "good")[0] == "测试文章good"


def test_bad_pages_are_dropped_and_counted(hostile) -> None:
    for trap in ("no_body", "binary", "huge", "truncated", "loop"):
        assert _row(hostile, trap) is None, trap
    stderr = hostile["proc"].stderr
    assert "autonews/dropped/no_body" in stderr
    assert "autonews/dropped/mojibake" in stderr or "autonews/dropped/no_title" in stderr
    _, _, dropped, errors = hostile["run"]
    assert dropped >= 2 and errors >= 3


def test_duplicate_under_two_urls_is_one_row(hostile) -> None:
    keys = [row[3] for row in hostile["rows"].values()]
    assert keys.count("20241120000011") == 1


def test_nothing_outside_the_host_is_requested(hostile) -> None:
    assert hostile["trap"] == []
    assert "/empty/" in hostile["requests"]
