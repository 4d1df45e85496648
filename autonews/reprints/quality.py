"""Precision and recall of the pair decision on the labelled pairs (``autonews.reprints.pairs``).

A pair is predicted "one story" exactly as a catch-up decides it: the two texts share
an LSH band key, their similarity reaches the threshold, and they share
``stock.EVIDENCE`` sampled shingles (a pair alone has no stock text: nothing else is
counted with it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from autonews.reprints import stock
from autonews.reprints.pairs import Pair
from autonews.reprints.sketch import Scheme, shingle_sets, similarity, sketch


@dataclass
class Quality:
    threshold: float
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    pairs: Counter = field(default_factory=Counter)  # kind -> pairs
    found: Counter = field(default_factory=Counter)  # kind -> pairs predicted one story
    lowest_positive: float = 1.0  # the least similar copy
    highest_negative: float = 0.0  # the most similar pair that must not match

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def scored(pairs: Iterable[Pair], scheme: Scheme) -> list[tuple[Pair, bool, float]]:
    """(pair, shares a band key and enough sampled shingles, similarity) for every pair."""
    pairs = list(pairs)
    texts = [t.body for p in pairs for t in (p.a, p.b)]
    keys, sets = sketch(texts, scheme), shingle_sets(texts, scheme.k)

    def candidate(i: int) -> bool:
        a, b = sets[2 * i], sets[2 * i + 1]
        shared = len(np.intersect1d(stock.sample(a.all, scheme), stock.sample(b.all, scheme)))
        return bool(len(np.intersect1d(keys[2 * i], keys[2 * i + 1]))) and shared >= stock.EVIDENCE

    return [(p, candidate(i), similarity(sets[2 * i], sets[2 * i + 1])) for i, p in enumerate(pairs)]


def measure(pairs: Iterable[Pair], scheme: Scheme, threshold: float) -> Quality:
    quality = Quality(threshold)
    for pair, candidate, score in scored(pairs, scheme):
        predicted = candidate and score >= threshold
        quality.pairs[pair.kind] += 1
        quality.found[pair.kind] += predicted
        if pair.positive:
            quality.lowest_positive = min(quality.lowest_positive, score)
            quality.tp += predicted
            quality.fn += not predicted
        else:
            quality.highest_negative = max(quality.highest_negative, score)
            quality.fp += predicted
            quality.tn += not predicted
    return quality
