"""Reprints: key runs of 32-bit key prefixes, each pair's shared sampled shingles, and an
index covering the pending scan.

Key runs now hold each band key's upper 32 bits and 4-byte owners, half the bytes a catch-up
reads.  Runs of the old form (8-byte keys and owners) cannot be told from the new by their
lengths, so they go; the next catch-up writes one run of every stored signature's keys, as it
does for a database that has none.

``shared`` (nullable, so SQLite adds it in place) lets a pair be decided again when stock
counts move without reading both articles' samples; pairs stored before it are decided from
the samples, as before.

``ix_reprint_signatures_current`` (article_id, content_hash, scheme) covers the scan for new
and changed articles, which otherwise reads every signature row, blobs and all.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_PAIRS = ("reprint_pairs", "reprint_stock_pairs")


def upgrade() -> None:
    op.execute("DELETE FROM reprint_key_runs")
    for table in _PAIRS:
        op.add_column(table, sa.Column("shared", sa.LargeBinary))
    op.create_index(
        "ix_reprint_signatures_current", "reprint_signatures", ["article_id", "content_hash", "scheme"]
    )


def downgrade() -> None:
    op.drop_index("ix_reprint_signatures_current", "reprint_signatures")
    for table in _PAIRS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("shared")
    op.execute("DELETE FROM reprint_key_runs")  # the older code rebuilds its runs the same way
