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


# ---------------------------------------------------------------------------------------------
# items on disk (recall_screen_cli.local_dynamodb_items)

HISTORY = "history-test"


@pytest.fixture
def history(dynamodb: Any) -> Any:
    """A table shaped like the decisions table: a sort key and a GSI with a sort key."""
    local_dynamodb.install()
    attrs = [("pk", "S"), ("sk", "S"), ("listing", "S"), ("at", "S")]
    dynamodb.create_table(
        TableName=HISTORY,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, t in attrs],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_listing",
                "KeySchema": [
                    {"AttributeName": "listing", "KeyType": "HASH"},
                    {"AttributeName": "at", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return dynamodb


def _record(client: Any, n: int, listing: str, *, padding: int = 0) -> None:
    client.put_item(
        TableName=HISTORY,
        Item={
            "pk": {"S": f"decision#{n:05d}"},
            "sk": {"S": "decision"},
            "listing": {"S": listing},
            "at": {"S": f"2026-12-02T00:{n // 60:02d}:{n % 60:02d}Z"},
            "evidence": {"L": [{"M": {"field": {"S": "title"}, "score": {"N": "0.9"}}}] * 3},
            "padding": {"S": "x" * padding},
        },
    )


def _moto_table(name: str) -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].tables[name]


def test_items_live_on_disk_not_in_memory(history: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    from moto.core.common_models import BaseModel
    from recall_screen_cli.local_dynamodb_items import ItemStore

    # As in `serve` (embedded._keep_no_moto_instances): moto's mock would otherwise keep every
    # object it makes, each item read included, until the mock ends.
    monkeypatch.setattr(BaseModel, "__new__", staticmethod(lambda cls, *a, **k: object.__new__(cls)))

    assert isinstance(_moto_table(HISTORY).items, ItemStore)
    _record(history, 0, "warm-up")  # first-call caches of boto3 and moto are not the items
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for n in range(1, 1001):
        _record(history, n, f"listing-{n % 7}", padding=4000)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    # 1,000 items of about 4 KB each: moto's own dict would hold them all (over 4 MB).
    assert grown < 1_000_000, grown
    assert history.describe_table(TableName=HISTORY)["Table"]["ItemCount"] == 1001


def test_queries_read_their_partition_in_order_and_page(history: Any) -> None:
    for n in range(30):
        _record(history, n, f"listing-{n % 3}")
    pages, start = [], None
    while True:
        kwargs = {"ExclusiveStartKey": start} if start else {}
        page = history.query(
            TableName=HISTORY,
            IndexName="by_listing",
            KeyConditionExpression="listing = :l",
            ExpressionAttributeValues={":l": {"S": "listing-1"}},
            ScanIndexForward=False,
            Limit=4,
            **kwargs,
        )
        pages.append([item["pk"]["S"] for item in page["Items"]])
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    newest_first = [f"decision#{n:05d}" for n in range(28, 0, -3)]
    assert [pk for page in pages for pk in page] == newest_first
    assert [len(page) for page in pages] == [4, 4, 2]
    by_key = history.query(
        TableName=HISTORY,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "decision#00007"}},
    )
    assert [item["listing"]["S"] for item in by_key["Items"]] == ["listing-1"]


def test_an_update_in_place_is_kept_and_a_failed_one_changes_nothing(history: Any) -> None:
    _record(history, 1, "listing-a")
    key = {"pk": {"S": "decision#00001"}, "sk": {"S": "decision"}}
    history.update_item(
        TableName=HISTORY, Key=key, UpdateExpression="SET listing = :l",
        ExpressionAttributeValues={":l": {"S": "listing-b"}},
    )  # fmt: skip
    with pytest.raises(ClientError):
        history.update_item(
            TableName=HISTORY, Key=key, UpdateExpression="SET listing = :l",
            ConditionExpression="attribute_not_exists(pk)",
            ExpressionAttributeValues={":l": {"S": "listing-c"}},
        )  # fmt: skip
    item = history.get_item(TableName=HISTORY, Key=key)["Item"]
    assert item["listing"] == {"S": "listing-b"}
    moved = history.query(
        TableName=HISTORY, IndexName="by_listing", KeyConditionExpression="listing = :l",
        ExpressionAttributeValues={":l": {"S": "listing-b"}},
    )  # fmt: skip
    assert [i["pk"]["S"] for i in moved["Items"]] == ["decision#00001"]
    assert history.query(
        TableName=HISTORY, IndexName="by_listing", KeyConditionExpression="listing = :l",
        ExpressionAttributeValues={":l": {"S": "listing-a"}},
    )["Items"] == []  # fmt: skip
    history.delete_item(TableName=HISTORY, Key=key)
    assert "Item" not in history.get_item(TableName=HISTORY, Key=key)
    assert history.scan(TableName=HISTORY)["Items"] == []
