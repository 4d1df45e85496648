"""What a scheduler sees: exit codes, the overlap lock, SIGKILL and pause/resume."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autonews.crawling.runlock import crawl_lock
from autonews.extract import extract_article
from autonews.replica import ReplicaServer, ReplicaSite
from tests.support.crawling import FAST, ROOT, scrapy_crawl


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_site_exits_3(db_url: str) -> None:
    proc = scrapy_crawl(f"http://127.0.0.1:{_free_port()}", db_url, settings={"RETRY_TIMES": "0"})
    assert proc.returncode == 3, proc.stderr[-2000:]
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("select status, finish_reason from crawl_runs").fetchall() == [
            ("failed", "finished")
        ]


def test_second_crawl_of_the_same_database_refuses_in_one_line(db_url: str) -> None:
    with crawl_lock(db_url, "qiche"):
        proc = scrapy_crawl(f"http://127.0.0.1:{_free_port()}", db_url)
    assert proc.returncode == 4
    assert "another crawl is writing to this database" in proc.stderr
    assert "Traceback" not in proc.stderr


def _popen(base_url: str, db: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "qiche", "-a", f"base_url={base_url}"]
    for key, value in (
        FAST | {"AUTONEWS_DATABASE_URL": f"sqlite:///{db}", "CONCURRENT_REQUESTS": "4"}
    ).items():
        cmd += ["-s", f"{key}={value}"]
    cmd += list(extra)
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _wait_for_articles(proc: subprocess.Popen, db: Path, n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while _count(db) < n:
        assert proc.poll() is None, "crawl ended before it could be interrupted"
        assert time.monotonic() < deadline, "crawl too slow"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def big_site() -> ReplicaSite:
    return ReplicaSite(articles=600)


def test_sigkill_leaves_a_consistent_database_and_the_next_run_completes(tmp_path: Path, big_site) -> None:
    db = tmp_path / "kill.db"
    expected = big_site.expected_articles()
    with ReplicaServer(big_site) as server:
        proc = _popen(server.base_url, db)
        _wait_for_articles(proc, db, 150)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(db) as conn:
            killed = conn.execute(
                "select id, status, finish_reason, finished_at, articles_new from crawl_runs"
            ).fetchone()
            rows = conn.execute(
                "select a.url, a.body, (select count(*) from links l where l.from_id = a.id) from articles a"
            ).fetchall()
        assert killed[1:4] == ("running", None, None)
        assert killed[4] == len(rows) and 0 < len(rows) < len(expected)
        # every stored article is whole: its body and all of its links came in one transaction
        for url, body, links in rows:
            path = url.removeprefix(server.base_url)
            assert body == expected[path]["body"], path
            assert links == _links_on_page(big_site, path), path
        rerun = scrapy_crawl(server.base_url, f"sqlite:///{db}")
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        urls = [u.removeprefix(server.base_url) for (u,) in conn.execute("select url from articles")]
    assert sorted(urls) == sorted(expected)


def _links_on_page(site: ReplicaSite, path: str) -> int:
    resp = site.get(path)
    page = extract_article(
        resp.body, "http://www.qi-che.com" + path, content_type=resp.headers["Content-Type"]
    )
    return len(
        {(link["url"], "related") for link in page["related"]}
        | {(link["url"], "latest") for link in page["latest"]}
    )


def test_jobdir_pause_and_resume(tmp_path: Path, big_site) -> None:
    db, jobdir = tmp_path / "job.db", tmp_path / "job"
    with ReplicaServer(big_site) as server:
        proc = _popen(server.base_url, db, "-s", f"JOBDIR={jobdir}")
        _wait_for_articles(proc, db, 100)
        proc.send_signal(signal.SIGINT)  # Ctrl-C: Scrapy finishes in-flight requests and saves its queue
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 3, stderr[-2000:]  # paused is not finished: cron must not see "ok"
        paused_at = _count(db)
        assert paused_at < len(big_site.expected_articles())
        resumed = scrapy_crawl(server.base_url, f"sqlite:///{db}", settings={"JOBDIR": str(jobdir)})
        requests = list(server.requests)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert _count(db) == len(big_site.expected_articles())
    articles = [p for p in requests if "/xinwen-" in p]
    assert len(articles) == len(set(articles)), "a page was fetched twice across pause and resume"
    with sqlite3.connect(db) as conn:
        runs = conn.execute("select finish_reason from crawl_runs order by id").fetchall()
    assert runs == [("shutdown",), ("finished",)]
