"""links.heading: the heading of a link block of kind 'other' (猜你喜欢, 热门推荐 …).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, without rebuilding the table.
    op.add_column("links", sa.Column("heading", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("links") as batch:
        batch.drop_column("heading")
