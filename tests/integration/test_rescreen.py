"""When the recall lists change, the live listings are screened again, through the handlers on moto:
the index builder publishes a version and starts the re-screen state machine; its definition from
template.yaml is played against the worker's handler (`rescreen_flow`); decisions are read back
through the screener's API and events from the example rule's queue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from recall_screen.aws.decision_events import DecisionEvents
from recall_screen.aws.live_listings import LIVE_SHARDS
from recall_screen.catalog.changes import read_changes
from rescreen_flow import Flow, flow, ndjson, recall_row

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")

KART = recall_row("R-1", "Acme ZoomKart Electric Ride-On Toys Recalled", "ZK2000X", "Acme")
MONITOR = recall_row("R-2", "Brightlite Nightglow Baby Monitors Recalled", "NG7700B", "Brightlite")
HELMET = recall_row("R-3", "Summit Trail Bicycle Helmets Recalled", "STH500A", "Summit")

HELMET_LISTING = {
    "listing_id": "L-helmet",
    "title": "Summit Trail bicycle helmet STH500A, adult size",
    "seller_id": "S-1",
    "ship_to": "US",
}
KART_LISTING = {
    "listing_id": "L-kart",
    "title": "Acme ZoomKart electric ride-on toy ZK2000X",
    "seller_id": "S-2",
    "ship_to": "US",
}
CHESS = {
    "listing_id": "L-chess",
    "title": "Hand-carved wooden chess set",
    "seller_id": "S-3",
    "ship_to": "US",
}


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Iterator[Flow]:
    with flow(monkeypatch) as made:
        yield made


def rescreens(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in history if d["reasons"] and d["reasons"][0].startswith("rescreen:")]


def test_a_new_recall_blocks_an_allowed_listing_and_tells_the_marketplace(run: Flow) -> None:
    v1 = run.drop("week1.ndjson", [KART, MONITOR])
    allowed = run.screen(HELMET_LISTING)
    assert allowed["decision"] == "allow"
    assert run.screen(CHESS)["decision"] == "allow"
    run.events()  # nothing before the change

    v2 = run.drop("week2.ndjson", [KART, MONITOR, HELMET])
    changes = read_changes(run.store, v2)
    assert changes is not None and [r.recall_id for r in changes.added] == ["R-3"]
    run.rescreen(v2)

    history = run.history("L-helmet")
    assert len(history) == 2  # newest first: the re-screen, then the first decision
    latest = history[0]
    assert latest["decision"] == "block"
    assert latest["index_version"] == v2
    assert latest["matches"][0]["recall_id"] == "R-3"
    assert f"index version {v2}" in latest["reasons"][0]
    assert f"previous decision allow ({allowed['decision_id']}" in latest["reasons"][0]
    record = run.log.get(latest["decision_id"])
    assert record is not None and record.caller == "rescreen"

    (event,) = run.events()
    assert event["source"] == "recall-screen"
    assert event["detail-type"] == "listing.decision.changed"
    assert event["detail"] == {
        "listing_id": "L-helmet",
        "seller_id": "S-1",
        "previous_decision": "allow",
        "new_decision": "block",
        "recall": {"source": "CPSC", "recall_id": "R-3"},
        "index_version": v2,
        "decision_id": latest["decision_id"],
        "previous_decision_id": allowed["decision_id"],
    }
    # A listing the new recall does not concern gets no new record.
    assert len(run.history("L-chess")) == 1
    assert v1 != v2


def test_a_removed_recall_sends_its_blocks_to_review_never_to_allow(run: Flow) -> None:
    run.drop("week1.ndjson", [KART, MONITOR])
    blocked = run.screen(KART_LISTING)
    assert blocked["decision"] == "block"

    v2 = run.drop("week2.ndjson", [MONITOR])
    run.rescreen(v2)

    history = run.history("L-kart")
    assert [d["decision"] for d in history] == ["review", "block"]
    assert "R-1" in history[0]["reasons"][1] and "removed" in history[0]["reasons"][0]
    (event,) = run.events()
    assert event["detail"]["previous_decision"] == "block"
    assert event["detail"]["new_decision"] == "review"
    assert event["detail"]["recall"] == {"source": "CPSC", "recall_id": "R-1"}


def test_a_taken_down_listing_is_not_rescreened(run: Flow) -> None:
    run.drop("week1.ndjson", [KART])
    run.screen(HELMET_LISTING)
    response = run.api("DELETE", "/v1/listings/L-helmet")
    assert response["statusCode"] == 200, response["body"]
    body = json.loads(response["body"])
    assert body["status"] == "taken_down" and body["already"] is False
    again = json.loads(run.api("DELETE", "/v1/listings/L-helmet")["body"])
    assert again["already"] is True and again["taken_down_at"] == body["taken_down_at"]
    assert run.api("DELETE", "/v1/listings/L-never-screened")["statusCode"] == 404

    v2 = run.drop("week2.ndjson", [KART, HELMET])
    run.rescreen(v2)
    assert len(run.history("L-helmet")) == 1  # history kept, nothing new
    assert run.events() == []

    # Sent again, the listing is live again, and screened in the new index.
    assert run.screen(HELMET_LISTING)["decision"] == "block"


def test_a_changed_listing_is_rescreened_in_its_latest_form(run: Flow) -> None:
    run.drop("week1.ndjson", [KART])
    # L-1 was a chess set and is now the helmet; L-2 was the helmet and is now a chess set.
    run.screen({**CHESS, "listing_id": "L-1"})
    run.screen({**HELMET_LISTING, "listing_id": "L-1"})
    run.screen({**HELMET_LISTING, "listing_id": "L-2"})
    run.screen({**CHESS, "listing_id": "L-2"})

    v2 = run.drop("week2.ndjson", [KART, HELMET])
    run.rescreen(v2)

    assert [d["decision"] for d in run.history("L-1")] == ["block", "allow", "allow"]
    assert len(run.history("L-2")) == 2  # its latest form has nothing to do with the helmet
    assert [e["detail"]["listing_id"] for e in run.events()] == ["L-1"]


def test_a_version_that_changes_no_recall_rescreens_nothing(run: Flow) -> None:
    v1 = run.drop("week1.ndjson", [KART])
    run.screen(HELMET_LISTING)
    started = len(run.executions())
    # A new hazard text is a new version, but not a change a listing can be screened differently for.
    v2 = run.drop("week2.ndjson", [{**KART, "hazard": "The battery can overheat."}])
    assert v2 != v1
    changes = read_changes(run.store, v2)
    assert changes is not None and changes.empty
    assert len(run.executions()) == started  # the builder started nothing

    calls = len(run.worker_calls)
    answer = run.worker(
        {"Items": [{"shard": s} for s in range(LIVE_SHARDS)], "BatchInput": {"index_version": v2}}
    )
    assert answer["read"] == 0 and answer["changed"] == 0  # not even read
    assert len(run.worker_calls) == calls + 1
    assert len(run.history("L-helmet")) == 1
    assert run.events() == []


def test_a_failed_batch_is_retried_without_duplicates(run: Flow, monkeypatch: pytest.MonkeyPatch) -> None:
    run.drop("week1.ndjson", [KART])
    for n in range(6):
        run.screen({**HELMET_LISTING, "listing_id": f"L-{n}"})
    v2 = run.drop("week2.ndjson", [KART, HELMET])

    # The bus refuses the first batch's events once: that batch fails after recording its decisions.
    real_send = DecisionEvents.send
    failures = []

    def flaky_send(self: DecisionEvents, events: Any) -> Any:
        if not failures:
            failures.append(len(events))
            raise RuntimeError("EventBridge throttled")
        return real_send(self, events)

    monkeypatch.setattr(DecisionEvents, "send", flaky_send)
    run.rescreen(v2)

    assert failures and failures[0] >= 1
    for n in range(6):
        history = run.history(f"L-{n}")
        assert [d["decision"] for d in history] == ["block", "allow"], n
    events = run.events()
    assert sorted(e["detail"]["listing_id"] for e in events) == [f"L-{n}" for n in range(6)]
    # The retried batch re-read its shard: what it found re-screened already, it only told.
    batches = [c for c in run.worker_calls if "Items" in c]
    assert len(batches) == LIVE_SHARDS + 1

    # A second run of the whole execution (a redriven map run) changes nothing.
    run.rescreen(v2)
    assert all(len(run.history(f"L-{n}")) == 2 for n in range(6))
    assert run.events() == []


def test_a_local_run_prints_the_same_events(run: Flow) -> None:
    """`recall-screen serve` re-screens in-process after a drop and prints the events."""
    import io

    from recall_screen_cli.local_rescreen import rescreen_published

    run.drop("week1.ndjson", [KART])
    run.screen(HELMET_LISTING)
    key, version = run.aws.put_drop("cpsc", "week2.ndjson", ndjson([KART, HELMET]))
    answer = run.aws.deliver(key, version)
    printed = io.StringIO()
    counts = rescreen_published(run.aws, answer, stream=printed)
    assert counts.changed == 1
    (line,) = printed.getvalue().splitlines()
    assert line.startswith("event: ")
    event = json.loads(line.removeprefix("event: "))
    assert event["detail-type"] == "listing.decision.changed"
    assert event["detail"]["listing_id"] == "L-helmet" and event["detail"]["new_decision"] == "block"
    assert event["detail"]["recall"] == {"source": "CPSC", "recall_id": "R-3"}
    assert run.events() == []  # printed, not put on the bus


def test_a_rescreen_review_waits_in_the_review_queue_and_its_block_is_remembered(run: Flow) -> None:
    """A re-screen's decision is recorded as the API's are: a review waits for a person in
    GET /v1/reviews, and a block is remembered, so the seller's re-listing of the same product
    without its model number is caught (a helper found both missing: the queue stayed empty)."""
    run.drop("week1.ndjson", [KART, MONITOR])
    assert run.screen(KART_LISTING)["decision"] == "block"
    photos = ["https://img.example/helmet-1.jpg", "https://img.example/helmet-2.jpg"]
    assert run.screen({**HELMET_LISTING, "image_urls": photos})["decision"] == "allow"

    v2 = run.drop("week2.ndjson", [MONITOR, HELMET])  # the kart's recall removed, the helmet's added
    run.rescreen(v2)

    kart, helmet = run.history("L-kart")[0], run.history("L-helmet")[0]
    assert (kart["decision"], helmet["decision"]) == ("review", "block")
    response = run.api("GET", "/v1/reviews")
    assert response["statusCode"] == 200, response["body"]
    queued = [r["decision"]["decision_id"] for r in json.loads(response["body"])["reviews"]]
    assert queued == [kart["decision_id"]]
    # The seller lists the helmet again under words no notice uses, with the same photos: only
    # the remembered block can catch it.
    relisted = {
        "listing_id": "L-helmet-again",
        "title": "Protective headgear for cyclists, adult",
        "seller_id": "S-1",
        "ship_to": "US",
        "image_urls": photos,
    }
    again = run.screen(relisted)
    assert again["decision"] != "allow"
    assert any(
        f"resembles listing L-helmet, blocked in decision {helmet['decision_id']}" in r
        for r in again["reasons"]
    )


def published_but_not_started(
    run: Flow, monkeypatch: pytest.MonkeyPatch, rows: list[dict[str, Any]]
) -> tuple[str, str | None, dict[str, Any]]:
    """week2.ndjson dropped with `rows` and published by a builder that dies before it starts the
    re-screen; its key, version id and result (the builder works again afterwards)."""
    from index_builder import app as builder

    def dies(*args: Any, **kwargs: Any) -> str | None:
        raise TimeoutError("the builder ran out of time before the start")

    with monkeypatch.context() as patched:
        patched.setattr(builder, "start_rescreen", dies)
        key, version_id = run.aws.put_drop("cpsc", "week2.ndjson", ndjson(rows))
        (result,) = run.aws.deliver(key, version_id)["results"]
    return key, version_id, result


def test_a_retried_event_of_a_drop_that_published_starts_its_rescreen(
    run: Flow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The builder records a drop in its ledger, then starts the re-screen: if it dies in between,
    the event's retry is a duplicate and used to start nothing, so that version's new recalls
    never reached the live listings. A duplicate of a drop that published starts its version's
    re-screen (named after the version: one that exists is not started twice)."""
    run.drop("week1.ndjson", [KART, MONITOR])
    assert run.screen(HELMET_LISTING)["decision"] == "allow"
    key, version_id, first = published_but_not_started(run, monkeypatch, [KART, MONITOR, HELMET])
    assert first["outcome"] == "accepted"
    assert [e for e in run.executions() if e["name"] == first["index_version"]] == []

    (again,) = run.aws.deliver(key, version_id)["results"]  # S3's retry of the same event
    assert again["outcome"] == "duplicate" and again["index_version"] == first["index_version"]
    run.rescreen(first["index_version"])
    assert run.history("L-helmet")[0]["decision"] == "block"
    run.aws.deliver(key, version_id)  # and once more: the execution exists, none is added
    assert len([e for e in run.executions() if e["name"] == first["index_version"]]) == 1


def test_the_workers_sample_events_are_what_the_state_machine_passes(run: Flow) -> None:
    """events/rescreen-*.json (for `sam local invoke`) have the shape of the calls the played
    definition makes: a sample that drifted from the definition would test nothing."""
    from helpers import load_event, shape_of

    run.drop("week1.ndjson", [KART])
    run.screen(KART_LISTING)
    run.rescreen(run.drop("week2.ndjson", [MONITOR]))
    calls = {call.get("task", "shards"): shape_of(call) for call in run.worker_calls}
    for task, sample in (("removed", "rescreen-removed.json"), ("shards", "rescreen-shards.json")):
        assert shape_of(load_event(sample)) == calls[task], sample
    assert shape_of(load_event("rescreen-finish.json")) == calls["finish"]


def test_a_live_listing_is_read_with_when_its_decision_was_made(run: Flow) -> None:
    """The re-screen tells a decision made with a stale index by its time (`missed_a_version`):
    the latest item carries it, and the shard read gives it back."""
    from recall_screen.aws.live_listings import LiveListings, live_shard

    run.drop("week1.ndjson", [KART])
    decided = run.screen(CHESS)
    (live,) = [
        item
        for item in LiveListings(run.dynamodb, run.aws.table).shard(live_shard("L-chess"))
        if item.listing_id == "L-chess"
    ]
    assert live.decided_at == decided["decided_at"] and live.index_version == decided["index_version"]


def test_a_late_run_screens_with_the_lists_serving_now(run: Flow, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version's run can start late (a builder's retried event, after the builder died before
    starting it), after a later version removed the recall it added and that version's run has
    looked for blocks on it. Screening with its own index, the late run would block on a recall no
    list holds any more, and nothing would take the block back; it screens with the serving one."""
    run.drop("week1.ndjson", [KART, MONITOR])
    assert run.screen(HELMET_LISTING)["decision"] == "allow"
    # The helmet's recall is published, and its run never started.
    key, version_id, added = published_but_not_started(run, monkeypatch, [KART, MONITOR, HELMET])
    lamp = recall_row("R-4", "Lumo Desk Lamps Recalled", "LD100", "Lumo")
    removed = run.drop("week3.ndjson", [KART, MONITOR, lamp])  # a correcting list without it
    run.rescreen(removed)

    run.aws.deliver(key, version_id)  # S3's retry of week2's event starts week2's run, late
    run.rescreen(added["index_version"])
    assert [d["decision"] for d in run.history("L-helmet")] == ["allow"]
