"""How the matcher holds up against evasions the development set does not show.

Takes the development set's verbatim and reworded re-listings, rewrites each with one evasion at a
time (look-alike letters from other scripts, a word spelt out letter by letter, capitals and emoji,
two words run together, a word split by a hyphen, the product named only in the description under
a generic title, an HTML entity, dots for spaces, full-width letters, zero-width spaces, five
product words stuffed in, a wholesaler's trade terms, a model number typed with look-alike digits
and letters, a stock code of the seller's own appended), screens them — and the same listings
unchanged, the first row — against the first CPSC file and every generic file, and prints, per
evasion, how many listings it rewrote (one with no model number has none to retype), the share of
those still caught (block or review with the labelled recall in the top five) and the share still
blocked.

    .venv/bin/python benchmarks/evasions.py [--shared ../shared/data]

Prints figures; asserts nothing. The held-out set judges with its own evasions: this is a probe of
the general case, not a target to tune to.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

from recall_screen.models import Listing, Verdict
from recall_screen.screening import Screener
from recall_screen_cli.offline import load_index

REPO = Path(__file__).resolve().parents[1]

# Latin letters and the Cyrillic ones that look the same.
_CYRILLIC = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "A": "А", "E": "Е", "O": "О",
     "P": "Р", "C": "С", "B": "В", "H": "Н", "K": "К", "M": "М", "T": "Т"}
)  # fmt: skip


UNCHANGED = "none (as listed)"
_LOOKALIKE = {"S": "5", "5": "S", "B": "8", "8": "B", "Z": "2", "2": "Z", "G": "6", "6": "G"}


def _lookalike_code(word: str, rng: random.Random) -> str:
    """A model number typed with digits and letters that look alike ("QM-5B20" for "QM-SB20"),
    beyond the O/0 and I/1 every reading folds: at least one of them swapped, in a word of letters
    and digits; any other word as it is."""
    if not (any(c.isdigit() for c in word) and any(c.isalpha() for c in word)):
        return word
    places = [i for i, c in enumerate(word) if c.upper() in _LOOKALIKE]
    if not places:
        return word
    chosen = [i for i in places if rng.random() < 0.5] or [rng.choice(places)]
    return "".join(_LOOKALIKE[c.upper()] if i in chosen else c for i, c in enumerate(word))


def _own_code(rng: random.Random) -> str:
    """A code of the seller's own (a stock number, or one made up to pass for another model): two
    letters and four digits, as marketplace stock codes often are."""
    letters = "".join(rng.choice("ABCDEFGHJKMNPRSTUVWXYZ") for _ in range(2))
    return f"{letters}-{rng.randrange(1000, 10000)}"


def _longest(words: list[str]) -> int:
    return max(range(len(words)), key=lambda i: len(words[i]))


def evasions(rng: random.Random) -> dict[str, Callable[[dict], dict]]:
    def title(change: Callable[[str], str]) -> Callable[[dict], dict]:
        return lambda row: {**row, "title": change(row["title"])}

    def homoglyphs(text: str) -> str:
        return "".join(ch.translate(_CYRILLIC) if rng.random() < 0.5 else ch for ch in text)

    def spelt_out(text: str) -> str:
        words = text.split()
        i = _longest(words)
        words[i] = " ".join(words[i])
        return " ".join(words)

    def run_together(text: str) -> str:
        words = text.split()
        if len(words) < 2:
            return text
        i = rng.randrange(len(words) - 1)
        return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])

    def hyphenated(text: str) -> str:
        words = text.split()
        i = _longest(words)
        half = len(words[i]) // 2
        words[i] = words[i][:half] + "-" + words[i][half:]
        return " ".join(words)

    def in_description(row: dict) -> dict:
        return {**row, "title": "Great item, see description", "description": row["title"]}

    stuffing = (
        "kitchen home outdoor garden toy decor tool storage organizer portable durable lightweight".split()
    )

    def stuffed(text: str) -> str:
        return text + " " + " ".join(rng.sample(stuffing, 5))

    # How factories and importers list: trade terms, minimum orders, lots and tiered prices.
    trade_terms = [
        "Wholesale {t} MOQ 100 pcs",
        "{t} - lot of 50, factory direct",
        "Bulk {t} OEM supplier, 1-99 pcs $2.50 / 100+ pcs $1.80",
        "{t} wholesale lots 500 pieces per carton, dropshipping",
    ]

    def wholesale(text: str) -> str:
        return rng.choice(trade_terms).format(t=text)

    def lookalike_codes(row: dict) -> dict:
        changed = {**row, "title": " ".join(_lookalike_code(w, rng) for w in row["title"].split(" "))}
        if row.get("model"):
            changed["model"] = " ".join(_lookalike_code(w, rng) for w in row["model"].split(" "))
        return changed

    return {
        UNCHANGED: title(lambda t: t),
        "look-alike letters": title(homoglyphs),
        "letters spaced out": title(spelt_out),
        "capitals and emoji": title(lambda t: "🔥 " + t.upper() + " ⭐⭐⭐"),
        "words run together": title(run_together),
        "word hyphenated": title(hyphenated),
        "only in description": in_description,
        "HTML entity": title(lambda t: t.replace(" ", " &amp; ", 1)),
        "dots for spaces": title(lambda t: ".".join(t.split())),
        "full-width letters": title(
            lambda t: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in t)
        ),
        "zero-width spaces": title(lambda t: t.replace("e", "e\u200b")),
        "keyword stuffing": title(stuffed),
        "wholesale shape": title(wholesale),
        "look-alike code chars": lookalike_codes,
        "seller's own code": title(lambda t: f"{t} {_own_code(rng)}"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("RECALL_SCREEN_SHARED", REPO.parent / "shared")) / "data",
        help="shared/data folder (default: $RECALL_SCREEN_SHARED/data, else ../shared/data)",
    )
    args = parser.parse_args()
    recalls = [
        args.shared / "recalls/cpsc_api/cpsc_recalls.json",
        *sorted((args.shared / "recalls/generic").iterdir()),
    ]
    index, _ = load_index(recalls)
    screener = Screener(index)
    rows = [json.loads(line) for line in (args.shared / "listings/dev.ndjson").read_text().splitlines()]
    base = [
        r
        for r in rows
        if r["label"]["kind"] == "recalled" and r["label"]["variant"] in ("verbatim", "reworded")
    ]

    print(f"{len(base)} verbatim and reworded re-listings from dev.ndjson, each rewritten with one evasion")
    print(f"{'evasion':22} {'n':>5} {'caught':>8} {'blocked':>8}  an example")
    for name, evade in evasions(random.Random(3)).items():
        caught = blocked = rewritten = 0
        example = ""
        for row in base:
            changed = evade(row)
            if changed == row and name != UNCHANGED:
                continue  # nothing this evasion rewrites (a title without a model number)
            rewritten += 1
            decision = screener.screen(Listing.model_validate(changed))
            top = {m.recall_id for m in decision.matches[:5] if m.applicable}
            hit = decision.decision is not Verdict.ALLOW and bool(top & set(row["label"]["recall_ids"]))
            caught += hit
            blocked += hit and decision.decision is Verdict.BLOCK
            example = example or changed["title"]
        print(
            f"{name:22} {rewritten:5} {100 * caught / rewritten:7.1f}% {100 * blocked / rewritten:7.1f}%  "
            f"{example[:60]!r}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
