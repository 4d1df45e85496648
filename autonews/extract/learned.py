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
_COUNT = etree.XPath("count(//*[@class=$cls])")


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
    """An XPath naming ``container`` alone on its page, or None when its class does not."""
    if container is None or not isinstance(container.tag, str):
        return None
    cls = (container.get("class") or "").strip()
    if not cls or "'" in cls or _COUNT(root, cls=cls) != 1:
        return None
    return f"//{container.tag}[@class='{cls}']"


class LayoutLearner:
    """One crawl's learned layouts for one site."""

    def __init__(self) -> None:
        self.votes: Counter[str] = Counter()
        self.rejected: set[str] = set()
        self.trusted: dict[str, int] = {}  # xpath -> pages read since the last check
        self.trial: dict[str, int] = {}  # xpath -> pages confirmed so far

    def vote(self, xpath: str | None) -> None:
        if xpath is None or xpath in self.rejected or xpath in self.trusted or xpath in self.trial:
            return
        self.votes[xpath] += 1
        if self.votes[xpath] >= VOTES:
            self.trial[xpath] = 0

    def layouts(self) -> tuple[Layout, ...]:
        return tuple(Layout(f"learned:{x}", x, x) for x in (*self.trusted, *self.trial))

    def needs_check(self, xpath: str) -> bool:
        if xpath in self.trial:
            return True
        self.trusted[xpath] = seen = self.trusted.get(xpath, 0) + 1
        return seen % CHECK_EVERY == 0

    def confirm(self, xpath: str, same: bool) -> None:
        if not same:
            self.trusted.pop(xpath, None)
            self.trial.pop(xpath, None)
            self.rejected.add(xpath)
            return
        if xpath in self.trial:
            self.trial[xpath] += 1
            if self.trial[xpath] >= CONFIRM:
                del self.trial[xpath]
                self.trusted[xpath] = 0
