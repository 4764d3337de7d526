"""`recall-screen serve`: the screening API on localhost, on an embedded AWS, with the Lambda's code.

Three parts, as in AWS:
- API Gateway's (`recall_screen_cli.gateway`): the HTTP front, in this process. It checks the API
  key, knows the template's routes, refuses what API Gateway refuses, and turns each request into
  an API Gateway REST proxy event.
- Lambda's (`recall_screen_cli.lambda_environments`): `--concurrency` worker processes, the
  execution environments, each running `screener.app.lambda_handler` one event at a time; a
  request waits for a free one. Concurrent requests are handled concurrently, as in Lambda.
- S3 and DynamoDB (`recall_screen_cli.embedded`): moto as a local server in this process, with the
  drop bucket and the decision table built as template.yaml defines them. The recall files given
  with `--recalls` (by default the shipped CPSC sample) are uploaded to `recalls/<source>/` and
  their S3 event delivered to the index builder's handler (in this process), as in AWS. Any S3
  client can upload more files to the printed endpoint: a poller notices them within a second, the
  builder publishes a new index, and the workers serve it at their next refresh
  (`--refresh-seconds`, 1 s by default).

It prints, one per line: `API: <url>`, `API key: <key>`, `S3 endpoint: <url>`, `Bucket: <name>`.
Without `--verbose` nothing follows on stdout (the handlers' output goes to /dev/null). SIGTERM or
Ctrl-C stops it within a second.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from recall_screen_cli.lambda_environments import EnvironmentPool, InvocationFailed

if TYPE_CHECKING:
    from recall_screen_cli.embedded import EmbeddedServer
    from recall_screen_cli.gateway import GatewayServer

SAMPLE = Path(__file__).resolve().parent / "sample_data" / "cpsc_recalls_sample.json"
# Lambda-like concurrency, but no more workers than cores: the front (HTTP, moto) is one process,
# so workers beyond the cores add memory (about 90 MiB each, with their copy of the index) and no
# throughput.
DEFAULT_CONCURRENCY = max(1, min(4, os.cpu_count() or 1))
# How long the HTTP front takes to notice it is being shut down, and how long stopping everything
# else may take: SIGTERM is honoured within a second.
POLL_SECONDS = 0.05
STOP_DEADLINE_SECONDS = 0.7
ANSWER_GRACE_SECONDS = 0.2  # after it, for the requests in flight to write their 503


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on; 0 picks a free one")
    parser.add_argument(
        "--recalls",
        nargs="+",
        action="extend",
        metavar="[SOURCE=]FILE",
        help=(
            "recall files to drop into recalls/<SOURCE>/ at start (SOURCE defaults to the file's name "
            "without its suffixes); default: the shipped CPSC sample, as source 'cpsc'"
        ),
    )
    parser.add_argument("--api-key", help="the API key to require (default: a new random one)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help=(
            "execution environments (worker processes) handling requests at once (default: 4, or "
            f"the number of cores if fewer: {DEFAULT_CONCURRENCY} here); each holds its own copy of "
            "the index"
        ),
    )
    parser.add_argument(
        "--refresh-seconds",
        type=float,
        default=1.0,
        help="how often the API looks for a new index (default 1; 60 in AWS)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="the handlers' JSON logs and metrics on stdout, after the header",
    )


def _recall_files(specs: list[str] | None) -> list[tuple[str, Path]]:
    from recall_screen_cli.offline import recall_lists

    return recall_lists(specs) if specs else [("cpsc", SAMPLE)]


class _Stopped(BaseException):
    """SIGTERM: unwinds whatever the main thread is doing, serving or still starting. Not an
    Exception, as KeyboardInterrupt is not: landing inside a boto3 call while starting, an
    Exception was wrapped by botocore as an HTTP client error and retried, the stop swallowed."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
    raise _Stopped


def run(args: argparse.Namespace) -> int:
    files = _recall_files(args.recalls)
    missing = [str(path) for _, path in files if not path.is_file()]
    if missing:
        print(f"error: no such recall file: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.concurrency < 1:
        print("error: --concurrency must be at least 1", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"error: --port {args.port}: a port is 0 to 65535 (0 picks a free one)", file=sys.stderr)
        return 2
    if not args.refresh_seconds > 0:  # also refuses nan
        print(f"error: --refresh-seconds {args.refresh_seconds}: must be more than 0", file=sys.stderr)
        return 2

    from recall_screen_cli.embedded import start_server

    signal.signal(signal.SIGTERM, _on_sigterm)
    status = 0
    aws = pool = gateway = None
    try:
        aws = start_server(quiet=not args.verbose)  # sets AWS_ENDPOINT_URL and the handlers' env
        os.environ["RECALL_SCREEN_INDEX_REFRESH_SECONDS"] = str(args.refresh_seconds)
        # Spawned now (they inherit that environment), so they import the handler while the
        # index is built.
        pool = EnvironmentPool(args.concurrency, verbose=args.verbose)
        _drop_recall_files(aws, files)
        pool.wait_ready()
        aws.start_drop_poller(interval=1.0)
        gateway = _gateway(args, pool)
        _print_header(gateway, aws)
        if not args.verbose:
            # This process's too, after the header: the index builder's handler runs here, and
            # powertools prints metrics every 100 values even when they are disabled.
            _stdout_to_devnull()
        gateway.serve_forever(poll_interval=POLL_SECONDS)
    except (_Stopped, KeyboardInterrupt):
        pass
    except InvocationFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        status = 1
    except OSError as exc:  # the port in use, an address this machine does not have
        print(f"error: {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        status = 2
    finally:
        _stop_all(gateway, pool, aws)
    print("stopped", file=sys.stderr)
    # Everything this process started is stopped. The interpreter's own teardown (freeing moto's
    # state and every module one by one) takes longer than all of that, about 0.6 s, and would
    # only delay the exit SIGTERM asked for: leave now, as a server's main loop does.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _drop_recall_files(aws: EmbeddedServer, files: list[tuple[str, Path]]) -> None:
    for source, path in files:
        key, version = aws.put_drop(source, path.name, path.read_bytes())
        for result in aws.deliver(key, version).get("results", []):
            if result.get("outcome") not in ("accepted", "unchanged"):
                print(f"warning: {key}: {result.get('outcome')}: {result.get('reason')}", file=sys.stderr)


def _gateway(args: argparse.Namespace, pool: EnvironmentPool) -> GatewayServer:
    from recall_screen_cli.gateway import GatewayServer, Routes
    from recall_screen_cli.template import load_template

    return GatewayServer(
        (args.host, args.port),
        api_key=args.api_key or secrets.token_urlsafe(24),
        routes=Routes.from_template(load_template()),
        invoke=pool.invoke,
    )


def _print_header(gateway: GatewayServer, aws: EmbeddedServer) -> None:
    host, port = str(gateway.server_address[0]), gateway.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    print(f"API: http://{shown}:{port}", flush=True)
    print(f"API key: {gateway.api_key}", flush=True)
    print(f"S3 endpoint: {aws.endpoint_url}", flush=True)
    print(f"Bucket: {aws.bucket}", flush=True)


def _stdout_to_devnull() -> None:
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _stop_all(
    gateway: GatewayServer | None, pool: EnvironmentPool | None, aws: EmbeddedServer | None
) -> None:
    """Stop the HTTP front, the workers and the embedded AWS (its poller, moto's server) all at
    once, each waiting on its own, and leave after `STOP_DEADLINE_SECONDS` whatever is not done:
    the threads left are daemons, and nothing in this process outlives it."""
    steps: list[Callable[[], None]] = []
    if gateway is not None:
        steps.append(gateway.server_close)
    if pool is not None:
        steps.append(pool.stop)
    if aws is not None:
        steps.append(aws.stop)
    threads = [threading.Thread(target=step, daemon=True) for step in steps]
    deadline = time.monotonic() + STOP_DEADLINE_SECONDS
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    if gateway is not None:  # the requests the stop caught are answered 503, not cut off
        gateway.wait_answered(max(0.0, deadline - time.monotonic()) + ANSWER_GRACE_SECONDS)
