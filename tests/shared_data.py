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
# The labelled real-market-text sets: the shared development slice and the repository's own ten.
REAL_TEXT_SETS = [
    SHARED_LISTINGS / "real_relistings_dev.ndjson",
    REPO / "data" / "listings" / "real_relistings_more.ndjson",
    REPO / "data" / "listings" / "real_relistings_third.ndjson",
    REPO / "data" / "listings" / "real_relistings_fourth.ndjson",
    REPO / "data" / "listings" / "real_relistings_fifth.ndjson",
    REPO / "data" / "listings" / "real_relistings_sixth.ndjson",
    REPO / "data" / "listings" / "real_relistings_seventh.ndjson",
    REPO / "data" / "listings" / "real_relistings_eighth.ndjson",
    REPO / "data" / "listings" / "real_relistings_ninth.ndjson",
    REPO / "data" / "listings" / "real_relistings_tenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_eleventh.ndjson",
    REPO / "data" / "listings" / "real_relistings_twelfth.ndjson",
    REPO / "data" / "listings" / "real_relistings_thirteenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_fourteenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_fifteenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_sixteenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_seventeenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_eighteenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_nineteenth.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentieth.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentyfirst.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentysecond.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentythird.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentyfourth.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentyfifth.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentysixth.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentyseventh.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentyeighth.ndjson",
    REPO / "data" / "listings" / "real_relistings_twentyninth.ndjson",
    REPO / "data" / "listings" / "real_relistings_thirtieth.ndjson",
    REPO / "data" / "listings" / "real_relistings_thirtyfirst.ndjson",
]
