"""What `recall-screen screen` and `screen-catalog` say on stderr while and after they screen.

stdout carries only the decisions (NDJSON, for a machine); a person watching a long batch gets a
running count, and everyone gets one summary line of the counts per decision at the end:

    screened 7 lines: 1 block, 0 review, 1 allow, 5 invalid

The running count is drawn only when stderr is a terminal (rewritten in place, at most a few
times a second), so redirected stderr and logs hold the summary alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from recall_screen.models import Verdict

# Every outcome a line can have, in the summary's order: the decisions, then the lines that were
# not a valid listing.
INVALID = "invalid"
OUTCOMES = (*(verdict.value for verdict in Verdict), INVALID)

_CLEAR_LINE = "\r\x1b[K"


class ScreenProgress:
    """Counts the outcome of each screened line; shows a running count on a terminal."""

    def __init__(
        self,
        stream: TextIO,
        *,
        interval: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self._stream = stream
        self._live = stream.isatty()
        self._interval = interval
        self._clock = clock
        self._next_draw = clock() + interval  # a batch that ends quickly draws nothing
        self._drawn = False

    @property
    def lines(self) -> int:
        return sum(self.counts.values())

    def count(self, outcome: str, n: int = 1) -> None:
        self.counts[outcome] += n
        if self._live and self._clock() >= self._next_draw:
            self._next_draw = self._clock() + self._interval
            self._stream.write(f"{_CLEAR_LINE}screening: {self._tally()}")
            self._stream.flush()
            self._drawn = True

    def summary(self) -> str:
        return f"screened {self._tally()}"

    def finish(self) -> None:
        """Replace the running count (if drawn) with the summary line."""
        self._stream.write((_CLEAR_LINE if self._drawn else "") + self.summary() + "\n")
        self._stream.flush()

    def _tally(self) -> str:
        counts = ", ".join(f"{self.counts[outcome]} {outcome}" for outcome in OUTCOMES)
        return f"{self.lines} lines: {counts}"
