"""``python -m benchmarks``: every figure of issue 6 in one table, measured in one run.

    python -m benchmarks                       # defaults, about 10 minutes on 2 cores
    python -m benchmarks --big                 # also the 50,000-article crawl (memory growth)
    python -m benchmarks --crawl-articles 2000 --repeats 1 --skip store,queries   # a quick look
    python -m benchmarks --markdown table.md   # also write the table as Markdown

Ratios compare runs made in the same invocation on the same machine; each
figure is the median of ``--repeats`` runs, with its range.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from benchmarks.common import Row, render

SECTIONS = ("crawl", "extract", "store", "reextract", "memory", "queries", "reprints")


def machine() -> str:
    import scrapy

    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({model}); Python {platform.python_version()}; Scrapy {scrapy.__version__}; "
        f"{platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crawl-articles", type=int, default=10_000, help="replica size for the crawls")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median reported)")
    parser.add_argument("--extract-articles", type=int, default=2_000)
    parser.add_argument("--reextract-articles", type=int, default=3_000)
    parser.add_argument("--store-articles", type=int, default=100_000)
    parser.add_argument("--query-articles", type=int, default=100_000)
    parser.add_argument(
        "--reprint-articles", type=int, default=100_000, help="articles clustered from scratch"
    )
    parser.add_argument("--big", action="store_true", help="also crawl a 50,000-article replica")
    parser.add_argument("--big-articles", type=int, default=50_000)
    parser.add_argument("--skip", default="", help=f"comma list of sections to skip: {','.join(SECTIONS)}")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    rows: list[Row] = []
    started = time.perf_counter()
    print(f"machine: {machine()}", flush=True)

    crawl_runs = []
    if "crawl" not in skip or "memory" not in skip:
        from benchmarks.crawl_bench import crawl_rows, crawl_series

        crawl_runs = crawl_series(args.crawl_articles, args.repeats)
        if "crawl" not in skip:
            rows += crawl_rows(crawl_runs)
    if "extract" not in skip:
        from benchmarks.extract_bench import extract_rows

        rows += extract_rows(args.extract_articles, args.repeats)
    if "store" not in skip:
        from benchmarks.scale_bench import store_rows

        rows += store_rows(args.store_articles, repeats=args.repeats)
    if "reextract" not in skip:
        from benchmarks.reextract_bench import reextract_rows

        rows += reextract_rows(args.reextract_articles, args.repeats)
    if "memory" not in skip and crawl_runs:
        from benchmarks.memory_bench import big_crawl, memory_rows

        big = big_crawl(args.big_articles) if args.big else None
        rows += memory_rows(crawl_runs, big)
    if "queries" not in skip:
        from benchmarks.scale_bench import query_rows

        rows += query_rows(args.query_articles)
    if "reprints" not in skip:
        from benchmarks.reprints import crawl_rows, quality_rows, speed_rows

        rows += quality_rows() + speed_rows(args.reprint_articles, 10_000, args.repeats)
        rows += crawl_rows(2_000, args.repeats)

    print()
    print(render(rows))
    print(f"\n{machine()}; total {time.perf_counter() - started:.0f} s")
    if args.markdown:
        args.markdown.write_text(render(rows, markdown=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
