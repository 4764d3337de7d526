"""Finds the recalls a listing may be, and scores each with the evidence for and against it.

Identifiers first (GTINs, model numbers), then names: the listing's words against every text of
each candidate notice, weighted by rarity, tolerant of typos, look-alike letters, re-spacing and
synonyms. Candidates come from inverted indexes, so the cost per listing stays nearly flat as the
recall list grows; a listing the indexes cannot place falls back to a fuzzy scan of every name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from heapq import nlargest

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from recall_screen import gtin as gtins
from recall_screen import jurisdiction
from recall_screen.index import FUZZY_MIN_LENGTH, ModelNumber, Profile, RecallIndex
from recall_screen.models import Evidence, Listing, Verdict
from recall_screen.policy import Features, Policy
from recall_screen.text import (
    LEGAL_FORMS,
    MARKETING_NOISE,
    STOPWORDS,
    canonical_token,
    compact,
    deleet,
    fold,
    model_key,
    raw_words,
    split_word,
)

# Fields in the order their words are trusted; description words can find a recall but a long
# description is not expected to be explained by it.
NAME_FIELDS = ("title", "brand", "model", "description", "category")
EXPLAINED_FIELDS = ("title", "brand", "model")

# Brand fields that say "no brand".
NO_BRAND = frozenset(
    "no brand nobrand unbranded generic oem none unknown n/a na - other brandless".split()
) | {"no brand", "not branded", "does not apply"}

# An accessory names the product it is for: "charger for …", "case compatible with …".
_ACCESSORY_NOUNS = (
    "case|cases|cover|covers|charger|chargers|charging|cable|cables|cord|adapter|adaptor|manual|instructions?|"
    "strap|straps|mount|mounts|holder|holders|bag|bags|carrying|skin|skins|protector|battery|batteries|part|"
    "parts|replacement|spare|accessory|accessories|decals?|stickers?|sheets?|cushions?|pads?|liners?|remote|"
    "bulbs?|filters?|blades?|canopy|insert|inserts|keychain|poster|book|guide|kit|tyres?|tires?|tubes?|hooks?|"
    "brackets?|screws?|knobs?|handles?|wheels?|lights?|lamps?|seat cover|rain cover|storage"
)
_ACCESSORY = re.compile(
    rf"\b(?P<noun>{_ACCESSORY_NOUNS})\b[\w\s,&/-]{{0,40}}?\b(?:for|compatible with|fits|fit for|designed for|"
    rf"works with|suitable for|to fit)\b|^\s*(?:replacement|spare)\s+(?P<first>\w+)|\bcompatible with\b"
)

# Code-like words in a listing: letters and digits together, or a long number.
_CODE = re.compile(r"^(?=.*\d)[a-z0-9][a-z0-9./-]*$")


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
    informative: dict[str, Hit] = field(default_factory=dict)  # words that should be explained
    unknown: list[str] = field(default_factory=list)  # words no recall uses (rare: weigh much)
    resolved: set[str] = field(default_factory=set)  # listing words read as recall words
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, as written, model key)
    gtins: list[tuple[str, str, str, bool]] = field(default_factory=list)  # (field, printed, gtin14, valid)
    brand_tokens: tuple[str, ...] = ()
    accessory_cue: str | None = None  # the words that make it read as an accessory
    accessory_noun: str | None = None  # what the accessory is ("charger"), when the listing says
    folded_title: str = ""


@dataclass(slots=True)
class Scored:
    """One candidate recall, scored."""

    position: int  # in the index
    score: float
    verdict: Verdict
    applicable: bool
    evidence: list[Evidence]
    notes: list[str]
    features: Features


def analyse(listing: Listing, index: RecallIndex, policy: Policy) -> ListingView:
    view = ListingView()
    view.folded_title = fold(listing.title)
    vocab = index.by_token

    def hit(token: str, quality: float, field_name: str, word: str, method: str) -> None:
        known = view.hits.get(token)
        if known is None or known.quality < quality:
            view.hits[token] = Hit(quality, field_name, word, method)

    for field_name, value in listing.text_fields().items():
        if field_name == "gtin":
            continue
        parts: list[tuple[str, str]] = []  # (canonical token, as written)
        for word in raw_words(value):
            for part in split_word(word):
                if part not in STOPWORDS:
                    parts.append((canonical_token(part), part))
            joined = canonical_token(re.sub(r"[-./']", "", word))
            if joined in vocab and "-" in word:
                hit(joined, 1.0, field_name, word, "joined")
        for i, (token, written) in enumerate(parts):
            found = _resolve(token, written, field_name, index, policy, hit)
            if found:
                view.resolved.add(written)
            if i + 1 < len(parts):  # "blue star" for "bluestar"
                pair = token + parts[i + 1][0]
                if pair in vocab:
                    hit(pair, 1.0, field_name, f"{written} {parts[i + 1][1]}", "joined")
            if field_name in EXPLAINED_FIELDS and token not in MARKETING_NOISE and token not in LEGAL_FORMS:
                if found:
                    for t in found:
                        view.informative.setdefault(t, view.hits[t])
                elif not token.isdigit():
                    view.unknown.append(token)
        if field_name == "brand" and fold(value) not in NO_BRAND:
            view.brand_tokens = tuple(t for t, _ in parts if t not in LEGAL_FORMS)

    # Identifiers: GTINs in any field; model numbers as words, re-spaced runs of words, or the model field.
    for field_name, value in listing.text_fields().items():
        if field_name == "gtin":
            for code in re.split(r"[,;|/]", value):
                found = gtins.canonical(code)
                if found:
                    view.gtins.append((field_name, code.strip(), found[0], found[1]))
        else:
            for printed, code, valid in gtins.find_gtins(value):
                view.gtins.append((field_name, printed, code, valid))
        if field_name in ("title", "model", "description"):
            _collect_codes(field_name, value, index, view)

    cue = _ACCESSORY.search(view.folded_title)
    if cue:
        view.accessory_cue = cue.group(0).strip()
        noun = cue.group("noun") or cue.group("first")
        view.accessory_noun = canonical_token(noun.split()[-1]) if noun else None
    return view


def _resolve(token: str, written: str, field_name: str, index: RecallIndex, policy: Policy, hit) -> list[str]:
    """The recall-vocabulary words a listing word stands for: itself, its reading with digits
    turned back into letters, a typo's correction, or the two words it runs together. Records
    each as a hit and returns them (empty when the word is unknown to every recall)."""
    vocab = index.by_token
    if token in vocab:
        hit(token, 1.0, field_name, written, "exact")
        return [token]
    for reading in deleet(token):
        reading = canonical_token(reading)
        if reading in vocab:
            hit(reading, 1.0, field_name, written, "deleet")
            return [reading]
    correction = _correct(token, index) or (_correct(written, index) if written != token else None)
    if correction is not None:
        corrected, short = correction
        quality = policy.fuzzy_quality * (0.8 if short else 1.0)
        hit(corrected, quality, field_name, written, "fuzzy")
        return [corrected]
    if len(token) >= 7:
        for i in range(3, len(token) - 2):
            head, tail = token[:i], token[i:]
            if head in vocab and tail in vocab:
                hit(head, 1.0, field_name, written, "split")
                hit(tail, 1.0, field_name, written, "split")
                return [head, tail]
    return []


def _correct(token: str, index: RecallIndex) -> tuple[str, bool] | None:
    """The recall word a misspelt listing word most likely is: one edit away (two for long
    words), found through the symmetric-deletion table. Three-letter words get only a missing
    letter back ("fok" -> "fork"), and only when that is unambiguous. Returns (word, was_short)."""
    letters = sum(ch.isalpha() for ch in token)
    if letters < 3 or len(token) < FUZZY_MIN_LENGTH - 1:
        return None
    if len(token) < FUZZY_MIN_LENGTH:  # one insertion, unique
        found = {canon for surface, canon in index.deletes.get(token, ()) if len(surface) == len(token) + 1}
        return (found.pop(), True) if len(found) == 1 else None
    best: tuple[int, str] | None = None
    for key in (token, *(token[:i] + token[i + 1 :] for i in range(len(token)))):
        for surface, canon in index.deletes.get(key, ()):
            distance = OSA.distance(token, surface, score_cutoff=2)
            limit = 1 if min(len(token), len(surface)) < 8 else 2
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, canon)
    return (best[1], False) if best else None


def _collect_codes(field_name: str, value: str, index: RecallIndex, view: ListingView) -> None:
    words = raw_words(value)
    if field_name == "model" and value.strip():
        view.codes.append((field_name, value.strip(), model_key(value)))
    for i, word in enumerate(words):
        if _CODE.match(word) and len(compact(word)) >= 2:
            view.codes.append((field_name, word, model_key(word)))
        # Re-spaced model numbers: "KY 055", "LTD SM 23", "R 7583 BPS".
        for span in (2, 3, 4):
            run = words[i : i + span]
            if len(run) < span:
                break
            key = model_key("".join(run))
            if key in index.by_model and any(ch.isdigit() for ch in key):
                view.codes.append((field_name, " ".join(run), key))


def candidates(view: ListingView, index: RecallIndex, policy: Policy) -> tuple[set[int], set[int]]:
    """(positions found by identifiers, positions found by names)."""
    by_id: set[int] = set()
    for _, _, code, _ in view.gtins:
        by_id.update(index.by_gtin.get(code, ()))
        by_id.update(index.by_unchecked_gtin.get(code, ()))
    for _, _, key in view.codes:
        by_id.update(i for i, _ in index.by_model.get(key, ()))

    def accumulate(tokens) -> dict[int, float]:
        totals: dict[int, float] = {}
        for token in tokens:
            postings = index.by_token.get(token, ())
            w = index.weight(token) * view.hits[token].quality
            for i in postings:
                totals[i] = totals.get(i, 0.0) + w
        return totals

    rare = [t for t in view.hits if len(index.by_token.get(t, ())) <= index.common_cutoff]
    totals = accumulate(rare)
    if not totals:  # only common words: still look, rather than skip the listing
        totals = accumulate(view.hits)
    by_name = set(nlargest(policy.candidate_limit, totals, key=totals.__getitem__))
    return by_id, by_name


def fallback_candidates(view: ListingView, names: list[str], limit: int = 5) -> set[int]:
    """A fuzzy scan over every recall name, for a listing the word indexes could not place."""
    query = " ".join([*view.informative, *view.unknown])
    found = process.extract(query, names, scorer=fuzz.token_set_ratio, processor=None, limit=limit, score_cutoff=75)
    return {position for _, _, position in found}


def score(
    view: ListingView, position: int, index: RecallIndex, policy: Policy, ship_to: str | None
) -> Scored:
    profile = index.profiles[position]
    evidence: list[Evidence] = []
    notes: list[str] = []

    # -- identifiers ---------------------------------------------------------------------------
    gtin_hit = False
    for field_name, printed, code, valid in view.gtins:
        if code in profile.gtins or code in profile.unchecked_gtins:
            checked = code in profile.gtins and valid
            evidence.append(Evidence(field=field_name, value=printed, recall_field="gtins", recall_value=code,
                                     method="gtin" if checked else "gtin_unchecked", score=1.0 if checked else 0.9))
            gtin_hit = True
    matched_models: list[ModelNumber] = []
    for field_name, printed, key in view.codes:
        for model in profile.models:
            if model.key == key and model not in matched_models:
                matched_models.append(model)
                if fold(printed) == fold(model.printed):
                    method = "model_exact"
                elif compact(printed) == compact(model.printed):
                    method = "model_respaced"
                else:
                    method = "model_confusable"  # O for 0, I or L for 1
                evidence.append(Evidence(
                    field=field_name, value=printed, recall_field="models", recall_value=model.printed,
                    method=method,
                    score=0.95 if model.distinctive else 0.5,
                ))
    strong_model = any(m.distinctive for m in matched_models)

    # -- names ---------------------------------------------------------------------------------
    def coverage(tokens: tuple[str, ...]) -> tuple[float, float, list[str]]:
        total = matched = 0.0
        found = []
        for t in tokens:
            w = index.weight(t)
            total += w
            h = view.hits.get(t)
            if h is not None:
                matched += w * h.quality
                found.append(t)
        return (matched / total if total else 0.0), matched, found

    brand_frac, brand_name, brand_found = 0.0, "", []
    for name, tokens in profile.brands:
        frac, _, found = coverage(tokens)
        if frac > brand_frac:
            brand_frac, brand_name, brand_found = frac, name, found
    brand_tokens = {t for _, tokens in profile.brands for t in tokens}

    best = (0.0, 0.0, [], "", "")
    for field_name, value, tokens in profile.texts:
        product = tuple(t for t in tokens if t not in brand_tokens)
        if product:
            cov, mass, found = coverage(product)
            if (cov, mass) > best[:2]:
                best = (cov, mass, found, field_name, value)
    text_cov, text_mass, text_found, text_field, text_value = best
    if not text_field and profile.texts:
        # The notice names nothing but its brand ("Brompton Bicycle recalls bicycles"): the
        # product words say neither yes nor no.
        text_cov = 0.5

    vocabulary = profile.vocabulary()
    model_keys = {m.key for m in profile.models}
    inf_total = inf_explained = 0.0
    for token in view.informative:
        w = index.weight(token)
        inf_total += w
        if token in vocabulary:
            inf_explained += w
    for token in view.unknown:
        if _CODE.match(token) and model_key(token) in model_keys:
            continue
        # A short unknown word is as likely an abbreviation or a mangled word as a product.
        inf_total += index.unknown_weight * (0.3 if len(token) <= 3 else 1.0)
    explained = inf_explained / inf_total if inf_total else 0.0

    has_brand = bool(profile.brands)
    name_cov = 0.6 * text_cov + 0.4 * brand_frac if has_brand else text_cov
    # A listing whose own brand is absent could be a dropped brand; product words then carry it.
    if has_brand and brand_frac == 0 and not view.brand_tokens:
        name_cov = text_cov * 0.85
    name_score = name_cov * (0.4 + 0.6 * explained)
    mass = text_mass + sum(index.weight(t) for t in brand_found)
    # The listing's own brand field names another firm: its words may still describe the
    # recalled product's type, but not the recalled product.
    other_brand = bool(view.brand_tokens) and has_brand and not set(view.brand_tokens) & vocabulary
    if other_brand:
        name_score *= 0.75

    if text_found or brand_found:
        matched_words = sorted(set(text_found) | set(brand_found))
        evidence.append(Evidence(
            field=_fields_of(view, matched_words), value=" ".join(view.hits[t].word for t in matched_words),
            recall_field=text_field or "brands", recall_value=text_value or brand_name,
            method="name_fuzzy" if any(view.hits[t].method == "fuzzy" for t in matched_words) else "name_tokens",
            score=round(min(name_score, 1.0), 3),
        ))

    # -- what contradicts it -------------------------------------------------------------------
    conflicts: list[str] = []
    other_codes = [
        printed for f, printed, key in view.codes
        if key not in model_keys and (f == "model" or _looks_like_model(printed, view, index))
    ]
    if profile.models and not matched_models and other_codes:
        conflicts.append(f"listing names model {other_codes[0]!r}, which the recall does not list")
    if view.accessory_cue and not _recall_is_accessory(profile, view.accessory_noun):
        conflicts.append(f"listing reads as an accessory ({view.accessory_cue!r}), not the product itself")
    if other_brand:
        conflicts.append("listing's brand is not the recall's")

    notes.extend(conflicts)
    applicable = jurisdiction.applies(profile.countries, ship_to)
    if not applicable:
        notes.append(f"not applicable: the recall's regulator has no say over shipments to {ship_to}")
    features = Features(
        gtin=gtin_hit,
        strong_model=strong_model,
        weak_model=bool(matched_models) and not strong_model,
        name_score=name_score,
        text_cov=text_cov,
        brand_frac=brand_frac,
        recall_has_brand=has_brand,
        explained=explained,
        mass=mass,
        text_mass=text_mass,
        matched=frozenset(text_found) | frozenset(brand_found),
        conflicts=conflicts,
    )
    return Scored(position, 0.0, Verdict.ALLOW, applicable, evidence, notes, features)


def judge_all(scored: list[Scored], index: RecallIndex, policy: Policy) -> None:
    """Give each scored candidate its verdict, once every candidate's words are known: how many
    candidates share a match's words is part of how much those words prove."""
    vocabularies = [index.profiles[s.position].vocabulary() for s in scored]
    for s in scored:
        words = s.features.matched
        s.features.sharing = sum(1 for v in vocabularies if words <= v) if words else len(scored)
        s.verdict, value = policy.judge(s.features)
        s.score = round(min(max(value, 0.0), 1.0), 4)


def _fields_of(view: ListingView, tokens: list[str]) -> str:
    fields = dict.fromkeys(view.hits[t].field for t in tokens)
    return "+".join(fields)


# Sizes, counts and quantities look like codes but name no model: "24-inch", "5-point", "12V", "3-pack".
_MEASURE = re.compile(
    r"^\d+(?:[.,]\d+)?(?:-\d+(?:[.,]\d+)?)?-?(?:in|inch|inches|ft|feet|cm|mm|m|l|ml|oz|lb|lbs|kg|g|v|volt|w|watt|"
    r"mah|wh|hp|cc|gb|tb|pc|pcs|pk|pack|piece|pieces|point|pt|drawer|seat|seater|person|speed|tier|layer|"
    r"light|way|in-1|in1|year|yr|month|mo|x\d+|s|th|st|nd|rd)$"
)


def _looks_like_model(word: str, view: ListingView, index: RecallIndex) -> bool:
    """A code-shaped listing word that names a model: not a size or count, not a word some recall
    uses, nor a word with digits typed for letters."""
    key = compact(word)
    if not (any(c.isalpha() for c in key) and any(c.isdigit() for c in key) and len(key) >= 4):
        return False
    if _MEASURE.match(word.lower()) or key.lower() in index.by_token:
        return False
    parts = split_word(word.lower())
    return not all(part.isdigit() or part in view.resolved for part in parts)


def _recall_is_accessory(profile: Profile, noun: str | None) -> bool:
    """Whether the recalled product is itself the accessory the listing offers: its product
    words end in the same noun ("USB chargers" and "charger for …"), or its own name reads as
    an accessory ("Chargers for hoverboards")."""
    for _, value, tokens in profile.texts[:2]:
        if (noun and tokens and tokens[-1] == noun) or _ACCESSORY.search(fold(value)):
            return True
    return False


def recall_names(index: RecallIndex) -> list[str]:
    """Per recall, its brand and first name as tokens: what the fallback scan compares against."""
    return [
        " ".join([*(t for _, tokens in p.brands[:1] for t in tokens), *(p.texts[0][2] if p.texts else ())])
        for p in index.profiles
    ]
