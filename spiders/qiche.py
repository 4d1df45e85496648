"""``scrapy crawl qiche``: qi-che.com through its profile (``autonews/sites/qiche.py``)."""

from __future__ import annotations

from autonews.sites import get_site
from spiders.site import SiteSpider


class QicheSpider(SiteSpider):
    name = "qiche"
    site = get_site("qiche")
