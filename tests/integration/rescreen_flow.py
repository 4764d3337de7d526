"""The re-screen flow on the embedded AWS, for the tests: drops through the index builder's handler,
listings through the screener's handler, the state machine of template.yaml run against the worker's
handler, and the events the example rule delivers to its queue.

moto can run a state machine (`execute_state_machine`), but not a Lambda task without Docker, so
`run_state_machine` plays the template's definition itself: exactly the states, paths and
parameters it names (a Task invoking the worker, the Distributed Map's ItemReader, ItemSelector and
ItemBatcher, Retry, ResultPath, OutputPath), each worker call through the real handler. A state or
field the definition uses that this player does not know fails the test, so the definition cannot
drift from what is tested here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from helpers import ROOT
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.index_store import IndexStore
from recall_screen.catalog.publishing import load_current
from recall_screen_cli.embedded import EmbeddedAws, embedded_aws
from recall_screen_cli.lambda_events import FakeLambdaContext, api_gateway_event
from recall_screen_cli.template import load_template

BUCKET = "recall-screen-drop-flow"
TABLE = "recall-screen-decisions-flow"
BUS = "recall-screen-decisions"
WORKER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:RescreenWorkerFunction"
SM_NAME = "recall-screen-rescreen"

Worker = Callable[[dict[str, Any]], dict[str, Any]]


def recall_row(recall_id: str, title: str, model: str, brand: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {
        "source": "CPSC",
        "recall_id": recall_id,
        "title": title,
        "models": [model],
        "jurisdictions": ["US"],
    }
    if brand:
        row["brands"] = [brand]
    return row


def ndjson(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


# -- the state machine, as template.yaml defines it ----------------------------------------------


def definition() -> dict[str, Any]:
    resource = load_template(ROOT / "template.yaml")["Resources"]["RescreenStateMachine"]
    document = json.dumps(resource["Properties"]["Definition"])
    return json.loads(document.replace("${WorkerArn}", WORKER_ARN))


def _path(document: Any, path: str, context: dict[str, Any]) -> Any:
    if path == "$":
        return document
    if path.startswith("$$."):
        node: Any = context
        parts = path[3:].split(".")
    else:
        assert path.startswith("$."), f"unsupported path {path!r}"
        node = document
        parts = path[2:].split(".")
    for part in parts:
        node = node[part]
    return node


def _fill(template: Any, document: Any, context: dict[str, Any]) -> Any:
    """Parameters / ItemSelector / BatchInput: "key.$" fields are paths, others literal."""
    if isinstance(template, dict):
        filled = {}
        for key, value in template.items():
            if key.endswith(".$"):
                filled[key[:-2]] = _path(document, value, context)
            else:
                filled[key] = _fill(value, document, context)
        return filled
    return template


def call_with_retries(state: dict[str, Any], function: Callable[[Any], Any], payload: Any) -> Any:
    """A lambda:invoke Task's call: the payload as JSON would carry it, retried as the state's
    States.ALL rules allow (a handler's exception; the other rules name Lambda's own faults)."""
    retry = state.get("Retry", [])
    attempts = 1 + sum(rule["MaxAttempts"] for rule in retry if "States.ALL" in rule["ErrorEquals"])
    for attempt in range(1, attempts + 1):
        try:
            return function(json.loads(json.dumps(payload)))
        except Exception:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def _invoke(state: dict[str, Any], document: Any, context: dict[str, Any], worker: Worker) -> Any:
    assert state["Resource"] == "arn:aws:states:::lambda:invoke", state["Resource"]
    parameters = _fill(state["Parameters"], document, context)
    assert parameters["FunctionName"] == WORKER_ARN
    result = {"Payload": call_with_retries(state, worker, parameters["Payload"]), "StatusCode": 200}
    return _path(result, state["OutputPath"], context) if "OutputPath" in state else result


def _map(state: dict[str, Any], document: Any, s3: Any, worker: Worker) -> list[Any]:
    reader = state["ItemReader"]
    assert reader["Resource"] == "arn:aws:states:::s3:getObject"
    assert reader["ReaderConfig"] == {"InputType": "JSON"}
    where = _fill(reader["Parameters"], document, {})
    items = json.loads(s3.get_object(Bucket=where["Bucket"], Key=where["Key"])["Body"].read())
    selected = [
        _fill(state["ItemSelector"], document, {"Map": {"Item": {"Value": item, "Index": i}}})
        for i, item in enumerate(items)
    ]
    batcher = state["ItemBatcher"]
    size = _path(document, batcher["MaxItemsPerBatchPath"], {})
    batch_input = _fill(batcher["BatchInput"], document, {})
    # Read as the map run would, so a missing or mistyped field fails here too.
    assert isinstance(_path(document, state["MaxConcurrencyPath"], {}), int)
    assert 0 <= _path(document, state["ToleratedFailurePercentagePath"], {}) <= 100
    processor = state["ItemProcessor"]
    assert processor["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
    task = processor["States"][processor["StartAt"]]
    assert task["Type"] == "Task" and task.get("End") is True
    results = []
    for start in range(0, len(selected), size):
        batch = {"Items": selected[start : start + size], "BatchInput": batch_input}
        results.append(_invoke(task, batch, {}, worker))
    return results


def run_state_machine(execution_input: dict[str, Any], s3: Any, worker: Worker) -> list[Any]:
    """Play the definition for one execution; every state's result, in order."""
    machine = definition()
    document = execution_input
    name = machine["StartAt"]
    results = []
    while True:
        state = machine["States"][name]
        if state["Type"] == "Task":
            result: Any = _invoke(state, document, {}, worker)
        elif state["Type"] == "Map":
            result = _map(state, document, s3, worker)
        elif state["Type"] == "Wait":
            seconds = _path(document, state["SecondsPath"], {})
            assert isinstance(seconds, int) and seconds >= 0, seconds
            results.append({"waited_seconds": seconds})  # not slept: the listings are written already
            name = state["Next"]  # a Wait passes its input on
            continue
        else:
            raise AssertionError(f"state type {state['Type']} is not played")
        results.append(result)
        if "ResultPath" in state:
            assert state["ResultPath"] is None, "only ResultPath null is played"
        else:
            document = result
        if state.get("End"):
            return results
        name = state["Next"]


# -- the flow ---------------------------------------------------------------------------------------


class Flow:
    """Drops, listings, the re-screen and its events on one embedded AWS."""

    def __init__(self, aws: EmbeddedAws) -> None:
        self.aws = aws
        self.s3 = aws.client("s3")
        self.dynamodb = aws.client("dynamodb")
        self.sfn = aws.client("stepfunctions")
        self.sqs = aws.client("sqs")
        self.store = IndexStore(self.s3, BUCKET)
        self.log = DecisionLog(self.dynamodb, TABLE)
        self.worker_calls: list[dict[str, Any]] = []
        self.queue_url = self._bus_and_queue()
        self.state_machine = self.sfn.create_state_machine(
            name=SM_NAME,
            definition=json.dumps(definition()),
            roleArn="arn:aws:iam::123456789012:role/rescreen",
        )["stateMachineArn"]

    def _bus_and_queue(self) -> str:
        """The bus, the example rule and its queue, as template.yaml defines the rule."""
        events = self.aws.client("events")
        events.create_event_bus(Name=BUS)
        queue_url: str = self.sqs.create_queue(QueueName="decision-changes")["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]
        rule = load_template(ROOT / "template.yaml")["Resources"]["DecisionChangedRule"]["Properties"]
        events.put_rule(
            Name="decision-changed", EventBusName=BUS, EventPattern=json.dumps(rule["EventPattern"])
        )
        events.put_targets(
            Rule="decision-changed", EventBusName=BUS, Targets=[{"Id": "queue", "Arn": arn["QueueArn"]}]
        )
        return queue_url

    # -- the marketplace and the regulators ------------------------------------------------------

    def drop(self, file: str, rows: list[dict[str, Any]]) -> str:
        """A list dropped and built; the version it published."""
        key, version = self.aws.put_drop("cpsc", file, ndjson(rows))
        (result,) = self.aws.deliver(key, version)["results"]
        assert result["outcome"] == "accepted", result
        return str(result["index_version"])

    def api(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        from helpers import StaticIndex
        from screener import app as screener_app
        from screener.runtime import Runtime, set_runtime

        set_runtime(Runtime(index=StaticIndex(load_current(self.store)), log=self.log))
        event = api_gateway_event(method, path, None if body is None else json.dumps(body))
        response: dict[str, Any] = screener_app.lambda_handler(event, FakeLambdaContext("ScreenerFunction"))
        set_runtime(None)
        return response

    def screen(self, listing: dict[str, Any]) -> dict[str, Any]:
        response = self.api("POST", "/v1/screen", listing)
        assert response["statusCode"] == 200, response["body"]
        body: dict[str, Any] = json.loads(response["body"])
        return body

    def history(self, listing_id: str) -> list[dict[str, Any]]:
        response = self.api("GET", f"/v1/listings/{listing_id}/decisions")
        assert response["statusCode"] == 200, response["body"]
        decisions: list[dict[str, Any]] = json.loads(response["body"])["decisions"]
        return decisions

    # -- the re-screen ---------------------------------------------------------------------------

    def executions(self) -> list[dict[str, Any]]:
        listed = self.sfn.list_executions(stateMachineArn=self.state_machine)["executions"]
        return [self.sfn.describe_execution(executionArn=e["executionArn"]) for e in listed]

    def worker(self, event: dict[str, Any]) -> dict[str, Any]:
        from rescreen_worker import app as worker_app

        self.worker_calls.append(event)
        answer: dict[str, Any] = worker_app.lambda_handler(event, FakeLambdaContext("RescreenWorkerFunction"))
        return answer

    def rescreen(self, version: str) -> list[Any]:
        """Play the execution the builder started for `version` (it must have started one)."""
        (execution,) = [e for e in self.executions() if e["name"] == version]
        return run_state_machine(json.loads(execution["input"]), self.s3, self.worker)

    def events(self) -> list[dict[str, Any]]:
        """The events delivered to the example rule's queue so far (received and deleted)."""
        found = []
        while True:
            messages = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10).get(
                "Messages", []
            )
            if not messages:
                return found
            for message in messages:
                found.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])


@contextmanager
def flow(monkeypatch: pytest.MonkeyPatch) -> Iterator[Flow]:
    # No list guards: these tests replace lists of a few recalls.
    monkeypatch.setenv("RECALL_SCREEN_MAX_REMOVED_SHARE", "1")
    monkeypatch.setenv("RECALL_SCREEN_MIN_KEPT_RECALLS", "0")
    monkeypatch.setenv("RECALL_SCREEN_EVENT_BUS", BUS)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with embedded_aws(bucket=BUCKET, table=TABLE) as aws:
        from rescreen_worker import app as worker_app

        worker_app.reset_clients()
        made = Flow(aws)
        monkeypatch.setenv("RECALL_SCREEN_RESCREEN_STATE_MACHINE", made.state_machine)
        try:
            yield made
        finally:
            worker_app.reset_clients()
