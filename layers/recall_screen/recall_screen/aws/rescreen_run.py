"""A re-screen of live listings after a new index version, as the worker Lambda runs it (and the
local command line, in-process): the shards a Distributed Map hands out, and the blocks that
rested on removed recalls.

    run = RescreenRun(storage, live, log, events, memory=ReviewStore(log))
    run.shards(version, [0, 1, 2])    # each live listing of those shards, screened for what changed
    run.removed(version)              # blocks on recalls the version removed -> review

Re-running a batch is safe: a listing re-screened by an earlier attempt now carries the version
(it is skipped), its decision write is conditional on the latest decision it re-screened (no
second record), and an event that attempt recorded but did not confirm sent is still pending on
the listing's latest item, so this attempt sends it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from recall_screen.artifact import ArtifactError
from recall_screen.aws.decision_events import EventSink
from recall_screen.aws.decision_items import RecallHit
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.live_listings import LiveListings
from recall_screen.catalog.changes import load_delta, read_changes
from recall_screen.catalog.keys import artifact_key
from recall_screen.catalog.publishing import load_published, read_pointer
from recall_screen.catalog.storage import Storage
from recall_screen.index import RecallIndex
from recall_screen.policy import Policy
from recall_screen.relisting import ListingMemory
from recall_screen.rescreen import (
    RESCREEN,
    DecisionChanged,
    LiveListing,
    RescreenCounts,
    Rescreened,
    Rescreener,
    built_after,
)

log = logging.getLogger(__name__)


@dataclass
class _Pending:
    """Events of one batch to send, and the latest items to clear once they are sent."""

    events: list[DecisionChanged] = field(default_factory=list)

    def add(self, event: DecisionChanged) -> None:
        self.events.append(event)


class RescreenRun:
    """Re-screens against one index version at a time; keeps the last version's indexes loaded
    (a warm worker handles many batches of the same version)."""

    def __init__(
        self,
        storage: Storage,
        live: LiveListings,
        log_: DecisionLog,
        events: EventSink,
        *,
        policy: Policy | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        memory: ListingMemory | None = None,
    ) -> None:
        self.storage = storage
        self.live = live
        self.log = log_
        self.events = events
        self.policy = policy or Policy()
        self.clock = clock
        self.memory = memory  # the review queue and listing memory (aws.review_store.ReviewStore)
        self._rescreener: Rescreener | None = None

    def rescreener(self, version: str) -> Rescreener | None:
        """The re-screener of `version`; None when the version has no change record (built before
        records were kept): there is nothing known to re-screen for.

        It screens with the index serving now when that is a later version: a run that starts late
        (its wait, a builder's retried event) finds the lists changed since, and a later version
        may have removed or narrowed a recall this one added, after its own run looked for blocks
        on it. The delta is still this version's: what it added or changed is what is looked for."""
        pointer = read_pointer(self.storage)
        # The pointer only moves on to newer versions; one built in the same second as this one is
        # told apart by nothing but that it serves.
        later = (
            pointer is not None and pointer.version != version and not built_after(version, pointer.version)
        )
        serving = pointer if later else None
        screening_version = serving.version if serving is not None else version
        cached = self._rescreener
        if cached is not None and cached.version == version and cached.index.version == screening_version:
            return cached
        changes = read_changes(self.storage, version)
        if changes is None:
            return None
        index = load_published(self.storage, serving) if serving is not None else self._own(version)
        delta: RecallIndex | None
        if changes.delta == artifact_key(version):  # every recall of the version is in its delta
            delta = self._own(version) if serving is not None else index
        else:
            delta = load_delta(self.storage, changes)
        self._rescreener = Rescreener(index, delta, changes, self.policy, self.memory)
        return self._rescreener

    def _own(self, version: str) -> RecallIndex:
        data = self.storage.get(artifact_key(version))
        if data is None:
            raise ArtifactError(f"index version {version} is gone (pruned?): its re-screen cannot run")
        return RecallIndex.from_artifact(data)

    # -- the Distributed Map's batches --------------------------------------------------------

    def shards(self, version: str, shards: Iterable[int]) -> RescreenCounts:
        """Re-screen every live listing of `shards` for what `version` added or changed."""
        counts = RescreenCounts()
        rescreener = self.rescreener(version)
        if rescreener is None or rescreener.changes.empty:
            return counts
        pending = _Pending()
        for shard in shards:
            for live in self.live.shard(shard):
                counts.read += 1
                if self._still_pending(live, version, pending):
                    continue
                change = rescreener.rescreen(live, now=self.clock(), counts=counts)
                if change is not None:
                    self._record(change, counts, pending)
        self._send(pending, counts)
        return counts

    # -- removed recalls ----------------------------------------------------------------------

    def removed(self, version: str) -> RescreenCounts:
        """Blocks that rested on recalls `version` removed go to review (through `by_recall`:
        only the listings ever decided against those recalls are read)."""
        counts = RescreenCounts()
        rescreener = self.rescreener(version)
        if rescreener is None:
            return counts
        pending = _Pending()
        seen: set[str] = set()
        for removed in rescreener.removed_recalls():
            for hit in self._hits(removed.source, removed.recall_id):
                if hit.decision != "block" or hit.listing_id in seen:
                    continue
                seen.add(hit.listing_id)
                live = self.live.live(hit.listing_id)
                counts.read += 1
                if live is None or self._still_pending(live, version, pending):
                    counts.skipped += 1
                    continue
                if live.decision_id != hit.decision_id:
                    counts.skipped += 1  # decided again since: that decision is the one that counts
                    continue
                change = rescreener.review_removed(live, removed, now=self.clock())
                if change is not None:
                    self._record(change, counts, pending)
        self._send(pending, counts)
        return counts

    def _hits(self, source: str, recall_id: str) -> Iterator[RecallHit]:
        cursor: str | None = None
        while True:
            page = self.log.recall_decisions(source, recall_id, limit=100, cursor=cursor)
            yield from page.items
            cursor = page.cursor
            if cursor is None:
                return

    # -- recording and telling ----------------------------------------------------------------

    @staticmethod
    def _still_pending(live: LiveListing, version: str, pending: _Pending) -> bool:
        """An event an earlier attempt recorded but did not confirm sent is sent now. True when
        the listing was re-screened for `version` already (nothing more to do for it)."""
        if live.pending_event is not None:
            pending.add(DecisionChanged.from_detail(live.pending_event))
        return live.pending_event is not None and live.index_version == version

    def _record(self, change: Rescreened, counts: RescreenCounts, pending: _Pending) -> None:
        decision_json = change.decision.model_dump_json()
        items = self.log.items_for(
            change.decision,
            change.listing,
            request_id=f"{RESCREEN}:{change.event.index_version}",
            caller=RESCREEN,
            decision_json=decision_json,
        )
        if self.live.record_rescreen(items, change, decision_json=decision_json):
            counts.changed += 1
            pending.add(change.event)
        else:
            counts.superseded += 1
            log.info("listing %s moved on while re-screened; nothing recorded", change.live.listing_id)

    def _send(self, pending: _Pending, counts: RescreenCounts) -> None:
        """Send the batch's events, then clear them from the listings (raises EventsNotSent, and
        they stay pending for the retry)."""
        if not pending.events:
            return
        self.events.send(pending.events)
        counts.events += len(pending.events)
        for event in pending.events:
            self.live.event_sent(event.listing_id, event.decision_id)
