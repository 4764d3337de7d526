"""The responses each route documents in the OpenAPI document, beyond its 200.

Every answer of the function carries `X-Request-Id`; 403 and 429 come from API Gateway itself,
before the function runs, as `{"message": ...}` without it.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import content_types
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse, OpenAPIResponseHeader

from screener.schemas import ErrorResponse, GatewayError

STRING: dict[str, str] = {"type": "string"}
REQUEST_ID: dict[str, OpenAPIResponseHeader] = {
    "X-Request-Id": {"description": "the request's id (also in logs and decision records)", "schema": STRING}
}
RETRY_AFTER: dict[str, OpenAPIResponseHeader] = {
    "Retry-After": {"description": "seconds to wait before retrying", "schema": {"type": "integer"}}
}
REPLAYED: dict[str, OpenAPIResponseHeader] = {
    "Idempotent-Replayed": {
        "description": "`true` when this is the recorded answer to an earlier request with the same "
        "Idempotency-Key",
        "schema": {"type": "string", "enum": ["true"]},
    }
}
DECISION_REQUEST_ID: dict[str, OpenAPIResponseHeader] = {
    "X-Decision-Request-Id": {"description": "the id of the request that made the decision", "schema": STRING}
}


def doc(
    description: str, model: type | None = None, headers: dict[str, OpenAPIResponseHeader] | None = None
) -> OpenAPIResponse:
    """A response of the function: its description, body model and headers (with X-Request-Id)."""
    entry: OpenAPIResponse = {"description": description, "headers": {**REQUEST_ID, **(headers or {})}}
    if model is not None:
        entry["content"] = {content_types.APPLICATION_JSON: {"model": model}}
    return entry


GATEWAY: dict[int, OpenAPIResponse] = {
    403: {
        "description": "Missing or invalid API key (API Gateway)",
        "content": {content_types.APPLICATION_JSON: {"model": GatewayError}},
    },
    429: {
        "description": "Over the usage plan's rate or quota (API Gateway)",
        "content": {content_types.APPLICATION_JSON: {"model": GatewayError}},
    },
}
E400 = doc("Invalid cursor", ErrorResponse)
E404 = doc("Not found", ErrorResponse)
E409 = doc("A request with this Idempotency-Key is still in progress", ErrorResponse, RETRY_AFTER)
E413 = doc("Request body too large", ErrorResponse)
E415 = doc("Request body is not JSON", ErrorResponse)
E422 = doc(
    "Invalid request: `error.fields` names each field at fault; or the Idempotency-Key was used "
    "with a different request",
    ErrorResponse,
)
E503 = doc(
    "No recall index is loaded, or the decision could not be recorded: retry later",
    ErrorResponse,
    RETRY_AFTER,
)
E503_READ = doc("The decision log could not be reached: retry later", ErrorResponse, RETRY_AFTER)
# What every POST that screens can answer besides its 200.
SCREENING = {409: E409, 413: E413, 415: E415, 422: E422, 503: E503, **GATEWAY}
