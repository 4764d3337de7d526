"""API Gateway's part of `recall-screen serve`: the HTTP front before the function is invoked.

It answers as a REST API in API Gateway does: the `x-api-key` header is required on the routes the
template requires it on (403 `Forbidden` otherwise), a route the template does not declare, whatever
the method, gets 403 `Missing Authentication Token`, a body over API Gateway's 10 MB gets 413, and
every answer is JSON, the server's own refusals included. A request that passes becomes an API
Gateway REST proxy event, handed to `invoke` (the pool of execution environments,
`recall_screen_cli.lambda_environments`): a function that fails is answered 502, one that runs past
the integration timeout 504, with API Gateway's words; a request the server's stop caught before
its answer, 503 with `Retry-After` (retry it: with its `Idempotency-Key`, a decision recorded before
the stop is replayed, not made twice).
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from recall_screen_cli.lambda_environments import EnvironmentPoolClosed, InvocationFailed, InvocationTimedOut
from recall_screen_cli.lambda_events import api_gateway_event

# API Gateway refuses request bodies over 10 MB before they reach the function.
GATEWAY_MAX_BODY = 10 * 1024 * 1024
# A body over the limit is read and dropped up to this size, so its client reads the 413.
DRAINED_AT_MOST = 4 * GATEWAY_MAX_BODY
# A connection that sends nothing for this long is closed (API Gateway's idle timeout is longer, but
# a local server holds a thread for each open connection).
IDLE_SECONDS = 60
STAGE = "local"

Invoke = Callable[[dict[str, Any]], dict[str, Any]]


def _chunk_size(line: bytes) -> int:
    """The size a chunk's line gives (hexadecimal digits, before any extension), or -1 if none."""
    size_line = line.split(b";", 1)[0].strip()
    return int(size_line, 16) if _HEX_DIGITS.fullmatch(size_line) else -1


_HEX_DIGITS = re.compile(rb"[0-9A-Fa-f]+")  # not int()'s "0x" prefix, sign or underscores


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


class GatewayServer(ThreadingHTTPServer):
    """One thread per connection; each request waits for a free execution environment."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], *, api_key: str, routes: Routes, invoke: Invoke) -> None:
        super().__init__(address, _RequestHandler)
        self.api_key = api_key
        self.api_key_id = "local-" + secrets.token_hex(4)
        self.routes = routes
        self.invoke = invoke
        self._answering = 0  # requests between their body read and their answer written
        self._answered = threading.Condition()

    @contextmanager
    def answering(self) -> Iterator[None]:
        with self._answered:
            self._answering += 1
        try:
            yield
        finally:
            with self._answered:
                self._answering -= 1
                self._answered.notify_all()

    def wait_answered(self, timeout: float) -> bool:
        """Wait until every request taken has its answer written (a stop answers those still
        waiting for a worker 503); whether they all had, within `timeout` seconds."""
        with self._answered:
            return self._answered.wait_for(lambda: self._answering == 0, timeout)


class _RequestHandler(BaseHTTPRequestHandler):
    server: GatewayServer
    protocol_version = "HTTP/1.1"
    server_version = "recall-screen-serve"
    timeout = IDLE_SECONDS  # each read and write of the connection's socket

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
        with self.server.answering():
            self._proxy_answered()

    def _proxy_answered(self) -> None:
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
        """The request's body, by its Content-Length or in chunks; None when it was refused and
        answered (413 over API Gateway's limit; 400 for a length that is not one, a body that
        ends before it, or chunks that cannot be read). A body over the limit is read on and
        dropped up to `DRAINED_AT_MOST`, and the connection is closed after the answer: what may
        be left of a refused body would read as a request."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunks()
        declared = (self.headers.get("Content-Length") or "0").strip()
        if not (declared.isascii() and declared.isdigit()):  # "²" is a digit Python cannot int()
            self.send_error(400, "Content-Length is not a number of bytes")
            return None
        length = int(declared)
        if length > GATEWAY_MAX_BODY:
            self._too_long(length)
            return None
        data = self.rfile.read(length) if length else b""
        if len(data) < length:
            self.send_error(400, f"the body ended after {len(data)} of its {length} bytes")
            return None
        return data

    def _read_chunks(self) -> bytes | None:
        """A chunked body (RFC 9112 7.1), within API Gateway's limit."""
        data = bytearray()
        while True:
            size = _chunk_size(self.rfile.readline(1024))
            if size < 0:
                self.send_error(400, "a chunk of the body has no size")
                return None
            if size == 0:
                while self.rfile.readline(1024).strip():  # the trailer, up to its blank line
                    pass
                return bytes(data)
            if len(data) + size > GATEWAY_MAX_BODY:
                self._drain_chunks(size, len(data))
                self._too_long(None)
                return None
            chunk = self.rfile.read(size)
            if len(chunk) < size or self.rfile.readline(3).strip():
                self.send_error(400, "a chunk of the body ended before its size")
                return None
            data += chunk

    def _drain_chunks(self, size: int, read: int) -> None:
        """Reads on and drops a chunked body refused for its size, from its chunk of `size` bytes
        after `read`, up to `DRAINED_AT_MOST` (as `_too_long` does a body of a declared length), so
        a client still sending it reads the 413. A chunk that cannot be read ends it."""
        while size > 0 and read + size <= DRAINED_AT_MOST:
            if not self._discard(size):
                return
            read += size
            self.rfile.readline(3)  # the chunk's line end
            size = _chunk_size(self.rfile.readline(1024))

    def _too_long(self, length: int | None) -> None:
        """413, after reading the body (up to `DRAINED_AT_MOST`) so a client still sending it reads
        the answer rather than a reset connection (API Gateway reads a body before refusing it)."""
        if length is not None and length <= DRAINED_AT_MOST:
            self._discard(length)
        self.close_connection = True
        self._send(413, {"message": "Request Too Long"})

    def _discard(self, count: int) -> bool:
        """Reads and drops `count` bytes of the body, a mebibyte at a time; False when it ends first."""
        while count > 0:
            read = len(self.rfile.read(min(count, 1 << 20)))
            if not read:
                return False
            count -= read
        return True

    def _answer(self, event: dict[str, Any]) -> None:
        """The function's answer, as API Gateway relays it."""
        try:
            response = self.server.invoke(event)
        except InvocationTimedOut:
            self._send(504, {"message": "Endpoint request timed out"})
            return
        except EnvironmentPoolClosed:
            # The server is stopping: retry (a decision it recorded is replayed by its key).
            self.close_connection = True
            self._write(
                503,
                [("Content-Type", "application/json"), ("Retry-After", "1")],
                json.dumps({"message": "Service Unavailable: the server is stopping"}).encode(),
            )
            return
        except InvocationFailed:
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
