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
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "’": "'", "‘": "'", "`": "'",
    "“": '"', "”": '"', "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "þ": "th", "œ": "oe", "Œ": "OE", "ı": "i",
}  # fmt: skip
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)

# Marks that carry no product meaning.
_DROP_MARKS = str.maketrans({"™": " ", "®": " ", "©": " ", "℠": " "})

WORD = re.compile(r"[a-z0-9]+(?:[-./'][a-z0-9]+)*")
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


def _fold(text: str) -> str:
    text = html.unescape(html.unescape(text))  # some feeds double-encode ("&amp;amp;")
    text = text.translate(_DROP_MARKS)
    text = unicodedata.normalize("NFKC", text).translate(_CONFUSABLE_TABLE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), " ".join(text.split()))
    return text


def raw_words(text: str) -> list[str]:
    """Words of the folded text, keeping inner dashes, dots and slashes ("ky-055", "3.5")."""
    return WORD.findall(fold(text))


# Digits that stand in for letters inside words ("pass3nger", "h0me", "b4by"); "1" reads as "i" or "l".
_LEET = str.maketrans(
    {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s"}
)


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


def split_word(word: str) -> list[str]:
    """Name tokens of one raw word: "ky-055" -> ["ky", "055"], "o'brien" -> ["obrien"]."""
    word = word.replace("'", "")
    return [part for part in re.split(r"[-./]", word) if part]


# A light English stemmer: plural and common inflections, enough that "helmets" meets "helmet"
# and "strollers" meets "stroller" without the over-stemming of a full Porter stemmer.
def stem(token: str) -> str:
    if len(token) <= 3 or not token.isalpha():
        return token
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if token.endswith(suffix) and len(token) - len(suffix) >= 2:
            return token[: -len(suffix)] + replacement
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def model_key(text: str) -> str:
    """The comparable form of a model number: letters and digits only, upper case, with the
    letters people type for digits mapped to the digit (O->0, I/L->1)."""
    return folded_model_key(fold(text))


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def folded_model_key(folded: str) -> str:
    """`model_key` of text already folded."""
    return _NOT_ALNUM.sub("", folded).upper().translate(_MODEL_CONFUSIONS)


_MODEL_CONFUSIONS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def compact(text: str) -> str:
    """Letters and digits only, as printed: the model number with its spacing removed."""
    return re.sub(r"[^a-z0-9]", "", fold(text)).upper()


# Words that carry no product identity in either a notice or a listing.
STOPWORDS = frozenset(
    "a an and or the of for with without in on at to from by as is are be this that these those it its "
    "your our my all any each per into onto over under up x vs via".split()
)

# Sellers' marketing noise: words that say nothing about which product it is. They are left out of
# listing-side scoring, so "2024 New Hot Sale" neither helps nor hurts a match.
MARKETING_NOISE = frozenset(
    "new hot sale free shipping ship ships shipped fast best seller selling premium authentic genuine "
    "original 100 limited stock high quality bulk price great gift factory direct easy install durable "
    "usa us lot deal deals offer discount cheap wholesale brand branded official store top rated "
    "upgraded upgrade latest edition version 2020 2021 2022 2023 2024 2025 2026 2027 pcs pc piece "
    "pieces pack set sets item items product products buy now sold only warranty "
    # second-hand listings' talk about the sale, not the product
    "see description details listing photos pics pictures condition used excellent good great nice "
    "works working perfect clean gently smoke look please read shipped shipping local pickup"
    .split()
)  # fmt: skip

# What a brand (or model) field holds when it says there is none, in the languages of the
# regulators' files and the words of marketplace sellers.
BRAND_PLACEHOLDERS = frozenset(
    {"", "-", "--", "—", "?", "n/a", "na", "n.a.", "none", "no", "nil", "null", "unknown", "not known",
     "unknown brand", "no brand", "no name", "noname", "no-name", "non-branded", "unbranded", "generic",
     "various", "various brands", "multiple", "multiple brands", "sans marque", "inconnue", "inconnu",
     "aucune", "nincs", "ismeretlen", "márka nélkül", "brak", "brak marki", "nieznana", "nieznany",
     "keine", "keine marke", "ohne marke", "unbekannt", "sin marca", "desconocida", "desconocido",
     "senza marca", "sconosciuto", "sem marca", "desconhecida", "geen", "geen merk", "onbekend", "ingen",
     "okänd", "ukendt", "ei", "tuntematon", "neznámá", "bez značky", "necunoscut", "άγνωστο",
     "без марки", "неизвестно", "нет", "няма", "brez blagovne znamke", "nepoznato", "nezināms",
     # and as marketplace sellers fill a field they must not leave empty
     "nobrand", "oem", "other", "brandless", "not branded", "does not apply"}
)  # fmt: skip
# Folding maps look-alike letters, so only the Latin placeholders are compared folded ("Ｎ/Ａ").
_LATIN_PLACEHOLDERS = frozenset(p for p in BRAND_PLACEHOLDERS if p.isascii())


def says_none(value: str) -> bool:
    """Whether a brand or model field's value is a placeholder for "none" ("N/A", "nincs", "OEM")."""
    plain = value.strip().lower().strip(" .")
    return plain in BRAND_PLACEHOLDERS or fold(plain).strip(" .") in _LATIN_PLACEHOLDERS


# Legal-form and corporate words: part of a firm's name, not of its brand or of what it makes
# ("Salewa North America", "Bombardier Recreational Products Inc.": the brand is "Salewa").
LEGAL_FORMS = frozenset(
    "inc incorporated llc ltd limited co corp corporation company gmbh ag sa sas sarl srl spa bv nv "
    "plc pty pte kg ohg oy ab as aps sl sro kft zoo sp "
    "usa america american north international intl group holdings industries industry trading "
    "manufacturing mfg enterprises imports importer importers distribution distributors".split()
)

# Everyday synonyms, mapped to one canonical word on both sides (after stemming).
SYNONYMS = {
    "bike": "bicycle", "bicycl": "bicycle", "ebike": "ebicycle", "pram": "stroller",
    "pushchair": "stroller", "buggy": "stroller", "cot": "crib", "nappy": "diaper",
    "dummy": "pacifier", "soother": "pacifier", "binky": "pacifier", "tv": "television",
    "telly": "television", "sweater": "jumper", "pullover": "jumper", "sneaker": "trainer",
    "couch": "sofa", "torch": "flashlight", "lorry": "truck", "cellphone": "phone",
    "mobile": "phone", "smartphone": "phone", "kid": "child", "children": "child", "childs": "child",
    "infant": "baby", "babie": "baby", "toddler": "baby", "newborn": "baby", "colour": "color",
    "motorbike": "motorcycle", "hoverboard": "hoverboard", "onesie": "bodysuit", "romper": "bodysuit",
    "jacket": "jacket", "coat": "jacket", "hoodie": "sweatshirt", "bassinette": "bassinet",
    "highchair": "highchair", "carseat": "carseat", "dresser": "chest", "bureau": "chest",
    "women": "woman", "men": "man", "ladies": "woman", "lady": "woman", "mens": "man", "womens": "woman",
    "pyjama": "pajama", "pajamas": "pajama", "pyjamas": "pajama", "aluminium": "aluminum",
    "heater": "heater", "adaptor": "adapter", "lamp": "light", "lite": "light",
}  # fmt: skip


def canonical_token(token: str) -> str:
    token = stem(token)
    return SYNONYMS.get(token, token)


def name_tokens(text: str) -> list[str]:
    """The comparable words of a name, in order: folded, split at inner punctuation, stemmed,
    synonyms merged, stopwords dropped. Numbers are kept (a "3" in "Model 3" is part of a name)."""
    out: list[str] = []
    for word in raw_words(text):
        for part in split_word(word):
            if part in STOPWORDS:
                continue
            out.append(canonical_token(part))
    return out
