"""GET /v1/decisions/{id} and /v1/listings/{id}/decisions: the decision log, read back."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from recall_screen.aws.decision_items import InvalidCursor
from recall_screen.models import MAX_ID, Decision

from screener.errors import ApiError, query_error
from screener.openapi_responses import DECISION_REQUEST_ID, E400, E404, E422, E503_READ, GATEWAY, doc
from screener.responses import json_response
from screener.runtime import get_runtime
from screener.schemas import DecisionHistory, ErrorResponse

router = APIGatewayRouter()  # type: ignore[no-untyped-call]  # powertools' Router.__init__ is unannotated


@router.get(
    "/v1/decisions/<decision_id>",
    summary="Read a recorded decision",
    description="The decision exactly as it was returned when it was made.",
    tags=["decision log"],
    responses={
        200: doc("The decision as returned when made", Decision, DECISION_REQUEST_ID),
        404: E404,
        422: E422,
        503: E503_READ,
        **GATEWAY,
    },
)
def get_decision(decision_id: Annotated[str, Path(min_length=1, max_length=MAX_ID)]) -> Response[str]:
    record = get_runtime().log.get(decision_id)
    if record is None:
        raise ApiError(404, "not_found", f"no decision {decision_id}")
    return json_response(200, record.decision_json, {"X-Decision-Request-Id": record.request_id})


@router.get(
    "/v1/listings/<listing_id>/decisions",
    summary="A listing's decision history",
    description="Newest first, paginated: pass `next_cursor` back as `cursor` for the next page.",
    tags=["decision log"],
    responses={
        200: doc("A page of decisions, newest first", DecisionHistory),
        400: E400,
        404: doc("No such resource (a listing id that cannot be in a path)", ErrorResponse),
        422: E422,
        503: E503_READ,
        **GATEWAY,
    },
)
def listing_decisions(
    listing_id: Annotated[str, Path(min_length=1, max_length=MAX_ID)],
    limit: Annotated[int, Query(ge=1, le=100, description="decisions per page")] = 20,
    cursor: Annotated[
        str | None, Query(max_length=4096, description="`next_cursor` of the previous page")
    ] = None,
) -> Response[str]:
    try:
        page = get_runtime().log.listing_history(listing_id, limit=limit, cursor=cursor or None)
    except InvalidCursor as exc:
        raise query_error(400, "invalid_cursor", str(exc), "cursor", "invalid_cursor") from exc
    body = {
        "listing_id": listing_id,
        "decisions": [record.decision_body for record in page.items],
        "next_cursor": page.cursor,
    }
    return json_response(200, body)
