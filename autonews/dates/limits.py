"""The site's time zone and the years a publish date can have: one home for both.

Every reader (page text, machine values, URLs, listings) checks a day against the same
bounds, so a date one reader accepts is never one another rejects.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# Naive times on Chinese news sites are Beijing time.
SITE_TZ = ZoneInfo("Asia/Shanghai")
# The same zone as an ISO offset, for readers that write offsets as text.
SITE_OFFSET = datetime(2000, 1, 1, tzinfo=SITE_TZ).isoformat()[-6:]

# Chinese online auto news starts in the late 1990s; an earlier "date" is an id or a typo.
MIN_YEAR = 1995
# Readers without a ``now`` (machine values) still need an upper bound.
MAX_YEAR = 2100


def valid_ymd(y: int, m: int, d: int, max_year: int = MAX_YEAR) -> date | None:
    """The day, when it exists and its year is within bounds, else None."""
    if not MIN_YEAR <= y <= max_year:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None
