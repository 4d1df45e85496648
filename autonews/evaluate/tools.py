"""The tools the eval runs: ours (decode + parse + generic path) and optional anchors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from autonews.text.decoding import decode_html


@dataclass(slots=True)
class Extracted:
    body: str
    date: str | None
    title: str | None = None


def decode_page(raw: bytes, encoding: str | None) -> str:
    return decode_html(raw, f"text/html; charset={encoding}" if encoding else None).text


def _ours(now: datetime) -> Callable[[str, str | None], Extracted]:
    from autonews.extract.generic import extract_generic_html

    def run(html: str, url: str | None) -> Extracted:
        # The crawl's own parse (autonews.extract.dom), so the eval measures what it runs.
        res = extract_generic_html(html, url, now=now)
        return Extracted("\n".join(res.paragraphs), res.published_at, res.title)

    return run


def _trafilatura() -> Callable[[str, str | None], Extracted]:
    import trafilatura

    def run(html: str, url: str | None) -> Extracted:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        if doc is None:
            return Extracted("", None)
        return Extracted(doc.text or "", doc.date, doc.title)

    return run


def _gne() -> Callable[[str, str | None], Extracted]:
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def run(html: str, url: str | None) -> Extracted:
        try:
            doc = extractor.extract(html)
        except Exception:  # gne raises on odd markup; count it as an empty answer
            return Extracted("", None)
        return Extracted(doc.get("content") or "", doc.get("publish_time") or None, doc.get("title"))

    return run


def make_tool(name: str, now: datetime) -> Callable[[str, str | None], Extracted]:
    if name == "ours":
        return _ours(now)
    factories = {"trafilatura": _trafilatura, "gne": _gne}
    if name not in factories:
        raise ValueError(f"unknown tool {name!r}; choose from {', '.join(factories)}")
    try:
        return factories[name]()
    except ImportError as exc:
        raise ValueError(f"{name} is not installed (pip install 'autonews[eval]'): {exc}") from exc
