"""Screening time of hostile listings: each text field at the length the API accepts, filled with
one short pattern repeated (a run of digits, digits and letters, prices, shares, sizes, hyphens),
against every recall list the repository carries. A pattern a regular expression tries at every
position of a long run costs time quadratic in its length: this prints the slowest, so a rule that
brings such a pattern back shows here before it shows as an API timeout. Prints figures; asserts
nothing.

    .venv/bin/python benchmarks/hostile_inputs.py [--top N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from recall_screen.models import MAX_DESCRIPTION, MAX_SHORT, MAX_TITLE, Listing
from recall_screen.screening import Screener
from recall_screen_cli.offline import load_index

REPO = Path(__file__).resolve().parents[1]
RECALLS = sorted((REPO / "tests" / "data" / "shared").rglob("*.*"))
PATTERNS = ["1", "1 ", "1.1", "9,", "1-", "-1", "a1", "1x", "1 x ", "$1", "1%", "1.", "1/", "ab", "a-"]
PATTERNS += ["pcs 1", "moq 1", "lot of 1"]
FIELDS = {"title": MAX_TITLE, "description": MAX_DESCRIPTION, "model": MAX_SHORT, "brand": MAX_SHORT}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=10, help="the slowest cases to print (default: 10)")
    args = parser.parse_args()
    index, _ = load_index([p for p in RECALLS if p.suffix in (".json", ".ndjson", ".csv")])
    screener = Screener(index)
    screener.screen(Listing(listing_id="warm", title="warm up"))
    timings = []
    for field, limit in FIELDS.items():
        for pattern in PATTERNS:
            text = (pattern * (limit // len(pattern) + 1))[:limit].strip() or "x"
            listing = Listing.model_validate({"listing_id": "hostile", "title": "Acme kettle", field: text})
            started = time.perf_counter()
            screener.screen(listing)
            timings.append((time.perf_counter() - started, field, pattern, len(text)))
    timings.sort(reverse=True)
    print(f"{len(timings)} hostile listings against {len(index):,} recalls; the slowest:")
    for seconds, field, pattern, length in timings[: args.top]:
        print(f"  {seconds * 1000:8.1f} ms  {field:<12} {pattern!r} x {length:,} characters")


if __name__ == "__main__":
    main()
