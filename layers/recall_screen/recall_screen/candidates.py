"""The recalls a listing may be: found through inverted indexes, so the cost per listing stays
nearly flat as the recall list grows; a listing the indexes cannot place falls back to a fuzzy
scan of every recall's name."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from itertools import islice, repeat
from operator import add

from rapidfuzz import fuzz, process

from recall_screen import jurisdiction
from recall_screen.analysis import ListingView
from recall_screen.artifact import (
    NAME_ALL_MODELS,
    NAME_BARE_TEXT,
    NAME_BRANDED,
    NAME_STOREFRONT,
    word_bit,
)
from recall_screen.index import RecallIndex
from recall_screen.lexicon import MARKETING_NOISE
from recall_screen.policy import NAME_CEILING, Policy
from recall_screen.profile import Profile, token_set
from recall_screen.scoring import PILED_ON, NameParts, _names_rare_word, name_parts, name_score

# The least `fuzz.token_set_ratio` (0-100) of a name the fallback scan proposes.
FALLBACK_CUTOFF = 75


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
        if hit.method == "compound":
            continue  # a type read from the listing's: the rare word that settled it proposes
        postings = index.by_token.get(token, ())
        # Sale talk ("high quality", "new") names no product: it only adds weight, as a common word
        # does, though few notices use it.
        if len(postings) > cutoff or token in MARKETING_NOISE:
            common.append((len(postings), token))
            continue
        w = index.weights.get(token, 1.0) * hit.quality
        # totals[i] = totals.get(i, 0.0) + w for each position, in C (a posting lists each once).
        totals.update(zip(postings, map(add, map(get, postings, repeat(0.0)), repeat(w)), strict=True))
    common.sort()
    if not totals and common:  # only common words: let the rarest of them propose, sale talk last
        first = next((n for n, (_, token) in enumerate(common) if token not in MARKETING_NOISE), 0)
        _, rarest = common.pop(first)
        totals = _best_of_the_rarest(view, index, rarest, common, policy.candidate_limit * 4)
        best = list(totals)
    else:
        for _, token in common:
            w = index.weights[token] * view.hits[token].quality
            # The candidates that use the word, found by running over the smaller of the two (a
            # frozenset's intersection with a dict runs over the dict, thousands of totals).
            posted = index.postings_set(token)
            members = totals.keys() & posted if len(posted) < len(totals) else posted.intersection(totals)
            totals.update(zip(members, map(add, map(totals.__getitem__, members), repeat(w)), strict=True))
        # What heapq.nlargest(n, totals, key=...) returns (its documented equivalent, ties in the
        # same order), sorted in C: nlargest's loop runs in Python over every one of hundreds of
        # totals.
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


def _best_of_the_rarest(
    view: ListingView, index: RecallIndex, rarest: str, others: list[tuple[int, str]], n: int
) -> dict[int, float]:
    """For a listing of common words only: the `n` best of the notices using its rarest word, by
    the weight its words give each, best first (ties in the posting's order, that of their
    positions), with those totals. What a total for every notice of the word, each of the
    `others` adding its weight to those using it, sorted, would give; but only the notices the
    others add to get a total (a few against tens of thousands: "bicycle" at 1,000,000 recall
    products), and the rest are taken in order until there are `n`."""
    base = index.weights[rarest] * view.hits[rarest].quality
    proposing = index.postings_set(rarest) if others else frozenset()
    added: dict[int, float] = {}
    for _, token in others:
        w = index.weights[token] * view.hits[token].quality
        members = index.postings_set(token).intersection(proposing)  # runs over the smaller
        # added[i] = added.get(i, base) + w for each, in C: the sums a total from `base` makes.
        added.update(zip(members, map(add, map(added.get, members, repeat(base)), repeat(w)), strict=True))
    # Sorted by position, then (a stable sort) by total: ties stay in the posting's order.
    best = [i for i in sorted(sorted(added), key=added.__getitem__, reverse=True)[:n] if added[i] > base]
    if len(best) < n:  # every notice the others add to is in; the rest all hold `base`
        ahead = set(best)
        best += islice((i for i in index.by_token[rarest] if i not in ahead), n - len(best))
    return {i: added.get(i, base) for i in best}


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


def fallback_candidates(view: ListingView, index: RecallIndex, limit: int = 5) -> set[int]:
    """A fuzzy scan over every recall name, for a listing the word indexes could not place: the
    `limit` names most like its words by `fuzz.token_set_ratio`, at `FALLBACK_CUTOFF` or more.

    Where none of its words is an index word, no name shares one (a name's words are its recall's
    vocabulary) and the ratio is `fuzz.ratio` of the two token sets (`profile.token_set`, the
    form names are stored in): that scan, which rapidfuzz runs on the query made once, finds the
    names that can reach the cutoff (a hair under it, for the two formulas' rounding), and only
    they are scored as before. The same names, in a sixth of the time or less: 96-100 against
    625-667 ms a listing at 1,000,000 recall products, once the names are decoded."""
    words = [*(word.readings[0] for word in view.informative), *(word.token for word in view.unknown)]
    query, names = " ".join(words), index.names
    if any(word in index.by_token for word in words):
        found = process.extract(
            query,
            names,
            scorer=fuzz.token_set_ratio,
            processor=None,
            limit=limit,
            score_cutoff=FALLBACK_CUTOFF,
        )
        return {position for _, _, position in found}
    near = process.extract(
        token_set(words),
        names,
        scorer=fuzz.ratio,
        processor=None,
        limit=None,
        score_cutoff=FALLBACK_CUTOFF - 0.01,
    )
    scored = []
    for _, _, position in near:
        value = fuzz.token_set_ratio(query, names[position], processor=None, score_cutoff=FALLBACK_CUTOFF)
        if value:
            scored.append((-value, position))  # best first, then the first in the index, as extract ranks
    return {position for _, position in sorted(scored)[:limit]}


def unreportable(
    view: ListingView, index: RecallIndex, policy: Policy, found: set[int], floor: float
) -> set[int]:
    """Those of `found` (candidates found by an identifier and by no word) whose score provably
    stays below `floor` and the review threshold, so scoring them in full changes no decision: a
    short model number ("1000") lists hundreds of notices, most of which share no word with the
    listing.

    A candidate qualifies when its vocabulary holds none of the listing's words (checked on the
    word postings), no GTIN of the listing is its own and none of its model numbers that the
    listing gives is distinctive (its stored mask of them, `artifact.model_mask`). Then no name,
    brand or specification of it is in the listing (`scoring`: no text word found, no brand, no
    rare name word, nothing of the listing explained, no storefront type named), so its only
    verdict is a name match's ALLOW and its value is at most the bound `_wordless_bounds` works
    out from the policy, by its stored flags: no profile line is read (kept in step with
    `Policy.judge` and `scoring.name_score`: tests/unit/test_candidate_bounds.py compares the
    decisions with those of scoring every candidate, under several policies)."""
    if not found or policy.brand_agreement <= 0 or policy.rare_word_weight <= 0:
        return set()
    # The floor is compared with the score rounded to 4 places (`judge_all`): 0.34996 reports.
    limit = min(floor - 1e-4, policy.review_threshold) - 1e-9
    bounds = _wordless_bounds(policy)
    if min(bounds) >= limit:
        return set()
    rest = set(found)
    for listed in view.gtins:
        rest.difference_update(index.by_gtin.get(listed.gtin14, ()))
        rest.difference_update(index.by_unchecked_gtin.get(listed.gtin14, ()))
    for token in view.hits:
        if not rest:
            return rest
        rest.difference_update(index.postings_set(token).intersection(rest))
    bits = _key_bits(view)
    masks, flags = index.model_masks, index.name_flags
    return {i for i in rest if not masks[i] & bits and _wordless_bound(flags[i], bounds) < limit}


def _key_bits(view: ListingView) -> int:
    """The `artifact.word_bit`s of the listing's model keys, as `artifact.model_mask` sets them."""
    bits = 0
    for code in view.codes:
        bits |= word_bit(code.key)
    return bits


def _wordless_bounds(policy: Policy) -> tuple[float, float, float]:
    """The most a candidate sharing no word with the listing can score: (with a brand of its own,
    with none and a text of words, with none and a text of no word or a storefront's name).
    Its product-text coverage is 0, or 0.5 for a text of no word (`scoring.text_evidence`); its
    brand's, 0; the share of the listing it explains, 0 (`scoring.name_score`); a short model
    number may add its bonus, and the strong-name bonus only if its coverage can reach 0.5."""

    def value(name_cov: float) -> float:
        bonus = policy.weak_model_bonus
        if policy.strong_name_coverage <= 0.5:
            bonus += policy.strong_name_bonus
        return min(name_cov * (1 - policy.explained_weight) + bonus, NAME_CEILING)

    branded = 0.5 * max(policy.dropped_brand_factor, 1 - policy.brand_weight)
    return value(branded), value(0.0), value(0.5)


def _wordless_bound(flags: int, bounds: tuple[float, float, float]) -> float:
    """`_wordless_bounds`' for a recall, by its stored `artifact.NAME_*` flags (a text of no
    weighted word has a coverage of 0.5, as one of no word)."""
    if flags & NAME_STOREFRONT or (not flags & NAME_BRANDED and flags & NAME_BARE_TEXT):
        return bounds[2]
    return bounds[0] if flags & NAME_BRANDED else bounds[1]


def unreportable_by_name(
    view: ListingView,
    index: RecallIndex,
    policy: Policy,
    found: set[int],
    identified: set[int],
    floor: float,
    names: dict[int, NameParts] | None = None,
) -> set[int]:
    """Those of `found` whose names alone keep their score below `floor`, the review threshold
    and the line-name floor, so scoring them in full changes no decision: most candidates a
    listing's words propose share a word or two with it and end as an allowed match too weak to
    report, and so do most of the notices a short model number ("1000") lists that share a word.

    A candidate some identifier of the listing found (`identified`: every GTIN and model number
    of a notice is on the postings) is left to full scoring when it is a GTIN of the notice or
    a distinctive model number of it; a short one counts only if the notice is not named by its
    brand or a rare word of its names (`Policy.judge`'s weak-model rule), and then adds its
    bonus. A storefront's notice (matched on its specifications) is always scored. Then
    `Policy.judge` goes by the names alone: the name score (`scoring.name_score`, worked out here
    as `scoring.score` does), plus those bonuses, capped; it blocks or goes to review only at
    the review threshold or above, or at the line-name floor or above (`Policy._line_named`,
    `Policy._brand_and_type`), and a scope or type-only note only lowers it. Below all three,
    its verdict is ALLOW and its score under the report floor: it is not reported
    (tests/unit/test_candidate_bounds.py compares the decisions with those of scoring every
    candidate, under several policies). The name evidence of those it reads the profile of goes
    into `names` (`below_on_profiles`)."""
    limit = name_limit(policy, floor, view.one_word)
    if limit <= 0:
        return set()
    weak = by_short_models_only(view, index, policy, found & identified)
    below = below_on_totals(view, index, policy, (found - identified) | weak, limit, weak)
    return below | below_on_profiles(view, index, policy, found - below, identified, limit, names)


def by_short_models_only(view: ListingView, index: RecallIndex, policy: Policy, found: set[int]) -> set[int]:
    """Those of `found` (found by an identifier of the listing) that provably none but short model
    numbers of the notice found, and that no rare word of the listing's names names: the
    candidates `below_on_profiles` bounds with the weak model bonus (its `_weak_model_only` and
    `_names_rare_word`), told apart on stored data before any profile is read. No GTIN of the
    listing is theirs (on the GTIN postings); no model key of the listing has its bit in their
    distinctive model numbers' mask (`artifact.model_mask`: a bit shared with another key keeps a
    candidate out, to be bounded on its profile); and they use no word of the listing's names that
    is rare by its weight or where the listing ships (on the word postings: a name's words are its
    recall's vocabulary). Whether the listing names most of their brand is left to
    `below_on_totals`. Under a rare-word weight of 0 every word of a name is rare, whether the
    notice uses it or not: none qualifies."""
    if not found or not view.codes or policy.rare_word_weight <= 0:
        return set()
    rest = set(found)
    for listed in view.gtins:
        rest.difference_update(index.by_gtin.get(listed.gtin14, ()))
        rest.difference_update(index.by_unchecked_gtin.get(listed.gtin14, ()))
    bits, masks = _key_bits(view), index.model_masks
    rest = {i for i in rest if not masks[i] & bits}
    weights, rare, here = index.weights, policy.rare_word_weight, view.rare_here
    for token in view.name_words:
        if rest and (weights.get(token, 1.0) >= rare or token in here):
            rest.difference_update(index.postings_set(token).intersection(rest))
    return rest


def name_limit(policy: Policy, floor: float, one_word: bool = False) -> float:
    """The value a candidate's name score (with its bonuses) must stay under for
    `unreportable_by_name` to drop it: the report floor (compared with the score rounded to 4
    places by `judge_all`: 0.34996 reports), the review threshold and the line-name floor, or
    for a listing of one word (`ListingView.one_word`) the floor of a line's word alone."""
    line_floor = policy.one_word_line_floor if one_word else policy.line_name_floor
    return min(floor - 1e-4, policy.review_threshold, line_floor) - 1e-9


def below_on_totals(
    view: ListingView,
    index: RecallIndex,
    policy: Policy,
    found: set[int],
    limit: float,
    weak: Set[int] = frozenset(),
) -> set[int]:
    """Those of `found` (found by no identifier of the listing, or those of `weak`: by none but
    short model numbers, `by_short_models_only`) whose name score is provably below
    `limit` by what the index stores of each recall (`artifact.name_totals`) and the word postings,
    before its profile is read: most of the candidates `below_on_profiles` drops, at a fraction of
    its cost (no profile decoded, no name compared).

    The bound is `scoring.name_score`'s, each part taken at its most: the product text's coverage
    is at most the listing's evidence the notice uses anywhere (its rarity-weighted words, by their
    reading's quality: `mass`) over the smallest total of its texts, and at most the best reading's
    quality, or 0.5 for a text of no weighted word; the brand's likewise over its brands' smallest
    total; the name's coverage at most the larger of the text's and its mix with the brand's (a
    dropped brand's factor and a storefront's exception only lower it; a storefront's notice is
    not bounded here); the share of the listing it explains, that of the listing's words whose
    readings it uses over their total (1.0 when a description of it may say it involves every model
    of a line and the listing has a rare word; over the least total a pile of search words ending
    the title leaves, `scoring.piled_on_weight`); the other brand's factor exactly (on the postings);
    the strong-name bonus when the text's coverage may reach its threshold. A candidate of `weak`
    adds the weak model bonus, and is kept when its brand's coverage may reach the brand agreement
    (`Policy.judge`'s weak-model rule: a short model number with the notice's brand may block)."""
    seen = _on_postings(view, index, found)
    top = max(view.qualities.values(), default=0.0)
    # A notice naming no model year leaves the title's year out of the share (`explained_share`):
    # over the total without it, the share is at its most either way.
    total = view.informative_total - view.year_weight
    everything = bool(view.rare_words)
    text_floors, text_seconds = index.text_floors, index.text_seconds
    brand_floors, name_flags = index.brand_floors, index.name_flags
    kept, brand_weight = 1 - policy.explained_weight, policy.brand_weight
    # Search words piled onto the title's end weigh less in the share (`scoring.piled_on_weight`).
    piled, piled_weight = len(view.title_words) > PILED_ON, policy.piled_weight
    below = set()
    for i in found:
        flags = name_flags[i]
        if flags & NAME_STOREFRONT:
            continue
        floor, second = text_floors[i], text_seconds[i]
        text = seen.smallest[i] / floor if floor else 0.0
        if second:
            text = max(text, seen.mass[i] / second)
        text = max(min(text, top), 0.5) if flags & NAME_BARE_TEXT else min(text, top)
        text += 1e-6  # scoring rounds a text's coverage to 6 places
        cov, brand = text, 0.0
        if flags & NAME_BRANDED:
            floor = brand_floors[i]
            brand = min(seen.brands[i] / floor, top) if floor else 0.0
            cov = max(text, (1 - brand_weight) * text + brand_weight * brand)
        if i in weak and brand + 1e-6 >= policy.brand_agreement:
            continue
        if everything and flags & NAME_ALL_MODELS:
            explained = 1.0
        elif piled:
            # The pile at its heaviest: every word of the listing the notice may not use.
            least = piled_weight * total + (1 - piled_weight) * seen.share[i]
            explained = min(seen.share[i] / least, 1.0) if least > 0 else 0.0
        else:
            explained = min(seen.share[i] / total, 1.0) if total > 0 else 0.0
        value = cov * (kept + policy.explained_weight * explained)
        if seen.branded is not None and flags & NAME_BRANDED and i not in seen.branded:
            value *= policy.other_brand_factor
        if text >= policy.strong_name_coverage:
            value += policy.strong_name_bonus
        if i in weak:
            value += policy.weak_model_bonus
        if value + 1e-6 < limit:
            below.add(i)
    return below


@dataclass(slots=True)
class _Seen:
    """What the candidates use of the listing, read on the word postings (an index's words are its
    recalls' vocabularies), by position: the evidence of the listing's words (their weights by
    their reading's quality) they use (`mass`), of those whose `artifact.word_bit` is in their
    smallest text's mask (`smallest`) and in their brands' (`brands`); the weight of the
    listing's informative words they use a reading of (`share`); and (None when the listing
    gives no brand) those that use a word of the listing's brand field."""

    mass: dict[int, float]
    smallest: dict[int, float]
    brands: dict[int, float]
    share: dict[int, float]
    branded: set[int] | None


def _on_postings(view: ListingView, index: RecallIndex, found: set[int]) -> _Seen:
    weights, postings = index.weights, index.postings_set
    text_masks, brand_masks = index.text_masks, index.brand_masks
    zeros = dict.fromkeys(found, 0.0)
    seen = _Seen(zeros.copy(), zeros.copy(), zeros.copy(), zeros, None)
    mass, smallest, brands = seen.mass, seen.smallest, seen.brands
    for token, quality in view.qualities.items():
        bit, w = word_bit(token), weights.get(token, 1.0) * quality
        for i in postings(token).intersection(found):
            mass[i] += w
            if text_masks[i] & bit:
                smallest[i] += w
            if brand_masks[i] & bit:
                brands[i] += w
    share = seen.share
    for informative in view.informative:
        members: set[int] = set()
        for reading in informative.readings:
            members.update(postings(reading).intersection(found))
        for i in members:
            share[i] += informative.weight
    if view.brand_tokens:
        seen.branded = set()
        for token in view.brand_tokens:
            seen.branded.update(postings(token).intersection(found))
    return seen


def below_on_profiles(
    view: ListingView,
    index: RecallIndex,
    policy: Policy,
    found: set[int],
    identified: set[int],
    limit: float,
    names: dict[int, NameParts] | None = None,
) -> set[int]:
    """Those of `found` whose name score, worked out on their profiles as `scoring.score` does
    (`unreportable_by_name`), is below `limit`. The name evidence worked out for each candidate
    it reads (`scoring.name_parts`) goes into `names`, for `scoring.score` to use again."""
    below = set()
    for position in found:
        profile = index.profile(position)
        if profile.storefront:
            continue
        parts = name_parts(view, profile, policy)
        if names is not None:
            names[position] = parts
        text, brand = parts.text, parts.brand
        bonus = 0.0
        if position in identified:
            weak = _weak_model_only(view, profile)
            if weak is None:
                continue  # a GTIN or a distinctive model number: scored in full
            if weak:
                if brand.coverage >= policy.brand_agreement or _names_rare_word(view, profile, policy):
                    continue  # a short model number with the notice's name: it may block
                bonus = policy.weak_model_bonus
        cov = text.coverage
        value = name_score(
            view, profile, cov, brand.coverage, parts.named_explained, parts.other_brand, policy, parts.maker
        )
        value += bonus
        if cov >= policy.strong_name_coverage:
            value += policy.strong_name_bonus
        if value < limit:
            below.add(position)
    return below


def _weak_model_only(view: ListingView, profile: Profile) -> bool | None:
    """None when a GTIN the listing gives is the notice's (valid or as misprinted) or a model
    number it gives is one of the notice's distinctive ones; else whether it gives a short one."""
    for listed in view.gtins:
        if listed.gtin14 in profile.gtins or listed.gtin14 in profile.unchecked_gtins:
            return None
    weak = False
    models = profile.models_by_key
    for code in view.codes:
        model = models.get(code.key)
        if model is not None:
            if model.distinctive:
                return None
            weak = True
    return weak
