"""`recall-screen demo`, as a new engineer runs it: a fresh process, no AWS, no network."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_demo_runs_end_to_end_and_shows_each_kind_of_decision(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "RECALL_SCREEN_"))}
    env["HOME"] = str(tmp_path)  # no ~/.aws configuration can leak in
    done = subprocess.run(
        [sys.executable, "-m", "recall_screen_cli", "demo"],
        cwd=tmp_path,  # works from anywhere, not only the repository root
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout

    # The drop was accepted, and its report summarised.
    assert "lambda_handler: accepted" in out
    assert re.search(r"29 records read, 29 accepted, 0 rejected", out)
    assert "RCS304BV2" in out

    # One row per listing, with the decision each one must get.
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\s+(L-\d{4})\s.*$", out, re.MULTILINE)}
    assert re.search(r"\bBLOCK\s+CPSC 18218\b", rows["L-1001"])  # BlueStar model number
    assert re.search(r"\bBLOCK\s+CPSC 20067\b", rows["L-1002"])  # exact GTIN
    assert re.search(r"\bREVIEW\b", rows["L-1003"])
    assert re.search(r"\bALLOW\b", rows["L-1005"])
    assert re.search(r"\bDE\s+ALLOW\s+CPSC 18218\b", rows["L-1006"])  # shipped outside the US
    assert re.search(r"\bREVIEW\s+CPSC CAT-MAGNET-", rows["L-1007"])  # a category rule (the cell wraps)
    assert "3 rules accepted, 0 rejected" in out and "category_rule: title '5mm'" in out
    assert "(not applicable)" in out
    assert "model_exact" in out and "gtin" in out  # the evidence is shown

    # Every decision was read back from DynamoDB, identical to what the API returned.
    log_rows = re.findall(r"^\s+[0-9A-Z]{26}\s+(L-\d{4})\s+(block|review|allow)\s.*\byes$", out, re.MULTILINE)
    assert [listing for listing, _ in log_rows] == [f"L-100{n}" for n in range(1, 8)]
    assert {verdict for _, verdict in log_rows} == {"block", "review", "allow"}
    assert "Traceback" not in done.stderr
