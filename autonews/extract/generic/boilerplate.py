"""What is never article text: non-content tags, chrome class names, and a line lexicon.

The lexicon is the part that generalises across Chinese news sites: every CMS prints the
same stock phrases (责任编辑, 转载请注明, 上一篇 …) around the body whatever its markup.
"""

from __future__ import annotations

import re

from autonews.extract.generic.boilerplate_latin import LATIN, is_latin, is_latin_cut, is_latin_drop

# Subtrees never read: code, media, forms controls and page chrome by tag name.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "nav",
        "aside",
        "footer",
        "head",
        "template",
        "map",
        "video",
        "audio",
    }
)

# class/id words of page chrome.  Matched as whole words of the attribute so that
# "content" or "article-body" never match "ad" or "foot".
_CHROME_WORDS = (
    "nav|navbar|navigation|menu|footer|foot|sidebar|side|breadcrumbs?|crumbs?|share|sharebox|"
    "comments?|copyright|recommend|related|relate|ads?|advert|advertisement|banner|toolbar|"
    "login|topbar|rank|ranking|tags|pagination|pager|hotnews|bottom|friendlink|links"
)
CHROME_ATTR = re.compile(rf"(?:^|[\s_-])(?:{_CHROME_WORDS})(?:$|[\s_\d-])", re.I)

# Lines that are metadata or site chrome wherever they appear (dropped when short).
DROP_MARKERS = (
    "责任编辑",
    "责编",
    "转载请注明",
    "转载请联系",
    "版权所有",
    "版权声明",
    "免责声明",
    "声明:",
    "声明：",
    "扫码",
    "扫一扫",
    "二维码",
    "分享到",
    "分享至",
    "copyright",
    "all rights reserved",
    "©",
    "原标题",
    "打印本页",
    "关闭窗口",
    "字号：",
    "字号:",
    "【字体",
    "【打印",
    "【关闭",
    "收藏本文",
    "点击排行",
    "返回顶部",
    "icp备",
    "icp证",
    "未经授权",
    "不得转载",
    "禁止转载",
    "关注我们",
    "微信公众号",
    "点击进入",
    "发表评论",
    "我要评论",
    "网友评论",
)

# Headings after which a site lists other articles: the body ends there.
CUT_MARKERS = frozenset(
    (
        "相关阅读",
        "相关新闻",
        "相关文章",
        "相关链接",
        "相关报道",
        "相关推荐",
        "延伸阅读",
        "推荐阅读",
        "最新内容",
        "最新文章",
        "最新新闻",
        "热门推荐",
        "热门文章",
        "热点新闻",
        "热点推荐",
        "猜你喜欢",
        "上一篇",
        "下一篇",
        "上一条",
        "下一条",
        "更多精彩",
        "精彩推荐",
        "编辑推荐",
        "今日推荐",
        "图片新闻",
        "热门评论",
        "最新评论",
        "全部评论",
        "网友评论",
        "参与评论",
        "发表评论",
        "我要评论",
        "评论内容",
        "反侵权公告",
        "版权声明",
        "免责声明",
        "侵权声明",
        "文档附件",
    )
)

# Legal boilerplate sentences: dropped at any length (a reprint notice can be long prose).
LEGAL_MARKERS = (
    "凡本网注明",
    "凡注明",
    "转载请注明",
    "未经本网授权",
    "未经书面许可",
    "未经授权",
    "不代表本网",
    "不代表本站",
    "追究其相关法律责任",
    "追究法律责任",
    "版权所有",
    "版权归",
)

LEGAL_NOTICE_CHARS = 300
_SPACE = re.compile(r"\s+")
_LEGAL_RE = re.compile("|".join(map(re.escape, LEGAL_MARKERS)))
_DROP_RE = re.compile("|".join(map(re.escape, DROP_MARKERS)))
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_NON_CJK_DROP_RE = re.compile("|".join(re.escape(m) for m in DROP_MARKERS if not _CJK.search(m)))
_CUT_RE = re.compile("|".join(map(re.escape, CUT_MARKERS)))
_CUT_LEAD = "【[〖<《·■●>"


def is_drop_line(text: str) -> bool:
    """A short line carrying a stock metadata/chrome phrase.  Long paragraphs that merely
    mention 版权 or 声明 in a sentence stay: only lines short enough to be a label go."""
    if _CJK.search(text) is None:
        # No Chinese marker can match: only the script-free ones and the Latin lexicon
        # (the Chinese alternations are the costliest patterns on an English page).
        m = _NON_CJK_DROP_RE.search(text.lower())
        if m is not None and (len(text) <= 30 or m.start() < 8):
            return True
        return is_latin_drop(text) if LATIN.search(text) else False
    legal = _LEGAL_RE.search(text)
    # A reprint notice opens with its phrase or is notice-sized; a long block that quotes
    # one mid-text (an old page's whole article in one cell) is the article itself.
    if legal is not None and (len(text) <= LEGAL_NOTICE_CHARS or legal.start() < 20):
        return True
    # A stock phrase makes a line chrome when the line is label-short or opens with it;
    # a sentence that merely uses 分享 or 声明 in passing is prose.
    m = _DROP_RE.search(text.lower())
    if m is not None and (len(text) <= 30 or m.start() < 8):
        return True
    return is_latin(text) and is_latin_drop(text)


def is_cut_line(text: str) -> bool:
    """A heading that starts a list of other articles (相关阅读, 上一篇 …)."""
    if len(text) > 60:
        return False
    if _CJK.search(text) is None:
        return LATIN.search(text) is not None and is_latin_cut(text)
    head = _SPACE.sub("", text[:12]).lstrip(_CUT_LEAD)
    return _CUT_RE.match(head) is not None or (is_latin(text) and is_latin_cut(text))
