"""Caches with a budget: what a warm screener keeps of a large index stays within the memory its
function is given, however long it runs (`benchmarks/bench_warm.py` measures it)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def _one(_: object) -> int:
    return 1


class Recent(Generic[K, V]):
    """Values by key, at most `budget` in weight (`weigh`: 1 an entry unless told), those least
    recently used given up first. Safe to share between threads: a value is only ever computed
    again, never lost midway (an entry given up between a lookup and its use is simply read
    again)."""

    __slots__ = ("_budget", "_items", "_lock", "_weigh", "weight")

    def __init__(self, budget: int, weigh: Callable[[V], int] = _one) -> None:
        self._budget = budget
        self._weigh = weigh
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self.weight = 0  # the weight of what is held

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            try:  # noqa: SIM105 - a hot path: suppress() costs a context manager a lookup
                self._items.move_to_end(key)
            except KeyError:  # given up by another thread meanwhile: the value is still good
                pass
        return value

    def put(self, key: K, value: V) -> V:
        """Keep `value` (the newest), giving up the least recently used until within the budget;
        a value weighing more than the whole budget is returned and not kept. None is no value:
        `get` answers None for a key it does not hold."""
        if value is None:
            raise TypeError("a cache value may not be None")
        weight = self._weigh(value)
        if weight > self._budget:
            return value
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.weight -= self._weigh(old)
            self._items[key] = value
            self.weight += weight
            while self.weight > self._budget:
                _, dropped = self._items.popitem(last=False)
                self.weight -= self._weigh(dropped)
        return value

    def __len__(self) -> int:
        return len(self._items)
