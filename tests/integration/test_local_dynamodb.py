"""The embedded AWS's DynamoDB transactions: the same all-or-nothing contract as moto's own, at
the cost of the items they touch (recall_screen_cli.local_dynamodb)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.dynamodb.models import DynamoDBBackend
from recall_screen_cli import local_dynamodb

TABLE = "transactions-test"


@pytest.fixture
def table(dynamodb: Any) -> Any:
    local_dynamodb.install()
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return dynamodb


def _put(pk: str, value: str = "v", *, new: bool = True) -> dict[str, Any]:
    op: dict[str, Any] = {"TableName": TABLE, "Item": {"pk": {"S": pk}, "value": {"S": value}}}
    if new:
        op["ConditionExpression"] = "attribute_not_exists(pk)"
        op["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    return {"Put": op}


def _items(client: Any) -> dict[str, str]:
    return {i["pk"]["S"]: i["value"]["S"] for i in client.scan(TableName=TABLE)["Items"]}


def test_the_patch_is_what_moto_runs() -> None:
    local_dynamodb.install()
    local_dynamodb.install()  # idempotent
    assert DynamoDBBackend.transact_write_items is local_dynamodb._transact_write_items
    for name in ("put_item", "update_item", "delete_item"):  # serialised once, not twice
        layers, method = [], getattr(DynamoDBBackend, name)
        while hasattr(method, "__wrapped__"):
            layers.append(method.__code__.co_name)
            method = method.__wrapped__
        assert layers.count("serialised") == 1, (name, layers)


def test_attribute_names_are_interned(table: Any) -> None:
    from moto.dynamodb.models import dynamodb_backends

    name = "".join(["nest", "ed"])  # a new string object, equal to but not the literal
    table.put_item(TableName=TABLE, Item={"pk": {"S": "a"}, name: {"M": {name: {"S": "v"}}}})
    table.put_item(TableName=TABLE, Item={"pk": {"S": "b"}, name: {"M": {name: {"S": "v"}}}})
    stored = dynamodb_backends["123456789012"]["us-east-1"].get_table(TABLE)
    first, second = (next(k for k in item.attrs if k == "nested") for item in stored.all_items())
    assert first is second  # one string for both items, not one each


def test_a_transaction_writes_every_item(table: Any) -> None:
    table.transact_write_items(TransactItems=[_put("a"), _put("b")])
    assert _items(table) == {"a": "v", "b": "v"}


def test_a_failed_condition_writes_nothing_and_says_which(table: Any) -> None:
    table.transact_write_items(TransactItems=[_put("b", "first")])
    with pytest.raises(ClientError) as raised:
        table.transact_write_items(TransactItems=[_put("a"), _put("b", "second")])
    error = raised.value.response
    assert error["Error"]["Code"] == "TransactionCanceledException"
    reasons = error["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["None", "ConditionalCheckFailed"]
    assert reasons[1]["Item"]["value"] == {"S": "first"}  # ALL_OLD, as DynamoDB returns it
    assert _items(table) == {"b": "first"}  # "a" was not written


def test_conditions_see_the_table_as_it_was_before_the_transaction(table: Any) -> None:
    # Item 1 deletes "x"; item 2's condition requires "y" to be absent. Both hold before the
    # transaction, so both apply.
    table.transact_write_items(TransactItems=[_put("x")])
    table.transact_write_items(
        TransactItems=[{"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "x"}}}}, _put("y")]
    )
    assert _items(table) == {"y": "v"}


def test_a_failing_write_puts_back_what_it_touched(table: Any) -> None:
    table.transact_write_items(TransactItems=[_put("a", "before")])
    bad_update = {
        "Update": {
            "TableName": TABLE,
            "Key": {"pk": {"S": "b"}},
            "UpdateExpression": "SET #v = :missing",  # :missing is not defined: fails when applied
            "ExpressionAttributeNames": {"#v": "value"},
            "ExpressionAttributeValues": {":other": {"S": "x"}},
        }
    }
    with pytest.raises(ClientError):
        table.transact_write_items(TransactItems=[_put("a", "after", new=False), bad_update])
    assert _items(table) == {"a": "before"}


def test_the_same_item_twice_is_refused(table: Any) -> None:
    with pytest.raises(ClientError) as raised:
        table.transact_write_items(TransactItems=[_put("a"), _put("a")])
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert _items(table) == {}


def test_concurrent_claims_of_one_key_admit_exactly_one(table: Any) -> None:
    outcomes: list[str] = []

    def claim(n: int) -> None:
        try:
            table.transact_write_items(TransactItems=[_put("claim", str(n))])
            outcomes.append("won")
        except ClientError:
            outcomes.append("lost")

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["lost"] * 7 + ["won"]


def test_concurrent_conditional_puts_of_one_key_admit_exactly_one(table: Any) -> None:
    # The idempotency claim is a conditional PutItem: moto checks, then writes; the patch makes the
    # two one step, as DynamoDB does, so only one of many concurrent claims can win.
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def claim(n: int) -> None:
        start.wait()
        try:
            table.put_item(
                TableName=TABLE,
                Item={"pk": {"S": "claim"}, "value": {"S": str(n)}},
                ConditionExpression="attribute_not_exists(pk)",
            )
            outcomes.append("won")
        except ClientError:
            outcomes.append("lost")

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["lost"] * 7 + ["won"]
