"""Recalls for the domain's tests: three real notices each test module varies as it needs
(`BLUESTAR.model_copy(update=...)`), and generic recalls of everyday product types under made-up
brands, so that the words they share ("kids", "baby", "set", "bicycle", "helmets") are common
across the index, as in the real lists, and rarity weighting means something."""

from __future__ import annotations

from typing import Any

from recall_screen.models import Recall

# CPSC 18218: model numbers only in a flattened table of the notice.
BLUESTAR = Recall(
    source="CPSC",
    recall_id="18218",
    title="Gas Ranges and Wall Ovens Recalled by Prizer-Painter Stove Works Due to Burn Hazard",
    product_names=["BlueStar and Big Chill gas ranges and wall ovens"],
    brands=["Prizer-Painter Stove Works", "BlueStar", "Big Chill"],
    models=["RCS304BV2", "RCS366BV2"],
)
# CPSC 21022: identified by a UPC.
LUMOS = Recall(
    source="CPSC",
    recall_id="21022",
    title="Lumos Recalls Kickstart Bicycle Helmets Due to Risk of Head Injury",
    product_names=["Lumos Kickstart bicycle helmets"],
    brands=["Lumos"],
    gtins=["00816153011219"],
)
# An EU Safety Gate alert: applies in the EU and the EEA only.
EZRA = Recall(
    source="EU Safety Gate",
    recall_id="A12/01523/24",
    title="USB charger (EZRA)",
    product_names=["USB charger"],
    brands=["EZRA"],
    models=["EZ-2401"],
    jurisdictions=["EU"],
)

GENERIC = [
    ("30001", "Pedalco", "Kids bicycle set"),
    ("30002", "Brightway", "Youth bicycle helmets"),
    ("30003", "Dreamland", "Baby crib bedding set"),
    ("30004", "Rollo", "Kids bicycles"),
    ("30005", "Tinysteps", "Baby walkers"),
    ("30006", "Nordpeak", "Kids multi-sport helmets"),
    ("30007", "Splashy", "Baby bath seat set"),
    ("30008", "Glowride", "Bicycle light set"),
    ("30009", "Cozytots", "Kids pajama set"),
    ("30010", "Watchnest", "Baby video monitors"),
    ("30011", "Voltbike", "Electric bicycles"),
    ("30012", "Brickco", "Kids building block set"),
    ("30013", "Rolly", "Baby strollers"),
    ("30014", "Safehead", "Road bicycle helmets"),
    ("30015", "Colorfun", "Kids art set"),
    ("30016", "Calmbaby", "Baby rockers"),
    ("30017", "Zipp", "Kids kick scooters"),
    ("30018", "Lumina", "Kids table lamps"),
    ("30019", "Flamecraft", "Gas grills"),
    ("30020", "Chewbee", "Baby teether set"),
    ("30021", "Littlerider", "Kids bicycle helmets"),
    ("30022", "Snugly", "Baby blanket set"),
    ("30023", "Soundbox", "Portable speakers"),
]


def generic_recalls(*recall_ids: str, title: str = "{brand} Recalls {name}", **fields: Any) -> list[Recall]:
    """CPSC recalls from GENERIC (those named, or all), with `fields` set on each."""
    wanted = set(recall_ids)
    return [
        Recall(
            source="CPSC",
            recall_id=rid,
            title=title.format(brand=brand, name=name),
            product_names=[f"{brand} {name}"],
            brands=[brand],
            **fields,
        )
        for rid, brand, name in GENERIC
        if not wanted or rid in wanted
    ]
