"""Model numbers in the free text of recall notices.

A token is a model number when it mixes letters and digits (RCS304BV2, KY-055, QM-SB20) and is
not a size, a quantity or a description ("12V", "3.5mm", "4-in-1", "6-Piece", "CR2032"), or when a
cue introduces it ("model 4340", "models 1017, 1517 and 5317", "Item # ACTGEAR-238BTS"). Lists run
on through commas, "and", "or" and slashes, never across ordinary words. Numbers that are scope
rather than identifiers are left out: serial, lot and batch numbers, ranges ("1505000 through
1710999"), standards ("ASTM F963"), postal codes, phone numbers and years.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, compress
from typing import NamedTuple

from recall_screen.lexicon import (
    MODEL_CUE_HEADS,
    MODEL_PLACEHOLDERS,
    NUMBER_WORDS,
    SHORT_UNITS,
    TRADEMARK_SIGNS,
    UNIT_CODE_HEADS,
    UNIT_WORDS,
    UNITS,
    WEAK_CUE_HEADS,
    alternation,
    is_generic_code,
    measure_like,
)
from recall_screen.text import CharMap, model_key

# A token: letters and digits, with inner dashes and dots ("KY-055", "R2.5", "8524-14"), or a
# number with thousands separators ("7,100"), which is a quantity.
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d])|[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")
_TOKEN_OR_GAP = re.compile(f"({_TOKEN.pattern})")
_TLDS = frozenset(
    {"com", "net", "org", "gov", "edu", "co", "us", "ca", "uk", "de", "fr", "eu", "au", "nz", "io"}
)
# Trademark signs become spaces ("RCS304™BV" is two words); typographic quotes and dashes become
# ASCII ones, which the token and list rules read.
# Invisible marks (zero-width spaces, the marks that set the text's direction) go.
_MARK_TABLE = {**dict.fromkeys(TRADEMARK_SIGNS, " "), "’": "'", "‘": "'", "“": '"', "”": '"',
               "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ",
               **dict.fromkeys("\u200b\u200c\u200d\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                               "\u2066\u2067\u2068\u2069", "")}  # fmt: skip
_MARKS = str.maketrans(_MARK_TABLE)  # for short values (a model field's parts)
_TEXT_MARKS = CharMap(_MARK_TABLE)  # for a notice's text: the same, faster outside ASCII

# A number followed by a unit is a size or a rating, not a model: "12V", "3.5mm", "20oz", "700C";
# a short unit counts only after a small number ("2T", "24h"; "445T" is a treadmill).
# An "x" after a small number is a multiplier or a magnification ("2x", "10X"); after three digits
# or more it ends a model's number ("Tarvo 3000X", "512X").
_SIZE = re.compile(
    rf"^(?:\d+(?:[.,]\d+)?(?:{alternation(UNITS - {'x'})})|\d{{1,2}}(?:{alternation(SHORT_UNITS | {'x'})}))$",
    re.IGNORECASE,
)
_DIMENSION = re.compile(r"^\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)+[a-z]*$", re.IGNORECASE)
# "29er" is a size too: a bicycle by its wheels, as "2nd" is an ordinal and "90s" a decade.
_ORDINAL_DECADE_TIME = re.compile(r"^\d+(?:st|nd|rd|th|s|er|am|pm)$", re.IGNORECASE)
# Brands with digits ("K2", "Super73") are not models either; the parsers, which know the brands,
# drop them.

# The cue words themselves (heads such as "model", "item no.") are in `lexicon`, beside the
# listing's. Words that may stand between a cue and its list ("models included in the recall are"):
_CUE_FILLERS = {
    "is", "are", "include", "includes", "including", "included", "in", "the", "this", "recall", "of", "as",
    "follows", "listed", "below", "affected", "involved", "recalled", "were", "was", "with", "such"
}  # fmt: skip
# Words after which the listed numbers are scope or something else, never models.
_CUE_LEADS = {"is", "are", "include", "includes", "including", "follows", "below", "were", "was", "such"}
_NEGATIVE_HEADS = UNIT_CODE_HEADS | {
    "upc", "upcs", "ean", "gtin", "barcode", "vin", "phone", "telephone", "tel", "fax", "call", "release",
    "astm", "cfr", "iso", "iec", "ansi", "bs", "din", "size", "sizes", "box", "suite", "zip", "dc", "d.c",
    "year", "years", "production", "manufactured", "manufacture", "manufacturing", "produced", "between"
}  # fmt: skip
_STANDARD_HEADS = {"en", "ul", "csa", "nfpa", "cpsia", "sor"}
# Column names of the tables CPSC notices flatten into text.
_TABLE_COLUMNS = {
    "model", "models", "number", "numbers", "no", "description", "year", "date", "code", "codes", "item",
    "sku", "style", "color", "colour", "size", "name", "type", "upc", "serial", "range", "units", "product",
}  # fmt: skip  # negative only when followed by digits
_NEG_FILLERS = NUMBER_WORDS | {
    "range", "ranges", "dates", "date", "in", "of", "the", "is", "are", "with", "beginning", "begins",
    "starting", "starts", "ending", "ends", "higher", "lower", "greater", "less", "than", "above", "below",
    "through", "thru", "to", "and", "or", "between", "from", "prior", "after", "before", "until", "up",
    "printed", "on", "label", "#", "that", "which", "begin", "start", "end", "included", "include",
    "includes", "affected", "recalled", "recall", "involved", "listed", "as", "follows"
}  # fmt: skip
_LIST_WORDS = {"and", "or", "&"}
_RANGE_WORDS = {"through", "thru", "to", "until", "till", "-"}
_SCOPE_BEFORE = {"than", "above", "below", "over", "under", "after", "before"}
# The words without digits that the scope pass acts on.
_SCOPE_WORDS = frozenset({"between", *_SCOPE_BEFORE, *_NEGATIVE_HEADS, *_STANDARD_HEADS})
_LIST_GAP = re.compile(r"\s*(?:[,;/&]\s*)?(?:\(\s*)?|\s*\)\s*(?:[,;/&]\s*)?")
_CUE_GAP = re.compile(r"\s*[:#.]?\s*(?:#\s*)?[:]?\s*(?:\(\s*)?")


# The whitespace-separated chunks that may be an address: only those with a ".", "@" or ":" can
# be one (a domain, an e-mail, a scheme), and not as their last character alone ("bicycles.",
# "No.", "models:" are no address however `_blank_address` reads them), so the others are never
# handed to Python. The match is the whole chunk either way, found in one backtrack over it.
_ADDRESS_LIKE = re.compile(r"(?<!\S)\S*[.@:]\S+")


# A chunk the pattern matches holds one of its marks before another character that is no space.
_ADDRESS_HINT = re.compile(r"[.@:]\S")


def _prepare(text: str) -> str:
    text = html.unescape(html.unescape(text or ""))
    if not text.isascii():  # every mark the table changes is outside ASCII
        text = _TEXT_MARKS(text)
    if not text.isprintable():  # a space other than " " (a tab, a line feed, U+2003)
        return _ADDRESS_LIKE.sub(_blank_address, text)
    # The only space is " " (every other one is unprintable): the chunks `_ADDRESS_LIKE` matches
    # are those around a hint, cut at the spaces before and after it. The pattern tried at each
    # word was a tenth of the model scanner's time; the hints are a few a text.
    pieces: list[str] = []
    done = 0
    for found in _ADDRESS_HINT.finditer(text):
        at = found.start()
        if at < done:
            continue  # in the chunk just read
        start = text.rfind(" ", 0, at) + 1
        end = text.find(" ", at)
        end = len(text) if end < 0 else end
        pieces += (text[done:start], _blank_chunk(text[start:end]))
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _blank_address(m: re.Match[str]) -> str:
    return _blank_chunk(m.group(0))


def _blank_chunk(chunk: str) -> str:
    """A URL, e-mail address or domain name ("www.x.com", "ride.lezyne.com/recall", "Run4.co") is
    blanked out: its digits are not model numbers. Plain string tests keep this linear."""
    low = chunk.lower().strip("()[]<>\"',;:.!?")
    if low.startswith(("http://", "https://", "www.")) or ("@" in low and "." in low.rpartition("@")[2]):
        return " " * len(chunk)
    host = low.split("/", 1)[0]
    labels = host.split(".")
    if len(labels) >= 2 and labels[-1] in _TLDS and all(label and _is_label(label) for label in labels):
        return " " * len(chunk)
    return chunk


def _is_label(label: str) -> bool:
    return all(ch.isalnum() or ch == "-" for ch in label)


# Tokens repeat across a file's notices and are tested again and again: each is tested once.
@lru_cache(maxsize=65_536)
def _has_digit(s: str) -> bool:
    return any(ch.isdigit() for ch in s)


@lru_cache(maxsize=65_536)
def _has_alpha(s: str) -> bool:
    return any(ch.isalpha() for ch in s)


def _series_letters(part: str) -> bool:
    """A dash-separated part that is a maker's series letters: two to four capitals, no word and
    no rating's current or connector."""
    return 2 <= len(part) <= 4 and part.isalpha() and part.isupper() and part not in _RATING_LETTERS


_RATING_LETTERS = frozenset(
    "AC DC USB LED UV IP IPX PD QC HD RMS MAX RGB ARGB PWM SLA COB NEMA AWG SJTW SJT SPT UL ETL CE".split()
)


def _is_word_part(part: str) -> bool:
    """A dash-separated part that reads as an ordinary word ("Piece", "in", "Wheel", "KESTROW")."""
    if not part.isalpha():
        return False
    if part.islower() or (part[0].isupper() and part[1:].islower() and len(part) >= 2):
        return True
    return part.isupper() and len(part) >= 5


_VANITY_PHONE = re.compile(r"(?:1-)?8\d\d(?:-\d{3})?-[A-Za-z]+")
_SERIAL_PATTERN = re.compile(r"\dX{2,}$")
_MODEL_YEAR_CODE = re.compile(r"MY\d{2}(?:\d{2})?(?:-\d{2}(?:\d{2})?)?", re.IGNORECASE)
_COUNT_AND_WORD = re.compile(r"\d{1,2}-[A-Za-z]{3,}")
_MULTIPLIER_OR_GLUED = re.compile(r"x\d{1,2}|\d+[a-z]{3,}")
_RANK = re.compile(r"no\.?\d+", re.IGNORECASE)
_DIGIT_GROUPS = re.compile(r"\d+(?:-\d+)*")


@lru_cache(maxsize=65_536)
def is_junk(token: str) -> bool:
    """A letters-and-digits token that is not a model: a size, rating, quantity, ordinal, time,
    description ("4-in-1", "6-Piece") or technology name ("MP3", "CR2032")."""
    t = token.strip(".-")
    if not t:
        return True
    if _SIZE.match(t) or _DIMENSION.match(t) or _ORDINAL_DECADE_TIME.match(t) or is_generic_code(t):
        return True
    parts = t.split("-")
    if len(parts) > 1:
        # A maker's letters before the size ("DX-3W", "VP-6S") make it a model's number, not the
        # size: a rating's current or connector ("DC-12V", "USB-5V") does not.
        if any(_SIZE.match(p) or _DIMENSION.match(p) for p in parts) and not any(
            (_has_alpha(p) and _has_digit(p) and not _SIZE.match(p)) or _series_letters(p) for p in parts
        ):
            return True  # "3.5-mm", "12-Volt"-like
        mixed = any(_has_alpha(p) and _has_digit(p) for p in parts)
        alpha = [p for p in parts if p.isalpha()]
        if not mixed and alpha and all(_is_word_part(p) for p in alpha):
            return True  # "6-Piece", "4-in-1", "Glide-1", "800-KESTROW", "COVID-19"
        if not mixed and _VANITY_PHONE.fullmatch(t):
            return True  # vanity phone numbers
    if (
        len(parts) > 1
        and parts[-1].lower() in UNIT_WORDS
        and model_key(parts[-2]).isdigit()
        and not any(_has_alpha(p) and _has_digit(p) for p in parts[:-2])
    ):
        # "l2-inch" (a number as typed, `model_key` reading the l as 1); not a code's suffix that
        # spells a unit ("KH1-ML", "AK1500-W"), nor one after a series code of letters and digits
        # ("QR5-300-L": the fuel's or colour's letters). Letters alone before the number may name
        # a battery or a rating in free text ("MAX-20-V", "DC-12-V"); in a model field they are
        # the model's (`_CODE_WITH_LETTERS_AFTER` there).
        return True
    if _SERIAL_PATTERN.search(t) or _MODEL_YEAR_CODE.fullmatch(t):
        return True  # "80XXX": a serial pattern; "MY21", "MY21-24": model years
    if _COUNT_AND_WORD.fullmatch(t):
        return True  # "6-PORT", "4-WAY": a count and a word
    # "x2" (a multiplier), "2021and" (a missing space), "No.9" (a rank)
    return bool(_MULTIPLIER_OR_GLUED.fullmatch(t) or _RANK.fullmatch(t))


def _is_mixed(token: str) -> bool:
    return _has_alpha(token) and _has_digit(token) and not is_junk(token)


def _is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1950 <= int(s) <= 2035


def _is_cue_number(t: str) -> bool:
    """An all-digit model number after a cue: 2 to 14 digits, maybe dash-grouped ("8524-14")."""
    if not _DIGIT_GROUPS.fullmatch(t) or "," in t:
        return False
    digits = t.replace("-", "")
    return 2 <= len(digits) <= 14 and not _is_year(t)


def _shape(token: str) -> tuple[bool, bool, bool]:
    """The rough shape of a code: starts with a digit, ends with a digit, has a dash."""
    return token[:1].isdigit(), token[-1:].isdigit(), "-" in token


def _is_glued_range(token: str) -> bool:
    """Two codes of one shape joined by a dash: "CTB100000-CTB101618", "08AUG000001-08AUG000360"."""
    parts = token.split("-")
    if len(parts) != 2 or parts[0] == parts[1] or len(parts[0]) != len(parts[1]) or len(parts[0]) < 5:
        return False
    a, b = parts
    prefix = next((i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y), len(a))
    return prefix >= 2 and _has_digit(a) and re.sub(r"\d", "9", a) == re.sub(r"\d", "9", b)


# A number and one capital ("3D", "2T"): a size or a unit in free text, a model after a cue.
_NUMBER_AND_CAPITAL = re.compile(r"\d{1,2}[A-Z]")
# The capitals of a rating, a size or a standard after a number: volts, watts, amps, a network's
# generation, a screen's thousands, a toddler's size, a video's lines, hours, seconds, litres,
# metres or months or megapixels, a magnification or a plus size, degrees or a connector.
_UNIT_CAPITALS = frozenset("VWAGKTPHSLMXC")
# What a slash lists after a model ending in letters: other endings of its stem ("R/RX/RWE").
_ENDING = re.compile(r"[A-Z]{1,4}")


class _Scanner:
    """One pass of the rules over a text's tokens. The tokens are kept as parallel lists (their
    text, lower-cased text, whether they hold a digit) with the text between each token and the
    next (`gaps[i]`, from one `re.split`): every rule reads only neighbouring tokens, so no token
    object and no slicing of the text is needed."""

    def __init__(self, text: str) -> None:
        # One split gives the text between tokens and the tokens themselves, alternately:
        # [before the first token, token 0, between 0 and 1, token 1, ..., after the last].
        parts = _TOKEN_OR_GAP.split(_prepare(text))
        self.texts: list[str] = parts[1::2]
        self.gaps: list[str] = parts[2::2]  # gaps[i]: between token i and token i + 1
        # Tokens hold ASCII letters, digits, ",", "." and "-": lower case maps each alike alone or
        # joined (by a character no token holds).
        self.lows: list[str] = "\x00".join(self.texts).lower().split("\x00") if self.texts else []
        self.digit: list[bool] = [not t.isalpha() and _has_digit(t) for t in self.texts]
        self.excluded: set[int] = set()
        self.accepted: dict[int, str] = {}
        self.listed: list[int] = []  # the codes a list of serial, lot or batch numbers gives one by one

    # -- helpers -------------------------------------------------------------------------------
    def list_gap(self, i: int) -> bool:
        """Tokens i and i+1 are separated like items of one list (comma, slash, space, quotes)."""
        gap = self.gaps[i]
        if gap == " ":
            return True
        return bool(_LIST_GAP.fullmatch(gap.replace('"', " ").replace("'", " ")))

    def unit_follows(self, i: int) -> bool:
        if i + 1 >= len(self.texts):
            return False
        return self.gaps[i] in (" ", "-", "") and self.lows[i + 1] in UNIT_WORDS

    def range_after(self, i: int) -> int | None:
        """Index of the far end when token i opens a range ("X through Y", "X - Y")."""
        n = len(self.texts)
        if i + 1 < n:
            gap = self.gaps[i]
            if gap != "-" and gap.strip() == "-" and self.digit[i + 1]:
                return i + 1
            if (
                self.lows[i + 1] in _RANGE_WORDS
                and i + 2 < n
                and gap.strip() in ("", ",")
                and self.digit[i + 2]
            ):
                return i + 2
        return None

    # -- passes --------------------------------------------------------------------------------
    def numbers(self) -> Iterator[int]:
        """The positions of the tokens with a digit, in order (picked in C)."""
        return compress(range(len(self.digit)), self.digit)

    def mark_scope(self) -> None:
        texts, lows, digit, n = self.texts, self.lows, self.digit, len(self.texts)
        # Only the tokens with a digit and the scope words are acted on; each marks exclusions
        # alone (none reads them), so the two kinds are taken one after the other.
        present = _SCOPE_WORDS.intersection(lows)
        words = [i for i, low in enumerate(lows) if low in present] if present else []
        for i in chain(words, self.numbers()):
            if not digit[i]:
                low = lows[i]
                if low == "between":
                    if i + 3 < n and lows[i + 2] == "and" and digit[i + 1] and digit[i + 3]:
                        self.excluded.update((i + 1, i + 3))
                elif low in _SCOPE_BEFORE and i + 1 < n and digit[i + 1]:
                    self.excluded.add(i + 1)
                if (
                    low in _NEGATIVE_HEADS
                    or (low in _STANDARD_HEADS and i + 1 < n and texts[i + 1][:1].isdigit())
                ) and not self.in_table_header(i):
                    self.exclude_list(i + 1, self.listed if low in UNIT_CODE_HEADS else None)
                continue
            end = self.range_after(i)
            if end is not None:
                self.excluded.update((i, end))
            text = texts[i]
            if "-" in text and _is_glued_range(text):
                self.excluded.add(i)  # "CTB100000-CTB101618"
            if text.isdigit() and self.unit_follows(i):
                self.excluded.add(i)

    def in_table_header(self, i: int) -> bool:
        """Token i is one column name in a flattened table header ("YEAR MODEL MODEL NUMBER SERIAL
        NUMBER 2004MX Z 800 HO …"): the values that follow are rows, whose first cell belongs to
        the first column, not to this one."""
        if i == 0 or self.gaps[i - 1] != " ":
            return False
        return self.lows[i - 1] in _TABLE_COLUMNS and self.texts[i - 1].isupper() and self.texts[i].isupper()

    def exclude_list(self, j: int, listed: list[int] | None = None) -> None:
        """Exclude the codes listed from token j on (after a negative head and its fillers); those
        given one by one, not as a range's ends, go into `listed` too."""
        texts, lows, digit, n = self.texts, self.lows, self.digit, len(self.texts)
        skipped = 0
        while j < n and not digit[j] and lows[j] in _NEG_FILLERS and skipped < 8:
            j += 1
            skipped += 1
        prev = None
        shape = None
        linked = False  # the previous word was a range word ("through"): the next end is in scope
        while j < n:
            if prev is not None and not self.list_gap(prev):
                if not (self.gaps[prev].strip() in ("-",) and digit[j]):
                    break
                linked = True
            if digit[j]:
                # A list of serial or batch numbers keeps one shape; a different one (a model
                # after "batch 9B-0414, CL100-A") ends it, unless the list quotes each item.
                quoted = prev is not None and '"' in self.gaps[prev]
                if shape is not None and not linked and not quoted and _shape(texts[j]) != shape:
                    break
                shape = shape or _shape(texts[j])
                if (
                    listed is not None
                    and not linked
                    and self.range_after(j) is None
                    and not _is_glued_range(texts[j])
                ):
                    listed.append(j)
                linked = False
                self.excluded.add(j)
            elif lows[j] in _RANGE_WORDS:
                linked = True
            elif lows[j] not in _LIST_WORDS:
                break
            prev = j
            j += 1

    def cue_end(self, i: int) -> int | None:
        """When a cue starts at token i, the index of the first token after it."""
        lows, n = self.lows, len(self.texts)
        head = lows[i]
        if head not in MODEL_CUE_HEADS:
            return None
        j = i + 1
        numbered = False
        while j < n and lows[j] in NUMBER_WORDS and _CUE_GAP.fullmatch(self.gaps[j - 1]):
            numbered = True
            j += 1
        if j >= n:
            return None
        gap = self.gaps[j - 1]
        if "#" in gap:
            numbered = True
        if head in WEAK_CUE_HEADS and not numbered:
            return None
        if not _CUE_GAP.fullmatch(gap):
            return None
        skipped = 0
        while j < n and lows[j] in _CUE_FILLERS and skipped < 5:
            j += 1
            skipped += 1
        # "models in 24 colors" is not a list; "model numbers included in the recall are 333502" is.
        if skipped and lows[j - 1] not in _CUE_LEADS:
            return None
        return j if j < n else None

    def is_mixed(self, i: int) -> bool:
        return self.digit[i] and _is_mixed(self.texts[i])

    def cue_item(self, j: int) -> tuple[int, str] | None:
        """A model at token j of a cue list: (last token index, printed form)."""
        texts, n = self.texts, len(self.texts)
        text = texts[j]
        if j in self.excluded:
            return None
        if self.is_mixed(j):
            return j, text
        if self.digit[j] and _is_cue_number(text) and not self.unit_follows(j):
            return j, text
        if _NUMBER_AND_CAPITAL.fullmatch(text) and self.names_one_model(j):
            return j, text  # "model 4D.": the cue's, though "4D" alone reads as a size
        # "model FS 310": a short capital prefix spaced from its number.
        if (
            text.isalpha()
            and text.isupper()
            and len(text) <= 3
            and j + 1 < n
            and self.gaps[j] == " "
            and texts[j + 1].isdigit()
            and 2 <= len(texts[j + 1]) <= 6
            and not self.unit_follows(j + 1)
        ):
            return j + 1, f"{text} {texts[j + 1]}"
        return None

    def names_one_model(self, j: int) -> bool:
        """Whether the number and capital at token j is what a "model" cue names, ending its clause
        ("model 4D.", "model 4D, sold …"): not a rating, a size or a network's letter ("12V",
        "4K", "5G", "2T"), nor a word's number before the noun it counts ("model 3D puzzle")."""
        gap = self.gaps[j].strip() if j < len(self.gaps) else ""
        return (
            j > 0
            and self.lows[j - 1] == "model"
            and self.texts[j][-1] not in _UNIT_CAPITALS
            and (j + 1 >= len(self.texts) or gap[:1] in (".", ",", ";", ")", '"'))
        )

    def read_cues(self) -> None:
        texts, lows, n = self.texts, self.lows, len(self.texts)
        if MODEL_CUE_HEADS.isdisjoint(lows):
            return  # most texts name no cue
        for i in range(n):
            if lows[i] not in MODEL_CUE_HEADS:
                continue
            j = self.cue_end(i)
            if j is None:
                continue
            while j < n:
                item = self.cue_item(j)
                if item is None:
                    break
                last, printed = item
                self.accepted.setdefault(j, printed)
                j = last + 1
                if j >= n or not self.list_gap(last):
                    break
                if texts[j].isdigit() and not self.gaps[last].strip():
                    break  # "part number 7403SXS 03 9072": a spaced code, not a list
                if lows[j] in _LIST_WORDS:
                    if j + 1 >= n or not self.list_gap(j):
                        break
                    j += 1

    def read_mixed(self) -> None:
        for i in self.numbers():
            if i not in self.excluded and i not in self.accepted and _is_mixed(self.texts[i]):
                self.accepted[i] = self.texts[i]

    def propagate_lists(self) -> None:
        """All-digit items in a list of mixed model numbers ("7300, 7300WSD, and 7500")."""
        if not any(_has_alpha(self.texts[k]) for k in self.accepted):
            return  # no list can hold a mixed model number
        texts, lows, digit, n = self.texts, self.lows, self.digit, len(self.texts)
        gaps = [gap.strip() for gap in self.gaps]
        i = 0
        while i < n:
            run = [i]
            j = i
            while j + 1 < n:
                gap = gaps[j]
                if gap and gap in ",;/&" and digit[j + 1]:
                    run.append(j + 1)
                    j += 1
                elif (
                    gap in ("", ",")
                    and lows[j + 1] in _LIST_WORDS
                    and j + 2 < n
                    and gaps[j + 1] == ""
                    and digit[j + 2]
                ):
                    run.append(j + 2)
                    j += 2
                else:
                    break
            if len(run) > 1 and any(k in self.accepted and _has_alpha(texts[k]) for k in run):
                for k in run:
                    t = texts[k]
                    if (
                        k not in self.excluded
                        and t.isdigit()
                        and 3 <= len(t) <= 8
                        and not _is_year(t)
                        and not self.unit_follows(k)
                    ):
                        self.accepted.setdefault(k, t)
            i = j + 1

    def run(self) -> list[str]:
        self.mark_scope()
        self.read_cues()
        self.read_mixed()
        self.propagate_lists()
        self.expand_suffixes()
        self.accept_twins()
        out: list[str] = []
        seen: set[str] = set()
        for _, printed in sorted(self.accepted.items()):
            key = model_key(printed, literal=True)
            if key and key not in seen:
                seen.add(key)
                out.append(printed)
        return out

    def accept_twins(self) -> None:
        """ "TH-1500-W (white) and TH-1500-G (grey)": codes whose last letters may spell a unit ("W",
        watts; "L", litres) are models where the text gives the same code with other letters too:
        the colours or fuels of one model, whatever "MAX-20-V" alone would be."""
        twins: dict[str, set[int]] = {}
        for i, text in enumerate(self.texts):
            if i not in self.excluded and _CODE_WITH_LETTERS_AFTER.match(text):
                twins.setdefault(text.rsplit("-", 1)[0].upper(), set()).add(i)
        for places in twins.values():
            if len({self.texts[i].upper() for i in places}) > 1:
                self.accepted.update((i, self.texts[i]) for i in places if i not in self.accepted)

    def expand_suffixes(self) -> None:
        """ "QRX250R/RX/RWE": a model ending in letters, then other endings after slashes, is the
        model and each ending on its stem (QRX250RX, QRX250RWE)."""
        texts, gaps, n = self.texts, self.gaps, len(self.texts)
        for i, printed in list(self.accepted.items()):
            stem = printed.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            if stem == printed or not _has_digit(stem):
                continue
            j = i
            while (
                j + 1 < n
                and gaps[j] == "/"
                and _ENDING.fullmatch(texts[j + 1])
                and j + 1 not in self.accepted
            ):
                j += 1
                self.accepted[j] = stem + texts[j]

    def scope_only(self) -> set[str]:
        """Keys of codes that appear only in non-model roles (ranges, serial/lot lists, postal
        codes); after `run`. Most texts exclude no code: then there is none, and no token is keyed."""
        accepted, excluded, texts, digit = self.accepted, self.excluded, self.texts, self.digit
        scope: set[str] = set()
        for i in excluded:
            if digit[i] and i not in accepted:
                text = texts[i]
                scope.add(model_key(text, literal=True))
                if "-" in text:  # the parts of an excluded "9G-0114" (some extractors split on dashes)
                    scope.update(model_key(p, literal=True) for p in text.split("-") if _has_digit(p))
        if scope:  # a key that also stands as a model elsewhere in the text is a model's
            models = (i for i in self.numbers() if i in accepted or i not in excluded)
            scope.difference_update(model_key(texts[i], literal=True) for i in models)
        return scope

    def unit_codes(self) -> list[str]:
        """The serial, lot and batch numbers the text lists one by one (not a range's ends, no
        model number), as printed, de-duplicated; after `run`."""
        accepted = {model_key(printed, literal=True) for printed in self.accepted.values()}
        found = (self.texts[i] for i in self.listed if i not in self.accepted)
        return list(dict.fromkeys(code for code in found if model_key(code, literal=True) not in accepted))


# Every model the scanner accepts, and every scope code it excludes, is or holds a token with an
# ASCII digit ("model FS 310" too: its number). A text that holds none, and no entity that could
# decode to one ("&#49;"), gives neither: about half of the notices' descriptions, not scanned.
# `_prepare` maps marks to no digit either.
if any(ch in "0123456789" for new in _MARK_TABLE.values() for ch in new):  # pragma: no cover
    raise RuntimeError("a mark maps to a digit: the scanner's digit-free fast path must go")


def _digit_free(text: str) -> bool:
    return "&" not in text and not any(map(text.__contains__, "0123456789"))


def extract_models(text: str) -> list[str]:
    """Model numbers in free text, as printed, de-duplicated, in order of appearance."""
    if not text or not text.strip() or _digit_free(text):
        return []
    return _Scanner(text).run()


def scope_only_codes(text: str) -> set[str]:
    """Model keys of the codes that the text uses only as scope: range ends, serial, lot or batch
    numbers, postal codes, standards. A curated model field that lists one of them (some feeds'
    extractors did) is not trusted on it."""
    return models_and_scope(text)[1]


def models_and_scope(text: str) -> tuple[list[str], set[str]]:
    """`extract_models(text)` and `scope_only_codes(text)` from one reading of the text."""
    codes = read_codes(text)
    return codes.models, codes.scope_only


class TextCodes(NamedTuple):
    """What one reading of a notice's text gives: its model numbers (`extract_models`), the keys
    of the codes it uses only as scope (`scope_only_codes`), and of those, the serial, lot and
    batch numbers it lists one by one, as printed (the units it covers, which a listing may quote)."""

    models: list[str]
    scope_only: set[str]
    unit_codes: list[str]


def read_codes(text: str) -> TextCodes:
    """Model numbers, scope-only codes and listed unit codes, from one reading of the text."""
    if not text or not text.strip() or _digit_free(text):
        return TextCodes([], set(), [])
    scanner = _Scanner(text)
    models = scanner.run()
    return TextCodes(models, scanner.scope_only(), scanner.unit_codes())


_MODEL_LABEL = re.compile(
    r"^(?:models?|item|style|sku|part)\s*(?:numbers?|nos?\.?|#)?\s*[:#.]?\s*", re.IGNORECASE
)
# The labels EU and UK records print ("Type: KT-88", "Type/number of model: HT-3", "Ref. QT-12",
# "Art. no. 700412", "Art.Nr. 700412"), with their stop, colon or number word: "Type 2" is a model.
# Taken off only before a code (`_LABELLED_CODE`): "Type: A", "Art. 10" or "Typ: 2000W" is no
# model number without its label, and an empty field would leave the notice no model at all.
_RECORD_LABEL = re.compile(
    r"^(?:type\s*/\s*number\s+of\s+model|type|typ|ref|reference|r[ée]f[ée]rence|art|article)"
    r"(?=\s*[.:#]|\s*(?:numbers?|nos?|nr)\b)(?:\s*\.|\s*(?:numbers?|nos?|nr)\b\.?)*\s*[:#]?\s*",
    re.IGNORECASE,
)
_LABELLED_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9][\w./ -]*$")


# Where a model field's list breaks besides its separators: a line break or an HTML one, and "and",
# "or" or "&" before an item ("7FT5655, 7FT5455, and 7FT5515", "LM-300 or LM-400").
_FIELD_BREAK = re.compile(r"<br\s*/?>|[\r\n]+|(?:^|\s+)(?:and|or|&)\s+", re.IGNORECASE)
# A model number's shape, to tell a list written with spaces ("EF-100 EF-200") from one model
# number re-spaced ("KT 440", "Q5 Plus"): letters and digits, or four digits and more.
_CODE_SHAPED = re.compile(r"^(?=[\w./-]*\d)(?:(?=[\w./-]*[^\W\d_])[\w./-]{3,}|\d{4,})$")


def _field_items(value: str, split: str) -> Iterator[str]:
    """A model field's items: split at its separators and breaks (`_FIELD_BREAK`), and a run of
    code-shaped words apart ("EF-100 EF-200")."""
    text = html.unescape(value)
    if not text.isascii():  # full-width letters and digits ("ＫＴ－４４０") are the ASCII ones
        text = unicodedata.normalize("NFKC", text)
    for part in re.split("[" + re.escape(split) + "]", _FIELD_BREAK.sub(split[0], text)):
        words = part.split()
        if len(words) > 1 and all(_CODE_SHAPED.match(word) for word in words):
            yield from words
        else:
            yield part


# A number no quantity is written as, with a unit's letters after it: a leading zero ("047P"), or
# five digits or more and one letter ("31702M"), not a watt ("10000W") nor a capacity or rating of
# more letters ("20000mAh", "10000lm"). In a model field it is a model, though a size's shape; not
# a serial pattern ("07XXX").
_NUMBERED_AS_A_CODE = re.compile(r"^(?:0\d+[A-Za-z]{1,3}|\d{5,}(?![Ww])[A-Za-z])$")


# A serial, lot or batch label: in a model field, it opens a list of unit codes, no models ("DV-3012;
# batch 2304, 2305": `listed_unit_codes` reads them, `clean_model_field` leaves them out).
_UNIT_WORD = re.compile(rf"\b(?:{alternation(UNIT_CODE_HEADS)})\b", re.IGNORECASE)
# The label opening an item: standing alone ("batch 2304", "S/N: 41"), not a model's letters ("SN-200").
_UNIT_LABEL = re.compile(rf"(?:{alternation(UNIT_CODE_HEADS)})(?=[\s:#.]|$)", re.IGNORECASE)


def listed_unit_codes(values: Iterable[str]) -> list[str]:
    """The unit codes texts list after a serial, lot or batch label (`TextCodes.unit_codes`): a
    model field's, a description not otherwise read; read only where such a label is written."""
    text = ", ".join(values)
    return read_codes(text).unit_codes if _UNIT_WORD.search(text) else []


def _without_record_label(part: str) -> str:
    """A model field's item without an EU or UK record's label, where a code follows it: letters
    and digits of three or more, no size, rating or year (`_RECORD_LABEL`)."""
    labelled = _RECORD_LABEL.match(part)
    if labelled is None:
        return part
    code = part[labelled.end() :].strip()
    key = model_key(code, literal=True)
    if (
        len(key) >= 3
        and _LABELLED_CODE.match(code) is not None
        and not measure_like(code.lower())
        and not (key.isdigit() and len(key) == 4 and key[:2] in ("19", "20"))
    ):
        return code
    return part


# A maker's letters (in one group or more), a number and letters after it, hyphened: a model
# number with its colour's or fuel's letters, though they may spell a unit ("PH-1500-W",
# "SV-2200-WH", "KL-SH-1500-W"), not a size, in a field of models (`clean_model_field`) or in text
# beside its twin with other letters (`_Scanner.accept_twins`: "TH-1500-W", "TH-1500-G").
_CODE_WITH_LETTERS_AFTER = re.compile(r"^(?:[A-Za-z][A-Za-z0-9]*-)+\d+-[A-Za-z]{1,3}$")


def clean_model_field(values: Iterable[str], *, split: str = ",;|") -> list[str]:
    """Model numbers from a field meant to hold them: split on the given separators and on what
    else breaks a list (`_field_items`), trimmed, with placeholders ("unknown", "-", "n/a"), sizes
    and descriptions dropped and a leading "Model" / "Model No." / "#" label removed. All-digit
    numbers are kept: the field says they are models."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        units = False  # after "batch", "lot", "serial": the units' codes, up to a model's label
        for part in _field_items(value, split):
            part = part.translate(_MARKS).strip().strip("\"'").strip()
            if _UNIT_LABEL.match(part):
                units = True
            elif _MODEL_LABEL.match(part) is not None:
                units = False
            if units:
                continue
            part = _MODEL_LABEL.sub("", part).strip()
            part = _without_record_label(part)
            part = part.lstrip("#").strip()
            if part.lower() in MODEL_PLACEHOLDERS or len(part) > 60:
                continue
            key = model_key(part, literal=True)
            if len(key) < 2 or key in seen:
                continue
            if (
                _has_alpha(part)
                and _has_digit(part)
                and is_junk(part)
                and not is_generic_code(part)
                and not (_NUMBERED_AS_A_CODE.match(part) and not _SERIAL_PATTERN.search(part))
                and not _CODE_WITH_LETTERS_AFTER.match(part)
            ):
                continue
            if not _has_digit(part) and (" " in part.strip() and len(part.split()) > 3):
                continue  # a sentence, not a model
            seen.add(key)
            out.append(part)
    return out
