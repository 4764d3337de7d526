"""The index builder's health, `state/health.json`, for the screener's `GET /v1/health`.

A fault in the builder's own state (a corrupt or lost `state/catalog.json`, a source's kept
recalls gone) is otherwise invisible: drops would fail or be refused while the API keeps serving
the last index. The builder records what it found after each batch of drops:

    {"format": "recall-screen-health/1",
     "builder": {"status": "ok" | "degraded", "fault": null | "<one line>", "at": "<since when>",
                 "last_repair": null | {"at": "...", "fault": "<what was repaired, and how>"}}}

`degraded`: the builder cannot process drops (they are refused with a report saying why) until
the state is fixed. A repaired state is `ok` again, and says what was repaired in `last_repair`.
The document is written only when it changes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Literal

from recall_screen.catalog.keys import HEALTH_KEY
from recall_screen.catalog.storage import Storage

log = logging.getLogger(__name__)

HEALTH_FORMAT = "recall-screen-health/1"

Status = Literal["ok", "degraded", "unknown"]


@dataclass(frozen=True)
class BuilderHealth:
    """The builder's health as it last recorded it (`unknown`: the record cannot be read)."""

    status: Status
    fault: str | None = None  # why it is degraded (or unknown), one line
    at: str | None = None  # since when this status holds
    last_repair: dict[str, str] | None = None  # {"at", "fault"} of the last state repaired

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "fault": self.fault, "at": self.at, "last_repair": self.last_repair}


def read_builder_health(storage: Storage) -> BuilderHealth | None:
    """The builder's recorded health; None when it never recorded any (no drop processed yet).

    Never raises: a health check must answer. A record that cannot be read or parsed (a storage
    error, access denied, corrupt JSON) is reported as status `unknown` with the reason."""
    try:
        data = storage.get(HEALTH_KEY)
    except Exception as exc:  # the screener shows it; it must not fail the health check itself
        return BuilderHealth("unknown", f"{HEALTH_KEY} could not be read: {type(exc).__name__}: {exc}"[:300])
    if data is None:
        return None
    try:
        return _parse(data)
    except (ValueError, KeyError, TypeError) as exc:
        return BuilderHealth("unknown", f"{HEALTH_KEY} is unreadable: {exc}"[:300])


def _parse(data: bytes) -> BuilderHealth:
    document = json.loads(data)
    if not isinstance(document, dict) or document.get("format") != HEALTH_FORMAT:
        raise ValueError(f"not of format {HEALTH_FORMAT}")
    builder = document["builder"]
    status = builder["status"]
    if status not in ("ok", "degraded"):
        raise ValueError(f"unknown status {status!r}")
    repair = builder.get("last_repair")
    return BuilderHealth(
        status=status,
        fault=builder.get("fault"),
        at=builder.get("at"),
        last_repair={"at": str(repair["at"]), "fault": str(repair["fault"])} if repair else None,
    )


def record_builder_health(storage: Storage, *, fault: str | None, repaired: str | None, at: str) -> None:
    """Record the outcome of a batch: `fault` when the state could not be used (degraded),
    `repaired` when it was rebuilt (ok, and remembered as the last repair). Writes only changes."""
    previous = read_builder_health(storage)
    last_repair = {"at": at, "fault": repaired} if repaired else (previous.last_repair if previous else None)
    status: Status = "degraded" if fault else "ok"
    if (
        previous is not None
        and previous.status == status
        and previous.fault == fault
        and previous.last_repair == last_repair
    ):
        return
    health = BuilderHealth(status, fault, at, last_repair)
    document = {"format": HEALTH_FORMAT, "builder": health.to_json()}
    try:
        storage.put(HEALTH_KEY, json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n")
    except Exception:  # the drops are processed (or refused, with reports) already
        log.exception("could not record the builder's health in %s", HEALTH_KEY)
