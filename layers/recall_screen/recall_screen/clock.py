"""UTC times as the system writes them: ISO 8601 with a `Z`, and back.

Decisions, reports, pointers and S3 events all carry times as text. Writing them one way keeps
range keys comparable as strings (`decided_at` sorts in DynamoDB) and keeps every reader lenient
about the `Z` that `datetime.fromisoformat` only accepts from Python 3.11 on."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

Timespec = Literal["seconds", "milliseconds"]


def now_utc() -> datetime:
    return datetime.now(UTC)


def utc_z(moment: datetime | None = None, timespec: Timespec = "milliseconds") -> str:
    """`moment` (now when omitted) in UTC as `2026-12-02T18:28:06.123Z`; a naive time is UTC."""
    moment = moment or now_utc()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    """An ISO 8601 time, `Z` or offset, as an aware UTC datetime; a naive time is taken as UTC.
    Raises ValueError on text that is not a time."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    try:
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except OverflowError:  # "0001-01-01T00:00:00+01:00" is before the first UTC time Python has
        raise ValueError(f"{text!r} is outside the times this service can represent") from None
