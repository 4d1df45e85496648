"""The memoised URL matching answers as the plain urlsplit and regex did."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from autonews.sites import get_site
from autonews.sites.base import url_host

URLS = [
    "http://www.qi-che.com/hangye/343301.htm",
    "http://www.qi-che.com/hangye/343301_2.htm",
    "https://QI-CHE.com:8080/xinche/1.htm?x=1#f",
    "http://127.0.0.1:8123/hangye/xinwen-20241021270778.html",
    "/relative/path.htm",
    "mailto:someone@example.com",
]


@pytest.mark.parametrize("url", URLS)
def test_url_host_is_urlsplits_hostname(url: str) -> None:
    assert url_host(url) == urlsplit(url).hostname
    assert url_host(url) == urlsplit(url).hostname  # the cached answer too


@pytest.mark.parametrize("url", URLS)
def test_article_ref_is_stable_when_cached(url: str) -> None:
    site = get_site("qiche")
    first = (site.article_ref(url), site.url_date(url), site.first_page_url(url))
    assert (site.article_ref(url), site.url_date(url), site.first_page_url(url)) == first


def test_a_bad_url_still_raises_every_time() -> None:
    for _ in range(2):
        with pytest.raises(ValueError):
            url_host("http://[not-an-ip/x")


def test_article_key_and_ref_are_shared_not_rebuilt() -> None:
    site = get_site("qiche")
    url = "http://www.qi-che.com/hangye/343301_2.htm"
    assert site.article_ref(url) is site.article_ref(url)  # frozen: safe to share
    assert site.article_key(url) == site.article_key("http://127.0.0.1:9/hangye/343301.htm") == "343301"


@pytest.mark.parametrize(
    "url",
    [
        "http://www.qi-che.com/hangye/343301_3.htm",
        "http://www.qi-che.com/list.php?id=7&page=4&x=",
        "http://www.qi-che.com/a-12.html#top",
    ],
)
def test_page_parts_are_stable_when_cached(url: str) -> None:
    from autonews.extract.pagination import document_of, page_number

    first = (document_of(url), page_number(url))
    assert (document_of(url), page_number(url)) == first
    assert first == (document_of.__wrapped__(url), page_number.__wrapped__(url))
