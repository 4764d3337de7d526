"""Where a regulator has a say: a recall applies only to listings shipped where it does."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from recall_fixtures import BLUESTAR, EZRA, generic_recalls
from recall_screen import jurisdiction
from recall_screen.index import RecallIndex
from recall_screen.models import Decision, Listing, Recall, Verdict
from recall_screen.policy import Policy
from recall_screen.screening import Screener

US_TERRITORIES = ["PR", "GU", "VI", "AS", "MP", "UM"]
EEA_NOT_EU = ["NO", "IS", "LI"]

RECALLS = [
    BLUESTAR.model_copy(update={"url": "https://www.cpsc.gov/Recalls/2018/BlueStar"}),
    EZRA,
    Recall(
        source="ACCC",
        recall_id="bbfbad15-1136-4f39-9948-8c0f946b1a37",
        title="Yoyo (M) Portable Bluetooth Speakers",
        product_names=["Yoyo (M) Portable Bluetooth Speakers"],
        brands=["Yoyo"],
        models=["YY-M200"],
        jurisdictions=["AU"],
    ),
    *generic_recalls("30001", "30002", "30003", "30008", "30019", "30023"),
]

BLUESTAR = "BlueStar RCS304BV2 gas range"
EZRA = "EZRA USB charger EZ-2401"
YOYO = "Yoyo portable bluetooth speaker YY-M200"


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(RecallIndex.build(RECALLS), Policy())


def screen(screener: Screener, title: str, ship_to: str | None) -> Decision:
    return screener.screen(Listing(listing_id="L-1", title=title, ship_to=ship_to))


# -- reach ---------------------------------------------------------------------------------------


def test_cpsc_reaches_the_united_states_and_its_territories_only() -> None:
    reach = jurisdiction.reach("CPSC", [])
    assert {"US", *US_TERRITORIES} <= reach
    assert not reach & {"DE", "CA", "MX", "GB", "NO"}


def test_eu_safety_gate_reaches_the_member_states_and_the_eea() -> None:
    reach = jurisdiction.reach("EU Safety Gate", [])
    assert {"DE", "FR", "IE", "PL", "SE", *EEA_NOT_EU} <= reach
    assert not reach & {"US", "CH", "GB", "TR"}
    assert jurisdiction.reach("Generic", ["EU"]) == reach


def test_a_generic_recall_reaches_its_own_jurisdictions() -> None:
    assert jurisdiction.reach("ACCC", ["AU"]) == {"AU"}
    assert jurisdiction.reach("Some marketplace list", ["ca", " nz "]) == {"CA", "NZ"}


def test_an_unknown_reach_applies_everywhere_rather_than_nowhere() -> None:
    reach = jurisdiction.reach("Some marketplace list", [])
    assert reach == frozenset()
    assert jurisdiction.applies(reach, "DE") and jurisdiction.applies(reach, "US")


@pytest.mark.parametrize(
    ("source", "ship_to", "applies"),
    [
        ("CPSC", "US", True),
        ("CPSC", "us", True),
        *(("CPSC", code, True) for code in US_TERRITORIES),
        ("CPSC", "DE", False),
        ("CPSC", "CA", False),
        ("EU Safety Gate", "DE", True),
        *(("EU Safety Gate", code, True) for code in EEA_NOT_EU),
        ("EU Safety Gate", "US", False),
        ("EU Safety Gate", "CH", False),
        ("CPSC", None, True),
        ("EU Safety Gate", None, True),
    ],
)
def test_applies(source: str, ship_to: str | None, applies: bool) -> None:
    assert jurisdiction.applies(jurisdiction.reach(source, []), ship_to) is applies


# -- in decisions --------------------------------------------------------------------------------


def test_a_cpsc_recall_matched_for_germany_is_allowed_and_reported_not_applicable(screener: Screener) -> None:
    decision = screen(screener, BLUESTAR, "DE")

    assert decision.decision is Verdict.ALLOW
    match = decision.matches[0]
    assert match.recall_id == "18218"
    assert match.applicable is False
    assert match.verdict is Verdict.ALLOW
    assert any("DE" in note and "not applicable" in note for note in match.notes)
    assert any("18218" in reason for reason in decision.reasons)


@pytest.mark.parametrize("ship_to", ["US", *US_TERRITORIES])
def test_a_cpsc_recall_applies_in_the_us_and_its_territories(screener: Screener, ship_to: str) -> None:
    decision = screen(screener, BLUESTAR, ship_to)
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == "18218" and decision.matches[0].applicable


@pytest.mark.parametrize("ship_to", ["DE", "FR", *EEA_NOT_EU])
def test_an_eu_recall_applies_in_the_eu_and_the_eea(screener: Screener, ship_to: str) -> None:
    decision = screen(screener, EZRA, ship_to)
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == "A12/01523/24" and decision.matches[0].applicable


@pytest.mark.parametrize("ship_to", ["US", "CH", "GB"])
def test_an_eu_recall_does_not_apply_outside_the_eea(screener: Screener, ship_to: str) -> None:
    decision = screen(screener, EZRA, ship_to)
    assert decision.decision is Verdict.ALLOW
    match = next(m for m in decision.matches if m.recall_id == "A12/01523/24")
    assert match.applicable is False and match.notes


def test_a_generic_recall_applies_only_in_its_jurisdictions(screener: Screener) -> None:
    assert screen(screener, YOYO, "AU").decision is Verdict.BLOCK
    elsewhere = screen(screener, YOYO, "US")
    assert elsewhere.decision is Verdict.ALLOW
    match = next(m for m in elsewhere.matches if m.recall_id == "bbfbad15-1136-4f39-9948-8c0f946b1a37")
    assert match.applicable is False and match.verdict is Verdict.ALLOW


@pytest.mark.parametrize(
    ("title", "recall_id"),
    [(BLUESTAR, "18218"), (EZRA, "A12/01523/24"), (YOYO, "bbfbad15-1136-4f39-9948-8c0f946b1a37")],
)
def test_without_ship_to_a_listing_is_screened_against_every_source(
    screener: Screener, title: str, recall_id: str
) -> None:
    decision = screen(screener, title, None)
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == recall_id and decision.matches[0].applicable


def test_ship_to_is_an_iso_alpha2_code() -> None:
    assert Listing(listing_id="L-1", title="x", ship_to=" pr ").ship_to == "PR"
    assert Listing(listing_id="L-1", title="x", ship_to="").ship_to is None
    for bad in ("USA", "D", "1A", "ÜS"):
        with pytest.raises(ValidationError):
            Listing(listing_id="L-1", title="x", ship_to=bad)
