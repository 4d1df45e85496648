"""Aligned text tables that stay aligned with Chinese in them.

A Han character takes two terminal columns; ``len()`` counts one, so padding
by ``len()`` leaves every row with CJK text ragged.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from typing import Any


def width(s: str) -> int:
    """Terminal columns: wide (W) and full-width (F) characters take two, combining marks none."""
    total = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def truncate(s: str, limit: int) -> str:
    """``s`` cut to at most ``limit`` columns, ending in … when cut."""
    if width(s) <= limit:
        return s
    out, used = [], 0
    for ch in s:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())  # newlines and tabs would break the grid


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], *, max_widths: dict[int, int] | None = None
) -> str:
    """Rows under their headers, columns padded to the widest cell (by terminal width).

    ``max_widths`` caps chosen columns (by index): long titles get an ellipsis.
    Numeric cells are right-aligned.
    """
    caps = max_widths or {}
    cells = [[truncate(_cell(v), caps.get(i, 10_000)) for i, v in enumerate(r)] for r in rows]
    numeric = [bool(rows) and all(isinstance(r[i], int | float) for r in rows) for i in range(len(headers))]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - width(v))
            parts.append(pad + v if numeric[i] else v + pad)
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()
