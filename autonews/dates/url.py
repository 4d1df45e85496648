"""The publish day an article URL carries: the one reading of dates in URLs.

A site profile reads its own URL shapes first (``SiteProfile.url_date``) and falls
back to this; the generic reader uses it for page, canonical and image URLs.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from autonews.dates.limits import valid_ymd

# Each pattern yields (year, month, day) groups; tried in order, first valid wins.
URL_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"xinwen-(\d{4})(\d{2})(\d{2})"),  # /xinwen-20241022270778.html
    re.compile(r"(?<![A-Za-z0-9])t(\d{4})(\d{2})(\d{2})_"),  # gov style t20241022_123.html
    re.compile(r"/(\d{4})([/_-])(\d{1,2})\2(\d{1,2})(?=[/._-]|$)"),  # /2024/10/22/ /2024-10-22/ /2024_10_22/
    re.compile(r"/(\d{4})/(\d{2})(\d{2})(?=/)"),  # /2024/1022/
    re.compile(r"/(\d{4})(\d{2})/(\d{2})(?=/)"),  # /201910/22/
    re.compile(r"/(\d{4})(\d{2})(\d{2})(?=[/.]|$)"),  # /20241022/
    # Last: a day glued to other text (post-2020-04-08.html, /uploads/2020/10/13x).
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]?([01]\d)[/_-]?([0-3]\d)(?!\d)"),
)


def date_from_url(url: str | None) -> date | None:
    """Publish date encoded in a URL's path, e.g. ``/2024/10/22/``; never its query.

    Years end at next calendar year: there is no ``now`` here, and an 8-digit
    article id must not read as a far-future day.
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path or url
    except ValueError:
        path = url
    max_year = date.today().year + 1
    for pattern in URL_PATTERNS:
        for m in pattern.finditer(path):
            parts = [int(g) for g in m.groups() if g.isdigit()]
            found = valid_ymd(parts[0], parts[1], parts[2], max_year)
            if found is not None:
                return found
    return None
