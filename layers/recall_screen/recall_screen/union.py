"""The index's recalls: one record per recall, however many lists carry it.

A regulator's recall can arrive in two lists: its priority list and its full export name the same
notice (its regulator and public number), often in different words and with different fields
filled. Indexed twice, it would be matched twice, reported twice in a decision, and — worse — it
would change the score of every listing that resembles it: a word two records share counts as
less rare, and a match whose words "single out" one recall would find two. So the records of one
recall are merged into one before the index is built, keeping everything either says.
"""

from __future__ import annotations

from collections.abc import Iterable

from recall_screen.models import Recall
from recall_screen.text import cut_short

# Lists whose union keeps what every record of the recall says (in first-seen order).
_UNITED = (
    "product_names",
    "brands",
    "models",
    "gtins",
    "unchecked_gtins",
    "jurisdictions",
    "other_texts",
    "lines",
    "market_names",
    "partial_scope",
    "unit_codes",
)
# Texts where one record's value is kept: the fullest (regulators' short lists cut descriptions
# with an ellipsis; the full export does not).
_FULLEST = ("title", "category", "hazard", "remedy", "url", "published", "storefront")


def one_per_recall(recalls: Iterable[Recall]) -> list[Recall]:
    """`recalls` with the records of each (regulator, recall number) merged into one, in the order
    each recall first appears."""
    groups: dict[tuple[str, str], list[Recall]] = {}
    for recall in recalls:
        groups.setdefault((recall.source, recall.recall_id), []).append(recall)
    return [records[0] if len(records) == 1 else merged(records) for records in groups.values()]


def merged(records: list[Recall]) -> Recall:
    """One recall from several records of it: every name, code and qualifier any of them gives,
    each text as the fullest record gives it. Model years are united too: a record that states
    none leaves the others' in place (a notice that limits its scope is never widened by a copy
    that forgot to say so)."""
    first = records[0]
    update: dict[str, object] = {}
    for name in _UNITED:
        values: list[str] = [v for r in records for v in getattr(r, name)]
        update[name] = list(dict.fromkeys(values))
    for name in _FULLEST:
        update[name] = max((getattr(r, name) for r in records), key=_fullness)
    update["model_years"] = sorted({y for r in records for y in r.model_years})
    return first.model_copy(update=update)


def _fullness(text: str) -> tuple[bool, int]:
    """A text cut short ("…") counts as less full than a whole one of any length."""
    stripped = text.rstrip()
    return (bool(stripped) and not cut_short(stripped), len(stripped))
