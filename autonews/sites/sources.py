"""Where a site's articles come from, as data (after Fundus's publisher sources).

A profile lists its sources; the spider walks whichever of them the site has.  A
source that turns out not to exist (no sitemap, no feed) is counted, not an error:
only a run that reaches nothing it was asked for fails.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HomePage:
    """The home page: its channel listings (walked page by page) and the articles it links."""

    path: str = "/"


@dataclass(frozen=True, slots=True)
class Sitemaps:
    """Sitemaps named by robots.txt's ``Sitemap:`` lines and at ``paths``; indexes and gzip too."""

    paths: tuple[str, ...] = ("/sitemap.xml",)
    from_robots: bool = True


@dataclass(frozen=True, slots=True)
class Feeds:
    """RSS/Atom feeds announced by ``<link rel="alternate">`` on the home page, and at ``paths``."""

    paths: tuple[str, ...] = ()
    announced: bool = True


Source = HomePage | Sitemaps | Feeds
