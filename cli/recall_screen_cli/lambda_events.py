"""Lambda's side of a call, made locally: API Gateway REST proxy events and a Lambda context.

One builder for every caller: `recall-screen serve` turns each HTTP request into an event, `demo`
screens its listings with them, and the tests vary them. Each event is events/screen-post.json (a
real event's shape) with the request's method, path and query string, headers, body and caller.

    api_gateway_event("POST", "/v1/screen", json.dumps(listing))        # the sample client
    api_gateway_event("GET", "/v1/health?x=1", headers=[("Accept", "*/*")], stage="local",
                      stage_in_path=False)                              # exactly this request
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

SAMPLE_EVENT = "screen-post.json"


@dataclass
class FakeLambdaContext:
    """What powertools reads from a Lambda context (`inject_lambda_context`)."""

    function_name: str = "recall-screen-local"
    memory_limit_in_mb: int = 1024
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:recall-screen-local"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "/aws/lambda/recall-screen-local"
    log_stream_name: str = "local"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 300_000


def sample_event() -> dict[str, Any]:
    """events/screen-post.json: the marketplace's POST /v1/screen through the `dev` stage (a fresh
    copy, safe to vary)."""
    from recall_screen_cli.embedded import EVENTS_DIR

    event: dict[str, Any] = json.loads((EVENTS_DIR / SAMPLE_EVENT).read_text(encoding="utf-8"))
    return event


def sample_headers() -> dict[str, str]:
    """The sample client's headers: JSON, with an API key."""
    headers: dict[str, str] = sample_event()["headers"]
    return headers


def api_gateway_event(
    method: str,
    target: str,
    body: bytes | str | None = None,
    *,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    identity: Mapping[str, str | None] | None = None,
    request_id: str | None = None,
    stage: str | None = None,
    stage_in_path: bool = True,
) -> dict[str, Any]:
    """The event API Gateway sends the function for this request.

    `target` is the path with its query string, as in an HTTP request line. `body`: bytes are sent
    as text when they are UTF-8, base64 otherwise; a string as it is. `headers`: all the request's
    headers (default: the sample client's). `identity`: what API Gateway knows of the caller
    (`apiKey`, `apiKeyId`, `sourceIp`, `userAgent`), over the sample's. `stage` (default: the
    sample's, `dev`) is in the path API Gateway reports unless the API is reached through a
    custom domain or locally (`stage_in_path=False`)."""
    event = sample_event()
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    query = parse_qs(parts.query, keep_blank_values=True) if parts.query else {}
    event.update(
        resource=path,
        path=path,
        httpMethod=method,
        queryStringParameters={name: values[-1] for name, values in query.items()} or None,
        multiValueQueryStringParameters=query or None,
    )
    if headers is not None:
        event["headers"], event["multiValueHeaders"] = _headers(headers)
    event["body"], event["isBase64Encoded"] = _body(body)
    context = event["requestContext"]
    stage = stage or context["stage"]
    now = datetime.now(UTC)
    context.update(
        resourcePath=path,
        httpMethod=method,
        path=f"/{stage}{path}" if stage_in_path else path,
        stage=stage,
        requestId=request_id or str(uuid.uuid4()),
        requestTime=now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
        requestTimeEpoch=int(now.timestamp() * 1000),
    )
    context["identity"].update(identity or {})
    return event


def _headers(
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[dict[str, str] | None, dict[str, list[str]] | None]:
    """The event's `headers` (the last value of each) and `multiValueHeaders` (all of them)."""
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in pairs:
        single[name] = value
        multi.setdefault(name, []).append(value)
    return single or None, multi or None


def _body(body: bytes | str | None) -> tuple[str | None, bool]:
    if isinstance(body, str):
        return body, False
    if not body:
        return None, False
    try:
        return body.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(body).decode(), True
