"""The builder's state, `state/catalog.json`: each source's current list (the accepted file whose
recalls are in the index, and where those recalls are kept) and the newest drop seen for it, plus
the order in which index versions were published. A source's recalls are kept apart, gzip JSON
under `state/sources/`, so a drop of one source never re-parses the files of the others; a list's
category rules are kept in the same object, each marked `"kind": "category_rule"`."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from typing import Any

from recall_screen.catalog.drop import DropObject
from recall_screen.catalog.guards import Shrink
from recall_screen.catalog.keys import CATALOG_KEY
from recall_screen.category_rules import RULE_KIND, CategoryRule
from recall_screen.index import SourceList
from recall_screen.models import Recall

CATALOG_FORMAT = "recall-screen-catalog/1"


class StateError(RuntimeError):
    """The builder's own state cannot be used: a source's kept recalls are missing, or the
    catalogue is corrupt and cannot be rebuilt. Drops are refused, with a report, until it is fixed."""


class CatalogCorrupt(StateError):
    """`state/catalog.json` cannot be read (it may still be rebuilt: `repair`)."""


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
class HeldDrop:
    """A drop the list guards hold (`guards`): it goes live when an upload of the same content
    names its `code` in its confirmation metadata."""

    drop: DropObject
    sha256: str  # of the file's bytes
    shrink: Shrink
    held_at: str

    @property
    def code(self) -> str:
        """The confirmation code: the held upload's own id, known only from its report."""
        return self.drop.drop_id

    def to_json(self) -> dict[str, Any]:
        return {
            "drop": self.drop.stamp(),
            "sha256": self.sha256,
            "shrink": self.shrink.to_json(),
            "held_at": self.held_at,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> HeldDrop:
        return cls(
            drop=DropObject.from_stamp(raw["drop"]),
            sha256=raw["sha256"],
            shrink=Shrink.from_json(raw["shrink"]),
            held_at=raw["held_at"],
        )


@dataclass
class SourceState:
    current: CurrentList | None = None  # the list in the index
    latest: DropObject | None = None  # the newest file seen, whatever became of it
    held: HeldDrop | None = None  # a drop waiting for confirmation


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
                    "held": state.held.to_json() if state.held else None,
                }
                for name, state in sorted(self.sources.items())
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes | None) -> Catalog:
        """The catalogue in `data` (None: a new, empty one); CatalogCorrupt when it cannot be read
        whole, whatever is wrong with it (a half-written file, another format, a missing field)."""
        if data is None:
            return cls()
        try:
            return cls._parse(data)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CatalogCorrupt(
                f"{CATALOG_KEY} is corrupt ({type(exc).__name__}: {str(exc)[:200]})"
            ) from None

    @classmethod
    def _parse(cls, data: bytes) -> Catalog:
        document = json.loads(data)
        if document.get("format") != CATALOG_FORMAT:
            raise ValueError(f"not of format {CATALOG_FORMAT}")
        sources = {}
        for name, raw in document["sources"].items():
            sources[name] = SourceState(
                current=CurrentList.from_json(raw["current"]) if raw.get("current") else None,
                latest=DropObject.from_stamp(raw["latest"]) if raw.get("latest") else None,
                held=HeldDrop.from_json(raw["held"]) if raw.get("held") else None,
            )
        return cls(
            sources=sources,
            index_version=document.get("index_version"),
            published=list(document.get("published") or []),
        )

    def state(self, source: str) -> SourceState:
        return self.sources.setdefault(source, SourceState())


def encode_recalls(recalls: list[Recall], rules: list[CategoryRule] | None = None) -> bytes:
    """A list's recalls and category rules, as kept under `state/sources/` (a list without rules
    is kept as it always was)."""
    lines: list[dict[str, Any]] = [r.model_dump(exclude_defaults=True) for r in recalls]
    lines += [{"kind": RULE_KIND, **r.to_json()} for r in rules or ()]
    return gzip.compress(json.dumps(lines, ensure_ascii=False).encode(), mtime=0)


def decode_kept(data: bytes) -> tuple[list[Recall], list[CategoryRule]]:
    """The recalls and category rules of a kept list."""
    recalls, rules = [], []
    for item in json.loads(gzip.decompress(data)):
        if item.get("kind") == RULE_KIND:
            rules.append(CategoryRule.model_validate({k: v for k, v in item.items() if k != "kind"}))
        else:
            recalls.append(Recall.model_validate(item))
    return recalls, rules


def decode_recalls(data: bytes) -> list[Recall]:
    return decode_kept(data)[0]
