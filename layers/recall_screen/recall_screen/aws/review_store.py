"""The review workflow in the decisions table: the open review queue, reviewers' verdicts, and the
re-listing memory (the pure rules are `recall_screen.relisting` and `recall_screen.review`).

Item layout, beside the decision log's own (`decision_log`; keys and indexes in template.yaml):

  verdict          pk=`DECISION#<reviewed decision>`  sk=`VERDICT#<sequence, 4 digits>`
                   review_pk=`VERDICTS#<source>#<recall_id>`, decided_sk (GSI by_review)
                   Written once (attribute_not_exists): two verdicts racing for the same sequence,
                   one loses (409). The decision item itself is never touched.
  open review      pk=`MEMORY#LISTING#<listing_id>`  sk=`OPEN#ALL` | `OPEN#SOURCE#<source>` |
                   `OPEN#RECALL#<source>#<recall_id>`; review_pk = sk, decided_sk (GSI by_review)
                   The queue: the listing's latest decision when it is `review`. Every decision
                   recorded for the listing rewrites them in its own transaction, so a decision
                   superseded by a newer one (or by a verdict's) leaves the queue.
  verdict memory   pk=`MEMORY#LISTING#<listing_id>`  sk=`PAIR#<source>#<recall_id>`: the last
                   verdict on that pair, with the listing's content digest.
  blocked listing  pk=`RELIST#<key>`  sk=`<blocked_at>#<decision_id>`: one per key of the blocked
                   listing's fingerprint (`LISTING#`, `SELLER#`, `ID#`, `IMG#`), overwritten with
                   `retired` when a reviewer overrules the block.

Access patterns, each a Query on one partition or one GSI partition, never a Scan: what is known
about a listing (its `MEMORY#LISTING#` partition, plus one `RELIST#` partition per fingerprint key,
newest `RECALLED_PER_KEY`), a decision's verdicts (its partition, `VERDICT#` prefix), the open
queue (by_review, `OPEN#...`, oldest first), a recall's verdicts over time (by_review, `VERDICTS#`).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from recall_screen.aws.decision_items import (
    DEFAULT_PAGE,
    MAX_PAGE,
    DecisionRecord,
    InvalidCursor,
    Page,
    RecallHit,
    decided_in,
    decided_sk,
    decision_pk,
    from_ddb,
    iso_ms,
    recall_pk,
    to_ddb,
)
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.live_listings import LiveListings
from recall_screen.clock import utc_z
from recall_screen.decision_store import DecisionNotRecorded
from recall_screen.ids import new_decision_id
from recall_screen.models import Decision, Listing, Match, Verdict
from recall_screen.relisting import (
    BlockedListing,
    Consultation,
    PairVerdict,
    Recollection,
    blocked_listing,
    content_digest,
    fingerprint,
    match_identifiers,
)
from recall_screen.review import (
    DecisionSuperseded,
    ReviewVerdict,
    VerdictConflict,
    VerdictRequest,
    concerned_match,
    next_sequence,
    reviewed_decision,
)

log = logging.getLogger(__name__)

REVIEW_INDEX = "by_review"
REVIEW_KEY = "review_pk"
# Blocked listings read per fingerprint key, newest first: a seller's recent blocks say enough.
RECALLED_PER_KEY = 25
# Blocks of one listing retired in a verdict's own transaction (10 keys each at most).
RETIRED_WITH_VERDICT = 4
# A recall's report reads at most this many decisions (the rest is reported as truncated).
MAX_REPORT_HITS = 10_000


def memory_pk(listing_id: str) -> str:
    return f"MEMORY#LISTING#{listing_id}"


def relist_pk(key: str) -> str:
    return f"RELIST#{key}"


def queue_key(source: str | None = None, recall_id: str | None = None) -> str:
    """The queue partition: every open review, one source's, or one recall's."""
    if recall_id is not None and source is not None:
        return f"OPEN#RECALL#{source}#{recall_id}"
    if source is not None:
        return f"OPEN#SOURCE#{source}"
    return "OPEN#ALL"


def verdicts_key(source: str, recall_id: str) -> str:
    return f"VERDICTS#{source}#{recall_id}"


def verdict_sk(sequence: int) -> str:
    return f"VERDICT#{sequence:04d}"


@dataclass(frozen=True)
class OpenReview:
    """A decision waiting for a person (the queue entry; the decision is read from the log)."""

    decision_id: str
    listing_id: str
    seller_id: str | None
    decided_at: str


@dataclass(frozen=True)
class GivenVerdict:
    verdict: ReviewVerdict
    decision_json: str  # the decision it produced, as recorded


@dataclass(frozen=True)
class RecallActivity:
    """Everything the log holds about one recall over a time range (for its report)."""

    hits: list[RecallHit]  # one per decision that matched it, oldest first
    decisions: dict[str, dict[str, Any]]  # decision id -> the decision as recorded
    listings: dict[str, dict[str, Any]]  # decision id -> the listing as screened
    verdicts: list[ReviewVerdict]
    truncated: bool


@dataclass(frozen=True)
class _QueueState:
    open_sks: frozenset[str]


class ReviewStore:
    """The review queue, verdicts and re-listing memory, on the decision log's table and client."""

    def __init__(self, log: DecisionLog) -> None:
        self.log = log
        self.client = log.client
        self.table_name = log.table_name

    # -- the listing memory (recall_screen.relisting.ListingMemory) ----------------------------

    def consult(self, listing: Listing) -> Consultation:
        """What is known about the listing. Raises DecisionNotRecorded when the table cannot be read:
        a decision made without the memory could allow a re-listing, and could not be recorded either."""
        try:
            return self._consult(listing)
        except (ClientError, BotoCoreError) as exc:
            raise DecisionNotRecorded(f"listing memory unreadable for {listing.listing_id}: {exc}") from exc

    def _consult(self, listing: Listing) -> Consultation:
        pairs: list[PairVerdict] = []
        open_sks: set[str] = set()
        for item in self._partition(memory_pk(listing.listing_id)):
            if item["sk"].startswith("PAIR#"):
                pair = json.loads(item["pair_json"])
                if pair.get("identifiers") is not None:
                    pair["identifiers"] = tuple(pair["identifiers"])
                pairs.append(PairVerdict(**pair))
            elif item["sk"].startswith("OPEN#"):
                open_sks.add(item["sk"])
        blocked: list[BlockedListing] = []
        for key in fingerprint(listing).lookup_keys():
            for item in self._partition(relist_pk(key), newest_first=True, limit=RECALLED_PER_KEY):
                blocked.append(BlockedListing.from_json(json.loads(item["blocked_json"])))
        return Consultation(Recollection(tuple(pairs), tuple(blocked)), _QueueState(frozenset(open_sks)))

    def writes_for(
        self,
        decision: Decision,
        listing: Listing,
        consultation: Consultation,
        *,
        confirmed_by: str | None = None,
        retire: Sequence[BlockedListing] = (),
    ) -> list[Mapping[str, Any]]:
        """The queue entries the decision leaves (none unless it is `review`; the listing's older
        ones deleted), and, for a block, the blocked listing under each of its fingerprint keys;
        `retire`: blocked listings a reviewer overruled, written again as retired."""
        state = (
            consultation.state if isinstance(consultation.state, _QueueState) else _QueueState(frozenset())
        )
        wanted = queue_items(decision, listing)
        ops: list[Mapping[str, Any]] = [
            {
                "Delete": {
                    "TableName": self.table_name,
                    "Key": to_ddb({"pk": memory_pk(listing.listing_id), "sk": sk}),
                }
            }
            for sk in sorted(state.open_sks - {item["sk"] for item in wanted})
        ]
        ops.extend(self._put(item) for item in wanted)
        blocked = blocked_listing(decision, listing, confirmed_by=confirmed_by)
        remembered = [blocked] if blocked is not None else []
        remembered.extend(replace(b, retired=True) for b in retire)
        ops.extend(self._blocked_puts(remembered))
        return ops

    def _blocked_puts(self, blocked: Sequence[BlockedListing]) -> list[Mapping[str, Any]]:
        """Each blocked listing under each of its fingerprint keys."""
        ops: list[Mapping[str, Any]] = []
        for b in blocked:
            for key in b.fingerprint.lookup_keys():
                item = {
                    "pk": relist_pk(key),
                    "sk": f"{b.blocked_at}#{b.decision_id}",
                    "listing_id": b.listing_id,
                    "decision_id": b.decision_id,
                    "blocked_json": json.dumps(b.to_json(), separators=(",", ":")),
                }
                ops.append(self._put(item))
        return ops

    def _put(self, item: Mapping[str, Any], condition: str | None = None) -> dict[str, Any]:
        put: dict[str, Any] = {"TableName": self.table_name, "Item": to_ddb(item)}
        if condition:
            put["ConditionExpression"] = condition
        return {"Put": put}

    # -- verdicts --------------------------------------------------------------------------------

    def verdicts(self, decision_id: str) -> list[ReviewVerdict]:
        """A decision's verdicts, first to last."""
        return [
            ReviewVerdict.from_json(json.loads(item["verdict_json"]))
            for item in self._partition(decision_pk(decision_id), sk_prefix="VERDICT#")
        ]

    def give_verdict(
        self, decision_id: str, request: VerdictRequest, *, request_id: str, caller: str
    ) -> GivenVerdict | None:
        """Record a verdict on a decision and the decision it produces, in one transaction. None
        when there is no such decision. Raises VerdictRefused, VerdictConflict (the decision has a
        verdict that this one does not correct, or another was given meanwhile), DecisionSuperseded
        (the listing was decided again since, before or during this write), DecisionNotRecorded."""
        record = self.log.get(decision_id)
        if record is None:
            return None
        original = Decision.model_validate_json(record.decision_json)
        listing = Listing.model_validate(record.listing)
        match = concerned_match(original, request.source, request.recall_id)
        given = self.verdicts(decision_id)
        sequence = next_sequence(given, request, decision_id)
        latest_was = self._latest_decision(original.listing_id)
        self._refuse_superseded(decision_id, latest_was, given)
        now = datetime.now(UTC)
        at = utc_z(now)
        new = reviewed_decision(
            original,
            request,
            match,
            decision_id=new_decision_id(int(now.timestamp() * 1000)),
            at=at,
            sequence=sequence,
        )
        verdict = ReviewVerdict(
            verdict_id=new.decision_id,
            decision_id=decision_id,
            listing_id=original.listing_id,
            seller_id=record.seller_id,
            source=match.source,
            recall_id=match.recall_id,
            verdict=request.verdict,
            reviewer=request.reviewer,
            note=request.note,
            at=at,
            sequence=sequence,
            corrects=request.corrects,
        )
        consultation = self.consult(listing)
        retire = []
        if request.verdict == "overrule":
            # Only the blocks of the listing as it is judged: an earlier form of it (a confirmed
            # block the seller then edited) is another product, and stays remembered.
            judged = fingerprint(listing)
            retire = [
                b
                for b in consultation.recollection.blocked
                if b.fingerprint == judged
                and not b.retired
                and any((r.source, r.recall_id) == (match.source, match.recall_id) for r in b.recalls)
            ]
        confirmed_by = request.reviewer if request.verdict == "confirm" else None
        # The newest blocks are retired with the verdict; older ones of the same listing (a listing
        # blocked again and again) after it, so the transaction stays within DynamoDB's 100 items.
        retire = sorted(_distinct(retire), key=lambda b: b.blocked_at, reverse=True)
        now_retired, later = retire[:RETIRED_WITH_VERDICT], retire[RETIRED_WITH_VERDICT:]
        ops = [
            *self.writes_for(new, listing, consultation, confirmed_by=confirmed_by, retire=now_retired),
            *self._verdict_writes(verdict, listing, match),
        ]
        try:
            decision_json = self.log.record(
                new, listing, request_id=request_id, caller=caller, also=ops, latest_was=latest_was or ""
            )
        except DecisionNotRecorded:
            if any(v.sequence >= sequence for v in self.verdicts(decision_id)):
                raise VerdictConflict(
                    f"decision {decision_id} was given a verdict meanwhile: read it and correct it", None
                ) from None
            self._refuse_superseded(decision_id, self._latest_decision(original.listing_id), given)
            raise
        if later:
            self._retire(later, listing.listing_id)
        return GivenVerdict(verdict, decision_json)

    def _latest_decision(self, listing_id: str) -> str | None:
        """The listing's latest decision id (None when the log keeps no latest item for it)."""
        try:
            item = LiveListings(self.client, self.table_name).latest(listing_id)
        except (ClientError, BotoCoreError) as exc:
            raise DecisionNotRecorded(f"latest decision of {listing_id} unreadable: {exc}") from exc
        return str(item["decision_id"]) if item else None

    @staticmethod
    def _refuse_superseded(decision_id: str, latest: str | None, given: Sequence[ReviewVerdict]) -> None:
        """DecisionSuperseded unless the decision is the listing's latest, or the latest is one
        a verdict on it made (a correction judges the decision again)."""
        if latest is None or latest == decision_id or latest in {v.verdict_id for v in given}:
            return
        raise DecisionSuperseded(
            f"decision {decision_id} is no longer the listing's latest: decision {latest} was made since "
            "(the listing was screened again); judge that one"
        )

    def _retire(self, blocked: Sequence[BlockedListing], listing_id: str) -> None:
        """Retire blocks after the verdict is recorded, one write each. A failure is logged, never
        hidden: the verdict stands, and an unretired block only sends look-alikes to review."""
        for op in self._blocked_puts([replace(b, retired=True) for b in blocked]):
            try:
                self.client.put_item(**op["Put"])
            except (ClientError, BotoCoreError) as exc:
                log.warning("could not retire a block of listing %s: %s", listing_id, exc)

    def _verdict_writes(
        self, verdict: ReviewVerdict, listing: Listing, match: Match
    ) -> list[Mapping[str, Any]]:
        pair = PairVerdict(
            listing_id=verdict.listing_id,
            source=verdict.source,
            recall_id=verdict.recall_id,
            verdict=verdict.verdict,
            content=content_digest(listing),
            decision_id=verdict.verdict_id,
            reviewer=verdict.reviewer,
            identifiers=match_identifiers(match),
        )
        verdict_item = {
            "pk": decision_pk(verdict.decision_id),
            "sk": verdict_sk(verdict.sequence),
            REVIEW_KEY: verdicts_key(verdict.source, verdict.recall_id),
            "decided_sk": decided_sk(verdict.at, verdict.verdict_id),
            "verdict_json": json.dumps(verdict.to_json(), separators=(",", ":")),
        }
        pair_item = {
            "pk": memory_pk(verdict.listing_id),
            "sk": f"PAIR#{verdict.source}#{verdict.recall_id}",
            "pair_json": json.dumps(pair.__dict__, separators=(",", ":")),
        }
        return [self._put(verdict_item, "attribute_not_exists(pk)"), self._put(pair_item)]

    # -- the queue -------------------------------------------------------------------------------

    def open_reviews(
        self,
        *,
        source: str | None = None,
        recall_id: str | None = None,
        limit: int = DEFAULT_PAGE,
        cursor: str | None = None,
    ) -> Page:
        """Decisions waiting for a person, oldest first (`OpenReview` items)."""
        partition = queue_key(source, recall_id)
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": REVIEW_INDEX,
            "KeyConditionExpression": "#h = :h",
            "ExpressionAttributeNames": {"#h": REVIEW_KEY},
            "ExpressionAttributeValues": to_ddb({":h": partition}),
            "ScanIndexForward": True,
            "Limit": max(1, min(int(limit), MAX_PAGE)),
        }
        if cursor:
            kwargs["ExclusiveStartKey"] = _decode_cursor(cursor, partition)
        response = self.client.query(**kwargs)
        items = [from_ddb(item) for item in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        entries = [
            OpenReview(i["decision_id"], i["listing_id"], i.get("seller_id"), i["decided_at"]) for i in items
        ]
        return Page(entries, _encode_cursor(from_ddb(last)) if last else None)

    def records(self, decision_ids: Sequence[str]) -> dict[str, DecisionRecord]:
        return self.log.get_many(decision_ids)

    # -- a recall's activity, for its report -------------------------------------------------------

    def recall_activity(
        self, source: str, recall_id: str, *, since: str | None = None, until: str | None = None
    ) -> RecallActivity:
        hits: list[RecallHit] = []
        truncated = False
        for item in self._index("by_recall", "recall_pk", recall_pk(source, recall_id), since, until):
            if len(hits) >= MAX_REPORT_HITS:
                truncated = True
                break
            hits.append(RecallHit.from_item(item))
        records = self.log.get_many([h.decision_id for h in hits])
        verdicts = [
            ReviewVerdict.from_json(json.loads(item["verdict_json"]))
            for item in self._index(REVIEW_INDEX, REVIEW_KEY, verdicts_key(source, recall_id), since, until)
        ]
        return RecallActivity(
            hits=hits,
            decisions={i: r.decision_body for i, r in records.items()},
            listings={i: r.listing for i, r in records.items()},
            verdicts=verdicts,
            truncated=truncated,
        )

    # -- queries ---------------------------------------------------------------------------------------

    def _partition(
        self, pk: str, *, sk_prefix: str | None = None, newest_first: bool = False, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Items of one table partition, in sort-key order (at most `limit`)."""
        condition = "pk = :pk" + (" AND begins_with(sk, :prefix)" if sk_prefix else "")
        values = {":pk": pk, **({":prefix": sk_prefix} if sk_prefix else {})}
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": to_ddb(values),
            "ScanIndexForward": not newest_first,
            "ConsistentRead": True,
        }
        if limit is not None:
            kwargs["Limit"] = limit
        yield from self._pages(kwargs, limit)

    def _index(
        self, index: str, hash_attr: str, partition: str, since: str | None, until: str | None
    ) -> Iterator[dict[str, Any]]:
        """Items of one GSI partition decided in [since, until), oldest first."""
        if since and until and iso_ms(since) >= iso_ms(until):
            return
        condition, names, values = decided_in(hash_attr, partition, since, until)
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": index,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": to_ddb(values),
            "ScanIndexForward": True,
        }
        yield from self._pages(kwargs, None)

    def _pages(self, kwargs: dict[str, Any], limit: int | None) -> Iterator[dict[str, Any]]:
        seen = 0
        while True:
            response = self.client.query(**kwargs)
            for item in response.get("Items", []):
                yield from_ddb(item)
                seen += 1
                if limit is not None and seen >= limit:
                    return
            last = response.get("LastEvaluatedKey")
            if not last:
                return
            kwargs = {**kwargs, "ExclusiveStartKey": last}


def queue_items(decision: Decision, listing: Listing) -> list[dict[str, Any]]:
    """The review queue's entries a decision leaves: none unless it is `review`; then one for
    the whole queue, and one per source and per recall it sends to review."""
    if decision.decision is not Verdict.REVIEW:
        return []
    keys = [queue_key()]
    for m in decision.matches:
        if m.applicable and m.verdict is Verdict.REVIEW:
            keys.extend([queue_key(m.source), queue_key(m.source, m.recall_id)])
    return [
        {
            "pk": memory_pk(listing.listing_id),
            "sk": key,
            REVIEW_KEY: key,
            "decided_sk": decided_sk(decision.decided_at, decision.decision_id),
            "decision_id": decision.decision_id,
            "listing_id": decision.listing_id,
            "seller_id": listing.seller_id or None,
            "decided_at": decision.decided_at,
        }
        for key in dict.fromkeys(keys)
    ]


def _distinct(blocked: Sequence[BlockedListing]) -> list[BlockedListing]:
    return list({b.decision_id: b for b in blocked}.values())


# -- cursors of the queue ------------------------------------------------------------------------------


def _encode_cursor(last: Mapping[str, Any]) -> str:
    raw = json.dumps(dict(last), sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, partition: str) -> dict[str, Any]:
    """The ExclusiveStartKey a queue cursor stands for, refusing one this query could not have made."""
    try:
        plain = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise InvalidCursor("cursor is not one this API handed out") from exc
    if (
        not isinstance(plain, dict)
        or set(plain) != {"pk", "sk", REVIEW_KEY, "decided_sk"}
        or not all(isinstance(v, str) and 0 < len(v) <= 2048 for v in plain.values())
        or plain[REVIEW_KEY] != partition
        or not plain["pk"].startswith("MEMORY#LISTING#")
        or plain["sk"] != partition
    ):
        raise InvalidCursor("cursor is not one this API handed out for this query")
    return to_ddb(plain)
