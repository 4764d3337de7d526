"""Category rules: a regulator's priority categories, matched beside its product recalls.

A recall names one product; a category rule names a kind of product the regulator wants looked at
whoever sells it ("high-powered magnet sets sold as toys"). A listing hits a rule when it says one
word or phrase of every `must` group, none of the `must_not` phrases, and states no specification
outside the rule's (`max_mm`: a stated size at most this; `min_pieces`: a stated count at least
this). A hit is a match in the decision with evidence of method `category_rule` naming each word
and specification found, and makes the decision at least the rule's `action` (a rule never lowers
a decision). Rules travel in the index artifact, so every decision names the index version, and
so the rules, that made it.

Patterns are words and phrases, never regular expressions: they are folded and split into words
like the listing, and a phrase matches those words in a row ("fridge magnet" matches "Fridge
Magnets" only when written "fridge magnet*"). A trailing `*` matches any ending ("magnet*":
magnet, magnets, magnetic).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from recall_screen.jurisdiction import applies, reach
from recall_screen.listing_specs import read_pieces, read_sizes
from recall_screen.models import Evidence, Listing, Match, Verdict
from recall_screen.text import fold

RULE_KIND = "category_rule"
MAX_GROUPS = 20
MAX_ALTERNATIVES = 200
MAX_PATTERN = 100
MIN_PREFIX = 3  # "ma*" would match most of a listing
# The listing fields a rule reads, in the order evidence names them.
RULE_FIELDS = ("title", "description", "category")

_TOKEN = re.compile(r"[a-z0-9]+")
# What a pattern may contain besides letters and digits: word separators people write in
# product words ("light-up", "kid's", "3.5", "r&d"). Anything else is read as an attempt at a
# regular expression and refused, rather than matched literally and silently never.
_PATTERN_ALLOWED = re.compile(r"^[\w\s\-'.&+/]+\*?$")


def _split_alternatives(value: Any, name: str) -> list[str]:
    """Alternatives from "a|b|c" or ["a", "b|c"]; anything else is an error."""
    if isinstance(value, str):
        items = value.split("|")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [part for v in value for part in v.split("|")]
    else:
        raise ValueError(f"{name}: expected text or a list of texts, got {type(value).__name__}")
    return [" ".join(item.split()) for item in items if item.strip()]


def pattern_words(pattern: str) -> tuple[tuple[str, ...], bool]:
    """The folded words of a pattern and whether its last word is a prefix (a trailing `*`);
    ValueError naming the pattern when it is not words and phrases."""
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"pattern {pattern[:40]!r}… is longer than {MAX_PATTERN} characters")
    if not _PATTERN_ALLOWED.match(pattern) or "_" in pattern:
        raise ValueError(
            f"pattern {pattern!r} is not words and phrases: regular expressions are not supported "
            "(separate alternatives with |, end a word with * for any ending)"
        )
    prefix = pattern.endswith("*")
    words = tuple(_TOKEN.findall(fold(pattern.rstrip("*"))))
    if not words:
        raise ValueError(f"pattern {pattern!r} has no letters or digits to match")
    if prefix and (pattern[-2:-1].isspace() or len(words[-1]) < MIN_PREFIX):
        raise ValueError(f"pattern {pattern!r}: a * needs at least {MIN_PREFIX} letters before it")
    return words, prefix


def _always_says(said: tuple[tuple[str, ...], bool], excluded: tuple[tuple[str, ...], bool]) -> bool:
    """Whether every text a phrase matches (`pattern_words`' words and prefix flag) also matches
    `excluded`: its words run inside the phrase's, the last of them (if a prefix) starting the
    phrase's word there. Where that word is the phrase's own prefix ("magnet*"), the excluded
    one must be a prefix of it ("mag*" excludes every "magnet…"; "magnet" does not: "magnets")."""
    words, prefix = said
    out, out_prefix = excluded
    n = len(out)
    for start in range(len(words) - n + 1):
        found = words[start : start + n]
        if found[:-1] != out[:-1]:
            continue
        last, at_end = found[-1], start + n == len(words)
        if prefix and at_end:
            if out_prefix and last.startswith(out[-1]):
                return True
        elif last == out[-1] or (out_prefix and last.startswith(out[-1])):
            return True
    return False


def _checked(alternatives: list[str], name: str) -> list[str]:
    if len(alternatives) > MAX_ALTERNATIVES:
        raise ValueError(f"{name}: {len(alternatives)} alternatives, more than {MAX_ALTERNATIVES}")
    for pattern in alternatives:
        pattern_words(pattern)
    return list(dict.fromkeys(alternatives))


class CategoryRule(BaseModel):
    """One category rule as a list file gives it (the generic format's `kind: category_rule`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1, max_length=200)  # the regulator, e.g. "CPSC"
    rule_id: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=1_000)
    # Groups of alternatives, each "a|b|c": the listing must say one alternative of every group.
    must: list[str] = Field(min_length=1, max_length=MAX_GROUPS)
    may: list[str] = Field(default_factory=list)  # alternatives that add evidence, never required
    must_not: list[str] = Field(default_factory=list)  # alternatives that exclude the listing
    max_mm: float | None = Field(default=None, gt=0, le=10_000)
    min_pieces: int | None = Field(default=None, ge=1, le=1_000_000)
    # When true, a listing that states no size (or count) does not hit; by default its words decide.
    specs_required: bool = False
    jurisdictions: list[str] = Field(default_factory=list)
    action: Literal["review", "block"] = "review"
    hazard: str = ""
    url: str = ""

    @field_validator("must", mode="before")
    @classmethod
    def _groups(cls, value: Any) -> list[str]:
        if isinstance(value, str):
            value = value.split(";")
        if not isinstance(value, list):
            raise ValueError(f"expected a list of groups, got {type(value).__name__}")
        groups = []
        for group in value:
            alternatives = _checked(_split_alternatives(group, "must"), "must")
            if alternatives:
                groups.append("|".join(alternatives))
        if not groups:
            raise ValueError("empty: a rule must say at least one word a listing must contain")
        return groups

    @field_validator("may", "must_not", mode="before")
    @classmethod
    def _alternatives(cls, value: Any) -> list[str]:
        if value is None:
            return []
        return _checked(_split_alternatives(value, "patterns"), "patterns")

    @field_validator("action", mode="before")
    @classmethod
    def _action(cls, value: Any) -> Any:
        if value is None or value == "":
            return "review"
        text = str(value).strip().lower() if isinstance(value, str) else value
        if text not in ("review", "block"):
            raise ValueError(f"unknown action {value!r}: expected review or block")
        return text

    @field_validator("max_mm", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                return float(value.strip())
            except ValueError:
                raise ValueError(f"expected a number of millimetres, got {value[:40]!r}") from None
        return value

    @field_validator("min_pieces", mode="before")
    @classmethod
    def _count(cls, value: Any) -> Any:
        if isinstance(value, str):
            if not value.strip():
                return None
            if not value.strip().isdigit():
                raise ValueError(f"expected a whole number of pieces, got {value[:40]!r}")
            return int(value.strip())
        return value

    @model_validator(mode="after")
    def _specs_needed(self) -> CategoryRule:
        if self.specs_required and self.max_mm is None and self.min_pieces is None:
            raise ValueError("specs_required is true but the rule sets neither max_mm nor min_pieces")
        return self

    @model_validator(mode="after")
    def _can_hit(self) -> CategoryRule:
        """A rule whose every way of saying a `must` group says an excluded phrase too ("magnet*"
        against `must_not` "magnet") would be accepted and never hit: the priority category
        it was sent to keep off the marketplace would pass unseen."""
        excluded = [pattern_words(p) for p in self.must_not]
        for group in self.must:
            alternatives = group.split("|")
            if excluded and all(
                any(_always_says(pattern_words(a), n) for n in excluded) for a in alternatives
            ):
                raise ValueError(
                    f"the rule can never hit: every alternative of must group {group!r} "
                    "says a must_not phrase"
                )
        return self

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_defaults=True)


# -- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    written: str
    words: tuple[str, ...]
    prefix: bool  # the last word matches any word it starts


@dataclass(frozen=True)
class _Text:
    """One listing field, folded and split into words, with each word's positions."""

    field: str
    words: list[str]
    at: dict[str, list[int]]

    @classmethod
    def of(cls, name: str, text: str) -> _Text:
        words = _TOKEN.findall(fold(text))
        at: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            at.setdefault(word, []).append(i)
        return cls(name, words, at)

    def find(self, phrase: _Phrase) -> str | None:
        """The listing's words that the phrase matches, or None."""
        n = len(phrase.words)
        if phrase.prefix and n == 1:
            stem = phrase.words[0]
            return next((w for w in self.at if w.startswith(stem)), None)
        for start in self.at.get(phrase.words[0], ()):
            found = self.words[start : start + n]
            if len(found) < n or found[: n - 1] != list(phrase.words[: n - 1]):
                continue
            last = found[-1]
            if last == phrase.words[-1] or (phrase.prefix and last.startswith(phrase.words[-1])):
                return " ".join(found)
        return None


def _phrases(alternatives: Iterable[str]) -> tuple[_Phrase, ...]:
    out = []
    for written in alternatives:
        words, prefix = pattern_words(written)
        out.append(_Phrase(written, words, prefix))
    return tuple(out)


@dataclass(frozen=True)
class _Compiled:
    rule: CategoryRule
    must: tuple[tuple[str, tuple[_Phrase, ...]], ...]  # (the group as written, its phrases)
    may: tuple[_Phrase, ...]
    must_not: tuple[_Phrase, ...]
    countries: frozenset[str]


def _first(texts: list[_Text], phrases: Iterable[_Phrase]) -> tuple[str, str] | None:
    """(field, the listing's words) of the first phrase any field says, fields in order."""
    for text in texts:
        for phrase in phrases:
            found = text.find(phrase)
            if found is not None:
                return text.field, found
    return None


class CategoryRules:
    """The index's rules, compiled once when the index is loaded; `match` is pure and cheap."""

    def __init__(self, rules: Iterable[CategoryRule] = ()) -> None:
        self.records: tuple[CategoryRule, ...] = tuple(rules)
        self._compiled = tuple(
            _Compiled(
                rule=r,
                must=tuple((group, _phrases(group.split("|"))) for group in r.must),
                may=_phrases(r.may),
                must_not=_phrases(r.must_not),
                countries=reach(r.source, r.jurisdictions),
            )
            for r in self.records
        )

    def __len__(self) -> int:
        return len(self.records)

    def match(self, listing: Listing) -> list[Match]:
        """A match for each rule the listing hits, in the rules' order."""
        if not self._compiled:
            return []
        fields = listing.text_fields()
        said = {name: fields[name] for name in RULE_FIELDS if name in fields}
        texts = [_Text.of(name, text) for name, text in said.items()]
        matches = []
        for compiled in self._compiled:
            evidence = _hit(compiled, texts, said)
            if evidence is not None:
                matches.append(_as_match(compiled, evidence, listing.ship_to))
        return matches


def _hit(compiled: _Compiled, texts: list[_Text], said: dict[str, str]) -> list[Evidence] | None:
    """The evidence of a hit, or None when the listing misses a group, says an excluded phrase
    or states a specification outside the rule's."""
    evidence = []
    for group, phrases in compiled.must:
        found = _first(texts, phrases)
        if found is None:
            return None
        evidence.append(_evidence(found, "must", group))
    if _first(texts, compiled.must_not) is not None:
        return None
    specs = _specs(compiled.rule, said)
    if specs is None:
        return None
    evidence.extend(specs)
    for phrase in compiled.may:
        found = _first(texts, (phrase,))
        if found is not None:
            evidence.append(_evidence(found, "may", phrase.written))
    return evidence


def _specs(rule: CategoryRule, said: dict[str, str]) -> list[Evidence] | None:
    """Evidence of the specifications the rule asks for; None when the listing states only
    specifications outside them (or none, when the rule requires them)."""
    out = []
    if rule.max_mm is not None:
        sizes = [(name, s) for name, text in said.items() for s in read_sizes(text)]
        within = [(name, s) for name, s in sizes if s.mm <= rule.max_mm]
        if (sizes and not within) or (not sizes and rule.specs_required):
            return None
        if within:
            name, best = min(within, key=lambda found: found[1].mm)
            threshold = f"at most {rule.max_mm:g} mm (read {best.mm:g} mm)"
            out.append(_evidence((name, best.printed), "max_mm", threshold))
    if rule.min_pieces is not None:
        counts = [(name, p) for name, text in said.items() for p in read_pieces(text)]
        enough = [(name, p) for name, p in counts if p.count >= rule.min_pieces]
        if (counts and not enough) or (not counts and rule.specs_required):
            return None
        if enough:
            name, most = max(enough, key=lambda found: found[1].count)
            out.append(_evidence((name, most.printed), "min_pieces", f"at least {rule.min_pieces}"))
    return out


def _evidence(found: tuple[str, str], rule_field: str, rule_value: str) -> Evidence:
    field_name, value = found
    return Evidence(
        field=field_name,
        value=value,
        recall_field=rule_field,
        recall_value=rule_value,
        method="category_rule",
        score=1.0,
    )


def _as_match(compiled: _Compiled, evidence: list[Evidence], ship_to: str | None) -> Match:
    rule = compiled.rule
    applicable = applies(compiled.countries, ship_to)
    said = ", ".join(dict.fromkeys(e.value for e in evidence if e.recall_field == "must"))
    note = f"category rule, not a recall: the listing says {said}"
    specs = [e for e in evidence if e.recall_field in ("max_mm", "min_pieces")]
    if specs:
        note += "; states " + ", ".join(e.value for e in specs)
    return Match(
        recall_id=rule.rule_id,
        source=rule.source,
        title=rule.title,
        url=rule.url,
        hazard=rule.hazard,
        score=1.0,
        verdict=Verdict(rule.action) if applicable else Verdict.ALLOW,
        applicable=applicable,
        evidence=evidence,
        notes=[note],
    )


def is_rule_match(match: Match) -> bool:
    return any(e.method == "category_rule" for e in match.evidence)


def rule_reasons(matches: Iterable[Match]) -> list[str]:
    """One line per rule hit, as `screening` lists a recall's."""
    out = []
    for m in matches:
        if not m.applicable:
            out.append(f"{m.source} category rule {m.recall_id} matches but does not apply here")
            continue
        out.append(f"{m.verdict.value}: {m.source} category rule {m.recall_id} ({m.title}) by category_rule")
        out.extend(f"  {note}" for note in m.notes)
    return out
