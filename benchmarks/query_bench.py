"""Query latencies on a generated database (default 100,000 articles).

    python benchmarks/query_bench.py                  # builds /tmp/autonews-bench.db once, then times
    python benchmarks/query_bench.py --articles 20000 --db /tmp/small.db --rebuild
    python benchmarks/query_bench.py --pg postgresql+psycopg://postgres@127.0.0.1/autonews_bench
                                                      # also search on PostgreSQL (a copy of the same rows)

Articles are synthetic Chinese news text (1–3 KB bodies) inserted with plain
SQL; the search index is then filled by ``install_extras`` (the same SQL the
triggers use), and that time is reported as "index build".
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from autonews.query.articles import get_article, top_linked
from autonews.query.db import open_existing
from autonews.query.graph import build_graph
from autonews.query.search import search
from autonews.query.stats import stats
from autonews.replica.phrases import BRANDS, CITIES, SOURCES
from autonews.store import Store
from autonews.store.ddl import install_extras

COMMON = "车车汽的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"  # noqa: E501
SEEDED = [
    ("小米", 0.05),
    ("宝马", 0.03),
    ("裁员", 0.01),
    ("新能源车", 0.04),
    ("SU7", 0.02),
    ("小米SU7", 0.01),
]


def vocabulary(rng: random.Random) -> list[str]:
    words = ["".join(rng.choices(COMMON, k=rng.choice((2, 2, 2, 3, 4)))) for _ in range(3000)]
    words += [brand for brand, _ in BRANDS] + [m for _, models in BRANDS for m in models] + list(CITIES)
    return words


def _article(i: int, rng: random.Random, vocab: list[str]) -> tuple:
    def sentence() -> str:
        return "".join(rng.choices(vocab, k=rng.randint(6, 14))) + rng.choice("，。。；")

    paragraphs = ["".join(sentence() for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(2, 5))]
    for word, share in SEEDED:  # known shares, so hit counts are plausible
        if rng.random() < share:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), f"据悉，{word}{rng.choice(vocab)}。")
    body = "\n".join(paragraphs)[: rng.randint(350, 1000)]  # ~1–3 KB of UTF-8
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    published = (
        None if rng.random() < 0.01 else f"{day}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+08:00"
    )
    url = f"http://www.qi-che.com/hangye/xinwen-{i}.html"
    now = "2024-11-25T04:00:00+00:00"
    title = "".join(rng.choices(vocab, k=rng.randint(4, 8)))
    source = rng.choice(SOURCES) if rng.random() > 0.05 else None
    return (i, "qiche", url, rng.choice(("hangye", "xinche", "pingce", "daogou")), title, published,
            source, body, f"{i:064x}", now, now, now)  # fmt: skip


def build(path: Path, n: int) -> None:
    path.unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{path}")
    rng = random.Random(42)
    vocab = vocabulary(rng)
    t0 = time.perf_counter()
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO crawl_runs (spider, site, started_at, finished_at, status, pages) "
            "VALUES ('qiche', 'qiche', '2024-11-25T04:00:00+00:00', '2024-11-25T05:00:00+00:00', 'ok', ?)",
            (n,),
        )
        rows = [_article(i, rng, vocab) for i in range(1, n + 1)]
        conn.exec_driver_sql(
            "INSERT INTO articles (id, site, url, channel, title, published_at, source, body, content_hash,"
            " first_seen_at, last_seen_at, updated_at, extractor, page_count)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'site',1)",
            rows,
        )
        links = []
        for i in range(1, n + 1):
            for pos, j in enumerate(rng.sample(range(1, n + 1), 5), start=1):
                links.append((i, f"http://www.qi-che.com/hangye/xinwen-{j}.html", j, "related", pos))
            links.append((i, f"http://www.qi-che.com/hangye/xinwen-old{i}.html", None, "related", 6))
        conn.exec_driver_sql(
            "INSERT INTO links (from_id, to_url, to_id, kind, position, title) VALUES (?,?,?,?,?,'')", links
        )
    print(f"inserted {n} articles + {len(links)} links in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    install_extras(store.engine)
    print(f"index build (install_extras on existing rows): {time.perf_counter() - t0:.1f} s")
    store.close()


def timed(label: str, fn: Callable[[], object], runs: int = 7) -> None:
    fn()  # warm the page cache: we measure queries, not the disk
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t0) * 1000)
    size = len(result) if hasattr(result, "__len__") else ""
    print(f"{label:<34} median {statistics.median(samples):8.1f} ms   max {max(samples):8.1f} ms   {size}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/autonews-bench.db"))
    parser.add_argument("--rebuild", action="store_true", help="regenerate even if the file exists")
    parser.add_argument("--pg", help="PostgreSQL URL: copy the database there (once) and time search on it")
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        build(args.db, args.articles)
    print(f"database {args.db}: {args.db.stat().st_size / 1e6:.0f} MB")
    engine = open_existing(f"sqlite:///{args.db}")
    install_extras(engine)
    for term in (
        "车",
        "的",
        "马",
        "小米",
        "裁员",
        "新能源车",
        "SU7",
        "su7",
        "小米SU7",
        "小米 宝马",
        "发布 新能源车",
    ):
        timed(f"search {term!r} (top 20)", lambda t=term: search(engine, t))
    timed("search '小米' --since 2024-12-01", lambda: search(engine, "小米", since="2024-12-01"))
    timed("search '车' --channel pingce", lambda: search(engine, "车", channel="pingce"))
    timed("stats", lambda: stats(engine).by_channel)
    timed("show (by URL)", lambda: get_article(engine, "http://www.qi-che.com/hangye/xinwen-777.html"))
    timed("related graph of one article (d=1)", lambda: build_graph(engine, around="777").edges)
    timed("related graph of one article (d=2)", lambda: build_graph(engine, around="777", depth=2).edges)
    timed("top-linked 20", lambda: top_linked(engine), runs=3)
    timed("whole graph since 2024-12-01", lambda: build_graph(engine, since="2024-12-01").edges, runs=3)
    engine.dispose()
    if args.pg:
        time_postgres(f"sqlite:///{args.db}", args.pg)


def time_postgres(sqlite_url: str, pg_url: str) -> None:
    """The same search terms on PostgreSQL (pg_trgm), over a copy of the SQLite rows."""
    from sqlalchemy import create_engine, text

    from autonews.store.copy import copy_database

    base, name = pg_url.rsplit("/", 1)
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    probe = create_engine(pg_url)
    with probe.connect() as conn:
        exists = conn.execute(text("SELECT to_regclass('articles') IS NOT NULL")).scalar()
        copied = exists and conn.execute(text("SELECT count(*) FROM articles")).scalar()
    probe.dispose()
    if not copied:
        t0 = time.perf_counter()
        counts = copy_database(sqlite_url, pg_url)
        print(f"copied {counts['articles']} articles to PostgreSQL in {time.perf_counter() - t0:.1f} s")
    engine = open_existing(pg_url)
    for term in ("车", "小米", "裁员", "新能源车", "SU7", "小米SU7", "小米 宝马"):
        timed(f"pg search {term!r} (top 20)", lambda t=term: search(engine, t))
    engine.dispose()


if __name__ == "__main__":
    main()
