"""Small DOM helpers shared by the readers: parsing once, text of blocks."""

from __future__ import annotations

import re

from lxml import etree

# Plain lxml elements, not lxml.html's HtmlElement: lxml.html picks each element's Python
# class through a Python-level lookup, ~1 µs for every element the readers touch (8 % of
# the generic reader's time).  The tree itself is the same libxml2 parse.
Element = etree._Element
# huge_tree: libxml2 otherwise drops everything nested deeper than 256 elements, and an
# old portal that opens a <font> per paragraph and never closes it gets there after
# about 120 paragraphs: the rest of the article was silently lost.
# collect_ids=False: no reader looks elements up by id, and libxml2's id table cost ~15 %
# of an article page's parse.
_PARSER = etree.HTMLParser(huge_tree=True, collect_ids=False)
# The same parse of bytes already known to be valid UTF-8: libxml2 reads them as they are,
# where a str is first re-encoded for it (a quarter of the parse on Chinese pages).
_UTF8_PARSER = etree.HTMLParser(huge_tree=True, collect_ids=False, encoding="utf-8")
# Presentational tags that such pages leave open: removed before a second parse when
# even huge_tree's depth (2048) was exceeded.
_PRESENTATIONAL = re.compile(r"</?(?:font|span|b|i|u|strong|em|center|small|big)\b[^>]*>", re.I)
_text_content = etree.XPath("string()", smart_strings=False)

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "td",
        "th",
        "tr",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "table",
        "tbody",
        "pre",
        "br",
        "hr",
        "header",
        "footer",
        "center",
        "figure",
        "figcaption",
        "form",
    ]
)
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "iframe", "template", "svg", "canvas", "select", "button", "textarea"]
)


def parse_html(text: str) -> Element:
    """Parse a decoded page; never raises on junk (an empty document instead)."""
    if "<?xml" in text[:100]:
        # lxml refuses str input that carries an XML encoding declaration.
        text = text.split("?>", 1)[-1]
    root = parse_or_none(text)
    return root if root is not None else etree.fromstring("<html></html>", _PARSER)


def parse_utf8(body: bytes, text: str) -> Element:
    """``parse_html(text)`` for ``text``, the strict UTF-8 decoding of ``body``, from the bytes."""
    if b"<?xml" in body[:100]:
        return parse_html(text)
    try:
        root = etree.fromstring(body, _UTF8_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return parse_html(text)
    if root is None or _too_deep(_UTF8_PARSER.error_log):
        return parse_html(text)
    return root


def parse_or_none(text: str) -> Element | None:
    """The root of ``text`` parsed as HTML, or None for a document with no elements."""
    try:
        root = etree.fromstring(text or "<html></html>", _PARSER)
        if _too_deep(_PARSER.error_log):
            root = etree.fromstring(_PRESENTATIONAL.sub("", text), _PARSER)
        return root
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _too_deep(log: etree._ListErrorLog) -> bool:
    return any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in log)


def text_content(el: Element) -> str:
    """All text inside ``el`` (what lxml.html's ``text_content()`` returns)."""
    return _text_content(el)


def block_paragraphs(el: Element) -> list[str]:
    """Text of ``el`` split into paragraphs at block elements and ``<br>``."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = "".join(buf).strip()
        if text:
            out.append(text)
        buf.clear()

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is not None and tag not in SKIP_TAGS:
            block = tag in BLOCK_TAGS
            if block:
                flush()
            if node.text:
                buf.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    buf.append(child.tail)
            if block:
                flush()

    walk(el)
    flush()
    return out


def text_of(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return " ".join("".join(el.itertext()).split())
