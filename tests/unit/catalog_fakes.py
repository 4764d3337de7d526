"""What the catalogue's unit tests share: an in-memory `Storage`, a clock that ticks, and drops of
tiny generic-format lists."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from recall_screen.catalog.drop import DropObject
from recall_screen.catalog.publishing import load_current
from recall_screen.ingest import Limits

T0 = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


class MemoryStorage:
    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.puts: list[str] = []

    def get(self, key: str) -> bytes | None:
        return self.objects.get(key)

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None:
        self.objects[key] = data
        self.puts.append(key)

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def list_folders(self, prefix: str) -> list[str]:
        return sorted(
            {
                k[len(prefix) :].split("/")[0]
                for k in self.objects
                if k.startswith(prefix) and "/" in k[len(prefix) :]
            }
        )

    def list_keys(self, prefix: str) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(prefix))


LIMITS = Limits(max_bytes=10_000)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)  # every build gets its own version
        return self.now


def body(*ids: str) -> bytes:
    """A recall list in the generic NDJSON format, one recall per id."""
    rows = [{"source": "CPSC", "recall_id": i, "title": f"Widget {i} recalled"} for i in ids]
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def drop(
    key: str,
    data: bytes,
    *,
    minute: int = 0,
    version: str | None = None,
    sequencer: str | None = None,
    confirm: str | None = None,
) -> tuple[DropObject, Any]:
    """A drop of `data` at `key` (modified `minute`s after T0), and its body reader."""
    d = DropObject.from_key(
        key,
        version_id=version or f"v{minute}-{len(data)}",
        etag=None,
        size=len(data),
        last_modified=T0 + timedelta(minutes=minute),
        sequencer=sequencer,
    )
    assert d is not None
    if confirm is not None:  # what a HEAD of an upload with --metadata recall-screen-confirm=... tells
        d = replace(d, confirm=confirm)
    return d, lambda max_bytes: data[: max_bytes + 1]


def ids_in_index(store: MemoryStorage) -> set[str]:
    """The recall ids the published index screens."""
    index = load_current(store)
    assert index is not None
    return {rid for _, rid in index.recall_ids()}
