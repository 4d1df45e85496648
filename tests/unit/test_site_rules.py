"""The qiche profile's URL rules: the live shape, the 2016 one, and what neither names."""

from __future__ import annotations

from datetime import date

import pytest

from autonews.sites import SITES, get_site
from autonews.sites.base import ArticleRef

QICHE = get_site("qiche")


@pytest.mark.parametrize(
    ("url", "ref"),
    [
        ("https://qi-che.com/guoneicheshi/17206.htm", ArticleRef("guoneicheshi", "17206", 1)),
        ("https://www.qi-che.com/guoneicheshi/17370.htm", ArticleRef("guoneicheshi", "17370", 1)),
        ("https://www.qi-che.com/guoneicheshi/17370_3.htm", ArticleRef("guoneicheshi", "17370", 3)),
        (
            "http://www.qi-che.com/shehuiredia/xinwen-20160706270778.html",
            ArticleRef("shehuiredia", "20160706270778", 1),
        ),
        (
            "http://www.qi-che.com/shehuiredia/xinwen-20160706270778_2.html",
            ArticleRef("shehuiredia", "20160706270778", 2),
        ),
        ("https://www.qi-che.com/guoneicheshi/", None),
        ("https://www.qi-che.com/guoneicheshi/list_2.htm", None),
        ("https://www.qi-che.com/ask/123.htm", None),  # Q&A is not news
        ("https://www.qi-che.com/news/2024/1121/a1001.shtml", None),  # no rule: found by meaning
    ],
)
def test_article_refs(url: str, ref: ArticleRef | None) -> None:
    assert QICHE.article_ref(url) == ref


def test_the_url_date_rule_reads_the_2016_shape_and_knows_id_urls_have_none() -> None:
    assert QICHE.url_date("http://www.qi-che.com/shehuiredia/xinwen-20160706270778.html") == date(2016, 7, 6)
    assert QICHE.url_date("https://qi-che.com/guoneicheshi/17206.htm") is None
    # A shape no rule names is read the generic way.
    assert QICHE.url_date("https://www.qi-che.com/news/2024/1121/a1001.shtml") == date(2024, 11, 21)


@pytest.mark.parametrize(
    ("url", "first"),
    [
        ("https://qi-che.com/guoneicheshi/17206_2.htm", "https://qi-che.com/guoneicheshi/17206.htm"),
        ("https://qi-che.com/guoneicheshi/17206.htm", "https://qi-che.com/guoneicheshi/17206.htm"),
        (
            "http://www.qi-che.com/hangye/xinwen-20241022341208_3.html",
            "http://www.qi-che.com/hangye/xinwen-20241022341208.html",
        ),
    ],
)
def test_first_page_url(url: str, first: str) -> None:
    assert QICHE.first_page_url(url) == first


@pytest.mark.parametrize(
    ("url", "channel"),
    [
        ("https://www.qi-che.com/guoneicheshi/", "guoneicheshi"),
        ("https://www.qi-che.com/hangye/list_3.htm", "hangye"),
        ("https://www.qi-che.com/hangye/index_3.htm", "hangye"),
        ("https://www.qi-che.com/hangye/list-7-3.htm", "hangye"),
        ("https://www.qi-che.com/ask/", None),
        ("https://www.qi-che.com/hangye/17206.htm", None),
    ],
)
def test_listing_channel_is_a_fast_path_for_known_listing_shapes(url: str, channel: str | None) -> None:
    assert QICHE.listing_channel(url) == channel


def test_both_hosts_are_the_site() -> None:
    assert QICHE.matches_host("https://qi-che.com/guoneicheshi/17206.htm")
    assert QICHE.matches_host("https://www.qi-che.com/guoneicheshi/17206.htm")
    assert not QICHE.matches_host("https://car.qi-che.com.example.org/")


def test_profiles_register_themselves_and_every_one_declares_sources_and_urls() -> None:
    assert "qiche" in SITES and "generic" not in SITES
    for site in SITES.values():
        assert site.SOURCES and site.ARTICLE_URLS and site.hosts, site.name
