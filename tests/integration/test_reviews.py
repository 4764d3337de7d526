"""The review workflow through the API on moto: reviewers' verdicts and the decisions they make,
the open review queue, the verdict and re-listing memory, and a recall's report."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from helpers import BLOCKED, StaticIndex, body_of
from recall_screen.aws.decision_log import DecisionLog
from recall_screen_cli.lambda_events import api_gateway_event, sample_headers
from screener import app as screener_app
from screener.runtime import Runtime, set_runtime

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")

# A seller's second try after BLOCKED: the text alone allows it.
RELISTING = {
    "listing_id": "L-again",
    "title": "Kids ride on toy 12V battery, red",
    "seller_id": "S-1",
    "ship_to": "US",
}
# Goes to review on the small index: a name match on 24-101 without its identifiers, with words
# the notice does not account for.
REVIEWED = {
    "listing_id": "L-review",
    "title": "Kids ride-on kart ZoomKart toy with remote control",
    "seller_id": "S-9",
    "ship_to": "US",
}


class Api:
    def __init__(self, runtime: Runtime, context: Any) -> None:
        self.runtime = runtime
        self.context = context

    def call(
        self, method: str, path: str, body: Any = None, query: dict[str, str] | None = None
    ) -> dict[str, Any]:
        target = f"{path}?{urlencode(query)}" if query else path
        event = api_gateway_event(
            method,
            target,
            None if body is None else json.dumps(body),
            headers=sample_headers(),
            identity={"apiKeyId": "key-reviewers"},
        )
        return screener_app.lambda_handler(event, self.context)

    def ok(self, method: str, path: str, body: Any = None, query: dict[str, str] | None = None) -> Any:
        response = self.call(method, path, body, query)
        assert response["statusCode"] == 200, response["body"]
        return body_of(response)

    def screen(self, listing: dict[str, Any], **changes: Any) -> dict[str, Any]:
        decision: dict[str, Any] = self.ok("POST", "/v1/screen", {**listing, **changes})
        return decision

    def verdict(self, decision_id: str, verdict: str, **fields: Any) -> dict[str, Any]:
        body = {"verdict": verdict, "reviewer": "rev-ana", **fields}
        given: dict[str, Any] = self.ok("POST", f"/v1/decisions/{decision_id}/verdict", body)
        return given

    def queue(self, **query: str) -> list[str]:
        return [r["decision"]["decision_id"] for r in self.ok("GET", "/v1/reviews", query=query)["reviews"]]


@pytest.fixture
def api(dynamodb: Any, decisions_table: str, static_index: StaticIndex, lambda_context: Any) -> Any:
    runtime = Runtime(index=static_index, log=DecisionLog(dynamodb, decisions_table))
    set_runtime(runtime)
    yield Api(runtime, lambda_context)
    set_runtime(None)


def relisted(decision: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for m in decision["matches"] for e in m["evidence"] if e["method"] == "relisted_like"]


# -- verdicts -----------------------------------------------------------------------------------------


def test_a_verdict_creates_a_new_decision_and_leaves_the_original_as_it_was(api):
    reviewed = api.screen(REVIEWED)
    assert reviewed["decision"] == "review"
    original = api.call("GET", f"/v1/decisions/{reviewed['decision_id']}")["body"]
    assert api.queue() == [reviewed["decision_id"]]

    given = api.verdict(reviewed["decision_id"], "confirm", note="same kart, photo matches the notice")

    decision = given["decision"]
    assert decision["decision_id"] != reviewed["decision_id"]
    assert decision["listing_id"] == "L-review"
    assert decision["decision"] == "block"
    assert decision["reasons"][0].startswith("reviewer: rev-ana confirmed CPSC recall 24-101")
    assert given["verdict"]["verdict_id"] == decision["decision_id"]
    assert given["verdict"]["recall_id"] == "24-101"  # the top match, as none was named
    assert api.call("GET", f"/v1/decisions/{reviewed['decision_id']}")["body"] == original
    history = api.ok("GET", "/v1/listings/L-review/decisions")["decisions"]
    assert [d["decision_id"] for d in history] == [decision["decision_id"], reviewed["decision_id"]]
    assert api.queue() == []


def test_a_verdict_on_a_decision_the_listing_has_moved_on_from_is_refused(api):
    """A reviewer working from an older page of the queue: the listing was screened again (its
    description edited) and waits for review under the newer decision. An overrule of the older
    one was accepted, made `allow` the listing's latest decision and took the newer review off
    the queue, so the edited listing went live unreviewed. It is a 409 naming the newer decision."""
    older = api.screen(REVIEWED)
    newer = api.screen(REVIEWED, description="Ride-on kart with a 12V battery pack")
    assert (older["decision"], newer["decision"]) == ("review", "review")

    stale = api.call(
        "POST", f"/v1/decisions/{older['decision_id']}/verdict", {"verdict": "overrule", "reviewer": "rev-bo"}
    )
    assert stale["statusCode"] == 409
    error = body_of(stale)["error"]
    assert error["code"] == "decision_superseded" and newer["decision_id"] in error["message"]
    assert api.queue() == [newer["decision_id"]]
    history = api.ok("GET", f"/v1/listings/{REVIEWED['listing_id']}/decisions")["decisions"]
    assert [d["decision_id"] for d in history] == [newer["decision_id"], older["decision_id"]]
    assert api.verdict(newer["decision_id"], "overrule")["decision"]["decision"] == "allow"


def test_an_overrule_of_an_edited_listing_leaves_its_confirmed_earlier_form_remembered(api):
    """A reviewer confirmed the kart; the seller edited the same listing into an ornament, which a
    reviewer overruled. The overrule retired every block of that listing for the recall, the
    confirmed kart's too: another seller's copy of the kart, and its photo, were then allowed.
    Only the blocks of the form judged are retired."""
    kart = {
        "title": "Kids ride-on kart ZoomKart toy car ZX-7731",
        "image_urls": ["https://img.example/a.jpg"],
    }
    confirmed = api.screen(REVIEWED, **kart)
    assert confirmed["decision"] == "review"
    api.verdict(confirmed["decision_id"], "confirm")
    edited = api.screen(
        REVIEWED, title="Wooden ZX-7731 shelf ornament, kart shaped", image_urls=["https://img.example/b.jpg"]
    )
    api.verdict(edited["decision_id"], "overrule", reviewer="rev-bo")

    copy = api.screen(
        {"listing_id": "L-copy", "title": "Toy car ZX-7731 red", "seller_id": "S-71", "ship_to": "US"}
    )
    assert copy["decision"] == "block" and relisted(copy)
    photo = {"listing_id": "L-photo", "title": "Toy car red", "seller_id": "S-72", "ship_to": "US"}
    assert api.screen(photo, image_urls=kart["image_urls"])["decision"] != "allow"


def test_a_second_verdict_is_a_conflict_unless_it_corrects_the_first(api):
    reviewed = api.screen(REVIEWED)
    first = api.verdict(reviewed["decision_id"], "confirm")

    again = api.call(
        "POST",
        f"/v1/decisions/{reviewed['decision_id']}/verdict",
        {"verdict": "overrule", "reviewer": "rev-bo"},
    )
    assert again["statusCode"] == 409
    assert first["verdict"]["verdict_id"] in body_of(again)["error"]["message"]

    corrected = api.verdict(
        reviewed["decision_id"], "overrule", reviewer="rev-bo", corrects=first["verdict"]["verdict_id"]
    )
    assert corrected["decision"]["decision"] == "allow"
    assert corrected["verdict"]["sequence"] == 2
    verdicts = api.ok("GET", f"/v1/decisions/{reviewed['decision_id']}/verdicts")["verdicts"]
    assert [(v["verdict"], v["reviewer"]) for v in verdicts] == [
        ("confirm", "rev-ana"),
        ("overrule", "rev-bo"),
    ]


def test_verdicts_on_what_is_not_there_are_refused(api):
    assert (
        api.call("POST", "/v1/decisions/NOPE/verdict", {"verdict": "confirm", "reviewer": "r"})["statusCode"]
        == 404
    )
    reviewed = api.screen(REVIEWED)
    wrong = api.call(
        "POST",
        f"/v1/decisions/{reviewed['decision_id']}/verdict",
        {"verdict": "confirm", "reviewer": "r", "source": "CPSC", "recall_id": "99-999"},
    )
    assert wrong["statusCode"] == 422
    assert body_of(wrong)["error"]["code"] == "verdict_refused"
    assert api.queue() == [reviewed["decision_id"]]


def test_a_verdict_keeps_no_control_characters_for_the_audit_record_to_show(api):
    """Who gave a verdict and why are shown again by the API, the report and the reviewers' page:
    escape sequences and NULs are refused, naming the field; a note may run over lines."""
    reviewed = api.screen(REVIEWED)
    path = f"/v1/decisions/{reviewed['decision_id']}/verdict"
    for field, value in [
        ("reviewer", "rev\u0000\u001b[31m"),
        ("note", "ok\u001b[2J"),
        ("recall_id", "24-1\u009b01"),
    ]:
        body = {"verdict": "confirm", "reviewer": "rev-ana", "source": "CPSC", field: value}
        refused = api.call("POST", path, body)
        assert refused["statusCode"] == 422, refused["body"]
        assert [f["field"] for f in body_of(refused)["error"]["fields"]] == [field]
    given = api.verdict(reviewed["decision_id"], "confirm", note="seen the listing\n\tand the notice")
    assert given["verdict"]["note"] == "seen the listing\n\tand the notice"


# -- the queue ---------------------------------------------------------------------------------------------


def test_the_queue_is_oldest_first_paginated_filtered_and_drops_superseded_decisions(api):
    first = api.screen(REVIEWED)
    second = api.screen(REVIEWED, listing_id="L-review-2", seller_id="S-10")
    api.screen(BLOCKED)  # a block is not waiting for anyone

    page = api.ok("GET", "/v1/reviews", query={"status": "open", "limit": "1"})
    assert [r["decision"]["decision_id"] for r in page["reviews"]] == [first["decision_id"]]
    assert page["reviews"][0]["listing"]["title"] == REVIEWED["title"]
    rest = api.ok("GET", "/v1/reviews", query={"limit": "1", "cursor": page["next_cursor"]})
    assert [r["decision"]["decision_id"] for r in rest["reviews"]] == [second["decision_id"]]
    assert api.queue(source="CPSC", recall_id="24-101") == [first["decision_id"], second["decision_id"]]
    assert api.queue(source="CPSC", recall_id="24-202") == []
    assert api.queue(source="EU Safety Gate") == []

    # The seller edits the first listing into something else: the newer decision supersedes it.
    api.screen(REVIEWED, title="Hand-carved wooden chess set")
    assert api.queue() == [second["decision_id"]]


def test_a_cursor_from_another_queue_is_refused(api):
    api.screen(REVIEWED)
    api.screen(REVIEWED, listing_id="L-review-2")
    cursor = api.ok("GET", "/v1/reviews", query={"limit": "1"})["next_cursor"]
    response = api.call("GET", "/v1/reviews", query={"source": "CPSC", "cursor": cursor})
    assert response["statusCode"] == 400


# -- verdict memory ------------------------------------------------------------------------------------------


def test_an_overruled_pair_is_not_raised_again_for_the_same_content(api):
    reviewed = api.screen(REVIEWED)
    api.verdict(reviewed["decision_id"], "overrule", note="a different kart: no battery pack")

    again = api.screen(REVIEWED)
    assert again["decision"] == "allow"
    assert any("overruled by reviewer rev-ana" in n for n in again["matches"][0]["notes"])
    assert api.queue() == []

    edited = api.screen(REVIEWED, description="now with the 12V battery")
    assert edited["decision"] == "review"  # new content: judged afresh


def test_a_confirmed_pair_is_blocked_when_the_listing_comes_back(api):
    reviewed = api.screen(REVIEWED, title="Kids ride-on kart ZoomKart toy car ZX-7731")
    assert reviewed["decision"] == "review"
    confirmed = api.verdict(reviewed["decision_id"], "confirm")["decision"]

    # The same seller, a new listing id, the words shuffled and the brand dropped.
    back = api.screen(REVIEWED, listing_id="L-back", title="Ride-on kart toy car for kids ZX-7731")
    assert back["decision"] == "block"
    evidence = relisted(back)
    assert (
        evidence and evidence[0]["recall_value"] == f"listing L-review (decision {confirmed['decision_id']})"
    )
    assert any("seller S-9 has 1 block confirmed by reviewers" in r for r in back["reasons"])

    # Another seller with the same model number, saying nothing the recall says.
    other = api.screen(REVIEWED, listing_id="L-other", seller_id="S-77", title="Toy car ZX-7731 red")
    assert other["decision"] == "block"
    assert relisted(other)


def test_a_relisting_by_a_blocked_seller_goes_to_review_and_their_clean_listings_do_not(api):
    blocked = api.screen(BLOCKED)
    assert blocked["decision"] == "block"

    relisting = {
        "listing_id": "L-again",
        "title": "Kids ride on toy 12V battery, red",
        "seller_id": "S-1",
        "ship_to": "US",
    }
    api.runtime.remember = False  # the text alone first
    text_alone = api.screen(relisting, listing_id="L-again-text")
    api.runtime.remember = True
    assert text_alone["decision"] == "allow"

    again = api.screen(relisting)
    assert again["decision"] == "review"
    evidence = relisted(again)
    assert evidence[0]["recall_value"] == f"listing L-block (decision {blocked['decision_id']})"
    assert again["matches"][0]["recall_id"] == "24-101"
    assert api.queue() == [again["decision_id"]]

    clean = api.screen(
        {
            "listing_id": "L-chess",
            "title": "Hand-carved wooden chess set",
            "seller_id": "S-1",
            "ship_to": "US",
        }
    )
    assert clean["decision"] == "allow"
    # Another seller's listing with the same words is the text's business only.
    stranger = api.screen(relisting, listing_id="L-stranger", seller_id="S-5")
    assert stranger["decision"] == "allow"


def test_a_relisting_shipped_where_the_recall_does_not_apply_is_not_raised(api):
    api.screen(BLOCKED)
    abroad = api.screen({**RELISTING, "ship_to": "DE"})
    assert abroad["decision"] == "allow"
    assert any("does not apply where this listing ships" in r for r in abroad["reasons"])


def test_an_overruled_block_is_held_against_no_one_however_often_it_was_blocked(api):
    for _ in range(6):  # blocked six times: more blocks than one verdict's transaction retires
        blocked = api.screen(BLOCKED)
        assert blocked["decision"] == "block"
    api.verdict(blocked["decision_id"], "overrule", note="the code on the box is a misprint")

    again = api.screen(RELISTING)
    assert again["decision"] == "allow"
    assert relisted(again) == []


# -- the report --------------------------------------------------------------------------------------------


def test_a_recalls_report_counts_each_block_once_and_only_verdicts_on_it(api):
    """One listing blocked on the monitor (its model) and sent to review on the kart: overruling
    the kart made a decision that still shows the monitor's block, and the monitor's report counted
    it as a second block and listed the kart's reviewer row; confirming a block the matcher had
    made counted that block twice too."""
    both = api.screen(
        {**BLOCKED, "listing_id": "L-both", "title": "ZoomKart ride on toy with Nightglow baby monitor NG-77"}
    )
    assert {("24-202", "block"), ("24-101", "review")} <= {
        (m["recall_id"], m["verdict"]) for m in both["matches"]
    }
    api.verdict(both["decision_id"], "overrule", source="CPSC", recall_id="24-101")
    blocked = api.screen(BLOCKED)
    assert blocked["decision"] == "block"
    api.verdict(blocked["decision_id"], "confirm", source="CPSC", recall_id="24-101")

    monitor = api.ok("GET", "/v1/recalls/CPSC/24-202/report")
    assert monitor["totals"]["blocked"] == 1  # L-both, once
    assert monitor["totals"]["overruled"] == 0 and not [r for r in monitor["listings"] if r.get("reviewer")]
    kart = api.ok("GET", "/v1/recalls/CPSC/24-101/report")
    assert kart["totals"]["blocked"] == 1  # L-block: the matcher's block, which a reviewer confirmed
    assert (kart["totals"]["confirmed"], kart["totals"]["overruled"]) == (1, 1)


def test_the_report_counts_what_the_decisions_say(api):
    api.screen(BLOCKED)  # blocked by the matcher
    api.screen(
        {
            "listing_id": "L-again",
            "title": "Kids ride on toy 12V battery, red",
            "seller_id": "S-1",
            "ship_to": "US",
        }
    )
    confirm = api.screen(REVIEWED)
    overrule = api.screen(REVIEWED, listing_id="L-review-2", seller_id="S-10")
    api.screen(
        {"listing_id": "L-monitor", "title": "Nightglow baby monitor", "ship_to": "US"}
    )  # another recall
    api.verdict(confirm["decision_id"], "confirm")
    api.verdict(overrule["decision_id"], "overrule")

    report = api.ok("GET", "/v1/recalls/CPSC/24-101/report")
    day = report["days"][0]["day"]
    assert [d["day"] for d in report["days"]] == [day]
    assert report["totals"] == {
        "screened": 4,  # the matcher's decisions: the block, the re-listing, the two reviews
        "blocked": 2,  # the matcher's block and the confirmation
        "reviewed": 3,  # the re-listing and the two name matches
        "confirmed": 1,
        "overruled": 1,
        "relistings_caught": 1,
    }
    assert report["title"].startswith("Acme Recalls ZoomKart")
    listed = {row["listing_id"] for row in report["listings"]}
    assert listed == {"L-block", "L-again", "L-review", "L-review-2"}

    later = api.ok("GET", "/v1/recalls/CPSC/24-101/report", query={"from": "2999-01-01"})
    assert later["totals"]["screened"] == 0 and later["days"] == []
    period = api.ok("GET", "/v1/recalls/CPSC/24-101/report", query={"from": day, "to": "2999-01-01"})
    assert period["totals"] == report["totals"]
    before = api.ok("GET", "/v1/recalls/CPSC/24-101/report", query={"to": day})
    assert before["totals"]["screened"] == 0
    reversed_period = api.call(
        "GET", "/v1/recalls/CPSC/24-101/report", query={"from": "2999-01-01", "to": day}
    )
    assert reversed_period["statusCode"] == 422
    assert [f["field"] for f in json.loads(reversed_period["body"])["error"]["fields"]] == ["from"]
    # A time Python cannot bring to UTC is refused like any time that is not one, not a 500.
    for name, edge in [("from", "0001-01-01T00:00:00+01:00"), ("to", "9999-12-31T23:59:59-01:00")]:
        outside = api.call("GET", "/v1/recalls/CPSC/24-101/report", query={name: edge})
        assert outside["statusCode"] == 422, outside["body"]
        (field,) = json.loads(outside["body"])["error"]["fields"]
        assert (field["field"], field["location"]) == (name, "query")

    page = api.call("GET", "/v1/recalls/CPSC/24-101/report", query={"format": "html"})
    assert page["statusCode"] == 200
    assert "text/html" in (page.get("headers") or {}).get("Content-Type", "") or "text/html" in str(page)
    text = page["body"]
    assert "<svg" in text and "L-again" in text and "relisted_like" in text
    assert "<script" not in text and "src=" not in text  # nothing loaded from elsewhere


# -- the reviewers' page -----------------------------------------------------------------------------------


def test_the_reviewers_page_loads_nothing_from_elsewhere(api):
    response = api.call("GET", "/v1/review/")
    assert response["statusCode"] == 200
    headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
    headers.update({k.lower(): v[-1] for k, v in (response.get("multiValueHeaders") or {}).items()})
    assert headers["content-type"].startswith("text/html")
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "unsafe-inline" not in policy
    page = response["body"]
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert "/v1/reviews" in page and "/verdict" in page  # it works the queue through this API


def test_a_recall_whose_id_holds_a_slash_has_its_report_by_query(api):
    """Every EU Safety Gate id holds a '/' ("SR/02645/26"), which no path segment carries past the
    gateway's decoding: the path form answered 404. The query form reads the same report."""
    api.screen(BLOCKED)
    by_path = api.ok("GET", "/v1/recalls/CPSC/24-101/report")
    by_query = api.ok("GET", "/v1/recalls/CPSC/report", query={"recall_id": "24-101"})
    assert by_query == by_path and by_query["totals"]["blocked"] == 1
    # The test lists hold no EU recall: the answer names the id, slash and all, as the lists lack it.
    slashed = api.call("GET", "/v1/recalls/EU%20Safety%20Gate/report", query={"recall_id": "SR/02645/26"})
    assert slashed["statusCode"] == 404
    assert "no recall EU Safety Gate SR/02645/26 in the lists serving" in body_of(slashed)["error"]["message"]
    missing = api.call("GET", "/v1/recalls/CPSC/report")
    assert missing["statusCode"] == 422 and "recall_id" in json.dumps(body_of(missing))


def test_the_verdicts_of_a_decision_that_does_not_exist_are_a_404(api):
    """A mistyped decision id answered 200 with no verdicts, which reads as 'not judged yet'."""
    reviewed = api.screen(REVIEWED)
    assert api.ok("GET", f"/v1/decisions/{reviewed['decision_id']}/verdicts")["verdicts"] == []
    missing = api.call("GET", "/v1/decisions/01NOSUCHDECISION00000000000/verdicts")
    assert missing["statusCode"] == 404 and body_of(missing)["error"]["code"] == "not_found"


def test_a_report_of_a_recall_nobody_knows_is_a_404_not_a_page_of_zeros(api):
    """A mistyped id, or the source in other capitals, read as a recall nothing had matched."""
    for path in ("/v1/recalls/cpsc/24-101/report", "/v1/recalls/CPSC/99-999/report"):
        response = api.call("GET", path)
        assert response["statusCode"] == 404, path
    assert (
        "the lists hold it under CPSC"
        in body_of(api.call("GET", "/v1/recalls/cpsc/24-101/report"))["error"]["message"]
    )
    known = api.ok("GET", "/v1/recalls/CPSC/24-202/report")  # in the lists, nothing matched yet
    assert known["totals"]["screened"] == 0
    # Its header is the serving notice's (it was blank: the header came from matches alone).
    assert known["title"] and known["url"].startswith("https://") and known["serving"] is True
    assert (
        "no longer hold this recall"
        not in api.call("GET", "/v1/recalls/CPSC/24-202/report", query={"format": "html"})["body"]
    )
