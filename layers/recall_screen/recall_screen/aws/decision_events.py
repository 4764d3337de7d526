"""`listing.decision.changed` events on the EventBridge bus (`DecisionEventBus` in template.yaml).

    events = DecisionEvents(boto3.client("events"), bus_name)
    events.send([change.event for change in recorded])   # raises EventsNotSent for what failed

PutEvents takes 10 entries a call and may reject some of them (throttling): those are sent again,
a few times with backoff, and what still fails raises `EventsNotSent`, naming the listings, so the
caller leaves those events pending and its retry sends them (an event may then arrive twice: its
`decision_id` is the key a consumer deduplicates on).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from typing import Any, Protocol

from recall_screen.rescreen import EVENT_DETAIL_TYPE, EVENT_SOURCE, DecisionChanged

log = logging.getLogger(__name__)

ENTRIES_PER_CALL = 10


class EventSink(Protocol):
    """Where a re-screen's events go: the bus (`DecisionEvents`), or a local run's output."""

    def send(self, events: Sequence[DecisionChanged]) -> list[DecisionChanged]:
        """Deliver every event, or raise (they stay pending for a retry)."""
        ...


class EventsNotSent(RuntimeError):
    """Some events could not be put on the bus after retries."""


class DecisionEvents:
    def __init__(self, client: Any, bus_name: str, *, attempts: int = 3) -> None:
        if not bus_name:
            raise ValueError("DecisionEvents needs the event bus name (RECALL_SCREEN_EVENT_BUS)")
        self.client = client
        self.bus_name = bus_name
        self.attempts = attempts

    def entry(self, event: DecisionChanged) -> dict[str, Any]:
        return {
            "Source": EVENT_SOURCE,
            "DetailType": EVENT_DETAIL_TYPE,
            "Detail": json.dumps(event.detail(), separators=(",", ":")),
            "EventBusName": self.bus_name,
        }

    def send(self, events: Sequence[DecisionChanged]) -> list[DecisionChanged]:
        """Put every event on the bus; returns them once all are accepted. Raises EventsNotSent."""
        failed: list[DecisionChanged] = []
        for start in range(0, len(events), ENTRIES_PER_CALL):
            failed += self._send_chunk(list(events[start : start + ENTRIES_PER_CALL]))
        if failed:
            names = ", ".join(e.listing_id for e in failed[:10])
            raise EventsNotSent(f"{len(failed)} event(s) not accepted by {self.bus_name}: {names}")
        return list(events)

    def _send_chunk(self, chunk: list[DecisionChanged]) -> list[DecisionChanged]:
        for attempt in range(1, self.attempts + 1):
            response = self.client.put_events(Entries=[self.entry(e) for e in chunk])
            if not response.get("FailedEntryCount"):
                return []
            results = response.get("Entries", [])
            chunk = [event for event, result in zip(chunk, results, strict=True) if result.get("ErrorCode")]
            log.warning("%d event(s) rejected (attempt %d/%d)", len(chunk), attempt, self.attempts)
            time.sleep(0.1 * attempt)
        return chunk
