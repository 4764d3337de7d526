"""Screening: one listing in, one decision out, against one loaded index under one policy."""

from __future__ import annotations

import gc
from collections.abc import Callable, Set
from datetime import UTC, datetime

from recall_screen import jurisdiction
from recall_screen.analysis import ListingView, analyse
from recall_screen.caches import Recent
from recall_screen.candidates import candidates, fallback_candidates, unreportable, unreportable_by_name
from recall_screen.category_rules import rule_reasons
from recall_screen.clock import utc_z
from recall_screen.ids import new_decision_id
from recall_screen.index import RecallIndex
from recall_screen.models import Decision, Listing, Match, Verdict
from recall_screen.policy import Policy
from recall_screen.profile import Notice
from recall_screen.scoring import NameParts, Scored, judge_all, score

_RANK = {Verdict.BLOCK: 2, Verdict.REVIEW: 1, Verdict.ALLOW: 0}
# A match below this is not worth a reviewer's glance and is not reported.
REPORT_FLOOR = 0.35
# Full collections wait for this many collections of the middle generation (CPython's default: 10).
FULL_COLLECTION_EVERY = 1_000
# Decoded notices a screener keeps (about half a kilobyte each), the least recently shown given up first.
SHOWN_KEPT = 20_000


def collect_fully_seldom() -> None:
    """Make the cyclic garbage collector's full collections a hundred times rarer, for the
    process (a rarer setting made on purpose is kept). A screener's index keeps each candidate's
    decoded profile (tens of thousands, a dozen tracked objects each): every full collection
    walks them all again, a pause of 0.2-0.4 s at 100,000 recalls that CPython's default
    brings eight times in one pass over 5,811 listings, a tenth of their time, and of 0.66 s at
    1,000,000, which a tenth as many still brought four times. Screening leaves no cyclic
    garbage (none after 3,000 listings, measured): the full collections find nothing to free,
    and the young generations still collect as often as before."""
    young, middle, full = gc.get_threshold()
    if full < FULL_COLLECTION_EVERY:
        gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


class Screener:
    """Screens listings against one index. Immutable: swap the whole screener to change index."""

    def __init__(self, index: RecallIndex, policy: Policy | None = None) -> None:
        self.index = index
        self.policy = policy or Policy()
        # The notices decisions show, decoded once: a recall many listings match is shown by many
        # decisions (a notice line and its three long texts are read from compressed blocks).
        self._shown: Recent[int, Notice] = Recent(SHOWN_KEPT)
        collect_fully_seldom()

    def recall_scope(self, source: str, recall_id: str, ship_to: str | None) -> bool | None:
        """Whether a recall named outside the matcher (a remembered block, recall_screen.relisting)
        applies where a listing ships; None when the index no longer lists it (withdrawn)."""
        position = self.index.position_of(source, recall_id)
        if position is None:
            return None
        return jurisdiction.applies(self.index.profile(position).countries, ship_to)

    def _match(self, listing: Listing) -> tuple[ListingView, list[Scored]]:
        view = analyse(listing, self.index, self.policy)
        by_id, by_name = candidates(view, self.index, self.policy, listing.ship_to)
        positions = by_id | set(by_name)
        if not positions and (view.informative or view.unknown):
            positions = fallback_candidates(view, self.index)
        # Candidates that cannot be reported are not scored; each scored one's words are still
        # counted against every candidate (`judge_all`'s sharing), on the word postings.
        skipped = unreportable(view, self.index, self.policy, by_id.difference(by_name), REPORT_FLOOR)
        names: dict[int, NameParts] = {}  # the name evidence the bounds worked out, used again
        skipped |= unreportable_by_name(
            view, self.index, self.policy, positions - skipped, by_id, REPORT_FLOOR, names
        )
        scored = [
            score(view, p, self.index, self.policy, listing.ship_to, names.get(p))
            for p in positions
            if p not in skipped
        ]
        sharing = _sharing(positions, self.index, listing.ship_to) if skipped else None
        judge_all(scored, self.policy, sharing, REPORT_FLOOR)
        scored = [s for s in scored if s.verdict is not Verdict.ALLOW or s.score >= REPORT_FLOOR]
        # Best first; among equals, the match with more evidence, then the newer notice (the
        # product more likely still in circulation).
        scored.sort(
            key=lambda s: (
                s.applicable,
                _RANK[s.verdict],
                s.score,
                s.features.mass,
                s.profile.published,
            ),
            reverse=True,
        )
        return view, scored

    def screen(
        self, listing: Listing, *, decision_id: str | None = None, now: datetime | None = None
    ) -> Decision:
        now = (now or datetime.now(UTC)).astimezone(UTC)
        view, scored = self._match(listing)
        matches = [self._to_match(s, view) for s in _reported(scored, self.policy)]
        # Category rules after the recalls: a hit makes the decision at least its action.
        rule_hits = self.index.rules.match(listing)
        applicable = [m for m in [*matches, *rule_hits] if m.applicable]
        verdict = max((m.verdict for m in applicable), key=_RANK.__getitem__, default=Verdict.ALLOW)
        return Decision(
            decision_id=decision_id or new_decision_id(int(now.timestamp() * 1000)),
            listing_id=listing.listing_id,
            decision=verdict,
            matches=[*matches, *rule_hits],
            reasons=_reasons(verdict, matches) + rule_reasons(rule_hits),
            index_version=self.index.version,
            policy_version=self.policy.version,
            decided_at=utc_z(now),
        )

    def _to_match(self, s: Scored, view: ListingView) -> Match:
        recall = self._shown.get(s.position)
        if recall is None:
            recall = self._shown.put(s.position, self.index.notice(s.position))
        return Match(
            recall_id=recall.recall_id,
            source=recall.source,
            title=recall.title,
            url=recall.url,
            hazard=recall.hazard,
            remedy=recall.remedy,
            score=s.score,
            verdict=s.verdict if s.applicable else Verdict.ALLOW,
            applicable=s.applicable,
            evidence=s.evidence_models(view),
            notes=s.notes,
        )


def _sharing(
    positions: set[int], index: RecallIndex, ship_to: str | None
) -> Callable[[frozenset[str], bool], int]:
    """How many of `positions` (of those that apply where the listing ships, for one that does)
    use every one of some words (all of them for no word): what `judge_all` counts on the
    candidates' vocabularies, counted on the word postings (an index's words are its recalls'
    vocabularies), once per set of words."""
    applying = {i for i in positions if jurisdiction.applies(index.countries(i), ship_to)}
    counts: dict[tuple[frozenset[str], bool], int] = {}

    def sharing(words: frozenset[str], applies: bool) -> int:
        found = counts.get((words, applies))
        if found is None:
            members: Set[int] = applying if applies else positions
            for word in words:
                members = index.postings_set(word).intersection(members)  # runs over the smaller
            found = counts[words, applies] = len(members)
        return found

    return sharing


def _reported(scored: list[Scored], policy: Policy) -> list[Scored]:
    """The best `max_matches`, and those after them that tie the last (same verdict and score,
    both applicable or not), up to `max_tied_matches`."""
    end = min(policy.max_matches, len(scored))
    if end == 0:
        return []
    last = scored[end - 1]
    bound = max(policy.max_tied_matches, policy.max_matches)
    while (
        end < min(len(scored), bound)
        and scored[end].verdict is last.verdict
        and scored[end].applicable == last.applicable
        and scored[end].score == last.score
    ):
        end += 1
    return scored[:end]


def _reasons(verdict: Verdict, matches: list[Match]) -> list[str]:
    if not matches:
        return [f"no recall in the index matches this listing ({'checked identifiers and names'})"]
    reasons = []
    for m in matches:
        if not m.applicable:
            reasons.append(f"{m.source} recall {m.recall_id} matches but does not apply here")
            continue
        if m.verdict is Verdict.ALLOW:
            continue
        methods = ", ".join(dict.fromkeys(e.method for e in m.evidence)) or "name"
        reasons.append(
            f"{m.verdict.value}: {m.source} recall {m.recall_id} by {methods} (score {m.score:.2f})"
        )
        reasons.extend(f"  {note}" for note in m.notes)
    if verdict is Verdict.ALLOW and not reasons:
        reasons.append("no match carries the evidence to block or to send to review (see each match's notes)")
    return reasons
