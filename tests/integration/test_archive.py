"""The WARC archive: what the writer stores, what a crawl records, and offline replay."""

from __future__ import annotations

import gzip
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from autonews.archive import ArchiveIndex, FetchedResponse, WarcArchive, default_warc_dir, iter_responses
from autonews.replica import ReplicaServer, ReplicaSite
from tests.support.crawling import scrapy_crawl

WHEN = datetime(2024, 11, 22, 1, 2, 3, tzinfo=UTC)


def _fetched(url: str, body: bytes, when: datetime = WHEN, **kw) -> FetchedResponse:
    headers = kw.pop("headers", [("Content-Type", "text/html; charset=gb2312")])
    return FetchedResponse(url, kw.pop("status", 200), headers, body, when, site="qiche")


def test_records_round_trip_byte_for_byte(tmp_path: Path) -> None:
    body = "汽车 堃".encode("gb18030")
    with WarcArchive(tmp_path) as archive:
        archive.write(_fetched("http://www.qi-che.com/a.html", body))
        archive.write(_fetched("http://www.qi-che.com/missing.html", b"no", status=404, headers=[]))
    got = {r.url: r for r in iter_responses(tmp_path)}
    page = got["http://www.qi-che.com/a.html"]
    assert page.body == body and page.status == 200 and page.site == "qiche"
    assert page.content_type == "text/html; charset=gb2312"
    assert page.fetched_at == WHEN
    assert got["http://www.qi-che.com/missing.html"].status == 404


@pytest.mark.parametrize("deflate", ["isal", "zlib"])
def test_each_record_is_its_own_gzip_member_with_either_deflate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deflate: str
) -> None:
    import zlib

    from autonews.archive import writer

    if deflate == "zlib":  # the fallback where no isal wheel exists
        monkeypatch.setattr(writer, "_deflate", zlib)
    else:
        assert writer._deflate.__name__ == "isal.isal_zlib"  # the dependency is what runs
    with WarcArchive(tmp_path) as archive:
        for n in range(3):
            archive.write(_fetched(f"http://www.qi-che.com/{n}.html", f"第{n}页".encode() * 50))
    (path,) = archive.paths
    data = path.read_bytes()
    assert data.count(b"\x1f\x8b\x08") >= 3  # a gzip header per record
    assert gzip.decompress(data).count(b"WARC/1.0\r\n") == 3
    assert sorted(r.url for r in iter_responses(tmp_path)) == [
        f"http://www.qi-che.com/{n}.html" for n in range(3)
    ]


def test_gzip_content_encoding_is_undone_on_read(tmp_path: Path) -> None:
    # The recorder stores wire bytes; readers get the page.
    raw = gzip.compress("<p>正文</p>".encode())
    with WarcArchive(tmp_path) as archive:
        archive.write(_fetched("http://h/x", raw, headers=[("Content-Encoding", "gzip")]))
    (page,) = iter_responses(tmp_path)
    assert page.body == "<p>正文</p>".encode()


def test_a_record_is_readable_before_close(tmp_path: Path) -> None:
    # What a SIGKILL leaves behind: everything written so far, without close().
    archive = WarcArchive(tmp_path)
    archive.write(_fetched("http://h/1", b"one"))
    assert [r.body for r in iter_responses(tmp_path)] == [b"one"]
    archive.close()


def test_files_rotate_by_size_and_the_newest_record_wins(tmp_path: Path) -> None:
    with WarcArchive(tmp_path, max_bytes=1) as archive:  # every record starts a new file
        archive.write(_fetched("http://h/p", b"old"))
        archive.write(_fetched("http://h/p", b"new", when=WHEN.replace(hour=5)))
        archive.write(_fetched("http://h/q", b"q"))
    assert len(list(tmp_path.glob("*.warc.gz"))) == 3
    index = ArchiveIndex.build(tmp_path)
    assert len(index) == 2 and index.get("http://h/p").body == b"new"


def test_default_dir_sits_beside_a_sqlite_file() -> None:
    assert default_warc_dir("sqlite:////data/news/autonews.db") == Path("/data/news/warc")
    assert default_warc_dir("postgresql+psycopg://u@db/news") == Path("warc")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory):
    """One crawl of the replica with the recorder on (the default), then a replay offline."""
    tmp = tmp_path_factory.mktemp("archive")
    site = ReplicaSite()
    with ReplicaServer(site) as server:
        crawl = scrapy_crawl(server.base_url, f"sqlite:///{tmp / 'crawl.db'}")
        requests = list(server.requests)
        base = server.base_url
    # The server is gone: a replay that touched the network would fail.
    replay = scrapy_crawl(
        base, f"sqlite:///{tmp / 'replay.db'}", settings={"AUTONEWS_REPLAY_WARC": str(tmp / "warc")}
    )
    return {"tmp": tmp, "site": site, "base": base, "crawl": crawl, "replay": replay, "requests": requests}


def test_crawl_records_every_response_with_its_bytes(recorded) -> None:
    assert recorded["crawl"].returncode == 0, recorded["crawl"].stderr[-2000:]
    responses = list(iter_responses(recorded["tmp"] / "warc"))
    paths = sorted(r.url.removeprefix(recorded["base"]) for r in responses)
    assert paths == sorted(recorded["requests"])  # robots.txt, redirects and the 404 too
    site = recorded["site"]
    for r in responses:
        assert r.body == site.get(r.url.removeprefix(recorded["base"])).body, r.url
        assert r.site == "qiche"


def test_every_stored_article_has_its_record(recorded) -> None:
    index = ArchiveIndex.build(recorded["tmp"] / "warc")
    with sqlite3.connect(recorded["tmp"] / "crawl.db") as conn:
        urls = [u for (u,) in conn.execute("select url from articles")]
    assert urls and all(u in index for u in urls)


def test_replay_rebuilds_the_same_database_offline(recorded) -> None:
    assert recorded["replay"].returncode == 0, recorded["replay"].stderr[-2000:]
    assert "autonews/warc/replay_hit" in recorded["replay"].stderr
    query = "select url, title, published_at, source, author, body from articles order by url"
    with (
        sqlite3.connect(recorded["tmp"] / "crawl.db") as a,
        sqlite3.connect(recorded["tmp"] / "replay.db") as b,
    ):
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        links = "select to_url, kind, position, title from links order by to_url, kind, position, title"
        assert a.execute(links).fetchall() == b.execute(links).fetchall()
