"""Layouts learned from a site's own pages: the generic reader's findings as a fast path.

When pages of a site that no profile layout matches are read by meaning, the body
they yield keeps sitting in the same container (``<div class="arc-body">``).  After
a few pages agree, that container becomes a layout like a profile's, read with the
cheap selector path; the first pages it reads are also read by meaning and must
give the same fields, and every ``CHECK_EVERY``-th page after that is checked
again.  A layout that ever disagrees is dropped for the rest of the crawl.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree

from autonews.extract.dom import Element

VOTES = 3  # generic pages that agree on a container before it is tried
CONFIRM = 3  # pages a new layout must read exactly as the generic reader did
CHECK_EVERY = 50
_COUNT = etree.XPath("count(//*[contains(@class, $cls)])")


@dataclass(frozen=True, slots=True)
class Layout:
    """The attributes ``read_tree`` uses of a profile layout; None: find it by meaning."""

    name: str
    DETECT: str
    BODY: str
    TITLE: str | None = None
    TIME: str | None = None
    SOURCE: str | None = None
    AUTHOR: str | None = None
    RELATED: str | None = None
    LATEST: str | None = None
    NEXT_PAGE: str | None = None


def container_of(first: Element, last: Element) -> Element | None:
    """The smallest element holding both the first and the last body block."""
    ancestors = {id(a) for a in (first, *first.iterancestors())}
    for el in (last, *last.iterancestors()):
        if id(el) in ancestors:
            return el
    return None


def signature(root: Element, container: Element | None) -> str | None:
    """An XPath naming ``container`` alone on its page, or None when its class does not.

    The ``contains(@class, …)`` form is the one the page reader answers from a single
    pass over the page's classed elements."""
    if container is None or not isinstance(container.tag, str):
        return None
    cls = (container.get("class") or "").strip()
    if not cls or "'" in cls or _COUNT(root, cls=cls) != 1:
        return None
    return f"//{container.tag}[contains(@class,'{cls}')]"


def learned_layout(root: Element, body: Element | None, blocks: tuple, fields: object) -> Layout | None:
    """The layout that would select what a page read by meaning found: its body's
    container, and its link blocks' containers (their links, ``//a[@href]`` inside)."""
    body_xpath = signature(root, body)
    if body_xpath is None:
        return None
    related, latest = (signature(root, el) for el in blocks)
    return Layout(
        f"learned:{body_xpath}",
        body_xpath,
        body_xpath,
        RELATED=f"{related}//a[@href]" if related and fields.related else None,
        LATEST=f"{latest}//a[@href]" if latest and fields.latest else None,
    )


class LayoutLearner:
    """One crawl's learned layouts for one site."""

    def __init__(self) -> None:
        self.votes: Counter[Layout] = Counter()
        self.rejected: set[Layout] = set()
        self.trusted: dict[Layout, int] = {}  # layout -> pages read since the last check
        self.trial: dict[Layout, int] = {}  # layout -> pages confirmed so far

    def vote(self, layout: Layout | None) -> None:
        if layout is None or layout in self.rejected or layout in self.trusted or layout in self.trial:
            return
        self.votes[layout] += 1
        if self.votes[layout] >= VOTES:
            self.trial[layout] = 0

    def layouts(self) -> tuple[Layout, ...]:
        return (*self.trusted, *self.trial)

    def needs_check(self, layout: Layout) -> bool:
        if layout in self.trial:
            return True
        self.trusted[layout] = seen = self.trusted.get(layout, 0) + 1
        return seen % CHECK_EVERY == 0

    def confirm(self, layout: Layout, same: bool) -> None:
        if not same:
            self.trusted.pop(layout, None)
            self.trial.pop(layout, None)
            self.rejected.add(layout)
            return
        if layout in self.trial:
            self.trial[layout] += 1
            if self.trial[layout] >= CONFIRM:
                del self.trial[layout]
                self.trusted[layout] = 0
