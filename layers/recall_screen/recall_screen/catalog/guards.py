"""List guards: a drop that would stop screening too much of its source's current list is held.

A valid file of 5 recalls dropped after the 956 of the full CPSC list would silently stop 951
recalls being screened. So a drop that removes more than `max_removed_share` of the current list's
recalls, or leaves a list of at least `min_kept_recalls` with fewer than that, is `held`: the
current list keeps serving, the report says why, and the drop goes live only when confirmed.

Confirmation is the same file uploaded again, with the S3 object metadata
`x-amz-meta-recall-screen-confirm` set to the held drop's confirmation code (its `drop_id`, given
only in its report):

    aws s3 cp list.json s3://BUCKET/recalls/cpsc/list.json --metadata recall-screen-confirm=<code>

It cannot be replayed by accident: the code names one held upload, which is only known once it was
held; a confirmation whose code is not the source's held drop, or whose content differs from it,
confirms nothing (the upload is judged, and held, like any other). Accepting any list clears what
was held, so a copy of an old confirmed object (S3 copies keep metadata) is held again.

Recalls withdrawn explicitly (`withdrawal`) count as removals when a file withdraws more than
`WITHDRAWALS_TAKEN_AS_MEANT` of them: a `withdrawn` column filled down by mistake takes a list down as
surely as a cut-off file, and a withdrawal that large is confirmed too. Fewer are taken as meant.
The report of a held drop names the recalls it would remove (`removed_ids`, the first
`REMOVED_SHOWN`), so the regulator can check them before confirming.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from recall_screen.ingest import recall_key
from recall_screen.models import Recall

ENV_MAX_REMOVED_SHARE = "RECALL_SCREEN_MAX_REMOVED_SHARE"
ENV_MIN_KEPT_RECALLS = "RECALL_SCREEN_MIN_KEPT_RECALLS"
CONFIRM_METADATA = "recall-screen-confirm"  # S3 user metadata, sent as x-amz-meta-recall-screen-confirm
REMOVED_SHOWN = 200  # the removed recalls a held drop's report names, at most (its count says how many)
# A file that withdraws at most this many recalls explicitly has them go unconfirmed, whatever the
# list's size (a regulator's routine withdrawal); more are counted by the guards like any removed.
WITHDRAWALS_TAKEN_AS_MEANT = 3


@dataclass(frozen=True)
class Shrink:
    """What a drop would do to its source's list, when that trips a guard."""

    current: int  # recalls in the current list
    new: int  # recalls in the dropped list
    removed: int  # current recalls the drop leaves out, or withdraws
    removed_share: float  # removed / current
    reasons: tuple[str, ...]  # which guards it trips, one phrase each
    # What the list holds: "recalls", "category rules" (a priority list), or both, each counted.
    unit: str = "recalls"
    removed_ids: tuple[str, ...] = ()  # which, sorted: the first REMOVED_SHOWN ("rule …" for a rule)

    def naming(self, removed_ids: Iterable[str]) -> Shrink:
        """The same shrink, naming which it removes: sorted, the first `REMOVED_SHOWN`."""
        return replace(self, removed_ids=tuple(sorted(removed_ids)[:REMOVED_SHOWN]))

    def describe(self) -> str:
        return f"would remove {self.removed} of {self.current} {self.unit}, leaving {self.new}: " + "; ".join(
            self.reasons
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "new": self.new,
            "removed": self.removed,
            "removed_share": self.removed_share,
            "reasons": list(self.reasons),
            "unit": self.unit,
            "removed_ids": list(self.removed_ids),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Shrink:
        return cls(
            current=int(raw["current"]),
            new=int(raw["new"]),
            removed=int(raw["removed"]),
            removed_share=float(raw["removed_share"]),
            reasons=tuple(str(r) for r in raw.get("reasons") or ()),
            unit=str(raw.get("unit") or "recalls"),  # held before lists' rules were guarded
            removed_ids=tuple(str(i) for i in raw.get("removed_ids") or ()),  # held before they were named
        )


# A list whose recalls lost their identifiers: at least this many of those that carried them in
# the current list, and more than this share of them, carry none in the new one.
LOST_AT_LEAST = 5
LOST_SHARE = 0.5


def identifiers_lost(current: Iterable[Recall], new: Sequence[Recall]) -> list[str]:
    """What the report of a new list tells when most of the recalls it keeps that carried GTINs or
    model numbers in the current list carry none in it: a column lost in an export. The guards
    count recalls, and a list of the same recalls without their codes passes them, though its
    recalls can then be matched by name alone (one warning per kind of identifier)."""
    before = {recall_key(r.source, r.recall_id): r for r in current}
    told = []
    for label, codes in (("GTINs", _gtins), ("model numbers", _models)):
        carried = lost = 0
        for recall in new:
            old = before.get(recall_key(recall.source, recall.recall_id))
            if old is None or not codes(old):
                continue
            carried += 1
            lost += not codes(recall)
        if lost >= LOST_AT_LEAST and lost > carried * LOST_SHARE:
            told.append(
                f"{lost} of the {carried} recalls that carried {label} in the current list carry none in "
                f"this one (a column lost in the export?): they are matched without them"
            )
    return told


def _gtins(recall: Recall) -> bool:
    return bool(recall.gtins or recall.unchecked_gtins)


def _models(recall: Recall) -> bool:
    return bool(recall.models)


@dataclass(frozen=True)
class ListGuards:
    """`max_removed_share`: the share of a source's current recalls one drop may remove unconfirmed
    (1 turns the guard off). `min_kept_recalls`: a list of at least this many recalls may not
    shrink below it unconfirmed (0 turns the guard off); it still protects a list whose share
    guard an operator loosened for a source that churns."""

    max_removed_share: float = 0.2
    min_kept_recalls: int = 10

    def __post_init__(self) -> None:
        if not 0 <= self.max_removed_share <= 1:
            raise ValueError("max_removed_share must be between 0 and 1")
        if self.min_kept_recalls < 0:
            raise ValueError("min_kept_recalls must not be negative")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ListGuards:
        """Guards from RECALL_SCREEN_MAX_REMOVED_SHARE and RECALL_SCREEN_MIN_KEPT_RECALLS, defaults
        where unset. A malformed value is an error that names the variable, not a silent default."""
        env = os.environ if env is None else env
        default = cls()
        share = _read(env, ENV_MAX_REMOVED_SHARE, float, default.max_removed_share)
        floor = _read(env, ENV_MIN_KEPT_RECALLS, int, default.min_kept_recalls)
        try:
            return cls(max_removed_share=share, min_kept_recalls=floor)
        except ValueError as exc:
            raise ValueError(
                f"list guards from the environment ({ENV_MAX_REMOVED_SHARE}, {ENV_MIN_KEPT_RECALLS}): {exc}"
            ) from None

    def check(self, *, current: int, new: int, removed: int, unit: str = "recalls") -> Shrink | None:
        """The shrink when replacing a list of `current` recalls (or other `unit`s) by one of `new`,
        leaving out `removed` of the current ones, trips a guard; None when it may go live
        unconfirmed (`Shrink.naming` adds which it removes)."""
        if current == 0:
            return None
        share = removed / current
        reasons = []
        if share > self.max_removed_share:
            reasons.append(f"removes {share:.0%} of the list, over the {self.max_removed_share:.0%} limit")
        if new < self.min_kept_recalls <= current:
            reasons.append(f"leaves {new} recalls, below the floor of {self.min_kept_recalls}")
        if not reasons:
            return None
        return Shrink(
            current=current,
            new=new,
            removed=removed,
            removed_share=round(share, 4),
            reasons=tuple(reasons),
            unit=unit,
        )


DEFAULT_GUARDS = ListGuards()

# The offline `build-index`: its user names every file on the command line, and has no way to
# confirm; the guards are for what arrives in the bucket.
NO_GUARDS = ListGuards(max_removed_share=1.0, min_kept_recalls=0)


def _read(env: Mapping[str, str], name: str, kind: type[float] | type[int], fallback: float) -> Any:
    raw = env.get(name, "").strip()
    if not raw:
        return fallback
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a valid {kind.__name__}") from None
