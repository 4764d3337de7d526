"""One candidate recall against one analysed listing: the evidence for it (identifiers, then
names, weighted by rarity), what contradicts it, and the features the policy judges. What shows
the listing is another unit, model or product than the notice covers is `out_of_scope`'s; the
readings of the notice's names both use are `notice_names`'.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from recall_screen import jurisdiction
from recall_screen.analysis import (
    NO_OTHER_PRODUCT,
    ListingView,
    ListingWord,
    ModelClaim,
    Variant,
    accessory_cue,
    accessory_noun,
    type_word,
)
from recall_screen.index import RecallIndex
from recall_screen.lexicon import (
    ANY_PRODUCT_WORDS,
    DESCRIBING,
    MARKETING_NOISE,
    SIZE_WORDS,
    STOPWORDS,
    TIER_WORDS,
)
from recall_screen.listing_specs import quantities
from recall_screen.models import Evidence, EvidenceMethod, Verdict
from recall_screen.notice_names import (
    LINE_FIELDS,
    MAKE_UP_WORDS,
    NAMING_FIELDS,
    NOT_A_NAME,
    NOT_A_PRODUCT,
    PEOPLE,
    NameEvidence,
    a_product_word_of_its_own,
    a_style,
    as_digits,
    best_name_tokens,
    coined,
    guessed_elsewhere,
    involved_scopes,
    items_tokens,
    joins_products,
    literal_key,
    maker_word,
    name_ends,
    named_variants,
    names_maker,
    notice_brand_words,
    opens_with_a_lost_model,
    sizes_written,
    the_line_alone_in_a_covered_year,
    type_words,
    types_listed,
    variants_left_out_of_the_name,
)
from recall_screen.out_of_scope import (
    another_makers,
    outside_scope,
    own_maker_before_the_type,
    states_the_generation,
)
from recall_screen.policy import Features, Policy
from recall_screen.profile import (
    ModelNumber,
    Profile,
)
from recall_screen.scope import GENERATION, involved, products_named, years_text
from recall_screen.storefront import listing_objects
from recall_screen.text import (
    canonical_token,
    fold,
    model_key,
    name_tokens,
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
    maker: str | None  # maker_word


def name_parts(view: ListingView, profile: Profile, policy: Policy) -> NameParts:
    text = text_evidence(view.qualities, profile)
    brand = brand_evidence(view.qualities, profile)
    explained = explained_share(view, profile, policy)
    maker = maker_word(text, profile, policy)
    return NameParts(
        text,
        brand,
        explained,
        explained_for_name(view, profile, explained),
        names_another_brand(view, profile, policy, bool(brand.words), maker is not None),
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
    # accessory's words, another brand): a title's "Boys" or "Long" is none of those.
    if other_kind := _the_other_kind(view, profile):
        conflicts.append(other_kind)
    rare_word = _rare_name_word(view, profile, policy) is not None
    # A short model number many products share ("QX4" of "QX4 50, QX4 60 and QX4 65") names no
    # model of the line by itself: where it names the product with the brand or a rare word of
    # its name (`Policy.judge`), the line's variants decide, as they do for names.
    by_name = not (gtin.valid or gtin.unchecked or models.strong) and (
        brand.coverage >= policy.brand_agreement or rare_word
    )
    outside = (
        outside_scope(view, profile, identified and not by_name, text, policy)
        or another_makers(profile, identified, explained, policy)
        or (None if identified else own_maker_before_the_type(view, text, brand, profile, named_anywhere))
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
        frozenset(name_ends(profile).intersection(view.name_words)) - notice_brand_words(profile)
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
        and not opens_with_a_lost_model(view, profile)
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
    if profile.partial_scope == (GENERATION,) and states_the_generation(view, text, profile):
        return None, None  # the listing shows its units are the generation the recall covers
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
        everyone = notice_brand_words(profile)
        if not any(field_name in LINE_FIELDS for field_name, *_ in profile.weighted_texts):
            return None
        return next((t for t in words if t not in everyone), None)
    # Then only a word the name uses qualifies: those of the listing's, found in C (the words
    # are looked up in the name's table), are checked; the brand's words only when one is.
    brand_words: set[str] | None = None
    for position, (field_name, _, items, _) in enumerate(profile.weighted_texts):
        if field_name not in LINE_FIELDS:
            continue
        for t in items.keys() & words:
            if items[t] >= rare or t in here:
                if brand_words is None:
                    brand_words = notice_brand_words(profile)
                if (
                    t not in brand_words
                    and not _the_names_type(t, profile.texts[position][2])
                    and not a_style(t, profile)
                ):
                    return t
    return _designation_named(view, profile, besides) if view.designations else None


def _designation_named(view: ListingView, profile: Profile, besides: str | None) -> str | None:
    """The letters of a line's designation that one of the notice's names writes whole and the
    listing gives whole, apart or run together ("QZ 700" of "QZ 700 Backpack Blowers" in "QZ700"):
    the pair names the line as a rare word does, though neither the letters nor the number alone
    is rare."""
    for field_name, _, tokens in profile.texts:
        if field_name not in LINE_FIELDS:
            continue
        for letters, number in pairwise(tokens):
            if (
                letters != besides
                and (letters, number) in view.designations
                and letters not in notice_brand_words(profile)
            ):
                return letters
    return None


def _the_names_type(word: str, tokens: tuple[str, ...]) -> bool:
    """Whether `word` ends a name of more words than it, as its product's type does ("trike" of
    "Fat Tire Trikes"): a type few notices have is still a type, not the line's name."""
    return len(tokens) > 1 and tokens[-1] == word


def _opens_with_its_maker(text: NameEvidence, profile: Profile, policy: Policy) -> bool:
    """Whether the notice's name the listing matched opens with its maker's name, which the listing
    leaves out: where a notice naming no firm names it ("Quessa Audio Ceiling Speaker Fire Hood")."""
    first = names_maker(text, profile, policy)
    return first is not None and first not in text.words


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
    if not text.words or text.field not in LINE_FIELDS or (profile.models and not _models_hidden(profile)):
        return False
    rare_brand = brand.coverage >= policy.brand_agreement and brand.mass >= policy.rare_word_weight
    if not (rare_brand or maker):
        return False
    tokens = best_name_tokens(text, profile)
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
        and not joins_products(line)
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
    tokens = best_name_tokens(text, profile)
    if not tokens:
        return ()
    if text.field not in NAMING_FIELDS:
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
    types a name lists ("Trampolines, Enclosures": `types_listed`), and names none of the firm:
    another firm's product of the type ("Quorra Hair Colour Shampoo"), which the policy allows
    unless the notice accounts for the listing (a bare re-listing, "Shampoo"). A size the name
    gives ("Tarvo 14-foot trampolines") is shared by any maker's product of the size, and counts
    as the type. A notice with model numbers is `_products_unnamed`'s. The note that says so, or
    None."""
    if not profile.brands or brand.words or maker is not None or text.field not in LINE_FIELDS:
        return None
    tokens = best_name_tokens(text, profile)
    # A line the description gives ends in the type only where the notice's names say so: "Tarvo
    # Kolt" is the brand and a line's name.
    if not tokens or (text.field == "lines" and tokens[-1] not in name_ends(profile)):
        return None
    shared = matched - (_size_words(text.text) - {tokens[-1]})
    if shared != {tokens[-1]} and not (shared and shared <= types_listed(text, profile, policy)):
        return None
    return (
        "the listing shares only the notice's product type and names none of its firm: another "
        "firm's product of the type"
    )


def _brand_and_type_line(text: NameEvidence, tokens: tuple[str, ...], profile: Profile) -> bool:
    """Whether the line the listing matched best is the brand and the type alone ("Tarvo
    harnesses" of "This recall involves Tarvo harnesses sold individually …"): a description's
    loose wording, which names the product no more than the brand and its type do."""
    brand_words = notice_brand_words(profile)
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
    ("Productts") or the notice's (`guessed_elsewhere`)."""
    vocabulary = profile.vocabulary
    for readings in view.title_words:
        if not shared.isdisjoint(readings):
            return False
        if vocabulary.isdisjoint(readings) and (
            readings not in view.guessed or guessed_elsewhere(view, readings, vocabulary) is not None
        ):
            return True
    return False


def _own_name_after_the_brand(
    view: ListingView, shared: set[str], profile: Profile, brand_words: set[str]
) -> bool:
    """Whether the title names a line of its own between the brand and the first word it shares
    with the notice's name, where a line's name stands ("Tarvo Quillet Beach Cruiser"): a word no
    notice uses, one typo repair reads only as other notices' words, or one coined of words this
    notice does not use. Not a word describing the unit, which any notice may use ("Tarvo Vintage
    Cruiser", "Tarvo Womens Cruiser"), nor one after a title naming the product before its brand."""
    vocabulary = profile.vocabulary
    unknown = {word.token for word in view.unknown}
    words = iter(view.title_words)
    for readings in words:
        if not brand_words.isdisjoint(readings):
            break
        if not shared.isdisjoint(readings):
            return False
    for readings in words:
        if not shared.isdisjoint(readings):
            return False
        word = readings[0]
        if not word.isalpha() or word in _NOT_A_LINE or DESCRIBING.search(word):
            continue
        if (
            not unknown.isdisjoint(readings)
            or guessed_elsewhere(view, readings, vocabulary) is not None
            or coined(view, readings, vocabulary) is not None
        ):
            return True
    return False


# Words that say whom the unit is for, what it is like, its size, colour or finish
# (`analysis.NO_OTHER_PRODUCT`), or name nothing: no line's name.
_NOT_A_LINE = NO_OTHER_PRODUCT | NOT_A_NAME


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
    tokens = best_name_tokens(text, profile)
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
    brand_words = notice_brand_words(profile)
    own_after_brand = _own_name_after_the_brand(view, shared, profile, brand_words)
    unnamed: dict[str, None] = {}
    for position, ((field_name, _, weights, _), (_, _, words)) in enumerate(
        zip(profile.weighted_texts, profile.texts, strict=True)
    ):
        if field_name not in LINE_FIELDS:
            continue
        # Another name of the product: it has the words the listing shares with the name it matched
        # ("Zentro ski and snowboard helmets" beside "Ski and Snowboard Helmets"), or that name's
        # type ("Tarvo Moon Six and El Lobo model bicycles" beside "Tarvo Cruiser bicycles"),
        # where the listing's own word stands after the brand, as a line's name does.
        qualifies = position != text.position and (
            a_records_type or shared <= weights.keys() or (tokens[-1] == words[-1] and own_after_brand)
        )
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
    plain = types | notice_brand_words(profile)
    if all(vocabulary.isdisjoint(readings) or set(readings) <= plain for readings in head):
        return 0.0
    piled = set(words[-run:])
    weight = sum([word.weight for word in view.informative if word.readings in piled])
    return weight + sum([word.weight for word in view.unknown if (word.token,) in piled])


def _types_named(view: ListingView, profile: Profile) -> set[str]:
    """The notice's types as the listing names them (`name_ends`), and where a name ends in sale
    talk, which the listing's words leave out ("Helmet and Pads Sets"), the word before it when the
    listing writes the two together ("Pads Sets"): not alone, where it may name another product
    ("Tea Kettle" against "Tea Sets")."""
    types = name_ends(profile)
    pairs = set(pairwise(view.title_sequence))
    types.update(
        tokens[-2]
        for field_name, _, tokens in profile.texts
        if field_name in NAMING_FIELDS
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


def names_another_brand(
    view: ListingView, profile: Profile, policy: Policy, brand_named: bool = False, maker_named: bool = False
) -> bool:
    """The listing's own brand field, the maker its title names ("… by Kellvane"), or the brand
    its title opens with (`ListingView.title_brand`) names another firm: its words may still
    describe the recalled product's type, but not the recalled product. Not the maker after "by"
    where the title names the notice's brand or maker (`brand_named`, `maker_named`): there the
    name after "by" is a designer's, a parent firm's or a licensor's, and writing one may not turn
    the recalled product into another's. Not the brand the title opens with where the title names
    the notice's brand too ("Tarvo Kellor Glide Scooter") or a rare word of its names besides their
    type (the line: "<Store> Glide Kick Scooter", a store's or a licensor's name before it), or
    where the notice's brand runs it into a word of its own ("TarvoKids" of "Tarvo Kids Rain
    Jacket")."""
    if view.brand_tokens:
        brand = view.brand_tokens
    elif view.maker_tokens:
        brand = frozenset() if brand_named or maker_named else view.maker_tokens
    elif (
        brand_named
        or not view.title_brand
        or _runs_into_its_brand(view.title_brand, profile)
        or _names_a_rare_word_besides_the_type(view, profile, policy)
    ):
        return False
    else:
        brand = view.title_brand
    return bool(brand) and bool(profile.brands) and not (brand & profile.vocabulary)


def _names_a_rare_word_besides_the_type(view: ListingView, profile: Profile, policy: Policy) -> bool:
    """Whether the listing names a rare word of the notice's names other than the type they end in
    (a line's: "Glide"; not "kettle" of "<Brand> Tea Kettle", rare as a type may be)."""
    word = _rare_name_word(view, profile, policy)
    if word is not None and word in name_ends(profile):
        word = _rare_name_word(view, profile, policy, besides=word)
    return word is not None and word not in name_ends(profile)


def _runs_into_its_brand(words: frozenset[str], profile: Profile) -> bool:
    """Whether a word of the notice's brands begins with one of `words` ("tarvokids", "tarvo")."""
    return any(word.startswith(part) for _, tokens in profile.brands for word in tokens for part in words)


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


# -- the units the notice covers, and the product it is ------------------------------------------

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
    if not text.words or not the_line_alone_in_a_covered_year(view, profile):
        return None
    left_out = variants_left_out_of_the_name(view, profile, text, policy)
    if left_out is None:
        return None
    return (
        f"the listing names the line in a model year the recall covers, but not the {left_out} of "
        f"{text.text!r}: {_A_PERSON_MUST_CHECK}"
    )


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


@lru_cache(maxsize=4096)
def _size_words(name: str) -> frozenset[str]:
    """The words of a name that give its product's size, its number and unit ("14" and "foot" of
    "Tarvo 14-foot trampolines"): any maker's product of the size shares them. Cached: names
    repeat."""
    return frozenset(token for word, _ in sizes_written(name) for token in name_tokens(word))


def _another_type(view: ListingView, profile: Profile, matched: frozenset[str]) -> str | None:
    """The listing's own type, when its title ends in a word the notice never uses that another
    notice does (a product's word, as `out_of_scope._companion_of_the_type` reads it) and it names none of the
    words the notice's names end in: "Tow Truck Sound Puzzle" against "Tow Truck Sounds Activity
    Board" (ending in "board", titled "… Toys") names a puzzle. A line's rare word it shares with
    the notice is then the line's maker's, or a theme's, on another product."""
    last = type_word(view.type_words[-1])
    if not (
        a_product_word_of_its_own(last, profile, _NOT_A_TYPE) or _the_firms_word_alone(last, view, profile)
    ):
        return None
    return None if matched & name_ends(profile) else last


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


_NOT_A_TYPE = NOT_A_PRODUCT | MAKE_UP_WORDS | frozenset(map(canonical_token, ("range", "line")))


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
        covered = years_text(profile.model_years)
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
            and (code.key in profile.models_by_key or code.key in named_variants(profile))
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
    brands = notice_brand_words(profile)
    rare = view.rare_words.difference(brands)  # the line's, not the maker's
    named = [(v, t) for f, v, t in profile.texts if f in LINE_FIELDS and not rare.isdisjoint(t)]
    if not named:
        return None
    plain = _types_of_whole_names(profile) | brands
    enumerated: set[frozenset[str]] = set()
    for value, _ in named:
        models = set()
        for tokens in items_tokens(value):
            if rare.isdisjoint(tokens):
                continue
            own = frozenset(_words_after_the_line(tokens, rare, plain))
            if not own or own.issubset(view.qualities):
                return None  # the line's own name, or a model the listing names whole
            models.add(own)
        if len(models) >= 2:  # siblings, not one product's names in two fields
            enumerated.update(models)
    return ", ".join(sorted(set().union(*enumerated))) if enumerated else None


def _words_after_the_line(tokens: tuple[str, ...], rare: frozenset[str], plain: frozenset[str]) -> list[str]:
    """The words that follow the line's rare word in a model's name, up to its type, a number or a
    word that says nothing of which model it is: "Vent Jr." of "Ripley Vent Jr. helmets"."""
    start = next(i for i, t in enumerate(tokens) if t in rare)
    own = []
    for token in tokens[start + 1 :]:
        if token in rare:
            continue
        if not token.isalpha() or token in plain or token in NOT_A_NAME:
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
    if tiers and any(scope.all_models for scope in involved_scopes(profile)):
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
    named = named_variants(profile)
    # A number of no maker's numbering gives way to one of the maker's ("Z900" beside "55-1610");
    # a slip of the notice's own number does not: it may be the recalled model mistyped.
    doubtful = None
    owns = [own for own in (*profile.models_by_key, *named) if len(own) >= 3]
    shortened: list[str] = []  # the notice's codes the listing gave without their last letters
    for claim in claims:
        key = claim.key
        if key in profile.models_by_key or key in named or key in profile.unit_codes:
            continue
        written = claim.written
        slip = any(
            own in key  # a word run into the notice's code ("QX4580OEM")
            or OSA.distance(as_digits(key.lower()), as_digits(own.lower()), score_cutoff=1) <= 1
            for own in owns
        )
        # The notice's code without its colour's or market's letters ("KL-2200" of "KL-2200-BK"):
        # it may be the notice's, unless the listing gives that code whole with other letters
        # ("KL2200WH"); another code beside it ("replaces KL-1900") does not say.
        short = not slip and any(own.startswith(key) and own[len(key) :].isalpha() for own in owns)
        if short:
            shortened.append(key)
        sure = not shortened or any(key.startswith(code) for code in shortened)
        if sure and not slip and not short and _code_shaped(written) and _numbered_alike(written, profile):
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
    printed = literal_key(code)
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
    types = type_words(profile)
    for field_name, value, _ in profile.texts:
        if field_name not in LINE_FIELDS:
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
                and token not in NOT_A_NAME
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
    if not printed[at][:1].isupper() or token in notice_brand_words(profile):
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


# Words that say which of two kinds a product is, each with its opposite: whom it is made for (the
# notice's "Girls' Bicycles" are not the same model's boys' frame, nor its "Women's" boots the
# men's), and, of the word they stand before, how long, how hot, where it goes ("Short … Puffer
# Anorak" is not the long coat, a "Hot Water Pressure Washer" not the cold-water one, a "Rear
# Wheel" not the front one).
_OPPOSITES = (("long", "short"), ("hot", "cold"), ("indoor", "outdoor"), ("front", "rear"), ("left", "right"))
_OTHER_KIND = {"boy": "girl", "girl": "boy", "man": "woman", "woman": "man"} | {
    one: other for pair in _OPPOSITES for one, other in (pair, pair[::-1])
}
# Whom the first kinds say a product is for, as a note says it.
_FOR_WHOM = {"boy": "for a boy", "girl": "for a girl", "man": "for a man", "woman": "for a woman"}


def _the_other_kind(view: ListingView, profile: Profile) -> str | None:
    """Why a listing is not the recalled product: its title says it is of one kind (for boys or
    men; long, hot, for the rear, of a word of the notice's names it stands before), not of both
    ("for Boys and Girls", "Women's 8 / Men's 6.5"), and the notice's names say theirs is of the
    other (for girls or women; short, cold, for the front) and never, in any of its texts, the
    listing's. "Long Sleeve", "Long Island" or "Ships in Short Time" say nothing of a coat."""
    listed = _kinds_written(view.title_sequence)
    if not listed:
        return None
    named = {
        token for field_name, _, tokens in profile.texts if field_name in LINE_FIELDS for token in tokens
    }
    # What "long" or "hot" may be said of: the names' words, not whom the product is for ("Short
    # Women", a fit) nor the brand's.
    product_words = named - PEOPLE - notice_brand_words(profile)
    for kind in listed:
        other = _OTHER_KIND[kind]
        if other not in named or other in listed or kind in profile.vocabulary:
            continue
        if kind in _FOR_WHOM:
            return f"the listing's product is {_FOR_WHOM[kind]}, the notice's {_FOR_WHOM[other]}"
        said_of = next(
            (
                after
                for word, after in pairwise(view.title_sequence)
                if word == kind and after in product_words
            ),
            None,
        )
        if said_of is not None:
            return f"the listing says {kind!r} of its {said_of!r}, where the notice's names say {other!r}"
    return None


@lru_cache(maxsize=4096)
def _kinds_written(title: tuple[str, ...]) -> frozenset[str]:
    """Which kinds a title says its product is of, as the notices' names read the words ("men's",
    "boys'" are "man", "boy"): read once per title, not per candidate."""
    words = (canonical_token(w.removesuffix("'s").rstrip("'")) if "'" in w else w for w in title)
    return frozenset(words).intersection(_OTHER_KIND)


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
