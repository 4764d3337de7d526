"""Speed of the matcher at scale, side by side with the obvious baseline, in one run.

Synthesises an index of N recall products (default 100,000) from the real recall files, builds
and stores it, then — in a fresh process pinned to one core, so its memory is the screener's
own — loads the artifact and screens the labelled development listings plus real marketplace
titles plus synthetic re-listings (at least 5,000 in all). The baseline is
`rapidfuzz.process.extractOne` over every recall title, on a sample of the same listings.

    .venv/bin/python benchmarks/bench_matcher.py [--recalls 100000] [--listings 6000] [--baseline 400]

Prints figures; asserts nothing. Timing belongs here, not in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import quantiles

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RECALL_SCREEN_SHARED", REPO.parent / "shared")) / "data"
RECALL_FILES = [
    SHARED / "recalls/cpsc_api/cpsc_recalls.json",
    *sorted((SHARED / "recalls/generic").glob("*")),
]
LISTING_FILES = [SHARED / "listings/dev.ndjson", SHARED / "listings/real_titles.ndjson"]

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "to",
    "vi",
    "zu",
    "qu",
    "be",
    "do",
    "fa",
    "gi",
    "ho",
    "ju",
    "xe",
    "ly",
    "sa",
    "pe",
    "co",
    "ri",
    "ta",
    "mo",
    "nu",
    "wa",
    "ex",
    "ol",
    "an",
    "or",
    "ix",
]


def _word(rng: random.Random) -> str:
    """A made-up name of three or four syllables: rare, as brand and product-line names are."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def _brand(rng: random.Random) -> str:
    return _word(rng) + rng.choice(["", "", " Home", " Kids", " Tech", " Co", " Outdoors"])


def _model(rng: random.Random) -> str:
    letters = "".join(rng.choices(string.ascii_uppercase, k=rng.randint(1, 3)))
    return f"{letters}{rng.choice(['', '-'])}{rng.randint(10, 99999)}"


def _gtin13(rng: random.Random) -> str:
    body = [rng.randint(0, 9) for _ in range(12)]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(body))
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def synthesise(real, n: int, rng: random.Random):
    """Real recalls plus synthetic ones made in their image: a new brand and product-line name
    (rare words, as real ones are), the product type of a real notice (its common words:
    "electric bicycle", "bed rail"), new model numbers and codes. Vocabulary and posting lengths
    grow as they would with more notices, without cloning any real notice's distinctive words."""
    from collections import Counter

    from recall_screen.text import name_tokens

    df = Counter(t for r in real for t in set(name_tokens(" ".join(r.product_names or [r.title]))))
    types = []
    for r in real:
        words = (r.product_names[0] if r.product_names else r.title).split()
        kept = [w for w in words if all(df[t] >= 3 for t in name_tokens(w))]
        if kept:
            types.append(" ".join(kept))
    out = list(real)
    while len(out) < n:
        base = real[len(out) % len(real)]
        brand = _brand(rng)
        line = _word(rng)
        kind = types[rng.randrange(len(types))]
        product = f"{brand} {line} {kind}"
        models = [_model(rng) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
        gtins = [_gtin13(rng)] if rng.random() < 0.2 else []
        out.append(
            base.model_copy(
                update={
                    "recall_id": f"SYN-{len(out):06d}",
                    "title": f"{brand} Recalls {line} {kind} Due to Hazard",
                    "product_names": [product],
                    "brands": [brand],
                    "models": models,
                    "gtins": ["0" + g for g in gtins],
                    "unchecked_gtins": [],
                    "other_texts": [],
                }
            )
        )
    return out


def synthetic_listings(recalls, count: int, rng: random.Random) -> list[dict]:
    """Re-listings of synthetic recalls: words shuffled, the brand dropped from half of them, a
    model number re-spaced in half."""
    pool = [r for r in recalls if r.recall_id.startswith("SYN-")]
    out = []
    for i in range(count):
        r = rng.choice(pool)
        words = r.product_names[0].split()
        if rng.random() < 0.5:
            words = words[len(r.brands[0].split()) :]
        rng.shuffle(words)
        title = " ".join(words)
        if r.models and rng.random() < 0.5:
            title += " " + " ".join(r.models[0].replace("-", ""))
        # No ship_to: screened against every source, as the recall's regulator may be any of them.
        out.append(
            {
                "listing_id": f"S{i:05d}",
                "title": title,
                "label": {"kind": "recalled", "recall_ids": [r.recall_id], "variant": "synthetic"},
            }
        )
    return out


def load_real_recalls():
    from recall_screen.ingest import Limits, read_drop

    recalls = []
    for path in RECALL_FILES:
        outcome = read_drop(path.read_bytes(), name=path.name, source=path.parent.name, limits=Limits())
        recalls.extend(outcome.recalls)
    return recalls


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mib() -> float:
    """Resident memory now (Linux), to tell the index's own share from the interpreter's."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def build(args) -> dict:
    from recall_screen.index import RecallIndex

    rng = random.Random(7)
    real = load_real_recalls()
    recalls = synthesise(real, args.recalls, rng)
    t0 = time.perf_counter()
    index = RecallIndex.build(recalls)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    artifact = index.to_artifact()
    write_s = time.perf_counter() - t0
    listings = [json.loads(line) for f in LISTING_FILES for line in f.open() if line.strip()]
    listings += synthetic_listings(recalls, max(0, args.listings - len(listings)), rng)
    return {
        "index": index,
        "artifact": artifact,
        "listings": listings,
        "build_s": build_s,
        "write_s": write_s,
        "real": len(real),
        "build_rss": _maxrss_mib(),
    }


def serve_phase(artifact_path: str, listings_path: str, baseline: int) -> None:
    """Runs in a fresh process: load, screen, measure; prints one JSON line."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from rapidfuzz import fuzz, process
    from recall_screen.index import RecallIndex
    from recall_screen.models import Listing, Verdict
    from recall_screen.screening import Screener

    data = Path(artifact_path).read_bytes()
    rss_before = _rss_mib()
    t0 = time.perf_counter()
    index = RecallIndex.from_artifact(data)
    load_s = time.perf_counter() - t0
    screener = Screener(index)
    rows = [json.loads(line) for line in Path(listings_path).read_text().splitlines()]
    listings = [Listing.model_validate(r) for r in rows]
    screener.screen(listings[0])  # first-call set-up (lazy tables) is not a listing's cost

    latencies = []
    caught: dict[str, list[int]] = {"dev": [0, 0], "synthetic": [0, 0]}
    for row, listing in zip(rows, listings, strict=True):
        t0 = time.perf_counter()
        decision = screener.screen(listing)
        latencies.append(time.perf_counter() - t0)
        label = row.get("label") or {}
        if label.get("kind") == "recalled":
            tally = caught["synthetic" if label.get("variant") == "synthetic" else "dev"]
            tally[1] += 1
            top = {m.recall_id for m in decision.matches[:5] if m.applicable}
            tally[0] += decision.decision in (Verdict.BLOCK, Verdict.REVIEW) and bool(
                set(label["recall_ids"]) & top
            )

    # The naive baseline on an evenly spaced sample of the same listings: extractOne over every title.
    notices = [index.notice(i) for i in range(len(index))]
    titles = [n.title for n in notices]
    ids = [n.recall_id for n in notices]
    step = max(1, len(rows) // baseline)
    sample = [(row, listing) for row, listing in list(zip(rows, listings, strict=True))[::step]][:baseline]
    base_lat, base_caught, base_recalled, our_caught_sample = [], 0, 0, 0
    for row, listing in sample:
        t0 = time.perf_counter()
        best = process.extractOne(listing.title, titles, scorer=fuzz.WRatio, score_cutoff=0)
        base_lat.append(time.perf_counter() - t0)
        label = row.get("label") or {}
        if label.get("kind") == "recalled":
            base_recalled += 1
            base_caught += bool(best) and best[1] >= 85 and ids[best[2]] in set(label["recall_ids"])
            decision = screener.screen(listing)
            top = {m.recall_id for m in decision.matches[:5] if m.applicable}
            our_caught_sample += decision.decision in (Verdict.BLOCK, Verdict.REVIEW) and bool(
                set(label["recall_ids"]) & top
            )

    def pct(values, q):
        return quantiles(values, n=100, method="inclusive")[q - 1] * 1000

    print(
        json.dumps(
            {
                "load_s": load_s,
                "listings": len(listings),
                "p50_ms": pct(latencies, 50),
                "p99_ms": pct(latencies, 99),
                "mean_ms": 1000 * sum(latencies) / len(latencies),
                "caught_dev": caught["dev"][0] / max(caught["dev"][1], 1),
                "recalled_dev": caught["dev"][1],
                "caught_synthetic": caught["synthetic"][0] / max(caught["synthetic"][1], 1),
                "recalled_synthetic": caught["synthetic"][1],
                "peak_rss_mib": _maxrss_mib(),
                "rss_before_load_mib": rss_before,
                "baseline_listings": len(sample),
                "baseline_p50_ms": pct(base_lat, 50),
                "baseline_p99_ms": pct(base_lat, 99),
                "baseline_caught": base_caught / max(base_recalled, 1),
                "ours_caught_on_baseline_sample": our_caught_sample / max(base_recalled, 1),
                "baseline_recalled": base_recalled,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recalls", type=int, default=100_000, help="recall products in the index")
    parser.add_argument("--listings", type=int, default=6_000, help="listings to screen (at least)")
    parser.add_argument("--baseline", type=int, default=400, help="listings the baseline screens")
    parser.add_argument("--serve-phase", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_phase:
        serve_phase(*args.serve_phase, baseline=args.baseline)
        return 0

    built = build(args)
    with tempfile.TemporaryDirectory() as tmp:
        artifact_path, listings_path = Path(tmp, "index.json.gz"), Path(tmp, "listings.ndjson")
        artifact_path.write_bytes(built["artifact"])
        listings_path.write_text("".join(json.dumps(r) + "\n" for r in built["listings"]))
        result = subprocess.run(
            [
                sys.executable,
                __file__,
                "--serve-phase",
                str(artifact_path),
                str(listings_path),
                "--baseline",
                str(args.baseline),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return result.returncode
        served = json.loads(result.stdout.strip().splitlines()[-1])

    speedup = served["baseline_p50_ms"] / served["p50_ms"]
    print(
        f"index: {len(built['index']):,} recall products ({built['real']:,} real, the rest synthesised), "
        f"artifact {len(built['artifact']) / 2**20:.1f} MiB gzip"
    )
    print(
        f"index build:   {built['build_s']:.1f} s (+ {built['write_s']:.1f} s to serialise)   target <= 60 s"
    )
    print(f"artifact load: {served['load_s']:.2f} s   target <= 1 s")
    print(
        f"peak memory (screener process, one core): {served['peak_rss_mib']:.0f} MiB "
        f"({served['rss_before_load_mib']:.0f} MiB before loading)   target <= 1024 MiB"
    )
    print(f"{'engine':28} {'listings':>8} {'p50 ms':>8} {'p99 ms':>8} {'caught':>8}")
    print(
        f"{'recall-screen':28} {served['listings']:8} {served['p50_ms']:8.3f} {served['p99_ms']:8.3f} "
        f"{'':8}   targets p50 <= 0.5, p99 <= 5"
    )
    print(
        f"{'  caught, dev re-listings':28} {served['recalled_dev']:8} {'':8} {'':8} "
        f"{100 * served['caught_dev']:7.1f}%   (labelled dev.ndjson, now among {len(built['index']):,})"
    )
    print(
        f"{'  caught, synthetic':28} {served['recalled_synthetic']:8} {'':8} {'':8} "
        f"{100 * served['caught_synthetic']:7.1f}%"
    )
    print(
        f"{'  same, on baseline sample':28} {served['baseline_listings']:8} {'':8} {'':8} "
        f"{100 * served['ours_caught_on_baseline_sample']:7.1f}%"
    )
    print(
        f"{'baseline extractOne(WRatio)':28} {served['baseline_listings']:8} "
        f"{served['baseline_p50_ms']:8.3f} {served['baseline_p99_ms']:8.3f} "
        f"{100 * served['baseline_caught']:7.1f}%   (caught: top-1 score >= 85)"
    )
    print(f"speed-up at p50: {speedup:.0f}x   target >= 50x at equal or better caught rate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
