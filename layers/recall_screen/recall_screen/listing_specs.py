"""Specifications a listing (or a notice) states in its own words: sizes ("5mm", "5 mm", "0.2 in",
'1/4"', "1.5 cm", "5x5x5mm"), piece counts ("216 pcs", "216pcs", "set of 216", "lot of 50"), and
quantities in any unit as printed ("30 pcs", "1500W", "8 oz").

Category rules (`category_rules`) compare sizes and counts with a regulator's thresholds; a
storefront notice's product (`storefront`) is compared by its quantities. The readings are
deliberately narrow: a number is a size only with a unit after it, and a bare "in" only after a
decimal or a fraction or at the end of a phrase ("0.2 in", '1/4 in'), since "3 in stock" and
"5 in 1" are no sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from recall_screen.text import fold

MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4}
_UNIT_WORDS = {
    "mm": "mm", "millimeter": "mm", "millimeters": "mm", "millimetre": "mm", "millimetres": "mm",
    "cm": "cm", "centimeter": "cm", "centimeters": "cm", "centimetre": "cm", "centimetres": "cm",
    "in": "in", "inch": "in", "inches": "in", '"': "in", "''": "in",
}  # fmt: skip
# Read before folding: the multiplication sign and the double prime fold to nothing.
_BEFORE_FOLD = str.maketrans({"×": "x", "″": '"', "“": '"', "”": '"'})

_NUMBER = r"\d+(?:[.,]\d{1,3})?(?:\s*/\s*\d{1,2})?|\d+\s+\d/\d{1,2}"
_SIZE = re.compile(
    rf"(?<!\d)(?<!\d[.,/])(?P<dims>(?:(?:{_NUMBER})\s*[x*]\s*){{0,2}})(?P<number>{_NUMBER})\s*"
    r"(?P<unit>millimet(?:er|re)s?|centimet(?:er|re)s?|inch(?:es)?|mm|cm|in\b\.?|''|\")"
    r"(?=(?P<after>\s*\S?))"
)
_PIECES = re.compile(
    r"(?<!\d)(?<!\d[.,])(?P<count>\d{1,3}(?:,\d{3})+|\d{1,6})\s*-?\s*(?:pcs|pc|pieces|piece|pk|ct|count)\b"
    r"|\b(?:set|lot|pack|box|bag|case)\s+of\s+(?P<of>\d{1,3}(?:,\d{3})+|\d{1,6})\b"
)


@dataclass(frozen=True)
class Size:
    mm: float
    printed: str  # as the listing wrote it (folded)


@dataclass(frozen=True)
class Pieces:
    count: int
    printed: str


def _number(text: str) -> float | None:
    text = " ".join(text.split())
    try:
        if " " in text and "/" in text:  # "1 1/4"
            whole, fraction = text.split(" ", 1)
            return float(int(whole) + Fraction(fraction.replace(" ", "")))
        if "/" in text:
            return float(Fraction(text.replace(" ", "")))
        return float(text.replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return None


def _folded(text: str) -> str:
    return fold(text.translate(_BEFORE_FOLD))


def read_sizes(text: str) -> list[Size]:
    """Every size the text states, in millimetres (each dimension of "5x5x5mm" once)."""
    sizes: list[Size] = []
    for m in _SIZE.finditer(_folded(text)):
        unit = _UNIT_WORDS.get(m.group("unit").rstrip("."))
        number = m.group("number")
        if unit is None:
            continue
        if unit == "in" and m.group("unit").startswith("in") and not m.group("unit").startswith("inch"):
            # A bare "in" is a size only after a decimal or fraction, or ending the phrase.
            after = m.group("after").strip()
            if not re.search(r"[./]", number) and after[:1].isalnum():
                continue
        numbers = [number, *re.split(r"\s*[x*]\s*", m.group("dims").strip())]
        printed = m.group(0).rstrip().rstrip(",;:)(").strip()
        for raw in numbers:
            value = _number(raw) if raw.strip() else None
            if value is not None and value > 0:
                sizes.append(Size(round(value * MM_PER_UNIT[unit], 2), printed))
    return sizes


def read_pieces(text: str) -> list[Pieces]:
    """Every piece count the text states ("216 pcs", "216pcs", "set of 216")."""
    out: list[Pieces] = []
    for m in _PIECES.finditer(_folded(text)):
        raw = m.group("count") or m.group("of")
        count = int(raw.replace(",", ""))
        if count > 0:
            out.append(Pieces(count, m.group(0).strip()))
    return out


# Units a notice and a listing print quantities in, by the unit they are compared in.
UNIT_OF = {
    **dict.fromkeys(("pcs", "pc", "piece", "pieces", "count", "ct", "pack", "pk"), "pcs"),
    **dict.fromkeys(("mm",), "mm"),
    **dict.fromkeys(("cm",), "cm"),
    **dict.fromkeys(("in", "inch", "inches"), "in"),
    **dict.fromkeys(("ft", "feet", "foot"), "ft"),
    **dict.fromkeys(("oz", "ounce", "ounces"), "oz"),
    **dict.fromkeys(("ml",), "ml"),
    **dict.fromkeys(("l", "liter", "liters", "litre", "litres"), "l"),
    **dict.fromkeys(("w", "watt", "watts"), "w"),
    **dict.fromkeys(("v", "volt", "volts"), "v"),
    **dict.fromkeys(("mah",), "mah"),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), "lb"),
    **dict.fromkeys(("kg",), "kg"),
}
QUANTITY = re.compile(
    r"(?<![a-z0-9.])(\d{1,5}(?:\.\d{1,2})?)\s*-?\s*("
    + "|".join(sorted(UNIT_OF, key=len, reverse=True))
    + r")\b"
)


# The units of a rating that names a product's version (volts, watts, mAh), as a note writes them.
RATINGS = {"v": "V", "w": "W", "mah": "mAh"}


@lru_cache(maxsize=4096)
def quantities(folded: str) -> frozenset[tuple[str, str]]:
    """(unit, value) of the quantities a folded text states, to compare as printed: "30 pcs",
    "5mm", "216 pieces", "set of 30", "1500W", "2 oz" (the value without trailing zeros)."""
    out = {("pcs", str(p.count)) for p in read_pieces(folded)}
    for value, unit in QUANTITY.findall(folded):
        number = value.rstrip("0").rstrip(".") if "." in value else value.lstrip("0") or "0"
        out.add((UNIT_OF[unit], number))
    return frozenset(out)
