"""Days as people type them on the command line: ``2024-11-01``, ``2024-11`` or ``2024``.

One parser for every ``--since``/``--until`` and ``-a since=``: anything else is a
clear "not a date" error rather than a filter that silently matches nothing.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_day(text: str, *, end: bool = False) -> date:
    """The day ``text`` names; a year or month prefix means its first day (its last with ``end``)."""
    m = _DAY.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    try:
        if day is None:
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return date(year, month, last if end else 1)
        return date(year, month, int(day))
    except ValueError:
        raise ValueError(f"not a date: {text!r} (no such day)") from None
