"""The S3 side of the index: the drop bucket as `catalog.Storage`, and the live index a screener serves.

    store = IndexStore(boto3.client("s3"), bucket)        # the client is passed in, never made here
    live = LiveIndex(store, refresh_seconds=60)
    index = live.current()                                 # RecallIndex, or None: answer 503
    live.status()                                          # for GET /v1/health

`LiveIndex` loads `index/current.json` on first use and looks at it again at most every
`refresh_seconds`. A new version is downloaded, checked against the sha256 its pointer records,
loaded completely, and only then swapped in by replacing one reference, so requests in flight
keep the index they started with and none is dropped. A pointer or artifact that is missing,
corrupt or unreadable is refused and logged; the previous index keeps serving. It is thread-safe:
one thread refreshes while the others go on with the index they have; only when no index is
loaded at all do callers wait for the load.

Key layout: see `recall_screen.catalog`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from recall_screen.artifact import ArtifactError
from recall_screen.catalog import POINTER_KEY, DropObject, DropProcessor, DropResult, Pointer
from recall_screen.clock import utc_z
from recall_screen.index import RecallIndex

log = logging.getLogger(__name__)

_MISSING = frozenset({"NoSuchKey", "404", "NotFound", "NoSuchVersion"})


def _missing(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in _MISSING


class IndexStore:
    """The drop bucket: objects by key (`catalog.Storage`), drops, and the published index.

    `s3_client` is a boto3 S3 client made by the caller (after moto starts, in tests)."""

    def __init__(self, s3_client: Any, bucket: str) -> None:
        if not bucket:
            raise ValueError("IndexStore needs a bucket name (RECALL_SCREEN_BUCKET)")
        self.s3 = s3_client
        self.bucket = bucket

    # -- catalog.Storage ------------------------------------------------------------------------

    def get(self, key: str) -> bytes | None:
        try:
            return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except ClientError as exc:
            if _missing(exc):
                return None
            raise

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)

    def delete(self, key: str) -> None:
        self.s3.delete_object(Bucket=self.bucket, Key=key)

    def list_folders(self, prefix: str) -> list[str]:
        # From the keys rather than a Delimiter listing: moto still lists a folder as a common
        # prefix once its objects are deleted (only delete markers left) in a versioned bucket.
        rests = (key[len(prefix) :] for key in self.list_keys(prefix))
        return sorted({rest.split("/", 1)[0] for rest in rests if "/" in rest})

    def list_keys(self, prefix: str) -> list[str]:
        keys = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            keys.extend(item["Key"] for item in page.get("Contents", []))
        return keys

    # -- drops ------------------------------------------------------------------------------------

    def head_drop(self, drop: DropObject) -> DropObject | None:
        """`drop` completed from the object's own metadata (size, LastModified, version, ETag),
        without reading its body; None when that object version no longer exists."""
        kwargs = {"Bucket": self.bucket, "Key": drop.key}
        if drop.version_id:
            kwargs["VersionId"] = drop.version_id
        try:
            head = self.s3.head_object(**kwargs)
        except ClientError as exc:
            if _missing(exc):
                return None
            raise
        return drop.with_metadata(
            size=int(head["ContentLength"]),
            last_modified=head.get("LastModified"),
            version_id=head.get("VersionId"),
            etag=head.get("ETag"),
        )

    def read_drop(self, drop: DropObject, *, max_bytes: int) -> bytes:
        """The drop's body, reading at most `max_bytes + 1` bytes (so an object that grew past the
        limit after its HEAD is still caught by the caller's size check, not read whole)."""
        kwargs = {"Bucket": self.bucket, "Key": drop.key}
        if drop.version_id:
            kwargs["VersionId"] = drop.version_id
        body = self.s3.get_object(**kwargs)["Body"]
        try:
            return body.read(max_bytes + 1)
        finally:
            body.close()

    # -- the published index ----------------------------------------------------------------------

    def read_pointer(self) -> Pointer | None:
        """The pointer, None when no index is published yet; ArtifactError when it is corrupt."""
        data = self.get(POINTER_KEY)
        return None if data is None else Pointer.from_json(data)

    def load(self, pointer: Pointer) -> RecallIndex:
        """The index the pointer names, verified (size, sha256, version); ArtifactError otherwise."""
        artifact = self.get(pointer.artifact)
        if artifact is None:
            raise ArtifactError(f"index artifact {pointer.artifact} named by the pointer is missing")
        return pointer.load(artifact)

    def load_current(self) -> RecallIndex | None:
        pointer = self.read_pointer()
        return None if pointer is None else self.load(pointer)


def _now_iso() -> str:
    return utc_z(timespec="seconds")


@dataclass(frozen=True)
class _Loaded:
    index: RecallIndex
    pointer: Pointer
    loaded_at: str


class LiveIndex:
    """The index a screener serves, refreshed from the bucket's pointer. Thread-safe.

    `refresh_seconds`: how often `current()` looks at `index/current.json` again. While no index
    is loaded it looks again after `min(refresh_seconds, 5)` s, so a first drop is picked up soon.
    `clock`: monotonic seconds (tests pass a fake one)."""

    EMPTY_RETRY_SECONDS = 5.0

    def __init__(
        self, store: IndexStore, refresh_seconds: float = 60, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.store = store
        self.refresh_seconds = float(refresh_seconds)
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._next_check: float | None = None  # None: never checked
        self._last_check: str | None = None
        self._last_error: str | None = None

    def current(self) -> RecallIndex | None:
        """The index to screen with, or None when none could be loaded (the API answers 503)."""
        if self._loaded is None:
            # Nothing to serve meanwhile: wait for the thread that loads (it sets the next check
            # time before the index, so `_due()` alone must not let us through unloaded).
            with self._lock:
                if self._due():
                    self._check()
        elif self._due() and self._lock.acquire(blocking=False):  # one refreshes, others serve on
            try:
                if self._due():
                    self._check()
            finally:
                self._lock.release()
        loaded = self._loaded
        return loaded.index if loaded else None

    def refresh(self) -> bool:
        """Look at the pointer now, whatever the interval; True when a new version was swapped in."""
        with self._lock:
            return self._check()

    def status(self) -> dict[str, Any]:
        """For health checks: the version served, when it was loaded and checked, the last error."""
        loaded = self._loaded
        return {
            "version": loaded.index.version if loaded else None,
            "built_at": loaded.index.built_at if loaded else None,
            "recalls": len(loaded.index) if loaded else None,
            "sources": {name: vars(s) for name, s in loaded.index.sources.items()} if loaded else {},
            "loaded_at": loaded.loaded_at if loaded else None,
            "last_check": self._last_check,
            "last_error": self._last_error,
            "refresh_seconds": self.refresh_seconds,
        }

    # -- internals (called with the lock held) --------------------------------------------------

    def _due(self) -> bool:
        return self._next_check is None or self._clock() >= self._next_check

    def _check(self) -> bool:
        loaded = self._loaded
        interval = self.refresh_seconds if loaded else min(self.refresh_seconds, self.EMPTY_RETRY_SECONDS)
        self._next_check = self._clock() + interval
        self._last_check = _now_iso()
        pointer: Pointer | None = None
        try:
            pointer = self.store.read_pointer()
            if pointer is None:
                self._last_error = "no index published yet (index/current.json is missing)"
                return False
            if loaded and loaded.pointer == pointer:
                self._last_error = None
                return False
            started = time.perf_counter()
            index = self.store.load(pointer)
        except ArtifactError as exc:  # refused; tried again at the next check (it may be repaired)
            self._last_error = f"refused index: {exc}"
            serving = loaded.index.version if loaded else "nothing"
            refused = pointer.version if pointer else "pointer"
            log.error("refused index %s (%s); still serving %s", refused, exc, serving)
            return False
        except Exception as exc:  # S3 unreachable, access denied…: keep serving what we have
            self._last_error = f"could not check the index: {type(exc).__name__}: {exc}"
            serving = loaded.index.version if loaded else "nothing"
            log.exception("index refresh failed; still serving %s", serving)
            return False
        self._loaded = _Loaded(index, pointer, _now_iso())  # the swap: one reference
        self._next_check = self._clock() + self.refresh_seconds
        self._last_error = None
        log.info(
            "index %s loaded: %d recalls in %.0f ms (was %s)",
            index.version,
            len(index),
            (time.perf_counter() - started) * 1000,
            loaded.index.version if loaded else "none",
        )
        return True


def process_drop(
    store: IndexStore, drop: DropObject, *, limits: Any, versions_kept: int = 10
) -> DropResult | None:
    """Process one S3 drop (from its event) by the rules of `recall_screen.catalog`.

    The object's metadata is read first (HEAD of that exact version): a file over
    `limits.max_bytes` is rejected without its body ever being downloaded. Returns None when the
    object version no longer exists (deleted before its event was handled): nothing to do."""
    head = store.head_drop(drop)
    if head is None:
        log.warning("drop %s (version %s) no longer exists; nothing to do", drop.key, drop.version_id)
        return None
    processor = DropProcessor(store, limits=limits, versions_kept=versions_kept)
    return processor.process(head, lambda max_bytes: store.read_drop(head, max_bytes=max_bytes))
