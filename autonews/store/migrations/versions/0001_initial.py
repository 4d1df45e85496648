"""The first schema (release 0.1): articles, links, crawl_runs.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("spider", sa.String(64), nullable=False),
        sa.Column("site", sa.String(32)),
        sa.Column("base_url", sa.String(1024)),
        sa.Column("args", sa.Text),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("finish_reason", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False, server_default="running"),
        *(
            sa.Column(name, sa.Integer, nullable=False, server_default="0")
            for name in (
                "pages",
                "requests",
                "articles_new",
                "articles_updated",
                "articles_unchanged",
                "dropped",
                "errors",
                "fallbacks",
            )
        ),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site", sa.String(32), nullable=False, index=True),
        sa.Column("url", sa.String(1024), nullable=False, unique=True),
        sa.Column("canonical_url", sa.String(1024)),
        sa.Column("channel", sa.String(64), index=True),
        sa.Column("title", sa.Text),
        sa.Column("published_at", sa.String(32), index=True),
        sa.Column("source", sa.String(128)),
        sa.Column("author", sa.String(128)),
        sa.Column("editor", sa.String(128)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("first_seen_at", sa.String(32), nullable=False),
        sa.Column("last_seen_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("first_run_id", sa.Integer, sa.ForeignKey("crawl_runs.id")),
        sa.Column("last_run_id", sa.Integer, sa.ForeignKey("crawl_runs.id")),
    )
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("from_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("to_url", sa.String(1024), nullable=False),
        sa.Column("to_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("from_id", "to_url", "kind", name="uq_links_from_to_kind"),
    )
    op.create_index("ix_links_to_url", "links", ["to_url"])
    op.create_index("ix_links_to_id", "links", ["to_id"])


def downgrade() -> None:
    op.drop_table("links")
    op.drop_table("articles")
    op.drop_table("crawl_runs")
