"""A profile for a site no module describes, made from its base URL alone.

It knows the site's hosts and that articles may come from the home page, its
listings, sitemaps and announced feeds, and nothing else: no URL shape, no
selector, no furniture.  Every page is read the generic way, and what the crawl
learns of the site (its layouts, its furniture) it learns from the site's pages.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from autonews.sites.base import GenericSite, SiteProfile
from autonews.sites.sources import Feeds, HomePage, Sitemaps


@lru_cache(maxsize=256)  # one class per site, however many of its pages ask
def profile_for(base_url: str) -> type[SiteProfile]:
    """The profile of the site at ``base_url``; its ``name`` (``articles.site``) is the host."""
    host = (urlsplit(base_url).hostname or "").lower()
    bare = host.removeprefix("www.")
    profile = type(
        f"AnySite[{host}]",
        (GenericSite,),
        {
            "label": host,
            "default_base_url": base_url,
            "hosts": tuple(dict.fromkeys((host, bare, f"www.{bare}"))),
            "SOURCES": (HomePage("/"), Sitemaps(("/sitemap.xml",)), Feeds()),
        },
    )
    # Set after the class exists, so a host is never registered as a publisher profile.
    profile.name = host
    return profile
