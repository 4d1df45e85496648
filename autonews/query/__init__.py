"""Querying the news database: search, stats, one article, the link graph, SQL views.

Every ``autonews`` query command is a thin shell over a function here.
"""

from __future__ import annotations

from autonews.query.articles import get_article, top_linked
from autonews.query.db import QueryError, open_existing
from autonews.query.graph import build_graph
from autonews.query.search import Hit, search
from autonews.query.stats import Stats, stats
from autonews.store.ddl import install_extras, rebuild_search_index

__all__ = [
    "Hit",
    "QueryError",
    "Stats",
    "build_graph",
    "get_article",
    "install_extras",
    "open_existing",
    "rebuild_search_index",
    "search",
    "stats",
    "top_linked",
]
