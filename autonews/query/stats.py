"""What is in the database: totals by channel and day, gaps, and the latest crawl run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine, text


@dataclass
class Stats:
    articles: int
    no_date: int
    no_source: int
    links: int
    unresolved_links: int
    first_day: str | None
    last_day: str | None
    by_site: list[dict[str, Any]] = field(default_factory=list)  # {site, articles}
    by_channel: list[dict[str, Any]] = field(default_factory=list)  # {channel, articles}
    by_day: list[dict[str, Any]] = field(default_factory=list)  # newest first: {day, articles}
    latest_run: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stats(engine: Engine, *, days: int = 14, site: str | None = None) -> Stats:
    """One pass over ``articles`` for the gaps; the rest reads indexes only.

    ``days`` limits ``by_day`` to the newest days (0 = all of them); ``site`` keeps one
    site's articles, their links and its runs (``articles.site``: ``qiche`` or a host).
    """
    where = "WHERE site = :site" if site else ""
    also = "AND site = :site" if site else ""
    p = {"site": site}
    with engine.connect() as conn:

        def rows(sql: str) -> list[dict[str, Any]]:
            return [dict(r) for r in conn.execute(text(sql), p).mappings()]

        # The scalars are selected under their Stats field names, so their rows fill Stats as
        # they come.  source sits before body in the row, so this scan never reads the
        # bodies' overflow pages.
        (counts,) = rows(
            "SELECT COUNT(*) AS articles, "
            "COALESCE(SUM(CASE WHEN published_at IS NULL OR published_at = '' THEN 1 ELSE 0 END), 0) AS no_date, "
            "COALESCE(SUM(CASE WHEN source IS NULL OR source = '' THEN 1 ELSE 0 END), 0) AS no_source "
            f"FROM articles {where}"
        )
        link_from = (
            "links" if not site else "links WHERE from_id IN (SELECT id FROM articles WHERE site = :site)"
        )
        (link_counts,) = rows(
            "SELECT COUNT(*) AS links, COALESCE(SUM(CASE WHEN to_id IS NULL THEN 1 ELSE 0 END), 0) "
            f"AS unresolved_links FROM {link_from}"
        )
        (span,) = rows(
            "SELECT substr(MIN(published_at), 1, 10) AS first_day, substr(MAX(published_at), 1, 10) AS last_day "
            f"FROM articles WHERE published_at <> '' {also}"
        )
        by_site = rows(
            f"SELECT site, COUNT(*) AS articles FROM articles {where} GROUP BY site ORDER BY articles DESC, site"
        )
        by_channel = rows(
            f"SELECT channel, COUNT(*) AS articles FROM articles {where} "
            "GROUP BY channel ORDER BY articles DESC, channel"
        )
        day_sql = (
            "SELECT substr(published_at, 1, 10) AS day, COUNT(*) AS articles FROM articles "
            f"WHERE published_at <> '' {also} GROUP BY substr(published_at, 1, 10) ORDER BY day DESC"
        )
        if days:
            day_sql += f" LIMIT {int(days)}"
        by_day = rows(day_sql)
        run = rows(f"SELECT * FROM crawl_runs {where} ORDER BY id DESC LIMIT 1")
    return Stats(
        **counts,
        **link_counts,
        **span,
        by_site=by_site,
        by_channel=by_channel,
        by_day=by_day,
        latest_run=run[0] if run else None,
    )
