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
  latest item          pk=`LISTING#<listing_id>`  sk=`LATEST`: the listing's latest decision, in
                       the same transaction (live listings: `live_listings`, GSI by_live)
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

import json
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from recall_screen.aws.decision_items import (
    DECISION_SK,
    DEFAULT_PAGE,
    IDEMPOTENCY_LOCK_SECONDS,
    IDEMPOTENCY_SK,
    IDEMPOTENCY_TTL_SECONDS,
    INDEXES,
    MAX_PAGE,
    DecisionRecord,
    Page,
    RecallHit,
    bounded_listing,
    decided_in,
    decided_sk,
    decision_pk,
    decode_cursor,
    encode_cursor,
    error_code,
    from_ddb,
    idempotency_pk,
    listing_pk,
    recall_pk,
    seller_pk,
    to_ddb,
    verdict_pk,
)
from recall_screen.aws.live_listings import latest_put
from recall_screen.clock import utc_z
from recall_screen.decision_store import (
    DecisionNotRecorded,
    IdempotencyConflict,
    IdempotencyInProgress,
    IdempotencyRecord,
)
from recall_screen.models import Decision, Listing

log = logging.getLogger(__name__)

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
            "listing_json": bounded_listing(listing),
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
        also: Sequence[Mapping[str, Any]] = (),
        latest_was: str | None = None,
    ) -> str:
        """Write the decision's items in one transaction; returns the JSON string recorded.

        `idempotency` = (caller, key, result): the claim made by `claim()` is completed in the same
        transaction, so either both the decision and the completed claim exist, or neither.
        `also`: further TransactWriteItems operations on this table made with the decision (the
        review queue and re-listing memory, `recall_screen.aws.review_store`). `latest_was`: the
        listing's latest decision id as the caller read it ("" for none): the write is made only
        if it still is (a verdict must not replace a decision made meanwhile).
        Raises DecisionNotRecorded when the write fails after retries."""
        decision_json = decision_json or decision.model_dump_json()
        items = self.items_for(
            decision, listing, request_id=request_id, caller=caller, decision_json=decision_json
        )
        transact: list[dict[str, Any]] = []
        for position, item in enumerate(items):
            put: dict[str, Any] = {"TableName": self.table_name, "Item": to_ddb(item)}
            if position == 0:
                put["ConditionExpression"] = "attribute_not_exists(pk)"
            transact.append({"Put": put})
        if idempotency is not None:
            transact.append({"Update": self._complete_update(*idempotency, request_id=request_id)})
        transact.extend(dict(operation) for operation in also)
        # The listing's latest decision, in the same write (live listings: aws/live_listings.py).
        latest = latest_put(self.table_name, decision, listing, decision_json=decision_json)
        if latest_was is not None:
            if latest_was:
                latest["Put"]["ConditionExpression"] = "decision_id = :was"
                latest["Put"]["ExpressionAttributeValues"] = to_ddb({":was": latest_was})
            else:
                latest["Put"]["ConditionExpression"] = "attribute_not_exists(pk)"
        transact.append(latest)
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
                if error_code(exc) == "TransactionCanceledException":
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
            Key=to_ddb({"pk": decision_pk(decision_id), "sk": DECISION_SK}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        return DecisionRecord.from_item(from_ddb(item)) if item else None

    def get_many(self, decision_ids: Iterable[str]) -> dict[str, DecisionRecord]:
        """Records by id (BatchGetItem, 100 keys a call); ids not found are left out."""
        wanted = list(dict.fromkeys(decision_ids))
        found: dict[str, DecisionRecord] = {}
        for start in range(0, len(wanted), 100):
            keys = [to_ddb({"pk": decision_pk(i), "sk": DECISION_SK}) for i in wanted[start : start + 100]]
            request = {self.table_name: {"Keys": keys, "ConsistentRead": True}}
            for _ in range(10):
                response = self.client.batch_get_item(RequestItems=request)
                for item in response.get("Responses", {}).get(self.table_name, []):
                    record = DecisionRecord.from_item(from_ddb(item))
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
        condition, names, values = decided_in(hash_attr, partition, since, until)
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": index,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": to_ddb(values),
            "ScanIndexForward": not newest_first,
            "Limit": limit,
        }
        if cursor:
            kwargs["ExclusiveStartKey"] = decode_cursor(cursor, index=index, partition=partition)
        response = self.client.query(**kwargs)
        items = [from_ddb(item) for item in response.get("Items", [])]
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
                Item=to_ddb(item),
                ConditionExpression="attribute_not_exists(pk) OR (#s = :progress AND lock_expires < :now)",
                ExpressionAttributeNames={"#s": "state"},
                ExpressionAttributeValues=to_ddb({":progress": "IN_PROGRESS", ":now": int(now)}),
            )
            return None
        except ClientError as exc:
            if error_code(exc) != "ConditionalCheckFailedException":
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
            Key=to_ddb({"pk": idempotency_pk(caller, key), "sk": IDEMPOTENCY_SK}),
            ConsistentRead=True,
        )
        raw = response.get("Item")
        if not raw:
            return None
        item = from_ddb(raw)
        result = json.loads(item["result"]) if item.get("result") else None
        return IdempotencyRecord(item["state"], item["fingerprint"], item.get("request_id", ""), result)

    def _complete_update(
        self, caller: str, key: str, result: dict[str, Any], *, request_id: str
    ) -> dict[str, Any]:
        return {
            "TableName": self.table_name,
            "Key": to_ddb({"pk": idempotency_pk(caller, key), "sk": IDEMPOTENCY_SK}),
            "UpdateExpression": "SET #s = :done, #r = :result, completed_at = :at",
            "ConditionExpression": "#s = :progress AND request_id = :rid",
            "ExpressionAttributeNames": {"#s": "state", "#r": "result"},
            "ExpressionAttributeValues": to_ddb(
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
                Key=to_ddb({"pk": idempotency_pk(caller, key), "sk": IDEMPOTENCY_SK}),
                ConditionExpression="#s = :progress AND request_id = :rid",
                ExpressionAttributeNames={"#s": "state"},
                ExpressionAttributeValues=to_ddb({":progress": "IN_PROGRESS", ":rid": request_id}),
            )
        except (ClientError, BotoCoreError) as exc:  # it expires on its own (IDEMPOTENCY_LOCK_SECONDS)
            log.warning("could not release idempotency claim %s/%s: %s", caller, key, exc)
