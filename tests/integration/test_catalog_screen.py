"""Catalogue screening through the worker's handler on moto: a catalogue's lines in batches, as the
Distributed Map's ItemBatcher hands them out, screened and recorded; results and summary under
results/<name>/; decisions read back through the screener's API."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.decision_store import DecisionNotRecorded
from recall_screen_cli.lambda_events import FakeLambdaContext
from recall_screen_cli.main import main
from recall_screen_cli.screen_catalog import batches, read_items
from rescreen_flow import Flow, flow, ndjson, recall_row

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")

KART = recall_row("R-1", "Acme ZoomKart Electric Ride-On Toys Recalled", "ZK2000X", "Acme")
LINES = [
    {"listing_id": "L-kart", "title": "Acme ZoomKart electric ride-on toy ZK2000X", "ship_to": "US"},
    {"listing_id": "L-chess", "title": "Hand-carved wooden chess set", "ship_to": "US"},
    {"listing_id": "L-notitle", "ship_to": "US"},
    {"listing_id": "L-kart2", "title": "ZoomKart ride-on ZK2000X by Acme, like new", "ship_to": "US"},
    {"listing_id": "L-lamp", "title": "Brass reading lamp", "ship_to": "US"},
]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Iterator[Flow]:
    from catalog_worker import app as worker

    with flow(monkeypatch) as made:
        worker.reset_clients()
        try:
            yield made
        finally:
            worker.reset_clients()


def catalogue(tmp_path: Path, lines: list[Any]) -> Path:
    path = tmp_path / "spring.ndjson"
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


def screen(path: Path, size: int = 2) -> list[dict[str, Any]]:
    from catalog_worker import app as worker

    context = FakeLambdaContext("CatalogWorkerFunction")
    answers = []
    for batch in batches(read_items(path), size):
        event = {"Items": batch, "BatchInput": {"catalog": "spring", "format": "jsonl"}}
        answers.append(worker.lambda_handler(event, context))
    answers.append(worker.lambda_handler({"task": "summary", "catalog": "spring"}, context))
    return answers


def results(run: Flow) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    s3 = run.s3
    listed = s3.list_objects_v2(Bucket=run.aws.bucket, Prefix="results/spring/decisions/")["Contents"]
    lines: list[dict[str, Any]] = []
    for key in sorted(o["Key"] for o in listed):
        body = s3.get_object(Bucket=run.aws.bucket, Key=key)["Body"].read().decode()
        lines.extend(json.loads(text) for text in body.splitlines())
    summary = json.loads(
        s3.get_object(Bucket=run.aws.bucket, Key="results/spring/summary.json")["Body"].read()
    )
    return lines, summary


def test_a_catalogue_produces_results_summary_and_decision_records(run: Flow, tmp_path: Path) -> None:
    version = run.drop("week1.ndjson", [KART])
    screen(catalogue(tmp_path, LINES))
    lines, summary = results(run)
    assert [line["line"] for line in lines] == [1, 2, 3, 4, 5]
    by_id = {line["listing_id"]: line for line in lines}
    assert by_id["L-kart"]["decision"] == "block"
    assert by_id["L-kart"]["matches"][0]["recall_id"] == "R-1"
    assert by_id["L-chess"]["decision"] == "allow"
    assert by_id["L-notitle"]["error"] == "title: Field required"
    assert summary["screened"] == 4
    assert by_id["L-kart2"]["decision"] in ("block", "review")
    counted = Counter(line["decision"] for line in lines if "decision" in line)
    assert summary["decisions"] == {verdict: counted[verdict] for verdict in ("block", "review", "allow")}
    assert summary["top_recalls"][0]["recall"] == "CPSC:R-1"
    assert summary["invalid"] == [{"line": 3, "listing_id": "L-notitle", "error": "title: Field required"}]
    # Every decision is in the decision log, as the API reads it back.
    for listing_id in ("L-kart", "L-chess", "L-kart2", "L-lamp"):
        (recorded,) = run.history(listing_id)
        assert recorded["decision_id"] == by_id[listing_id]["decision_id"]
        assert recorded["index_version"] == version
    assert run.history("L-notitle") == []


def test_a_failed_batch_is_retried_without_duplicate_records(
    run: Flow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run.drop("week1.ndjson", [KART])
    path = catalogue(tmp_path, LINES)
    record = DecisionLog.record
    calls = {"n": 0}

    def failing_second(self: DecisionLog, *args: Any, **kwargs: Any) -> str:
        calls["n"] += 1
        if calls["n"] == 2:
            raise DecisionNotRecorded("throttled")
        return record(self, *args, **kwargs)

    monkeypatch.setattr(DecisionLog, "record", failing_second)
    with pytest.raises(DecisionNotRecorded):  # the first batch fails after recording L-kart
        screen(path)
    first = run.history("L-kart")
    assert len(first) == 1
    screen(path)  # the state machine's retry: every batch again
    lines, summary = results(run)
    assert summary["screened"] == 4
    for listing_id in ("L-kart", "L-chess", "L-kart2", "L-lamp"):
        assert len(run.history(listing_id)) == 1, listing_id
    assert (
        next(line for line in lines if line.get("listing_id") == "L-kart")["decision_id"]
        == (first[0]["decision_id"])
    )
    screen(path)  # a whole second run of the same catalogue on the same index records nothing
    assert all(len(run.history(i)) == 1 for i in ("L-kart", "L-chess", "L-kart2", "L-lamp"))


def test_invalid_lines_are_reported_with_their_number_and_reason(run: Flow, tmp_path: Path) -> None:
    run.drop("week1.ndjson", [KART])
    lines = [
        LINES[1],
        "{not json",
        "[1, 2]",
        {"listing_id": "L-x", "title": "Lamp", "price": -3},
        {**LINES[1], "title": "Another chess set"},  # the same listing id, other content
        LINES[4],
    ]
    screen(catalogue(tmp_path, lines))
    _, summary = results(run)
    assert summary["screened"] == 2
    reasons = {entry["line"]: entry["error"] for entry in summary["invalid"]}
    assert sorted(reasons) == [2, 3, 4, 5]
    assert reasons[2].startswith("line: not valid JSON")
    assert reasons[3] == "line: not a JSON object"
    assert reasons[4].startswith("price: Input should be greater than or equal to 0")
    assert reasons[5].startswith("listing_id: repeats an earlier line")


def test_no_index_fails_the_batch_closed(run: Flow, tmp_path: Path) -> None:
    from catalog_worker import app as worker

    with pytest.raises(worker.NoIndex):
        screen(catalogue(tmp_path, LINES[:1]))


def test_the_command_line_screens_a_gzipped_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import gzip

    path = tmp_path / "shop.csv.gz"
    rows = "listing_id,title,ship_to\nC-1,Hand-carved wooden chess set,US\nC-2,,US\n"
    path.write_bytes(gzip.compress(rows.encode()))
    assert main(["screen-catalog", str(path), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    summary = json.loads(printed.out)
    assert "screened 2 lines: 0 block, 0 review, 1 allow, 1 invalid" in printed.err
    assert summary["decisions"] == {"block": 0, "review": 0, "allow": 1}
    assert summary["invalid"] == [{"line": 3, "listing_id": "C-2", "error": "title: Field required"}]
    decisions = (tmp_path / "out" / "decisions.ndjson").read_text().splitlines()
    assert [json.loads(line)["line"] for line in decisions] == [2, 3]
    assert json.loads((tmp_path / "out" / "summary.json").read_text()) == summary


def test_the_command_line_refuses_a_truncated_gzip_with_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import gzip

    path = tmp_path / "shop.ndjson.gz"
    body = gzip.compress(
        b"".join(json.dumps({**LINES[1], "listing_id": f"L-{n}"}).encode() + b"\n" for n in range(3000))
    )
    path.write_bytes(body[: len(body) // 2])
    assert main(["screen-catalog", str(path), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr()
    assert "cannot be read after line" in printed.err and printed.out == ""
    assert not (tmp_path / "out" / "summary.json").exists()


def test_the_command_line_screens_against_every_list_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `--recalls` file is its own list. A file without SOURCE= is the cpsc list, so two such
    files would be one list twice, the second replacing the first: refused before anything runs,
    rather than screening against one of them without a word."""
    kart, stroller = tmp_path / "karts.ndjson", tmp_path / "strollers.ndjson"
    kart.write_bytes(ndjson([KART]))
    stroller.write_bytes(ndjson([recall_row("R-2", "Quorra Folding Strollers Recalled", "QS-880", "Quorra")]))
    path = catalogue(
        tmp_path, [{"listing_id": "L-1", "title": "Quorra folding stroller QS-880", "ship_to": "US"}]
    )
    out = tmp_path / "out"

    assert (
        main(
            [
                "screen-catalog",
                str(path),
                "--out",
                str(out),
                "--recalls",
                str(kart),
                "--recalls",
                str(stroller),
            ]
        )
        == 2
    )
    printed = capsys.readouterr()
    assert f"{kart} and {stroller} would both be list 'cpsc'" in printed.err
    assert "SOURCE=FILE" in printed.err and not out.exists()

    named = ["--recalls", f"cpsc={kart}", "--recalls", f"eu={stroller}"]
    assert main(["screen-catalog", str(path), "--out", str(out), *named]) == 0
    (decision,) = [json.loads(line) for line in (out / "decisions.ndjson").read_text().splitlines()]
    assert decision["decision"] == "block"
    assert [m["recall_id"] for m in decision["matches"]] == ["R-2"]


def test_a_batch_moves_to_a_version_published_while_it_runs(run: Flow, tmp_path: Path) -> None:
    """A batch runs for minutes; the re-screen of a new version reads the live listings once the
    screeners' refresh interval and one request have passed. A batch that kept the version it
    started with would record decisions with it after that, unseen by the re-screen: the kart
    would stay allowed. The worker asks for the serving index at every line."""
    from catalog_worker import app as worker

    run.drop("week1.ndjson", [recall_row("R-0", "Quorra Kettles Recalled", "QK100", "Quorra")])
    clients = worker.get_clients()
    clients.index.refresh_seconds = 0  # every call looks for a newer version
    serving = clients.screener
    asked = []

    def screener() -> Any:
        asked.append(1)
        if len(asked) == 2:  # the builder publishes between the batch's first and second lines
            run.drop("week2.ndjson", [recall_row("R-0", "Quorra Kettles Recalled", "QK100", "Quorra"), KART])
        return serving()

    clients.screener = screener  # type: ignore[method-assign]
    items = list(read_items(catalogue(tmp_path, [LINES[1], LINES[0]])))
    event = {"Items": items, "BatchInput": {"catalog": "spring", "format": "jsonl"}}
    answer = worker.lambda_handler(event, FakeLambdaContext("CatalogWorkerFunction"))

    assert answer["decisions"] == {"allow": 1, "block": 1}
    ((chess,), (kart,)) = run.history("L-chess"), run.history("L-kart")
    assert (chess["decision"], kart["decision"]) == ("allow", "block")
    assert chess["index_version"] != kart["index_version"]
