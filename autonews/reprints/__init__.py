"""Reprints (转载): near-duplicate articles found with MinHash LSH and grouped into clusters.

``catch_up(engine)`` brings the clusters up to date with the stored articles (a crawl
runs it when it closes); ``catch_up(engine, rebuild=True)`` recomputes them from
scratch and gives the same clusters.  The tables are described in README "Reprints".
"""

from __future__ import annotations

from autonews.reprints.assign import SCHEME, THRESHOLD, CatchUp, catch_up

__all__ = ["SCHEME", "THRESHOLD", "CatchUp", "catch_up"]
