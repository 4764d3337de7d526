"""The decision log: every decision the API returned, kept in DynamoDB for the auditor.

    log = DecisionLog(boto3.client("dynamodb"), table_name)   # client (or resource/Table) passed in
    log.record(decision, listing, request_id=..., caller=...)  # all items of one decision, atomically
    log.get(decision_id)                                       # the record; .decision_json is the
                                                               # decision exactly as returned

Item layout (keys and indexes are declared in template.yaml, `DecisionsTable`):

  decision item        pk=`DECISION#<decision_id>`  sk=`DECISION`
                       listing_pk=`LISTING#<listing_id>`   (GSI by_listing)
                       seller_pk=`SELLER#<seller_id>`      (GSI by_seller; only with a seller)
                       verdict_pk=`VERDICT#<verdict>`      (GSI by_verdict)
                       decided_sk=`<decided_at>#<decision_id>` (the range key of every GSI)
  matched-recall item  pk=`DECISION#<decision_id>`  sk=`RECALL#<source>#<recall_id>`
                       recall_pk=`RECALL#<source>#<recall_id>`, decided_sk (GSI by_recall, sparse)
  idempotency item     pk=`IDEMPOTENCY#<caller>#<key>`  sk=`IDEMPOTENCY` (in no GSI)
                       expires_at=<epoch seconds>: the table's TTL attribute, on these items only

Access patterns, each a GetItem or a Query on the table or one GSI, never a Scan:
by decision id (GetItem), a listing's history (`by_listing`, newest first, paginated), a seller's
decisions (`by_seller`), every listing decided against a recall (`by_recall`), decisions of one
verdict over a time range (`by_verdict`: the review queue).

The decision is stored as the JSON string the API returned (`decision_json`), so reading it back
gives the same bytes, with no float/Decimal round trip. A decision's items are written in one
TransactWriteItems (its ClientRequestToken is the decision id, so a retry after a lost response
cannot write twice); a write that still fails after botocore's retries and one more attempt
raises `DecisionNotRecorded`, and the caller must not return the decision as if it were kept.
The failures it reports and the calls screening makes are declared in the domain
(`recall_screen.decision_store`), so the screening service needs no boto3.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import BotoCoreError, ClientError

from recall_screen.clock import parse_utc, utc_z
from recall_screen.decision_store import (
    DecisionNotRecorded,
    IdempotencyConflict,
    IdempotencyInProgress,
    IdempotencyRecord,
)
from recall_screen.models import Decision, Listing

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


def _bounded_listing(listing: Listing) -> str:
    fields = listing.model_dump(mode="json", exclude_none=True)
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > MAX_LISTING_BYTES and "description" in fields:
        fields["description"] = fields["description"][:1000]
        fields["_truncated"] = ["description"]
        text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return text


def _to_ddb(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _serializer.serialize(v) for k, v in item.items() if v is not None}


def _from_ddb(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _deserializer.deserialize(v) for k, v in item.items()}


def _error_code(exc: Exception) -> str:
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
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        plain = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise InvalidCursor("cursor is not one this API handed out") from exc
    if (
        not isinstance(plain, dict)
        or set(plain) != expected
        or not all(isinstance(v, str) and 0 < len(v) <= 2048 for v in plain.values())
        or plain[hash_attr] != partition
        or not plain["pk"].startswith("DECISION#")
        or not (plain["sk"] == DECISION_SK or plain["sk"].startswith("RECALL#"))
    ):
        raise InvalidCursor("cursor is not one this API handed out for this query")
    return {k: _serializer.serialize(v) for k, v in plain.items()}


# -- the log ------------------------------------------------------------------------------------


class DecisionLog:
    """The decisions table. `table` is a boto3 DynamoDB client, or a resource / Table (its client
    is used). The client is made by the caller (after moto starts, in tests), never here."""

    def __init__(self, table: Any, table_name: str | None = None, *, retries: int = 1) -> None:
        client = getattr(getattr(table, "meta", None), "client", None)
        self.client = client if client is not None else table
        name = table_name or getattr(table, "name", None)
        if not name:
            raise ValueError("DecisionLog needs the table's name (RECALL_SCREEN_DECISIONS_TABLE)")
        self.table_name = name
        self.retries = retries

    # -- writing --------------------------------------------------------------------------------

    def items_for(
        self, decision: Decision, listing: Listing, *, request_id: str, caller: str, decision_json: str
    ) -> list[dict[str, Any]]:
        """The plain items one decision is recorded as (the main item first)."""
        sk = decided_sk(decision.decided_at, decision.decision_id)
        matched = [f"{m.source}#{m.recall_id}" for m in decision.matches]
        main = {
            "pk": decision_pk(decision.decision_id),
            "sk": DECISION_SK,
            "listing_pk": listing_pk(decision.listing_id),
            "seller_pk": seller_pk(listing.seller_id) if listing.seller_id else None,
            "verdict_pk": verdict_pk(decision.decision.value),
            "decided_sk": sk,
            "decision_id": decision.decision_id,
            "listing_id": decision.listing_id,
            "seller_id": listing.seller_id or None,
            "decision": decision.decision.value,
            "decided_at": decision.decided_at,
            "index_version": decision.index_version,
            "policy_version": decision.policy_version,
            "request_id": request_id,
            "caller": caller,
            "recorded_at": utc_z(),
            "decision_json": decision_json,
            "listing_json": _bounded_listing(listing),
            "matched_recalls": matched or None,
        }
        items: list[dict[str, Any]] = [main]
        seen: set[str] = set()
        for m in decision.matches:
            key = recall_pk(m.source, m.recall_id)
            if key in seen:
                continue
            seen.add(key)
            items.append(
                {
                    "pk": decision_pk(decision.decision_id),
                    "sk": key,
                    "recall_pk": key,
                    "decided_sk": sk,
                    "decision_id": decision.decision_id,
                    "listing_id": decision.listing_id,
                    "seller_id": listing.seller_id or None,
                    "decision": decision.decision.value,
                    "match_verdict": m.verdict.value,
                    "score": Decimal(str(m.score)),
                    "applicable": m.applicable,
                    "decided_at": decision.decided_at,
                    "index_version": decision.index_version,
                }
            )
        return items

    def record(
        self,
        decision: Decision,
        listing: Listing,
        *,
        request_id: str,
        caller: str,
        decision_json: str | None = None,
        idempotency: tuple[str, str, dict[str, Any]] | None = None,
    ) -> str:
        """Write the decision's items in one transaction; returns the JSON string recorded.

        `idempotency` = (caller, key, result): the claim made by `claim()` is completed in the same
        transaction, so either both the decision and the completed claim exist, or neither.
        Raises DecisionNotRecorded when the write fails after retries."""
        decision_json = decision_json or decision.model_dump_json()
        items = self.items_for(
            decision, listing, request_id=request_id, caller=caller, decision_json=decision_json
        )
        transact: list[dict[str, Any]] = []
        for position, item in enumerate(items):
            put: dict[str, Any] = {"TableName": self.table_name, "Item": _to_ddb(item)}
            if position == 0:
                put["ConditionExpression"] = "attribute_not_exists(pk)"
            transact.append({"Put": put})
        if idempotency is not None:
            transact.append({"Update": self._complete_update(*idempotency, request_id=request_id)})
        try:
            self._transact(transact, token=decision.decision_id)
        except DecisionNotRecorded:
            if self._already_recorded(decision.decision_id, decision_json):
                return decision_json
            raise
        return decision_json

    def _already_recorded(self, decision_id: str, decision_json: str) -> bool:
        """Whether this very decision is in the table: a write whose response was lost (a client
        timeout after DynamoDB committed) fails its retry on the condition, yet is recorded. Only a
        decision that is not in the table may be reported as not recorded."""
        try:
            existing = self.get(decision_id)
        except (ClientError, BotoCoreError) as exc:
            log.warning("decision %s: could not read back after a failed write: %s", decision_id, exc)
            return False
        return existing is not None and existing.decision_json == decision_json

    def _transact(self, transact: list[dict[str, Any]], *, token: str) -> None:
        attempts = 1 + self.retries
        for attempt in range(1, attempts + 1):
            try:
                self.client.transact_write_items(TransactItems=transact, ClientRequestToken=token)
                return
            except (ClientError, BotoCoreError) as exc:
                if _error_code(exc) == "TransactionCanceledException":
                    reasons = exc.response.get("CancellationReasons") or []
                    codes = [r.get("Code") for r in reasons]
                    if "ConditionalCheckFailed" in codes:
                        # A decision id collision or a claim taken over: retrying cannot help.
                        raise DecisionNotRecorded(f"decision {token} not recorded: {codes}") from exc
                log.warning("decision %s write failed (attempt %d/%d): %s", token, attempt, attempts, exc)
                if attempt == attempts:
                    raise DecisionNotRecorded(f"decision {token} not recorded: {exc}") from exc
                time.sleep(0.05 * attempt)

    # -- reading --------------------------------------------------------------------------------

    def get(self, decision_id: str) -> DecisionRecord | None:
        response = self.client.get_item(
            TableName=self.table_name,
            Key=_to_ddb({"pk": decision_pk(decision_id), "sk": DECISION_SK}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        return DecisionRecord.from_item(_from_ddb(item)) if item else None

    def get_many(self, decision_ids: Iterable[str]) -> dict[str, DecisionRecord]:
        """Records by id (BatchGetItem, 100 keys a call); ids not found are left out."""
        wanted = list(dict.fromkeys(decision_ids))
        found: dict[str, DecisionRecord] = {}
        for start in range(0, len(wanted), 100):
            keys = [_to_ddb({"pk": decision_pk(i), "sk": DECISION_SK}) for i in wanted[start : start + 100]]
            request = {self.table_name: {"Keys": keys, "ConsistentRead": True}}
            for _ in range(10):
                response = self.client.batch_get_item(RequestItems=request)
                for item in response.get("Responses", {}).get(self.table_name, []):
                    record = DecisionRecord.from_item(_from_ddb(item))
                    found[record.decision_id] = record
                request = response.get("UnprocessedKeys") or {}
                if not request:
                    break
                time.sleep(0.05)
        return found

    def _query(
        self,
        index: str,
        partition: str,
        *,
        limit: int,
        cursor: str | None,
        newest_first: bool = True,
        since: str | datetime | None = None,
        until: str | datetime | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        hash_attr = INDEXES[index]
        limit = max(1, min(int(limit), MAX_PAGE))
        since = iso_ms(since) if since else None
        until = iso_ms(until) if until else None
        names = {"#h": hash_attr}
        values: dict[str, Any] = {":h": partition}
        condition = "#h = :h"
        if since and until:
            condition += " AND #r BETWEEN :since AND :until"
            values.update({":since": since, ":until": until})
        elif since:
            condition += " AND #r >= :since"
            values[":since"] = since
        elif until:
            condition += " AND #r < :until"
            values[":until"] = until
        if since or until:
            names["#r"] = "decided_sk"
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": index,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": _to_ddb(values),
            "ScanIndexForward": not newest_first,
            "Limit": limit,
        }
        if cursor:
            kwargs["ExclusiveStartKey"] = decode_cursor(cursor, index=index, partition=partition)
        response = self.client.query(**kwargs)
        items = [_from_ddb(item) for item in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        return items, encode_cursor(last) if last else None

    def listing_history(
        self, listing_id: str, *, limit: int = DEFAULT_PAGE, cursor: str | None = None
    ) -> Page:
        """The listing's decisions, newest first (GSI by_listing)."""
        items, next_cursor = self._query("by_listing", listing_pk(listing_id), limit=limit, cursor=cursor)
        return Page([DecisionRecord.from_item(i) for i in items], next_cursor)

    def seller_decisions(
        self, seller_id: str, *, limit: int = DEFAULT_PAGE, cursor: str | None = None
    ) -> Page:
        """A seller's decisions, newest first (GSI by_seller)."""
        items, next_cursor = self._query("by_seller", seller_pk(seller_id), limit=limit, cursor=cursor)
        return Page([DecisionRecord.from_item(i) for i in items], next_cursor)

    def recall_decisions(
        self, source: str, recall_id: str, *, limit: int = DEFAULT_PAGE, cursor: str | None = None
    ) -> Page:
        """Every listing decided against one recall, newest first (GSI by_recall, sparse)."""
        items, next_cursor = self._query(
            "by_recall", recall_pk(source, recall_id), limit=limit, cursor=cursor
        )
        return Page([RecallHit.from_item(i) for i in items], next_cursor)

    def verdict_decisions(
        self,
        verdict: str,
        *,
        since: str | datetime | None = None,
        until: str | datetime | None = None,
        limit: int = DEFAULT_PAGE,
        cursor: str | None = None,
        newest_first: bool = False,
    ) -> Page:
        """Decisions of one verdict decided in [since, until) (ISO 8601 UTC), oldest first by
        default: the review queue (GSI by_verdict)."""
        items, next_cursor = self._query(
            "by_verdict",
            verdict_pk(verdict),
            limit=limit,
            cursor=cursor,
            newest_first=newest_first,
            since=since,
            until=until,
        )
        return Page([DecisionRecord.from_item(i) for i in items], next_cursor)

    # -- idempotency ----------------------------------------------------------------------------

    def claim(
        self, caller: str, key: str, *, fingerprint: str, request_id: str, now: float | None = None
    ) -> IdempotencyRecord | None:
        """Claim an Idempotency-Key for this request. None: claimed, go ahead and process.

        Otherwise the existing record: COMPLETED with the same fingerprint → replay its result;
        raises IdempotencyConflict when the key was used for a different request, and
        IdempotencyInProgress while another request with it is being processed."""
        now = time.time() if now is None else now
        item = {
            "pk": idempotency_pk(caller, key),
            "sk": IDEMPOTENCY_SK,
            "state": "IN_PROGRESS",
            "fingerprint": fingerprint,
            "request_id": request_id,
            "caller": caller,
            "created_at": utc_z(),
            "lock_expires": int(now) + IDEMPOTENCY_LOCK_SECONDS,
            "expires_at": int(now) + IDEMPOTENCY_TTL_SECONDS,
        }
        try:
            self.client.put_item(
                TableName=self.table_name,
                Item=_to_ddb(item),
                ConditionExpression="attribute_not_exists(pk) OR (#s = :progress AND lock_expires < :now)",
                ExpressionAttributeNames={"#s": "state"},
                ExpressionAttributeValues=_to_ddb({":progress": "IN_PROGRESS", ":now": int(now)}),
            )
            return None
        except ClientError as exc:
            if _error_code(exc) != "ConditionalCheckFailedException":
                raise
        existing = self.get_idempotency(caller, key)
        if existing is None:  # released meanwhile: try once more
            return self.claim(caller, key, fingerprint=fingerprint, request_id=request_id, now=now)
        if existing.fingerprint != fingerprint:
            raise IdempotencyConflict("this Idempotency-Key was already used with a different request")
        if existing.state != "COMPLETED":
            raise IdempotencyInProgress("a request with this Idempotency-Key is still being processed")
        return existing

    def get_idempotency(self, caller: str, key: str) -> IdempotencyRecord | None:
        response = self.client.get_item(
            TableName=self.table_name,
            Key=_to_ddb({"pk": idempotency_pk(caller, key), "sk": IDEMPOTENCY_SK}),
            ConsistentRead=True,
        )
        raw = response.get("Item")
        if not raw:
            return None
        item = _from_ddb(raw)
        result = json.loads(item["result"]) if item.get("result") else None
        return IdempotencyRecord(item["state"], item["fingerprint"], item.get("request_id", ""), result)

    def _complete_update(
        self, caller: str, key: str, result: dict[str, Any], *, request_id: str
    ) -> dict[str, Any]:
        return {
            "TableName": self.table_name,
            "Key": _to_ddb({"pk": idempotency_pk(caller, key), "sk": IDEMPOTENCY_SK}),
            "UpdateExpression": "SET #s = :done, #r = :result, completed_at = :at",
            "ConditionExpression": "#s = :progress AND request_id = :rid",
            "ExpressionAttributeNames": {"#s": "state", "#r": "result"},
            "ExpressionAttributeValues": _to_ddb(
                {
                    ":done": "COMPLETED",
                    ":progress": "IN_PROGRESS",
                    ":rid": request_id,
                    ":result": json.dumps(result, separators=(",", ":")),
                    ":at": utc_z(),
                }
            ),
        }

    def complete(self, caller: str, key: str, result: dict[str, Any], *, request_id: str) -> None:
        """Mark a claim COMPLETED with its result (when it was not completed with the decision)."""
        self.client.update_item(**self._complete_update(caller, key, result, request_id=request_id))

    def release(self, caller: str, key: str, *, request_id: str) -> None:
        """Give a claim up (the request failed, nothing to replay), so a retry can proceed."""
        try:
            self.client.delete_item(
                TableName=self.table_name,
                Key=_to_ddb({"pk": idempotency_pk(caller, key), "sk": IDEMPOTENCY_SK}),
                ConditionExpression="#s = :progress AND request_id = :rid",
                ExpressionAttributeNames={"#s": "state"},
                ExpressionAttributeValues=_to_ddb({":progress": "IN_PROGRESS", ":rid": request_id}),
            )
        except (ClientError, BotoCoreError) as exc:  # it expires on its own (IDEMPOTENCY_LOCK_SECONDS)
            log.warning("could not release idempotency claim %s/%s: %s", caller, key, exc)
