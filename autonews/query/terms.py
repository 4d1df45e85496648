"""Turning what people type into FTS5 match expressions, checks and snippets.

A term is a space-separated piece of the query; all terms must match (AND).
"Matches" means: the title or the body contains the term as a substring, with
ASCII letters compared case-insensitively (``su7`` finds ``SU7``) and every
other character compared exactly.
"""

from __future__ import annotations

import re

from autonews.query.db import QueryError
from autonews.store.segment import is_token_char, segment

MAX_TERMS = 8


def fold(text: str) -> str:
    """ASCII-only lower-casing: the same as SQLite's built-in lower() without ICU."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def split_terms(query: str) -> list[str]:
    terms = list(dict.fromkeys(query.split()))  # de-duplicated, order kept
    if not terms:
        raise QueryError("empty search query")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"too many search terms ({len(terms)}; at most {MAX_TERMS})")
    return terms


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def match_expression(term: str) -> str | None:
    """The FTS5 expression proposing every article that contains ``term``: the phrase
    of its tokens, cut as the text was.

    None when the index cannot help (no letter, digit or Han character, e.g.
    ``，``, would be a phrase of placeholders): the caller then scans.
    """
    if not any(is_token_char(ch) for ch in term):
        return None
    return _quote(segment(term) or "")


def contains(haystack: str | None, term: str) -> bool:
    """The definition of a match, in Python (tests and snippets use it)."""
    return bool(haystack) and fold(term) in fold(haystack)


def snippet(body: str, terms: list[str], *, before: int = 20, width: int = 80) -> str:
    """About ``width`` characters of ``body`` around the first hit, hits marked 【like this】."""
    flat = " ".join(body.split())
    low = fold(flat)
    hits = [i for i in (low.find(fold(t)) for t in terms) if i >= 0]
    start = max(0, min(hits) - before) if hits else 0
    piece = flat[start : start + width]
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(alternatives, re.IGNORECASE | re.ASCII)  # ASCII-only folding, like fold()
    marked = pattern.sub(lambda m: f"【{m.group(0)}】", piece)
    return ("…" if start else "") + marked + ("…" if start + width < len(flat) else "")
