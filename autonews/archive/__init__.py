"""The raw archive: every fetched response kept, gzipped, in WARC files.

``writer`` appends records, ``reader`` finds them again, ``middleware`` records
a crawl or replays one offline, ``stitch`` turns an article's pages into one item.
"""

from autonews.archive.middleware import REPLAYED, WarcRecorderMiddleware, WarcReplayMiddleware, archive_sync
from autonews.archive.reader import ArchivedResponse, ArchiveIndex, iter_responses, warc_files
from autonews.archive.writer import FetchedResponse, WarcArchive, default_warc_dir

__all__ = [
    "REPLAYED",
    "ArchiveIndex",
    "ArchivedResponse",
    "FetchedResponse",
    "WarcArchive",
    "WarcRecorderMiddleware",
    "WarcReplayMiddleware",
    "archive_sync",
    "default_warc_dir",
    "iter_responses",
    "warc_files",
]
