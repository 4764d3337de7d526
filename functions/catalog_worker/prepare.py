"""CatalogPrepareFunction: the catalogue state machine's first step. It reads the dropped catalogue
as it streams from S3 (gunzipping it when it is gzipped), cuts it into parts of
`max_items_per_batch` lines under `results/<name>/parts/`, and writes the manifest the Distributed
Map reads (`results/<name>/parts/manifest.json`, a JSON array: one item per part).

Why a step of its own: the Distributed Map's ItemReader reads plain JSON Lines or CSV only, and a
JSON Lines line it cannot parse fails the whole map run. Here every line is kept as it is, and the
worker judges each one (`recall_screen.catalog_input`): a broken line becomes an invalid line of
the summary, with its reason. Memory holds a few parts at a time, never the file.

Input: the execution's input (`start.py`): bucket, key, version_id, catalog, format,
max_items_per_batch. A retry writes the same parts again (keyed by their first line). A corrupt
gzip stream or a CSV that is not CSV raises CatalogUnreadable: the execution fails with that error,
and nothing is screened from a file read halfway.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext
from recall_screen.aws.index_store import IndexStore
from recall_screen.catalog_input import split_catalogue
from recall_screen.catalog_screen import manifest_key, part_key

logger = Logger(service=os.environ.get("POWERTOOLS_SERVICE_NAME", "recall-screen"))

# Parts written at once: S3 PUTs overlap, and memory holds at most this many parts (plus one).
PUTS_IN_FLIGHT = 8


class _Writer:
    """Puts parts on a few threads, at most PUTS_IN_FLIGHT waiting; the first failure is raised."""

    def __init__(self, storage: IndexStore) -> None:
        self._storage = storage
        self._pool = ThreadPoolExecutor(max_workers=PUTS_IN_FLIGHT)
        self._slots = threading.BoundedSemaphore(PUTS_IN_FLIGHT)
        self._futures: list[Future[None]] = []

    def _put(self, key: str, body: bytes, content_type: str) -> None:
        try:
            self._storage.put(key, body, content_type=content_type)
        finally:
            self._slots.release()

    def put(self, key: str, body: bytes, content_type: str) -> None:
        self._slots.acquire()
        self._futures.append(self._pool.submit(self._put, key, body, content_type))
        if len(self._futures) >= 4 * PUTS_IN_FLIGHT:
            for future in self._futures:
                if future.done():
                    future.result()  # a failed put raises here, not only at the end
            self._futures = [future for future in self._futures if not future.done()]

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        for future in self._futures:
            future.result()


def prepare(s3: Any, event: dict[str, Any]) -> dict[str, Any]:
    """The catalogue's parts and manifest written; what the state machine reads next."""
    bucket, key, name, fmt = event["bucket"], event["key"], event["catalog"], event["format"]
    size = int(event["max_items_per_batch"])
    if fmt not in ("jsonl", "csv") or not isinstance(name, str) or not name:
        raise ValueError(f"a catalogue needs its name and a format jsonl|csv: {event!r}")
    request = {"Bucket": bucket, "Key": key}
    if event.get("version_id"):
        request["VersionId"] = event["version_id"]
    found = s3.get_object(**request)
    body = found["Body"]
    # Which upload this is: the worker's idempotency keys name it, so an upload of the same name
    # with a listing changed is screened again rather than replayed (`catalog_screen`).
    run = str(found.get("VersionId") or found.get("ETag") or "").strip('"')
    storage = IndexStore(s3, bucket)
    writer = _Writer(storage)
    entries, lines = [], 0
    try:
        for part in split_catalogue(body, fmt, size):
            where = part_key(name, part, fmt)
            writer.put(where, part.body, "text/csv" if fmt == "csv" else "application/x-ndjson")
            entries.append(part.entry(where, run))
            lines += part.lines
    finally:
        writer.close()
    manifest = manifest_key(name)
    storage.put(manifest, json.dumps(entries, separators=(",", ":")).encode())
    return {"manifest": manifest, "parts": len(entries), "lines": lines}


@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    import boto3

    answer = prepare(boto3.client("s3"), event)
    logger.info("catalogue prepared", extra={"key": event.get("key"), **answer})
    return answer
