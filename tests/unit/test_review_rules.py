"""What a reviewer's verdict is about (`recall_screen.review.concerned_match`), pure."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from recall_screen.models import Decision, Match, Verdict
from recall_screen.review import VerdictRefused, VerdictRequest, concerned_match


def match(recall_id: str, verdict: Verdict, *, applicable: bool = True) -> Match:
    return Match(
        recall_id=recall_id, source="CPSC", title="t", score=0.8, verdict=verdict, applicable=applicable
    )


def decision(*matches: Match) -> Decision:
    return Decision(
        decision_id="D-1",
        listing_id="L-1",
        decision=Verdict.REVIEW,
        matches=list(matches),
        index_version="v",
        policy_version="p",
        decided_at="2026-12-05T10:00:00.000Z",
    )


def test_a_verdict_naming_no_recall_is_about_the_top_match_waiting_for_a_person() -> None:
    """The top match may be one a reviewer overruled already (now allow) or a block the matcher
    made: a bare 'confirm' landed on it, blocking on a recall a reviewer had just cleared, and the
    match that waited left the queue unjudged."""
    judged = decision(match("R-1", Verdict.ALLOW), match("R-9", Verdict.REVIEW, applicable=False),
                      match("R-2", Verdict.REVIEW))  # fmt: skip
    assert concerned_match(judged, None, None).recall_id == "R-2"
    blocked = decision(match("R-3", Verdict.BLOCK), match("R-4", Verdict.REVIEW))
    assert concerned_match(blocked, None, None).recall_id == "R-4"
    none_waits = decision(match("R-5", Verdict.BLOCK), match("R-6", Verdict.ALLOW))
    assert concerned_match(none_waits, None, None).recall_id == "R-5"
    assert concerned_match(blocked, "CPSC", "R-3").recall_id == "R-3"  # named: as named
    with pytest.raises(VerdictRefused, match="matched no recall"):
        concerned_match(decision(), None, None)


@pytest.mark.parametrize("reviewer", ["\ufeff", "rev\u200b", "rev\u202eana", "   "])
def test_a_reviewer_id_that_does_not_read_as_itself_is_refused(reviewer: str) -> None:
    """Who judged is the audit record's: an invisible character or a direction mark makes two ids
    that print alike, or one that prints as nothing."""
    with pytest.raises(ValidationError, match="reviewer"):
        VerdictRequest.model_validate({"verdict": "confirm", "reviewer": reviewer})
    assert (
        VerdictRequest.model_validate({"verdict": "confirm", "reviewer": "Ana Łukasz"}).reviewer
        == "Ana Łukasz"
    )
