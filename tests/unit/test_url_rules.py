"""The URL rules of every registered site profile, and of a profile made for any site.

Each profile needs a row in ``SAMPLES``: a new site without one fails
``test_every_registered_site_has_url_samples``, so its rules cannot go untested.
The qiche profile's own cases are in ``test_site_rules.py``; these are the rules every
profile must keep (page N and page 1 are one article, keys fit their column, shapes
outside the site's rules fall back to the generic reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from autonews.sites.anysite import profile_for
from autonews.sites.base import KEY_CHARS, REGISTRY, GenericSite, SiteProfile


@dataclass(frozen=True)
class Sample:
    """An article whose page 2 exists, and a URL that is on the site but no article shape."""

    first: str
    later: str | None  # page 2 of ``first``, when the site's rules name pages
    day: date | None  # what the first page's URL says of the publish day
    other: str


SAMPLES: dict[str, list[Sample]] = {
    "qiche": [
        Sample(
            "https://www.qi-che.com/guoneicheshi/17206.htm",
            "https://www.qi-che.com/guoneicheshi/17206_2.htm",
            None,
            "https://www.qi-che.com/guoneicheshi/",
        ),
        Sample(
            "http://qi-che.com/hangye/xinwen-20241022341208.html",
            "http://qi-che.com/hangye/xinwen-20241022341208_2.html",
            date(2024, 10, 22),
            "http://qi-che.com/ask/xinwen-20241022341208.html",
        ),
    ],
    "generic": [
        Sample(
            "https://news.example.cn/2024/1121/a1001.shtml",
            None,
            date(2024, 11, 21),
            "https://news.example.cn/",
        ),
        Sample("https://news.example.cn/auto/8801.html?id=3", None, None, "https://news.example.cn/auto/"),
    ],
}


def _cases() -> list[tuple[type[SiteProfile], Sample]]:
    return [(REGISTRY[name], s) for name, samples in SAMPLES.items() for s in samples]


def test_every_registered_site_has_url_samples() -> None:
    assert set(REGISTRY) <= set(SAMPLES), "add the new profile's URLs to SAMPLES"


def test_every_article_url_shape_names_its_key() -> None:
    for site in REGISTRY.values():
        for shape in site.ARTICLE_URLS:
            assert "key" in shape.pattern.groupindex, (site.name, shape.name)


@pytest.mark.parametrize(("site", "sample"), _cases(), ids=lambda v: getattr(v, "name", None) or "")
def test_page_n_and_page_1_are_one_article(site: type[SiteProfile], sample: Sample) -> None:
    assert site.first_page_url(sample.first) == sample.first
    assert len(site.article_key(sample.first)) <= KEY_CHARS
    if sample.later is not None:
        assert site.first_page_url(sample.later) == sample.first
        assert site.article_key(sample.later) == site.article_key(sample.first)
        ref = site.article_ref(sample.later)
        assert ref is not None and ref.page == 2


@pytest.mark.parametrize(("site", "sample"), _cases(), ids=lambda v: getattr(v, "name", None) or "")
def test_the_url_date_rule(site: type[SiteProfile], sample: Sample) -> None:
    assert site.url_date(sample.first) == sample.day


@pytest.mark.parametrize(("site", "sample"), _cases(), ids=lambda v: getattr(v, "name", None) or "")
def test_a_url_of_no_article_shape_is_no_article_ref(site: type[SiteProfile], sample: Sample) -> None:
    assert site.article_ref(sample.other) is None


def test_a_site_without_a_profile_keys_articles_by_path_and_query() -> None:
    assert GenericSite.article_ref("https://a.example/news/8801.html") is None
    assert GenericSite.article_key("https://a.example/news/8801.html?id=3") == "/news/8801.html?id=3"
    assert GenericSite.article_key("http://mirror.example:8080/news/8801.html") == "/news/8801.html"
    long_key = GenericSite.article_key("https://a.example/" + "x" * 200)
    assert long_key.startswith("sha1:") and len(long_key) <= KEY_CHARS


def test_a_profile_for_any_site_knows_its_hosts_and_nothing_else() -> None:
    site = profile_for("https://www.example.cn/")
    assert site.name == "www.example.cn" and site.name not in REGISTRY
    assert site.matches_host("https://example.cn/a.html") and site.matches_host(
        "https://www.example.cn/a.html"
    )
    assert not site.matches_host("https://cdn.example.com/a.html")
    assert site.same_site("http://127.0.0.1:8000/a.html", "http://127.0.0.1:8000/")
    assert site.listing_channel("https://www.example.cn/auto/") is None
    assert site.ARTICLE_URLS == () and profile_for("https://www.example.cn/") is site
