"""The GC extension changes the collector only while the engine runs."""

from __future__ import annotations

import gc

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from autonews.crawling.gc_tuning import GcTuning


def test_freezes_and_raises_the_threshold_while_crawling_then_restores() -> None:
    before = gc.get_threshold()
    ext = GcTuning.from_crawler(get_crawler(settings_dict={"AUTONEWS_GC_THRESHOLD": 12345}))
    try:
        ext.engine_started()
        assert gc.get_threshold() == (12345, *before[1:])
        assert gc.get_freeze_count() > 0
    finally:
        ext.engine_stopped()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_zero_leaves_pythons_defaults() -> None:
    with pytest.raises(NotConfigured):
        GcTuning.from_crawler(get_crawler(settings_dict={"AUTONEWS_GC_THRESHOLD": 0}))


def test_on_by_default_in_the_project_settings() -> None:
    from autonews.crawling.process import project_settings

    settings = project_settings()
    assert settings.getint("AUTONEWS_GC_THRESHOLD") > 700
    assert "autonews.crawling.gc_tuning.GcTuning" in settings.getdict("EXTENSIONS")
