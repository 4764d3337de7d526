"""What the parsers share: the result types, decoding, text cleaning, firm and brand names,
and the checks on dates, URLs and country codes."""

from __future__ import annotations

import codecs
import html
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from recall_screen.category_rules import CategoryRule
from recall_screen.jurisdiction import ISO_COUNTRIES
from recall_screen.lexicon import BRAND_PLACEHOLDERS, LEGAL_FORM_PATTERN, TRADEMARK_SIGNS
from recall_screen.models import Recall
from recall_screen.text import CharMap, cut_short, lower_for_words, says_none

MAX_TITLE = 1_000
MAX_TEXT = 5_000
MAX_ITEM = 300
MAX_LIST = 1_000
SHORT_DESCRIPTION = 600  # a description longer than this is a press release, not matching text


class FormatError(ValueError):
    """The file as a whole cannot be read in any supported format."""


@dataclass(frozen=True)
class RecordError:
    """A problem with one record. `rejected` says whether the record was dropped (a required field
    is missing or unreadable) or kept without the faulty value (a malformed UPC)."""

    position: int  # 1-based record number in the file
    field: str
    reason: str
    recall_id: str | None = None
    rejected: bool = True
    line: int | None = None  # the physical line where the record starts (NDJSON, CSV)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RecordWarning:
    """Something worth telling the regulator that did not cost the record anything
    (a GTIN failing its check digit, a title taken from the URL, bytes decoded as cp1252)."""

    position: int | None  # None for the file as a whole
    field: str
    reason: str
    recall_id: str | None = None
    line: int | None = None  # the physical line where the record starts (NDJSON, CSV)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Withdrawal:
    """A record that withdraws a recall on purpose (the generic format's `"withdrawn": true`)."""

    position: int
    source: str
    recall_id: str


@dataclass
class ParseResult:
    format: str
    records: list[Recall] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)  # each record's position, parallel to records
    withdrawn: list[Withdrawal] = field(default_factory=list)  # records that withdraw a recall
    rules: list[CategoryRule] = field(default_factory=list)  # category rules (`kind: category_rule`)
    rule_positions: list[int] = field(default_factory=list)  # parallel to rules
    errors: list[RecordError] = field(default_factory=list)
    warnings: list[RecordWarning] = field(default_factory=list)
    read: int = 0  # records read, valid or not
    encoding: str = "utf-8"

    @property
    def rejected(self) -> int:
        """Records dropped for an error (a record with several errors counts once)."""
        return len({e.position for e in self.errors if e.rejected})


class Record:
    """Collects one record's errors and warnings while it is normalised."""

    def __init__(self, position: int, line: int | None = None) -> None:
        self.position = position
        self.line = line
        self.recall_id: str | None = None
        self.errors: list[RecordError] = []
        self.warnings: list[RecordWarning] = []

    def error(self, field_name: str, reason: str, *, rejected: bool = True) -> None:
        self.errors.append(
            RecordError(self.position, field_name, reason, self.recall_id, rejected, self.line)
        )

    def warn(self, field_name: str, reason: str) -> None:
        self.warnings.append(RecordWarning(self.position, field_name, reason, self.recall_id, self.line))

    @property
    def rejected(self) -> bool:
        return any(e.rejected for e in self.errors)


# -- the recall --------------------------------------------------------------------------------

# Every parser gives a Recall all of its fields, so pydantic's record of the fields given is the
# same set of names for every recall; kept per instance it was 2.2 KB, nearly half of a parsed
# recall's memory. One set is shared instead (pydantic copies it before any change: a model_copy).
_EVERY_FIELD = frozenset(Recall.model_fields)
_FIELDS_GIVEN = set(_EVERY_FIELD)
# Fields whose values repeat across a file's notices ("CPSC", "Fall", a date): kept once.
_REPEATING = ("source", "category", "hazard", "remedy", "published", "storefront")


def lean(recall: Recall) -> Recall:
    """The parsed `recall`, unchanged in value, holding its repeating texts and its record of the
    fields given in common with the other recalls of the run."""
    values = recall.__dict__
    for name in _REPEATING:
        values[name] = sys.intern(values[name])
    if recall.__pydantic_fields_set__ == _EVERY_FIELD:
        object.__setattr__(recall, "__pydantic_fields_set__", _FIELDS_GIVEN)
    return recall


# -- decoding ----------------------------------------------------------------------------------

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(data: bytes) -> tuple[str, str, list[RecordWarning]]:
    """Text of the file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, and otherwise each byte
    sequence that is not UTF-8 read as cp1252 (Latin-1 for the five bytes cp1252 leaves undefined),
    with a warning. A regulator's Latin-1 CSV is read, not rejected."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise FormatError(f"the file starts with a UTF-16 mark but is not UTF-16: {exc.reason}") from None
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        first = exc.start
    # One pass: each byte that is not part of valid UTF-8 comes out as U+DC80..U+DCFF (only bytes
    # >= 0x80 can be invalid), then is read as cp1252. Re-decoding the rest after each bad byte, as
    # this once did, made a file of invalid bytes quadratic: 300 KB took seconds.
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(escaped))
    return escaped.translate(_ESCAPED_AS_CP1252), "utf-8+cp1252", [_not_utf8(bad, first)]


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_ESCAPED_AS_CP1252 = {0xDC00 + byte: _cp1252(byte) for byte in range(0x80, 0x100)}


# A file is read a piece at a time: as received, in windows of this many bytes, or as the gzip
# stream inflates; the text is decoded a piece at a time, and no parser holds it whole.
CHUNK = 1 << 20


def windows(data: bytes, size: int = CHUNK) -> Iterator[bytes]:
    """`data` in pieces of `size` bytes (copies of one piece at a time)."""
    view = memoryview(data)
    for at in range(0, len(data), size):
        yield bytes(view[at : at + size])


class StreamDecoder:
    """The text of a file that arrives as byte chunks, decoded a piece at a time exactly as
    `decode` decodes it whole: a UTF-8 mark dropped, UTF-16 with a mark (read whole: no regulator
    exports it at size), and otherwise bytes that are not UTF-8 read as cp1252/Latin-1, with the
    same one warning (their count, the first one's offset) in `warnings` once the text is read."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self.encoding = "utf-8"
        self.warnings: list[RecordWarning] = []
        self._bad = 0
        self._first = -1  # offset of the first byte that is not UTF-8
        self._offset = 0  # bytes decoded before the current piece, while none was bad

    def pieces(self) -> Iterator[str]:
        head = b""
        for chunk in self._chunks:  # enough bytes to see the byte-order mark
            head += chunk
            if len(head) >= 4:
                break
        if head.startswith(_UTF16_BOMS):
            text, self.encoding, self.warnings = decode(head + b"".join(self._chunks))
            yield text
            return
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8) :]
        incremental = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        for chunk in _chain_one(head, self._chunks):
            text = incremental.decode(chunk)
            if text:
                yield self._read(text)
        text = incremental.decode(b"", final=True)
        if text:
            yield self._read(text)

    def _read(self, text: str) -> str:
        if text.isascii():
            self._offset += len(text)
            return text
        if self._first < 0:
            # A text of UTF-8 has no surrogate: it encodes, which counts its bytes, in a quarter of
            # the time a search for an escaped byte took. One that does not holds an escaped byte
            # (the only surrogates the decoder makes): searched for below.
            try:
                self._offset += len(text.encode("utf-8"))
                return text
            except UnicodeEncodeError:
                pass
        found = _ESCAPED_BYTE.search(text)
        if found is None:
            return text
        if self._first < 0:
            self._first = self._offset + len(text[: found.start()].encode("utf-8", "surrogateescape"))
        self._bad += len(_ESCAPED_BYTE.findall(text))
        self.encoding = "utf-8+cp1252"
        self.warnings = [_not_utf8(self._bad, self._first)]
        return text.translate(_ESCAPED_AS_CP1252)


def _chain_one(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def line_pieces(pieces: Iterable[str]) -> Iterator[str]:
    """The same text in pieces that each end at a line feed (the last one may not): a line, and
    a "\r\n", is never cut between two pieces."""
    pending: list[str] = []
    for piece in pieces:
        cut = piece.rfind("\n") + 1
        if not cut:
            pending.append(piece)
            continue
        if pending:
            pending.append(piece[:cut])
            yield "".join(pending)
            pending = []
        else:
            yield piece if cut == len(piece) else piece[:cut]
        if cut < len(piece):
            pending.append(piece[cut:])
    if pending:
        yield "".join(pending)


class KeysGivenTwice:
    """`object_pairs_hook` for `json`: each object as `json` builds it (a key's last value wins),
    with the keys an object gave twice noted for the record's report (`taken`). A record holding
    "models" twice lost its first list with no word in the report."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) < len(pairs):
            first: dict[str, Any] = {}
            for key, value in pairs:
                if key in first and first[key] != value:  # the same value twice loses nothing
                    self.keys.append(key)
                first.setdefault(key, value)
        return found

    def taken(self) -> list[tuple[str, str]]:
        """(key, reason) for the report, of each key noted since the last call; forgets them."""
        noted = [
            (str(key)[:60], "given twice in one object: its last value was read")
            for key in dict.fromkeys(self.keys)
        ]
        self.keys.clear()
        return noted


def no_constants(name: str) -> Any:
    """`parse_constant` for `json`: NaN and Infinity are no JSON (Python's decoder reads them by
    default), and a recall id or a title of "nan" is no value a regulator gave."""
    raise ValueError(f"{name} is not a JSON value")


def _not_utf8(bad: int, first: int) -> RecordWarning:
    return RecordWarning(
        None, "", f"{bad} byte(s) are not UTF-8 (first at byte {first}); read as cp1252/Latin-1"
    )


# -- text --------------------------------------------------------------------------------------

# Display text drops trademark signs and invisible spaces, and keeps a non-breaking space a space.
# Marks that set the direction of the text around them (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) are
# invisible too, and would make a model number or a recall id two strings that print alike.
_BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_MARKS = CharMap(
    {
        **dict.fromkeys(TRADEMARK_SIGNS, ""),
        **dict.fromkeys(_BIDI_MARKS, ""),
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Halves of a character pair without their other half ("\ud83d" from a broken emoji escape):
# not text, and not encodable as UTF-8, so they would break everything downstream.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A stray HTML tag or comment: an element's name after "<" or "</". Not any text in angle brackets:
# "ages <14 with magnets >0.5 inch" and "<model HX-200>" are the notice's words.
_TAG = re.compile(
    r"<!--[^>]{0,200}-->|</?(?:a|abbr|b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|font|h[1-6]"
    r"|head|hr|html|i|img|li|ol|p|pre|s|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead"
    r"|tr|tt|u|ul)(?:\s[^<>]{0,200})?/?>",
    re.IGNORECASE,
)


def clean(value: Any, limit: int = MAX_TEXT) -> str:
    """Display text: entities decoded (twice: some feeds double-encode), trademark signs and control
    characters dropped, whitespace collapsed, cut at `limit` characters."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        return ""
    text = html.unescape(html.unescape(value)) if "&" in value else value
    if not text.isascii():  # ASCII text is NFC and has no marks or surrogates to drop
        text = _MARKS(unicodedata.normalize("NFC", text))
        text = _LONE_SURROGATE.sub("", text)
    if text.isprintable():  # every control character is unprintable: most texts hold none
        text = _TAG.sub(" ", text) if "<" in text else text  # stray HTML tags
        # Its only space is " " (every other is unprintable): collapsed already unless doubled
        # or at an end, as most are.
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            text = " ".join(text.split())
    else:
        text = _CONTROL.sub(" ", text)
        text = _TAG.sub(" ", text) if "<" in text else text
        text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def clean_told(value: Any, limit: int, rec: Record, field_name: str) -> str:
    """`clean`, and a warning on the record when the text was cut at `limit`: what the index
    keeps of a field is the regulator's to know. (Only a raw value longer than the limit can
    be: cleaning shortens.)"""
    text = clean(value, limit)
    if isinstance(value, str) and len(value) > limit and len(clean(value, len(value) + 1)) > limit:
        rec.warn(field_name, f"longer than {limit:,} characters: cut there")
    return text


def dedupe(values: list[str], key: Callable[[str], str] | None = None) -> list[str]:
    """The non-empty values, the first of each key (the value itself without `key`), in order."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not value:
            continue
        k = key(value) if key else value
        if k and k not in seen:
            seen.add(k)
            out.append(value)
    return out


def name_key(value: str) -> str:
    """Letters and digits only, lower case: "Prizer-Painter" and "Prizer Painter" are one firm."""
    if value.isascii():  # its own decomposition and ASCII form
        return _NOT_NAME_CHAR.sub("", value.lower())
    return _NOT_NAME_CHAR.sub(
        "", unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    )


_NOT_NAME_CHAR = re.compile(r"[^0-9a-z]")


# -- dates, URLs, countries ------------------------------------------------------------------------


# Patterns the functions below run on every notice, compiled once (the `re` module's cache costs
# a lookup per call).
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")
_HTTP_URL = re.compile(r"https?://[^\s/]+\.[^\s/]+", re.IGNORECASE)
_CUT_OFF = re.compile(r"\s*(?:…|\.\.\.)\s*$")
_TRAILING_AND = re.compile(r"\s*(?:&|\band)$")
_LETTER = re.compile(r"[^\W\d_]")
_AND = re.compile(r"\s+(?:and|&)\s+")
_AND_OR_COMMA = re.compile(r"\s+(?:and|&)\s+|,\s*")
_LEADING_DETERMINER = re.compile(r"^(?:The|This|These|All|Certain|Some|Both)\s+")


@lru_cache(maxsize=4096)  # a file's notices share their dates
def iso_date(value: str) -> str | None:
    """YYYY-MM-DD from an ISO date or date-time, or None."""
    m = _ISO_DATE.fullmatch(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def http_url(value: str) -> str | None:
    """The URL when it is http(s) (a `javascript:` link must never reach a report page); inner
    spaces, which some feeds leave unencoded, are encoded."""
    value = value.strip().replace(" ", "%20")
    if _HTTP_URL.match(value) and len(value) <= 2_000 and " " not in value:
        return value
    return None


_COUNTRY_GROUPS = {"EU", "EEA"}


def country_codes(values: list[str], rec: Record) -> list[str]:
    out: list[str] = []
    for value in values:
        code = value.strip().upper()
        if not code:
            continue
        if code in ISO_COUNTRIES or code in _COUNTRY_GROUPS:
            out.append(code)
        else:
            rec.warn("jurisdictions", f"{value!r} is not an ISO 3166-1 alpha-2 code or EU; ignored")
    return dedupe(out)


# -- firms and brands ----------------------------------------------------------------------------


_LEGAL_TAIL = re.compile(rf"(?:[,\s]+(?:{LEGAL_FORM_PATTERN})\.?)+\s*$", re.IGNORECASE)
_LEGAL_ONLY = re.compile(rf"^\s*(?:(?:{LEGAL_FORM_PATTERN})\.?[,\s]*)+$", re.IGNORECASE)
# "X Inc. of Blandon, Pa."
_LEGAL_OF = re.compile(rf"[,\s]+(?:{LEGAL_FORM_PATTERN})\.?,?\s+of\s+.*$", re.IGNORECASE)
_DBA = re.compile(r",?\s*\b(?:d/b/a|d\.b\.a\.?|dba|doing business as|t/a|trading as)\b\.?\s*", re.IGNORECASE)
_SEGMENT_STOP = re.compile(r"^\s*(?:of|a|an|based|located|headquartered|and its|its)\b", re.IGNORECASE)
_GENERIC_FIRMS = re.compile(
    r"^(?:the\s+)?(?:\w+\s+)?(?:firms?|retailers?|manufacturers?|importers?|distributors?|companies|"
    r"consumers?|cpsc|recall|recalls)$",
    re.IGNORECASE,
)


def clean_firm(name: Any) -> list[str]:
    """Firm names in a manufacturer sentence: "Prizer-Painter Stove Works Inc., of Blandon, Pa." ->
    ["Prizer-Painter Stove Works"]; "X Co., Ltd., dba Esjay US, of…" -> ["X", "Esjay US"]."""
    text = clean(name, 500)
    text = _CUT_OFF.sub("", text)
    out = []
    for part in _DBA.split(text):
        segments = part.split(",")
        kept = [segments[0]]
        for seg in segments[1:]:
            if not seg.strip() or _SEGMENT_STOP.match(seg) or _LEGAL_ONLY.match(seg):
                break
            kept.append(seg)
        firm = _LEGAL_OF.sub("", ",".join(kept))
        firm = _LEGAL_TAIL.sub("", firm).strip(" ,;:-")
        firm = _TRAILING_AND.sub("", firm).strip(" ,;:-")  # "Little Loves & Co."
        if plausible_brand(firm):
            out.append(firm)
    return dedupe(out, name_key)


_NOT_BRANDS = frozenset(
    {"the", "this", "these", "those", "model", "models", "recall", "recalled", "product", "products", "all",
     "both", "each", "other", "certain", "some", "consumers", "firm", "firms", "children's", "childrens",
     "youth", "adult", "adults", "men's", "women's", "kids", "baby", "black", "white", "red", "blue", "green",
     "pink", "yellow", "grey", "gray", "silver", "gold", "orange", "purple", "brown", "new", "original",
     "year", "series", "style", "size", "brand", "logo", "label", "and", "or", "with", "cpsc", "u.s", "us",
     "usa", "health canada"}
)  # fmt: skip
# Marketplaces and chains that sell recalled goods: "Sold by Walmart" names a seller, not a brand.
_RETAILERS = frozenset(
    {"amazon", "amazon.com", "walmart", "walmart.com", "target", "target.com", "ebay", "temu", "shein",
     "shein.com", "aliexpress", "wish", "etsy", "toys r us", "kmart", "sears", "costco", "home depot",
     "the home depot", "lowe's", "lowes", "best buy", "j.c. penney", "jcpenney", "kohl's", "macy's",
     "wayfair", "the works", "argos", "tesco", "boots", "b&m"}
)  # fmt: skip


def plausible_brand(value: str) -> bool:
    value = value.strip()
    low = value.lower()
    if not (2 <= len(value) <= 80) or low in _NOT_BRANDS or low in BRAND_PLACEHOLDERS:
        return False
    # Marketplace sellers' names run long ("Ningzhou Wuhe Smart Home Appliance Store"); a
    # sentence runs longer still.
    if not _LETTER.search(value) or len(value.split()) > 9:
        return False
    return not _GENERIC_FIRMS.match(value)


def brand_values(values: list[str]) -> list[str]:
    """Brands from a brand field: placeholders ("nincs", "unknown", "-") mean no brand; firm
    sentences are reduced to the firm's name."""
    out: list[str] = []
    for value in values:
        text = clean(value, MAX_ITEM)
        if says_none(text):
            continue
        firms = clean_firm(text)
        out.extend(firms or ([text] if plausible_brand(text) else []))
    return dedupe(out, name_key)


_FIRM_END = r"(?=\s+(?:Due|due|Because|for|after|Following|Over|Amid)\b|\s*[;:(]|\s+-\s|,\s+[A-Z][a-z]+\s|$)"
_TITLE_FIRM = [
    # "CPSC and Acme Warn Consumers to Stop Using …": a warning where the firm cannot recall.
    re.compile(r"^CPSC\s*(?:,|and|&)\s+(?P<firm>[^;]+?)\s+(?:Announces?|Recalls?|Warns?)\b"),
    re.compile(r"\bPrompts?\s+(?P<firm>.+?)\s+to\s+(?:Re-?announce|Expand|Issue)\s+Recall", re.IGNORECASE),
    re.compile(r"\borders?\s+(?P<firm>.+?)\s+to\s+recall\b", re.IGNORECASE),
    re.compile(
        r"^(?P<firm>.+?)\s+(?:Recalls|Expands\s+Recalls?|(?:Re-?)?[Aa]nnounces\s+Recall|Issues\s+Recall|"
        r"Re-?announces\s+and\s+Expands\b|"
        r"Voluntarily\s+Recalls|to\s+Recall)\b"
    ),
    re.compile(rf"\b(?:Recalled|Replaced|Repaired|Recall|Replacement)\s+[Bb]y\s+(?P<firm>.+?){_FIRM_END}"),
]
_SOLD_BY = re.compile(r"\bSold\b[^;]*?\bby\s+(?P<firm>[^;(]+?)\s*(?:;|\(|\s[Dd]ue\s+to\b|$)")
# "…; Manufactured by Acme", "…; Imported by Acme and Sold at …": the firm that made or brought in
# the product, named after the hazard.
_MADE_BY = re.compile(
    r"\b(?:Manufactured|Distributed|Imported|Made)\s+by\s+(?P<firm>[^;(]+?)\s*(?:;|\(|\s+and\s+Sold\b|$)"
)
# What each of `_TITLE_FIRM` cannot match without, tested before it is run (a title, as printed;
# the lower-cased title, None when a case-insensitive pattern might meet a letter as another one):
# the patterns ran on every title of a file and most need a word most titles lack.
_TITLE_FIRM_NEEDS: tuple[Callable[[str, str | None], bool], ...] = (
    lambda title, low: title.startswith("CPSC"),
    lambda title, low: low is None or ("prompt" in low and "recall" in low),
    lambda title, low: low is None or ("order" in low and "recall" in low),
    lambda title, low: "Recall" in title,  # each alternative ends in "Recall" or "Recalls"
    lambda title, low: "Recall" in title or "Rep" in title,  # "Replaced", "Repaired", "Replacement"
)


def firms_from_title(title: str, *, sold_by: bool = True) -> list[str]:
    """The recalling firm named in a title: "X Recalls …", "… Recalled by X", "CPSC, X Announce
    Recall …", "… Sold on Amazon by X"."""
    return list(_firms_from_title(title, sold_by))


@lru_cache(maxsize=64)  # a parser asks twice of each title (its brands, then its storefront)
def _firms_from_title(title: str, sold_by: bool) -> tuple[str, ...]:
    out: list[str] = []
    low = lower_for_words(title)
    for pattern, needs in zip(_TITLE_FIRM, _TITLE_FIRM_NEEDS, strict=True):
        m = pattern.search(title) if needs(title, low) else None
        if m:
            firm = m.group("firm")
            parts = _AND.split(firm)
            # "CPSC, DiaTech USA and Derby USA Announce": two firms; "Barnes and Noble": one.
            if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts):
                for part in parts:
                    out.extend(_title_firm(part))
            else:
                out.extend(_title_firm(firm))
            break
    if sold_by and "Sold" in title:
        m = _SOLD_BY.search(title)
        if m:
            for firm in _AND_OR_COMMA.split(m.group("firm")):
                if firm.strip().lower() not in _RETAILERS:
                    out.extend(_title_firm(firm))
    if sold_by and " by " in title and (m := _MADE_BY.search(title)) is not None:
        out.extend(_title_firm(m.group("firm")))
    return tuple(dedupe(out, name_key))


def _title_firm(text: str) -> list[str]:
    text = text.strip()
    if cut_short(text) or len(text) > 80:
        return []  # cut off: a part of a name is no name
    return clean_firm(text)


_CAP_WORDS = r"[A-Z0-9][\w'&+.!-]*(?:\s+[A-Z0-9][\w'&+.!-]*){0,2}"
_PRODUCT_BRANDS = re.compile(rf"^(?P<a>{_CAP_WORDS})\s+(?:and|or)\s+(?P<b>{_CAP_WORDS})\s+[a-z]")
_DESCRIPTION_BRANDS = [
    re.compile(r"(?:^|[\s(])(?P<a>(?:[A-Z][\w'&+.!]*\s){0,2}[A-Z][\w'&+.!]*)-branded\b"),
    re.compile(r"\"(?P<a>[^\"]{2,30})\"\s*-?\s*branded\b"),
    re.compile(r"(?:^|\s)(?P<a>[A-Z][\w'&+.!-]*)\s+branded\b"),
    re.compile(
        r"\bbrand(?:\s+name)?\s+\"?(?P<a>[A-Z][\w'&+.!-]*(?:\s+[A-Z][\w'&+.!-]*)?)\"?,?\s+(?:is|are|appears?)\b"
    ),
    re.compile(rf"\b[Tt]he\s+(?P<a>{_CAP_WORDS})(?:\s+(?:and|or)\s+(?P<b>{_CAP_WORDS}))?\s+logos?\b"),
    # "Tarvo, Vexo, and Quorra brand ski touring bindings": each name of the list is a brand.
    re.compile(
        r"(?:^|\s)(?P<list>[A-Z][\w'&+.!-]*(?:,\s*[A-Z][\w'&+.!-]*)*,?\s+(?:and|or)\s+[A-Z][\w'&+.!-]*)"
        r"\s+brand(?:ed)?\s+[a-z]"
    ),
]
# One word each pattern needs.
_DESCRIPTION_BRAND_WORDS = ("branded", "branded", "branded", "brand", "logo", "brand")
_LIST_ITEMS = re.compile(r",?\s+(?:and|or)\s+|,\s*")


# "Tarvo, Vexo, Quorra Home, and Marrow Brand Saunas": a product name listing the brands it covers.
_BRAND_LIST_NAME = re.compile(
    rf"^(?P<list>{_CAP_WORDS}(?:,\s*{_CAP_WORDS})*,?\s+(?:and|or)\s+{_CAP_WORDS})\s+[Bb]rand(?:ed)?\s+\w"
)


def brands_listed(name: str) -> list[str]:
    """The brands a product name lists as such: "Tarvo, Vexo and Quorra Brand Saunas"."""
    listed = _BRAND_LIST_NAME.match(name)
    if listed is None:
        return []
    return [brand for brand in _LIST_ITEMS.split(listed.group("list")) if plausible_brand(brand)]


def brands_from_product_name(name: str) -> list[str]:
    """Brands leading a product name: a list of names before "brand" (`brands_listed`), or two
    capitalised names joined by and/or and followed by lower-case product words: "BlueStar and
    Big Chill gas ranges" -> ["BlueStar", "Big Chill"]."""
    listed = brands_listed(name)
    if listed:
        return listed
    m = _PRODUCT_BRANDS.match(name)
    if not m or _MODEL_YEAR_FIRST.match(m.group("a")):
        return []  # "2025 and 2026 Acme QX450 models …": model years, not two brands
    a, b = m.group("a"), m.group("b")
    if not {w.casefold() for w in a.split()}.isdisjoint(w.casefold() for w in b.split()):
        # "Tarvo 10 and Tarvo 13 bindings", "QX Vexo and Vexo BC bindings": two models of a
        # line, not two brands
        return []
    if _A_NUMBER.search(a) or _A_NUMBER.search(b):
        return []  # "Tarvo 10 and Zorbit 13 bindings": models, not brands
    return [b for b in (a, b) if plausible_brand(b)]


_A_NUMBER = re.compile(r"\s\d+\b")


_MODEL_YEAR_FIRST = re.compile(r"(?:19|20)\d\d\b")


def brands_from_description(text: str) -> list[str]:
    """Brands the description names as such: "X-branded", "the brand name X", "the X logo", "X, Y
    and Z brand …"."""
    out: list[str] = []
    for pattern, word in zip(_DESCRIPTION_BRANDS, _DESCRIPTION_BRAND_WORDS, strict=True):
        if word not in text:
            continue  # the pattern cannot match (its words are as printed: case counts)
        for m in pattern.finditer(text):
            found = m.groupdict()
            listed = found.get("list")
            values = _LIST_ITEMS.split(listed) if listed else [found.get("a"), found.get("b")]
            for value in values:
                if value:
                    value = value.strip(" ,.\"'")
                    value = _LEADING_DETERMINER.sub("", value)
                    if plausible_brand(value):
                        out.append(value)
    return dedupe(out, name_key)
