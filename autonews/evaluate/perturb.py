"""The eval pages with their templates changed: does the body survive markup it never saw?

The held-out halves of the eval sets are other sites, so other templates.  A reader that
holds on its dev pages only while their class names, nesting and layout stay as they are
will not hold there.  Each transform keeps the article's text and changes its markup:

- ``no_classes``: every class and id removed, so no name says what a block is;
- ``renamed``: every class and id replaced by a meaningless one;
- ``nested``: the page wrapped 30 ``<div>`` levels deep;
- ``table``: the page put in a table cell beside a column of links, as old portals do;
- ``comments``: a box of twelve short reader comments after the page, in its language;
- ``teasers``: six other stories (a linked headline and a summary each) before the page;
- ``footer``: three sentences of site footer (copyright, address, cookies) in an unnamed box;
- ``split``: the paragraphs of the page's main text box split 80/20 into two sibling boxes,
  an ad slot between them.

``autonews eval --perturb`` prints the body F1 of each set under each transform, with its
worst pages.  A transform that costs much F1 names a class of markup to fix by a general
mechanism; the transforms never look at the gold text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from autonews.evaluate.measure import _load, _page_sets, prf
from autonews.evaluate.tools import decode_page, make_tool

Transform = Callable[[etree._Element], None]
_CJK = re.compile(r"[\u4e00-\u9fff]")
NESTING = 30
COMMENTS = 12


def _no_classes(root: etree._Element) -> None:
    for el in root.iter(etree.Element):
        el.attrib.pop("class", None)
        el.attrib.pop("id", None)


def _renamed(root: etree._Element) -> None:
    for n, el in enumerate(root.iter(etree.Element)):
        for name in ("class", "id"):
            if name in el.attrib:
                el.attrib[name] = f"x{n}"


def _moved_into(root: etree._Element, make: Callable[[etree._Element], etree._Element]) -> None:
    body = root.find("body")
    if body is None:
        return
    children = list(body)
    inner = make(body)
    for child in children:
        inner.append(child)


def _nested(root: etree._Element) -> None:
    def make(body: etree._Element) -> etree._Element:
        el = etree.SubElement(body, "div")
        for _ in range(NESTING - 1):
            el = etree.SubElement(el, "div")
        return el

    _moved_into(root, make)


def _table(root: etree._Element) -> None:
    def make(body: etree._Element) -> etree._Element:
        row = etree.SubElement(etree.SubElement(body, "table"), "tr")
        menu = etree.SubElement(row, "td")
        for i in range(15):
            etree.SubElement(menu, "a", href=f"/channel/{i}/").text = f"Section {i}"
        return etree.SubElement(row, "td")

    _moved_into(root, make)


def _in_language(add: Callable[[etree._Element, bool], None]) -> Transform:
    """A transform that adds text to <body> in the page's language (``add(body, chinese)``);
    a page without a <body> is left as it is."""

    def transform(root: etree._Element) -> None:
        body = root.find("body")
        if body is not None:
            add(body, len(_CJK.findall(body.text_content())) > 200)

    return transform


@_in_language
def _comments(body: etree._Element, chinese: bool) -> None:
    box = etree.SubElement(body, "div")
    etree.SubElement(box, "h3").text = "网友评论" if chinese else "Comments"
    text = (
        "这篇文章写得很好，我也有同样的感受，希望多发这样的内容。"
        if chinese
        else ("Great article, I had the same experience with my car last year and would agree.")
    )
    for i in range(COMMENTS):
        entry = etree.SubElement(box, "div")
        entry.text = f"reader{i} 2 hours ago"
        etree.SubElement(entry, "p").text = text[: len(text) // 2 + i * 2]


_TEASERS_ZH = (
    "比亚迪公布十月销量，同比增长三成，海外市场贡献明显。", "小鹏新车开启预售，起售价下探至十五万元区间。",
    "多地出台以旧换新补贴，报废更新最高补贴两万元。", "理想汽车发布三季度财报，毛利率环比小幅回升。",
    "蔚来换电站突破两千座，覆盖全国主要高速干线。", "吉利与雷诺签署协议，合资公司将生产混动系统。",
)  # fmt: skip
_TEASERS_EN = (
    "Toyota raised its annual profit forecast on Wednesday as hybrid sales kept growing.",
    "Ford said it would cut four thousand jobs in Europe over the next three years.",
    "Regulators opened a probe into driver-assistance software after a series of crashes.",
    "Used car prices fell for a fourth month as supply recovered across the country.",
    "A new battery plant in Ohio will start production next spring, the company said.",
    "Dealers reported longer waiting lists for the cheapest electric models this autumn.",
)


@_in_language
def _teasers(body: etree._Element, chinese: bool) -> None:
    box = etree.Element("div")
    for i, summary in enumerate(_TEASERS_ZH if chinese else _TEASERS_EN):
        item = etree.SubElement(box, "div")
        headline = f"另一条汽车新闻的标题第{i}条" if chinese else f"Another story about cars, number {i}"
        etree.SubElement(item, "a", href=f"/news/{i}.html").text = headline
        etree.SubElement(item, "p").text = summary
    body.insert(0, box)


_FOOTER_ZH = (
    "本网站所刊登的各种新闻、信息和各种专题专栏资料，均为本网版权所有，未经协议授权禁止下载使用。",
    "地址：北京市朝阳区建国路八十八号，邮编一零零零二二，联系电话请见网站首页。",
    "违法和不良信息举报电话：一二三四五，举报邮箱请见网站的联系我们页面。",
)
_FOOTER_EN = (
    "All content on this site is protected by copyright and may not be reproduced without written permission.",
    "Our offices are at 88 Main Street, Springfield, and the newsroom can be reached by phone during office hours.",
    "This site uses cookies to improve your experience; by continuing to browse you agree to our use of cookies.",
)


@_in_language
def _footer(body: etree._Element, chinese: bool) -> None:
    box = etree.SubElement(body, "div")
    for line in _FOOTER_ZH if chinese else _FOOTER_EN:
        etree.SubElement(box, "p").text = line


def _split(root: etree._Element) -> None:
    weight: dict[etree._Element, int] = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            weight[parent] = weight.get(parent, 0) + len(p.text_content())
    if not weight:
        return
    box = max(weight, key=weight.__getitem__)
    paragraphs = [c for c in box if c.tag == "p"]
    if len(paragraphs) < 4 or box.getparent() is None:
        return
    moved = paragraphs[int(len(paragraphs) * 0.8) :]
    if list(box)[-len(moved) :] != moved:
        return  # other blocks (related links, a share bar) follow them: no clean split
    # A namespaced CMS tag (sohu_cms_include:…) is not a valid name to make: a <div> then.
    tag = box.tag if re.fullmatch(r"[a-z][a-z0-9]*", str(box.tag)) else "div"
    second, ad = etree.Element(tag), etree.Element("div")
    ad.text = "广告"
    box.addnext(ad)
    ad.addnext(second)
    for p in moved:
        second.append(p)


TRANSFORMS: dict[str, Transform] = {
    "no_classes": _no_classes,
    "renamed": _renamed,
    "nested": _nested,
    "table": _table,
    "comments": _comments,
    "teasers": _teasers,
    "footer": _footer,
    "split": _split,
}


@dataclass
class PerturbScore:
    folder: str
    transform: str
    f1: list[tuple[float, str]] = field(default_factory=list)  # (F1, page id), worst first

    @property
    def mean(self) -> float:
        return sum(f for f, _ in self.f1) / len(self.f1) if self.f1 else float("nan")


def perturbed(html: str, transform: Transform) -> str:
    root = lxml_html.document_fromstring(html)
    transform(root)
    return etree.tostring(root, encoding="unicode", method="html")


def run_perturb(folder: Path, *, now: datetime | None = None) -> list[PerturbScore]:
    """Body F1 per set and transform (and unchanged, as "none"), for pages with gold text."""
    ours = make_tool("ours", now or datetime.now(UTC))
    sets = _page_sets(Path(folder))
    if not sets:
        raise ValueError(f"no index.jsonl in {folder} or its sub-folders (see ../shared/eval/README.md)")
    scores: list[PerturbScore] = []
    for name, path in sets:
        pages = []
        for row in _load(path):
            if row.get("text"):
                html = decode_page((path / f"{row['id']}.html").read_bytes(), row.get("encoding"))
                pages.append((row, html))
        if not pages:
            continue
        for transform in ("none", *TRANSFORMS):
            score = PerturbScore(name, transform)
            for row, html in pages:
                page = html if transform == "none" else perturbed(html, TRANSFORMS[transform])
                out = ours(page, row.get("url") or None)
                score.f1.append((prf(out.body, row["text"])[2], row["id"]))
            score.f1.sort()
            scores.append(score)
    return scores


def format_perturb(scores: list[PerturbScore], worst: int = 3) -> str:
    lines = [
        "body F1 with the markup changed (autonews/evaluate/perturb.py): set, transform, F1, worst pages"
    ]
    for s in scores:
        pages = "  ".join(f"{pid[:8]} {f:.2f}" for f, pid in s.f1[:worst])
        lines.append(f"  {s.folder:<16} {s.transform:<11} {s.mean:.3f}   {pages}")
    return "\n".join(lines)
