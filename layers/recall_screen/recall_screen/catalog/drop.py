"""One dropped file (`DropObject`): what its event and its metadata say, its identity for replay
detection, and the order of two drops of one source (`is_older`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from recall_screen.catalog.keys import parse_drop_key, sha256_hex
from recall_screen.clock import parse_utc, utc_z


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else utc_z(moment)


def _parse_iso(text: str | None) -> datetime | None:
    return parse_utc(text) if text else None


def _etag(value: str | None) -> str | None:
    return value.strip('"') if value else None


def _version_id(value: str | None) -> str | None:
    return None if value in ("", "null") else value  # S3's name for "no version": unversioned


@dataclass(frozen=True)
class DropObject:
    """One version of one file under `recalls/<source>/`, as its event and its metadata tell it."""

    key: str
    source: str
    file: str
    version_id: str | None = None
    etag: str | None = None
    size: int | None = None  # bytes as stored (compressed, when gzip)
    last_modified: datetime | None = None
    sequencer: str | None = None  # S3's order of events, for one key only
    event_time: datetime | None = None
    origin: str | None = None  # a local path, when the drop did not come from the bucket
    confirm: str | None = None  # its x-amz-meta-recall-screen-confirm: the held drop it confirms

    @classmethod
    def from_key(
        cls,
        key: str,
        *,
        version_id: str | None = None,
        etag: str | None = None,
        size: int | None = None,
        last_modified: datetime | None = None,
        sequencer: str | None = None,
        event_time: datetime | None = None,
        origin: str | None = None,
    ) -> DropObject | None:
        """The drop at `key`, or None when the key is not `recalls/<source>/<file>`."""
        parsed = parse_drop_key(key)
        if parsed is None:
            return None
        return cls(
            key=key,
            source=parsed[0],
            file=parsed[1],
            version_id=_version_id(version_id),
            etag=_etag(etag),
            size=size,
            last_modified=last_modified,
            sequencer=sequencer,
            event_time=event_time,
            origin=origin,
        )

    def with_metadata(
        self,
        *,
        size: int,
        last_modified: datetime | None,
        version_id: str | None,
        etag: str | None,
        confirm: str | None = None,
    ) -> DropObject:
        """This drop with the object's own metadata (a HEAD's answer) filled in: what the HEAD
        tells wins over the event, what it leaves out is kept from the event."""
        return replace(
            self,
            size=size,
            last_modified=last_modified or self.last_modified,
            version_id=self.version_id if version_id in (None, "null") else version_id,
            etag=self.etag if etag is None else _etag(etag),
            confirm=confirm.strip() if confirm and confirm.strip() else None,
        )

    @property
    def name(self) -> str:
        """How people know the file: its local path, or its key."""
        return self.origin or self.key

    @property
    def drop_id(self) -> str:
        """Names this object version: equal for a replayed event, different for a new upload."""
        identity = self.version_id or self.etag or ""
        return sha256_hex(f"{self.key}\0{identity}".encode())[:32]

    def stamp(self) -> dict[str, Any]:
        stamp = {
            "key": self.key,
            "version_id": self.version_id,
            "etag": self.etag,
            "size": self.size,
            "last_modified": _iso(self.last_modified),
            "sequencer": self.sequencer,
            "event_time": _iso(self.event_time),
        }
        if self.confirm is not None:  # only uploads that carry one: the other stamps stay as they were
            stamp["confirm"] = self.confirm
        return stamp

    @classmethod
    def from_stamp(cls, stamp: dict[str, Any]) -> DropObject:
        parsed = parse_drop_key(stamp["key"]) or ("", stamp["key"])
        return cls(
            key=stamp["key"],
            source=parsed[0],
            file=parsed[1],
            version_id=stamp.get("version_id"),
            etag=stamp.get("etag"),
            size=stamp.get("size"),
            last_modified=_parse_iso(stamp.get("last_modified")),
            sequencer=stamp.get("sequencer"),
            event_time=_parse_iso(stamp.get("event_time")),
            confirm=stamp.get("confirm"),
        )


def _sequencer_order(a: str, b: str) -> int:
    width = max(len(a), len(b))
    a, b = a.upper().ljust(width, "0"), b.upper().ljust(width, "0")  # S3: right-pad, then compare
    return (a > b) - (a < b)


def is_older(drop: DropObject, than: DropObject) -> bool:
    """True when `drop` was written before `than`.

    S3's `sequencer` orders the events of one key exactly; across keys it means nothing, so files
    of one source are ordered by the object's LastModified, then by the event time (milliseconds).
    When nothing tells them apart, the drop is not older: the later arrival wins."""
    if drop.key == than.key and drop.sequencer and than.sequencer:
        return _sequencer_order(drop.sequencer, than.sequencer) < 0
    for mine, theirs in ((drop.last_modified, than.last_modified), (drop.event_time, than.event_time)):
        if mine is not None and theirs is not None and mine != theirs:
            return mine < theirs
    return False
