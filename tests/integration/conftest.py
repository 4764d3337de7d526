"""Fixtures for handler and adapter tests on moto: the decisions table built from template.yaml,
moto itself, and the helpers' index and listings as fixtures."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from helpers import BLOCKED, CLEAN, REGION, ROOT, TABLE_NAME, StaticIndex, build_index
from moto import mock_aws
from recall_screen_cli.lambda_events import FakeLambdaContext
from recall_screen_cli.template import decisions_table_spec, load_template


@pytest.fixture
def lambda_context() -> FakeLambdaContext:
    return FakeLambdaContext(function_name="ScreenerFunction")


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fake credentials and a region, so nothing can reach a real AWS account, then moto."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        yield


@pytest.fixture
def dynamodb(aws_env: None) -> Any:
    return boto3.client("dynamodb", region_name=REGION)


@pytest.fixture
def decisions_table(dynamodb: Any) -> str:
    """The decisions table, created from template.yaml's DecisionsTable (keys and GSIs)."""
    dynamodb.create_table(**decisions_table_spec(load_template(ROOT / "template.yaml"), TABLE_NAME))
    return TABLE_NAME


@pytest.fixture
def static_index() -> StaticIndex:
    return StaticIndex(build_index())


def _copy(value: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(value)


@pytest.fixture
def listings() -> dict[str, dict[str, Any]]:
    return {"blocked": _copy(BLOCKED), "clean": _copy(CLEAN)}
