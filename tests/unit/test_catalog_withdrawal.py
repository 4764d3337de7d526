"""Withdrawal is explicit (issue 11): recalls marked `"withdrawn": true`, or a whole list by
`{"withdraw_all": "<source>"}`, reported like any drop; an empty file is refused."""

from __future__ import annotations

import json

import pytest
from catalog_fakes import MemoryStorage, body, drop, ids_in_index
from recall_screen.catalog.outcome import Outcome
from recall_screen.catalog.publishing import load_current

KEY = "recalls/cpsc/list.ndjson"


def withdrawals(*ids: str, source: str = "CPSC") -> bytes:
    return "".join(
        json.dumps({"source": source, "recall_id": i, "withdrawn": True}) + "\n" for i in ids
    ).encode()


def report(store: MemoryStorage, file: str) -> dict:
    return json.loads(store.objects[f"reports/cpsc/{file}.report.json"])


TWELVE = [str(n) for n in range(1, 13)]


def test_a_file_of_withdrawals_takes_those_recalls_off_the_current_list(store, guarded) -> None:
    guarded.process(*drop(KEY, body(*TWELVE), minute=1))
    result = guarded.process(*drop("recalls/cpsc/withdraw.ndjson", withdrawals("2", "4", "99"), minute=2))

    assert result.outcome is Outcome.WITHDRAWN  # 17% of the list: within the guards
    assert (
        result.reason
        == "withdrew 2 recall(s) from the list of 'cpsc', 10 left; 1 withdrawn recall(s) were not on it"
    )
    assert ids_in_index(store) == set(TWELVE) - {"2", "4"}
    assert result.index_version == load_current(store).version
    document = report(store, "withdraw.ndjson")
    assert (document["outcome"], document["accepted"]) == ("withdrawn", True)
    assert document["withdrawal"]["recall_ids"] == ["2", "4"] and document["withdrawal"]["remaining"] == 10
    assert "still_listed" not in document["withdrawal"]
    assert document["withdrawn_total"] == 3 and document["withdrawn"][0]["recall_id"] == "2"

    nothing = guarded.process(*drop("recalls/cpsc/again.ndjson", withdrawals("2"), minute=3))
    assert nothing.outcome is Outcome.UNCHANGED and "none of the 1 withdrawn" in nothing.reason
    # A later full list that names a withdrawn recall again screens it again: the newest list wins.
    again = [i for i in TWELVE if i != "4"]
    assert guarded.process(*drop(KEY, body(*again), minute=4)).outcome is Outcome.ACCEPTED
    assert ids_in_index(store) == set(again)


def test_a_routine_withdrawal_goes_live_whatever_the_lists_size(store, guarded) -> None:
    """Up to three recalls withdrawn are taken as meant: one of a list of ten would otherwise
    leave it under the floor, and one of a list of two remove half of it."""
    ten = [str(n) for n in range(1, 11)]
    guarded.process(*drop(KEY, body(*ten), minute=1))
    one = guarded.process(*drop("recalls/cpsc/w1.ndjson", withdrawals("3"), minute=2))
    assert one.outcome is Outcome.WITHDRAWN and ids_in_index(store) == set(ten) - {"3"}
    three = guarded.process(*drop("recalls/cpsc/w3.ndjson", withdrawals("4", "5", "6"), minute=3))
    assert three.outcome is Outcome.WITHDRAWN and len(ids_in_index(store)) == 6
    four = guarded.process(*drop("recalls/cpsc/w4.ndjson", withdrawals("7", "8", "9", "10"), minute=4))
    assert four.outcome is Outcome.HELD and len(ids_in_index(store)) == 6


def test_withdrawals_past_a_guard_are_held_and_go_live_when_confirmed(store, guarded) -> None:
    """A `withdrawn` column filled down by mistake takes a list down as surely as a cut-off
    export: withdrawals that would remove more than the guards allow wait for the same
    confirmation as any shrink, and the list keeps serving meanwhile."""
    guarded.process(*drop(KEY, body(*TWELVE), minute=1))
    every = withdrawals(*TWELVE)
    held = guarded.process(*drop("recalls/cpsc/withdraw.ndjson", every, minute=2))
    assert held.outcome is Outcome.HELD and "removes 100% of the list" in held.reason
    assert ids_in_index(store) == set(TWELVE)
    assert report(store, "withdraw.ndjson")["held"]["confirm_code"] == held.drop.drop_id

    done = guarded.process(*drop("recalls/cpsc/withdraw.ndjson", every, minute=3, confirm=held.drop.drop_id))
    assert done.outcome is Outcome.WITHDRAWN
    assert report(store, "withdraw.ndjson")["confirmed"]["removed"] == 12
    assert ids_in_index(store) == set()


def test_a_withdrawal_names_the_lists_that_still_carry_its_recalls(store, guarded) -> None:
    """The index is the union of the lists: a recall another list carries (a priority list
    naming the regulator's own recall) stays screened, and the report says where, rather than
    telling the regulator it is gone."""
    guarded.process(*drop(KEY, body(*TWELVE), minute=1))
    guarded.process(*drop("recalls/priority/list.ndjson", body("3", "4"), minute=2))
    result = guarded.process(*drop("recalls/cpsc/withdraw.ndjson", withdrawals("4", "5"), minute=3))

    assert result.outcome is Outcome.WITHDRAWN
    assert result.reason.endswith(
        "; still screened, as the list(s) of 'priority' (1) carry them: withdraw them there too"
    )
    assert report(store, "withdraw.ndjson")["withdrawal"]["still_listed"] == {"priority": ["4"]}
    assert ids_in_index(store) == set(TWELVE) - {"5"}

    whole = guarded.process(*drop("recalls/cpsc/all.json", b'{"withdraw_all": "cpsc"}', minute=4))
    assert whole.outcome is Outcome.WITHDRAWN and "'priority' (1)" in whole.reason  # "3"; "4" went
    assert ids_in_index(store) == {"3", "4"}


def test_a_full_lists_withdrawn_records_that_another_list_carries_are_told(store, guarded) -> None:
    guarded.process(*drop(KEY, body(*TWELVE), minute=1))
    guarded.process(*drop("recalls/priority/list.ndjson", body("4"), minute=2))
    result = guarded.process(*drop(KEY, body(*TWELVE[:10]) + withdrawals("11", "12"), minute=3))
    assert result.outcome is Outcome.ACCEPTED
    told = [w for w in report(store, "list.ndjson")["warnings"] if w["field"] == "withdrawn"]
    assert told == []  # neither is on the priority list
    again = guarded.process(*drop(KEY, body(*TWELVE[:10]) + withdrawals("4"), minute=4))
    assert again.outcome is Outcome.ACCEPTED
    (warning,) = [
        w
        for w in report(store, "list.ndjson")["warnings"]
        if w["field"] == "withdrawn" and "still" in w["reason"]
    ]
    assert (
        "1 recall(s) it withdraws are still screened, as the list(s) of 'priority' (1) carry them"
        in warning["reason"]
    )
    assert "4" in ids_in_index(store)


def test_withdrawals_in_csv_need_no_title(store, guarded) -> None:
    guarded.process(*drop(KEY, body(*TWELVE), minute=1))
    csv = b"source,recall_id,title,withdrawn\nCPSC,2,,yes\n"
    assert guarded.process(*drop("recalls/cpsc/w.csv", csv, minute=2)).outcome is Outcome.WITHDRAWN
    assert ids_in_index(store) == set(TWELVE) - {"2"}


def test_withdrawn_records_in_a_full_list_count_against_the_guards(store, guarded) -> None:
    """Recalls a full list marks withdrawn are left out on purpose, and as many as the guards
    allow go at once; more wait for the confirmation, as the same list without them would."""
    ids = [str(n) for n in range(1, 21)]
    guarded.process(*drop(KEY, body(*ids), minute=1))
    few = guarded.process(*drop(KEY, body(*ids[:17]) + withdrawals(*ids[17:]), minute=2))
    assert few.outcome is Outcome.ACCEPTED and ids_in_index(store) == set(ids[:17])
    assert report(store, "list.ndjson")["withdrawn_total"] == 3

    half = body(*ids[:8]) + withdrawals(*ids[8:17])
    held = guarded.process(*drop(KEY, half, minute=3))
    assert held.outcome is Outcome.HELD and ids_in_index(store) == set(ids[:17])
    confirmed = guarded.process(*drop(KEY, half, minute=4, confirm=held.drop.drop_id))
    assert confirmed.outcome is Outcome.ACCEPTED and ids_in_index(store) == set(ids[:8])


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
