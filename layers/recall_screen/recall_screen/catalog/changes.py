"""What an index version brought: per source, the recalls added, removed and changed against the
version published before it, kept beside the artifact as `index/<version>/changes.json`.

A later job reads it to know what a version changed without comparing whole indexes: the re-screen
of live listings (`recall_screen.rescreen`) screens them against the added and changed recalls
only, through a small index of just those (`index/<version>/delta.json.gz`, the "delta"), and
looks up the blocks that rested on a removed recall.

A recall is "changed" when what the matcher compares changed: its identifiers (model numbers,
GTINs), its names (title, product names, brands, other wording, category) or its scope
(countries, lines, model years, partial qualifiers). A new hazard or remedy text is not a change a
listing can be screened differently for, so it is not recorded.

    record = diff_lists(previous={"cpsc": old_recalls}, current={"cpsc": new_recalls}, ...)
    write_changes(storage, record, delta_recalls)     # before the pointer names the version
    read_changes(storage, version)                    # None for a version built before this record
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from recall_screen.artifact import ArtifactError
from recall_screen.catalog.keys import INDEX_PREFIX, artifact_key
from recall_screen.catalog.storage import Storage
from recall_screen.index import RecallIndex
from recall_screen.ingest import recall_key
from recall_screen.models import Recall

CHANGES_FORMAT = "recall-screen-changes/1"
CHANGES_NAME = "changes.json"
DELTA_NAME = "delta.json.gz"

# The fields of a recall that decide whether a listing matches it, by the kind of change.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "identifiers": ("models", "gtins", "unchecked_gtins"),
    "names": ("title", "product_names", "brands", "other_texts", "market_names", "category"),
    "scope": ("jurisdictions", "lines", "model_years", "partial_scope", "unit_codes"),
}


def changes_key(version: str) -> str:
    return f"{INDEX_PREFIX}{version}/{CHANGES_NAME}"


def delta_key(version: str) -> str:
    return f"{INDEX_PREFIX}{version}/{DELTA_NAME}"


@dataclass(frozen=True, order=True)
class RecallRef:
    """A recall by its regulator and number (`Recall.source`, `Recall.recall_id`)."""

    source: str
    recall_id: str

    @classmethod
    def of(cls, recall: Recall) -> RecallRef:
        return cls(recall.source, recall.recall_id)

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "recall_id": self.recall_id}


@dataclass(frozen=True)
class ChangedRecall:
    recall: RecallRef
    fields: tuple[str, ...]  # the groups of FIELD_GROUPS that changed

    def to_json(self) -> dict[str, Any]:
        return {**self.recall.to_json(), "fields": list(self.fields)}


@dataclass(frozen=True)
class SourceChanges:
    """One source's list against its list in the previous version."""

    added: tuple[RecallRef, ...] = ()
    removed: tuple[RecallRef, ...] = ()
    changed: tuple[ChangedRecall, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": [r.to_json() for r in self.added],
            "removed": [r.to_json() for r in self.removed],
            "changed": [c.to_json() for c in self.changed],
        }


@dataclass(frozen=True)
class IndexChanges:
    """Everything a version changed, by source (sources without a change are left out)."""

    version: str
    previous_version: str | None
    built_at: str
    sources: dict[str, SourceChanges] = field(default_factory=dict)
    delta: str | None = None  # key of the index of the added and changed recalls (None: none)

    @property
    def empty(self) -> bool:
        return not any(self.sources.values())

    @property
    def added(self) -> list[RecallRef]:
        return [r for s in self.sources.values() for r in s.added]

    @property
    def removed(self) -> list[RecallRef]:
        return [r for s in self.sources.values() for r in s.removed]

    @property
    def changed(self) -> list[ChangedRecall]:
        return [c for s in self.sources.values() for c in s.changed]

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}

    def to_json(self) -> bytes:
        document = {
            "format": CHANGES_FORMAT,
            "version": self.version,
            "previous_version": self.previous_version,
            "built_at": self.built_at,
            "counts": self.counts(),
            "delta": self.delta,
            "sources": {name: s.to_json() for name, s in sorted(self.sources.items())},
        }
        return json.dumps(document, indent=1, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> IndexChanges:
        try:
            document = json.loads(data)
            if not isinstance(document, dict) or document.get("format") != CHANGES_FORMAT:
                raise ArtifactError(f"change record is not of format {CHANGES_FORMAT}")
            sources = {
                name: SourceChanges(
                    added=tuple(_ref(r) for r in raw["added"]),
                    removed=tuple(_ref(r) for r in raw["removed"]),
                    changed=tuple(ChangedRecall(_ref(c), tuple(c["fields"])) for c in raw["changed"]),
                )
                for name, raw in document["sources"].items()
            }
            return cls(
                version=str(document["version"]),
                previous_version=document.get("previous_version"),
                built_at=str(document["built_at"]),
                sources=sources,
                delta=document.get("delta"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ArtifactError(f"change record is malformed: {exc!r}") from exc


def _ref(raw: Mapping[str, Any]) -> RecallRef:
    return RecallRef(str(raw["source"]), str(raw["recall_id"]))


def changed_fields(before: Recall, after: Recall) -> tuple[str, ...]:
    """The groups of FIELD_GROUPS in which `after` differs from `before` (order ignored)."""
    groups = []
    for group, names in FIELD_GROUPS.items():
        if any(_comparable(getattr(before, n)) != _comparable(getattr(after, n)) for n in names):
            groups.append(group)
    return tuple(groups)


def _comparable(value: Any) -> Any:
    # A regulator re-ordering a recall's model numbers has not changed what it recalls.
    return sorted(value) if isinstance(value, list) else value


def diff_source(before: Iterable[Recall], after: Iterable[Recall]) -> SourceChanges:
    """One source's list `after` against the same source's list `before`."""
    old = {recall_key(r.source, r.recall_id): r for r in before}
    new = {recall_key(r.source, r.recall_id): r for r in after}
    added = tuple(sorted(RecallRef.of(new[k]) for k in new.keys() - old.keys()))
    removed = tuple(sorted(RecallRef.of(old[k]) for k in old.keys() - new.keys()))
    changed = []
    for key in sorted(new.keys() & old.keys()):
        fields = changed_fields(old[key], new[key])
        if fields:
            changed.append(ChangedRecall(RecallRef.of(new[key]), fields))
    return SourceChanges(added, removed, tuple(changed))


def diff_lists(
    previous: Mapping[str, Iterable[Recall]],
    current: Mapping[str, Iterable[Recall]],
    *,
    version: str,
    previous_version: str | None,
    built_at: str,
) -> IndexChanges:
    """The change record of a version whose sources hold `current`, against `previous` (each
    source's list in the version before; a source absent from either has an empty list there).
    Pass only the sources whose list may differ: an unchanged list has no changes."""
    sources = {}
    for name in sorted(set(previous) | set(current)):
        changes = diff_source(previous.get(name, ()), current.get(name, ()))
        if changes:
            sources[name] = changes
    return IndexChanges(version, previous_version, built_at, sources)


def delta_recalls(changes: IndexChanges, current: Iterable[Recall]) -> list[Recall]:
    """The recalls of `current` a version added or changed: what live listings are screened against."""
    wanted = {recall_key(r.source, r.recall_id) for r in changes.added}
    wanted |= {recall_key(c.recall.source, c.recall.recall_id) for c in changes.changed}
    return [r for r in current if recall_key(r.source, r.recall_id) in wanted]


def write_changes(
    storage: Storage, changes: IndexChanges, delta: list[Recall], *, index_size: int, now: datetime
) -> IndexChanges:
    """Write the change record (and the delta index it names) under the version's folder; the
    returned record names its delta. Called before the pointer names the version, so whoever
    follows the pointer finds it. When every recall of the index is in the delta (the first
    version, a list replaced whole), the delta is the version's own artifact: no second copy."""
    delta_at: str | None = None
    if delta and len(delta) >= index_size:
        delta_at = artifact_key(changes.version)
    elif delta:
        delta_at = delta_key(changes.version)
        built = RecallIndex.build(delta, built_at=now)
        storage.put(delta_at, built.to_artifact(), content_type="application/gzip")
    record = IndexChanges(
        changes.version, changes.previous_version, changes.built_at, changes.sources, delta_at
    )
    storage.put(changes_key(changes.version), record.to_json())
    return record


def read_changes(storage: Storage, version: str) -> IndexChanges | None:
    """The change record of `version`; None when it has none (built before records were kept)."""
    data = storage.get(changes_key(version))
    return None if data is None else IndexChanges.from_json(data)


def load_delta(storage: Storage, changes: IndexChanges) -> RecallIndex | None:
    """The index of the recalls `changes` added or changed; None when there are none."""
    if changes.delta is None:
        return None
    data = storage.get(changes.delta)
    if data is None:
        raise ArtifactError(f"the delta index {changes.delta} of version {changes.version} is missing")
    return RecallIndex.from_artifact(data)
