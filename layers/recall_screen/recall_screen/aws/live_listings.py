"""Live listings in the decisions table: each listing's latest decision, its take-downs, and the
sharded, sparse index the re-screen reads instead of scanning the decisions.

Item layout (beside the decision log's, `decision_log`; keys declared in template.yaml):

  latest item     pk=`LISTING#<listing_id>`  sk=`LATEST`
                  the latest decision (verdict, id, index version), the listing in its latest
                  form (`listing_json`), the recalls it blocks on (`blocked_by`);
                  live_pk=`LIVE#<shard>`, live_sk=`<listing_id>` while the listing is live
                  (GSI by_live, sparse: a take-down removes both, so a taken-down listing is in
                  no re-screen); `pending_event` while a re-screen's event is not confirmed sent
  take-down item  pk=`LISTING#<listing_id>`  sk=`TAKEDOWN#<at>#<request_id>` (kept: history)

The latest item is written in the same transaction as every decision (`DecisionLog.record` puts
`latest_put(...)`), so it can never name a decision that was not recorded, nor miss one. A
re-screen's decision is written with a condition that the latest item still names the decision
it re-screened and the listing is still live: a listing screened again or taken down meanwhile is
left alone, and a retried batch cannot record a decision twice.

Shards: `by_live` is partitioned into LIVE_SHARDS keys by a hash of the listing id, so that a
Distributed Map reads them in parallel (one item per shard) and no GSI partition is hot.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from recall_screen.aws.decision_items import bounded_listing, error_code, from_ddb, listing_pk, to_ddb
from recall_screen.clock import utc_z
from recall_screen.decision_store import DecisionNotRecorded
from recall_screen.models import Decision, Listing
from recall_screen.rescreen import LiveListing, Rescreened, blocking_recalls

log = logging.getLogger(__name__)

LATEST_SK = "LATEST"
TAKEDOWN_PREFIX = "TAKEDOWN#"
LIVE_INDEX = "by_live"
# Fixed: an item's shard is part of its key. 256 keeps a shard of 10 million listings near 40,000
# (a worker's few seconds), and each GSI partition key far under its write limit at catalogue load.
LIVE_SHARDS = 256
LIVE_PAGE = 500


def _token(*parts: str) -> str:
    """A transaction's ClientRequestToken (at most 36 characters) for these parts."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:36]


def live_shard(listing_id: str) -> int:
    return zlib.crc32(listing_id.encode()) % LIVE_SHARDS


def live_pk(shard: int) -> str:
    return f"LIVE#{shard:03d}"


def latest_key(listing_id: str) -> dict[str, Any]:
    return to_ddb({"pk": listing_pk(listing_id), "sk": LATEST_SK})


def latest_item(decision: Decision, listing: Listing, *, decision_json: str) -> dict[str, Any]:
    """The plain latest item for `decision` of `listing` (live)."""
    del decision_json  # the decision itself is read from its own item; this is its summary
    return {
        "pk": listing_pk(decision.listing_id),
        "sk": LATEST_SK,
        "live_pk": live_pk(live_shard(decision.listing_id)),
        "live_sk": decision.listing_id,
        "listing_id": decision.listing_id,
        "seller_id": listing.seller_id or None,
        "decision": decision.decision.value,
        "decision_id": decision.decision_id,
        "decided_at": decision.decided_at,
        "index_version": decision.index_version,
        "listing_json": bounded_listing(listing),
        "blocked_by": blocking_recalls(decision) or None,
    }


def latest_put(
    table_name: str, decision: Decision, listing: Listing, *, decision_json: str
) -> dict[str, Any]:
    """The transaction item that makes `decision` the listing's latest (and the listing live
    again: a listing the marketplace sends after a take-down is listed again)."""
    item = latest_item(decision, listing, decision_json=decision_json)
    return {"Put": {"TableName": table_name, "Item": to_ddb(item)}}


def live_from_item(item: dict[str, Any]) -> LiveListing:
    pending = item.get("pending_event")
    return LiveListing(
        listing_id=item["listing_id"],
        seller_id=item.get("seller_id"),
        decision=item["decision"],
        decision_id=item["decision_id"],
        index_version=item["index_version"],
        listing=json.loads(item.get("listing_json") or "{}"),
        blocked_by=tuple(item.get("blocked_by") or ()),
        pending_event=json.loads(pending) if pending else None,
        decided_at=str(item.get("decided_at") or ""),
    )


@dataclass(frozen=True)
class TakeDown:
    listing_id: str
    taken_down_at: str
    latest_decision_id: str
    already: bool  # it was taken down before this request: nothing new recorded


class LiveListings:
    """The live listings of the decisions table. `table` is a boto3 DynamoDB client, or a
    resource / Table (its client is used), made by the caller."""

    def __init__(self, table: Any, table_name: str | None = None) -> None:
        client = getattr(getattr(table, "meta", None), "client", None)
        self.client = client if client is not None else table
        name = table_name or getattr(table, "name", None)
        if not name:
            raise ValueError("LiveListings needs the table's name (RECALL_SCREEN_DECISIONS_TABLE)")
        self.table_name = name

    # -- reading ------------------------------------------------------------------------------

    def latest(self, listing_id: str) -> dict[str, Any] | None:
        """The listing's latest item (plain), None when it was never screened."""
        response = self.client.get_item(
            TableName=self.table_name, Key=latest_key(listing_id), ConsistentRead=True
        )
        item = response.get("Item")
        return from_ddb(item) if item else None

    def live(self, listing_id: str) -> LiveListing | None:
        """The listing when it is live (screened, not taken down); None otherwise."""
        item = self.latest(listing_id)
        return live_from_item(item) if item and "live_pk" in item else None

    def shard(self, shard: int, *, page: int = LIVE_PAGE) -> Iterator[LiveListing]:
        """Every live listing of one shard (GSI by_live: a Query per page, never a Scan)."""
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": LIVE_INDEX,
            "KeyConditionExpression": "live_pk = :shard",
            "ExpressionAttributeValues": to_ddb({":shard": live_pk(shard)}),
            "Limit": page,
        }
        while True:
            response = self.client.query(**kwargs)
            for item in response.get("Items", []):
                yield live_from_item(from_ddb(item))
            last = response.get("LastEvaluatedKey")
            if not last:
                return
            kwargs["ExclusiveStartKey"] = last

    # -- take-down ----------------------------------------------------------------------------

    def take_down(self, listing_id: str, *, request_id: str, caller: str) -> TakeDown | None:
        """Record that the marketplace took the listing down: a take-down item is added (nothing
        is deleted) and the listing leaves the live index. None when it was never screened.
        A listing taken down already is answered as it was, with nothing new recorded."""
        for _ in range(3):
            latest = self.latest(listing_id)
            if latest is None:
                return None
            if "live_pk" not in latest:
                at = str(latest.get("taken_down_at", ""))
                return TakeDown(listing_id, at, latest["decision_id"], already=True)
            at = utc_z()
            down = {
                "pk": listing_pk(listing_id),
                "sk": f"{TAKEDOWN_PREFIX}{at}#{request_id}",
                "listing_id": listing_id,
                "taken_down_at": at,
                "request_id": request_id,
                "caller": caller,
                "latest_decision_id": latest["decision_id"],
            }
            transact = [
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": to_ddb(down),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": latest_key(listing_id),
                        "UpdateExpression": "REMOVE live_pk, live_sk SET taken_down_at = :at",
                        "ConditionExpression": "decision_id = :seen AND attribute_exists(live_pk)",
                        "ExpressionAttributeValues": to_ddb({":at": at, ":seen": latest["decision_id"]}),
                    }
                },
            ]
            if self._transact(transact, token=_token("takedown", listing_id, request_id, at)):
                return TakeDown(listing_id, at, latest["decision_id"], already=False)
            # Screened or taken down meanwhile: read the latest again.
        raise DecisionNotRecorded(f"take-down of {listing_id} not recorded: the listing kept changing")

    # -- re-screen ----------------------------------------------------------------------------

    def record_rescreen(self, items: list[dict[str, Any]], change: Rescreened, *, decision_json: str) -> bool:
        """Record a re-screen's decision (`items`: its decision-log items, main first) and make it
        the latest, with its event pending, in one transaction. False when the listing moved on
        meanwhile (screened again, taken down, or this very change recorded by an earlier attempt):
        nothing is written. Raises DecisionNotRecorded on any other failure."""
        main = {**items[0], **change.cause}
        latest = latest_item(change.decision, change.listing, decision_json=decision_json)
        latest.update(change.cause)
        latest["pending_event"] = json.dumps(change.event.detail(), separators=(",", ":"))
        transact: list[Mapping[str, Any]] = [
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_ddb(main),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            *({"Put": {"TableName": self.table_name, "Item": to_ddb(item)}} for item in items[1:]),
            *change.also,  # the review queue's entries and a block's fingerprint (`Rescreened.also`)
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_ddb(latest),
                    "ConditionExpression": "decision_id = :seen AND attribute_exists(live_pk)",
                    "ExpressionAttributeValues": to_ddb({":seen": change.live.decision_id}),
                }
            },
        ]
        return self._transact(transact, token=change.decision.decision_id)

    def event_sent(self, listing_id: str, decision_id: str) -> None:
        """The re-screen event of `decision_id` was delivered: it is no longer pending."""
        try:
            self.client.update_item(
                TableName=self.table_name,
                Key=latest_key(listing_id),
                UpdateExpression="REMOVE pending_event",
                ConditionExpression="decision_id = :id",
                ExpressionAttributeValues=to_ddb({":id": decision_id}),
            )
        except ClientError as exc:
            if error_code(exc) != "ConditionalCheckFailedException":
                raise  # a later decision replaced it: nothing pending of this one

    def _transact(self, transact: Sequence[Mapping[str, Any]], *, token: str, attempts: int = 3) -> bool:
        """True when written; False when a condition failed (nothing written)."""
        for attempt in range(1, attempts + 1):
            try:
                self.client.transact_write_items(TransactItems=transact, ClientRequestToken=token)
                return True
            except (ClientError, BotoCoreError) as exc:
                if error_code(exc) == "TransactionCanceledException":
                    reasons = exc.response.get("CancellationReasons") or []
                    if any(r.get("Code") == "ConditionalCheckFailed" for r in reasons):
                        return False
                log.warning("write %s failed (attempt %d/%d): %s", token, attempt, attempts, exc)
                if attempt == attempts:
                    raise DecisionNotRecorded(f"{token} not recorded: {exc}") from exc
                time.sleep(0.05 * attempt)
        return False
