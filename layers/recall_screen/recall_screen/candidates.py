"""The recalls a listing may be: found through inverted indexes, so the cost per listing stays
nearly flat as the recall list grows; a listing the indexes cannot place falls back to a fuzzy
scan of every recall's name."""

from __future__ import annotations

from itertools import repeat
from operator import add

from rapidfuzz import fuzz, process

from recall_screen import jurisdiction
from recall_screen.analysis import ListingView
from recall_screen.index import RecallIndex
from recall_screen.policy import Policy


def candidates(
    view: ListingView, index: RecallIndex, policy: Policy, ship_to: str | None = None
) -> tuple[set[int], list[int]]:
    """(positions found by identifiers, positions found by names, most promising first: those that
    apply where the listing ships, then by their evidence).

    Rare words propose candidates; common words only add weight to candidates already proposed
    (checked against the word's posting set), so a listing full of "baby", "set", "kids" costs
    the same whether ten or a hundred thousand recalls use those words. A listing of common words
    only still gets candidates, from the rarest of them, rather than none."""
    return _by_identifiers(view, index), _by_names(view, index, policy, ship_to)


def _by_identifiers(view: ListingView, index: RecallIndex) -> set[int]:
    found: set[int] = set()
    for listed in view.gtins:
        found.update(index.by_gtin.get(listed.gtin14, ()))
        found.update(index.by_unchecked_gtin.get(listed.gtin14, ()))
    for code in view.codes:
        found.update(index.by_model.get(code.key, ()))
    return found


def _by_names(view: ListingView, index: RecallIndex, policy: Policy, ship_to: str | None) -> list[int]:
    totals: dict[int, float] = {}
    common: list[tuple[int, str]] = []
    cutoff = index.common_cutoff
    get = totals.get
    for token, hit in view.hits.items():
        postings = index.by_token.get(token, ())
        if len(postings) > cutoff:
            common.append((len(postings), token))
            continue
        w = index.weights.get(token, 1.0) * hit.quality
        # totals[i] = totals.get(i, 0.0) + w for each position, in C (a posting lists each once).
        totals.update(zip(postings, map(add, map(get, postings, repeat(0.0)), repeat(w)), strict=True))
    common.sort()
    if not totals and common:  # only common words: let the rarest of them propose
        _, rarest = common.pop(0)
        totals = dict.fromkeys(index.by_token[rarest], index.weights[rarest] * view.hits[rarest].quality)
    for _, token in common:
        w = index.weights[token] * view.hits[token].quality
        members = index.postings_set(token).intersection(totals)
        totals.update(zip(members, map(add, map(totals.__getitem__, members), repeat(w)), strict=True))
    # What heapq.nlargest(n, totals, key=...) returns (its documented equivalent, ties in the same
    # order), sorted in C: nlargest's loop runs in Python over every one of hundreds of totals.
    best = sorted(totals, key=totals.__getitem__, reverse=True)[: policy.candidate_limit * 4]
    # A notice of another regulator's market (a US listing against the EU's many notices of one
    # product type) must not take the places of those that apply: among the strongest, they rank
    # after them.
    if ship_to is not None:
        best.sort(key=lambda i: jurisdiction.applies(index.countries(i), ship_to), reverse=True)
    _cut_after_ties(best, totals, policy.candidate_limit)
    # A candidate holding less than half the listing's evidence that the best one holds cannot
    # outscore it on names, nor be of its family: not worth scoring — beyond the first few, which
    # are scored whatever they hold: a storefront notice's product is matched on its
    # specifications, which a notice naming the listing's rarer words may lack.
    floor = totals[best[0]] * policy.candidate_floor if best else 0.0
    return [i for n, i in enumerate(best) if n < policy.candidates_always or totals[i] >= floor]


def _cut_after_ties(best: list[int], totals: dict[int, float], limit: int) -> None:
    """Keep the first `limit` of `best`, and those after them that tie the last one kept: a
    listing as like fifteen notices of one product type (the many storefronts' bed rails, each
    recalled on its own) is scored against all of them, not against the twelve that happened to
    sort first."""
    if len(best) <= limit:
        return
    last = totals[best[limit - 1]]
    end = limit
    while end < len(best) and totals[best[end]] == last:
        end += 1
    del best[end:]


def fallback_candidates(view: ListingView, names: list[str], limit: int = 5) -> set[int]:
    """A fuzzy scan over every recall name, for a listing the word indexes could not place."""
    query = " ".join(
        [*(word.readings[0] for word in view.informative), *(word.token for word in view.unknown)]
    )
    found = process.extract(
        query, names, scorer=fuzz.token_set_ratio, processor=None, limit=limit, score_cutoff=75
    )
    return {position for _, _, position in found}
