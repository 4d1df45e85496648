"""The page is parsed from its bytes when they are valid UTF-8: the same tree as from the text."""

from __future__ import annotations

import pytest
from lxml import etree

from autonews.extract.dom import parse_html
from autonews.extract.page import parse_page

BODY = (
    "<html><head><title>标题</title></head><body><div class='a'><p>正文第一段&amp;。</p></div></body></html>"
)


def _same_tree(body: bytes, content_type: str | None) -> tuple[str, str]:
    decoded, root = parse_page(body, content_type)
    return etree.tostring(root, encoding="unicode"), etree.tostring(
        parse_html(decoded.text), encoding="unicode"
    )


def test_utf8_bytes_parse_to_the_text_tree() -> None:
    got, want = _same_tree(BODY.encode("utf-8"), "text/html; charset=utf-8")
    assert got == want
    assert "正文第一段&amp;。" in got


def test_header_charset_beats_a_stale_meta_in_the_bytes_parse() -> None:
    # libxml2 would follow the <meta> and read the UTF-8 bytes as GBK; the header says UTF-8.
    body = BODY.replace("<head>", "<head><meta charset='gb2312'>").encode("utf-8")
    got, want = _same_tree(body, "text/html; charset=utf-8")
    assert got == want
    assert "标题" in got


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (("<?xml version='1.0' encoding='utf-8'?>" + BODY).encode("utf-8"), "text/html; charset=utf-8"),
        (BODY.encode("utf-8")[:-30] + b"\xff\xfe" + BODY.encode("utf-8")[-30:], "text/html; charset=utf-8"),
        (BODY.encode("gb18030"), "text/html; charset=gbk"),
        (b"\xef\xbb\xbf" + BODY.encode("utf-8"), None),
    ],
    ids=["xml-declaration", "invalid-utf8", "gbk", "bom"],
)
def test_other_pages_parse_as_their_text(body: bytes, content_type: str | None) -> None:
    got, want = _same_tree(body, content_type)
    assert got == want
    assert "<html>" in got
