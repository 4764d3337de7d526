"""The domain's data: what a regulator recalls, what a seller lists, and what we decide.

These models are the public contract of the API, the batch files and the decision log.
Field names here are the names on the wire; change them only with a compatible path.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from recall_screen.jurisdiction import ISO_COUNTRIES

# Limits on listing fields: a listing is screened on its words, and the decision log keeps
# what was screened, so unbounded fields would be a cost and a denial-of-service lever.
MAX_ID = 200
MAX_TITLE = 1_000
MAX_DESCRIPTION = 10_000
MAX_SHORT = 300

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_SHORT)]
# Identifiers are looked up again later, in a URL path: a control character (C0, DEL, C1), which a
# path cannot carry, would make the listing's history unreadable.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def no_control_characters(value: str | None) -> str | None:
    """A field validator's check: the text, or ValueError when it holds a control character."""
    if value is not None and _CONTROL_CHARACTER.search(value):
        raise ValueError("must not contain control characters (U+0000-U+001F, U+007F-U+009F)")
    return value


class Verdict(StrEnum):
    BLOCK = "block"
    REVIEW = "review"
    ALLOW = "allow"


class Recall(BaseModel):
    """One recall notice, normalised from whatever format the regulator published."""

    model_config = ConfigDict(frozen=True)

    source: str  # the regulator, e.g. "CPSC", "EU Safety Gate"
    recall_id: str  # the regulator's public number (CPSC's RecallNumber)
    title: str
    product_names: list[str] = Field(default_factory=list)
    brands: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)  # model numbers as printed
    gtins: list[str] = Field(default_factory=list)  # valid codes, canonical GTIN-14
    # Codes that fail their check digit: regulators make typos, so these are still matched,
    # digit for digit (a match scores below a valid code's, and is reported as unchecked).
    unchecked_gtins: list[str] = Field(default_factory=list)
    category: str = ""
    hazard: str = ""
    remedy: str = ""
    url: str = ""
    published: str = ""  # ISO date
    # ISO 3166-1 alpha-2 codes where the recall applies; empty means "everywhere the
    # regulator is not known to be limited", which the jurisdiction module resolves.
    jurisdictions: list[str] = Field(default_factory=list)
    # Other wording of the notice worth matching on (the original-language text some
    # regulators quote, a product description); never shown as the title.
    other_texts: list[str] = Field(default_factory=list)
    # The scope the notice states in its own words (recall_screen.scope): the product lines it
    # enumerates, the model years it covers, and qualifiers that cover only some units.
    lines: list[str] = Field(default_factory=list)
    # The names the product is sold under, as the regulator quotes them from it (an EU alert's
    # original wording, item by item: "Grand Tarvo", "Vexo 3 / QX3"): what a seller writes.
    market_names: list[str] = Field(default_factory=list)
    model_years: list[int] = Field(default_factory=list)
    partial_scope: list[str] = Field(default_factory=list)
    # The serial, lot and batch numbers the notice lists one by one, as printed: the units it
    # covers, no model numbers. A listing quoting one is in its scope; quoting another, outside it.
    unit_codes: list[str] = Field(default_factory=list)
    # Why the notice's brand is a marketplace storefront's name rather than the product's identity
    # (recall_screen.storefront); empty when nothing says so. Such a product is matched on its type
    # and specifications.
    storefront: str = ""


class Listing(BaseModel):
    """A marketplace listing as the marketplace sends it."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    listing_id: Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)]
    title: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TITLE)]
    description: Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION)] | None = None
    brand: ShortText | None = None
    model: ShortText | None = None
    gtin: ShortText | None = None
    category: ShortText | None = None
    seller_id: Annotated[str, StringConstraints(max_length=MAX_ID)] | None = None
    ship_to: str | None = Field(default=None, description="ISO 3166-1 alpha-2 destination country")
    price: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    url: Annotated[str, StringConstraints(max_length=2_000)] | None = None
    # The listing's pictures: not screened, but part of what a blocked listing is remembered by
    # (recall_screen.relisting), since a re-lister often keeps the photos and changes the words.
    image_urls: list[Annotated[str, StringConstraints(max_length=2_000)]] | None = Field(
        default=None, max_length=20
    )

    @field_validator("listing_id", "seller_id")
    @classmethod
    def _printable_id(cls, value: str | None) -> str | None:
        return no_control_characters(value)

    @field_validator("price", mode="before")
    @classmethod
    def _not_a_truth_value(cls, value: Any) -> Any:
        # Pydantic reads true as 1.0: a marketplace field mapped wrongly would pass as a price.
        if isinstance(value, bool):
            raise ValueError("must be a number, not true or false")
        return value

    @field_validator("ship_to")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        code = value.strip().upper()
        # One destination country: a group ("EU") or an unknown code would match no regulator's
        # reach and turn every recall into "not applicable".
        if code not in ISO_COUNTRIES:
            raise ValueError("must be the ISO 3166-1 alpha-2 code of the destination country, such as 'US'")
        return "GB" if code == "UK" else code

    def text_fields(self) -> dict[str, str]:
        """The listing's text fields that are screened, by name, skipping empty ones."""
        fields = {
            "title": self.title,
            "brand": self.brand,
            "model": self.model,
            "gtin": self.gtin,
            "description": self.description,
            "category": self.category,
        }
        return {name: value for name, value in fields.items() if value}


# How the matcher found the evidence: a GTIN (its check digit valid, or a misprint copied digit for
# digit), a model number (as printed, re-spaced, or normalised: re-dashed, O for 0, I for 1), or
# the recall's name words in the listing (found as written, or only after correcting a typo), or a
# regulator's category rule whose words and specifications the listing states (`category_rules`).
EvidenceMethod = Literal[
    "gtin",
    "gtin_unchecked",
    "model_exact",
    "model_respaced",
    "model_normalised",
    "name_tokens",
    "name_fuzzy",
    "specification",  # a storefront notice's product: its type's specifications the listing shows
    "category_rule",
    # Not the recall's words but a blocked listing's: the same seller, identifiers or photos as a
    # listing blocked before (recall_screen.relisting); `recall_value` names that listing and decision.
    "relisted_like",
]


class Evidence(BaseModel):
    """Why a listing matched a recall: one listing field against one recall value."""

    field: str  # the listing field, e.g. "title", "model", "gtin"
    value: str  # what the listing said there (the matching part)
    recall_field: str  # e.g. "gtins", "models", "brands", "title"
    recall_value: str
    method: EvidenceMethod
    score: float = Field(ge=0, le=1)


class Match(BaseModel):
    recall_id: str
    source: str
    title: str
    url: str = ""
    hazard: str = ""
    remedy: str = ""
    score: float = Field(ge=0, le=1)
    verdict: Verdict  # what this match alone calls for
    applicable: bool = True  # False when the listing ships outside the regulator's reach
    evidence: list[Evidence] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Decision(BaseModel):
    decision_id: str
    listing_id: str
    decision: Verdict
    matches: list[Match] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    index_version: str
    policy_version: str
    decided_at: str  # ISO 8601, UTC
