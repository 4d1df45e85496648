"""A site's furniture learned from its own pages: lines that repeat across many articles.

A copyright or 转载 notice, a share bar, a QR-code caption or a disclaimer stands on
most of a site's article pages, word for word; a sentence of an article stands on one
(a reprint on a few).  So a text block that appears on a good share of the article
pages read so far is furniture for that site, whatever it says.  A sentence that only
mentions the site's name is not: it does not repeat (see ``../shared/SITE.md``).

Learned lines become whole-line drop rules, so they can never make a block the body's
container and never stay in a body.  The learner keeps counting after its warm-up: a
site that adds a notice later has it learned later.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from autonews.text.clean import FurnitureRules

WARMUP_PAGES = 24  # article pages read before what was learned is trusted
SHARE = 0.3  # a line on this share of the pages read is furniture
MIN_PAGES = 5  # and on at least this many
SAMPLE_EVERY = 8  # after the warm-up, one page in so many is counted
MIN_CHARS, MAX_CHARS = 6, 300
SETTLE_EVERY = 16  # counted pages between recomputations of the learned lines
MAX_COUNTED = 50_000  # distinct lines held before the one-off ones are dropped  # shorter lines are labels the common rules know; longer are prose


class FurnitureLearner:
    def __init__(self, known: Iterable[str] = (), pages: int = 0, *, frozen: bool = False) -> None:
        """``known``, ``pages``: what an earlier crawl of the site learned, and from how many pages.
        ``frozen``: apply ``known`` and learn nothing more (re-extraction)."""
        self.frozen = frozen
        self.pages = pages
        self._start_pages = pages
        self.counts: Counter[str] = Counter()
        self.known = frozenset(known)
        self.lines: frozenset[str] = self.known
        self.version = 0  # bumped whenever ``lines`` changes
        self._seen = 0
        self._rules: tuple[int, FurnitureRules] | None = None

    @property
    def warm(self) -> bool:
        return self.pages >= WARMUP_PAGES

    def wants(self) -> bool:
        """Should the next article page be counted?  Every one until warm, then a sample."""
        if self.frozen:
            return False
        self._seen += 1
        return not self.warm or self._seen % SAMPLE_EVERY == 0

    def observe(self, texts: Iterable[str]) -> bool:
        """Count one article page's text blocks; True when the learned lines changed."""
        self.pages += 1
        self.counts.update({t for t in texts if MIN_CHARS <= len(t) <= MAX_CHARS})
        if len(self.counts) > MAX_COUNTED:
            # A long crawl meets ever more one-off lines (the articles' own): they can
            # never reach the share, so they go, and memory stays bounded.
            self.counts = Counter({t: n for t, n in self.counts.items() if n > 1})
        counted = self.pages - self._start_pages
        # Settling walks every counted line: at the warm-up, then every few samples.
        if self.pages == WARMUP_PAGES or (self.warm and counted % SETTLE_EVERY == 0):
            return self.settle(final=False)
        return False

    def settle(self, *, final: bool) -> bool:
        """Recompute the learned lines.  ``final``: the crawl is over, so a small site's
        few pages are all there is to learn from."""
        if not (self.warm or (final and self.pages >= MIN_PAGES)):
            return False
        # The counts cover the pages counted in this crawl only; an earlier crawl's
        # lines stay learned (it saw them on its own share of pages).
        counted = max(self.pages - self._start_pages, 1)
        need = max(MIN_PAGES, SHARE * counted)
        lines = self.known | {t for t, n in self.counts.items() if n >= need}
        if lines == self.lines:
            return False
        self.lines = frozenset(lines)
        self.version += 1
        return True

    def rules(self, base: FurnitureRules) -> FurnitureRules:
        """``base`` (the site's and the common rules) with the learned lines as whole-line drops."""
        if self._rules is None or self._rules[0] != self.version:
            drop = tuple(re.escape(line) for line in sorted(self.lines))
            self._rules = (self.version, base.merged(FurnitureRules(drop=drop)))
        return self._rules[1]
