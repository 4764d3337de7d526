"""The API's own envelopes (requests and responses around the domain's Listing and Decision).

The domain models (`recall_screen.models`) are the contract for a listing and a decision; these
add what only the HTTP API has: batches, pages of history, health and errors.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from recall_screen.models import Decision

MAX_BATCH = 100


class FieldError(BaseModel):
    field: str = Field(description="the field at fault, dotted: 'title', 'price', 'listings.3'")
    location: str = Field(description="where the field is: body, path, query or header")
    message: str
    type: str = Field(description="a machine-readable kind, e.g. missing, string_too_long")


class ErrorDetail(BaseModel):
    code: str = Field(
        description=(
            "invalid_request, payload_too_large, not_found, invalid_cursor, idempotency_key_reused, "
            "idempotency_in_progress, no_index, decision_not_recorded, storage_unavailable, "
            "unsupported_media_type, internal_error"
        )
    )
    message: str
    request_id: str
    fields: list[FieldError] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorDetail


class GatewayError(BaseModel):
    """API Gateway's own answers (403 without a valid API key, 429 over the usage plan)."""

    message: str


class BatchRequest(BaseModel):
    listings: list[Any] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description=(
            f"1 to {MAX_BATCH} listings, each of the Listing schema. A listing that is not valid gets "
            "its own error entry in the response and does not fail the others."
        ),
    )


class BatchResult(BaseModel):
    index: int = Field(description="the listing's position in the request")
    listing_id: str | None = Field(description="the listing's id, when it had a usable one")
    status: int = Field(description="200 decided and recorded; 422 invalid listing; 503 not recorded")
    decision: Decision | None = None
    error: ErrorDetail | None = None


class BatchResponse(BaseModel):
    results: list[BatchResult]


class DecisionHistory(BaseModel):
    listing_id: str
    decisions: list[Decision] = Field(description="newest first, each exactly as returned when made")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class SourceStatus(BaseModel):
    source: str = Field(description="the list's name (its folder under recalls/)")
    file: str = Field(description="the file the current list came from")
    recalls: int
    loaded_at: str = Field(description="when that file was accepted, ISO 8601 UTC")
    regulators: list[str] = Field(default_factory=list)


class BuilderStatus(BaseModel):
    status: Literal["ok", "degraded", "unknown"] = Field(
        description="the index builder's state: `degraded` when it refuses drops until its state is restored"
    )
    fault: str | None = Field(description="why it is degraded or unknown")
    at: str | None = Field(description="since when")


class DecisionLogStatus(BaseModel):
    status: Literal["ok", "failing", "unknown"] = Field(
        description="`failing` while this instance's latest write to the decision log failed (screens: 503)"
    )
    last_recorded_at: str | None = Field(description="this instance's latest decision recorded")
    last_failed_at: str | None = Field(description="this instance's latest failure to reach the decision log")
    last_failure: str | None


class HealthResponse(BaseModel):
    status: Literal["ok", "degraded", "no_index"] = Field(
        description="`degraded` (503): an index is served but the decision log cannot be written"
    )
    index_version: str | None
    index_built_at: str | None
    index_loaded_at: str | None = Field(description="when this screener instance loaded the index")
    index_age_seconds: float | None = Field(description="seconds since the index was built")
    recalls: int | None
    sources: list[SourceStatus]
    policy_version: str
    last_check: str | None = Field(description="when the index pointer was last looked at")
    last_error: str | None
    builder: BuilderStatus | None = Field(
        default=None,
        description="the index builder's health, as it last recorded it (none recorded yet: null)",
    )
    decision_log: DecisionLogStatus | None = Field(
        default=None, description="what this instance last saw of the decision log"
    )
