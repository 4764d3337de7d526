"""The catalogue state machine of template.yaml, played against the handlers on moto: a catalogue
dropped under catalog/<name>/ starts an execution (CatalogStartFunction); the definition's Choice,
Distributed Map (ItemReader over the S3 object, ItemSelector, ItemBatcher, Retry) and summary task
are played as `rescreen_flow` plays the re-screen's, each worker call through the real handler."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import ROOT
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.catalog_screen import CatalogSettings
from recall_screen.decision_store import DecisionNotRecorded
from recall_screen_cli.lambda_events import FakeLambdaContext
from recall_screen_cli.template import load_template
from rescreen_flow import WORKER_ARN, Flow, _fill, _path, call_with_retries, flow, recall_row

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")

KART = recall_row("R-1", "Acme ZoomKart Electric Ride-On Toys Recalled", "ZK2000X", "Acme")
CSV_CATALOGUE = (
    "listing_id,title,ship_to,seller_id\n"
    "L-kart,Acme ZoomKart electric ride-on toy ZK2000X,US,S-1\n"
    "L-chess,Hand-carved wooden chess set,US,S-2\n"
    "L-bad,,US,S-3\n"
    "L-lamp,Brass reading lamp,US,S-2\n"
)


PREPARE_ARN = "arn:aws:lambda:us-east-1:123456789012:function:CatalogPrepareFunction"


def definition() -> dict[str, Any]:
    resource = load_template(ROOT / "template.yaml")["Resources"]["CatalogScreenStateMachine"]
    text = json.dumps(resource["Properties"]["Definition"])
    loaded: dict[str, Any] = json.loads(
        text.replace("${WorkerArn}", WORKER_ARN).replace("${PrepareArn}", PREPARE_ARN)
    )
    return loaded


def _task(state: dict[str, Any], document: Any, context: dict[str, Any], functions: dict[str, Any]) -> Any:
    """A lambda:invoke Task: its Parameters, the function by ARN, Retry, ResultSelector, OutputPath."""
    assert state["Type"] == "Task" and state["Resource"] == "arn:aws:states:::lambda:invoke"
    parameters = _fill(state["Parameters"], document, context)
    function = functions[parameters["FunctionName"]]
    result: Any = {"Payload": call_with_retries(state, function, parameters["Payload"]), "StatusCode": 200}
    if "ResultSelector" in state:
        result = _fill(state["ResultSelector"], result, context)
    return _path(result, state["OutputPath"], context) if "OutputPath" in state else result


def _map(state: dict[str, Any], document: Any, s3: Any, functions: dict[str, Any]) -> list[Any]:
    """The Distributed Map: the manifest read as the JSON ItemReader reads it, one child per item."""
    reader = state["ItemReader"]
    assert reader["Resource"] == "arn:aws:states:::s3:getObject"
    assert reader["ReaderConfig"] == {"InputType": "JSON"}
    where = _fill(reader["Parameters"], document, {})
    items = json.loads(s3.get_object(Bucket=where["Bucket"], Key=where["Key"])["Body"].read())
    assert isinstance(items, list)
    assert isinstance(_path(document, state["MaxConcurrencyPath"], {}), int)
    assert 0 <= _path(document, state["ToleratedFailurePercentagePath"], {}) <= 100
    processor = state["ItemProcessor"]
    assert processor["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
    task = processor["States"][processor["StartAt"]]
    assert task.get("End") is True
    results = []
    for index, item in enumerate(items):
        child = _fill(state["ItemSelector"], document, {"Map": {"Item": {"Value": item, "Index": index}}})
        results.append(_task(task, child, {}, functions))
    return results


def _store(state: dict[str, Any], document: dict[str, Any], result: Any) -> Any:
    """The state's output: ResultPath absent (the result), null (the input), or $.field."""
    if "ResultPath" not in state:
        return result
    path = state["ResultPath"]
    if path is None:
        return document
    assert path.startswith("$.") and "." not in path[2:], path
    return {**document, path[2:]: result}


def play(execution_input: dict[str, Any], s3: Any, functions: dict[str, Any]) -> Any:
    """Play the definition for one execution; the last state's output."""
    machine = definition()
    document, name = execution_input, machine["StartAt"]
    while True:
        state = machine["States"][name]
        if state["Type"] == "Map":
            result: Any = _map(state, document, s3, functions)
        else:
            result = _task(state, document, {}, functions)
        if state.get("End"):
            return result
        document = _store(state, document, result)
        name = state["Next"]


def worker(event: dict[str, Any]) -> dict[str, Any]:
    from catalog_worker import app

    answer: dict[str, Any] = app.lambda_handler(event, FakeLambdaContext("CatalogWorkerFunction"))
    return answer


def prepare(event: dict[str, Any]) -> dict[str, Any]:
    from catalog_worker import prepare as step

    answer: dict[str, Any] = step.lambda_handler(event, FakeLambdaContext("CatalogPrepareFunction"))
    return answer


FUNCTIONS = {WORKER_ARN: worker, PREPARE_ARN: prepare}


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Flow, str]]:
    from catalog_worker import app

    with flow(monkeypatch) as made:
        app.reset_clients()
        machine = made.sfn.create_state_machine(
            name="recall-screen-catalog",
            definition=json.dumps(definition()),
            roleArn="arn:aws:iam::123456789012:role/catalog",
        )["stateMachineArn"]
        monkeypatch.setenv("RECALL_SCREEN_CATALOG_STATE_MACHINE", machine)
        monkeypatch.setenv("RECALL_SCREEN_CATALOG_LINES_PER_BATCH", "2")
        try:
            yield made, machine
        finally:
            app.reset_clients()


def drop_catalogue(made: Flow, machine: str, key: str, body: str | bytes) -> dict[str, Any]:
    """Upload as the marketplace would; S3's event to the start function; the execution's input."""
    from catalog_worker import start

    data = body.encode() if isinstance(body, str) else body
    put = made.s3.put_object(Bucket=made.aws.bucket, Key=key, Body=data)
    event = made.aws.put_event(key, put.get("VersionId"))
    start.lambda_handler(event, FakeLambdaContext("CatalogStartFunction"))
    start.lambda_handler(event, FakeLambdaContext("CatalogStartFunction"))  # S3 delivers twice
    name = start.execution_name(key, put.get("VersionId"))
    (execution,) = [
        e for e in made.sfn.list_executions(stateMachineArn=machine)["executions"] if e["name"] == name
    ]
    described = made.sfn.describe_execution(executionArn=execution["executionArn"])
    loaded: dict[str, Any] = json.loads(described["input"])
    return loaded


def summary_of(made: Flow) -> dict[str, Any]:
    body = made.s3.get_object(Bucket=made.aws.bucket, Key="results/shop/summary.json")["Body"].read()
    loaded: dict[str, Any] = json.loads(body)
    return loaded


def test_a_dropped_csv_catalogue_is_screened_by_the_state_machine(run: tuple[Flow, str]) -> None:
    made, machine = run
    made.drop("week1.ndjson", [KART])
    execution_input = drop_catalogue(made, machine, "catalog/shop/spring.csv", CSV_CATALOGUE)
    assert execution_input["format"] == "csv" and execution_input["catalog"] == "shop"
    answer = play(execution_input, made.s3, FUNCTIONS)
    assert answer["screened"] == 3 and answer["invalid_lines"] == 1
    summary = summary_of(made)
    assert summary["decisions"]["block"] == 1
    assert summary["invalid"] == [{"line": 4, "listing_id": "L-bad", "error": "title: Field required"}]
    listed = made.s3.list_objects_v2(Bucket=made.aws.bucket, Prefix="results/shop/decisions/")["Contents"]
    lines = []
    for key in sorted(o["Key"] for o in listed):
        lines += made.s3.get_object(Bucket=made.aws.bucket, Key=key)["Body"].read().decode().splitlines()
    assert [json.loads(line)["listing_id"] for line in lines] == ["L-kart", "L-chess", "L-bad", "L-lamp"]
    assert made.history("L-kart")[0]["decision"] == "block"


def test_a_batch_that_fails_is_retried_by_the_definition_without_duplicates(
    run: tuple[Flow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    made, machine = run
    made.drop("week1.ndjson", [KART])
    lines = [
        {"listing_id": "L-kart", "title": "Acme ZoomKart electric ride-on toy ZK2000X", "ship_to": "US"},
        {"listing_id": "L-chess", "title": "Hand-carved wooden chess set", "ship_to": "US"},
        {"listing_id": "L-lamp", "title": "Brass reading lamp", "ship_to": "US"},
    ]
    body = "".join(json.dumps(line) + "\n" for line in lines)
    execution_input = drop_catalogue(made, machine, "catalog/shop/spring.ndjson", body)
    record = DecisionLog.record
    calls = {"n": 0}

    def failing_second(self: DecisionLog, *args: Any, **kwargs: Any) -> str:
        calls["n"] += 1
        if calls["n"] == 2:
            raise DecisionNotRecorded("throttled")
        return record(self, *args, **kwargs)

    monkeypatch.setattr(DecisionLog, "record", failing_second)
    answer = play(execution_input, made.s3, FUNCTIONS)
    assert answer["screened"] == 3
    for listing_id in ("L-kart", "L-chess", "L-lamp"):
        assert len(made.history(listing_id)) == 1, listing_id


KART_LINE = {"listing_id": "L-kart", "title": "Acme ZoomKart electric ride-on toy ZK2000X", "ship_to": "US"}
CHESS_LINE = {"listing_id": "L-chess", "title": "Hand-carved wooden chess set", "ship_to": "US"}
LAMP_LINE = {"listing_id": "L-lamp", "title": "Brass reading lamp", "ship_to": "US"}
BROKEN = [
    json.dumps(KART_LINE).encode(),  # 1
    b'{"listing_id": "L-cut", "title": "Acme ZoomKa',  # 2: cut short
    b"",  # 3: blank, skipped
    json.dumps({"listing_id": "L-notitle", "ship_to": "US"}).encode(),  # 4: a required field missing
    json.dumps(CHESS_LINE).encode(),  # 5
    b'{"listing_id": "L-latin1", "title": "Caf\xe9 table"}',  # 6: not UTF-8
    json.dumps(LAMP_LINE).encode(),  # 7, the last line without its newline
]


def decision_lines(made: Flow, name: str = "shop") -> list[dict[str, Any]]:
    listed = made.s3.list_objects_v2(Bucket=made.aws.bucket, Prefix=f"results/{name}/decisions/")["Contents"]
    lines: list[dict[str, Any]] = []
    for key in sorted(o["Key"] for o in listed):
        body = made.s3.get_object(Bucket=made.aws.bucket, Key=key)["Body"].read().decode()
        lines += [json.loads(text) for text in body.splitlines()]
    return lines


@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
def test_broken_lines_of_a_catalogue_are_reported_and_never_fail_the_map_run(
    run: tuple[Flow, str], gzipped: bool
) -> None:
    """A line the Distributed Map's JSONL reader would fail the run on (cut short, not UTF-8) is
    an invalid line of the summary; a blank line is skipped; a gzipped file reads the same."""
    made, machine = run
    made.drop("week1.ndjson", [KART])
    body = b"\n".join(BROKEN)
    key = "catalog/shop/spring.ndjson" + (".gz" if gzipped else "")
    execution_input = drop_catalogue(made, machine, key, gzip.compress(body) if gzipped else body)
    assert execution_input["version_id"]  # the object version the event named is the one read
    answer = play(execution_input, made.s3, FUNCTIONS)
    assert answer["screened"] == 3 and answer["invalid_lines"] == 3
    summary = summary_of(made)
    assert summary["decisions"] == {"block": 1, "review": 0, "allow": 2}
    assert "unscreened" not in summary
    reasons = {entry["line"]: entry["error"] for entry in summary["invalid"]}
    assert sorted(reasons) == [2, 4, 6]
    assert reasons[2].startswith("line: not valid JSON")
    assert reasons[4] == "title: Field required"
    assert reasons[6].startswith("line: not UTF-8 text")
    lines = decision_lines(made)
    assert [line["line"] for line in lines] == [1, 2, 4, 5, 6, 7]  # input order, blank line 3 skipped
    assert [line.get("decision") for line in lines] == ["block", None, None, "allow", None, "allow"]
    for listing_id in ("L-kart", "L-chess", "L-lamp"):
        assert len(made.history(listing_id)) == 1, listing_id
    # The same object delivered and run again: every decision replayed, none recorded twice.
    assert play(execution_input, made.s3, FUNCTIONS)["screened"] == 3
    for listing_id in ("L-kart", "L-chess", "L-lamp"):
        assert len(made.history(listing_id)) == 1, listing_id


def test_a_gzipped_csv_catalogue_is_screened_like_a_plain_one(run: tuple[Flow, str]) -> None:
    made, machine = run
    made.drop("week1.ndjson", [KART])
    execution_input = drop_catalogue(
        made, machine, "catalog/shop/spring.csv.gz", gzip.compress(CSV_CATALOGUE.encode())
    )
    assert execution_input["format"] == "csv"
    answer = play(execution_input, made.s3, FUNCTIONS)
    assert answer["screened"] == 3
    assert summary_of(made)["invalid"] == [
        {"line": 4, "listing_id": "L-bad", "error": "title: Field required"}
    ]
    assert [line["listing_id"] for line in decision_lines(made)] == ["L-kart", "L-chess", "L-bad", "L-lamp"]


def test_a_corrupt_gzip_fails_the_execution_and_screens_nothing(run: tuple[Flow, str]) -> None:
    from recall_screen.catalog_input import CatalogUnreadable

    made, machine = run
    made.drop("week1.ndjson", [KART])
    body = gzip.compress(
        b"\n".join(json.dumps({**CHESS_LINE, "listing_id": f"L-{n}"}).encode() for n in range(2000))
    )
    execution_input = drop_catalogue(made, machine, "catalog/shop/spring.ndjson.gz", body[: len(body) // 2])
    with pytest.raises(CatalogUnreadable, match="cannot be read after line"):
        play(execution_input, made.s3, FUNCTIONS)
    assert made.history("L-0") == []
    with pytest.raises(made.s3.exceptions.NoSuchKey):
        summary_of(made)


def test_a_part_that_failed_for_good_is_named_in_the_summary(run: tuple[Flow, str]) -> None:
    """Under a ToleratedFailurePercentage the map run goes on past a batch that still fails: the
    summary names its lines instead of counting the catalogue as screened."""
    made, machine = run
    made.drop("week1.ndjson", [KART])
    body = "".join(json.dumps(line) + "\n" for line in (KART_LINE, CHESS_LINE, LAMP_LINE))
    execution_input = drop_catalogue(made, machine, "catalog/shop/spring.ndjson", body)
    play(execution_input, made.s3, FUNCTIONS)
    made.s3.delete_object(Bucket=made.aws.bucket, Key="results/shop/batches/000000000003.json")
    answer = worker({"task": "summary", "catalog": "shop", "format": "jsonl"})
    assert answer["screened"] == 2
    assert answer["unscreened"] == [
        {"first_line": 3, "lines": 1, "part": "results/shop/parts/000000000003.ndjson"}
    ]


def test_a_part_left_with_an_earlier_uploads_results_is_not_counted_for_this_one(
    run: tuple[Flow, str],
) -> None:
    """The same catalogue uploaded again: a part whose batch failed for good this time still holds
    the results the first upload left under its first line. They say nothing of this upload's
    lines (a helper found them counted: 'screened 3, allow 3' with a kart never screened)."""
    made, machine = run
    made.drop("week1.ndjson", [KART])
    first = "".join(
        json.dumps(line) + "\n" for line in (CHESS_LINE, LAMP_LINE, LAMP_LINE | {"listing_id": "L-x"})
    )
    play(drop_catalogue(made, machine, "catalog/shop/spring.ndjson", first), made.s3, FUNCTIONS)
    tally = "results/shop/batches/000000000003.json"
    earlier = made.s3.get_object(Bucket=made.aws.bucket, Key=tally)["Body"].read()

    second = "".join(json.dumps(line) + "\n" for line in (CHESS_LINE, LAMP_LINE, KART_LINE))
    play(drop_catalogue(made, machine, "catalog/shop/spring.ndjson", second), made.s3, FUNCTIONS)
    made.s3.put_object(Bucket=made.aws.bucket, Key=tally, Body=earlier)  # as if its batch failed
    answer = worker({"task": "summary", "catalog": "shop", "format": "jsonl"})

    assert answer["screened"] == 2
    assert answer["unscreened"] == [
        {
            "first_line": 3,
            "lines": 1,
            "part": "results/shop/parts/000000000003.ndjson",
            "earlier_upload_results": "results/shop/decisions/000000000003.ndjson",
        }
    ]


def test_an_earlier_uploads_results_beyond_this_ones_parts_are_named_in_the_summary(
    run: tuple[Flow, str],
) -> None:
    """An earlier upload of the same name with more lines left decisions files under first lines
    this upload has not: they sit under the summary's results prefix and are not this upload's."""
    made, machine = run
    made.drop("week1.ndjson", [KART])
    for lines in ((CHESS_LINE, LAMP_LINE, KART_LINE), (CHESS_LINE, LAMP_LINE)):
        body = "".join(json.dumps(line) + "\n" for line in lines)
        execution_input = drop_catalogue(made, machine, "catalog/shop/spring.ndjson", body)
        play({**execution_input, "max_items_per_batch": 1}, made.s3, FUNCTIONS)  # a part per line
    summary = summary_of(made)
    assert summary["screened"] == 2 and "unscreened" not in summary
    assert summary["earlier_upload_files"] == ["results/shop/decisions/000000000003.ndjson"]


def test_an_upload_that_is_no_catalogue_is_named_and_counted_not_retried(
    run: tuple[Flow, str], capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """A folder the console makes is nothing to screen; a file outside catalog/<name>/<file> can
    never start, so retrying it only parked it unseen: it is logged by key and counted
    (CatalogNotStarted, which has an alarm), and the uploads beside it in the event still start."""
    from catalog_worker import start

    made, _ = run
    keys = ["catalog/shop/", "catalog/stray.ndjson", "catalog/shop/spring.ndjson"]
    for key in keys[1:]:
        made.s3.put_object(Bucket=made.aws.bucket, Key=key, Body=(json.dumps(CHESS_LINE) + "\n").encode())
    event = {
        "Records": [{"s3": {"bucket": {"name": made.aws.bucket}, "object": {"key": key}}} for key in keys]
    }
    answer = start.lambda_handler(event, FakeLambdaContext("CatalogStartFunction"))

    assert answer["started"] == [start.execution_name("catalog/shop/spring.ndjson", None)]
    (refused,) = [r for r in caplog.records if r.getMessage() == "not a catalogue; not screened"]
    assert getattr(refused, "key", None) == "catalog/stray.ndjson"
    assert '"CatalogNotStarted":[1.0]' in capsys.readouterr().out.replace(" ", "")
    template = load_template(ROOT / "template.yaml")["Resources"]
    alarm = template["CatalogNotStartedAlarm"]["Properties"]
    assert (alarm["Namespace"], alarm["MetricName"]) == ("RecallScreen", "CatalogNotStarted")
    invoke = template["CatalogStartFunction"]["Properties"]["EventInvokeConfig"]
    assert invoke["DestinationConfig"]["OnFailure"]["Destination"] == {
        "Fn::GetAtt": ["CatalogStartDLQ", "Arn"]
    }


def test_the_start_function_reads_the_parameters_the_template_passes() -> None:
    from catalog_worker import start

    resources = load_template(ROOT / "template.yaml")["Resources"]
    variables = resources["CatalogStartFunction"]["Properties"]["Environment"]["Variables"]
    parameters = load_template(ROOT / "template.yaml")["Parameters"]
    environ = {
        name: str(parameters[ref["Ref"]]["Default"])
        for name, ref in variables.items()
        if ref.get("Ref") in parameters
    }
    made = start.execution_input("b", "catalog/shop/x.csv", CatalogSettings.from_env(environ))
    assert (made["max_concurrency"], made["max_items_per_batch"], made["tolerated_failure_percentage"]) == (
        40,
        500,
        0,
    )


def test_every_role_that_reads_a_key_that_may_be_missing_may_list_the_bucket() -> None:
    """S3 answers a missing key with 403, not 404, to a role that may not list the bucket, and
    a request for one key carries no s3:prefix: the summary reads the tally of every part, and a
    part whose batch failed has none. A prefix condition on the list grant made that a 403, and
    the summary failed rather than naming the part unscreened (the builder likewise reads a
    first drop's missing catalog and ledger)."""
    resources = load_template(ROOT / "template.yaml")["Resources"]
    for function in ("CatalogWorkerFunction", "IndexBuilderFunction"):
        statements = [
            statement
            for policy in resources[function]["Properties"]["Policies"]
            for statement in policy.get("Statement", [])
            if statement.get("Action") == "s3:ListBucket"
        ]
        assert statements, function
        assert all("Condition" not in statement for statement in statements), function


def test_the_worker_reads_only_its_own_catalogue_parts(run: tuple[Flow, str]) -> None:
    from catalog_worker import app

    made, _ = run
    made.drop("week1.ndjson", [KART])
    for key in ("index/current.json", "results/other/parts/000000000001.ndjson"):
        with pytest.raises(app.BadInput, match="not a part of catalogue"):
            worker({"part": {"key": key, "first_index": 0, "lines": 1}, "catalog": "shop", "format": "jsonl"})


def test_a_catalogue_uploaded_again_with_a_listing_changed_screens_it_again(run: tuple[Flow, str]) -> None:
    """The worker's idempotency keys name the upload: a retry of one run replays, but the same
    catalogue uploaded again (its key reused) with a listing changed is screened again. Keyed on
    the catalogue's name alone, the changed line was reported as repeating an earlier line and
    its decision stayed the earlier upload's `allow`."""
    from catalog_worker import start

    made, machine = run
    made.drop("week1.ndjson", [KART])
    key = "catalog/shop/spring.ndjson"
    lamp = {"listing_id": "L-1", "title": "Brass reading lamp", "ship_to": "US"}
    play(drop_catalogue(made, machine, key, json.dumps(lamp) + "\n"), made.s3, FUNCTIONS)
    assert summary_of(made)["decisions"]["allow"] == 1

    kart = {"listing_id": "L-1", "title": "Acme ZoomKart electric ride-on toy ZK2000X", "ship_to": "US"}
    again = made.s3.put_object(Bucket=made.aws.bucket, Key=key, Body=(json.dumps(kart) + "\n").encode())
    settings = CatalogSettings.from_env()
    play(start.execution_input(made.aws.bucket, key, settings, again.get("VersionId")), made.s3, FUNCTIONS)
    summary = summary_of(made)
    assert summary["invalid"] == [] and summary["decisions"]["block"] == 1
    assert [record["decision"] for record in made.history("L-1")][:2] == ["block", "allow"]


def test_the_catalogue_functions_sample_events_are_what_s3_and_the_state_machine_pass(
    run: tuple[Flow, str],
) -> None:
    """events/catalog-*.json (for `sam local invoke`) have the shape of what S3 sends the start
    function and the played definition sends the prepare step and the worker."""
    from helpers import load_event, shape_of

    made, machine = run
    made.drop("week1.ndjson", [KART])
    calls: dict[str, Any] = {}

    def recorded(name: str, function: Any) -> Any:
        def call(event: dict[str, Any]) -> Any:
            calls.setdefault("summary" if event.get("task") == "summary" else name, shape_of(event))
            return function(event)

        return call

    body = "".join(json.dumps(line) + "\n" for line in (KART_LINE, CHESS_LINE))
    execution_input = drop_catalogue(made, machine, "catalog/shop/spring.ndjson", body)
    play(
        execution_input,
        made.s3,
        {WORKER_ARN: recorded("part", worker), PREPARE_ARN: recorded("prepare", prepare)},
    )
    put = made.s3.head_object(Bucket=made.aws.bucket, Key="catalog/shop/spring.ndjson")
    s3_event = made.aws.put_event("catalog/shop/spring.ndjson", put.get("VersionId"))
    assert shape_of(load_event("catalog-s3-put.json")) == shape_of(s3_event)
    assert shape_of(load_event("catalog-prepare.json")) == calls["prepare"]
    assert shape_of(load_event("catalog-part.json")) == calls["part"]
    assert shape_of(load_event("catalog-summary.json")) == calls["summary"]
