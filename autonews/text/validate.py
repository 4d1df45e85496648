"""Turn an extracted item into a storable one, or say why it cannot be stored."""

from __future__ import annotations

from autonews.items import ArticleItem
from autonews.text.normalize import normalize_inline, normalize_paragraphs


class Rejected(ValueError):
    """The item cannot be stored; ``reason`` is a short stats key such as ``no_body``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def finish_item(item: ArticleItem, *, drop_mojibake: bool = True) -> ArticleItem:
    """Normalise text fields, build ``body``; raise ``Rejected`` for unusable items."""
    paragraphs = normalize_paragraphs(item.paragraphs)
    item.paragraphs = paragraphs
    item.body = "\n".join(paragraphs)
    item.title = normalize_inline(item.title)
    item.source = normalize_inline(item.source)
    item.author = normalize_inline(item.author)
    item.editor = normalize_inline(item.editor)
    if item.author and item.author == item.source:
        # A 来源 is never an author: a page that prints only one label gave us the same text twice.
        item.author = None
    for link in (*item.related, *item.latest):
        link.title = normalize_inline(link.title) or ""
    if drop_mojibake and item.mojibake:
        raise Rejected("mojibake", f"{item.url} still looks mis-decoded")
    if not item.body:
        raise Rejected("no_body", f"{item.url} has no body text")
    if not item.title:
        raise Rejected("no_title", f"{item.url} has no title")
    return item
