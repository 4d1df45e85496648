"""Site profiles: one module per publisher.  Adding a site = one module + fixtures."""

from __future__ import annotations

from autonews.sites.base import ArticleRef, SiteProfile
from autonews.sites.qiche import Qiche

SITES: dict[str, type[SiteProfile]] = {Qiche.name: Qiche}


def get_site(name: str) -> type[SiteProfile]:
    try:
        return SITES[name]
    except KeyError:
        known = ", ".join(sorted(SITES))
        raise KeyError(f"unknown site {name!r} (known: {known})") from None


def site_for_url(url: str) -> type[SiteProfile] | None:
    """The profile whose hosts include the URL's host, else None (generic)."""
    for site in SITES.values():
        if site.matches_host(url):
            return site
    return None


__all__ = ["SITES", "ArticleRef", "SiteProfile", "get_site", "site_for_url"]
