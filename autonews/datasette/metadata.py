"""What Datasette shows about the tables and views, in Chinese and English, and the canned queries.

The search query is the SQL twin of ``autonews.query.search`` for one term:
it builds the same FTS5 phrase (one token per character, cut by the same SQL
as the index's triggers) and checks candidates with instr(), so Datasette
finds 车 and 小米 exactly as the CLI does.  Datasette's own table search box (``_search``) would
pass the term as a single token, which never matches this index, so it is
not wired up.
"""

from __future__ import annotations

from autonews.store.segment import segment_sql

DATABASE = (
    "汽车新闻文章、相关链接与抓取记录 / Chinese auto-news articles, their related links and crawl runs."
)

TABLES: dict[str, dict] = {
    "articles": {
        "description": "每篇文章一行 / One row per article (its URL is unique).",
        "sort_desc": "published_at",
        "columns": {
            "url": "文章网址 / The article's URL",
            "canonical_url": "页面声明的规范网址 / Canonical URL the page declares",
            "site": "站点 / Site profile that read it",
            "channel": "频道 / Channel (hangye, xinche, …)",
            "title": "标题 / Headline",
            "published_at": "发布时间（站点时区，ISO）/ Published, site-local ISO time or date",
            "source": "来源 / Source credited by the page",
            "author": "作者 / Author",
            "editor": "责任编辑 / Editor",
            "body": "正文（段落以换行分隔）/ Body text, paragraphs split by newlines",
            "content_hash": "内容指纹 / SHA-256 of the text fields: changes when the article changes",
            "extractor": "读取方式 / site = site selectors, generic = fallback reader",
            "page_count": "分页数 / Pages the article spans",
            "first_seen_at": "首次抓取（UTC）/ First crawled (UTC)",
            "last_seen_at": "最近抓取（UTC）/ Last crawled (UTC)",
            "updated_at": "最近变更（UTC）/ Last changed (UTC)",
        },
    },
    "links": {
        "description": "文章页上的相关阅读 / 最新内容链接 / Links in an article's related / latest blocks.",
        "columns": {
            "from_id": "链接所在文章 / Article the link is on",
            "to_url": "目标网址 / Target URL",
            "to_id": "目标文章（已抓取时）/ Target article, once stored",
            "kind": "related = 相关阅读, latest = 最新内容, other = 其他区块 (猜你喜欢, 热门推荐 …)",
            "title": "链接文字 / Link text",
            "position": "在区块中的位置（从1起）/ Position in its block, from 1",
            "heading": "区块标题（other）/ The block's heading, for kind other",
        },
    },
    "crawl_runs": {"description": "每次抓取一行 / One row per crawl run, with its counters."},
    "article_links": {"description": "链接及两端标题 / Links with the titles and URLs of both ends."},
    "daily_counts": {"description": "每天每频道文章数 / Articles per day and channel."},
    "unlinked_articles": {"description": "没有被任何文章链接的文章 / Articles no stored page links to."},
    "latest_articles": {"description": "按发布时间倒序 / Articles newest first."},
    "inlink_counts": {"description": "被链接次数 / Incoming links per article and kind."},
    "reprint_clusters": {
        "description": "转载聚类：同一篇报道 / Reprint clusters: one story stored more than once; id = origin's id.",
        "columns": {
            "origin_id": "首发文章（最早发布）/ The origin: the earliest published member",
            "size": "成员数（含首发）/ Members, the origin included",
            "sites": "涉及站点数 / Distinct sites among the members",
        },
    },
    "reprint_members": {
        "description": "聚类成员 / Each clustered article and its cluster.",
        "columns": {
            "similarity": "与首发的相似度（0-1）/ Share of the shorter text found in the other, against the origin",
            "copied_from_id": "转载自（来源所指成员，否则首发）/ The member its 来源 names, else the origin",
        },
    },
    "reprint_pairs": {"description": "判定为同一报道的文章对 / Article pairs found to be one story."},
    "reprint_copies": {"description": "每篇转载及其首发 / Each copy beside its origin."},
    "reprint_signatures": {"hidden": True},
    "articles_segmented": {"hidden": True},
    "articles_search": {"hidden": True},
    "articles_search_pending": {"hidden": True},
}

_SNIPPET = "replace(substr(a.body, max(1, instr(a.body, :q) - 20), 80), :q, '【' || :q || '】')"
_CONTAINS = "(instr(lower(a.title), lower(:q)) > 0 OR instr(lower(a.body), lower(:q)) > 0)"
# Articles a crawl stored but has not indexed yet (articles_search_pending) are scanned
# and listed after the ranked ones, as the CLI does.
SEARCH_SQL = f"""SELECT id, title, published_at, channel, snippet, url FROM (
SELECT a.id, a.title, a.published_at, a.channel, {_SNIPPET} AS snippet, a.url,
  bm25(articles_search, 5.0, 1.0) AS score
FROM articles_search JOIN articles a ON a.id = articles_search.rowid
WHERE :q <> ''
  AND articles_search MATCH '"' || {segment_sql(":q")} || '"'
  AND {_CONTAINS}
UNION ALL
SELECT a.id, a.title, a.published_at, a.channel, {_SNIPPET}, a.url, NULL
FROM articles_search_pending p JOIN articles a ON a.id = p.id
WHERE :q <> '' AND {_CONTAINS}
)
ORDER BY score IS NULL, score, CASE WHEN score IS NULL THEN published_at END DESC, id
LIMIT 100"""

QUERIES: dict[str, dict] = {
    "latest": {
        "title": "最新文章 / Latest articles",
        "sql": "SELECT id, title, channel, published_at, source, url FROM latest_articles LIMIT 100",
    },
    "search": {
        "title": "全文搜索 / Search titles and bodies",
        "description": "一个词，按子串精确匹配（车、小米、小米SU7 都可以）/ "
        "One term, exact substring match; most relevant first.",
        "sql": SEARCH_SQL,
    },
    "related_graph": {
        "title": "一篇文章的链接 / Links of one article, both ways",
        "description": "输入文章网址 / Give the article's URL.",
        "sql": """SELECT 'out' AS direction, kind, position, to_title AS title, to_url AS url
FROM article_links WHERE from_url = :url
UNION ALL
SELECT 'in', kind, position, from_title, from_url
FROM article_links WHERE to_url = :url
ORDER BY direction DESC, kind DESC, position""",
    },
    "reprints": {
        "title": "转载 / Reprints: each story's origin and its copies",
        "description": "首发在前 / Newest stories first; the origin, then its copies.",
        "sql": "SELECT cluster_id, origin_published_at, origin_site, origin_title, origin_url, "
        "published_at, site, title, similarity, url FROM reprint_copies "
        "ORDER BY origin_published_at DESC, cluster_id, published_at, id LIMIT 500",
    },
    "unlinked": {
        "title": "无人链接的文章 / Articles nobody links to",
        "sql": "SELECT id, title, channel, published_at, url FROM unlinked_articles "
        "ORDER BY published_at DESC LIMIT 500",
    },
}
