"""Keep previous article versions; record the site's article id.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("article_key", sa.String(64)))
        batch.create_index("ix_articles_article_key", ["article_key"])
    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published_at", sa.String(32)),
        sa.Column("source", sa.String(128)),
        sa.Column("author", sa.String(128)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("valid_from", sa.String(32), nullable=False),
        sa.Column("replaced_at", sa.String(32), nullable=False),
        sa.Column("replaced_by_run_id", sa.Integer, sa.ForeignKey("crawl_runs.id")),
    )
    op.create_index("ix_article_versions_article_id", "article_versions", ["article_id"])


def downgrade() -> None:
    op.drop_table("article_versions")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_article_key")
        batch.drop_column("article_key")
