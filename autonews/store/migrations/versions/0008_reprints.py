"""Reprint clusters: signatures, verified pairs, clusters and their members (autonews.reprints).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_ARTICLE = "articles.id"


def upgrade() -> None:
    op.create_table(
        "reprint_signatures",
        sa.Column("article_id", sa.Integer, sa.ForeignKey(_ARTICLE, ondelete="CASCADE"), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("scheme", sa.String(32), nullable=False),
        sa.Column("band_keys", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "reprint_pairs",
        sa.Column("low_id", sa.Integer, sa.ForeignKey(_ARTICLE, ondelete="CASCADE"), primary_key=True),
        sa.Column("high_id", sa.Integer, sa.ForeignKey(_ARTICLE, ondelete="CASCADE"), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_index("ix_reprint_pairs_high_id", "reprint_pairs", ["high_id"])
    op.create_table(
        "reprint_clusters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column(
            "origin_id", sa.Integer, sa.ForeignKey(_ARTICLE, ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sites", sa.Integer, nullable=False),
        sa.Column("first_published_at", sa.String(32)),
        sa.Column("last_published_at", sa.String(32)),
    )
    op.create_index("ix_reprint_clusters_last_published_at", "reprint_clusters", ["last_published_at"])
    op.create_table(
        "reprint_members",
        sa.Column("article_id", sa.Integer, sa.ForeignKey(_ARTICLE, ondelete="CASCADE"), primary_key=True),
        sa.Column(
            "cluster_id", sa.Integer, sa.ForeignKey("reprint_clusters.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("copied_from_id", sa.Integer, sa.ForeignKey(_ARTICLE, ondelete="SET NULL")),
    )
    op.create_index("ix_reprint_members_cluster_id", "reprint_members", ["cluster_id"])


def downgrade() -> None:
    for table in ("reprint_members", "reprint_clusters", "reprint_pairs", "reprint_signatures"):
        op.drop_table(table)
