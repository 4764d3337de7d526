"""GET /v1/health: the index and policy being served, and the decision log as this instance saw it
(503 while no index is loaded, or while its latest write to the decision log failed)."""

from __future__ import annotations

from typing import Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from screener.openapi_responses import GATEWAY, doc
from screener.responses import json_response
from screener.runtime import get_runtime
from screener.schemas import BuilderStatus, DecisionLogStatus, HealthResponse, SourceStatus
from screener.telemetry import observe_index_age

router = APIGatewayRouter()  # type: ignore[no-untyped-call]  # powertools' Router.__init__ is unannotated


@router.get(
    "/v1/health",
    summary="Index and policy status",
    description=(
        "The index version served, each source list with its recall count and load time, the index "
        "age, the policy version and what this instance last saw of the decision log. 503 (same body) "
        "while no index is loaded (status `no_index`), or while this instance's latest write to the "
        "decision log failed (`degraded`: screens answer 503 too)."
    ),
    tags=["operations"],
    responses={
        200: doc("An index is loaded", HealthResponse),
        503: doc(
            "No index is loaded, or the decision log cannot be written: screening answers 503", HealthResponse
        ),
        **GATEWAY,
    },
)
def health() -> Response[str]:
    runtime = get_runtime()
    index = runtime.index.current()
    status = runtime.index.status()
    log = runtime.decision_log_health
    seen: Literal["ok", "failing", "unknown"] = (
        "failing" if log.failing else "ok" if log.recorded_at else "unknown"
    )
    overall: Literal["ok", "degraded", "no_index"] = (
        "no_index" if index is None else "degraded" if log.failing else "ok"
    )
    body = HealthResponse(
        status=overall,
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
        decision_log=DecisionLogStatus(
            status=seen,
            last_recorded_at=log.recorded_at,
            last_failed_at=log.failed_at,
            last_failure=log.failure,
        ),
    )
    return json_response(200 if overall == "ok" else 503, body.model_dump(mode="json"))
