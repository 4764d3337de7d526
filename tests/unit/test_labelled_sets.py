"""The labelled real-text sets are evidence: every line must be a valid listing with an honest,
checkable label (data/listings/SOURCES.md), naming recalls that exist in the regulators' files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from recall_screen.models import Listing
from recall_screen.parsers import parse
from shared_data import (
    FIRST_REPOSITORY_SET,
    REAL_TEXT_SETS,
    REPOSITORY_REAL_TEXT_SETS,
    REPOSITORY_SETS_LIST,
    SHARED_RECALL_FILES,
    SHARED_RECALLS,
)

KINDS = {"recalled", "clean"}
CONFIDENCES = {"high", "medium"}


@pytest.fixture(scope="module")
def known_recalls() -> set[tuple[str, str]]:
    known = set()
    for name in SHARED_RECALL_FILES:
        for recall in parse((SHARED_RECALLS / name).read_bytes()).records:
            known.add((recall.source, recall.recall_id))
    return known


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", REAL_TEXT_SETS, ids=lambda p: p.name)
def test_every_line_is_a_listing_with_a_checkable_label(path: Path, known_recalls) -> None:
    rows = _lines(path)
    assert rows
    for row in rows:
        label = row.pop("label")
        Listing.model_validate(row)  # what the API would accept
        assert label["kind"] in KINDS, row["listing_id"]
        assert label["confidence"] in CONFIDENCES, row["listing_id"]
        assert label["provenance"].strip(), row["listing_id"]
        assert label["recall_ids"] or label["kind"] == "clean", row["listing_id"]
        for recall_id in label["recall_ids"]:
            assert (label["source"], recall_id) in known_recalls, (row["listing_id"], recall_id)


def test_the_sets_share_no_listing_or_title() -> None:
    ids: Counter[str] = Counter()
    titles: Counter[str] = Counter()
    for path in REAL_TEXT_SETS:
        for row in _lines(path):
            ids[row["listing_id"]] += 1
            titles[row["title"].strip().lower()] += 1
    assert [i for i, n in ids.items() if n > 1] == []
    assert [t for t, n in titles.items() if n > 1] == []


def test_the_repository_set_is_big_enough_and_balanced() -> None:
    rows = _lines(FIRST_REPOSITORY_SET)
    kinds = Counter(r["label"]["kind"] for r in rows)
    assert len(rows) >= 150
    assert 0.3 <= kinds["recalled"] / len(rows) <= 0.5  # honest hard negatives outnumber positives


def test_every_set_in_the_folder_is_registered_for_evaluation() -> None:
    """A set left off the list would be neither evaluated nor checked: its figures would vanish
    from `make evaluate` without a word."""
    folder = REPOSITORY_SETS_LIST.parent
    assert sorted(folder.glob("real_relistings_*.ndjson")) == sorted(REPOSITORY_REAL_TEXT_SETS)
