"""The cyclic garbage collector held off while the builder allocates what it keeps."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a build allocates its long-lived objects (a
    drop's parsed recalls, a part's profiles and postings, a stored part decoded, the merged index):
    each full collection would walk the whole growing heap again (every parsed recall with it) and
    find nothing to free (parsing, profiling and merging make no reference cycles). The collector
    is back as it was when the block ends, and what the block allocated is in its oldest generation:
    moved there at once (`freeze` then `unfreeze`: two list splices), not walked by the young
    collection that the first allocation after re-enabling starts, then by the middle one, then by
    the full one their promotion counts towards. A cycle made in the block is still freed, by the
    next full collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
