"""What the screener needs at run time: the live index, the decision log, the policy.

Built lazily on the first request, never at import time (a boto3 client made before moto starts
talks to real AWS), and kept for the life of the Lambda instance. Tests and `recall-screen serve`
may install their own with `set_runtime()`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from recall_screen.aws.decision_log import DecisionLog
from recall_screen.aws.review_store import ReviewStore
from recall_screen.clock import utc_z
from recall_screen.config import Settings
from recall_screen.index import RecallIndex
from recall_screen.live_index import IndexStatus
from recall_screen.policy import Policy
from recall_screen.screening import Screener


class DecisionLogHealth:
    """What this instance last saw of the decision log: `/v1/health` says `degraded` (503) while
    its latest write failed, for then every screen answers 503 too. Per instance, as the index's
    status is; the `DecisionWriteFailures` alarm sees them all."""

    def __init__(self) -> None:
        self.recorded_at: str | None = None
        self.failed_at: str | None = None
        self.failure: str | None = None

    def recorded(self) -> None:
        self.recorded_at = utc_z(datetime.now(UTC))

    def failed(self, why: BaseException) -> None:
        self.failed_at, self.failure = utc_z(datetime.now(UTC)), f"{type(why).__name__}: {str(why)[:200]}"

    @property
    def failing(self) -> bool:
        # The two stamps are written to the millisecond in one format: they order as text.
        return self.failed_at is not None and (self.recorded_at is None or self.failed_at >= self.recorded_at)


class IndexSource(Protocol):
    """`recall_screen.live_index.LiveIndex`, or anything that answers the same two calls."""

    def current(self) -> RecallIndex | None: ...

    def status(self) -> IndexStatus: ...


@dataclass
class Runtime:
    index: IndexSource
    log: DecisionLog
    policy: Policy = field(default_factory=Policy)
    # Screen with the re-listing and verdict memory (recall_screen.relisting); off: the text alone.
    remember: bool = True
    decision_log_health: DecisionLogHealth = field(default_factory=DecisionLogHealth)
    _screener: Screener | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def screener(self) -> Screener | None:
        """A screener over the index being served, None when no index is loaded."""
        index = self.index.current()
        if index is None:
            return None
        current = self._screener
        if current is None or current.index is not index:
            with self._lock:
                current = self._screener
                if current is None or current.index is not index:
                    current = self._screener = Screener(index, self.policy)
        return current

    def reviews(self) -> ReviewStore:
        """The review queue, verdicts and listing memory, on the decision log's table."""
        return ReviewStore(self.log)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Runtime:
        import boto3
        from botocore.config import Config
        from recall_screen.aws.index_store import IndexStore
        from recall_screen.live_index import LiveIndex

        settings = Settings.from_env(environ)
        if not settings.decisions_table:
            raise RuntimeError("RECALL_SCREEN_DECISIONS_TABLE is not set")
        # botocore's standard retries (3 retries with backoff) under the decision log's own retry.
        config = Config(retries={"max_attempts": 4, "mode": "standard"}, connect_timeout=3, read_timeout=10)
        s3 = boto3.client("s3", config=config)
        dynamodb = boto3.client("dynamodb", config=config)
        live = LiveIndex(IndexStore(s3, settings.bucket), refresh_seconds=settings.index_refresh_seconds)
        return cls(
            index=live, log=DecisionLog(dynamodb, settings.decisions_table), policy=Policy.from_env(environ)
        )


_runtime: Runtime | None = None
_runtime_lock = threading.Lock()


def get_runtime() -> Runtime:
    global _runtime
    if _runtime is None:
        with _runtime_lock:
            if _runtime is None:
                _runtime = Runtime.from_env()
    return _runtime


def set_runtime(runtime: Runtime | None) -> None:
    """Install a runtime (tests, `serve`); None makes the next request build one from the environment."""
    global _runtime
    with _runtime_lock:
        _runtime = runtime
