"""The match index: every current recall, with the postings that find candidates fast.

Built once per drop (by the index builder or offline), stored as an immutable artifact (see
`artifact.py`: data, never code), loaded by every screener. The word and model-number postings
and the per-recall arrays are read in place from the artifact's bytes (a word is found in the
stored hash table when first looked up: `postings.KeyPostings`); each recall's profile
(`profile.py`, what the matcher compares) and notice (what a decision shows) are decoded only when
that recall becomes a candidate or is reported. Loading is then the head's JSON (with the GTIN
postings), one CRC pass and checks that read no item one by one: about a quarter of a second of
CPU at 1,000,000 recalls.
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import json
import operator
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from typing import Any

from recall_screen import artifact
from recall_screen.artifact import ARTIFACT_FORMAT, NOTICE_STRINGS, PROFILE_REGION, ArtifactError
from recall_screen.caches import Recent
from recall_screen.category_rules import CategoryRule, CategoryRules
from recall_screen.clock import utc_z
from recall_screen.collector import collector_paused
from recall_screen.lexicon import SYNONYMS
from recall_screen.models import Recall
from recall_screen.parts import IndexPart
from recall_screen.postings import KeyPostings, Weights, WordPostings
from recall_screen.profile import Notice, Profile, token_set
from recall_screen.union import one_per_recall


@dataclass
class SourceList:
    """One source's current list, as it stands in this index (`GET /v1/health` shows these)."""

    source: str  # the list's name: the folder under recalls/
    file: str  # where the list came from (an S3 key or a local path)
    recalls: int
    loaded_at: str  # when that file was accepted, ISO 8601 UTC
    regulators: list[str] = field(default_factory=list)


FUZZY_MIN_LENGTH = 4
LONG_WORD = 8  # from this length a word may be two edits from the one meant
# A warm screener's decoded profiles (about 5.3 KB each for notices shaped like the regulators'
# own), the least recently used given up first: about 210 MiB.
PROFILES_KEPT = 40_000
# The word postings kept as sets (`postings_set`), in positions (about 75 bytes each, a Python
# int and its slot): at most about 720 MiB. Every common word's at 100,000 recalls fits (1.2
# million positions); at 1,000,000 they are 14 million, and the words listings use most stay (a
# set of a word 400,000 notices use takes 35 ms to make again).
POSITIONS_KEPT = 10_000_000
# What the head says of the names an artifact stores: each a token set (`profile.token_set`). One
# written before stored them as written, and its names are made token sets when first read.
FALLBACK_NAMES = "token sets"


def _positions_held(positions: frozenset[int]) -> int:
    return len(positions) + 1


class RecallIndex:
    """An immutable, loaded index. Safe to share between threads: its caches hold only what any
    thread would compute the same way, and what one gives up is computed again when next needed
    (`caches.Recent`)."""

    def __init__(self, document: dict[str, Any]) -> None:
        try:
            if document.get("format") != ARTIFACT_FORMAT:
                raise ArtifactError(f"index artifact is not of format {ARTIFACT_FORMAT}")
            self.version: str = document["version"]
            self.built_at: str = document["built_at"]
            self.sources = {name: SourceList(**s) for name, s in document["sources"].items()}
            self._strings: Sequence[str] = document["strings"]
            self._regions = [frozenset(codes) for codes in document["regions"]]
            self._notices: Sequence[str] = document["notices"]
            self._profiles: Sequence[str] = document["profiles"]
            self._names: Sequence[str] = document["names"]
            self.by_token: WordPostings = document["words"]
            self.by_model: KeyPostings = document["models"]
            self.by_gtin: dict[str, list[int]] = document["gtins"]
            self.by_unchecked_gtin: dict[str, list[int]] = document["unchecked_gtins"]
            # Where each recall applies (its number in `regions`), and its names summed up
            # (`artifact.name_totals`).
            self._region_of: Sequence[int] = document["profile_regions"]
            self.text_floors: Sequence[float] = document["text_floors"]
            self.text_masks: Sequence[int] = document["text_masks"]
            self.text_seconds: Sequence[float] = document["text_seconds"]
            self.brand_floors: Sequence[float] = document["brand_floors"]
            self.brand_masks: Sequence[int] = document["brand_masks"]
            self.name_flags: Sequence[int] = document["name_flags"]
            # Its distinctive model numbers' keys, as bits (`artifact.model_mask`).
            self.model_masks: Sequence[int] = document["model_masks"]
            # Each recall's `artifact.recall_hash`, sorted, and where that recall is.
            self._recall_keys: Sequence[int] = document["recall_keys"]
            self._recall_key_positions: Sequence[int] = document["recall_key_positions"]
            # The category rules this version screens with, validated again: an artifact is data.
            self.rules = CategoryRules(CategoryRule.model_validate(r) for r in document["rules"])
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise ArtifactError(f"index artifact is malformed: {exc!r}") from exc
        self._check(len(self._notices))
        self._document = document

        # word -> weight, read from the postings as words are looked up; a word no recall uses is
        # as rare as can be: 1.0 (`Weights`).
        self.weights: dict[str, float] = Weights(self.by_token)
        # Words this common do not propose candidates; they add weight to candidates proposed by
        # rarer words. A fixed bound keeps the cost per listing flat as the list grows.
        self.common_cutoff = max(64, min(300, len(self._notices) // 50))
        self._surface = {w: c for w, c in SYNONYMS.items() if c in self.by_token and w != c}
        self._buckets: dict[int, list[str]] | None = None  # words by length, for typo repair
        self._reversed: dict[int, list[str]] = {}
        self._names_decoded: list[str] | None = None
        self._profile_cache: Recent[int, Profile] = Recent(PROFILES_KEPT)
        self._set_cache: Recent[str, frozenset[int]] = Recent(POSITIONS_KEPT, _positions_held)
        self._keys_in_order = False  # `recall_keys` checked (sorted, positions in range) on first use

    def _check(self, n: int) -> None:
        """Refuse a document whose sections and postings do not describe `n` recalls."""
        totals = (
            self.text_floors,
            self.text_masks,
            self.text_seconds,
            self.brand_floors,
            self.brand_masks,
            self.model_masks,
            self._recall_keys,
            self._recall_key_positions,
        )
        if not (
            len(self._profiles) == len(self._names) == len(self.name_flags) == len(self._region_of) == n
            and all(len(values) == n for values in totals)
        ):
            raise ArtifactError(
                "index artifact is inconsistent: notices, profiles, names and name totals differ in number"
            )
        if not isinstance(self.by_token, WordPostings) or not isinstance(self.by_model, KeyPostings):
            raise ArtifactError("index artifact is malformed: word or model postings are missing")
        self.by_token.validate(n)
        self.by_model.validate(n)
        # Read byte by byte in C: a cold start reads no array item by item.
        floors = (self.text_floors, self.text_seconds, self.brand_floors)
        if not (
            all(map(artifact.all_finite_non_negative, floors))
            and artifact.all_below(self.name_flags, artifact.NAME_FLAGS + 1)
        ):
            raise ArtifactError("index artifact is malformed: a recall's name totals are out of range")
        if not artifact.all_below(self._region_of, len(self._regions)):
            raise ArtifactError("index artifact is inconsistent: a recall's region is not in regions")
        try:  # every other posting is a non-empty list of positions inside the recalls (checked in C)
            tables = (self.by_gtin, self.by_unchecked_gtin)
            valid = all(
                isinstance(table, dict)
                and (not table or (min(map(min, table.values())) >= 0 and max(map(max, table.values())) < n))
                for table in tables
            )
        except (TypeError, ValueError):  # a position that is not a number, an empty posting
            valid = False
        if not valid:
            raise ArtifactError("index artifact is inconsistent: a posting is not positions of its recalls")

    def _spelled(self, length: int) -> tuple[list[str], list[str]]:
        """Typo repair by the pigeonhole principle: a word one edit away from another keeps either
        its first half or its second half intact. The words of `length` letters (and the everyday
        synonyms of index words, in the form sellers type them), sorted, forwards and reversed, so
        the words sharing a first (or last) part are one binary search away. Made when a listing
        first needs them, not at load: a cold start sorts no vocabulary it does not use. Threads
        that race here build equal lists; each is published whole."""
        buckets = self._buckets
        if buckets is None:
            by_length: dict[int, list[str]] = defaultdict(list)
            for word in (*self.by_token, *self._surface):
                if len(word) >= FUZZY_MIN_LENGTH and not word.isdigit():
                    by_length[len(word)].append(word)
            # The index's words come sorted and the synonyms are few: each sort is one merge.
            self._buckets = buckets = {length: sorted(words) for length, words in by_length.items()}
        words = buckets.get(length, [])
        reversed_words = self._reversed.get(length)
        if reversed_words is None:
            reversed_words = self._reversed[length] = sorted(word[::-1] for word in words)
        return words, reversed_words

    @staticmethod
    def _starting(words: list[str], prefix: str) -> list[str]:
        """The words of a sorted list that start with `prefix` (words are [a-z0-9]: "{" sorts after)."""
        return words[bisect_left(words, prefix) : bisect_left(words, prefix + "{")]

    def near(self, word: str) -> list[tuple[str, str]]:
        """(surface, index word) pairs that may be one edit from `word` (same first or second
        half, length within one), or two edits for long words (same first or last four letters).
        Callers verify the distance."""
        found: list[str] = []
        # Two letters swapped across the middle break both halves: try the swap back directly.
        half = len(word) // 2
        if half >= 1:
            swapped = word[: half - 1] + word[half] + word[half - 1] + word[half + 1 :]
            if swapped in self.by_token or swapped in self._surface:
                found.append(swapped)
        backwards = word[::-1]
        for length in range(len(word) - 2, len(word) + 3):
            words, reversed_words = self._spelled(length)
            if not words:
                continue
            if abs(length - len(word)) <= 1:
                half = length // 2
                found += self._starting(words, word[:half])
                found += (w[::-1] for w in self._starting(reversed_words, backwards[: length - half]))
            if len(word) >= LONG_WORD - 1 and length >= LONG_WORD:
                found += self._starting(words, word[:4])
                found += (w[::-1] for w in self._starting(reversed_words, backwards[:4]))
        return [(surface, self._surface.get(surface, surface)) for surface in dict.fromkeys(found)]

    def __len__(self) -> int:
        return len(self._notices)

    @property
    def names(self) -> list[str]:
        """Each recall's brand and first name, its distinct words sorted (`fallback_name`), for the
        fuzzy fallback scan: decoded whole the first time a listing needs the scan."""
        decoded = self._names_decoded
        if decoded is None:
            # The list is kept, not the blocks it was read from (`Lines` keeps no block a slice reads).
            decoded = list(self._names[:])
            if self._document.get("fallback_names") != FALLBACK_NAMES:  # an artifact written before
                decoded = [token_set(name.split()) for name in decoded]
            self._names_decoded = decoded
        return decoded

    def notice(self, position: int) -> Notice:
        """What a decision shows of the recall at `position`."""
        return artifact.decode_notice(self._notices[position], self._strings)

    def profile(self, position: int) -> Profile:
        """What the matcher compares against, for the recall at `position` (decoded, and kept
        among the `PROFILES_KEPT` most recently used)."""
        found = self._profile_cache.get(position)
        if found is None:
            found = self._profile_cache.put(
                position, artifact.decode_profile(self._profiles[position], self._regions, self.weights)
            )
        return found

    def profile_line(self, position: int) -> str:
        """The stored line of the recall's profile (`artifact.encode_profile`), not decoded: what a
        check that needs one or two of its fields reads without decoding the profile."""
        return self._profiles[position]

    def countries(self, position: int) -> frozenset[str]:
        """Where the recall at `position` applies, read without its profile (its region's number is
        stored beside it: four bytes a recall)."""
        return self._regions[self._region_of[position]]

    def postings_set(self, token: str) -> frozenset[int]:
        found = self._set_cache.get(token)
        if found is None:
            found = self._set_cache.put(token, frozenset(self.by_token.get(token, ())))
        return found

    def cache_sizes(self) -> dict[str, int]:
        """What the index's caches hold now, each within its budget (`PROFILES_KEPT`,
        `POSITIONS_KEPT`, `artifact.INFLATED_KEPT` for each line section): for benchmarks and operators."""
        return {
            "profiles": len(self._profile_cache),
            "posting positions": self._set_cache.weight,
            "inflated KiB": sum(
                lines.inflated_bytes
                for lines in (self._strings, self._profiles, self._notices, self._names)
                if isinstance(lines, artifact.Lines)
            )
            // 1024,
        }

    def recall_ids(self) -> list[tuple[str, str]]:
        """(source, recall id) of every recall in the index, in index order."""
        # A slice keeps no block (`Lines`): a report's scan, not lines a screening reads again.
        return [artifact.notice_key(line, self._strings) for line in self._notices[:]]

    def position_of(self, source: str, recall_id: str) -> int | None:
        """Where the recall is in the index; None when the index does not list it (withdrawn, or
        never listed). A binary search of the recalls' keys the artifact stores sorted
        (`artifact.recall_hash`), read in place; a hit is checked against its notice (at a million
        recalls, a hundred pairs of them share a key). The keys' order and positions are checked on
        the first lookup: 62 ms at 1,000,000 recalls, where building the lookup on first use took
        2.0 s, on the request that first needed it after each refresh."""
        keys, positions = self._recall_keys, self._recall_key_positions
        if not self._keys_in_order:  # every item read: checked here, not at a cold start
            if not all(map(operator.le, keys, islice(keys, 1, None))):
                raise ArtifactError("index artifact is inconsistent: the recalls' keys are not sorted")
            if not artifact.all_below(positions, len(self)):
                raise ArtifactError(
                    "index artifact is inconsistent: a recall key's position is not a recall's"
                )
            self._keys_in_order = True
        wanted = artifact.recall_hash(source, recall_id)
        at = bisect_left(keys, wanted)
        while at < len(keys) and keys[at] == wanted:
            if artifact.notice_key(self._notices[positions[at]], self._strings) == (source, recall_id):
                return positions[at]
            at += 1
        return None

    # -- building and storing ------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        recalls: Iterable[Recall],
        *,
        sources: dict[str, SourceList] | None = None,
        built_at: datetime | None = None,
        rules: Iterable[CategoryRule] = (),
    ) -> RecallIndex:
        """A new index over `recalls` (a recall that several lists carry is indexed once, its
        records merged) and the category `rules`. Its version orders by build time and names the
        content."""
        with collector_paused():  # the recalls merged and profiled, then the merge (see `merge`)
            part = IndexPart.of(one_per_recall(recalls), rules)
            return cls.merge([part], sources=sources, built_at=built_at)

    @classmethod
    def merge(
        cls,
        parts: Sequence[IndexPart],
        *,
        sources: dict[str, SourceList] | None = None,
        built_at: datetime | None = None,
    ) -> RecallIndex:
        """The index over every part's recalls and category rules: the same index as `build` over
        all of them (a recall in two parts must have been merged into a part of its own first:
        `DropProcessor` does). Merging renumbers what the parts numbered alone and joins their
        postings; it profiles nothing. A rule that two parts carry is the first part's."""
        built = (built_at or datetime.now(UTC)).astimezone(UTC)
        one_per_rule: dict[tuple[str, str], dict[str, Any]] = {}
        for part in parts:
            for rule in part.category_rules:
                one_per_rule.setdefault((str(rule["source"]), str(rule["rule_id"])), rule)
        rule_list = [one_per_rule[key] for key in sorted(one_per_rule)]
        # The content's digest: the sum of the recalls' (`recall_digest`), so it adds up from the
        # parts and does not depend on their order; the rules' is added (none: the recalls' alone).
        digest = (sum(part.digest for part in parts) + rules_digest(rule_list)) % 2**256
        # Every line, posting and name total is kept: a collection during the merge would walk the
        # whole heap (the parts and the parsed recalls with them) and free nothing.
        with collector_paused():
            return cls._merged(parts, built, digest, rule_list, sources or {})

    @classmethod
    def _merged(
        cls,
        parts: Sequence[IndexPart],
        built: datetime,
        digest: int,
        rule_list: list[dict[str, Any]],
        sources: dict[str, SourceList],
    ) -> RecallIndex:
        merged = _Merged.of(parts)
        words = WordPostings.from_lists(merged.tokens)
        words.weigh(len(merged.notices))
        weights = dict(zip(words, words.weights, strict=True))
        rows = [artifact.name_totals(line, weights) for line in merged.profiles]
        where = (int(line.split("\t", PROFILE_REGION + 1)[PROFILE_REGION]) for line in merged.profiles)
        totals = list(zip(*rows, strict=True)) if rows else [()] * len(artifact.NAME_SECTIONS)
        strings = list(merged.strings)  # in their numbers' order
        return cls(
            {
                "format": ARTIFACT_FORMAT,
                "version": f"{built:%Y%m%dT%H%M%SZ}-{digest:064x}"[:27],
                "built_at": utc_z(built, "seconds"),
                "sources": {name: asdict(s) for name, s in sources.items()},
                "strings": strings,
                "regions": [sorted(r) for r in merged.regions],
                "notices": merged.notices,
                "profiles": merged.profiles,
                "names": merged.names,
                "fallback_names": FALLBACK_NAMES,
                "words": words,
                "models": KeyPostings.from_lists(merged.models),
                "gtins": dict(merged.gtins),
                "unchecked_gtins": dict(merged.unchecked),
                "rules": rule_list,
                "profile_regions": artifact.four_byte_array(where),
                "model_masks": artifact.four_byte_array(map(artifact.model_mask, merged.profiles)),
                **_recall_key_table(merged.notices, strings),
                **{
                    name: artifact.four_byte_array(values, artifact.ARRAY_SECTIONS[name])
                    for name, values in zip(artifact.NAME_SECTIONS, totals, strict=True)
                },
            }
        )

    def to_artifact(self) -> bytes:
        words, word_arrays = self.by_token.sections()
        model_keys, model_arrays = self.by_model.sections()
        lines = {name: self._document[name] for name in artifact.LAZY_SECTIONS}
        arrays = {
            **{
                name: self._document[name]
                for name in (
                    "profile_regions",
                    "model_masks",
                    "recall_keys",
                    "recall_key_positions",
                    *artifact.NAME_SECTIONS,
                )
            },
            "offsets": word_arrays["offsets"],
            "positions": word_arrays["positions"],
            "weights": self.by_token.weights,
            "model_offsets": model_arrays["offsets"],
            "model_positions": model_arrays["positions"],
            artifact.STARTS["words"]: word_arrays["starts"],
            artifact.SLOTS["words"]: word_arrays["slots"],
            artifact.STARTS["model_keys"]: model_arrays["starts"],
            artifact.SLOTS["model_keys"]: model_arrays["slots"],
        }
        sections = (*artifact.LAZY_SECTIONS, *artifact.ARRAY_SECTIONS, "words", "models")
        head = {k: v for k, v in self._document.items() if k not in sections}
        return artifact.encode(head, lines, arrays, {"words": words, "model_keys": model_keys})

    @classmethod
    def from_artifact(cls, data: bytes) -> RecallIndex:
        """Load an artifact, refusing anything that is not a complete index of our format."""
        # Loading allocates millions of long-lived objects: the cyclic garbage collector would
        # walk the growing heap again and again for nothing.
        enabled = gc.isenabled()
        gc.disable()
        try:
            document = artifact.decode(data)
            starts, slots = artifact.STARTS, artifact.SLOTS
            document["words"] = WordPostings(
                document["words"],
                document.pop(starts["words"]),
                document.pop(slots["words"]),
                document.pop("offsets"),
                document.pop("positions"),
                document.pop("weights"),
            )
            document["models"] = KeyPostings(
                document.pop("model_keys"),
                document.pop(starts["model_keys"]),
                document.pop(slots["model_keys"]),
                document.pop("model_offsets"),
                document.pop("model_positions"),
            )
            return cls(document)
        finally:
            if enabled:
                gc.enable()


def _recall_key_table(notices: Sequence[str], strings: Sequence[str]) -> dict[str, array[int]]:
    """Each recall's `artifact.recall_hash` (of its notice line's `artifact.notice_key`), sorted,
    and the positions in the same order."""
    keys = [artifact.recall_hash(*artifact.notice_key(line, strings)) for line in notices]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return {
        "recall_keys": artifact.four_byte_array(keys[i] for i in order),
        "recall_key_positions": artifact.four_byte_array(order),
    }


def rules_digest(rules: Iterable[dict[str, Any]]) -> int:
    """The category rules' content as a number, added to the recalls' in the version's digest."""
    lines = sorted(json.dumps(rule, sort_keys=True) for rule in rules)
    return int.from_bytes(hashlib.sha256("\n".join(lines).encode()).digest(), "big") if lines else 0


def _runs(parts: Sequence[IndexPart]) -> list[int] | None:
    """Where each part's recalls start in the index when each part is a run of it (no part's
    recalls fall between another's, as when each list is one source's): else None."""
    order = sorted((part.keys[0], n) for n, part in enumerate(parts) if part.keys)
    starts = [0] * len(parts)
    at, last = 0, None
    for first, n in order:
        if last is not None and not last < first:
            return None
        starts[n], at, last = at, at + len(parts[n]), parts[n].keys[-1]
    return starts


def _keyed(n: int, part: IndexPart) -> list[tuple[tuple[str, str], int, int]]:
    """(key, part, position in the part) of each recall of part `n`: what the merge orders by."""
    return [(key, n, j) for j, key in enumerate(part.keys)]


class _Merged:
    """The index's sections as the merge gathers them, recall by recall in index order: the long
    texts and regions numbered in order of first use, as a single build numbers them."""

    def __init__(self) -> None:
        self.strings: dict[str, int] = {}
        self.regions: dict[tuple[str, ...], int] = {}
        self.notices: list[str] = []
        self.profiles: list[str] = []
        self.names: list[str] = []
        # Each word's positions as 4-byte items, not a list of numbers: a part's shifted positions
        # are new numbers (28 bytes each) that the array does not keep.
        self.tokens: dict[str, array[int]] = defaultdict(partial(array, "I"))
        self.models: dict[str, list[int]] = defaultdict(list)
        self.gtins: dict[str, list[int]] = defaultdict(list)
        self.unchecked: dict[str, list[int]] = defaultdict(list)

    @classmethod
    def of(cls, parts: Sequence[IndexPart]) -> _Merged:
        """The parts' recalls in index order: the lines renumbered, the postings joined."""
        merged = cls()
        starts = _runs(parts)
        if starts is None:  # the parts' recalls interleave in index order: placed one by one
            placed = [array("i", [0]) * len(part) for part in parts]
            for _, n, j in heapq.merge(*(_keyed(n, part) for n, part in enumerate(parts))):
                placed[n][j] = len(merged.notices)
                merged.add(parts[n], j)
            merged.join(parts, placed, runs=False)
        else:  # each part's recalls are a run of the index's (one source's list each, usually)
            for n in sorted(range(len(parts)), key=starts.__getitem__):
                for j in range(len(parts[n])):
                    merged.add(parts[n], j)
            merged.join(parts, [range(at, at + len(part)) for at, part in zip(starts, parts, strict=True)])
        return merged

    def add(self, part: IndexPart, j: int) -> None:
        """Recall `j` of `part`, at the next position."""
        i = len(self.notices)
        intern = self.strings.setdefault
        # A line whose numbers stay as they were is kept as it is (a single list's always are):
        # the merged index shares it with the part rather than holding a copy.
        line = part.notices[j]
        notice = line.split("\t")
        renumbered = False
        for at in NOTICE_STRINGS:  # source, hazard, remedy: numbered in that order
            number = str(intern(part.strings[int(notice[at])], len(self.strings)))
            if number != notice[at]:
                notice[at], renumbered = number, True
        self.notices.append("\t".join(notice) if renumbered else line)
        line = part.profiles[j]
        profile = line.split("\t")
        region = tuple(part.regions[int(profile[PROFILE_REGION])])
        number = str(self.regions.setdefault(region, len(self.regions)))
        if number != profile[PROFILE_REGION]:
            profile[PROFILE_REGION] = number
            line = "\t".join(profile)
        self.profiles.append(line)
        self.names.append(part.names[j])
        for key in part.models[j]:
            self.models[key].append(i)
        for code in part.gtins[j]:
            self.gtins[code].append(i)
        for code in part.unchecked_gtins[j]:
            self.unchecked[code].append(i)

    def join(self, parts: Sequence[IndexPart], where: Sequence[Sequence[int]], *, runs: bool = True) -> None:
        """The parts' word postings, each part's positions moved to where its recalls are in the
        index (`where[n][j]`: recall `j` of part `n`). `runs`: each part's recalls are a run of
        the index's, so joining the parts in index order keeps every posting ascending; else each
        posting is sorted once joined."""
        tokens = self.tokens
        for n in sorted(range(len(parts)), key=lambda n: where[n][0] if len(where[n]) else 0):
            at = where[n]
            if isinstance(at, range) and at.start == 0:  # positions as the part has them
                for token, positions in parts[n].postings.items():
                    tokens[token].extend(positions)
            elif isinstance(at, range):
                shift = at.start.__add__
                for token, positions in parts[n].postings.items():
                    tokens[token].extend(map(shift, positions))
            else:
                for token, positions in parts[n].postings.items():
                    tokens[token].extend(map(at.__getitem__, positions))
        if not runs:
            for token, joined in tokens.items():
                tokens[token] = array("I", sorted(joined))
