"""`recall-screen build-index` and `recall-screen screen`, run as a user runs them (in-process)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from recall_screen.catalog.publishing import load_current
from recall_screen_cli.console import CommandError
from recall_screen_cli.main import main
from recall_screen_cli.offline import FolderStorage, recall_lists
from recall_screen_cli.progress import INVALID, ScreenProgress
from shared_data import SHARED_RECALLS

SHARED = SHARED_RECALLS
DATA = Path(__file__).resolve().parents[1] / "data" / "recalls"


def shared_files() -> list[Path]:
    if not SHARED.is_dir():
        pytest.fail(f"the shared data set is missing: {SHARED}")
    folders = [SHARED / name for name in ("cpsc_api", "generic", "priority")]
    files = [p for folder in folders for p in sorted(folder.iterdir()) if p.is_file()]
    assert len(files) >= 8
    return files


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def test_every_shared_recall_file_builds_with_reports_of_what_was_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = shared_files()
    code, out, err = run(capsys, "build-index", *map(str, files), "--out", str(tmp_path))

    assert code == 0, err
    accepted = [line for line in out if line.startswith("accepted ")]
    assert len(accepted) == len(files)
    index = load_current(FolderStorage(tmp_path))
    assert index is not None
    for path, line in zip(files, accepted, strict=True):
        assert line.startswith(f"accepted {path}: ") and line.endswith(f"index {index.version}")
    # One record per recall: the priority list repeats recalls of the CPSC export, indexed once.
    assert len(set(index.recall_ids())) == len(index) < sum(s.recalls for s in index.sources.values())

    cpsc = json.loads((tmp_path / "reports/cpsc_recalls/cpsc_recalls.json.report.json").read_text())
    assert cpsc["outcome"] == "accepted" and cpsc["index_version"] == index.version
    assert cpsc["totals"]["models"] > 0 and cpsc["totals"]["gtins"] > 0
    bluestar = next(p for p in files if "BlueStar" in p.name)
    report = json.loads((tmp_path / f"reports/{bluestar.stem}/{bluestar.name}.report.json").read_text())
    models = {m for i in report["identifiers"] if i["recall_id"] == "18218" for m in i["models"]}
    assert {"RCS304BV2", "RCS366BV2"} <= models


def test_a_rejected_file_fails_the_command_with_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = DATA / "cpsc_slice.json", DATA / "hostile_truncated.json"
    code, out, err = run(capsys, "build-index", str(good), str(bad), "--out", str(tmp_path))

    assert code == 1
    rejected = [line for line in err if line.startswith("rejected ")]
    assert len(rejected) == 1
    assert rejected[0].startswith(f"rejected {bad}: ") and "invalid JSON" in rejected[0]
    assert any(line.startswith(f"accepted {good}: ") for line in out)
    # What was accepted is still published; the rejected file changed nothing but has its report.
    assert {"cpsc_slice"} == set(load_current(FolderStorage(tmp_path)).sources)
    report_path = tmp_path / "reports" / "hostile_truncated" / "hostile_truncated.json.report.json"
    report = json.loads(report_path.read_text())
    assert report["outcome"] == "rejected"


def test_missing_files_are_an_error_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "o"
    good = str(DATA / "cpsc_slice.json")
    code, _, err = run(capsys, "build-index", good, "nope.json", "--out", str(out_dir))
    assert code == 2
    assert err == ["error: nope.json: no such file"]
    assert not out_dir.exists()


def test_a_new_file_for_a_source_replaces_its_list_in_an_existing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cpsc, uk, eu = DATA / "cpsc_slice.json", DATA / "uk_opss_slice.csv", DATA / "eu_safety_gate_slice.ndjson"
    run(capsys, "build-index", str(cpsc), str(uk), "--out", str(tmp_path))
    code, _, _ = run(capsys, "build-index", str(eu), "--source", "uk_opss_slice", "--out", str(tmp_path))
    assert code == 0
    index = load_current(FolderStorage(tmp_path))
    assert set(index.sources) == {"cpsc_slice", "uk_opss_slice"}
    assert index.sources["uk_opss_slice"].file.endswith("eu_safety_gate_slice.ndjson")
    assert {source for source, _ in index.recall_ids()} == {"CPSC", "EU Safety Gate"}


LISTINGS = [
    '{"listing_id": "L-1", "title": "BlueStar RCS304BV2 gas range", "ship_to": "US"}',
    '{"listing_id": "L-2", "title": "Hand-carved wooden chess set"',
    '{"listing_id": "L-3", "brand": "no title here"}',
    '{"listing_id": "L-4", "title": "BlueStar RCS304BV2 gas range", "ship_to": "Germany"}',
    "",
    '["not", "an", "object"]',
    '{"listing_id": "L-7", "title": "BlueStar RCS304BV2 gas range", "ship_to": "DE"}',
]


def test_screen_writes_one_line_per_listing_in_order_with_errors_for_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listings = tmp_path / "listings.ndjson"
    listings.write_text("\n".join(LISTINGS) + "\n")
    recalls = SHARED / "cpsc_api" / "gsa_recalls_api_vcr_response_BlueStar_2018-09-26.json"
    code, out, err = run(capsys, "screen", "--recalls", str(recalls), "--listings", str(listings))

    assert code == 0, err
    lines = [json.loads(line) for line in out]
    assert len(lines) == len(LISTINGS)
    first, bad_json, no_title, bad_country, empty, not_object, abroad = lines
    assert first["listing_id"] == "L-1" and first["decision"] == "block"
    assert first["matches"][0]["recall_id"] == "18218"
    assert bad_json["line"] == 2 and bad_json["error"].startswith("invalid JSON")
    assert no_title["line"] == 3 and [f["field"] for f in no_title["fields"]] == ["title"]
    assert bad_country["line"] == 4 and [f["field"] for f in bad_country["fields"]] == ["ship_to"]
    assert empty["line"] == 5 and not_object["line"] == 6
    assert abroad["listing_id"] == "L-7" and abroad["decision"] == "allow"
    assert abroad["matches"][0]["recall_id"] == "18218" and abroad["matches"][0]["applicable"] is False


def test_a_listing_naming_bluestar_rcs304bv2_is_screened_to_recall_18218_from_a_built_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = shared_files()
    assert run(capsys, "build-index", *map(str, files), "--out", str(tmp_path / "idx"))[0] == 0
    listings = tmp_path / "l.ndjson"
    listings.write_text('{"listing_id": "L-1", "title": "BlueStar RCS304BV2", "ship_to": "US"}\n')
    out_file = tmp_path / "decisions.ndjson"
    code, out, _ = run(
        capsys,
        "screen",
        "--index",
        str(tmp_path / "idx"),
        "--listings",
        str(listings),
        "--out",
        str(out_file),
    )

    assert code == 0 and out == []
    (decision,) = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert decision["decision"] == "block"
    assert decision["matches"][0]["recall_id"] == "18218"
    assert decision["index_version"] == load_current(FolderStorage(tmp_path / "idx")).version


def test_screen_fails_on_missing_files_and_unusable_indexes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recalls = str(DATA / "cpsc_slice.json")
    code, _, _ = run(capsys, "screen", "--recalls", recalls, "--listings", "missing.ndjson")
    assert code == 2
    listings = tmp_path / "l.ndjson"
    listings.write_text('{"listing_id": "L-1", "title": "x"}\n')
    code, _, err = run(capsys, "screen", "--index", str(tmp_path), "--listings", str(listings))
    assert code == 2 and "no index" in err[0]

    run(capsys, "build-index", str(DATA / "cpsc_slice.json"), "--out", str(tmp_path))
    pointer = json.loads((tmp_path / "index/current.json").read_text())
    (tmp_path / pointer["artifact"]).write_bytes(b"\x1f\x8b corrupt")
    code, out, err = run(capsys, "screen", "--index", str(tmp_path), "--listings", str(listings))
    assert code == 2 and out == [] and "sha256" in err[0]


def test_two_files_that_would_be_the_same_list_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "elsewhere" / "cpsc_slice.json"
    copy.parent.mkdir()
    copy.write_bytes((DATA / "cpsc_slice.json").read_bytes())
    original = str(DATA / "cpsc_slice.json")
    code, _, err = run(capsys, "build-index", original, str(copy), "--out", str(tmp_path / "o"))
    assert code == 2 and "both be list 'cpsc_slice'" in err[0]
    assert not (tmp_path / "o").exists()


def test_screen_ends_with_the_count_of_each_decision_on_stderr_and_keeps_stdout_ndjson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listings = tmp_path / "listings.ndjson"
    listings.write_text("\n".join(LISTINGS) + "\n")
    recalls = SHARED / "cpsc_api" / "gsa_recalls_api_vcr_response_BlueStar_2018-09-26.json"
    code, out, err = run(capsys, "screen", "--recalls", str(recalls), "--listings", str(listings))

    assert code == 0
    assert err == ["screened 7 lines: 1 block, 0 review, 1 allow, 5 invalid"]
    assert len([json.loads(line) for line in out]) == len(LISTINGS)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_screen_progress_is_drawn_on_a_terminal_at_most_once_an_interval_then_replaced_by_the_summary() -> (
    None
):
    now = [0.0]
    terminal = Terminal()
    progress = ScreenProgress(terminal, interval=1.0, clock=lambda: now[0])
    progress.count("block")  # a batch shorter than the interval draws nothing
    now[0] = 1.0
    progress.count("allow")
    progress.count(INVALID)  # within the next interval: not drawn
    progress.finish()

    clear = "\r\x1b[K"
    assert terminal.getvalue() == (
        f"{clear}screening: 2 lines: 1 block, 0 review, 1 allow, 0 invalid"
        f"{clear}screened 3 lines: 1 block, 0 review, 1 allow, 1 invalid\n"
    )


def test_screen_progress_is_not_drawn_when_stderr_is_not_a_terminal() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = ScreenProgress(stream, interval=1.0, clock=lambda: now[0])
    for seconds in range(5):
        now[0] = float(seconds)
        progress.count("review")
    progress.finish()
    assert stream.getvalue() == "screened 5 lines: 0 block, 5 review, 0 allow, 0 invalid\n"


def test_out_into_folders_that_do_not_exist_creates_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "new" / "index"
    assert run(capsys, "build-index", str(DATA / "cpsc_slice.json"), "--out", str(index_dir))[0] == 0
    assert load_current(FolderStorage(index_dir)) is not None

    listings = tmp_path / "l.ndjson"
    listings.write_text('{"listing_id": "L-1", "title": "BlueStar RCS304BV2", "ship_to": "US"}\n')
    decisions = tmp_path / "new" / "decisions" / "today.ndjson"
    code, _, _ = run(
        capsys, "screen", "--index", str(index_dir), "--listings", str(listings), "--out", str(decisions)
    )
    assert code == 0 and len(decisions.read_text().splitlines()) == 1

    figures = tmp_path / "new" / "figures" / "evaluate.json"
    recalls = str(DATA / "cpsc_slice.json")
    code, _, _ = run(
        capsys, "evaluate", "--recalls", recalls, "--listings", str(listings), "--json", str(figures)
    )
    assert code == 0 and json.loads(figures.read_text())["listings"] == 1


def test_out_under_a_file_is_one_line_naming_it_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    code, out, err = run(capsys, "build-index", str(DATA / "cpsc_slice.json"), "--out", str(a_file))
    assert (code, out, err) == (2, [], [f"error: {a_file}: exists and is not a folder"])

    listings = tmp_path / "l.ndjson"
    listings.write_text('{"listing_id": "L-1", "title": "x"}\n')
    recalls = str(DATA / "cpsc_slice.json")
    out_file = str(a_file / "decisions.ndjson")
    code, out, err = run(
        capsys, "screen", "--recalls", recalls, "--listings", str(listings), "--out", out_file
    )
    assert (code, out, err) == (2, [], [f"error: {a_file}: exists and is not a folder"])


def test_evaluate_names_missing_files_in_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.ndjson"
    code, out, err = run(
        capsys, "evaluate", "--recalls", str(DATA / "cpsc_slice.json"), "--listings", str(missing)
    )
    assert (code, out, err) == (2, [], [f"error: {missing}: no such file"])


def _write_brindle_notices(path: Path, notices: list[tuple[str, str, str]]) -> None:
    """Generic-format notices of one firm's kick scooters: (recall id, title, description)."""
    path.write_text(
        "".join(
            json.dumps(
                {
                    "source": "CPSC",
                    "recall_id": rid,
                    "title": title,
                    "product_name": title,
                    "brand": "Brindle",
                    "description": text,
                    "jurisdictions": ["US"],
                }
            )
            + "\n"
            for rid, title, text in notices
        )
    )


def test_evaluate_counts_blocks_of_whole_recalls_apart_from_dated_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A listing of a recall that covers only some model years goes to a person by right: the
    # "whole-recall blocked" figure counts the listings of recalls that cover every unit alone.
    recalls = tmp_path / "recalls.ndjson"
    notices = [
        ("R-WHOLE", "Brindle Quillo 7 Kick Scooters", "This recall involves Brindle Quillo 7 kick scooters."),
        (
            "R-DATED",
            "Brindle Tovo 3 Kick Scooters",
            "This recall involves model year 2021 Brindle Tovo 3 kick scooters.",
        ),
    ]
    _write_brindle_notices(recalls, notices)
    listings = tmp_path / "labelled.ndjson"
    listings.write_text(
        "".join(
            json.dumps(
                {
                    "listing_id": f"L-{rid}",
                    "title": title,
                    "ship_to": "US",
                    "label": {"kind": "recalled", "recall_ids": [rid]},
                }
            )
            + "\n"
            for rid, title, _ in notices
        )
    )
    figures = tmp_path / "figures.json"
    code, out, err = run(
        capsys, "evaluate", "--recalls", str(recalls), "--listings", str(listings), "--json", str(figures)
    )
    assert code == 0, err
    result = json.loads(figures.read_text())
    assert result["name_only_blocked"] == 0.5  # the dated recall's listing is sent to review
    assert result["whole_recall_blocked"] == 1.0
    assert any(line.strip().startswith("whole-recall blocked") for line in out)


def test_evaluate_reports_real_market_text_apart_by_its_own_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Generated listings say how they were made (`variant`); real titles do not. The overall lines
    # mix both, so each kind is also reported alone, against its own targets (real text: caught
    # >= 95%, not the generated 97%). A real clean title sent to review counts apart when its
    # label is sure (`high`; `medium` says the notice covers only some units: review tolerable).
    notices = [
        ("R-1", "Brindle Quillo 7 Kick Scooters", "This recall involves Brindle Quillo 7 kick scooters."),
        (
            "R-2",
            "Brindle Tovo 3 Kick Scooters",
            "This recall involves Brindle Tovo 3 kick scooters with serial numbers beginning with T.",
        ),
    ]
    recalls = tmp_path / "recalls.ndjson"
    _write_brindle_notices(recalls, notices)
    rows = [
        (
            "G-1",
            "Brindle Quillo 7 Kick Scooter",
            {"kind": "recalled", "variant": "verbatim", "recall_ids": ["R-1"]},
        ),
        ("T-1", "Brindle Quillo 7 scooter", {"kind": "recalled", "recall_ids": ["R-1"]}),
        ("T-2", "Marrow garden hose 50 ft", {"kind": "recalled", "recall_ids": ["R-1"]}),
        ("T-3", "Tessel desk lamp", {"kind": "clean", "recall_ids": ["R-1"], "confidence": "high"}),
        (
            "T-4",
            "Brindle Tovo 3 kick scooter",
            {"kind": "clean", "recall_ids": ["R-2"], "confidence": "medium"},
        ),
        ("T-5", "Brindle Tovo 3 scooter", {"kind": "clean", "recall_ids": ["R-2"], "confidence": "high"}),
    ]
    listings = tmp_path / "labelled.ndjson"
    listings.write_text(
        "".join(
            json.dumps({"listing_id": lid, "title": title, "ship_to": "US", "label": label}) + "\n"
            for lid, title, label in rows
        )
    )
    figures = tmp_path / "figures.json"
    code, out, err = run(
        capsys, "evaluate", "--recalls", str(recalls), "--listings", str(listings), "--json", str(figures)
    )
    assert code == 0, err
    result = json.loads(figures.read_text())
    assert result["generated"]["caught"] == 1.0
    assert result["real_text"]["caught"] == 0.5  # the hose is no scooter: missed
    assert result["real_text"]["clean_blocked"] == 0.0
    assert result["real_text"]["clean_review"] == 2 / 3  # both serial-number siblings go to a person
    assert result["real_text"]["clean_review_high"] == 1 / 2  # of the two whose labels are sure
    assert result["caught"] == 2 / 3  # the overall lines still mix both
    real = out[out.index("real market text (labelled without a variant): 5") :]
    assert any(line.split()[:1] == ["caught"] and "target >= 95%: NOT MET" in line for line in real)


def test_recall_files_are_one_list_each_and_two_files_never_one_list() -> None:
    """`serve` and `screen-catalog` read `--recalls [SOURCE=]FILE` alike: a file without SOURCE is
    the list its name (or the command's default) gives; two files that would be one list are
    refused, since the second would silently replace the first."""
    assert recall_lists(["eu=alerts=2026.ndjson", "drops/cpsc_recalls.json.gz"]) == [
        ("eu", Path("alerts=2026.ndjson")),
        ("cpsc_recalls", Path("drops/cpsc_recalls.json.gz")),
    ]
    with pytest.raises(CommandError, match=r"old/cpsc\.json and new/cpsc\.json would both be list 'cpsc'"):
        recall_lists(["old/cpsc.json", "new/cpsc.json"])
    with pytest.raises(CommandError, match="would both be list 'cpsc'"):
        recall_lists(["a.json", "b.json"], default=lambda _: "cpsc")


def test_an_output_that_is_an_input_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out` naming the listings file emptied it before it was read, and said 'screened 0 lines'."""
    listings = tmp_path / "listings.ndjson"
    listings.write_text('{"listing_id": "L-1", "title": "Hand-carved wooden chess set"}\n')
    recalls = str(DATA / "cpsc_slice.json")
    code, _, err = run(
        capsys, "screen", "--recalls", recalls, "--listings", str(listings), "--out", str(listings)
    )
    assert code == 2 and err == [
        f"error: {listings}: is an input of this command too; write the output elsewhere"
    ]
    assert listings.read_text().startswith('{"listing_id": "L-1"')
    code, _, err = run(
        capsys, "evaluate", "--recalls", recalls, "--listings", str(listings), "--json", recalls
    )
    assert code == 2 and "is an input of this command too" in err[0]


def test_evaluate_warns_of_a_label_it_would_score_nowhere_and_reads_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A label that is not an object raised a traceback; one of an unknown kind was counted and
    scored nowhere; a line that is not UTF-8 raised UnicodeDecodeError."""
    listings = tmp_path / "labelled.ndjson"
    listings.write_bytes(
        b'{"listing_id": "a", "title": "t", "label": "recalled"}\n'
        b'{"listing_id": "b", "title": "t", "label": {"kind": "recalls"}}\n'
        b'{"listing_id": "c", "title": "Hand-carved wooden chess set", "label": {"kind": "clean"}}\n'
        b'\xff{"listing_id": "d"}\n'
    )
    code, out, err = run(
        capsys, "evaluate", "--recalls", str(DATA / "cpsc_slice.json"), "--listings", str(listings)
    )
    assert code == 0
    assert [line.split(": ", 2)[1] for line in err[:2]] == [f"{listings}:1", f"{listings}:2"]
    assert all("label is not an object of a kind scored" in line for line in err[:2])
    assert err[2].startswith(f"warning: {listings}:4: not a valid listing")
    assert "labelled listings: 1" in out


def test_report_says_what_is_wrong_with_its_arguments_rather_than_tracing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for flag, value in [("--endpoint-url", "not a url"), ("--table", "")]:
        code, _, err = run(capsys, "report", "--recall", "24-101", flag, value)
        assert code == 2 and len(err) == 1 and err[0].startswith("error: cannot read the decisions table")


def test_serve_and_screen_catalog_refuse_what_cannot_work_before_starting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A port out of range traced back from bind(); an --out that cannot be a folder failed only
    after the whole catalogue was screened."""
    code, _, err = run(capsys, "serve", "--port", "99999")
    assert code == 2 and err == ["error: --port 99999: a port is 0 to 65535 (0 picks a free one)"]
    code, _, err = run(capsys, "serve", "--refresh-seconds", "nan")
    assert code == 2 and err == ["error: --refresh-seconds nan: must be more than 0"]
    catalogue = tmp_path / "shop.ndjson"
    catalogue.write_text('{"listing_id": "L-1", "title": "Brass reading lamp"}\n')
    code, out, err = run(capsys, "screen-catalog", str(catalogue), "--out", str(catalogue))
    assert code == 2 and err == [f"error: {catalogue}: exists and is not a folder"] and out == []


def test_numbers_a_flag_or_the_environment_cannot_mean_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--keep 0` was kept as 1 without a word, `--show -1` taken, and a setting that is no number
    traced back from int()."""
    recalls = str(DATA / "cpsc_slice.json")
    with pytest.raises(SystemExit) as exited:
        main(["build-index", recalls, "--out", str(tmp_path), "--keep", "0"])
    assert exited.value.code == 2 and "argument --keep: 0 is less than 1" in capsys.readouterr().err
    monkeypatch.setenv("RECALL_SCREEN_INDEX_VERSIONS_KEPT", "ten")
    code, _, err = run(capsys, "build-index", recalls, "--out", str(tmp_path))
    assert code == 2 and err[0].startswith("error: settings from the environment") and "'ten'" in err[0]
