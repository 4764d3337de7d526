"""Re-screening live listings when a new index version changes the recall lists.

A live listing is one the system has screened and the marketplace has not taken down; the log
keeps its latest decision and the listing in its latest form (`LiveListing`). When a version adds
or changes recalls, each live listing whose latest decision is `allow` or `review` is screened
again, but not against the whole index: first against the small delta index of only the recalls
that version added or changed (`catalog.changes`), and only a listing the delta finds anything for
is screened in full, against the new index, so the decision it gets is the one the API would give.
The cost grows with (live listings x changed recalls); a listing the delta finds nothing for costs
one analysis against a dozen recalls.

A recall removed from the lists never turns a block into `allow` on its own: a block that rested
only on removed recalls goes to `review`, with the new screening's matches, unless the new index
still blocks the listing for another recall.

A re-screen for added or changed recalls only ever makes a decision stricter (allow -> review or
block, review -> block). A listing whose decision does not change gets nothing new. One whose
decision changes gets a new decision (reason `rescreen`, the version that caused it, the previous
decision) and an event, `DecisionChanged`. Given the listing memory (`relisting.ListingMemory`),
the new decision is the one the API would give: reviewers' verdicts and blocked look-alikes
applied (`relisting.apply_memory`), and its review queue entries and a block's fingerprint written
with it (`Rescreened.also`). Pure but for that memory: reading and writing the log is
`recall_screen.aws.live_listings`.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from recall_screen.catalog.changes import IndexChanges, RecallRef
from recall_screen.clock import parse_utc
from recall_screen.index import RecallIndex
from recall_screen.models import Decision, Listing, Verdict
from recall_screen.policy import Policy
from recall_screen.relisting import Consultation, ListingMemory, apply_memory
from recall_screen.screening import Screener

log = logging.getLogger(__name__)

RESCREEN = "rescreen"
EVENT_SOURCE = "recall-screen"
EVENT_DETAIL_TYPE = "listing.decision.changed"
_STRICTNESS = {Verdict.ALLOW.value: 0, Verdict.REVIEW.value: 1, Verdict.BLOCK.value: 2}


def recall_label(source: str, recall_id: str) -> str:
    """How the log names a recall: "<source>#<recall_id>" (as `matched_recalls` does)."""
    return f"{source}#{recall_id}"


def blocking_recalls(decision: Decision) -> list[str]:
    """The recalls a decision blocks on (applicable block matches), as `recall_label`s."""
    return [
        recall_label(m.source, m.recall_id)
        for m in decision.matches
        if m.applicable and m.verdict is Verdict.BLOCK
    ]


# The longest one screening request runs (the screener function's timeout, 29 s), rounded up.
SCREEN_REQUEST_SECONDS = 30


def settle_seconds(refresh_seconds: float) -> int:
    """How long after a version is published a screener may still record a decision made with the
    version before: a warm screener looks for a new version every `refresh_seconds` (loading it
    within the request that looks), and a request that began with the old index runs on. The
    re-screen waits this long before reading the live listings, so a listing recorded with the old
    version in that window is among those it reads; one recorded later was screened with this
    version or a newer one. Were it read first, such a listing would keep its decision until a
    list change finds it again for another recall: for this version's recalls, never. The
    catalogue worker asks for the serving index at every line for the same reason."""
    return math.ceil(refresh_seconds) + SCREEN_REQUEST_SECONDS


@dataclass(frozen=True)
class RescreenSettings:
    """How the index builder starts a re-screen (template parameters in AWS).

    `state_machine`: the re-screen state machine's ARN (empty: no re-screen is started);
    `max_concurrency`, `shards_per_batch`, `tolerated_failure_percentage`: its Distributed Map's
    MaxConcurrency, ItemBatcher MaxItemsPerBatch and ToleratedFailurePercentage, passed in the
    execution's input; `event_bus`: where the worker sends `listing.decision.changed`;
    `settle_seconds`: how long the run waits before it reads the live listings (`settle_seconds`)."""

    state_machine: str = ""  # RECALL_SCREEN_RESCREEN_STATE_MACHINE
    max_concurrency: int = 40  # RECALL_SCREEN_RESCREEN_MAX_CONCURRENCY
    shards_per_batch: int = 1  # RECALL_SCREEN_RESCREEN_SHARDS_PER_BATCH
    tolerated_failure_percentage: float = 0.0  # RECALL_SCREEN_RESCREEN_TOLERATED_FAILURE_PERCENTAGE
    event_bus: str = ""  # RECALL_SCREEN_EVENT_BUS
    settle_seconds: int = 0  # from RECALL_SCREEN_INDEX_REFRESH_SECONDS (`settle_seconds`)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> RescreenSettings:
        env = os.environ if environ is None else environ
        return cls(
            settle_seconds=settle_seconds(float(env.get("RECALL_SCREEN_INDEX_REFRESH_SECONDS") or 60)),
            state_machine=env.get("RECALL_SCREEN_RESCREEN_STATE_MACHINE", ""),
            max_concurrency=int(env.get("RECALL_SCREEN_RESCREEN_MAX_CONCURRENCY") or 40),
            shards_per_batch=int(env.get("RECALL_SCREEN_RESCREEN_SHARDS_PER_BATCH") or 1),
            tolerated_failure_percentage=float(
                env.get("RECALL_SCREEN_RESCREEN_TOLERATED_FAILURE_PERCENTAGE") or 0
            ),
            event_bus=env.get("RECALL_SCREEN_EVENT_BUS", ""),
        )


@dataclass(frozen=True)
class LiveListing:
    """A live listing as the decision log keeps it: its latest decision and its latest form."""

    listing_id: str
    seller_id: str | None
    decision: str  # the latest decision's verdict
    decision_id: str
    index_version: str  # the index the latest decision was made with
    listing: dict[str, Any]  # the listing as last screened (its latest form)
    blocked_by: tuple[str, ...] = ()  # recall_label of the recalls the latest decision blocks on
    pending_event: dict[str, Any] | None = None  # a re-screen's event not confirmed sent yet
    decided_at: str = ""  # when the latest decision was made (ISO 8601, UTC)


@dataclass(frozen=True)
class DecisionChanged:
    """The `listing.decision.changed` event: a listing's decision changed after a list change."""

    listing_id: str
    seller_id: str | None
    previous_decision: str
    new_decision: str
    recall: RecallRef | None  # the recall that caused it (the new top match, or the removed one)
    index_version: str
    decision_id: str
    previous_decision_id: str

    @classmethod
    def from_detail(cls, detail: dict[str, Any]) -> DecisionChanged:
        recall = detail.get("recall")
        return cls(
            listing_id=detail["listing_id"],
            seller_id=detail.get("seller_id"),
            previous_decision=detail["previous_decision"],
            new_decision=detail["new_decision"],
            recall=RecallRef(recall["source"], recall["recall_id"]) if recall else None,
            index_version=detail["index_version"],
            decision_id=detail["decision_id"],
            previous_decision_id=detail["previous_decision_id"],
        )

    def detail(self) -> dict[str, Any]:
        return {
            "listing_id": self.listing_id,
            "seller_id": self.seller_id,
            "previous_decision": self.previous_decision,
            "new_decision": self.new_decision,
            "recall": self.recall.to_json() if self.recall else None,
            "index_version": self.index_version,
            "decision_id": self.decision_id,
            "previous_decision_id": self.previous_decision_id,
        }


@dataclass(frozen=True)
class Rescreened:
    """A live listing whose decision changed: the new decision to record, and its event."""

    live: LiveListing
    listing: Listing
    decision: Decision
    event: DecisionChanged
    cause: dict[str, Any] = field(default_factory=dict)  # recorded with the decision
    # The listing memory's writes that keep the decision's consequences (its review queue
    # entries, the listing's older ones deleted; a block's fingerprint), in the same transaction.
    also: tuple[Mapping[str, Any], ...] = ()


@dataclass
class RescreenCounts:
    """What one batch did, for the worker's answer and metrics."""

    read: int = 0  # live listings read
    skipped: int = 0  # taken down, blocked, or already on this version
    # Its kept form no longer validates (a model made stricter since): it keeps its decision, and
    # a new recall may be missed for it; counted and logged by listing id, never skipped unseen.
    unreadable: int = 0
    screened: int = 0  # against the delta index
    touched: int = 0  # the delta found something: screened in full
    changed: int = 0  # a new decision recorded
    superseded: int = 0  # the listing moved on while it was re-screened: nothing recorded
    events: int = 0  # events sent (including ones a failed attempt left unsent)

    def add(self, other: RescreenCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class Rescreener:
    """Re-screens live listings for one index version.

    `index`: the version's full index, or a later version's serving now; `delta`: the index of
    the recalls it added or changed (None: it added and changed none, so allowed and reviewed
    listings have nothing to change for); `changes`: its change record; `memory`: the listing
    memory the API screens with (None: none)."""

    def __init__(
        self,
        index: RecallIndex,
        delta: RecallIndex | None,
        changes: IndexChanges,
        policy: Policy | None = None,
        memory: ListingMemory | None = None,
    ) -> None:
        if built_after(changes.version, index.version):
            raise ValueError(
                f"index {index.version} is older than the version of the change record {changes.version}"
            )
        self.policy = policy or Policy()
        self.index = index
        self.changes = changes
        self.screener = Screener(index, self.policy)
        self.delta = Screener(delta, self.policy) if delta is not None else None
        self.memory = memory
        self._present: frozenset[str] | None = None

    @property
    def version(self) -> str:
        """The version whose changes are re-screened (the index screened with may be a later one,
        serving when a run starts late: `aws.rescreen_run.RescreenRun.rescreener`)."""
        return self.changes.version

    # -- added and changed recalls ------------------------------------------------------------

    def touched(self, listing: Listing) -> bool:
        """Whether the delta index finds anything worth reporting for `listing` (a match a
        decision would show); such a listing is screened in full."""
        if self.delta is None:
            return False
        return bool(self.delta.screen(listing).matches)

    def rescreen(self, live: LiveListing, *, now: datetime, counts: RescreenCounts) -> Rescreened | None:
        """The new decision of an allowed or reviewed live listing, when the version changes it."""
        if live.decision == Verdict.BLOCK.value or self._current(live):
            counts.skipped += 1  # a block is reviewed only through removed recalls; the rest is current
            return None
        listing = _listing(live)
        if listing is None:
            counts.unreadable += 1
            log.warning(
                "live listing %s (decision %s) not re-screened: its kept form no longer validates",
                live.listing_id,
                live.decision_id,
            )
            return None
        counts.screened += 1
        missed = self.missed_a_version(live)
        if not missed and not self.touched(listing):
            return None
        counts.touched += 1
        screened = self.screener.screen(listing, now=now)
        previous = _STRICTNESS.get(live.decision, 0)
        if _STRICTNESS[screened.decision.value] <= previous:
            # Recalls added or changed make a decision stricter, never looser: the new index's
            # other weights may score an old match a little lower, and that alone must not
            # allow a listing a reviewer was asked to look at. Nor is a decision the listing
            # memory alone would change this version's to make: the API makes it next time.
            return None
        decision, consultation = self._remembered(listing, screened)
        if _STRICTNESS[decision.decision.value] <= previous:
            return None  # a reviewer overruled what the version's recalls found
        top = next((m for m in screened.matches if m.applicable and m.verdict is screened.decision), None)
        recall = RecallRef(top.source, top.recall_id) if top else None
        why = f"the recall lists changed in index version {self.version}"
        if missed:
            why += (
                f" (its decision was made with index version {live.index_version} after version "
                f"{self.changes.previous_version} was published, so it was screened in full)"
            )
        return self._changed(live, listing, decision, recall, why, consultation)

    # -- removed recalls ----------------------------------------------------------------------

    def removed_recalls(self) -> list[RecallRef]:
        """The recalls this version removed and that are not in the index under another list."""
        added = {recall_label(r.source, r.recall_id) for r in self.changes.added}
        return [r for r in self.changes.removed if recall_label(r.source, r.recall_id) not in added]

    def review_removed(self, live: LiveListing, removed: RecallRef, *, now: datetime) -> Rescreened | None:
        """A block that rested only on recalls no longer in the index goes to review (never
        allow), unless the new index still blocks the listing for another recall."""
        if live.decision != Verdict.BLOCK.value or self._current(live):
            return None
        if not live.blocked_by or any(label in self.present for label in live.blocked_by):
            return None  # another recall it blocks on is still listed: the block stands
        listing = _listing(live)
        if listing is None:
            return None
        screened, consultation = self._remembered(listing, self.screener.screen(listing, now=now))
        if screened.decision is Verdict.BLOCK:
            return None
        label = recall_label(removed.source, removed.recall_id)
        note = (
            f"review: the block rested on {label}, which index version {self.version} no longer lists; "
            f"a removed recall does not allow a listing on its own: a reviewer decides"
        )
        decision = screened.model_copy(
            update={"decision": Verdict.REVIEW, "reasons": [note, *screened.reasons]}
        )
        why = f"recall {label} was removed from the lists in index version {self.version}"
        return self._changed(live, listing, decision, removed, why, consultation)

    @property
    def present(self) -> frozenset[str]:
        """Every recall of the index, as recall_label (computed once, on first use)."""
        if self._present is None:
            self._present = frozenset(recall_label(s, r) for s, r in self.index.recall_ids())
        return self._present

    def missed_a_version(self, live: LiveListing) -> bool:
        """Whether the listing's decision was made with an index older than the version before
        this one, after that version was built. A screener still serving the older index (a
        refresh that failed, or one past the run's wait) recorded it after that version's run had
        read the live listings, so no run screened it for that version's changes, nor perhaps
        for earlier ones; this version's index holds them all, so it is screened in full. (One
        decided in the minute after a build, before the screeners moved, is screened in full too:
        a few listings, for no cost in what is caught.)"""
        previous = self.changes.previous_version
        if not previous or not live.decided_at or not built_after(previous, live.index_version):
            return False
        try:
            decided = parse_utc(live.decided_at)
        except ValueError:
            return False
        built = build_time(previous)
        return built is not None and decided > built

    def _current(self, live: LiveListing) -> bool:
        """Whether the listing's latest decision was made with this version or a later one (built
        after it: an index holds every current list, so this version's changes are in it). A run
        that starts late (its wait, a builder's retried event) must not replace such a decision
        with one of an older index."""
        return live.index_version == self.version or built_after(live.index_version, self.version)

    # -- the change --------------------------------------------------------------------------

    def _remembered(self, listing: Listing, decision: Decision) -> tuple[Decision, Consultation | None]:
        """The decision after the listing memory, as the API applies it, and what the memory read
        (raises DecisionNotRecorded when it cannot be read: the batch is retried)."""
        if self.memory is None:
            return decision, None
        consultation = self.memory.consult(listing)
        screener = self.screener
        decision = apply_memory(
            decision,
            listing,
            consultation.recollection,
            scope=lambda source, recall_id: screener.recall_scope(source, recall_id, listing.ship_to),
        )
        return decision, consultation

    def _changed(
        self,
        live: LiveListing,
        listing: Listing,
        decision: Decision,
        recall: RecallRef | None,
        why: str,
        consultation: Consultation | None,
    ) -> Rescreened:
        reason = (
            f"{RESCREEN}: {why}; previous decision {live.decision} ({live.decision_id}, "
            f"index version {live.index_version})"
        )
        decision = decision.model_copy(update={"reasons": [reason, *decision.reasons]})
        event = DecisionChanged(
            listing_id=live.listing_id,
            seller_id=live.seller_id,
            previous_decision=live.decision,
            new_decision=decision.decision.value,
            recall=recall,
            index_version=decision.index_version,  # the index that made it
            decision_id=decision.decision_id,
            previous_decision_id=live.decision_id,
        )
        cause = {
            "reason": RESCREEN,
            "caused_by_version": self.version,
            "previous_decision": live.decision,
            "previous_decision_id": live.decision_id,
        }
        also = (
            ()
            if consultation is None or self.memory is None
            else tuple(self.memory.writes_for(decision, listing, consultation))
        )
        return Rescreened(live, listing, decision, event, cause, also)


_BUILT_AT = re.compile(r"^\d{8}T\d{6}Z-")  # an index version opens with its build time (index.py)


def build_time(version: str) -> datetime | None:
    """When index `version` was built (to the second), or None when it is not a version."""
    if not _BUILT_AT.match(version):
        return None
    return datetime.strptime(version[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def built_after(version: str, other: str) -> bool:
    """Whether index `version` was built in a later second than `other` (False when either is not
    a version: nothing is known of their order)."""
    if not (_BUILT_AT.match(version) and _BUILT_AT.match(other)):
        return False
    return version[:16] > other[:16]


def _listing(live: LiveListing) -> Listing | None:
    """The listing's latest form, as the log kept it (None when it no longer validates: a model
    made stricter since; it is left as it was and counted as unreadable)."""
    try:
        return Listing.model_validate(live.listing)
    except ValidationError:
        return None
