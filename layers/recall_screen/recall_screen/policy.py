"""The decision policy: thresholds and weights, as configuration, named by a version.

Every decision carries `policy_version`, a digest of these values, so an auditor can tell which
settings made it, and a change of settings is visible in the decision log.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, model_validator

from recall_screen.models import Verdict

ENV_PREFIX = "RECALL_SCREEN_"
NAME_CEILING = 0.99  # the best a match on names alone can score


@dataclass(slots=True)
class Features:
    """What the matcher found for one listing against one recall: the policy's only input."""

    gtin: bool = False  # a GTIN of the recall, in the listing, valid by its check digit
    unchecked_gtin: bool = False  # the notice's code that fails its check digit, copied digit for digit
    strong_model: bool = False  # a distinctive model number of the recall
    weak_model: bool = False  # a short or all-digit model number, shared across brands
    # The listing names a word of the notice's product, not of its brand, that almost no other
    # notice uses (the line's name, or the maker's when the notice files it under another firm:
    # "Quillon" in "Quillon Scuba Regulators", recalled by the importer).
    rare_name_word: bool = False
    # Such a word of the line, beside the maker's name when that is what the listing names: the
    # maker named is the brand, not the line ("Acme bicycle" names no line of Acme's).
    line_word: bool = False
    # The listing gives every word the name it matched best writes capitalised, as a line's name
    # is written, one of them rare: it names the line whole ("Tarvo Vexo" of "non-certified Vexo
    # brand scooters"), though not what the name says of it (`scoring._line_named_whole`). Read
    # only where the listing names a type of the notice's beside a rare word (`named`).
    line_whole: bool = False
    # The notice names its models (or its line by a rare word), the listing gives none, and the
    # only product words it shares with the notice's names are the product's type: brand and
    # type alone ("Acme treadmill"; "Acme ski helmet" against "Zentro ski helmets").
    type_only: bool = False
    # The notice names no models, and the listing names its brand (a rare one: one maker's) and
    # its product's type: whichever product of that type the maker sold ("Acme kick scooter"
    # against "all Acme kick scooters").
    brand_and_type: bool = False
    # The listing names the maker a notice files under another firm (`notice_names.maker_word`), and
    # less than half of the firm's brand: the maker is the product's own brand, as good as the
    # firm's for grounding a block.
    maker_named: bool = False
    # The notice names a brand the listing does not, and the title opens with a word the notice
    # never uses: where a brand stands, another maker's ("Harrow Vista Steel Food Jar" against
    # "Acme Steel King Food Jars").
    opens_with_another: bool = False
    # The listing's title ends in a product's word the notice never uses (or only in its firm's
    # name, "Tarvo Electric Bikes" recalling trikes), and names none of the notice's types: "Tow
    # Truck Sound Puzzle" against "Tow Truck Sounds Activity Board" is a puzzle
    # (`scoring._another_type`). The word, or None.
    another_type: str | None = None
    name_score: float = 0.0  # how well the names agree, in [0, 1]
    text_cov: float = 0.0  # share of the recall's product words the listing has (rarity-weighted)
    brand_frac: float = 0.0  # share of the recall's brand the listing names
    recall_has_brand: bool = False
    # The notice names no firm and the listing shares with it only its product's type: the words
    # of its product names (its title's, when it gives none), not its own name of the product.
    no_firm_type_only: bool = False
    # The listing names neither the notice's brand nor its maker, nor a model number, and every
    # word it shares with the notice is one the notice's descriptions write in lower case: what
    # the product is ("cordless leaf blowers"), which any maker's product of the kind shows.
    described_only: bool = False
    explained: float = 0.0  # share of the listing's own words the recall accounts for
    mass: float = 0.0  # rarity-weighted evidence behind the name match
    text_mass: float = 0.0  # the part of it from product words (not the brand)
    matched: frozenset[str] = frozenset()  # the recall words found in the listing
    # The type (last word, not a brand's) of the notice's product names or title that the listing
    # names, beside `matched`: what sellers call the product when the line's name matched best
    # ("Tarvo Kolt Hoverboard" against the line "Tarvo Kolt self-balancing scooters" of "…
    # Hoverboards"). Read only where the listing names a rare word of the notice's names.
    named: frozenset[str] = frozenset()
    # How many candidate recalls contain every matched word: 1 means the words single this recall
    # out; many means they describe a family ("Norvale Snowline snowmobiles": several recalls, several
    # model years), which a person should look at rather than a rule block.
    sharing: int = 1
    # The listing names its product in one word and nothing else but sale talk
    # (`ListingView.one_word`).
    one_word: bool = False
    # The words `sharing` counts: those matched, and a rare word of the notice's names the listing
    # gives (`scoring._rare_name_word`).
    sharing_words: frozenset[str] = frozenset()
    conflicts: list[str] = field(default_factory=list)  # what says it is not the recalled product
    # The listing shows it is outside the notice's scope: another model year, another variant of
    # the line. A name match is then allowed; an identifier goes to a person.
    outside: str | None = None
    # The notice covers only some units (serial numbers, batch codes, manufacture dates, model
    # years the listing does not state): a name match goes to a person, never straight to a block.
    partial: str | None = None
    # The notice's brand is a storefront's name and the listing does not name it (nor gives an
    # identifier): the product is its type and specifications. `specs` are those the listing
    # shows ("humanoid", "30 pcs", "button cell"); `other_specs` says where it states another
    # ("60 pcs" against "30 pcs"); `type_named`, whether it names the notice's product type.
    storefront: str | None = None
    specs: tuple[str, ...] = ()
    other_specs: str | None = None
    type_named: bool = False
    spec_share: float = 0.0  # the share of the notice's specifications the listing shows
    spec_weight: int = 0  # how much they weigh (scoring.SpecEvidence.weight)


class Policy(BaseModel):
    model_config = ConfigDict(frozen=True)

    # A name match scoring at least this blocks (when nothing contradicts it)…
    block_threshold: float = Field(default=0.80, ge=0, le=1)
    # …and at least this goes to a reviewer.
    review_threshold: float = Field(default=0.55, ge=0, le=1)
    # The least evidence, in rare-word weight, a name match needs to block or to go to review:
    # a brand alone, or a product type alone, falls short of blocking.
    min_block_mass: float = Field(default=1.6, ge=0)
    min_review_mass: float = Field(default=0.9, ge=0)
    # A name match blocks only when its words single out at most this many recalls.
    max_block_sharing: int = Field(default=2, ge=1)
    # A name match that single-handedly identifies one recall through rare product words earns a
    # bonus (typos and look-alike letters cost score, not identity) when its product-word coverage
    # and evidence reach these.
    strong_name_coverage: float = Field(default=0.75, ge=0, le=1)
    strong_name_mass: float = Field(default=2.5, ge=0)
    strong_name_bonus: float = Field(default=0.2, ge=0, le=1)
    # A notice word this rare (in rarity weight: 0.7 is a word of three notices or fewer) names the
    # product as its brand would, beside a short model number.
    rare_word_weight: float = Field(default=0.7, ge=0, le=1)
    # The first word of a notice's product name that is not its firm's names the maker it is sold
    # under ("Kestrow" in "Kestrow Calder NEO Bicycles", recalled by the maker's parent
    # group) when it is at least this rare (0.35: a word of about twenty notices; a maker recalls
    # more often than a line does, and the product types that open names, "electric", "portable",
    # "baby", are far commoner).
    maker_word_weight: float = Field(default=0.35, ge=0, le=1)
    # A listing naming only the brand and the type of a notice that names its models or its line
    # (none of which the listing gives) is allowed when the notice accounts for less than this
    # share of its words: the rest names another model or line ("Studio Series Q4.18").
    # Where it accounts for more, a person looks: the brand's other models of the type read the
    # same, so the names never block it (`_by_name`).
    type_only_explained: float = Field(default=0.8, ge=0, le=1)
    # A notice naming no firm names its product by type and description alone: a listing it
    # accounts for less than this share of is another maker's product of the type, or a line of
    # its own (`out_of_scope.another_makers`).
    no_firm_explained: float = Field(default=0.5, ge=0, le=1)
    # A name match below the review threshold still goes to a person when the listing names the
    # product's line by a rare word of its own (`Policy._line_named`), scores at least this, and
    # the notice accounts for at least this share of the listing's words.
    line_name_floor: float = Field(default=0.4, ge=0, le=1)
    line_name_explained: float = Field(default=0.5, ge=0, le=1)
    # The floor for a listing that is the line's rare word alone (`Features.one_word`): its one
    # word is a small share of the notice's name, so its name score is low whatever it names.
    one_word_line_floor: float = Field(default=0.2, ge=0, le=1)
    # A short, shared model number with the recall's brand blocks when the product words agree,
    # or when the notice accounts for at least this share of the listing's words.
    weak_model_explained: float = Field(default=0.95, ge=0, le=1)
    # What a short, shared model number ("4340") agreeing with a name match adds to it.
    weak_model_bonus: float = Field(default=0.15, ge=0, le=1)
    # How much of the recall's brand the listing must name for a name match to block on it.
    brand_agreement: float = Field(default=0.8, ge=0, le=1)
    # Or how much of the name it matched (weighted by rarity) when it names no brand: a name
    # opening with its own market name ("Orange Pellora golf swing trainers", filed under the
    # firm that sells it) is named by that name, without the firm (`Policy._named_whole`).
    own_name_coverage: float = Field(default=0.75, ge=0, le=1)
    # How a name score is made: the brand's share of it (the product words have the rest), what a
    # listing with no brand at all keeps of its product-word score (a dropped brand), how much of
    # the score depends on the recall accounting for the listing's own words, and what a listing
    # whose brand field names another firm keeps.
    brand_weight: float = Field(default=0.4, ge=0, le=1)
    dropped_brand_factor: float = Field(default=0.85, ge=0, le=1)
    explained_weight: float = Field(default=0.6, ge=0, le=1)
    other_brand_factor: float = Field(default=0.75, ge=0, le=1)
    # The weight of a listing word no recall uses, in the share of the listing a recall accounts
    # for: it may name another product ("yoga mat") or only describe ("waterproof").
    unknown_word_weight: float = Field(default=0.6, ge=0, le=1)
    # What a title's words after "for" weigh in that share, against the words before it: they say
    # what the product is for ("… for Tile, Grout, Windows"), where sellers pile search words.
    purpose_weight: float = Field(default=0.5, ge=0, le=1)
    # What search words piled onto the end of a title weigh in that share, against the words
    # before them (`scoring.piled_on_weight`): "… Infant Walker Durable Storage Toy Portable Home".
    piled_weight: float = Field(default=0.2, ge=0, le=1)
    # What a listing's rating weighs ("115V", "11,800 BTU": `analysis._a_rating`): it says what the
    # model does, not which it is, so a notice that does not state it is not the less the product;
    # one that states another says so (`out_of_scope._another_rating`). At 0.2 it still held two
    # recalled real titles (a capacity, a noise rating) under the share a block asks.
    rating_weight: float = Field(default=0.0, ge=0, le=1)
    # How much a typo-corrected word counts against an exact one.
    fuzzy_quality: float = Field(default=0.85, ge=0, le=1)
    # A storefront notice's product is its type and specifications: a listing naming its type goes
    # to review when it shows this much of them (a describing word counts 1, a quantity 2, the
    # hazard's object 1), and at least this share of all the notice gives; else it is allowed.
    min_spec_evidence: int = Field(default=2, ge=1)
    min_spec_share: float = Field(default=0.5, ge=0, le=1)
    # How many candidates are scored in full, and how many matches a decision reports: more than
    # max_matches only when the next ones tie the last reported (same verdict, same score), up to
    # max_tied_matches in all. Many notices of one product type (a storefront's bed rails, a
    # family of snowmobiles) can be equally like a listing; which of them is shown must not rest
    # on their order in the index.
    candidate_limit: int = Field(default=12, ge=1)
    candidate_floor: float = Field(default=0.5, ge=0, le=1)  # of the best candidate's evidence
    candidates_always: int = Field(default=5, ge=1)  # scored whatever the floor
    max_matches: int = Field(default=5, ge=1)
    max_tied_matches: int = Field(default=20, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Policy:
        if self.review_threshold > self.block_threshold:
            raise ValueError("review_threshold must not exceed block_threshold")
        return self

    def judge(self, f: Features) -> tuple[Verdict, float]:
        """The verdict one match calls for, and its score in [0, 1]."""
        if f.gtin or f.strong_model or f.unchecked_gtin:
            return self._by_identifier(f)
        named = f.brand_frac >= self.brand_agreement or f.rare_name_word
        if f.weak_model and named and not f.conflicts:
            # A short model number is shared across brands, but not within one: the recall's
            # brand (or its product's own rare name) and its model together name the product
            # ("Acme … D7", "Acme X1"). It blocks when the product words agree too, or when the
            # notice accounts for the listing word for word (sellers often write the brand and the
            # model alone, "Acme D7"); otherwise a person looks.
            agree = f.text_cov >= 0.5 or f.explained >= self.weak_model_explained
            if f.outside:  # another model year, another model of the line: as for names alone
                return Verdict.ALLOW, self.review_threshold - 0.01
            if agree and not f.partial:
                return Verdict.BLOCK, 0.9
            if self._weak_model_alone(f):
                return Verdict.ALLOW, self.review_threshold - 0.01
            return Verdict.REVIEW, 0.75
        if f.storefront is not None:
            return self._by_specs(f)
        verdict, value = self._by_name(f)
        promoted = self._for_a_person(f, verdict, value)
        if promoted:
            verdict, value = Verdict.REVIEW, max(value, self.review_threshold)
        if verdict is Verdict.REVIEW and self._named_whole(f, promoted):
            verdict, value = Verdict.BLOCK, max(value, self.block_threshold)
        if f.outside or (f.type_only and f.explained < self.type_only_explained):
            return Verdict.ALLOW, min(value, self.review_threshold - 0.01)
        if f.partial and verdict is Verdict.BLOCK:
            return Verdict.REVIEW, value
        return verdict, value

    def _for_a_person(self, f: Features, verdict: Verdict, value: float) -> bool:
        """Whether a rare line name, or a rare maker and type, sends to a person what the names'
        score alone allows."""
        return verdict is Verdict.ALLOW and (self._line_named(f, value) or self._brand_and_type(f, value))

    @staticmethod
    def _weak_model_alone(f: Features) -> bool:
        """The short model number and the brand are all the listing shares with the notice: most
        of its words are not the notice's, nor the notice's product words the listing's ("Acme
        Helix Dash E100" against chargers sold with "Acme" scooters "E100", "E200"). Another
        product of the brand that carries the number."""
        return f.explained < 0.5 and f.text_cov < 0.5

    def _line_named(self, f: Features, value: float) -> bool:
        """The listing names the notice's product by a word of its own that almost no other
        notice uses (a line name: "Zorbit", "Broadtrack") and by another of its words (a type, a
        maker), its words single this notice out, nothing says it is another product, and the
        notice accounts for most of the listing: a person looks. A rare word alone is a name a
        whole range may carry ("Acme" recalled for its rechargeable model only); words shared by
        two notices are a family's ("Velmo" in several lines of one maker). A title that opens
        with another maker's name (`Features.opens_with_another`) shares the word by chance."""
        return self._names_a_rare_line_word(f, value) and not f.opens_with_another and f.another_type is None

    def _names_a_rare_line_word(self, f: Features, value: float) -> bool:
        if f.one_word:
            # The line's rare name alone ("Vexomat", "original Vexomat"), not the maker's (a maker's
            # name alone is its whole range): a person looks.
            return f.line_word and f.sharing == 1 and not f.conflicts and value >= self.one_word_line_floor
        return (
            f.rare_name_word
            and len(f.matched | f.named) >= 2
            and f.sharing == 1
            and not f.conflicts
            and value >= self.line_name_floor
            and f.explained >= self.line_name_explained
        )

    def _named_whole(self, f: Features, promoted: bool) -> bool:
        """The listing names the brand (or the maker) and the line by a word of its own that almost
        no other notice uses, and the notice accounts for every word of it: sellers write the brand
        and the market name and leave out the type ("Acme Zorbit 4" for "Zorbit 4 Electric Cargo
        Bikes"). The words single this notice out and nothing says it is another product, nor
        names a type of its own (`Features.another_type`: "Acme Zorbit 4 High Chair"). Where
        the names scored under review and their rare word sent them to a person (`promoted`: a
        long name, "Acme Audio Zorbit (M) Portable Bluetooth Speaker"), the line's word must be
        another than the maker's ("Zorbit bicycle" names the maker and a type). Without a brand,
        most of a name of the product's own does (`_own_name_named`)."""
        line = f.line_word if promoted else f.rare_name_word
        return (
            self.block_threshold <= NAME_CEILING  # a threshold above leaves blocking to identifiers
            and (f.brand_frac >= self.brand_agreement or f.maker_named or self._own_name_named(f))
            and line
            and f.sharing == 1
            and not f.type_only
            and not f.conflicts
            and f.another_type is None
            and f.explained >= self.weak_model_explained
        )

    def _own_name_named(self, f: Features) -> bool:
        """The listing names, without a brand, most of a name whose rare word is the product's own
        (not its maker's): a market name stands for its product as a brand and a line do ("Orange
        Pellora Golf Swing Trainer" for "Orange Pellora golf swing trainers" of "Harlow Golf").
        Or it names such a line whole (`Features.line_whole`) and the type the notice gives its
        product: "Vexo Hoverboard" of "Tarvo Vexo brand self-balancing scooters" in a notice of
        hoverboards, however small a share of that name the line's word is."""
        return (
            (f.text_cov >= self.own_name_coverage or (f.line_whole and bool(f.named)))
            and f.line_word
            and not f.opens_with_another
            and not f.described_only
        )

    def _brand_and_type(self, f: Features, value: float) -> bool:
        """The listing names a rare brand and the type of its notice, which names no models: the
        maker's product of that type, which a person looks at (the notice may cover only some)."""
        return (
            f.brand_and_type
            and f.sharing == 1
            and not f.conflicts
            and value >= self.line_name_floor
            and f.explained >= self.line_name_explained
        )

    def _by_identifier(self, f: Features) -> tuple[Verdict, float]:
        """An identifier blocks, unless something in the listing says it is another product (an
        accessory for it, another brand): then a person decides; or the model year it states is
        not one the notice covers: then it is allowed, with the reason. The notice's
        own misprinted code (failing its check digit), copied digit for digit, identifies the
        product as surely as a model number: no valid code can equal it by chance."""
        score = 1.0 if f.gtin else 0.95 if f.strong_model else 0.9
        if f.outside and not f.gtin:
            # The model year the listing states is not one the notice covers (the only thing
            # `out_of_scope.outside_scope` says of an identified listing): a model number names the
            # line in every year it was made ("QRX450R"), the year says which unit this is.
            return Verdict.ALLOW, min(score - 0.2, self.review_threshold - 0.01)
        if not f.conflicts and not f.outside:
            return Verdict.BLOCK, score
        return Verdict.REVIEW, score - 0.2

    def _by_specs(self, f: Features) -> tuple[Verdict, float]:
        """A storefront notice's product, listed without its storefront's name: the type alone,
        or the type with other specifications, is another product of the same kind (allowed);
        the type with the notice's specifications goes to a person, unless the names alone are
        strong enough to block."""
        verdict, value = self._by_name(f)
        if (
            f.other_specs
            or f.outside
            or f.conflicts
            or not f.type_named
            or f.spec_weight < self.min_spec_evidence
            or f.spec_share < self.min_spec_share
        ):
            return Verdict.ALLOW, min(value, self.review_threshold - 0.01)
        if verdict is Verdict.BLOCK and not f.partial:
            return verdict, value
        return Verdict.REVIEW, max(value, self.review_threshold)

    def _by_name(self, f: Features) -> tuple[Verdict, float]:
        value = f.name_score
        if f.weak_model:  # a short, shared model number agreeing with the name
            value += self.weak_model_bonus
        branded = f.brand_frac >= self.brand_agreement
        if (
            f.sharing == 1
            and f.text_cov >= self.strong_name_coverage
            and f.mass >= self.strong_name_mass
            and (f.brand_frac >= 0.5 or f.text_mass >= self.min_block_mass)
        ):
            value += self.strong_name_bonus
        # Only an identifier scores 1.0: a block threshold of 1.0 leaves blocking to identifiers.
        value = min(value, NAME_CEILING)
        # With the brand dropped, only rare product words can carry a block.
        # The maker a notice files under another firm is the product's brand. A notice naming no
        # firm names its product by type: its type's words alone do not single it out from every
        # product of the type.
        grounded = (
            branded or f.maker_named or (f.mass >= self.min_block_mass and not f.described_only)
        ) and not self._type_of_no_firm(f)
        if (
            value >= self.block_threshold
            and grounded
            and f.sharing <= self.max_block_sharing
            and not f.conflicts
            # The brand (or the maker) and the type alone name none of the models or lines the
            # notice names: every model of the type the brand sells reads the same ("Acme
            # Bassinet" against the notice's "Acme Snuzzo" bassinets), however few notices share
            # the words. Nor does the type alone of a notice filed under its firm, another firm's.
            and not f.type_only
        ):
            return Verdict.BLOCK, value
        if value >= self.review_threshold and (
            f.mass >= self.min_review_mass or (branded and f.text_cov >= 0.5)
        ):
            return Verdict.REVIEW, value
        return Verdict.ALLOW, value

    @staticmethod
    def _type_of_no_firm(f: Features) -> bool:
        """The notice names no firm, and the listing shares with it only its type's words, none
        of them a rare word of its names (a line's): every product of the type shows them."""
        return f.no_firm_type_only and not f.rare_name_word

    def review_note(self, f: Features) -> str | None:
        """Why a match the names alone would allow, or block, goes to a person, for the reasons."""
        if f.gtin or f.strong_model or f.unchecked_gtin or f.weak_model or f.storefront is not None:
            return None
        verdict, value = self._by_name(f)
        if (
            verdict is Verdict.REVIEW
            and value >= self.block_threshold
            and self._type_of_no_firm(f)
            and f.sharing <= self.max_block_sharing
            and not f.conflicts
        ):
            return (
                "the notice names no firm and the listing none of its rarer words: the names agree on "
                "the product's type, which a person checks"
            )
        if (
            verdict is Verdict.REVIEW
            and value >= self.block_threshold
            and f.described_only
            and f.sharing <= self.max_block_sharing
            and not f.conflicts
        ):
            return (
                "the listing names neither the notice's firm nor a model, and shares only the words "
                "the notice describes the product with: any maker's product of the kind may show "
                "them, a person looks"
            )
        if (
            verdict is Verdict.REVIEW
            and value >= self.block_threshold
            and f.sharing > self.max_block_sharing
            and not f.conflicts
        ):
            return (
                f"the words it shares with the notice are shared by {f.sharing} recalls: a person tells "
                "which, if any, it is"
            )
        if verdict is Verdict.ALLOW and self._line_named(f, value):
            return (
                "the listing names the product's line by a word almost no other notice uses, and "
                "nothing in it says it is another product: a person looks"
            )
        if verdict is Verdict.ALLOW and self._brand_and_type(f, value):
            return (
                "the listing names the maker and the product type of a notice that names no models: "
                "it may be the recalled product, a person looks"
            )
        return None

    def short_of_a_block(
        self, f: Features, value: float, left_out: Sequence[str], brands: Sequence[str]
    ) -> str | None:
        """Why a match goes to a person when no rule, scope or conflict says so (no other note):
        its evidence falls short of a block. What it lacks is what the reviewer checks: `left_out`,
        the words of the notice's name it matched best that the listing does not give (rarest
        first), the notice's brand (`brands`, as it writes them), how much of the listing the
        notice accounts for."""
        if f.gtin or f.strong_model or f.unchecked_gtin or f.storefront is not None:
            return None  # an identifier or a storefront's specifications: their own notes say why
        lacks = [f"{', '.join(map(repr, left_out))} of the notice's name"] if left_out else []
        if brands and f.brand_frac < self.brand_agreement and not f.maker_named:
            named = " or ".join(map(repr, brands))
            lacks.append(f"{'all of ' if f.brand_frac > 0 else ''}the notice's brand ({named})")
        gaps = []
        if lacks:
            gives = "the listing gives neither " if len(lacks) > 1 else "the listing does not give "
            gaps.append(gives + " nor ".join(lacks))
        if f.explained < 0.995:  # shown to the percent: 99.5% and over reads as the whole listing
            gaps.append(f"the notice accounts for {f.explained:.0%} of the listing")
        what = f": {'; '.join(gaps)}" if gaps else ""
        if f.weak_model:
            # `judge`'s short-model branch, or a number beside names that do not block: a number
            # many products share, and too few product words agreeing to block on it.
            return f"the listing gives a short model number of the notice's, which other products share{what}"
        if self.block_threshold > NAME_CEILING:
            return f"names alone never block under this policy (a block needs an identifier){what}"
        if value >= self.block_threshold:
            # Scored enough, but `_by_name`'s block asks the brand, the maker or rare words enough
            # (`grounded`); what else stops a block (shared words, conflicts, the type alone) has
            # its own note.
            without = " without the notice's brand or maker" if brands else ""
            return f"the names agree, but the words they share are too common to block on{without}{what}"
        # Every word of the name given, the brand too: the name's words are few or common.
        what = what or ": the words it shares with the notice weigh too little"
        return f"the names agree only in part ({self.block_threshold:.2f} blocks){what}"

    def block_note(self, f: Features) -> str | None:
        """Why a match the names alone would send to a person blocks, for the reasons."""
        if f.gtin or f.strong_model or f.unchecked_gtin or f.weak_model or f.storefront is not None:
            return None
        verdict, value = self._by_name(f)
        promoted = self._for_a_person(f, verdict, value)
        if (verdict is Verdict.REVIEW or promoted) and self._named_whole(f, promoted):
            named = "the brand and " if f.brand_frac >= self.brand_agreement or f.maker_named else ""
            return (
                f"the listing names {named}the product's own name, which almost no other notice "
                "uses, and the notice accounts for every word of it"
            )
        return None

    def allow_note(self, f: Features, value: float) -> str | None:
        """Why a match that scores high is still allowed, for the reasons a reviewer reads."""
        named = f.brand_frac >= self.brand_agreement or f.rare_name_word
        if f.weak_model and named and not f.conflicts and self._weak_model_alone(f):
            return (
                "the listing shares only a short model number and the brand with the notice; most of its "
                "other words are not the notice's: another product of the brand"
            )
        if f.opens_with_another and value < self.review_threshold and self._names_a_rare_line_word(f, value):
            return (
                "the listing shares a word almost no other notice uses, but its title opens with a word "
                "the notice never uses where a brand stands, and does not name the notice's brand: "
                "another maker's product"
            )
        if f.another_type and value < self.review_threshold and self._names_a_rare_line_word(f, value):
            return (
                "the listing shares a word almost no other notice uses, but names its product a "
                f"{f.another_type!r}, a word the notice never uses of its product, and none of its types: "
                "another product"
            )
        if value < self.review_threshold or f.conflicts:
            return None  # low enough to need no word, or the conflicts are noted already
        if f.sharing > self.max_block_sharing:
            return (
                f"the words it shares with the notice are shared by {f.sharing} recalls: too common to act on"
            )
        return "the words it shares with the notice are common ones: too little evidence to act on"

    @cached_property
    def version(self) -> str:
        values = json.dumps(self.model_dump(), sort_keys=True)
        return "policy-" + hashlib.sha256(values.encode()).hexdigest()[:12]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Policy:
        """The policy from `RECALL_SCREEN_<FIELD>` variables (template parameters in AWS)."""
        variables: Mapping[str, str] = os.environ if environ is None else environ
        values = {}
        for name in cls.model_fields:
            raw = variables.get(ENV_PREFIX + name.upper())
            if raw not in (None, ""):
                values[name] = raw
        return cls.model_validate(values)
