"""CatalogStartFunction: a catalogue dropped under `catalog/<name>/` starts the catalogue state
machine (`CatalogScreenStateMachine`), one execution per object version.

The execution is named after the object's key and version, so S3 delivering the same event twice
starts it once (`ExecutionAlreadyExists` is accepted). A gzipped catalogue is started like any
other: the machine's prepare step (`prepare.py`) reads it as it streams.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from recall_screen.catalog_screen import CatalogKeyError, CatalogSettings, catalog_of

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen")
logger = Logger(service=SERVICE)
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "RecallScreen"), service=SERVICE)


def execution_input(
    bucket: str, key: str, settings: CatalogSettings, version_id: str | None = None
) -> dict[str, Any]:
    """What the state machine reads (its definition names each field). `version_id`: the object
    version the event names, so a later upload under the same key is not read in its place."""
    name, fmt = catalog_of(key)
    return {
        "bucket": bucket,
        "key": key,
        "version_id": version_id or "",
        "catalog": name,
        "format": fmt,
        "max_concurrency": settings.max_concurrency,
        "max_items_per_batch": settings.lines_per_batch,
        "tolerated_failure_percentage": settings.tolerated_failure_percentage,
    }


def execution_name(key: str, version_id: str | None) -> str:
    digest = hashlib.sha256(f"{key}\n{version_id or ''}".encode()).hexdigest()[:32]
    return f"catalog-{digest}"


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    import boto3

    settings = CatalogSettings.from_env()
    if not settings.state_machine:  # the template sets it: a function deployed without it is broken
        raise RuntimeError("RECALL_SCREEN_CATALOG_STATE_MACHINE is not set: no state machine to start")
    sfn = boto3.client("stepfunctions")
    started = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        version_id = record["s3"]["object"].get("versionId")
        if key.endswith("/"):  # a folder the console made: nothing to screen
            logger.info("a folder, not a catalogue; ignored", extra={"key": key})
            continue
        try:
            run_input = execution_input(bucket, key, settings, version_id=version_id)
        except CatalogKeyError as exc:
            # Retrying cannot help, and no summary will ever say so: the log names the key and
            # CatalogNotStarted has an alarm (upload it again as catalog/<name>/<file>).
            logger.error("not a catalogue; not screened", extra={"key": key, "reason": str(exc)})
            metrics.add_metric(name="CatalogNotStarted", unit=MetricUnit.Count, value=1)
            continue
        name = execution_name(key, version_id)
        try:
            sfn.start_execution(
                stateMachineArn=settings.state_machine, name=name, input=json.dumps(run_input)
            )
        except sfn.exceptions.ExecutionAlreadyExists:
            logger.info("catalogue already started", extra={"key": key, "execution": name})
        logger.info("catalogue started", extra={"key": key, "execution": name, **run_input})
        started.append(name)
    return {"started": started}
