"""Stock text: shingles that many articles of one site hold are no evidence of a reprint.

Sites reuse sentences: a closing line many articles carry, a lawyer's standard advice, an
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

import sys
import zlib
from typing import NamedTuple

import numpy as np

from autonews.reprints.sketch import Scheme, compiled, in_sample, kernel, mix32

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


def _salt(site: str) -> int:
    return zlib.crc32(site.encode("utf-8"))


def buckets(hashes: np.ndarray, salts: np.ndarray | int) -> np.ndarray:
    """The counters of (site, each hash), a site given by its salt (``_salt``), one or one a hash."""
    with np.errstate(over="ignore"):
        return (mix32(hashes ^ np.asarray(salts, dtype=np.uint32)) & _MASK).astype(np.int64)


def _salts(sites: list[str]) -> np.ndarray:
    known = {site: _salt(site) for site in set(sites)}
    return np.array([known[site] for site in sites], dtype=np.uint32)


class Verdicts(NamedTuple):
    """Per pair of samples: sampled shingles shared and stock on neither site (``own``), shared
    at all (``shared``: ``own`` can never exceed it, whatever the counts), and whether a
    counter that crossed ``STOCK`` since loading bears on ``own`` (``crossed``)."""

    own: np.ndarray
    shared: np.ndarray
    crossed: np.ndarray


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
        hashes = np.concatenate(samples).astype(np.uint32, copy=False)
        if not len(hashes):
            return
        if not compiled():
            self._add_numpy(hashes, np.repeat(_salts(sites), [len(s) for s in samples]), sign)
            return
        salts = np.repeat(_salts(sites), [len(s) for s in samples])
        crossed = np.zeros(len(self.counts), dtype=bool) if self.crossed is None else self.crossed
        if kernel().count(hashes, salts, self.counts, sign, int(_MASK), STOCK, crossed):
            self.crossed = crossed

    def _add_numpy(self, hashes: np.ndarray, salts: np.ndarray, sign: int) -> None:
        where = buckets(hashes, salts)
        if len(where) > len(self.counts) // 4:  # a rebuild's worth: one pass over every counter
            times = np.bincount(where, minlength=len(self.counts))
            at = np.flatnonzero(times)
            times = times[at]
        else:
            where = np.sort(where)
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
        return self.counts[buckets(hashes, _salt(site))] >= STOCK

    def evidence(self, a: np.ndarray, site_a: str, b: np.ndarray, site_b: str) -> int:
        """Sampled shingles the samples ``a`` and ``b`` share that are stock on neither site."""
        return int(self.judge([(a, site_a, b, site_b)]).own[0])

    def judge(self, pairs: list[tuple[np.ndarray, str, np.ndarray, str]]) -> Verdicts:
        """``Verdicts`` of (sample, site, sample, site) pairs, samples sorted and distinct (as
        stored), in one compiled merge per pair."""
        n = len(pairs)
        if not n:
            return Verdicts(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool))
        if not compiled():
            return self._judge_numpy(pairs)
        sides = [p[0] for p in pairs] + [p[2] for p in pairs]
        bounds = np.zeros(2 * n + 1, dtype=np.int64)
        np.cumsum([len(s) for s in sides], out=bounds[1:])
        flat = np.concatenate(sides).astype(np.uint32, copy=False)
        salts = _salts([p[1] for p in pairs] + [p[3] for p in pairs])
        crossed = np.zeros(1, dtype=bool) if self.crossed is None else self.crossed
        own, shared, touched = kernel().judge(
            flat, bounds, salts, np.arange(n), np.arange(n, 2 * n), self.counts, crossed,
            self.crossed is not None, int(_MASK), STOCK,
        )  # fmt: skip
        return Verdicts(own, shared, touched)

    def _judge_numpy(self, pairs: list[tuple[np.ndarray, str, np.ndarray, str]]) -> Verdicts:
        n = len(pairs)
        sides = [p[0] for p in pairs] + [p[2] for p in pairs]
        owner = np.repeat(np.tile(np.arange(n, dtype=np.uint64), 2), [len(s) for s in sides])
        packed = np.sort((owner << np.uint64(32)) | np.concatenate(sides).astype(np.uint64))
        shared = packed[1:][packed[1:] == packed[:-1]]  # each sample is distinct: a repeat is in both
        pair = (shared >> np.uint64(32)).astype(np.int64)
        hashes = shared.astype(np.uint32)
        salt_a, salt_b = _salts([p[1] for p in pairs]), _salts([p[3] for p in pairs])
        at_a, at_b = buckets(hashes, salt_a[pair]), buckets(hashes, salt_b[pair])
        common = (self.counts[at_a] >= STOCK) | (self.counts[at_b] >= STOCK)
        own = np.bincount(pair[~common], minlength=n)
        shared_n = np.bincount(pair, minlength=n)
        if self.crossed is None:
            return Verdicts(own, shared_n, np.zeros(n, dtype=bool))
        crossed = self.crossed[at_a] | self.crossed[at_b]
        return Verdicts(own, shared_n, np.bincount(pair[crossed], minlength=n) > 0)

    def to_bytes(self) -> bytes | memoryview:
        """Sparse (``s``: positions and counts) while under a third full, else the counters
        themselves, 2 bytes each with no prefix (an even length; the sparse form's is odd).

        Dense is a view, not a copy: a catch-up rewrites these 8 MB, and each copy of them (or a
        ``flatnonzero`` of 4 million counters) cost as much as the write."""
        nonzero = np.count_nonzero(self.counts)
        if 3 * nonzero < len(self.counts):
            at = np.flatnonzero(self.counts)
            return b"s" + at.astype("<u4").tobytes() + self.counts[at].astype("<u2").tobytes()
        return memoryview(self.counts if sys.byteorder == "little" else self.counts.astype("<u2")).cast("B")

    @classmethod
    def from_bytes(cls, blob: bytes | memoryview, articles: int) -> Counts:
        data = bytes(blob)  # memoryview on psycopg
        size = 1 << BUCKET_BITS
        if len(data) == 2 * size:
            return cls(np.frombuffer(data, dtype="<u2").astype(np.uint16), articles)
        counts = np.zeros(size, dtype=np.uint16)
        if data[:1] == b"d":  # the dense form of earlier releases
            counts[:] = np.frombuffer(data, dtype="<u2", offset=1)
        else:
            n = (len(data) - 1) // 6
            at = np.frombuffer(data, dtype="<u4", count=n, offset=1)
            counts[at] = np.frombuffer(data, dtype="<u2", count=n, offset=1 + 4 * n)
        return cls(counts, articles)
