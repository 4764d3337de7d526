"""Screening a marketplace's catalogue, batch by batch, as the catalogue worker Lambda runs it (and
the local command line, in-process).

    batch = CatalogBatch(name="spring", fmt="jsonl", items=[{"index": 0, "value": {...}}, ...])
    result = screen_batch(screening, current, batch)  # current(): the screener serving now
    write_batch(storage, batch, result)               # results/<name>/decisions/..., batches/...
    summary = write_summary(storage, "spring")        # results/<name>/summary.json

On AWS the catalogue state machine first cuts the file into parts (`recall_screen.catalog_input`:
gzip read as it streams, every line kept), listed in `results/<name>/parts/manifest.json`; each
part is one batch, and the summary counts the parts the manifest lists (`write_summary(...,
fmt=...)`), naming any part whose batch failed for good.

A catalogue is `catalog/<name>/<file>` (JSON Lines or CSV with a header row, either gzipped). Each line is
validated on its own: an invalid line is reported with its line number and reason, and the
batch goes on. Each valid listing is screened and recorded with the same HTTP-free code the API
uses (`recall_screen.service.Screening`), under an idempotency key made of the catalogue's name,
the listing id and the index version: a retried batch replays what an earlier attempt recorded
and records nothing twice. A failure to record raises (`DecisionNotRecorded`), so the batch
fails and is retried; it is never reported as screened.

Pure: storage is the `catalog.storage.Storage` protocol, the log a `DecisionStore`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from recall_screen.catalog.storage import Storage
from recall_screen.catalog_input import CatalogFormat as CatalogFormat
from recall_screen.catalog_input import Part
from recall_screen.decision_store import IdempotencyConflict
from recall_screen.models import Listing
from recall_screen.screening import Screener
from recall_screen.service import Screening

CATALOG_PREFIX = "catalog/"
RESULTS_PREFIX = "results/"
# The idempotency keys of catalogue screening are this caller's own, apart from any API key's.
CATALOG_CALLER = "catalog"
TOP_RECALLS = 20
MAX_INVALID_LISTED = 1000  # in summary.json; the count is always exact
# Listing fields that hold a list; in a CSV row they are written separated by spaces.
_CSV_LISTS = ("image_urls",)
_REPEATED = "listing_id: repeats an earlier line of this catalogue with other content"


@dataclass(frozen=True)
class CatalogSettings:
    """How a dropped catalogue's state machine runs (template parameters in AWS).

    `state_machine`: the catalogue state machine's ARN; `max_concurrency`, `lines_per_batch`,
    `tolerated_failure_percentage`: its Distributed Map's MaxConcurrency, the lines of one part
    (one batch) and ToleratedFailurePercentage, passed in the execution's input."""

    state_machine: str = ""  # RECALL_SCREEN_CATALOG_STATE_MACHINE
    max_concurrency: int = 40  # RECALL_SCREEN_CATALOG_MAX_CONCURRENCY
    lines_per_batch: int = 500  # RECALL_SCREEN_CATALOG_LINES_PER_BATCH
    tolerated_failure_percentage: int = 0  # RECALL_SCREEN_CATALOG_TOLERATED_FAILURE_PERCENTAGE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> CatalogSettings:
        env = os.environ if environ is None else environ
        return cls(
            state_machine=env.get("RECALL_SCREEN_CATALOG_STATE_MACHINE", ""),
            max_concurrency=int(env.get("RECALL_SCREEN_CATALOG_MAX_CONCURRENCY") or 40),
            lines_per_batch=int(env.get("RECALL_SCREEN_CATALOG_LINES_PER_BATCH") or 500),
            tolerated_failure_percentage=int(
                env.get("RECALL_SCREEN_CATALOG_TOLERATED_FAILURE_PERCENTAGE") or 0
            ),
        )


class CatalogKeyError(ValueError):
    """An object key that is not `catalog/<name>/<file>`."""


def catalog_of(key: str) -> tuple[str, CatalogFormat]:
    """The catalogue's name and format for the object `catalog/<name>/<file>`; CatalogKeyError
    otherwise. `.csv` (or `.csv.gz`) is CSV; anything else is JSON Lines."""
    parts = key.split("/")
    if len(parts) != 3 or parts[0] + "/" != CATALOG_PREFIX or not parts[1] or not parts[2]:
        raise CatalogKeyError(f"not a catalogue: {key!r} (expected catalog/<name>/<file>)")
    file = parts[2].lower().removesuffix(".gz")
    return parts[1], "csv" if file.endswith(".csv") else "jsonl"


def decisions_key(name: str, first_line: int) -> str:
    return f"{RESULTS_PREFIX}{name}/decisions/{first_line:012d}.ndjson"


def tally_key(name: str, first_line: int) -> str:
    return f"{RESULTS_PREFIX}{name}/batches/{first_line:012d}.json"


def summary_key(name: str) -> str:
    return f"{RESULTS_PREFIX}{name}/summary.json"


def part_key(name: str, part: Part, fmt: CatalogFormat) -> str:
    """Where the state machine's prepare step keeps a part of the catalogue (keyed by the line
    number of its first line, so a retried prepare overwrites its own parts)."""
    first_line = part.first_index + (2 if fmt == "csv" else 1)
    return f"{RESULTS_PREFIX}{name}/parts/{first_line:012d}.{'csv' if fmt == 'csv' else 'ndjson'}"


def manifest_key(name: str) -> str:
    """The parts of the catalogue's latest run: a JSON array the Distributed Map reads."""
    return f"{RESULTS_PREFIX}{name}/parts/manifest.json"


def first_line_of(entry: Mapping[str, Any], fmt: CatalogFormat) -> int:
    """The line number of a manifest entry's first line."""
    return int(entry["first_index"]) + (2 if fmt == "csv" else 1)


@dataclass(frozen=True)
class CatalogBatch:
    """Lines of one catalogue, one batch: a part the state machine's prepare step cut, as the worker
    reads it back, or a batch `recall-screen screen-catalog` hands the worker. Each item is
    `{"index": <0-based item index>, "value": <the parsed line>}` (or `{"line": n, "error": why}`
    for a line the reader could not parse)."""

    name: str
    fmt: CatalogFormat
    items: list[Any]
    run: str = ""  # which upload of the catalogue the lines are of ("" locally: `idempotency_key`)

    def line_of(self, item: Any) -> int:
        """The item's line number in the file (1-based; a CSV's header is line 1)."""
        if isinstance(item, dict) and isinstance(item.get("line"), int):
            return int(item["line"])
        index = item.get("index") if isinstance(item, dict) else None
        if not isinstance(index, int) or index < 0:
            raise ValueError(f"a catalogue item without its index: {item!r}")
        return index + (2 if self.fmt == "csv" else 1)


@dataclass
class BatchResult:
    """One batch screened: `entries` in input order (a decision, or an invalid line), and its tally."""

    first_line: int
    entries: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    recalls: Counter[str] = field(default_factory=Counter)
    titles: dict[str, str] = field(default_factory=dict)
    invalid: list[dict[str, Any]] = field(default_factory=list)
    run: str = ""  # the upload the batch's lines are of (`CatalogBatch.run`)

    def tally(self) -> dict[str, Any]:
        return {
            "first_line": self.first_line,
            "run": self.run,
            "counts": dict(self.counts),
            "recalls": dict(self.recalls),
            "titles": self.titles,
            "invalid": self.invalid,
        }


def listing_fields(value: Any, fmt: CatalogFormat) -> Any:
    """The listing a line holds. A CSV row's empty cells are absent fields, and its list fields
    are split on spaces; a JSON line is taken as it is."""
    if fmt != "csv" or not isinstance(value, dict):
        return value
    fields: dict[str, Any] = {}
    for column, cell in value.items():
        if not isinstance(column, str) or not isinstance(cell, str) or not cell.strip():
            continue
        fields[column.strip()] = cell.split() if column.strip() in _CSV_LISTS else cell.strip()
    return fields


def _reason(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'line'}: {error['msg']}" for error in exc.errors()
    )


def _fingerprint(listing: Listing) -> str:
    body = json.dumps(listing.model_dump(mode="json", exclude_none=True), sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def idempotency_key(name: str, listing_id: str, index_version: str, run: str = "") -> str:
    """One decision per listing of an upload of a catalogue per index version: a retry replays it.
    `run` names the upload (the object's version, else its ETag): the same catalogue uploaded again
    with a listing changed is screened again, not reported as repeating an earlier line."""
    return f"{name}#{listing_id}#{index_version}" + (f"#{run}" if run else "")


def _screen_line(
    screening: Screening, screener: Screener, batch: CatalogBatch, listing: Listing
) -> dict[str, Any]:
    key = idempotency_key(batch.name, listing.listing_id, screener.index.version, batch.run)
    with screening.idempotent(key, _fingerprint(listing)) as claim:
        if claim.replay is not None:
            decision_json = screening.replay_one(claim.replay)
        else:
            decision_json = screening.screen_one(screener, listing, claim)
    decision: dict[str, Any] = json.loads(decision_json)
    return decision


def _invalid(result: BatchResult, line: int, raw: Any, reason: str) -> None:
    listing_id = raw.get("listing_id") if isinstance(raw, dict) else None
    entry = {"line": line, "listing_id": listing_id if isinstance(listing_id, str) else None, "error": reason}
    result.invalid.append(entry)
    result.entries.append(entry)


def _count(result: BatchResult, decision: Mapping[str, Any]) -> None:
    result.counts[str(decision["decision"])] += 1
    for match in decision.get("matches", []):
        if match.get("verdict") != "allow" and match.get("applicable", True):
            recall = f"{match['source']}:{match['recall_id']}"
            result.recalls[recall] += 1
            result.titles.setdefault(recall, str(match.get("title", "")))


def screen_batch(
    screening: Screening,
    screener: Callable[[], Screener],
    batch: CatalogBatch,
    *,
    first_line: int | None = None,
) -> BatchResult:
    """Each line of `batch` validated, screened and recorded, in input order. Raises
    DecisionNotRecorded (or IdempotencyInProgress) so the whole batch is retried. `screener`
    gives the screener of the index serving now, asked again for each line: a batch runs for
    minutes, and one holding the version it started with would go on recording decisions with it
    after the re-screen of a newer version has read the live listings (which waits the
    screeners' refresh interval and one request's time, not a batch's). `first_line`:
    the batch's own first line (a part's, which may be blank), else its first item's."""
    lines = [batch.line_of(item) for item in batch.items]
    result = BatchResult(
        first_line=min(lines, default=0) if first_line is None else first_line, run=batch.run
    )
    for line, item in zip(lines, batch.items, strict=True):
        if "error" in item:  # the reader could not parse the line
            _invalid(result, line, None, str(item["error"]))
            continue
        raw = listing_fields(item.get("value"), batch.fmt)
        if not isinstance(raw, dict):
            _invalid(result, line, raw, "line: not a JSON object")
            continue
        try:
            listing = Listing.model_validate(raw)
        except ValidationError as exc:
            _invalid(result, line, raw, _reason(exc))
            continue
        try:
            decision = _screen_line(screening, screener(), batch, listing)
        except IdempotencyConflict:
            _invalid(result, line, raw, _REPEATED)
            continue
        _count(result, decision)
        result.entries.append({"line": line, **decision})
    return result


def write_batch(storage: Storage, name: str, result: BatchResult) -> None:
    """The batch's decisions (NDJSON, input order) and its tally, under `results/<name>/`, each
    keyed by the batch's first line: a retried batch overwrites its own objects."""
    body = "".join(json.dumps(entry, separators=(",", ":")) + "\n" for entry in result.entries)
    storage.put(decisions_key(name, result.first_line), body.encode(), content_type="application/x-ndjson")
    storage.put(tally_key(name, result.first_line), json.dumps(result.tally()).encode())


def summarise(
    name: str, tallies: Iterable[Mapping[str, Any]], unscreened: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The catalogue's summary from its batches' tallies; `unscreened`: the parts whose batch
    failed for good (the map run tolerated it), each with its first line and line count."""
    counts: Counter[str] = Counter()
    recalls: Counter[str] = Counter()
    titles: dict[str, str] = {}
    invalid: list[dict[str, Any]] = []
    batches = 0
    for tally in tallies:
        batches += 1
        counts.update(tally["counts"])
        recalls.update(tally["recalls"])
        titles.update(tally["titles"])
        invalid.extend(tally["invalid"])
    invalid.sort(key=lambda entry: int(entry["line"]))
    top = [
        {"recall": recall, "title": titles.get(recall, ""), "listings": n}
        for recall, n in sorted(recalls.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RECALLS]
    ]
    return {
        "catalog": name,
        "batches": batches,
        "screened": sum(counts.values()),
        "decisions": {verdict: counts.get(verdict, 0) for verdict in ("block", "review", "allow")},
        "top_recalls": top,
        "invalid_lines": len(invalid),
        "invalid": invalid[:MAX_INVALID_LISTED],
        "results": f"{RESULTS_PREFIX}{name}/decisions/",
        **({"unscreened": unscreened} if unscreened else {}),
    }


def _manifest_tallies(
    storage: Storage, name: str, fmt: CatalogFormat
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[int]]:
    """The tallies of the parts the manifest lists, the parts that have none of this upload (a
    part whose batch failed for good may still hold the results of an earlier upload of the same
    name, the same first line, which say nothing of this one's lines), and the parts' first lines."""
    data = storage.get(manifest_key(name))
    if data is None:
        raise FileNotFoundError(f"{manifest_key(name)}: no manifest for catalogue {name!r}")
    tallies, unscreened, firsts = [], [], set()
    for entry in json.loads(data):
        first = first_line_of(entry, fmt)
        firsts.add(first)
        raw = storage.get(tally_key(name, first))
        tally = json.loads(raw) if raw is not None else None
        if tally is not None and tally.get("run", "") == entry.get("run", ""):
            tallies.append(tally)
            continue
        missing = {"first_line": first, "lines": int(entry["lines"]), "part": entry["key"]}
        if tally is not None:  # an earlier upload's: its decisions file is not this upload's either
            missing["earlier_upload_results"] = decisions_key(name, first)
        unscreened.append(missing)
    return tallies, unscreened, firsts


def write_summary(storage: Storage, name: str, *, fmt: CatalogFormat | None = None) -> dict[str, Any]:
    """`results/<name>/summary.json`; the summary. With `fmt`, from the tallies of the parts the
    manifest lists (the state machine's run); without, from every batch's tally (the command line)."""
    unscreened: list[dict[str, Any]] = []
    leftovers: list[str] = []
    if fmt is not None:
        tallies, unscreened, firsts = _manifest_tallies(storage, name, fmt)
        # An earlier upload of the same name with more parts left decisions files under first
        # lines this one has not: they sit beside this upload's results and are not its.
        ours = {decisions_key(name, first) for first in firsts}
        leftovers = sorted(set(storage.list_keys(f"{RESULTS_PREFIX}{name}/decisions/")) - ours)
    else:
        tallies = []
        for key in sorted(storage.list_keys(f"{RESULTS_PREFIX}{name}/batches/")):
            data = storage.get(key)
            if data is not None:
                tallies.append(json.loads(data))
    summary = summarise(name, tallies, unscreened)
    if leftovers:
        summary["earlier_upload_files"] = leftovers
    storage.put(summary_key(name), json.dumps(summary, indent=2).encode())
    return summary
