"""What the live index says about the pointer it follows (`recall_screen.live_index`): health
must not claim "no index published yet" while it serves one, and a pointer the screener may not
read (S3's 403 for a missing key to a reader without s3:ListBucket) is named as such."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError
from recall_screen.aws.index_store import IndexStore
from recall_screen.catalog.keys import POINTER_KEY
from recall_screen.catalog.publishing import publish
from recall_screen.index import RecallIndex
from recall_screen.live_index import LiveIndex
from recall_screen.models import Recall


class Bucket:
    """An in-memory store whose keys can be made unreadable (PermissionError, as IndexStore raises
    on 403)."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.denied: set[str] = set()

    def get(self, key: str) -> bytes | None:
        if key in self.denied:
            raise PermissionError(f"{key}: Access Denied")
        return self.objects.get(key)

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None:
        self.objects[key] = data

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def list_folders(self, prefix: str) -> list[str]:
        return sorted({k[len(prefix) :].split("/")[0] for k in self.objects if k.startswith(prefix)})

    def list_keys(self, prefix: str) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(prefix))


def _index(recall_id: str = "1") -> RecallIndex:
    return RecallIndex.build([Recall(source="CPSC", recall_id=recall_id, title=f"Widget {recall_id}")])


@pytest.fixture
def ticks() -> list[float]:
    return [0.0]


@pytest.fixture
def bucket() -> Bucket:
    return Bucket()


@pytest.fixture
def live(bucket: Bucket, ticks: list[float]) -> LiveIndex:
    return LiveIndex(bucket, refresh_seconds=60, clock=lambda: ticks[0])


def test_nothing_published_says_so(live: LiveIndex) -> None:
    assert live.current() is None
    assert live.status().last_error == "no index published yet (index/current.json is missing)"


def test_a_pointer_that_disappears_while_an_index_is_served_is_not_no_index(
    live: LiveIndex, bucket: Bucket, ticks: list[float]
) -> None:
    served = publish(bucket, _index())
    assert live.current() is not None and live.status().last_error is None

    bucket.delete(POINTER_KEY)
    ticks[0] += 60
    assert live.current().version == served.version  # it keeps serving what it loaded
    status = live.status()
    assert status.version == served.version
    assert "no index published yet" not in status.last_error
    assert "index/current.json is missing" in status.last_error
    assert f"still serving index {served.version}" in status.last_error

    bucket.objects[POINTER_KEY] = served.to_json()  # put back: all is well again
    ticks[0] += 60
    assert live.current().version == served.version and live.status().last_error is None


def test_a_pointer_the_screener_may_not_read_may_be_a_missing_one(live: LiveIndex, bucket: Bucket) -> None:
    bucket.denied.add(POINTER_KEY)
    assert live.current() is None
    error = live.status().last_error
    assert error.startswith("no index published yet, or the screener may not read index/current.json")
    assert "Access Denied" in error


def test_once_served_a_pointer_denied_is_reported_with_the_index_still_served(
    live: LiveIndex, bucket: Bucket, ticks: list[float]
) -> None:
    served = publish(bucket, _index())
    assert live.current() is not None
    bucket.denied.add(POINTER_KEY)
    ticks[0] += 60
    assert live.current().version == served.version
    error = live.status().last_error
    assert "no index published yet" not in error
    assert "access denied" in error and f"still serving index {served.version}" in error


def test_an_artifact_the_screener_may_not_read_is_named(
    live: LiveIndex, bucket: Bucket, ticks: list[float]
) -> None:
    first = publish(bucket, _index("1"))
    assert live.current().version == first.version
    second = publish(bucket, _index("2"))
    bucket.denied.add(second.artifact)
    ticks[0] += 60
    assert live.current().version == first.version
    error = live.status().last_error
    assert error.startswith(f"index artifact {second.artifact} is missing, or the screener may not read it")


class DeniedS3:
    """A boto3 S3 client as a role without s3:ListBucket sees a missing key: 403 AccessDenied."""

    def get_object(self, **kwargs: Any) -> Any:
        error = {"Error": {"Code": "AccessDenied", "Message": "Access Denied"}}
        raise ClientError(error, "GetObject")


def test_the_bucket_store_turns_s3s_403_into_permission_error() -> None:
    store = IndexStore(DeniedS3(), "drop-bucket")
    with pytest.raises(PermissionError, match=re.escape("s3://drop-bucket/index/current.json")):
        store.get(POINTER_KEY)
    live = LiveIndex(store)
    assert live.current() is None
    assert live.status().last_error.startswith(
        "no index published yet, or the screener may not read index/current.json"
    )


def test_a_degraded_builder_shows_in_the_status_while_the_last_index_serves(
    live: LiveIndex, bucket: Bucket, ticks: list[float]
) -> None:
    from recall_screen.catalog.health import record_builder_health

    served = publish(bucket, _index())
    assert live.current() is not None and live.status().builder is None  # no drop processed yet

    record_builder_health(
        bucket, fault="state/catalog.json is corrupt", repaired=None, at="2026-12-02T20:00:00Z"
    )
    ticks[0] += 60
    assert live.current().version == served.version
    builder = live.status().builder
    assert builder is not None and builder.status == "degraded"
    assert builder.fault == "state/catalog.json is corrupt"
