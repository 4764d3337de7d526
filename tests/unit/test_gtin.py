"""GTIN check digits, canonical GTIN-14s and GTINs found in free text."""

from __future__ import annotations

import pytest
from recall_screen.gtin import canonical, check_digit_ok, find_gtins


@pytest.mark.parametrize(
    "code",
    [
        "96385074",  # EAN-8
        "012345678905",  # UPC-A
        "816153011219",  # CPSC recall 21022's UPC
        "4006381333931",  # EAN-13
        "10012345678902",  # GTIN-14
    ],
)
def test_valid_check_digits(code: str) -> None:
    assert check_digit_ok(code)


@pytest.mark.parametrize(
    "code",
    [
        "012345678904",
        "4006381333932",
        "96385075",
        "1234567",
        "01234567890",
        "abcdefghijkl",
        "",
        "０１２３４５６７８９０５",
    ],
)
def test_invalid_check_digits_and_lengths(code: str) -> None:
    assert not check_digit_ok(code)


def test_canonical_pads_every_length_to_gtin14() -> None:
    assert canonical("96385074") == ("00000096385074", True)
    assert canonical("012345678905") == ("00012345678905", True)
    assert canonical("4006381333931") == ("04006381333931", True)
    assert canonical("10012345678902") == ("10012345678902", True)


def test_canonical_ignores_spaces_dashes_and_dots() -> None:
    assert canonical(" 0 12345 67890 5 ") == ("00012345678905", True)
    assert canonical("4006381-333931") == ("04006381333931", True)
    assert canonical("0.12345.67890.5") == ("00012345678905", True)


def test_eleven_digits_is_a_upc_that_lost_its_leading_zero() -> None:
    # Spreadsheets drop the leading zero of "012345678905".
    assert canonical("12345678905") == ("00012345678905", True)


def test_eleven_digits_failing_the_check_digit_is_kept_unchecked() -> None:
    # Recall 08346 lists 75396312292: padded, it still fails the check digit.
    assert canonical("75396312292") == ("00075396312292", False)


def test_a_check_digit_typo_is_kept_but_not_valid() -> None:
    assert canonical("012345678904") == ("00012345678904", False)


@pytest.mark.parametrize(
    "code", ["", "1234567", "123456789", "123456789012345", "UPC-816153", "12345678905x", "000000000000"]
)
def test_canonical_rejects_what_is_not_a_gtin(code: str) -> None:
    assert canonical(code) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UPC 0 12345 67890 5", [("0 12345 67890 5", "00012345678905", True)]),
        ("EAN: 4006381-333931", [("4006381-333931", "04006381333931", True)]),
        ("barcode 012345678905 on the box", [("012345678905", "00012345678905", True)]),
        ("printed 012345678905 on the box", [("012345678905", "00012345678905", True)]),
        # Real CPSC text (recall 13157): a UPC printed in two groups.
        (
            "The all-black helmets have UPC code 035011 937052 and part number 1009159",
            [("035011 937052", "00035011937052", True)],
        ),
        # Real CPSC text (recall 13107): two UPCs joined by "or".
        (
            "UPC code 687064045552 or 687064042100 is printed",
            [("687064045552", "00687064045552", True), ("687064042100", "00687064042100", True)],
        ),
        ("EAN-8 9638 5074", [("9638 5074", "00000096385074", True)]),
    ],
)
def test_find_gtins_in_common_spellings(text: str, expected: list) -> None:
    assert find_gtins(text) == expected


def test_find_gtins_keeps_cued_typos_as_unchecked() -> None:
    # Real CPSC text (recall 12172): UPCs printed with a digit missing.
    found = find_gtins("UPC codes 68706404210, and 68706404244 are printed on the trampoline")
    assert [(code, valid) for _, code, valid in found] == [
        ("00068706404210", False),
        ("00068706404244", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Call 1-800-449-8691 from 9 a.m. to 5 p.m.",  # phone number
        "(888) 340-4975",
        "sold from 2018-09-11 through 2019-01-06",  # dates
        "serial numbers 1505000 through 1710999",  # 7-digit serial range (recall 18218)
        "model number 1405362",  # 7-digit model
        "part number 7403SXS 03 9072",
        "order 012345678904 is pending",  # 12 digits, no cue, bad check digit
        "+44 20 7946 0958",  # international phone number
        "EAN 20180911",  # an 8-digit date after a cue
        "About 7,100 units (in addition, about 2,500 in Canada)",
    ],
)
def test_find_gtins_ignores_numbers_that_are_not_gtins(text: str) -> None:
    assert find_gtins(text) == []


def test_find_gtins_separates_a_upc_from_a_number_run_into_it() -> None:
    assert find_gtins("UPC 012345678905 2 pack") == [("012345678905", "00012345678905", True)]


def test_find_gtins_reports_each_gtin_once() -> None:
    assert len(find_gtins("UPC 012345678905; also sold as UPC 0 12345 67890 5")) == 1
