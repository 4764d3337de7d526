"""Screen → record → replay: the use case behind the screening API, with no HTTP in it.

A decision is returned only once it is recorded: `screen_one` raises `DecisionNotRecorded` when
the decision log cannot keep it. A request may carry an idempotency key: `idempotent()` claims it,
and a retry of a completed request replays the recorded result instead of deciding again.

    screening = Screening(store, Requester(request_id, caller), observer)
    with screening.idempotent(key, fingerprint) as claim:
        if claim.replay is not None:
            return screening.replay_one(claim.replay)
        decision_json = screening.screen_one(screener, listing, claim)

Any entry point (the API, a batch worker, a re-screen job) can call it with a decision store
(`recall_screen.decision_store.DecisionStore`; in AWS `recall_screen.aws.decision_log.DecisionLog`)
and, to count and log what it does, a `ScreeningObserver`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from recall_screen.decision_store import (
    DecisionNotRecorded,
    DecisionStore,
    IdempotencyCompletion,
    IdempotencyRecord,
)
from recall_screen.models import MAX_ID, Decision, Listing
from recall_screen.relisting import ListingMemory, apply_memory
from recall_screen.screening import Screener


@dataclass(frozen=True)
class Requester:
    """Who asks, in which request: both are recorded with each decision."""

    request_id: str
    caller: str  # e.g. the API key's id; idempotency keys are the caller's own


class ScreeningObserver:
    """What screening reports as it goes, for metrics and logs. This one reports nothing."""

    def screened(self, decision: Decision, elapsed_ms: float) -> None:
        """A decision was made (not yet recorded)."""

    def recorded(self, decision: Decision) -> None:
        """The decision is recorded and may be returned."""

    def not_recorded(self, listing: Listing) -> None:
        """The listing's decision could not be recorded; called while handling DecisionNotRecorded."""

    def completion_failed(self) -> None:
        """A claim could not be completed (it expires, and a retry decides again); called while
        handling the exception."""


SILENT = ScreeningObserver()


# -- batches ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """A listing of a batch, decided and recorded."""

    position: int
    listing_id: str
    decision: dict[str, Any]  # as recorded


@dataclass(frozen=True)
class Invalid:
    """A listing of a batch that is not a valid Listing: it gets its own error, the others go on."""

    position: int
    listing_id: str | None  # when it had a usable one
    errors: list[ErrorDetails]  # pydantic's, located within the listing


@dataclass(frozen=True)
class Unrecorded:
    """A valid listing of a batch whose decision could not be recorded (or that was not screened
    once the log had failed): it is not returned; send it again."""

    position: int
    listing_id: str


BatchOutcome = Recorded | Invalid | Unrecorded


def _usable_id(raw: Any) -> str | None:
    listing_id = raw.get("listing_id") if isinstance(raw, dict) else None
    return listing_id if isinstance(listing_id, str) and 0 < len(listing_id) <= MAX_ID else None


# -- idempotency -----------------------------------------------------------------------------------


class Claim:
    """An idempotency key claimed for one request, or no key at all (then nothing is kept).

    `replay` is set when an earlier request with this key and the same fingerprint completed: the
    caller returns its result. Otherwise the request goes ahead, and what a retry will replay is
    kept either with the decision, in the same write (`completion`), or afterwards (`keep`)."""

    def __init__(self, store: DecisionStore, requester: Requester, key: str | None, fingerprint: str) -> None:
        self.store = store
        self.requester = requester
        self.key = key
        self.replay: IdempotencyRecord | None = None
        self.kept: dict[str, Any] | None = None
        if key is not None:
            self.replay = store.claim(
                requester.caller, key, fingerprint=fingerprint, request_id=requester.request_id
            )

    @property
    def active(self) -> bool:
        """Claimed by this request, not completed yet."""
        return self.key is not None and self.replay is None

    def completion(self, result: dict[str, Any]) -> IdempotencyCompletion | None:
        """The completion to write with a decision (`DecisionStore.record(idempotency=...)`)."""
        if self.key is None or not self.active:
            return None
        return (self.requester.caller, self.key, result)

    def keep(self, result: dict[str, Any]) -> None:
        """What a retry will replay, written when the request ends (`Screening.idempotent`)."""
        self.kept = result

    def release(self) -> None:
        """Give the key up (the request failed, nothing to replay), so a retry starts afresh."""
        if self.key is not None and self.active:
            self.store.release(self.requester.caller, self.key, request_id=self.requester.request_id)


# -- the use case ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Screening:
    """Screening for one request: decisions recorded in `store` under `requester`."""

    store: DecisionStore
    requester: Requester
    observer: ScreeningObserver = SILENT
    # Verdicts and blocked listings remembered (recall_screen.relisting); None: the text alone.
    memory: ListingMemory | None = None

    @contextmanager
    def idempotent(self, key: str | None, fingerprint: str) -> Iterator[Claim]:
        """Claim `key` (None: no key) for the request `fingerprint` names, and run the body.

        The body replays `claim.replay` when it is set. When the body raises, the key is
        released, so a retry starts afresh; when it ends, a result it kept is written. Raises
        IdempotencyConflict or IdempotencyInProgress (from the store) instead of claiming."""
        claim = Claim(self.store, self.requester, key, fingerprint)
        try:
            yield claim
        except Exception:
            claim.release()
            raise
        if claim.kept is not None and claim.key is not None and claim.active:
            try:
                self.store.complete(
                    self.requester.caller, claim.key, claim.kept, request_id=self.requester.request_id
                )
            except Exception:  # the decisions are recorded; the claim expires and a retry re-screens
                self.observer.completion_failed()

    def screen_one(self, screener: Screener, listing: Listing, claim: Claim | None = None) -> str:
        """Screen and record one listing; the decision JSON, exactly as recorded. An active claim
        is completed in the same write. Raises DecisionNotRecorded."""
        started = time.perf_counter()
        decision = screener.screen(listing)
        also: list[Mapping[str, Any]] = []
        if self.memory is not None:
            try:
                consultation = self.memory.consult(listing)
            except DecisionNotRecorded:  # the memory is in the log's table: neither can be reached
                self.observer.not_recorded(listing)
                raise
            decision = apply_memory(
                decision,
                listing,
                consultation.recollection,
                scope=lambda source, recall_id: screener.recall_scope(source, recall_id, listing.ship_to),
            )
            also = self.memory.writes_for(decision, listing, consultation)
        self.observer.screened(decision, (time.perf_counter() - started) * 1000)
        decision_json = decision.model_dump_json()
        completion = claim.completion({"decision_id": decision.decision_id}) if claim else None
        try:
            self.store.record(
                decision,
                listing,
                request_id=self.requester.request_id,
                caller=self.requester.caller,
                decision_json=decision_json,
                idempotency=completion,
                also=also,
            )
        except DecisionNotRecorded:
            self.observer.not_recorded(listing)
            raise
        self.observer.recorded(decision)
        return decision_json

    def screen_many(self, screener: Screener, listings: Sequence[Any]) -> list[BatchOutcome]:
        """One outcome per listing, in order. Once the log fails, the remaining valid listings are
        not screened (nothing more that could not be recorded). Raises DecisionNotRecorded when
        the log failed before recording any of them."""
        outcomes: list[BatchOutcome] = []
        failed = False
        for position, raw in enumerate(listings):
            try:
                listing = Listing.model_validate(raw)
            except ValidationError as exc:
                outcomes.append(Invalid(position, _usable_id(raw), exc.errors()))
                continue
            if failed:
                outcomes.append(Unrecorded(position, listing.listing_id))
                continue
            try:
                decision_json = self.screen_one(screener, listing)
            except DecisionNotRecorded:
                failed = True
                outcomes.append(Unrecorded(position, listing.listing_id))
                continue
            outcomes.append(Recorded(position, listing.listing_id, json.loads(decision_json)))
        if failed and not any(isinstance(outcome, Recorded) for outcome in outcomes):
            # Nothing was recorded: the request fails as a whole, and its key is released.
            raise DecisionNotRecorded("no decision of the batch could be recorded")
        return outcomes

    def replay_one(self, record: IdempotencyRecord) -> str:
        """The decision JSON a completed single-listing request returned."""
        decision_id = (record.result or {}).get("decision_id", "")
        stored = self.store.get(decision_id)
        if stored is None:
            raise RuntimeError(f"idempotency record names decision {decision_id}, which is missing")
        return stored.decision_json

    def replay_many(self, record: IdempotencyRecord) -> list[Recorded | dict[str, Any]]:
        """A completed batch's results again, in order: each recorded decision read back from the
        log, every other entry as it was answered (see `kept_batch`)."""
        kept = (record.result or {}).get("results", [])
        stored = self.store.get_many(ref["decision_id"] for ref in kept if "decision_id" in ref)
        results: list[Recorded | dict[str, Any]] = []
        for position, ref in enumerate(kept):
            if "entry" in ref:
                results.append(ref["entry"])
                continue
            found = stored.get(ref["decision_id"])
            if found is None:
                raise RuntimeError(
                    f"idempotency record names decision {ref['decision_id']}, which is missing"
                )
            decision = found.decision_body
            results.append(Recorded(position, decision["listing_id"], decision))
        return results


def kept_batch(outcomes: Sequence[BatchOutcome], entries: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What a batch keeps for a retry to replay (`Claim.keep`), given the entry answered for each
    outcome: each recorded decision by its id (`replay_many` reads it back from the log), every
    other entry as it was answered."""
    return {
        "results": [
            {"decision_id": outcome.decision["decision_id"]}
            if isinstance(outcome, Recorded)
            else {"entry": entry}
            for outcome, entry in zip(outcomes, entries, strict=True)
        ]
    }
