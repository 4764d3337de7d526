"""State that can break is repaired or reported (issue 11): a corrupt or lost state/catalog.json is
rebuilt from the published index and the kept lists; when it cannot be, or a kept list is gone,
drops are refused with a report and state/health.json says the builder is degraded."""

from __future__ import annotations

import json

import pytest
from catalog_fakes import MemoryStorage, body, drop, ids_in_index
from recall_screen.catalog.health import read_builder_health
from recall_screen.catalog.keys import CATALOG_KEY, HEALTH_KEY, POINTER_KEY
from recall_screen.catalog.outcome import Outcome
from recall_screen.catalog.processor import DropProcessor
from recall_screen.catalog.state import Catalog

CPSC = [str(n) for n in range(1, 31)]


@pytest.fixture
def two_lists(store: MemoryStorage, guarded: DropProcessor) -> MemoryStorage:
    """cpsc (30 recalls, dropped twice: a stale kept list must not be taken for the current one)
    and eu (2 recalls), published."""
    guarded.process(*drop("recalls/cpsc/week-1.ndjson", body(*CPSC[:28]), minute=1))
    guarded.process(*drop("recalls/cpsc/week-2.ndjson", body(*CPSC), minute=2))
    guarded.process(*drop("recalls/eu/alerts.ndjson", body("E1", "E2"), minute=3))
    health = read_builder_health(store)
    assert (health.status, health.fault, health.last_repair) == ("ok", None, None)
    return store


CORRUPTIONS = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "not json": lambda good: b"\x00\x01garbage",
    "another format": lambda good: good.replace(b"recall-screen-catalog/1", b"recall-screen-catalog/0"),
    "a list": lambda good: b"[]",
    "a field of the wrong type": lambda good: json.dumps(
        {"format": "recall-screen-catalog/1", "sources": {"cpsc": {"current": {"drop": 7}}}}
    ).encode(),
    "deleted": None,
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_corrupt_or_lost_catalog_is_rebuilt_and_the_next_drop_goes_through(
    two_lists: MemoryStorage, guarded: DropProcessor, corruption: str
) -> None:
    store = two_lists
    good = Catalog.from_json(store.objects[CATALOG_KEY])
    damage = CORRUPTIONS[corruption]
    if damage is None:
        del store.objects[CATALOG_KEY]
    else:
        store.objects[CATALOG_KEY] = damage(store.objects[CATALOG_KEY])

    result = guarded.process(*drop("recalls/eu/alerts-2.ndjson", body("E1", "E2", "E3"), minute=4))

    assert result.outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == {*CPSC, "E1", "E2", "E3"}  # cpsc's list was not lost
    rebuilt = Catalog.from_json(store.objects[CATALOG_KEY])  # written back, sound
    assert rebuilt.sources["cpsc"].current.recalls_key == good.sources["cpsc"].current.recalls_key
    assert rebuilt.sources["cpsc"].current.drop.key == "recalls/cpsc/week-2.ndjson"
    health = read_builder_health(store)
    assert health.status == "ok" and health.fault is None
    assert "rebuilt from the published index" in health.last_repair["fault"]
    # The rebuilt catalogue still guards the lists: cpsc shrunk to 5 is held.
    assert guarded.process(*drop("recalls/cpsc/w3.ndjson", body(*CPSC[:5]), minute=5)).outcome is Outcome.HELD


def test_a_catalog_that_cannot_be_rebuilt_refuses_drops_until_it_is_restored(
    two_lists: MemoryStorage, guarded: DropProcessor
) -> None:
    store = two_lists
    saved = dict(store.objects)
    serving = store.objects[POINTER_KEY]
    store.objects[CATALOG_KEY] = b'{"format": "recall-screen-catalog/1", "sour'
    for key in store.list_keys("state/sources/eu/"):
        del store.objects[key]  # the eu list cannot be found again
    event = drop("recalls/cpsc/week-3.ndjson", body(*CPSC, "31"), minute=4)

    refused = guarded.process(*event)

    assert refused.outcome is Outcome.REJECTED
    assert refused.reason.startswith(
        "not processed: the builder's state cannot be used (state/catalog.json is corrupt"
    )
    assert "cannot tell the current list of 'eu'" in refused.reason
    assert store.objects[POINTER_KEY] == serving  # nothing published
    assert store.objects[CATALOG_KEY] == b'{"format": "recall-screen-catalog/1", "sour'  # kept for a look
    report = json.loads(store.objects["reports/cpsc/week-3.ndjson.report.json"])
    assert report["outcome"] == "rejected" and report["index_version"] == json.loads(serving)["version"]
    assert not [k for k in store.objects if k.startswith("state/drops/cpsc/") and event[0].drop_id in k]
    health = read_builder_health(store)
    assert health.status == "degraded" and "cannot be rebuilt" in health.fault
    # A replayed event of a drop processed before keeps its report, whatever the state.
    report = store.objects["reports/eu/alerts.ndjson.report.json"]
    assert (
        guarded.process(*drop("recalls/eu/alerts.ndjson", body("E1", "E2"), minute=3)).outcome
        is Outcome.DUPLICATE
    )
    assert store.objects["reports/eu/alerts.ndjson.report.json"] == report

    store.objects.update(saved)  # restored from the objects' previous versions (the bucket is versioned)
    again = guarded.process(*event)  # the same upload, delivered again: not taken for a replay
    assert again.outcome is Outcome.ACCEPTED and "31" in ids_in_index(store)
    assert read_builder_health(store).status == "ok"


def test_a_kept_list_gone_refuses_drops_and_says_which(
    two_lists: MemoryStorage, guarded: DropProcessor
) -> None:
    store = two_lists
    (eu_key,) = store.list_keys("state/sources/eu/")
    del store.objects[eu_key]
    refused = guarded.process(*drop("recalls/cpsc/week-3.ndjson", body(*CPSC, "31"), minute=4))
    assert refused.outcome is Outcome.REJECTED and eu_key in refused.reason
    assert "restore that object from its previous version" in refused.reason
    assert read_builder_health(store).fault.startswith("the kept recalls of source 'eu'")


def test_the_rebuild_takes_the_kept_list_the_report_names_when_counts_do_not_tell(
    store: MemoryStorage, guarded: DropProcessor
) -> None:
    guarded.process(*drop("recalls/cpsc/a.ndjson", body(*CPSC[:25]), minute=1))
    guarded.process(*drop("recalls/cpsc/b.ndjson", body(*CPSC[5:]), minute=2))  # 25 recalls as well
    current = json.loads(store.objects[CATALOG_KEY])["sources"]["cpsc"]["current"]["recalls_key"]
    # Another kept list of the same size (left by a build that stopped before its catalogue).
    store.objects[current.replace("state/sources/cpsc/", "state/sources/cpsc/0")] = store.objects[current]
    store.objects[CATALOG_KEY] = b"{}"
    assert guarded.process(*drop("recalls/eu/x.ndjson", body("E1"), minute=3)).outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == {*CPSC[5:], "E1"}


def test_read_builder_health_never_raises() -> None:
    store = MemoryStorage()
    assert read_builder_health(store) is None  # nothing processed yet
    store.objects[HEALTH_KEY] = b"{not json"
    assert read_builder_health(store).status == "unknown"
    store.objects[HEALTH_KEY] = json.dumps(
        {"format": "recall-screen-health/1", "builder": {"status": "?"}}
    ).encode()
    assert read_builder_health(store).status == "unknown"

    class Denied(MemoryStorage):
        def get(self, key: str) -> bytes | None:
            raise PermissionError("AccessDenied")

    denied = read_builder_health(Denied())
    assert denied.status == "unknown" and "AccessDenied" in denied.fault
    assert denied.to_json() == {"status": "unknown", "fault": denied.fault, "at": None, "last_repair": None}
