"""The incremental policy's decisions, with an injected clock and no crawl."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from autonews.crawling.policy import CrawlPolicy
from autonews.dates.limits import SITE_TZ
from autonews.store.known import KnownArticle

NOW = datetime(2024, 11, 22, 12, 0, tzinfo=UTC)
STARTED = "2024-11-22T12:00:00+00:00"


def _policy(**kw) -> CrawlPolicy:
    return CrawlPolicy(None, tz=SITE_TZ, started_at=STARTED, clock=lambda: NOW, **kw)


def _known(url: str, published: str | None, first_seen: str = "2024-11-01T00:00:00+00:00") -> KnownArticle:
    return KnownArticle(url, published, first_seen)


def test_new_articles_are_fetched_and_old_stored_ones_are_not() -> None:
    known = {"/old": _known("/old", "2024-10-01T08:00:00+08:00")}
    assert _policy().to_fetch(["/new", "/old"], known) == ["/new"]


def test_stored_articles_inside_the_refresh_window_are_fetched_again() -> None:
    young = NOW - timedelta(hours=47)
    old = NOW - timedelta(hours=49)
    known = {
        "/young": _known("/young", young.astimezone(SITE_TZ).isoformat()),
        "/old": _known("/old", old.astimezone(SITE_TZ).isoformat()),
    }
    assert _policy(refresh_window=timedelta(hours=48)).to_fetch(["/young", "/old"], known) == ["/young"]
    assert _policy(refresh_window=timedelta(hours=1)).to_fetch(["/young", "/old"], known) == []


def test_refresh_fetches_every_stored_article() -> None:
    known = {"/old": _known("/old", "2020-01-01")}
    assert _policy(refresh=True).to_fetch(["/old"], known) == ["/old"]


def test_a_listing_page_of_articles_stored_by_earlier_runs_stops_the_walk() -> None:
    known = {u: _known(u, "2024-10-01") for u in ("/a", "/b")}
    assert _policy().keep_paging(1, ["/a", "/b"], [None, None], known) == (False, "stopped_at_known")
    # One article new on the page: walk on.
    assert _policy().keep_paging(1, ["/a", "/b", "/c"], [None] * 3, known) == (True, None)
    # Stored by this run (through a related link): says nothing about older pages.
    this_run = {u: _known(u, "2024-10-01", first_seen="2024-11-22T12:00:01+00:00") for u in ("/a", "/b")}
    assert _policy().keep_paging(1, ["/a", "/b"], [None, None], this_run) == (True, None)
    # full / refresh walk every page.
    assert _policy(full=True).keep_paging(1, ["/a", "/b"], [None, None], known) == (True, None)
    assert _policy(refresh=True).keep_paging(1, ["/a", "/b"], [None, None], known) == (True, None)


def test_the_boundaries_of_the_listing_walk() -> None:
    # Articles first seen at the very second this run started were stored by this run.
    at_start = {u: _known(u, "2024-10-01", first_seen=STARTED) for u in ("/a", "/b")}
    assert _policy().keep_paging(1, ["/a", "/b"], [None, None], at_start) == (True, None)
    # A page of articles all from the since day itself is still wanted.
    since = date(2024, 11, 1)
    assert _policy(since=since).keep_paging(1, ["/x"], [since], {}) == (True, None)
    assert _policy(since=since).keep_paging(1, [], [], {}) == (True, None)  # no articles: no verdict


def test_the_clock_is_read_in_the_sites_zone() -> None:
    assert _policy().now() == NOW and _policy().now().utcoffset() == timedelta(hours=8)
    # A date-only published_at is midnight in the site's zone: 2024-11-22 is 20 hours
    # before NOW there (12 hours in UTC), so a 16-hour window no longer holds it.
    known = {"/d": _known("/d", "2024-11-22")}
    assert _policy(refresh_window=timedelta(hours=16)).to_fetch(["/d"], known) == []
    assert _policy(refresh_window=timedelta(hours=21)).to_fetch(["/d"], known) == ["/d"]
    # Exactly as old as the window: out.
    exact = {"/e": _known("/e", (NOW - timedelta(hours=48)).isoformat())}
    assert _policy().to_fetch(["/e"], exact) == []


def test_a_failed_previous_run_makes_this_one_walk_every_listing_page() -> None:
    policy = _policy()
    assert policy.walk_everything_after(previous_complete=False) is True
    assert policy.full is True
    known = {u: _known(u, "2024-10-01") for u in ("/a", "/b")}
    assert policy.keep_paging(1, ["/a", "/b"], [None, None], known) == (True, None)
    calm = _policy()
    assert calm.walk_everything_after(previous_complete=True) is False and calm.full is False


def test_max_pages_and_since_end_the_walk() -> None:
    assert _policy(max_pages=2).keep_paging(2, ["/x"], [None], {}) == (False, "max_pages")
    assert _policy(max_pages=2).keep_paging(1, ["/x"], [None], {}) == (True, None)
    since = date(2024, 11, 1)
    older = [date(2024, 10, 30), date(2024, 10, 31)]
    assert _policy(since=since).keep_paging(1, ["/x", "/y"], older, {}) == (False, "older_than_since")
    mixed = [date(2024, 10, 30), None]
    assert _policy(since=since).keep_paging(1, ["/x", "/y"], mixed, {}) == (True, None)


def test_in_range() -> None:
    policy = _policy(since=date(2024, 11, 1), until=date(2024, 11, 30))
    assert policy.in_range(date(2024, 11, 1)) and policy.in_range(date(2024, 11, 30))
    assert not policy.in_range(date(2024, 10, 31)) and not policy.in_range(date(2024, 12, 1))
    assert policy.in_range(None)  # the page decides


def test_a_sitemap_lastmod_decides_whether_a_stored_article_changed() -> None:
    fetched = "2024-11-10T03:00:00+00:00"
    known = {
        "/edited": KnownArticle("/edited", "2024-11-01", fetched, fetched),
        "/same": KnownArticle("/same", "2024-11-01", fetched, fetched),
        # Young, but the sitemap says it has not changed since we fetched it.
        "/young": KnownArticle("/young", NOW.astimezone(SITE_TZ).isoformat(), fetched, fetched),
    }
    lastmod = {"/edited": date(2024, 11, 12), "/same": date(2024, 11, 10), "/young": date(2024, 11, 9)}
    assert _policy().to_fetch(["/edited", "/same", "/young"], known, lastmod) == ["/edited"]


def test_a_sitemap_lastmod_is_compared_with_the_last_fetch_not_the_first() -> None:
    seen_again = KnownArticle("/a", "2024-10-01", "2024-11-01T03:00:00+00:00", "2024-11-10T03:00:00+00:00")
    assert seen_again.changed_since_fetched(date(2024, 11, 5)) is False
    assert seen_again.changed_since_fetched(date(2024, 11, 11)) is True
    never_again = KnownArticle("/b", "2024-10-01", "2024-11-01T03:00:00+00:00")
    assert never_again.changed_since_fetched(date(2024, 11, 5)) is True
    assert never_again.changed_since_fetched(date(2024, 11, 1)) is False
    # An unreadable stored time: fetched again rather than trusted.
    assert KnownArticle("/c", None, "garbage").changed_since_fetched(date(2024, 11, 1)) is True


# -- through the database: what KnownArticles reads back, with the clock injected ------------


def _stored(db_url: str, published: dict[str, str | None]):
    from autonews.items import ArticleItem
    from autonews.store import Store
    from autonews.store.known import KnownArticles

    store = Store.open(db_url)
    store.save_batch(
        [
            ArticleItem(url=u, site="qiche", title="标题", body="正文。", published_at=p)
            for u, p in published.items()
        ]
    )
    return store, KnownArticles(store)


def test_the_refresh_window_fetches_young_stored_articles_again_with_the_clock_injected(db_url: str) -> None:
    """AUTONEWS_REFRESH_HOURS: stored articles younger than the window are fetched again."""
    store, known_articles = _stored(
        db_url,
        {
            "http://h/a/1.htm": "2024-11-20T20:30:00+08:00",  # 47h30 before NOW (2024-11-22 20:00 +08:00)
            "http://h/a/2.htm": "2024-11-20T19:30:00+08:00",  # 48h30 before
            "http://h/a/3.htm": "2024-11-22",  # a date only: midnight in the site's zone, 20h before
            "http://h/a/4.htm": "2024-11-19",  # 92h before
        },
    )
    urls = [f"http://h/a/{n}.htm" for n in (1, 2, 3, 4, 5)]
    known = known_articles.lookup(urls)
    through_policy = CrawlPolicy(known_articles, tz=SITE_TZ, started_at=STARTED, clock=lambda: NOW).lookup(
        urls
    )
    assert sorted(through_policy) == urls[:4] and through_policy == known
    assert _policy(refresh_window=timedelta(hours=48)).to_fetch(urls, known) == [
        "http://h/a/1.htm",
        "http://h/a/3.htm",
        "http://h/a/5.htm",  # not stored: new
    ]
    assert _policy(refresh_window=timedelta(hours=49)).to_fetch(urls, known) == [
        "http://h/a/1.htm",
        "http://h/a/2.htm",
        "http://h/a/3.htm",
        "http://h/a/5.htm",
    ]
    assert _policy(refresh_window=timedelta(hours=0)).to_fetch(urls, known) == ["http://h/a/5.htm"]
    # The same articles two days later: none is young any more.
    later = CrawlPolicy(None, tz=SITE_TZ, started_at=STARTED, clock=lambda: NOW + timedelta(days=2))
    assert later.to_fetch(urls, known) == ["http://h/a/5.htm"]
    store.close()


def test_an_article_without_a_publish_time_is_young_for_the_window_after_it_was_first_seen() -> None:
    first_seen = (NOW - timedelta(hours=1)).isoformat()
    known = {"/x": _known("/x", None, first_seen=first_seen)}
    assert _policy().to_fetch(["/x"], known) == ["/x"]
    assert _policy(refresh_window=timedelta(minutes=30)).to_fetch(["/x"], known) == []
    # An unreadable stored date: fetched again rather than trusted.
    assert _policy().to_fetch(["/y"], {"/y": _known("/y", "not a date")}) == ["/y"]


def test_only_a_previous_run_that_ended_ok_lets_the_next_one_stop_at_known_pages(db_url: str) -> None:
    """previous_run_complete: a failed or still-running (killed) run before this one forces
    a full walk; runs of another spider or site, and this run itself, do not count."""
    from autonews.store import Store
    from autonews.store.known import KnownArticles

    store = Store.open(db_url)
    known = KnownArticles(store)

    def run(status: str, spider: str = "qiche", base_url: str = "http://h") -> int:
        run_id = store.start_run(spider, site="qiche", base_url=base_url, args={})
        store.update_run(run_id, status=status)
        return run_id

    assert known.previous_run_complete("qiche", "http://h", None) is True  # the first run ever
    ok = run("ok")
    assert known.previous_run_complete("qiche", "http://h", None) is True
    failed = run("failed")
    assert known.previous_run_complete("qiche", "http://h", None) is False
    assert known.previous_run_complete("qiche", "http://h", failed) is True  # the run before it was ok
    assert known.previous_run_complete("qiche", "http://h", ok) is True  # nothing before the first
    run("ok", spider="reextract")  # another spider's run says nothing about this one's walks
    run("ok", base_url="http://mirror")
    assert known.previous_run_complete("qiche", "http://h", None) is False
    assert known.lookup([]) == {}
    policy = CrawlPolicy(known, tz=SITE_TZ, started_at=STARTED, clock=lambda: NOW)
    assert policy.lookup([]) == {} and _policy().lookup(["/a"]) == {}  # no database: nothing known
    killed = run("running")  # a SIGKILLed run stays "running"
    current = run("running")
    assert known.previous_run_complete("qiche", "http://h", current) is False
    assert known.previous_run_complete("qiche", "http://h", killed) is False
    run("ok")
    assert known.previous_run_complete("qiche", "http://h", None) is True
    store.close()
