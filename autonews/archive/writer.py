"""Write fetched responses into gzipped WARC files, one file per run, rotated by size.

Every record is its own gzip member and is pushed to the OS as soon as it is
written, so a SIGKILL can lose the Python process but never a record that an
item was already built from.  ``sync()`` adds an fsync for power loss; the
store calls it (through ``archive_sync``) before a batch commits.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SITE_HEADER = "X-Autonews-Site"  # which site profile read the page (a mirror's host says nothing)
# Hop-by-hop framing: the body we store is already de-chunked by the HTTP client.
_DROP_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True, slots=True)
class FetchedResponse:
    """What the server sent for one request, as bytes on the wire (before decompression)."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    site: str | None = None


def default_warc_dir(database_url: str | None) -> Path:
    """``warc/`` beside a SQLite database file, else ``./warc``: the archive stays with
    the rows it backs (and a test's temporary database gets a temporary archive)."""
    prefix = "sqlite:///"
    if database_url and database_url.startswith(prefix) and ":memory:" not in database_url:
        return Path(database_url[len(prefix) :]).parent / "warc"
    return Path("warc")


class WarcArchive:
    """Appends response records to ``<dir>/<prefix>-<UTC time>-<pid>-<n>.warc.gz``."""

    def __init__(self, directory: Path | str, *, max_bytes: int = 1 << 30, prefix: str = "autonews") -> None:
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.stem = f"{prefix}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}"
        self.records = 0
        self._index = 0
        self._file: BinaryIO | None = None
        self.paths: list[Path] = []
        # warcio formats the record (headers, digests) uncompressed into this buffer; we
        # gzip it ourselves at level 6: warcio's fixed level 9 cost 3x the CPU for ~3% size.
        self._buffer = BytesIO()
        self._writer = WARCWriter(self._buffer, gzip=False)

    def write(self, fetched: FetchedResponse) -> None:
        out = self._current()
        writer = self._writer
        status = f"{fetched.status} {_reason(fetched.status)}"
        headers = [(k, v) for k, v in fetched.headers if k.lower() not in _DROP_HEADERS]
        http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": _warc_date(fetched.fetched_at)}
        if fetched.site:
            warc_headers[SITE_HEADER] = fetched.site
        record = writer.create_warc_record(
            fetched.url,
            "response",
            payload=BytesIO(fetched.body),
            length=len(fetched.body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        self._buffer.seek(0)
        self._buffer.truncate()
        writer.write_record(record)
        # One gzip member per record, as the WARC spec recommends: readers can seek to it.
        compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        out.write(compressor.compress(self._buffer.getvalue()) + compressor.flush())
        out.flush()  # into the OS page cache: survives SIGKILL of this process
        self.records += 1

    def sync(self) -> None:
        """fsync the open file: records written so far survive a power cut too."""
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self.sync()
            self._file.close()
            self._file = None

    def _current(self) -> BinaryIO:
        if self._file is not None and self._file.tell() >= self.max_bytes:
            self.close()
        if self._file is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._index += 1
            path = self.directory / f"{self.stem}-{self._index:05d}.warc.gz"
            self._file = open(path, "ab")  # noqa: SIM115 - lives until close()/rotation
            self.paths.append(path)
        return self._file

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
