"""The decision log on moto, with the table built from template.yaml: one record per decision, and
each access pattern served by a key or a GSI (a Query or a GetItem, never a Scan)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError, ReadTimeoutError
from helpers import BLOCKED, CLEAN, build_index
from recall_screen.aws.decision_items import MAX_LISTING_BYTES, InvalidCursor, decode_cursor
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.decision_store import DecisionNotRecorded, IdempotencyConflict, IdempotencyInProgress
from recall_screen.models import Decision, Listing
from recall_screen.screening import Screener


class Calls:
    """The DynamoDB operations a client made, with their parameters (botocore's event hooks)."""

    def __init__(self, client: Any) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        client.meta.events.register("provide-client-params.dynamodb.*", self._record)

    def _record(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        self.calls.append((model.name, dict(params)))

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def clear(self) -> None:
        self.calls.clear()


@pytest.fixture
def log(dynamodb: Any, decisions_table: str) -> DecisionLog:
    return DecisionLog(dynamodb, decisions_table)


@pytest.fixture
def calls(dynamodb: Any) -> Calls:
    return Calls(dynamodb)


@pytest.fixture
def screener() -> Screener:
    return Screener(build_index())


def decide(
    screener: Screener, fields: dict[str, Any], *, at: datetime | None = None
) -> tuple[Decision, Listing]:
    listing = Listing.model_validate(fields)
    return screener.screen(listing, now=at), listing


def record(log: DecisionLog, screener: Screener, fields: dict[str, Any], **kwargs: Any) -> Decision:
    decision, listing = decide(screener, fields, at=kwargs.pop("at", None))
    log.record(decision, listing, request_id=kwargs.get("request_id", "req-1"), caller="key-1")
    return decision


def test_one_record_per_decision_with_everything_an_auditor_needs(log, screener, dynamodb, decisions_table):
    decision, listing = decide(screener, BLOCKED)
    recorded_json = log.record(decision, listing, request_id="req-42", caller="key-1")

    record_ = log.get(decision.decision_id)
    assert record_ is not None
    assert record_.decision_json == recorded_json == decision.model_dump_json()
    assert Decision.model_validate_json(record_.decision_json) == decision
    assert record_.listing_id == "L-block" and record_.seller_id == "S-1"
    assert record_.decision == "block"
    assert record_.request_id == "req-42" and record_.caller == "key-1"
    assert record_.index_version == decision.index_version
    assert record_.policy_version == decision.policy_version
    assert record_.decided_at == decision.decided_at
    assert record_.listing["title"] == BLOCKED["title"] and record_.listing["gtin"] == BLOCKED["gtin"]
    assert record_.matched_recalls == ["CPSC#24-101"]
    # the matches keep their scores and evidence
    match = record_.decision_body["matches"][0]
    assert match["score"] == 1.0 and any(e["method"] == "gtin" for e in match["evidence"])

    # the main item and one small item per matched recall, under the decision's partition key
    items = dynamodb.query(
        TableName=decisions_table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": f"DECISION#{decision.decision_id}"}},
    )["Items"]
    assert sorted(i["sk"]["S"] for i in items) == ["DECISION", "RECALL#CPSC#24-101"]
    main = next(i for i in items if i["sk"]["S"] == "DECISION")
    assert main["listing_pk"]["S"] == "LISTING#L-block"
    assert main["seller_pk"]["S"] == "SELLER#S-1"
    assert main["verdict_pk"]["S"] == "VERDICT#block"
    assert main["decided_sk"]["S"] == f"{decision.decided_at}#{decision.decision_id}"
    recall_item = next(i for i in items if i["sk"]["S"] != "DECISION")
    assert "listing_pk" not in recall_item and "verdict_pk" not in recall_item  # GSIs stay exact


def test_all_items_of_a_decision_are_written_in_one_transaction(log, screener, calls):
    record(log, screener, BLOCKED)
    assert calls.names() == ["TransactWriteItems"]
    _, params = calls.calls[0]
    # The decision, its matched recall, and the listing's latest decision (live listings).
    assert len(params["TransactItems"]) == 3
    assert params["TransactItems"][-1]["Put"]["Item"]["sk"] == {"S": "LATEST"}
    assert params["ClientRequestToken"]  # a retry after a lost response cannot write twice


def test_a_decision_without_matches_or_seller_has_one_item(log, screener, dynamodb, decisions_table):
    fields = {k: v for k, v in CLEAN.items() if k != "seller_id"}
    decision = record(log, screener, fields)
    items = dynamodb.query(
        TableName=decisions_table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": f"DECISION#{decision.decision_id}"}},
    )["Items"]
    assert len(items) == 1 and "seller_pk" not in items[0]
    assert log.get(decision.decision_id).seller_id is None


def test_listing_history_newest_first_paginated_by_gsi(log, screener, calls):
    start = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    made = [record(log, screener, BLOCKED, at=start + timedelta(minutes=i)) for i in range(5)]
    record(log, screener, CLEAN, at=start)  # another listing: not in this history
    calls.clear()

    seen, cursor = [], None
    while True:
        page = log.listing_history("L-block", limit=2, cursor=cursor)
        seen.extend(r.decision_id for r in page.items)
        cursor = page.cursor
        if cursor is None:
            break
    assert seen == [d.decision_id for d in reversed(made)]
    assert set(calls.names()) == {"Query"}
    assert {params["IndexName"] for _, params in calls.calls} == {"by_listing"}
    assert all(params["ScanIndexForward"] is False for _, params in calls.calls)


def test_seller_decisions_by_gsi(log, screener, calls):
    blocked = record(log, screener, BLOCKED)
    other = record(log, screener, {**BLOCKED, "listing_id": "L-block-2"})
    record(log, screener, CLEAN)  # seller S-2
    calls.clear()
    page = log.seller_decisions("S-1")
    assert {r.decision_id for r in page.items} == {blocked.decision_id, other.decision_id}
    assert calls.names() == ["Query"] and calls.calls[0][1]["IndexName"] == "by_seller"


def test_every_listing_decided_against_a_recall_by_sparse_gsi(log, screener, calls):
    first = record(log, screener, BLOCKED)
    second = record(log, screener, {**BLOCKED, "listing_id": "L-block-2", "seller_id": "S-9"})
    record(log, screener, CLEAN)  # matched nothing: not in by_recall
    calls.clear()
    page = log.recall_decisions("CPSC", "24-101")
    hits = {h.decision_id: h for h in page.items}
    assert set(hits) == {first.decision_id, second.decision_id}
    assert hits[second.decision_id].listing_id == "L-block-2"
    assert hits[second.decision_id].seller_id == "S-9"
    assert hits[second.decision_id].decision == "block" and hits[second.decision_id].score == 1.0
    assert calls.names() == ["Query"] and calls.calls[0][1]["IndexName"] == "by_recall"
    assert log.recall_decisions("CPSC", "no-such-recall").items == []


def test_decisions_of_a_verdict_over_a_time_range_by_gsi(log, screener, calls):
    day = datetime(2025, 3, 1, tzinfo=UTC)
    early = record(log, screener, BLOCKED, at=day + timedelta(hours=1))
    inside = record(log, screener, {**BLOCKED, "listing_id": "L-2"}, at=day + timedelta(hours=5))
    late = record(log, screener, {**BLOCKED, "listing_id": "L-3"}, at=day + timedelta(hours=9))
    record(log, screener, CLEAN, at=day + timedelta(hours=5))  # allow: another queue
    calls.clear()

    page = log.verdict_decisions("block", since="2025-03-01T03:00:00Z", until="2025-03-01T08:00:00Z")
    assert [r.decision_id for r in page.items] == [inside.decision_id]
    everything = log.verdict_decisions("block")
    assert [r.decision_id for r in everything.items] == [
        early.decision_id,
        inside.decision_id,
        late.decision_id,
    ]
    since = log.verdict_decisions("block", since="2025-03-01T05:00:00Z")
    assert [r.decision_id for r in since.items] == [inside.decision_id, late.decision_id]
    assert set(calls.names()) == {"Query"}
    assert {params["IndexName"] for _, params in calls.calls} == {"by_verdict"}
    assert [r.decision for r in log.verdict_decisions("allow").items] == ["allow"]


def test_by_decision_id_is_a_get_item(log, screener, calls):
    decision = record(log, screener, BLOCKED)
    calls.clear()
    assert log.get(decision.decision_id).decision_id == decision.decision_id
    assert log.get("01NOSUCHDECISION0000000000") is None
    assert calls.names() == ["GetItem", "GetItem"]
    assert log.get_many([decision.decision_id, "missing"]).keys() == {decision.decision_id}


def test_no_access_pattern_scans(log, screener, calls):
    record(log, screener, BLOCKED)
    log.get("x")
    log.listing_history("L-block")
    log.seller_decisions("S-1")
    log.recall_decisions("CPSC", "24-101")
    log.verdict_decisions("review", since="2025-01-01T00:00:00Z", until="2030-01-01T00:00:00Z")
    assert "Scan" not in calls.names()


def test_tampered_cursors_are_refused(log, screener):
    for minute in range(3):
        record(log, screener, BLOCKED, at=datetime(2025, 3, 1, 12, minute, tzinfo=UTC))
    cursor = log.listing_history("L-block", limit=1).cursor
    assert cursor
    decode_cursor(cursor, index="by_listing", partition="LISTING#L-block")  # a genuine one is fine
    for bad in ["not base64 !!", "e30", cursor[:-3], cursor + "AAAA"]:
        with pytest.raises(InvalidCursor):
            log.listing_history("L-block", cursor=bad)
    with pytest.raises(InvalidCursor):  # another listing's cursor cannot be used to read this one
        log.listing_history("L-other", cursor=cursor)
    # A sort key over DynamoDB's 1,024 bytes: refused here (400), not by DynamoDB (a retryable 503).
    plain = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    long_sort_key = {**plain, "decided_sk": plain["decided_sk"] + "x" * 1_100}
    forged = base64.urlsafe_b64encode(json.dumps(long_sort_key).encode()).decode().rstrip("=")
    with pytest.raises(InvalidCursor):
        log.listing_history("L-block", cursor=forged)


def test_the_listing_kept_is_bounded(log, screener):
    fields = {**CLEAN, "description": "\U0001f600" * 10_000}  # 40 KB of UTF-8, the model's own limit
    decision = record(log, screener, fields)
    kept = log.get(decision.decision_id).listing
    assert len(json.dumps(kept, ensure_ascii=False).encode()) <= MAX_LISTING_BYTES


def test_a_failed_write_is_retried_then_raises(log, screener, monkeypatch):
    decision, listing = decide(screener, BLOCKED)
    attempts = []

    def failing(**kwargs: Any) -> None:
        attempts.append(kwargs["ClientRequestToken"])
        raise ClientError({"Error": {"Code": "InternalServerError", "Message": "boom"}}, "TransactWriteItems")

    monkeypatch.setattr(log.client, "transact_write_items", failing)
    with pytest.raises(DecisionNotRecorded):
        log.record(decision, listing, request_id="r", caller="c")
    assert len(attempts) == 2 and len(set(attempts)) == 1  # one app-level retry, same token
    monkeypatch.undo()
    assert log.get(decision.decision_id) is None


def test_a_write_whose_response_was_lost_is_recorded_not_refused(log, screener, monkeypatch):
    """DynamoDB commits, the response is lost (a client-side timeout), the retry with the same token
    fails its condition: the decision exists, so it is reported as recorded, once."""
    decision, listing = decide(screener, BLOCKED)
    real = log.client.transact_write_items
    attempts = []

    def commit_then_lose_the_response(**kwargs: Any) -> Any:
        attempts.append(kwargs["ClientRequestToken"])
        result = real(**kwargs)
        if len(attempts) == 1:
            raise ReadTimeoutError(endpoint_url="https://dynamodb.us-east-1.amazonaws.com")
        return result

    monkeypatch.setattr(log.client, "transact_write_items", commit_then_lose_the_response)
    recorded = log.record(decision, listing, request_id="r", caller="c")
    assert len(attempts) == 2  # the retry ran and hit the condition
    assert recorded == decision.model_dump_json()
    monkeypatch.undo()
    assert log.get(decision.decision_id).decision_json == recorded
    assert [r.decision_id for r in log.listing_history("L-block").items] == [decision.decision_id]


def test_a_different_decision_under_the_same_id_is_still_not_recorded(log, screener):
    decision, listing = decide(screener, BLOCKED)
    log.record(decision, listing, request_id="r", caller="c")
    other = decision.model_copy(update={"reasons": ["another decision that reused the id"]})
    with pytest.raises(DecisionNotRecorded):
        log.record(other, listing, request_id="r2", caller="c")
    assert log.get(decision.decision_id).decision_json == decision.model_dump_json()


def test_a_missing_table_raises_decision_not_recorded(dynamodb, screener):
    log = DecisionLog(dynamodb, "no-such-table")
    decision, listing = decide(screener, BLOCKED)
    with pytest.raises(DecisionNotRecorded):
        log.record(decision, listing, request_id="r", caller="c")


def test_idempotency_claim_replay_conflict_and_release(log, screener):
    assert log.claim("key-1", "k", fingerprint="f1", request_id="r1") is None  # claimed
    with pytest.raises(IdempotencyInProgress):
        log.claim("key-1", "k", fingerprint="f1", request_id="r2")
    with pytest.raises(IdempotencyConflict):
        log.claim("key-1", "k", fingerprint="f2", request_id="r2")
    # another caller's key of the same name is another key
    assert log.claim("key-2", "k", fingerprint="f9", request_id="r3") is None

    decision, listing = decide(screener, BLOCKED)
    log.record(
        decision,
        listing,
        request_id="r1",
        caller="key-1",
        idempotency=("key-1", "k", {"decision_id": decision.decision_id}),
    )
    replay = log.claim("key-1", "k", fingerprint="f1", request_id="r4")
    assert replay is not None and replay.state == "COMPLETED"
    assert replay.result == {"decision_id": decision.decision_id}

    log.release("key-2", "k", request_id="r3")
    assert log.get_idempotency("key-2", "k") is None
    log.release("key-1", "k", request_id="r1")  # a completed claim is never released
    assert log.get_idempotency("key-1", "k").state == "COMPLETED"


def test_an_abandoned_claim_is_taken_over_after_its_lock_expires(log):
    assert log.claim("c", "k", fingerprint="f", request_id="r1", now=1_000) is None
    with pytest.raises(IdempotencyInProgress):
        log.claim("c", "k", fingerprint="f", request_id="r2", now=1_030)
    assert log.claim("c", "k", fingerprint="f", request_id="r2", now=1_100) is None
    assert log.get_idempotency("c", "k").request_id == "r2"
