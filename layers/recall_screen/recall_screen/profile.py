"""What a recall is matched on: its profile (product texts, brands, model numbers, GTINs, where it
applies) and what a decision shows of it (its notice).

These are the rules of what counts: which part of a notice's title names the product, which
model numbers identify a product on their own, which brand words are the firm's legal form. How a
profile is stored is `artifact.py`'s business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from recall_screen import jurisdiction
from recall_screen.lexicon import (
    COLOURS,
    FIRM_WORDS,
    LEGAL_FORMS,
    STANDARD_NAMES,
    is_generic_code,
    measure_like,
)
from recall_screen.models import Recall
from recall_screen.scope import involved_names, is_a_year, not_covered, numbered_lines, sold_under_brands
from recall_screen.storefront import NO_SPECS, Specs, notice_specs
from recall_screen.text import (
    HYPHENED_VARIANT,
    VARIANT_WORD,
    WordTokens,
    canonical_token,
    fold,
    model_key,
    name_tokens,
    raw_words,
    thousands_other_way,
    variant_key,
)


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
    model_years: frozenset[int] = frozenset()  # the model years the notice covers; empty: not said
    partial_scope: tuple[str, ...] = ()  # qualifiers covering only some units ("serial numbers")
    # Why the brand is a storefront's name ("" when it is the product's identity), and then what
    # identifies the product instead: its type and specifications (recall_screen.storefront).
    storefront: str = ""
    specs: Specs = NO_SPECS
    # Products the description says the recall does not cover ("does not include … the Tarvo II"):
    # a listing naming one is outside the recall (`scope.not_covered`).
    not_covered: tuple[str, ...] = ()
    # The serial, lot and batch numbers the notice lists (`Recall.unit_codes`), by model key: a
    # listing quoting one is in the recall's scope, one quoting another outside it.
    unit_codes: Mapping[str, str] = field(default_factory=dict)
    vocabulary: frozenset[str] = field(default=frozenset(), compare=False)
    # Filled by the index that decodes the profile: each product text's non-brand words and each
    # brand's words with their weights and total weight, so scoring is one pass of lookups.
    weighted_texts: tuple[tuple[str, str, dict[str, float], float], ...] = field(default=(), compare=False)
    weighted_brands: tuple[tuple[str, dict[str, float], float], ...] = field(default=(), compare=False)
    # The model numbers by key: every candidate's scoring looks the listing's codes up in it.
    models_by_key: Mapping[str, ModelNumber] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.vocabulary:
            words = {t for _, _, tokens in self.texts for t in tokens}
            words.update(t for _, tokens in self.brands for t in tokens)
            words.update(self.specs.object_words())
            object.__setattr__(self, "vocabulary", frozenset(words))
        object.__setattr__(self, "models_by_key", {m.key: m for m in self.models})


# How CPSC titles wrap the product: "<product> Recalled by <firm>", "Firm Recalls <product> Due to
# <hazard>", "CPSC, Firm Announce Recall of <product>", and the warnings of products no firm recalls
# "CPSC Warns Consumers to Stop Using <product> Due to <hazard>".
_TITLE_PRODUCT = [
    re.compile(
        r"\bwarns?\s+consumers\s+to\s+(?:immediately\s+)?stop\s+using\s+(?:and\s+dispose\s+of\s+)?"
        r"(?P<p>.+?)(?:\s+(?:due to|because|after|for risk)\b|;|$)",
        re.I,
    ),
    re.compile(r"^(?P<p>.+?)\s+(?:are\s+|is\s+)?recall(?:ed)?\s+by\b", re.I),
    re.compile(r"^(?P<p>.+?)\s+(?:are\s+|is\s+)?recalled\b", re.I),
    # "Acme Reannounces and Expands Bed Rails Recall Due to …", "CPSC, Acme Announce Brake Cable
    # Recall": the product before "Recall".
    re.compile(r"\b(?:expands|announce)\s+(?!recall)(?P<p>.+?)\s+recall\b", re.I),
    # "Acme Recalls to Repair Folding Chairs", "… Recall Expanded to Include Strollers", "… Recall
    # to Repair Program for Swings": what the firm will do, then the product.
    re.compile(
        r"\brecalls?\s+(?:of\s+|(?:expanded\s+)?(?:to|for)\s+(?:repair|replace|inspect|include|refund)\s+"
        r"(?:program\s+(?:for|of)\s+)?)?(?P<p>.+?)(?:\s+(?:due to|because|after|for risk)\b|;|$)",
        re.I,
    ),
]
_ALERT = re.compile(r"\s*\(recall alert\)\s*$", re.I)
_SOLD_AT = re.compile(r"\s*\bsold (?:exclusively )?(?:at|by|on|through|in|via)\b.*$", re.I)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def title_product(title: str) -> str:
    """The product part of a notice title, without the firm and the hazard."""
    # "(Recall Alert)" closes many titles: a kind of notice, never its product.
    head = _ALERT.sub("", title.split(" · ")[0])
    # Each pattern needs "recall" or "warn", and the firm's shop "sold": an ASCII title without them
    # (most of them) is not searched. Outside ASCII, case-insensitive matching has its own letters.
    plain = head.lower() if head.isascii() else None
    if plain is None or "recall" in plain or "warn" in plain:
        for pattern in _TITLE_PRODUCT:
            found = pattern.search(head)
            if found and found.group("p").strip():
                head = found.group("p")
                break
    if plain is not None and "sold" not in plain:
        return head.strip() or head
    return _SOLD_AT.sub("", head).strip() or head


def _distinctive(printed: str) -> bool:
    """Whether a model number identifies a product on its own, judged on its letters and digits
    as printed (folded, without its spacing): "O" and "I" count as the letters they are here."""
    key = _NOT_ALNUM.sub("", fold(printed))
    if is_generic_code(key):
        return False  # a standard's or a battery's name that a model field gave as the model
    letters = sum(ch.isalpha() for ch in key)
    digits = len(key) - letters
    if letters and digits:
        return len(key) >= 4 and not (letters == 1 and len(key) <= 4)
    return digits >= 6  # long all-digit item numbers ("1832449") are distinctive; "4340" is not


def _line_names(recall: Recall) -> Iterator[tuple[tuple[str, ...], bool]]:
    """The lines the notice enumerates, then what each of its descriptions says the recall
    involves ("This recall involves 2nd generation Acme Dual+ skateboards"): often the only place
    a seller's name for the product is written, or the shortest. One enumeration at a time, with
    whether it is what the recall involves: the product itself, not a list that may be of its
    colours, sizes or what came in its box."""
    yield tuple(recall.lines), False
    for text in recall.other_texts:
        yield involved_names(text), True


def _lines_of_the_product(
    recall: Recall, known: set[str], brand_words: set[str], words_of: dict[str, list[str]]
) -> Iterator[str]:
    """The lines the notice enumerates that belong to the recalled product: those sharing a word
    with its names or brands (other enumerations, of colours or of what came in the box, say
    nothing of what it is called), and the names enumerated beside one of those ("Acme Ferra and
    Kolt Sport headlights"), though they share no word with them; of what a description says the
    recall involves, where none shares a word, its numbered models (`scope.numbered_lines`; those
    of a list of models are the notice's market names already). A line of lower-case letters
    alone ("children's fishing rods") is the product's type, not a name: as a line, the type alone
    was a name matched whole. A capital, a digit or a script without case may be a name's. A line
    of the notice's brands' words alone ("Tarvo, Vexo or Quessa brand stands") names a brand, not
    the product: as a name, any listing of the brand's would cover it. Not where other lines of
    the enumeration go on from it ("Zorbit, Zorbit Pro and Zorbit Max folding bicycles"): there it
    is the line's first model."""
    for lines, involved in _line_names(recall):
        belongs = [bool(known.intersection(words_of[line])) for line in lines]
        beside = any(belongs)  # the names enumerated beside a line of the product are its too
        if involved and not beside:
            belongs = numbered_lines(lines)
        if any(belongs):
            for line, own in zip(lines, belongs, strict=True):
                # A colour is no line, though a name of the product has it ("Green Zorbit").
                if (
                    (own or (beside and _a_name(line)))
                    and any(c.isdigit() or (c.isalpha() and not c.islower()) for c in line)
                    and not all(w.lower() in COLOURS for w in line.split())
                    and not _a_brand_alone(line, lines, brand_words, words_of)
                ):
                    yield line


def _a_brand_alone(
    line: str, lines: tuple[str, ...], brand_words: set[str], words_of: dict[str, list[str]]
) -> bool:
    """Whether an enumerated line is the notice's brands' words alone, which no other line of its
    enumeration goes on from (`_lines_of_the_product`)."""
    words = words_of[line]
    if not brand_words.issuperset(words):
        return False
    return not any(other != line and words_of[other][: len(words)] == words for other in lines)


def _a_name(line: str) -> bool:
    """Whether an enumerated line is written as a name of words, each capitalised ("Kolt Sport",
    not "taillights"), and numbers that single a model out of the line ("Kolt Trail 2", "Pell
    3.0"). A code of letters and digits ("Pell 3i") is the notice's models', which its model
    numbers hold."""
    words = line.split()
    return any(w.isalpha() for w in words) and all(
        (w[:1].isupper() and w.isalpha()) or _LINE_NUMBER.match(w) is not None for w in words
    )


_LINE_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")  # "2", "3.0": not a year, a size or a code


# "Frigo-brand Minifridges", "Acme brand heaters": the notice names the product's brand in its
# product's name, while its brand field names the importer or the factory.
_DECLARED_BRAND = re.compile(r"\b(?P<brand>[A-Z][\w&'.]*(?: [A-Z][\w&'.]*){0,2})[- ]brand(?:ed)?\b")


def _declared_brands(
    recall: Recall, brand_tokens: list[list[str]], title: str, memo: WordTokens | None = None
) -> list[str]:
    """The brands the notice's title (`title`: its product part) or product names declare
    ("Frigo-brand …"), or its descriptions say the product is sold under, that its brand field
    does not name."""
    known = [set(words) for words in brand_tokens]
    found: list[str] = []
    seen: list[set[str]] = []
    declared = (
        match.group("brand")
        for text in (title, *recall.product_names)
        for match in _DECLARED_BRAND.finditer(text)
    )
    for brand in chain(declared, *(sold_under_brands(text) for text in recall.other_texts)):
        words = set(name_tokens(brand, memo))
        # "Harrow-brand" of "Harrow Bicycle" is the brand the field names already.
        if words and not any(words <= other for other in known) and words not in seen:
            found.append(brand)
            seen.append(words)
    return found


def _initials_written(
    brands: list[tuple[str, tuple[str, ...]]], texts: list[tuple[str, str, tuple[str, ...]]]
) -> list[tuple[str, tuple[str, ...]]]:
    """The initials of a brand of three words or more that the notice's texts write as the brand's,
    with their dots or in brackets ("Tarvo Athletic Club (T.A.C.) Pajamas", "(TAC)"): the brand
    too, as sellers write it ("TAC Junior PJ Set"), not a line's name. Not initials the texts write
    as a word of their own ("LED lights" of a firm whose initials spell LED)."""
    known = {t for _, tokens in brands for t in tokens}
    # Written either way, the initials are a word of the texts (`text.fold` joins dotted ones):
    # only a notice whose texts hold it has its texts searched for how they write it.
    words = {t for _, _, tokens in texts for t in tokens}
    found: list[tuple[str, tuple[str, ...]]] = []
    for _, tokens in brands:
        initials = "".join(t[0] for t in tokens) if len(tokens) >= 3 else ""
        if not initials or initials in known or initials not in words:
            continue
        in_brackets = r"\(\s*" + r"\.?\s?".join(initials) + r"\.?\s*\)"
        with_dots = r"\b" + r"\.\s?".join(initials) + r"\."
        written = re.compile(f"{in_brackets}|{with_dots}", re.IGNORECASE)
        if any(written.search(value) for _, value, _ in texts):
            found.append((initials.upper(), (initials,)))
            known.add(initials)
    return found


class _Words(dict[str, list[str]]):
    """A notice's texts -> their name tokens, each distinct text tokenised once: a notice repeats
    its texts (a line it enumerates is read for its words, then added; a product name may be the
    title's product; a brand may be named twice)."""

    def __init__(self, memo: WordTokens | None) -> None:
        super().__init__()
        self.memo = memo

    def __missing__(self, value: str) -> list[str]:
        words = self[value] = name_tokens(value, self.memo)
        return words


def profile_of(recall: Recall, memo: WordTokens | None = None) -> Profile:
    """The recall's profile. `memo`: the build's memo of each word's tokens, shared by the notices
    it profiles (the same profile as without it)."""
    texts: list[tuple[str, str, tuple[str, ...]]] = []
    seen: set[tuple[str, ...]] = set()
    words_of = _Words(memo)
    title = title_product(recall.title)  # read once: the declared brands and the specs read it too
    brand_tokens = [words_of[brand] for brand in recall.brands]  # read once, used thrice
    brand_words = {t for words in brand_tokens for t in words}
    forms = _firms_legal_forms(recall, title, brand_tokens, words_of)

    def add(field_name: str, value: str) -> None:
        tokens = tuple(
            dict.fromkeys(_without_the_firms_form(field_name, words_of[value], brand_words, forms))
        )
        if tokens and tokens not in seen:
            seen.add(tokens)
            texts.append((field_name, value, tokens))

    for name in recall.product_names:
        add("product_names", name)
        # "Light-Up Glasses, Crown Headbands and Ties": each product of an enumeration is a name
        # sellers list on its own.
        for part in enumerated_products(name):
            add("product_names", part)
    add("title", title)
    for text in recall.other_texts:
        add("other_texts", text)
    # A line the notice enumerates is a name sellers use ("Glideboard Nib X") when it belongs to the
    # recalled product (`_lines_of_the_product`).
    known = {t for _, _, tokens in texts[:2] for t in tokens}
    known.update(brand_words)
    # The names the regulator quotes from the product are its lines, whatever words they share.
    for name in recall.market_names:
        add("lines", name)
    for line in _lines_of_the_product(recall, known, brand_words, words_of):
        add("lines", line)

    brands = []
    declared = [(name, words_of[name]) for name in _declared_brands(recall, brand_tokens, title, memo)]
    for brand, words in [*zip(recall.brands, brand_tokens, strict=True), *declared]:
        tokens = tuple(t for t in dict.fromkeys(words) if t not in FIRM_WORDS)
        if tokens:
            brands.append((brand, tokens))
    brands.extend(_initials_written(brands, texts))

    models: dict[str, ModelNumber] = {}
    # "The 2012 and 2013 model bicycles": the notice's model years read where model numbers stand
    # are its years, no model a listing's year may match.
    years = {str(year) for year in recall.model_years}
    for printed in recall.models:
        key = model_key(printed)
        if len(key) >= 2 and key not in models and printed.strip() not in years:
            models[key] = ModelNumber(printed, key, _distinctive(printed))

    # A unit code the notice also lists as a model number is the model's; one of two characters
    # ("lot 01") or a year (a date code's "2011 02 21", read apart) is too easily any listing's number.
    unit_codes = {
        key: printed
        for printed in recall.unit_codes
        if len(key := model_key(printed)) >= 3 and not is_a_year(key) and key not in models
    }
    return Profile(
        texts=tuple(texts),
        brands=tuple(brands),
        models=tuple(models.values()),
        gtins=tuple(dict.fromkeys(recall.gtins)),
        unchecked_gtins=tuple(dict.fromkeys(recall.unchecked_gtins)),
        countries=jurisdiction.reach(recall.source, recall.jurisdictions),
        published=recall.published,
        model_years=frozenset(recall.model_years),
        partial_scope=tuple(recall.partial_scope),
        storefront=recall.storefront,
        specs=_specs(recall, brands, title) if recall.storefront else NO_SPECS,
        not_covered=tuple(dict.fromkeys(name for text in recall.other_texts for name in not_covered(text))),
        unit_codes=unit_codes,
    )


def _firms_legal_forms(
    recall: Recall, title: str, brand_tokens: list[list[str]], words_of: dict[str, list[str]]
) -> frozenset[str]:
    """The legal-form words (`LEGAL_FORMS`) of the firm's name as the notice prints it: in its
    brands, or in its title outside the product part (`title`: "Tarvo & Company Recalls …").
    Only these are the firm's where a text writes them after the brand: "CO" of "Tarvo CO Alarms"
    and "North" of "Vexo North Star Sleds" name the product."""
    outside = recall.title.replace(title, " ", 1) if title else recall.title
    words = [t for tokens in brand_tokens for t in tokens]
    words.extend(words_of[outside])
    return LEGAL_FORMS.intersection(words)


def _without_the_firms_form(
    field_name: str, words: list[str], brand_words: set[str], forms: frozenset[str]
) -> list[str]:
    """A name's words without the legal form of the firm's name it quotes ("Tarvo & Company Vexo
    Chandelier", "Kolt USA Inc. bicycles"): those of `forms` right after the brand's words, the
    firm's, not the product's (no part of its brand either: `FIRM_WORDS`). As a product word,
    "company" was a word of the line that a listing naming the firm by its whole name shared:
    the brand and the type alone, counted as the line. A description keeps them: they stay words
    of the notice's, which a listing writing the firm's name mangled ("Indus-tries") is read as."""
    if field_name == "other_texts" or not forms or brand_words.isdisjoint(words):
        return words
    kept: list[str] = []
    after_the_brand = False
    for word in words:
        if after_the_brand and word in forms:
            continue
        after_the_brand = word in brand_words
        kept.append(word)
    return kept


def _specs(recall: Recall, brands: list[tuple[str, tuple[str, ...]]], title: str) -> Specs:
    """A storefront notice's specifications, read from its product's names, its title's product
    part (`title`) and its hazard."""
    brand_words = [t for _, tokens in brands for t in tokens]
    products = [part for name in recall.product_names for part in enumerated_products(name) or [name]]
    return notice_specs([*products, title], recall.hazard, brand_words)


_ENUMERATION = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)


def enumerated_products(name: str) -> list[str]:
    """The products of a name that enumerates three or more short ones ("Light-Up Wands, Crown
    Headbands and Ties"): those of two words or more, when there are two (a lone word may be a
    colour, "Red, Blue and Green Crib Sheets"); or two products of one type, each named whole
    ("Tarvo Dilutable Cleaners and Vexo Heavy Duty Cleaners"). None for a name that is one
    product ("Sleep Machines with Night Light and Date Code", "Baseball and Softball Gloves")."""
    # Where the name goes on to say where it was sold ("… sold in Tarvia and the U.S."), that is
    # no product of the name's.
    parts = [p.strip() for p in _ENUMERATION.split(_SOLD_AT.sub("", name)) if p.strip()]
    numbered = _numbers_of_one_line(parts) if _THOUSANDS.search(name) is None else []
    if numbered:
        return numbered
    if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts):
        first, second = (canonical_token(fold(p.split()[-1])) for p in parts)
        return parts if first == second else []
    if len(parts) < 3 or any(len(p.split()) > 5 for p in parts):
        return []
    named = [p for p in parts if len(p.split()) >= 2]
    return named if len(named) >= 2 else []


def _numbers_of_one_line(parts: list[str]) -> list[str]:
    """The models of a line an enumeration numbers after its name once ("Tarvo QZ 250, 300 and
    350 Heaters"), each with the line's name and the type the last gives: "Tarvo QZ 250 Heaters",
    "Tarvo QZ 300 Heaters", "Tarvo QZ 350 Heaters" (a "Tarvo QZ 300 Fan" is no model of it). Only
    where the first names the line before its number and every other opens with a number; else
    none."""
    if len(parts) < 2:
        return []
    first = parts[0].split()
    if len(first) < 2 or not _LINE_NUMBER_IN_A_LIST.match(first[-1]):
        return []
    if not all(_LINE_NUMBER_IN_A_LIST.match(part.split()[0]) for part in parts[1:]):
        return []
    line = " ".join(first[:-1])
    kind = " ".join(parts[-1].split()[1:])
    numbered = [first[-1], *parts[1:]]
    return [f"{line} {part} {kind}" if kind and " " not in part else f"{line} {part}" for part in numbered]


_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")  # "12,000 mAh": one number, no enumeration
# A model's number in a line's enumeration ("250", "300x"): not a year, a size or a count with
# its unit, which `_numbers_of_one_line` leaves to the enumeration's other readings.
_LINE_NUMBER_IN_A_LIST = re.compile(r"^(?!(?:19|20)\d\d$)\d{2,4}[a-z]?$", re.I)


def fallback_name(p: Profile) -> str:
    """The recall's brand and first name as the fallback scan compares against: their distinct
    words, sorted (`token_set`)."""
    words = [t for _, tokens in p.brands[:1] for t in tokens]
    words += p.texts[0][2] if p.texts else ()
    return token_set(words)


def token_set(words: Iterable[str]) -> str:
    """Distinct words, sorted, as one string: how `fuzz.token_set_ratio` reads any text of them
    (the fallback scan), so stored so that `fuzz.ratio` on it reads it alike where no word is
    shared (`candidates.fallback_candidates`)."""
    return " ".join(sorted(set(words)))


# Names whose numbers are counts or qualities, not the model: "8.2 Million …", "Model Year 2021",
# "Series 3 Pack". A variant follows a word of the name itself.
_NOT_BEFORE_VARIANT = frozenset(
    "model models year years series size sizes version no number pack of the".split()
)
_NOT_AFTER_VARIANT = frozenset("million thousand units pack piece pieces pc pcs".split())
_YEAR_WORD = re.compile(r"^(?:19|20)\d\d$")
# A line's short code, which a number after it singles a model out of ("QX4 50", "QX4 60").
LINE_CODE = re.compile(r"^[a-z]{1,3}\d{1,2}$", re.I)


def a_standards_or_ways_number(words: Sequence[str], i: int) -> bool:
    """Whether word `i` of a name's (folded) words is the version of a standard the product meets
    or a connection it has ("Bluetooth 5.0", "USB 3.0", "Wi-Fi 6": `lexicon.STANDARD_NAMES`), or
    the last number of how many ways it is used ("3 in 1"): a name's word a seller may leave out,
    which singles out no model of the line (`variant_keys`). A listing's other version of it is
    another product (`out_of_scope.outside_scope`)."""
    if not i:
        return False
    before = words[i - 1]
    return before.replace("-", "") in STANDARD_NAMES or (before == "in" and i >= 2 and words[i - 2].isdigit())


def name_variants(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the model keys of the words that single a model out of its line in this name — "9" in
    "Pellion 9", "900" in "Beacon 900", "PLUS" in "Cadence+" —, the model keys of all its words)."""
    return variant_keys(name), word_keys(name)


@lru_cache(maxsize=50_000)
def variant_keys(name: str) -> frozenset[str]:
    """`name_variants(name)[0]`: the model keys of the words that single a model out of its line.
    Scoring needs these for every candidate, the keys of all the words only when the listing names
    a variant: each is worked out, and kept, on its own."""
    words = raw_words(name)
    variants = set()
    for i, word in enumerate(words):
        # A hyphenated name is a word ("B-Safe 35").
        before = words[i - 1].replace("-", "") if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if word == "plus" and before.isalpha():
            variants.add("PLUS")
        elif (
            VARIANT_WORD.match(word)
            and not _YEAR_WORD.match(word)
            and (before.isalpha() or (word.isdigit() and LINE_CODE.match(before) is not None))
            and before not in _NOT_BEFORE_VARIANT
            and after not in _NOT_AFTER_VARIANT
            and not measure_like(word + after)
            and not measure_like(word)
            and not a_standards_or_ways_number(words, i)
        ):
            variants.add(_word_key(word))
        elif (joined := HYPHENED_VARIANT.match(word)) is not None:
            variants.add(_word_key(joined.group(2)))
    return frozenset(variants)


@lru_cache(maxsize=50_000)
def word_keys(name: str) -> frozenset[str]:
    """`name_variants(name)[1]`: the model keys of all the name's words."""
    words = raw_words(name)
    keys = set(word_key_sequence(name))
    # "vexo-5", "s-20": the number too, which a listing may write apart or run into other letters.
    hyphened = (_HYPHENED_NUMBER.match(word) for word in words)
    keys.update(_word_key(found.group(1)) for found in hyphened if found is not None)
    keys.update(thousands_keys(words))  # "40000" is "40K" too
    return frozenset(keys)


@lru_cache(maxsize=50_000)
def word_key_sequence(name: str) -> tuple[str, ...]:
    """The model keys of a name's words, in order: which stand next to each other."""
    return tuple(map(_word_key, raw_words(name)))


def thousands_keys(words: Iterable[str]) -> set[str]:
    """The model keys of the numbers of thousands among (folded) words, as written the other way
    ("40K" of "40000", "40000" of "40k"): one number, which a listing may write either way."""
    others = (thousands_other_way(word) for word in words)
    return {model_key(other, folded=True) for other in others if other is not None}


_HYPHENED_NUMBER = re.compile(r"^[a-z]+-(\d{1,4})$")


@lru_cache(maxsize=65_536)
def _word_key(word: str) -> str:
    """A name word's model key ("PLUS" for "plus"): words repeat across notices, each is keyed once."""
    return "PLUS" if word == "plus" else variant_key(word)
