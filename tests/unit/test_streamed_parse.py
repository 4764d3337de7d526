"""Drops are parsed as a stream: the same file read whole or a few bytes at a time gives the same
recalls, errors, warnings and refusals; a whole-history export is accepted under the default
limits and read in bounded memory; the gzip guards still refuse before any parsing."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from recall_screen.ingest import Limits, read_drop
from recall_screen.parsers import FormatError, ParseResult, parse
from recall_screen.parsers.common import StreamDecoder, decode
from shared_data import SHARED_RECALL_FILES, SHARED_RECALLS

DATA = Path(__file__).resolve().parents[1] / "data" / "recalls"
MIB = 1024 * 1024


def chunks(data: bytes, size: int) -> Iterator[bytes]:
    for at in range(0, len(data), size):
        yield data[at : at + size]


def summary(result: ParseResult) -> dict[str, Any]:
    return {
        "format": result.format,
        "encoding": result.encoding,
        "read": result.read,
        "records": [r.model_dump() for r in result.records],
        "positions": result.positions,
        "errors": result.errors,
        "warnings": result.warnings,
        "withdrawn": result.withdrawn,
        "rules": [r.to_json() for r in result.rules],
    }


def outcome(data: bytes | Iterator[bytes]) -> dict[str, Any] | str:
    try:
        return summary(parse(data))
    except FormatError as exc:
        return f"FormatError: {exc}"


CPSC_ITEM = {
    "RecallNumber": "26101",
    "Title": "Velmora Trail Strollers Recalled",
    "Description": "Model VT-200™ é",
}
CRAFTED = {
    "cpsc": json.dumps([CPSC_ITEM, {**CPSC_ITEM, "RecallNumber": "26102"}], indent=2).encode(),
    "cpsc crlf bom": b"\xef\xbb\xbf \r\n" + json.dumps([CPSC_ITEM]).replace(", ", ",\r\n").encode(),
    "cpsc cp1252 bytes": json.dumps([CPSC_ITEM]).encode().replace(b"Model", b"Mod\x92el \xff"),
    "cpsc numbers": b"[12345, 6789012, " + json.dumps(CPSC_ITEM).encode() + b"]",
    "cpsc empty": b" [ \n ] \n",
    "cpsc late error": json.dumps([CPSC_ITEM] * 3, indent=1).encode()[:-3] + b"},, ]",
    "cpsc extra data": json.dumps([CPSC_ITEM]).encode() + b"\n\n  [1]",
    "cpsc trailing comma": json.dumps([CPSC_ITEM]).encode()[:-1] + b",]",
    "cpsc unterminated": json.dumps([CPSC_ITEM]).encode()[:-20],
    "ndjson crlf": (
        b'{"source": "EU", "recall_id": "A1", "title": "Kettle (Brandx) \xc2\xb7 Wasserkocher"}\r\n\r\n'
        b'{"source": "EU", "recall_id": "A2", "title": "Lamp", "models": ["LX-20", "LX-30"]}\r\n'
        b"not json\r\n"
        b'{"source": "EU", "recall_id": "A3", "title": "Toy\xe2\x80\xa8car", "gtins": "4006381333931"}'
    ),
    "ndjson spread object": b'{\n  "source": "EU",\n  "recall_id": "A1",\n  "title": "Lamp"\n}\n',
    "ndjson latin1": b'{"source": "EU", "recall_id": "A1", "title": "Caf\xe9 lamp \x96 KX-20"}\n',
    "csv quoted lines": (
        b'source;recall_id;title;models\r\nUK;U1;"Heater\r\nwith two lines";HX-10|HX-20\r\n'
        b'UK;U2;"Fan ""Breeze""";\r\nUK;U3;Toy\rUK;U4;Bike;B-7\n'
    ),
    "csv bom utf16": "\ufeffsource,recall_id,title\nUK,U1,Heater HX-10\n".encode("utf-16"),
    "csv missing column": b"source,title\nUK,Heater\n",
    "white space only": b" \r\n\t\x0b\x0c ",
    "vertical tab first": b"\x0b\x0c[]",
    "binary": b"abc\x00def",
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
@pytest.mark.parametrize("size", [1, 2, 3, 5, 64])
def test_a_crafted_file_parses_alike_whole_and_in_small_chunks(name: str, size: int) -> None:
    data = CRAFTED[name]
    assert outcome(chunks(data, size)) == outcome(data)


FILES = [SHARED_RECALLS / f for f in SHARED_RECALL_FILES] + sorted(DATA.iterdir())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_recall_file_parses_alike_whole_and_in_chunks(path: Path) -> None:
    data = path.read_bytes()
    whole = outcome(data)
    for size in (997, 65_536):
        assert outcome(chunks(data, size)) == whole


def test_a_json_error_is_placed_in_the_whole_text() -> None:
    data = json.dumps([CPSC_ITEM] * 400, indent=1).encode()[:-3] + b"}, x]"
    with pytest.raises(json.JSONDecodeError) as whole:
        json.loads(data)
    assert whole.value.lineno > 2000
    place = f"invalid JSON at line {whole.value.lineno}, column {whole.value.colno}: Expecting value"
    for size in (7, 4096, len(data)):
        with pytest.raises(FormatError, match=place):
            parse(chunks(data, size))


# -- a whole-history export -------------------------------------------------------------------------


def _history_ndjson(records: int) -> bytes:
    """A generic NDJSON list of `records` recalls, each carrying 20 KB of a field the format
    does not know (ignored), so that the file is large but cheap to parse."""
    pad = "x" * 20_000
    lines = [
        json.dumps({"source": "EU", "recall_id": f"E{i}", "title": f"Kettle KX-{i}", "notes": pad})
        for i in range(records)
    ]
    return ("\n".join(lines) + "\n").encode()


def _history_cpsc(records: int) -> bytes:
    """A CPSC API array on one line, as the API sends it, each recall with a 20 KB field."""
    pad = "x" * 20_000
    items = [{**CPSC_ITEM, "RecallNumber": f"27{i:05d}", "Notes": pad} for i in range(records)]
    return json.dumps(items, separators=(",", ":")).encode()


def _peak_while(data: bytes, name: str) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        result = read_drop(data, name=name, source="history", limits=Limits())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


@pytest.mark.parametrize(("make", "name"), [(_history_ndjson, "eu.ndjson"), (_history_cpsc, "cpsc.json")])
def test_a_whole_history_export_is_accepted_by_default_and_read_in_bounded_memory(
    make: Any, name: str
) -> None:
    data = make(1_100)  # 22 MB: over the 20 MiB that once refused a whole-history export
    assert len(data) > 21 * MIB
    for dropped, label in ((data, name), (gzip.compress(data, 1), name + ".gz")):
        result, peak = _peak_while(dropped, label)
        assert result.accepted, result.reason
        assert len(result.recalls) == 1_100
        # Read whole, the text alone would be 22 MB (and the inflated bytes 22 MB more); streamed,
        # the parser holds a few 1 MiB pieces and the recalls.
        assert peak < 12 * MIB, f"{label}: {peak:,} bytes at peak for a {len(data):,}-byte file"


def test_a_gzip_drop_over_the_decompressed_limit_is_refused_before_parsing() -> None:
    data = gzip.compress(_history_ndjson(200), 1)
    outcome = read_drop(data, name="eu.ndjson.gz", source="eu", limits=Limits(max_decompressed_bytes=1 * MIB))
    assert not outcome.accepted
    assert "decompresses to more than the limit of 1,048,576 bytes" in (outcome.reason or "")
    assert outcome.report.read == 0  # refused before a record was parsed


def test_a_truncated_gzip_drop_is_refused_as_such_not_as_invalid_json() -> None:
    whole = gzip.compress(_history_cpsc(50))
    data = whole[: len(whole) // 2]
    outcome = read_drop(data, name="cpsc.json.gz", source="cpsc", limits=Limits())
    assert not outcome.accepted and "truncated gzip" in (outcome.reason or "")


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_the_first_byte_not_utf8_is_placed_as_the_whole_file_places_it(size: int) -> None:
    data = "Lámpara Quillo ½ – ".encode() * 5 + b"caf\xe9 " + "Tarvo ü".encode() + b"\x92 end"
    stream = StreamDecoder(data[i : i + size] for i in range(0, len(data), size))
    text = "".join(stream.pieces())
    whole, encoding, warnings = decode(data)
    assert (text, stream.encoding, stream.warnings) == (whole, encoding, warnings)
    assert f"first at byte {data.index(b'caf') + 3})" in repr(stream.warnings[0])
