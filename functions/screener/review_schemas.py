"""The review workflow's envelopes: verdicts, the open queue, a recall's report."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from recall_screen.models import Decision


class VerdictRecord(BaseModel):
    verdict_id: str = Field(
        description="the id of the decision the verdict produced; name it in `corrects` to correct it"
    )
    decision_id: str = Field(description="the decision reviewed")
    listing_id: str
    seller_id: str | None
    source: str
    recall_id: str
    verdict: Literal["confirm", "overrule"]
    reviewer: str
    note: str
    at: str = Field(description="when it was given, ISO 8601 UTC")
    sequence: int = Field(description="1 for the first verdict on the decision, 2 for its correction, ...")
    corrects: str | None = Field(description="the verdict_id this one corrects")


class VerdictResponse(BaseModel):
    verdict: VerdictRecord
    decision: Decision = Field(description="the new decision the verdict produced, as recorded")


class VerdictHistory(BaseModel):
    decision_id: str
    verdicts: list[VerdictRecord] = Field(description="first to last")


class OpenReviewEntry(BaseModel):
    decision: Decision = Field(description="the decision waiting for a person, as recorded")
    listing: dict[str, Any] = Field(description="the listing as it was screened")
    waiting_since: str = Field(description="when the decision was made, ISO 8601 UTC")


class ReviewQueue(BaseModel):
    reviews: list[OpenReviewEntry] = Field(description="oldest first")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class ReportDay(BaseModel):
    day: str
    screened: int
    blocked: int
    reviewed: int
    confirmed: int
    overruled: int
    relistings_caught: int


class RecallReport(BaseModel):
    source: str
    recall_id: str
    title: str
    url: str
    hazard: str
    period: dict[str, str | None]
    totals: dict[str, int] = Field(
        description="screened, blocked, reviewed, confirmed, overruled, relistings_caught over the period"
    )
    days: list[ReportDay] = Field(description="the days with any activity, oldest first (UTC)")
    listings: list[dict[str, Any]] = Field(
        description="every listing blocked, sent to review or judged by a reviewer, with its evidence"
    )
    truncated: bool = Field(description="true when the period holds more decisions than one report reads")
    serving: bool | None = Field(
        description=(
            "whether the lists serving hold the recall now (false: withdrawn or left off its list, and "
            "listings are no longer screened against it; null: no index loaded to tell)"
        )
    )
