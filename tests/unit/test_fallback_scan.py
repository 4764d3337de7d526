"""The fuzzy fallback scan, for a listing the word indexes cannot place, proposes the names a plain
`fuzz.token_set_ratio` scan over every name proposes: the same set, ties broken the same way,
whether it takes the short way (no word of the listing is an index word) or scans them all."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process
from recall_screen.analysis import analyse
from recall_screen.candidates import FALLBACK_CUTOFF, fallback_candidates
from recall_screen.index import RecallIndex
from recall_screen.models import Listing, Recall
from recall_screen.parsers import parse
from recall_screen.policy import Policy
from shared_data import SHARED_RECALL_FILES, SHARED_RECALLS

LIMIT = 5


@pytest.fixture(scope="module")
def index() -> RecallIndex:
    recalls = [r for name in SHARED_RECALL_FILES for r in parse((SHARED_RECALLS / name).read_bytes()).records]
    # Nine notices of one name (a brand and product name alike, their titles not): more ties than
    # the scan keeps.
    titles = ["Tarvo Quorra kettles recalled"] * 8 + ["Kettles of Quorra Tarvo recalled"]
    recalls += [
        Recall(
            source="CPSC", recall_id=f"T{n}", title=title, brands=["Tarvo Quorra"], product_names=["Kettle"]
        )
        for n, title in enumerate(titles)
    ]
    return RecallIndex.build(recalls)


def _plain_scan(words: list[str], index: RecallIndex) -> set[int]:
    found = process.extract(
        " ".join(words),
        index.names,
        scorer=fuzz.token_set_ratio,
        processor=None,
        limit=LIMIT,
        score_cutoff=FALLBACK_CUTOFF,
    )
    return {position for _, _, position in found}


def _misspelt(name: str, index: RecallIndex, rng: random.Random, keep: int = 0) -> str:
    """The name's words but the first `keep` each given letters beyond what typo repair puts back
    (a word no recall uses), some of them left out."""
    words = name.split()[:keep]
    for word in name.split()[keep:]:
        for _ in range(10):
            changed = word
            for _ in range(2 if len(word) < 6 else 3):
                at = rng.randrange(len(changed) + 1)
                changed = changed[:at] + rng.choice("qxzj") + changed[at:]
            if changed not in index.by_token:
                words.append(changed)
                break
    return " ".join(w for w in words if rng.random() < 0.8) or " ".join(words)


def test_names_are_stored_as_token_sets(index: RecallIndex) -> None:
    assert all(name == " ".join(sorted(set(name.split()))) for name in index.names)
    # A name's words are index words: a query of none of them shares no word with any name.
    assert all(word in index.by_token for name in index.names for word in name.split())


def test_the_fallback_proposes_what_scanning_every_name_proposes(index: RecallIndex) -> None:
    rng = random.Random(11)
    names = [index.names[rng.randrange(len(index.names))] for _ in range(450)]
    titles = [_misspelt(name, index, rng, keep=n % 3 == 0) for n, name in enumerate(names)]
    titles += ["tarvqo quorrax kettlex", "quorrax tarvqo", "zxqv plorbit vantrex", "Easelq and chalkboardq"]
    short_way = {True: 0, False: 0}  # proposing something, by the short way or by the whole scan
    for title in titles:
        view = analyse(Listing(listing_id="x", title=title), index, Policy())
        words = [*(w.readings[0] for w in view.informative), *(w.token for w in view.unknown)]
        if not words:
            continue
        found = fallback_candidates(view, index, LIMIT)
        assert found == _plain_scan(words, index), title
        if found:
            short_way[not any(word in index.by_token for word in words)] += 1
    assert short_way[True] > 40 and short_way[False] > 40, short_way


def test_ties_beyond_the_limit_are_broken_by_position_as_the_plain_scan_does(index: RecallIndex) -> None:
    view = analyse(Listing(listing_id="x", title="tarxvqo quorrxax kettxlexsq"), index, Policy())
    words = [w.token for w in view.unknown]
    assert words and not view.informative
    found = fallback_candidates(view, index, LIMIT)
    tied = [i for i in range(len(index)) if index.notice(i).recall_id.startswith("T")]
    assert len(found) == LIMIT and found <= set(tied)
    assert found == _plain_scan(words, index)


def test_an_artifact_written_with_names_as_written_is_read_as_token_sets(index: RecallIndex) -> None:
    document = dict(index._document)
    del document["fallback_names"]
    document["names"] = [" ".join(reversed(name.split())) for name in index.names]
    earlier = RecallIndex.from_artifact(RecallIndex(document).to_artifact())
    assert earlier.names == index.names
