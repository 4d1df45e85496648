"""How text is cut into tokens for SQLite's search index: one token per character.

``unicode61`` sees a run of Han characters as one word, so the text is
pre-segmented: every character becomes its own space-separated token.
ASCII letters and digits and CJK ideographs stand for themselves; any other
character (punctuation, spaces, kana, full-width forms …) becomes the
placeholder token ``zz``.  The placeholder keeps one token position per
character, so a phrase query of consecutive tokens means consecutive
characters: ``"小 米"`` cannot match ``小，米`` (tokens ``小 zz 米``).  A query is
cut the same way (``segment(term)``), so any term is a phrase; the placeholder
only merges characters that the caller's ``instr()`` check tells apart again.

The same cutting exists twice: ``segment`` in Python (the store, ``reindex``)
and ``segment_sql`` in plain SQL (the triggers, for writes from any client,
and Datasette's canned search).  Tests hold them equal.
"""

from __future__ import annotations

import re

PLACEHOLDER = "zz"  # two letters: never equal to a query token, which is one character
# Indexed as themselves.  unicode61 keeps each as one token (a test checks every one).
TOKEN_RANGES = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF))
_OTHER = re.compile("[^" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in TOKEN_RANGES) + "]")
# Indexed unchanged by unicode61 (no case folding): every token range but the ASCII letters.
_EXACT = re.compile(
    "["
    + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in TOKEN_RANGES if not chr(lo).isalpha() or lo > 0x7F)
    + "]+"
)
_CHUNK = 32  # characters per json_each row in the SQL: keeps substr's O(offset) walk cheap


def segment(text: str | None) -> str | None:
    """``小米SU7，`` -> ``小 米 S U 7 zz``; None for empty text."""
    if not text:
        return None
    # " ".join(text) makes a str object per character; interleaving the UTF-32 code units
    # with spaces does the same in a few slice copies, 2x faster on a 1,000-character body.
    units = _OTHER.sub("~", text).encode("utf-32-le")
    n = len(units) // 4
    spaced = bytearray(8 * n)
    for k in range(4):
        spaced[k::8] = units[k::4]
    spaced[4::8] = b" " * n
    return spaced.decode("utf-32-le")[:-1].replace("~", PLACEHOLDER)


def is_token_char(char: str) -> bool:
    return _OTHER.match(char) is None


def exact_in_index(term: str) -> bool:
    """True when a phrase match of ``term`` is already exact: no ``instr()`` check needed.

    Han ideographs and ASCII digits index as themselves (no case folding, no
    placeholder), so their tokens equal the text.
    """
    return _EXACT.fullmatch(term) is not None


def _int_array(n: str) -> str:
    """SQL for the JSON text ``[0,0,…]`` with n elements: a row source for json_each.

    Triggers may not use WITH RECURSIVE and generate_series is not built in.
    """
    return f"'[' || rtrim(replace(hex(zeroblob({n})), '00', '0,'), ',') || ']'"


def _token_sql(char: str) -> str:
    ranges = " OR ".join(f"unicode({char}) BETWEEN {lo} AND {hi}" for lo, hi in TOKEN_RANGES)
    # '' past the end of the last chunk: only an extra space, as in segment().
    return f"CASE WHEN {char} = '' THEN '' WHEN {ranges} THEN {char} ELSE '{PLACEHOLDER}' END"


def segment_sql(column: str) -> str:
    """SQL for ``segment(column)`` (NULL if empty), from core functions only.

    The text is cut into chunks of _CHUNK characters, one json_each row each.
    ``LIMIT -1`` stops SQLite from flattening the chunk subquery, which would
    recompute the long substr per character.
    """
    col = f"coalesce({column}, '')"
    tokens = " || ' ' || ".join(_token_sql(f"substr(c.chunk, {j}, 1)") for j in range(1, _CHUNK + 1))
    count = _int_array(f"(length({col}) + {_CHUNK - 1}) / {_CHUNK}")
    return (
        f"(SELECT group_concat({tokens}, ' ') FROM "
        f"(SELECT substr({col}, o.key * {_CHUNK} + 1, {_CHUNK}) AS chunk "
        f"FROM json_each({count}) AS o LIMIT -1) AS c)"
    )
