"""The rules of a recall drop (recall_screen.catalog), on an in-memory store.

Every drop goes through the real reader (`ingest.read_drop`): tiny lists in the generic NDJSON
format, one recall per id, so each test isolates one rule of the catalog, and real hostile slices
from tests/data/ for the files it refuses. The S3 side is in tests/integration/test_index_builder.py.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from catalog_fakes import LIMITS, T0, Clock, MemoryStorage, body, drop, ids_in_index
from recall_screen.artifact import ArtifactError
from recall_screen.catalog import processor as processor_module
from recall_screen.catalog.drop import DropObject, is_older
from recall_screen.catalog.guards import NO_GUARDS
from recall_screen.catalog.keys import CATALOG_KEY, POINTER_KEY, parse_drop_key, report_key
from recall_screen.catalog.outcome import Outcome
from recall_screen.catalog.processor import DropProcessor
from recall_screen.catalog.publishing import Pointer, load_current, publish, versions_to_delete
from recall_screen.index import RecallIndex, SourceList
from recall_screen.ingest import DropOutcome, read_drop
from recall_screen.live_index import LiveIndex
from recall_screen.models import Recall


def test_drop_keys_name_source_and_file() -> None:
    assert parse_drop_key("recalls/cpsc/cpsc_recalls.json") == ("cpsc", "cpsc_recalls.json")
    assert parse_drop_key("recalls/eu/2026/week 40.ndjson") == ("eu", "2026/week 40.ndjson")
    for not_a_drop in (
        "recalls/",
        "recalls/cpsc/",
        "recalls/file.json",
        "index/current.json",
        "recalls/cpsc/../state/catalog.json",
        "recalls//x.json",
    ):
        assert parse_drop_key(not_a_drop) is None, not_a_drop
    assert report_key("cpsc", "cpsc_recalls.json") == "reports/cpsc/cpsc_recalls.json.report.json"


def test_newest_file_of_a_source_replaces_its_list_and_sources_are_unioned(store, processor) -> None:
    first = processor.process(*drop("recalls/cpsc/a.json", body("1", "2"), minute=1))
    assert first.outcome is Outcome.ACCEPTED
    assert processor.process(*drop("recalls/eu/x.json", body("E1"), minute=2)).outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == {"1", "2", "E1"}

    result = processor.process(*drop("recalls/cpsc/b.json", body("2", "3"), minute=3))
    assert result.outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == {"2", "3", "E1"}  # recall 1 is no longer screened; EU untouched
    index = load_current(store)
    assert set(index.sources) == {"cpsc", "eu"}
    assert index.sources["cpsc"].file == "recalls/cpsc/b.json"
    assert result.index_version == index.version
    assert result.summary().startswith("accepted recalls/cpsc/b.json: 2 recalls")


def test_a_rejected_file_leaves_the_index_untouched_and_gets_a_report(
    store, processor, recall_slices: Path
) -> None:
    first = processor.process(*drop("recalls/cpsc/a.json", body("1"), minute=1))
    truncated = (recall_slices / "hostile_truncated.json").read_bytes()
    result = processor.process(*drop("recalls/cpsc/b.json", truncated, minute=2))
    assert result.outcome is Outcome.REJECTED
    assert "invalid JSON" in result.reason
    assert result.summary() == f"rejected recalls/cpsc/b.json: {result.reason}"
    assert load_current(store).version == first.index_version
    report = json.loads(store.objects["reports/cpsc/b.json.report.json"])
    assert report["outcome"] == "rejected"
    assert report["index_version"] == first.index_version  # the version still serving
    assert report["reason"] == result.reason and report["accepted"] is False  # the ingest's report


def test_a_replayed_event_does_nothing(store, processor) -> None:
    event = drop("recalls/cpsc/a.json", body("1"), minute=1)
    first = processor.process(*event)
    puts = len(store.puts)
    again = processor.process(*event)
    assert again.outcome is Outcome.DUPLICATE
    assert again.index_version == first.index_version
    assert len(store.puts) == puts  # no build, no second report, no state change


def test_same_content_under_a_new_upload_builds_nothing_but_is_reported(store, processor) -> None:
    first = processor.process(*drop("recalls/cpsc/a.json", body("1"), minute=1))
    result = processor.process(*drop("recalls/cpsc/a-copy.json", body("1"), minute=2))
    assert result.outcome is Outcome.UNCHANGED
    assert load_current(store).version == first.index_version
    report = json.loads(store.objects["reports/cpsc/a-copy.json.report.json"])
    assert report["outcome"] == "unchanged"
    # The regulator reads which list still serves, and how many recalls it holds.
    assert "(recalls/cpsc/a.json, 1 recall, still serving)" in report["reason"]


def test_an_older_file_arriving_late_does_not_roll_the_list_back(store, processor) -> None:
    newer = processor.process(*drop("recalls/cpsc/new.json", body("2"), minute=5))
    late = processor.process(*drop("recalls/cpsc/old.json", body("1"), minute=1))
    assert late.outcome is Outcome.SUPERSEDED
    assert ids_in_index(store) == {"2"}
    assert load_current(store).version == newer.index_version
    report = json.loads(store.objects["reports/cpsc/old.json.report.json"])
    assert report["outcome"] == "superseded"
    assert report["superseded_by"]["key"] == "recalls/cpsc/new.json"
    assert report["reason"].endswith(": not rolled back")  # the newer file's list is the one serving


def test_a_file_superseded_by_a_rejected_one_says_which_list_is_serving(store, processor) -> None:
    """The newer file counts as the newest seen even when it is rejected: the late older file's
    report says the list serving is neither of them, so the regulator knows to send a good one."""
    processor.process(*drop("recalls/cpsc/base.json", body("1", "2"), minute=1))
    assert (
        processor.process(*drop("recalls/cpsc/broken.json", b"not a list", minute=5)).outcome
        is Outcome.REJECTED
    )
    late = processor.process(*drop("recalls/cpsc/old.json", body("3"), minute=3))
    assert late.outcome is Outcome.SUPERSEDED
    assert late.reason.endswith("; the list serving is still recalls/cpsc/base.json's (2 recalls)")
    assert ids_in_index(store) == {"1", "2"}


def test_an_older_file_of_another_source_is_not_superseded(store, processor) -> None:
    processor.process(*drop("recalls/cpsc/new.json", body("2"), minute=5))
    assert processor.process(*drop("recalls/eu/old.json", body("E"), minute=1)).outcome is Outcome.ACCEPTED


def test_a_late_older_version_of_the_same_key_keeps_the_newer_versions_report(store, processor) -> None:
    # Same key, same second: only S3's sequencer tells the versions apart.
    key = "recalls/cpsc/a.json"
    processor.process(*drop(key, body("2"), version="v2", sequencer="0062E99A88DC407460"))
    late = processor.process(*drop(key, body("1"), version="v1", sequencer="0062E99A88DC407459"))
    assert late.outcome is Outcome.SUPERSEDED
    assert ids_in_index(store) == {"2"}
    assert json.loads(store.objects["reports/cpsc/a.json.report.json"])["outcome"] == "accepted"


def test_order_of_drops() -> None:
    a = DropObject.from_key("recalls/s/a.json", sequencer="0A", last_modified=T0)
    b = DropObject.from_key("recalls/s/a.json", sequencer="0A01", last_modified=T0)
    assert is_older(a, b) and not is_older(b, a)  # right-padded: 0A00 < 0A01
    c = DropObject.from_key("recalls/s/c.json", sequencer="FF", last_modified=T0)
    assert not is_older(c, b) and not is_older(b, c)  # sequencers of different keys mean nothing
    d = DropObject.from_key("recalls/s/d.json", last_modified=T0 - timedelta(seconds=1))
    assert is_older(d, c)
    e = DropObject.from_key("recalls/s/e.json", last_modified=T0, event_time=T0 + timedelta(milliseconds=5))
    f = DropObject.from_key("recalls/s/f.json", last_modified=T0, event_time=T0 + timedelta(milliseconds=9))
    assert is_older(e, f)


def test_a_file_over_the_size_limit_is_rejected_without_reading_it(store, processor) -> None:
    big, _ = drop("recalls/cpsc/huge.json", b"x" * (LIMITS.max_bytes * 2), minute=1)

    def must_not_read(max_bytes: int) -> bytes:
        raise AssertionError("the body of an oversized file was read")

    result = processor.process(big, must_not_read)
    assert result.outcome is Outcome.REJECTED
    assert "over the limit" in result.reason
    assert load_current(store) is None


def test_a_body_larger_than_announced_is_still_caught(store, processor) -> None:
    lying = DropObject.from_key("recalls/cpsc/a.json", size=10, last_modified=T0)
    result = processor.process(lying, lambda max_bytes: b"[" + b" " * max_bytes + b"]")
    assert result.outcome is Outcome.REJECTED


def test_only_the_newest_versions_are_kept_and_never_the_current(store, processor) -> None:
    versions = [
        processor.process(*drop("recalls/cpsc/a.json", body(str(i)), minute=i)).index_version
        for i in range(6)
    ]
    kept = set(store.list_folders("index/"))
    assert kept == set(versions[-3:])
    assert versions_to_delete(["a", "b", "c", "d"], keep=2, current="a") == ["b"]
    # Two builds in one second: their names tie on the time, the order of publication decides.
    same_second = ["20260901T120000Z-ffff", "20260901T120000Z-0000"]
    assert versions_to_delete(same_second, keep=1, current=None, published=same_second) == [same_second[0]]


def test_processing_several_drops_publishes_one_version(store, processor, recall_slices: Path) -> None:
    empty = (recall_slices / "hostile_empty_array.json").read_bytes()
    results = processor.process_all(
        [
            drop("recalls/a/1.json", body("1"), minute=1),
            drop("recalls/b/2.json", body("2"), minute=1),
            drop("recalls/c/3.json", empty, minute=1),
        ]
    )
    assert [r.outcome for r in results] == [Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.REJECTED]
    assert len(store.list_folders("index/")) == 1
    assert {r.index_version for r in results} == {load_current(store).version}


def test_sources_are_not_reparsed_when_another_source_drops(store, monkeypatch) -> None:
    parsed: list[str] = []

    def counting_read_drop(data: bytes, **kwargs: Any) -> DropOutcome:
        parsed.append(kwargs["name"])
        return read_drop(data, **kwargs)

    monkeypatch.setattr(processor_module, "read_drop", counting_read_drop)
    processor = DropProcessor(store, limits=LIMITS, now=Clock())
    processor.process(*drop("recalls/a/1.json", body("1"), minute=1))
    processor.process(*drop("recalls/b/2.json", body("2"), minute=2))
    assert parsed == ["recalls/a/1.json", "recalls/b/2.json"]
    assert ids_in_index(store) == {"1", "2"}
    assert CATALOG_KEY in store.objects


def test_pointer_is_written_after_the_artifact_and_verified(store) -> None:
    index = RecallIndex.build([Recall(source="CPSC", recall_id="1", title="Widget")], built_at=T0)
    pointer = publish(store, index)
    assert store.puts == [pointer.artifact, POINTER_KEY]
    assert load_current(store).version == index.version

    tampered = bytearray(store.objects[pointer.artifact])
    tampered[-5] ^= 0xFF
    with pytest.raises(ArtifactError, match="sha256"):
        pointer.load(bytes(tampered))
    outside = json.loads(pointer.to_json())
    outside["artifact"] = "recalls/cpsc/evil.json"
    with pytest.raises(ArtifactError, match="outside"):
        Pointer.from_json(json.dumps(outside).encode())
    with pytest.raises(ArtifactError):
        Pointer.from_json(b"{not json")


def test_an_artifact_left_by_a_stopped_build_is_replaced_but_a_published_one_never_is(store) -> None:
    recalls = [Recall(source="CPSC", recall_id="1", title="Widget")]

    def built(loaded_at: str) -> RecallIndex:
        sources = {"cpsc": SourceList("cpsc", "a.json", 1, loaded_at)}
        return RecallIndex.build(recalls, sources=sources, built_at=T0)

    stopped, retried = built("T1"), built("T2")  # same second, same recalls: same version name
    assert stopped.version == retried.version and stopped.to_artifact() != retried.to_artifact()
    artifact = Pointer.for_index(stopped, stopped.to_artifact()).artifact
    store.put(artifact, stopped.to_artifact())  # the build stopped here, before its pointer

    publish(store, retried, published=[])
    assert load_current(store).sources["cpsc"].loaded_at == "T2"
    with pytest.raises(ArtifactError, match="already exists"):
        publish(store, stopped, published=[])  # the pointer names it now
    elsewhere = MemoryStorage()
    elsewhere.put(artifact, store.objects[artifact])
    with pytest.raises(ArtifactError, match="already exists"):
        publish(elsewhere, stopped, published=[retried.version])  # published once, kept as it is


def test_the_same_recalls_published_again_within_a_second_take_the_next_free_one(store) -> None:
    """List A, list B, then A's recalls again from another file, all in one second: the third
    build's name (its second and its recalls) was the first's, a published artifact is never
    overwritten, and the builder raised with no report, leaving the event to retries."""
    frozen = DropProcessor(store, limits=LIMITS, guards=NO_GUARDS, now=lambda: T0)
    first = frozen.process(*drop("recalls/acme/a.ndjson", body("1", "2"), minute=1))
    frozen.process(*drop("recalls/acme/b.ndjson", body("1", "2", "3"), minute=2))
    again = frozen.process(*drop("recalls/acme/a2.ndjson", body("1", "2"), minute=3))

    assert again.outcome is Outcome.ACCEPTED and again.index_version != first.index_version
    assert again.index_version.startswith(f"{T0 + timedelta(seconds=1):%Y%m%dT%H%M%SZ}")
    assert load_current(store).version == again.index_version and ids_in_index(store) == {"1", "2"}
    assert json.loads(store.objects[report_key("acme", "a2.ndjson")])["outcome"] == "accepted"


def test_the_live_index_follows_the_published_pointer_and_reports_its_status(store, processor) -> None:
    ticks = [0.0]
    live = LiveIndex(store, refresh_seconds=60, clock=lambda: ticks[0])
    assert live.current() is None
    nothing = live.status()
    assert (nothing.version, nothing.recalls, nothing.sources) == (None, None, ())
    assert "index/current.json is missing" in nothing.last_error

    first = processor.process(*drop("recalls/eu/x.json", body("E1"), minute=1))
    second = processor.process(*drop("recalls/cpsc/a.json", body("1", "2"), minute=2))
    ticks[0] += 5  # nothing loaded yet: looked at again after 5 s, not 60
    assert live.current().version == second.index_version != first.index_version
    status = live.status()
    assert (status.version, status.recalls, status.last_error) == (second.index_version, 3, None)
    assert [(s.source, s.file, s.recalls) for s in status.sources] == [
        ("cpsc", "recalls/cpsc/a.json", 2),
        ("eu", "recalls/eu/x.json", 1),
    ]
