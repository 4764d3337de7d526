"""What in a listing shows it is outside what its notice covers, where the names agree: another
model year or unit; another variant of the line, a sibling ("Ridge X 1" against "Ridge X Speed");
the variant a name singles its model out by, left out; another rating, power source or number of
the brand; another product after the notice's type; a product the notice says it does not cover.

`scoring.score` asks `outside_scope` of every candidate, then `another_makers` and
`own_maker_before_the_type` (another firm's product of the notice's type); the first answer is the
note a decision gives. The readings of the notice's names these rules share with the name evidence
are in `notice_names`.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from recall_screen.analysis import (
    BRACKETED_LETTER,
    VERSION_MARKS,
    ListingView,
    Variant,
    sizes_of_sides,
)
from recall_screen.index import FUZZY_MIN_LENGTH
from recall_screen.lexicon import (
    AGE_UNITS,
    COLOURS,
    LEGAL_FORMS,
    PROPERTY_WORDS,
    SIZE_LETTERS,
    SIZE_WORDS,
    STANDARD_NAMES,
    STOPWORDS,
    TIER_WORDS,
    UNITS_BY_MEASURE,
    alternation,
    measure_like,
)
from recall_screen.listing_specs import RATINGS, quantities
from recall_screen.notice_names import (
    LINE_FIELDS,
    MAKE_UP_WORDS,
    NAME_ITEMS,
    NAMING_FIELDS,
    NOT_A_NAME,
    NOT_A_PRODUCT,
    NOT_AN_OWN_NAME,
    NameEvidence,
    a_product_word_of_its_own,
    as_digits,
    best_name_tokens,
    coined,
    guessed_elsewhere,
    involved_scopes,
    key_pieces,
    literal_key,
    maker_word,
    misspelt,
    name_ends,
    named_variants,
    notice_brand_words,
    numbers_at_the_names_places,
    opens_with_a_lost_model,
    plus_set_apart_or_run_in,
    sizes_written,
    the_line_alone_in_a_covered_year,
    type_words,
    variants_left_out_of_the_name,
)
from recall_screen.policy import Policy
from recall_screen.profile import (
    LINE_CODE,
    ModelNumber,
    Profile,
    variant_keys,
    word_key_sequence,
    word_keys,
)
from recall_screen.scope import ITEM_BREAK, VEHICLE_BUILDS, Involved, is_a_year, years_by_name, years_text
from recall_screen.text import (
    canonical_token,
    fold,
    is_ordinal,
    model_key,
    name_tokens,
    raw_words,
    small_number,
    thousands,
    variant_key,
)

# -- the notice's scope --------------------------------------------------------------------------


def outside_scope(
    view: ListingView, profile: Profile, identified: bool, text: NameEvidence, policy: Policy
) -> str | None:
    """What in the listing shows it is outside what the notice covers: a model year the notice
    does not name or — when only names agree — not the model of the line the notice's name
    singles out: another variant word ("Ridge X 1" against "Ridge X Speed", "Glider 2.0"
    against "Glider"), or none where the name has one ("Pellion" against "Pellion 9"); a word of
    its own before the name's variant ("Calder Neo 3" against "Calder 3"), or without the word
    the name ends in ("Tessel 1" against "Tessel 1 Comfort") or parts its words with ("Thrust
    Drive" against "Thrust Over Drive"); letters or a size of its own where the name has its own
    ("Vexo JX" against "Vexo K", "Vela 10x42" against "Vela 8x42"); another product after the
    notice's type; a product the notice says the recall does not cover ("… does not include the
    Tarvo II")."""
    another_unit = (
        _another_unit(view, profile)
        or _another_model_year(view, profile)
        or _named_in_other_years(view, profile)
    )
    if another_unit is not None or identified:
        return another_unit
    if profile.not_covered and (denied := _named_as_not_covered(view, profile)) is not None:
        return denied
    if not text.words:
        if not view.variants and not view.codes:
            return None
        return _another_number_of_the_brand(view, profile) or _another_model_of_the_brand(view, profile)
    another = (
        _another_bracketed_letter(view, text)
        or _another_ending(view, profile)
        or _companion_of_the_type(view, profile)
        or _another_rating(view, profile)
        or _another_power_source(view, profile)
        or _inner_word_left_out(view, text)
        or _another_word_for_the_tier(view, text, profile)
        or _another_letter_code(view, profile)
        or _another_size(view, profile)
        or _own_name_for_the_line(view, text, profile, policy)
        or _own_model_after_the_line(view, text, profile)
        or _another_number_of_thousands(view, text)
        or _another_number_of_a_listed_line(view, text, profile)
    )
    if another is not None:
        return another
    # A word of a model number the notice lists, written apart ("EN1" of "EN1 078" for "EN1078"),
    # is that number's, no variant.
    listed = (
        {
            w
            for c in view.codes
            if " " in c.written and c.key in profile.models_by_key
            for w in fold(c.written).split()
        }
        if view.codes
        else ()
    )
    # A code opening the title may be the notice's own, lost where its description was cut.
    opening = view.title_words[0] if opens_with_a_lost_model(view, profile) else ()
    beside = [
        v
        for v in view.variants
        if not set(text.words).isdisjoint(v.near)
        and v.written not in opening
        and not _year_mistyped(v.key, profile)
        and not _a_size_the_notice_gives(v, view, profile)
        and v.written not in listed
        and not _a_piece_of_a_listed_model(v, text, profile)
        and not _trim_after_a_code(v, text, profile)
        and not _a_spec_the_notice_does_not_state(v, profile)
        and not _a_count_after_the_type(v, text, profile)
        and not _the_first_of_the_line(v, text, profile)
    ]
    inner = _own_word_before_variant(view, profile, beside) if beside else None
    if inner is not None:
        return inner
    name_keys = word_keys(text.text)
    own = [
        v
        for v in beside
        if v.key in name_keys
        or v.key in profile.models_by_key
        or _written_apart(v.written, name_keys)
        or _the_same_number(v, view, text.text)
        or _a_generation_the_notice_gives(v, text, profile)
    ]
    if own:
        # The listing's variant is the name's own; the name's others must be there too: "Tessel
        # 1" is not the "Tessel+ 1" (whichever product of an enumeration the listing names), nor
        # "Tessel 1" the "Tessel 1 Comfort".
        left_out = _variants_left_out(view, [text.text]) or _qualifier_left_out(
            view, profile, text.text, beside
        )
        # A number right after it that is not the name's is another model's ("Tarvo Pro 130"
        # against "Tarvo Pro"), judged as one alone would be; not a piece of the name's own ("10"
        # and "0" of "Tessel 10 0", read as "10.0"). So is a tier or a "+" ("Tarvo Pro Max",
        # "Tarvo V3 Plus" against "Tarvo Pro", "Tarvo V3"). Codes beside it are a list of the
        # models the listing fits or names ("86Y 42U"), the name's among them.
        pieces = {piece for v in own for piece in v.written.split(".")}
        after = {canonical_token(v.written): v.before for v in own}
        beside = [
            v
            for v in beside
            if v not in own
            and v.written not in pieces
            and v.before in after
            and (
                v.key.replace(".", "").isdigit()
                or small_number(v.written) is not None  # a version's "V2", "Gen2", "II"
                or v.written in TIER_WORDS
                # the "+" on the name's own variant ("Tarvo 3+"), not on an age ("Kids 3+ Years")
                or (v.key == "PLUS" and after[v.before] in v.near and after[v.before] not in _AT_LEAST)
            )
        ]
        if left_out is not None or not beside:
            return left_out
    # A variant another of the product's names gives ("Lumo SL 4.0 & 5.0 Forks" beside "Lumo SL
    # Electric Bicycles") is the notice's own, and that name's others are required too.
    names = _names_giving(view, beside, profile) if beside else []
    if names:
        return _variants_left_out(view, names)
    # So is one the sentence saying what the recall involves names ("2015 Tarvo Ferrel 6
    # bicycles"); and a notice of every model of the line ("involves all Calder NEO bicycles"),
    # or of the line in some model years (that sentence, or the name itself: "TESSEL model year
    # 2019 and 2020"), covers whichever the listing names.
    if beside and (
        _every_model_of_its_years(Involved(text.text, all_models=False), profile)
        or _a_vehicle_line_named_whole(text, profile)
        or _an_involves_sentence_covers(view, beside, profile)
        or _every_size_or_model_of_the_name(beside, text, profile)
    ):
        return None
    if beside and not _a_listed_model_given(view, beside, profile):
        written = beside[0].written
        return f"another variant of the line: the listing names {written!r}, which {text.text!r} does not"
    # The line alone in a year the notice covers: the year says which generation it is, and a
    # person looks (`scoring.variant_left_out_in_its_year`).
    in_its_year = the_line_alone_in_a_covered_year(view, profile)
    left_out = None if in_its_year else variants_left_out_of_the_name(view, profile, text, policy)
    return (
        f"not the model the recall names: {text.text!r} has {left_out}, the listing does not"
        if left_out
        else None
    )


# What a number's "+" means "or more" after ("SPF 50+", "ages 3+"): no other model.
_AT_LEAST = frozenset("spf upf age ages".split())


def _another_number_of_a_listed_line(view: ListingView, text: NameEvidence, profile: Profile) -> str | None:
    """Another model of a line the notice lists by number ("Tarvo 7.6 FX" against the lines "Tarvo
    7.2 FX", "7.3 FX", "7.5 FX"), where the name that matched best is not one of them (the title's
    "Bicycles"): the number beside the line's word is none the lines give it with."""
    # The cheap tests first: it runs for most candidates, and few notices list lines.
    if not view.variants or not any(field_name == "lines" for field_name, *_ in profile.texts):
        return None
    if not profile.models_by_key.keys().isdisjoint(v.key for v in view.variants):
        return None
    shared = _words_every_product_has(profile)
    named = named_variants(profile)
    for variant in view.variants:
        if variant.key in named or not any(c.isdigit() for c in variant.key):
            continue
        if not set(text.words).isdisjoint(variant.near):
            continue  # beside the best name's words: `outside_scope` reads it against that name
        numbers = {
            model_key(word, folded=True): word
            for field_name, value, tokens in profile.texts
            if field_name == "lines" and not set(variant.near).isdisjoint(set(tokens) - shared)
            for word in raw_words(value)
            if any(c.isdigit() for c in word)
        }
        if numbers and not any(_one_number(n, variant.key) for n in numbers):
            listed = ", ".join(sorted(numbers.values())[:4])
            return (
                f"another model of the line: the listing names {variant.written!r}, the notice's "
                f"lines number it {listed}"
            )
    return None


def _one_number(one: str, other: str) -> bool:
    """Whether two keys are one number, written with its letters or without ("29" of "29ER"), not
    "3" of "35"."""
    short, long = sorted((one, other), key=len)
    return long == short or (long.startswith(short) and long[len(short) :].isalpha())


def _another_number_of_thousands(view: ListingView, text: NameEvidence) -> str | None:
    """Another model of a line numbered by the thousands it is sold by ("Zest 20000 Puffs", "Orvel
    10000" against "Zest 40000", "Orvel 50K"): a number of thousands, however written, that the
    name does not give, where the name gives one (`thousands`). Not one with its unit ("20000
    mAh"): a rating, which the notice's names need not state. Where the name gives none, such a
    number is the listing's rating (a power bank's "20000"), no other model."""
    named = _thousands_named(text.text)
    if not named:
        return None
    sequence = view.title_sequence
    for at, word in enumerate(sequence):
        number = thousands(word)
        following = sequence[at + 1] if at + 1 < len(sequence) else ""
        if number is not None and number not in named and not measure_like(word + following):
            return f"another variant of the line: the listing names {word!r}, which {text.text!r} does not"
    return None


@lru_cache(maxsize=16_384)
def _thousands_named(name: str) -> frozenset[str]:
    """The numbers of thousands a name gives, in digits: asked of every candidate's best name, and
    few names give one."""
    return frozenset(number for word in raw_words(name) if (number := thousands(word)) is not None)


def _an_involves_sentence_covers(view: ListingView, beside: list[Variant], profile: Profile) -> bool:
    """Whether a sentence saying what the recall involves covers the listing's variant: it involves
    every model (of the line, or of its model years), or it gives the variant in a product the
    listing names a word of (`_given_with_a_listing_word`)."""
    scopes = involved_scopes(profile)
    if not scopes:
        return False
    shared = _words_every_product_has(profile)  # once for every sentence and variant
    return any(
        scope.all_models
        or _every_model_of_its_years(scope, profile)
        or any(_given_with_a_listing_word(view, v, scope.subject, shared) for v in beside)
        for scope in scopes
    )


def _a_listed_model_given(view: ListingView, beside: list[Variant], profile: Profile) -> bool:
    """Whether the listing gives one of the notice's model numbers as printed (not inside a longer
    code), no variant shaped like one ("QX5" beside the notice's "QX4") and no generation's number
    ("K160 V2", "QX4 Gen 2": a later model): a code beside the name is then the product's base or
    size ("E26 … Bulb K160"), no other model."""
    listed = profile.models_by_key
    if not any(c.key in listed and not c.inside for c in view.codes):
        return False
    shapes = {_code_pattern(key) for key in listed}
    return not any(_code_pattern(v.key) in shapes or small_number(v.written) is not None for v in beside)


def _every_size_or_model_of_the_name(beside: list[Variant], text: NameEvidence, profile: Profile) -> bool:
    """Whether the notice says it covers every size or model number of a name that gives no number
    of its own and lists no models ("Tarvo Vexo helmets in all sizes", "regardless of model number",
    "All model numbers are included"), or the sizes the listing's numbers are in ("sizes 6 through
    11"): a number beside that name is one of them, no other variant."""
    if profile.models or variant_keys(text.text):
        return False
    for field_name, value, _ in profile.texts:
        if field_name != "other_texts":
            continue
        if _EVERY_SIZE_OR_MODEL.search(value) is not None:
            return True
        for found in _SIZES_FROM_TO.finditer(value):
            low, high = float(found.group(1)), float(found.group(2))
            if all(_a_number_between(v.written, low, high) for v in beside):
                return True
    return False


def _a_piece_of_a_listed_model(variant: Variant, text: NameEvidence, profile: Profile) -> bool:
    """Whether a variant right after the name is a numbered piece of a model the notice lists, and
    no listed model itself (which names its own model: `outside_scope`'s `own`)."""
    return (
        variant.before in text.words
        and variant.key not in profile.models_by_key
        and variant.key in _numbered_pieces(profile.models)
    )


@lru_cache(maxsize=4096)
def _numbered_pieces(models: tuple[ModelNumber, ...]) -> frozenset[str]:
    """The keys of the numbered pieces of the notice's model numbers ("20K" of "VG-20K", "450" of
    "QZ 450"): a seller writing the piece alone, right after the name ("<Line> Power Bank 20K"),
    names the notice's model, no other variant; after a word of its own ("<Line> Mini 100") it may
    name a sibling (`_own_word_before_variant`)."""
    return frozenset(
        key
        for model in models
        for piece in _MODEL_PIECE_BREAK.split(model.printed)
        if len(key := model_key(piece)) >= 2 and any(c.isdigit() for c in key)
    )


_MODEL_PIECE_BREAK = re.compile(r"[-/\s.]+")


def _a_number_between(written: str, low: float, high: float) -> bool:
    """Whether a listing's number is a size of a run: "4T" is a toddler's 4; a run ending lower
    than it starts goes round where it starts at a child's shoe size, as those do after 13½
    ("sizes 10 through 3": 10 to 13½, then 1 to 3); from a larger size it is written high to low
    ("sizes 20 through 16")."""
    try:
        size = float(written.removesuffix("t"))
    except ValueError:
        return False  # a code, no size
    if low <= high:
        return low <= size <= high
    if low <= _SHOE_SIZES_GO_ROUND:
        return low <= size <= _SHOE_SIZES_GO_ROUND or size <= high
    return high <= size <= low


_SHOE_SIZES_GO_ROUND = 13.5


# Not "Not all sizes are affected", "regardless of model year", "regardless of style".
_EVERY_SIZE_OR_MODEL = re.compile(
    r"(?<!\bnot\s)\ball\s+(?:sizes\b(?!\s+(?:are|were)\s+not\b)"
    r"|(?:(?:model|style|item)\s+numbers|models)\s+(?:are\s+)?(?:included|recalled|affected|covered)\b)"
    r"|\bregardless\s+of\s+(?:the\s+)?(?:model|size)s?\b(?!\s+years?\b)",
    re.I,
)
# "sizes 6 through 11", "sizes 2T to 7" (a toddler's sizes, "T", run on into a child's).
_SIZES_FROM_TO = re.compile(r"\bsizes\s+(\d+(?:\.\d+)?)t?\s*(?:through|to|-|–)\s*(\d+(?:\.\d+)?)t?\b", re.I)


def _names_giving(view: ListingView, beside: list[Variant], profile: Profile) -> list[str]:
    """The notice's names (not its descriptions) that give one of the listing's variants in a
    product the listing names a word of: "Kolt Trail 3" of the lines "Kolt Trail 1", "Kolt Trail
    3" for "Tarvo Kolt Trail 3", none of them for "Tarvo Presio 3"; "QZ 450" of the line "Tarvo QZ
    450 Blowers" for "Tarvo QZ450", its letters and number written apart (`_written_apart_in`)."""
    named = named_variants(profile)
    if not any(v.key in named for v in beside) and not any(
        _written_apart_in(v.written, value)
        for field_name, value, _ in profile.texts
        if field_name != "other_texts"
        for v in beside
    ):
        return []
    shared = _words_every_product_has(profile)
    return [
        value
        for field_name, value, _ in profile.texts
        if field_name != "other_texts"
        and any(_given_with_a_listing_word(view, v, value, shared) for v in beside)
    ]


def _words_every_product_has(profile: Profile) -> set[str]:
    """The words no product a notice enumerates names itself by: its brand's, and its type (what
    its product names and title end in)."""
    return notice_brand_words(profile) | name_ends(profile)


def _given_with_a_listing_word(view: ListingView, variant: Variant, text: str, shared: set[str]) -> bool:
    """Whether the text gives the listing's variant in a product of which the listing names a word
    of letters too: "Kolt Trail 3" of "… Tarvo Kolt Trail 1, Tarvo Kolt Trail 3 and Tarvo Presio 2
    bicycles" is the listing's "Tarvo Kolt Trail 3", not its "Tarvo Presio 3" (one product of the
    enumeration at a time, in whatever order the listing writes its words). A product without
    words of its own (only the brand's, the type's, or none) is the one before it ("Pellow 1.0,
    2.0 and 3.0 bicycles"), or, first, what its words name ("Toy gun (7 Tarvo)"). Where no product
    is named ("2 pcs"), or a run of codes names none ("serial numbers beginning with: G479 K847
    …"), the variant is the notice's own. `shared`: the notice's `_words_every_product_has`,
    worked out once by the caller for all its texts."""
    named: list[str] = []  # the words of the last product named
    size = _wheel_size(variant.key)
    for part in ITEM_BREAK.split(text):
        for item in NAME_ITEMS.split(part):
            words = [word for word in name_tokens(item) if len(word) > 1]
            letters = [w for w in words if w.isalpha() and w not in NOT_A_NAME]
            own = [w for w in letters if w not in shared]
            if own or not named:
                named = own or letters
            keys = word_keys(item)
            if (
                variant.key not in keys
                and size not in {_wheel_size(key) for key in keys}
                and not _written_apart_in(variant.written, item)
            ):
                continue
            if not named or all(w.isalnum() and not w.isalpha() and not w.isdigit() for w in words):
                return True  # no product named ("2 pcs"), or a run of codes
            if any(word in view.qualities for word in named):
                return True
    return False


# Bicycle wheel sizes as variant keys ("27.5" is "275"), which sellers name a bicycle by with "er".
_WHEEL_SIZES = frozenset({"26", "275", "29", "36"})


def _wheel_size(key: str) -> str:
    """A number's key, and a wheel size with "er" as the size itself: sellers call a bicycle on
    29-inch wheels a "29er", and the notice's "Tarvo 29" is their "Tarvo Tandem 29er". Any
    other number with "er" ("3er") is left as it is."""
    return key[:-2] if key.endswith("ER") and key[:-2] in _WHEEL_SIZES else key


def _another_unit(view: ListingView, profile: Profile) -> str | None:
    """Why the listing is outside the recall, when it states the code of its unit ("lot L2410")
    and the notice lists its units' codes, none of them this one, though written alike (as many
    characters, letters and digits in the same places: "L2410" beside "L2301"). A code written
    otherwise ("lot 12" beside "2403A") may be anything: a seller's lot on an auction, a count; and
    so may a number alone ("Lot 4512", "S/N 10250"), which a range or an "earlier lots" the notice
    also states may hold: such a claim settles the scope when it is the notice's, never excludes."""
    if not profile.unit_codes or not view.unit_claims:
        return None
    if any(claim.key in profile.unit_codes for claim in view.unit_claims):
        return None
    shapes = {_code_pattern(key) for key in profile.unit_codes}
    for claim in view.unit_claims:
        if not claim.written.isdigit() and _code_pattern(claim.key) in shapes:
            listed = ", ".join(list(profile.unit_codes.values())[:6])
            return (
                f"outside the recall's scope: the listing's unit is {claim.written!r}, the recall lists "
                f"{listed}{', …' if len(profile.unit_codes) > 6 else ''}"
            )
    return None


_DIGITS_AND_LETTERS = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "9" * 10 + "A" * 26)


def _code_pattern(key: str) -> str:
    """A model key's letters and digits by place ("L2410": "A9999")."""
    return key.translate(_DIGITS_AND_LETTERS)


def _another_model_year(view: ListingView, profile: Profile) -> str | None:
    """Why the listing is outside the recall, when it states a model year the notice does not cover."""
    if not (profile.model_years and view.years and profile.model_years.isdisjoint(view.years)):
        return None
    covered = years_text(profile.model_years)
    year = f"year {view.years[0]}" if len(view.years) == 1 else f"years {view.years[0]}-{view.years[-1]}"
    return f"outside the recall's scope: the listing is model {year}, the recall covers {covered}"


def _named_in_other_years(view: ListingView, profile: Profile) -> str | None:
    """Why the listing is outside the recall, when the notice gives its names model years of their
    own ("2017 Tarvo QX, Kolt and Vexo snowmobiles and 2018 Tarvo QX and Vexo snowmobiles":
    `scope.years_by_name`) and the listing, of one of the notice's years, names a product the
    notice names in its other years only ("2018 Tarvo Kolt"). A word every name shares (the
    type), or the brand's, says nothing of which."""
    if len(profile.model_years) < 2 or not view.years or profile.model_years.isdisjoint(view.years):
        return None
    listed = set(view.title_sequence) - notice_brand_words(profile)
    for field_name, value, _ in profile.texts:
        if field_name == "lines":
            continue  # a line is a name read out of the other texts, which give its years
        runs = _years_and_words_by_name(value)
        if not runs:
            continue
        shared = frozenset.intersection(*(words for _, words in runs))
        # A listing naming a numbered model of its own year where the name has it ("2021 Tarvo
        # Kolt 700 ATV, only 500 miles" against "2020 Tarvo Kolt 500 and Kolt 700 ATVs and 2021
        # Tarvo Kolt 700 ATVs") is that model: another year's number elsewhere may count miles.
        if any(
            _names_its_numbered_model(view, name)
            for years, name in years_by_name(value)
            if not set(view.years).isdisjoint(years)
        ):
            continue
        for word in sorted(listed - shared):
            named_in = [years for years, words in runs if word in words]
            if named_in and all(not set(years) & set(view.years) for years in named_in):
                covered = years_text(year for years in named_in for year in years)
                return (
                    f"outside the recall's scope: the notice covers {word!r} in {covered} only, the "
                    f"listing is model year {view.years[0]}"
                )
    return None


def _names_its_numbered_model(view: ListingView, name: str) -> bool:
    """Whether the title gives a numbered model of a name as the name does, right after the same
    word ("Kolt 700" of "2021 Tarvo Kolt 700 ATVs"), not a number elsewhere ("… 700 miles")."""
    tokens = name_tokens(name)
    numbered = {
        (tokens[i - 1], token)
        for i, token in enumerate(tokens)
        if i and any(c.isdigit() for c in token) and not is_a_year(token)
    }
    sequence = view.title_sequence
    return bool(numbered) and any(pair in numbered for pair in pairwise(sequence))


@lru_cache(maxsize=16_384)  # a notice's texts, read for every listing of a year it covers
def _years_and_words_by_name(text: str) -> tuple[tuple[tuple[int, ...], frozenset[str]], ...]:
    """The names of a text that each open with their own model years (`scope.years_by_name`), each
    with its years and its words up to the last that every name has (the type), where the names
    end in it: what follows the last name's type qualifies them all ("… and 2018 Tarvo QX
    snowmobiles equipped with a 600 engine"). Names that end in a model of the line ("2020 Tarvo
    Kolt X4 and 2021 Tarvo Kolt X6 vehicles") keep every word (the line's word they share is no
    type), and the last one's words past the first's length (its type) are every name's."""
    runs = years_by_name(text)
    if not runs:
        return ()
    tokens = [name_tokens(name) for _, name in runs]
    shared = set.intersection(*map(set, tokens))
    if tokens[0] and tokens[0][-1] not in shared:
        # The last name goes on past the first's length with the words of every name's type ("…
        # X4 and 2021 Tarvo X6 electric bicycles"): those are every name's, not its own.
        common = set(tokens[-1][len(tokens[0]) :])
        return tuple(
            (years, frozenset(words) | common) for (years, _), words in zip(runs, tokens, strict=True)
        )
    out = []
    for (years, _), words in zip(runs, tokens, strict=True):
        last = max((i for i, token in enumerate(words) if token in shared), default=len(words) - 1)
        out.append((years, frozenset(words[: last + 1])))
    return tuple(out)


def _named_as_not_covered(view: ListingView, profile: Profile) -> str | None:
    """Why the listing is outside the recall, when it names a product the notice says the recall
    does not cover, its words in their order (`_named_in_order`: "This recall does not include any
    2002 model product, which include the Tarvo II …": "Acme Tarvo II treadmill")."""
    sequence: tuple[str, ...] | None = None
    for name in profile.not_covered:
        tokens = name_tokens(name)
        if sequence is None:
            # The title's and the description's words, hyphened words apart, as names read; the
            # brand a field or "by" gives first, where a name opens with it ("<Line> Mini Blender
            # by <Maker>").
            maker = sorted(view.brand_tokens | view.maker_tokens)
            sequence = (*maker, *name_tokens(view.sales_text))
        if tokens and _named_in_order(tokens, sequence):  # no words: nothing named
            return f"outside the recall's scope: the notice says it does not cover {name!r}"
    return None


def _named_in_order(tokens: list[str], sequence: tuple[str, ...]) -> bool:
    """Whether a listing's words (`sequence`) give a name's `tokens` in their order, at most two
    words between one and the next: the product named, not its words strewn over the title ("Kolt
    Stroller, travel friendly" names no "Kolt Travel stroller", nor "Vexo Blender with Mini cup"
    the "Vexo Mini blender"). A name it left out written in another order ("Travel Stroller Kolt")
    is not read either: a wrong reading here lets a recalled product through, a missed one sends
    the product left out to a person."""
    at = -1
    for token in tokens:
        found = next((i for i in range(at + 1, len(sequence)) if sequence[i] == token), None)
        if found is None or (at >= 0 and found - at > _NAME_GAP):
            return False
        at = found
    return True


_NAME_GAP = 3  # a word's place after the one before it in a name a title gives with words between


def _another_bracketed_letter(view: ListingView, text: NameEvidence) -> str | None:
    """Why the listing is another model of the line, when the notice's name singles its model out
    by a letter in brackets ("Tarvo Zorbit (M)") and the listing writes another ("Tarvo Zorbit (S)").
    A letter in brackets against a name without one is left alone: it is a size as often."""
    if not view.bracketed_letters or "(" not in text.text:
        return None
    named = set(BRACKETED_LETTER.findall(fold(text.text)))
    if not named or not named.isdisjoint(view.bracketed_letters):
        return None
    listed = min(view.bracketed_letters).upper()
    return f"another model of the line: the listing names ({listed}), {text.text!r} ({min(named).upper()})"


def _another_number_of_the_brand(view: ListingView, profile: Profile) -> str | None:
    """Why a listing naming the brand and a number alone ("Tarvo 3") is another model, when the
    notice's names number the brand's models and not with it ("Tarvo model 4, 5, 6 bicycles")."""
    brand_words = notice_brand_words(profile)
    beside = [v for v in view.variants if v.key.isdigit() and v.before in brand_words]
    if not beside:
        return None
    named = named_variants(profile)
    numbers = sorted((key for key in named if key.isdigit()), key=int)
    if not numbers or any(v.key in named for v in beside):
        return None
    return (
        f"another model of the brand: the listing names {beside[0].written!r}, the notice's names "
        f"number its models {', '.join(numbers[:6])}"
    )


def _another_model_of_the_brand(view: ListingView, profile: Profile) -> str | None:
    """Why a listing naming the brand and a model number alone ("Tarvo R2") is another model, when
    the number, right after the brand, is numbered as one of the notice's models is (as many
    letters before its digits, a digit more or fewer: "R2" beside "R12", "Q3" beside "Q32") and
    is none of them, nor one of them slipped (`_a_slip_of`): the maker's other model. Not where the
    listing gives one of the notice's models too ("Tarvo XL2 K200": a size, then the model), nor a
    number alone (a size, a year, a piece of the notice's own), nor one numbered otherwise (a
    version, "V.4", beside part numbers "ZT0465")."""
    models = profile.models_by_key
    if not models or any(code.key in models for code in view.codes):
        return None
    brand_words = notice_brand_words(profile)
    after_brand = {word for before, word in pairwise(view.title_sequence) if before in brand_words}
    printed = [literal_key(model.printed) for model in profile.models]
    for code in view.codes:
        own = literal_key(code.written)
        if (
            fold(code.written) in after_brand
            and not own.isdigit()
            and not own.isalpha()
            and not measure_like(code.written)
            and any(_numbered_in_shape(own, model) for model in printed)
            and not any(_a_slip_of(own, model) for model in printed)
        ):
            listed = ", ".join(m.printed for m in profile.models[:6])
            return (
                f"another model of the brand: the listing names {code.written!r}, numbered as the "
                f"notice's models ({listed}) are, and none of them"
            )
    return None


def _numbered_in_shape(key: str, other: str) -> bool:
    """Whether two model keys open with as many letters and hold as many digits, give or take one."""
    letters = len(key) - len(key.lstrip(string.ascii_uppercase))
    if letters != len(other) - len(other.lstrip(string.ascii_uppercase)):
        return False
    return abs(sum(ch.isdigit() for ch in key) - sum(ch.isdigit() for ch in other)) <= 1


def _a_slip_of(key: str, model: str) -> bool:
    """Whether a model number may be the notice's own written with a slip: one holding the other
    ("K10" of "K100", "QX1500W" for "QX1500"), or as long with one character changed or two
    swapped ("R21" for "R12"). Stricter than the slip `scoring._another_model_claimed` allows a claimed
    number, a character more or fewer: between short codes that is another model ("R2", "R12")."""
    if key in model or model in key:
        return True
    return len(key) == len(model) and OSA.distance(key, model, score_cutoff=1) <= 1


def _trim_after_a_code(variant: Variant, text: NameEvidence, profile: Profile) -> bool:
    """Whether the listing's number follows the line's name where that name is a short code ("Tarvo
    QX7 35 Turbo", "QX7 1.4" against "QX7"), which the notice never writes a number after: a code
    names its model on its own, and the number is its trim, engine or size. (Where the notice
    writes numbers after the code, "QX4 50, QX4 60", they are its models: `variant_keys`.)"""
    code = variant.before
    if LINE_CODE.match(code) is None or code not in text.words:
        return False
    for field_name, value, _ in profile.texts:
        if field_name in LINE_FIELDS and any(
            word == code and after[:1].isdigit() for word, after in pairwise(raw_words(value))
        ):
            return False
    return True


def _another_ending(view: ListingView, profile: Profile) -> str | None:
    """The listing's own model, when it gives a model number the notice lists with another ending
    after its last hyphen: "QX101-04" against "QX101-05" is another generation of the model. (A
    letter or word hyphenated onto the notice's number itself names it: `analysis._WORD_SUFFIX`.)"""
    for code in view.codes:
        if "-" not in code.written:
            continue
        base, _, ending = fold(code.written).rpartition("-")
        # A base of a letter or two is no model number ("Q-20"), and an ending typed with
        # look-alikes ("S-Z0") is the same ending.
        if len(base) < 3 or not any(c.isdigit() for c in base) or code.key in profile.models_by_key:
            continue
        for model in profile.models:
            listed_base, listed_dash, listed_ending = fold(model.printed).rpartition("-")
            if (
                listed_dash
                and model_key(listed_base) == model_key(base)
                and as_digits(listed_ending) != as_digits(ending)
            ):
                return f"another model: the listing names {code.written!r}, the notice {model.printed!r}"
    return None


def _another_rating(view: ListingView, profile: Profile) -> str | None:
    """The listing's own product, when it states an electrical rating (volts, watts, mAh) in a
    unit the notice's names state, with none of their values: "40V" against "24V and 48V …
    Tools". A rating names the product's version; sizes and weights are left alone, as a
    listing states them for much else ("fits 20-24 inch", "holds 300 lbs", "5-52.5 lbs")."""
    listed = view.ratings
    if not listed:
        return None
    named: set[tuple[str, str]] = set()
    for field_name, value, _ in profile.texts:
        if field_name in LINE_FIELDS:
            named |= quantities(fold(value))
    for unit in sorted({u for u, _ in listed}):
        values = sorted(v for u, v in named if u == unit)
        if values and not any((u, v) in named for u, v in listed if u == unit):
            shown = RATINGS[unit]
            stated = ", ".join(f"{v}{shown}" for u, v in listed if u == unit)
            notice = ", ".join(f"{v}{shown}" for v in values)
            return f"another product: the listing states {stated}, the notice {notice}"
    return None


def _another_power_source(view: ListingView, profile: Profile) -> str | None:
    """The listing's own product, when its title says what powers it and the notice's names say
    another thing does, and not that: a "Gas Grill" against "Electric Grills", a "Corded" drill
    against "Cordless Drills". What powers a product sets it apart from the maker's others of
    the type."""
    words = view.title_sequence
    if _POWER_SOURCES.isdisjoint(words):
        return None  # most titles: no word is read one by one
    stated = {
        word
        for i, word in enumerate(words)
        if word in _POWER_SOURCES
        and (i == 0 or words[i - 1] not in _NOT_POWERED_BY)
        and (i + 1 == len(words) or words[i + 1] not in _NOT_WHAT_POWERS)
        and (word != _CHARCOAL or _charcoal_burned(words, i))
    }
    if not stated:
        return None
    named: set[str] = set()
    for field_name, _, tokens in profile.texts:
        if field_name in LINE_FIELDS:
            named |= _POWER_SOURCES.intersection(tokens)
    if not named or any(_one_power_source(said, name) for said in stated for name in named):
        return None
    return (
        f"another product of the kind: the listing says {', '.join(sorted(stated))}, the notice's names "
        f"{', '.join(sorted(named))}"
    )


def _one_power_source(one: str, other: str) -> bool:
    """Whether two words may say what powers one product: the same word, or a kind and one of
    its own ("propane" is a gas, "cordless" an electric product; "corded" and "cordless" are
    two)."""
    return one == other or one in _POWER_KINDS.get(other, ()) or other in _POWER_KINDS.get(one, ())


# What powers a product, as its name says: one excludes the others, but for the kinds of a
# broader one (`_POWER_KINDS`).
_POWER_SOURCES = frozenset("gas electric propane charcoal pellet cordless corded".split())
_POWER_KINDS = {"gas": frozenset({"propane"}), "electric": frozenset({"cordless", "corded"})}
# A power word that says what it does not run on ("No Gas"), or a part's or a feature's ("Electric
# Ignition", "Electric Start", "Pellet Tray", "Gas Free"), not what powers the product.
_NOT_POWERED_BY = frozenset(map(canonical_token, "no non without".split()))
_NOT_WHAT_POWERS = frozenset(map(canonical_token, "ignition igniter start starter tray free".split()))
_CHARCOAL = canonical_token("charcoal")


def _charcoal_burned(words: tuple[str, ...], at: int) -> bool:
    """Whether a title's "charcoal" (`words[at]`) says what the product burns ("Charcoal Grill"),
    not its colour ("Blanket, Charcoal", "Charcoal Black", "Charcoal Grey"): a word follows it,
    and no colour."""
    return at + 1 < len(words) and words[at + 1] not in COLOURS


def _the_same_number(variant: Variant, view: ListingView, name: str) -> bool:
    """Whether the listing's variant is a number the name writes another way, after the same word
    as the name ("Tessaly 2" for the name's "Tessaly II", "Two", "2nd"; "Kolt Version 2" for its "Kolt V2":
    `text.small_number`), not a class's or a type's ("Class II")."""
    number = small_number(variant.written)
    return number is not None and number in numbers_at_the_names_places(view, name_tokens(name))


def _written_apart(written: str, name_keys: frozenset[str]) -> bool:
    """Whether a listing's code is words of the name that the name writes apart: "VX300" of
    "Cross Country motorcycles (VX 300 and WX 350)"."""
    pieces = key_pieces(written)
    return len(pieces) > 1 and all(piece in name_keys for piece in pieces)


def _written_apart_in(written: str, name: str) -> bool:
    """Whether a listing's code is words a name writes apart, one right after the other: "QZ450"
    of "Tarvo QZ 450 Blowers"; not "QZ600" of "Tarvo QZ 450 Blowers, 600 CFM"."""
    pieces = key_pieces(written)
    if len(pieces) < 2:
        return False
    keys, size = word_key_sequence(name), len(pieces)
    return any(list(keys[i : i + size]) == pieces for i in range(len(keys) - size + 1))


def _a_spec_the_notice_does_not_state(variant: Variant, profile: Profile) -> bool:
    """Whether a listing's number is the version of a standard ("Bluetooth 5.3", `lexicon.
    STANDARD_NAMES`) or how many ways the product is used ("3 in 1") where the notice's names state
    neither: what sellers print of every such product, no model of the line. Where the notice
    states it ("WiFi 6 Mesh Routers", "3-in-1 Cribs"), another version is another product, and
    the same ways written apart are its own ("3 in 1")."""
    standard = variant.before.replace("-", "")  # "Wi-Fi", "WiFi"
    if standard in STANDARD_NAMES:
        return profile.vocabulary.isdisjoint((standard, *variant.before.split("-")))
    if variant.before == "in":
        stated = {
            (found.group(1), found.group(2))
            for field_name, value, _ in profile.texts
            if field_name in LINE_FIELDS
            for found in _WAYS.finditer(value)
        }
        # Where it states them, the same ways ("3 in 1" for its "3-in-1") are its product's too.
        return not stated or ((variant.near[0], variant.written) in stated and variant.near[1:2] == ("in",))
    return False


_WAYS = re.compile(r"(\d)\s*-?\s*in\s*-?\s*(\d)", re.I)


def _a_count_after_the_type(variant: Variant, text: NameEvidence, profile: Profile) -> bool:
    """Whether a listing's variant is how many of the product it sells, written after the type the
    name ends in ("… Convertible Crib x2", "… Crib 2x", "… Crib x 2"): a model's code comes before
    the type or after the line, not there."""
    if _COUNT_MARK.fullmatch(variant.written):
        after = variant.before
    elif variant.before == "x" and variant.written.isdigit() and variant.near[1:2] == ("x",):
        after = variant.near[0]  # "x 2": the word before the "x"
    else:
        return False
    tokens = best_name_tokens(text, profile)
    return bool(tokens) and after == tokens[-1]


_COUNT_MARK = re.compile(r"x\d{1,2}|\d{1,2}x", re.I)


def _the_first_of_the_line(variant: Variant, text: NameEvidence, profile: Profile) -> bool:
    """Whether a listing's variant marks the line's first generation or version ("V1", "Gen 1",
    "Mk1") where the notice numbers none: the product a notice naming the line alone means, as
    sellers tell it from a later one. A number of the name's own ("Tessaly 3") numbers one, a size
    ("16 Inch") none; so does a version another of its texts states ("Ranger V2 strollers")."""
    if not _a_generation(variant) or small_number(variant.written) != 1:
        return False
    # Any text: its prose may say which version the recall is of ("Ranger V2 strollers with …").
    return not _versions_numbered(text.text, bare=True) and not _versions_stated(profile, prose=True)


def _a_generation_the_notice_gives(variant: Variant, text: NameEvidence, profile: Profile) -> bool:
    """Whether a listing's generation ("Gen 2", "V2") is one the name numbers, wherever it writes
    it ("Vela II Baby Monitor" for "Vela Baby Monitor Gen 2"), or, where the name numbers none,
    one another of the notice's names states ("Recalls Second-Generation Lumo Baby Monitors"). A
    bare number right after a word of the name is the generation the notice's names number by its
    mark: "Lumo 2 Baby Monitor" for "Lumo Baby Monitor (2nd Generation)"."""
    number = small_number(variant.written)
    if not _a_generation(variant):
        return (
            number is not None
            and variant.written.isdigit()
            and variant.before in best_name_tokens(text, profile)
            and number in (_versions_numbered(text.text) or _versions_stated(profile, of=text.words))
        )
    return number in (_versions_numbered(text.text, bare=True) or _versions_stated(profile, of=text.words))


def states_the_generation(view: ListingView, text: NameEvidence, profile: Profile) -> bool:
    """Whether the listing names, beside the name and by its mark, the generation the notice's
    names number ("<Line> Baby Monitor Gen 2" against "<Line> Baby Monitor (2nd Generation)"): it
    shows which units it is, as a covered model year written does. Not a bare number, which counts
    what comes with the product as often ("… Monitor 2 Cameras", "… Heater 2 Heat Settings"), nor
    a generation only the notice's prose gives, which may be one it leaves out."""
    return any(
        _a_generation(variant)
        and not set(text.words).isdisjoint(variant.near)
        and _a_generation_the_notice_gives(variant, text, profile)
        for variant in view.variants
    )


def _a_generation(variant: Variant) -> bool:
    """Whether a listing's variant numbers a generation or version by its mark ("V2", "Mk2", "Gen
    2"), not a bare number ("Ridge X 1", "Kolt 01"), nor a decimal's: "Tarvo 2.0" may be a model
    of its own beside the "Tarvo V2"."""
    written = variant.written
    bare = written.replace(".", "").isdigit()
    return small_number(written) is not None and (not bare or variant.before in VERSION_MARKS)


def _versions_stated(profile: Profile, *, prose: bool = False, of: tuple[str, ...] = ()) -> frozenset[int]:
    """The generations or versions the notice's names number by their marks (`_versions_numbered`):
    its title, product names and lines, those holding the words `of` (the product's: not another
    line's, "Kolt Zoomer Scooter Gen 2" beside "Kolt Vento Scooter"); with `prose`, its
    descriptions too, which may name a version to leave it out, as the remedy or as a part's ("the
    Kolt V2 battery pack")."""
    return frozenset().union(
        *(
            _versions_numbered(value)
            for field_name, value, tokens in profile.texts
            if prose or (field_name in LINE_FIELDS and set(of) <= set(tokens))
        )
    )


def _versions_numbered(text: str, *, bare: bool = False) -> frozenset[int]:
    """The generations or versions a notice's name numbers: "V2", "Mk II", "Tessaly II",
    "Second-Generation", "2nd Gen", "Gen 2", "Version Two"; with `bare`, a number of its own too
    ("Tessaly 3", "Tessaly 2.0"), not a size or a count ("16 Inch", "3-Pack"). Not a class's, a
    type's or a standard's ("Type II", "Class 2", "USB 2.0")."""
    words = [part for word in raw_words(text) for part in word.split("-") if part]
    found = set()
    for at, word in enumerate(words):
        following = words[at + 1] if at + 1 < len(words) else ""
        if _an_ordinal(word) and (following in _JOINING_ORDINALS or _an_ordinal(following)):
            following = _after_the_ordinals(words, at)  # "2nd and 3rd Generation": both are generations
        if word in _ORDINAL_WORDS:  # "Second-Generation", not "First Steps"
            number = _ORDINAL_WORDS[word] if following in _GENERATION_WORDS else None
        else:
            number = small_number(word)
        previous = words[at - 1] if at else ""
        if number is None or previous in _NOT_A_VERSION or previous in STANDARD_NAMES:
            continue
        marked = bool(previous) and canonical_token(previous) in VERSION_MARKS
        if word.replace(".", "").isdigit():  # a number, whole or a decimal
            counts = marked or (bare and not measure_like(word) and not measure_like(word + following))
        elif word.isalpha() and not set(word) <= _ROMAN_LETTERS:
            counts = marked or word in _ORDINAL_WORDS  # spelled out: "Version Two", not "All in One"
        else:
            counts = not measure_like(word) or following in _GENERATION_WORDS  # "V2", "II"; "2nd Gen"
        if counts:
            found.add(number)
    return frozenset(found)


def _after_the_ordinals(words: list[str], at: int) -> str:
    """The word after the run of ordinals and the words joining them that follows word `at`: what
    they number ("generation" of "2nd and 3rd Generation", "1st & 2nd Gen")."""
    return next((w for w in words[at + 1 :] if w not in _JOINING_ORDINALS and not _an_ordinal(w)), "")


def _an_ordinal(word: str) -> bool:
    """Whether a word is an ordinal, in digits or spelled out ("2nd", "second")."""
    return word in _ORDINAL_WORDS or is_ordinal(word)


_JOINING_ORDINALS = frozenset(("and", "or"))

# Words after which a number or a numeral grades or sorts the product: no generation of it.
_NOT_A_VERSION = frozenset("class type level phase part category grade stage step size group".split())
# The words an ordinal numbers a generation before ("2nd Gen", "Second-Generation"), not a size's
# or a state's ("2nd hand").
_GENERATION_WORDS = frozenset("gen generation edition version".split())
_ROMAN_LETTERS = frozenset("ivx")
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _own_word_before_variant(view: ListingView, profile: Profile, beside: list[Variant]) -> str | None:
    """The listing's model, when a variant the notice names follows a word the notice never uses:
    "Calder Neo 3" against "Calder 3" is the line's "Neo 3", another model. A word the listing
    misspelt or ran into another is the notice's; a notice of every model of the line covers
    whichever the listing names."""
    for variant in beside:
        word = variant.before
        if (
            not word.isalpha()
            or word in profile.vocabulary
            or word in NOT_A_NAME
            or word in STOPWORDS
            or variant.key.lower() not in profile.vocabulary
        ):
            continue
        if misspelt(word, profile.vocabulary) or _read_as_the_notices(view, word, profile):
            continue
        if any(scope.all_models for scope in involved_scopes(profile)):
            return None
        return (
            f"another model of the line: the listing names {word!r} before {variant.written!r}, a word "
            "the notice never uses"
        )
    return None


def _own_model_after_the_line(view: ListingView, text: NameEvidence, profile: Profile) -> str | None:
    """The line's other model, when the listing names a line the notice enumerates up to its last
    word and then, in that word's place, a name of its own: "Tarvo Vexo Sevenfull RX" against the
    notice's "Tarvo Vexo Urbano" (of its Urbano, Rallo and Superrallo models). The name is words the
    notice never uses, nor misspells; the line's last word names a model, not the type; a notice of
    every model of the line covers whichever the listing names."""
    if text.field != "lines":
        return None
    tokens = best_name_tokens(text, profile)
    if (
        len(tokens) < 2
        or not tokens[-1].isalpha()  # a number or code names a variant: `outside_scope`'s own checks
        or len(tokens[-1]) < FUZZY_MIN_LENGTH  # a letter code ("TW"): a variant's too
        or tokens[-1] in view.qualities
        or tokens[-1] in type_words(profile)
    ):
        return None
    if not all(t in view.qualities for t in tokens[:-1]):
        return None
    vocabulary = profile.vocabulary
    words = view.title_words
    for i, readings in enumerate(words[:-1]):
        if tokens[-2] in readings:
            own = words[i + 1]
            if (
                vocabulary.isdisjoint(own)
                and all(w.isalpha() and w not in NOT_A_NAME for w in own)
                and len("".join(own)) >= 3
                and not misspelt("".join(own), vocabulary)
                and not any(scope.all_models for scope in involved_scopes(profile))
            ):
                hit = view.hits.get(own[0])
                named = hit.word if hit is not None else own[0]  # as the listing writes it
                return (
                    f"another model of the line: the listing names {named!r} where {text.text!r} "
                    f"has {tokens[-1]!r}"
                )
            return None
    return None


def _read_as_the_notices(view: ListingView, word: str, profile: Profile) -> bool:
    """Whether the listing's word was read as one of the notice's words ("OzoneBikes" as "ozone",
    "bike")."""
    return any(canonical_token(hit.word) == word for t, hit in view.hits.items() if t in profile.vocabulary)


def _qualifier_left_out(view: ListingView, profile: Profile, name: str, beside: list[Variant]) -> str | None:
    """Why the listing is not the model the recall names, when the name ends in a word after the
    variant the listing names, which the listing leaves out: "Tessel 1" is not the "Tessel 1
    Comfort". The notice's type ("Tessel 1 Bicycles") is no such word."""
    keys = {v.key for v in beside}
    types = type_words(profile)
    for item in NAME_ITEMS.split(name):
        words = raw_words(item)
        if len(words) < 3 or variant_key(words[-2]) not in keys:
            continue
        last = words[-1]
        token = canonical_token(last)
        if last.isalpha() and token not in view.hits and token not in types and token not in NOT_A_NAME:
            named = item.strip()
            return f"not the model the recall names: {named!r} ends in {last!r}, which the listing leaves out"
    return None


def _inner_word_left_out(view: ListingView, text: NameEvidence) -> str | None:
    """Why the listing is not the product of the notice's name, when it writes two words of the
    name next to each other that the name parts with a word prose leaves out, which the listing
    never writes: "Pressure Drive" for "Pressure Over Drive". That word is no word of the name's
    to match, but it is the whole name's difference from a sibling's. (A letter parting two
    words, "Ridge X 29er", sellers drop as often as not.)"""
    sequence = view.title_sequence
    if len(sequence) < 2 or not text.text:
        return None
    parted = _parted_words(text.text)
    if not parted:
        return None
    adjacent = set(pairwise(sequence))
    for before, word, after, written in parted:
        if word not in sequence and (before, after) in adjacent:
            return f"not the model the recall names: {text.text!r} has {written}, the listing does not"
    return None


def _another_word_for_the_tier(view: ListingView, text: NameEvidence, profile: Profile) -> str | None:
    """Why the listing is another model of the line, when the notice's name singles its model out
    by a tier ("Tarvo Vexo Max Bicycles") and the listing, where the tier stands, writes a word
    the notice never uses ("Tarvo Vexo Team SL"): the line's other model. Another tier is a
    variant (`outside_scope`); no word there, the line named without its tier, a person looks."""
    tokens = best_name_tokens(text, profile)
    sequence = view.title_sequence
    for before, tier in pairwise(tokens[:-1]):
        if tier not in TIER_WORDS or tier in sequence or before not in sequence:
            continue
        at = sequence.index(before) + 1
        word = sequence[at] if at < len(sequence) else ""
        if word.isalpha() and word not in profile.vocabulary and word not in _NOT_A_TIER_NAME:
            return f"another model of the line: the listing names {word!r} where {text.text!r} has {tier!r}"
    return None


def _another_letter_code(view: ListingView, profile: Profile) -> str | None:
    """Why the listing is another model of the line, when one of the notice's names singles its
    model out by a short code of letters after a word of the line ("Tarvo Vexo K Tires") and the
    listing, where the code stands, writes letters of its own ("Tarvo Vexo JX Tire"): the line's
    other model, as another number is. Each code a word of its own on its side: not a piece of a
    hyphened word ("E-Scooter", "Wi-Fi", "U-Lock"), nor a unit after a number ("5 L"); not letters
    that say the unit's size, colour, condition, market or marks (`_NOT_A_LETTER_CODE`), in
    brackets ("(R)"), the code spelt apart ("G T" for "GT"), nor letters the notice uses anywhere;
    the listing's written in capitals, as a code is (not "la", "Ex", "Wm"); nor a code of the
    notice's that is a mark or in brackets ("<Line>(R)", "<Line> TM")."""
    if view.capitals.issubset(_NOT_A_LETTER_CODE):
        return None  # most titles: no letters in capitals that may be a code
    sequence = view.title_sequence
    for field_name, value, tokens in profile.texts:
        if field_name not in LINE_FIELDS:
            continue
        for before, code in pairwise(tokens):
            if (
                not _a_letter_code(code)
                or code in _MARKS
                or code in sequence
                or before not in sequence
                or not before.isalpha()
            ):
                continue
            at = sequence.index(before) + 1
            word = sequence[at] if at < len(sequence) else ""
            if (
                not _a_letter_code(word)
                or word not in view.capitals
                or word in profile.vocabulary
                or word in _NOT_A_LETTER_CODE
                or word in view.bracketed_letters
                or "".join(sequence[at : at + len(code)]) == code
                or not _a_word_of_its_own(word, view.sales_text)
                or not _a_word_of_its_own(code, folded := fold(value))
                or f"({code})" in folded
            ):
                continue
            named = view.hits[word].word if word in view.hits else word
            return f"another model of the line: the listing names {named!r} where {value!r} has {code!r}"
    return None


def _another_size(view: ListingView, profile: Profile) -> str | None:
    """Why the listing is another model of the line, when the notice's names, or the sentence
    saying what the recall involves, give the sizes of two or three sides their products come in
    ("<Line> 8x42 Binoculars", "650x28c") and the listing's is none of them ("<Line> 10x42 …"):
    where a name gives its size, the size tells its models apart (a box's or a part's size, said
    elsewhere, does not). Compared only with a size of as many sides written in the same units, or
    in none on the listing's side ("10 x 30" against "12' x 30\""): a size in other units ("2.4 x
    1.8 m" against "8x6") or with a side more may be the same product's."""
    if not view.sizes:
        return None  # most titles
    named = [value for field_name, value, _ in profile.texts if field_name in LINE_FIELDS]
    named += [scope.subject for scope in involved_scopes(profile)]  # "… involves <Line> 650x28c tires"
    given = frozenset().union(*(sizes_of_sides(fold(value)) for value in named))
    compared = False
    for units, sides in view.sizes:
        for notice_units, notice_sides in given:
            if len(sides) == len(notice_sides) and (not units or units == notice_units):
                if sides == notice_sides:
                    return None
                compared = True
    if not compared:
        return None
    listed = " x ".join(f"{side:g}" for side in min(view.sizes)[1])
    return f"another size of the line: the listing's {listed}, which the notice's names do not give"


def _a_letter_code(word: str) -> bool:
    """Whether a name's word is a short code of letters ("K", "JX", "LP"), not a word that names
    nothing of the product or introduces a variant."""
    return len(word) <= 2 and word.isalpha() and word not in NOT_A_NAME and word not in STOPWORDS


def _a_word_of_its_own(letters: str, folded: str) -> bool:
    """Whether a (folded) text writes the letters as a word of its own, not a piece of a hyphened
    word or a run of letters and digits."""
    return re.search(rf"(?<![\w-]){letters}(?![\w-])", folded) is not None


# What letters after a line say of the unit, not which model it is: its size, colour, the market
# or plug it is made for, a safety or trade mark, what powers it, a unit it is measured in ("…
# Vexo XL", "… Vexo SM", "… Vexo BK", "… Vexo UK", "… Vexo CE", "… Vexo TM", "… Vexo AC", "… Vexo Oz").
_NOT_A_LETTER_CODE = (
    SIZE_LETTERS
    | SIZE_WORDS
    | PROPERTY_WORDS
    | frozenset("sm md lg af".split())
    | frozenset("bk wh gy gr rd bl gn pk yl bu sv nv gd tn bn".split())
    | frozenset("ex vg ln nr ob nb nw".split())  # its condition: "excellent", "like new", "no box"
    | frozenset("uk gb ie eu au nz ca jp cn hk mx de fr es nl ce ac dc tm co ok".split())
    | frozenset(unit for units in UNITS_BY_MEASURE.values() for unit in units)
    | frozenset("lt kw".split())  # units as sellers write them short
)
# What letters after a notice's line say of it, not which model: a trade or safety mark ("<Line>
# TM", "<Line> UL"; a size's letter there is a model's: "<Line> S").
_MARKS = PROPERTY_WORDS | frozenset(("tm",))


# What stands where a tier does and names no model: what names nothing (`NOT_A_NAME`), a word
# prose leaves out, and another tier, which is another variant (`outside_scope`).
_NOT_A_TIER_NAME = NOT_A_NAME | TIER_WORDS | STOPWORDS


def _own_name_for_the_line(
    view: ListingView, text: NameEvidence, profile: Profile, policy: Policy
) -> str | None:
    """Why the listing is another product of the brand, when it names its product by a name of its
    own (a word no notice uses, nor one a typo repair reads as this notice's) between the brand and
    the type, where the notice's name has words few notices use that the listing leaves out:
    "Harlow BOPtainer Food Jar" against "Harlow Stainless Regent Food Jars", or where the notice
    names its models, or its lines in another of its names ("Harlow Tessella Harness" against
    "Harlow harnesses" recalled as "Vexo and Zorbit Harnesses"). A seller who drops the line's name
    writes the brand and the type, not a name no notice knows."""
    if text.field not in LINE_FIELDS or profile.storefront:
        return None  # a storefront's name is a word no notice uses either
    if not view.unknown and not view.guessed and not (profile.models and view.rare_words):
        return None
    tokens = best_name_tokens(text, profile)
    if len(tokens) < 2 or tokens[-1] not in text.words:
        return None
    weights = profile.weighted_texts[text.position][2]
    least = policy.maker_word_weight
    units = _units_of_sizes(text.text)
    left_out = _numbers_not_written(
        [
            t
            for t in tokens[:-1]
            if t not in units and _left_out_name_word(t, weights.get(t, 0.0), view, least)
        ],
        view,
        tokens,
    )
    brand_words = _sellers_brand_words(text, profile, policy)
    # A notice naming its lines in another of its names ("Vexo and Zorbit Harnesses" beside
    # "Quorra harnesses") names its products as one naming its models does; not one of every model
    # ("all models of two-wheeled and three-wheeled Quorra cargo bikes": kinds, not lines).
    lines = (
        []
        if left_out or profile.models or any(scope.all_models for scope in involved_scopes(profile))
        else _lines_named_elsewhere(view, text, profile, brand_words, least)
    )
    if not left_out and not profile.models and not lines:
        return None
    unknown = {word.token for word in view.unknown}
    vocabulary = profile.vocabulary
    branded = False  # the own name stands after the brand, where the line's name does
    after_brand = False  # … right after it
    for readings in view.title_words:
        if tokens[-1] in readings:
            return None  # the type came first: what follows describes it
        own = readings[0]
        guessed = guessed_elsewhere(view, readings, vocabulary) or coined(view, readings, vocabulary)
        if guessed is not None:
            own, readings = guessed, (guessed,)
        if not branded:
            branded = after_brand = not brand_words.isdisjoint(readings)
            continue
        if not brand_words.isdisjoint(readings):
            continue  # the brand's other words ("Tarvo Home")
        right_after, after_brand = after_brand, False
        if (
            len(readings) == 1
            and own.isalpha()
            and len(own) >= FUZZY_MIN_LENGTH
            and own not in NOT_AN_OWN_NAME
            # A word in small letters describes, unless the notice names its models: there the
            # seller's name for its product is the line's, however written ("<Brand> vexa cooker").
            and (own not in view.written_small or bool(profile.models))
            and (
                (left_out and (own in unknown or own == guessed))
                # Against a notice naming its models by number, a rare or unknown word it never
                # uses, right after the brand, is a line's name too ("Harlow Zesta Toaster Oven" against
                # "Harlow Toaster Ovens, Model HT-200"); describing words follow the line's name.
                or (
                    not left_out
                    and right_after
                    and (own in view.rare_words or own in unknown or own == guessed)
                    and own not in vocabulary
                    and not misspelt(own, vocabulary)
                    and not _run_together(own, vocabulary)
                )
            )
        ):
            if left_out:
                named = ", ".join(repr(t) for t in left_out)
                return (
                    f"another product of the brand: the listing names it {own!r}, where {text.text!r} "
                    f"has {named}, which the listing leaves out"
                )
            listed = ", ".join([m.printed for m in profile.models[:4]] or lines[:4])
            what = "models" if profile.models else "lines"
            return (
                f"another product of the brand: the listing names it {own!r}, a name the notice never "
                f"uses, and not its {what} ({listed})"
            )
    return None


def _sellers_brand_words(text: NameEvidence, profile: Profile, policy: Policy) -> set[str]:
    """The words a seller writes for the product's brand: the notice's brands', and the maker's it
    files under another firm ("Quessa" of "Quessa Skateboard Wheels", recalled by an importer)."""
    words = notice_brand_words(profile)
    maker = maker_word(text, profile, policy)
    if maker is not None:
        words.add(maker)
    return words


def _run_together(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word is two of the notice's words (or a firm's legal form and one) run together
    ("KGLED" of "… & Co. KG" and "LED"): the notice's words, not a name of the listing's own."""
    return any(
        (word[:i] in vocabulary or word[:i] in LEGAL_FORMS)
        and (word[i:] in vocabulary or word[i:] in LEGAL_FORMS)
        for i in range(2, len(word) - 1)
    )


def _lines_named_elsewhere(
    view: ListingView, text: NameEvidence, profile: Profile, brand_words: set[str], least: float
) -> list[str]:
    """The words few notices use that the notice's other names give its product and the listing
    does not: the lines it names beside the brand and type the listing matched."""
    found: dict[str, None] = {}  # in the notice's order, once each
    for position, (field_name, _, weights, _) in enumerate(profile.weighted_texts):
        if position == text.position or field_name not in LINE_FIELDS:
            continue
        for t, weight in weights.items():
            if _left_out_name_word(t, weight, view, least) and t not in brand_words and t not in LEGAL_FORMS:
                found[t] = None
    return list(found)


@lru_cache(maxsize=4096)
def _units_of_sizes(name: str) -> frozenset[str]:
    """The words a name writes after a number as its size's unit ("liter" of "10-Liter and 15-Liter
    Minifridges", "can" of "6-can"): which size, not which product. Cached: names repeat."""
    return frozenset(canonical_token(unit) for _, unit in sizes_written(name))


def _numbers_not_written(left_out: list[str], view: ListingView, tokens: tuple[str, ...]) -> list[str]:
    """`left_out` (words of a name, `tokens`) without the name's numbers the title writes another
    way where the name has them: "Ferrel MK2" gives "Ferrel Mk II"'s "ii"."""
    if all(small_number(t) is None for t in left_out):
        return left_out  # most names: no number among the words left out
    numbered = numbers_at_the_names_places(view, tokens)
    return [t for t in left_out if small_number(t) not in numbered]


def _left_out_name_word(word: str, weight: float, view: ListingView, least: float) -> bool:
    """Whether a word of a notice's name is one few notices use (`least`: a maker's weight) that
    names a product, and the listing leaves it out."""
    return word.isalpha() and weight >= least and word not in view.qualities and word not in NOT_A_NAME


@lru_cache(maxsize=16_384)
def _parted_words(name: str) -> tuple[tuple[str, str, str, str], ...]:
    """The name's words that prose leaves out (two letters or more, not joining two names) between
    two of its words: (the word before, the word, the word after, canonical; how to print them).
    Cached: names repeat across listings."""
    if not _PARTING_WORD.search(name):
        return ()  # most names: no such word
    words = raw_words(name)
    return tuple(
        (
            canonical_token(words[i - 1]),
            canonical_token(words[i]),
            canonical_token(words[i + 1]),
            f"{words[i]!r} between {words[i - 1]!r} and {words[i + 1]!r}",
        )
        for i in range(1, len(words) - 1)
        if len(words[i]) >= 2 and words[i] in STOPWORDS and words[i] not in _NAME_JOINERS
    )


# Words that join two names, not words of one: "Dual+ and Pint", "Helmets for Kids".
_NAME_JOINERS = frozenset("and or with for of the a an in on to by from at".split())
_PARTING_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(w for w in STOPWORDS - _NAME_JOINERS if len(w) >= 2)) + r")\b", re.I
)


def _year_mistyped(key: str, profile: Profile) -> bool:
    """Whether a three-digit number is a year the notice names with a digit left out ("202 and
    2003 bicycles" for the notice's "2002 and 2003"): a typo, not a variant of the line."""
    if len(key) != 3 or not key.isdigit():
        return False
    return not profile.vocabulary.isdisjoint(_years_of(key))


def _a_size_the_notice_gives(variant: Variant, view: ListingView, profile: Profile) -> bool:
    """Whether a number is a size the notice gives its product, in its own unit or written without
    one ("Tarvo Vexo 50 backboard" against "a 50-inch or 54-inch backboard", "Tarvo ChefPot 6
    Quart" against "Tarvo ChefPot 6-Quart Pressure Cookers", "5.5qt"): the number says which size
    of the recalled product it is, not which other model; another size ("4qt" against "7 QT") is
    another variant still. A count of parts or uses ("3 Port", "3 Speeds") where the notice
    counts none in that unit, or what the product holds ("12 Cup", "5 Qt", "1.8 Liter") where the
    notice states no capacity, says nothing of which model it is either. (A length where the notice
    gives none is left another variant: on the real sets, "29" of a bicycle or "52"" of a hoop
    named other products as often as the notice's.)"""
    sized = _SIZED.match(variant.written)
    if sized is None:
        return False
    number, letters = sized.groups()
    unit = letters or _word_after(view.title_sequence, variant.written)
    family = _SIZE_FAMILIES.get(unit)
    if letters and family is None:
        return False  # letters of no size's unit: a code ("5s")
    if family == "age":
        # An age ("3 Years", "18 Months") where the notice's names give none: whom the unit is for,
        # or how old it is. Against a name that gives one ("10 Year" alarms), another is another
        # variant.
        return not any(
            _AN_AGE.search(value) for field_name, value, _ in profile.texts if field_name in LINE_FIELDS
        )
    # A number with no unit is a size only where a description gives its product that size in a
    # length or a capacity ("a 50-inch backboard", "a 5.8-quart basket"): a name's "6-foot cord"
    # or "6-quart" does not make a line's 6.
    texts = profile.texts if family else [t for t in profile.texts if t[0] == "other_texts"]
    sizes = [_size_of(number, family)] if family else [_size_of(number, f) for f in _SIZES_WRITTEN_BARE]
    if any(number[-3:] in value and any(s.search(value) for s in sizes) for _, value, _ in texts):
        # Not where the notice also names a model by that number alone ("with a 2-liter jar. The
        # later <Line> 2 and <Line> 3 blenders are not included"): the bare number may be either.
        return family is not None or not any(
            _named_by_the_number(number, sizes, value) for _, value, _ in profile.texts
        )
    if family is None and _the_power_of_what_it_involves(number, profile):
        return True
    if family == "capacity":
        # Only where the notice speaks of no capacity, however it writes one ("6 qts", "two-quart",
        # "64 fl. oz."), and the listing sells the notice's type: "… Air Fryer 5.8 Qt" is the fryer,
        # "… Air Fryer 5.8 Qt Basket" a basket that fits it.
        return not any(_A_CAPACITY.search(value) for _, value, _ in profile.texts) and _sells_the_type(
            view, profile
        )
    if family != "count":
        return False
    counted = _size_of(_ANY_NUMBER, family)
    return not any(counted.search(value) for _, value, _ in profile.texts)


# A capacity however a notice writes it, with or without its number ("6-quart", "6 qts", "two-quart",
# "64 fl. oz.", "1.7 ltr", "a 6-can fridge": a unit of `UNITS_BY_MEASURE`'s, or as it is cut short);
# a unit of one letter or two only after a number. An age a name gives ("10 Year", "2 to 5 years").
_CAPACITY_WORDS = [u for u in UNITS_BY_MEASURE["capacity"] if len(u) > 2] + "qt qts ltr ltrs gals oz".split()
_A_CAPACITY = re.compile(
    rf"(?<![\w.])(?:{alternation(_CAPACITY_WORDS)}|fl\.?\s?oz)(?!\w)|\d\s?-?\s?(?:l|ml|cl|dl|cans?)(?!\w)",
    re.I,
)
_AN_AGE = re.compile(rf"\d\s?-?\s?(?:{alternation(AGE_UNITS)})(?!\w)", re.I)


def _sells_the_type(view: ListingView, profile: Profile) -> bool:
    """Whether the listing's last product word, a size after it left aside, is the notice's type
    (a word its names end in)."""
    words = list(view.type_words)
    while words and (words[-1] in _SIZE_FAMILIES or _SIZED.match(words[-1])):
        words.pop()
    return bool(words) and words[-1] in name_ends(profile)


def _the_power_of_what_it_involves(number: str, profile: Profile) -> bool:
    """Whether the product the recall involves is of that power, bare ("Kolt Quorra 1500 heater"
    against "involves Kolt Quorra 1,500-watt ceramic space heaters"). Only there: a power
    elsewhere is as often a part's, a limit's or a product's the recall leaves out ("a 1,000-watt
    motor", "outlets rated below 1,800 watts", "the 1,200-watt heaters are not included")."""
    power = _size_of(number, "power")
    return any(power.search(scope.subject) for scope in involved_scopes(profile))


def _named_by_the_number(number: str, sizes: list[re.Pattern[str]], text: str) -> bool:
    """Whether a text writes `number` alone, as a name's (a model's) number, more often than as a
    size (`sizes`)."""
    written = sum(1 for _ in re.finditer(rf"(?<![\w.,]){re.escape(number)}(?![\w.,])", text))
    return written > sum(len(size.findall(text)) for size in sizes)


def _word_after(sequence: tuple[str, ...], word: str) -> str:
    at = sequence.index(word) if word in sequence else -1
    return sequence[at + 1] if 0 <= at < len(sequence) - 1 else ""


_SIZED = re.compile(r"^(\d+(?:\.\d+)?)([a-z]*)$")
# What a seller writes a size in without its unit ("Tarvo Vexo 50 backboard"); and a power, of
# what the recall involves (`_the_power_of_what_it_involves`).
_SIZES_WRITTEN_BARE = ("length", "capacity")
_SIZE_FAMILIES = {
    unit: family for family, units in UNITS_BY_MEASURE.items() for unit in units
} | dict.fromkeys(map(canonical_token, AGE_UNITS), "age")


@lru_cache(maxsize=1024)
def _size_of(number: str, family: str) -> re.Pattern[str]:
    """A number (a regular expression's, `_ANY_NUMBER`, or one as printed) in a unit of `family`."""
    units = alternation(UNITS_BY_MEASURE[family])
    printed = number if number == _ANY_NUMBER else _thousands_apart(number)
    # Three digits are not the thousands' group of a longer number ("500" of "1,500").
    group = r"(?<!\d,)" if number.isdigit() and len(number) == 3 else ""
    return re.compile(rf"(?<![\w.]){group}{printed}\s?-?\s?(?:{units})(?!\w)", re.I)


def _thousands_apart(number: str) -> str:
    """A regular expression of a number as printed, its thousands set apart by a comma or not
    ("1500" and "1,500")."""
    whole, dot, fraction = number.partition(".")
    groups = [whole[max(end - 3, 0) : end] for end in range(len(whole), 0, -3)][::-1]
    return ",?".join(groups) + re.escape(dot + fraction)


_ANY_NUMBER = r"\d+(?:\.\d+)?"


@lru_cache(maxsize=1024)
def _years_of(key: str) -> frozenset[str]:
    """The years ("19..", "20..") a three-digit number is with one digit put back."""
    made = (key[:i] + digit + key[i:] for i in range(4) for digit in "0123456789")
    return frozenset(year for year in made if year[:2] in ("19", "20"))


# "Kit" right after the type is the product sold whole, a tool with its battery and charger ("…
# Drill Kit"), where a kit after a word of its own is a part's ("… Crib Conversion Kit"). (Not
# "machine" nor "furniture": a "… Ball Machine" launches balls, "… Dollhouse Furniture" furnishes
# a toy.)
_KIT = canonical_token("kit")


def _companion_of_the_type(view: ListingView, profile: Profile) -> str | None:
    """The listing's own product, when its title ends in a word the notice never uses that
    another notice does (a product's word: "shoes") right after the notice's type ("Flat Pedal
    Shoes" against "flat bicycle pedals"), or after one more word of its own that makes a compound
    of it ("Hoverboard Carry Bag", "Treadmill Safety Key"): the notice's type only says what it
    goes with. A word saying what comes with the product ("Bike Basics") leaves it the notice's,
    and so do the words a seller adds about the sale or the colour, and a word naming its make-up
    ("Pedal System", `MAKE_UP_WORDS`), which another notice's product may be."""
    # The last word must be one some notice uses, as written: a word no notice uses is a name or
    # a typo ("hoevrboards"), not a product everyone knows.
    if len(view.title_tail) < 2 or not view.title_ends_known:
        return None
    not_products = NOT_A_PRODUCT | MAKE_UP_WORDS
    before, last = view.title_tail
    if not a_product_word_of_its_own(last, profile, not_products):
        return None
    if last == _KIT and before in name_ends(profile):
        return None
    end = len(view.type_words)
    typed_at = end - 2  # where the notice's type stands
    if before not in name_ends(profile) and len(view.type_words) >= 3:
        # The compound's first word: of its own too, and a word some notice uses.
        if not a_product_word_of_its_own(before, profile, not_products) or before not in view.hits:
            return None
        before, typed_at = view.type_words[-3], end - 3
    if not before.isalpha() or before not in name_ends(profile):
        return None
    # A break after the type ("… Hair Dryer, Rose Gold", "… Stroller + Rain Cover"): what follows
    # is what the seller adds, not what the product is. (One before it, "Quorra - <Line> Pedal
    # Shoes", says nothing of it.)
    if any(typed_at < at < end for at in view.title_breaks):
        return None
    return (
        f"another product: the title ends in {last!r}, a word the notice never uses, after the "
        f"notice's type {before!r}: a {last} for a {before}, not the {before} itself"
    )


def _variants_left_out(view: ListingView, names: list[str]) -> str | None:
    """Why the listing is not the model the recall names, when it leaves out variant words of
    each of `names` (the notice's names giving the variant it names); None when one has them all."""
    missing = [_variants_missing(view, name) for name in names]
    if not missing or not all(missing):
        return None
    return f"not the model the recall names: {names[0]!r} has {missing[0]}, the listing does not"


def _variants_missing(view: ListingView, name: str) -> str | None:
    """The variant words the listing leaves out of the product of the name whose variants it names
    (of an enumerating name, the product sharing most of them), printed; None when it names them
    all, or none of any product's."""
    named = {v.key for v in view.variants}
    best: frozenset[str] = frozenset()
    most = 0
    for item in NAME_ITEMS.split(name):
        keys = variant_keys(item)
        if "PLUS" in keys and plus_set_apart_or_run_in(view, item):
            keys -= {"PLUS"}  # given, though no variant of the title's ("Bike + …", "BikePlus")
        # The listing's variants the item has: its variant words, or the line's own code ("QX4"
        # of "QX4 50", which the listing's code names and the item's number singles out).
        shared = len(keys & named) or len(named & word_keys(item))
        if shared and keys <= named:
            return None
        if shared > most:
            best, most = keys, shared
    if not best:
        return None
    return ", ".join(sorted(k.lower().replace("plus", "+") for k in best - named))


def _a_vehicle_line_named_whole(text: NameEvidence, profile: Profile) -> bool:
    """Whether the notice is a motor vehicle's (its units some build dates or VINs) and the listing
    names the whole of the model line matched: what follows the line ("Vexo 110", "Vexo 1.6 HEV",
    "Vexo 4xe") is its engine, body or trim, which the build decides, not another model."""
    if VEHICLE_BUILDS not in profile.partial_scope:
        return False
    # A line written as its family ("Vexo-Class", "Vexo Series") is named whole by "Vexo".
    return set(best_name_tokens(text, profile)) - notice_brand_words(profile) - _FAMILY_WORDS <= set(
        text.words
    )


# Words that name a line as the family of its models: "Vexo-Class", "QX Series", "Tessel Range".
_FAMILY_WORDS = frozenset(map(canonical_token, "class series range family".split()))


def _every_model_of_its_years(scope: Involved, profile: Profile) -> bool:
    """Whether the recall involves its lines by model year and names no model of them, neither a
    variant nor a model number ("the 2019-2020 model year Tessel and Tessel Sport bicycles"):
    every model of those lines made in those years, whichever trim ("Tessel 3.0") a listing
    names. The year decides, and a listing that does not give one goes to a person
    (`scoring.partial_scope`). Part numbers the notice lists elsewhere (brake sizes, kit codes) name no
    model of the line the sentence involves."""
    return (
        bool(profile.model_years)
        and "year" in scope.subject.lower()
        and not variant_keys(scope.subject)
        and profile.models_by_key.keys().isdisjoint(word_keys(scope.subject))
    )


def another_makers(profile: Profile, identified: bool, explained: float, policy: Policy) -> str | None:
    """Why the listing is another product of the notice's type, when the notice names no firm (its
    product is its type and what its description says) and accounts for less than
    `Policy.no_firm_explained` of the listing's words: the rest (another maker's name, a line of
    its own) names another product. "Harlan Petal Convertible High Chairs" against "Convertible
    High Chairs Recalled …", filed without a firm."""
    if identified or profile.brands or profile.storefront or explained >= policy.no_firm_explained:
        return None
    return (
        "another product of the type: the notice names no firm, and accounts for "
        f"{explained:.0%} of the listing's words"
    )


def own_maker_before_the_type(
    view: ListingView, text: NameEvidence, brand: NameEvidence, profile: Profile, used: frozenset[str]
) -> str | None:
    """Why the listing is another firm's product, when the notice's name it matched is its product's
    type: written as a phrase ("Teeth whitening pen" of a notice filed under its brand, as the EU
    Safety Gate writes them), or the title of a notice whose product names carry the brand
    (`_the_type_of_a_branded_name`); the listing uses no word of the notice's but the type's
    (`used`, the notice's words it names: no market name, no line, no word of the firm); and it
    opens with a name of its own, where a product's own brand stands: a word of letters no notice
    uses ("Vexo Teeth Whitening Pen"), or one coined of words this notice does not use
    (`coined`). The type's words may all be rare, few notices being of the type: they still name
    the type, not the product. A name whose first word is its line's, the rest in lower case
    ("Zorbit scooter"), reads as a phrase too; a listing naming that line under a name of its own
    is taken for another firm's. A title opening with a word some notice uses, or with a number,
    is left to the names' score."""
    if not profile.brands or brand.words or text.field not in NAMING_FIELDS or not view.title_words:
        return None
    first = view.title_words[0]
    own = coined(view, first, profile.vocabulary)
    if own is None:
        if len(first) != 1 or not first[0].isalpha() or not any(w.token == first[0] for w in view.unknown):
            return None
        own = first[0]
    _, value, tokens = profile.texts[text.position]
    if len(tokens) < 2 or not (_a_phrase(value) or _the_type_of_a_branded_name(text, profile)):
        return None
    if not used <= set(tokens):
        return None
    return (
        f"another firm's product of the type: the listing opens with its own name {own!r}, and "
        f"shares with the notice only its type, {value!r}, and none of its firm"
    )


def _the_type_of_a_branded_name(text: NameEvidence, profile: Profile) -> bool:
    """Whether the name is the notice's title, where its product names give the product with its
    brand ("Heated Throws" titling a notice of "Tarvo Electric Throws"): the title then says what
    type of product was recalled, the brand being in the product's name."""
    if text.field != "title":
        return False
    brand_words = notice_brand_words(profile)
    return any(
        field_name == "product_names" and not brand_words.isdisjoint(tokens)
        for field_name, _, tokens in profile.texts
    )


def _a_phrase(name: str) -> bool:
    """Whether a name is written as a phrase, not as a product's name: every word after the first
    in lower case, and no number ("Teeth whitening pen", "LED decoration"; not "Vexo Lumo Pen",
    nor "Lumo 3 pen": a number singles a model out)."""
    words = name.split()
    return all(word == word.lower() for word in words[1:]) and not any(c.isdigit() for c in name)
