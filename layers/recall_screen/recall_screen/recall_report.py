"""A regulator's report on one recall: what the marketplace did with it, by day, as JSON and as a
printable HTML page (an inline SVG chart, no script, nothing loaded from elsewhere).

Counted from the decision log (`recall_screen.aws.review_store.ReviewStore.recall_activity`):

- screened: listings the matcher decided against this recall (any outcome, one per decision);
- blocked: decisions that block on this recall, by the matcher or by a reviewer's confirmation;
- reviewed: the matcher's decisions sent to a person on this recall;
- confirmed / overruled: reviewers' verdicts on it (a verdict later corrected counts as its
  correction, on the correction's day);
- relistings_caught: decisions that raised this recall because the listing resembled one blocked
  for it before (evidence `relisted_like`), and did not allow it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from recall_screen.review import ReviewVerdict, is_reviewer_decision

if TYPE_CHECKING:
    from recall_screen.index import RecallIndex

COUNTS = ("screened", "blocked", "reviewed", "confirmed", "overruled", "relistings_caught")
# The page lists at most this many listings (the JSON has them all, up to the read limit).
MAX_LISTED = 500
MAX_CHART_DAYS = 400


@dataclass
class Day:
    day: str
    screened: int = 0
    blocked: int = 0
    reviewed: int = 0
    confirmed: int = 0
    overruled: int = 0
    relistings_caught: int = 0


@dataclass
class Report:
    source: str
    recall_id: str
    title: str
    url: str
    hazard: str
    period: dict[str, str | None]
    totals: dict[str, int]
    days: list[Day]
    listings: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    # Whether the lists serving hold the recall now (False: withdrawn, or dropped from its list;
    # None: not known, no index was at hand).
    serving: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def unknown_recall(index: RecallIndex, source: str, recall_id: str) -> str | None:
    """Why a report of a recall the serving lists do not hold would mislead, when nothing in the
    decision log names it either (the caller's to know): a mistyped id, or a source written as its
    folder or in other capitals, must not read as a recall nothing matched. None when the lists
    hold it."""
    if index.position_of(source, recall_id) is not None:
        return None
    known = sorted({s for s, r in index.recall_ids() if r == recall_id})
    hint = f"; the lists hold it under {', '.join(known)}" if known else ""
    return (
        f"no recall {source} {recall_id} in the lists serving (index {index.version}) and no decision "
        f"naming it{hint} (sources are matched exactly, as the lists write them, not by folder)"
    )


def report_notice(index: RecallIndex | None, source: str, recall_id: str) -> dict[str, Any]:
    """What `build_report` takes from the serving lists: the notice's title, address and hazard
    as they stand now, and whether they still hold it. Nothing without an index."""
    if index is None:
        return {}
    position = index.position_of(source, recall_id)
    if position is None:
        return {"serving": False}
    notice = index.notice(position)
    return {"title": notice.title, "url": notice.url, "hazard": notice.hazard, "serving": True}


def _match_for(decision: Mapping[str, Any], source: str, recall_id: str) -> Mapping[str, Any] | None:
    for match in decision.get("matches") or ():
        if match.get("source") == source and match.get("recall_id") == recall_id:
            return dict(match)
    return None


def _latest_verdicts(verdicts: Iterable[ReviewVerdict]) -> list[ReviewVerdict]:
    """Each decision's last verdict (a correction replaces what it corrects)."""
    latest: dict[str, ReviewVerdict] = {}
    for v in verdicts:
        kept = latest.get(v.decision_id)
        if kept is None or v.sequence > kept.sequence:
            latest[v.decision_id] = v
    return sorted(latest.values(), key=lambda v: v.at)


def build_report(
    source: str,
    recall_id: str,
    *,
    decisions: Sequence[Mapping[str, Any]],
    listings: Mapping[str, Mapping[str, Any]],
    verdicts: Iterable[ReviewVerdict],
    since: str | None = None,
    until: str | None = None,
    truncated: bool = False,
    serving: Mapping[str, Any] | None = None,
) -> Report:
    """The report from the decisions that matched the recall (as recorded, oldest first), the
    listings they screened (by decision id) and the verdicts given on it. `serving`: what the
    lists serving say of it (`report_notice`), read before the notice the decisions recorded, so a
    recall nothing matched still has its title. A match that did not apply where the listing
    ships (`applicable` false) is no screening against this recall: it is not counted."""
    days: dict[str, Day] = {}
    rows: list[dict[str, Any]] = []
    notice: Mapping[str, Any] = {}
    verdicts = list(verdicts)
    # The decisions reviewers made by judging this recall, and the decision each judged: a verdict
    # on another recall of the same listing makes a decision that still shows this one's match,
    # which it did not decide; and a confirmed block is the same block, not a second one.
    judged_here = {v.verdict_id: v.decision_id for v in verdicts}
    blocked_here: set[str] = set()  # the decisions that blocked on this recall

    def day(at: str) -> Day:
        return days.setdefault(at[:10], Day(at[:10]))

    for decision in decisions:
        match = _match_for(decision, source, recall_id)
        if match is None or match.get("applicable") is False:
            continue
        by_reviewer = is_reviewer_decision(decision)
        if by_reviewer and decision.get("decision_id") not in judged_here:
            continue
        notice = notice or match
        counted = day(str(decision["decided_at"]))
        outcome, verdict = decision.get("decision"), match.get("verdict")
        relisted = any(e.get("method") == "relisted_like" for e in match.get("evidence") or ())
        if not by_reviewer:
            counted.screened += 1
            counted.reviewed += int(outcome == "review" and verdict == "review")
            counted.relistings_caught += int(relisted and outcome != "allow" and verdict != "allow")
        if outcome == "block" and verdict == "block":
            blocked_here.add(str(decision.get("decision_id")))
            again = by_reviewer and judged_here.get(str(decision.get("decision_id"))) in blocked_here
            counted.blocked += int(not again)
        if outcome != "allow" or by_reviewer:
            rows.append(_row(decision, match, listings.get(str(decision["decision_id"])) or {}, by_reviewer))
    for v in _latest_verdicts(verdicts):
        counted = day(v.at)
        if v.verdict == "confirm":
            counted.confirmed += 1
        else:
            counted.overruled += 1
    ordered = [days[d] for d in sorted(days)]
    totals = {name: sum(getattr(d, name) for d in ordered) for name in COUNTS}
    serving = serving or {}
    if serving.get("title"):
        notice = serving
    return Report(
        source=source,
        recall_id=recall_id,
        title=str(notice.get("title", "")),
        url=str(notice.get("url", "")),
        hazard=str(notice.get("hazard", "")),
        period={"from": since, "to": until},
        totals=totals,
        days=ordered,
        listings=rows,
        truncated=truncated,
        serving=serving.get("serving"),
    )


def _row(
    decision: Mapping[str, Any], match: Mapping[str, Any], listing: Mapping[str, Any], by_reviewer: bool
) -> dict[str, Any]:
    return {
        "decided_at": decision["decided_at"],
        "decision_id": decision["decision_id"],
        "listing_id": decision["listing_id"],
        "seller_id": listing.get("seller_id"),
        "title": listing.get("title", ""),
        "decision": decision.get("decision"),
        "by": "reviewer" if by_reviewer else "matcher",
        "reason": (decision.get("reasons") or [""])[0] if by_reviewer else "",
        "evidence": [
            {k: e.get(k) for k in ("field", "value", "recall_field", "recall_value", "method")}
            for e in match.get("evidence") or ()
        ],
    }


# -- the printable page ------------------------------------------------------------------------------


def _every_day(days: Sequence[Day]) -> list[Day]:
    """The days from the first to the last with activity, quiet days included (at most a year and
    a bit: a longer period is drawn from its last such stretch)."""
    if not days:
        return []
    known = {d.day: d for d in days}
    last = date.fromisoformat(days[-1].day)
    first = max(date.fromisoformat(days[0].day), last - timedelta(days=MAX_CHART_DAYS - 1))
    count = (last - first).days + 1
    return [known.get(str(first + timedelta(n)), Day(str(first + timedelta(n)))) for n in range(count)]


def _chart(active: Sequence[Day]) -> str:
    """Blocks per day as an inline SVG bar chart."""
    width, height, pad = 720, 200, 30
    days = _every_day(active)
    if not days:
        return '<p class="empty">No decisions in this period.</p>'
    top = max(max(d.blocked for d in days), 1)
    step = (width - 2 * pad) / len(days)
    bar = min(max(step * 0.7, 1.0), 40.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height + 40}" '
        f'viewBox="0 0 {width} {height + 40}"><title>Listings blocked per day</title>',
        f'<line x1="{pad}" y1="{height}" x2="{width - pad}" y2="{height}" stroke="#333"/>',
        f'<text x="{pad - 4}" y="{pad}" text-anchor="end" font-size="11">{top}</text>',
    ]
    for i, d in enumerate(days):
        h = (height - pad) * d.blocked / top
        x = pad + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#b22222">'
            f"<title>{html.escape(d.day)}: {d.blocked} blocked</title></rect>"
        )
        if len(days) <= 31 or i % max(len(days) // 15, 1) == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height + 14}" font-size="9" text-anchor="end" '
                f'transform="rotate(-45 {x + bar / 2:.1f} {height + 14})">{html.escape(d.day[5:])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


_STYLE = """
body { font: 14px/1.4 Georgia, serif; margin: 2em auto; max-width: 60em; color: #111; }
h1 { font-size: 1.4em; } table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; } .muted { color: #555; } code { font-size: .9em; }
@media print { body { margin: 0; } a { color: #000; } tr { page-break-inside: avoid; } }
"""


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page, for a person to read or print."""
    e = html.escape
    period = f"{report.period.get('from') or 'the first decision'} to {report.period.get('to') or 'now'}"
    # A link only to the web: the parsers keep http(s) addresses alone, but an artifact is data,
    # and a "javascript:" address in an href runs when a regulator clicks it.
    web = report.url.lower().startswith(("http://", "https://"))
    link = f'<a href="{e(report.url)}">{e(report.url)}</a>' if web else e(report.url)
    totals = "".join(
        f'<tr><th>{e(k.replace("_", " "))}</th><td class="n">{v}</td></tr>' for k, v in report.totals.items()
    )
    head = "".join(f'<th class="n">{e(k.replace("_", " "))}</th>' for k in COUNTS)
    day_rows = "".join(
        f"<tr><td>{e(d.day)}</td>" + "".join(f'<td class="n">{getattr(d, k)}</td>' for k in COUNTS) + "</tr>"
        for d in report.days
    )
    listing_rows = "".join(_listing_row(row) for row in report.listings[:MAX_LISTED])
    more = (
        f'<p class="muted">{len(report.listings) - MAX_LISTED} more listings are in the JSON report.</p>'
        if len(report.listings) > MAX_LISTED
        else ""
    )
    truncated = (
        '<p class="muted">The period holds more decisions than one report reads: narrow it.</p>'
        if report.truncated
        else ""
    )
    withdrawn = (
        "<p><strong>The lists serving no longer hold this recall</strong> (withdrawn, or left off its "
        "list): listings are no longer screened against it.</p>"
        if report.serving is False
        else ""
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Recall {e(report.source)} {e(report.recall_id)}: marketplace report</title>"
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>{e(report.source)} recall {e(report.recall_id)}</h1>"
        f'<p>{e(report.title)}</p><p class="muted">{e(report.hazard)}</p><p>{link}</p>'
        f"<p>What the marketplace did with this recall from {e(period)} (UTC).</p>{truncated}{withdrawn}"
        f"<h2>Totals</h2><table>{totals}</table>"
        f"<h2>Listings blocked per day</h2>{_chart(report.days)}"
        f"<h2>By day</h2><table><tr><th>day</th>{head}</tr>{day_rows}</table>"
        "<h2>Listings blocked, sent to review or judged by a reviewer</h2>"
        "<table><tr><th>when</th><th>listing</th><th>decision</th><th>evidence</th></tr>"
        f"{listing_rows}</table>{more}</body></html>"
    )


def _listing_row(row: Mapping[str, Any]) -> str:
    e = html.escape
    evidence = "<br>".join(
        f"{e(str(ev.get('field')))} <code>{e(str(ev.get('value')))}</code> ~ "
        f"{e(str(ev.get('recall_field')))} <code>{e(str(ev.get('recall_value')))}</code> "
        f"({e(str(ev.get('method')))})"
        for ev in row.get("evidence") or ()
    )
    who = f'<br><span class="muted">{e(str(row.get("reason")))}</span>' if row.get("reason") else ""
    seller = (
        f'<br><span class="muted">seller {e(str(row["seller_id"]))}</span>' if row.get("seller_id") else ""
    )
    return (
        f"<tr><td>{e(str(row['decided_at']))}</td>"
        f"<td>{e(str(row.get('title', '')))}<br><code>{e(str(row['listing_id']))}</code>{seller}</td>"
        f"<td>{e(str(row.get('decision')))} ({e(str(row.get('by')))}){who}</td><td>{evidence}</td></tr>"
    )
