"""The published index: the pointer `index/current.json`, publishing an index behind it, reading
what is published (the one way to, for the builder, the offline screener and the live index),
and deleting old versions.

An artifact is immutable and written first; the pointer, written last, names it and records its
size and sha256, so a reader that follows the pointer verifies what it loads."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from recall_screen.artifact import ArtifactError
from recall_screen.catalog.keys import INDEX_PREFIX, POINTER_KEY, artifact_key, sha256_hex
from recall_screen.catalog.storage import Storage
from recall_screen.clock import utc_z
from recall_screen.index import RecallIndex

POINTER_FORMAT = "recall-screen-pointer/1"

_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,127}$")


@dataclass(frozen=True)
class Pointer:
    """`index/current.json`: which artifact is current, and the digest it must have."""

    version: str
    artifact: str  # the artifact's key, always `index/<version>/index.json.gz`
    sha256: str
    size: int
    recalls: int
    built_at: str
    published_at: str
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def for_index(cls, index: RecallIndex, artifact: bytes, *, now: datetime | None = None) -> Pointer:
        return cls(
            version=index.version,
            artifact=artifact_key(index.version),
            sha256=sha256_hex(artifact),
            size=len(artifact),
            recalls=len(index),
            built_at=index.built_at,
            published_at=utc_z(now),
            sources={name: asdict(s) for name, s in sorted(index.sources.items())},
        )

    def to_json(self) -> bytes:
        document = {"format": POINTER_FORMAT, **asdict(self)}
        return json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> Pointer:
        """Parse a pointer, refusing anything malformed or pointing outside `index/<version>/`."""
        try:
            document = json.loads(data)
        except (UnicodeDecodeError, ValueError) as exc:
            raise ArtifactError(f"index pointer is not JSON: {exc}") from exc
        if not isinstance(document, dict) or document.get("format") != POINTER_FORMAT:
            raise ArtifactError(f"index pointer is not of format {POINTER_FORMAT}")
        try:
            pointer = cls(
                version=str(document["version"]),
                artifact=str(document["artifact"]),
                sha256=str(document["sha256"]),
                size=int(document["size"]),
                recalls=int(document["recalls"]),
                built_at=str(document["built_at"]),
                published_at=str(document["published_at"]),
                sources=dict(document.get("sources") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ArtifactError(f"index pointer is malformed: {exc}") from exc
        if not _VERSION_RE.match(pointer.version) or pointer.artifact != artifact_key(pointer.version):
            outside = repr(pointer.artifact)
            raise ArtifactError(f"index pointer names an artifact outside index/<version>/: {outside}")
        if not re.fullmatch(r"[0-9a-f]{64}", pointer.sha256):
            raise ArtifactError("index pointer has no valid sha256")
        return pointer

    def load(self, artifact: bytes) -> RecallIndex:
        """The index in `artifact`, once its size, digest and version agree with this pointer."""
        if len(artifact) != self.size or sha256_hex(artifact) != self.sha256:
            raise ArtifactError(
                f"index artifact {self.artifact} does not match its pointer's sha256 "
                f"({len(artifact)} bytes, expected {self.size})"
            )
        index = RecallIndex.from_artifact(artifact)
        if index.version != self.version:
            raise ArtifactError(f"index artifact holds version {index.version}, pointer says {self.version}")
        return index


def read_pointer(storage: Storage) -> Pointer | None:
    """The current pointer, None when none is published; ArtifactError when it is corrupt."""
    data = storage.get(POINTER_KEY)
    return None if data is None else Pointer.from_json(data)


def load_published(storage: Storage, pointer: Pointer) -> RecallIndex:
    """The index `pointer` names, verified (size, sha256, version); ArtifactError otherwise."""
    artifact = storage.get(pointer.artifact)
    if artifact is None:
        raise ArtifactError(f"index artifact {pointer.artifact} named by the pointer is missing")
    return pointer.load(artifact)


def load_current(storage: Storage) -> RecallIndex | None:
    """The current index (verified against its pointer), None when none is published."""
    pointer = read_pointer(storage)
    return None if pointer is None else load_published(storage, pointer)


def publish(
    storage: Storage, index: RecallIndex, *, now: datetime | None = None, published: Collection[str] = ()
) -> Pointer:
    """Write the artifact, then (last) the pointer.

    A published artifact is never overwritten. One already under the same name that was never
    published (not in `published`, not named by the pointer) was left by a build stopped before
    its pointer, in the same second and over the same recalls (the version names both) but with
    other load times: nothing ever served it, so it is replaced."""
    artifact = index.to_artifact()
    pointer = Pointer.for_index(index, artifact, now=now)
    existing = storage.get(pointer.artifact)
    if existing is not None and sha256_hex(existing) != pointer.sha256:
        if pointer.version in published or _names_version(storage, pointer.version):
            raise ArtifactError(f"index artifact {pointer.artifact} already exists with other content")
        existing = None
    if existing is None:
        storage.put(pointer.artifact, artifact, content_type="application/gzip")
    storage.put(POINTER_KEY, pointer.to_json())
    return pointer


def _names_version(storage: Storage, version: str) -> bool:
    """Whether the current pointer names `version` (a corrupt pointer names nothing)."""
    try:
        current = read_pointer(storage)
    except ArtifactError:
        return False
    return current is not None and current.version == version


def versions_to_delete(
    versions: Iterable[str], *, keep: int, current: str | None, published: list[str] | None = None
) -> list[str]:
    """The index versions beyond the newest `keep`, never `current`.

    Newest by the order of publication when known (`published`, oldest first), else by name
    (a version starts with its build time, to the second: two builds in one second tie on it)."""
    rank = {version: position for position, version in enumerate(published or [])}
    ordered = sorted(set(versions), key=lambda v: (rank.get(v, -1), v), reverse=True)
    kept = set(ordered[: max(keep, 1)])
    if current:
        kept.add(current)
    return sorted(v for v in ordered if v not in kept)


def prune(
    storage: Storage, *, keep: int, current: str | None, published: list[str] | None = None
) -> list[str]:
    """Delete the artifacts of index versions beyond the newest `keep`; returns the versions deleted."""
    versions = [v for v in storage.list_folders(INDEX_PREFIX) if _VERSION_RE.match(v)]
    doomed = versions_to_delete(versions, keep=keep, current=current, published=published)
    for version in doomed:
        for key in storage.list_keys(f"{INDEX_PREFIX}{version}/"):
            storage.delete(key)
    return doomed
