"""Where the tests find the regulators' real recall files.

A copy of `../shared/data/recalls` (the cpsc_api, generic and priority files, with their
SOURCES.md) and of the labelled real-text slice `../shared/data/listings/real_relistings_dev.ndjson`
is kept in tests/data/shared, so the tests run the same on a fresh clone with
nothing beside it. Set RECALL_SCREEN_SHARED_DATA to a `shared/data` folder to run them against
another copy (a newer shared data set, say).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("RECALL_SCREEN_SHARED_DATA") or REPO / "tests" / "data" / "shared")
SHARED_RECALLS = SHARED_DATA / "recalls"
# Every recall file of the shared data set that must build (derived/ is provenance, not a format).
SHARED_RECALL_FILES = [
    "cpsc_api/cpsc_recalls.json",
    "cpsc_api/cpsc_recalls_more.json",
    "cpsc_api/gsa_recalls_api_vcr_response_BlueStar_2018-09-26.json",
    "generic/eu_safety_gate.ndjson",
    "generic/uk_opss.csv",
    "generic/health_canada.ndjson",
    "generic/accc.ndjson",
    "generic/product_safety_nz.ndjson",
    "priority/cpsc_priority_2026-09.csv",
]
SHARED_LISTINGS = SHARED_DATA / "listings"
# The labelled real-market-text sets: the shared development slice and the repository's own, read
# from the list `make evaluate` reads too, so a set is registered in one place.
REPOSITORY_SETS_LIST = REPO / "data" / "listings" / "real_text_sets.txt"
REPOSITORY_REAL_TEXT_SETS = [
    REPO / line.strip()
    for line in REPOSITORY_SETS_LIST.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
REAL_TEXT_SETS = [SHARED_LISTINGS / "real_relistings_dev.ndjson", *REPOSITORY_REAL_TEXT_SETS]
# The first of the repository's sets, gathered for issue 9 as one set of at least 150 titles.
FIRST_REPOSITORY_SET = REPO / "data" / "listings" / "real_relistings_more.ndjson"
