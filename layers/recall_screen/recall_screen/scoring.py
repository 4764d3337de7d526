"""One candidate recall against one analysed listing: the evidence for it (identifiers, then
names, weighted by rarity), what contradicts it, and the features the policy judges.

`score` is composed of one function per kind of evidence, each returning a small named type.
It runs for every candidate of every listing, so: the types are slots dataclasses, whose fields
read as fast as locals (a NamedTuple's go through a descriptor, and unpack through the iterator
protocol, in CPython 3.11); the per-candidate results are not frozen (a frozen dataclass sets each
field through object.__setattr__); evidence a listing cannot give is not looked for; and the
loops run over the listing's few words looked up in each recall text's word -> weight table.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from recall_screen import jurisdiction
from recall_screen.analysis import (
    BRACKETED_LETTER,
    LOOKALIKE_DIGITS,
    ListingView,
    ListingWord,
    ModelClaim,
    Variant,
    accessory_cue,
    accessory_noun,
    is_designation,
)
from recall_screen.index import FUZZY_MIN_LENGTH, LONG_WORD, RecallIndex
from recall_screen.lexicon import (
    ANY_PRODUCT_WORDS,
    BUNDLE_WORDS,
    COLOURS,
    DESCRIBING,
    FIRM_WORDS,
    KIND_WORDS,
    LEGAL_FORMS,
    MARKETING_NOISE,
    SIZE_WORDS,
    STANDARD_NAMES,
    STOPWORDS,
    TIER_WORDS,
    UNITS_BY_MEASURE,
    alternation,
    measure_like,
)
from recall_screen.listing_specs import RATINGS, quantities
from recall_screen.models import Evidence, EvidenceMethod, Verdict
from recall_screen.policy import Features, Policy
from recall_screen.profile import (
    LINE_CODE,
    ModelNumber,
    Profile,
    thousands_keys,
    variant_keys,
    word_key_sequence,
    word_keys,
)
from recall_screen.scope import ITEM_BREAK, VEHICLE_BUILDS, Involved, involved, products_named, years_by_name
from recall_screen.storefront import listing_objects
from recall_screen.text import (
    LETTERS_OR_DIGITS,
    canonical_token,
    cut_short,
    fold,
    model_key,
    name_tokens,
    raw_words,
    thousands,
    variant_key,
)


@dataclass(frozen=True, slots=True)
class IdentifierMatch:
    """An identifier the listing shares with the recall, as the decision's evidence shows it."""

    field: str  # the listing's field
    value: str  # as the listing gives it
    recall_field: str  # "gtins" or "models"
    recall_value: str
    method: EvidenceMethod  # "gtin", "gtin_unchecked", "model_exact", "model_respaced", "model_normalised"
    score: float


@dataclass(slots=True)
class GtinEvidence:
    matches: tuple[IdentifierMatch, ...]
    valid: bool  # a GTIN of the recall, valid by its check digit
    # The notice's code that fails its check digit, copied digit for digit: the notice's misprint
    # (the policy scores it below a valid code).
    unchecked: bool


@dataclass(slots=True)
class ModelEvidence:
    matches: tuple[IdentifierMatch, ...]
    matched: Mapping[str, ModelNumber]  # the recall's model numbers the listing gives, by key
    strong: bool  # one of them is distinctive: it identifies the product on its own


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


# What a candidate without such evidence gets: shared, never changed.
_NO_GTIN = GtinEvidence((), False, False)
_NO_MODEL = ModelEvidence((), {}, False)
_NO_NAME = NameEvidence(0.0, 0.0, (), "", "")


@dataclass(slots=True)
class Scored:
    """One candidate recall, scored; its identifier evidence stays tuples until reported."""

    position: int  # in the index
    profile: Profile  # the recall's, as the index decoded it
    applicable: bool
    features: Features
    evidence: tuple[IdentifierMatch, ...]
    notes: list[str]
    name: tuple[str, str] | None  # (recall field, its text) the listing's words matched best
    name_at: int = -1  # that text's position in the profile's texts; -1 where it is a brand or none
    verdict: Verdict = Verdict.ALLOW
    score: float = 0.0

    def evidence_models(self, view: ListingView) -> list[Evidence]:
        out = [
            Evidence(
                field=e.field,
                value=e.value,
                recall_field=e.recall_field,
                recall_value=e.recall_value,
                method=e.method,
                score=round(e.score, 3),
            )
            for e in self.evidence
        ]
        if self.name is not None:
            words = sorted(self.features.matched)
            hits = [view.hits[t] for t in words]
            out.append(
                Evidence(
                    field="+".join(dict.fromkeys(h.field for h in hits)),
                    value=" ".join(h.word for h in hits),
                    recall_field=self.name[0],
                    recall_value=self.name[1],
                    method="name_fuzzy" if any(h.method == "fuzzy" for h in hits) else "name_tokens",
                    score=round(min(self.features.name_score, 1.0), 3),
                )
            )
        if self.features.specs:
            specs = self.profile.specs
            notice = [
                *sorted(specs.features),
                *(f"{v} {u}" for u, v in sorted(specs.quantities)),
                *sorted(specs.objects),
            ]
            out.append(
                Evidence(
                    field="title+description" if "|" in view.sales_text else "title",
                    value=", ".join(self.features.specs),
                    recall_field="specifications",
                    recall_value=", ".join(notice),
                    method="specification",
                    score=round(min(self.features.name_score, 1.0), 3),
                )
            )
        return out


@dataclass(slots=True)
class NameParts:
    """A candidate's name evidence, as `score` weighs it: what the bound on its profile
    (`candidates.below_on_profiles`) works out first, and hands on to `score` for the candidates
    it keeps."""

    text: NameEvidence
    brand: NameEvidence
    explained: float  # explained_share
    named_explained: float  # explained_for_name
    other_brand: bool
    maker: str | None  # _maker_word


def name_parts(view: ListingView, profile: Profile, policy: Policy) -> NameParts:
    text = text_evidence(view.qualities, profile)
    brand = brand_evidence(view.qualities, profile)
    explained = explained_share(view, profile, policy)
    maker = _maker_word(text, profile, policy)
    return NameParts(
        text,
        brand,
        explained,
        explained_for_name(view, profile, explained),
        names_another_brand(view, profile, bool(brand.words) or maker is not None),
        maker,
    )


def score(
    view: ListingView,
    position: int,
    index: RecallIndex,
    policy: Policy,
    ship_to: str | None,
    names: NameParts | None = None,
) -> Scored:
    """`names`: the candidate's `name_parts`, when they were worked out already."""
    profile = index.profile(position)
    # Most listings give no GTIN, no code and no brand, and say nothing that could contradict a
    # match: the evidence that needs them is not looked for.
    gtin = gtin_evidence(view, profile) if view.gtins else _NO_GTIN
    if names is None:
        names = name_parts(view, profile, policy)
    text, brand, explained, maker = names.text, names.brand, names.explained, names.maker
    view = _codes_beside(view, brand, maker, policy)
    models = model_evidence(view, profile) if view.codes and profile.models else _NO_MODEL
    named_explained, other_brand = names.named_explained, names.other_brand
    matched = frozenset((*text.words, *brand.words))
    # Every word of the notice's the listing names, sale talk aside, whichever name it is from.
    named_anywhere = profile.vocabulary.intersection(view.name_words) - MARKETING_NOISE
    identified = gtin.valid or gtin.unchecked or bool(models.matched)
    # A short model number many products share ("Q18" of a maker's battery platform) does not
    # stand against a number of the maker's own numbering that the notice does not list.
    singled_out = gtin.valid or gtin.unchecked or models.strong
    # A model number of the listing's that the notice neither lists nor names: beside the
    # notice's own code it contradicts it (a person looks); beside its names alone, it is
    # another model (allowed, with the reason). Every claim is one of the listing's codes.
    claimed, unsure = _another_model_claimed(view, profile, models) if view.codes else (None, False)
    if claimed or view.accessory_cue or other_brand:
        conflicts = contradictions(view, profile, claimed if singled_out or unsure else None, other_brand)
    else:
        conflicts = []
    if models.matched or view.gtins:
        conflicts.extend(_another_product_identified(view, profile, models, identified))
    # Read for every candidate, not only where `contradictions` runs (a claimed model, an
    # accessory's words, another brand): a title's "Boys" is none of those.
    if other_sex := _for_the_other_sex(view, profile):
        conflicts.append(other_sex)
    rare_word = _rare_name_word(view, profile, policy) is not None
    # A short model number many products share ("QX4" of "QX4 50, QX4 60 and QX4 65") names no
    # model of the line by itself: where it names the product with the brand or a rare word of
    # its name (`Policy.judge`), the line's variants decide, as they do for names.
    by_name = not (gtin.valid or gtin.unchecked or models.strong) and (
        brand.coverage >= policy.brand_agreement or rare_word
    )
    outside = (
        outside_scope(view, profile, identified and not by_name, text, policy)
        or _another_makers(profile, identified, explained, policy)
        or (None if identified else _own_maker_before_the_type(view, text, brand, profile, named_anywhere))
        or (None if singled_out or unsure else claimed)
    )
    partial, unit = _which_units(view, profile, identified, singled_out, outside, text, policy)

    shown = (
        storefront_evidence(view, profile)
        if profile.storefront and not identified and brand.coverage < policy.brand_agreement
        else None
    )
    # Brand and type alone name no model: there, a maker is set aside as the brand only when it
    # is as rare as a line's name. A commoner first word may be the product's own name, and
    # setting it aside allowed re-listings padded with other words (benchmarks/evasions.py).
    # Beside the notice's brand, a word its descriptions write as a name is no maker's but the
    # brand's line ("Halden Kolt Binding" of "Halden Recalls Kolt Ski Bindings", described as "Kolt
    # 8 and Kolt 12 ski bindings"), and the listing names the line. One they write in lower case,
    # or not at all, may be the type's ("smoke" of an EU record's "Smoke alarm"), and is set aside.
    rare = (
        maker is not None
        and profile.weighted_texts[text.position][2][maker] >= policy.rare_word_weight
        and not (brand.coverage >= policy.brand_agreement and _written_as_a_name(maker, profile))
    )
    unnamed = _products_unnamed(view, text, brand, profile, models, maker if rare else None, policy)
    # The type alone of a notice filed under its firm: another firm's product (the note says so),
    # unless an identifier of the notice's names it.
    another_firms_type = (
        None
        if unnamed or rare_word or identified
        else _type_of_another_firm(text, brand, profile, maker, matched, policy)
    )
    # The maker stands in for the firm's brand when the listing names little of the firm: a
    # listing naming most of it ("Harlan" of "Harlan Sports") is judged on the firm's brand, and
    # the name's first word may then be a type ("BMX Bike Helmets").
    stands_in = maker if brand.coverage < 0.5 else None
    # A short model number the listing gives as the notice writes it ("Q7i") is a rare word of the
    # notice's, though no name's: it singles the notice out and weighs as the word it is.
    model_words = _model_words(models, profile, matched) if models.matched else frozenset()
    # Only where it counts (`Policy._names_a_rare_line_word`); an EU title ends in the brand.
    named = (
        frozenset(_name_ends(profile).intersection(view.name_words)) - _brand_words(profile)
        if rare_word
        else frozenset()
    )
    notes = [*conflicts, *(note for note in (outside, partial, another_firms_type, unit) if note)]
    if unnamed:
        listed = ", ".join(unnamed[:4])
        what = "models" if set(unnamed) <= {m.printed for m in profile.models} else "line"
        notes.append(
            f"the notice names its {what} ({listed}{', …' if len(unnamed) > 4 else ''}) and the "
            f"listing gives none of them{_TYPE_ALONE_ALLOWS}"
        )
    if shown is not None:
        notes.append(shown.note(profile))
    applicable = jurisdiction.applies(profile.countries, ship_to)
    if not applicable:
        notes.append(f"not applicable: the recall's regulator has no say over shipments to {ship_to}")
    features = Features(
        gtin=gtin.valid,
        unchecked_gtin=gtin.unchecked and not gtin.valid,
        strong_model=models.strong,
        weak_model=bool(models.matched) and not models.strong,
        rare_name_word=rare_word,
        one_word=view.one_word,
        # The maker's own name may be the rare word: a line's is another.
        line_word=rare_word and (stands_in is None or _names_rare_word(view, profile, policy, stands_in)),
        # Only where the policy reads it (`Policy._own_name_named`): a rare word and the type.
        line_whole=bool(named) and _line_named_whole(profile, text.position, matched, policy),
        type_only=bool(unnamed or another_firms_type),
        brand_and_type=_names_brand_and_type(text, brand, profile, maker, policy),
        maker_named=stands_in is not None,
        opens_with_another=not brand.words
        and stands_in is None
        and bool(view.title_words)
        and profile.vocabulary.isdisjoint(view.title_words[0])
        and not _opens_with_a_lost_model(view, profile)
        and (bool(profile.brands) or _opens_with_its_maker(text, profile, policy)),
        another_type=_another_type(view, profile, matched) if view.title_ends_known else None,
        name_score=name_score(
            view, profile, text.coverage, brand.coverage, named_explained, other_brand, policy, stands_in
        ),
        text_cov=text.coverage,
        brand_frac=brand.coverage,
        recall_has_brand=bool(profile.brands),
        no_firm_type_only=not profile.brands and _only_the_type(matched, profile),
        explained=explained,
        # A compound read from the listing's type is no line's name (`analysis._read_compound_type`),
        # and a model number's word weighs once, though a line's name holds it ("S3" of "Vexo S3").
        mass=text.mass
        + brand.mass
        + _lines_mass(
            view.qualities,
            profile,
            matched | view.compounds | model_words if view.compounds or model_words else matched,
        )
        + sum([index.weights.get(t, 1.0) for t in model_words]),
        text_mass=text.mass,
        matched=matched,
        named=named,
        # Every word of the notice's the listing names, beyond those of the name it matched best,
        # singles the notice out of a family sharing that name: a rare word of its other names
        # ("Acme Zorbit Harness" matched on "Acme harnesses"), a line its description gives
        # ("Glideboard XR" matched on "Glideboard"). Sale talk singles nothing out.
        sharing_words=matched | model_words | named_anywhere,
        conflicts=conflicts,
        outside=outside,
        partial=partial,
    )
    features.described_only = not (
        brand.coverage >= policy.brand_agreement or stands_in is not None or models.matched
    ) and _on_described_words_alone(features, profile, policy)
    if shown is not None:
        features.storefront, features.specs = profile.storefront, shown.specs
        features.other_specs, features.type_named = shown.other_specs, shown.type_named
        features.spec_share, features.spec_weight = shown.share, shown.weight
    name = (text.field or "brands", text.text or brand.text) if matched else None
    return Scored(
        position, profile, applicable, features, gtin.matches + models.matches, notes, name, text.position
    )


# -- identifiers ---------------------------------------------------------------------------------


def _which_units(
    view: ListingView,
    profile: Profile,
    identified: bool,
    singled_out: bool,
    outside: str | None,
    text: NameEvidence,
    policy: Policy,
) -> tuple[str | None, str | None]:
    """(why only some units are covered and a person checks which this is, or None; the note that
    the listing gives the notice's own unit code, which settles it, or None)."""
    unit = unit_code_given(view, profile) if profile.unit_codes else None
    if unit is not None:
        note = (
            None if outside else f"the listing gives the recall's own unit code ({unit!r}): a unit it covers"
        )
        return None, note
    partial = partial_scope(view, profile, identified, by_code=singled_out) or (
        None if identified or outside else variant_left_out_in_its_year(view, profile, text, policy)
    )
    return partial, None


def _model_words(models: ModelEvidence, profile: Profile, matched: frozenset[str]) -> frozenset[str]:
    """The words of the notice's texts that the model numbers the listing matched are printed as
    ("q7i" of "Q7I: Serial numbers …"), beyond the words its names matched."""
    words = {t for model in models.matched.values() for t in name_tokens(model.printed)}
    return frozenset(t for t in words if t in profile.vocabulary and t not in matched)


def gtin_evidence(view: ListingView, profile: Profile) -> GtinEvidence:
    """The listing's GTINs that the recall lists, valid or as the notice misprinted them."""
    matches = []
    valid = unchecked = False
    for listed in view.gtins:
        code = listed.gtin14
        if code in profile.gtins or code in profile.unchecked_gtins:
            checked = listed.valid and code in profile.gtins
            method: EvidenceMethod = "gtin" if checked else "gtin_unchecked"
            weight = 1.0 if checked else 0.9
            matches.append(IdentifierMatch(listed.field, listed.printed, "gtins", code, method, weight))
            valid = valid or checked
            unchecked = unchecked or not checked
    return GtinEvidence(tuple(matches), valid, unchecked)


def _another_gtin(view: ListingView) -> str | None:
    """Why a listing the names match may be another product: it gives a valid GTIN, and the notice,
    which lists its products' GTINs, does not list it (a GTIN names one product, its size and
    colour; a seller copies it from the box)."""
    for listed in view.gtins:
        if listed.valid:
            return f"the listing's GTIN {listed.printed!r} is not one the notice lists"
    return None


def _codes_beside(view: ListingView, brand: NameEvidence, maker: str | None, policy: Policy) -> ListingView:
    """The listing as judged against a notice: a number read inside a longer code of its own
    (`ListingCode.inside`) is the notice's only beside its brand (or maker); without it, the code
    is another maker's that holds the number, judged as if the number had not been read there."""
    if brand.coverage >= policy.brand_agreement or maker is not None:
        return view
    return view.without_inside_codes()


def model_evidence(view: ListingView, profile: Profile) -> ModelEvidence:
    """The recall's model numbers that the listing gives, and how it wrote them. One read inside
    a longer code of the listing's (`ListingCode.inside`) is never distinctive; analysis puts those
    after the others, so a model the listing also gives whole counts as given whole."""
    matches = []
    matched: dict[str, ModelNumber] = {}
    strong = False
    for code in view.codes:
        key, printed = code.key, code.written
        model = profile.models_by_key.get(key)
        if model is not None and key not in matched:
            matched[key] = model
            method: EvidenceMethod
            if fold(printed) == fold(model.printed):
                method = "model_exact"
            elif model_key(printed) == model_key(model.printed) and len(printed) != len(model.printed):
                method = "model_respaced"
            else:
                # Re-spaced, re-dashed, O for 0 and I for 1, or a look-alike (5 for S, 8 for B, …).
                method = "model_normalised"
            # A number read inside the listing's longer code is a short number's evidence.
            distinctive = model.distinctive and not code.inside
            strong = strong or distinctive
            weight = 0.95 if distinctive else 0.5
            matches.append(IdentifierMatch(code.field, printed, "models", model.printed, method, weight))
    return ModelEvidence(tuple(matches), matched, strong)


# -- names ---------------------------------------------------------------------------------------


def brand_evidence(qualities: dict[str, float], profile: Profile) -> NameEvidence:
    """The recall's brand the listing names most of."""
    share = mass = 0.0
    name_best = ""
    found_best: list[str] = []
    for name, items, total in profile.weighted_brands:
        found = [t for t in qualities if t in items]
        if not found or not total:
            continue
        matched = sum([items[t] * qualities[t] for t in found])
        if matched / total > share:
            share, name_best, found_best = matched / total, name, found
            mass = sum([items[t] for t in found])  # the words' weight, whatever their spelling's quality
    return NameEvidence(share, mass, tuple(found_best), "", name_best) if found_best else _NO_NAME


# The notice's names: a product type is the last word of one (the description's last word is not);
# a line name may also be one the notice enumerates.
_NAMING_FIELDS = frozenset({"product_names", "title"})
_LINE_FIELDS = _NAMING_FIELDS | {"lines"}


def _brand_words(profile: Profile) -> set[str]:
    """The words of every brand the notice names, each firm's legal form left out."""
    return {t for _, words in profile.brands for t in words}


def _names_rare_word(view: ListingView, profile: Profile, policy: Policy, besides: str | None = None) -> bool:
    """Whether the listing names a rare word of the notice's names (`_rare_name_word`)."""
    return _rare_name_word(view, profile, policy, besides) is not None


def _rare_name_word(
    view: ListingView, profile: Profile, policy: Policy, besides: str | None = None
) -> str | None:
    """The word of one of the notice's names (its product names, title or the lines it enumerates;
    not its brand, not its description) that few notices use, which the listing's product text
    (not its brand field: that names the maker, not the line) names: a word of letters (the model
    number itself, "V4" or "220", may be one of the names' words), other than `besides`. None when
    it names none."""
    # The listing's few words are looked up in each name, not each name's words in the listing.
    words = [t for t in view.name_words if t != besides] if besides else view.name_words
    here = view.rare_here
    rare = policy.rare_word_weight
    if rare <= 0:  # every word of a name is rare, whether the name uses it or not
        everyone = _brand_words(profile)
        if not any(field_name in _LINE_FIELDS for field_name, *_ in profile.weighted_texts):
            return None
        return next((t for t in words if t not in everyone), None)
    # Then only a word the name uses qualifies: those of the listing's, found in C (the words
    # are looked up in the name's table), are checked; the brand's words only when one is.
    brand_words: set[str] | None = None
    for position, (field_name, _, items, _) in enumerate(profile.weighted_texts):
        if field_name not in _LINE_FIELDS:
            continue
        for t in items.keys() & words:
            if items[t] >= rare or t in here:
                if brand_words is None:
                    brand_words = _brand_words(profile)
                if (
                    t not in brand_words
                    and not _the_names_type(t, profile.texts[position][2])
                    and not _a_style(t, profile)
                ):
                    return t
    return _designation_named(view, profile, besides) if view.designations else None


def _designation_named(view: ListingView, profile: Profile, besides: str | None) -> str | None:
    """The letters of a line's designation that one of the notice's names writes whole and the
    listing gives whole, apart or run together ("QZ 700" of "QZ 700 Backpack Blowers" in "QZ700"):
    the pair names the line as a rare word does, though neither the letters nor the number alone
    is rare."""
    for field_name, _, tokens in profile.texts:
        if field_name not in _LINE_FIELDS:
            continue
        for letters, number in pairwise(tokens):
            if (
                letters != besides
                and (letters, number) in view.designations
                and letters not in _brand_words(profile)
            ):
                return letters
    return None


def _a_style(word: str, profile: Profile) -> bool:
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


def _the_names_type(word: str, tokens: tuple[str, ...]) -> bool:
    """Whether `word` ends a name of more words than it, as its product's type does ("trike" of
    "Fat Tire Trikes"): a type few notices have is still a type, not the line's name."""
    return len(tokens) > 1 and tokens[-1] == word


def _name_tokens(text: NameEvidence, profile: Profile) -> tuple[str, ...]:
    """The words, in order, of the notice's name the listing covered best."""
    return profile.texts[text.position][2] if text.position >= 0 else ()


def _maker_word(text: NameEvidence, profile: Profile, policy: Policy) -> str | None:
    """The maker's name a notice files under another firm, when the listing names it: the first
    word of the notice's product name or title, a word of letters that is not the firm's and that
    few notices use (`Policy.maker_word_weight`): "Quessa" in "Quessa Second Stage Scuba
    Regulators", recalled by an importer. A listing naming it has named the product's brand, not
    dropped it."""
    if not text.words or text.field not in _LINE_FIELDS:
        return None
    first = _names_maker(text, profile, policy)
    return first if first is not None and first in text.words else None


def _opens_with_its_maker(text: NameEvidence, profile: Profile, policy: Policy) -> bool:
    """Whether the notice's name the listing matched opens with its maker's name, which the listing
    leaves out: where a notice naming no firm names it ("Quessa Audio Ceiling Speaker Fire Hood")."""
    first = _names_maker(text, profile, policy)
    return first is not None and first not in text.words


def _names_maker(text: NameEvidence, profile: Profile, policy: Policy) -> str | None:
    """The first word of the notice's name the listing matched, when it is a maker's name: a word
    of letters, not the firm's, that few notices use (`Policy.maker_word_weight`)."""
    tokens = _name_tokens(text, profile)
    if len(tokens) < 2 or not tokens[0].isalpha():
        return None
    first = tokens[0]
    # A word of the brand is not among the name's weighted words: it is no maker of its own.
    if profile.weighted_texts[text.position][2].get(first, 0.0) < policy.maker_word_weight:
        return None
    # Nor is a type the name lists ("Trampolines, Enclosures"), nor a style, nor the letters of
    # a line's designation ("QZ" of "QZ 700 Backpack Blowers": `analysis._designations`).
    if first in _types_listed(text, profile, policy) or _a_style(first, profile):
        return None
    if is_designation(first, tokens[1]):
        return None
    return first


def _lines_mass(qualities: dict[str, float], profile: Profile, counted: frozenset[str]) -> float:
    """The weight of the words of the lines the notice enumerates that the listing has, beyond
    the best-covered name's and the brand's: a line named in the description ("That includes the
    Lumen 1, Lumen 2 …") is evidence too, though the best-covered name is the title."""
    texts = profile.weighted_texts
    if not texts or texts[-1][0] != "lines":  # the profile's lines come last (profile_of)
        return 0.0
    found: dict[str, float] = {}
    for field_name, _, items, _ in texts:
        if field_name == "lines":
            for t in qualities:
                if t in items and t not in counted:
                    found[t] = items[t] * qualities[t]
    return sum(found.values())


def _names_brand_and_type(
    text: NameEvidence, brand: NameEvidence, profile: Profile, maker: str | None, policy: Policy
) -> bool:
    """Whether the listing names a rare brand (or the maker) of a notice naming no models, and its
    product's type: the last word of the notice's product name, title or a line it names (a record
    whose product name is its category, "Skin-lightening product", names its type in the line,
    "Brightening Night Cream")."""
    if not text.words or text.field not in _LINE_FIELDS or (profile.models and not _models_hidden(profile)):
        return False
    rare_brand = brand.coverage >= policy.brand_agreement and brand.mass >= policy.rare_word_weight
    if not (rare_brand or maker):
        return False
    tokens = _name_tokens(text, profile)
    if not tokens or tokens[-1] not in text.words:
        return False
    return text.field != "lines" or _a_line_s_type(text.text, tokens[-1])


def _a_line_s_type(line: str, last: str) -> bool:
    """Whether a line's last word (`last`, as read) is its type ("… Beauty Cream"): not where the
    line lists products ("Vexo Max, Vexo Lite") or ends in a colour, a tier, a size or a word of no
    product, as an EU record's lines often do ("… colour navy", "… XL"). The tier and the size are
    told by the word as written: read, "Lite" is "light", a lamp's type too."""
    written = fold(line).split()[-1] if line.strip() else ""
    return (
        "," not in line
        and not _joins_products(line)
        and last.isalpha()
        and len(last) >= 3
        and last not in _NOT_A_TYPE
        and written not in TIER_WORDS
        and written not in _SIZES
    )


# Sizes a line may end in ("Beach Towel Large").
_SIZES = SIZE_WORDS | frozenset("mini maxi xxxl".split())


def _products_unnamed(
    view: ListingView,
    text: NameEvidence,
    brand: NameEvidence,
    profile: Profile,
    models: ModelEvidence,
    maker: str | None,
    policy: Policy,
) -> tuple[str, ...]:
    """What the notice names its products by, when the listing shares with it no more than their
    type (beside the brand, or the maker's name at most) and gives none of them: its model numbers
    ("Acme Treadmills" against a notice of models TR-20 and TR-22), the only product word shared
    being the type, the last word of the notice's product name or title; or the rare words of its
    line, when the listing names the brand and, for a notice with model numbers, shares no more
    than a name that is its type ("Acme Vista Ski Helmet" against "Zentro ski and snowboard
    helmets": no word of the listing's is a rare one of the notice's names; without the brand,
    the name score weighs a bare type already). Empty when the listing names the product."""
    if models.matched or not text.words:
        return ()
    tokens = _name_tokens(text, profile)
    if not tokens:
        return ()
    if text.field not in _NAMING_FIELDS:
        # A line of the brand and the type alone ("Tarvo harnesses" of "This recall involves Tarvo
        # harnesses …") names the product no more than they do: the words by which the notice's
        # other names single out its lines ("Tarvo Vexo Harnesses") decide, models or not.
        if not _brand_and_type_line(text, tokens, profile) or (not brand.words and maker is None):
            return ()
        return _line_words_unnamed(view, text, profile, policy)
    if profile.models and not _models_hidden(profile):
        # The type: the name's last word, or, for a listing not naming the notice's brand, the
        # whole of a two-word name that is a type ("Power Banks" of a notice filed under its type,
        # its brand and models named in the description): another maker's product of the type.
        # (With the notice's brand, sellers of the recalled product write just that.)
        shared = set(text.words) - {maker}
        if shared == {tokens[-1]} or (
            len(tokens) == 2 and shared == set(tokens) and brand.coverage < policy.brand_agreement
        ):
            return tuple(m.printed for m in profile.models)
        # The brand, a word of its own and a type of more words ("Tarvo Kolt Trail Ski Boots"
        # against "Ski Boots" with style numbers and the line "Zentro"): the line decides, as
        # for a notice naming no models; the maker's name alone does not stand in for the brand.
        if not brand.words:
            return ()
    elif not brand.words and maker is None:
        return ()
    return _line_words_unnamed(view, text, profile, policy)


def _models_hidden(profile: Profile) -> bool:
    """Whether the notice says its model numbers are not on the product ("… on the packaging but
    cannot be found on the bike itself"): no seller can show them, and the brand and the type are
    as much as a listing of the product names, as for a notice naming no models."""
    # Scoring asks it of every candidate naming models: the substring test spares most
    # descriptions the search.
    for field_name, value, _ in profile.texts:
        if field_name == "other_texts" and "odel n" in value and _MODELS_HIDDEN.search(value) is not None:
            return True
    return False


_MODELS_HIDDEN = re.compile(
    r"\b[Mm]odel (?:numbers?|names?)\b[^.]{0,100}?\b(?:cannot|can not|does not|do not|is not|are not)\s+"
    r"(?:be\s+)?(?:found|appear|printed|located|shown|visible)\s+on\s+the\s+(?!packag|box|carton|manual)"
)


def _type_of_another_firm(
    text: NameEvidence,
    brand: NameEvidence,
    profile: Profile,
    maker: str | None,
    matched: frozenset[str],
    policy: Policy,
) -> str | None:
    """The listing shares with a notice filed under its type and its firm ("Shampoo (Tarvo)",
    "Tarvo Hair Dryers") no word but the type, the last word of the notice's product name or
    title, or of a line its description gives that ends in the type ("Tarvo trampolines"), or the
    types a name lists ("Trampolines, Enclosures": `_types_listed`), and names none of the firm:
    another firm's product of the type ("Quorra Hair Colour Shampoo"), which the policy allows
    unless the notice accounts for the listing (a bare re-listing, "Shampoo"). A size the name
    gives ("Tarvo 14-foot trampolines") is shared by any maker's product of the size, and counts
    as the type. A notice with model numbers is `_products_unnamed`'s. The note that says so, or
    None."""
    if not profile.brands or brand.words or maker is not None or text.field not in _LINE_FIELDS:
        return None
    tokens = _name_tokens(text, profile)
    # A line the description gives ends in the type only where the notice's names say so: "Tarvo
    # Kolt" is the brand and a line's name.
    if not tokens or (text.field == "lines" and tokens[-1] not in _name_ends(profile)):
        return None
    shared = matched - (_size_words(text.text) - {tokens[-1]})
    if shared != {tokens[-1]} and not (shared and shared <= _types_listed(text, profile, policy)):
        return None
    return (
        "the listing shares only the notice's product type and names none of its firm: another "
        "firm's product of the type"
    )


def _types_listed(text: NameEvidence, profile: Profile, policy: Policy) -> frozenset[str]:
    """The last word of each product a name lists ("Trampolines, Enclosures"; "Tarvo bikes and
    frames"): a type, which any maker's product of it shares. A product of one word is a type only
    where another of the notice's names ends in it ("Tarvo 14-foot trampolines") and many notices
    use it: else it is a brand or a line's name sharing the type after it ("Kolt and Vexo
    Scooters"). A single product's name ends in its one type: no list, no types here."""
    if not (", " in text.text or _joins_products(text.text)):
        return frozenset()
    weights = profile.weighted_texts[text.position][2]
    ends = {tokens[-1] for field_name, _, tokens in profile.texts if field_name != "other_texts" and tokens}
    return frozenset(
        tokens[-1]
        for tokens in _items_tokens(text.text)
        if tokens
        and tokens[-1].isalpha()  # not "2" of "Kolt 2, Kolt 3 Strollers"
        and (len(tokens) > 1 or (tokens[0] in ends and weights.get(tokens[0], 1.0) < policy.rare_word_weight))
    )


def _brand_and_type_line(text: NameEvidence, tokens: tuple[str, ...], profile: Profile) -> bool:
    """Whether the line the listing matched best is the brand and the type alone ("Tarvo
    harnesses" of "This recall involves Tarvo harnesses sold individually …"): a description's
    loose wording, which names the product no more than the brand and its type do."""
    brand_words = _brand_words(profile)
    return (
        text.field == "lines"
        and len(tokens) >= 2
        and not brand_words.isdisjoint(tokens)
        and all(t in brand_words for t in tokens[:-1])
    )


def _own_word_before(view: ListingView, shared: set[str], profile: Profile) -> bool:
    """Whether the title has a word of its own (one the notice never uses) before the first word
    it shares with the notice's name: where a line's name stands ("Acme Vista ski helmet"), not
    the describing words a seller appends ("Acme ski helmet outdoor sports lightweight"). A word
    typo repair read only as other notices' words is one unless it is a misspelt firm's word
    ("Productts") or the notice's (`_guessed_elsewhere`)."""
    vocabulary = profile.vocabulary
    for readings in view.title_words:
        if not shared.isdisjoint(readings):
            return False
        if vocabulary.isdisjoint(readings) and (
            readings not in view.guessed or _guessed_elsewhere(view, readings, vocabulary) is not None
        ):
            return True
    return False


def _line_words_unnamed(
    view: ListingView, text: NameEvidence, profile: Profile, policy: Policy
) -> tuple[str, ...]:
    """The rare words by which another of the notice's names singles out the product of the name
    the listing matched best, when that name is a bare type ("Ski and Snowboard Helmets" beside
    "Zentro ski and snowboard helmets"), and the listing has no rare word of the notice's names
    (not its brand's, nor a name's last word, its type)."""
    rare = policy.rare_word_weight
    shared = set(text.words)
    # The type of the name the listing matched stays its type where few notices use it
    # ("lanterns"): rare by the postings, it is no line's name. A product name of one word may be
    # a line's; a title's is the type.
    tokens = _name_tokens(text, profile)
    # A record's type before its brand ("Eyeshadow palette (Quorra)") is all type, and its one
    # product is what its other names name, whether they repeat the type or not.
    a_records_type = _a_type_before_its_brand(text, profile)
    if a_records_type:
        its_type = frozenset(tokens)
    else:
        its_type = frozenset(tokens[-1:]) if len(tokens) > 1 or text.field == "title" else frozenset()
    if any(profile.weighted_texts[text.position][2][t] >= rare for t in shared - its_type):
        return ()
    if not _own_word_before(view, shared, profile):
        return ()
    brand_words = _brand_words(profile)
    unnamed: dict[str, None] = {}
    for position, ((field_name, _, weights, _), (_, _, words)) in enumerate(
        zip(profile.weighted_texts, profile.texts, strict=True)
    ):
        if field_name not in _LINE_FIELDS:
            continue
        qualifies = position != text.position and (a_records_type or shared <= weights.keys())
        for t, weight in weights.items():
            if weight < rare or t in brand_words or t == words[-1] or t in its_type:
                continue
            if t in view.qualities:
                return ()  # the listing names a line of the notice's
            if qualifies and t.isalpha():
                unnamed[t] = None
    return tuple(unnamed)


def _a_type_before_its_brand(text: NameEvidence, profile: Profile) -> bool:
    """Whether the product name the listing matched is the type a record's title gives before its
    brand, as the EU Safety Gate writes it ("Eyeshadow palette (Quorra)"): every word of it is the
    type, none a line's ("eyeshadow" is as rare as a line name, and names none)."""
    if text.field != "product_names":
        return False
    opening = f"{text.text} ("
    return any(field_name == "title" and value.startswith(opening) for field_name, value, _ in profile.texts)


def text_evidence(qualities: dict[str, float], profile: Profile) -> NameEvidence:
    """The recall's product text the listing covers best; on equal coverage, the one with more
    evidence."""
    coverage = mass = 0.0
    field_best = value_best = ""
    found_best: list[str] = []
    best = -1
    for position, (field_name, value, items, total) in enumerate(profile.weighted_texts):
        if total and items.keys().isdisjoint(qualities):
            continue  # a coverage of 0 is never the best (checked in C: most texts of a candidate)
        found = [t for t in qualities if t in items]
        matched = sum([items[t] * qualities[t] for t in found])
        # A text that names nothing but the brand ("Acme Bicycle recalls bicycles"): its
        # product words say neither yes nor no.
        cov = round(matched / total, 6) if total else 0.5  # rounded: equal coverages tie on mass
        if cov > coverage or (cov == coverage and matched > mass):
            coverage, mass, field_best, value_best, found_best = cov, matched, field_name, value, found
            best = position
    if not field_best:
        return _NO_NAME
    return NameEvidence(coverage, mass, tuple(found_best), field_best, value_best, best)


def explained_share(view: ListingView, profile: Profile, policy: Policy) -> float:
    """How much of the listing's own words the recall accounts for (rarity-weighted): its code-like
    words count only when the recall does not list them as models; a word any product may be
    called by ("… Ascender Device", `lexicon.ANY_PRODUCT_WORDS`) that the notice does not use
    counts not at all. A notice that names no model year and accounts for every other word of the
    listing accounts for it all: the year the title states cannot by itself make it another
    product ("2019 Acme TX300" against "Acme TX 300"); beside words of another product, it still
    counts with them."""
    vocabulary, total = profile.vocabulary, view.informative_total
    explained = 0.0
    for word in view.informative:
        if not vocabulary.isdisjoint(word.readings):
            explained += word.weight * (_share_of_pieces(word, vocabulary) if word.pieces else 1.0)
        elif ANY_PRODUCT_WORDS.issuperset(word.readings):
            total -= word.weight  # "device": no other product's word, nor the notice's
    models, units = profile.models_by_key, profile.unit_codes
    for code in view.unknown_codes:
        if code.key not in models and code.key not in units:
            total += code.weight
    if view.year_weight and not profile.model_years and explained < total:
        year = sum(
            [
                w.weight
                for w in view.informative
                if w.readings in view.year_readings and vocabulary.isdisjoint(w.readings)
            ]
        )
        if total - explained <= year + 1e-9:
            return 1.0
    if explained < total:
        total -= (1 - policy.piled_weight) * piled_on_weight(view, profile)
    return explained / total if total else 0.0


def _share_of_pieces(word: ListingWord, vocabulary: frozenset[str]) -> float:
    """The share of a word run together from others ("ZephyrBoard") that a recall using some of
    them accounts for: their weights', as were they written apart ("Zephyr Board")."""
    used = sum(
        [weight for reading, weight in zip(word.readings, word.pieces, strict=True) if reading in vocabulary]
    )
    total = sum(word.pieces)
    return used / total if total else 0.0


def piled_on_weight(view: ListingView, profile: Profile) -> float:
    """The weight of the search words a seller piled onto the title after the product's name
    ("Tarvo Infant Walker Durable Storage Toy Portable Home"): a run of at least `PILED_ON` words
    ending the title, none of them the notice's and no quantity among them, after the notice's
    type (the last word of one of its names) and a word of the notice that is neither its type
    nor its firm's name. They weigh in the share `Policy.piled_weight` of what they would: a
    product of the listing's own is named in a word or two, or in place of the notice's product
    after its firm and type alone ("Tarvo Bicycle Spatula Set 3 Piece", the firm named for its
    type); words beside a number state what the product is; a pile of unrelated words after the
    product's name says what the seller wants found."""
    words = view.title_words
    vocabulary = profile.vocabulary
    run = 0
    for readings in reversed(words):
        if not vocabulary.isdisjoint(readings):
            break
        run += 1
    if run < PILED_ON or run == len(words) or _specified(view.title_sequence, vocabulary):
        return 0.0
    types = _types_named(view, profile)
    head = words[:-run]
    if not any(not types.isdisjoint(readings) for readings in head):
        return 0.0
    # The type, and the firm's name, name no product of the notice's by themselves.
    plain = types | _brand_words(profile)
    if all(vocabulary.isdisjoint(readings) or set(readings) <= plain for readings in head):
        return 0.0
    piled = set(words[-run:])
    weight = sum([word.weight for word in view.informative if word.readings in piled])
    return weight + sum([word.weight for word in view.unknown if (word.token,) in piled])


def _name_ends(profile: Profile) -> set[str]:
    """The words the notice's titles and product names end in: its type as it names it."""
    return {tokens[-1] for field_name, _, tokens in profile.texts if field_name in _NAMING_FIELDS and tokens}


def _types_named(view: ListingView, profile: Profile) -> set[str]:
    """The notice's types as the listing names them (`_name_ends`), and where a name ends in sale
    talk, which the listing's words leave out ("Helmet and Pads Sets"), the word before it when the
    listing writes the two together ("Pads Sets"): not alone, where it may name another product
    ("Tea Kettle" against "Tea Sets")."""
    types = _name_ends(profile)
    pairs = set(pairwise(view.title_sequence))
    types.update(
        tokens[-2]
        for field_name, _, tokens in profile.texts
        if field_name in _NAMING_FIELDS
        and len(tokens) > 1
        and (tokens[-2], tokens[-1]) in pairs
        and tokens[-1] in MARKETING_NOISE
    )
    return types


def _specified(sequence: tuple[str, ...], vocabulary: frozenset[str]) -> bool:
    """Whether the words ending the title after the notice's last state a quantity ("… Infant
    Walker 3 Speed Settings Foldable"): the product's specification, what it is, not search words.
    A number of sale talk followed by more of it is neither ("100% Authentic", "2024 New"), though
    not one before a unit ("100 ft")."""
    for i in range(len(sequence) - 1, -1, -1):
        word = sequence[i]
        if word in vocabulary:
            return False
        if any(c.isdigit() for c in word) and not (
            word in MARKETING_NOISE and i + 1 < len(sequence) and sequence[i + 1] in MARKETING_NOISE
        ):
            return True
    return False


# The fewest words a pile of search words has: a product of the listing's own takes one or two.
PILED_ON = 3


def explained_for_name(view: ListingView, profile: Profile, explained: float) -> float:
    """The share of the listing the name score counts as accounted for. A notice of every model
    of a line covers the one the listing names in words of its own ("Corvane Roma" against "all
    Corvane kick scooters"): those words are no evidence against. A model number the notice does
    not list still is: it names a product the notice never does."""
    if explained < 1.0 and not view.model_claims and _names_all_models_line(view, profile):
        return 1.0
    return explained


def names_another_brand(view: ListingView, profile: Profile, firm_named: bool = False) -> bool:
    """The listing's own brand field, or the maker its title names ("… by Kellvane"), names
    another firm: its words may still describe the recalled product's type, but not the
    recalled product. Not the maker after "by" where the title names the notice's brand or
    maker (`firm_named`): there the name after "by" is a designer's, a parent firm's or a
    licensor's, and writing one may not turn the recalled product into another's."""
    brand = view.brand_tokens or (frozenset() if firm_named else view.maker_tokens)
    return bool(brand) and bool(profile.brands) and not (brand & profile.vocabulary)


def name_score(
    view: ListingView,
    profile: Profile,
    text_cov: float,
    brand_cov: float,
    explained: float,
    other_brand: bool,
    policy: Policy,
    maker: str | None = None,
) -> float:
    """How well the names agree, in [0, 1]: the product text's coverage and the brand's
    (`NameEvidence.coverage`), weighed by how much of the listing the recall accounts for. A
    listing naming the maker the notice files under another firm has not dropped the brand."""
    weighted = (1 - policy.brand_weight) * text_cov + policy.brand_weight * brand_cov
    if not profile.brands or (profile.storefront and brand_cov == 0):
        name_cov = text_cov  # no brand, or a storefront's name: the firm's absence costs nothing
    elif maker:
        # The maker named is the product's brand: the firm's absence costs nothing, nor does
        # naming only a word of it ("Bicycle" of "Kestrow Bicycle Group").
        name_cov = max(text_cov, weighted)
    elif brand_cov == 0 and not (view.brand_tokens or (other_brand and view.maker_tokens)):
        # A dropped brand: the product words carry it. Not where the brand field, or the maker
        # after "by", names another firm: `other_brand_factor` answers for that.
        name_cov = text_cov * policy.dropped_brand_factor
    else:
        name_cov = weighted
    value = name_cov * (1 - policy.explained_weight + policy.explained_weight * explained)
    if other_brand:
        value *= policy.other_brand_factor
    return value


# -- a storefront's product: its type and specifications -----------------------------------------


@dataclass(slots=True)
class SpecEvidence:
    """What a listing shows of a storefront notice's product, beside its name."""

    specs: tuple[str, ...]  # the notice's specifications the listing shows: "humanoid", "30 pcs"
    other_specs: str | None  # where the listing states another: "60 pcs, the notice 30 pcs"
    type_named: bool  # the listing names the product's type
    share: float  # the share of the notice's specifications the listing shows
    # How much they weigh: a describing word or a hazard object 1, a quantity 2 (a number with
    # its unit is the most specific thing a factory product's listing states).
    weight: int = 0

    def note(self, profile: Profile) -> str:
        head = f"{profile.storefront}: its product is its type and specifications"
        if self.other_specs:
            return f"{head}; the listing states other specifications ({self.other_specs})"
        if not self.type_named:
            return f"{head}; the listing does not name its type"
        if not self.specs:
            return f"{head}; the listing names the type alone, which identifies nothing"
        return f"{head}; the listing shows " + ", ".join(self.specs)


def storefront_evidence(view: ListingView, profile: Profile) -> SpecEvidence:
    """The specifications of a storefront notice's product that the listing shows: its describing
    words (in any of its product's names), its quantities (a quantity in the same unit with
    another value says it is another product) and its hazard's objects."""
    specs = profile.specs
    matched = profile.vocabulary.intersection(view.hits)
    type_named = bool(specs.heads & matched)
    shown = sorted(specs.features & matched)
    weight = len(shown)
    listed = quantities(view.sales_text)
    for unit, value in sorted(specs.quantities):
        if (unit, value) in listed:
            shown.append(f"{value} {unit}")
            weight += 2
        elif any(u == unit for u, _ in listed):
            stated = ", ".join(f"{v} {u}" for u, v in sorted(listed) if u == unit)
            return SpecEvidence(tuple(shown), f"{stated}; the notice {value} {unit}", type_named, 0.0)
    objects = sorted(specs.objects & listing_objects(view.sales_text))
    shown.extend(objects)
    weight += len(objects)
    total = len(specs.features) + len(specs.quantities) + len(specs.objects)
    return SpecEvidence(tuple(shown), None, type_named, len(shown) / total if total else 0.0, weight)


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
    Drive" against "Thrust Over Drive"); another product after the notice's type; a product the
    notice says the recall does not cover ("… does not include the Tarvo II")."""
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
    opening = view.title_words[0] if _opens_with_a_lost_model(view, profile) else ()
    beside = [
        v
        for v in view.variants
        if not set(text.words).isdisjoint(v.near)
        and v.written not in opening
        and not _year_mistyped(v.key, profile)
        and not _a_size_the_notice_gives(v, view, profile)
        and v.written not in listed
        and not _trim_after_a_code(v, text, profile)
        and not _a_spec_the_notice_does_not_state(v, profile)
    ]
    inner = _own_word_before_variant(view, profile, beside) if beside else None
    if inner is not None:
        return inner
    name_keys = word_keys(text.text)
    own = [
        v
        for v in beside
        if v.key in name_keys or v.key in profile.models_by_key or _written_apart(v.written, name_keys)
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
    ):
        return None
    if beside:
        written = beside[0].written
        return f"another variant of the line: the listing names {written!r}, which {text.text!r} does not"
    # The line alone in a year the notice covers: the year says which generation it is, and a
    # person looks (`variant_left_out_in_its_year`).
    in_its_year = _the_line_alone_in_a_covered_year(view, profile)
    left_out = None if in_its_year else _variants_left_out_of_the_name(view, profile, text, policy)
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
    named = _named_variants(profile)
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


def _variants_left_out_of_the_name(
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
        and not _letter_written(view, text.text, required)
        and not _its_model_alone(view, profile)
        and not _run_into_a_word(view, required, text)
    ):
        return ", ".join(sorted(k.lower().replace("plus", "+") for k in required))
    return None


@lru_cache(maxsize=16_384)
def _thousands_named(name: str) -> frozenset[str]:
    """The numbers of thousands a name gives, in digits: asked of every candidate's best name, and
    few names give one."""
    return frozenset(number for word in raw_words(name) if (number := thousands(word)) is not None)


def _thousands_given(view: ListingView, required: frozenset[str]) -> bool:
    """Whether the title gives a number of thousands the name requires, written the other way
    ("50000" for "Orvel 50K")."""
    return not required.isdisjoint(thousands_keys(view.title_sequence))


def _the_line_alone_in_a_covered_year(view: ListingView, profile: Profile) -> bool:
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


# What a partial scope's note asks when the listing cannot show which units it is (`judge_all`
# takes it off again where the names allow the match).
_A_PERSON_MUST_CHECK = "a person must check"

# Why a listing giving a notice's brand and type, and none of the models or the line it names,
# is allowed (`Policy.type_only_explained`); `judge_all` says instead why it is not, where the
# notice accounts for most of the rest of the listing or a GTIN it gives is the notice's
# (`_type_alone_judged`).
_TYPE_ALONE_ALLOWS = ": a brand and a product type alone do not name the product"


def variant_left_out_in_its_year(
    view: ListingView, profile: Profile, text: NameEvidence, policy: Policy
) -> str | None:
    """Why a person looks at a listing naming the line alone in a model year the notice covers,
    without the variant the notice's name gives ("2020 Tarvo Kolt" against "Kolt 3a" of the 2020
    models): the year says which generation it is, not which of that year's versions ("3a",
    "3c"). Asked where `outside_scope` found nothing: with no variant in the listing, it got to
    the variants the name requires, and left this case to it."""
    if not text.words or not _the_line_alone_in_a_covered_year(view, profile):
        return None
    left_out = _variants_left_out_of_the_name(view, profile, text, policy)
    if left_out is None:
        return None
    return (
        f"the listing names the line in a model year the recall covers, but not the {left_out} of "
        f"{text.text!r}: {_A_PERSON_MUST_CHECK}"
    )


def _an_involves_sentence_covers(view: ListingView, beside: list[Variant], profile: Profile) -> bool:
    """Whether a sentence saying what the recall involves covers the listing's variant: it involves
    every model (of the line, or of its model years), or it gives the variant in a product the
    listing names a word of (`_given_with_a_listing_word`)."""
    scopes = _involved(profile)
    if not scopes:
        return False
    shared = _words_every_product_has(profile)  # once for every sentence and variant
    return any(
        scope.all_models
        or _every_model_of_its_years(scope, profile)
        or any(_given_with_a_listing_word(view, v, scope.subject, shared) for v in beside)
        for scope in scopes
    )


def _names_giving(view: ListingView, beside: list[Variant], profile: Profile) -> list[str]:
    """The notice's names (not its descriptions) that give one of the listing's variants in a
    product the listing names a word of: "Kolt Trail 3" of the lines "Kolt Trail 1", "Kolt Trail
    3" for "Tarvo Kolt Trail 3", none of them for "Tarvo Presio 3"; "QZ 450" of the line "Tarvo QZ
    450 Blowers" for "Tarvo QZ450", its letters and number written apart (`_written_apart_in`)."""
    named = _named_variants(profile)
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
    return _brand_words(profile) | _name_ends(profile)


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
    for part in ITEM_BREAK.split(text):
        for item in _NAME_ITEMS.split(part):
            words = [word for word in name_tokens(item) if len(word) > 1]
            letters = [w for w in words if w.isalpha() and w not in _NOT_A_NAME]
            own = [w for w in letters if w not in shared]
            if own or not named:
                named = own or letters
            if variant.key not in word_keys(item) and not _written_apart_in(variant.written, item):
                continue
            if not named or all(w.isalnum() and not w.isalpha() and not w.isdigit() for w in words):
                return True  # no product named ("2 pcs"), or a run of codes
            if any(word in view.qualities for word in named):
                return True
    return False


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


def unit_code_given(view: ListingView, profile: Profile) -> str | None:
    """The notice's own serial, lot or batch number that the listing gives, as the notice prints
    it: the unit is one the recall covers. After its cue ("lot L2302"), or without one when it
    reads as nothing else: letters and digits, four or more ("Tarvo bottle 2403A"), or six digits
    or more ("Tarvo 1300" may be a model, a size or a rating)."""
    codes = profile.unit_codes
    for claim in view.unit_claims:
        if claim.key in codes:
            return codes[claim.key]
    for code in view.codes:
        if code.key in codes and (len(code.key) >= 6 if code.key.isdigit() else len(code.key) >= 4):
            return codes[code.key]
    return None


_DIGITS_AND_LETTERS = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "9" * 10 + "A" * 26)


def _code_pattern(key: str) -> str:
    """A model key's letters and digits by place ("L2410": "A9999")."""
    return key.translate(_DIGITS_AND_LETTERS)


def _another_model_year(view: ListingView, profile: Profile) -> str | None:
    """Why the listing is outside the recall, when it states a model year the notice does not cover."""
    if not (profile.model_years and view.years and profile.model_years.isdisjoint(view.years)):
        return None
    covered = ", ".join(map(str, sorted(profile.model_years)))
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
    listed = set(view.title_sequence) - _brand_words(profile)
    for field_name, value, _ in profile.texts:
        if field_name == "lines":
            continue  # a line is a name read out of the other texts, which give its years
        runs = _years_and_words_by_name(value)
        if not runs:
            continue
        shared = frozenset.intersection(*(words for _, words in runs))
        for word in sorted(listed - shared):
            named_in = [years for years, words in runs if word in words]
            if named_in and all(not set(years) & set(view.years) for years in named_in):
                covered = ", ".join(str(year) for years in named_in for year in years)
                return (
                    f"outside the recall's scope: the notice covers {word!r} in {covered} only, the "
                    f"listing is model year {view.years[0]}"
                )
    return None


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
    """Why the listing is outside the recall, when it names every word of a product the notice
    says the recall does not cover ("This recall does not include any 2002 model product, which
    include the Tarvo II …": "Acme Tarvo II treadmill")."""
    for name in profile.not_covered:
        tokens = name_tokens(name)
        if tokens and all(token in view.qualities for token in tokens):  # no words: nothing named
            return f"outside the recall's scope: the notice says it does not cover {name!r}"
    return None


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
    brand_words = _brand_words(profile)
    beside = [v for v in view.variants if v.key.isdigit() and v.before in brand_words]
    if not beside:
        return None
    named = _named_variants(profile)
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
    brand_words = _brand_words(profile)
    after_brand = {word for before, word in pairwise(view.title_sequence) if before in brand_words}
    printed = [_literal_key(model.printed) for model in profile.models]
    for code in view.codes:
        own = _literal_key(code.written)
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


def _literal_key(code: str) -> str:
    """A model number's key as printed: no letter read as a digit (`text.model_key`)."""
    return model_key(fold(code), literal=True)


def _numbered_in_shape(key: str, other: str) -> bool:
    """Whether two model keys open with as many letters and hold as many digits, give or take one."""
    letters = len(key) - len(key.lstrip(string.ascii_uppercase))
    if letters != len(other) - len(other.lstrip(string.ascii_uppercase)):
        return False
    return abs(sum(ch.isdigit() for ch in key) - sum(ch.isdigit() for ch in other)) <= 1


def _a_slip_of(key: str, model: str) -> bool:
    """Whether a model number may be the notice's own written with a slip: one holding the other
    ("K10" of "K100", "QX1500W" for "QX1500"), or as long with one character changed or two
    swapped ("R21" for "R12"). Stricter than the slip `_another_model_claimed` allows a claimed
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
        if field_name in _LINE_FIELDS and any(
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
                and _as_digits(listed_ending) != _as_digits(ending)
            ):
                return f"another model: the listing names {code.written!r}, the notice {model.printed!r}"
    return None


def _as_digits(code: str) -> str:
    """A model number's key with every letter a seller types for a digit read as the digit."""
    return model_key(code, folded=True).translate(LOOKALIKE_DIGITS)


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
        if field_name in _LINE_FIELDS:
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
    stated = _POWER_SOURCES.intersection(view.title_sequence)
    if not stated:
        return None
    named: set[str] = set()
    for field_name, _, tokens in profile.texts:
        if field_name in _LINE_FIELDS:
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


def _run_into_a_word(view: ListingView, required: frozenset[str], text: NameEvidence) -> bool:
    """Whether the listing gives a required variant run into the words of the name beside it, as
    one code: "QX1000" for "Rover QX 1000", "K1000QR" for "K 1000 QR"."""
    words = word_keys(text.text)
    for code in view.codes:
        pieces = _key_pieces(code.written)
        if (
            len(pieces) > 1
            and not required.isdisjoint(pieces)
            and all(piece in required or piece in words for piece in pieces)
        ):
            return True
    return False


def _written_apart(written: str, name_keys: frozenset[str]) -> bool:
    """Whether a listing's code is words of the name that the name writes apart: "VX300" of
    "Cross Country motorcycles (VX 300 and WX 350)"."""
    pieces = _key_pieces(written)
    return len(pieces) > 1 and all(piece in name_keys for piece in pieces)


def _written_apart_in(written: str, name: str) -> bool:
    """Whether a listing's code is words a name writes apart, one right after the other: "QZ450"
    of "Tarvo QZ 450 Blowers"; not "QZ600" of "Tarvo QZ 450 Blowers, 600 CFM"."""
    pieces = _key_pieces(written)
    if len(pieces) < 2:
        return False
    keys, size = word_key_sequence(name), len(pieces)
    return any(list(keys[i : i + size]) == pieces for i in range(len(keys) - size + 1))


def _key_pieces(written: str) -> list[str]:
    """The model keys of a word's runs of letters and of digits, parted as written (a key reads
    letters as digits: "L" as "1")."""
    return [model_key(piece, folded=True) for piece in LETTERS_OR_DIGITS.findall(fold(written))]


def _another_makers(profile: Profile, identified: bool, explained: float, policy: Policy) -> str | None:
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


def _own_maker_before_the_type(
    view: ListingView, text: NameEvidence, brand: NameEvidence, profile: Profile, used: frozenset[str]
) -> str | None:
    """Why the listing is another firm's product, when the notice's name it matched is its product's
    type: written as a phrase ("Teeth whitening pen" of a notice filed under its brand, as the EU
    Safety Gate writes them), or the title of a notice whose product names carry the brand
    (`_the_type_of_a_branded_name`); the listing uses no word of the notice's but the type's
    (`used`, the notice's words it names: no market name, no line, no word of the firm); and it
    opens with a name of its own, where a product's own brand stands: a word of letters no notice
    uses ("Vexo Teeth Whitening Pen"), or one coined of words this notice does not use
    (`_coined`). The type's words may all be rare, few notices being of the type: they still name
    the type, not the product. A name whose first word is its line's, the rest in lower case
    ("Zorbit scooter"), reads as a phrase too; a listing naming that line under a name of its own
    is taken for another firm's. A title opening with a word some notice uses, or with a number,
    is left to the names' score."""
    if not profile.brands or brand.words or text.field not in _NAMING_FIELDS or not view.title_words:
        return None
    first = view.title_words[0]
    own = _coined(view, first, profile.vocabulary)
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
    brand_words = _brand_words(profile)
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


def _on_described_words_alone(features: Features, profile: Profile, policy: Policy) -> bool:
    """Whether every word the listing shares with the notice (`Features.matched`) is one its
    descriptions write in lower case (`Features.described_only`, for a listing naming neither the
    brand, the maker nor a model). Read only where it may decide (`Policy._by_name`'s block, its
    promotion of a product's own name, and the note): nothing contradicts the match, and the name
    score reaches a block or the listing names most of a name by a line's word. The descriptions
    are read for their case once per notice, which most candidates are spared."""
    f = features
    if not f.matched or f.conflicts:
        return False
    if f.name_score + policy.strong_name_bonus < policy.block_threshold and not (
        f.line_word and f.text_cov >= policy.own_name_coverage
    ):
        return False
    # Every word in a description at all (the profile has their tokens) before their case is read.
    described = [words for kind, _, words in profile.texts if kind == "other_texts"]
    if not all(any(t in words for words in described) for t in f.matched):
        return False
    return f.matched <= _written_in_prose(profile)


def _written_in_prose(profile: Profile) -> frozenset[str]:
    """The words the notice's descriptions write in lower case, and nowhere capitalised within a
    sentence: what the product is ("cordless leaf blowers"), not what it is called ("Vornel")."""
    lower, named = _descriptions_cases(profile)
    return frozenset(lower - named)


def _written_as_a_name(word: str, profile: Profile) -> bool:
    """Whether the notice's descriptions write `word` as a name is written (`_cases_of`)."""
    return word in _descriptions_cases(profile)[1]


def _descriptions_cases(profile: Profile) -> tuple[set[str], set[str]]:
    """`_cases_of` over every description of the notice: the words written in lower case, and
    those written as names."""
    lower: set[str] = set()
    named: set[str] = set()
    for field_name, value, _ in profile.texts:
        if field_name == "other_texts":
            in_lower, as_names = _cases_of(value)
            lower.update(in_lower)
            named.update(as_names)
    return lower, named


@lru_cache(maxsize=16_384)
def _cases_of(description: str) -> tuple[frozenset[str], frozenset[str]]:
    """The tokens of a description's words written in lower case, and of those written as names
    are: capitalised where no sentence opens, or before "brand" ("quellor brand bicycles": a brand
    may be written in lower case)."""
    lower: list[str] = []
    named: list[str] = []
    words = description.split()
    opening = True
    for word, after in zip(words, [*words[1:], ""], strict=True):
        if after.lower().startswith("brand") or word.lower().endswith(("-brand", "-branded")):
            named.append(word)
        elif word[:1].islower():
            lower.append(word)
        elif word[:1].isupper() and not opening:
            named.append(word)
        opening = word.endswith((".", "!", "?", ":"))
    return frozenset(name_tokens(" ".join(lower))), frozenset(name_tokens(" ".join(named)))


def _only_the_type(matched: frozenset[str], profile: Profile) -> bool:
    """Whether the words a listing shares with the notice are all words of its product's type: of
    its product names ("Plastic toy" of "Plastic toy · Quorra die-cast car"), or of its title's
    product when it names none ("Convertible High Chairs Recalled Due to …")."""
    names = [tokens for field_name, _, tokens in profile.texts if field_name == "product_names"]
    if not names:
        names = [tokens for field_name, _, tokens in profile.texts if field_name == "title"]
    return bool(matched) and all(any(t in tokens for tokens in names) for t in matched)


# Words that introduce a variant in any line ("Model 3", "Gen 2"), or say nothing of the product.
_BEFORE_ANY_VARIANT = frozenset(
    "model version ver gen generation series type mark mk no number size edition style".split()
)
# Words that say nothing of which product it is: what comes with it, any kind of product, sale
# talk, colours, how the notice counts what it covers ("certain Acme Dynamo 2 units")
# (`_companion_of_the_type` reads them too).
# Nor "replacement", "spare": a "<type> replacement" is one of the type (or, beside a part's word,
# the part: `analysis.accessory_cue` reads it).
_NOT_A_PRODUCT = (
    BUNDLE_WORDS | KIND_WORDS | MARKETING_NOISE | COLOURS | {"unit", "units", "replacement", "spare"}
)
_NOT_A_NAME = _NOT_A_PRODUCT | _BEFORE_ANY_VARIANT


def _a_spec_the_notice_does_not_state(variant: Variant, profile: Profile) -> bool:
    """Whether a listing's number is the version of a standard ("Bluetooth 5.3", `lexicon.
    STANDARD_NAMES`) or how many ways the product is used ("3 in 1") where the notice's names state
    neither: what sellers print of every such product, no model of the line. Where the notice
    states it ("WiFi 6 Mesh Routers"), another version is another product."""
    standard = variant.before.replace("-", "")  # "Wi-Fi", "WiFi"
    if standard in STANDARD_NAMES:
        return profile.vocabulary.isdisjoint((standard, *variant.before.split("-")))
    if variant.before == "in":
        return not any(
            _WAYS.search(value) for field_name, value, _ in profile.texts if field_name in _LINE_FIELDS
        )
    return False


_WAYS = re.compile(r"\d\s*-?\s*in\s*-?\s*\d", re.I)


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
            or word in _NOT_A_NAME
            or word in STOPWORDS
            or variant.key.lower() not in profile.vocabulary
        ):
            continue
        if _misspelt(word, profile.vocabulary) or _read_as_the_notices(view, word, profile):
            continue
        if any(scope.all_models for scope in _involved(profile)):
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
    tokens = _name_tokens(text, profile)
    if (
        len(tokens) < 2
        or not tokens[-1].isalpha()  # a number or code names a variant: `outside_scope`'s own checks
        or len(tokens[-1]) < FUZZY_MIN_LENGTH  # a letter code ("TW"): a variant's too
        or tokens[-1] in view.qualities
        or tokens[-1] in _type_words(profile)
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
                and all(w.isalpha() and w not in _NOT_A_NAME for w in own)
                and len("".join(own)) >= 3
                and not _misspelt("".join(own), vocabulary)
                and not any(scope.all_models for scope in _involved(profile))
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


def _misspelt(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word is a typo of one of the notice's: an edit from it, two for a long word."""
    limit = 2 if len(word) >= LONG_WORD else 1
    return any(
        abs(len(known) - len(word)) <= limit and OSA.distance(word, known, score_cutoff=limit) <= limit
        for known in vocabulary
    )


def _qualifier_left_out(view: ListingView, profile: Profile, name: str, beside: list[Variant]) -> str | None:
    """Why the listing is not the model the recall names, when the name ends in a word after the
    variant the listing names, which the listing leaves out: "Tessel 1" is not the "Tessel 1
    Comfort". The notice's type ("Tessel 1 Bicycles") is no such word."""
    keys = {v.key for v in beside}
    types = _type_words(profile)
    for item in _NAME_ITEMS.split(name):
        words = raw_words(item)
        if len(words) < 3 or variant_key(words[-2]) not in keys:
            continue
        last = words[-1]
        token = canonical_token(last)
        if last.isalpha() and token not in view.hits and token not in types and token not in _NOT_A_NAME:
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
    tokens = _name_tokens(text, profile)
    sequence = view.title_sequence
    for before, tier in pairwise(tokens[:-1]):
        if tier not in TIER_WORDS or tier in sequence or before not in sequence:
            continue
        at = sequence.index(before) + 1
        word = sequence[at] if at < len(sequence) else ""
        if word.isalpha() and word not in profile.vocabulary and word not in _NOT_A_TIER_NAME:
            return f"another model of the line: the listing names {word!r} where {text.text!r} has {tier!r}"
    return None


# What stands where a tier does and names no model: what names nothing (`_NOT_A_NAME`), a word
# prose leaves out, and another tier, which is another variant (`outside_scope`).
_NOT_A_TIER_NAME = _NOT_A_NAME | TIER_WORDS | STOPWORDS


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
    if text.field not in _LINE_FIELDS or profile.storefront:
        return None  # a storefront's name is a word no notice uses either
    if not view.unknown and not view.guessed and not (profile.models and view.rare_words):
        return None
    tokens = _name_tokens(text, profile)
    if len(tokens) < 2 or tokens[-1] not in text.words:
        return None
    weights = profile.weighted_texts[text.position][2]
    least = policy.maker_word_weight
    units = _units_of_sizes(text.text)
    left_out = [
        t for t in tokens[:-1] if t not in units and _left_out_name_word(t, weights.get(t, 0.0), view, least)
    ]
    brand_words = _sellers_brand_words(text, profile, policy)
    # A notice naming its lines in another of its names ("Vexo and Zorbit Harnesses" beside
    # "Quorra harnesses") names its products as one naming its models does; not one of every model
    # ("all models of two-wheeled and three-wheeled Quorra cargo bikes": kinds, not lines).
    lines = (
        []
        if left_out or profile.models or any(scope.all_models for scope in _involved(profile))
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
        guessed = _guessed_elsewhere(view, readings, vocabulary) or _coined(view, readings, vocabulary)
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
            and own not in _NOT_A_NAME
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
                    and not _misspelt(own, vocabulary)
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
    words = _brand_words(profile)
    maker = _maker_word(text, profile, policy)
    if maker is not None:
        words.add(maker)
    return words


def _guessed_elsewhere(
    view: ListingView, readings: tuple[str, ...], vocabulary: frozenset[str]
) -> str | None:
    """The word as written, when no notice uses it and typo repair read it only as other notices'
    words ("Marro" as "marrow"): to this notice, a word it never uses. Not a typo of this notice's
    words, nor of a firm's ("Productts")."""
    guessed = view.guessed.get(readings)
    if (
        guessed is None
        or not vocabulary.isdisjoint(readings)
        or not FIRM_WORDS.isdisjoint(readings)
        or _misspelt(guessed, FIRM_WORDS)
        or _misspelt(guessed, vocabulary)
    ):
        return None
    return guessed


def _coined(view: ListingView, readings: tuple[str, ...], vocabulary: frozenset[str]) -> str | None:
    """The word as written (folded), when it runs together words of which the notice uses none:
    a name the seller's firm coined of common words ("SmartGlide", read as "smart" and "glide")
    names a product of its own, as a word no notice uses does. A word run together of the
    notice's own words ("QuorraZentro") is its name, written another way."""
    written = view.run_together.get(readings)
    return written if written is not None and vocabulary.isdisjoint(readings) else None


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
        if position == text.position or field_name not in _LINE_FIELDS:
            continue
        for t, weight in weights.items():
            if _left_out_name_word(t, weight, view, least) and t not in brand_words and t not in LEGAL_FORMS:
                found[t] = None
    return list(found)


def _sizes_written(name: str) -> Iterator[tuple[str, str]]:
    """Each size a name writes as one word, its number and unit joined ("14-foot", "10-Liter",
    "6-can": `_SIZE`), with its unit."""
    for word in raw_words(name):
        found = _SIZE.match(word)
        if found is not None:
            yield word, found.group(1)


@lru_cache(maxsize=4096)
def _size_words(name: str) -> frozenset[str]:
    """The words of a name that give its product's size, its number and unit ("14" and "foot" of
    "Tarvo 14-foot trampolines"): any maker's product of the size shares them. Cached: names
    repeat."""
    return frozenset(token for word, _ in _sizes_written(name) for token in name_tokens(word))


@lru_cache(maxsize=4096)
def _units_of_sizes(name: str) -> frozenset[str]:
    """The words a name writes after a number as its size's unit ("liter" of "10-Liter and 15-Liter
    Minifridges", "can" of "6-can"): which size, not which product. Cached: names repeat."""
    return frozenset(canonical_token(unit) for _, unit in _sizes_written(name))


_SIZE = re.compile(r"^\d+(?:[.,]\d+)?-([a-z]+)$")


def _left_out_name_word(word: str, weight: float, view: ListingView, least: float) -> bool:
    """Whether a word of a notice's name is one few notices use (`least`: a maker's weight) that
    names a product, and the listing leaves it out."""
    return word.isalpha() and weight >= least and word not in view.qualities and word not in _NOT_A_NAME


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


def _type_words(profile: Profile) -> frozenset[str]:
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
            if _joins_products(value):
                *before, last = _NAME_ITEMS.split(value)
                if before and len(name_tokens(last)) == 1 and (other := name_tokens(before[-1])):
                    words.add(other[-1])
    return frozenset(words)


def _opens_with_a_lost_model(view: ListingView, profile: Profile) -> bool:
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
    counts none in that unit says nothing of which model it is either."""
    sized = _SIZED.match(variant.written)
    if sized is None:
        return False
    number, letters = sized.groups()
    unit = letters or _word_after(view.title_sequence, variant.written)
    family = _SIZE_FAMILIES.get(unit)
    if letters and family is None:
        return False  # letters of no size's unit: a code ("5s")
    # A number with no unit is a size only where a description gives its product that size in a
    # length ("a 50-inch backboard"): a name's "6-foot cord" or "6-quart" does not make a line's 6.
    texts = profile.texts if family else [t for t in profile.texts if t[0] == "other_texts"]
    size = _size_of(number, family or "length")
    if any(number in value and size.search(value) is not None for _, value, _ in texts):
        return True
    if family != "count":
        return False
    counted = _size_of(_ANY_NUMBER, family)
    return not any(counted.search(value) for _, value, _ in profile.texts)


def _word_after(sequence: tuple[str, ...], word: str) -> str:
    at = sequence.index(word) if word in sequence else -1
    return sequence[at + 1] if 0 <= at < len(sequence) - 1 else ""


_SIZED = re.compile(r"^(\d+(?:\.\d+)?)([a-z]*)$")
_SIZE_FAMILIES = {unit: family for family, units in UNITS_BY_MEASURE.items() for unit in units}


@lru_cache(maxsize=1024)
def _size_of(number: str, family: str) -> re.Pattern[str]:
    """A number (a regular expression's, `_ANY_NUMBER`, or one as printed) in a unit of `family`."""
    units = alternation(UNITS_BY_MEASURE[family])
    printed = number if number == _ANY_NUMBER else re.escape(number)
    return re.compile(rf"(?<![\w.]){printed}\s?-?\s?(?:{units})(?!\w)", re.I)


_ANY_NUMBER = r"\d+(?:\.\d+)?"


@lru_cache(maxsize=1024)
def _years_of(key: str) -> frozenset[str]:
    """The years ("19..", "20..") a three-digit number is with one digit put back."""
    made = (key[:i] + digit + key[i:] for i in range(4) for digit in "0123456789")
    return frozenset(year for year in made if year[:2] in ("19", "20"))


def _companion_of_the_type(view: ListingView, profile: Profile) -> str | None:
    """The listing's own product, when its title ends in a word the notice never uses that
    another notice does (a product's word: "shoes") right after the notice's type ("Flat Pedal
    Shoes" against "flat bicycle pedals"), or after one more word of its own that makes a compound
    of it ("Hoverboard Carry Bag", "Treadmill Safety Key"): the notice's type only says what it
    goes with. A word saying what comes with the product ("Bike Basics") leaves it the notice's,
    and so do the words a seller adds about the sale or the colour, and a word naming its make-up
    ("Pedal System", `_MAKE_UP_WORDS`), which another notice's product may be."""
    # The last word must be one some notice uses, as written: a word no notice uses is a name or
    # a typo ("hoevrboards"), not a product everyone knows.
    if len(view.title_tail) < 2 or not view.title_ends_known:
        return None
    not_products = _NOT_A_PRODUCT | _MAKE_UP_WORDS
    before, last = view.title_tail
    if not _a_product_word_of_its_own(last, profile, not_products):
        return None
    if before not in _name_ends(profile) and len(view.type_words) >= 3:
        # The compound's first word: of its own too, and a word some notice uses.
        if not _a_product_word_of_its_own(before, profile, not_products) or before not in view.hits:
            return None
        before = view.type_words[-3]
    if not before.isalpha() or before not in _name_ends(profile):
        return None
    return (
        f"another product: the title ends in {last!r}, a word the notice never uses, after the "
        f"notice's type {before!r}: a {last} for a {before}, not the {before} itself"
    )


def _another_type(view: ListingView, profile: Profile, matched: frozenset[str]) -> str | None:
    """The listing's own type, when its title ends in a word the notice never uses that another
    notice does (a product's word, as `_companion_of_the_type` reads it) and it names none of the
    words the notice's names end in: "Tow Truck Sound Puzzle" against "Tow Truck Sounds Activity
    Board" (ending in "board", titled "… Toys") names a puzzle. A line's rare word it shares with
    the notice is then the line's maker's, or a theme's, on another product."""
    last = view.type_words[-1]
    if not (
        _a_product_word_of_its_own(last, profile, _NOT_A_TYPE) or _the_firms_word_alone(last, view, profile)
    ):
        return None
    return None if matched & _name_ends(profile) else last


def _the_firms_word_alone(word: str, view: ListingView, profile: Profile) -> bool:
    """Whether the notice uses a word a title ends in only in its firm's name ("bikes" of "Tarvo
    Electric Bikes", recalling its trikes): what the firm makes as a rule, not the recalled
    product, which its texts name. Only where the title opens with a word the notice never uses,
    where another maker's name stands ("Quorra Fat Tire Bike"): "Kolt Bike", naming the line,
    may be the recalled product called by the firm's word for what it makes."""
    return (
        word not in _NOT_A_TYPE
        and bool(view.title_words)
        and profile.vocabulary.isdisjoint(view.title_words[0])
        and any(word in words for _, words in profile.brands)
        and not any(word in tokens for _, _, tokens in profile.texts)
    )


def _a_product_word_of_its_own(word: str, profile: Profile, not_products: frozenset[str]) -> bool:
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
# made up as, not what it goes with (`_companion_of_the_type`); "range" and "line" are products
# there too (a cooktop's range, a trimmer's line).
_MAKE_UP_WORDS = frozenset(map(canonical_token, "series system collection family carbon".split()))
_NOT_A_TYPE = _NOT_A_PRODUCT | _MAKE_UP_WORDS | frozenset(map(canonical_token, ("range", "line")))


# Where a name enumerates products: "Varga Tessel+ 1 and Holloway Ambler Go! bicycles", "A, B & C".
_NAME_ITEMS = re.compile(r"\s*(?:,|&|\band\b|\bor\b)\s*")


def _joins_products(name: str) -> bool:
    """Whether a conjunction joins products in a name ("… bicycles and frames", "A & B"): the
    substring test spares most names the split by `_NAME_ITEMS`."""
    return " and " in name or "&" in name or " or " in name


def _required_variants(text: NameEvidence) -> frozenset[str]:
    """The variant words that single out the model the listing's words name: of the whole name,
    or, when the name enumerates products, of the one the listing names most of (the "+" and
    "1" of "Varga Tessel+ 1" are not required of a listing naming "Holloway Ambler Go!")."""
    required = variant_keys(text.text)  # cached; most names have none
    name = text.text
    if not (", " in name or _joins_products(name)):
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
    tokens = _name_tokens(text, profile)
    if not tokens or set(text.words) != {tokens[-1]}:
        return frozenset()  # the name matched best is more than its type
    # The listing's variants are read from its title: so are the words that call for them.
    beyond = {
        t
        for t in view.name_words
        if t not in text.words and view.qualities[t] == 1.0 and view.hits[t].field == "title"
    }
    for position, (field_name, value, _) in enumerate(profile.texts):
        if field_name not in _NAMING_FIELDS or position == text.position:
            continue
        items = profile.weighted_texts[position][2]
        if any(items.get(t, 0.0) >= policy.rare_word_weight for t in beyond):
            required = variant_keys(value)  # any model the name names will do
            if required and not any(scope.all_models for scope in _involved(profile)):
                return required
    return frozenset()


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
    for item in _NAME_ITEMS.split(name):
        keys = variant_keys(item)
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


@lru_cache(maxsize=16_384)
def _item_variants(name: str, words: frozenset[str]) -> frozenset[str]:
    items = [item for item in _NAME_ITEMS.split(name) if item]
    if len(items) < 2:
        return variant_keys(name)
    best = max(items, key=lambda item: len(words.intersection(map(canonical_token, raw_words(item)))))
    return variant_keys(best)


def _named_variants(profile: Profile) -> frozenset[str]:
    """The model keys of every word of the notice's product names, title and lines (not of its
    description, which may name the models it does not cover)."""
    keys: set[str] = set()
    for field_name, value, _ in profile.texts:
        if field_name != "other_texts":
            keys.update(word_keys(value))
    return frozenset(keys)


def _names_all_models_line(view: ListingView, profile: Profile) -> bool:
    """Whether the notice involves every model of a line the listing names by a rare word: a
    word of the line's name ("all Corvane Lumen scooters", not "… with the latch") that few
    notices use. Where the description names the line by capitalised words its title does not
    give the product ("Kellor Recalls Tarvo Harnesses": "all Tarvo Lumen harnesses"), one of
    those: the title's are the firm's and the type's, and name the firm's other lines too."""
    if not view.rare_words:
        return False
    for field_name, value, _ in profile.texts:
        if field_name != "other_texts":
            continue
        words, capitalised = _all_models_line(value)
        if not words:
            continue
        own = capitalised.difference(*(tokens for name, _, tokens in profile.texts if name == "title"))
        if not view.rare_words.isdisjoint(own or words):
            return True
    return False


@lru_cache(maxsize=16_384)
def _all_models_line(description: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the line a description says the recall involves every model of, if it does,
    and those of them written capitalised, as a name is."""
    scope = involved(description)
    if scope is None or not scope.all_models:
        return frozenset(), frozenset()
    line = products_named(scope.subject).split(",", 1)[0]
    return frozenset(name_tokens(line)), _capitalised_words(line)


@lru_cache(maxsize=16_384)
def _capitalised_words(text: str) -> frozenset[str]:
    """The words of `text` written capitalised (or opening with a digit or a mark), as read."""
    return frozenset(name_tokens(" ".join(word for word in text.split() if not word[:1].islower())))


def _line_named_whole(profile: Profile, at: int, matched: frozenset[str], policy: Policy) -> bool:
    """Whether the listing gives every word of the name it matched best (`at`, its place in the
    profile's texts) that the name writes capitalised, as a line's name is written, one of them a
    rare word ("Tarvo Vexo" of "non-certified Vexo brand scooters"): it names the line whole,
    though not what the name says of it, what it is or which units ("certified", "scooters"). Not
    "Tarvo Neo" of "Tarvo Marlo Neo", nor "Tarvo Vexo" of "Vexo Max" however common "Max" is. The
    brand's words are not the name's (the profile weighs none of them): the brand has its own
    evidence."""
    if at < 0:
        return False
    _, value, weights, _ = profile.weighted_texts[at]
    line = [w for w in _capitalised_words(value) if weights.get(w, 0.0) > 0.0]
    return any(weights[w] >= policy.rare_word_weight for w in line) and matched.issuperset(line)


def _a_vehicle_line_named_whole(text: NameEvidence, profile: Profile) -> bool:
    """Whether the notice is a motor vehicle's (its units some build dates or VINs) and the listing
    names the whole of the model line matched: what follows the line ("Vexo 110", "Vexo 1.6 HEV",
    "Vexo 4xe") is its engine, body or trim, which the build decides, not another model."""
    if VEHICLE_BUILDS not in profile.partial_scope:
        return False
    # A line written as its family ("Vexo-Class", "Vexo Series") is named whole by "Vexo".
    return set(_name_tokens(text, profile)) - _brand_words(profile) - _FAMILY_WORDS <= set(text.words)


# Words that name a line as the family of its models: "Vexo-Class", "QX Series", "Tessel Range".
_FAMILY_WORDS = frozenset(map(canonical_token, "class series range family".split()))


def _every_model_of_its_years(scope: Involved, profile: Profile) -> bool:
    """Whether the recall involves its lines by model year and names no model of them, neither a
    variant nor a model number ("the 2019-2020 model year Tessel and Tessel Sport bicycles"):
    every model of those lines made in those years, whichever trim ("Tessel 3.0") a listing
    names. The year decides, and a listing that does not give one goes to a person
    (`partial_scope`). Part numbers the notice lists elsewhere (brake sizes, kit codes) name no
    model of the line the sentence involves."""
    return (
        bool(profile.model_years)
        and "year" in scope.subject.lower()
        and not variant_keys(scope.subject)
        and profile.models_by_key.keys().isdisjoint(word_keys(scope.subject))
    )


def _involved(profile: Profile) -> list[Involved]:
    """What the notice's descriptions say the recall involves, one per description that says it."""
    found = (involved(value) for field_name, value, _ in profile.texts if field_name == "other_texts")
    return [scope for scope in found if scope is not None]


def partial_scope(view: ListingView, profile: Profile, identified: bool, by_code: bool) -> str | None:
    """The notice covers only some units, and the listing cannot show which: a person decides.
    `identified`: the listing carries one of the notice's codes, which names the model;
    `by_code`: one that decides whatever the units (a GTIN, a distinctive model number:
    `Policy.judge`), where the note says so rather than that a person checks."""
    if profile.partial_scope:
        covered = "the recall covers only some units (" + ", ".join(profile.partial_scope) + ")"
        if by_code:
            # The code decides (`Policy._by_identifier`): it blocks unless another note says why not.
            return (
                covered
                + "; the listing carries the recall's own code: a unit outside them is the seller's to show"
            )
        return f"{covered}: {_A_PERSON_MUST_CHECK}"
    if profile.model_years and not view.years and not _a_covered_year_written(view, profile):
        covered = ", ".join(map(str, sorted(profile.model_years)))
        return f"the recall covers model years {covered}; the listing does not say its year"
    qualified = None if identified else _every_named_model_qualified(view, profile)
    if qualified is not None:
        return (
            f"the notice names only models of the line with a word of their own ({qualified}); the "
            "listing writes none of them, and the line's plain model may be another product: "
            f"{_A_PERSON_MUST_CHECK}"
        )
    tier = _tier_after_every_model(view, profile)
    if tier is not None:
        return (
            f"the recall covers every model of the line, but never names the {tier!r} the listing "
            f"does: a later model of the line may carry it; {_A_PERSON_MUST_CHECK}"
        )
    inside = None if by_code else _its_number_inside_a_code(view, profile)
    if inside is not None:
        return (
            f"the listing gives the notice's number only inside a code of its own ({inside!r}): the "
            f"recalled model, or another the maker numbers alike; {_A_PERSON_MUST_CHECK}"
        )
    return None


def _its_number_inside_a_code(view: ListingView, profile: Profile) -> str | None:
    """The listing's code, as written, that holds a model number of the notice's or a variant its
    names give ("KB4580" holding "4580", `ListingCode.inside`), when no code of its own gives that
    number whole."""
    for code in view.codes:
        if (
            code.inside
            and (code.key in profile.models_by_key or code.key in _named_variants(profile))
            and not any(other.key == code.key and not other.inside for other in view.codes)
        ):
            return code.written
    return None


def _every_named_model_qualified(view: ListingView, profile: Profile) -> str | None:
    """The words of their own the notice's models of a line carry, printed, when the notice
    enumerates two or more models of a line the listing names by a rare word, each with a word beyond
    the line's, the brand's and the type's ("Tarvo Ripley Jr., Ripley Vent Jr. and Ripley Vent
    helmets"), and the listing writes all of no model's ("Tarvo Ripley helmet"): the line's plain
    model is a sibling the notice leaves out, or a seller's short name for one it covers. Numbers
    are the variants' (`outside_scope` reads them); None where one model is the line's name alone."""
    if not view.rare_words:
        return None
    brands = _brand_words(profile)
    rare = view.rare_words.difference(brands)  # the line's, not the maker's
    named = [(v, t) for f, v, t in profile.texts if f in _LINE_FIELDS and not rare.isdisjoint(t)]
    if not named:
        return None
    plain = _types_of_whole_names(profile) | brands
    enumerated: set[frozenset[str]] = set()
    for value, _ in named:
        models = set()
        for tokens in _items_tokens(value):
            if rare.isdisjoint(tokens):
                continue
            own = frozenset(_words_after_the_line(tokens, rare, plain))
            if not own or own.issubset(view.qualities):
                return None  # the line's own name, or a model the listing names whole
            models.add(own)
        if len(models) >= 2:  # siblings, not one product's names in two fields
            enumerated.update(models)
    return ", ".join(sorted(set().union(*enumerated))) if enumerated else None


@lru_cache(maxsize=16_384)
def _items_tokens(name: str) -> tuple[tuple[str, ...], ...]:
    """The name tokens of each product a name enumerates. Cached: scoring asks it of the names of
    every candidate the listing's rare words meet."""
    return tuple(tuple(name_tokens(item)) for item in _NAME_ITEMS.split(name))


def _words_after_the_line(tokens: tuple[str, ...], rare: frozenset[str], plain: frozenset[str]) -> list[str]:
    """The words that follow the line's rare word in a model's name, up to its type, a number or a
    word that says nothing of which model it is: "Vent Jr." of "Ripley Vent Jr. helmets"."""
    start = next(i for i, t in enumerate(tokens) if t in rare)
    own = []
    for token in tokens[start + 1 :]:
        if token in rare:
            continue
        if not token.isalpha() or token in plain or token in _NOT_A_NAME:
            break
        own.append(token)
    return own


_BRANDING = frozenset({"brand", "branded"})


def _types_of_whole_names(profile: Profile) -> frozenset[str]:
    """The type words of the notice: its titles', and the last word of each product name that is
    not an item of another (an enumeration ends in its type, "… Ripley Vent bicycle helmets"; its
    items' last words are the models' own: "Tarvo Ripley Jr.")."""
    names = [value for field_name, value, _ in profile.texts if field_name == "product_names"]
    words = set(_BRANDING)
    for field_name, value, tokens in profile.texts:
        if field_name == "title":
            words.update(tokens)
        elif field_name == "product_names" and tokens and not any(value != o and value in o for o in names):
            words.add(tokens[-1])
    return frozenset(words)


def _a_covered_year_written(view: ListingView, profile: Profile) -> bool:
    """Whether the title writes one of the notice's model years where `listing_years` does not
    read a model year ("Top Rated 2009 Tarvo Marrow 5 … Bicycles" against the 2009 models): it says the
    year is the notice's, though not where a title states its own."""
    return any(len(t) == 4 and t.isdigit() and int(t) in profile.model_years for t in view.title_sequence)


def _tier_after_every_model(view: ListingView, profile: Profile) -> str | None:
    """A tier word ("Pro", "Max") or a "+" the listing names and the notice never uses, when the
    notice covers every model of the line: the models it knew when it was written, not one the
    maker brought out after it."""
    tiers = [v.written for v in view.variants if _a_tier(v) and v.written not in profile.vocabulary]
    if not tiers and view.unknown:
        tiers = _letters_after_the_line(view, profile)
    if tiers and any(scope.all_models for scope in _involved(profile)):
        return tiers[0]
    return None


def _letters_after_the_line(view: ListingView, profile: Profile) -> list[str]:
    """Short letters no notice uses, right after a word of the notice's ("Vexo CF QZX" against
    "Vexo CF"): a model's suffix, as a tier word is."""
    unknown = {word.token for word in view.unknown}
    sequence = view.title_sequence
    return [
        word
        for before, word in pairwise(sequence)
        if word in unknown and word.isalpha() and 2 <= len(word) <= 4 and before in profile.vocabulary
    ]


# -- what contradicts it -------------------------------------------------------------------------


def _another_model_claimed(
    view: ListingView, profile: Profile, models: ModelEvidence
) -> tuple[str | None, bool]:
    """Why the listing is another model, when it names a model number the notice neither lists
    nor writes in its names ("Model 512X" of "Tarvo Model 512X Trampoline" is the notice's own,
    though its model field gives another code), and carries none the notice lists; and whether
    that number may be the notice's own mistyped rather than another (one typing slip or
    look-alike from one of the notice's: "QX-45801", "QX-45B0" for "QX-4580"; a word run into
    it, "QX4580OEM"), is no model number's shape, or is not in the maker's numbering (a seller's
    own stock code, or one an evader made up): then it only contradicts, and a person looks."""
    if not profile.models or models.strong:
        return None, False
    claims = [*view.model_claims, *_codes_in_its_numbering(view, profile)]
    if not claims:
        return None, False
    named = _named_variants(profile)
    # A number of no maker's numbering gives way to one of the maker's ("Z900" beside "55-1610");
    # a slip of the notice's own number does not: it may be the recalled model mistyped.
    doubtful = None
    for claim in claims:
        key = claim.key
        if key in profile.models_by_key or key in named or key in profile.unit_codes:
            continue
        written = claim.written
        slip = any(
            own in key  # a word run into the notice's code ("QX4580OEM")
            or OSA.distance(_as_digits(key.lower()), _as_digits(own.lower()), score_cutoff=1) <= 1
            for own in (*profile.models_by_key, *named)
            if len(own) >= 3
        )
        if not slip and _code_shaped(written) and _numbered_alike(written, profile):
            return f"listing names model {written!r}, which the recall does not list", False
        if slip:
            doubtful = written
            break
        doubtful = doubtful or written
    # Beside a shared short number it names, only a sure claim counts; an unsure one contradicts.
    if doubtful is None or models.matched:
        return None, False
    return f"listing names model {doubtful!r}, which the recall does not list", True


def _codes_in_its_numbering(view: ListingView, profile: Profile) -> list[ModelClaim]:
    """The listing's codes of digits grouped as the notice's own model numbers are, with the same
    first group ("55-1610" beside "55-1772"): the maker's numbering, a model, though digits alone
    are not read as one (they may be a size or a range)."""
    found = []
    for code in view.codes:
        grouping = _digit_grouping(code.written)
        if grouping is not None and any(_digit_grouping(m.printed) == grouping for m in profile.models):
            found.append(ModelClaim(code.written, code.key))
    return found


_DIGIT_GROUPS = re.compile(r"^\d+(?:-\d+)+$")


@lru_cache(maxsize=16_384)  # a notice's model numbers, read for every code a listing gives
def _digit_grouping(code: str) -> tuple[str, tuple[int, ...]] | None:
    """A code of digits in groups ("55-1772"): its first group, and each group's length; None for
    any other code."""
    if _DIGIT_GROUPS.match(code) is None:
        return None
    groups = code.split("-")
    return groups[0], tuple(len(group) for group in groups)


def _numbered_alike(written: str, profile: Profile) -> bool:
    """Whether a claimed model number is written in the maker's numbering of the notice's models:
    the same letters before its digits ("QT-G310" beside "QT-G200"), or, for numbers opening with
    digits, as many of them ("5130X" beside "5120X"). A seller's own stock code or an evader's
    invented number ("ZX-7731" beside "ZK-2000X") says nothing of which model it is."""
    own = _head(written)
    return any(_head(model.printed) == own for model in profile.models)


@lru_cache(maxsize=16_384)  # a notice's model numbers, read for every code a listing claims
def _head(code: str) -> str:
    """A model number's letters before its first digit, or the count of its leading digits."""
    printed = _literal_key(code)
    letters = len(printed) - len(printed.lstrip(string.ascii_uppercase))
    return printed[:letters] if letters else str(len(printed) - len(printed.lstrip(string.digits)))


# A weight written unit first ("LB50"), a size rather than a model.
_UNIT_FIRST = re.compile(r"^(?:LBS?|KG|OZ)\d+$")
_LETTER_RUN = re.compile(r"[A-Z]{4,}")


def _code_shaped(written: str) -> bool:
    """Whether a claimed model number is written as model numbers are: letters in runs of three at
    most between its digits ("QT-G310", "R4417TQ"), not a word run into a code ("Q7Sports")
    nor a weight ("LB50"). Only such a number says the listing is another model."""
    printed = model_key(fold(written), literal=True)
    return _LETTER_RUN.search(printed) is None and _UNIT_FIRST.match(printed) is None


def _models_qualifier_left_out(view: ListingView, profile: Profile, models: ModelEvidence) -> str | None:
    """Why the listing's model number may name a sibling of the recalled model: the notice's name
    writes the number with a name right after it, which the listing leaves out. The plain number
    is the line's other version as often, or the maker numbers a whole range with it (a person
    looks). The name is a word in capitals ("Tarvo QX01 DISC bicycles"), or, in a name written in
    sentence case, a capitalised word before the name's lower-case words or at its end
    ("Bicycles with KX90 Lindqor seat posts", `_capitalised_as_a_name`). A comma or a stop after
    the number ends the name: "model KX90, Made in …" qualifies nothing."""
    keys = {model.key for model in models.matched.values() if model.distinctive}
    types = _type_words(profile)
    for field_name, value, _ in profile.texts:
        if field_name not in _LINE_FIELDS:
            continue
        printed = value.split()
        for at, (before, word) in enumerate(pairwise(printed)):
            if (
                word.isalpha()
                and len(word) >= 2
                and before[-1:].isalnum()
                and model_key(before) in keys
                and (token := canonical_token(word.lower())) not in view.hits
                and token not in types
                and token not in _NOT_A_NAME
                and (word.isupper() or _capitalised_as_a_name(printed, at + 1, token, profile))
            ):
                return (
                    f"not the model the recall names: {value!r} has {word!r} after {before!r}, the listing "
                    "does not"
                )
    return None


def _capitalised_as_a_name(printed: list[str], at: int, token: str, profile: Profile) -> bool:
    """Whether the capitalised word `printed[at]` of a notice's name is a name of its own: the name
    is written in sentence case (a word of it after the first is in lower case, so capitals mark
    names alone; in title case every word has one), the word ends the name or comes before a
    lower-case word ("Lindqor seat posts", not "Olympic Dumbbell handles"), and it is neither the
    brand's nor a word the notice's descriptions write in lower case."""
    if not printed[at][:1].isupper() or token in _brand_words(profile):
        return False
    rest = printed[at + 1 : at + 2]
    if rest and not (rest[0][:1].islower() and canonical_token(rest[0].lower()) not in STOPWORDS):
        return False
    if not any(w.isalpha() and w.islower() and w not in STOPWORDS for w in printed[1:]):
        return False
    return token not in _descriptions_cases(profile)[0]


def _another_product_identified(
    view: ListingView, profile: Profile, models: ModelEvidence, identified: bool
) -> list[str]:
    """Why the listing's identifiers may name another product than the recalled one: the model
    number it matched a sibling's (a qualifier left out, a tier after it), or a GTIN of its own."""
    found = []
    if models.matched:
        found.append(_models_qualifier_left_out(view, profile, models) if models.strong else None)
        found.append(_tier_after_the_model(view, profile, models))
    if view.gtins and profile.gtins and not identified:
        found.append(_another_gtin(view))
    return [note for note in found if note]


def _a_tier(variant: Variant) -> bool:
    """Whether a listing's variant is a tier word ("Pro", "Max") or a "+": which model of a line,
    after its name or its model number."""
    return variant.written in TIER_WORDS or variant.key == "PLUS"


def _tier_after_the_model(view: ListingView, profile: Profile, models: ModelEvidence) -> str | None:
    """Why the listing's model number may name a sibling of the recalled model: a tier or a "+"
    the notice never uses follows it ("QX-2000 Pro" against "QX-2000"), as it would the line's
    name (`outside_scope`). The number names the line; the tier which of its models."""
    for variant in view.variants:
        if (
            _a_tier(variant)
            and model_key(variant.before, folded=True) in models.matched
            and variant.written not in profile.vocabulary
        ):
            return (
                f"another model of the line: the listing names {variant.written!r} after the notice's model "
                f"number, which the notice never does"
            )
    return None


def contradictions(view: ListingView, profile: Profile, claimed: str | None, other_brand: bool) -> list[str]:
    """What in the listing says it is not the recalled product: another model beside the
    notice's code (`claimed`), an accessory for it, another brand."""
    conflicts: list[str] = [claimed] if claimed else []
    if view.accessory_cue and not _recall_is_accessory(profile, view):
        conflicts.append(f"listing reads as an accessory ({view.accessory_cue!r}), not the product itself")
    if other_brand:
        conflicts.append("listing's brand is not the recall's")
    return conflicts


# Whom a product is made for, by sex: the notice's "Girls' Bicycles" are not the same model's boys'
# frame, nor its "Women's" boots the men's.
_OTHER_SEX = {"boy": "girl", "girl": "boy", "man": "woman", "woman": "man"}


def _for_the_other_sex(view: ListingView, profile: Profile) -> str | None:
    """Why a listing is not the recalled product: its title says it is for boys (or men), not for
    girls too ("for Boys and Girls", "Women's 8 / Men's 6.5"), and the notice's names say theirs
    is for girls (or women) and never, in any of its texts, the other."""
    listed = _sexes_written(view.title_sequence)
    if not listed:
        return None
    named = {
        token
        for field_name, _, tokens in profile.texts
        if field_name in _LINE_FIELDS
        for token in tokens
        if token in _OTHER_SEX
    }
    for sex in listed:
        if _OTHER_SEX[sex] in named and _OTHER_SEX[sex] not in listed and sex not in profile.vocabulary:
            return f"the listing's product is for a {sex}, the notice's for a {_OTHER_SEX[sex]}"
    return None


@lru_cache(maxsize=4096)
def _sexes_written(title: tuple[str, ...]) -> frozenset[str]:
    """Whom a title says its product is for, as the notices' names read the words ("men's",
    "boys'" are "man", "boy"): read once per title, not per candidate."""
    words = (canonical_token(w.removesuffix("'s").rstrip("'")) if "'" in w else w for w in title)
    return frozenset(words) & _OTHER_SEX.keys()


def _recall_is_accessory(profile: Profile, view: ListingView) -> bool:
    """Whether the recalled product is itself the accessory the listing offers: its own name reads
    as an accessory of that kind ("Replacement Parts for …" and "parts for …"; not "Attachment for
    …" and "storage bag for …"), or its product words end in the accessory's noun ("USB chargers"
    and "charger for scooters"), or the words read as an accessory's name hold the recalled
    product's type ("bag sealer for kitchen": a sealer). Not where the listing names that type
    after its "for" ("charger for the <brand> USB charger"): a part for the recalled product."""
    noun, after, cue_words = view.accessory_noun, view.accessory_for, view.accessory_words
    if view.accessory_last and any(noun in tokens for _, _, tokens in profile.texts[:2]):
        # A part a title ends in, against a notice naming that part ("<Brand> Battery Packs", "CO2
        # bicycle tire <line>"): the product the notice recalls.
        return True
    replaced = not _REPLACED.isdisjoint(cue_words)
    for _, value, tokens in profile.texts[:2]:
        own = _notices_accessory(value)
        if own is not None and (noun is None or own[0] is None or noun in own[1]):
            return True
        # The notice recalls replacement parts ("<Line> Pool Drain Cover Replacement"), and the
        # listing sells a replacement named by a word of the notice's: one of them.
        if own is not None and replaced and not _REPLACED.isdisjoint(own[1]) and noun in profile.vocabulary:
            return True
        if tokens and tokens[-1] not in after and (tokens[-1] == noun or tokens[-1] in cue_words):
            return True
    return False


_REPLACED = frozenset({"replacement", "spare"})


@lru_cache(maxsize=16_384)  # a notice's first texts, read for every candidate of a listing with a cue
def _notices_accessory(value: str) -> tuple[str | None, frozenset[str]] | None:
    """What a notice's text reads as an accessory of (`accessory_cue`): its noun and the cue's
    words; None where it reads as none."""
    own = accessory_cue(fold(value))
    return None if own is None else (accessory_noun(own), frozenset(name_tokens(own.group(0))))


# -- verdicts ------------------------------------------------------------------------------------


# How a partial scope's note ends when it asks for a person: the one phrase every such note is
# written with, and that `judge_all` takes off the note of a match it allows.
_A_PERSON_CHECKS = re.compile(rf"[:;] {_A_PERSON_MUST_CHECK}$")

# How the note of a listing naming a notice's brand and type alone ends where the match is not
# allowed: the notice accounts for most of the rest of it (`Policy.type_only_explained`), so it
# names no other model or line, and a person looks (the names never block it); or a GTIN it gives
# is the notice's.
_TYPE_ALONE_JUDGED = (
    ", but the notice accounts for most of the rest of the listing: a person checks whether it is one of them"
)
_TYPE_ALONE_IDENTIFIED = ", but the GTIN it gives is the notice's"


def _type_alone_judged(features: Features, policy: Policy) -> str | None:
    """Why a match the type-only note is on is not allowed, as the note's end; None where nothing
    but the names stands, the note as written."""
    if features.gtin or features.unchecked_gtin:
        return _TYPE_ALONE_IDENTIFIED
    if features.explained >= policy.type_only_explained:
        return _TYPE_ALONE_JUDGED
    return None


def judge_all(
    scored: list[Scored],
    policy: Policy,
    sharing: Callable[[frozenset[str], bool], int] | None = None,
    report_floor: float = 0.0,
) -> None:
    """Give each scored candidate its verdict, once every candidate's words are known: how many
    candidates share a match's words is part of how much those words prove. Only notices that
    apply where the listing ships count against one that does: the same product recalled by
    three regulators is one product to a listing shipped to one of them, not a family of three.
    `sharing(words, applicable)` counts them (`screening` counts them on the word postings when
    only some candidates were scored); by default, among those of `scored`.

    A notice the listing is shown to be outside of (another variant, another model year, another
    firm's product: `Features.outside`, whatever the reason), and whose match is reported
    (`report_floor`: `screening` reports no allowed match below it, and scores none it knows
    would end there), does not count against one whose name the listing gives in full, or whose
    line it names whole (`_line_named_whole`): "Tarvo Rower" shares its words with the "Tarvo
    Rower+" notice, but is not that model, so the words point at the one notice left. A name
    given in part ("Tarvo Neo" of "Tarvo Marlo Neo") stays a family's: its sibling shows it.
    Those shown outside are judged first: their verdicts say which of them are reported."""
    if sharing is None:
        vocabularies = [s.profile.vocabulary for s in scored]
        applicable = [s.profile.vocabulary for s in scored if s.applicable]

        def sharing(words: frozenset[str], applies: bool) -> int:
            among = applicable if applies else vocabularies
            return sum(map(words.issubset, among)) if words else len(among)

    outside = [s for s in scored if s.features.outside]
    for s in outside:
        _judge(s, policy, sharing(s.features.sharing_words, s.applicable))
    rivals = [s for s in outside if s.verdict is not Verdict.ALLOW or s.score >= report_floor]
    for s in scored:
        if s.features.outside:
            continue
        words = s.features.sharing_words
        count = sharing(words, s.applicable)
        if rivals and (
            s.features.text_cov >= policy.strong_name_coverage
            or _line_named_whole(s.profile, s.name_at, s.features.matched, policy)
        ):
            count -= sum(
                1
                for other in rivals
                if (other.applicable or not s.applicable)  # counted as `sharing` counts them
                and words.issubset(other.profile.vocabulary)
            )
        _judge(s, policy, count)


def _name_left_out(s: Scored, most: int = 3) -> list[str]:
    """Up to `most` words of the notice's name the listing matched best that it does not give,
    rarest first. Not the brand's (a name's weights leave them out: the brand has its own
    evidence), nor a letter alone, most often a piece of a hyphened word ("e" of "e-bikes")."""
    if s.name_at < 0:
        return []
    weights = s.profile.weighted_texts[s.name_at][2]
    left = [w for w, weight in weights.items() if weight > 0.0 and len(w) > 1 and w not in s.features.matched]
    return sorted(left, key=weights.__getitem__, reverse=True)[:most]


def _judge(s: Scored, policy: Policy, sharing: int) -> None:
    """Give one scored candidate its verdict, score and notes, `sharing` candidates sharing its words."""
    s.features.sharing = sharing
    s.verdict, value = policy.judge(s.features)
    s.score = round(min(max(value, 0.0), 1.0), 4)
    if s.verdict is Verdict.ALLOW:
        partial = s.features.partial
        if partial:  # the names leave it under review: the scope is told, no person is asked
            s.notes = [_A_PERSON_CHECKS.sub("", n) if n == partial else n for n in s.notes]
        note = policy.allow_note(s.features, value)
    else:
        judged = _type_alone_judged(s.features, policy)
        if judged:
            s.notes = [
                n.removesuffix(_TYPE_ALONE_ALLOWS) + judged if n.endswith(_TYPE_ALONE_ALLOWS) else n
                for n in s.notes
            ]
        if s.verdict is Verdict.REVIEW:
            note = policy.review_note(s.features)
            if note is None and not s.notes:  # no rule, scope or conflict: the evidence fell short
                brands = [name for name, _ in s.profile.brands[:2]]
                note = policy.short_of_a_block(s.features, value, _name_left_out(s), brands)
        else:
            note = policy.block_note(s.features)
    if note:
        s.notes.append(note)
