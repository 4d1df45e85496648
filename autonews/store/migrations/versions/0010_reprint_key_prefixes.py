"""Reprints: key runs hold each band key's upper 32 bits and 4-byte owners, half the bytes a
catch-up reads.  Runs of the old form (8-byte keys and owners) cannot be told from the new by
their lengths, so they go; the next catch-up writes one run of every stored signature's keys,
as it does for a database that has none.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM reprint_key_runs")


def downgrade() -> None:
    op.execute("DELETE FROM reprint_key_runs")  # the older code rebuilds its runs the same way
