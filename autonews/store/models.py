"""The database schema: the product's public interface.  Documented in README.md.

Timestamps are ISO-8601 text so they sort and slice the same way in SQLite and
PostgreSQL with plain SQL: ``published_at`` in the site's local time with its
offset (``2024-10-22T10:30:00+08:00``, or ``2024-10-22`` when the page gives no
time); crawl bookkeeping times in UTC (``…+00:00``).
"""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"
    # Covering (id, content_hash): the reprint catch-up finds new and changed articles by
    # scanning it, not the table's rows, whose bodies lie between id and content_hash.
    __table_args__ = (Index("ix_articles_id_content_hash", "id", "content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(255), index=True)  # a profile name or a host
    url: Mapped[str] = mapped_column(String(1024), unique=True)
    # The site's own article id (from the URL): the same article under two URLs shares it.
    article_key: Mapped[str | None] = mapped_column(String(64), index=True)
    canonical_url: Mapped[str | None] = mapped_column(String(1024))
    channel: Mapped[str | None] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(32), index=True)
    source: Mapped[str | None] = mapped_column(String(128))
    author: Mapped[str | None] = mapped_column(String(128))
    editor: Mapped[str | None] = mapped_column(String(128))
    body: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    extractor: Mapped[str] = mapped_column(String(64), default="site")
    page_count: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[str] = mapped_column(String(32))
    last_seen_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))


class Link(Base):
    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint("from_id", "to_url", "kind", name="uq_links_from_to_kind"),
        Index("ix_links_to_url", "to_url"),
        Index("ix_links_to_id_kind", "to_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    to_url: Mapped[str] = mapped_column(String(1024))
    to_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))  # "related" | "latest" | "other"
    title: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str | None] = mapped_column(Text)  # the block's heading, for kind "other"


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spider: Mapped[str] = mapped_column(String(64))
    site: Mapped[str | None] = mapped_column(String(255))
    base_url: Mapped[str | None] = mapped_column(String(1024))
    args: Mapped[str | None] = mapped_column(Text)  # JSON of the spider arguments
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str | None] = mapped_column(String(32))
    finish_reason: Mapped[str | None] = mapped_column(String(64))  # NULL while running / killed
    status: Mapped[str] = mapped_column(String(16), default="running", server_default="running")
    pages: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    requests: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    articles_new: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    articles_updated: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    articles_unchanged: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    dropped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    errors: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    fallbacks: Mapped[int] = mapped_column(
        Integer, default=0, server_default="0"
    )  # pages read by the generic path
    failure: Mapped[str | None] = mapped_column(Text)  # why a failed run failed, one line


class ArticleVersion(Base):
    """A previous state of an article, kept when a re-crawl finds it changed."""

    __tablename__ = "article_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(String(128))
    author: Mapped[str | None] = mapped_column(String(128))
    body: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[str] = mapped_column(String(32))  # when this version was first stored
    replaced_at: Mapped[str] = mapped_column(String(32))  # when a newer version replaced it
    replaced_by_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))


class Site(Base):
    """One site the crawls have stored articles of: a profile's (``qiche``) or a host's.

    ``furniture``: the lines learned to repeat across its pages (JSON list), dropped from
    bodies; ``furniture_version`` counts its changes and ``site_furniture`` keeps each.
    """

    __tablename__ = "sites"

    site: Mapped[str] = mapped_column(String(255), primary_key=True)  # = articles.site
    host: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # 'profile' | 'generic'
    first_crawl_at: Mapped[str | None] = mapped_column(String(32))
    last_crawl_at: Mapped[str | None] = mapped_column(String(32))
    article_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    furniture: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    furniture_pages: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # learned from
    furniture_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SiteFurniture(Base):
    """Every version of a site's learned furniture, newest with the highest ``version``."""

    __tablename__ = "site_furniture"
    __table_args__ = (UniqueConstraint("site", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.site", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    learned_at: Mapped[str] = mapped_column(String(32))
    pages: Mapped[int] = mapped_column(Integer)
    lines: Mapped[str] = mapped_column(Text)  # JSON list


# -- reprints (转载): near-duplicate clusters, kept by autonews.reprints -------------------


class ReprintSignature(Base):
    """An article's LSH keys, so a catch-up sketches only new and changed articles."""

    __tablename__ = "reprint_signatures"
    # Covers the pending scan: the rows themselves hold the blobs, ~3 to a page, and a scan
    # through them read every page (autonews.reprints.tables.pending).
    __table_args__ = (Index("ix_reprint_signatures_current", "article_id", "content_hash", "scheme"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))  # the article's, when it was sketched
    scheme: Mapped[str] = mapped_column(String(32))  # shingling and banding (autonews.reprints.sketch)
    band_keys: Mapped[bytes] = mapped_column(LargeBinary)  # int64 little-endian; empty: too short
    # Its sampled shingle hashes (uint32 little-endian): what it added to the stock counts, so
    # a changed text takes exactly its old share back out.
    stock_sample: Mapped[bytes | None] = mapped_column(LargeBinary)


class _PairEnds:
    """Two articles (low_id < high_id) and their similarity: a pair of either pair table."""

    low_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    high_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    similarity: Mapped[float] = mapped_column(Float)
    # The sampled shingles the two share (uint32, ascending): deciding the pair again when
    # stock counts move needs only these, not both articles' samples.  NULL: not recorded yet.
    shared: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class ReprintPair(_PairEnds, Base):
    """Two articles that are one story: similarity at or above the threshold (low_id < high_id)."""

    __tablename__ = "reprint_pairs"
    __table_args__ = (Index("ix_reprint_pairs_high_id", "high_id"),)


class ReprintStockPair(_PairEnds, Base):
    """Two articles that score as one story but share only stock text (sentences many
    articles of their sites use): kept so a pair flips back when the counts change."""

    __tablename__ = "reprint_stock_pairs"
    __table_args__ = (Index("ix_reprint_stock_pairs_high_id", "high_id"),)


class ReprintStock(Base):
    """How many articles of a site hold each sampled shingle (hashed counters), one row a scheme."""

    __tablename__ = "reprint_stock"

    scheme: Mapped[str] = mapped_column(String(32), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)  # signatures counted in
    counts: Mapped[bytes] = mapped_column(LargeBinary)  # autonews.reprints.stock's format


class ReprintKeyRun(Base):
    """The band keys of the articles one catch-up sketched, sorted: a catch-up searches these
    for its new keys instead of reading every signature.  A key whose owner has been sketched
    again since (or deleted) is stale and ignored; runs are merged when there are many."""

    __tablename__ = "reprint_key_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    keys: Mapped[bytes] = mapped_column(LargeBinary)  # int64 little-endian, ascending
    owners: Mapped[bytes] = mapped_column(LargeBinary)  # int64 little-endian article ids, key by key


class ReprintCluster(Base):
    """One story and its copies; ``id`` is the origin's article id."""

    __tablename__ = "reprint_clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    origin_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), unique=True)
    size: Mapped[int] = mapped_column(Integer)  # members, the origin included
    sites: Mapped[int] = mapped_column(Integer)  # distinct sites among the members
    first_published_at: Mapped[str | None] = mapped_column(String(32))
    last_published_at: Mapped[str | None] = mapped_column(String(32), index=True)


class ReprintMember(Base):
    """An article's place in its cluster (the origin is a member too)."""

    __tablename__ = "reprint_members"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("reprint_clusters.id", ondelete="CASCADE"), index=True)
    similarity: Mapped[float] = mapped_column(Float)  # to the origin; 1.0 for the origin
    # The member it copied: the one whose site its 来源/来自 names, else the origin; NULL for the origin.
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
