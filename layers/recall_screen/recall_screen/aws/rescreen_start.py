"""Starting the re-screen state machine once the index builder has published a version.

    start_rescreen(sfn, store, settings, version=..., dropped_at=...)

Nothing is started for a version whose change record is empty or missing. The Distributed Map
reads its items from a manifest beside the version (`index/<version>/rescreen-shards.json`: one
item per shard of the live listings, `aws.live_listings.LIVE_SHARDS`); the execution is named after
the version, so a second start for the same version (a retried event) starts nothing new.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from botocore.exceptions import ClientError

from recall_screen.aws.decision_items import error_code
from recall_screen.aws.index_store import IndexStore
from recall_screen.aws.live_listings import LIVE_SHARDS
from recall_screen.catalog.changes import read_changes
from recall_screen.catalog.keys import INDEX_PREFIX
from recall_screen.rescreen import RescreenSettings

log = logging.getLogger(__name__)


def manifest_key(version: str) -> str:
    return f"{INDEX_PREFIX}{version}/rescreen-shards.json"


def execution_input(
    store: IndexStore, settings: RescreenSettings, *, version: str, dropped_at: str | None
) -> dict[str, Any]:
    """What the state machine reads: the version, where its items are, and its map's settings."""
    return {
        "index_version": version,
        "bucket": store.bucket,
        "manifest_key": manifest_key(version),
        "dropped_at": dropped_at,
        "max_concurrency": settings.max_concurrency,
        "max_items_per_batch": settings.shards_per_batch,
        "tolerated_failure_percentage": settings.tolerated_failure_percentage,
        "settle_seconds": settings.settle_seconds,
    }


def start_rescreen(
    sfn: Any, store: IndexStore, settings: RescreenSettings, *, version: str, dropped_at: str | None
) -> str | None:
    """Start the re-screen of `version`; its execution ARN, or None when there is nothing to
    re-screen (an empty or missing change record, or no state machine configured)."""
    if not settings.state_machine:
        return None
    changes = read_changes(store, version)
    if changes is None or changes.empty:
        log.info("index version %s changed no recall: no re-screen", version)
        return None
    shards = [{"shard": shard} for shard in range(LIVE_SHARDS)]
    store.put(manifest_key(version), json.dumps(shards).encode())
    document = execution_input(store, settings, version=version, dropped_at=dropped_at)
    try:
        response = sfn.start_execution(
            stateMachineArn=settings.state_machine, name=version, input=json.dumps(document)
        )
    except ClientError as exc:
        if error_code(exc) != "ExecutionAlreadyExists":
            raise
        log.info("the re-screen of %s was started already", version)
        return f"{settings.state_machine.replace(':stateMachine:', ':execution:')}:{version}"
    arn: str = response["executionArn"]
    return arn
