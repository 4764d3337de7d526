"""POST /v1/screen and /v1/screen/batch: listings in, recorded decisions out (`recall_screen.service`)."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Header
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from recall_screen.models import Decision, Listing
from recall_screen.screening import Screener
from recall_screen.service import BatchOutcome, Invalid, Recorded, Requester, Screening, kept_batch

from screener import request_id
from screener.errors import field_errors, field_names, no_index
from screener.openapi_responses import REPLAYED, SCREENING, doc
from screener.responses import json_response
from screener.runtime import Runtime, get_runtime
from screener.schemas import BatchRequest, BatchResponse, ErrorDetail
from screener.telemetry import ScreeningTelemetry, observe_index_age

MAX_IDEMPOTENCY_KEY = 255
REPLAYED_HEADER = {"Idempotent-Replayed": "true"}

router = APIGatewayRouter()  # type: ignore[no-untyped-call]  # powertools' Router.__init__ is unannotated

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


@router.post(
    "/v1/screen",
    summary="Screen one listing",
    description="One listing in, one recorded decision out.",
    tags=["screening"],
    responses={200: doc("The decision, recorded", Decision, REPLAYED), **SCREENING},
)
def screen(listing: Annotated[Listing, Body()], idempotency_key: IdempotencyKey = None) -> Response[str]:
    runtime = get_runtime()
    screening = _screening(runtime)
    with screening.idempotent(idempotency_key, _fingerprint("screen")) as claim:
        if claim.replay is not None:
            return json_response(200, screening.replay_one(claim.replay), REPLAYED_HEADER)
        decision_json = screening.screen_one(_screener(runtime), listing, claim)
    return json_response(200, decision_json)


@router.post(
    "/v1/screen/batch",
    summary="Screen up to 100 listings",
    description=(
        "One result per listing, in order. A listing that is not valid gets its own error entry "
        "(status 422) and does not fail the others."
    ),
    tags=["screening"],
    responses={200: doc("One result per listing, in order", BatchResponse, REPLAYED), **SCREENING},
)
def screen_batch(
    request: Annotated[BatchRequest, Body()], idempotency_key: IdempotencyKey = None
) -> Response[str]:
    runtime = get_runtime()
    screening = _screening(runtime)
    with screening.idempotent(idempotency_key, _fingerprint("screen_batch")) as claim:
        if claim.replay is not None:
            replayed = [_entry(result) for result in screening.replay_many(claim.replay)]
            return json_response(200, {"results": replayed}, REPLAYED_HEADER)
        outcomes = screening.screen_many(_screener(runtime), request.listings)
        results = [_entry(outcome) for outcome in outcomes]
        # The key now names this response, failed entries included: a retry replays it and
        # records nothing twice; the failed listings are sent again in a new request.
        claim.keep(kept_batch(outcomes, results))
    return json_response(200, {"results": results})


def _screening(runtime: Runtime) -> Screening:
    caller = router.current_event.request_context.identity.api_key_id or "anonymous"
    memory = runtime.reviews() if runtime.remember else None
    return Screening(
        runtime.log,
        Requester(request_id.current(), caller),
        ScreeningTelemetry(runtime.decision_log_health),
        memory,
    )


def _screener(runtime: Runtime) -> Screener:
    """The screener over the index being served; 503 (never allow) while none is loaded."""
    screener = runtime.screener()
    if screener is None:
        raise no_index()
    observe_index_age(runtime.index.status().built_at)
    return screener


def _fingerprint(route: str) -> str:
    try:
        body = router.current_event.json_body
    except ValueError:
        body = router.current_event.body
    return fingerprint(route, body)


def fingerprint(route: str, body: Any) -> str:
    """What an Idempotency-Key is bound to: the route ("screen", "screen_batch") and the body
    (parsed, so key order and spacing do not matter)."""
    canonical = json.dumps({"route": route, "body": body}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _entry(outcome: BatchOutcome | dict[str, Any]) -> dict[str, Any]:
    """A batch result as answered (a replayed entry is already one)."""
    if isinstance(outcome, dict):
        return outcome
    if isinstance(outcome, Recorded):
        return {
            "index": outcome.position,
            "listing_id": outcome.listing_id,
            "status": 200,
            "decision": outcome.decision,
        }
    if isinstance(outcome, Invalid):
        located = [{**error, "loc": ("body", *error["loc"])} for error in outcome.errors]
        fields = field_errors(located, ("listings", outcome.position))
        code, message, status = "invalid_request", f"invalid listing: {field_names(fields)}", 422
    else:
        code, status = "decision_not_recorded", 503
        message = (
            "the decision could not be recorded, so it is not returned; send this listing again "
            "(in a new request: a retry with this request's Idempotency-Key replays this response)"
        )
        fields = []
    error = ErrorDetail(code=code, message=message, request_id=request_id.current(), fields=fields)
    return {
        "index": outcome.position,
        "listing_id": outcome.listing_id,
        "status": status,
        "error": error.model_dump(),
    }
