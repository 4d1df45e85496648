"""Stock text: shingles that many articles of one site hold are no evidence of a reprint.

Sites reuse sentences: boilerplate ("对此,不少消费者表示…"), a lawyer's standard advice, an
opener template with a city and a date swapped in.  Two different stories built from them
can share whole sentences and their openings, and so pass ``similarity``.  What they do not
share is text of their own.  So the corpus itself says what is stock: a shingle held by
``STOCK`` or more articles of one site is furniture of that site, and a pair must also
share ``EVIDENCE`` sampled shingles that are stock on neither side.

A story copied by many sites is not stock: each site holds it once.  A site that prints a
story twice still counts it twice only, below ``STOCK``.

Counting every shingle of every article would cost what sketching costs again, so only a
fixed sample is counted: the shingles whose hash falls below ``2**32 / scheme.sample``
(the same shingles in every text, so two texts' samples meet exactly where their shingle
sets do).  The counts live in ``2**BUCKET_BITS`` hashed counters keyed by (site, shingle):
a collision can only make a shingle look more common, so it can veto a pair, never
make one.  Each signature keeps its sample, so a changed text takes its share back out.
"""

from __future__ import annotations

import zlib

import numpy as np

from autonews.reprints.sketch import Scheme, in_sample, mix32

BUCKET_BITS = 22
_MASK = np.uint32((1 << BUCKET_BITS) - 1)
# Chosen on a replica crawl of 3,000 articles built from shared phrase banks (BENCHMARKS.md,
# "Reprints"): its 59 pairs of different stories share at most 1 sampled shingle that is not
# stock, its real reprints at least 20; a flash of a feature's lead shares 12 or more.
STOCK = 5
EVIDENCE = 5
_LIMIT = np.iinfo(np.uint16).max


def sample(hashes: np.ndarray, scheme: Scheme) -> np.ndarray:
    """The sampled members of sorted distinct shingle ``hashes`` (still sorted)."""
    return hashes[in_sample(hashes, scheme)]


def _salt(site: str) -> np.uint32:
    return np.uint32(zlib.crc32(site.encode("utf-8")))


def buckets(hashes: np.ndarray, site: str) -> np.ndarray:
    """The counters of (``site``, each hash)."""
    with np.errstate(over="ignore"):
        return (mix32(hashes ^ _salt(site)) & _MASK).astype(np.int64)


class Counts:
    """Articles per (site, sampled shingle), in hashed 16-bit counters (saturating: a count
    that high is stock either way)."""

    def __init__(self, counts: np.ndarray | None = None, articles: int = 0) -> None:
        self.counts = np.zeros(1 << BUCKET_BITS, dtype=np.uint16) if counts is None else counts
        self.articles = articles  # signatures counted in
        self.crossed: np.ndarray | None = None  # counters that crossed STOCK since loading, either way

    def add(self, samples: list[np.ndarray], sites: list[str], sign: int = 1) -> None:
        """Count articles in (``sign`` 1) or out (-1), one sample and site each."""
        if not samples:
            return
        self.articles += sign * len(samples)
        where = np.sort(np.concatenate([buckets(s, site) for s, site in zip(samples, sites, strict=True)]))
        if not len(where):
            return
        starts = np.flatnonzero(np.r_[True, where[1:] != where[:-1]])
        at, times = where[starts], np.diff(np.r_[starts, len(where)])
        old = self.counts[at].astype(np.int64)
        new = np.clip(old + sign * times, 0, _LIMIT)
        self.counts[at] = new
        flipped = at[(old >= STOCK) != (new >= STOCK)]
        if len(flipped):
            if self.crossed is None:
                self.crossed = np.zeros(len(self.counts), dtype=bool)
            self.crossed[flipped] = True

    def stock(self, hashes: np.ndarray, site: str) -> np.ndarray:
        return self.counts[buckets(hashes, site)] >= STOCK

    def evidence(self, a: np.ndarray, site_a: str, b: np.ndarray, site_b: str) -> int:
        """Sampled shingles the samples ``a`` and ``b`` share that are stock on neither site."""
        shared = np.intersect1d(a, b, assume_unique=True)
        return int((~(self.stock(shared, site_a) | self.stock(shared, site_b))).sum())

    def touches_crossed(self, a: np.ndarray, site_a: str, b: np.ndarray, site_b: str) -> bool:
        """Whether a counter that crossed ``STOCK`` bears on the pair's ``evidence``."""
        if self.crossed is None:
            return False
        shared = np.intersect1d(a, b, assume_unique=True)
        return bool(
            self.crossed[buckets(shared, site_a)].any() or self.crossed[buckets(shared, site_b)].any()
        )

    def to_bytes(self) -> bytes:
        """Sparse (``s``: positions and counts) while under a third full, else dense (``d``)."""
        nonzero = np.flatnonzero(self.counts)
        if 3 * len(nonzero) < len(self.counts):
            return b"s" + nonzero.astype("<u4").tobytes() + self.counts[nonzero].astype("<u2").tobytes()
        return b"d" + self.counts.astype("<u2").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, articles: int) -> Counts:
        data = bytes(blob)  # memoryview on psycopg
        counts = np.zeros(1 << BUCKET_BITS, dtype=np.uint16)
        if data[:1] == b"d":
            counts[:] = np.frombuffer(data, dtype="<u2", offset=1)
        else:
            n = (len(data) - 1) // 6
            at = np.frombuffer(data, dtype="<u4", count=n, offset=1)
            counts[at] = np.frombuffer(data, dtype="<u2", count=n, offset=1 + 4 * n)
        return cls(counts, articles)
