"""The hand-made core set: parsed from the text files in ``data/`` (format described there).

Text lives in data files rather than Python so that it can carry comments marking which
parts are copied from the seed page and which are invented replica content.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .model import ARTICLE_RE, CHANNELS, TIME_STYLES, Article, Teaser, sort_key

DATA_DIR = Path(__file__).parent / "data"
CORE_FILES = ("core_seed.txt", "core_more.txt")
PAGE_BREAK = "== page =="
RELATED_COUNT = 3
LATEST_COUNT = 5


def _parse_block(path: str, lines: list[str]) -> Article:
    """One ``@@`` block -> Article (related filled in later by ``load_core``)."""
    fields: dict[str, str] = {}
    pages: list[list[str]] = [[]]
    in_body = False
    for line in lines:
        if in_body:
            if line == PAGE_BREAK:
                pages.append([])
            elif line.strip():
                pages[-1].append(line.strip())
        elif line == "--":
            in_body = True
        elif line.strip():
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    match = ARTICLE_RE.match(path)
    if not match or match.group(4):
        raise ValueError(f"bad article path in core data: {path}")
    when = datetime.strptime(fields["time"], "%Y-%m-%d %H:%M")
    if f"{when:%Y%m%d}" != match.group(2):
        raise ValueError(f"URL date does not match time for {path}")
    style = fields.get("style", "iso")
    if style not in TIME_STYLES or match.group(1) not in CHANNELS or not all(pages):
        raise ValueError(f"bad style/channel/pages for {path}")
    missing = ()
    if "missing" in fields:
        m_path, m_title, m_teaser = fields["missing"].split("|")
        missing = (Teaser(m_path, m_title, m_teaser + "..."),)
    return Article(
        id=int(match.group(3)),
        channel=match.group(1),
        when=when,
        style=style,
        title=fields["title"],
        source=fields.get("source") or None,
        author=fields.get("author") or None,
        pages=tuple(tuple(p) for p in pages),
        encoding=fields.get("encoding", "utf-8"),
        layout=fields.get("layout", "v1"),
        related=tuple(fields.get("related", "").split()),
        missing=missing,
    )


def _read_blocks(text: str) -> list[Article]:
    articles: list[Article] = []
    path: str | None = None
    lines: list[str] = []
    for raw in text.splitlines():
        if raw.startswith("#"):
            continue
        if raw.startswith("@@ "):
            if path:
                articles.append(_parse_block(path, lines))
            path, lines = raw[3:].strip(), []
        elif path:
            lines.append(raw)
    if path:
        articles.append(_parse_block(path, lines))
    return articles


def _default_related(article: Article, same_channel: list[Article]) -> tuple[str, ...]:
    """The 3 nearest older articles of the channel (nearest newer ones if too few)."""
    older = [a for a in same_channel if sort_key(a) < sort_key(article)]
    newer = [a for a in reversed(same_channel) if sort_key(a) > sort_key(article)]
    picks = (older + newer)[:RELATED_COUNT]
    return tuple(a.path for a in picks)


def load_core() -> list[Article]:
    """All core articles, newest first, with related links resolved."""
    articles: list[Article] = []
    for name in CORE_FILES:
        articles.extend(_read_blocks((DATA_DIR / name).read_text(encoding="utf-8")))
    articles.sort(key=sort_key, reverse=True)
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate article id in core data")
    by_channel = {ch: [a for a in articles if a.channel == ch] for ch in CHANNELS}
    resolved: list[Article] = []
    for a in articles:
        related = a.related
        if not related:
            wanted = RELATED_COUNT - len(a.missing)
            related = _default_related(a, by_channel[a.channel])[:wanted]
        resolved.append(replace(a, related=related))
    return resolved
