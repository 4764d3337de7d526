"""What became of a drop: its `Outcome`, the `DropResult` the builder logs and counts, and the
`Decided` record the processor hands to the report writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from recall_screen.catalog.drop import DropObject
from recall_screen.catalog.guards import Shrink
from recall_screen.catalog.state import HeldDrop
from recall_screen.ingest import DropReport
from recall_screen.models import Recall


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # the file is its source's list now; a new index version is published
    REJECTED = "rejected"  # refused as a whole; the index is untouched
    SUPERSEDED = "superseded"  # older than a file already seen for its source; ignored
    UNCHANGED = "unchanged"  # the same content as its source's current list; nothing to build
    DUPLICATE = "duplicate"  # a replayed event for a drop already processed; nothing done
    HELD = "held"  # valid, but would shrink its source's list past a guard: waits for confirmation
    WITHDRAWN = "withdrawn"  # recalls, or a whole list, withdrawn on purpose; a new index version


PUBLISHING = frozenset({Outcome.ACCEPTED, Outcome.WITHDRAWN})  # the outcomes that publish an index


@dataclass
class DropResult:
    outcome: Outcome
    drop: DropObject
    reason: str | None = None  # one line, for rejected / superseded / unchanged
    index_version: str | None = None  # produced by this drop, or the one serving
    index_recalls: int | None = None
    build_ms: float | None = None
    recalls: int = 0  # recalls this drop brought (accepted only)
    models: int = 0  # distinct model numbers in them
    gtins: int = 0  # distinct GTINs in them (validated or not)
    report_key: str | None = None
    pruned: list[str] = field(default_factory=list)
    shrink: Shrink | None = None  # held: what it would do; accepted: a confirmed shrink
    first_outcome: Outcome | None = None  # a duplicate's: what the drop's first processing was

    @property
    def published_version(self) -> str | None:
        """The index version this drop published, now or when it was first processed (a retried
        event of a drop that published: the version its re-screen is of)."""
        outcome = self.first_outcome if self.outcome is Outcome.DUPLICATE else self.outcome
        return self.index_version if outcome in PUBLISHING else None

    def summary(self) -> str:
        """One line for people: what happened to the file."""
        if self.outcome is Outcome.ACCEPTED:
            return (
                f"accepted {self.drop.name}: {self.recalls} recalls "
                f"({self.models} models, {self.gtins} GTINs), index {self.index_version}"
            )
        return f"{self.outcome.value} {self.drop.name}: {self.reason or ''}"


@dataclass
class Decided:
    """A drop's result with what its report tells beside it."""

    result: DropResult
    ingest_report: DropReport | None = None
    sha256: str | None = None
    superseded_by: DropObject | None = None
    held: HeldDrop | None = None  # this drop, held
    confirmed: HeldDrop | None = None  # the held drop this one confirmed
    withdrawal: dict[str, Any] | None = None  # what a withdrawal took out of the list
    # The recalls (`ingest.recall_key`) the drop withdrew explicitly from its list: once the index
    # is built, its report says which other lists still carry them.
    withdrawn_keys: frozenset[tuple[str, str]] = frozenset()


def replayed_result(drop: DropObject, ledger: dict[str, Any]) -> Decided:
    """A drop the ledger has seen: nothing to do, and its first outcome to tell."""
    reason = f"already processed at {ledger.get('processed_at')} ({ledger.get('outcome')})"
    first = ledger.get("outcome")
    result = DropResult(
        Outcome.DUPLICATE,
        drop,
        reason=reason,
        index_version=ledger.get("index_version"),
        report_key=ledger.get("report_key"),
        first_outcome=Outcome(first) if first in {o.value for o in Outcome} else None,
    )
    return Decided(result)


def accepted_result(drop: DropObject, recalls: list[Recall]) -> DropResult:
    models = {m for r in recalls for m in r.models}
    gtins = {g for r in recalls for g in (*r.gtins, *r.unchecked_gtins)}
    return DropResult(Outcome.ACCEPTED, drop, recalls=len(recalls), models=len(models), gtins=len(gtins))
