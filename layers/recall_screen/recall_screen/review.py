"""Reviewer verdicts, the pure part: which match a verdict concerns, whether it may be given, and
the new decision it produces.

A reviewer `confirm`s (it is the recalled product) or `overrule`s (it is not) one match of a
decision. The decision is never edited: the verdict is kept beside it, and a new decision for the
listing records the outcome, its first reason starting with `reviewer`. One verdict per decision; a
second one is a conflict unless it names the first (`corrects`), and is then kept as a correction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from recall_screen.models import MAX_ID, MAX_SHORT, Decision, Match, Verdict, no_control_characters

# A note may run over lines; nothing else a terminal or a page would act on belongs in one.
_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

REVIEWER_REASON = "reviewer"
MAX_NOTE = 2_000

_RANK = {Verdict.BLOCK: 2, Verdict.REVIEW: 1, Verdict.ALLOW: 0}


class VerdictRequest(BaseModel):
    """A reviewer's verdict on one match of a decision."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    verdict: Literal["confirm", "overrule"] = Field(
        description="`confirm`: it is the recalled product; `overrule`: it is not"
    )
    source: Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT)] | None = Field(
        default=None, description="the recall's source; with `recall_id`, or left out for the top match"
    )
    recall_id: Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT)] | None = Field(
        default=None, description="the recall the verdict is about; left out: the decision's top match"
    )
    reviewer: Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)] = Field(
        description="who gives the verdict"
    )
    note: Annotated[str, StringConstraints(max_length=MAX_NOTE)] = ""
    corrects: Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)] | None = Field(
        default=None,
        description="the `verdict_id` of this decision's latest verdict, to correct it (kept as history)",
    )

    # The audit record keeps who and why as given, and the API and the report show them again.
    @field_validator("source", "recall_id", "reviewer", "corrects")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        return no_control_characters(value)

    @field_validator("reviewer")
    @classmethod
    def _visible(cls, value: str) -> str:
        # Who judged must read as itself: an invisible character ("\u200b", a byte-order mark) or a
        # direction mark ("rev\u202eana") makes two reviewer ids that print alike, or one of nothing.
        if any(unicodedata.category(c) == "Cf" for c in value) or not value.strip():
            raise ValueError("must not contain invisible or direction-changing characters")
        return value

    @field_validator("note")
    @classmethod
    def _note_text(cls, value: str) -> str:
        if _NOTE_CONTROL.search(value):
            raise ValueError("must not contain control characters but line breaks and tabs")
        return value


class VerdictRefused(ValueError):
    """The verdict cannot apply to this decision (no such match, or a match that does not apply)."""


class DecisionSuperseded(RuntimeError):
    """The decision is no longer the listing's latest: it was screened again (or judged) since, and
    a verdict on the older decision would replace the newer one unseen."""


class VerdictConflict(RuntimeError):
    """The decision has a verdict already, and this one does not name it as the one it corrects."""

    def __init__(self, message: str, latest: ReviewVerdict | None) -> None:
        super().__init__(message)
        self.latest = latest


@dataclass(frozen=True)
class ReviewVerdict:
    """A verdict as kept beside the decision it is about."""

    verdict_id: str  # the id of the decision the verdict produced
    decision_id: str  # the decision reviewed
    listing_id: str
    seller_id: str | None
    source: str
    recall_id: str
    verdict: str  # "confirm" or "overrule"
    reviewer: str
    note: str
    at: str
    sequence: int  # 1 for the first verdict on the decision, 2 for its correction, ...
    corrects: str | None = None  # the verdict_id this one corrects

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewVerdict:
        def text(name: str) -> str:
            return str(data.get(name) or "")

        return cls(
            verdict_id=text("verdict_id"),
            decision_id=text("decision_id"),
            listing_id=text("listing_id"),
            seller_id=data.get("seller_id"),
            source=text("source"),
            recall_id=text("recall_id"),
            verdict=text("verdict"),
            reviewer=text("reviewer"),
            note=text("note"),
            at=text("at"),
            sequence=int(data["sequence"]),
            corrects=data.get("corrects"),
        )


def concerned_match(decision: Decision, source: str | None, recall_id: str | None) -> Match:
    """The match a verdict is about: the one named; else the decision's top match that waits for a
    person (an applicable `review` match: the top match may be one a reviewer judged already, or a
    block the matcher made), or its top match when none waits."""
    if recall_id is None and source is None:
        if not decision.matches:
            raise VerdictRefused(f"decision {decision.decision_id} matched no recall: name none to judge")
        waiting = (m for m in decision.matches if m.applicable and m.verdict is Verdict.REVIEW)
        return next(waiting, decision.matches[0])
    named = [
        m
        for m in decision.matches
        if (recall_id is None or m.recall_id == recall_id) and (source is None or m.source == source)
    ]
    if not named:
        raise VerdictRefused(
            f"decision {decision.decision_id} has no match for "
            f"{source or 'any source'} recall {recall_id or 'any'}"
        )
    if len(named) > 1:
        raise VerdictRefused(f"several matches of decision {decision.decision_id} fit: name the source too")
    return named[0]


def next_sequence(existing: Sequence[ReviewVerdict], request: VerdictRequest, decision_id: str) -> int:
    """The sequence number the verdict takes, or VerdictConflict: a first verdict must not name one
    to correct, a correction must name the decision's latest verdict."""
    latest = max(existing, key=lambda v: v.sequence, default=None)
    if latest is None:
        if request.corrects is not None:
            raise VerdictConflict(f"decision {decision_id} has no verdict to correct", None)
        return 1
    if request.corrects != latest.verdict_id:
        raise VerdictConflict(
            f"decision {decision_id} already has a verdict ({latest.verdict} by {latest.reviewer}); "
            f"to correct it, send `corrects`: {latest.verdict_id!r}",
            latest,
        )
    return latest.sequence + 1


def reviewed_decision(
    original: Decision, request: VerdictRequest, match: Match, *, decision_id: str, at: str, sequence: int
) -> Decision:
    """The new decision a verdict produces. `confirm` blocks; `overrule` lowers that match to
    allow, and the decision is what the other matches still call for (allow when none)."""
    if not match.applicable and request.verdict == "confirm":
        raise VerdictRefused(
            f"{match.source} recall {match.recall_id} does not apply where this listing ships: "
            "nothing to confirm"
        )
    done = "confirmed" if request.verdict == "confirm" else "overruled"
    said = f": {request.note}" if request.note else ""
    correction = f" (correcting verdict {request.corrects})" if request.corrects else ""
    note = f"{done} by reviewer {request.reviewer}{said}"
    matches = []
    for m in original.matches:
        if m is match:
            verdict = Verdict.BLOCK if request.verdict == "confirm" else Verdict.ALLOW
            matches.append(m.model_copy(update={"verdict": verdict, "notes": [*m.notes, note]}))
        else:
            matches.append(m)
    if request.verdict == "confirm":
        verdict = Verdict.BLOCK
    else:
        verdict = max(
            (m.verdict for m in matches if m.applicable), key=_RANK.__getitem__, default=Verdict.ALLOW
        )
    reason = (
        f"{REVIEWER_REASON}: {request.reviewer} {done} {match.source} recall {match.recall_id} "
        f"on decision {original.decision_id}{correction}{said}"
    )
    return Decision(
        decision_id=decision_id,
        listing_id=original.listing_id,
        decision=verdict,
        matches=matches,
        reasons=[reason] + ([f"verdict {sequence} on that decision"] if sequence > 1 else []),
        index_version=original.index_version,
        policy_version=original.policy_version,
        decided_at=at,
    )


def is_reviewer_decision(decision: Mapping[str, Any]) -> bool:
    """Whether a decision (as recorded) was made by a reviewer's verdict rather than the matcher."""
    reasons = decision.get("reasons") or []
    return bool(reasons) and str(reasons[0]).startswith(f"{REVIEWER_REASON}:")
