"""The index and the whole screening path at scale, on notices shaped like the regulators' own.

Generates N recall products (default 100,000) from the real recall files (`realistic_notices.py`:
real descriptions, product lists, model fields, hazards and remedies, with invented brand and line
names and new codes) as the regulators' own files: a CPSC API JSON array (60%) and an EU-style
generic NDJSON list (40%), beside the real shared files. Then, each in a fresh process pinned to
one core:

- build: every file read as a drop (`ingest.read_drop`), the index built and serialised, as the
  index builder does; its time and the process's peak memory (ru_maxrss);
- serve: a cold start (the artifact's bytes to the first decision's JSON), then the whole path for
  each listing (its JSON in, `Listing` validated, screened, the decision's JSON and the decision
  log's listing copy out), mean, p50 and p99; the naive `rapidfuzz.process.extractOne` scan over
  every title, on a sample of the same listings, in the same process.

    .venv/bin/python benchmarks/bench_realistic.py [--recalls 100000] [--listings 3000] [--baseline 200]

Prints figures (and, with --json, one JSON line); asserts nothing. Timing belongs here, not in tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import quantiles

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("RECALL_SCREEN_SHARED", REPO.parent / "shared")) / "data"
REAL_FILES = [
    SHARED / "recalls/cpsc_api/cpsc_recalls.json",
    SHARED / "recalls/cpsc_api/cpsc_recalls_more.json",
    *sorted((SHARED / "recalls/generic").glob("*")),
]
LISTING_FILES = [SHARED / "listings/dev.ndjson", SHARED / "listings/real_titles.ndjson"]
CPSC_SHARE = 0.6


def one_core(cpu: int | None = None) -> None:
    """Pin this process to core `cpu`, by default the lowest it may use."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu if cpu is not None else min(os.sched_getaffinity(0))})


def peak_mib() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(folder: Path, recalls: int, listings: int) -> dict[str, object]:
    """The drop files and the listings file in `folder`; returns what was made."""
    sys.path.insert(0, str(HERE))
    from realistic_notices import NoticeFactory, relisting

    started = time.perf_counter()
    factory = NoticeFactory(SHARED / "recalls")
    real = sum(1 for _ in REAL_FILES)
    drops = folder / "drops"
    for path in REAL_FILES:
        (drops / "real" / path.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, drops / "real" / path.parent.name / path.name)
    (drops / "cpsc").mkdir(parents=True, exist_ok=True)
    (drops / "eu").mkdir(parents=True, exist_ok=True)
    cpsc_count = int(recalls * CPSC_SHARE)
    cpsc = factory.write_cpsc(drops / "cpsc" / "cpsc_history.json", cpsc_count)
    generic = factory.write_generic(drops / "eu" / "eu_history.ndjson", recalls - cpsc_count)

    rng = random.Random(41)
    rows = [json.loads(line) for f in LISTING_FILES for line in f.open() if line.strip()]
    for i in range(listings):
        if rng.random() < CPSC_SHARE:
            notice = rng.choice(cpsc)
            recall_id = notice["RecallNumber"]
        else:
            notice = rng.choice(generic)
            recall_id = notice["recall_id"]
        label = {"kind": "recalled", "recall_ids": [recall_id], "variant": "synthetic"}
        rows.append({"listing_id": f"S{i:06d}", "title": relisting(notice, rng), "label": label})
    rng.shuffle(rows)
    (folder / "listings.ndjson").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return {"real_files": real, "generate_s": time.perf_counter() - started, "listings": len(rows)}


def build_phase(folder: Path) -> dict[str, object]:
    """Runs in a fresh process: every drop read, the index built and written; one JSON line."""
    one_core()
    from recall_screen.index import RecallIndex, SourceList
    from recall_screen.ingest import MIB, Limits, read_drop

    limits = Limits(max_bytes=4096 * MIB, max_decompressed_bytes=8192 * MIB)
    rss_start = peak_mib()
    c0 = time.process_time()
    t0 = time.perf_counter()
    recalls = []
    sources = {}
    for path in sorted((folder / "drops").rglob("*.*")):
        source = path.parent.name
        outcome = read_drop(path.read_bytes(), name=path.name, source=source, limits=limits)
        if not outcome.accepted:
            raise SystemExit(f"{path}: {outcome.reason}")
        recalls.extend(outcome.recalls)
        sources[f"{source}/{path.stem}"] = SourceList(
            f"{source}/{path.stem}", str(path), len(outcome.recalls), "2026-12-02T00:00:00Z"
        )
    parse_s, parse_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    rss_parsed = peak_mib()
    t0, c0 = time.perf_counter(), time.process_time()
    index = RecallIndex.build(recalls, sources=sources)
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    data = index.to_artifact()
    write_s, write_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    (folder / "index.bin").write_bytes(data)
    return {
        "recalls": len(index),
        "parse_s": parse_s,
        "build_s": build_s,
        "write_s": write_s,
        "parse_cpu_s": parse_cpu_s,
        "build_cpu_s": build_cpu_s,
        "write_cpu_s": write_cpu_s,
        "artifact_mib": len(data) / 2**20,
        "rss_start_mib": rss_start,
        "rss_parsed_mib": rss_parsed,
        "build_peak_mib": peak_mib(),
    }


def _screen_all(
    lines: list[str], whole_path: Callable[[str], tuple[object, str]]
) -> tuple[list[float], list[float], dict[str, list[int]], str]:
    """Each listing's whole path timed (wall and this process's CPU time: on a shared machine the
    CPU time is the steadier figure), what was caught, and a digest of every decision but for
    what names the moment and the build (equal digests, equal decisions)."""
    from recall_screen.models import Verdict

    latencies, cpu = [], []
    tally = {"dev": [0, 0], "synthetic": [0, 0]}
    digest = hashlib.sha256()
    unstable = {"decision_id", "decided_at", "index_version"}
    for line in lines:
        t0, c0 = time.perf_counter(), time.process_time()
        decision, _ = whole_path(line)
        latencies.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        digest.update(decision.model_dump_json(exclude=unstable).encode() + b"\n")  # type: ignore[attr-defined]
        label = json.loads(line).get("label") or {}
        if label.get("kind") == "recalled":
            counts = tally["synthetic" if label.get("variant") == "synthetic" else "dev"]
            counts[1] += 1
            top = {m.recall_id for m in decision.matches[:5] if m.applicable}  # type: ignore[attr-defined]
            counts[0] += decision.decision in (Verdict.BLOCK, Verdict.REVIEW) and bool(  # type: ignore[attr-defined]
                set(label["recall_ids"]) & top
            )
    return latencies, cpu, tally, digest.hexdigest()[:16]


def serve_phase(folder: Path, baseline: int) -> dict[str, object]:
    """Runs in a fresh process: a cold start, the whole path per listing, the naive scan."""
    one_core()
    t_import = time.perf_counter()
    from recall_screen.aws.decision_items import bounded_listing
    from recall_screen.index import RecallIndex
    from recall_screen.models import Listing
    from recall_screen.screening import Screener

    import_s = time.perf_counter() - t_import
    lines = (folder / "listings.ndjson").read_text().splitlines()
    data = (folder / "index.bin").read_bytes()
    rss_before = peak_mib()

    def whole_path(screener: Screener, line: str) -> tuple[object, str]:
        listing = Listing.model_validate_json(line)
        decision = screener.screen(listing)
        out = decision.model_dump_json()
        bounded_listing(listing)  # what the decision log keeps of the listing
        return decision, out

    t0, c0 = time.perf_counter(), time.process_time()
    index = RecallIndex.from_artifact(data)
    load_s, load_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    screener = Screener(index)
    whole_path(screener, lines[0])
    cold_s, cold_cpu_s = time.perf_counter() - t0, time.process_time() - c0

    latencies, cpu, tally, digest = _screen_all(lines, lambda line: whole_path(screener, line))
    serve_rss = peak_mib()

    from rapidfuzz import fuzz, process

    titles = [index.notice(i).title for i in range(len(index))]
    step = max(1, len(lines) // baseline)
    sample = lines[::step][:baseline]
    base_lat, ours_lat = [], []
    for line in sample:
        title = json.loads(line)["title"]
        c0 = time.process_time()
        process.extractOne(title, titles, scorer=fuzz.WRatio, score_cutoff=0)
        base_lat.append(time.process_time() - c0)
        c0 = time.process_time()
        whole_path(screener, line)
        ours_lat.append(time.process_time() - c0)

    def pct(values: list[float], q: int) -> float:
        return quantiles(values, n=100, method="inclusive")[q - 1] * 1000

    def mean(values: list[float]) -> float:
        return 1000 * sum(values) / len(values)

    return {
        "import_s": import_s,
        "load_s": load_s,
        "cold_s": cold_s,
        "listings": len(lines),
        "load_cpu_s": load_cpu_s,
        "cold_cpu_s": cold_cpu_s,
        "mean_ms": mean(latencies),
        "p50_ms": pct(latencies, 50),
        "p99_ms": pct(latencies, 99),
        "cpu_mean_ms": mean(cpu),
        "cpu_p50_ms": pct(cpu, 50),
        "cpu_p99_ms": pct(cpu, 99),
        "caught_dev": tally["dev"][0] / max(tally["dev"][1], 1),
        "caught_synthetic": tally["synthetic"][0] / max(tally["synthetic"][1], 1),
        "recalled_synthetic": tally["synthetic"][1],
        "decisions_digest": digest,
        "rss_before_load_mib": rss_before,
        "serve_peak_mib": serve_rss,
        "baseline_listings": len(sample),
        "baseline_mean_ms": mean(base_lat),
        "ours_on_sample_mean_ms": mean(ours_lat),
    }


def _child(phase: str, folder: Path, *extra: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, f"--{phase}-phase", str(folder), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{phase} phase failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def report(made: dict[str, object], built: dict[str, object], served: dict[str, object]) -> None:
    b, s = built, served
    print(
        f"realistic index: {b['recalls']:,} recall products (the shared files + generated CPSC-shaped "
        f"{CPSC_SHARE:.0%} / EU-shaped), artifact {b['artifact_mib']:.1f} MiB; generated in "
        f"{made['generate_s']:.0f} s"
    )
    print(f"{'figure':52} {'measured':>12}  target")
    rows = [
        ("drops parsed (read_drop, every file)", f"{b['parse_s']:.1f} s", ""),
        ("index build (RecallIndex.build)", f"{b['build_s']:.1f} s", ""),
        ("  + serialise (to_artifact)", f"{b['write_s']:.1f} s", ""),
        ("index build + serialise", f"{b['build_s'] + b['write_s']:.1f} s", "<= 60 s"),  # type: ignore[operator]
        (
            "peak memory of the build process (parse + build)",
            f"{b['build_peak_mib']:,.0f} MiB",
            "<= 1024 MiB",
        ),
        ("  of which after parsing", f"{b['rss_parsed_mib']:,.0f} MiB", ""),
        ("artifact load", f"{s['load_s']:.2f} s", ""),
        ("artifact load + first listing (cold start)", f"{s['cold_s']:.2f} s", "<= 1 s"),
        ("  (imports before it)", f"{s['import_s']:.2f} s", ""),
        ("screener peak memory", f"{s['serve_peak_mib']:,.0f} MiB", ""),
        (
            f"whole path per listing, mean ({s['listings']:,} listings)",
            f"{s['mean_ms']:.3f} ms",
            "<= 0.35 ms",
        ),
        ("whole path per listing, p50", f"{s['p50_ms']:.3f} ms", ""),
        ("whole path per listing, p99", f"{s['p99_ms']:.3f} ms", ""),
        ("  the same in CPU time: mean", f"{s['cpu_mean_ms']:.3f} ms", "<= 0.35 ms"),
        ("  p50 / p99", f"{s['cpu_p50_ms']:.3f} / {s['cpu_p99_ms']:.3f} ms", ""),
        (
            "  cold start in CPU time (load / load + first)",
            f"{s['load_cpu_s']:.2f} / {s['cold_cpu_s']:.2f} s",
            "",
        ),
        (
            f"naive extractOne(WRatio) scan, mean ({s['baseline_listings']} listings)",
            f"{s['baseline_mean_ms']:.1f} ms",
            "",
        ),
        ("  ours on the same sample, mean", f"{s['ours_on_sample_mean_ms']:.3f} ms", ""),
        (
            "ratio (scan / ours, same sample)",
            f"{s['baseline_mean_ms'] / s['ours_on_sample_mean_ms']:.0f}x",  # type: ignore[operator]
            ">= 300x",
        ),
        ("caught: dev re-listings (real recalls)", f"{100 * s['caught_dev']:.1f}%", ""),  # type: ignore[operator]
        (
            f"caught: re-listings of generated notices ({s['recalled_synthetic']})",
            f"{100 * s['caught_synthetic']:.1f}%",  # type: ignore[operator]
            "",
        ),
    ]
    for name, value, target in rows:
        print(f"{name:52} {value:>12}  {target}")
    print(f"decisions digest (all but their ids, times and index version): {s['decisions_digest']}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recalls", type=int, default=100_000, help="generated recall products")
    parser.add_argument(
        "--listings",
        type=int,
        default=3_000,
        help="re-listings of generated notices (beside the real listings)",
    )
    parser.add_argument("--baseline", type=int, default=200, help="listings the naive scan screens")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: use the notices and listings already there"
    )
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    parser.add_argument("--build-phase", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--serve-phase", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_phase:
        print(json.dumps(build_phase(args.build_phase)))
        return 0
    if args.serve_phase:
        print(json.dumps(serve_phase(args.serve_phase, args.baseline)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        reuse = args.reuse and (folder / "listings.ndjson").exists()
        made = {"generate_s": 0.0} if reuse else generate(folder, args.recalls, args.listings)
        built = _child("build", folder)
        served = _child("serve", folder, "--baseline", str(args.baseline))
    report(made, built, served)
    if args.json:
        print(json.dumps({"generated": made, "build": built, "serve": served}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
