"""Reprint clustering (issue 16): quality on the labelled pairs, speed from scratch, and
what the catch-up adds to a crawl's store path.

    python -m benchmarks.reprints                 # 100,000 articles, 3 runs each
    python -m benchmarks.reprints -n 20000 --repeats 1

* Quality: precision and recall of the pair decision on ``autonews.reprints.pairs``, at
  the chosen threshold, and the number of pairs per kind.
* From scratch: ``catch_up(rebuild=True)`` over ``-n`` stored articles: the store
  benchmark's ~900-character bodies, one in 20 of them a copy of the article before it,
  on another site, with a 来源 line added and its last paragraph cut.  The clusters found
  are compared with those planted.
* Store path: ``--new`` more articles (and their copies) arrive as a crawl stores them,
  into the database of the step before: ``save_batch`` in batches of 200 with the search
  index caught up every 1,000 (what ``StorePipeline`` does), then the reprint catch-up
  the crawl runs when it closes.  Each repeat stores articles not seen before, so the
  database grows by ``--new`` a repeat.  The overhead is the catch-up's CPU time over the
  store path's.  ``save_batch`` itself runs no reprint code.  The quality step loads numba's
  compiled loops (or compiles them, on a cold cache) before anything is timed; a crawl pays
  that once per process, about 0.2 s with a warm cache (BENCHMARKS.md, "Reprints").
* Floor: what any MinHash catch-up of those articles must do, and nothing else: read their
  bodies, sketch them and write their signatures (no candidates, no verification, no stock
  counts, no clusters), timed after the catch-up in a transaction that is rolled back.  Set
  against the same store path, it says how much of the 10 % budget the method itself takes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from autonews.items import ArticleItem
from autonews.reprints import SCHEME, THRESHOLD, catch_up, tables
from autonews.reprints.assign import SKETCH_BATCH
from autonews.reprints.listing import list_clusters
from autonews.reprints.pairs import labelled_pairs
from autonews.reprints.quality import measure
from autonews.reprints.sketch import sketch_and_sample
from autonews.store import Store
from benchmarks.common import Row, median, render, spread
from benchmarks.store_bench import make_items, write

COPY_EVERY = 20


def with_copies(items: list[ArticleItem], offset: int = 0) -> tuple[list[ArticleItem], set[tuple[str, str]]]:
    """``items`` with a reprint of every ``COPY_EVERY``-th one on another site, and the planted
    (origin URL, copy URL) pairs."""
    out, planted = [], set()
    for i, item in enumerate(items):
        out.append(item)
        if i % COPY_EVERY == COPY_EVERY - 1:
            paras = item.body.split("\n")
            body = "\n".join([paras[0], "来源：老虎车网", *paras[1:-1]])
            url = f"http://news.example.cn/auto/{offset + i}.html"
            out.append(ArticleItem(url=url, site="other", channel="auto", title=item.title + "（转）",
                                   published_at="2024-10-22T12:00:00+08:00", source="老虎车网", body=body))  # fmt: skip
            planted.add((item.url, url))
    return out, planted


def _found(store: Store) -> set[tuple[str, str]]:
    return {
        (c["origin"], m["url"])
        for c in list_clusters(store.engine)
        for m in c["members"]
        if m["url"] != c["origin"]
    }


def quality_rows() -> list[Row]:
    q = measure(labelled_pairs(), SCHEME, THRESHOLD)
    kinds = ", ".join(f"{k} {q.found[k]}/{n}" for k, n in q.pairs.items())
    return [
        Row("R", f"labelled pairs: precision at threshold {THRESHOLD}", f"{q.precision:.3f}", ">= 0.98",
            q.precision >= 0.98, note=f"{q.tp + q.fn} reprint pairs, {q.fp + q.tn} that must not match"),
        Row("R", "labelled pairs: recall", f"{q.recall:.3f}", ">= 0.95", q.recall >= 0.95,
            note=f"found per kind: {kinds}"),
        Row("R", "labelled pairs: least similar copy / most similar non-copy",
            f"{q.lowest_positive:.2f} / {q.highest_negative:.2f}", note=f"scheme {SCHEME.name}"),
    ]  # fmt: skip


def _last_id(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM articles").scalar() or 0


def sketch_floor(store: Store, after_id: int) -> float:
    """CPU seconds to read, sketch and store the signatures of the articles after ``after_id``
    and to do nothing else (rolled back: the stored signatures stay as the catch-up left them)."""
    with store.engine.connect() as conn:
        transaction = conn.begin()
        try:
            ids = [
                row[0] for row in conn.exec_driver_sql("SELECT id FROM articles WHERE id > ?", (after_id,))
            ]
            started = time.process_time()
            for part in tables.chunks(sorted(ids), SKETCH_BATCH):
                texts = tables.bodies(conn, part)
                order = sorted(texts)
                keys, samples = sketch_and_sample([texts[i][0] for i in order], SCHEME)
                rows = [(i, texts[i][1], k, s) for i, k, s in zip(order, keys, samples, strict=True)]
                tables.save_signatures(conn, rows, SCHEME.name, replacing=order)
            return time.process_time() - started
        finally:
            transaction.rollback()


def speed_rows(n: int, new: int, repeats: int, log=print) -> list[Row]:
    items = make_items(n + new * repeats)
    first, planted = with_copies(items[:n])
    # Each repeat stores articles the database has not seen (1 in 20 with a copy), as a crawl does.
    batches = [
        with_copies(items[n + r * new : n + (r + 1) * new], offset=n + r * new)[0] for r in range(repeats)
    ]
    rates, overheads, store_rates, floors = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="autonews-reprints-") as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'bench.db'}")
        write(store, first, 200, index_every=1000)
        for _ in range(repeats):
            cpu = time.process_time()
            done = catch_up(store.engine, rebuild=True)
            cpu = time.process_time() - cpu
            rates.append(len(first) / cpu)
            log(f"  reprints: rebuild of {len(first):,} articles in {cpu:.1f} s CPU ({done.seconds:.1f} s), "
                f"{done.clusters} clusters")  # fmt: skip
        got = _found(store)
        for batch in batches:
            before = _last_id(store)
            cpu = time.process_time()
            write(store, batch, 200, index_every=1000)
            path = time.process_time() - cpu
            cpu = time.process_time()
            done = catch_up(store.engine)
            cpu = time.process_time() - cpu
            overheads.append(100 * cpu / path)
            store_rates.append(len(batch) / path)
            floor = sketch_floor(store, before)
            floors.append(100 * floor / path)
            log(f"  reprints: {len(batch):,} new: store path {path:.1f} s CPU, catch-up {cpu:.2f} s CPU "
                f"({done.seconds:.2f} s), {done.candidates:,} candidates; sketching alone {floor:.2f} s")  # fmt: skip
        store.close()
    return [
        Row("R", f"cluster {len(first):,} stored articles from scratch", spread(rates, "{:,.0f}/s"),
            ">= 5,000 articles/s", median(rates) >= 5000, note=f"{len(planted):,} planted copies; "
            f"found {len(got & planted):,}, others {len(got - planted):,}"),
        Row("R", f"store path for {len(batches[0]):,} new articles (write + search index)",
            spread(store_rates, "{:,.0f}/s"), note="CPU time, SQLite, batches of 200, search catch-up every 1,000"),
        Row("R", "reprint catch-up at close / store path", spread(overheads, "{:.1f} %"), "<= 10 %",
            median(overheads) <= 10, note=f"CPU time, into a database of {len(first):,} and growing by "
            f"{len(batches[0]):,} a repeat; save_batch itself unchanged"),
        Row("R", "  floor: read, sketch, store signatures / store path", spread(floors, "{:.1f} %"),
            note="what any MinHash catch-up of these articles does, nothing else (rolled back); "
                 "the rest of the catch-up must fit in what is left of the 10 %"),
    ]  # fmt: skip


def crawl_rows(articles: int, repeats: int, log=print) -> list[Row]:
    """Whole crawls of the replica with the reprint catch-up off and on, in turn: the store
    pipelines' CPU per page (catch-up included, AUTONEWS_CPU_STATS) and the crawl's."""
    from benchmarks.common import ReplicaProcess
    from benchmarks.crawl_bench import crawl_once

    runs: dict[str, list] = {"0": [], "1": []}
    with ReplicaProcess(articles) as server:
        for i in range(repeats):
            for flag in ("0", "1") if i % 2 == 0 else ("1", "0"):
                run = crawl_once(server, "full", {"AUTONEWS_REPRINTS": flag})
                runs[flag].append(run)
                log(
                    f"  reprints crawl, catch-up {'on' if flag == '1' else 'off'}: {run.pages} pages, cpu {run.cpu:.1f} s"
                )
    pipe = {f: [r.parts_us["pipelines"] / r.pages for r in rs] for f, rs in runs.items()}
    cpu = {f: [1e6 * r.cpu / r.pages for r in rs] for f, rs in runs.items()}
    pipe_pct = 100 * (median(pipe["1"]) - median(pipe["0"])) / median(pipe["0"])
    cpu_pct = 100 * (median(cpu["1"]) - median(cpu["0"])) / median(cpu["0"])
    return [
        Row(
            "R",
            f"crawl of {articles:,} articles: store pipelines CPU per page, catch-up off / on",
            f"{median(pipe['0']):.0f} / {median(pipe['1']):.0f} µs",
            "",
            None,
            note=f"+{pipe_pct:.0f} %",
        ),
        Row(
            "R",
            "crawl CPU per page, catch-up off / on",
            f"{median(cpu['0']):.0f} / {median(cpu['1']):.0f} µs",
            "<= +10 %",
            cpu_pct <= 10,
            note=f"{cpu_pct:+.1f} % (n={repeats} each)",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=10_000, help="articles arriving after the rebuild")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--crawl-articles", type=int, default=2000, help="replica size for the crawls (0: none)"
    )
    args = parser.parse_args()
    rows = quality_rows() + speed_rows(args.articles, args.new, args.repeats)
    if args.crawl_articles:
        rows += crawl_rows(args.crawl_articles, args.repeats)
    print(render(rows))


if __name__ == "__main__":
    main()
