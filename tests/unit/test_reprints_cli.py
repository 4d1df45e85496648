"""``autonews dupes``, ``search --unique`` and the Datasette canned query, on two sites'
articles stored through the Store API."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from autonews.cli import cli
from autonews.datasette.metadata import QUERIES
from autonews.items import ArticleItem
from autonews.reprints.stories import STORIES
from autonews.store import Store

ORIGIN = "http://www.qi-che.com/guoneicheshi/17370.htm"
COPY = "http://news.example.cn/auto/88.html"
TRIMMED = "http://news.example.cn/auto/89.html"
ALONE = "http://www.qi-che.com/guoneicheshi/17371.htm"


@pytest.fixture
def db(db_url: str) -> str:
    story = STORIES[0]
    paras = story.body.split("\n")
    store = Store.open(db_url)
    store.save_batch([
        ArticleItem(url=ORIGIN, site="qiche", title=story.title, body=story.body, published_at="2024-11-21"),
        ArticleItem(url=COPY, site="other", title="宝马4S店拖延交车，车主维权", source="老虎车网",
                    body=f"（原标题：{story.title}）\n{story.body}", published_at="2024-11-21T15:02:00+08:00"),
        ArticleItem(url=TRIMMED, site="other", title="宝马车主等车三个月", body="\n".join(paras[:2]),
                    published_at="2024-11-22T08:00:00+08:00"),
        ArticleItem(url=ALONE, site="qiche", title=STORIES[1].title, body=STORIES[1].body,
                    published_at="2024-11-01"),
    ])  # fmt: skip
    store.close()  # dupes clusters them itself: nothing ran a catch-up yet
    return db_url


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_dupes_json_lists_each_cluster_with_its_origin_among_the_members(db: str) -> None:
    done = _run("dupes", "--json", "--db", db)
    assert done.exit_code == 0, done.output
    clusters = json.loads(done.output)
    assert [c["origin"] for c in clusters] == [ORIGIN]
    members = clusters[0]["members"]
    assert [m["url"] for m in members] == [ORIGIN, COPY, TRIMMED]
    assert set(members[0]) == {"url", "site", "title", "published_at", "similarity", "copied_from"}
    assert [m["site"] for m in members] == ["qiche", "other", "other"]
    assert members[1]["copied_from"] == ORIGIN and members[1]["similarity"] == 1.0


def test_dupes_for_people_one_block_per_cluster_origin_first(db: str) -> None:
    done = _run("dupes", "--db", db)
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines[0] == "3 articles, 2 sites"
    assert lines[3].startswith("origin  qiche") and ORIGIN in lines[3]
    assert lines[4].startswith("copy    other") and "1.00" in lines[4]


def test_dupes_filters(db: str) -> None:
    def urls(*args: str) -> list[list[str]]:
        out = json.loads(_run("dupes", "--json", "--db", db, *args).output)
        return [[m["url"] for m in c["members"]] for c in out]

    assert urls("--min-similarity", "1") == [[ORIGIN, COPY, TRIMMED]]  # the trimmed copy is all in the origin
    assert urls("--since", "2024-11-23") == []
    assert urls("--site", "other") == [[ORIGIN, COPY, TRIMMED]]


def test_dupes_rebuild_gives_the_same_clusters(db: str) -> None:
    first = _run("dupes", "--json", "--db", db).output
    assert _run("dupes", "--json", "--rebuild", "--db", db).output == first


def test_dupes_unknown_site_is_a_usage_error(db: str) -> None:
    done = CliRunner().invoke(cli, ["dupes", "--site", "nosuch", "--db", db])
    assert done.exit_code == 2
    assert "no articles from site 'nosuch'" in done.output


def test_search_unique_shows_each_story_once_at_its_origin(db: str) -> None:
    _run("dupes", "--db", db)  # cluster first (a crawl does this when it closes)
    plain = json.loads(_run("search", "宝马", "--json", "--db", db).output)
    assert {h["url"] for h in plain} == {ORIGIN, COPY, TRIMMED}
    unique = json.loads(_run("search", "宝马", "--unique", "--json", "--db", db).output)
    assert [(h["url"], h["copies"]) for h in unique] == [(ORIGIN, 2)]
    table = _run("search", "小米", "--unique", "--db", db).output
    assert "copies" in table.splitlines()[0]


def test_the_canned_query_reads_the_view(db: str) -> None:
    _run("dupes", "--db", db)
    with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
        rows = conn.execute(QUERIES["reprints"]["sql"]).fetchall()
    assert [(r[4], r[-1]) for r in rows] == [(ORIGIN, COPY), (ORIGIN, TRIMMED)]


def test_dupes_catch_up_only_brings_the_clusters_up_to_date_and_exits_0(db: str) -> None:
    done = _run("dupes", "--catch-up", "--db", db)
    assert done.exit_code == 0
    assert done.output == "reprints: 4 articles sketched; 1 cluster, 3 pairs stored\n"
    with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM reprint_members").fetchone()[0] == 3
    again = _run("dupes", "--catch-up", "--db", db)
    assert again.output == "reprints: 0 articles sketched; 1 cluster, 3 pairs stored\n"


def test_dupes_catch_up_with_no_reprint_stored_is_no_error(db_url: str) -> None:
    store = Store.open(db_url)
    store.save_batch([ArticleItem(url=ALONE, site="qiche", title=STORIES[1].title, body=STORIES[1].body)])
    store.close()
    done = CliRunner().invoke(cli, ["dupes", "--catch-up", "--db", db_url])
    assert done.exit_code == 0 and done.output == "reprints: 1 article sketched; 0 clusters, 0 pairs stored\n"
    assert CliRunner().invoke(cli, ["dupes", "--db", db_url]).exit_code == 1  # listing nothing still says so
