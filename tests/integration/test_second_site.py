"""The second replica site, 车讯速递, crawled with ``scrapy crawl news``, and ``autonews demo``
storing it next to qi-che.com.

The site has no profile and shares no markup with qi-che.com, so everything stored is what
the news spider read by meaning: every field, the link graph, and its furniture learned
from repetition across its own pages.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from autonews.replica import ReplicaServer
from autonews.replica.second_html import FURNITURE
from autonews.replica.second_site import NAME_SENTENCE, SecondSite
from tests.support.crawling import FIELDS, ROOT, dump_articles_and_links, graphs, scrapy_crawl


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("second-site") / "autonews.db"
    site = SecondSite()
    with ReplicaServer(site) as server:
        first = scrapy_crawl(server.base_url, f"sqlite:///{db}", spider="news")
        snapshot = dump_articles_and_links(db)
        second = scrapy_crawl(server.base_url, f"sqlite:///{db}", spider="news")
    return {"site": site, "base": server.base_url, "db": db, "first": first, "second": second,
            "snapshot": snapshot}  # fmt: skip


def _bodies(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("select url, body from articles"))


def _wrong(crawled: dict, fields: tuple[str, ...]) -> list[tuple[str, str, object, object]]:
    """(path, field, got, expected) for every stored field that is not the site's truth."""
    assert crawled["first"].returncode == 0, crawled["first"].stderr[-3000:]
    expected = crawled["site"].expected_articles()
    with sqlite3.connect(crawled["db"]) as conn:
        rows = conn.execute(f"select url, {', '.join(FIELDS)} from articles").fetchall()
    got = {url.removeprefix(crawled["base"]): dict(zip(FIELDS, rest, strict=True)) for url, *rest in rows}
    assert sorted(got) == sorted(expected)
    return [
        (p, f, got[p][f], truth[f]) for p, truth in expected.items() for f in fields if got[p][f] != truth[f]
    ]


def test_every_article_with_every_field_but_the_body(crawled: dict) -> None:
    assert _wrong(crawled, tuple(f for f in FIELDS if f != "body")) == []


def test_every_body(crawled: dict) -> None:
    assert _wrong(crawled, ("body",)) == []


def test_the_link_graph(crawled: dict) -> None:
    got, expected = graphs(crawled["db"], crawled["site"], crawled["base"])
    assert got == expected


def test_no_furniture_in_any_body_and_the_site_name_kept(crawled: dict) -> None:
    bodies = _bodies(crawled["db"])
    assert [(url, line) for url, body in bodies.items() for line in FURNITURE if line in body] == []
    assert sum(NAME_SENTENCE in body for body in bodies.values()) == 1


def test_second_run_adds_nothing(crawled: dict) -> None:
    assert crawled["second"].returncode == 0, crawled["second"].stderr[-3000:]
    assert dump_articles_and_links(crawled["db"]) == crawled["snapshot"]


def test_reprints_name_qiche_core_articles() -> None:
    from autonews.replica.core import load_core

    core = {a.path for a in load_core()}
    reprints = SecondSite().reprints()
    assert len(reprints) >= 8 and set(reprints.values()) <= core


def test_demo_stores_both_sites(tmp_path: Path) -> None:
    # A subprocess: Twisted's reactor runs once per process, and the demo starts it.
    db = tmp_path / "demo.db"
    cmd = [sys.executable, "-m", "autonews", "demo", "--db", f"sqlite:///{db}"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "second replica site" in result.stdout
    with sqlite3.connect(db) as conn:
        sites = {site for (site,) in conn.execute("select distinct site from articles")}
    assert sites == {"qiche", "127.0.0.1"}
    # Two sites crawled into one database: dupes groups exactly the reprint pairs, each at
    # its qi-che.com origin, and nothing else (the second site's own stories share its
    # template and stock sentences, which must not make them one story).
    dupes = [sys.executable, "-m", "autonews", "dupes", "--db", f"sqlite:///{db}", "--json"]
    clusters = json.loads(
        subprocess.run(dupes, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    )

    def article_id(url: str) -> str:
        return re.search(r"(\d{6})\.html?$", url)[1]  # the legacy path ends in the same id as the live one

    found = {
        (urlsplit(c["origin"]).path, *sorted(urlsplit(m["url"]).path for m in c["members"])) for c in clusters
    }
    expected = SecondSite().reprints()
    assert len(clusters) == len(expected)
    for origin, *members in found:
        assert origin.endswith(".htm") and origin in members and len(members) == 2  # the live qiche page
        copy = next(m for m in members if m != origin)
        assert article_id(expected[copy]) == article_id(origin)
