"""The decision policy: thresholds from the environment, named by a version every decision carries."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from recall_fixtures import BLUESTAR, EZRA, LUMOS, generic_recalls
from recall_screen.index import RecallIndex
from recall_screen.models import Decision, Listing, Recall, Verdict
from recall_screen.policy import Features, Policy
from recall_screen.screening import Screener

RECALLS = [
    BLUESTAR.model_copy(update={"url": "https://www.cpsc.gov/Recalls/18218"}),
    LUMOS.model_copy(update={"url": "https://www.cpsc.gov/Recalls/21022"}),
    EZRA.model_copy(update={"models": []}),
    *generic_recalls(
        "30001",
        "30002",
        "30003",
        "30004",
        "30006",
        "30008",
        "30011",
        "30013",
        "30014",
        "30018",
        "30019",
        "30021",
    ),
]


@pytest.fixture(scope="module")
def index() -> RecallIndex:
    return RecallIndex.build(RECALLS)


def decide(index: RecallIndex, policy: Policy, title: str, **fields: str) -> Decision:
    return Screener(index, policy).screen(Listing(listing_id="L-1", title=title, **fields))


def test_the_default_policy_is_the_policy_of_an_empty_environment() -> None:
    assert Policy.from_env({}) == Policy()
    assert Policy.from_env({}).version == Policy().version
    assert (
        Policy.from_env({"PATH": "/usr/bin", "RECALL_SCREEN_BLOCK_THRESHOLD": ""}).version == Policy().version
    )


def test_the_version_names_the_values_and_nothing_else() -> None:
    assert Policy(block_threshold=0.9).version == Policy(block_threshold=0.9).version
    assert Policy().version.startswith("policy-")


@pytest.mark.parametrize(
    ("variable", "value", "field", "expected"),
    [
        ("RECALL_SCREEN_BLOCK_THRESHOLD", "0.9", "block_threshold", 0.9),
        ("RECALL_SCREEN_REVIEW_THRESHOLD", "0.6", "review_threshold", 0.6),
        ("RECALL_SCREEN_MIN_BLOCK_MASS", "2.0", "min_block_mass", 2.0),
        ("RECALL_SCREEN_FUZZY_QUALITY", "0.7", "fuzzy_quality", 0.7),
        ("RECALL_SCREEN_MAX_MATCHES", "3", "max_matches", 3),
        ("RECALL_SCREEN_MAX_TIED_MATCHES", "8", "max_tied_matches", 8),
        ("RECALL_SCREEN_CANDIDATE_LIMIT", "20", "candidate_limit", 20),
    ],
)
def test_a_setting_from_the_environment_changes_the_policy_version(
    variable: str, value: str, field: str, expected: float
) -> None:
    policy = Policy.from_env({variable: value})
    assert getattr(policy, field) == expected
    assert policy.version != Policy().version


def test_decisions_carry_the_version_of_the_policy_that_made_them(index: RecallIndex) -> None:
    policy = Policy.from_env({"RECALL_SCREEN_BLOCK_THRESHOLD": "0.9"})
    assert decide(index, policy, "Lumos Kickstart helmet").policy_version == policy.version
    assert decide(index, Policy(), "Lumos Kickstart helmet").policy_version == Policy().version


def test_a_review_threshold_above_the_block_threshold_is_refused() -> None:
    with pytest.raises(ValidationError):
        Policy(block_threshold=0.7, review_threshold=0.75)
    with pytest.raises(ValidationError):
        Policy.from_env({"RECALL_SCREEN_REVIEW_THRESHOLD": "0.9"})  # the block threshold is 0.8
    with pytest.raises(ValidationError):
        Policy.from_env({"RECALL_SCREEN_BLOCK_THRESHOLD": "0.5"})  # the review threshold is 0.55


@pytest.mark.parametrize(
    "env",
    [
        {"RECALL_SCREEN_BLOCK_THRESHOLD": "1.5"},
        {"RECALL_SCREEN_BLOCK_THRESHOLD": "high"},
        {"RECALL_SCREEN_MAX_MATCHES": "0"},
        {"RECALL_SCREEN_REVIEW_THRESHOLD": "-0.1"},
    ],
)
def test_a_malformed_setting_is_refused_not_defaulted(env: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Policy.from_env(env)


def test_the_policy_is_immutable() -> None:
    policy = Policy()
    with pytest.raises(ValidationError):
        policy.block_threshold = 0.1  # type: ignore[misc]


# -- what the thresholds do ----------------------------------------------------------------------

STRICT = {"RECALL_SCREEN_BLOCK_THRESHOLD": "1.0"}


@pytest.mark.parametrize(
    ("title", "recall_id"),
    [
        ("Lumos Kickstart helmet", "21022"),
        ("Gas Ranges and Wall Ovens", "18218"),
        ("USB charger EZRA", "A12/01523/24"),
    ],
)
def test_a_block_threshold_of_one_turns_a_name_only_block_into_review(
    index: RecallIndex, title: str, recall_id: str
) -> None:
    default = decide(index, Policy(), title)
    assert default.decision is Verdict.BLOCK and default.matches[0].recall_id == recall_id
    assert not any(e.method in ("gtin", "model_exact") for e in default.matches[0].evidence)

    strict = decide(index, Policy.from_env(STRICT), title)
    assert strict.decision is Verdict.REVIEW
    assert strict.matches[0].recall_id == recall_id


@pytest.mark.parametrize(
    ("title", "fields", "recall_id"),
    [
        ("Kids bicycle helmet", {"gtin": "816153011219"}, "21022"),
        ("Bicycle helmet UPC 0 816153 01121 9", {}, "21022"),
        ("Gas range", {"model": "RCS-304-BV2"}, "18218"),
    ],
)
def test_a_block_threshold_of_one_leaves_an_identifier_block_a_block(
    index: RecallIndex, title: str, fields: dict[str, str], recall_id: str
) -> None:
    for policy in (Policy(), Policy.from_env(STRICT)):
        decision = decide(index, policy, title, **fields)
        assert decision.decision is Verdict.BLOCK
        assert decision.matches[0].recall_id == recall_id


def test_a_lower_review_threshold_sends_more_to_review(index: RecallIndex) -> None:
    title = "Lumos bicycle light"
    default = decide(index, Policy(), title)
    lenient = decide(index, Policy(review_threshold=0.2, min_review_mass=0.0), title)
    assert default.decision is Verdict.ALLOW
    assert lenient.decision is Verdict.REVIEW


def test_max_matches_from_the_environment_bounds_every_decision(index: RecallIndex) -> None:
    title = "Kids bicycle helmets baby set bike stroller"
    assert len(decide(index, Policy(), title).matches) >= 2
    policy = Policy.from_env({"RECALL_SCREEN_MAX_MATCHES": "1", "RECALL_SCREEN_MAX_TIED_MATCHES": "1"})
    assert len(decide(index, policy, title).matches) == 1


def test_a_review_no_rule_sent_says_what_the_listing_lacks_for_a_block() -> None:
    # Between the thresholds with no rule, scope or conflict behind it, a review used to carry no
    # note: the reviewer saw a score and the matched words, not what stands between them and a
    # block.
    helmets = Recall(
        source="CPSC",
        recall_id="R-FOLDING",
        title="Halden Recalls Vexo Folding Bicycle Helmets Due to Head Injury Hazard",
        brands=["Halden"],
        product_names=["Halden Vexo Folding Bicycle Helmets"],
    )
    others = [
        Recall(
            source="CPSC",
            recall_id=f"R-HELMET-{n}",
            title=f"Firm{n} Recalls Bicycle Helmets",
            brands=[f"Firm{n}"],
        )
        for n in range(8)
    ]
    index = RecallIndex.build([helmets, *others])
    partial = decide(index, Policy(), "Vexo Folding Helmet Kids")
    assert partial.decision is Verdict.REVIEW
    assert partial.matches[0].notes == [
        "the names agree only in part (0.80 blocks): the listing gives neither 'bicycle' of the notice's "
        "name nor the notice's brand ('Halden'); the notice accounts for 78% of the listing"
    ]
    # Under a policy where names never block, a name in full says so and no more.
    strict = decide(index, Policy.from_env(STRICT), "Halden Vexo Folding Bicycle Helmet")
    assert strict.decision is Verdict.REVIEW
    assert strict.matches[0].notes == [
        "names alone never block under this policy (a block needs an identifier)"
    ]
    # A review a rule sent says why itself, and no more.
    ruled = decide(index, Policy(), "Folding Bicycle Helmet")
    assert ruled.decision is Verdict.REVIEW
    assert len(ruled.matches[0].notes) == 1 and "a person looks" in ruled.matches[0].notes[0]


def test_what_stops_a_block_is_said_as_the_policy_decided_it() -> None:
    policy = Policy()
    # Scored enough, but neither the brand nor the maker is named and the words weigh too little.
    common = Features(
        name_score=0.85, text_cov=1.0, mass=1.2, text_mass=1.2, recall_has_brand=True, explained=1.0
    )
    verdict, value = policy.judge(common)
    assert verdict is Verdict.REVIEW and value >= policy.block_threshold
    assert policy.short_of_a_block(common, value, [], ["Halden"]) == (
        "the names agree, but the words they share are too common to block on without the notice's "
        "brand or maker: the listing does not give the notice's brand ('Halden')"
    )
    # A short model number with the brand, and too few of the product's words beside it.
    short = Features(
        weak_model=True, brand_frac=1.0, recall_has_brand=True, text_cov=0.3, explained=0.6, name_score=0.6
    )
    verdict, value = policy.judge(short)
    assert verdict is Verdict.REVIEW
    assert policy.short_of_a_block(short, value, ["dehumidifier"], ["Halden"]) == (
        "the listing gives a short model number of the notice's, which other products share: the "
        "listing does not give 'dehumidifier' of the notice's name; the notice accounts for 60% of the "
        "listing"
    )
