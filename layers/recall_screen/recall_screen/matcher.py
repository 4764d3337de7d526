"""Finds the recalls a listing may be, and scores each with the evidence for and against it.

Identifiers first (GTINs, model numbers), then names: the listing's words against every text of
each candidate notice, weighted by rarity, tolerant of typos, look-alike letters, re-spacing and
synonyms. Candidates come from inverted indexes, so the cost per listing stays nearly flat as the
recall list grows; a listing the indexes cannot place falls back to a fuzzy scan of every name.

The policy (`policy.py`) turns what is found here into verdicts; nothing here decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from heapq import nlargest

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from recall_screen import gtin as gtins
from recall_screen import jurisdiction
from recall_screen.index import FUZZY_MIN_LENGTH, LONG_WORD, RecallIndex
from recall_screen.lexicon import (
    ACCESSORY_NOUNS,
    FOR_PEOPLE,
    LEGAL_FORMS,
    LISTING_MODEL_CUES,
    LISTING_SIZE_SUFFIXES,
    MARKETING_NOISE,
    STOPWORDS,
    alternation,
)
from recall_screen.models import Evidence, Listing, Verdict
from recall_screen.policy import Features, Policy
from recall_screen.profile import Profile
from recall_screen.text import (
    WORD,
    canonical_token,
    deleet,
    fold,
    model_key,
    says_none,
    split_word,
)

# Words of these fields can be explained by a recall; a long description is not expected to be.
EXPLAINED_FIELDS = frozenset({"title", "brand", "model"})
CODE_FIELDS = frozenset({"title", "model", "description"})


# An accessory names the product it is for: "charger for …", "case compatible with …".
_ACCESSORY = re.compile(
    rf"\b(?P<noun>{ACCESSORY_NOUNS})\b[\w\s,&/-]{{0,40}}?\b(?:for|compatible with|fits|fit for|designed for|"
    rf"works with|suitable for|to fit)\b|^\s*(?:replacement|spare)\s+(?P<first>\w+)|\bcompatible with\b"
)

# "… with lights for kids" says who the product is for, not what it is an accessory of.
_FOR_PEOPLE = re.compile(rf"\s*(?:a |an |the |your |my )?(?:{FOR_PEOPLE})\b")


def _accessory_cue(title: str) -> re.Match[str] | None:
    for cue in _ACCESSORY.finditer(title):
        if not (
            cue.group(0).endswith(("for", "fit for", "designed for", "suitable for"))
            and _FOR_PEOPLE.match(title, cue.end())
        ):
            return cue
    return None


# Code-like words in a listing: letters and digits together, or a number.
_CODE = re.compile(r"^(?=.*\d)[a-z0-9][a-z0-9./-]*$")
# Sizes, counts and quantities look like codes but name no model: "24-inch", "5-point", "12V", "3-pack".
_MEASURE = re.compile(
    rf"^\d+(?:[.,]\d+)?(?:-\d+(?:[.,]\d+)?)?-?(?:{alternation(LISTING_SIZE_SUFFIXES)}|x\d+)$"
    r"|^(?:19|20)\d\d(?:-(?:19|20)?\d\d)?$"  # a year or a range of years ("model year 2021-2025")
)
_WORD_CACHE_LIMIT = 200_000
_GTIN_LABEL = re.compile(
    r"^\s*(?:upc|ean|gtin|jan|isbn|barcode|bar code)(?:[- ]?(?:a|e|8|12|13|14))?\s*[:#.]?\s*", re.I
)


@dataclass(slots=True)
class Hit:
    """A recall-vocabulary word found in the listing."""

    quality: float  # 1.0 exact; less when typo-corrected
    field: str
    word: str  # as the listing wrote it
    method: str  # "exact", "deleet", "joined", "split", "fuzzy"


@dataclass(slots=True)
class ListingView:
    """A listing, analysed once, for scoring against many candidates."""

    hits: dict[str, Hit] = field(default_factory=dict)
    qualities: dict[str, float] = field(default_factory=dict)  # hits' qualities, for fast scoring
    # The listing's words a recall should account for: (the recall words each may be, weight).
    informative: list[tuple[tuple[str, ...], float]] = field(default_factory=list)
    unknown: list[tuple[str, float]] = field(default_factory=list)  # words no recall uses -> weight
    informative_total: float = 0.0  # the informative words' weight, plus the unknown non-code words'
    unknown_codes: list[tuple[float, str]] = field(default_factory=list)  # (weight, model key) of code words
    resolved: set[str] = field(default_factory=set)  # listing words read as recall words
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, as written, model key)
    # Codes that name a model (not a size, not a word): another model than the recall's, if unmatched.
    model_claims: list[tuple[str, str]] = field(default_factory=list)  # (as written, model key)
    gtins: list[tuple[str, str, str, bool]] = field(default_factory=list)  # (field, printed, gtin14, valid)
    brand_tokens: frozenset[str] = frozenset()
    accessory_cue: str | None = None  # the words that make it read as an accessory
    accessory_noun: str | None = None  # what the accessory is ("charger"), when the listing says


@dataclass(slots=True)
class Scored:
    """One candidate recall, scored; evidence as plain tuples until the match is reported."""

    position: int  # in the index
    applicable: bool
    features: Features
    evidence: list[tuple[str, str, str, str, str, float]]  # identifier Evidence fields, in order
    notes: list[str]
    name: tuple[str, str] | None  # (recall field, its text) the listing's words matched best
    verdict: Verdict = Verdict.ALLOW
    score: float = 0.0

    def evidence_models(self, view: ListingView) -> list[Evidence]:
        out = [
            Evidence(field=f, value=v, recall_field=rf, recall_value=rv, method=m, score=round(s, 3))
            for f, v, rf, rv, m, s in self.evidence
        ]
        if self.name is not None:
            words = sorted(self.features.matched)
            hits = [view.hits[t] for t in words]
            out.append(
                Evidence(
                    field="+".join(dict.fromkeys(h.field for h in hits)),
                    value=" ".join(h.word for h in hits),
                    recall_field=self.name[0],
                    recall_value=self.name[1],
                    method="name_fuzzy" if any(h.method == "fuzzy" for h in hits) else "name_tokens",
                    score=round(min(self.features.name_score, 1.0), 3),
                )
            )
        return out


# -- the listing ---------------------------------------------------------------------------------


def analyse(listing: Listing, index: RecallIndex, policy: Policy) -> ListingView:
    view = ListingView()
    vocab = index.by_token
    weights = index.weights
    seen: set[tuple[str, ...]] = set()
    title_found = False

    def hit(token: str, quality: float, field_name: str, word: str, method: str) -> None:
        known = view.hits.get(token)
        if known is None or known.quality < quality:
            view.hits[token] = Hit(quality, field_name, word, method)

    for field_name, value in listing.text_fields().items():
        if field_name == "gtin":  # "047406110124", "0 47406 11012 4", "UPC: 047406110124; EAN ..."
            for piece in re.split(r"[,;|/]", value):
                code = _GTIN_LABEL.sub("", piece).strip()
                found = gtins.canonical(code)
                if found:
                    view.gtins.append((field_name, code, found[0], found[1]))
                else:  # "687064042100 (UPC)", "#687064042100": the field itself says it is a code
                    for printed, gtin14, valid in gtins.find_gtins("GTIN " + piece):
                        view.gtins.append((field_name, printed, gtin14, valid))
            continue
        folded = fold(value)
        words = WORD.findall(folded)
        parts: list[tuple[str, str]] = []  # (canonical token, as written)
        for word in words:
            if "-" in word:  # "e-bike" for "ebike", "handl-ebars" for "handlebars"
                joined = canonical_token(word.replace("-", ""))
                if joined in vocab:
                    parts.append((joined, word))
                    continue
            for part in split_word(word):
                if part not in STOPWORDS:
                    parts.append((canonical_token(part), part))
        # A listing that names its product only in the description ("Great item, see
        # description") is explained by its description.
        explained = field_name in EXPLAINED_FIELDS or (field_name == "description" and not title_found)
        for i, (token, written) in enumerate(parts):
            found = _resolve(token, written, index, policy)
            for t, quality, method in found:
                hit(t, quality, field_name, written, method)
            if found:
                view.resolved.add(written)
            if i + 1 < len(parts):  # "blue star" for "bluestar"
                pair = token + parts[i + 1][0]
                if pair in vocab:
                    hit(pair, 1.0, field_name, f"{written} {parts[i + 1][1]}", "joined")
            if explained and token not in MARKETING_NOISE and token not in LEGAL_FORMS:
                title_found = title_found or (field_name == "title" and bool(found))
                if found:
                    readings = tuple(t for t, _, _ in found)
                    if readings not in seen:
                        seen.add(readings)
                        view.informative.append((readings, max(weights.get(t, 1.0) for t in readings)))
                elif not token.isdigit():
                    # A short unknown word is as likely an abbreviation or a mangled word as a product.
                    weight = policy.unknown_word_weight * (0.3 if len(token) <= 3 else 1.0)
                    view.unknown.append((token, weight))
        if field_name == "brand" and not says_none(value):
            view.brand_tokens = frozenset(t for t, _ in parts if t not in LEGAL_FORMS)
        if field_name != "brand":
            for printed, code, valid in gtins.find_gtins(value):
                view.gtins.append((field_name, printed, code, valid))
        if field_name in CODE_FIELDS:
            _collect_codes(field_name, value, words, index, view)

    view.qualities = {t: h.quality for t, h in view.hits.items()}
    view.informative_total = sum(w for _, w in view.informative)
    for token, w in view.unknown:
        if _CODE.match(token):  # explained if it is one of the candidate recall's model numbers
            view.unknown_codes.append((w, model_key(token, folded=True)))
        else:
            view.informative_total += w

    cue = _accessory_cue(fold(listing.title))
    if cue:
        view.accessory_cue = cue.group(0).strip()
        noun = cue.group("noun") or cue.group("first")
        view.accessory_noun = canonical_token(noun.split()[-1]) if noun else None
    return view


def _resolve(token: str, written: str, index: RecallIndex, policy: Policy) -> list[tuple[str, float, str]]:
    """The recall-vocabulary words a listing word stands for, as (word, quality, method): itself,
    its reading with digits turned back into letters, a typo's correction, or the two words it
    runs together. Empty when the word is unknown to every recall. Cached per index: listings
    repeat their words."""
    cache_key = token + "\0" + written
    found = index.word_cache.get(cache_key)
    if found is not None:
        return found
    vocab = index.by_token
    found = []
    if token in vocab:
        found = [(token, 1.0, "exact")]
    else:
        for reading in deleet(token):
            reading = canonical_token(reading)
            if reading in vocab:
                found = [(reading, 1.0, "deleet")]
                break
    if not found:
        corrections = _correct(written, index) if written != token else []
        corrections = corrections or _correct(token, index)
        quality = policy.fuzzy_quality * (0.8 if len(token) < FUZZY_MIN_LENGTH else 1.0)
        found = [(corrected, quality, "fuzzy") for corrected in corrections]
    if not found and len(token) >= 7:  # words run together: "bluestarrange", "wholesalemattress"
        for i in range(3, len(token) - 2):
            head, tail = canonical_token(token[:i]), canonical_token(token[i:])
            if head in vocab and tail in vocab:
                found = [(head, 1.0, "split"), (tail, 1.0, "split")]
                break
            if (head in vocab and tail in MARKETING_NOISE) or (tail in vocab and head in MARKETING_NOISE):
                found = [(head if head in vocab else tail, 1.0, "split")]
                break
    if len(index.word_cache) >= _WORD_CACHE_LIMIT:
        index.word_cache.clear()
    index.word_cache[cache_key] = found
    return found


def _correct(token: str, index: RecallIndex) -> list[str]:
    """The recall words a misspelt listing word may be: one edit away (a letter wrong, missing,
    added, or two swapped), two for long words. Every word at the least distance is returned (at
    most three): "hich" may be "high" or "hitch", and the candidate notice that has one of them
    settles which. Three-letter words get only a missing letter back ("fok" -> "fork"), and
    only when unambiguous."""
    letters = sum(ch.isalpha() for ch in token)
    if letters < 3 or len(token) < FUZZY_MIN_LENGTH - 1:
        return []
    if len(token) < FUZZY_MIN_LENGTH:  # one insertion, unique
        found = {
            canon
            for surface, canon in index.near(token)
            if len(surface) == len(token) + 1 and OSA.distance(token, surface, score_cutoff=1) <= 1
        }
        return list(found) if len(found) == 1 else []
    best: dict[str, int] = {}
    for surface, canon in index.near(token):
        limit = 2 if min(len(token), len(surface)) >= LONG_WORD else 1
        distance = OSA.distance(token, surface, score_cutoff=limit)
        if distance <= limit and distance < best.get(canon, 99):
            best[canon] = distance
    if not best:
        return []
    least = min(best.values())
    return sorted((c for c, d in best.items() if d == least), key=lambda c: -len(index.by_token.get(c, ())))[
        :3
    ]


def _collect_codes(
    field_name: str, value: str, words: list[str], index: RecallIndex, view: ListingView
) -> None:
    """Model numbers: the model field, code-like words, and runs of words a re-spaced model
    number became ("KY 055", "LTD SM 23", "R 7583 BPS")."""
    folded = fold(value)
    if field_name == "model" and not says_none(value) and len(key := model_key(folded, folded=True)) >= 2:
        # "N/A", "-", "Does not apply" say there is no model: they claim no other one.
        view.codes.append((field_name, value.strip(), key))
        view.model_claims.append((value.strip(), key))
    keys = [model_key(w, folded=True) for w in words]
    for i, word in enumerate(words):
        key = keys[i]
        if _CODE.match(word) and len(key) >= 2:
            view.codes.append((field_name, word, key))
            cued = i > 0 and words[i - 1] in LISTING_MODEL_CUES and len(key) >= 3 and not _MEASURE.match(word)
            if field_name != "model" and (cued or _names_a_model(word, key, view, index)):
                view.model_claims.append((word, key))
        run = key
        for span in (2, 3, 4):
            if i + span > len(words):
                break
            run += keys[i + span - 1]
            if run in index.by_model and any(ch.isdigit() for ch in run):
                view.codes.append((field_name, " ".join(words[i : i + span]), run))


def _names_a_model(word: str, key: str, view: ListingView, index: RecallIndex) -> bool:
    """A code-shaped listing word that names a model: letters and digits, not a size or count,
    not a word some recall uses, nor a word with digits typed for letters."""
    if len(key) < 4 or key.isdigit() or key.isalpha():
        return False
    if _MEASURE.match(word) or word.replace("-", "") in index.by_token:
        return False
    return not all(part.isdigit() or part in view.resolved for part in split_word(word))


# -- candidates ----------------------------------------------------------------------------------


def candidates(view: ListingView, index: RecallIndex, policy: Policy) -> tuple[set[int], list[int]]:
    """(positions found by identifiers, positions found by names, most promising first).

    Rare words propose candidates; common words only add weight to candidates already proposed
    (checked against the word's posting set), so a listing full of "baby", "set", "kids" costs
    the same whether ten or a hundred thousand recalls use those words. A listing of common words
    only still gets candidates, from the rarest of them, rather than none."""
    by_id: set[int] = set()
    for _, _, code, _ in view.gtins:
        by_id.update(index.by_gtin.get(code, ()))
        by_id.update(index.by_unchecked_gtin.get(code, ()))
    for _, _, key in view.codes:
        by_id.update(index.by_model.get(key, ()))

    totals: dict[int, float] = {}
    common: list[tuple[int, str]] = []
    cutoff = index.common_cutoff
    for token, hit in view.hits.items():
        postings = index.by_token.get(token, ())
        if len(postings) > cutoff:
            common.append((len(postings), token))
            continue
        w = index.weights.get(token, 1.0) * hit.quality
        get = totals.get
        for i in postings:
            totals[i] = get(i, 0.0) + w
    common.sort()
    if not totals and common:  # only common words: let the rarest of them propose
        _, rarest = common.pop(0)
        totals = dict.fromkeys(index.by_token[rarest], index.weights[rarest] * view.hits[rarest].quality)
    for _, token in common:
        members = index.postings_set(token)
        w = index.weights[token] * view.hits[token].quality
        for i in totals:
            if i in members:
                totals[i] += w
    best = nlargest(policy.candidate_limit, totals, key=totals.__getitem__)
    # A candidate holding less than half the listing's evidence that the best one holds cannot
    # outscore it, nor be of its family: not worth scoring.
    floor = totals[best[0]] * policy.candidate_floor if best else 0.0
    return by_id, [i for i in best if totals[i] >= floor]


def fallback_candidates(view: ListingView, names: list[str], limit: int = 5) -> set[int]:
    """A fuzzy scan over every recall name, for a listing the word indexes could not place."""
    query = " ".join([*(r[0] for r, _ in view.informative), *(token for token, _ in view.unknown)])
    found = process.extract(
        query, names, scorer=fuzz.token_set_ratio, processor=None, limit=limit, score_cutoff=75
    )
    return {position for _, _, position in found}


# -- scoring -------------------------------------------------------------------------------------


def score(
    view: ListingView, position: int, index: RecallIndex, policy: Policy, ship_to: str | None
) -> Scored:
    profile = index.profile(position)
    evidence: list[tuple[str, str, str, str, str, float]] = []

    # Identifiers.
    gtin_hit = unchecked_hit = False
    for field_name, printed, code, valid in view.gtins:
        if code in profile.gtins or code in profile.unchecked_gtins:
            checked = valid and code in profile.gtins
            evidence.append(
                (
                    field_name,
                    printed,
                    "gtins",
                    code,
                    "gtin" if checked else "gtin_unchecked",
                    1.0 if checked else 0.9,
                )
            )
            # A code failing its check digit, matched digit for digit: the notice's misprint, copied
            # (the policy scores it below a valid code).
            gtin_hit = gtin_hit or checked
            unchecked_hit = unchecked_hit or not checked
    model_keys = {m.key: m for m in profile.models}
    matched_models = {}
    for field_name, printed, key in view.codes:
        model = model_keys.get(key)
        if model is not None and key not in matched_models:
            matched_models[key] = model
            if fold(printed) == fold(model.printed):
                method = "model_exact"
            elif model_key(printed) == model_key(model.printed) and len(printed) != len(model.printed):
                method = "model_respaced"
            else:
                method = "model_normalised"  # re-spaced, re-dashed, or O for 0 and I for 1
            evidence.append(
                (field_name, printed, "models", model.printed, method, 0.95 if model.distinctive else 0.5)
            )
    strong_model = any(m.distinctive for m in matched_models.values())

    # Names: the brand, then the best-covered product text, both weighted by rarity. Loops run
    # over the listing's few words, looked up in each text's word -> weight table.
    qualities = view.qualities
    brand_frac, brand_name, brand_mass = 0.0, "", 0.0
    brand_found: tuple[str, ...] = ()
    for name, items, total in profile.weighted_brands:
        found = [t for t in qualities if t in items]
        if not found or not total:
            continue
        matched = sum(items[t] * qualities[t] for t in found)
        if matched / total > brand_frac:
            brand_frac, brand_name, brand_found = matched / total, name, tuple(found)
            brand_mass = sum(items[t] for t in found)

    text_cov = text_mass = 0.0
    text_found: tuple[str, ...] = ()
    text_field = text_value = ""
    for field_name, value, items, total in profile.weighted_texts:
        found = [t for t in qualities if t in items]
        matched = sum(items[t] * qualities[t] for t in found)
        # A text that names nothing but the brand ("Brompton Bicycle recalls bicycles"): its
        # product words say neither yes nor no.
        cov = round(matched / total, 6) if total else 0.5  # rounded: equal coverages tie on mass
        if cov > text_cov or (cov == text_cov and matched > text_mass):
            text_cov, text_mass, text_field, text_value, text_found = (
                cov,
                matched,
                field_name,
                value,
                tuple(found),
            )

    # How much of the listing the recall accounts for.
    vocabulary = profile.vocabulary
    inf_explained = sum(w for readings, w in view.informative if not vocabulary.isdisjoint(readings))
    inf_total = view.informative_total
    for w, key in view.unknown_codes:
        if key not in model_keys:
            inf_total += w
    explained = inf_explained / inf_total if inf_total else 0.0

    has_brand = bool(profile.brands)
    if not has_brand:
        name_cov = text_cov
    elif brand_frac == 0 and not view.brand_tokens:
        name_cov = text_cov * policy.dropped_brand_factor  # a dropped brand: the product words carry it
    else:
        name_cov = (1 - policy.brand_weight) * text_cov + policy.brand_weight * brand_frac
    name_score = name_cov * (1 - policy.explained_weight + policy.explained_weight * explained)
    mass = text_mass + brand_mass
    # The listing's own brand field names another firm: its words may still describe the
    # recalled product's type, but not the recalled product.
    other_brand = bool(view.brand_tokens) and has_brand and not (view.brand_tokens & vocabulary)
    if other_brand:
        name_score *= policy.other_brand_factor

    matched_words = frozenset(text_found) | frozenset(brand_found)

    # What contradicts it.
    conflicts: list[str] = []
    if profile.models and not matched_models:
        other = next((printed for printed, key in view.model_claims if key not in model_keys), None)
        if other is not None:
            conflicts.append(f"listing names model {other!r}, which the recall does not list")
    if view.accessory_cue and not _recall_is_accessory(profile, view.accessory_noun):
        conflicts.append(f"listing reads as an accessory ({view.accessory_cue!r}), not the product itself")
    if other_brand:
        conflicts.append("listing's brand is not the recall's")

    notes = list(conflicts)
    applicable = jurisdiction.applies(profile.countries, ship_to)
    if not applicable:
        notes.append(f"not applicable: the recall's regulator has no say over shipments to {ship_to}")
    features = Features(
        gtin=gtin_hit,
        unchecked_gtin=unchecked_hit and not gtin_hit,
        strong_model=strong_model,
        weak_model=bool(matched_models) and not strong_model,
        name_score=name_score,
        text_cov=text_cov,
        brand_frac=brand_frac,
        recall_has_brand=has_brand,
        explained=explained,
        mass=mass,
        text_mass=text_mass,
        matched=matched_words,
        conflicts=conflicts,
    )
    name = (text_field or "brands", text_value or brand_name) if matched_words else None
    return Scored(position, applicable, features, evidence, notes, name)


def judge_all(scored: list[Scored], index: RecallIndex, policy: Policy) -> None:
    """Give each scored candidate its verdict, once every candidate's words are known: how many
    candidates share a match's words is part of how much those words prove."""
    vocabularies = [index.profile(s.position).vocabulary for s in scored]
    for s in scored:
        words = s.features.matched
        s.features.sharing = sum(map(words.issubset, vocabularies)) if words else len(scored)
        s.verdict, value = policy.judge(s.features)
        s.score = round(min(max(value, 0.0), 1.0), 4)
        if s.verdict is Verdict.ALLOW and (note := policy.allow_note(s.features, value)):
            s.notes.append(note)


def _recall_is_accessory(profile: Profile, noun: str | None) -> bool:
    """Whether the recalled product is itself the accessory the listing offers: its product
    words end in the same noun ("USB chargers" and "charger for …"), or its own name reads as
    an accessory ("Chargers for hoverboards")."""
    for _, value, tokens in profile.texts[:2]:
        if (noun and tokens and tokens[-1] == noun) or _accessory_cue(fold(value)):
            return True
    return False
