"""Generated articles: built lazily and deterministically from (seed, index).

Generated article ``k`` (0 = newest) has id ``500000 - k`` and is dated ``k * 19`` minutes
(plus a jitter below 19 minutes) before 2024-11-19 20:00, so dates strictly decrease with
``k`` and 50,000 articles reach back to early 2023. Nothing is stored per article: the
cheap ``mix`` hash gives channel, date jitter and the GBK/multi-page/yearless flags in O(1),
and the full text comes from a seeded ``random.Random`` only when a page is requested.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache

from . import phrases as ph
from .model import CHANNEL_SLUGS, Article

T_END = datetime(2024, 11, 19, 20, 0)  # just before the core set's 最新内容 (11-20/21)
STEP_MINUTES = 19
GEN_ID_TOP = 500_000
MAX_GENERATED = 100_000  # ids stay 6 digits and above every core id
RELATED_WINDOW = 400  # related links point at articles close in time


def mix(seed: int, k: int) -> int:
    """A 32-bit integer hash (murmur-style finaliser): fast enough to run over 50k ids."""
    x = (k * 0x9E3779B1 + seed * 0x85EBCA77 + 0x165667B1) & 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x7FEB352D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x846CA68B) & 0xFFFFFFFF
    return x ^ (x >> 16)


class Generator:
    """The ``count`` generated articles of a replica built with ``seed``."""

    def __init__(self, count: int, seed: int, fallback_related: Sequence[str]) -> None:
        if not 0 <= count <= MAX_GENERATED:
            raise ValueError(f"articles must be between 0 and {MAX_GENERATED}")
        self.count = count
        self.seed = seed
        self._fallback_related = tuple(fallback_related)[:3]
        # Per-instance cache: listing and teaser rendering re-read the same articles.
        self.article = lru_cache(maxsize=4096)(self._build)

    def index_of(self, article_id: int) -> int | None:
        k = GEN_ID_TOP - article_id
        return k if 0 <= k < self.count else None

    def minutes_before_end(self, k: int) -> int:
        """Strictly increasing in k: the gap between neighbours is at least 1 minute."""
        return k * STEP_MINUTES + (mix(self.seed, k) >> 20) % STEP_MINUTES

    def channel(self, k: int) -> str:
        return CHANNEL_SLUGS[mix(self.seed, k) % len(CHANNEL_SLUGS)]

    def when(self, k: int) -> datetime:
        return T_END - timedelta(minutes=self.minutes_before_end(k))

    def _related(self, k: int, rng: random.Random) -> tuple[str, ...]:
        if self.count < 4:
            return self._fallback_related
        lo, hi = max(0, k - RELATED_WINDOW), min(self.count, k + RELATED_WINDOW)
        older = range(k + 1, hi)
        if len(older) >= 3:
            picks = rng.sample(older, 3)
        else:
            picks = rng.sample([i for i in range(lo, hi) if i != k], 3)
        return tuple(self.path_of(i) for i in sorted(picks))

    def path_of(self, k: int) -> str:
        return f"/{self.channel(k)}/xinwen-{self.when(k):%Y%m%d}{GEN_ID_TOP - k:06d}.html"

    def _start(self, k: int) -> tuple[random.Random, dict[str, object], str]:
        """The first draws of article k (slots, title): shared so that title() stays cheap."""
        rng = random.Random(self.seed * 1_000_003 + k)
        slots = _slots(rng, self.when(k))
        return rng, slots, rng.choice(ph.TITLES[self.channel(k)]).format(**slots)

    def title(self, k: int) -> str:
        """Article k's title without building its text (feeds list every article)."""
        return self._start(k)[2]

    def _build(self, k: int) -> Article:
        x = mix(self.seed, k)
        when = self.when(k)
        channel = self.channel(k)
        multipage = (x >> 12) % 10 == 0
        rng, slots, title = self._start(k)
        paragraphs = _paragraphs(rng, channel, slots, rng.randint(6, 8) if multipage else rng.randint(3, 8))
        pages = _split(paragraphs, rng.choice((2, 3)) if multipage else 1)
        if (x >> 16) % 20 == 0:
            style = "yearless"
        else:
            style = rng.choices(("iso", "cn", "label", "date"), weights=(45, 25, 18, 12))[0]
        return Article(
            id=GEN_ID_TOP - k,
            channel=channel,
            when=when,
            style=style,
            title=title,
            source=rng.choice(ph.SOURCES),
            author=rng.choice(ph.AUTHORS) if rng.random() < 0.7 else None,
            pages=pages,
            encoding="gbk" if (x >> 8) % 10 == 0 else "utf-8",
            related=self._related(k, rng),
        )


def _price(rng: random.Random, base: int) -> str:
    return f"{base}.{rng.choice(('98', '99', '58', '28', '18', '88'))}"


def _slots(rng: random.Random, when: datetime) -> dict[str, object]:
    """Values for every placeholder used in the phrase tables."""
    brand, models = rng.choice(ph.BRANDS)
    brand2, models2 = rng.choice([b for b in ph.BRANDS if b[0] != brand])
    lo = rng.randint(8, 35)
    month = when.month - 1 or 12
    return {
        "brand": brand,
        "model": rng.choice(models),
        "brand2": brand2,
        "model2": rng.choice(models2),
        "city": rng.choice(ph.CITIES),
        "type": rng.choice(ph.TYPES),
        "feature": rng.choice(ph.FEATURES),
        "adj": rng.choice(ph.ADJS),
        "power": rng.choice(ph.POWERS),
        "chip": rng.choice(ph.CHIPS),
        "assist": rng.choice(ph.ASSISTS),
        "tech": rng.choice(ph.TECHS),
        "aspect": rng.choice(ph.ASPECTS),
        "verdict": rng.choice(ph.VERDICTS),
        "incident": rng.choice(ph.INCIDENTS),
        "promo": rng.choice(ph.PROMOS),
        "policy": rng.choice(ph.POLICIES),
        "market": rng.choice(ph.MARKETS),
        "color": rng.choice(ph.COLORS),
        "lo": _price(rng, lo),
        "hi": _price(rng, lo + rng.randint(2, 8)),
        "kw": rng.randint(100, 400),
        "nm": rng.randint(200, 700),
        "range": rng.randint(400, 800),
        "charge": rng.randint(10, 30),
        "screen": rng.choice(("12.3", "14.6", "15.6", "17")),
        "airbags": rng.choice((6, 7, 8, 9)),
        "n": rng.randint(2, 6),
        "month": month,
        "md": f"{when.month}月{when.day}日",
        "q": (month - 1) // 3 + 1,
        "retail": rng.randint(150, 230),
        "sales": rng.randint(3000, 90000),
        "sales2": rng.randint(100000, 900000),
        "pct": rng.randint(3, 60),
        "pct2": rng.randint(1, 30),
        "pct3": rng.randint(60, 95),
        "rev": rng.randint(50, 1500),
        "off": rng.randint(1, 5),
    }


def _paragraphs(rng: random.Random, channel: str, slots: dict[str, object], count: int) -> list[str]:
    """An opener plus 1-2 distinct sentences per further paragraph."""
    pool = rng.sample(ph.SENTENCES, min(len(ph.SENTENCES), 2 * count))
    paragraphs = [rng.choice(ph.OPENERS[channel]).format(**slots)]
    for _ in range(count - 1):
        take = rng.choice((1, 2))
        chosen, pool = pool[:take], pool[take:]
        paragraphs.append("".join(s.format(**slots) for s in chosen))
    return paragraphs


def _split(paragraphs: list[str], pages: int) -> tuple[tuple[str, ...], ...]:
    """Split paragraphs into ``pages`` near-equal consecutive chunks (none empty)."""
    size, extra = divmod(len(paragraphs), pages)
    chunks: list[tuple[str, ...]] = []
    start = 0
    for i in range(pages):
        end = start + size + (1 if i < extra else 0)
        chunks.append(tuple(paragraphs[start:end]))
        start = end
    return tuple(chunks)
