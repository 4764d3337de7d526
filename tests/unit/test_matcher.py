"""The matcher as a marketplace sees it: listings in, decisions out, against small realistic indexes
(CPSC and EU Safety Gate notices among many generic recalls sharing everyday words) and against the
real CPSC file from the shared data set."""

from __future__ import annotations

import string
import time
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from recall_fixtures import BLUESTAR, EZRA, LUMOS, generic_recalls
from recall_screen.index import RecallIndex
from recall_screen.models import Decision, Listing, Match, Recall, Verdict
from recall_screen.policy import Policy
from recall_screen.screening import Screener
from recall_screen.text import name_tokens
from shared_data import SHARED_RECALLS

SHARED_DATA = SHARED_RECALLS.parent
CPSC_FILE = SHARED_DATA / "recalls" / "cpsc_api" / "cpsc_recalls.json"

CAUGHT = (Verdict.BLOCK, Verdict.REVIEW)


def cpsc(recall_id: str, title: str, **fields: object) -> Recall:
    fields.setdefault("url", f"https://www.cpsc.gov/Recalls/{recall_id}")
    fields.setdefault("published", "2024-01-01")
    return Recall(source="CPSC", recall_id=recall_id, title=title, **fields)


RECALLS = [
    # As the CPSC parser reads them: the firm and the brands printed on the product.
    BLUESTAR.model_copy(
        update={
            "models": [*BLUESTAR.models, "RNB304BV2", "BWO30AGS"],
            "hazard": "The oven door can detach, posing a burn hazard.",
            "published": "2018-09-11",
            "url": "https://www.cpsc.gov/Recalls/18218",
        }
    ),
    cpsc(
        "26528",
        "Bicycle Helmets Recalled Due to Risk of Serious Injury or Death from Head Injury; "
        "Sold on Amazon by Gudook Outdoor Sports",
        product_names=["Gudook Adult Bike Helmets"],
        brands=["Gudook Outdoor Sports", "Gudook"],
        models=["KY-055"],
        hazard="The helmets do not comply with the impact attenuation requirements.",
        published="2026-06-04",
    ),
    EZRA.model_copy(
        update={
            "hazard": "Electric shock",
            "url": "https://ec.europa.eu/safety-gate-alerts/screen/webReport/alertDetail/10001523",
            "published": "2024-03-01",
        }
    ),
    LUMOS.model_copy(update={"published": "2021-01-14", "url": "https://www.cpsc.gov/Recalls/21022"}),
    cpsc(
        "19500",
        "Harbury Recalls Tandem2Tandem High Chairs Due to Fall Hazard",
        product_names=["Harbury Tandem2Tandem high chairs"],
        brands=["Harbury"],
        gtins=["00047406110124"],  # UPC 0 47406 11012 4: a leading zero a spreadsheet may drop
        published="2019-05-02",
    ),
    cpsc(
        "24100",
        "Mattel Recalls Fisher-Price Snuga Swings Due to Suffocation Hazard",
        product_names=["Fisher-Price Snuga Swings"],
        brands=["Mattel", "Fisher-Price"],
        models=["4340"],  # short, all digits: shared across brands
        published="2023-10-30",
    ),
    cpsc(
        "25300",
        "Summer Infant Recalls Baby Bath Seats Due to Drowning Hazard",
        product_names=["Summer Infant Bath Seats"],
        brands=["Summer"],  # a brand that is an ordinary word
        published="2025-01-09",
    ),
]
# Generic recalls sharing everyday words, so that rarity weighting means something.
RECALLS += generic_recalls(
    *(f"300{n:02d}" for n in range(1, 23)), title="{brand} Recalls {name} Due to Injury Hazard"
)


@pytest.fixture(scope="module")
def index() -> RecallIndex:
    return RecallIndex.build(RECALLS)


@pytest.fixture(scope="module")
def screener(index: RecallIndex) -> Screener:
    return Screener(index, Policy())


def screen(screener: Screener, title: str, **fields: str) -> Decision:
    return screener.screen(Listing(listing_id="L-1", title=title, **fields))


def verdict_for(decision: Decision, recall_id: str) -> Verdict | None:
    return next((m.verdict for m in decision.matches if m.recall_id == recall_id), None)


# -- identifiers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("gtin", "047406110124"),  # UPC-A
        ("gtin", "0 47406 11012 4"),  # as printed under the bars
        ("gtin", "0-47406-11012-4"),
        ("gtin", "47406110124"),  # the leading zero lost in a spreadsheet
        ("gtin", "0047406110124"),  # EAN-13
        ("gtin", "00047406110124"),  # GTIN-14
        ("title", "Toddler feeding chair UPC 047406110124"),
        ("title", "Toddler feeding chair 0 47406 11012 4"),
        ("title", "Toddler feeding chair GTIN 00047406110124"),
        ("title", "Toddler feeding chair UPC 47406110124"),
        ("description", "Barcode 47406110124 on the box"),
        ("gtin", "UPC: 047406110124"),
        ("gtin", "047406110124 (UPC)"),  # a label after the code, or a sign before it
        ("gtin", "#047406110124"),
        ("gtin", "UPC:047406110124 EAN:0047406110124"),
    ],
)
def test_a_valid_gtin_in_any_spelling_blocks_by_gtin(screener: Screener, field: str, value: str) -> None:
    fields = {"title": "Toddler feeding chair, grey", field: value}
    decision = screener.screen(Listing(listing_id="L-1", **fields))

    assert decision.decision is Verdict.BLOCK
    top = decision.matches[0]
    assert top.recall_id == "19500"
    gtin = [e for e in top.evidence if e.method == "gtin"]
    assert gtin and gtin[0].field == field and gtin[0].recall_value == "00047406110124"


@pytest.mark.parametrize("code", ["0816153011219", "00816153011219", "816153011219"])
def test_a_gtin_in_the_title_blocks_whatever_its_length(screener: Screener, code: str) -> None:
    decision = screen(screener, f"Kids helmet {code}")
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == "21022"
    assert any(e.method == "gtin" and e.field == "title" for e in decision.matches[0].evidence)


@pytest.mark.parametrize("placeholder", ["N/A", "none", "-", "Does not apply", "unknown"])
def test_a_model_placeholder_claims_no_other_model(screener: Screener, placeholder: str) -> None:
    # Marketplaces fill an empty model field with "N/A" or "Does not apply": no other model.
    decision = screen(screener, "Toddler feeding chair, grey", gtin="047406110124", model=placeholder)
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == "19500" and not decision.matches[0].notes


def test_a_gtin_with_a_wrong_check_digit_is_not_an_identifier(screener: Screener) -> None:
    decision = screen(screener, "Toddler feeding chair, grey", gtin="047406110125")
    assert decision.decision is not Verdict.BLOCK
    assert not any(e.method == "gtin" for m in decision.matches for e in m.evidence)


@pytest.mark.parametrize(
    ("title", "fields", "listing_field", "recall_id", "printed"),
    [
        ("Gas range", {"model": "rcs 304 bv2"}, "model", "18218", "RCS304BV2"),
        ("Gas range", {"model": "RCS-304-BV2"}, "model", "18218", "RCS304BV2"),
        ("Gas range rcs3o4bv2", {}, "title", "18218", "RCS304BV2"),
        ("Gas range R C S 3 0 4 B V 2", {}, "title", "18218", "RCS304BV2"),
        ("Helmet", {"model": "KY055"}, "model", "26528", "KY-055"),
        ("Helmet", {"model": "KYO55"}, "model", "26528", "KY-055"),
        ("Bike helmet ky-o55", {}, "title", "26528", "KY-055"),
        ("Helmet KY–055", {}, "title", "26528", "KY-055"),  # en dash
        ("Helmet", {"description": "Model ky 055, blue, size M"}, "description", "26528", "KY-055"),
    ],
)
def test_a_model_number_respaced_dashed_cased_or_with_o_for_zero_blocks(
    screener: Screener, title: str, fields: dict[str, str], listing_field: str, recall_id: str, printed: str
) -> None:
    decision = screen(screener, title, **fields)

    assert decision.decision is Verdict.BLOCK
    top = decision.matches[0]
    assert top.recall_id == recall_id
    models = [e for e in top.evidence if e.method.startswith("model")]
    assert models, top.evidence
    assert models[0].field == listing_field
    assert models[0].recall_field == "models" and models[0].recall_value == printed


def test_the_short_all_digit_model_blocks_only_with_the_product_named(screener: Screener) -> None:
    # The control: with the product named, "4340" is the recalled swing.
    assert screen(screener, "Fisher-Price Snuga swing 4340").decision is Verdict.BLOCK


@pytest.mark.parametrize(
    ("title", "fields"),
    [
        ("Cordless drill", {"brand": "DeWalt", "model": "4340"}),
        ("Garden hose 4340", {"brand": "Hoselink"}),
        ("Stainless steel kitchen sink 4340", {}),
    ],
)
def test_a_short_all_digit_model_alone_in_another_product_does_not_block(
    screener: Screener, title: str, fields: dict[str, str]
) -> None:
    decision = screen(screener, title, **fields)
    assert decision.decision is not Verdict.BLOCK
    assert verdict_for(decision, "24100") in (None, Verdict.ALLOW, Verdict.REVIEW)


@pytest.mark.parametrize(
    ("title", "fields", "recall_id"),
    [
        ("BlueStar gas range RNB999BV2", {}, "18218"),
        ("BlueStar gas range", {"model": "RCS999BV9"}, "18218"),
        ("Gudook adult bike helmets", {"model": "KY-099"}, "26528"),
        ("Gudook adult bike helmets model KY-099", {}, "26528"),
        ("Gudook adult bike helmets", {"description": "Model: KY-099, size M"}, "26528"),
        ("EZRA USB charger EZ-2405", {}, "A12/01523/24"),
        ("Fisher-Price Snuga swing", {"model": "4341"}, "24100"),
        pytest.param(
            "Fisher-Price Snuga swing model 4341",
            {},
            "24100",
        ),
    ],
)
def test_same_brand_and_type_with_another_model_number_is_never_blocked(
    screener: Screener, title: str, fields: dict[str, str], recall_id: str
) -> None:
    decision = screen(screener, title, **fields)
    assert decision.decision is not Verdict.BLOCK
    assert verdict_for(decision, recall_id) is not Verdict.BLOCK


@pytest.mark.parametrize(
    "title",
    [
        "Charger for BlueStar gas ranges and wall ovens RCS304BV2",
        "Charger for BlueStar gas ranges and wall ovens",
        "Replacement knob for BlueStar gas range RCS304BV2",
        "Case compatible with Gudook Adult Bike Helmets KY-055",
        "Case compatible with Gudook Adult Bike Helmets",
        "Protective bag for Gudook adult bike helmet KY-055",
    ],
)
def test_an_accessory_for_a_recalled_product_is_never_blocked(screener: Screener, title: str) -> None:
    decision = screen(screener, title)
    assert decision.decision is not Verdict.BLOCK
    assert all(m.verdict is not Verdict.BLOCK for m in decision.matches)


def test_saying_who_a_product_is_for_does_not_make_it_an_accessory(screener: Screener) -> None:
    # "... with lights for kids": "lights ... for" names who it is for, not what it fits.
    decision = screen(screener, "Harbury high chair with wheels for toddlers", gtin="047406110124")
    assert decision.decision is Verdict.BLOCK
    assert not any("accessory" in note for note in decision.matches[0].notes)


def test_a_recalled_charger_is_not_excused_as_an_accessory(screener: Screener) -> None:
    # The recalled product is itself a charger: "charger for smartphones" is the product. Named by
    # its brand and type alone, without the notice's model, a person looks; with it, it blocks.
    decision = screen(screener, "EZRA USB charger for smartphones")
    assert decision.decision is Verdict.REVIEW
    assert decision.matches[0].recall_id == "A12/01523/24"
    assert not any("accessory" in note for note in decision.matches[0].notes)
    modelled = screen(screener, "EZRA USB charger EZ-2401 for smartphones")
    assert modelled.decision is Verdict.BLOCK
    assert modelled.matches[0].recall_id == "A12/01523/24"


# -- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "recall_id"),
    [
        ("Gudook Adult Bike Helmets", "26528"),
        ("Adult Bike Helmets 2024 New Hot Sale Free Shipping", "26528"),  # brand dropped, noise
        ("Helmets Bike Adult Gudook", "26528"),  # reordered
        ("Bike helmets for adults Gudook", "26528"),
        ("Gudok Adult Bike Helmets", "26528"),  # typo
        ("Gudοοk Adult Bike Helmets", "26528"),  # Greek omicrons
        ("Gudook Adult Bike H3lmets", "26528"),  # a digit for a letter
        ("G u d o o k Adult Bike Helmets", "26528"),  # letters spaced apart
        ("Gudook Adult Bicycle Helmets", "26528"),  # synonym
        ("Вluеstаr gas ranges", "18218"),  # Cyrillic В, е, а
        ("Blu3star gas range", "18218"),
        ("B l u e S t a r gas range", "18218"),
        ("BluStar gas rnages", "18218"),  # two typos
        ("Gas Ranges and Wall Ovens 2024 New Hot Sale Free Shipping", "18218"),  # brand dropped
        ("Kickstart bicycle helmet, Lumos", "21022"),
        ("Lumos Kickstart bike helmets", "21022"),
        ("USB chаrger EZRA", "A12/01523/24"),  # Cyrillic а
        ("Summer Infant baby bath seat", "25300"),
    ],
)
def test_a_relisted_recalled_product_is_caught_with_the_right_recall_first(
    screener: Screener, title: str, recall_id: str
) -> None:
    decision = screen(screener, title)
    assert decision.decision in CAUGHT
    assert decision.matches[0].recall_id == recall_id


@pytest.mark.parametrize(
    ("title", "fields"),
    [
        ("BlueStar wall clock", {}),  # the brand alone
        ("Wall clock", {"brand": "BlueStar"}),
        ("Gudook water bottle", {}),
        ("Gudook", {"brand": "Gudook"}),
        ("adult bike helmets", {"brand": "Bell"}),  # the product type alone, another firm's
        ("Summer dress floral", {}),  # the ordinary word that is a brand
        ("Summer beach towel", {"brand": "Summer"}),
        ("kids bicycle set", {}),  # common words only
        ("baby set kids", {}),
        ("Bicycle helmets", {}),
    ],
)
def test_a_brand_alone_or_a_product_type_alone_is_not_blocked(
    screener: Screener, title: str, fields: dict[str, str]
) -> None:
    decision = screen(screener, title, **fields)
    assert decision.decision is not Verdict.BLOCK


def test_common_words_count_for_little_and_rare_ones_for_much(index: RecallIndex, screener: Screener) -> None:
    (bicycle,) = name_tokens("bicycle")
    (kids,) = name_tokens("kids")
    (gudook,) = name_tokens("Gudook")
    assert index.weights[bicycle] < 0.5 * index.weights[gudook]
    assert index.weights[kids] < 0.5 * index.weights[gudook]
    # The same common words with the recall's rare brand: now it is that recall.
    assert screen(screener, "kids bicycle set").decision is not Verdict.BLOCK
    branded = screen(screener, "Kids bicycle set", brand="Pedalco")
    assert branded.decision is Verdict.BLOCK and branded.matches[0].recall_id == "30001"


def test_a_name_block_is_explained_by_its_words(screener: Screener) -> None:
    decision = screen(screener, "Gudook Adult Bike Helmets")
    assert decision.decision is Verdict.BLOCK
    (evidence,) = [e for e in decision.matches[0].evidence if e.method.startswith("name")]
    assert evidence.field == "title" and "gudook" in evidence.value
    assert evidence.recall_value == "Gudook Adult Bike Helmets"


# -- the decision contract -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "BlueStar gas range RCS304BV2",
        "Bicycle helmets baby set kids bike walker crib",
        "Adult Bike Helmets 2024 New Hot Sale Free Shipping",
        "Garden gnome, ceramic",
    ],
)
def test_every_decision_keeps_the_contract(index: RecallIndex, screener: Screener, title: str) -> None:
    decision = screen(screener, title)

    assert len(decision.decision_id) == 26
    assert set(decision.decision_id) <= set(string.digits + "ABCDEFGHJKMNPQRSTVWXYZ")
    assert decision.listing_id == "L-1"
    assert decision.index_version == index.version
    assert decision.policy_version == Policy().version
    assert decision.reasons and all(decision.reasons)
    assert_bounded_by_ties(decision.matches, Policy())
    for match in decision.matches:
        assert 0 <= match.score <= 1
        assert all(0 <= e.score <= 1 for e in match.evidence)
    scores = [m.score for m in decision.matches if m.applicable]
    assert scores == sorted(scores, reverse=True)


def test_a_listing_matching_nothing_is_allowed_without_matches(screener: Screener) -> None:
    decision = screen(screener, "Garden gnome, ceramic", description="Hand painted, 30 cm tall")
    assert decision.decision is Verdict.ALLOW
    assert decision.matches == []
    assert decision.reasons


def test_decision_ids_sort_in_the_order_decisions_were_made(screener: Screener) -> None:
    start = datetime(2026, 10, 4, 12, 0, tzinfo=UTC)
    ids = [
        screener.screen(
            Listing(listing_id="L-1", title="BlueStar gas range"), now=start + timedelta(milliseconds=ms)
        ).decision_id
        for ms in (0, 1, 2, 1000, 86_400_000)
    ]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_decision_ids_made_one_after_another_sort_in_order(screener: Screener) -> None:
    first = screen(screener, "BlueStar gas range").decision_id
    time.sleep(0.003)
    second = screen(screener, "BlueStar gas range").decision_id
    assert first < second


def assert_bounded_by_ties(matches: list[Match], policy: Policy) -> None:
    """At most `max_matches`, and beyond them only matches tied with the last of them."""
    assert len(matches) <= max(policy.max_matches, policy.max_tied_matches)
    if len(matches) > policy.max_matches:
        last = matches[policy.max_matches - 1]
        for extra in matches[policy.max_matches :]:
            tie = (extra.score, extra.verdict, extra.applicable)
            assert tie == (last.score, last.verdict, last.applicable)


def test_a_decision_reports_at_most_max_matches(index: RecallIndex) -> None:
    title = "Bicycle helmets baby set kids bike walker crib stroller"
    wide = Screener(index, Policy()).screen(Listing(listing_id="L-1", title=title))
    narrow_policy = Policy(max_matches=1, max_tied_matches=1)
    narrow = Screener(index, narrow_policy).screen(Listing(listing_id="L-1", title=title))
    assert len(wide.matches) >= 2, "the listing should resemble several recalls"
    assert len(narrow.matches) == 1
    assert narrow.matches[0].recall_id == wide.matches[0].recall_id


def test_notices_equally_like_a_listing_are_all_reported_not_the_first_few() -> None:
    # Eight storefronts' bed rails, each recalled on its own, all as like an unbranded listing:
    # which of them a decision names must not depend on their order in the index.
    shops = ["Qwzrtplk", "Mnbvcxzl", "Plkjhgfd", "Zxcvbnmq", "Trewqsdf", "Lkjhgfds", "Poiuytrw", "Xswqazvb"]
    recalls = [
        Recall(
            source="CPSC",
            recall_id=f"R-{n}",
            title=f"{shop} Adult Portable Bed Rails Recalled Due to Risk of Entrapment",
            product_names=[f"{shop} Adult Portable Bed Rails"],
            brands=[shop.upper()],
            countries=["US"],
        )
        for n, shop in enumerate(shops)
    ]
    listing = Listing(listing_id="L-1", title="Adult Portable Bed Rails for Seniors", ship_to="US")
    index = RecallIndex.build(recalls)
    for policy in (Policy(max_matches=3, candidate_limit=3), Policy()):
        decision = Screener(index, policy).screen(listing)
        assert {m.recall_id for m in decision.matches} == {r.recall_id for r in recalls}, policy
        assert_bounded_by_ties(decision.matches, policy)


# -- the real CPSC file --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cpsc_screener() -> Screener:
    if not CPSC_FILE.is_file():
        pytest.fail(f"the shared data set is missing: {CPSC_FILE}")
    from recall_screen_cli.offline import load_index

    index, outcomes = load_index([CPSC_FILE])
    assert all(o.accepted for o in outcomes)
    assert len(index) > 500
    return Screener(index, Policy())


def test_real_data_bluestar_by_model_number_blocks_recall_18218(cpsc_screener: Screener) -> None:
    decision = screen(cpsc_screener, "BlueStar RCS304BV2 gas range")
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == "18218"
    assert any(e.recall_value == "RCS304BV2" for e in decision.matches[0].evidence)


@pytest.mark.parametrize(
    "title",
    [
        "Love To Dream Portable Sleep Machines with Night Light",
        "Portable Sleep Machines with Night Light",
        "Sleep machine with night light, portable - 2024 New Free Shipping",
        "Night light portable sleep machine for baby",
        "Portable Slep Machines with Night Light",
        "Portable Sleep Machine with Nightlight LTD-SM23",
    ],
)
def test_real_data_love_to_dream_sleep_machines_are_caught_as_recall_26798(
    cpsc_screener: Screener, title: str
) -> None:
    decision = screen(cpsc_screener, title)
    assert decision.decision in CAUGHT
    assert decision.matches[0].recall_id == "26798"


def test_real_data_gudook_helmets_by_name_are_recall_26528(cpsc_screener: Screener) -> None:
    decision = screen(cpsc_screener, "Gudook adult bike helmet")
    assert decision.decision in CAUGHT
    assert decision.matches[0].recall_id == "26528"
    assert screen(cpsc_screener, "Adult bike helmets", brand="Bell").decision is not Verdict.BLOCK


def test_the_notices_misprinted_code_copied_digit_for_digit_blocks_below_a_valid_code() -> None:
    # CPSC printed a UPC that fails its check digit; a listing carrying exactly those digits is
    # that product (no valid code can equal it), but the match is reported as unchecked.
    recall = cpsc(
        "10081",
        "CO2 Bicycle Tire Inflators Recalled by Todson",
        product_names=["CO2 bicycle tire inflators"],
        brands=["Todson"],
        unchecked_gtins=["00798661556020"],
    )
    screener = Screener(RecallIndex.build([recall, *RECALLS]), Policy())
    decision = screen(screener, "Clearance bicycle tire inflators", gtin="0798661556020")
    top = decision.matches[0]
    assert decision.decision is Verdict.BLOCK and top.recall_id == "10081"
    assert top.score == 0.9 and top.evidence[0].method == "gtin_unchecked"


@pytest.mark.parametrize("ship_to", ["EU", "ZZ", "USA", "1A"])
def test_a_destination_that_is_not_one_country_is_refused(ship_to: str) -> None:
    # An unknown code would match no regulator's reach and turn every recall "not applicable".
    with pytest.raises(ValidationError) as refused:
        Listing(listing_id="L-1", title="Gas range", ship_to=ship_to)
    assert refused.value.errors()[0]["loc"] == ("ship_to",)


def test_uk_is_read_as_gb() -> None:
    assert Listing(listing_id="L-1", title="Gas range", ship_to="uk").ship_to == "GB"


@pytest.mark.parametrize("years", ["2021-2025", "2019", "2021-25"])
def test_model_years_are_not_another_model(screener: Screener, years: str) -> None:
    # "Model year 2021-2025" dates the product; it names no model the recall fails to list.
    decision = screen(screener, f"BlueStar gas ranges and wall ovens, model {years}")
    top = decision.matches[0]
    assert top.recall_id == "18218" and top.verdict is not Verdict.ALLOW
    assert not any("names model" in note for note in top.notes)
    other = screen(screener, "BlueStar gas ranges and wall ovens, model BSR3000")  # another model
    assert any("names model" in note for note in other.matches[0].notes)
