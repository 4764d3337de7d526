"""The builder's work on its own: every drop of a folder parsed, the index built and serialised,
in this process pinned to one core; CPU time per phase, peak memory, and the artifact's sha256.

    .venv/bin/python benchmarks/bench_build.py DIR [--profile parse|build] [--top N]

DIR is a folder that `bench_realistic.py --keep DIR` wrote (its `drops/`). The same steps as
`bench_realistic.py --build-phase DIR` (`ingest.read_drop` of every file, `RecallIndex.build`,
`to_artifact`), but the index is built at a fixed time, so its artifact's bytes name its content
alone: two versions of the builder that print the same sha256 built the same artifact.
`--profile` prints the costliest functions of one phase (cProfile, by own time; `build` covers
the build and the serialisation). Prints one JSON line; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BUILT_AT = datetime(2026, 12, 2, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--profile", choices=["parse", "build"], help="profile this phase")
    parser.add_argument("--top", type=int, default=40, help="functions the profile prints")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from recall_screen.index import RecallIndex, SourceList
    from recall_screen.ingest import MIB, Limits, read_drop

    limits = Limits(max_bytes=4096 * MIB, max_decompressed_bytes=8192 * MIB)
    profiler = cProfile.Profile()
    c0 = time.process_time()
    if args.profile == "parse":
        profiler.enable()
    recalls, sources = [], {}
    for path in sorted((args.folder / "drops").rglob("*.*")):
        source = path.parent.name
        outcome = read_drop(path.read_bytes(), name=path.name, source=source, limits=limits)
        if not outcome.accepted:
            raise SystemExit(f"{path}: {outcome.reason}")
        recalls.extend(outcome.recalls)
        name = f"{source}/{path.stem}"
        sources[name] = SourceList(name, str(path), len(outcome.recalls), "2026-12-02T00:00:00Z")
    profiler.disable()
    parse = time.process_time() - c0
    rss_parsed = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c0 = time.process_time()
    if args.profile == "build":
        profiler.enable()
    index = RecallIndex.build(recalls, sources=sources, built_at=BUILT_AT)
    build = time.process_time() - c0
    c0 = time.process_time()
    data = index.to_artifact()
    profiler.disable()
    write = time.process_time() - c0
    print(
        json.dumps(
            {
                "recalls": len(index),
                "parse_cpu_s": round(parse, 2),
                "build_cpu_s": round(build, 2),
                "write_cpu_s": round(write, 2),
                "rss_parsed_mib": round(rss_parsed),
                "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "artifact_sha256": hashlib.sha256(data).hexdigest()[:16],
            }
        ),
        flush=True,
    )
    if args.profile:
        order = os.environ.get("BENCH_SORT", "tottime")  # or "cumulative"
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(order).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
