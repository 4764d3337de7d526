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
        wrapped = getattr(DynamoDBBackend, name).__wrapped__
        assert not hasattr(wrapped, "__wrapped__"), name


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


def _race(write: Any, contenders: int = 8) -> list[str]:
    """Run `write(n)` from `contenders` threads at once: "won" for each that succeeded, "lost"
    for each the table refused."""
    outcomes: list[str] = []
    start = threading.Barrier(contenders)

    def attempt(n: int) -> None:
        start.wait()
        try:
            write(n)
            outcomes.append("won")
        except ClientError:
            outcomes.append("lost")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(contenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


def test_concurrent_claims_of_one_key_admit_exactly_one(table: Any) -> None:
    outcomes = _race(lambda n: table.transact_write_items(TransactItems=[_put("claim", str(n))]))
    assert outcomes == ["lost"] * 7 + ["won"]


def test_concurrent_conditional_puts_of_one_key_admit_exactly_one(table: Any) -> None:
    # The idempotency claim is a conditional PutItem: moto checks, then writes; the patch makes the
    # two one step, as DynamoDB does, so only one of many concurrent claims can win.
    def put(n: int) -> None:
        table.put_item(
            TableName=TABLE,
            Item={"pk": {"S": "claim"}, "value": {"S": str(n)}},
            ConditionExpression="attribute_not_exists(pk)",
        )

    assert _race(put) == ["lost"] * 7 + ["won"]
