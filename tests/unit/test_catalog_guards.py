"""List guards (issue 11): a drop that would stop screening too much of its source's list is held,
reported, and published only when confirmed, by the upload of the same file naming the held drop."""

from __future__ import annotations

import json

import pytest
from catalog_fakes import LIMITS, Clock, MemoryStorage, body, drop, ids_in_index
from recall_screen.catalog.guards import ListGuards
from recall_screen.catalog.keys import CATALOG_KEY, POINTER_KEY
from recall_screen.catalog.outcome import Outcome
from recall_screen.catalog.processor import DropProcessor
from recall_screen.ingest import Limits

FULL = [str(n) for n in range(1, 957)]  # the 956 recalls of the full CPSC list
KEY = "recalls/cpsc/recalls.ndjson"
BIG = Limits(max_bytes=1_000_000)


@pytest.fixture
def cpsc(store: MemoryStorage) -> DropProcessor:
    """The default guards, and room for a list of 956 recalls."""
    processor = DropProcessor(store, limits=BIG, now=Clock())
    assert processor.process(*drop(KEY, body(*FULL), minute=1)).outcome is Outcome.ACCEPTED
    return processor


def report(store: MemoryStorage, key: str = "reports/cpsc/recalls.ndjson.report.json") -> dict:
    return json.loads(store.objects[key])


def test_a_list_shrunk_from_956_to_5_is_held_and_the_old_list_keeps_serving(store, cpsc) -> None:
    serving = store.objects[POINTER_KEY]
    held = cpsc.process(*drop(KEY, body(*FULL[:5]), minute=2))

    assert held.outcome is Outcome.HELD
    assert held.reason.startswith("held: would remove 951 of 956 recalls, leaving 5: removes 99%")
    assert "below the floor of 10" in held.reason
    assert store.objects[POINTER_KEY] == serving and len(ids_in_index(store)) == 956
    document = report(store)
    assert (document["outcome"], document["accepted"]) == ("held", False)
    counts = {k: document["held"][k] for k in ("current", "new", "removed", "removed_share")}
    assert counts == {"current": 956, "new": 5, "removed": 951, "removed_share": 0.9948}
    assert document["held"]["confirm_code"] == held.drop.drop_id
    assert "--metadata recall-screen-confirm=" + held.drop.drop_id in document["held"]["how_to_confirm"]
    # Which recalls would go, for the regulator to check before confirming: the first 200, sorted.
    assert document["held"]["removed_ids"] == sorted(FULL[5:])[:200]
    assert document["index_version"] == json.loads(serving)["version"]
    assert document["accepted_records"] == 5  # the ingest's own counts are kept
    assert (
        json.loads(store.objects[CATALOG_KEY])["sources"]["cpsc"]["held"]["sha256"]
        == document["drop"]["sha256"]
    )


def test_the_confirmation_publishes_the_held_list(store, cpsc) -> None:
    shrunk = body(*FULL[:5])
    held = cpsc.process(*drop(KEY, shrunk, minute=2))
    confirmed = cpsc.process(*drop(KEY, shrunk, minute=3, confirm=held.drop.drop_id))

    assert confirmed.outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == set(FULL[:5])
    document = report(store)
    assert document["outcome"] == "accepted"
    assert document["confirmed"]["removed"] == 951 and document["confirmed"]["held_drop"]["key"] == KEY
    assert json.loads(store.objects[CATALOG_KEY])["sources"]["cpsc"]["held"] is None


@pytest.mark.parametrize("mistake", ["no code", "another code", "other content", "code of a past hold"])
def test_what_is_not_the_confirmation_of_the_held_drop_is_held_in_its_turn(store, cpsc, mistake) -> None:
    shrunk = body(*FULL[:5])
    held = cpsc.process(*drop(KEY, shrunk, minute=2))
    code, content = held.drop.drop_id, shrunk
    if mistake == "no code":
        code = None
    elif mistake == "another code":
        code = "0" * 32
    elif mistake == "other content":
        content = body(*FULL[:6])
    else:  # confirmed once, then the full list again, then a copy of the confirmed object (metadata kept)
        assert cpsc.process(*drop(KEY, shrunk, minute=3, confirm=code)).outcome is Outcome.ACCEPTED
        assert cpsc.process(*drop(KEY, body(*FULL), minute=4)).outcome is Outcome.ACCEPTED
    again = cpsc.process(*drop(KEY, content, minute=5, confirm=code))

    assert again.outcome is Outcome.HELD
    assert len(ids_in_index(store)) == 956
    if code is not None:
        assert "names no drop held with this content" in again.reason


def test_growth_and_a_shrink_within_the_limit_publish_as_before(store, cpsc) -> None:
    grown = cpsc.process(*drop(KEY, body(*FULL, *[f"N{n}" for n in range(300)]), minute=2))
    assert grown.outcome is Outcome.ACCEPTED and grown.shrink is None
    within = [*FULL[:-200], *[f"N{n}" for n in range(300)]]  # 200 of 1256 removed: 16%
    shrunk = cpsc.process(*drop(KEY, body(*within), minute=3))
    assert shrunk.outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == set(within)
    assert "held" not in report(store)


def test_the_floor_holds_a_list_that_collapses_when_the_share_guard_is_loosened(store) -> None:
    loose = DropProcessor(store, limits=LIMITS, guards=ListGuards(max_removed_share=1.0), now=Clock())
    ids = [str(n) for n in range(12)]
    loose.process(*drop("recalls/nz/list.ndjson", body(*ids), minute=1))
    assert (
        loose.process(*drop("recalls/nz/list.ndjson", body(*ids[:10]), minute=2)).outcome is Outcome.ACCEPTED
    )
    floor = loose.process(*drop("recalls/nz/list.ndjson", body(*ids[:3]), minute=3))
    assert floor.outcome is Outcome.HELD and floor.shrink.reasons == (
        "leaves 3 recalls, below the floor of 10",
    )
    small = DropProcessor(
        MemoryStorage(), limits=LIMITS, guards=ListGuards(max_removed_share=1.0), now=Clock()
    )
    small.process(*drop("recalls/nz/list.ndjson", body("1", "2", "3"), minute=1))  # already under the floor
    assert small.process(*drop("recalls/nz/list.ndjson", body("1"), minute=2)).outcome is Outcome.ACCEPTED


def test_a_held_drop_replayed_stays_held_and_a_newer_list_replaces_the_hold(store, cpsc) -> None:
    event = drop(KEY, body(*FULL[:5]), minute=2)
    held = cpsc.process(*event)
    assert cpsc.process(*event).outcome is Outcome.DUPLICATE
    assert cpsc.process(*drop(KEY, body(*FULL[:900]), minute=3)).outcome is Outcome.ACCEPTED
    late = cpsc.process(*drop(KEY, body(*FULL[:5]), minute=4, confirm=held.drop.drop_id))
    assert late.outcome is Outcome.HELD  # the hold went with the list accepted after it
    assert len(ids_in_index(store)) == 900


def test_guards_from_the_environment() -> None:
    assert ListGuards.from_env({}) == ListGuards(max_removed_share=0.2, min_kept_recalls=10)
    env = {"RECALL_SCREEN_MAX_REMOVED_SHARE": "0.5", "RECALL_SCREEN_MIN_KEPT_RECALLS": "3"}
    assert ListGuards.from_env(env) == ListGuards(max_removed_share=0.5, min_kept_recalls=3)
    with pytest.raises(ValueError, match="RECALL_SCREEN_MAX_REMOVED_SHARE='lots'"):
        ListGuards.from_env({"RECALL_SCREEN_MAX_REMOVED_SHARE": "lots"})
    with pytest.raises(ValueError, match="between 0 and 1"):
        ListGuards.from_env({"RECALL_SCREEN_MAX_REMOVED_SHARE": "1.5"})
    with pytest.raises(ValueError, match="RECALL_SCREEN_MIN_KEPT_RECALLS"):
        ListGuards.from_env({"RECALL_SCREEN_MIN_KEPT_RECALLS": "-1"})


def _with_codes(ids: list[str], gtins: bool, models: bool) -> bytes:
    rows = [
        {"source": "CPSC", "recall_id": i, "title": f"Widget {i} recalled"}
        | ({"gtins": [f"0{int(i):010d}5"]} if gtins else {})
        | ({"models": [f"WX-{i}00"]} if models else {})
        for i in ids
    ]
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def test_a_list_whose_recalls_lost_their_codes_is_told_in_its_report(store) -> None:
    """The guards count recalls: the same list re-exported without its UPC column passed them, and
    its recalls went on matched by name alone with no word in the report."""
    processor = DropProcessor(store, limits=BIG, now=Clock())
    ids = [str(n) for n in range(1, 21)]
    processor.process(*drop(KEY, _with_codes(ids, gtins=True, models=True), minute=1))
    result = processor.process(*drop(KEY, _with_codes(ids, gtins=False, models=True), minute=2))
    assert result.outcome is Outcome.ACCEPTED
    told = [w for w in report(store)["warnings"] if w["field"] == "identifiers"]
    assert [w["reason"] for w in told] == [
        "20 of the 20 recalls that carried GTINs in the current list carry none in this one (a column "
        "lost in the export?): they are matched without them"
    ]
    # A few recalls losing a code, or a list that never had them, is nothing to tell.
    few = _with_codes(ids[:3], gtins=True, models=False) + _with_codes(ids[3:], gtins=True, models=True)
    processor.process(*drop(KEY, few, minute=3))
    assert not [w for w in report(store)["warnings"] if w["field"] == "identifiers"]
