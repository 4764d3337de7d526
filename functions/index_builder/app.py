"""IndexBuilderFunction: `s3:ObjectCreated:*` under `recalls/` → a new index version, and a report.

Thin: parse the S3 event, hand each file to `recall_screen.aws.index_store.process_drop` (the
rules live in `recall_screen.catalog`), log and count the outcome. A rejected, held, superseded
or duplicate file is an outcome, not an error; anything unexpected is re-raised after the other
records of the event are handled, so Lambda retries the event (a retry skips the files already
processed: they are in the ledger).
"""

from __future__ import annotations

import contextlib
import os
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import S3Event
from aws_lambda_powertools.utilities.data_classes.s3_event import S3EventRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from recall_screen.aws.index_store import IndexStore, process_drop
from recall_screen.aws.rescreen_start import start_rescreen
from recall_screen.catalog.drop import DropObject
from recall_screen.catalog.guards import ListGuards
from recall_screen.catalog.outcome import PUBLISHING, DropResult, Outcome
from recall_screen.clock import parse_utc, utc_z
from recall_screen.config import Settings
from recall_screen.ingest import Limits
from recall_screen.rescreen import RescreenSettings

# Named here, not only by the environment, so the handler publishes its metrics wherever it is
# imported (the template sets the same names).
SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen")
logger = Logger(service=SERVICE)
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "RecallScreen"), service=SERVICE)
tracer = Tracer(service=SERVICE)

_OUTCOME_METRIC = {
    Outcome.ACCEPTED: "DropAccepted",
    Outcome.REJECTED: "DropRejected",
    Outcome.SUPERSEDED: "DropSuperseded",
    Outcome.UNCHANGED: "DropDuplicate",
    Outcome.DUPLICATE: "DropDuplicate",
    Outcome.HELD: "DropHeld",
    Outcome.WITHDRAWN: "DropWithdrawn",
}
_WARNED = frozenset({Outcome.REJECTED, Outcome.HELD})  # a person should read the report

_stores: dict[str, IndexStore] = {}
_step_functions: list[Any] = []


def store_for(bucket: str) -> IndexStore:
    """The bucket's store, its boto3 client made on first use (never at import: under moto, a
    client made before the mock starts would talk to real AWS)."""
    if bucket not in _stores:
        import boto3

        _stores[bucket] = IndexStore(boto3.client("s3"), bucket)
    return _stores[bucket]


def step_functions() -> Any:
    """The Step Functions client, made on first use (as `store_for`)."""
    if not _step_functions:
        import boto3

        _step_functions.append(boto3.client("stepfunctions"))
    return _step_functions[0]


def reset_clients() -> None:
    """Forget the cached clients (tests and the embedded AWS call it when they change endpoint)."""
    _stores.clear()
    _step_functions.clear()


def _start_rescreen(store: IndexStore, result: DropResult) -> None:
    """A published version re-screens the live listings (the state machine, when configured). A
    failure to start is logged and counted (`RescreenNotStarted` has an alarm), not raised: the
    drop is processed and in the ledger, so raising would only replay it. A replayed event of a
    drop that published starts its version's re-screen again: a builder that died between the
    ledger and the start left none, and a started one is not started twice (named after the
    version)."""
    settings = RescreenSettings.from_env()
    version = result.published_version
    if not settings.state_machine or not version:
        return
    dropped = result.drop.last_modified
    try:
        execution = start_rescreen(
            step_functions(),
            store,
            settings,
            version=version,
            dropped_at=utc_z(dropped) if dropped else None,
        )
    except Exception:
        logger.exception("the re-screen was not started", extra={"index_version": version})
        metrics.add_metric(name="RescreenNotStarted", unit=MetricUnit.Count, value=1)
        return
    if execution:
        logger.info("re-screen started", extra={"index_version": version, "execution": execution})


def _drop_of(record: S3EventRecord) -> DropObject | None:
    obj = record.s3.get_object
    event_time = None
    with contextlib.suppress(KeyError, ValueError, AttributeError):
        event_time = parse_utc(record.event_time)
    return DropObject.from_key(
        unquote_plus(obj.key),
        version_id=obj.version_id,
        etag=obj.etag or None,
        size=obj.get("size"),
        sequencer=obj.get("sequencer"),
        event_time=event_time,
    )


@tracer.capture_method
def _handle(
    store: IndexStore, drop: DropObject, limits: Limits, guards: ListGuards, versions_kept: int
) -> DropResult | None:
    return process_drop(store, drop, limits=limits, guards=guards, versions_kept=versions_kept)


def _count(result: DropResult) -> None:
    metrics.add_metric(name=_OUTCOME_METRIC[result.outcome], unit=MetricUnit.Count, value=1)
    if result.outcome in PUBLISHING:
        metrics.add_metric(name="IndexRecalls", unit=MetricUnit.Count, value=result.index_recalls or 0)
        metrics.add_metric(name="IndexBuildMs", unit=MetricUnit.Milliseconds, value=result.build_ms or 0)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    settings = Settings.from_env()
    limits = Limits.from_env()
    guards = ListGuards.from_env()
    results: list[dict[str, Any]] = []
    failure: BaseException | None = None
    for record in S3Event(event).records:
        if not record.event_name.startswith("ObjectCreated"):
            logger.info("not an object creation; ignored", extra={"event_name": record.event_name})
            continue
        drop = _drop_of(record)
        if drop is None:
            key = unquote_plus(record.s3.get_object.key)
            if key.endswith("/"):  # a folder the console made: nothing to read
                logger.info("a folder, not a recall drop; ignored", extra={"key": key})
                continue
            # No report can name a source for it, and retrying cannot help: the log names the key
            # and DropNotRecognised has an alarm (upload it again as recalls/<source>/<file>).
            logger.error("not a recall drop (recalls/<source>/<file>); not read", extra={"key": key})
            metrics.add_metric(name="DropNotRecognised", unit=MetricUnit.Count, value=1)
            continue
        bucket = settings.bucket or record.s3.bucket.name
        if bucket != record.s3.bucket.name:
            logger.warning("event from another bucket; ignored", extra={"bucket": record.s3.bucket.name})
            continue
        try:
            result = _handle(store_for(bucket), drop, limits, guards, settings.index_versions_kept)
        except Exception as exc:
            logger.exception("drop failed; the event will be retried", extra={"key": drop.key})
            failure = failure or exc
            continue
        if result is None:
            continue
        _count(result)
        _start_rescreen(store_for(bucket), result)
        entry = {
            "key": drop.key,
            "source": drop.source,
            "outcome": result.outcome.value,
            "reason": result.reason,
            "index_version": result.index_version,
            "report_key": result.report_key,
        }
        level = logger.warning if result.outcome in _WARNED else logger.info
        details = {
            "recalls": result.recalls,
            "index_recalls": result.index_recalls,
            "build_ms": result.build_ms,
            "pruned": result.pruned,
            "shrink": result.shrink.to_json() if result.shrink else None,
        }
        level(result.summary(), extra={**entry, **details})
        results.append(entry)
    if failure is not None:
        raise failure
    return {"results": results}
