"""The database sections, owned by other issues: store bulk writes (3) and queries at scale (6).

Both modules are imported only if present, so this benchmark runs on any
checkout; a missing one shows as "n/a" in the table.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ROOT, Row, median, spread


def store_rows(articles: int = 100_000, batch: int = 200, repeats: int = 3, log=print) -> list[Row]:
    """``Store.save_batch`` of new articles with 8 links each into a fresh SQLite file, then
    the search-index catch-up a crawl runs every 1,000 new articles (timed apart)."""
    try:
        from benchmarks.store_bench import make_items, write
    except ImportError:
        return [Row("3", "store bulk write", "n/a", note="benchmarks/store_bench.py missing")]
    from autonews.store import Store

    items = make_items(articles)
    saves, indexes, both = [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="autonews-store-") as tmp:
            store = Store.open(f"sqlite:///{Path(tmp) / 'store.db'}")
            saving, indexing = write(store, items, batch, index_every=1000)
            store.close()
        log(f"  store: {articles} articles in {saving:.1f} s, search index catch-up {indexing:.1f} s")
        saves.append(articles / saving)
        indexes.append(articles / indexing)
        both.append(articles / (saving + indexing))
    return [
        Row("3", f"Store.save_batch {articles:,} new articles + {8 * articles:,} links",
            spread(saves, "{:,.0f}/s"), ">= 5,000 articles/s", median(saves) >= 5000,
            note=f"SQLite, batches of {batch}; ~900-character bodies"),
        Row("3", "search index catch-up (every 1,000 new articles)", spread(indexes, "{:,.0f}/s"),
            note="outside the write transactions"),
        Row("3", "write + search index, end to end", spread(both, "{:,.0f}/s")),
    ]  # fmt: skip


# ``query_bench`` prints one line per query: "<label>  median  12.3 ms   max  15.0 ms".
_QUERY_LINE = re.compile(r"^(?P<label>.+?)\s+median\s+(?P<median>[\d.]+) ms\s+max\s+(?P<max>[\d.]+) ms")
WANTED = ("search '小米' (", "search '新能源车' (", "stats", "related graph of one article (d=1)")


def query_rows(articles: int = 100_000, log=print) -> list[Row]:
    """Runs ``benchmarks/query_bench.py`` (issue 5) and keeps the lines the issue asks about."""
    script = ROOT / "benchmarks" / "query_bench.py"
    if not script.exists():
        return [Row("6", "search / stats / graph latency", "n/a", note="benchmarks/query_bench.py missing")]
    db = Path(tempfile.gettempdir()) / f"autonews-bench-{articles}.db"  # reused across runs: slow to build
    cmd = [sys.executable, str(script), "--articles", str(articles), "--db", str(db)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return [Row("6", "search / stats / graph latency", "n/a", note=f"query_bench failed: {first}")]
    rows = []
    for line in proc.stdout.splitlines():
        m = _QUERY_LINE.match(line.strip())
        if m and m["label"].startswith(WANTED):
            rows.append(Row("6", f"{m['label']} on {articles:,} articles", f"{m['median']} ms",
                            note=f"median; max {m['max']} ms"))  # fmt: skip
    log(f"  queries: {len(rows)} lines kept from query_bench")
    return rows or [Row("6", "search / stats / graph latency", "n/a", note="query_bench printed no timings")]
