"""Recall file parsers: format detection, the CPSC API JSON, the generic NDJSON/CSV format, and
model numbers in free text. Real slices of ../shared/data live in tests/data/recalls/; the full
shared files (tests/shared_data.py says where) are parsed too, and their absence is a failure."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest
from recall_screen.models import Recall
from recall_screen.parsers import FormatError, detect_format, parse
from recall_screen.parsers.common import (
    brand_values,
    brands_from_description,
    brands_from_product_name,
    clean_firm,
    firms_from_title,
)
from recall_screen.parsers.modelnums import (
    clean_model_field,
    extract_models,
    models_and_scope,
    read_codes,
    scope_only_codes,
)
from recall_screen.profile import title_product
from shared_data import SHARED_RECALL_FILES, SHARED_RECALLS

DATA = Path(__file__).resolve().parents[1] / "data" / "recalls"
SHARED = SHARED_RECALLS
SHARED_FILES = SHARED_RECALL_FILES
EXPECTED_FORMAT = {"json": "cpsc_json", "ndjson": "generic_ndjson", "csv": "generic_csv"}


def shared(relative: str) -> bytes:
    path = SHARED / relative
    assert path.is_file(), f"shared data file missing: {path}"
    return path.read_bytes()


def by_id(result, recall_id: str):
    return next(r for r in result.records if r.recall_id == recall_id)


# -- model numbers in free text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The last item of a list follows ", and" / "or" (GUIDE pitfalls).
        ("The recall involves models 7FT5655, 7FT5455, and 7FT5515.", ["7FT5655", "7FT5455", "7FT5515"]),
        ("with model numbers 731434, 731436, 733192 or 733194.", ["731434", "731436", "733192", "733194"]),
        # All-digit models only after a cue (recalls 16742, 21022, 05009).
        (
            "Olympic Decline free weight bench with model numbers 16060, 16061, 16062 and 16063. The bench",
            ["16060", "16061", "16062", "16063"],
        ),
        ("Climbing treestands models 1017, 1517 and 5317", ["1017", "1517", "5317"]),
        (
            "Model numbers included in the recall are 333502, 333503, 333504 and 333505.",
            ["333502", "333503", "333504", "333505"],
        ),
        ("Model 4340 was sold at hardware stores", ["4340"]),
        # Cue spellings: "Item #", "Model Nos.", "SKU#", "part number", "model no."
        ("the helmet contains the Item # ACTGEAR-238BTS in the bottom left corner", ["ACTGEAR-238BTS"]),
        (
            "the PANDION harness (Model Nos. C029AA00 and C029AA01), "
            "and the PANJI harness (Model No. C028AA00).",
            ["C029AA00", "C029AA01", "C028AA00"],
        ),
        ("Spark Pro, Men's (SKU# 00792200816), Black", ["00792200816"]),
        ("Royce Union ABT 2000 Mountain Bicycles (model no. 16368)", ["16368"]),
        ("The model number FS 310 is located in two places", ["FS 310"]),
        # Recall 26798 (product name only): the model and the date code printed on the product.
        (
            "Portable Sleep Machines with Night Light model number LTD-SM23 and date code 7W15TN",
            ["LTD-SM23", "7W15TN"],
        ),
        # An all-digit item in a list of mixed model numbers (recall 09224).
        (
            "The recall involves model year 2009 Trek 7300, 7300WSD, and 7500 bicycles.",
            ["7300", "7300WSD", "7500"],
        ),
        (
            "This recall involves 115V ONLY Cybex 445T, 455T, 530T, 450T, 500T, 515T, 520T, "
            "and 550T treadmills. "
            "The 220V model treadmills are not involved",
            ["445T", "455T", "530T", "450T", "500T", "515T", "520T", "550T"],
        ),
        ("Gudook Adult Bike Helmets KY-055", ["KY-055"]),
        # A number and a capital after the cue "model" is the model, though alone it reads as a size.
        ('This recall involves the Tarvo helmets, model 4D. Model "4D" is printed on the side.', ["4D"]),
        ("the Octane Fitness XT5700 cross trainer", ["XT5700"]),
        # Endings listed after a slash are the model's stem with each ending.
        (
            "model numbers QRX250R/RX/RWE or QRX450R/RX",
            ["QRX250R", "QRX250RX", "QRX250RWE", "QRX450R", "QRX450RX"],
        ),
    ],
)
def test_extract_models_finds_model_numbers(text: str, expected: list[str]) -> None:
    assert extract_models(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Descriptions, sizes, ratings and years (GUIDE pitfalls).
        "This recall involves 4-in-1 convertible cribs, 3-in-1 strollers, a 6-Piece set and 4-Drawer "
        "dressers.",
        "12V batteries, 3.5mm jack, 20oz bottles, 2x4 lumber, 1000W motor, 700C wheels, 24-inch frames",
        "This recall involves 2011 model year Vantry Ridgeline X 29er 1, 2 and 3 model bicycles",
        "The bicycles were sold in 2018 and 2019 for the 2nd time in the 1990s",
        # Dates, production-date ranges and serial ranges are scope, not identifiers.
        "production dates 01/06 thru 11/07",
        "Carabiners with batch number between 06076 and 06178 are included",
        "serial numbers from SR-HX13-01001 to SR-HX13-01488 and SR-HX14-01001 to SR-HX14-01602",
        "2005 bicycles with serial numbers higher than R251700",
        'Serial numbers included in the recall begin with "ET22," "ET23," "01VX" or "07VX."',
        'vehicle identification number (VIN) beginning with "L98," the letter',
        "Elliptical serial numbers 08AUG000001-08AUG000360 08AUG000361-08AUG001078",
        "lot numbers 1234A and 1235A",
        # Old press releases: the CPSC's zip code, release and phone numbers.
        "Washington, DC 20207 FOR IMMEDIATE RELEASE November 18, 1998 Release # 99-024 "
        "Company Phone Number: (800) SCHWINN or 1-800-449-8691",
        # Standards, batteries, technologies, URLs.
        "meets ASTM F963-17 and 16 CFR 1303; contains CR2032 and LR44 button cells; MP3, 4K, USB3 and 5G",
        "visit www.bluestarcooking.com or ride.lezyne.com/recall or email recall@firm2go.com",
        # A cue followed by ordinary words is not a list.
        "two models of Lezyne bicycle floor pumps sold in three models in 24 colors",
        "the BowFlex 52.5 LB Adjustable Dumbbells",
        "Ski-Doo model years 2021 and 2022 snowmobiles",
        "sold in 2T and 3T sizes, with a 3D printed logo",
        # After the cue, a rating, a network or a size is still one; a number before its noun too.
        "the ride-on car, model 12V.",
        "the phone, model 5G, was sold online",
        "wooden model 3D puzzle kits",
        "the cooker, model 5L.",
        "the binoculars, model 10X.",
    ],
)
def test_extract_models_ignores_what_is_not_a_model(text: str) -> None:
    assert extract_models(text) == []


def test_extract_models_reads_a_model_number_but_not_the_weight_after_it() -> None:
    text = (
        "the BowFlex branded Model 552, 52.5 LB Adjustable Dumbbells and "
        "Model 1090, 90 LB Adjustable Dumbbells"
    )
    assert extract_models(text) == ["552", "1090"]


def test_extract_models_keeps_a_model_next_to_a_batch_list() -> None:
    # Recall 16012: models and batch numbers alternate.
    text = (
        "three model year 2014 Big Game climbing tree stands models: CL050 (The Outlook) with batch number "
        "9B-0414, CL100-A (The Cobalt) with batch numbers 9B-0214 and 9B-0514"
    )
    assert extract_models(text) == ["CL050", "CL100-A"]


def test_extract_models_reads_the_bluestar_flattened_table() -> None:
    # Recall 18218: "Model Model Numbers Serial Number Range BlueStar Culinary Series (RCS) RCS304BV2, …".
    raw = json.loads(shared("cpsc_api/gsa_recalls_api_vcr_response_BlueStar_2018-09-26.json"))
    description = next(r for r in raw if r["RecallNumber"] == "18218")["Description"]
    models = extract_models(description)
    for model in (
        "RCS304BV2",
        "RCS366BV2",
        "RNB244BV2",
        "RNB364FTV2",
        "BWO24AGS",
        "BCPRO48WHL",
        "BCCS36SNWHL",
    ):
        assert model in models
    assert "1505000" not in models and "1710999" not in models  # the serial range is scope
    assert len(models) == len(set(models)), "each model once"
    assert models.index("RCS304BV2") < models.index("RNB244BV2"), "in order of appearance"


def test_extract_models_is_safe_on_empty_and_huge_text() -> None:
    assert extract_models("") == []
    assert extract_models("   ") == []
    assert len(extract_models("model XT5700, " * 5_000)) == 1


def test_scope_only_codes_names_serials_and_zip_codes() -> None:
    text = "Washington, DC 20207. Serial numbers 09100 through 10403. Model 4340 and batch 9G-0114."
    assert scope_only_codes(text) >= {"20207", "09100", "10403", "0114"}
    assert "4340" not in scope_only_codes(text)


def test_the_lot_batch_and_serial_numbers_a_notice_lists_are_its_unit_codes() -> None:
    text = (
        "Quillon model QX-100 kettles, batch numbers 2403A, 2403B and 2404A. Serial numbers 1505000 "
        "through 1710999 and CTB100000-CTB101618 are included. Washington, DC 20207."
    )
    codes = read_codes(text)
    # Listed one by one; a range's ends and a postal code are scope, no unit a listing names.
    assert codes.unit_codes == ["2403A", "2403B", "2404A"]
    assert codes.models == ["QX-100"]
    assert (codes.models, codes.scope_only) == models_and_scope(text)


def test_a_record_s_unit_codes_come_from_its_text_its_model_field_and_a_long_description() -> None:
    # A models field often carries the batch numbers after their label: units, no models.
    press_release = "Quillon recalls its kettles. " * 30 + "Only batches 2511C and 2512C are affected."
    record = {
        "source": "EU Safety Gate",
        "recall_id": "A12/0001/26",
        "title": "Kettle (Quillon) · Quillon Brew 1.7 l",
        "brand": "Quillon",
        "models": "QB-17; batch 2304, 2305",
        "description": press_release,
        "jurisdictions": ["EU"],
    }
    (recall,) = parse(json.dumps(record).encode()).records
    assert recall.models == ["QB-17"]
    assert recall.unit_codes == ["2304", "2305", "2511C", "2512C"]
    assert recall.partial_scope == ["batch or lot codes"]  # "batches 2511C …", the plural too
    assert clean_model_field(["Batch 2304, 2305; Model QB-18"]) == ["QB-18"]
    # A label stands alone: a model's letters hyphened on ("SN-200") are the model's.
    assert clean_model_field(["SN-200, SN-300"]) == ["SN-200", "SN-300"]
    (listed,) = parse(json.dumps({**record, "models": ["QB-17", "batch 2304", "2305"]}).encode()).records
    assert listed.models == ["QB-17"] and listed.unit_codes[:2] == ["2304", "2305"]


def test_clean_model_field_drops_placeholders_and_labels() -> None:
    values = ["Model No. WD1357", "unknown", "-", "n/a", "KY-055, 202503", "12V", "", "#TR12"]
    assert clean_model_field(values) == ["WD1357", "KY-055", "202503", "TR12"]
    # The labels EU and UK records print, with their stop, colon or number word; "Type 2" alone
    # may be the model's own name.
    labelled = ["Type: KT-88", "Type/number of model: HT-3", "Ref. QT-12", "Art.Nr. 700412", "Typ: VX-2"]
    assert clean_model_field(labelled) == ["KT-88", "HT-3", "QT-12", "700412", "VX-2"]
    assert clean_model_field(["Type 2 charger"]) == ["Type 2 charger"]
    # Taken off before a code only: a letter, a count, a rating or a year alone is no model.
    for kept in ("Type: A", "Art. 10", "Typ: 2000W", "Type: 2019"):
        assert clean_model_field([kept]) == [kept]


def test_a_model_field_keeps_numbers_no_quantity_is_written_as() -> None:
    # "12V", "20oz", "720Wh", "10000mAh" are sizes, ratings and capacities; "31702M" (five digits
    # and a letter) and "047P" (a leading zero) are no quantity anyone writes: in a field of
    # models, they are models.
    values = ["31702M, 31802M", "047P, 048P", "12V, 20oz, 720Wh", "10000mAh, 20000lm, 10000W", "07XXX"]
    values.append("12000BTU, 270CFM")  # an air conditioner's and a fan's ratings
    # A code's suffix that spells a unit ("-W" of white, "-ML" of a size) is the code's; a number
    # hyphened to a unit ("12-Volt", "l2-inch" with an l typed for the 1) is a size.
    values.append("QK1500-W, QK1500-B, KH1-SM, KH1-ML, 12-Volt, l2-inch")
    # So is one after a maker's letters, the number between, in a field of models ("PH-1500-W").
    values.append("PH-1500-W, SV-2200-WH, QH-30-L, KL-SH-1500-W, KELLPRO-18-V")
    # A maker's series letters hyphened before a size-like number make a model ("DX-3W", "VP-6S");
    # a current or a connector before a rating does not ("DC-12V", "USB-5V").
    values.append("DX-3W, VP-6S, DC-12V, USB-5V, PWM-12V")
    assert clean_model_field(values) == [
        "31702M", "31802M", "047P", "048P", "QK1500-W", "QK1500-B", "KH1-SM", "KH1-ML", "PH-1500-W",
        "SV-2200-WH", "QH-30-L", "KL-SH-1500-W", "KELLPRO-18-V", "DX-3W", "VP-6S"
    ]  # fmt: skip
    assert extract_models("Tarvo kettles, model number DX-3W, with a DC-12V adapter.") == ["DX-3W"]
    # In free text, a series code's fuel or colour letters are the model's ("QR5-300-L" beside
    # "QR5-300-N"); letters alone before a number and a unit are a battery's or a rating's.
    text = "Tarvo ranges, models QR5-300-N and QR5-300-L, and vacuums powered by a MAX-20-V battery."
    assert extract_models(text) == ["QR5-300-N", "QR5-300-L"]
    # So are twins whatever their letters, one model's colours: "TH-1500-W" beside "TH-1500-G".
    text = "Tarvo heaters with model numbers TH-1500-W (white) and TH-1500-G (grey)."
    assert extract_models(text) == ["TH-1500-W", "TH-1500-G"]


# -- firms and brands ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Prizer-Painter Stove Works Inc., of Blandon, Pa.", ["Prizer-Painter Stove Works"]),
        ("Mavic, S.A.", ["Mavic"]),
        ("Dongguan Meiying Sen Smart Home Co., Ltd., of China", ["Dongguan Meiying Sen Smart Home"]),
        (
            "Shenzhen Yishijie Technology Co., Ltd., dba Esjay US, of…",
            ["Shenzhen Yishijie Technology", "Esjay US"],
        ),
        ("Clorox Manufacturing Company of Puerto Rico, Inc., Puerto…", ["Clorox Manufacturing"]),
        ("Little Loves & Co.", ["Little Loves"]),
        ("Bed, Bath & Beyond", ["Bed, Bath & Beyond"]),
        ("CEPEWA GmbH", ["CEPEWA"]),
        ("Three Firms", []),
    ],
)
def test_clean_firm(name: str, expected: list[str]) -> None:
    assert clean_firm(name) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Gas Ranges and Wall Ovens Recalled by Prizer-Painter Stove Works Due to Burn Hazard",
            ["Prizer-Painter Stove Works"],
        ),
        ("Radio Flyer, Inc. Recalls Children's Bicycles", ["Radio Flyer"]),
        ("CPSC, DiaTech USA and Derby USA Announce Recall of Bicycles", ["DiaTech USA", "Derby USA"]),
        (
            "Bicycle Helmets Recalled Due to Risk of Serious Injury; Sold on Amazon by Gudook Outdoor Sports",
            ["Gudook Outdoor Sports"],
        ),
        (
            "Additional Incidents Prompt Johnson Health Tech to Reannounce Recall of Matrix Fitness "
            "Ascent Trainers",
            ["Johnson Health Tech"],
        ),
        # A retailer named after "Sold by" is not a brand; a title cut off mid-name gives no name.
        ("Inflatable Pool Slides Sold by Walmart and Toys R Us", []),
        ("Koorlian Mattresses Recalled Due to Fire Hazard; Sold on Amazon by Dream…", []),
        # A warning where the firm cannot recall; the hazard after a firm, in any case.
        (
            "CPSC and Quorra Warn Consumers to Stop Using and Dispose of Bicycle Helmets Due to Risk of "
            "Head Injury; Recalling Firm is Unable to Conduct Recall (Recall Alert)",
            ["Quorra"],
        ),
        ("Ski Helmets Recalled by Tarvo Sport USA due to Head Injury Hazard", ["Tarvo Sport USA"]),
        ("Tire Inflators Sold at Walmart Recalled by Vexo Inc. Due to Risk of Injury", ["Vexo"]),
        (
            "Marrow Power Reannounces and Expands Recall of Leaf Vacuums Due to Laceration Hazard",
            ["Marrow Power"],
        ),
        # The firm that made or brought in the product, named after the hazard.
        ("Cargo Bicycles Recalled Due to Fall Hazard; Manufactured by Quorra B.V.", ["Quorra"]),
        ("E-Bikes Recalled Due to Fire Hazard; Distributed by Vexo (Recall Alert)", ["Vexo"]),
        (
            "Coolers Recalled Due to Choking Hazard; Imported by Tarvo Outdoors and Sold at Costco",
            ["Tarvo Outdoors"],
        ),
    ],
)
def test_firms_from_title(title: str, expected: list[str]) -> None:
    assert firms_from_title(title) == expected


@pytest.mark.parametrize(
    ("title", "product"),
    [
        ("Tessel Recalls Heaters Due to Fire Hazard", "Heaters"),
        ("Bicycle Helmets Recalled by Quorra Due to Head Injury Hazard (Recall Alert)", "Bicycle Helmets"),
        # "(Recall Alert)" is the kind of notice, not its product.
        ("Tessel Recalls Heaters (Recall Alert)", "Heaters"),
        (
            "CPSC and Quorra Warn Consumers to Stop Using and Dispose of Bicycle Helmets Due to Risk of "
            "Head Injury; Recalling Firm is Unable to Conduct Recall (Recall Alert)",
            "Bicycle Helmets",
        ),
        (
            "CPSC Warns Consumers to Immediately Stop Using Glissa Baby Loungers Due to Suffocation",
            "Glissa Baby Loungers",
        ),
        ("Vantor Reannounces and Expands Adult Bed Rails Recall Due to Entrapment Hazard", "Adult Bed Rails"),
        # An older title's announcement, and where the product was sold: neither is the product.
        ("CPSC, Tarvo Announce Brake Cable Recall", "Brake Cable"),
        ("CPSC, Tarvo Announce Recall of Toy Cars", "Toy Cars"),
        ("Kolt Shower Q10 sold via Tradeway", "Kolt Shower Q10"),
        # What the firm will do comes between "Recall" and the product.
        ("Tessel Recalls to Repair Folding Chairs Due to Pinch Hazard", "Folding Chairs"),
        ("Kolt Announces Recall To Repair Program For Garden Swings", "Garden Swings"),
        ("CPSC, Tarvo Announce Recall to Replace Brake Levers", "Brake Levers"),
        ("Quorra Expands Recall to Include Strollers Due to Fall Hazard", "Strollers"),
        ("Quorra Chairs Recall Expanded to Include Stools Due to Fall Hazard", "Stools"),
        ("Tessel Recalls Tool Kits to Repair Bicycles", "Tool Kits to Repair Bicycles"),
    ],
)
def test_the_product_a_cpsc_title_names(title: str, product: str) -> None:
    assert title_product(title) == product


@pytest.mark.parametrize(
    "placeholder",
    [
        "nincs",
        "unknown",
        "-",
        "n/a",
        "None",
        "no brand",
        "Generic",
        "sans marque",
        "ismeretlen",
        "brak",
        "keine",
        "ohne Marke",
        "без марки",
        "unbranded",
        "not known",
        "various",
        "N/A.",
    ],
)
def test_brand_placeholders_mean_no_brand(placeholder: str) -> None:
    assert brand_values([placeholder]) == []


# -- format detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", SHARED_FILES)
def test_detect_format_of_every_shared_file(relative: str) -> None:
    assert detect_format(shared(relative)) == EXPECTED_FORMAT[relative.rsplit(".", 1)[1]]


def test_detect_format_reads_content_not_names() -> None:
    assert detect_format(b'\n  [{"RecallNumber": "1"}]') == "cpsc_json"
    assert detect_format(codecs.BOM_UTF8 + b'{"source": "ACCC"}\n') == "generic_ndjson"
    assert detect_format(b"source,recall_id,title\n") == "generic_csv"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (gzip.compress(b"[]"), "gzip"),
        (b"PK\x03\x04rest-of-a-zip", "ZIP"),
        (b"\x00\x01\x02binary", "binary"),
        (b"<?xml version='1.0'?><recalls/>", "XML"),
    ],
)
def test_detect_format_refuses_what_is_not_a_recall_list(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        detect_format(data)


# -- every shared file --------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", SHARED_FILES)
def test_every_shared_file_parses_without_rejections(relative: str) -> None:
    result = parse(shared(relative))
    assert result.read > 0
    assert result.rejected == 0, result.errors[:3]
    assert len(result.records) == result.read
    for recall in result.records:
        assert recall.source and recall.recall_id and recall.title
        assert all(len(g) == 14 and g.isdigit() for g in recall.gtins + recall.unchecked_gtins)


def test_shared_cpsc_file_yields_models_and_upcs() -> None:
    result = parse(shared("cpsc_api/cpsc_recalls.json"))
    assert len(result.records) == 956
    with_models = [r for r in result.records if r.models]
    assert len(with_models) > 450
    # Recall 21022 (Alliance Outdoor Products): both UPCs, and the models of the free text.
    alliance = by_id(result, "21022")
    assert alliance.gtins == ["00816153011219", "00816153011677"]
    # Recall 08346 lists 11-digit UPCs that lost a leading zero (and fail their check digit).
    assert "00075396312292" in by_id(result, "08346").unchecked_gtins
    # Recall 26798: the model only in the product name (Description is empty).
    assert "LTD-SM23" in by_id(result, "26798").models


def test_bluestar_raw_response() -> None:
    result = parse(shared("cpsc_api/gsa_recalls_api_vcr_response_BlueStar_2018-09-26.json"))
    assert [r.recall_id for r in result.records] == ["18218", "13117", "03525"]
    bluestar = by_id(result, "18218")
    assert {"RCS304BV2", "RCS366BV2"} <= set(bluestar.models)
    assert bluestar.source == "CPSC"
    assert bluestar.published == "2018-09-11"
    assert bluestar.url.startswith("https://www.cpsc.gov/Recalls/2018/")
    assert bluestar.brands[:3] == ["Prizer-Painter Stove Works", "BlueStar", "Big Chill"]
    assert bluestar.remedy.endswith("free repair.; Repair")  # Remedies[].Name, then RemedyOptions
    assert bluestar.jurisdictions == []
    assert bluestar.other_texts == [], "a long press release is not matching text"
    assert by_id(result, "03525").category == "Candles & Candle Holders"


# -- the CPSC API format, on the real slice -------------------------------------------------------


@pytest.fixture(scope="module")
def cpsc_slice():
    return parse((DATA / "cpsc_slice.json").read_bytes(), "cpsc")


def test_cpsc_slice_maps_fields(cpsc_slice) -> None:
    assert cpsc_slice.format == "cpsc_json"
    assert cpsc_slice.read == 10 and len(cpsc_slice.records) == 10
    benches = by_id(cpsc_slice, "16742")
    assert benches.models[:4] == ["16060", "16061", "16062", "16063"]
    sleep = by_id(cpsc_slice, "26798")
    assert sleep.title.startswith("Love To Dream Recalls Portable Sleep Machines")
    assert "Love To Dream" in sleep.brands
    assert sleep.published == "2026-09-24"
    assert sleep.hazard.startswith("The lithium-ion battery")


def test_cpsc_model_field_entries_that_the_text_shows_are_scope_are_dropped(cpsc_slice) -> None:
    # Recall 97051's Model field lists "20207": the CPSC's own zip code in the press release.
    giant = by_id(cpsc_slice, "97051")
    assert "20207" not in giant.models
    assert "CFM-3" in giant.models
    assert any(w.recall_id == "97051" and "20207" in w.reason for w in cpsc_slice.warnings)
    # Recall 26051's Model field lists batch codes; they are not models.
    knog = by_id(cpsc_slice, "26051")
    assert "0124AA" not in knog.models


def test_cpsc_short_description_is_other_text(cpsc_slice) -> None:
    sleep_free = by_id(cpsc_slice, "16742")
    assert sleep_free.other_texts and sleep_free.other_texts[0].startswith("This recall involves")


def test_cpsc_upcs_11_digits_malformed_and_typos() -> None:
    result = parse((DATA / "hostile_upcs.json").read_bytes())
    assert len(result.records) == 1, "a malformed UPC does not cost the record"
    recall = result.records[0]
    assert recall.gtins == ["00816153011219", "00083321545504"]  # 83321545504 lost its leading zero
    assert recall.unchecked_gtins == ["00816153011678"]  # a check-digit typo, still matched digit for digit
    assert [(e.field, e.rejected) for e in result.errors] == [("ProductUPCs", False)]
    assert "UPC-816153" in result.errors[0].reason and result.errors[0].recall_id == "21022"
    assert any("816153011678" in w.reason and "check digit" in w.reason for w in result.warnings)
    assert result.rejected == 0


def test_cpsc_swapped_title_is_replaced_by_the_url_title() -> None:
    result = parse((DATA / "hostile_swapped_title.json").read_bytes())
    recall = result.records[0]
    assert recall.title == "Cybex International Recalls Decline Free Weight Benches"
    assert "Lezyne" not in recall.title
    assert any(w.field == "Title" for w in result.warnings)


def test_cpsc_title_sharing_words_with_a_garbled_slug_is_kept() -> None:
    # Recall 96152's slug is a press-release header, not a title: keep the real title.
    item = {
        "RecallNumber": "96152",
        "Title": "Baseball Catchers' Helmet Faceguard Recalled by Irwin Sports",
        "URL": "https://www.cpsc.gov/Recalls/1996/FOR-IMMEDIATE-RELEASE-CONTACT-Hannah-Simone-",
    }
    recall = parse(json.dumps([item]).encode()).records[0]
    assert recall.title == item["Title"]


def test_cpsc_recall_number_falls_back_to_recall_id_with_a_warning() -> None:
    items = [
        {"RecallNumber": "", "RecallID": 8395, "Title": "Gas Ranges Recalled"},
        {"RecallNumber": None, "RecallID": None, "Title": "No identity"},
        {"RecallNumber": 18218, "Title": "Numeric RecallNumber"},
    ]
    result = parse(json.dumps(items).encode())
    assert [r.recall_id for r in result.records] == ["8395", "18218"]
    assert [(e.position, e.field) for e in result.errors] == [(2, "RecallNumber")]
    assert any(w.position == 1 and "RecallID" in w.reason for w in result.warnings)


def test_cpsc_tolerates_nulls_and_odd_types() -> None:
    item = {
        "RecallNumber": "1",
        "Title": "T&amp;T Toys&#8482; Recalls Blocks",
        "Products": None,
        "Hazards": "x",
        "ProductUPCs": [None, {"UPC": 12}],
        "URL": "javascript:alert(1)",
        "RecallDate": "soon",
        "Manufacturers": [{"Name": None}],
        "Description": None,
    }
    result = parse(json.dumps([item, 5]).encode())
    recall = result.records[0]
    assert recall.title == "T&T Toys Recalls Blocks"
    assert recall.url == "" and recall.published == ""
    assert [(e.position, e.rejected) for e in result.errors] == [(1, False), (2, True)]


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("hostile_truncated.json", "invalid JSON at line"),
        ("hostile_single_object.json", "single JSON object"),
    ],
)
def test_cpsc_unreadable_files_are_format_errors(file: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse((DATA / file).read_bytes())


def test_a_json_array_of_generic_records_is_explained() -> None:
    data = json.dumps([{"source": "ACCC", "recall_id": "1", "title": "Kettle"}]).encode()
    with pytest.raises(FormatError, match="generic format is NDJSON"):
        parse(data)


# -- the generic format ----------------------------------------------------------------------------


def test_eu_slice_titles_brands_and_original_language_text() -> None:
    result = parse((DATA / "eu_safety_gate_slice.ndjson").read_bytes())
    assert result.format == "generic_ndjson" and result.rejected == 0
    sandals = by_id(result, "SR/02645/26")
    assert sandals.title == "Sandals (Free monday)"
    assert sandals.product_names == ["Sandals"]
    assert sandals.brands == ["Free monday"]
    # The original wording is the name the product is sold under, in the country's language.
    assert sandals.market_names == ["Sandales Femme en cuir beige"] and sandals.other_texts == []
    assert sandals.jurisdictions == ["EU"]
    assert sandals.source == "EU Safety Gate"
    vozol = next(r for r in result.records if "Vozol" in r.title)
    assert vozol.market_names == ["Gear Ice & Sweet 50K Puffs"]  # entities read
    assert "50K" not in vozol.models  # a puff count, not a model
    lights = next(r for r in result.records if r.title.startswith("Lighting chain"))
    assert lights.brands == [], "'nincs' is Hungarian for none"
    stromer = next(r for r in result.records if "Stromer" in r.title)
    assert stromer.models == ["ST3", "ST5", "ST7"]
    assert stromer.market_names == ["ST3", "ST5", "ST7"]


def test_an_eu_titles_original_wording_is_names_or_a_description() -> None:
    def record(original: str) -> Recall:
        title = f"Soft toy (Tarvo) · {original}"
        data = json.dumps({"source": "EU Safety Gate", "recall_id": "SR/1", "title": title}).encode()
        (recall,) = parse(data).records
        return recall

    named = record("Vexo 3 / QX3 (LA), Marrow [PEPPER] etc.")
    assert named.market_names == ["Vexo 3", "QX3", "Marrow"] and named.other_texts == []
    described = record("Peluche en forme de canard avec son et lumière pour enfants")
    assert described.market_names == [] and described.other_texts == [
        "Peluche en forme de canard avec son et lumière pour enfants"
    ]


def test_uk_csv_slice_models_from_titles() -> None:
    result = parse((DATA / "uk_opss_slice.csv").read_bytes(), "uk_opss")
    assert result.format == "generic_csv" and result.read == 5 and result.rejected == 0
    assert by_id(result, "2609-0156").models == ["A1"]
    assert by_id(result, "2608-0190").models == ["CZ-8520"]
    assert by_id(result, "2609-0028").models == ["D-9373"]
    assert by_id(result, "2609-0229").jurisdictions == ["GB"]


def test_priority_csv_brand_sentences_and_models_field() -> None:
    result = parse(shared("priority/cpsc_priority_2026-09.csv"))
    assert by_id(result, "26798").models == ["LTD-SM23", "7W15TN"]
    assert by_id(result, "26794").brands == ["Dongguan Meiying Sen Smart Home"]
    assert by_id(result, "26794").jurisdictions == ["US"]


def test_latin1_csv_is_decoded_not_rejected() -> None:
    data = (DATA / "hostile_latin1.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse(data)
    assert result.read == 4 and result.rejected == 0
    assert result.encoding != "utf-8"
    assert any("cp1252" in w.reason for w in result.warnings)
    dye = by_id(result, "A12/00121/23")
    assert dye.brands == ["Renée Blanche"]
    assert dye.other_texts == ["per uomo crema colorante 3 N. Castano Scuro"]


def test_utf8_with_bom_and_utf16_csv() -> None:
    text = "source,recall_id,title,brand\nUK OPSS,1,Électrique kettle,Mölli\n"
    for data in (codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-16")):
        result = parse(data)
        assert result.records[0].title == "Électrique kettle"
        assert result.records[0].brands == ["Mölli"]
        assert result.warnings == []


def test_semicolon_csv_from_a_spreadsheet() -> None:
    data = b"source;recall_id;title;models\nACCC;2609;Kettle KX-100;KX-100|KX-200\n"
    result = parse(data)
    assert result.records[0].models == ["KX-100", "KX-200"]


def test_csv_missing_a_required_column_names_it() -> None:
    with pytest.raises(FormatError, match="recall_id"):
        parse((DATA / "hostile_missing_column.csv").read_bytes())


def test_generic_record_errors_name_the_field_and_position() -> None:
    result = parse((DATA / "hostile_mostly_invalid.ndjson").read_bytes())
    assert result.read == 6
    assert result.rejected == 3
    assert [(e.position, e.field) for e in result.errors] == [(2, "title"), (3, ""), (5, "title")]
    assert result.errors[0].recall_id and result.errors[0].line == 2
    assert "invalid JSON" in result.errors[1].reason


def test_generic_lists_in_ndjson_and_csv_and_gtins() -> None:
    lines = [
        {
            "source": "ACCC",
            "recall_id": "a",
            "title": "Kettle",
            "models": ["KX-100", "unknown", "-"],
            "gtins": "012345678905|4006381333932|bad",
            "brand": "n/a",
            "jurisdictions": "AU|NZ",
        },
        {
            "source": "ACCC",
            "recall_id": 7,
            "title": "Toaster",
            "gtins": ["12345678905"],
            "jurisdictions": ["AU", "Oz"],
        },
    ]
    result = parse("\n".join(json.dumps(x) for x in lines).encode())
    kettle, toaster = result.records
    assert kettle.models == ["KX-100"]
    assert kettle.gtins == ["00012345678905"] and kettle.unchecked_gtins == ["04006381333932"]
    assert kettle.brands == [] and kettle.jurisdictions == ["AU", "NZ"]
    assert [(e.position, e.field, e.rejected) for e in result.errors] == [(1, "gtins", False)]
    assert toaster.recall_id == "7" and toaster.gtins == ["00012345678905"]
    assert toaster.jurisdictions == ["AU"]
    assert any(w.position == 2 and "Oz" in w.reason for w in result.warnings)


def test_pretty_printed_single_object_is_not_ndjson() -> None:
    data = json.dumps({"source": "ACCC", "recall_id": "1", "title": "Kettle"}, indent=2).encode()
    with pytest.raises(FormatError, match="single JSON object"):
        parse(data)


def test_csv_row_with_extra_fields_is_rejected_not_misread() -> None:
    data = b"source,recall_id,title\nACCC,1,Kettle\nACCC,2,Kettle, white,extra\n"
    result = parse(data)
    assert [r.recall_id for r in result.records] == ["1"]
    assert result.errors[0].position == 2 and result.errors[0].line == 3


def test_extract_models_keeps_x_prefixed_models() -> None:
    # Recall 05518: "X0725" is a model, "x2" a multiplier.
    text = "Classic Sport Underlit Table Soccer game, models X0725, X0743 and X0761, sold x2"
    assert extract_models(text) == ["X0725", "X0743", "X0761"]


def test_flattened_table_header_does_not_make_the_first_row_a_serial_number():
    # CPSC 05501: the table "YEAR | MODEL | MODEL NUMBER | SERIAL NUMBER" flattened into text. The
    # first cell after the header is a model, not a value of the last column.
    text = "Recalled models are listed in this table: YEAR MODEL MODEL NUMBER SERIAL NUMBER 2004MX Z™ 800 HO"
    assert "2004MX" in extract_models(text)
    assert scope_only_codes(text) == set()
    # In prose, a serial-number cue still marks what follows as scope.
    assert scope_only_codes("Serial numbers 1505000 through 1710999 are affected") == {"1505000", "1710999"}


def test_a_marketplace_sellers_long_name_is_its_brand() -> None:
    # CPSC 26730: the manufacturer is a seven-word marketplace store, not a sentence.
    assert clean_firm("Nanjing Wu Hai Smart Home Appliance Store") == [
        "Nanjing Wu Hai Smart Home Appliance Store"
    ]
    assert clean_firm("This recall involves the dressers sold online by the firm and its partners") == []


# -- the CPSC array, read a recall at a time ---------------------------------------------------------

RECORD = '{"RecallNumber": "26001", "Title": "Velmora Trail Strollers Recalled"}'


@pytest.mark.parametrize(
    "text",
    [
        f"[{RECORD}]",
        f" \n[ {RECORD} ,\r\n\t{RECORD} ] \n",
        f"[{RECORD},null,[1,[2]],{RECORD}]",
    ],
)
def test_the_array_read_a_recall_at_a_time_reads_what_a_whole_parse_reads(text: str) -> None:
    result = parse(text.encode())
    assert result.read == len(json.loads(text))
    assert [r.recall_id for r in result.records] == ["26001"] * sum(
        isinstance(i, dict) for i in json.loads(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        f"[{RECORD},]",
        f"[{RECORD} {RECORD}]",
        f"[{RECORD}] x",
        f"[{RECORD}",
        f'[{RECORD},\n{{"RecallNumber": }}]',
    ],
)
def test_invalid_json_after_valid_recalls_refuses_the_whole_file_where_a_whole_parse_would(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as whole:
        json.loads(text)
    with pytest.raises(
        FormatError, match=f"invalid JSON at line {whole.value.lineno}, column {whole.value.colno}"
    ):
        parse(text.encode())


def test_a_text_without_a_digit_is_not_scanned_but_an_entity_may_hold_one() -> None:
    assert models_and_scope("Model Quillow night lights, serial numbers through Z") == ([], set())
    assert extract_models("Model FS lamps sold by Tarvo") == []
    # "&#49;" is a "1" once decoded: such a text is read whole.
    assert extract_models("Model FS &#51;&#49;0 lamps") == extract_models("Model FS 310 lamps") == ["FS 310"]


@pytest.mark.parametrize(
    ("title", "firms"),
    [
        ("CPSC, Tarvo Lamps Inc. Announce Recall of Desk Lamps", ["Tarvo Lamps"]),
        ("Injuries Prompt Quillo Gates LLC to Expand Recall of Baby Gates", ["Quillo Gates"]),
        ("Regulator ORDERS Quillo Gates LLC TO RECALL baby gates", ["Quillo Gates"]),
        ("Desk Lamps Replaced by Tarvo Lamps Co. Due to Fire Hazard", ["Tarvo Lamps"]),
        ("Desk Lamps; Sold Exclusively at Ostrand by Tarvo Lamps Inc.", ["Tarvo Lamps"]),
        ("Desk lamps with a loose shade", []),
    ],
)
def test_title_firm_patterns_still_run_on_titles_with_their_words(title: str, firms: list[str]) -> None:
    assert firms_from_title(title) == firms


def test_two_models_of_a_line_joined_by_and_are_not_two_brands() -> None:
    # "Tessel 10 and Tessel 13 touring bindings": two models of the line. Taken for brands, the
    # line's name was a brand word, so "Acme Tessel 13" named the maker twice and no product.
    assert brands_from_product_name("Tessel 10 and Tessel 13 alpine touring ski bindings") == []
    assert brands_from_product_name("Quorra 2012 QX and Vantor bicycles") == []
    assert brands_from_product_name("Harlow and Big Quorra gas ranges") == ["Harlow", "Big Quorra"]
    # The firm's brand and its line, and the line's other model: "Vexo" is no brand of its own.
    assert brands_from_product_name("QX Vexo and Vexo BC snowboard bindings") == []


def test_a_product_name_opening_with_the_firms_brand_names_its_line_not_another_brand() -> None:
    # "Tarvo Kolt and Quorra Pell pedals" of a notice made by Tarvo Components: "Tarvo Kolt" is
    # the firm's line. Taken for a brand, its "Kolt" was a brand word, and a listing naming
    # "Tarvo Kolt" named the brand twice and no product.
    item = {
        "RecallNumber": "90001",
        "Title": "Tarvo Kolt and Quorra Pell Bicycle Pedals Recalled Due to Fall Hazard; Made by Tarvo "
        "Components",
        "Products": [{"Name": "Tarvo Kolt and Quorra Pell DH bicycle pedals"}],
    }
    recall = parse(json.dumps([item]).encode()).records[0]
    assert recall.brands == ["Tarvo Components", "Quorra Pell DH"]
    # Only the firm's own first word says so: not a word of what the firm is ("Outdoor"), and not
    # against names the product name lists as brands.
    items = [
        {
            "RecallNumber": "90002",
            "Title": "Tents Recalled Due to Fall Hazard",
            "Manufacturers": [{"Name": "Tarvo Outdoor Products Inc."}],
            "Products": [{"Name": "Outdoor Vexo and Quorra Pell tents"}],
        },
        {
            "RecallNumber": "90003",
            "Title": "Helmets Recalled Due to Head Injury Hazard",
            "Manufacturers": [{"Name": "Vexo Group"}],
            "Products": [{"Name": "Tarvo, Quorra and Group Kolt Brand helmets"}],
        },
    ]
    tents, helmets = parse(json.dumps(items).encode()).records
    assert "Outdoor Vexo" in tents.brands
    assert "Group Kolt" in helmets.brands


def test_a_list_of_names_before_brand_is_a_list_of_brands() -> None:
    # "This recall involves Tarvo, Vexo, and Quorra brand ski touring bindings": three brands (as
    # lines, a listing naming one brand and another binding went to a person).
    text = "This recall involves Tarvo, Vexo, and Quorra brand ski touring bindings."
    assert brands_from_description(text) == ["Tarvo", "Vexo", "Quorra"]
    two = "This recall involves Tarvo and Vexo branded helmets."
    assert brands_from_description(two) == ["Vexo", "Tarvo"]


def test_two_model_years_joined_by_and_are_not_two_brands() -> None:
    # "2025 and 2026 Acme QX450 models …" names model years; "Harlow and Big Quorra gas ranges"
    # names two brands. A year taken for a brand made the model "QX450" one of its words.
    assert brands_from_product_name("2025 and 2026 Acme QX450 models Closed Course Motorcycles") == []
    assert brands_from_product_name("Harlow and Big Quorra gas ranges") == ["Harlow", "Big Quorra"]
    recall = parse(
        json.dumps(
            [
                {
                    "RecallNumber": "T-1",
                    "Title": "Acme Motorcycles Recalls Closed Course Motorcycles Due to Crash Hazard",
                    "Products": [{"Name": "2025 and 2026 Acme QX450 models Closed Course Motorcycles"}],
                    "Manufacturers": [{"Name": "Acme Motorcycles"}],
                }
            ]
        ).encode()
    ).records[0]
    assert "QX450" in recall.models


def test_a_generic_product_name_listing_brands_gives_them() -> None:
    # Health Canada files "Tarvo, Vexo, Quorra Home, and Marrow Brand Saunas" with no brand field:
    # the product name lists the brands. Two names before a type are not read so in this format
    # ("Tarvo Cross Country and Motocross motorcycles" names one brand's lines).
    saunas = "Tarvo, Vexo, Quorra Home, and Marrow Brand Saunas"
    motorcycles = "Tarvo Cross Country and Motocross motorcycles"
    lines = [
        {"source": "Health Canada", "recall_id": "HC-1", "title": f"{saunas} recalled due to fire hazard",
         "product_name": saunas, "jurisdictions": ["CA"]},
        {"source": "Health Canada", "recall_id": "HC-2", "title": motorcycles, "product_name": motorcycles,
         "jurisdictions": ["CA"]},
    ]  # fmt: skip
    result = parse("\n".join(json.dumps(line) for line in lines).encode())
    assert by_id(result, "HC-1").brands == ["Tarvo", "Vexo", "Quorra Home", "Marrow"]
    assert "Motocross" not in by_id(result, "HC-2").brands


def test_names_after_branded_are_the_brands_lines_not_brands() -> None:
    # "Quorra Recalls Tarvo-Branded Vexo ST and LT E-Bikes", product "Vexo ST and LT E-bikes with
    # …": two names joined by "and" read as brands, so the line's words were brand words and
    # "Tarvo Vexo ST" named no line. The title writes them after "-Branded": the brand's lines.
    recall = parse(
        json.dumps(
            [
                {
                    "RecallNumber": "T-2",
                    "Title": "Quorra Bicycle Components Recalls Tarvo-Branded Vexo ST and LT E-Bikes",
                    "Description": "This recall involves seat posts on Tarvo-branded Vexo ST e-bikes.",
                    "Products": [{"Name": "Vexo ST and LT E-bikes with telescopic seat posts"}],
                    "Manufacturers": [{"Name": "Quorra Bicycle Components"}],
                }
            ]
        ).encode()
    ).records[0]
    assert not {"Vexo ST", "LT E-bikes"} & set(recall.brands)
    assert "Quorra Bicycle Components" in recall.brands


def test_an_x_after_three_digits_ends_a_model_number_not_a_magnification() -> None:
    # "Tarvo QX 3000X Power Stations": the notice's model, which a listing's "Tarvo QX 1500X"
    # contradicts; "10X" and "2x" stay a magnification and a multiplier.
    assert extract_models("Tarvo QX 3000X Portable Power Stations") == ["3000X"]
    assert extract_models("Vexo 10X pocket magnifier, sold in packs of 2x") == []


# -- what regulators' files hold besides what they mean -----------------------------------------------


def test_a_model_field_lists_its_models_however_the_regulator_wrote_the_list() -> None:
    """A recalled model lost from its field's list is a recalled product screened as `allow`."""
    assert clean_model_field(["QX5655, QX5455, and QX5515"]) == ["QX5655", "QX5455", "QX5515"]
    assert clean_model_field(["LM-300 or LM-400", "GH-100 &amp; GH-200"]) == [
        "LM-300",
        "LM-400",
        "GH-100",
        "GH-200",
    ]
    assert clean_model_field(["AB-100<br>AB-200<br/>AB-300", "CD-100\r\nCD-200"]) == [
        "AB-100",
        "AB-200",
        "AB-300",
        "CD-100",
        "CD-200",
    ]
    assert clean_model_field(["EF-100 EF-200", "12731 12732"]) == ["EF-100", "EF-200", "12731", "12732"]
    # Full-width letters and digits are the ASCII ones; marks nobody sees are no part of a model.
    assert clean_model_field(["ＫＴ－４４０", "\u200fTV-123\u200e", "\u200bZR-9"]) == [
        "KT-440",
        "TV-123",
        "ZR-9",
    ]
    # One model number written with a space, or with a word of its own, stays one.
    assert clean_model_field(["KT 440", "Q5 Plus", "0 47406 11012 4"]) == [
        "KT 440",
        "Q5 Plus",
        "0 47406 11012 4",
    ]


def test_a_cpsc_recall_number_and_model_are_read_without_marks_nobody_sees() -> None:
    item = {
        "RecallNumber": "\u202e26002\u0000",
        "Title": "Tarvo Kettles Recalled Due to Burn Hazard",
        "Products": [{"Name": "Tarvo kettles", "Model": "\u0000KT-440\u200e and KT-450"}],
    }
    (recall,) = parse(json.dumps([item]).encode()).records
    assert recall.recall_id == "26002"
    assert recall.models[:2] == ["KT-440", "KT-450"]


def test_a_raw_line_separator_inside_an_ndjson_string_is_text_not_a_line_end() -> None:
    """JSON strings may hold U+2028, U+2029 and U+0085 unescaped; only a line feed or a carriage
    return ends a line of NDJSON."""
    lines = [
        {"source": "ACCC", "recall_id": str(n), "title": f"Tarvo kettle{sep}model {n}"}
        for n, sep in enumerate(["\u2028", "\u2029", "\u0085", " "], start=1)
    ]
    data = ("\r\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n").encode()
    result = parse(data)
    assert [r.recall_id for r in result.records] == ["1", "2", "3", "4"]
    assert not result.errors


def test_nan_and_infinity_are_no_json_values() -> None:
    """Python's decoder reads them by default: a recall id "nan" would be a recall nobody issued,
    and a second one a duplicate of it."""
    data = (
        b'{"source":"ACCC","recall_id":NaN,"title":"Kettle"}\n'
        b'{"source":"ACCC","recall_id":"2","title":"Kettle"}\n'
    )
    result = parse(data)
    assert [r.recall_id for r in result.records] == ["2"]
    assert "NaN is not a JSON value" in result.errors[0].reason
    cpsc = b'[{"RecallNumber": "26001", "Title": "Kettles Recalled", "RecallID": Infinity}]'
    with pytest.raises(FormatError, match="Infinity is not a JSON value"):
        parse(cpsc)


def test_a_csv_quote_never_closed_refuses_the_file_and_a_stray_quote_does_not() -> None:
    """The csv module reads a quote left open to the end of the file: the recalls after it would
    be lost into one cell, their models given to the recall before them."""
    rows = ["source,recall_id,title,models", *(f"ACCC,{n},Tarvo kettle {n},KT-{n}" for n in range(1, 8))]
    rows[4] = 'ACCC,4,"Tarvo kettle 4,KT-4'
    with pytest.raises(FormatError, match="line 5: a quoted field opened on this line is never closed"):
        parse(("\n".join(rows) + "\n").encode())
    stray = (
        'source,recall_id,title,description\nACCC,1,Tarvo "Deluxe" kettle,"two\nlines"\n'
        'ACCC,2,"Tarvo "odd" kettle",x\n'
    )
    result = parse(stray.encode())
    assert [r.recall_id for r in result.records] == ["1", "2"] and not result.errors


def test_text_in_angle_brackets_is_the_notices_and_html_tags_are_not() -> None:
    data = json.dumps(
        {
            "source": "ACCC",
            "recall_id": "1",
            "title": "<b>Tarvo</b> magnet sets<br/>",
            "description": "Sold for ages <14 with magnets >0.5 inch; see <model QX-200> <!-- note -->",
        }
    ).encode()
    (recall,) = parse(data).records
    assert recall.title == "Tarvo magnet sets"
    assert recall.other_texts == ["Sold for ages <14 with magnets >0.5 inch; see <model QX-200>"]
    assert "QX-200" in recall.models


def test_a_json_object_wrapping_its_records_is_named_for_what_it_is() -> None:
    """An export that holds its records under a key was read as one recall missing its id and
    title ("1 of 1 records invalid"): the report now says what the file is and what to send."""
    wrapped = {"source": "Tarvo recall database", "count": 2, "recalls": [{"id": 1}, {"id": 2}]}
    with pytest.raises(FormatError, match="holding its records under 'recalls'"):
        parse(json.dumps(wrapped).encode())
    envelope = {"success": {"results": [{"RecallID": 1, "Title": "Kettles"}]}}  # an API's, one level down
    with pytest.raises(FormatError, match=r"holding its records under 'success\.results'"):
        parse(json.dumps(envelope).encode())
    # A recall that holds a list of objects, and a category rule, are read as themselves.
    recall = {"source": "ACCC", "recall_id": "1", "title": "Kettle", "extra": [{"a": 1}]}
    assert [r.recall_id for r in parse(json.dumps(recall).encode()).records] == ["1"]
    # A recall missing its title, with objects in a field's lists, is a bad record, not an envelope.
    untitled = {"source": "ACCC", "recall_id": "1", "details": {"products": [{"a": 1}]}}
    second = {"source": "ACCC", "recall_id": "2", "title": "Kettle"}
    result = parse((json.dumps(untitled) + "\n" + json.dumps(second) + "\n").encode())
    assert [r.recall_id for r in result.records] == ["2"] and result.errors[0].field == "title"


def test_a_key_given_twice_in_a_record_is_told_in_the_report() -> None:
    """JSON keeps a repeated key's last value: a record that gave "models" twice lost its first
    list, and an alias beside its name ("model" and "models") lost one of them, with no word in
    the report. Each now warns, naming the key and the recall; the record is read as before."""
    ndjson = (
        b'{"source":"ACCC","recall_id":"1","title":"Tarvo kettle","models":["KT-1"],"models":["KT-2"]}\n'
        b'{"source":"ACCC","recall_id":"2","title":"Tarvo toaster","model":"TT-1","models":["TT-2"],'
        b'"gtin":"012345678905","gtins":"012345678905"}\n'
    )
    result = parse(ndjson)
    assert [(r.recall_id, r.models) for r in result.records] == [("1", ["KT-2"]), ("2", ["TT-1"])]
    assert [(w.position, w.recall_id, w.field, w.reason) for w in result.warnings] == [
        (1, "1", "models", "given twice in one object: its last value was read"),
        (2, "2", "models", "another name for 'models': the first value given was read"),
    ]  # the GTIN given twice alike loses nothing: no warning
    cpsc = (
        b'[{"RecallNumber":"26001","Title":"Tarvo Recalls Kettles","Products":[{"Name":"Kettle",'
        b'"Model":"KT-1","Model":"KT-2"}]},{"RecallNumber":"26002","Title":"Tarvo Recalls Toasters",'
        b'"Products":[{"Name":"Toaster","Model":"TT-1","Model":"TT-1"}]}]'
    )
    result = parse(cpsc)
    assert [r.recall_id for r in result.records] == ["26001", "26002"]
    twice = [(w.position, w.recall_id, w.field) for w in result.warnings if "given twice" in w.reason]
    assert twice == [(1, "26001", "Model")]


def test_a_name_the_notice_quotes_is_a_name_the_product_is_sold_under() -> None:
    """A notice often quotes the product's market name in its title or product name: that is
    what sellers write, whatever else the sentence says. An abbreviation opening brackets names
    the firm, and inch marks quote nothing."""
    cpsc = json.dumps(
        [
            {
                "RecallNumber": "26001",
                "Title": 'Tarvo Recreational Products ("TRP") Recalls "Zephyr" Bicycles',
                "Products": [{"Name": 'Tarvo "Zephyr," "Zephyr Pro" and 20"x24" frame bicycles'}],
            }
        ]
    ).encode()
    (recall,) = parse(cpsc).records
    assert recall.market_names == ["Zephyr", "Zephyr Pro"]
    generic = json.dumps({"source": "ACCC", "recall_id": "1", "title": "Quorra “Vexo 3” stroller"}).encode()
    (recall,) = parse(generic).records
    assert recall.market_names == ["Vexo 3"]


def test_a_name_in_brackets_after_a_model_number_is_the_name_that_model_is_sold_under() -> None:
    """'models 9014 (Vexo Pro), 9331 (Tarvo Glide)': sellers write the names, not the numbers. A
    year's bracket or a size's is no name, nor a code in brackets."""
    description = (
        "The recalled models include: Tarvo trainer models 9014 (Vexo Pro), 9331 (The Glide), "
        "8266 (ZH998-22) and QX5 (Large), sold in 2019 (Spring)."
    )
    (recall,) = parse(_cpsc_notice("Tarvo Recalls Trainers", description)).records
    assert recall.market_names == ["Vexo Pro", "Glide"]


def _cpsc_notice(title: str, description: str) -> bytes:
    """A CPSC file of one notice, its title and description."""
    return json.dumps([{"RecallNumber": "26001", "Title": title, "Description": description}]).encode()


def test_the_numbered_models_a_notice_lists_are_names_the_product_is_sold_under() -> None:
    """'The recalled lanterns include the following models: …': the models a number singles out,
    and their siblings, are what sellers write, though they share no word with the notice's other
    names; the list's sizes and what it is of are not."""
    description = (
        "This recall involves Kellor camping lanterns. The recalled lanterns include the following "
        "models: Quorra 300, Quorra 500, Quorra Mini, Extra Large and QX-300."
    )
    cpsc = _cpsc_notice("Kellor Recalls Camping Lanterns", description)
    generic = json.dumps(
        {"source": "ACCC", "recall_id": "1", "title": "Kellor camping lanterns", "description": description}
    ).encode()
    for data in (cpsc, generic):
        (recall,) = parse(data).records
        assert recall.market_names == ["Quorra 300", "Quorra 500", "Quorra Mini"]


def _kettles_ndjson(count: int) -> bytes:
    return b"".join(
        json.dumps({"source": "ACCC", "recall_id": str(n), "title": f"Tarvo kettle {n}"}).encode() + b"\n"
        for n in range(1, count + 1)
    )


@pytest.mark.parametrize("cut", [-5, -30, -45])
def test_an_ndjson_export_cut_off_mid_record_is_refused_whole(cut: int) -> None:
    """A file cut in its last record (an upload or an export stopped early) lost the recalls after
    the cut: read as one bad record, under the invalid share, it would go live and silently stop
    screening them. Cut in a string, between fields, or after a key."""
    data = _kettles_ndjson(8)[:cut]
    with pytest.raises(FormatError, match="line 8, its last, stops before its JSON closes"):
        parse(data)
    with pytest.raises(FormatError, match="truncated export"):
        parse(iter([data[:100], data[100:]]))


def test_a_malformed_ndjson_line_is_a_bad_record_where_the_file_is_whole() -> None:
    """Only a last line without a line end whose JSON stops before closing is a cut: a bad line
    in the middle, a bad last line that ends, or a last line malformed in its middle stays one
    rejected record."""
    lines = _kettles_ndjson(4).decode().splitlines()
    middle = "\n".join([lines[0], lines[1][:-10], *lines[2:]]) + "\n"
    assert [r.recall_id for r in parse(middle.encode()).records] == ["1", "3", "4"]
    ends = "\n".join([*lines[:3], lines[3][:-10]]) + "\n"
    assert [r.recall_id for r in parse(ends.encode()).records] == ["1", "2", "3"]
    broken_inside = "\n".join([*lines[:3], lines[3].replace(":", "", 1)])
    result = parse(broken_inside.encode())
    assert [r.recall_id for r in result.records] == ["1", "2", "3"] and len(result.errors) == 1


def test_a_csv_export_cut_off_mid_row_is_refused_whole() -> None:
    rows = [
        "source,recall_id,title,hazard,url",
        *(f"ACCC,{n},Tarvo kettle {n},burns,https://x/{n}" for n in range(1, 6)),
    ]
    data = "\n".join(rows).encode()
    with pytest.raises(FormatError, match="line 6, its last, has 4 of the header's 5 fields and no line end"):
        parse(data[: data.rindex(b",")])
    with pytest.raises(FormatError, match="truncated export"):
        parse(data[: data.rindex(b",") - 3] + b'"Tarvo')


def test_csv_rows_shorter_than_the_header_are_read_and_told() -> None:
    """A row with fewer fields than the header, not the file's cut-off end: its last columns read
    as empty, and the report says which lines."""
    data = b"source,recall_id,title,hazard\nACCC,1,Tarvo kettle,burns\nACCC,2,Vexo kettle\nACCC,3,Quorra\n"
    result = parse(data)
    assert [r.recall_id for r in result.records] == ["1", "2", "3"]
    assert any("2 row(s) with fewer fields than the header (line 3, 4)" in w.reason for w in result.warnings)


def test_a_field_cut_to_its_limit_is_told_in_the_report() -> None:
    """The index keeps a title of 1,000 characters and a hazard of 5,000: a longer one was cut
    with no word to the regulator, who could not tell what the marketplace screens on."""
    record = {
        "source": "ACCC",
        "recall_id": "1",
        "title": "Tarvo kettle " + "x" * 5_000,
        "hazard": "burns " * 1_000,
    }
    result = parse((json.dumps(record) + "\n").encode())
    assert len(result.records[0].title) == 1_000
    told = {(w.field, w.reason) for w in result.warnings}
    assert told == {
        ("title", "longer than 1,000 characters: cut there"),
        ("hazard", "longer than 5,000 characters: cut there"),
    }
    cpsc = [
        {
            "RecallNumber": "26001",
            "Title": "Kettles Recalled " + "y" * 1_000,
            "Products": [{"Name": "Kettle"}],
        }
    ]
    assert [w.field for w in parse(json.dumps(cpsc).encode()).warnings] == ["Title"]
    short = {
        "source": "ACCC",
        "recall_id": "1",
        "title": "Tarvo kettle",
        "hazard": "&amp;" * 1_500,
    }  # 7,500 raw, 1,500 read
    assert not parse((json.dumps(short) + "\n").encode()).warnings


@pytest.mark.parametrize(
    "tail", ['"flag": fal', '"n": 1.', '"n": -', '"t": "\\u00'], ids=["literal", "number", "sign", "escape"]
)
def test_an_ndjson_record_cut_in_a_literal_a_number_or_an_escape_is_a_cut_too(tail: str) -> None:
    data = _kettles_ndjson(3) + ('{"source": "ACCC", "recall_id": "4", ' + tail).encode()
    with pytest.raises(FormatError, match="truncated export"):
        parse(data)


def test_csv_rows_an_exporter_wrote_short_are_not_a_cut() -> None:
    """Some exporters leave off a row's empty trailing fields, the last row's too, with no line end
    after it; a header may end in a delimiter, naming no column. Those files are whole: only a
    last row short of a required field, or short after rows that were all whole, is a cut."""
    every_row = b"source,recall_id,title,hazard,url\nACCC,1,Tarvo kettle\nACCC,2,Vexo kettle"
    assert [r.recall_id for r in parse(every_row).records] == ["1", "2"]
    one_row = b"source,recall_id,title,hazard,url\r\nACCC,2,Vexo kettle"
    assert [r.recall_id for r in parse(one_row).records] == ["2"]
    unnamed = parse(b"source,recall_id,title,\nACCC,1,Tarvo\nACCC,2,Vexo")
    assert [r.recall_id for r in unnamed.records] == ["1", "2"] and not unnamed.warnings
    with pytest.raises(FormatError, match="truncated export"):
        parse(b"source,recall_id,title\nACCC,1,Tarvo\nACC")  # no title: cut
