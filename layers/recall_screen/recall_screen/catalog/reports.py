"""Every drop's report, `reports/<source>/<file>.report.json`, and its ledger entry,
`state/drops/<source>/<drop id>.json` (written last: replay detection).

The report is the ingest's own (counts, per-record errors, identifiers) with the drop's outcome,
the object it was, the index version it produced or that kept serving, and what a held drop needs
to be confirmed."""

from __future__ import annotations

import json
import logging
from typing import Any

from recall_screen.catalog.drop import DropObject, is_older
from recall_screen.catalog.guards import CONFIRM_METADATA
from recall_screen.catalog.keys import ledger_key, report_key
from recall_screen.catalog.outcome import PUBLISHING, Decided
from recall_screen.catalog.state import HeldDrop
from recall_screen.catalog.storage import Storage

log = logging.getLogger(__name__)

REPORT_FORMAT = "recall-screen-drop-report/1"


def write_report(storage: Storage, item: Decided, *, processed_at: str, ledger: bool = True) -> None:
    """The drop's report (unless it would hide a newer version's), then its ledger entry; the
    report's key goes into the result. `ledger=False` for a drop that was not processed (the
    builder's state was broken): a later delivery of it must not be taken for a replay."""
    result, drop = item.result, item.result.drop
    document = report_document(item, processed_at=processed_at)
    key = report_key(drop.source, drop.file)
    if _may_write_report(storage, key, drop):
        storage.put(key, json.dumps(document, indent=2, ensure_ascii=False, default=str).encode())
        result.report_key = key
    else:
        log.warning("not overwriting the report of a newer version of %s with a superseded one", drop.key)
    if not ledger:
        return
    entry = {
        "outcome": result.outcome.value,
        "processed_at": processed_at,
        "index_version": result.index_version,
        "report_key": result.report_key,
        "drop": drop.stamp(),
    }
    storage.put(ledger_key(drop.source, drop.drop_id), json.dumps(entry, indent=2).encode())


def _may_write_report(storage: Storage, key: str, drop: DropObject) -> bool:
    """A superseded older version of a key must not replace the report of its newer version."""
    existing = storage.get(key)
    if existing is None:
        return True
    try:
        reported = DropObject.from_stamp(json.loads(existing)["drop"])
    except (ValueError, KeyError, TypeError):
        return True
    return reported.key != drop.key or not is_older(drop, reported)


def report_document(item: Decided, *, processed_at: str) -> dict[str, Any]:
    """The ingest's report (counts, per-record errors, identifiers), with the drop's outcome,
    the object it was, and the index version it produced (or that kept serving)."""
    result = item.result
    ours: dict[str, Any] = {
        "report_format": REPORT_FORMAT,
        "outcome": result.outcome.value,
        "reason": result.reason,
        "source": result.drop.source,
        "file": result.drop.file,
        "accepted": result.outcome in PUBLISHING,
        "index_version": result.index_version,
        "index_recalls": result.index_recalls,
        "processed_at": processed_at,
        "drop": {**result.drop.stamp(), "origin": result.drop.origin, "sha256": item.sha256},
    }
    if item.superseded_by is not None:
        ours["superseded_by"] = item.superseded_by.stamp()
    if item.held is not None:
        ours["held"] = _how_to_confirm(item.held)
    if item.withdrawal is not None:
        ours["withdrawal"] = item.withdrawal
    if item.confirmed is not None:
        held = item.confirmed
        ours["confirmed"] = {**held.shrink.to_json(), "held_drop": held.drop.stamp(), "held_at": held.held_at}
    document = dict(ours)
    if item.ingest_report is not None:
        item.ingest_report.index_version = result.index_version
        document.update(item.ingest_report.to_dict())
        document.update(ours)
    return document


def _how_to_confirm(held: HeldDrop) -> dict[str, Any]:
    """The held section of a report: the counts, and the one act that publishes the drop."""
    metadata = f"{CONFIRM_METADATA}={held.code}"
    return {
        **held.shrink.to_json(),
        "confirm_code": held.code,
        "confirm_metadata": f"x-amz-meta-{CONFIRM_METADATA}",
        "how_to_confirm": (
            f"upload this same file again with the object metadata {metadata}, e.g. "
            f"aws s3 cp FILE s3://BUCKET/{held.drop.key} --metadata {metadata}"
        ),
    }
