"""What every benchmark shares: result rows, the table, medians, a replica in its own process."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Our replica on 127.0.0.1: no throttle, no delay, wide concurrency (README "Crawling").
FAST = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "RETRY_TIMES": "1",
    "LOG_LEVEL": "INFO",  # the final stats dump is how we read pages/requests
    "TELNETCONSOLE_ENABLED": "0",
}


@dataclass
class Row:
    """One line of the table: a figure, its target, and whether the target is met."""

    section: str
    measure: str
    value: str
    target: str = ""
    met: bool | None = None
    note: str = ""

    def cells(self) -> list[str]:
        verdict = {True: "met", False: "MISSED", None: ""}[self.met]
        return [self.section, self.measure, self.value, self.target, verdict, self.note]


HEADERS = ["#", "measure", "value", "target", "", "note"]


def render(rows: Sequence[Row], markdown: bool = False) -> str:
    table = [HEADERS, *(r.cells() for r in rows)]
    if markdown:
        lines = ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in table]
        lines.insert(1, "|" + "---|" * len(HEADERS))
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADERS))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float], fmt: str = "{:.1f}") -> str:
    """``median (min–max, n=3)``: the median with the range it came from."""
    if len(values) < 2:
        return fmt.format(median(values))
    lo, hi = fmt.format(min(values)), fmt.format(max(values))
    return f"{fmt.format(median(values))} ({lo}–{hi}, n={len(values)})"


class ReplicaProcess:
    """``autonews replica`` in a child process, so its CPU is not the crawler's."""

    def __init__(self, articles: int) -> None:
        self.articles = articles
        self.proc: subprocess.Popen[str] | None = None
        self.base_url = ""

    def __enter__(self) -> ReplicaProcess:
        cmd = [sys.executable, "-m", "autonews", "replica", "--port", "0", "--articles", str(self.articles)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, env=_env())
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            self.proc.kill()
            raise RuntimeError(f"replica did not start: {line!r}")
        self.base_url = match.group()
        return self

    def cpu_seconds(self) -> float:
        import psutil

        assert self.proc is not None
        times = psutil.Process(self.proc.pid).cpu_times()
        return times.user + times.system

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _env() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(ROOT)}


def run_measured(cmd: list[str]) -> tuple[int, str, float, float]:
    """Run ``cmd``; return (exit code, stderr, CPU seconds, peak RSS in MB) of that child alone.

    The peak RSS is only the child's own when ``cmd`` runs through ``benchmarks.peak_rss``.

    ``os.wait4`` gives the child's own rusage, so parallel benchmark helpers never mix in.
    """
    import tempfile

    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=err, text=True)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    cpu = usage.ru_utime + usage.ru_stime
    # ru_maxrss includes this (parent) process's peak, copied in at exec; a child run through
    # benchmarks.peak_rss reports the peak of its own address space instead.
    own = re.search(r"^PEAK_RSS_KB (\d+)$", stderr, re.MULTILINE)
    return proc.returncode, stderr, cpu, (int(own.group(1)) if own else usage.ru_maxrss) / 1024


def stat_value(stderr: str, key: str) -> int:
    """A counter from Scrapy's final stats dump (``'key': 123``), 0 when absent."""
    match = re.search(rf"'{re.escape(key)}': (\d+)", stderr)
    return int(match.group(1)) if match else 0
