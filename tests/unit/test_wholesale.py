"""A wholesale listing is screened as the retail one (issue 10): trade terms, minimum orders, lots
and tiered prices say how a product is sold, never which product it is — never a reason to allow."""

from __future__ import annotations

import pytest
from recall_screen.index import RecallIndex
from recall_screen.models import Listing, Recall, Verdict
from recall_screen.screening import Screener

RECALLS = [
    Recall(
        source="CPSC",
        recall_id="27101",
        title="Marlowfield Recalls Tumblewing Folding Baby Swings Due to Fall Hazard",
        brands=["Marlowfield"],
        product_names=["Marlowfield Tumblewing Folding Baby Swings"],
        jurisdictions=["US"],
    ),
    Recall(
        source="CPSC",
        recall_id="27102",
        title="Orrin Goods Recalls Ceramic Space Heaters Due to Fire Hazard",
        brands=["Orrin Goods"],
        product_names=["Orrin Goods Ceramic Space Heaters"],
        models=["OG-HT1500"],
        jurisdictions=["US"],
    ),
    # A real index holds thousands of notices: their words include numbers and trade words, which
    # a wholesale listing's quantities and terms would otherwise read as product words.
    Recall(
        source="CPSC",
        recall_id="27103",
        title="Pellworth Recalls 100 Piece Craft Kits with 50 Markers Sold in Cartons Due to Lead",
        product_names=["Pellworth 500 Bead Craft Kit, 99 colours, supplier carton of 20"],
        jurisdictions=["US"],
    ),
]
SCREENER = Screener(RecallIndex.build(RECALLS))

RETAIL = [
    ("Marlowfield Tumblewing Folding Baby Swing", None),
    ("Tumblewing folding baby swing", None),
    ("Ceramic space heater 1500W", "OG-HT1500"),
]
SHAPES = [
    "Wholesale {t} MOQ 100 pcs",
    "{t} - lot of 50, factory direct",
    "Bulk {t} OEM supplier, 1-99 pcs $2.50 / 100+ pcs $1.80",
    "{t} wholesale lots 500 pieces per carton, dropshipping, Min. order: 20 sets",
]


@pytest.mark.parametrize(("title", "model"), RETAIL)
@pytest.mark.parametrize("shape", SHAPES)
def test_a_wholesale_listing_is_decided_as_the_retail_one(title: str, model: str | None, shape: str) -> None:
    retail = SCREENER.screen(Listing(listing_id="r", title=title, model=model, ship_to="US"))
    wholesale = SCREENER.screen(
        Listing(listing_id="w", title=shape.format(t=title), model=model, ship_to="US")
    )
    assert retail.decision is not Verdict.ALLOW
    assert wholesale.decision is retail.decision
    assert [m.recall_id for m in wholesale.matches[:1]] == [m.recall_id for m in retail.matches[:1]]


def test_trade_terms_alone_match_nothing() -> None:
    decision = SCREENER.screen(
        Listing(
            listing_id="t",
            title="Wholesale lot of 500 pcs, MOQ 100, 1-99 pcs $2.50, OEM supplier",
            ship_to="US",
        )
    )
    assert decision.decision is Verdict.ALLOW
