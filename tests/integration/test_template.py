"""template.yaml keeps its promises: the decision table's contract (idempotency items expire,
decisions never), a locked-down drop bucket that outlives the stack and logs who dropped what,
regulators confined to their own prefixes, least-privilege functions (no wildcard, the screener
never scans or deletes a decision), an API behind a key and optionally IAM with only its
documentation open, the drop trigger, saved queries that match what the handlers log, alarms,
and every setting the code reads.

The template is also checked by `make validate-template` (sam validate --lint and cfn-lint with the
SAM transform, which catches circular dependencies, and the SAM translation of each ApiIamAuth
option, tests/sam_api_auth.py); these tests pin what those tools cannot know.
"""

from __future__ import annotations

import fnmatch
import functools
import io
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from helpers import BLOCKED, build_index
from index_builder import app as builder_app
from moto import mock_aws
from recall_screen.aws.decision_log import DecisionLog
from recall_screen.catalog.keys import parse_drop_key
from recall_screen.models import Listing
from recall_screen.policy import Policy
from recall_screen.screening import Screener
from recall_screen_cli.embedded import embedded_aws
from recall_screen_cli.lambda_events import api_gateway_event
from recall_screen_cli.template import (
    TemplateError,
    decisions_table_spec,
    environment_defaults,
    load_template,
    parameter_defaults,
)
from screener import app as screener_app
from screener import telemetry as screener_telemetry
from screener.runtime import Runtime, set_runtime

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = ROOT / "template.yaml"

ENV_VARS = {
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_METRICS_NAMESPACE",
    "POWERTOOLS_LOG_LEVEL",
    "RECALL_SCREEN_BUCKET",
    "RECALL_SCREEN_DECISIONS_TABLE",
    "RECALL_SCREEN_INDEX_REFRESH_SECONDS",
    "RECALL_SCREEN_MAX_DROP_BYTES",
    "RECALL_SCREEN_MAX_DECOMPRESSED_BYTES",
    "RECALL_SCREEN_MAX_INVALID_SHARE",
    "RECALL_SCREEN_INDEX_VERSIONS_KEPT",
    "RECALL_SCREEN_BLOCK_THRESHOLD",
    "RECALL_SCREEN_REVIEW_THRESHOLD",
}

API_ROUTES = {
    ("/v1/screen", "POST"),
    ("/v1/screen/batch", "POST"),
    ("/v1/decisions/{decision_id}", "GET"),
    ("/v1/listings/{listing_id}/decisions", "GET"),
    ("/v1/listings/{listing_id}", "DELETE"),
    ("/v1/health", "GET"),
    ("/v1/decisions/{decision_id}/verdict", "POST"),
    ("/v1/decisions/{decision_id}/verdicts", "GET"),
    ("/v1/reviews", "GET"),
    ("/v1/recalls/{source}/{recall_id}/report", "GET"),
    ("/v1/recalls/{source}/report", "GET"),  # a recall id holding a "/", in the query
    ("/v1/review", "GET"),
    ("/v1/openapi.json", "GET"),
    ("/v1/docs", "GET"),
}

# AWS requires "*" for these actions (no resource-level permissions); none is expected inline today.
ACTIONS_ALLOWED_ON_ANY_RESOURCE = {
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "cloudwatch:PutMetricData",
}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(TEMPLATE_PATH)


@pytest.fixture(scope="module")
def resources(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]


def props(resources: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return resources[logical_id]["Properties"]


def references(node: Any) -> set[str]:
    """Logical ids and parameter names a template fragment refers to (Ref, GetAtt, Sub)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value.split(".")[0])
            elif key == "Fn::GetAtt":
                target = value[0] if isinstance(value, list) else str(value).split(".")[0]
                found.add(target)
            elif key == "Fn::Sub":
                text, variables = (value[0], value[1]) if isinstance(value, list) else (value, {})
                names = {match.split(".")[0] for match in re.findall(r"\$\{([^}!]+)\}", text)}
                found |= names - set(variables)
                found |= references(variables)
            else:
                found |= references(value)
    elif isinstance(node, list):
        for item in node:
            found |= references(item)
    return found


# ---------------------------------------------------------------- decision table


def test_decisions_table_spec_is_the_decision_log_contract(template: dict[str, Any]) -> None:
    spec = decisions_table_spec(template)

    assert spec["BillingMode"] == "PAY_PER_REQUEST"
    assert spec["KeySchema"] == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]
    assert {(a["AttributeName"], a["AttributeType"]) for a in spec["AttributeDefinitions"]} == {
        ("pk", "S"),
        ("sk", "S"),
        ("listing_pk", "S"),
        ("seller_pk", "S"),
        ("recall_pk", "S"),
        ("verdict_pk", "S"),
        ("decided_sk", "S"),
        ("review_pk", "S"),
        ("live_pk", "S"),
        ("live_sk", "S"),
    }
    indexes = {index["IndexName"]: index for index in spec["GlobalSecondaryIndexes"]}
    # Live listings: the latest item per listing, by shard (aws/live_listings.py).
    assert indexes.pop("by_live")["KeySchema"] == [
        {"AttributeName": "live_pk", "KeyType": "HASH"},
        {"AttributeName": "live_sk", "KeyType": "RANGE"},
    ]
    expected = {
        "by_listing": "listing_pk",
        "by_seller": "seller_pk",
        "by_recall": "recall_pk",
        "by_verdict": "verdict_pk",
        "by_review": "review_pk",
    }
    assert set(indexes) == set(expected)
    for name, partition_key in expected.items():
        assert indexes[name]["KeySchema"] == [
            {"AttributeName": partition_key, "KeyType": "HASH"},
            {"AttributeName": "decided_sk", "KeyType": "RANGE"},
        ], name
        assert indexes[name]["Projection"] == {"ProjectionType": "ALL"}, name
    assert "TableName" not in spec
    assert decisions_table_spec(template, table_name="decisions")["TableName"] == "decisions"


def test_decisions_table_spec_creates_the_table_on_moto(
    template: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(**decisions_table_spec(template, table_name="decisions"))
        table = client.describe_table(TableName="decisions")["Table"]
    assert table["KeySchema"] == decisions_table_spec(template)["KeySchema"]
    assert sorted(index["IndexName"] for index in table["GlobalSecondaryIndexes"]) == [
        "by_listing",
        "by_live",
        "by_recall",
        "by_review",
        "by_seller",
        "by_verdict",
    ]


def test_decisions_table_is_an_encrypted_recoverable_audit_log(resources: dict[str, Any]) -> None:
    table = resources["DecisionsTable"]
    assert table["Type"] == "AWS::DynamoDB::Table"
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"
    properties = table["Properties"]
    assert properties["SSESpecification"]["SSEEnabled"] is True
    assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    # Idempotency items expire; decisions never carry the attribute (the next test proves it).
    assert properties["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}


def test_only_idempotency_items_carry_the_ttl_attribute(
    template: dict[str, Any], dynamodb: Any, decisions_table: str
) -> None:
    """On moto, with the table and its TTL built from the template: a claimed and completed
    Idempotency-Key expires 24 h after the claim; the decision's items (main and matched-recall)
    have no TTL attribute, so DynamoDB never deletes an audit record."""
    ttl = props(template["Resources"], "DecisionsTable")["TimeToLiveSpecification"]
    dynamodb.update_time_to_live(TableName=decisions_table, TimeToLiveSpecification=ttl)
    log = DecisionLog(dynamodb, decisions_table)
    listing = Listing.model_validate(BLOCKED)
    decision = Screener(build_index()).screen(listing)
    assert decision.matches  # so matched-recall items are written too
    claimed_at = 1_900_000_000
    assert log.claim("key-1", "k", fingerprint="f", request_id="r1", now=claimed_at) is None
    log.record(
        decision,
        listing,
        request_id="r1",
        caller="key-1",
        idempotency=("key-1", "k", {"decision_id": decision.decision_id}),
    )
    items = {(i["pk"]["S"], i["sk"]["S"]): i for i in dynamodb.scan(TableName=decisions_table)["Items"]}

    attribute = ttl["AttributeName"]
    idempotency = items.pop(("IDEMPOTENCY#key-1#k", "IDEMPOTENCY"))
    assert idempotency["state"] == {"S": "COMPLETED"}
    assert idempotency[attribute] == {"N": str(claimed_at + 24 * 3600)}
    latest = items.pop((f"LISTING#{decision.listing_id}", "LATEST"))  # the listing's latest decision
    assert attribute not in latest
    assert len(items) == 1 + len({(m.source, m.recall_id) for m in decision.matches})
    for key, item in items.items():
        assert key[0] == f"DECISION#{decision.decision_id}"
        assert attribute not in item, key


def test_table_spec_refuses_intrinsic_values(template: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(template))
    broken["Resources"]["DecisionsTable"]["Properties"]["BillingMode"] = {"Ref": "Billing"}
    with pytest.raises(TemplateError, match="BillingMode"):
        decisions_table_spec(broken)
    with pytest.raises(TemplateError, match="NoSuchTable"):
        decisions_table_spec(template, logical_id="NoSuchTable")


# ---------------------------------------------------------------- drop bucket


def test_drop_bucket_is_private_encrypted_and_versioned(resources: dict[str, Any]) -> None:
    bucket = props(resources, "DropBucket")
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    rules = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rules and rules[0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms"}
    assert bucket["VersioningConfiguration"]["Status"] == "Enabled"
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]


def test_drop_bucket_policy_denies_requests_without_tls(resources: dict[str, Any]) -> None:
    policy = props(resources, "DropBucketPolicy")
    assert policy["Bucket"] == {"Ref": "DropBucket"}
    denials = [
        statement
        for statement in policy["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Deny"
        and statement.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") in ("false", False)
    ]
    assert len(denials) == 1
    denial = denials[0]
    assert denial["Principal"] == "*"
    assert denial["Action"] == "s3:*"
    assert denial["Resource"] == [{"Fn::GetAtt": ["DropBucket", "Arn"]}, {"Fn::Sub": "${DropBucket.Arn}/*"}]


@pytest.mark.parametrize("logical_id", ["DropBucket", "AccessLogBucket", "DecisionsTable"])
def test_stores_of_record_outlive_the_stack(resources: dict[str, Any], logical_id: str) -> None:
    """Deleting or replacing the stack keeps the drops, their access logs and the decisions (and a
    non-empty versioned bucket would make the deletion fail): README says how to remove them."""
    assert resources[logical_id]["DeletionPolicy"] == "Retain"
    assert resources[logical_id]["UpdateReplacePolicy"] == "Retain"


def test_who_dropped_what_is_logged_to_a_private_bucket(resources: dict[str, Any]) -> None:
    logging = props(resources, "DropBucket")["LoggingConfiguration"]
    assert logging["DestinationBucketName"] == {"Ref": "AccessLogBucket"}
    prefix = logging["LogFilePrefix"]
    assert prefix == "drop-bucket/"

    log_bucket = props(resources, "AccessLogBucket")
    assert (
        log_bucket["PublicAccessBlockConfiguration"]
        == props(resources, "DropBucket")["PublicAccessBlockConfiguration"]
    )
    # S3 log delivery writes with SSE-S3 only; ACLs are off, so delivery is granted by the policy.
    rules = log_bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rules[0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert log_bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert log_bucket["VersioningConfiguration"]["Status"] == "Enabled"
    assert "LoggingConfiguration" not in log_bucket

    policy = props(resources, "AccessLogBucketPolicy")
    assert policy["Bucket"] == {"Ref": "AccessLogBucket"}
    allows = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert len(allows) == 1
    (allow,) = allows
    assert allow["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    assert allow["Action"] == "s3:PutObject"
    assert allow["Resource"] == {"Fn::Sub": "${AccessLogBucket.Arn}/" + prefix + "*"}
    drop_bucket_name = props(resources, "DropBucket")["BucketName"]
    assert allow["Condition"]["ArnLike"]["aws:SourceArn"] == {
        "Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}", {"Bucket": drop_bucket_name}]
    }
    assert allow["Condition"]["StringEquals"]["aws:SourceAccount"] == {"Ref": "AWS::AccountId"}
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for s in policy["PolicyDocument"]["Statement"]
    )


def test_bucket_name_is_computed_the_same_way_everywhere(
    template: dict[str, Any], resources: dict[str, Any]
) -> None:
    """The bucket, the functions' environment and their policies share one !Sub-computable name."""
    name = props(resources, "DropBucket")["BucketName"]
    assert references(name) <= set(template["Parameters"]) | {"AWS::AccountId", "AWS::Region"}
    assert template["Globals"]["Function"]["Environment"]["Variables"]["RECALL_SCREEN_BUCKET"] == name
    for function_id in ("IndexBuilderFunction", "ScreenerFunction"):
        for statement in s3_statements(resources, function_id):
            assert statement["Resource"]["Fn::Sub"][1] == {"Bucket": name}, statement["Sid"]
    for statement in props(resources, "RegulatorDropPolicy")["PolicyDocument"]["Statement"]:
        assert statement["Resource"]["Fn::Sub"][1] == {"Bucket": name}, statement["Sid"]


def test_functions_do_not_reference_the_bucket_resource(resources: dict[str, Any]) -> None:
    """No cycle bucket -> notification -> function -> role -> bucket (cfn-lint E3004 checks too)."""
    for function_id in ("IndexBuilderFunction", "ScreenerFunction"):
        function = {key: value for key, value in props(resources, function_id).items() if key != "Events"}
        assert "DropBucket" not in references(function), function_id


# ---------------------------------------------------------------- regulators' access

TAG = "aws:PrincipalTag/recall-source"
BUCKET = "drop-bucket"


def _arn(node: Any, bucket: str, tag: str | None) -> str | None:
    """A statement's resource as a concrete ARN pattern for this bucket and principal tag; None when
    it names the tag and the principal has none (IAM: the statement does not match)."""
    if isinstance(node, dict) and "Fn::GetAtt" in node:
        text = "${DropBucket.Arn}"
    else:
        sub = node["Fn::Sub"]
        text = sub[0].replace("${Bucket}", bucket) if isinstance(sub, list) else sub
    if "${!" + TAG + "}" in text and tag is None:
        return None
    text = text.replace("${!" + TAG + "}", tag or "")
    return text.replace("${DropBucket.Arn}", f"arn:aws:s3:::{bucket}").replace("${AWS::Partition}", "aws")


def _matches(pattern: str | None, arn: str) -> bool:
    # IAM's "*" matches any run of characters, "/" included, as fnmatch's does.
    return pattern is not None and fnmatch.fnmatchcase(arn, pattern)


def regulator_may(
    template: dict[str, Any],
    tag: str | None,
    action: str,
    key: str,
    *,
    identity: str = "RegulatorDropPolicy",
    bucket_guard: bool = True,
) -> bool:
    """What a principal tagged recall-source=`tag` (or untagged) may do on `key` of the drop bucket
    when it holds `identity` ("RegulatorDropPolicy", or "admin": everything), with or without the
    bucket policy's denials: a small model of IAM evaluation, enough for these two documents."""
    resources = template["Resources"]
    sources = template["Parameters"]["RecallSources"]["Default"].split(",")
    arn = f"arn:aws:s3:::{BUCKET}/{key}"
    allowed = identity == "admin"
    for statement in props(resources, "RegulatorDropPolicy")["PolicyDocument"]["Statement"]:
        assert statement["Effect"] == "Allow"
        assert statement["Condition"] == {"StringEquals": {TAG: {"Ref": "RecallSources"}}}
        if identity == "RegulatorDropPolicy" and action in actions_of(statement) and tag in sources:
            allowed |= _matches(_arn(statement["Resource"], BUCKET, tag), arn)
    for statement in props(resources, "DropBucketPolicy")["PolicyDocument"]["Statement"]:
        if not bucket_guard or statement["Effect"] != "Deny" or "NotResource" not in statement:
            continue
        assert statement["Condition"] == {"Null": {TAG: "false"}}  # applies to tagged principals
        assert statement["Action"] == "s3:*"
        if tag is not None and not any(_matches(_arn(r, BUCKET, tag), arn) for r in statement["NotResource"]):
            return False
    return allowed


@pytest.mark.parametrize("bucket_guard", [True, False], ids=["with-bucket-guard", "policy-alone"])
def test_regulators_write_only_their_own_prefix(template: dict[str, Any], bucket_guard: bool) -> None:
    may = functools.partial(regulator_may, template, bucket_guard=bucket_guard)
    assert may("cpsc", "s3:PutObject", "recalls/cpsc/cpsc_recalls.json")
    assert may("cpsc", "s3:PutObject", "recalls/cpsc/2026/10/list.json.gz")
    assert may("cpsc", "s3:AbortMultipartUpload", "recalls/cpsc/big.json")  # multipart uploads
    assert may("cpsc", "s3:GetObject", "reports/cpsc/cpsc_recalls.json.report.json")
    # another regulator's list or report, the index, the builder's state: never
    assert not may("cpsc", "s3:PutObject", "recalls/eu_safety_gate/alerts.ndjson")
    assert not may("cpsc", "s3:PutObject", "recalls/cpsc_api/list.json")  # a prefix of another name
    assert not may("cpsc", "s3:GetObject", "reports/eu_safety_gate/alerts.ndjson.report.json")
    for key in ("index/current.json", "state/catalog.json", "reports/cpsc/x.report.json"):
        assert not may("cpsc", "s3:PutObject", key), key
    assert not may("cpsc", "s3:DeleteObject", "recalls/cpsc/cpsc_recalls.json")  # not granted
    # an untagged principal, or a tag naming no configured source, gets nothing from the policy
    assert not may(None, "s3:PutObject", "recalls/cpsc/cpsc_recalls.json")
    assert not may("somebody", "s3:PutObject", "recalls/somebody/list.json")
    assert not may("", "s3:PutObject", "recalls//list.json")


def test_a_tagged_regulator_is_confined_whatever_else_it_is_granted(template: dict[str, Any]) -> None:
    """The bucket policy's denial, not only the managed policy, keeps a tagged principal in its own
    prefixes: an administrator policy attached to a regulator's role by mistake changes nothing.
    Untagged principals (the functions, operators) are not affected."""
    may = functools.partial(regulator_may, template, identity="admin")
    assert may("cpsc", "s3:PutObject", "recalls/cpsc/cpsc_recalls.json")
    for action, key in [
        ("s3:PutObject", "recalls/eu_safety_gate/alerts.ndjson"),
        ("s3:PutObject", "index/current.json"),
        ("s3:DeleteObject", "state/catalog.json"),
        ("s3:GetObject", "index/20261129T122631Z-69fb2f9b42/index.json.gz"),
    ]:
        assert not may("cpsc", action, key), (action, key)
    assert may(None, "s3:PutObject", "index/current.json")


def test_the_configured_sources_are_drop_prefixes_the_builder_accepts(template: dict[str, Any]) -> None:
    parameter = template["Parameters"]["RecallSources"]
    assert parameter["Type"] == "CommaDelimitedList"
    sources = parameter["Default"].split(",")
    assert {"cpsc", "eu_safety_gate", "uk_opss"} <= set(sources)
    for source in sources:
        assert parse_drop_key(f"recalls/{source}/list.json") == (source, "list.json"), source


# ---------------------------------------------------------------- functions and policies


def inline_statements(resources: dict[str, Any], function_id: str) -> list[dict[str, Any]]:
    statements = []
    for policy in props(resources, function_id).get("Policies", []):
        if isinstance(policy, dict) and "Statement" in policy:
            statements.extend(policy["Statement"])
    return statements


def actions_of(statement: dict[str, Any]) -> list[str]:
    return statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]


def s3_statements(resources: dict[str, Any], function_id: str) -> list[dict[str, Any]]:
    statements = inline_statements(resources, function_id)
    return [s for s in statements if all(a.startswith("s3:") for a in actions_of(s))]


def policy_templates(resources: dict[str, Any], function_id: str) -> dict[str, Any]:
    found = {}
    for policy in props(resources, function_id).get("Policies", []):
        assert isinstance(policy, dict), f"{function_id}: managed policy {policy!r} is not least privilege"
        if "Statement" not in policy:
            ((name, arguments),) = policy.items()
            found[name] = arguments
    return found


def s3_grants(resources: dict[str, Any], function_id: str) -> dict[str, set[str]]:
    """S3 resource suffix ("" for the bucket, "index/*", ...) -> actions granted on it."""
    grants: dict[str, set[str]] = {}
    for statement in s3_statements(resources, function_id):
        arn = statement["Resource"]["Fn::Sub"][0]
        assert arn.startswith("arn:${AWS::Partition}:s3:::${Bucket}"), arn
        suffix = arn.removeprefix("arn:${AWS::Partition}:s3:::${Bucket}").removeprefix("/")
        grants.setdefault(suffix, set()).update(actions_of(statement))
    return grants


def dynamodb_grants(resources: dict[str, Any]) -> set[tuple[str, str, tuple[str, ...] | None]]:
    """The screener's DynamoDB grants as (action, "table" or "index/<name>", leading-key patterns)."""
    grants = set()
    for statement in inline_statements(resources, "ScreenerFunction"):
        if not all(action.startswith("dynamodb:") for action in actions_of(statement)):
            continue
        resource = statement["Resource"]
        if resource == {"Fn::GetAtt": ["DecisionsTable", "Arn"]}:
            target = "table"
        else:
            target = resource["Fn::Sub"].removeprefix("${DecisionsTable.Arn}/")
            assert target.startswith("index/") and "*" not in target, resource
        condition = statement.get("Condition")
        leading = None
        if condition is not None:
            assert set(condition) == {"ForAllValues:StringLike"}, condition
            assert set(condition["ForAllValues:StringLike"]) == {"dynamodb:LeadingKeys"}, condition
            leading = tuple(condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"])
        for action in actions_of(statement):
            grants.add((action, target, leading))
    return grants


# The decision log's calls and the item keys they touch (recall_screen/aws/decision_log.py):
# a decision's items go in with a transaction's Put (PutItem), an idempotency claim with PutItem,
# its completion with UpdateItem (in the decision's transaction or alone), its release with a
# conditional DeleteItem; reads are GetItem, BatchGetItem and a Query on by_listing.
SCREENER_DYNAMODB_GRANTS = {
    ("dynamodb:PutItem", "table", ("DECISION#*", "IDEMPOTENCY#*", "MEMORY#*", "RELIST#*", "LISTING#*")),
    ("dynamodb:UpdateItem", "table", ("IDEMPOTENCY#*",)),
    ("dynamodb:UpdateItem", "table", ("LISTING#*",)),
    ("dynamodb:DeleteItem", "table", ("IDEMPOTENCY#*",)),
    ("dynamodb:GetItem", "table", None),
    ("dynamodb:BatchGetItem", "table", None),
    ("dynamodb:Query", "index/by_listing", None),
    # The review workflow (recall_screen/aws/review_store.py): a listing's superseded queue entries
    # are deleted (never a decision); its memory, a decision's verdicts and the blocked listings
    # under a key are each one partition; the queue, a recall's verdicts and its decisions, GSIs.
    ("dynamodb:DeleteItem", "table", ("MEMORY#*",)),
    ("dynamodb:Query", "table", ("MEMORY#*", "RELIST#*", "DECISION#*")),
    ("dynamodb:Query", "index/by_review", None),
    ("dynamodb:Query", "index/by_recall", None),
}


def all_statements(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every IAM statement anywhere in the template (function policies, managed and bucket policies)."""
    found = []
    if isinstance(node, dict):
        statements = node.get("Statement")
        if isinstance(statements, list) and all(isinstance(s, dict) and "Effect" in s for s in statements):
            found.extend((f"{where}.Statement[{i}]", s) for i, s in enumerate(statements))
        for key, value in node.items():
            if key != "Statement":
                found.extend(all_statements(value, f"{where}.{key}"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(all_statements(item, f"{where}[{index}]"))
    return found


def test_no_statement_allows_a_wildcard_action(template: dict[str, Any]) -> None:
    statements = all_statements(template["Resources"], "Resources")
    assert len(statements) > 10  # the walk finds the function, bucket and managed policies
    for where, statement in statements:
        if statement["Effect"] != "Allow":
            continue  # a Deny on s3:* is a guard, not a grant
        assert "NotAction" not in statement, f"{where}: an Allow with NotAction grants everything else"
        for action in actions_of(statement):
            assert "*" not in action, f"{where}: wildcard action {action!r}"


@pytest.mark.parametrize(
    "function_id",
    [
        "IndexBuilderFunction",
        "ScreenerFunction",
        "RescreenWorkerFunction",
        "CatalogWorkerFunction",
        "CatalogStartFunction",
        "CatalogPrepareFunction",
    ],
)
def test_functions_use_no_policy_templates_or_managed_policies(
    resources: dict[str, Any], function_id: str
) -> None:
    """SAM policy templates and managed policies hide their actions from the tests above."""
    for policy in props(resources, function_id).get("Policies", []):
        assert isinstance(policy, dict) and set(policy) <= {"Version", "Statement"}, policy


def test_screener_never_scans_and_deletes_only_idempotency_claims(resources: dict[str, Any]) -> None:
    for statement in inline_statements(resources, "ScreenerFunction"):
        for action in actions_of(statement):
            name = action.partition(":")[2]
            assert name not in {"Scan", "PartiQLSelect", "ExportTableToPointInTime"}, action
            if name.startswith(("Delete", "PartiQLDelete", "BatchWrite", "Update")):
                # A claim is released (DeleteItem) or completed (UpdateItem), a superseded review
                # queue entry deleted (DeleteItem), a listing's latest item taken out of the live
                # listings (UpdateItem); a decision never is.
                allowed = (
                    [["IDEMPOTENCY#*"], ["MEMORY#*"]]
                    if name.startswith("Delete")
                    else [["IDEMPOTENCY#*"], ["LISTING#*"]]
                )
                leading = statement["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
                assert leading in allowed, statement["Sid"]


def test_screener_grants_match_the_calls_the_decision_log_makes() -> None:
    """Each DynamoDB call in the screener's code has its grant, and nothing else is granted: a new
    call (a Scan, a BatchWriteItem) fails here until the template grants it on purpose."""
    import botocore.session
    from botocore import xform_name

    model = botocore.session.get_session().get_service_model("dynamodb")
    operations = {xform_name(name): name for name in model.operation_names}
    sources = [*(ROOT / "layers/recall_screen/recall_screen/aws").rglob("*.py")]
    sources += [*(ROOT / "functions/screener").rglob("*.py")]
    called: set[str] = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        called |= {operations[m] for m in re.findall(r"\.([a-z_0-9]+)\(", text) if m in operations}
        # The kinds of write a transaction carries are authorised as the single-item calls.
        called |= {f"{kind}Item" for kind in re.findall(r'\{"(Put|Update|Delete|ConditionCheck)":', text)}
    called.discard("TransactWriteItems")
    granted = {action.removeprefix("dynamodb:") for action, _, _ in SCREENER_DYNAMODB_GRANTS}
    assert called == granted


@pytest.mark.parametrize(
    "function_id",
    [
        "IndexBuilderFunction",
        "ScreenerFunction",
        "RescreenWorkerFunction",
        "CatalogWorkerFunction",
        "CatalogStartFunction",
        "CatalogPrepareFunction",
    ],
)
def test_every_policy_statement_is_scoped_to_one_resource(
    resources: dict[str, Any], function_id: str
) -> None:
    statements = inline_statements(resources, function_id)
    assert statements
    for statement in statements:
        assert statement["Effect"] == "Allow"
        resource = statement["Resource"]
        actions = actions_of(statement)
        assert not isinstance(resource, list), f"{statement['Sid']}: one resource per statement"
        if resource == "*" or (isinstance(resource, str) and resource.endswith(":*")):
            assert set(actions) <= ACTIONS_ALLOWED_ON_ANY_RESOURCE, statement
        assert not any(action.endswith("*") for action in actions), statement


def test_index_builder_reads_drops_and_writes_only_its_own_prefixes(resources: dict[str, Any]) -> None:
    grants = s3_grants(resources, "IndexBuilderFunction")
    assert grants == {
        "recalls/*": {"s3:GetObject", "s3:GetObjectVersion"},
        "index/*": {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"},
        "reports/*": {"s3:GetObject", "s3:PutObject"},
        "state/*": {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"},
        "": {"s3:ListBucket"},
    }
    assert policy_templates(resources, "IndexBuilderFunction") == {}


def test_screener_reads_the_index_and_writes_decisions(resources: dict[str, Any]) -> None:
    # The index it serves, and the builder's health record /v1/health shows: nothing else.
    assert s3_grants(resources, "ScreenerFunction") == {
        "index/*": {"s3:GetObject"},
        "state/health.json": {"s3:GetObject"},
    }
    # Explicit statements only: a SAM policy template (DynamoDBCrudPolicy) hides Scan and DeleteItem.
    assert policy_templates(resources, "ScreenerFunction") == {}
    assert dynamodb_grants(resources) == SCREENER_DYNAMODB_GRANTS


def test_functions_run_the_handlers_on_the_shared_layer(
    template: dict[str, Any], resources: dict[str, Any]
) -> None:
    function_globals = template["Globals"]["Function"]
    assert function_globals["Runtime"] == "python3.12"
    assert function_globals["Tracing"] == "Active"
    assert function_globals["Layers"] == [{"Ref": "SharedLayer"}]
    architecture = function_globals["Architectures"]

    assert props(resources, "IndexBuilderFunction")["Handler"] == "index_builder.app.lambda_handler"
    assert props(resources, "ScreenerFunction")["Handler"] == "screener.app.lambda_handler"
    for function_id in ("IndexBuilderFunction", "ScreenerFunction"):
        assert props(resources, function_id)["CodeUri"] == "functions/"
        handler_package = props(resources, function_id)["Handler"].split(".")[0]
        assert (ROOT / "functions" / handler_package).is_dir()

    layer = resources["SharedLayer"]
    assert layer["Properties"]["ContentUri"] == "layers/recall_screen/"
    assert layer["Properties"]["CompatibleRuntimes"] == ["python3.12"]
    assert layer["Metadata"]["BuildMethod"] == "python3.12"
    assert [layer["Metadata"]["BuildArchitecture"]] == architecture
    assert (ROOT / "layers" / "recall_screen" / "requirements.txt").is_file()


def test_index_builder_is_triggered_by_drops_under_recalls(resources: dict[str, Any]) -> None:
    builder = props(resources, "IndexBuilderFunction")
    ((event,),) = [list(builder["Events"].values())]
    assert event["Type"] == "S3"
    assert event["Properties"]["Bucket"] == {"Ref": "DropBucket"}
    assert event["Properties"]["Events"] in ("s3:ObjectCreated:*", ["s3:ObjectCreated:*"])
    assert event["Properties"]["Filter"]["S3Key"]["Rules"] == [{"Name": "prefix", "Value": "recalls/"}]


def test_index_builds_are_serialised_and_failures_are_kept(resources: dict[str, Any]) -> None:
    builder = props(resources, "IndexBuilderFunction")
    assert builder["ReservedConcurrentExecutions"] == 1
    on_failure = builder["EventInvokeConfig"]["DestinationConfig"]["OnFailure"]
    assert on_failure == {"Type": "SQS", "Destination": {"Fn::GetAtt": ["IndexBuilderDLQ", "Arn"]}}
    assert resources["IndexBuilderDLQ"]["Type"] == "AWS::SQS::Queue"


def test_every_setting_the_code_reads_is_set(template: dict[str, Any]) -> None:
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert set(variables) >= ENV_VARS
    assert variables["POWERTOOLS_SERVICE_NAME"] == "recall-screen"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "RecallScreen"
    assert variables["RECALL_SCREEN_DECISIONS_TABLE"] == {"Ref": "DecisionsTable"}

    defaults = environment_defaults(template)
    assert defaults["RECALL_SCREEN_INDEX_REFRESH_SECONDS"] == "60"
    assert defaults["RECALL_SCREEN_MAX_INVALID_SHARE"] == "0.2"
    assert defaults["RECALL_SCREEN_INDEX_VERSIONS_KEPT"] == "10"
    # The deployed policy is the one the code defaults to (and the one evaluate measures).
    assert Policy.from_env(defaults) == Policy()
    assert "RECALL_SCREEN_BUCKET" not in defaults  # set from a condition: a local run names its own
    assert parameter_defaults(template)["Stage"] == "dev"


# ---------------------------------------------------------------- API


def test_api_requires_a_key_and_has_a_usage_plan(resources: dict[str, Any]) -> None:
    api = resources["ScreeningApi"]
    assert api["Type"] == "AWS::Serverless::Api"
    assert api["Properties"]["Auth"]["ApiKeyRequired"] is True
    assert api["Properties"]["StageName"] == {"Ref": "Stage"}
    assert api["Properties"]["TracingEnabled"] is True

    plan = props(resources, "ScreeningUsagePlan")
    assert plan["ApiStages"] == [{"ApiId": {"Ref": "ScreeningApi"}, "Stage": {"Ref": "ScreeningApi.Stage"}}]
    assert {"RateLimit", "BurstLimit"} <= set(plan["Throttle"])
    assert props(resources, "ScreeningUsagePlanKey")["KeyId"] == {"Ref": "ScreeningApiKey"}
    assert props(resources, "ScreeningUsagePlanKey")["UsagePlanId"] == {"Ref": "ScreeningUsagePlan"}


def test_api_routes_all_go_to_the_screener_and_need_the_key(resources: dict[str, Any]) -> None:
    # Every route needs the key, except the pages a browser must open (docs, the reviewers' page).
    routes, public = set(), set()
    for event in props(resources, "ScreenerFunction")["Events"].values():
        assert event["Type"] == "Api"
        assert event["Properties"]["RestApiId"] == {"Ref": "ScreeningApi"}
        route = (event["Properties"]["Path"], event["Properties"]["Method"].upper())
        routes.add(route)
        if not event["Properties"].get("Auth", {}).get("ApiKeyRequired", True):
            public.add(route)
    assert routes == API_ROUTES
    assert public == {("/v1/docs", "GET"), ("/v1/openapi.json", "GET"), ("/v1/review", "GET")}


# The pages a browser opens (no data in them; the reviewers' page sends the key on each call).
DOCS_ROUTES = {("/v1/docs", "GET"), ("/v1/openapi.json", "GET"), ("/v1/review", "GET")}


def route_auth(template: dict[str, Any], iam_option: str) -> dict[tuple[str, str], set[str]]:
    """Route -> what API Gateway will demand of a caller ("api_key", "sigv4"), with ApiIamAuth set
    to `iam_option`, by SAM's rules: an event's Auth overrides the API's; the API's
    DefaultAuthorizer is the parameter, "" meaning none. (`make validate-template` checks the same
    on the SAM translator's output, tests/sam_api_auth.py.)"""
    resources = template["Resources"]
    api_auth = resources["ScreeningApi"]["Properties"]["Auth"]
    assert api_auth["DefaultAuthorizer"] == {"Ref": "ApiIamAuth"}
    routes = {}
    for event in props(resources, "ScreenerFunction")["Events"].values():
        event_auth = event["Properties"].get("Auth", {})
        key_required = event_auth.get("ApiKeyRequired", api_auth["ApiKeyRequired"])
        authorizer = event_auth.get("Authorizer", iam_option)
        demands = set()
        if key_required is True:
            demands.add("api_key")
        if authorizer == "AWS_IAM":
            demands.add("sigv4")
        else:
            assert authorizer in ("", "NONE"), authorizer
        routes[(event["Properties"]["Path"], event["Properties"]["Method"].upper())] = demands
    return routes


def test_iam_authorisation_is_an_option_beside_the_key(template: dict[str, Any]) -> None:
    parameter = template["Parameters"]["ApiIamAuth"]
    assert parameter["AllowedValues"] == ["", "AWS_IAM"]
    assert parameter["Default"] == ""  # an update does not lock out a marketplace calling with the key
    assert template["Conditions"]["IamAuth"] == {"Fn::Equals": [{"Ref": "ApiIamAuth"}, "AWS_IAM"]}
    auth = props(template["Resources"], "ScreeningApi")["Auth"]
    # The key stays required: the usage plan throttles and meters by it.
    assert auth["ApiKeyRequired"] is True
    # API Gateway invokes the function with its resource policy, never the caller's credentials.
    assert auth["InvokeRole"] == "NONE"


@pytest.mark.parametrize("iam_option", ["", "AWS_IAM"])
def test_no_route_but_the_documentation_is_open(template: dict[str, Any], iam_option: str) -> None:
    routes = route_auth(template, iam_option)
    assert set(routes) == API_ROUTES
    for route, demands in routes.items():
        if route in DOCS_ROUTES:
            assert "api_key" not in demands, route  # a browser must open them
        else:
            assert "api_key" in demands, f"{route} is callable without the API key"
        if iam_option == "AWS_IAM":
            assert "sigv4" in demands, f"{route} is callable without a SigV4 signature"
    screening = {route: routes[route] for route in [("/v1/screen", "POST"), ("/v1/screen/batch", "POST")]}
    assert all(screening.values()), f"an unauthenticated screening route: {screening}"


def test_the_api_description_says_which_routes_are_open(resources: dict[str, Any]) -> None:
    condition, with_iam, key_only = props(resources, "ScreeningApi")["Description"]["Fn::If"]
    assert condition == "IamAuth"
    for text in (with_iam, key_only):
        assert "GET /v1/docs and GET /v1/openapi.json" in text
    assert "Every method requires a SigV4 signature" in with_iam
    assert "Every method requires the API key, except" in key_only and "which are open" in key_only


def test_marketplace_policy_may_invoke_exactly_the_api_routes(template: dict[str, Any]) -> None:
    policy = template["Resources"]["MarketplaceInvokePolicy"]
    assert policy["Type"] == "AWS::IAM::ManagedPolicy"
    assert policy["Condition"] == "IamAuth"
    ((statement,),) = [policy["Properties"]["PolicyDocument"]["Statement"]]
    assert statement["Effect"] == "Allow" and statement["Action"] == "execute-api:Invoke"
    prefix = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ScreeningApi}/${Stage}/"
    granted = set()
    for resource in statement["Resource"]:
        arn = resource["Fn::Sub"]
        assert arn.startswith(prefix), arn
        method, _, path = arn.removeprefix(prefix).partition("/")
        granted.add((method, "/" + path))
    assert granted == {(method, re.sub(r"\{[^}]+\}", "*", path)) for path, method in API_ROUTES}
    assert template["Outputs"]["MarketplaceInvokePolicyArn"] == {
        "Condition": "IamAuth",
        "Description": template["Outputs"]["MarketplaceInvokePolicyArn"]["Description"],
        "Value": {"Ref": "MarketplaceInvokePolicy"},
    }


def test_the_stage_is_throttled_as_a_whole_too(resources: dict[str, Any]) -> None:
    """The plan throttles per key; the stage cap also bounds the keyless documentation routes."""
    (setting,) = props(resources, "ScreeningApi")["MethodSettings"]
    assert (setting["ResourcePath"], setting["HttpMethod"]) == ("/*", "*")
    assert setting["ThrottlingRateLimit"] == {"Ref": "ApiThrottleRate"}
    assert setting["ThrottlingBurstLimit"] == {"Ref": "ApiThrottleBurst"}


# ---------------------------------------------------------------- operations


def test_alarms_watch_the_custom_metrics_and_notify(resources: dict[str, Any]) -> None:
    alarms = {
        key: value["Properties"]
        for key, value in resources.items()
        if value["Type"] == "AWS::CloudWatch::Alarm"
    }
    for name, alarm in alarms.items():
        assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}], name
    single = [alarm for alarm in alarms.values() if "Metrics" not in alarm]  # not metric math
    custom = {alarm["MetricName"]: alarm for alarm in single if alarm["Namespace"] == "RecallScreen"}
    assert {"DropRejected", "DropHeld", "IndexAgeSeconds", "DecisionWriteFailures"} <= set(custom)
    for alarm in custom.values():
        # powertools Metrics adds exactly this dimension; a metric with more dimensions is another metric.
        assert alarm["Dimensions"] == [{"Name": "service", "Value": "recall-screen"}]
    assert custom["IndexAgeSeconds"]["Statistic"] == "Maximum"
    watched = {(alarm["Namespace"], alarm["MetricName"]) for alarm in single}
    assert {
        ("AWS/Lambda", "Errors"),
        ("AWS/Lambda", "Duration"),
        ("AWS/ApiGateway", "5XXError"),
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible"),
    } <= watched


INSIGHTS_WORDS = {
    "fields", "filter", "stats", "sort", "limit", "by", "asc", "desc", "and", "or", "not", "in", "as",
    "like", "count", "count_distinct", "max", "min", "avg", "sum", "ispresent",
}  # fmt: skip
LISTING_PLACEHOLDER = "REPLACE-WITH-LISTING-ID"


def saved_queries(resources: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Query name (after the stack's folder) -> [(log group logical id, query)], one pair per
    branch of an ApiLogging !If."""
    queries = {}
    for resource in resources.values():
        if resource["Type"] != "AWS::Logs::QueryDefinition":
            continue
        properties = resource["Properties"]
        assert properties["Name"]["Fn::Sub"].startswith("${AWS::StackName}/")
        name = properties["Name"]["Fn::Sub"].removeprefix("${AWS::StackName}/")
        groups, texts = properties["LogGroupNames"], properties["QueryString"]
        if isinstance(texts, dict):  # !If [ApiLoggingOn, ..., ...] on both
            assert groups["Fn::If"][0] == texts["Fn::If"][0] == "ApiLoggingOn"
            pairs = zip(groups["Fn::If"][1:], texts["Fn::If"][1:], strict=True)
        else:
            pairs = zip([groups], [texts], strict=True)
        queries[name] = [(group["Ref"], text) for (group,), text in pairs]
    return queries


def query_fields(query: str) -> set[str]:
    """The log fields a Logs Insights query names (not @-fields, literals, aliases or keywords)."""
    text = re.sub(r'"[^"]*"', " ", query)
    aliases = set(re.findall(r"\bas\s+(\w+)", text))
    tokens = set(re.findall(r"@?[A-Za-z_][\w.]*", text))
    return {token for token in tokens if not token.startswith("@")} - INSIGHTS_WORDS - aliases


def json_lines_logged(app: Any, run: Callable[[], Any]) -> list[dict[str, Any]]:
    """The JSON lines `app`'s powertools logger writes while `run` runs."""
    stream = io.StringIO()
    previous = app.logger.registered_handler.setStream(stream)
    try:
        run()
    finally:
        app.logger.registered_handler.setStream(previous)
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]


@pytest.fixture
def handler_logs(
    dynamodb: Any, decisions_table: str, static_index: Any, lambda_context: Any
) -> dict[str, list[dict[str, Any]]]:
    """Log group -> the lines the screener logs for a blocked listing, the builder for a rejected drop."""

    def screen_a_blocked_listing() -> None:
        set_runtime(Runtime(index=static_index, log=DecisionLog(dynamodb, decisions_table)))
        try:
            event = api_gateway_event("POST", "/v1/screen", json.dumps(BLOCKED))
            screener_app.lambda_handler(event, lambda_context)
        finally:
            set_runtime(None)

    def reject_a_drop() -> None:
        with embedded_aws(bucket="query-bucket", table="query-table", quiet=True) as aws:
            aws.deliver(*aws.put_drop("cpsc", "empty.json", b"[]"))

    return {
        "ScreenerLogGroup": json_lines_logged(screener_telemetry, screen_a_blocked_listing),
        "IndexBuilderLogGroup": json_lines_logged(builder_app, reject_a_drop),
    }


def test_the_saved_queries_are_the_ones_on_call_needs(resources: dict[str, Any]) -> None:
    assert set(saved_queries(resources)) == {
        "blocks-by-recall",
        "slowest-screens",
        "rejected-recall-drops",
        "decisions-for-a-listing",
    }


def test_saved_queries_name_only_fields_the_handlers_log(
    resources: dict[str, Any], handler_logs: dict[str, list[dict[str, Any]]]
) -> None:
    access_format = props(resources, "ScreeningApi")["AccessLogSetting"]["Fn::If"][1]["Format"]
    logged = {group: set().union(*(line.keys() for line in lines)) for group, lines in handler_logs.items()}
    logged["ApiAccessLogGroup"] = set(json.loads(access_format))
    block = next(line for line in handler_logs["ScreenerLogGroup"] if line.get("message") == "decision")
    for name, variants in saved_queries(resources).items():
        for group, query in variants:
            missing = query_fields(query) - logged[group]
            assert not missing, f"{name} on {group} names fields nobody logs: {sorted(missing)}"
            # Its equality filters select the lines the handlers wrote (the listing id filled in).
            filled = query.replace(LISTING_PLACEHOLDER, block["listing_id"])
            wanted = dict(re.findall(r'(?<![@\w])(\w+) = "([^"]*)"', filled))
            if wanted and group != "ApiAccessLogGroup":
                assert any(
                    all(line.get(k) == v for k, v in wanted.items()) for line in handler_logs[group]
                ), (
                    name,
                    wanted,
                )


def test_a_held_drop_raises_an_alarm(resources: dict[str, Any]) -> None:
    """The list guard emits DropHeld when it holds a shrinking list for confirmation."""
    (alarm,) = [
        r["Properties"]
        for r in resources.values()
        if r["Type"] == "AWS::CloudWatch::Alarm" and r["Properties"].get("MetricName") == "DropHeld"
    ]
    assert alarm["Namespace"] == "RecallScreen"
    assert (alarm["Statistic"], alarm["Threshold"]) == ("Sum", 1)
    assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["TreatMissingData"] == "notBreaching"  # no drop held: no data, not an alarm
    assert "held for confirmation" in alarm["AlarmDescription"]


def test_dashboard_body_is_json_naming_the_custom_metrics(resources: dict[str, Any]) -> None:
    body = props(resources, "Dashboard")["DashboardBody"]["Fn::Sub"]
    document = json.loads(re.sub(r"\$\{[^}]+\}", "1", body))
    metrics = {
        line[1]
        for widget in document["widgets"]
        for line in widget["properties"]["metrics"]
        if line[0] == "RecallScreen"
    }
    assert metrics == {
        "BlockDecisions",
        "ReviewDecisions",
        "AllowDecisions",
        "ScreenLatencyMs",
        "DropAccepted",
        "DropRejected",
        "DropHeld",
        "DropNotRecognised",
        "IndexAgeSeconds",
        "DecisionWriteFailures",
        # The re-screens and catalogues have their own widgets.
        "RescreenListingsRead",
        "RescreenDecisionsChanged",
        "RescreenListingsUnreadable",
        "RescreenNotStarted",
        "DropToLastEventSeconds",
        "CatalogListingsScreened",
        "CatalogLinesInvalid",
        "CatalogNotStarted",
    }
    # Each is a metric a function emits, named where it is added (the verdicts' by their name).
    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "functions").rglob("*.py"))
    named = {m for m in metrics if f'"{m}"' in code}
    assert 'name=f"{verdict.capitalize()}Decisions"' in code
    assert metrics - named == {"BlockDecisions", "ReviewDecisions", "AllowDecisions"}


def test_outputs_name_what_a_caller_needs(template: dict[str, Any]) -> None:
    outputs = template["Outputs"]
    assert {
        "ApiUrl",
        "ApiKeyId",
        "BucketName",
        "AccessLogBucketName",
        "DecisionsTableName",
        "DashboardUrl",
    } <= set(outputs)
    assert outputs["ApiUrl"]["Value"] == {
        "Fn::Sub": "https://${ScreeningApi}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"
    }  # the paths carry /v1 themselves
    assert outputs["ApiKeyId"]["Value"] == {"Ref": "ScreeningApiKey"}


# ---------------------------------------------------------------- layer requirements


def test_layer_requirements_pin_the_locked_runtime_dependencies() -> None:
    """Exact equality with `uv export` is `make check-layer-requirements`; this checks it offline."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    locked = {package["name"]: package.get("version") for package in lock["package"]}
    pins = {}
    for line in (ROOT / "layers" / "recall_screen" / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = line.split(";", 1)[0].strip()
            name, _, version = requirement.partition("==")
            assert version, f"unpinned requirement {line!r}"
            pins[name.strip().lower()] = version.strip()
    for name, version in pins.items():
        assert locked.get(name) == version, name
    assert {"aws-lambda-powertools", "pydantic", "rapidfuzz", "boto3"} <= set(pins)
    assert not {"moto", "pytest", "ruff", "pyyaml", "recall-screen"} & set(pins)
