"""Extraction alone, one core: ``read_page`` on the replica's article bytes.

The site path is what a crawl runs (decode, parse once, the profile's and learned layouts, meaning,
cleaning).  The generic path (``force_generic``) is compared with trafilatura on
the same pages: ours starts from bytes (decode + parse + extract), trafilatura
gets the already decoded text, so the ratio, if anything, flatters trafilatura.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from benchmarks.common import Row, median, spread

Page = tuple[str, bytes, str | None]  # url, raw body, Content-Type


def replica_pages(articles: int, limit: int) -> list[Page]:
    """Every page (``_2.html``… of long articles too) of the replica's first ``limit`` articles."""
    from autonews.replica import ReplicaSite

    site = ReplicaSite(articles=articles)
    pages: list[Page] = []
    for path in site.article_urls()[:limit]:
        stem, dot, ext = path.rpartition(".")
        candidates = [path] + [f"{stem}_{n}{dot}{ext}" for n in range(2, 50)]
        for candidate in candidates:
            response = site.get(candidate)
            if response is None or response.status != 200:
                break
            pages.append(
                ("http://www.qi-che.com" + candidate, response.body, response.headers.get("Content-Type"))
            )
    return pages


def _rate(fn: Callable[[Page], object], pages: list[Page], repeats: int) -> list[float]:
    rates = []
    for _ in range(repeats):
        started = time.process_time()  # CPU of this thread's process: one core by construction
        for page in pages:
            fn(page)
        rates.append(len(pages) / (time.process_time() - started))
    return rates


def extract_rows(articles: int = 2000, repeats: int = 3, generic_pages: int = 300) -> list[Row]:
    from autonews.dates.limits import SITE_TZ
    from autonews.extract.page import read_page
    from autonews.extract.reader import LearningReader
    from autonews.sites import get_site
    from autonews.text.decoding import decode_html

    profile = get_site("qiche")
    now = datetime(2024, 11, 25, 12, 0, tzinfo=SITE_TZ)
    pages = replica_pages(articles, articles)

    # As a crawl reads: the layouts learned from the site's first pages are the fast path.
    reader = LearningReader(profile)

    def site_path(page: Page) -> object:
        return reader.read(page[1], page[0], now=now, content_type=page[2])

    def generic_path(page: Page) -> object:
        return read_page(page[1], page[0], now=now, content_type=page[2], force_generic=True)

    site_path(pages[0])  # imports and caches warm, as in a crawl after its first page
    site_rates = _rate(site_path, pages, repeats)
    sample = pages[:generic_pages]
    rows = [
        Row("2", f"site path read_page ({len(pages):,} replica pages)", spread(site_rates, "{:.0f}/s"),
            ">= 500 pages/s", median(site_rates) >= 500, note="one core, CPU time"),
    ]  # fmt: skip
    try:
        import trafilatura
    except ImportError:
        ours = _rate(generic_path, sample, repeats)
        return rows + [
            Row("2", f"generic path read_page ({len(sample)} pages)", spread(ours, "{:.0f}/s")),
            Row("2", "generic vs trafilatura", "n/a", ">= 10x", None, note="trafilatura not installed"),
        ]
    texts = [(url, decode_html(body, ctype).text) for url, body, ctype in sample]

    def traf(item: tuple[str, str]) -> object:
        return trafilatura.bare_extraction(item[1], url=item[0], with_metadata=True)

    traf(texts[0])
    # Ours and theirs alternate and each ratio pairs adjacent runs: other jobs on the machine
    # change its speed by tens of percent within minutes, which unpaired medians would mix in.
    ours, theirs = [], []
    for _ in range(max(repeats, 5)):
        ours += _rate(generic_path, sample, 1)
        theirs += _rate(traf, texts, 1)  # type: ignore[arg-type]
    ratios = [o / t for o, t in zip(ours, theirs, strict=True)]
    ratio = median(ratios)
    return rows + [
        Row("2", f"generic path read_page ({len(sample)} pages)", spread(ours, "{:.0f}/s")),
        Row("2", f"trafilatura {trafilatura.__version__} (same pages)", spread(theirs, "{:.0f}/s"),
            note="given decoded text"),
        Row("2", "generic path / trafilatura speed", spread(ratios, "{:.1f}x"), ">= 10x", ratio >= 10,
            note="median of paired adjacent runs"),
    ]  # fmt: skip
