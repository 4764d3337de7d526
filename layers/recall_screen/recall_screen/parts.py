"""A list's part of the index: its recalls profiled and encoded once.

Profiling is most of a build's cost, and a drop changes one source's list while the index is the
union of every list. The builder keeps each list's part beside the list (`catalog.keys.part_key`)
and merges the parts (`RecallIndex.merge`): a weekly drop of one regulator re-profiles that
regulator's list only. A full build is the merge of one part, so both give the same artifact.

A part holds, for its recalls in index order ((source, recall id), the list's order among
equals): the notice, profile and name lines of the artifact (`artifact.py`), with the long texts
and the regions numbered within the part (the merge renumbers them for the whole index), the part's
own word postings (word -> its positions in the part: the merge shifts and joins them rather than
gathering every recall's words again), and each recall's model numbers and GTINs. Stored as gzip
of one JSON document; a part that cannot be read is made again from the list, never trusted.

Whatever decides a part's bytes is the profile rules, which live in code: a part records the
digest of that code (`RULES`) and is remade when it differs, so a deployed change of the rules
never merges with parts made by the old ones.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from itertools import islice
from pathlib import Path
from typing import Any

from recall_screen import (
    artifact,
    caches,
    category_rules,
    jurisdiction,
    lexicon,
    listing_specs,
    models,
    profile,
    scope,
    storefront,
    text,
)
from recall_screen.artifact import ARTIFACT_FORMAT
from recall_screen.category_rules import CategoryRule
from recall_screen.collector import collector_paused
from recall_screen.models import Recall
from recall_screen.profile import fallback_name, profile_of

PART_FORMAT = "recall-screen-part/2"  # /2: word postings, not each recall's words
_DIGEST_MODULUS = 2**256


# The modules whose code decides a part's bytes: the profile rules and the encoding, and what they
# call (`scope`: the names a description says the recall involves, and does not cover).
RULE_MODULES = (
    artifact,
    caches,
    category_rules,
    jurisdiction,
    lexicon,
    listing_specs,
    models,
    profile,
    scope,
    storefront,
    text,
)


def _rules_digest() -> str:
    """The digest of the code that decides a part's bytes (the artifact's format with it)."""
    digest = hashlib.sha256(ARTIFACT_FORMAT.encode())
    for module in RULE_MODULES:
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


RULES = _rules_digest()


class PartError(ValueError):
    """A stored part that cannot be used: unreadable, of other rules, or inconsistent."""


def recall_digest(recall: Recall) -> int:
    """A recall's content as a number: the index's content digest is the sum of its recalls'
    (modulo 2**256), so it is independent of order and adds up from the parts."""
    return int.from_bytes(hashlib.sha256(recall.model_dump_json().encode()).digest(), "big")


@dataclass
class IndexPart:
    """One list's recalls, profiled and encoded; positions are the part's own."""

    keys: list[tuple[str, str]] = field(default_factory=list)  # (source, recall id), sorted
    strings: list[str] = field(default_factory=list)  # the long texts the notice lines number
    regions: list[list[str]] = field(default_factory=list)  # the country sets the profile lines number
    notices: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    # word -> the ascending positions (in this part) of the recalls whose vocabulary has it, by word
    postings: dict[str, list[int]] = field(default_factory=dict)
    models: list[list[str]] = field(default_factory=list)  # each recall's model keys, in order
    gtins: list[list[str]] = field(default_factory=list)
    unchecked_gtins: list[list[str]] = field(default_factory=list)
    digest: int = 0  # the sum of the recalls' `recall_digest`, modulo 2**256
    digests: list[str] = field(default_factory=list)  # each recall's `recall_digest`, in hex
    # The list's category rules (`CategoryRule.to_json()`): few, kept whole, merged by the index.
    category_rules: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        recalls: Iterable[Recall],
        rules: Iterable[CategoryRule] = (),
        *,
        previous: IndexPart | None = None,
    ) -> IndexPart:
        """The part of `recalls` (each profiled once) and of the list's category `rules`. A recall
        that `previous` (the list's part before this drop) holds unchanged, the same record by its
        digest, keeps its rows from there instead of being profiled again: the same rows."""
        with collector_paused():
            return _Making(cls(category_rules=[rule.to_json() for rule in rules]), previous).of(recalls)

    def __len__(self) -> int:
        return len(self.keys)

    def without(self, keys: set[tuple[str, str]], removed: Iterable[Recall]) -> IndexPart:
        """This part without the recalls of `keys` (`removed`: those recalls, whose digests leave
        the part's sum): a recall another list also carries is merged and indexed apart."""
        kept = [j for j, key in enumerate(self.keys) if key not in keys]
        if len(kept) == len(self.keys):
            return self
        digest = (self.digest - sum(recall_digest(r) for r in removed)) % _DIGEST_MODULUS

        def pick(column: list[Any]) -> list[Any]:
            return [column[j] for j in kept]

        moved = [-1] * len(self.keys)  # a kept recall's position in the new part
        for n, j in enumerate(kept):
            moved[j] = n
        postings = {}
        for word, positions in self.postings.items():
            now = [moved[j] for j in positions if moved[j] >= 0]
            if now:
                postings[word] = now

        return IndexPart(
            keys=pick(self.keys),
            strings=self.strings,
            regions=self.regions,
            notices=pick(self.notices),
            profiles=pick(self.profiles),
            names=pick(self.names),
            postings=postings,
            digests=pick(self.digests),
            models=pick(self.models),
            gtins=pick(self.gtins),
            unchecked_gtins=pick(self.unchecked_gtins),
            digest=digest,
            category_rules=self.category_rules,
        )

    def to_bytes(self) -> bytes:
        # The fields as they are (asdict would copy every list and number of the postings first).
        columns = {column.name: getattr(self, column.name) for column in fields(self)}
        document = {"format": PART_FORMAT, "rules": RULES, **columns, "digest": f"{self.digest:064x}"}
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        return gzip.compress(
            body, compresslevel=1, mtime=0
        )  # kept by the builder, read by it alone: speed over size

    @classmethod
    def from_bytes(cls, data: bytes) -> IndexPart:
        """A stored part, refused (PartError) unless it is whole, of this format and these rules."""
        with collector_paused():  # its hundreds of thousands of lists and keys
            return cls._from_bytes(data)

    @classmethod
    def _from_bytes(cls, data: bytes) -> IndexPart:
        try:
            document: Any = json.loads(gzip.decompress(data))
        except (OSError, EOFError, ValueError) as exc:
            raise PartError(f"index part is unreadable: {exc}") from None
        if not isinstance(document, dict) or document.get("format") != PART_FORMAT:
            raise PartError(f"index part is not of format {PART_FORMAT}")
        if document.get("rules") != RULES:
            raise PartError("index part was made by other profile rules")
        try:
            part = cls(
                keys=[(str(source), str(recall_id)) for source, recall_id in document["keys"]],
                strings=document["strings"],
                regions=document["regions"],
                notices=document["notices"],
                profiles=document["profiles"],
                names=document["names"],
                postings=document["postings"],
                digests=document["digests"],
                models=document["models"],
                gtins=document["gtins"],
                unchecked_gtins=document["unchecked_gtins"],
                digest=int(document["digest"], 16),
                category_rules=[CategoryRule.model_validate(r).to_json() for r in document["category_rules"]],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PartError(f"index part is malformed: {exc!r}") from None
        part._check()
        return part

    def _check(self) -> None:
        n = len(self.keys)
        columns = (self.notices, self.profiles, self.names, self.models, self.gtins, self.digests)
        if any(not isinstance(column, list) or len(column) != n for column in columns) or (
            len(self.unchecked_gtins) != n
        ):
            raise PartError("index part is inconsistent: its columns differ in length")
        if self.keys != sorted(self.keys):
            raise PartError("index part is inconsistent: its recalls are not in index order")
        if not _positions_of(self.postings, n):
            raise PartError("index part is inconsistent: a posting is not ascending positions of its recalls")


def _positions_of(postings: object, n: int) -> bool:
    """Whether `postings` maps words to non-empty, strictly ascending positions below `n`. Most
    words are one recall's: the bounds are checked over every posting at once, the order only
    in the postings of two positions or more."""
    if not isinstance(postings, dict):
        return False
    values = list(postings.values())
    try:
        return not values or (
            all(isinstance(positions, list) for positions in values)
            and min(map(len, values)) > 0
            and min(map(min, values)) >= 0
            and max(map(max, values)) < n
            and all(
                all(map(operator.lt, positions, islice(positions, 1, None)))
                for positions in values
                if len(positions) > 1
            )
        )
    except TypeError:  # a position that is not a number
        return False


class _Making:
    """A part being made, recall by recall in index order; rows of a `previous` part reused."""

    def __init__(self, part: IndexPart, previous: IndexPart | None) -> None:
        self.part = part
        self.strings: dict[str, int] = {}
        self.regions: dict[frozenset[str], int] = {}
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.previous = previous
        self.words = text.WordTokens()  # each distinct word of the part's notices read once
        self.reusable: dict[str, int] = {}  # a recall's digest -> its row in `previous`
        self.previous_words: list[list[str]] = []  # each of its rows' words
        if previous is not None:
            self.reusable = {d: k for k, d in enumerate(previous.digests)}
            self.previous_words = [[] for _ in previous.keys]
            for word, positions in previous.postings.items():
                for k in positions:
                    self.previous_words[k].append(word)

    def intern(self, value: str) -> int:
        return self.strings.setdefault(artifact.one_line(value), len(self.strings))

    def of(self, recalls: Iterable[Recall]) -> IndexPart:
        part, digest = self.part, 0
        for j, recall in enumerate(sorted(recalls, key=lambda r: (r.source, r.recall_id))):
            number = recall_digest(recall)
            hexed = f"{number:064x}"
            k = self.reusable.get(hexed)
            if k is None:
                self.profiled(recall, j)
            else:
                self.reused(k, j)
            part.keys.append((recall.source, recall.recall_id))
            part.digests.append(hexed)
            digest += number
        part.strings = list(self.strings)
        part.regions = [sorted(r) for r in self.regions]
        part.postings = {word: self.postings[word] for word in sorted(self.postings)}
        part.digest = digest % _DIGEST_MODULUS
        return part

    def profiled(self, recall: Recall, j: int) -> None:
        part, p = self.part, profile_of(recall, self.words)
        region = self.regions.setdefault(p.countries, len(self.regions))
        part.notices.append(artifact.encode_notice(recall, self.intern))
        part.profiles.append(artifact.encode_profile(p, region))
        part.names.append(fallback_name(p))
        for word in p.vocabulary:
            self.postings[word].append(j)
        part.models.append(list(dict.fromkeys(m.key for m in p.models)))
        part.gtins.append(list(p.gtins))
        part.unchecked_gtins.append(list(p.unchecked_gtins))

    def reused(self, k: int, j: int) -> None:
        """Row `k` of the previous part as row `j`: its texts and region numbered in this part
        (in the order `profiled` numbers them), its words, model numbers and GTINs as they were."""
        part, previous = self.part, self.previous
        assert previous is not None  # a row is reused only from a previous part
        notice = previous.notices[k].split("\t")
        for at in artifact.NOTICE_STRINGS:  # source, hazard, remedy: interned in that order
            notice[at] = str(self.strings.setdefault(previous.strings[int(notice[at])], len(self.strings)))
        part.notices.append("\t".join(notice))
        profile = previous.profiles[k].split("\t")
        countries = frozenset(previous.regions[int(profile[artifact.PROFILE_REGION])])
        profile[artifact.PROFILE_REGION] = str(self.regions.setdefault(countries, len(self.regions)))
        part.profiles.append("\t".join(profile))
        part.names.append(previous.names[k])
        for word in self.previous_words[k]:
            self.postings[word].append(j)
        part.models.append(previous.models[k])
        part.gtins.append(previous.gtins[k])
        part.unchecked_gtins.append(previous.unchecked_gtins[k])
