"""Shingles and signatures: what folds together, what the signatures estimate, and the
labelled pairs the threshold was chosen on."""

from __future__ import annotations

import numpy as np
import pytest

from autonews.reprints import SCHEME, THRESHOLD
from autonews.reprints.normalize import folded_codes, strip_furniture
from autonews.reprints.pairs import NEGATIVE, POSITIVE, labelled_pairs
from autonews.reprints.quality import measure
from autonews.reprints.sketch import Shingles, shingle_hashes, shingle_sets, signatures, similarity, sketch
from autonews.reprints.stories import STORIES


def _text(s: str) -> str:
    codes, _, _ = folded_codes([s])
    return "".join(map(chr, codes))


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("寶馬汽車後來發佈新車", "宝马汽车后来发布新车"),  # traditional -> simplified
        ("ＳＵ７交付量 10,000 台。", "su7交付量10000台"),  # full-width, case, punctuation, spaces
        ("（原标题：旧标题）第一段\n编辑：张三\n第二段", "第一段第二段"),  # what reprints add
        ("来源：新浪汽车\n据来源方称：降价", "据来源方称降价"),  # a sentence naming 来源 stays
    ],
)
def test_folding(raw: str, folded: str) -> None:
    assert _text(raw) == folded


def test_furniture_lines_go_only_as_whole_lines() -> None:
    assert strip_furniture("【来源】：汽车之家\n正文") == "正文"
    assert strip_furniture("记者从现场了解到：车已交付") == "记者从现场了解到：车已交付"


def test_shingles_never_cross_from_one_text_into_the_next() -> None:
    hashes, doc, pos = shingle_hashes(["一二三四五", "六七"], 4)
    assert doc.tolist() == [0, 0]
    assert pos.tolist() == [0, 1]
    assert len(hashes) == 2


def test_signatures_estimate_jaccard_like_datasketch() -> None:
    datasketch = pytest.importorskip("datasketch")
    story = STORIES[1].body
    paras = story.split("\n")
    texts = [story, "\n".join(paras[:3]), "\n".join(paras[1:]), STORIES[2].body]
    sets = [s.all for s in shingle_sets(texts, SCHEME.k)]
    sigs = signatures(texts, SCHEME)
    for i in range(1, len(texts)):
        exact = len(np.intersect1d(sets[0], sets[i])) / len(np.union1d(sets[0], sets[i]))
        ours = float(np.mean(sigs[0] == sigs[i]))
        theirs = []
        for s in (sets[0], sets[i]):
            m = datasketch.MinHash(num_perm=SCHEME.bins, seed=1)
            m.update_batch([int(h).to_bytes(4, "little") for h in s])
            theirs.append(m)
        reference = theirs[0].jaccard(theirs[1])
        # 64 bins: the standard error of either estimate is about 0.06.
        assert abs(ours - exact) < 0.2, (i, ours, exact)
        assert abs(ours - reference) < 0.25, (i, ours, reference)


def test_a_copy_and_its_origin_share_a_band_key_and_unrelated_stories_do_not() -> None:
    keys = sketch([STORIES[0].body, STORIES[0].body + "\n编辑：李明", STORIES[7].body], SCHEME)
    assert len(np.intersect1d(keys[0], keys[1]))
    assert not len(np.intersect1d(keys[0], keys[2]))


def test_similarity_is_how_much_of_the_shorter_text_the_longer_holds() -> None:
    whole, lead = shingle_sets([STORIES[3].body, STORIES[3].body.split("\n")[0]], SCHEME.k)
    assert similarity(whole, lead) == 1.0
    assert similarity(whole, Shingles(*[np.zeros(0, dtype=np.uint32)] * 4)) == 0.0
    caption, page = shingle_sets(["点击查看大图", STORIES[3].body + "点击查看大图"], SCHEME.k)
    assert similarity(caption, page) == 0.0  # all of a caption, but no story in common
    # Two stories sharing only their stock sentences: most of the short one, not its opening.
    stock = "业内人士预计，随着以旧换新政策的持续发力，四季度车市有望延续增长势头。律师提醒，消费者在购车时应仔细核对合同条款。"
    short, long = shingle_sets(
        [STORIES[8].body.split("。")[0] + "。" + stock, STORIES[5].body + stock], SCHEME.k
    )
    assert len(np.intersect1d(short.all, long.all)) >= 30  # enough in common: the opening decides
    assert similarity(short, long) == 0.0


def test_the_labelled_pairs_have_every_kind_and_the_threshold_meets_the_targets() -> None:
    quality = measure(labelled_pairs(), SCHEME, THRESHOLD)
    assert set(quality.pairs) == set(POSITIVE) | set(NEGATIVE)
    assert quality.precision >= 0.98
    assert quality.recall >= 0.95
    assert all(quality.found[kind] == 0 for kind in NEGATIVE)
    # The threshold sits in the gap between the least similar copy and the most similar non-copy.
    assert quality.highest_negative < THRESHOLD < quality.lowest_positive


def test_band_keys_alone_would_let_template_pairs_in() -> None:
    # The measurement can fail: without the similarity check, pages sharing a site's
    # furniture would count as one story.
    assert measure(labelled_pairs(), SCHEME, 0.0).found["template"] > 0


def test_the_opening_pre_check_rejects_only_pairs_that_similarity_scores_zero() -> None:
    from autonews.reprints.sketch import _holds, opening_test, openings_meet

    pairs = list(labelled_pairs())[::7]
    texts = [p.a.body for p in pairs] + [p.b.body for p in pairs] + ["", "好。"]
    sets = shingle_sets(texts, SCHEME.k)
    tests = [opening_test(s) for s in sets]
    met = 0
    for i, a in enumerate(sets):
        for j, b in enumerate(sets):
            rule = (
                len(a.all) > 0 and len(b.all) > 0 and (_holds(b.all, a.opening) or _holds(a.all, b.opening))
            )
            if len(a.all) and len(b.all):
                assert openings_meet(tests[i], tests[j]) == rule
            if not openings_meet(tests[i], tests[j]):
                assert similarity(a, b) == 0.0
            met += rule
    assert met > len(sets), "some pairs pass the rule"
