"""CatalogWorkerFunction: the item processor of the catalogue state machine (`CatalogScreenStateMachine`).

Thin: it reads what the state machine sends, hands it to `recall_screen.catalog_screen`, and logs
and counts the outcome. What it is sent, by the state machine's states or the command line:

  {"part": {"key": k, "first_index": i, "lines": n,     a Distributed Map item: one part of the
            "errors": [...], "run": upload},            catalogue that the prepare step wrote
   "catalog": name, "format": "jsonl"}                  (`prepare.py`), read and screened
  {"task": "summary", "catalog": name,                   results/<name>/summary.json, from the
   "format": "jsonl"}                                   manifest's parts
  {"Items": [{"index": i, "value": {...}}, ...],          a batch of items as `recall-screen
   "BatchInput": {"catalog": name, "format": "jsonl"}}    screen-catalog` hands them out locally
  {"task": "summary", "catalog": name}                    its summary, from every batch's tally

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
from recall_screen.catalog_input import part_items
from recall_screen.catalog_screen import (
    CATALOG_CALLER,
    RESULTS_PREFIX,
    CatalogBatch,
    CatalogFormat,
    first_line_of,
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


def _format(value: Any) -> CatalogFormat:
    if value not in ("jsonl", "csv"):
        raise BadInput(f"format must be jsonl or csv: {value!r}")
    return "csv" if value == "csv" else "jsonl"


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise BadInput(f"the catalog name is missing: {value!r}")
    return value


def _batch(event: dict[str, Any]) -> CatalogBatch:
    items = event["Items"]
    batch_input = event.get("BatchInput") or {}
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BadInput("Items must be a list of {'index': i, 'value': line}")
    return CatalogBatch(_name(batch_input.get("catalog")), _format(batch_input.get("format", "jsonl")), items)


def _part(clients: _Clients, event: dict[str, Any]) -> tuple[CatalogBatch, int]:
    """The part's items (read from the bucket) as a batch, and the part's first line."""
    name, fmt, part = _name(event.get("catalog")), _format(event.get("format")), event["part"]
    if (
        not isinstance(part, dict)
        or not isinstance(part.get("key"), str)
        or not isinstance(part.get("first_index"), int)
    ):
        raise BadInput(f"a part needs its key and first_index: {part!r}")
    if not part["key"].startswith(f"{RESULTS_PREFIX}{name}/parts/"):
        raise BadInput(f"{part['key']}: not a part of catalogue {name!r}")
    body = clients.storage.get(part["key"])
    if body is None:  # the prepare step wrote it before the map started: a wiring fault
        raise BadInput(f"{part['key']}: no such part")
    items = part_items(body, fmt, part["first_index"], part.get("errors") or [])
    return CatalogBatch(name, fmt, items, str(part.get("run") or "")), first_line_of(part, fmt)


def _summary(clients: _Clients, event: dict[str, Any]) -> dict[str, Any]:
    name = _name(event.get("catalog"))
    fmt = _format(event["format"]) if "format" in event else None
    summary = write_summary(clients.storage, name, fmt=fmt)
    logger.info("catalogue screened", extra={k: summary[k] for k in ("catalog", "screened", "decisions")})
    if summary.get("unscreened"):
        logger.error("catalogue parts not screened", extra={"unscreened": summary["unscreened"][:100]})
    keys = ("catalog", "batches", "screened", "decisions", "invalid_lines", "unscreened")
    return {k: summary[k] for k in keys if k in summary}


@logger.inject_lambda_context
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    clients = get_clients()
    if event.get("task") == "summary":
        return _summary(clients, event)
    if "part" in event:
        batch, first_line = _part(clients, event)
    elif "Items" in event:
        batch, first_line = _batch(event), None
    else:
        raise BadInput(f"unknown catalogue input: {sorted(event)!r}")
    request_id = getattr(context, "aws_request_id", "") or "catalog"
    requester = Requester(request_id=request_id, caller=CATALOG_CALLER)
    screening = Screening(clients.log, requester, memory=ReviewStore(clients.log))
    result = screen_batch(screening, clients.screener, batch, first_line=first_line)
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
