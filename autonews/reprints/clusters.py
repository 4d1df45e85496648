"""From verified pairs to clusters: connected components, each with its origin.

Pure functions over plain data, so the same pairs always give the same clusters,
whatever order the articles arrived in.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from autonews.dates.limits import SITE_TZ
from autonews.sites.base import REGISTRY


@dataclass(frozen=True)
class Member:
    id: int
    site: str
    published_at: str | None
    source: str | None


@dataclass(frozen=True)
class Cluster:
    origin: int
    members: tuple[int, ...]  # sorted ids, the origin among them
    copied_from: dict[int, int]  # member -> the member it copied (not for the origin)


def components(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (sorted ids) of the graph the pairs make, by smallest id."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in parent:
        groups[find(x)].append(x)
    return sorted(sorted(g) for g in groups.values())


def published_key(published_at: str | None, article_id: int) -> tuple[float, int]:
    """Sort key for "earliest published": UTC seconds (a bare date counts as its first
    minute, site time), unknown times last, then the id (first stored)."""
    if not published_at:
        return math.inf, article_id
    try:
        when = datetime.fromisoformat(published_at)
    except ValueError:
        return math.inf, article_id
    if when.tzinfo is None:
        when = when.replace(tzinfo=SITE_TZ)
    return when.timestamp(), article_id


def site_names(site: str) -> tuple[str, ...]:
    """What a 来源 line calls a site: its profile name, the words of its label, its hosts."""
    names = {site}
    profile = REGISTRY.get(site)
    if profile is not None:
        names |= {w for w in re.split(r"[\s()（）]+", getattr(profile, "label", "")) if len(w) >= 2}
        names |= {h.removeprefix("www.") for h in getattr(profile, "hosts", ())}
    return tuple(sorted(n.lower() for n in names))


def build(component: list[int], info: dict[int, Member]) -> Cluster:
    """The cluster of one component: the earliest published member is the origin; a member
    whose 来源/来自 names another member's site copied that member (its earliest), else the origin."""
    members = [info[i] for i in component]
    origin = min(members, key=lambda m: published_key(m.published_at, m.id))
    earliest_by_site: dict[str, Member] = {}
    for m in sorted(members, key=lambda m: published_key(m.published_at, m.id)):
        earliest_by_site.setdefault(m.site, m)
    copied: dict[int, int] = {}
    for m in members:
        if m.id == origin.id:
            continue
        source = (m.source or "").lower()
        credited = [
            earliest_by_site[site]
            for site in sorted(earliest_by_site)
            if site != m.site and source and any(name in source for name in site_names(site))
        ]
        credited = [c for c in credited if c.id != m.id]
        best = min(credited, key=lambda c: published_key(c.published_at, c.id)) if credited else origin
        copied[m.id] = best.id
    return Cluster(origin.id, tuple(component), copied)
