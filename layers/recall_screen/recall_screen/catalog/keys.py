"""Where everything lives in the drop bucket (or in the offline output folder), and the digests
that name content there.

    recalls/<source>/<file>                     drops (written by regulators; read only here)
    reports/<source>/<file>.report.json         one report per drop
    index/<version>/index.json.gz               immutable index artifacts
    index/current.json                          the pointer to the current artifact (written last)
    state/catalog.json                          each source's current list and newest drop seen
    state/health.json                           the builder's health, for the screener's /v1/health
    state/sources/<source>/<digest>.json.gz     a source's accepted recalls (content-addressed)
    state/parts/<source>/<digest>-<rules>.json.gz   those recalls profiled: their part of the index
    state/drops/<source>/<drop id>.json         ledger of processed drops (replay detection)
"""

from __future__ import annotations

import hashlib
import re

RECALLS_PREFIX = "recalls/"
REPORTS_PREFIX = "reports/"
INDEX_PREFIX = "index/"
POINTER_KEY = "index/current.json"
STATE_PREFIX = "state/"
CATALOG_KEY = "state/catalog.json"
HEALTH_KEY = "state/health.json"
SOURCES_PREFIX = "state/sources/"
PARTS_PREFIX = "state/parts/"
ARTIFACT_NAME = "index.json.gz"

_SOURCE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._ -]{0,127}$")


def parse_drop_key(key: str) -> tuple[str, str] | None:
    """`(source, file)` of a drop key `recalls/<source>/<file>`, or None when the key is not a drop
    (a folder marker, a file directly under `recalls/`, an unusable source name). `file` may
    contain further folders; it is the drop's name in its report's key."""
    if not key.startswith(RECALLS_PREFIX) or key.endswith("/"):
        return None
    parts = key[len(RECALLS_PREFIX) :].split("/", 1)
    if len(parts) != 2 or not parts[1] or not _SOURCE_RE.match(parts[0]):
        return None
    if any(segment in ("", ".", "..") for segment in parts[1].split("/")):
        return None
    return parts[0], parts[1]


def drop_key(source: str, file: str) -> str:
    return f"{RECALLS_PREFIX}{source}/{file}"


def report_key(source: str, file: str) -> str:
    return f"{REPORTS_PREFIX}{source}/{file}.report.json"


def artifact_key(version: str) -> str:
    return f"{INDEX_PREFIX}{version}/{ARTIFACT_NAME}"


def source_recalls_key(source: str, digest: str) -> str:
    return f"{SOURCES_PREFIX}{source}/{digest}.json.gz"


def part_key(recalls_key: str, rules: str) -> str:
    """Where the part of the index made from the kept recalls at `recalls_key` is kept, for the
    profile rules `rules` (`recall_screen.parts.RULES`)."""
    rest = recalls_key.removeprefix(SOURCES_PREFIX).removesuffix(".json.gz")
    return f"{PARTS_PREFIX}{rest}-{rules}.json.gz"


def ledger_key(source: str, drop_id: str) -> str:
    return f"{STATE_PREFIX}drops/{source}/{drop_id}.json"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
