"""What a recall drop means, and how the published index follows from the drops.

Pure rules, no AWS: the S3 adapter (`recall_screen.aws.index_store`) and the offline command line
(`recall-screen build-index`) both run `DropProcessor` over a `Storage` of their own, so a file
dropped in the bucket and a file given on the command line produce the same artifact and report.

The rules (issue 3, "Semantics of a drop"):

* A file under `recalls/<source>/` is the complete current list of that source ("list" below).
  The newest file of a source replaces the source's previous list; the index is the union of
  every source's current list. Each source's accepted, normalised recalls are kept as state, so
  a drop of one source never re-parses the files of the others.
* Events arrive at least once and out of order. A replayed event (same key and object version,
  or ETag when the bucket is not versioned) is recognised from a ledger and does nothing. A file
  whose content equals its source's current list builds nothing (outcome `unchanged`). A file
  older than the newest file already seen for its source (by S3 `sequencer` for the same key,
  otherwise by the object's LastModified, then the event time) is `superseded`: it never rolls
  a list back.
* A file the ingest refuses (unparseable, empty, too large, too many invalid records) is
  `rejected` as a whole; the index is untouched. The size limit is checked on the object's
  metadata before its body is read.
* Every drop, whatever its outcome, gets a report at `reports/<source>/<file>.report.json`
  (a replayed event keeps the report it already has).
* Index artifacts are immutable, under `index/<version>/index.json.gz`; the pointer
  `index/current.json` is written last, after the artifact is complete, and records the
  artifact's sha256. The newest N versions are kept, and the current one is never deleted.

Key layout of the bucket (or of the offline output folder):

    recalls/<source>/<file>                     drops (written by regulators; read only here)
    reports/<source>/<file>.report.json         one report per drop
    index/<version>/index.json.gz               immutable index artifacts
    index/current.json                          the pointer to the current artifact (written last)
    state/catalog.json                          each source's current list and newest drop seen
    state/sources/<source>/<digest>.json.gz     a source's accepted recalls (content-addressed)
    state/drops/<source>/<drop id>.json         ledger of processed drops (replay detection)
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from recall_screen.artifact import ArtifactError
from recall_screen.clock import parse_utc, utc_z
from recall_screen.index import RecallIndex, SourceList
from recall_screen.models import Recall

log = logging.getLogger(__name__)

RECALLS_PREFIX = "recalls/"
REPORTS_PREFIX = "reports/"
INDEX_PREFIX = "index/"
POINTER_KEY = "index/current.json"
STATE_PREFIX = "state/"
CATALOG_KEY = "state/catalog.json"

POINTER_FORMAT = "recall-screen-pointer/1"
CATALOG_FORMAT = "recall-screen-catalog/1"
REPORT_FORMAT = "recall-screen-drop-report/1"
ARTIFACT_NAME = "index.json.gz"

_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,127}$")
_SOURCE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._ -]{0,127}$")


# ---------------------------------------------------------------------------------------------
# keys


def parse_drop_key(key: str) -> tuple[str, str] | None:
    """`(source, file)` of a drop key `recalls/<source>/<file>`, or None when the key is not a drop
    (a folder marker, a file directly under `recalls/`, an unusable source name). `file` may
    contain further folders; it is the drop's name in its report's key."""
    if not key.startswith(RECALLS_PREFIX) or key.endswith("/"):
        return None
    parts = key[len(RECALLS_PREFIX) :].split("/", 1)
    if len(parts) != 2 or not parts[1] or not _SOURCE_RE.match(parts[0]):
        return None
    if any(segment in ("", ".", "..") for segment in parts[1].split("/")):
        return None
    return parts[0], parts[1]


def drop_key(source: str, file: str) -> str:
    return f"{RECALLS_PREFIX}{source}/{file}"


def report_key(source: str, file: str) -> str:
    return f"{REPORTS_PREFIX}{source}/{file}.report.json"


def artifact_key(version: str) -> str:
    return f"{INDEX_PREFIX}{version}/{ARTIFACT_NAME}"


def source_recalls_key(source: str, digest: str) -> str:
    return f"{STATE_PREFIX}sources/{source}/{digest}.json.gz"


def ledger_key(source: str, drop_id: str) -> str:
    return f"{STATE_PREFIX}drops/{source}/{drop_id}.json"


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else utc_z(moment)


def _parse_iso(text: str | None) -> datetime | None:
    return parse_utc(text) if text else None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------
# the pointer


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
            published_at=_iso(now or datetime.now(UTC)) or "",
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


# ---------------------------------------------------------------------------------------------
# storage: what the processor needs from S3 or from a local folder


class Storage(Protocol):
    """Objects by key. The S3 adapter and the offline folder both implement it."""

    def get(self, key: str) -> bytes | None:
        """The object's bytes, or None when there is no such object."""

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None: ...

    def delete(self, key: str) -> None: ...

    def list_folders(self, prefix: str) -> list[str]:
        """Names of the immediate sub-folders of `prefix` (which ends with "/")."""

    def list_keys(self, prefix: str) -> list[str]: ...


def read_pointer(storage: Storage) -> Pointer | None:
    """The current pointer, None when none is published; ArtifactError when it is corrupt."""
    data = storage.get(POINTER_KEY)
    return None if data is None else Pointer.from_json(data)


def load_current(storage: Storage) -> RecallIndex | None:
    """The current index (verified against its pointer), None when none is published."""
    pointer = read_pointer(storage)
    if pointer is None:
        return None
    artifact = storage.get(pointer.artifact)
    if artifact is None:
        raise ArtifactError(f"index artifact {pointer.artifact} named by the pointer is missing")
    return pointer.load(artifact)


def publish(storage: Storage, index: RecallIndex, *, now: datetime | None = None) -> Pointer:
    """Write the artifact, then (last) the pointer. An artifact is never overwritten."""
    artifact = index.to_artifact()
    pointer = Pointer.for_index(index, artifact, now=now)
    existing = storage.get(pointer.artifact)
    if existing is not None and sha256_hex(existing) != pointer.sha256:
        raise ArtifactError(f"index artifact {pointer.artifact} already exists with other content")
    if existing is None:
        storage.put(pointer.artifact, artifact, content_type="application/gzip")
    storage.put(POINTER_KEY, pointer.to_json())
    return pointer


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


# ---------------------------------------------------------------------------------------------
# drops and their order


def _etag(value: str | None) -> str | None:
    return value.strip('"') if value else None


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

    @classmethod
    def from_key(cls, key: str, **metadata: Any) -> DropObject | None:
        """The drop at `key`, or None when the key is not `recalls/<source>/<file>`."""
        parsed = parse_drop_key(key)
        if parsed is None:
            return None
        metadata["etag"] = _etag(metadata.get("etag"))
        if metadata.get("version_id") in ("", "null"):
            metadata["version_id"] = None  # S3's name for "no version": an unversioned object
        return cls(key=key, source=parsed[0], file=parsed[1], **metadata)

    def with_metadata(self, **metadata: Any) -> DropObject:
        """This drop with the object's own metadata filled in (a HEAD's answer wins over the event)."""
        metadata = {k: v for k, v in metadata.items() if v is not None}
        if "etag" in metadata:
            metadata["etag"] = _etag(metadata["etag"])
        if metadata.get("version_id") == "null":
            metadata.pop("version_id")
        return replace(self, **metadata)

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
        return {
            "key": self.key,
            "version_id": self.version_id,
            "etag": self.etag,
            "size": self.size,
            "last_modified": _iso(self.last_modified),
            "sequencer": self.sequencer,
            "event_time": _iso(self.event_time),
        }

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
    for attribute in ("last_modified", "event_time"):
        mine, theirs = getattr(drop, attribute), getattr(than, attribute)
        if mine is not None and theirs is not None and mine != theirs:
            return mine < theirs
    return False


# ---------------------------------------------------------------------------------------------
# the builder's state


@dataclass
class CurrentList:
    """The accepted file that is a source's current list, and where its recalls are kept."""

    drop: DropObject
    sha256: str  # of the file's bytes
    recalls_key: str
    recalls: int
    accepted_at: str
    regulators: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "drop": self.drop.stamp(),
            "sha256": self.sha256,
            "recalls_key": self.recalls_key,
            "recalls": self.recalls,
            "accepted_at": self.accepted_at,
            "regulators": self.regulators,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CurrentList:
        return cls(
            drop=DropObject.from_stamp(raw["drop"]),
            sha256=raw["sha256"],
            recalls_key=raw["recalls_key"],
            recalls=int(raw["recalls"]),
            accepted_at=raw["accepted_at"],
            regulators=list(raw.get("regulators") or []),
        )

    def source_list(self, source: str) -> SourceList:
        return SourceList(
            source=source,
            file=self.drop.name,
            recalls=self.recalls,
            loaded_at=self.accepted_at,
            regulators=list(self.regulators),
        )


@dataclass
class SourceState:
    current: CurrentList | None = None  # the list in the index
    latest: DropObject | None = None  # the newest file seen, whatever became of it


@dataclass
class Catalog:
    """`state/catalog.json`: every source's current list and the newest drop seen for it."""

    sources: dict[str, SourceState] = field(default_factory=dict)
    index_version: str | None = None
    published: list[str] = field(default_factory=list)  # versions in order of publication, last 100

    PUBLISHED_KEPT = 100

    def to_json(self) -> bytes:
        document = {
            "format": CATALOG_FORMAT,
            "index_version": self.index_version,
            "published": self.published[-self.PUBLISHED_KEPT :],
            "sources": {
                name: {
                    "current": state.current.to_json() if state.current else None,
                    "latest": state.latest.stamp() if state.latest else None,
                }
                for name, state in sorted(self.sources.items())
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes | None) -> Catalog:
        if data is None:
            return cls()
        document = json.loads(data)
        if document.get("format") != CATALOG_FORMAT:
            raise ValueError(f"{CATALOG_KEY} is not of format {CATALOG_FORMAT}")
        sources = {}
        for name, raw in document["sources"].items():
            sources[name] = SourceState(
                current=CurrentList.from_json(raw["current"]) if raw.get("current") else None,
                latest=DropObject.from_stamp(raw["latest"]) if raw.get("latest") else None,
            )
        return cls(
            sources=sources,
            index_version=document.get("index_version"),
            published=list(document.get("published") or []),
        )

    def state(self, source: str) -> SourceState:
        return self.sources.setdefault(source, SourceState())


def encode_recalls(recalls: list[Recall]) -> bytes:
    lines = [r.model_dump(exclude_defaults=True) for r in recalls]
    return gzip.compress(json.dumps(lines, ensure_ascii=False).encode(), mtime=0)


def decode_recalls(data: bytes) -> list[Recall]:
    return [Recall.model_validate(r) for r in json.loads(gzip.decompress(data))]


# ---------------------------------------------------------------------------------------------
# processing one drop


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # the file is its source's list now; a new index version is published
    REJECTED = "rejected"  # refused as a whole; the index is untouched
    SUPERSEDED = "superseded"  # older than a file already seen for its source; ignored
    UNCHANGED = "unchanged"  # the same content as its source's current list; nothing to build
    DUPLICATE = "duplicate"  # a replayed event for a drop already processed; nothing done


class StateError(RuntimeError):
    """The builder's own state is inconsistent (a source's kept recalls are missing)."""


@dataclass
class DropResult:
    outcome: Outcome
    drop: DropObject
    reason: str | None = None  # one line, for rejected / superseded / unchanged
    index_version: str | None = None  # produced by this drop, or the one serving
    index_recalls: int | None = None
    build_ms: float | None = None
    recalls: int = 0  # recalls this drop brought (accepted only)
    models: int = 0  # distinct model numbers in them
    gtins: int = 0  # distinct GTINs in them (validated or not)
    report_key: str | None = None
    report: dict[str, Any] | None = None
    pruned: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for people: what happened to the file."""
        if self.outcome is Outcome.ACCEPTED:
            return (
                f"accepted {self.drop.name}: {self.recalls} recalls "
                f"({self.models} models, {self.gtins} GTINs), index {self.index_version}"
            )
        reason = self.reason or ""
        reason = reason.removeprefix(f"{self.drop.name}: ")  # the ingest's reasons name the file too
        return f"{self.outcome.value} {self.drop.name}: {reason}"


Parse = Callable[..., Any]  # ingest.read_drop(data, *, name, source, limits, received_at) -> DropOutcome


def _default_parse(data: bytes, *, name: str, source: str, limits: Any, received_at: datetime | None) -> Any:
    from recall_screen.ingest import read_drop

    return read_drop(data, name=name, source=source, limits=limits, received_at=received_at)


@dataclass
class _Decided:
    result: DropResult
    ingest_report: Any = None
    sha256: str | None = None
    superseded_by: DropObject | None = None


class DropProcessor:
    """Applies drops to the catalog and the published index, by the rules of this module.

    `limits` is `ingest.Limits` (only `max_bytes` is read here; the ingest checks the rest).
    `check_order=False` skips the superseded rule and `check_replay=False` the ledger look-up: the
    offline command line has no events, and its user's explicit order wins.
    """

    def __init__(
        self,
        storage: Storage,
        *,
        limits: Any,
        versions_kept: int = 10,
        parse: Parse | None = None,
        now: Callable[[], datetime] | None = None,
        check_order: bool = True,
        check_replay: bool = True,
    ) -> None:
        self.storage = storage
        self.limits = limits
        self.versions_kept = versions_kept
        self.parse = parse or _default_parse
        self.now = now or (lambda: datetime.now(UTC))
        self.check_order = check_order
        self.check_replay = check_replay

    def process(self, drop: DropObject, read_body: Callable[[int], bytes]) -> DropResult:
        """Process one drop (its size and LastModified already known, from HEAD or the file system).

        `read_body(max_bytes)` returns the body, reading no more than `max_bytes + 1` bytes; it is
        not called when the metadata already shows the file is over the size limit."""
        return self.process_all([(drop, read_body)])[0]

    def process_all(self, drops: Iterable[tuple[DropObject, Callable[[int], bytes]]]) -> list[DropResult]:
        """Process drops in order, publishing at most one new index version for all of them.

        Writes, in this order: each accepted list's recalls (state/sources/), the artifact, the
        pointer, the catalog, then each drop's report and (last) its ledger entry. A crash before
        the ledger entry means the event is processed again on retry, which converges."""
        catalog = Catalog.from_json(self.storage.get(CATALOG_KEY))
        decided: list[_Decided] = []
        stale: set[str] = set()
        changed = False
        for drop, read_body in drops:
            outcome = self._decide(drop, read_body, catalog, stale)
            decided.append(outcome)
            changed |= outcome.result.outcome is not Outcome.DUPLICATE

        accepted = [d.result for d in decided if d.result.outcome is Outcome.ACCEPTED]
        if accepted:
            index, build_ms = self._build(catalog)
            for result in accepted:
                result.index_version, result.build_ms = index.version, build_ms
                result.index_recalls = len(index)
        if changed:
            self.storage.put(CATALOG_KEY, catalog.to_json())
        current_keys = {s.current.recalls_key for s in catalog.sources.values() if s.current}
        for key in sorted(stale - current_keys):
            self.storage.delete(key)
        if accepted:
            accepted[-1].pruned = self._prune(catalog)

        for item in decided:
            if item.result.outcome is Outcome.DUPLICATE:
                continue
            if item.result.outcome is not Outcome.ACCEPTED:
                item.result.index_version = catalog.index_version
            self._write_report(item)
        return [d.result for d in decided]

    # -- deciding one drop ---------------------------------------------------------------------

    def _decide(
        self, drop: DropObject, read_body: Callable[[int], bytes], catalog: Catalog, stale: set[str]
    ) -> _Decided:
        ledger = self.storage.get(ledger_key(drop.source, drop.drop_id)) if self.check_replay else None
        if ledger is not None:
            previous = json.loads(ledger)
            return _Decided(
                DropResult(
                    Outcome.DUPLICATE,
                    drop,
                    reason=f"already processed at {previous.get('processed_at')} ({previous.get('outcome')})",
                    index_version=previous.get("index_version"),
                    report_key=previous.get("report_key"),
                )
            )

        state = catalog.state(drop.source)
        if self.check_order and state.latest is not None and is_older(drop, state.latest):
            newer = state.latest
            reason = f"superseded by {newer.key} (modified {_iso(newer.last_modified)}): not rolled back"
            return _Decided(DropResult(Outcome.SUPERSEDED, drop, reason=reason), superseded_by=newer)

        max_bytes = int(self.limits.max_bytes)
        if drop.size is not None and drop.size > max_bytes:
            state.latest = drop
            reason = f"file is {drop.size} bytes, over the limit of {max_bytes} bytes (not read)"
            return _Decided(DropResult(Outcome.REJECTED, drop, reason=reason))
        body = read_body(max_bytes)
        if len(body) > max_bytes:
            state.latest = drop
            reason = f"file is over the limit of {max_bytes} bytes"
            return _Decided(DropResult(Outcome.REJECTED, drop, reason=reason))

        digest = sha256_hex(body)
        if state.current is not None and state.current.sha256 == digest:
            state.latest = drop
            reason = f"same content as the current list of {drop.source!r} ({state.current.drop.name})"
            return _Decided(DropResult(Outcome.UNCHANGED, drop, reason=reason), sha256=digest)

        parsed = self.parse(
            body, name=drop.name, source=drop.source, limits=self.limits, received_at=drop.last_modified
        )
        state.latest = drop
        if not parsed.accepted:
            result = DropResult(Outcome.REJECTED, drop, reason=parsed.reason or "rejected")
            return _Decided(result, ingest_report=parsed.report, sha256=digest)

        recalls = list(parsed.recalls)
        recalls_key = source_recalls_key(drop.source, digest)
        self.storage.put(recalls_key, encode_recalls(recalls), content_type="application/gzip")
        if state.current is not None:
            stale.add(state.current.recalls_key)
        state.current = CurrentList(
            drop=drop,
            sha256=digest,
            recalls_key=recalls_key,
            recalls=len(recalls),
            accepted_at=_iso(self.now()) or "",
            regulators=sorted({r.source for r in recalls}),
        )
        models = {m for r in recalls for m in r.models}
        gtins = {g for r in recalls for g in (*r.gtins, *r.unchecked_gtins)}
        result = DropResult(
            Outcome.ACCEPTED, drop, recalls=len(recalls), models=len(models), gtins=len(gtins)
        )
        return _Decided(result, ingest_report=parsed.report, sha256=digest)

    # -- building and writing ------------------------------------------------------------------

    def _build(self, catalog: Catalog) -> tuple[RecallIndex, float]:
        """The union of every source's current list, published (artifact, then pointer)."""
        started = time.perf_counter()
        everything: list[Recall] = []
        sources: dict[str, SourceList] = {}
        for name, state in sorted(catalog.sources.items()):
            if state.current is None:
                continue
            data = self.storage.get(state.current.recalls_key)
            if data is None:
                raise StateError(
                    f"the kept recalls of source {name!r} ({state.current.recalls_key}) are missing; "
                    f"drop that source's file again to restore them"
                )
            everything.extend(decode_recalls(data))
            sources[name] = state.current.source_list(name)
        now = self.now()
        index = RecallIndex.build(everything, sources=sources, built_at=now)
        publish(self.storage, index, now=now)
        catalog.index_version = index.version
        catalog.published.append(index.version)
        return index, (time.perf_counter() - started) * 1000

    def _prune(self, catalog: Catalog) -> list[str]:
        try:
            return prune(
                self.storage,
                keep=self.versions_kept,
                current=catalog.index_version,
                published=catalog.published,
            )
        except Exception:  # housekeeping: the new index is published; the next build prunes again
            log.exception("could not delete old index versions")
            return []

    def _write_report(self, item: _Decided) -> None:
        """The drop's report (unless it would hide a newer version's), then its ledger entry."""
        result, drop = item.result, item.result.drop
        document = self._report(item)
        key = report_key(drop.source, drop.file)
        if self._may_write_report(key, drop):
            self.storage.put(key, json.dumps(document, indent=2, ensure_ascii=False, default=str).encode())
            result.report_key = key
        else:
            log.warning("not overwriting the report of a newer version of %s with a superseded one", drop.key)
        result.report = document
        ledger = {
            "outcome": result.outcome.value,
            "processed_at": document["processed_at"],
            "index_version": result.index_version,
            "report_key": result.report_key,
            "drop": drop.stamp(),
        }
        self.storage.put(ledger_key(drop.source, drop.drop_id), json.dumps(ledger, indent=2).encode())

    def _may_write_report(self, key: str, drop: DropObject) -> bool:
        """A superseded older version of a key must not replace the report of its newer version."""
        existing = self.storage.get(key)
        if existing is None:
            return True
        try:
            reported = DropObject.from_stamp(json.loads(existing)["drop"])
        except (ValueError, KeyError, TypeError):
            return True
        return reported.key != drop.key or not is_older(drop, reported)

    def _report(self, item: _Decided) -> dict[str, Any]:
        """The ingest's report (counts, per-record errors, identifiers), with the drop's outcome,
        the object it was, and the index version it produced (or that kept serving)."""
        result = item.result
        ours: dict[str, Any] = {
            "report_format": REPORT_FORMAT,
            "outcome": result.outcome.value,
            "reason": result.reason,
            "source": result.drop.source,
            "file": result.drop.file,
            "accepted": result.outcome is Outcome.ACCEPTED,
            "index_version": result.index_version,
            "index_recalls": result.index_recalls,
            "processed_at": _iso(self.now()),
            "drop": {**result.drop.stamp(), "origin": result.drop.origin, "sha256": item.sha256},
        }
        if item.superseded_by is not None:
            ours["superseded_by"] = item.superseded_by.stamp()
        document = dict(ours)
        if item.ingest_report is not None:
            with contextlib.suppress(AttributeError, TypeError, ValueError):  # a frozen report
                item.ingest_report.index_version = result.index_version
            document.update(item.ingest_report.to_dict())
            document.update(ours)
        return document
