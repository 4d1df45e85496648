"""Schema migrations (Alembic), run by ``autonews migrate`` and by ``Store.open``.

A database made by any earlier release upgrades in place.  One made before
migrations existed (tables but no ``alembic_version``) is taken to be at
revision 0001, the first release's schema.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

SCRIPT_LOCATION = "autonews.store:migrations"
FIRST_REVISION = "0001"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or FIRST_REVISION


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the schema to ``revision``; returns (before, after)."""
    cfg = _config()
    before = current_revision(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        if before is None and inspect(conn).has_table("articles"):
            command.stamp(cfg, FIRST_REVISION)
            before = FIRST_REVISION
        command.upgrade(cfg, revision)
    return before, current_revision(engine)


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()
