"""Fixtures shared by unit and integration tests. Kept small; integration-only fixtures live in
tests/integration/conftest.py.

The shared data set (../shared/data beside the repository) is used whole where a test needs it; a
missing shared file fails the test, never skips it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEST_DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def shared_recalls() -> Path:
    """`../shared/data/recalls`: the regulators' real files. Fails when missing."""
    path = SHARED / "data" / "recalls"
    if not path.is_dir():
        pytest.fail(f"the shared data set is missing: {path} (clone it beside the repository)")
    return path


@pytest.fixture(scope="session")
def recall_slices() -> Path:
    """`tests/data/recalls`: real slices of the shared files, and hostile files."""
    return TEST_DATA / "recalls"
