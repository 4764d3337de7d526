"""RescreenWorkerFunction: the item processor of the re-screen state machine (`RescreenStateMachine`).

Thin: it reads what the state machine sends, hands it to `recall_screen.aws.rescreen_run`, and
logs and counts the outcome. Three kinds of input, each from one state of the machine:

  {"task": "removed", "index_version": v}                 blocks resting on removed recalls -> review
  {"Items": [{"shard": n}, ...],                          a Distributed Map batch (ItemBatcher):
   "BatchInput": {"index_version": v}}                    the live listings of those shards
  {"task": "finish", "index_version": v, "dropped_at": t} the metric "drop to last event"

Any failure is raised, so Step Functions retries the batch with backoff (a retry records nothing
twice: see `rescreen_run`), and reports the batch and its error when the retries are spent.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from recall_screen.aws.decision_events import DecisionEvents
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.index_store import IndexStore
from recall_screen.aws.live_listings import LIVE_SHARDS, LiveListings
from recall_screen.aws.rescreen_run import RescreenRun
from recall_screen.aws.review_store import ReviewStore
from recall_screen.clock import parse_utc
from recall_screen.config import Settings
from recall_screen.policy import Policy
from recall_screen.rescreen import RescreenCounts, RescreenSettings

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen")
logger = Logger(service=SERVICE)
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "RecallScreen"), service=SERVICE)
tracer = Tracer(service=SERVICE)

_runs: list[RescreenRun] = []


class BadInput(ValueError):
    """The state machine sent something this worker does not know: a wiring fault, not data."""


def get_run() -> RescreenRun:
    """The re-screen run of this Lambda instance, its clients made on first use (never at import)."""
    if not _runs:
        import boto3

        settings = Settings.from_env()
        rescreen = RescreenSettings.from_env()
        if not settings.decisions_table or not settings.bucket:
            raise RuntimeError("RECALL_SCREEN_DECISIONS_TABLE and RECALL_SCREEN_BUCKET must be set")
        dynamodb = boto3.client("dynamodb")
        log = DecisionLog(dynamodb, settings.decisions_table)
        _runs.append(
            RescreenRun(
                IndexStore(boto3.client("s3"), settings.bucket),
                LiveListings(dynamodb, settings.decisions_table),
                log,
                DecisionEvents(boto3.client("events"), rescreen.event_bus),
                policy=Policy.from_env(),
                memory=ReviewStore(log),
            )
        )
    return _runs[0]


def reset_clients() -> None:
    """Forget the run and its clients (tests call it when they change endpoint)."""
    _runs.clear()


def _shards(items: Any) -> list[int]:
    if not isinstance(items, list):
        raise BadInput("Items must be a list of {'shard': n}")
    shards = []
    for item in items:
        shard = item.get("shard") if isinstance(item, dict) else None
        if not isinstance(shard, int) or not 0 <= shard < LIVE_SHARDS:
            raise BadInput(f"not a shard of the live listings: {item!r}")
        shards.append(shard)
    return shards


def _version(event: dict[str, Any]) -> str:
    version = event.get("index_version") or (event.get("BatchInput") or {}).get("index_version")
    if not isinstance(version, str) or not version:
        raise BadInput("index_version is missing")
    return version


def _count(counts: RescreenCounts) -> None:
    metrics.add_metric(name="RescreenListingsRead", unit=MetricUnit.Count, value=counts.read)
    metrics.add_metric(name="RescreenDecisionsChanged", unit=MetricUnit.Count, value=counts.changed)
    metrics.add_metric(name="RescreenEventsSent", unit=MetricUnit.Count, value=counts.events)
    if counts.unreadable:
        metrics.add_metric(name="RescreenListingsUnreadable", unit=MetricUnit.Count, value=counts.unreadable)


def _finish(event: dict[str, Any], version: str) -> dict[str, Any]:
    """The whole flow is done: drop -> build -> re-screen -> events. Its time is the metric the
    alarm bounds (RescreenBoundSeconds)."""
    dropped_at = event.get("dropped_at")
    answer: dict[str, Any] = {"index_version": version, "dropped_at": dropped_at}
    if isinstance(dropped_at, str) and dropped_at:
        seconds = (datetime.now(UTC) - parse_utc(dropped_at)).total_seconds()
        metrics.add_metric(name="DropToLastEventSeconds", unit=MetricUnit.Seconds, value=seconds)
        answer["drop_to_last_event_seconds"] = round(seconds, 3)
    logger.info("re-screen finished", extra=answer)
    return answer


@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    version = _version(event)
    task = event.get("task")
    if task == "finish":
        return _finish(event, version)
    if "Items" in event:
        shards = _shards(event["Items"])
        counts = get_run().shards(version, shards)
        answer: dict[str, Any] = {"index_version": version, "shards": shards, **asdict(counts)}
    elif task == "removed":
        counts = get_run().removed(version)
        answer = {"index_version": version, "task": "removed", **asdict(counts)}
    else:
        raise BadInput(f"unknown re-screen input: task={task!r}")
    _count(counts)
    logger.info("re-screen batch", extra=answer)
    return answer
