"""The decision table's layout: its keys and indexes, the records read from it, and the opaque
cursors that page through it. `decision_log.DecisionLog` reads and writes it; the item layout is
described there and declared in template.yaml (`DecisionsTable`)."""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from recall_screen.clock import parse_utc, utc_z
from recall_screen.models import Listing

log = logging.getLogger(__name__)

DECISION_SK = "DECISION"
IDEMPOTENCY_SK = "IDEMPOTENCY"
# The listing as screened is kept with the decision. Listing's own field limits bound it; this is
# the backstop that keeps an item far below DynamoDB's 400 KB limit whatever the model allows.
MAX_LISTING_BYTES = 64 * 1024
DEFAULT_PAGE = 20
MAX_PAGE = 100
# An in-progress idempotency claim older than this is taken over by the next retry (the claimant
# died): above the Lambda timeout (29 s), so a live request is never overtaken.
IDEMPOTENCY_LOCK_SECONDS = 60
# How long, at least, a key can be replayed: DynamoDB's TTL (template.yaml, `expires_at`) deletes
# the item some time after this; decision items never carry the attribute, so they never expire.
IDEMPOTENCY_TTL_SECONDS = 24 * 3600

INDEXES = {
    "by_listing": "listing_pk",
    "by_seller": "seller_pk",
    "by_recall": "recall_pk",
    "by_verdict": "verdict_pk",
}

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


class InvalidCursor(ValueError):
    """A pagination cursor that this log did not hand out for this query."""


# -- keys ---------------------------------------------------------------------------------------


def decision_pk(decision_id: str) -> str:
    return f"DECISION#{decision_id}"


def listing_pk(listing_id: str) -> str:
    return f"LISTING#{listing_id}"


def seller_pk(seller_id: str) -> str:
    return f"SELLER#{seller_id}"


def recall_pk(source: str, recall_id: str) -> str:
    return f"RECALL#{source}#{recall_id}"


def verdict_pk(verdict: str) -> str:
    return f"VERDICT#{verdict}"


def idempotency_pk(caller: str, key: str) -> str:
    return f"IDEMPOTENCY#{caller}#{key}"


def decided_sk(decided_at: str, decision_id: str) -> str:
    return f"{decided_at}#{decision_id}"


# -- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRecord:
    """One decision as the log keeps it."""

    decision_id: str
    listing_id: str
    seller_id: str | None
    decision: str  # the verdict
    decided_at: str
    index_version: str
    policy_version: str
    request_id: str
    caller: str
    recorded_at: str
    decision_json: str  # exactly what the API returned
    listing: dict[str, Any]  # the listing fields that were screened
    matched_recalls: list[str] = field(default_factory=list)  # "<source>#<recall_id>"

    @property
    def decision_body(self) -> dict[str, Any]:
        body: dict[str, Any] = json.loads(self.decision_json)
        return body

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> DecisionRecord:
        return cls(
            decision_id=item["decision_id"],
            listing_id=item["listing_id"],
            seller_id=item.get("seller_id"),
            decision=item["decision"],
            decided_at=item["decided_at"],
            index_version=item["index_version"],
            policy_version=item["policy_version"],
            request_id=item.get("request_id", ""),
            caller=item.get("caller", ""),
            recorded_at=item.get("recorded_at", ""),
            decision_json=item["decision_json"],
            listing=json.loads(item.get("listing_json") or "{}"),
            matched_recalls=list(item.get("matched_recalls") or []),
        )


@dataclass(frozen=True)
class RecallHit:
    """A listing decided against one recall (the small `by_recall` item)."""

    decision_id: str
    listing_id: str
    seller_id: str | None
    decision: str  # the decision's verdict
    match_verdict: str  # what this match alone called for
    score: float
    applicable: bool
    decided_at: str
    index_version: str

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> RecallHit:
        return cls(
            decision_id=item["decision_id"],
            listing_id=item["listing_id"],
            seller_id=item.get("seller_id"),
            decision=item["decision"],
            match_verdict=item["match_verdict"],
            score=float(item["score"]),
            applicable=bool(item["applicable"]),
            decided_at=item["decided_at"],
            index_version=item["index_version"],
        )


@dataclass(frozen=True)
class Page:
    items: list[Any]
    cursor: str | None  # opaque; pass back to get the next page, None at the end


def iso_ms(value: str | datetime) -> str:
    """A time as decisions write `decided_at` (UTC, milliseconds, `Z`), so range keys compare right."""
    return utc_z(parse_utc(value) if isinstance(value, str) else value)


def decided_in(
    hash_attr: str, partition: str, since: str | datetime | None, until: str | datetime | None
) -> tuple[str, dict[str, str], dict[str, Any]]:
    """(KeyConditionExpression, its names, its values) for the items of one GSI partition decided
    in [since, until): one condition on the range key at most, as DynamoDB allows. BETWEEN's
    upper bound keeps `until` out: a range key is `<decided_at>#<id>`, longer than the bare time,
    so one decided at it sorts above."""
    low, high = (iso_ms(since) if since else None), (iso_ms(until) if until else None)
    names = {"#h": hash_attr}
    values: dict[str, Any] = {":h": partition}
    condition = "#h = :h"
    if low and high:
        condition += " AND #r BETWEEN :since AND :until"
        values.update({":since": low, ":until": high})
    elif low:
        condition += " AND #r >= :since"
        values[":since"] = low
    elif high:
        condition += " AND #r < :until"
        values[":until"] = high
    if low or high:
        names["#r"] = "decided_sk"
    return condition, names, values


def bounded_listing(listing: Listing) -> str:
    fields = listing.model_dump(mode="json", exclude_none=True)
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > MAX_LISTING_BYTES and "description" in fields:
        fields["description"] = fields["description"][:1000]
        fields["_truncated"] = ["description"]
        text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return text


def to_ddb(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _serializer.serialize(v) for k, v in item.items() if v is not None}


def from_ddb(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _deserializer.deserialize(v) for k, v in item.items()}


def error_code(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        code: str = exc.response.get("Error", {}).get("Code", "")
        return code
    return ""


# -- cursors ------------------------------------------------------------------------------------


def encode_cursor(last_key: Mapping[str, Any]) -> str:
    plain = {k: _deserializer.deserialize(v) for k, v in last_key.items()}
    raw = json.dumps(plain, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, index: str, partition: str) -> dict[str, Any]:
    """The ExclusiveStartKey a cursor stands for, refusing one this query could not have made."""
    hash_attr = INDEXES[index]
    expected = {"pk", "sk", hash_attr, "decided_sk"}
    # DynamoDB's own limits on a key's attributes: 2,048 bytes a partition key, 1,024 a sort key. A
    # value over them is no key this table holds, and DynamoDB would refuse the query (a 503).
    most = {"pk": 2048, hash_attr: 2048, "sk": 1024, "decided_sk": 1024}
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        plain = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise InvalidCursor("cursor is not one this API handed out") from exc
    if (
        not isinstance(plain, dict)
        or set(plain) != expected
        or not all(isinstance(v, str) and 0 < len(v.encode()) <= most[k] for k, v in plain.items())
        or plain[hash_attr] != partition
        or not plain["pk"].startswith("DECISION#")
        or not (plain["sk"] == DECISION_SK or plain["sk"].startswith("RECALL#"))
    ):
        raise InvalidCursor("cursor is not one this API handed out for this query")
    return {k: _serializer.serialize(v) for k, v in plain.items()}
