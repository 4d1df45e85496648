"""The service fixtures (a fresh PostgreSQL database, a Redis key prefix) for every integration test."""

from tests.support.services import pg_url, redis_prefix

__all__ = ["pg_url", "redis_prefix"]
