"""Datasette really serves the database with our metadata and canned queries."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from autonews.datasette import datasette_available, metadata_for, serve_command
from autonews.items import ArticleItem, Link
from autonews.store import Store
from autonews.store.ddl import install_extras

pytestmark = pytest.mark.skipif(
    not datasette_available(), reason="datasette not installed (optional extra: autonews[browse])"
)
A, B = "http://h/hangye/xinwen-1.html", "http://h/hangye/xinwen-2.html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10.0) -> list[dict]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("ds")
    db = tmp / "news.db"
    store = Store.open(f"sqlite:///{db}")
    install_extras(store.engine)
    store.save_batch(
        [
            ArticleItem(
                url=A,
                site="q",
                title="小米汽车裁员传闻",
                published_at="2024-10-22",
                body="小米回应：不实。",
                related=[Link(B, "宝马")],
            )
        ]
    )
    store.index_search()
    # B stays queued for the search index: the canned search must scan the queue too.
    store.save_batch(
        [ArticleItem(url=B, site="q", title="宝马降价", published_at="2024-10-21", body="宝马降价，车市。")]
    )
    store.close()
    meta = tmp / "metadata.json"
    meta.write_text(json.dumps(metadata_for(db), ensure_ascii=False), encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        serve_command(db, meta, host="127.0.0.1", port=port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/news"
    deadline = time.monotonic() + 30
    while True:
        try:
            _get(f"{base}.json", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"datasette did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def _query(base: str, name: str, **params: str) -> list[dict]:
    query = urllib.parse.urlencode(params | {"_shape": "array"})
    return _get(f"{base}/{name}.json?{query}")


def test_canned_latest_and_unlinked(server: str) -> None:
    assert [r["url"] for r in _query(server, "latest")] == [A, B]
    assert [r["url"] for r in _query(server, "unlinked")] == [A]


@pytest.mark.parametrize(("q", "urls"), [("车", [A, B]), ("小米", [A]), ("宝马降价", [B]), ("裁员传", [A])])
def test_canned_search_matches_short_terms(server: str, q: str, urls: list[str]) -> None:
    rows = _query(server, "search", q=q)
    assert sorted(r["url"] for r in rows) == sorted(urls)
    assert all(f"【{q}】" in r["snippet"] for r in rows if q in r["snippet"])


def test_canned_related_graph(server: str) -> None:
    rows = _query(server, "related_graph", url=B)
    assert [(r["direction"], r["url"]) for r in rows] == [("in", A)]


def test_views_are_browsable(server: str) -> None:
    rows = _get(f"{server}/daily_counts.json?_shape=array")
    assert {(r["day"], r["articles"]) for r in rows} == {("2024-10-22", 1), ("2024-10-21", 1)}


def test_metadata_describes_every_table_in_both_languages(tmp_path: Path) -> None:
    tables = metadata_for(tmp_path / "autonews.db")["databases"]["autonews"]["tables"]
    for name in ("articles", "links", "crawl_runs", "article_links", "daily_counts", "unlinked_articles"):
        assert "/" in tables[name]["description"], name
