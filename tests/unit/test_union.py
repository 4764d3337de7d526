"""A recall that two lists carry (a regulator's priority list and its full export) is one recall
in the index: one match, its records merged, and the scores of other listings unchanged by it."""

from __future__ import annotations

from recall_screen.index import RecallIndex
from recall_screen.models import Listing, Recall, Verdict
from recall_screen.policy import Policy
from recall_screen.screening import Screener
from recall_screen.union import one_per_recall

FULL = Recall(
    source="CPSC",
    recall_id="27001",
    title="Brindlewick Recalls Quartzel Glow Night Lights Due to Burn Hazard",
    product_names=["Quartzel Glow Night Lights"],
    brands=["Brindlewick"],
    models=["QG-2210"],
    hazard="The night light's plug can overheat, posing a burn hazard.",
    url="https://example.org/recalls/27001",
    jurisdictions=["US"],
)
PRIORITY = Recall(
    source="CPSC",
    recall_id="27001",
    title="Brindlewick Recalls Quartzel Glow Night Lights Due to Burn…",
    product_names=["Quartzel Glow Plug-In Night Lights"],
    models=["QG-2210", "QG-2215"],
    hazard="The night light's plug can overheat…",
    category="home",
    jurisdictions=["US"],
    model_years=[2025],
)
OTHER = Recall(source="CPSC", recall_id="27002", title="Other Recalls Kettles Due to Burn Hazard")


def test_records_of_one_recall_merge_into_one_keeping_what_either_says() -> None:
    merged = one_per_recall([FULL, OTHER, PRIORITY])
    assert [r.recall_id for r in merged] == ["27001", "27002"]
    recall = merged[0]
    assert recall.product_names == ["Quartzel Glow Night Lights", "Quartzel Glow Plug-In Night Lights"]
    assert recall.models == ["QG-2210", "QG-2215"]
    assert recall.brands == ["Brindlewick"]
    # The fullest text wins: a short list's cut title and hazard give way to the whole ones.
    assert recall.title == FULL.title
    assert recall.hazard == FULL.hazard
    assert recall.category == "home" and recall.url == FULL.url
    assert recall.model_years == [2025]  # a scope one record states is never widened by the other


def test_the_same_number_from_two_regulators_is_two_recalls() -> None:
    eu = FULL.model_copy(update={"source": "EU Safety Gate"})
    assert len(one_per_recall([FULL, eu])) == 2


def test_a_recall_in_two_lists_is_one_match_scored_as_if_listed_once() -> None:
    policy = Policy()
    priority = PRIORITY.model_copy(update={"model_years": []})
    listing = Listing(listing_id="l1", title="Quartzel Glow Night Light", ship_to="US")
    once = Screener(RecallIndex.build([FULL, OTHER]), policy).screen(listing)
    twice = Screener(RecallIndex.build([FULL, priority, OTHER]), policy).screen(listing)
    assert [m.recall_id for m in twice.matches] == ["27001"]
    assert twice.matches[0].score >= once.matches[0].score
    assert twice.decision == once.decision
    by_model = Screener(RecallIndex.build([FULL, priority]), policy).screen(
        Listing(listing_id="l2", title="Plug-in night light", model="QG-2215", ship_to="US")
    )
    assert by_model.decision is Verdict.BLOCK  # a model only the priority list names
    assert [m.recall_id for m in by_model.matches] == ["27001"]
