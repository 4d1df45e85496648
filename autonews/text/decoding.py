"""Bytes to text the way a browser would, with repairs for lying declarations.

Order: BOM -> HTTP ``Content-Type`` charset -> ``<meta>`` (first 4 KiB) -> sniff.
Labels are normalised per the WHATWG Encoding Standard (gb2312/gbk -> gb18030,
latin-1/ascii -> cp1252, ...).  Unlike a browser we do not trust a declaration
that visibly fails (many U+FFFD, or valid UTF-8 / clean GB18030 bytes under
another label); ``declared`` keeps what the page claimed so callers can count
"wrong charset declared".  Nothing here raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

META_SCAN_BYTES = 4096
# Declared decoding is rejected above this share of U+FFFD (browsers would show
# them; we would rather sniff).
MAX_DECLARED_ERROR_SHARE = 0.005
# Sniffing accepts a multi-byte codec with at most this share of errors
# (a few corrupt bytes in an otherwise fine page).
MAX_SNIFF_ERROR_SHARE = 0.001


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # codec actually used, e.g. "utf-8", "gb18030", "cp1252"
    source: str  # "bom" | "header" | "meta" | "sniff"
    declared: str | None  # what header/meta declared, normalised
    mojibake: bool  # looks wrongly decoded (see looks_mojibake)


# --------------------------------------------------------------------------- labels


def _labels(codec: str, *names: str) -> dict[str, str]:
    return dict.fromkeys(names, codec)


# WHATWG labels (https://encoding.spec.whatwg.org/#names-and-labels) mapped to
# the Python codec that matches the browser decoder.  Unknown labels are
# ignored, as browsers do.  "utf-7", "rot13" and friends are deliberately absent.
_LABEL_TO_CODEC: dict[str, str] = {
    **_labels(
        "utf-8", "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"
    ),
    **_labels(
        "gb18030",
        "gb18030",
        "gbk",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "iso-ir-58",
        "x-gbk",
        "cp936",
        "ms936",
        "windows-936",
        "euc-cn",
        "x-euc-cn",
    ),
    # The lead asked to keep big5 as big5 (Python's big5hkscs would be closer
    # to the WHATWG decoder, which includes the HKSCS extensions).
    **_labels("big5", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950"),
    **_labels(
        "cp1252",
        "windows-1252",
        "cp1252",
        "x-cp1252",
        "iso-8859-1",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "latin1",
        "l1",
        "ascii",
        "us-ascii",
        "ansi_x3.4-1968",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-ir-100",
        "x-user-defined",
    ),
    **_labels("utf-16-le", "utf-16", "utf-16le", "unicode", "csunicode", "iso-10646-ucs-2", "ucs-2"),
    **_labels("utf-16-be", "utf-16be", "unicodefffe"),
    **_labels(
        "shift_jis", "shift_jis", "shift-jis", "sjis", "ms_kanji", "csshiftjis", "windows-31j", "x-sjis"
    ),
    **_labels("euc_jp", "euc-jp", "cseucpkdfmtjapanese", "x-euc-jp"),
    **_labels("iso2022_jp", "iso-2022-jp", "csiso2022jp"),
    **_labels("euc_kr", "euc-kr", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "windows-949"),
    **_labels("koi8_r", "koi8-r", "koi8_r", "koi", "koi8", "cskoi8r"),
    **_labels("koi8_u", "koi8-u", "koi8-ru"),
    **_labels("cp874", "windows-874", "tis-620", "iso-8859-11", "dos-874"),
    **{f"windows-{n}": f"cp{n}" for n in range(1250, 1259) if n != 1252},
    **{f"cp{n}": f"cp{n}" for n in range(1250, 1259) if n != 1252},
    **{f"iso-8859-{n}": f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **{f"iso8859-{n}": f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    # Python spellings seen in the wild.
    **_labels("utf-8", "utf_8", "utf-8-sig"),
    **_labels("gb18030", "gb-18030", "gb18030-2000", "gb18030-2005"),
}


def normalize_label(label: str | bytes | None) -> str | None:
    """Browser-style label -> Python codec name, or None if unknown."""
    if label is None:
        return None
    if isinstance(label, bytes):
        label = label.decode("latin-1")
    return _LABEL_TO_CODEC.get(label.strip().strip("\"'").strip().lower())


_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)


def charset_from_content_type(value: str | bytes | None) -> str | None:
    """``text/html; charset=GBK`` -> ``"gb18030"``; None if absent or unknown."""
    if not value:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    m = _CT_CHARSET.search(value)
    return normalize_label(m.group(1)) if m else None


# Both <meta charset="gbk"> and <meta http-equiv=... content="text/html; charset=gbk">.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.+-]+)""", re.IGNORECASE)


def _meta_charset(body: bytes) -> str | None:
    head = body[:META_SCAN_BYTES]
    for m in _META_CHARSET.finditer(head):
        codec = normalize_label(m.group(1))
        if codec is not None:
            # A meta can't honestly claim UTF-16 (it was readable as ASCII), so
            # WHATWG reads that claim as UTF-8.
            return "utf-8" if codec.startswith("utf-16") else codec
    m = _XML_DECL.search(head)
    if m is not None:
        codec = normalize_label(m.group(1))
        if codec is not None:
            return "utf-8" if codec.startswith("utf-16") else codec
    return None


# --------------------------------------------------------------------------- mojibake

# cp1252 / latin-1 renderings of the bytes 0x80-0xBF (UTF-8 continuation bytes)
# and of 0x80-0xFF (any high byte), used to spot text decoded with a
# single-byte codec that should have been UTF-8 or GBK.
_CONT_CHARS = "".join(
    sorted(
        set(bytes(range(0x80, 0xC0)).decode("cp1252", "ignore") + bytes(range(0x80, 0xC0)).decode("latin-1"))
    )
)
_HIGH_CHARS = "".join(
    sorted(
        set(
            bytes(range(0x80, 0x100)).decode("cp1252", "ignore") + bytes(range(0x80, 0x100)).decode("latin-1")
        )
    )
)
_CONT = "[" + re.escape(_CONT_CHARS) + "]"
# No-break spaces come in runs in real text (&nbsp; indentation), so they do
# not count towards a suspicious run.
_HIGH_CHARS = _HIGH_CHARS.replace("\u00a0", "")
_HIGH = "[" + re.escape(_HIGH_CHARS) + "]"
# Chars that UTF-8 Chinese turns into when read as GBK (涓 for 中/不/上, 鐨 for 的,
# 鏄 for 是, 鍦 for 在, 锛 for ，, 銆 for 。、) — rare in real text.
_GBK_GARBLE = "锛銆鐨鏄鍦涓"

# Classifier, tried only where _SUSPECT_CHAR hits; alternatives ordered so a
# long high-byte run is taken whole.
_SUSPECT = re.compile(
    "(?P<fffd>\ufffd+)"
    "|(?P<kun>锟斤拷)"
    f"|(?P<run>{_HIGH}{{4,}})"
    f"|(?P<strong>[\u00c2\u00c3]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}})"
    f"|(?P<weak>[\u00c4-\u00df]{_CONT})"
    f"|(?P<garble>[{_GBK_GARBLE}])"
)
# Any character that can start a suspect sequence.  A pattern that starts with a bare
# character class is searched by a tight C loop (~1 ns/char); trying the alternation
# above at every position costs ~90 ns/char.  Clean Chinese text has no hit at all.
# Chinese typography's quotes, dashes, ellipses and middle dots are cp1252/Latin-1
# characters too (~15 per replica page).  Alone they start no suspect sequence, only a
# ``run``, so they stop the scan (a trip through the Python loop below) only when 3 more
# high characters follow; the lookarounds run in C at candidate characters only.
_SUSPECT_CHARS = "\ufffd锟" + _HIGH_CHARS + _GBK_GARBLE
_PUNCT = "".join(c for c in "\u201c\u201d\u2018\u2019\u2014\u2026\u00b7" if c in _HIGH_CHARS)
_SUSPECT_CHAR = re.compile(
    f"[{re.escape(_SUSPECT_CHARS)}]"
    f"(?:(?<=[{re.escape(''.join(c for c in _SUSPECT_CHARS if c not in _PUNCT))}])|(?={_HIGH}{{3}}))"
)
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def looks_mojibake(text: str) -> bool:
    """Heuristic: does ``text`` look decoded with the wrong codec?

    Flags U+FFFD beyond 0.1%, ``锟斤拷``, UTF-8 read as cp1252 (``Ã©``, ``â€™``,
    ``ä¸­æ–‡``), Chinese read as cp1252 (runs like ``ÖÐÎÄ`` with little CJK) and
    UTF-8 read as GBK (``涓枃``, ``锛``).  Clean text costs one C-level scan for
    a suspect character that finds nothing.
    """
    if not text or text.isascii():
        return False
    fffd = run_chars = weak = garble = 0
    pos = 0
    while (hit := _SUSPECT_CHAR.search(text, pos)) is not None:
        m = _SUSPECT.match(text, hit.start())
        if m is None:  # a lone accented letter etc.
            pos = hit.end()
            continue
        pos = m.end()
        kind = m.lastgroup
        if kind == "kun" or kind == "strong":
            return True
        if kind == "fffd":
            fffd += pos - m.start()
        elif kind == "run":
            run_chars += pos - m.start()
        elif kind == "weak":
            weak += 1
            if weak >= 3:
                return True
        else:
            garble += 1
    if fffd > len(text) * 0.001:
        return True
    # Long Latin-1 runs only mean trouble when the text isn't mostly CJK anyway.
    if run_chars >= 6 and _cjk_count(text) < run_chars // 2:
        return True
    return garble >= 3 and garble * 50 >= _cjk_count(text)


# --------------------------------------------------------------------------- decoding


def _decode(body: bytes, codec: str) -> tuple[str, int]:
    """Decode with replacement; return text and error count.

    Up to 3 trailing U+FFFD are not counted: a body cut mid-character
    (truncated download) is not evidence of a wrong codec.
    """
    try:
        text = body.decode(codec, "replace")
    except LookupError:  # pragma: no cover - table holds only known codecs
        text = body.decode("cp1252", "replace")
    errors = text.count("\ufffd")
    if errors and text.endswith("\ufffd"):
        errors -= min(3, len(text) - len(text.rstrip("\ufffd")))
    return text, errors


def _nonascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _utf8_strict_nonascii(body: bytes) -> str | None:
    """The UTF-8 text if ``body`` is valid, non-ASCII UTF-8 (truncated tail allowed).

    Strict decoding stops at the first bad byte, so GBK pages are rejected
    after a few bytes instead of a full replace-and-count pass.
    """
    if body.isascii():
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(body) - 3:
            return body[: exc.start].decode("utf-8", "replace") + "\ufffd"
        return None


def _sniff(body: bytes) -> tuple[str, str]:
    """Best guess without (trustworthy) declarations: UTF-8, then GB18030, then cp1252."""
    if body.isascii():
        return body.decode("ascii"), "utf-8"
    utf8 = _utf8_strict_nonascii(body)
    if utf8 is not None:
        return utf8, "utf-8"
    g_text, g_err = _decode(body, "gb18030")
    if g_err == 0 and _CJK.search(g_text):
        return g_text, "gb18030"
    # A few corrupt bytes in an otherwise consistent page: keep the multi-byte
    # codec whose good output outweighs its errors by far.
    u_text, u_err = _decode(body, "utf-8")
    candidates = []
    if g_err <= max(2, len(g_text) * MAX_SNIFF_ERROR_SHARE) and _cjk_count(g_text) >= 10 * g_err:
        candidates.append((g_err, 1, g_text, "gb18030"))
    u_good = _nonascii_count(u_text) - u_err
    if u_err <= max(2, len(u_text) * MAX_SNIFF_ERROR_SHARE) and u_good >= 10 * u_err:
        candidates.append((u_err, 0, u_text, "utf-8"))
    if candidates:
        _, _, text, codec = min(candidates, key=lambda c: (c[0], c[1]))
        return text, codec
    return _decode(body, "cp1252")[0], "cp1252"


def _from_declared(body: bytes, codec: str) -> tuple[str, str, bool, bool]:
    """Decode with the declared codec; returns (text, codec, trusted, mojibake)."""
    if codec == "utf-8":
        # Common case first: valid UTF-8 needs no error counting.
        utf8 = body.decode("utf-8", "strict") if body.isascii() else _utf8_strict_nonascii(body)
        if utf8 is not None:
            return utf8, codec, True, looks_mojibake(utf8)
    text, errors = _decode(body, codec)
    if errors == 0:
        if codec != "utf-8":
            # Random GBK/Latin-1 bytes are practically never valid UTF-8, so
            # valid UTF-8 under another label means the label is stale.
            utf8 = _utf8_strict_nonascii(body)
            if utf8 is not None:
                return utf8, "utf-8", False, looks_mojibake(utf8)
        moji = looks_mojibake(text)  # e.g. GBK bytes under iso-8859-1 -> "ÖÐÎÄ"
        return text, codec, not moji, moji
    if errors > len(text) * MAX_DECLARED_ERROR_SHARE:
        return text, codec, False, True
    # Few errors overall, but if they outnumber the good non-ASCII characters the
    # page is mostly ASCII markup with mis-declared Chinese (GBK under "utf-8").
    good = _nonascii_count(text) - errors
    return text, codec, errors < good, looks_mojibake(text)


def _decode_html(body: bytes, content_type: str | bytes | None) -> Decoded:
    header = charset_from_content_type(content_type)
    meta = _meta_charset(body)
    declared = header or meta

    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if body.startswith(bom):
            text = _decode(body[len(bom) :], codec)[0]
            return Decoded(text, codec, "bom", declared, looks_mojibake(text))

    if declared is not None:
        source = "header" if header else "meta"
        text, codec, trusted, moji = _from_declared(body, declared)
        if codec != declared:  # the stale-label UTF-8 override inside _from_declared
            return Decoded(text, codec, "sniff", declared, moji)
        if trusted:
            return Decoded(text, codec, source, declared, moji)
        s_text, s_codec = _sniff(body)
        s_moji = looks_mojibake(s_text)
        # Sniffing only wins if it actually reads better.
        if not s_moji or moji:
            return Decoded(s_text, s_codec, "sniff", declared, s_moji)
        return Decoded(text, codec, source, declared, moji)

    text, codec = _sniff(body)
    return Decoded(text, codec, "sniff", None, looks_mojibake(text))


def decode_html(body: bytes, content_type: str | bytes | None = None) -> Decoded:
    """Decode an HTML response body like a browser (see module docstring). Never raises."""
    try:
        if body is None:
            body = b""
        elif isinstance(body, str):  # already text: nothing to decode
            return Decoded(body, "utf-8", "sniff", None, looks_mojibake(body))
        elif not isinstance(body, bytes):
            body = bytes(body)
        return _decode_html(body, content_type)
    except Exception:  # last resort: the crawl must go on
        try:
            text = bytes(body).decode("cp1252", "replace")
        except Exception:
            text = ""
        return Decoded(text, "cp1252", "sniff", None, True)
