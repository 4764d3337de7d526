"""The API's OpenAPI document: what it says about the API, and a command that prints it.

python -m screener.openapi > openapi.json          # regenerate the committed document
python -m screener.openapi --check openapi.json    # exit 1 when the committed one has drifted

The settings are configured once on the resolver (`configure`), so Swagger UI at /v1/docs and
/v1/openapi.json show the same document, each naming as its server the path the client reached the
API at (`base_path`): a client generated from it calls the right URL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.openapi.models import APIKey, APIKeyIn, Server
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent

TITLE = "Recall Screen API"
VERSION = "1.0.0"
DESCRIPTION = (
    "Screens marketplace listings against product-recall lists and records every decision. "
    "Every request needs the API key in the `x-api-key` header. Decisions are `block`, `review` "
    "or `allow`; with no recall index loaded the API answers 503, never `allow`."
)


# (validated from a dict: the model's field is `in`, a Python keyword, so its __init__ takes `in_`,
# which the type checker cannot see through pydantic's alias)
API_KEY = APIKey.model_validate({"name": "x-api-key", "in": APIKeyIn.header, "description": "the API key"})


def configure(app: APIGatewayRestResolver) -> None:
    app.configure_openapi(
        title=TITLE,
        version=VERSION,
        description=DESCRIPTION,
        security_schemes={"apiKey": API_KEY},
        security=[{"apiKey": []}],
    )


def base_path(event: APIGatewayProxyEvent) -> str:
    """Where the client reached the API: "/dev" through an execute-api URL (the stage is in the
    path), "" behind a custom domain or locally. Decided as powertools' Swagger UI decides it."""
    stage = event.request_context.stage
    if stage and stage != "$default" and event.request_context.path.startswith(f"/{stage}"):
        return f"/{stage}"
    return ""


def document(app: APIGatewayRestResolver, base: str = "") -> str:
    """The document for clients reaching the API at `base` ("" in the committed openapi.json)."""
    return app.get_openapi_json_schema(servers=[Server(url=base or "/")]) + "\n"


def main(argv: list[str] | None = None) -> int:
    from screener.app import app

    argv = sys.argv[1:] if argv is None else argv
    text = document(app)
    if argv[:1] == ["--check"]:
        path = Path(argv[1] if len(argv) > 1 else "openapi.json")
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"{path} differs from the code: run `python -m screener.openapi > {path}`", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
