"""Each index version records what it changed against the one before (`catalog.changes`): per
source, the recalls added, removed and changed in what a listing is matched on, and a delta index
of the added and changed recalls that re-screening uses."""

from __future__ import annotations

import json

import pytest
from catalog_fakes import MemoryStorage, body, drop
from recall_screen.artifact import ArtifactError
from recall_screen.catalog.changes import (
    IndexChanges,
    RecallRef,
    changed_fields,
    changes_key,
    delta_key,
    diff_source,
    load_delta,
    read_changes,
)
from recall_screen.catalog.keys import artifact_key
from recall_screen.catalog.processor import DropProcessor
from recall_screen.catalog.publishing import load_current
from recall_screen.models import Recall


def recall(recall_id: str, **fields: object) -> Recall:
    return Recall.model_validate(
        {"source": "CPSC", "recall_id": recall_id, "title": f"Widget {recall_id}", **fields}
    )


def test_a_recall_changes_by_what_it_is_matched_on_and_nothing_else() -> None:
    base = recall("1", models=["A-1", "B-2"], brands=["Acme"], jurisdictions=["US"])
    assert changed_fields(base, base.model_copy(update={"models": ["B-2", "A-1"]})) == ()  # re-ordered
    assert changed_fields(base, base.model_copy(update={"hazard": "Fire", "remedy": "Refund"})) == ()
    assert changed_fields(base, base.model_copy(update={"gtins": ["00012345678905"]})) == ("identifiers",)
    assert changed_fields(base, base.model_copy(update={"brands": ["Acme", "Zenco"]})) == ("names",)
    assert changed_fields(base, base.model_copy(update={"model_years": [2021]})) == ("scope",)
    both = base.model_copy(update={"title": "Other", "jurisdictions": ["US", "CA"]})
    assert changed_fields(base, both) == ("names", "scope")


def test_a_source_diff_names_added_removed_and_changed_recalls() -> None:
    before = [recall("1"), recall("2"), recall("3")]
    after = [recall("2"), recall("3", models=["X-9"]), recall("4")]
    changes = diff_source(before, after)
    assert changes.added == (RecallRef("CPSC", "4"),)
    assert changes.removed == (RecallRef("CPSC", "1"),)
    assert [(c.recall.recall_id, c.fields) for c in changes.changed] == [("3", ("identifiers",))]
    assert not diff_source(before, list(reversed(before)))


def test_each_published_version_keeps_its_change_record_and_delta_index(
    store: MemoryStorage, processor: DropProcessor
) -> None:
    first = processor.process(*drop("recalls/cpsc/a.json", body("1", "2"), minute=1))
    record = read_changes(store, first.index_version)
    assert record is not None and record.previous_version is None
    assert [r.recall_id for r in record.added] == ["1", "2"]
    # Everything is new in the first version: its delta is the version's own artifact.
    assert record.delta == artifact_key(first.index_version)

    second = processor.process(*drop("recalls/cpsc/b.json", body("2", "3"), minute=2))
    record = read_changes(store, second.index_version)
    assert record is not None
    assert record.previous_version == first.index_version
    assert record.counts() == {"added": 1, "removed": 1, "changed": 0}
    assert record.sources["cpsc"].removed == (RecallRef("CPSC", "1"),)
    assert record.delta == delta_key(second.index_version)
    delta = load_delta(store, record)
    assert delta is not None and delta.recall_ids() == [("CPSC", "3")]
    # Written before the pointer: whoever follows the pointer finds the record.
    pointer_writes = [i for i, key in enumerate(store.puts) if key == "index/current.json"]
    assert store.puts.index(changes_key(second.index_version)) < pointer_writes[-1]
    document = json.loads(store.objects[changes_key(second.index_version)])
    assert document["format"] == "recall-screen-changes/1"


def test_a_drop_of_another_source_records_only_that_source(
    store: MemoryStorage, processor: DropProcessor
) -> None:
    processor.process(*drop("recalls/cpsc/a.json", body("1"), minute=1))
    result = processor.process(*drop("recalls/eu/x.json", body("E1"), minute=2))
    record = read_changes(store, result.index_version)
    assert record is not None and set(record.sources) == {"eu"}
    assert record.added == [RecallRef("CPSC", "E1")]


def test_a_withdrawal_is_recorded_as_removed_recalls_with_no_delta(
    store: MemoryStorage, processor: DropProcessor
) -> None:
    processor.process(*drop("recalls/cpsc/a.json", body("1", "2"), minute=1))
    withdrawal = json.dumps({"withdrawn": True, "source": "CPSC", "recall_id": "1"}).encode() + b"\n"
    result = processor.process(*drop("recalls/cpsc/w.ndjson", withdrawal, minute=2))
    assert result.index_version == load_current(store).version
    record = read_changes(store, result.index_version)
    assert record is not None
    assert record.removed == [RecallRef("CPSC", "1")] and not record.added and record.delta is None
    assert load_delta(store, record) is None


def test_the_record_reads_back_and_refuses_another_format() -> None:
    record = IndexChanges("v2", "v1", "2026-09-01T12:00:00Z")
    assert IndexChanges.from_json(record.to_json()) == record
    assert record.empty
    with pytest.raises(ArtifactError):
        IndexChanges.from_json(b'{"format": "something-else"}')
