"""The match index: every current recall, with the postings that find candidates fast.

Built once per drop (by the index builder or offline), stored as an immutable artifact (gzip
JSON: data, never code), loaded by every screener. The artifact carries each recall's
precomputed profile, so loading is dictionary appends rather than re-tokenising every notice.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from recall_screen import jurisdiction
from recall_screen.models import Recall
from recall_screen.text import LEGAL_FORMS, SYNONYMS, compact, model_key, name_tokens

ARTIFACT_FORMAT = "recall-screen-index/1"


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
class Profile:
    """What the matcher compares a listing against, for one recall."""

    texts: tuple[tuple[str, str, tuple[str, ...]], ...]  # (recall field, as published, tokens)
    brands: tuple[tuple[str, tuple[str, ...]], ...]  # (as published, tokens)
    models: tuple[ModelNumber, ...]
    gtins: tuple[str, ...]
    unchecked_gtins: tuple[str, ...]
    countries: frozenset[str]

    def vocabulary(self) -> set[str]:
        words = {t for _, _, tokens in self.texts for t in tokens}
        words.update(t for _, tokens in self.brands for t in tokens)
        return words


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
    )


def _profile_to_json(p: Profile) -> list[Any]:
    return [
        [list(t) for t in p.texts],
        [[b, list(tokens)] for b, tokens in p.brands],
        [[m.printed, m.key, m.distinctive] for m in p.models],
        list(p.gtins),
        list(p.unchecked_gtins),
        sorted(p.countries),
    ]


def _profile_from_json(raw: list[Any]) -> Profile:
    texts, brands, models, gtins, unchecked, countries = raw
    return Profile(
        texts=tuple((f, v, tuple(tokens)) for f, v, tokens in texts),
        brands=tuple((b, tuple(tokens)) for b, tokens in brands),
        models=tuple(ModelNumber(p, k, bool(d)) for p, k, d in models),
        gtins=tuple(gtins),
        unchecked_gtins=tuple(unchecked),
        countries=frozenset(countries),
    )


@dataclass
class SourceList:
    """One source's current list, as it stands in this index (`GET /v1/health` shows these)."""

    source: str  # the list's name: the folder under recalls/
    file: str  # where the list came from (an S3 key or a local path)
    recalls: int
    loaded_at: str  # when that file was accepted, ISO 8601 UTC
    regulators: list[str] = field(default_factory=list)


def _fuzzy_keys(token: str) -> list[str]:
    """The token and every one-deletion variant of it (symmetric-delete fuzzy lookup)."""
    return [token] + [token[:i] + token[i + 1 :] for i in range(len(token))]


FUZZY_MIN_LENGTH = 4


class RecallIndex:
    """An immutable, loaded index. Safe to share between threads."""

    def __init__(
        self,
        recalls: list[Recall],
        profiles: list[Profile],
        *,
        version: str,
        built_at: str,
        sources: dict[str, SourceList],
    ) -> None:
        if len(recalls) != len(profiles):
            raise ArtifactError("index artifact is inconsistent: recalls and profiles differ in number")
        self.recalls = recalls
        self.profiles = profiles
        self.version = version
        self.built_at = built_at
        self.sources = sources

        self.by_gtin: dict[str, list[int]] = defaultdict(list)
        self.by_unchecked_gtin: dict[str, list[int]] = defaultdict(list)
        self.by_model: dict[str, list[tuple[int, ModelNumber]]] = defaultdict(list)
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(profiles):
            for g in p.gtins:
                self.by_gtin[g].append(i)
            for g in p.unchecked_gtins:
                self.by_unchecked_gtin[g].append(i)
            for m in p.models:
                self.by_model[m.key].append((i, m))
            for token in p.vocabulary():
                self.by_token[token].append(i)

        # Rare words count for much, common ones ("bicycle", "baby", "set") for little: a squared,
        # normalised inverse document frequency in [0, 1].
        n = max(len(profiles), 1)
        top = math.log(1 + n)
        self.weights: dict[str, float] = {
            t: (math.log(1 + n / len(ids)) / top) ** 2 for t, ids in self.by_token.items()
        }
        self.unknown_weight = (math.log(1 + n) / top) ** 2  # a word no recall uses: as rare as can be
        # Tokens too common to narrow the candidates; they still score once a recall is a candidate.
        self.common_cutoff = max(50, n // 20)

        # Typo repair: every word (and every everyday synonym of one, in the form sellers type
        # it) under each of its one-deletion variants, pointing at the word the index knows.
        self.deletes: dict[str, list[tuple[str, str]]] = defaultdict(list)
        surfaces = [(t, t) for t in self.by_token]
        surfaces += [(word, canon) for word, canon in SYNONYMS.items() if canon in self.by_token and word != canon]
        for surface, token in surfaces:
            if len(surface) >= FUZZY_MIN_LENGTH and sum(ch.isalpha() for ch in surface) >= 3:
                for key in _fuzzy_keys(surface):
                    self.deletes[key].append((surface, token))
        self.model_keys_by_length: dict[int, set[str]] = defaultdict(set)
        for key in self.by_model:
            self.model_keys_by_length[len(key)].add(key)

    def __len__(self) -> int:
        return len(self.recalls)

    def weight(self, token: str) -> float:
        return self.weights.get(token, self.unknown_weight)

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
        digest = content_digest(recalls)
        version = f"{built:%Y%m%dT%H%M%SZ}-{digest[:10]}"
        return cls(
            recalls,
            [profile_of(r) for r in recalls],
            version=version,
            built_at=built.isoformat(timespec="seconds").replace("+00:00", "Z"),
            sources=dict(sources or {}),
        )

    def to_artifact(self) -> bytes:
        document = {
            "format": ARTIFACT_FORMAT,
            "version": self.version,
            "built_at": self.built_at,
            "sources": {name: vars(s) for name, s in self.sources.items()},
            "recalls": [r.model_dump(exclude_defaults=True) for r in self.recalls],
            "profiles": [_profile_to_json(p) for p in self.profiles],
        }
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        return gzip.compress(body, compresslevel=6, mtime=0)

    @classmethod
    def from_artifact(cls, data: bytes) -> RecallIndex:
        """Load an artifact, refusing anything that is not a complete index of our format."""
        try:
            document = json.loads(gzip.decompress(data))
        except (OSError, EOFError, ValueError) as exc:
            raise ArtifactError(f"index artifact is unreadable: {exc}") from exc
        if not isinstance(document, dict) or document.get("format") != ARTIFACT_FORMAT:
            raise ArtifactError(f"index artifact is not of format {ARTIFACT_FORMAT}")
        try:
            recalls = [Recall.model_validate(r) for r in document["recalls"]]
            profiles = [_profile_from_json(p) for p in document["profiles"]]
            sources = {name: SourceList(**s) for name, s in document["sources"].items()}
            return cls(
                recalls, profiles, version=document["version"], built_at=document["built_at"], sources=sources
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ArtifactError(f"index artifact is malformed: {exc}") from exc


def content_digest(recalls: Iterable[Recall]) -> str:
    """A digest of the recalls' content, independent of order: equal lists give equal digests."""
    lines = sorted(r.model_dump_json() for r in recalls)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
