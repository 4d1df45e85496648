"""Generic article extraction for pages whose site selectors missed.

Parse once, then: title (before anything else reads the tree), body by text density
(``generic_body``), publish date from the strongest evidence (``generic_published``),
byline fields from the lines around the body (``meta``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from autonews.extract.dom import Element, parse_or_none
from autonews.extract.generic.body import Body
from autonews.extract.generic.boilerplate import SKIP_TAGS
from autonews.extract.generic.candidates import extract_body, read_anchors
from autonews.extract.generic.published import decide_published, read_head_dates
from autonews.extract.head import extract_byline, extract_title
from autonews.extract.learned import container_of
from autonews.text.clean import FurnitureRules


@dataclass(slots=True)
class GenericResult:
    title: str | None = None
    published_at: str | None = None
    author: str | None = None
    source: str | None = None
    editor: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs, in order, normalised
    container: Element | None = None  # the element holding the body's blocks
    head_lines: list[str] = field(default_factory=list)  # lines between the title and the body


def extract_generic(
    root: Element,
    url: str | None,
    *,
    now: datetime,
    rules: FurnitureRules | None = None,
    link_blocks: Sequence[Element] = (),
) -> GenericResult:
    """``rules``: a known site's furniture (see ``generic_body.body_blocks``).
    ``link_blocks``: the 相关阅读/最新内容 blocks found by their headings, never the body."""
    _open_noframes(root)
    title = extract_title(root)
    head_dates = read_head_dates(root, url, now=now)
    anchors = read_anchors(root)
    # Everything that reads <head>, scripts or comments is done: drop them in C so the
    # Python walk over the body never visits them.
    etree.strip_elements(root, *SKIP_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    body = extract_body(root, title, rules, anchors, link_blocks)
    title = title or _title_above_body(body)
    zone = body.byline_zone(title)
    published = decide_published(head_dates, root, zone, now=now, paragraphs=body.paragraphs)
    # Bylines also close an article (（记者 张三）, 责任编辑：李四): add the body's last lines.
    tail = body.blocks[max(body.start, body.end - 3) : body.end]
    byline = extract_byline([b.text for b in zone + tail], root)
    head = [b.text for b in body.blocks[max(0, body.start - 12) : body.start]]
    if title:
        # From the title's own line on: what stands above the title is navigation.
        at = next((i for i in range(len(head) - 1, -1, -1) if title in head[i]), None)
        head = head[at + 1 :] if at is not None else head
    return GenericResult(
        head_lines=head,
        title=title,
        published_at=published,
        author=byline.author,
        source=byline.source,
        editor=byline.editor,
        paragraphs=body.paragraphs,
        container=container_of(body.blocks[body.start].el, body.blocks[body.end - 1].el)
        if body.start < body.end
        else None,
    )


def _open_noframes(root: Element) -> None:
    """libxml2 keeps a frameset page's <noframes> as raw text, so an old portal's text
    for frameless readers came out as markup: parse it and put its elements in place."""
    for el in root.iter("noframes"):
        if not el.text or "<" not in el.text:
            continue
        inner = parse_or_none(el.text)
        body = inner.find("body") if inner is not None else None
        if body is not None:
            el.text = body.text
            el.extend(list(body))


_NOT_TITLE = re.compile(r"(?:19|20)\d\d[-/.年]|来源|作者|记者|编辑|发布|点击|[:：]\s*$")


def _title_above_body(body: Body) -> str | None:
    """No <title>/og:title/<h1>: the headline is the short line just above the first paragraph."""
    for b in reversed(body.blocks[max(0, body.start - 4) : body.start]):
        if 4 <= b.chars <= 60 and b.link_chars == 0 and not _NOT_TITLE.search(b.text):
            return b.text
    return None


def extract_generic_html(html: str, url: str | None, *, now: datetime) -> GenericResult:
    if not html.strip():
        return GenericResult()
    root = parse_or_none(html)
    return GenericResult() if root is None else extract_generic(root, url, now=now)
