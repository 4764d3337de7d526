"""Withdrawal is explicit (issue 11): recalls marked `"withdrawn": true`, or a whole list by
`{"withdraw_all": "<source>"}`, reported like any drop; an empty file is refused."""

from __future__ import annotations

import json

import pytest
from catalog_fakes import LIMITS, Clock, MemoryStorage, body, drop, ids_in_index
from recall_screen.catalog.outcome import Outcome
from recall_screen.catalog.processor import DropProcessor
from recall_screen.catalog.publishing import load_current

KEY = "recalls/cpsc/list.ndjson"


def withdrawals(*ids: str, source: str = "CPSC") -> bytes:
    return "".join(
        json.dumps({"source": source, "recall_id": i, "withdrawn": True}) + "\n" for i in ids
    ).encode()


def report(store: MemoryStorage, file: str) -> dict:
    return json.loads(store.objects[f"reports/cpsc/{file}.report.json"])


def test_a_file_of_withdrawals_takes_those_recalls_off_the_current_list(store, guarded) -> None:
    guarded.process(*drop(KEY, body("1", "2", "3", "4", "5"), minute=1))
    result = guarded.process(*drop("recalls/cpsc/withdraw.ndjson", withdrawals("2", "4", "99"), minute=2))

    assert result.outcome is Outcome.WITHDRAWN  # 40% of the list, on purpose: not held
    assert (
        result.reason
        == "withdrew 2 recall(s) from the list of 'cpsc', 3 left; 1 withdrawn recall(s) were not on it"
    )
    assert ids_in_index(store) == {"1", "3", "5"}
    assert result.index_version == load_current(store).version
    document = report(store, "withdraw.ndjson")
    assert (document["outcome"], document["accepted"]) == ("withdrawn", True)
    assert document["withdrawal"]["recall_ids"] == ["2", "4"] and document["withdrawal"]["remaining"] == 3
    assert document["withdrawn_total"] == 3 and document["withdrawn"][0]["recall_id"] == "2"

    nothing = guarded.process(*drop("recalls/cpsc/again.ndjson", withdrawals("2"), minute=3))
    assert nothing.outcome is Outcome.UNCHANGED and "none of the 1 withdrawn" in nothing.reason
    # A later full list that names a withdrawn recall again screens it again: the newest list wins.
    assert guarded.process(*drop(KEY, body("1", "2", "3", "5"), minute=4)).outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == {"1", "2", "3", "5"}


def test_withdrawals_in_csv_need_no_title(store, guarded) -> None:
    guarded.process(*drop(KEY, body("1", "2"), minute=1))
    csv = b"source,recall_id,title,withdrawn\nCPSC,2,,yes\n"
    assert guarded.process(*drop("recalls/cpsc/w.csv", csv, minute=2)).outcome is Outcome.WITHDRAWN
    assert ids_in_index(store) == {"1"}


def test_withdrawn_records_in_a_full_list_are_left_out_on_purpose_and_not_held(store, guarded) -> None:
    ids = [str(n) for n in range(1, 21)]
    guarded.process(*drop(KEY, body(*ids), minute=1))
    half = body(*ids[:10])
    elsewhere = DropProcessor(MemoryStorage(), limits=LIMITS, now=Clock())
    elsewhere.process(*drop(KEY, body(*ids), minute=1))
    assert elsewhere.process(*drop(KEY, half, minute=2)).outcome is Outcome.HELD  # silently gone: held

    result = guarded.process(*drop(KEY, half + withdrawals(*ids[10:]), minute=2))
    assert result.outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == set(ids[:10])
    assert report(store, "list.ndjson")["withdrawn_total"] == 10


def test_a_recall_both_listed_and_withdrawn_in_one_file_is_withdrawn_with_a_warning(store, guarded) -> None:
    result = guarded.process(*drop(KEY, body("1", "2") + withdrawals("2"), minute=1))
    assert result.outcome is Outcome.ACCEPTED and ids_in_index(store) == {"1"}
    warnings = report(store, "list.ndjson")["warnings"]
    assert any(w["field"] == "withdrawn" and w["recall_id"] == "2" for w in warnings)


def test_a_withdrawn_value_that_is_neither_yes_nor_no_rejects_the_record(store, guarded) -> None:
    guarded.process(*drop(KEY, body("1"), minute=1))
    unsure = json.dumps(
        {"source": "CPSC", "recall_id": "1", "title": "Widget", "withdrawn": "maybe"}
    ).encode()
    result = guarded.process(*drop("recalls/cpsc/unsure.ndjson", unsure + b"\n", minute=2))
    assert result.outcome is Outcome.REJECTED and "withdrawn" in result.reason
    assert ids_in_index(store) == {"1"}


def test_withdraw_all_takes_the_whole_list_out_when_it_names_its_own_folder(store, guarded) -> None:
    guarded.process(*drop(KEY, body("1", "2"), minute=1))
    guarded.process(*drop("recalls/eu/list.ndjson", body("E1"), minute=1))

    wrong = guarded.process(*drop("recalls/eu/WITHDRAW.json", b'{"withdraw_all": "cpsc"}', minute=2))
    assert wrong.outcome is Outcome.REJECTED and "names the list 'cpsc'" in wrong.reason
    assert ids_in_index(store) == {"1", "2", "E1"}

    result = guarded.process(*drop("recalls/cpsc/WITHDRAW.json", b'{"withdraw_all": "cpsc"}\n', minute=3))
    assert result.outcome is Outcome.WITHDRAWN
    assert result.reason == "withdrew the whole list of 'cpsc' (2 recalls, recalls/cpsc/list.ndjson)"
    assert ids_in_index(store) == {"E1"} and set(load_current(store).sources) == {"eu"}
    withdrawal = report(store, "WITHDRAW.json")["withdrawal"]
    assert (withdrawal["all"], withdrawal["recalls"], withdrawal["remaining"]) == (True, 2, 0)
    assert withdrawal["list"]["key"] == KEY
    assert not store.list_keys("state/sources/cpsc/")  # its kept recalls go too

    again = guarded.process(*drop("recalls/cpsc/WITHDRAW-2.json", b'{"withdraw_all": "cpsc"}', minute=4))
    assert again.outcome is Outcome.UNCHANGED
    last = guarded.process(*drop("recalls/eu/WITHDRAW.json", b'{"withdraw_all": "eu"}', minute=5))
    assert last.outcome is Outcome.WITHDRAWN and ids_in_index(store) == set()  # asked for: nothing screened
    back = guarded.process(*drop(KEY, body("1"), minute=6))  # a new list later is a first list
    assert back.outcome is Outcome.ACCEPTED and ids_in_index(store) == {"1"}


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n", b"\xef\xbb\xbf", b"[]", b'{"withdraw_all": ""}'], ids=repr
)
def test_an_empty_file_is_rejected_and_the_list_stays(store, guarded, content: bytes) -> None:
    guarded.process(*drop(KEY, body("1", "2"), minute=1))
    result = guarded.process(*drop("recalls/cpsc/empty.json", content, minute=2))
    assert result.outcome is Outcome.REJECTED
    assert ids_in_index(store) == {"1", "2"}
