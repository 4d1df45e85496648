"""离线副本 / offline replica of qi-che.com for tests: the site as SITE.md describes it."""

from .families import DEFAULT_FAMILY, FAMILIES, Family
from .server import ReplicaServer, serve_forever
from .site import ReplicaResponse, ReplicaSite

__all__ = [
    "DEFAULT_FAMILY",
    "FAMILIES",
    "Family",
    "ReplicaResponse",
    "ReplicaServer",
    "ReplicaSite",
    "serve_forever",
]
