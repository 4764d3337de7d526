"""Recall file parsers. The format is read from the content, never from the file name:

- `cpsc_json`: the CPSC Recall Retrieval API's JSON, a top-level array of recalls;
- `generic_ndjson`: the generic recall format, one JSON object per line;
- `generic_csv`: the generic recall format as CSV with a header row.

`parse` takes the bytes as received (already decompressed: `recall_screen.ingest` owns
decompression and its limits) and returns the normalised recalls with every problem found.
"""

from __future__ import annotations

from recall_screen.parsers import cpsc, generic
from recall_screen.parsers.common import (
    FormatError,
    ParseResult,
    RecordError,
    RecordWarning,
    decode,
)

GZIP_MAGIC = b"\x1f\x8b"

__all__ = [
    "GZIP_MAGIC",
    "FormatError",
    "ParseResult",
    "RecordError",
    "RecordWarning",
    "detect_format",
    "is_gzip",
    "parse",
]


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def detect_format(data: bytes) -> str:
    """The format of the content: "cpsc_json", "generic_ndjson" or "generic_csv".
    Raises FormatError for what is none of them (empty, compressed, binary, XML)."""
    _refuse_binary(data)
    text, _, _ = decode(data[:65_536])
    return _detect_text(text)


def parse(data: bytes, source_hint: str | None = None) -> ParseResult:
    """Every record of the file, normalised, with the errors and warnings met on the way.

    `source_hint` is the drop folder (e.g. "cpsc"); the format never depends on it, and the records
    keep their own regulator names (what users see). Raises FormatError when the file as a whole
    is unreadable (invalid JSON, a CSV header without a required column, binary data)."""
    _refuse_binary(data)
    text, encoding, warnings = decode(data)
    fmt = _detect_text(text)
    try:
        if fmt == "cpsc_json":
            result = cpsc.parse_text(text)
        elif fmt == "generic_ndjson":
            result = generic.parse_ndjson(text)
        else:
            result = generic.parse_csv(text)
    except FormatError as exc:
        raise FormatError(f"{fmt}: {exc}") from None
    result.encoding = encoding
    result.warnings[:0] = warnings
    return result


def _refuse_binary(data: bytes) -> None:
    if not data.strip():
        raise FormatError("the file is empty")
    if is_gzip(data):
        raise FormatError("gzip-compressed data: decompress it first (ingest.read_drop does, within limits)")
    if data[:4] == b"PK\x03\x04":
        raise FormatError("a ZIP archive (or an Excel workbook): export the list as CSV, NDJSON or JSON")
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError("binary data, not a text recall list")


def _detect_text(text: str) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise FormatError("the file is empty")
    first = stripped[0]
    if first == "[":
        return "cpsc_json"
    if first == "{":
        return "generic_ndjson"
    if first == "<":
        raise FormatError("XML or HTML: not a supported recall format (CPSC JSON, NDJSON or CSV)")
    return "generic_csv"
