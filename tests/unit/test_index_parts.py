"""Builds that cost what a drop changes: each list's part of the index is profiled once and kept,
and the index is the merge of the parts, the same index a build of every recall gives."""

from __future__ import annotations

import ast
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from catalog_fakes import MemoryStorage, drop
from recall_screen import parts as parts_module
from recall_screen.catalog.keys import PARTS_PREFIX
from recall_screen.catalog.processor import DropProcessor
from recall_screen.catalog.publishing import load_current
from recall_screen.index import RecallIndex, SourceList
from recall_screen.models import Recall
from recall_screen.parts import IndexPart, PartError
from recall_screen.profile import profile_of
from recall_screen.union import one_per_recall

BUILT = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def recall(source: str, recall_id: str, title: str, **fields: object) -> Recall:
    return Recall(source=source, recall_id=recall_id, title=title, **fields)  # type: ignore[arg-type]


# Two lists whose recalls interleave in index order, share long texts and regions, and repeat a
# (source, recall id) across lists: what renumbering and ordering must get right.
CPSC_LIST = [
    recall("CPSC", "26001", "Velmora Trail Stroller Recalled", hazard="Fall hazard.", models=["VT-200"]),
    recall(
        "CPSC", "26003", "Quillo Bed Rail Recalled", hazard="Entrapment hazard.", gtins=["00012345678905"]
    ),
    recall("EU Safety Gate", "A12/0001/26", "Lamp (Brightwell)", hazard="Shock.", jurisdictions=["EU"]),
]
EU_LIST = [
    recall("CPSC", "26002", "Norvane Kids Helmet Recalled", hazard="Fall hazard.", models=["NK-7"]),
    recall("EU Safety Gate", "A12/0001/26", "Lamp (Brightwell) duplicate", hazard="Shock."),
    recall("EU Safety Gate", "A12/0002/26", "Toy car (Zentaro)", hazard="Choking.", jurisdictions=["EU"]),
]


def test_the_merge_of_two_lists_parts_is_the_build_of_all_their_recalls() -> None:
    sources = {"cpsc": SourceList("cpsc", "a.json", 3, "2026-09-01T00:00:00Z")}
    built = RecallIndex.build([*CPSC_LIST, *EU_LIST], sources=sources, built_at=BUILT)
    # The recall both lists carry is merged into a part of its own, as the builder does.
    shared = {("EU Safety Gate", "A12/0001/26")}
    cpsc_copy, eu_copy = CPSC_LIST[2], EU_LIST[1]
    merged = RecallIndex.merge(
        [
            IndexPart.of(CPSC_LIST).without(shared, [cpsc_copy]),
            IndexPart.of(EU_LIST).without(shared, [eu_copy]),
            IndexPart.of(one_per_recall([cpsc_copy, eu_copy])),
        ],
        sources=sources,
        built_at=BUILT,
    )
    assert merged.to_artifact() == built.to_artifact()
    assert len(built) == 5  # the shared recall once
    # The content digest does not depend on how the recalls are split into lists.
    everything = one_per_recall([*CPSC_LIST, *EU_LIST])
    other_split = RecallIndex.merge(
        [IndexPart.of(everything[:2]), IndexPart.of(everything[2:])], sources=sources, built_at=BUILT
    )
    assert other_split.version == built.version


def test_parts_that_are_runs_of_the_index_merge_to_the_build_in_any_order() -> None:
    # Each part a run of the index's order (one source each): their postings are joined, not
    # gathered again, whatever order the parts come in.
    everything = one_per_recall([*CPSC_LIST, *EU_LIST])
    built = RecallIndex.build(everything, built_at=BUILT)
    cpsc = [r for r in everything if r.source == "CPSC"]
    eu = [r for r in everything if r.source != "CPSC"]
    for parts in ([IndexPart.of(cpsc), IndexPart.of(eu)], [IndexPart.of(eu), IndexPart.of(cpsc)]):
        merged = RecallIndex.merge([*parts, IndexPart.of([])], built_at=BUILT)
        assert merged.to_artifact() == built.to_artifact()
        assert list(merged.by_token.get("stroller")) == list(built.by_token["stroller"])


def test_a_part_made_from_the_previous_one_is_the_part_made_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    # The list's next drop: one recall changed, one gone, one new, the rest as they were.
    previous = IndexPart.of([*CPSC_LIST, *EU_LIST[:1]])
    changed = CPSC_LIST[1].model_copy(update={"hazard": "Entrapment and fall hazards."})
    new = recall("UK OPSS", "2026/001", "Kettle (Brightwell)", hazard="Shock.", jurisdictions=["GB"])
    now = [EU_LIST[0], CPSC_LIST[0], changed, new]
    afresh = IndexPart.of(now)
    seen: list[str] = []
    monkeypatch.setattr(
        parts_module, "profile_of", lambda r, memo=None: seen.append(r.recall_id) or profile_of(r, memo)
    )
    remade = IndexPart.of(now, previous=IndexPart.from_bytes(previous.to_bytes()))
    assert remade == afresh
    assert sorted(seen) == ["2026/001", "26003"]  # the changed and the new recall alone
    assert (
        RecallIndex.merge([remade], built_at=BUILT).to_artifact()
        == RecallIndex.build(now, built_at=BUILT).to_artifact()
    )


def test_a_kept_part_reads_back_as_made() -> None:
    part = IndexPart.of(CPSC_LIST)
    assert IndexPart.from_bytes(part.to_bytes()) == part


def _tampered(part: IndexPart, change: str) -> bytes:
    document = json.loads(gzip.decompress(part.to_bytes()))
    if change == "rules":
        document["rules"] = "0" * 16
    elif change == "format":
        document["format"] = "recall-screen-part/0"
    elif change == "short":
        document["profiles"].pop()
    elif change == "order":
        document["keys"].reverse()
    elif change == "posting beyond the recalls":
        document["postings"]["fall"] = [len(document["keys"])]
    elif change == "posting out of order":
        document["postings"]["fall"] = [1, 0]
    elif change == "posting not positions":
        document["postings"]["fall"] = ["0"]
    return gzip.compress(json.dumps(document).encode())


@pytest.mark.parametrize(
    "change",
    [
        "rules",
        "format",
        "short",
        "order",
        "posting beyond the recalls",
        "posting out of order",
        "posting not positions",
    ],
)
def test_a_part_of_other_rules_or_inconsistent_is_refused(change: str) -> None:
    with pytest.raises(PartError):
        IndexPart.from_bytes(_tampered(IndexPart.of(CPSC_LIST), change))


def test_bytes_that_are_not_a_part_are_refused() -> None:
    for data in (b"", b"not gzip", gzip.compress(b"[]"), gzip.compress(b"{")):
        with pytest.raises(PartError):
            IndexPart.from_bytes(data)


# -- in the builder ----------------------------------------------------------------------------------


def ndjson(*rows: dict[str, object]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def rows(source: str, *ids: str) -> list[dict[str, object]]:
    return [{"source": source, "recall_id": i, "title": f"Glidewell {i} stroller recalled"} for i in ids]


def profiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The recall ids the builder profiles from now on."""
    seen: list[str] = []
    profile_of = parts_module.profile_of

    def counting(r: Recall, memo=None):  # type: ignore[no-untyped-def]
        seen.append(r.recall_id)
        return profile_of(r, memo)

    monkeypatch.setattr(parts_module, "profile_of", counting)
    return seen


def test_a_drop_to_one_source_profiles_that_list_only(
    store: MemoryStorage, processor: DropProcessor, monkeypatch: pytest.MonkeyPatch
) -> None:
    processor.process(
        *drop("recalls/eu/all.ndjson", ndjson(*rows("EU Safety Gate", "E1", "E2", "E3")), minute=1)
    )
    processor.process(*drop("recalls/cpsc/w1.ndjson", ndjson(*rows("CPSC", "1", "2")), minute=2))
    seen = profiled(monkeypatch)
    result = processor.process(
        *drop("recalls/cpsc/w2.ndjson", ndjson(*rows("CPSC", "1", "2", "3")), minute=3)
    )
    # The EU's list was not profiled again; the CPSC list's new part profiles the one recall it
    # added (the two it kept unchanged keep their rows from the list's previous part), and so
    # does the version's delta index (what re-screening reads).
    assert seen == ["3", "3"]
    index = load_current(store)
    assert result.index_version == index.version
    assert {rid for _, rid in index.recall_ids()} == {"1", "2", "3", "E1", "E2", "E3"}

    # The index merged from the kept part equals one built from every list afresh.
    fresh = MemoryStorage()
    again = DropProcessor(fresh, limits=processor.limits, now=lambda: processor.now())
    again.process(*drop("recalls/eu/all.ndjson", ndjson(*rows("EU Safety Gate", "E1", "E2", "E3")), minute=1))
    again.process(*drop("recalls/cpsc/w2.ndjson", ndjson(*rows("CPSC", "1", "2", "3")), minute=3))
    rebuilt = load_current(fresh)
    assert rebuilt.version.split("-")[1] == index.version.split("-")[1]  # the same content
    assert [index.profile(i) for i in range(len(index))] == [rebuilt.profile(i) for i in range(len(rebuilt))]


def test_a_recall_two_lists_carry_is_one_recall_in_the_merged_index(
    store: MemoryStorage, processor: DropProcessor
) -> None:
    processor.process(*drop("recalls/cpsc/all.ndjson", ndjson(*rows("CPSC", "1", "2", "3")), minute=1))
    priority = [
        {"source": "CPSC", "recall_id": "2", "title": "Glidewell 2 stroller recalled", "models": "GW-2"}
    ]
    processor.process(*drop("recalls/priority/p.ndjson", ndjson(*priority), minute=2))
    index = load_current(store)
    assert sorted(rid for _, rid in index.recall_ids()) == ["1", "2", "3"]
    (position,) = [i for i, (_, rid) in enumerate(index.recall_ids()) if rid == "2"]
    assert [m.printed for m in index.profile(position).models] == ["GW-2"]  # the priority list's model


def test_a_replaced_list_takes_its_part_with_it(store: MemoryStorage, processor: DropProcessor) -> None:
    processor.process(*drop("recalls/cpsc/w1.ndjson", ndjson(*rows("CPSC", "1", "2")), minute=1))
    (first,) = store.list_keys(PARTS_PREFIX)
    processor.process(*drop("recalls/cpsc/w2.ndjson", ndjson(*rows("CPSC", "1", "2", "3")), minute=2))
    (second,) = store.list_keys(PARTS_PREFIX)
    assert second != first


def test_a_kept_part_that_cannot_be_used_is_made_again(
    store: MemoryStorage, processor: DropProcessor, monkeypatch: pytest.MonkeyPatch
) -> None:
    processor.process(*drop("recalls/eu/all.ndjson", ndjson(*rows("EU Safety Gate", "E1", "E2")), minute=1))
    (key,) = store.list_keys(PARTS_PREFIX)
    store.objects[key] = b"\x1f\x8b not a part"
    seen = profiled(monkeypatch)
    processor.process(*drop("recalls/cpsc/w1.ndjson", ndjson(*rows("CPSC", "1")), minute=2))
    assert sorted(seen) == ["1", "1", "E1", "E2"]  # "1" again for the version's delta index
    assert IndexPart.from_bytes(store.objects[key]).keys == [
        ("EU Safety Gate", "E1"),
        ("EU Safety Gate", "E2"),
    ]
    assert {rid for _, rid in load_current(store).recall_ids()} == {"1", "E1", "E2"}


def test_the_rules_digest_covers_every_module_the_profile_and_its_encoding_use() -> None:
    # A part is kept while its rules digest matches: a module `profile_of` or the artifact's
    # encoding calls, left out of the digest, would let a deployed change of it merge with parts
    # its old code made (`scope`, which reads the lines a description names, once was).
    package = Path(parts_module.__file__).parent

    def imported(module: str) -> set[str]:
        tree = ast.parse((package / f"{module}.py").read_text())
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "recall_screen":
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("recall_screen."):
                found.add((node.module or "").split(".")[1])
        return found

    reached, todo = set(), ["profile", "artifact"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(imported(module))
    covered = {Path(m.__file__ or "").stem for m in parts_module.RULE_MODULES}
    assert reached <= covered, sorted(reached - covered)
