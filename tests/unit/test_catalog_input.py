"""Reading a catalogue in bounded memory: the items both entry points see, and the parts the state
machine's prepare step cuts (read back by the worker, they are the same items)."""

from __future__ import annotations

import gzip
import io
import json
from typing import Any

import pytest
from recall_screen import catalog_input
from recall_screen.catalog_input import CatalogUnreadable, catalogue_items, part_items, split_catalogue


def items_of(data: bytes, fmt: Any = "jsonl") -> list[dict[str, Any]]:
    return list(catalogue_items(io.BytesIO(data), fmt))


def through_parts(data: bytes, fmt: Any, size: int) -> list[dict[str, Any]]:
    items = []
    for part in split_catalogue(io.BytesIO(data), fmt, size):
        items += part_items(part.body, fmt, part.first_index, json.loads(json.dumps(part.errors)))
    return items


JSONL = b'\xef\xbb\xbf{"a": 1}\n\n  \n{"a": 2\n[3]\n\xff\xfe\n{"a": 4}'


def test_json_lines_items_keep_line_numbers_and_say_what_is_wrong() -> None:
    items = items_of(JSONL)
    assert items[0] == {"index": 0, "value": {"a": 1}}  # a byte-order mark is not part of line 1
    assert [item.get("line", item.get("index", -1) + 1) for item in items] == [1, 4, 5, 6, 7]
    assert items[1]["error"].startswith("line: not valid JSON")
    assert items[2] == {"index": 4, "value": [3]}  # not an object: the worker says so
    assert items[3]["error"] == "line: not UTF-8 text (byte 1)"
    assert items[4] == {"index": 6, "value": {"a": 4}}  # the last line, without its newline


def test_json_python_refuses_to_decode_is_an_invalid_line_not_a_failed_part() -> None:
    """Valid JSON that json.loads raises ValueError or RecursionError on: one hostile line failed
    its whole part on every retry, and with it the run."""
    data = b'{"a": 1}\n{"price": ' + b"1" * 5_000 + b"}\n" + b"[" * 100_000 + b"\n" + b'{"a": 4}\n'
    for items in (items_of(data), through_parts(data, "jsonl", 2)):
        assert items[0] == {"index": 0, "value": {"a": 1}} and items[3] == {"index": 3, "value": {"a": 4}}
        assert items[1]["line"] == 2 and items[1]["error"].startswith("line: unreadable JSON value")
        assert items[2] == {"line": 3, "error": "line: JSON nested too deeply"}


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_parts_read_back_are_the_same_items_plain_or_gzipped(size: int) -> None:
    assert through_parts(JSONL, "jsonl", size) == items_of(JSONL)
    assert through_parts(gzip.compress(JSONL), "jsonl", size) == items_of(JSONL)
    assert items_of(gzip.compress(JSONL)) == items_of(JSONL)  # gzip by its magic, not its name


def test_a_line_longer_than_the_limit_is_an_invalid_line_never_held(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog_input, "MAX_LINE_BYTES", 64)
    monkeypatch.setattr(catalog_input, "_TOO_LONG", "line: too long")
    data = b'{"a": 1}\n' + b'{"b": "' + b"x" * 500 + b'"}\n{"a": 3}\n'
    expected = [
        {"index": 0, "value": {"a": 1}},
        {"line": 2, "error": "line: too long"},
        {"index": 2, "value": {"a": 3}},
    ]
    assert items_of(data) == expected
    assert through_parts(data, "jsonl", 2) == expected
    (first, second) = split_catalogue(io.BytesIO(data), "jsonl", 2)
    assert first.errors == [{"line": 2, "error": "line: too long"}] and b"x" not in first.body
    assert (second.first_index, second.lines) == (2, 1)


CSV = (
    b"listing_id,title,ship_to\n"
    b'C-1,"Chess set, wooden\nhand-carved",US\n'
    b"\n"
    b"C-2,Lamp,US\n"
    b'C-3,"Kart ""ZK""",US,extra\n'
)


@pytest.mark.parametrize("size", [1, 2, 5])
def test_csv_records_span_lines_and_parts_keep_their_numbers(size: int) -> None:
    items = items_of(CSV, "csv")
    assert [item.get("index") for item in items] == [0, 1, None]
    assert items[0]["value"]["title"] == "Chess set, wooden\nhand-carved"
    # A cell past the header's is no column of the listing's: the record's cells cannot be trusted.
    assert items[2] == {"line": 4, "error": "line: 4 cells where the header has 3"}
    assert through_parts(CSV, "csv", size) == items
    assert through_parts(gzip.compress(CSV), "csv", size) == items


def test_a_truncated_gzip_or_a_csv_that_is_not_utf8_cannot_be_read() -> None:
    data = gzip.compress(b"".join(b'{"a": %d}\n' % n for n in range(5000)))
    with pytest.raises(CatalogUnreadable, match="cannot be read after line"):
        list(split_catalogue(io.BytesIO(data[: len(data) // 2]), "jsonl", 100))
    with pytest.raises(CatalogUnreadable, match="not UTF-8"):
        items_of(b"listing_id,title\nC-1,Caf\xe9\n", "csv")


def test_an_empty_catalogue_has_no_items_and_no_parts() -> None:
    assert items_of(b"") == [] and items_of(b"listing_id,title\n", "csv") == []
    assert list(split_catalogue(io.BytesIO(b""), "jsonl", 5)) == []
    assert list(split_catalogue(io.BytesIO(b"listing_id\n"), "csv", 5)) == []


def test_a_spreadsheets_csv_with_a_byte_order_mark_a_trailing_comma_or_a_column_named_twice() -> None:
    """A spreadsheet's "CSV UTF-8" opens with a byte-order mark: every row lacked its listing_id.
    A trailing comma is nothing; a column named twice leaves the listing's cell to a guess."""
    exported = b"\xef\xbb\xbflisting_id,title,ship_to\nC-1,Lamp,US,\n"
    for items in (items_of(exported, "csv"), through_parts(exported, "csv", 1)):
        assert items == [{"index": 0, "value": {"listing_id": "C-1", "title": "Lamp", "ship_to": "US"}}]
    with pytest.raises(CatalogUnreadable, match="names the column 'title' twice"):
        items_of(b"listing_id,title,title\nC-1,Lamp,Kettle\n", "csv")
    with pytest.raises(CatalogUnreadable, match="names the column 'title' twice"):
        list(split_catalogue(io.BytesIO(b"listing_id,title,title\nC-1,Lamp,Kettle\n"), "csv", 10))
