"""Text normalisation shared by the index and the listings it screens.

Both sides go through the same functions, so a recall and a re-listing of it meet on the same
tokens however the seller spelled them: accents, HTML entities, look-alike letters from other
scripts, letters spaced apart, digits standing in for letters, re-spaced model numbers.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from itertools import chain

from recall_screen.lexicon import BRAND_PLACEHOLDERS, STOPWORDS, SYNONYMS, TRADEMARK_SIGNS

# Letters from other scripts that look like Latin ones (Unicode's confusables, the part sellers
# use). Transliteration would turn Cyrillic "р" into "r"; a seller who typed it meant "p".
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ӏ": "l", "һ": "h", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "ι": "i", "κ": "k", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # punctuation look-alikes
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "’": "'", "‘": "'", "`": "'", "′": "'",
    "“": '"', "”": '"', "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "þ": "th", "œ": "oe", "Œ": "OE", "ı": "i",
    # Currency signs, which ASCII would drop: a price stays one ("£20 ono", "25 €" read as "$20 ono",
    # "25 $"), not a bare number of the line. (Not "×": a notice's "180×75" is read apart as before.)
    "€": "$", "£": "$", "¥": "$", "₹": "$", "₩": "$", "₽": "$",
}  # fmt: skip


class CharMap:
    """`str.translate` for a table of single characters to strings, as fast outside ASCII as in it.
    `translate` looks each character of a text that is not ASCII up in the table (some 50 µs for
    a notice's description); testing the text for each character of the table and replacing those
    it holds is a few fast scans. The same result: no replacement holds a character of the table,
    so the order of replacement does not matter."""

    def __init__(self, table: dict[str, str]) -> None:
        if any(len(old) != 1 for old in table) or any(old in new for old in table for new in table.values()):
            raise ValueError("a CharMap maps single characters to texts without them")
        self._items = tuple(table.items())

    def __call__(self, text: str) -> str:
        for old, new in self._items:
            if old in text:
                text = text.replace(old, new)
        return text


_CONFUSABLE_MAP = CharMap(_CONFUSABLES)

# Trademark signs may be all that separates two words ("BlueStar™Range"): they become spaces.
_SPACE_MARKS = CharMap(dict.fromkeys(TRADEMARK_SIGNS, " "))

WORD = re.compile(r"[a-z0-9]+(?:[-./'][a-z0-9]+)*")
# "tessel-5": a line's name and its model's number hyphened into one word, as "tessel 5" is two
# (not a year: "tessel-2021").
HYPHENED_VARIANT = re.compile(r"^([a-z]{3,})-(?!(?:19|20)\d\d$)(\d{1,4})$")
# A folded word's runs of letters and of digits ("k1000qr": "k", "1000", "qr").
LETTERS_OR_DIGITS = re.compile(r"[a-z]+|[0-9]+")
# Runs of single characters separated by single spaces: "B a b y" was "Baby".
_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[a-z0-9] ){2,}[a-z0-9](?![a-z0-9])")


def fold(text: str) -> str:
    """Lower-case ASCII approximation of `text`: entities decoded, look-alikes mapped,
    accents stripped. Punctuation is kept (model numbers need it); whitespace is collapsed."""
    # Short texts (words, brands, titles) repeat across listings and are cached; a description
    # is folded each time, so the cache stays a few megabytes whatever the listings hold.
    return _fold_cached(text) if len(text) <= 200 else _fold(text)


@lru_cache(maxsize=65_536)
def _fold_cached(text: str) -> str:
    return _fold(text)


# What the slow path below does to an ASCII text: its one ASCII look-alike ("`") mapped. Unicode
# normalisation, accent stripping and the ASCII encoding leave ASCII as it is.
if [(k, v) for k, v in _CONFUSABLES.items() if k.isascii()] != [("`", "'")]:  # pragma: no cover
    raise RuntimeError("the ASCII fast path of _fold maps one look-alike: update it with the table")
# A run of spaced single characters has a second one between spaces (" b " of "a b c"), or starts
# the text: a text without either (nearly all) is not searched by the costlier pattern.
_SPACED_HINT = re.compile(r" [a-z0-9] [a-z0-9] ")


def _joined_spaced_letters(text: str) -> str:
    """`text` (folded, whitespace collapsed) with its runs of spaced letters joined."""
    if text[1:2] != " " and not _SPACED_HINT.search(text):
        return text
    return _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)


# Initials written with their dots, three letters or more ("T.A.C.", "T. A. C."): the name a seller
# writes without them ("TAC"). Read apart, each was a single letter, and no word of the name; two
# ("U.S.", "e.g.") are more often an abbreviation of words than a name.
_DOTTED_INITIALS = re.compile(r"(?<![\w.])(?:[a-z]\. ?){2,}[a-z](?:\.|(?![\w.]))(?!\w)")


def _joined_initials(text: str) -> str:
    """`text` (folded) with its dotted initials written as one word ("t.a.c." -> "tac")."""
    if "." not in text:
        return text
    return _DOTTED_INITIALS.sub(lambda m: m.group(0).replace(".", "").replace(" ", ""), text)


# A comma between a digit and three more that end the number is a thousands separator: "10,000mAh"
# is one number (read apart, "000mAh" was a rating of none, and "10" a variant).
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# How European sellers and notices print a measure: a decimal comma ("1,7 L", "0,25 l", "2,5 TOG",
# one digit before it: "12,16-inch" lists two sizes; not before "m", which is months as often:
# "3,6 m"), and round thousands set apart by a space ("10 000 mAh", "2 000 W") or any thousands by a
# dot ("10.000 mAh") before a rating. Read as "1.7 l" and "10000 mah"; apart, "1" was a variant of
# the line and "000 mAh" a rating of none. Not "2 400 W" with a space: a line's number and its
# rating ("<Line> 2 400 W Blender") as often as a number.
_EUROPEAN_MEASURE = re.compile(
    r"(?<![\d,.])(\d),(?=\d{1,2}\s?(?:l|ml|cl|kg|g|w|kw|kwh|v|mah|wh|cm|mm|tog|liters?|litres?|oz)\b)"
    r"|(?<![\d,.])(\d{1,3})(?: (?=000 )|\.(?=\d{3}\s?))(?=\d{3}\s?(?:mah|w|wh|kw|btu|lm|lumens?)\b)",
    re.I,
)


def _european_measure(found: re.Match[str]) -> str:
    return f"{found.group(1)}." if found.group(1) else found.group(2)


# The numero sign before a number: "Tarvo N°8" (or "Nº 8", "№8") is "Tarvo 8", as a notice writing
# "Tarvo8" or "Tarvo 8" means (folded, the degree sign went and "n8" was a code of its own).
_NUMERO = re.compile(r"(?<![^\W\d_])[Nn][°º]\s*(?=\d)|№\s*(?=\d)")


def _fold(text: str) -> str:
    if "&" in text:
        text = html.unescape(html.unescape(text))  # some feeds double-encode ("&amp;amp;")
    if "," in text:
        text = _THOUSANDS.sub("", text)
    text = _EUROPEAN_MEASURE.sub(_european_measure, text)
    if text.isascii():  # most notices and listings: the same result, without four passes over it
        return _joined_initials(_joined_spaced_letters(" ".join(text.replace("`", "'").lower().split())))
    text = _CONFUSABLE_MAP(unicodedata.normalize("NFKC", _SPACE_MARKS(_NUMERO.sub(" ", text))))
    # Decomposed, the accents are combining marks, which are not ASCII: the ASCII encoding drops
    # them with every other non-ASCII character (no pass over the characters in Python).
    text = unicodedata.normalize("NFKD", text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return _joined_initials(_joined_spaced_letters(" ".join(text.split())))


# Characters that a case-insensitive pattern of ASCII letters matches as a letter they do not
# lower-case to ("İ", "ı" for i, "ſ" for s; the Kelvin sign lower-cases to "k"): a text without them
# holds a pattern's words in its `str.lower()` whenever the pattern matches it, whatever else it
# holds (`tests/unit/test_text.py` checks every code point).
CASE_TRAPS = ("\u0130", "\u0131", "\u017f")


def lower_for_words(text: str) -> str | None:
    """`text.lower()`, to look for the words a case-insensitive pattern needs before running it; None
    when the text holds a character that the pattern would match as another letter (search it)."""
    if not text.isascii() and any(map(text.__contains__, CASE_TRAPS)):
        return None
    return text.lower()


# A "+" ending a name ("Bike+", "Glideboard+ XR") is read as the word "plus": it is what tells the
# model from its sibling. Model numbers keep their own reading (model_key drops it).
PLUS_SIGN = re.compile(r"(?<=[a-z0-9])\+(?![a-z0-9])")


def raw_words(text: str) -> list[str]:
    """Words of the folded text, keeping inner dashes, dots and slashes ("ky-055", "3.5"); a "+"
    that ends a name is the word "plus"."""
    return _words_of_folded(fold(text))


def _words_of_folded(folded: str) -> list[str]:
    return WORD.findall(PLUS_SIGN.sub(" plus", folded) if "+" in folded else folded)


# Digits that stand in for letters inside words ("pass3nger", "h0me", "b4by"); "1" reads as "i" or "l".
_LEET = str.maketrans(
    {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s"}
)


def letters_and_digits(word: str) -> bool:
    """Whether a word holds letters and digits both: a code's shape ("QX4410", "R18TL"), not a
    word's nor a number's."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def deleet(token: str) -> list[str]:
    """Readings of the token with digit-for-letter substitutions undone ("pass3nger" ->
    ["passenger"], "vo1t" -> ["voit", "volt"]), when it looks like a word with a digit or two
    typed into it rather than a number or a model code: at least three letters, at most two
    digits, letters on both ends. Empty when the token is not such a word."""
    digits = sum(ch.isdigit() for ch in token)
    if not 0 < digits <= 2 or len(token) - digits < 3 or not (token[0].isalpha() and token[-1].isalpha()):
        return []
    base = token.translate(_LEET)
    if "1" not in base:
        return [base]
    return [base.replace("1", "i"), base.replace("1", "l")]


# The letter typed for the digit it looks like, in a number: "O1" for "01", "2O" for "20", "1OO"
# for "100". Only "O": an "i" or an "l" after a number is a designation of its own ("9i", a hub's
# nine speeds), and a word with any other letter in it is a word typed with digits (`deleet`,
# `_correct`) or a formula ("H2O", "CO2").
_DIGITS = frozenset("0123456789")


def undigit(token: str) -> str | None:
    """The number a token is with the letter "o" typed for a zero ("o1" -> "01", "2o" -> "20"),
    when it holds a digit and no other letter; else None."""
    digits = token.replace("o", "")
    if digits == token or not digits or not _DIGITS.issuperset(digits):
        return None
    return token.replace("o", "0")


_INNER_MARK = re.compile(r"[-./]")


def split_word(word: str) -> list[str]:
    """Name tokens of one raw word: "ky-055" -> ["ky", "055"], "o'brien" -> ["obrien"], "qx2's" ->
    ["qx2"] (a possessive is the name's)."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if "-" not in word and "." not in word and "/" not in word:  # most words: nothing to split
        return [word] if word else []
    return [part for part in _INNER_MARK.split(word) if part]


# A light English stemmer: plural and common inflections, enough that "helmets" meets "helmet"
# and "strollers" meets "stroller" without the over-stemming of a full Porter stemmer.
def stem(token: str) -> str:
    if len(token) <= 3 or not token.endswith("s") or not token.isalpha():
        return token  # every suffix below ends in "s"
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if token.endswith(suffix) and len(token) - len(suffix) >= 2:
            return token[: -len(suffix)] + replacement
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_NOT_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]")
_MODEL_CONFUSIONS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def model_key(text: str, *, folded: bool = False, literal: bool = False) -> str:
    """The comparable form of a model number: letters and digits only, upper case.

    By default, how a listing meets a recall: the text is folded (entities, look-alike letters,
    accents) and the letters people type for digits are read as the digits (O->0, I/L->1), so
    "RCS-3O4" meets "RCS304". `folded=True` says the text is folded already: the matcher folds a
    listing once, then keys every word of it.

    `literal=True` is how the parsers compare the model numbers of one notice with one another, with
    its brands and with its scope codes (serials, ranges): the ASCII letters and digits as printed,
    nothing folded and nothing read as another character. They compare one notice's own printing,
    so a model "RCS3O4" listed beside "RCS304" stays a model of its own in the recall."""
    if literal:
        return _NOT_ASCII_ALNUM.sub("", text).upper()
    if not folded:
        text = fold(text)
    return _NOT_ALNUM.sub("", text).upper().translate(_MODEL_CONFUSIONS)


# The shape of a (folded) word that may single a model out of its line, in a notice's name and in
# a listing alike: a number ("1", "2.0", "9.6") or a short code of a letter or two and digits
# ("x3", "d7", "29er"), or a letter and a number parted by a slash as some makers write a model
# ("K/3", "Q/3"; not "w/2", "with two", nor two letters: "pk/2" is a pack of two).
VARIANT_WORD = re.compile(
    r"^(?:\d{1,4}(?:\.\d{1,2})?|[a-z]{1,2}\d{1,3}|\d{1,3}[a-z]{1,2}|(?!w/)[a-z]/\d{1,2})$"
)


def variant_key(word: str) -> str:
    """The model key of a (folded) word that singles a model out of its line: a whole version's
    number is its number ("2.0" is "2": "Tarvo 2.0" is sold as "Tarvo 2" as often), not the
    "20" its digits run into."""
    return model_key(word[:-2] if _WHOLE_VERSION.match(word) else word, folded=True)


_WHOLE_VERSION = re.compile(r"^\d{1,2}\.0$")


def small_number(word: str) -> int | None:
    """The number a word of a name writes, however makers and sellers write a generation or a
    version: "2", "II", "Two", "2nd", "V2", "Mk2", "MkII", "Gen2"; None for any other word.
    "Tessaly II" is sold as "Tessaly 2", "Mk II" as "Mark 2", "Gen 2" as "2nd generation": one
    model, which a notice and a listing may each write either way. A word as written, not its
    model key (which reads "II" as "11")."""
    key = _VERSION_PREFIX.sub("", word.upper()).removesuffix(".0")  # "V2.0" is "V2"
    if key.isdigit():
        return int(key) if len(key) <= 2 else None
    ordinal = _ORDINAL.match(key)
    if ordinal is not None:
        return int(ordinal.group(1))
    return _NUMERALS.get(key)


def is_ordinal(word: str) -> bool:
    """Whether a word is an ordinal in digits ("2nd", "3RD"), as `small_number` reads one."""
    return _ORDINAL.match(word.upper()) is not None


# "V2", "Ver2", "Mk2", "Gen2" and "MkII", "GenIII": the number after a version's mark ("VII" is a
# numeral, not a version 2).
_VERSION_PREFIX = re.compile(r"^(?:V|VER|MK|MARK|GEN)(?=\d)|^(?:MK|MARK|GEN)(?=[IVX])")
_ORDINAL = re.compile(r"^(\d{1,2})(?:ST|ND|RD|TH)$")
# Roman numerals as models are numbered (not "I", "V" nor "X": letters a model name holds as
# often), and numbers spelled out.
_NUMERALS = {
    "II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
    "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "SEVEN": 7, "EIGHT": 8, "NINE": 9,
    "TEN": 10,
}  # fmt: skip


def thousands(word: str) -> str | None:
    """The number of a (folded) word that is tens or hundreds of thousands, in digits, however it
    is written ("40000", "40k": "40000"), or None. Such a number numbers a line by the capacity
    it is sold by (puffs, BTU, mAh): one number, which a notice and a listing may each write
    either way. Not "4K" nor "3K": a resolution, a carbon weave."""
    if _THOUSANDS_SHORT.match(word) is not None:
        return word[:-1] + "000"
    return word if _THOUSANDS_WHOLE.match(word) is not None else None


def thousands_other_way(word: str) -> str | None:
    """That number as written the other way ("40k" for "40000", "40000" for "40k"), or None."""
    number = thousands(word)
    if number is None:
        return None
    return number if word.endswith("k") else number[:-3] + "k"


_THOUSANDS_SHORT = re.compile(r"^[1-9]\d{1,2}k$")
_THOUSANDS_WHOLE = re.compile(r"^[1-9]\d{1,2}000$")


# Folding maps look-alike letters, so only the Latin placeholders are compared folded ("Ｎ/Ａ");
# folding "нет" would make it "het".
_LATIN_PLACEHOLDERS = frozenset(p for p in BRAND_PLACEHOLDERS if p.isascii())


def cut_short(text: str) -> bool:
    """Whether a text ends in an ellipsis: its source cut it off there, often mid-word (the shared
    descriptions, a firm's name in a long title)."""
    return text.endswith(("…", "..."))


def says_none(value: str) -> bool:
    """Whether a listing's brand or model field, or a notice's brand field, is a placeholder for
    "none" ("N/A", "nincs", "OEM")."""
    plain = value.strip().lower().strip(" .")
    return plain in BRAND_PLACEHOLDERS or fold(plain).strip(" .") in _LATIN_PLACEHOLDERS


@lru_cache(maxsize=65_536)
def canonical_token(token: str) -> str:
    token = stem(token)
    return SYNONYMS.get(token, token)


def name_tokens(text: str, words: WordTokens | None = None) -> list[str]:
    """The comparable words of a name, in order: folded, split at inner punctuation, stemmed,
    synonyms merged, stopwords dropped. Numbers are kept (a "3" in "Model 3" is part of a name).
    `words`: a build's own memo of each word's tokens (the same tokens as without it)."""
    if words is None:
        return list(chain.from_iterable(map(_word_tokens, raw_words(text))))
    # A build reads each notice's texts once: folded without `fold`'s cache, which they would
    # only churn (its upkeep cost more than the folding).
    return list(chain.from_iterable(map(words.__getitem__, _words_of_folded(_fold(text)))))


def _tokens_of_word(word: str) -> tuple[str, ...]:
    return tuple(canonical_token(part) for part in split_word(word) if part not in STOPWORDS)


# The name tokens of one raw word: words repeat across notices and listings, so each is read once
# (a few megabytes at most).
_word_tokens = lru_cache(maxsize=65_536)(_tokens_of_word)


class WordTokens(dict[str, tuple[str, ...]]):
    """Raw word -> its name tokens, for one index build. A build reads hundreds of thousands of
    distinct words (every notice's brand, line and model words besides the common ones): more than
    `_word_tokens` keeps for screening, so there each rare word pushed common ones out and was read
    again. Here each distinct word is read once, without the bookkeeping of an LRU cache; cleared
    at `LIMIT` words, so a build of millions of notices holds at most some 80 MB of it."""

    LIMIT = 1 << 19

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        tokens = self[word] = _tokens_of_word(word)
        return tokens
