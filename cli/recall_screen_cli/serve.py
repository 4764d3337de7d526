"""`recall-screen serve`: the screening API on localhost, on an embedded AWS, with the Lambda's code.

Each HTTP request becomes an API Gateway REST proxy event for the same `screener.app.lambda_handler`
that runs in Lambda; API Gateway's part is played here too: the `x-api-key` header is required on
the routes the template requires it on (403 `Forbidden` otherwise, as API Gateway answers), and a
route the template does not declare, whatever the method, gets API Gateway's 403 `Missing
Authentication Token`. Every answer is JSON, the server's own refusals included.

Behind it runs moto as a local server (`recall_screen_cli.embedded`): the drop bucket and the
decision table, built as template.yaml defines them. The recall files given with `--recalls` (by
default the shipped CPSC sample) are uploaded to `recalls/<source>/` and their S3 event delivered
to the index builder's handler, as in AWS. Any S3 client can upload more files to the printed
endpoint: a poller notices them within a second, the builder publishes a new index, and the API
serves it at its next refresh (`--refresh-seconds`, 1 s by default).

It prints, one per line: `API: <url>`, `API key: <key>`, `S3 endpoint: <url>`, `Bucket: <name>`.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import re
import secrets
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from recall_screen_cli.lambda_events import FakeLambdaContext, api_gateway_event

SAMPLE = Path(__file__).resolve().parent / "sample_data" / "cpsc_recalls_sample.json"
# API Gateway refuses request bodies over 10 MB before they reach the function.
GATEWAY_MAX_BODY = 10 * 1024 * 1024
STAGE = "local"


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


# ---------------------------------------------------------------------------------------------
# API Gateway's part


class Routes:
    """The API's routes as template.yaml declares them, and whether each needs the API key."""

    def __init__(self, routes: list[tuple[str, re.Pattern[str], bool]]) -> None:
        self.routes = routes

    @classmethod
    def from_template(cls, template: dict[str, Any], function_id: str = "ScreenerFunction") -> Routes:
        resources = template.get("Resources", {})
        events = resources.get(function_id, {}).get("Properties", {}).get("Events", {})
        routes = []
        for event in events.values():
            if event.get("Type") != "Api":
                continue
            props = event.get("Properties", {})
            api_id = (
                (props.get("RestApiId") or {}).get("Ref")
                if isinstance(props.get("RestApiId"), dict)
                else None
            )
            api_auth = resources.get(api_id, {}).get("Properties", {}).get("Auth", {}) if api_id else {}
            global_auth = template.get("Globals", {}).get("Api", {}).get("Auth", {})
            default = api_auth.get("ApiKeyRequired", global_auth.get("ApiKeyRequired", False))
            required = (props.get("Auth") or {}).get("ApiKeyRequired", default)
            pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(props["Path"]))
            routes.append((str(props["Method"]).upper(), re.compile(f"^{pattern}/?$"), bool(required)))
        return cls(routes)

    def key_required(self, method: str, path: str) -> bool | None:
        """True/False for a declared route; None when API Gateway has no such route."""
        for route_method, pattern, required in self.routes:
            if route_method in (method, "ANY") and pattern.match(path):
                return required
        return None


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], *, api_key: str, routes: Routes, handler: Any, lock: threading.Lock
    ) -> None:
        super().__init__(address, _RequestHandler)
        self.api_key = api_key
        self.api_key_id = "local-" + secrets.token_hex(4)
        self.routes = routes
        self.lambda_handler = handler
        self.lock = lock  # one event at a time, as in one Lambda instance


class _RequestHandler(BaseHTTPRequestHandler):
    server: ApiServer
    protocol_version = "HTTP/1.1"
    server_version = "recall-screen-serve"

    def __getattr__(self, name: str) -> Callable[[], None]:
        # Every method is answered as API Gateway (a REST API) answers it: BaseHTTPRequestHandler
        # looks for a do_<METHOD> and, without one, sends a 501 HTML page. A method the template
        # declares on no route (TRACE, CONNECT, PATCH... or one made up) gets API Gateway's 403
        # "Missing Authentication Token", as a resource that does not exist does: a REST API
        # answers 403, not 405, for a method a resource does not have.
        if name.startswith("do_"):
            return self._proxy
        raise AttributeError(name)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The server's own refusals (a malformed request line, headers too long...) in JSON, as
        API Gateway words its own, instead of http.server's HTML page."""
        self.close_connection = True
        # A request line that could not be read leaves http.server at HTTP/0.9, which has no status
        # line; the answer is an HTTP/1.1 one all the same.
        self.request_version = self.protocol_version
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "Error"
        self._send(code, {"message": message or phrase})

    def _proxy(self) -> None:
        body = self._read_body()
        if body is None:
            return
        path = unquote(urlsplit(self.path).path)
        required = self.server.routes.key_required(self.command, path)
        if required is None:
            self._send(403, {"message": "Missing Authentication Token"})
            return
        given = self.headers.get("x-api-key")
        if required and not (given and secrets.compare_digest(given, self.server.api_key)):
            self._send(403, {"message": "Forbidden"})
            return
        known = given == self.server.api_key
        event = api_gateway_event(
            self.command,
            self.path,
            body,
            headers=list(self.headers.items()),
            identity={
                "sourceIp": self.client_address[0],
                "apiKey": given if known else None,
                "apiKeyId": self.server.api_key_id if known else None,
                "userAgent": self.headers.get("User-Agent"),
            },
            stage=STAGE,
            stage_in_path=False,  # the URL has no stage prefix here (like a custom domain)
        )
        self._answer(event)

    def _read_body(self) -> bytes | None:
        """The request's body; None when it was refused (413 over API Gateway's limit, 400 for a
        Content-Length that is not a length)."""
        declared = self.headers.get("Content-Length") or "0"
        if not declared.isdigit():
            self.send_error(400, "Content-Length is not a number of bytes")
            return None
        length = int(declared)
        if length > GATEWAY_MAX_BODY:
            self._send(413, {"message": "Request Too Long"})
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    def _answer(self, event: dict[str, Any]) -> None:
        """The Lambda handler's answer, as API Gateway relays it (502 when the function fails)."""
        try:
            with self.server.lock:
                context = FakeLambdaContext(function_name="ScreenerFunction")
                response = self.server.lambda_handler(event, context)
        except Exception:
            traceback.print_exc()
            self._send(502, {"message": "Internal server error"})
            return
        headers: list[tuple[str, str]] = []
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers.extend((name, str(v)) for v in values)
        for name, value in (response.get("headers") or {}).items():
            headers.append((name, str(value)))
        raw = response.get("body") or ""
        data = base64.b64decode(raw) if response.get("isBase64Encoded") else raw.encode("utf-8")
        self._write(int(response.get("statusCode", 502)), headers, data)

    def _send(self, status: int, body: dict[str, Any]) -> None:
        self._write(status, [("Content-Type", "application/json")], json.dumps(body).encode())

    def _write(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"{self.address_string()} - {format % args}\n")


# ---------------------------------------------------------------------------------------------
# the command


def _recall_files(specs: list[str] | None) -> list[tuple[str, Path]]:
    from recall_screen_cli.offline import list_name

    if not specs:
        return [("cpsc", SAMPLE)]
    files = []
    for spec in specs:
        source, sep, name = spec.partition("=")
        path = Path(name if sep else spec)
        files.append((source if sep else list_name(path), path))
    return files


def run(args: argparse.Namespace) -> int:
    files = _recall_files(args.recalls)
    missing = [str(path) for _, path in files if not path.is_file()]
    if missing:
        print(f"error: no such recall file: {', '.join(missing)}", file=sys.stderr)
        return 2

    from recall_screen_cli.embedded import start_server
    from recall_screen_cli.template import load_template

    aws = start_server(quiet=not args.verbose)  # sets AWS_ENDPOINT_URL and the handlers' env
    os.environ["RECALL_SCREEN_INDEX_REFRESH_SECONDS"] = str(args.refresh_seconds)
    lock = threading.Lock()
    httpd: ApiServer | None = None
    try:
        from screener.app import lambda_handler

        # The builder and the API share powertools' state in this process; one event at a time.
        deliver = aws.deliver

        def locked_deliver(key: str, version_id: str | None = None) -> dict[str, Any]:
            with lock:
                return deliver(key, version_id)

        aws.deliver = locked_deliver  # type: ignore[method-assign]
        for source, path in files:
            key, version = aws.put_drop(source, path.name, path.read_bytes())
            for result in aws.deliver(key, version).get("results", []):
                if result.get("outcome") not in ("accepted", "unchanged"):
                    print(f"warning: {key}: {result.get('outcome')}: {result.get('reason')}", file=sys.stderr)
        aws.start_drop_poller(interval=1.0)

        httpd = ApiServer(
            (args.host, args.port),
            api_key=args.api_key or secrets.token_urlsafe(24),
            routes=Routes.from_template(load_template()),
            handler=lambda_handler,
            lock=lock,
        )
        host, port = str(httpd.server_address[0]), httpd.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        print(f"API: http://{shown}:{port}", flush=True)
        print(f"API key: {httpd.api_key}", flush=True)
        print(f"S3 endpoint: {aws.endpoint_url}", flush=True)
        print(f"Bucket: {aws.bucket}", flush=True)

        def stop(signum: int, frame: Any) -> None:
            threading.Thread(target=httpd.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C
            httpd.serve_forever(poll_interval=0.2)
    finally:
        if httpd is not None:
            httpd.server_close()
        started = time.monotonic()
        aws.stop()
        if time.monotonic() - started > 5:
            print("stopping the embedded AWS took a while", file=sys.stderr)
    print("stopped", file=sys.stderr)
    return 0
