"""CatalogWorkerFunction: the item processor of the catalogue state machine (`CatalogScreenStateMachine`).

Thin: it reads what the state machine sends, hands it to `recall_screen.catalog_screen`, and logs
and counts the outcome. Two kinds of input, each from one state of the machine:

  {"Items": [{"index": i, "value": {...}}, ...],          a Distributed Map batch (ItemBatcher):
   "BatchInput": {"catalog": name, "format": "jsonl"}}    lines of catalog/<name>/<file>
  {"task": "summary", "catalog": name}                    results/<name>/summary.json

Any failure (no index: fail closed; a decision not recorded) is raised, so Step Functions retries
the batch with backoff; a retry replays what was recorded and records nothing twice.
"""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.index_store import IndexStore
from recall_screen.aws.review_store import ReviewStore
from recall_screen.catalog_screen import (
    CATALOG_CALLER,
    CatalogBatch,
    CatalogFormat,
    screen_batch,
    write_batch,
    write_summary,
)
from recall_screen.config import Settings
from recall_screen.live_index import LiveIndex
from recall_screen.policy import Policy
from recall_screen.screening import Screener
from recall_screen.service import Requester, Screening

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen")
logger = Logger(service=SERVICE)
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "RecallScreen"), service=SERVICE)
tracer = Tracer(service=SERVICE)


class BadInput(ValueError):
    """The state machine sent something this worker does not know: a wiring fault, not data."""


class NoIndex(RuntimeError):
    """No index is published: nothing is screened (fail closed), and the batch is retried."""


class _Clients:
    def __init__(self) -> None:
        import boto3

        settings = Settings.from_env()
        if not settings.decisions_table or not settings.bucket:
            raise RuntimeError("RECALL_SCREEN_DECISIONS_TABLE and RECALL_SCREEN_BUCKET must be set")
        self.storage = IndexStore(boto3.client("s3"), settings.bucket)
        self.log = DecisionLog(boto3.client("dynamodb"), settings.decisions_table)
        self.index = LiveIndex(self.storage, refresh_seconds=settings.index_refresh_seconds)
        self.policy = Policy.from_env()
        self._screener: Screener | None = None

    def screener(self) -> Screener:
        index = self.index.current()
        if index is None:
            raise NoIndex("no recall index is published: the catalogue cannot be screened yet")
        if self._screener is None or self._screener.index is not index:
            self._screener = Screener(index, self.policy)
        return self._screener


_clients: list[_Clients] = []


def get_clients() -> _Clients:
    """This Lambda instance's clients and index, made on first use (never at import)."""
    if not _clients:
        _clients.append(_Clients())
    return _clients[0]


def reset_clients() -> None:
    """Forget the clients and index (tests call it when they change endpoint)."""
    _clients.clear()


def _batch(event: dict[str, Any]) -> CatalogBatch:
    items = event["Items"]
    batch_input = event.get("BatchInput") or {}
    name, fmt = batch_input.get("catalog"), batch_input.get("format", "jsonl")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BadInput("Items must be a list of {'index': i, 'value': line}")
    if not isinstance(name, str) or not name or fmt not in ("jsonl", "csv"):
        raise BadInput(f"BatchInput needs a catalog name and a format jsonl|csv: {batch_input!r}")
    catalog_format: CatalogFormat = "csv" if fmt == "csv" else "jsonl"
    return CatalogBatch(name, catalog_format, items)


@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    clients = get_clients()
    if event.get("task") == "summary":
        name = event.get("catalog")
        if not isinstance(name, str) or not name:
            raise BadInput("the summary needs the catalog name")
        summary = write_summary(clients.storage, name)
        logger.info("catalogue screened", extra={k: summary[k] for k in ("catalog", "screened", "decisions")})
        return {k: summary[k] for k in ("catalog", "batches", "screened", "decisions", "invalid_lines")}
    if "Items" not in event:
        raise BadInput(f"unknown catalogue input: {sorted(event)!r}")
    batch = _batch(event)
    request_id = getattr(context, "aws_request_id", "") or "catalog"
    requester = Requester(request_id=request_id, caller=CATALOG_CALLER)
    screening = Screening(clients.log, requester, memory=ReviewStore(clients.log))
    result = screen_batch(screening, clients.screener(), batch)
    write_batch(clients.storage, batch.name, result)
    screened = sum(result.counts.values())
    metrics.add_metric(name="CatalogListingsScreened", unit=MetricUnit.Count, value=screened)
    metrics.add_metric(name="CatalogLinesInvalid", unit=MetricUnit.Count, value=len(result.invalid))
    answer = {
        "catalog": batch.name,
        "first_line": result.first_line,
        "lines": len(batch.items),
        "decisions": dict(result.counts),
        "invalid": len(result.invalid),
    }
    logger.info("catalogue batch", extra=answer)
    return answer
