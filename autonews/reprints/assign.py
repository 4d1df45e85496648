"""Keeping the clusters current: sketch what is new, find its candidates, verify, re-cluster.

A catch-up pass sketches the articles without an up-to-date signature (new, changed, or
sketched under another scheme), counts their sampled shingles into the stock counts
(``autonews.reprints.stock``), proposes as candidates every article sharing an LSH band
key with one of them, keeps the pairs whose similarity reaches ``THRESHOLD`` and that share
text of their own (not stock), and rebuilds the clusters those articles touch.

A pair depends on its two texts and on the stock counts of its shared sampled shingles.
Every pair that reaches ``THRESHOLD`` is stored, in ``reprint_pairs`` or, when it shares
stock text only, in ``reprint_stock_pairs``; when a counter crosses ``STOCK`` (either way)
the stored pairs it bears on are decided again.  So catching up article by article and
rebuilding from scratch (``rebuild=True``) give the same clusters.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, Engine

from autonews.reprints import stock, tables
from autonews.reprints.clusters import build, components, published_key
from autonews.reprints.sketch import (
    HELD,
    MIN_SHARED,
    OPENING_HELD,
    Scheme,
    Shingles,
    compiled,
    compiled_loops,
    kernel,
    opening_test,
    openings_meet,
    shingle_sets,
    similarity,
    sketch_and_sample,
    worth_compiling,
)
from autonews.store.models import ReprintPair, ReprintStockPair

SCHEME = Scheme()
# Chosen on the labelled pairs (autonews.reprints.pairs; README "Reprints"): at 0.5 they
# give precision 1.000 and recall 0.996; the least similar copy found scores 0.54.
THRESHOLD = 0.5
SKETCH_BATCH = 2000
VERIFY_ARTICLES = 4000  # texts shingled at a time for verification
MAX_RUNS = 16  # key runs kept before they are merged into one
KEEP = 20_000  # articles sketched in a catch-up up to which their signatures stay in memory
SPARSE = 4  # pairs per article in a run up to which shared samples are checked before shingling
# Pairs in a verification run from which they are scored in the compiled loop even when the
# other loops are not in use: loading it costs ~0.5 s, similarity() in Python ~27 µs a pair.
COMPILED_FROM = 20_000
DENSE = 8  # pairs of an article in one run from which its opening rule is tested on sets


@dataclass
class CatchUp:
    sketched: int = 0
    candidates: int = 0
    stock_pairs: int = 0  # candidates that reached THRESHOLD in stock text only (this pass)
    pairs: int = 0  # stored pairs after the pass (0 when nothing needed re-clustering)
    clusters: int = 0  # likewise
    changed: bool = False  # the cluster tables were rewritten
    seconds: float = 0.0


def catch_up(engine: Engine, *, rebuild: bool = False) -> CatchUp:
    """Bring the reprint tables up to date with ``articles`` (all of it with ``rebuild``)."""
    started = time.perf_counter()
    with engine.begin() as conn:
        if rebuild:
            tables.clear(conn)
        pending, signed = (tables.article_ids(conn), {}) if rebuild else tables.pending(conn, SCHEME.name)
        with compiled_loops(worth_compiling(len(pending))):
            result = _catch_up(conn, pending, signed, rebuild=rebuild)
    result.seconds = time.perf_counter() - started
    return result


def _catch_up(conn: Connection, pending: list[int], signed: dict[int, str], *, rebuild: bool) -> CatchUp:
    """``catch_up`` inside its transaction, given what is pending."""
    result = CatchUp()
    current = tables.clusters_current(conn)
    # Deleted articles took their share of the stock counts with them: count again, even
    # with nothing new, so that no pair they vetoed waits for the next crawl.
    counted = None if rebuild or pending else tables.stock_articles(conn, SCHEME.name)
    stale = counted is not None and counted != tables.article_count(conn)
    if pending or not current or stale:
        result.sketched = len(pending)
        # A pending article sketched for the first time has no pairs and no cluster yet:
        # only its new pairs (below) can touch a cluster.
        touched: set[int] | None = None if rebuild or not current else set(signed)
        if pending:
            counts, recounted = _stock_counts(conn, pending, signed, fresh=rebuild)
            fresh = _sketch(conn, pending, counts, fresh=rebuild, signed=signed)
            tables.save_stock(conn, SCHEME.name, counts.to_bytes(), counts.articles)
            chunks, run = _find(conn, None if rebuild else pending, fresh and fresh.keys)
            _store_run(conn, run)
            candidates = _Counted(chunks)
            kept, vetoed, shared = _decide(conn, candidates, counts, fresh.samples if fresh else {})
            result.candidates = candidates.count
            result.stock_pairs = len(vetoed)
            # Only an article sketched before can have pairs: new ones have nothing to drop.
            tables.replace_pairs(conn, sorted(signed), kept, vetoed, fresh=rebuild, shared=shared)
            if touched is not None:
                touched.update(i for pair in kept for i in pair)
                touched |= _redecide(conn, counts, set(pending), everything=recounted)
        elif stale:
            counts, _ = _stock_counts(conn, [], {}, fresh=False)
            tables.save_stock(conn, SCHEME.name, counts.to_bytes(), counts.articles)
            moved = _redecide(conn, counts, set(), everything=True)
            if touched is not None:
                touched |= moved
        result.changed, result.clusters, result.pairs = _recluster(conn, touched)
    return result


def _stock_counts(
    conn: Connection, pending: list[int], signed: dict[int, str], *, fresh: bool
) -> tuple[stock.Counts, bool]:
    """The stored stock counts, and whether they had to be counted again from every stored
    sample: none stored, another scheme's, or a deleted article took its signature with it.

    The signatures of this scheme are the articles not pending and the pending ones
    ``signed`` with it: a count of articles through an index, not a scan of the signatures."""
    if fresh:
        return stock.Counts(), False
    stored = tables.load_stock(conn, SCHEME.name)
    current = sum(scheme == SCHEME.name for scheme in signed.values())
    if stored is not None and stored[1] == tables.article_count(conn) - len(pending) + current:
        return stock.Counts.from_bytes(*stored), False
    counts = stock.Counts()
    sites, samples = tables.all_samples(conn, SCHEME.name)
    counts.add(samples, sites)
    return counts, True


def _sketch(
    conn: Connection,
    ids: list[int],
    counts: stock.Counts | None = None,
    *,
    fresh: bool,
    signed: dict[int, str] | None = None,
) -> Sketched | None:
    """Sketch and sample ``ids``, moving their share of ``counts`` from the old text to the new
    (old signatures are looked up for the ``signed`` ids only when given: new articles have none).

    Returns what was sketched, for finding and verifying candidates without reading it back,
    when there are at most ``KEEP`` ids (a rebuild reads back instead: memory stays bounded)."""
    counts = stock.Counts() if counts is None else counts
    kept = (
        Sketched((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)), {}) if len(ids) <= KEEP else None
    )
    for part in tables.chunks(ids, SKETCH_BATCH):
        texts = tables.bodies(conn, part)
        order = sorted(texts)
        changed = order if signed is None else [i for i in order if i in signed]
        if not fresh and changed:
            old = tables.samples(conn, changed, SCHEME.name)
            counts.add([s for _, s in old.values()], [site for site, _ in old.values()], -1)
        keys, samples = sketch_and_sample([texts[i][0] for i in order], SCHEME)
        counts.add(samples, [texts[i][2] for i in order])
        rows = [(i, texts[i][1], k, s) for i, k, s in zip(order, keys, samples, strict=True)]
        tables.save_signatures(
            conn, rows, SCHEME.name, fresh=fresh, replacing=None if signed is None else changed
        )
        if kept is not None:
            owners = np.repeat(np.array(order, dtype=np.int64), [len(k) for k in keys])
            kept.keys = (np.concatenate((kept.keys[0], *keys)), np.concatenate((kept.keys[1], owners)))
            kept.samples.update((i, (texts[i][2], s)) for i, s in zip(order, samples, strict=True))
    return kept


@dataclass
class Sketched:
    """A catch-up's new signatures: (band keys, owner ids) flat as ``tables.keys_of`` gives
    them, and id -> (site, stock sample) as ``tables.samples`` does."""

    keys: tuple[np.ndarray, np.ndarray]
    samples: dict[int, tuple[str, np.ndarray]]


def _candidates(conn: Connection, pending: list[int] | None) -> np.ndarray:
    """Sorted (low, high) id pairs sharing a band key, at least one of them pending (None: all
    are), as an (n, 2) int64 array."""
    chunks = list(_find(conn, pending)[0])
    return np.concatenate(chunks) if chunks else np.zeros((0, 2), dtype=np.int64)


Run = tuple[np.ndarray, np.ndarray, bool]  # band keys, owners, and whether they replace every run


def _find(
    conn: Connection, pending: list[int] | None, fresh: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[Iterator[np.ndarray], Run]:
    """``_candidates`` (in ``pair_chunks``), and the key run a catch-up then stores: the pending articles' keys, or
    every article's when there are no runs yet (an upgraded database, a rebuild).  ``fresh``:
    the pending articles' (keys, owners) when the caller has them (as ``tables.keys_of``).

    The runs hold each key's upper 32 bits only (half the bytes to read): they name the
    articles that may share a key with a pending one, and those articles' current signatures
    say which keys they really hold.  A signature's keys are in a run from the catch-up that
    wrote it, so no partner is missed; a re-sketched or deleted article's old entries only
    cost a look at what it holds now."""
    if pending is None or not (runs := tables.key_runs(conn)):
        keys, owners = tables.all_keys(conn)
        return _scan(keys, owners, pending), (keys, owners, True)
    fresh_keys, fresh_owners = tables.keys_of(conn, pending) if fresh is None else fresh
    wanted = _distinct_sorted(fresh_keys)
    prefixes = _distinct_sorted(tables.key_prefixes(wanted))
    match = kernel().among if compiled() else _among
    named = [run_owners[match(run_prefixes, prefixes)] for run_prefixes, run_owners in runs]
    owners = _distinct_sorted(np.concatenate(named).astype(np.int64))
    owners = owners[~np.isin(owners, np.array(pending, dtype=np.int64))]  # their old keys are stale
    keys, owners = (
        tables.keys_of(conn, owners.tolist()) if len(owners) else (fresh_keys[:0], fresh_owners[:0])
    )
    if len(keys) and len(wanted):
        held = wanted[np.minimum(np.searchsorted(wanted, keys), len(wanted) - 1)] == keys
        keys, owners = keys[held], owners[held]
    keys = np.concatenate((fresh_keys, keys))
    owners = np.concatenate((fresh_owners, owners))
    is_new = np.r_[np.ones(len(fresh_keys), dtype=bool), np.zeros(len(keys) - len(fresh_keys), dtype=bool)]
    order = np.argsort(keys)
    return pair_chunks(keys[order], owners[order], is_new[order]), (fresh_keys, fresh_owners, False)


def _among(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``_jit.among`` in numpy: positions of sorted ``values`` equal to one of sorted ``wanted``."""
    lo, hi = np.searchsorted(values, wanted, "left"), np.searchsorted(values, wanted, "right")
    n = hi - lo
    return np.repeat(lo, n) + np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)


def _store_run(conn: Connection, run: Run) -> None:
    keys, owners, replace = run
    if tables.add_key_run(conn, keys, owners, replace=replace) > MAX_RUNS:
        tables.add_key_run(conn, *tables.all_keys(conn), replace=True)  # merged; stale keys gone


def _scan(keys: np.ndarray, owners: np.ndarray, pending: list[int] | None) -> Iterator[np.ndarray]:
    """``_candidates`` from every stored key, in ``pair_chunks``.

    Only the entries sharing a key with a pending article go further: a bitmap of the
    pending keys' low bits drops nearly all others in one gather, and a binary search drops
    the rest, so an incremental pass sorts and pairs only the pending articles' own keys
    and their few matches, not the whole database's.
    """
    if not len(keys):
        return iter(())
    if pending is None:
        is_new = np.ones(len(owners), dtype=bool)
    else:
        flags = np.zeros(int(owners.max()) + 1, dtype=bool)
        wanted = np.array(pending, dtype=np.int64)
        flags[wanted[wanted < len(flags)]] = True
        is_new = flags[owners]
        fresh_keys = _distinct_sorted(keys[is_new])
        bitmap = np.zeros(1 << _BITMAP_BITS, dtype=bool)
        bitmap[fresh_keys & _BITMAP_MASK] = True
        maybe = np.flatnonzero(bitmap[keys & _BITMAP_MASK] | is_new)
        where = np.minimum(np.searchsorted(fresh_keys, keys[maybe]), max(len(fresh_keys) - 1, 0))
        maybe = maybe[fresh_keys[where] == keys[maybe]] if len(fresh_keys) else maybe[:0]
        keys, owners, is_new = keys[maybe], owners[maybe], is_new[maybe]
    order = np.argsort(keys)  # the order inside a run does not matter: pairs come out sorted
    keys, owners, is_new = keys[order], owners[order], is_new[order]
    return pair_chunks(keys, owners, is_new)


def _distinct_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by a sort: numpy 2.4's np.unique took 280 ms where np.sort took 2 ms (420,000 keys)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


_BITMAP_BITS = 24
_BITMAP_MASK = np.int64((1 << _BITMAP_BITS) - 1)


PAIR_CHUNK = 4_000_000  # pair entries (before the distinct sort) held at a time


def pair_chunks(
    keys: np.ndarray, owners: np.ndarray, is_new: np.ndarray, limit: int = PAIR_CHUNK
) -> Iterator[np.ndarray]:
    """``group_pairs`` in pieces of about ``limit`` pairs, by ranges of the lower id, in order:
    their concatenation is ``group_pairs``' array.  Templated articles make pairs with the square
    of their number (3.7 million among the 10,000-article replica's); all at once, a rebuild of a
    large templated database would need gigabytes."""
    if len(keys) < 2:
        return
    if not compiled():
        yield group_pairs(keys, owners, is_new)
        return
    order = np.lexsort((owners, keys))
    keys, owners, is_new = keys[order], owners[order].astype(np.int64), is_new[order]
    ends = kernel().run_ends(keys)
    later = ends - np.arange(len(keys)) - 1  # at most this many pairs with this entry the lower
    per_owner = np.cumsum(np.bincount(owners, weights=later))
    edges = [0, *np.searchsorted(per_owner, np.arange(limit, per_owner[-1], limit)).tolist(), len(per_owner)]
    for lo, hi in zip(edges, edges[1:], strict=False):
        if hi <= lo:
            continue
        bound = int(round(per_owner[hi - 1] - (per_owner[lo - 1] if lo else 0)))
        packed = _distinct_sorted(kernel().run_pairs_from(keys, owners, is_new, ends, lo, hi, bound))
        if len(packed):
            yield np.stack((packed >> 32, packed & 0xFFFFFFFF), axis=1)


def group_pairs(keys: np.ndarray, owners: np.ndarray, is_new: np.ndarray) -> np.ndarray:
    """Every (low, high) owner pair within a run of equal ``keys`` (sorted), one of them new;
    distinct and sorted, as an (n, 2) int64 array, all in numpy."""
    n = len(keys)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.repeat(np.r_[starts[1:], n], np.diff(np.r_[starts, n]))
    after = ends - np.arange(n) - 1  # later entries in this entry's run
    total = int(after.sum())
    first = np.repeat(np.arange(n), after)
    second = first + 1 + np.arange(total) - np.repeat(np.cumsum(after) - after, after)
    a, b = owners[first], owners[second]
    keep = (a != b) & (is_new[first] | is_new[second])
    a, b = a[keep], b[keep]
    packed = _distinct_sorted((np.minimum(a, b) << 32) | np.maximum(a, b))
    return np.stack((packed >> 32, packed & 0xFFFFFFFF), axis=1)


def _verify(conn: Connection, candidates: np.ndarray, counts: stock.Counts | None = None) -> tables.Pairs:
    """The candidate pairs (sorted) whose texts really are one story, with their similarity."""
    return _decide(conn, candidates, stock.Counts() if counts is None else counts)[0]


class _Counted:
    """Candidate chunks, counted as they go by."""

    def __init__(self, chunks: Iterable[np.ndarray]) -> None:
        self.chunks = chunks
        self.count = 0

    def __iter__(self) -> Iterator[np.ndarray]:
        for chunk in self.chunks:
            self.count += len(chunk)
            yield chunk


def _decide(
    conn: Connection,
    candidates: np.ndarray | Iterable[np.ndarray],
    counts: stock.Counts,
    known: dict[int, tuple[str, np.ndarray]] | None = None,
) -> tuple[tables.Pairs, tables.Pairs, tables.Shared]:
    """The candidate pairs (sorted) that reach ``THRESHOLD`` and share ``stock.EVIDENCE``
    sampled shingles, with their similarity: (those that are one story, those whose shared
    sampled shingles are too often stock).  A pair sharing fewer sampled shingles is never
    one story, whatever the counts, so it is dropped, and first when that is cheaper: from
    the stored samples (or those ``known``, just sketched), before its texts are shingled.
    Third: the sampled shingles each of those pairs shares, stored with it for ``_redecide``."""
    known = known or {}
    kept: tables.Pairs = {}
    vetoed: tables.Pairs = {}
    common: tables.Shared = {}
    chunks = [candidates] if isinstance(candidates, np.ndarray) else candidates
    for part, ids in (run for chunk in chunks for run in _runs(chunk, VERIFY_ARTICLES)):
        samples: dict[int, tuple[str, np.ndarray]] | None = None
        if len(part) <= SPARSE * len(ids):  # chance meetings of unrelated texts, mostly
            samples = {i: known[i] for i in ids if i in known}
            samples |= tables.samples(conn, [i for i in ids if i not in known], SCHEME.name)
            if len(samples) < len(ids):  # not all sketched (in a catch-up they are): no shortcut
                samples = None
        if samples is not None:
            judged = counts.judge(
                [(samples[a][1], samples[a][0], samples[b][1], samples[b][0]) for a, b in part.tolist()]
            )
            part = part[judged.shared >= stock.EVIDENCE]
            ids = set(part.ravel().tolist())
        sets, sites = _shingled(conn, ids)
        if compiled() or len(part) >= COMPILED_FROM:
            passed = _similar_compiled(part, sets)
        else:
            passed = _similar(list(map(tuple, part.tolist())), sets)
        if samples is None:
            samples = {i: (sites[i], stock.sample(sets[i].all, SCHEME)) for pair in passed for i in pair}
        judged = counts.judge(
            [(samples[a][1], samples[a][0], samples[b][1], samples[b][0]) for a, b in passed]
        )
        for (pair, score), own, shared in zip(
            passed.items(), judged.own.tolist(), judged.shared.tolist(), strict=True
        ):
            if own >= stock.EVIDENCE:
                kept[pair] = score
            elif shared >= stock.EVIDENCE:
                vetoed[pair] = score
            else:
                continue
            common[pair] = np.intersect1d(samples[pair[0]][1], samples[pair[1]][1], assume_unique=True)
    return kept, vetoed, common


def _similar(part: list[tuple[int, int]], sets: dict[int, Shingles]) -> tables.Pairs:
    """The pairs of ``part`` whose ``similarity`` (rounded) reaches ``THRESHOLD``, with it."""
    # Template-heavy sites: thousands of pairs among a few articles, nearly all failing the
    # opening rule.  For articles in many pairs that rule goes first, on Python sets built
    # once per article (~100 µs each, so not for an article in a pair or two).
    seen = Counter(i for pair in part for i in pair)
    tests = {i: opening_test(sets[i]) for i, n in seen.items() if n >= DENSE}
    passed: tables.Pairs = {}
    for a, b in part:
        if (
            (ta := tests.get(a)) is not None
            and (tb := tests.get(b)) is not None
            and not openings_meet(ta, tb)
        ):
            continue  # similarity() would score it 0
        score = round(similarity(sets[a], sets[b]), 4)
        if score >= THRESHOLD:
            passed[(a, b)] = score
    return passed


# Below this unrounded similarity no pair can round up to THRESHOLD (4 places).
_ROUNDING = 1e-4


def _similar_compiled(part: np.ndarray | list[tuple[int, int]], sets: dict[int, Shingles]) -> tables.Pairs:
    """``_similar`` in one compiled loop over every pair (a template-heavy site's catch-up met
    millions, at ~27 µs each through ``similarity``); rounded as ``_similar`` rounds."""
    pairs = np.asarray(part, dtype=np.int64).reshape(-1, 2)
    raw = _scores(pairs, sets, floor=THRESHOLD - _ROUNDING)
    passed: tables.Pairs = {}
    for n in np.flatnonzero(raw >= THRESHOLD - _ROUNDING).tolist():
        score = round(float(raw[n]), 4)
        if score >= THRESHOLD:
            a, b = pairs[n].tolist()
            passed[(a, b)] = score
    return passed


def _scores(
    part: np.ndarray | list[tuple[int, int]], sets: dict[int, Shingles], floor: float = 0.0
) -> np.ndarray:
    """``similarity`` of each pair of ``part``, unrounded, from ``_jit.similarities``, where it
    reaches ``floor`` (below: some value below it)."""
    pairs = np.asarray(part, dtype=np.int64).reshape(-1, 2)
    if not len(pairs):
        return np.zeros(0, dtype=np.float64)
    order = sorted(sets)
    flat = [sets[i] for i in order]

    def joined(field: str) -> tuple[np.ndarray, np.ndarray]:
        arrays = [getattr(s, field) for s in flat]
        bounds = np.zeros(len(arrays) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in arrays], out=bounds[1:])
        return np.concatenate(arrays), bounds

    every, every_bounds = joined("all")
    front, front_bounds = joined("opening")
    seq, seq_bounds = joined("sequence")
    sent = np.concatenate([s.sentence for s in flat]).astype(np.int64)
    ends = _ranks(np.array(order, dtype=np.int64), pairs)
    return kernel().similarities(
        every, every_bounds, front, front_bounds, seq, sent, seq_bounds, ends,
        MIN_SHARED, OPENING_HELD, HELD, floor, kernel().bit_filters(every, every_bounds),
    )  # fmt: skip


def _tiled(candidates: np.ndarray, articles: int) -> np.ndarray:
    """``candidates`` reordered, when they are dense, so that runs of ``_batches`` cover square
    tiles of the articles' ranks: each text is then shingled once per tile row, not once per
    run.  A template-heavy site's 3.7 million pairs among 10,000 articles took 438 runs that
    shingled every text ~175 times in their order; sparse pairs keep their order."""
    if not len(candidates):
        return candidates
    ids = _distinct_sorted(candidates.ravel())
    if len(ids) <= articles or len(candidates) <= SPARSE * len(ids):
        return candidates
    block = _ranks(ids, candidates)
    block //= max(articles // 2, 1)
    tile = block[:, 0] * (int(block.max()) + 1)
    tile += block[:, 1]
    del block  # the arrays here are as long as the candidates: one at a time
    # Stable: candidates come sorted, and stay sorted inside each tile.
    return candidates[np.argsort(tile, kind="stable")]


def _ranks(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The place of each of ``values`` in sorted distinct ``ids`` (all of them are there): a
    gather through a table over the id range, which a binary search per value cost 10x."""
    table = np.zeros(int(ids[-1]) + 1, dtype=np.int32 if len(ids) < 1 << 31 else np.int64)
    table[ids] = np.arange(len(ids))
    return table[values]


def _redecide(conn: Connection, counts: stock.Counts, pending: set[int], *, everything: bool) -> set[int]:
    """Decide again the stored pairs (not of ``pending``: those were just verified) that a stock
    counter which crossed ``STOCK`` bears on (``everything``: all of them), moving those whose
    verdict changed between ``reprint_pairs`` and ``reprint_stock_pairs``; returns their articles."""
    if counts.crossed is None and not everything:
        return set()
    stored = {
        model: {p: row for p, row in tables.judged_pairs(conn, model).items() if not pending.intersection(p)}
        for model in (ReprintPair, ReprintStockPair)
    }
    # Pairs stored before their shared shingles were (an upgraded database): from the samples.
    unknown = sorted(
        {i for pairs in stored.values() for p, row in pairs.items() if row[3] is None for i in p}
    )
    samples = tables.samples(conn, unknown, SCHEME.name) if unknown else {}
    moved: set[int] = set()
    for model, other, keep in ((ReprintPair, ReprintStockPair, False), (ReprintStockPair, ReprintPair, True)):
        pairs = stored[model]
        shared = {
            (a, b): row[3]
            if row[3] is not None
            else np.intersect1d(samples[a][1], samples[b][1], assume_unique=True)
            for (a, b), row in pairs.items()
        }
        # A pair's shared shingles judged against themselves: the same verdict as its two samples.
        judged = counts.judge([(shared[p], row[1], shared[p], row[2]) for p, row in pairs.items()])
        flips = {
            pair: row[0]
            for (pair, row), evidence, crossed in zip(
                pairs.items(), judged.own.tolist(), judged.crossed.tolist(), strict=True
            )
            if (everything or crossed) and (evidence >= stock.EVIDENCE) == keep
        }
        tables.drop_pairs(conn, model, flips)
        tables.add_pairs(conn, other, flips, shared)
        moved.update(i for p in flips for i in p)
    return moved


def _runs(candidates: np.ndarray, articles: int) -> Iterator[tuple[np.ndarray, set[int]]]:
    """``_batches`` of the ``_tiled`` candidates, as (pairs, their articles); the runs are
    found in a compiled loop when the loops are in use (a Python loop cost ~1 µs a pair)."""
    pairs = _tiled(candidates, articles)
    if not len(pairs):
        return
    if not compiled():
        for part, ids in _batches(pairs.tolist(), articles):
            yield np.array(part, dtype=np.int64).reshape(-1, 2), ids
        return
    ids = _distinct_sorted(pairs.ravel())
    cuts = kernel().run_cuts(_ranks(ids, pairs), len(ids), articles).tolist()
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        part = pairs[lo:hi]
        yield part, set(_distinct_sorted(part.ravel()).tolist())


def _batches(pairs: list[list[int]], articles: int) -> Iterator[tuple[list[tuple[int, int]], set[int]]]:
    """Runs of ``pairs`` (in order) among at most about ``articles`` distinct articles, with
    those articles: each text is shingled once per run, however many pairs it is in."""
    part: list[tuple[int, int]] = []
    ids: set[int] = set()
    for a, b in pairs:
        if len(ids) >= articles and (a not in ids or b not in ids):
            yield part, ids
            part, ids = [], set()
        part.append((a, b))
        ids.update((a, b))
    if part:
        yield part, ids


def _shingle_sets(conn: Connection, ids: set[int]) -> dict[int, Shingles]:
    return _shingled(conn, ids)[0]


def _shingled(conn: Connection, ids: set[int]) -> tuple[dict[int, Shingles], dict[int, str]]:
    """(id -> ``Shingles``, id -> site)."""
    texts = tables.bodies(conn, sorted(ids))
    order = sorted(texts)
    sets = dict(zip(order, shingle_sets([texts[i][0] for i in order], SCHEME.k), strict=True))
    return sets, {i: texts[i][2] for i in order}


def _recluster(conn: Connection, touched: set[int] | None) -> tuple[bool, int, int]:
    """Rewrites the clusters that ``touched`` articles are or were in (None: all of them),
    when they differ from what the stored pairs now make; returns (changed, clusters, pairs).

    Enough, because the stored clusters are the components of the stored pairs except
    where a pair touching a ``touched`` article came or went: every pair with one end in
    those clusters or among ``touched`` has its other end there too, so their components
    are whole components of all stored pairs, and the other clusters stand as they are.
    """
    if touched is None:
        pairs, old = tables.stored_pairs(conn), None
    else:
        old, members = tables.clusters_of(conn, touched)
        pairs = tables.pairs_touching(conn, touched | members)
    groups = components(pairs)
    info = tables.members_info(conn, {i for g in groups for i in g})
    built = [build(g, info) for g in groups]
    missing = {(min(m, c.origin), max(m, c.origin)) for c in built for m in c.members if m != c.origin}
    missing -= pairs.keys()
    scores = dict(pairs)
    if missing:  # a copy of a copy: its similarity to the origin itself
        sets = _shingle_sets(conn, {i for pair in missing for i in pair})
        scores |= {(a, b): round(similarity(sets[a], sets[b]), 4) for a, b in missing}
    cluster_rows, member_rows = [], []
    for c in built:
        times = sorted((info[m] for m in c.members), key=lambda m: published_key(m.published_at, m.id))
        dated = [m.published_at for m in times if m.published_at]
        sites = len({info[m].site for m in c.members})
        cluster_rows.append((c.origin, c.origin, len(c.members), sites, dated[0] if dated else None,
                             dated[-1] if dated else None))  # fmt: skip
        for m in c.members:
            score = 1.0 if m == c.origin else scores[(min(m, c.origin), max(m, c.origin))]
            member_rows.append((m, c.origin, score, c.copied_from.get(m)))
    cluster_rows.sort()
    member_rows.sort()
    changed = (cluster_rows, member_rows) != tables.stored_clusters(conn, old)
    if changed:
        tables.replace_clusters(conn, cluster_rows, member_rows, old)
    if old is None:
        return changed, len(cluster_rows), len(pairs)
    return changed, *tables.counts(conn)
