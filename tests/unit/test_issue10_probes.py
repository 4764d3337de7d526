"""Issue 10's five probes, against every shared recall file (the priority list included) and the
example category rules: a seller re-listing a storefront's factory product, the notice's words
without a storefront, a wholesale magnet set, a light-up toy on button cells, and a bare product
type. Each answers as the issue says it should."""

from __future__ import annotations

from functools import cache

import pytest
from recall_screen.index import RecallIndex
from recall_screen.models import Listing, Verdict
from recall_screen.screening import Screener
from recall_screen_cli.offline import load_index
from shared_data import REPO, SHARED_RECALL_FILES, SHARED_RECALLS

RULES = REPO / "data" / "rules" / "priority_categories.ndjson"


@cache
def index(with_priority: bool = True) -> RecallIndex:
    files = [SHARED_RECALLS / f for f in SHARED_RECALL_FILES if with_priority or "priority" not in f]
    built, outcomes = load_index([*files, RULES])
    assert all(o.accepted for o in outcomes)
    return built


def screen(title: str, *, with_priority: bool = True) -> tuple[Verdict, set[str]]:
    decision = Screener(index(with_priority)).screen(Listing(listing_id="p", title=title, ship_to="US"))
    return decision.decision, {m.recall_id for m in decision.matches if m.verdict is not Verdict.ALLOW}


def test_the_storefront_product_under_another_storefront_is_reviewed_against_its_notice() -> None:
    verdict, raised = screen("PEKEQA Magnetic Humanoid Toy Sets 30 PCS")
    assert verdict is not Verdict.ALLOW and "26774" in raised


@pytest.mark.parametrize("with_priority", [True, False])
def test_the_notice_words_without_a_storefront_are_reviewed_whichever_files_are_loaded(
    with_priority: bool,
) -> None:
    verdict, raised = screen("Magnetic Stick Figure Toy Set 30 pcs for kids", with_priority=with_priority)
    assert verdict is not Verdict.ALLOW and "26774" in raised


def test_a_wholesale_magnet_set_goes_to_review_under_the_magnet_set_rule() -> None:
    verdict, raised = screen("Wholesale 5mm Neodymium Magnetic Balls 216 pcs Magnet Cube Puzzle Desk Toy")
    assert verdict is Verdict.REVIEW and "CAT-MAGNET-SETS" in raised


def test_light_up_glasses_on_button_cells_are_reviewed_against_the_priority_lists_light_up_toys() -> None:
    verdict, raised = screen("Light Up Glasses LED Party Favors for Kids (button battery)")
    assert verdict is Verdict.REVIEW and "26799" in raised


def test_a_bare_product_type_is_allowed() -> None:
    verdict, raised = screen("8 Drawer Dresser for Bedroom, Tall Chest of Drawers with Fabric Bins")
    assert verdict is Verdict.ALLOW and not raised
