"""Index links by (to_id, kind): incoming-link counts read only the index.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Databases opened by a development build already have it (it was created outside Alembic).
    op.create_index("ix_links_to_id_kind", "links", ["to_id", "kind"], if_not_exists=True)


def downgrade() -> None:
    op.drop_index("ix_links_to_id_kind", "links")
