"""The body guard: a body over the route's limit (413), a body that is not JSON (415), a base64
body that is not UTF-8 (422), JSON nested deeper than any request of this API (422) and JSON that
is not an object (422) are refused before anything parses them.

It runs before powertools' request validation, which would otherwise try form and multipart parsing
on a JSON route, read a whole oversized body first, and parse any nesting: about 10 KB of `[[[[...`
exhausts the parser's recursion (an unhandled RecursionError, a 500).
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import sys

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
# The deepest arrays-in-objects nesting accepted. The API's deepest request is a batch:
# {"listings": [{...}]}, three levels; the rest is room for what a client may add and is ignored.
MAX_JSON_DEPTH = 32

# A JSON string, escapes and all; one left open runs to the end of the body (so matching never
# backtracks: the scan is linear whatever the body holds).
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# An integer literal longer than Python converts (`sys.get_int_max_str_digits`, 4,300 by default; 0
# lifts the limit): the JSON is valid, but decoding it raises ValueError, no syntax error to point at.
_INT_DIGITS = sys.get_int_max_str_digits()
_LONG_INTEGER = re.compile(rf"(?<![\d.])\d{{{_INT_DIGITS + 1},}}(?![\d.eE])") if _INT_DIGITS else None


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
    text = _utf8(body) if encoded else body
    if text is None:
        raise _invalid_body("the body is not UTF-8 JSON", "json_invalid")
    headers = {name.lower(): value for name, value in (event.get("headers") or {}).items()}
    # The media type alone, without its parameters ("; charset=utf-8"): "application/json-patch+json"
    # is another format, though it starts the same.
    content_type = str(headers.get("content-type") or "").split(";")[0].strip().lower()
    sends_body = str(event.get("httpMethod", "")).upper() in METHODS_WITH_BODY
    if body and sends_body and content_type and content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    if text and sends_body:
        _refuse_unexpected_json(text)
    return next_middleware(app)


def _refuse_unexpected_json(text: str) -> None:
    """422 for JSON nested deeper than MAX_JSON_DEPTH, holding an integer too long to decode, or
    that is not an object (every body this API takes is one). Text that is not JSON at all is left
    to the validation, which says where it breaks."""
    bare = _JSON_STRING.sub("", text)  # what is left is the JSON's structure, numbers and words
    depth = _depth(bare)
    if depth > MAX_JSON_DEPTH:
        message = f"the body nests arrays and objects {depth} deep; the limit is {MAX_JSON_DEPTH}"
        raise _invalid_body(message, "json_too_deep")
    if _LONG_INTEGER is not None and _LONG_INTEGER.search(bare):
        message = f"the body holds a number of more than {_INT_DIGITS:,} digits"
        raise _invalid_body(message, "json_invalid")
    start = text.lstrip()[:1]
    if start == "{" or not start:
        return
    if start != "[":  # a scalar (null, a number, a string...), or not JSON at all
        try:
            json.loads(text)
        except ValueError:
            return
    raise _invalid_body("the body must be a JSON object", "model_attributes_type")


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in JSON text (0 for a scalar), found without parsing it:
    strings, which may hold brackets, are dropped, and the brackets left are counted."""
    return _depth(_JSON_STRING.sub("", text))


def _depth(bare: str) -> int:
    """`nesting_depth` of JSON text whose strings are dropped."""
    brackets = _NOT_A_BRACKET.sub("", bare)
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _invalid_body(message: str, error_type: str) -> ApiError:
    field = FieldError(field="body", location="body", message=message, type=error_type)
    return ApiError(422, "invalid_request", "invalid request: body", fields=[field])


def _utf8(body: str) -> str | None:
    try:
        return base64.b64decode(body).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
