"""Category rules in the generic format: a record with `kind: category_rule` beside the recalls.

| field | required | meaning |
|---|---|---|
| kind | yes | `category_rule` (a record without `kind` is a recall) |
| source, rule_id, title | yes | the regulator, the rule's id, what it covers |
| must | yes | groups of alternatives: NDJSON a list of "a|b" strings; CSV groups split by `;` |
| may, must_not | | alternatives, `|`-separated (or a JSON list) |
| max_mm, min_pieces, specs_required | | specifications (`category_rules`) |
| jurisdictions, action, hazard, url | | ISO codes or EU; `review` (default) or `block` |

Each bad rule is rejected with its line and the reason; the file's other records are unaffected.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from recall_screen.category_rules import RULE_KIND, CategoryRule
from recall_screen.parsers.common import MAX_ITEM, Record, clean, country_codes, http_url

RULE_FIELDS = frozenset(
    {"kind", "rule_id", "must", "may", "must_not", "max_mm", "min_pieces", "specs_required", "action"}
)
# Recall fields a rule record may carry and what becomes of them.
_TEXT = ("source", "rule_id", "title", "hazard")
_PATTERNS = ("must", "may", "must_not")
_SPECS = ("max_mm", "min_pieces", "specs_required", "action")
_YES = frozenset({"true", "yes", "y", "1"})
_NO = frozenset({"false", "no", "n", "0", ""})


def kind_of(fields: dict[str, Any], rec: Record) -> str | None:
    """ "recall" or "category_rule"; None (with the record's error) for any other kind."""
    value = fields.get("kind")
    if value is None or (isinstance(value, str) and not value.strip()):
        return "recall"
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text in ("recall", RULE_KIND):
        return text
    rec.error("kind", f"unknown kind {str(value)[:40]!r}: expected recall or {RULE_KIND}")
    return None


def read_rule(fields: dict[str, Any], rec: Record) -> CategoryRule | None:
    """The record's rule, or None with an error per bad field in `rec`."""
    raw = _texts(fields, rec)
    raw.update({name: fields[name] for name in (*_PATTERNS, *_SPECS) if fields.get(name) not in (None, "")})
    if "specs_required" in raw:
        raw["specs_required"] = _yes_no(raw["specs_required"], rec)
    withdrawn = fields.get("withdrawn")
    if withdrawn not in (None, False) and str(withdrawn).strip().lower() not in _NO:
        rec.error("withdrawn", "a rule is withdrawn by dropping its list without it (or withdraw_all)")
    raw.update(_where(fields, rec))
    for name in ("source", "rule_id", "title", "must"):
        given = name in raw if name == "must" else bool(raw.get(name))  # an empty must is said below
        if not given and not any(e.field == name for e in rec.errors):
            rec.error(name, "missing (required for a category rule)")
    if rec.rejected:
        return None
    try:
        return CategoryRule.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "rule"
            rec.error(name, str(error["msg"]).removeprefix("Value error, "))
        return None


def _texts(fields: dict[str, Any], rec: Record) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for name in _TEXT:
        value = fields.get(name)
        if isinstance(value, bool) or (value is not None and not isinstance(value, str | int | float)):
            rec.error(name, f"expected text, got {type(value).__name__}")
            continue
        raw[name] = clean(value, MAX_ITEM if name != "hazard" else 5_000)
    rec.recall_id = raw.get("rule_id") or None
    return raw


def _where(fields: dict[str, Any], rec: Record) -> dict[str, Any]:
    """The rule's jurisdictions and URL, each bad value a warning (the rule is kept without it)."""
    out: dict[str, Any] = {}
    jurisdictions = fields.get("jurisdictions")
    if jurisdictions:
        items = jurisdictions if isinstance(jurisdictions, list) else re.split(r"[|,;]", str(jurisdictions))
        out["jurisdictions"] = country_codes([str(i) for i in items], rec)
    url = clean(fields.get("url"), 2_100)
    if url:
        out["url"] = http_url(url) or ""
        if not out["url"]:
            rec.warn("url", f"not an http(s) URL: {url[:80]!r}; dropped")
    return out


def _yes_no(value: Any, rec: Record) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in _YES | _NO:
        rec.error("specs_required", f"expected true or false, got {str(value)[:40]!r}")
    return text in _YES
