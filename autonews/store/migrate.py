"""Schema migrations (Alembic), run by ``autonews migrate`` and by ``Store.open``.

A database made by any earlier release upgrades in place.  One made before
migrations existed (tables but no ``alembic_version``) is taken to be at
revision 0001, the first release's schema.
"""

from __future__ import annotations

import functools
import importlib.resources as resources
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

FIRST_REVISION = "0001"


@functools.cache
def _script_location() -> str:
    """A real folder holding the migration scripts.

    Alembic reads scripts from the file system; inside a zipped egg (scrapyd
    deploys those) they are copied out to a temporary folder once per process.
    """
    root = resources.files("autonews.store") / "migrations"
    if isinstance(root, Path) and root.is_dir():
        return str(root)
    target = Path(tempfile.mkdtemp(prefix="autonews-migrations-"))
    _copy_tree(root, target)
    return str(target)


def _copy_tree(src: resources.abc.Traversable, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for entry in src.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                _copy_tree(entry, dst / entry.name)
        elif entry.name.endswith((".py", ".mako")):
            (dst / entry.name).write_bytes(entry.read_bytes())


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", _script_location())
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
