"""Publish-time parsing for Chinese auto-news pages.

Pure functions, no mutable module state (the only cache is the lazily built
dateparser instance, which is immutable configuration).  Common Chinese and
numeric forms are read by one compiled scanner (see :mod:`autonews.dates.patterns`);
dateparser is only consulted for English month-name spans the scanner found,
because it misreads Chinese yearless/relative text (``10月21日`` -> 2010-11-21)
and its failures are slow (0.3-30 ms per call).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from autonews.dates import patterns as P
from autonews.dates.limits import MIN_YEAR, SITE_TZ

if TYPE_CHECKING:  # pragma: no cover - typing only
    from dateparser.date import DateDataParser

# Explicit-year dates may be this far ahead of ``now`` (clock skew, site time
# zone vs crawler time zone); beyond that the page is lying or we misread it.
FUTURE_SLACK = timedelta(days=1)
# "今天 HH:MM" a little after now is clock skew; much later is nonsense.
TODAY_SKEW = timedelta(minutes=10)

_CN_NUM = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "半": 0.5,
}
_UNIT_SECONDS = {
    "秒": 1,
    "秒钟": 1,
    "分": 60,
    "分钟": 60,
    "小时": 3600,
    "钟头": 3600,
    "天": 86400,
    "周": 7 * 86400,
    "星期": 7 * 86400,
}
_DATE_ONLY_UNITS = frozenset({"天", "周", "星期"})
_DAY_WORD_OFFSET = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
_DAY_WORD_NEEDS_TIME = frozenset({"今天", "今日", "昨日"})
_REL_YEAR_OFFSET = {"今年": 0, "去年": 1, "前年": 2}
_PM_MARKERS = frozenset({"下午", "晚上"})
_TIME_FIELDS = tuple(f"t_{n}" for n in ("H", "M", "M2", "S", "S2", "ap", "ap2", "tz"))


@dataclass(frozen=True, slots=True)
class DateHit:
    iso: str  # "2024-10-22T10:30:00+08:00", or "2024-10-22" when no time-of-day was given
    start: int  # span in the input text
    end: int
    has_year: bool
    has_time: bool
    relative: bool


class _Ctx:
    """Per-call context: ``now`` in the site zone plus derived bounds.

    A plain slotted class, not a frozen dataclass: it is built on every call
    and frozen-dataclass construction is several times slower.
    """

    __slots__ = ("now", "today", "tz", "url_date", "max_year")

    def __init__(self, now: datetime, url_date: date | None, tz: tzinfo) -> None:
        # A naive ``now`` is taken to be in the site zone rather than rejected.
        local = now.replace(tzinfo=tz) if now.tzinfo is None else now.astimezone(tz)
        if local.microsecond:
            local = local.replace(microsecond=0)
        today = local.date()
        self.now = local
        self.today = today
        self.tz = tz
        self.url_date = url_date
        # Explicit years may reach into tomorrow (FUTURE_SLACK), i.e. next year on 31 Dec.
        self.max_year = today.year + 1 if today.month == 12 and today.day == 31 else today.year


# Time of day as parsed: hour, minute, second, explicit zone (None = site tz).
_Tod = tuple[int, int, int, tzinfo | None]


# --------------------------------------------------------------------------- helpers


def _normalize(text: str) -> str:
    """Length-preserving NFKC subset (full-width digits/punctuation, odd spaces)."""
    if text.isascii() or not P.NEEDS_NFKC.search(text):
        return text
    return text.translate(P.NFKC_TABLE)


def _fmt(value: date | datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS+08:00`` or ``YYYY-MM-DD``.

    Built by hand: ``datetime.isoformat`` with a ZoneInfo costs ~1.7 us here,
    a fifth of the whole parse.
    """
    if not isinstance(value, datetime):
        return value.isoformat()
    offset = value.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return "%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d" % (  # noqa: UP031 - measurably faster than f-string here
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        sign,
        hours,
        minutes,
    )


def _offset(text: str) -> tzinfo | None:
    """'Z', 'GMT', 'UTC+8', '+0800', '+08:00' -> fixed zone; None if unreadable."""
    text = text.strip()
    if text in ("Z", "GMT", "UTC"):
        return UTC
    m = P.OFFSET.search(text)
    if m is None:
        return None
    hours, minutes = int(m["h"]), int(m["m"] or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m["sign"] == "-" else delta)


def _tod(m: re.Match[str], kind: str) -> tuple[_Tod | None, int | None]:
    """Read the time captured by the scanner for form ``kind``.

    Returns (time, cut) where ``cut`` is a new end for the hit when a trailing
    zone-looking fragment was rejected (e.g. the "-11:30" of "10:30-11:30").
    A present-but-invalid time makes the whole time None.
    """
    group = P.TIME_GROUP[kind]
    t_start = m.start(group)
    if t_start < 0:
        return None, None
    t = P.TIME.fullmatch(m.string, t_start, m.end(group))
    if t is None:  # pragma: no cover - same shape as the scanner's time
        return None, None
    hour_s, min_s, min2_s, sec_s, sec2_s, marker, ampm, tz_s = t.group(*_TIME_FIELDS)
    hour, minute, second = int(hour_s), int(min_s or min2_s), int(sec_s or sec2_s or 0)
    ampm = ampm.lower().replace(".", "") if ampm else ""
    if marker in _PM_MARKERS or ampm == "pm":
        if hour < 12:
            hour += 12
    elif (marker == "凌晨" or ampm == "am") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None, None
    zone: tzinfo | None = None
    cut: int | None = None
    if tz_s:
        # A '-hh:mm' glued to a seconds-less time reads like a range, not an offset.
        if tz_s[0] == "-" and sec_s is None:
            cut = t.start("t_tz")
        else:
            zone = _offset(tz_s)
            if zone is None:
                cut = t.start("t_tz")
    return (hour, minute, second, zone), cut


def _make(y: int, mo: int, d: int, tod: _Tod | None, tz: tzinfo) -> date | datetime | None:
    try:
        if tod is None:
            return date(y, mo, d)
        hour, minute, second, zone = tod
        return datetime(y, mo, d, hour, minute, second, tzinfo=zone or tz)
    except ValueError:  # 2月30日, month 13 ...
        return None


def _is_future(value: date | datetime, ctx: _Ctx, slack: timedelta = timedelta(0)) -> bool:
    if isinstance(value, datetime):
        return value > ctx.now + slack
    return value > ctx.today + timedelta(days=slack.days)


def _explicit(y: int, mo: int, d: int, tod: _Tod | None, ctx: _Ctx) -> date | datetime | None:
    """A date whose year the page stated: range check and future rejection."""
    if not MIN_YEAR <= y <= ctx.max_year:
        return None
    value = _make(y, mo, d, tod, ctx.tz)
    if value is None or _is_future(value, ctx, FUTURE_SLACK):
        return None
    return value


def _yearless(mo: int, d: int, tod: _Tod | None, ctx: _Ctx) -> date | datetime | None:
    """Pick the year for a month/day: from the URL date if known, else from now.

    With a URL date we take the candidate year (URL year -1/0/+1) closest to it,
    so "01-02" on a page whose URL says 2024-12-31 becomes 2025-01-02 (if that
    is not in the future).  Without one, the current year, or the previous year
    when that would be in the future (new-year crawl of a December page).
    """
    if ctx.url_date is not None:
        best: date | datetime | None = None
        best_gap: int | None = None
        for y in (ctx.url_date.year, ctx.url_date.year - 1, ctx.url_date.year + 1):
            value = _make(y, mo, d, tod, ctx.tz)
            if value is None or _is_future(value, ctx) or y < MIN_YEAR:
                continue
            day = value.date() if isinstance(value, datetime) else value
            gap = abs((day - ctx.url_date).days)
            if best_gap is None or gap < best_gap:
                best, best_gap = value, gap
        if best is not None:
            return best
    for y in (ctx.today.year, ctx.today.year - 1):
        value = _make(y, mo, d, tod, ctx.tz)
        if value is not None and not _is_future(value, ctx) and y >= MIN_YEAR:
            return value
    return None


# --------------------------------------------------------------------------- per-form readers
# Each reader returns (value, has_year, relative, end_override) or None to skip.
_Read = tuple[date | datetime, bool, bool, int | None] | None


def _read_ymd(m: re.Match[str], ctx: _Ctx) -> _Read:
    y = int(m["y_y"])
    mo = int(m["y_m"] or m["y_m2"])
    d = int(m["y_d"] or m["y_d2"])
    tod, cut = _tod(m, "A_ymd")
    value = _explicit(y, mo, d, tod, ctx)
    return None if value is None else (value, True, False, cut)


def _read_rel_year(m: re.Match[str], ctx: _Ctx) -> _Read:
    if m["r_d"] is None:  # "去年10月": no day, nothing to publish
        return None
    y = ctx.today.year - _REL_YEAR_OFFSET[m["r_word"]]
    tod, cut = _tod(m, "A_ry")
    value = _make(y, int(m["r_m"]), int(m["r_d"]), tod, ctx.tz)
    if value is None or _is_future(value, ctx, FUTURE_SLACK) or y < MIN_YEAR:
        return None
    return value, True, True, cut


def _read_md(m: re.Match[str], ctx: _Ctx, p: str) -> _Read:
    tod, cut = _tod(m, m.lastgroup)  # type: ignore[arg-type]
    value = _yearless(int(m[p + "m"]), int(m[p + "d"]), tod, ctx)
    return None if value is None else (value, False, False, cut)


def _read_ago(m: re.Match[str], ctx: _Ctx) -> _Read:
    n_s, unit = m["g_n"], m["g_u"]
    n = int(n_s) if n_s.isdigit() else _CN_NUM[n_s]
    seconds = n * _UNIT_SECONDS[unit]
    try:
        then = ctx.now - timedelta(seconds=seconds)
    except OverflowError:  # "9999周前" near year 1
        return None
    if then.year < MIN_YEAR:
        return None
    if unit in _DATE_ONLY_UNITS:  # "N天前" only pins a date
        return then.date(), False, True, None
    return then, False, True, None


def _read_dayword(m: re.Match[str], ctx: _Ctx) -> _Read:
    if m["w_now"]:
        return ctx.now, False, True, None
    word = m["w_word"]
    tod, cut = _tod(m, "A_dw")
    if tod is None and word in _DAY_WORD_NEEDS_TIME:
        return None
    day = ctx.today - timedelta(days=_DAY_WORD_OFFSET[word])
    value = _make(day.year, day.month, day.day, tod, ctx.tz)
    if value is None or _is_future(value, ctx, TODAY_SKEW):
        return None
    return value, False, True, cut


@functools.lru_cache(maxsize=1)
def _english_parser() -> DateDataParser:
    """Built on first English date only: importing dateparser costs ~60 ms and
    its first parse ~100 ms more (language data).  RELATIVE_BASE is left out so
    one instance can be shared: REQUIRE_PARTS demands a full date, so "now" never
    influences the result, and the future check against ``now`` is ours."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def _dateparser_parse(span: str) -> datetime | None:
    """Single choke point for dateparser (tests monkeypatch it to prove it is unused)."""
    try:
        return _english_parser().get_date_data(span).date_obj
    except Exception:  # dateparser raises odd errors on odd input; a miss is a miss
        return None


def _read_english(m: re.Match[str], ctx: _Ctx) -> _Read:
    tz_s = m["e_tz"]
    body_end = m.start("e_tz") if tz_s else m.end()
    parsed = _dateparser_parse(m.string[m.start() : body_end])
    if parsed is None:
        return None
    zone = _offset(tz_s) if tz_s else None
    tod = (parsed.hour, parsed.minute, parsed.second, zone) if m["e_time"] else None
    value = _explicit(parsed.year, parsed.month, parsed.day, tod, ctx)
    return None if value is None else (value, True, False, None)


_READERS = {
    "A_ymd": _read_ymd,
    "A_ry": _read_rel_year,
    "A_mdcn": lambda m, ctx: _read_md(m, ctx, "c_"),
    "A_mdnum": lambda m, ctx: _read_md(m, ctx, "n_"),
    "A_ago": _read_ago,
    "A_dw": _read_dayword,
}


# --------------------------------------------------------------------------- public API


def _scan(text: str, ctx: _Ctx) -> Iterator[tuple[date | datetime, int, int, bool, bool]]:
    """Yield (value, start, end, has_year, relative) for each valid date."""
    norm = _normalize(text)
    english = P.EN_PREFILTER.search(norm) is not None
    trigger_re = P.TRIGGER_EN if english else P.TRIGGER
    pos = 0
    while (trigger := trigger_re.search(norm, pos)) is not None:
        start = trigger.start()
        first = norm[start]
        read: _Read = None
        if first.isascii() and not first.isdigit():  # a letter: only English starts so
            m = P.EN_SCANNER.match(norm, start)
            read = None if m is None else _read_english(m, ctx)
        elif (m := P.SCANNER.match(norm, start)) is not None:
            read = _READERS[m.lastgroup](m, ctx)  # type: ignore[index]
        elif english and (m := P.EN_SCANNER.match(norm, start)) is not None:  # "22 Oct 2024"
            read = _read_english(m, ctx)
        if m is None:
            pos = P.SKIP_RUN.match(norm, start).end()  # type: ignore[union-attr]
            continue
        pos = m.end()
        if read is not None:
            value, has_year, relative, cut = read
            yield value, start, pos if cut is None else cut, has_year, relative


def iter_dates(
    text: str, *, now: datetime, url_date: date | None = None, tz: ZoneInfo = SITE_TZ
) -> Iterator[DateHit]:
    """Yield every readable date in ``text`` in order of appearance.

    Spans index the caller's string (normalisation keeps lengths).  Hits that
    fail validation (bad month, out-of-range year, future) are skipped, and
    their text is not re-read as a shorter form.
    """
    if not text:
        return
    for value, start, end, has_year, relative in _scan(text, _Ctx(now, url_date, tz)):
        yield DateHit(_fmt(value), start, end, has_year, isinstance(value, datetime), relative)


def parse_published(
    text: str, *, now: datetime, url_date: date | None = None, tz: ZoneInfo = SITE_TZ
) -> str | None:
    """ISO string of the first date in ``text`` (see :func:`iter_dates`), else None."""
    if not text:
        return None
    # Straight on the internal scan: skips building a DateHit we would discard.
    for value, *_ in _scan(text, _Ctx(now, url_date, tz)):
        return _fmt(value)
    return None


def with_year_near(iso: str, reference: date, *, now: datetime) -> str:
    """A yearless date read with a guessed year, given the year nearest ``reference``
    (a listing's date or a sitemap's lastmod) that is not in the future."""
    stamp = datetime.fromisoformat(iso)
    best, best_gap = iso, None
    for year in (reference.year, reference.year - 1, reference.year + 1):
        try:
            value = stamp.replace(year=year)
        except ValueError:  # 29 February
            continue
        day = value.date() if isinstance(value, datetime) else value
        if day > now.date():
            continue
        gap = abs((day - reference).days)
        if best_gap is None or gap < best_gap:
            best_gap = gap
            best = value.date().isoformat() if len(iso) == 10 else value.isoformat()
    return best
