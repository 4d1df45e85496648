"""Read response records back from a directory of WARC files.

``ArchiveIndex`` keeps only where each URL's newest record lies (file, offset),
so a 100,000-page archive indexes in a few MB and any page is one seek away.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from autonews.archive.writer import SITE_HEADER, ResponseRecord

# Framing headers that no longer describe a body we hand out decoded.
_FRAMING = frozenset({"transfer-encoding", "content-encoding", "content-length"})


@dataclass(frozen=True, slots=True)
class ArchivedResponse(ResponseRecord):
    """One stored response; ``body`` is the payload with any Content-Encoding undone."""

    @property
    def content_type(self) -> str | None:
        return next((v for k, v in self.headers if k.lower() == "content-type"), None)


@dataclass(frozen=True, slots=True)
class RecordRef:
    path: Path
    offset: int
    fetched_at: datetime
    site: str | None
    status: int


def warc_files(directory: Path | str) -> list[Path]:
    """The archive's files in name order: names start with their run's UTC time."""
    root = Path(directory)
    if not root.is_dir():
        raise FileNotFoundError(f"no WARC directory at {root}")
    return sorted(p for p in root.rglob("*") if p.name.endswith((".warc.gz", ".warc")))


def iter_responses(directory: Path | str) -> Iterator[ArchivedResponse]:
    """Every response record of every file, in file order."""
    for path in warc_files(directory):
        with path.open("rb") as f:
            for record in ArchiveIterator(f):
                if record.rec_type == "response":
                    yield _to_response(record)


class ArchiveIndex:
    """URL → newest response record (by fetch time, later files winning ties)."""

    def __init__(self, refs: dict[str, RecordRef]) -> None:
        self.refs = refs

    @classmethod
    def build(cls, directory: Path | str) -> ArchiveIndex:
        refs: dict[str, RecordRef] = {}
        for path in warc_files(directory):
            with path.open("rb") as f:
                it = ArchiveIterator(f)
                for record in it:
                    if record.rec_type != "response":
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    status = int(record.http_headers.get_statuscode() or 0)
                    ref = RecordRef(path, it.get_record_offset(), _fetched_at(record), _site(record), status)
                    old = refs.get(url)
                    if old is None or ref.fetched_at >= old.fetched_at:
                        refs[url] = ref
        return cls(refs)

    def __contains__(self, url: object) -> bool:
        return url in self.refs

    def __len__(self) -> int:
        return len(self.refs)

    def get(self, url: str) -> ArchivedResponse | None:
        ref = self.refs.get(url)
        return read_at(ref.path, ref.offset) if ref is not None else None


def read_at(path: Path, offset: int) -> ArchivedResponse:
    """The record starting at ``offset`` (each gzip member is one record, so seeking is safe)."""
    with path.open("rb") as f:
        f.seek(offset)
        record = next(iter(ArchiveIterator(f)))
        return _to_response(record)


def _to_response(record: ArcWarcRecord) -> ArchivedResponse:
    http = record.http_headers
    body = record.content_stream().read()  # undoes chunking and gzip/deflate/br
    headers = [(k, v) for k, v in http.headers if k.lower() not in _FRAMING]
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=int(http.get_statuscode() or 0),
        headers=headers,
        body=body,
        fetched_at=_fetched_at(record),
        site=_site(record),
    )


def _fetched_at(record: ArcWarcRecord) -> datetime:
    raw = record.rec_headers.get_header("WARC-Date") or "1970-01-01T00:00:00Z"
    return datetime.fromisoformat(raw.replace("Z", "+00:00")).astimezone(UTC)


def _site(record: ArcWarcRecord) -> str | None:
    return record.rec_headers.get_header(SITE_HEADER)
