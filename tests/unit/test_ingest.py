"""A regulator's drop as a whole: size limits, gzip (and gzip bombs), zero records, duplicates,
the invalid-record threshold, and the report written for every drop."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tracemalloc
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from recall_screen.ingest import Limits, gunzip_limited, read_drop
from shared_data import SHARED_RECALL_FILES, SHARED_RECALLS

DATA = Path(__file__).resolve().parents[1] / "data" / "recalls"
SHARED = SHARED_RECALLS
SHARED_FILES = SHARED_RECALL_FILES
NOW = datetime(2026, 10, 4, 12, 0, tzinfo=UTC)
MIB = 1024 * 1024


def shared(relative: str) -> bytes:
    path = SHARED / relative
    assert path.is_file(), f"shared data file missing: {path}"
    return path.read_bytes()


def drop(data: bytes, name: str = "drop.json", source: str = "cpsc", limits: Limits | None = None):
    return read_drop(data, name=name, source=source, limits=limits or Limits(), now=NOW)


def gzip_bomb(size: int) -> bytes:
    """`size` bytes of zeros, gzipped without holding them in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MIB)
    parts = [compressor.compress(zeros) for _ in range(size // MIB)]
    parts.append(compressor.flush())
    return b"".join(parts)


# -- every shared file ---------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", SHARED_FILES)
def test_every_shared_file_is_accepted(relative: str) -> None:
    folder = relative.split("/")[0]
    outcome = drop(shared(relative), name=relative.rsplit("/", 1)[1], source=folder)
    assert outcome.accepted, outcome.reason
    assert outcome.reason is None
    report = outcome.report
    assert report.accepted and report.read == len(outcome.recalls) == report.accepted_records
    assert report.rejected_records == 0 and report.duplicates == 0


def test_bluestar_drop_reports_its_model_numbers() -> None:
    outcome = drop(shared("cpsc_api/gsa_recalls_api_vcr_response_BlueStar_2018-09-26.json"))
    ids = {i.recall_id: i for i in outcome.report.identifiers}
    assert {"RCS304BV2", "RCS366BV2"} <= set(ids["18218"].models)
    assert outcome.report.totals["models"] >= 280


def test_cpsc_drop_reports_gtins_and_totals() -> None:
    outcome = drop(shared("cpsc_api/cpsc_recalls.json"))
    report = outcome.report.to_dict()
    assert report["accepted"] is True and report["format"] == "cpsc_json"
    assert report["totals"]["recalls"] == 956
    assert report["totals"]["gtins"] >= 25 and report["totals"]["unchecked_gtins"] >= 6
    alliance = next(i for i in report["identifiers"] if i["recall_id"] == "21022")
    assert alliance["gtins"] == ["00816153011219", "00816153011677"]
    assert report["sources"] == {"CPSC": 956}
    json.dumps(report)  # the report is plain JSON


def test_a_generic_file_keeps_each_records_own_regulator() -> None:
    lines = [
        {"source": "ACCC", "recall_id": "1", "title": "Kettle"},
        {"source": "Product Safety NZ", "recall_id": "1", "title": "Kettle"},
    ]
    outcome = drop("\n".join(json.dumps(x) for x in lines).encode(), name="joint.ndjson", source="anz")
    assert outcome.accepted
    assert [r.source for r in outcome.recalls] == ["ACCC", "Product Safety NZ"]  # not duplicates
    assert outcome.report.source == "anz"


# -- the report ----------------------------------------------------------------------------------------


def test_report_fields_and_timestamps() -> None:
    data = (DATA / "cpsc_slice.json").read_bytes()
    outcome = read_drop(
        data,
        name="cpsc_slice.json",
        source="cpsc",
        limits=Limits(),
        received_at="2026-10-04T11:59:00+00:00",
        now=NOW,
    )
    report = outcome.report.to_dict()
    assert report["file"] == "cpsc_slice.json" and report["source"] == "cpsc"
    assert report["bytes"] == len(data) and report["decompressed_bytes"] is None
    assert report["index_version"] is None
    assert report["received_at"] == "2026-10-04T11:59:00+00:00"
    assert report["processed_at"] == NOW.isoformat()
    assert report["read"] == 10 and report["accepted_records"] == 10
    first_warning = report["warnings"][0]
    assert set(first_warning) >= {"position", "field", "reason", "recall_id"}


# -- hostile drops -------------------------------------------------------------------------------------


def test_truncated_json_is_rejected_naming_the_problem() -> None:
    outcome = drop((DATA / "hostile_truncated.json").read_bytes(), name="recalls-2026-10.json")
    assert not outcome.accepted and outcome.recalls == []
    assert outcome.reason.startswith("unreadable: cpsc_json: invalid JSON at line")
    assert outcome.report.file == "recalls-2026-10.json"
    assert "\n" not in outcome.reason
    assert outcome.report.reason == outcome.reason and not outcome.report.accepted


def test_latin1_csv_is_accepted_and_decoded() -> None:
    outcome = drop((DATA / "hostile_latin1.csv").read_bytes(), name="eu.csv", source="eu_safety_gate")
    assert outcome.accepted, outcome.reason
    assert any(r.brands == ["Renée Blanche"] for r in outcome.recalls)
    assert any("cp1252" in w.reason for w in outcome.report.warnings)


def test_csv_missing_a_required_column_is_rejected_naming_the_column() -> None:
    outcome = drop((DATA / "hostile_missing_column.csv").read_bytes(), name="uk.csv", source="uk_opss")
    assert not outcome.accepted
    assert "lacks required column(s) recall_id" in outcome.reason


@pytest.mark.parametrize(("data", "message"), [(b"[]", "no records"), (b"", "empty"), (b"\n\n", "empty")])
def test_zero_records_is_rejected(data: bytes, message: str) -> None:
    outcome = drop(data)
    assert not outcome.accepted
    assert message in outcome.reason


def test_a_csv_with_only_a_header_is_rejected() -> None:
    outcome = drop(b"source,recall_id,title\n", name="uk.csv")
    assert not outcome.accepted and "no records" in outcome.reason


def test_duplicate_recall_ids_are_counted_and_reported() -> None:
    outcome = drop(
        (DATA / "hostile_duplicates.ndjson").read_bytes(), name="eu.ndjson", source="eu_safety_gate"
    )
    assert outcome.accepted
    report = outcome.report
    assert report.read == 7 and report.duplicates == 3 and report.accepted_records == 4
    ids = [r.recall_id for r in outcome.recalls]
    assert len(ids) == len(set(ids)) == 4
    assert ids[0] == "SR/02645/26", "the first occurrence keeps its place"
    # The most complete copy of SR/02645/26 (with a model number) is the one kept.
    assert outcome.recalls[0].models == ["FM-2601"]
    dup_warnings = [w for w in report.warnings if "duplicate" in w.reason]
    assert [w.position for w in dup_warnings] == [3, 5, 7]
    assert all(w.field == "recall_id" and w.recall_id for w in dup_warnings)


def test_invalid_share_over_the_threshold_rejects_the_drop() -> None:
    data = (DATA / "hostile_mostly_invalid.ndjson").read_bytes()
    outcome = drop(data, name="accc.ndjson", source="accc")
    assert not outcome.accepted
    assert "3 of 6 records invalid (50%)" in outcome.reason
    assert "record 2 title" in outcome.reason  # the first problem, named
    assert outcome.report.rejected_records == 3 and outcome.report.invalid_share == 0.5
    assert [e.position for e in outcome.report.errors] == [2, 3, 5]


def test_invalid_share_under_a_raised_threshold_is_accepted_with_errors_reported() -> None:
    data = (DATA / "hostile_mostly_invalid.ndjson").read_bytes()
    outcome = drop(data, name="accc.ndjson", source="accc", limits=Limits(max_invalid_share=0.5))
    assert outcome.accepted
    assert len(outcome.recalls) == 3
    assert outcome.report.rejected_records == 3 and len(outcome.report.errors) == 3


def test_a_malformed_upc_is_reported_while_the_record_is_kept() -> None:
    outcome = drop((DATA / "hostile_upcs.json").read_bytes())
    assert outcome.accepted
    assert outcome.report.rejected_records == 0
    (error,) = outcome.report.errors
    assert error.field == "ProductUPCs" and error.rejected is False and "UPC-816153" in error.reason
    (ids,) = outcome.report.identifiers
    assert ids.gtins == ["00816153011219", "00083321545504"]  # the 11-digit UPC canonicalised
    assert ids.unchecked_gtins == ["00816153011678"]


def test_a_file_over_the_byte_limit_is_rejected_before_parsing() -> None:
    data = (DATA / "cpsc_slice.json").read_bytes()
    outcome = drop(data, limits=Limits(max_bytes=len(data) - 1))
    assert not outcome.accepted
    assert "over the limit" in outcome.reason and f"{len(data):,} bytes" in outcome.reason
    assert outcome.report.format is None  # never parsed


def test_an_uncompressed_file_over_the_decompressed_limit_is_rejected() -> None:
    data = (DATA / "cpsc_slice.json").read_bytes()
    outcome = drop(data, limits=Limits(max_decompressed_bytes=1000))
    assert not outcome.accepted and "over the limit" in outcome.reason


def test_a_gzipped_valid_file_is_accepted() -> None:
    raw = shared("generic/uk_opss.csv")
    outcome = drop(gzip.compress(raw), name="uk_opss.csv.gz", source="uk_opss")
    assert outcome.accepted, outcome.reason
    assert outcome.report.format == "generic_csv"
    assert outcome.report.decompressed_bytes == len(raw)
    assert outcome.report.bytes < len(raw)
    assert len(outcome.recalls) == 141


def test_a_gzipped_file_is_recognised_by_its_bytes_not_its_name() -> None:
    outcome = drop(gzip.compress((DATA / "cpsc_slice.json").read_bytes()), name="cpsc.json")
    assert outcome.accepted and outcome.report.format == "cpsc_json"


def test_concatenated_gzip_members_are_read() -> None:
    lines = (DATA / "eu_safety_gate_slice.ndjson").read_bytes().splitlines(keepends=True)
    data = gzip.compress(b"".join(lines[:3])) + gzip.compress(b"".join(lines[3:]))
    outcome = drop(data, name="eu.ndjson.gz", source="eu_safety_gate")
    assert outcome.accepted and len(outcome.recalls) == len(lines)


def test_a_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = gzip_bomb(50 * MIB)
    assert len(bomb) < 100_000
    tracemalloc.start()
    try:
        outcome = drop(bomb, name="bomb.json.gz", limits=Limits(max_decompressed_bytes=5 * MIB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not outcome.accepted
    assert "decompresses to more than the limit of 5,242,880 bytes" in outcome.reason
    assert peak < 20 * MIB, f"inflated {peak:,} bytes to refuse a 50 MiB bomb"


def test_a_gzip_bomb_over_the_default_limit_is_refused() -> None:
    outcome = drop(gzip_bomb(Limits().max_decompressed_bytes + MIB), name="bomb.gz")
    assert not outcome.accepted and "gzip bomb" in outcome.reason


def whole_history(size: int) -> bytes:
    """A CPSC API export of at least `size` bytes, most of it what a whole-history dump carries
    beside each notice (image lists): many small objects per recall."""
    images = [{"URL": f"https://www.cpsc.gov/s3fs-public/{i}.png"} for i in range(2_000)]
    records, total, n = [], 0, 0
    while total < size:
        record = {
            "RecallNumber": f"9{n:05d}",
            "Title": f"Velmora Trail {n} Strollers Recalled",
            "Images": images,
        }
        records.append(json.dumps(record))
        total += len(records[-1]) + 1
        n += 1
    return ("[" + ",".join(records) + "]").encode()


def test_a_whole_history_export_is_accepted_by_default_and_read_one_recall_at_a_time() -> None:
    data = whole_history(24 * MIB)  # over the 20 MiB the limit used to be
    tracemalloc.start()
    try:
        outcome = drop(data, name="cpsc_all.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.accepted, outcome.reason
    assert outcome.report.read == outcome.report.accepted_records == len(outcome.recalls) > 200
    # Read whole, its objects would take several times the file; read a recall at a time, the
    # file's text and the recalls are what stays.
    assert peak < 3 * len(data), f"{peak:,} bytes allocated to read a {len(data):,}-byte export"


def test_gunzip_limited_stops_at_the_limit() -> None:
    with pytest.raises(Exception, match="more than the limit"):
        gunzip_limited(gzip_bomb(3 * MIB), 2 * MIB)
    assert gunzip_limited(gzip.compress(b"x" * 1000), 1000) == b"x" * 1000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (gzip.compress(b"[]")[:-12], "truncated gzip"),
        (b"\x1f\x8b" + b"not really gzip at all", "corrupt gzip"),
        (gzip.compress(gzip.compress(b"[]")), "gzip inside gzip"),
        (gzip.compress(b"[]") + b"garbage", "trailing data"),
    ],
)
def test_broken_gzip_is_rejected(data: bytes, message: str) -> None:
    outcome = drop(data, name="x.gz")
    assert not outcome.accepted and message in outcome.reason


# -- limits ---------------------------------------------------------------------------------------------


def test_limits_defaults() -> None:
    limits = Limits()
    assert (limits.max_bytes, limits.max_decompressed_bytes) == (256 * MIB, 512 * MIB)
    assert (limits.max_invalid_share, limits.min_records) == (0.2, 1)


def test_limits_from_env() -> None:
    env = {
        "RECALL_SCREEN_MAX_DROP_BYTES": "1000",
        "RECALL_SCREEN_MAX_DECOMPRESSED_BYTES": "5000",
        "RECALL_SCREEN_MAX_INVALID_SHARE": "0.05",
    }
    assert Limits.from_env(env) == Limits(max_bytes=1000, max_decompressed_bytes=5000, max_invalid_share=0.05)
    assert Limits.from_env({}) == Limits()


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"RECALL_SCREEN_MAX_DROP_BYTES": "20MB"}, "RECALL_SCREEN_MAX_DROP_BYTES"),
        ({"RECALL_SCREEN_MAX_INVALID_SHARE": "lots"}, "RECALL_SCREEN_MAX_INVALID_SHARE"),
        ({"RECALL_SCREEN_MAX_INVALID_SHARE": "1.5"}, "max_invalid_share"),
        ({"RECALL_SCREEN_MAX_DECOMPRESSED_BYTES": "-1"}, "positive"),
    ],
)
def test_limits_from_env_refuses_malformed_values(env: dict[str, str], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        Limits.from_env(env)


def test_ingestion_is_pure_python_without_boto3() -> None:
    code = (
        "import sys; import recall_screen.ingest, recall_screen.parsers, recall_screen.gtin; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_records_warning_names_its_line_as_its_errors_do() -> None:
    """A warning gave its record's position alone: in a file with blank or multi-line records the
    regulator had to count to find it."""
    data = (
        b'{"source":"ACCC","recall_id":"1","title":"Kettle"}\n\n'
        b'{"source":"ACCC","recall_id":"2","title":"Kettle","gtins":["012345678901"],"models":"A","models":"B"}\n'
    )
    report = read_drop(data, name="a.ndjson", source="accc").report
    assert {(w.position, w.field, w.line) for w in report.warnings} == {(2, "gtins", 3), (2, "models", 3)}
