"""Article text as the code points a reprint keeps: one table lookup per character.

A reprint changes what a reader barely sees: paragraphs re-split, full-width for
half-width digits, traditional for simplified characters, punctuation, a
``(原标题:…)`` lead and ``来源:``/``编辑:`` lines.  All of that is folded away here, so
the shingles of a copy are the shingles of its origin.

Traditional characters fold to simplified ones character by character, with the
character table of OpenCC (``opencc-python-reimplemented`` ships it).  OpenCC's own
``convert`` also maps phrases, but costs 2.4 ms for a 900-character body; a
one-to-one table is a numpy gather (about 1 µs), and for comparing texts a
character that folds to the same character on both sides is all that matters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

import numpy as np

DROP = np.uint32(0xFFFFFFFF)  # a character that does not count: punctuation, spaces, symbols
SEPARATOR = "\x00"  # between the texts of one batch; maps to itself

# Lines a reprint adds or rewrites around the story itself.  Only whole lines (or the
# parenthesised 原标题 note) go: a sentence that merely names a source stays.
_LABELS = ("原标题", "来源", "来自", "文章来源", "本文来源", "本文来自", "图片来源", "编辑", "责任编辑",
           "作者", "记者", "撰文", "出品", "校对", "审核")  # fmt: skip
_LABEL_LINE = re.compile(rf"^[【\[(（]?(?:{'|'.join(_LABELS)})[】\])）]?\s*[:：|丨]")
_LEADING = " \t\u3000【[(（"
# A flash's or a column's tag glued to the first sentence: 【快讯】, 快讯：.
_OPENER = re.compile(r"^\s*(?:【[^】\n]{1,8}】|快讯\s*[:：|丨｜])")
_ORIGINAL_TITLE = re.compile(r"[(（]\s*原标题\s*[:：][^)）\n]*[)）]")


def strip_furniture(text: str) -> str:
    """``text`` without the credit, byline and original-title lines reprints add."""
    if "原标题" in text:
        text = _ORIGINAL_TITLE.sub("", text)
    lines = text.split("\n")
    # A cheap test per line first: the regex runs only on lines opening with a label.
    kept = [
        line
        for line in lines
        if not (line.lstrip(_LEADING).startswith(_LABELS) and _LABEL_LINE.match(line.lstrip(" \t\u3000")))
    ]
    text = "\n".join(kept) if len(kept) < len(lines) else text
    return _OPENER.sub("", text, count=1)


@functools.cache
def fold_table() -> np.ndarray:
    """Code point -> folded code point, or DROP (uint32, all of Unicode)."""
    table = np.arange(0x110000, dtype=np.uint32)
    for cp in range(0x10000):
        cat = unicodedata.category(chr(cp))
        if cat[0] in "PSZC":
            table[cp] = DROP
    table[0] = 0  # the separator
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = table[cp - 0xFEE0]
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = cp + 32
        table[cp + 0xFEE0] = cp + 32
    for trad, simp in _traditional_pairs():
        table[trad] = simp
    return table


def _traditional_pairs() -> list[tuple[int, int]]:
    """(traditional, simplified) code points from OpenCC's character table, first reading."""
    text = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        trad, _, simp = line.partition("\t")
        simp = simp.split(" ")[0]
        if len(trad) == 1 and len(simp) == 1:
            pairs.append((ord(trad), ord(simp)))
    return pairs


_SENTENCE_ENDS = np.array([ord(c) for c in "。！？!?；;\n"], dtype=np.uint32)


@functools.cache
def _sentence_end_table() -> np.ndarray:
    """Code point -> True where a sentence ends: one gather, where ``np.isin`` made eight passes."""
    table = np.zeros(0x110000, dtype=bool)
    table[_SENTENCE_ENDS] = True
    return table


def _folded(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(raw code points of the texts joined by ``SEPARATOR``, their folded code points)."""
    joined = SEPARATOR.join(strip_furniture(t) for t in texts)
    raw = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    return raw, fold_table()[raw]


def _bounds(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    bounds = np.flatnonzero(codes == 0)
    starts = np.concatenate(([0], bounds + 1))
    ends = np.concatenate((bounds, [len(codes)]))
    return starts, ends - starts


def folded_codes(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The folded code points of ``texts`` in one array, where each text starts in it and its length.

    Dropped characters are gone; the texts are separated by one 0.
    """
    _, codes = _folded(texts)
    codes = codes[codes != DROP]
    return codes, *_bounds(codes)


def folded_sentences(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``folded_codes`` and, for each code kept, the number of its sentence (counted over all texts)."""
    raw, codes = _folded(texts)
    kept = codes != DROP
    sentence = np.cumsum(_sentence_end_table()[raw], dtype=np.int64)[kept]
    codes = codes[kept]
    return codes, *_bounds(codes), sentence
