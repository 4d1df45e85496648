"""Runs that reached nothing they were asked for fail (exit 3), and the run row says why."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

from autonews.replica import ReplicaServer, ReplicaSite
from tests.support.crawling import FAST, ROOT, scrapy_crawl


def _last_run(db: Path) -> tuple:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select status, finish_reason, failure from crawl_runs order by id desc"
        ).fetchone()


class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (name fixed by BaseHTTPRequestHandler)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_home_page_that_returns_404_fails_the_run(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        done = scrapy_crawl(f"http://127.0.0.1:{server.server_port}", f"sqlite:///{tmp_path / 'x.db'}")
    finally:
        server.shutdown()
    assert done.returncode == 3, done.stderr[-2000:]
    assert _last_run(tmp_path / "x.db") == ("failed", "finished", "the home page could not be fetched")


def test_channels_that_do_not_exist_fail_the_run(tmp_path: Path) -> None:
    with ReplicaServer(ReplicaSite()) as server:
        done = scrapy_crawl(server.base_url, f"sqlite:///{tmp_path / 'x.db'}", "channels=nosuch")
    assert done.returncode == 3, done.stderr[-2000:]
    assert _last_run(tmp_path / "x.db")[2] == "no listing found for channels nosuch"


def test_a_replay_that_found_nothing_fails(tmp_path: Path) -> None:
    empty = tmp_path / "warc"
    empty.mkdir()
    done = scrapy_crawl(
        "http://127.0.0.1:9", f"sqlite:///{tmp_path / 'x.db'}", settings={"AUTONEWS_REPLAY_WARC": str(empty)}
    )
    assert done.returncode == 3, done.stderr[-2000:]
    assert _last_run(tmp_path / "x.db")[0] == "failed"


def test_ctrl_c_twice_exits_3_and_the_run_row_says_so(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with ReplicaServer(ReplicaSite(articles=3000)) as server:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "qiche", "-a", f"base_url={server.base_url}"]
        settings = FAST | {"AUTONEWS_DATABASE_URL": f"sqlite:///{db}", "CONCURRENT_REQUESTS": "2",
                           "DOWNLOAD_DELAY": "0.05"}  # fmt: skip
        for key, value in settings.items():
            cmd += ["-s", f"{key}={value}"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (db.exists() and _runs(db)):
            time.sleep(0.2)
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 3, stderr[-2000:]
    status, reason, failure = _last_run(db)
    assert status == "failed" and failure, (status, reason, failure)


def _runs(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("select count(*) from crawl_runs").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_the_run_row_keeps_its_arguments(tmp_path: Path) -> None:
    with ReplicaServer(ReplicaSite()) as server:
        done = scrapy_crawl(server.base_url, f"sqlite:///{tmp_path / 'x.db'}", "max_pages=1", "since=2024-10")
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(tmp_path / "x.db") as conn:
        args = json.loads(conn.execute("select args from crawl_runs").fetchone()[0])
    assert args["max_pages"] == 1 and args["since"] == "2024-10-01"


def test_a_run_stopped_before_its_spider_closed_is_marked_failed(tmp_path: Path) -> None:
    from autonews.crawling.runs import close_unfinished_run
    from autonews.store import Store

    url = f"sqlite:///{tmp_path / 'x.db'}"
    store = Store.open(url)
    run_id = store.start_run("qiche", site="qiche", base_url="http://h", args={})
    store.close()
    stats = {"autonews/run_id": run_id, "response_received_count": 7}
    assert close_unfinished_run(url, stats) == "failed"
    with sqlite3.connect(tmp_path / "x.db") as conn:
        row = conn.execute("select status, finish_reason, pages, failure from crawl_runs").fetchone()
    assert row == ("failed", "killed", 7, "stopped before the spider closed (shutdown forced)")
    # A run that got its verdict is left alone; a crawl without a store recorded none.
    assert close_unfinished_run(url, {"autonews/run_id": run_id, "autonews/run_status": "ok"}) == "ok"
    assert close_unfinished_run(url, {}) is None
