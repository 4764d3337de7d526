"""`recall-screen evaluate --sequence FILE`: what the re-listing memory catches that the text alone
would allow, replaying an ordered stream of listings through the screening service on an embedded
AWS (moto), so each decision is recorded and remembered as it would be in the API.

Each line is a listing with a `label`: `kind` is `original` (a recalled listing, first sight),
`relisting` (the same product again: `relisting_of` names the original; `variant` says how) or
`clean` (another product; `seller_of` names the original listing whose seller sells it). Each is
screened twice: by the text alone (the screener) and through the service with the memory; only the
second is recorded. `data/sequences/relisting_sequence.ndjson` is one such stream.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from recall_screen.models import Decision, Listing, Verdict
from recall_screen.screening import Screener
from recall_screen.service import Requester, Screening

from recall_screen_cli.console import CommandError, open_output


def _read(path: Path) -> list[tuple[dict[str, Any], Listing]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            rows.append((dict(raw.get("label") or {}), Listing.model_validate(raw)))
        except (ValueError, ValidationError) as exc:
            raise CommandError(f"error: {path}:{number}: not a labelled listing ({exc})") from None
    return rows


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def replay(screener: Screener, rows: list[tuple[dict[str, Any], Listing]]) -> dict[str, Any]:
    """Screen the stream on an embedded AWS; the counts by kind and outcome."""
    from recall_screen.aws.decision_log import DecisionLog
    from recall_screen.aws.review_store import ReviewStore

    from recall_screen_cli.embedded import embedded_aws

    counts: Counter[str] = Counter()
    caught: list[str] = []
    flagged_clean: list[str] = []
    with embedded_aws(quiet=True) as aws:
        log = DecisionLog(aws.client("dynamodb"), aws.table)
        screening = Screening(log, Requester("evaluate-sequence", "evaluate"), memory=ReviewStore(log))
        blocked_originals: set[str] = set()
        for label, listing in rows:
            text = screener.screen(listing)
            remembered = Decision.model_validate_json(screening.screen_one(screener, listing))
            kind = label.get("kind", "unlabelled")
            if kind == "original":
                counts["original"] += 1
                if remembered.decision is Verdict.BLOCK:
                    counts["original_blocked"] += 1
                    blocked_originals.add(listing.listing_id)
                continue
            after_block = (label.get("relisting_of") or label.get("seller_of")) in blocked_originals
            prefix = f"{kind}_{label.get('variant', '')}" if kind == "relisting" else kind
            counts[f"{prefix}"] += 1
            counts[f"{prefix}_after_block"] += int(after_block)
            text_catches = text.decision is not Verdict.ALLOW
            memory_catches = remembered.decision is not Verdict.ALLOW
            if not after_block:
                continue
            counts[f"{prefix}_text"] += int(text_catches)
            counts[f"{prefix}_memory"] += int(memory_catches)
            if memory_catches and not text_catches:
                counts[f"{prefix}_memory_only"] += 1
                (caught if kind == "relisting" else flagged_clean).append(
                    f"{listing.listing_id} {remembered.decision.value}: {listing.title[:70]}"
                )
    return {"counts": dict(counts), "caught_by_memory_only": caught, "clean_flagged_by_memory": flagged_clean}


def run(args: argparse.Namespace, screener: Screener) -> int:
    if find_spec("moto") is None:
        raise CommandError("error: evaluate --sequence needs the 'local' extra (moto) for its embedded AWS")
    path = Path(args.sequence)
    rows = _read(path)
    result = replay(screener, rows)
    c = result["counts"]
    print(f"\nsequence {path}: {len(rows)} listings, replayed in order through the service with its memory")
    print(f"  originals blocked            {_share(c.get('original_blocked', 0), c.get('original', 0))}")
    for variant in sorted(
        {
            k.removesuffix("_after_block")
            for k in c
            if k.startswith("relisting_") and k.endswith("_after_block")
        }
    ):
        n = c.get(f"{variant}_after_block", 0)
        print(f"  {variant.removeprefix('relisting_')} (after a block: {n})")
        print(f"    caught by the text alone   {_share(c.get(f'{variant}_text', 0), n)}")
        print(f"    caught with the memory     {_share(c.get(f'{variant}_memory', 0), n)}")
        print(f"    caught by the memory only  {_share(c.get(f'{variant}_memory_only', 0), n)}")
    n = c.get("clean_after_block", 0)
    print(f"  clean listings by blocked sellers: {n}")
    print(f"    sent to review/blocked by the text alone  {_share(c.get('clean_text', 0), n)}")
    print(f"    sent to review/blocked with the memory    {_share(c.get('clean_memory', 0), n)}")
    print(f"    by the memory only                        {_share(c.get('clean_memory_only', 0), n)}")
    for line in result["clean_flagged_by_memory"]:
        print(f"      {line}")
    if args.json_out:
        with open_output(args.json_out) as handle:
            handle.write(json.dumps(result, indent=2) + "\n")
    return 0
