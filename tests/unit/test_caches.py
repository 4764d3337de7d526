"""A warm screener's caches stay within their budgets and never change a decision."""

from __future__ import annotations

import pytest
from recall_screen.caches import Recent


def test_the_least_recently_used_are_given_up_first() -> None:
    cache: Recent[str, int] = Recent(3)
    for key, value in [("a", 1), ("b", 2), ("c", 3)]:
        cache.put(key, value)
    assert cache.get("a") == 1  # read: now the most recent
    cache.put("d", 4)

    assert cache.get("b") is None  # the least recently used
    assert [cache.get(k) for k in "acd"] == [1, 3, 4]
    assert len(cache) == cache.weight == 3


def test_entries_are_weighed_and_the_budget_holds() -> None:
    cache: Recent[str, frozenset[int]] = Recent(10, len)
    cache.put("six", frozenset(range(6)))
    cache.put("three", frozenset(range(3)))
    cache.put("four", frozenset(range(4)))  # 13 > 10: "six" goes

    assert cache.get("six") is None and cache.weight == 7
    cache.put("three", frozenset(range(5)))  # put again: weighed anew
    assert cache.weight == 9 and cache.get("three") == frozenset(range(5))


def test_a_value_heavier_than_the_whole_budget_is_returned_not_kept() -> None:
    cache: Recent[str, bytes] = Recent(8, len)
    cache.put("small", b"1234")
    big = b"x" * 9

    assert cache.put("big", big) is big
    assert cache.get("big") is None and cache.get("small") == b"1234" and cache.weight == 4


def test_none_is_refused_as_a_value() -> None:
    """`get` answers None for a key it does not hold: a None kept would be weighed and never found."""
    cache: Recent[str, object] = Recent(3)
    with pytest.raises(TypeError):
        cache.put("nothing", None)
    assert len(cache) == cache.weight == 0
