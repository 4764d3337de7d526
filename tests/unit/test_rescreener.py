"""Re-screening live listings for what an index version changed (`recall_screen.rescreen`), pure:
indexes built in memory, live listings as the log would hand them over."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from recall_screen.catalog.changes import IndexChanges, RecallRef, SourceChanges
from recall_screen.index import RecallIndex
from recall_screen.models import Decision, Listing, Recall
from recall_screen.relisting import Consultation, PairVerdict, Recollection, content_digest
from recall_screen.rescreen import LiveListing, RescreenCounts, Rescreener, blocking_recalls
from recall_screen.screening import Screener

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)
KART = Recall(
    source="CPSC",
    recall_id="R-1",
    title="Acme ZoomKart Electric Ride-On Toys Recalled",
    brands=["Acme"],
    models=["ZK2000X"],
    jurisdictions=["US"],
)
HELMET = Recall(
    source="CPSC",
    recall_id="R-3",
    title="Summit Trail Bicycle Helmets Recalled",
    brands=["Summit"],
    models=["STH500A"],
    jurisdictions=["US"],
)
HELMET_LISTING = {"listing_id": "L-1", "title": "Summit Trail bicycle helmet STH500A", "ship_to": "US"}
KART_LISTING = {"listing_id": "L-2", "title": "Acme ZoomKart ride-on toy ZK2000X", "ship_to": "US"}


def live(
    fields: dict[str, object], decision: str, *, version: str = "v1", blocked_by: tuple[str, ...] = ()
) -> LiveListing:
    return LiveListing(
        listing_id=str(fields["listing_id"]),
        seller_id=None,
        decision=decision,
        decision_id=f"D-{fields['listing_id']}",
        index_version=version,
        listing=dict(fields),
        blocked_by=blocked_by,
    )


def rescreener(
    recalls: list[Recall],
    *,
    added: tuple[Recall, ...] | list[Recall] = (),
    removed: tuple[Recall, ...] | list[Recall] = (),
) -> Rescreener:
    index = RecallIndex.build(recalls, built_at=NOW)
    changes = IndexChanges(
        index.version,
        "v1",
        index.built_at,
        {
            "cpsc": SourceChanges(
                added=tuple(RecallRef.of(r) for r in added), removed=tuple(RecallRef.of(r) for r in removed)
            )
        },
    )
    delta = RecallIndex.build(added, built_at=NOW) if added else None
    return Rescreener(index, delta, changes)


def test_an_added_recall_blocks_an_allowed_listing_with_the_cause_recorded() -> None:
    counts = RescreenCounts()
    change = rescreener([KART, HELMET], added=[HELMET]).rescreen(
        live(HELMET_LISTING, "allow"), now=NOW, counts=counts
    )
    assert change is not None
    assert change.decision.decision.value == "block"
    assert change.event.recall == RecallRef("CPSC", "R-3")
    assert change.event.previous_decision == "allow" and change.event.previous_decision_id == "D-L-1"
    assert change.cause["reason"] == "rescreen" and change.cause["previous_decision"] == "allow"
    assert change.decision.reasons[0].startswith("rescreen: ")
    assert (counts.screened, counts.touched) == (1, 1)


def test_a_listing_the_delta_finds_nothing_for_costs_no_full_screening() -> None:
    counts = RescreenCounts()
    chess = {"listing_id": "L-9", "title": "Hand-carved wooden chess set", "ship_to": "US"}
    assert (
        rescreener([KART, HELMET], added=[HELMET]).rescreen(live(chess, "allow"), now=NOW, counts=counts)
        is None
    )
    assert (counts.screened, counts.touched) == (1, 0)


def test_blocks_and_listings_already_on_the_version_are_left_alone() -> None:
    job = rescreener([KART, HELMET], added=[HELMET])
    counts = RescreenCounts()
    assert job.rescreen(live(HELMET_LISTING, "block"), now=NOW, counts=counts) is None
    assert job.rescreen(live(HELMET_LISTING, "allow", version=job.version), now=NOW, counts=counts) is None
    assert counts.skipped == 2 and counts.screened == 0


def test_a_decision_made_with_a_later_version_is_not_replaced_by_a_late_run() -> None:
    """Runs wait for the screeners, and a builder's retried event starts its version's run again:
    a run may read listings a later version has decided already. That version holds this one's
    changes; its decision is not replaced by one of the older index."""
    job = rescreener([KART, HELMET], added=[HELMET], removed=[])
    later = "20991231T235959Z-0000000000"
    counts = RescreenCounts()
    assert job.rescreen(live(HELMET_LISTING, "allow", version=later), now=NOW, counts=counts) is None
    assert counts.skipped == 1 and counts.screened == 0
    earlier = "20000101T000000Z-0000000000"
    assert job.rescreen(live(HELMET_LISTING, "allow", version=earlier), now=NOW, counts=counts) is not None
    removing = rescreener([HELMET], removed=[KART])
    blocked = live(KART_LISTING, "block", version=later, blocked_by=("CPSC#R-1",))
    assert removing.review_removed(blocked, RecallRef.of(KART), now=NOW) is None


def test_a_listing_whose_kept_form_no_longer_validates_is_counted_and_named(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """It keeps its decision and may miss the new recall: not skipped unseen among the blocks."""
    counts = RescreenCounts()
    stale = {**HELMET_LISTING, "ship_to": "USA"}  # a form the model no longer takes
    with caplog.at_level(logging.WARNING):
        assert (
            rescreener([KART, HELMET], added=[HELMET]).rescreen(live(stale, "allow"), now=NOW, counts=counts)
            is None
        )
    assert (counts.unreadable, counts.skipped, counts.screened) == (1, 0, 0)
    (message,) = [r.getMessage() for r in caplog.records if "no longer validates" in r.getMessage()]
    assert message.startswith("live listing L-1 (decision D-L-1) not re-screened")


def test_added_recalls_never_loosen_a_decision() -> None:
    job = rescreener([KART, HELMET], added=[HELMET])
    # Shipped where the regulator does not reach: the new index allows it (the match does not
    # apply), but a listing a reviewer was asked to look at keeps its review.
    abroad = {**HELMET_LISTING, "ship_to": "GB"}
    assert job.screener.screen(Listing.model_validate(abroad)).decision.value == "allow"
    counts = RescreenCounts()
    assert job.rescreen(live(abroad, "review"), now=NOW, counts=counts) is None
    assert counts.touched == 1  # screened in full, and still not loosened


def test_a_block_resting_only_on_a_removed_recall_goes_to_review() -> None:
    blocked = Screener(RecallIndex.build([KART, HELMET], built_at=NOW)).screen(
        Listing.model_validate(KART_LISTING)
    )
    assert blocking_recalls(blocked) == ["CPSC#R-1"]
    job = rescreener([HELMET], removed=[KART])
    assert job.removed_recalls() == [RecallRef("CPSC", "R-1")]
    change = job.review_removed(
        live(KART_LISTING, "block", blocked_by=("CPSC#R-1",)), RecallRef("CPSC", "R-1"), now=NOW
    )
    assert change is not None
    assert change.decision.decision.value == "review"
    assert "no longer lists" in change.decision.reasons[1]
    assert change.event.new_decision == "review" and change.event.recall == RecallRef("CPSC", "R-1")


def test_a_block_that_also_rests_on_a_listed_recall_stands() -> None:
    job = rescreener([HELMET], removed=[KART])
    both = live(KART_LISTING, "block", blocked_by=("CPSC#R-1", "CPSC#R-3"))
    assert job.review_removed(both, RecallRef("CPSC", "R-1"), now=NOW) is None
    assert job.review_removed(live(KART_LISTING, "allow"), RecallRef("CPSC", "R-1"), now=NOW) is None


def test_a_recall_moved_to_another_list_is_not_removed() -> None:
    index = RecallIndex.build([KART], built_at=NOW)
    moved = IndexChanges(
        index.version,
        "v1",
        index.built_at,
        {
            "cpsc": SourceChanges(removed=(RecallRef("CPSC", "R-1"),)),
            "cpsc_priority": SourceChanges(added=(RecallRef("CPSC", "R-1"),)),
        },
    )
    assert Rescreener(index, None, moved).removed_recalls() == []


class _Memory:
    """A listing memory holding one reviewer's verdicts, writing nothing."""

    def __init__(self, *pairs: PairVerdict) -> None:
        self.pairs = pairs

    def consult(self, listing: Listing) -> Consultation:
        return Consultation(Recollection(self.pairs))

    def writes_for(self, decision: Decision, listing: Listing, consultation: Consultation) -> list[Any]:
        return [{"Put": {"decision_id": decision.decision_id}}]


def test_a_rescreen_applies_the_reviewers_verdicts_as_the_api_does() -> None:
    """A reviewer overruled the helmet recall for this very listing (as it reads now): a changed
    version of that recall does not send it back to a person. Without the verdict the decision
    is the version's, and the memory's writes ride with it."""
    listing = Listing.model_validate(HELMET_LISTING)
    overrule = PairVerdict("L-1", "CPSC", "R-3", "overrule", content_digest(listing), "D-v", "reviewer-1")
    job = rescreener([KART, HELMET], added=[HELMET])
    job.memory = _Memory(overrule)
    assert job.rescreen(live(HELMET_LISTING, "allow"), now=NOW, counts=RescreenCounts()) is None
    job.memory = _Memory()
    change = job.rescreen(live(HELMET_LISTING, "allow"), now=NOW, counts=RescreenCounts())
    assert change is not None and change.decision.decision.value == "block"
    assert change.event.recall == RecallRef("CPSC", "R-3")
    assert change.also == ({"Put": {"decision_id": change.decision.decision_id}},)


def test_a_listing_decided_with_an_older_index_after_the_last_version_is_screened_in_full() -> None:
    """A screener whose refresh failed served the index before the last version past that
    version's run: the kart, recalled in that version, was recorded allowed after the run read
    the live listings. This version added only the helmet, so its delta finds nothing for the
    kart; but the decision was made with an index older than the version before, after it was
    built, so it is screened in full and blocked. One decided before that version was built was
    screened by its run, and is left to the delta."""
    index = RecallIndex.build([KART, HELMET], built_at=NOW)
    previous, older = "20261201T000000Z-aaaaaaaaaa", "20261130T000000Z-bbbbbbbbbb"
    changes = IndexChanges(
        index.version,
        previous,
        index.built_at,
        {"cpsc": SourceChanges(added=(RecallRef.of(HELMET),))},
    )
    job = Rescreener(index, RecallIndex.build([HELMET], built_at=NOW), changes)
    stale = replace(live(KART_LISTING, "allow", version=older), decided_at="2026-12-01T00:05:00Z")
    change = job.rescreen(stale, now=NOW, counts=RescreenCounts())
    assert change is not None and change.decision.decision.value == "block"
    assert change.event.recall == RecallRef("CPSC", "R-1")
    assert "screened in full" in change.decision.reasons[0]
    before = replace(stale, decided_at="2026-11-30T23:59:00Z")
    assert job.rescreen(before, now=NOW, counts=RescreenCounts()) is None
    current = replace(stale, index_version=previous)  # made with the version before: its run saw it
    assert job.rescreen(current, now=NOW, counts=RescreenCounts()) is None
