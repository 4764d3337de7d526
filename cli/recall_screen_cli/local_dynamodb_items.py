"""Item storage for the embedded DynamoDB that lives on disk and reads what a request names.

moto keeps every item of a table as a tree of Python objects (about 8 KB for one recorded
decision), and answers every `Query` by sorting all of the table's items. A local server that
records 50 decisions a second therefore grew by about half a gigabyte an hour, and each history
read slowed with every decision ever recorded.

`install()` gives every table moto creates in this process an `ItemStore` instead of its dict of
items: one SQLite file per table in the temporary directory (deleted with the table, or at exit),
each item kept as its DynamoDB JSON, with the values of the table's and its indexes' partition
keys beside it so that a `Query` decodes only the items of the partition it names. moto's own
code still evaluates every expression, sort order, page and projection; this changes where items
are kept, not what any call returns.

moto changes an item in place (`UpdateItem` reads it, then edits the object). So every write runs
in a `write_session()`: an item read during it is the same object on each read, and each one is
written back when the outermost write returns. A write that raises writes nothing back, as
DynamoDB applies an update whole or not at all. The SQLite connection is shared by moto's
request threads behind one lock per store.

Tests in `tests/integration/test_local_dynamodb.py`.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any

_installed = False
_install_lock = threading.Lock()
_session = threading.local()

_SCHEMA = (
    "CREATE TABLE items (h TEXT NOT NULL, r TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (h, r))"
    " WITHOUT ROWID",
    # One row per (partition-key attribute of an index, its value) an item carries.
    "CREATE TABLE index_keys (attr TEXT NOT NULL, value TEXT NOT NULL, h TEXT NOT NULL,"
    " r TEXT NOT NULL, PRIMARY KEY (attr, value, h, r)) WITHOUT ROWID",
    "CREATE INDEX index_keys_of_item ON index_keys (h, r)",
)


def install() -> None:
    """Make every table moto creates from now on, in this process, keep its items in an `ItemStore`
    (idempotent)."""
    global _installed
    from moto.dynamodb.models.table import Table

    with _install_lock:
        if _installed:
            return
        table_init = Table.__init__
        table_query = Table.query
        query_signature = inspect.signature(table_query)

        @functools.wraps(table_init)
        def init(self: Any, *args: Any, **kwargs: Any) -> None:
            table_init(self, *args, **kwargs)
            self.items = ItemStore(self)

        @functools.wraps(table_query)
        def query(self: Any, *args: Any, **kwargs: Any) -> Any:
            store = self.items
            if not isinstance(store, ItemStore):
                return table_query(self, *args, **kwargs)
            call = query_signature.bind(self, *args, **kwargs)
            with store.restricted_to(_query_partition(self, call.arguments)):
                return table_query(self, *args, **kwargs)

        Table.__init__ = init  # type: ignore[method-assign]
        Table.query = query  # type: ignore[method-assign]
        Table.all_items = _from_store(Table.all_items, lambda store: store.all_items())  # type: ignore[method-assign]
        Table.__len__ = _from_store(Table.__len__, lambda store: store.count())  # type: ignore[method-assign]
        _installed = True


def _from_store(original: Callable[..., Any], read: Callable[[ItemStore], Any]) -> Callable[..., Any]:
    """`original` (a method of moto's Table), answered by `read(store)` when the table has a store."""

    @functools.wraps(original)
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        store = self.items
        if isinstance(store, ItemStore):
            return read(store)
        return original(self, *args, **kwargs)

    return method


def _query_partition(table: Any, arguments: dict[str, Any]) -> tuple[str, Any] | None:
    """The (attribute, value) whose items a `Query` can return, or None to read them all."""
    index_name = arguments.get("index_name")
    if not index_name:
        return (table.hash_key_attr, arguments["hash_key"])
    for attr, value in arguments.get("hash_key_conditions") or ():
        return (attr, value)
    for index in table.all_indexes():
        if index.name == index_name:
            hash_attrs = [key["AttributeName"] for key in index.schema if key["KeyType"] == "HASH"]
            if len(hash_attrs) == 1 and arguments.get("hash_key") is not None:
                return (hash_attrs[0], arguments["hash_key"])
    return None


@contextlib.contextmanager
def write_session() -> Iterator[None]:
    """One write to the embedded DynamoDB (re-entrant): items read during it are shared objects,
    written back when the outermost session ends without an error."""
    depth = getattr(_session, "depth", 0)
    if depth == 0:
        _session.touched = {}
    _session.depth = depth + 1
    try:
        yield
        if depth == 0:
            for (store, key), item in list(_session.touched.items()):
                store.write_back(key, item)
    finally:
        _session.depth = depth
        if depth == 0:
            _session.touched = {}


def _touched() -> dict[tuple[ItemStore, tuple[str, str]], Any] | None:
    return _session.touched if getattr(_session, "depth", 0) else None


def _encode_key(value: Any) -> str:
    return "" if value is None else json.dumps(value.to_json(), sort_keys=True, separators=(",", ":"))


class ItemStore:
    """A moto table's items, on disk: the mapping moto's Table uses as `self.items` — hash value ->
    item for a table without a sort key, hash value -> (range value -> item) with one."""

    def __init__(self, table: Any) -> None:
        self.hash_attr: str = table.hash_key_attr
        self.range_attr: str | None = table.range_key_attr
        self.index_attrs = frozenset(
            key["AttributeName"]
            for index in table.all_indexes()
            for key in index.schema
            if key["KeyType"] == "HASH"
        )
        fd, self.path = tempfile.mkstemp(prefix="recall-screen-dynamodb-", suffix=".sqlite")
        os.close(fd)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode = OFF")
            self._db.execute("PRAGMA synchronous = OFF")
            for statement in _SCHEMA:
                self._db.execute(statement)
        self._restriction = threading.local()
        weakref.finalize(self, _close_and_remove, self._db, self.path)

    # -- moto's mapping ------------------------------------------------------------------------

    def __getitem__(self, hash_value: Any) -> Any:
        if self.range_attr is not None:
            return Partition(self, _encode_key(hash_value), hash_value)
        item = self.get((_encode_key(hash_value), ""))
        if item is None:
            raise KeyError(hash_value)
        return item

    def __setitem__(self, hash_value: Any, item: Any) -> None:
        self.put((_encode_key(hash_value), ""), item)

    def __contains__(self, hash_value: object) -> bool:
        return self._exists("SELECT 1 FROM items WHERE h = ? LIMIT 1", (_encode_key(hash_value),))

    def pop(self, hash_value: Any) -> Any:
        key = (_encode_key(hash_value), "")
        item = self.get(key)
        if item is None:
            raise KeyError(hash_value)
        self.delete(key)
        return item

    def values(self) -> list[Any]:
        if self.range_attr is None:
            return self.all_items()
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT h FROM items ORDER BY h").fetchall()
        return [Partition(self, h, _decode_key(h)) for (h,) in rows]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        raise NotImplementedError("the embedded DynamoDB keeps no backups of a table on disk")

    # -- reads and writes by encoded key --------------------------------------------------------

    def get(self, key: tuple[str, str]) -> Any:
        touched = _touched()
        if touched is not None and (self, key) in touched:
            return touched[(self, key)]
        with self._lock:
            row = self._db.execute("SELECT body FROM items WHERE h = ? AND r = ?", key).fetchone()
        if row is None:
            return None
        item = self._decode(row[0])
        if touched is not None:
            touched[(self, key)] = item
        return item

    def put(self, key: tuple[str, str], item: Any) -> None:
        touched = _touched()
        if touched is not None:
            touched[(self, key)] = item
        self._write(key, item)

    def delete(self, key: tuple[str, str]) -> None:
        touched = _touched()
        if touched is not None:
            touched.pop((self, key), None)
        with self._lock:
            self._db.execute("DELETE FROM items WHERE h = ? AND r = ?", key)
            self._db.execute("DELETE FROM index_keys WHERE h = ? AND r = ?", key)

    def write_back(self, key: tuple[str, str], item: Any) -> None:
        """An item read during a write, kept as the write left it (unless the write deleted it)."""
        if self._exists("SELECT 1 FROM items WHERE h = ? AND r = ?", key):
            self._write(key, item)

    def _write(self, key: tuple[str, str], item: Any) -> None:
        attrs = item.attrs
        index_rows = [(attr, _encode_key(attrs[attr]), *key) for attr in self.index_attrs if attr in attrs]
        body = json.dumps(item.to_json()["Attributes"], separators=(",", ":"))
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute("INSERT OR REPLACE INTO items VALUES (?, ?, ?)", (*key, body))
            self._db.execute("DELETE FROM index_keys WHERE h = ? AND r = ?", key)
            self._db.executemany("INSERT INTO index_keys VALUES (?, ?, ?, ?)", index_rows)
            self._db.execute("COMMIT")

    # -- whole-table reads ------------------------------------------------------------------------

    @contextlib.contextmanager
    def restricted_to(self, partition: tuple[str, Any] | None) -> Iterator[None]:
        """While a `Query` runs in this thread, `all_items()` returns only the items that carry
        `partition` (attribute, value); moto's query then filters and sorts those as it would all."""
        self._restriction.partition = partition
        try:
            yield
        finally:
            self._restriction.partition = None

    def all_items(self) -> list[Any]:
        partition = getattr(self._restriction, "partition", None)
        if partition is not None and partition[0] == self.hash_attr:
            rows = self._rows("SELECT h, r, body FROM items WHERE h = ?", (_encode_key(partition[1]),))
        elif partition is not None and partition[0] in self.index_attrs:
            rows = self._rows(
                "SELECT i.h, i.r, i.body FROM index_keys k JOIN items i ON i.h = k.h AND i.r = k.r"
                " WHERE k.attr = ? AND k.value = ?",
                (partition[0], _encode_key(partition[1])),
            )
        else:
            rows = self._rows("SELECT h, r, body FROM items", ())
        items = [self._shared(h, r, body) for h, r, body in rows]
        return sorted(items, key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)

    def count(self, hash_key: str | None = None) -> int:
        with self._lock:
            if hash_key is None:
                return int(self._db.execute("SELECT COUNT(*) FROM items").fetchone()[0])
            return int(self._db.execute("SELECT COUNT(*) FROM items WHERE h = ?", (hash_key,)).fetchone()[0])

    def partition_items(self, hash_key: str) -> list[tuple[str, Any]]:
        return [(r, self._shared(h, r, body)) for h, r, body in
                self._rows("SELECT h, r, body FROM items WHERE h = ? ORDER BY r", (hash_key,))]  # fmt: skip

    # -- helpers ---------------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[str, str, str]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _exists(self, sql: str, params: tuple[Any, ...]) -> bool:
        with self._lock:
            return self._db.execute(sql, params).fetchone() is not None

    def _shared(self, h: str, r: str, body: str) -> Any:
        """The item of row (h, r): during a write, the session's object for it."""
        touched = _touched()
        if touched is None:
            return self._decode(body)
        item = touched.get((self, (h, r)))
        if item is None:
            item = touched[(self, (h, r))] = self._decode(body)
        return item

    def _decode(self, body: str) -> Any:
        from moto.dynamodb.models.dynamo_type import DynamoType, Item

        attrs = json.loads(body)
        range_value = DynamoType(attrs[self.range_attr]) if self.range_attr else None
        return Item(DynamoType(attrs[self.hash_attr]), range_value, attrs)


class Partition:
    """The items of one partition of a table with a sort key: range value -> item."""

    def __init__(self, store: ItemStore, hash_key: str, hash_value: Any) -> None:
        self._store, self._hash_key, self._hash_value = store, hash_key, hash_value

    def __getitem__(self, range_value: Any) -> Any:
        item = self._store.get((self._hash_key, _encode_key(range_value)))
        if item is None:
            raise KeyError(range_value)
        return item

    def __setitem__(self, range_value: Any, item: Any) -> None:
        self._store.put((self._hash_key, _encode_key(range_value)), item)

    def pop(self, range_value: Any) -> Any:
        item = self[range_value]
        self._store.delete((self._hash_key, _encode_key(range_value)))
        return item

    def __len__(self) -> int:
        return self._store.count(self._hash_key)

    def values(self) -> list[Any]:
        return [item for _, item in self._store.partition_items(self._hash_key)]


def _decode_key(encoded: str) -> Any:
    from moto.dynamodb.models.dynamo_type import DynamoType

    return DynamoType(json.loads(encoded))


def _close_and_remove(db: sqlite3.Connection, path: str) -> None:
    db.close()
    with contextlib.suppress(OSError):
        os.remove(path)
