from __future__ import annotations

import subprocess
import sys

import pytest

from autonews.clean import COMMON_RULES, FurnitureRules, clean_lines, clean_text
from autonews.sites import get_site
from autonews.textnorm import normalize_paragraph
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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u3000\u3000小米汽车交付。", "小米汽车交付。"),
        ("小米\u00a0\u00a0汽车", "小米汽车"),
        ("小米\u3000汽车", "小米汽车"),
        ("零\u200b宽\ufeff字符", "零宽字符"),
        ("9 月小米 SU7 交付量超 10000 台", "9 月小米 SU7 交付量超 10000 台"),
        ("销售了! 小米汽车", "销售了! 小米汽车"),
        ("many    spaces  here", "many spaces here"),
    ],
)
def test_normalize_paragraph(raw: str, expected: str) -> None:
    assert normalize_paragraph(raw) == expected


def test_control_characters_never_reach_a_stored_field() -> None:
    from autonews.textnorm import normalize_inline, normalize_paragraph

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
