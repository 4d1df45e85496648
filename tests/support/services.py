"""PostgreSQL and Redis for the integration tests that need them.

A server that does not answer (or a missing optional package) skips the tests
that need it, with the reason; with ``AUTONEWS_REQUIRE_SERVICES=1`` (CI) it
fails them instead, so a broken CI service cannot pass as a skip.  The fixtures
``pg_url`` and ``redis_prefix`` reach every test through ``tests/integration/conftest.py``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ADMIN_URL = os.environ.get("AUTONEWS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("AUTONEWS_TEST_REDIS", "redis://127.0.0.1:6379/0")


def unavailable(reason: str) -> None:
    if os.environ.get("AUTONEWS_REQUIRE_SERVICES") == "1":
        pytest.fail(f"AUTONEWS_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def require_module(name: str) -> None:
    try:
        __import__(name)
    except ImportError:
        unavailable(f"optional package {name!r} not installed (pip install -e '.[scale]')")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (dropped afterwards)."""
    require_module("psycopg")
    from sqlalchemy import create_engine, text

    name = f"autonews_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any failure to reach the server: skip (or fail under CI)
        admin.dispose()
        unavailable(f"PostgreSQL at {PG_ADMIN_URL} not available: {str(exc).splitlines()[0]}")
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A unique key prefix on the test Redis (its keys are deleted afterwards)."""
    require_module("redis")
    require_module("scrapy_redis")
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.RedisError as exc:
        unavailable(f"Redis at {REDIS_URL} not available: {exc}")
    prefix = f"autonews_test_{uuid.uuid4().hex[:10]}"
    try:
        yield prefix
    finally:
        keys = list(server.scan_iter(match=f"{prefix}:*"))
        if keys:
            server.delete(*keys)
        server.close()
