"""A catalogue file read in bounded memory, the one way both entry points read it: the command
line (`recall-screen screen-catalog`, batch by batch) and the catalogue state machine (its prepare
step cuts the file into parts, one per Distributed Map item; the worker reads a part back).

    for item in catalogue_items(stream, "jsonl"): ...      # {"index": i, "value": ...} or
                                                            # {"line": n, "error": why}
    for part in split_catalogue(stream, "jsonl", 500): ...  # Part(first_index, lines, body, errors)
    part_items(part.body, "jsonl", part.first_index, part.errors)  # the part's items, as above

The stream is the file's bytes, gzipped or not (gzip is recognised by its magic number, so a
catalogue named `.gz` that is not gzipped, or the reverse, reads the same). It is read line by
line: memory holds one line (at most `MAX_LINE_BYTES`) and one part, never the file.

A JSON Lines file is judged line by line, and a line that cannot be a listing is an item with its
line number and the reason (not JSON, not UTF-8, longer than `MAX_LINE_BYTES`); blank lines are
skipped and still counted. A CSV file has a header row; its records are numbered as the Distributed
Map's CSV reader numbers them (index 0 is the first record after the header, line 2). A CSV that
cannot be read as CSV (not UTF-8, a field over the csv module's limit) raises CatalogUnreadable:
the records after the fault cannot be told apart, so nothing is screened as if it were complete.
A truncated or corrupt gzip stream raises CatalogUnreadable too.

Pure: the standard library only.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal, cast

CatalogFormat = Literal["jsonl", "csv"]
GZIP_MAGIC = b"\x1f\x8b"
MAX_LINE_BYTES = 1 << 20  # 1 MiB: a listing is a few hundred bytes
PART_MAX_BYTES = 8 << 20  # a part is also cut when it grows past this
_TOO_LONG = f"line: longer than {MAX_LINE_BYTES:,} bytes"


class CatalogUnreadable(ValueError):
    """The catalogue cannot be read past some point (corrupt gzip, a CSV that is not CSV)."""


class _Raw(io.RawIOBase):
    """Any object with `read(n)` (an S3 body) as a raw stream, so it can be buffered."""

    def __init__(self, source: Any) -> None:
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._source.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def decompressed(stream: Any) -> io.BufferedIOBase:
    """The catalogue's bytes: `stream` itself, or gunzipped when it starts with gzip's magic."""
    buffered: io.BufferedReader = (
        stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(_Raw(stream), 1 << 20)
    )
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    return buffered


def _raw_lines(stream: io.BufferedIOBase) -> Iterator[bytes | None]:
    """Each line's bytes with its newline (one is added to a last line without), or None for a
    line longer than MAX_LINE_BYTES (read past, never held)."""
    number = 0
    try:
        while line := stream.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                    pass
                yield None
                continue
            yield line if line.endswith(b"\n") else line + b"\n"
    except (OSError, EOFError, zlib.error) as exc:
        raise CatalogUnreadable(f"the catalogue cannot be read after line {number:,}: {exc}") from exc


def jsonl_item(number: int, raw: bytes | None) -> dict[str, Any] | None:
    """The item of JSON Lines line `number` (1-based): its value, or why it is not one; None for
    a blank line."""
    if raw is None:
        return {"line": number, "error": _TOO_LONG}
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return {"line": number, "error": f"line: not UTF-8 text (byte {exc.start + 1})"}
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"line: not valid JSON ({exc.msg} at column {exc.colno})"}
    except RecursionError:
        return {"line": number, "error": "line: JSON nested too deeply"}
    except ValueError as exc:  # valid JSON Python refuses: an integer of more than 4,300 digits
        return {"line": number, "error": f"line: unreadable JSON value ({str(exc)[:120]})"}
    return {"index": number - 1, "value": value}


def _csv_records(stream: io.BufferedIOBase) -> Iterator[list[str]]:
    # "utf-8-sig": a spreadsheet's "CSV UTF-8" opens with a byte-order mark, which would otherwise
    # be part of the first column's name, and every row would lack its listing_id.
    text = io.TextIOWrapper(cast("IO[bytes]", stream), encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        yield from reader
    except UnicodeDecodeError as exc:
        raise CatalogUnreadable(f"the CSV is not UTF-8 text after record {reader.line_num:,}") from exc
    except csv.Error as exc:
        raise CatalogUnreadable(f"the CSV cannot be read at line {reader.line_num:,}: {exc}") from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise CatalogUnreadable(
            f"the catalogue cannot be read after line {reader.line_num:,}: {exc}"
        ) from exc


def _csv_items(records: Iterator[list[str]], header: list[str], first_index: int) -> Iterator[dict[str, Any]]:
    """Records as rows of the header's columns. A record with cells past the header's that are not
    empty is an invalid line: an unquoted comma moved its cells, and none of them can be trusted
    (empty ones, a trailing comma, are nothing)."""
    _refuse_repeated_columns(header)
    index = first_index
    for record in records:
        if any(cell.strip() for cell in record[len(header) :]):
            line = index + 2  # as the Distributed Map's CSV reader numbers it
            yield {"line": line, "error": f"line: {len(record)} cells where the header has {len(header)}"}
            index += 1
        elif record:  # a blank line is no record (as csv.DictReader reads it)
            yield {"index": index, "value": dict(zip(header, record, strict=False))}
            index += 1


def _refuse_repeated_columns(header: list[str]) -> None:
    """A header naming a column twice: which of its cells is the listing's is anyone's guess."""
    seen: set[str] = set()
    for name in (cell.strip() for cell in header):
        if name and name in seen:
            raise CatalogUnreadable(f"the CSV header names the column {name!r} twice")
        seen.add(name)


def catalogue_items(stream: Any, fmt: CatalogFormat) -> Iterator[dict[str, Any]]:
    """Every item of the catalogue, in order (blank JSON Lines lines skipped)."""
    data = decompressed(stream)
    if fmt == "csv":
        records = _csv_records(data)
        header = next(records, None)
        if header is not None:
            yield from _csv_items(records, header, 0)
        return
    for number, raw in enumerate(_raw_lines(data), start=1):
        item = jsonl_item(number, raw)
        if item is not None:
            yield item


@dataclass
class Part:
    """Consecutive lines (JSON Lines) or records (CSV, after its header row) of a catalogue.
    `body` is the lines as they are (a too-long line left blank: `errors` says why), or the
    header row and the records as CSV."""

    first_index: int  # 0-based: of the first line, or of the first record after the header
    lines: int
    body: bytes
    errors: list[dict[str, Any]] = field(default_factory=list)

    def entry(self, key: str, run: str = "") -> dict[str, Any]:
        """The part as the manifest lists it (one Distributed Map item); `run`: which upload of the
        catalogue it was cut from (`catalog_screen.idempotency_key`)."""
        entry = {"key": key, "first_index": self.first_index, "lines": self.lines, "errors": self.errors}
        return {**entry, "run": run} if run else entry


def _jsonl_parts(data: io.BufferedIOBase, size: int) -> Iterator[Part]:
    part = Part(0, 0, b"")
    chunks: list[bytes] = []
    held = 0
    for index, raw in enumerate(_raw_lines(data)):
        if part.lines >= size or held >= PART_MAX_BYTES:
            part.body = b"".join(chunks)
            yield part
            part, chunks, held = Part(index, 0, b""), [], 0
        if raw is None:
            part.errors.append({"line": index + 1, "error": _TOO_LONG})
            raw = b"\n"
        chunks.append(raw)
        held += len(raw)
        part.lines += 1
    if part.lines:
        part.body = b"".join(chunks)
        yield part


def _csv_parts(data: io.BufferedIOBase, size: int) -> Iterator[Part]:
    records = _csv_records(data)
    header = next(records, None)
    if header is None:
        return
    _refuse_repeated_columns(header)  # before any part is written
    index = 0
    while True:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        lines = 0
        for record in records:
            if not record:
                continue
            writer.writerow(record)
            lines += 1
            if lines >= size or out.tell() >= PART_MAX_BYTES:
                break
        if not lines:
            return
        yield Part(index, lines, out.getvalue().encode("utf-8"))
        index += lines


def split_catalogue(stream: Any, fmt: CatalogFormat, size: int) -> Iterator[Part]:
    """The catalogue in parts of at most `size` lines (and about PART_MAX_BYTES), in order."""
    if size < 1:
        raise ValueError("a part holds at least one line")
    data = decompressed(stream)
    return _csv_parts(data, size) if fmt == "csv" else _jsonl_parts(data, size)


def part_items(
    body: bytes, fmt: CatalogFormat, first_index: int, errors: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """A part's items, numbered as in the whole catalogue."""
    if fmt == "csv":
        records = _csv_records(io.BytesIO(body))
        header = next(records, None)
        return [] if header is None else list(_csv_items(records, header, first_index))
    known = {int(entry["line"]): entry for entry in errors or ()}
    items = []
    for offset, raw in enumerate(body.split(b"\n")[:-1]):
        number = first_index + offset + 1
        item = known.get(number) or jsonl_item(number, raw + b"\n")
        if item is not None:
            items.append(item)
    return items
