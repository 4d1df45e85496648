"""Generic reader's publish date: candidates compared, not the first match (one failure class per test).

Every page here is made up; the dates are chosen so that each source states a different day.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from autonews.extract.generic import extract_generic_html
from autonews.extract.generic.published import Candidate, choose

NOW = datetime(2024, 11, 25, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PARAS = "".join(
    f"<p>{s}</p>"
    for s in (
        "The city council approved the new tram line on Tuesday after a debate that lasted most of the night.",
        "Construction is expected to start next spring and to take about three years, officials said.",
        "Residents along the route have asked for more crossings and for quieter vehicles at night.",
    )
)
TITLE = "Council approves the new tram line"


def page(head: str = "", byline: str = "", before: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>{TITLE} - City News</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/city'>City</a></nav>{before}"
        f"<article><h1>{TITLE}</h1>{byline}{PARAS}</article>{after}</body></html>"
    )


def day(html: str, url: str | None = None) -> str | None:
    res = extract_generic_html(html, url, now=NOW).published_at
    return res[:10] if res else None


def test_byline_and_url_outvote_a_generic_meta_date() -> None:
    # <meta name="date"> written when the page was rendered; the byline and the URL agree.
    head = '<meta name="date" content="2024-11-20">'
    byline = "<div class='byline'>Published 2024-10-03 14:20</div>"
    assert day(page(head, byline), "https://news.example.org/2024/10/03/tram-line") == "2024-10-03"


def test_url_and_visible_date_outvote_json_ld_alone() -> None:
    head = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-09-30T08:00:00Z"}</script>'
    byline = "<p class='meta'>Posted October 2, 2024</p>"
    assert day(page(head, byline), "https://news.example.org/2024/10/02/tram-line") == "2024-10-02"


def test_json_ld_alone_beats_a_bare_byline_date() -> None:
    head = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-09-30T08:00:00Z"}</script>'
    assert day(page(head, "<p>2024-10-02</p>")) == "2024-09-30"


def test_related_article_date_first_in_text_is_not_the_date() -> None:
    # A teaser list above the headline carries the first date of the page.
    before = "<ul class='latest'><li><a href='/a'>Bus fares rise</a> 2024-11-19</li></ul>"
    head = '<meta property="article:published_time" content="2024-10-05T09:00:00+02:00">'
    byline = "<div>By Ann Lee, 5 October 2024</div>"
    assert day(page(head, byline, before=before)) == "2024-10-05"


def test_day_month_order_taken_from_the_source_that_agrees() -> None:
    # 06/02/2024 reads 2 June (US) or 6 February; the URL says which, and the byline's
    # time of day is kept.
    byline = "<div class='date'>06/02/2024 10:30</div>"
    res = extract_generic_html(page(byline=byline), "https://news.example.org/2024/02/06/tram", now=NOW)
    assert res.published_at == "2024-02-06T10:30:00+08:00"


def test_choose_counts_copies_of_one_source_once() -> None:
    # JSON-LD and <meta> are written from one CMS field: together they are one witness,
    # so a visible date and the URL that agree still win.
    cands = [
        Candidate("2024-01-01", "jsonld", 5.0),
        Candidate("2024-01-01", "meta", 4.5),
        Candidate("2024-01-03T10:00:00", "byline", 3.0),
        Candidate("2024-01-03", "url", 4.0),
    ]
    assert choose(cands) == "2024-01-03T10:00:00"
    assert choose([]) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("نشر في الخميس 3 آذار / مارس 2022 10:15 صباحاً", "2022-03-03"),  # two names for one month
        ("نُشر ۱۴ ژانویه ۲۰۲۱", "2021-01-14"),  # Persian digits
        ("Опубликовано 9 ноября 2021 г.", "2021-11-09"),
        ("Δημοσιεύθηκε 12 Μαΐου 2021", "2021-05-12"),
        ("פורסם ב-3 בספטמבר 2021", "2021-09-03"),
        ("Yayınlanma: 4 Ağustos 2021", "2021-08-04"),
        ("입력 2021년 7월 6일", "2021-07-06"),
    ],
)
def test_byline_dates_in_other_scripts(line: str, expected: str) -> None:
    assert day(page(byline=f"<div class='byline'>{line}</div>")) == expected


def test_time_below_the_headline_not_the_headers() -> None:
    before = "<header><time datetime='2024-11-25'>Monday</time></header>"
    byline = "<time datetime='2024-10-07T09:00:00+02:00'>Oct 7</time>"
    assert day(page(byline=byline, before=before)) == "2024-10-07"


@pytest.mark.parametrize(
    "line",
    [
        "Updated 9 October 2024, first published 4 October 2024",
        "Mis à jour le 9 octobre 2024 · Publié le 4 octobre 2024",
        "Aktualisiert: 09.10.2024 | Veröffentlicht: 04.10.2024",
    ],
)
def test_updated_date_loses_to_published_in_the_same_line(line: str) -> None:
    assert day(page(byline=f"<p class='dateline'>{line}</p>")) == "2024-10-04"


def test_updated_label_alone_still_dates_the_page() -> None:
    assert day(page(byline="<p>Updated: 9 October 2024</p>")) == "2024-10-09"


def dateline_page(head: str = "") -> str:
    # A long opening paragraph: no byline line of its own.
    lead = (
        "<p>LONDON, 3 October 2024 (Wire) - The city council approved the new tram line after a long debate"
        " in which residents, shop owners and the transport authority all asked for changes to the route.</p>"
    )
    return page(head, lead)


def test_dateline_of_the_first_paragraph_dates_a_page_without_other_evidence() -> None:
    assert day(dateline_page()) == "2024-10-03"


def test_dateline_loses_to_machine_and_url_dates() -> None:
    head = '<meta property="article:published_time" content="2024-10-04T06:00:00+01:00">'
    assert day(dateline_page(head)) == "2024-10-04"
