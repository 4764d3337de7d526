"""Re-listing memory, the pure part: what a blocked listing is remembered by, whether a new listing
resembles one, and what reviewers' verdicts on a listing say about screening it again.

A seller whose listing is blocked often lists the product again with the words changed: the brand
and the model number left out, the title reworded, the photos kept. The matcher, reading the new
text alone, may find nothing. So a blocked listing (by the matcher or a reviewer) is remembered by
its `Fingerprint`: the seller, its identifiers (GTINs and model-number keys, normalised as the
matcher compares them), the distinctive words of its title, its image URLs. A new listing is looked
up by the same keys (`Fingerprint.lookup_keys`: its seller, each identifier, each photo, its own id), and
`apply_memory` raises each recall a resembling blocked listing was blocked for to at least
`review`, with evidence `relisted_like` naming that listing and decision; to `block` when a reviewer
confirmed that block and the listing comes back from the same seller or with the same identifiers.

A reviewer's `overrule` of a (listing, recall) pair is remembered too (`PairVerdict`): that recall
is not raised again for the listing while its content is the same (`content_digest`).

Storage is elsewhere (`recall_screen.aws.review_store`); this module only decides.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from recall_screen.gtin import canonical, find_gtins
from recall_screen.lexicon import MARKETING_NOISE
from recall_screen.models import Decision, Evidence, Listing, Match, Verdict
from recall_screen.text import letters_and_digits, model_key, name_tokens, raw_words

_RANK = {Verdict.BLOCK: 2, Verdict.REVIEW: 1, Verdict.ALLOW: 0}

# Bounds on what one fingerprint holds, so its keys (one stored item each) stay few.
MAX_IDENTIFIERS = 4
MAX_IMAGES = 4
MAX_WORDS = 24
# A model-number key shorter than this ("X2", "100") is shared by unrelated products.
MIN_MODEL_KEY = 5
# Title words shorter than this say little about which product it is.
MIN_WORD = 3
# Same seller, no shared identifier or photo: the titles must share at least this many
# distinctive words, and that many must be at least this share of the shorter title's words.
MIN_SHARED_WORDS = 3
MIN_WORD_OVERLAP = 0.6


@dataclass(frozen=True)
class Fingerprint:
    """What a listing is recognised by."""

    listing_id: str
    seller_id: str | None
    identifiers: frozenset[str]  # "GTIN:<gtin-14>" or "MODEL:<model key>"
    words: frozenset[str]  # distinctive title words, as the matcher compares them
    images: frozenset[str]  # image URLs, normalised

    def lookup_keys(self) -> list[str]:
        """The lookup keys: a new listing is compared with the blocked listings stored under any of
        its keys."""
        keys = [f"LISTING#{self.listing_id}"]
        if self.seller_id:
            keys.append(f"SELLER#{self.seller_id}")
        keys.extend(f"ID#{identifier}" for identifier in sorted(self.identifiers))
        keys.extend(f"IMG#{_digest(image)[:32]}" for image in sorted(self.images))
        return keys

    def to_json(self) -> dict[str, Any]:
        return {
            "listing_id": self.listing_id,
            "seller_id": self.seller_id,
            "identifiers": sorted(self.identifiers),
            "words": sorted(self.words),
            "images": sorted(self.images),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fingerprint:
        return cls(
            listing_id=str(data["listing_id"]),
            seller_id=data.get("seller_id"),
            identifiers=frozenset(data.get("identifiers") or ()),
            words=frozenset(data.get("words") or ()),
            images=frozenset(data.get("images") or ()),
        )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _identifiers(listing: Listing) -> list[str]:
    """The listing's identifiers, at most `MAX_IDENTIFIERS`: its own fields' and title's first,
    the description's last. A description is where codes are piled (a seller's four unrelated
    GTINs): taken in order, they pushed the title's model number out of the fingerprint, and a
    re-listing stuffed so went unrecognised."""
    found: list[str] = []
    if listing.gtin:
        code = canonical(listing.gtin)
        if code is not None and code[1]:
            found.append(f"GTIN:{code[0]}")
    found.extend(f"GTIN:{gtin}" for _, gtin, valid in find_gtins(listing.title) if valid)
    models = [listing.model] if listing.model else []
    # Words of the title that look like model numbers: letters and digits together.
    models.extend(w for w in raw_words(listing.title) if letters_and_digits(w))
    for printed in models:
        key = model_key(printed)
        if len(key) >= MIN_MODEL_KEY and any(c.isdigit() for c in key):
            found.append(f"MODEL:{key}")
    found.extend(f"GTIN:{gtin}" for _, gtin, valid in find_gtins(listing.description or "") if valid)
    return list(dict.fromkeys(found))[:MAX_IDENTIFIERS]


def _words(listing: Listing) -> frozenset[str]:
    words = [
        w
        for w in name_tokens(listing.title)
        if len(w) >= MIN_WORD and not w.isdigit() and w not in MARKETING_NOISE
    ]
    return frozenset(list(dict.fromkeys(words))[:MAX_WORDS])


def _image(url: str) -> str:
    """A photo's address as compared: no scheme, no query string (sizes, cache busters), lower case."""
    plain = url.strip().split("?", 1)[0].split("#", 1)[0]
    for scheme in ("https://", "http://", "//"):
        if plain.lower().startswith(scheme):
            plain = plain[len(scheme) :]
            break
    return plain.lower()


def fingerprint(listing: Listing) -> Fingerprint:
    images = [_image(url) for url in listing.image_urls or () if url.strip()]
    return Fingerprint(
        listing_id=listing.listing_id,
        seller_id=listing.seller_id or None,
        identifiers=frozenset(_identifiers(listing)),
        words=_words(listing),
        images=frozenset(list(dict.fromkeys(i for i in images if i))[:MAX_IMAGES]),
    )


def content_digest(listing: Listing) -> str:
    """The listing's content as screened (its text fields and photos): a reviewer's overrule holds
    while this stays the same."""
    content = {**listing.text_fields(), "image_urls": sorted(listing.image_urls or ())}
    return _digest(json.dumps(content, sort_keys=True, ensure_ascii=False))[:32]


# -- what is remembered ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockedRecall:
    """A recall a listing was blocked for: enough to name it again in a new decision."""

    source: str
    recall_id: str
    title: str
    url: str = ""
    hazard: str = ""
    remedy: str = ""

    @classmethod
    def of(cls, match: Match) -> BlockedRecall:
        return cls(match.source, match.recall_id, match.title, match.url, match.hazard, match.remedy)


@dataclass(frozen=True)
class BlockedListing:
    """A listing blocked by a decision, as remembered."""

    decision_id: str
    blocked_at: str
    fingerprint: Fingerprint
    recalls: tuple[BlockedRecall, ...]
    confirmed_by: str | None = None  # the reviewer who confirmed the block; None: the matcher's
    retired: bool = False  # a reviewer overruled it: no longer held against anyone

    @property
    def listing_id(self) -> str:
        return self.fingerprint.listing_id

    def to_json(self) -> dict[str, Any]:
        return {
            "decision_id": self.decision_id,
            "blocked_at": self.blocked_at,
            "fingerprint": self.fingerprint.to_json(),
            "recalls": [r.__dict__ for r in self.recalls],
            "confirmed_by": self.confirmed_by,
            "retired": self.retired,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BlockedListing:
        return cls(
            decision_id=str(data["decision_id"]),
            blocked_at=str(data["blocked_at"]),
            fingerprint=Fingerprint.from_json(data["fingerprint"]),
            recalls=tuple(BlockedRecall(**r) for r in data.get("recalls") or ()),
            confirmed_by=data.get("confirmed_by"),
            retired=bool(data.get("retired")),
        )


def blocked_listing(
    decision: Decision, listing: Listing, *, confirmed_by: str | None = None
) -> BlockedListing | None:
    """What a block decision leaves to remember, None when the decision blocks nothing."""
    recalls = tuple(
        BlockedRecall.of(m) for m in decision.matches if m.applicable and m.verdict is Verdict.BLOCK
    )
    if decision.decision is not Verdict.BLOCK or not recalls:
        return None
    return BlockedListing(
        decision.decision_id, decision.decided_at, fingerprint(listing), recalls, confirmed_by
    )


@dataclass(frozen=True)
class PairVerdict:
    """A reviewer's last word on one (listing, recall) pair."""

    listing_id: str
    source: str
    recall_id: str
    verdict: str  # "confirm" or "overrule"
    content: str  # content_digest of the listing as reviewed
    decision_id: str  # the decision the verdict produced
    reviewer: str
    # The identifiers the judged match rested on (`match_identifiers`); None for a verdict kept
    # before they were recorded, which holds as it always did.
    identifiers: tuple[str, ...] | None = None


def match_identifiers(match: Match) -> tuple[str, ...]:
    """The notice's identifiers a match rests on: "gtin:<value>" and "model:<value>"."""
    found = {
        f"{'gtin' if e.method.startswith('gtin') else 'model'}:{e.recall_value}"
        for e in match.evidence
        if e.method in _IDENTIFYING
    }
    return tuple(sorted(found))


_IDENTIFYING = frozenset({"gtin", "gtin_unchecked", "model_exact", "model_respaced", "model_normalised"})


@dataclass(frozen=True)
class Recollection:
    """What the memory holds about a listing: verdicts on it, and blocked listings under its keys."""

    pairs: tuple[PairVerdict, ...] = ()
    blocked: tuple[BlockedListing, ...] = ()


class ListingMemory(Protocol):
    """Where blocked listings and verdicts are kept (in AWS, `recall_screen.aws.review_store`).

    `consult` reads what is known about a listing; `writes_for` returns the store's own writes that
    keep a decision's consequences (the review queue, the fingerprint of a block), which the
    decision log makes in the same transaction as the decision (`DecisionStore.record(also=...)`)."""

    def consult(self, listing: Listing) -> Consultation:
        """Raises DecisionNotRecorded when the memory cannot be read (screening must not go on)."""
        ...

    def writes_for(
        self, decision: Decision, listing: Listing, consultation: Consultation
    ) -> list[Mapping[str, Any]]: ...


@dataclass(frozen=True)
class Consultation:
    """A store's answer for one listing: the recollection, and what the store needs to know again
    when it writes (`state`, its own)."""

    recollection: Recollection
    state: Any = None


# -- resemblance ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resemblance:
    blocked: BlockedListing
    same_seller: bool
    same_listing: bool
    shared_identifiers: tuple[str, ...]
    shared_images: int
    shared_words: tuple[str, ...]
    score: float

    @property
    def confirmed_return(self) -> bool:
        """A reviewer confirmed the block, and it is back from the same seller, as the same listing,
        or with the same identifiers: blocked at once."""
        by_owner = self.same_seller or self.same_listing
        return self.blocked.confirmed_by is not None and (
            self.shared_identifiers != ()
            or (by_owner and (self.shared_words != () or self.shared_images > 0))
        )

    def describe(self) -> str:
        parts = []
        if self.same_listing:
            parts.append("the same listing")
        elif self.same_seller:
            parts.append("the same seller")
        if self.shared_identifiers:
            parts.append("the same identifiers " + ", ".join(self.shared_identifiers))
        if self.shared_images:
            parts.append(f"{self.shared_images} of the same photos")
        if self.shared_words:
            parts.append("title words " + ", ".join(self.shared_words))
        return "; ".join(parts)


def resemblance(new: Fingerprint, blocked: BlockedListing) -> Resemblance | None:
    """How `new` resembles a blocked listing, None when it does not.

    Shared identifiers or photos are enough from any seller. From the same seller (or the same
    listing id) without them, the titles must share `MIN_SHARED_WORDS` distinctive words making at
    least `MIN_WORD_OVERLAP` of the shorter title's words: a seller's other products share a word
    or two with the blocked one ("night light"), a re-listing shares most of them."""
    old = blocked.fingerprint
    ids = tuple(sorted(new.identifiers & old.identifiers))
    images = len(new.images & old.images)
    same_seller = new.seller_id is not None and new.seller_id == old.seller_id
    same_listing = new.listing_id == old.listing_id
    shared = tuple(sorted(new.words & old.words))
    shorter = min(len(new.words), len(old.words))
    overlap = len(shared) / shorter if shorter else 0.0
    words_alike = (
        len(shared) >= min(MIN_SHARED_WORDS, shorter) and shorter > 0 and overlap >= MIN_WORD_OVERLAP
    )
    if not ids and not images and not ((same_seller or same_listing) and words_alike):
        return None
    score = max(1.0 if ids or images else 0.0, overlap)
    return Resemblance(
        blocked,
        same_seller,
        same_listing,
        ids,
        images,
        shared if words_alike else (),
        round(min(score, 1.0), 4),
    )


# -- applying memory to a decision -----------------------------------------------------------------------


@dataclass
class _Draft:
    matches: list[Match]
    reasons: list[str] = field(default_factory=list)

    def find(self, source: str, recall_id: str) -> int | None:
        for position, match in enumerate(self.matches):
            if match.source == source and match.recall_id == recall_id:
                return position
        return None


def _overruled(pairs: Sequence[PairVerdict], listing: Listing) -> dict[tuple[str, str], PairVerdict]:
    digest = content_digest(listing)
    return {
        (p.source, p.recall_id): p
        for p in pairs
        if p.verdict == "overrule" and p.listing_id == listing.listing_id and p.content == digest
    }


def _apply_overrules(draft: _Draft, overruled: Mapping[tuple[str, str], PairVerdict]) -> None:
    for (source, recall_id), pair in overruled.items():
        position = draft.find(source, recall_id)
        if position is None or draft.matches[position].verdict is Verdict.ALLOW:
            continue
        # A reviewer judged the match on what it rested on then; a notice amended since (a GTIN
        # or model number added that this listing carries) is evidence the verdict never saw.
        new = set(match_identifiers(draft.matches[position])) - set(pair.identifiers or ())
        if pair.identifiers is not None and new:
            draft.reasons.append(
                f"{source} recall {recall_id}: the overrule by reviewer {pair.reviewer} (decision "
                f"{pair.decision_id}) does not hold: the match now rests on {', '.join(sorted(new))}, "
                "which the overruled one did not"
            )
            continue
        note = (
            f"overruled by reviewer {pair.reviewer} (decision {pair.decision_id}) for this listing's "
            "content: not raised again until it changes"
        )
        match = draft.matches[position]
        draft.matches[position] = match.model_copy(
            update={"verdict": Verdict.ALLOW, "notes": [*match.notes, note]}
        )
        draft.reasons.append(f"allow: {source} recall {recall_id} {note}")


def _relisted_evidence(listing: Listing, found: Resemblance) -> Evidence:
    fp = found.blocked.fingerprint
    return Evidence(
        field="seller_id" if found.same_seller and not found.shared_identifiers else "listing",
        value=(listing.seller_id or "") if found.same_seller else listing.listing_id,
        recall_field="blocked_listing",
        recall_value=f"listing {fp.listing_id} (decision {found.blocked.decision_id})",
        method="relisted_like",
        score=found.score,
    )


# Whether a recall named by a remembered block applies where the listing ships (True/False), or
# None when the index no longer lists it (withdrawn): `Screener.recall_scope`.
Scope = Callable[[str, str], bool | None]


def _everywhere(source: str, recall_id: str) -> bool | None:
    return True


def _raised(
    match: Match | None, recall: BlockedRecall, found: Resemblance, evidence: Evidence, note: str
) -> Match:
    """The match for `recall` raised by a resemblance: the matcher's own, or a new one."""
    verdict = Verdict.BLOCK if found.confirmed_return else Verdict.REVIEW
    if match is None:
        return Match(
            recall_id=recall.recall_id,
            source=recall.source,
            title=recall.title,
            url=recall.url,
            hazard=recall.hazard,
            remedy=recall.remedy,
            score=found.score,
            verdict=verdict,
            evidence=[evidence],
            notes=[note],
        )
    return match.model_copy(
        update={
            "verdict": max(match.verdict, verdict, key=_RANK.__getitem__),
            "evidence": [*match.evidence, evidence],
            "notes": [*match.notes, note],
        }
    )


def _raise_for(
    draft: _Draft,
    listing: Listing,
    found: Resemblance,
    overruled: Mapping[tuple[str, str], Any],
    scope: Scope,
) -> None:
    verdict = Verdict.BLOCK if found.confirmed_return else Verdict.REVIEW
    who = f"confirmed by reviewer {found.blocked.confirmed_by}" if found.blocked.confirmed_by else "blocked"
    note = (
        f"resembles listing {found.blocked.listing_id}, {who} in decision {found.blocked.decision_id}: "
        f"{found.describe()}"
    )
    for recall in found.blocked.recalls:
        applies = scope(recall.source, recall.recall_id)
        if (recall.source, recall.recall_id) in overruled or applies is None:
            continue  # a reviewer said it is not this product, or the recall was withdrawn
        position = draft.find(recall.source, recall.recall_id)
        existing = None if position is None else draft.matches[position]
        if not applies or (existing is not None and not existing.applicable):
            draft.reasons.append(
                f"relisted like listing {found.blocked.listing_id}, but {recall.source} recall "
                f"{recall.recall_id} does not apply where this listing ships"
            )
            continue
        raised = _raised(existing, recall, found, _relisted_evidence(listing, found), note)
        if position is None:
            draft.matches.append(raised)
        else:
            draft.matches[position] = raised
        draft.reasons.append(
            f"{verdict.value}: relisted like: {recall.source} recall {recall.recall_id}, {note}"
        )


def _seller_record(listing: Listing, blocked: Sequence[BlockedListing]) -> str | None:
    if not listing.seller_id:
        return None
    confirmed = {
        b.decision_id for b in blocked if b.fingerprint.seller_id == listing.seller_id and b.confirmed_by
    }
    if not confirmed:
        return None
    plural = "s" if len(confirmed) > 1 else ""
    return f"seller {listing.seller_id} has {len(confirmed)} block{plural} confirmed by reviewers"


def resemblances(listing: Listing, blocked: Sequence[BlockedListing]) -> list[Resemblance]:
    """The live blocked listings `listing` resembles, strongest first, each blocked decision once
    (the listing's own earlier blocks included: a blocked listing sent again is still it)."""
    new = fingerprint(listing)
    seen: set[str] = set()
    found: list[Resemblance] = []
    for b in blocked:
        if b.retired or b.decision_id in seen:
            continue
        seen.add(b.decision_id)
        r = resemblance(new, b)
        if r is not None:
            found.append(r)
    found.sort(key=lambda r: (r.confirmed_return, r.score, r.blocked.blocked_at), reverse=True)
    return found


# At most this many blocked listings are cited in one decision: the strongest say enough.
MAX_CITED = 3


def apply_memory(
    decision: Decision, listing: Listing, memory: Recollection, *, scope: Scope = _everywhere
) -> Decision:
    """The decision after what the memory holds: overruled pairs lowered to allow, recalls that
    resembling blocked listings were blocked for raised to review (block on a confirmed return) where
    `scope` says they still apply, and a seller's confirmed blocks stated. The decision is unchanged
    when the memory holds nothing."""
    draft = _Draft(list(decision.matches))
    overruled = _overruled(memory.pairs, listing)
    _apply_overrules(draft, overruled)
    for found in resemblances(listing, memory.blocked)[:MAX_CITED]:
        _raise_for(draft, listing, found, overruled, scope)
    seller = _seller_record(listing, memory.blocked)
    if seller:
        draft.reasons.append(seller)
    if not draft.reasons:
        return decision
    matches = sorted(draft.matches, key=lambda m: (m.applicable, _RANK[m.verdict]), reverse=True)
    verdict = max((m.verdict for m in matches if m.applicable), key=_RANK.__getitem__, default=Verdict.ALLOW)
    return replace_decision(
        decision, verdict=verdict, matches=matches, reasons=[*decision.reasons, *draft.reasons]
    )


def replace_decision(
    decision: Decision, *, verdict: Verdict, matches: list[Match], reasons: list[str]
) -> Decision:
    return decision.model_copy(update={"decision": verdict, "matches": matches, "reasons": reasons})


__all__ = [
    "BlockedListing",
    "BlockedRecall",
    "Consultation",
    "Fingerprint",
    "ListingMemory",
    "PairVerdict",
    "Recollection",
    "Resemblance",
    "apply_memory",
    "blocked_listing",
    "content_digest",
    "fingerprint",
    "resemblance",
    "resemblances",
]
