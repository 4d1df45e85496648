"""Layouts learned from a site's own pages: a fast path that must agree with reading by meaning."""

from __future__ import annotations

from datetime import datetime

from autonews.dates.limits import SITE_TZ
from autonews.extract.learned import CHECK_EVERY, CONFIRM, VOTES, Layout, LayoutLearner
from autonews.extract.page import read_page
from autonews.extract.reader import COMPARED, LearningReader
from autonews.replica import ReplicaSite
from autonews.sites import get_site

QICHE = get_site("qiche")
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=SITE_TZ)
X = Layout("learned:arc", "//div[contains(@class,'arc-body')]", "//div[contains(@class,'arc-body')]")


def test_a_container_is_tried_after_votes_and_trusted_after_confirmations() -> None:
    learner = LayoutLearner()
    for _ in range(VOTES - 1):
        learner.vote(X)
    assert learner.layouts() == ()
    learner.vote(X)
    assert learner.layouts() == (X,)
    for _ in range(CONFIRM):
        assert learner.needs_check(X)
        learner.confirm(X, same=True)
    checks = sum(learner.needs_check(X) for _ in range(CHECK_EVERY))
    assert checks == 1  # trusted: one page in CHECK_EVERY is read both ways


def test_a_layout_that_disagrees_once_is_dropped_for_good() -> None:
    learner = LayoutLearner()
    for _ in range(VOTES):
        learner.vote(X)
    learner.confirm(X, same=False)
    assert learner.layouts() == ()
    for _ in range(VOTES):
        learner.vote(X)
    assert learner.layouts() == ()


def test_pages_read_through_a_learned_layout_equal_pages_read_by_meaning() -> None:
    site = ReplicaSite(family="live")
    reader = LearningReader(QICHE)
    base = "http://127.0.0.1:8808"
    kinds = []
    for path in site.article_urls():
        response = site.get(path)
        ctype = response.headers.get("Content-Type")
        fast = reader.read(response.body, base + path, now=NOW, content_type=ctype)
        slow = read_page(response.body, base + path, now=NOW, content_type=ctype, site=QICHE)
        assert [getattr(fast, f) for f in COMPARED] == [getattr(slow, f) for f in COMPARED], path
        kinds.append(fast.extractor)
    assert kinds[:VOTES] == ["generic"] * VOTES
    assert kinds.count("learned") >= len(kinds) - VOTES - 2  # the two 2016 pages stay generic
    assert reader.rejections == 0 and reader.checks >= CONFIRM
