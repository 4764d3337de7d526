"""A recall's report as the regulator reads it in a browser (`recall_report.render_html`)."""

from __future__ import annotations

from recall_screen.recall_report import Report, render_html


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
