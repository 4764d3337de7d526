"""A recall's report as the regulator reads it in a browser (`recall_report.render_html`)."""

from __future__ import annotations

from recall_screen.recall_report import Report, build_report, render_html


def report(url: str) -> Report:
    return Report("CPSC", "24-101", "Acme <ZoomKart> Toys", url, "Fire", {"from": None, "to": None}, {}, [])


def test_the_notices_address_is_a_link_only_to_the_web() -> None:
    """The parsers keep http(s) addresses alone, but an artifact is data: a "javascript:" address
    in an href would run when the regulator clicks it. It is shown as text instead."""
    assert '<a href="https://www.cpsc.gov/Recalls/24-101">' in render_html(
        report("https://www.cpsc.gov/Recalls/24-101")
    )
    page = render_html(report("javascript:alert(1)"))
    assert "href=" not in page.split("<body", 1)[1] and "javascript:alert(1)" in page
    assert "Acme &lt;ZoomKart&gt; Toys" in page


def _decision(n: int, verdict: str, applicable: bool) -> dict:
    match = {"source": "CPSC", "recall_id": "24-101", "title": "Recorded title", "url": "", "hazard": "",
             "verdict": verdict, "applicable": applicable, "evidence": []}  # fmt: skip
    return {"decision_id": f"D{n}", "listing_id": f"L{n}", "decided_at": "2026-12-01T10:00:00Z",
            "decision": verdict, "matches": [match]}  # fmt: skip


def test_a_match_that_did_not_apply_where_the_listing_ships_is_not_counted() -> None:
    """A listing shipped where the recall does not apply was not screened against it: counting it
    told the regulator of screenings that never happened."""
    decisions = [_decision(1, "block", True), _decision(2, "allow", False), _decision(3, "review", False)]
    made = build_report("CPSC", "24-101", decisions=decisions, listings={}, verdicts=[])
    assert made.totals["screened"] == 1 and made.totals["blocked"] == 1 and made.totals["reviewed"] == 0
    assert [row["listing_id"] for row in made.listings] == ["L1"]


def test_the_header_is_the_serving_notices_and_a_recall_no_longer_served_says_so() -> None:
    serving = {"title": "Acme Recalls ZoomKart", "url": "https://x/1", "hazard": "Fire", "serving": True}
    made = build_report("CPSC", "24-101", decisions=[], listings={}, verdicts=[], serving=serving)
    assert (made.title, made.url, made.serving) == ("Acme Recalls ZoomKart", "https://x/1", True)
    gone = build_report(
        "CPSC", "24-101", decisions=[_decision(1, "block", True)], listings={}, verdicts=[],
        serving={"serving": False},
    )  # fmt: skip
    assert (gone.title, gone.serving) == ("Recorded title", False)
    assert "no longer hold this recall" in render_html(gone)
    assert "no longer hold" not in render_html(made)
    unknown = build_report("CPSC", "24-101", decisions=[], listings={}, verdicts=[])
    assert unknown.serving is None and "no longer hold" not in render_html(unknown)
