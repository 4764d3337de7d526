"""The generic recall format (the shared data's `GUIDE.md`): NDJSON, one object per line, or CSV
with a header row. Lists are `|`-separated in CSV; in NDJSON they may be JSON arrays or `|`-separated strings.

| field | required | | field | required |
|---|---|---|---|---|
| source | yes | | models, gtins | lists |
| recall_id | yes | | category, hazard, remedy, url | |
| title | yes | | published | ISO date |
| product_name, brand | | | jurisdictions | ISO alpha-2 codes or EU |

A record with `withdrawn` true ("true", "yes", "1") withdraws the recall `source` and `recall_id`
name, on purpose; it needs no title (`recall_screen.catalog.withdrawal` says what it does).

A record with `kind: category_rule` is a category rule, not a recall (`parsers.rules`); a file may
mix both.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from recall_screen import gtin
from recall_screen.category_rules import RULE_KIND, CategoryRule
from recall_screen.models import MAX_ID, Recall
from recall_screen.parsers import modelnums, rules
from recall_screen.parsers.common import (
    MAX_ITEM,
    MAX_LIST,
    MAX_TITLE,
    SHORT_DESCRIPTION,
    FormatError,
    KeysGivenTwice,
    ParseResult,
    Record,
    RecordWarning,
    Withdrawal,
    brand_values,
    brands_listed,
    clean,
    clean_told,
    country_codes,
    dedupe,
    firms_from_title,
    http_url,
    iso_date,
    lean,
    line_pieces,
    name_key,
    no_constants,
)
from recall_screen.scope import described_market_names, read_scope, without_denials
from recall_screen.storefront import storefront_reason
from recall_screen.text import model_key

REQUIRED = ("source", "recall_id", "title")
KNOWN = frozenset(
    {
        *REQUIRED, "product_name", "brand", "models", "gtins", "category", "hazard", "remedy", "url",
        "published", "jurisdictions", "description", "other_texts", "withdrawn", *rules.RULE_FIELDS,
    }
)  # fmt: skip
# Aliases seen in regulators' exports, mapped to the format's names.
_ALIASES = {
    "id": "recall_id", "recall_number": "recall_id", "brands": "brand", "model": "models", "gtin": "gtins",
    "upc": "gtins", "upcs": "gtins", "ean": "gtins", "product": "product_name",
    "product_names": "product_name", "date": "published", "jurisdiction": "jurisdictions",
    "countries": "jurisdictions", "regulator": "source",
}  # fmt: skip
_CSV_DELIMITERS = (",", ";", "\t")
_EXCEL_SEPARATOR = re.compile(r"^sep=([,;\t|])\r?$", re.I)
_KEY_SPACES = re.compile(r"[\s\-]+")
# EU Safety Gate titles: "Product (Brand) · original-language description".
_EU_TITLE = re.compile(r"^(?P<head>.+?)\s+·\s+(?P<original>.+)$")
_HEAD_BRAND = re.compile(r"^(?P<product>.+?)\s*\((?P<brand>[^()]+)\)$")
# The original wording's names part at commas, semicolons and slashes between spaces ("Vexo 3 /
# QX3"); brackets hold a platform code or a variant note ("(LA)", "[PEPPER]"), and "etc." no name.
_NAME_SPLIT = re.compile(r"\s*[,;]\s*|\s+/\s+")
_BRACKETS = re.compile(r"\s*(?:\([^)]*\)|\[[^\]]*\])")
_ETC = re.compile(r"\s*\betc\.?$|…$", re.I)


def _market_names(original: str) -> list[str]:
    """The names an EU alert's original wording gives the product: each item of it, up to six
    words ("Vexo 4 / QX4 (LA), Marrow Sport (LS)": "Vexo 4", "QX4", "Marrow
    Sport"). A longer item is a description, not a name."""
    names = []
    for item in _NAME_SPLIT.split(original):
        name = _ETC.sub("", _BRACKETS.sub("", item)).strip(" .\"'“”")
        if name and len(name) <= 60 and len(name.split()) <= 6 and name not in names:
            names.append(name)
    return names


@lru_cache(maxsize=1_024)  # a file names the same few fields on every record
def _key(name: str) -> str:
    key = _KEY_SPACES.sub("_", name.strip().strip("\ufeff").lower())
    return _ALIASES.get(key, key)


# -- NDJSON ---------------------------------------------------------------------------------------


def parse_ndjson(text: str | Iterable[str]) -> ParseResult:
    """The records of NDJSON text, given whole or in pieces (read a line at a time)."""
    result = ParseResult(format="generic_ndjson")
    pieces = _lines_whole(text)
    unknown: set[str] = set()
    position = 0
    twice = KeysGivenTwice()
    for line_no, (line, ended) in enumerate(_lines_ended(pieces), start=1):
        if not line.strip():
            continue
        position += 1
        result.read += 1
        rec = Record(position, line_no)
        raw = _json_object(line, rec, twice)
        given_twice = twice.taken()
        if raw is None:
            if not ended and _json_cut_short(line):
                raise FormatError(
                    f"the file ends in the middle of a record: line {line_no}, its last, stops "
                    "before its JSON closes (a truncated export). Refused whole: the recalls after "
                    "the cut would leave the list unnoticed"
                )
            _collect(result, rec, None)
            continue
        if position == 1:
            _refuse_a_wrapped_list(raw)
        fields: dict[str, Any] = {}
        for name, value in raw.items():
            key = _key(str(name))
            if key not in KNOWN:
                unknown.add(str(name))
                continue
            if key in fields and value != fields[key]:
                given_twice.append(
                    (str(name)[:60], f"another name for {key!r}: the first value given was read")
                )
            fields.setdefault(key, value)
        _collect_record(result, rec, fields)
        # Told after the record is read, so that each warning names its recall.
        result.warnings.extend(
            RecordWarning(position, name, why, rec.recall_id, line_no) for name, why in given_twice
        )
    _warn_unknown(result, unknown)
    return result


# A line of JSON ends at a line feed, a carriage return or both: JSON escapes these inside strings.
# Not `str.splitlines`, which also cuts at characters a JSON string may hold raw (U+2028, U+0085).
_LINE_END = re.compile(r"\r\n|\r|\n")


def _json_lines(piece: str) -> list[str]:
    lines = _LINE_END.split(piece)
    if lines and not lines[-1]:
        lines.pop()  # the empty text after the piece's last line end
    return lines


def _lines_ended(pieces: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line of the pieces, and whether a line end closes it: only the file's last line may
    lack one (`line_pieces`)."""
    for piece in pieces:
        lines = _json_lines(piece)
        ended = piece.endswith(("\n", "\r"))
        last = len(lines) - 1
        for i, line in enumerate(lines):
            yield line, ended or i < last


def _json_cut_short(line: str) -> bool:
    """Whether an unreadable line's JSON stops before it closes, as an export cut off in
    mid-record does (in a string, a number, a literal or an escape, or between fields: it does
    not end with the object's "}"), rather than being malformed in its middle."""
    if not line.rstrip().endswith("}"):
        return True
    try:
        json.loads(line, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(line.rstrip())
    except (ValueError, RecursionError):
        return False
    return False


def _lines_whole(text: str | Iterable[str]) -> Iterator[str]:
    """The text in pieces that end at line ends, after refusing one pretty-printed object: a file
    whose first line is not an object is read whole to tell (an error's path, not a list's)."""
    pieces = iter([text]) if isinstance(text, str) else line_pieces(text)
    taken: list[str] = []
    first_content = ""
    for piece in pieces:
        taken.append(piece)
        first_content = next((ln for ln in _json_lines(piece) if ln.strip()), "")
        if first_content:
            break
    if not first_content.strip() or _is_json_object(first_content):
        return itertools.chain(taken, pieces)
    whole = "".join(itertools.chain(taken, pieces))
    _refuse_one_spread_object(whole)
    return iter([whole])


def _refuse_one_spread_object(text: str) -> None:
    """A file whose first line is not an object may be one pretty-printed object, not NDJSON."""
    try:
        whole = json.loads(text, parse_constant=no_constants)
    except (ValueError, RecursionError):
        return
    if isinstance(whole, dict):
        raise FormatError(
            "a single JSON object spread over lines: expected NDJSON, one recall object per line"
        )


def _refuse_a_wrapped_list(raw: dict[str, Any]) -> None:
    """A first object that lacks a field every recall has and holds a list of objects is a file
    that wraps its records (`{"source": …, "recalls": [...]}`), not a recall missing its fields."""
    keys = {_key(str(key)) for key in raw}
    if "rule_id" in keys:  # a category rule: named by its rule_id, not a recall_id
        keys.add("recall_id")
    if all(name in keys for name in REQUIRED):
        return
    # An API's envelope may hold them one level down ({"success": {"results": [...]}}): an object
    # with none of a recall's keys. A recall missing its title may hold lists of objects in its own
    # fields ("details": {"products": [...]}).
    nested = [(f"{name}.{inner}", value) for name, outer in raw.items() if isinstance(outer, dict)
              for inner, value in outer.items()] if keys.isdisjoint(REQUIRED) else []  # fmt: skip
    for name, value in [*raw.items(), *nested]:
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            raise FormatError(
                f"a JSON object holding its records under {str(name)[:60]!r}: expected one recall "
                "object per line (NDJSON), or a JSON array of them"
            )


def _json_object(line: str, rec: Record, twice: KeysGivenTwice) -> dict[str, Any] | None:
    """The line's JSON object; None, with the record's error, when it is not one."""
    try:
        raw = json.loads(line, parse_constant=no_constants, object_pairs_hook=twice)
    except json.JSONDecodeError as exc:
        rec.error("", f"invalid JSON at column {exc.colno}: {exc.msg}")
        return None
    except RecursionError:
        rec.error("", "invalid JSON: nested too deeply")
        return None
    except ValueError as exc:  # valid JSON Python refuses: an integer over 4,300 digits
        rec.error("", f"unreadable JSON value: {str(exc)[:120]}")
        return None
    if not isinstance(raw, dict):
        rec.error("", f"expected a JSON object, got {type(raw).__name__}")
        return None
    return raw


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line, parse_constant=no_constants), dict)
    except (ValueError, RecursionError):
        return False


# -- CSV ------------------------------------------------------------------------------------------


def parse_csv(text: str | Iterable[str]) -> ParseResult:
    """The records of CSV text, given whole or in pieces (read a row at a time)."""
    result = ParseResult(format="generic_csv")
    pieces = iter([text]) if isinstance(text, str) else line_pieces(text)
    first, delimiter, skipped = _dialect(next(pieces, "").lstrip("\ufeff"))
    # Each piece ends at a line end, so its lines are the whole text's ("\r\n" is never cut).
    rows = _LinesRead(
        row for piece in itertools.chain([first], pieces) for row in io.StringIO(piece, newline="")
    )
    reader = csv.reader(rows, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError("the CSV file is empty") from None
    except csv.Error as exc:
        raise FormatError(f"unreadable CSV header: {exc}") from None
    keys = [_key(h) for h in header]
    # Unnamed columns after the last named one (a header ending in a delimiter) hold nothing a
    # row need fill: a row short of them is whole.
    width = len(keys) - next((i for i, h in enumerate(reversed(header)) if h.strip()), 0)
    # A list of category rules only names its records by rule_id.
    named = {*keys, "recall_id"} if "rule_id" in keys else set(keys)
    missing = [name for name in REQUIRED if name not in named]
    if missing:
        shown = ", ".join(h.strip() for h in header[:15] if h.strip()) or "nothing"
        raise FormatError(
            f"the CSV header lacks required column(s) {', '.join(missing)} (found: {shown[:200]})"
        )
    duplicates = {k for k in keys if keys.count(k) > 1 and k in KNOWN}
    if duplicates:
        result.warnings.append(
            RecordWarning(
                None, ",".join(sorted(duplicates)), "column repeated in the header; the first is used"
            )
        )
    unknown = {h.strip() for h, k in zip(header, keys, strict=True) if k not in KNOWN and h.strip()}
    short: list[int] = []  # rows with fewer fields than the header: the rest read as empty
    for position, (line_no, row) in enumerate(_csv_rows(reader, rows, delimiter, skipped), start=1):
        result.read += 1
        rec = Record(position, line_no)
        if len(row) > len(keys):
            rec.error("", f"{len(row)} fields where the header has {len(keys)} (an unquoted delimiter?)")
            _collect(result, rec, None)
            continue
        if len(row) < width:
            if not rows.taken[-1].endswith(("\n", "\r")) and _cut_row(row, keys, short, position):
                raise FormatError(
                    f"the file ends in the middle of a row: line {line_no}, its last, has "
                    f"{len(row)} of the header's {width} fields and no line end (a truncated "
                    "export). Refused whole: the recalls after the cut would leave the list unnoticed"
                )
            short.append(line_no)
        fields: dict[str, Any] = {}
        for key, cell in zip(keys, row, strict=False):
            if key in KNOWN:
                fields.setdefault(key, cell)
        _collect_record(result, rec, fields)
    _warn_short(result, short)
    _warn_unknown(result, unknown)
    return result


def _cut_row(row: list[str], keys: list[str], short: list[int], position: int) -> bool:
    """Whether the file's last row, short of the header's fields and with no line end, was cut
    off rather than written short: a required field of it is missing or empty, or every row
    before it was whole (an exporter that leaves off a row's empty trailing fields leaves them off
    other rows too). A file of that one row is given the benefit of the doubt."""
    given = {key: cell.strip() for key, cell in zip(keys, row, strict=False)}
    if not all(given.get(name) for name in REQUIRED if name in keys):
        return True
    return position > 1 and not short


def _dialect(first: str) -> tuple[str, str, int]:
    """The first piece of a CSV from its header on, its delimiter, and the lines before the header:
    Excel's "sep=;" line names the delimiter; else it is the one that finds the required columns
    in the header (and splits it most)."""
    header_line = first.split("\n", 1)[0]
    named = _EXCEL_SEPARATOR.match(header_line)
    if named is not None:
        return (first.split("\n", 1)[1] if "\n" in first else ""), named.group(1), 1
    delimiter = max(_CSV_DELIMITERS, key=lambda d: (_required_found(header_line, d), header_line.count(d)))
    return first, delimiter, 0


def _warn_short(result: ParseResult, lines: list[int]) -> None:
    if lines:
        shown = ", ".join(map(str, lines[:10])) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
        reason = (
            f"{len(lines)} row(s) with fewer fields than the header (line {shown}): their last columns "
            "were read as empty"
        )
        result.warnings.append(RecordWarning(None, "", reason))


def _csv_rows(
    reader: Any, rows: _LinesRead, delimiter: str, skipped: int = 0
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row with a cell that is not blank; FormatError where the CSV
    cannot be read on. `skipped`: the file's lines before those the reader reads."""
    while True:
        line_no = reader.line_num + 1 + skipped
        rows.taken = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FormatError(f"unreadable CSV at line {reader.line_num + skipped}: {exc}") from None
        if len(rows.taken) > 1 and _quote_never_closed(rows.taken, delimiter):
            raise FormatError(
                f"unreadable CSV at line {line_no}: a quoted field opened on this line is never "
                "closed, so every line after it would be read as part of it"
            )
        if any(cell.strip() for cell in row):
            yield line_no, row


class _LinesRead:
    """The lines a csv.reader takes, those of the row it read last in `taken` (emptied before each)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.taken: list[str] = []

    def __iter__(self) -> _LinesRead:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line


def _quote_never_closed(lines: list[str], delimiter: str) -> bool:
    """Whether a row of several lines is a quote opened and never closed: the csv module reads
    such a row to the end of the file, one cell holding every line after it. Read strictly, the
    row's lines fail, and a closing quote after them mends them; a quoted cell that holds line
    breaks reads whole, and a stray quote inside one (read leniently, as written) is not mended."""
    text = "".join(lines)
    return not _reads_strictly(text, delimiter) and _reads_strictly(text + '"', delimiter)


def _reads_strictly(text: str, delimiter: str) -> bool:
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return False
    return True


def _required_found(header_line: str, delimiter: str) -> int:
    return sum(1 for cell in header_line.split(delimiter) if _key(cell.strip('"')) in REQUIRED)


# -- shared ---------------------------------------------------------------------------------------


def _collect_record(result: ParseResult, rec: Record, fields: dict[str, Any]) -> None:
    """One record's fields: a recall, the withdrawal of one, or a category rule."""
    kind = rules.kind_of(fields, rec)
    if kind is None:
        _collect(result, rec, None)
        return
    if kind == RULE_KIND:
        _collect_rule(result, rec, rules.read_rule(fields, rec))
        return
    if not _withdraws(fields, rec):
        _collect(result, rec, _recall(fields, rec))
        return
    withdrawal = _withdrawal(fields, rec)
    result.errors.extend(rec.errors)
    result.warnings.extend(rec.warnings)
    if withdrawal is not None:
        result.withdrawn.append(withdrawal)


_YES = frozenset({"true", "yes", "y", "1"})
_NO = frozenset({"false", "no", "n", "0", ""})


def _withdraws(fields: dict[str, Any], rec: Record) -> bool:
    """Whether the record's `withdrawn` says yes; a value that is neither yes nor no rejects the
    record (withdrawing by mistake and screening by mistake are both worse than asking)."""
    value = fields.get("withdrawn")
    if value is None or value is False:
        return False
    if value is True:
        return True
    text = str(value).strip().lower() if isinstance(value, str | int) else None
    if text in _YES:
        return True
    if text not in _NO:
        rec.error("withdrawn", f"expected true or false, got {str(value)[:40]!r}")
    return False


def _withdrawal(fields: dict[str, Any], rec: Record) -> Withdrawal | None:
    recall_id = _scalar(fields, "recall_id", rec, MAX_ID + 1, told=False)  # too long is its error
    rec.recall_id = recall_id or None
    source = _scalar(fields, "source", rec, 200)
    for name, value in (("source", source), ("recall_id", recall_id)):
        if not value and not any(e.field == name for e in rec.errors):
            rec.error(name, "missing (required)")
    if len(recall_id) > MAX_ID:
        rec.error("recall_id", f"longer than {MAX_ID} characters")
    return None if rec.rejected else Withdrawal(rec.position, source, recall_id)


def _collect(result: ParseResult, rec: Record, recall: Recall | None) -> None:
    result.errors.extend(rec.errors)
    result.warnings.extend(rec.warnings)
    if recall is not None and not rec.rejected:
        result.records.append(recall)
        result.positions.append(rec.position)


def _collect_rule(result: ParseResult, rec: Record, rule: CategoryRule | None) -> None:
    result.errors.extend(rec.errors)
    result.warnings.extend(rec.warnings)
    if rule is not None and not rec.rejected:
        result.rules.append(rule)
        result.rule_positions.append(rec.position)


def _warn_unknown(result: ParseResult, unknown: set[str]) -> None:
    if unknown:
        names = ", ".join(sorted(unknown)[:20])
        result.warnings.append(RecordWarning(None, names, "unknown field(s) ignored"))


def _scalar(fields: dict[str, Any], name: str, rec: Record, limit: int = 5_000, *, told: bool = True) -> str:
    value = fields.get(name)
    if isinstance(value, list):
        if all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
            value = "; ".join(str(v) for v in value)
        else:
            rec.error(name, "expected text, got a list", rejected=name in REQUIRED)
            return ""
    elif isinstance(value, dict | bool):
        rec.error(name, f"expected text, got {type(value).__name__}", rejected=name in REQUIRED)
        return ""
    return clean_told(value, limit, rec, name) if told else clean(value, limit)


def _items(fields: dict[str, Any], name: str, rec: Record, *, split: str = "|") -> list[str]:
    value = fields.get(name)
    if value is None:
        return []
    if isinstance(value, list):
        raw = []
        for v in value:
            if isinstance(v, str):
                raw.extend(v.split("|") if "|" in split else [v])
            elif isinstance(v, int | float) and not isinstance(v, bool):
                raw.append(str(v))
            else:
                rec.warn(name, f"list item of type {type(v).__name__} ignored")
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        raw = re.split("[" + re.escape(split) + "]", str(value))
    else:
        rec.warn(name, f"expected a list or text, got {type(value).__name__}; ignored")
        return []
    items = [text for v in raw if (text := clean(v, MAX_ITEM))]
    if len(items) > MAX_LIST:
        rec.warn(name, f"{len(items)} items; only the first {MAX_LIST} are kept")
        items = items[:MAX_LIST]
    return items


def _recall(fields: dict[str, Any], rec: Record) -> Recall | None:
    required = _required(fields, rec)
    if required is None:
        return None
    source, recall_id, title_text = required

    # "Product (Brand) · original wording": the names the product is sold under, or, where it is
    # a description rather than names, other text.
    eu_title = _EU_TITLE.match(title_text)
    head = eu_title.group("head") if eu_title else title_text
    original = eu_title.group("original") if eu_title else ""
    market_names = _market_names(original) if original else []
    other_texts = [original] if original and not market_names else []
    title = head
    if len(head) > MAX_TITLE:
        title = head[: MAX_TITLE - 1] + "…"
        rec.warn("title", f"longer than {MAX_TITLE:,} characters: cut there")
    product_names, brands = _names(fields, rec, _HEAD_BRAND.match(head) if eu_title else None, title)

    description = _scalar(fields, "description", rec, 20_000)
    if description and len(description) < SHORT_DESCRIPTION:
        other_texts.append(description)
    other_texts.extend(_items(fields, "other_texts", rec))

    # What a sentence says the recall does not cover ("model TV-100 is not included") is no model
    # or code of the recalled product's (`scope.without_denials`).
    free_text = " | ".join([title, *product_names, *market_names, *map(without_denials, other_texts)])
    # The original wording of an EU title often names the line and its model years.
    scope = read_scope(title, *product_names, original, description or "")
    codes = modelnums.read_codes(free_text)
    # Its values whole ("QB-17; batch 2304, 2305"): a label in one says what the codes after it are.
    model_field = _items(fields, "models", rec)
    models = scope.with_codes(_models(model_field, codes.models, brands, recall_id))
    # A press release is no text to match on, but the units it lists are the recall's.
    long_description = [description] if len(description) >= SHORT_DESCRIPTION else []
    unit_codes = [*codes.unit_codes, *modelnums.listed_unit_codes([*model_field, *long_description])]
    gtins, unchecked = _gtins(fields, rec, free_text)
    url = _url(fields, rec)
    published = _published(fields, rec)
    recall = Recall(
        source=source,
        recall_id=recall_id,
        title=title,
        product_names=product_names,
        brands=brands,
        models=models,
        gtins=gtins,
        unchecked_gtins=unchecked,
        category=_scalar(fields, "category", rec, MAX_ITEM),
        hazard=_scalar(fields, "hazard", rec),
        remedy=_scalar(fields, "remedy", rec),
        url=url,
        published=published,
        jurisdictions=country_codes(_items(fields, "jurisdictions", rec, split="|,;"), rec),
        other_texts=dedupe(other_texts),
        lines=list(scope.lines),
        market_names=dedupe(
            [
                *market_names,
                *described_market_names(title, product_names, description or ""),
                *scope.named_models,
            ]
        ),
        model_years=list(scope.model_years),
        partial_scope=list(scope.partial),
        unit_codes=dedupe(unit_codes)[:MAX_LIST],
        storefront=storefront_reason([str(fields.get("brand") or ""), *firms_from_title(title)], brands),
    )
    return lean(recall)


def _required(fields: dict[str, Any], rec: Record) -> tuple[str, str, str] | None:
    """(source, recall id, title), or None when one is missing or unreadable (recorded in `rec`)."""
    recall_id = _scalar(fields, "recall_id", rec, MAX_ID + 1, told=False)  # too long is its error
    rec.recall_id = recall_id or None
    source = _scalar(fields, "source", rec, 200)
    title_text = _scalar(fields, "title", rec, MAX_TITLE * 3, told=False)  # told where it is cut
    for name, value in (("source", source), ("recall_id", recall_id), ("title", title_text)):
        if not value and not any(e.field == name for e in rec.errors):
            rec.error(name, "missing (required)")
    if len(recall_id) > MAX_ID:
        rec.error("recall_id", f"longer than {MAX_ID} characters")
    return None if rec.rejected else (source, recall_id, title_text)


def _names(
    fields: dict[str, Any], rec: Record, head_brand: re.Match[str] | None, title: str
) -> tuple[list[str], list[str]]:
    """(product names, brands): the fields' own, else the EU title's "Product (Brand)" head, else
    (brands only) the firm the title names."""
    product_names = dedupe(_items(fields, "product_name", rec), name_key)
    brands = brand_values(_items(fields, "brand", rec))
    if head_brand and not product_names:
        product_names = [head_brand.group("product")]
    if not brands:
        if head_brand:
            brands = brand_values([head_brand.group("brand")])
        if not brands:
            # "Tarvo and Vexo Brand Saunas": the brands a product name lists. (Not two names before
            # the type: "Tarvo Cross Country and Motocross motorcycles" names one brand's lines.)
            brands = [brand for name in product_names for brand in brands_listed(name)]
        if not brands:
            brands = firms_from_title(title, sold_by=False)
    return product_names, brands


def _models(field: list[str], in_text: list[str], brands: list[str], recall_id: str) -> list[str]:
    """The models field's model numbers (`field`: its items), then those the text names (`in_text`)."""
    # A brand with digits ("Torpedo7") or the notice's own number is not a model number.
    brand_keys = {model_key(word, literal=True) for b in brands for word in [b, *b.split()]}
    brand_keys.add(model_key(recall_id, literal=True))
    # One field's items, read as one list: a label in one says what the codes after it are.
    models = modelnums.clean_model_field(["; ".join(field)])
    found = [m for m in in_text if model_key(m, literal=True) not in brand_keys]
    return dedupe(models + found, lambda m: model_key(m, literal=True))[:MAX_LIST]


def _gtins(fields: dict[str, Any], rec: Record, free_text: str) -> tuple[list[str], list[str]]:
    """(GTINs valid by their check digit, those that fail it): the gtins field's, then the text's."""
    gtins: list[str] = []
    unchecked: list[str] = []
    for printed in _items(fields, "gtins", rec, split="|,;"):
        canon = gtin.canonical(printed)
        if canon is None:
            rec.error(
                "gtins", f"malformed GTIN {printed[:40]!r}: not 8, 11, 12, 13 or 14 digits", rejected=False
            )
        elif canon[1]:
            gtins.append(canon[0])
        else:
            unchecked.append(canon[0])
            rec.warn("gtins", f"GTIN {printed!r} fails its check digit; kept as unchecked {canon[0]}")
    for printed, code, valid in gtin.find_gtins(free_text):
        (gtins if valid else unchecked).append(code)
        if not valid:
            rec.warn("title", f"GTIN {printed!r} in the text fails its check digit; kept as unchecked {code}")
    gtins = dedupe(gtins)
    return gtins, [c for c in dedupe(unchecked) if c not in gtins]


def _url(fields: dict[str, Any], rec: Record) -> str:
    raw_url = _scalar(fields, "url", rec, 2_100)
    if not raw_url:
        return ""
    url = http_url(raw_url) or ""
    if not url:
        rec.warn("url", f"not an http(s) URL: {raw_url[:80]!r}; dropped")
    return url


def _published(fields: dict[str, Any], rec: Record) -> str:
    raw_date = _scalar(fields, "published", rec, 100)
    if not raw_date:
        return ""
    published = iso_date(raw_date) or ""
    if not published:
        rec.warn("published", f"not an ISO date (YYYY-MM-DD): {raw_date[:40]!r}; dropped")
    return published
