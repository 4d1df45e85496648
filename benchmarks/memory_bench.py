"""Memory of a crawl: peak RSS at 10,000 articles, and whether it grows at 50,000.

The crawler keeps no per-article state of its own (items leave through the
store in batches; the WARC writer streams), so what grows with the site is
Scrapy's dupefilter: one 20-byte fingerprint per request it has seen, held in a
set.  We measure the bytes per fingerprint with tracemalloc and multiply by the
requests the run enqueued, to show that share separately.
"""

from __future__ import annotations

import hashlib
import tracemalloc

from benchmarks.common import Row, median
from benchmarks.crawl_bench import CrawlRun, ReplicaProcess, crawl_once


def fingerprint_bytes(n: int = 200_000) -> float:
    """Heap bytes per entry of a set of 20-byte fingerprints, as RFPDupeFilter holds them."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    seen = {hashlib.sha1(i.to_bytes(8, "little")).digest() for i in range(n)}
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del seen
    return used / n


def big_crawl(articles: int, log=print) -> CrawlRun:
    with ReplicaProcess(articles) as server:
        run = crawl_once(server, "full")
    log(
        f"  crawl full {articles:>6} articles: {run.pages} pages, rss {run.rss_mb:.0f} MB, cpu {run.cpu:.0f} s"
    )
    return run


def memory_rows(small: list[CrawlRun], big: CrawlRun | None) -> list[Row]:
    full = [r for r in small if r.mode == "full"]
    if not full:
        return []
    per_fp = fingerprint_bytes()
    rss = median([r.rss_mb for r in full])
    fp_mb = full[0].enqueued * per_fp / 1e6
    rows = [
        Row("5", f"peak RSS, full crawl of {full[0].articles:,} articles", f"{rss:.0f} MB", "<= 250 MB",
            rss <= 250, note=f"dupefilter: {full[0].enqueued:,} fingerprints x {per_fp:.0f} B = {fp_mb:.1f} MB"),
    ]  # fmt: skip
    if big is None:
        rows.append(Row("5", "peak RSS at 50,000 articles", "not run", "<= 1.3x of 10k", None,
                        note="python -m benchmarks --big"))  # fmt: skip
        return rows
    growth = big.rss_mb / rss
    big_fp = big.enqueued * per_fp / 1e6
    rows += [
        Row("5", f"peak RSS, full crawl of {big.articles:,} articles", f"{big.rss_mb:.0f} MB",
            note=f"dupefilter: {big.enqueued:,} fingerprints = {big_fp:.1f} MB"),
        Row("5", f"RSS {big.articles // 1000}k / {full[0].articles // 1000}k", f"{growth:.2f}x", "<= 1.30x",
            growth <= 1.30, note=f"without the dupefilter's growth: {(big.rss_mb - big_fp + fp_mb) / rss:.2f}x"),
    ]  # fmt: skip
    return rows
