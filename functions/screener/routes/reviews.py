"""The review workflow: reviewers' verdicts, the open review queue, a recall's report for its
regulator (`recall_screen.aws.review_store`, `recall_screen.review`, `recall_screen.recall_report`)."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from recall_screen.aws.decision_items import InvalidCursor
from recall_screen.clock import parse_utc
from recall_screen.models import MAX_ID, MAX_SHORT
from recall_screen.recall_report import build_report, render_html, report_notice, unknown_recall
from recall_screen.review import DecisionSuperseded, VerdictConflict, VerdictRefused, VerdictRequest

from screener import request_id, review_page
from screener.errors import ApiError, query_error
from screener.openapi_responses import E400, E404, E422, E503, E503_READ, GATEWAY, doc
from screener.responses import json_response
from screener.review_schemas import RecallReport, ReviewQueue, VerdictHistory, VerdictResponse
from screener.runtime import get_runtime
from screener.schemas import ErrorResponse

router = APIGatewayRouter()  # type: ignore[no-untyped-call]  # powertools' Router.__init__ is unannotated

E409_VERDICT = doc(
    "The decision has a verdict already: send `corrects` with its `verdict_id` to correct it", ErrorResponse
)
E404_PATH = doc("No such resource (an id that cannot be in a path)", ErrorResponse)
Text = Annotated[str | None, Query(min_length=1, max_length=MAX_SHORT)]


@router.post(
    "/v1/decisions/<decision_id>/verdict",
    summary="Give a reviewer's verdict on a decision",
    description=(
        "`confirm` (it is the recalled product) or `overrule` (it is not), for one recall of the "
        "decision (its top match when `recall_id` is left out). The verdict is kept beside the "
        "decision, which is never edited, and produces a new decision for the listing (reason "
        "`reviewer`). A second verdict is a 409 unless it names the first in `corrects`."
    ),
    tags=["review"],
    responses={
        200: doc("The verdict and the decision it produced, both recorded", VerdictResponse),
        404: E404,
        409: E409_VERDICT,
        422: E422,
        503: E503,
        **GATEWAY,
    },
)
def give_verdict(
    decision_id: Annotated[str, Path(min_length=1, max_length=MAX_ID)],
    request: Annotated[VerdictRequest, Body()],
) -> Response[str]:
    runtime = get_runtime()
    caller = router.current_event.request_context.identity.api_key_id or "anonymous"
    try:
        given = runtime.reviews().give_verdict(
            decision_id, request, request_id=request_id.current(), caller=caller
        )
    except VerdictRefused as exc:
        raise ApiError(422, "verdict_refused", str(exc)) from exc
    except VerdictConflict as exc:
        raise ApiError(409, "verdict_exists", str(exc)) from exc
    except DecisionSuperseded as exc:
        raise ApiError(409, "decision_superseded", str(exc)) from exc
    if given is None:
        raise ApiError(404, "not_found", f"no decision {decision_id}")
    body = f'{{"verdict":{_json(given.verdict.to_json())},"decision":{given.decision_json}}}'
    return json_response(200, body)


@router.get(
    "/v1/decisions/<decision_id>/verdicts",
    summary="A decision's verdicts",
    description="Every verdict given on the decision, first to last (corrections included).",
    tags=["review"],
    responses={
        200: doc("The verdicts, first to last", VerdictHistory),
        404: E404_PATH,
        422: E422,
        503: E503_READ,
        **GATEWAY,
    },
)
def decision_verdicts(decision_id: Annotated[str, Path(min_length=1, max_length=MAX_ID)]) -> Response[str]:
    reviews = get_runtime().reviews()
    verdicts = reviews.verdicts(decision_id)
    # No verdict yet, or no such decision: a mistyped id must not read as "not judged yet".
    if not verdicts and reviews.log.get(decision_id) is None:
        raise ApiError(404, "not_found", f"no decision {decision_id}")
    return json_response(200, {"decision_id": decision_id, "verdicts": [v.to_json() for v in verdicts]})


@router.get(
    "/v1/reviews",
    summary="The decisions waiting for a person",
    description=(
        "Open reviews, oldest first, paginated: `review` decisions with no verdict, not superseded "
        "by a newer decision for the same listing. Filter by `source`, or by `source` and `recall_id`."
    ),
    tags=["review"],
    responses={
        200: doc("A page of open reviews", ReviewQueue),
        400: E400,
        422: E422,
        503: E503_READ,
        **GATEWAY,
    },
)
def open_reviews(
    status: Annotated[Literal["open"], Query(description="only `open` is kept as a queue")] = "open",
    source: Text = None,
    recall_id: Text = None,
    limit: Annotated[int, Query(ge=1, le=100, description="reviews per page")] = 20,
    cursor: Annotated[
        str | None, Query(max_length=4096, description="`next_cursor` of the previous page")
    ] = None,
) -> Response[str]:
    if recall_id is not None and source is None:
        raise query_error(
            422,
            "invalid_request",
            "`recall_id` needs `source` (recall ids are the regulator's own)",
            "source",
            "missing",
        )
    store = get_runtime().reviews()
    try:
        page = store.open_reviews(source=source, recall_id=recall_id, limit=limit, cursor=cursor or None)
    except InvalidCursor as exc:
        raise query_error(400, "invalid_cursor", str(exc), "cursor", "invalid_cursor") from exc
    records = store.records([entry.decision_id for entry in page.items])
    reviews = [
        {
            "decision": records[entry.decision_id].decision_body,
            "listing": records[entry.decision_id].listing,
            "waiting_since": entry.decided_at,
        }
        for entry in page.items
        if entry.decision_id in records
    ]
    return json_response(200, {"reviews": reviews, "next_cursor": page.cursor})


def _time(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        parse_utc(value)
    except ValueError as exc:
        message = f"`{name}` is not an ISO 8601 date or time: {value!r} ({exc})"
        raise query_error(422, "invalid_request", message, name, "datetime_parsing") from exc
    return value


# The two forms of a recall's report (the id in the path, or in the query) answer alike.
_REPORT_RESPONSES: dict[int, OpenAPIResponse] = {
    200: {
        "description": "The report (JSON, or HTML with format=html)",
        "content": {
            content_types.APPLICATION_JSON: {"model": RecallReport},
            "text/html": {"schema": {"type": "string"}},
        },
    },
    404: E404_PATH,
    422: E422,
    503: E503_READ,
    **GATEWAY,
}
_From = Annotated[str | None, Query(alias="from", max_length=40, description="ISO 8601, inclusive")]
_To = Annotated[str | None, Query(max_length=40, description="ISO 8601, exclusive")]
_Format = Annotated[Literal["json", "html"], Query(description="json (default) or html")]


@router.get(
    "/v1/recalls/<source>/<recall_id>/report",
    summary="A recall's report for its regulator",
    description=(
        "Listings screened against the recall, blocked, sent to review, confirmed and overruled by "
        "reviewers, and re-listing attempts caught, by day (UTC), over [`from`, `to`); with every "
        "listing blocked or reviewed and its evidence. `format=html`: a printable page."
    ),
    tags=["review"],
    responses=_REPORT_RESPONSES,
)
def recall_report(
    source: Annotated[str, Path(min_length=1, max_length=MAX_SHORT)],
    recall_id: Annotated[str, Path(min_length=1, max_length=MAX_SHORT)],
    from_: _From = None,
    to: _To = None,
    format: _Format = "json",
) -> Response[str]:
    return _report(source, recall_id, from_, to, format)


@router.get(
    "/v1/recalls/<source>/report",
    summary="A recall's report for its regulator, the recall named in the query",
    description=(
        "The same report, for a recall id that holds a `/` (the EU Safety Gate's `SR/02645/26`): "
        "a path segment cannot carry one, encoded or not, past the gateway's decoding."
    ),
    tags=["review"],
    responses=_REPORT_RESPONSES,
)
def recall_report_by_query(
    source: Annotated[str, Path(min_length=1, max_length=MAX_SHORT)],
    recall_id: Annotated[str, Query(min_length=1, max_length=MAX_SHORT, description="the recall's id")],
    from_: _From = None,
    to: _To = None,
    format: _Format = "json",
) -> Response[str]:
    return _report(source, recall_id, from_, to, format)


def _report(source: str, recall_id: str, from_: str | None, to: str | None, format: str) -> Response[str]:
    since, until = _time(from_, "from"), _time(to, "to")
    if since and until and parse_utc(since) >= parse_utc(until):
        raise query_error(422, "invalid_request", "`from` must be before `to`", "from", "value_error")
    runtime = get_runtime()
    activity = runtime.reviews().recall_activity(source, recall_id, since=since, until=until)
    index = runtime.index.current()
    # Without an index loaded nothing can be told of an id no decision names: the empty report stands.
    if index is not None and not activity.hits and not since and not until:
        unknown = unknown_recall(index, source, recall_id)
        if unknown is not None:
            raise ApiError(404, "not_found", unknown)
    report = build_report(
        source,
        recall_id,
        decisions=[
            activity.decisions[h.decision_id] for h in activity.hits if h.decision_id in activity.decisions
        ],
        listings=activity.listings,
        verdicts=activity.verdicts,
        since=since,
        until=until,
        truncated=activity.truncated,
        serving=report_notice(index, source, recall_id),
    )
    if format == "html":
        return Response(status_code=200, content_type="text/html; charset=utf-8", body=render_html(report))
    return json_response(200, report.to_json())


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@router.get("/v1/review", include_in_schema=False)
def reviewer_page() -> Response[str]:
    """The reviewers' page (`screener.review_page`): no data in it, so no key to load it."""
    html, headers = review_page.page()
    return Response(status_code=200, content_type="text/html; charset=utf-8", body=html, headers=headers)
