"""Withdrawing recalls on purpose (issue 11), reported like any drop (outcome `withdrawn`).

Two documented ways:

* Some recalls: a generic-format file (NDJSON or CSV) whose records say `"withdrawn": true` with
  their `source` and `recall_id` (no title needed). A file of withdrawals only is applied to the
  source's current list: those recalls leave it, the others stay. In a full list, withdrawn
  records name recalls left out on purpose. Either way, more than three in one file count against
  the list guards (`guards.WITHDRAWALS_TAKEN_AS_MEANT`): a `withdrawn` column filled down by mistake
  is held for confirmation, as any large shrink.
* A whole list: a file whose whole content is the JSON object `{"withdraw_all": "<source>"}`,
  naming the folder it is dropped in, so a marker copied into another folder is refused. No
  export is one by mistake: it is not held.

The index is the union of the lists: a recall another list also carries stays screened, and the
withdrawal's report names those lists (`withdrawal.still_listed`; a full list's, among its
warnings), read from the index parts the build merged.

Deleting a file withdraws nothing: the builder acts on uploads only, and each source's accepted
recalls are kept under state/, never re-read from recalls/. An empty file is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from recall_screen.ingest import recall_key
from recall_screen.models import Recall
from recall_screen.parsers.common import Withdrawal

WITHDRAW_ALL = "withdraw_all"
_MARKER_MAX_BYTES = 4096  # a marker is one small object: a recall list is never read twice for it


def withdraw_all_marker(body: bytes) -> str | None:
    """The list a whole-list withdrawal names (`{"withdraw_all": "<source>"}`), or None when the
    body is not one (a recall list, or anything else: the ingest judges it)."""
    if len(body) > _MARKER_MAX_BYTES:
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(document, dict) or WITHDRAW_ALL not in document:
        return None
    named = document[WITHDRAW_ALL]
    return named.strip() if isinstance(named, str) else ""


def withdraw(recalls: list[Recall], withdrawals: Iterable[Withdrawal]) -> tuple[list[Recall], list[str]]:
    """`recalls` without the ones withdrawn, and the ids of those withdrawn (in list order)."""
    doomed = {recall_key(w.source, w.recall_id) for w in withdrawals}
    kept = [r for r in recalls if recall_key(r.source, r.recall_id) not in doomed]
    gone = [r.recall_id for r in recalls if recall_key(r.source, r.recall_id) in doomed]
    return kept, gone


def withdrawn_keys(withdrawals: Iterable[Withdrawal]) -> set[tuple[str, str]]:
    return {recall_key(w.source, w.recall_id) for w in withdrawals}
