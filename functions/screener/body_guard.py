"""The body guard: a body over the route's limit (413), a body that is not JSON (415) and a
base64 body that is not UTF-8 (422) are refused before anything parses them.

It runs before powertools' request validation, which would otherwise try form and multipart parsing
on a JSON route, and read a whole oversized body first.
"""

from __future__ import annotations

import base64

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware

from screener.errors import ApiError
from screener.schemas import FieldError

# The largest request bodies accepted (bytes, after base64 decoding). A listing within the field
# limits of recall_screen.models is at most about 70 KB even with every character JSON-escaped
# (\uXXXX); a batch of 100 is bounded by Lambda's own 6 MB request payload.
MAX_BODY_BYTES = 128 * 1024
MAX_BATCH_BODY_BYTES = 6 * 1000 * 1000
METHODS_WITH_BODY = ("POST", "PUT", "PATCH")


def refuse_unreadable_body(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[str]:
    event = app.current_event.raw_event
    body = event.get("body") or ""
    encoded = bool(event.get("isBase64Encoded"))
    size = len(body.encode()) if isinstance(body, str) else len(body)
    if encoded:
        size = size * 3 // 4
    limit = (
        MAX_BATCH_BODY_BYTES if str(event.get("path", "")).rstrip("/").endswith("/batch") else MAX_BODY_BYTES
    )
    if size > limit:
        raise ApiError(413, "payload_too_large", f"request body is {size} bytes; the limit is {limit} bytes")
    if encoded and not _utf8(body):
        not_utf8 = FieldError(
            field="body", location="body", message="the body is not UTF-8 JSON", type="json_invalid"
        )
        raise ApiError(422, "invalid_request", "invalid request: body", fields=[not_utf8])
    headers = {name.lower(): value for name, value in (event.get("headers") or {}).items()}
    content_type = str(headers.get("content-type") or "").strip().lower()
    sends_body = str(event.get("httpMethod", "")).upper() in METHODS_WITH_BODY
    if body and sends_body and content_type and not content_type.startswith("application/json"):
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    return next_middleware(app)


def _utf8(body: str) -> bool:
    try:
        base64.b64decode(body).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return False
    return True
