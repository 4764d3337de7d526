"""Recall file parsers. The format is read from the content, never from the file name:

- `cpsc_json`: the CPSC Recall Retrieval API's JSON, a top-level array of recalls;
- `generic_ndjson`: the generic recall format, one JSON object per line;
- `generic_csv`: the generic recall format as CSV with a header row.

`parse` takes the bytes as received, or their chunks as a gzip stream inflates
(`recall_screen.ingest` owns decompression and its limits), reads the text a piece at a time,
and returns the normalised recalls with every problem found.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from recall_screen.parsers import cpsc, generic
from recall_screen.parsers.common import (
    FormatError,
    ParseResult,
    RecordError,
    RecordWarning,
    StreamDecoder,
    decode,
    windows,
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


def parse(data: bytes | Iterable[bytes], source_hint: str | None = None) -> ParseResult:
    """Every record of the file, normalised, with the errors and warnings met on the way.

    `data` is the file's bytes, or its bytes in order as chunks (a gzip stream as it inflates):
    either way the text is decoded and parsed a piece at a time, never held whole (the records
    are). `source_hint` is the drop folder (e.g. "cpsc"); the format never depends on it, and the
    records keep their own regulator names (what users see). Raises FormatError when the file as
    a whole is unreadable (invalid JSON, a CSV header without a required column, binary data)."""
    if isinstance(data, bytes | bytearray):
        _refuse_binary(data)
        chunks: Iterator[bytes] = windows(bytes(data))
    else:
        head, chunks = _head(iter(data))
        _refuse_binary(head)
    decoder = StreamDecoder(chunks)
    first, pieces = _first_content(decoder.pieces())
    fmt = _detect_first(first)
    try:
        if fmt == "cpsc_json":
            result = cpsc.parse_text(pieces)
        elif fmt == "generic_ndjson":
            result = generic.parse_ndjson(pieces)
        else:
            result = generic.parse_csv(pieces)
    except FormatError as exc:
        raise FormatError(f"{fmt}: {exc}") from None
    result.encoding = decoder.encoding
    result.warnings[:0] = decoder.warnings
    return result


_CONTENT = re.compile(rb"[^ \t\n\r\x0b\x0c]")  # what bytes.strip() keeps
_HEAD = 4096
_SPACE = "\ufeff \t\r\n"  # what is skipped before the first character tells the format


def _head(chunks: Iterator[bytes]) -> tuple[bytes, Iterator[bytes]]:
    """The first bytes of a chunked file, enough for `_refuse_binary` (its first 4 KiB and its
    first byte that is not white space, or all of it), and the chunks again from the start."""
    taken: list[bytes] = []
    size = 0
    content = False
    for chunk in chunks:
        taken.append(chunk)
        size += len(chunk)
        content = content or _CONTENT.search(chunk) is not None
        if content and size >= _HEAD:
            break
    return b"".join(taken), itertools.chain(taken, chunks)


def _first_content(pieces: Iterator[str]) -> tuple[str, Iterator[str]]:
    """The first character of the text that is not white space ("" when there is none), and the
    pieces again from the start."""
    taken: list[str] = []
    for piece in pieces:
        taken.append(piece)
        stripped = piece.lstrip(_SPACE)
        if stripped:
            return stripped[0], itertools.chain(taken, pieces)
    return "", iter(taken)


def _refuse_binary(data: bytes) -> None:
    if _CONTENT.search(data) is None:
        raise FormatError("the file is empty")
    if is_gzip(data):
        raise FormatError("gzip-compressed data: decompress it first (ingest.read_drop does, within limits)")
    if data[:4] == b"PK\x03\x04":
        raise FormatError("a ZIP archive (or an Excel workbook): export the list as CSV, NDJSON or JSON")
    head = data[:_HEAD]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError("binary data, not a text recall list")


def _detect_text(text: str) -> str:
    stripped = text.lstrip(_SPACE)
    return _detect_first(stripped[:1])


def _detect_first(first: str) -> str:
    """The format from the first character that is not white space ("" for none)."""
    if not first:
        raise FormatError("the file is empty")
    if first == "[":
        return "cpsc_json"
    if first == "{":
        return "generic_ndjson"
    if first == "<":
        raise FormatError("XML or HTML: not a supported recall format (CPSC JSON, NDJSON or CSV)")
    return "generic_csv"
