"""How the API answers when it cannot answer as asked: the error envelope and the exception handlers.

Every error is `{"error": {code, message, request_id, fields}}` (`schemas.ErrorResponse`) with the
`X-Request-Id` header. `screener.app` registers each handler for the exceptions it answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from recall_screen.decision_store import DecisionNotRecorded, IdempotencyConflict, IdempotencyInProgress

from screener import request_id
from screener.responses import json_response
from screener.runtime import get_runtime
from screener.schemas import ErrorDetail, FieldError
from screener.telemetry import logger

RETRY_AFTER_SECONDS = "2"
LOCATIONS = ("body", "query", "path", "header", "cookie")


class ApiError(Exception):
    """An answer other than the one asked for: raised anywhere, answered in the error envelope."""

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


def no_index() -> ApiError:
    return ApiError(
        503,
        "no_index",
        "no recall index loaded: the screener cannot decide, so it does not allow; retry later",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


def field_errors(errors: Sequence[Any], prefix: tuple[Any, ...] = ()) -> list[FieldError]:
    """pydantic's errors as the API names them: a dotted field (under `prefix`) and its location."""
    fields = []
    for error in errors:
        loc = tuple(error.get("loc") or ())
        location = str(loc[0]) if loc and loc[0] in LOCATIONS else "body"
        path = prefix + (loc[1:] if loc and loc[0] == location else loc)
        if error.get("type") == "json_invalid":
            path = ()
        name = ".".join(str(part) for part in path) or location
        message = str(error.get("msg") or error.get("type") or "invalid")
        if error.get("type") == "json_invalid" and error.get("ctx", {}).get("error"):
            message = f"the body is not valid JSON: {error['ctx']['error']}"
        fields.append(FieldError(field=name, location=location, message=message, type=str(error.get("type"))))
    return fields


def field_names(fields: list[FieldError]) -> str:
    return ", ".join(dict.fromkeys(f.field for f in fields))


def error_response(
    status: int,
    code: str,
    message: str,
    fields: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[str]:
    """The error envelope. Exception handlers answer outside the middlewares, so the request id
    header is set here too."""
    current = request_id.current()
    detail = ErrorDetail(code=code, message=message, request_id=current, fields=fields or [])
    response = json_response(status, {"error": detail.model_dump(mode="json")}, headers)
    response.headers[request_id.HEADER] = current
    return response


# -- the exception handlers (`screener.app` registers them) ------------------------------------------


def invalid_request(exc: RequestValidationError) -> Response[str]:
    fields = field_errors(list(exc.errors()))
    return error_response(422, "invalid_request", f"invalid request: {field_names(fields)}", fields)


def unsupported_media_type(exc: RequestUnsupportedContentType) -> Response[str]:
    return error_response(415, "unsupported_media_type", "send the body as application/json")


def api_error(exc: ApiError) -> Response[str]:
    return error_response(exc.status, exc.code, exc.message, exc.fields, exc.headers)


def not_found(exc: NotFoundError) -> Response[str]:
    return error_response(404, "not_found", "no such resource")


def idempotency_key_reused(exc: IdempotencyConflict) -> Response[str]:
    return error_response(422, "idempotency_key_reused", str(exc))


def idempotency_in_progress(exc: IdempotencyInProgress) -> Response[str]:
    return error_response(409, "idempotency_in_progress", str(exc), headers={"Retry-After": "1"})


def decision_not_recorded(exc: DecisionNotRecorded) -> Response[str]:
    message = "the decision could not be recorded, so it is not returned; retry later"
    return error_response(503, "decision_not_recorded", message, headers={"Retry-After": RETRY_AFTER_SECONDS})


def storage_unavailable(exc: Exception) -> Response[str]:
    try:  # the decision log's health, as /v1/health tells it
        get_runtime().decision_log_health.failed(exc)
    except Exception:  # a runtime that cannot be built says so itself
        logger.exception("could not note the failure for /v1/health")
    logger.exception("AWS call failed")
    message = "the decision log could not be reached; retry later"
    return error_response(503, "storage_unavailable", message, headers={"Retry-After": RETRY_AFTER_SECONDS})


def internal_error(exc: Exception) -> Response[str]:
    logger.exception("unhandled error")
    return error_response(500, "internal_error", "internal error; the request id identifies it")


def query_error(status: int, code: str, message: str, field: str, error_type: str) -> ApiError:
    """An ApiError about one query parameter, naming it in `fields` as validation errors do."""
    return ApiError(
        status,
        code,
        message,
        fields=[FieldError(field=field, location="query", message=message, type=error_type)],
    )
