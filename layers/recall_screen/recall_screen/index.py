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
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from recall_screen import jurisdiction
from recall_screen.models import Recall
from recall_screen.text import LEGAL_FORMS, SYNONYMS, compact, model_key, name_tokens

ARTIFACT_FORMAT = "recall-screen-index/3"
# The artifact is gzip of a JSON document (metadata and postings) followed by three sections of
# one line per recall (notices, profiles, names), each section after this separator. Lines are
# cleaned of newlines when built, so splitting is exact; the JSON carries the counts to check.
_SECTION = b"\n\x1e\n"
_SECTIONS = ("notices", "profiles", "names")


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


def _distinctive(key: str) -> bool:
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
            models[key] = ModelNumber(printed, key, _distinctive(compact(printed)))

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
            self.by_token: dict[str, list[int]] = document["tokens"]
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
        try:  # every posting is a non-empty list of positions inside the recalls (min and max run in C)
            valid = all(
                isinstance(table, dict)
                and all(
                    ids.__class__ is list and ids and min(ids) >= 0 and max(ids) < n for ids in table.values()
                )
                for table in (self.by_token, self.by_model, self.by_gtin, self.by_unchecked_gtin)
            )
        except TypeError:  # a position that is not a number
            valid = False
        if not valid:
            raise ArtifactError("index artifact is inconsistent: a posting is not positions of its recalls")
        self._document = document

        # Rare words count for much, common ones ("bicycle", "baby", "set") for little: a squared,
        # normalised inverse document frequency in [0, 1].
        top = math.log(1 + max(n, 1))
        self.weights: dict[str, float] = {
            t: (math.log(1 + n / len(ids)) / top) ** 2 for t, ids in self.by_token.items()
        }
        self.unknown_weight = 1.0  # a word no recall uses: as rare as can be
        # Words this common do not propose candidates; they add weight to candidates proposed by
        # rarer words. A fixed bound keeps the cost per listing flat as the list grows.
        self.common_cutoff = max(64, min(300, n // 50))

        # Typo repair by the pigeonhole principle: a word one edit away from another keeps either
        # its first half or its second half intact. Every word (and every everyday synonym of one,
        # in the form sellers type it) is filed under both halves, for its length.
        self._halves: dict[str, list[str]] = defaultdict(list)
        self._surface: dict[str, str] = {}
        for word, canon in SYNONYMS.items():
            if canon in self.by_token and word != canon:
                self._surface[word] = canon
                self._file_halves(word)
        for token in self.by_token:
            if len(token) >= FUZZY_MIN_LENGTH and not token.isdigit():
                self._file_halves(token)

        self._profile_cache: dict[int, Profile] = {}
        self._set_cache: dict[str, frozenset[int]] = {}
        self.word_cache: dict[str, Any] = {}  # the matcher's per-word analysis, reused across listings

    def _file_halves(self, word: str) -> None:
        half = len(word) // 2
        self._halves[f"{len(word)}<{word[:half]}"].append(word)
        self._halves[f"{len(word)}>{word[half:]}"].append(word)
        if len(word) >= LONG_WORD:  # long words may carry two typos: file them by their ends too
            self._halves[f"<{word[:4]}"].append(word)
            self._halves[f">{word[-4:]}"].append(word)

    def near(self, word: str) -> list[tuple[str, str]]:
        """(surface, index word) pairs that may be one edit from `word` (same first or second
        half, length within one), or two edits for long words (same first or last four letters).
        Callers verify the distance."""
        out: list[tuple[str, str]] = []
        # Two letters swapped across the middle break both halves: try the swap back directly.
        half = len(word) // 2
        if half >= 1:
            swapped = word[: half - 1] + word[half] + word[half - 1] + word[half + 1 :]
            if swapped in self.by_token or swapped in self._surface:
                out.append((swapped, self._surface.get(swapped, swapped)))
        if len(word) >= LONG_WORD - 1:
            for key in (f"<{word[:4]}", f">{word[-4:]}"):
                for surface in self._halves.get(key, ()):
                    if abs(len(surface) - len(word)) <= 2:
                        out.append((surface, self._surface.get(surface, surface)))
        for length in (len(word) - 1, len(word), len(word) + 1):
            if length < FUZZY_MIN_LENGTH:
                continue
            half = length // 2
            keys = (f"{length}<{word[:half]}", f"{length}>{word[len(word) - (length - half) :]}")
            for key in keys:
                for surface in self._halves.get(key, ()):
                    out.append((surface, self._surface.get(surface, surface)))
        return out

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
        return cls(
            {
                "format": ARTIFACT_FORMAT,
                "version": version,
                "built_at": built.isoformat(timespec="seconds").replace("+00:00", "Z"),
                "sources": {name: asdict(s) for name, s in (sources or {}).items()},
                "strings": list(strings),
                "regions": [sorted(r) for r in regions],
                "notices": notices,
                "profiles": profiles,
                "names": names,
                "tokens": dict(tokens),
                "models": dict(models),
                "gtins": dict(gtins),
                "unchecked_gtins": dict(unchecked),
            }
        )

    def to_artifact(self) -> bytes:
        head = {k: v for k, v in self._document.items() if k not in _SECTIONS}
        head["counts"] = {k: len(self._document[k]) for k in _SECTIONS}
        parts = [json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()]
        parts += ["\n".join(self._document[k]).encode() for k in _SECTIONS]
        return gzip.compress(_SECTION.join(parts), compresslevel=6, mtime=0)

    @classmethod
    def from_artifact(cls, data: bytes) -> RecallIndex:
        """Load an artifact, refusing anything that is not a complete index of our format."""
        # Loading allocates millions of objects that all live as long as the index: the cyclic
        # garbage collector would walk the growing heap again and again for nothing.
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
            head, *sections = gzip.decompress(data).split(_SECTION)
            document = json.loads(head)
        except (OSError, EOFError, ValueError) as exc:
            raise ArtifactError(f"index artifact is unreadable: {exc}") from exc
        if not isinstance(document, dict) or document.get("format") != ARTIFACT_FORMAT:
            raise ArtifactError(f"index artifact is not of format {ARTIFACT_FORMAT}")
        counts = document.pop("counts", None)
        if len(sections) != len(_SECTIONS) or not isinstance(counts, dict):
            raise ArtifactError("index artifact is truncated: sections are missing")
        for name, section in zip(_SECTIONS, sections, strict=True):
            lines = section.decode("utf-8", errors="strict").split("\n") if counts.get(name) else []
            if len(lines) != counts.get(name):
                raise ArtifactError(
                    f"index artifact is truncated: {name} has {len(lines)} of {counts.get(name)}"
                )
            document[name] = lines
        return cls(document)


def content_digest(recalls: Iterable[Recall]) -> str:
    """A digest of the recalls' content, independent of order: equal lists give equal digests."""
    lines = sorted(r.model_dump_json() for r in recalls)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
