"""A confidence for the chosen body, and the alternatives compared when it is low.

The densest container is right on most pages, but it can lose to a widget when the
article's markup defeats it (one giant cell, a chrome-named wrapper, keyword links).
Such a body holds little of the page's sentence-like text, so that share is the
confidence.  When it is low, other readings of the page compete: the page's own
``<article>``/``itemprop=articleBody``, the block the page's description or JSON-LD
``articleBody`` opens with, and the container with the most sentence-like paragraphs.
The one most consistent with the title and description, per sentence it holds, wins.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from autonews.extract.dom import Element
from autonews.extract.generic.body import (
    Block,
    Body,
    body_blocks,
    collect_blocks,
    container_scores,
    holds,
    inside,
    is_prose,
    make_body,
    neutralise_link_blocks,
    neutralise_rules,
    teaser_listing,
)
from autonews.text.clean import FurnitureRules

# A page holding this many sentence-like paragraphs never comes back empty.
NEVER_EMPTY_SENTENCES = 3
# Below this share of the page's sentence-like text the body is doubted.
CONFIDENT_SHARE = 0.5
# A body this long in sentences is trusted whatever else the page holds (a long article
# with long comments under it).
CONFIDENT_CHARS = 1500
_SENTENCE_END = re.compile(r"[。！？!?…]|[.;:](?:\s|$)")
# Words that say what a text is about: CJK characters, Latin words of four letters or more
# (the, and, with … would make any two English texts agree).
_TOKEN = re.compile(r"[\u3400-\u9fff]|[^\W\d_]{4,}")
_STRUCTURAL = etree.XPath("//article | //*[@itemprop='articleBody']")
# How far above an anchor paragraph its container is looked for.
ANCHOR_LEVELS = 6
_META_DESC = ("og:description", "description", "twitter:description")


@dataclass(slots=True)
class Anchors:
    """What the page says about its own article, read before <head> and scripts go."""

    description: str | None = None
    article_body: str | None = None


def read_anchors(root: Element) -> Anchors:
    anchors = Anchors()
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in _META_DESC and not anchors.description:
            anchors.description = (el.get("content") or "").strip() or None
    for el in root.iter("script"):
        text = el.text or ""
        if "articleBody" in text and "ld+json" in (el.get("type") or ""):
            anchors.article_body = _ld_article_body(text)
            if anchors.article_body:
                break
    return anchors


def _ld_article_body(text: str) -> str | None:
    try:
        stack = [json.loads(text)]
    except ValueError:
        return None
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            body = item.get("articleBody")
            if isinstance(body, str) and body.strip():
                return body.strip()
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def is_sentence(b: Block) -> bool:
    return is_prose(b) and _SENTENCE_END.search(b.text) is not None


def sentence_chars(blocks: list[Block]) -> int:
    return sum(b.chars for b in blocks if is_sentence(b))


def _tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def consistency(kept: list[Block], title: str | None, anchors: Anchors) -> float:
    """Share of the title's and description's words that the body's opening holds."""
    want = _tokens(" ".join(t for t in (title, anchors.description) if t))
    if not want:
        return 0.0
    have = _tokens(" ".join(b.text for b in kept[:8]))
    return sum((want & have).values()) / sum(want.values())


def anchor_elements(blocks: list[Block], title: str | None, anchors: Anchors) -> list[Element]:
    """The blocks the page's description / articleBody open with, and the first sentence
    below the title: their containers are where the article is."""
    found: list[Element] = []
    for text in (anchors.article_body, anchors.description):
        if not text:
            continue
        probe = " ".join(text.split())[:24]
        if len(probe) < 12:
            continue
        hit = next((b for b in blocks if probe in b.text), None)
        if hit is not None:
            found.append(hit.el)
    if title:
        at = next((i for i, b in enumerate(blocks) if b.heading and title in b.text), None)
        if at is not None:
            hit = next((b for b in blocks[at + 1 : at + 15] if is_sentence(b)), None)
            if hit is not None:
                found.append(hit.el)
    return found


def structural_elements(root: Element) -> list[Element]:
    """The page's own statement of where its article is."""
    return _STRUCTURAL(root)


def densest_sentences(blocks: list[Block]) -> Element | None:
    """The container with the most sentence-like text net of chrome: what the article is
    when link ratios or the lexicon misled the first reading."""
    scores: dict[Element, float] = {}
    for b in blocks:
        v = float(b.chars) if is_sentence(b) else (-0.4 * b.chars if b.value < 0 else 0.0)
        el: Element | None = b.el
        while el is not None:
            scores[el] = scores.get(el, 0.0) + v
            el = el.getparent()
    return max(scores, key=scores.__getitem__) if scores else None


def merit(kept: list[Block], title: str | None, anchors: Anchors) -> float:
    """Agreement with the title/description first, then sentences held (their square
    root, so that a longer box of other text does not outweigh the article), less chrome."""
    own = sentence_chars(kept)
    other = sum(b.chars for b in kept) - own
    return own**0.5 * (0.2 + consistency(kept, title, anchors)) - 0.1 * other**0.5


def extract_body(
    root: Element,
    title: str | None = None,
    rules: FurnitureRules | None = None,
    anchors: Anchors | None = None,
    link_blocks: Sequence[Element] = (),
) -> Body:
    """The densest container's body, checked: when it holds too little of the page's
    sentences, the alternatives compete (see the module docstring).  ``link_blocks``: the
    blocks found by their headings, never the body."""
    blocks = collect_blocks(root)
    if not _has_sentences(blocks, NEVER_EMPTY_SENTENCES):
        # Too few sentences seen: perhaps the text sits under a chrome-like name.
        tolerant = collect_blocks(root, chrome_names=False)
        if sentence_chars(tolerant) > 2 * sentence_chars(blocks):
            blocks = tolerant
    neutralise_link_blocks(blocks, link_blocks)
    neutralise_rules(blocks, rules)
    scores = container_scores(blocks)
    if not scores:
        return make_body(blocks, [])
    kept = body_blocks(blocks, narrow(max(scores, key=scores.__getitem__), blocks), title, rules)
    anchors = anchors or Anchors()
    if _doubted(blocks, kept, anchors):
        kept = _compare(root, blocks, scores, kept, title, rules, anchors)
    return make_body(blocks, kept)


def _has_sentences(blocks: list[Block], n: int) -> bool:
    for b in blocks:
        if is_sentence(b):
            n -= 1
            if not n:
                return True
    return False


def _doubted(blocks: list[Block], kept: list[Block], anchors: Anchors) -> bool:
    """Low confidence: the body holds too little of the page's sentences, or the page's
    own description opens a block the body left out.  The page-wide sums are only
    taken when the body is short, as they cost a pass over every block."""
    own = sentence_chars(kept)
    if own < CONFIDENT_CHARS:
        page = sentence_chars(blocks)
        if page and own < CONFIDENT_SHARE * page:
            return True
    if not kept or not (anchors.description or anchors.article_body):
        return False
    anchored = anchor_elements(blocks, None, anchors)
    return any(not any(inside(el, b.el) or inside(b.el, el) for b in kept) for el in anchored)


# A child holding this share of its container's prose is the body's container instead.
NARROW_SHARE = 0.9


def narrow(container: Element, blocks: list[Block]) -> Element:
    """Descend into the child that holds nearly all the container's prose: a one-line
    widget in a sibling row (a stock quote above an old portal's article cell) is not
    part of the article just because the two share a table."""
    members = [b for b in blocks if b.value > 0 and holds(container, b)]
    while True:
        total = sum(b.value for b in members)
        by_child: dict[Element, float] = {}
        for b in members:
            node = b.el
            while node is not None and node.getparent() is not container:
                node = node.getparent()
            if node is not None:
                by_child[node] = by_child.get(node, 0.0) + b.value
        if not by_child:
            return container
        child = max(by_child, key=by_child.__getitem__)
        if total <= 0 or by_child[child] < NARROW_SHARE * total:
            return container
        container = child
        members = [b for b in members if holds(child, b)]


def _compare(
    root: Element,
    blocks: list[Block],
    scores: dict[Element, float],
    first: list[Block],
    title: str | None,
    rules: FurnitureRules | None,
    anchors: Anchors,
) -> list[Block]:
    containers = structural_elements(root)
    # An anchor's container is one of its ancestors (the paragraph alone is too small):
    # each competes, up to the first that the densest reading already scored highest.
    best_el = max(scores, key=scores.__getitem__)
    for el in anchor_elements(blocks, title, anchors):
        node: Element | None = el.getparent()
        for _ in range(ANCHOR_LEVELS):
            if node is None or node is best_el:
                break
            if scores.get(node, 0.0) > 0:
                containers.append(node)
            node = node.getparent()
    dense = densest_sentences(blocks)
    if dense is not None:
        containers.append(dense)
    best, best_merit = first, merit(first, title, anchors)
    for el in dict.fromkeys(containers):  # de-duplicated, in order
        kept = body_blocks(blocks, el, title, rules)
        m = merit(kept, title, anchors)
        if m > best_merit:
            best, best_merit = kept, m
    if sentence_chars(best) == 0 and dense is not None:
        sentences = [b for b in blocks if is_sentence(b)]
        if len(sentences) >= NEVER_EMPTY_SENTENCES and not teaser_listing(sentences):
            # Whatever the filters said, the page's sentences are its text.
            best = [b for b in sentences if holds(dense, b)] or sentences
    return best
