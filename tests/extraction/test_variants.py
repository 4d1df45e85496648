"""Markup variants the site might serve: the generic path must match the true values."""

from __future__ import annotations

import json

import pytest

from tests.support.fixture_tool import FIXTURES, extract_case

VARIANTS = sorted(p.parent for p in (FIXTURES / "qiche").glob("variant_*/truth.json"))


@pytest.mark.parametrize("case", VARIANTS, ids=[c.name for c in VARIANTS])
def test_variant_matches_truth(case) -> None:
    truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
    got = extract_case(case)
    assert {k: got.get(k) for k in truth} == truth
    assert got["related"] and got["latest"]
