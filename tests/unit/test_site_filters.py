"""``--site`` on stats and graph: one site's articles, links and runs, in a database of several."""

from __future__ import annotations

import json

from click.testing import CliRunner

from autonews.cli import cli
from autonews.items import ArticleItem, Link
from autonews.store import Store


def _db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    store = Store.open(url)
    store.save_batch([
        ArticleItem(url="http://www.qi-che.com/hangye/1.htm", site="qiche", channel="hangye", title="甲",
                    published_at="2024-11-20", body="甲的正文。", related=[Link("http://www.qi-che.com/hangye/2.htm", "乙")]),
        ArticleItem(url="http://www.qi-che.com/hangye/2.htm", site="qiche", channel="hangye", title="乙",
                    published_at="2024-11-21", body="乙的正文。"),
        ArticleItem(url="http://news.example.com/a/1.html", site="news.example.com", channel="a", title="丙",
                    published_at="2024-11-22", body="丙的正文。", related=[Link("http://news.example.com/a/9.html", "丁")]),
    ])  # fmt: skip
    store.close()
    return url


def _json(*args: str) -> dict:
    done = CliRunner().invoke(cli, [*args, "--json"] if args[0] == "stats" else list(args))
    assert done.exit_code == 0, done.output
    return json.loads(done.output)


def test_stats_per_site(tmp_path) -> None:
    db = _db(tmp_path)
    every = _json("stats", "--db", db)
    assert every["by_site"] == [{"site": "qiche", "articles": 2}, {"site": "news.example.com", "articles": 1}]
    one = _json("stats", "--db", db, "--site", "news.example.com")
    assert (one["articles"], one["links"], one["unresolved_links"], one["first_day"]) == (
        1,
        1,
        1,
        "2024-11-22",
    )
    assert one["by_channel"] == [{"channel": "a", "articles": 1}]
    assert _json("stats", "--db", db, "--site", "nosuch")["articles"] == 0


def test_graph_per_site(tmp_path) -> None:
    db = _db(tmp_path)
    graph = _json("graph", "--db", db, "--site", "qiche", "--format", "json")
    assert [(e["source"], e["target"]) for e in graph["links"]] == [
        ("http://www.qi-che.com/hangye/1.htm", "http://www.qi-che.com/hangye/2.htm")
    ]
    assert all("qi-che.com" in node["id"] for node in graph["nodes"])
    refused = CliRunner().invoke(cli, ["graph", "--db", db, "--site", "qiche", "--around", "1"])
    assert refused.exit_code != 0 and "--around" in refused.output


def test_search_per_site(tmp_path) -> None:
    db = _db(tmp_path)
    found = CliRunner().invoke(cli, ["search", "正文", "--db", db, "--site", "news.example.com", "--json"])
    assert found.exit_code == 0, found.output
    assert [hit["url"] for hit in json.loads(found.output)] == ["http://news.example.com/a/1.html"]
