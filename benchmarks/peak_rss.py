"""``python -m benchmarks.peak_rss ARGS``: ``scrapy ARGS``, reporting its own peak RSS at exit.

``os.wait4``'s ``ru_maxrss`` is no good for a child of a big process: Linux
records the parent's peak RSS into the child at ``exec`` (the address space it
replaces was the parent's), so after the store section had grown the benchmark
to ~900 MB, every later crawl "peaked" there.  ``VmHWM`` of the crawl's own
address space is the figure we want; it is printed as ``PEAK_RSS_KB <n>``.
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def _report() -> None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            print(f"PEAK_RSS_KB {line.split()[1]}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    atexit.register(_report)
    sys.argv = ["scrapy", *sys.argv[1:]]
    runpy.run_module("scrapy", run_name="__main__")
