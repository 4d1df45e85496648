"""The spiders' ``-a NAME=VALUE`` arguments, checked before the crawl starts.

A bad value is a usage error with one line that names it (``autonews.crawling.commands``
turns it into exit status 2); an unknown name is one too, so a typo never runs a
crawl that silently ignores what was asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from autonews.dates.spec import parse_day

KNOWN = ("base_url", "channels", "max_pages", "full", "refresh", "since", "until")
# Scrapy's own spider arguments, passed through.
SCRAPY_ARGS = ("_job",)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SpiderArgError(ValueError):
    """A spider argument that cannot be used; the message is the one line to print."""


def flag(name: str, value: Any) -> bool:
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SpiderArgError(f"-a {name}={value!r}: expected 1/0, true/false, yes/no")


def _positive(name: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise SpiderArgError(f"-a {name}={value!r}: expected a whole number") from None
    if number < 0:
        raise SpiderArgError(f"-a {name}={value!r}: must be 0 (no limit) or more")
    return number or None


def _base_url(value: str) -> str:
    base = value.strip().rstrip("/")
    try:
        parts = urlsplit(base)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError as exc:
        raise SpiderArgError(f"-a base_url={value!r}: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SpiderArgError(f"-a base_url={value!r}: expected an http:// or https:// URL with a host")
    if not port_ok:
        raise SpiderArgError(f"-a base_url={value!r}: port out of range")
    return base


def _day(name: str, value: Any, *, end: bool = False) -> date | None:
    if value in (None, ""):
        return None
    try:
        return parse_day(str(value), end=end)
    except ValueError as exc:
        raise SpiderArgError(f"-a {name}={value!r}: {exc}") from None


@dataclass(frozen=True)
class SpiderArgs:
    base_url: str
    channels: frozenset[str] | None = None
    max_pages: int | None = None
    full: bool = False
    refresh: bool = False
    since: date | None = None
    until: date | None = None
    rest: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, kwargs: dict[str, Any], *, default_base_url: str) -> SpiderArgs:
        unknown = sorted(k for k in kwargs if k not in KNOWN and k not in SCRAPY_ARGS)
        if unknown:
            raise SpiderArgError(f"unknown spider argument {', '.join(unknown)} (known: {', '.join(KNOWN)})")
        channels = kwargs.get("channels")
        chosen = frozenset(c.strip() for c in str(channels).split(",") if c.strip()) if channels else None
        base = kwargs.get("base_url") or default_base_url
        if not base:
            raise SpiderArgError("-a base_url=URL is required for this spider")
        args = cls(
            base_url=_base_url(str(base)),
            channels=chosen or None,
            max_pages=_positive("max_pages", kwargs.get("max_pages")),
            full=flag("full", kwargs.get("full", False)),
            refresh=flag("refresh", kwargs.get("refresh", False)),
            since=_day("since", kwargs.get("since")),
            until=_day("until", kwargs.get("until"), end=True),
            rest={k: v for k, v in kwargs.items() if k in SCRAPY_ARGS},
        )
        if args.since and args.until and args.since > args.until:
            raise SpiderArgError(f"-a since={args.since} is after -a until={args.until}")
        return args

    def record(self) -> dict[str, Any]:
        """The arguments as the run row keeps them."""
        return {
            "base_url": self.base_url,
            "channels": sorted(self.channels or []),
            "max_pages": self.max_pages,
            "full": self.full,
            "refresh": self.refresh,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }
