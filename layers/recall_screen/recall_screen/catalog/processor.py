"""Processing drops: each drop's outcome by the rules of `recall_screen.catalog`, the catalogue
state it changes, the one index version a batch of drops publishes, and (through `reports`) the
report and ledger entry every drop gets."""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from recall_screen.artifact import ArtifactError
from recall_screen.catalog.changes import delta_recalls, diff_lists, write_changes
from recall_screen.catalog.drop import DropObject, is_older
from recall_screen.catalog.guards import (
    DEFAULT_GUARDS,
    WITHDRAWALS_TAKEN_AS_MEANT,
    ListGuards,
    Shrink,
    identifiers_lost,
)
from recall_screen.catalog.health import record_builder_health
from recall_screen.catalog.keys import (
    CATALOG_KEY,
    POINTER_KEY,
    ledger_key,
    part_key,
    sha256_hex,
    source_recalls_key,
)
from recall_screen.catalog.outcome import (
    PUBLISHING,
    Decided,
    DropResult,
    Outcome,
    accepted_result,
    replayed_result,
)
from recall_screen.catalog.publishing import prune, publish, read_pointer
from recall_screen.catalog.repair import rebuild_catalog
from recall_screen.catalog.reports import write_report
from recall_screen.catalog.state import (
    Catalog,
    CatalogCorrupt,
    CurrentList,
    HeldDrop,
    SourceState,
    StateError,
    decode_kept,
    encode_recalls,
)
from recall_screen.catalog.storage import Storage
from recall_screen.catalog.withdrawal import withdraw, withdraw_all_marker, withdrawn_keys
from recall_screen.category_rules import CategoryRule
from recall_screen.clock import now_utc, utc_z
from recall_screen.index import RecallIndex, SourceList
from recall_screen.ingest import DropOutcome, IssueOut, Limits, read_drop, recall_key
from recall_screen.models import Recall
from recall_screen.parts import RULES as PART_RULES
from recall_screen.parts import IndexPart, PartError
from recall_screen.union import one_per_recall

log = logging.getLogger(__name__)


# `read_body(max_bytes)`: a drop's body, reading no more than `max_bytes + 1` bytes.
ReadBody = Callable[[int], bytes]


class DropProcessor:
    """Applies drops to the catalog and the published index, by the rules of `recall_screen.catalog`.

    `limits`: `max_bytes` is checked here, before a body is read; the ingest checks the rest.
    `guards`: how far one drop may shrink its source's list before it is held (`guards`).
    `now`: the clock that stamps versions and reports (tests pass one that ticks per call).
    `check_order=False` skips the superseded rule and `check_replay=False` the ledger look-up: the
    offline command line has no events, and its user's explicit order wins.
    """

    def __init__(
        self,
        storage: Storage,
        *,
        limits: Limits,
        guards: ListGuards = DEFAULT_GUARDS,
        versions_kept: int = 10,
        now: Callable[[], datetime] = now_utc,
        check_order: bool = True,
        check_replay: bool = True,
    ) -> None:
        self.storage = storage
        self.limits = limits
        self.guards = guards
        self.versions_kept = versions_kept
        self.now = now
        self.check_order = check_order
        self.check_replay = check_replay
        # Lists accepted in this run (recalls and rules), by their kept key.
        self._fresh: dict[str, tuple[list[Recall], list[CategoryRule]]] = {}

    def process(self, drop: DropObject, read_body: ReadBody) -> DropResult:
        """Process one drop (its size and LastModified already known, from HEAD or the file system).

        `read_body(max_bytes)` returns the body, reading no more than `max_bytes + 1` bytes; it is
        not called when the metadata already shows the file is over the size limit."""
        return self.process_all([(drop, read_body)])[0]

    def process_all(self, drops: Iterable[tuple[DropObject, ReadBody]]) -> list[DropResult]:
        """Process drops in order, publishing at most one new index version for all of them.

        Writes, in this order: each new list's recalls (state/sources/), the artifact, the pointer,
        the catalog, then each drop's report and (last) its ledger entry. A crash before the
        ledger entry means the event is processed again on retry, which converges.

        A corrupt or lost catalogue is rebuilt first (`repair`); when the state cannot be used
        (not rebuildable, or a source's kept recalls gone) every drop is refused with a report
        and nothing is published. Either way `state/health.json` says so (`health`)."""
        batch = list(drops)
        at = utc_z(self.now())
        try:
            catalog, repaired = self._load_catalog()
            results = self._apply(catalog, batch, write_catalog=repaired is not None)
        except StateError as fault:
            log.error("the builder's state cannot be used; drops refused: %s", fault)
            record_builder_health(self.storage, fault=str(fault), repaired=None, at=at)
            return self._refuse(batch, str(fault))
        record_builder_health(self.storage, fault=None, repaired=repaired, at=at)
        return results

    def _load_catalog(self) -> tuple[Catalog, str | None]:
        """The catalogue, and what was repaired when it had to be rebuilt (None when it was sound)."""
        data = self.storage.get(CATALOG_KEY)
        try:
            catalog = Catalog.from_json(data)
        except CatalogCorrupt as corrupt:
            fault = str(corrupt)
        else:
            if data is not None or self.storage.get(POINTER_KEY) is None:
                return catalog, None
            fault = f"{CATALOG_KEY} is missing while an index is published"
        try:
            catalog = rebuild_catalog(self.storage)
        except StateError as exc:
            raise StateError(f"{fault}, and cannot be rebuilt: {exc}") from None
        repaired = (
            f"{fault}; rebuilt from the published index and the kept lists ({len(catalog.sources)} sources)"
        )
        log.warning("%s", repaired)
        return catalog, repaired

    def _refuse(self, batch: list[tuple[DropObject, ReadBody]], fault: str) -> list[DropResult]:
        """Every drop of the batch refused for a broken state: a report, no ledger entry (so that
        the same upload is processed once the state is repaired), nothing published. A replayed
        event of a drop processed before keeps its report."""
        serving = None
        with contextlib.suppress(ArtifactError):
            pointer = read_pointer(self.storage)
            serving = pointer.version if pointer else None
        results = []
        for drop, _ in batch:
            ledger = self.storage.get(ledger_key(drop.source, drop.drop_id)) if self.check_replay else None
            if ledger is not None:
                results.append(replayed_result(drop, json.loads(ledger)).result)
                continue
            reason = (
                f"not processed: the builder's state cannot be used ({fault}); the current index keeps "
                f"serving; upload this file again once the state is repaired (state/health.json)"
            )
            result = DropResult(Outcome.REJECTED, drop, reason=reason, index_version=serving)
            write_report(self.storage, Decided(result), processed_at=utc_z(self.now()), ledger=False)
            results.append(result)
        return results

    def _apply(
        self, catalog: Catalog, batch: list[tuple[DropObject, ReadBody]], *, write_catalog: bool
    ) -> list[DropResult]:
        decided: list[Decided] = []
        stale: set[str] = set()
        changed = write_catalog
        # Each source's list before this batch: what the change record of a new version is against.
        before = {name: s.current.recalls_key for name, s in catalog.sources.items() if s.current}
        for drop, read_body in batch:
            outcome = self._decide(drop, read_body, catalog, stale)
            decided.append(outcome)
            changed |= outcome.result.outcome is not Outcome.DUPLICATE

        publishing = [d.result for d in decided if d.result.outcome in PUBLISHING]
        if publishing:
            index, build_ms, parts = self._build(catalog, before)
            for result in publishing:
                result.index_version, result.build_ms = index.version, build_ms
                result.index_recalls = len(index)
            for item in decided:
                if item.withdrawn_keys and item.result.outcome in PUBLISHING:
                    self._tell_still_listed(item, parts)
        self._fresh.clear()
        if changed:
            self.storage.put(CATALOG_KEY, catalog.to_json())
        current_keys = {s.current.recalls_key for s in catalog.sources.values() if s.current}
        for key in sorted(stale - current_keys):
            self.storage.delete(key)
            self.storage.delete(part_key(key, PART_RULES))
        if publishing:
            publishing[-1].pruned = self._prune(catalog)

        for item in decided:
            if item.result.outcome is Outcome.DUPLICATE:
                continue
            if item.result.outcome not in PUBLISHING:
                item.result.index_version = catalog.index_version
            write_report(self.storage, item, processed_at=utc_z(self.now()))
        return [d.result for d in decided]

    # -- deciding one drop ---------------------------------------------------------------------

    def _decide(self, drop: DropObject, read_body: ReadBody, catalog: Catalog, stale: set[str]) -> Decided:
        """The outcome of one drop, with the catalogue updated for it (its list accepted or held,
        or only noted as the newest file seen). `stale` gathers the kept recalls an accepted list
        replaces."""
        ledger = self.storage.get(ledger_key(drop.source, drop.drop_id)) if self.check_replay else None
        if ledger is not None:
            return replayed_result(drop, json.loads(ledger))

        state = catalog.state(drop.source)
        if self.check_order and state.latest is not None and is_older(drop, state.latest):
            newer = state.latest
            reason = f"superseded by {newer.key} (modified {newer.stamp()['last_modified']}): not rolled back"
            # The newer file may itself have been rejected or held: say which list is serving.
            serving = state.current
            if serving is None:
                reason += "; no list of this source is serving"
            elif serving.drop.drop_id != newer.drop_id:
                reason += f"; the list serving is still {serving.drop.key}'s ({serving.recalls} recalls)"
            return Decided(DropResult(Outcome.SUPERSEDED, drop, reason=reason), superseded_by=newer)

        # From here on the drop is the newest file seen for its source, whatever becomes of it.
        max_bytes = self.limits.max_bytes
        if drop.size is not None and drop.size > max_bytes:
            state.latest = drop
            reason = f"file is {drop.size} bytes, over the limit of {max_bytes} bytes (not read)"
            return Decided(DropResult(Outcome.REJECTED, drop, reason=reason))
        body = read_body(max_bytes)
        state.latest = drop
        if len(body) > max_bytes:
            reason = f"file is over the limit of {max_bytes} bytes"
            return Decided(DropResult(Outcome.REJECTED, drop, reason=reason))

        digest = sha256_hex(body)
        if state.current is not None and state.current.sha256 == digest:
            current = state.current
            count = f"{current.recalls} recall{'' if current.recalls == 1 else 's'}"
            reason = (
                f"same content as the current list of {drop.source!r} ({current.drop.name}, {count}, "
                f"still serving): nothing to build"
            )
            return Decided(DropResult(Outcome.UNCHANGED, drop, reason=reason), sha256=digest)

        marker = withdraw_all_marker(body)
        if marker is not None:
            return self._withdraw_all(drop, marker, digest, catalog, stale)
        parsed = read_drop(
            body, name=drop.name, source=drop.source, limits=self.limits, received_at=drop.last_modified
        )
        if not parsed.accepted:
            result = DropResult(Outcome.REJECTED, drop, reason=parsed.reason or "rejected")
            return Decided(result, ingest_report=parsed.report, sha256=digest)
        if parsed.withdrawn and not parsed.recalls and not parsed.rules:
            return self._withdraw(drop, parsed, digest, catalog, stale)
        return self._guarded(drop, parsed, digest, state, stale)

    def _guarded(
        self, drop: DropObject, parsed: DropOutcome, digest: str, state: SourceState, stale: set[str]
    ) -> Decided:
        """A valid list, accepted unless it would shrink the current one past a guard and is not
        the confirmation of the very drop held for that."""
        kept = self._kept_list(drop.source, state.current) if state.current is not None else None
        withdrawn = withdrawn_keys(parsed.withdrawn)
        shrink, taken = self._shrink(kept, parsed.recalls, parsed.rules, withdrawn)
        if kept is not None and parsed.report is not None:
            for reason in identifiers_lost(kept[0], parsed.recalls):
                parsed.report.warnings.insert(0, IssueOut(field="identifiers", reason=reason))
                parsed.report.warnings_total += 1
        held = self._held(drop, parsed, digest, state, shrink)
        if held is not None:
            return held
        confirmed = state.held if shrink is not None else None
        state.held = None  # a list accepted: whatever was held is older, and no longer confirmable
        if state.current is not None:
            stale.add(state.current.recalls_key)
        state.current = self._keep(drop, parsed.recalls, digest, parsed.rules)
        result = accepted_result(drop, parsed.recalls)
        result.shrink = shrink
        return Decided(
            result, ingest_report=parsed.report, sha256=digest, confirmed=confirmed, withdrawn_keys=taken
        )

    def _held(
        self, drop: DropObject, parsed: DropOutcome, digest: str, state: SourceState, shrink: Shrink | None
    ) -> Decided | None:
        """The drop held, when it trips a guard (`shrink`) and is not the confirmation of the very
        drop held for that; None when it may go live."""
        confirms = state.held is not None and drop.confirm == state.held.code and digest == state.held.sha256
        if shrink is None or confirms:
            return None
        state.held = HeldDrop(drop, digest, shrink, held_at=utc_z(self.now()))
        reason = f"held: {shrink.describe()}; the current list keeps serving until this file is confirmed"
        if drop.confirm is not None:
            reason += f" (its confirmation {drop.confirm!r} names no drop held with this content)"
        result = DropResult(Outcome.HELD, drop, reason=reason, shrink=shrink)
        return Decided(result, ingest_report=parsed.report, sha256=digest, held=state.held)

    def _shrink(
        self,
        kept: tuple[list[Recall], list[CategoryRule]] | None,
        recalls: list[Recall],
        rules: list[CategoryRule],
        withdrawn: set[tuple[str, str]],
    ) -> tuple[Shrink | None, frozenset[tuple[str, str]]]:
        """What replacing the source's current list (`kept`: its recalls and rules; None, no list)
        by `recalls` and `rules` does, when that trips a guard: a priority list's category rules
        are guarded as recalls are (a broken file would otherwise stop flagging its categories
        unseen). Recalls the file withdraws explicitly (`withdrawn`) count as removed when there
        are more than `WITHDRAWALS_TAKEN_AS_MEANT`: a `withdrawn` column filled down by mistake
        takes a list down as surely as a cut-off file, and a withdrawal that large is confirmed
        like any other shrink. Fewer are a routine withdrawal, counted neither removed nor gone.
        Also the recalls of the current list the file withdraws (`Decided.withdrawn_keys`)."""
        if kept is None:
            return None, frozenset()
        kept_recalls, kept_rules = kept
        current = _entries(kept_recalls, kept_rules)
        listed = _entries(recalls, rules)
        gone = current - listed
        taken = frozenset(gone & withdrawn)  # recall keys: a rule's entry is never one
        meant = taken if len(taken) <= WITHDRAWALS_TAKEN_AS_MEANT else frozenset()
        gone -= meant
        unit = _unit(bool(kept_recalls or recalls), bool(kept_rules or rules))
        shrink = self.guards.check(
            current=len(current), new=len(listed) + len(meant), removed=len(gone), unit=unit
        )
        if shrink is not None and gone:  # named only for the report of a drop held
            shrink = shrink.naming(_named(kept_recalls, kept_rules, gone))
        return shrink, taken

    # -- withdrawing ---------------------------------------------------------------------------

    def _withdraw_all(
        self, drop: DropObject, named: str, digest: str, catalog: Catalog, stale: set[str]
    ) -> Decided:
        """`{"withdraw_all": "<source>"}`: the source's whole list leaves the index. A marker
        names its own folder, so no export can be one by mistake: it is not held."""
        state = catalog.state(drop.source)
        if named != drop.source:
            reason = (
                f"withdraw_all names the list {named!r}, but the file is in recalls/{drop.source}/: "
                f"nothing withdrawn"
            )
            return Decided(DropResult(Outcome.REJECTED, drop, reason=reason), sha256=digest)
        if state.current is None:
            reason = f"{drop.source!r} has no current list to withdraw"
            return Decided(DropResult(Outcome.UNCHANGED, drop, reason=reason), sha256=digest)
        withdrawn = state.current
        gone = frozenset(
            recall_key(r.source, r.recall_id) for r in self._kept_recalls(drop.source, withdrawn)
        )
        stale.add(withdrawn.recalls_key)
        state.current, state.held = None, None
        reason = (
            f"withdrew the whole list of {drop.source!r} ({withdrawn.recalls} recalls, {withdrawn.drop.name})"
        )
        section = {"all": True, "recalls": withdrawn.recalls, "list": withdrawn.drop.stamp(), "remaining": 0}
        result = DropResult(Outcome.WITHDRAWN, drop, reason=reason)
        return Decided(result, sha256=digest, withdrawal=section, withdrawn_keys=gone)

    def _withdraw(
        self, drop: DropObject, parsed: DropOutcome, digest: str, catalog: Catalog, stale: set[str]
    ) -> Decided:
        """A file of withdrawals only: those recalls leave the source's current list, unless
        that many would trip a guard (held, and confirmed, as any shrink)."""
        state = catalog.state(drop.source)
        current = state.current
        recalls, rules = self._kept_list(drop.source, current) if current else ([], [])
        kept, gone = withdraw(recalls, parsed.withdrawn) if current else ([], [])
        if current is None or not gone:
            reason = (
                f"none of the {len(parsed.withdrawn)} withdrawn recall(s) is on the current list "
                f"of {drop.source!r}"
            )
            return Decided(
                DropResult(Outcome.UNCHANGED, drop, reason=reason), ingest_report=parsed.report, sha256=digest
            )
        shrink, taken = self._shrink((recalls, rules), kept, rules, withdrawn_keys(parsed.withdrawn))
        held = self._held(drop, parsed, digest, state, shrink)
        if held is not None:
            return held
        confirmed = state.held if shrink is not None else None
        stale.add(current.recalls_key)
        state.current = self._keep(drop, kept, digest, rules) if kept or rules else None
        state.held = None  # the list it was judged against has changed: it must be dropped again
        missing = len(parsed.withdrawn) - len(gone)
        reason = f"withdrew {len(gone)} recall(s) from the list of {drop.source!r}, {len(kept)} left" + (
            f"; {missing} withdrawn recall(s) were not on it" if missing else ""
        )
        section = {
            "all": False,
            "recalls": len(gone),
            "recall_ids": gone,
            "list": current.drop.stamp(),
            "remaining": len(kept),
        }
        result = DropResult(Outcome.WITHDRAWN, drop, reason=reason)
        return Decided(
            result,
            ingest_report=parsed.report,
            sha256=digest,
            withdrawal=section,
            confirmed=confirmed,
            withdrawn_keys=taken,
        )

    @staticmethod
    def _tell_still_listed(item: Decided, parts: dict[str, IndexPart]) -> None:
        """What the report of a drop that withdrew recalls adds when another list still carries
        some of them (a priority list naming a recall of the regulator's own list): the index is
        the union of the lists, so those recalls stay screened until those lists drop them. Read
        from the index parts the build merged (their keys), after it."""
        wanted = item.withdrawn_keys
        ids_wanted = {recall_id for _, recall_id in wanted}
        carried: dict[str, list[str]] = {}
        for name, part in sorted(parts.items()):
            if name == item.result.drop.source:
                continue
            ids = sorted(
                recall_id
                for source, recall_id in part.keys
                if recall_id.strip().lower() in ids_wanted and recall_key(source, recall_id) in wanted
            )
            if ids:
                carried[name] = ids
        if not carried:
            return
        lists = ", ".join(f"{name!r} ({len(ids)})" for name, ids in carried.items())
        told = f"still screened, as the list(s) of {lists} carry them: withdraw them there too"
        if item.withdrawal is not None:
            item.withdrawal["still_listed"] = carried
            item.result.reason = f"{item.result.reason}; {told}"
        elif item.ingest_report is not None:  # a full list's withdrawn records
            reason = f"{sum(map(len, carried.values()))} recall(s) it withdraws are {told}"
            item.ingest_report.warnings.insert(0, IssueOut(field="withdrawn", reason=reason))
            item.ingest_report.warnings_total += 1

    def _kept_recalls(self, source: str, current: CurrentList) -> list[Recall]:
        return self._kept_list(source, current)[0]

    def _kept_list(self, source: str, current: CurrentList) -> tuple[list[Recall], list[CategoryRule]]:
        """The recalls and category rules kept for a source's current list: as accepted earlier in
        this run (`_keep`), else read back."""
        fresh = self._fresh.get(current.recalls_key)
        if fresh is not None:
            return fresh
        data = self.storage.get(current.recalls_key)
        if data is None:
            raise _kept_list_missing(source, current)
        return decode_kept(data)

    def _keep(
        self, drop: DropObject, recalls: list[Recall], digest: str, rules: list[CategoryRule] | None = None
    ) -> CurrentList:
        """Keep a list's recalls and rules (state/sources/), so later builds need not re-parse it."""
        recalls_key = source_recalls_key(drop.source, digest)
        self.storage.put(recalls_key, encode_recalls(recalls, rules), content_type="application/gzip")
        # This run's build profiles them without reading them back.
        self._fresh[recalls_key] = (recalls, rules or [])
        return CurrentList(
            drop=drop,
            sha256=digest,
            recalls_key=recalls_key,
            recalls=len(recalls),
            accepted_at=utc_z(self.now()),
            regulators=sorted({r.source for r in recalls}),
        )

    # -- building and writing ------------------------------------------------------------------

    def _build(
        self, catalog: Catalog, before: dict[str, str]
    ) -> tuple[RecallIndex, float, dict[str, IndexPart]]:
        """The union of every source's current list, published (its change record and delta,
        the artifact, then the pointer). Each list's part is made once and kept (`parts`): a drop
        re-profiles only the lists it changed. `before`: each source's kept-recalls key before the
        batch."""
        started = time.perf_counter()
        parts: dict[str, IndexPart] = {}
        sources: dict[str, SourceList] = {}
        for name, state in sorted(catalog.sources.items()):
            if state.current is None:
                continue
            parts[name] = self._part(name, state.current, before.get(name))
            sources[name] = state.current.source_list(name)
        now = self.now()
        merged = self._one_per_recall(catalog, parts)
        index = RecallIndex.merge(merged, sources=sources, built_at=now)
        # A version names its second and its recalls: the same recalls published again within the
        # second, from other files (A, B, then A's recalls again), would take a published name,
        # which is never overwritten. It takes the next free second instead.
        while index.version in catalog.published:
            now += timedelta(seconds=1)
            index = RecallIndex.merge(merged, sources=sources, built_at=now)
        self._record_changes(catalog, index, before, now)
        publish(self.storage, index, now=now, published=catalog.published)
        catalog.index_version = index.version
        catalog.published.append(index.version)
        return index, (time.perf_counter() - started) * 1000, parts

    def _part(self, source: str, current: CurrentList, before: str | None) -> IndexPart:
        """The list's part of the index: the kept one, else made from its recalls and kept. A
        kept part that cannot be used (unreadable, made by other rules) is made again. Made
        again, it keeps the rows of the recalls that the list's previous part (`before`: the
        list's kept-recalls key before this batch) holds unchanged: a weekly drop of a whole
        list profiles what it changed."""
        # The kept recalls stay the list's truth (a later drop is judged against them): a list
        # whose recalls are gone is a fault to repair, even while its part could still serve.
        folder = current.recalls_key.rpartition("/")[0] + "/"
        if current.recalls_key not in self.storage.list_keys(folder):
            raise _kept_list_missing(source, current)
        key = part_key(current.recalls_key, PART_RULES)
        data = self.storage.get(key)
        if data is not None:
            try:
                return IndexPart.from_bytes(data)
            except PartError as exc:
                log.warning("the kept index part %s is not used, it is made again: %s", key, exc)
        recalls, rules = self._kept_list(source, current)
        part = IndexPart.of(recalls, rules, previous=self._previous_part(before, current))
        self.storage.put(key, part.to_bytes(), content_type="application/gzip")
        return part

    def _previous_part(self, before: str | None, current: CurrentList) -> IndexPart | None:
        """The part kept for a list's previous recalls, when there is one this code can use."""
        if before is None or before == current.recalls_key:
            return None
        data = self.storage.get(part_key(before, PART_RULES))
        if data is None:
            return None
        try:
            return IndexPart.from_bytes(data)
        except PartError:  # not used: its recalls are profiled again
            return None

    def _one_per_recall(self, catalog: Catalog, parts: dict[str, IndexPart]) -> list[IndexPart]:
        """The parts to merge, a recall that several lists carry once: its records are read from
        those lists alone, merged (`union.merged`) and given a part of their own."""
        seen: dict[tuple[str, str], str] = {}
        shared: set[tuple[str, str]] = set()
        for name, part in parts.items():
            for key in part.keys:
                if seen.setdefault(key, name) != name:
                    shared.add(key)
        if not shared:
            return list(parts.values())
        records: dict[str, list[Recall]] = {}
        for name, part in parts.items():
            if shared.intersection(part.keys):
                current = catalog.sources[name].current
                assert current is not None  # a part is made only for a current list
                kept = self._kept_recalls(name, current)
                records[name] = [r for r in kept if (r.source, r.recall_id) in shared]
        out = [part.without(shared, records.get(name, [])) for name, part in parts.items()]
        together = [r for name in parts for r in records.get(name, [])]
        return [*out, IndexPart.of(one_per_recall(together))]

    def _record_changes(
        self, catalog: Catalog, index: RecallIndex, before: dict[str, str], now: datetime
    ) -> None:
        """`index/<version>/changes.json` (and its delta index): only the sources whose kept list
        changed are compared, and only their lists are read (the previous ones are still kept:
        stale lists go after the build)."""
        current = {n: s.current for n, s in catalog.sources.items() if s.current}
        now_keys = {name: state.recalls_key for name, state in current.items()}
        moved = {n for n in set(before) | set(current) if before.get(n) != now_keys.get(n)}
        lists = {name: self._kept_recalls(name, current[name]) for name in moved & set(current)}
        previous = {}
        for name in sorted(moved & set(before)):
            data = self.storage.get(before[name])
            previous[name] = decode_kept(data)[0] if data is not None else []
        changes = diff_lists(
            previous,
            {name: lists.get(name, []) for name in moved},
            version=index.version,
            previous_version=catalog.index_version,
            built_at=index.built_at,
        )
        delta = delta_recalls(changes, one_per_recall(r for recalls in lists.values() for r in recalls))
        write_changes(self.storage, changes, delta, index_size=len(index), now=now)

    def _prune(self, catalog: Catalog) -> list[str]:
        try:
            return prune(
                self.storage,
                keep=self.versions_kept,
                current=catalog.index_version,
                published=catalog.published,
            )
        except Exception:  # housekeeping: the new index is published; the next build prunes again
            log.exception("could not delete old index versions")
            return []


def _kept_list_missing(source: str, current: CurrentList) -> StateError:
    return StateError(
        f"the kept recalls of source {source!r} ({current.recalls_key}) are missing; "
        f"restore that object from its previous version (the bucket is versioned)"
    )


def _entries(recalls: list[Recall], rules: list[CategoryRule]) -> set[tuple[str, str]]:
    """A list's entries by identity: its recalls' keys, and its rules' (apart from any recall's)."""
    return {recall_key(r.source, r.recall_id) for r in recalls} | {_rule_entry(r) for r in rules}


def _rule_entry(rule: CategoryRule) -> tuple[str, str]:
    return f"rule:{recall_key(rule.source, rule.rule_id)[0]}", rule.rule_id.strip().lower()


def _named(recalls: list[Recall], rules: list[CategoryRule], entries: set[tuple[str, str]]) -> list[str]:
    """The ids of `entries` (`_entries`' keys) as the list writes them: a rule's as "rule <id>"."""
    return [r.recall_id for r in recalls if recall_key(r.source, r.recall_id) in entries] + [
        f"rule {r.rule_id}" for r in rules if _rule_entry(r) in entries
    ]


def _unit(recalls: bool, rules: bool) -> str:
    if rules and recalls:
        return "recalls and category rules"
    return "category rules" if rules else "recalls"
