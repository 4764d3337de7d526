"""The drop bucket on S3: objects by key (`catalog.storage.Storage`), and a drop's metadata and body.

    store = IndexStore(boto3.client("s3"), bucket)        # the client is passed in, never made here
    process_drop(store, drop, limits=limits)               # the index builder: one S3 event's file
    LiveIndex(store, refresh_seconds=60)                   # the screener: recall_screen.live_index

Key layout: see `recall_screen.catalog.keys`.
"""

from __future__ import annotations

import logging
from typing import Any

from botocore.exceptions import ClientError

from recall_screen.catalog.drop import DropObject
from recall_screen.catalog.guards import CONFIRM_METADATA, DEFAULT_GUARDS, ListGuards
from recall_screen.catalog.outcome import DropResult
from recall_screen.catalog.processor import DropProcessor
from recall_screen.ingest import Limits

log = logging.getLogger(__name__)

_MISSING = frozenset({"NoSuchKey", "404", "NotFound", "NoSuchVersion"})
_DENIED = frozenset({"AccessDenied", "403", "Forbidden"})


def _missing(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in _MISSING


def _denied(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in _DENIED


class IndexStore:
    """The drop bucket: objects by key (`catalog.storage.Storage`), and the drops in it.

    `s3_client` is a boto3 S3 client made by the caller (after moto starts, in tests)."""

    def __init__(self, s3_client: Any, bucket: str) -> None:
        if not bucket:
            raise ValueError("IndexStore needs a bucket name (RECALL_SCREEN_BUCKET)")
        self.s3 = s3_client
        self.bucket = bucket

    # -- catalog.storage.Storage ---------------------------------------------------------------

    def get(self, key: str) -> bytes | None:
        """The object's bytes; None when it does not exist. PermissionError when S3 answers 403:
        to a reader without s3:ListBucket (the screener) that is also how a missing key looks, so
        the caller says which it may be (`live_index`)."""
        try:
            data: bytes = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except ClientError as exc:
            if _missing(exc):
                return None
            if _denied(exc):
                raise PermissionError(f"s3://{self.bucket}/{key}: {exc}") from exc
            raise
        return data

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
        keys: list[str] = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            keys.extend(item["Key"] for item in page.get("Contents", []))
        return keys

    # -- drops ------------------------------------------------------------------------------------

    def head_drop(self, drop: DropObject) -> DropObject | None:
        """`drop` completed from the object's own metadata (size, LastModified, version, ETag, the
        confirmation of a held drop), without reading its body; None when that object version no
        longer exists."""
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
            confirm=(head.get("Metadata") or {}).get(CONFIRM_METADATA),  # boto3: lower case, no x-amz-meta-
        )

    def read_drop(self, drop: DropObject, *, max_bytes: int) -> bytes:
        """The drop's body, reading at most `max_bytes + 1` bytes (so an object that grew past the
        limit after its HEAD is still caught by the caller's size check, not read whole)."""
        kwargs = {"Bucket": self.bucket, "Key": drop.key}
        if drop.version_id:
            kwargs["VersionId"] = drop.version_id
        body = self.s3.get_object(**kwargs)["Body"]
        try:
            data: bytes = body.read(max_bytes + 1)
            return data
        finally:
            body.close()


def process_drop(
    store: IndexStore,
    drop: DropObject,
    *,
    limits: Limits,
    guards: ListGuards = DEFAULT_GUARDS,
    versions_kept: int = 10,
) -> DropResult | None:
    """Process one S3 drop (from its event) by the rules of `recall_screen.catalog`.

    The object's metadata is read first (HEAD of that exact version): a file over
    `limits.max_bytes` is rejected without its body ever being downloaded. Returns None when the
    object version no longer exists (deleted before its event was handled): nothing to do."""
    head = store.head_drop(drop)
    if head is None:
        log.warning("drop %s (version %s) no longer exists; nothing to do", drop.key, drop.version_id)
        return None
    processor = DropProcessor(store, limits=limits, guards=guards, versions_kept=versions_kept)
    return processor.process(head, lambda max_bytes: store.read_drop(head, max_bytes=max_bytes))
