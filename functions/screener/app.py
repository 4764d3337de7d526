"""The screening API (REST API Gateway → Lambda): screen listings, read decisions, health, docs.

Routes are powertools `APIGatewayRestResolver` routes with pydantic validation; the OpenAPI document
is generated from them (`python -m screener.openapi`). Every response carries `X-Request-Id` (API
Gateway's request id), which is also in every log line and in each decision record.

A decision is returned only once it is recorded: when the decision log cannot be written, after
retries, the API answers 503 with Retry-After and counts `DecisionWriteFailures`. With no index
loaded it answers 503 too: it never allows by default.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
import warnings
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Annotated, Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.event_handler.openapi.models import APIKey, APIKeyIn, Server
from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Path, Query
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import BotoCoreError, ClientError
from pydantic import ValidationError
from recall_screen.aws.decision_log import InvalidCursor
from recall_screen.clock import parse_utc
from recall_screen.decision_store import (
    DecisionNotRecorded,
    IdempotencyConflict,
    IdempotencyInProgress,
    IdempotencyRecord,
)
from recall_screen.models import MAX_ID, Decision, Listing

from screener.runtime import Runtime, get_runtime
from screener.schemas import (
    BatchRequest,
    BatchResponse,
    DecisionHistory,
    ErrorDetail,
    ErrorResponse,
    FieldError,
    GatewayError,
    HealthResponse,
)

API_TITLE = "Recall Screen API"
API_VERSION = "1.0.0"
API_DESCRIPTION = (
    "Screens marketplace listings against product-recall lists and records every decision. "
    "Every request needs the API key in the `x-api-key` header. Decisions are `block`, `review` "
    "or `allow`; with no recall index loaded the API answers 503, never `allow`."
)
# The largest request bodies accepted (bytes, after base64 decoding). A listing within the field
# limits of recall_screen.models is at most about 70 KB even with every character JSON-escaped
# (\uXXXX); a batch of 100 is bounded by Lambda's own 6 MB request payload.
MAX_BODY_BYTES = 128 * 1024
MAX_BATCH_BODY_BYTES = 6 * 1000 * 1000
MAX_IDEMPOTENCY_KEY = 255
RETRY_AFTER_SECONDS = "2"

logger = Logger(service=os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen"))
tracer = Tracer(service=os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen"))
metrics = Metrics(
    namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "RecallScreen"),
    service=os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen"),
)
app = APIGatewayRestResolver(enable_validation=True)
# Reads, docs and errors publish no metric; that is expected, not worth a warning per request.
warnings.filterwarnings("ignore", message="No application metrics to publish", category=UserWarning)

SECURITY_SCHEMES = {"apiKey": APIKey(name="x-api-key", in_=APIKeyIn.header, description="the API key")}
OPENAPI_SETTINGS: dict[str, Any] = {
    "title": API_TITLE,
    "version": API_VERSION,
    "description": API_DESCRIPTION,
    "servers": [Server(url="/", description="the API's base URL (the API Gateway stage)")],
    "security_schemes": SECURITY_SCHEMES,
    "security": [{"apiKey": []}],
}


def openapi_json() -> str:
    """The OpenAPI document, as committed in `openapi.json` (`python -m screener.openapi`)."""
    document = json.loads(app.get_openapi_json_schema(**OPENAPI_SETTINGS))
    # powertools always declares its own validation-error schemas; this API answers with
    # ErrorResponse instead, so drop every schema that nothing references.
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            default_422 = operation.get("responses", {}).get("422", {})
            if "HTTPValidationError" in json.dumps(default_422):  # a route that takes no input
                del operation["responses"]["422"]
    schemas = document.get("components", {}).get("schemas", {})
    while True:
        text = json.dumps(document)
        unused = [name for name in schemas if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            break
        for name in unused:
            del schemas[name]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# -- errors ---------------------------------------------------------------------------------------


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        fields: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or []
        self.headers = headers or {}


def _request_id() -> str:
    return str(app.context.get("request_id") or "")


def _error_body(code: str, message: str, fields: list[FieldError] | None = None) -> dict[str, Any]:
    detail = ErrorDetail(code=code, message=message, request_id=_request_id(), fields=fields or [])
    return {"error": detail.model_dump(mode="json")}


def _json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=text, headers=headers
    )


def _field_errors(errors: list[dict[str, Any]], prefix: tuple[Any, ...] = ()) -> list[FieldError]:
    fields = []
    for error in errors:
        loc = tuple(error.get("loc") or ())
        location = str(loc[0]) if loc and loc[0] in ("body", "query", "path", "header", "cookie") else "body"
        path = prefix + (loc[1:] if loc and loc[0] == location else loc)
        if error.get("type") == "json_invalid":
            path = ()
        name = ".".join(str(part) for part in path) or location
        message = str(error.get("msg") or error.get("type") or "invalid")
        if error.get("type") == "json_invalid" and error.get("ctx", {}).get("error"):
            message = f"the body is not valid JSON: {error['ctx']['error']}"
        fields.append(FieldError(field=name, location=location, message=message, type=str(error.get("type"))))
    return fields


@app.exception_handler(RequestValidationError)
def _invalid_request(exc: RequestValidationError) -> Response:
    fields = _field_errors(list(exc.errors()))
    names = ", ".join(dict.fromkeys(f.field for f in fields))
    return _json_response(422, _error_body("invalid_request", f"invalid request: {names}", fields))


@app.exception_handler(RequestUnsupportedContentType)
def _unsupported_media(exc: RequestUnsupportedContentType) -> Response:
    return _json_response(415, _error_body("unsupported_media_type", "send the body as application/json"))


@app.exception_handler(ApiError)
def _api_error(exc: ApiError) -> Response:
    return _json_response(exc.status, _error_body(exc.code, exc.message, exc.fields), exc.headers)


@app.not_found
def _not_found(exc: NotFoundError) -> Response:
    return _json_response(404, _error_body("not_found", "no such resource"))


@app.exception_handler([ClientError, BotoCoreError])
def _storage_unavailable(exc: Exception) -> Response:
    logger.exception("AWS call failed")
    body = _error_body("storage_unavailable", "the decision log could not be reached; retry later")
    return _json_response(503, body, {"Retry-After": RETRY_AFTER_SECONDS})


@app.exception_handler(Exception)
def _internal_error(exc: Exception) -> Response:
    logger.exception("unhandled error")
    return _json_response(500, _error_body("internal_error", "internal error; the request id identifies it"))


# -- documentation helpers ------------------------------------------------------------------------

_REQUEST_ID_HEADER = {"X-Request-Id": {"description": "the request's id (also in logs and decision records)"}}


def _doc(
    description: str, model: type | None = None, headers: dict[str, Any] | None = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"description": description, "headers": {**_REQUEST_ID_HEADER, **(headers or {})}}
    if model is not None:
        entry["content"] = {content_types.APPLICATION_JSON: {"model": model}}
    return entry


_RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before retrying"}}
# Answered by API Gateway before the function runs: no X-Request-Id header, body {"message": ...}.
_GATEWAY = {
    403: {
        "description": "Missing or invalid API key (API Gateway)",
        "content": {"application/json": {"model": GatewayError}},
    },
    429: {
        "description": "Over the usage plan's rate or quota (API Gateway)",
        "content": {"application/json": {"model": GatewayError}},
    },
}
_E400 = _doc("Invalid cursor", ErrorResponse)
_E404 = _doc("Not found", ErrorResponse)
_E409 = _doc("A request with this Idempotency-Key is still in progress", ErrorResponse, _RETRY_AFTER)
_E413 = _doc("Request body too large", ErrorResponse)
_E415 = _doc("Request body is not JSON", ErrorResponse)
_E422 = _doc(
    "Invalid request: `error.fields` names each field at fault; or the Idempotency-Key was used "
    "with a different request",
    ErrorResponse,
)
_E503 = _doc(
    "No recall index is loaded, or the decision could not be recorded: retry later",
    ErrorResponse,
    _RETRY_AFTER,
)
_E503_READ = _doc("The decision log could not be reached: retry later", ErrorResponse, _RETRY_AFTER)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=MAX_IDEMPOTENCY_KEY,
        description=(
            "A key of your choice; a retry with the same key and body returns the original result "
            "(header `Idempotent-Replayed: true`) without recording a second decision."
        ),
    ),
]


# -- request context ------------------------------------------------------------------------------


def _caller() -> str:
    identity = app.current_event.request_context.identity
    return identity.api_key_id or "anonymous"


def _idempotency_key() -> str | None:
    headers = app.current_event.headers or {}
    for name, value in headers.items():
        if name.lower() == "idempotency-key" and value:
            return value
    return None


def _fingerprint(route: str) -> str:
    try:
        body = app.current_event.json_body
    except ValueError:
        body = app.current_event.body
    canonical = json.dumps({"route": route, "body": body}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _observe_index(runtime: Runtime) -> None:
    age = _index_age(runtime.index.status().get("built_at"))
    if age is not None:
        metrics.add_metric(name="IndexAgeSeconds", unit=MetricUnit.Seconds, value=age)


def _index_age(built_at: str | None) -> float | None:
    if not built_at:
        return None
    try:
        built = parse_utc(built_at)
    except ValueError:
        return None
    return round(max(0.0, (datetime.now(UTC) - built).total_seconds()), 3)


def _no_index() -> ApiError:
    return ApiError(
        503,
        "no_index",
        "no recall index loaded: the screener cannot decide, so it does not allow; retry later",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


def _not_recorded() -> ApiError:
    return ApiError(
        503,
        "decision_not_recorded",
        "the decision could not be recorded, so it is not returned; retry later",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


class _Claim:
    """An Idempotency-Key claimed for this request (or no key at all)."""

    def __init__(self, runtime: Runtime, route: str) -> None:
        self.runtime = runtime
        self.key = _idempotency_key()
        self.caller = _caller()
        self.replay: IdempotencyRecord | None = None
        if self.key is None:
            return
        try:
            self.replay = runtime.log.claim(
                self.caller, self.key, fingerprint=_fingerprint(route), request_id=_request_id()
            )
        except IdempotencyConflict as exc:
            raise ApiError(422, "idempotency_key_reused", str(exc)) from exc
        except IdempotencyInProgress as exc:
            raise ApiError(409, "idempotency_in_progress", str(exc), headers={"Retry-After": "1"}) from exc

    @property
    def active(self) -> bool:
        return self.key is not None and self.replay is None

    def release(self) -> None:
        if self.active:
            self.runtime.log.release(self.caller, self.key, request_id=_request_id())  # type: ignore[arg-type]


def _screen_one(runtime: Runtime, screener: Any, listing: Listing, claim: _Claim | None) -> str:
    """Screen and record one listing; the decision JSON, exactly as recorded."""
    started = time.perf_counter()
    decision: Decision = screener.screen(listing)
    metrics.add_metric(
        name="ScreenLatencyMs", unit=MetricUnit.Milliseconds, value=(time.perf_counter() - started) * 1000
    )
    decision_json = decision.model_dump_json()
    idempotency = None
    if claim is not None and claim.active:
        idempotency = (claim.caller, claim.key, {"decision_id": decision.decision_id})
    try:
        runtime.log.record(
            decision,
            listing,
            request_id=_request_id(),
            caller=_caller(),
            decision_json=decision_json,
            idempotency=idempotency,  # type: ignore[arg-type]
        )
    except DecisionNotRecorded:
        metrics.add_metric(name="DecisionWriteFailures", unit=MetricUnit.Count, value=1)
        logger.exception("decision not recorded", extra={"listing_id": listing.listing_id})
        raise
    metrics.add_metric(
        name=f"{decision.decision.value.capitalize()}Decisions", unit=MetricUnit.Count, value=1
    )
    top = decision.matches[0] if decision.matches else None
    logger.info(
        "decision",
        extra={
            "decision_id": decision.decision_id,
            "listing_id": decision.listing_id,
            "decision": decision.decision.value,
            "top_recall": f"{top.source}#{top.recall_id}" if top else None,
            "index_version": decision.index_version,
        },
    )
    return decision_json


# -- routes ---------------------------------------------------------------------------------------


@app.post(
    "/v1/screen",
    summary="Screen one listing",
    description="One listing in, one recorded decision out.",
    tags=["screening"],
    responses={
        200: _doc("The decision, recorded", Decision),
        409: _E409,
        413: _E413,
        415: _E415,
        422: _E422,
        503: _E503,
        **_GATEWAY,
    },
)
def screen(listing: Annotated[Listing, Body()], idempotency_key: IdempotencyKey = None):
    runtime = get_runtime()
    claim = _Claim(runtime, "screen")
    if claim.replay is not None:
        decision_id = (claim.replay.result or {}).get("decision_id", "")
        record = runtime.log.get(decision_id)
        if record is None:
            raise RuntimeError(f"idempotency record names decision {decision_id}, which is missing")
        return _json_response(200, record.decision_json, {"Idempotent-Replayed": "true"})
    try:
        screener = runtime.screener()
        if screener is None:
            raise _no_index()
        _observe_index(runtime)
        try:
            decision_json = _screen_one(runtime, screener, listing, claim)
        except DecisionNotRecorded as exc:
            raise _not_recorded() from exc
    except Exception:
        claim.release()
        raise
    return _json_response(200, decision_json)


@app.post(
    "/v1/screen/batch",
    summary="Screen up to 100 listings",
    description=(
        "One result per listing, in order. A listing that is not valid gets its own error entry "
        "(status 422) and does not fail the others."
    ),
    tags=["screening"],
    responses={
        200: _doc("One result per listing, in order", BatchResponse),
        409: _E409,
        413: _E413,
        415: _E415,
        422: _E422,
        503: _E503,
        **_GATEWAY,
    },
)
def screen_batch(request: Annotated[BatchRequest, Body()], idempotency_key: IdempotencyKey = None):
    runtime = get_runtime()
    claim = _Claim(runtime, "screen_batch")
    if claim.replay is not None:
        return _json_response(200, _replay_batch(runtime, claim.replay), {"Idempotent-Replayed": "true"})
    try:
        screener = runtime.screener()
        if screener is None:
            raise _no_index()
        _observe_index(runtime)
        results, refs, failed = _screen_many(runtime, screener, request.listings)
        recorded = any(r["status"] == 200 for r in results)
        if failed and not recorded:
            raise _not_recorded()  # nothing was recorded: the key is released, a retry starts afresh
        if claim.active:
            # The key now names this response, failed entries included: a retry replays it and
            # records nothing twice; the failed listings are sent again in a new request.
            try:
                runtime.log.complete(claim.caller, claim.key, {"results": refs}, request_id=_request_id())
            except Exception:  # decisions are recorded; the claim expires and a retry re-screens
                logger.exception("could not complete the idempotency record")
    except Exception:
        claim.release()
        raise
    return _json_response(200, {"results": results})


def _screen_many(
    runtime: Runtime, screener: Any, listings: list[Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], bool]:
    results: list[dict[str, Any]] = []
    refs: list[dict[str, Any]] = []  # what the idempotency record keeps to replay the response
    failed = False
    for position, raw in enumerate(listings):
        raw_id = raw.get("listing_id") if isinstance(raw, dict) else None
        listing_id = raw_id if isinstance(raw_id, str) and 0 < len(raw_id) <= MAX_ID else None
        try:
            listing = Listing.model_validate(raw)
        except ValidationError as exc:
            fields = _field_errors(
                [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()], ("listings", position)
            )
            names = ", ".join(dict.fromkeys(f.field for f in fields))
            error = ErrorDetail(
                code="invalid_request",
                message=f"invalid listing: {names}",
                request_id=_request_id(),
                fields=fields,
            )
            entry = {"index": position, "listing_id": listing_id, "status": 422, "error": error.model_dump()}
            results.append(entry)
            refs.append({"entry": entry})
            continue
        if failed:  # the log is failing: screen nothing more that could not be recorded
            entry = _unrecorded_entry(position, listing.listing_id)
            results.append(entry)
            refs.append({"entry": entry})
            continue
        try:
            decision_json = _screen_one(runtime, screener, listing, None)
        except DecisionNotRecorded:
            failed = True
            entry = _unrecorded_entry(position, listing.listing_id)
            results.append(entry)
            refs.append({"entry": entry})
            continue
        decision = json.loads(decision_json)
        results.append(
            {"index": position, "listing_id": listing.listing_id, "status": 200, "decision": decision}
        )
        refs.append({"decision_id": decision["decision_id"]})
    return results, refs, failed


def _unrecorded_entry(position: int, listing_id: str) -> dict[str, Any]:
    error = ErrorDetail(
        code="decision_not_recorded",
        message=(
            "the decision could not be recorded, so it is not returned; send this listing again "
            "(in a new request: a retry with this request's Idempotency-Key replays this response)"
        ),
        request_id=_request_id(),
    )
    return {"index": position, "listing_id": listing_id, "status": 503, "error": error.model_dump()}


def _replay_batch(runtime: Runtime, record: IdempotencyRecord) -> dict[str, Any]:
    refs = (record.result or {}).get("results", [])
    stored = runtime.log.get_many(r["decision_id"] for r in refs if "decision_id" in r)
    results = []
    for ref in refs:
        if "entry" in ref:
            results.append(ref["entry"])
            continue
        found = stored.get(ref["decision_id"])
        if found is None:
            raise RuntimeError(f"idempotency record names decision {ref['decision_id']}, which is missing")
        decision = found.decision_body
        results.append(
            {"index": len(results), "listing_id": decision["listing_id"], "status": 200, "decision": decision}
        )
    return {"results": results}


@app.get(
    "/v1/decisions/<decision_id>",
    summary="Read a recorded decision",
    description="The decision exactly as it was returned when it was made.",
    tags=["decision log"],
    responses={
        200: _doc(
            "The decision as returned when made",
            Decision,
            {"X-Decision-Request-Id": {"description": "the id of the request that made the decision"}},
        ),
        404: _E404,
        422: _E422,
        503: _E503_READ,
        **_GATEWAY,
    },
)
def get_decision(decision_id: Annotated[str, Path(min_length=1, max_length=MAX_ID)]):
    record = get_runtime().log.get(decision_id)
    if record is None:
        raise ApiError(404, "not_found", f"no decision {decision_id}")
    return _json_response(200, record.decision_json, {"X-Decision-Request-Id": record.request_id})


@app.get(
    "/v1/listings/<listing_id>/decisions",
    summary="A listing's decision history",
    description="Newest first, paginated: pass `next_cursor` back as `cursor` for the next page.",
    tags=["decision log"],
    responses={
        200: _doc("A page of decisions, newest first", DecisionHistory),
        400: _E400,
        404: _doc("No such resource (a listing id that cannot be in a path)", ErrorResponse),
        422: _E422,
        503: _E503_READ,
        **_GATEWAY,
    },
)
def listing_decisions(
    listing_id: Annotated[str, Path(min_length=1, max_length=MAX_ID)],
    limit: Annotated[int, Query(ge=1, le=100, description="decisions per page")] = 20,
    cursor: Annotated[
        str | None, Query(max_length=4096, description="`next_cursor` of the previous page")
    ] = None,
):
    try:
        page = get_runtime().log.listing_history(listing_id, limit=limit, cursor=cursor or None)
    except InvalidCursor as exc:
        raise ApiError(400, "invalid_cursor", str(exc)) from exc
    body = {
        "listing_id": listing_id,
        "decisions": [record.decision_body for record in page.items],
        "next_cursor": page.cursor,
    }
    return _json_response(200, body)


@app.get(
    "/v1/health",
    summary="Index and policy status",
    description=(
        "The index version served, each source list with its recall count and load time, the index "
        "age and the policy version. 503 (same body, status `no_index`) while no index is loaded."
    ),
    tags=["operations"],
    responses={
        200: _doc("An index is loaded", HealthResponse),
        503: _doc("No index is loaded: screening answers 503", HealthResponse),
        **_GATEWAY,
    },
)
def health():
    runtime = get_runtime()
    index = runtime.index.current()
    status = runtime.index.status()
    sources = sorted((status.get("sources") or {}).values(), key=lambda s: s.get("source", ""))
    body = HealthResponse(
        status="ok" if index is not None else "no_index",
        index_version=status.get("version"),
        index_built_at=status.get("built_at"),
        index_loaded_at=status.get("loaded_at"),
        index_age_seconds=_index_age(status.get("built_at")),
        recalls=status.get("recalls"),
        sources=sources,  # type: ignore[arg-type]
        policy_version=runtime.policy.version,
        last_check=status.get("last_check"),
        last_error=status.get("last_error"),
    )
    if body.index_age_seconds is not None:
        metrics.add_metric(name="IndexAgeSeconds", unit=MetricUnit.Seconds, value=body.index_age_seconds)
    return _json_response(200 if index is not None else 503, body.model_dump(mode="json"))


@app.get("/v1/openapi.json", include_in_schema=False)
def openapi_document():
    return _json_response(200, openapi_json())


# Swagger UI with its JavaScript and CSS inlined from the powertools package (no swagger_base_url):
# the page loads nothing from a CDN.
app.enable_swagger(path="/v1/docs", **{k: v for k, v in OPENAPI_SETTINGS.items() if k != "servers"})


# -- the Lambda handler ---------------------------------------------------------------------------


@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    request_id = (event.get("requestContext") or {}).get("requestId") or str(uuid.uuid4())
    logger.set_correlation_id(request_id)
    app.append_context(request_id=request_id)
    response = _refuse_early(event, request_id) or app.resolve(event, context)
    return _with_header(response, "X-Request-Id", request_id)


def _refuse_early(event: dict[str, Any], request_id: str) -> dict[str, Any] | None:
    """413 for a body over the route's limit and 415 for a body that is not JSON, before anything
    parses it (powertools would otherwise try form and multipart parsing on a JSON route)."""
    body = event.get("body") or ""
    size = len(body.encode()) if isinstance(body, str) else len(body)
    if event.get("isBase64Encoded"):
        size = size * 3 // 4
    batch = str(event.get("path", "")).rstrip("/").endswith("/batch")
    limit = MAX_BATCH_BODY_BYTES if batch else MAX_BODY_BYTES
    fields: list[FieldError] = []
    if size > limit:
        status, code = HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large"
        message = f"request body is {size} bytes; the limit is {limit} bytes"
    elif event.get("isBase64Encoded") and not _utf8(body):
        status, code, message = HTTPStatus.UNPROCESSABLE_ENTITY, "invalid_request", "invalid request: body"
        fields = [
            FieldError(
                field="body", location="body", message="the body is not UTF-8 JSON", type="json_invalid"
            )
        ]
    else:
        headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
        content_type = str(headers.get("content-type") or "").strip().lower()
        sends_body = str(event.get("httpMethod", "")).upper() in ("POST", "PUT", "PATCH")
        if not (body and sends_body) or not content_type or content_type.startswith("application/json"):
            return None
        status, code = HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"
        message = "send the body as application/json"
    error = ErrorDetail(code=code, message=message, request_id=request_id, fields=fields)
    return {
        "statusCode": int(status),
        "body": json.dumps({"error": error.model_dump()}),
        "isBase64Encoded": False,
        "multiValueHeaders": {"Content-Type": [content_types.APPLICATION_JSON]},
    }


def _utf8(body: str) -> bool:
    try:
        base64.b64decode(body).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def _with_header(response: dict[str, Any], name: str, value: str) -> dict[str, Any]:
    if "multiValueHeaders" in response or "headers" not in response:
        response.setdefault("multiValueHeaders", {})[name] = [value]
    else:
        response["headers"][name] = value
    return response


def decode_body(response: dict[str, Any]) -> str:
    """A proxy response's body as text (for local serving and tests)."""
    body = response.get("body") or ""
    return base64.b64decode(body).decode() if response.get("isBase64Encoded") else body
