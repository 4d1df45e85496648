"""Reprints: stock-shingle counts, each signature's sample, pairs vetoed as stock text, key
runs, and an (id, content_hash) index for finding what changed.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_ARTICLE = "articles.id"


def upgrade() -> None:
    op.create_index("ix_articles_id_content_hash", "articles", ["id", "content_hash"])
    # Nullable, so SQLite adds it in place; the old signatures carry an older scheme name and
    # are sketched again (with a sample) by the next catch-up.
    op.add_column("reprint_signatures", sa.Column("stock_sample", sa.LargeBinary))
    ends = [sa.Column(end, sa.Integer, sa.ForeignKey(_ARTICLE, ondelete="CASCADE"), primary_key=True)
            for end in ("low_id", "high_id")]  # fmt: skip
    op.create_table("reprint_stock_pairs", *ends, sa.Column("similarity", sa.Float, nullable=False))
    op.create_index("ix_reprint_stock_pairs_high_id", "reprint_stock_pairs", ["high_id"])
    op.create_table(
        "reprint_stock",
        sa.Column("scheme", sa.String(32), primary_key=True),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("counts", sa.LargeBinary, nullable=False),
    )

    op.create_table(
        "reprint_key_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("keys", sa.LargeBinary, nullable=False),
        sa.Column("owners", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reprint_key_runs")
    op.drop_index("ix_articles_id_content_hash", "articles")
    op.drop_table("reprint_stock")
    op.drop_table("reprint_stock_pairs")
    with op.batch_alter_table("reprint_signatures") as batch:
        batch.drop_column("stock_sample")
