"""One parametrized test over every fixture: raw bytes + headers in, every field checked."""

from __future__ import annotations

import json

import pytest

from tests.support.fixture_tool import cases, extract_case

CASES = cases()


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_fixture(case) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    got = extract_case(case)
    for field in sorted(set(expected) | set(got)):
        assert got.get(field) == expected.get(field), field
