"""Fixtures of the catalogue's unit tests (test_catalog*.py): an in-memory bucket and the drop
processor over it, with the list guards off or as the index builder runs them."""

from __future__ import annotations

import pytest
from catalog_fakes import LIMITS, Clock, MemoryStorage
from recall_screen.catalog.guards import NO_GUARDS
from recall_screen.catalog.processor import DropProcessor


@pytest.fixture
def store() -> MemoryStorage:
    return MemoryStorage()


@pytest.fixture
def processor(store: MemoryStorage) -> DropProcessor:
    """Without list guards: most catalogue tests replace lists of one or two recalls to isolate one
    rule each; the guards have their own tests (`guarded`)."""
    return DropProcessor(store, limits=LIMITS, guards=NO_GUARDS, versions_kept=3, now=Clock())


@pytest.fixture
def guarded(store: MemoryStorage) -> DropProcessor:
    """With the default list guards, as the index builder runs."""
    return DropProcessor(store, limits=LIMITS, versions_kept=3, now=Clock())
