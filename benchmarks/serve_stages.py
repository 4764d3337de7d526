"""Where the screening path's time goes: CPU time per stage, per listing, pass by pass.

Loads a folder's index.bin (as `bench_realistic.py --keep DIR` leaves it) and screens its
listings.ndjson through the whole path (`Listing` validated, screened, the decision's JSON and the
decision log's listing copy), in this process pinned to one core, `--passes` times over the same
listings. The first pass meets every candidate's profile for the first time (decoded and kept by
the index); later passes show the path with the index's caches warm. Each stage is timed by
wrapping the function the screener calls (process_time, so another process on the machine costs
little); a stage inside another, indented under it, is counted in both.

    .venv/bin/python benchmarks/serve_stages.py DIR [--passes 2] [--listings N] [--slowest N]
        [--unreported]

`--slowest N` also lists, per pass, the N listings that took longest, with how many candidates
their identifiers and their words proposed and how many were scored in full: where the tail is.

`--unreported` also sorts, per pass, the candidates scored in full that no decision reports, with
the share of the scoring stage's time each kind takes: allowed under the report floor (slack in the
name bound); outranked by the last match a decision shows (`Policy.max_matches`: applicable where
they are not, or of a higher verdict, or scoring higher); tying it beyond `Policy.max_tied_matches`.
That is what bounds on what a decision reports could spare at best, were they exact: what they
are worth before anyone builds them. Its wrappers cost the pass a little, as `--slowest`'s do.

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
from recall_screen.models import Listing
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


# What `--unreported` sorts the unreported candidates into, in the order it prints them.
UNREPORTED = (
    "allowed under the report floor",
    "outranked by the last match shown",
    "tying it, beyond the ties shown",
)


def _unreported(seen: dict[str, Any], shown: int, spent: dict[str, float], counted: dict[str, int]) -> None:
    """Sort one listing's scored candidates that its decision does not report into `UNREPORTED`,
    counting them and the time `scoring.score` took on each. `seen` holds what the wrappers noted:
    every judged candidate, those kept after the report floor (in `screening`'s order) and how many
    the decision shows."""
    judged: list[Scored] = seen.get("judged", [])
    kept: list[Scored] = seen.get("kept", [])
    reported: int = seen.get("reported", 0)
    took: dict[int, float] = seen.get("took", {})
    counted["scored"] += len(judged)
    spent["scored"] += sum(took.values())
    kinds: dict[int, str] = {}
    ids = {id(s) for s in kept}
    for s in judged:
        if id(s) not in ids:
            kinds[s.position] = UNREPORTED[0]
    if kept[reported:]:
        last = kept[shown - 1]  # what the ties `screening._reported` shows are ties of
        bar = (last.applicable, screening._RANK[last.verdict], last.score)
        for s in kept[reported:]:
            below = (s.applicable, screening._RANK[s.verdict], s.score) < bar
            kinds[s.position] = UNREPORTED[1] if below else UNREPORTED[2]
    for position, kind in kinds.items():
        counted[kind] += 1
        spent[kind] += took.get(position, 0.0)


def _one_pass(
    number: int,
    lines: list[str],
    screener: screening.Screener,
    spent: dict[str, float],
    seen: dict[str, Any],
    show: int,
    unreported: bool,
) -> None:
    spent.clear()
    started = time.process_time()
    slowest: list[tuple[float, str, str]] = []
    unspent: dict[str, float] = defaultdict(float)  # scoring time of the unreported, by kind
    counted: dict[str, int] = defaultdict(int)
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
            found += f" {len(seen.get('took', ())):>5} scored"
            heapq.heappush(slowest, (t3 - t0, found, listing.title[:60]))
            if len(slowest) > show:
                heapq.heappop(slowest)
        if unreported:
            _unreported(seen, screener.policy.max_matches, unspent, counted)
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
    if unreported:
        scored, scoring = counted["scored"], unspent["scored"]
        print(
            f"  scored in full: {scored / len(lines):.2f} a listing; not reported "
            "(share of them, of its time):"
        )
        for kind in UNREPORTED:
            share = unspent[kind] / scoring if scoring else 0.0
            print(f"    {kind:46} {counted[kind]:>7,} {counted[kind] / max(scored, 1):6.1%} {share:6.1%}")


def _note_scoring(seen: dict[str, Any]) -> None:
    """Wrap `scoring.score` to note the time it takes on each of a listing's candidates, by
    position: how many were scored in full (`--slowest`) and what each cost (`--unreported`)."""
    score = screening.score

    def timed_score(view: Any, position: int, *args: Any, **kwargs: Any) -> Scored:
        started = time.process_time()
        try:
            return score(view, position, *args, **kwargs)
        finally:
            seen.setdefault("took", {})[position] = time.process_time() - started

    screening.score = timed_score


def _note_unreported(seen: dict[str, Any]) -> None:
    """Wrap what `--unreported` reads besides the scoring times: the judged candidates, those kept
    after the report floor, and how many of them the decision reports."""
    judge_all, reported = screening.judge_all, screening._reported

    def noted_judge_all(judged: list[Scored], *args: Any, **kwargs: Any) -> None:
        judge_all(judged, *args, **kwargs)
        seen["judged"] = judged

    def noted_reported(kept: list[Scored], policy: Any) -> list[Scored]:
        seen["kept"], shown = kept, reported(kept, policy)
        seen["reported"] = len(shown)
        return shown

    screening.judge_all, screening._reported = noted_judge_all, noted_reported


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="a folder with index.bin and listings.ndjson")
    parser.add_argument("--passes", type=int, default=2, help="passes over the same listings")
    parser.add_argument("--listings", type=int, help="only the first N listings")
    parser.add_argument("--slowest", type=int, default=0, help="list the N slowest listings of each pass")
    parser.add_argument(
        "--unreported",
        action="store_true",
        help="sort the scored candidates no decision reports (what bounds on them could spare)",
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
    seen: dict[str, Any] = {}  # what the wrappers note of the listing at hand
    # Noted only when asked for: each wrapper costs every pass a little.
    if args.slowest:
        screening.candidates = _noted(seen, screening.candidates)
    if args.slowest or args.unreported:
        _note_scoring(seen)
    if args.unreported:
        _note_unreported(seen)

    for number in range(1, args.passes + 1):
        _one_pass(number, lines, screener, spent, seen, args.slowest, args.unreported)
    return 0


if __name__ == "__main__":
    sys.exit(main())
