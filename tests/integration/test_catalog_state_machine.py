"""The catalogue state machine of template.yaml, played against the handlers on moto: a catalogue
dropped under catalog/<name>/ starts an execution (CatalogStartFunction); the definition's Choice,
Distributed Map (ItemReader over the S3 object, ItemSelector, ItemBatcher, Retry) and summary task
are played as `rescreen_flow` plays the re-screen's, each worker call through the real handler."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import ROOT
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.decision_store import DecisionNotRecorded
from recall_screen_cli.lambda_events import FakeLambdaContext
from recall_screen_cli.template import load_template
from rescreen_flow import WORKER_ARN, Flow, _fill, _invoke, _path, flow, recall_row

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")

KART = recall_row("R-1", "Acme ZoomKart Electric Ride-On Toys Recalled", "ZK2000X", "Acme")
CSV_CATALOGUE = (
    "listing_id,title,ship_to,seller_id\n"
    "L-kart,Acme ZoomKart electric ride-on toy ZK2000X,US,S-1\n"
    "L-chess,Hand-carved wooden chess set,US,S-2\n"
    "L-bad,,US,S-3\n"
    "L-lamp,Brass reading lamp,US,S-2\n"
)


def definition() -> dict[str, Any]:
    resource = load_template(ROOT / "template.yaml")["Resources"]["CatalogScreenStateMachine"]
    return json.loads(json.dumps(resource["Properties"]["Definition"]).replace("${WorkerArn}", WORKER_ARN))


def _read(reader: dict[str, Any], body: str) -> list[Any]:
    config = reader["ReaderConfig"]
    if config == {"InputType": "JSONL"}:
        return [json.loads(line) for line in body.splitlines() if line.strip()]
    assert config == {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}, config
    return list(csv.DictReader(io.StringIO(body)))


def _map(state: dict[str, Any], document: Any, s3: Any, worker: Any) -> None:
    reader = state["ItemReader"]
    assert reader["Resource"] == "arn:aws:states:::s3:getObject"
    where = _fill(reader["Parameters"], document, {})
    items = _read(reader, s3.get_object(Bucket=where["Bucket"], Key=where["Key"])["Body"].read().decode())
    selected = [
        _fill(state["ItemSelector"], document, {"Map": {"Item": {"Value": item, "Index": i}}})
        for i, item in enumerate(items)
    ]
    size = _path(document, state["ItemBatcher"]["MaxItemsPerBatchPath"], {})
    batch_input = _fill(state["ItemBatcher"]["BatchInput"], document, {})
    assert isinstance(_path(document, state["MaxConcurrencyPath"], {}), int)
    assert 0 <= _path(document, state["ToleratedFailurePercentagePath"], {}) <= 100
    processor = state["ItemProcessor"]
    assert processor["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
    task = processor["States"][processor["StartAt"]]
    assert task["Type"] == "Task" and task.get("End") is True
    for start in range(0, len(selected), size):
        _invoke(task, {"Items": selected[start : start + size], "BatchInput": batch_input}, {}, worker)


def play(execution_input: dict[str, Any], s3: Any, worker: Any) -> Any:
    """Play the definition for one execution; the last state's output."""
    machine = definition()
    name = machine["StartAt"]
    while True:
        state = machine["States"][name]
        if state["Type"] == "Choice":
            (rule,) = state["Choices"]
            chosen = _path(execution_input, rule["Variable"], {}) == rule["StringEquals"]
            name = rule["Next"] if chosen else state["Default"]
            continue
        if state["Type"] == "Map":
            _map(state, execution_input, s3, worker)
            assert state["ResultPath"] is None
        else:
            assert state["Type"] == "Task", state["Type"]
            result = _invoke(state, execution_input, {}, worker)
        if state.get("End"):
            return result
        name = state["Next"]


def worker(event: dict[str, Any]) -> dict[str, Any]:
    from catalog_worker import app

    answer: dict[str, Any] = app.lambda_handler(event, FakeLambdaContext("CatalogWorkerFunction"))
    return answer


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


def drop_catalogue(made: Flow, machine: str, key: str, body: str) -> dict[str, Any]:
    """Upload as the marketplace would; S3's event to the start function; the execution's input."""
    from catalog_worker import start

    put = made.s3.put_object(Bucket=made.aws.bucket, Key=key, Body=body.encode())
    event = made.aws.put_event(key, put.get("VersionId"))
    start.lambda_handler(event, FakeLambdaContext("CatalogStartFunction"))
    start.lambda_handler(event, FakeLambdaContext("CatalogStartFunction"))  # S3 delivers twice
    (execution,) = made.sfn.list_executions(stateMachineArn=machine)["executions"]
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
    answer = play(execution_input, made.s3, worker)
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
    answer = play(execution_input, made.s3, worker)
    assert answer["screened"] == 3
    for listing_id in ("L-kart", "L-chess", "L-lamp"):
        assert len(made.history(listing_id)) == 1, listing_id


def test_a_gzipped_catalogue_is_refused_by_the_start_function() -> None:
    from catalog_worker import start

    with pytest.raises(start.CatalogRefused):
        start.execution_input("bucket", "catalog/shop/spring.ndjson.gz")


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
    made = start.execution_input("b", "catalog/shop/x.csv", environ)
    assert (made["max_concurrency"], made["max_items_per_batch"], made["tolerated_failure_percentage"]) == (
        40,
        500,
        0,
    )
