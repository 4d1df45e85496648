"""What a site's own pages teach about its furniture, and how it is kept."""

from __future__ import annotations

from autonews.extract.furniture import MIN_PAGES, WARMUP_PAGES, FurnitureLearner
from autonews.store import Store
from autonews.store.sites import learned_furniture, record_site, reset_furniture
from autonews.text.clean import COMMON_RULES

NOTICE = "本文版权归本站所有,未经授权不得转载。"
MENTION = "记者从本站读者热线获悉,多位车主反映车机卡顿。"


def _page(n: int) -> list[str]:
    return [f"第{n}篇文章的第一句话,内容各不相同。", NOTICE, "扫码关注我们的公众号获取更多资讯"]


def test_a_line_on_most_pages_is_learned_after_the_warm_up() -> None:
    learner = FurnitureLearner()
    for n in range(WARMUP_PAGES - 1):
        learner.observe(_page(n))
    assert not learner.warm and learner.lines == frozenset()  # not trusted yet
    learner.observe(_page(99) + [MENTION])
    assert learner.warm and learner.lines == {NOTICE, "扫码关注我们的公众号获取更多资讯"}
    assert MENTION not in learner.lines  # a sentence naming the site, once, is the article's


def test_learned_lines_drop_whole_lines_only() -> None:
    learner = FurnitureLearner(known=[NOTICE], pages=WARMUP_PAGES)
    rules = learner.rules(COMMON_RULES)
    assert rules.is_drop(NOTICE)
    assert not rules.is_drop("记者注意到:" + NOTICE)  # inside a sentence, it is prose
    assert rules.is_tail("相关阅读")  # the common rules stay


def test_a_small_site_learns_at_the_end_of_its_crawl() -> None:
    learner = FurnitureLearner()
    for n in range(MIN_PAGES):
        learner.observe(_page(n))
    assert learner.lines == frozenset()
    assert learner.settle(final=True) and NOTICE in learner.lines


def test_after_the_warm_up_one_page_in_a_few_is_counted() -> None:
    learner = FurnitureLearner(known=[NOTICE], pages=WARMUP_PAGES)
    assert sum(learner.wants() for _ in range(80)) == 10


def test_the_store_keeps_each_version_and_forgets_on_reset(tmp_path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'a.db'}")
    engine = store.engine
    first = record_site(engine, "example.com", host="example.com", name="example.com", kind="generic",
                        furniture=(NOTICE,), pages=30)  # fmt: skip
    same = record_site(engine, "example.com", host="example.com", name="example.com", kind="generic",
                       furniture=(NOTICE,), pages=40)  # fmt: skip
    more = record_site(engine, "example.com", host="example.com", name="example.com", kind="generic",
                       furniture=(NOTICE, "扫码关注"), pages=50)  # fmt: skip
    assert (first.version, same.version, more.version) == (1, 1, 2)
    assert learned_furniture(engine, "example.com").lines == (NOTICE, "扫码关注")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select version, pages from site_furniture order by version").fetchall() == [
            (1, 30), (2, 50)
        ]  # fmt: skip
    assert reset_furniture(engine, "example.com") and not reset_furniture(engine, "nosuch")
    assert learned_furniture(engine, "example.com").lines == ()
    store.close()


def test_one_off_lines_are_dropped_when_the_counts_grow_large(monkeypatch) -> None:
    from autonews.extract import furniture

    monkeypatch.setattr(furniture, "MAX_COUNTED", 40)
    learner = FurnitureLearner()
    for n in range(30):
        learner.observe([f"第{n}篇独有的一句话在这里。", NOTICE])
    assert len(learner.counts) <= 41 and learner.counts[NOTICE] >= 20
    assert NOTICE in learner.lines
