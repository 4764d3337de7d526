"""What a drop costs the index builder when the index is a large union of lists.

The drops of `bench_realistic.py` (generated CPSC-shaped and EU-shaped whole-history lists, N
recall products in all) go through the builder's own `DropProcessor` on an in-memory bucket, one
source at a time, in a fresh process pinned to one core. Then, against that union:

- a small source's list is dropped (Health Canada's real file): its part is profiled, every other
  list's kept part is merged;
- the CPSC-shaped source's weekly drop (its list with a few more recalls) replaces that list: the
  CPSC list is profiled again, the EU-shaped part is merged as kept.

Beside them, a full build of the same union (`RecallIndex.build`, every recall profiled), which is
what every drop cost before the parts were kept. Build figures are the builder's own `build_ms`
(parts, merge, artifact written, pointer published), not the parsing of the dropped file; the
drop's CPU time (the process's, parsing included) is printed beside them, and the full build's.

    .venv/bin/python benchmarks/bench_incremental.py [--recalls 100000] [--keep DIR [--reuse]]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_realistic import SHARED, generate  # noqa: E402


class MemoryStorage:
    """The bucket, in memory: objects by key."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.objects.get(key)

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None:
        self.objects[key] = data

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def list_folders(self, prefix: str) -> list[str]:
        rests = (k[len(prefix) :] for k in self.objects if k.startswith(prefix))
        return sorted({rest.split("/", 1)[0] for rest in rests if "/" in rest})

    def list_keys(self, prefix: str) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(prefix))


def weekly(path: Path, out: Path, extra: int) -> Path:
    """The CPSC-shaped list with `extra` more recalls: its next weekly whole-list drop."""
    items = json.loads(path.read_text())
    for n in range(extra):
        item = dict(items[n])
        item["RecallNumber"] = f"8{n:07d}"
        item["RecallID"] = 800_000_000 + n
        items.append(item)
    out.write_text(json.dumps(items, ensure_ascii=False))
    return out


def run(folder: Path) -> dict[str, Any]:
    """Runs in a fresh process: the drops, in order, through the builder."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from recall_screen.catalog.drop import DropObject
    from recall_screen.catalog.guards import NO_GUARDS
    from recall_screen.catalog.processor import DropProcessor
    from recall_screen.index import RecallIndex
    from recall_screen.ingest import MIB, Limits, read_drop

    clock = [datetime(2026, 12, 1, tzinfo=UTC)]

    def now() -> datetime:
        clock[0] += timedelta(seconds=1)
        return clock[0]

    storage = MemoryStorage()
    limits = Limits(max_bytes=4096 * MIB, max_decompressed_bytes=8192 * MIB)
    processor = DropProcessor(storage, limits=limits, guards=NO_GUARDS, now=now, check_replay=False)

    def dropped(source: str, path: Path) -> dict[str, Any]:
        data = path.read_bytes()
        key = f"recalls/{source}/{path.name}"
        drop = DropObject.from_key(key, version_id=None, etag=None, size=len(data), last_modified=now())
        assert drop is not None
        t0, c0 = time.perf_counter(), time.process_time()
        result = processor.process(drop, lambda max_bytes: data[: max_bytes + 1])
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
        assert result.outcome.value == "accepted", result.reason
        return {
            "source": source,
            "recalls": result.index_recalls,
            "build_s": result.build_ms / 1000,
            "total_s": total,
            "total_cpu_s": cpu,
        }

    drops = folder / "drops"
    steps = [
        dropped("cpsc", drops / "cpsc" / "cpsc_history.json"),
        dropped("eu", drops / "eu" / "eu_history.ndjson"),
        dropped("health_canada", SHARED / "recalls/generic/health_canada.ndjson"),
        dropped("cpsc", weekly(drops / "cpsc" / "cpsc_history.json", folder / "cpsc_week2.json", 100)),
    ]

    recalls = []
    for path in (folder / "cpsc_week2.json", drops / "eu" / "eu_history.ndjson"):
        recalls += read_drop(path.read_bytes(), name=path.name, source="x", limits=limits).recalls
    recalls += read_drop(
        (SHARED / "recalls/generic/health_canada.ndjson").read_bytes(), name="hc", source="x", limits=limits
    ).recalls
    t0, c0 = time.perf_counter(), time.process_time()
    RecallIndex.build(recalls).to_artifact()
    full_s, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "steps": steps,
        "full_build_s": full_s,
        "full_build_cpu_s": full_cpu,
        "full_recalls": len(recalls),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recalls", type=int, default=100_000, help="generated recall products")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--reuse", action="store_true", help="with --keep: use the drops already there")
    parser.add_argument("--run-phase", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_phase:
        print(json.dumps(run(args.run_phase)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if not (args.reuse and (folder / "drops" / "cpsc").exists()):
            generate(folder, args.recalls, 0)
        done = subprocess.run(
            [sys.executable, __file__, "--run-phase", str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    labels = [
        "first list (CPSC-shaped): its part profiled",
        "second list (EU-shaped): its part profiled, CPSC's kept",
        "a small source against the union: its part only",
        "CPSC's weekly drop: CPSC re-profiled, EU's kept",
    ]
    print(f"{'drop':58} {'index':>9} {'build':>9} {'drop total':>11} {'drop CPU':>9}")
    for label, step in zip(labels, figures["steps"], strict=True):
        print(
            f"{label:58} {step['recalls']:9,} {step['build_s']:8.1f}s {step['total_s']:10.1f}s "
            f"{step['total_cpu_s']:8.1f}s"
        )
    print(
        f"{'full build of the same union (RecallIndex.build + serialise)':58} {figures['full_recalls']:9,} "
        f"{figures['full_build_s']:8.1f}s {'':11} {figures['full_build_cpu_s']:8.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
