"""A listing, read once for scoring against many candidates: which recall words it uses (tolerant
of typos, look-alike letters, digits typed for letters, words run together or split, synonyms),
which of its words no recall uses, the GTINs and model-number codes it gives, and whether it reads
as an accessory for a product rather than the product.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from weakref import WeakKeyDictionary

from rapidfuzz.distance import OSA

from recall_screen import gtin as gtins
from recall_screen import jurisdiction
from recall_screen.clock import now_utc
from recall_screen.index import FUZZY_MIN_LENGTH, LONG_WORD, RecallIndex
from recall_screen.lexicon import (
    ACCESSORY_NOUNS,
    AGE_UNITS,
    BUNDLE_WORDS,
    COLOURS,
    COUNT_WORDS,
    DESCRIBING,
    FINISHES,
    FIRM_WORDS,
    FOR_PEOPLE,
    FOR_PLACES,
    FOREIGN_PARTS,
    LEGAL_FORMS,
    LISTING_MODEL_CUES,
    LISTING_SIZE_SUFFIXES,
    MARKETING_NOISE,
    NUMBER_WORDS,
    PEOPLE_WORDS,
    PROPERTY_WORDS,
    SIZE_LETTERS,
    SIZE_WORDS,
    SOLD_AS_A_PART,
    SPELLED_NUMBERS,
    STOPWORDS,
    TIER_WORDS,
    TRADE_TERMS,
    UNIT_CODE_HEADS,
    UNIT_WORDS,
    UNITS,
    alternation,
    is_generic_code,
    measure_like,
)
from recall_screen.listing_specs import RATINGS, UNIT_OF, quantities
from recall_screen.models import Listing
from recall_screen.policy import Policy
from recall_screen.postings import rarity
from recall_screen.profile import LINE_CODE
from recall_screen.scope import is_a_year, listing_years
from recall_screen.text import (
    HYPHENED_VARIANT,
    LETTERS_OR_DIGITS,
    PLUS_SIGN,
    VARIANT_WORD,
    WORD,
    canonical_token,
    deleet,
    fold,
    letters_and_digits,
    lower_for_words,
    model_key,
    name_tokens,
    says_none,
    small_number,
    split_word,
    thousands_other_way,
    undigit,
    variant_key,
)

# Words of these fields can be explained by a recall; a long description is not expected to be.
EXPLAINED_FIELDS = frozenset({"title", "brand", "model"})
CODE_FIELDS = frozenset({"title", "model", "description"})

# An accessory names the product it is for: "charger for …", "case compatible with …", "Chargeur
# pour …"; or a part a seller calls a replacement ("… replacement wheels", "… seat pad replacement").
# Not a word hyphened on ("Akku-Bohrschrauber" is a cordless drill), nor a pour-over kettle.
_FOR = (
    r"for|compatible with|fits|fit for|designed for|works with|suitable for|to fit"
    r"|fuer|pour(?![- ]over)|para|voor"  # German ("für": `_GERMAN_FOR`), French, Spanish, Dutch
)
# The German "für", which folding would make the English "fur" ("Faux Fur Lined").
_GERMAN_FOR = re.compile(r"\bf[üÜ]r\b", re.I)
# What "spare" and "replacement" say in prose: a spare room, spare time, a knee or meal replacement.
_PROSE_BESIDE_A_CUE = frozenset(
    "room rooms bedroom change time knee hip joint meal hormone surgery therapy recovery shake shakes".split()
)
# Whatever a seller calls a replacement or a spare is a part ("… Replacement Tray", "… Spare Front
# Wheel", "… Replacement E-Bike Battery 48V", "… Remote Control Replacement"), whether or not a
# part's word (`ACCESSORY_NOUNS`): the last word of the few after the cue (a size before them set
# aside), or the word before a cue that none follows. Prose, sale, size and colour words name none
# ("Genuine Replacement", "replacement for …", "Replacement Teats Size 2").
_NOT_A_PART = alternation(
    STOPWORDS | MARKETING_NOISE | SIZE_WORDS | COLOURS | _PROSE_BESIDE_A_CUE | {"size", "sizes"}
)
_A_PART_WORD = rf"(?!(?:{_NOT_A_PART})\b)[a-z]+(?:-[a-z]+)*(?![\w-])"  # no code's letters ("MVE-97")
_PART_AFTER = rf"(?:\d+[a-z]*\s+)?{_A_PART_WORD}"
_ACCESSORY = re.compile(
    rf"\b(?P<noun>{ACCESSORY_NOUNS})\b(?!-)[\w\s,.&/+-]{{0,40}}?\b(?:{_FOR})\b"
    rf"|\b(?:replacement|spare)\s+(?:\d+[a-z]*\s+)?(?P<after>{_A_PART_WORD}(?:\s+{_A_PART_WORD}){{0,2}})\b"
    rf"|\b(?P<before>{_A_PART_WORD})\s+replacement\b(?!\s+{_PART_AFTER}\b)"
    r"|\bcompatible with\b"
)
# A word every cue of `_ACCESSORY` holds: one of `_FOR`'s, or "replacement" or "spare".
_ACCESSORY_WORD = re.compile(rf"\b(?:{_FOR}|replacement|spare)\b")
# "… with lights for kids" says who the product is for, not what it is an accessory of; "… for
# Living Room, …" where it is used.
_FOR_WHOM_OR_WHERE = re.compile(
    rf"\s*(?:a |an |the |your |my )?(?:(?:{FOR_PEOPLE})\b"
    rf"|(?:{FOR_PLACES})(?:\s+(?:{FOR_PLACES}))*\s*(?:[,;|(]|\s[-–]\s|$))"
)

# Code-like words in a listing: letters and digits together, or a number.
# Fields where a seller states quantities and prices; the model and brand fields name the product.
_SALES_FIELDS = frozenset({"title", "description", "category"})
# A word prose leaves out run into a number ("Lot of2", "Set of4") is the word and the number,
# not a model code: the space between them is put back (in the sales text only; a model field's
# codes are as written). Not inside a code ("MFX-TO8", "QX-OR2"): a word of its own only.
_PROSE_WORD_AND_NUMBER = re.compile(r"(?<![a-z0-9-])(?:of|for|to|with|and|or|by)(?=\d+(?![a-z0-9]))")
_CODE = re.compile(r"^(?=.*\d)[a-z0-9][a-z0-9./-]*$")
_GTIN_LABEL = re.compile(
    r"^\s*(?:upc|ean|gtin|jan|isbn|barcode|bar code)(?:[- ]?(?:a|e|8|12|13|14))?\s*[:#.]?\s*", re.I
)
_WORD_CACHE_LIMIT = 200_000


# What a listing is read into. Slots dataclasses: scoring reads their fields for every candidate,
# and in CPython 3.11 a slots field reads about as fast as a local, where a NamedTuple's goes through
# a descriptor. Readings are shared by every listing that uses the word, so they are frozen; the
# rest are made afresh for each listing and are not (a frozen dataclass sets each field through
# object.__setattr__).


@dataclass(frozen=True, slots=True)
class Reading:
    """A recall word a listing word stands for."""

    word: str
    quality: float  # 1.0 exact; less when typo-corrected
    method: str  # "exact", "thousands", "spelled", "deleet", "undigit", "split", "fuzzy"


@dataclass(slots=True)
class Hit:
    """A recall-vocabulary word found in the listing."""

    quality: float  # 1.0 exact; less when typo-corrected
    field: str
    word: str  # as the listing wrote it
    method: str  # "exact", "thousands", "spelled", "deleet", "undigit", "joined", "split", "fuzzy"


@dataclass(slots=True)
class ListingWord:
    """A listing word a recall should account for: the recall words it may be, and its weight."""

    readings: tuple[str, ...]
    weight: float
    # The weights of `readings` where they are the words the written word runs together
    # ("ZephyrBoard": it names both, not either): a recall accounts for the share of them it
    # uses. Empty where they are what the word may be (a typo's corrections).
    pieces: tuple[float, ...] = ()


@dataclass(slots=True)
class UnknownWord:
    """A listing word no recall uses."""

    token: str
    weight: float


@dataclass(slots=True)
class UnknownCode:
    """A code-like listing word no recall uses: explained by a candidate that lists it as a model."""

    weight: float
    key: str  # its model key


@dataclass(slots=True)
class ListingGtin:
    field: str
    printed: str
    gtin14: str
    valid: bool  # by its check digit


@dataclass(slots=True)
class ListingCode:
    """A model number the listing may give."""

    field: str
    written: str
    key: str  # `text.model_key`
    # Read inside a longer code (the "4580" of "KB4580", `written` being the whole code): the
    # listing's code holds the notice's number. It counts only beside the notice's brand or maker
    # (`scoring.score`, `ListingView.without_inside_codes`), never as a distinctive model
    # (`scoring.model_evidence`), and a person checks it (`scoring.partial_scope`).
    inside: bool = False


@dataclass(slots=True)
class ModelClaim:
    """A code that names a model (not a size, not a word): another model than the recall's, if it
    matches none of the recall's."""

    written: str
    key: str


@dataclass(frozen=True, slots=True)
class Variant:
    """A word of the title that may name one model of a product line."""

    written: str
    key: str  # its model key ("PLUS" for a "+")
    near: tuple[str, ...]  # the canonical words up to two before it and one after it
    before: str = ""  # the canonical word right before it, if any


@dataclass(slots=True)
class ListingView:
    """A listing, analysed once, for scoring against many candidates."""

    hits: dict[str, Hit] = field(default_factory=dict)
    qualities: dict[str, float] = field(default_factory=dict)  # hits' qualities, for fast scoring
    # The recall words of letters the listing's text (not its brand field) names: where a line's
    # rare name is looked for (scoring._names_rare_word), gathered once for every candidate.
    name_words: tuple[str, ...] = ()
    # Of those, the words few notices use where the listing ships, though more use them elsewhere
    # (`_rare_where_shipped`).
    rare_here: frozenset[str] = frozenset()
    # The readings of the informative words that are rare (`Policy.rare_word_weight`) everywhere.
    rare_words: frozenset[str] = frozenset()
    # The compounds the title's type was read as (`_read_compound_type`): a type, never a line.
    compounds: frozenset[str] = frozenset()
    informative: list[ListingWord] = field(default_factory=list)
    unknown: list[UnknownWord] = field(default_factory=list)
    # The title's informative and unknown words in order, each as the recall words it may be (an
    # unknown word as itself): where in the title a word stands (`scoring._own_word_before`).
    title_words: list[tuple[str, ...]] = field(default_factory=list)
    # Of those, the words no recall uses as written, read only as typos of recall words: the
    # readings and the word as written (`out_of_scope._own_name_for_the_line`).
    guessed: dict[tuple[str, ...], str] = field(default_factory=dict)
    # The words read only as words run together ("SmartGlide": "smart", "glide"): the readings and
    # the word as written (`notice_names.coined`).
    run_together: dict[tuple[str, ...], str] = field(default_factory=dict)
    # The title's words, canonical, in order (its short words and stopwords too): which of them
    # stand next to each other (`out_of_scope._inner_word_left_out`).
    title_sequence: tuple[str, ...] = ()
    # Of those, a line's letters and its number, written apart or run together ("QZ 700", "QZ700",
    # "QZ-700"), as (letters, number): a designation a notice's name may hold whole
    # (`scoring._rare_name_word`).
    designations: frozenset[tuple[str, str]] = frozenset()
    # Of those, the words up to the product's type: a title's last words saying whom the product
    # is for, what it is like or its size (`NO_OTHER_PRODUCT`: "… High Chair Cushion Baby", "… Dog
    # Crate Cover XL") left out, so the word before them is read as what the listing sells.
    type_words: tuple[str, ...] = ()
    # Where the title breaks (a comma, a bracket, a dash set apart: `_TITLE_BREAK`), as how many
    # of `title_sequence` come before each break: a word after a break that follows the product's
    # type is what a seller adds (a colour, what comes with it), not another product.
    title_breaks: frozenset[int] = frozenset()
    # Likewise the title's words a "+" set apart follows ("Tarvo Bike + Exercise Bike"): the "+" a
    # notice's name writes on the word ("Bike+"), or a join of two items (`_TITLE_BREAK`).
    plus_apart: frozenset[int] = frozenset()
    title_ends_known: bool = False  # the last of `type_words` is a word some notice uses, as written
    informative_total: float = 0.0  # the informative words' weight, plus the unknown non-code words'
    # Of that, the weight of the model year the title states, which a notice naming no model year
    # neither explains nor is refuted by (`scoring.explained_share`).
    year_weight: float = 0.0
    year_readings: tuple[tuple[str, ...], ...] = ()  # that year as an informative word's readings
    unknown_codes: list[UnknownCode] = field(default_factory=list)
    resolved: set[str] = field(default_factory=set)  # listing words read as recall words
    codes: list[ListingCode] = field(default_factory=list)
    model_claims: list[ModelClaim] = field(default_factory=list)
    # The codes it gives after a serial, lot or batch cue ("lot no. L2302", "S/N 4410", "date code
    # 2331"): the unit's, no model number, in the notice's scope if it lists them
    # (`scoring.unit_code_given`), else outside it (`out_of_scope._another_unit`).
    unit_claims: list[ModelClaim] = field(default_factory=list)
    gtins: list[ListingGtin] = field(default_factory=list)
    brand_tokens: frozenset[str] = frozenset()
    # The maker a title names after "by" ("Whistling Teapot by Kellvane & Co"): the product's
    # brand, read as a brand field is (`scoring.names_another_brand`).
    maker_tokens: frozenset[str] = frozenset()
    # The brand the title opens with, a word only notices' brands use (`_brand_opening_the_title`):
    # the product's maker, as a brand field is, to the notices of other firms.
    title_brand: frozenset[str] = frozenset()
    accessory_cue: str | None = None  # the words that make it read as an accessory
    accessory_noun: str | None = None  # what the accessory is ("charger"), when the listing says
    accessory_words: frozenset[str] = frozenset()  # the cue's words, as names read them
    accessory_for: frozenset[str] = frozenset()  # the words after the accessory's "for": what it fits
    accessory_last: bool = False  # the accessory is the title's last word, after what it fits
    years: tuple[int, ...] = ()  # the model year the title states ("2018 Kestrow Alder 29")
    # The single letters the title writes in brackets ("Tarvo Zorbit (S)"): a model's letter where
    # the notice's name writes one (`out_of_scope._another_bracketed_letter`).
    bracketed_letters: frozenset[str] = frozenset()
    # The title's variant words: numbers and short codes that tell one model of a line from its
    # siblings ("Ridge X 1", "Glider 2.0", "Pellion 9"), not sizes, counts or years.
    variants: tuple[Variant, ...] = ()
    # The sizes of two or three sides the title writes ("24 x 36": ((), (24.0, 36.0))), read out of the
    # variants: each side is the size's, and the size tells models apart only against a notice's.
    sizes: frozenset[tuple[tuple[str, ...], tuple[float, ...]]] = frozenset()
    # The title's words of one or two letters written in capitals ("JX" of "<Line> JX Tire"), as
    # folded: where a model's code of letters may be (sellers' words and shorthand are not).
    capitals: frozenset[str] = frozenset()
    # The title's words written in small letters after a capitalised first word, read as names are:
    # describing words, not a name of the product's own ("Tarvo countertop ice crushers"; a seller
    # capitalises the line's name: "Tarvo Zesta ice crusher"). Empty where the title is written in
    # small letters throughout: there the case says nothing.
    written_small: frozenset[str] = frozenset()
    # The title and description as folded text, trade terms left out: where a storefront notice's
    # quantities and hazard objects are looked for (recall_screen.storefront), when one is a candidate.
    sales_text: str = ""
    # The ratings its sales text states ("40V": ("v", "40")), `listing_specs.RATINGS`' units.
    ratings: tuple[tuple[str, str], ...] = ()
    # It names its product in one word and nothing else but sale talk ("Vexomat", "original
    # Vexomat"), as a page's running text writes a line's name alone (`_names_one_word`).
    one_word: bool = False
    # The title opens with a model or item code ("VX09 Lantern Wax Candle", a store's item name),
    # which a notice cut short may have listed (`notice_names.opens_with_a_lost_model`).
    opens_with_code: bool = False

    def without_inside_codes(self) -> ListingView:
        """The listing as read without the numbers read inside its longer codes
        (`ListingCode.inside`): itself where there are none, as for nearly every listing."""
        if not any(code.inside for code in self.codes):
            return self
        return replace(self, codes=[code for code in self.codes if not code.inside])

    @property
    def title_tail(self) -> tuple[str, ...]:
        """The last two of the title's words up to its type, as written next to each other,
        canonical: what the product is ("... Flat Pedal Shoes": "pedal", "shoe"), read by
        `out_of_scope._companion_of_the_type`."""
        return self.type_words[-2:]

    def hit(self, token: str, quality: float, field_name: str, word: str, method: str) -> None:
        """Record that the listing uses recall word `token`, keeping the best reading of it."""
        known = self.hits.get(token)
        if known is None or known.quality < quality:
            self.hits[token] = Hit(quality, field_name, word, method)


def accessory_cue(title: str) -> re.Match[str] | None:
    """The words that make a (folded) title read as an accessory for a product, if any. Not an
    accessory the product comes with ("Tower Fan with Remote for Bedroom", "Bassinet w/Storage
    Basket"), nor one "for" whom ("… Wheels for Boys")."""
    if _ACCESSORY_WORD.search(title) is None:
        return None  # most titles: the cue's long alternations are not tried at every word
    for cue in _ACCESSORY.finditer(title):
        if (cue.group("noun") or cue.group("after") or cue.group("before")) and _COMES_WITH.search(
            title, 0, cue.start()
        ):
            continue
        if not (
            cue.group(0).endswith(("for", "fit for", "designed for", "suitable for"))
            and _FOR_WHOM_OR_WHERE.match(title, cue.end())
        ):
            return cue
    return None


# What the product comes with, just before an accessory's word: "with", "w/", "including", "plus"
# (and "avec", "mit", "con", "met"), and up to two words ("with training wheels", "w/storage basket").
_COMES_WITH = re.compile(
    r"(?:\bwith|\bw/|\bincl(?:uding|udes)?|\bplus|\+|\bavec|\bmit|\bcon|\bmet)\s*(?:[\w-]+\s+){0,2}$"
)


def accessory_noun(cue: re.Match[str]) -> str | None:
    """What an accessory cue (`accessory_cue`) says the accessory is ("charger", "Ladegerät" too),
    as a token; the part a word saying only that it is sold as a part opens ("charger" of
    "replacement charger for …"); None where the cue names the product alone ("compatible with …")."""
    noun = cue.group("noun") or cue.group("after") or cue.group("before")
    if not noun:
        return None
    # The last part's word before a "for" ("battery charger for …" sells a charger), or of the words
    # naming the part.
    word = _A_PART_WORDS.findall(cue.group(0))[-1] if cue.group("noun") else noun.split()[-1]
    if cue.group("noun") and word in SOLD_AS_A_PART:
        following = cue.group(0).split()[1:2]
        if following and _A_PART_WORDS.fullmatch(following[0]):
            word = following[0]
    return canonical_token(FOREIGN_PARTS.get(word, word))


_A_PART_WORDS = re.compile(rf"\b(?:{ACCESSORY_NOUNS})\b")

# Parts and add-ons a title names as its product after what they fit, with no "for" ("<Line> V3
# battery charger", "<Model> blade", "<Line> stroller rain cover"). Not the part words that are
# products as often (lights, lamps, bulbs, books, kits, bags, wheels, cushions, brackets, holders,
# hooks, tubes, keychains, remotes). A mount is a part but against a notice of mounts
# (`scoring._recall_is_accessory`).
_TRAILING_PARTS = frozenset(
    map(
        canonical_token,
        "battery charger blade filter cover case strap mount adapter adaptor cable cord manual decal "
        "sticker skin protector liner insert knob screw mudguard fender attachment canopy tire tyre".split(),
    )
)
_BRACKETED = re.compile(r"\([^()]*\)?")
_BREAK = re.compile(r"[,;|(]|\s[-–]\s")
# What says a product comes with the part, before it: "Tarvo e-bike with battery" (the words of
# `_COMES_WITH`, as a title's tokens read them).
_WITH_WORDS = frozenset("with w incl including includes plus avec mit con met".split())


def _ends_in_a_part(type_words: tuple[str, ...]) -> int | None:
    """Where a title's last word of letters (after its sizes and ratings: "… blade 165mm 24T") is a
    part (`_TRAILING_PARTS`) after the words of what it fits, in a title that does not say what the
    product comes with; None otherwise."""
    at = len(type_words) - 1
    while at > 0 and not type_words[at].isalpha():
        at -= 1
    if at < 2 or type_words[at] not in _TRAILING_PARTS:
        return None
    if _WITH_WORDS.intersection(type_words[:at]):
        return None
    return at


# Words a title may end in after the product's type that say whom it is for, what it is like, its
# size, its colour or its finish ("… High Chair Baby", "… Earbuds Waterproof", "… 3 months+", "… Dog
# Crate XL", "… Crib Mattress Grey", "… Dresser Rustic Oak"), and name no product of their own
# (`ListingView.type_words`).
NO_OTHER_PRODUCT = frozenset(
    map(canonical_token, PEOPLE_WORDS | PROPERTY_WORDS | SIZE_WORDS | SIZE_LETTERS | COLOURS | FINISHES)
)
# Words that say which shade of a colour after them ("… Sky Blue", "… Cream Beige", "… Dark Grey"):
# of the colour, read with it. Not the shades that are products too ("light", "charcoal", "stone").
_SHADES = frozenset(
    map(canonical_token, "dark deep pale bright soft dusty sky ocean forest royal jet snow cream hot".split())
)
_COLOUR_WORDS = frozenset(map(canonical_token, COLOURS))
# How a second-hand seller ends a title with the state of the unit or the terms of the sale ("…
# Rain Cover - used", "… Kettle Ex Display", "… Grinder Bare Tool", "… Charger for parts", "… £20
# ono", "… Cover only"): no product of their own, so the word before them is what is sold. A
# longer phrase is read before a shorter one it ends in: "Body Only" leaves the body's product,
# "Cover only" the cover. (`_SALE_TAILS` come off the title's words before.)
_SALE_TALK_AT_THE_END = frozenset(
    tuple(map(canonical_token, phrase.split()))
    for phrase in (
        "used preowned pre-owned refurbished refurb mint demo seconds receipt delivery obo ono ovno "
        "firm neg negotiable swap trade sealed unopened unused boxed tested working spares solo bare "
        "old pair nwot euc vguc guc"
    ).split()
    + (
        "for parts, for parts or repair, for repair, spares or repair, ex display, must go, bare tool, "
        "tool only, body only, skin only, unit only, used once, never used, barely used, gently used, "
        "travel size, trial size, full size, pickup only, collection only, only"
    ).split(", ")
)
# Those phrases by their last word, the longest first: a title's last word finds them at once.
_SALE_TALK_ENDING_IN: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(_SALE_TALK_AT_THE_END, key=len, reverse=True):
    _SALE_TALK_ENDING_IN.setdefault(_phrase[-1], []).append(_phrase)
# How many units a listing sells, or how old or used the unit is, as a title ends in it ("… Sheet
# 2 Pack", "… 2-Pack", "… x2", "… Pack of 2", "… (3 pcs)", "… 2 years old", "… 300 miles"): the
# number and its word, in either order, or run together.
_UNITS_SOLD = frozenset(
    map(canonical_token, COUNT_WORDS | {"pk", "years", "months", "weeks", "days", "hours", "miles", "km"})
)
_UNITS_SOLD_RUN_TOGETHER = re.compile(rf"(?:\d+-?(?:{alternation(_UNITS_SOLD)})|x\d+|\d+x)")


# -- the listing -----------------------------------------------------------------------------------

# A model year as sellers shorten it, its last two digits after an apostrophe or "MY" ("'14 Tarvo
# Tandem", "Tarvo Kolt 8 ’19", "Tarvo Kolt MY21"): not a number of the line's ("14" read as a
# variant was another model), nor a code ("MY21" read as a model the notice does not list). Not a
# quoted number ("'14'"), a word's apostrophe ("rock'n'roll"), a decimal, nor a size or a count in
# quotes ("'20 inch'", "'24\"", "'12 Piece'"): those say what the product measures or holds.
_SHORT_YEAR = re.compile(
    r"(?P<mark>(?<![\w'’‘`])['’‘`]|\bMY)(?P<short>\d\d)"
    rf"(?![\w'’‘`]|[.,]\d|\s*[\"”″]|\s*(?:{alternation(LISTING_SIZE_SUFFIXES)})\b)",
    re.I,
)


def _text_fields(listing: Listing) -> dict[str, str]:
    """The listing's text fields as they are read: the title's model years written whole."""
    fields = listing.text_fields()
    fields["title"] = _years_written_whole(listing.title)
    return fields


def _years_written_whole(title: str) -> str:
    """The title with each model year written short ("'14", "MY14") written whole ("2014",
    "MY2014"), as the readers of its years, variants and words take it."""
    # Every title passes here: one without an apostrophe or "my" (nearly all) is not searched.
    low = lower_for_words(title)
    if low is not None and "my" not in low and not any(mark in title for mark in _YEAR_MARKS):
        return title
    return _SHORT_YEAR.sub(_whole_year, title)


_YEAR_MARKS = "'’‘`"  # the apostrophes `_SHORT_YEAR` reads a short year after


def _whole_year(found: re.Match[str]) -> str:
    """The year a short one (`_SHORT_YEAR`) stands for: this century's up to next year (a model
    year runs ahead of the calendar), the last century's from 1980 (the earliest a notice's
    model years are read from); between them, no model year: left as written ("'65 Roadster")."""
    short, mark = int(found.group("short")), found.group("mark")
    prefix = mark if mark.isalpha() else ""  # "MY" stays before the year: "MY2014" reads as one
    if short <= (now_utc().year + 1) % 100:
        return f"{prefix}{2000 + short}"
    return f"{prefix}{1900 + short}" if short >= 80 else found.group(0)


def analyse(listing: Listing, index: RecallIndex, policy: Policy) -> ListingView:
    view = ListingView()
    words_read = _READINGS.get(index)
    if words_read is None:
        words_read = _READINGS.setdefault(index, {})
    seen: set[tuple[str, ...]] = set()  # readings already counted as informative
    title_found = False
    described = False  # whether the description names the product the title does not
    sales: dict[str, str] = {}  # the sales fields as their words are read (`_as_sales_text`)
    signs = 0  # the "+" signs written on the title's words, each read as the word "plus"
    for field_name, value in (fields := _text_fields(listing)).items():
        if field_name == "gtin":
            _read_gtin_field(value, view)
            continue
        folded = fold(value)
        if field_name in _SALES_FIELDS:
            # The seller's terms are taken out where the field's words name the product: the title,
            # or a description that names what the title does not (the rest need not be explained).
            terms = field_name == "title" or (field_name == "description" and not title_found)
            folded = sales[field_name] = _as_sales_text(folded, terms=terms)
            view.sales_text = f"{view.sales_text} | {folded}" if view.sales_text else folded
        words = WORD.findall(_PLUS.sub(" plus", folded))
        parts, purpose_from = (
            _title_parts(words, index) if field_name == "title" else (_parts(words, index), None)
        )
        if field_name == "title":
            signs = _read_the_title(view, value, folded, words, index, policy, listing.ship_to)
        # A listing that names its product only in the description ("Great item, see
        # description") is explained by its description.
        explained = field_name in EXPLAINED_FIELDS or (field_name == "description" and not title_found)
        if field_name == "description" and not title_found:
            described = True
        coined = coined_words(value)
        found = _read_words(
            field_name, parts, explained, index, policy, view, seen, words_read, coined, purpose_from
        )
        title_found = title_found or found
        if field_name == "brand" and not says_none(value):
            view.brand_tokens = frozenset(t for t, _ in parts if t not in FIRM_WORDS)
        if field_name != "brand":
            for printed, code, valid in gtins.find_gtins(value):
                view.gtins.append(ListingGtin(field_name, printed, code, valid))
        if field_name in CODE_FIELDS:
            _collect_codes(field_name, value, words, index, view)
    _read_compound_type(view, index, policy)
    _total(view)
    view.rare_here = _rare_where_shipped(view.name_words, listing.ship_to, index, policy)
    view.rare_words = frozenset(
        t for word in view.informative if word.weight >= policy.rare_word_weight for t in word.readings
    )
    _read_what_names_the_model(view, fields["title"], sales, described, index)
    view.one_word = _names_one_word(view, signs)
    view.opens_with_code = _opens_with_an_item_code(view)
    _whole_codes_first(view)
    return view


def _read_the_title(
    view: ListingView,
    title: str,
    folded: str,
    words: list[str],
    index: RecallIndex,
    policy: Policy,
    ship_to: str | None,
) -> int:
    """What the title's words say beside the recall words they read as: their order, its type,
    its designations and breaks, the brand it opens with, what only its writing tells. How many
    "+" signs it writes on its words, each read as the word "plus"."""
    _read_as_written(view, title)
    view.title_sequence = _without_sale_tail(tuple(canonical_token(word) for word in words), index.by_token)
    view.designations = _designations(view.title_sequence)
    if "(" in folded:
        view.bracketed_letters = frozenset(BRACKETED_LETTER.findall(folded))
    view.type_words = _up_to_the_type(view.title_sequence)
    view.title_ends_known = bool(view.type_words) and type_word(view.type_words[-1]) in index.by_token
    view.title_breaks = _words_before(_TITLE_BREAK, folded, len(view.title_sequence))
    view.plus_apart = _words_before(_PLUS_APART, folded, len(view.title_sequence))
    view.title_brand = _brand_opening_the_title(view, index, policy, ship_to)
    return len(_PLUS.findall(folded))


def _whole_codes_first(view: ListingView) -> None:
    """The codes read inside longer ones after the others: a model number the listing also gives
    whole is evidence as given whole (`scoring.model_evidence` takes each model's first code)."""
    if any(code.inside for code in view.codes):
        view.codes.sort(key=attrgetter("inside"))


def _opens_with_an_item_code(view: ListingView) -> bool:
    """Whether the title's first word is a code of the listing's that reads as a model or item
    code: letters and at least two digits ("vx09", "s30"), not a size ("12v", "10in"). A brand
    written with a digit ("K2") has one."""
    if not view.codes or not view.title_words:
        return False
    first = view.title_words[0]
    return any(
        code.written in first
        and sum(c.isdigit() for c in code.written) >= 2
        and any(c.isalpha() for c in code.written)
        and not measure_like(code.written)
        for code in view.codes
    )


# How sellers end a title with the state of the unit for sale, not the product ("… Brand New in
# Box", "… NIB", "… new with tags", "… Open Box", "… low miles"), as canonical tokens.
_SALE_TAILS = (
    ("brand", "new", "in", "box"),
    ("new", "in", "box"),
    ("new", "in", "original", "box"),
    ("in", "original", "box"),
    ("sealed", "in", "box"),
    ("new", "in", "package"),
    ("new", "with", "tag"),
    ("open", "box"),
    ("like", "new"),
    ("low", "mile"),
    ("nib",),
    ("bnib",),
    ("nwt",),
)


def _brand_opening_the_title(
    view: ListingView, index: RecallIndex, policy: Policy, ship_to: str | None
) -> frozenset[str]:
    """The words of the brand the title opens with: a word few notices use (`BRAND_USES_READ` at
    most), each of which files its product under a brand of that word, written whole at the title's
    start. A title opening "Tarvo Puffer Coat" names Tarvo as its maker, as a brand field would, and
    a notice of another firm's puffer jacket that never writes "Tarvo" is another firm's product
    (`scoring.names_another_brand`). Not a word some notice uses of its product ("Cozy Fleece
    Blanket"), however rare: sellers open titles with such words; and only a brand of a notice that
    applies where the listing ships (another market's brand may be this market's theme or store).
    Empty when it opens with none."""
    sequence = view.title_sequence
    if not sequence or index.weights.get(sequence[0], 0.0) < policy.rare_word_weight:
        return frozenset()
    users = index.by_token.get(sequence[0], ())
    if not users or len(users) > BRAND_USES_READ:
        return frozenset()
    found: frozenset[str] = frozenset()
    for position in users:
        brands = [items for _, items, _ in index.profile(position).weighted_brands if sequence[0] in items]
        if not brands:
            return frozenset()  # a word of a product's, not only a brand's
        if found or not jurisdiction.applies(index.countries(position), ship_to):
            continue
        for items in brands:
            words = tuple(word for word, weight in items.items() if weight > 0.0)
            if words == sequence[: len(words)]:
                found = frozenset(words)
    return found


# The most notices a title's first word is looked up in, to tell whether it is only ever a brand:
# a rare word's few (their profiles decoded, most of them kept), not a common word's thousands.
BRAND_USES_READ = 24


def type_word(word: str) -> str:
    """The word a title's last word names its type by: itself, or the word after the electric's
    "e-" ("e-bike": a bicycle, as the notices read "E-Bikes")."""
    if not word.startswith("e-"):
        return word
    last = word[2:]
    return canonical_token(last) if last.isalpha() else word


def _without_sale_tail(sequence: tuple[str, ...], vocab: Container[str]) -> tuple[str, ...]:
    """A title's words without the words on the state of the unit it ends in: the product's
    type is the word before them ("Tarvo QX450 Scooter Brand New in Box" is a scooter). A one-word
    tail a recall uses is a name's ("Tarvo Glide Nib"), and stays."""
    for tail in _SALE_TAILS:
        if (
            sequence[-len(tail) :] == tail
            and len(sequence) > len(tail)
            and (len(tail) > 1 or tail[0] not in vocab)
        ):
            return sequence[: -len(tail)]
    return sequence


def _words_before(mark: re.Pattern[str], folded: str, words: int) -> frozenset[int]:
    """How many of a (folded) title's words come before each place `mark` finds, up to `words`
    (the title's): a break after the title's third word is 3."""
    if mark.search(folded) is None:
        return frozenset()  # most titles
    return frozenset(
        min(words, len(WORD.findall(_PLUS.sub(" plus", folded[: found.start()]))))
        for found in mark.finditer(folded)
    )


# Where a title's name ends and what a seller adds begins: a comma (not a number's), a semicolon
# or colon, a bracket, a bar, a dash, slash or "+" set apart, or a "with" written "w/" ("… Hair
# Dryer, Rose Gold", "… Stroller + Rain Cover", "… Crib w/ Mattress"). Not "&", which joins the
# products an accessory is for as often ("… Bike & Scooter Helmet").
_TITLE_BREAK = re.compile(r",(?!\d)|[;:(|]|\s[-–—/+]\s|\bw/")
_PLUS_APART = re.compile(r"(?<=[a-z0-9]) \+(?=\s|$)")


def _up_to_the_type(sequence: tuple[str, ...]) -> tuple[str, ...]:
    """A title's words without the last ones that say whom its product is for, what it is like,
    its size or colour (`NO_OTHER_PRODUCT`, a colour with its shade: `_SHADES`), how many units
    are sold (`_counted_at_the_end`) or in what state (`_SALE_TALK_AT_THE_END`); a title of such
    words alone keeps its first."""
    end = len(sequence)
    while end > 1:
        if sequence[end - 1] in NO_OTHER_PRODUCT:
            end -= 1
            if sequence[end] in _COLOUR_WORDS and end > 1 and sequence[end - 1] in _SHADES:
                end -= 1
        elif counted := _counted_at_the_end(sequence[:end]):
            end -= counted
        elif talk := _sale_talk_at_the_end(sequence[:end]):
            end -= talk
        else:
            break
    return sequence[: max(end, 1)]


def _sale_talk_at_the_end(sequence: tuple[str, ...]) -> int:
    """How many of a title's last words are sale talk (`_SALE_TALK_AT_THE_END`): 0 for none."""
    for phrase in _SALE_TALK_ENDING_IN.get(sequence[-1], ()):
        if sequence[-len(phrase) :] == phrase:
            return len(phrase)
    return 0


def _counted_at_the_end(sequence: tuple[str, ...]) -> int:
    """How many of a title's last words count the units it sells ("2 pack", "pack of 2", "2-pack",
    "x2"): 0 for none. A number alone is no count: "… Crib 3" may name the model."""
    last = sequence[-1]
    if _UNITS_SOLD_RUN_TOGETHER.fullmatch(last):
        return 1
    if len(sequence) >= 2 and last in _UNITS_SOLD and sequence[-2].isdigit():
        return 2
    if len(sequence) >= 3 and last.isdigit() and sequence[-2] == "of" and sequence[-3] in _UNITS_SOLD:
        return 3
    return 0


def _names_one_word(view: ListingView, signs: int) -> bool:
    """Whether the listing names its product in one word and nothing else but sale talk: read
    once per listing, for every candidate's scoring and bound. A "+" written on the word
    ("Vexomat+", one of the title's `signs`) is of it, though read as a word of its own ("plus")
    to tell the siblings apart; a "Plus" written out is a word of the title's, as a tier's is."""
    pluses = sum(word.readings == ("plus",) for word in view.informative) if signs else 0
    named = sum(word not in MARKETING_NOISE and word not in STOPWORDS for word in view.title_sequence)
    return (
        len(view.informative) - min(pluses, signs) == 1
        and not view.unknown
        and not view.unknown_codes
        # (A pair after sale talk, "High Chair", is not counted as informative: the words as
        # written say whether there is more than one.)
        and named - (min(view.title_sequence.count("plus"), signs) if signs else 0) <= 1
    )


# The length from which a code run together was read apart before short ones were (`_read`).
_WHOLE_CODE = 5


def _short_code(word: str) -> bool:
    """Whether a word with a digit is one of the short codes read apart only where no unit or count
    is among its pieces, and whose variant is read apart too (`_a_lines_letters_and_number`)."""
    return len(word) < _WHOLE_CODE and not word.isalpha()


def _read_what_names_the_model(
    view: ListingView, title: str, sales: dict[str, str], described: bool, index: RecallIndex
) -> None:
    """The listing's model year, ratings, variants (read where the product is named: the title,
    and the description when it names the product the title does not) and accessory cue."""
    view.years = listing_years(title)
    view.year_readings = tuple((str(year),) for year in view.years)
    view.year_weight = sum([word.weight for word in view.informative if word.readings in view.year_readings])
    if view.sales_text:
        view.ratings = tuple(sorted(q for q in quantities(view.sales_text) if q[0] in RATINGS))
    # A short code no notice uses, read as a line's letters and number written apart ("qx8" as the
    # "QX 8" a notice names: `_read`), names its variant as written apart too; not a piece of a
    # notice's model number the listing gives re-spaced ("EN1 078"). A longer code ("tx500") keeps
    # its variant whole: a number the notice's prose gives ("Bluetooth 5") is no model of its line.
    apart = frozenset(
        hit.word
        for hit in view.hits.values()
        if hit.method == "split"
        and _short_code(hit.word)
        and hit.word not in index.by_token  # looked up: the postings' words are not a set to iterate
    )
    if apart and view.codes:
        given = (code.written for code in view.codes if code.key in index.by_model)
        apart = apart.difference(word for written in given for word in fold(written).split())
    view.variants = _variants(sales.get("title", ""), apart) + (
        _variants(sales["description"], apart) if described else ()
    )
    view.sizes = sizes_of_sides(sales.get("title", ""))
    folded = fold(_GERMAN_FOR.sub("fuer", title))
    cue = accessory_cue(folded)
    if cue:
        view.accessory_cue = cue.group(0).strip()
        view.accessory_noun = accessory_noun(cue)
        view.accessory_words = frozenset(name_tokens(view.accessory_cue))
        view.accessory_for = frozenset(name_tokens(folded[cue.end() :]))
    else:
        # The product is named before the title's first break: what follows a comma, or stands in
        # brackets, says what it is like or runs on ("… Shot Glasses Set of 6, Button Cell
        # Batteries", "… Glasses (button battery)").
        words = view.type_words
        if _BREAK.search(folded) is not None:
            named = _BREAK.split(_BRACKETED.sub(" ", folded), 1)[0]
            words = _up_to_the_type(tuple(canonical_token(w) for w in WORD.findall(named)))
        if (at := _ends_in_a_part(words)) is not None:
            part = words[at]
            view.accessory_cue = view.accessory_noun = part
            view.accessory_words = frozenset((part,))
            # What it fits; not itself, named twice ("Travel Charger · charger").
            view.accessory_for = frozenset(words[:at]) - {part}
            view.accessory_last = True


def _read_gtin_field(value: str, view: ListingView) -> None:
    """ "047406110124", "0 47406 11012 4", "UPC: 047406110124; EAN ...": the codes of a GTIN field."""
    for piece in re.split(r"[,;|/]", value):
        code = _GTIN_LABEL.sub("", piece).strip()
        found = gtins.canonical(code)
        if found:
            view.gtins.append(ListingGtin("gtin", code, found[0], found[1]))
        else:  # "687064042100 (UPC)", "#687064042100": the field itself says it is a code
            for printed, gtin14, valid in gtins.find_gtins("GTIN " + piece):
                view.gtins.append(ListingGtin("gtin", printed, gtin14, valid))


# A word whose capitals are inside it ("DUNtainer", "SnowSprite", "StrideGO", "eReader") is a
# coined name, spelt as its owner chose: the ordinary words in it are there on purpose.
_COINED = re.compile(r"\b(?=[A-Za-z]*[a-z][A-Z]|[A-Z]{2,}[a-z]{2})[A-Za-z]{4,}\b")


# Where the capitals part a coined word: at each capitalised word ("UsQuorra": "Us",
# "Quorra"), or, when capitals run into small letters, at each change ("QRdownhill": "QR",
# "downhill").
_CAPITALISED_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
_CASE_PARTS = re.compile(r"[A-Z]+|[a-z]+")
_CAPITALS_THEN_SMALL = re.compile(r"[A-Z]{2}[a-z]")


def coined_words(value: str) -> dict[str, tuple[str, ...]]:
    """The coined names among a field's words, lower-cased as `fold` writes them, with the parts
    their capitals mark, lower-cased ("" between two ways to part them): a seller running two
    words together writes one too."""
    if value.islower() or value.isupper():
        return {}
    found = {}
    for word in _COINED.findall(value):
        parts = _CAPITALISED_PARTS.findall(word)
        if _CAPITALS_THEN_SMALL.search(word):
            parts += ["", *_CASE_PARTS.findall(word)]
        found[word.lower()] = tuple(part.lower() for part in parts)
    return found


def _parts(words: list[str], index: RecallIndex) -> list[tuple[str, str]]:
    """(canonical token, as written) of a field's words, split at inner punctuation unless joined
    they are a recall word ("e-bike" for "ebike", "handl-ebars" for "handlebars")."""
    parts: list[tuple[str, str]] = []
    vocab = index.by_token
    for word in words:
        if "-" in word:
            joined = canonical_token(word.replace("-", ""))
            if joined in MARKETING_NOISE and joined.isalpha():
                # "Ship-ping", "Auth-entic": sale talk cut by a hyphen is sale talk, whatever its
                # pieces are (not a range of numbers, "20-24", whose pieces joined may be a year).
                parts.append((joined, word.replace("-", "")))
                continue
            # "Fira-Glow" is "firaglow" to one notice and "fira glow" to another: two words
            # each a recall word are read apart, and `_read_words` reads them joined too.
            if joined in vocab and not _words_apart(word, vocab) and not _counts_apart(word):
                parts.append((joined, word))
                continue
            if _no_word_apart(word, vocab) and _correct(joined, index):
                # "Helm-ets": a hyphen that cuts a word into pieces that are no words is a typo
                # or an evasion; the word is one, as written without it, when it reads as a recall
                # word.
                parts.append((joined, word.replace("-", "")))
                continue
        for part in split_word(word):
            if part not in STOPWORDS:
                parts.append((canonical_token(part), part))
    return parts


def _no_word_apart(word: str, vocab: Container[str]) -> bool:
    """Whether a hyphenated word's pieces are letters, and none a recall word, sale talk or a
    word prose leaves out."""
    pieces = word.split("-")
    return all(
        piece.isalpha() and piece not in vocab and piece not in MARKETING_NOISE and piece not in STOPWORDS
        for piece in pieces
    )


def _counts_apart(word: str) -> bool:
    """Whether a hyphenated word is numbers and words prose leaves out ("3-in-1", "2-in-1"): read
    apart, as notices' names are, though some notice writes it as one word."""
    return all(piece.isdigit() or piece in STOPWORDS for piece in word.split("-"))


def _words_apart(word: str, vocab: Container[str]) -> bool:
    """Whether a hyphenated word is two words, each of three letters or more a recall word, or the
    electric's "e" and such a word ("e-bike": notices write "E-Bikes" as "e" and "bicycle", and
    others "eBikes" as one word; read apart and joined, it is either). Not another letter's: in
    "T-Shirt" or "V-Lock" the letter names the type, and the word alone is another product's."""
    pieces = word.split("-")
    if len(pieces) != 2:
        return False
    first, second = pieces
    return (
        len(second) >= 3
        and canonical_token(second) in vocab
        and ((len(first) >= 3 and canonical_token(first) in vocab) or first == "e")
    )


def _read_words(
    field_name: str,
    parts: list[tuple[str, str]],
    explained: bool,
    index: RecallIndex,
    policy: Policy,
    view: ListingView,
    seen: set[tuple[str, ...]],
    words_read: dict[str, list[Reading]],
    coined: Mapping[str, tuple[str, ...]] | None = None,
    purpose_from: int | None = None,
) -> bool:
    """Record the recall words the field's words stand for, and the words a recall should account
    for (from part `purpose_from` on, the words of what the product is for, at
    `Policy.purpose_weight`). Whether this is the title and it names a recall word that counts."""
    vocab = index.by_token
    weights = index.weights
    title_found = False
    # "blue star" for "bluestar", "hover board" for "hoverboard": two words that are one recall word
    # are one word of the listing, which a recall having that word accounts for whole.
    pairs = {
        i: token + parts[i + 1][0]
        for i, (token, _) in enumerate(parts[:-1])
        if token + parts[i + 1][0] in vocab
    }
    for i, (token, written) in enumerate(parts):
        found = _resolve(token, written, index, policy, words_read, coined.get(written, ()) if coined else ())
        if token[:1].isdigit() and (spelled := _spelled_in_a_names_place(parts, i, vocab)):
            found = [*found, Reading(spelled, 1.0, "spelled")]
        for reading in found:
            view.hit(reading.word, reading.quality, field_name, written, reading.method)
        if found:
            view.resolved.add(written)
        pair = pairs.get(i)
        if pair is not None:
            view.hit(pair, 1.0, field_name, f"{written} {parts[i + 1][1]}", "joined")
        if i - 1 in pairs:
            continue  # the second word of a pair: counted with the first
        if (
            explained
            and token not in MARKETING_NOISE
            and token not in LEGAL_FORMS
            and token not in COLOURS
            and token not in _BUNDLE_TOKENS
            # (Only a word read apart may be sale talk run together: most words skip the check.)
            and (
                (found and found[0].method != "split")
                or not _sale_talk_run_together(token, found, coined.get(written, ()) if coined else ())
            )
        ):
            title_found = title_found or (field_name == "title" and bool(found))
            if pair is not None:
                following = parts[i + 1]
                found = [Reading(pair, 1.0, "joined"), *found]
                found += _resolve(
                    following[0],
                    following[1],
                    index,
                    policy,
                    words_read,
                    coined.get(following[1], ()) if coined else (),
                )
            share = policy.purpose_weight if purpose_from is not None and i >= purpose_from else 1.0
            # A pair read as one word ("10000 mAh" as "10000mah") is a rating as it would be written whole.
            if _a_rating(pair or token, parts, i):
                share = min(share, policy.rating_weight)
            read = _count_word(token, found, weights, policy, view, seen, share)
            if field_name == "title" and read:
                view.title_words.append(read)
    return title_found


# What comes with the product ("Bike Basics", "Starter Bundle"): how it is sold, which no notice
# need account for.
_BUNDLE_TOKENS = frozenset(map(canonical_token, BUNDLE_WORDS))


def _a_rating(token: str, parts: list[tuple[str, str]], i: int) -> bool:
    """Whether a word states what the product is rated at: a quantity with its unit ("115v",
    "37db") or a rating's unit after its number ("11,800 BTU"). What the model does, not which
    model it is: it weighs `Policy.rating_weight` of a word in the share a notice explains."""
    if token.isalpha():
        return token in _RATING_UNITS and i > 0 and parts[i - 1][1][-1:].isdigit()
    if token.isdigit() and i + 1 < len(parts) and parts[i + 1][0] in _RATING_UNITS:
        return True  # the number of "12,000 BTU"
    return measure_like(token) and not _A_YEAR.match(token)  # a year is the model's (scope)


_A_YEAR = re.compile(r"^(?:19|20)\d\d")
# A rating's unit written apart from its number.
_RATING_UNITS = frozenset(
    "btu btus watt watts volt volts amp amps mah wh kw kwh hp cc psi db lm lumens".split()
)


def _title_parts(words: list[str], index: RecallIndex) -> tuple[list[tuple[str, str]], int | None]:
    """The title's parts (`_parts`), and where among them what the product is for begins ("…
    Steam Cleaner for Tile, Grout, Windows"), if the title says so after the product's name."""
    purpose = _purpose_clause(words)
    if purpose is None:
        return _parts(words, index), None
    named = _parts(words[:purpose], index)
    return named + _parts(words[purpose:], index), len(named)


def _purpose_clause(words: list[str]) -> int | None:
    """Where a title goes on to say what the product is for ("… Steam Cleaner for Tile, Grout,
    Windows"): the position of the first "for" after the product's name (two words at least),
    with words after it. Sellers pile search words there; they do not name the product."""
    for i in range(2, len(words) - 1):
        if words[i] == "for":
            return i
    return None


def _sale_talk_run_together(token: str, found: list[Reading], coined: tuple[str, ...]) -> bool:
    """Whether a word is sale talk run together ("LimitedStock", "freeshipping"): read apart into
    words of sale talk, or, where no recall uses them, parted by its capitals or in two into sale
    talk and words prose leaves out. It says nothing of the product, as its words apart would not."""
    if found:
        return all(reading.method == "split" and reading.word in MARKETING_NOISE for reading in found)
    if coined:
        parts = coined[: coined.index("")] if "" in coined else coined
        return any(p in MARKETING_NOISE for p in parts) and all(
            p in MARKETING_NOISE or p in STOPWORDS for p in parts
        )
    return len(token) >= 6 and any(
        token[:i] in MARKETING_NOISE and token[i:] in MARKETING_NOISE for i in range(2, len(token) - 1)
    )


def _count_word(
    token: str,
    found: list[Reading],
    weights: dict[str, float],
    policy: Policy,
    view: ListingView,
    seen: set[tuple[str, ...]],
    share: float = 1.0,
) -> tuple[str, ...]:
    """Count a word a recall should account for, as the recall words it may be (once per
    readings), or as a word no recall uses, at `share` of its weight. What it was read as: its
    readings, itself when unknown, nothing for a number no recall uses."""
    if found:
        readings = tuple(dict.fromkeys([reading.word for reading in found]))
        if readings not in seen:
            seen.add(readings)
            weighed = [weights.get(t, 1.0) for t in readings]
            weight = max(weighed)
            if all(reading.method == "fuzzy" for reading in found):
                # A correction is a guess ("Quemby" read as "Quenby"): the word weighs what an
                # unknown word does, not what the rare word it may be does.
                weight = min(weight, policy.unknown_word_weight)
                view.guessed[readings] = token
            pieces: tuple[float, ...] = ()
            if len(readings) > 1 and all(reading.method == "split" for reading in found):
                # Sale talk run into a word ("ChargerGift") names nothing a recall must account for.
                pieces = tuple(
                    [0.0 if t in MARKETING_NOISE else w for t, w in zip(readings, weighed, strict=True)]
                )
                view.run_together[readings] = token
            view.informative.append(ListingWord(readings, weight * share, pieces))
        return readings
    if token.isdigit():
        return ()
    # A short unknown word is as likely an abbreviation or a mangled word as a product.
    weight = policy.unknown_word_weight * (0.3 if len(token) <= 3 else 1.0) * share
    view.unknown.append(UnknownWord(token, weight))
    return (token,)


# A word used by more notices than this is common somewhere near the listing anyway: its
# postings are not walked.
_LOCAL_POSTINGS_LIMIT = 64


def _rare_where_shipped(
    words: tuple[str, ...], ship_to: str | None, index: RecallIndex, policy: Policy
) -> frozenset[str]:
    """The words that are rare (`Policy.rare_word_weight`) among the notices that apply where the
    listing ships, though not among all: one product recalled by four regulators is one product
    to a listing shipped to one of them ("Pindle" in a speaker's notices in four markets)."""
    if ship_to is None:
        return frozenset()
    weights = index.weights
    most = _rare_count(len(index), policy.rare_word_weight)  # notices a rare word may have
    found = set()
    for word in words:
        if not policy.maker_word_weight <= weights.get(word, 1.0) < policy.rare_word_weight:
            continue
        positions = index.by_token.get(word, ())
        if len(positions) > _LOCAL_POSTINGS_LIMIT:
            continue
        here = 0
        for position in positions:
            if jurisdiction.applies(index.countries(position), ship_to):
                here += 1
                if here > most:
                    break
        if 0 < here <= most:
            found.add(word)
    return frozenset(found)


@lru_cache(maxsize=64)
def _rare_count(recalls: int, weight: float) -> int:
    """The most notices of `recalls` a word may have and still weigh `weight` (`rarity`)."""
    count = 0
    while count < recalls and rarity(count + 1, recalls) >= weight:
        count += 1
    return count


def _total(view: ListingView) -> None:
    """The view's sums, once every field is read."""
    view.qualities = {t: h.quality for t, h in view.hits.items()}
    view.name_words = tuple(
        t for t, h in view.hits.items() if t.isalpha() and h.field != "brand" and t not in view.compounds
    )
    view.informative_total = sum([word.weight for word in view.informative])
    for unknown in view.unknown:
        if _CODE.match(unknown.token):  # explained if it is one of the candidate recall's model numbers
            view.unknown_codes.append(UnknownCode(unknown.weight, model_key(unknown.token, folded=True)))
        else:
            view.informative_total += unknown.weight


def _read_compound_type(view: ListingView, index: RecallIndex, policy: Policy) -> None:
    """Read the product type the title ends in as the compound a notice files it under, where that
    notice uses a rare word of the listing too: "Acme skincare fridges" is Acme's "minifridges",
    "Acme Board 2" Acme's "electric skateboards". Sellers name the type by its last part; the rare
    word (most often the brand) says which compound is meant, as a candidate settles a typo's
    readings, and proposes the candidates: the compound proposes none (`candidates._by_names`).
    A guess, so it counts as a correction does."""
    head = next(
        (
            word
            for word in reversed(view.title_sequence)
            if word.isalpha() and word not in MARKETING_NOISE and word not in STOPWORDS
        ),
        None,
    )
    if head is None:
        return
    compounds = _compounds_beside_rare_words(head, view, index, policy)
    if not compounds:
        return
    view.compounds = frozenset(compounds)
    written = view.hits[head].word if head in view.hits else head
    for compound in compounds:
        view.hit(compound, policy.fuzzy_quality, "title", written, "compound")
    # The title's word now stands for the compounds too: a notice using one accounts for it, and
    # it weighs what it did (a guess makes no word rarer).
    for word in view.informative:
        if head in word.readings:
            word.readings, word.pieces = (*word.readings, *compounds), ()
            break
    else:
        for unknown in view.unknown:
            if unknown.token == head:
                view.unknown.remove(unknown)
                view.informative.append(ListingWord(tuple(compounds), unknown.weight))
                break
    view.title_words = [
        (*readings, *compounds) if head in readings else readings for readings in view.title_words
    ]


def _compounds_beside_rare_words(
    head: str, view: ListingView, index: RecallIndex, policy: Policy
) -> list[str]:
    """The words of the notices using a rare word of the listing that are an index word run into
    `head` ("mini" + "fridge"), which the listing does not use itself."""
    if len(head) < FUZZY_MIN_LENGTH:
        return []
    vocab, weights, rare = index.by_token, index.weights, policy.rare_word_weight
    shortest = len(head) + 3
    found: dict[str, None] = {}
    for token in view.hits:
        positions = vocab.get(token, ())
        if token == head or weights.get(token, 1.0) < rare or len(positions) > _LOCAL_POSTINGS_LIMIT:
            continue
        # Few notices, and the candidates the rare word proposes anyway: each profile is decoded
        # once, for both.
        for position in positions:
            for word in index.profile(position).vocabulary:
                if (
                    word.endswith(head)
                    and len(word) >= shortest
                    and word not in view.hits
                    and word.isalpha()
                    and word[: -len(head)] in vocab
                ):
                    found[word] = None
    return sorted(found)


# -- one word ----------------------------------------------------------------------------------------

# Listings repeat their words: each loaded index keeps the readings of the words met, for as long
# as it is loaded.
_READINGS: WeakKeyDictionary[RecallIndex, dict[str, list[Reading]]] = WeakKeyDictionary()


def _resolve(
    token: str,
    written: str,
    index: RecallIndex,
    policy: Policy,
    words_read: dict[str, list[Reading]],
    coined: tuple[str, ...] = (),
) -> list[Reading]:
    """The recall-vocabulary words a listing word stands for: itself, its reading with digits
    turned back into letters, a typo's correction, or the two words it runs together. Empty when
    the word is unknown to every recall. `words_read` is the index's cache of words met before."""
    cache_key = token + ("\1" if coined else "\0") + written  # a coined word's parts follow from it
    found = words_read.get(cache_key)
    if found is not None:
        return found
    found = _read(token, written, index, policy, coined)
    if len(words_read) >= _WORD_CACHE_LIMIT:
        words_read.clear()
    words_read[cache_key] = found
    return found


def _read(
    token: str, written: str, index: RecallIndex, policy: Policy, coined: tuple[str, ...]
) -> list[Reading]:
    vocab = index.by_token
    found = _as_written(token, vocab)
    if found:
        return found
    found = _typed_with_look_alikes(token, vocab)
    if found:
        return found
    if coined:
        parts = _known_parts(coined, vocab)
        if parts:
            return [Reading(part, 1.0, "split") for part in parts]
    pieces = _a_lines_letters_and_number(token, vocab)
    if pieces:
        return [Reading(piece, 1.0, "split") for piece in pieces]
    corrections = _correct(written, index, bool(coined)) if written != token else []
    corrections = corrections or _correct(token, index, bool(coined))
    if corrections:
        quality = policy.fuzzy_quality * (0.8 if len(token) < FUZZY_MIN_LENGTH else 1.0)
        return [Reading(corrected, quality, "fuzzy") for corrected in corrections]
    if len(token) >= 7:  # words run together: "bluestarrange", "wholesalemattress"
        for i in range(3, len(token) - 2):
            head, tail = canonical_token(token[:i]), canonical_token(token[i:])
            if head in vocab and tail in vocab:
                return [Reading(head, 1.0, "split"), Reading(tail, 1.0, "split")]
            if (head in vocab and tail in MARKETING_NOISE) or (tail in vocab and head in MARKETING_NOISE):
                return [Reading(head if head in vocab else tail, 1.0, "split")]
    return []


def _typed_with_look_alikes(token: str, vocab: Container[str]) -> list[Reading]:
    """The notice's word a listing's word stands for, typed with look-alikes: digits for a word's
    letters ("pass3nger", `deleet`), or the letter O for a number's zero ("Tessaly O1" for
    "Tessaly 01", `undigit`)."""
    for reading in deleet(token):
        reading = canonical_token(reading)
        if reading in vocab:
            return [Reading(reading, 1.0, "deleet")]
    digits = undigit(token)
    if digits is not None and digits in vocab:
        return [Reading(digits, 1.0, "undigit")]
    return []


def _as_written(token: str, vocab: Container[str]) -> list[Reading]:
    """The word as written, when a recall uses it (and the codes its pieces are), and a number of
    thousands as written the other way, when a recall uses that: "40k" is one notice's "40000",
    whatever another notice writes "40k" of (`text.thousands`)."""
    found = []
    if token in vocab:
        found.append(Reading(token, 1.0, "exact"))
        found.extend(Reading(piece, 1.0, "split") for piece in _a_codes_pieces(token, vocab))
    other_way = thousands_other_way(token) if token[:1].isdigit() else None
    if other_way is not None and other_way in vocab:
        found.append(Reading(other_way, 1.0, "thousands"))
    return found


def _spelled_in_a_names_place(parts: list[tuple[str, str]], i: int, vocab: Container[str]) -> str | None:
    """The word a notice spells the listing's number with ("Source 11" for "Source Eleven",
    `SPELLED_NUMBERS`), where the number stands in a name's place: not before a unit or a count
    ("11 Speed", "12 Volt", "14 Piece"), nor after "size" ("Size 11"). Read beside the number's
    own reading, in its context, so not cached with the word."""
    spelled = SPELLED_NUMBERS.get(parts[i][0])
    if spelled is None or spelled not in vocab:
        return None
    if i + 1 < len(parts) and parts[i + 1][0] in UNIT_WORDS:
        return None
    if i > 0 and parts[i - 1][0] in _SIZE_CUES:
        return None
    return spelled


_SIZE_CUES = COUNT_WORDS | NUMBER_WORDS  # "Size 11", "Pack 12", "No. 14"


# Letters that make the number beside them a size, a count or a rating, not a line's number.
_NOT_A_LINES_LETTERS = UNITS | COUNT_WORDS


def _a_lines_letters_and_number(token: str, vocab: Container[str]) -> list[str]:
    """The pieces of a word no notice uses that runs a line's letters and its number together
    (`_letters_and_digits_apart`), a short one too ("QX8" for the "QX 8" a notice names), as
    sellers write them; a short one only where it is no size, count or rating ("50lb", "4qt",
    "3XL", "lb50", "usb3")."""
    if not _short_code(token):
        return _letters_and_digits_apart(token, vocab)
    if measure_like(token):
        return []
    pieces = _letters_and_digits_apart(token, vocab, shortest=3)
    return pieces if _NOT_A_LINES_LETTERS.isdisjoint(pieces) else []


# A line's letters and number run together or hyphened ("qz700", "qz-700"), and either alone.
# A word of letters and a number, run together or hyphened ("qz700", "qz-700"): its letters and
# number, which `is_designation` judges.
_DESIGNATION = re.compile(r"^(?P<letters>[a-z]+)-?(?P<number>\d+)$")
_LETTERS, _NUMBER = re.compile(r"^[a-z]{1,3}$"), re.compile(r"^\d{2,4}$")


def _designations(sequence: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The title's letters and numbers that stand together as a line's designation ("QZ 700",
    "QZ700", "QZ-700"): letters of one to three, a number of two to four digits. Not a size, a
    count or a unit ("lb 50", "no 10", "pack 12"), a rating or a standard ("SPF 50", "IP 68",
    "EN 1078": `lexicon.is_generic_code`), nor a year ("MY 2021")."""
    found = set()
    for i, token in enumerate(sequence):
        if not token[-1:].isdigit():
            continue  # either way, a designation ends in its number
        joined = _DESIGNATION.match(token)
        if joined is not None:
            found.add((joined["letters"], joined["number"]))
        elif i:
            found.add((sequence[i - 1], token))  # `is_designation` tells
    return frozenset(pair for pair in found if is_designation(*pair))


def is_designation(letters: str, number: str) -> bool:
    """Whether letters (canonical) and the number after them are a line's designation ("qz",
    "700"): letters of one to three, a number of two to four digits, not a unit, count or size
    word, a year, nor a rating or standard (`lexicon.is_generic_code`)."""
    return (
        _LETTERS.match(letters) is not None
        and _NUMBER.match(number) is not None
        and letters not in _NOT_A_LINES_LETTERS
        and letters not in _SIZE_CUES
        and not is_a_year(number)
        and not is_generic_code(letters + number)
    )


def _letters_and_digits_apart(token: str, vocab: Container[str], shortest: int = _WHOLE_CODE) -> list[str]:
    """The words a code-shaped word runs together at its changes from letters to digits, when
    each is a recall word and one is a word of two letters or more: "qx1000" for the "QX 1000",
    "k1000qr" for the "K 1000 QR" a notice names. None for a word of letters or of digits only,
    or of fewer than `shortest` characters."""
    if len(token) < shortest or token.isalpha() or token.isdigit() or not token.isalnum():
        return []
    pieces = LETTERS_OR_DIGITS.findall(token)
    if any(len(piece) >= 2 and piece.isalpha() for piece in pieces) and all(
        piece in vocab for piece in pieces
    ):
        return pieces
    return []


def _a_codes_pieces(token: str, vocab: Container[str]) -> list[str]:
    """A code some notice writes as one word may be another's written apart ("QX1000" for "Kestrel
    QX 1000"): its letters and digits apart, read as well as the word, as "QX 1000" is. Not where
    its number is a short one that many names share ("01" of "QR01")."""
    pieces = _letters_and_digits_apart(token, vocab)
    return [] if any(piece.isdigit() and len(piece) < 3 for piece in pieces) else pieces


def _known_parts(parts: tuple[str, ...], vocab: Container[str]) -> list[str]:
    """The recall words a coined word's capitals part it into, when it is words run together
    ("UsQuorra", "QRdownhill", "andBlankets"): each part of three letters or more a recall
    word, sale talk or a word prose leaves out, one at least a recall word. None when a part is no
    word ("FUN|tainer")."""
    start = 0
    while start < len(parts):
        end = parts.index("", start) if "" in parts[start:] else len(parts)
        words = [
            canonical_token(part)
            for part in _joined_where_known(parts[start:end], vocab)
            if part not in STOPWORDS
        ]
        known = [word for word in words if word in vocab]
        if any(len(word) >= 3 for word in known) and not any(
            len(word) >= 3 and word not in vocab and word not in MARKETING_NOISE for word in words
        ):
            return known
        start = end + 1
    return []


def _joined_where_known(parts: tuple[str, ...], vocab: Container[str]) -> list[str]:
    """A coined word's capitalised parts, with a run of them joined where the run is one recall
    word ("Vexo|Pool|Kolt" is "vexopool" and "kolt" to a notice of the brand "VexoPool"): a name
    capitalised inside is one word still. The longest run from each part is taken."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i + 1, -1):
            if canonical_token("".join(parts[i:j])) in vocab:
                out.append("".join(parts[i:j]))
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return out


def _correct(token: str, index: RecallIndex, coined: bool = False) -> list[str]:
    """The recall words a misspelt listing word may be: one edit away (a letter wrong, missing,
    added, or two swapped), two for long words. Every word at the least distance is returned (at
    most three): "hich" may be "high" or "hitch", and the candidate notice that has one of them
    settles which. Three-letter words get only a missing letter back ("fok" -> "fork"), and
    only when unambiguous. A quantity is never a misspelling of another ("30pcs" is not "3pcs").
    A coined name (`coined_words`) is one edit from a word it misspells, never two: two edits from
    an ordinary word is how a name is coined ("DUNtainer" is no "container")."""
    letters = sum(ch.isalpha() for ch in token)
    if letters < 3 or len(token) < FUZZY_MIN_LENGTH - 1 or measure_like(token):
        return []
    if len(token) < FUZZY_MIN_LENGTH:  # one insertion, unique
        found = {
            canon
            for surface, canon in index.near(token)
            if len(surface) == len(token) + 1 and OSA.distance(token, surface, score_cutoff=1) <= 1
        }
        return list(found) if len(found) == 1 else []
    best: dict[str, int] = {}
    for surface, canon in index.near(token):
        limit = 2 if min(len(token), len(surface)) >= LONG_WORD and not coined else 1
        distance = OSA.distance(token, surface, score_cutoff=limit)
        if distance <= limit and distance < best.get(canon, 99):
            best[canon] = distance
    if not best:
        return []
    least = min(best.values())
    return sorted((c for c, d in best.items() if d == least), key=lambda c: -len(index.by_token.get(c, ())))[
        :3
    ]


# "Cadence+", "Glideboard+", "QX4+": the "+" is the whole difference from a sibling, so names read it as a
# word, in the notice (text.raw_words) and in the listing alike.
_PLUS = PLUS_SIGN


# -- codes -------------------------------------------------------------------------------------------


def _collect_codes(
    field_name: str, value: str, words: list[str], index: RecallIndex, view: ListingView
) -> None:
    """Model numbers: the model field, code-like words, and runs of words a re-spaced model
    number became ("KY 055", "LTD SM 23", "R 7583 BPS")."""
    folded = fold(value)
    if field_name == "model" and not says_none(value) and len(key := model_key(folded, folded=True)) >= 2:
        # "N/A", "-", "Does not apply" say there is no model: they claim no other one.
        view.codes.append(ListingCode(field_name, value.strip(), key))
        view.model_claims.append(ModelClaim(value.strip(), key))
        _collect_lookalike_code(field_name, value.strip(), key, index, view)
        _collect_zero_dropped_code(field_name, value.strip(), key, index, view)
    keys = [model_key(w, folded=True) for w in words]
    for i, word in enumerate(words):
        key = keys[i]
        if _CODE.match(word) and len(key) >= 2 and _after_a_unit_cue(words, i):
            view.unit_claims.append(ModelClaim(word, key))
            continue
        if _CODE.match(word) and len(key) >= 2:
            view.codes.append(ListingCode(field_name, word, key))
            if not measure_like(word):
                _collect_lookalike_code(field_name, word, key, index, view)
                _collect_zero_dropped_code(field_name, word, key, index, view)
            cued = i > 0 and words[i - 1] in LISTING_MODEL_CUES and len(key) >= 3 and not measure_like(word)
            if field_name != "model" and (cued or _names_a_model(word, key, view, index)):
                view.model_claims.append(ModelClaim(word, key))
            _collect_suffixed_code(field_name, word, index, view)
            if key not in index.by_model:
                _collect_code_pieces(field_name, word, key, index, view)
        run = key
        for span in (2, 3, 4):
            if i + span > len(words):
                break
            last = words[i + span - 1]
            ending = _WORD_SUFFIX.match(last) if "-" in last else None
            if ending and (to_it := run + model_key(ending.group("code"), folded=True)) in index.by_model:
                # "QX 450-E" for "QX450": the run up to the letters hyphenated on.
                written = " ".join([*words[i : i + span - 1], ending.group("code")])
                view.codes.append(ListingCode(field_name, written, to_it))
            run += keys[i + span - 1]
            if run in index.by_model and any(ch.isdigit() for ch in run):
                view.codes.append(ListingCode(field_name, " ".join(words[i : i + span]), run))


def _after_a_unit_cue(words: list[str], i: int) -> bool:
    """Whether the word at `i` follows a serial, lot or batch cue, number words between ("lot
    L2302", "batch no. 2404A", "S/N 4410"), or a date code's ("date code 2331"): the code of the
    unit for sale, which no model number is."""
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j] in NUMBER_WORDS:
        j -= 1
    if j < 0:
        return False
    return words[j] in UNIT_CODE_HEADS or (words[j] == "date" and j + 1 < i and words[j + 1] in _CODE_WORDS)


_CODE_WORDS = frozenset({"code", "codes"})


# Digits and letters that look alike in a model number, beyond those every key reads as one
# (O/0, I/L/1: `text.model_key`): a seller types "QM-5B20" for "QM-SB20".
_LOOKALIKE = {"S": "5", "5": "S", "B": "8", "8": "B", "Z": "2", "2": "Z", "G": "6", "6": "G"}
# Those letters read as their digits, in a model key (which reads O, I and L as digits already).
LOOKALIKE_DIGITS = str.maketrans({k: v for k, v in _LOOKALIKE.items() if k.isalpha()})
_LOOKALIKE_MOST = 6  # look-alike characters tried in one code: 2**6 readings at most


def _collect_lookalike_code(
    field_name: str, written: str, key: str, index: RecallIndex, view: ListingView
) -> None:
    """The recall model numbers a listing's code is, read with look-alike characters swapped, when
    it is no model number as written: a code of letters and digits, of four characters or more
    (a short one is too easily another's), with at most `_LOOKALIKE_MOST` look-alikes."""
    if len(key) < 4 or key in index.by_model or key.isdigit() or key.isalpha():
        return
    places = [i for i, ch in enumerate(key) if ch in _LOOKALIKE]
    if not places or len(places) > _LOOKALIKE_MOST:
        return
    for mask in range(1, 1 << len(places)):
        chars = list(key)
        for bit, place in enumerate(places):
            if mask >> bit & 1:
                chars[place] = _LOOKALIKE[chars[place]]
        read = "".join(chars)
        if read in index.by_model:
            view.codes.append(ListingCode(field_name, written, read))


def _collect_zero_dropped_code(
    field_name: str, written: str, key: str, index: RecallIndex, view: ListingView
) -> None:
    """The recall model number a listing's code is with a leading zero put back in its number,
    when it is no model number as written: sellers drop it ("HL45", "HL-45" for "HL-045", "TK800"
    for "TK-0800"). Only after the code's letters (a number alone, "45", is no one's model), and
    only for a notice whose brand the listing names: a short code with a zero put in is too
    easily another maker's code of another product."""
    if len(key) < 3 or key in index.by_model or key.isdigit() or key.isalpha():
        return
    printed = fold(written)
    for found in _NUMBER_AFTER_LETTERS.finditer(printed):
        read = model_key(f"{printed[: found.start()]}0{printed[found.start() :]}", folded=True)
        if read in index.by_model and any(
            not view.hits.keys().isdisjoint(words)
            for position in index.by_model[read]
            for _, words in index.profile(position).brands
        ):
            view.codes.append(ListingCode(field_name, written, read))


# Where a number starts after a code's letters, as printed (the key reads some letters as digits).
_NUMBER_AFTER_LETTERS = re.compile(r"(?<=[a-z])-?(?=[1-9])")


# A single letter in brackets: "Tarvo Zorbit (M)".
BRACKETED_LETTER = re.compile(r"\(([a-z])\)")

# A model number with a word or letters hyphenated on: a colour or finish ("EFX137-BLACK",
# "TR220-WHT"), a version ("QX450-E").
# (The digit looked ahead for, not matched between two runs: a word of thousands of digits would be
# cut at each of them in turn.)
_WORD_SUFFIX = re.compile(r"^(?P<code>(?=[a-z0-9./]*\d)[a-z0-9./]+)(?:-[a-z]+)+$")
# The letters a maker or a seller adds to a model number for the market or the colour of the unit
# ("VX300UK", "KT-2100-EU", "XR40-BLK"), hyphened on or run on after its last digit. Not "bl",
# "br", "sl": on tools they say brushless or slim ("XD18BL"), another model.
_MARKET_OR_COLOUR = (
    "us|usa|uk|eu|au|ca|jp|cn|de|fr|it|es|nl|na|int|intl|"
    "bk|blk|wh|wht|gy|gry|blu|rd|pk|pnk|gn|grn|slv|brn|bg|nv"
)
_MARKET_OR_COLOUR_SUFFIX = re.compile(
    rf"^(?P<code>(?=[a-z0-9./-]*\d)[a-z0-9./-]*\d)-?(?:{_MARKET_OR_COLOUR})$"
)


def _collect_suffixed_code(field_name: str, word: str, index: RecallIndex, view: ListingView) -> None:
    """The model number before a word a seller hyphenated onto it, when a recall lists it: the
    colour is the listing's, the code the notice's. Letters of the market or the colour, hyphened
    or run on ("VX300UK", "KT-2100-EU"), leave the notice's code too. Not a code of two
    characters ("S9-US", "B3-WH"): many makers' codes are that short, and the suffixed code would
    skip the checks a bare one gets ("<Other maker> B3" names another maker's B3)."""
    for suffixed in (_WORD_SUFFIX, _MARKET_OR_COLOUR_SUFFIX):
        found = suffixed.match(word)
        if found is None:
            continue
        key = model_key(found.group("code"), folded=True)
        if len(key) >= 3 and key in index.by_model:
            view.codes.append(ListingCode(field_name, found.group("code"), key))
            return


# A series' letters run onto a model number of three digits or more ("KX345T", "KB4580").
_SERIES_RUN_ON = re.compile(r"^[a-z]{1,3}(?P<number>\d{3,}[a-z]{0,2})$")


def _collect_code_pieces(field_name: str, word: str, key: str, index: RecallIndex, view: ListingView) -> None:
    """The model numbers a recall lists among a code's pieces, when the code as written is none:
    codes joined by a slash ("345T/355T"), a series' letters hyphened before the notice's number
    ("KX-345T" for "345T": the hyphen sets them off as the maker prints its series), and letters
    run onto it ("KX345T"), which may as well be another maker's code holding the number
    ("BE9900" beside a notice's "9900"): that is read inside the code (`ListingCode.inside`)."""
    if "/" not in word and "-" not in word:
        run_on = _SERIES_RUN_ON.match(word)
        if run_on is not None and (found := model_key(run_on.group("number"), folded=True)) in index.by_model:
            view.codes.append(ListingCode(field_name, word, found, inside=True))
        return
    pieces = []
    for part in word.split("/"):
        pieces.append(part)
        head, _, rest = part.partition("-")
        if rest and head.isalpha():
            pieces.append(rest)  # not the number before a hyphened suffix: "Q101" of "Q101-04"
    pieces.extend(_listed_halves(word, index))
    for piece in dict.fromkeys(pieces):
        found = model_key(piece, folded=True)
        if found != key and len(found) >= 3 and found in index.by_model and any(c.isdigit() for c in found):
            view.codes.append(ListingCode(field_name, piece, found))


def _listed_halves(word: str, index: RecallIndex) -> list[str]:
    """The two codes a hyphen joins into one, where one recall lists both ("QX-4410-R18-TL" of a
    notice listing "QX-4410" and "R18TL": a family's number and its variant's, written as one).
    Not one half alone ("Q101-04" is another model than "Q101"), nor halves two notices list apart
    (another maker's code beside a short one many list: "KS-4410-X2"), nor a half without a letter
    and a digit (a range of numbers, "1200-2100"), nor two of one shape ("A100-A300": a range of
    models, or those an accessory fits)."""
    for at, character in enumerate(word):
        if character != "-" or at == 0:
            continue
        left, right = word[:at], word[at + 1 :]
        if not (letters_and_digits(left) and letters_and_digits(right)):
            continue
        if _shape(left) == _shape(right):
            continue  # "A100-A300": two models of one numbering, a range or a fit list
        in_left = index.by_model.get(model_key(left, folded=True), ())
        in_right = index.by_model.get(model_key(right, folded=True), ())
        if in_left and in_right and not set(in_left).isdisjoint(in_right):
            return [left, right]
    return []


def _shape(code: str) -> str:
    """A code's shape: its runs of letters and of digits ("QX-4410" "A9", "R18TL" "A9A")."""
    return _SHAPE_RUNS.sub(lambda run: "9" if run.group(0)[0].isdigit() else "A", code.replace("-", ""))


_SHAPE_RUNS = re.compile(r"\d+|[^\W\d_]+")


# "… by Kellvane & Co": the maker's name, up to three words each capitalised, after "by" in lower
# case (a title in title case writes "By" of anything: "Made By Hand") and a word of the title's,
# up to a separator or the title's end.
_BY_MAKER = re.compile(
    r"(?<![\w)®™])(?P<before>[\w)®™]+)\s+by\s+"
    r"(?P<maker>(?:[A-Z][\w'’.]*(?:\s*&\s*|\s+(?=[A-Z])|(?=\s*$|\s*[-–|,(]))){1,3})(?=\s*$|\s*[-–|,(])"
)

# The words before "by" that name who sells, ships or powers the product, or what it is
# inspired by, not its maker ("… sold by Tarvo Outlet", "… powered by Kolt").
_NOT_BY_ITS_MAKER = frozenset(
    "sold shipped ships fulfilled distributed imported delivered powered driven inspired approved "
    "certified recommended endorsed sponsored licensed used loved trusted".split()
)


def _read_as_written(view: ListingView, title: str) -> None:
    """What only the title as written tells, before its folding: the maker it names after "by",
    its words of one or two letters in capitals, and its words in small letters."""
    view.maker_tokens = _maker_stated(title)
    view.capitals = frozenset(word.lower() for word in _SHORT_CAPITALS.findall(title))
    view.written_small = _written_small(title)


def _written_small(title: str) -> frozenset[str]:
    """The title's words of small letters alone, where its case says something: its first word is
    capitalised (sentence case, or a brand's capitals and the rest in small letters), not a title
    in small letters throughout."""
    words = title.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return frozenset()
    return frozenset(canonical_token(word) for word in words[1:] if word.isalpha() and word.islower())


def _maker_stated(title: str) -> frozenset[str]:
    """The words of the maker a title names after "by" (`_BY_MAKER`), read as the notice's names
    are (`text.name_tokens`), its legal form and the trade's words ("Co", "Inc") left out."""
    if " by " not in title:
        return frozenset()
    for found in _BY_MAKER.finditer(title):
        if found.group("before").lower() not in _NOT_BY_ITS_MAKER:
            return frozenset(t for t in name_tokens(found.group("maker")) if t not in FIRM_WORDS)
    return frozenset()


def _variants(text: str, apart: Set[str] = frozenset()) -> tuple[Variant, ...]:
    """The words of a sales field (as `_as_sales_text` gives it) that may single out a model of a
    line (`VARIANT_WORD`: a number, "1", "2.0", "9.6", a short code of a letter or two and digits,
    "x3", "d7", "29er", or a letter and a number parted by a slash, "k/3"), not a size, count,
    share or price, with the words on either side (a variant names a model only beside the line's
    name); and a "plus" that follows a name. The words of `apart` are read as their letters and
    digits written apart."""
    text = _NOT_A_VARIANT.sub(" ", _PLUS_NOT_A_MODEL.sub(" ", text))
    if any(cue in text for cue in _COUNTS_AND_DEALS_CUES):
        text = _COUNTS_AND_DEALS.sub(" ", text)
    words = WORD.findall(_PLUS.sub(" plus", text))
    # "qx4-60": a line's short code and its model's number, hyphened ("QX4 60"), two variants; so
    # is a name and its "plus" ("Bike-Plus" for "Bike+").
    words = [
        piece
        for w in words
        for piece in (w.split("-") if _code_hyphen_number(w) or w.endswith("-plus") else (w,))
    ]
    if apart:
        words = [piece for w in words for piece in (LETTERS_OR_DIGITS.findall(w) if w in apart else (w,))]
    out = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        before = canonical_token(words[i - 1]) if i else ""
        if word == "plus" and i:
            out.append(Variant(word, "PLUS", _near(words, i, following), before))
        elif (
            word in TIER_WORDS
            and i
            and (
                words[i - 1].isalpha()
                # after a number or a code: a model's tier, unless it says how the product is
                or (_CODE.match(words[i - 1]) and not _intensifies(word, following, words[i + 2 : i + 3]))
            )
        ):
            out.append(Variant(word, model_key(word, folded=True), _near(words, i, following), before))
        elif _a_marked_numeral(word, words[i - 1] if i else ""):
            out.append(Variant(word, variant_key(word), _near(words, i, following), before))
        elif VARIANT_WORD.match(word) and not measure_like(word) and not measure_like(word + following):
            near = _near(words, i, following)
            out.append(Variant(word, variant_key(word), near, before))
            if word.isdigit() and following.isdigit() and len(following) <= 2:
                # "10 0": a decimal whose point became a space ("Tredex 10 0" for "10.0").
                joined = f"{word}.{following}"
                out.append(Variant(joined, variant_key(joined), near, before))
        elif (hyphened := HYPHENED_VARIANT.match(word)) is not None:
            number = hyphened.group(2)
            near = _near(words, i, following)
            out.append(Variant(number, model_key(number, folded=True), near, hyphened.group(1)))
        elif _HYPHENED_CODE.match(word):
            # "k-17" is the short code "k17" as a seller hyphens it; its letters are a word beside it
            # ("KS-10" against the line "KS-9": the listing's number beside the line's letters).
            joined = word.replace("-", "")
            near = (*_near(words, i, following), canonical_token(word.partition("-")[0]))
            out.append(Variant(joined, model_key(joined, folded=True), near, before))
    return tuple(out)


_HYPHENED_CODE = re.compile(r"^[a-z]{1,2}-\d{1,3}$")
_SHORT_CAPITALS = re.compile(r"(?<![\w'’-])[A-Z]{1,2}(?![\w'’-])")  # not "N'" of "Glide N' Go"
# The words a version's number follows ("Mk II", "Gen 2", "Version 2"), as written and as tokens.
_MARK_WORDS = frozenset("mk mark gen generation version ver".split())
VERSION_MARKS = frozenset(map(canonical_token, _MARK_WORDS))


def _a_marked_numeral(word: str, previous: str) -> bool:
    """Whether a word numbers a generation in letters after its mark ("Mk III", "Gen II", "MkIII",
    "Version Two"), as "Mk 3" does; a numeral without one is no variant ("IV Pole", "<Line> II":
    a notice naming the line alone covers its later generations as often)."""
    # The mark first: every word of every title passes here, and few follow one.
    if previous not in _MARK_WORDS and not word.startswith(("mk", "mark", "gen")):
        return False
    return word.isalpha() and small_number(word) is not None


# A "plus" that names no model: a size ("Plus Size"), or what comes with the product after a
# break (", Plus Free Phone Holder").
_PLUS_NOT_A_MODEL = re.compile(r"[,;|]\s*plus\b|\bplus(?=[\s-]+sizes?\b)")
# The tiers a seller also writes as "very" or "at most" ("Ultra Quiet", "Max 300 lbs"), and the
# words after them that make them say so, not which model: "Ultra Slim", "Max VESA".
_INTENSIFIERS = frozenset({"ultra", "max"})
_INTENSIFIED = frozenset(
    "quiet slim thin soft light lightweight bright compact clear durable strong fast long wide heavy "
    "smooth sharp thick fine vesa".split()
)


def _intensifies(tier: str, following: str, after_it: list[str]) -> bool:
    """Whether "Ultra" or "Max" before `following` (and the word `after_it`) says how the product is
    or how much it holds ("Ultra Quiet", "Ultra Padded", "Max 300 lbs"), not which model it is
    ("Pro Max", "Max 2")."""
    if tier not in _INTENSIFIERS:
        return False
    if following in _INTENSIFIED or DESCRIBING.search(following) is not None:
        return True
    unit = after_it[0] if after_it else ""
    return following[:1].isdigit() and (
        measure_like(following) or measure_like(following + unit) or unit in UNIT_WORDS
    )


def _code_hyphen_number(word: str) -> bool:
    """Whether a word hyphens a line's short code (`profile.LINE_CODE`) to a model's number of two
    to four digits ("qx4-60")."""
    code, hyphen, number = word.partition("-")
    return bool(hyphen) and LINE_CODE.match(code) is not None and _NUMBER.match(number) is not None


def _as_sales_text(folded: str, *, terms: bool) -> str:
    """A folded sales field as its words are read: trade terms out ("MOQ 100 pcs") and, with
    `terms`, the seller's numbered terms, counts and ranks (`_NUMBERED_SALE_TALK`: "30 Day
    Returns", "(3)", "#1 Best Seller"), which name no model and are no word of the product's name a
    recall must account for; a word prose leaves out parted from the number run into it ("of2"),
    dots between words made spaces ("Origin.Folding.Bike" is three words, not one code)."""
    text = _WORD_DOT.sub(" ", TRADE_TERMS.sub(" ", _PROSE_WORD_AND_NUMBER.sub(r"\g<0> ", folded)))
    if terms and any(cue in text for cue in _NUMBERED_SALE_TALK_CUES):
        text = _NUMBERED_SALE_TALK.sub(" ", text)
    return text


def _near(words: list[str], i: int, following: str) -> tuple[str, ...]:
    """The tokens of the two words before word `i` and the one after it."""
    return tuple(canonical_token(w) for w in [*words[max(0, i - 2) : i], following] if w)


# A dot between words ("Tredex.10.0.treadmill") is a space; between digits ("10.0"), a point.
_WORD_DOT = re.compile(r"(?<=[a-z])\.(?=[a-z0-9])|(?<=[0-9])\.(?=[a-z])")
# What a number of a variant's shape (`VARIANT_WORD`) is when it is not one: a share ("100%"), a
# price ("$25"), the second side of a size ("24 x 36"), the ages a toy is for ("Age 1 2 3", its
# digits joined by the folding: "age 123", "ages 3+"), the unit's code after its cue ("Batch
# 2311", `ListingView.unit_claims`), how many owners or units a second-hand seller had or sells
# ("1 owner", "lot of 2", "qty 3"), how old or used the unit is, or whom it is for, and the
# terms of its sale ("2 years old", "4-6 yrs", "3Y+", "300 miles", "45 obo", "2 available"; a
# price is left out of the sales text before: `lexicon.TRADE_TERMS`), or how many of a thing a
# bundle adds ("+ 2 Bases"; not "with 5 Shelves", which may be the product's own count, another
# model's). A time, a rating or a count in the singular may be a name's own ("7 Day", "5 Star",
# "10 Year"): only a plural, an age with "old" or after "used", or a range of ages is read here.
_AGES = alternation(AGE_UNITS)
# A length's units as a size's sides are written in: `listing_specs.UNIT_OF`'s, metres, and the
# marks of inches and feet.
_LENGTH_MARKS = {'"': "in", "″": "in", "'": "ft", "′": "ft"}
_LENGTH_UNITS = alternation(
    [*(unit for unit, of in UNIT_OF.items() if of in ("in", "ft", "mm", "cm")), "m", *_LENGTH_MARKS]
)
# The "x" between a size's sides: set apart on both sides or on neither, or before a third side
# (the folding runs "10 x 8 x 6" into "10 x8x6").
_BY = r"(?:x|\s+x\s+|\s+x(?=\d+(?:[.,]\d+)?x\d))"
_SIDES = (
    rf"(?<![\w.])\d+(?:[.,]\d+)?(?:\s*(?:{_LENGTH_UNITS}))?"
    rf"(?:{_BY}\d+(?:[.,]\d+)?(?:\s*(?:{_LENGTH_UNITS})(?![a-z]))?){{1,2}}"
)
_SIZE_OF_SIDES = re.compile(_SIDES)
_SIDE = re.compile(r"\d+(?:[.,]\d+)?")
_UNIT = re.compile(rf"(?<=[\d\s])(?:{_LENGTH_UNITS})")


def sizes_of_sides(folded: str) -> frozenset[tuple[tuple[str, ...], tuple[float, ...]]]:
    """The sizes of two or three sides a folded text writes ("24 x 36", "650x28c", "8x42", "12' x
    30\""), each as the units it is written in ((), ("ft", "in")) and its sides' numbers in order of
    size, whatever order they were written in."""
    if "x" not in folded:
        return frozenset()
    return frozenset(
        (
            tuple(
                sorted(
                    {
                        _LENGTH_MARKS.get(unit) or UNIT_OF.get(unit, unit)
                        for unit in _UNIT.findall(found.group(0))
                    }
                )
            ),
            tuple(sorted(float(side.replace(",", ".")) for side in _SIDE.findall(found.group(0)))),
        )
        for found in _SIZE_OF_SIDES.finditer(folded)
    )


_NUMBER_UNIT = r"(?<![\d.])\d+(?:[.,]\d+)?\s*"  # a number, set apart from a code's digits
_NOT_A_VARIANT = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?\s*%|[$€£]\s*\d+(?:[.,]\d+)?"
    # a size of two or three sides, each side of it ("24 x 36", "26x2.1", "650x28", "10 x 8 x 6"),
    # the "x" set apart on both sides or on neither (the first side left alone was read as the
    # line's other model)
    rf"|{_SIDES}"
    r"|(?<=\d)\s+x\d{1,2}\b"  # how many, after a model's number: "<Line> 3 x2"
    rf"|{_NUMBER_UNIT}(?:{_AGES}|weeks?|days?)\s+old\b"
    rf"|\b(?:used|owned)\s+(?:for\s+)?\d+(?:[.,]\d+)?\s*(?:{_AGES}|weeks?|days?)\b"
    rf"|{_NUMBER_UNIT}(?:-|to)\s*\d+(?:[.,]\d+)?\s*(?:{_AGES})\b"
    rf"|{_NUMBER_UNIT}(?:hours|hrs|mins|miles|kms?|obo|ono|ovno|vb|firm|neg|available|left|stars"
    r"|colou?rs|units)\b"
    # an age from which the product is for, in the buyer's language too ("3Y+", "6m+", "24 Months+",
    # "2+ Years", "3 ans+", "3 Jahre+"); and a capacity in thousands ("10K mAh")
    r"|(?<![\d.])\d{1,2}\s*(?:(?:y|yrs?|years?|m|mos?|months?|ans|jahre|anos|anni|jaar)\s*\+"
    r"|\+\s*(?:y|yrs?|years?|m|mos?|months?)\b)"
    r"|(?<![\d.])\d+(?:\.\d)?k\s*mah\b|(?<![\d.])\d+\s*(?:stk|stuck)\b"
    r"|\bages? \d+(?:\s*(?:-|to)\s*\d+)?\b"
    r"|\b\d+\s*owners?\b|\b(?:lot|set|pack|box|bundle|case)\s+of\s+\d+\b|\b(?:qty|quantity)\.?:?\s*\d+\b"
    r"|\+\s*\d{1,2}(?=\s+[a-z]{2,}s\b)"
    rf"|\b(?:{alternation(UNIT_CODE_HEADS)})(?:\s*(?:no|nr|number|#))?\.?\s*(?=[a-z0-9-]*\d)[a-z0-9-]+"
    # and its groups written apart ("Batch 24 A118", "Lot 22/1001"): three digits or more, a
    # letter before them at most; not a version or a size after it ("Serial 8821 V3", "Lot 3 6qt")
    r"(?:(?:\s+|\s*[/.]\s*)[a-z]?\d{3,}\b)*"
)


# More of what a number of a variant's shape is when it is not one: the seller's terms, counts and
# ranks, taken out of the sales text before its words are read (`_as_sales_text`), so they neither
# name a variant nor lengthen the name a recall must account for. Only in a text holding one of
# its words (`_NUMBERED_SALE_TALK_CUES`), as most hold none, and each alternative of a pattern
# costs every text a pass.
_NUMBERED_SALE_TALK = re.compile(
    # how many the listing sells: a number in brackets at either end of the title or of a part of
    # it ("(3)", "[2]"; not "Glide (3) Swing"); a seller's rank ("#1 Best Seller", "Rated No. 1",
    # "Top 10 Best"; not "<Line> Cook Top 36")
    r"(?:^|(?<=[,;|/-]))\s*[(\[]\s*\d{1,2}\s*[)\]]|[(\[]\s*\d{1,2}\s*[)\]](?=\s*(?:$|[,;|/-]))"
    r"|(?:#|\bno\.?)\s*1\s+(?:best\w*|top|rated|seller|selling|sold|choice|pick|brand|ranked)\b"
    r"|\brated\s+(?:#|no\.?)\s*1\b"
    r"|\btop\s*\d{1,3}\s+(?:best\w*|rated|seller|selling|sold|choice|picks?|brands?|ranked)\b"
    # which of a seller's listings this is ("(1 of 2)", "1 of 3 listings"; not "Volume 1 of 3")
    r"|[(\[]\s*\d{1,2}\s+of\s+\d{1,2}\s*[)\]]|\b\d{1,2}\s+of\s+\d{1,2}\s+(?:listings?|photos?|pics?|lots?)\b"
    # the terms of the sale in a time ("30 Day Returns", "90-Day Warranty", "30 Days Free Returns",
    # "Warranty: 2 Years", "24H Dispatch") and the seller's rating ("5 Star Rated"); not a time or
    # stars alone, a name's own ("7 Day", "5 Star"), nor a code's digits ("X2 Year …")
    rf"|(?<![\w.])\d+(?:[.,]\d+)?\s*-?\s*(?:{_AGES}|days?|nights?|weeks?|hours?|hrs?|h)\s+"
    r"(?:(?:free|hassle[-\s]free|money[-\s]back)\s+)?(?:warranty|guarantee|returns?|money[-\s]back|refunds?"
    r"|exchanges?|replacement|shipping|delivery|dispatch|trial)\b"
    rf"|\b(?:warranty|guarantee|returns?)\s*:?\s*\d+\s*-?\s*(?:{_AGES}|days?)\b"
    r"|(?<![\w.])\d(?:\.\d)?\s*-?\s*stars?\s+(?:customer\s+)?(?:rated|ratings?|reviews?)\b"
)
# How many of the containers the product comes in the listing sells ("3 jars"; not "2 Bottle
# Warmer") and a deal's terms ("2 for 1", "buy 2 get 1"; not a model beside what it holds, "Kolt 2
# for 2 People"): no model's number, but, unlike the seller's terms, words of what the product is
# (food in jars is no food maker) or of a name ("<Line> 2 for 1 Booster Seat"): read apart from the
# variants alone, and only in a text holding one of their words (`_COUNTS_AND_DEALS_CUES`).
_CONTAINERS = "jars bottles tins tubes bags boxes rolls pairs pouches packets cartons".split()
_COUNTS_AND_DEALS = re.compile(
    rf"(?<![\w.-])\d{{1,3}}\s*(?:{alternation(_CONTAINERS)})\b"
    r"|(?<![\w.-])(?:2\s+for\s+1|3\s+for\s+[12]|4\s+for\s+[1-3])\b"
    r"(?!\s*-?\s*(?:persons?|people|kids|children|seats?|drives?|in\b))|\bbuy\s+\d+\s*[,&+]?\s*get\s+\d+\b"
)
_COUNTS_AND_DEALS_CUES = (*_CONTAINERS, " for ", "buy")
_NUMBERED_SALE_TALK_CUES = (
    "(", "[", "#", "no 1", "no. 1", "no.1", "no1", "rated", "warrant", "guarantee", "return",
    "money", "refund", "exchange", "replacement", "shipping", "delivery", "dispatch", "trial",
    "star", "top", " of ",
)  # fmt: skip


def _names_a_model(word: str, key: str, view: ListingView, index: RecallIndex) -> bool:
    """A code-shaped listing word that names a model: letters and digits, or a catalogue number's
    groups of digits; not a size or count, not a word some recall uses, nor a word with digits
    typed for letters."""
    if len(key) < 4 or key.isalpha():
        return False
    if key.isdigit():
        return _CATALOG_NUMBER.match(word) is not None  # a size, a count, a year are not
    if measure_like(word) or word.replace("-", "") in index.by_token:
        return False
    if _NUMBER_THEN_WORD.match(word):
        return False  # "32Tarvo", "4Quorra": a name run into a number, as a brand is written
    if (prefixed := _PREFIX_THEN_NUMBER.match(word)) is not None and not is_a_year(prefixed.group(1)):
        # "HD-2250", "GT500": a maker's letters and a model's number, though the letters are a word
        # some notice uses ("HD", "GT"); no letters typed as digits.
        return True
    return not all(part.isdigit() or part in view.resolved for part in split_word(word))


_NUMBER_THEN_WORD = re.compile(r"^\d+[a-z]{4,}$")
_PREFIX_THEN_NUMBER = re.compile(r"^[a-z]{1,3}-?(\d{3,5})$")
# "4727-20": a catalogue number, four digits or more and a shorter group hyphened on, as tool makers
# number their models; not a season ("2019-20") nor a range ("100-240", "1000-1500").
_CATALOG_NUMBER = re.compile(r"^(?!(?:19|20)\d\d-)\d{4,}-\d{2,3}$")
