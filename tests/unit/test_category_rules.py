"""Category rules (issue 10): a regulator's priority categories in the generic format, validated on
drop with a reason per bad rule, kept per source and carried in the index, and matched beside the
recalls, a hit making the decision at least the rule's action."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from catalog_fakes import body, drop
from recall_screen.catalog.outcome import Outcome
from recall_screen.catalog.publishing import load_current
from recall_screen.category_rules import CategoryRule, CategoryRules
from recall_screen.index import RecallIndex
from recall_screen.ingest import read_drop
from recall_screen.listing_specs import read_pieces, read_sizes
from recall_screen.models import Decision, Listing, Recall, Verdict
from recall_screen.screening import Screener

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_RULES = REPO / "data" / "rules" / "priority_categories.ndjson"

MAGNETS: dict[str, Any] = {
    "kind": "category_rule",
    "source": "CPSC",
    "rule_id": "CAT-MAGNETS",
    "title": "Magnet sets sold as toys",
    "must": ["magnet*|neodymium", "ball|balls|cube|cubes|sphere|spheres"],
    "may": ["desk toy*|puzzle*"],
    "must_not": "fridge|phone mount*|whiteboard",
    "max_mm": 25,
    "jurisdictions": ["US"],
    "action": "review",
}


def ndjson(*records: dict[str, Any]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def rule(**changes: Any) -> CategoryRule:
    fields = {k: v for k, v in {**MAGNETS, **changes}.items() if k != "kind"}
    return CategoryRule.model_validate(fields)


def screen(
    rules: list[CategoryRule], title: str, *, recalls: list[Recall] | None = None, **fields: Any
) -> Decision:
    index = RecallIndex.from_artifact(RecallIndex.build(recalls or [], rules=rules).to_artifact())
    return Screener(index).screen(Listing(listing_id="L-1", title=title, ship_to="US", **fields))


# -- reading rules from a drop -------------------------------------------------------------------


def test_a_drop_mixing_recalls_and_rules_keeps_both_and_rejects_each_bad_rule_with_its_reason() -> None:
    bad_action = {**MAGNETS, "rule_id": "R-ACTION", "action": "ban"}
    empty_must = {**MAGNETS, "rule_id": "R-EMPTY", "must": []}
    a_regex = {**MAGNETS, "rule_id": "R-REGEX", "must": ["magnets?", "ball(s)?"]}
    bad_size = {**MAGNETS, "rule_id": "R-SIZE", "max_mm": "25cm"}
    recall = {"source": "CPSC", "recall_id": "26001", "title": "Acme Kettles Recalled"}
    records = [MAGNETS, bad_action, empty_must, a_regex, bad_size, recall]
    many = [*records, *({**recall, "recall_id": str(27000 + n)} for n in range(20))]

    outcome = read_drop(ndjson(*many), name="mixed.ndjson", source="priority")

    assert outcome.accepted
    assert [r.rule_id for r in outcome.rules] == ["CAT-MAGNETS"]
    assert len(outcome.recalls) == 21
    errors = {(e.line, e.recall_id, e.field): e.reason for e in outcome.report.errors}
    assert errors[(2, "R-ACTION", "action")] == "unknown action 'ban': expected review or block"
    assert errors[(3, "R-EMPTY", "must")] == "empty: a rule must say at least one word a listing must contain"
    assert errors[(4, "R-REGEX", "must")].startswith("pattern 'magnets?' is not words and phrases")
    assert errors[(5, "R-SIZE", "max_mm")] == "expected a number of millimetres, got '25cm'"
    assert all(e.rejected for e in outcome.report.errors)
    assert outcome.report.accepted_rules == 1 and outcome.report.totals["category_rules"] == 1


def test_a_csv_of_rules_alone_separates_must_groups_by_semicolons() -> None:
    csv = (
        b"kind,source,rule_id,title,must,must_not,max_mm,action\n"
        b'category_rule,CPSC,CAT-1,Magnet sets,"magnet*|neodymium;ball|balls",fridge|whiteboard,31.7,block\n'
    )

    outcome = read_drop(csv, name="rules.csv", source="priority")

    assert outcome.accepted, outcome.reason
    (only,) = outcome.rules
    assert only.must == ["magnet*|neodymium", "ball|balls"]
    assert (only.must_not, only.max_mm, only.action) == (["fridge", "whiteboard"], 31.7, "block")


def test_an_unknown_kind_is_rejected_rather_than_read_as_a_recall() -> None:
    outcome = read_drop(
        ndjson({"kind": "category", "source": "CPSC", "recall_id": "1", "title": "x"}), name="f", source="s"
    )
    assert not outcome.accepted
    assert outcome.report.errors[0].reason == "unknown kind 'category': expected recall or category_rule"


def test_the_demos_copy_of_the_example_rules_is_the_same_list() -> None:
    packaged = REPO / "cli" / "recall_screen_cli" / "sample_data" / EXAMPLE_RULES.name
    assert packaged.read_bytes() == EXAMPLE_RULES.read_bytes()


def test_the_example_rule_list_is_valid() -> None:
    outcome = read_drop(EXAMPLE_RULES.read_bytes(), name=EXAMPLE_RULES.name, source="priority")
    assert outcome.accepted and not outcome.report.errors and not outcome.report.warnings
    assert len(outcome.rules) >= 3 and not outcome.recalls


# -- specifications --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mm"),
    [
        ("5mm balls", [5.0]),
        ("5 mm", [5.0]),
        ("0.2 in spheres", [5.08]),
        ('1/4" cubes', [6.35]),
        ("2.5cm", [25.0]),
        ("5x5x5mm", [5.0, 5.0, 5.0]),
        ("each ball 1.24 inches in diameter", [31.5]),
        ("3 in stock, 5 in 1 set", []),  # no sizes
    ],
)
def test_sizes_are_read_in_millimetres(text: str, mm: list[float]) -> None:
    assert [s.mm for s in read_sizes(text)] == mm


def test_piece_counts_are_read_as_sellers_write_them() -> None:
    assert [p.count for p in read_pieces("216pcs, set of 1,000, lot of 50, 30 PCS")] == [216, 1000, 50, 30]


# -- matching --------------------------------------------------------------------------------------


def test_a_listing_saying_every_group_hits_with_evidence_naming_words_and_size() -> None:
    (hit,) = CategoryRules([rule()]).match(
        Listing(listing_id="L", title="5mm Neodymium Balls 216 pcs Desk Toy", ship_to="US")
    )
    assert (hit.recall_id, hit.verdict, hit.applicable) == ("CAT-MAGNETS", Verdict.REVIEW, True)
    found = {(e.recall_field, e.field, e.value) for e in hit.evidence}
    assert ("must", "title", "neodymium") in found and ("must", "title", "balls") in found
    assert ("max_mm", "title", "5mm") in found and ("may", "title", "desk toy") in found
    assert {e.method for e in hit.evidence} == {"category_rule"}


@pytest.mark.parametrize(
    "title",
    [
        "Fridge magnets, round, 24 pack",  # must_not
        "Magnetic phone mount with metal plate",  # must_not, and no shape word
        "Magnetic whiteboard balls",  # must_not wins over must
        "Large magnet balls 40mm",  # only a size over the threshold
        "Magnetic sticks",  # a group unsaid
    ],
)
def test_exclusions_sizes_and_missing_groups_stop_a_hit(title: str) -> None:
    assert CategoryRules([rule()]).match(Listing(listing_id="L", title=title, ship_to="US")) == []


@pytest.mark.parametrize(
    ("must", "must_not"),
    [
        (["magnet*|neodymium", "ball|balls"], "magnet*|neodymium"),  # a group's every alternative
        (["magnet*", "ball|balls"], "mag*"),  # a prefix excluding every word the group's prefix reads
        (["magnet set|magnet kit", "ball|balls"], "magnet"),  # a word inside each phrase
    ],
)
def test_a_rule_whose_exclusions_cover_a_whole_group_is_refused_as_it_could_never_hit(
    must: list[str], must_not: str
) -> None:
    never = {**MAGNETS, "rule_id": "R-NEVER", "must": must, "must_not": must_not}
    others = ({**MAGNETS, "rule_id": f"CAT-{n}", "must_not": "fridge"} for n in range(10))

    outcome = read_drop(ndjson(MAGNETS, never, *others), name="rules.ndjson", source="priority")

    assert len(outcome.rules) == 11 and "R-NEVER" not in {r.rule_id for r in outcome.rules}
    ((line, rule_id, reason),) = [(e.line, e.recall_id, e.reason) for e in outcome.report.errors]
    assert (line, rule_id) == (2, "R-NEVER")
    assert reason.startswith(f"the rule can never hit: every alternative of must group '{must[0]}'")


@pytest.mark.parametrize(
    ("must", "must_not", "title"),
    [
        (["magnet*", "ball|balls"], "magnet", "Magnets balls set"),  # "magnet" leaves "magnets"
        (["magnet*|neodymium", "ball|balls"], "magnet*", "Neodymium balls"),  # another alternative
        (["magnet*", "ball|balls"], "magnet set", "Magnet balls"),  # a longer phrase than the group's
    ],
)
def test_a_rule_that_a_listing_can_still_hit_is_kept(must: list[str], must_not: str, title: str) -> None:
    kept = rule(must=must, must_not=must_not, max_mm=None)
    (hit,) = CategoryRules([kept]).match(Listing(listing_id="L", title=title, ship_to="US"))
    assert hit.recall_id == "CAT-MAGNETS"


def test_the_words_may_be_in_the_description_and_a_stated_size_must_be_small() -> None:
    rules = CategoryRules([rule()])
    listing = Listing(
        listing_id="L", title="Desk toy 216 pcs", description="Neodymium spheres, 5 mm, 10cm box"
    )
    (hit,) = rules.match(listing)
    assert {(e.recall_field, e.field) for e in hit.evidence} >= {
        ("must", "description"),
        ("max_mm", "description"),
    }
    required = CategoryRules([rule(specs_required=True)])
    assert required.match(Listing(listing_id="L", title="Neodymium balls desk toy")) == []


def test_min_pieces_needs_a_count_at_least_the_threshold_when_one_is_stated() -> None:
    rules = CategoryRules([rule(min_pieces=100, max_mm=None)])
    assert rules.match(Listing(listing_id="L", title="Magnet balls 216 pcs"))
    assert not rules.match(Listing(listing_id="L", title="Magnet balls 8 pcs"))
    assert rules.match(Listing(listing_id="L", title="Magnet balls"))  # no count stated: the words decide


def test_a_rule_applies_only_where_its_jurisdictions_reach() -> None:
    (hit,) = CategoryRules([rule()]).match(Listing(listing_id="L", title="Magnet balls", ship_to="DE"))
    assert (hit.applicable, hit.verdict) == (False, Verdict.ALLOW)


# -- decisions -------------------------------------------------------------------------------------


def test_a_hit_makes_the_decision_at_least_the_rules_action_and_says_why() -> None:
    decision = screen([rule(action="block")], "Magnetic Cube Puzzle 5mm Neodymium Balls")

    assert decision.decision is Verdict.BLOCK
    (match,) = decision.matches
    assert match.recall_id == "CAT-MAGNETS" and match.evidence[0].method == "category_rule"
    assert any(r.startswith("block: CPSC category rule CAT-MAGNETS") for r in decision.reasons)


def test_a_rule_never_lowers_a_decision() -> None:
    recall = Recall(
        source="CPSC", recall_id="26999", title="Zorvex Magnet Ball Sets Recalled", models=["ZX-4471"]
    )
    decision = screen(
        [rule(action="review")], "Zorvex ZX-4471 magnet balls 5mm", recalls=[recall], model="ZX-4471"
    )
    assert decision.decision is Verdict.BLOCK
    assert [m.recall_id for m in decision.matches] == ["26999", "CAT-MAGNETS"]


def test_the_rules_are_in_the_index_version() -> None:
    plain = RecallIndex.build([], rules=[])
    with_rule = RecallIndex.build([], rules=[rule()])
    assert plain.version.split("-")[1] != with_rule.version.split("-")[1]
    assert RecallIndex.from_artifact(with_rule.to_artifact()).rules.records == (rule(),)


@pytest.fixture(scope="module")
def example_screener() -> Screener:
    outcome = read_drop(EXAMPLE_RULES.read_bytes(), name=EXAMPLE_RULES.name, source="priority")
    return Screener(RecallIndex.build([], rules=outcome.rules))


@pytest.mark.parametrize(
    ("title", "verdict", "rule_id"),
    [
        (
            "Wholesale 5mm Neodymium Magnetic Balls 216 pcs Magnet Cube Puzzle Desk Toy",
            Verdict.REVIEW,
            "CAT-MAGNET-SETS",
        ),
        (
            "Light Up Glasses LED Party Favors for Kids (button battery)",
            Verdict.REVIEW,
            "CAT-BUTTON-CELL-LIGHT-UP-TOYS",
        ),
        ("fridge magnets", Verdict.ALLOW, None),
        ("magnetic phone mount", Verdict.ALLOW, None),
        ("Magnetic Tiles Building Set 100 pcs STEM Toys for Kids", Verdict.ALLOW, None),
    ],
)
def test_the_issues_probes_under_the_example_rules(
    example_screener: Screener, title: str, verdict: Verdict, rule_id: str | None
) -> None:
    decision = example_screener.screen(Listing(listing_id="P", title=title, ship_to="US"))
    assert decision.decision is verdict
    assert [m.recall_id for m in decision.matches] == ([rule_id] if rule_id else [])


# -- through the catalogue -------------------------------------------------------------------------


def test_a_rule_list_dropped_under_recalls_goes_live_and_keeps_its_rules_through_other_drops(
    store, processor
) -> None:
    assert (
        processor.process(*drop("recalls/cpsc/list.ndjson", body("1", "2"), minute=1)).outcome
        is Outcome.ACCEPTED
    )
    result = processor.process(*drop("recalls/priority/rules.ndjson", ndjson(MAGNETS), minute=2))

    assert result.outcome is Outcome.ACCEPTED
    index = load_current(store)
    assert index is not None and index.version == result.index_version
    assert [r.rule_id for r in index.rules.records] == ["CAT-MAGNETS"]
    report = json.loads(store.objects["reports/priority/rules.ndjson.report.json"])
    assert report["accepted_rules"] == 1

    # Another source's drop, and a withdrawal from a list that also carries rules, keep the rules.
    mixed = ndjson(
        {"source": "CPSC", "recall_id": "7", "title": "Widget 7 recalled"}, {**MAGNETS, "rule_id": "R-2"}
    )
    processor.process(*drop("recalls/mixed/list.ndjson", mixed, minute=3))
    withdrawal = ndjson({"source": "CPSC", "recall_id": "7", "withdrawn": True})
    assert (
        processor.process(*drop("recalls/mixed/w.ndjson", withdrawal, minute=4)).outcome is Outcome.WITHDRAWN
    )
    index = load_current(store)
    assert index is not None
    assert sorted(r.rule_id for r in index.rules.records) == ["CAT-MAGNETS", "R-2"]
    assert {rid for _, rid in index.recall_ids()} == {"1", "2"}
    decision = Screener(index).screen(Listing(listing_id="L", title="Neodymium balls 5mm", ship_to="US"))
    assert decision.decision is Verdict.REVIEW and decision.index_version == index.version


def test_a_drop_whose_every_rule_is_bad_is_rejected_and_the_current_rules_keep_serving(
    store, processor
) -> None:
    processor.process(*drop("recalls/priority/rules.ndjson", ndjson(MAGNETS), minute=1))
    bad = ndjson({**MAGNETS, "action": "ban"})
    result = processor.process(*drop("recalls/priority/rules.ndjson", bad, minute=2))

    assert result.outcome is Outcome.REJECTED
    index = load_current(store)
    assert index is not None and [r.rule_id for r in index.rules.records] == ["CAT-MAGNETS"]


def test_a_csv_may_mix_recall_rows_and_rule_rows() -> None:
    csv = (
        b"kind,source,recall_id,rule_id,title,must,action\n"
        b",CPSC,26001,,Acme Kettles Recalled,,\n"
        b"category_rule,CPSC,,CAT-1,Magnet sets,magnet*;ball|balls,review\n"
    )
    outcome = read_drop(csv, name="mixed.csv", source="priority")
    assert outcome.accepted and not outcome.report.errors
    assert [r.recall_id for r in outcome.recalls] == ["26001"]
    assert [(r.rule_id, r.must) for r in outcome.rules] == [("CAT-1", ["magnet*", "ball|balls"])]


def test_a_lost_catalogue_is_rebuilt_with_the_rules_its_lists_keep(store, processor) -> None:
    processor.process(*drop("recalls/priority/rules.ndjson", ndjson(MAGNETS), minute=1))
    del store.objects["state/catalog.json"]

    result = processor.process(*drop("recalls/cpsc/list.ndjson", body("1"), minute=2))

    assert result.outcome is Outcome.ACCEPTED
    index = load_current(store)
    assert index is not None and [r.rule_id for r in index.rules.records] == ["CAT-MAGNETS"]


def test_a_priority_list_that_would_lose_most_of_its_rules_is_held_as_a_recall_list_would_be(
    store, guarded
) -> None:
    """The list guards counted recalls only: a priority list of twelve rules replaced by a file of
    one went live, and eleven categories stopped being flagged without anyone confirming it."""
    twelve = [{**MAGNETS, "rule_id": f"CAT-{n}"} for n in range(12)]
    key = "recalls/priority/rules.ndjson"
    assert guarded.process(*drop(key, ndjson(*twelve), minute=1)).outcome is Outcome.ACCEPTED
    held = guarded.process(*drop(key, ndjson(twelve[0]), minute=2))
    assert held.outcome is Outcome.HELD
    assert held.reason.startswith("held: would remove 11 of 12 category rules, leaving 1: removes 92%")
    assert held.shrink is not None and held.shrink.removed_ids == tuple(
        sorted(f"rule CAT-{n}" for n in range(1, 12))
    )
    index = load_current(store)
    assert index is not None and len(index.rules.records) == 12
    confirmed = guarded.process(*drop(key, ndjson(twelve[0]), minute=3, confirm=held.drop.drop_id))
    assert confirmed.outcome is Outcome.ACCEPTED
    index = load_current(store)
    assert index is not None and [r.rule_id for r in index.rules.records] == ["CAT-0"]
    # A list that gains rules, or changes a few, goes live as before.
    assert guarded.process(*drop(key, ndjson(*twelve[:2]), minute=4)).outcome is Outcome.ACCEPTED
