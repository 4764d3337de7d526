"""Screening a marketplace's catalogue through the catalogue worker: speed per core, peak memory,
counts per decision, and what the decision log is asked to write.

    RECALL_SCREEN_SHARED=../shared .venv/bin/python benchmarks/bench_catalog.py --lines 1000000

The index is every shared recall list (CPSC and the generic lists), as in `bench_rescreen.py`. The
catalogue is a gzipped JSON Lines file drawn like `dev.ndjson`: its clean, look-alike and
out-of-scope listings under new ids, a share of re-listings of recalled products (`--relistings`),
and a few lines that are not listings (one cut-short JSON line and one without a title every
`--invalid-every` lines).

What runs is what the state machine runs: the prepare step's cut of the gzipped file into parts
(`recall_screen.catalog_input.split_catalogue`, timed on its own: S3's PUTs are not on this
machine), then for each part the CatalogWorkerFunction's own handler (`catalog_worker.app`), in
process: the part read back, every line validated, screened and recorded through
`recall_screen.service.Screening` with the real `DecisionLog` and `ReviewStore` (idempotency claim,
listing memory, one transaction per listing), the decisions and tally written; then the summary.
The handler's DynamoDB client and bucket are in memory (`MemoryTable`, `MemoryBucket`): every call
and item the worker makes is built exactly as on AWS and counted (requests, write request units),
but nothing crosses a network, so the figure is the worker's CPU per listing; the README adds
DynamoDB's latency. The table keeps only the re-listing memory (`RELIST#`, read by later
listings: it grows with the blocks found, about 8 MiB per 100,000 lines here, and is in the peak
memory); the bucket keeps parts until they are screened and the tallies, and counts the
decisions' bytes without keeping them.

Against it, in the same run: screening alone (`Screener.screen`, no record) on a sample of the
same lines, the obvious floor. A run whose summary does not account for every line fails (exit 1).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RECALL_SCREEN_SHARED", REPO.parent / "shared")) / "data"
RECALL_FILES = [
    SHARED / "recalls/cpsc_api/cpsc_recalls.json",
    *sorted((SHARED / "recalls/generic").glob("*")),
]
DEV = SHARED / "listings/dev.ndjson"
NAME = "bench"
KEPT_PER_PARTITION = 16  # the listing memory is read newest first, a few items per key


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _size(value: Any) -> int:
    """An attribute value's size as DynamoDB counts it (close enough for write units)."""
    (kind, inner), *_ = value.items()
    if kind in ("S", "N", "B"):
        return len(str(inner).encode())
    if kind == "M":
        return 3 + sum(len(k) + _size(v) for k, v in inner.items())
    if kind == "L":
        return 3 + sum(_size(v) for v in inner)
    if kind in ("SS", "NS"):
        return sum(len(str(v).encode()) for v in inner)
    return 1


def _units(item: dict[str, Any]) -> int:
    return max(1, -(-sum(len(k) + _size(v) for k, v in item.items()) // 1024))


class MemoryTable:
    """The DynamoDB calls of `DecisionLog` and `ReviewStore`, answered in memory and counted.
    A fresh catalogue on a fresh index: every claim is new, every condition holds."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.write_units = 0  # on-demand write request units (a transaction's items count twice)
        self.kept: dict[str, deque[tuple[str, dict[str, Any]]]] = defaultdict(
            lambda: deque(maxlen=KEPT_PER_PARTITION)
        )

    def _keep(self, item: dict[str, Any]) -> None:
        pk = item["pk"]["S"]
        if pk.startswith("RELIST#"):
            self.kept[pk].append((item["sk"]["S"], item))

    def put_item(self, **kwargs: Any) -> dict[str, Any]:
        self.calls["PutItem"] += 1
        self.write_units += _units(kwargs["Item"])
        self._keep(kwargs["Item"])
        return {}

    def transact_write_items(self, **kwargs: Any) -> dict[str, Any]:
        self.calls["TransactWriteItems"] += 1
        for operation in kwargs["TransactItems"]:
            ((kind, body),) = operation.items()
            self.calls[f"  {kind} in a transaction"] += 1
            self.write_units += 2 * (_units(body["Item"]) if kind == "Put" else 1)
            if kind == "Put":
                self._keep(body["Item"])
        return {}

    def query(self, **kwargs: Any) -> dict[str, Any]:
        self.calls["Query"] += 1
        pk = kwargs["ExpressionAttributeValues"][":pk"]["S"]
        items = sorted(self.kept.get(pk, ()), key=lambda pair: pair[0])
        if not kwargs.get("ScanIndexForward", True):
            items.reverse()
        return {"Items": [item for _, item in items[: kwargs.get("Limit", len(items))]]}

    def get_item(self, **kwargs: Any) -> dict[str, Any]:
        self.calls["GetItem"] += 1
        return {}

    def update_item(self, **kwargs: Any) -> dict[str, Any]:
        self.calls["UpdateItem"] += 1
        self.write_units += 1
        return {}

    def delete_item(self, **kwargs: Any) -> dict[str, Any]:
        self.calls["DeleteItem"] += 1
        self.write_units += 1
        return {}


class MemoryBucket:
    """The worker's objects: parts (until screened) and tallies kept; decisions counted, not kept."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.puts = 0
        self.decision_bytes = 0

    def get(self, key: str) -> bytes | None:
        return self.objects.get(key)

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None:
        self.puts += 1
        if "/decisions/" in key:
            self.decision_bytes += len(data)
        else:
            self.objects[key] = data

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def list_keys(self, prefix: str) -> list[str]:
        return sorted(key for key in self.objects if key.startswith(prefix))

    def list_folders(self, prefix: str) -> list[str]:
        return sorted(
            {key[len(prefix) :].split("/")[0] for key in self.list_keys(prefix) if "/" in key[len(prefix) :]}
        )


class Clients:
    """What `catalog_worker.app.get_clients()` gives the handler, with the stores above."""

    def __init__(self, screener: Any) -> None:
        from recall_screen.aws.decision_log import DecisionLog

        self.table = MemoryTable()
        self.storage = MemoryBucket()
        self.log = DecisionLog(self.table, "decisions")
        self._screener = screener

    def screener(self) -> Any:
        return self._screener


def _load_index() -> Any:
    from recall_screen.index import RecallIndex
    from recall_screen.ingest import Limits, read_drop

    recalls = []
    for path in RECALL_FILES:
        outcome = read_drop(path.read_bytes(), name=path.name, source=path.parent.name, limits=Limits())
        recalls.extend(outcome.recalls)
    return RecallIndex.build(recalls)


def _dev() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(listings that are not re-listings, re-listings of recalled products), without labels."""
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    others, relisted = [], []
    for row in rows:
        kind = (row.pop("label", None) or {}).get("kind")
        (relisted if kind == "recalled" else others).append(row)
    return others, relisted


def catalogue_lines(count: int, relisting_share: float, invalid_every: int) -> Iterator[bytes]:
    """The catalogue's lines; every `invalid_every`-th is cut short, the one after has no title."""
    others, relisted = _dev()
    rng = random.Random(12)
    for n in range(count):
        if invalid_every and n % invalid_every == invalid_every - 1:
            yield b'{"listing_id": "BAD-%d", "title": "cut sho' % n
            continue
        pool = relisted if rng.random() < relisting_share else others
        fields = {**rng.choice(pool), "listing_id": f"CAT-{n:08d}"}
        if invalid_every and n % invalid_every == 0 and n:
            fields.pop("title", None)
        yield json.dumps(fields).encode()


def write_catalogue(path: Path, args: argparse.Namespace) -> int:
    with gzip.open(path, "wb", compresslevel=6) as out:
        for line in catalogue_lines(args.lines, args.relistings, args.invalid_every):
            out.write(line + b"\n")
    return path.stat().st_size


def time_prepare(path: Path, size: int) -> tuple[float, int, int]:
    """The prepare step's cut alone: (seconds, parts, lines)."""
    from recall_screen.catalog_input import split_catalogue

    clock = time.perf_counter()
    parts = lines = 0
    with path.open("rb") as stream:
        for part in split_catalogue(stream, "jsonl", size):
            parts += 1
            lines += part.lines
    return time.perf_counter() - clock, parts, lines


def run_worker(path: Path, size: int, screener: Any) -> tuple[float, Clients, dict[str, Any]]:
    """Every part through the worker's handler, then the summary: (seconds in the handler, ...)."""
    from catalog_worker import app
    from recall_screen.catalog_input import split_catalogue
    from recall_screen.catalog_screen import manifest_key, part_key
    from recall_screen_cli.lambda_events import FakeLambdaContext

    clients = Clients(screener)
    app._clients[:] = [clients]  # type: ignore[list-item]
    context = FakeLambdaContext("CatalogWorkerFunction")
    entries, seconds = [], 0.0
    with path.open("rb") as stream:
        for part in split_catalogue(stream, "jsonl", size):
            key = part_key(NAME, part, "jsonl")
            clients.storage.put(key, part.body)
            entry = part.entry(key)
            entries.append(entry)
            clock = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):  # the metrics' EMF lines, as Lambda prints them
                app.lambda_handler({"part": entry, "catalog": NAME, "format": "jsonl"}, context)
            seconds += time.perf_counter() - clock
            clients.storage.delete(key)
            if (part.first_index + part.lines) // 100_000 > part.first_index // 100_000:
                done = part.first_index + part.lines
                print(
                    f"  ... {done:,} lines: {seconds:,.1f} s in the handler, {done / seconds:,.0f} lines/s, "
                    f"peak {_maxrss_mib():,.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
    clients.storage.put(manifest_key(NAME), json.dumps(entries).encode())
    clock = time.perf_counter()
    summary = app.lambda_handler({"task": "summary", "catalog": NAME, "format": "jsonl"}, context)
    seconds += time.perf_counter() - clock
    app.reset_clients()
    return seconds, clients, summary


def screening_alone(path: Path, screener: Any, sample: int) -> tuple[float, Counter[str]]:
    """Listings/s of `Screener.screen` alone on the catalogue's first `sample` valid lines."""
    from recall_screen.catalog_input import catalogue_items
    from recall_screen.models import Listing

    listings = []
    with path.open("rb") as stream:
        for item in catalogue_items(stream, "jsonl"):
            if "value" in item and "title" in item["value"]:
                listings.append(Listing.model_validate(item["value"]))
            if len(listings) >= sample:
                break
    counts: Counter[str] = Counter()
    clock = time.perf_counter()
    for listing in listings:
        counts[screener.screen(listing).decision.value] += 1
    return len(listings) / (time.perf_counter() - clock), counts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=100_000, help="catalogue lines")
    parser.add_argument("--relistings", type=float, default=0.01, help="share of re-listings of recalls")
    parser.add_argument("--invalid-every", type=int, default=20_000, help="two invalid lines per this many")
    parser.add_argument("--batch", type=int, default=500, help="lines per part (the template's default)")
    parser.add_argument("--alone-sample", type=int, default=5_000, help="lines screened without recording")
    args = parser.parse_args()
    os.environ.update(
        {
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
    )
    from recall_screen.screening import Screener

    clock = time.perf_counter()
    index = _load_index()
    screener = Screener(index)
    print(f"index: {len(index):,} recalls, built in {time.perf_counter() - clock:.1f} s")
    loaded = _maxrss_mib()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.ndjson.gz"
        clock = time.perf_counter()
        size = write_catalogue(path, args)
        print(
            f"catalogue: {args.lines:,} lines, {size / 2**20:,.1f} MiB gzipped, "
            f"made in {time.perf_counter() - clock:.1f} s"
        )
        cut, parts, lines = time_prepare(path, args.batch)
        seconds, clients, summary = run_worker(path, args.batch, screener)
        alone, alone_counts = screening_alone(path, screener, args.alone_sample)

    screened, invalid = summary["screened"], summary["invalid_lines"]
    every = args.invalid_every
    injected = args.lines // every + (args.lines - 1) // every if every else 0
    rate = screened / seconds
    print(
        f"prepare (gunzip and cut, no S3): {lines:,} lines in {parts:,} parts, {cut:.1f} s: "
        f"{lines / cut:,.0f} lines/s"
    )
    print(
        f"worker: {screened:,} listings screened and recorded in {seconds:.1f} s: "
        f"{rate:,.0f} listings/s, one core"
    )
    print(f"  decisions {summary['decisions']}; invalid lines {invalid:,} (injected {injected:,})")
    per = max(screened, 1)
    calls = ", ".join(f"{name.strip()} {n / per:.2f}" for name, n in sorted(clients.table.calls.items()))
    print(f"  DynamoDB per listing: {calls}")
    print(f"  write request units per listing (on-demand): {clients.table.write_units / per:.2f}")
    print(
        f"  results: {clients.storage.decision_bytes / per:,.0f} bytes of decisions per listing; "
        f"S3 PUTs {clients.storage.puts:,}"
    )
    print(
        f"screening alone (no record), for comparison: {alone:,.0f} listings/s, one core; "
        f"{dict(alone_counts)}"
    )
    print(f"peak memory: {_maxrss_mib():,.0f} MiB (index loaded: {loaded:,.0f} MiB)")
    if screened + invalid != args.lines or invalid != injected:
        print(
            f"LINES NOT ACCOUNTED FOR: {screened:,} screened + {invalid:,} invalid != {args.lines:,}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
