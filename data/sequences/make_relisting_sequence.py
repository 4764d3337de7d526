"""Writes relisting_sequence.ndjson: an ordered stream of listings to measure the re-listing memory
(`recall-screen evaluate --sequence`), made from the shared development set.

    .venv/bin/python data/sequences/make_relisting_sequence.py ../shared \
        > data/sequences/relisting_sequence.ndjson

From `data/listings/dev.ndjson` (SHARED): recalled listings of the `verbatim` variant, one per seller
and recall, chosen by a hash of the listing id. Each becomes an `original` (the listing as it is,
which the matcher should block), then, later in the stream and interleaved with the others:

- `relisting`, `same_seller_reworded`: the same seller lists it again with the brand, every word
  holding a digit (model numbers, date codes, GTINs) and the marketing words taken out, the rest
  of the title reversed; the text alone often no longer names the recall;
- `relisting`, `identifier_other_seller`: another seller lists a product under the original's model
  number or GTIN with a title saying only what kind of thing it is (when the original has one);
- `clean`: a clean listing of the development set (another product) sold by the same seller.

The brand words are the recall's own (the listing's `brand` field and the words of the recall's
brands), read from the shared recall files through the project's parsers.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from recall_screen.lexicon import MARKETING_NOISE, STOPWORDS
from recall_screen.text import model_key
from recall_screen_cli.offline import load_index

ORIGINALS = 60
GENERIC_WORDS = ("item", "product", "unit", "thing", "model")


def _rank(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _recall_files(shared: Path) -> list[Path]:
    recalls = shared / "data" / "recalls"
    files = [recalls / "cpsc_api" / "cpsc_recalls.json", recalls / "cpsc_api" / "cpsc_recalls_more.json"]
    files += sorted((recalls / "generic").glob("*.ndjson")) + sorted((recalls / "generic").glob("*.csv"))
    return [f for f in files if f.exists()]


def _recall_words(shared: Path) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str], set[str]]]:
    """Each recall's brand words, and the keys of its model numbers and GTINs."""
    _, outcomes = load_index(_recall_files(shared))
    brands: dict[tuple[str, str], set[str]] = {}
    codes: dict[tuple[str, str], set[str]] = {}
    for outcome in outcomes:
        for recall in outcome.recalls:
            key = (recall.source, recall.recall_id)
            found = brands.setdefault(key, set())
            for brand in recall.brands:
                found.update(w.lower() for w in re.findall(r"[\w']+", brand))
            codes.setdefault(key, set()).update(model_key(m) for m in [*recall.models, *recall.gtins])
    return brands, codes


def _reworded(listing: dict[str, Any], brand: set[str]) -> str:
    brand = brand | {w.lower() for w in re.findall(r"[\w']+", listing.get("brand") or "")}
    kept = [
        w
        for w in re.findall(r"[\w'&+-]+", listing["title"])
        if w.lower() not in brand
        and not any(c.isdigit() for c in w)
        and w.lower() not in MARKETING_NOISE
        and w.lower() not in {"model", "number", "date", "code", "lot", "batch", "upc", "sku"}
    ]
    while kept and kept[-1].lower() in STOPWORDS:
        kept.pop()
    return " ".join(reversed(kept)) + " - great condition"


def _identifier(listing: dict[str, Any], codes: set[str]) -> str | None:
    """The listing's GTIN or one of the recall's model numbers as the listing prints it."""
    if listing.get("gtin"):
        return str(listing["gtin"])
    for printed in [listing.get("model") or "", *listing["title"].split()]:
        if printed and len(model_key(printed)) >= 5 and model_key(printed) in codes:
            return str(printed)
    return None


def main(shared: Path) -> None:
    rows = [json.loads(line) for line in (shared / "data" / "listings" / "dev.ndjson").open(encoding="utf-8")]
    brands, codes = _recall_words(shared)
    recalled = sorted(
        (r for r in rows if r["label"]["kind"] == "recalled" and r["label"]["variant"] == "verbatim"),
        key=lambda r: _rank(r["listing_id"]),
    )
    clean = sorted((r for r in rows if r["label"]["kind"] == "clean"), key=lambda r: _rank(r["listing_id"]))
    originals, sellers, recalls = [], set(), set()
    for row in recalled:
        key = (row["label"]["source"], row["label"]["recall_ids"][0])
        if row.get("seller_id") in sellers or key in recalls:
            continue
        sellers.add(row.get("seller_id"))
        recalls.add(key)
        originals.append(row)
        if len(originals) == ORIGINALS:
            break
    later: list[dict[str, Any]] = []
    for n, original in enumerate(originals):
        label = original["label"]
        key = (label["source"], label["recall_ids"][0])
        base = {k: v for k, v in original.items() if k in ("ship_to",)}
        seller = original["seller_id"]
        later.append(
            {
                **base,
                "listing_id": f"SEQ-R{n:03d}",
                "seller_id": seller,
                "title": _reworded(original, brands.get(key, set())),
                "label": {
                    **label,
                    "kind": "relisting",
                    "variant": "same_seller_reworded",
                    "relisting_of": original["listing_id"],
                },
            }
        )
        code = _identifier(original, codes.get(key, set()))
        if code:
            kind_words = [
                w
                for w in original["title"].split()
                if w.isalpha()
                and len(w) >= 3
                and w.lower() not in STOPWORDS
                and w.lower() not in MARKETING_NOISE
                and w.lower() not in brands.get(key, set())
            ]
            noun = kind_words[-1] if kind_words else GENERIC_WORDS[n % len(GENERIC_WORDS)]
            later.append(
                {
                    **base,
                    "listing_id": f"SEQ-I{n:03d}",
                    "seller_id": f"seq-other-{n:03d}",
                    "title": f"{noun} {code}",
                    "label": {
                        **label,
                        "kind": "relisting",
                        "variant": "identifier_other_seller",
                        "relisting_of": original["listing_id"],
                    },
                }
            )
        other = clean[n]
        later.append(
            {
                **other,
                "listing_id": f"SEQ-C{n:03d}",
                "seller_id": seller,
                "label": {**other["label"], "seller_of": original["listing_id"]},
            }
        )
    later.sort(key=lambda r: _rank(r["listing_id"]))
    for row in [*originals, *later]:
        if row in originals:
            row = {**row, "label": {**row["label"], "kind": "original"}}
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
