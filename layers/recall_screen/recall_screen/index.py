"""The match index: every current recall, with the postings that find candidates fast.

Built once per drop (by the index builder or offline), stored as an immutable artifact (see
`artifact.py`: data, never code), loaded by every screener. Postings (word, model number, GTIN ->
recall positions) are decoded at load; each recall's profile (`profile.py`, what the matcher
compares) and notice (what a decision shows) are decoded only when that recall becomes a
candidate or is reported. Loading is then a JSON parse and a few dictionary passes, well under a
second at 100,000 recalls.
"""

from __future__ import annotations

import gc
import hashlib
import heapq
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from recall_screen import artifact
from recall_screen.artifact import ARTIFACT_FORMAT, ArtifactError
from recall_screen.category_rules import CategoryRule, CategoryRules
from recall_screen.clock import utc_z
from recall_screen.lexicon import SYNONYMS
from recall_screen.models import Recall
from recall_screen.postings import WordPostings
from recall_screen.profile import Notice, Profile, fallback_name, profile_of
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
_CACHE_LIMIT = 50_000


class RecallIndex:
    """An immutable, loaded index. Safe to share between threads (its caches only ever gain
    entries that any thread would compute the same way)."""

    def __init__(self, document: dict[str, Any]) -> None:
        try:
            if document.get("format") != ARTIFACT_FORMAT:
                raise ArtifactError(f"index artifact is not of format {ARTIFACT_FORMAT}")
            self.version: str = document["version"]
            self.built_at: str = document["built_at"]
            self.sources = {name: SourceList(**s) for name, s in document["sources"].items()}
            self._strings: list[str] = document["strings"]
            self._regions = [frozenset(codes) for codes in document["regions"]]
            self._notices: list[str] = document["notices"]
            self._profiles: list[str] = document["profiles"]
            self.names: list[str] = document["names"]
            self.by_token: WordPostings = document["words"]
            self.by_model: dict[str, list[int]] = document["models"]
            self.by_gtin: dict[str, list[int]] = document["gtins"]
            self.by_unchecked_gtin: dict[str, list[int]] = document["unchecked_gtins"]
            # The category rules this version screens with, validated again: an artifact is data.
            self.rules = CategoryRules(CategoryRule.model_validate(r) for r in document["rules"])
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise ArtifactError(f"index artifact is malformed: {exc!r}") from exc
        self._check(len(self._notices))
        self._document = document

        # word -> weight; a word no recall uses (absent here) is as rare as can be: 1.0.
        self.weights: dict[str, float] = dict(zip(self.by_token, self.by_token.weights, strict=True))
        # Words this common do not propose candidates; they add weight to candidates proposed by
        # rarer words. A fixed bound keeps the cost per listing flat as the list grows.
        self.common_cutoff = max(64, min(300, len(self._notices) // 50))
        self._index_spellings()
        self._profile_cache: dict[int, Profile] = {}
        self._set_cache: dict[str, frozenset[int]] = {}

    def _check(self, n: int) -> None:
        """Refuse a document whose sections and postings do not describe `n` recalls."""
        if not (len(self._profiles) == len(self.names) == n):
            raise ArtifactError(
                "index artifact is inconsistent: notices, profiles and names differ in number"
            )
        if not isinstance(self.by_token, WordPostings):
            raise ArtifactError("index artifact is malformed: word postings are missing")
        self.by_token.validate(n)
        try:  # every other posting is a non-empty list of positions inside the recalls (checked in C)
            tables = (self.by_model, self.by_gtin, self.by_unchecked_gtin)
            valid = all(
                isinstance(table, dict)
                and (not table or (min(map(min, table.values())) >= 0 and max(map(max, table.values())) < n))
                for table in tables
            )
        except (TypeError, ValueError):  # a position that is not a number, an empty posting
            valid = False
        if not valid:
            raise ArtifactError("index artifact is inconsistent: a posting is not positions of its recalls")

    def _index_spellings(self) -> None:
        """Typo repair by the pigeonhole principle: a word one edit away from another keeps either
        its first half or its second half intact. Every word (and every everyday synonym of one,
        in the form sellers type it) is kept in a sorted list per length, forwards and reversed,
        so the words sharing a first (or last) part are one binary search away. The words come
        sorted from the artifact, so this is appends and one sort of the reversed words."""
        self._surface = {w: c for w, c in SYNONYMS.items() if c in self.by_token and w != c}
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._by_length_reversed: dict[int, list[str]] = defaultdict(list)
        for word in heapq.merge(self.by_token, sorted(self._surface)):
            if len(word) >= FUZZY_MIN_LENGTH and not word.isdigit():
                self._by_length[len(word)].append(word)
                self._by_length_reversed[len(word)].append(word[::-1])
        for reversed_words in self._by_length_reversed.values():
            reversed_words.sort()

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
            words = self._by_length.get(length)
            if not words:
                continue
            if abs(length - len(word)) <= 1:
                half = length // 2
                found += self._starting(words, word[:half])
                found += (
                    w[::-1]
                    for w in self._starting(self._by_length_reversed[length], backwards[: length - half])
                )
            if len(word) >= LONG_WORD - 1 and length >= LONG_WORD:
                found += self._starting(words, word[:4])
                found += (w[::-1] for w in self._starting(self._by_length_reversed[length], backwards[:4]))
        return [(surface, self._surface.get(surface, surface)) for surface in dict.fromkeys(found)]

    def __len__(self) -> int:
        return len(self._notices)

    def notice(self, position: int) -> Notice:
        """What a decision shows of the recall at `position`."""
        return artifact.decode_notice(self._notices[position], self._strings)

    def profile(self, position: int) -> Profile:
        """What the matcher compares against, for the recall at `position` (decoded once)."""
        found = self._profile_cache.get(position)
        if found is None:
            if len(self._profile_cache) >= _CACHE_LIMIT:
                self._profile_cache.clear()
            found = self._profile_cache[position] = artifact.decode_profile(
                self._profiles[position], self._regions, self.weights
            )
        return found

    def countries(self, position: int) -> frozenset[str]:
        """Where the recall at `position` applies, read without decoding its profile."""
        cached = self._profile_cache.get(position)
        if cached is not None:
            return cached.countries
        return self._regions[int(self._profiles[position].split("\t", 6)[5])]

    def postings_set(self, token: str) -> frozenset[int]:
        found = self._set_cache.get(token)
        if found is None:
            found = self._set_cache[token] = frozenset(self.by_token.get(token, ()))
        return found

    def recall_ids(self) -> list[tuple[str, str]]:
        """(source, recall id) of every recall in the index, in index order."""
        return [(n.source, n.recall_id) for n in map(self.notice, range(len(self)))]

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
        recalls = sorted(one_per_recall(recalls), key=lambda r: (r.source, r.recall_id))
        # A rule that two lists carry is one rule: the first list's (lists come in name order).
        one_per_rule: dict[tuple[str, str], CategoryRule] = {}
        for rule in rules:
            one_per_rule.setdefault((rule.source, rule.rule_id), rule)
        rule_list = [one_per_rule[key] for key in sorted(one_per_rule)]
        built = (built_at or datetime.now(UTC)).astimezone(UTC)
        version = f"{built:%Y%m%dT%H%M%SZ}-{content_digest(recalls, rule_list)[:10]}"
        strings: dict[str, int] = {}
        regions: dict[frozenset[str], int] = {}

        def intern(text: str) -> int:
            return strings.setdefault(artifact.one_line(text), len(strings))

        tokens: dict[str, list[int]] = defaultdict(list)
        models: dict[str, list[int]] = defaultdict(list)
        gtins: dict[str, list[int]] = defaultdict(list)
        unchecked: dict[str, list[int]] = defaultdict(list)
        notices, profiles, names = [], [], []
        for i, recall in enumerate(recalls):
            p = profile_of(recall)
            region = regions.setdefault(p.countries, len(regions))
            notices.append(artifact.encode_notice(recall, intern))
            profiles.append(artifact.encode_profile(p, region))
            names.append(fallback_name(p))
            for token in p.vocabulary:
                tokens[token].append(i)
            for key in dict.fromkeys(m.key for m in p.models):
                models[key].append(i)
            for g in p.gtins:
                gtins[g].append(i)
            for g in p.unchecked_gtins:
                unchecked[g].append(i)
        words = WordPostings.from_lists(tokens)
        words.weigh(len(recalls))
        return cls(
            {
                "format": ARTIFACT_FORMAT,
                "version": version,
                "built_at": utc_z(built, "seconds"),
                "sources": {name: asdict(s) for name, s in (sources or {}).items()},
                "strings": list(strings),
                "regions": [sorted(r) for r in regions],
                "notices": notices,
                "profiles": profiles,
                "names": names,
                "words": words,
                "models": dict(models),
                "gtins": dict(gtins),
                "unchecked_gtins": dict(unchecked),
                "rules": [r.to_json() for r in rule_list],
            }
        )

    def to_artifact(self) -> bytes:
        words, arrays = self.by_token.sections()
        lines = {name: self._document[name] for name in artifact.LINE_SECTIONS if name != "words"}
        lines["words"] = words
        sections = (*artifact.LINE_SECTIONS, *artifact.ARRAY_SECTIONS)
        head = {k: v for k, v in self._document.items() if k not in sections}
        return artifact.encode(head, lines, arrays)

    @classmethod
    def from_artifact(cls, data: bytes) -> RecallIndex:
        """Load an artifact, refusing anything that is not a complete index of our format."""
        # Loading allocates millions of long-lived objects: the cyclic garbage collector would
        # walk the growing heap again and again for nothing.
        enabled = gc.isenabled()
        gc.disable()
        try:
            document = artifact.decode(data)
            document["words"] = WordPostings(
                document["words"], document.pop("offsets"), document.pop("positions"), document.pop("weights")
            )
            return cls(document)
        finally:
            if enabled:
                gc.enable()


def content_digest(recalls: Iterable[Recall], rules: Iterable[CategoryRule] = ()) -> str:
    """A digest of the recalls' and rules' content, independent of order: equal lists give equal
    digests (without rules, the digest the recalls alone always had)."""
    lines = sorted(r.model_dump_json() for r in recalls)
    lines += sorted(f"rule {r.model_dump_json()}" for r in rules)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
