"""Site profiles: one module per publisher, each registering itself on import.

Adding a site = one module here + its fixtures; every module of this package is
imported below, so nothing else has to name it.
"""

from __future__ import annotations

import importlib
import pkgutil

from autonews.sites.base import REGISTRY, ArticleRef, GenericSite, SiteProfile

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in {"base", "sources"}:
        importlib.import_module(f"{__name__}.{_module.name}")

# The publishers (the generic reader is not one).
SITES: dict[str, type[SiteProfile]] = {n: s for n, s in REGISTRY.items() if s is not GenericSite}


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


__all__ = ["SITES", "ArticleRef", "GenericSite", "SiteProfile", "get_site", "site_for_url"]
