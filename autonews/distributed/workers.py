"""``autonews workers N``: start N local crawler processes on one shared frontier, wait for them.

A demo of the multi-machine layout on one machine: each worker is the same
``scrapy crawl qiche`` a remote machine would run, with the same database and
Redis URLs.  The database is created or upgraded once before they start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from autonews.store import Store

ROOT = Path(__file__).resolve().parent.parent  # where scrapy.cfg is, in a checkout


def worker_command(
    base_url: str | None, settings: Mapping[str, str], args: Sequence[str] = (), spider: str = "qiche"
) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    if base_url:
        cmd += ["-a", f"base_url={base_url}"]
    for arg in args:
        cmd += ["-a", arg]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def start_workers(
    n: int,
    *,
    database_url: str,
    redis_url: str,
    base_url: str | None = None,
    settings: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
    log_dir: Path | None = None,
    spider: str = "qiche",
) -> list[subprocess.Popen]:
    """Start ``n`` workers (after migrating the database once); returns the processes."""
    Store.open(database_url).close()  # one migration up front, not n racing ones
    all_settings = {"AUTONEWS_DATABASE_URL": database_url, "AUTONEWS_REDIS_URL": redis_url} | dict(
        settings or {}
    )
    env = os.environ | {"SCRAPY_SETTINGS_MODULE": "autonews.settings", "PYTHONPATH": str(ROOT)}
    procs = []
    for i in range(n):
        log = open(log_dir / f"worker-{i + 1}.log", "w") if log_dir else None  # noqa: SIM115 (child keeps it)
        procs.append(
            subprocess.Popen(
                worker_command(base_url, all_settings, args, spider),
                cwd=ROOT if (ROOT / "scrapy.cfg").exists() else None,
                env=env,
                stdout=log or subprocess.DEVNULL,
                stderr=subprocess.STDOUT if log else None,
            )
        )
        if log:
            log.close()
    return procs


def wait_workers(procs: Sequence[subprocess.Popen], timeout: float | None = None) -> list[int]:
    """Wait for every worker; Ctrl-C is passed on so each gives its requests back first."""
    try:
        return [p.wait(timeout=timeout) for p in procs]
    except KeyboardInterrupt:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        return [p.wait() for p in procs]
