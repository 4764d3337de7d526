"""Recall notices shaped like the regulators' own, in any number, for the benchmarks.

Each generated notice is a real one (from the shared CPSC API files and the EU Safety Gate / other
generic files) with its names changed: the words that name a firm, a brand or a product line (the
capitalised words rare in the real files, and every word of the firm fields) become invented
words, consistently across the notice's title, product names, description, firms and remedy; its
model numbers and codes get new characters of the same shape ("BL-01" -> "QX-73"); its GTINs are
new valid codes. What stays is what makes real notices heavy: their descriptions, product lists,
model fields, hazards and remedies, and their common vocabulary. Vocabulary and posting lengths
grow as they would with more notices, without cloning any notice's distinctive words.

The output is the regulators' own file formats (a CPSC API JSON array, generic NDJSON), so the
benchmark parses them with the same code a drop goes through.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_SYLLABLES = (
    "ka lo mi ne ra to vi zu qu be do fa gi ho ju xe ly sa pe co ri ta mo nu wa ex ol an or ix".split()
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-./]*[A-Za-z0-9]|[A-Za-z0-9]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_RARE = 2  # a word in at most this many real notices is a name, when capitalised


def invented_word(rng: random.Random) -> str:
    """A made-up name of three or four syllables: rare, as brand and product-line names are."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4)))


def gtin13(rng: random.Random) -> str:
    body = [rng.randint(0, 9) for _ in range(12)]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(body))
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def _texts_of_cpsc(item: dict[str, Any]) -> Iterator[str]:
    yield item.get("Title") or ""
    yield item.get("Description") or ""
    for product in item.get("Products") or []:
        yield product.get("Name") or ""
        yield product.get("Description") or ""


def _texts_of_generic(item: dict[str, Any]) -> Iterator[str]:
    for key in ("title", "product_name", "brand"):
        yield item.get(key) or ""


class Renamer:
    """One notice's new names: each rare capitalised word, each firm word and each code gets a new
    spelling, the same wherever the notice repeats it."""

    def __init__(self, rare: set[str], rng: random.Random) -> None:
        self.rare = rare
        self.rng = rng
        self.names: dict[str, str] = {}

    def firm(self, name: str) -> str:
        """A firm field: every word of it is a name."""
        return _WORD.sub(lambda m: self._word(m.group(), always=True), name)

    def text(self, text: str) -> str:
        return _WORD.sub(lambda m: self._word(m.group(), always=False), text) if text else text

    def _word(self, word: str, *, always: bool) -> str:
        key = word.lower()
        if key in self.names:
            return _cased(self.names[key], word)
        if any(ch.isdigit() for ch in word):
            if not self._is_code(word):
                return word
            new = self._code(word)
        elif always or (word[0].isupper() and key in self.rare):
            new = invented_word(self.rng)
        else:
            return word
        self.names[key] = new.lower()
        return _cased(new, word)

    @staticmethod
    def _is_code(word: str) -> bool:
        """Model numbers and codes; not counts, sizes or years ("2,800", "12", "2021")."""
        digits = sum(ch.isdigit() for ch in word)
        letters = sum(ch.isalpha() for ch in word)
        if _YEAR.match(word):
            return False
        return (letters and digits >= 2) or digits >= 5

    def _code(self, word: str) -> str:
        rng = self.rng
        return "".join(
            str(rng.randint(0, 9)) if ch.isdigit() else chr(rng.randint(65, 90)) if ch.isalpha() else ch
            for ch in word
        )


def _cased(new: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def rare_words(texts: Iterator[tuple[str, ...]]) -> set[str]:
    """The words in at most `_RARE` notices (each notice given as its texts)."""
    df: Counter[str] = Counter()
    for notice in texts:
        df.update({m.group().lower() for text in notice for m in _WORD.finditer(text)})
    return {word for word, count in df.items() if count <= _RARE}


class NoticeFactory:
    """Generated notices from the real files of `recalls_dir` (the shared `data/recalls`)."""

    def __init__(self, recalls_dir: Path, seed: int = 14) -> None:
        self.rng = random.Random(seed)
        self.cpsc: list[dict[str, Any]] = []
        for name in ("cpsc_recalls.json", "cpsc_recalls_more.json"):
            self.cpsc += [
                item
                for item in json.loads((recalls_dir / "cpsc_api" / name).read_text())
                if isinstance(item, dict) and item.get("Title")
            ]
        self.generic: list[dict[str, Any]] = []
        for path in sorted((recalls_dir / "generic").glob("*.ndjson")):
            self.generic += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        self.rare = rare_words(tuple(_texts_of_cpsc(item)) for item in self.cpsc) | rare_words(
            tuple(_texts_of_generic(item)) for item in self.generic
        )

    def cpsc_notice(self, n: int) -> dict[str, Any]:
        """A CPSC API record modelled on a real one, numbered `n`."""
        rng = self.rng
        base = self.cpsc[rng.randrange(len(self.cpsc))]
        renamer = Renamer(self.rare, rng)
        item = dict(base)
        for key in ("Manufacturers", "Importers", "Distributors", "Retailers"):
            item[key] = [
                {**firm, "Name": renamer.firm(firm.get("Name") or "")} for firm in base.get(key) or []
            ]
        item["Title"] = renamer.text(base.get("Title") or "")
        item["Description"] = renamer.text(base.get("Description") or "")
        item["Products"] = [
            {
                **product,
                "Name": renamer.text(product.get("Name") or ""),
                "Description": renamer.text(product.get("Description") or ""),
                "Model": renamer.text(product.get("Model") or ""),
            }
            for product in base.get("Products") or []
        ]
        item["Remedies"] = [
            {**remedy, "Name": renamer.text(remedy.get("Name") or "")}
            for remedy in base.get("Remedies") or []
        ]
        if base.get("ProductUPCs") or rng.random() < 0.05:
            item["ProductUPCs"] = [{"UPC": gtin13(rng)} for _ in range(rng.randint(1, 3))]
        number = f"9{n:07d}"
        item["RecallNumber"] = number
        item["RecallID"] = 900_000_000 + n
        item["URL"] = f"https://www.cpsc.gov/Recalls/2026/generated-{number}"
        return item

    def generic_notice(self, n: int) -> dict[str, Any]:
        """A generic-format record (EU Safety Gate and the other NDJSON lists), numbered `n`."""
        rng = self.rng
        base = self.generic[rng.randrange(len(self.generic))]
        renamer = Renamer(self.rare, rng)
        item = dict(base)
        if base.get("brand"):
            item["brand"] = renamer.firm(base["brand"])
        for key in ("title", "product_name"):
            if base.get(key):
                item[key] = renamer.text(base[key])
        if base.get("models"):
            item["models"] = [renamer.text(str(m)) for m in base["models"]]
        item["recall_id"] = f"G{n:08d}"
        item["url"] = f"https://ec.europa.eu/safety-gate-alerts/generated/{n}"
        return item

    def write_cpsc(self, path: Path, count: int, start: int = 0) -> list[dict[str, Any]]:
        """A CPSC API JSON file of `count` notices; returns them."""
        notices = [self.cpsc_notice(start + i) for i in range(count)]
        with path.open("w") as out:
            out.write("[\n")
            for i, notice in enumerate(notices):
                out.write(("," if i else "") + json.dumps(notice, ensure_ascii=False) + "\n")
            out.write("]\n")
        return notices

    def write_generic(self, path: Path, count: int, start: int = 0) -> list[dict[str, Any]]:
        """A generic NDJSON file of `count` notices; returns them."""
        notices = [self.generic_notice(start + i) for i in range(count)]
        with path.open("w") as out:
            out.writelines(json.dumps(notice, ensure_ascii=False) + "\n" for notice in notices)
        return notices


def relisting(notice: dict[str, Any], rng: random.Random) -> str:
    """A seller's title for a generated notice: its product name (or title), words shuffled, the
    first word (often the brand) dropped from half of them, a model number appended in half."""
    if "Products" in notice:
        names = [p["Name"] for p in notice["Products"] if p.get("Name")] or [notice["Title"]]
        models = [m for p in notice["Products"] for m in re.split(r"[,;/ ]+", p.get("Model") or "") if m]
    else:
        names = [notice.get("title") or ""]
        models = [str(m) for m in notice.get("models") or []]
    words = rng.choice(names).split()[:12]
    if len(words) > 2 and rng.random() < 0.5:
        words = words[1:]
    rng.shuffle(words)
    if models and rng.random() < 0.5:
        words.append(rng.choice(models))
    return " ".join(words)
