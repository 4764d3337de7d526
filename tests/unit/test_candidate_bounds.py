"""Candidates that cannot be reported are not scored (`candidates.unreportable`: a short model
number that hundreds of notices list, "1000", must cost little; `candidates.unreportable_by_name`:
the many candidates a listing's words propose whose names alone keep them under the report
floor), and every decision must be what scoring every candidate in full makes of it, whatever
the policy."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import recall_screen.candidates as candidates_module
from recall_screen import screening
from recall_screen.analysis import ListingView, analyse
from recall_screen.candidates import (
    below_on_profiles,
    below_on_totals,
    by_short_models_only,
    candidates,
    name_limit,
    unreportable,
    unreportable_by_name,
)
from recall_screen.index import RecallIndex
from recall_screen.models import Listing, Recall
from recall_screen.parsers import parse
from recall_screen.policy import Policy
from recall_screen.screening import Screener
from shared_data import REAL_TEXT_SETS, SHARED_RECALL_FILES, SHARED_RECALLS

WORDS = ["puzzle", "lamp", "kettle", "stroller", "helmet", "heater", "blender", "scooter", "crib", "drill"]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _recalls() -> list[Recall]:
    """Notices of many products that all list model "1000" (beside their own codes): branded,
    unbranded, a storefront's, some with a distinctive model or a GTIN the listings give."""
    recalls = []
    for n in range(240):
        word, other = WORDS[n % len(WORDS)], WORDS[(n // len(WORDS)) % len(WORDS)]
        fields: dict[str, object] = {"models": ["1000", f"Q{n}"]}
        if n % 3:
            fields["brands"] = [f"Brand{chr(97 + n % 26)}{chr(97 + n // 26)}"]
        if n % 7 == 0:
            fields["product_names"] = [f"{other} {word} set"]
        if n == 5:
            fields["models"] = ["1000", "ZX7781-Q"]
        if n == 6:
            fields["gtins"] = ["00012345678905"]
        if n == 9:
            fields["brands"] = ["Shop Sell Store"]
        title = f"{word.title()} {other} recalled"
        if n % 11 == 0:  # a storefront's, titled by its name: a text of no product word, at 0.35
            fields["brands"] = [title := f"Shopxq{chr(97 + n % 26)}{chr(97 + n // 26)}"]
            fields["storefront"] = "the brand reads as a storefront name"
        if n % 4 == 1:  # another regulator's: it does not apply to a listing shipped to the US
            fields["jurisdictions"] = ["DE", "FR"]
        recalls.append(Recall(source="CPSC", recall_id=f"R{n}", title=title, **fields))
    return recalls


LISTINGS = [
    Listing(listing_id="a", title="Jigsaw Puzzle 1000 Pieces Landscape"),
    Listing(listing_id="b", title="Brandbc Puzzle lamp 1000", brand="Brandbc"),
    Listing(listing_id="c", title="Model 1000 ZX7781-Q kettle"),
    Listing(listing_id="d", title="Wall clock 1000", gtin="00012345678905"),
    Listing(listing_id="e", title="Garden hose 1000 ft"),
    Listing(listing_id="f", title="Heater 1000 W", brand="Other Firm", ship_to="US"),
    Listing(listing_id="g", title="Kettle lamp set 1000", ship_to="US"),
    Listing(listing_id="h", title="Garden hose 1000 kettle", ship_to="FR"),
    # Found by their words alone: `unreportable_by_name`'s candidates.
    Listing(listing_id="i", title="Kettle stroller set"),
    Listing(listing_id="j", title="Brandbc puzzle lamp", brand="Brandbc"),
    Listing(listing_id="k", title="Helmet heater blender scooter crib drill", brand="Other Firm"),
    Listing(listing_id="l", title="Shopxqaa puzzle crib", ship_to="US"),
    Listing(listing_id="m", title="Lamp", description="A kettle and a drill, barely used"),
    # Another firm's brand field: the other brand's factor lowers the name score.
    Listing(listing_id="n", title="Puzzle stroller set", brand="Zorvex Home"),
    Listing(listing_id="o", title="Stroller kettle", brand="Zorvex Home", ship_to="US"),
]
POLICIES = [
    Policy(),
    Policy(review_threshold=0.1, block_threshold=0.3),
    Policy(explained_weight=0.0, weak_model_bonus=0.3),
    Policy(strong_name_coverage=0.4, strong_name_bonus=0.3),
    Policy(brand_agreement=0.0),
    # The storefront's candidates score 0.34997: reported, as their score is rounded to 0.35.
    Policy(weak_model_bonus=0.14997),
    # Name matches that the line-name or brand-and-type rules may send to review early.
    Policy(line_name_floor=0.05, line_name_explained=0.0, rare_word_weight=0.1),
    # … and a line's rare word alone (`ListingView.one_word`) at any score.
    Policy(one_word_line_floor=0.0, rare_word_weight=0.1),
    Policy(strong_name_coverage=0.1, strong_name_bonus=0.5, strong_name_mass=0.0),
    Policy(review_threshold=0.2, block_threshold=0.25, min_review_mass=0.0, min_block_mass=0.0),
    Policy(explained_weight=1.0, dropped_brand_factor=1.0, other_brand_factor=1.0),
]


@pytest.fixture(scope="module")
def index() -> RecallIndex:
    return RecallIndex.build(_recalls())


def _pruned_and_full(
    screener: Screener, listings: list[Listing], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], list[str]]:
    """Every decision as screened, and as screened scoring every candidate (no bound skips one)."""
    pruned = [screener.screen(x, decision_id="d", now=NOW).model_dump_json() for x in listings]
    monkeypatch.setattr(screening, "unreportable", lambda *args: set())
    monkeypatch.setattr(screening, "unreportable_by_name", lambda *args: set())
    full = [screener.screen(x, decision_id="d", now=NOW).model_dump_json() for x in listings]
    return pruned, full


@pytest.mark.parametrize("policy", POLICIES)
def test_decisions_are_those_of_scoring_every_candidate(
    index: RecallIndex, policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    screener = Screener(index, policy)
    pruned, full = _pruned_and_full(screener, LISTINGS, monkeypatch)
    assert pruned == full


def _skipped(index: RecallIndex, policy: Policy, listing: Listing) -> set[str]:
    view, _ = Screener(index, policy)._match(listing)
    found = set(index.by_model["1000"])
    skipped = unreportable(view, index, policy, found, screening.REPORT_FLOOR)
    return {index.notice(i).recall_id for i in skipped}


def test_the_candidates_a_common_short_code_finds_are_mostly_not_scored(index: RecallIndex) -> None:
    skipped = _skipped(index, Policy(), LISTINGS[4])  # "Garden hose": no word of any notice
    assert len(skipped) > len(index.by_model["1000"]) // 2
    # A candidate the listing names by a distinctive model, or by a GTIN, is scored in full.
    assert "R5" not in _skipped(index, Policy(), LISTINGS[2])
    assert "R5" in skipped
    assert "R6" not in _skipped(index, Policy(), LISTINGS[3])
    assert "R6" in skipped
    # A candidate sharing a word with the listing is scored in full.
    assert not {f"R{n}" for n in range(0, 240, 10)} & _skipped(index, Policy(), LISTINGS[0])


def test_a_policy_that_lets_a_bare_candidate_reach_review_scores_every_one(index: RecallIndex) -> None:
    assert _skipped(index, Policy(review_threshold=0.1, block_threshold=0.3), LISTINGS[4]) == set()
    assert _skipped(index, Policy(brand_agreement=0.0), LISTINGS[4]) == set()


def test_the_candidates_a_listing_s_words_find_are_mostly_not_scored_in_full(index: RecallIndex) -> None:
    policy = Policy()
    listing = LISTINGS[10]  # six product words, each of many notices
    view, scored = Screener(index, policy)._match(listing)
    found = set(range(len(index)))
    skipped = unreportable_by_name(view, index, policy, found, set(), screening.REPORT_FLOOR)
    assert len(skipped) > len(found) // 2
    # None of those reported is among them, and a storefront's notice is always scored.
    assert not skipped & {s.position for s in scored}
    assert not skipped & {i for i in found if index.profile(i).storefront}
    # A policy under which a weak name match may reach review or the report scores every one.
    anything = Policy(line_name_floor=0.0)
    assert unreportable_by_name(view, index, anything, found, set(), screening.REPORT_FLOOR) == set()


@pytest.fixture(scope="module")
def real_index() -> RecallIndex:
    recalls = [r for name in SHARED_RECALL_FILES for r in parse((SHARED_RECALLS / name).read_bytes()).records]
    return RecallIndex.build(recalls)


def _real_listings() -> list[Listing]:
    lines = [line for path in REAL_TEXT_SETS for line in path.read_text().splitlines() if line.strip()]
    rows = [json.loads(line) for line in lines]
    for row in rows:
        row.pop("label", None)
    return [Listing.model_validate(row) for row in rows]


@pytest.mark.parametrize("policy", POLICIES[:1] + POLICIES[-4:])
def test_real_listings_against_the_real_notices_decide_as_scoring_every_candidate(
    real_index: RecallIndex, policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real sets (a listing naming a line, a maker, a brand and a type, or a storefront's
    product) against every shared notice: the rules `unreportable_by_name` bounds all come into play."""
    listings = _real_listings()
    screener = Screener(real_index, policy)
    pruned, full = _pruned_and_full(screener, listings, monkeypatch)
    assert pruned == full


def _on_totals_and_profiles(
    index: RecallIndex, policy: Policy, listing: Listing
) -> tuple[set[int], set[int]]:
    """What each bound drops of every notice sharing a word with the listing (its candidates and
    more), none found by an identifier."""
    view = analyse(listing, index, policy)
    found = {i for token in view.hits for i in index.postings_set(token)}
    limit = name_limit(policy, screening.REPORT_FLOOR)
    return (
        below_on_totals(view, index, policy, found, limit),
        below_on_profiles(view, index, policy, found, set(), limit),
    )


@pytest.mark.parametrize("policy", POLICIES)
def test_the_bound_on_stored_totals_drops_only_what_the_bound_on_profiles_drops(
    index: RecallIndex, real_index: RecallIndex, policy: Policy
) -> None:
    """`below_on_totals` reads no profile (the index's name totals and the word postings): its
    value is at most the profiles' bound, so every notice it drops the profiles' bound drops too;
    and it drops most of those."""
    dropped = by_profiles = 0
    cases = [(index, x) for x in LISTINGS] + [(real_index, x) for x in _real_listings()]
    for searched, listing in cases:
        on_totals, on_profiles = _on_totals_and_profiles(searched, policy, listing)
        assert on_totals <= on_profiles, listing.listing_id
        dropped, by_profiles = dropped + len(on_totals), by_profiles + len(on_profiles)
    assert dropped >= by_profiles // 2 or by_profiles == 0


def _with_identifiers_on_totals_and_profiles(
    index: RecallIndex, policy: Policy, listing: Listing
) -> tuple[set[int], set[int], set[int]]:
    """What each bound drops of the listing's candidates and of every notice sharing a word with
    it, those an identifier found included: the stored bound sees those a short model number
    alone found (`by_short_models_only`), the profiles' bound every one. And those short ones."""
    view = analyse(listing, index, policy)
    identified, _ = candidates(view, index, policy, listing.ship_to)
    found = identified | {i for token in view.hits for i in index.postings_set(token)}
    limit = name_limit(policy, screening.REPORT_FLOOR)
    weak = by_short_models_only(view, index, policy, found & identified)
    return (
        below_on_totals(view, index, policy, (found - identified) | weak, limit, weak),
        below_on_profiles(view, index, policy, found, identified, limit),
        weak,
    )


@pytest.mark.parametrize("policy", POLICIES)
def test_the_stored_bound_of_candidates_a_short_model_number_found_drops_only_what_profiles_drop(
    index: RecallIndex, real_index: RecallIndex, policy: Policy
) -> None:
    """A candidate found by a short model number ("1000") and by no GTIN or distinctive model of
    the listing is bounded on the stored totals and model masks, with the weak model bonus: it is
    dropped only where the profiles' bound (which reads its models, brand and rare words) drops
    it too; and the stored bound drops some of them."""
    weak_dropped = 0
    cases = [(index, x) for x in LISTINGS] + [(real_index, x) for x in _real_listings()]
    for searched, listing in cases:
        on_totals, on_profiles, weak = _with_identifiers_on_totals_and_profiles(searched, policy, listing)
        assert on_totals <= on_profiles, listing.listing_id
        weak_dropped += len(on_totals & weak)
    # Where a bare candidate's bonus alone stays under the limit, some are dropped.
    if (
        policy.brand_agreement > 0
        and policy.weak_model_bonus < name_limit(policy, screening.REPORT_FLOOR) - 0.1
    ):
        assert weak_dropped > 0


def test_a_short_model_number_s_candidates_exclude_distinctive_models_gtins_and_rare_words(
    index: RecallIndex,
) -> None:
    """`by_short_models_only` keeps out a notice whose distinctive model number or GTIN the listing
    gives, and one the listing names by a rare word of its names."""
    policy = Policy()

    def weak_ids(listing: Listing) -> set[str]:
        view = analyse(listing, index, policy)
        found = set(index.by_model["1000"])
        return {index.notice(i).recall_id for i in by_short_models_only(view, index, policy, found)}

    assert "R5" not in weak_ids(LISTINGS[2])  # its distinctive ZX7781-Q
    assert "R5" in weak_ids(LISTINGS[4])
    assert "R6" not in weak_ids(LISTINGS[3])  # its GTIN
    assert "R6" in weak_ids(LISTINGS[4])
    assert weak_ids(Listing(listing_id="x", title="Widget")) == set()  # no model number given
    # Every name word is rare under a rare-word weight of 0 (`scoring._names_rare_word`).
    policy = Policy(rare_word_weight=0.0)
    assert weak_ids(LISTINGS[4]) == set()


def _every_notice_totalled(
    view: ListingView, index: RecallIndex, rarest: str, others: list[tuple[int, str]], n: int
) -> dict[int, float]:
    """`candidates._best_of_the_rarest` the plain way: a total for every notice of the rarest
    word, each other word adding its weight to those using it, sorted."""
    totals = dict.fromkeys(index.by_token[rarest], index.weights[rarest] * view.hits[rarest].quality)
    for _, token in others:
        w = index.weights[token] * view.hits[token].quality
        for i in set(index.by_token[token]) & totals.keys():
            totals[i] += w
    return {i: totals[i] for i in sorted(totals, key=totals.__getitem__, reverse=True)[:n]}


def test_a_listing_of_common_words_gets_the_best_of_its_rarest_word_s_notices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every word here is used by more notices than the cutoff: the rarest proposes, the others
    weigh; ties (many) go in the notices' order. The candidates are those of a total for every
    notice of the rarest word."""
    colours, finishes = ["blue", "red", "green"], ["steel", "glass", "wooden", "enamel"]
    recalls = [
        Recall(
            source="CPSC",
            recall_id=f"K{n}",
            title=f"Kettle {colours[n % 3]} {finishes[n % 4]}" + (" teapot" if n % 5 == 0 else ""),
            product_names=[f"{colours[n % 3]} kettle"],
        )
        for n in range(400)
    ]
    index = RecallIndex.build(recalls)
    policy = Policy()
    views = [
        analyse(Listing(listing_id="x", title=title), index, policy)
        for title in [
            "Kettle",
            "Blue kettle",
            "Steel glass kettle blue",
            "Teapot kettle",
            "Wooden enamel green red",
        ]
    ]
    assert all(v.hits and all(len(index.by_token[t]) > index.common_cutoff for t in v.hits) for v in views)
    found = [candidates(view, index, policy, "US") for view in views]
    monkeypatch.setattr(candidates_module, "_best_of_the_rarest", _every_notice_totalled)
    assert found == [candidates(view, index, policy, "US") for view in views]
    assert all(len(by_name) >= policy.candidates_always for _, by_name in found)
