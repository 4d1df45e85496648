"""A site's pages read through the layouts learned from its earlier pages (``learned``).

One reader per crawl (or per ``reextract``) and site: it votes the containers of
pages read by meaning, tries the agreed ones as a fast path, and reads a page by
meaning as well whenever the learner wants a check; a disagreement drops the
layout and keeps the page read by meaning.
"""

from __future__ import annotations

from datetime import date, datetime

from autonews.extract.learned import LayoutLearner
from autonews.extract.page import PageFields, read_page
from autonews.sites.base import SiteProfile

# What a learned layout must read exactly as the reader by meaning does.
COMPARED = ("title", "published_at", "source", "author", "editor", "paragraphs", "related", "latest",
            "next_page", "channel")  # fmt: skip


class LearningReader:
    def __init__(self, site: type[SiteProfile]) -> None:
        self.site = site
        self.learner = LayoutLearner()
        self.checks = 0
        self.rejections = 0

    def read(
        self, body: bytes, url: str, *, now: datetime, content_type: str | None, hint: date | None = None
    ) -> PageFields:
        fields = read_page(
            body, url, now=now, content_type=content_type, site=self.site, hint=hint,
            learned=self.learner.layouts(),
        )  # fmt: skip
        if fields.extractor == "learned" and fields.signature:
            if self.learner.needs_check(fields.signature):
                slow = read_page(body, url, now=now, content_type=content_type, site=self.site, hint=hint)
                same = all(getattr(fields, f) == getattr(slow, f) for f in COMPARED)
                self.checks += 1
                self.learner.confirm(fields.signature, same)
                if not same:
                    self.rejections += 1
                    return slow
        elif fields.extractor == "generic":
            self.learner.vote(fields.signature)
        return fields
