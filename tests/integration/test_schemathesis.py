"""Property-based API tests from the committed OpenAPI document (schemathesis): requests generated
from `openapi.json`, valid and invalid, sent to `lambda_handler` in-process (through the same API
Gateway event builder `recall-screen serve` uses), on moto. No server error but the documented
503, and every response of a documented status, content type and schema."""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import boto3
import pytest
import schemathesis
from helpers import REGION, ROOT, TABLE_NAME, StaticIndex, build_index
from hypothesis import HealthCheck, settings
from moto import mock_aws
from recall_screen.aws.decision_log import DecisionLog
from recall_screen_cli.lambda_events import FakeLambdaContext, api_gateway_event
from recall_screen_cli.template import decisions_table_spec, load_template
from schemathesis.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from screener.app import lambda_handler
from screener.runtime import Runtime, set_runtime

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish")


def wsgi_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """The Lambda handler behind a WSGI interface: each request becomes an API Gateway event."""
    headers = [
        (key[5:].replace("_", "-").title(), value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    ]
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers.append((key.replace("_", "-").title(), environ[key]))
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
    target = quote(path) + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")
    event = api_gateway_event(
        environ["REQUEST_METHOD"],
        target,
        body,
        headers=headers,
        identity={"apiKey": "k", "apiKeyId": "schemathesis", "sourceIp": "127.0.0.1"},
        stage="local",
        stage_in_path=False,
    )
    response = lambda_handler(event, FakeLambdaContext(function_name="ScreenerFunction"))
    status = int(response["statusCode"])
    out = [
        (name, str(v)) for name, values in (response.get("multiValueHeaders") or {}).items() for v in values
    ]
    start_response(f"{status} {HTTPStatus(status).phrase}", out)
    return [(response.get("body") or "").encode()]


schema = schemathesis.openapi.from_path(ROOT / "openapi.json")
schema.app = wsgi_app


@pytest.fixture(scope="module")
def api_on_moto() -> Iterator[None]:
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        patch.delenv("AWS_ENDPOINT_URL", raising=False)
        with mock_aws():
            dynamodb = boto3.client("dynamodb", region_name=REGION)
            dynamodb.create_table(**decisions_table_spec(load_template(ROOT / "template.yaml"), TABLE_NAME))
            set_runtime(Runtime(index=StaticIndex(build_index()), log=DecisionLog(dynamodb, TABLE_NAME)))
            try:
                yield
            finally:
                set_runtime(None)


def no_server_error_but_503(ctx: Any, response: Any, case: Any) -> bool:
    """A 5xx is a bug, except 503, which the API documents (no index; decision not recorded)."""
    if response.status_code >= 500 and response.status_code != 503:
        raise AssertionError(f"server error {response.status_code}: {response.text[:500]}")
    return True


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_documented_contract(case: Any, api_on_moto: None) -> None:
    response = case.call()
    case.validate_response(
        response,
        checks=[
            no_server_error_but_503,
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
        ],
    )
