"""Re-extraction from WARC, end to end: index, read, extract, stitch, clean, upsert.

The archive is written by ``WarcArchive`` exactly as the crawl's recorder writes
it (replica bytes, headers, site header), so the figure is what
``autonews reextract`` does on a real archive, minus the network that it never uses.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import Row, median, spread
from benchmarks.extract_bench import replica_pages


def write_archive(directory: Path, articles: int) -> int:
    from autonews.archive.writer import FetchedResponse, WarcArchive
    from autonews.replica import ReplicaSite

    site = ReplicaSite(articles=articles)
    count = 0
    with WarcArchive(directory) as archive:
        for url, body, ctype in replica_pages(articles, articles):
            headers = [("Content-Type", ctype)] if ctype else []
            archive.write(FetchedResponse(url, 200, headers, body, datetime.now(UTC), site="qiche"))
            count += 1
        # a dead related link, as a crawl records it
        missing = site.get("/hangye/309001.htm")
        assert missing is not None and missing.status == 404
        archive.write(FetchedResponse("http://www.qi-che.com/hangye/309001.htm",
                                      missing.status, [], missing.body, datetime.now(UTC), "qiche"))  # fmt: skip
    return count + 1


def reextract_rows(articles: int = 3000, repeats: int = 3, log=print) -> list[Row]:
    from autonews.archive.reextract import reextract

    rates, updates = [], []
    with tempfile.TemporaryDirectory(prefix="autonews-reextract-") as tmp:
        warc = Path(tmp) / "warc"
        records = write_archive(warc, articles)
        size = sum(p.stat().st_size for p in warc.iterdir()) / 1e6
        for i in range(repeats):
            db = Path(tmp) / f"re{i}.db"
            result = reextract(warc, f"sqlite:///{db}")  # a fresh database: every article is new
            rates.append(result.articles / result.seconds)
            again = reextract(warc, f"sqlite:///{db}")  # the same code again: all unchanged
            updates.append(again.articles / again.seconds)
            log(f"  reextract: {result.articles} articles, {result.articles / result.seconds:.0f}/s new, "
                f"{again.articles / again.seconds:.0f}/s unchanged ({again.statuses['unchanged']})")  # fmt: skip
    return [
        Row("4", f"reextract {records:,} WARC records ({size:.0f} MB) into a new DB",
            spread(rates, "{:.0f}/s"), ">= 300 articles/s", median(rates) >= 300,
            note=f"{result.articles:,} articles; read + extract + clean + upsert"),
        Row("4", "reextract again (all unchanged)", spread(updates, "{:.0f}/s"), ">= 300 articles/s",
            median(updates) >= 300),
    ]  # fmt: skip
