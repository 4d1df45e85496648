"""The search index's tokens: Python and SQL cut text alike, and SQLite keeps each token whole."""

from __future__ import annotations

import random
import sqlite3

import pytest

from autonews.store.segment import PLACEHOLDER, TOKEN_RANGES, exact_in_index, segment, segment_sql

ODD = "小米SU7 su7，。、“”（）!\n\t车型ア한ＡＢ１😀𠀀é~zz\u3000\u00a0"


def _sql_segment(conn: sqlite3.Connection, text: str | None) -> str | None:
    return conn.execute(f"SELECT {segment_sql('?1')}", (text,)).fetchone()[0]


@pytest.mark.parametrize("length", [0, 1, 31, 32, 33, 64, 500])
def test_sql_and_python_cut_alike(length: int) -> None:
    rng = random.Random(length)
    conn = sqlite3.connect(":memory:")
    for _ in range(20):
        text = "".join(rng.choice(ODD) for _ in range(length))
        python, sql = segment(text), _sql_segment(conn, text)
        assert (python or "").split() == (sql or "").split(), text
        assert python is None or len(python.split()) == len(text)  # one token per character


def test_each_token_character_is_one_whole_token_in_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 0')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    chars = [chr(c) for lo, hi in TOKEN_RANGES for c in range(lo, hi + 1)]
    conn.executemany("INSERT INTO t(x) VALUES (?)", [(segment(c),) for c in chars])
    conn.execute("INSERT INTO t(x) VALUES (?)", (segment("，"),))
    terms = {term for (term,) in conn.execute("SELECT term FROM v")}
    assert terms == {c.lower() for c in chars} | {PLACEHOLDER}


def test_other_characters_become_the_placeholder() -> None:
    assert segment("小米SU7，") == "小 米 S U 7 zz"
    assert segment("a b") == "a zz b"
    assert segment("") is None
    assert exact_in_index("小米7") and not exact_in_index("SU7") and not exact_in_index("车，")
