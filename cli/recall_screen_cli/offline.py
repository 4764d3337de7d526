"""`recall-screen build-index` and `recall-screen screen`: the index and the screener, offline.

`build-index` runs the same drop rules as the index builder in AWS (`recall_screen.catalog`), with
a folder in place of the bucket, so it writes the same artifact, pointer and reports.
`screen` screens an NDJSON file of listings with the same engine as the API.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError
from recall_screen.artifact import ArtifactError
from recall_screen.catalog.drop import DropObject
from recall_screen.catalog.guards import NO_GUARDS
from recall_screen.catalog.keys import drop_key
from recall_screen.catalog.outcome import Outcome
from recall_screen.catalog.processor import DropProcessor
from recall_screen.catalog.publishing import load_current
from recall_screen.clock import utc_z
from recall_screen.config import Settings
from recall_screen.index import RecallIndex, SourceList
from recall_screen.ingest import DropOutcome, Limits, read_drop
from recall_screen.models import Listing
from recall_screen.policy import Policy
from recall_screen.screening import Screener

from recall_screen_cli.console import (
    EXIT_OK,
    EXIT_REJECTED,
    CommandError,
    at_least,
    open_output,
    output_folder,
    refuse_overwriting,
)
from recall_screen_cli.progress import INVALID, ScreenProgress

_FORMAT_SUFFIXES = (".gz", ".json", ".ndjson", ".jsonl", ".csv", ".txt")


# ---------------------------------------------------------------------------------------------
# a folder as the bucket


class FolderStorage:
    """`catalog.storage.Storage` over a local folder: keys are paths under `root`; writes are atomic."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"key {key!r} is outside {self.root}")
        return path

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, data: bytes, *, content_type: str = "application/json") -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != self.root.resolve() and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent

    def list_folders(self, prefix: str) -> list[str]:
        folder = self._path(prefix)
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def list_keys(self, prefix: str) -> list[str]:
        folder = self._path(prefix)
        if not folder.is_dir():
            return []
        root = self.root.resolve()
        return sorted(str(p.relative_to(root)) for p in folder.rglob("*") if p.is_file())


def list_name(path: Path) -> str:
    """A file's list name when none is given: its name without format suffixes
    (`cpsc_recalls.json.gz` → `cpsc_recalls`)."""
    name = path.name
    while True:
        lowered = name.lower()
        suffix = next((s for s in _FORMAT_SUFFIXES if lowered.endswith(s) and len(name) > len(s)), None)
        if suffix is None:
            return name
        name = name[: -len(suffix)]


def _read_limited(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(max_bytes + 1)


def _local_drop(path: Path, source: str) -> DropObject:
    stat = path.stat()
    drop = DropObject.from_key(
        drop_key(source, path.name),
        size=stat.st_size,
        last_modified=datetime.fromtimestamp(stat.st_mtime, UTC),
        etag=f"{stat.st_size}-{stat.st_mtime_ns}",
        origin=str(path),
    )
    if drop is None:
        raise ValueError(f"{source!r} cannot name a list (letters, digits, '.', '_', '-' and spaces)")
    return drop


def require_files(paths: Iterable[Path]) -> None:
    """Refuse (exit status 2) when any of `paths` is not a file, naming each."""
    missing = [path for path in paths if not path.is_file()]
    if missing:
        raise CommandError(*(f"error: {path}: no such file" for path in missing))


# ---------------------------------------------------------------------------------------------
# build-index

BUILD_HELP = """\
Each FILE is the complete current list of one source (as a file under recalls/<source>/ in the
bucket). Its source is --source when given (one FILE only), else the file's name without its
format suffixes (cpsc_recalls.json -> cpsc_recalls). Writing into a DIR that already holds an
index adds to it: a file replaces its source's previous list, other sources are kept.

Writes, under DIR, exactly what the index builder writes in the bucket:
  DIR/index/<version>/index.json.gz        the index artifact (gzip JSON)
  DIR/index/current.json                   pointer to it, with its sha256 (written last)
  DIR/reports/<source>/<file>.report.json  one report per file, accepted or rejected
  DIR/state/                               each source's accepted recalls, for later builds

Prints one line per file: "accepted FILE: N recalls (M models, K GTINs), index VERSION" on
stdout, or "rejected FILE: <the problem>" on stderr. A rejected file changes nothing; the files
that were accepted are still published, as one new index version.

Exit status: 0 when every file was accepted (or unchanged), 1 when any file was rejected,
2 when a FILE does not exist or the arguments are wrong (nothing is written then).
"""


def add_arguments_build_index(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = BUILD_HELP
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="recall files (CPSC API JSON, generic NDJSON or CSV; optionally .gz)",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (created when missing)")
    parser.add_argument("--source", metavar="NAME", help="the list's name, for a single FILE")
    parser.add_argument(
        "--keep",
        type=at_least(1),
        default=None,
        metavar="N",
        help="index versions to keep in DIR (default: RECALL_SCREEN_INDEX_VERSIONS_KEPT or 10)",
    )


def recall_lists(specs: list[str], default: Callable[[Path], str] = list_name) -> list[tuple[str, Path]]:
    """`[SOURCE=]FILE` arguments as (list name, file): a file without SOURCE is the list `default`
    names. Refused when two files would be the same list: a list is one file, so the second
    would replace the first and its recalls would silently not be screened."""
    lists = []
    for spec in specs:
        source, sep, name = spec.partition("=")  # a list's name has no "="; a path may
        path = Path(name if sep else spec)
        lists.append((source if sep else default(path), path))
    _one_file_per_list(lists, "name each list: SOURCE=FILE")
    return lists


def _one_file_per_list(lists: list[tuple[str, Path]], remedy: str) -> None:
    named: dict[str, Path] = {}
    for name, path in lists:
        if name in named:
            raise CommandError(
                f"error: {named[name]} and {path} would both be list {name!r} (a list is one file); {remedy}"
            )
        named[name] = path


def _drops(paths: list[Path], source: str | None) -> list[DropObject]:
    """One drop per file, each its own list; refused when two files would be the same list."""
    if source and len(paths) > 1:
        raise CommandError("error: --source names the list of one file; give one FILE with it")
    sources = [source or list_name(p) for p in paths]
    _one_file_per_list(list(zip(sources, paths, strict=True)), "build them separately with --source")
    try:
        return [_local_drop(p, s) for p, s in zip(paths, sources, strict=True)]
    except ValueError as exc:
        raise CommandError(f"error: {exc}") from None


def run_build_index(args: argparse.Namespace) -> int:
    paths = [Path(f) for f in args.files]
    require_files(paths)
    drops = _drops(paths, args.source)

    out = output_folder(args.out)
    storage = FolderStorage(out)
    try:
        keep = args.keep if args.keep is not None else Settings.from_env().index_versions_kept
    except ValueError as exc:
        raise CommandError(f"error: {exc}") from None
    processor = DropProcessor(
        storage,
        limits=Limits.from_env(),
        guards=NO_GUARDS,
        versions_kept=keep,
        check_order=False,
        check_replay=False,
    )
    readers = [lambda n, p=p: _read_limited(p, n) for p in paths]
    try:
        results = processor.process_all(list(zip(drops, readers, strict=True)))
    except OSError as exc:  # the folder is not writable, the disk is full, ...
        raise CommandError(f"error: {out}: cannot write the index ({exc.strerror or exc})") from None

    status = EXIT_OK
    for result in results:
        if result.outcome is Outcome.REJECTED:
            status = EXIT_REJECTED
            print(result.summary(), file=sys.stderr)
        else:
            print(result.summary())
    index_version = next((r.index_version for r in reversed(results) if r.index_version), None)
    if index_version:
        print(f"index {index_version} is current in {out / 'index' / 'current.json'}")
    else:
        print(f"no index in {out}: no file was accepted", file=sys.stderr)
    sys.stdout.flush()
    return status


# ---------------------------------------------------------------------------------------------
# screen

SCREEN_HELP = """\
Reads one listing per line (a JSON object with listing_id and title, and brand, model, gtin,
ship_to, ... as the API takes them) and writes one line per input line, in order: the decision as
JSON, or {"line": N, "error": "...", "fields": [...]} for a line that is not a valid listing (the
batch goes on). Exit status: 0 when the listings were screened (even with invalid lines), 1 when a
recall file was rejected, 2 when a file is missing or the index cannot be loaded.
"""


def add_arguments_screen(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = SCREEN_HELP
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--recalls",
        nargs="+",
        action="extend",
        metavar="FILE",
        help="recall files to build the index from, in memory",
    )
    source.add_argument("--index", metavar="DIR", help="a folder written by build-index")
    parser.add_argument(
        "--listings", required=True, metavar="NDJSON", help="listings, one JSON object per line ('-': stdin)"
    )
    parser.add_argument(
        "--out",
        metavar="NDJSON",
        help="write decisions here instead of stdout (folders created when missing)",
    )


def load_index(paths: list[Path], *, limits: Limits | None = None) -> tuple[RecallIndex, list[DropOutcome]]:
    """An in-memory index over recall files and their category rules (each file its own list, named
    as build-index names it), and each file's ingest outcome; a rejected file's recalls and rules
    are left out (check the outcomes)."""
    limits = limits or Limits.from_env()
    outcomes, recalls, rules, sources = [], [], [], {}
    now = utc_z(timespec="seconds")
    for path in paths:
        name = list_name(path)
        outcome = read_drop(_read_limited(path, limits.max_bytes), name=str(path), source=name, limits=limits)
        outcomes.append(outcome)
        if outcome.accepted:
            recalls.extend(outcome.recalls)
            rules.extend(outcome.rules)
            regulators = sorted({r.source for r in outcome.recalls})
            sources[name] = SourceList(name, str(path), len(outcome.recalls), now, regulators)
    return RecallIndex.build(recalls, sources=sources, rules=rules), outcomes


def _field_errors(exc: ValidationError) -> list[dict[str, str]]:
    return [
        {"field": ".".join(str(part) for part in error["loc"]) or "listing", "message": error["msg"]}
        for error in exc.errors()
    ]


def parse_listing(number: int, line: str) -> Listing | dict[str, Any]:
    """The listing on input line `number`, or the error object written in its place."""
    text = line.strip()
    if not text:
        return {"line": number, "error": "empty line: expected a listing as a JSON object", "fields": []}
    try:
        raw = json.loads(text)
    except ValueError as exc:
        return {"line": number, "error": f"invalid JSON: {exc}", "fields": []}
    if not isinstance(raw, dict):
        return {"line": number, "error": "a listing must be a JSON object", "fields": []}
    try:
        return Listing.model_validate(raw)
    except ValidationError as exc:
        fields = _field_errors(exc)
        names = ", ".join(f["field"] for f in fields)
        error: dict[str, Any] = {"line": number, "error": f"invalid listing: {names}", "fields": fields}
        if isinstance(raw.get("listing_id"), str):
            error["listing_id"] = raw["listing_id"]
        return error


def screen_line(screener: Screener, number: int, line: str) -> tuple[str, str]:
    """The outcome of one input line (its decision, or "invalid") and the JSON line written for it."""
    listing = parse_listing(number, line)
    if isinstance(listing, dict):
        return INVALID, json.dumps(listing, ensure_ascii=False)
    decision = screener.screen(listing)
    return decision.decision.value, decision.model_dump_json()


def _index_from_folder(folder: str) -> RecallIndex:
    try:
        index = load_current(FolderStorage(Path(folder)))
    except (ArtifactError, OSError) as exc:
        raise CommandError(f"error: {folder}: {exc}") from None
    if index is None:
        raise CommandError(f"error: {folder}: no index (index/current.json is missing)")
    return index


def _index_from_files(paths: list[str]) -> RecallIndex:
    index, outcomes = load_index([Path(p) for p in paths])
    rejected = [
        f"rejected {path}: {o.reason}" for path, o in zip(paths, outcomes, strict=True) if not o.accepted
    ]
    if rejected:
        raise CommandError(*rejected, status=EXIT_REJECTED)
    return index


def run_screen(args: argparse.Namespace) -> int:
    listings = None if args.listings == "-" else Path(args.listings)
    require_files([*(Path(p) for p in args.recalls or []), *([listings] if listings else [])])
    refuse_overwriting(args.out, [*(args.recalls or []), *([listings] if listings else [])])
    index = _index_from_folder(args.index) if args.index else _index_from_files(args.recalls)
    screener = Screener(index, Policy.from_env())
    progress = ScreenProgress(sys.stderr)
    with contextlib.ExitStack() as files:
        source: TextIO = (
            sys.stdin
            if listings is None
            else files.enter_context(listings.open(encoding="utf-8", errors="replace"))
        )
        sink: TextIO = files.enter_context(open_output(args.out)) if args.out else sys.stdout
        for number, line in enumerate(source, start=1):
            outcome, output = screen_line(screener, number, line)
            sink.write(output + "\n")
            progress.count(outcome)
        sink.flush()
    progress.finish()
    return EXIT_OK
