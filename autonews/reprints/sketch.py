"""Character shingles, one-permutation MinHash signatures and LSH band keys, a batch at a time.

Why not datasketch's ``MinHash``: it hashes every shingle in Python (SHA-1) and then
applies ``num_perm`` permutations to each, 2.8 ms for a 900-character body here;
clustering 100,000 articles at 5,000/s leaves 0.2 ms for everything.  So a whole
batch of texts is folded in one numpy pass and shingled in one compiled loop per text
(``autonews.reprints._jit``; the numpy formulation, ~30 passes over the batch, stays here as
the reference it is tested against), and each text gets a *one-permutation* MinHash (Li, Owen and Zhang 2012): every shingle is hashed once, falls into one of
``bins`` bins by its low bits, and each bin keeps its smallest hash.  Empty bins
borrow from the next full bin (rotation densification, Shrivastava and Li 2014), so
two signatures agree in a bin with probability close to the Jaccard similarity of
their shingle sets, as with ``num_perm`` permutations.  ``tests/unit/test_reprints_sketch.py``
checks the estimates against exact Jaccard and against datasketch.

Each text gets two signatures: its *whole* text and its *lead* (the first ``lead``
characters).  They share one key space, so a short news flash built from a feature's
opening paragraphs meets the feature through the feature's lead, while a full copy
meets through either.  Band keys only propose candidates; ``similarity`` decides.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import ModuleType
from typing import NamedTuple

import numpy as np

from autonews.reprints.normalize import folded_codes, folded_sentences

EMPTY = np.uint32(0xFFFFFFFF)
_P32 = np.uint32(0x01000193)
_P64 = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class Scheme:
    """How texts become signatures; stored with each signature, so a change re-sketches."""

    k: int = 4  # characters per shingle
    bins: int = 64  # MinHash bins (a power of two)
    rows: int = 3  # bins per LSH band
    lead: int = 120  # characters in the lead signature: about a news flash's length
    sample: int = 4  # one shingle in this many is counted for stock text (autonews.reprints.stock)

    @property
    def name(self) -> str:
        return f"k{self.k}-b{self.bins}-r{self.rows}-l{self.lead}-s{self.sample}"

    @property
    def bands(self) -> int:
        return self.bins // self.rows


def mix32(h: np.ndarray) -> np.ndarray:
    """murmur3's finaliser: the polynomial hash's low bits are not random enough for binning."""
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def shingle_hashes(texts: list[str], k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, text index, position in its text) of every k-character shingle of ``texts``."""
    return _hashes(*folded_codes(texts), k)


def _hashes(
    codes: np.ndarray, starts: np.ndarray, lengths: np.ndarray, k: int, sentence: np.ndarray | None = None
) -> tuple[np.ndarray, ...]:
    """``shingle_hashes`` of folded codes; with ``sentence``, also each shingle's sentence."""
    n = len(codes) - k + 1
    counts = np.maximum(lengths - k + 1, 0)
    if n <= 0 or not counts.any():
        empty = np.zeros(0, dtype=np.int64)
        found = (np.zeros(0, dtype=np.uint32), empty, empty)
        return found if sentence is None else (*found, empty)
    with np.errstate(over="ignore"):
        h = codes[:n].copy()
        for j in range(1, k):
            h *= _P32
            h += codes[j : j + n]
    # Only shingles inside one text: the last k - 1 starts of each text and its separator go.
    inside = np.ones(n, dtype=bool)
    tails = ((starts + lengths)[:, None] - np.arange(k)[None, :]).ravel()
    inside[tails[(tails >= 0) & (tails < n)]] = False
    doc = np.repeat(np.arange(len(starts), dtype=np.int64), counts)
    pos = np.arange(len(doc), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    found = (mix32(h[inside]), doc, pos)
    return found if sentence is None else (*found, sentence[:n][inside])


class Shingles(NamedTuple):
    """A text's shingles: distinct hashes (sorted), those of its opening, and every shingle in
    order with the number of its sentence."""

    all: np.ndarray
    opening: np.ndarray
    sequence: np.ndarray
    sentence: np.ndarray


# The opening: about the first sentence.  A copy keeps its origin's; two stories that only
# share stock sentences ("业内人士预计…", a lawyer's standard advice) do not.
OPENING = 60
# A sentence of the shorter text counts as in the longer when this share of its shingles
# is: templated sentences with other names or numbers in them (签署战略合作协议…) do not.
HELD = 0.9
# A copy holds this share of its origin's opening (or the origin of the copy's); sentences
# built on one template with other names (X市正式启动汽车消费节…) mostly hold less.
OPENING_HELD = 0.75
# Fewer shared shingles than this is not a story in common, whatever share of a tiny
# text it is (a caption line, "点击查看大图"): about 30 characters, less than any flash.
MIN_SHARED = 30


def _distinct(hashes: np.ndarray, doc: np.ndarray, n_texts: int) -> list[np.ndarray]:
    # One sort of (text, hash) packed in 64 bits, then the repeats go.
    packed = np.sort((doc.astype(np.uint64) << np.uint64(32)) | hashes)
    packed = packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed
    bounds = np.searchsorted(packed >> np.uint64(32), np.arange(n_texts + 1, dtype=np.uint64))
    values = packed.astype(np.uint32)
    return [values[bounds[i] : bounds[i + 1]] for i in range(n_texts)]


def shingle_sets(texts: list[str], k: int) -> list[Shingles]:
    """Each text's ``Shingles``, in compiled loops: the same as ``shingle_sets_numpy``."""
    codes, starts, lengths, sentence = folded_sentences(texts)
    if not compiled() or len(starts) != len(texts) or not texts:  # a NUL inside a text: numpy's behaviour
        return shingle_sets_numpy(texts, k)
    seq, sent, bounds, every, every_bounds, front, front_bounds = kernel().shingle_sets(
        codes, starts.astype(np.int64), lengths.astype(np.int64), sentence, k, OPENING
    )
    b, e, f = bounds.tolist(), every_bounds.tolist(), front_bounds.tolist()
    return [
        Shingles(every[e[i] : e[i + 1]], front[f[i] : f[i + 1]], seq[b[i] : b[i + 1]], sent[b[i] : b[i + 1]])
        for i in range(len(texts))
    ]


def shingle_sets_numpy(texts: list[str], k: int) -> list[Shingles]:
    """``shingle_sets`` in numpy passes over the whole batch: the compiled loops' reference."""
    codes, starts, lengths, sentence = folded_sentences(texts)
    hashes, doc, pos, sent = _hashes(codes, starts, lengths, k, sentence)
    opening = pos <= OPENING - k
    bounds = np.searchsorted(doc, np.arange(len(texts) + 1))
    everything = _distinct(hashes, doc, len(texts))
    openings = _distinct(hashes[opening], doc[opening], len(texts))
    return [
        Shingles(
            everything[i], openings[i], hashes[bounds[i] : bounds[i + 1]], sent[bounds[i] : bounds[i + 1]]
        )
        for i in range(len(texts))
    ]


def similarity(a: Shingles, b: Shingles) -> float:
    """The share of the shorter text (in shingles) that lies in sentences the longer one holds.

    Not Jaccard: a trimmed reprint or a flash cut from a feature shares most of itself
    with its origin but little of the origin's length.  By sentence: stories made of the
    same templates and stock sentences share many shingles but few whole sentences.
    0 when they share fewer than ``MIN_SHARED`` shingles, or when neither holds
    ``OPENING_HELD`` of the other's opening.
    """
    if len(a.all) == 0 or len(b.all) == 0:
        return 0.0
    common = len(np.intersect1d(a.all, b.all, assume_unique=True))
    if common < MIN_SHARED or not (_holds(b.all, a.opening) or _holds(a.all, b.opening)):
        return 0.0
    short, long = (a, b) if len(a.all) <= len(b.all) else (b, a)
    inside = _member(short.sequence, long.all)
    starts = np.flatnonzero(np.r_[True, short.sentence[1:] != short.sentence[:-1]])
    sizes = np.diff(np.r_[starts, len(inside)])
    held = np.add.reduceat(inside, starts) >= HELD * sizes
    return float(sizes[held].sum() / len(inside))


class OpeningTest(NamedTuple):
    """A text's side of ``similarity``'s opening rule, as Python objects: a set lookup per
    opening shingle costs less than a numpy call per pair when a text meets many others."""

    all: frozenset[int]
    opening: frozenset[int]
    needed: float  # shingles of the opening the other text must hold


def opening_test(s: Shingles) -> OpeningTest:
    return OpeningTest(
        frozenset(s.all.tolist()), frozenset(s.opening.tolist()), OPENING_HELD * len(s.opening)
    )


def openings_meet(a: OpeningTest, b: OpeningTest) -> bool:
    """``similarity``'s opening rule: False exactly when it scores the pair 0 for its openings."""
    return bool(
        (a.opening and len(b.all & a.opening) >= a.needed)
        or (b.opening and len(a.all & b.opening) >= b.needed)
    )


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    where = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[where] == values


def _holds(text: np.ndarray, opening: np.ndarray) -> bool:
    held = len(np.intersect1d(text, opening, assume_unique=True))
    return len(opening) > 0 and held >= OPENING_HELD * len(opening)


def _signatures(hashes: np.ndarray, doc: np.ndarray, n_docs: int, bins: int) -> np.ndarray:
    out = np.full(n_docs * bins, EMPTY, dtype=np.uint32)
    np.minimum.at(out, doc * bins + (hashes & np.uint32(bins - 1)), hashes)
    sig = out.reshape(n_docs, bins)
    _densify(sig)
    return sig


def _densify(sig: np.ndarray) -> None:
    """Fill each empty bin from the next full bin to its right (circularly), offset by the distance."""
    empty = sig == EMPTY
    rows = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    if not len(rows):
        return
    full, gaps = sig[rows], empty[rows]
    filled, todo = full.copy(), gaps.copy()
    with np.errstate(over="ignore"):
        for step in range(1, sig.shape[1]):
            source, source_empty = np.roll(full, -step, axis=1), np.roll(gaps, -step, axis=1)
            take = todo & ~source_empty
            filled[take] = source[take] + np.uint32(step * 0x9E3779B1 & 0xFFFFFFFF)
            todo &= ~take
            if not todo.any():
                break
    sig[rows] = filled


def band_keys(sig: np.ndarray, scheme: Scheme) -> np.ndarray:
    """(texts, bands) int64 keys; a row of a text with no shingles is all zeros."""
    n = sig.shape[0]
    bands = sig[:, : scheme.bands * scheme.rows].reshape(n, scheme.bands, scheme.rows).astype(np.uint64)
    with np.errstate(over="ignore"):
        key = np.broadcast_to(np.arange(1, scheme.bands + 1, dtype=np.uint64), (n, scheme.bands)).copy()
        for r in range(scheme.rows):
            key ^= bands[:, :, r]
            key *= _P64
        key ^= key >> np.uint64(29)
    keys = key.view(np.int64)
    keys[(sig == EMPTY).all(axis=1)] = 0
    return keys


def signatures(texts: list[str], scheme: Scheme) -> np.ndarray:
    """(texts, bins) whole-text MinHash signatures: equal bins estimate Jaccard similarity."""
    hashes, doc, _ = shingle_hashes(texts, scheme.k)
    return _signatures(hashes, doc, len(texts), scheme.bins)


def sketch(texts: list[str], scheme: Scheme) -> list[np.ndarray]:
    """Each text's LSH keys (whole and lead signatures, distinct, sorted); empty when the
    text has fewer than ``scheme.k`` characters that count."""
    return sketch_and_sample(texts, scheme)[0]


def sketch_and_sample(texts: list[str], scheme: Scheme) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """``sketch`` and each text's distinct sampled shingles (``stock.sample`` of its set), from
    one shingling, in compiled loops (``autonews.reprints._jit``): the same values as
    ``sketch_and_sample_numpy``."""
    if not texts:
        return [], []
    if not compiled():
        return sketch_and_sample_numpy(texts, scheme)
    codes, starts, lengths = folded_codes(texts)
    if len(starts) != len(texts):  # a NUL inside a text: the numpy path's behaviour, whatever it is
        return sketch_and_sample_numpy(texts, scheme)
    keys, key_bounds, samples, sample_bounds = kernel().sketch(
        codes, starts.astype(np.int64), lengths.astype(np.int64), scheme.k, scheme.bins, scheme.rows,
        scheme.lead, (1 << 32) // scheme.sample,
    )  # fmt: skip
    kb, sb = key_bounds.tolist(), sample_bounds.tolist()
    return (
        [keys[kb[i] : kb[i + 1]] for i in range(len(texts))],
        [samples[sb[i] : sb[i + 1]] for i in range(len(texts))],
    )


def sketch_and_sample_numpy(texts: list[str], scheme: Scheme) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """``sketch_and_sample`` in numpy passes over the whole batch: the reference the compiled
    loops are tested against."""
    hashes, doc, pos = shingle_hashes(texts, scheme.k)
    sampled = in_sample(hashes, scheme)
    return _keys(hashes, doc, pos, len(texts), scheme), _distinct(hashes[sampled], doc[sampled], len(texts))


@functools.cache
def kernel() -> ModuleType:
    """The compiled loops, imported (and numba with them) on first use."""
    from autonews.reprints import _jit

    return _jit


# Loading numba's machinery in a process costs ~0.5 s of CPU (its numpy support, and scipy's
# BLAS check when scipy is installed); the loops save ~50 µs an article over numpy.  So a
# catch-up of fewer articles, in a process that has not loaded them yet, runs the numpy
# formulations, which give the same values.
KERNEL_FROM = 10_000
_COMPILED: ContextVar[bool] = ContextVar("autonews_reprints_compiled", default=True)


def worth_compiling(articles: int) -> bool:
    """Whether a catch-up of ``articles`` should run the compiled loops."""
    return articles >= KERNEL_FROM or kernel.cache_info().currsize > 0


@contextmanager
def compiled_loops(use: bool) -> Iterator[None]:
    """Run the compiled loops (or, with ``use`` False, their numpy equivalents) inside."""
    token = _COMPILED.set(use)
    try:
        yield
    finally:
        _COMPILED.reset(token)


def compiled() -> bool:
    return _COMPILED.get()


def in_sample(hashes: np.ndarray, scheme: Scheme) -> np.ndarray:
    """Which shingle hashes are sampled: those below ``2**32 / scheme.sample``, the same in every text."""
    return hashes < np.uint32((1 << 32) // scheme.sample)


def _keys(hashes: np.ndarray, doc: np.ndarray, pos: np.ndarray, n: int, scheme: Scheme) -> list[np.ndarray]:
    whole = band_keys(_signatures(hashes, doc, n, scheme.bins), scheme)
    in_lead = pos <= scheme.lead - scheme.k
    lead = band_keys(_signatures(hashes[in_lead], doc[in_lead], n, scheme.bins), scheme)
    both = np.sort(np.concatenate((whole, lead), axis=1), axis=1)
    both[:, 1:][both[:, 1:] == both[:, :-1]] = 0
    return [row[row != 0] for row in both]
