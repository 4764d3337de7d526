"""The CPSC Recall Retrieval API's JSON (saferproducts.gov/RestWebServices/Recall?format=json):
a top-level array of recalls, each normalised into a `Recall`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from recall_screen import gtin
from recall_screen.lexicon import FIRM_WORDS
from recall_screen.models import MAX_ID, Recall
from recall_screen.parsers import modelnums
from recall_screen.parsers.common import (
    MAX_ITEM,
    MAX_LIST,
    MAX_TITLE,
    SHORT_DESCRIPTION,
    FormatError,
    KeysGivenTwice,
    ParseResult,
    Record,
    brands_from_description,
    brands_from_product_name,
    brands_listed,
    clean,
    clean_firm,
    clean_told,
    dedupe,
    firms_from_title,
    http_url,
    iso_date,
    lean,
    name_key,
    no_constants,
)
from recall_screen.scope import described_market_names, read_scope, without_denials
from recall_screen.storefront import storefront_reason
from recall_screen.text import model_key

SOURCE = "CPSC"
FORMAT = "cpsc_json"
_FIRM_FIELDS = ("Manufacturers", "Importers", "Distributors")


def parse_text(text: str | Iterable[str]) -> ParseResult:
    """The recalls of an API response, given whole or in pieces. The array is read one recall at
    a time (`_items`): a whole-history export is never held as one tree of JSON objects, nor as
    one text, only as the piece being read and the recalls read from it. Invalid JSON anywhere
    refuses the file, as a whole-file parse would."""
    result = ParseResult(format=FORMAT)
    checked = False  # whether the first object was looked at for the generic format
    reader = _Reader(text)
    try:
        for position, item in enumerate(_items(reader), start=1):
            if not checked and isinstance(item, dict):
                _refuse_generic_records(item)
                checked = True
            result.read = position
            rec = Record(position)
            recall = _recall(item, rec)
            for name, why in reader.keys_given_twice.taken():
                rec.warn(name, why)
            result.errors.extend(rec.errors)
            result.warnings.extend(rec.warnings)
            if recall is not None and not rec.rejected:
                result.records.append(recall)
                result.positions.append(position)
    except json.JSONDecodeError as exc:
        raise FormatError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise FormatError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # valid JSON Python refuses: an integer over 4,300 digits
        raise FormatError(f"unreadable JSON value: {str(exc)[:120]}") from None
    return result


_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace


class _Reader:
    """The text of a JSON file, read a piece at a time: `text` holds what is not yet read (from
    `at`), and `more` reads on, at least doubling it, so that an item cut by a piece's end is
    read again whole, and a long one costs a few retries, not one per piece. Errors are placed
    as in the whole text (`error`)."""

    def __init__(self, text: str | Iterable[str]) -> None:
        # A key a recall's object (or one inside it) gives twice is told in the report.
        self.keys_given_twice = KeysGivenTwice()
        self._decoder = json.JSONDecoder(parse_constant=no_constants, object_pairs_hook=self.keys_given_twice)
        self._pieces = iter([text] if isinstance(text, str) else text)
        self.text = ""
        self.at = 0
        self.done = False  # every piece is in `text`
        self._lines = 0  # line feeds in the text read and dropped
        self._column = 0  # characters after the last of them

    def more(self) -> bool:
        """Read on; False, with nothing changed, when there is nothing more."""
        if self.done:
            return False
        wanted = max(len(self.text) - self.at, 1)
        parts: list[str] = []
        got = 0
        for piece in self._pieces:
            parts.append(piece)
            got += len(piece)
            if got >= wanted:
                break
        else:
            self.done = True
        if not got:
            return False
        gone = self.text[: self.at]
        breaks = gone.count("\n")
        self._lines += breaks
        self._column = len(gone) - gone.rfind("\n") - 1 if breaks else self._column + len(gone)
        self.text = "".join([self.text[self.at :], *parts])
        self.at = 0
        return True

    def starts_array(self) -> bool:
        """Whether the text starts with an array after JSON white space (`at` is then at its
        "["); nothing is dropped, so that what is not an array is refused as its whole text."""
        while True:
            found = _SPACE.match(self.text)
            start = found.end() if found else 0
            if start < len(self.text) or not self.more():
                break
        if not self.text.startswith("[", start):
            return False
        self.at = start
        return True

    def space(self) -> None:
        """Skip JSON white space, reading on as needed."""
        while True:
            found = _SPACE.match(self.text, self.at)
            self.at = found.end() if found else self.at
            if self.at < len(self.text) or not self.more():
                return

    def peek(self, char: str) -> bool:
        """Whether the next character is `char` (reading on as needed)."""
        while self.at >= len(self.text):
            if not self.more():
                return False
        return self.text.startswith(char, self.at)

    def value(self) -> Any:
        """The JSON value at `at`, read whole (reading on while the text read so far ends in it)."""
        while True:
            self.keys_given_twice.keys.clear()  # an attempt cut short is read again whole
            try:
                item, end = self._decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                if self.more():
                    continue
                raise self.error(exc.msg, exc.pos) from None
            if end == len(self.text) and self.more():
                continue  # a number may go on in the next piece
            self.at = end
            return item

    def error(self, msg: str, pos: int) -> json.JSONDecodeError:
        """A JSONDecodeError at `pos` of `text`, placed by line and column in the whole text."""
        exc = json.JSONDecodeError(msg, self.text, pos)
        before = self.text.rfind("\n", 0, pos)
        exc.lineno = self._lines + self.text.count("\n", 0, pos) + 1
        exc.colno = pos - before if before >= 0 else self._column + pos + 1
        return exc

    def rest(self) -> str:
        """Everything not yet read, read whole."""
        while self.more():
            pass
        return self.text[self.at :]


def _items(reader: _Reader) -> Iterator[Any]:
    """The items of the top-level JSON array, decoded one at a time; what is not an array is
    refused as such (FormatError), and a syntax error raises json.JSONDecodeError with its place
    in the whole text."""
    if not reader.starts_array():
        _refuse_not_an_array(json.loads(reader.rest(), parse_constant=no_constants))
    reader.at += 1
    reader.space()
    if reader.peek("]"):
        reader.at += 1
    else:
        while True:
            yield reader.value()
            reader.space()
            if reader.peek(","):
                reader.at += 1
                reader.space()
                continue
            if not reader.peek("]"):
                raise reader.error("Expecting ',' delimiter", reader.at)
            reader.at += 1
            break
    reader.space()
    if reader.at != len(reader.text):
        raise reader.error("Extra data", reader.at)


def _refuse_not_an_array(data: Any) -> None:
    if isinstance(data, dict):
        raise FormatError("a single JSON object: the CPSC API format is an array of recalls")
    raise FormatError(f"JSON {type(data).__name__}: the CPSC API format is an array of recalls")


def _refuse_generic_records(item: dict[str, Any]) -> None:
    """Refuse an array whose first object is a generic-format record (the generic format is
    NDJSON or CSV, never an array)."""
    if "recall_id" in item and "RecallNumber" not in item and "RecallID" not in item:
        raise FormatError(
            "a JSON array of generic-format records: the generic format is NDJSON (one object per line) "
            "or CSV"
        )


# -- field access that tolerates the API's nulls, empty strings and odd types -----------------------


def _str(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _objects(item: dict[str, Any], key: str, rec: Record) -> list[dict[str, Any]]:
    value = item.get(key)
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        rec.warn(key, f"expected a list, got {type(value).__name__}; ignored")
        return []
    return [v for v in value if isinstance(v, dict)]


def _names(item: dict[str, Any], key: str, attr: str, rec: Record) -> list[str]:
    return [text for obj in _objects(item, key, rec) if (text := clean(obj.get(attr), MAX_ITEM * 10))]


# -- one record -------------------------------------------------------------------------------------


def _recall(item: Any, rec: Record) -> Recall | None:
    if not isinstance(item, dict):
        rec.error("", f"expected a JSON object, got {type(item).__name__}")
        return None
    recall_id = _recall_id(item, rec)
    if recall_id is None:
        return None
    url = _url(item, rec)
    products = _objects(item, "Products", rec)
    product_names = dedupe([clean(p.get("Name"), MAX_ITEM) for p in products], name_key)
    description = clean_told(item.get("Description"), 20_000, rec, "Description")

    title = _title(clean_told(item.get("Title"), MAX_TITLE, rec, "Title"), url, product_names, rec)
    if not title:
        return None
    firms = [name for key in _FIRM_FIELDS for name in _names(item, key, "Name", rec)]
    brands = _brands(firms, title, product_names, description)
    # What a sentence says the recall does not cover ("model TV-100 is not included") is no model
    # or code of the recalled product's (`scope.without_denials`).
    free_text = " | ".join([title, *product_names, without_denials(description)])
    scope = read_scope(title, *product_names, description)
    codes = modelnums.read_codes(free_text)
    model_field = [value for p in products if (value := clean(p.get("Model")))]
    models = scope.with_codes(_models(model_field, codes, [*brands, recall_id], rec))
    unit_codes = [*codes.unit_codes, *modelnums.listed_unit_codes(model_field)]
    gtins, unchecked = _gtins(item, free_text, rec)

    categories = dedupe([clean(p.get("Type"), MAX_ITEM) for p in products])
    hazards = dedupe(_names(item, "Hazards", "Name", rec))
    remedies = dedupe(_names(item, "Remedies", "Name", rec) + _names(item, "RemedyOptions", "Option", rec))
    recall = Recall(
        source=SOURCE,
        recall_id=recall_id,
        title=title,
        product_names=product_names,
        brands=brands[:MAX_LIST],
        models=models,
        gtins=gtins,
        unchecked_gtins=unchecked,
        category="; ".join(categories),
        hazard="; ".join(hazards),
        remedy="; ".join(remedies),
        url=url,
        published=_published(item, rec),
        jurisdictions=[],
        other_texts=_other_texts(description, products),
        lines=list(scope.lines),
        market_names=dedupe(
            [*described_market_names(title, product_names, description), *scope.named_models]
        ),
        model_years=list(scope.model_years),
        partial_scope=list(scope.partial),
        unit_codes=dedupe(unit_codes)[:MAX_LIST],
        storefront=storefront_reason([*firms, *firms_from_title(title)], brands),
    )
    return lean(recall)


def _recall_id(item: dict[str, Any], rec: Record) -> str | None:
    """The RecallNumber, else the RecallID (with a warning); None when neither is usable."""
    # Display text's cleaning: a control or direction mark would make two ids that print alike.
    recall_id = clean(item.get("RecallNumber"), MAX_ID + 1)
    if not recall_id:
        fallback = clean(item.get("RecallID"), MAX_ID + 1)
        if not fallback:
            rec.error("RecallNumber", "missing: neither RecallNumber nor RecallID is set")
            return None
        recall_id = fallback
        rec.recall_id = recall_id
        rec.warn("RecallNumber", f"empty; the RecallID {fallback} is used as the recall id")
    if len(recall_id) > MAX_ID:
        rec.error("RecallNumber", f"longer than {MAX_ID} characters")
        return None
    rec.recall_id = recall_id
    return recall_id


def _url(item: dict[str, Any], rec: Record) -> str:
    raw_url = _str(item.get("URL"))
    if not raw_url:
        return ""
    url = http_url(raw_url) or ""
    if not url:
        rec.warn("URL", f"not an http(s) URL: {raw_url[:80]!r}; dropped")
    return url


def _brands(firms: list[str], title: str, product_names: list[str], description: str) -> list[str]:
    """The firms of the firm fields (`firms`, as printed), the recalling firm in the title, and the
    brands that the product names and the description name as such."""
    brands: list[str] = []
    for name in firms:
        brands.extend(clean_firm(name))
    brands.extend(firms_from_title(title))
    # The firms' first words ("Tarvo" of "Tarvo Components"), not what a firm's name says it is.
    firsts = {brand.split()[0].casefold() for brand in brands if brand.split()} - FIRM_WORDS
    for name in product_names:
        named = brands_from_product_name(name)
        # "Tarvo-Branded Vexo ST and LT E-Bikes": names after "-branded" are the brand's lines.
        if not any(_after_branded(found, (title, description)) for found in named):
            # "Tarvo Kolt and Vexo Pell pedals" of a notice by Tarvo Components: "Tarvo Kolt" is
            # the firm's line, not a brand of its own (its "Kolt" is the product's name). Names a
            # product name lists as brands ("Tarvo and Vexo Brand saunas") are brands.
            listed = bool(brands_listed(name))
            brands.extend(found for found in named if listed or found.split()[0].casefold() not in firsts)
    brands.extend(brands_from_description(description))
    return dedupe(brands, name_key)


def _after_branded(name: str, texts: tuple[str, ...]) -> bool:
    written = f"-branded {name}".lower()
    return any(written in text.lower() for text in texts)


def _published(item: dict[str, Any], rec: Record) -> str:
    raw_date = _str(item.get("RecallDate"))
    if not raw_date:
        return ""
    published = iso_date(raw_date) or ""
    if not published:
        rec.warn("RecallDate", f"not an ISO date: {raw_date[:40]!r}; dropped")
    return published


def _other_texts(description: str, products: list[dict[str, Any]]) -> list[str]:
    """Short texts that describe the product: the description, unless it is a press release, and
    each product's own description."""
    other_texts = []
    if description and len(description) < SHORT_DESCRIPTION:
        other_texts.append(description)
    for p in products:
        text = clean(p.get("Description"), SHORT_DESCRIPTION)
        if text and len(text) < SHORT_DESCRIPTION:
            other_texts.append(text)
    return dedupe(other_texts)


_SLUG_STOP = frozenset(
    {"a", "an", "the", "of", "and", "or", "to", "by", "for", "in", "on", "at", "with", "from", "due",
     "recall", "recalls", "recalled", "hazard", "hazards", "risk", "cpsc", "announce", "announces", "sold"}
)  # fmt: skip


_SLUG_WORD = re.compile(r"[a-z0-9]+")
_PAGE_SUFFIX = re.compile(r"\.(?:html?|aspx?|php)$")
_SLUG_SEPARATOR = re.compile(r"[-_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NOT_A_TITLE = re.compile(r"http|www|release|contact", re.I)


def _words(text: str) -> set[str]:
    words = set()
    for word in _SLUG_WORD.findall(text.lower().replace("'", "")):
        if word not in _SLUG_STOP:
            words.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return words


def _slug_title(url: str) -> str | None:
    """The recall page's title from its URL slug, when the slug is one."""
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    slug = _PAGE_SUFFIX.sub("", slug)
    words = [w for w in _SLUG_SEPARATOR.split(slug) if w]
    text = " ".join(words)
    if len(words) < 3 or not _ASCII_LETTER.search(text) or _NOT_A_TITLE.search(text):
        return None
    return text


def _title(title: str, url: str, product_names: list[str], rec: Record) -> str:
    slug_title = _slug_title(url) if url else None
    if title and slug_title and not (_words(title) & _words(slug_title)):
        # A known API quirk pairs one recall's title with another recall's URL and products; the
        # slug is the recall page's own title.
        rec.warn("Title", f"shares no word with the URL; the URL's title is used instead of {title[:80]!r}")
        return slug_title[:MAX_TITLE]
    if title:
        return title
    if slug_title:
        rec.warn("Title", "empty; the title is taken from the URL")
        return slug_title[:MAX_TITLE]
    if product_names:
        rec.warn("Title", "empty; the product name is used as the title")
        return product_names[0][:MAX_TITLE]
    rec.error("Title", "missing")
    return ""


def _models(field_values: list[str], codes: modelnums.TextCodes, brands: list[str], rec: Record) -> list[str]:
    """The Model fields' model numbers (`field_values`), but the text's scope codes, then those
    the text names (`codes`: the text's reading)."""
    from_field = modelnums.clean_model_field(field_values, split=",;/|")
    in_text, scope = codes.models, codes.scope_only
    kept = []
    for model in from_field:
        if model_key(model, literal=True) in scope:
            rec.warn(
                "Products.Model", f"{model!r} is a serial range, lot number or address in the text; dropped"
            )
        else:
            kept.append(model)
    # A brand with digits in it ("K2", "Super73") is not a model number.
    brand_keys = {model_key(word, literal=True) for b in brands for word in [b, *b.split()]}
    found = [m for m in in_text if model_key(m, literal=True) not in brand_keys]
    models = dedupe(kept + found, lambda m: model_key(m, literal=True))
    if len(models) > MAX_LIST:
        rec.warn("models", f"{len(models)} model numbers; only the first {MAX_LIST} are kept")
        models = models[:MAX_LIST]
    return models


def _gtins(item: dict[str, Any], free_text: str, rec: Record) -> tuple[list[str], list[str]]:
    gtins: list[str] = []
    unchecked: list[str] = []
    upcs = _objects(item, "ProductUPCs", rec)
    for obj in upcs[: MAX_LIST * 2]:
        printed = _str(obj.get("UPC"))
        if not printed:
            continue
        found = gtin.canonical(printed)
        if found is None:
            reason = f"malformed UPC {printed[:40]!r}: not a GTIN of 8, 11, 12, 13 or 14 digits"
            rec.error("ProductUPCs", reason, rejected=False)
            continue
        code, valid = found
        if valid:
            gtins.append(code)
        else:
            unchecked.append(code)
            rec.warn("ProductUPCs", f"UPC {printed!r} fails its check digit; kept as unchecked {code}")
    for printed, code, valid in gtin.find_gtins(free_text):
        if valid:
            gtins.append(code)
        else:
            unchecked.append(code)
            rec.warn(
                "Description", f"UPC {printed!r} in the text fails its check digit; kept as unchecked {code}"
            )
    gtins = dedupe(gtins)
    unchecked = [c for c in dedupe(unchecked) if c not in gtins]
    return gtins[:MAX_LIST], unchecked[:MAX_LIST]
