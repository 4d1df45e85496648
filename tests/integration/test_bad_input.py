"""Every command and spider argument, with bad values: a non-zero exit, one line on stderr
that names the problem, no traceback.  New commands join the table."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from autonews.store import Store

ROOT = Path(__file__).resolve().parents[2]
CRAWL = ("-m", "scrapy", "crawl", "qiche")
CLI = ("-m", "autonews")
DEAD_PG = "postgresql+psycopg://postgres@127.0.0.1:1/none"
DEAD_REDIS = "redis://127.0.0.1:1/0"

# (id, argv after the interpreter, extra environment, what the one line must name)
ROWS: list[tuple[str, tuple[str, ...], dict[str, str], str]] = [
    ("base_url garbage", (*CRAWL, "-a", "base_url=garbage"), {}, "base_url"),
    ("base_url ftp", (*CRAWL, "-a", "base_url=ftp://127.0.0.1/"), {}, "http:// or https://"),
    ("max_pages abc", (*CRAWL, "-a", "max_pages=abc"), {}, "max_pages"),
    ("max_pages negative", (*CRAWL, "-a", "max_pages=-1"), {}, "max_pages"),
    ("since impossible", (*CRAWL, "-a", "since=2024-13-45"), {}, "since"),
    ("until not a date", (*CRAWL, "-a", "until=soon"), {}, "not a date"),
    ("since after until", (*CRAWL, "-a", "since=2024-12-01", "-a", "until=2024-11-01"), {}, "after"),
    ("full maybe", (*CRAWL, "-a", "full=maybe"), {}, "full"),
    ("unknown argument", (*CRAWL, "-a", "bogus=1"), {}, "bogus"),
    ("unknown spider", ("-m", "scrapy", "crawl", "nosuch"), {}, "nosuch"),
    ("crawl db garbage", CRAWL, {"AUTONEWS_DATABASE_URL": "garbage"}, "database URL"),
    ("crawl db down", CRAWL, {"AUTONEWS_DATABASE_URL": DEAD_PG}, "cannot open the database"),
    ("crawl no driver", CRAWL, {"AUTONEWS_DATABASE_URL": "mysql://u@127.0.0.1/x"}, "not installed"),
    ("crawl redis down", CRAWL, {"AUTONEWS_REDIS_URL": DEAD_REDIS}, "Redis"),
    ("demo db garbage", (*CLI, "demo", "--db", "garbage"), {}, "database URL"),
    ("migrate db garbage", (*CLI, "migrate", "--db", "garbage"), {}, "database URL"),
    ("migrate db down", (*CLI, "migrate", "--db", DEAD_PG), {}, "connection"),
    ("stats db down", (*CLI, "stats", "--db", DEAD_PG), {}, "cannot open database"),
    ("replica port range", (*CLI, "replica", "--port", "99999"), {}, "--port"),
    ("replica family", (*CLI, "replica", "--family", "nosuch"), {}, "--family"),
    (
        "workers redis down",
        (*CLI, "workers", "1", "--redis", DEAD_REDIS, "--db", "sqlite:///{tmp}/w.db"),
        {},
        "Redis",
    ),  # fmt: skip
    ("eval no index", (*CLI, "eval", "{tmp}"), {}, "index.jsonl"),
    ("extract bad url", (*CLI, "extract", "{tmp}/db.sqlite", "--url", "http://[::1"), {}, "not a URL"),
    (
        "search since slashes",
        (*CLI, "search", "小米", "--since", "2024/11/01", "--db", "{db}"),
        {},
        "not a date",
    ),
    (
        "search since compact",
        (*CLI, "search", "小米", "--since", "20241101", "--db", "{db}"),
        {},
        "not a date",
    ),
    (
        "search since words",
        (*CLI, "search", "小米", "--since", "not-a-date", "--db", "{db}"),
        {},
        "not a date",
    ),
    ("graph since", (*CLI, "graph", "--since", "not-a-date", "--db", "{db}"), {}, "not a date"),
    ("graph depth", (*CLI, "graph", "--depth", "-1", "--db", "{db}"), {}, "--depth"),
    ("stats days", (*CLI, "stats", "--days", "-5", "--db", "{db}"), {}, "--days"),
    ("runs limit 0", (*CLI, "runs", "--limit", "0", "--db", "{db}"), {}, "--limit"),
    ("runs limit -1", (*CLI, "runs", "--limit", "-1", "--db", "{db}"), {}, "--limit"),
    ("show huge id", (*CLI, "show", "99999999999999999999999", "--db", "{db}"), {}, "no article"),
    ("query empty file", (*CLI, "stats", "--db", "sqlite:///{tmp}/empty.db"), {}, "empty file"),
    ("query no file", (*CLI, "stats", "--db", "sqlite:///{tmp}/nope.db"), {}, "no database"),
    ("dupes since words", (*CLI, "dupes", "--since", "not-a-date", "--db", "{db}"), {}, "not a date"),
    ("dupes since slashes", (*CLI, "dupes", "--since", "2024/11/01", "--db", "{db}"), {}, "not a date"),
    ("dupes similarity 2", (*CLI, "dupes", "--min-similarity", "2", "--db", "{db}"), {}, "--min-similarity"),
    (
        "dupes similarity word",
        (*CLI, "dupes", "--min-similarity", "high", "--db", "{db}"),
        {},
        "--min-similarity",
    ),
    ("dupes unknown site", (*CLI, "dupes", "--site", "nosuch", "--db", "{db}"), {}, "nosuch"),
    ("dupes no file", (*CLI, "dupes", "--db", "sqlite:///{tmp}/nope.db"), {}, "no database"),
    (
        "search unique since",
        (*CLI, "search", "小米", "--unique", "--since", "soon", "--db", "{db}"),
        {},
        "not a date",
    ),
    ("unknown command", (*CLI, "nosuch"), {}, "nosuch"),
    ("news without base_url", ("-m", "scrapy", "crawl", "news"), {}, "base_url"),
    ("news base_url garbage", ("-m", "scrapy", "crawl", "news", "-a", "base_url=garbage"), {}, "base_url"),
    ("sites reset unknown", (*CLI, "sites", "--reset", "nosuch.example", "--db", "{db}"), {}, "no site"),
    (
        "sites furniture unknown",
        (*CLI, "sites", "--furniture", "nosuch.example", "--db", "{db}"),
        {},
        "no site",
    ),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("bad-input")
    Store.open(f"sqlite:///{tmp / 'db.sqlite'}").close()
    (tmp / "empty.db").write_bytes(b"")
    return {"tmp": str(tmp), "db": f"sqlite:///{tmp / 'db.sqlite'}"}


def _run(argv: tuple[str, ...], env: dict[str, str], places: dict[str, str]) -> subprocess.CompletedProcess:
    args = [a.format(**places) for a in argv]
    full_env = os.environ | {"PYTHONPATH": str(ROOT), "AUTONEWS_DATABASE_URL": places["db"]} | env
    full_env.pop("AUTONEWS_REDIS_URL", None) if "AUTONEWS_REDIS_URL" not in env else None
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=60
    )


def _assert_one_line(done: subprocess.CompletedProcess, names: str) -> None:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode != 0, done.stdout[-500:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert len(lines) == 1, done.stderr[-2000:]
    assert names in lines[0], lines[0]


@pytest.mark.parametrize(("argv", "env", "names"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_bad_input_is_one_line_and_a_non_zero_exit(argv, env, names, places) -> None:
    done = _run(argv, env, places)
    _assert_one_line(done, names)
    if argv[1:2] == ("dupes",) and "no database" not in names:
        assert done.returncode == 2, done.stderr  # a usage error, like click's own


def test_a_port_in_use(places) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = _run((*CLI, "replica", "--port", str(port)), {}, places)
    _assert_one_line(done, "in use")


def test_eval_compare_without_the_extra(places, tmp_path: Path) -> None:
    # A stand-in package that fails to import, as on an install without '.[eval]'.
    stub = tmp_path / "stub" / "trafilatura"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text("raise ImportError('No module named trafilatura')\n")
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "index.jsonl").write_text('{"id": "a", "text": "正文。", "url": null}\n', encoding="utf-8")
    (folder / "a.html").write_text("<html><body><p>正文。</p></body></html>", encoding="utf-8")
    env = {"PYTHONPATH": f"{stub.parent}{os.pathsep}{ROOT}"}
    done = _run((*CLI, "eval", str(folder), "--compare", "trafilatura"), env, places)
    _assert_one_line(done, "pip install 'autonews[eval]'")
