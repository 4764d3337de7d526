"""`recall-screen report --recall ID`: a recall's report for its regulator, read from a decisions
table: in AWS (your credentials and region), or the one `recall-screen serve` runs
(`--endpoint-url` = its `S3 endpoint:`, the table `recall-screen-decisions-local`). The lists
serving are read from the drop bucket (`--bucket`; serve's by default against `--endpoint-url`) for
the notice's title and whether they still hold it; a recall neither they nor the decisions name is
refused (exit 2), as the API's 404.

The JSON goes to stdout (or `--json FILE`); `--html FILE` writes the printable page. The same
report as `GET /v1/recalls/{source}/{recall_id}/report` (`recall_screen.recall_report`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from recall_screen.clock import parse_utc
from recall_screen.index import RecallIndex
from recall_screen.recall_report import build_report, render_html, report_notice, unknown_recall

from recall_screen_cli.console import CommandError, open_output

LOCAL_TABLE = "recall-screen-decisions-local"
LOCAL_BUCKET = "recall-screen-drop-local"


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
    parser.add_argument(
        "--bucket",
        default=os.environ.get("RECALL_SCREEN_BUCKET"),
        help=f"the drop bucket, whose lists serving name the recall (default: $RECALL_SCREEN_BUCKET; "
        f"with --endpoint-url, else {LOCAL_BUCKET}, serve's; without either, none is read)",
    )
    parser.add_argument(
        "--endpoint-url", help="an endpoint other than AWS's for DynamoDB and S3 (recall-screen serve's)"
    )
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
    from recall_screen.aws.decision_log import DecisionLog
    from recall_screen.aws.review_store import ReviewStore

    since, until = _checked(args.since, "--from"), _checked(args.until, "--to")
    if since and until and parse_utc(since) >= parse_utc(until):
        raise CommandError("error: --from must be before --to")
    try:
        client = _client("dynamodb", args)
        store = ReviewStore(DecisionLog(client, args.table))
        activity = store.recall_activity(args.source, args.recall, since=since, until=until)
    except (ClientError, BotoCoreError, ValueError) as exc:  # ValueError: an endpoint or a table name
        raise CommandError(f"error: cannot read the decisions table {args.table!r}: {exc}") from None
    index, unread = _serving_index(args)
    if not activity.hits and not since and not until:
        unknown = unknown_recall(index, args.source, args.recall) if index is not None else None
        if unknown is not None:
            raise CommandError(f"error: {unknown}")
        if index is None:
            print(
                f"note: no decision names {args.source} {args.recall}, and the lists serving could not "
                f"be read to tell whether they hold it ({unread}): check the id, and the source as "
                "the lists write it ('CPSC', 'EU Safety Gate'), not its folder",
                file=sys.stderr,
            )
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
        serving=report_notice(index, args.source, args.recall),
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


def _serving_index(args: argparse.Namespace) -> tuple[RecallIndex | None, str]:
    """The index the drop bucket's pointer names, or None and why it could not be read (no bucket
    named, none at that name, no access, nothing published): the report is still made, without
    it. serve's bucket is the default only against an endpoint (`--endpoint-url`): bucket names
    are global, and one of that name in AWS is somebody else's. The whole artifact is read (a
    few seconds at 1,000,000 recalls)."""
    from recall_screen.artifact import ArtifactError
    from recall_screen.aws.index_store import IndexStore
    from recall_screen.catalog.publishing import load_current

    bucket = args.bucket or (LOCAL_BUCKET if args.endpoint_url else None)
    if bucket is None:
        return None, "no --bucket given"
    try:
        s3 = _client("s3", args)
        index = load_current(IndexStore(s3, bucket))
    except (ClientError, BotoCoreError, ValueError, PermissionError, ArtifactError) as exc:
        return None, f"s3://{bucket}: {str(exc)[:200]}"
    if index is None:
        return None, f"s3://{bucket}: no index published"
    return index, ""


def _client(service: str, args: argparse.Namespace) -> Any:
    """A boto3 client; against an endpoint (serve's, which takes any credentials) with none
    configured, made with stand-in ones rather than failing to sign."""
    import boto3

    stand_in: dict[str, str] = {}
    if args.endpoint_url and boto3.Session().get_credentials() is None:
        stand_in = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
    return boto3.client(service, region_name=args.region, endpoint_url=args.endpoint_url, **stand_in)
