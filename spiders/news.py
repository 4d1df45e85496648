"""``scrapy crawl news -a base_url=URL``: any news site, with no profile.

The same spider as ``qiche`` over a profile made from the base URL
(``autonews/sites/anysite.py``): sitemaps and feeds when the site has them, else
its listings; every page read the generic way; ``articles.site`` is the host.
"""

from __future__ import annotations

from typing import Any

from autonews.crawling.args import SpiderArgs
from autonews.sites.anysite import profile_for
from autonews.sites.base import GenericSite
from spiders.site import SiteSpider


class NewsSpider(SiteSpider):
    name = "news"
    learns_furniture = True
    site = GenericSite  # replaced per crawl by the base URL's own profile

    def __init__(self, **kwargs: Any) -> None:
        args = SpiderArgs.parse(kwargs, default_base_url="")
        self.site = profile_for(args.base_url)
        super().__init__(**kwargs)
