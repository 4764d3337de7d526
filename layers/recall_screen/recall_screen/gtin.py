"""GTINs (UPC-A, EAN-13, EAN-8, GTIN-14): check digits, the canonical GTIN-14 form, and the codes
printed inside free text.

Everything here is deliberately conservative: a number in a notice is a GTIN only when its length
fits and either a cue word ("UPC", "EAN", "GTIN", "barcode") introduces it or its check digit
holds. Dates, phone numbers, serial ranges and short model numbers must never come out as GTINs.
"""

from __future__ import annotations

import re

GTIN_LENGTHS = frozenset({8, 12, 13, 14})
_SEPARATORS = re.compile(r"[\s\-.]")


def check_digit_ok(digits: str) -> bool:
    """True when `digits` is a GTIN-8/12/13/14 whose last digit is the GS1 mod-10 check digit."""
    if len(digits) not in GTIN_LENGTHS or not digits.isascii() or not digits.isdigit():
        return False
    body, check = digits[:-1], int(digits[-1])
    # Weights 3,1,3,1… from the right of the body, whatever the length.
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def canonical(code: str) -> tuple[str, bool] | None:
    """(GTIN-14, check digit valid) for a code as printed, or None when it is not a GTIN at all.

    Spaces, dashes and dots are ignored. An 11-digit code is a UPC-A that lost its leading zero
    (spreadsheets do that): it is padded to 12 and returned even when the check digit then fails,
    flagged as not valid. A code of zeros only is a placeholder, not a GTIN.
    """
    digits = _SEPARATORS.sub("", code or "")
    if not digits.isascii() or not digits.isdigit():
        return None
    if len(digits) == 11:
        digits = "0" + digits
    if len(digits) not in GTIN_LENGTHS or not digits.strip("0"):
        return None
    return digits.zfill(14), check_digit_ok(digits)


# Words that announce a barcode number. "EAN-13" and "UPC-A" are cues too (their own digits are
# not taken as a code because a group must not follow a letter or a dash).
_CUE = re.compile(
    r"\b(?:upc|ean|gtin|jan|barcode|bar[ -]code|código de barras|code[ -]barres?|strichcode)"
    r"(?:[- ]?(?:a|e|8|12|13|14))?s?\b",
    re.IGNORECASE,
)
# What may stand between a cue (or a previous code of the same list) and the next code.
_FILLER = re.compile(
    r"(?:[\s:#.,;()/&*-]|\b(?:codes?|numbers?|nos?|n°|nr|is|are|and|or|printed|label(?:ed|led)?|of)\b)*",
    re.IGNORECASE,
)
# A digit group: digits, possibly split by single spaces, dashes or dots ("0 12345 67890 5",
# "4006381-333931"), not glued to letters, dashes or slashes (model numbers, dates "01/06").
_GROUP = re.compile(r"(?<![\w\-/.])\d+(?:[ \-.]\d+)*(?![\w/])(?!-\w)(?!\.\d)")
# How a barcode's digits are printed when there is no cue to vouch for it.
_LAYOUTS = frozenset({(12,), (13,), (14,), (1, 5, 5, 1), (1, 6, 6), (6, 6), (7, 6), (1, 6, 5, 1)})
# Eight digits of one group (single spaces, dashes or dots between them): every code is at least
# that long, so a text without them (most notices) is not searched for groups and cues at all.
_EIGHT_DIGITS = re.compile(r"\d(?:[ \-.]?\d){7}")


def find_gtins(text: str) -> list[tuple[str, str, bool]]:
    """GTIN-looking codes in free text: (as printed, GTIN-14, check digit valid), in order, each
    GTIN once.

    With a cue word before it (or in a list after one), a group of 8, 11, 12, 13 or 14 digits is
    taken even when its check digit fails (reported as not valid). Without a cue, only 12 to 14
    digits printed as one number or in a barcode layout, and only with a valid check digit.
    """
    if not text or not _EIGHT_DIGITS.search(text):
        return []
    out: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    list_end = -1  # end of the last cue or cued code: a list continues from there
    for m in _GROUP.finditer(text):
        start = m.start()
        cued = False
        if list_end >= 0 and _FILLER.fullmatch(text, list_end, start):
            cued = True
        else:
            window_start = max(0, start - 60)
            for cue in _CUE.finditer(text, window_start, start):
                if _FILLER.fullmatch(text, cue.end(), start):
                    cued = True
                    break
        found = _take(m.group(0), cued)
        if found:
            list_end = m.end()
            for printed, code, valid in found:
                if code not in seen:
                    seen.add(code)
                    out.append((printed, code, valid))
        elif not cued:
            list_end = -1
    return out


_GROUP_SEPARATOR = re.compile(r"[ \-.]")


def _take(printed: str, cued: bool) -> list[tuple[str, str, bool]]:
    pieces = _GROUP_SEPARATOR.split(printed)
    whole = _judge(printed, "".join(pieces), tuple(len(p) for p in pieces), cued)
    if (whole and whole[2]) or len(pieces) == 1:
        return [whole] if whole else []
    # The group as a whole is not a valid code: perhaps a model number or a quantity ran into a
    # UPC ("4340 012345678905", "012345678905 2 pack"). A piece that is a valid code wins.
    parts = [j for piece in pieces if (j := _judge(piece, piece, (len(piece),), cued))]
    if any(valid for _, _, valid in parts):
        return [p for p in parts if p[2]]
    return [whole] if whole else parts


def _judge(printed: str, digits: str, layout: tuple[int, ...], cued: bool) -> tuple[str, str, bool] | None:
    n = len(digits)
    if cued:
        if n not in (8, 11, 12, 13, 14):
            return None
    elif n not in (12, 13, 14) or layout not in _LAYOUTS:
        return None
    canon = canonical(digits)
    if canon is None:
        return None
    code, valid = canon
    # Uncued codes and 8-digit ones (dates look like them) must prove themselves.
    if not valid and (not cued or n == 8):
        return None
    if n == 8 and (layout not in ((8,), (4, 4)) or _looks_like_date(digits)):
        return None
    return printed, code, valid


def _looks_like_date(digits: str) -> bool:
    """An 8-digit number that reads as YYYYMMDD, DDMMYYYY or MMDDYYYY."""

    def ok(year: str, month: str, day: str) -> bool:
        return 1900 <= int(year) <= 2099 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31

    return (
        ok(digits[:4], digits[4:6], digits[6:])
        or ok(digits[4:], digits[2:4], digits[:2])
        or ok(digits[4:], digits[:2], digits[2:4])
    )
