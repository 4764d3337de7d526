"""What the handler and adapter tests share: sample API Gateway events loaded from events/ and
varied per test, a Lambda context, a small recall index and the listings it decides on."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
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


def api_event(
    method: str,
    path: str,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    api_key_id: str | None = "k1a2b3c4d5",
    request_id: str | None = None,
    raw_body: str | None = None,
) -> dict[str, Any]:
    """events/screen-post.json varied: another method, path, body, headers or query string."""
    event = load_event("screen-post.json")
    event["httpMethod"] = method
    event["path"] = path
    event["resource"] = path
    event["requestContext"]["httpMethod"] = method
    event["requestContext"]["resourcePath"] = path
    event["requestContext"]["path"] = "/dev" + path
    event["requestContext"]["requestId"] = request_id or str(uuid.uuid4())
    event["requestContext"]["identity"]["apiKeyId"] = api_key_id
    if raw_body is not None:
        event["body"] = raw_body
    elif body is None:
        event["body"] = None
    else:
        event["body"] = json.dumps(body)
    for name, value in (headers or {}).items():
        event["headers"][name] = value
        event["multiValueHeaders"][name] = [value]
    if query:
        event["queryStringParameters"] = dict(query)
        event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()}
    return event


@dataclass
class FakeContext:
    """What powertools' Logger reads from a Lambda context."""

    function_name: str = "ScreenerFunction"
    memory_limit_in_mb: int = 1024
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:ScreenerFunction"
    aws_request_id: str = "00000000-0000-0000-0000-000000000000"

    def get_remaining_time_in_millis(self) -> int:
        return 29_000


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
