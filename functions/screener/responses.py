"""JSON responses as the API writes them: compact, UTF-8, the body serialised once."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response[str]:
    """`body` as JSON; a string is taken as JSON already (a decision exactly as recorded)."""
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=text, headers=headers
    )
