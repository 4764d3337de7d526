"""GET /v1/health: the index and policy being served (503 while no index is loaded)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from screener.openapi_responses import GATEWAY, doc
from screener.responses import json_response
from screener.runtime import get_runtime
from screener.schemas import BuilderStatus, HealthResponse, SourceStatus
from screener.telemetry import observe_index_age

router = APIGatewayRouter()  # type: ignore[no-untyped-call]  # powertools' Router.__init__ is unannotated


@router.get(
    "/v1/health",
    summary="Index and policy status",
    description=(
        "The index version served, each source list with its recall count and load time, the index "
        "age and the policy version. 503 (same body, status `no_index`) while no index is loaded."
    ),
    tags=["operations"],
    responses={
        200: doc("An index is loaded", HealthResponse),
        503: doc("No index is loaded: screening answers 503", HealthResponse),
        **GATEWAY,
    },
)
def health() -> Response[str]:
    runtime = get_runtime()
    index = runtime.index.current()
    status = runtime.index.status()
    body = HealthResponse(
        status="ok" if index is not None else "no_index",
        index_version=status.version,
        index_built_at=status.built_at,
        index_loaded_at=status.loaded_at,
        index_age_seconds=observe_index_age(status.built_at),
        recalls=status.recalls,
        sources=[SourceStatus.model_validate(s, from_attributes=True) for s in status.sources],
        policy_version=runtime.policy.version,
        last_check=status.last_check,
        last_error=status.last_error,
        builder=None if status.builder is None else BuilderStatus.model_validate(status.builder.to_json()),
    )
    return json_response(200 if index is not None else 503, body.model_dump(mode="json"))
