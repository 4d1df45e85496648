"""The query commands: help with an example, tables, JSON/CSV, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from autonews.cli import cli
from autonews.items import ArticleItem, Link
from autonews.query.table import format_table, width
from autonews.store import Store
from autonews.store.ddl import install_extras

COMMANDS = ["stats", "search", "show", "graph", "top-linked", "reindex", "browse"]
A, B, C = "http://h/hangye/xinwen-1.html", "http://h/hangye/xinwen-2.html", "http://h/xinche/xinwen-3.html"
GONE = "http://h/hangye/xinwen-404.html"


def _hangye(
    url: str, title: str, published_at: str, body: str, related: list[Link], **more: str
) -> ArticleItem:
    return ArticleItem(
        url=url,
        site="qiche",
        channel="hangye",
        title=title,
        published_at=published_at,
        body=body,
        related=related,
        **more,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'news.db'}"
    store = Store.open(url)
    install_extras(store.engine)
    run_id = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    store.save_batch(
        [
            _hangye(
                A,
                "小米汽车裁员传闻",
                "2024-10-22T10:30:00+08:00",
                "小米回应：不实。\n第二段提到宝马。",
                [Link(B, "宝马降价"), Link(GONE, "旧文")],
                source="新华网",
            ),
            _hangye(B, "宝马降价", "2024-10-21", "宝马i3降价。", [Link(A, "小米")]),
            ArticleItem(
                url=C, site="qiche", channel="xinche", title="小米SU7交付", body="交付破万，小米SU7。"
            ),
        ],  # fmt: skip
        run_id=run_id,
    )
    store.update_run(run_id, status="ok", finished_at="2024-10-22T12:00:00+00:00")
    store.close()
    return url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_an_example(name: str) -> None:
    code, out, _ = run(name, "--help")
    assert code == 0
    assert "Example:" in out and f"autonews {name}" in out


def test_stats(db: str) -> None:
    code, out, _ = run("stats", "--db", db)
    assert code == 0
    assert "articles  3" in out and "no date   1" in out and "no source 2" in out
    assert "2024-10-22" in out and "latest run #1 qiche ok" in out
    data = json.loads(run("stats", "--db", db, "--json")[1])
    assert data["by_channel"] == [{"channel": "hangye", "articles": 2}, {"channel": "xinche", "articles": 1}]
    assert data["unresolved_links"] == 1 and data["latest_run"]["status"] == "ok"


def test_search_json_csv_and_table(db: str) -> None:
    hits = json.loads(run("search", "小米", "--db", db, "--json")[1])
    assert {h["url"] for h in hits} == {A, C}
    assert set(hits[0]) >= {"url", "title", "published_at", "snippet"}
    assert "【小米】" in hits[0]["snippet"]
    rows = list(csv.DictReader(io.StringIO(run("search", "车", "--db", db, "--csv")[1])))
    assert [r["url"] for r in rows] == [A]
    code, out, _ = run("search", "su7", "--db", db)
    assert code == 0 and "小米SU7交付" in out
    assert json.loads(run("search", "宝马", "--channel", "hangye", "--since", "2024-10-22", "--db", db, "--json")[1])[0]["url"] == A  # fmt: skip


def test_show_resolves_links_both_ways(db: str) -> None:
    data = json.loads(run("show", A, "--db", db, "--json")[1])
    assert [(r["url"], r["title"], r["id"]) for r in data["links_out"]] == [
        (B, "宝马降价", 2),
        (GONE, "旧文", None),
    ]
    assert [r["url"] for r in data["links_in"]] == [B]
    code, out, _ = run("show", "2", "--db", db)
    assert code == 0 and "宝马i3降价。" in out and "linked from (1):" in out


def test_graph_formats(db: str) -> None:
    data = json.loads(run("graph", "--db", db)[1])
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[GONE]["type"] == "unresolved" and nodes[A]["title"] == "小米汽车裁员传闻"
    assert {(e["source"], e["target"], e["position"]) for e in data["links"]} == {
        (A, B, 1),
        (A, GONE, 2),
        (B, A, 1),
    }
    graphml = run("graph", "--db", db, "--format", "graphml")[1]
    assert graphml.count("<edge ") == 3 and "<graphml" in graphml
    assert run("graph", "--db", db, "--format", "dot", "--around", "3")[1].count("->") == 0
    assert len(json.loads(run("graph", "--db", db, "--around", B)[1])["links"]) == 2
    assert len(json.loads(run("graph", "--db", db, "--around", B, "--depth", "2")[1])["links"]) == 3


def test_graph_reads_into_networkx(db: str) -> None:
    nx = pytest.importorskip("networkx")
    g = nx.node_link_graph(json.loads(run("graph", "--db", db)[1]), edges="links")
    assert g.number_of_edges() == 3


def test_top_linked(db: str) -> None:
    rows = json.loads(run("top-linked", "--db", db, "--json")[1])
    assert [(r["url"], r["links_in"]) for r in rows] == [(A, 1), (B, 1)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "特斯拉"], "no articles match '特斯拉'"),
        (["search", "  "], "empty search query"),
        (["show", "999"], "no article with id 999"),
        (["show", "http://nowhere"], "no article with URL http://nowhere"),
    ],
)
def test_errors_are_one_line(db: str, args: list[str], message: str) -> None:
    code, out, err = run(*args, "--db", db)
    assert code == 1 and err.strip() == f"Error: {message}"


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "autonews.db"
    for name in ("stats", "top-linked", "reindex"):
        code, _, err = run(name, "--db", f"sqlite:///{missing}")
        assert code == 1 and "no database at" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("search", "车", "--db", f"sqlite:///{missing}")
    assert code == 1 and "no database at" in err
    assert not missing.parent.exists()


def test_search_without_index_says_reindex(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store.open(url).save_batch([ArticleItem(url=A, site="q", title="小米", body="车")])
    import sqlite3

    with sqlite3.connect(tmp_path / "old.db") as conn:  # an older database: no index
        conn.execute("drop table if exists articles_search")
    code, _, err = run("search", "小米", "--db", url)
    assert code == 1 and "autonews reindex" in err
    assert run("reindex", "--db", url)[1].startswith("indexed 1 articles")
    assert run("search", "小米", "--db", url, "--json")[0] == 0


def test_table_is_aligned_by_display_width() -> None:
    text = format_table(["title", "n"], [["小米", 1], ["SU7 交付", 22]])
    lines = text.splitlines()
    assert lines[2] == "小米" + " " * 7 + "1" and lines[3] == "SU7 交付  22"
    assert width("小米SU7") == 7


def test_reindex_pending_indexes_only_the_queue(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'queued.db'}"
    store = Store.open(url)
    store.save_batch([ArticleItem(url=A, site="q", title="小米", body="车")])
    store.index_search()
    # Left queued, as by a killed crawl.
    store.save_batch([ArticleItem(url=B, site="q", title="宝马", body="车")])
    assert run("reindex", "--pending", "--db", url)[1].startswith("indexed 1 articles")
    assert run("reindex", "--pending", "--db", url)[1].startswith("indexed 0 articles")
    import sqlite3

    with sqlite3.connect(tmp_path / "queued.db") as conn:
        assert {r for (r,) in conn.execute("select rowid from articles_search")} == {1, 2}
