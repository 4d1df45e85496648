"""Crawl support that Scrapy calls into: sources, the incremental policy, failure stats."""
