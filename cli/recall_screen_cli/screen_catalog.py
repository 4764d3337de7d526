"""`recall-screen screen-catalog FILE`: screen a marketplace's catalogue on an embedded AWS.

The same worker that the catalogue state machine runs in Lambda (`catalog_worker.app`) screens the
catalogue here, in-process, batch by batch, as the state machine's prepare step would cut it into parts.
Every decision is recorded in the embedded decision log. The results are written to DIR:

    DIR/decisions.ndjson   one line per listing, in input order: its decision with its line
                           number, or {"line", "listing_id", "error"} for an invalid line
    DIR/summary.json       counts per decision, the recalls matched most, invalid lines and why

FILE is JSON Lines (one listing object per line) or CSV with a header row (`.csv`); either may be
gzipped (`.gz`). The recall lists to screen against are dropped first: `--recalls [SOURCE=]FILE`
(repeatable; SOURCE defaults to cpsc, so a second file needs its own), or the sample of real CPSC
notices.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from recall_screen.catalog_input import CatalogUnreadable, catalogue_items
from recall_screen.catalog_screen import CatalogFormat, decisions_key

from recall_screen_cli.console import output_folder
from recall_screen_cli.offline import recall_lists
from recall_screen_cli.progress import INVALID, ScreenProgress

SAMPLE = Path(__file__).resolve().parent / "sample_data" / "cpsc_recalls_sample.json"
DEFAULT_BATCH = 500


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 2)[2]
    parser.add_argument("file", metavar="FILE", help="the catalogue: .ndjson/.jsonl or .csv, optionally .gz")
    parser.add_argument("--out", metavar="DIR", help="where results go (default: results/<name>)")
    parser.add_argument(
        "--recalls",
        metavar="[SOURCE=]FILE",
        action="append",
        help="a recall list to drop first (repeatable, SOURCE defaults to cpsc and names one file; "
        "default: the sample CPSC notices)",
    )
    parser.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH, help="lines per batch (default: 500)"
    )


def catalog_name(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".csv", ".ndjson", ".jsonl", ".json"):
        name = name.removesuffix(suffix)
    return name or "catalog"


def catalog_format(path: Path) -> CatalogFormat:
    return "csv" if path.name.lower().removesuffix(".gz").endswith(".csv") else "jsonl"


def read_items(path: Path) -> Iterator[dict[str, Any]]:
    """The catalogue's items as the worker gets them (`recall_screen.catalog_input`, which the
    state machine's parts are read with too): `{"index": i, "value": line}`, or `{"line": n,
    "error": why}` for a line that cannot be a listing. Blank lines of a JSON Lines file are
    skipped (their numbers still count). Raises CatalogUnreadable (corrupt gzip, broken CSV)."""
    with path.open("rb") as stream:
        yield from catalogue_items(stream, catalog_format(path))


def batches(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(items, size)):
        yield batch


def _drop_recalls(aws: Any, lists: list[tuple[str, Path]]) -> str | None:
    """Each recall file dropped and built; None, or why a drop was not accepted."""
    for source, path in lists:
        if not path.is_file():
            return f"{path}: no such file"
        key, version_id = aws.put_drop(source, path.name, path.read_bytes())
        (result,) = aws.deliver(key, version_id)["results"]
        if result["outcome"] != "accepted":
            return f"{path}: drop {result['outcome']}: {result['reason']}"
        print(f"recalls {path} -> index {result['index_version']}", file=sys.stderr)
    return None


def _results(aws: Any, name: str, first_lines: list[int], out: Path) -> dict[str, Any]:
    """results/<name>/ copied from the embedded bucket to `out`: the batches' decisions in order."""
    s3 = aws.client("s3")
    out.mkdir(parents=True, exist_ok=True)
    with (out / "decisions.ndjson").open("wb") as decisions:
        for first in first_lines:
            body = s3.get_object(Bucket=aws.bucket, Key=decisions_key(name, first))["Body"].read()
            decisions.write(body)
    summary = s3.get_object(Bucket=aws.bucket, Key=f"results/{name}/summary.json")["Body"].read()
    (out / "summary.json").write_bytes(summary)
    loaded: dict[str, Any] = json.loads(summary)
    return loaded


def _screen_batches(worker: Any, path: Path, name: str, size: int, progress: ScreenProgress) -> list[int]:
    """Every batch of the file through the worker's handler; each batch's first line."""
    from recall_screen_cli.lambda_events import FakeLambdaContext

    context = FakeLambdaContext("CatalogWorkerFunction")
    batch_input = {"catalog": name, "format": catalog_format(path)}
    first_lines = []
    for batch in batches(read_items(path), size):
        answer = worker.lambda_handler({"Items": batch, "BatchInput": batch_input}, context)
        first_lines.append(answer["first_line"])
        for verdict, n in answer["decisions"].items():
            progress.count(verdict, n)
        progress.count(INVALID, answer["invalid"])
    return first_lines


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    if args.batch_size < 1:
        print("error: --batch-size must be at least 1", file=sys.stderr)
        return 2
    # A file without SOURCE= is the cpsc list, as it always was; two such files are refused.
    lists = recall_lists(args.recalls or [str(SAMPLE)], default=lambda _: "cpsc")
    name = catalog_name(path)
    # The folder is made before anything is screened: a path that cannot be one fails at once.
    out = output_folder(Path(args.out) if args.out else Path("results") / name)

    from recall_screen_cli.embedded import embedded_aws
    from recall_screen_cli.lambda_events import FakeLambdaContext

    started = time.perf_counter()
    with embedded_aws(quiet=True) as aws:
        problem = _drop_recalls(aws, lists)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 1
        # Imported within the embedded AWS, so its logger is made with the quiet log level.
        from catalog_worker import app as worker

        worker.reset_clients()
        progress = ScreenProgress(sys.stderr)
        try:
            first_lines = _screen_batches(worker, path, name, args.batch_size, progress)
            worker.lambda_handler(
                {"task": "summary", "catalog": name}, FakeLambdaContext("CatalogWorkerFunction")
            )
            summary = _results(aws, name, first_lines, out)
        except CatalogUnreadable as exc:
            progress.finish()
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 1
        finally:
            worker.reset_clients()
    progress.finish()
    print(f"{progress.lines / max(time.perf_counter() - started, 1e-9):,.0f} lines/s", file=sys.stderr)
    print(json.dumps(summary, indent=2))
    print(f"results in {out}/ (decisions.ndjson, summary.json)", file=sys.stderr)
    return 0
