"""The match index: every current recall, with the postings that find candidates fast.

Built once per drop (by the index builder or offline), stored as an immutable artifact (gzip
JSON: data, never code), loaded by every screener.

The artifact is columnar. Postings (word, model number, GTIN -> recall positions) are decoded at
load. Each recall's profile (what the matcher compares) and notice (what a decision shows) stay
one compact string each, split only when that recall becomes a candidate or is reported, and
long repeated texts (hazards, remedies, jurisdictions) are stored once. Loading is then a JSON
parse and a few dictionary passes, well under a second at 100,000 recalls.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import heapq
import json
import math
import operator
import re
import sys
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from recall_screen import jurisdiction
from recall_screen.clock import utc_z
from recall_screen.lexicon import LEGAL_FORMS, SYNONYMS
from recall_screen.models import Recall
from recall_screen.text import fold, model_key, name_tokens

ARTIFACT_FORMAT = "recall-screen-index/4"
# The artifact is gzip of a one-line JSON head (metadata, the small postings, and the name and
# size of each section that follows), a newline, then the sections back to back: one line per
# recall (notices, profiles, names), one line per word (words), and the word postings as two
# flat little-endian uint32 arrays (offsets, positions). Text lines are cleaned of newlines when
# built, so splitting is exact, and the head carries the counts to check. Word weights travel as a
# float32 array beside the postings, so loading computes no logarithms.
_LINE_SECTIONS = ("notices", "profiles", "names", "words")
_ARRAY_SECTIONS = {"offsets": "I", "positions": "I", "weights": "f"}  # name -> array typecode


class ArtifactError(ValueError):
    """An index artifact that cannot be trusted: unreadable, of another format, or inconsistent."""


@dataclass(frozen=True, slots=True)
class ModelNumber:
    printed: str
    key: str
    # A distinctive model number identifies a product on its own: letters and digits together,
    # long enough not to be a size or a count. "4340" or "B12" is shared across brands: it
    # needs the name to agree before it counts.
    distinctive: bool


@dataclass(frozen=True, slots=True)
class Notice:
    """What a decision shows of a recall."""

    source: str
    recall_id: str
    title: str
    url: str
    hazard: str
    remedy: str
    published: str


@dataclass(frozen=True, slots=True)
class Profile:
    """What the matcher compares a listing against, for one recall."""

    texts: tuple[tuple[str, str, tuple[str, ...]], ...]  # (recall field, as published, tokens)
    brands: tuple[tuple[str, tuple[str, ...]], ...]  # (as published, tokens)
    models: tuple[ModelNumber, ...]
    gtins: tuple[str, ...]
    unchecked_gtins: tuple[str, ...]
    countries: frozenset[str]
    published: str = ""
    vocabulary: frozenset[str] = field(default=frozenset(), compare=False)
    # Filled by the index that decodes the profile: each product text's non-brand words and each
    # brand's words with their weights and total weight, so scoring is one pass of lookups.
    weighted_texts: tuple[tuple[str, str, dict[str, float], float], ...] = field(default=(), compare=False)
    weighted_brands: tuple[tuple[str, dict[str, float], float], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.vocabulary:
            words = {t for _, _, tokens in self.texts for t in tokens}
            words.update(t for _, tokens in self.brands for t in tokens)
            object.__setattr__(self, "vocabulary", frozenset(words))


# How CPSC titles wrap the product: "<product> Recalled by <firm>", "Firm Recalls <product> Due to
# <hazard>", "CPSC, Firm Announce Recall of <product>".
_TITLE_PRODUCT = [
    re.compile(r"^(?P<p>.+?)\s+(?:are\s+|is\s+)?recall(?:ed)?\s+by\b", re.I),
    re.compile(r"^(?P<p>.+?)\s+(?:are\s+|is\s+)?recalled\b", re.I),
    re.compile(r"\brecalls?\s+(?:of\s+)?(?P<p>.+?)(?:\s+(?:due to|because|after|for risk)\b|;|$)", re.I),
]
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_SOLD_AT = re.compile(r"\s*\bsold (?:exclusively )?(?:at|by|on|through)\b.*$", re.I)


def title_product(title: str) -> str:
    """The product part of a notice title, without the firm and the hazard."""
    head = title.split(" · ")[0]
    for pattern in _TITLE_PRODUCT:
        found = pattern.search(head)
        if found and found.group("p").strip():
            head = found.group("p")
            break
    return _SOLD_AT.sub("", head).strip() or head


def _distinctive(printed: str) -> bool:
    key = _NOT_ALNUM.sub("", fold(printed))  # the model as printed, without its spacing
    letters = sum(ch.isalpha() for ch in key)
    digits = len(key) - letters
    if letters and digits:
        return len(key) >= 4 and not (letters == 1 and len(key) <= 4)
    return digits >= 6  # long all-digit item numbers ("1832449") are distinctive; "4340" is not


def profile_of(recall: Recall) -> Profile:
    texts: list[tuple[str, str, tuple[str, ...]]] = []
    seen: set[tuple[str, ...]] = set()

    def add(field_name: str, value: str) -> None:
        tokens = tuple(dict.fromkeys(name_tokens(value)))
        if tokens and tokens not in seen:
            seen.add(tokens)
            texts.append((field_name, value, tokens))

    for name in recall.product_names:
        add("product_names", name)
    add("title", title_product(recall.title))
    for text in recall.other_texts:
        add("other_texts", text)

    brands = []
    for brand in recall.brands:
        tokens = tuple(t for t in dict.fromkeys(name_tokens(brand)) if t not in LEGAL_FORMS)
        if tokens:
            brands.append((brand, tokens))

    models: dict[str, ModelNumber] = {}
    for printed in recall.models:
        key = model_key(printed)
        if len(key) >= 2 and key not in models:
            models[key] = ModelNumber(printed, key, _distinctive(printed))

    return Profile(
        texts=tuple(texts),
        brands=tuple(brands),
        models=tuple(models.values()),
        gtins=tuple(dict.fromkeys(recall.gtins)),
        unchecked_gtins=tuple(dict.fromkeys(recall.unchecked_gtins)),
        countries=jurisdiction.reach(recall.source, recall.jurisdictions),
        published=recall.published,
    )


# -- the compact per-recall strings ------------------------------------------------------------
# Fields are separated by tabs, items by "|"; tokens are [a-z0-9] only, so neither can occur in
# them, and display texts are cleaned of both before they are stored.
_TEXT_FIELDS = {"product_names": "p", "title": "t", "other_texts": "o"}
_FIELD_NAMES = {code: name for name, code in _TEXT_FIELDS.items()}
_DISPLAY_LIMIT = 200  # evidence quotes the notice's text; a long description is cut


def _one_line(text: str) -> str:
    return " ".join(text.split())  # also what keeps the artifact's one-line-per-recall sections exact


def _clean(text: str, limit: int | None = None) -> str:
    text = " ".join(text.replace("|", "/").split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _encode_profile(p: Profile, region: int) -> str:
    texts = "|".join(
        f"{_TEXT_FIELDS[f]}{' '.join(tokens)}={_clean(value, _DISPLAY_LIMIT)}" for f, value, tokens in p.texts
    )
    brands = "|".join(f"{' '.join(tokens)}={_clean(name)}" for name, tokens in p.brands)
    models = "|".join(f"{m.key}:{int(m.distinctive)}:{_clean(m.printed)}" for m in p.models)
    return "\t".join(
        [
            texts,
            brands,
            models,
            " ".join(p.gtins),
            " ".join(p.unchecked_gtins),
            str(region),
            _clean(p.published),
        ]
    )


def _decode_profile(raw: str, regions: list[frozenset[str]], weights: dict[str, float]) -> Profile:
    texts, brands, models, gtins, unchecked, region, published = raw.split("\t")
    text_items = []
    for item in texts.split("|") if texts else ():
        tokens, _, value = item[1:].partition("=")
        text_items.append((_FIELD_NAMES[item[0]], value, tuple(tokens.split())))
    brand_items = []
    for item in brands.split("|") if brands else ():
        tokens, _, value = item.partition("=")
        brand_items.append((value, tuple(tokens.split())))
    model_items = []
    for item in models.split("|") if models else ():
        key, distinctive, printed = item.split(":", 2)
        model_items.append(ModelNumber(printed, key, distinctive == "1"))
    brand_words = {t for _, tokens in brand_items for t in tokens}
    weighted_brands = []
    for name, tokens in brand_items:
        items = {t: weights.get(t, 1.0) for t in tokens}
        weighted_brands.append((name, items, sum(items.values())))
    weighted_texts = []
    for field_name, value, tokens in text_items:
        items = {t: weights.get(t, 1.0) for t in tokens if t not in brand_words}
        weighted_texts.append((field_name, value, items, sum(items.values())))
    return Profile(
        texts=tuple(text_items),
        brands=tuple(brand_items),
        models=tuple(model_items),
        gtins=tuple(gtins.split()),
        unchecked_gtins=tuple(unchecked.split()),
        countries=regions[int(region)],
        published=published,
        weighted_texts=tuple(weighted_texts),
        weighted_brands=tuple(weighted_brands),
    )


def _name_of(p: Profile) -> str:
    """The recall's brand and first name as one string: what the fallback scan compares against."""
    words = [t for _, tokens in p.brands[:1] for t in tokens]
    words += p.texts[0][2] if p.texts else ()
    return " ".join(words)


def _u32(values: Iterable[int] = (), typecode: str = "I") -> array:
    out = array(typecode, values)
    if out.itemsize != 4:  # pragma: no cover - every platform Lambda and CPython ship on
        raise RuntimeError("this platform's unsigned int is not 32 bits")
    return out


class WordPostings(Mapping[str, Sequence[int]]):
    """word -> sorted positions of the recalls whose profile uses it, kept in two flat arrays
    (offsets into positions) rather than a list per word: loading is two buffer copies, and a
    hundred thousand recalls cost megabytes, not hundreds of them."""

    def __init__(
        self, words: list[str], offsets: array, positions: array, weights: array | None = None
    ) -> None:
        self._words = words
        self._rows = {word: row for row, word in enumerate(words)}
        self._offsets = offsets
        self._positions = positions
        self.weights = weights if weights is not None else _u32(typecode="f")

    @classmethod
    def from_lists(cls, postings: dict[str, list[int]]) -> WordPostings:
        words = sorted(postings)
        offsets, positions = _u32([0]), _u32()
        for word in words:
            positions.extend(postings[word])
            offsets.append(len(positions))
        return cls(words, offsets, positions)

    def weigh(self, recalls: int) -> None:
        """Rare words count for much, common ones ("bicycle", "baby", "set") for little: a squared,
        normalised inverse document frequency in [0, 1]."""
        top = math.log(1 + max(recalls, 1))
        self.weights = _u32(((math.log(1 + recalls / count) / top) ** 2 for _, count in self.counts()), "f")

    def validate(self, recalls: int) -> None:
        """Refuse postings that do not describe `recalls` recalls: ArtifactError."""
        offsets, positions = self._offsets, self._positions
        if (
            len(self.weights) != len(self._words)
            or len(self._rows) != len(self._words)
            or len(offsets) != len(self._words) + 1
            or offsets[0] != 0
            or offsets[-1] != len(positions)
            or not all(map(operator.lt, offsets, islice(offsets, 1, None)))  # no word without recalls
            or (positions and max(positions) >= recalls)
        ):
            raise ArtifactError("index artifact is inconsistent: a posting is not positions of its recalls")

    def __getitem__(self, word: str) -> Sequence[int]:
        row = self._rows[word]
        return self._positions[self._offsets[row] : self._offsets[row + 1]]

    def get(self, word: str, default: Any = ()) -> Any:
        row = self._rows.get(word)
        return default if row is None else self._positions[self._offsets[row] : self._offsets[row + 1]]

    def count(self, word: str) -> int:
        """How many recalls use `word` (0 for a word none uses)."""
        row = self._rows.get(word)
        return 0 if row is None else self._offsets[row + 1] - self._offsets[row]

    def counts(self) -> Iterator[tuple[str, int]]:
        offsets = self._offsets
        for row, word in enumerate(self._words):
            yield word, offsets[row + 1] - offsets[row]

    def __contains__(self, word: object) -> bool:
        return word in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def sections(self) -> dict[str, Any]:
        return {
            "words": self._words,
            "offsets": self._offsets,
            "positions": self._positions,
            "weights": self.weights,
        }


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
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise ArtifactError(f"index artifact is malformed: {exc!r}") from exc
        n = len(self._notices)
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
        self._document = document

        self.weights: dict[str, float] = dict(zip(self.by_token, self.by_token.weights, strict=True))
        self.unknown_weight = 1.0  # a word no recall uses is as rare as can be
        # Words this common do not propose candidates; they add weight to candidates proposed by
        # rarer words. A fixed bound keeps the cost per listing flat as the list grows.
        self.common_cutoff = max(64, min(300, n // 50))

        # Typo repair by the pigeonhole principle: a word one edit away from another keeps either
        # its first half or its second half intact. Every word (and every everyday synonym of one,
        # in the form sellers type it) is kept in a sorted list per length, forwards and reversed,
        # so the words sharing a first (or last) part are one binary search away. The words come
        # sorted from the artifact, so this is appends and one sort of the reversed words.
        self._surface = {w: c for w, c in SYNONYMS.items() if c in self.by_token and w != c}
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._by_length_reversed: dict[int, list[str]] = defaultdict(list)
        for word in heapq.merge(self.by_token, sorted(self._surface)):
            if len(word) >= FUZZY_MIN_LENGTH and not word.isdigit():
                self._by_length[len(word)].append(word)
                self._by_length_reversed[len(word)].append(word[::-1])
        for reversed_words in self._by_length_reversed.values():
            reversed_words.sort()

        self._profile_cache: dict[int, Profile] = {}
        self._set_cache: dict[str, frozenset[int]] = {}
        self.word_cache: dict[str, Any] = {}  # the matcher's per-word analysis, reused across listings

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

    def weight(self, token: str) -> float:
        return self.weights.get(token, self.unknown_weight)

    def notice(self, position: int) -> Notice:
        """What a decision shows of the recall at `position`."""
        source, recall_id, title, url, hazard, remedy, published = self._notices[position].split("\t")
        strings = self._strings
        return Notice(
            strings[int(source)], recall_id, title, url, strings[int(hazard)], strings[int(remedy)], published
        )

    def profile(self, position: int) -> Profile:
        """What the matcher compares against, for the recall at `position` (decoded once)."""
        found = self._profile_cache.get(position)
        if found is None:
            if len(self._profile_cache) >= _CACHE_LIMIT:
                self._profile_cache.clear()
            found = self._profile_cache[position] = _decode_profile(
                self._profiles[position], self._regions, self.weights
            )
        return found

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
    ) -> RecallIndex:
        """A new index over `recalls`. Its version orders by build time and names the content."""
        recalls = sorted(recalls, key=lambda r: (r.source, r.recall_id))
        built = (built_at or datetime.now(UTC)).astimezone(UTC)
        version = f"{built:%Y%m%dT%H%M%SZ}-{content_digest(recalls)[:10]}"
        strings: dict[str, int] = {}
        regions: dict[frozenset[str], int] = {}

        def intern(text: str) -> int:
            return strings.setdefault(_one_line(text), len(strings))

        tokens: dict[str, list[int]] = defaultdict(list)
        models: dict[str, list[int]] = defaultdict(list)
        gtins: dict[str, list[int]] = defaultdict(list)
        unchecked: dict[str, list[int]] = defaultdict(list)
        notices, profiles, names = [], [], []
        for i, recall in enumerate(recalls):
            p = profile_of(recall)
            region = regions.setdefault(p.countries, len(regions))
            notices.append(
                "\t".join(
                    [
                        str(intern(recall.source)),
                        _one_line(recall.recall_id),
                        _one_line(recall.title),
                        _one_line(recall.url),
                        str(intern(recall.hazard)),
                        str(intern(recall.remedy)),
                        _one_line(recall.published),
                    ]
                )
            )
            profiles.append(_encode_profile(p, region))
            names.append(_name_of(p))
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
            }
        )

    def to_artifact(self) -> bytes:
        postings = self.by_token.sections()
        lines = {name: self._document[name] for name in _LINE_SECTIONS if name != "words"}
        lines["words"] = postings["words"]
        arrays = {name: postings[name] for name in _ARRAY_SECTIONS}
        body = [("\n".join(lines[name]).encode(), name, len(lines[name])) for name in _LINE_SECTIONS]
        body += [(_little_endian(arrays[name]), name, len(arrays[name])) for name in _ARRAY_SECTIONS]
        head = {k: v for k, v in self._document.items() if k not in (*_LINE_SECTIONS, *_ARRAY_SECTIONS)}
        head["sections"] = [[name, len(data), count] for data, name, count in body]
        parts = [json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode(), b"\n"]
        parts += [data for data, _, _ in body]
        return gzip.compress(b"".join(parts), compresslevel=6, mtime=0)

    @classmethod
    def from_artifact(cls, data: bytes) -> RecallIndex:
        """Load an artifact, refusing anything that is not a complete index of our format."""
        # Loading allocates millions of long-lived objects: the cyclic garbage collector would
        # walk the growing heap again and again for nothing.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._load(data)
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _load(cls, data: bytes) -> RecallIndex:
        try:
            raw = gzip.decompress(data)
            end = raw.index(b"\n")
            document = json.loads(raw[:end])
        except (OSError, EOFError, ValueError) as exc:
            raise ArtifactError(f"index artifact is unreadable: {exc}") from exc
        if not isinstance(document, dict) or document.get("format") != ARTIFACT_FORMAT:
            raise ArtifactError(f"index artifact is not of format {ARTIFACT_FORMAT}")
        try:
            sections = {name: (int(size), int(count)) for name, size, count in document.pop("sections")}
            start = end + 1
            for name in (*_LINE_SECTIONS, *_ARRAY_SECTIONS):
                size, count = sections[name]
                chunk = raw[start : start + size]
                start += size
                if len(chunk) != size:
                    raise ArtifactError(f"index artifact is truncated: {name} is short")
                if name in _LINE_SECTIONS:
                    document[name] = chunk.decode("utf-8").split("\n") if count else []
                else:
                    document[name] = _from_little_endian(chunk, _ARRAY_SECTIONS[name])
                if len(document[name]) != count:
                    raise ArtifactError(
                        f"index artifact is truncated: {name} has {len(document[name])} of {count}"
                    )
            if start != len(raw):
                raise ArtifactError("index artifact has trailing data")
            document["words"] = WordPostings(
                document["words"], document.pop("offsets"), document.pop("positions"), document.pop("weights")
            )
        except ArtifactError:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise ArtifactError(f"index artifact is malformed: {exc!r}") from exc
        return cls(document)


def _little_endian(values: array) -> bytes:
    if sys.byteorder == "big":  # pragma: no cover - the artifact is little-endian everywhere
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_little_endian(data: bytes, typecode: str) -> array:
    if len(data) % 4:
        raise ArtifactError("index artifact is malformed: an array section is not whole numbers")
    values = _u32(typecode=typecode)
    values.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    return values


def content_digest(recalls: Iterable[Recall]) -> str:
    """A digest of the recalls' content, independent of order: equal lists give equal digests."""
    lines = sorted(r.model_dump_json() for r in recalls)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
