"""Word postings: which recalls use each word, and how much each word weighs."""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Any, Self

from recall_screen.artifact import ArtifactError, four_byte_array

# Keys looked up and remembered (`KeyPostings._rows`, `Weights`) before the memory is emptied: a
# listing's words that no recall uses are remembered too, and listings bring new ones forever.
_REMEMBERED = 200_000
_NOT_POSITIONS = "index artifact is inconsistent: a posting is not positions of its recalls"


def key_slot(key: bytes, mask: int) -> int:
    """Where `key` is first looked for in a table of `mask + 1` slots (a checksum's bits: the same
    in every process, unlike `hash`)."""
    return zlib.crc32(key) & mask


def key_table(keys: Sequence[bytes]) -> array[int]:
    """The hash table of `keys` as the artifact stores it: a power of two of slots, at least twice
    as many as keys, each 0 or a key's row + 1, placed at `key_slot` or the next free slot after
    it (wrapping around)."""
    size = 1 << max(2 * len(keys) - 1, 0).bit_length()
    slots = four_byte_array()
    slots.frombytes(bytes(4 * size))
    mask = size - 1
    for row, key in enumerate(keys, 1):
        at = key_slot(key, mask)
        while slots[at]:
            at = (at + 1) & mask
        slots[at] = row
    return slots


class KeyPostings(Mapping[str, Sequence[int]]):
    """key -> positions of the recalls that carry it (a word, a model number's key), kept flat and
    read in place: the keys' text (sorted, one a line), where each key starts in it, a hash table
    of the keys (`key_table`), and the postings as two arrays (offsets into positions). A load
    makes no object per key: a key is found in the table when it is first looked up (then
    remembered), and a posting's positions are checked against the recalls when it is first read.
    A million recalls' postings cost their bytes, not a dictionary of a million words."""

    def __init__(
        self,
        text: bytes | memoryview,
        starts: Sequence[int],
        slots: Sequence[int],
        offsets: Sequence[int],
        positions: Sequence[int],
    ) -> None:
        self._text = text  # the keys, sorted, each followed by a newline but the last
        self._starts = starts  # len(keys) + 1: key i is text[starts[i]:starts[i + 1] - 1]
        self._slots = slots
        self._mask = len(slots) - 1
        self._offsets = offsets
        self._positions = positions
        self._rows: dict[object, int] = {}  # keys looked up: their row, -1 for none
        self._read = bytearray(max(len(starts) - 1, 0))  # 1: the row's posting was checked
        self._recalls = 2**32  # positions are below this (`validate`)

    @classmethod
    def from_lists(cls, postings: Mapping[str, Sequence[int]]) -> Self:
        keys = [key.encode() for key in sorted(postings)]
        offsets: array[int] = four_byte_array([0])
        positions: array[int] = four_byte_array()
        for key in keys:
            positions.extend(postings[key.decode()])
            offsets.append(len(positions))
        starts = four_byte_array(accumulate((len(key) + 1 for key in keys), initial=0))
        return cls(b"\n".join(keys), starts, key_table(keys), offsets, positions)

    def validate(self, recalls: int) -> None:
        """Refuse postings whose shape does not hold `recalls` recalls' postings: ArtifactError. A
        posting's own positions are checked when it is first read (`_posting`); a key's place in
        the table when it is looked up."""
        offsets, starts, slots, n = self._offsets, self._starts, self._slots, len(self)
        if (
            not starts
            or starts[0] != 0
            or starts[-1] != (len(self._text) + 1 if n else 0)
            or len(offsets) != n + 1
            or offsets[0] != 0
            or offsets[-1] != len(self._positions)
            or len(slots) < 2 * n
            or len(slots) & (len(slots) - 1)  # not a power of two
        ):
            raise ArtifactError(_NOT_POSITIONS)
        self._recalls = recalls

    def row(self, key: object) -> int:
        """The row of `key`, -1 for a key no recall carries (remembered either way)."""
        rows = self._rows
        found = rows.get(key)
        if found is None:
            found = self._find(key) if isinstance(key, str) else -1
            if len(rows) >= _REMEMBERED:
                rows.clear()
            rows[key] = found
        return found

    def _find(self, key: str) -> int:
        wanted = key.encode("utf-8", "surrogatepass")
        slots, starts, text, mask = self._slots, self._starts, self._text, self._mask
        at = key_slot(wanted, mask)
        for _ in range(len(slots)):
            row = slots[at] - 1
            if row < 0:
                return -1
            if row + 1 >= len(starts):
                raise ArtifactError("index artifact is inconsistent: a key's slot names no key")
            if text[starts[row] : starts[row + 1] - 1] == wanted:
                return row
            at = (at + 1) & mask
        return -1

    def _posting(self, row: int) -> Sequence[int]:
        start, end = self._offsets[row], self._offsets[row + 1]
        positions = self._positions[start:end]
        if not self._read[row]:  # the first read: a non-empty run of positions of the recalls
            if not start < end <= len(self._positions) or max(positions) >= self._recalls:
                raise ArtifactError(_NOT_POSITIONS)
            self._read[row] = 1
        return positions

    def __getitem__(self, key: str) -> Sequence[int]:
        row = self.row(key)
        if row < 0:
            raise KeyError(key)
        return self._posting(row)

    def get(self, key: str, default: Any = ()) -> Any:
        row = self._rows.get(key)  # a key seen before: found as a dict would find it
        if row is None:
            row = self.row(key)
        if row < 0:
            return default
        if self._read[row]:
            return self._positions[self._offsets[row] : self._offsets[row + 1]]
        return self._posting(row)

    def counts(self) -> Iterator[tuple[str, int]]:
        """(key, how many recalls carry it), in key order."""
        offsets = self._offsets
        for row, key in enumerate(self):
            yield key, offsets[row + 1] - offsets[row]

    def __contains__(self, key: object) -> bool:
        row = self._rows.get(key)
        return (self.row(key) if row is None else row) >= 0

    def __iter__(self) -> Iterator[str]:
        """The keys in order, decoded together (the typo repair's lists of words read them all)."""
        if not len(self):
            return iter(())
        try:
            return iter(bytes(self._text).decode().split("\n"))
        except UnicodeDecodeError as exc:
            raise ArtifactError(f"index artifact is malformed: a key is not UTF-8: {exc}") from None

    def __len__(self) -> int:
        return max(len(self._starts) - 1, 0)

    def sections(self) -> tuple[bytes | memoryview, dict[str, Sequence[int]]]:
        """The keys' text, and the arrays the artifact stores beside it (keyed by their suffix)."""
        return self._text, {
            "starts": self._starts,
            "slots": self._slots,
            "offsets": self._offsets,
            "positions": self._positions,
        }


def rarity(count: int, recalls: int) -> float:
    """The weight of a word `count` of `recalls` recalls use: a squared, normalised inverse
    document frequency in [0, 1]."""
    return (math.log(1 + recalls / count) / math.log(1 + max(recalls, 1))) ** 2


class WordPostings(KeyPostings):
    """word -> sorted positions of the recalls whose profile uses it, with each word's weight."""

    def __init__(
        self,
        text: bytes | memoryview,
        starts: Sequence[int],
        slots: Sequence[int],
        offsets: Sequence[int],
        positions: Sequence[int],
        weights: Sequence[float] | None = None,
    ) -> None:
        super().__init__(text, starts, slots, offsets, positions)
        self.weights: Sequence[float] = weights if weights is not None else four_byte_array(typecode="f")

    def weigh(self, recalls: int) -> None:
        """Rare words count for much, common ones ("bicycle", "baby", "set") for little (`rarity`)."""
        offsets = self._offsets
        self.weights = four_byte_array(
            (rarity(offsets[row + 1] - offsets[row], recalls) for row in range(len(self))), "f"
        )

    def validate(self, recalls: int) -> None:
        if len(self.weights) != len(self):
            raise ArtifactError(_NOT_POSITIONS)
        super().validate(recalls)


# What `Weights` holds for a word no recall uses: 1.0, as rare as can be; this very object, so that
# `get` tells it from a word whose weight is 1.0 (each weight read from the array is a new float).
ABSENT = float("1.0")


class Weights(dict[str, float]):
    """word -> weight (`WordPostings.weights`), filled as words are looked up rather than at load:
    `weights[word]` is 1.0 for a word no recall uses (as rare as can be: what a profile's words
    weigh), `weights.get(word, default)` gives `default` for it, as a dict would."""

    def __init__(self, postings: WordPostings) -> None:
        super().__init__()
        self._postings = postings

    def __missing__(self, word: str) -> float:
        row = self._postings.row(word)
        weight = ABSENT if row < 0 else self._postings.weights[row]
        if len(self) >= _REMEMBERED:
            self.clear()
        self[word] = weight
        return weight

    def get(self, word: str, default: Any = None) -> Any:
        weight = self[word]
        return default if weight is ABSENT else weight

    def __contains__(self, word: object) -> bool:
        return word in self._postings
