"""Every route of the screening API through `lambda_handler`, with API Gateway REST proxy events
(events/*.json, varied per test), on moto with the decisions table built from template.yaml."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
from helpers import (
    BLOCKED,
    CLEAN,
    REGION,
    ROOT,
    StaticIndex,
    body_of,
    build_index,
    header,
    load_event,
)
from openapi_spec_validator import validate
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.models import Decision
from recall_screen_cli.lambda_events import api_gateway_event, sample_headers
from screener import app as screener_app
from screener import openapi
from screener.body_guard import nesting_depth
from screener.routes.screening import fingerprint
from screener.runtime import Runtime, set_runtime

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")


def client_event(
    method: str,
    path: str,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    api_key_id: str | None = None,
    request_id: str | None = None,
    raw_body: str | None = None,
) -> dict[str, Any]:
    """The sample client's request (events/screen-post.json) with a JSON body (or a raw one), more
    headers, a query string, another API key id or request id."""
    target = f"{path}?{urlencode(query)}" if query else path
    text = raw_body if raw_body is not None else (None if body is None else json.dumps(body))
    return api_gateway_event(
        method,
        target,
        text,
        headers={**sample_headers(), **(headers or {})},
        identity={"apiKeyId": api_key_id} if api_key_id else None,
        request_id=request_id,
    )


class Api:
    def __init__(self, runtime: Runtime, context: Any) -> None:
        self.runtime = runtime
        self.context = context

    def __call__(self, event: dict[str, Any]) -> dict[str, Any]:
        return screener_app.lambda_handler(event, self.context)

    def post(self, path: str, body: Any, **kwargs: Any) -> dict[str, Any]:
        return self(client_event("POST", path, body, **kwargs))

    def get(self, path: str, **kwargs: Any) -> dict[str, Any]:
        return self(client_event("GET", path, **kwargs))


@pytest.fixture
def runtime(dynamodb: Any, decisions_table: str, static_index: StaticIndex) -> Any:
    rt = Runtime(index=static_index, log=DecisionLog(dynamodb, decisions_table))
    set_runtime(rt)
    yield rt
    set_runtime(None)


@pytest.fixture
def api(runtime: Runtime, lambda_context: Any) -> Api:
    return Api(runtime, lambda_context)


def all_items(dynamodb: Any, table: str) -> list[dict[str, Any]]:
    """Every item in the table (a test's view; the API itself never scans)."""
    return dynamodb.scan(TableName=table)["Items"]


def decision_items(dynamodb: Any, table: str) -> list[dict[str, Any]]:
    return [i for i in all_items(dynamodb, table) if i["sk"]["S"] == "DECISION"]


# -- POST /v1/screen --------------------------------------------------------------------------------


def test_the_sample_event_file_is_screened(api):
    event = load_event("screen-post.json")
    response = api(event)
    assert response["statusCode"] == 200
    decision = Decision.model_validate_json(response["body"])
    assert decision.listing_id == json.loads(event["body"])["listing_id"]
    assert header(response, "X-Request-Id") == event["requestContext"]["requestId"]


@pytest.mark.parametrize(
    "name, status",
    [
        ("screen-batch-post.json", 200),
        ("api-get-decision.json", 404),
        ("api-get-listing-decisions.json", 200),
        ("api-get-health.json", 200),
    ],
)
def test_each_sample_event_file_is_answered(api, name, status):
    event = load_event(name)
    response = api(event)
    assert response["statusCode"] == status, response["body"]
    assert header(response, "X-Request-Id") == event["requestContext"]["requestId"]
    if name == "screen-batch-post.json":
        results = body_of(response)["results"]
        assert [r["status"] for r in results] == [200, 200, 422]


def test_screen_blocks_records_and_reads_back_exactly(api, runtime):
    response = api.post("/v1/screen", BLOCKED, request_id="req-block-1", api_key_id="key-abc")
    assert response["statusCode"] == 200
    assert header(response, "Content-Type") == "application/json"
    body = body_of(response)
    assert body["decision"] == "block"
    assert body["matches"][0]["recall_id"] == "24-101"
    assert body["matches"][0]["evidence"]
    assert body["index_version"] == runtime.index.current().version
    assert body["policy_version"] == runtime.policy.version

    record = runtime.log.get(body["decision_id"])
    assert record.request_id == "req-block-1" == header(response, "X-Request-Id")
    assert record.caller == "key-abc"
    assert record.listing["title"] == BLOCKED["title"]

    again = api.get(f"/v1/decisions/{body['decision_id']}")
    assert again["statusCode"] == 200
    assert again["body"] == response["body"]  # the stored decision, byte for byte
    assert header(again, "X-Decision-Request-Id") == "req-block-1"
    assert header(again, "X-Request-Id") != "req-block-1"


def test_clean_listing_is_allowed(api):
    response = api.post("/v1/screen", CLEAN)
    assert response["statusCode"] == 200
    assert body_of(response)["decision"] == "allow"


def test_invalid_listing_gets_422_naming_each_field(api, dynamodb, decisions_table):
    listing = {"title": "x" * 1001, "ship_to": "USA", "price": -3, "brand": "ok"}
    response = api.post("/v1/screen", listing)
    assert response["statusCode"] == 422
    error = body_of(response)["error"]
    assert error["code"] == "invalid_request"
    assert error["request_id"] == header(response, "X-Request-Id")
    fields = {f["field"]: f for f in error["fields"]}
    assert set(fields) == {"listing_id", "title", "ship_to", "price"}
    assert fields["listing_id"]["type"] == "missing"
    assert "ISO 3166-1" in fields["ship_to"]["message"]
    assert all(f["location"] == "body" for f in fields.values())
    assert decision_items(dynamodb, decisions_table) == []


@pytest.mark.parametrize(
    "raw_body, field",
    [("{not json", "body"), ("[1, 2]", "body"), ("", "body"), ('{"listing_id": "a"}', "title")],
)
def test_malformed_bodies_get_422(api, raw_body, field):
    response = api(client_event("POST", "/v1/screen", raw_body=raw_body))
    assert response["statusCode"] == 422
    assert field in {f["field"] for f in body_of(response)["error"]["fields"]}


# -- hostile bodies: each a 422 naming the field, or the body --------------------------------------


def _field_errors(response: dict[str, Any]) -> dict[str, dict[str, Any]]:
    assert response["statusCode"] == 422, response["body"]
    error = body_of(response)["error"]
    assert error["code"] == "invalid_request"
    return {f["field"]: f for f in error["fields"]}


@pytest.mark.parametrize("path", ["/v1/screen", "/v1/screen/batch"])
@pytest.mark.parametrize(
    "raw_body",
    ["[" * 5_000 + "]" * 5_000, '{"a":' * 3_000 + "1" + "}" * 3_000, "[" * 10_000],
    ids=["deep-arrays", "deep-objects", "deep-unclosed"],
)
def test_deeply_nested_json_is_refused_before_it_is_parsed(api, path, raw_body, dynamodb, decisions_table):
    fields = _field_errors(api(client_event("POST", path, raw_body=raw_body)))
    assert set(fields) == {"body"}
    assert fields["body"]["type"] == "json_too_deep"
    assert "the limit is 32" in fields["body"]["message"]
    assert decision_items(dynamodb, decisions_table) == []


def test_deeply_nested_json_is_refused_when_base64_encoded_too(api):
    event = client_event("POST", "/v1/screen", raw_body=base64.b64encode(b"[" * 10_000).decode())
    event["isBase64Encoded"] = True
    assert _field_errors(api(event))["body"]["type"] == "json_too_deep"


@pytest.mark.parametrize("path", ["/v1/screen", "/v1/screen/batch"])
def test_a_number_of_more_digits_than_python_converts_is_named_not_a_500(
    api, path, dynamodb, decisions_table
):
    """Valid JSON that json.loads refuses with ValueError (an integer of more than 4,300 digits),
    in a known field or an ignored one; digits in a string, or a long float, are text and numbers."""
    listing = json.dumps({**CLEAN, "extra": 0}).replace('"extra": 0', '"extra": ' + "1" * 5_000)
    raw_body = listing if path == "/v1/screen" else '{"listings": [' + listing + "]}"
    fields = _field_errors(api(client_event("POST", path, raw_body=raw_body)))
    assert set(fields) == {"body"} and "more than 4,300 digits" in fields["body"]["message"]
    assert decision_items(dynamodb, decisions_table) == []
    text = {**CLEAN, "description": "1" * 5_000}
    assert api.post("/v1/screen", text)["statusCode"] == 200
    long_float = json.dumps(CLEAN).replace("}", ', "extra": 1.' + "1" * 5_000 + "}")
    assert api(client_event("POST", "/v1/screen", raw_body=long_float))["statusCode"] == 200


def test_nesting_within_the_limit_and_brackets_in_strings_are_not_refused(api):
    extra = {"x": 1}
    for _ in range(30):  # an ignored extra field: 31 levels with the listing itself
        extra = {"x": extra}
    title = "ZoomKart [[[[{{{{" * 40  # brackets in a string are text, not nesting
    response = api.post("/v1/screen", {**CLEAN, "title": title, "extra": extra})
    assert response["statusCode"] == 200, response["body"]


@pytest.mark.parametrize(
    "text, depth",
    [
        ("{}", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('"[[[["', 0),
        (r'["\\", ["\"]"]]', 2),  # an escaped backslash, then an escaped quote inside a string
        ('"' + r"\"" * 50_000, 0),  # an unclosed string of escaped quotes: still one linear scan
        ("[" * 40, 40),
        ("nonsense", 0),
    ],
)
def test_nesting_depth_is_counted_outside_strings(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.parametrize("path", ["/v1/screen", "/v1/screen/batch"])
@pytest.mark.parametrize("raw_body", ["null", "[]", "[1, 2]", '"a listing"', "42", "true"])
def test_a_body_that_is_not_an_object_is_named_so(api, path, raw_body):
    fields = _field_errors(api(client_event("POST", path, raw_body=raw_body)))
    assert set(fields) == {"body"}
    assert fields["body"]["message"] == "the body must be a JSON object"


@pytest.mark.parametrize(
    "field, value",
    [
        ("listing_id", r"L\u0000-1"),  # JSON escapes in the body's text
        ("listing_id", r"L-1\u001b[31m"),
        ("listing_id", r"L\u009b1"),
        ("seller_id", r"S\u0000"),
        ("seller_id", r"S-1\u007f"),
    ],
)
def test_control_characters_in_ids_are_refused(api, field, value, dynamodb, decisions_table):
    raw = json.dumps({**CLEAN, field: "placeholder"}).replace("placeholder", value)
    fields = _field_errors(api(client_event("POST", "/v1/screen", raw_body=raw)))
    assert set(fields) == {field}
    assert "control characters" in fields[field]["message"]
    assert decision_items(dynamodb, decisions_table) == []

    batch = api(client_event("POST", "/v1/screen/batch", raw_body=f'{{"listings": [{raw}]}}'))
    result = body_of(batch)["results"][0]
    assert result["status"] == 422 and result["error"]["fields"][0]["field"] == f"listings.0.{field}"


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity", '"inf"'])
def test_a_price_that_is_not_a_finite_number_is_refused(api, number, dynamodb, decisions_table):
    raw = json.dumps({**CLEAN, "price": 0}).replace('"price": 0', f'"price": {number}')
    fields = _field_errors(api(client_event("POST", "/v1/screen", raw_body=raw)))
    assert set(fields) == {"price"}
    assert fields["price"]["message"] == "Input should be a finite number"
    assert decision_items(dynamodb, decisions_table) == []


def test_body_over_the_limit_gets_413(api, dynamodb, decisions_table):
    big = {**BLOCKED, "description": "word " * 30_000}  # ~150 KB, over the 128 KiB limit
    response = api.post("/v1/screen", big)
    assert response["statusCode"] == 413
    assert body_of(response)["error"]["code"] == "payload_too_large"
    assert header(response, "X-Request-Id")

    event = client_event("POST", "/v1/screen", raw_body=base64.b64encode(json.dumps(big).encode()).decode())
    event["isBase64Encoded"] = True
    assert api(event)["statusCode"] == 413
    assert decision_items(dynamodb, decisions_table) == []


def test_non_json_content_type_gets_415(api):
    response = api.post("/v1/screen", BLOCKED, headers={"Content-Type": "text/plain"})
    assert response["statusCode"] == 415
    patch = api.post("/v1/screen", BLOCKED, headers={"Content-Type": "application/json-patch+json"})
    assert patch["statusCode"] == 415
    charset = api.post("/v1/screen", BLOCKED, headers={"Content-Type": "application/json; charset=utf-8"})
    assert charset["statusCode"] == 200


def test_no_index_answers_503_and_never_allows(api, runtime, dynamodb, decisions_table):
    runtime.index = StaticIndex(None)
    response = api.post("/v1/screen", CLEAN)
    assert response["statusCode"] == 503
    assert header(response, "Retry-After")
    error = body_of(response)["error"]
    assert error["code"] == "no_index" and "no recall index loaded" in error["message"]
    assert "decision" not in body_of(response)
    batch = api.post("/v1/screen/batch", {"listings": [CLEAN]})
    assert batch["statusCode"] == 503
    assert decision_items(dynamodb, decisions_table) == []

    health = api.get("/v1/health")
    assert health["statusCode"] == 503
    assert body_of(health)["status"] == "no_index"


def test_no_index_in_the_bucket_through_the_real_live_index(decisions_table, monkeypatch, lambda_context):
    """The runtime built lazily from the environment, as in Lambda: an empty bucket means 503."""
    boto3.client("s3", region_name=REGION).create_bucket(Bucket="drop-bucket")
    monkeypatch.setenv("RECALL_SCREEN_BUCKET", "drop-bucket")
    monkeypatch.setenv("RECALL_SCREEN_DECISIONS_TABLE", decisions_table)
    set_runtime(None)
    try:
        response = screener_app.lambda_handler(client_event("POST", "/v1/screen", CLEAN), lambda_context)
        assert response["statusCode"] == 503
        health = screener_app.lambda_handler(client_event("GET", "/v1/health"), lambda_context)
        assert health["statusCode"] == 503
        assert "index/current.json" in body_of(health)["last_error"]
    finally:
        set_runtime(None)


def test_a_decision_that_cannot_be_recorded_is_not_returned(api, dynamodb, decisions_table, capsys):
    dynamodb.delete_table(TableName=decisions_table)
    response = api.post("/v1/screen", BLOCKED)
    assert response["statusCode"] == 503
    assert header(response, "Retry-After")
    body = body_of(response)
    assert body["error"]["code"] == "decision_not_recorded"
    assert "decision_id" not in response["body"] and "matches" not in response["body"]
    assert "DecisionWriteFailures" in capsys.readouterr().out


def test_health_is_degraded_while_decisions_cannot_be_recorded(api, dynamodb, decisions_table):
    """/v1/health answered 200 ok while every screen answered 503 (the table gone): it now says
    what this instance last saw of the decision log, and 503 `degraded` while writes fail."""
    assert api.post("/v1/screen", BLOCKED)["statusCode"] == 200
    health = body_of(api.get("/v1/health"))
    assert health["status"] == "ok" and health["decision_log"]["status"] == "ok"
    dynamodb.delete_table(TableName=decisions_table)
    assert api.post("/v1/screen", BLOCKED)["statusCode"] == 503
    response = api.get("/v1/health")
    assert response["statusCode"] == 503
    health = body_of(response)
    assert health["status"] == "degraded" and health["decision_log"]["status"] == "failing"
    assert health["decision_log"]["last_failure"] and health["index_version"]  # the index still serves

    from recall_screen_cli.template import decisions_table_spec, load_template

    dynamodb.create_table(**decisions_table_spec(load_template(ROOT / "template.yaml"), decisions_table))
    assert api.post("/v1/screen", {**BLOCKED, "listing_id": "L-after"})["statusCode"] == 200
    assert body_of(api.get("/v1/health"))["status"] == "ok"  # a decision recorded since


def test_reads_answer_503_when_the_decision_log_is_unreachable(api, dynamodb, decisions_table):
    dynamodb.delete_table(TableName=decisions_table)
    for path in ("/v1/decisions/01ZZZZZZZZZZZZZZZZZZZZZZZZ", "/v1/listings/L-block/decisions"):
        response = api.get(path)
        assert response["statusCode"] == 503
        assert body_of(response)["error"]["code"] == "storage_unavailable"
        assert header(response, "Retry-After")
    response = api.post("/v1/screen", BLOCKED, headers={"Idempotency-Key": "k"})
    assert response["statusCode"] == 503 and "decision_id" not in response["body"]


@pytest.fixture
def second_write_fails(runtime, monkeypatch) -> list[int]:
    """The decision log fails on its second write (and counts the writes tried)."""
    from recall_screen.decision_store import DecisionNotRecorded

    real = runtime.log.record
    calls: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> str:
        calls.append(1)
        if len(calls) == 2:
            raise DecisionNotRecorded("simulated")
        return real(*args, **kwargs)

    monkeypatch.setattr(runtime.log, "record", flaky)
    return calls


def test_a_write_failure_in_a_batch_returns_no_unrecorded_decision(api, runtime, second_write_fails):
    calls = second_write_fails
    listings = [BLOCKED, {**BLOCKED, "listing_id": "L-2"}, {**CLEAN, "listing_id": "L-3"}]
    response = api.post("/v1/screen/batch", {"listings": listings})
    assert response["statusCode"] == 200
    results = body_of(response)["results"]
    assert [r["status"] for r in results] == [200, 503, 503]
    assert results[1]["error"]["code"] == "decision_not_recorded" and results[1].get("decision") is None
    assert runtime.log.get(results[0]["decision"]["decision_id"]) is not None
    assert len(calls) == 2  # nothing more is screened once the log fails


def test_metrics_are_emitted(api, capsys):
    capsys.readouterr()
    api.post("/v1/screen", BLOCKED)
    api.post("/v1/screen", CLEAN)
    out = capsys.readouterr().out
    emf = [json.loads(line) for line in out.splitlines() if line.startswith('{"_aws"')]
    names = {m["Name"] for doc in emf for d in doc["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]}
    assert {"BlockDecisions", "AllowDecisions", "ScreenLatencyMs", "IndexAgeSeconds"} <= names
    assert all(doc["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "RecallScreen" for doc in emf)


def test_the_request_id_is_in_the_logs(api):
    handler = screener_app.logger.registered_handler
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = api.post("/v1/screen", BLOCKED, request_id="req-log-7")
    finally:
        handler.setStream(previous)
    logs = [json.loads(line) for line in stream.getvalue().splitlines()]
    decision_log_line = next(line for line in logs if line["message"] == "decision")
    assert decision_log_line["correlation_id"] == "req-log-7"
    assert decision_log_line["decision_id"] == body_of(response)["decision_id"]


def test_a_request_id_is_generated_when_api_gateway_gives_none(api):
    event = client_event("GET", "/v1/health")
    del event["requestContext"]["requestId"]
    response = api(event)
    assert re.fullmatch(r"[0-9a-f-]{36}", header(response, "X-Request-Id"))


# -- idempotency ------------------------------------------------------------------------------------


def test_idempotency_key_replays_the_original_decision_without_a_second_record(
    api, dynamodb, decisions_table
):
    first = api.post("/v1/screen", BLOCKED, headers={"Idempotency-Key": "order-77"})
    second = api.post("/v1/screen", BLOCKED, headers={"Idempotency-Key": "order-77"})
    assert first["statusCode"] == second["statusCode"] == 200
    assert second["body"] == first["body"]
    assert header(second, "Idempotent-Replayed") == "true"
    assert len(decision_items(dynamodb, decisions_table)) == 1

    conflicting = api.post("/v1/screen", CLEAN, headers={"Idempotency-Key": "order-77"})
    assert conflicting["statusCode"] == 422
    assert body_of(conflicting)["error"]["code"] == "idempotency_key_reused"

    # the key is scoped to the caller (API key id): another caller's "order-77" is its own
    other = api.post("/v1/screen", BLOCKED, headers={"idempotency-key": "order-77"}, api_key_id="other-key")
    assert other["statusCode"] == 200 and other["body"] != first["body"]
    assert len(decision_items(dynamodb, decisions_table)) == 2


def test_idempotency_key_in_progress_gets_409(api, runtime, dynamodb, decisions_table):
    # Another request with this key and this body has claimed it and is still being processed:
    # the claim it made, by the sample client (its API key id), for the same route and body.
    caller = load_event("screen-post.json")["requestContext"]["identity"]["apiKeyId"]
    runtime.log.claim(caller, "busy", fingerprint=fingerprint("screen", BLOCKED), request_id="the-first")
    response = api.post("/v1/screen", BLOCKED, headers={"Idempotency-Key": "busy"})
    assert response["statusCode"] == 409, response["body"]
    assert body_of(response)["error"]["code"] == "idempotency_in_progress"
    assert header(response, "Retry-After") == "1"
    assert decision_items(dynamodb, decisions_table) == []


def test_a_failed_request_releases_its_idempotency_key(api, runtime):
    runtime.index = StaticIndex(None)
    assert api.post("/v1/screen", BLOCKED, headers={"Idempotency-Key": "retry-me"})["statusCode"] == 503
    runtime.index = StaticIndex(build_index())
    response = api.post("/v1/screen", BLOCKED, headers={"Idempotency-Key": "retry-me"})
    assert response["statusCode"] == 200 and header(response, "Idempotent-Replayed") is None


def test_batch_idempotency(api, dynamodb, decisions_table):
    body = {"listings": [BLOCKED, {"title": "no id"}, CLEAN]}
    first = api.post("/v1/screen/batch", body, headers={"Idempotency-Key": "batch-1"})
    second = api.post("/v1/screen/batch", body, headers={"Idempotency-Key": "batch-1"})
    assert first["statusCode"] == second["statusCode"] == 200
    assert body_of(second) == body_of(first)
    assert len(decision_items(dynamodb, decisions_table)) == 2


# -- POST /v1/screen/batch --------------------------------------------------------------------------


def test_batch_screens_each_listing_in_order_with_its_own_errors(api, runtime):
    listings = [
        BLOCKED,
        {"listing_id": "L-bad", "title": "", "ship_to": "Narnia"},
        "not an object at all",
        CLEAN,
    ]
    # an entry that is not even an object gets its own error entry, like any invalid listing
    response = api(client_event("POST", "/v1/screen/batch", {"listings": listings}))
    assert response["statusCode"] == 200
    results = body_of(response)["results"]
    assert [r["status"] for r in results] == [200, 422, 422, 200]
    assert results[2]["listing_id"] is None
    assert results[2]["error"]["fields"][0]["field"].startswith("listings.2")

    listings[2] = {"listing_id": "L-no-title"}
    response = api.post("/v1/screen/batch", {"listings": listings})
    assert response["statusCode"] == 200
    results = body_of(response)["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3]
    assert [r["status"] for r in results] == [200, 422, 422, 200]
    assert [r["listing_id"] for r in results] == ["L-block", "L-bad", "L-no-title", "L-clean"]
    assert results[0]["decision"]["decision"] == "block"
    assert results[3]["decision"]["decision"] == "allow"
    assert {f["field"] for f in results[1]["error"]["fields"]} == {"listings.1.title", "listings.1.ship_to"}
    assert {f["field"] for f in results[2]["error"]["fields"]} == {"listings.2.title"}
    for result in (results[0], results[3]):
        stored = runtime.log.get(result["decision"]["decision_id"])
        assert json.loads(stored.decision_json) == result["decision"]
        assert stored.request_id == header(response, "X-Request-Id")


def test_batch_limits(api):
    too_many = api.post("/v1/screen/batch", {"listings": [CLEAN] * 101})
    assert too_many["statusCode"] == 422
    assert {f["field"] for f in body_of(too_many)["error"]["fields"]} == {"listings"}
    assert api.post("/v1/screen/batch", {"listings": []})["statusCode"] == 422
    exactly = api.post(
        "/v1/screen/batch", {"listings": [{**CLEAN, "listing_id": f"L{i}"} for i in range(100)]}
    )
    assert exactly["statusCode"] == 200 and len(body_of(exactly)["results"]) == 100


# -- GET /v1/decisions/{id} and /v1/listings/{id}/decisions -------------------------------------------


def test_unknown_decision_is_404(api):
    response = api.get("/v1/decisions/01ZZZZZZZZZZZZZZZZZZZZZZZZ")
    assert response["statusCode"] == 404
    assert body_of(response)["error"]["code"] == "not_found"


def test_listing_history_newest_first_with_cursor(api):
    made = [body_of(api.post("/v1/screen", BLOCKED))["decision_id"] for _ in range(5)]
    api.post("/v1/screen", {**BLOCKED, "listing_id": "L-other"})

    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        response = api.get("/v1/listings/L-block/decisions", query=query)
        assert response["statusCode"] == 200
        page = body_of(response)
        assert page["listing_id"] == "L-block"
        seen.extend(d["decision_id"] for d in page["decisions"])
        cursor, pages = page["next_cursor"], pages + 1
        if cursor is None:
            break
    assert seen == list(reversed(made))
    assert pages == 3

    first_page = body_of(api.get("/v1/listings/L-block/decisions", query={"limit": "2"}))
    single = api.get(f"/v1/decisions/{first_page['decisions'][0]['decision_id']}")
    assert body_of(single) == first_page["decisions"][0]


def test_tampered_or_foreign_cursor_is_400(api):
    for _ in range(3):
        api.post("/v1/screen", BLOCKED)
    cursor = body_of(api.get("/v1/listings/L-block/decisions", query={"limit": "1"}))["next_cursor"]
    raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    forged = dict(raw, listing_pk="LISTING#L-someone-else")
    forged_cursor = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode()
    for bad in ["garbage!", cursor[:-4], forged_cursor]:
        response = api.get("/v1/listings/L-block/decisions", query={"cursor": bad})
        assert response["statusCode"] == 400, bad
        assert body_of(response)["error"]["code"] == "invalid_cursor"
    # a genuine cursor used for another listing is refused too
    response = api.get("/v1/listings/L-other/decisions", query={"cursor": cursor})
    assert response["statusCode"] == 400
    assert [(f["field"], f["location"]) for f in body_of(response)["error"]["fields"]] == [
        ("cursor", "query")
    ]


def test_bad_limit_is_422(api):
    response = api.get("/v1/listings/L-block/decisions", query={"limit": "0"})
    assert response["statusCode"] == 422
    assert body_of(response)["error"]["fields"][0] == {
        "field": "limit",
        "location": "query",
        "message": "Input should be greater than or equal to 1",
        "type": "greater_than_equal",
    }


def test_empty_history(api):
    response = api.get("/v1/listings/never-seen/decisions")
    assert response["statusCode"] == 200
    assert body_of(response) == {"listing_id": "never-seen", "decisions": [], "next_cursor": None}


# -- GET /v1/health, docs, errors ---------------------------------------------------------------------


def test_health(api, runtime):
    response = api.get("/v1/health")
    assert response["statusCode"] == 200
    health = body_of(response)
    index = runtime.index.current()
    assert health["status"] == "ok"
    assert health["index_version"] == index.version
    assert health["recalls"] == len(index)
    assert health["policy_version"] == runtime.policy.version
    assert health["index_age_seconds"] >= 0
    assert health["sources"] == [
        {
            "source": "cpsc",
            "file": "recalls/cpsc/recalls.json",
            "recalls": 2,
            "loaded_at": "2025-03-01T12:00:00Z",
            "regulators": ["CPSC"],
        }
    ]
    assert health["builder"] is None  # the stand-in index records no builder health


def test_health_shows_a_degraded_builder(api, runtime, monkeypatch):
    from recall_screen.catalog.health import BuilderHealth

    real = runtime.index.status

    def degraded():
        return dataclasses.replace(
            real(), builder=BuilderHealth("degraded", "state/catalog.json is corrupt", "t")
        )

    monkeypatch.setattr(runtime.index, "status", degraded)
    health = body_of(api.get("/v1/health"))
    assert health["status"] == "ok"  # the last good index keeps serving
    assert health["builder"] == {"status": "degraded", "fault": "state/catalog.json is corrupt", "at": "t"}


def test_openapi_route_serves_the_committed_document(api):
    """Behind a custom domain (no stage in the path) the document is the committed one, byte for
    byte; through an execute-api URL its server is the stage, so a generated client keeps it."""
    committed = (ROOT / "openapi.json").read_text(encoding="utf-8")
    response = api(api_gateway_event("GET", "/v1/openapi.json", stage_in_path=False))
    assert response["statusCode"] == 200
    assert response["body"] == committed

    response = api.get("/v1/openapi.json")  # requestContext.path "/dev/v1/openapi.json", stage "dev"
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {**json.loads(committed), "servers": [{"url": "/dev"}]}


def test_committed_openapi_document_matches_the_code():
    committed = (ROOT / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi.document(screener_app.app), (
        "openapi.json has drifted from the routes: regenerate it with "
        "`.venv/bin/python -m screener.openapi > openapi.json`"
    )


def test_committed_openapi_document_is_valid():
    validate(json.loads((ROOT / "openapi.json").read_text(encoding="utf-8")))  # raises when not


def test_docs_page_loads_nothing_from_outside(api):
    response = api.get("/v1/docs")
    assert response["statusCode"] == 200
    assert header(response, "Content-Type") == "text/html"
    html = response["body"]
    assert "SwaggerUIBundle" in html and "/v1/screen/batch" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)\s*=\s*['\"]?(https?:)?//", html, re.I)


def test_docs_page_shows_the_document_the_api_serves(api):
    served = json.loads(api.get("/v1/openapi.json")["body"])
    shown = api.get("/v1/docs", query={"format": "json"})  # what the Swagger UI page embeds
    assert shown["statusCode"] == 200
    assert json.loads(shown["body"]) == served
    assert served["servers"] == [{"url": "/dev"}]


def test_unknown_route_is_404_with_request_id(api):
    response = api.get("/v1/nothing-here")
    assert response["statusCode"] == 404
    assert body_of(response)["error"]["request_id"] == header(response, "X-Request-Id")


def test_importing_the_app_makes_no_aws_client():
    code = (
        "import boto3\n"
        "def refuse(*a, **k): raise SystemExit('a client was made at import time')\n"
        "boto3.client = boto3.resource = refuse\n"
        "import screener.app, screener.runtime\n"
        "assert screener.runtime._runtime is None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(ROOT), timeout=60)


def test_a_batch_retried_after_a_partial_write_failure_records_nothing_twice(
    api, second_write_fails, dynamodb, decisions_table
):
    listings = [BLOCKED, {**BLOCKED, "listing_id": "L-2"}, {**CLEAN, "listing_id": "L-3"}]
    key = {"Idempotency-Key": "batch-partial"}
    first = api.post("/v1/screen/batch", {"listings": listings}, headers=key)
    assert [r["status"] for r in body_of(first)["results"]] == [200, 503, 503]
    recorded = len(decision_items(dynamodb, decisions_table))

    retry = api.post("/v1/screen/batch", {"listings": listings}, headers=key)
    assert header(retry, "Idempotent-Replayed") == "true"
    assert body_of(retry) == body_of(first)
    assert len(decision_items(dynamodb, decisions_table)) == recorded == 1
