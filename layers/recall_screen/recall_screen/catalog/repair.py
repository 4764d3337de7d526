"""Rebuilding `state/catalog.json` when it is corrupt or lost, from what can be trusted.

Trusted: the published pointer `index/current.json` (verified when it is read: it names each
source list the index serves, with its file and recall count), the kept recalls under
`state/sources/<source>/<sha256 of the file>.json.gz` (content-addressed), and each list file's
report (which records the file's sha256 and the object it was). For every source the pointer
names, its current list is the kept recalls the report of its file points at, or else the only
kept recalls of that source with the count the pointer gives. When that is not one answer for
every source, the catalogue cannot be rebuilt: `StateError`, and the builder refuses drops, with
a report and `state/health.json` saying so, rather than publish an index that silently lost a
list.

What a rebuild loses: held drops (drop them again), the newest drop seen of each source (its
current list's drop stands in for it, so a late older file is still superseded by it), and the
publication order of older versions (pruning falls back to version names).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from recall_screen.artifact import ArtifactError
from recall_screen.catalog.drop import DropObject
from recall_screen.catalog.keys import SOURCES_PREFIX, report_key, source_recalls_key
from recall_screen.catalog.publishing import Pointer, read_pointer
from recall_screen.catalog.state import Catalog, CurrentList, SourceState, StateError, decode_recalls
from recall_screen.catalog.storage import Storage

_LIST_OUTCOMES = ("accepted", "withdrawn")  # the outcomes whose file became a source's list


def rebuild_catalog(storage: Storage) -> Catalog:
    """The catalogue as the published index and the kept lists show it; StateError when they do
    not say for certain what every source's current list is."""
    try:
        pointer = read_pointer(storage)
    except ArtifactError as exc:
        raise StateError(f"the published pointer cannot be trusted either: {exc}") from None
    if pointer is None:
        if storage.list_keys(SOURCES_PREFIX):
            raise StateError("no index is published to tell which of the kept lists are current")
        return Catalog()  # nothing was ever published: a fresh start loses nothing
    catalog = Catalog(index_version=pointer.version, published=[pointer.version])
    for name, served in sorted(pointer.sources.items()):
        current = _current_list(storage, pointer, name, served)
        catalog.sources[name] = SourceState(current=current, latest=current.drop)
    return catalog


def _current_list(storage: Storage, pointer: Pointer, name: str, served: dict[str, Any]) -> CurrentList:
    """The kept list of source `name` that the published index serves."""
    try:
        file, count = str(served["file"]), int(served["recalls"])
    except (KeyError, TypeError, ValueError):
        raise StateError(
            f"the published index {pointer.version} does not say which file {name!r} is"
        ) from None
    reported = _reported_drop(storage, name, file)
    if reported is not None:
        drop, digest = reported
        if _kept_count(storage, source_recalls_key(name, digest)) == count:
            return _listed(name, drop, digest, count, served)
    keys = storage.list_keys(f"{SOURCES_PREFIX}{name}/")
    matching = [key for key in keys if key.endswith(".json.gz") and _kept_count(storage, key) == count]
    if len(matching) != 1:
        found = "none" if not matching else f"{len(matching)}"
        raise StateError(
            f"cannot tell the current list of {name!r} ({file}, {count} recalls): {found} kept lists match it"
        )
    digest = matching[0].rsplit("/", 1)[1].removesuffix(".json.gz")
    drop = DropObject.from_key(file) or DropObject(key=file, source=name, file=file)
    return _listed(name, drop, digest, count, served)


def _kept_count(storage: Storage, key: str) -> int | None:
    """How many recalls the kept list at `key` holds; None when it is missing or unreadable."""
    data = storage.get(key)
    if data is None:
        return None
    try:
        return len(decode_recalls(data))
    except (OSError, EOFError, ValueError, zlib.error):  # not gzip, truncated, not the recalls' JSON
        return None


def _reported_drop(storage: Storage, name: str, file: str) -> tuple[DropObject, str] | None:
    """The drop and sha256 the report of `file` records, when that drop became the list."""
    parsed = DropObject.from_key(file)
    if parsed is None:  # an offline build: `file` is a local path, its report is under the list name
        return None
    data = storage.get(report_key(name, parsed.file))
    try:
        document = json.loads(data) if data is not None else None
        if document is None or document["outcome"] not in _LIST_OUTCOMES:
            return None
        return DropObject.from_stamp(document["drop"]), str(document["drop"]["sha256"])
    except (ValueError, KeyError, TypeError):
        return None


def _listed(name: str, drop: DropObject, digest: str, count: int, served: dict[str, Any]) -> CurrentList:
    return CurrentList(
        drop=drop,
        sha256=digest,
        recalls_key=source_recalls_key(name, digest),
        recalls=count,
        accepted_at=str(served.get("loaded_at") or ""),
        regulators=[str(r) for r in served.get("regulators") or []],
    )
