"""Compiled regular expressions for :mod:`autonews.dates.text`.

Everything here is built once at import.  The scanner is a single alternation
(tokenizer style): each alternative is wrapped in an outer named group, so
``match.lastgroup`` says which form matched and the field groups carry a
per-alternative prefix (Python's ``re`` forbids duplicate group names).
"""

from __future__ import annotations

import re
import unicodedata

# --- length-preserving NFKC -------------------------------------------------
# Full NFKC can change the length of a string ("㎏" -> "kg"), which would break
# the spans we report.  Dates only need the 1:1 part of NFKC (full-width digits
# and punctuation, ideographic/no-break spaces), so we build a translate table
# restricted to single-character results in the few blocks that matter.
_NFKC_RANGES = ((0x00A0, 0x00FF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))


def _build_nfkc_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _NFKC_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            norm = unicodedata.normalize("NFKC", ch)
            if len(norm) == 1 and norm != ch:
                table[cp] = norm
    return table


NFKC_TABLE = _build_nfkc_table()
# Cheap pre-check so plain text skips str.translate entirely.
NEEDS_NFKC = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(NFKC_TABLE)) + "]")

# --- building blocks ----------------------------------------------------------
_WEEKDAY = r"(?:[(（]?(?:星期|周|礼拜)[一二三四五六日天七][)）]?)"
_SEP = r"[\s,，]*"


def _time(p: str = "") -> str:
    """Time of day with optional 上午/下午 marker, seconds, fraction and offset.

    With an empty prefix the groups are non-capturing: the scanner captures the
    whole time as one group and :data:`TIME` (same shape, with groups) re-reads
    that span.  Fewer groups in the scanner make every attempt cheaper.
    ``HH:MM`` needs two-digit minutes; the 时/点 form allows ``10时5分``.  The
    offset is validated again in code (a ``-hh:mm`` right after a seconds-less
    time is more likely a time range than an offset).
    """

    def g(name: str) -> str:
        return f"(?P<{p}{name}>" if p else "(?:"

    return (
        rf"(?:{g('ap')}上午|下午|中午|晚上|凌晨|早上)\s*)?"
        rf"{g('H')}\d{{1,2}})"
        rf"(?::{g('M')}\d{{2}})(?::{g('S')}\d{{2}})(?:[.,]\d{{1,9}})?)?"
        rf"|\s*[时点]\s*{g('M2')}\d{{1,2}})\s*分?(?:\s*{g('S2')}\d{{1,2}})\s*秒)?)"
        r"(?!\d)"
        rf"(?:\s?{g('ap2')}[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
        rf"{g('tz')}Z(?![A-Za-z])|[+-]\d{{2}}:?\d{{2}}(?!\d)"
        rf"|\s+[+-]\d{{4}}(?!\d)|\s*(?:GMT|UTC)(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?(?![A-Za-z]))?"
    )


TIME = re.compile(_time("t_"))
_T = _time()


def _tail(p: str) -> str:
    """Optional weekday and time following a date (weekday before or after time)."""
    return rf"(?:{_SEP}{_WEEKDAY})?(?:(?:T|{_SEP})(?P<{p}t>{_T}))?(?:{_SEP}{_WEEKDAY})?"


# 2024-10-22 / 2024/10/22 / 2024.10.22 (same separator twice) or 2024年10月22日,
# optionally followed by weekday and time.  Any 4-digit year is matched and the
# range is checked in code, so a rejected date is consumed whole instead of
# its tail being re-read as a yearless date.
_YMD = (
    r"(?P<A_ymd>(?<![\d.])(?P<y_y>\d{4})"
    r"(?:(?P<y_sep>[-/.])(?P<y_m>\d{1,2})(?P=y_sep)(?P<y_d>\d{1,2})(?!\d)"
    r"|\s*年\s*(?P<y_m2>\d{1,2})\s*月\s*(?P<y_d2>\d{1,2})(?:\s*[日号]|(?!\d)))" + _tail("y_") + ")"
)
# 今年3月28日 / 去年10月5日; a missing day ("去年10月") is matched so it is consumed,
# then skipped in code.
_REL_YEAR = (
    r"(?P<A_ry>(?P<r_word>今年|去年|前年)\s*(?P<r_m>\d{1,2})\s*月(?:\s*(?P<r_d>\d{1,2})\s*[日号])?"
    + _tail("r_")
    + ")"
)
# 10月22日 (time optional).
_MD_CN = r"(?P<A_mdcn>(?<![\d年])(?P<c_m>\d{1,2})\s*月\s*(?P<c_d>\d{1,2})\s*[日号]" + _tail("c_") + ")"
# 10-22 10:30 / 11/22 09:12 — only with a time, since bare "10-22" is usually
# a price range and "11/22" a fraction.
_MD_NUM = (
    # After a label's colon (日期:10-15 10:30), not after a time's (12:10-15).
    r"(?P<A_mdnum>(?<![\d.\-/])(?<!\d[:：])(?P<n_m>\d{1,2})[-/](?P<n_d>\d{1,2})(?![\d.\-/])"
    rf"(?:T|\s+)(?P<n_t>{_T}))"
)
# 3小时前, 半小时前, 5 分钟前, 2天前 ...  ("3日前" is left out: "10月3日前" means
# "before 3 October".)
_AGO = (
    r"(?P<A_ago>(?<!\d)(?P<g_n>\d{1,4}|[一二两三四五六七八九十半])\s*个?\s*"
    r"(?P<g_u>秒钟?|分钟|分|小时|钟头|天|周|星期)\s*[以之]?前)"
)
# 今天 09:00 / 昨天 14:20 / 前天; 今天/今日/昨日 need a time (too common in prose).
_DAYWORD = (
    rf"(?P<A_dw>(?:(?P<w_word>今天|今日|昨天|昨日|前天)(?:\s*(?P<w_t>{_T}))?" r"|(?P<w_now>刚刚|刚才)))"
)

_EN_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
_EN_SEP = r"[\s\-/.,]+"
# English candidates: "October 22, 2024", "22 Oct 2024 10:30", "Tue, 22 Oct 2024
# 10:30:00 GMT".  The span goes to dateparser (minus the zone, which we apply
# ourselves because dateparser drops it when returning naive datetimes).
EN_SCANNER = re.compile(
    r"(?<![A-Za-z0-9])(?i:(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?" + _EN_SEP + _EN_MONTH + r"\.?" + _EN_SEP + r"\d{4}"
    r"|" + _EN_MONTH + r"\.?" + _EN_SEP + r"\d{1,2}(?:st|nd|rd|th)?" + _EN_SEP + r"\d{4})(?!\d)"
    r"(?P<e_time>(?:,?\s+(?:at\s+)?)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?(?![a-z]))?)?)"
    r"(?P<e_tz>\s*(?:GMT|UTC|Z)(?:[+-]\d{1,2}(?::?\d{2})?)?(?![A-Za-z])|\s*[+-]\d{2}:?\d{2}(?!\d))?"
)

SCANNER = re.compile("|".join((_YMD, _REL_YEAR, _MD_CN, _MD_NUM, _AGO, _DAYWORD)))

# Trying the alternation at every position costs ~0.9 us/char.  Every form
# starts with one of these characters, and a bare character class is searched
# by a fast C loop, so the scanners are only tried where this matches.
TRIGGER = re.compile(r"[0-9刚今昨去前一二两三四五六七八九十半]")
# Same plus letters, used only when the text may hold an English month name.
TRIGGER_EN = re.compile(r"[0-9A-Za-z刚今昨去前一二两三四五六七八九十半]")
# Case-sensitive class-then-branch form: ~5 ns/char, where a (?i) month regex
# costs ~80 ns/char.  False positives only cost a few failed attempts.
EN_PREFILTER = re.compile(
    r"[JjFfMmAaSsOoNnDd](?:an|eb|a[ry]|pr|u[nl]|ug|ep|ct|ov|ec|AN|EB|A[RY]|PR|U[NL]|UG|EP|CT|OV|EC)"
)
# After a failed attempt at a digit or letter, no form can start later in the
# same run (all digit/letter-initial forms have a no-digit/no-letter
# lookbehind), so skip the whole run.
SKIP_RUN = re.compile(r"[0-9]+|[A-Za-z]+|.", re.DOTALL)


# Scanner group holding the time span, per form.
TIME_GROUP = {
    kind: SCANNER.groupindex[p + "t"]
    for kind, p in (("A_ymd", "y_"), ("A_ry", "r_"), ("A_mdcn", "c_"), ("A_mdnum", "n_"), ("A_dw", "w_"))
}

# Numeric UTC offsets after GMT/UTC ("GMT+8", "UTC+08:00") or bare ("+0800").
OFFSET = re.compile(r"(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")
