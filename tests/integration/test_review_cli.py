"""`recall-screen report` and `evaluate --sequence` on moto: the regulator's report read from the
decisions table, and the re-listing memory measured on an ordered stream."""

from __future__ import annotations

import json
from typing import Any

import boto3
from helpers import BLOCKED, TABLE_NAME, build_index
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.index_store import IndexStore
from recall_screen.aws.review_store import ReviewStore
from recall_screen.catalog.publishing import publish
from recall_screen.models import Listing
from recall_screen.review import VerdictRequest
from recall_screen.screening import Screener
from recall_screen.service import Requester, Screening
from recall_screen_cli.main import main
from recall_screen_cli.sequence import replay

RELISTING = {
    "listing_id": "L-again",
    "title": "Kids ride on toy 12V battery, red",
    "seller_id": "S-1",
    "ship_to": "US",
}
CLEAN_BY_SAME_SELLER = {
    "listing_id": "L-chess",
    "title": "Hand-carved wooden chess set",
    "seller_id": "S-1",
    "ship_to": "US",
}


def test_report_prints_the_recalls_counts_and_writes_the_page(dynamodb, decisions_table, tmp_path, capsys):
    log = DecisionLog(dynamodb, decisions_table)
    store = ReviewStore(log)
    screening = Screening(log, Requester("req", "test"), memory=store)
    screener = Screener(build_index())
    screening.screen_one(screener, Listing.model_validate(BLOCKED))
    screening.screen_one(screener, Listing.model_validate(RELISTING))
    reviewed = json.loads(
        screening.screen_one(screener, Listing.model_validate({**RELISTING, "listing_id": "L-3"}))
    )
    store.give_verdict(
        reviewed["decision_id"], VerdictRequest(verdict="confirm", reviewer="rev"), request_id="r", caller="c"
    )

    page = tmp_path / "out" / "report.html"
    status = main(["report", "--recall", "24-101", "--table", TABLE_NAME, "--html", str(page)])

    assert status == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["totals"] == {
        "screened": 3,
        "blocked": 2,
        "reviewed": 2,
        "confirmed": 1,
        "overruled": 0,
        "relistings_caught": 2,
    }
    assert "CPSC recall 24-101: screened 3, blocked 2" in captured.err
    assert "<svg" in page.read_text(encoding="utf-8")


def test_report_refuses_a_recall_the_lists_and_the_decisions_do_not_know(dynamodb, decisions_table, capsys):
    """A source written as its folder, or a mistyped id, printed a report of zeros: the API's 404
    said the same request names no recall. With the drop bucket at hand the CLI refuses it too,
    and takes the notice's title from the lists serving."""
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="drops")
    publish(IndexStore(s3, "drops"), build_index())
    args = ["report", "--table", TABLE_NAME, "--bucket", "drops"]

    assert main([*args, "--recall", "24-101", "--source", "cpsc"]) == 2
    assert "no recall cpsc 24-101 in the lists serving" in capsys.readouterr().err
    assert main([*args, "--recall", "24-101"]) == 0  # in the lists; nothing matched it yet
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["serving"] is True and report["title"] and report["totals"]["screened"] == 0

    # No bucket to read: the report stands, with a note that nothing could tell it apart.
    assert main(["report", "--table", TABLE_NAME, "--bucket", "nowhere", "--recall", "99-999"]) == 0
    assert "no decision names CPSC 99-999, and the lists serving could not be read" in capsys.readouterr().err
    # Against AWS, no bucket is guessed: one named as serve's would be somebody else's.
    assert main(["report", "--table", TABLE_NAME, "--recall", "99-999"]) == 0
    assert "(no --bucket given)" in capsys.readouterr().err


def test_report_refuses_a_time_that_is_not_one(dynamodb, decisions_table, capsys):
    assert main(["report", "--recall", "24-101", "--table", TABLE_NAME, "--from", "last tuesday"]) == 2
    assert "--from 'last tuesday' is not an ISO 8601" in capsys.readouterr().err


def test_the_sequence_replay_counts_what_the_memory_catches_beyond_the_text():
    rows: list[tuple[dict[str, Any], Listing]] = [
        ({"kind": "original"}, Listing.model_validate(BLOCKED)),
        (
            {"kind": "relisting", "variant": "reworded", "relisting_of": "L-block"},
            Listing.model_validate(RELISTING),
        ),
        ({"kind": "clean", "seller_of": "L-block"}, Listing.model_validate(CLEAN_BY_SAME_SELLER)),
    ]
    counts = replay(Screener(build_index()), rows)["counts"]
    assert counts["original_blocked"] == 1
    assert counts["relisting_reworded_after_block"] == 1
    assert counts["relisting_reworded_text"] == 0
    assert counts["relisting_reworded_memory_only"] == 1
    assert counts["clean_after_block"] == 1
    assert counts.get("clean_memory", 0) == 0
