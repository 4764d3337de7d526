"""A warm screener's memory and speed over a long stream of listings: what an API function that
stays warm for hours holds, at 100,000 or 1,000,000 recall products.

`bench_realistic.py --keep DIR` makes the index and its drops; this screens a stream of distinct
listings against that index in one process pinned to one core (as one warm Lambda instance
would): re-listings of notices drawn at random from the drops (`realistic_notices.relisting`,
seed 43), each new to the screener, so every window reaches recalls and words the earlier ones
did not. After each window it prints the process's resident memory (now and at its peak), the
window's mean whole path per listing (CPU time), and what the index's caches hold.

    .venv/bin/python benchmarks/bench_realistic.py --recalls 100000 --keep DIR   # once
    .venv/bin/python benchmarks/bench_warm.py DIR [--listings 40000] [--every 5000] \
        [--refresh-every W] [--cpu N]

The listings are written once to DIR/warm_listings_43.ndjson (the seed) and reused. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "layers" / "recall_screen"), str(HERE)]

from bench_realistic import CPSC_SHARE, one_core, peak_mib  # noqa: E402

SEED = 43


def _stream(folder: Path, count: int) -> list[str]:
    """`count` re-listings of notices of the folder's generated drops, made once and kept (in a
    child process: reading a million notices would leave this one's peak memory theirs)."""
    path = folder / f"warm_listings_{SEED}.ndjson"
    lines = path.read_text().splitlines() if path.exists() else []
    if len(lines) < count:
        child = [sys.executable, __file__, str(folder), "--listings", str(count), "--make"]
        subprocess.run(child, check=True)
        lines = path.read_text().splitlines()
    return lines[:count]


def _make(folder: Path, count: int) -> None:
    from realistic_notices import relisting

    cpsc = json.loads(next((folder / "drops" / "cpsc").glob("*.json")).read_text())
    with next((folder / "drops" / "eu").glob("*.ndjson")).open() as eu_file:
        eu = [json.loads(line) for line in eu_file if line.strip()]
    rng = random.Random(SEED)
    lines = [
        json.dumps(
            {
                "listing_id": f"W{i:07d}",
                "title": relisting(rng.choice(cpsc) if rng.random() < CPSC_SHARE else rng.choice(eu), rng),
            }
        )
        for i in range(count)
    ]
    (folder / f"warm_listings_{SEED}.ndjson").write_text("".join(line + "\n" for line in lines))


def _rss_mib() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="a bench_realistic.py --keep folder")
    parser.add_argument("--listings", type=int, default=40_000)
    parser.add_argument("--every", type=int, default=5_000, help="listings per window")
    parser.add_argument(
        "--refresh-every",
        type=int,
        default=0,
        metavar="W",
        help="every W windows, load the artifact again while the warm index is held, then swap, "
        "as a screener does when a new index is published (0: never)",
    )
    parser.add_argument("--cpu", type=int, help="the core to pin to (default: the lowest allowed)")
    parser.add_argument("--make", action="store_true", help=argparse.SUPPRESS)  # the child: the stream
    args = parser.parse_args()
    if args.make:
        _make(args.folder, args.listings)
        return 0
    lines = _stream(args.folder, args.listings)
    one_core(args.cpu)

    from recall_screen.aws.decision_items import bounded_listing
    from recall_screen.index import RecallIndex
    from recall_screen.models import Listing
    from recall_screen.screening import Screener

    index = RecallIndex.from_artifact((args.folder / "index.bin").read_bytes())
    screener = Screener(index)
    print(f"index: {len(index):,} recall products; loaded, resident {_rss_mib():,} MiB")
    print(f"{'listings':>9} {'resident':>9} {'peak':>9} {'window mean':>12}  caches")
    started = time.process_time()
    for number, first in enumerate(range(0, len(lines), args.every)):
        if args.refresh_every and number and number % args.refresh_every == 0:
            # A refresh (recall_screen.live_index): the new artifact is read and loaded while the
            # warm index still serves; then the old one is let go. Its peak is what a function's
            # memory must hold, beside the level.
            before = _rss_mib()
            fresh = RecallIndex.from_artifact((args.folder / "index.bin").read_bytes())
            during = _rss_mib()
            index, screener = fresh, Screener(fresh)
            after = _rss_mib()
            print(f"refresh: resident {before:,} MiB, {during:,} MiB with both indexes, {after:,} MiB after")
        window = lines[first : first + args.every]
        c0 = time.process_time()
        for line in window:
            listing = Listing.model_validate_json(line)
            screener.screen(listing).model_dump_json()
            bounded_listing(listing)
        mean_ms = 1000 * (time.process_time() - c0) / len(window)
        held = index.cache_sizes()
        caches = ", ".join(f"{name} {size:,}" for name, size in held.items())
        done = first + len(window)
        print(f"{done:>9,} {_rss_mib():>6,} MiB {int(peak_mib()):>6,} MiB {mean_ms:>9.3f} ms  {caches}")
    print(f"mean over all {len(lines):,}: {1000 * (time.process_time() - started) / len(lines):.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
