"""Storefront notices (issue 10): a notice whose brand is a marketplace storefront's name is matched
on its product's type and specifications. The notices are invented, in the shapes real ones take."""

from __future__ import annotations

from recall_screen.index import RecallIndex
from recall_screen.listing_specs import quantities
from recall_screen.models import Listing, Recall, Verdict
from recall_screen.screening import Screener
from recall_screen.storefront import letter_salad, notice_specs, storefront_reason
from recall_screen.text import fold

MAGNETS = Recall(
    source="CPSC",
    recall_id="27201",
    title="Plovrent Recalls Quoxly Magnetic Stick Figure Toy Sets Due to Risk of Magnet Ingestion",
    product_names=["Quoxly Magnetic Humanoid Toy Sets 30 PCS"],
    brands=["Plovrent"],
    hazard="The toy sets can liberate loose high-powered magnets, posing an ingestion hazard.",
    jurisdictions=["US"],
    storefront="the recalling firm is a trading house (Network Technology)",
)
LIGHTS = Recall(
    source="CPSC",
    recall_id="27202",
    title="Pemberly Trading Recalls Light-Up Children's Toys Due to Battery Ingestion",
    product_names=["Light-Up Goggles, Crown Headbands, Sparkle Headbands and Ties"],
    brands=["Pemberly Trading"],
    hazard="The toys contain button cell batteries that children can easily reach.",
    jurisdictions=["US"],
    storefront="the recalling firm is a trading house (Trading)",
)
DRESSERS = Recall(
    source="CPSC",
    recall_id="27203",
    title="QXTRBLMZ Recalls Six-Drawer Dressers Due to Tip-Over Hazard",
    product_names=["QXTRBLMZ Six-drawer Dressers"],
    brands=["QXTRBLMZ"],
    jurisdictions=["US"],
    storefront="the brand 'QXTRBLMZ' reads as a storefront name",
)
SCREENER = Screener(RecallIndex.build([MAGNETS, LIGHTS, DRESSERS]))


def screen(title: str) -> tuple[Verdict, list[str]]:
    decision = SCREENER.screen(Listing(listing_id="l", title=title, ship_to="US"))
    reviewed = [m.recall_id for m in decision.matches if m.verdict is not Verdict.ALLOW]
    return decision.decision, reviewed


def test_a_storefront_brand_is_recognised_by_its_firm_or_its_shape() -> None:
    assert storefront_reason(["Hefei Example Network Technology Co., Ltd., dba Shopname"], [])
    assert storefront_reason(["Example Trading"], [])
    assert storefront_reason(["Example Co., Ltd., dba Shopname"], [])
    assert storefront_reason([], ["QXTRBLMZ"]) and storefront_reason([], ["Toyshopping168"])
    # A maker's name in capitals, a small firm's second name, a brand with a number: not storefronts.
    assert not storefront_reason(["Acme Sporting Goods, Inc., dba Acme Outdoors"], ["ACME", "STRAL"])
    assert not letter_salad("Sauna360") and not letter_salad("BISSELL") and not letter_salad("K2")


def test_the_notice_specifications_are_its_describing_words_quantities_and_hazard_objects() -> None:
    specs = notice_specs(["Quoxly Magnetic Humanoid Toy Sets 30 PCS"], MAGNETS.hazard, ["quoxly"])
    assert specs.heads == {"toy"}
    assert specs.features == {"magnetic", "humanoid"}
    assert specs.quantities == {("pcs", "30")}
    assert specs.objects == {"magnets"}
    # A count of the product's parts is its type, not a specification.
    assert notice_specs(["Six-drawer Dressers"], "", []).features == frozenset()
    # So is the hazard's object when it is the product: every coin battery is a button cell.
    batteries = notice_specs(["Lithium Coin Batteries"], "Children can swallow the coin batteries.", [])
    assert batteries.objects == frozenset() and batteries.features == {"lithium", "coin"}
    assert quantities(fold("Set of 30pcs, 5 mm balls, 216 Pieces")) == {
        ("pcs", "30"), ("mm", "5"), ("pcs", "216")
    }  # fmt: skip


def test_the_same_product_under_another_storefront_goes_to_review_with_its_specifications() -> None:
    decision = SCREENER.screen(
        Listing(listing_id="l", title="ZEPHYRO Magnetic Humanoid Toy Sets 30 PCS", ship_to="US")
    )
    # At least review: a small index makes every word rare, so the names alone may block.
    assert decision.decision is not Verdict.ALLOW
    match = decision.matches[0]
    assert match.recall_id == "27201"
    specs = [e for e in match.evidence if e.method == "specification"]
    assert specs and specs[0].value == "humanoid, magnetic, 30 pcs, magnets"
    assert any("type and specifications" in note for note in match.notes)


def test_another_storefronts_wording_and_the_hazard_object_are_specifications() -> None:
    for title, recall in [
        ("Magnetic Stick Figure Toy, 30 pieces, for kids", "27201"),
        ("LED Light Up Goggles for Kids Party (button battery)", "27202"),
        ("Crown Headbands Light Up Princess Headband", "27202"),
    ]:
        verdict, reviewed = screen(title)
        assert verdict is not Verdict.ALLOW and reviewed == [recall], title


def test_the_type_alone_or_with_other_specifications_is_allowed() -> None:
    assert screen("6 Drawer Dresser for Bedroom, Chest of Drawers with Fabric Bins")[0] is Verdict.ALLOW
    assert screen("Magnetic Humanoid Toy Set 60 PCS")[0] is Verdict.ALLOW  # another piece count
    assert screen("Wooden Humanoid Toy Figure")[0] is Verdict.ALLOW  # one describing word of several
    assert screen("Plush Crown Headband for Girls")[0] is Verdict.ALLOW


def test_naming_the_storefront_keeps_the_ordinary_rules() -> None:
    verdict, reviewed = screen("QXTRBLMZ Six-drawer Dresser")
    assert verdict is not Verdict.ALLOW and reviewed == ["27203"]
