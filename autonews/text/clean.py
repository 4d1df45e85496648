"""Strip a site's furniture from body text, line by line.

A line is furniture only when the *whole* line matches one of the site's
rules.  Matching "the line mentions the brand" would delete real sentences:
qi-che.com's WeChat account name 汽车行业关注 appears inside articles
(``但是汽车行业关注认为…``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from autonews.text.normalize import normalize_paragraph


@dataclass(frozen=True)
class FurnitureRules:
    """Whole-line patterns.  ``tail``: the body has ended (disclaimers, teaser
    headings); everything from that line on is dropped.  ``drop``: this line
    alone is furniture wherever it stands."""

    tail: Sequence[str] = ()
    drop: Sequence[str] = ()
    _tail_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)
    _drop_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        # Compiled once per rule set: cleaning runs per page on the hot path.
        object.__setattr__(self, "_tail_re", _union(self.tail))
        object.__setattr__(self, "_drop_re", _union(self.drop))

    def is_tail(self, line: str) -> bool:
        return self._tail_re is not None and self._tail_re.fullmatch(line) is not None

    def is_drop(self, line: str) -> bool:
        return self._drop_re is not None and self._drop_re.fullmatch(line) is not None

    def merged(self, other: FurnitureRules) -> FurnitureRules:
        return FurnitureRules(tail=(*self.tail, *other.tail), drop=(*self.drop, *other.drop))


def _union(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Lines no news body anywhere contains as a whole line.
COMMON_RULES = FurnitureRules(
    tail=(
        r"相关(?:阅读|文章|新闻|推荐|链接|报道)[:：]?",
        r"(?:最新|热门|推荐)(?:内容|文章|资讯|新闻)[:：]?",
        r"(?:延伸|推荐)阅读[:：]?",
        r"猜你喜欢[:：]?",
        r"上一篇[:：].*",
        r"下一篇[:：].*",
    ),
    drop=(
        r"(?:责任编辑|编辑|责编)[:：]\s*\S{1,12}",
        r"分享到[:：]?.{0,30}",
        r"[\[【]?(?:打印|关闭|收藏|返回顶部)[\]】]?",
        # An image's file name standing as a line (a caption or alt text): never prose.
        r"[\w.~-]{1,80}\.(?i:jpe?g|png|gif|webp|bmp)",
    ),
)


def clean_lines(lines: Iterable[str], rules: FurnitureRules) -> list[str]:
    """Normalise each line, drop furniture, stop at the first tail line."""
    out: list[str] = []
    for raw in lines:
        line = normalize_paragraph(raw)
        if not line:
            continue
        if rules.is_tail(line):
            break
        if rules.is_drop(line):
            continue
        out.append(line)
    return out


def clean_text(text: str, rules: FurnitureRules) -> str:
    """Raw page text in (one paragraph per line), body text out."""
    return "\n".join(clean_lines(text.splitlines(), rules))
