"""The ``sites`` table: each site crawled, and the furniture learned of it, versioned."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine

from autonews.store.engine import utc_now
from autonews.store.models import Article, Site, SiteFurniture


@dataclass(frozen=True)
class Learned:
    lines: tuple[str, ...]
    pages: int  # article pages they were learned from
    version: int


NOTHING = Learned((), 0, 0)


def learned_furniture(engine: Engine, site: str) -> Learned:
    with engine.connect() as conn:
        row = conn.execute(
            select(Site.furniture, Site.furniture_pages, Site.furniture_version).where(Site.site == site)
        ).first()
    if row is None:
        return NOTHING
    return Learned(tuple(json.loads(row[0] or "[]")), row[1], row[2])


def record_site(
    engine: Engine, site: str, *, host: str | None, name: str | None, kind: str,
    furniture: tuple[str, ...] | None = None, pages: int = 0,
) -> Learned:  # fmt: skip
    """Note a crawl of ``site``: its crawl times and article count, and ``furniture``
    (sorted lines) as a new version when it differs from the stored one."""
    now = utc_now()
    with engine.begin() as conn:
        count = conn.execute(
            select(func.count()).select_from(Article).where(Article.site == site)
        ).scalar_one()
        row = conn.execute(select(Site.furniture, Site.furniture_version).where(Site.site == site)).first()
        values = {"host": host, "name": name, "kind": kind, "last_crawl_at": now, "article_count": count}
        if row is None:
            conn.execute(insert(Site).values(site=site, first_crawl_at=now, **values))
            stored, version = (), 0
        else:
            # A row the migration made for an older database has no first crawl yet.
            first = func.coalesce(Site.first_crawl_at, now)
            conn.execute(update(Site).where(Site.site == site).values(first_crawl_at=first, **values))
            stored, version = tuple(json.loads(row[0] or "[]")), row[1]
        if furniture is None or tuple(furniture) == stored:
            return Learned(stored, pages, version)
        version += 1
        text = json.dumps(list(furniture), ensure_ascii=False)
        conn.execute(
            update(Site).where(Site.site == site).values(furniture=text, furniture_pages=pages,
                                                          furniture_version=version)
        )  # fmt: skip
        conn.execute(
            insert(SiteFurniture).values(site=site, version=version, learned_at=now, pages=pages, lines=text)
        )
        return Learned(tuple(furniture), pages, version)


def reset_furniture(engine: Engine, site: str) -> bool:
    """Forget what was learned of ``site`` (its history too); False when it is not known."""
    with engine.begin() as conn:
        found = conn.execute(
            update(Site)
            .where(Site.site == site)
            .values(furniture="[]", furniture_pages=0, furniture_version=0)
        ).rowcount
        conn.execute(delete(SiteFurniture).where(SiteFurniture.site == site))
    return bool(found)


def list_sites(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(select(Site.__table__).order_by(Site.site))
        return [dict(r._mapping) | {"furniture": json.loads(r.furniture or "[]")} for r in rows]
