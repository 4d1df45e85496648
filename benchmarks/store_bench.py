"""Bulk-write benchmark for ``Store.save_batch``: articles/s into SQLite (and PostgreSQL if up).

Each article has a body of ~900 characters of synthetic Chinese news text (the
vocabulary of ``query_bench``: its full-text indexing costs per character what real news
text costs -- with the former 2-character index about 1 ms per 1,000 characters, where a
repeated sentence cost a quarter of that) and 8 links to other articles of the set, shaped like the
site's: 4 related (相关阅读: articles of about the same time, earlier or later, so some
resolve at once and some only when their target is stored) and 4 latest (最新内容: the
newest articles at crawl time, the same block on pages crawled together).  The figure counts new articles only (the crawl's
common case); ``--resave`` also times a second pass where every article is unchanged.

With ``--search`` the database has the SQLite search index, timed three ways: the
writes alone (``save_batch`` queues new articles for indexing), the catch-up that
indexes them (``Store.index_search``, as a crawl runs it every 1,000 articles), and
indexing after every batch instead.

    python -m benchmarks.store_bench                    # 100,000 articles, batches of 200
    python -m benchmarks.store_bench -n 20000 --batch 500 --pg postgresql+psycopg://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from autonews.items import ArticleItem, Link
from autonews.store import Store, make_engine
from autonews.store.migrate import upgrade
from benchmarks.query_bench import vocabulary

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _text(rng: random.Random, vocab: list[str], chars: int) -> str:
    sentences = []
    while sum(map(len, sentences)) < chars:
        sentences.append("".join(rng.choices(vocab, k=rng.randint(6, 14))) + rng.choice("，。。；"))
    return "".join(sentences)[:chars]


def make_items(n: int, seed: int = 7) -> list[ArticleItem]:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    url = "http://www.qi-che.com/hangye/xinwen-2024{:010d}.html".format
    items = []
    for i in range(n):
        related = [url(min(n - 1, max(0, i + rng.randint(-300, 300)))) for _ in range(4)]
        newest = (i // 500 + 1) * 500  # the newest article when this page was crawled
        latest = [url(min(n - 1, newest - k)) for k in range(1, 5)]
        links = [Link(u, f"相关 {i}-{k}") for k, u in enumerate(related + latest)]
        items.append(
            ArticleItem(
                url=url(i),
                site="qiche",
                channel="hangye",
                title=_text(rng, vocab, rng.randint(12, 24)),
                published_at="2024-10-22T10:30:00+08:00",
                source="汽车之家",
                body="\n".join(_text(rng, vocab, rng.randint(120, 240)) for _ in range(5)),
                related=links[:4],
                latest=links[4:],
                article_key=f"2024{i:010d}",
            )
        )
    return items


def write(store: Store, items: list[ArticleItem], batch: int, index_every: int = 0) -> tuple[float, float]:
    """Seconds spent in ``save_batch`` and in ``index_search`` (every ``index_every`` articles, and at the end)."""
    saving = indexing = 0.0
    for i in range(0, len(items), batch):
        start = time.perf_counter()
        store.save_batch(items[i : i + batch])
        saving += time.perf_counter() - start
        if index_every and (i // batch + 1) * batch % index_every == 0:
            start = time.perf_counter()
            store.index_search()
            indexing += time.perf_counter() - start
    start = time.perf_counter()
    store.index_search()
    return saving, indexing + time.perf_counter() - start


def run(
    url: str, items: list[ArticleItem], batch: int, resave: bool, search: bool, index_every: int = 1000
) -> None:
    if search:  # what a crawl gets: Store.open also installs the views and SQLite's search index
        store = Store.open(url)
    else:  # the store alone: schema by migrations only
        store = Store(make_engine(url))
        upgrade(store.engine)
    took, indexing = write(store, items, batch, index_every)
    label = f"{store.engine.dialect.name}{'+search' if search else ''}"
    print(f"{label:18} new:       {len(items) / took:8,.0f} articles/s ({took:.1f} s)")
    if search:
        n = len(items)
        print(f"{label:18} index catch-up every {index_every}: {n / indexing:8,.0f} articles/s ({indexing:.1f} s); "
              f"write + index: {n / (took + indexing):,.0f} articles/s")  # fmt: skip
    if resave:
        start = time.perf_counter()
        for i in range(0, len(items), batch):
            store.save_batch(items[i : i + batch])
        took = time.perf_counter() - start
        print(f"{label:18} unchanged: {len(items) / took:8,.0f} articles/s ({took:.1f} s)")
    store.close()


def pg_database(admin_url: str) -> str | None:
    """A fresh scratch database on the server at ``admin_url``, or None when it does not answer."""
    name = f"autonews_bench_{uuid.uuid4().hex[:8]}"
    try:
        engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
    except Exception as exc:  # any connection failure means "no PostgreSQL here": report and skip
        print(f"postgresql: skipped ({str(exc).splitlines()[0]})")
        return None
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(admin_url: str, db_url: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{db_url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--pg", default=PG_ADMIN, help="admin URL of a PostgreSQL server ('' to skip)")
    parser.add_argument("--resave", action="store_true", help="also time an all-unchanged second pass")
    parser.add_argument("--search", action="store_true", help="also time with the search index triggers")
    args = parser.parse_args()
    items = make_items(args.articles)
    print(f"{args.articles:,} articles, 8 links each, batches of {args.batch}")
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'bench.db'}", items, args.batch, args.resave, search=False)
        if args.search:
            run(f"sqlite:///{Path(tmp) / 'search.db'}", items, args.batch, args.resave, search=True)
            run(
                f"sqlite:///{Path(tmp) / 'inline.db'}", items, args.batch, False, True, index_every=args.batch
            )
    if args.pg and (db_url := pg_database(args.pg)):
        try:
            run(db_url, items, args.batch, args.resave, search=False)
        finally:
            drop_pg_database(args.pg, db_url)


if __name__ == "__main__":
    main()
