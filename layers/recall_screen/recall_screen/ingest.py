"""A regulator's drop, judged as a whole: read it within size limits (a gzip bomb is refused
without being inflated), parse it, drop duplicate recall ids, and accept or reject it, with a
report for every drop.

Pure: the S3 handler and the offline `build-index` command both call `read_drop` and write the
report themselves; `index_version` is filled in by whoever builds the index from the recalls.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from recall_screen.category_rules import CategoryRule
from recall_screen.collector import collector_paused
from recall_screen.models import Recall
from recall_screen.parsers import FormatError, ParseResult, RecordError, RecordWarning, is_gzip, parse
from recall_screen.parsers.common import Withdrawal, name_key

MIB = 1024 * 1024
ENV_MAX_DROP_BYTES = "RECALL_SCREEN_MAX_DROP_BYTES"
ENV_MAX_DECOMPRESSED_BYTES = "RECALL_SCREEN_MAX_DECOMPRESSED_BYTES"
ENV_MAX_INVALID_SHARE = "RECALL_SCREEN_MAX_INVALID_SHARE"
_CHUNK = 1 * MIB
MAX_ISSUES = 1_000  # errors and warnings listed in a report; the totals count them all


@dataclass(frozen=True)
class Limits:
    # A whole-history export fits (the CPSC's full Recall Retrieval API dump is about 50 MB of
    # JSON; the EU Safety Gate's history is larger); a gzip bomb is still refused while inflating.
    max_bytes: int = 256 * MIB  # the file as received (compressed or not)
    max_decompressed_bytes: int = 512 * MIB
    max_invalid_share: float = 0.2  # rejected records / records read, above which the drop is refused
    min_records: int = 1

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_decompressed_bytes <= 0:
            raise ValueError("size limits must be positive")
        if not 0 <= self.max_invalid_share <= 1:
            raise ValueError("max_invalid_share must be between 0 and 1")
        if self.min_records < 1:
            raise ValueError("min_records must be at least 1")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """Limits from RECALL_SCREEN_MAX_DROP_BYTES, RECALL_SCREEN_MAX_DECOMPRESSED_BYTES and
        RECALL_SCREEN_MAX_INVALID_SHARE, defaults where unset. A malformed value is an error that
        names the variable, not a silent default."""
        env = os.environ if env is None else env
        default = cls()

        def read(name: str, kind: type, fallback: Any) -> Any:
            raw = env.get(name, "").strip()
            if not raw:
                return fallback
            try:
                return kind(raw)
            except ValueError:
                raise ValueError(f"{name}={raw!r} is not a valid {kind.__name__}") from None

        try:
            return cls(
                max_bytes=read(ENV_MAX_DROP_BYTES, int, default.max_bytes),
                max_decompressed_bytes=read(ENV_MAX_DECOMPRESSED_BYTES, int, default.max_decompressed_bytes),
                max_invalid_share=read(ENV_MAX_INVALID_SHARE, float, default.max_invalid_share),
            )
        except ValueError as exc:
            if "RECALL_SCREEN_" in str(exc):
                raise
            raise ValueError(f"recall drop limits from the environment: {exc}") from None


class WithdrawnOut(BaseModel):
    position: int
    source: str
    recall_id: str


class Identifiers(BaseModel):
    recall_id: str
    models: list[str] = Field(default_factory=list)
    gtins: list[str] = Field(default_factory=list)
    unchecked_gtins: list[str] = Field(default_factory=list)


class IssueOut(BaseModel):
    position: int | None = None
    field: str = ""
    reason: str
    recall_id: str | None = None
    rejected: bool | None = None  # errors only: was the record dropped
    line: int | None = None


class DropReport(BaseModel):
    """What happened to one drop: written next to it under reports/<source>/."""

    file: str
    source: str
    format: str | None = None
    encoding: str | None = None
    bytes: int  # as received
    decompressed_bytes: int | None = None  # when it was gzip
    accepted: bool
    reason: str | None = None
    read: int = 0  # records read, valid or not
    accepted_records: int = 0  # distinct recalls kept
    accepted_rules: int = 0  # distinct category rules kept (`kind: category_rule`)
    rejected_records: int = 0  # records dropped for an error
    duplicates: int = 0  # records dropped as a repeat of a recall id already in the file
    invalid_share: float = 0.0  # rejected_records / read
    errors: list[IssueOut] = Field(default_factory=list)  # the first MAX_ISSUES
    errors_total: int = 0
    warnings: list[IssueOut] = Field(default_factory=list)  # the first MAX_ISSUES
    warnings_total: int = 0
    identifiers: list[Identifiers] = Field(default_factory=list)
    withdrawn: list[WithdrawnOut] = Field(default_factory=list)  # the first MAX_ISSUES
    withdrawn_total: int = 0  # distinct recalls the file withdraws ("withdrawn": true)
    totals: dict[str, int] = Field(default_factory=dict)
    sources: dict[str, int] = Field(default_factory=dict)  # regulator name -> recalls, as in the records
    index_version: str | None = None
    received_at: str | None = None
    processed_at: str

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


@dataclass
class DropOutcome:
    accepted: bool
    reason: str | None  # one line naming the file and the problem; None when accepted
    report: DropReport
    recalls: list[Recall] = field(default_factory=list)  # empty when rejected
    withdrawn: list[Withdrawal] = field(
        default_factory=list
    )  # recalls withdrawn on purpose; empty when rejected
    rules: list[CategoryRule] = field(default_factory=list)  # category rules; empty when rejected


class DropRejected(Exception):
    """Internal: the drop is refused as a whole, for the one-line reason given."""


def read_drop(
    data: bytes,
    *,
    name: str,
    source: str,
    limits: Limits | None = None,
    received_at: datetime | str | None = None,
    now: datetime | None = None,
) -> DropOutcome:
    """Judge one dropped file. `source` is the drop folder (recalls/<source>/), the list's identity
    for "the newest file replaces the previous list"; the records keep their own regulator names.

    Rejected as a whole, with a one-line reason naming the problem (not the file: callers prefix
    it, and the report has it): over the size limits (as received or decompressed), unreadable
    (corrupt gzip, not a supported format, invalid JSON, a CSV header missing a required column),
    no records, fewer than `min_records` valid records (a file that only withdraws recalls lists
    none, and is accepted), or a share of invalid records above `max_invalid_share`. Either way
    the report says what was read, rejected, withdrawn and found."""
    limits = limits or Limits()
    processed_at = (now or datetime.now(UTC)).isoformat()
    received = received_at.isoformat() if isinstance(received_at, datetime) else received_at
    report = DropReport(
        file=name,
        source=source,
        bytes=len(data),
        accepted=False,
        received_at=received,
        processed_at=processed_at,
    )
    try:
        # A large drop's recalls are the heap's growth: the collector would walk them again and
        # again as they are read (a tenth of parsing 100,000 notices) and free nothing.
        with collector_paused():
            result = _parse(_within_size_limits(data, limits, report), source)
    except DropRejected as exc:
        return _rejected(report, str(exc))
    report.format = result.format
    report.encoding = result.encoding
    with collector_paused():  # the report's record of each recall's identifiers, as many
        recalls, withdrawn = _count(result, report)
    rules = _rules(result, report)
    refusal = _refusal(result, report, [*recalls, *rules], withdrawn, limits)
    if refusal is not None:
        return _rejected(report, refusal)
    report.accepted = True
    return DropOutcome(True, None, report, recalls, withdrawn, rules)


def _rejected(report: DropReport, reason: str) -> DropOutcome:
    report.accepted = False
    report.reason = " ".join(reason.split())  # one line; the callers name the file
    return DropOutcome(False, report.reason, report)


def _within_size_limits(data: bytes, limits: Limits, report: DropReport) -> bytes | Iterator[bytes]:
    """The file's bytes, or when gzip its decompressed chunks (checked whole first, then inflated
    again as the parser reads, so the decompressed file is never held); DropRejected when over a
    size limit or not readable gzip."""
    if len(data) > limits.max_bytes:
        raise DropRejected(f"{len(data):,} bytes, over the limit of {limits.max_bytes:,} bytes")
    if is_gzip(data):
        report.decompressed_bytes = gunzip_checked(data, limits.max_decompressed_bytes)
        return gunzip_chunks(data, limits.max_decompressed_bytes)
    if len(data) > limits.max_decompressed_bytes:
        raise DropRejected(f"{len(data):,} bytes, over the limit of {limits.max_decompressed_bytes:,} bytes")
    return data


def _parse(data: bytes | Iterator[bytes], source: str) -> ParseResult:
    try:
        return parse(data, source)
    except FormatError as exc:
        raise DropRejected(f"unreadable: {exc}") from None
    except DropRejected:
        raise
    except Exception as exc:  # a parser bug must still give the regulator a report, not a retry loop
        raise DropRejected(f"could not be parsed ({type(exc).__name__}: {str(exc)[:200]})") from None


def _count(result: ParseResult, report: DropReport) -> tuple[list[Recall], list[Withdrawal]]:
    """The distinct recalls of a parsed file and the distinct recalls it withdraws; the report
    gets what was read, dropped, withdrawn and found."""
    recalls, duplicates, dup_warnings = _dedupe(result)
    withdrawn, recalls, withdrawal_warnings = _withdrawals(result, recalls)
    dup_warnings.extend(withdrawal_warnings)
    report.read = result.read
    report.rejected_records = result.rejected
    report.duplicates = duplicates
    report.accepted_records = len(recalls)
    report.invalid_share = round(result.rejected / result.read, 4) if result.read else 0.0
    warnings = [*result.warnings, *dup_warnings]
    report.errors = [_issue(e) for e in result.errors[:MAX_ISSUES]]
    report.errors_total = len(result.errors)
    report.warnings = [_issue(w) for w in warnings[:MAX_ISSUES]]
    report.warnings_total = len(warnings)
    report.identifiers = [
        Identifiers(recall_id=r.recall_id, models=r.models, gtins=r.gtins, unchecked_gtins=r.unchecked_gtins)
        for r in recalls
        if r.models or r.gtins or r.unchecked_gtins
    ]
    report.totals = {
        "recalls": len(recalls),
        "recalls_with_models": sum(1 for r in recalls if r.models),
        "models": sum(len(r.models) for r in recalls),
        "recalls_with_gtins": sum(1 for r in recalls if r.gtins or r.unchecked_gtins),
        "gtins": sum(len(r.gtins) for r in recalls),
        "unchecked_gtins": sum(len(r.unchecked_gtins) for r in recalls),
    }
    sources: dict[str, int] = {}
    for r in recalls:
        sources[r.source] = sources.get(r.source, 0) + 1
    report.sources = sources
    report.withdrawn = [WithdrawnOut(**vars(w)) for w in withdrawn[:MAX_ISSUES]]
    report.withdrawn_total = len(withdrawn)
    return recalls, withdrawn


def _rules(result: ParseResult, report: DropReport) -> list[CategoryRule]:
    """The distinct category rules of a parsed file (the first of each regulator and rule id;
    a repeat is a warning), counted in the report."""
    chosen: dict[tuple[str, str], int] = {}
    rules: list[CategoryRule] = []
    for position, rule in zip(result.rule_positions, result.rules, strict=True):
        key = recall_key(rule.source, rule.rule_id)
        if key in chosen:
            reason = f"duplicate of rule {chosen[key]}, which is kept"
            issue = IssueOut(position=position, field="rule_id", reason=reason, recall_id=rule.rule_id)
            report.warnings.append(issue)
            report.warnings_total += 1
            report.duplicates += 1
            continue
        chosen[key] = position
        rules.append(rule)
    report.accepted_rules = len(rules)
    report.totals["category_rules"] = len(rules)
    return rules


def _refusal(
    result: ParseResult,
    report: DropReport,
    recalls: list[Recall | CategoryRule],
    withdrawn: list[Withdrawal],
    limits: Limits,
) -> str | None:
    """Why a parsed file is refused as a whole, or None when it is accepted (`recalls`: its
    recalls and category rules)."""
    if result.read == 0:
        return "no records (an empty list)"
    if report.invalid_share > limits.max_invalid_share:
        first = next((e for e in result.errors if e.rejected), None)
        example = (
            f"; first: record {first.position} {first.field or 'record'}: {first.reason}" if first else ""
        )
        return (
            f"{result.rejected} of {result.read} records invalid ({report.invalid_share:.0%}), over the "
            f"{limits.max_invalid_share:.0%} limit{example}"
        )
    if len(recalls) < limits.min_records and not withdrawn:  # a file of withdrawals lists no recalls
        return f"{len(recalls)} valid record(s), fewer than the {limits.min_records} required"
    return None


def gunzip_limited(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip (several members allowed), stopping as soon as the output would exceed
    `max_bytes`: a bomb is refused after inflating at most `max_bytes` + one chunk."""
    out = bytearray()
    for chunk in _inflate(data, max_bytes):
        out += chunk
    _refuse_nested(bytes(out[:2]))
    return bytes(out)


def gunzip_checked(data: bytes, max_bytes: int) -> int:
    """The size of gzip `data` decompressed, with every refusal of `gunzip_limited` (a bomb,
    corrupt or truncated data, trailing data, gzip inside gzip), found without keeping the
    output: the parser then reads it again with `gunzip_chunks`, a chunk at a time."""
    size = 0
    head = b""
    for chunk in _inflate(data, max_bytes):
        if len(head) < 2:
            head += chunk[:2]
        size += len(chunk)
    _refuse_nested(head[:2])
    return size


def gunzip_chunks(data: bytes, max_bytes: int) -> Iterator[bytes]:
    """The decompressed chunks of gzip `data` that `gunzip_checked` accepted, in order."""
    return _inflate(data, max_bytes)


def _refuse_nested(head: bytes) -> None:
    if is_gzip(head):
        raise DropRejected("gzip inside gzip: compress the list once")


def _inflate(data: bytes, max_bytes: int) -> Iterator[bytes]:
    """The decompressed chunks of gzip `data` (several members allowed); DropRejected as soon as
    the output would exceed `max_bytes`, so a bomb inflates at most `max_bytes` + one chunk."""
    total = 0
    pending = data
    while pending:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(pending, _CHUNK)
            while True:
                total += len(chunk)
                if total > max_bytes:
                    raise DropRejected(
                        f"decompresses to more than the limit of {max_bytes:,} bytes (gzip bomb?)"
                    )
                if chunk:
                    yield chunk
                if inflater.eof or not inflater.unconsumed_tail:
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        except zlib.error as exc:
            raise DropRejected(f"corrupt gzip data: {exc}") from None
        if not inflater.eof:
            raise DropRejected("truncated gzip data (the compressed stream ends early)")
        pending = inflater.unused_data
        if pending and not is_gzip(pending):
            if pending.strip(b"\x00"):
                raise DropRejected("trailing data after the gzip stream")
            break  # zero padding after the last member


def _completeness(recall: Recall) -> int:
    filled = [recall.title, recall.category, recall.hazard, recall.remedy, recall.url, recall.published]
    return (
        3 * (len(recall.models) + len(recall.gtins) + len(recall.unchecked_gtins))
        + len(recall.product_names)
        + len(recall.brands)
        + sum(1 for f in filled if f)
    )


def recall_key(source: str, recall_id: str) -> tuple[str, str]:
    """A recall's identity across files: its regulator and its number, however spaced or cased."""
    return name_key(source), recall_id.strip().lower()


def _dedupe(result: ParseResult) -> tuple[list[Recall], int, list[RecordWarning]]:
    """One recall per (regulator, recall id): the most complete record wins, the first on a tie;
    every duplicate is reported."""
    chosen: dict[tuple[str, str], tuple[int, Recall]] = {}
    order: list[tuple[str, str]] = []
    warnings: list[RecordWarning] = []
    duplicates = 0
    for position, recall in zip(result.positions, result.records, strict=True):
        key = recall_key(recall.source, recall.recall_id)
        if key not in chosen:
            chosen[key] = (position, recall)
            order.append(key)
            continue
        duplicates += 1
        kept_position, kept = chosen[key]
        if _completeness(recall) > _completeness(kept):
            chosen[key] = (position, recall)
            reason = f"duplicate of record {kept_position}; this more complete record is kept instead"
        else:
            reason = f"duplicate of record {kept_position}, which is kept"
        warnings.append(RecordWarning(position, "recall_id", reason, recall.recall_id))
    return [chosen[key][1] for key in order], duplicates, warnings


def _withdrawals(
    result: ParseResult, recalls: list[Recall]
) -> tuple[list[Withdrawal], list[Recall], list[RecordWarning]]:
    """The distinct recalls the file withdraws, and its recalls without them: a recall both listed
    and withdrawn in one file is withdrawn (the explicit word wins), with a warning."""
    withdrawn: dict[tuple[str, str], Withdrawal] = {}
    for withdrawal in result.withdrawn:
        withdrawn.setdefault(recall_key(withdrawal.source, withdrawal.recall_id), withdrawal)
    kept: list[Recall] = []
    warnings: list[RecordWarning] = []
    for recall in recalls:
        by = withdrawn.get(recall_key(recall.source, recall.recall_id))
        if by is None:
            kept.append(recall)
        else:
            reason = f"listed, and withdrawn by record {by.position}: withdrawn"
            warnings.append(RecordWarning(by.position, "withdrawn", reason, recall.recall_id))
    return list(withdrawn.values()), kept, warnings


def _issue(item: RecordError | RecordWarning) -> IssueOut:
    if isinstance(item, RecordError):
        return IssueOut(
            position=item.position,
            field=item.field,
            reason=item.reason,
            recall_id=item.recall_id,
            rejected=item.rejected,
            line=item.line,
        )
    return IssueOut(
        position=item.position, field=item.field, reason=item.reason, recall_id=item.recall_id, line=item.line
    )
