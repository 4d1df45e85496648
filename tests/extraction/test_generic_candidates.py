"""The generic reader's failure classes beyond the Chinese portals, one hand-written page each."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from autonews.extract.generic import extract_generic_html

NOW = datetime(2024, 11, 25, 12, 0, tzinfo=ZoneInfo("UTC"))

EN = [
    "The carmaker said on Monday that deliveries of its new electric saloon rose by a third in October.",
    "Analysts had expected a smaller rise, because prices across the market have fallen for six months.",
    "The company plans to open a second factory next year, which would double its output by 2027.",
    "Dealers say waiting times for the cheapest version have grown to about ten weeks since the summer.",
]
MENU = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
SIDEBAR = "".join(f'<li><a href="/a{i}">Another story about cars number {i}</a></li>' for i in range(8))


def run(html: str, url: str | None = None):
    return extract_generic_html(html, url, now=NOW)


def test_article_inside_a_wrapper_whose_class_names_chrome() -> None:
    # "l-side-margins" / "content-with-sidebar" name a layout, not a sidebar: the article
    # inside must not be skipped with the real sidebar.
    html = (
        f"<html><head><title>Deliveries rise</title></head><body><ul class='menu'>{MENU}</ul>"
        "<div class='l-side-margins'><div class='content-with-sidebar-wrap'>"
        "<h1>Deliveries rise</h1><div class='entry'>" + "".join(f"<p>{t}</p>" for t in EN) + "</div>"
        f"<div class='sidebar'><p>Most read today in our motoring section</p><ul>{SIDEBAR}</ul></div>"
        "</div></div></body></html>"
    )
    assert run(html).paragraphs == EN


def test_english_furniture_is_chrome_like_chinese() -> None:
    # Cookie notice, byline, dateline, photo credit, an ad label, a newsletter box, widget
    # labels and a "Related stories" list: each a class the Chinese lexicon already has.
    html = (
        "<html><head><title>Deliveries rise</title></head><body>"
        "<div>We use cookies to improve your experience. By using this site you agree to our policy. Accept</div>"
        "<div class='story'><h1>Deliveries rise</h1><p>By Jane Miller and Tom Baker</p>"
        "<p>Wednesday November 20, 2019</p>"
        f"<p>{EN[0]}</p><p>Photo: Jane Miller, Example Wire</p><p>Advert</p><p>{EN[1]}</p>"
        "<p>Get our free motoring newsletter, delivered to your inbox every Friday. Sign up here.</p>"
        f"<p>{EN[2]}</p><p>{EN[3]}</p><p>Tags</p><p>Close</p>"
        "<h3>Related stories</h3><p>Another maker said on Friday that its sales fell, as buyers waited.</p>"
        "</div></body></html>"
    )
    assert run(html).paragraphs == EN


def test_sentences_that_merely_use_furniture_words_stay() -> None:
    kept = [
        "By contrast, sales of diesel cars fell sharply in the third quarter, the figures show.",
        "The newsletter of the dealers' association said that most buyers now ask about charging.",
        *EN[:2],
    ]
    html = "<html><body><div>" + "".join(f"<p>{t}</p>" for t in kept) + "</div></body></html>"
    assert run(html).paragraphs == kept


ZH = "新能源汽车销量继续增长，市场竞争更加激烈，价格战也在蔓延到更多的细分市场。"
QUOTE = "上证指数：3012.56，涨0.8%；深证成指：9876.10，跌0.2%。"


def _portal(cell: str, wrapper: str = "") -> str:
    """An early-2000s portal: table layout, CMS include tags, a quote widget above the text."""
    return (
        "<html><head><title>车企发布新车-财经频道</title><xxx_cms_include:style><style>h1{}</style>"
        "</xxx_cms_include></head><body><xxx_cms_include:head><table><tr><td><a href=/>首页</a>"
        "<a href=/n>新闻</a></td></tr></table></xxx_cms_include>"
        f"<table width=760><tr><td width=180><a href=/q>{QUOTE}</a></td><td>{QUOTE}</td></tr>"
        f"<tr><td width=180><a href=/1>导购</a><br><a href=/2>行情</a></td><td{wrapper}>{cell}</td></tr>"
        "</table></body></html>"
    )


def test_article_in_one_cell_quoting_a_legal_phrase_beats_a_quote_widget() -> None:
    # The whole article is one block; a sentence in it says 未经授权, which marks reprint
    # notices. The block is the article, not a notice, so the one-line widget must not win.
    text = "　　".join([ZH] * 12) + "记者未经授权进入工厂拍摄，" + "　　".join([ZH] * 12)
    res = run(_portal(text))
    assert sum(map(len, res.paragraphs)) > 0.9 * len(text)
    assert all(QUOTE not in p for p in res.paragraphs)


def test_portal_text_under_a_chrome_name_in_br_lines_with_inline_scripts() -> None:
    # No <p> at all, <br> lines, a script inside a line, and the cell named like a footer.
    lines = [f"{ZH}<script>document.write('<a href=x>广告</a>');</script>{ZH}"] + [ZH] * 9
    res = run(_portal("<br>".join(lines), " class='main-bottom'"))
    assert res.paragraphs == [ZH + ZH] + [ZH] * 9


def test_low_confidence_body_compared_with_the_description_anchor() -> None:
    # The densest container is a long, punctuated promo box; the article is shorter, sits
    # beside a heavy menu, and the page's description opens it: the reading anchored on
    # the description wins.
    lead = "The carmaker said on Monday that deliveries of its new electric saloon rose by a third."
    promo = "".join(
        f"<p>Save {i}0% on our print edition this week, and get a free gift, a tote bag, and more.</p>"
        for i in range(1, 13)
    )
    html = (
        f"<html><head><title>Deliveries rise</title><meta name='description' content='{lead}'></head><body>"
        f"<div class='promo-box'>{promo}</div><div><ul>{MENU * 12}</ul>"
        f"<div><h1>Deliveries rise</h1><p>{lead}</p>" + "".join(f"<p>{t}</p>" for t in EN[1:]) + "</div>"
        "</div></body></html>"
    )
    assert run(html).paragraphs == [lead, *EN[1:]]


def test_list_of_other_articles_in_summaries_ends_the_body() -> None:
    # Under the article, other stories as linked headline + summary, in wrappers of their
    # own with no telling class name: the body ends where the first begins.
    teasers = "".join(
        f"<div class='item'><h3><a href='/t{i}'>Another maker reports record sales in month {i}</a></h3>"
        f"<p>Sales rose for the {i}th month running, the company said, as buyers returned.</p></div>"
        for i in range(4)
    )
    article = "".join(f"<p>{t}</p>" for t in EN * 2)
    html = f"<html><body><div><div>{article}</div>{teasers}</div></body></html>"
    assert run(html).paragraphs == EN * 2


def test_inline_links_between_paragraphs_are_not_a_teaser_list() -> None:
    # A linked headline between the article's own paragraphs (a "read this too" line)
    # is dropped as link text, but the paragraphs after it stay.
    parts = []
    for i, t in enumerate(EN * 2):
        parts.append(f"<p>{t}</p>")
        if i % 2:
            parts.append(f"<p><a href='/r{i}'>Another maker reports record sales in month {i}</a></p>")
    html = "<html><body><div>" + "".join(parts) + "</div></body></html>"
    assert run(html).paragraphs == EN * 2


def test_unclosed_font_per_paragraph_keeps_the_whole_article() -> None:
    # Each paragraph opens a <font> that is never closed, so the tree nests one level
    # deeper per paragraph: past libxml2's default depth (256) the rest was dropped, past
    # its huge_tree depth (2048) the tags are removed and the page parsed again.
    for n in (200, 1500):
        html = "<html><body>" + "".join(f"<font size=2><p>{ZH}" for _ in range(n)) + "</body></html>"
        assert len(run(html).paragraphs) == n


def test_deeply_nested_layout_blocks_do_not_break_the_walk() -> None:
    html = "<html><body>" + "<div>" * 1500 + "".join(f"<p>{ZH}</p>" for _ in range(4)) + "</body></html>"
    assert run(html).paragraphs == [ZH] * 4


def test_frameset_page_reads_its_noframes_text_as_markup() -> None:
    # The frames hold other documents; what the page itself says is in <noframes>, which
    # the parser keeps as raw text.
    paras = "".join(f"<p>{ZH}</p>" for _ in range(3))
    html = (
        "<html><head><title>车企发布新车</title></head><frameset cols='20%,80%'><frame src='nav.htm'>"
        f"<frame src='main.htm'><noframes><body>{paras}</body></noframes></frameset></html>"
    )
    assert run(html).paragraphs == [ZH] * 3


STRIKE = [
    "据新华社报道,当地时间11月20日,工会在总部举行新闻发布会,提出反对降薪、裁员和关厂的方案。",
    "报道指出,为降低生产成本,工会可以接受减少工时,以保留更多工作岗位,并设立一项未来基金。",
    "分析人士认为,劳资双方的谈判结果将直接影响这家车企明年的产能安排和新车型的投放节奏。",
]


def test_a_long_title_and_a_full_byline_inside_the_article_element_do_not_open_the_body() -> None:
    # An <h1> of 30 characters with two colons, and "date 来源:… 作者:…", both pass for prose;
    # with the <article> chosen as the body they stood as its first two lines.
    title = "将于下月起大规模罢工:德国金属工会:若车企坚持降薪裁员关厂"
    related = "".join(f"<li><a href='/n/{i}.html'>另一条关于车企的新闻标题第{i}条</a></li>" for i in range(3))
    html = (
        f"<html><head><title>{title} - 车讯</title></head><body><article><header><h1>{title}</h1>"
        "<p class='meta'><time>2024年11月21日 18:20</time> <span>来源:车讯速递</span> <span>作者:林晓</span></p>"
        "</header><div class='content'>" + "".join(f"<p>{t}</p>" for t in STRIKE) + "</div>"
        "<div class='sharebar'>分享到: 微信 | 微博</div>"
        f"<section><h2>相关新闻</h2><ul>{related}</ul></section></article></body></html>"
    )
    result = run(html)
    assert result.paragraphs == STRIKE
    assert (result.source, result.author) == ("车讯速递", "林晓")


def test_a_first_sentence_that_opens_with_a_date_stays_in_the_body() -> None:
    lead = "2024年11月21日,广州车展正式开幕,展期十天。"
    html = (
        "<html><head><title>车展开幕</title></head><body><h1>车展开幕</h1><div class='text'>"
        + "".join(f"<p>{t}</p>" for t in [lead, *STRIKE])
        + "</div></body></html>"
    )
    assert run(html).paragraphs == [lead, *STRIKE]


def test_a_chrome_named_wrapper_holding_an_article_told_in_lists_survives_a_comment_box() -> None:
    # The wrapper's class says "sidebar"; it holds most of the page's text, but little of
    # its <p> text (the article is mostly a list), so a comment box of short <p>s below
    # used to tip the <p> share and drop the whole article as chrome.
    items = [
        "Myles Garrett played 52 snaps and made two sacks, the most on the defensive line this week.",
        "Dalvin Tomlinson played 41 snaps, rotating with the younger tackles behind him all game.",
        "Za'Darius Smith played 38 snaps and was credited with three hurries and a forced fumble.",
        "Grant Delpit played every snap at safety and led the team with eleven tackles in the game.",
        "Martin Emerson played 60 snaps at corner and allowed four catches on seven targets thrown.",
        "Greg Newsome played 55 snaps in the slot and broke up a pass on the final defensive series.",
    ]
    lead = "The defense is dealing with a bunch of suspensions and injuries right now, and it showed."
    comments = "".join(
        f"<div>reader{i} 2 hours ago<p>Great article, I had the same thought about the game.</p></div>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Defensive snap counts</title></head><body><h1>Defensive snap counts</h1>"
        f"<div class='l-sidebar-fixed l-article-body-segment'><p>{lead}</p><ul>"
        + "".join(f"<li>{t}</li>" for t in items)
        + f"</ul></div><div class='comments'><h3>Comments</h3>{comments}</div></body></html>"
    )
    assert run(html).paragraphs == [lead, *items]


def test_other_stories_teased_above_the_article_are_not_its_first_paragraphs() -> None:
    # A run of linked headlines, each with a summary in its own wrapper, before the article:
    # the same list the body already stops at when it follows the article.
    teasers = "".join(
        f"<li><a href='/n/{i}.html'>Another story about the car market, number {i}</a><p>{summary}</p></li>"
        for i, summary in enumerate(
            [
                "Toyota raised its annual profit forecast on Wednesday as hybrid sales kept growing.",
                "Ford said it would cut four thousand jobs in Europe over the next three years.",
                "Regulators opened a probe into driver-assistance software after a series of crashes.",
            ]
        )
    )
    html = (
        "<html><head><title>Deliveries rise</title></head><body><div class='main'>"
        f"<ul class='x1'>{teasers}</ul><h1>Deliveries rise</h1>"
        + "".join(f"<p>{t}</p>" for t in EN)
        + "</div></body></html>"
    )
    assert run(html).paragraphs == EN


def test_an_article_whose_paragraphs_carry_links_is_no_teaser_run() -> None:
    linked = [f"{t[:-1]}, <a href='/p{i}'>said the analysts at the bank</a>." for i, t in enumerate(EN)]
    html = (
        "<html><head><title>Deliveries rise</title></head><body><h1>Deliveries rise</h1><div>"
        + "".join(f"<p>{t}</p>" for t in linked)
        + "</div></body></html>"
    )
    assert len(run(html).paragraphs) == len(EN)
