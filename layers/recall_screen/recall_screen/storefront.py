"""Notices whose brand is a storefront name, and what identifies their product instead.

Many recent notices recall a generic factory product that dozens of marketplace storefronts sell:
the "brand" is one storefront's name (a letter salad, a trading name after "dba", a trading
company), and the same product comes back under another storefront's name, or none. For these
the brand is no identity: the product is its type plus its specifications — piece counts, sizes
and capacities, the words that describe it ("humanoid", "squishy"), and the object the hazard
lives in (button cells, water beads, magnets). A bare type ("Six-drawer Dressers") identifies
nothing.

This module reads both sides: whether a notice's brand is a storefront (`storefront_reason`),
a notice's specifications (`notice_specs`), and the hazard objects a listing names
(`listing_objects`); quantities are read by `listing_specs.quantities`.
`scoring.storefront_evidence` compares them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from recall_screen.lexicon import MARKETING_NOISE, STOPWORDS
from recall_screen.listing_specs import QUANTITY, quantities
from recall_screen.text import canonical_token, fold, raw_words, split_word

# A trading house rather than a maker: an online-trade firm ("… Network Technology Co., Ltd."), a
# firm named "… Trading", or a company limited that sells under another name ("… Co., Ltd., dba
# Shopname"). "dba" alone is not enough: small domestic makers trade under a second name too.
_TRADE_HOUSE = re.compile(
    r"\b(?:e-?commerce|network technology|imports? (?:and|&) exports?|cross-?border|maoyi|shangmao)\b"
    r"|\btrading(?:\s+(?:co|company|inc|llc|ltd|limited)\b\.?)?\s*(?:[,.…]|$)",
    re.IGNORECASE,
)
_SECOND_NAME = re.compile(r"\b(?:d/b/a|d\.b\.a|dba|doing business as|trading as)\b", re.IGNORECASE)
_COMPANY_LIMITED = re.compile(r"\bco\.?,?\s*ltd\b|\blimited\b|\(hk\)|\bgongsi\b", re.IGNORECASE)
_VOWELS = frozenset("aeiou")

# The objects a hazard lives in, as notices and sellers name them.
_OBJECTS = {
    "button cell": re.compile(r"\b(?:button|coin)[- ]?(?:cell|batter(?:y|ies))"),
    "water beads": re.compile(
        r"\b(?:water|gel|jelly|hydro)[- ]?beads?\b|\bwater[- ]absorb\w* (?:beads?|balls?)"
    ),
    "magnets": re.compile(r"\bmagnet(?:s|ic)?\b|\bneodymium\b"),
}
# The words a listing names each object with: a notice's objects join its vocabulary, so a listing
# that names one ("… with button battery") proposes the notice and is explained by it.
_OBJECT_WORDS = {
    "button cell": ("button", "coin", "cell", "battery"),
    "water beads": ("water", "gel", "bead"),
    "magnets": ("magnet", "magnetic", "neodymium"),
}
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve double".split())
# Words that name no specification: who a product is for, and what every product is.
_NOT_SPECS = frozenset("kid kids child children childrens toddler baby babies adult toy toys".split())


@dataclass(frozen=True, slots=True)
class Specs:
    """What identifies a storefront notice's product, beside its type."""

    heads: frozenset[str]  # the type: each product name's last word ("dresser", "toy")
    features: frozenset[str]  # the words that describe it, as name tokens ("humanoid", "magnetic")
    quantities: frozenset[tuple[str, str]]  # (unit, value): ("pcs", "30"), ("mm", "5")
    objects: frozenset[str]  # the hazard's objects: "button cell", "water beads", "magnets"

    def object_words(self) -> frozenset[str]:
        """The name tokens listings name the objects with."""
        return frozenset(canonical_token(w) for name in self.objects for w in _OBJECT_WORDS[name])


NO_SPECS = Specs(frozenset(), frozenset(), frozenset(), frozenset())


def storefront_reason(firms: Iterable[str], brands: Iterable[str]) -> str:
    """Why the notice's brand is a storefront name ("" when nothing says so): its firm is a
    trading house, or its brand is a letter salad ("QXTRBLMZ", "Shopname168")."""
    for firm in firms:
        found = _TRADE_HOUSE.search(firm)
        if found:
            return f"the recalling firm is a trading house ({found.group(0).strip(' ,.…')})"
        if _SECOND_NAME.search(firm) and _COMPANY_LIMITED.search(firm):
            return "the recalling firm is a company limited that sells under another name"
    for brand in brands:
        if letter_salad(brand):
            return f"the brand {brand!r} reads as a storefront name"
    return ""


def letter_salad(brand: str) -> bool:
    """A one-word brand in capitals with almost no vowels and a run of four consonants
    ("QXTRBLM"), or a long word with a number run on ("Shopname168"): the names marketplace
    storefronts take. Makers' names in capitals have vowels, or are short ("ACME", "STRAL")."""
    word = brand.strip()
    if " " in word or not word[:1].isalpha():
        return False
    letters = "".join(c for c in word.lower() if c.isalpha())
    if re.fullmatch(r"[A-Za-z]{6,}\d{3,}", word):
        return True
    if len(letters) < 6 or not word.isupper() or not word.isalpha():
        return False
    vowels = sum(c in _VOWELS for c in letters)
    return vowels / len(letters) <= 0.3 and re.search(r"[^aeiou]{4}", letters) is not None


def notice_specs(product_texts: Iterable[str], hazard: str, brand_tokens: Iterable[str]) -> Specs:
    """The specifications of a notice's product: its names' quantities and describing words (not
    their last word, the type; not counts of parts, "8-Drawer", which are the type too), and the
    objects its names and hazard name."""
    brands = frozenset(brand_tokens)
    heads: set[str] = set()
    features: set[str] = set()
    amounts: set[tuple[str, str]] = set()
    objects: set[str] = set()
    for text in product_texts:
        folded = fold(text)
        amounts.update(quantities(folded))
        objects.update(listing_objects(folded))
        tokens = _describing_tokens(folded, brands)
        if tokens:
            heads.add(tokens[-1])
            features.update(t for t in tokens[:-1] if t not in _NOT_SPECS)
    objects.update(listing_objects(fold(hazard)))
    # A product that is the hazard's object ("Lithium Coin Batteries": button cells) has it as its
    # type: every product of the type shows it, so it specifies nothing.
    objects = {name for name in objects if heads.isdisjoint(map(canonical_token, _OBJECT_WORDS[name]))}
    return Specs(frozenset(heads), frozenset(features - heads), frozenset(amounts), frozenset(objects))


def _describing_tokens(folded: str, brands: frozenset[str]) -> list[str]:
    out: list[str] = []
    stripped = QUANTITY.sub(" ", folded)
    for word in raw_words(stripped):
        # "8-drawer", "six-drawer", "3-tier": a count of the product's parts is part of its type.
        first = word.split("-", 1)[0]
        if "-" in word and (first.isdigit() or first in _NUMBER_WORDS):
            continue
        for part in split_word(word):
            if part in STOPWORDS or part.isdigit() or part in _NUMBER_WORDS:
                continue
            token = canonical_token(part)
            if token not in brands and token not in MARKETING_NOISE:
                out.append(token)
    return out


@lru_cache(maxsize=4096)
def listing_objects(folded: str) -> frozenset[str]:
    """The hazard objects a folded text names."""
    return frozenset(name for name, pattern in _OBJECTS.items() if pattern.search(folded))
