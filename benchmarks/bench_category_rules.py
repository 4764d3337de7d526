"""What matching the category rules adds per listing: the example rules
(data/rules/priority_categories.ndjson) against the shared development and real-title listings,
rules alone (the recall matcher's cost is bench_matcher.py's). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_category_rules.py
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

from pydantic import ValidationError
from recall_screen.category_rules import CategoryRules
from recall_screen.ingest import read_drop
from recall_screen.models import Listing

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RECALL_SCREEN_SHARED", REPO.parent / "shared")) / "data"
RULES = REPO / "data" / "rules" / "priority_categories.ndjson"
LISTING_FILES = [
    SHARED / "listings/dev.ndjson",
    SHARED / "listings/real_titles.ndjson",
    REPO / "data/listings/category_rules.ndjson",
]


def listings() -> list[Listing]:
    out = []
    for path in LISTING_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            raw.pop("label", None)
            try:
                out.append(Listing.model_validate(raw))
            except ValidationError:
                continue
    return out


def main() -> None:
    rules = CategoryRules(read_drop(RULES.read_bytes(), name=RULES.name, source="priority").rules)
    batch = listings()
    per_listing = []
    for listing in batch:
        started = time.perf_counter()
        rules.match(listing)
        per_listing.append((time.perf_counter() - started) * 1e6)
    cpu_started = time.process_time()  # CPU time: on a shared machine wall-clock p99 is other processes
    for listing in batch:
        rules.match(listing)
    cpu_us = (time.process_time() - cpu_started) / len(batch) * 1e6
    per_listing.sort()
    p99 = per_listing[int(0.99 * (len(per_listing) - 1))]
    hits = sum(1 for listing in batch if rules.match(listing))
    print(
        f"{len(rules)} rules, {len(batch)} listings: median {statistics.median(per_listing):.0f} us, "
        f"p99 {p99:.0f} us, mean {statistics.fmean(per_listing):.0f} us per listing; "
        f"CPU {cpu_us:.0f} us per listing; {hits} listings hit a rule"
    )


if __name__ == "__main__":
    main()
