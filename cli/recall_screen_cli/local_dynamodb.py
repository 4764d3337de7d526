"""DynamoDB transactions for the embedded AWS that cost what they touch, not what the table holds.

moto's `transact_write_items` deep-copies every table a transaction names before it starts (its
rollback snapshot), once per item of the transaction. Every decision is recorded with a
transaction, so on a local server each decision cost O(decisions recorded so far): latency and
memory grew without bound under load (`recall-screen serve` reached 6 GiB within a few thousand
screens).

`install()` replaces that method, in this process, with one that keeps the same contract:
1. every condition is evaluated against the table as it was before the transaction (which is what
   DynamoDB does; moto evaluated each after the writes before it), and nothing is written unless
   all pass — a failed condition cancels the whole transaction with the same reasons moto gives;
2. only then are the writes applied, after copying just the items they touch; a write that still
   fails (an invalid update expression, say) puts those items back before the cancellation is
   raised;
3. one lock serialises transactions, so two concurrent requests cannot both pass a condition
   that only one of them may (the idempotency claim relies on it), as DynamoDB's own conflict
   detection guarantees.

It also serialises moto's single-item writes (`PutItem`, `UpdateItem`, `DeleteItem`) behind the
same lock: moto evaluates a write's condition and then writes, and two threads of its server could
both pass a condition only one may (an idempotency key claimed by two concurrent requests, each of
which would then record a decision). DynamoDB makes each conditional write atomic.

And it interns the attribute names of every item put (moto keeps each item as Python objects,
about five times its size, with its own copy of every name: every decision repeats the same
twenty), which takes a sixth off what each recorded decision costs a long-running server.

The embedded AWS is a development and test stand-in: this changes none of the behaviour the
decision log relies on, only its cost. Tests in `tests/integration/test_local_dynamodb.py`.
"""

from __future__ import annotations

import copy
import functools
import sys
import threading
from collections.abc import Callable
from typing import Any

_LOCK = threading.RLock()
_installed = False

_OPERATIONS = frozenset({"ConditionCheck", "Put", "Delete", "Update"})
_SINGLE_ITEM_WRITES = ("put_item", "update_item", "delete_item")


def install() -> None:
    """Patch moto's DynamoDB backend in this process (idempotent)."""
    global _installed
    from moto.dynamodb.models import DynamoDBBackend

    with _LOCK:
        if not _installed:
            DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]
            DynamoDBBackend.put_item = _interning_names(DynamoDBBackend.put_item)  # type: ignore[method-assign]
            for name in _SINGLE_ITEM_WRITES:
                setattr(DynamoDBBackend, name, _serialised(getattr(DynamoDBBackend, name)))
            _installed = True


def _serialised(write: Callable[..., Any]) -> Callable[..., Any]:
    """`write` (a method of moto's backend), one call at a time with every transaction."""

    @functools.wraps(write)
    def serialised(self: Any, *args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return write(self, *args, **kwargs)

    return serialised


def _interning_names(put_item: Callable[..., Any]) -> Callable[..., Any]:
    """moto's `put_item`, given the item with its attribute names interned."""

    @functools.wraps(put_item)
    def put(self: Any, table_name: str, item_attrs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        return put_item(self, table_name, _interned_names(item_attrs), *args, **kwargs)

    return put


def _interned_names(attrs: dict[str, Any]) -> dict[str, Any]:
    return {sys.intern(name): _interned_value(value) for name, value in attrs.items()}


def _interned_value(value: dict[str, Any]) -> dict[str, Any]:
    """A DynamoDB value ({"S": ...}, {"M": {...}}, {"L": [...]}), the names in its maps interned."""
    if "M" in value:
        return {"M": _interned_names(value["M"])}
    if "L" in value:
        return {"L": [_interned_value(item) for item in value["L"]]}
    return value


def _key_of(backend: Any, op_type: str, op: dict[str, Any]) -> dict[str, Any]:
    if op_type != "Put":
        return dict(op["Key"])
    table = backend.get_table(op["TableName"])
    attrs = op["Item"]
    key = {table.hash_key_attr: attrs[table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = attrs[table.range_key_attr]
    return key


def _check(backend: Any, op_type: str, op: dict[str, Any], key: dict[str, Any]) -> tuple[Any, ...]:
    """(None, None, None) when the operation's condition holds, else its cancellation reason."""
    from moto.dynamodb.comparisons import get_filter_expression

    current = backend.get_item(op["TableName"], key)
    expression = op.get("ConditionExpression")
    if expression is None:
        return (None, None, None)
    condition = get_filter_expression(
        expression, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
    )
    if condition.expr(current):
        return (None, None, None)
    old = None
    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
        old = current.to_json()["Attributes"]
    return ("ConditionalCheckFailed", "The conditional request failed", old)


def _apply(backend: Any, op_type: str, op: dict[str, Any], key: dict[str, Any]) -> None:
    names, values = op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
    table_name = op["TableName"]
    if op_type == "Put":
        backend.put_item(table_name, op["Item"], expression_attribute_names=names,
                         expression_attribute_values=values)  # fmt: skip
    elif op_type == "Delete":
        backend.delete_item(table_name, key)
    elif op_type == "Update":
        backend.update_item(table_name, key, update_expression=op["UpdateExpression"],
                            expression_attribute_names=names, expression_attribute_values=values)  # fmt: skip


def _restore(backend: Any, touched: list[tuple[str, dict[str, Any], Any]]) -> None:
    for table_name, key, before in reversed(touched):
        if before is None:
            backend.delete_item(table_name, key)
        else:
            backend.put_item(table_name, before.to_json()["Attributes"])


def _transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
    from moto.dynamodb.exceptions import (
        MockValidationException,
        MultipleTransactionsException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )

    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    with _LOCK:
        planned: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        targets: set[tuple[str, str]] = set()
        errors: list[tuple[Any, ...]] = []
        for item in transact_items:
            if len(item) > 1:
                raise TransactWriteSingleOpException
            op_type, op = next(iter(item.items()))
            try:
                if op_type not in _OPERATIONS:
                    raise ValueError("Unsupported transaction operation")
                key = _key_of(self, op_type, op)
                target = (str(op["TableName"]), str(dict(sorted(key.items()))))
                if target in targets:
                    raise MultipleTransactionsException()
                targets.add(target)
                errors.append(_check(self, op_type, op, key))
                planned.append((op_type, op, key))
            except (MultipleTransactionsException, MockValidationException):
                raise
            except Exception as exc:  # moto reports any other failure as the item's reason
                errors.append((type(exc).__name__, str(exc), None))
        if any(code is not None for code, _, _ in errors):
            raise TransactionCanceledException(errors)

        touched: list[tuple[str, dict[str, Any], Any]] = []
        try:
            for op_type, op, key in planned:
                if op_type == "ConditionCheck":
                    continue
                touched.append((op["TableName"], key, copy.deepcopy(self.get_item(op["TableName"], key))))
                _apply(self, op_type, op, key)
        except Exception:
            _restore(self, touched)
            raise
