"""sites and site_furniture: the sites crawled and what was learned of them; longer site names.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A site with no profile is named by its host, which may be longer than a profile name.
    # SQLite never enforces a length, and changing the declared type there means
    # rebuilding ``articles`` under its views and cascades: only other databases change.
    if op.get_bind().dialect.name != "sqlite":
        for table in ("articles", "crawl_runs"):
            op.alter_column(table, "site", type_=sa.String(255), existing_type=sa.String(32))
    op.create_table(
        "sites",
        sa.Column("site", sa.String(255), primary_key=True),
        sa.Column("host", sa.String(255)),
        sa.Column("name", sa.Text()),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("first_crawl_at", sa.String(32)),
        sa.Column("last_crawl_at", sa.String(32)),
        sa.Column("article_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("furniture", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("furniture_pages", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("furniture_version", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table(
        "site_furniture",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("site", sa.String(255), sa.ForeignKey("sites.site", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("learned_at", sa.String(32), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.UniqueConstraint("site", "version"),
    )
    op.create_index("ix_site_furniture_site", "site_furniture", ["site"])
    # Sites already crawled get their row; the next crawl of each fills in the rest.
    op.execute(
        "INSERT INTO sites (site, kind, article_count) "
        "SELECT site, CASE WHEN site LIKE '%.%' THEN 'generic' ELSE 'profile' END, count(*) "
        "FROM articles GROUP BY site"
    )


def downgrade() -> None:
    op.drop_index("ix_site_furniture_site", table_name="site_furniture")
    op.drop_table("site_furniture")
    op.drop_table("sites")
    if op.get_bind().dialect.name != "sqlite":
        for table in ("articles", "crawl_runs"):
            op.alter_column(table, "site", type_=sa.String(32), existing_type=sa.String(255))
