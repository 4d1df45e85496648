"""Date strings -> ISO: the formats met in meta tags, JSON-LD and page text.

The one parser of machine-written values (``parse_value``); the generic reader also uses
it for page text, so it handles the non-Chinese forms (``Apr 08, 2020``,
``08.04.2020``, compact ``20200413T16:38:07Z``) that structured metadata uses worldwide.
A date is never shifted to another zone: the day the page states is the day we keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from autonews.dates.limits import SITE_OFFSET, valid_ymd

# Month names by stem: the first letters identify the month across most Latin-script
# languages (janvier, gennaio, ianuarie, septembrie, outubro …).
_MONTH_STEMS = {
    "juin": 6,
    "juil": 7,
    "márc": 3,
    "marc": 3,
    **dict.fromkeys(["jan", "ian", "gen", "ene", "sty"], 1),
    **dict.fromkeys(["feb", "fev", "fév", "lut"], 2),
    **dict.fromkeys(["mar", "mär", "maa"], 3),
    **dict.fromkeys(["apr", "avr", "abr", "kwi"], 4),
    **dict.fromkeys(["may", "mai", "mag", "mei", "maj"], 5),
    **dict.fromkeys(["jun", "iun", "giu", "cze"], 6),
    **dict.fromkeys(["jul", "iul", "lug", "lip"], 7),
    **dict.fromkeys(["aug", "aoû", "aou", "ago", "avg", "sie"], 8),
    **dict.fromkeys(["sep", "set", "wrz"], 9),
    **dict.fromkeys(["oct", "okt", "out", "ott", "paź"], 10),
    **dict.fromkeys(["nov", "noi", "lis"], 11),
    **dict.fromkeys(["dec", "dez", "dic", "déc", "gru"], 12),
    # Turkish, Indonesian/Malay, Czech/Slovak where their stems differ from the above.
    **{"oca": 1, "şub": 2, "nis": 4, "haz": 6, "tem": 7, "ağu": 8, "eyl": 9, "eki": 10, "kas": 11, "ara": 12},
    **{"agu": 8, "ogo": 8, "des": 12, "dis": 12},
    **{
        "led": 1,
        "úno": 2,
        "bře": 3,
        "dub": 4,
        "kvě": 5,
        "máj": 5,
        "jún": 6,
        "júl": 7,
        "srp": 8,
        "zář": 9,
        "říj": 10,
    },
    # Cyrillic (Russian, Ukrainian, Bulgarian, Serbian), genitive forms included.
    **dict.fromkeys(["янв", "січ", "яну", "јан"], 1),
    **dict.fromkeys(["фев", "лют"], 2),
    **dict.fromkeys(["мар", "бер"], 3),
    **dict.fromkeys(["апр", "кві"], 4),
    **dict.fromkeys(["мая", "май", "тра", "мај"], 5),
    **dict.fromkeys(["июн", "чер", "юни", "јун"], 6),
    **dict.fromkeys(["июл", "лип", "юли", "јул"], 7),
    **dict.fromkeys(["авг", "сер"], 8),
    **dict.fromkeys(["сен", "вер", "сеп"], 9),
    **dict.fromkeys(["окт", "жов"], 10),
    **dict.fromkeys(["ноя", "лис", "ное", "нов"], 11),
    **dict.fromkeys(["дек", "гру", "дец"], 12),
    # Greek (genitive), Hebrew, Arabic (Egyptian and Levantine names), Persian.
    **{"ιαν": 1, "φεβ": 2, "μαρ": 3, "απρ": 4, "μαΐ": 5, "μαι": 5, "ιουν": 6, "ιουλ": 7},
    **{"αυγ": 8, "σεπ": 9, "οκτ": 10, "νοε": 11, "δεκ": 12},
    **{"ינו": 1, "פבר": 2, "מרץ": 3, "אפר": 4, "מאי": 5, "יונ": 6, "יול": 7, "אוג": 8},
    **{"ספט": 9, "אוק": 10, "נוב": 11, "דצמ": 12},
    **dict.fromkeys(["ينا", "ژان"], 1),
    **dict.fromkeys(["فبر", "شبا", "فور"], 2),
    **dict.fromkeys(["مار", "آذا", "اذا"], 3),
    **dict.fromkeys(["أبر", "ابر", "إبر", "نيس", "آور"], 4),
    **dict.fromkeys(["ماي", "أيا", "ايا"], 5),
    **dict.fromkeys(["يون", "حزي", "ژوئن"], 6),
    **dict.fromkeys(["يول", "تمو", "ژوئی"], 7),
    **dict.fromkeys(["أغس", "اغس", "اوت"], 8),
    **dict.fromkeys(["سبت", "أيل", "ايل", "سپت"], 9),
    **dict.fromkeys(["أكت", "اكت", "اکت"], 10),
    **dict.fromkeys(["نوف", "نوا"], 11),
    **dict.fromkeys(["ديس", "دسا"], 12),
}
_HEBREW = re.compile("[\u0590-\u05ff]")
_WORDS_NOT_MONTHS = frozenset(
    {"mark", "market", "march-", "outside", "setting", "general", "decision", "avenue"}
)


def month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in _WORDS_NOT_MONTHS or len(word) < 3:
        return None
    found = _MONTH_STEMS.get(word[:4]) or _MONTH_STEMS.get(word[:3])
    if found is None and word[0] == "ב" and _HEBREW.match(word):  # באוגוסט: "in August"
        return month_number(word[1:])
    return found


_MONTH_RE = r"[^\W\d_]{3,11}\.?"

_TIME = r"(?:[T\s,]*(?P<H>[0-2]?\d)\s*[:时點点]\s*(?P<M>[0-5]\d)(?:\s*[:分]\s*(?P<S>[0-5]\d))?(?:\.\d+)?\s*(?P<ampm>[AaPp]\.?[Mm]\b\.?)?\s*(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?"
# Year first: ISO, 2005/03/15, 2005年3月11日, compact 20200413T163807.
_YMD = re.compile(
    rf"(?<!\d)(?P<y>(?:19|20)\d\d)(?:\s*[-/.年년]\s*(?P<m>[01]?\d)\s*[-/.月월]\s*(?P<d>[0-3]?\d)(?!\d)\s*[日号일]?|(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?=T|\b)){_TIME}"
)
# Day first: 08.04.2020, 8-4-2020 (European), and US month/day/year with slashes.
_DMY = re.compile(
    rf"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d){_TIME}"
)
# Month names: "Apr 08, 2020", "8 April 2020", "8. März 2020", "8 de abril de 2020".
_NAMED = re.compile(
    rf"(?i)(?<![^\W\d_])(?:(?P<mon1>{_MONTH_RE})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?P<mon2>{_MONTH_RE})(?:\s*/\s*{_MONTH_RE})?,?\s+(?:de\s+)?(?P<y2>(?:19|20)\d\d))(?![a-z\d])"
)


def _iso(m: re.Match[str], day: date, offset: str | None) -> str:
    h, mi, s, tz = m["H"], m["M"], m["S"], m["tz"]
    if h is None or int(h) > 23:
        return day.isoformat()
    if m["ampm"] and int(h) <= 12:
        h = str(int(h) % 12 + (12 if m["ampm"][0] in "Pp" else 0))
    if tz == "Z":
        tz = "+00:00"
    elif tz and ":" not in tz:
        tz = f"{tz[:3]}:{tz[3:]}"
    tz = tz or offset or ""
    return f"{day.isoformat()}T{int(h):02d}:{mi}:{s or '00'}{tz}"


# Letters of the scripts whose month names are known (Latin, Greek, Cyrillic, Hebrew, Arabic).
_ALPHABET_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u06ff]")
# Arabic-Indic and Persian digits read as ASCII ones (one character for one: positions hold).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def iter_text_dates(text: str, offset: str | None = SITE_OFFSET) -> Iterator[tuple[int, str]]:
    """(position, ISO) for every full-day date in text, in order of position."""
    hits: list[tuple[int, str]] = []
    if _EASTERN_DIGIT.search(text):
        text = text.translate(_DIGITS)
    for m in _YMD.finditer(text):
        mo, d = (m["m"], m["d"]) if m["m"] else (m["m2"], m["d2"])
        day = valid_ymd(int(m["y"]), int(mo), int(d))
        if day:
            hits.append((m.start(), _iso(m, day, offset)))
    for m in _DMY.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        # Slashes are the US order (month/day); dots and dashes are day.month.
        day = valid_ymd(int(m["y"]), a, b) if m["sep"] == "/" and a <= 12 else valid_ymd(int(m["y"]), b, a)
        if day:
            hits.append((m.start(), _iso(m, day, offset)))
    if _ALPHABET_LETTER.search(text):  # month names: skip the costly pattern on pure CJK lines
        for m in _NAMED.finditer(text):
            mon = month_number(m["mon1"] or m["mon2"])
            day = valid_ymd(int(m["y1"] or m["y2"]), mon, int(m["d1"] or m["d2"])) if mon else None
            if day:
                hits.append((m.start(), day.isoformat()))
    hits.sort()
    return iter(hits)


def other_reading(text: str, pos: int) -> str | None:
    """The day-month swap of an all-numeric date at ``pos`` that reads either way
    (``06/02/2022``: 2 June in the US, 6 February elsewhere), else None."""
    m = _DMY.match(text.translate(_DIGITS) if _EASTERN_DIGIT.search(text) else text, pos)
    if m is None or m["a"] == m["b"] or int(m["a"]) > 12 or int(m["b"]) > 12:
        return None
    a, b = int(m["a"]), int(m["b"])
    day = valid_ymd(int(m["y"]), b, a) if m["sep"] == "/" else valid_ymd(int(m["y"]), a, b)
    return day.isoformat() if day else None


def parse_value(value: str, offset: str | None = None) -> str | None:
    """A meta/JSON-LD/datetime attribute value: the first date it holds."""
    return next((iso for _, iso in iter_text_dates(value.strip()[:80], offset)), None)


def day_of(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def not_future(iso: str | None, now: datetime) -> bool:
    return iso is not None and day_of(iso) <= now.date()
