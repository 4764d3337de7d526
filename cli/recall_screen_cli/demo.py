"""`recall-screen demo`: the whole system, end to end, in one process on an embedded AWS (moto).

1. The drop bucket and the decision table are created as template.yaml defines them.
2. A regulator's file (real CPSC notices) is put under recalls/cpsc/, and the S3 event is
   delivered to the index builder's Lambda handler, which builds and publishes the index; then a
   list of category rules (the regulator's priority categories) under recalls/priority/.
3. Listings are screened through the screener's Lambda handler with API Gateway proxy events.
4. The decisions are read back from the DynamoDB table.
No AWS account, Docker or network is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recall_screen_cli.embedded import EmbeddedAws

SAMPLE = Path(__file__).resolve().parent / "sample_data" / "cpsc_recalls_sample.json"
RULES = Path(__file__).resolve().parent / "sample_data" / "priority_categories.ndjson"

# Listings a marketplace might send. Each shows one kind of decision.
LISTINGS: list[dict[str, Any]] = [
    {
        "listing_id": "L-1001",
        "title": "BlueStar RCS304BV2 30 inch gas range, stainless steel",
        "brand": "BlueStar",
        "seller_id": "S-17",
        "ship_to": "US",
        "price": 4299.0,
    },
    {
        "listing_id": "L-1002",
        "title": "Rawlings youth catcher's helmet",
        "brand": "Rawlings",
        "gtin": "083321545504",
        "seller_id": "S-23",
        "ship_to": "US",
        "price": 39.99,
    },
    {
        "listing_id": "L-1003",
        "title": "Bell BMX bike helmet for kids",
        "brand": "Bell",
        "seller_id": "S-23",
        "ship_to": "US",
        "price": 24.5,
    },
    {
        "listing_id": "L-1004",
        "title": "Soccer goal net replacement, 12 x 6 ft",
        "brand": "Regent",
        "seller_id": "S-31",
        "ship_to": "US",
        "price": 18.0,
    },
    {
        "listing_id": "L-1005",
        "title": "Hand-carved wooden chess set",
        "brand": "Woodcraft",
        "seller_id": "S-42",
        "ship_to": "US",
        "price": 89.0,
    },
    {
        "listing_id": "L-1006",
        "title": "BlueStar RCS304BV2 30 inch gas range, stainless steel",
        "brand": "BlueStar",
        "seller_id": "S-88",
        "ship_to": "DE",
        "price": 4299.0,
    },
    {
        "listing_id": "L-1007",
        "title": "Wholesale 5mm Neodymium Magnetic Balls 216 pcs Magnet Cube Puzzle Desk Toy",
        "seller_id": "S-51",
        "ship_to": "US",
        "price": 3.2,
    },
]

WHAT_IT_SHOWS = {
    "L-1001": "model number from a flattened table in the notice",
    "L-1002": "exact GTIN",
    "L-1003": "name only: a person decides",
    "L-1004": "the recalling maker's product, no model to tell: a person decides",
    "L-1005": "nothing recalled looks like it",
    "L-1006": "same range, shipped outside the CPSC's reach",
    "L-1007": "no recall, but a priority category: magnet sets",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 2)[2]
    parser.add_argument(
        "--recalls",
        metavar="FILE",
        default=str(SAMPLE),
        help="the recall file to drop (default: a sample of real CPSC notices)",
    )
    parser.add_argument("--source", default="cpsc", help="the drop folder, recalls/<source>/ (default: cpsc)")
    parser.add_argument(
        "--rules",
        metavar="FILE",
        default=str(RULES),
        help="category rules to drop under recalls/priority/ (default: the example rules; '' for none)",
    )
    parser.add_argument(
        "--listings",
        metavar="NDJSON",
        help="screen these listings (one JSON object per line) instead of the built-in ones",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="also show the handlers' JSON logs and metrics"
    )


# ---------------------------------------------------------------------------------------------
# output


class Out:
    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stdout

    def line(self, text: str = "") -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def step(self, number: int, title: str) -> None:
        self.line()
        self.line(f"[{number}] {title}")
        self.line("    " + "-" * (len(title)))

    def item(self, text: str, indent: int = 4) -> None:
        self.line(" " * indent + text)


def table(
    rows: list[list[str]], header: list[str], *, indent: int = 4, widths: list[int] | None = None
) -> list[str]:
    """Plain-text columns; a cell may hold several lines. `widths` caps (and wraps) columns."""
    wrapped: list[list[list[str]]] = []
    for row in [header, *rows]:
        cells: list[list[str]] = []
        for i, cell in enumerate(row):
            limit = widths[i] if widths and i < len(widths) and widths[i] else None
            lines: list[str] = []
            for part in str(cell).split("\n"):
                lines.extend(textwrap.wrap(part, limit, break_long_words=True) if limit and part else [part])
            cells.append(lines or [""])
        wrapped.append(cells)
    sizes = [max(len(line) for row in wrapped for line in row[i]) for i in range(len(header))]
    out = []
    for n, lined in enumerate(wrapped):
        height = max(len(c) for c in lined)
        for k in range(height):
            parts = [(c[k] if k < len(c) else "").ljust(sizes[i]) for i, c in enumerate(lined)]
            out.append(" " * indent + "  ".join(parts).rstrip())
        if n == 0:
            out.append(" " * indent + "  ".join("-" * s for s in sizes))
    return out


def _evidence_lines(match: dict[str, Any], limit: int = 3) -> list[str]:
    lines = []
    for e in match.get("evidence", [])[:limit]:
        value, recall_value = _clip(e["value"], 28), _clip(e["recall_value"], 34)
        lines.append(f"{e['method']}: {e['field']} '{value}' ~ {e['recall_field']} '{recall_value}'")
    lines.extend(f"note: {note}" for note in match.get("notes", [])[:2])
    return lines


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------------------------------------
# the run


def _load_listings(path: str | None) -> list[dict[str, Any]]:
    if path is None:
        return [dict(x) for x in LISTINGS]
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def run(args: argparse.Namespace) -> int:
    out = Out()
    recalls_path = Path(args.recalls)
    if not recalls_path.is_file():
        print(f"error: {recalls_path}: no such file", file=sys.stderr)
        return 2
    listings = _load_listings(args.listings)

    out.line("Recall Screen demo: regulators' recall lists in, block / review / allow decisions out.")
    out.line("Everything below runs in this process, on an embedded AWS (moto), with the same handlers")
    out.line("that run in Lambda. No AWS account, Docker or network is used.")

    from recall_screen_cli.embedded import embedded_aws

    started = time.perf_counter()
    with embedded_aws(quiet=not args.verbose) as aws:
        out.step(1, "AWS resources, as template.yaml defines them")
        out.item(f"S3 bucket      {aws.bucket}  (versioned, encrypted, public access blocked)")
        out.item(f"DynamoDB table {aws.table}  (keys and indexes read from template.yaml)")
        if not _drop_recalls(out, aws, recalls_path, args.source):
            return 1
        if args.rules and not _drop_rules(out, aws, Path(args.rules)):
            return 1
        decisions = _screen_listings(out, listings)
        if decisions is None or not _read_back(out, aws, decisions):
            return 1

    out.line()
    out.line(f"Done in {time.perf_counter() - started:.1f} s. Next:")
    tool = _invoked_as()
    hints = [
        ("make test", "the unit and integration tests"),
        (f"{tool} serve", "the API on localhost, with an S3 to drop recall files into"),
        (f"{tool} build-index FILE... --out DIR", "an index and drop reports, offline"),
        (f"{tool} screen --index DIR --listings L.ndjson", "screen a batch of listings, offline"),
    ]
    width = max(len(command) for command, _ in hints)
    for command, what in hints:
        out.item(f"{command:{width}}  {what}")
    return 0


def _invoked_as() -> str:
    """The command as this run was started, for the hints to work as typed: `make demo` runs
    `.venv/bin/recall-screen`, which is not on PATH; an installed tool is."""
    invoked = Path(sys.argv[0])
    if invoked.name == "recall-screen" and len(invoked.parts) > 1:
        try:
            return str(invoked.resolve().relative_to(Path.cwd().resolve()).parent / "recall-screen")
        except ValueError:
            return "recall-screen"
    return "recall-screen"


def _drop_recalls(out: Out, aws: EmbeddedAws, recalls_path: Path, source: str) -> bool:
    """Step 2: the regulator's file into the bucket, its S3 event to the index builder. False when
    the drop was not accepted."""
    out.step(2, "A regulator drops a recall list; S3 notifies the index builder")
    file_name = "cpsc_recalls.json" if recalls_path == SAMPLE else recalls_path.name
    key, version_id = aws.put_drop(source, file_name, recalls_path.read_bytes())
    size = recalls_path.stat().st_size
    out.item(f"put   s3://{aws.bucket}/{key}  ({size:,} bytes, version {(version_id or '-')[:8]}…)")
    answer = aws.deliver(key, version_id)
    result = answer["results"][0]
    out.item(f"event ObjectCreated:Put -> index_builder.app.lambda_handler: {result['outcome']}")
    s3 = aws.client("s3")
    report = json.loads(s3.get_object(Bucket=aws.bucket, Key=result["report_key"])["Body"].read())
    _print_report(out, report, result["report_key"])
    if result["outcome"] != "accepted":
        out.line()
        out.line(f"The drop was {result['outcome']}: {result['reason']}")
        return False
    pointer = json.loads(s3.get_object(Bucket=aws.bucket, Key="index/current.json")["Body"].read())
    out.item(
        f"index {pointer['version']}: {pointer['recalls']} recalls, {pointer['size']:,} bytes, "
        f"sha256 {pointer['sha256'][:12]}…"
    )
    out.item(f"      s3://{aws.bucket}/{pointer['artifact']}, then index/current.json (written last)")
    return True


def _drop_rules(out: Out, aws: EmbeddedAws, path: Path) -> bool:
    """Step 2, continued: a list of category rules, dropped like any list. False when refused."""
    out.line()
    out.item("A list of category rules (kind: category_rule) goes to recalls/priority/ the same way:")
    key, version_id = aws.put_drop("priority", path.name, path.read_bytes())
    out.item(f"put   s3://{aws.bucket}/{key}")
    result = aws.deliver(key, version_id)["results"][0]
    s3 = aws.client("s3")
    report = json.loads(s3.get_object(Bucket=aws.bucket, Key=result["report_key"])["Body"].read())
    out.item(
        f"event -> index_builder: {result['outcome']}; {report.get('accepted_rules', 0)} rules accepted, "
        f"{report.get('rejected_records', 0)} rejected; index {result.get('index_version')}"
    )
    if result["outcome"] != "accepted":
        out.line(f"The rules were {result['outcome']}: {result['reason']}")
        return False
    return True


def _screen_listings(
    out: Out, listings: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]] | None:
    """Step 3: each listing through the screener's handler, as API Gateway delivers it; the
    (listing, decision) pairs, None when one was not decided."""
    out.step(3, "The marketplace screens listings: POST /v1/screen (API Gateway -> screener handler)")
    from screener.app import lambda_handler as screen_handler

    from recall_screen_cli.lambda_events import FakeLambdaContext, api_gateway_event

    decisions = []
    for listing in listings:
        context = FakeLambdaContext(function_name="ScreenerFunction")
        response = screen_handler(api_gateway_event("POST", "/v1/screen", json.dumps(listing)), context)
        body = json.loads(response["body"])
        if response["statusCode"] != 200:
            out.item(f"{listing.get('listing_id')}: HTTP {response['statusCode']}: {json.dumps(body)}")
            return None
        decisions.append((listing, body))
    _print_decisions(out, decisions)
    return decisions


def _read_back(out: Out, aws: EmbeddedAws, decisions: list[tuple[dict[str, Any], dict[str, Any]]]) -> bool:
    """Step 4: every decision read back from the table and compared with what was returned."""
    out.step(4, f"Every decision is recorded: read back from DynamoDB ({aws.table})")
    from recall_screen.aws.decision_log import DecisionLog

    log = DecisionLog(aws.client("dynamodb"), aws.table)
    rows = []
    for _, body in decisions:
        record = log.get(body["decision_id"])
        if record is None:
            out.item(f"decision {body['decision_id']} is missing from the table")
            return False
        same = json.loads(record.decision_json) == body
        matched = ", ".join(record.matched_recalls) or "-"
        rows.append(
            [
                record.decision_id,
                record.listing_id,
                record.decision,
                matched,
                record.decided_at,
                "yes" if same else "NO",
            ]
        )
    header = ["decision_id", "listing", "decision", "matched recalls", "decided at", "same as returned"]
    for text in table(rows, header, widths=[0, 0, 0, 24]):
        out.line(text)
    out.line()
    out.item("Each record also keeps the listing as screened, the request id, the caller, and the")
    out.item(f"index and policy versions that made it (here index {decisions[0][1]['index_version']}).")
    return True


def _print_report(out: Out, report: dict[str, Any], key: str) -> None:
    totals = report.get("totals", {})
    out.item(f"report s3://…/{key}")
    out.item(
        f"  format {report.get('format')}, {report.get('read', 0)} records read, "
        f"{report.get('accepted_records', 0)} accepted, {report.get('rejected_records', 0)} rejected, "
        f"{report.get('duplicates', 0)} duplicates, {report.get('warnings_total', 0)} warnings"
    )
    with_models, models = totals.get("recalls_with_models", 0), totals.get("models", 0)
    with_gtins, gtins = totals.get("recalls_with_gtins", 0), totals.get("gtins", 0)
    unchecked = totals.get("unchecked_gtins", 0)
    out.item(
        f"  {with_models} recalls name model numbers ({models} in all), {with_gtins} name GTINs "
        f"({gtins} valid, {unchecked} failing their check digit)"
    )
    for ident in report.get("identifiers", []):
        if ident["recall_id"] == "18218":
            models = ident["models"]
            shown = ", ".join(models[:6]) + (f", … ({len(models)} in all)" if len(models) > 6 else "")
            out.item(f"  e.g. recall 18218 (BlueStar): models {shown}")


def _print_decisions(out: Out, decisions: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    rows = []
    for listing, body in decisions:
        matches = body.get("matches", [])
        top = next((m for m in matches if m.get("applicable", True)), matches[0] if matches else None)
        what = f"{listing.get('title', '')}"
        shows = WHAT_IT_SHOWS.get(listing.get("listing_id", ""))
        if shows:
            what += f"\n({shows})"
        if top is None:
            recall, score, why = "-", "-", "\n".join(body.get("reasons", [])[:1])
        else:
            recall = f"{top['source']} {top['recall_id']}"
            if not top.get("applicable", True):
                recall += "\n(not applicable)"
            score = f"{top['score']:.2f}"
            why = "\n".join(_evidence_lines(top))
        rows.append(
            [
                listing.get("listing_id", ""),
                what,
                listing.get("ship_to") or "-",
                body["decision"].upper(),
                recall,
                score,
                why,
            ]
        )
    for text in table(
        rows,
        ["listing", "title", "to", "decision", "recall", "score", "evidence"],
        widths=[0, 30, 0, 0, 16, 0, 58],
    ):
        out.line(text)
    out.line()
    counts: dict[str, int] = {}
    for _, body in decisions:
        counts[body["decision"]] = counts.get(body["decision"], 0) + 1
    summary = ", ".join(f"{counts.get(v, 0)} {v}" for v in ("block", "review", "allow"))
    out.item(f"{len(decisions)} listings: {summary}")
