"""The re-screen after a list change, on the embedded AWS (`recall-screen serve`): in AWS the index
builder starts the state machine; here the drop poller runs the same worker code in-process, over
every shard, once a drop publishes a version, and the `listing.decision.changed` events are printed
on stderr, one JSON line each (`event: {...}`), as the bus would deliver them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.index_store import IndexStore
from recall_screen.aws.live_listings import LIVE_SHARDS, LiveListings
from recall_screen.aws.rescreen_run import RescreenRun
from recall_screen.aws.review_store import ReviewStore
from recall_screen.rescreen import EVENT_DETAIL_TYPE, EVENT_SOURCE, DecisionChanged, RescreenCounts

PUBLISHING = ("accepted", "withdrawn")


class PrintedEvents:
    """An event sink that prints each event as EventBridge would deliver its envelope's core."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, events: Sequence[DecisionChanged]) -> list[DecisionChanged]:
        stream = self.stream or sys.stderr
        for event in events:
            envelope = {"source": EVENT_SOURCE, "detail-type": EVENT_DETAIL_TYPE, "detail": event.detail()}
            print(f"event: {json.dumps(envelope, separators=(',', ':'))}", file=stream, flush=True)
        return list(events)


def rescreen_published(aws: Any, answer: dict[str, Any], *, stream: TextIO | None = None) -> RescreenCounts:
    """Re-screen the live listings for each version the index builder's `answer` published."""
    total = RescreenCounts()
    versions = [
        r["index_version"]
        for r in answer.get("results", [])
        if r.get("outcome") in PUBLISHING and r.get("index_version")
    ]
    if not versions:
        return total
    dynamodb = aws.client("dynamodb")
    log = DecisionLog(dynamodb, aws.table)
    run = RescreenRun(
        IndexStore(aws.client("s3"), aws.bucket),
        LiveListings(dynamodb, aws.table),
        log,
        PrintedEvents(stream),
        memory=ReviewStore(log),
    )
    for version in dict.fromkeys(versions):
        total.add(run.removed(version))
        total.add(run.shards(version, range(LIVE_SHARDS)))
    return total
