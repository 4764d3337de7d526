"""`recall-screen report --recall ID`: a recall's report for its regulator, read from a decisions
table: in AWS (your credentials and region), or the one `recall-screen serve` runs
(`--endpoint-url` = its `S3 endpoint:`, the table `recall-screen-decisions-local`).

The JSON goes to stdout (or `--json FILE`); `--html FILE` writes the printable page. The same
report as `GET /v1/recalls/{source}/{recall_id}/report` (`recall_screen.recall_report`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from botocore.exceptions import BotoCoreError, ClientError
from recall_screen.clock import parse_utc
from recall_screen.recall_report import build_report, render_html

from recall_screen_cli.console import CommandError, open_output

LOCAL_TABLE = "recall-screen-decisions-local"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recall", required=True, metavar="ID", help="the recall's id, as its regulator numbers it"
    )
    parser.add_argument(
        "--source", default="CPSC", help="the regulator (a decision's match `source`; default CPSC)"
    )
    parser.add_argument("--from", dest="since", metavar="TIME", help="ISO 8601 date or time, inclusive")
    parser.add_argument("--to", dest="until", metavar="TIME", help="ISO 8601 date or time, exclusive")
    parser.add_argument(
        "--table",
        default=os.environ.get("RECALL_SCREEN_DECISIONS_TABLE", LOCAL_TABLE),
        help=f"the decisions table (default: $RECALL_SCREEN_DECISIONS_TABLE, else {LOCAL_TABLE})",
    )
    parser.add_argument("--endpoint-url", help="a DynamoDB endpoint other than AWS's (recall-screen serve's)")
    parser.add_argument(
        "--region", default=os.environ.get("AWS_REGION", os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
    )
    parser.add_argument(
        "--json", dest="json_out", metavar="FILE", help="write the JSON here instead of stdout"
    )
    parser.add_argument("--html", dest="html_out", metavar="FILE", help="also write the printable HTML page")


def _checked(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    try:
        parse_utc(value)
    except ValueError:
        raise CommandError(f"error: {flag} {value!r} is not an ISO 8601 date or time") from None
    return value


def run(args: argparse.Namespace) -> int:
    import boto3
    from recall_screen.aws.decision_log import DecisionLog
    from recall_screen.aws.review_store import ReviewStore

    since, until = _checked(args.since, "--from"), _checked(args.until, "--to")
    if since and until and parse_utc(since) >= parse_utc(until):
        raise CommandError("error: --from must be before --to")
    try:
        client = boto3.client("dynamodb", region_name=args.region, endpoint_url=args.endpoint_url)
        store = ReviewStore(DecisionLog(client, args.table))
        activity = store.recall_activity(args.source, args.recall, since=since, until=until)
    except (ClientError, BotoCoreError, ValueError) as exc:  # ValueError: an endpoint or a table name
        raise CommandError(f"error: cannot read the decisions table {args.table!r}: {exc}") from None
    report = build_report(
        args.source,
        args.recall,
        decisions=[
            activity.decisions[h.decision_id] for h in activity.hits if h.decision_id in activity.decisions
        ],
        listings=activity.listings,
        verdicts=activity.verdicts,
        since=since,
        until=until,
        truncated=activity.truncated,
    )
    text = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    if args.json_out:
        with open_output(args.json_out) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    if args.html_out:
        with open_output(args.html_out) as handle:
            handle.write(render_html(report))
    totals = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.totals.items())
    print(f"{args.source} recall {args.recall}: {totals}", file=sys.stderr)
    return 0
