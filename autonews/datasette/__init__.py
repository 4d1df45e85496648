"""Browsing the database in Datasette: metadata (descriptions, canned queries) and a launcher.

Datasette keys metadata by database name, which is the file's stem, so the
metadata is built for the file being served rather than shipped as one JSON.
``autonews browse --metadata`` prints it for running ``datasette`` by hand.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from autonews.datasette.metadata import DATABASE, QUERIES, TABLES

INSTALL_HINT = "Datasette is not installed: pip install 'autonews[browse]' (or pip install datasette)"


def metadata_for(db_path: Path) -> dict[str, Any]:
    """Datasette metadata for the database file ``db_path``."""
    return {
        "title": "autonews 汽车新闻库",
        "description": DATABASE,
        "databases": {db_path.stem: {"description": DATABASE, "tables": TABLES, "queries": QUERIES}},
    }


def datasette_available() -> bool:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return False
    return True


def serve_command(db_path: Path, metadata_file: Path, *, host: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata_file),
        "--host", host, "--port", str(port),
        # Searches of common characters read many candidates; the default 1 s is tight on big files.
        "--setting", "sql_time_limit_ms", "5000",
    ]  # fmt: skip


def serve(db_path: Path, *, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run Datasette on ``db_path`` until Ctrl-C; returns its exit status."""
    if not datasette_available():
        raise RuntimeError(INSTALL_HINT)
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata_for(db_path), ensure_ascii=False, indent=2), encoding="utf-8")
        proc = subprocess.Popen(serve_command(db_path, meta, host=host, port=port))

        def forward(signum: int, _frame: object) -> None:
            # Stopping `autonews browse` by its PID stops Datasette too (and then the
            # temporary metadata file goes with the `with` block).
            proc.send_signal(signum)

        previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGHUP)}
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            proc.wait()
            return 0
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
