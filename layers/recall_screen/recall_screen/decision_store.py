"""What screening needs from a decision log, and the failures a decision log reports.

`recall_screen.aws.decision_log.DecisionLog` (DynamoDB) is the log the API uses. These types live in
the domain so that `recall_screen.service` can screen, record and replay with any log without
importing boto3.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from recall_screen.models import Decision, Listing

# (caller, idempotency key, result): a claim to complete in the same write as a decision.
IdempotencyCompletion = tuple[str, str, dict[str, Any]]


class DecisionNotRecorded(RuntimeError):
    """The decision could not be written: it must not be returned (the API answers 503)."""


class IdempotencyConflict(RuntimeError):
    """The Idempotency-Key was used before with a different request."""


class IdempotencyInProgress(RuntimeError):
    """A request with this Idempotency-Key is still being processed."""


@dataclass(frozen=True)
class IdempotencyRecord:
    state: str  # "IN_PROGRESS" or "COMPLETED"
    fingerprint: str
    request_id: str
    result: dict[str, Any] | None  # set once COMPLETED


class StoredDecision(Protocol):
    """A decision as the log keeps it."""

    @property
    def decision_json(self) -> str:
        """The decision exactly as it was returned."""
        ...

    @property
    def decision_body(self) -> dict[str, Any]: ...


class DecisionStore(Protocol):
    """The calls screening makes on a decision log (see `recall_screen.aws.decision_log`)."""

    def record(
        self,
        decision: Decision,
        listing: Listing,
        *,
        request_id: str,
        caller: str,
        decision_json: str,
        idempotency: IdempotencyCompletion | None = None,
        also: Sequence[Mapping[str, Any]] = (),
    ) -> str:
        """Write the decision (and complete `idempotency` with it, atomically), or raise
        DecisionNotRecorded. `also`: the store's own further writes that keep the decision's
        consequences (`recall_screen.relisting.ListingMemory.writes_for`), in the same transaction."""
        ...

    def get(self, decision_id: str) -> StoredDecision | None: ...

    def get_many(self, decision_ids: Iterable[str]) -> Mapping[str, StoredDecision]: ...

    def claim(self, caller: str, key: str, *, fingerprint: str, request_id: str) -> IdempotencyRecord | None:
        """None: claimed, go ahead. A COMPLETED record of the same request: replay it. Raises
        IdempotencyConflict (another request's key) or IdempotencyInProgress."""
        ...

    def complete(self, caller: str, key: str, result: dict[str, Any], *, request_id: str) -> None: ...

    def release(self, caller: str, key: str, *, request_id: str) -> None: ...
