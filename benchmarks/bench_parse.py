"""Parsing drops alone: every file of a folder read as a drop (`ingest.read_drop`), in a fresh
process pinned to one core; CPU time per file, per recall, and the process's peak memory.

    .venv/bin/python benchmarks/bench_parse.py FOLDER [--dump OUT] [--check OUT] [--profile N]

FOLDER is a folder of drops, e.g. the `drops/` that `bench_realistic.py --keep DIR` writes
(every file below it is read, its parent folder as its source). `--dump OUT` writes every parsed
recall's model dump and every drop report (without the time it was processed) to OUT, one JSON
line each, so that two versions of the parsers can be compared: `--check OUT` parses again and
says whether the dump is identical, line for line, and where it first differs. `--profile N`
prints the N costliest functions (cProfile, cumulative). Asserts nothing about time.
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
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 12, 2, tzinfo=UTC)


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _lines(folder: Path, keep: list[object]) -> Iterator[str]:
    """Every drop parsed: its report's line, then one line per recall (and withdrawal, rule)."""
    from recall_screen.ingest import MIB, Limits, read_drop

    limits = Limits(max_bytes=4096 * MIB, max_decompressed_bytes=8192 * MIB)
    for path in _files(folder):
        outcome = read_drop(
            path.read_bytes(), name=path.name, source=path.parent.name, limits=limits, now=NOW
        )
        report = outcome.report.to_dict()
        yield json.dumps({"file": str(path.relative_to(folder)), "report": report}, sort_keys=True)
        for recall in outcome.recalls:
            yield recall.model_dump_json()
        for withdrawal in outcome.withdrawn:
            yield json.dumps(vars(withdrawal), sort_keys=True)
        for rule in outcome.rules:
            yield json.dumps(repr(rule))
        keep.append(outcome.recalls)


def _timed(folder: Path, profile: int) -> dict[str, object]:
    from recall_screen.ingest import MIB, Limits, read_drop

    limits = Limits(max_bytes=4096 * MIB, max_decompressed_bytes=8192 * MIB)
    rss_start = _maxrss_mib()
    kept, per_file = [], {}
    profiler = cProfile.Profile() if profile else None
    c_all = time.process_time()
    for path in _files(folder):
        c0 = time.process_time()
        if profiler:
            profiler.enable()
        outcome = read_drop(path.read_bytes(), name=path.name, source=path.parent.name, limits=limits)
        if profiler:
            profiler.disable()
        if not outcome.accepted:
            raise SystemExit(f"{path}: {outcome.reason}")
        per_file[str(path.relative_to(folder))] = (len(outcome.recalls), time.process_time() - c0)
        kept.extend(outcome.recalls)
    cpu = time.process_time() - c_all
    if profiler:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(
            os.environ.get("BENCH_SORT", "cumulative")
        ).print_stats(profile)
    return {
        "recalls": len(kept),
        "parse_cpu_s": cpu,
        "cpu_ms_per_recall": 1000 * cpu / max(len(kept), 1),
        "rss_start_mib": rss_start,
        "peak_mib": _maxrss_mib(),
        "files": per_file,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--dump", type=Path, help="write the parsed recalls and reports here")
    parser.add_argument("--check", type=Path, help="compare the parsed recalls and reports with this dump")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    args = parser.parse_args()
    _one_core()
    if args.dump or args.check:
        keep: list[object] = []
        digest = hashlib.sha256()
        count = 0
        if args.dump:
            with args.dump.open("w") as out:
                for line in _lines(args.folder, keep):
                    out.write(line + "\n")
                    digest.update(line.encode() + b"\n")
                    count += 1
            print(f"{count:,} lines written to {args.dump}, sha256 {digest.hexdigest()[:16]}")
            return 0
        with args.check.open() as before:
            for number, line in enumerate(_lines(args.folder, keep), start=1):
                old = before.readline().rstrip("\n")
                if old != line:
                    print(f"differs at line {number}:\n  before: {old[:600]}\n  now:    {line[:600]}")
                    return 1
                count += 1
            if before.readline():
                print(f"the dump has more lines than the {count:,} parsed now")
                return 1
        print(f"identical: {count:,} lines")
        return 0
    result = _timed(args.folder, args.profile)
    files = result.pop("files")
    for name, (n, cpu) in files.items():  # type: ignore[attr-defined]
        print(f"  {name:44} {n:>9,} recalls {cpu:8.2f} s CPU")
    print(
        f"parsed {result['recalls']:,} recalls in {result['parse_cpu_s']:.1f} s CPU "
        f"({result['cpu_ms_per_recall']:.3f} ms each); peak memory {result['peak_mib']:,.0f} MiB "
        f"(at start {result['rss_start_mib']:,.0f} MiB)"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
