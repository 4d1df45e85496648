"""SQLAlchemy models and the batch-upserting store."""

from autonews.store.engine import DEFAULT_DATABASE_URL, make_engine
from autonews.store.models import Article, ArticleVersion, Base, CrawlRun, Link
from autonews.store.store import BatchResult, Store, content_hash

__all__ = [
    "DEFAULT_DATABASE_URL",
    "Article",
    "ArticleVersion",
    "Base",
    "BatchResult",
    "CrawlRun",
    "Link",
    "Store",
    "content_hash",
    "make_engine",
]
