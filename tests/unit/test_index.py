"""The index artifact: built once, stored as data, loaded by every screener; anything that is not a
complete index of our format is refused."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import random
import struct
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import recall_screen.artifact as artifact_module
import recall_screen.index as index_module
from recall_fixtures import BLUESTAR, EZRA, LUMOS, generic_recalls
from recall_screen.artifact import (
    ARTIFACT_FORMAT,
    BLOCK_LINES,
    KEY_SECTIONS,
    LAZY_SECTIONS,
    RAW_SECTIONS,
    SLOTS,
    STARTS,
    ArtifactError,
)
from recall_screen.index import RecallIndex, SourceList
from recall_screen.ingest import read_drop
from recall_screen.models import Listing, Recall, Verdict
from recall_screen.policy import Policy
from recall_screen.postings import key_table
from recall_screen.screening import Screener

BUILT = datetime(2026, 10, 4, 8, 30, tzinfo=UTC)
NOW = datetime(2026, 10, 4, 9, 0, tzinfo=UTC)

HOSTILE_TITLE = "Crib\tand Bassinet\nRecalled by Dreamland | Sold at\r\nTarget\x1e"

RECALLS = [
    BLUESTAR.model_copy(
        update={
            "hazard": "The oven door can detach, posing a burn hazard.",
            "remedy": "Repair",
            "url": "https://www.cpsc.gov/Recalls/2018/Gas-Ranges-and-Wall-Ovens-Recalled-by-Prizer-Painter-Stove-Works",
            "published": "2018-09-11",
        }
    ),
    LUMOS.model_copy(
        update={
            "unchecked_gtins": ["00816153011218"],
            "hazard": "Head injury",
            "remedy": "Refund",
            "published": "2021-01-14",
        }
    ),
    EZRA.model_copy(
        update={
            "hazard": "Electric shock: the insulation is insufficient.",
            "other_texts": ["Chargeur USB (EZRA)"],
            "url": "https://ec.europa.eu/safety-gate-alerts/screen/webReport/alertDetail/10001523",
        }
    ),
    Recall(
        source="CPSC",
        recall_id="30003",
        title=HOSTILE_TITLE,
        product_names=["Dreamland crib\tand\nbassinet"],
        brands=["Dreamland"],
        hazard="Entrapment:\nthe side\trail can detach.",
        remedy="Refund",
        url="https://www.cpsc.gov/Recalls/30003\n",
    ),
    Recall(
        source="UK OPSS",
        recall_id="PSD-2024-117",
        title="Poussette « Bébé Confort » — rappel",
        product_names=["Bébé Confort pushchair"],
        brands=["Bébé Confort"],
        models=["4340"],
        partial_scope=["batch or lot codes"],
        unit_codes=["2403A", "2404A"],
    ),
    *generic_recalls("30001", "30002", "30004", "30013", "30019", hazard="Fall hazard"),
]

LISTINGS = [
    Listing(listing_id="1", title="BlueStar RCS304BV2 gas range"),
    Listing(listing_id="2", title="Kids bicycle helmet", gtin="816153011219"),
    Listing(listing_id="3", title="EZRA USB charger", ship_to="US"),
    Listing(listing_id="4", title="Chargeur USB EZRA", ship_to="FR"),
    Listing(listing_id="5", title="Dreamland crib and bassinet"),
    Listing(listing_id="6", title="Bebe Confort pushchair 4340", ship_to="GB"),
    Listing(listing_id="6b", title="Bebe Confort pushchair, batch 2404A", ship_to="GB"),
    Listing(listing_id="7", title="Gudok adult bike helmets 2024 New"),
    Listing(listing_id="8", title="Garden gnome, ceramic"),
]


@pytest.fixture(scope="module")
def index() -> RecallIndex:
    return RecallIndex.build(RECALLS, built_at=BUILT)


@pytest.fixture(scope="module")
def artifact(index: RecallIndex) -> bytes:
    return index.to_artifact()


def decisions(index: RecallIndex) -> list[dict[str, Any]]:
    screener = Screener(index, Policy())
    return [screener.screen(listing, decision_id="D", now=NOW).model_dump() for listing in LISTINGS]


def position(index: RecallIndex, recall_id: str) -> int:
    return next(i for i, (_, rid) in enumerate(index.recall_ids()) if rid == recall_id)


LAZY = LAZY_SECTIONS  # the text sections stored in compressed blocks
KEYS = KEY_SECTIONS  # the postings' keys, stored raw beside their tables
# The artifact's raw array sections: the word and model postings, each recall's name totals, the
# keys' starts and hash tables, where each lazy section's lines start and where its blocks end.
ARRAYS = {name: code for name, code in RAW_SECTIONS.items() if code != "B"}


def _member(artifact: bytes) -> tuple[bytes, bytes, bytes]:
    """The gzip member as stored, its content (the head's line), and what follows it: zero bytes
    to a multiple of four, the raw sections, then the lazy sections' compressed blocks."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    head = inflater.decompress(artifact)
    rest = inflater.unused_data
    return artifact[: len(artifact) - len(rest)], head, rest


def _raw_span(artifact: bytes) -> tuple[int, int]:
    """Where the raw sections start and end in what follows the gzip member."""
    member, head, _ = _member(artifact)
    pad = -len(member) % 4
    return pad, pad + sum(size for name, size, _ in json.loads(head)["sections"] if name not in LAZY)


def _content(artifact: bytes) -> bytes:
    """What the artifact stores, uncompressed (compressed bytes may differ between zlib builds):
    the head's line, the raw sections, then each lazy section's lines."""
    _, head, rest = _member(artifact)
    _, sections = _parse(artifact)
    start, end = _raw_span(artifact)
    return head + rest[start:end] + "\n".join(line for name in LAZY for line in sections[name]).encode()


def _inflated(chunk: bytes, blocks: list[int], count: int) -> list[str]:
    text = b"\n".join(zlib.decompress(chunk[blocks[i] : blocks[i + 1]]) for i in range(len(blocks) - 1))
    return text.decode().split("\n") if count else []


def _packed(lines: list[str], per_block: int) -> list[bytes]:
    encoded = [line.encode() for line in lines]
    return [zlib.compress(b"\n".join(encoded[i : i + per_block])) for i in range(0, len(encoded), per_block)]


def _parse(artifact: bytes) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The artifact's JSON head and its sections (lines, or numbers for the arrays)."""
    _, head, rest = _member(artifact)
    document = json.loads(head)
    sections: dict[str, list[Any]] = {}
    start, lazy_start = _raw_span(artifact)
    for name, size, count in document["sections"]:
        if name in LAZY:
            chunk = rest[lazy_start : lazy_start + size]
            lazy_start += size
            sections[name] = _inflated(chunk, sections[f"{name}_blocks"], count)
            continue
        chunk = rest[start : start + size]
        start += size
        if name in ARRAYS:
            sections[name] = list(struct.unpack(f"<{size // 4}{ARRAYS[name]}", chunk))
        else:
            sections[name] = chunk.decode().split("\n") if chunk else []
    return document, sections


def rewrite(artifact: bytes, change: Callable[[dict[str, Any], dict[str, list[Any]]], None]) -> bytes:
    """The artifact with its JSON head and sections changed, written again. The container (see
    artifact.py): a gzip member of a one-line JSON head naming each section with its size and
    count, with the raw sections' CRC-32; zero bytes to a multiple of four; the raw sections:
    little-endian uint32 or float32 arrays, then the postings' keys (text lines); then the lazy
    sections, each in blocks of the head's `block_lines` lines compressed on their own. Sizes,
    counts and the CRC are recomputed from the changed sections unless `change` edits them in the
    head itself; so are the keys' starts and hash tables, and the lazy sections' line starts and
    block ends, unless `change` edits those."""
    document, sections = _parse(artifact)
    declared = json.dumps(document["sections"])
    crc = document["raw_crc32"]
    before = {name: list(sections.get(name, [])) for name in ARRAYS}
    per_block = document["block_lines"]  # as stored: `change` may edit the head's
    change(document, sections)
    for name in KEYS:
        if name not in sections:
            continue
        encoded = [key.encode() for key in sections[name]]
        if sections.get(STARTS[name]) == before[STARTS[name]]:
            sections[STARTS[name]] = [0, *itertools.accumulate(len(key) + 1 for key in encoded)]
        if sections.get(SLOTS[name]) == before[SLOTS[name]]:
            sections[SLOTS[name]] = list(key_table(encoded))
    lazy = {}
    for name in LAZY:
        if name not in sections:
            continue
        blocks = _packed(sections[name], per_block)
        lazy[name] = b"".join(blocks)
        if sections.get(f"{name}_starts") == before[f"{name}_starts"]:
            lengths = [len(line.encode()) + 1 for line in sections[name]]
            sections[f"{name}_starts"] = [0, *itertools.accumulate(lengths)]
        if sections.get(f"{name}_blocks") == before[f"{name}_blocks"]:
            sections[f"{name}_blocks"] = [0, *itertools.accumulate(map(len, blocks))]
    body = {
        name: (
            struct.pack(f"<{len(values)}{ARRAYS[name]}", *values)
            if name in ARRAYS
            else "\n".join(values).encode()
        )
        for name, values in sections.items()
        if name not in LAZY
    }
    if json.dumps(document["sections"]) == declared:
        document["sections"] = [
            *([name, len(data), len(sections[name])] for name, data in body.items()),
            *([name, len(data), len(sections[name])] for name, data in lazy.items()),
        ]
    region = b"".join(body.values())
    if document["raw_crc32"] == crc:
        document["raw_crc32"] = zlib.crc32(region)
    member = gzip.compress(json.dumps(document).encode() + b"\n")
    return member + bytes(-len(member) % 4) + region + b"".join(lazy.values())


def load_and_read(artifact: bytes) -> RecallIndex:
    """The artifact loaded, then every part of it read: what a load refuses, and what a screener
    refuses when it first reads it (a posting, a block of lines, a key's slot)."""
    index = RecallIndex.from_artifact(artifact)
    for position in range(len(index)):
        index.notice(position)
        index.profile(position)
    assert len(index.names) == len(index)
    for postings in (index.by_token, index.by_model):
        for key in postings:
            assert postings[key]
    return index


# -- round trip ----------------------------------------------------------------------------------


def test_an_artifact_round_trip_gives_identical_decisions(index: RecallIndex, artifact: bytes) -> None:
    loaded = RecallIndex.from_artifact(artifact)

    assert loaded.version == index.version
    assert len(loaded) == len(index) == len(RECALLS)
    assert loaded.recall_ids() == index.recall_ids()
    before, after = decisions(index), decisions(loaded)
    assert after == before
    # The listings above exercise every kind of evidence; make sure they found something.
    verdicts = [d["decision"] for d in before]
    assert verdicts.count(Verdict.BLOCK) >= 3 and Verdict.ALLOW in verdicts
    assert loaded.to_artifact() == artifact


# What RECALLS built at BUILT are stored as (uncompressed: compressed bytes may differ between zlib
# builds), under the format that reads them.
PINNED_ARTIFACT = (
    "recall-screen-index/15",
    "ca1dccf6ad520de07bfdc330df6eca568c36de862743a95edbb35b0af126449b",
)


def test_the_stored_bytes_change_only_on_purpose(artifact: bytes) -> None:
    stored = (ARTIFACT_FORMAT, hashlib.sha256(_content(artifact)).hexdigest())
    assert stored == PINNED_ARTIFACT, (
        "the artifact's bytes changed: if its layout changed (artifact.py), bump ARTIFACT_FORMAT so "
        "screeners refuse the artifacts they cannot read; if only what is stored changed (the profile "
        "rules, these recalls), the format stays. Then pin the new digest."
    )


def test_an_artifact_keeps_the_source_lists() -> None:
    listed = SourceList("cpsc_recalls", "recalls/cpsc_recalls/a.json", 3, "2026-10-04T08:00:00Z", ["CPSC"])
    sources = {"cpsc_recalls": listed}
    built = RecallIndex.build(RECALLS[:3], sources=sources, built_at=BUILT)
    loaded = RecallIndex.from_artifact(built.to_artifact())
    assert loaded.sources == sources
    assert loaded.built_at == built.built_at


def test_an_empty_index_round_trips_and_allows_everything() -> None:
    loaded = RecallIndex.from_artifact(RecallIndex.build([], built_at=BUILT).to_artifact())
    assert len(loaded) == 0
    decision = Screener(loaded).screen(Listing(listing_id="1", title="BlueStar RCS304BV2 gas range"))
    assert decision.decision is Verdict.ALLOW and decision.matches == []


# -- versions ------------------------------------------------------------------------------------


def test_the_same_recalls_in_another_order_give_the_same_index(index: RecallIndex, artifact: bytes) -> None:
    shuffled = list(RECALLS)
    random.Random(7).shuffle(shuffled)
    assert shuffled != RECALLS
    other = RecallIndex.build(reversed(shuffled), built_at=BUILT)
    assert other.version == index.version
    assert other.to_artifact() == artifact


def test_the_version_orders_by_build_time_and_names_the_content(index: RecallIndex) -> None:
    later = RecallIndex.build(RECALLS, built_at=BUILT + timedelta(hours=1))
    assert later.version > index.version
    assert later.version.split("-")[-1] == index.version.split("-")[-1]

    changed = [RECALLS[0].model_copy(update={"hazard": "Carbon monoxide poisoning"}), *RECALLS[1:]]
    other = RecallIndex.build(changed, built_at=BUILT)
    assert other.version != index.version
    assert other.version.split("-")[-1] != index.version.split("-")[-1]


# -- notices -------------------------------------------------------------------------------------


def test_a_notice_shows_the_recall_as_published(index: RecallIndex) -> None:
    notice = index.notice(position(index, "18218"))
    assert notice.source == "CPSC" and notice.recall_id == "18218"
    assert notice.title == RECALLS[0].title
    assert notice.url == RECALLS[0].url
    assert notice.hazard == RECALLS[0].hazard
    assert notice.remedy == "Repair"
    assert notice.published == "2018-09-11"

    eu = index.notice(position(index, "A12/01523/24"))
    assert (eu.source, eu.title, eu.hazard) == ("EU Safety Gate", "USB charger (EZRA)", RECALLS[2].hazard)
    uk = index.notice(position(index, "PSD-2024-117"))
    assert uk.title == "Poussette « Bébé Confort » — rappel"


def test_tabs_and_newlines_in_a_notice_are_flattened_not_stored(index: RecallIndex, artifact: bytes) -> None:
    loaded = RecallIndex.from_artifact(artifact)
    for idx in (index, loaded):
        notice = idx.notice(position(idx, "30003"))
        assert notice.title == "Crib and Bassinet Recalled by Dreamland | Sold at Target"
        assert notice.hazard == "Entrapment: the side rail can detach."
        assert notice.url == "https://www.cpsc.gov/Recalls/30003"
        # Every other recall is intact around it.
        assert idx.notice(position(idx, "21022")).title == RECALLS[1].title
    decision = Screener(loaded).screen(Listing(listing_id="1", title="Dreamland crib and bassinet"))
    assert decision.matches and decision.matches[0].recall_id == "30003"
    assert decision.matches[0].title == "Crib and Bassinet Recalled by Dreamland | Sold at Target"


def test_a_recall_file_accepted_by_ingest_always_builds_an_index() -> None:
    # A regulator's JSON with a broken emoji escape: "\ud83d" without its second half.
    line = '{"source": "CPSC", "recall_id": "40001", "title": "Night light \\ud83d Recalled"}'
    outcome = read_drop((line + "\n").encode(), name="x.ndjson", source="generic")
    assert outcome.accepted and outcome.recalls
    built = RecallIndex.build(outcome.recalls, built_at=BUILT)
    loaded = RecallIndex.from_artifact(built.to_artifact())
    assert loaded.notice(0).recall_id == "40001"


# -- refused artifacts ---------------------------------------------------------------------------


def test_a_truncated_artifact_is_refused(artifact: bytes) -> None:
    for cut in (len(artifact) // 2, len(artifact) - 8, 10):
        with pytest.raises(ArtifactError):
            RecallIndex.from_artifact(artifact[:cut])


def test_an_artifact_cut_short_inside_its_content_is_refused(artifact: bytes) -> None:
    member, head, rest = _member(artifact)
    for end in (len(head) - 1, len(head) - 4, len(head) // 2, 1):
        with pytest.raises(ArtifactError):
            RecallIndex.from_artifact(gzip.compress(head[:end]) + rest)
    start, raw_end = _raw_span(artifact)
    for end in (len(rest) - 4, len(rest) // 2, raw_end, raw_end - 4, start + 4, 0):
        with pytest.raises(ArtifactError):
            RecallIndex.from_artifact(member + rest[:end])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        random.Random(1).randbytes(4096),
        b"\x1f\x8b" + random.Random(2).randbytes(512),  # a gzip header, then noise
        gzip.compress(b"{}"),
        gzip.compress(b"[]"),
        gzip.compress(b"null"),
        gzip.compress(b"not json at all"),
        b'{"format": "recall-screen-index/4"}',  # not compressed
        gzip.compress(b'{"format": "recall-screen-index/4"}'),
    ],
    ids=[
        "empty",
        "random",
        "gzip-noise",
        "gzip-{}",
        "gzip-[]",
        "gzip-null",
        "gzip-text",
        "plain",
        "head-only",
    ],
)
def test_bytes_that_are_not_an_index_are_refused(data: bytes) -> None:
    with pytest.raises(ArtifactError):
        RecallIndex.from_artifact(data)


@pytest.mark.parametrize("table", ["words", "models", "gtins", "unchecked_gtins"])
def test_an_artifact_whose_posting_points_past_the_end_is_refused(artifact: bytes, table: str) -> None:
    def past_the_end(document: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        if table == "words":
            sections["positions"][-1] = len(RECALLS)
        elif table == "models":
            sections["model_positions"][-1] = len(RECALLS)
        else:
            key = next(iter(document[table]))
            document[table][key] = [*document[table][key], len(RECALLS)]

    with pytest.raises(ArtifactError):
        load_and_read(rewrite(artifact, past_the_end))


def _word_posting(word: str, posting: list[int]) -> Callable[[dict[str, Any], dict[str, list[Any]]], None]:
    def corrupt(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        row = sections["words"].index(word)
        offsets, positions = sections["offsets"], sections["positions"]
        old = offsets[row + 1] - offsets[row]
        positions[offsets[row] : offsets[row + 1]] = posting
        for later in range(row + 1, len(offsets)):
            offsets[later] += len(posting) - old

    return corrupt


def _model_posting(posting: list[Any]) -> Callable[[dict[str, Any], dict[str, list[Any]]], None]:
    """The first model key's posting replaced (its offsets kept consistent, so what is refused is
    the posting itself)."""

    def corrupt(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        offsets, positions = sections["model_offsets"], sections["model_positions"]
        old = offsets[1] - offsets[0]
        positions[0 : offsets[1]] = posting
        for later in range(1, len(offsets)):
            offsets[later] += len(posting) - old

    return corrupt


def _model_key_dropped(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
    sections["model_keys"].pop()


@pytest.mark.parametrize(
    "corrupt",
    [
        _word_posting("bluestar", [len(RECALLS) + 3, 0]),
        _word_posting("bluestar", []),
        _model_posting([len(RECALLS)]),
        _model_posting([]),
        _model_key_dropped,
    ],
    ids=[
        "unsorted-past-the-end",
        "word-without-recalls",
        "model-past-the-end",
        "model-empty",
        "model-key-lost",
    ],
)
def test_an_artifact_with_a_malformed_posting_is_refused(artifact: bytes, corrupt: Callable) -> None:
    with pytest.raises(ArtifactError):
        load_and_read(rewrite(artifact, corrupt))


@pytest.mark.parametrize(
    "fmt",
    [
        "recall-screen-index/8",
        "recall-screen-index/9",
        "recall-screen-index/10",
        "recall-screen-index/11",
        "recall-screen-index/12",
        "recall-screen-index/13",
        "",
        None,
    ],
)
def test_an_artifact_of_another_format_is_refused(artifact: bytes, fmt: str | None) -> None:
    def other_format(document: dict[str, Any], _: list[bytes]) -> None:
        document["format"] = fmt

    with pytest.raises(ArtifactError):
        load_and_read(rewrite(artifact, other_format))


@pytest.fixture(scope="module")
def blocks_artifact() -> bytes:
    """An index of a few blocks of lines (`BLOCK_LINES` each)."""
    recalls = [
        Recall(
            source="CPSC",
            recall_id=f"B{n:03d}",
            title=f"Widget{n} lamp",
            models=[f"WX{n:04d}"],
            hazard="Fire",
        )
        for n in range(150)
    ]
    return RecallIndex.build(recalls, built_at=BUILT).to_artifact()


def test_a_lazy_block_is_checked_when_it_is_first_read(blocks_artifact: bytes) -> None:
    """A cold start inflates no recall's lines; a block whose bytes were damaged is refused when a
    screener first reads one of its lines, with the artifact's error, not a wrong recall."""
    member, _, rest = _member(blocks_artifact)
    document, sections = _parse(blocks_artifact)
    sizes = {name: size for name, size, _ in document["sections"]}
    _, lazy_start = _raw_span(blocks_artifact)
    at = lazy_start + sizes["strings"] + sizes["notices"] + sections["profiles_blocks"][1] + 5  # 2nd block
    damaged = bytearray(rest)
    damaged[at] ^= 0xFF
    index = RecallIndex.from_artifact(member + bytes(damaged))
    index.profile(0)  # the first block is sound
    with pytest.raises(ArtifactError):
        index.profile(BLOCK_LINES)


def test_a_run_of_lines_reads_as_its_lines_one_by_one(blocks_artifact: bytes) -> None:
    """A slice of a lazy section (every name, for the fuzzy fallback) decodes each of its blocks
    whole: the same lines as reading them one at a time, within a block, across blocks, to the
    end, and by steps."""
    names = RecallIndex.from_artifact(blocks_artifact)._names
    one_by_one = [names[i] for i in range(len(names))]
    assert len(one_by_one) == 150 and one_by_one[70] == names[-80]
    for start, stop, step in [(0, 150, 1), (3, 9, 1), (60, 70, 1), (1, 149, 1), (64, 128, 1), (5, 140, 7)]:
        assert names[start:stop:step] == one_by_one[start:stop:step]
    assert names[:] == one_by_one and names[149:] == one_by_one[149:] and names[10:5] == []


def test_an_artifact_written_in_blocks_of_another_size_is_read_alike(
    blocks_artifact: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The head of an artifact says how many lines its blocks hold: one written before the blocks
    were made smaller (64 lines) serves after a deploy as it did, and is written again in blocks
    of today's size."""
    current = RecallIndex.from_artifact(blocks_artifact)
    monkeypatch.setattr(artifact_module, "BLOCK_LINES", 64)
    written_before = RecallIndex.from_artifact(blocks_artifact).to_artifact()
    monkeypatch.undo()
    loaded = RecallIndex.from_artifact(written_before)

    assert written_before != blocks_artifact and BLOCK_LINES < 64
    for position in [0, 17, 63, 64, 100, 149]:
        assert loaded.profile(position) == current.profile(position)
        assert loaded.notice(position) == current.notice(position)
    assert loaded.names == current.names
    assert loaded.to_artifact() == blocks_artifact


def test_lines_read_right_when_their_inflated_blocks_are_given_up(
    blocks_artifact: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A section keeps its inflated blocks within `INFLATED_KEPT` bytes: read back and forth across
    blocks, each line is what a section that keeps every block reads."""
    everything = RecallIndex.from_artifact(blocks_artifact)._names
    block = len(",".join(everything[:BLOCK_LINES]))  # about one block of names, inflated
    monkeypatch.setattr(artifact_module, "INFLATED_KEPT", block + 10)
    names = RecallIndex.from_artifact(blocks_artifact)._names

    for position in [0, 70, 1, 140, 65, 2, 149, 0, 100]:
        assert names[position] == everything[position]
        assert 0 < names.inflated_bytes <= block + 10  # one block kept at a time
    assert names[:] == everything[:]


def test_a_screener_that_keeps_little_decides_as_one_that_keeps_everything(
    artifact: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm screener of a large index gives up decoded profiles, posting sets and inflated blocks
    to stay within its budgets: what it reads again decides the same."""
    roomy = decisions(RecallIndex.from_artifact(artifact))
    monkeypatch.setattr(index_module, "PROFILES_KEPT", 2)
    monkeypatch.setattr(index_module, "POSITIONS_KEPT", 3)
    monkeypatch.setattr(artifact_module, "INFLATED_KEPT", 1)
    tight = RecallIndex.from_artifact(artifact)

    assert decisions(tight) + decisions(tight) == roomy + roomy
    held = tight.cache_sizes()
    assert held["profiles"] <= 2 and held["posting positions"] <= 3 and held["inflated KiB"] == 0


def test_an_artifact_whose_blocks_do_not_cut_their_section_is_refused(blocks_artifact: bytes) -> None:
    def blocks_out_of_order(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        blocks = sections["profiles_blocks"]
        blocks[1], blocks[2] = blocks[2], blocks[1]

    def a_block_lost(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["notices_blocks"].pop(1)

    def blocks_of_no_line(document: dict[str, Any], _: dict[str, list[Any]]) -> None:
        document["block_lines"] = 0

    for change in (blocks_out_of_order, a_block_lost, blocks_of_no_line):
        with pytest.raises(ArtifactError):
            load_and_read(rewrite(blocks_artifact, change))


def test_an_artifact_whose_sections_disagree_is_refused(artifact: bytes) -> None:
    def drop_a_profile(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["profiles"].pop()

    def drop_a_section(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections.pop("positions")

    def miscount(document: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        document["sections"] = [[name, size, count + 1] for name, size, count in document["sections"]]

    def oversize(document: dict[str, Any], _: dict[str, list[Any]]) -> None:
        document["sections"] = [[name, size + 4, count] for name, size, count in document["sections"]]

    def no_words(document: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections.pop("words")

    def starts_past_the_end(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["profiles_starts"][-1] += 1

    def starts_out_of_order(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        starts = sections["notices_starts"]
        starts[1], starts[2] = starts[2], starts[1]

    def starts_miscounted(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["names_starts"].pop(1)

    changes = (drop_a_profile, drop_a_section, miscount, oversize, no_words, starts_past_the_end)
    for change in (*changes, starts_out_of_order, starts_miscounted):
        with pytest.raises(ArtifactError):
            load_and_read(rewrite(artifact, change))


@pytest.mark.parametrize(
    ("section", "value"),
    [
        ("profile_regions", 99),
        ("text_floors", -1.0),
        ("text_seconds", float("nan")),
        ("brand_floors", float("inf")),
        ("name_flags", 16),
    ],
)
def test_an_artifact_whose_name_totals_or_regions_are_out_of_range_is_refused(
    artifact: bytes, section: str, value: float
) -> None:
    """A candidate's name score is bounded by its stored totals, and where it applies is read from
    its stored region: values no build writes are refused, as are arrays of another length."""

    def set_first(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections[section][0] = value

    def drop_last(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections[section].pop()

    for change in (set_first, drop_last):
        with pytest.raises(ArtifactError):
            load_and_read(rewrite(artifact, change))


def test_an_artifact_whose_model_masks_are_of_another_length_is_refused(artifact: bytes) -> None:
    """Each recall's distinctive model numbers' mask bounds the candidates a short model number
    finds: an array of another length than the recalls is refused."""

    def drop_last(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["model_masks"].pop()

    def add_one(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["model_masks"].append(0)

    for change in (drop_last, add_one):
        with pytest.raises(ArtifactError):
            RecallIndex.from_artifact(rewrite(artifact, change))


def test_a_recall_is_found_by_its_source_and_id_and_a_missing_one_is_not(
    artifact: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`position_of` (the listing memory's recall, a recall's report) finds every recall by the keys
    the artifact stores sorted; a recall the index does not list is None. Recalls whose keys are
    the same are told apart by their notices."""
    loaded = RecallIndex.from_artifact(artifact)
    ids = loaded.recall_ids()
    assert [loaded.position_of(source, rid) for source, rid in ids] == list(range(len(ids)))
    assert loaded.position_of("CPSC", "no-such-recall") is None
    assert loaded.position_of("no-such-source", ids[0][1]) is None

    monkeypatch.setattr(artifact_module, "recall_hash", lambda source, recall_id: 7)  # every key one
    clashing = RecallIndex.from_artifact(RecallIndex.build(RECALLS, built_at=BUILT).to_artifact())
    assert [clashing.position_of(source, rid) for source, rid in ids] == list(range(len(ids)))
    assert clashing.position_of("CPSC", "no-such-recall") is None


def test_recall_keys_out_of_order_are_refused_at_the_first_lookup(artifact: bytes) -> None:
    """The recalls' keys are read in place and searched in halves: keys out of order, or a position
    past the recalls, would name the wrong recall or none. Checked on the first lookup (every item
    read once), not at a cold start."""

    def swapped(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        keys = sections["recall_keys"]
        keys[0], keys[-1] = keys[-1], keys[0]

    def past_the_end(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["recall_key_positions"][0] = len(sections["recall_key_positions"])

    def one_short(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        sections["recall_keys"].pop()

    for change in (swapped, past_the_end):
        loaded = RecallIndex.from_artifact(rewrite(artifact, change))
        with pytest.raises(ArtifactError):
            loaded.position_of("CPSC", "any")
    with pytest.raises(ArtifactError):
        RecallIndex.from_artifact(rewrite(artifact, one_short))


def test_an_artifact_of_the_last_format_is_refused_as_of_another_format() -> None:
    """A format-11 artifact (its head followed by sections inside the gzip member) is refused with
    the error that names the format, not as unreadable bytes."""
    old = gzip.compress(b'{"format":"recall-screen-index/11","sections":[]}\nwords\nmore')
    with pytest.raises(ArtifactError, match=f"not of format {ARTIFACT_FORMAT}"):
        RecallIndex.from_artifact(old)


def test_a_damaged_raw_section_is_refused_at_load(artifact: bytes) -> None:
    """The raw sections are read in place, not inflated: their CRC in the head is what catches a
    damaged byte in any of them, at load."""
    member, _, rest = _member(artifact)
    start, end = _raw_span(artifact)
    for at in (start, (start + end) // 2, end - 1):
        damaged = bytearray(rest)
        damaged[at] ^= 0x01
        with pytest.raises(ArtifactError, match="checksum"):
            RecallIndex.from_artifact(member + bytes(damaged))
    misplaced = bytearray(rest)
    if start:
        misplaced[0] = 1
        with pytest.raises(ArtifactError):
            RecallIndex.from_artifact(member + bytes(misplaced))


def test_the_postings_keys_are_found_in_their_table(index: RecallIndex, artifact: bytes) -> None:
    """Loaded keys are looked up in the stored hash table: every key is found with its posting, a
    key no recall carries is not (nor something that is not a key), as in the index built."""
    loaded = RecallIndex.from_artifact(artifact)
    for built, read in ((index.by_token, loaded.by_token), (index.by_model, loaded.by_model)):
        keys = list(built)
        assert keys == sorted(keys) and list(read) == keys and len(read) == len(keys)
        for key in keys:
            assert key in read and list(read[key]) == list(built[key]) == list(read.get(key))
        for missing in ("zzzz", "", "bluestarx", "é", "\ud800"):
            assert missing not in read and read.get(missing, None) is None
        assert 3 not in read
        with pytest.raises(KeyError):
            read["zzzz"]


def test_a_word_weighs_what_the_postings_say_and_one_when_no_recall_uses_it(index: RecallIndex) -> None:
    loaded = RecallIndex.from_artifact(index.to_artifact())
    for word, weight in zip(index.by_token, index.by_token.weights, strict=True):
        assert loaded.weights[word] == loaded.weights.get(word) == weight
        assert word in loaded.weights
    assert 0.0 < loaded.weights["bluestar"] <= 1.0
    assert loaded.weights.get("zzzz", 0.25) == 0.25 and loaded.weights.get("zzzz") is None
    assert loaded.weights["zzzz"] == 1.0 and "zzzz" not in loaded.weights


def test_a_key_whose_slot_names_no_key_is_refused_when_looked_up(artifact: bytes) -> None:
    def slot_past_the_keys(_: dict[str, Any], sections: dict[str, list[Any]]) -> None:
        slots = sections[SLOTS["words"]]  # where "bluestar" is first looked for
        slots[zlib.crc32(b"bluestar") & (len(slots) - 1)] = len(sections["words"]) + 5

    with pytest.raises(ArtifactError, match="slot"):
        load_and_read(rewrite(artifact, slot_past_the_keys))


def test_a_recall_is_found_by_its_key_in_a_built_and_in_a_loaded_index(
    index: RecallIndex, artifact: bytes
) -> None:
    """`position_of` (the listing memory's and a recall report's lookup) finds every recall, and
    nothing for a key the index does not list, whether the index was built here or loaded."""
    loaded = RecallIndex.from_artifact(artifact)
    for each in (index, loaded):
        keys = each.recall_ids()
        assert [each.position_of(source, recall_id) for source, recall_id in keys] == list(range(len(keys)))
        source, recall_id = keys[0]
        assert each.position_of(source.lower() + "x", recall_id) is None
        assert each.position_of(source, recall_id + " ") is None
