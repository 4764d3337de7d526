"""Re-screening live listings after a drop that adds 12 recalls: speed per core, peak memory, and
whether every listing the new recalls affect is found.

    .venv/bin/python benchmarks/bench_rescreen.py --listings 1000000

The index is every shared recall list (CPSC and the generic lists). The drop adds 12 CPSC recalls
that the development set has re-listings of: the previous version is the same index without them.
The live listings are drawn like `dev.ndjson` (each a development listing under a new id): its
clean, look-alike and out-of-scope listings, plus a few hundred re-listings of the 12 added
recalls. Each listing's previous decision is its screening
against the previous index (computed once per distinct listing).

What is timed is the worker's domain path, `recall_screen.rescreen.Rescreener.rescreen`, for every
live listing, as the worker streams them from DynamoDB (here from a generator: the DynamoDB reads
are estimated in the README, not measured on this machine). Against it: full screenings against
the whole index, on a sample, which is what re-screening without a delta index would cost.

"Affected": the new index gives the listing a block or review match on one of the added recalls
(checked by a full screening of each distinct listing); "found": the delta index touched it, so
it was screened in full. A missed listing is printed and fails the run (exit status 1).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RECALL_SCREEN_SHARED", REPO.parent / "shared")) / "data"
RECALL_FILES = [
    SHARED / "recalls/cpsc_api/cpsc_recalls.json",
    *sorted((SHARED / "recalls/generic").glob("*")),
]
DEV = SHARED / "listings/dev.ndjson"
ADDED = 12


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load_recalls() -> list[Any]:
    from recall_screen.ingest import Limits, read_drop

    recalls = []
    for path in RECALL_FILES:
        outcome = read_drop(path.read_bytes(), name=path.name, source=path.parent.name, limits=Limits())
        recalls.extend(outcome.recalls)
    return recalls


def _dev() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def _added_ids(dev: list[dict[str, Any]], recalls: list[Any]) -> set[str]:
    """The 12 CPSC recalls the development set re-lists most (ties by id): the drop adds these."""
    listed = {r.recall_id for r in recalls if r.source == "CPSC"}
    counts: Counter[str] = Counter()
    for row in dev:
        label = row.get("label") or {}
        if label.get("kind") == "recalled" and label.get("source") == "CPSC":
            counts.update(rid for rid in label.get("recall_ids", []) if rid in listed)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {rid for rid, _ in ranked[:ADDED]}


def _listing_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "label"}


@dataclass
class Setup:
    """The indexes before and after the drop, the development listings, and per distinct listing
    its previous decision and whether the added recalls affect it."""

    rescreener: Any
    previous_version: str
    full: Any  # a Screener over the new index
    added_ids: set[str]
    bases: list[dict[str, Any]]
    first_relisting: int  # bases[first_relisting:] re-list the added recalls
    previous_verdict: list[str] = field(default_factory=list)
    affected: list[bool] = field(default_factory=list)


@dataclass
class Result:
    listings: int
    seconds: float
    counts: Any
    changed: Counter[str]
    expected: int = 0
    found: int = 0
    already_blocked: int = 0
    misses: list[str] = field(default_factory=list)


NOW = datetime(2026, 12, 2, tzinfo=UTC)


def prepare() -> Setup:
    from recall_screen.catalog.changes import IndexChanges, RecallRef, SourceChanges
    from recall_screen.index import RecallIndex
    from recall_screen.rescreen import Rescreener
    from recall_screen.screening import Screener

    started = time.perf_counter()
    recalls = _load_recalls()
    dev = _dev()
    added_ids = _added_ids(dev, recalls)
    added = [r for r in recalls if r.source == "CPSC" and r.recall_id in added_ids]
    before = [r for r in recalls if not (r.source == "CPSC" and r.recall_id in added_ids)]
    previous = RecallIndex.build(before, built_at=NOW)
    current = RecallIndex.build(recalls, built_at=NOW)
    refs = tuple(sorted(RecallRef("CPSC", r.recall_id) for r in added))
    changes = IndexChanges(
        current.version, previous.version, current.built_at, {"cpsc": SourceChanges(added=refs)}
    )
    rescreener = Rescreener(current, RecallIndex.build(added, built_at=NOW), changes)
    print(
        f"index: {len(current):,} recalls; the drop adds {len(added)} "
        f"({len(previous):,} before); built in {time.perf_counter() - started:.1f} s"
    )

    def relists_added(row: dict[str, Any]) -> bool:
        label = row.get("label") or {}
        return label.get("kind") == "recalled" and bool(added_ids & set(label.get("recall_ids", [])))

    # Mostly clean: the set's clean, look-alike and out-of-scope listings (every one of them is
    # live, allowed or under review, so each costs a delta screening: the worst case).
    others = [_listing_fields(r) for r in dev if (r.get("label") or {}).get("kind") != "recalled"]
    relistings = [_listing_fields(r) for r in dev if relists_added(r)]
    setup = Setup(
        rescreener, previous.version, Screener(current), added_ids, others + relistings, len(others)
    )
    _judge(setup, Screener(previous))
    return setup


def _judge(setup: Setup, old: Any) -> None:
    """Each distinct listing's previous decision, and whether the new index gives it a block or
    review match on an added recall (a full screening: the truth the re-screen must find)."""
    from recall_screen.models import Listing, Verdict

    for fields in setup.bases:
        listing = Listing.model_validate(fields)
        setup.previous_verdict.append(old.screen(listing, now=NOW).decision.value)
        matches = setup.full.screen(listing, now=NOW).matches
        setup.affected.append(
            any(
                m.applicable and m.verdict is not Verdict.ALLOW and m.recall_id in setup.added_ids
                for m in matches
            )
        )
    relisted = len(setup.bases) - setup.first_relisting
    print(
        f"development listings: {len(setup.bases):,} distinct ({relisted} re-list the added recalls); "
        f"previous decisions {dict(Counter(setup.previous_verdict))}"
    )


def live_listings(setup: Setup, count: int, relistings: int) -> Iterator[tuple[int, Any]]:
    """(distinct listing, live listing) as the worker reads them, one at a time."""
    from recall_screen.rescreen import LiveListing

    others = setup.first_relisting
    relisted = len(setup.bases) - others
    slots = set(random.Random(12).sample(range(count), min(relistings, count)))
    for n in range(count):
        base = others + n % relisted if n in slots else n % others
        fields = {**setup.bases[base], "listing_id": f"LIVE-{n:08d}"}
        yield (
            base,
            LiveListing(
                listing_id=fields["listing_id"],
                seller_id=fields.get("seller_id"),
                decision=setup.previous_verdict[base],
                decision_id=f"D-{n:08d}",
                index_version=setup.previous_version,
                listing=fields,
            ),
        )


def rescreen_all(setup: Setup, count: int, relistings: int) -> Result:
    from recall_screen.rescreen import RescreenCounts

    counts = RescreenCounts()
    result = Result(count, 0.0, counts, Counter())
    clock = time.perf_counter()
    for base, live in live_listings(setup, count, relistings):
        touched = counts.touched
        change = setup.rescreener.rescreen(live, now=NOW, counts=counts)
        if change is not None:
            result.changed[f"{live.decision}->{change.decision.decision.value}"] += 1
        if not setup.affected[base]:
            continue
        if live.decision == "block":
            result.already_blocked += 1  # blocked already: not re-screened for additions
        elif counts.touched > touched:
            result.expected += 1
            result.found += 1
        else:
            result.expected += 1
            result.misses.append(live.listing_id)
    result.seconds = time.perf_counter() - clock
    return result


def full_rate(setup: Setup, sample: int) -> float:
    """Listings per second of full screenings against the whole new index."""
    from recall_screen.models import Listing

    listings = [
        Listing.model_validate({**setup.bases[i % len(setup.bases)], "listing_id": f"S-{i}"})
        for i in range(sample)
    ]
    clock = time.perf_counter()
    for listing in listings:
        setup.full.screen(listing, now=NOW)
    return len(listings) / (time.perf_counter() - clock)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--listings", type=int, default=200_000, help="live listings to re-screen")
    parser.add_argument("--relistings", type=int, default=300, help="re-listings of the added recalls")
    parser.add_argument("--full-sample", type=int, default=3_000, help="listings screened in full")
    args = parser.parse_args()

    setup = prepare()
    loaded = _maxrss_mib()
    result = rescreen_all(setup, args.listings, args.relistings)
    rate = result.listings / result.seconds
    full = full_rate(setup, args.full_sample)
    counts = result.counts
    missed = len(result.misses)
    print(
        f"re-screened {result.listings:,} live listings in {result.seconds:.1f} s: "
        f"{rate:,.0f} listings/s, one core"
    )
    print(
        f"  delta screenings {counts.screened:,}; touched, so screened in full {counts.touched:,}; "
        f"skipped (blocked already) {counts.skipped:,}; decisions changed {dict(result.changed)}"
    )
    print(
        f"  affected by the added recalls: {result.expected:,} live listings not blocked before "
        f"(+{result.already_blocked:,} blocked already); found {result.found:,}, missed {missed:,}"
    )
    print(f"full screenings against the whole index, for comparison: {full:,.0f} listings/s, one core")
    print(f"peak memory: {_maxrss_mib():,.0f} MiB (indexes and development set loaded: {loaded:,.0f} MiB)")
    if missed:
        print(f"MISSED: {', '.join(result.misses[:10])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
