"""`recall-screen serve` as a subprocess: HTTP requests against it, as a marketplace would make them,
and a regulator's upload with an ordinary S3 client, picked up within seconds; concurrent requests
handled by its worker processes (the 409 of a key in progress, reached over HTTP); SIGTERM."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from helpers import ROOT
from recall_screen.aws.decision_log import DecisionLog
from screener.routes.screening import fingerprint

DATA = ROOT / "tests" / "data" / "recalls"
START_TIMEOUT = 90


@dataclass
class Served:
    process: subprocess.Popen
    api: str
    key: str
    s3_endpoint: str
    bucket: str
    stdout: Path
    stderr: Path

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        key: str | None = "default",
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.api + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if key is not None:
            request.add_header("x-api-key", self.key if key == "default" else key)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def logs(self) -> str:
        """The server's output, for an assertion message."""
        return f"stdout:\n{self.stdout.read_text()[-3000:]}\nstderr:\n{self.stderr.read_text()[-3000:]}"

    def json(self, method: str, path: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        status, _, data = self.request(method, path, body, **kwargs)
        return status, json.loads(data)


def start(tmp_path: Path, *args: str) -> Served:
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    process = subprocess.Popen(
        [sys.executable, "-m", "recall_screen_cli", "serve", "--port", "0", *args],
        cwd=ROOT,
        stdout=stdout.open("wb"),
        stderr=stderr.open("wb"),
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + START_TIMEOUT
    lines: list[str] = []
    while time.monotonic() < deadline:
        lines = stdout.read_text().splitlines()
        if len(lines) >= 4 or process.poll() is not None:
            break
        time.sleep(0.1)
    if len(lines) < 4:
        process.kill()
        process.wait(10)
        raise AssertionError(f"serve did not start: {lines}\n{stderr.read_text()[-3000:]}")
    labels = ["API", "API key", "S3 endpoint", "Bucket"]
    values = {}
    for label, line in zip(labels, lines[:4], strict=True):
        assert line.startswith(f"{label}: "), lines
        values[label] = line[len(label) + 2 :]
    return Served(
        process, values["API"], values["API key"], values["S3 endpoint"], values["Bucket"], stdout, stderr
    )


def stop(served: Served) -> int:
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGTERM)
    try:
        return served.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait(10)
        raise


def workers(served: Served) -> list[int]:
    """The pids of serve's execution environments (its worker processes), from /proc."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
            stat = (cmdline.parent / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == served.process.pid and b"recall_screen_cli.lambda_runtime" in args:
            found.append(int(cmdline.parent.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie is not: it has exited, and waits only for its parent to notice)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def aws_client(served: Served, service: str) -> Any:
    """A client of the embedded AWS, as any other process would make one."""
    return boto3.client(
        service,
        endpoint_url=served.s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="anything",
        aws_secret_access_key="anything",
    )


def all_at_once(count: int, send: Any) -> list[Any]:
    """`send(n)` from `count` threads released together; their results in order."""
    results: list[Any] = [None] * count
    barrier = threading.Barrier(count)

    def run(n: int) -> None:
        barrier.wait()
        results[n] = send(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = start(tmp_path_factory.mktemp("serve"), "--recalls", f"cpsc={DATA / 'cpsc_slice.json'}")
    yield served
    stop(served)


def test_it_prints_four_lines(served):
    assert served.api.startswith("http://127.0.0.1:")
    assert len(served.key) >= 20
    assert served.s3_endpoint.startswith("http://127.0.0.1:")
    assert served.bucket


def test_the_api_key_is_required(served):
    status, body = served.json("GET", "/v1/health", key=None)
    assert status == 403 and body == {"message": "Forbidden"}
    status, _ = served.json("POST", "/v1/screen", {"listing_id": "x", "title": "y"}, key="wrong-key")
    assert status == 403


def test_screen_and_read_the_decision_back(served):
    listing = {"listing_id": "http-1", "title": "Hand-carved wooden chess set", "ship_to": "US"}
    status, headers, data = served.request("POST", "/v1/screen", listing)
    assert status == 200, served.logs()
    decision = json.loads(data)
    assert decision["decision"] in ("allow", "review", "block") and decision["listing_id"] == "http-1"
    assert headers.get("X-Request-Id")

    status, _, again = served.request("GET", f"/v1/decisions/{decision['decision_id']}")
    assert status == 200 and again == data

    status, history = served.json("GET", "/v1/listings/http-1/decisions?limit=5")
    assert status == 200 and [d["decision_id"] for d in history["decisions"]] == [decision["decision_id"]]


def test_errors_over_http(served):
    status, body = served.json("POST", "/v1/screen", {"title": ""})
    assert status == 422
    assert {f["field"] for f in body["error"]["fields"]} == {"listing_id", "title"}
    status, body = served.json(
        "POST", "/v1/screen", raw=b'{"listing_id": "x", "title": "' + b"a" * 140_000 + b'"}'
    )
    assert status == 413
    status, body = served.json("GET", "/v1/decisions/01NOSUCHDECISION0000000000")
    assert status == 404
    status, body = served.json("GET", "/v1/listings/x/decisions?cursor=forged")
    assert status == 400


def test_idempotency_over_http(served):
    listing = {"listing_id": "http-idem", "title": "Hand-carved wooden chess set"}
    first = served.request("POST", "/v1/screen", listing, headers={"Idempotency-Key": "http-k1"})
    second = served.request("POST", "/v1/screen", listing, headers={"Idempotency-Key": "http-k1"})
    assert first[0] == second[0] == 200 and first[2] == second[2], served.logs()
    assert second[1].get("Idempotent-Replayed") == "true"


def test_docs_and_openapi(served):
    status, headers, data = served.request("GET", "/v1/docs")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"SwaggerUIBundle" in data
    assert b'"url": "/"' in data  # "Try it out" calls this server, not a stage path it does not have
    status, _, data = served.request("GET", "/v1/openapi.json")
    assert status == 200 and data.decode() == (ROOT / "openapi.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "method, path",
    [
        ("TRACE", "/v1/health"),
        ("CONNECT", "/v1/screen"),
        ("PATCH", "/v1/screen"),
        ("PUT", "/v1/decisions/01ZZZZZZZZZZZZZZZZZZZZZZZZ"),
        ("DELETE", "/v1/listings/x/decisions"),
        ("OPTIONS", "/v1/health"),
        ("GET", "/v1/screen"),
        ("POST", "/nowhere"),
        ("BREW", "/v1/health"),
    ],
)
def test_a_method_no_route_declares_gets_api_gateways_403(served, method, path):
    """API Gateway (a REST API) answers 403 Missing Authentication Token for a method a resource
    does not have, as for a resource that does not exist; never a 5xx, never an HTML page."""
    status, headers, data = served.request(method, path, {"listing_id": "x", "title": "y"})
    assert status == 403, served.logs()
    assert headers["Content-Type"] == "application/json"
    assert json.loads(data) == {"message": "Missing Authentication Token"}


def test_a_malformed_request_gets_json_not_html(served):
    host, port = served.api.removeprefix("http://").rsplit(":", 1)
    for raw in (
        b"NOT A REQUEST LINE\r\n\r\n",
        b"POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n",
    ):
        with socket.create_connection((host, int(port)), timeout=30) as connection:
            connection.sendall(raw)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400 "), answer
        assert b"Content-Type: application/json" in head
        assert "message" in json.loads(body)


def _exchange(served: Served, raw: bytes, *, half_close: bool = False) -> list[bytes]:
    """The answers to what `raw` sends on one connection (each answer's head and body)."""
    host, port = served.api.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(raw)
        if half_close:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
            if not half_close and answer.count(b"HTTP/1.1 ") >= 2 and answer.endswith(b"}"):
                break
    return [b"HTTP/1.1 " + part for part in answer.split(b"HTTP/1.1 ")[1:]]


def test_a_body_is_read_whole_or_refused_and_never_read_as_the_next_request(served):
    """A chunked body was ignored (422 "body required") and its chunks read as a second request,
    whose 400 the next request on the connection received; a body shorter than its length was
    screened as if whole; a Content-Length of "²" left the client with no answer."""
    listing = json.dumps({"listing_id": "chunked-1", "title": "Hand-carved wooden chess set"}).encode()
    head = f"POST /v1/screen HTTP/1.1\r\nHost: x\r\nx-api-key: {served.key}\r\n"
    chunked = head.encode() + b"Transfer-Encoding: chunked\r\n\r\n"
    chunked += b"".join(
        f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (listing[:20], listing[20:])
    )
    following = head.encode() + f"Content-Length: {len(listing)}\r\n\r\n".encode() + listing
    answers = _exchange(served, chunked + b"0\r\n\r\n" + following)
    assert [a.split(b" ", 2)[1] for a in answers] == [b"200", b"200"], answers
    assert all(b'"listing_id":"chunked-1"' in a.replace(b" ", b"") for a in answers)

    short = head.encode() + f"Content-Length: {2 * len(listing)}\r\n\r\n".encode() + listing
    (answer,) = _exchange(served, short, half_close=True)
    assert answer.startswith(b"HTTP/1.1 400 ") and b"ended after" in answer, answer
    odd = head.encode() + "Content-Length: ²\r\n\r\n".encode() + listing
    (answer,) = _exchange(served, odd, half_close=True)
    assert answer.startswith(b"HTTP/1.1 400 ") and b"not a number of bytes" in answer, answer
    # A chunk size is hexadecimal digits: not Python's "0x" form of them.
    prefixed = head.encode() + b"Transfer-Encoding: chunked\r\n\r\n" + b"0x5\r\nhello\r\n0\r\n\r\n"
    (answer,) = _exchange(served, prefixed, half_close=True)
    assert answer.startswith(b"HTTP/1.1 400 ") and b"has no size" in answer, answer


def test_a_body_over_the_limit_is_answered_413_while_its_client_still_sends(served):
    """The server answered and closed without reading the body: a client still sending it got a
    broken pipe, not the 413 API Gateway gives."""
    host, port = served.api.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request(
            "POST", "/v1/screen", body=b"x" * (11 * 1024 * 1024), headers={"x-api-key": served.key}
        )
        response = connection.getresponse()
        assert response.status == 413 and json.loads(response.read()) == {"message": "Request Too Long"}
    finally:
        connection.close()


def test_a_chunked_body_over_the_limit_is_answered_413_while_its_client_still_sends(served):
    """A chunked body over the limit was refused without being read on: a client still sending it
    got a broken pipe or a reset, not the 413."""
    host, port = served.api.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    chunks = (b"x" * (1024 * 1024) for _ in range(24))
    try:
        connection.request(
            "POST", "/v1/screen", body=chunks, headers={"x-api-key": served.key}, encode_chunked=True
        )
        response = connection.getresponse()
        assert response.status == 413 and json.loads(response.read()) == {"message": "Request Too Long"}
    finally:
        connection.close()


def test_an_upload_by_any_s3_client_is_served_within_seconds(served):
    status, before = served.json("GET", "/v1/health")
    assert status == 200 and before["status"] == "ok"
    assert [s["source"] for s in before["sources"]] == ["cpsc"]

    s3 = aws_client(served, "s3")
    s3.upload_file(str(DATA / "eu_safety_gate_slice.ndjson"), served.bucket, "recalls/eu/safety_gate.ndjson")

    deadline = time.monotonic() + 30
    after = before
    while time.monotonic() < deadline:
        after = served.json("GET", "/v1/health")[1]
        if after["index_version"] != before["index_version"]:
            break
        time.sleep(0.5)
    assert after["index_version"] != before["index_version"], served.logs()
    assert sorted(s["source"] for s in after["sources"]) == ["cpsc", "eu"]
    assert after["recalls"] > before["recalls"]

    # Each execution environment follows the pointer on its own refresh, as Lambda's do: within
    # seconds every one screens with the new version.
    deadline = time.monotonic() + 30
    versions = []
    while time.monotonic() < deadline:
        status, decision = served.json("POST", "/v1/screen", {"listing_id": "http-eu", "title": "Sandals"})
        assert status == 200, served.logs()
        versions.append(decision["index_version"])
        if decision["index_version"] == after["index_version"]:
            break
        time.sleep(0.5)
    assert versions[-1] == after["index_version"], (versions, served.logs())


# -- concurrency: execution environments ----------------------------------------------------------


def test_requests_are_handled_by_worker_processes(served):
    assert len(workers(served)) == min(4, os.cpu_count() or 1)  # --concurrency's default


def test_a_request_whose_key_is_held_by_a_request_in_progress_gets_409(served):
    """Over HTTP, as a second request arriving while the first still holds its Idempotency-Key:
    the claim the first request made is put in the table through the embedded AWS's endpoint,
    by the decision log's own code, for the same caller, route and body."""
    listing = {"listing_id": "http-held", "title": "Hand-carved wooden chess set", "ship_to": "US"}
    dynamodb = aws_client(served, "dynamodb")
    table = next(name for name in dynamodb.list_tables()["TableNames"] if "decisions" in name)
    log = DecisionLog(dynamodb, table)
    # The caller is the API key's id, as the server names it: read off a key it has stored.
    status, _, _ = served.request("POST", "/v1/screen", listing, headers={"Idempotency-Key": "http-probe"})
    assert status == 200, served.logs()
    caller = next(
        item["caller"]["S"]
        for item in dynamodb.scan(TableName=table)["Items"]
        if item["pk"]["S"].endswith("#http-probe")
    )
    log.claim(caller, "http-held", fingerprint=fingerprint("screen", listing), request_id="the-first")

    status, headers, data = served.request(
        "POST", "/v1/screen", listing, headers={"Idempotency-Key": "http-held"}
    )
    assert status == 409, (data, served.logs())
    assert json.loads(data)["error"]["code"] == "idempotency_in_progress"
    assert headers["Retry-After"] == "1"

    log.release(caller, "http-held", request_id="the-first")  # the first request failed: a retry goes on
    status, headers, _ = served.request(
        "POST", "/v1/screen", listing, headers={"Idempotency-Key": "http-held"}
    )
    assert status == 200 and "Idempotent-Replayed" not in headers


def test_concurrent_requests_with_one_key_record_one_decision(served):
    listing = {"listing_id": "http-race", "title": "Hand-carved wooden chess set", "ship_to": "US"}
    answers = all_at_once(
        8,
        lambda n: served.request("POST", "/v1/screen", listing, headers={"Idempotency-Key": "http-race"}),
    )
    statuses = [status for status, _, _ in answers]
    assert set(statuses) <= {200, 409}, (statuses, served.logs())
    decided = {data for status, _, data in answers if status == 200}
    assert len(decided) == 1  # the original, and replays of it byte for byte
    status, history = served.json("GET", "/v1/listings/http-race/decisions")
    assert status == 200 and len(history["decisions"]) == 1


def test_more_concurrent_requests_than_workers_all_get_their_decision(served):
    answers = all_at_once(
        12,
        lambda n: served.json("POST", "/v1/screen", {"listing_id": f"http-many-{n}", "title": "Chess set"}),
    )
    assert [status for status, _ in answers] == [200] * 12, served.logs()
    assert len({body["decision_id"] for _, body in answers}) == 12


def test_nothing_follows_the_header_on_stdout(served):
    """powertools prints a metrics line whenever 100 values of one metric accumulate, metrics
    disabled or not; without --verbose the workers' stdout is /dev/null (a pipe nobody reads
    would fill up and block them)."""
    answers = all_at_once(
        8,
        lambda n: [
            served.request("POST", "/v1/screen", {"listing_id": f"quiet-{n}-{i}", "title": "Chess set"})[0]
            for i in range(60)
        ],
    )
    assert [status for batch in answers for status in batch] == [200] * 480, served.logs()
    assert len(served.stdout.read_text().splitlines()) == 4, served.logs()


# -- stopping -------------------------------------------------------------------------------------------


def test_sigterm_stops_everything_within_a_second(tmp_path):
    served = start(tmp_path, "--recalls", f"cpsc={DATA / 'cpsc_slice.json'}", "--concurrency", "2")
    assert served.json("GET", "/v1/health")[0] == 200
    pids = workers(served)
    assert len(pids) == 2
    started = time.monotonic()
    assert stop(served) == 0
    assert time.monotonic() - started < 1.0
    assert "stopped" in served.stderr.read_text()
    assert not [pid for pid in pids if alive(pid)]  # the workers went with it


def test_a_sigterm_that_lands_inside_a_boto3_call_still_stops_the_start(aws_env):
    """While `serve` starts, its main thread is mostly inside boto3 calls (the table, the drops).
    A stop raised there as an Exception was wrapped by botocore as an HTTP client error and
    retried: the SIGTERM was swallowed, and `serve` went on to serve until a second one."""
    from recall_screen_cli import serve

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}"
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    quick = Config(read_timeout=2, retries={"max_attempts": 2})  # swallowed, the call fails on its own
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=quick)
    previous = signal.signal(signal.SIGTERM, serve._on_sigterm)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM))
    try:
        timer.start()
        with pytest.raises(serve._Stopped):
            s3.list_buckets()  # the server never answers: the call waits until the signal lands
    finally:
        timer.cancel()
        signal.signal(signal.SIGTERM, previous)
        listener.close()
        for conn in accepted:
            conn.close()


def test_by_default_it_serves_the_shipped_sample(tmp_path):
    served = start(tmp_path)
    try:
        status, health = served.json("GET", "/v1/health")
        assert status == 200, served.logs()
        assert [s["source"] for s in health["sources"]] == ["cpsc"]
        assert health["recalls"] > 0
    finally:
        assert stop(served) == 0


def test_a_missing_recall_file_is_an_error(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "recall_screen_cli",
            "serve",
            "--port",
            "0",
            "--recalls",
            str(tmp_path / "nope.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "no such recall file" in result.stderr
