"""The listing model (`recall_screen.models.Listing`) against anything a JSON body can hold: it
validates or raises ValidationError, nothing else, and what it accepts can be recorded and asked
for again (a finite price, ids without control characters, text that is valid UTF-8)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from recall_screen.models import Listing

FIELDS = sorted(Listing.model_fields)

ODD_TEXT = st.sampled_from(
    [
        "\x00",
        "L\x00-1",
        "\x1b[31m",
        "\x7f",
        "\x85",
        "\u200b",
        "\ufeff",
        "\ud800",  # a lone surrogate: json.loads gives it, UTF-8 cannot carry it
        "\udfff x",
        "e\u0301",
        "\U0001f600",
        "\u202e",
        " \t\n ",
        "US",
        "uk",
        "-0",
        "1e400",
        "NaN",
        "inf",
    ]
)
HUGE_TEXT = st.builds(lambda char, count: char * count, st.characters(), st.integers(0, 20_000))
DEEP = st.builds(
    lambda depth, leaf, wrap_in_object: _nest(depth, leaf, wrap_in_object),
    st.integers(1, 3_000),
    st.none() | st.text(max_size=3),
    st.booleans(),
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | ODD_TEXT
    | HUGE_TEXT
)
JSON_VALUES = (
    st.recursive(
        SCALARS,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=12,
    )
    | DEEP
)


def _nest(depth: int, leaf: Any, wrap_in_object: bool) -> Any:
    value = leaf
    for _ in range(depth):
        value = {"a": value} if wrap_in_object else [value]
    return value


# Each field absent, plausible (so that whole listings validate, and what is accepted is checked),
# odd, or any JSON value at all; and a couple of fields the model does not know.
PLAUSIBLE = {
    "listing_id": st.text(min_size=1, max_size=20) | ODD_TEXT,
    "title": st.text(min_size=1, max_size=40) | ODD_TEXT,
    "ship_to": st.sampled_from(["US", "uk", "DE", "", None]),
    "price": st.floats(allow_nan=True, allow_infinity=True) | st.integers(-5, 10**400) | ODD_TEXT,
}
HOSTILE = ODD_TEXT | JSON_VALUES


def _field(name: str) -> st.SearchStrategy[Any]:
    """Half the time a plausible value, half the time a hostile one."""
    return st.one_of(PLAUSIBLE.get(name, st.none() | st.text(max_size=30)), HOSTILE)


REQUIRED = ("listing_id", "title")
LISTINGS = st.fixed_dictionaries(
    {name: _field(name) for name in REQUIRED},
    optional={name: _field(name) for name in FIELDS if name not in REQUIRED},
).flatmap(lambda fields: st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=2).map(fields.__or__))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LISTINGS | JSON_VALUES)
def test_any_json_value_validates_or_raises_validation_error(data: Any) -> None:
    try:
        listing = Listing.model_validate(data)
    except ValidationError:
        return
    assert listing.listing_id and listing.title
    for identifier in (listing.listing_id, listing.seller_id or ""):
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in identifier)
    assert listing.price is None or (math.isfinite(listing.price) and listing.price >= 0)
    listing.model_dump_json().encode("utf-8")  # what the decision log records
    listing.text_fields()


@pytest.mark.parametrize(
    "field, value",
    [
        ("listing_id", "L\x00-1"),
        ("listing_id", "L-1\x1b"),
        ("listing_id", "L\x9b1"),
        ("seller_id", "S\x00"),
        ("seller_id", "S\x7f"),
        ("price", math.inf),
        ("price", -math.inf),
        ("price", math.nan),
        ("price", 1e400),
        ("price", "Infinity"),
        ("price", True),  # a truth value mapped to the price field is not a price of 1
        ("price", False),
    ],
)
def test_control_characters_in_ids_and_prices_not_finite_numbers_are_refused(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        Listing.model_validate({"listing_id": "L-1", "title": "Widget", field: value})
    assert [error["loc"] for error in raised.value.errors()] == [(field,)]


def test_text_may_still_hold_tabs_and_newlines() -> None:
    listing = Listing.model_validate({"listing_id": "L-1", "title": "Widget", "description": "a\tb\nc"})
    assert listing.description == "a\tb\nc"
