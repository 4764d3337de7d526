"""Fixtures shared by unit and integration tests. Kept small; integration-only fixtures live in
tests/integration/conftest.py.

The regulators' real recall files are used whole where a test needs them (tests/shared_data.py
says where they are); a missing file fails the test, never skips it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import REPO, SHARED_RECALLS

TEST_DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def shared_recalls() -> Path:
    """The regulators' real recall files (a copy of ../shared/data/recalls). Fails when missing."""
    if not SHARED_RECALLS.is_dir():
        pytest.fail(f"the shared recall files are missing: {SHARED_RECALLS}")
    return SHARED_RECALLS


@pytest.fixture(scope="session")
def recall_slices() -> Path:
    """`tests/data/recalls`: real slices of the shared files, and hostile files."""
    return TEST_DATA / "recalls"
