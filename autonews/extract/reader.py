"""A site's pages read through what was learned from its earlier pages.

One reader per crawl (or per ``reextract``) and site.  Layouts (``learned``): it votes
the containers of pages read by meaning, tries the agreed ones as a fast path, and
reads a page by meaning as well whenever the learner wants a check; a disagreement
drops the layout and keeps the page read by meaning.  Furniture (``furniture``), for a
site with no profile: the lines that repeat across its pages are dropped from bodies.
"""

from __future__ import annotations

from datetime import date, datetime

from autonews.extract.furniture import FurnitureLearner
from autonews.extract.generic.body import collect_blocks
from autonews.extract.learned import LayoutLearner
from autonews.extract.page import PageFields, parse_page, read_decoded
from autonews.sites.base import SiteProfile
from autonews.text.clean import FurnitureRules

# What a learned layout must read exactly as the reader by meaning does.
COMPARED = ("title", "published_at", "source", "author", "editor", "paragraphs", "related", "latest", "other",
            "next_page", "channel")  # fmt: skip


class LearningReader:
    def __init__(self, site: type[SiteProfile], furniture: FurnitureLearner | None = None) -> None:
        self.site = site
        self.learner = LayoutLearner()
        self.furniture = furniture
        self.base_rules: FurnitureRules = site.rules()
        self.checks = 0
        self.rejections = 0

    def rules(self) -> FurnitureRules:
        return self.base_rules if self.furniture is None else self.furniture.rules(self.base_rules)

    def read(
        self, body: bytes, url: str, *, now: datetime, content_type: str | None, hint: date | None = None
    ) -> PageFields:
        decoded, root = parse_page(body, content_type)
        if self.furniture is not None and self.furniture.wants():
            self.furniture.observe(b.text for b in collect_blocks(root))
        rules = self.rules()
        fields = read_decoded(
            decoded,
            root,
            url,
            now=now,
            site=self.site,
            hint=hint,
            learned=self.learner.layouts(),
            rules=rules,
        )
        if fields.extractor == "learned" and fields.signature:
            if self.learner.needs_check(fields.signature):
                # A fresh tree: the reader by meaning strips scripts and comments in place.
                decoded, root = parse_page(body, content_type)
                slow = read_decoded(decoded, root, url, now=now, site=self.site, hint=hint, rules=rules)
                same = all(getattr(fields, f) == getattr(slow, f) for f in COMPARED)
                self.checks += 1
                self.learner.confirm(fields.signature, same)
                if not same:
                    self.rejections += 1
                    return slow
        elif fields.extractor == "generic":
            self.learner.vote(fields.signature)
        return fields
