"""Tests for autonews.text.decoding."""

from __future__ import annotations

import random

import pytest

from autonews.text.decoding import Decoded, charset_from_content_type, decode_html, looks_mojibake

ZH = "比亚迪发布全新车型，吉利汽车销量增长。堃喆汽车评测：中国新能源车。"
PAGE = f"<html><head><title>{ZH}</title></head><body><p>{ZH * 3}</p></body></html>"


def meta_page(charset: str, text: str = PAGE) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">{text}'


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text/html; charset=UTF-8", "utf-8"),
        ("text/html;charset=utf8", "utf-8"),
        (b'text/html; charset="GBK"', "gb18030"),
        ("text/html; charset=gb2312", "gb18030"),
        ("text/html; charset=x-gbk", "gb18030"),
        ("text/html; charset=GB_2312-80", "gb18030"),
        ("text/html; charset=chinese", "gb18030"),
        ("text/html; charset=ISO-8859-1;", "cp1252"),
        ("text/html; charset=latin1", "cp1252"),
        ("text/html; charset=US-ASCII", "cp1252"),
        ("text/html; charset=big5", "big5"),
        ("text/html; charset='windows-1252'", "cp1252"),
        ("text/html; charset=bogus-label", None),
        ("text/html; charset=utf-7", None),
        ("text/html", None),
        ("", None),
        (None, None),
    ],
)
def test_charset_from_content_type(value: str | bytes | None, expected: str | None) -> None:
    assert charset_from_content_type(value) == expected


# ---------------------------------------------------------------- precedence


def test_bom_utf8() -> None:
    d = decode_html(b"\xef\xbb\xbf" + PAGE.encode(), "text/html; charset=gbk")
    assert (d.text, d.encoding, d.source, d.declared) == (PAGE, "utf-8", "bom", "gb18030")
    assert not d.mojibake


@pytest.mark.parametrize(("bom", "codec"), [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_bom_utf16(bom: bytes, codec: str) -> None:
    d = decode_html(bom + PAGE.encode(codec))
    assert (d.text, d.encoding, d.source) == (PAGE, codec, "bom")


def test_header_beats_meta() -> None:
    d = decode_html(meta_page("gbk").encode("utf-8"), "text/html; charset=utf-8")
    assert (d.encoding, d.source, d.declared) == ("utf-8", "header", "utf-8")
    assert ZH in d.text


def test_meta_used_without_header() -> None:
    d = decode_html(b'<meta charset="utf-8">' + PAGE.encode())
    assert (d.encoding, d.source, d.declared) == ("utf-8", "meta", "utf-8")


def test_meta_gb2312_with_gbk_only_chars_uses_gb18030() -> None:
    # 堃 and 喆 are not in GB2312; a strict gb2312 decoder would mangle them.
    body = meta_page("gb2312").encode("gbk")
    d = decode_html(body)
    assert (d.encoding, d.source, d.declared) == ("gb18030", "meta", "gb18030")
    assert "堃喆" in d.text
    assert not d.mojibake


def test_meta_beyond_4k_ignored() -> None:
    body = (" " * 5000 + meta_page("gbk")).encode("gbk")
    d = decode_html(body)
    assert d.source == "sniff" and d.declared is None
    assert d.encoding == "gb18030"


def test_unknown_header_label_falls_through_to_meta() -> None:
    d = decode_html(meta_page("gbk").encode("gbk"), "text/html; charset=x-unknown")
    assert (d.encoding, d.source) == ("gb18030", "meta")


# ---------------------------------------------------------------- sniffing


def test_undeclared_utf8() -> None:
    d = decode_html(PAGE.encode())
    assert (d.text, d.encoding, d.source, d.declared) == (PAGE, "utf-8", "sniff", None)


def test_undeclared_gbk_is_gb18030_not_cp1252() -> None:
    d = decode_html(PAGE.encode("gbk"))
    assert (d.text, d.encoding, d.source) == (PAGE, "gb18030", "sniff")
    assert not d.mojibake


def test_ascii_only() -> None:
    d = decode_html(b"<html><p>hello</p></html>")
    assert (d.text, d.encoding, d.mojibake) == ("<html><p>hello</p></html>", "utf-8", False)


def test_truncated_utf8_is_still_utf8() -> None:
    d = decode_html(PAGE.encode()[:-20][:-1])  # cut inside a multi-byte char
    assert d.encoding == "utf-8"
    assert ZH in d.text


# ---------------------------------------------------------------- wrong declarations


def test_header_utf8_but_gbk_bytes_falls_back() -> None:
    d = decode_html(PAGE.encode("gbk"), "text/html; charset=utf-8")
    assert (d.text, d.encoding, d.source, d.declared) == (PAGE, "gb18030", "sniff", "utf-8")
    assert not d.mojibake


def test_header_utf8_but_gbk_bytes_mostly_ascii_page() -> None:
    # Few Chinese chars in a big ASCII page: error share is tiny, still detected.
    page = "<html>" + "x" * 20000 + "<title>中文标题</title></html>"
    d = decode_html(page.encode("gbk"), "text/html; charset=utf-8")
    assert (d.encoding, d.source) == ("gb18030", "sniff")
    assert "中文标题" in d.text


def test_meta_gbk_but_utf8_bytes_falls_back() -> None:
    d = decode_html(meta_page("gbk").encode("utf-8"))
    assert (d.encoding, d.source, d.declared) == ("utf-8", "sniff", "gb18030")
    assert ZH in d.text


def test_latin1_declared_latin1_page() -> None:
    d = decode_html("<p>Café crème brûlée</p>".encode("latin-1"), "text/html; charset=ISO-8859-1")
    assert (d.text, d.encoding, d.source, d.declared) == (
        "<p>Café crème brûlée</p>",
        "cp1252",
        "header",
        "cp1252",
    )
    assert not d.mojibake


def test_latin1_declared_but_gbk_bytes_falls_back() -> None:
    # Classic server default "ISO-8859-1" on a GBK page.
    d = decode_html(PAGE.encode("gbk"), "text/html; charset=ISO-8859-1")
    assert (d.text, d.encoding, d.source, d.declared) == (PAGE, "gb18030", "sniff", "cp1252")


def test_utf8_page_with_one_stray_byte_keeps_declared() -> None:
    body = PAGE.encode() + b"\xff" + PAGE.encode()
    d = decode_html(body, "text/html; charset=utf-8")
    assert (d.encoding, d.source) == ("utf-8", "header")
    assert d.text.count("\ufffd") == 1


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize("content_type", [None, "text/html; charset=utf-8", "text/html; charset=gbk"])
def test_binary_junk_does_not_raise(content_type: str | None) -> None:
    junk = random.Random(42).randbytes(8000)
    d = decode_html(junk, content_type)
    # Neither the header's charset nor GB18030 reads it: the sniff's single-byte codec
    # keeps every byte (one character each), and the page is flagged to be dropped.
    assert (d.encoding, d.source, d.mojibake, len(d.text)) == ("cp1252", "sniff", True, 8000)
    assert d.text == junk.decode("cp1252", "replace")


@pytest.mark.parametrize(
    ("body", "text", "encoding", "source", "mojibake"),
    [
        (b"", "", "utf-8", "sniff", False),
        (b"\xef\xbb\xbf", "", "utf-8", "bom", False),  # a BOM alone: an empty UTF-8 page
        (b"\xff", "\ufffd", "utf-8", "sniff", True),
        (b"\x00" * 10, "\x00" * 10, "utf-8", "sniff", False),
        (b"\xfe\xff\x00", "\ufffd", "utf-16-be", "bom", True),  # half a UTF-16 code unit after the BOM
    ],
)
def test_odd_bodies(body: bytes, text: str, encoding: str, source: str, mojibake: bool) -> None:
    assert decode_html(body) == Decoded(text, encoding, source, None, mojibake)


def test_fuzz_never_raises() -> None:
    rnd = random.Random(7)
    content_types = [
        None,
        "text/html; charset=utf-8",
        "text/html; charset=gbk",
        "text/html; charset=utf-16",
        b"\xff",
    ]
    for _ in range(500):
        body = rnd.randbytes(rnd.randint(0, 2000))
        if rnd.random() < 0.3:
            body = b'<meta charset="' + rnd.choice([b"gbk", b"utf-16", b"xx", b"big5"]) + b'">' + body
        if rnd.random() < 0.2:
            body = rnd.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + body
        d = decode_html(body, rnd.choice(content_types))
        # Whatever it chose, the text is exactly the body (less the BOM it went by) in that
        # codec: nothing dropped, nothing invented.
        bom = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
        raw = body.removeprefix(bom[d.encoding]) if d.source == "bom" else body
        assert d.text == raw.decode(d.encoding, "replace")


def test_non_bytes_inputs() -> None:
    assert decode_html(bytearray(PAGE.encode())).text == PAGE
    assert decode_html(memoryview(PAGE.encode())).text == PAGE
    assert decode_html(None).text == ""  # type: ignore[arg-type]


# ---------------------------------------------------------------- looks_mojibake


@pytest.mark.parametrize(
    "text",
    [
        "ä¸­æ–‡",  # UTF-8 read as cp1252
        "锟斤拷锟斤拷",  # GBK round-trip of U+FFFD
        "CafÃ© crÃ¨me",
        "Itâ€™s new",
        "ï¼Œ",
        PAGE.encode("gbk").decode("cp1252", "replace"),  # Chinese read as cp1252
        "ÖÐ¹úÆû³µ",
        PAGE.encode("utf-8").decode("gb18030", "replace"),  # UTF-8 read as GBK
        "abc\ufffd\ufffd",
    ],
)
def test_looks_mojibake_positive(text: str) -> None:
    assert looks_mojibake(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii",
        ZH,
        PAGE,
        "Café crème, naïve façade, Straße „Fuß“",
        "价格：¥12.98万 ©2024 汽车之家",
        "\u00a0" * 8 + "作者：张三",
        ZH * 200 + "\ufffd",  # one stray replacement char in a long text
    ],
)
def test_looks_mojibake_negative(text: str) -> None:
    assert not looks_mojibake(text)
