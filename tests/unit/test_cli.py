"""Every command has --help with a real example and a place in the README; the
page commands work on raw bytes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from autonews.cli import cli
from tests.conftest import ROOT
from tests.support.fixture_tool import FIXTURES

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"autonews {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"autonews {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "autonews", *args], input=stdin, capture_output=True, cwd=ROOT
    )


def test_extract_one_page_prints_its_fields() -> None:
    case = FIXTURES / "qiche" / "replica_gbk_page1"
    info = json.loads((case / "info.json").read_text(encoding="utf-8"))
    proc = _run("extract", str(case / "body.html"), "--url", info["url"])
    out = json.loads(proc.stdout)
    assert out["extractor"] == "site:qiche:v1" and "李堃" in out["body"]
    assert out["published_at"].endswith("+08:00") and out["channel"] == "hangye"


def test_extract_manifest_generic_jsonl(tmp_path: Path) -> None:
    rows = []
    for name in ("variant_a", "variant_c"):
        info = json.loads((FIXTURES / "qiche" / name / "info.json").read_text(encoding="utf-8"))
        charset = "gbk" if name == "variant_c" else "utf-8"
        rows.append(
            {"path": str(FIXTURES / "qiche" / name / "body.html"), "url": info["url"], "encoding": charset}
        )
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    proc = _run("extract", "--generic", "--jsonl", "--manifest", str(manifest))
    lines = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [line["extractor"] for line in lines] == ["generic", "generic"]
    assert "李堃" in lines[1]["body"]


def test_extract_missing_file_is_one_line() -> None:
    proc = _run("extract", "/nonexistent.html")
    assert proc.returncode != 0 and b"Traceback" not in proc.stderr


def test_runs_on_missing_database_is_one_line(tmp_path: Path) -> None:
    proc = _run("runs", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert proc.returncode == 1
    assert proc.stderr.decode().strip().startswith("Error: no database at")
    assert not (tmp_path / "none.db").exists()
