"""Reprint clusters on PostgreSQL: the same catch-up, rebuild and listing as on SQLite."""

from __future__ import annotations

from autonews.items import ArticleItem
from autonews.query.search import search
from autonews.reprints.listing import list_clusters
from autonews.reprints.stories import STORIES
from autonews.store import Store


def test_clusters_catch_up_rebuild_and_list_on_postgres(pg_url: str) -> None:
    story = STORIES[0]
    store = Store.open(pg_url)
    try:
        store.save_batch([
            ArticleItem(url="http://a.example/1", site="qiche", title=story.title, body=story.body,
                        published_at="2024-11-21"),
            ArticleItem(url="http://b.example/1", site="other", title="转", body=story.body + "\n编辑：李明",
                        published_at="2024-11-22", source="老虎车网"),
            ArticleItem(url="http://b.example/2", site="other", title="另", body=STORIES[1].body,
                        published_at="2024-11-22"),
        ])  # fmt: skip
        assert store.cluster_reprints().clusters == 1
        listed = list_clusters(store.engine, site="other", since="2024-11-01")
        assert [[m["url"] for m in c["members"]] for c in listed] == [
            ["http://a.example/1", "http://b.example/1"]
        ]
        assert listed[0]["members"][1]["copied_from"] == "http://a.example/1"
        store.cluster_reprints(rebuild=True)
        assert list_clusters(store.engine, site="other", since="2024-11-01") == listed
        assert [(h.url, h.copies) for h in search(store.engine, "宝马", unique=True)] == [
            ("http://a.example/1", 1)
        ]
    finally:
        store.close()
