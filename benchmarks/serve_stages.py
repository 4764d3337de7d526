"""Where the screening path's time goes: CPU time per stage, per listing, pass by pass.

Loads a folder's index.bin (as `bench_realistic.py --keep DIR` leaves it) and screens its
listings.ndjson through the whole path (`Listing` validated, screened, the decision's JSON and the
decision log's listing copy), in this process pinned to one core, `--passes` times over the same
listings. The first pass meets every candidate's profile for the first time (decoded and kept by
the index); later passes show the path with the index's caches warm. Each stage is timed by
wrapping the function the screener calls (process_time, so another process on the machine costs
little); a stage inside another, indented under it, is counted in both.

    .venv/bin/python benchmarks/serve_stages.py DIR [--passes 2] [--listings N] [--slowest N]
        [--outranked]

`--slowest N` also lists, per pass, the N listings that took longest, with how many candidates
their identifiers and their words proposed and how many were scored in full: where the tail is.

`--outranked` also counts, per pass, the candidates scored in full that could have gone unscored
with no decision changed, at best: allowed, not reported, and outranked by as many reported matches
as a decision shows (`Policy.max_matches`: applicable where they are not, or of a higher verdict, or
scoring higher). It is the most a bound on what a decision reports could spare the scoring stage,
were the bound exact: what such a bound is worth before anyone builds it.

Prints figures; asserts nothing. Timing belongs here, not in tests.
"""

from __future__ import annotations

import argparse
import heapq
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recall_screen import candidates, screening
from recall_screen.aws.decision_items import bounded_listing
from recall_screen.index import RecallIndex
from recall_screen.models import Listing, Verdict
from recall_screen.scoring import Scored

# (module, function, label): what the screener calls, looked up in its module at each call.
STAGES = [
    (screening, "analyse", "  listing analysis (analysis.analyse)"),
    (screening, "candidates", "  candidate search (candidates.candidates)"),
    (screening, "unreportable", "  wordless bound (candidates.unreportable)"),
    (screening, "unreportable_by_name", "  name bound (candidates.unreportable_by_name)"),
    (candidates, "below_on_totals", "    on stored totals (below_on_totals)"),
    (candidates, "below_on_profiles", "    on profiles, decoding them (below_on_profiles)"),
    (screening, "score", "  scoring (scoring.score)"),
    (screening, "judge_all", "  judging (scoring.judge_all)"),
    (screening, "fallback_candidates", "  fuzzy fallback scan"),
]
MATCHES = "  the decision's matches (Screener._to_match)"


def _timed(counter: dict[str, float], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            counter[label] += time.process_time() - started

    return timed


def _noted(seen: dict[str, Any], function: Callable[..., Any]) -> Callable[..., Any]:
    def noted(*args: Any, **kwargs: Any) -> Any:
        seen["found"] = found = function(*args, **kwargs)
        return found

    return noted


def _outranked(scored: list[Scored], shown: int) -> int:
    """How many of a listing's judged candidates are allowed and outranked by `shown` others at
    least (`screening`'s order: applicable first, then the verdict, then the score), so that no
    decision reports them whatever their exact score."""
    rank = {Verdict.BLOCK: 2, Verdict.REVIEW: 1, Verdict.ALLOW: 0}
    ordered = sorted(scored, key=lambda s: (s.applicable, rank[s.verdict], s.score), reverse=True)
    if len(ordered) <= shown:
        return 0
    last = ordered[shown - 1]
    return sum(
        1
        for s in ordered[shown:]
        if s.verdict is Verdict.ALLOW
        and (
            last.applicable > s.applicable
            or (last.applicable == s.applicable and (rank[last.verdict] > 0 or last.score > s.score))
        )
    )


def _one_pass(
    number: int,
    lines: list[str],
    screener: screening.Screener,
    spent: dict[str, float],
    seen: dict[str, Any],
    show: int,
    outranked: bool,
) -> None:
    spent.clear()
    started = time.process_time()
    slowest: list[tuple[float, str, str]] = []
    judged = spared = 0
    for line in lines:
        seen.clear()
        t0 = time.process_time()
        listing = Listing.model_validate_json(line)
        t1 = time.process_time()
        decision = screener.screen(listing)
        t2 = time.process_time()
        decision.model_dump_json()
        bounded_listing(listing)
        t3 = time.process_time()
        spent["Listing validated"] += t1 - t0
        spent["screened (Screener.screen)"] += t2 - t1
        spent["decision JSON + the log's listing copy"] += t3 - t2
        if show:
            by_id, by_name = seen.get("found", ((), ()))
            found = f"{len(by_id):>5} by identifier {len(by_name):>3} by words"
            found += f" {seen.get('scored', 0):>5} scored"
            heapq.heappush(slowest, (t3 - t0, found, listing.title[:60]))
            if len(slowest) > show:
                heapq.heappop(slowest)
        if outranked:
            scored: list[Scored] = seen.get("judged", [])
            judged += len(scored)
            spared += _outranked(scored, screener.policy.max_matches)
    whole = time.process_time() - started
    print(f"pass {number}: {1000 * whole / len(lines):.3f} ms CPU per listing ({len(lines):,} listings)")
    order = [
        "Listing validated",
        "screened (Screener.screen)",
        *(label for _, _, label in STAGES),
        MATCHES,
        "decision JSON + the log's listing copy",
    ]
    for label in order:
        seconds = spent[label]
        print(f"  {label:50} {1000 * seconds / len(lines):7.3f} ms  {seconds / whole:5.1%}")
    if slowest:
        share = sum(seconds for seconds, _, _ in slowest) / whole
        print(f"  the {len(slowest)} slowest listings ({share:.0%} of the pass):")
    for seconds, found, title in sorted(slowest, reverse=True):
        print(f"    {1000 * seconds:8.1f} ms  {found}  {title!r}")
    if outranked:
        print(
            f"  scored in full: {judged / len(lines):.2f} per listing; allowed and outranked by "
            f"{screener.policy.max_matches} reported matches: {spared:,} of {judged:,} "
            f"({spared / max(judged, 1):.1%}), the most a bound on what is reported could spare"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="a folder with index.bin and listings.ndjson")
    parser.add_argument("--passes", type=int, default=2, help="passes over the same listings")
    parser.add_argument("--listings", type=int, help="only the first N listings")
    parser.add_argument("--slowest", type=int, default=0, help="list the N slowest listings of each pass")
    parser.add_argument(
        "--outranked",
        action="store_true",
        help="count the scored candidates no decision could report (what a bound on it could spare)",
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    lines = (args.folder / "listings.ndjson").read_text().splitlines()[: args.listings]
    index = RecallIndex.from_artifact((args.folder / "index.bin").read_bytes())
    screener = screening.Screener(index)
    spent: dict[str, float] = defaultdict(float)
    for module, name, label in STAGES:
        setattr(module, name, _timed(spent, label, getattr(module, name)))
    screener._to_match = _timed(spent, MATCHES, screener._to_match)  # type: ignore[method-assign]
    seen: dict[str, Any] = {}  # the listing's candidates (by identifier, by words) and scored count
    if args.slowest:  # counted only when asked for: each wrapper costs every pass a little
        screening.candidates = _noted(seen, screening.candidates)
        scored = screening.score

        def score(*args: Any, **kwargs: Any) -> Any:
            seen["scored"] = seen.get("scored", 0) + 1
            return scored(*args, **kwargs)

        screening.score = score
    if args.outranked:
        judge_all = screening.judge_all

        def judged(scored: list[Scored], *args: Any, **kwargs: Any) -> None:
            judge_all(scored, *args, **kwargs)
            seen["judged"] = scored

        screening.judge_all = judged

    for number in range(1, args.passes + 1):
        _one_pass(number, lines, screener, spent, seen, args.slowest, args.outranked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
