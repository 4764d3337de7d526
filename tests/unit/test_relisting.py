"""The re-listing memory's pure rules: fingerprints, resemblance, and a decision after memory."""

from __future__ import annotations

from dataclasses import replace

from recall_screen.models import Decision, Evidence, Listing, Match, Verdict
from recall_screen.relisting import (
    BlockedListing,
    BlockedRecall,
    PairVerdict,
    Recollection,
    apply_memory,
    content_digest,
    fingerprint,
    match_identifiers,
    resemblance,
)

RECALL = BlockedRecall("CPSC", "24-101", "Acme Recalls ZoomKart Ride-On Toys", "https://example.test/24-101")


def listing(**fields: object) -> Listing:
    return Listing.model_validate({"listing_id": "L-1", "title": "x", "ship_to": "US", **fields})


def blocked(confirmed_by: str | None = None, **fields: object) -> BlockedListing:
    original = listing(
        listing_id="L-0", seller_id="S-1", title="ZoomKart ride on toy for kids ZK-2000X", **fields
    )
    return BlockedListing("D-0", "2026-01-01T00:00:00.000Z", fingerprint(original), (RECALL,), confirmed_by)


def allow(for_listing: Listing) -> Decision:
    return Decision(
        decision_id="D-1",
        listing_id=for_listing.listing_id,
        decision=Verdict.ALLOW,
        index_version="v",
        policy_version="p",
        decided_at="2026-01-02T00:00:00.000Z",
    )


def test_a_fingerprint_holds_normalised_identifiers_distinctive_words_and_photos():
    fp = fingerprint(
        listing(
            title="NEW zk-2000x Ride-On toy, free shipping",
            gtin="0 12345 67890 5",
            seller_id="S-1",
            image_urls=["HTTPS://img.example.test/a.jpg?w=200"],
        )
    )
    assert fp.identifiers == {"GTIN:00012345678905", "MODEL:ZK2000X"}
    assert {"ride", "toy"} <= fp.words and not fp.words & {"new", "free", "shipping"}
    assert fp.images == {"img.example.test/a.jpg"}
    assert fp.lookup_keys()[:2] == ["LISTING#L-1", "SELLER#S-1"]


def test_codes_piled_in_the_description_do_not_push_the_titles_model_out_of_the_fingerprint():
    """The fingerprint holds four identifiers. Four valid but unrelated GTINs in the description,
    read before the title's model number, pushed it out: a re-listing stuffed so was not found
    under the model a confirmed block was remembered by."""

    def gtin13(body: str) -> str:
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
        return body + str((10 - total % 10) % 10)

    piled = " ".join(gtin13(f"4006381{n:05d}") for n in range(4))
    stuffed = fingerprint(listing(title="Toy car ZX-7731 red", description=f"codes {piled}"))
    assert "MODEL:ZX7731" in stuffed.identifiers and len(stuffed.identifiers) == 4
    blocked_kart = fingerprint(listing(listing_id="L-0", title="Kids ride-on kart toy car ZX-7731"))
    assert stuffed.identifiers & blocked_kart.identifiers == {"MODEL:ZX7731"}


def test_same_seller_needs_most_of_the_words_another_seller_needs_an_identifier_or_photo():
    old = blocked()
    same_seller = fingerprint(listing(seller_id="S-1", title="Kids ride on toy, battery, red"))
    assert resemblance(same_seller, old) is not None
    other_product = fingerprint(listing(seller_id="S-1", title="Wooden toy kitchen for kids"))
    assert resemblance(other_product, old) is None
    stranger_same_words = fingerprint(listing(seller_id="S-2", title="Kids ride on toy, battery, red"))
    assert resemblance(stranger_same_words, old) is None
    stranger_same_model = fingerprint(listing(seller_id="S-2", title="Toy ZK-2000X"))
    found = resemblance(stranger_same_model, old)
    assert found is not None and found.shared_identifiers == ("MODEL:ZK2000X",)


def test_a_resembling_listing_goes_to_review_and_to_block_once_a_reviewer_confirmed():
    relisting = listing(seller_id="S-1", title="Kids ride on toy, battery, red")
    decision = apply_memory(allow(relisting), relisting, Recollection(blocked=(blocked(),)))
    assert decision.decision is Verdict.REVIEW
    (match,) = decision.matches
    assert (match.source, match.recall_id) == ("CPSC", "24-101")
    assert match.evidence[0].method == "relisted_like"
    assert match.evidence[0].recall_value == "listing L-0 (decision D-0)"

    confirmed = apply_memory(allow(relisting), relisting, Recollection(blocked=(blocked("rev-ana"),)))
    assert confirmed.decision is Verdict.BLOCK
    assert "seller S-1 has 1 block confirmed by reviewers" in confirmed.reasons


def test_a_retired_block_is_held_against_no_one():
    relisting = listing(seller_id="S-1", title="Kids ride on toy, battery, red")
    retired = BlockedListing(**{**blocked().__dict__, "retired": True})
    assert (
        apply_memory(allow(relisting), relisting, Recollection(blocked=(retired,))).decision is Verdict.ALLOW
    )


def test_an_overrule_holds_for_the_same_content_only():
    seen = listing(title="Kids ride-on kart ZoomKart toy car")
    review = allow(seen).model_copy(
        update={
            "decision": Verdict.REVIEW,
            "matches": [
                Match(recall_id="24-101", source="CPSC", title="t", score=0.7, verdict=Verdict.REVIEW)
            ],
        }
    )
    pair = PairVerdict("L-1", "CPSC", "24-101", "overrule", content_digest(seen), "D-9", "rev-bo")
    assert apply_memory(review, seen, Recollection(pairs=(pair,))).decision is Verdict.ALLOW
    edited = seen.model_copy(update={"description": "now with the battery"})
    assert apply_memory(review, edited, Recollection(pairs=(pair,))).decision is Verdict.REVIEW


def test_an_overrule_does_not_hold_against_an_identifier_the_judged_match_lacked():
    """A reviewer overruled a name match; the notice was then amended to list the GTIN this very
    listing carries. The overrule was kept (same listing, same content) and lowered a GTIN match to
    allow. It holds only for what the judged match rested on; a verdict kept before identifiers
    were recorded holds as it did."""
    seen = listing(title="Kids ride-on kart ZoomKart toy car", gtin="00012345678905")

    def review(*evidence: Evidence) -> Decision:
        match = Match(
            recall_id="24-101",
            source="CPSC",
            title="t",
            score=0.9,
            verdict=Verdict.REVIEW,
            evidence=list(evidence),
        )
        return allow(seen).model_copy(update={"decision": Verdict.REVIEW, "matches": [match]})

    words = Evidence(field="title", value="zoomkart", recall_field="title", recall_value="ZoomKart",
                     method="name_tokens", score=0.8)  # fmt: skip
    gtin = Evidence(field="gtin", value="00012345678905", recall_field="gtins", recall_value="00012345678905",
                    method="gtin", score=1.0)  # fmt: skip
    judged = review(words)
    pair = PairVerdict("L-1", "CPSC", "24-101", "overrule", content_digest(seen), "D-9", "rev-bo",
                       identifiers=match_identifiers(judged.matches[0]))  # fmt: skip
    assert apply_memory(judged, seen, Recollection(pairs=(pair,))).decision is Verdict.ALLOW
    amended = apply_memory(review(words, gtin), seen, Recollection(pairs=(pair,)))
    assert amended.decision is Verdict.REVIEW
    assert any("does not hold: the match now rests on gtin:00012345678905" in r for r in amended.reasons)
    old = replace(pair, identifiers=None)
    assert apply_memory(review(words, gtin), seen, Recollection(pairs=(old,))).decision is Verdict.ALLOW
    on_the_gtin = replace(pair, identifiers=("gtin:00012345678905",))
    assert (
        apply_memory(review(words, gtin), seen, Recollection(pairs=(on_the_gtin,))).decision is Verdict.ALLOW
    )
