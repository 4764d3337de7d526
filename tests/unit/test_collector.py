"""The builder's pauses of the cyclic garbage collector (`recall_screen.collector`)."""

from __future__ import annotations

import gc
import weakref

from recall_screen.collector import collector_paused


class _Node:
    def __init__(self) -> None:
        self.me: _Node | None = None


def test_the_collector_is_back_and_a_cycle_made_while_paused_is_still_freed() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        node = _Node()
        node.me = node
        ref = weakref.ref(node)
        del node
    assert gc.isenabled()
    gc.collect()
    assert ref() is None


def test_what_a_pause_kept_is_in_the_oldest_generation_and_not_walked_young() -> None:
    with collector_paused():
        kept = [[n] for n in range(5_000)]
    assert gc.get_count()[0] < 5_000  # the young generation does not hold them
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept)


def test_a_pause_inside_a_pause_leaves_the_collector_off() -> None:
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
