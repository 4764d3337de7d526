"""Word postings: which recalls use each word, and how much each word weighs."""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, Self

from recall_screen.artifact import ArtifactError, four_byte_array


class KeyPostings(Mapping[str, Sequence[int]]):
    """key -> positions of the recalls that carry it (a word, a model number's key), kept in two
    flat arrays (offsets into positions) rather than a list per key: loading is two buffer copies,
    and a hundred thousand recalls cost megabytes, not hundreds of them."""

    def __init__(self, words: list[str], offsets: array[int], positions: array[int]) -> None:
        self._words = words
        self._rows = dict(zip(words, range(len(words)), strict=True))  # key -> row, built in C
        self._offsets = offsets
        self._positions = positions

    @classmethod
    def from_lists(cls, postings: Mapping[str, Sequence[int]]) -> Self:
        words = sorted(postings)
        offsets: array[int] = four_byte_array([0])
        positions: array[int] = four_byte_array()
        for word in words:
            positions.extend(postings[word])
            offsets.append(len(positions))
        return cls(words, offsets, positions)

    def validate(self, recalls: int) -> None:
        """Refuse postings that do not describe `recalls` recalls: ArtifactError."""
        offsets, positions = self._offsets, self._positions
        if (
            len(self._rows) != len(self._words)
            or len(offsets) != len(self._words) + 1
            or offsets[0] != 0
            or offsets[-1] != len(positions)
            or not all(map(operator.lt, offsets, islice(offsets, 1, None)))  # no key without recalls
            or (positions and max(positions) >= recalls)
        ):
            raise ArtifactError("index artifact is inconsistent: a posting is not positions of its recalls")

    def __getitem__(self, word: str) -> Sequence[int]:
        row = self._rows[word]
        return self._positions[self._offsets[row] : self._offsets[row + 1]]

    def get(self, word: str, default: Any = ()) -> Any:
        row = self._rows.get(word)
        return default if row is None else self._positions[self._offsets[row] : self._offsets[row + 1]]

    def counts(self) -> Iterator[tuple[str, int]]:
        """(key, how many recalls carry it), in key order."""
        offsets = self._offsets
        for row, word in enumerate(self._words):
            yield word, offsets[row + 1] - offsets[row]

    def __contains__(self, word: object) -> bool:
        return word in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def sections(self) -> tuple[list[str], array[int], array[int]]:
        """The keys, their offsets and the positions, as the artifact stores them."""
        return self._words, self._offsets, self._positions


def rarity(count: int, recalls: int) -> float:
    """The weight of a word `count` of `recalls` recalls use: a squared, normalised inverse
    document frequency in [0, 1]."""
    return (math.log(1 + recalls / count) / math.log(1 + max(recalls, 1))) ** 2


class WordPostings(KeyPostings):
    """word -> sorted positions of the recalls whose profile uses it, with each word's weight."""

    def __init__(
        self,
        words: list[str],
        offsets: array[int],
        positions: array[int],
        weights: array[float] | None = None,
    ) -> None:
        super().__init__(words, offsets, positions)
        self.weights: array[float] = weights if weights is not None else four_byte_array(typecode="f")

    def weigh(self, recalls: int) -> None:
        """Rare words count for much, common ones ("bicycle", "baby", "set") for little (`rarity`)."""
        self.weights = four_byte_array((rarity(count, recalls) for _, count in self.counts()), "f")

    def validate(self, recalls: int) -> None:
        if len(self.weights) != len(self._words):
            raise ArtifactError("index artifact is inconsistent: a posting is not positions of its recalls")
        super().validate(recalls)

    def arrays(self) -> dict[str, array[Any]]:
        """The arrays the artifact stores beside the words."""
        return {"offsets": self._offsets, "positions": self._positions, "weights": self.weights}
