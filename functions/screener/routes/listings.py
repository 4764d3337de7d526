"""DELETE /v1/listings/{listing_id}: the marketplace took a listing down.

Recorded, never a delete of history: a take-down item joins the listing's decisions and the listing
leaves the live listings that a list change re-screens (`recall_screen.aws.live_listings`). Sending
the listing to /v1/screen again lists it again.
"""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from pydantic import BaseModel
from recall_screen.aws.live_listings import LiveListings
from recall_screen.models import MAX_ID

from screener import request_id
from screener.errors import ApiError
from screener.openapi_responses import E404, E422, GATEWAY, RETRY_AFTER, doc
from screener.responses import json_response
from screener.runtime import get_runtime
from screener.schemas import ErrorResponse

router = APIGatewayRouter()  # type: ignore[no-untyped-call]  # powertools' Router.__init__ is unannotated


class TakeDownResponse(BaseModel):
    listing_id: str
    status: str  # "taken_down"
    taken_down_at: str
    latest_decision_id: str  # the decision the listing had when it was taken down
    already: bool  # taken down by an earlier request: nothing new recorded


@router.delete(
    "/v1/listings/<listing_id>",
    summary="Take a listing down",
    description=(
        "Records that the listing is no longer on sale: it is not re-screened when the recall lists "
        "change. Nothing is deleted: its decisions stay readable. Screening it again lists it again."
    ),
    tags=["listings"],
    responses={
        200: doc("The take-down, recorded", TakeDownResponse),
        404: E404,
        422: E422,
        503: doc("The take-down could not be recorded: retry later", ErrorResponse, RETRY_AFTER),
        **GATEWAY,
    },
)
def take_down(listing_id: Annotated[str, Path(min_length=1, max_length=MAX_ID)]) -> Response[str]:
    runtime = get_runtime()
    caller = router.current_event.request_context.identity.api_key_id or "anonymous"
    live = LiveListings(runtime.log.client, runtime.log.table_name)
    done = live.take_down(listing_id, request_id=request_id.current(), caller=caller)
    if done is None:
        raise ApiError(404, "not_found", f"no listing {listing_id} was ever screened")
    body = TakeDownResponse(
        listing_id=listing_id,
        status="taken_down",
        taken_down_at=done.taken_down_at,
        latest_decision_id=done.latest_decision_id,
        already=done.already,
    )
    return json_response(200, body.model_dump())
