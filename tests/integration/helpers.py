"""What the handler and adapter tests share: the sample events in events/, a small recall index and
the listings it decides on, and readers of the handler's responses. (Events are varied, and Lambda
contexts made, by `recall_screen_cli.lambda_events`, as `recall-screen serve` and `demo` do.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from recall_screen.index import RecallIndex, SourceList
from recall_screen.live_index import IndexStatus
from recall_screen.models import Recall

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "events"
TABLE_NAME = "recall-screen-decisions-test"
REGION = "us-east-1"


def load_event(name: str) -> dict[str, Any]:
    """A sample event from events/ (a fresh copy each time, safe to vary)."""
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


def shape_of(value: Any) -> Any:
    """A JSON value's shape: its keys, nested, and the type of each leaf (a list by its first
    item), to hold a sample event to what a state machine really passes its function."""
    if isinstance(value, dict):
        return {key: shape_of(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape_of(value[0])] if value else []
    return type(value).__name__


# -- a small recall index -------------------------------------------------------------------------

RECALLS = [
    Recall(
        source="CPSC",
        recall_id="24-101",
        title="Acme Recalls ZoomKart Electric Ride-On Toys Due to Fire Hazard",
        product_names=["ZoomKart Electric Ride-On Toy"],
        brands=["Acme"],
        models=["ZK-2000X"],
        gtins=["00012345678905"],
        url="https://www.cpsc.gov/Recalls/2024/acme-recalls-zoomkart",
        hazard="The battery can overheat, posing a fire hazard.",
        remedy="Refund",
    ),
    Recall(
        source="CPSC",
        recall_id="24-202",
        title="Brightlite Recalls Nightglow Baby Monitors Due to Burn Hazard",
        product_names=["Nightglow Baby Monitor"],
        brands=["Brightlite"],
        models=["NG-77"],
        url="https://www.cpsc.gov/Recalls/2024/brightlite-recalls-nightglow",
        hazard="The monitor can overheat.",
        remedy="Replace",
    ),
]

# Listings whose decisions do not depend on tuning: an exact, check-digit-valid GTIN blocks; a
# listing sharing nothing with any recall is allowed.
BLOCKED = {
    "listing_id": "L-block",
    "title": "ZoomKart ride on toy for kids",
    "gtin": "0 12345 67890 5",
    "seller_id": "S-1",
    "ship_to": "US",
}
CLEAN = {
    "listing_id": "L-clean",
    "title": "Hand-carved wooden chess set",
    "seller_id": "S-2",
    "ship_to": "US",
}


def build_index(recalls: list[Recall] | None = None) -> RecallIndex:
    recalls = RECALLS if recalls is None else recalls
    sources = {
        "cpsc": SourceList(
            source="cpsc",
            file="recalls/cpsc/recalls.json",
            recalls=len(recalls),
            loaded_at="2025-03-01T12:00:00Z",
            regulators=["CPSC"],
        )
    }
    return RecallIndex.build(recalls, sources=sources)


class StaticIndex:
    """Stands in for LiveIndex: serves one index (or none), with the same kind of `status()`."""

    def __init__(self, index: RecallIndex | None) -> None:
        self.index = index

    def current(self) -> RecallIndex | None:
        return self.index

    def status(self) -> IndexStatus:
        loaded = self.index is not None
        return IndexStatus.of(
            self.index,
            loaded_at="2025-03-01T12:00:01Z" if loaded else None,
            last_check="2025-03-01T12:00:01Z",
            last_error=None if loaded else "no index published yet (index/current.json is missing)",
            refresh_seconds=60.0,
        )


def body_of(response: dict[str, Any]) -> Any:
    return json.loads(response["body"])


def header(response: dict[str, Any], name: str) -> str | None:
    for key, values in (response.get("multiValueHeaders") or {}).items():
        if key.lower() == name.lower():
            return values[-1]
    for key, value in (response.get("headers") or {}).items():
        if key.lower() == name.lower():
            return value
    return None
