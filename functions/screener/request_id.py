"""The request id: API Gateway's (a new one when the event has none), on every response as
`X-Request-Id`, in every log line as `correlation_id`, and in each decision record."""

from __future__ import annotations

import uuid
from contextvars import ContextVar

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from screener.telemetry import logger

HEADER = "X-Request-Id"

_current: ContextVar[str] = ContextVar("request_id", default="")


def assign_request_id(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[str]:
    """The first middleware, so the id is known before anything can fail. Answers made by
    exception handlers do not come back through here: `screener.errors` sets the header on those."""
    request_id = (app.current_event.get("requestContext") or {}).get("requestId") or str(uuid.uuid4())
    _current.set(request_id)
    logger.set_correlation_id(request_id)
    response = next_middleware(app)
    response.headers[HEADER] = request_id
    return response


def current() -> str:
    """The id of the request being handled."""
    return _current.get()
