from __future__ import annotations

import subprocess
import sys

import pytest

from autonews.extract.generic.boilerplate import is_cut_line, is_drop_line
from autonews.sites import get_site
from autonews.text.clean import COMMON_RULES, FurnitureRules, clean_lines, clean_text
from autonews.text.normalize import normalize_paragraph, normalize_paragraphs
from tests.conftest import FIXTURES

SEED = FIXTURES / "seed" / "000_a923c0f58dc518cb.txt"
SEED_CLEAN = FIXTURES / "seed" / "000_a923c0f58dc518cb.clean.txt"
QICHE = get_site("qiche").rules()


def test_seed_cleans_exactly() -> None:
    assert clean_text(SEED.read_text(encoding="utf-8"), QICHE) + "\n" == SEED_CLEAN.read_text(
        encoding="utf-8"
    )


def test_cli_clean_prints_exactly_the_clean_seed() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "autonews", "clean", "--site", "qiche"],
        input=SEED.read_bytes(),
        capture_output=True,
        check=True,
    )
    assert proc.stdout == SEED_CLEAN.read_bytes()


@pytest.mark.parametrize(
    "line",
    [
        "但是汽车行业关注认为,小米汽车最主要解决的问题还得是加快交付步伐。",
        "日前,《汽车行业关注》获取到一组全新宝马iX3的专利图。",
        "记者从qi-che.com获悉,新车将于明年上市。",
        "声明称该车型不会涨价。",
    ],
)
def test_sentences_naming_the_site_stay(line: str) -> None:
    assert clean_lines([line, "正文第二段。"], QICHE) == [line, "正文第二段。"]


@pytest.mark.parametrize(
    "furniture",
    [
        "如系本站原创文章,转载请注明出处:qi-che.com。",
        "更多汽车新闻关注 请扫码qi-che.com公众微信号:",
        "声明:",
        "相关阅读",
        "最新内容",
    ],
)
def test_tail_furniture_ends_the_body(furniture: str) -> None:
    assert clean_lines(["正文。", furniture, "之后的一切都不是正文。"], QICHE) == ["正文。"]


@pytest.mark.parametrize("line", ["邮箱mail@qi-che.com", "处理时间:周一—周五 9:00—18:00", "责任编辑:王五"])
def test_drop_lines_vanish_wherever_they_stand(line: str) -> None:
    assert clean_lines(["第一段。", line, "第二段。"], QICHE) == ["第一段。", "第二段。"]


def test_common_rules_do_not_know_the_site() -> None:
    assert clean_lines(["正文。", "邮箱mail@qi-che.com"], COMMON_RULES) == ["正文。", "邮箱mail@qi-che.com"]


# Raw paragraph -> normalised: ideographic and no-break spaces and zero-width characters go;
# spaces between words of Latin script or digits stay, one each.
NORMALIZED = {
    "\u3000\u3000小米汽车交付。": "小米汽车交付。",
    "小米\u00a0\u00a0汽车": "小米汽车",
    "小米\u3000汽车": "小米汽车",
    "零\u200b宽\ufeff字符": "零宽字符",
    "9 月小米 SU7 交付量超 10000 台": "9 月小米 SU7 交付量超 10000 台",
    "销售了! 小米汽车": "销售了! 小米汽车",
    "many    spaces  here": "many spaces here",
}


@pytest.mark.parametrize(("raw", "expected"), NORMALIZED.items())
def test_normalize_paragraph(raw: str, expected: str) -> None:
    assert normalize_paragraph(raw) == expected


def test_control_characters_never_reach_a_stored_field() -> None:
    from autonews.text.normalize import normalize_inline, normalize_paragraph

    assert normalize_inline("标题\x01含\x7f控制\x9b字符") == "标题含控制字符"
    assert normalize_paragraph("正文\x00一句。 SU7 交付") == "正文一句。 SU7 交付"


# Real sentences that contain a furniture word.  The drop and tail rules match whole lines
# only: matching anywhere in a line (re.search) would drop every one of these.
FURNITURE_WORDS_IN_PROSE = [
    "该工厂已于去年关闭。",
    "用户可以在App里收藏常用的充电站。",
    "车主可在官网自助打印电子保单。",
    "不少车主把提车照片分享到了朋友圈。",
    "本报编辑:张三在试驾后认为,这款车的底盘调校偏舒适。",
    "读者可在文末相关阅读中找到上一期的试驾报告。",
]


@pytest.mark.parametrize("rules", [COMMON_RULES, QICHE], ids=["common", "qiche"])
def test_body_sentences_containing_furniture_words_survive(rules: FurnitureRules) -> None:
    body = ["第一段。", *FURNITURE_WORDS_IN_PROSE, "最后一段。"]
    assert clean_lines(body, rules) == body  # every line stays, in order


@pytest.mark.parametrize(
    "line",
    [
        "关闭",
        "【打印】",
        "[收藏]",
        "返回顶部",
        "分享到:",
        "分享到:微信 微博 QQ空间",
        "编辑:张三",
        "责编：李四",
    ],
)
@pytest.mark.parametrize("rules", [COMMON_RULES, QICHE], ids=["common", "qiche"])
def test_whole_line_furniture_goes_wherever_it_stands(rules: FurnitureRules, line: str) -> None:
    assert clean_lines(["第一段。", line, "第二段。"], rules) == ["第一段。", "第二段。"]


def test_rules_built_at_run_time_match_whole_lines_of_any_of_their_patterns() -> None:
    # Built inside the test, not at import: the compiled union is what is under test.
    rules = FurnitureRules(tail=("尾巴[:：]?", "结束"), drop=("广告", "赞助.{0,4}"))
    lines = ["正文。", "广告", "赞助商家", "这是广告位以外的正文。", "尾巴:", "不是正文。"]
    assert clean_lines(lines, rules) == ["正文。", "这是广告位以外的正文。"]
    assert clean_lines(["正文。", "结束", "不是正文。"], rules) == ["正文。"]
    assert clean_lines(["正文。", "尾巴都结束"], rules) == ["正文。", "尾巴都结束"]
    empty = FurnitureRules()
    assert clean_lines(["广告", "尾巴"], empty) == ["广告", "尾巴"]
    assert not empty.is_tail("尾巴") and not empty.is_drop("广告")


def test_a_sites_rules_are_its_own_plus_the_common_ones() -> None:
    merged = FurnitureRules(tail=("甲",), drop=("乙",)).merged(FurnitureRules(tail=("丙",), drop=("丁",)))
    assert (merged.tail, merged.drop) == (("甲", "丙"), ("乙", "丁"))
    rules = get_site("qiche").rules()  # merged here, at run time
    lines = [
        "正文。",
        "邮箱mail@qi-che.com",
        "责任编辑:王五",
        "【打印】",
        "正文二。",
        "相关阅读",
        "不是正文。",
    ]
    assert clean_lines(lines, rules) == ["正文。", "正文二。"]
    assert clean_lines(["正文。", "如系本站原创文章,转载请注明出处:qi-che.com。", "不是正文。"], rules) == [
        "正文。"
    ]


def test_blank_lines_are_skipped_and_do_not_end_the_body() -> None:
    assert clean_lines(["第一段。", "", "\u3000\u3000", "第二段。"], COMMON_RULES) == ["第一段。", "第二段。"]
    assert clean_text("第一段。\n\n第二段。\n", COMMON_RULES) == "第一段。\n第二段。"


def test_a_newline_inside_a_paragraph_is_a_space_and_empty_paragraphs_go() -> None:
    assert normalize_paragraph("第一行\n第二行") == "第一行 第二行"
    assert normalize_paragraph("SU7\n交付") == "SU7 交付"
    assert normalize_paragraphs(["\u3000\u3000正文。", "", " \u00a0 ", "第二\u200b段"]) == [
        "正文。",
        "第二段",
    ]


LEGAL = "未经授权"  # a reprint notice's phrase


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("责任编辑：王五", True),
        ("COPYRIGHT 2024 QI-CHE.COM", True),  # compared lower-cased
        ("转载请注明出处", True),
        # Legal boilerplate goes at any length; other stock phrases only in short lines or
        # at a line's start, so a sentence using them in passing stays.
        ("本文内容仅供参考，未经授权任何单位和个人不得以任何形式复制、转载或者传播本文的内容。", True),
        ("分享到：微信 微博 QQ空间 豆瓣 人人网 开心网 腾讯微博 网易微博 新浪微博", True),
        ("不少车主在提车之后第一时间就把照片分享到了朋友圈，引来大量网友围观和讨论。", False),
        ("一" * 10 + "分享到" + "一" * 17, True),  # 30 characters: short enough to be a label
        ("一" * 10 + "分享到" + "一" * 18, False),  # 31
        ("一" * 7 + "分享到" + "一" * 30, True),  # the phrase starts at index 7: a label's opening
        ("一" * 8 + "分享到" + "一" * 30, False),
        ("该工厂已于去年关闭。", False),
        # A reprint notice goes when it is notice-sized (300 characters) or opens with its phrase
        # (within its first 20 characters); a longer block quoting one mid-text is an article.
        ("字" * 100 + LEGAL + "字" * 196, True),  # 300 characters
        ("字" * 100 + LEGAL + "字" * 197, False),  # 301
        (LEGAL + "字" * 297, True),  # 301, opens with it
        ("字" * 19 + LEGAL + "字" * 278, True),
        ("字" * 20 + LEGAL + "字" * 277, False),
        ("京ICP备2021000000号-1", True),  # a Latin marker in a Chinese line, lower-cased
        # No Chinese at all: the script-free markers, the same length and position rules.
        ("x" * 20 + "copyright", True),  # not an English label: the marker alone drops it
        ("x" * 21 + "copyright", True),  # 30 characters
        ("x" * 22 + "copyright", False),  # 31
        ("123456 copyright notice of this fine site", True),  # the marker at index 7
        ("1234567 copyright notice of this fine site", False),  # at index 8
        ("Tesla cuts prices", False),
        ("Read more", True),  # the English lexicon
        ("2024-10-22 10:30", False),  # neither Chinese nor Latin letters
        # Latin text with full-width punctuation: read with the English lexicon too.
        ("Read more\u3000", True),
        ("Tesla cuts prices：", False),
    ],
)
def test_the_generic_readers_drop_lines(line: str, dropped: bool) -> None:
    assert is_drop_line(line) is dropped


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("相关阅读", True),
        ("【相关阅读】", True),
        ("  相关 阅读", True),  # spaces inside the heading's first characters are ignored
        ("■ 上一篇：小米SU7交付", True),
        ("■" * 9 + "上一篇：小米SU7交付", True),  # the heading within the first 12 characters
        ("■" * 10 + "上一篇：小米SU7交付", False),
        ("相关阅读" + "字" * 56, True),  # 60 characters
        ("相关阅读" + "字" * 57, False),  # 61: prose, not a heading
        ("阅读相关文章", False),
        ("这是一段很长的文字然后才是相关阅读", False),
        # No Chinese: the English headings.
        ("Related articles", True),
        ("Tesla cuts prices", False),
        ("2024-10-22", False),
        ("Related articles\u3000", True),  # full-width space: still the English heading
        ("Tesla cuts prices：", False),
    ],
)
def test_the_generic_readers_cut_lines(line: str, cut: bool) -> None:
    assert is_cut_line(line) is cut
