"""A screener makes the garbage collector's full collections rarer for its process (its index's
decoded profiles are walked by every one), and keeps a rarer setting made on purpose."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from recall_screen.index import RecallIndex
from recall_screen.models import Recall
from recall_screen.screening import FULL_COLLECTION_EVERY, Screener


@pytest.fixture
def thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def _index() -> RecallIndex:
    return RecallIndex.build([Recall(source="CPSC", recall_id="R1", title="Kettles recalled")])


def test_a_screener_makes_full_collections_rarer(thresholds: None) -> None:
    gc.set_threshold(700, 10, 10)
    Screener(_index())
    assert gc.get_threshold() == (700, 10, FULL_COLLECTION_EVERY)


def test_a_rarer_setting_is_kept(thresholds: None) -> None:
    gc.set_threshold(500, 20, 10 * FULL_COLLECTION_EVERY)
    Screener(_index())
    assert gc.get_threshold() == (500, 20, 10 * FULL_COLLECTION_EVERY)
