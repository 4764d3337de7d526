"""The screening use case without HTTP (`recall_screen.service`), as a batch worker or a re-screen
job would call it: the real decision log on moto, the helpers' small index."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from helpers import BLOCKED, CLEAN, build_index
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.decision_store import DecisionNotRecorded, IdempotencyConflict
from recall_screen.models import Decision, Listing
from recall_screen.screening import Screener
from recall_screen.service import (
    Invalid,
    Recorded,
    Requester,
    Screening,
    ScreeningObserver,
    Unrecorded,
    kept_batch,
)


class Seen(ScreeningObserver):
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def screened(self, decision: Decision, elapsed_ms: float) -> None:
        self.events.append(("screened", decision.listing_id))

    def recorded(self, decision: Decision) -> None:
        self.events.append(("recorded", decision.listing_id))

    def not_recorded(self, listing: Listing) -> None:
        assert sys.exc_info()[0] is DecisionNotRecorded
        self.events.append(("not_recorded", listing.listing_id))


@pytest.fixture
def log(dynamodb: Any, decisions_table: str) -> DecisionLog:
    return DecisionLog(dynamodb, decisions_table)


@pytest.fixture
def screener() -> Screener:
    return Screener(build_index())


def screening(
    log: DecisionLog, request_id: str = "req-1", observer: ScreeningObserver | None = None
) -> Screening:
    return Screening(log, Requester(request_id, "worker-1"), observer or ScreeningObserver())


def test_a_decision_is_recorded_before_it_is_returned(log, screener):
    seen = Seen()
    decision_json = screening(log, observer=seen).screen_one(screener, Listing.model_validate(BLOCKED))
    decision = json.loads(decision_json)
    stored = log.get(decision["decision_id"])
    assert stored is not None and stored.decision_json == decision_json
    assert stored.request_id == "req-1" and stored.caller == "worker-1"
    assert seen.events == [("screened", "L-block"), ("recorded", "L-block")]


def test_a_key_replays_the_first_answer_and_records_once(log, screener, dynamodb, decisions_table):
    listing = Listing.model_validate(BLOCKED)
    first = screening(log, "req-1")
    with first.idempotent("job-7", "fingerprint-a") as claim:
        assert claim.replay is None
        answered = first.screen_one(screener, listing, claim)

    again = screening(log, "req-2")
    with again.idempotent("job-7", "fingerprint-a") as claim:
        assert claim.replay is not None
        assert again.replay_one(claim.replay) == answered
    items = dynamodb.scan(TableName=decisions_table)["Items"]
    assert sum(1 for item in items if item["sk"]["S"] == "DECISION") == 1

    with pytest.raises(IdempotencyConflict), screening(log, "req-3").idempotent("job-7", "fingerprint-b"):
        pass


def test_a_failed_body_releases_its_key(log, screener):
    with pytest.raises(RuntimeError, match="no index"), screening(log, "req-1").idempotent("job-8", "f"):
        raise RuntimeError("no index")
    with screening(log, "req-2").idempotent("job-8", "f") as claim:  # claimed afresh, not in progress
        assert claim.replay is None and claim.active


def test_a_batch_answers_each_listing_and_replays_what_it_kept(log, screener):
    listings = [BLOCKED, {"listing_id": "L-bad", "title": ""}, "not a listing", CLEAN]
    first = screening(log, "req-1")
    with first.idempotent("batch-1", "f") as claim:
        outcomes = first.screen_many(screener, listings)
        entries = [{"answered": position} for position in range(len(outcomes))]
        claim.keep(kept_batch(outcomes, entries))
    assert [type(outcome) for outcome in outcomes] == [Recorded, Invalid, Invalid, Recorded]
    assert [outcome.listing_id for outcome in outcomes] == ["L-block", "L-bad", None, "L-clean"]
    invalid = outcomes[1]
    assert isinstance(invalid, Invalid) and [e["loc"] for e in invalid.errors] == [("title",)]

    again = screening(log, "req-2")
    with again.idempotent("batch-1", "f") as claim:
        assert claim.replay is not None
        replayed = again.replay_many(claim.replay)
    assert replayed == [outcomes[0], {"answered": 1}, {"answered": 2}, outcomes[3]]


def test_once_the_log_fails_a_batch_screens_nothing_more(log, screener, monkeypatch):
    real, writes = log.record, []

    def second_write_fails(*args: Any, **kwargs: Any) -> str:
        writes.append(1)
        if len(writes) == 2:
            raise DecisionNotRecorded("simulated")
        return real(*args, **kwargs)

    monkeypatch.setattr(log, "record", second_write_fails)
    seen = Seen()
    listings = [BLOCKED, {**BLOCKED, "listing_id": "L-2"}, {**CLEAN, "listing_id": "L-3"}]
    outcomes = screening(log, observer=seen).screen_many(screener, listings)
    assert [type(outcome) for outcome in outcomes] == [Recorded, Unrecorded, Unrecorded]
    assert len(writes) == 2
    assert ("not_recorded", "L-2") in seen.events and ("screened", "L-3") not in seen.events


def test_a_batch_that_recorded_nothing_fails_as_a_whole(log, screener, monkeypatch):
    def fails(*args: Any, **kwargs: Any) -> str:
        raise DecisionNotRecorded("simulated")

    monkeypatch.setattr(log, "record", fails)
    with pytest.raises(DecisionNotRecorded):
        screening(log).screen_many(screener, [{"listing_id": "L-bad"}, BLOCKED])


def test_the_service_imports_neither_http_nor_boto3():
    code = (
        "import sys; import recall_screen.service; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('boto3', 'botocore', 'aws_lambda_powertools', 'screener')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
