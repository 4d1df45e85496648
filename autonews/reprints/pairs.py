"""The labelled pair set the threshold is chosen on: reprints made with the edits real
reprints make, and pairs that must not match.

Positive kinds (one story, edited the way copies are): ``new_title``, ``original_title``
(a ``(原标题:…)`` lead), ``trimmed_tail``, ``added_tail``, ``inserted_lines`` (ads,
编辑, 来源), ``resplit`` (paragraphs split and merged), ``traditional`` (the copy in
traditional characters, converted with OpenCC's phrase tables), ``flash`` (a short news
flash cut from the feature's lead) and ``combined`` (several of these at once).
Negative kinds: ``independent`` (the same event, written independently) and
``template`` (two different stories in the same site furniture).

Deterministic: the same seed gives the same pairs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from autonews.reprints.stories import INSERTS, STORIES, TEMPLATES, Story

POSITIVE = ("new_title", "original_title", "trimmed_tail", "added_tail", "inserted_lines", "resplit",
            "traditional", "flash", "combined")  # fmt: skip
NEGATIVE = ("independent", "template")
VARIANTS = 3  # copies of each story per positive kind

_ADDED_TAILS = (
    "编者按：汽车消费关系千家万户，本网将持续关注事件进展。",
    "延伸阅读：近年来，国内汽车市场竞争日趋激烈，价格战从燃油车蔓延至新能源车型，"
    "车企与经销商都面临不小的经营压力。",
    "你怎么看这件事？欢迎在评论区留下你的观点。",
)
_SENTENCE = re.compile(r"(?<=[。！？])")


@dataclass(frozen=True)
class Text:
    title: str
    body: str


@dataclass(frozen=True)
class Pair:
    kind: str
    a: Text
    b: Text

    @property
    def positive(self) -> bool:
        return self.kind in POSITIVE


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n") if p]


def _sentences(body: str) -> list[str]:
    return [s for p in _paragraphs(body) for s in _SENTENCE.split(p) if s]


def _new_title(story: Story, rng: random.Random) -> str:
    head = story.title.split(" ")[0]
    return rng.choice((f"{head}？最新消息来了", f"重磅！{head}", f"{head}，业内人士这样说", f"刚刚，{head}"))


def _original_title(story: Story, rng: random.Random) -> Text:
    note = f"（原标题：{story.title}）"
    if rng.random() < 0.5:
        return Text(_new_title(story, rng), f"{note}\n{story.body}")
    first, _, rest = story.body.partition("\n")
    return Text(_new_title(story, rng), f"{note}{first}\n{rest}")


def _trimmed_tail(story: Story, rng: random.Random) -> Text:
    paras = _paragraphs(story.body)
    keep = paras[: max(2, len(paras) - rng.randint(1, 2))]
    if rng.random() < 0.5:  # cut mid-paragraph as well
        keep[-1] = "".join(_SENTENCE.split(keep[-1])[:1])
    return Text(story.title, "\n".join(keep))


def _added_tail(story: Story, rng: random.Random) -> Text:
    return Text(story.title, story.body + "\n" + rng.choice(_ADDED_TAILS))


def _inserted_lines(story: Story, rng: random.Random) -> Text:
    paras = _paragraphs(story.body)
    for line in rng.sample(INSERTS, rng.randint(1, 3)):
        paras.insert(rng.randint(0, len(paras)), line)
    return Text(story.title, "\n".join(paras))


def _resplit(story: Story, rng: random.Random) -> Text:
    sentences = _sentences(story.body)
    out, current = [], ""
    for s in sentences:
        current += s
        if rng.random() < 0.45:
            out.append(current)
            current = ""
    return Text(story.title, "\n\n".join([*out, current] if current else out))


def _traditional(story: Story, rng: random.Random) -> Text:
    from opencc import OpenCC

    config = rng.choice(("s2t", "s2tw", "s2hk"))
    convert = OpenCC(config).convert
    return Text(convert(story.title), convert(story.body))


def _flash(story: Story, rng: random.Random) -> Text:
    sentences = _sentences(story.body)
    lead = sentences[0]
    extra = rng.choice(sentences[1:3])
    opener = rng.choice(("【快讯】", "快讯：", ""))
    closer = rng.choice(("", "更多详情，本网将持续关注。", "目前事件仍在进一步处理中。"))
    return Text(f"快讯｜{story.title.split(' ')[0]}", opener + lead + extra + closer)


def _combined(story: Story, rng: random.Random) -> Text:
    edited = _inserted_lines(Story(story.title, _trimmed_tail(story, rng).body, ""), rng)
    lead = f"（原标题：{story.title}）\n" if rng.random() < 0.7 else ""
    return Text(_new_title(story, rng), lead + edited.body)


_EDITS: dict[str, Callable[[Story, random.Random], Text]] = {
    "new_title": lambda story, rng: Text(_new_title(story, rng), story.body),
    "original_title": _original_title,
    "trimmed_tail": _trimmed_tail,
    "added_tail": _added_tail,
    "inserted_lines": _inserted_lines,
    "resplit": _resplit,
    "traditional": _traditional,
    "flash": _flash,
    "combined": _combined,
}


def _in_template(story: Story, template: tuple[str, str]) -> Text:
    head, foot = template
    return Text(story.title, f"{head}\n{story.body}\n{foot}")


def labelled_pairs(seed: int = 16) -> Iterator[Pair]:
    """Every labelled pair: ``VARIANTS`` copies of each story per positive kind, then the negatives."""
    rng = random.Random(seed)
    for story in STORIES:
        original = Text(story.title, story.body)
        other = Text(story.title, story.independent)
        yield Pair("independent", original, other)
        for kind, edit in _EDITS.items():
            for n in range(VARIANTS):
                copy = edit(story, rng)
                yield Pair(kind, original, copy)
                if n == 0:  # the copy against the other newsroom's account: still not one story
                    yield Pair("independent", copy, other)
    for template in TEMPLATES:
        for i, first in enumerate(STORIES):
            for second in STORIES[i + 1 :]:
                yield Pair("template", _in_template(first, template), _in_template(second, template))
