"""Whitespace and invisible-character normalisation for body text.

Chinese pages pad paragraphs with U+3000 indents and ``&nbsp;`` runs and leak
zero-width characters from editors.  Those are layout, not text.  A single
ASCII space the author typed (``9 月小米 SU7 交付量超 10000 台``) is text and
stays as written.
"""

from __future__ import annotations

import re

# Zero-width characters, and the C0/C1 control characters real pages leak into titles
# (\x01 in a title made `graph --format graphml` invalid XML).  Tab, newline, CR, FF and VT
# are layout spaces, below.
_CONTROLS = "".join(
    chr(c) for c in (*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x20), 0x7F, *range(0x80, 0xA0))
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad" + _CONTROLS), None)
# Layout spaces: NBSP, ideographic space, tabs, the U+2000 block of typographic spaces.
_LAYOUT_SPACE = re.compile(r"[\u00a0\u3000\t\u2000-\u200a\u202f\u205f\r\f\v]")
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Padding between two CJK characters: two or more spaces, i.e. never one the author typed.
_CJK_PADDING = re.compile(rf"(?<=[{_CJK}]) {{2,}}(?=[{_CJK}])")
_SPACE_RUN = re.compile(r" {2,}")


# Anything normalize_paragraph would change besides the final strip().  Text that has
# none of it (every paragraph on its second pass: extraction, then the clean pipeline)
# takes the fast path.
_NEEDS_WORK = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\n\u00a0\u3000\t\u2000-\u200a\u202f\u205f\r\f\v"
    r"\x00-\x08\x0e-\x1f\x7f-\x9f]| {2}"
)


def normalize_paragraph(text: str) -> str:
    """One paragraph: invisible characters dropped, layout spaces folded, trimmed."""
    if _NEEDS_WORK.search(text) is None:
        return text.strip()
    text = text.translate(_INVISIBLE)
    if "\n" in text:
        text = text.replace("\n", " ")
    text = _LAYOUT_SPACE.sub("  ", text)
    text = _CJK_PADDING.sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    return text.strip()


def normalize_paragraphs(paragraphs: list[str]) -> list[str]:
    """Normalise each paragraph and drop the ones left empty."""
    out = []
    for para in paragraphs:
        norm = normalize_paragraph(para)
        if norm:
            out.append(norm)
    return out


def normalize_inline(text: str | None) -> str | None:
    """Titles, names and other one-line fields; None stays None, blank becomes None."""
    if text is None:
        return None
    norm = normalize_paragraph(text)
    return norm or None
