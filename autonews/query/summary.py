"""A short text summary of a database (used by ``autonews demo``)."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import func, select

from autonews.store import Article, CrawlRun, Link, make_engine


def database_summary(database_url: str) -> str:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            articles = conn.scalar(select(func.count()).select_from(Article))
            links = conn.scalar(select(func.count()).select_from(Link))
            resolved = conn.scalar(select(func.count()).select_from(Link).where(Link.to_id.is_not(None)))
            runs = conn.scalar(select(func.count()).select_from(CrawlRun))
            last = conn.execute(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(1)).mappings().first()
    finally:
        engine.dispose()
    lines = [
        f"database: {database_url}",
        f"articles: {articles}",
        f"links:    {links} ({resolved} resolved to stored articles)",
        f"runs:     {runs}",
    ]
    if last is not None:
        run = SimpleNamespace(**last)
        lines.append(
            f"last run #{run.id}: {run.status}, {run.finish_reason}; pages {run.pages}, "
            f"new {run.articles_new}, updated {run.articles_updated}, unchanged {run.articles_unchanged}, "
            f"dropped {run.dropped}, errors {run.errors}, generic fallbacks {run.fallbacks}"
        )
    return "\n".join(lines)
