"""What a notice's names say, read for one listing: the name the listing covers best
(`NameEvidence`) and its words in order, the brand's words, the maker a name opens with, the types
a name lists and the type it ends in, the variants its names single a model out by, and the
sentences saying what the recall involves. The name evidence (`scoring`) and the scope rules
(`out_of_scope`) both read them; they read the profile and the listing, never a score.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from recall_screen.analysis import (
    LOOKALIKE_DIGITS,
    VERSION_MARKS,
    ListingView,
    is_designation,
)
from recall_screen.index import LONG_WORD
from recall_screen.lexicon import (
    BUNDLE_WORDS,
    COLOURS,
    DESCRIBING,
    FIRM_WORDS,
    KIND_WORDS,
    MARKETING_NOISE,
    PEOPLE_WORDS,
)
from recall_screen.policy import Policy
from recall_screen.profile import (
    Profile,
    thousands_keys,
    variant_keys,
    word_keys,
)
from recall_screen.scope import Involved, involved
from recall_screen.text import (
    LETTERS_OR_DIGITS,
    canonical_token,
    cut_short,
    fold,
    model_key,
    name_tokens,
    raw_words,
    small_number,
)


@dataclass(slots=True)
class NameEvidence:
    """How much of one recall name (its best-covered brand, or product text) the listing has."""

    coverage: float  # rarity-weighted share of the name's words, typo-corrected words counting less
    # Rarity-weighted evidence behind it: a text's words also by their reading's quality, a
    # brand's whatever their spelling.
    mass: float
    words: tuple[str, ...]  # the name's words found in the listing
    field: str  # the recall field of the name ("" for a brand)
    text: str  # the name as published
    position: int = -1  # a product text's place in the profile's texts (-1 for a brand)


# The notice's names: a product type is the last word of one (the description's last word is not);
# a line name may also be one the notice enumerates.
NAMING_FIELDS = frozenset({"product_names", "title"})
LINE_FIELDS = NAMING_FIELDS | {"lines"}


def notice_brand_words(profile: Profile) -> set[str]:
    """The words of every brand the notice names, each firm's legal form left out."""
    return {t for _, words in profile.brands for t in words}


def a_style(word: str, profile: Profile) -> bool:
    """Whether the notice writes a word of its names as a style ("Kellor-style patio chairs"): it
    says how the product looks, as any maker's product of the style may, and names no maker or
    line however few notices use it."""
    return any(word in _styles_in(value) for _, value, _ in profile.texts)


# "Kellor-style", hyphened: "Kellor style 4410" or "Kellor style numbers" is a style number, a
# model's, as "style" is a model cue (`lexicon.MODEL_CUE_HEADS`).
_STYLE = re.compile(r"([^\W\d_]+)-style\b(?!\s*(?:numbers?|nos?\b|#|\d))", re.I)


@lru_cache(maxsize=16_384)
def _styles_in(text: str) -> frozenset[str]:
    """The words a text writes as styles, canonical. Cached: a notice's texts are asked again for
    each listing it is a candidate of."""
    if "tyle" not in text and "TYLE" not in text:
        return frozenset()
    return frozenset(canonical_token(fold(found)) for found in _STYLE.findall(text))


def best_name_tokens(text: NameEvidence, profile: Profile) -> tuple[str, ...]:
    """The words, in order, of the notice's name the listing covered best."""
    return profile.texts[text.position][2] if text.position >= 0 else ()


def maker_word(text: NameEvidence, profile: Profile, policy: Policy) -> str | None:
    """The maker's name a notice files under another firm, when the listing names it: the first
    word of the notice's product name or title, a word of letters that is not the firm's and that
    few notices use (`Policy.maker_word_weight`): "Quessa" in "Quessa Second Stage Scuba
    Regulators", recalled by an importer. A listing naming it has named the product's brand, not
    dropped it."""
    if not text.words or text.field not in LINE_FIELDS:
        return None
    first = names_maker(text, profile, policy)
    return first if first is not None and first in text.words else None


def names_maker(text: NameEvidence, profile: Profile, policy: Policy) -> str | None:
    """The first word of the notice's name the listing matched, when it is a maker's name: a word
    of letters, not the firm's, that few notices use (`Policy.maker_word_weight`)."""
    tokens = best_name_tokens(text, profile)
    if len(tokens) < 2 or not tokens[0].isalpha():
        return None
    first = tokens[0]
    # A word of the brand is not among the name's weighted words: it is no maker of its own.
    if profile.weighted_texts[text.position][2].get(first, 0.0) < policy.maker_word_weight:
        return None
    # Nor is a type the name lists ("Trampolines, Enclosures"), nor a style, nor the letters of
    # a line's designation ("QZ" of "QZ 700 Backpack Blowers": `analysis._designations`).
    if first in types_listed(text, profile, policy) or a_style(first, profile):
        return None
    if is_designation(first, tokens[1]):
        return None
    return first


def types_listed(text: NameEvidence, profile: Profile, policy: Policy) -> frozenset[str]:
    """The last word of each product a name lists ("Trampolines, Enclosures"; "Tarvo bikes and
    frames"): a type, which any maker's product of it shares. A product of one word is a type only
    where another of the notice's names ends in it ("Tarvo 14-foot trampolines") and many notices
    use it: else it is a brand or a line's name sharing the type after it ("Kolt and Vexo
    Scooters"). A single product's name ends in its one type: no list, no types here."""
    if not (", " in text.text or joins_products(text.text)):
        return frozenset()
    weights = profile.weighted_texts[text.position][2]
    ends = {tokens[-1] for field_name, _, tokens in profile.texts if field_name != "other_texts" and tokens}
    return frozenset(
        tokens[-1]
        for tokens in items_tokens(text.text)
        if tokens
        and tokens[-1].isalpha()  # not "2" of "Kolt 2, Kolt 3 Strollers"
        and (len(tokens) > 1 or (tokens[0] in ends and weights.get(tokens[0], 1.0) < policy.rare_word_weight))
    )


def name_ends(profile: Profile) -> set[str]:
    """The words the notice's titles and product names end in: its type as it names it."""
    return {tokens[-1] for field_name, _, tokens in profile.texts if field_name in NAMING_FIELDS and tokens}


def variants_left_out_of_the_name(
    view: ListingView, profile: Profile, text: NameEvidence, policy: Policy
) -> str | None:
    """The variants the notice's name singles its model out by ("9" of "Pellion 9") when the
    listing gives none of them, as the note writes them."""
    required = _required_variants(text) or _variants_of_a_name_named(view, profile, text, policy)
    if (
        required
        and not any(v.key in required for v in view.variants)
        and not any(code.key in required for code in view.codes)  # "KX-345T/355T" gives "345T"
        and not _thousands_given(view, required)
        and not _written_another_way(view, required, text.text)
        and not _letter_written(view, text.text, required)
        and not _its_model_alone(view, profile)
        and not _run_into_a_word(view, required, text)
        and not ("PLUS" in required and plus_set_apart_or_run_in(view, text.text))
    ):
        return ", ".join(sorted(k.lower().replace("plus", "+") for k in required))
    return None


def _thousands_given(view: ListingView, required: frozenset[str]) -> bool:
    """Whether the title gives a number of thousands the name requires, written the other way
    ("50000" for "Orvel 50K")."""
    return not required.isdisjoint(thousands_keys(view.title_sequence))


def _written_another_way(view: ListingView, required: frozenset[str], name: str) -> bool:
    """Whether the title writes a number the name requires another way, where the name has it
    ("Tessaly II", "Tessaly Two", "Tessaly Mark 2" for the name's "Tessaly 2"; "Version 2" for its
    "V2": `text.small_number`), not a count or an ordinal elsewhere ("stroller 2nd hand")."""
    numbers = {number for key in required if (number := small_number(key)) is not None}
    return bool(numbers) and not numbers.isdisjoint(numbers_at_the_names_places(view, name_tokens(name)))


def numbers_at_the_names_places(view: ListingView, tokens: Sequence[str]) -> set[int]:
    """The generation numbers (`text.small_number`) a name's words (`tokens`, in order) give that
    the title gives too, after the same word as the name, in any form ("Tessaly 2" and "Tessaly
    II", "Ferrel Mk II" and "Ferrel Mark 2")."""
    named = _numbers_by_place(tuple(tokens))
    if not named:
        return set()
    listed = _numbers_by_place(view.title_sequence)
    return {number for number, after in named.items() if not after.isdisjoint(listed.get(number, ()))}


def _numbers_by_place(words: tuple[str, ...]) -> dict[int, set[str]]:
    """The generation numbers words in order write (`text.small_number`), each with the words it
    follows, past a version's mark ("Tessaly Mk II": 2 after "tessaly")."""
    found: dict[int, set[str]] = {}
    for i, word in enumerate(words):
        number = small_number(word)
        if number is None:
            continue
        before = i - 1
        while before >= 0 and words[before] in VERSION_MARKS:
            before -= 1
        if before >= 0:
            found.setdefault(number, set()).add(words[before])
    return found


def the_line_alone_in_a_covered_year(view: ListingView, profile: Profile) -> bool:
    """Whether the listing states a model year the notice covers, gives no variant, and names
    nothing the notice does not ("2020 Tarvo Kolt"; not "2020 Tarvo Kolt pedals", another product
    of the line, nor "2020 Tarvo Kolt CC", its version of its own)."""
    return (
        bool(profile.model_years)
        and not profile.model_years.isdisjoint(view.years)
        and not view.variants
        and not view.unknown
        and all(not profile.vocabulary.isdisjoint(word.readings) for word in view.informative)
    )


def _its_model_alone(view: ListingView, profile: Profile) -> bool:
    """Whether the listing gives a model number the notice lists and no word the notice does not
    use ("Tarvo Q1-r" against "all Tarvo QF20 and Tarvo Q1-r bicycles"): the notice's own
    product, whichever product of the name the variant another name requires belongs to. Words
    of the listing's own after it ("Tarvo QX4 MV") may name another model of the line."""
    models, vocabulary = profile.models_by_key, profile.vocabulary
    return (
        not view.unknown
        and any(code.key in models for code in view.codes)
        and all(not vocabulary.isdisjoint(word.readings) for word in view.informative)
    )


def literal_key(code: str) -> str:
    """A model number's key as printed: no letter read as a digit (`text.model_key`)."""
    return model_key(fold(code), literal=True)


def as_digits(code: str) -> str:
    """A model number's key with every letter a seller types for a digit read as the digit."""
    return model_key(code, folded=True).translate(LOOKALIKE_DIGITS)


def _run_into_a_word(view: ListingView, required: frozenset[str], text: NameEvidence) -> bool:
    """Whether the listing gives a required variant run into the words of the name beside it, as
    one code: "QX1000" for "Rover QX 1000", "K1000QR" for "K 1000 QR"."""
    words = word_keys(text.text)
    for code in view.codes:
        pieces = key_pieces(code.written)
        if (
            len(pieces) > 1
            and not required.isdisjoint(pieces)
            and all(piece in required or piece in words for piece in pieces)
        ):
            return True
    return False


def plus_set_apart_or_run_in(view: ListingView, name: str) -> bool:
    """Whether the title writes the "+" the name has on a word ("Tarvo Bike+") run into it as
    "plus" ("Tarvo BikePlus") or set apart from it, the name going on after it or the title ending
    there ("Tarvo Bike + Exercise Bike"): a "+" set apart before a word of no part of the name
    joins a bundle to the sibling ("Tarvo Bike + Mat")."""
    sequence = view.title_sequence
    for written, read, going_on in _words_carrying_a_plus(name):
        if canonical_token(written + "plus") in sequence:
            return True
        for at in view.plus_apart:
            if (
                0 < at <= len(sequence)
                and sequence[at - 1] == read
                and (at == len(sequence) or sequence[at] in going_on)
            ):
                return True
    return False


@lru_cache(maxsize=4096)
def _words_carrying_a_plus(name: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """The words of a name a "+" is written on ("bike" of "Tarvo Bike+ Exercise Bikes"), as
    written (folded) and as a title's words are read (`canonical_token`), each with the name's
    words after it, as a title's words are read ("exercise", "bicycle")."""
    words = raw_words(name)
    return tuple(
        (w, canonical_token(w), frozenset(map(canonical_token, words[at + 2 :])))
        for at, (w, after) in enumerate(pairwise(words))
        if after == "plus"
    )


def key_pieces(written: str) -> list[str]:
    """The model keys of a word's runs of letters and of digits, parted as written (a key reads
    letters as digits: "L" as "1")."""
    return [model_key(piece, folded=True) for piece in LETTERS_OR_DIGITS.findall(fold(written))]


# Words that introduce a variant in any line ("Model 3", "Gen 2"), or say nothing of the product.
_BEFORE_ANY_VARIANT = frozenset(
    "model version ver gen generation series type mark mk no number size edition style".split()
)
# Words that say nothing of which product it is: what comes with it, any kind of product, sale
# talk, colours, how the notice counts what it covers ("certain Acme Dynamo 2 units")
# (`out_of_scope._companion_of_the_type` reads them too).
# Nor "replacement", "spare": a "<type> replacement" is one of the type (or, beside a part's word,
# the part: `analysis.accessory_cue` reads it).
NOT_A_PRODUCT = (
    BUNDLE_WORDS | KIND_WORDS | MARKETING_NOISE | COLOURS | {"unit", "units", "replacement", "spare"}
)
NOT_A_NAME = NOT_A_PRODUCT | _BEFORE_ANY_VARIANT
# Whom a product is for, as the notices' names read the words ("kids" is "child").
PEOPLE = frozenset(map(canonical_token, PEOPLE_WORDS))
# What stands between a brand and a type and names no product of its own (`out_of_scope.
# _own_name_for_the_line`): what names nothing, and whom the product is for ("Tarvo Junior
# Pajamas", "Tarvo Kids Helmet"). Only there: elsewhere a people word beside a size or a number
# reads as the product's, not as no name ("<Line> Toddler Snowsuit 2T").
NOT_AN_OWN_NAME = NOT_A_NAME | PEOPLE


def misspelt(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word is a typo of one of the notice's: an edit from it, two for a long word."""
    limit = 2 if len(word) >= LONG_WORD else 1
    return any(
        abs(len(known) - len(word)) <= limit and OSA.distance(word, known, score_cutoff=limit) <= limit
        for known in vocabulary
    )


def guessed_elsewhere(view: ListingView, readings: tuple[str, ...], vocabulary: frozenset[str]) -> str | None:
    """The word as written, when no notice uses it and typo repair read it only as other notices'
    words ("Marro" as "marrow"): to this notice, a word it never uses. Not a typo of this notice's
    words, nor of a firm's ("Productts")."""
    guessed = view.guessed.get(readings)
    if (
        guessed is None
        or not vocabulary.isdisjoint(readings)
        or not FIRM_WORDS.isdisjoint(readings)
        or misspelt(guessed, FIRM_WORDS)
        or misspelt(guessed, vocabulary)
    ):
        return None
    return guessed


def coined(view: ListingView, readings: tuple[str, ...], vocabulary: frozenset[str]) -> str | None:
    """The word as written (folded), when it runs together words of which the notice uses none:
    a name the seller's firm coined of common words ("SmartGlide", read as "smart" and "glide")
    names a product of its own, as a word no notice uses does. A word run together of the
    notice's own words ("QuorraZentro") is its name, written another way."""
    written = view.run_together.get(readings)
    return written if written is not None and vocabulary.isdisjoint(readings) else None


def sizes_written(name: str) -> Iterator[tuple[str, str]]:
    """Each size a name writes as one word, its number and unit joined ("14-foot", "10-Liter",
    "6-can": `_SIZE`), with its unit."""
    for word in raw_words(name):
        found = _SIZE.match(word)
        if found is not None:
            yield word, found.group(1)


_SIZE = re.compile(r"^\d+(?:[.,]\d+)?-([a-z]+)$")


def type_words(profile: Profile) -> frozenset[str]:
    """The words of the notice's titles, and the last word of each of its product names: its
    types; and where a name ends in a type after another ("Tarvo K/3 bicycles and frames"), that
    other product's last word. (A title the same as a product name is not kept apart, so its words
    are not among the title's.) Not a word ending an enumerated name of more words: "Ambler 3
    Comfort and Vela 3 Comfort bicycles" names two models, each with its own word."""
    words: set[str] = set()
    for field_name, value, tokens in profile.texts:
        if field_name == "title":
            words.update(tokens)
        elif field_name == "product_names" and tokens:
            words.add(tokens[-1])
            if joins_products(value):
                *before, last = NAME_ITEMS.split(value)
                if before and len(name_tokens(last)) == 1 and (other := name_tokens(before[-1])):
                    words.add(other[-1])
    return frozenset(words)


def opens_with_a_lost_model(view: ListingView, profile: Profile) -> bool:
    """Whether the title opens with a model code (`ListingView.opens_with_code`: "VX09" of "VX09
    Lantern Wax Candle", a store's item name) that a notice naming no model number may still list:
    its description was cut short by its source ("… The container bears…"), and the numbers it
    gives may be in the part lost. Such a code, before the notice's name, says neither that the
    listing opens with another maker's name nor that it names another variant. (A code after the
    name is a variant of the line's, "Tarvo Kolt S30" against "Tarvo Kolt 40", whatever the notice
    lost.)"""
    if not view.opens_with_code or profile.models:
        return False
    return any(field_name == "other_texts" and cut_short(value) for field_name, value, _ in profile.texts)


def a_product_word_of_its_own(word: str, profile: Profile, not_products: frozenset[str]) -> bool:
    """Whether a word a title ends in may name the listing's own product: a word of letters the
    notice never uses, not one of `not_products` nor one saying how the product is."""
    return (
        word not in profile.vocabulary
        and word.isalpha()
        and word not in not_products
        and DESCRIBING.search(word) is None
    )


# Words a title ends in that name a range or a make-up, not a product's type ("Quindle Splitboard
# System", "Vexo Series", "Tessel Carbon"). After the notice's type they say what the product is
# made up as, not what it goes with (`out_of_scope._companion_of_the_type`); "range" and "line" are products
# there too (a cooktop's range, a trimmer's line).
MAKE_UP_WORDS = frozenset(map(canonical_token, "series system collection family carbon".split()))


# Where a name enumerates products: "Varga Tessel+ 1 and Holloway Ambler Go! bicycles", "A, B & C".
NAME_ITEMS = re.compile(r"\s*(?:,|&|\band\b|\bor\b)\s*")


def joins_products(name: str) -> bool:
    """Whether a conjunction joins products in a name ("… bicycles and frames", "A & B"): the
    substring test spares most names the split by `NAME_ITEMS`."""
    return " and " in name or "&" in name or " or " in name


def _required_variants(text: NameEvidence) -> frozenset[str]:
    """The variant words that single out the model the listing's words name: of the whole name,
    or, when the name enumerates products, of the one the listing names most of (the "+" and
    "1" of "Varga Tessel+ 1" are not required of a listing naming "Holloway Ambler Go!")."""
    required = variant_keys(text.text)  # cached; most names have none
    name = text.text
    if not (", " in name or joins_products(name)):
        return required | _letter_ending(name)
    if not required:
        return required
    return _item_variants(name, frozenset(text.words))


@lru_cache(maxsize=16_384)
def _letter_ending(name: str) -> frozenset[str]:
    """The capital letter a name ends in after two words or more of letters ("Tarvo Kolt X", "Vexo
    LE Ü"): what singles the model out of its line's others, as a number does. Not a letter a word
    before it says is a kind, a size or a mark ("Type C", "Size M", "Vitamin D", "Mark V")."""
    words = name.split()
    last = words[-1] if words else ""
    if (
        len(words) >= 3
        and len(last) == 1
        and last.isupper()
        and all(w.isalpha() for w in words[-3:-1])
        and fold(words[-2]) not in _BEFORE_A_LETTER_OF_NO_MODEL
    ):
        return frozenset({fold(last).upper()})
    return frozenset()


_BEFORE_A_LETTER_OF_NO_MODEL = frozenset(
    "type size vitamin mark series class grade gen generation version part no number style".split()
)


def _letter_written(view: ListingView, name: str, required: frozenset[str]) -> bool:
    """Whether the listing writes the letter the name ends in (`_letter_ending`), apart or joined
    to the word before it as the name writes them ("LE Ü", "LE-Ü", "LEÜ")."""
    letter = _letter_ending(name)
    if not letter or not letter <= required:
        return False
    before, last = fold(name).split()[-2:]
    return any(t == last or t.replace("-", "") == before + last for t in view.title_sequence)


def _variants_of_a_name_named(
    view: ListingView, profile: Profile, text: NameEvidence, policy: Policy
) -> frozenset[str]:
    """The variant words another of the notice's names requires, when the name matched best is a
    bare type ("Bicycle Lights") and the listing names a rare word of that other name: "Corlen
    Flare … light" names the "Flare" of "Corlen Flare 900 and Flare 1300 Front Bicycle Lights",
    which requires 900 or 1300. A notice of every model of its line requires none."""
    tokens = best_name_tokens(text, profile)
    if not tokens or set(text.words) != {tokens[-1]}:
        return frozenset()  # the name matched best is more than its type
    # The listing's variants are read from its title: so are the words that call for them.
    beyond = {
        t
        for t in view.name_words
        if t not in text.words and view.qualities[t] == 1.0 and view.hits[t].field == "title"
    }
    for position, (field_name, value, _) in enumerate(profile.texts):
        if field_name not in NAMING_FIELDS or position == text.position:
            continue
        items = profile.weighted_texts[position][2]
        if any(items.get(t, 0.0) >= policy.rare_word_weight for t in beyond):
            required = variant_keys(value)  # any model the name names will do
            if required and not any(scope.all_models for scope in involved_scopes(profile)):
                return required
    return frozenset()


@lru_cache(maxsize=16_384)
def _item_variants(name: str, words: frozenset[str]) -> frozenset[str]:
    items = [item for item in NAME_ITEMS.split(name) if item]
    if len(items) < 2:
        return variant_keys(name)
    best = max(items, key=lambda item: len(words.intersection(map(canonical_token, raw_words(item)))))
    return variant_keys(best)


def named_variants(profile: Profile) -> frozenset[str]:
    """The model keys of every word of the notice's product names, title and lines (not of its
    description, which may name the models it does not cover)."""
    keys: set[str] = set()
    for field_name, value, _ in profile.texts:
        if field_name != "other_texts":
            keys.update(word_keys(value))
    return frozenset(keys)


def involved_scopes(profile: Profile) -> list[Involved]:
    """What the notice's descriptions say the recall involves, one per description that says it."""
    found = (involved(value) for field_name, value, _ in profile.texts if field_name == "other_texts")
    return [scope for scope in found if scope is not None]


@lru_cache(maxsize=16_384)
def items_tokens(name: str) -> tuple[tuple[str, ...], ...]:
    """The name tokens of each product a name enumerates. Cached: scoring asks it of the names of
    every candidate the listing's rare words meet."""
    return tuple(tuple(name_tokens(item)) for item in NAME_ITEMS.split(name))
