"""The screener's logs, traces and metrics (powertools), shared by the handler and its routes.

Every log line carries the request id as `correlation_id` (set by `screener.request_id`). Metrics
are CloudWatch embedded metrics in namespace `RecallScreen`, flushed when the handler returns.
"""

from __future__ import annotations

import os
import sys
import warnings
from datetime import UTC, datetime

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from recall_screen.clock import parse_utc
from recall_screen.models import Decision, Listing
from recall_screen.service import ScreeningObserver

from screener.runtime import DecisionLogHealth

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen")

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "RecallScreen"), service=SERVICE)
# Reads, docs and errors publish no metric; that is expected, not worth a warning per request.
warnings.filterwarnings("ignore", message="No application metrics to publish", category=UserWarning)


class ScreeningTelemetry(ScreeningObserver):
    """What screening reports: a latency and a count per verdict, one log line per decision, and
    the decisions that could not be recorded (`DecisionWriteFailures`, the alarm's metric); each
    write's outcome to `health` (`/v1/health`'s `decision_log`)."""

    def __init__(self, health: DecisionLogHealth) -> None:
        self.health = health

    def screened(self, decision: Decision, elapsed_ms: float) -> None:
        metrics.add_metric(name="ScreenLatencyMs", unit=MetricUnit.Milliseconds, value=elapsed_ms)

    def recorded(self, decision: Decision) -> None:
        self.health.recorded()
        verdict = decision.decision.value
        metrics.add_metric(name=f"{verdict.capitalize()}Decisions", unit=MetricUnit.Count, value=1)
        top = decision.matches[0] if decision.matches else None
        logger.info(
            "decision",
            extra={
                "decision_id": decision.decision_id,
                "listing_id": decision.listing_id,
                "decision": verdict,
                "top_recall": f"{top.source}#{top.recall_id}" if top else None,
                "index_version": decision.index_version,
            },
        )

    def not_recorded(self, listing: Listing) -> None:
        failure = sys.exc_info()[1]
        self.health.failed(failure if failure is not None else RuntimeError("not recorded"))
        metrics.add_metric(name="DecisionWriteFailures", unit=MetricUnit.Count, value=1)
        logger.exception("decision not recorded", extra={"listing_id": listing.listing_id})

    def completion_failed(self) -> None:
        logger.exception("could not complete the idempotency record")


def observe_index_age(built_at: str | None) -> float | None:
    """Seconds since the index was built (None when unknown), also published as `IndexAgeSeconds`."""
    if not built_at:
        return None
    try:
        built = parse_utc(built_at)
    except ValueError:
        return None
    age = round(max(0.0, (datetime.now(UTC) - built).total_seconds()), 3)
    metrics.add_metric(name="IndexAgeSeconds", unit=MetricUnit.Seconds, value=age)
    return age
