"""The index a screener serves, following the published pointer (`catalog.publishing`).

    live = LiveIndex(storage, refresh_seconds=60)   # storage: the bucket (aws.index_store.IndexStore)
    index = live.current()                           # RecallIndex, or None: answer 503
    live.status()                                    # for GET /v1/health

`LiveIndex` loads `index/current.json` on first use and looks at it again at most every
`refresh_seconds`. A new version is downloaded, checked against the sha256 its pointer records,
loaded completely, and only then swapped in by replacing one reference, so requests in flight
keep the index they started with and none is dropped. A pointer or artifact that is missing,
corrupt or unreadable is refused and logged; the previous index keeps serving. It is thread-safe:
one thread refreshes while the others go on with the index they have; only when no index is
loaded at all do callers wait for the load.

Pure: it reads through the `catalog.storage.Storage` protocol, so it holds no AWS client itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from recall_screen.artifact import ArtifactError
from recall_screen.catalog.health import BuilderHealth, read_builder_health
from recall_screen.catalog.publishing import Pointer, load_published, read_pointer
from recall_screen.catalog.storage import Storage
from recall_screen.clock import utc_z
from recall_screen.index import RecallIndex, SourceList

log = logging.getLogger(__name__)


def _now_iso() -> str:
    return utc_z(timespec="seconds")


@dataclass(frozen=True)
class IndexStatus:
    """What a screener serves, for `GET /v1/health`: the index's version, size and source lists
    (None and empty while no index is loaded), when it was loaded, when the pointer was last
    looked at, and why the last look failed."""

    version: str | None
    built_at: str | None
    recalls: int | None
    sources: tuple[SourceList, ...]  # ordered by the list's name
    loaded_at: str | None
    last_check: str | None
    last_error: str | None
    refresh_seconds: float
    # The index builder's own health (state/health.json), read at each check: a corrupt
    # catalogue it could not repair shows here while the last good index keeps serving.
    builder: BuilderHealth | None = None

    @classmethod
    def of(
        cls,
        index: RecallIndex | None,
        *,
        loaded_at: str | None,
        last_check: str | None,
        last_error: str | None,
        refresh_seconds: float,
        builder: BuilderHealth | None = None,
    ) -> IndexStatus:
        """The status of serving `index` (None: nothing loaded)."""
        if index is None:
            version = built_at = None
            recalls = None
            sources: tuple[SourceList, ...] = ()
        else:
            version, built_at, recalls = index.version, index.built_at, len(index)
            sources = tuple(sorted(index.sources.values(), key=lambda s: s.source))
        return cls(
            version, built_at, recalls, sources, loaded_at, last_check, last_error, refresh_seconds, builder
        )


@dataclass(frozen=True)
class _Loaded:
    index: RecallIndex
    pointer: Pointer
    loaded_at: str


class LiveIndex:
    """The index a screener serves, refreshed from the published pointer. Thread-safe.

    `refresh_seconds`: how often `current()` looks at `index/current.json` again. While no index
    is loaded it looks again after `min(refresh_seconds, 5)` s, so a first drop is picked up soon.
    `clock`: monotonic seconds (tests pass a fake one)."""

    EMPTY_RETRY_SECONDS = 5.0

    def __init__(
        self, storage: Storage, refresh_seconds: float = 60, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.storage = storage
        self._builder: BuilderHealth | None = None
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

    def status(self) -> IndexStatus:
        """For health checks: the version served, when it was loaded and checked, the last error."""
        loaded = self._loaded
        return IndexStatus.of(
            loaded.index if loaded else None,
            loaded_at=loaded.loaded_at if loaded else None,
            last_check=self._last_check,
            last_error=self._last_error,
            refresh_seconds=self.refresh_seconds,
            builder=self._builder,
        )

    # -- internals (called with the lock held) --------------------------------------------------

    def _due(self) -> bool:
        return self._next_check is None or self._clock() >= self._next_check

    def _check(self) -> None:
        loaded = self._loaded
        interval = self.refresh_seconds if loaded else min(self.refresh_seconds, self.EMPTY_RETRY_SECONDS)
        self._next_check = self._clock() + interval
        self._last_check = _now_iso()
        self._builder = read_builder_health(self.storage)  # never raises
        pointer: Pointer | None = None
        try:
            pointer = read_pointer(self.storage)
            if pointer is None:
                self._last_error = _pointer_missing(loaded, "index/current.json is missing")
                return
            if loaded and loaded.pointer == pointer:
                self._last_error = None
                return
            started = time.perf_counter()
            index = load_published(self.storage, pointer)
        except PermissionError as exc:  # how the store says 403: a key missing, or not ours to read
            if pointer is None:
                self._last_error = _pointer_missing(loaded, f"access denied: {exc}", denied=True)
            else:
                self._last_error = (
                    f"index artifact {pointer.artifact} is missing, or the screener may not read it "
                    f"(access denied: {exc})"
                )
            log.error("index refresh: %s", self._last_error)
            return
        except ArtifactError as exc:  # refused; tried again at the next check (it may be repaired)
            self._last_error = f"refused index: {exc}"
            serving = loaded.index.version if loaded else "nothing"
            refused = pointer.version if pointer else "pointer"
            log.error("refused index %s (%s); still serving %s", refused, exc, serving)
            return
        except Exception as exc:  # S3 unreachable, throttled…: keep serving what we have
            self._last_error = f"could not check the index: {type(exc).__name__}: {exc}"
            serving = loaded.index.version if loaded else "nothing"
            log.exception("index refresh failed; still serving %s", serving)
            return
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


def _pointer_missing(loaded: _Loaded | None, why: str, *, denied: bool = False) -> str:
    """What health says when the pointer cannot be read. "No index published yet" only while
    nothing is served: once an index is loaded it was published, and it keeps serving.

    In AWS the screener may not list the bucket (no s3:ListBucket), and S3 answers such a reader
    403 Access Denied, not 404, for a key that does not exist: a missing pointer and a pointer the
    screener may not read look the same, so the message names both."""
    if denied:
        missing = "no index published yet, or the screener may not read index/current.json"
    else:
        missing = "no index published yet"
    if loaded is None:
        return f"{missing} ({why})"
    return (
        f"index/current.json could not be read ({why}); still serving index {loaded.index.version}, "
        f"loaded {loaded.loaded_at}"
    )
