"""Small DOM helpers shared by the readers: parsing once, text of blocks."""

from __future__ import annotations

import lxml.html
from lxml import etree

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


def parse_html(text: str) -> lxml.html.HtmlElement:
    """Parse a decoded page; never raises on junk (an empty document instead)."""
    if "<?xml" in text[:100]:
        # lxml refuses str input that carries an XML encoding declaration.
        text = text.split("?>", 1)[-1]
    try:
        return lxml.html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html></html>")


def block_paragraphs(el: lxml.html.HtmlElement) -> list[str]:
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
