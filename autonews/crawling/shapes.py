"""What links are, by meaning, and the URL shapes a crawl learns from the pages it read.

A URL's shape is its path with every run of digits replaced by ``#``
(``/guoneicheshi/#.htm``).  Once pages of one shape have read as articles a few
times, and never as anything else, a link of that shape is taken for an article
whatever its text says; and the other way round.  A profile's own URL rules come
first; this is for the sites and shapes no rule names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from urllib.parse import urlsplit

_DIGITS = re.compile(r"\d+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
CONFIRM = 3  # pages of a shape, all of one kind, before the shape decides alone
HEADLINE_CJK = 8  # a Chinese headline is longer than any menu entry
HEADLINE_WORDS = 5
CHANNEL_MAX_CHARS = 8
CHANNEL_MAX_DEPTH = 3
_SLUG = re.compile(r"[A-Za-z][A-Za-z0-9_-]{1,30}")
# A first folder that is a word, not a year or an id (/xinche/…, not /2024/…).
_WORD_FOLDER = re.compile(r"[a-z][a-z_-]{1,30}")
# A folder's own page: /xinche/index.html, /news/default.htm, /xinche/list_1.html.
_FOLDER_PAGE = re.compile(r"(?:index|default|list)(?:[_-]\d+)?\.\w+")


def shape_of(url: str) -> str:
    parts = urlsplit(url)
    return _DIGITS.sub("#", parts.path) + ("?" if parts.query else "")


class UrlShapes:
    def __init__(self) -> None:
        self.articles: Counter[str] = Counter()
        self.others: Counter[str] = Counter()

    def record(self, url: str, is_article: bool) -> None:
        (self.articles if is_article else self.others)[shape_of(url)] += 1

    def says(self, url: str) -> bool | None:
        """True/False once the shape is settled, None while it is not."""
        shape = shape_of(url)
        if "#" not in shape:  # a shape without an id names one page, not a kind of page
            return None
        yes, no = self.articles[shape], self.others[shape]
        if yes >= CONFIRM and no == 0:
            return True
        if no >= CONFIRM and yes == 0:
            return False
        return None


def looks_like_headline(text: str) -> bool:
    """Link text that reads as an article title rather than a menu entry or a page number."""
    text = text.strip()
    return len(_CJK.findall(text)) >= HEADLINE_CJK or len(_WORD.findall(text)) >= HEADLINE_WORDS


def folder_slug(path: str) -> str | None:
    """The channel slug a folder's URL path names: its last segment, when that is a word,
    for a folder up to ``CHANNEL_MAX_DEPTH`` deep (``/xinche/``, ``/html/shichang/``,
    ``/news/index.html``); None for a page or a date or id folder."""
    segments = [s for s in path.split("/") if s]
    if segments and not path.endswith("/"):
        if not _FOLDER_PAGE.fullmatch(segments[-1]):
            return None
        segments = segments[:-1]
    if not 1 <= len(segments) <= CHANNEL_MAX_DEPTH or not _SLUG.fullmatch(segments[-1]):
        return None
    return segments[-1]


def looks_like_channel(url: str, text: str) -> str | None:
    """The slug of a link that reads as a channel: a short label pointing at a folder of the
    site (see ``folder_slug``)."""
    parts = urlsplit(url)
    text = text.strip()
    if parts.query or not text or len(text) > CHANNEL_MAX_CHARS or text.isdigit():
        return None
    return folder_slug(parts.path)


def url_channel(
    url: str, channels_seen: Collection[str], non_news: Collection[str], *, first_folder: bool
) -> str | None:
    """The channel an article URL files it under: the deepest folder the home page links as
    a channel (/html/shichang/2024/8801.html); else, with ``first_folder`` (a site with no
    profile), a first folder that is a word, which is how sites file their sections."""
    folders = urlsplit(url).path.strip("/").split("/")[:-1]
    if not folders or folders[0] in non_news:
        return None
    for folder in reversed(folders):
        if folder in channels_seen:
            return folder
    return folders[0] if first_folder and _WORD_FOLDER.fullmatch(folders[0]) else None
