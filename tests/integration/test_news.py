"""``scrapy crawl news``: every replica family with no profile reads as it does with one.

The ``news`` spider knows nothing of qi-che.com: no URL rule, no selector, no furniture
rule.  What it stores must still be the replica's truth, field for field, with the same
link graph and no furniture, which it learns from the repetition across the site's pages.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from autonews.cli import cli
from autonews.replica.chrome import STATEMENT_LINES
from tests.support.crawling import FIELDS, crawl_family, family_names, furniture_in_bodies, graphs
from tests.support.crawling import dump_articles_and_links as _dump

TWICE = {"live", "sitemap_yearless"}  # the second run is checked on these (time)


@pytest.fixture(scope="module", params=family_names())
def crawled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    family = request.param
    return crawl_family(
        family, tmp_path_factory.mktemp(f"news-{family}"), spider="news", twice=family in TWICE
    )


def test_every_article_with_every_field_as_with_the_profile(crawled) -> None:
    assert crawled["first"].returncode == 0, crawled["first"].stderr[-3000:]
    expected = crawled["site"].expected_articles()
    with sqlite3.connect(crawled["db"]) as conn:
        rows = conn.execute(f"select url, site, {', '.join(FIELDS)} from articles").fetchall()
    got = {url.removeprefix(crawled["base"]): dict(zip(FIELDS, rest, strict=True)) for url, _, *rest in rows}
    assert sorted(got) == sorted(expected)
    assert {site for _, site, *_ in rows} == {"127.0.0.1"}  # the host names a site with no profile
    wrong = [
        (p, f, got[p][f], truth[f]) for p, truth in expected.items() for f in FIELDS if got[p][f] != truth[f]
    ]
    assert wrong == []


def test_no_furniture_in_any_body(crawled) -> None:
    assert furniture_in_bodies(crawled["db"]) == []


def test_the_link_graph(crawled) -> None:
    got, expected = graphs(crawled["db"], crawled["site"], crawled["base"])
    assert got == expected


def test_furniture_learned_and_kept_per_site(crawled) -> None:
    with sqlite3.connect(crawled["db"]) as conn:
        site, kind, count, lines, version = conn.execute(
            "select site, kind, article_count, furniture, furniture_version from sites"
        ).fetchone()
        versions = conn.execute("select count(*) from site_furniture").fetchone()[0]
    learned = json.loads(lines)
    assert (site, kind, count) == ("127.0.0.1", "generic", len(crawled["site"].expected_articles()))
    assert any(line in learned for line in STATEMENT_LINES) and version >= 1 and versions == version


def test_second_run_adds_nothing(crawled) -> None:
    if crawled["second"] is None:
        pytest.skip("second run checked on " + ", ".join(sorted(TWICE)))
    assert crawled["second"].returncode == 0, crawled["second"].stderr[-3000:]
    assert _dump(crawled["db"]) == crawled["snapshot"]


def test_sites_command_shows_and_resets_what_was_learned(crawled) -> None:
    if crawled["family"] != "live":
        pytest.skip("one family is enough for the command")
    from click.testing import CliRunner

    db = f"sqlite:///{crawled['db']}"
    listing = CliRunner().invoke(cli, ["sites", "--db", db])
    assert listing.exit_code == 0 and "127.0.0.1" in listing.output and "generic" in listing.output
    shown = CliRunner().invoke(cli, ["sites", "--db", db, "--furniture", "127.0.0.1"])
    assert STATEMENT_LINES[0] in shown.output
    unknown = CliRunner().invoke(cli, ["sites", "--db", db, "--furniture", "nosuch.example"])
    assert unknown.exit_code == 2
