"""Fixtures are what the server sent: ``body.html`` (raw bytes), ``info.json``
(url, status, headers, fetched_at) and ``expected.json`` (every field).

    python -m tests.support.fixture_tool capture     # (re)capture the replica cases below
    python -m tests.support.fixture_tool regen       # rewrite every expected.json after a deliberate change

Review the diff of expected.json like code.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from autonews.extract import extract_article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SITE_URL = "http://www.qi-che.com"
FETCHED_AT = "2024-11-25T12:00:00+08:00"
# One case per layout or trap the replica serves.
REPLICA_CASES = {
    "replica_seed_v1": "/hangye/xinwen-20241022341208.html",
    "replica_gbk_page1": "/hangye/xinwen-20240228312764.html",
    "replica_gbk_page2": "/hangye/xinwen-20240228312764_2.html",
    "replica_three_pages_last": "/pingce/xinwen-20240515316823_3.html",
    "replica_yearless": "/hangye/xinwen-20241015324011.html",
    "replica_no_source": "/shehuiredia/xinwen-20240716319504.html",
    "replica_dead_related": "/hangye/xinwen-20240305313320.html",
    "replica_legacy_v0_gbk": "/shehuiredia/xinwen-20160706270778.html",
    "replica_legacy_v0_utf8": "/hangye/xinwen-20160712271035.html",
}
IGNORED = {"encoding"}


def load_case(case: Path) -> tuple[bytes, dict[str, Any]]:
    return (case / "body.html").read_bytes(), json.loads((case / "info.json").read_text(encoding="utf-8"))


def extract_case(case: Path) -> dict[str, Any]:
    body, info = load_case(case)
    headers = {k.lower(): v for k, v in info.get("headers", {}).items()}
    now = datetime.fromisoformat(info["fetched_at"])  # the clock frozen at fetch time
    out = extract_article(body, info["url"], content_type=headers.get("content-type"), now=now)
    return {k: v for k, v in out.items() if k not in IGNORED}


def cases() -> list[Path]:
    return sorted(p.parent for p in FIXTURES.glob("*/*/info.json"))


def capture() -> None:
    from autonews.replica import ReplicaSite

    site = ReplicaSite(family="legacy")  # the fixtures were captured from the 2016-shape pages
    for name, path in REPLICA_CASES.items():
        resp = site.get(path)
        case = FIXTURES / "qiche" / name
        case.mkdir(parents=True, exist_ok=True)
        (case / "body.html").write_bytes(resp.body)
        info = {
            "url": SITE_URL + path,
            "status": resp.status,
            "headers": resp.headers,
            "fetched_at": FETCHED_AT,
        }
        (case / "info.json").write_text(
            json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def regen() -> None:
    for case in cases():
        out = json.dumps(extract_case(case), ensure_ascii=False, indent=2) + "\n"
        (case / "expected.json").write_text(out, encoding="utf-8")
        print(f"wrote {case.relative_to(FIXTURES)}/expected.json")


if __name__ == "__main__":
    {"capture": capture, "regen": regen}[sys.argv[1] if len(sys.argv) > 1 else "regen"]()
