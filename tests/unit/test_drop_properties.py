"""Property-based tests of every recall parser, through `ingest.read_drop` (what the builder calls).

Whatever a regulator (or anyone who can write to the bucket) drops, the drop is judged whole:

* never a crash: `read_drop` returns; its last-resort net for parser bugs ("could not be parsed")
  is never what answers, so every refusal is a documented one (unreadable, empty, too many
  invalid records, over a limit);
* never a partial index: either the drop is accepted with a report and its recalls (which survive
  the catalogue's own encoding) or the recalls it withdraws, or it is rejected with a one-line
  reason and nothing.

Inputs: arbitrary bytes (also behind each format's first byte, so every parser sees them), records
of every format whose fields hold any JSON value, JSON nested deeper than the recursion limit,
huge strings and odd Unicode (lone surrogates, NUL, bidi overrides, BOMs, line separators).
Examples are few and small so `make test` stays quick; hypothesis keeps the failures it finds in
.hypothesis/ and tries them first next time.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from recall_screen.catalog.state import decode_recalls, encode_recalls
from recall_screen.ingest import DropOutcome, Limits, read_drop

LIMITS = Limits(max_bytes=4 * 1024 * 1024, max_decompressed_bytes=8 * 1024 * 1024)
FAST = settings(
    max_examples=40,
    deadline=5_000,  # ms per example, about four times the slowest seen: a quadratic pass fails it
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PARSER_BUG = "could not be parsed"  # ingest's net for an exception a parser should not raise

ODD = [
    "\x00", "\ud800", "\udfff", "\u202e", "\u200b", "\ufeff", "\u2028", "\r", "\t", "İ", "ß", "ﬃ",
    "e\u0301", "😀", "Ｗｉｄｇｅｔ", "\U0010ffff", "\x7f", "\\", '"', ",", "|", ";", "·", "()",
]  # fmt: skip
odd_text = st.lists(st.one_of(st.characters(), st.sampled_from(ODD)), max_size=30).map("".join)
text = odd_text
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=12,
)

GENERIC_FIELDS = [
    "product_name", "brand", "models", "gtins", "category", "hazard", "remedy", "url", "published",
    "jurisdictions", "description", "other_texts", "upc", "model", "withdrawn",
]  # fmt: skip
generic_record = st.fixed_dictionaries(
    {"source": json_value, "recall_id": json_value, "title": json_value},
    optional={name: json_value for name in GENERIC_FIELDS},
)
generic_plausible = st.fixed_dictionaries(
    {"source": st.sampled_from(["CPSC", "EU Safety Gate"]), "recall_id": odd_text, "title": text},
    optional={name: st.one_of(text, st.lists(text, max_size=3)) for name in GENERIC_FIELDS},
)
CPSC_FIELDS = [
    "RecallID", "Title", "Description", "URL", "RecallDate", "Products", "ProductUPCs",
    "Manufacturers", "Importers", "Distributors", "Hazards", "Remedies", "RemedyOptions",
]  # fmt: skip
cpsc_record = st.one_of(
    json_value,
    st.fixed_dictionaries({"RecallNumber": json_value}, optional={name: json_value for name in CPSC_FIELDS}),
    st.fixed_dictionaries(
        {"RecallNumber": odd_text, "Title": text},
        optional={
            "Products": st.lists(
                st.fixed_dictionaries({}, optional={k: json_value for k in ("Name", "Model", "Type")}),
                max_size=3,
            ),
            "ProductUPCs": st.lists(st.fixed_dictionaries({"UPC": json_value}), max_size=3),
            "Description": text,
        },
    ),
)


def judged_whole(data: bytes, *, source: str = "cpsc") -> DropOutcome:
    """The drop's outcome, checked for the two properties every drop has."""
    outcome = read_drop(data, name="drop", source=source, limits=LIMITS)
    report = outcome.report
    document = json.dumps(report.to_dict(), ensure_ascii=False).encode()  # plain JSON, UTF-8
    assert json.loads(document)["accepted"] is outcome.accepted is report.accepted
    if outcome.accepted:
        assert outcome.reason is None
        assert outcome.recalls or outcome.withdrawn  # a list, or a file of withdrawals
        assert report.accepted_records == len(outcome.recalls)
        for recall in outcome.recalls:
            assert recall.source.strip() and recall.recall_id.strip() and recall.title.strip()
        assert decode_recalls(encode_recalls(outcome.recalls)) == outcome.recalls
    else:
        assert outcome.recalls == [] and outcome.withdrawn == []
        assert isinstance(outcome.reason, str) and outcome.reason and "\n" not in outcome.reason
        assert not outcome.reason.startswith(PARSER_BUG), outcome.reason
    return outcome


def ndjson(records: list[Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8", "surrogatepass")


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


@FAST
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes) -> None:
    judged_whole(data)


@FAST
@given(st.sampled_from([b"[", b"{", b"source,recall_id,title\n", b"\x1f\x8b", b"\xef\xbb\xbf"]), st.binary())
def test_arbitrary_bytes_behind_each_formats_first_bytes(head: bytes, tail: bytes) -> None:
    judged_whole(head + tail)


@FAST
@given(st.lists(st.one_of(generic_record, generic_plausible, json_value), max_size=8))
def test_generic_ndjson_with_any_values(records: list[Any]) -> None:
    judged_whole(ndjson(records))


@FAST
@given(
    st.lists(
        st.sampled_from(["source", "recall_id", "title", *GENERIC_FIELDS, "", "Recall ID"]), max_size=10
    ),
    st.lists(st.lists(text, max_size=12), max_size=6),
)
def test_generic_csv_with_any_cells(extra_columns: list[str], rows: list[list[str]]) -> None:
    judged_whole(csv_bytes(["source", "recall_id", "title", *extra_columns], rows))


@FAST
@given(st.lists(cpsc_record, max_size=6))
def test_cpsc_json_with_any_values(records: list[Any]) -> None:
    judged_whole(json.dumps(records, ensure_ascii=False).encode("utf-8", "surrogatepass"))


@FAST
@given(
    st.integers(min_value=1, max_value=60_000),
    st.sampled_from(["top", "field", "line", "cpsc_field"]),
    st.sampled_from(["[", "{"]),
)
def test_nesting_deeper_than_the_recursion_limit(depth: int, where: str, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    inner = (opener if opener == "[" else '{"a":') * depth + ("1" if opener == "{" else "") + closer * depth
    documents = {
        "top": inner,
        "field": json.dumps({"source": "CPSC", "recall_id": "1", "title": "Widget"})[:-1]
        + f', "x": {inner}}}\n',
        "line": json.dumps({"source": "CPSC", "recall_id": "1", "title": "Widget"}) + "\n" + inner + "\n",
        "cpsc_field": f'[{{"RecallNumber": "1", "Title": "Widget", "Products": {inner}}}]',
    }
    judged_whole(documents[where].encode())


@FAST
@given(st.sampled_from(["recall_id", "title", "x", "models"]), st.integers(4_000, 20_000))
def test_numbers_longer_than_python_converts(field: str, digits: int) -> None:
    number = "9" * digits
    base = {"source": "CPSC", "recall_id": "1", "title": "Widget"}
    line = json.dumps(base)[:-1] + f', "{field}": {number}}}' if field not in base else None
    if line is None:
        line = json.dumps({**base, field: "@"}).replace('"@"', number)
    ok = json.dumps({"source": "CPSC", "recall_id": "2", "title": "Gadget"})
    outcome = judged_whole("\n".join([ok] * 9 + [line]).encode())
    assert outcome.accepted  # one bad record in ten: counted, not the whole file refused
    judged_whole(f'[{{"RecallNumber": {number}, "Title": "Widget"}}]'.encode())


@FAST
@given(
    st.sampled_from(["ndjson", "csv", "cpsc"]),
    st.sampled_from(["source", "recall_id", "title", "models", "gtins", "description", "brand", "x"]),
    st.sampled_from(["A", "Ω", "😀", "9", " ", "a|b;", "KY-055 ", "\ud800", "0012345678905 "]),
    st.integers(min_value=1_000, max_value=300_000),
)
def test_huge_strings_in_any_field(fmt: str, field: str, unit: str, length: int) -> None:
    huge = (unit * (length // len(unit) + 1))[:length]
    record = {"source": "CPSC", "recall_id": "1", "title": "Widget recalled", field: huge}
    if fmt == "ndjson":
        data = ndjson([record, {"source": "CPSC", "recall_id": "2", "title": "Gadget"}])
    elif fmt == "csv":
        data = csv_bytes(list(record), [list(record.values())])
    else:
        cpsc_names = {"recall_id": "RecallNumber", "title": "Title", "description": "Description"}
        data = json.dumps([{cpsc_names.get(k, k): v for k, v in record.items()}]).encode()
    judged_whole(data)


@FAST
@given(st.lists(generic_plausible, min_size=1, max_size=5))
def test_gzip_of_any_list(records: list[Any]) -> None:
    judged_whole(gzip.compress(ndjson(records), mtime=0))
