"""Tests for autonews.dates.text — frozen clock: every call passes ``now``."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from autonews.dates import text as dates
from autonews.dates.limits import SITE_OFFSET, SITE_TZ
from autonews.dates.multilingual import parse_value
from autonews.dates.text import DateHit, iter_dates, parse_published
from autonews.dates.url import date_from_url

NOW = datetime(2024, 10, 25, 12, 0, 0, tzinfo=SITE_TZ)


def pp(text: str, now: datetime = NOW, url_date: date | None = None) -> str | None:
    return parse_published(text, now=now, url_date=url_date)


@pytest.fixture
def no_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any dateparser use fail loudly."""

    def boom(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("dateparser must not be called")

    monkeypatch.setattr(dates, "_dateparser_parse", boom)
    monkeypatch.setattr(dates, "_english_parser", boom)


# ---------------------------------------------------------------- explicit year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-10-22 10:30", "2024-10-22T10:30:00+08:00"),
        ("2024-10-22 10:30:05", "2024-10-22T10:30:05+08:00"),
        ("2024-10-22", "2024-10-22"),
        ("2024-1-5", "2024-01-05"),
        ("2024/10/22 10:30", "2024-10-22T10:30:00+08:00"),
        ("2024/10/22", "2024-10-22"),
        ("2024.10.22", "2024-10-22"),
        ("2024年10月22日", "2024-10-22"),
        ("2024年10月22日 10:30", "2024-10-22T10:30:00+08:00"),
        ("2024年10月22日10时30分", "2024-10-22T10:30:00+08:00"),
        ("2024年10月22日10时30分15秒", "2024-10-22T10:30:15+08:00"),
        ("2024年10月22日 星期二", "2024-10-22"),
        ("2024年10月22日 星期二 10:30", "2024-10-22T10:30:00+08:00"),
        ("2024-10-22 下午3:30", "2024-10-22T15:30:00+08:00"),
        ("２０２４年１０月２２日　１０：３０", "2024-10-22T10:30:00+08:00"),
        ("２０２４－１０－２２", "2024-10-22"),
        ("发布时间：2024-10-22 10:30  来源：懂车帝", "2024-10-22T10:30:00+08:00"),
        # ISO offsets are kept as given; a naive time is the site's.
        ("2024-10-22T10:30:00+08:00", "2024-10-22T10:30:00+08:00"),
        ("2024-10-22T02:30:00Z", "2024-10-22T02:30:00+00:00"),
        ("2024-10-22T10:30:00.123+0800", "2024-10-22T10:30:00+08:00"),
        ("2024-10-22T10:30:00-05:00", "2024-10-22T10:30:00-05:00"),
        ("2024-10-22 10:30:00 +0900", "2024-10-22T10:30:00+09:00"),
        ("2024-10-22T10:30", "2024-10-22T10:30:00+08:00"),
    ],
)
def test_explicit_year_forms(text: str, expected: str, no_dateparser: None) -> None:
    assert pp(text) == expected


def test_time_range_is_not_an_offset() -> None:
    hits = list(iter_dates("活动时间：2024-10-22 10:30-11:30", now=NOW))
    assert [h.iso for h in hits] == ["2024-10-22T10:30:00+08:00"]
    assert hits[0].end == len("活动时间：2024-10-22 10:30")


def test_invalid_dates_rejected() -> None:
    assert pp("2024-13-01") is None
    assert pp("2024-02-30") is None
    assert pp("2月30日") is None
    assert pp("2024-10-22 25:61") == "2024-10-22"  # bad time drops to the date


def test_year_range() -> None:
    assert pp("1994-06-01") is None
    assert pp("1995-06-01") == "1995-06-01"
    # A rejected date is consumed whole: its tail is not re-read as "10-22 10:30".
    assert pp("1900-10-22 10:30") is None


def test_future_explicit_rejected_beyond_one_day() -> None:
    assert pp("2024-10-26 10:00") == "2024-10-26T10:00:00+08:00"  # < 1 day ahead: clock skew
    assert pp("2024-10-27 13:00") is None
    assert pp("2024-10-27") is None
    assert pp("2025-01-01") is None  # beyond now's year as well


# ---------------------------------------------------------------- yearless


def test_yearless_takes_now_year(no_dateparser: None) -> None:
    assert pp("10-22 10:30") == "2024-10-22T10:30:00+08:00"
    assert pp("10月22日") == "2024-10-22"
    assert pp("10月22日 10:30") == "2024-10-22T10:30:00+08:00"
    assert pp("10/22 09:12") == "2024-10-22T09:12:00+08:00"


def test_cn_month_day_is_not_dateparser_2010(no_dateparser: None) -> None:
    # dateparser reads this as 2010-11-21.
    assert pp("10月21日") == "2024-10-21"


def test_yearless_near_new_year() -> None:
    now = datetime(2025, 1, 2, 9, 0, tzinfo=SITE_TZ)
    assert pp("12-30 10:00", now=now) == "2024-12-30T10:00:00+08:00"
    assert pp("12月30日", now=now) == "2024-12-30"
    assert pp("01-02 08:00", now=now) == "2025-01-02T08:00:00+08:00"


def test_yearless_never_in_future() -> None:
    assert pp("11/22 09:12") == "2023-11-22T09:12:00+08:00"
    assert pp("10-25 12:30") == "2023-10-25T12:30:00+08:00"  # later today -> last year
    assert pp("10月25日") == "2024-10-25"  # today itself is fine


def test_yearless_takes_url_year() -> None:
    now = datetime(2025, 3, 1, 12, 0, tzinfo=SITE_TZ)
    assert pp("10-22 10:30", now=now, url_date=date(2023, 10, 22)) == "2023-10-22T10:30:00+08:00"
    assert pp("10月22日", now=now, url_date=date(2022, 10, 21)) == "2022-10-22"
    # Around new year the candidate year closest to the URL date wins.
    assert pp("01-02 10:00", now=now, url_date=date(2024, 12, 31)) == "2025-01-02T10:00:00+08:00"
    assert pp("12-31 23:00", now=now, url_date=date(2025, 1, 1)) == "2024-12-31T23:00:00+08:00"


def test_yearless_needs_time_for_numeric_forms() -> None:
    assert pp("10-22") is None  # price range
    assert pp("售价10-22万元") is None
    assert pp("1/2") is None  # fraction
    assert pp("11/22") is None


def test_this_year_and_last_year(no_dateparser: None) -> None:
    assert pp("今年3月28日") == "2024-03-28"
    assert pp("去年10月5日") == "2023-10-05"
    assert pp("去年10月") is None  # no day
    assert pp("去年10月，销量增长") is None


# ---------------------------------------------------------------- relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("刚刚", "2024-10-25T12:00:00+08:00"),
        ("30秒前", "2024-10-25T11:59:30+08:00"),
        ("5分钟前", "2024-10-25T11:55:00+08:00"),
        ("3小时前", "2024-10-25T09:00:00+08:00"),
        ("半小时前", "2024-10-25T11:30:00+08:00"),
        ("2天前", "2024-10-23"),
        ("0天前", "2024-10-25"),
        ("1周前", "2024-10-18"),
        ("昨天 14:20", "2024-10-24T14:20:00+08:00"),
        ("昨天", "2024-10-24"),
        ("前天", "2024-10-23"),
        ("今天 09:00", "2024-10-25T09:00:00+08:00"),
    ],
)
def test_relative(text: str, expected: str, no_dateparser: None) -> None:
    hit = next(iter_dates(text, now=NOW))
    assert hit.iso == expected
    assert hit.relative
    assert not hit.has_year


def test_relative_uses_site_timezone() -> None:
    # 20:00 UTC on the 24th is already the 25th in Shanghai.
    now = datetime(2024, 10, 24, 20, 0, tzinfo=UTC)
    assert pp("昨天 10:00", now=now) == "2024-10-24T10:00:00+08:00"
    assert pp("3小时前", now=now) == "2024-10-25T01:00:00+08:00"


def test_bare_today_is_prose_not_a_date() -> None:
    assert pp("今天我们来聊聊新能源") is None
    assert pp("今天 23:00") is None  # later today than now


# ---------------------------------------------------------------- English (dateparser fallback)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 22, 2024", "2024-10-22"),
        ("Published Oct. 22nd, 2024", "2024-10-22"),
        ("22 Oct 2024 10:30", "2024-10-22T10:30:00+08:00"),
        ("Tue, 22 Oct 2024 10:30:00 GMT", "2024-10-22T10:30:00+00:00"),
        ("Tue, 22 Oct 2024 10:30:00 +0800", "2024-10-22T10:30:00+08:00"),
        ("October 22, 2024 at 10:30 PM", "2024-10-22T22:30:00+08:00"),
    ],
)
def test_english(text: str, expected: str) -> None:
    assert pp(text) == expected


def test_english_future_rejected() -> None:
    assert pp("December 1, 2024") is None


# ---------------------------------------------------------------- iter_dates


def test_iter_dates_spans_and_flags() -> None:
    text = "首发：２０２４年１０月２２日 10:30，更新于10月23日，3小时前"
    hits = list(iter_dates(text, now=NOW))
    assert [h.iso for h in hits] == ["2024-10-22T10:30:00+08:00", "2024-10-23", "2024-10-25T09:00:00+08:00"]
    assert text[hits[0].start : hits[0].end] == "２０２４年１０月２２日 10:30"
    assert text[hits[1].start : hits[1].end] == "10月23日"
    assert hits[0] == DateHit("2024-10-22T10:30:00+08:00", 3, 20, True, True, False)
    assert (hits[1].has_year, hits[1].has_time, hits[1].relative) == (False, False, False)
    assert hits[2].relative and hits[2].has_time


def test_numbers_in_prose_are_not_dates(no_dateparser: None) -> None:
    text = "售价10.28-15.98万元，搭载1.5T发动机，百公里油耗5.2L，1-9月销量12345辆，第一季度"
    assert list(iter_dates(text, now=NOW)) == []


@pytest.mark.parametrize("text", ["", "garbage", "没有日期", "12345", "2024", "V2024.10", "Q3 2024"])
def test_garbage(text: str) -> None:
    assert pp(text) is None


@pytest.mark.parametrize(
    ("text", "iso", "span"),
    [
        ("2024-10-22 10:30", "2024-10-22T10:30:00+08:00", (0, 16)),
        ("2024年10月22日 星期二", "2024-10-22", (0, 15)),
        ("10月21日", "2024-10-21", (0, 6)),
        ("今年3月28日", "2024-03-28", (0, 7)),
        ("昨天 14:20", "2024-10-24T14:20:00+08:00", (0, 8)),  # NOW is 2024-10-25 12:00
        ("3小时前", "2024-10-25T09:00:00+08:00", (0, 4)),
        ("11/22 09:12", "2023-11-22T09:12:00+08:00", (0, 11)),  # never in the future: last year
        ("2024-10-22T10:30:00Z", "2024-10-22T10:30:00+00:00", (0, 20)),
        ("来源：汽车之家 编辑：张三 阅读：1.2万", None, None),
    ],
)
def test_dateparser_not_used_for_chinese_formats(
    no_dateparser: None, text: str, iso: str | None, span: tuple[int, int] | None
) -> None:
    """The fast path reads every Chinese and ISO format by itself, and reads it right."""
    assert parse_published(text, now=NOW) == iso
    assert [(h.iso, (h.start, h.end)) for h in iter_dates(text, now=NOW)] == ([(iso, span)] if iso else [])


def test_fuzz_never_raises_and_spans_are_sane() -> None:
    rnd = random.Random(1)
    alphabet = list("0123456789０１-/.:： T年月日号时分秒点前天昨今去刚半小时周星期一二上午下午Z+,，OctMay ")
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30)))
        for hit in iter_dates(text, now=NOW):
            assert 0 <= hit.start < hit.end <= len(text)
            assert len(hit.iso) in (10, 25)
        parse_value(text)
        date_from_url(text)


def test_huge_relative_offsets_are_ignored() -> None:
    assert pp("9999周前") is None


def test_naive_now_is_site_time() -> None:
    assert pp("3小时前", now=datetime(2024, 10, 25, 12, 0)) == "2024-10-25T09:00:00+08:00"


def test_now_microseconds_dropped() -> None:
    now = NOW + timedelta(microseconds=123456)
    assert pp("刚刚", now=now) == "2024-10-25T12:00:00+08:00"


# ---------------------------------------------------------------- date_from_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.qi-che.com/xinwen-20241022270778.html", date(2024, 10, 22)),
        ("https://a.com/news/2024/10/22/123.html", date(2024, 10, 22)),
        ("https://a.com/news/2024-10-22/123.html", date(2024, 10, 22)),
        ("https://a.com/20241022/123.html", date(2024, 10, 22)),
        ("https://a.com/2024/1022/123.html", date(2024, 10, 22)),
        ("https://a.com/201910/22/123.html", date(2019, 10, 22)),
        ("https://a.gov.cn/art/t20241022_123456.html", date(2024, 10, 22)),
        ("https://a.com/2024_10_22/x.shtml", date(2024, 10, 22)),
        ("https://a.com/2024/13/22/x.html", None),
        ("https://a.com/20241322/x.html", None),
        ("https://a.com/1990/10/22/x.html", None),
        ("https://a.com/article/123456789.html", None),
        ("https://a.com/xinwen-99991022270778.html", None),
        ("https://a.com/x.html?d=2024/10/22/", None),  # query strings are not paths
        ("https://a.com/blog/post-2020-04-08.html", date(2020, 4, 8)),  # glued to a slug
        ("https://a.com/uploads/20201013abc.jpg", date(2020, 10, 13)),
        ("https://a.com/uploads/1994/12/31/a.jpg", None),  # before MIN_YEAR
        ("", None),
        ("not a url", None),
    ],
)
def test_date_from_url(url: str, expected: date | None) -> None:
    assert date_from_url(url) == expected


# ---------------------------------------------------------------- parse_value


@pytest.mark.parametrize(
    ("value", "naive", "in_site_zone"),
    [
        ("2024-10-22T10:30:00+08:00", "2024-10-22T10:30:00+08:00", "2024-10-22T10:30:00+08:00"),
        ("2024-10-22T02:30:00Z", "2024-10-22T02:30:00+00:00", "2024-10-22T02:30:00+00:00"),
        ("2024-10-22 10:30", "2024-10-22T10:30:00", "2024-10-22T10:30:00+08:00"),
        ("2024-10-22T10:30:00.000+0800", "2024-10-22T10:30:00+08:00", "2024-10-22T10:30:00+08:00"),
        ("20200413T16:38:07Z", "2020-04-13T16:38:07+00:00", "2020-04-13T16:38:07+00:00"),
        ("20241022", "2024-10-22", "2024-10-22"),
        ("2024-10-22", "2024-10-22", "2024-10-22"),
        (" 2024/10/22 10:30:00 ", "2024-10-22T10:30:00", "2024-10-22T10:30:00+08:00"),
        ("2024年10月22日 10:30", "2024-10-22T10:30:00", "2024-10-22T10:30:00+08:00"),
        ("Tue, 22 Oct 2024 10:30:00 GMT", "2024-10-22", "2024-10-22"),
        ("Tuesday 22 Oct 2024", "2024-10-22", "2024-10-22"),
        ("Apr 08, 2020", "2020-04-08", "2020-04-08"),
        ("22.10.2024", "2024-10-22", "2024-10-22"),
        ("1995-01-01T00:00:00", "1995-01-01T00:00:00", "1995-01-01T00:00:00+08:00"),  # MIN_YEAR
        ("1994-12-31T23:59:59", None, None),
        ("20241322", None, None),
        ("0000-00-00 00:00:00", None, None),
        ("1729564200", None, None),  # epoch seconds are not a date a page writes
        ("", None, None),
        ("unknown", None, None),
    ],
)
def test_parse_value(value: str, naive: str | None, in_site_zone: str | None) -> None:
    """The one parser of machine-written values keeps a stated offset and adds the one given."""
    assert parse_value(value) == naive
    assert parse_value(value, SITE_OFFSET) == in_site_zone


def test_site_offset_is_the_site_zone() -> None:
    assert SITE_OFFSET == datetime(2024, 6, 1, tzinfo=SITE_TZ).isoformat()[-6:] == "+08:00"


# ---------------------------------------------------------------- edges pinned by mutation testing
# Each value below was worked out by hand from the rules in autonews/dates/text.py's docstrings.


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-10-22 3:05 PM", "2024-10-22T15:05:00+08:00"),
        ("2024-10-22 12:00 PM", "2024-10-22T12:00:00+08:00"),  # noon stays 12
        ("2024-10-22 12:00pm", "2024-10-22T12:00:00+08:00"),
        ("2024-10-22 12:30 a.m.", "2024-10-22T00:30:00+08:00"),  # dots dropped, midnight is 0
        ("2024-10-22 12:30 am", "2024-10-22T00:30:00+08:00"),
        ("2024-10-22 凌晨12:30", "2024-10-22T00:30:00+08:00"),
        ("2024-10-22 下午12:30", "2024-10-22T12:30:00+08:00"),
        ("2024-10-22 23:59:59", "2024-10-22T23:59:59+08:00"),
        # A time that cannot be is dropped, the date stays.
        ("2024-10-22 24:00", "2024-10-22"),
        ("2024-10-22 10:60", "2024-10-22"),
        ("2024-10-22 10:59:60", "2024-10-22"),
        ("2024-10-22 10:30:00-05:00", "2024-10-22T10:30:00-05:00"),
        ("2024-10-22 10:30:00 UTC", "2024-10-22T10:30:00+00:00"),
        ("2024-10-22 10:30:00 GMT", "2024-10-22T10:30:00+00:00"),
        ("2024-10-22 10:30:00+14:00", "2024-10-22T10:30:00+14:00"),  # the largest real offset
        ("2024-10-22 10:30:00+15:00", "2024-10-22T10:30:00+08:00"),  # no such zone: site time
        ("2024-10-22 10:30:00+08:59", "2024-10-22T10:30:00+08:59"),
        ("2024-10-22 10:30:00+08:60", "2024-10-22T10:30:00+08:00"),
        ("2024-10-22 10:30:00+0530", "2024-10-22T10:30:00+05:30"),
        ("2024-10-22 10:30:00 UTC+9", "2024-10-22T10:30:00+09:00"),
        ("2024-10-22 10:30:00 UTC-3", "2024-10-22T10:30:00-03:00"),
        ("Oct 22, 2024 10:30 GMT", "2024-10-22T10:30:00+00:00"),
        ("22 Oct 2024 10:30 +0200", "2024-10-22T10:30:00+02:00"),
        ("发布于 22 Oct 2024", "2024-10-22"),  # an English date after other text
        ("1995-01-01", "1995-01-01"),  # MIN_YEAR
        ("1994-12-31", None),
        # NOW is 2024-10-25 12:00: explicit dates may be a day ahead (clock skew), no more.
        ("2024-10-26 12:00", "2024-10-26T12:00:00+08:00"),
        ("2024-10-26 12:01", None),
        ("2024-10-26", "2024-10-26"),
        ("2024-10-27", None),
        ("今年10月26日 11:00", "2024-10-26T11:00:00+08:00"),
        ("今年10月26日 13:00", None),
        ("去年10月26日 11:00", "2023-10-26T11:00:00+08:00"),
        ("今年2月29日", "2024-02-29"),
        ("去年2月29日", None),  # 2023 has none
        ("今天 12:10", "2024-10-25T12:10:00+08:00"),  # ten minutes ahead: clock skew
        ("今天 12:15", None),
        ("前天 10:00", "2024-10-23T10:00:00+08:00"),
        ("10月25日 12:00", "2024-10-25T12:00:00+08:00"),
        ("10月25日 12:01", "2023-10-25T12:01:00+08:00"),  # a minute ahead this year: last year's
        ("1504周前", "1995-12-29"),
        ("2月30日", None),
        ("1505周前", "1995-12-22"),
    ],
)
def test_edges(text: str, iso: str | None) -> None:
    assert pp(text) == iso


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2024-10-22 10:30-11:30", 16),  # "-11:30" is the end of a range, not an offset
        ("2024-10-22 10:30:00+15:00", 19),  # an unreadable offset is not part of the hit
        ("2024-10-22 10:30:00+08:60 正文", 19),
        ("2024-10-22 10:30:00+0530", 24),
        ("22 Oct 2024 10:30 +0200 正文", 23),
    ],
)
def test_a_hit_ends_where_the_date_does(text: str, end: int) -> None:
    assert [(h.start, h.end) for h in iter_dates(text, now=NOW)] == [(0, end)]


def test_what_each_hit_says_about_itself() -> None:
    def flags(text: str, now: datetime = NOW) -> list[tuple]:
        return [(h.iso, h.has_year, h.has_time, h.relative) for h in iter_dates(text, now=now)]

    assert flags("去年10月22日 10:30") == [("2023-10-22T10:30:00+08:00", True, True, True)]
    assert flags("22 Oct 2024") == [("2024-10-22", True, False, False)]
    assert flags("昨天") == [("2024-10-24", False, False, True)]
    # A clock with sub-second precision: "just now" is the second it is.
    precise = datetime(2024, 10, 25, 12, 0, 0, 500000, tzinfo=SITE_TZ)
    assert flags("刚刚", precise) == [("2024-10-25T12:00:00+08:00", False, True, True)]


def test_dates_in_min_year_itself_are_read() -> None:
    june_1995 = datetime(1995, 6, 1, tzinfo=SITE_TZ)
    assert pp("3月1日", now=june_1995) == "1995-03-01"
    assert pp("今年3月1日", now=june_1995) == "1995-03-01"
    assert pp("2月30日", now=june_1995, url_date=date(1995, 5, 1)) is None  # no such day in any year


def test_on_31_december_tomorrows_date_in_next_year_is_not_the_future() -> None:
    eve = datetime(2024, 12, 31, 20, 0, tzinfo=SITE_TZ)
    assert pp("2025-01-01", now=eve) == "2025-01-01"
    assert pp("2025-01-02", now=eve) is None
    assert pp("2025-01-01", now=datetime(2024, 12, 30, 20, 0, tzinfo=SITE_TZ)) is None


@pytest.mark.parametrize(
    ("text", "url_date", "now", "iso"),
    [
        ("1月2日", date(2024, 12, 31), datetime(2025, 3, 1, tzinfo=SITE_TZ), "2025-01-02"),
        ("12月30日", date(2025, 1, 2), datetime(2025, 3, 1, tzinfo=SITE_TZ), "2024-12-30"),
        ("6月15日", date(2024, 12, 31), datetime(2025, 3, 1, tzinfo=SITE_TZ), "2024-06-15"),
        ("2月29日", date(2025, 3, 1), datetime(2025, 3, 1, tzinfo=SITE_TZ), "2024-02-29"),
        # The nearest year would be the future: the next nearest.
        ("1月2日", date(2024, 12, 31), datetime(2024, 12, 31, tzinfo=SITE_TZ), "2024-01-02"),
        # 1994-12-30 is nearer but before MIN_YEAR.
        ("12月30日", date(1995, 1, 3), NOW, "1995-12-30"),
        # 2024-01-01 and 2025-01-01 are both 183 days from 2024-07-02: the URL's year wins.
        ("1月1日", date(2024, 7, 2), datetime(2025, 3, 1, tzinfo=SITE_TZ), "2024-01-01"),
        # Long after: the URL's year before (3 days away), not after (362), though both are past.
        ("12月30日", date(2025, 1, 2), datetime(2026, 6, 1, tzinfo=SITE_TZ), "2024-12-30"),
        # No 29 February in 2025 or 2026: 2024's, not the crawl year's (2028).
        ("2月29日", date(2025, 3, 1), datetime(2029, 3, 1, tzinfo=SITE_TZ), "2024-02-29"),
    ],
)
def test_a_yearless_date_takes_the_year_nearest_the_urls_day(
    text: str, url_date: date, now: datetime, iso: str
) -> None:
    assert pp(text, now=now, url_date=url_date) == iso
    assert [h.iso for h in iter_dates(text, now=now, url_date=url_date)] == [iso]


def test_with_year_near_takes_the_year_nearest_the_reference_that_is_not_the_future() -> None:
    from autonews.dates.text import with_year_near

    jan = datetime(2025, 1, 10, tzinfo=SITE_TZ)
    assert with_year_near("2024-01-05", date(2024, 12, 30), now=jan) == "2025-01-05"
    assert (
        with_year_near("2024-12-30T10:00:00+08:00", date(2025, 1, 2), now=jan) == "2024-12-30T10:00:00+08:00"
    )
    assert (
        with_year_near("2025-12-30T10:00:00+08:00", date(2025, 1, 2), now=jan) == "2024-12-30T10:00:00+08:00"
    )
    assert (
        with_year_near("2024-02-29", date(2025, 3, 1), now=datetime(2025, 3, 10, tzinfo=SITE_TZ))
        == "2024-02-29"
    )
    may = datetime(2024, 5, 31, tzinfo=SITE_TZ)
    assert with_year_near("2024-06-01", date(2024, 5, 30), now=may) == "2023-06-01"  # 2024-06-01 is tomorrow
    assert (
        with_year_near("2023-06-01", date(2024, 6, 3), now=datetime(2024, 6, 10, tzinfo=SITE_TZ))
        == "2024-06-01"
    )
    # 2024-01-01 and 2025-01-01 are equally near 2024-07-02: the reference's year wins.
    assert (
        with_year_near("2020-01-01", date(2024, 7, 2), now=datetime(2025, 3, 1, tzinfo=SITE_TZ))
        == "2024-01-01"
    )
    # 29 February: the nearest leap year that is not the future.
    assert (
        with_year_near("2028-02-29", date(2025, 3, 1), now=datetime(2025, 3, 10, tzinfo=SITE_TZ))
        == "2024-02-29"
    )
    assert with_year_near("2023-05-31", date(2024, 5, 30), now=may) == "2024-05-31"  # today is not the future
    # Every candidate in the future: the date as read.
    assert with_year_near("2030-06-01", date(2030, 6, 1), now=may) == "2030-06-01"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://h/2024/10/22/a.html", date(2024, 10, 22)),
        ("/news/2024/1022/a.shtml", date(2024, 10, 22)),
        ("http://h/hangye/xinwen-20241022341208.html", date(2024, 10, 22)),
        ("http://[bad/2024/10/22/", date(2024, 10, 22)),  # an unparsable URL is read as text
        ("http://h/a.html?from=/2024/10/22/", None),  # the path only, not the query
        ("http://h/a/20991022/x", None),  # years end next year: an 8-digit id is not a date
        (f"http://h/a/{date.today().year + 1}1022/x", date(date.today().year + 1, 10, 22)),
        (f"http://h/a/{date.today().year + 2}1022/x", None),
    ],
)
def test_the_day_in_a_url(url: str, day: date | None) -> None:
    assert date_from_url(url) == day


@pytest.mark.parametrize(
    ("text", "end", "day"),
    [
        ("2024-11-01", False, date(2024, 11, 1)),
        ("2024-11-01", True, date(2024, 11, 1)),
        ("2024-11", False, date(2024, 11, 1)),
        ("2024-11", True, date(2024, 11, 30)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2024", False, date(2024, 1, 1)),
        ("2024", True, date(2024, 12, 31)),
        (" 2024-1-5 ", False, date(2024, 1, 5)),
        ("2024-01", True, date(2024, 1, 31)),
        ("2024-12", True, date(2024, 12, 31)),
    ],
)
def test_parse_day(text: str, end: bool, day: date) -> None:
    from autonews.dates.spec import parse_day

    assert parse_day(text, end=end) == day
    if not end:
        assert parse_day(text) == day  # the first day unless asked for the last


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024/11/01", "not a date: '2024/11/01' (use YYYY-MM-DD, YYYY-MM or YYYY)"),
        ("yesterday", "not a date: 'yesterday' (use YYYY-MM-DD, YYYY-MM or YYYY)"),
        ("2024-02-30", "not a date: '2024-02-30' (no such day)"),
        ("2024-13", "not a date: '2024-13' (no such day)"),
        ("2024-00-01", "not a date: '2024-00-01' (no such day)"),
    ],
)
def test_parse_day_refuses_in_one_line(text: str, message: str) -> None:
    from autonews.dates.spec import parse_day

    with pytest.raises(ValueError) as caught:
        parse_day(text)
    assert str(caught.value) == message
    with pytest.raises(ValueError):
        parse_day(text, end=True)
