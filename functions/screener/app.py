"""The screening API (REST API Gateway → Lambda): screen listings, read decisions, health, docs.

Routes are powertools Routers by resource (`screener.routes`); the screening itself is
`recall_screen.service`. Each request goes through, in order: the request id
(`screener.request_id`), the body guard (`screener.body_guard`), then powertools' request
validation. Errors are answered by `screener.errors` in one envelope, with `X-Request-Id`.

A decision is returned only once it is recorded: when the decision log cannot be written, after
retries, the API answers 503 with Retry-After and counts `DecisionWriteFailures`. With no index
loaded it answers 503 too: it never allows by default.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import (
    OpenAPIRequestValidationMiddleware,
)
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import BotoCoreError, ClientError
from recall_screen.decision_store import DecisionNotRecorded, IdempotencyConflict, IdempotencyInProgress

from screener import errors, openapi
from screener.body_guard import refuse_unreadable_body
from screener.request_id import assign_request_id
from screener.responses import json_response
from screener.routes import decisions, listings, operations, reviews, screening
from screener.telemetry import logger, metrics, tracer

# Validation is not enabled on the resolver but placed as a middleware after the body guard:
# powertools runs its own before every other middleware, and would parse the bodies the guard
# refuses. (Response validation is left out: the routes answer with JSON already serialised.)
app = APIGatewayRestResolver()
validation = OpenAPIRequestValidationMiddleware()  # type: ignore[no-untyped-call]  # unannotated in powertools
app.use(middlewares=[assign_request_id, refuse_unreadable_body, validation])
app.include_router(screening.router)
app.include_router(decisions.router)
app.include_router(operations.router)
app.include_router(reviews.router)
app.include_router(listings.router)

app.exception_handler(RequestValidationError)(errors.invalid_request)
app.exception_handler(RequestUnsupportedContentType)(errors.unsupported_media_type)
app.exception_handler(errors.ApiError)(errors.api_error)
app.not_found(errors.not_found)
app.exception_handler(IdempotencyConflict)(errors.idempotency_key_reused)
app.exception_handler(IdempotencyInProgress)(errors.idempotency_in_progress)
app.exception_handler(DecisionNotRecorded)(errors.decision_not_recorded)
app.exception_handler([ClientError, BotoCoreError])(errors.storage_unavailable)
app.exception_handler(Exception)(errors.internal_error)

openapi.configure(app)
# Swagger UI with its JavaScript and CSS inlined from the powertools package (no swagger_base_url):
# the page loads nothing from a CDN.
app.enable_swagger(path="/v1/docs")


@app.get("/v1/openapi.json", include_in_schema=False)
def openapi_document() -> Response[str]:
    return json_response(200, openapi.document(app, openapi.base_path(app.current_event)))


@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
