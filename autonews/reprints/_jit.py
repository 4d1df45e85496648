"""Compiled loops (numba) for the per-shingle work of ``sketch`` and ``stock``.

Why: the numpy formulation makes ~30 whole-batch passes (hash rounds, masks, a scatter-min,
densification, band mixing, sorts), 50-70 µs an article, where a crawl's store path leaves
about 35 µs for all reprint work.  One loop over each text does it in a few µs.  Every
function here computes exactly what its numpy counterpart in ``sketch``/``stock`` does, bit
for bit (``tests/unit/test_reprints_kernel.py``), so signatures keep their scheme name.

Imported on first use (``autonews.reprints.sketch.kernel``), not with ``autonews``: numba
takes ~0.4 s to import.  Compiled code is cached on disk (``cache=True``): a cold cache
costs one compilation (a few seconds) per process, a warm one a load.
"""

from __future__ import annotations

import numpy as np
from numba import njit, uint32, uint64

EMPTY = 0xFFFFFFFF
_P32 = 0x01000193
_P64 = 0x100000001B3
_GOLDEN = 0x9E3779B1
Arr = np.ndarray


@njit(cache=True, inline="always")
def mix32(h: int) -> int:
    """``sketch.mix32`` of one hash."""
    h ^= h >> uint32(16)
    h = uint32(h * uint32(0x85EBCA6B))
    h ^= h >> uint32(13)
    h = uint32(h * uint32(0xC2B2AE35))
    h ^= h >> uint32(16)
    return h


@njit(cache=True)
def densify(sig: np.ndarray) -> None:
    """``sketch._densify`` of one signature, in place."""
    bins = sig.shape[0]
    empty = 0
    for j in range(bins):
        if sig[j] == uint32(EMPTY):
            empty += 1
    if empty == 0 or empty == bins:
        return
    full = sig.copy()
    for j in range(bins):
        if full[j] != uint32(EMPTY):
            continue
        for step in range(1, bins):
            source = full[(j + step) % bins]
            if source != uint32(EMPTY):
                sig[j] = uint32(source + uint32((step * _GOLDEN) & 0xFFFFFFFF))
                break


@njit(cache=True)
def band_keys(sig: np.ndarray, bands: int, rows: int, out: np.ndarray, at: int) -> None:
    """Writes the ``bands`` keys of ``sig`` at ``out[at:]``; all 0 when ``sig`` is all empty."""
    blank = True
    for j in range(sig.shape[0]):
        if sig[j] != uint32(EMPTY):
            blank = False
            break
    for b in range(bands):
        if blank:
            out[at + b] = 0
            continue
        key = uint64(b + 1)
        for r in range(rows):
            key ^= uint64(sig[b * rows + r])
            key = uint64(key * uint64(_P64))
        key ^= key >> uint64(29)
        out[at + b] = np.int64(key)


@njit(cache=True)
def sketch(
    codes: np.ndarray,
    starts: np.ndarray,
    lengths: np.ndarray,
    k: int,
    bins: int,
    rows: int,
    lead: int,
    limit: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per text: its distinct nonzero band keys (whole and lead, sorted) and its distinct
    sampled shingles (hash < ``limit``, sorted), as flat arrays with bounds."""
    n = starts.shape[0]
    bands = bins // rows
    keys = np.zeros(n * 2 * bands, dtype=np.int64)
    key_bounds = np.zeros(n + 1, dtype=np.int64)
    total = 0
    for i in range(n):
        total += max(lengths[i] - k + 1, 0)
    samples = np.empty(total + 1, dtype=np.uint32)  # + 1: the branch-free store
    sample_bounds = np.zeros(n + 1, dtype=np.int64)
    whole = np.empty(bins, dtype=np.uint32)
    front = np.empty(bins, dtype=np.uint32)
    both = np.empty(2 * bands, dtype=np.int64)
    mask = uint32(bins - 1)
    nk = 0
    ns = 0
    for i in range(n):
        whole[:] = uint32(EMPTY)
        front[:] = uint32(EMPTY)
        s = starts[i]
        first = ns
        for p in range(max(lengths[i] - k + 1, 0)):
            h = uint32(codes[s + p])
            for j in range(1, k):
                h = uint32(uint32(h * uint32(_P32)) + uint32(codes[s + p + j]))
            h = mix32(h)
            b = h & mask
            if h < whole[b]:
                whole[b] = h
            if p <= lead - k and h < front[b]:
                front[b] = h
            # Branch-free: a quarter of the shingles are sampled, at random.
            samples[ns] = h
            ns += h < uint32(limit)
        if ns > first + 1:
            samples[first:ns].sort()
            m = first + 1
            for j in range(first + 1, ns):
                if samples[j] != samples[m - 1]:
                    samples[m] = samples[j]
                    m += 1
            ns = m
        sample_bounds[i + 1] = ns
        densify(whole)
        densify(front)
        band_keys(whole, bands, rows, both, 0)
        band_keys(front, bands, rows, both, bands)
        both.sort()
        for j in range(2 * bands):
            if both[j] != 0 and (j == 0 or both[j] != both[j - 1]):
                keys[nk] = both[j]
                nk += 1
        key_bounds[i + 1] = nk
    return keys[:nk], key_bounds, samples[:ns], sample_bounds


@njit(cache=True)
def count(
    hashes: np.ndarray,
    salts: np.ndarray,
    counts: np.ndarray,
    sign: int,
    mask: int,
    stock: int,
    crossed: np.ndarray,
) -> bool:
    """Adds ``sign`` to the counter of each (hash, salt), saturating; marks in ``crossed``
    the counters whose side of ``stock`` changed.  Returns whether any did."""
    limit = 65535
    flipped = False
    for i in range(hashes.shape[0]):
        b = mix32(uint32(hashes[i] ^ salts[i])) & uint32(mask)
        old = np.int64(counts[b])
        new = min(max(old + sign, 0), limit)
        counts[b] = new
        if (old >= stock) != (new >= stock):
            crossed[b] = True
            flipped = True
    return flipped


@njit(cache=True)
def judge(
    flat: np.ndarray,
    bounds: np.ndarray,
    salts: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    counts: np.ndarray,
    crossed: np.ndarray,
    use_crossed: bool,
    mask: int,
    stock: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pair (``first[p]``, ``second[p]`` index the samples in ``flat``/``bounds``):
    shared sampled shingles, those stock on neither side, and whether a crossed counter
    bears on them.  Samples are sorted and distinct."""
    n = first.shape[0]
    own = np.zeros(n, dtype=np.int64)
    shared = np.zeros(n, dtype=np.int64)
    touched = np.zeros(n, dtype=np.bool_)
    for p in range(n):
        a, b = first[p], second[p]
        i, end_i = bounds[a], bounds[a + 1]
        j, end_j = bounds[b], bounds[b + 1]
        while i < end_i and j < end_j:
            x, y = flat[i], flat[j]
            if x < y:
                i += 1
            elif y < x:
                j += 1
            else:
                at_a = mix32(uint32(x ^ salts[a])) & uint32(mask)
                at_b = mix32(uint32(x ^ salts[b])) & uint32(mask)
                shared[p] += 1
                if counts[at_a] < stock and counts[at_b] < stock:
                    own[p] += 1
                if use_crossed and (crossed[at_a] or crossed[at_b]):
                    touched[p] = True
                i += 1
                j += 1
    return own, shared, touched


@njit(cache=True)
def among(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Positions of the entries of sorted ``values`` that equal an entry of sorted ``wanted``:
    one merge, where two binary searches per wanted value cost several times more."""
    out = np.empty(values.shape[0], dtype=np.int64)
    n = 0
    j = 0
    for i in range(values.shape[0]):
        v = values[i]
        while j < wanted.shape[0] and wanted[j] < v:
            j += 1
        if j == wanted.shape[0]:
            break
        if wanted[j] == v:
            out[n] = i
            n += 1
    return out[:n]


@njit(cache=True)
def _distinct_into(values: np.ndarray, out: np.ndarray, at: int) -> int:
    """Writes sorted distinct ``values`` at ``out[at:]``; returns where they end."""
    if values.shape[0] == 0:
        return at
    part = np.sort(values)
    out[at] = part[0]
    n = at + 1
    for j in range(1, part.shape[0]):
        if part[j] != part[j - 1]:
            out[n] = part[j]
            n += 1
    return n


@njit(cache=True)
def shingle_sets(
    codes: np.ndarray, starts: np.ndarray, lengths: np.ndarray, sentence: np.ndarray, k: int, opening: int
) -> tuple[np.ndarray, ...]:
    """``sketch.shingle_sets`` as flat arrays: every shingle's hash and sentence in order,
    the distinct hashes (sorted) and those of the opening, each with bounds per text."""
    n = starts.shape[0]
    bounds = np.zeros(n + 1, dtype=np.int64)
    for i in range(n):
        bounds[i + 1] = bounds[i] + max(lengths[i] - k + 1, 0)
    seq = np.empty(bounds[n], dtype=np.uint32)
    sent = np.empty(bounds[n], dtype=np.int64)
    every = np.empty(bounds[n], dtype=np.uint32)
    front = np.empty(bounds[n], dtype=np.uint32)
    every_bounds = np.zeros(n + 1, dtype=np.int64)
    front_bounds = np.zeros(n + 1, dtype=np.int64)
    for i in range(n):
        s = starts[i]
        base = bounds[i]
        m = bounds[i + 1] - base
        for p in range(m):
            h = uint32(codes[s + p])
            for j in range(1, k):
                h = uint32(uint32(h * uint32(_P32)) + uint32(codes[s + p + j]))
            seq[base + p] = mix32(h)
            sent[base + p] = sentence[s + p]
        every_bounds[i + 1] = _distinct_into(seq[base : base + m], every, every_bounds[i])
        lead = min(m, max(opening - k + 1, 0))
        front_bounds[i + 1] = _distinct_into(seq[base : base + lead], front, front_bounds[i])
    return seq, sent, bounds, every, every_bounds, front, front_bounds


@njit(cache=True)
def _found(sorted_set: Arr, values: Arr) -> int:
    """How many of sorted distinct ``values`` are in sorted distinct ``sorted_set``: a binary
    search each, from where the last one landed."""
    n = 0
    lo = 0
    for v in values:
        lo = lo + np.searchsorted(sorted_set[lo:], v)
        if lo < sorted_set.shape[0] and sorted_set[lo] == v:
            n += 1
    return n


FILTER_WORDS = 64  # 4,096 bits a text: a 900-character text sets ~20 % of them


@njit(cache=True)
def bit_filters(every: Arr, every_bounds: Arr) -> Arr:
    """Each text's distinct hashes as a bit set of ``FILTER_WORDS`` words (a one-hash Bloom filter)."""
    out = np.zeros((every_bounds.shape[0] - 1, FILTER_WORDS), dtype=np.uint64)
    for t in range(out.shape[0]):
        for q in range(every_bounds[t], every_bounds[t + 1]):
            bit = np.int64(every[q]) & (FILTER_WORDS * 64 - 1)
            out[t, bit >> 6] |= uint64(1) << uint64(bit & 63)
    return out


@njit(cache=True, inline="always")
def _filtered(bits: Arr, values: Arr) -> int:
    """How many of ``values`` the bit set ``bits`` may hold: at least as many as it does."""
    n = 0
    for v in values:
        bit = np.int64(v) & (FILTER_WORDS * 64 - 1)
        n += (bits[bit >> 6] >> uint64(bit & 63)) & uint64(1)
    return n


@njit(cache=True)
def _held(values: Arr, sorted_set: Arr, start: int, stop: int) -> int:
    """How many of ``values[start:stop]`` are in ``sorted_set`` (``sketch._member``, summed)."""
    n = 0
    for p in range(start, stop):
        at = np.searchsorted(sorted_set, values[p])
        if at < sorted_set.shape[0] and sorted_set[at] == values[p]:
            n += 1
    return n


@njit(cache=True)
def similarities(
    every: Arr, every_bounds: Arr, front: Arr, front_bounds: Arr, seq: Arr, sent: Arr, seq_bounds: Arr,
    ends: Arr, min_shared: int, opening_held: float, held: float, floor: float, filters: Arr,
) -> Arr:  # fmt: skip
    """``sketch.similarity`` of each pair, unrounded, where it reaches ``floor``; below it, some
    value below ``floor`` (the count stops once the rest of the text cannot lift it there).
    The rows of ``ends`` index the texts of ``shingle_sets``' flat arrays; ``filters`` is
    ``bit_filters``."""
    out = np.zeros(ends.shape[0], dtype=np.float64)
    for p in range(ends.shape[0]):
        a, b = ends[p, 0], ends[p, 1]
        if every_bounds[a + 1] - every_bounds[a] > every_bounds[b + 1] - every_bounds[b]:
            a, b = b, a  # the shorter first (the first of two as long), as similarity() picks it
        short = every[every_bounds[a] : every_bounds[a + 1]]
        long = every[every_bounds[b] : every_bounds[b + 1]]
        if short.shape[0] == 0:
            continue
        # The opening rule first, where counting what the texts share walks both whole texts:
        # most candidates of a templated site fail it (in a 2,000-article replica, 99.6 %).  A
        # text's bit filter over-counts what it holds, never under-counts, so a pair it fails
        # fails the rule; the others get the exact count, a binary search per opening shingle.
        open_a = front[front_bounds[a] : front_bounds[a + 1]]
        open_b = front[front_bounds[b] : front_bounds[b + 1]]
        need_a = opening_held * open_a.shape[0]
        need_b = opening_held * open_b.shape[0]
        maybe_a = open_a.shape[0] > 0 and _filtered(filters[b], open_a) >= need_a
        maybe_b = open_b.shape[0] > 0 and _filtered(filters[a], open_b) >= need_b
        if not (maybe_a or maybe_b):
            continue
        meets = maybe_a and _found(long, open_a) >= need_a
        if not meets:
            meets = maybe_b and _found(short, open_b) >= need_b
        if not meets:
            continue
        i = 0
        j = 0
        common = 0
        while i < short.shape[0] and j < long.shape[0]:  # branch-free: the order is a coin toss
            x = short[i]
            y = long[j]
            common += x == y
            i += x <= y
            j += y <= x
        if common < min_shared:
            continue
        start, stop = seq_bounds[a], seq_bounds[a + 1]
        total = stop - start
        kept = 0
        first = start
        while first < stop:  # runs of one sentence number, as np.add.reduceat over their starts
            last = first + 1
            while last < stop and sent[last] == sent[first]:
                last += 1
            if _held(seq, long, first, last) >= held * (last - first):
                kept += last - first
            first = last
            if kept + (stop - first) < floor * total:
                kept += stop - first  # an upper bound, still below floor
                break
        out[p] = kept / total
    return out


@njit(cache=True)
def run_cuts(ranks: Arr, n_ids: int, articles: int) -> Arr:
    """Where ``assign._batches`` starts each run of these pairs (given as the ranks of their
    articles), and the number of pairs at the end."""
    mark = np.full(n_ids, -1, dtype=np.int64)
    cuts = [0]
    run = 0
    count = 0
    for p in range(ranks.shape[0]):
        a, b = ranks[p, 0], ranks[p, 1]
        if count >= articles and (mark[a] != run or mark[b] != run):
            cuts.append(p)
            run += 1
            count = 0
        if mark[a] != run:
            mark[a] = run
            count += 1
        if mark[b] != run:
            mark[b] = run
            count += 1
    cuts.append(ranks.shape[0])
    return np.array(cuts, dtype=np.int64)


@njit(cache=True)
def run_ends(keys: Arr) -> Arr:
    """For each entry of sorted ``keys``, where the run of its key stops."""
    n = keys.shape[0]
    ends = np.empty(n, dtype=np.int64)
    i = 0
    while i < n:
        j = i + 1
        while j < n and keys[j] == keys[i]:
            j += 1
        ends[i:j] = j
        i = j
    return ends


@njit(cache=True)
def run_pairs_from(keys: Arr, owners: Arr, is_new: Arr, ends: Arr, lo: int, hi: int, bound: int) -> Arr:
    """``assign.group_pairs`` before its distinct sort, as (low << 32 | high), of the pairs whose
    lower owner is in [lo, hi), for entries sorted by key and, inside a run, by owner (``ends``:
    ``run_ends``; ``bound``: at least as many as there are)."""
    out = np.empty(bound, dtype=np.int64)
    k = 0
    i = 0
    while i < keys.shape[0]:
        j = ends[i]
        run = owners[i:j]
        for x in range(i + np.searchsorted(run, lo), i + np.searchsorted(run, hi)):
            for y in range(x + 1, j):
                if owners[x] != owners[y] and (is_new[x] or is_new[y]):
                    out[k] = (owners[x] << 32) | owners[y]
                    k += 1
        i = j
    return out[:k]
