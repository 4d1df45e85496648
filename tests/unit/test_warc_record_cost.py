"""The WARC record's cheaper id and date read as uuid4 and strftime did."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from autonews.archive.writer import _record_id, _warc_date


def test_record_id_is_a_random_uuid4_as_printed() -> None:
    ids = {_record_id() for _ in range(500)}
    assert len(ids) == 500
    for rid in ids:
        parsed = uuid.UUID(rid)
        assert str(parsed) == rid
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122


@pytest.mark.parametrize(
    "when",
    [
        datetime(2024, 1, 1, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2024, 1, 1, 8, 0, 0, 1, tzinfo=timezone(timedelta(hours=8))),
        datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 0, 0),  # naive: local time, as astimezone() reads it
    ],
)
def test_warc_date_matches_strftime(when: datetime) -> None:
    assert _warc_date(when) == when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_same_instant_in_two_zones_shares_one_date() -> None:
    utc = datetime(2024, 3, 1, 4, 5, 6, 7, tzinfo=UTC)
    shanghai = utc.astimezone(timezone(timedelta(hours=8)))
    assert _warc_date(shanghai) == _warc_date(utc) == "2024-03-01T04:05:06Z"
