"""The rules that read real market text (issue 9): a notice's scope read from its own words, the
model of a line a listing must name, and the listing that shows it is outside the scope.

The notices here are written for the tests in the shapes real notices take (the shared files hold
the real ones); no rule below names a brand or a product."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from recall_screen import analysis, notice_names, out_of_scope, scoring
from recall_screen.analysis import (
    _designations,
    _maker_stated,
    _parts,
    _without_sale_tail,
    _years_written_whole,
    accessory_cue,
    analyse,
)
from recall_screen.artifact import _named_by_sellers
from recall_screen.index import RecallIndex
from recall_screen.lexicon import measure_like
from recall_screen.listing_specs import quantities
from recall_screen.models import Decision, Listing, Recall, Verdict
from recall_screen.out_of_scope import _run_together
from recall_screen.parsers import parse
from recall_screen.parsers.modelnums import clean_model_field, extract_models
from recall_screen.policy import Policy
from recall_screen.profile import Profile, enumerated_products, name_variants, profile_of, variant_keys
from recall_screen.scope import (
    aliased_names,
    involved,
    involved_names,
    listing_years,
    not_covered,
    read_scope,
)
from recall_screen.scoring import _a_line_s_type, piled_on_weight
from recall_screen.screening import Screener
from recall_screen.text import fold, name_tokens, thousands_other_way


def cpsc(recall_id: str, title: str, description: str = "", **fields: object) -> Recall:
    scope = read_scope(title, *fields.get("product_names", []), description)  # type: ignore[misc]
    return Recall(
        source="CPSC",
        recall_id=recall_id,
        title=title,
        other_texts=[description] if description else [],
        lines=list(scope.lines),
        market_names=list(scope.named_models),
        model_years=list(scope.model_years),
        partial_scope=list(scope.partial),
        models=scope.with_codes(list(fields.pop("models", []))),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


RECALLS = [
    cpsc(
        "R-LINES",
        "Zephyrmotion Recalls Glideboard Electric Skateboards Due to Crash Hazard",
        "This recall involves all models of Zephyrmotion Glideboard electric skateboards, including "
        "Glideboard (original), Glideboard+, Glideboard+ XR, Glideboard Nib and Glideboard Nib X.",
        brands=["Zephyrmotion"],
        product_names=["Glideboard Electric Skateboards (all models)"],
    ),
    cpsc(
        "R-CODES",
        "Strideloop Recalls Outdoor Elliptical Cycles Due to Fall Hazard",
        "The Strideloop 3C, 8C and 11R models are outdoor elliptical cycles used by adults.",
        brands=["Strideloop"],
        product_names=["Strideloop outdoor elliptical cycles"],
    ),
    cpsc(
        "R-SIBLING",
        "Quillon Recalls Marrow Ridge X Speed Electric Bicycles Due to Fall Hazard",
        brands=["Quillon"],
        product_names=["Quillon Marrow Ridge X Speed Electric Bicycles"],
    ),
    cpsc(
        "R-NUMBERED",
        "Vantry Bicycles Recalls Pellion 9 Electric Bicycles Due to Fire Hazard",
        "This recall involves 2022 Vantry Pellion 9 model electric bicycles.",
        brands=["Vantry Bicycles"],
        product_names=["Pellion 9 Electric Bicycles"],
    ),
    cpsc(
        "R-PLUS",
        "Orvane Recalls Original Series Cadence+ Exercise Bikes Due to Fall Hazard",
        "Only units with serial numbers beginning with T are included.",
        brands=["Orvane"],
        product_names=["Orvane Cadence+ Exercise Bikes"],
    ),
    cpsc(
        "R-IMPORTER",
        "Marlow Watersports Recalls Quessa Second Stage Scuba Regulators Due to Drowning Hazard",
        "This recall involves Quessa model XR4 second stage scuba regulators.",
        brands=["Marlow Watersports"],
        product_names=["Quessa Second Stage Scuba Regulators"],
        models=["XR4"],
    ),
    cpsc(
        "R-FORKS",
        "Kestrow Recalls Forks on Kestrow Lumo SL Electric Bicycles Due to Fall Hazard",
        brands=["Kestrow"],
        product_names=["Kestrow Lumo SL Electric Bicycles", "Kestrow Lumo SL 4.0 & 5.0 Bicycle Forks"],
    ),
    cpsc(
        "R-DECIMAL",
        "Stridewell Recalls Tresko 10.0 Treadmills Due to Fall Hazard",
        brands=["Stridewell"],
        product_names=["Stridewell Tresko 10.0 Treadmills"],
    ),
    cpsc(
        "R-MODELS",
        "Corlen Fitness Recalls Treadmills Due to Fall Hazard",
        "This recall involves Corlen treadmills with model numbers TX616 and TX618.",
        brands=["Corlen"],
        product_names=["Corlen Treadmills"],
        models=["TX616", "TX618"],
    ),
    cpsc(
        "R-LINE-NAME",
        "Tandem Works Recalls Zorbit Folding Bicycles Due to Fall Hazard",
        "The bicycles were assembled at the Brindlemoor works.",
        brands=["Tandem Works"],
        product_names=["Zorbit Folding Bicycles"],
    ),
    cpsc(
        "R-FAMILY-1",
        "Harrowgate Recalls Velmo Trail Electric Bicycles Due to Fire Hazard",
        brands=["Harrowgate Cycles"],
        product_names=["Velmo Trail Electric Bicycles"],
    ),
    cpsc(
        "R-FAMILY-2",
        "Harrowgate Recalls Velmo Road Electric Bicycles Due to Fall Hazard",
        brands=["Harrowgate Cycles"],
        product_names=["Velmo Road Electric Bicycles"],
    ),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(RecallIndex.build(RECALLS))


def eu(recall_id: str, title: str, product: str, brand: str, description: str = "") -> Recall:
    """An EU Safety Gate record as the generic format writes it, parsed as a drop's would be."""
    record = {"source": "EU Safety Gate", "recall_id": recall_id, "title": title, "product_name": product}
    if description:
        record["description"] = description
    (recall,) = parse(json.dumps({**record, "brand": brand, "jurisdictions": ["EU"]}).encode()).records
    return recall


def from_api(
    recall_id: str, title: str, description: str, *, product: str = "", model: str = "", maker: str = ""
) -> Recall:
    """A CPSC notice in the Recall Retrieval API's shape, parsed as a drop's would be: its brand,
    lines and scope are what the parser and the profile read, not given as `cpsc` gives them."""
    item: dict[str, object] = {"RecallNumber": recall_id, "Title": title, "Description": description}
    if product:
        item["Products"] = [{"Name": product, "Model": model} if model else {"Name": product}]
    if maker:
        item["Manufacturers"] = [{"Name": maker}]
    (recall,) = parse(json.dumps([item]).encode()).records
    return recall


def lines_of(recall: Recall) -> list[str]:
    """The lines the notice's profile holds: those the parser read, and those its description says
    the recall involves."""
    return [value for field_name, value, _ in profile_of(recall).texts if field_name == "lines"]


def profile_in(index: RecallIndex, recall_id: str) -> Profile:
    """A CPSC notice's profile as the index holds it, its words weighted against the others'."""
    position = index.position_of("CPSC", recall_id)
    assert position is not None, recall_id
    return index.profile(position)


def screener_with(*extra: Recall) -> Screener:
    """A screener over the module's notices and `extra`, for a test's own notices."""
    return Screener(RecallIndex.build([*RECALLS, *extra]))


_OTHER_FIRMS = "Brantly Coven Delmar Espen Farrow Galen Hollis Ivers Jessop Kellan Lowry Marden".split()


def other_firms(count: int, product: str) -> list[Recall]:
    """`count` other firms' notices of `product`: its words become common, the index larger."""
    return [
        cpsc(f"R-OTHER-{n}", f"{maker} Recalls {product}", brands=[maker])
        for n, maker in enumerate(_OTHER_FIRMS[:count])
    ]


def screen(screener: Screener, title: str) -> Decision:
    return screener.screen(Listing(listing_id="L-1", title=title, ship_to="US"))


def verdict_for(decision: Decision, recall_id: str) -> Verdict:
    return next((m.verdict for m in decision.matches if m.recall_id == recall_id), Verdict.ALLOW)


def notes_for(decision: Decision, recall_id: str) -> list[str]:
    return [note for m in decision.matches if m.recall_id == recall_id for note in m.notes]


def assert_read_as_the_notices(screener: Screener, recall_id: str, titles: tuple[str, ...]) -> None:
    """Each title is flagged for the recall, and none read as another variant of its line."""
    for title in titles:
        decision = screen(screener, title)
        assert verdict_for(decision, recall_id) is not Verdict.ALLOW, title
        assert not any("another variant" in n for n in notes_for(decision, recall_id)), title


def assert_another_variant(screener: Screener, recall_id: str, titles: tuple[str, ...]) -> None:
    """Each title is read as another variant of the recall's line."""
    for title in titles:
        assert any("another variant" in n for n in notes_for(screen(screener, title), recall_id)), title


def hit_methods(index: RecallIndex, title: str) -> dict[str, str]:
    """How the listing's words were read: each recall word it found, by the method that found it."""
    view = analyse(Listing(listing_id="L", title=title), index, Policy())
    return {word: hit.method for word, hit in view.hits.items()}


def test_a_notice_enumerating_its_lines_and_codes_in_the_description() -> None:
    scope = read_scope(RECALLS[0].other_texts[0])
    assert scope.lines == (
        "Glideboard",
        "Glideboard+",
        "Glideboard+ XR",
        "Glideboard Nib",
        "Glideboard Nib X",
    )
    assert read_scope(RECALLS[1].other_texts[0]).codes == ("3C", "8C", "11R")


def test_an_enumeration_headed_by_its_model_year_lists_names_with_decimal_points() -> None:
    # "include the following models: Model Year 2012: Tarvo 7.2 FX, 7.3 FX, AND 7.5 FX; …": the
    # year heads the list, a decimal point ends no sentence, and "AND" parts the items as "and".
    text = (
        "The bicycles affected by this recall include the following models: Model Year 2012: "
        "Tarvo 7.2 FX, 7.3 FX, AND 7.5 FX; Kolt bicycle models: WSD and Disc models."
    )
    scope = read_scope(text)
    assert scope.lines[:3] == ("Tarvo 7.2 FX", "7.3 FX", "7.5 FX")
    assert scope.model_years == (2012,)
    # A count of the units sold is no product the notice names.
    assert read_scope("Tarvo Recalls Dumbbells; Including 3.7 Million Sold by Kolt Inc.").lines == ()
    # A year heads each of several lists; capitals inside a name part nothing.
    groups = read_scope(
        "The recall includes the following models: Model Year 2012: Tarvo 7.2 FX, 7.3 FX; Model Year "
        "2013: Tarvo 7.4 FX and 7.6 FX."
    )
    assert groups.lines == ("Tarvo 7.2 FX", "7.3 FX", "Tarvo 7.4 FX", "7.6 FX")
    assert groups.model_years == (2012, 2013)
    names = read_scope(
        "This recall involves Tarvo tents, including the Peek And Play Tent and the HIDE AND SEEK Tent."
    )
    assert names.lines == ("the Peek And Play Tent", "the HIDE AND SEEK Tent")
    recall = cpsc(
        "R-HEADED",
        "Bicycles Recalled by Tarvo Due to Fall Hazard",
        text,
        brands=["Tarvo"],
        product_names=["Tarvo 2012 FX and Kolt bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    decision = screener.screen(Listing(listing_id="L-1", title="7.3 FX 2012", brand="Tarvo", ship_to="US"))
    assert verdict_for(decision, "R-HEADED") is Verdict.BLOCK
    # Another number of the listed line is another model, though the name that matches it best
    # is the notice's title ("Bicycles").
    decision = screen(screener, "Tarvo 7.6 FX Bike 2012")
    assert verdict_for(decision, "R-HEADED") is Verdict.ALLOW
    assert any("the notice's lines number it 7.2, 7.3, 7.5" in n for n in notes_for(decision, "R-HEADED"))
    assert verdict_for(screen(screener, "Tarvo 7.5 FX Bike 2012"), "R-HEADED") is Verdict.BLOCK


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("This recall involves model years 2021 and 2022 scooters", (2021, 2022)),
        ("2011 Model Year Quessa bicycles", (2011,)),
        ("model year 2019-2021 golf cars", (2019, 2020, 2021)),
        ("This recall involves 2014 Tarvo bicycles", (2014,)),
        # What a recall includes or covers is what it involves.
        ("The recall includes 2012 and 2013 Tarvo QX5 bicycles equipped with aero bars", (2012, 2013)),
        ("This recall covers 2019 Tarvo scooters", (2019,)),
        ("The kit includes 2016 Tarvo batteries", ()),  # what a product includes is no scope
        # The models of a year the sentence says the recall takes in; not a line's number.
        ("The 2013 models included in the recall are: Kolt 600 and Vexo 800", (2013,)),
        ("The Tarvo 2000 models included in the recall are blue", ()),
        # The year before the name of what a list that follows is of.
        ("This recall involves QL bars on the following 2009 Tarvo bicycles: Quessa, Vexo SL", (2009,)),
        ("This recall involves following 2011 Tarvo golf cars.", (2011,)),
        # A count or a series before its unit, no year: "2000 Series", "2000 Watt", "2000 Units".
        ("This recall involves the following 2000 Series Tarvo faucets", ()),
        ("This recall involves the following 2000 Watt Tarvo heaters", ()),
        ("The following 2000 Units were sold at Tarvo stores", ()),
        ("sold from January 2019 through March 2020", ()),  # dates of sale are not model years
        # Each year's colours in brackets, and a comma before the last "and", leave the run going;
        # a year in the brackets is not the product's.
        (
            "This recall involves Tarvo girls' bicycles model QX220 and model years 2005 (light blue), "
            "2006 (silver and pink), and 2007 (pink or black)",
            (2005, 2006, 2007),
        ),
        ("model years 2024, 2025, and 2026 scooters", (2024, 2025, 2026)),
        # A range of years before "model years" is every year of it.
        ("Tarvo bicycles with a Vexo fork from the 2015 through 2017 model years", (2015, 2016, 2017)),
        ("Tarvo scooters of the 2020 to 2021 model years", (2020, 2021)),
        ("model years 2019 (sold from 2021) bikes", (2019,)),
        # A run's later year written short, with its apostrophe or without.
        ("Tarvo Ferrel bicycles, model years 2019 to '21.", (2019, 2020, 2021)),
        ("Tarvo Ferrel bicycles, model years 2018 through ’20", (2018, 2019, 2020)),
        # A range inside a longer list is every year of it too: a year the list leaves out by
        # reading only the range's ends would let that year's units through as "another year".
        ("belts fitted to Tarvo Model Year 2011 and 2013-2016 Kolt UTVs", (2011, 2013, 2014, 2015, 2016)),
        ("Tarvo bicycles from the 2012, 2014 through 2016 model years", (2012, 2014, 2015, 2016)),
        ("This recall involves 2015-2016 and 2018-2020 Tarvo Q bicycles", (2015, 2016, 2018, 2019, 2020)),
        ("Tarvo QX trail bikes, MY 2020-2021-2022", (2020, 2021, 2022)),
        ("Tarvo QX trail bikes, MY2012–MY2014", (2012, 2013, 2014)),
        ("Tarvo QX trail bikes MY12-MY14", (2012, 2013, 2014)),
        # A comma before the last "and" of years before "model years", as after them.
        ("Tarvo bicycles from the 2011, 2012, and 2013 model years", (2011, 2012, 2013)),
        # An older release's sentence of what is recalled: the year before each product's name.
        ("Tarvo Inc. is voluntarily recalling about 4,000 Tarvo 1999 Vexo and Vexo Sport bicycles", (1999,)),
        (
            "Tarvo is recalling 3,585 forks on 1995 Vexo mountain bikes and 52,868 handlebars on all "
            "models of 1994 Kolt mountain bikes",
            (1994, 1995),
        ),
        ("Tarvo is recalling 2000 Vexo helmets", ()),  # a count
        ("Tarvo is recalling about 2000 Vexo helmets", ()),
        ("Tarvo is recalling helmets sold at Kolt Stores from May 1999 To June 2000", ()),
        ("Tarvo is recalling 1,200 forks on Marvo 2009 Kolt bikes", (2009,)),  # a brand, no month
        # A number that is part of a name, a date, or no count of units first: no model year.
        ("Tarvo Inc. is recalling about 12,000 Vexo 2000 Series space heaters", ()),
        ("Tarvo Corp. is recalling about 8,000 Kolt Model 2000 Blenders", ()),
        ("Tarvo is recalling 3,000 Quorra strollers sold at Halden Stores since Spring 2019 For $200", ()),
        ("Tarvo is recalling Vexo 1999 Kolt bikes", ()),
    ],
)
def test_model_years_are_the_products_not_the_dates_of_sale(text: str, years: tuple[int, ...]) -> None:
    assert read_scope(text).model_years == years


def test_model_years_without_an_end_are_a_one_sided_bound() -> None:
    # "2013 and later" is every year from it on: the first alone would put the later units outside
    # the recall, and none at all would put the earlier ones in.
    later = tuple(range(2013, 2050))
    assert (
        read_scope("This recall involves Tarvo QX bicycles, model year 2013 and later.").model_years == later
    )
    assert read_scope("This recall involves 2013 and newer Tarvo QX bicycles").model_years == later
    assert (
        read_scope("This recall involves Tarvo QX bicycles made since the 2013 model year").model_years
        == later
    )
    through = read_scope("This recall involves Tarvo QX bicycles of model years 2013 through present")
    assert through.model_years == later
    after = read_scope("This recall involves Tarvo QX bicycles made after the 2012 model year")
    assert after.model_years == later
    # "… and earlier", "prior to …": the twenty years up to it (or before it).
    earlier = read_scope("This recall involves Tarvo QX youth ATVs, model years 2012 and earlier.")
    assert earlier.model_years == tuple(range(1992, 2013))
    prior = read_scope("This recall involves Tarvo QX youth ATVs made prior to the 2013 model year.")
    assert prior.model_years == tuple(range(1993, 2013))
    # Years of what the maker did with later units are no scope.
    redesigned = read_scope(
        "This recall involves model years 2011 and 2012 Tarvo QX bicycles. Bicycles from model year "
        "2013 and later have a redesigned fork."
    )
    assert redesigned.model_years == (2011, 2012)


def test_a_notice_of_years_without_an_end_covers_its_run_and_no_other_year() -> None:
    screener = screener_with(
        cpsc(
            "R-LATER",
            "Tarvo Recalls Ferrel Bicycles Due to Fall Hazard",
            "This recall involves Tarvo Ferrel bicycles, model year 2013 and later.",
            brands=["Tarvo"],
            product_names=["Tarvo Ferrel Bicycles"],
        ),
    )
    assert verdict_for(screen(screener, "2016 Tarvo Ferrel bicycle"), "R-LATER") is Verdict.BLOCK
    before = screen(screener, "2011 Tarvo Ferrel bicycle")
    assert verdict_for(before, "R-LATER") is Verdict.ALLOW
    # The note gives the run by its ends.
    assert any("the recall covers 2013 on" in n for n in notes_for(before, "R-LATER"))


def test_a_year_inside_a_range_of_a_longer_list_is_never_another_model_year() -> None:
    # The notice's list opens with a lone year, then a range: the range's middle years are recalled.
    screener = screener_with(
        cpsc(
            "R-YEAR-LIST",
            "Tarvo Recalls Ferrel Bicycles Due to Fall Hazard",
            "This recall involves Tarvo Ferrel bicycles from the 2015, 2017 through 2019 model years.",
            brands=["Tarvo"],
            product_names=["Tarvo Ferrel Bicycles"],
        ),
    )
    assert verdict_for(screen(screener, "2018 Tarvo Ferrel bicycle"), "R-YEAR-LIST") is Verdict.BLOCK
    assert verdict_for(screen(screener, "2016 Tarvo Ferrel bicycle"), "R-YEAR-LIST") is Verdict.ALLOW


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("units with serial numbers beginning with T", "serial numbers"),
        ("batch codes 0124AA, 0423AA and 0523AA", "batch or lot codes"),
        ("heaters manufactured before January 2023", "manufacture dates"),
        ("helmets manufactured prior to March 2021", "manufacture dates"),
        ("units made between 1/2019 and 6/2020", "manufacture dates"),
        ("mini bikes manufactured during November 2014", "manufacture dates"),
        ("This recall involves all Quorra electric bicycles sold prior to April 20, 2022", "sale dates"),
        ("inline skates purchased since September 2009", "sale dates"),
        ("golf carts sold from May 2020 through June 2022", "sale dates"),
        ("folding chairs sold between 3/2025 and 5/2025", "sale dates"),
        ("2nd Generation Brevik Twinmotor+ electric skateboards", "generation"),
        ("the Tarrow Gen 2 kick scooter", "generation"),
        ("This recall involves Quorra e-scooters with certain serial numbers", "serial numbers"),
        ("Vehicles with the following models and serial numbers are included", "serial numbers"),
        ("Only products with serial numbers listed in the table below are recalled", "serial numbers"),
        # the units' own codes after their word, or the range they fall in
        ("Carabiners with batch number between 10451 and 10520 are included", "batch or lot codes"),
        ("The harnesses bear batch code numbers 310507, 320507 and 330507.", "batch or lot codes"),
        ("The carabiners are marked with batch codes QQA, QQB or QQC.", "batch or lot codes"),
        ("The seats have a lot number beginning in the letter D.", "batch or lot codes"),
        ("Lot codes L2301 to L2310 are included.", "batch or lot codes"),
        ("This recall involves dirt bikes with VIN numbers beginning with QX9.", "serial numbers"),
        ("The recalled bicycles have frame numbers TV2301001 to TV2304500.", "serial numbers"),
        ("This recall involves Kellor helmets with production date 202305.", "manufacture dates"),
        ("The seat has a manufacture date of 11/04.", "manufacture dates"),
        ("bicycles and frames with serial numbers higher than R123400", "serial numbers"),
        ("model numbers and serial numbers affected by this recall are online", "serial numbers"),
        ("catalog number 4826-20 with a serial break identified with an A", "serial numbers"),
        ("unit types listed below, within limited serial range", "serial numbers"),
        ("Vexo sauna blankets, model number 3006, with serial number QX1234567890", "serial numbers"),
        ("Only scooters with the letters WY as the seventh letter in the serial number", "serial numbers"),
        ("This recall involves certain Tarvo Vexo Race bicycle tires in the size 28-622", "some units only"),
        ("The recall includes certain Quorra Vexo 2 units", "some units only"),
        ("This recall involves select Tarvo Vexo and Kolt bicycles", "some units only"),
        # a range or list of the maker's codes
        ("The cams have manufacturing codes from 2210 to 2475.", "manufacturing codes"),
        ("lanyard sets with manufacturing codes between 4410 and 4460", "manufacturing codes"),
        ("Stems with production codes 03 11 through 27 12 are included.", "manufacturing codes"),
        ("The recalled cams have manufacturing codes: 2210 to 2475.", "manufacturing codes"),
        ("The following manufacturing codes are included: 2210, 2211 and 2218.", "manufacturing codes"),
        ("all Tarvo rowers installed from March 2014 through June 2015", "installation dates"),
        ("Tarvo heaters installed during 2019", "installation dates"),
        ("Tarvo valves installed since January 2012", "installation dates"),
        ("Tarvo heaters installed between 2015 and 2017 in homes", "installation dates"),
        # a motor vehicle's record, the truck in British English
        ("Lorry (Tarvo) · Vexo Haulmax", "vehicle build dates or VINs"),
    ],
)
def test_qualifiers_that_cover_only_some_units(text: str, kind: str) -> None:
    assert kind in read_scope(text).partial


@pytest.mark.parametrize(
    "text",
    [
        "The gloves have the words Made in Vietnam on the heel",
        "road bicycles made from aluminum and carbon fiber",
        "The bicycle was produced in Matte Black and Chartreuse",
        "The vases were made from marble and glass",
        "These pedals were sold after market through online retailers and bicycle shops",
        "The chairs were sold at Tarvo stores from January 2019 through March 2020",
        "The model and serial numbers are printed on a label on the frame",
        "The serial number is under the bar code that is under the model number",
        "Consumers will need their model and serial number to register",
        # where to find a code
        "The batch code is printed on the bottom of the bottle.",
        "Batch codes are located on the back label.",
        "The VIN is located on the frame below the seat.",
        "The VIN is located on the frame between the handlebars.",
        "The production date is printed on a label inside the helmet.",
        "The lot number can be found on the carton.",
        "The manufacturing code is printed on a sewn-in label.",
        "Production codes are stamped on the end of the stem.",
        "The manufacturing code of each helmet is printed inside the shell.",
        "The production code is 4 digits long.",
        "All manufacturing codes are included.",
        "This recall involves Select Quorra adjustable beds.",  # a brand's word, capitalised
        "The battery packs installed in Tarvo scooters can overheat.",
        "The fans are installed between 7 and 10 feet above the floor.",
        "Replacement doors will be installed from March 2025.",
        "The gates should be installed after 2 years of age.",
        "The rails are installed between 2000 and 2400 mm above the floor.",
        "Doors are installed from March 2025 at no cost.",
        "Units installed before may have a loose valve.",
        "Please select models from the menu.",
        "Each kit includes select accessories.",
        "Lorry loader crane toys",
        # a motor vehicle's type names the record's product only before its brand or the "·"
        "Lorry",
        "Remove the lot number from the bottom of the box.",
    ],
)
def test_where_or_of_what_a_product_is_made_covers_every_unit(text: str) -> None:
    # Only a date after "made", "manufactured" or "produced" limits the recall to some units, and
    # one after "sold" or "purchased" (not after "sold at" a store: when the recall's units were
    # on sale); where a serial number, a VIN or a batch code is printed says nothing of which
    # units are recalled.
    assert read_scope(text).partial == ()


def test_years_before_model_year_are_not_model_codes() -> None:
    # "2019 and 2020 model year" names the years, not two models "2019" and "2020".
    scope = read_scope("The prior recall involved 2019 and 2020 model year Sirrow and Sirrow X bicycles.")
    assert scope.codes == ()
    assert scope.model_years == (2019, 2020)
    assert read_scope("The 3C, 8C and 11R models are outdoor elliptical cycles.").codes == ("3C", "8C", "11R")


def test_a_sellers_year_is_not_a_model_year() -> None:
    assert listing_years("2018 Tarvo Quessa 29") == (2018,)
    assert listing_years("2024 New Fuel Containers Great Gift") == ()
    assert listing_years("Fuel containers for 2024") == ()
    # A year that ends the title, after the product's name, is the model year sellers add.
    assert listing_years("Apollo City 2023") == (2023,)
    assert listing_years("Kestrow Hybrid Bike 2014") == (2014,)
    assert listing_years("Calendar holder since 2019") == ()
    # One inside the title, after the brand and the line and before a word, as bicycles are sold;
    # not a rating, nor the year of what an accessory fits.
    assert listing_years("Tarvo Kolt 2024 Electric Bike") == (2024,)
    assert listing_years("Tarvo Kolt E-Bike 2022 Step-Through") == (2022,)
    assert listing_years("Tarvo Kolt 2000 Watt Heater") == ()
    assert listing_years("Seat Cover for 2022 Tarvo Kolt Bike") == ()
    # The year of the unit's history (bought, serviced, a gift) or of the sale is not its model
    # year: read as one, it would put a recalled unit outside the notice's years.
    assert listing_years("Tarvo Kolt bicycle purchased 2019") == ()
    assert listing_years("Tarvo Kolt bike tuned up 2021") == ()
    assert listing_years("Tarvo Kolt Used - Receipt 2020") == ()
    assert listing_years("Tarvo Kolt bicycle gift 2018 barely ridden") == ()
    assert listing_years("Tarvo Kolt bicycle Christmas 2018 gift barely ridden") == ()
    assert listing_years("Tarvo Kolt bike - bought new 2018") == ()
    assert listing_years("2023 Clearance Tarvo Kolt bicycle") == ()
    assert listing_years("Used 2019 Tarvo Kolt") == (2019,)
    # Not a name's words ("Pop Up", "Run Only"), nor an edition's holiday.
    assert listing_years("Tarvo Kolt Pop Up 2012") == (2012,)
    assert listing_years("Tarvo Kolt Limited Run Only 2013") == (2013,)
    assert listing_years("2016 Holiday Edition Tarvo Kolt snow globe") == (2016,)
    assert listing_years("Tarvo Kolt snow globe Christmas 2014") == (2014,)
    # A range opening the title is each of its years, not its first; two digits apart from the
    # year are a size or a count ("2014 - 16 inch").
    assert listing_years("2017-2018 Tarvo Kolt ATV") == (2017, 2018)
    assert listing_years("2017/18 Tarvo Kolt ATV") == (2017, 2018)
    assert listing_years("2014 - 16 inch Tarvo Kolt kids bicycle") == (2014,)


def test_a_year_of_the_units_history_does_not_take_it_out_of_the_notices_years() -> None:
    screener = screener_with(
        cpsc(
            "R-HISTORY",
            "Tarvo Recalls Ferrel Bicycles Due to Fall Hazard",
            "This recall involves Tarvo Ferrel bicycles from the 2015 through 2017 model years.",
            brands=["Tarvo"],
            product_names=["Tarvo Ferrel Bicycles"],
        ),
    )
    bought = screen(screener, "Tarvo Ferrel bicycle purchased 2019")
    assert verdict_for(bought, "R-HISTORY") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "2019 Tarvo Ferrel bicycle"), "R-HISTORY") is Verdict.ALLOW


def test_the_words_that_single_out_a_model_of_its_line() -> None:
    assert name_variants("Pellion 9 Electric Bicycles")[0] == {"9"}
    assert name_variants("Orvane Cadence+ Exercise Bikes")[0] == {"PLUS"}
    assert name_variants("8.2 Million Food Jars")[0] == frozenset()  # a count, not a model
    assert name_variants("Mainstays 9-Drawer Dressers")[0] == frozenset()  # a size


def test_a_line_the_notice_names_only_in_its_description_is_caught(screener: Screener) -> None:
    decision = screen(screener, "Glideboard Nib X - Powder Blue")
    assert verdict_for(decision, "R-LINES") is not Verdict.ALLOW


def test_a_code_the_notice_enumerates_with_the_brand_is_caught(screener: Screener) -> None:
    # The brand and one of the notice's short codes, and nothing else: the notice accounts for
    # every word, so it blocks; a word the notice does not account for leaves it to a person.
    assert verdict_for(screen(screener, "Strideloop 8c"), "R-CODES") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Strideloop 8c Harbourline"), "R-CODES") is Verdict.REVIEW


def test_a_sibling_naming_another_variant_of_the_line_is_allowed_with_the_reason(screener: Screener) -> None:
    decision = screen(screener, "Quillon Marrow Ridge X 1")
    assert verdict_for(decision, "R-SIBLING") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Quillon Marrow Ridge X Speed"), "R-SIBLING") is not Verdict.ALLOW
    notes = notes_for(decision, "R-SIBLING")
    assert any("another variant of the line" in n and "'1'" in n for n in notes)


def test_a_short_model_with_the_products_own_rare_name_is_the_product(screener: Screener) -> None:
    # The notice files the product under its importer; sellers name the maker and the model.
    assert verdict_for(screen(screener, "Quessa XR4"), "R-IMPORTER") is not Verdict.ALLOW
    # The same short model without the name is another product's, and so is the name alone.
    assert verdict_for(screen(screener, "Wexford Cam XR4"), "R-IMPORTER") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Quessa dive mask"), "R-IMPORTER") is Verdict.ALLOW


def test_a_variant_another_of_the_products_names_gives_is_the_notices_own(screener: Screener) -> None:
    assert verdict_for(screen(screener, "Kestrow Lumo SL 5.0 e-bike"), "R-FORKS") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Kestrow Lumo SL 6.0 e-bike"), "R-FORKS") is Verdict.ALLOW


def test_a_decimal_whose_point_became_a_space_is_the_same_variant(screener: Screener) -> None:
    assert verdict_for(screen(screener, "Stridewell Tresko 10 0 treadmil"), "R-DECIMAL") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Stridewell Tresko 8 0 treadmill"), "R-DECIMAL") is Verdict.ALLOW


def test_the_line_without_the_model_the_notice_names_is_not_enough(screener: Screener) -> None:
    assert verdict_for(screen(screener, "Vantry Pellion E-Bike"), "R-NUMBERED") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Vantry Pellion 9 e-bike"), "R-NUMBERED") is not Verdict.ALLOW


def test_another_model_year_is_outside_the_scope(screener: Screener) -> None:
    assert verdict_for(screen(screener, "2024 Vantry Pellion 9 e-bike"), "R-NUMBERED") is Verdict.ALLOW
    inside = screen(screener, "2022 Vantry Pellion 9 e-bike")
    assert verdict_for(inside, "R-NUMBERED") is not Verdict.ALLOW


def test_the_notices_own_unit_code_settles_its_scope_and_another_is_outside_it() -> None:
    # The notice lists the lots it covers; a seller who states the lot says which unit it is.
    screener = screener_with(
        from_api(
            "R-LOTS",
            "Quillon Recalls Hand Sanitizer Due to Methanol",
            "This recall involves Quillon Clean hand sanitizer in 8 oz bottles with lot numbers L2301, "
            "L2302 and L2303 printed on the bottom of the bottle.",
            product="Quillon Clean Hand Sanitizer",
            maker="Quillon",
        ),
        from_api(
            "R-BATCHES",
            "Tessaly Recalls Baby Bottles Due to Choking Hazard",
            "This recall involves Tessaly Sip 250 ml baby bottles, model TS-250, batch numbers 2403A, 2403B "
            "and 2404A. The teat can detach.",
            product="Tessaly Sip Baby Bottles",
            maker="Tessaly",
            model="TS-250",
        ),
    )
    # The names alone cannot show the lot: a person checks.
    assert verdict_for(screen(screener, "Quillon Clean hand sanitizer 8 oz"), "R-LOTS") is Verdict.REVIEW
    for lot in ("8 oz lot L2302", ", Lot No. L2303"):
        title = f"Quillon Clean hand sanitizer {lot}"
        decision = screen(screener, title)
        assert verdict_for(decision, "R-LOTS") is Verdict.BLOCK, title
        assert any("own unit code ('L230" in note for note in notes_for(decision, "R-LOTS")), title
    outside = screen(screener, "Quillon Clean hand sanitizer 8 oz lot L2410")
    assert verdict_for(outside, "R-LOTS") is Verdict.ALLOW
    assert any("the listing's unit is 'l2410'" in note for note in notes_for(outside, "R-LOTS"))
    # A count ("Lot of 2"), or a lot written unlike the notice's, says nothing of the unit.
    for title in ("Quillon Clean hand sanitizer 8 oz Lot of 2", "Quillon Clean hand sanitizer 8 oz lot 12"):
        assert verdict_for(screen(screener, title), "R-LOTS") is Verdict.REVIEW, title
    # The notice's batch number after "batch no." is its unit's, no other model than the notice's.
    assert verdict_for(screen(screener, "Tessaly Sip TS-250 baby bottle batch no. 2404A"), "R-BATCHES") is (
        Verdict.BLOCK
    )
    assert verdict_for(screen(screener, "Tessaly Sip TS-250 baby bottle batch 2511C"), "R-BATCHES") is (
        Verdict.ALLOW
    )
    # A batch number of digits after its cue is the unit's, no variant of the line; a number alone
    # after "lot" (an auction's, a range's serial) never rules a unit out.
    digits = from_api(
        "R-DIGIT-BATCHES",
        "Tesvane Recalls Munch Snack Cups Due to Choking Hazard",
        "This recall involves Tesvane Munch toddler snack cups with batch numbers 2311 and 2312.",
        product="Tesvane Munch Toddler Snack Cups",
        maker="Tesvane",
    )
    cups = screener_with(digits)
    assert verdict_for(screen(cups, "Tesvane Munch Toddler Snack Cup Batch 2311"), "R-DIGIT-BATCHES") is (
        Verdict.BLOCK
    )
    assert verdict_for(screen(cups, "Tesvane Munch Toddler Snack Cup, Lot 4512"), "R-DIGIT-BATCHES") is (
        Verdict.REVIEW
    )
    # Its groups written apart are the unit's code still, no variant: the unit may be the notice's.
    grouped = from_api(
        "R-GROUPED-BATCHES",
        "Tesvane Recalls Formula Pitchers Due to Choking Hazard",
        "This recall involves Tesvane formula pitchers with batch numbers 24A117 and 24A118, and "
        "batch codes 22/0915 to 22/1130.",
        product="Tesvane Formula Pitchers",
        maker="Tesvane",
    )
    pitchers = screener_with(grouped)
    for title in ("Tesvane Formula Pitcher batch 24 A118", "Tesvane Formula Pitcher lot 22/1001"):
        decision = screen(pitchers, title)
        assert verdict_for(decision, "R-GROUPED-BATCHES") is not Verdict.ALLOW, title
        assert not any("another variant" in n for n in notes_for(decision, "R-GROUPED-BATCHES")), title
    # A version after the code is none of its groups.
    for title in ("Tesvane Formula Pitcher batch 0423 V3", "Tesvane Formula Pitcher lot 22 Mk2"):
        decision = screen(pitchers, title)
        assert any("another variant" in n for n in notes_for(decision, "R-GROUPED-BATCHES")), title
    # A batch code stamped as a date, read apart, holds a year and short numbers: no unit's code a
    # listing's year or size could be taken for.
    dated = from_api("R-DATED", "Tessaly Recalls Forks", "Forks of batch codes 2011 02 21 and 2011 04 11.")
    assert dated.unit_codes and not profile_of(dated).unit_codes


def test_a_plus_is_the_whole_difference_from_the_sibling(screener: Screener) -> None:
    plus = screen(screener, "Orvane Cadence+ Exercise Bike")
    assert verdict_for(plus, "R-PLUS") is Verdict.REVIEW  # serial numbers: the listing cannot show them
    assert any("only some units" in r or "R-PLUS" in r for r in plus.reasons)
    assert verdict_for(screen(screener, "Orvane Cadence Exercise Bike"), "R-PLUS") is Verdict.ALLOW
    # Hyphened to the name, it is the same "+".
    assert verdict_for(screen(screener, "Orvane Cadence-Plus Exercise Bike"), "R-PLUS") is Verdict.REVIEW
    # So it is set apart from the name's word or run into it, as sellers type it; "+" set apart
    # after another word joins two items, and the comma is no "+".
    for title in ("Orvane Cadence + Exercise Bike", "Orvane CadencePlus exercise bike"):
        assert verdict_for(screen(screener, title), "R-PLUS") is Verdict.REVIEW, title
    # Set apart before a word of no part of the name, it joins a bundle to the sibling.
    for title in (
        "Orvane Cadence Exercise Bike + Mat",
        "Orvane Cadence, Exercise Bike",
        "Orvane Cadence + Mat",
        "Orvane Cadence + Cycling Shoes",
    ):
        assert verdict_for(screen(screener, title), "R-PLUS") is Verdict.ALLOW, title


def test_a_partial_scope_never_blocks_on_names_alone() -> None:
    index = RecallIndex.build(RECALLS)
    view = analyse(Listing(listing_id="L", title="Orvane Cadence+ Exercise Bikes"), index, Policy())
    assert view.variants and view.variants[0].key == "PLUS"


def test_a_rare_line_name_with_another_of_the_notices_words_goes_to_a_person(screener: Screener) -> None:
    # Sellers name the line ("Zorbit") and the type, not the firm the notice is filed under.
    decision = screen(screener, "Zorbit bicycle")
    assert verdict_for(decision, "R-LINE-NAME") is Verdict.REVIEW
    assert any("names the product's line" in reason for reason in decision.reasons)
    # The line's name alone may name a whole range; words two notices share name a family.
    assert verdict_for(screen(screener, "Zorbit"), "R-LINE-NAME") is Verdict.ALLOW
    # A rare word of the description is no name of the product.
    assert verdict_for(screen(screener, "Brindlemoor works bicycles"), "R-LINE-NAME") is Verdict.ALLOW
    family = screen(screener, "Velmo e-bike")
    assert {verdict_for(family, "R-FAMILY-1"), verdict_for(family, "R-FAMILY-2")} == {Verdict.ALLOW}


def test_brand_and_type_alone_naming_another_model_do_not_go_to_review(screener: Screener) -> None:
    # The notice names its models; the listing names none of them and words of another model.
    decision = screen(screener, "Corlen Commercial Series Q9.12 Treadmill")
    assert verdict_for(decision, "R-MODELS") is Verdict.ALLOW
    notes = notes_for(decision, "R-MODELS")
    assert any("names its models (TX616, TX618)" in n for n in notes)
    # The notice's own name, or one of its models, still goes to a person or is blocked.
    assert verdict_for(screen(screener, "Corlen Treadmills"), "R-MODELS") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Corlen TX618 treadmill"), "R-MODELS") is Verdict.BLOCK


def test_the_brand_and_a_model_number_of_its_own_numbered_as_the_notice_s_are_another_model() -> None:
    # "Tarvo R2", "Tarvo P4X" against a notice of Tarvo's "R12, R16 and Q32" bicycles, filed as
    # "Bicycles" (its title's one word the firm's): the brand alone and a model number in the
    # maker's numbering that the notice does not list name another model of the maker. The
    # notice's own model, a version beside part numbers, or a bare number are not that.
    screener = screener_with(
        cpsc(
            "R-SHORT-CODES",
            "Tarvo Bicycles Recalls Bicycles Due to Fall Hazard",
            "The recall includes all 2009 Tarvo model R12, R16 and Q32 road bicycles.",
            brands=["Tarvo Bicycles"],
            product_names=["2009 Tarvo model R12, R16 and Q32 road bicycles"],
            models=["R12", "R16", "Q32"],
        ),
        cpsc(
            "R-PART-NUMBERS",
            "Vexo Bicycles Recalls Bicycles Due to Fall Hazard",
            "This recall involves all 2019 Vexo Quorra Carbon bicycles, part numbers ZT0465 and ZT0471.",
            brands=["Vexo Bicycles"],
            product_names=["Vexo Quorra Carbon bicycles"],
            models=["ZT0465", "ZT0471"],
        ),
    )
    for title in ("Tarvo R2", "The Tarvo P4X"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-SHORT-CODES") is Verdict.ALLOW, title
        notes = notes_for(decision, "R-SHORT-CODES")
        assert any("another model of the brand" in n and "(R12, R16, Q32)" in n for n in notes), notes
    assert verdict_for(screen(screener, "Tarvo R16"), "R-SHORT-CODES") is not Verdict.ALLOW
    # The notice's own model beside a size, or its own number slipped, is not another model.
    for title in ("Tarvo XL2 R16", "Tarvo R21", "Tarvo R1"):
        assert verdict_for(screen(screener, title), "R-SHORT-CODES") is not Verdict.ALLOW, title
    assert verdict_for(screen(screener, "Tarvo 2009"), "R-SHORT-CODES") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "2019 Vexo Quorra V.4"), "R-PART-NUMBERS") is not Verdict.ALLOW


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Each of the 24 LED lights includes two CR2032 lithium coin batteries.", ()),
        ("The sets are sold in black and include handles, weight plates and a tray.", ()),
        (
            "This recall includes the Velmo Trail and Velmo Road bicycles.",
            ("the Velmo Trail", "Velmo Road bicycles"),
        ),
        ("That includes the Tone 1, Tone 2 and Tone 3 models.", ("the Tone 1", "Tone 2", "Tone 3 models")),
    ],
)
def test_what_a_product_includes_is_its_parts_not_lines(text: str, lines: tuple[str, ...]) -> None:
    assert read_scope(text).lines == lines


def test_one_product_recalled_in_three_markets_is_one_product_where_the_listing_ships() -> None:
    # Three regulators recall the same speaker. A listing shipped to one market is that market's
    # notice alone: the other two cannot apply there, so they do not make its words a family's.
    name = "Trevana Audio Pindle (S) Portable Speakers"
    recalls = [
        Recall(source=source, recall_id=f"P-{n}", title=name, product_names=[name])
        for n, source in enumerate(("CPSC", "Health Canada", "UK OPSS"))
    ]
    listing = Listing(listing_id="L-1", title="Trevana Audio Pindle (S) Portable Speaker", ship_to="GB")
    decision = screener_with(*recalls).screen(listing)
    assert decision.decision is Verdict.BLOCK
    assert [m.recall_id for m in decision.matches if m.applicable] == ["P-2"]


def test_a_colour_hyphenated_onto_the_model_number_still_names_the_model() -> None:
    recall = cpsc(
        "R-SUFFIX",
        "Norvale Recalls Minifridges Due to Fire Hazard",
        brands=["Norvale"],
        product_names=["Norvale Minifridges"],
        models=["QFM4410"],
    )
    screener = screener_with(recall)
    decision = screen(screener, "Norvale QFM4410-BLACK 6-Can Retro Mini Fridge")
    assert verdict_for(decision, "R-SUFFIX") is Verdict.BLOCK
    evidence = next(m.evidence for m in decision.matches if m.recall_id == "R-SUFFIX")
    assert any(e.method == "model_exact" and e.recall_value == "QFM4410" for e in evidence)
    # A code that is not the notice's, colour or not, names no recalled model.
    assert verdict_for(screen(screener, "Norvale QFM4470-BLACK Mini Fridge"), "R-SUFFIX") is not Verdict.BLOCK


def test_a_version_letter_hyphenated_onto_the_model_number_still_names_the_model() -> None:
    # "QX 450-E" for "2025 and 2026 … QX450 models": the version's letter is the listing's, the
    # model the notice's, written as one code or with its letters apart.
    recall = cpsc(
        "R-VERSION",
        "Tarvo Motorcycles Recalls Closed Course Competition Motorcycles Due to Crash Hazard",
        brands=["Tarvo Motorcycles"],
        product_names=["2025 and 2026 Tarvo QX450 models Closed Course Competition Motorcycles"],
        models=["QX450"],
    )
    screener = screener_with(*other_firms(4, "Motorcycles"), recall)
    for title in ("Tarvo QX450-E", "2026 Tarvo QX 450-E", "Tarvo QX450-RC Enduro"):
        assert verdict_for(screen(screener, title), "R-VERSION") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Tarvo QX460-E"), "R-VERSION") is not Verdict.BLOCK
    # The years the name opens with are the notice's model years: another year is another product.
    assert verdict_for(screen(screener, "2019 Tarvo QX450-E"), "R-VERSION") is Verdict.ALLOW


def test_a_name_opening_with_years_opens_with_its_model_years() -> None:
    assert read_scope("2025 and 2026 Tarvo QX450 models Closed Course Bikes").model_years == (2025, 2026)
    assert read_scope("2018-2020 Quorra Marrow Mountain Bicycles").model_years == (2018, 2019, 2020)
    # A seller's date is not how a notice's name begins, nor a year before a word in lower case.
    assert read_scope("2024 New Quorra Marrow Bicycles").model_years == ()
    assert read_scope("2019 bicycles sold at Tessel stores").model_years == ()


def test_the_maker_a_notice_files_under_another_firm_is_the_products_brand() -> None:
    # The firm recalling is a parent company; sellers name the maker its product is sold under.
    recall = cpsc(
        "R-MAKER",
        "Harlan Sports Recalls Vireo Tallis Helmets Due to Risk of Head Injury",
        brands=["Harlan Sports"],
        product_names=["Vireo Tallis Bicycle Helmets"],
    )
    screener = screener_with(recall)
    assert verdict_for(screen(screener, "Vireo Tallis Spherical Bicycle Helmet"), "R-MAKER") is Verdict.BLOCK


def test_a_line_named_beside_the_notice_s_brand_is_no_maker_set_aside() -> None:
    # The firm's title names its line first ("Halden Recalls Kolt Ski Bindings"), a word read as a
    # maker's where a notice is filed under another firm. A listing naming the brand and that word
    # names the line, not the brand and the type alone: the models it does not give are no reason
    # to let it pass. Without the brand, the word may be the maker's, standing in for it. A first
    # word the description writes in lower case is the type's ("smoke" of "Smoke alarm"): beside
    # the brand, the listing still names the brand and the type alone.
    bindings = cpsc(
        "R-LINE-FIRST",
        "Halden Recalls Kolt Ski Bindings Due to Fall Hazard",
        "This recall involves Kolt 8 and Kolt 12 ski bindings sold in grey.",
        brands=["Halden"],
        product_names=["Kolt 8 and Kolt 12 touring ski bindings"],
        models=["KB-0812", "KB-0816"],
    )
    screener = screener_with(bindings, *other_firms(4, "Ski Bindings"))
    decision = screen(screener, "Halden Kolt Binding")
    assert verdict_for(decision, "R-LINE-FIRST") is Verdict.BLOCK
    assert not any("the listing gives none of them" in n for n in notes_for(decision, "R-LINE-FIRST"))
    alone = notes_for(screen(screener, "Kolt Binding"), "R-LINE-FIRST")
    assert any("the listing gives none of them" in n for n in alone), alone
    # Described in lower case, or not at all, the word may be the type's: not set aside as a line.
    for description in ("This recall involves white round smoke alarms with a ten-year battery.", ""):
        alarms = cpsc(
            "R-TYPE-FIRST",
            "Halden Recalls Alarms Due to Failure to Alert",
            description,
            brands=["Halden"],
            product_names=["Smoke alarm"],
            models=["HS-100"],
        )
        typed = screen(screener_with(alarms, *other_firms(4, "Carbon Monoxide Alarms")), "Halden Smoke Alarm")
        assert verdict_for(typed, "R-TYPE-FIRST") is Verdict.REVIEW, description
        assert any("the listing gives none of them" in n for n in notes_for(typed, "R-TYPE-FIRST"))


def test_the_sentence_saying_what_the_recall_involves_names_its_variants() -> None:
    recalls = [
        cpsc(
            "R-INVOLVES",
            "Tarvo Recalls Ferrel Bicycles Due to Fall Hazard",
            "This recall involves model year 2014 Tarvo Ferrel bicycles and 2015 Tarvo Ferrel 6 bicycles. "
            "The 2014 Tarvo Ferrel is black.",
            brands=["Tarvo"],
            product_names=["Tarvo Ferrel bicycles"],
        ),
        cpsc(
            "R-ALL",
            "Ostrand Group Recalls Ostrand Calder NEO Bicycles Due to Fall Hazard",
            "This recall involves all Ostrand Group Calder NEO bicycles. They were sold in many colors.",
            brands=["Ostrand Group"],
            product_names=["Calder NEO Bicycles"],
        ),
        cpsc(
            "R-ALL-OF-A-LINE",
            "Lindvane Recalls Rear Shock Absorbers Due to Crash Hazard",
            "This recall involves all model year 2024 Lindvane Orvex rear shock absorbers.",
            brands=["Lindvane"],
            product_names=["Lindvane Orvex Rear Shock Absorbers"],
        ),
    ]
    screener = screener_with(*other_firms(10, "Bicycle Helmets"), *recalls)
    assert verdict_for(screen(screener, "Tarvo Ferrel 6 Fat Bike"), "R-INVOLVES") is not Verdict.ALLOW
    decision = screen(screener, "Tarvo Ferrel 5")  # a variant the notice does not name
    assert verdict_for(decision, "R-INVOLVES") is Verdict.ALLOW
    assert any("another variant of the line" in n for m in decision.matches for n in m.notes)
    assert verdict_for(screen(screener, "Ostrand Calder Neo 1"), "R-ALL") is not Verdict.ALLOW
    # Every model of the Orvex line: not every product of the type its title names.
    assert verdict_for(screen(screener, "Lindvane Orvex Air Shock"), "R-ALL-OF-A-LINE") is not Verdict.ALLOW
    jaw_pad = screen(screener, "Brantly Helmet Jaw Shock Absorber Replacement")
    assert verdict_for(jaw_pad, "R-ALL-OF-A-LINE") is Verdict.ALLOW


@pytest.mark.parametrize(
    ("text", "subject", "all_models"),
    [
        (
            "This recall involves all models of Glideboard boards, including X.",
            "Glideboard boards, including X",
            True,
        ),
        ("The recalled bicycles are Mundo V4 cargo bikes. They are orange.", "Mundo V4 cargo bikes", False),
        # Said of the recall in other words, and with a regulator's slips.
        ("This recall is for the Tesvane Mini scooter.", "Tesvane Mini scooter", False),
        ("This recall applies to all Halden Quillon harnesses.", "Halden Quillon harnesses", True),
        ("The recall affects the heel pieces of Lindqor bindings.", "heel pieces of Lindqor bindings", False),
        ("This expanded recall involved Orvessa 3 bicycles.", "Orvessa 3 bicycles", False),
        ("This recalls involves Marrowby quick releases.", "Marrowby quick releases", False),
        (
            "This recall expansion involves Curtis 6-can minifridge model EF121.",
            "Curtis 6-can minifridge model EF121",
            False,
        ),
    ],
)
def test_what_a_recall_involves(text: str, subject: str, all_models: bool) -> None:
    found = involved(text)
    assert found is not None and (found.subject, found.all_models) == (subject, all_models)
    assert involved("The bikes come in red and blue.") is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "This recall involves the 2007 Tarvo Pellow 1.0, Pellow 2.0 and Pellow Carbon bicycles. "
            "They are red.",
            "2007 Tarvo Pellow 1.0, Pellow 2.0 and Pellow Carbon bicycles",
        ),
        (
            "This recall involves Vexo Skarn Jr. and Skarn Pro Jr. helmets. The model is inside.",
            "Vexo Skarn Jr. and Skarn Pro Jr. helmets",
        ),
        (
            "This recall involves Quorra dumbbells (10-90 lbs.), model QX450.0. The dumbbells are black.",
            "Quorra dumbbells (10-90 lbs.), model QX450.0",
        ),
        ("This recall involves Tarvo ropes.Model 118 is white.", "Tarvo ropes"),
    ],
)
def test_a_point_inside_a_number_or_a_name_does_not_end_the_sentence(text: str, subject: str) -> None:
    # The sentence saying what the recall involves goes on through a decimal point or an
    # abbreviation, to the point a capital follows (what the lines, the scope and the variants of
    # the notice are read from).
    found = involved(text)
    assert found is not None and found.subject == subject


def test_the_names_a_notice_does_not_cover_are_read_through_a_decimal_point() -> None:
    denied = "This recall does not include the 2002 units, which include the Tarvo 2.0 and Vexo 3.5. More."
    assert not_covered(denied) == ("Tarvo 2.0", "Vexo 3.5")


@pytest.mark.parametrize(
    "text",
    [
        "Tarvo spas come in blue. There are four models included in this collection: Vexo, Quorra, "
        "Pellow 2 and Kolt.",
        "The models involved are as follows; Vexo, Quorra, Pellow 2 and Kolt.",
        "Models included in the recall are: Vexo, Quorra, Pellow 2 and Kolt.",
    ],
)
def test_a_sentence_saying_the_list_after_it_names_the_models(text: str) -> None:
    assert read_scope(text).lines == ("Vexo", "Quorra", "Pellow 2", "Kolt")


def test_a_size_after_a_model_describes_it_and_is_no_line() -> None:
    assert involved_names(
        "This recall involves the Quorra branded Model 552, 52.5 LB Adjustable Dumbbells and Model "
        "1090, 90 LB Adjustable Dumbbells. They are black."
    ) == ("Quorra branded Model 552",)
    assert involved_names("This recall involves Quorra water bottles, 12 oz, 24 oz and 32 oz.") == (
        "Quorra water bottles",
    )
    # A name opening with its model year, or with a sized word of its own, is a name.
    years = (
        "This recall involves 2010 Vexo Comp Carbon, 2010 Vexo Expert Carbon and 2010 Vexo Marathon bicycles."
    )
    assert "2010 Vexo Expert Carbon" in involved_names(years)
    sized = "This recall involves 42-volt Tarvo Quindle, Tarvo Pellow and Tarvo Vanta scooters."
    assert "42-volt Tarvo Quindle" in involved_names(sized)
    counted = "This recall involves 3 Speed Kolt towers, 12 oz. bottles, Kolt Pro fans and Kolt Air heaters."
    assert involved_names(counted) == ("3 Speed Kolt towers", "Kolt Pro fans", "Kolt Air heaters")


def test_a_word_or_two_in_parentheses_inside_a_name_do_not_end_it() -> None:
    # The name goes on after a short capitalised aside: the name's own ("(Senior)", an abbreviation).
    assert involved_names("This recall involves Quorra QX-SR (Senior) Catchers Helmets with a cage.") == (
        "Quorra QX-SR Senior Catchers Helmets",
    )
    assert involved_names('This recall involves Kolt zero radius turn ("ZRT") riding mowers.') == (
        "Kolt zero radius turn ZRT riding mowers",
    )
    # A trademark in letters is the sign, no word of the name.
    assert involved_names("This recall involves Vexo(R) Kolt(TM) bike helmets.") == (
        "Vexo Kolt bike helmets",
    )
    # A longer aside, one holding a number, or one an enumeration or a sentence goes on after, ends
    # the name; so does one in lower case, which describes as the words around it do (what that
    # spares a listing: test_a_firm_named_after_the_hazard_is_the_brand_of_every_model_it_recalls).
    longer = "This recall involves Vexo Index Ascenders (left and right versions) used as clamps."
    assert involved_names(longer) == ("Vexo Index Ascenders",)
    numbered = "This recall involves the Pellow PK7 (model 8509-24) tree stands."
    assert involved_names(numbered) == ("Pellow PK7",)
    assert involved_names("This recall involves red Vanta (nonmetallic) skis and were sold in pairs.") == (
        "red Vanta",
    )


def test_a_list_of_model_years_and_names_gives_the_names_and_each_numbered_sibling() -> None:
    # "the following model year and model names: 2007 Kellor DH, …, Quorra 1,2,3": the year before
    # a name is no word of it, and the numbers after a numbered name are its siblings. Read as
    # "the following model" before, the list was the lines "year" and "model names".
    scope = read_scope(
        "The recalled bicycle frames include the following model year and model names: 2007 Kellor "
        "DH, 2008 Kellor DH, Tarvo Park, Tarvo, Vexo, Quorra 1,2,3, 2009 Vexo (without gussets)."
    )
    assert scope.lines == ("Kellor DH", "Tarvo Park", "Tarvo", "Vexo", "Quorra 1", "Quorra 2", "Quorra 3")
    assert scope.named_models == ("Quorra 1", "Quorra 2", "Quorra 3")
    assert scope.codes == ()
    # A year and "model year" before a name leave it: "2019 model year Tarvo DH bicycles".
    both = read_scope("This recall includes Kellor 2018 and 2019 model year Tarvo DH bicycles.")
    assert both.lines == ("Kellor 2018", "Tarvo DH bicycles")


def test_each_model_an_enumeration_names_by_a_number_is_a_line_of_its_own() -> None:
    # The notice names no model numbers: its models are the lines its description enumerates,
    # each a name and the number that singles it out of its line.
    screener = screener_with(
        cpsc(
            "R-ENUMERATED",
            "Tarvo Recalls Mountain Bicycles Due to Fall Hazard",
            "This recall involves the following 5 different Model Year 2021 Tarvo Mountain bicycles: "
            "Kolt Trail 1, Kolt Trail 3, Presio 2, Presio 3 and Vanta 2. The name is on the frame.",
            brands=["Tarvo"],
            product_names=["Mountain Bicycles"],
        )
    )
    for title in ("Tarvo Kolt Trail 1", "Tarvo Presio 3 mountain bike", "Tarvo Vanta 2"):
        assert verdict_for(screen(screener, title), "R-ENUMERATED") is not Verdict.ALLOW, title
    for title in ("Tarvo Kolt Trail 2", "Tarvo Presio 4 mountain bike"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-ENUMERATED") is Verdict.ALLOW, title
        assert any("another variant of the line" in n for n in notes_for(decision, "R-ENUMERATED")), title


@pytest.mark.parametrize(
    ("description", "its_own", "another"),
    [
        # "and" parts two products as a comma does.
        (
            "This recall involves the following Model Year 2021 Tarvo bicycles: Kolt Trail 1, Presio 3 "
            "and Vanta 2. The name is on the frame.",
            ["Tarvo Vanta 2 mountain bike", "Tarvo Presio 3"],
            ["Tarvo Vanta 3 mountain bike"],
        ),
        # The brand every product of the list repeats names none of them.
        (
            "This recall involves the following Model Year 2021 Tarvo bicycles: Tarvo Kolt Trail 1, "
            "Tarvo Kolt Trail 3, Tarvo Presio 2. The name is on the frame.",
            ["Tarvo Kolt Trail 3", "Tarvo Presio 2"],
            ["Tarvo Kolt Trail 2"],
        ),
        # A bare number is of the product before it.
        (
            "This recall involves Model Year 2021 Tarvo Pellow 1.0, 2.0 and 3.0 bicycles. Red.",
            ["Tarvo Pellow 3.0"],
            ["Tarvo Pellow 4.0"],
        ),
    ],
)
def test_a_variant_is_the_notices_own_only_in_a_product_the_listing_names(
    description: str, its_own: list[str], another: list[str]
) -> None:
    recall = cpsc(
        "R-OWNED",
        "Tarvo Recalls Bicycles Due to Fall Hazard",
        description,
        brands=["Tarvo"],
        product_names=["Mountain Bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    for title in its_own:
        assert verdict_for(screen(screener, title), "R-OWNED") is not Verdict.ALLOW, title
    for title in another:
        decision = screen(screener, title)
        assert verdict_for(decision, "R-OWNED") is Verdict.ALLOW, title
        assert any("another variant of the line" in n for n in notes_for(decision, "R-OWNED")), title


def test_a_whole_versions_name_that_goes_on_after_it_needs_the_word_it_ends_in() -> None:
    # "Ambler 3.0" is not the "Ambler 3.0 Comfort": the word after the variant is read with the
    # variant keyed as the listing's is ("3.0" as "3").
    recall = cpsc(
        "R-AMBLER",
        "Harrow Bicycle Recalls Bicycles Due to Fall Hazard",
        "This recall involves model year 2021 Harrow Trekka DX, Harrow Ambler 3.0 Comfort, Harrow Vela "
        "FS 1 and Harrow Vela 3.0 Comfort bicycles.",
        brands=["Harrow Bicycle"],
        product_names=["2021 Model Year Harrow Adult Bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    decision = screen(screener, "Harrow Ambler 3.0")
    assert verdict_for(decision, "R-AMBLER") is Verdict.ALLOW
    assert any("ends in 'comfort'" in n for n in notes_for(decision, "R-AMBLER"))
    assert verdict_for(screen(screener, "Harrow Ambler 3.0 Comfort"), "R-AMBLER") is Verdict.REVIEW


def test_a_code_of_the_notices_own_run_of_codes_counts_for_it() -> None:
    # The serial prefixes a notice lists name no product: the listing quoting one is not another
    # variant of the line.
    screener = screener_with(
        cpsc(
            "R-SERIALS",
            "Tarvo Recalls Quindle Three-Wheeled Scooters Due to Laceration Hazard",
            "The Quindle is a three-wheeled scooter sold in black. The recall includes products with "
            "serial numbers beginning with: G479 E688 Q255 K847 P…",
            brands=["Tarvo"],
            product_names=["Tarvo Quindle Three-Wheeled Scooters"],
        )
    )
    decision = screen(screener, "Scooters Quindle Three-Wheeled K847")
    assert verdict_for(decision, "R-SERIALS") is Verdict.REVIEW
    assert not any("another variant" in n for n in notes_for(decision, "R-SERIALS"))


def test_a_whole_versions_number_is_sold_without_its_point_zero() -> None:
    screener = screener_with(
        cpsc(
            "R-VERSION",
            "Tarvo Recalls Glidemark 2.0 Self-Balancing Scooters Due to Fire Hazard",
            "This recall involves the battery packs installed in Glidemark 2.0 self-balancing scooters.",
            brands=["Tarvo"],
            product_names=["Glidemark 2.0 Self-Balancing Scooters"],
        )
    )
    for title in ("Tarvo Glidemark 2.0 scooter", "Tarvo Glidemark 2 scooter"):
        assert verdict_for(screen(screener, title), "R-VERSION") is not Verdict.ALLOW, title
    for title in ("Tarvo Glidemark 3.0 scooter", "Tarvo Glidemark 3 scooter", "Tarvo Glidemark 20 scooter"):
        assert verdict_for(screen(screener, title), "R-VERSION") is Verdict.ALLOW, title


def test_the_colour_of_the_unit_for_sale_neither_explains_nor_counts_against(screener: Screener) -> None:
    plain = screen(screener, "Zorbit bicycle")
    coloured = screen(screener, "Zorbit bicycle - Matte Black")
    assert verdict_for(coloured, "R-LINE-NAME") is verdict_for(plain, "R-LINE-NAME") is Verdict.REVIEW
    scores = [next(m.score for m in d.matches if m.recall_id == "R-LINE-NAME") for d in (plain, coloured)]
    assert scores[0] == scores[1]


def test_a_name_enumerating_products_requires_the_variants_of_the_one_listed() -> None:
    recall = cpsc(
        "R-PAIR",
        "Varga Recalls Electric Bicycles Due to Fall Hazard",
        brands=["Varga"],
        product_names=["Varga Tessel+ 1 and Holloway Ambler Go! electric bicycles"],
    )
    screener = screener_with(recall)
    # The "+" and the "1" single out the first product, not the second.
    assert verdict_for(screen(screener, "Holloway Ambler Go!"), "R-PAIR") is not Verdict.ALLOW
    # Both are required of the first: its "1" without the "+" is another model of the line.
    assert verdict_for(screen(screener, "Varga Tessel+ 1 electric bicycle"), "R-PAIR") is not Verdict.ALLOW
    sibling = screen(screener, "Varga Tessel 1 electric bicycle")
    assert verdict_for(sibling, "R-PAIR") is Verdict.ALLOW
    assert any("has +, the listing does not" in n for n in notes_for(sibling, "R-PAIR"))


def test_a_line_the_description_enumerates_is_evidence_beside_a_common_name() -> None:
    # The maker's name is on many notices and the type is common; the line the listing names is
    # only in the description's enumeration, yet it is what singles the product out.
    family = [
        cpsc(
            f"R-COMMON-{n}",
            f"Harbor Cycle Recalls Corvane {kind} Due to Fall Hazard",
            brands=["Harbor Cycle"],
        )
        for n, kind in enumerate(
            [
                "Bicycles",
                "Electric Bicycles",
                "Tricycles",
                "Electric Scooters for Kids",
                "Kick Scooters",
                "Helmets",
            ]
        )
    ]
    recall = cpsc(
        "R-TONES",
        "Harbor Cycle Recalls Corvane Electric Scooters Due to Fall Hazard",
        "This recall involves Corvane electric scooters. "
        "That includes the Lumen 1, Lumen 2 and Lumen 3 models.",
        brands=["Harbor Cycle"],
        product_names=["Corvane Electric Scooters"],
    )
    screener = screener_with(*family, recall)
    assert verdict_for(screen(screener, "Corvane Lumen Electric Scooter"), "R-TONES") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Corvane Electric Scooter"), "R-TONES") is Verdict.ALLOW


def test_a_rare_maker_and_the_type_of_a_notice_naming_no_models_go_to_a_person() -> None:
    recall = cpsc(
        "R-MAKER-TYPE",
        "Pellar Recalls Adult Kick Scooters Due to Fall Hazard",
        "This recall involves Pellar adult kick scooters with the push-button latch.",
        brands=["Pellar"],
        product_names=["Pellar adult kick scooters"],
    )
    # Other makers' kick scooters: the type's words are common, the maker's name is not.
    others = other_firms(12, "Adult Kick Scooters")
    screener = screener_with(*others, recall)
    decision = screen(screener, "Pellar MG Roma scooter")
    assert verdict_for(decision, "R-MAKER-TYPE") is Verdict.REVIEW
    assert any("names the maker and the product type" in reason for reason in decision.reasons)
    # The maker alone, or the maker with another type, is not the product.
    assert verdict_for(screen(screener, "Pellar MG"), "R-MAKER-TYPE") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Pellar bicycle helmet"), "R-MAKER-TYPE") is Verdict.ALLOW


def test_the_rare_brand_and_the_type_its_line_names_go_to_a_person() -> None:
    # "Skin-lightening product (Kellor) · Brightening Night Cream": the record's product name is its
    # category, ending in no type; the line says it is a cream. "Kellor cream" names the brand and
    # that type, of a notice naming no models: a person looks. Another type of the brand is not it.
    recall = eu(
        "SR/RUN-LINE",
        "Skin-lightening product (Kellor) · Brightening Night Cream",
        "Skin-lightening product",
        "Kellor",
    )
    category = "Skin-lightening product"
    others = [
        eu(f"SR/OTHER-{n}", f"{category} ({maker}) · Face Cream", category, maker)
        for n, maker in enumerate(_OTHER_FIRMS[:8])
    ]
    screener = screener_with(*others, recall)
    decision = screener.screen(Listing(listing_id="L-1", title="Kellor cream", ship_to="DE"))
    assert verdict_for(decision, "SR/RUN-LINE") is Verdict.REVIEW
    assert any("names the maker and the product type" in reason for reason in decision.reasons)
    other = screener.screen(Listing(listing_id="L-2", title="Kellor shampoo", ship_to="DE"))
    assert verdict_for(other, "SR/RUN-LINE") is Verdict.ALLOW
    # A line's last word is its type unless the line lists products or ends in a colour, a tier,
    # a size: EU records' lines often do.
    assert _a_line_s_type("Brightening Night Cream", "cream")
    assert _a_line_s_type("Vexo Reading Light", "light")
    assert not _a_line_s_type("Brightening cream colour navy", "navy")
    assert not _a_line_s_type("Vexo Max, Vexo Sport, Vexo Lite", "light")  # "Lite", as read
    assert not _a_line_s_type("Vexo Cream, Vexo Balm", "balm")
    assert not _a_line_s_type("Vexo Lite", "light")
    assert not _a_line_s_type("Beach towel Large", "large")
    assert not _a_line_s_type("Beach towel XL", "xl")


def test_the_maker_named_grounds_a_block_as_the_firms_brand_would() -> None:
    # The firm's name holds a common word ("Bicycle") that a listing names as the product's type:
    # beside the maker's name, that is no partial brand to be marked down for.
    recall = cpsc(
        "R-MAKER-FIRM",
        "Denholm Bicycle Recalls Corrig Vale Electric Bicycles Due to Crash Hazard",
        brands=["Denholm Bicycle"],
        product_names=["Corrig Vale Electric Bicycles"],
    )
    screener = screener_with(recall)
    assert verdict_for(screen(screener, "Corrig Vale electric bicycles"), "R-MAKER-FIRM") is Verdict.BLOCK
    # The maker and the type alone name no product of the maker's in particular.
    assert verdict_for(screen(screener, "Corrig electric bicycles"), "R-MAKER-FIRM") is not Verdict.BLOCK


def test_a_tier_word_the_notice_never_uses_names_another_model_of_the_line() -> None:
    recalls = [
        cpsc(
            "R-BASE",
            "Tolvane Recalls Corvix Electric Scooters Due to Fall Hazard",
            brands=["Tolvane"],
            product_names=["Tolvane Corvix Electric Scooters"],
        ),
        cpsc(
            "R-TIER",
            "Tolvane Recalls Sendra Pro Electric Scooters Due to Fall Hazard",
            brands=["Tolvane"],
            product_names=["Tolvane Sendra Pro Electric Scooters"],
        ),
    ]
    screener = screener_with(*recalls)
    decision = screen(screener, "Tolvane Corvix Max Electric Scooter")
    assert verdict_for(decision, "R-BASE") is Verdict.ALLOW
    notes = notes_for(decision, "R-BASE")
    assert any("another variant of the line" in n and "'max'" in n for n in notes)
    # The tier the notice names is its own.
    assert verdict_for(screen(screener, "Tolvane Sendra Pro Electric Scooter"), "R-TIER") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tolvane Corvix Electric Scooter"), "R-BASE") is Verdict.BLOCK


def test_two_words_that_are_one_word_of_the_notice_are_one_word_of_the_listing() -> None:
    # "hover board" is the notice's "hoverboard": the notice accounts for both words, as it would
    # for the word written whole.
    recall = cpsc(
        "R-JOINED",
        "Skelwick Recalls Self-Balancing Scooters/Hoverboards Due to Fire Hazard",
        "This recall involves the Skelwick X1 self-balancing scooters, commonly called hoverboards.",
        brands=["Skelwick"],
        product_names=["Self-balancing scooters/hoverboards"],
        models=["X1"],
    )
    screener = screener_with(recall)
    assert verdict_for(screen(screener, "Skelwick X1 hoverboard"), "R-JOINED") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Skelwick X1 'hover board'"), "R-JOINED") is Verdict.BLOCK


def test_the_brand_and_the_market_name_without_the_type_name_the_product() -> None:
    # Sellers write the brand and the line's own name and leave the type out.
    recall = cpsc(
        "R-MARKET-NAME",
        "Helvane Recalls Quorrel 4 Electric Cargo Bikes Due to Fall Hazard",
        brands=["Helvane"],
        product_names=["Quorrel 4 Electric Cargo Bikes"],
    )
    screener = screener_with(recall)
    decision = screen(screener, "Helvane Quorrel 4")
    assert verdict_for(decision, "R-MARKET-NAME") is Verdict.BLOCK
    assert any("the product's own name" in reason for reason in decision.reasons)
    # A word the notice does not account for may name another product: a person looks.
    padded = screen(screener, "Helvane Quorrel 4 Tandem Trailer")
    assert verdict_for(padded, "R-MARKET-NAME") is Verdict.REVIEW


def test_a_notice_of_every_model_of_a_line_covers_the_model_a_listing_names() -> None:
    def notice(recall_id: str, involves: str) -> Recall:
        return cpsc(
            recall_id,
            "Wendle Recalls Arvik Adult Electric Scooters Due to Fall Hazard",
            f"This recall involves {involves} Wendle Arvik adult electric scooters with the folding stem.",
            brands=["Wendle"],
            product_names=["Wendle Arvik Adult Electric Scooters"],
        )

    # Other firms' adult electric scooters make the type's words common; "Roma" is another firm's
    # line: a word the recalls know, and rare.
    others = other_firms(10, "Adult Electric Scooters")
    others.append(cpsc("R-OTHER", "Castel Recalls Roma Strollers Due to Fall Hazard", brands=["Castel"]))
    title = "Wendle Arvik Roma electric scooter"
    # The model's own name is a word the notice does not use: no evidence against a notice of
    # every model of the line…
    assert (
        verdict_for(screen(screener_with(*others, notice("R-ALL", "all")), title), "R-ALL") is Verdict.BLOCK
    )
    # …while it may name a model another notice leaves out: a person looks.
    some = screen(screener_with(*others, notice("R-SOME", "the")), title)
    assert verdict_for(some, "R-SOME") is Verdict.REVIEW


def test_a_short_model_number_and_the_brand_alone_do_not_make_another_product_the_recalled_one() -> None:
    # Chargers sold with the brand's scooters of several short model numbers; a seller lists a
    # scooter of another line that carries one of the numbers.
    recall = cpsc(
        "R-SOLD-WITH",
        "Tarrow Recalls Voltmax Battery Chargers Sold with Tarrow Electric Scooters",
        "The recall involves Voltmax battery chargers sold with Tarrow scooters, models E100, E200 and E300.",
        brands=["Tarrow"],
        product_names=["Voltmax battery chargers sold with Tarrow electric scooters"],
        models=["E100", "E200", "E300"],
    )
    # The listing's line name is a name the recalls know, another firm's.
    other = cpsc("R-OTHER-LINE", "Brisk Recalls Quintas Helix Dash Blenders", brands=["Brisk"])
    screener = screener_with(other, recall)
    decision = screen(screener, "Tarrow Quintas Helix Dash E100")
    assert verdict_for(decision, "R-SOLD-WITH") is Verdict.ALLOW
    notes = notes_for(decision, "R-SOLD-WITH")
    assert any("only a short model number and the brand" in n for n in notes)
    # With the notice's product words, the number names the product sold with the charger.
    assert verdict_for(screen(screener, "Tarrow E100 electric scooter"), "R-SOLD-WITH") is not Verdict.ALLOW


def test_a_typo_correction_weighs_what_an_unknown_word_does() -> None:
    # "Quemby" is one letter from a rare word of another notice ("Quenby"): read as it, a guess, it
    # must not weigh as much as that rare word against the notice the rest of the listing names.
    index = RecallIndex.build([*RECALLS, cpsc("R-RARE", "Quenby Recalls Generators", brands=["Quenby"])])
    view = analyse(Listing(listing_id="L", title="Zorbit Quemby folding bicycle"), index, Policy())
    guessed = next(word for word in view.informative if "quenby" in word.readings)
    assert guessed.weight <= Policy().unknown_word_weight
    exact = next(word for word in view.informative if "zorbit" in word.readings)
    assert exact.weight > Policy().unknown_word_weight


def test_a_coined_name_is_read_as_spelt_unless_one_letter_is_wrong() -> None:
    # "DUNtainer" is two letters from the notice's "container": coined from it on purpose, as
    # its capitals show. Written plainly it is a typo of it; one letter wrong, the coined name is
    # the one the notice uses.
    index = RecallIndex.build(
        [
            *RECALLS,
            cpsc("R-COINED", "Harlow Recalls Lunch Containers", brands=["Harlow"]),
            cpsc("R-MARK", "SnowSprite Recalls Sleds", brands=["SnowSprite"]),
        ]
    )

    def readings(title: str) -> set[str]:
        view = analyse(Listing(listing_id="L", title=title), index, Policy())
        return {reading for word in view.informative for reading in word.readings}

    assert "container" not in readings("Harlow DUNtainer lunch box")
    assert "container" in readings("Harlow duntainer lunch box")
    assert "snowsprite" in readings("SnowSprtie sled")


def test_dots_for_spaces_leave_the_variant_a_title_names() -> None:
    index = RecallIndex.build(RECALLS)

    def variants(title: str) -> list[str]:
        return [v.key for v in analyse(Listing(listing_id="L", title=title), index, Policy()).variants]

    assert variants("Vantry.Pellion.9.electric.bicycle") == variants("Vantry Pellion 9 electric bicycle")
    # A point between digits is a decimal point.
    assert variants("Tredex.10.5.treadmill") == variants("Tredex 10.5 treadmill") != []


def test_a_listing_naming_another_name_of_the_notice_needs_that_names_model() -> None:
    # The title names only the type; the product names say which models. A listing naming the
    # line of the product names, but none of their models, is another model of the line.
    recall = cpsc(
        "R-BARE-TITLE",
        "Corlen Recalls Bicycle Lights Due to Fire Hazard",
        "This recall involves the Corlen Flare 900 and Flare 1300 front bicycle lights.",
        brands=["Corlen"],
        product_names=["Corlen Flare 900 and Flare 1300 Front Bicycle Lights"],
    )
    screener = screener_with(recall)
    decision = screen(screener, "Corlen Flare Road rear light")
    assert verdict_for(decision, "R-BARE-TITLE") is Verdict.ALLOW
    notes = notes_for(decision, "R-BARE-TITLE")
    assert any("not the model the recall names" in n for n in notes)
    assert verdict_for(screen(screener, "Corlen Flare 1300 front light"), "R-BARE-TITLE") is not Verdict.ALLOW


def test_a_line_name_four_markets_recall_is_rare_where_the_listing_ships() -> None:
    # Four regulators recall one speaker, filed under the importer's firm: "Pindle" is in four
    # notices, too many for a line's rare name anywhere, yet in one notice where the listing ships.
    name = "Trevana Audio Pindle (S) Portable Bluetooth Speaker"
    recalls = [
        Recall(source=source, recall_id=f"Y-{n}", title=name, product_names=[name], brands=["Harwell"])
        for n, source in enumerate(("CPSC", "Health Canada", "UK OPSS", "ACCC"))
    ]
    # Other firms' notices: an index the size where four notices make a word common-ish.
    others = other_firms(9, "Space Heaters")
    screener = screener_with(*others, *recalls)
    index = screener.index
    listing = Listing(listing_id="L-1", title="Trevana Pindle (S)", ship_to="GB")
    assert "pindle" in analyse(listing, index, Policy()).rare_here
    assert "pindle" not in analyse(listing.model_copy(update={"ship_to": None}), index, Policy()).rare_here
    decision = screener.screen(listing)
    assert [m.recall_id for m in decision.matches if m.verdict is not Verdict.ALLOW] == ["Y-2"]


def test_a_listing_naming_the_brand_the_type_and_a_line_of_its_own_is_another_line() -> None:
    # The title is the bare type; the product name adds the line's own word. A listing naming
    # the brand, the type and a word the notice never uses names another line of the brand.
    recall = cpsc(
        "R-BARE-TYPE",
        "Harrowgate Recalls Ski and Snowboard Helmets Due to Risk of Head Injury",
        "This recall involves all 2016 and 2017 Harrowgate Zentro ski and snowboard helmets.",
        brands=["Harrowgate"],
        product_names=["Zentro ski and snowboard helmets"],
    )
    # Other notices know the words a seller appends ("lightweight", "durable"); this one does not.
    coolers = cpsc("R-COOLERS", "Brantly Recalls Lightweight Outdoor Durable Coolers", brands=["Brantly"])
    screener = screener_with(*other_firms(6, "Ski and Snowboard Helmets"), coolers, recall)
    decision = screen(screener, "Harrowgate Kestle Ski Helmet")
    assert verdict_for(decision, "R-BARE-TYPE") is Verdict.ALLOW
    assert any("the notice names its line (zentro)" in n for n in notes_for(decision, "R-BARE-TYPE"))
    # Naming the line, or nothing beside the brand and the type, a person looks.
    assert verdict_for(screen(screener, "Harrowgate Zentro Ski Helmet"), "R-BARE-TYPE") is Verdict.REVIEW
    assert verdict_for(screen(screener, "Harrowgate Ski Helmet"), "R-BARE-TYPE") is Verdict.REVIEW
    # A word of its own names another line where a line's name stands, before the type; appended
    # after it, it describes the product (and weighs only as a word the notice does not explain).
    line = "the notice names its line (zentro)"
    assert any(
        line in n for n in notes_for(screen(screener, "Harrowgate Lightweight Ski Helmet"), "R-BARE-TYPE")
    )
    assert not any(
        line in n for n in notes_for(screen(screener, "Harrowgate Ski Helmet lightweight"), "R-BARE-TYPE")
    )


def test_the_product_the_description_says_the_recall_involves_is_one_of_its_names() -> None:
    # The title and the product name are the bare type; the line a seller names is only in the
    # sentence saying what the recall involves.
    recall = cpsc(
        "R-INVOLVES",
        "Brevik Recalls Electric Skateboards Due to Fire Hazard",
        "This recall involves 2nd generation Brevik Twinmotor+ electric skateboards with lithium ion "
        "battery packs.",
        brands=["Brevik"],
        product_names=["Electric-powered skateboards"],
    )
    screener = screener_with(*other_firms(6, "Electric Skateboards"), recall)
    decision = screen(screener, "Brevik Twinmotor+")
    assert verdict_for(decision, "R-INVOLVES") is Verdict.REVIEW
    # The generation is the scope's, which a listing naming the product seldom states.
    assert involved_names(recall.other_texts[0]) == ("Brevik Twinmotor+ electric skateboards",)
    assert any("(generation)" in n for n in notes_for(decision, "R-INVOLVES"))
    assert read_scope("This recall involves General Purpose extension cords").partial == ()
    # The names are read as a seller writes them: the model years and "-branded" are the scope's.
    names = involved_names(
        "The recall involves model year 2008 Corvane-branded Lumen 2, Lumen 3 and Lumen 3 Step "
        "bicycles with the steel fork."
    )
    assert names == ("Corvane Lumen 2", "Lumen 3 and Lumen 3 Step bicycles")


def test_the_maker_and_the_market_name_block_though_the_name_is_long() -> None:
    # The notice's only name is long (maker, division, line, type): the listing naming the maker
    # and the line covers under half of it, yet names the product whole.
    name = "Trevana Audio Pindle (S) Portable Bluetooth Speaker"
    recall = Recall(source="UK OPSS", recall_id="Y-LONG", title=name, product_names=[name])
    screener = screener_with(*other_firms(9, "Space Heaters"), recall)
    decision = screener.screen(Listing(listing_id="L-1", title="Trevana Pindle (S)", ship_to="GB"))
    assert verdict_for(decision, "Y-LONG") is Verdict.BLOCK
    assert any("the brand and the product's own name" in r for r in decision.reasons)


def test_a_title_opening_with_another_makers_name_is_not_sent_to_a_person_by_a_shared_word() -> None:
    # "Food" is a word almost no other notice uses; a listing sharing it, whose title opens with a
    # word the notice never uses (where a brand stands) and which does not name the notice's
    # brand, is another maker's jar.
    recall = cpsc(
        "R-JARS",
        "Quorra Recalls Stainless Regal Food Jars Due to Laceration Hazard",
        brands=["Quorra"],
        product_names=["Quorra Stainless Regal Food Jars"],
    )
    # Other notices know the listing's other words ("Harlow", "Trekker", "steel") and "regal".
    others = [
        cpsc(f"R-STEEL-{n}", f"{maker} Recalls Harlow Trekker Steel {product}", brands=[maker])
        for n, (maker, product) in enumerate(
            [("Brantly", "Regal Water Bottles"), ("Coven", "Regal Lunch Boxes"), ("Delmar", "Camp Mugs")]
        )
    ]
    screener = screener_with(*other_firms(6, "Stainless Jars"), *others, recall)
    decision = screen(screener, "Harlow Trekker Stainless Steel Food Jar")
    assert verdict_for(decision, "R-JARS") is Verdict.ALLOW
    assert any("another maker's product" in n for n in notes_for(decision, "R-JARS"))
    # Without another maker's word first, the shared rare word still sends it to a person.
    assert verdict_for(screen(screener, "Stainless Steel Food Jar"), "R-JARS") is Verdict.REVIEW
    assert verdict_for(screen(screener, "Stainless Regal Food Jar"), "R-JARS") is Verdict.BLOCK


def test_a_title_ending_in_another_product_after_the_notices_type_is_that_product() -> None:
    # "Shoes" after "pedal": shoes for flat pedals, which the notice of the pedals does not cover.
    recall = cpsc(
        "R-PEDALS",
        "Quorra Recalls Ridgeline Flat Bicycle Pedals Due to Fall Hazard",
        brands=["Quorra"],
        product_names=["Quorra Ridgeline flat bicycle pedals"],
    )
    shoes = cpsc("R-SHOES", "Brantly Recalls Trail Shoes Due to Fall Hazard", brands=["Brantly"])
    systems = cpsc("R-SYSTEMS", "Kellor Recalls Hydration Systems Due to Choking Hazard", brands=["Kellor"])
    # Other notices use the words a seller ends a title with to say whom the product is for, what
    # it is like or its size ("Women's Helmets", "Waterproof … Jackets", "Sizes S, M and L").
    others = [
        cpsc("R-FOR-WOMEN", "Coven Recalls Women's and Kids' Helmets", brands=["Coven"]),
        cpsc("R-FOR-BABY", "Delmar Recalls Baby and Toddler Seats", brands=["Delmar"]),
        cpsc("R-FOR-WET", "Espen Recalls Waterproof Lightweight Jackets in Large and XL", brands=["Espen"]),
        cpsc("R-FOR-MARKS", "Farrow Recalls DOT and UL Marked Helmets", brands=["Farrow"]),
        cpsc("R-FOR-SIZES", "Galen Recalls Organic Cotton Shirts in Sizes S, M and L", brands=["Galen"]),
    ]
    bags = cpsc("R-BAGS", "Holloway Recalls Carry Bags Due to Strangulation Hazard", brands=["Holloway"])
    boxes = cpsc("R-BOXES", "Ivers Recalls Open Storage Boxes Due to Tip-Over Hazard", brands=["Ivers"])
    screener = screener_with(*other_firms(4, "Bicycle Pedals"), shoes, systems, bags, boxes, *others, recall)
    decision = screen(screener, "Quorra Ridgeline Flat Pedal Shoes")
    assert verdict_for(decision, "R-PEDALS") is Verdict.ALLOW
    assert any("a shoe for a pedal" in n for n in notes_for(decision, "R-PEDALS"))
    # So is a compound of two words of its own after the type: a carry bag for the pedals.
    decision = screen(screener, "Quorra Ridgeline Flat Pedal Carry Bag")
    assert verdict_for(decision, "R-PEDALS") is Verdict.ALLOW
    assert any("a bag for a pedal" in n for n in notes_for(decision, "R-PEDALS"))
    # A break before the type says nothing of what the title ends in.
    for title in ("Quorra - Ridgeline Flat Pedal Shoes", "NEW: Quorra Ridgeline Flat Pedal Carry Bag"):
        assert verdict_for(screen(screener, title), "R-PEDALS") is Verdict.ALLOW, title
    # What a seller says of the unit after the product ("Brand New in Box") is no product.
    for tail in ("Brand New in Box", "New with Tags"):
        title = f"Quorra Ridgeline Flat Pedal Shoes {tail}"
        assert verdict_for(screen(screener, title), "R-PEDALS") is Verdict.ALLOW, title
    # A one-word tail that a notice uses as a name ("Glide Nib") is the name's.
    assert _without_sale_tail(("tarvo", "glide", "nib"), {"nib"}) == ("tarvo", "glide", "nib")
    assert _without_sale_tail(("tarvo", "glide", "nib"), set()) == ("tarvo", "glide")
    # The pedals themselves, or with what comes with them, or in a colour, or as they are made
    # ("Folding", a word another notice uses), or as a range or a make-up of them ("System",
    # which another notice's product is), are still the notice's.
    for title in (
        "Quorra Ridgeline Flat Pedals",
        "Quorra Ridgeline Flat Pedal Bundle",
        "Quorra Ridgeline Flat Pedal System",
        "Quorra Ridgeline Pedals Black",
        "Quorra Ridgeline Flat Pedal Folding",
        # The state of the unit for sale ends the title, though another notice's words: no box.
        "Quorra Ridgeline Flat Pedals Open Box",
        # What follows a break is what a seller adds: a colour, what comes with them.
        "Quorra Ridgeline Flat Pedals, Shoes Compatible",
        "Quorra Ridgeline Flat Pedals + Carry Bag",
        "Quorra Ridgeline Flat Pedals w/ Carry Bag",
    ):
        assert verdict_for(screen(screener, title), "R-PEDALS") is not Verdict.ALLOW, title
    # Whom the product is for, what it is like or its size, after its type, names no product of its
    # own ("… Flat Pedals Women", "… Pedals Waterproof", "… Pedals XL", "… Pedals M"); before those
    # words, the word after the type still does ("… Pedal Shoes Women").
    tails = ("Women", "Kids", "Baby", "Toddler", "Waterproof", "Lightweight", "Large", "XL", "DOT", "UL")
    for tail in (*tails, "M", "L", "Organic"):
        title = f"Quorra Ridgeline Flat Pedals {tail}"
        assert verdict_for(screen(screener, title), "R-PEDALS") is Verdict.BLOCK, title
        title = f"Quorra Ridgeline Flat Pedal Shoes {tail}"
        assert verdict_for(screen(screener, title), "R-PEDALS") is Verdict.ALLOW, title
    # A line or a range after the type is a product of its own: a trimmer's line, a cooktop's range.
    fishing_line = cpsc("R-FISHING-LINE", "Halden Recalls Fishing Line Due to Hazard", brands=["Halden"])
    trimmers = cpsc(
        "R-TRIMMERS",
        "Kolt Recalls String Trimmers Due to Laceration Hazard",
        brands=["Kolt"],
        product_names=["Kolt Vexo String Trimmers"],
    )
    screener = screener_with(*other_firms(4, "String Trimmers"), fishing_line, trimmers)
    assert verdict_for(screen(screener, "Kolt Vexo String Trimmer Line"), "R-TRIMMERS") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Kolt Vexo String Trimmer"), "R-TRIMMERS") is Verdict.BLOCK


def test_what_powers_a_product_is_never_read_from_a_part_a_no_or_a_colour() -> None:
    # "Gas Grill" against "Electric Grills" is another product of the kind; "Electric Ignition",
    # "No Gas", "Pellet Tray" and a colour after a comma ("…, Charcoal") say nothing of what powers it.
    heaters = cpsc(
        "R-PROPANE",
        "Marrowby Recalls Propane Patio Heaters Due to Fire Hazard",
        brands=["Marrowby"],
        product_names=["Marrowby Propane Patio Heaters"],
    )
    blankets = cpsc(
        "R-BLANKETS",
        "Glissa Recalls Electric Heated Blankets Due to Burn Hazard",
        brands=["Glissa"],
        product_names=["Glissa Electric Heated Blankets"],
    )
    screener = screener_with(heaters, blankets)
    assert verdict_for(screen(screener, "Marrowby Electric Patio Heater"), "R-PROPANE") is Verdict.ALLOW
    # Bracketed or after a dash, the power word still says what powers it.
    for title in ("Marrowby Patio Heater (Electric)", "Marrowby - Electric Patio Heater"):
        assert verdict_for(screen(screener, title), "R-PROPANE") is Verdict.ALLOW, title
    for title in (
        "Marrowby Propane Patio Heater, Electric Ignition",
        "Marrowby Patio Heater Electric Ignition",
    ):
        assert verdict_for(screen(screener, title), "R-PROPANE") is not Verdict.ALLOW, title
    for title in ("Glissa Heated Blanket Queen, Charcoal", "Glissa Heated Blanket, No Gas Needed"):
        assert verdict_for(screen(screener, title), "R-BLANKETS") is not Verdict.ALLOW, title


def test_a_standards_name_the_model_field_gives_is_a_model_that_needs_the_brand() -> None:
    # Some notices' model field gives a standard's name as the model ("EN1078"). Free text never
    # makes it a model; the field is taken at its word, as a code that names the product only
    # beside the brand, as a short model number does.
    assert clean_model_field(["EN1078"]) == ["EN1078"]
    assert extract_models("helmets meeting EN1078, sold in Europe") == []
    recall = cpsc(
        "R-STANDARD",
        "Quorra Recalls Vanta Bicycle Helmets Due to Risk of Head Injury",
        brands=["Quorra"],
        product_names=["Quorra Vanta bicycle helmets"],
        models=["EN1078"],
    )
    screener = screener_with(*other_firms(4, "Bicycle Helmets"), recall)
    assert verdict_for(screen(screener, "Quorra Vanta Helmet EN1 078"), "R-STANDARD") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Brantly Bicycle Helmet EN1078"), "R-STANDARD") is not Verdict.BLOCK


def test_a_year_the_notice_names_typed_a_digit_short_is_no_variant() -> None:
    recall = cpsc(
        "R-STEMS",
        "Quorra Recalls Bicycle Stems Due to Fall Hazard",
        brands=["Quorra"],
        product_names=["Bicycle stems installed on 2002 and 2003 Quorra Vanta bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycle Stems"), recall)
    typed = screen(screener, "Quorra Vanta 202 bicycle stems")
    assert verdict_for(typed, "R-STEMS") is not Verdict.ALLOW
    # A number a digit away by another digit is another variant still.
    assert verdict_for(screen(screener, "Quorra Vanta 7 bicycle stems"), "R-STEMS") is Verdict.ALLOW


def test_a_hyphenated_name_before_a_number_makes_it_the_lines_variant() -> None:
    assert variant_keys("Quorra K-Nest 35") == {"35"}
    recall = Recall(
        source="Product Safety NZ",
        recall_id="NZ-CAPSULES",
        title="Quorra K-Nest 35 and K-Nest Gen2 Infant Capsules",
        product_names=["Quorra K-Nest 35", "K-Nest Gen2 Infant Capsules"],
        jurisdictions=["NZ"],
    )
    screener = screener_with(*other_firms(4, "Infant Capsules"), recall)
    other = screener.screen(Listing(listing_id="L-1", title="Quorra Kids-Nest carrier", ship_to="NZ"))
    assert verdict_for(other, "NZ-CAPSULES") is Verdict.ALLOW
    named = screener.screen(Listing(listing_id="L-2", title="Quorra K-Nest 35 capsule", ship_to="NZ"))
    assert verdict_for(named, "NZ-CAPSULES") is Verdict.BLOCK


def test_a_tier_the_notice_of_every_model_never_names_goes_to_a_person() -> None:
    # "All models" are those the notice knew; a tier word it never uses may be a later model.
    recall = cpsc(
        "R-EVERY",
        "Wendle Recalls Arvik Adult Electric Scooters Due to Fall Hazard",
        "This recall involves all Wendle Arvik adult electric scooters with the folding stem.",
        brands=["Wendle"],
        product_names=["Wendle Arvik Adult Electric Scooters"],
    )
    screener = screener_with(*other_firms(10, "Adult Electric Scooters"), recall)
    assert verdict_for(screen(screener, "Wendle Arvik Electric Scooter"), "R-EVERY") is Verdict.BLOCK
    decision = screen(screener, "Wendle Arvik Pro Electric Scooter")
    assert verdict_for(decision, "R-EVERY") is Verdict.REVIEW
    assert any("never names the 'pro'" in n for n in notes_for(decision, "R-EVERY"))
    # Short letters no notice uses, right after the line's name, are a model's suffix as a tier is.
    suffixed = screen(screener, "Wendle Arvik QZX")
    assert verdict_for(suffixed, "R-EVERY") is Verdict.REVIEW
    assert any("never names the 'qzx'" in n for n in notes_for(suffixed, "R-EVERY"))
    assert verdict_for(screen(screener, "Wendle Arvik"), "R-EVERY") is Verdict.BLOCK
    # So is a "+" ("Arvik Plus", "Arvik+"), which the notice of every model never writes; not a
    # "plus" after a break (what comes with it) or before "size".
    for title in ("Wendle Arvik Plus Electric Scooter", "Wendle Arvik+ Electric Scooter"):
        plus = screen(screener, title)
        assert verdict_for(plus, "R-EVERY") is Verdict.REVIEW, title
        assert any("never names the 'plus'" in n for n in notes_for(plus, "R-EVERY")), title
    bundled = screen(screener, "Wendle Arvik Electric Scooter, Plus Free Phone Holder")
    assert verdict_for(bundled, "R-EVERY") is Verdict.BLOCK


def test_what_a_firms_name_says_it_makes_is_not_brand_a_listing_leaves_out() -> None:
    # "Quorra Bicycle Components": a listing naming "Quorra" names the brand whole; the words
    # saying what the firm makes are no part of it a seller would write.
    recall = cpsc("R-FIRM", "Quorra Recalls Vanta SL Electric Bicycles", brands=["Quorra Bicycle Components"])
    assert profile_of(recall).brands == (("Quorra Bicycle Components", ("quorra", "bicycle")),)
    assert analyse(
        Listing(listing_id="L-1", title="Vanta SL", brand="Quorra Cycle Products"),
        RecallIndex.build([recall]),
        Policy(),
    ).brand_tokens == {"quorra", "cycle"}


def test_a_word_of_its_own_before_the_notices_variant_names_another_model_of_the_line() -> None:
    # "Voyager Zest 3" is a model of the line beside "Voyager 3"; a misspelt word of the
    # notice's ("Bicylce") is no other name.
    recall = cpsc(
        "R-VOYAGER",
        "Cortland Recalls Bicycles Due to Crash Hazard",
        "This recall involves model year 2008 Cortland Voyager 2, Voyager 3, Voyager 2 Feminine and "
        "Voyager 3 Feminine bicycles.",
        brands=["Cortland"],
        product_names=["Bicycles with suspension forks"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    decision = screen(screener, "Cortland Voyager Zest 3 EQ")
    assert verdict_for(decision, "R-VOYAGER") is Verdict.ALLOW
    assert any("'zest'" in n and "the notice never uses" in n for n in notes_for(decision, "R-VOYAGER"))
    for title in ("Cortland Voyager 3", "Cortland Voyager Bicylce 3"):
        assert verdict_for(screen(screener, title), "R-VOYAGER") is not Verdict.ALLOW, title


def test_a_name_ending_in_a_word_after_its_variant_needs_that_word() -> None:
    # "Ambler 3 Comfort" is not the line's "Ambler 3"; the notice's type after the variant
    # ("Vela FS 1 … bicycles") is no such word.
    recall = cpsc(
        "R-AMBLER",
        "Harrow Bicycle Recalls Bicycles Due to Fall Hazard",
        "This recall involves model year 2021 Harrow Trekka DX, Harrow Ambler 3 Comfort, Harrow Vela "
        "FS 1 and Harrow Vela 3 Comfort bicycles.",
        brands=["Harrow Bicycle"],
        product_names=["2021 Model Year Harrow Adult Bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    decision = screen(screener, "Harrow Ambler 3")
    assert verdict_for(decision, "R-AMBLER") is Verdict.ALLOW
    assert any("ends in 'comfort'" in n for n in notes_for(decision, "R-AMBLER"))
    for title in ("Harrow Ambler 3 Comfort", "Harrow Vela FS 1"):
        assert verdict_for(screen(screener, title), "R-AMBLER") is not Verdict.ALLOW, title


def test_a_brand_the_notice_declares_in_its_products_name_is_a_brand() -> None:
    # The brand field names the importer; the product's name says whose brand it carries.
    recall = cpsc(
        "R-DECLARED",
        "Halvern Trading Recalls Zorvik-brand Space Heaters Due to Fire Hazard",
        brands=["Halvern Trading"],
        product_names=["Zorvik-brand space heaters and store-brand heater covers"],
    )
    brands = [name for name, _ in profile_of(recall).brands]
    assert brands == ["Halvern Trading", "Zorvik"]
    # The field's own brand, declared again, is no other.
    own = cpsc("R-OWN", "Harrow Bicycle Recalls Harrow-brand Bicycle Forks", brands=["Harrow Bicycle"])
    assert [name for name, _ in profile_of(own).brands] == ["Harrow Bicycle"]


def test_the_brands_a_description_says_the_product_is_sold_under_are_brands() -> None:
    # The brand field names the maker or importer; the description names the brands on the shelf.
    cases = {
        "These lamps were sold under two different brands: Tarvo Glow and Vexo.": ["Tarvo Glow", "Vexo"],
        'This recall involves chargers sold under the brand names "QRN" and "Kellor." The chargers '
        'are black. Some units have the brand name "QRN" printed on the front.': ["QRN", "Kellor"],
        "This recall involves desk lamps sold under the Lumora Home brand name.": ["Lumora Home"],
        # The enumeration goes on with the colours: the brand is the name that opens it.
        "It involves youth ATVs sold under brand names including Zentro in blue, green and pink.": ["Zentro"],
        "These heaters were sold under brand names K.R.V. 7 and Wardline.": ["K.R.V. 7", "Wardline"],
        "The lamps were Sold Under The Brand Name Lumora, the brand name “Vexo” is on the base.": [
            "Lumora",
            "Vexo",
        ],
        # No name, one the text was cut off in, a count, or a brand the recall does not cover.
        "The brand name is printed on the product's packaging.": [],
        "These lamps were sold under the brand names Tarvo Glow and 12 other brands.": ["Tarvo Glow"],
        "Lamps sold under the Vexo brand name are not included in this recall.": [],
        "These lamps were sold under other brand names.": [],
        "These lamps were sold under the brand names Tar…": [],
    }
    for description, declared in cases.items():
        recall = cpsc(
            "R-SOLD",
            "Halvern Trading Recalls Lamps Due to Fire Hazard",
            description,
            brands=["Halvern Trading"],
        )
        assert [name for name, _ in profile_of(recall).brands] == ["Halvern Trading", *declared], description


def test_a_listing_of_a_brand_the_product_was_sold_under_is_judged_as_one_of_the_firms() -> None:
    recall = cpsc(
        "R-SHELF",
        "Halvern Trading Recalls Space Heaters Due to Fire Hazard",
        "This recall involves space heaters, model SH-200, sold under the Kellor brand name. The heaters "
        "are white.",
        brands=["Halvern Trading"],
        product_names=["Space Heaters"],
        models=["SH-200"],
    )
    screener = screener_with(*other_firms(4, "Space Heaters"), recall)
    firms = verdict_for(screen(screener, "Halvern Space Heater"), "R-SHELF")
    assert firms is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Kellor Space Heater"), "R-SHELF") is firms
    # Another brand's heater is another firm's product of the type.
    assert verdict_for(screen(screener, "Vexo Space Heater"), "R-SHELF") is Verdict.ALLOW


def test_a_name_joining_two_whole_products_of_one_type_names_each() -> None:
    # Each product is named whole, brand to type; where they were sold is no product's name.
    name = "Quorra Dilutable Cleaners and Tarvo Heavy Duty Multi-Purpose Cleaners sold in Vexia and the U.S.…"
    assert enumerated_products(name) == [
        "Quorra Dilutable Cleaners",
        "Tarvo Heavy Duty Multi-Purpose Cleaners",
    ]
    # One product described, and one type of two kinds: not two products.
    assert enumerated_products("Sleep Machines with Night Light and Date Code") == []
    assert enumerated_products("Baseball and Softball Gloves") == []
    assert enumerated_products("Zorbit Heated Blankets and Heating Pads") == []
    recall = cpsc(
        "R-TWO",
        "Halvern Recalls Quorra and Tarvo Cleaners Due to Risk of Exposure to Bacteria",
        brands=["Halvern Manufacturing"],
        product_names=[name],
    )
    screener = screener_with(*other_firms(4, "Cleaners"), recall)
    # A seller names one of the two, as it is sold: the other's words do not dilute it.
    assert verdict_for(screen(screener, "Tarvo Multi-Purpose Cleaner"), "R-TWO") is Verdict.BLOCK


def test_a_name_coined_of_words_the_notice_never_uses_is_another_product_of_the_brand() -> None:
    # "SwiftPour" reads as two words other notices use; this notice uses neither, so it is the
    # name of another product of the brand, as a word no notice uses would be. The notice's own
    # words run together are its name still.
    recall = cpsc(
        "R-COINED",
        "Quorra Fuel Containers Recalled Due to Risk of Flash Fire",
        "This recall involves Quorra QF62 gas and oil fuel containers.",
        models=["QF62"],
    )
    others = [
        cpsc(
            "R-SPOUT",
            "Vexo Recalls Pour Spouts Due to Burn Hazard",
            brands=["Vexo"],
            product_names=["Vexo Pour Spouts"],
        ),
        cpsc(
            "R-SWIFT",
            "Zentro Recalls Swift Chargers",
            brands=["Zentro"],
            product_names=["Zentro Swift Chargers"],
        ),
    ]
    screener = screener_with(*other_firms(4, "Fuel Containers"), *others, recall)
    decision = screen(screener, "Quorra® SwiftPour Fuel Container")
    assert verdict_for(decision, "R-COINED") is Verdict.ALLOW
    assert any("names it 'swiftpour'" in n for n in notes_for(decision, "R-COINED"))
    for title in ("Quorra QF62 Fuel Container", "Quorra FuelContainer", "QuorraFuel Container"):
        assert verdict_for(screen(screener, title), "R-COINED") is Verdict.BLOCK, title


def test_digits_grouped_as_the_notice_numbers_its_models_name_another_model() -> None:
    # "55-1610" beside the notice's "55-1772": the maker's numbering, another model, though
    # grouped digits alone may be a size or a range. A code of another numbering ("Z900") only
    # contradicts; beside one of the maker's it does not keep a person looking.
    recall = cpsc(
        "R-NUMBERING",
        "Tarvo Products Recalls Elliptical Machines Due to Fall Hazard",
        brands=["Tarvo Products"],
        product_names=["Elliptical Cross Trainers"],
        models=["55-1772", "1725", "QX-4580"],
    )
    screener = screener_with(*other_firms(4, "Elliptical Cross Trainers"), recall)
    for title in ("Tarvo 55-1610 Elliptical Trainer", "Tarvo Z900 55-1610 Elliptical Trainer"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-NUMBERING") is Verdict.ALLOW, title
        assert any("names model '55-1610'" in n for n in notes_for(decision, "R-NUMBERING")), title
    assert verdict_for(screen(screener, "Tarvo 55-1772 Elliptical Trainer"), "R-NUMBERING") is Verdict.BLOCK
    # A slip of the notice's own number may be the recalled model mistyped: a person looks.
    slip = screen(screener, "Tarvo QX-45801 55-1610 Elliptical Trainer")
    assert verdict_for(slip, "R-NUMBERING") is Verdict.REVIEW
    # Another first group is not the maker's numbering: no claim of another model.
    decision = screen(screener, "Tarvo 10-1500 Elliptical Trainer")
    assert not any("names model" in n for n in notes_for(decision, "R-NUMBERING"))


def test_a_title_giving_the_type_of_a_branded_product_is_shared_by_other_firms_products() -> None:
    # The product's names carry its brand; the title says what type of product it is. A listing
    # opening with a name of its own, unknown or coined of other notices' words, and sharing only
    # the title's words is another firm's product of the type. Without a name of its own, or with
    # the notice's brand, it is not.
    recall = cpsc(
        "R-TYPE-TITLE",
        "Heated Plush Throws and Blankets Recalled Due to Risk of Fire",
        brands=["Tarvo"],
        product_names=["Tarvo Electric Throws and Blankets"],
        models=["TV-5060", "TV-6248"],
    )
    others = [
        cpsc("R-SUN", "Zentro Recalls Sun Shades", brands=["Zentro"], product_names=["Zentro Sun Shades"]),
        cpsc("R-QUILL", "Vexo Recalls Quill Pens", brands=["Vexo"], product_names=["Vexo Quill Pens"]),
    ]
    # Few notices are of heated products: "Heated", the title's first word, reads as a maker's name.
    screener = screener_with(*other_firms(4, "Blankets"), *others, recall)
    for title in ("SunQuill Heated Plush Throw", "Kellvane Heated Plush Throw"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-TYPE-TITLE") is Verdict.ALLOW, title
        assert any("another firm's product of the type" in n for n in notes_for(decision, "R-TYPE-TITLE"))
    for title in ("Heated Plush Throw", "Tarvo Heated Plush Throw"):
        assert verdict_for(screen(screener, title), "R-TYPE-TITLE") is not Verdict.ALLOW, title


def test_the_words_a_description_writes_in_lower_case_are_what_the_product_is() -> None:
    # "Vexel 40V cordless leaf blowers": the notice names its product "Vexel" and says in lower case
    # what it is. A listing without the brand, the line or the model that shares only those words
    # may be any maker's blower, though few notices are of leaf blowers: a person looks. A brand the
    # description writes in lower case before "brand" is still a name.
    recalls = [
        cpsc(
            "R-DESCRIBED",
            "Tarvo Recalls Cordless Leaf Blowers Due to Laceration Hazard",
            "This recall involves Tarvo Vexel 40V cordless leaf blowers, model TLB-4087. The fan blade "
            "can break.",
            brands=["Tarvo"],
            product_names=["Tarvo Cordless Leaf Blowers"],
            models=["TLB-4087"],
        ),
        cpsc(
            "R-LOWER-BRAND",
            "Harlow Recalls Quellor Folding Bicycles Due to Fall Hazard",
            "This recall involves all models of quellor brand folding bicycles.",
            brands=["Harlow"],
            product_names=["Quellor Folding Bicycles"],
        ),
    ]
    screener = screener_with(*other_firms(10, "Bicycle Helmets"), *recalls)
    for title in ("Kellor 40V Cordless Leaf Blower", "40V Cordless Leaf Blower"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-DESCRIBED") is Verdict.REVIEW, title
        assert any("describes the product with" in n for n in notes_for(decision, "R-DESCRIBED")), title
    for title in ("Tarvo 40V Cordless Leaf Blower", "Vexel Leaf Blower TLB-4087"):
        assert verdict_for(screen(screener, title), "R-DESCRIBED") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Quellor bicycle"), "R-LOWER-BRAND") is Verdict.BLOCK


def test_two_words_the_name_parts_with_a_short_word_are_another_name_side_by_side() -> None:
    # "Thrust Drive" is a sibling of "Thrust Over Drive": the "Over" no word match counts is the
    # name's whole difference.
    recall = cpsc(
        "R-OVER",
        "Quorra USA Recalls Bicycle Floor Pumps Due to Injury Hazard",
        brands=["Quorra USA"],
        product_names=["Quorra Thrust Over Drive Bicycle Floor Pumps"],
    )
    screener = screener_with(*other_firms(4, "Bicycle Floor Pumps"), recall)
    decision = screen(screener, "Quorra Thrust Drive")
    assert verdict_for(decision, "R-OVER") is Verdict.ALLOW
    assert any("has 'over' between 'thrust' and 'drive'" in n for n in notes_for(decision, "R-OVER"))
    assert verdict_for(screen(screener, "Quorra Thrust Over Drive"), "R-OVER") is not Verdict.ALLOW


def test_words_a_seller_ran_together_with_capitals_are_read_apart() -> None:
    # "UsQuorra", "QRdownhill": two words run together, the capitals show where; a coined
    # name whose parts are not both words stays one word ("DUNtainer").
    index = RecallIndex.build(
        [
            *RECALLS,
            cpsc("R-RUN", "Quorra Recalls Downhill Skates", brands=["Quorra"]),
            cpsc("R-TAINER", "Harlow Recalls Lunch Containers", brands=["Harlow"]),
        ]
    )

    assert hit_methods(index, "Helmets NewQuorra downhill")["quorra"] == "split"
    assert hit_methods(index, "QRdownhill skates")["downhill"] == "split"
    assert hit_methods(index, "Helmets andQuorra downhill")["quorra"] == "split"  # a word prose leaves out
    assert "container" not in hit_methods(index, "Harlow DUNtainer lunch box")


def test_a_hyphenated_name_meets_a_notice_writing_it_joined_and_one_writing_it_apart() -> None:
    # One regulator writes "Fira-Glow", another "Firaglow": the listing's "Fira-Glow" names both.
    apart = cpsc("R-APART", "Fira-Glow Patio Heaters", brands=[])
    joined = cpsc("R-JOINED", "Firaglow Recalls Patio Heaters Due to Burn Hazard", brands=["Firaglow"])
    screener = screener_with(*other_firms(4, "Patio Heaters"), apart, joined)
    decision = screen(screener, "Fira-Glow Patio Heater")
    assert verdict_for(decision, "R-APART") is not Verdict.ALLOW
    assert verdict_for(decision, "R-JOINED") is not Verdict.ALLOW


def test_a_type_named_by_its_last_part_is_the_notices_compound_where_a_rare_word_says_so() -> None:
    # The notice files the product as "Minifridges"; sellers write "fridge". The brand, a word few
    # notices use, says which compound ending in "fridge" is meant; without it, none is.
    recall = cpsc("R-COMPOUND", "Tavener Recalls Minifridges Due to Fire Hazard", brands=["Tavener"])
    screener = screener_with(*other_firms(4, "Mini Speakers"), recall)

    assert hit_methods(screener.index, "Tavener Compact Fridge")["minifridge"] == "compound"
    assert "minifridge" not in hit_methods(screener.index, "Compact Fridge")
    assert "minifridge" not in hit_methods(
        screener.index, "Tavener Fridge Magnet Set"
    )  # the title's type is another
    assert verdict_for(screen(screener, "Tavener Compact Fridge"), "R-COMPOUND") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Brantly Compact Fridge"), "R-COMPOUND") is Verdict.ALLOW


def test_a_name_of_the_listings_own_where_the_notices_line_stands_is_another_product() -> None:
    # "Harlow BOPtainer Food Jar" against "Harlow Stainless Regent Food Jars": the brand's other
    # jar. Without a name of its own the listing may be the line's, and a typo of the line's name
    # is the line's.
    recall = cpsc(
        "R-OWN",
        "Harlow Recalls Stainless Regent Food Jars Due to Laceration Hazard",
        brands=["Harlow"],
    )
    screener = screener_with(*other_firms(4, "Food Jars"), recall)
    decision = screen(screener, "Harlow BOPtainer Food Jar")
    assert verdict_for(decision, "R-OWN") is Verdict.ALLOW
    assert any("the listing names it 'boptainer'" in n for n in notes_for(decision, "R-OWN"))
    assert verdict_for(screen(screener, "Harlow Food Jar"), "R-OWN") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Harlow Stainles Regnt Food Jar"), "R-OWN") is not Verdict.ALLOW


def test_a_name_enumerated_beside_the_products_own_is_a_line_though_it_shares_no_word() -> None:
    # "The recall includes Zentro Ferra and Kolt Sport and Comp model bicycle headlights": "Kolt
    # Sport" shares no word with the notice's names or brand, but stands in their enumeration.
    recall = cpsc(
        "R-BESIDE",
        "Zentro Bicycle Components Recalls Headlights and Taillights Due to Fire Hazard",
        "The recall includes Zentro Ferra and Kolt Sport and Comp model bicycle headlights and "
        "taillights sold separately.",
        brands=["Zentro Bicycle Components"],
        product_names=["Zentro bicycle headlights and taillights"],
    )
    lines = [value for field_name, value, _ in profile_of(recall).texts if field_name == "lines"]
    assert "Kolt Sport" in lines
    screener = screener_with(*other_firms(4, "Bicycle Headlights"), recall)
    assert verdict_for(screen(screener, "Zentro Kolt Sport Combo"), "R-BESIDE") is not Verdict.ALLOW


def test_a_notice_naming_no_firm_does_not_send_another_makers_product_of_its_type_to_review() -> None:
    # Filed without a firm, the notice's product is its type: a listing naming a maker and a line
    # of their own besides the type is another product; one naming the type alone may be it.
    recall = cpsc("R-NOFIRM", "Convertible Booster Seats Recalled Due to Fall Hazard", brands=[])
    decision = screen(screener_with(recall), "Kestrow Petal Meadow Lane Tavish Convertible Booster Seat")
    assert verdict_for(decision, "R-NOFIRM") is Verdict.ALLOW
    assert any("the notice names no firm" in n for n in notes_for(decision, "R-NOFIRM"))
    assert (
        verdict_for(screen(screener_with(recall), "Convertible Booster Seat"), "R-NOFIRM")
        is not Verdict.ALLOW
    )


def test_a_name_match_on_a_notice_naming_no_firm_blocks_only_with_a_rare_word_of_its_names() -> None:
    # Without a firm the notice's product is its type: a listing of the type goes to a person,
    # one naming the notice's line by its rare words is blocked.
    typed = cpsc("R-TYPE", "Convertible Booster Seats Recalled Due to Fall Hazard", brands=[])
    lined = cpsc("R-LINED", "Quillamar Tavo Patio Heaters Recalled Due to Burn Hazard", brands=[])
    # Each word of the type is common, as it is among thousands of notices.
    common = [
        cpsc(f"R-{product}-{maker}", f"{maker} Recalls {product}", brands=[maker])
        for product in ("Convertible Sofas", "Booster Pumps", "Seat Covers")
        for maker in _OTHER_FIRMS[:4]
    ]
    screener = screener_with(typed, lined, *common)
    decision = screen(screener, "Convertible Booster Seat")
    assert verdict_for(decision, "R-TYPE") is Verdict.REVIEW
    assert any("the notice names no firm" in n for n in notes_for(decision, "R-TYPE"))
    assert verdict_for(screen(screener, "Quillamar Tavo Patio Heater"), "R-LINED") is Verdict.BLOCK


def test_a_notice_of_its_lines_in_some_model_years_covers_whichever_trim_a_listing_names() -> None:
    # "The 2019-2020 model year Tessel, Tessel X and Tessel Sport bicycles": every model of those
    # lines made in those years. A trim the notice does not name ("3.0") leaves the year to decide;
    # where the notice names its models, another is another model of the line.
    by_years = cpsc(
        "R-YEARS",
        "Varga Cycles Recalls Tessel Bicycles with Alloy Cranks Due to Fall Hazard",
        "This recall involves the 2019-2020 model year Tessel, Tessel X and Tessel Sport bicycles. "
        "The bicycles were sold in 27 different colors.",
        brands=["Varga Cycles"],
        product_names=["Tessel, Tessel X and Tessel Sport Bicycles with alloy cranks"],
    )
    by_models = cpsc(
        "R-YEARS-MODELS",
        "Corvane Recalls Lumen Bicycles Due to Fall Hazard",
        "This recall involves 2021 model year Corvane Lumen 1 and Lumen 2 bicycles.",
        brands=["Corvane"],
        product_names=["Corvane Lumen Bicycles"],
    )
    screener = screener_with(by_years, by_models)
    decision = screen(screener, "Varga Tessel 3.0")
    assert verdict_for(decision, "R-YEARS") is Verdict.REVIEW
    assert any("model years 2019, 2020" in n for n in notes_for(decision, "R-YEARS"))
    assert verdict_for(screen(screener, "Varga Tessel 3.0 2023"), "R-YEARS") is Verdict.ALLOW
    decision = screen(screener, "Corvane Lumen 3")
    assert verdict_for(decision, "R-YEARS-MODELS") is Verdict.ALLOW
    assert any("another variant of the line" in n for n in notes_for(decision, "R-YEARS-MODELS"))


def test_sale_talk_and_a_count_run_together_say_nothing_of_the_product() -> None:
    # "LimitedStock", "freeshipping": sale talk, however written, is not a word of the product's
    # that the notice fails to account for. "Lot of2" is a count, not a model code "of2" naming
    # another variant of the line.
    recall = cpsc(
        "R-SALE",
        "Quorra Recalls Marrow Indoor Training Stands Due to Fall Hazard",
        brands=["Quorra"],
        product_names=["Quorra Marrow Indoor Training Stands"],
    )
    models_named = cpsc(
        "R-SALE-MODELS",
        "Quorra Recalls Marrow Indoor Training Stands Due to Fall Hazard",
        brands=["Quorra"],
        product_names=["Quorra Marrow Indoor Training Stands"],
        models=["QM-200", "QM-400"],
    )
    screener = screener_with(*other_firms(4, "Training Stands"), recall)
    plain = screen(screener, "Quorra Marrow Indoor Training Stand")
    assert verdict_for(plain, "R-SALE") is Verdict.BLOCK
    for title in (
        "Quorra Marrow Indoor Training Stand LimitedStock",
        "Quorra Marrow Indoor Training Stand freeshipping",
        "Quorra Marrow Indoor Training Stand Lot of2",
    ):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-SALE") is Verdict.BLOCK, title
        assert not any("another variant" in n for n in notes_for(decision, "R-SALE")), title
    # A word of the listing's own still counts against the notice.
    own = screen(screener, "Quorra Marrow Indoor Training Stand Zelvik")
    assert own.matches[0].evidence[0].score < plain.matches[0].evidence[0].score
    # Inside a code the letters are the code's ("QM-TO8"): a model the notice does not list.
    coded = screen(
        screener_with(*other_firms(4, "Training Stands"), recall, models_named), "Quorra Marrow QM-TO8"
    )
    assert any("listing names model 'qm-to8'" in n for n in notes_for(coded, "R-SALE-MODELS")), coded


def test_dots_between_words_are_spaces_not_one_model_code() -> None:
    # "Best.Seller.Quorra8.Marrow.Stand" is five words; read as one code-shaped word (it has a
    # digit) it was a model number the notice, which lists its own, does not: a name match went
    # to review on it.
    recall = cpsc(
        "R-DOTS",
        "Quorra8 Recalls Marrow Indoor Training Stands Due to Fall Hazard",
        brands=["Quorra8"],
        product_names=["Quorra8 Marrow Indoor Training Stands"],
        models=["QM-200"],
    )
    screener = screener_with(*other_firms(4, "Training Stands"), recall)
    for title in (
        "Best Seller Quorra8 Marrow Indoor Training Stand",
        "Best.Seller.Quorra8.Marrow.Indoor.Training.Stand",
    ):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-DOTS") is Verdict.BLOCK, title
        assert not any("does not list" in n for n in notes_for(decision, "R-DOTS")), title


def test_a_listing_naming_its_product_in_the_description_names_its_model_there() -> None:
    # "Great item, see description": the words that single out the model are read where the
    # product is named, so the notice's "9" is there and another line's "7" is another model.
    screener = Screener(RecallIndex.build(RECALLS))

    def described(text: str) -> Decision:
        listing = Listing(
            listing_id="L-1", title="Great item, see description", description=text, ship_to="US"
        )
        return screener.screen(listing)

    decision = described("Vantry Pellion 9 electric bicycle, barely used")
    assert verdict_for(decision, "R-NUMBERED") is not Verdict.ALLOW
    assert not any("not the model the recall names" in n for n in notes_for(decision, "R-NUMBERED"))
    assert (
        verdict_for(described("Vantry Pellion 7 electric bicycle, barely used"), "R-NUMBERED")
        is Verdict.ALLOW
    )


def test_a_hyphen_cutting_a_word_into_no_words_leaves_it_one_word() -> None:
    # "Auth-entic": sale talk, however cut; "Trai-nnig": a misspelt recall word, cut. Read as
    # two unknown words, each counted against the notice.
    recall = cpsc(
        "R-CUT",
        "Quorra Recalls Marrow Indoor Training Stands Due to Fall Hazard",
        brands=["Quorra"],
        product_names=["Quorra Marrow Indoor Training Stands"],
    )
    screener = screener_with(*other_firms(4, "Training Stands"), recall)
    for title in (
        "Quorra Marrow Indoor Training Stand 100% Auth-entic",
        "Upgr-aded Quorra Marrow Indoor Training Stand",
    ):
        assert verdict_for(screen(screener, title), "R-CUT") is Verdict.BLOCK, title
    cut = screen(screener, "Quorra Marrow Indoor Trai-nnig Stand").matches[0].evidence[0].score
    assert cut == screen(screener, "Quorra Marrow Indoor Trainnig Stand").matches[0].evidence[0].score


def test_sale_talk_cut_by_a_hyphen_into_two_words_is_still_sale_talk() -> None:
    # "Ship-ping": each piece is a word some notice uses, but joined they are sale talk, not a
    # line of the brand's own the listing names before the type.
    recall = cpsc(
        "R-SALE-CUT",
        "Quorra Recalls Pagers Due to Shock Hazard",
        "This recall involves the Quorra Wardline Pager.",
        brands=["Quorra"],
        product_names=["Pager"],
    )
    pieces = [
        cpsc("R-PING", "Brantly Recalls Ping Pong Paddles", brands=["Brantly"]),
        cpsc("R-SHIP", "Coven Recalls Ship Model Kits", brands=["Coven"]),
    ]
    screener = screener_with(*other_firms(4, "Space Heaters"), *pieces, recall)
    for title in ("Free Shipping Pager", "Free Ship-ping Pager"):
        listing = Listing(listing_id="L-1", title=title, brand="Quorra", ship_to="US")
        assert analyse(listing, screener.index, Policy()).title_words == [("pager",)], title
        assert verdict_for(screener.screen(listing), "R-SALE-CUT") is not Verdict.ALLOW, title
    # A range of numbers is no sale talk, though its pieces joined are a year ("2024").
    assert _parts(["20-24"], screener.index) == [("20", "20"), ("24", "24")]


def test_a_model_number_typed_with_look_alike_digits_and_letters_is_the_notices() -> None:
    # "QM-5B20" for "QM-SB20": S/5, B/8, Z/2 and G/6 look alike as O/0 and I/1 do. A number
    # of digits only, or a short code, is not read so: "812" is a count as often as it is "B12".
    recall = cpsc(
        "R-LOOK",
        "Quorra Recalls Marrow Indoor Training Stands Due to Fall Hazard",
        brands=["Quorra"],
        product_names=["Quorra Marrow Indoor Training Stands"],
        models=["QM-SB20", "B12"],
    )
    screener = screener_with(*other_firms(4, "Training Stands"), recall)
    for model in ("QM-SB20", "QM-5B20", "QM-S820", "QMSBZ0"):
        listing = Listing(listing_id="L-1", title="Training stand", model=model, ship_to="US")
        decision = screener.screen(listing)
        assert verdict_for(decision, "R-LOOK") is Verdict.BLOCK, model
    decision = screen(screener, "Training stand 812")
    assert verdict_for(decision, "R-LOOK") is not Verdict.BLOCK


def test_a_model_number_of_a_model_year_the_notice_does_not_cover_is_allowed() -> None:
    # "2012 Tarvo RX450": a model number names the line in every year it was made; the year the
    # listing states says which unit this is. Without a year the model number still blocks.
    recall = cpsc(
        "R-MY",
        "Tarvo Recalls Model Year 2025-2026 Off-Road Motorcycles Due to Crash Hazard",
        "This recall involves model year 2025 and 2026 Tarvo RX450 off-road motorcycles.",
        brands=["Tarvo"],
        product_names=["Model Year 2025-2026 Tarvo RX450 Off-Road Motorcycles"],
        models=["RX450"],
    )
    screener = screener_with(recall)
    decision = screen(screener, "2012 Tarvo RX450")
    assert verdict_for(decision, "R-MY") is Verdict.ALLOW
    assert any("model year 2012" in n for n in notes_for(decision, "R-MY"))
    assert verdict_for(screen(screener, "2025 Tarvo RX450"), "R-MY") is Verdict.BLOCK


def test_a_type_few_notices_have_is_not_the_lines_own_name() -> None:
    # "Fat Tire Trikes": a trike is rare among notices, but it is the product's type; "Quorra Trike"
    # names the maker and a type, not the recalled line, and goes to a person rather than blocking.
    recall = cpsc(
        "R-TRIKE",
        "Quorra Electric Bikes Recalls Fat Tire Trikes Due to Fall Hazard",
        brands=["Quorra Electric Bikes"],
        product_names=["Fat Tire Trikes"],
    )
    screener = screener_with(*other_firms(4, "Electric Bikes"), recall)
    assert verdict_for(screen(screener, "Quorra Trike"), "R-TRIKE") is not Verdict.BLOCK
    assert verdict_for(screen(screener, "Quorra Fat Tire Trike"), "R-TRIKE") is Verdict.BLOCK


def test_a_type_few_notices_use_is_still_the_type_not_a_line() -> None:
    # The notice's title is its type, a word no other notice uses, so rare by the postings; the
    # line a seller names is the description's. The type's rarity says nothing of which line.
    recall = cpsc(
        "R-RARE-TYPE",
        "Harrowgate Recalls Lanterns Due to Burn Hazard",
        "This recall involves the Harrowgate Tall Beam Vireo Lantern.",
        brands=["Harrowgate"],
    )
    screener = screener_with(*other_firms(6, "Space Heaters"), recall)
    assert screener.index.weights.get("lantern", 1.0) >= Policy().rare_word_weight
    decision = screen(screener, "Harrowgate Drift Lantern")
    assert verdict_for(decision, "R-RARE-TYPE") is Verdict.ALLOW
    line = "the notice names its line (tall, beam, vireo)"
    assert any(line in n for n in notes_for(decision, "R-RARE-TYPE"))
    # The brand and the type alone, or the line named, are not allowed.
    assert verdict_for(screen(screener, "Harrowgate Lantern"), "R-RARE-TYPE") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Harrowgate Vireo Lantern"), "R-RARE-TYPE") is not Verdict.ALLOW


def test_the_type_inside_a_line_the_description_gives_is_still_the_type() -> None:
    # The line is the description's, with the type written twice ("… Hoists Vexo QL … engine
    # hoists"), and what the product is used for after it.
    description = (
        "This recall involves Harrowgate Hoists Vexo QL folding shop engine hoists used for lifting "
        "engines. The hoists have a steel frame."
    )
    recall = cpsc(
        "R-TYPE-INSIDE",
        "Harrowgate Recalls Engine Hoists Due to Crush Hazard",
        description,
        brands=["Harrowgate"],
        product_names=["Engine hoists"],
    )
    assert involved_names(description) == ("Harrowgate Hoists Vexo QL folding shop engine hoists",)
    # What the product is for ends its name as "sold" does; capitalised, it may be the name's.
    for verb in ("designed", "intended"):
        gates = f"This recall involves Harrowgate Kolt pet gates {verb} for doorways."
        assert involved_names(gates) == ("Harrowgate Kolt pet gates",)
    assert involved_names("This recall involves Harrowgate Designed Kolt gates.") == (
        "Harrowgate Designed Kolt gates",
    )
    # Other notices use the listing's own words: they are known words, not typos of the notice's.
    screener = screener_with(*other_firms(6, "Bright Cup Glasses"), recall)
    decision = screen(screener, "Harrowgate Bright Cup hoist")
    assert verdict_for(decision, "R-TYPE-INSIDE") is Verdict.ALLOW
    assert any("the notice names its line (vexo, ql" in n for n in notes_for(decision, "R-TYPE-INSIDE"))
    named = screen(screener, "Harrowgate Vexo QL hoist")
    assert verdict_for(named, "R-TYPE-INSIDE") is not Verdict.ALLOW


def test_the_brand_a_word_of_its_own_and_the_type_against_a_notice_of_models_and_a_line() -> None:
    # The title is a two-word type; the notice lists style numbers and names its line. A listing
    # naming the brand, the type and a line of its own is another line of the brand's, whatever
    # the notice's numbers, as it is against a notice naming none.
    recall = cpsc(
        "R-MODELS-LINE",
        "Harrowgate Recalls Ski Boots Due to Fall Hazard",
        "This recall involves the Zentro GX and Zentro Tour Ski Boots. The style numbers are 40311 and "
        "40312.",
        brands=["Harrowgate"],
        product_names=["Zentro GX and Zentro Tour Ski Boots"],
        models=["40311", "40312"],
    )
    shelves = cpsc("R-SHELVES", "Lowry Recalls Producti Shelving Units", brands=["Lowry"])
    screener = screener_with(*other_firms(6, "Ski Boots"), shelves, recall)
    decision = screen(screener, "Harrowgate K4 Freeride Ski Boots")
    assert verdict_for(decision, "R-MODELS-LINE") is Verdict.ALLOW
    assert any("the notice names its line (zentro" in n for n in notes_for(decision, "R-MODELS-LINE"))
    # The brand and the type alone, the line named, or the brand's firm word misspelt (read by
    # typo repair as another notice's word) name no line of the brand's own.
    for title in ("Harrowgate Ski Boots", "Harrowgate Zentro Ski Boots", "Harrowgate Produccts Ski Boots"):
        assert verdict_for(screen(screener, title), "R-MODELS-LINE") is not Verdict.ALLOW, title


def test_a_model_run_into_one_code_is_the_notices_name_words_and_variant() -> None:
    # "K1000QR" for the "K 1000 QR" a notice names: its letters and digits apart are the name's
    # words and its variant; "K900QR" is another variant.
    recall = cpsc(
        "R-RUN-CODE",
        "Tarvo Recalls Kestrel K 1000 QR Motorcycles Due to Crash Hazard",
        brands=["Tarvo"],
        product_names=["Kestrel K 1000 QR Motorcycles"],
    )
    screener = screener_with(*other_firms(4, "Motorcycles"), recall)
    assert verdict_for(screen(screener, "Tarvo Kestrel K1000QR"), "R-RUN-CODE") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo K1000QR"), "R-RUN-CODE") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo Kestrel K900QR"), "R-RUN-CODE") is Verdict.ALLOW


def test_a_code_another_notice_writes_as_one_word_is_still_this_ones_words_apart() -> None:
    # "QX1000" is a word of the index (a harness notice's description writes it so), and the
    # vehicle's own notice writes it "QX 1000": a listing naming "QX1000" names that notice's
    # words as much as one writing "QX 1000" does.
    harness = cpsc(
        "R-HARNESS",
        "Marrow Recalls Harnesses Made for Tarvo UTVs Due to Injury Hazard",
        "The harnesses were sold for 2019 Tarvo QX1000 vehicles.",
        brands=["Marrow"],
        product_names=["Marrow harnesses for Tarvo UTVs"],
        models=["QX1000"],
    )
    vehicle = cpsc(
        "R-VEHICLE",
        "Tarvo Recalls Model Year 2025 Kestrel QX 1000 Nightline Off-Road Vehicles Due to Fire Hazard",
        brands=["Tarvo"],
    )
    siblings = [
        cpsc(f"R-KESTREL-{n}", f"Tarvo Recalls Kestrel {n} Off-Road Vehicles", brands=["Tarvo"])
        for n in (570, 900, 1500, 700)
    ]
    screener = screener_with(*other_firms(4, "Off-Road Vehicles"), *siblings, harness, vehicle)
    assert verdict_for(screen(screener, "2025 Tarvo Kestrel QX 1000"), "R-VEHICLE") is Verdict.BLOCK
    assert verdict_for(screen(screener, "2025 Tarvo Kestrel QX1000"), "R-VEHICLE") is Verdict.BLOCK


def test_a_year_in_brackets_ending_the_title_is_the_listings_model_year() -> None:
    assert listing_years("Tarvo City (2022)") == (2022,)
    assert listing_years("Tarvo City (2022) red") == ()


@pytest.mark.parametrize(
    ("title", "read"),
    [
        ("'19 Tarvo Kolt", "2019 Tarvo Kolt"),
        ("Tarvo Kolt 8 \u201919", "Tarvo Kolt 8 2019"),
        ("Tarvo Kolt \u201898 frame", "Tarvo Kolt 1998 frame"),
        ("Tarvo Kolt '14-'15 bindings", "Tarvo Kolt 2014-2015 bindings"),
        ("Tarvo Kolt '14, red", "Tarvo Kolt 2014, red"),
        ("Tarvo Kolt MY21", "Tarvo Kolt MY2021"),
        ("(my19) Tarvo Kolt", "(my2019) Tarvo Kolt"),
        ("Tarvo Kolt MY2021", "Tarvo Kolt MY2021"),
        ("Tarvo Army21 Kolt", "Tarvo Army21 Kolt"),
        # A word's apostrophe, a quoted number, a decimal, and two digits no model year can be.
        ("Tarvo Rock'n'Roll 14", "Tarvo Rock'n'Roll 14"),
        ("the '14' edition", "the '14' edition"),
        ("Tarvo Kolt '14.5 frame", "Tarvo Kolt '14.5 frame"),
        ("Tarvo '65 roadster", "Tarvo '65 roadster"),
        # A size or a count in quotes.
        ("Tarvo Kolt \u201820 inch\u2019 kids bicycle", "Tarvo Kolt \u201820 inch\u2019 kids bicycle"),
        ("'24\" Tarvo Kolt", "'24\" Tarvo Kolt"),
        ("Tarvo '14 ft' ladder", "Tarvo '14 ft' ladder"),
        ("Tarvo '12 Piece' set", "Tarvo '12 Piece' set"),
        ("'21 Speed Tarvo Kolt", "'21 Speed Tarvo Kolt"),
    ],
)
def test_a_model_year_written_short_is_read_whole(title: str, read: str) -> None:
    assert _years_written_whole(title) == read


def test_a_short_model_year_runs_at_most_a_year_ahead() -> None:
    # Model years run ahead of the calendar by a year; two digits beyond that are no model year
    # of this century (and, under 80, none of the last).
    next_year = (datetime.now(UTC).year + 1) % 100
    assert _years_written_whole(f"'{next_year:02d} Tarvo Kolt") == f"20{next_year:02d} Tarvo Kolt"
    assert _years_written_whole(f"'{next_year + 1:02d} Tarvo Kolt") == f"'{next_year + 1:02d} Tarvo Kolt"


def test_a_short_model_year_and_a_wheel_size_name_the_notices_model() -> None:
    # "'19" is the 2019 model year, not a variant "19" of the line; and a "29er" is the notice's
    # "29": sellers name a bicycle on 29-inch wheels so. Another number stays another variant.
    recall = cpsc(
        "R-TANDEM",
        "Halden Cycle Group Recalls Kellor Tandem Bicycles Due to Fall Hazard",
        "The recall covers model year 2019 Kellor tandems: the Kellor Road 2, the Kellor Road 4 "
        "and the Kellor 29.",
        brands=["Halden Cycle Group"],
        product_names=["2019 Kellor Tandem Bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    for title in ("'19 Kellor Tandem 29er", "Kellor 29er tandem", "\u201919 Kellor Road Tandem 2"):
        assert verdict_for(screen(screener, title), "R-TANDEM") is not Verdict.ALLOW, title
    for title, why in (
        ("Kellor Tandem 29er '17", "model year 2017"),
        ("MY17 Kellor Tandem 29er", "model year 2017"),
        ("Kellor Tandem 27er", "another variant of the line"),  # no wheel size
        ("Kellor Road Tandem 2er", "another variant of the line"),
    ):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-TANDEM") is Verdict.ALLOW, title
        assert any(why in n for n in notes_for(decision, "R-TANDEM")), title


def test_a_rating_the_notice_does_not_name_is_another_product() -> None:
    # "40V" against "24V and 48V … Tools": the maker's other range. A count is how many are sold.
    recall = cpsc(
        "R-VOLTS",
        "Quorra Tools Recalls 24V and 48V Marrow Yard Power Tools Due to Fire Hazard",
        brands=["Quorra Tools"],
        product_names=["24V and 48V Marrow Yard Power Tools", "Marrow 24V Trimmers"],
    )
    screener = screener_with(*other_firms(4, "Yard Power Tools"), recall)
    decision = screen(screener, "Marrow 40V Trimmer")
    assert verdict_for(decision, "R-VOLTS") is Verdict.ALLOW
    assert any("the listing states 40V, the notice 24V, 48V" in n for n in notes_for(decision, "R-VOLTS"))
    assert verdict_for(screen(screener, "Marrow 48V Trimmer"), "R-VOLTS") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Marrow 24V Trimmer 2 Pack"), "R-VOLTS") is not Verdict.ALLOW


def test_a_code_the_notice_writes_apart_is_its_own_variant() -> None:
    # "VX300" for "(VX 300 and WX 350)": the name's own words run together, not another variant.
    recall = cpsc(
        "R-APART-CODE",
        "Tarvo Cross Country motorcycles (VX 300 and WX 350) sold at various motorcycle dealers",
        brands=[],
        product_names=["Tarvo Cross Country motorcycles (VX 300 and WX 350)"],
    )
    screener = screener_with(*other_firms(4, "Motorcycles"), recall)
    decision = screen(screener, "Tarvo VX300")
    assert verdict_for(decision, "R-APART-CODE") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo VX250"), "R-APART-CODE") is Verdict.ALLOW


def test_how_a_notice_counts_what_it_covers_is_no_word_of_the_name() -> None:
    # "certain Quorra Dynamo 2 units": "units" is how the notice counts, not a word of the model.
    recall = cpsc(
        "R-UNITS",
        "Quorra Recalls Dynamo 2 AC Battery Power Systems Due to Fire Hazard",
        "This recall involves certain Quorra Dynamo 2 units, fully-integrated AC battery systems "
        "used for energy storage.",
        brands=["Quorra"],
    )
    decision = screen(screener_with(*other_firms(4, "Battery Power Systems"), recall), "Quorra Dynamo 2")
    assert verdict_for(decision, "R-UNITS") is not Verdict.ALLOW
    assert not any("ends in 'units'" in n for n in notes_for(decision, "R-UNITS"))


def test_what_a_title_says_the_product_is_for_weighs_less_than_its_name() -> None:
    # "… Steam Cleaner for Tile, Grout, Windows, Bathrooms": sellers pile search words after
    # "for"; they say what the product is for, not which product it is. The same words without
    # the "for", two of them, are the listing's own, and count for more against the notice.
    recall = cpsc(
        "R-PURPOSE",
        "Quorra Recalls Marrow Handheld Steam Cleaners Due to Burn Hazard",
        brands=["Quorra"],
        product_names=["Quorra Marrow Handheld Steam Cleaners"],
    )
    uses = [
        cpsc(f"R-USE-{maker}", f"{maker} Recalls {product} Due to Injury Hazard", brands=[maker])
        for maker, product in zip(
            _OTHER_FIRMS[:4],
            ["Tile Cutters", "Grout Floats", "Window Blinds", "Bathroom Scales"],
            strict=True,
        )
    ]
    screener = screener_with(*other_firms(4, "Steam Cleaners"), *uses, recall)

    def score(title: str) -> float:
        return next(m.score for m in screen(screener, title).matches if m.recall_id == "R-PURPOSE")

    purpose = score("Quorra Marrow Handheld Steam Cleaner for Tile, Grout")
    assert purpose > score("Quorra Marrow Handheld Steam Cleaner, Tile, Grout")
    # Three or more such words ending the title are a pile of search words, "for" or not
    # (`scoring.piled_on_weight`).
    assert score("Quorra Marrow Handheld Steam Cleaner, Tile, Grout, Windows, Bathrooms") >= 0.8
    assert verdict_for(screen(screener, "Steam Cleaner for Quorra Marrow"), "R-PURPOSE") is not Verdict.BLOCK


def test_a_year_is_no_word_of_another_product_against_a_notice_naming_none() -> None:
    # "2019 Tarvo VX300" against a notice of "Tarvo … (VX 300 and WX 350)" that names no model
    # year: the notice accounts for every other word, and the year cannot show the listing is
    # outside it. Beside words the notice does not account for, the year still counts with them.
    recall = cpsc(
        "R-YEARLESS",
        "Tarvo Cross Country motorcycles (VX 300 and WX 350) sold at various motorcycle dealers",
        brands=[],
        product_names=["Tarvo Cross Country motorcycles (VX 300 and WX 350)"],
    )
    dated = cpsc("R-DATED", "Marrow Recalls Helmets", "This recall involves 2019 model year helmets.")
    screener = screener_with(*other_firms(4, "Motorcycles"), dated, recall)
    assert verdict_for(screen(screener, "2019 Tarvo VX300"), "R-YEARLESS") is Verdict.BLOCK

    def score(title: str) -> float:  # 0 where the match is too weak to report
        return next((m.score for m in screen(screener, title).matches if m.recall_id == "R-YEARLESS"), 0.0)

    assert score("2019 Tarvo VX300 Motorcycle Enduro") < score("Tarvo VX300 Motorcycle Enduro")


def test_a_year_before_the_list_of_what_a_notice_involves_is_its_model_year() -> None:
    # "QL bars on the following 2009 Tarvo bicycles: …": the notice's bicycles are that
    # year's; a seller's bike of the line in another year is another product, one that gives no
    # year goes to a person.
    recall = cpsc(
        "R-FOLLOWING",
        "Tarvo Components Recalls Bicycles Due to Fall Hazard",
        "This recall involves QL bars on the following 2009 Tarvo bicycles: Quessa SL Sport, "
        "Quessa SL Elite, Vexo Sport and Vexo Sport 26.",
        brands=["Tarvo Components"],
        product_names=["Tarvo 2009 Model Bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    assert verdict_for(screen(screener, "2009 Tarvo Quessa SL Sport"), "R-FOLLOWING") is Verdict.BLOCK
    assert verdict_for(screen(screener, "2013 Tarvo Quessa SL"), "R-FOLLOWING") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo Quessa SL Sport"), "R-FOLLOWING") is Verdict.REVIEW


def test_an_older_releases_year_before_the_recalled_product_is_its_model_year() -> None:
    # "… is recalling 3,585 forks on 1995 Vexo mountain bikes and 52,868 handlebars on all 1994
    # Kolt models": the releases before "This recall involves …" give the model year there. A
    # seller's bike of the line from another year is another product.
    recall = cpsc(
        "R-RELEASE",
        "CPSC, Tarvo Announce Bike Fork, Handlebar Recall",
        "WASHINGTON, D.C. - CPSC, Tarvo Bicycle Components of Hill, Calif., is recalling 3,585 steel "
        "forks on 1995 Vexo mountain bikes and 52,868 handlebars on all 1994 Kolt models.",
        brands=["Tarvo"],
        product_names=["Kolt mountain bike handlebars"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    assert verdict_for(screen(screener, "1992 Tarvo Kolt"), "R-RELEASE") is Verdict.ALLOW
    assert verdict_for(screen(screener, "1994 Tarvo Kolt"), "R-RELEASE") is not Verdict.ALLOW


def test_a_number_a_name_spells_out_is_the_sellers_digits() -> None:
    # "Tarvo Source 11 Bike" for the notice's "Source Eleven": the seller writes the number.
    recall = cpsc(
        "R-ELEVEN",
        "Tarvo Recalls Source Eleven and Source Expert Disc Bicycles Due to a Fall Hazard",
        "The recalled products are 2012 model year Source Eleven and Source Expert Disc bicycles.",
        brands=["Tarvo"],
        product_names=["2012 Source Eleven and Source Expert Disc bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    assert hit_methods(screener.index, "Tarvo Source 11 Bike")["eleven"] == "spelled"
    assert verdict_for(screen(screener, "Tarvo Source 11 Bike"), "R-ELEVEN") is Verdict.REVIEW
    assert verdict_for(screen(screener, "2012 Tarvo Source 11 Bike"), "R-ELEVEN") is Verdict.BLOCK
    # Not a number before a unit or a count, nor a size: "11 Speed" is the drivetrain's.
    for title in ("2012 Tarvo Source Sport Bike 11 Speed", "2012 Tarvo Source Sport Bike Size 11"):
        assert "eleven" not in hit_methods(screener.index, title), title
        assert verdict_for(screen(screener, title), "R-ELEVEN") is Verdict.ALLOW, title


def test_a_listing_for_the_other_sex_than_the_notices_product_is_not_it() -> None:
    # "Tarvo QX220 Boys" against "Tarvo QX220 Girls' Bicycles": the same model number on another
    # frame; a person looks rather than a rule block. A notice naming both covers both.
    girls = cpsc(
        "R-GIRLS",
        "Tarvo Recalls Girls' Bicycles Due To Frame Failure",
        "This recall involves Tarvo girls' bicycles model QX220.",
        brands=["Tarvo"],
        product_names=["Tarvo QX220 Girls' Bicycles"],
        models=["QX220"],
    )
    boots = cpsc(
        "R-WOMENS",
        "Kolt Recalls Women's Ski Boots Due to Fall Hazard",
        brands=["Kolt"],
        product_names=["Kolt Vexo Women's Ski Boots"],
    )
    both = cpsc(
        "R-BOTH",
        "Quorra Recalls Inline Skates Due to Fall Hazard",
        "This recall involves Quessa Pro men's and women's inline skates.",
        brands=["Quorra"],
        product_names=["Quessa Pro Men's Inline Skates"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), girls, boots, both)
    decision = screen(screener, "Tarvo QX220 Boys Kids Bike")
    assert verdict_for(decision, "R-GIRLS") is Verdict.REVIEW
    assert any("for a boy, the notice's for a girl" in n for n in notes_for(decision, "R-GIRLS"))
    assert verdict_for(screen(screener, "Tarvo QX220 Girls Bike"), "R-GIRLS") is Verdict.BLOCK
    # A title naming both is for both, the notice's among them.
    assert (
        verdict_for(screen(screener, "Tarvo QX220 Kids Bike for Boys and Girls"), "R-GIRLS") is Verdict.BLOCK
    )
    title = "Kolt Vexo Women's Ski Boots Size Women's 8 / Men's 6.5"
    assert verdict_for(screen(screener, title), "R-WOMENS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Kolt Vexo Men's Ski Boots"), "R-WOMENS") is not Verdict.BLOCK
    assert verdict_for(screen(screener, "Kolt Vexo Women's Ski Boots"), "R-WOMENS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Quorra Quessa Pro Women's Inline Skates"), "R-BOTH") is Verdict.BLOCK


def test_a_short_model_number_of_a_line_names_no_model_of_it_by_itself() -> None:
    # "Tarvo QX4 Glide 120" against "QX4 50, QX4 60 and QX4 65 Junior Ski Boots": the short model
    # number is the line's, the variant decides, as it does for names; "QX4 60" is the notice's.
    recall = cpsc(
        "R-SHORT-LINE",
        "Tarvo Recalls Junior Ski Boots Due to Fall Hazard",
        "This recall involves QX4 50, QX4 60, and QX4 65 Junior Ski Boots in sizes 21.5 to 27.5.",
        brands=["Tarvo"],
        product_names=["Tarvo QX4 Junior Ski Boots"],
        models=["QX4"],
    )
    screener = screener_with(*other_firms(4, "Ski Boots"), recall)
    assert verdict_for(screen(screener, "Tarvo QX4 Glide 120 LV"), "R-SHORT-LINE") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo QX4 60 Junior"), "R-SHORT-LINE") is Verdict.BLOCK
    # Named by the line's code and words of its own, with none of the notice's numbers: the
    # number after the code ("QX4 50") is the variant the listing leaves out.
    assert verdict_for(screen(screener, "Tarvo QX4 MV Dyn Boa"), "R-SHORT-LINE") is Verdict.ALLOW
    # A word of a model number the notice lists, written apart, is the notice's own, no variant.
    standard = cpsc(
        "R-RESPACED",
        "Quorra Brands Recalls Bicycle Helmets Due to Risk of Head Injury",
        brands=["Quorra Brands"],
        product_names=["Marrow Protection brand Tessel Jr. helmets"],
        models=["EN1078"],
    )
    screener = screener_with(*other_firms(4, "Bicycle Helmets"), standard)
    assert (
        verdict_for(screen(screener, "Marrow Protection Tessel EN1 078"), "R-RESPACED") is not Verdict.ALLOW
    )


def test_a_notice_of_a_line_by_model_year_covers_its_trims_despite_part_numbers() -> None:
    # "2017-2018 model year Tarvo Glissa brand ski bindings" with brake-size part numbers listed
    # elsewhere: a "Glissa 14" of those years is the notice's, of other years another product.
    recall = cpsc(
        "R-SEASON",
        "Quorra Group Recalls Tarvo Glissa Ski Bindings Due to Fall Hazard",
        "This recall involves 2017-2018 model year Tarvo Glissa brand ski bindings.",
        brands=["Quorra Group"],
        product_names=["Tarvo Glissa Ski Bindings"],
        models=["QFA002", "K115", "K95"],
    )
    screener = screener_with(*other_firms(4, "Ski Bindings"), recall)
    assert verdict_for(screen(screener, "Tarvo Glissa 14 Dual K115 2018"), "R-SEASON") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo Glissa 14 Bindings 2020 – 2021"), "R-SEASON") is Verdict.ALLOW
    assert listing_years("Tarvo Glissa 14 Bindings 2020 – 2021") == (2020, 2021)
    assert listing_years("Tarvo Glissa 14 2019-20") == (2019, 2020)
    assert listing_years("Rack fits 2019-2021") == ()


def test_a_name_capitalised_inside_is_read_whole_in_a_word_run_together() -> None:
    # "VexoPoolKolt": a seller ran the brand "VexoPool" into the line "Kolt". Its capitals part it
    # into "Vexo", "Pool" and "Kolt", each some notice's word; the brand is one word still.
    recall = cpsc(
        "R-CAPITALS",
        "VexoPool Recalls Kolt Children's Helmets Due to Head Injury Hazard",
        brands=["VexoPool"],
        product_names=["Kolt Children's Helmets"],
    )
    others = [
        cpsc("R-VEXO", "Vexo Recalls Toasters Due to Fire Hazard", brands=["Vexo"]),
        cpsc("R-POOL", "Brantly Recalls Pool Ladders Due to Fall Hazard", brands=["Brantly"]),
    ]
    index = RecallIndex.build([*RECALLS, *others, recall])
    read = hit_methods(index, "VexoPoolKolt Helmets")
    assert read == {"vexopool": "split", "kolt": "split", "helmet": "exact"}


def test_a_word_run_together_from_a_line_name_and_another_type_is_not_the_line() -> None:
    # "ZephyrBoard" names the line "Zephyr" and a board, as "Zephyr Board" does: a notice of
    # "Zephyr Cams" accounts for part of it, not all, and judges both alike. Sale talk run into
    # the product's word ("CamsGift") leaves it the notice's.
    cams = cpsc(
        "R-CAMS",
        "Harrowgate Recalls Climbing Camming Anchors Due to Fall Hazard",
        brands=["Harrowgate"],
        product_names=["Zephyr Cams"],
    )
    boards = cpsc("R-BOARDS", "Wardline Recalls Snow Boards Due to Injury Hazard", brands=["Wardline"])
    gifts = cpsc("R-GIFTS", "Kellan Recalls Bath Gift Sets Due to Contamination", brands=["Kellan"])
    screener = screener_with(cams, boards, gifts, *other_firms(4, "Climbing Cams"))
    apart = verdict_for(screen(screener, "Zephyr Board"), "R-CAMS")
    assert apart is not Verdict.BLOCK
    assert verdict_for(screen(screener, "ZephyrBoard"), "R-CAMS") is apart
    for title in ("ZephyrCams", "Zephyr CamsGift", "ZephyrGift"):
        assert verdict_for(screen(screener, title), "R-CAMS") is Verdict.BLOCK, title


def test_a_name_the_description_gives_the_product_besides_its_type_is_its_market_name() -> None:
    # 'These camming anchors or "Zephyr Cams" are devices …': the name sellers know the product
    # by, though neither the title nor the product name gives it. Label text quoted beside
    # another quote ('"Tarvo" or "Vexo" is printed on the frame') names no product.
    anchors = from_api(
        "R-ALIAS",
        "Harrowgate Recalls Climbing Camming Anchors Due to Fall Hazard",
        'These camming anchors or "Zephyr Cams" are devices used to stop a climber\'s fall. '
        '"Harrowgate" or "HG" is stamped on the stem.',
        product="Camming Anchors",
        maker="Harrowgate",
    )
    assert "Zephyr Cams" in anchors.market_names
    assert not {"Harrowgate", "HG"} & set(anchors.market_names)
    # The kind of product, after "the", is no name of its own; "known as" gives one as "or" does.
    assert aliased_names('a practice game called the "Batting Tee." The tee') == []
    assert aliased_names('flotation devices known as "The Vexo Float." A child') == ["The Vexo Float"]
    screener = screener_with(anchors, *other_firms(4, "Climbing Cams"))
    assert verdict_for(screen(screener, "Zephyr climbing cams"), "R-ALIAS") is not Verdict.ALLOW


def test_a_code_parted_by_a_slash_singles_its_model_out_as_one_run_together_does() -> None:
    # "Tarvo K/3 bicycles and frames": "K/3" is the model, as "K3" would be; the maker's "Q/3" is
    # another. A product the name enumerates before its last ("bicycles", beside "frames") is the
    # notice's type, no word of the model's name a listing must give.
    recall = cpsc(
        "R-SLASHED",
        "Quorra Wheels Recalls Tarvo K/3 Bicycles and Frames Due to Fall Hazard",
        "This recall involves Tarvo K/3 bicycles and framesets.",
        brands=["Quorra Wheels"],
        product_names=["Tarvo K/3 bicycles and frames"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    assert verdict_for(screen(screener, "Tarvo K/3"), "R-SLASHED") is Verdict.BLOCK
    decision = screen(screener, "Tarvo Q/3")
    assert verdict_for(decision, "R-SLASHED") is Verdict.ALLOW
    assert any("'q/3'" in n for n in notes_for(decision, "R-SLASHED"))
    # "w/2" is "with two", "pk/2" a pack of two: no model.
    for title in ("Tarvo Kolt w/2 batteries", "Tarvo Kolt tubes pk/2"):
        view = analyse(Listing(listing_id="L", title=title), screener.index, Policy())
        assert [v.key for v in view.variants] == [], title
    # Models enumerated each with a word of its own keep it: the type is only what ends the name.
    models = cpsc(
        "R-COMFORT",
        "Harrow Recalls Bicycles Due to Fall Hazard",
        brands=["Harrow"],
        product_names=["Harrow Ambler 3 Comfort and Vela 3 Comfort bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), models)
    assert verdict_for(screen(screener, "Harrow Ambler 3"), "R-COMFORT") is Verdict.ALLOW


def test_another_ending_after_the_notices_model_number_is_another_model() -> None:
    # "QX101-04" against a notice of the "QX101-05": another generation of the model, even where
    # the firm's name makes the notice read as a trading house's.
    recall = cpsc(
        "R-GENERATION",
        "Marrow Health Trading Recalls Tarvo Fitness Treadmills Due to Fall Hazard",
        "This recall involves Tarvo Fitness QX101-05 folding treadmills.",
        brands=["Marrow Health Trading"],
        product_names=["Tarvo QX101-05 Treadmills"],
        models=["QX101-05"],
    )
    screener = screener_with(*other_firms(4, "Treadmills"), recall)
    assert verdict_for(screen(screener, "Tarvo Fitness QX101-04 Treadmill"), "R-GENERATION") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo Fitness QX101-05 Treadmill"), "R-GENERATION") is Verdict.BLOCK


def test_a_names_clauses_and_counts_are_read_as_notices_write_them() -> None:
    # "3-in-1" is read apart, as notices' names are, though one notice writes "3in1"; a hyphen
    # joins "in" into the name ("3-in-1", "in-ground") rather than opening a clause; and what
    # follows "featuring" describes the product, it names no line of it.
    description = (
        "This recall includes the stainless-steel Tarvo Vantor+ Four Burner 3-in-1 Gas Grill, "
        "featuring a griddle, a stove top burner and a pizza oven."
    )
    assert read_scope(description).lines == ()
    assert involved_names(description) == ("stainless-steel Tarvo Vantor+ Four Burner 3-in-1 Gas Grill",)
    recall = cpsc(
        "R-GRILL",
        "Quorra Recalls Tarvo Vantor+ Four Burner 3-In-1 Gas Grills Due to Fire Hazard",
        description,
        brands=["Quorra"],
        product_names=["Tarvo Vantor+ Four Burner 3-in-1 Gas Grill with pizza oven"],
    )
    written_as_one = cpsc("R-ONE-WORD", "Marrow Recalls 3in1 Dressers", brands=["Marrow"])
    screener = screener_with(*other_firms(4, "Gas Grills"), written_as_one, recall)
    assert verdict_for(screen(screener, "Tarvo Vantor+ 3-in-1"), "R-GRILL") is not Verdict.ALLOW


def test_an_eu_titles_original_wording_gives_the_lines_model_years() -> None:
    # "Electric bicycle (TARVO) · QUORRA model year 2019 and 2020": the original wording names the
    # line and its years. Every trim of it in those years is the notice's; the year decides.
    record = {
        "source": "EU Safety Gate",
        "recall_id": "SR/00001/26",
        "title": "Electric bicycle (TARVO) · QUORRA model year 2019 and 2020",
        "product_name": "Electric bicycle",
        "brand": "TARVO",
        "jurisdictions": ["EU"],
    }
    (recall,) = parse(json.dumps(record).encode()).records
    assert recall.model_years == [2019, 2020]
    screener = screener_with(*other_firms(4, "Electric Bicycles"), recall)

    def notes(title: str) -> list[str]:
        return notes_for(screener.screen(Listing(listing_id="L-1", title=title, ship_to="DE")), "SR/00001/26")

    assert not any("another variant" in n for n in notes("Tarvo Quorra E40"))
    assert any("does not say its year" in n for n in notes("Tarvo Quorra E40"))
    assert any("outside the recall's scope" in n for n in notes("2021 Tarvo Quorra E40"))


def test_a_title_writing_one_of_the_notices_model_years_says_its_year() -> None:
    # "Top Rated 2009 Tarvo Marrow 5 …" against "2009 Tarvo Marrow 5, Marrow 6 … Bicycles": the year is not
    # where a title states its own, but it is the notice's, so no person need ask for it. A
    # seller's date ("2024 & New …") states no year at all.
    recall = cpsc(
        "R-WRITTEN-YEAR",
        "Tarvo Recalls Bicycles Due to Fall Hazard",
        brands=["Tarvo"],
        product_names=["2009 Tarvo Marrow 5 and Marrow 6 Road Bicycles"],
    )
    screener = screener_with(*other_firms(4, "Road Bicycles"), recall)
    assert recall.model_years == [2009]
    assert verdict_for(screen(screener, "Top Rated 2009 Tarvo Marrow 5 Road Bicycles"), "R-WRITTEN-YEAR") is (
        Verdict.BLOCK
    )
    assert verdict_for(screen(screener, "Top Rated Tarvo Marrow 5 Road Bicycles"), "R-WRITTEN-YEAR") is (
        Verdict.REVIEW
    )
    assert listing_years("2024 &amp; New 2009 Tarvo Marrow 5") == ()
    assert listing_years("2024 & New 2009 Tarvo Marrow 5") == ()


def test_a_letter_before_a_hyphen_is_no_model_number_with_another_ending() -> None:
    # "W-3842" against "W-3806" and "Q-Z0" (look-alikes) against "Q-20" are not a model number
    # with another ending: a letter is no model number, and "Z0" is "20" retyped.
    recall = cpsc(
        "R-PREFIX",
        "Quorra Recalls Kids Helmets Due to Risk of Head Injury",
        brands=["Quorra"],
        product_names=["Quorra Tessel Kids Helmets"],
        models=["W-3806", "Q-20"],
    )
    screener = screener_with(*other_firms(4, "Kids Helmets"), recall)
    for title in ("Quorra Tessel Kids Helmets W-3842", "Quorra Tessel Kids Helmets Q-Z0"):
        assert not any("another model" in n for n in notes_for(screen(screener, title), "R-PREFIX")), title


def test_another_makers_product_of_a_notice_filed_under_its_type_is_not_its_model() -> None:
    # A notice titled by its two-word type ("Power Banks") that names its brand and model in the
    # description: another maker's power bank shares the type, not the product.
    recall = cpsc(
        "R-TYPE-TITLE",
        "Power Banks",
        "This recall involves Quorra 10,000mAh portable power banks, model QB-B41.",
        brands=["Quorra"],
        models=["QB-B41"],
    )
    others = [
        cpsc(
            f"R-BANKS-{maker}",
            f"{maker} Recalls Power Banks Due to Fire Hazard",
            brands=[maker],
            models=[code],
        )
        for maker, code in (("Marrow", "MA-100"), ("Tessel", "TE-200"), ("Vantor", "VA-300"))
    ]
    screener = screener_with(*other_firms(4, "Phone Chargers"), *others, recall)
    decision = screen(screener, "Tarvo Vesk Power Bank")
    assert verdict_for(decision, "R-TYPE-TITLE") is Verdict.ALLOW
    assert any("names its models (QB-B41)" in n for n in notes_for(decision, "R-TYPE-TITLE"))
    # Its capacity, read whole, is another rating than the notice's.
    notes = notes_for(screen(screener, "Tarvo Vesk Power Bank 20,000mAh"), "R-TYPE-TITLE")
    assert any("the listing states 20000mAh, the notice 10000mAh" in n for n in notes)
    assert verdict_for(screen(screener, "Quorra Power Bank QB-B41"), "R-TYPE-TITLE") is Verdict.BLOCK
    # With the notice's brand, the type is how sellers of the recalled product name it, whatever
    # search words they pile after it.
    stuffed = "Quorra Power Bank durable organizer decor lightweight"
    assert verdict_for(screen(screener, stuffed), "R-TYPE-TITLE") is not Verdict.ALLOW


def test_a_thousands_separator_is_part_of_the_number() -> None:
    # "10,000mAh" is one quantity and one word, in a notice's names and in a listing.
    assert name_tokens("Quorra 10,000mAh portable power banks")[:2] == ["quorra", "10000mah"]
    assert quantities(fold("Tarvo Power Bank 20,000mAh")) == frozenset({("mah", "20000")})
    description = "This recall involves Quorra 10,000mAh portable power banks, model QB-B41."
    assert involved_names(description) == ("Quorra 10,000mAh portable power banks", "QB-B41")
    assert fold("sizes 10, 12 and 1,000,000 units") == "sizes 10, 12 and 1000000 units"


def test_a_name_of_its_own_in_place_of_the_lines_model_word_is_another_model() -> None:
    # "Tarvo Vexo Sevenfull RX" against a notice of "Tarvo Vexo Urbano, Rallo and Superrallo
    # models": the listing names the line, then its own model where the notice's is.
    recall = cpsc(
        "R-LINE-MODELS",
        "Tarvo Recalls Electric Bicycles Due to Fall Hazard",
        "This recall involves Tarvo Vexo Urbano, Rallo and Superrallo models of electric bicycles.",
        brands=["Tarvo"],
        product_names=["Electric bicycles"],
    )
    screener = screener_with(*other_firms(4, "Electric Bicycles"), recall)
    decision = screen(screener, "Tarvo Vexo Sevenfull RX")
    assert verdict_for(decision, "R-LINE-MODELS") is Verdict.ALLOW
    assert any(
        "another model of the line: the listing names 'sevenfull'" in n
        for n in notes_for(decision, "R-LINE-MODELS")
    )
    assert verdict_for(screen(screener, "Tarvo Vexo Urbano"), "R-LINE-MODELS") is not Verdict.ALLOW


def test_a_year_after_the_brand_is_the_listings_model_year() -> None:
    # "Tarvo 2021 Corvane QX 1000" (vehicles are written so) is the 2021 model: a notice of the
    # 2015 and 2017 ones does not cover it, though its model number is theirs.
    recall = cpsc(
        "R-BRAND-YEAR",
        "Tarvo Recalls Corvane Utility Vehicles Due to Crash Hazard",
        "This recall involves model year 2015 and 2017 Tarvo Corvane QX 1000 utility vehicles.",
        brands=["Tarvo"],
        product_names=["Tarvo Corvane QX 1000 Utility Vehicles"],
        models=["QX1000"],
    )
    screener = screener_with(*other_firms(4, "Utility Vehicles"), recall)
    assert verdict_for(screen(screener, "Tarvo 2021 Corvane QX 1000 Crew"), "R-BRAND-YEAR") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo 2017 Corvane QX 1000 Crew"), "R-BRAND-YEAR") is Verdict.BLOCK
    assert listing_years("Tarvo 2021 Corvane QX 1000") == (2021,)
    assert listing_years("Tarvo 2000 Watt Generator") == ()  # a rating
    assert listing_years("Fits 2019 Tarvo Corvane") == ()  # what it fits
    assert listing_years("Tarvo 2021 New Corvane") == ()  # a seller's date


def test_a_line_whose_every_named_model_carries_a_word_of_its_own() -> None:
    # "Tarvo Ripley Jr., Ripley Vent Jr. and Ripley Vent helmets": the plain "Tarvo Ripley helmet"
    # is a sibling the notice leaves out, or a seller's short name for one it covers: a person
    # looks. A listing naming a model whole is the notice's.
    recall = cpsc(
        "R-QUALIFIED",
        "Quorra Brands Recalls Bicycle Helmets Due to Risk of Head Injury",
        "This recall involves Tarvo-branded Ripley Jr., Ripley Vent Jr. and Ripley Vent bicycle helmets.",
        brands=["Quorra Brands"],
        product_names=["Tarvo brand Ripley Jr., Ripley Vent Jr., and Ripley Vent bicycle helmets"],
    )
    screener = screener_with(*other_firms(4, "Bicycle Helmets"), recall)
    plain = screen(screener, "Tarvo Ripley helmet")
    assert verdict_for(plain, "R-QUALIFIED") is Verdict.REVIEW
    assert any("a word of their own" in note for note in notes_for(plain, "R-QUALIFIED"))
    assert verdict_for(screen(screener, "Tarvo Ripley Vent helmet"), "R-QUALIFIED") is Verdict.BLOCK


def test_a_season_the_notice_names_is_the_products_model_years() -> None:
    # "This recall involves the Fall 2022 Tarvo Glide LT ski boots": the boots made for the
    # 2022-2023 season. Another season's boots are other units; a listing that says none goes to
    # a person.
    recall = cpsc(
        "R-SEASON-MADE",
        "Quorra Recalls Glide LT Ski Boots Due to Fall Hazard",
        "This recall involves the Fall 2022 Tarvo Glide LT men's and women's ski boots.",
        brands=["Quorra"],
        product_names=["Tarvo Glide LT Ski Boots"],
    )
    assert read_scope("This recall involves the Fall 2022 Tarvo Glide LT boots.").model_years == (2022, 2023)
    assert read_scope("This recall involves the Spring 2019 Tarvo Glide boots.").model_years == (2019,)
    screener = screener_with(*other_firms(4, "Ski Boots"), recall)
    for title, verdict in (
        ("Tarvo Glide LT Ski Boots", Verdict.REVIEW),
        ("2020-2021 Tarvo Glide LT Ski Boots", Verdict.ALLOW),
        ("Tarvo Glide LT Ski Boots 2022-2023", Verdict.BLOCK),
    ):
        assert verdict_for(screen(screener, title), "R-SEASON-MADE") is verdict, title


def test_a_name_of_its_own_after_the_brand_against_a_notice_of_model_numbers() -> None:
    # "Harlow Zesta Toaster Oven" against "all Harlow Electric Toaster Ovens, Model No. HT-200":
    # the notice names its product by brand, type and number, and the listing a line of the
    # brand the notice never names, in the line's place right after the brand. Another product.
    recall = cpsc(
        "R-OWN-LINE",
        "Quorra Recalls Electric Toaster Ovens Due to Fire Hazard",
        "This recall involves all Harlow Electric Toaster Ovens, Model No. HT-200.",
        brands=["Harlow"],
        product_names=["Electric Toaster Ovens"],
        models=["HT-200"],
    )
    other_line = cpsc("R-ZESTA", "Vexo Recalls Zesta Blenders Due to Laceration Hazard", brands=["Vexo"])
    screener = screener_with(*other_firms(4, "Toaster Ovens"), other_line, recall)
    for title in ("Harlow Zesta Toaster Oven", "Harlow Quindle Toaster Oven"):  # a rare word, an unknown one
        decision = screen(screener, title)
        assert verdict_for(decision, "R-OWN-LINE") is Verdict.ALLOW, title
        assert any("a name the notice never uses" in n for n in notes_for(decision, "R-OWN-LINE")), title
    assert verdict_for(screen(screener, "Harlow Toaster Oven HT-200"), "R-OWN-LINE") is Verdict.BLOCK


def test_an_eu_titles_original_wording_names_the_lines_sellers_write() -> None:
    # "Passenger car (Tarvo) · Vexo 3 / QX3 (LA), Vexo 4 / QX4 (LA), Marrow Sport (LS)": the
    # product's type is generic; the names it is sold under are in the original wording, item by
    # item, and a seller writes one of them. A car is recalled by build dates or VINs, which the
    # record does not give: the line named goes to a person.
    record = {
        "source": "EU Safety Gate",
        "recall_id": "SR/00002/26",
        "title": "Passenger car (Tarvo) · Vexo 3 / QX3 (LA), Vexo 4 / QX4 (LA), Marrow Sport (LS) etc.",
        "product_name": "Passenger car",
        "brand": "Tarvo",
        "jurisdictions": ["EU"],
    }
    (recall,) = parse(json.dumps(record).encode()).records
    assert recall.market_names == ["Vexo 3", "QX3", "Vexo 4", "QX4", "Marrow Sport"]
    screener = screener_with(*other_firms(4, "Passenger Cars"), recall)

    def verdict(title: str) -> Verdict:
        decision = screener.screen(Listing(listing_id="L-1", title=title, ship_to="DE"))
        return verdict_for(decision, "SR/00002/26")

    assert verdict("Tarvo Vexo 4") is Verdict.REVIEW
    assert verdict("Tarvo Marrow Sport") is Verdict.REVIEW
    assert verdict("Tarvo Quindle Estate") is Verdict.ALLOW  # the maker's other car


def test_a_short_name_of_its_own_in_place_of_the_lines_model_word() -> None:
    # "Tarvo Duo QRT" against "Tarvo Duo Prime, Duo Grand and Duo Active": a letter code is a
    # model's name too.
    recall = cpsc(
        "R-OWN-CODE",
        "Quorra Recalls Camper Vans Due to Fire Hazard",
        "This recall involves the Tarvo Duo Prime, Duo Grand and Duo Active camper vans.",
        brands=["Tarvo"],
        product_names=["Camper Vans"],
    )
    screener = screener_with(*other_firms(4, "Camper Vans"), recall)
    assert verdict_for(screen(screener, "Tarvo Duo QRT"), "R-OWN-CODE") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo Duo Active"), "R-OWN-CODE") is not Verdict.ALLOW


def test_a_list_of_models_in_the_involves_sentence_is_read_name_by_name() -> None:
    # "…, models Quindle, Vexo, Tessel and Vantor": the word introducing the list is none of its
    # names, and the list's last item holds its last two.
    names = involved_names(
        "This recall involves Quorra's Tarvo-branded bicycle helmets, models Quindle, Vexo, Tessel and "
        "Vantor. They were sold in black."
    )
    assert names[1:] == ("Quindle", "Vexo", "Tessel", "Vantor")
    # A name with "and" in it, alone, stays whole.
    whole = "Tarvo Salt and Pepper Grinders"
    assert involved_names(f"This recall involves {whole}.") == (whole,)


def test_model_years_after_my_may_be_a_range() -> None:
    # "Tarvo Motocross motorbikes (MY21-24)": every model year from 2021 to 2024.
    motorbikes = read_scope("Tarvo Motocross and Cross Country motorbikes (MY21-24)")
    assert motorbikes.model_years == (2021, 2022, 2023, 2024)
    assert read_scope("Tarvo quads MY26").model_years == (2026,)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("This recall involves Tarvo boots from the winter 2017-2019 seasons.", (2017, 2018, 2019)),
        ("This recall involves Tarvo bindings of the 2019/20 ski season.", (2019, 2020)),
        ("This recall involves model year 2019/2020 Tarvo bicycles.", (2019, 2020)),
        ("The heaters were sold during the 2019 holiday season.", ()),  # a date of sale
    ],
)
def test_the_seasons_a_product_was_made_for_are_its_model_years(text: str, years: tuple[int, ...]) -> None:
    assert read_scope(text).model_years == years


def test_another_model_number_beside_the_names_is_another_model() -> None:
    # "Tarvo Toaster Oven QT-G310" against a notice of the "QT-G200": the listing names its own
    # model number, so it is another model (allowed, with the reason); one typing slip from the
    # notice's ("QT-G201") may be the notice's own mistyped, so a person looks; and a number the
    # notice's own name writes ("Model 512X") is the notice's, whatever its model field says.
    recall = cpsc(
        "R-OTHER-MODEL",
        "Quorra Recalls Tarvo Toaster Ovens Due to Fire Hazard",
        "This recall involves Tarvo Zestel toaster ovens, model QT-G200.",
        brands=["Tarvo"],
        product_names=["Tarvo Zestel Toaster Ovens"],
        models=["QT-G200"],
    )
    trampoline = cpsc(
        "R-NAMED-MODEL",
        "Quorra Recalls Trampolines Due to Fall Hazard",
        brands=["Vexo"],
        product_names=["Vexo Model 512X Little Marrow Trampoline"],
        models=["5120X"],
    )
    screener = screener_with(*other_firms(4, "Toaster Ovens"), recall, trampoline)
    other = screen(screener, "Tarvo Zestel Toaster Oven QT-G310")
    assert verdict_for(other, "R-OTHER-MODEL") is Verdict.ALLOW
    assert any("listing names model" in n for n in notes_for(other, "R-OTHER-MODEL"))
    slip = screen(screener, "Tarvo Zestel Toaster Oven QT-G201")
    assert verdict_for(slip, "R-OTHER-MODEL") is Verdict.REVIEW
    # A code outside the maker's numbering is a seller's stock code, or an evader's: a person looks.
    stock = screen(screener, "Tarvo Zestel Toaster Oven ZX-7731")
    assert verdict_for(stock, "R-OTHER-MODEL") is Verdict.REVIEW
    named = screen(screener, "Vexo Model 512X Little Marrow Trampoline")
    assert verdict_for(named, "R-NAMED-MODEL") is Verdict.BLOCK


def test_a_number_hyphened_onto_a_lines_name_is_its_model() -> None:
    # "Vexo-5 bicycles": the notice hyphens the line's name and its model's number into one word,
    # where sellers write "Vexo 5". That number is the notice's model, not another variant of the
    # line; a listing naming another number is another model.
    recall = cpsc(
        "R-HYPHENED",
        "Tarvo Recalls Vexo-5 Bicycles Due to Fall Hazard",
        "This recall involves Tarvo Vexo-5 bicycles. The name is printed on the frame.",
        brands=["Tarvo"],
        product_names=["Vexo-5 bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    assert verdict_for(screen(screener, "Tarvo Vexo 5"), "R-HYPHENED") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo Vexo-5 road bike"), "R-HYPHENED") is Verdict.BLOCK
    other = screen(screener, "Tarvo Vexo 6")
    assert verdict_for(other, "R-HYPHENED") is Verdict.ALLOW
    assert any("another variant of the line" in n for n in notes_for(other, "R-HYPHENED"))
    # A short code's letters are the line's name too: "KS-10" beside an EU record's line "KS-9".
    scooter = eu("R-HYPHENED-CODE", "Electric scooter (Kolt) · KS-9", "Electric scooter", "Kolt")
    screener = screener_with(*other_firms(4, "Electric Scooters"), scooter)
    sibling = screener.screen(Listing(listing_id="L", title="Kolt KS-10 e-scooter", ship_to="DE"))
    assert verdict_for(sibling, "R-HYPHENED-CODE") is Verdict.ALLOW
    assert any("names 'ks10'" in n for n in notes_for(sibling, "R-HYPHENED-CODE"))


def test_names_before_models_in_the_involves_sentence_are_the_lines() -> None:
    # "involves Tarvo Glissa and Corvane models whitewater kayaking helmets": the names stand before
    # "models", their type after; the sentence was one name too long to be any.
    text = "This recall involves Tarvo Glissa and Corvane models whitewater kayaking helmets. They are black."
    assert involved_names(text) == ("Tarvo Glissa", "Corvane")
    # "model year" is no list of models.
    assert "Tarvo" not in involved_names("The recall involves Tarvo model year 2008 Vexo 600 snowmobiles.")
    recall = cpsc(
        "R-NAMES-THEN-MODELS",
        "Tarvo Recalls Kayaking Helmets Due to Head Injury Hazard",
        text,
        brands=["Tarvo"],
        product_names=["Whitewater Kayaking Helmets"],
    )
    screener = screener_with(*other_firms(4, "Kayaking Helmets"), recall)
    assert verdict_for(screen(screener, "Tarvo Corvane Helmet"), "R-NAMES-THEN-MODELS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo Corvane"), "R-NAMES-THEN-MODELS") is Verdict.BLOCK


def test_some_units_of_a_later_model_year_are_in_scope_in_part() -> None:
    # "all model year 2021 and some 2022 Tarvo QX2 rear shocks": both years are the product's, the
    # later only in part, so a listing goes to a person; another year is another product. The
    # "some 2022" had stopped the names' years, and the sentence named no line.
    text = "This recall involves all model year 2021 and some 2022 Vexo QX2 bicycle rear shocks sold alone."
    scope = read_scope(text)
    assert scope.model_years == (2021, 2022)
    assert "some units only" in scope.partial
    assert involved_names(text) == ("Vexo QX2 bicycle rear shocks",)
    recall = cpsc(
        "R-SOME-YEAR",
        "Tarvo Factory Recalls Mountain Bike Shock Absorbers Due to Fall Hazard",
        text,
        brands=["Tarvo Factory"],
        product_names=["Mountain bike rear shock absorbers"],
    )
    screener = screener_with(*other_firms(4, "Shock Absorbers"), recall)
    assert verdict_for(screen(screener, "Tarvo Vexo QX2"), "R-SOME-YEAR") is Verdict.REVIEW
    assert verdict_for(screen(screener, "2026 Tarvo Vexo QX2"), "R-SOME-YEAR") is Verdict.ALLOW


@pytest.mark.parametrize(
    ("name", "code", "word", "without", "given"),
    [
        # "Tarvo Glissa QX01 DISC bicycles": the word in capitals after the number is the version
        # the notice covers; the plain "QX01" is as often the line's other version.
        ("Glissa QX01 DISC bicycles and framesets", "QX01", "DISC", "Tarvo Glissa QX01",
         "Tarvo Glissa QX01 Disc road bike"),
        # A name written in sentence case capitalises its names alone, so "Lindqor" after the
        # number is the line the notice covers; a maker numbers a whole range with the code
        # ("KX90" bars, stems and posts), and another of them is no more the recalled one.
        ("Glissa bicycles with 2010 KX90 Lindqor seat posts", "KX90", "Lindqor",
         "Tarvo KX90 Marrowby Carbon Road Handlebar", "Tarvo KX90 Lindqor seat post"),
    ],
)  # fmt: skip
def test_a_model_number_without_the_name_the_notice_writes_after_it(
    name: str, code: str, word: str, without: str, given: str
) -> None:
    # A listing giving the number without the name goes to a person rather than blocking, and one
    # writing it blocks.
    recall = cpsc(
        "R-QUALIFIED-CODE",
        "Tarvo Recalls Bicycles Due to Fall Hazard",
        f"This recall involves Tarvo {name}.",
        brands=["Tarvo"],
        product_names=[name],
        models=[code],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    plain = screen(screener, without)
    assert verdict_for(plain, "R-QUALIFIED-CODE") is Verdict.REVIEW
    assert any(f"{word!r} after {code!r}" in n for n in notes_for(plain, "R-QUALIFIED-CODE"))
    assert verdict_for(screen(screener, given), "R-QUALIFIED-CODE") is Verdict.BLOCK


@pytest.mark.parametrize(
    "name",
    [
        # Title case, with or without a lower-case tail: every word is capitalised.
        "QX70 Glide Scooters",
        "Kellor QX70 Glide Scooters with seats",
        # The capitalised word before another capitalised one, the brand's, or after a comma or a
        # stop that ends the name: none is a name of the number's.
        "QX70 Glide Touring scooters",
        "QX70 Kellor electric scooters",
        "Kellor electric scooters, model QX70, Made in Tessaly",
        "Kellor electric scooters model QX70. Recalled units were made in 2021",
    ],
)
def test_a_capitalised_word_after_the_number_that_names_nothing_leaves_the_code_blocking(name: str) -> None:
    recall = cpsc(
        "R-NOT-A-QUALIFIER",
        "Kellor Recalls Electric Scooters Due to Fall Hazard",
        brands=["Kellor"],
        product_names=[name],
        models=["QX70"],
    )
    screener = screener_with(*other_firms(4, "Electric Scooters"), recall)
    assert verdict_for(screen(screener, "QX70 scooter"), "R-NOT-A-QUALIFIER") is Verdict.BLOCK


def test_a_number_after_a_line_named_by_a_code_is_its_trim() -> None:
    # "Tarvo QX7 35 Turbo", "Tarvo QX7 1.4" against a notice of the "QX7": a code names its model
    # on its own, and the number after it is the trim, engine or size, not another variant of the
    # line. Where the notice writes numbers after the code ("QX5 50 and QX5 60"), they are its
    # models, and another is another model.
    coded = cpsc(
        "R-CODE-LINE",
        "Quorra Recalls Tarvo QX7 Cars Due to Fire Hazard",
        brands=["Tarvo"],
        product_names=["Tarvo QX7 cars"],
    )
    numbered = cpsc(
        "R-CODE-NUMBERS",
        "Quorra Recalls Vexo Ski Boots Due to Fall Hazard",
        brands=["Vexo"],
        product_names=["Vexo QX5 50 and QX5 60 ski boots"],
    )
    screener = screener_with(*other_firms(4, "Cars"), coded, numbered)
    for title in ("Tarvo QX7 35 Turbo", "Tarvo QX7 1.4 Sport"):
        assert verdict_for(screen(screener, title), "R-CODE-LINE") is not Verdict.ALLOW, title
    other = screen(screener, "Vexo QX5 70 ski boots")
    assert verdict_for(other, "R-CODE-NUMBERS") is Verdict.ALLOW


def test_the_brand_and_another_number_than_the_notices_models_is_another_model() -> None:
    # "Tarvo 3" against "Tarvo model 4, 5, 6 bicycles": a listing naming the brand and a number
    # alone names the brand's model 3, which the notice's names do not number. It had gone to a
    # person on the brand alone; the notice's own numbers still block.
    recall = cpsc(
        "R-NUMBERED-MODELS",
        "Tarvo Bikes USA Recalls Bicycles Due to Fall Hazard",
        "This recall involves Tarvo bicycle models 4 (20 inch), 5 (24 inch) and 6 (26 inch).",
        brands=["Tarvo Bikes USA"],
        product_names=["Tarvo model 4, 5, 6 bicycles"],
    )
    screener = screener_with(*other_firms(4, "Bicycles"), recall)
    other = screen(screener, "Tarvo 3")
    assert verdict_for(other, "R-NUMBERED-MODELS") is Verdict.ALLOW
    assert any("another model of the brand" in n for n in notes_for(other, "R-NUMBERED-MODELS"))
    assert verdict_for(screen(screener, "Tarvo 4"), "R-NUMBERED-MODELS") is Verdict.BLOCK


def test_another_letter_in_brackets_than_the_notices_is_another_model() -> None:
    # "Tarvo Zorbit (M) Portable Speakers": the letter in brackets singles the model out, so
    # "Tarvo Zorbit (S)" is another; "(M)" still blocks. Against a name without a letter, a letter
    # in brackets is left alone (a size as often).
    lettered = cpsc(
        "R-LETTER",
        "Quorra Recalls Tarvo Zorbit (M) Portable Speakers Due to Fire Hazard",
        brands=["Tarvo"],
        product_names=["Tarvo Zorbit (M) Portable Speakers"],
    )
    plain = cpsc(
        "R-PLAIN",
        "Vexo Recalls Glissa Bicycle Helmets Due to Head Injury Hazard",
        brands=["Vexo"],
        product_names=["Vexo Glissa bicycle helmets"],
    )
    screener = screener_with(*other_firms(4, "Portable Speakers"), lettered, plain)
    other = screen(screener, "Tarvo Zorbit (S) speaker")
    assert verdict_for(other, "R-LETTER") is Verdict.ALLOW
    assert any("listing names (S)" in n for n in notes_for(other, "R-LETTER"))
    assert verdict_for(screen(screener, "Tarvo Zorbit (M)"), "R-LETTER") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Vexo Glissa bicycle helmet (L)"), "R-PLAIN") is Verdict.BLOCK


def test_search_words_piled_onto_the_title_do_not_hide_the_product() -> None:
    # "Tarvo Infant Walker" and five words of no product after it: what the seller wants found,
    # not what the listing is. Words after the firm and the type alone, or after the firm's name
    # alone (a firm named for its type, "Quorra Walkers"), may name another product, and words
    # beside a number state the product's specification: those keep their weight.
    recall = cpsc(
        "R-PILED",
        "Quorra Walkers Recalls Tarvo Infant Walkers Due to Fall Hazard",
        "This recall involves Tarvo infant walkers.",
        brands=["Quorra Walkers"],
        product_names=["Tarvo Infant Walkers"],
    )
    screener = screener_with(*other_firms(6, "Infant Walkers"), recall)
    assert verdict_for(screen(screener, "Quorra Tarvo Infant Walker"), "R-PILED") is Verdict.BLOCK
    for piled in ("Durable Storage Toy Portable Home", "Bedroom Camping Gift Fitness Patio"):
        stuffed = screen(screener, f"Quorra Tarvo Infant Walker {piled}")
        assert verdict_for(stuffed, "R-PILED") is Verdict.BLOCK, piled
    index = screener.index
    profile = index.profile(next(i for i, (_, rid) in enumerate(index.recall_ids()) if rid == "R-PILED"))

    def piled(title: str) -> float:
        return piled_on_weight(analyse(Listing(listing_id="L", title=title), index, Policy()), profile)

    assert piled("Quorra Tarvo Infant Walker Durable Storage Toy Portable Home") > 0
    assert piled("Quorra Tarvo Infant Walker Seat Pad") == 0  # a product of its own, in two words
    assert piled("Quorra Walkers Silicone Spatula Set Kitchen") == 0  # after the firm's name alone
    assert piled("Quorra Walker Durable Storage Toy Portable Home") == 0  # after the firm and type alone
    assert piled("Tarvo Infant Walker 3 Speed Settings Foldable") == 0  # its specification


def test_search_words_piled_after_sale_talk_or_a_type_named_with_it() -> None:
    # "100% Authentic" before the pile is sale talk, no specification; and the type of "Tarvo
    # Helmet and Pads Sets" is "pads" as a listing names it ("sets" is sale talk, left out of
    # the listing's words). Either kept the pile at its whole weight: blocked, the plain title;
    # sent to review, the title with the pile.
    recall = cpsc(
        "R-PILED-SETS",
        "Quorra Recalls Tarvo Helmet and Pads Sets Due to Head Injury Hazard",
        "This recall involves Tarvo children's helmet and pads sets.",
        brands=["Quorra"],
        product_names=["Tarvo Helmet and Pads Sets"],
    )
    screener = screener_with(*other_firms(6, "Helmet and Pads Sets"), recall)
    index = screener.index
    profile = index.profile(next(i for i, (_, rid) in enumerate(index.recall_ids()) if rid == "R-PILED-SETS"))

    def piled(title: str) -> float:
        return piled_on_weight(analyse(Listing(listing_id="L", title=title), index, Policy()), profile)

    pile = "Durable Storage Toy Portable Home"
    assert piled(f"Quorra Tarvo Helmet and Pads Sets {pile}") > 0
    assert piled(f"Quorra Tarvo Helmet and Pads Sets 100% Authentic {pile}") > 0
    assert piled("Quorra Tarvo Helmet and Pads Sets Storage Toy Portable 100 ft") == 0  # a quantity
    # "Pads" is the type only as the notice writes it, before "Sets": alone it may be another
    # product's word ("Pads Cleaner …"), whose own words are no pile.
    assert piled("Quorra Tarvo Helmet Pads Cleaner Spray Wipes Gloves") == 0
    named = "Quorra Tarvo Helmet and Pads Sets"
    for title in (f"{named} {pile}", f"{named} 100% New {pile}"):
        assert verdict_for(screen(screener, title), "R-PILED-SETS") is Verdict.BLOCK, title


def test_a_name_of_the_listing_s_own_against_a_notice_naming_its_lines_elsewhere() -> None:
    # The notice's product name is the brand and the type ("Quorra harnesses"), its title names
    # the lines ("Vexo and Zorbit"): a listing naming the brand, a line name of its own and the
    # type is another harness of the brand, as it would be against numbered models.
    recall = cpsc(
        "R-OWN-LINE",
        "Quorra Recalls Vexo and Zorbit Climbing Harnesses Due to Fall Hazard",
        "This recall involves Quorra climbing harnesses.",
        brands=["Quorra"],
        product_names=["Quorra harnesses"],
    )
    screener = screener_with(*other_firms(4, "Climbing Harnesses"), recall)
    own = screen(screener, "Quorra Tessella Harness")
    assert verdict_for(own, "R-OWN-LINE") is Verdict.ALLOW
    assert any("not its lines" in note for note in notes_for(own, "R-OWN-LINE"))
    assert verdict_for(screen(screener, "Quorra Zorbit Harness"), "R-OWN-LINE") is not Verdict.ALLOW
    # Two of the notice's words run together ("… & Co. KGLED" for "KG" and "LED") are its words,
    # not a name of the listing's own.
    assert _run_together("kgled", frozenset({"led", "decoration"}))
    assert not _run_together("tessella", frozenset({"led", "decoration", "harness"}))


def test_a_name_of_the_listing_s_own_that_reads_as_a_typo_of_another_notice_s_word() -> None:
    # "Marro" is no notice's word; typo repair reads it as another notice's "Marrow". Against a
    # notice that uses no such word it is still the listing's own name for another harness of the
    # brand, as an unknown word would be. A typo of the notice's own line ("Zorbt") is that line.
    recall = cpsc(
        "R-OWN-LINE",
        "Quorra Recalls VEXO and ZORBIT EASYFIT Harnesses Due to Risk of Serious Injury",
        "This recall involves Quorra harnesses sold individually and in packs of five.",
        brands=["Quorra America"],
        product_names=["Quorra VEXO CLIMBING and VEXO PARK Harnesses, ZORBIT EASYFIT STEEL Harnesses"],
    )
    elsewhere = cpsc("R-MARROW", "Tarvo Recalls Marrow Camp Stoves", brands=["Tarvo"])
    screener = screener_with(*other_firms(4, "Climbing Harnesses"), elsewhere, recall)
    assert hit_methods(screener.index, "Quorra Marro Harness").get("marrow") == "fuzzy"
    own = screen(screener, "Quorra Marro Harness")
    assert verdict_for(own, "R-OWN-LINE") is Verdict.ALLOW
    assert any("names it 'marro'" in note for note in notes_for(own, "R-OWN-LINE"))
    assert verdict_for(screen(screener, "Quorra Zorbt Harness"), "R-OWN-LINE") is Verdict.BLOCK


def test_a_rating_beside_the_line_is_its_specification_not_another_variant() -> None:
    # "37dB" (a noise rating), "1200lm", "60Hz", "3000psi": what the product does, as "12V" or
    # "24-inch" are. A listing stating one names the line's product, not a variant the notice
    # leaves out; a number alone after the line's name is still another variant.
    recall = cpsc(
        "R-RATED",
        "Quorra Recalls Vexo Professional Safety Ear Muffs Due to Hearing Hazard",
        brands=["Quorra"],
        product_names=["Quorra Vexo Professional Safety Ear Muffs"],
    )
    screener = screener_with(*other_firms(4, "Safety Ear Muffs"), recall)
    for rating in ("37dB", "1200lm", "60Hz", "3000psi", "9000btu"):
        assert measure_like(rating.lower()), rating
    rated = screen(screener, "Quorra Vexo 37dB Ear Muffs for Shooting")
    assert verdict_for(rated, "R-RATED") is not Verdict.ALLOW
    # A thousands comma and the unit apart ("9,000 BTU") are the same rating.
    rated_apart = screen(screener, "Quorra Vexo 9,000 BTU Ear Muffs")
    assert not any("another variant of the line" in n for n in notes_for(rated_apart, "R-RATED"))
    other = screen(screener, "Quorra Vexo 37 Ear Muffs")
    assert any("another variant of the line" in n for n in notes_for(other, "R-RATED"))


def test_a_rare_line_word_beside_the_brand_and_type_singles_out_one_notice_of_the_brand() -> None:
    # Three notices of one brand's harnesses share "Quorra" and "harness"; only one names the
    # "Vexo". A listing naming the brand, that line and the type names that notice's product:
    # the words it shares with the notice are not a family's.
    family = [
        cpsc(
            "R-FAM-A",
            "Quorra Recalls VEXO and ZORBIT EASYFIT Harnesses Due to Fall Hazard",
            "This recall involves Quorra harnesses sold individually and in packs of five.",
            brands=["Quorra America"],
            product_names=["Quorra VEXO CLIMBING and VEXO PARK Harnesses, ZORBIT EASYFIT STEEL Harnesses"],
        ),
        cpsc(
            "R-FAM-B",
            "Quorra Recalls ASTRA BOD and CORVANE GUIDE Harnesses Due to Fall Hazard",
            "This recall involves Quorra harnesses with serial numbers printed on the label.",
            brands=["Quorra America"],
            product_names=["Quorra ASTRA BOD and CORVANE GUIDE Harnesses"],
        ),
        cpsc(
            "R-FAM-C",
            "Quorra Recalls GLISSA Climbing Harnesses Due to Fall Hazard",
            "This recall involves three Quorra climbing harnesses: the GLISSA harness.",
            brands=["Quorra America"],
            product_names=["GLISSA Climbing Harnesses"],
        ),
    ]
    screener = screener_with(*other_firms(4, "Climbing Harnesses"), *family)
    assert verdict_for(screen(screener, "Quorra Vexo Kids Harness"), "R-FAM-A") is Verdict.BLOCK
    # The brand and the type alone are the family's: a person tells which, and the reason says so.
    family_words = screen(screener, "Quorra Harness")
    assert verdict_for(family_words, "R-FAM-A") is Verdict.REVIEW
    assert any("shared by" in note for note in notes_for(family_words, "R-FAM-A"))


def test_a_line_s_rare_name_alone_goes_to_a_person() -> None:
    # Pages' running text names a product by its line alone ("Vexomat", "original Vexomat"): a
    # word almost no other notice uses, and nothing else but sale talk. Its one word is a small
    # share of the notice's name, so the names alone scored it too low to report; a person looks.
    # The maker's name alone is its whole range, and words of another product keep it allowed.
    recall = cpsc(
        "R-ONE-WORD",
        "Quorra Recalls Snowboard Bindings Due to Fall Hazard",
        "This recall involves Vexomat and Vexomat BC snowboard bindings sold with a green release lever.",
        brands=["Quorra Sports"],
        product_names=["Quorra Vexomat and Vexomat BC snowboard bindings"],
    )
    screener = screener_with(*other_firms(4, "Snowboard Bindings"), recall)
    for title in ("Vexomat", "original Vexomat"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-ONE-WORD") is Verdict.REVIEW, title
        assert any("names the product's line" in note for note in notes_for(decision, "R-ONE-WORD"))
    assert verdict_for(screen(screener, "Quorra"), "R-ONE-WORD") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Vexomat Lever Kit"), "R-ONE-WORD") is Verdict.ALLOW


def test_a_line_s_name_with_its_plus_sign_alone_is_still_one_word() -> None:
    # "SwiftPour+": the "+" is read as a word ("plus", which tells the line's siblings apart), but
    # the seller wrote one word: the line's name alone, which a person looks at. Written without
    # the "+", it is the line's other model.
    recall = cpsc(
        "R-ONE-PLUS",
        "Kellor Recalls SwiftPour+ Four Burner Gas Grills Due to Burn Hazard",
        "This recall involves the Kellor SwiftPour+ Four Burner Gas Grill with a pizza oven.",
        brands=["Kellor"],
        product_names=["Kellor SwiftPour+ Four Burner Gas Grill"],
    )
    screener = screener_with(*other_firms(4, "Gas Grills"), recall)
    decision = screen(screener, "SwiftPour+")
    assert verdict_for(decision, "R-ONE-PLUS") is Verdict.REVIEW
    assert any("names the product's line" in note for note in notes_for(decision, "R-ONE-PLUS"))
    assert verdict_for(screen(screener, "SwiftPour"), "R-ONE-PLUS") is Verdict.ALLOW
    # "Plus" written out is a word of the title's, as a tier's is: two words, as before.
    assert verdict_for(screen(screener, "SwiftPour Plus"), "R-ONE-PLUS") is Verdict.ALLOW


def test_a_name_of_the_listing_s_own_after_the_maker_a_notice_files_under_another_firm() -> None:
    # The notice is filed under the importer ("Harlow Boards"); its product is named by the
    # maker ("Quessa Skateboard Wheels") and the line is the involves sentence's ("Vexo-Fire"). A
    # listing naming the maker, a name of its own and the type is another product of the maker,
    # as it would be after the firm's brand; the maker's line is the recalled product.
    recall = cpsc(
        "R-MAKER",
        "Harlow Boards Recalls Quessa Skateboard Wheels Due to Fall Hazard",
        'The recall involves Quessa "Vexo-Fire" skateboard wheels. They were sold in two styles.',
        brands=["Harlow Boards"],
        product_names=["Quessa Skateboard Wheels"],
    )
    screener = screener_with(*other_firms(4, "Skateboard Wheels"), recall)
    own = screen(screener, "Quessa Tessella Wheels")
    assert verdict_for(own, "R-MAKER") is Verdict.ALLOW
    assert any("names it 'tessella'" in note for note in notes_for(own, "R-MAKER"))
    assert verdict_for(screen(screener, "Quessa Vexo Fire Wheels"), "R-MAKER") is Verdict.BLOCK


def test_a_name_run_into_a_number_is_no_model_the_listing_claims() -> None:
    # "32Tarvo", "4Quorra": brands are written with a number run into a word. Read as a model
    # number the notice does not list, it said the listing was another model of the product.
    recall = cpsc(
        "R-NUMBERED-NAME",
        "Quorra Recalls Ice Cleats Due to Fall Hazard",
        "This recall involves Vexomat Lite cleats with model number QX9.",
        brands=["Quorra"],
        product_names=["Vexomat Lite Cleats"],
        models=["QX9"],
    )
    screener = screener_with(*other_firms(4, "Ice Cleats"), recall)

    def claims(title: str) -> list[str]:
        view = analyse(Listing(listing_id="L", title=title), screener.index, Policy())
        return [claim.written for claim in view.model_claims]

    assert claims("32Tarvo Vexomat Lite") == []
    assert claims("Vexomat Lite QX7000") == ["qx7000"]
    decision = screen(screener, "32Tarvo Vexomat Lite")
    assert verdict_for(decision, "R-NUMBERED-NAME") is Verdict.REVIEW
    assert not any("listing names model" in note for note in notes_for(decision, "R-NUMBERED-NAME"))


def test_a_maker_s_letters_and_number_claim_a_model_though_the_letters_are_a_word() -> None:
    # "HD-9999" beside the notice's "HD-2210": the maker's numbering, another model, though "HD" is a
    # word other notices use ("HD webcams"). Read as a word with digits typed into it, it claimed
    # nothing, and the brand and the type blocked the listing as the recalled dryer.
    recall = eu("R-HD-CODE", "Hair dryer (Kellor)", "Hair dryer", "Kellor", "Black hair dryer, 2200 W.")
    recall = recall.model_copy(update={"models": ["HD-2210"]})
    webcams = cpsc("R-HD-WORD", "Vexo Recalls HD Webcams Due to Burn Hazard", brands=["Vexo"])
    screener = screener_with(*other_firms(4, "Hair Dryers"), webcams, recall)

    def claims(title: str) -> list[str]:
        view = analyse(Listing(listing_id="L", title=title), screener.index, Policy())
        return [claim.written for claim in view.model_claims]

    assert claims("Kellor HD-9999 Hair Dryer") == ["hd-9999"]
    ship = {"ship_to": "DE"}
    other = screener.screen(Listing(listing_id="L", title="Kellor HD-9999 Hair Dryer", **ship))
    assert verdict_for(other, "R-HD-CODE") is Verdict.ALLOW
    assert any("listing names model 'hd-9999'" in note for note in notes_for(other, "R-HD-CODE"))
    own = screener.screen(Listing(listing_id="L", title="Kellor HD-2210 Hair Dryer", **ship))
    assert verdict_for(own, "R-HD-CODE") is Verdict.BLOCK


def test_a_line_s_number_typed_with_the_letter_o_for_its_zero_is_that_number() -> None:
    # "Halden Tessaly O1" for the notice's "Tessaly 01": a seller's O for the zero. Read as typed,
    # the line's number was missing, and the brand and line alone went to a person.
    recall = cpsc(
        "R-ZERO-ONE",
        "Halden Recalls Tessaly 01 Bicycles and Framesets Due to Fall Hazard",
        "This recall involves Halden Tessaly 01 bicycles and framesets.",
        brands=["Halden"],
        product_names=["Tessaly 01 Bicycles and Framesets"],
    )
    screener = screener_with(*other_firms(8, "Bicycles and Framesets"), recall)
    assert verdict_for(screen(screener, "Halden Tessaly 01 Carbon"), "R-ZERO-ONE") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Halden Tessaly O1 Carbon"), "R-ZERO-ONE") is Verdict.BLOCK
    # Read so, a number the notice does not give is another model of the line, as typed in digits.
    other = screen(screener, "Halden Tessaly O2 Carbon")
    assert verdict_for(other, "R-ZERO-ONE") is Verdict.ALLOW
    assert any("another variant of the line" in n for n in notes_for(other, "R-ZERO-ONE"))


def test_what_powers_the_product_sets_it_apart_from_the_maker_s_others() -> None:
    # "Gas Grill" against "Electric Grills": the maker's other grill, allowed with the reason. A
    # listing saying what the notice says, or saying nothing of it, is not set apart.
    recall = cpsc(
        "R-POWER",
        "Quorra Recalls Vexo Pro Electric Grills Due to Risk of Electric Shock",
        brands=["Quorra"],
        product_names=["Quorra Vexo Pro Electric Grills"],
    )
    screener = screener_with(*other_firms(4, "Electric Grills"), recall)
    for title in ("Quorra Gas Grill", "Quorra Vexo Gas Grill"):
        gas = screen(screener, title)
        assert verdict_for(gas, "R-POWER") is Verdict.ALLOW, title
        assert any("the listing says gas" in note for note in notes_for(gas, "R-POWER"))
    assert verdict_for(screen(screener, "Quorra Vexo Pro Electric Grill"), "R-POWER") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Quorra Vexo Pro Grill"), "R-POWER") is Verdict.BLOCK
    # A kind of what the notice says powers it is no other: a cordless grill is an electric one.
    assert verdict_for(screen(screener, "Quorra Vexo Pro Cordless Grill"), "R-POWER") is Verdict.BLOCK
    kettle = cpsc(
        "R-CORDLESS",
        "Halden Recalls Tessel Cordless Kettles Due to Burn Hazard",
        brands=["Halden"],
        product_names=["Halden Tessel Cordless Kettles"],
    )
    screener = screener_with(*other_firms(4, "Cordless Kettles"), kettle)
    corded = screen(screener, "Halden Tessel Corded Kettle")
    assert verdict_for(corded, "R-CORDLESS") is Verdict.ALLOW
    assert any("the listing says corded" in note for note in notes_for(corded, "R-CORDLESS"))
    assert verdict_for(screen(screener, "Halden Tessel Electric Kettle"), "R-CORDLESS") is Verdict.BLOCK


def test_a_title_opening_with_another_maker_against_a_notice_naming_its_maker_in_its_name() -> None:
    # A notice of no brand field names its maker first ("Quessa Audio Ceiling Speaker Fire
    # Hood"). A listing opening with a word the notice never uses where that name stands
    # ("Tessella Audio Fire Hood") is another maker's product, as against a notice with a brand
    # field; without a maker's word of its own it still goes to a person.
    def uk(recall_id: str, title: str) -> Recall:
        return Recall(
            source="UK OPSS", recall_id=recall_id, title=title, product_names=[title], jurisdictions=["GB"]
        )

    others = [
        "Brantly Ceiling Speaker",
        "Coven Fire Extinguisher",
        "Delmar Cooker Hood",
        "Espen Fire Blanket",
        "Farrow Ceiling Light",
        "Galen Range Hood",
        "Hollis Fire Alarm",
        "Ivers Speaker Stand",
    ]
    screener = screener_with(
        *(uk(f"R-UK-{n}", title) for n, title in enumerate(others)),
        uk("R-UK-MAKER", "Quessa Audio Ceiling Speaker Fire Hood"),
    )

    def decided(title: str) -> Decision:
        return screener.screen(Listing(listing_id="L", title=title, ship_to="GB"))

    another = decided("Tessella Audio Fire Hood")
    assert verdict_for(another, "R-UK-MAKER") is Verdict.ALLOW
    assert any("another maker's product" in note for note in notes_for(another, "R-UK-MAKER"))
    assert verdict_for(decided("Audio Fire Hood"), "R-UK-MAKER") is Verdict.REVIEW
    assert verdict_for(decided("Quessa Audio Fire Hood"), "R-UK-MAKER") is Verdict.BLOCK


def test_what_a_firm_makes_is_no_part_of_the_brand_a_seller_writes() -> None:
    # "Tarvo Equipment" recalls its "Vexomat" poles; sellers write "Tarvo Vexomat". What the firm's
    # name says it makes (equipment, gear, toys, games) weighs nothing in the brand's share: the
    # listing leaving it out names the whole brand, one writing it loses nothing. A brand of such
    # words alone ("Toys") keeps them.
    recall = cpsc(
        "R-KIND-FIRM",
        "Tarvo Equipment Recalls Vexomat Ski Poles Due to Injury Hazard",
        "This recall involves Tarvo Vexomat ski poles.",
        brands=["Tarvo Equipment"],
        product_names=["Tarvo Vexomat ski poles"],
    )
    family = [
        cpsc(f"R-TARVO-{n}", f"Tarvo Equipment Recalls {product}", brands=["Tarvo Equipment"],
             product_names=[f"Tarvo {product}"])
        for n, product in enumerate(["Corvane Harnesses", "Glissa Headlamps", "Marrow Carabiners"])
    ]  # fmt: skip
    screener = screener_with(*other_firms(4, "Ski Poles"), *family, recall)
    for title in ("Tarvo Vexomat", "Tarvo Equipment Vexomat"):
        assert verdict_for(screen(screener, title), "R-KIND-FIRM") is Verdict.BLOCK, title
    assert _named_by_sellers(["tarvo", "equipment"]) == ["tarvo"]
    assert _named_by_sellers(["toy"]) == ["toy"]


def test_a_catalogue_number_the_notice_does_not_list_beside_a_shared_platform_code() -> None:
    # A maker's battery platform ("Q18") is a short code hundreds of its tools carry; the notice
    # lists it beside the recalled saw's catalogue number ("4826-20"). A listing giving the
    # platform and another catalogue number of the maker's numbering ("4727-20") is another tool.
    # A season or a range written in hyphened digits claims no model.
    recall = cpsc(
        "R-CATALOGUE",
        "Quorra Tool Recalls Q18 Vexo Top Handle Chainsaws Due to Laceration Hazard",
        "This recall involves the Q18 Vexo Top Handle Chainsaw, catalog number 4826-20.",
        brands=["Quorra Tool"],
        product_names=["Q18 Vexo Top Handle Chainsaws"],
        models=["Q18", "4826-20"],
    )
    screener = screener_with(*other_firms(4, "Chainsaws"), recall)
    another = screen(screener, "Quorra Q18 Vexo 4727-20")
    assert verdict_for(another, "R-CATALOGUE") is Verdict.ALLOW
    assert any("listing names model '4727-20'" in note for note in notes_for(another, "R-CATALOGUE"))
    assert verdict_for(screen(screener, "Quorra Q18 Vexo 4826-20"), "R-CATALOGUE") is Verdict.BLOCK

    def claims(title: str) -> list[str]:
        view = analyse(Listing(listing_id="L", title=title), screener.index, Policy())
        return [claim.written for claim in view.model_claims]

    assert claims("Quorra Q18 Vexo 4727-20") == ["4727-20"]
    assert claims("Quorra Q18 Vexo 2019-20 season") == []
    assert claims("Quorra Q18 Vexo 100-240 volts") == []


def test_a_rating_weighs_little_in_what_a_notice_must_account_for() -> None:
    # "11,800 BTU", "115V": what the model is rated at, not which model it is. A notice that names
    # the maker's through-the-wall units and states no rating is not the less the product for it;
    # before, rare rating words (other notices' heaters state them) cut the share the notice
    # accounts for, and the maker's product named whole went to a person, or was allowed.
    recall = cpsc(
        "R-RATED",
        "Quorra Manufacturing Recalls Vexo Through-The-Wall Air Conditioners and Heat Pumps",
        brands=["Quorra Manufacturing"],
        product_names=["Vexo Through the Wall air conditioners or heat pumps"],
    )
    rated = [
        cpsc(f"R-HEATER-{n}", f"{maker} Recalls 115V {btu} BTU Patio Heaters", brands=[maker])
        for n, (maker, btu) in enumerate([("Tarvo", "30,000"), ("Marrow", "40,000")])
    ]
    screener = screener_with(*other_firms(6, "Air Conditioners"), *rated, recall)
    named_whole = "Vexo 12,000 BTU Through-the-Wall Air Conditioner"
    assert verdict_for(screen(screener, named_whole), "R-RATED") is Verdict.BLOCK
    title = "Vexo 11,800 BTU 115V Through-the-Wall Air Conditioner with Remote"
    assert verdict_for(screen(screener, title), "R-RATED") is Verdict.REVIEW
    view = analyse(Listing(listing_id="L", title=title), screener.index, Policy())
    weights = {word.readings: word.weight for word in view.informative}
    # It weighs nothing: the notice need not account for it, and one that states another rating
    # says so (`out_of_scope._another_rating`).
    assert weights[("btu",)] == 0.0 and weights[("115v",)] == 0.0
    # A year is no rating: it is the model's, which the notice's scope reads.
    assert all(
        word.weight == 1.0
        for word in analyse(
            Listing(listing_id="L", title="2019 Vexo Air Conditioner"), screener.index, Policy()
        ).informative
        if word.readings == ("2019",)
    )


def test_a_code_s_pieces_name_the_notice_s_models() -> None:
    # "KX-345T/355T": two codes joined by a slash, and the series' letters hyphened before the
    # notice's own number. The number before a hyphened suffix ("Q101" of "Q101-04") is not
    # taken: the suffix says which model of the line it is.
    recall = cpsc(
        "R-PIECES",
        "Quorra Recalls Treadmills Due to Fall Hazard",
        "This recall involves Quorra 345T, 355T and 630T treadmills.",
        brands=["Quorra"],
        product_names=["Quorra Treadmills"],
        models=["345T", "355T", "630T"],
    )
    numbered = cpsc(
        "R-SUFFIXED",
        "Vexo Recalls Folding Treadmills Due to Fall Hazard",
        "This recall involves Vexo Q101-05 folding treadmills.",
        brands=["Vexo"],
        product_names=["Vexo Q101-05 Treadmills"],
        models=["Q101", "Q101-05"],
    )
    screener = screener_with(*other_firms(6, "Treadmills"), recall, numbered)
    assert verdict_for(screen(screener, "Quorra KX-345T/355T Treadmill"), "R-PIECES") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Quorra KX-630T Treadmill"), "R-PIECES") is Verdict.BLOCK
    view = analyse(Listing(listing_id="L", title="Vexo Q101-04 Treadmill"), screener.index, Policy())
    assert "Q101" not in {code.key for code in view.codes}


def test_a_seller_s_letters_run_onto_the_notice_s_number_go_to_a_person_beside_the_brand() -> None:
    # "Kellvane KB4580 Adjustable Dumbbells": the notice numbers its models in digits alone ("Model
    # 3270" and "Model 4580"); a seller wrote the maker's catalogue letters onto one. That is the
    # recalled model, or another the maker numbers alike ("XL4000" beside "4000"): beside the
    # brand, a person looks, where the number written whole blocks. Letters onto a number the
    # notice does not list name none of its models.
    recall = cpsc(
        "R-RUN-ON",
        "Kellvane Recalls Adjustable Dumbbells Due to Impact Hazard",
        "This recall involves Kellvane Model 3270 and Model 4580 adjustable dumbbells.",
        brands=["Kellvane"],
        product_names=["Kellvane 3270 Adjustable Dumbbells", "Kellvane 4580 Adjustable Dumbbells"],
        models=["3270", "4580"],
    )
    dumbbells = screener_with(*other_firms(6, "Adjustable Dumbbells"), recall)
    run_on = screen(dumbbells, "Kellvane KB4580 Adjustable Dumbbells")
    assert verdict_for(run_on, "R-RUN-ON") is Verdict.REVIEW
    assert any("only inside a code of its own ('kb4580')" in note for note in notes_for(run_on, "R-RUN-ON"))
    assert verdict_for(screen(dumbbells, "Kellvane 4580 Adjustable Dumbbells"), "R-RUN-ON") is Verdict.BLOCK
    view = analyse(Listing(listing_id="L", title="Kellvane KB4581 Dumbbells"), dumbbells.index, Policy())
    assert not {code.key for code in view.codes} & {"3270", "4580", "4581"}


def test_another_maker_s_code_holding_a_notice_s_number_is_not_its_model() -> None:
    # "BR9400TX" holds the notice's distinctive "9400TX": without the notice's brand it is another
    # maker's code, which names another model, as it did before its number was read inside it. The
    # number written whole anywhere in the listing still identifies the model, whatever comes first.
    rowers = cpsc(
        "R-INSIDE",
        "Halden Recalls Rowing Machines Due to Fall Hazard",
        brands=["Halden"],
        product_names=["Halden 9400TX Rowing Machines"],
        models=["9400TX"],
    )
    screener = screener_with(*other_firms(6, "Rowing Machines"), rowers)
    other = screen(screener, "BR9400TX Rowing Machine")
    assert verdict_for(other, "R-INSIDE") is Verdict.ALLOW
    assert any("listing names model 'br9400tx'" in note for note in notes_for(other, "R-INSIDE"))
    assert verdict_for(screen(screener, "Halden HR9400TX Rowing Machine"), "R-INSIDE") is Verdict.REVIEW
    for title in ("BR9400TX Rowing Machine 9400TX", "9400TX Rowing Machine BR9400TX"):
        assert verdict_for(screen(screener, title), "R-INSIDE") is Verdict.BLOCK, title
    with_field = screener.screen(
        Listing(listing_id="L-2", title="BR9400TX Rowing Machine", model="9400TX", ship_to="US")
    )
    assert verdict_for(with_field, "R-INSIDE") is Verdict.BLOCK
    # A number another notice lists as a model ("7100") is read inside a listing's code too; the
    # notice whose description gives it otherwise ("about 7100 units") does not hold it, and a
    # block on its own name stands. Beside the brand, a number inside a code gives the variant the
    # notice's name singles its model out by, for a person to check.
    heaters = cpsc(
        "R-INSIDE-NAME",
        "Tarvo Recalls Portable Glow 4000 Space Heaters Due to Fire Hazard",
        "About 7100 units were sold.",
        brands=["Tarvo"],
        product_names=["Portable Glow 4000 Space Heaters"],
    )
    generators = cpsc("R-GEN", "Kolt Recalls Generators", brands=["Kolt"], models=["4000", "7100"])
    screener = screener_with(*other_firms(6, "Space Heaters"), heaters, generators)
    plain = screen(screener, "Tarvo Portable Glow 4000 Space Heater KT7100")
    assert verdict_for(plain, "R-INSIDE-NAME") is Verdict.BLOCK
    inside = screen(screener, "Tarvo Glow XL4000 Space Heater")
    assert verdict_for(inside, "R-INSIDE-NAME") is Verdict.REVIEW
    assert any("inside a code of its own ('xl4000')" in note for note in notes_for(inside, "R-INSIDE-NAME"))


def test_a_short_model_number_the_notice_writes_singles_it_out_without_the_brand() -> None:
    # "Q7i Treadmill": no brand, a short model number (shared across brands, so not an identifier
    # alone) and the type, which many notices share. Only one notice writes "Q7i": the number
    # weighs as the rare word of the notice's it is, and the match goes to a person.
    recall = cpsc(
        "R-SHORT-MODEL",
        "Quorra Fitness Recalls Treadmills",
        "This program includes the following Quorra Fitness treadmills: Model 7000HR, Model 6500, Q7I.",
        brands=["Quorra Fitness"],
        product_names=["Quorra Fitness Treadmill"],
        models=["6500", "Q7I"],
    )
    screener = screener_with(*other_firms(6, "Treadmills"), recall)
    decision = screen(screener, "Q7i Treadmill")
    assert verdict_for(decision, "R-SHORT-MODEL") is Verdict.REVIEW
    assert verdict_for(screen(screener, "Treadmill"), "R-SHORT-MODEL") is Verdict.ALLOW


def test_a_motor_vehicle_record_covers_some_builds_and_every_trim_of_its_lines() -> None:
    # "Passenger car (Tarvo) · Vexo, Corvane": a car's recall covers the units of some build dates
    # or VINs, which the record does not list; a listing naming the line goes to a person, never
    # to block. What follows the whole line's name ("Vexo 110", "Vexo 1.6 HEV") is its body,
    # engine or trim, which the build decides; a number after part of a line's name ("Corvane
    # 750" against "Corvane Bob") is still another model.
    car = eu("R-CAR", "Passenger car (Tarvo) · Vexo, Corvane Bob", "Passenger car", "Tarvo")
    seat = eu("R-SEAT", "Car seat (Marrow)", "Car seat", "Marrow")
    assert "vehicle build dates or VINs" in car.partial_scope
    assert seat.partial_scope == []
    # A vehicle's type after the "·" is the product's name in other words: a toy's, a part's.
    assert eu("R-TOY", "Toy (Marrow) · Lorry", "Toy", "Marrow").partial_scope == []
    assert eu("R-MIRROR", "Mirror (Marrow) · Truck", "Mirror", "Marrow").partial_scope == []
    screener = screener_with(car, seat)

    def decided(title: str) -> Decision:
        return screener.screen(Listing(listing_id="L", title=title, ship_to="DE"))

    for title in ("Tarvo Vexo", "Tarvo Vexo 110", "Tarvo Vexo 1.6 HEV (2024)"):
        decision = decided(title)
        assert verdict_for(decision, "R-CAR") is Verdict.REVIEW, title
        assert any("vehicle build dates or VINs" in n for n in notes_for(decision, "R-CAR")), title
    assert verdict_for(decided("Tarvo Corvane 750"), "R-CAR") is Verdict.ALLOW


def test_a_vehicle_line_written_as_its_family_is_named_whole_by_its_name() -> None:
    # "Passenger car (Tarvo) · Vexo-Class": the class is every model of the line, so "Tarvo Vexo
    # 420qe Tractiv" names its engine and trim, which the build decides, not another model.
    car = eu("R-CLASS", "Passenger car (Tarvo) · Vexo-Class", "Passenger car", "Tarvo")
    screener = screener_with(car, eu("R-SEAT", "Car seat (Marrow)", "Car seat", "Marrow"))
    decision = screener.screen(Listing(listing_id="L", title="Tarvo Vexo 420qe Tractiv", ship_to="DE"))
    assert verdict_for(decision, "R-CLASS") is Verdict.REVIEW
    assert any("vehicle build dates or VINs" in n for n in notes_for(decision, "R-CLASS"))


def test_the_type_alone_of_a_record_filed_under_its_firm_names_another_firm_s_product() -> None:
    # "Shampoo (Tarvo) · Vexo hair repair": a listing that shares no word but the type with it, and
    # names none of its firm, is another firm's product of the type ("Quorra Hair Colouring
    # Shampoo"): allowed, with the reason. Naming the firm, it is the record's product.
    screener = screener_with(
        eu("R-SHAMPOO", "Shampoo (Tarvo) · Vexo hair repair", "Shampoo", "Tarvo"),
        # Other firms' shampoos and hair products: the type and "hair" are common words, as in
        # the regulators' files.
        *(eu(f"R-SHAMPOO-{firm}", f"Shampoo ({firm})", "Shampoo", firm) for firm in _OTHER_FIRMS[:4]),
        *other_firms(8, "Hair Colouring Creams"),
    )

    def decided(title: str) -> Decision:
        return screener.screen(Listing(listing_id="L", title=title, ship_to="DE"))

    other = decided("Quorra Hair Colouring Shampoo")
    assert verdict_for(other, "R-SHAMPOO") is Verdict.ALLOW
    assert any("another firm's product of the type" in n for n in notes_for(other, "R-SHAMPOO"))
    named = decided("Tarvo Hair Colouring Shampoo")
    assert verdict_for(named, "R-SHAMPOO") is not Verdict.ALLOW
    assert not any("another firm's" in n for n in notes_for(named, "R-SHAMPOO"))


def test_a_record_s_type_before_its_brand_is_all_type_and_its_line_decides() -> None:
    # "Eyeshadow palette (Quorra) · Quorra Desert Nudes 12 Colour Palette": "eyeshadow" is as rare
    # as a line's name, but it is the record's type. The brand and that type with another line
    # ("Midnight Smokes") are the brand's other palette; with the record's line, its own.
    palette = eu(
        "R-TYPE-BRAND",
        "Eyeshadow palette (Quorra) · Quorra Desert Nudes 12 Colour Palette",
        "Eyeshadow palette",
        "Quorra",
    )
    # Other firms' palettes make the type common; a few notices use the other line's words.
    palettes = [
        eu(f"R-PALETTE-{f}", f"Eyeshadow palette ({f})", "Eyeshadow palette", f) for f in _OTHER_FIRMS[:4]
    ]
    smoke = [
        cpsc(f"R-SMOKE-{f}", f"{f} Recalls Midnight Smoke Alarms", brands=[f]) for f in _OTHER_FIRMS[4:6]
    ]
    colours = [
        cpsc(f"R-COLOURS-{f}", f"{f} Recalls Lipsticks in 12 Colours", brands=[f]) for f in _OTHER_FIRMS[6:]
    ]
    screener = screener_with(palette, *palettes, *smoke, *colours)

    def decided(title: str) -> Decision:
        return screener.screen(Listing(listing_id="L", title=title, ship_to="DE"))

    other = decided("Quorra Midnight Smokes Eyeshadow Palette 12 Colours")
    assert verdict_for(other, "R-TYPE-BRAND") is Verdict.ALLOW
    assert any("names its line (desert, nude)" in n for n in notes_for(other, "R-TYPE-BRAND"))
    own = decided("Quorra Desert Nudes Eyeshadow Palette 12 Colours")
    assert verdict_for(own, "R-TYPE-BRAND") is Verdict.BLOCK


def test_a_description_s_brand_and_type_line_names_no_more_than_the_brand_and_type() -> None:
    # "This recall involves Tarvo harnesses …" beside product names of its lines: the listing that
    # names the brand, the type and a line of its own is another of the brand's harnesses. Where
    # the notice's names single out nothing more than the brand and the type ("Marrow Bikes Model
    # QX01"), the brand's bike is still the notice's product.
    harnesses = cpsc(
        "R-HARNESS",
        "Tarvo America Recalls Vexo and Quindle Harnesses Due to Fall Hazard",
        "This recall involves Tarvo harnesses sold individually and in packs of five.",
        brands=["Tarvo America"],
        product_names=["Tarvo Vexo Climbing and Quindle Park Harnesses"],
    )
    bikes = cpsc(
        "R-BIKE",
        "Marrow Recalls Exercise Bikes Due to Fall Hazard",
        "This recall involves Marrow Bikes with model number QX01.",
        brands=["Marrow"],
        product_names=["Marrow Bikes Model QX01"],
    )
    screener = screener_with(
        harnesses, bikes, *other_firms(6, "Climbing Harnesses"), *other_firms(12, "Bikes")[6:]
    )
    other = screen(screener, "Tarvo Kids Zorbit Harness")
    assert verdict_for(other, "R-HARNESS") is Verdict.ALLOW
    assert any("names its line (vexo" in n for n in notes_for(other, "R-HARNESS"))
    assert verdict_for(screen(screener, "Tarvo Vexo Climbing Harness"), "R-HARNESS") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Marrow Bike Basics"), "R-BIKE") is not Verdict.ALLOW


def test_a_number_the_description_gives_as_a_size_is_no_other_variant() -> None:
    # "Tarvo Vexo 50 backboard": the seller left out the unit of the notice's "50-inch"; a number
    # the notice gives no size of is still another variant.
    goals = cpsc(
        "R-GOALS",
        "Tarvo Recalls Vexo Portable Basketball Goals Due to Impact Hazard",
        "This recall involves Tarvo Vexo Portable Basketball Goals. The goals have a 50-inch or "
        "a 54-inch backboard.",
        brands=["Tarvo"],
        product_names=["Tarvo Vexo Portable Basketball Goals"],
    )
    screener = screener_with(goals)
    sized = screen(screener, "Tarvo Vexo 50 acrylic portable basketball goal")
    assert verdict_for(sized, "R-GOALS") is not Verdict.ALLOW
    assert not any("another variant" in n for n in notes_for(sized, "R-GOALS"))
    other = screen(screener, "Tarvo Vexo 60 acrylic portable basketball goal")
    assert any("another variant" in n for n in notes_for(other, "R-GOALS"))


@pytest.mark.parametrize(
    ("product", "said", "title"),
    [
        ("Mountain Bicycles", "Tarvo Vexo mountain bicycles in all sizes.", "Tarvo Vexo 27.5 mountain bike"),
        ("Ski Boots", "Tarvo Vexo ski boots. All sizes are included.", "Tarvo Vexo ski boots 26.5"),
        ("Hiking Boots", "Tarvo Vexo hiking boots in sizes 6 through 11.", "Tarvo Vexo hiking boots 8.5"),
        # A toddler's sizes ("2T") run on into a child's: "4T" is one of them.
        ("Hoodies", "Tarvo Vexo children's hoodies, sizes 2T to 7.", "Tarvo Vexo kids hoodie 4T"),
        # Children's shoe sizes go round after 13½: "10 through 3" holds 13 and 1.
        ("Sneakers", "Tarvo Vexo kids' sneakers in sizes 10 through 3.", "Tarvo Vexo kids sneakers 13"),
        ("Sneakers", "Tarvo Vexo kids' sneakers in sizes 10 through 3.", "Tarvo Vexo kids sneakers 1"),
        ("Bicycles", "Tarvo Vexo kids' bicycles in sizes 20 through 16.", "Tarvo Vexo kids bike 18"),
        ("Treadmills", "Tarvo Vexo treadmills, regardless of model number.", "Tarvo Vexo 450 treadmill"),
        ("Treadmills", "Tarvo Vexo treadmills. All model numbers are included.", "Tarvo Vexo 450 treadmill"),
    ],
)
def test_a_notice_of_every_size_or_model_number_covers_the_number_a_listing_gives(
    product: str, said: str, title: str
) -> None:
    screener = screener_with(
        cpsc(
            "R-EVERY",
            f"Tarvo Recalls Vexo {product} Due to Fall Hazard",
            f"This recall involves {said}",
            brands=["Tarvo"],
            product_names=[f"Tarvo Vexo {product}"],
        ),
    )
    assert verdict_for(screen(screener, title), "R-EVERY") is not Verdict.ALLOW


@pytest.mark.parametrize(
    ("product", "said", "title"),
    [
        # A size outside the sizes the notice gives, or a model's number beside them.
        ("Hiking Boots", "Tarvo Vexo hiking boots in sizes 6 through 11.", "Tarvo Vexo hiking boots 14"),
        ("Hiking Boots", "Tarvo Vexo hiking boots in sizes 6 through 11.", "Tarvo Vexo 900 hiking boots"),
        ("Hoodies", "Tarvo Vexo children's hoodies, sizes 2T to 5T.", "Tarvo Vexo kids hoodie 7"),
        ("Sneakers", "Tarvo Vexo kids' sneakers in sizes 10 through 3.", "Tarvo Vexo kids sneakers 5"),
        ("Sneakers", "Tarvo Vexo kids' sneakers in sizes 10 through 3.", "Tarvo Vexo kids sneakers 40"),
        # A run from a larger size is written high to low: no size below its end is in it.
        ("Bicycles", "Tarvo Vexo kids' bicycles in sizes 20 through 16.", "Tarvo Vexo kids bike 12"),
        # What says some sizes, or every model year, is not every size or model.
        (
            "Hiking Boots",
            "Tarvo Vexo hiking boots. Not all sizes are affected: only sizes 9 and 10.",
            "Tarvo Vexo hiking boots 7",
        ),
        (
            "Treadmills",
            "Tarvo Vexo treadmills sold in 2021, regardless of model year.",
            "Tarvo Vexo 900 treadmill",
        ),
    ],
)
def test_a_notice_of_some_sizes_does_not_cover_another_number(product: str, said: str, title: str) -> None:
    screener = screener_with(
        cpsc(
            "R-SOME",
            f"Tarvo Recalls Vexo {product} Due to Fall Hazard",
            f"This recall involves {said}",
            brands=["Tarvo"],
            product_names=[f"Tarvo Vexo {product}"],
        ),
    )
    assert verdict_for(screen(screener, title), "R-SOME") is Verdict.ALLOW


def test_one_size_a_notice_gives_is_not_every_size() -> None:
    # "in the size 28-622" (a tyre's size) is one size: another is another product.
    screener = screener_with(
        cpsc(
            "R-ONE-SIZE",
            "Tarvo Recalls Vexo Race Bicycle Tires Due to Fall Hazard",
            "This recall involves Tarvo Vexo Race bicycle tires in the size 28-622.",
            brands=["Tarvo"],
            product_names=["Tarvo Vexo Race Bicycle Tires"],
        ),
    )
    assert verdict_for(screen(screener, "Tarvo Vexo Race 26"), "R-ONE-SIZE") is Verdict.ALLOW


def test_a_generation_written_another_way_is_the_notices_own() -> None:
    # "Tessaly II" is sold as "Tessaly 2", "Mk II" as "Mark 2" or "MK2", "V2" as "Version 2" or
    # "V2.0": the notice's own model, never another variant of the line. Another number is still
    # another model.
    def screener_of(name: str) -> Screener:
        return screener_with(
            cpsc(
                "R-GEN",
                f"Kellor Recalls {name} Due to Fall Hazard",
                f"This recall involves Kellor {name}.",
                brands=["Kellor"],
                product_names=[f"Kellor {name}"],
            ),
            *other_firms(12, "Jogging Strollers"),
        )

    for name, titles in (
        ("Tessaly II Jogging Strollers", ["Kellor Tessaly 2 jogging stroller"]),
        (
            "Tessaly 2 Jogging Strollers",
            ["Kellor Tessaly II jogging stroller", "Kellor Tessaly Two jogging stroller"],
        ),
        (
            "Tessaly Mk II Jogging Strollers",
            ["Kellor Tessaly Mark 2 jogging stroller", "Kellor Tessaly MK2 jogging stroller"],
        ),
        (
            "Tessaly V2 Jogging Strollers",
            ["Kellor Tessaly Version 2 jogging stroller", "Kellor Tessaly V2.0 jogging stroller"],
        ),
    ):
        screener = screener_of(name)
        for title in titles:
            assert verdict_for(screen(screener, title), "R-GEN") is not Verdict.ALLOW, (name, title)
        other = screen(screener, "Kellor Tessaly 3 jogging stroller")
        assert verdict_for(other, "R-GEN") is Verdict.ALLOW, name
    # The number stands where the name has it: a count or an ordinal elsewhere ("2nd hand"), or a
    # class's numeral ("Class II"), is not the name's.
    second = screener_of("Tessaly 2 Jogging Strollers")
    for title in (
        "Kellor Tessaly jogging stroller 2nd hand",
        "Kellor Tessaly jogging stroller with two cup holders",
    ):
        assert verdict_for(screen(second, title), "R-GEN") is Verdict.ALLOW, title
    classed = screener_of("Tessaly Class II Jogging Strollers")
    assert (
        verdict_for(screen(classed, "Kellor Tessaly 2 Class III jogging stroller"), "R-GEN") is Verdict.ALLOW
    )


def test_a_listed_model_beside_the_name_is_read_as_the_models_own_not_as_a_piece() -> None:
    # "X1" is a model the notice lists: the listing's "X1" names its own model, and the "9" and "8"
    # of "9.8" written apart are then no other variant (a person checks the serial numbers).
    recall = from_api(
        "R-X1",
        "Tarvo Recalls Kolt Bicycles Due to Fall Hazard",
        "This recall involves model year 2015 Tarvo 9.8 Kolt FS SL, X1 and XT bicycles. Recalled "
        "bicycles have a serial number ending in J or K.",
        product="Tarvo 9.8 Kolt FS SL, X1 and XT bicycles",
        maker="Tarvo",
    )
    described = screener_with(recall).screen(
        Listing(
            listing_id="L-1",
            title="Great item, see description",
            description="Tarvo 9 XT FS 8 SL X1 bicycles",
        )
    )
    assert verdict_for(described, "R-X1") is Verdict.REVIEW


def test_a_listed_model_as_printed_names_the_model_whatever_code_stands_beside_it() -> None:
    # "E26 … Bulb K160": the listing gives the notice's own K160; the base's code is no other model.
    screener = screener_with(
        cpsc(
            "R-BULBS",
            "Kellvane Recalls Smart LED Bulbs Due to Fire Hazard",
            "This recall involves Kellvane smart LED bulbs, model numbers K150 and K160.",
            brands=["Kellvane"],
            product_names=["Kellvane Smart LED Bulbs"],
            models=["K150", "K160"],
        ),
        *other_firms(10, "LED Bulbs"),
    )
    assert verdict_for(screen(screener, "Kellvane E26 Smart LED Bulb K160"), "R-BULBS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Kellvane E26 Smart LED Bulb K170"), "R-BULBS") is Verdict.ALLOW
    # A generation's number after the listed model is a later model still.
    assert verdict_for(screen(screener, "Kellvane Smart LED Bulb K160 V2"), "R-BULBS") is Verdict.ALLOW


def test_a_numbered_piece_of_a_listed_model_is_no_other_variant() -> None:
    # Models "VG-10K" and "VG-20K": a seller writing "20K" names one of them; "30K" is another.
    screener = screener_with(
        cpsc(
            "R-PIECE",
            "Vexo Recalls Glissa Portable Power Banks Due to Fire Hazard",
            "This recall involves Vexo Glissa portable power banks.",
            brands=["Vexo"],
            product_names=["Vexo Glissa Portable Power Banks"],
            models=["VG-10K", "VG-20K"],
        ),
    )
    assert (
        verdict_for(screen(screener, "Vexo Glissa 20K portable power bank"), "R-PIECE") is not Verdict.ALLOW
    )
    other = screen(screener, "Vexo Glissa 30K portable power bank")
    assert verdict_for(other, "R-PIECE") is Verdict.ALLOW
    # After a word of its own, the piece may name a sibling ("Glissa Mini 20K").
    sibling = screen(screener, "Vexo Glissa Mini 20K portable power bank")
    assert verdict_for(sibling, "R-PIECE") is Verdict.ALLOW


def test_a_capacity_the_description_gives_and_a_sellers_counts_are_no_other_variant() -> None:
    # "Tarvo Vexo 4.2 air fryer": the unit of the notice's "4.2-quart basket" left out; "1 owner"
    # and "lot of 2" count what the seller had, not which model it is. Another number is still
    # another variant.
    fryers = cpsc(
        "R-FRYERS",
        "Tarvo Recalls Vexo Air Fryers Due to Burn Hazard",
        "This recall involves Tarvo Vexo air fryers with a 4.2-quart basket.",
        brands=["Tarvo"],
        product_names=["Tarvo Vexo Air Fryers"],
    )
    screener = screener_with(fryers)
    assert_read_as_the_notices(
        screener,
        "R-FRYERS",
        (
            "Tarvo Vexo 4.2 air fryer black",
            "Tarvo Vexo air fryer 1 owner",
            "Tarvo Vexo air fryer lot of 2",
            "Tarvo Vexo air fryer qty 3",
            # How many of a thing a bundle adds.
            "Tarvo Vexo air fryer + 2 Baskets",
        ),
    )
    # Another number is another variant, and so is a count "with" gives: the product's own.
    assert_another_variant(
        screener, "R-FRYERS", ("Tarvo Vexo 7 air fryer black", "Tarvo Vexo air fryer with 2 baskets")
    )
    # A number the notice also names a model by is no size: "Vexo 2" is the later blender.
    blenders = cpsc(
        "R-BLENDERS",
        "Tarvo Recalls Vexo Blenders Due to Laceration Hazard",
        "This recall involves the original Tarvo Vexo blender with a 2-liter jar. The later Vexo 2 and "
        "Vexo 3 blenders are not included.",
        brands=["Tarvo"],
        product_names=["Tarvo Vexo Blenders"],
    )
    later = screen(screener_with(blenders), "Tarvo Vexo 2 blender")
    assert verdict_for(later, "R-BLENDERS") is Verdict.ALLOW


def test_a_count_a_deal_or_a_rank_in_sale_talk_is_no_other_variant() -> None:
    # Sellers say how many they sell in a bracket of its own or by the containers ("(3)", "3
    # jars"), a deal's terms ("2 for 1") and their rank ("#1 Best Seller"): none names a model of
    # the line. A number beside the line's name still does.
    candles = cpsc(
        "R-CANDLES",
        "Kellor Recalls Glow Scented Candles Due to Fire Hazard",
        "This recall involves Kellor Glow scented candles in glass jars.",
        brands=["Kellor"],
        product_names=["Kellor Glow Scented Candles"],
    )
    screener = screener_with(candles)
    assert_read_as_the_notices(
        screener,
        "R-CANDLES",
        (
            "Kellor Glow Scented Candle (3)",
            "(2) Kellor Glow Scented Candles",
            "Kellor Glow Scented Candle 3 jars",
            "Kellor Glow Scented Candle 2 for 1",
            "Kellor Glow Scented Candle, buy 2 get 1 free",
            "Kellor Glow Scented Candle #1 Best Seller",
            "Kellor Glow Scented Candle, Rated No. 1",
        ),
    )
    # Beside the line's name, in brackets or before a container of its own, a number is a model's.
    assert_another_variant(
        screener,
        "R-CANDLES",
        (
            "Kellor Glow 3 Scented Candle",
            "Kellor Glow 2 Scented Candles (3)",
            "Kellor Glow (3) Scented Candle",
            "Kellor Glow 2 Jar Candle",
        ),
    )


def test_a_notices_own_name_holding_a_deal_or_a_top_still_matches_itself() -> None:
    # A deal's terms ("2 for 1") are read apart from the variants alone, and "Top" before a
    # number is a rank only before a rank's word: a name holding either still matches itself.
    seats = cpsc(
        "R-DEAL",
        "Quorra Recalls Vexo 2 for 1 Booster Seats Due to Fall Hazard",
        "This recall involves Quorra Vexo 2 for 1 booster seats.",
        brands=["Quorra"],
        product_names=["Quorra Vexo 2 for 1 Booster Seat"],
    )
    cooktops = cpsc(
        "R-TOP",
        "Halden Recalls Brio Gas Cook Tops Due to Fire Hazard",
        "This recall involves Halden Brio gas cook top 36 models.",
        brands=["Halden"],
        product_names=["Halden Brio Gas Cook Top 36"],
    )
    screener = screener_with(seats, cooktops)
    assert verdict_for(screen(screener, "Quorra Vexo 2 for 1 Booster Seat"), "R-DEAL") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Halden Brio Gas Cook Top 36"), "R-TOP") is not Verdict.ALLOW


def test_a_count_of_containers_is_no_variant_but_says_what_the_product_is() -> None:
    # "12 Jars" names no model, but food sold in jars is no food maker: its words still count.
    makers = cpsc(
        "R-MAKERS",
        "Halden Recalls Baby Food Makers Due to Burn Hazard",
        "This recall involves Halden baby food makers.",
        brands=["Halden"],
        product_names=["Halden Baby Food Maker"],
    )
    screener = screener_with(makers)
    decision = screen(screener, "Halden Baby Food, 12 Jars")
    assert verdict_for(decision, "R-MAKERS") is not Verdict.BLOCK
    assert not any("another variant" in n for n in notes_for(decision, "R-MAKERS"))


def test_the_terms_of_a_sale_in_a_time_and_a_sellers_stars_are_no_other_variant() -> None:
    # "30 Day Returns", "90-Day Warranty", "5 Star Rated": what the seller offers, not which model.
    # A time or stars alone may be a name's own ("7 Day"), read as before.
    seats = cpsc(
        "R-SEATS",
        "Tarvo Recalls Nimbus Baby Bath Seats Due to Drowning Hazard",
        "This recall involves Tarvo Nimbus baby bath seats.",
        brands=["Tarvo"],
        product_names=["Tarvo Nimbus Baby Bath Seat"],
    )
    screener = screener_with(seats)
    assert_read_as_the_notices(
        screener,
        "R-SEATS",
        (
            "Tarvo Nimbus Baby Bath Seat - 30 Day Returns",
            "Tarvo Nimbus Baby Bath Seat 90-Day Warranty",
            "Tarvo Nimbus Baby Bath Seat, 2 Day Shipping",
            "Tarvo Nimbus Baby Bath Seat 5 Star Rated",
        ),
    )
    assert_another_variant(
        screener, "R-SEATS", ("Tarvo Nimbus 7 Day Baby Bath Seat", "Tarvo Nimbus Baby Bath Seat 90 Day")
    )


def test_the_terms_of_a_sale_are_no_words_of_the_name_the_notice_must_account_for() -> None:
    # A seller's terms, counts and ranks after the name say nothing of which product it is: the
    # listing is judged as its name alone is, not sent to a person because the notice accounts for
    # less of a title they made longer.
    strollers = cpsc(
        "R-STROLLERS",
        "Quorra Recalls Glissa Strollers Due to Fall Hazard",
        "This recall involves Glissa strollers.",
        brands=["Quorra"],
        product_names=["Glissa Stroller"],
    )
    screener = screener_with(strollers)
    assert verdict_for(screen(screener, "Glissa Stroller"), "R-STROLLERS") is Verdict.BLOCK
    for title in (
        "Glissa Stroller - 30 Day Returns",
        "Glissa Stroller 30 Days Free Returns",
        "Glissa Stroller, 90-Day Warranty",
        "Glissa Stroller - 24 Hour Dispatch",
        "Glissa Stroller 60 Day Trial",
        # in hours written short, a rank among others, which of a seller's listings it is
        "Glissa Stroller - 24H Dispatch",
        "Glissa Stroller - Top 10 Best",
        "Glissa Stroller (1 of 2)",
    ):
        assert verdict_for(screen(screener, title), "R-STROLLERS") is Verdict.BLOCK, title


def test_a_british_spelling_of_the_notices_product_is_the_product() -> None:
    # "Tyre" is the notice's "tire": the recalled tire itself, not a part sold for it.
    tires = cpsc(
        "R-TIRES",
        "Tarvo Recalls Vexo Bicycle Tires Due to Fall Hazard",
        "This recall includes Tarvo Vexo bicycle tires.",
        brands=["Tarvo"],
        product_names=["Tarvo Vexo Bicycle Tires"],
    )
    screener = screener_with(tires)
    for title in ("Tarvo Vexo Tyre", "Tarvo Vexo Bicycle Tyres"):
        assert verdict_for(screen(screener, title), "R-TIRES") is Verdict.BLOCK, title


def test_letters_of_its_own_where_the_notices_name_has_its_letter_code_name_another_model() -> None:
    # "<Line> K" singles one model of the line out by its letters; a listing writing letters of
    # its own in their place ("<Line> JX") names the line's other model, as another number does.
    # Letters that say the unit's size, market, safety mark or power name no model.
    tires = cpsc(
        "R-LETTERS",
        "Tarvo Recalls Vexo K Bicycle Tires Due to Fall Hazard",
        "This recall includes Tarvo Vexo K bicycle tires.",
        brands=["Tarvo"],
        product_names=["Tarvo Vexo K Bicycle Tires"],
    )
    screener = screener_with(tires)
    for title in ("Tarvo Vexo JX Tire", "Tarvo Vexo HW Sport Tire", "Tarvo Vexo KS Tire"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-LETTERS") is Verdict.ALLOW, title
        assert any("another model of the line" in n for n in notes_for(decision, "R-LETTERS")), title
    for title in ("Tarvo Vexo K Tire", "Tarvo Vexo K Tire Black", "Tarvo Vexo UK Tire", "Tarvo Vexo CE Tire"):
        assert verdict_for(screen(screener, title), "R-LETTERS") is not Verdict.ALLOW, title
    # Letters that are a piece of a hyphened word ("E-Scooter") or a mark ("(R)", "TM") in the
    # notice's name single no model out.
    scooters = cpsc(
        "R-HYPHENED",
        "Kolt Recalls Vexo E-Scooters Due to Fall Hazard",
        "This recall involves Kolt Vexo e-scooters.",
        brands=["Kolt"],
        product_names=["Kolt Vexo E-Scooter"],
    )
    strollers = cpsc(
        "R-MARKED",
        "Kellor Recalls Pavo Strollers Due to Fall Hazard",
        "This recall involves Kellor Pavo strollers.",
        brands=["Kellor"],
        product_names=["Kellor Pavo(R) Stroller"],
    )
    screener = screener_with(scooters, strollers, tires)
    for title, recall_id in (
        ("Kolt Vexo GT E-Scooter", "R-HYPHENED"),
        ("Kellor Pavo LX Stroller", "R-MARKED"),
        # a seller's shorthand for the unit's condition, and letters not written as a code is
        ("Tarvo Vexo EX Tire", "R-LETTERS"),
        ("Tarvo Vexo Jx Tire", "R-LETTERS"),
    ):
        decision = screen(screener, title)
        assert not any("another model of the line" in n for n in notes_for(decision, recall_id)), title


def test_a_size_of_two_sides_names_no_model_of_the_line() -> None:
    # "24 x 36", "26x2.1", "650x28": each side is the size's, not the line's other model; a count
    # after the model's number ("<Line> 3 x2") leaves the number the model's.
    rugs = cpsc(
        "R-RUGS",
        "Kellor Recalls Glissa Rugs Due to Fall Hazard",
        "This recall involves Kellor Glissa rugs.",
        brands=["Kellor"],
        product_names=["Kellor Glissa Rug"],
    )
    tires = cpsc(
        "R-TIRES",
        "Tarvo Recalls Vexo Bicycle Tires Due to Fall Hazard",
        "This recall includes Tarvo Vexo bicycle tires.",
        brands=["Tarvo"],
        product_names=["Tarvo Vexo Bicycle Tires"],
    )
    screener = screener_with(rugs, tires)
    for title, recall_id in (
        ("Kellor Glissa Rug 24 x 36", "R-RUGS"),
        ("Kellor Glissa 24in x 36in Rug", "R-RUGS"),
        ("Tarvo Vexo 26x2.1 Bicycle Tire", "R-TIRES"),
        ("Tarvo Vexo 650x28 Road Bicycle Tire", "R-TIRES"),
    ):
        decision = screen(screener, title)
        assert verdict_for(decision, recall_id) is not Verdict.ALLOW, title
        assert not any("another variant" in n for n in notes_for(decision, recall_id)), title
    decision = screen(screener, "Kellor Glissa 3 x2 Rug")
    assert any("another variant" in n for n in notes_for(decision, "R-RUGS"))
    # Where the notice gives the sizes of its products, another size is another model.
    binoculars = cpsc(
        "R-SIZED",
        "Quorra Recalls Vela 8x42 Binoculars Due to Laceration Hazard",
        "This recall involves Quorra Vela 8x42 binoculars.",
        brands=["Quorra"],
        product_names=["Quorra Vela 8x42 Binoculars"],
    )
    sheds = cpsc(
        "R-SHEDS",
        "Halden Recalls Brio Garden Sheds Due to Injury Hazard",
        "This recall involves Halden Brio 8x6 garden sheds. They are sold in a 200 x 60 x 20 box.",
        brands=["Halden"],
        product_names=["Halden Brio Garden Shed"],
    )
    screener = screener_with(binoculars, sheds)
    assert verdict_for(screen(screener, "Quorra Vela 8 x 42 Binoculars"), "R-SIZED") is not Verdict.ALLOW
    for title, recall_id in (
        ("Quorra Vela 10x42 Binoculars", "R-SIZED"),
        ("Halden Brio 10x8 Garden Shed", "R-SHEDS"),
    ):
        decision = screen(screener, title)
        assert verdict_for(decision, recall_id) is Verdict.ALLOW, title
        assert any("another size" in n for n in notes_for(decision, recall_id)), title
    # The same shed in other units, or with its height: no other size said; nor the box's size.
    for title in ("Halden Brio 96 x 72 in Garden Shed", "Halden Brio 8 x 6 x 7 ft Garden Shed"):
        assert verdict_for(screen(screener, title), "R-SHEDS") is not Verdict.ALLOW, title


def test_the_first_of_a_line_is_what_a_notice_naming_the_line_alone_means() -> None:
    # "V1", "Gen 1", "Version 1" mark the line's first, which a notice naming the line alone means;
    # "V2" is a later model, and a bare "1" still names a model of the line.
    line_only = cpsc(
        "R-LINE",
        "Kellor Recalls Aria Baby Monitors Due to Burn Hazard",
        "This recall involves Kellor Aria baby monitors.",
        brands=["Kellor"],
        product_names=["Kellor Aria Baby Monitor"],
    )
    screener = screener_with(line_only)
    assert_read_as_the_notices(
        screener,
        "R-LINE",
        (
            "Kellor Aria Baby Monitor Gen 1",
            "Kellor Aria Baby Monitor Version 1",
            "Kellor Aria V1 Baby Monitor",
        ),
    )
    assert_another_variant(screener, "R-LINE", ("Kellor Aria Baby Monitor V2", "Kellor Aria 1 Baby Monitor"))


def test_a_listings_generation_against_the_one_the_notice_names() -> None:
    # The notice's generation may be written anywhere in its name ("Vela II … Monitor" for "Vela
    # … Monitor Gen 2") or only in another of its names ("Recalls Second-Generation Lumo …"); a
    # version another name states ("Ranger V2 strollers") makes a listing's "V1" another model; a
    # size in the name ("16 Inch") or a class in its title ("Type II") numbers no generation; a bare
    # "Pima 2" is the "Pima … (2nd Generation)".
    stated = cpsc(
        "R-STATED",
        "Kellor Recalls Second-Generation Lumo Baby Monitors Due to Burn Hazard",
        "This recall involves Kellor Lumo baby monitors.",
        brands=["Kellor"],
        product_names=["Kellor Lumo Baby Monitor"],
    )
    roman = cpsc(
        "R-ROMAN",
        "Kellor Recalls Vela II Baby Monitors Due to Burn Hazard",
        "This recall involves Kellor Vela II baby monitors.",
        brands=["Kellor"],
        product_names=["Kellor Vela II Baby Monitor"],
    )
    described = cpsc(
        "R-DESCRIBED",
        "Vexo Recalls Ranger Strollers Due to Fall Hazard",
        "This recall involves Vexo Ranger V2 strollers with model number RGV2-100.",
        brands=["Vexo"],
        product_names=["Vexo Ranger Stroller"],
    )
    sized = cpsc(
        "R-SIZED",
        "Halden Recalls Breeze 16 Inch Fans Due to Fire Hazard",
        "This recall involves Halden Breeze 16 inch fans.",
        brands=["Halden"],
        product_names=["Halden Breeze 16 Inch Fan"],
    )
    classed = cpsc(
        "R-CLASSED",
        "Tarvo Recalls Type II Float Life Jackets Due to Drowning Hazard",
        "This recall involves Tarvo Float life jackets.",
        brands=["Tarvo"],
        product_names=["Tarvo Float Life Jacket"],
    )
    bracketed = cpsc(
        "R-BRACKETED",
        "Kellor Recalls Pima Baby Monitors Due to Burn Hazard",
        "This recall involves Kellor Pima baby monitors (2nd generation).",
        brands=["Kellor"],
        product_names=["Kellor Pima Baby Monitor (2nd Generation)"],
    )
    screener = screener_with(stated, roman, described, sized, classed, bracketed)
    for title, recall_id in (
        ("Kellor Lumo Baby Monitor Gen 2", "R-STATED"),
        ("Kellor Vela Baby Monitor Gen 2", "R-ROMAN"),
        ("Halden Breeze 16 Inch Fan V1", "R-SIZED"),
        # A bare number right after the line's word, where the name gives that generation.
        ("Kellor Pima 2 Baby Monitor", "R-BRACKETED"),
    ):
        assert verdict_for(screen(screener, title), recall_id) is not Verdict.ALLOW, title
    for title, recall_id in (
        ("Kellor Lumo Baby Monitor Gen 3", "R-STATED"),
        ("Kellor Vela Baby Monitor V3", "R-ROMAN"),
        ("Vexo Ranger V1 Stroller", "R-DESCRIBED"),
        ("Tarvo Float Life Jacket V2", "R-CLASSED"),
        ("Kellor Pima 3 Baby Monitor", "R-BRACKETED"),
    ):
        assert verdict_for(screen(screener, title), recall_id) is Verdict.ALLOW, title


def test_a_generation_in_roman_numerals_after_its_mark_is_read_as_in_digits() -> None:
    # "Mk III" is "Mk 3": against the notice's "Mk II", another generation; "Mk II" is its own. A
    # numeral without a mark is no variant ("IV Pole").
    tents = cpsc(
        "R-MARKED",
        "Kolt Recalls Vexo Mk II Tents Due to Fall Hazard",
        "This recall involves Kolt Vexo Mk II tents.",
        brands=["Kolt"],
        product_names=["Kolt Vexo Mk II Tent"],
    )
    poles = cpsc(
        "R-POLES",
        "Halden Recalls Brennic IV Poles Due to Fall Hazard",
        "This recall involves Halden Brennic IV poles.",
        brands=["Halden"],
        product_names=["Halden Brennic IV Pole"],
    )
    screener = screener_with(tents, poles)
    for title in ("Kolt Vexo Mk III Tent", "Kolt Vexo MkIII Tent", "Kolt Vexo Mark IV Tent"):
        assert verdict_for(screen(screener, title), "R-MARKED") is Verdict.ALLOW, title
    assert verdict_for(screen(screener, "Kolt Vexo Mk II Tent"), "R-MARKED") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Kolt Vexo Mk2 Tent"), "R-MARKED") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Halden Brennic IV Pole"), "R-POLES") is Verdict.BLOCK


def test_a_listing_showing_the_generation_the_notice_covers_shows_its_units() -> None:
    # A notice of one generation of a line covers only some of its units: the line named alone goes
    # to a person, but a listing naming the generation the notice's name gives shows it is one of
    # them, as a covered model year written does. Each of the generations a name lists counts
    # ("2nd and 3rd Generation").
    one = cpsc(
        "R-ONE",
        "Kellor Recalls Tessa Baby Monitors Due to Burn Hazard",
        "This recall involves Kellor Tessa baby monitors.",
        brands=["Kellor"],
        product_names=["Kellor Tessa Baby Monitor (Second Generation)"],
    )
    two = cpsc(
        "R-TWO",
        "Kellor Recalls Orvessa Baby Monitors Due to Burn Hazard",
        "This recall involves Kellor Orvessa baby monitors.",
        brands=["Kellor"],
        product_names=["Kellor Orvessa Baby Monitor (2nd and 3rd Generation)"],
    )
    screener = screener_with(one, two)
    for title in ("Kellor Tessa Baby Monitor Gen 2", "Kellor Tessa Baby Monitor V2"):
        assert verdict_for(screen(screener, title), "R-ONE") is Verdict.BLOCK, title
    # A bare number counts what comes with the product as often as it numbers a generation.
    for title in ("Kellor Tessa Baby Monitor", "Kellor Tessa Baby Monitor 2 Cameras"):
        assert verdict_for(screen(screener, title), "R-ONE") is Verdict.REVIEW, title
    assert verdict_for(screen(screener, "Kellor Tessa Baby Monitor Gen 3"), "R-ONE") is Verdict.ALLOW
    for title in ("Kellor Orvessa 2 Baby Monitor", "Kellor Orvessa Baby Monitor Gen 3"):
        assert verdict_for(screen(screener, title), "R-TWO") is not Verdict.ALLOW, title
    assert verdict_for(screen(screener, "Kellor Orvessa Baby Monitor Gen 4"), "R-TWO") is Verdict.ALLOW


def test_a_line_of_its_own_after_the_brand_where_the_notice_names_its_lines_in_prose() -> None:
    # A notice naming its product by the brand and the type ("Tarvo Cruiser bicycles") and its lines
    # only in what the recall involves, after the style ("beach cruiser style Tarvo Moon Six and El
    # Lobo model bicycles"): a listing naming a line of its own after the brand is another
    # product of the brand; one naming a line of the notice's, or none, is the notice's.
    cruisers = cpsc(
        "R-CRUISERS",
        "Tarvo Bicycles Recalls Cruiser Bicycles Due to Crash Hazard",
        "This recall involves beach cruiser style Tarvo Moon Six and El Lobo model bicycles with one "
        "speed and coaster brakes.",
        brands=["Tarvo"],
        product_names=["Tarvo Cruiser bicycles"],
    )
    # Other firms' cruisers: the style is a common word, as it is among real notices.
    screener = screener_with(cruisers, *other_firms(3, "Cruiser Bicycles"))
    other = screen(screener, "Tarvo Quillet Beach Cruiser")
    assert verdict_for(other, "R-CRUISERS") is Verdict.ALLOW
    assert any("moon" in n for n in notes_for(other, "R-CRUISERS"))
    # Whom the unit is for is no line's name, nor a word before the brand.
    for title in (
        "Tarvo Moon Six Beach Cruiser",
        "Tarvo Cruiser Bicycle",
        "Clearance Tarvo Cruiser Bicycle",
        "Tarvo Womens Cruiser",
    ):
        assert verdict_for(screen(screener, title), "R-CRUISERS") is not Verdict.ALLOW, title


def test_a_count_after_the_type_is_how_many_are_sold_not_another_model() -> None:
    # "… Convertible Crib x2 used": after the type the name ends in, "x2", "2x", "x 2" count what the
    # listing sells. Before the type, or right after the line, "X2" names a model of the line.
    cribs = cpsc(
        "R-COUNTED",
        "Vexo Recalls Kolt Convertible Cribs Due to Fall Hazard",
        "This recall involves Vexo Kolt convertible cribs.",
        brands=["Vexo"],
        product_names=["Vexo Kolt Convertible Cribs"],
    )
    screener = screener_with(cribs)
    for title in (
        "Vexo Kolt convertible crib x2 used",
        "Vexo Kolt convertible crib 2x",
        "Vexo Kolt convertible crib (x2)",
        "Vexo Kolt convertible crib X 2",
    ):
        assert verdict_for(screen(screener, title), "R-COUNTED") is Verdict.BLOCK, title
    assert_another_variant(
        screener, "R-COUNTED", ("Vexo Kolt X2 convertible crib", "Vexo Kolt X 2 convertible crib")
    )


def test_a_power_the_description_gives_is_no_other_variant_however_its_thousands_are_printed() -> None:
    # "Kolt Quorra 1500 ceramic heater": a seller writes the "1,500-watt" of the notice bare and
    # without its comma. Another wattage is another variant still.
    heaters = cpsc(
        "R-WATTS",
        "Kolt Recalls Quorra Space Heaters Due to Fire Hazard",
        "This recall involves Kolt Quorra 1,500-watt ceramic space heaters.",
        brands=["Kolt"],
        product_names=["Kolt Quorra Space Heaters"],
    )
    screener = screener_with(heaters)
    for title in ("Kolt Quorra 1500 ceramic space heater", "Kolt Quorra 1,500 space heater"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-WATTS") is not Verdict.ALLOW, title
    other = screen(screener, "Kolt Quorra 750 ceramic space heater")
    assert any("another variant" in n for n in notes_for(other, "R-WATTS"))
    # Only the power of what the recall involves: one the notice leaves out, a part's or a limit's
    # says nothing of the listing's number.
    for said, title in (
        (
            "Kolt Quorra 1,500-watt space heaters. The 1,000-watt Quorra heaters are not included.",
            "Kolt Quorra 1000 space heater",
        ),
        (
            "Kolt Quorra space heaters. Do not plug them into outlets rated below 1,800 watts.",
            "Kolt Quorra 1800 space heater",
        ),
        ("Kolt Quorra 600 stand mixers with a 1,000-watt motor.", "Kolt Quorra 1000 stand mixer"),
    ):
        notice = cpsc(
            "R-LIMIT", "Kolt Recalls Quorra Appliances", f"This recall involves {said}", brands=["Kolt"]
        )
        decision = screen(screener_with(notice), title)
        assert verdict_for(decision, "R-LIMIT") is Verdict.ALLOW, title
    # A list of sizes run together keeps its second ("12,16-inch"): no thousands of the first.
    wheels = cpsc(
        "R-WHEELS",
        "Quorra Recalls Lindqor Kids' Bicycles",
        "This recall involves Quorra Lindqor children's bicycles in 12,16-inch wheel sizes.",
        brands=["Quorra"],
        product_names=["Quorra Lindqor Kids' Bicycles"],
    )
    assert verdict_for(screen(screener_with(wheels), "Quorra Lindqor 16 Kids Bike"), "R-WHEELS") is not (
        Verdict.ALLOW
    )


def test_a_product_s_own_market_name_blocks_without_the_firm() -> None:
    # "Orange Pellora golf swing trainers", filed under the firm that sells them: the market name
    # is the product's brand, and a listing naming most of the name, by its rare word, blocks as
    # one naming a brand and a line does. A word the notice does not account for is still a
    # person's call.
    trainers = cpsc(
        "R-TRAINER",
        "Harlow Golf Recalls Golf Swing Trainers Due to Injury Hazard",
        "This recall involves the Orange Pellora golf swing trainer models PW1 and PW2.",
        brands=["Harlow Golf"],
        product_names=["Orange Pellora golf swing trainers"],
    )
    screener = screener_with(trainers, *other_firms(12, "Orange Golf Swing Trainers"))
    named = screen(screener, "Orange Pellora Golf Swing Trainer")
    assert verdict_for(named, "R-TRAINER") is Verdict.BLOCK
    assert "the listing names the product's own name" in " ".join(notes_for(named, "R-TRAINER"))
    padded = screen(screener, "Orange Pellora Golf Swing Trainer Net")
    assert verdict_for(padded, "R-TRAINER") is Verdict.REVIEW


def test_a_line_s_rare_word_on_a_product_of_another_type_is_another_product() -> None:
    # "Tow Truck Sound Puzzle" against "Tow Truck Sounds Activity Board": the rare word is the
    # theme's, the listing's product a puzzle (a word other notices use, this one never), and it
    # names none of the notice's types. The same words on the notice's type still name it.
    board = cpsc(
        "R-BOARD",
        "Quorra Recalls Tow Truck Activity Board Toys Due to Choking Hazard",
        brands=["Quorra"],
        product_names=["Tow Truck Sounds Activity Board"],
    )
    screener = screener_with(
        board, *other_firms(6, "Wooden Jigsaw Puzzles"), *other_firms(12, "Toy Trucks")[6:]
    )
    puzzle = screen(screener, "Tow Truck Sound Puzzle")
    assert verdict_for(puzzle, "R-BOARD") is Verdict.ALLOW
    assert any("names its product a 'puzzle'" in n for n in notes_for(puzzle, "R-BOARD"))
    assert verdict_for(screen(screener, "Tow Truck Sound Activity Board"), "R-BOARD") is not Verdict.ALLOW


def test_a_number_beside_the_name_s_own_variant_is_another_model() -> None:
    # "Vexo Quindle Pro 130" against "Quindle Pro": the tier is the name's own, the number right
    # after it is not; it names another model as it would alone. A number read with its point
    # lost ("Tessel 10 0" for "Tessel 10.0") is the name's own in pieces.
    boots = cpsc(
        "R-BOOTS",
        "Vexo Recalls Ski Boots Due to Fall Hazard",
        brands=["Vexo"],
        product_names=["Vexo Quindle Pro ski boots"],
    )
    treadmill = cpsc(
        "R-TREAD",
        "Harlow Recalls Tessel Treadmills",
        brands=["Harlow"],
        product_names=["Tessel 10.0 treadmill"],
    )
    screener = screener_with(boots, treadmill, *other_firms(6, "Ski Boots"))
    other = screen(screener, "Vexo Quindle Pro 130 Ski Boots")
    assert verdict_for(other, "R-BOOTS") is Verdict.ALLOW
    assert any(
        "another variant of the line: the listing names '130'" in n for n in notes_for(other, "R-BOOTS")
    )
    assert verdict_for(screen(screener, "Vexo Quindle Pro Ski Boots"), "R-BOOTS") is not Verdict.ALLOW
    # Codes beside it list the models a listing fits or names, the name's among them.
    assert verdict_for(screen(screener, "Vexo Quindle Pro QX7 Ski Boots"), "R-BOOTS") is not Verdict.ALLOW
    assert verdict_for(screen(screener, "Harlow Tessel 10 0 treadmill"), "R-TREAD") is not Verdict.ALLOW
    # So is a tier or a "+" after it ("Pro Max", "10.0 Plus", "10.0 Lite"): the line's other model;
    # not the "+" of a rating that means "or more" ("SPF 50+").
    for title, rid, word in [
        ("Vexo Quindle Pro Max Ski Boots", "R-BOOTS", "max"),
        ("Harlow Tessel 10.0 Plus treadmill", "R-TREAD", "plus"),
        ("Harlow Tessel 10.0 Lite treadmill", "R-TREAD", "lite"),
    ]:
        sibling = screen(screener, title)
        assert verdict_for(sibling, rid) is Verdict.ALLOW, title
        assert any(f"the listing names {word!r}" in n for n in notes_for(sibling, rid)), title
    # After the notice's model number, the tier names another model too: a person looks, as the
    # number names the line.
    heaters = cpsc("R-TIER-CODE", "Mirradyne Recalls Fan Heaters", brands=["Mirradyne"], models=["MH-2000"])
    with_code = screener_with(heaters, *other_firms(6, "Fan Heaters"))
    pro = screen(with_code, "Mirradyne MH-2000 Pro fan heater")
    assert verdict_for(pro, "R-TIER-CODE") is Verdict.REVIEW
    assert any("names 'pro' after the notice's model" in n for n in notes_for(pro, "R-TIER-CODE"))
    assert verdict_for(screen(with_code, "Mirradyne MH-2000 fan heater"), "R-TIER-CODE") is Verdict.BLOCK
    # "Ultra" and "Max" that say how the product is or how much it holds name no model.
    for title in ("Mirradyne MH-2000 Ultra Quiet fan heater", "Mirradyne MH-2000 Max 1500 W fan heater"):
        assert verdict_for(screen(with_code, title), "R-TIER-CODE") is Verdict.BLOCK, title
    # Nor does the "+" of an age after the line's own number.
    bikes = cpsc(
        "R-PLUS-AGE", "Betrone Recalls Balance Bikes", brands=["Betrone"], product_names=["Betrone Stride 3"]
    )
    ages = screener_with(bikes, *other_firms(6, "Balance Bikes"))
    title = "Betrone Stride 3 Balance Bike for Kids 3+ Years"
    assert verdict_for(screen(ages, title), "R-PLUS-AGE") is not Verdict.ALLOW
    spray = cpsc(
        "R-SPF", "Kellor Recalls Sun Spray", brands=["Kellor"], product_names=["Kellor Kids Sun Spray SPF 50"]
    )
    screener = screener_with(spray, *other_firms(6, "Sun Spray"))
    assert verdict_for(screen(screener, "Kellor Kids Sun Spray SPF 50+"), "R-SPF") is not Verdict.ALLOW


@pytest.mark.parametrize(
    ("word", "other_way"),
    [("40k", "40000"), ("40000", "40k"), ("120000", "120k"), ("4k", None), ("5000", None), ("40kg", None)],
)
def test_a_number_of_thousands_written_the_other_way(word: str, other_way: str | None) -> None:
    # Tens or hundreds of thousands: "4K" is a resolution, "3K" a carbon weave, "5000" a model's.
    assert thousands_other_way(word) == other_way


def test_a_line_numbered_in_thousands_is_told_by_its_number_however_written() -> None:
    # A line numbered by the thousands it is sold by ("Zest 40000", "Orvel 50K": puffs, BTU, mAh):
    # "40K" is the notice's "40000" and "50000" its "50K", one number; another number of thousands
    # ("Zest 20000", "Orvel 10000") is another model of the line. Where the name gives no such
    # number, or the listing's has its unit ("20000mAh"), the number is a rating, no other model.
    zest = cpsc(
        "R-ZEST",
        "Quorra Recalls Zest 40000 Disposable Vapes Due to Poisoning Hazard",
        brands=["Quorra"],
        product_names=["Quorra Zest 40000 disposable vapes"],
    )
    orvel = cpsc(
        "R-ORVEL",
        "Kellvane Recalls Orvel 50K Disposable Vapes Due to Poisoning Hazard",
        brands=["Kellvane"],
        product_names=["Kellvane Orvel 50K disposable vapes"],
    )
    glide = cpsc(
        "R-GLIDE",
        "Tarvo Recalls Glide Power Banks Due to Fire Hazard",
        brands=["Tarvo"],
        product_names=["Tarvo Glide power banks"],
    )
    # Another notice writing "40K" of something else does not hide the number the listing gives.
    heater = cpsc("R-HEATER", "Kolt Recalls 40K BTU Patio Heaters", brands=["Kolt"])
    screener = screener_with(zest, orvel, glide, heater, *other_firms(4, "Disposable Vapes Power Banks"))
    for title, recall_id in (("Quorra Zest 40K", "R-ZEST"), ("Kellvane Orvel 50000", "R-ORVEL")):
        same = screen(screener, title)
        assert verdict_for(same, recall_id) is Verdict.BLOCK, title
        # The evidence cites the number as the listing writes it, read as the notice's.
        (match,) = [m for m in same.matches if m.recall_id == recall_id]
        assert any(title.split()[2].lower() in e.value.split() for e in match.evidence), title
    for title in ("Tarvo Glide 20000 Portable Charger Power Bank", "Tarvo Glide 20000mAh Power Bank"):
        assert verdict_for(screen(screener, title), "R-GLIDE") is Verdict.BLOCK, title
    for title, recall_id, number in (
        ("Quorra Zest 20000 Disposable Vape", "R-ZEST", "20000"),
        ("Kellvane Orvel 10000", "R-ORVEL", "10000"),
        ("Kellvane Orvel 20k Disposable Vape", "R-ORVEL", "20k"),
    ):
        other = screen(screener, title)
        assert verdict_for(other, recall_id) is Verdict.ALLOW, title
        named = f"another variant of the line: the listing names {number!r}"
        assert any(named in n for n in notes_for(other, recall_id)), title
    # A rating with its unit is the model's rating, no other model: a unit rated two ways.
    breeze = cpsc(
        "R-BREEZE",
        "Kolt Recalls Breeze 12000 Portable Air Conditioners Due to Fire Hazard",
        brands=["Kolt"],
        product_names=["Kolt Breeze 12000 portable air conditioners"],
    )
    rated = screen(screener_with(breeze), "Kolt Breeze 12000 Portable Air Conditioner, 10000 BTU DOE")
    assert verdict_for(rated, "R-BREEZE") is not Verdict.ALLOW


def test_a_size_s_unit_in_the_notice_s_name_is_no_name_the_listing_leaves_out() -> None:
    # "10-Liter and 15-Liter Minifridges": "liter" says which size, so a listing that writes no
    # size has left out no name of the product.
    fridges = cpsc(
        "R-FRIDGE",
        "Quorra Recalls 10-Liter and 15-Liter Minifridges Due to Fire Hazard",
        brands=["Quorra"],
    )
    screener = screener_with(fridges, *other_firms(6, "Minifridges"))
    notes = notes_for(screen(screener, "Quorra skincare minifridge"), "R-FRIDGE")
    assert not any("liter" in n for n in notes), notes


def test_the_note_on_a_brand_and_type_alone_gives_the_reason_its_verdict_stands_on() -> None:
    # The notice lists its models and the listing gives none. Where the rest of the listing is
    # another product's, the note says why it is allowed. Where the notice accounts for most of
    # it, the match goes to a person, however few notices share its words: the brand's other
    # models of the type read the same. With the notice's GTIN it blocks. Neither note gives the
    # reason to allow it: a reviewer reads them.
    kettles = cpsc(
        "R-KETTLE",
        "Vireo Recalls Electric Kettles",
        "This recall involves Vireo electric kettles with model numbers VK-100 and VK-200.",
        brands=["Vireo"],
        product_names=["Vireo Electric Kettles"],
        models=["VK-100", "VK-200"],
        gtins=["00012345678905"],
    )
    bindings = cpsc(
        "R-BINDING",
        "Halden Recalls Ski Bindings Due to Fall Hazard",
        "This recall involves Halden Kolt ski bindings with model numbers HB-410 and HB-520.",
        brands=["Halden"],
        product_names=["Halden Kolt Ski Bindings"],
        models=["HB-410", "HB-520"],
    )
    screener = screener_with(
        kettles, bindings, *other_firms(6, "Electric Kettles"), *other_firms(3, "Ski Bindings")
    )
    alone = "a brand and a product type alone do not name the product"
    for title, recall_id, verdict, says in [
        ("Vireo kettle", "R-KETTLE", Verdict.REVIEW, "a person checks whether it is one of them"),
        ("Halden binding", "R-BINDING", Verdict.REVIEW, "a person checks whether it is one of them"),
        ("Halden Tessel Binding", "R-BINDING", Verdict.ALLOW, alone),
    ]:
        decision = screen(screener, title)
        assert verdict_for(decision, recall_id) is verdict, title
        (note,) = (n for n in notes_for(decision, recall_id) if "and the listing gives none of them" in n)
        assert note.endswith(says), note
        assert verdict is Verdict.ALLOW or alone not in note, note
    coded = screener.screen(
        Listing(listing_id="L-1", title="Vireo Kettle Glass Line", gtin="012345678905", ship_to="US")
    )
    assert verdict_for(coded, "R-KETTLE") is Verdict.BLOCK
    assert not any(alone in n for n in notes_for(coded, "R-KETTLE")), notes_for(coded, "R-KETTLE")


def test_a_gtin_the_notice_does_not_list_is_another_product_a_person_tells_apart() -> None:
    # A notice listing its products' GTINs, and a listing naming its brand and line with a valid
    # GTIN of its own: a GTIN names one product, its size and colour, so the names' match goes to
    # a person rather than blocking. With the notice's own GTIN, it blocks.
    crayons = cpsc(
        "R-GTIN-OTHER",
        "Zintra Recalls Jumbo Wax Crayons Due to Lead Hazard",
        brands=["Zintra"],
        product_names=["Zintra Jumbo Wax Crayons"],
        gtins=["04006381333931"],  # as the parsers keep them: GTIN-14
    )
    screener = screener_with(crayons, *other_firms(6, "Wax Crayons"))

    def decided(gtin: str) -> Decision:
        return screener.screen(
            Listing(listing_id="L", title="Zintra Jumbo Wax Crayons", gtin=gtin, ship_to="US")
        )

    other = decided("4006381333948")
    assert verdict_for(other, "R-GTIN-OTHER") is Verdict.REVIEW
    assert any(
        "GTIN '4006381333948' is not one the notice lists" in n for n in notes_for(other, "R-GTIN-OTHER")
    )
    assert verdict_for(decided("4006381333931"), "R-GTIN-OTHER") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Zintra Jumbo Wax Crayons"), "R-GTIN-OTHER") is Verdict.BLOCK


def test_a_model_number_the_notice_says_is_not_on_the_product_is_not_asked_of_a_listing() -> None:
    # "… model number QX1907. The model number can be found on the packaging but cannot be found
    # on the bike itself": no seller of the bike can show it, so the brand and the type name the
    # product as far as a listing can (a person looks). Where the number is on the product, the
    # brand and the type alone do not name it.
    def ebikes(recall_id: str, brand: str, where: str) -> Recall:
        return cpsc(
            recall_id,
            f"E-Bikes Recalled Due to Fire Hazard; Distributed by {brand}",
            f"This recall involves {brand} e-bikes with model number QX1907. {where}",
            product_names=[f"{brand} E-bikes"],
            models=["QX1907"],
        )

    hidden = ebikes(
        "R-HIDDEN", "Quorra", "The model number is on the packaging but cannot be found on the bike itself."
    )
    shown = ebikes("R-SHOWN", "Tarvo", "The model number is printed on the frame.")
    screener = screener_with(hidden, shown, *other_firms(6, "Folding Electric Mountain Bikes"))
    assert (
        verdict_for(screen(screener, "Quorra Folding Electric Mountain Bike"), "R-HIDDEN") is Verdict.REVIEW
    )
    other = screen(screener, "Tarvo Folding Electric Mountain Bike")
    assert verdict_for(other, "R-SHOWN") is Verdict.ALLOW
    assert any("names its models (QX1907)" in n for n in notes_for(other, "R-SHOWN"))


def test_a_rating_written_apart_and_read_as_one_word_still_weighs_as_a_rating() -> None:
    # "10000 mAh", which another notice writes "10000mAh": read as that one word, it is the
    # capacity still, and weighs little in what a notice must account for.
    banks = cpsc("R-BANK", "Tarvo Recalls 10000mAh Power Banks Due to Fire Hazard", brands=["Tarvo"])
    warmers = cpsc("R-WARM", "Quorra Recalls Rechargeable Hand Warmers", brands=["Quorra"])
    screener = screener_with(banks, warmers, *other_firms(6, "Hand Warmers"))
    view = analyse(Listing(listing_id="L", title="Quorra 10000 mAh Hand Warmer"), screener.index, Policy())
    weights = {word.readings: word.weight for word in view.informative}
    assert weights[("10000mah",)] <= Policy().rating_weight


def test_what_comes_with_the_product_is_no_word_the_notice_must_account_for() -> None:
    # "Combo", "Bundle", "Starter" say how the product is sold: "Tarvo Zorbit Sport Combo"
    # is the notice's product, the words it shares the notice's names.
    lights = cpsc(
        "R-LIGHTS",
        "Tarvo Recalls Bicycle Headlights Due to Fire Hazard",
        "The recall includes Tarvo Flinder and Zorbit Sport model bicycle headlights sold separately.",
        brands=["Tarvo"],
        product_names=["Tarvo bicycle headlights"],
    )
    screener = screener_with(lights, *other_firms(6, "Bicycle Headlights"))
    view = analyse(Listing(listing_id="L", title="Tarvo Zorbit Sport Combo"), screener.index, Policy())
    assert all("combo" not in word.readings for word in view.informative)
    assert all(word.token != "combo" for word in view.unknown)
    assert verdict_for(screen(screener, "Tarvo Zorbit Sport Combo"), "R-LIGHTS") is Verdict.BLOCK


def test_a_colour_in_a_european_seller_s_language_is_no_word_of_the_product() -> None:
    # "Vexo de Tarvo Rouge", "… Schwarz": the colour, in the seller's language, is no word the
    # notice must account for, as "Red" and "Black" are not.
    view = analyse(
        Listing(listing_id="L", title="Tarvo Vexo Rouge Noir Schwarz Grün Azul"),
        screener_with().index,
        Policy(),
    )
    read = {word.token for word in view.unknown} | {t for word in view.informative for t in word.readings}
    assert read == {"tarvo", "vexo"}


def test_the_number_of_a_rating_weighs_as_the_rating() -> None:
    # "12,000 BTU": the number, which some notice uses as a word, is the rating's as its unit is.
    heaters = cpsc("R-12000", "Tarvo Recalls 12000 Patio Heaters", brands=["Tarvo"])
    screener = screener_with(heaters, *other_firms(6, "Air Conditioners"))
    view = analyse(
        Listing(listing_id="L", title="Quorra 12,000 BTU Air Conditioner"), screener.index, Policy()
    )
    weights = {word.readings: word.weight for word in view.informative}
    assert weights[("12000",)] <= Policy().rating_weight


def test_every_word_a_listing_shares_with_a_notice_singles_it_out_of_a_family() -> None:
    # "Glideboard XR": the line's word is two notices' (the boards, and the footpads of one of
    # them), but "XR" is only the boards' notice's, though not in the name the listing matched
    # best: together the words single that notice out, and its match is not a family's.
    pads = cpsc(
        "R-PADS",
        "Zephyrmotion Recalls Glideboard GT Front Footpads Due to Fall Hazard",
        "This recall involves front footpads of Glideboard GT boards, sold with the board or alone.",
        brands=["Zephyrmotion"],
        product_names=["Glideboard GT Front Footpads"],
    )
    screener = screener_with(pads)
    index = screener.index
    positions = {recall_id: n for n, (_, recall_id) in enumerate(index.recall_ids())}
    view = analyse(Listing(listing_id="L", title="Glideboard XR", ship_to="US"), index, Policy())
    boards, footpads = (
        scoring.score(view, positions[recall_id], index, Policy(), "US")
        for recall_id in ("R-LINES", "R-PADS")
    )
    scoring.judge_all([boards, footpads], Policy())
    assert boards.features.sharing == 1


def test_a_warning_whose_firm_cannot_recall_blocks_its_product_by_brand_and_name() -> None:
    """A warning ("CPSC and <firm> Warn Consumers to Stop Using …") names the firm before "Warn",
    and "(Recall Alert)" is no product. Read as a firm "Quorra Warn Consumers to Stop Using" beside
    "Quorra", the notice's brand was never wholly named, and the title's product "(Recall Alert)"
    was a name no listing gives."""
    recall = from_api(
        "W-1",
        "CPSC and Quorra Warn Consumers to Stop Using and Dispose of Bicycle Helmets Due to Risk "
        "of Head Injury; Recalling Firm is Unable to Conduct Recall (Recall Alert)",
        "This recall involves Quorra flat-folding bicycle helmets, sold in one size.",
        product="Quorra flat-folding bicycle helmets",
        maker="Quorra",
    )
    assert recall.brands == ["Quorra"]
    decision = screener_with(recall).screen(Listing(listing_id="l", title="Quorra folding bike helmet"))
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == "W-1"


def test_what_a_list_is_of_and_a_name_cut_off_are_no_lines_of_the_notice() -> None:
    # The shared descriptions are cut at a length ("… and c…"), and a list says what it lists
    # ("the following model numbers", "the following colors: black, …"): neither is a product line,
    # nor is a colour though a name of the product has it.
    description = (
        "This recall involves Tarvo metal wire grill brushes. The following model numbers are "
        "included in this recall and c…"
    )
    assert read_scope(description).lines == ()
    assert read_scope("The heaters were sold in the following colors: black and white.").lines == ()
    assert involved_names("This recall involves Quorra bed rails, models 4410, 4411, and Vexo PQ3…") == (
        "Quorra bed rails",
        "4410",
        "4411",
    )
    notice = cpsc(
        "R-COLOUR",
        "Tarvo Recalls Green Zorbit Helmets",
        "The helmets come in colors including green, orange and pink.",
        brands=["Tarvo"],
        product_names=["Green Zorbit Helmets"],
    )
    assert notice.lines == ["green", "orange", "pink"]  # what the notice enumerates, as printed
    assert [value for field, value, _ in profile_of(notice).texts if field == "lines"] == []


def test_a_short_code_a_seller_hyphens_is_the_variant_it_names() -> None:
    # "Quorra Vexo k-17 folding bike" names the K17 as "Quorra Vexo K17" does: another model of a
    # line whose notice lists the K10, K20 and K30h, not the notice's brand and type alone.
    notice = cpsc(
        "R-HYPHEN",
        "Tarvo Products Recalls Quorra Folding Bicycles Due to Fall Hazard",
        "This recall involves Vexo K10, K20 and K30h models of Quorra brand folding bikes.",
        brands=["Tarvo Products"],
        product_names=["Quorra folding bicycles"],
    )
    screener = screener_with(notice, *other_firms(4, "Folding Bicycles"))
    for title in ("Quorra Vexo K17 folding bike", "Quorra Vexo k-17 folding bike"):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-HYPHEN") is Verdict.ALLOW, title
        notes = notes_for(decision, "R-HYPHEN")
        assert any("another variant of the line" in n and "'k17'" in n for n in notes), title
    assert verdict_for(screen(screener, "Quorra Vexo k-20 folding bike"), "R-HYPHEN") is Verdict.BLOCK


def test_model_years_after_the_involves_sentence_s_article_are_the_product_s() -> None:
    # "This recall involves the 2014-2015 Tarvo Vexo bicycles …" and "… involves four models of
    # 2016 Tarvo Vexo bicycles": the years are the product's, as without "the" or "four models
    # of"; a listing that does not state its year goes to a person.
    description = "This recall involves the 2014-2015 Tarvo Vexo bicycles with Quorra-brand upper headsets."
    assert read_scope(description).model_years == (2014, 2015)
    assert read_scope("This recall involves four models of 2016 Tarvo Vexo bicycles.").model_years == (2016,)
    notice = cpsc(
        "R-THE-YEARS",
        "Tarvo Bicycles Recalls Vexo Bicycles Due to Fall Hazard",
        description,
        brands=["Tarvo Bicycles"],
        product_names=["Tarvo Vexo Bicycles"],
    )
    screener = screener_with(notice)
    decision = screen(screener, "Tarvo Vexo")
    assert verdict_for(decision, "R-THE-YEARS") is Verdict.REVIEW
    assert any("model years 2014, 2015" in n for n in notes_for(decision, "R-THE-YEARS"))
    assert verdict_for(screen(screener, "2014 Tarvo Vexo"), "R-THE-YEARS") is Verdict.BLOCK


def test_model_years_joined_by_a_slash_or_opening_a_later_name_are_the_notice_s_too() -> None:
    # "all 2007/2008 Tarvo QX1 bicycles" names two model years; "all 2008 Tarvo Q22 and Q32
    # bicycles, and 2010 Q32, R14 and R16 bicycles" names 2010 too, the year of its later names. A
    # year of the next sentence is no name's.
    slashed = "The recall includes all 2007/2008 Tarvo QX1 Cyclocross Bicycles. They are black."
    assert read_scope(slashed).model_years == (2007, 2008)
    assert read_scope("2007/2008 Tarvo QX1 Cyclocross Bicycles").model_years == (2007, 2008)
    later = "This recall includes all 2008 Vexo Q22 and Q32 bicycles, and 2010 Q32, R14 and R16 bicycles."
    assert read_scope(later).model_years == (2008, 2010)
    assert read_scope("2008 Vexo Q22 Bicycles and 2010 Vexo Q32 and R14 Bicycles").model_years == (2008, 2010)
    assert read_scope("This recall involves 2014 Vexo bicycles. In 2015 Tarvo sold others.").model_years == (
        2014,
    )
    assert read_scope("The recall includes all 2007/2009 Tarvo QX1 bicycles.").model_years == (2007, 2009)
    # A later year of the sentence that is no name's: what the recall leaves out, a date of sale, a
    # model number, a count; or one whose name shares no word with the first.
    for text in (
        "This recall involves 2008 Tarvo Q22 bicycles. 2009 and 2010 Tarvo Q22 bicycles are not included.",
        "This recall involves 2008 Tarvo Q22 bicycles, but not the 2009 and 2010 Tarvo Q22 bicycles.",
        "This recall involves 2008 Tarvo Q22 bicycles sold between January 2008 and 2010 Tarvo stores.",
        "This recall involves 2008 Tarvo heaters, models 1990, 2000 and 2010 Heaters.",
        "This recall involves 2008 Tarvo Q22 bicycles, about 1,500 in the U.S. and 2000 In Canada.",
        "This recall involves 2008 Tarvo Q22 bicycles sold in the U.S., and 2010 Canadian units.",
    ):
        assert read_scope(text).model_years == (2008,), text
    screener = screener_with(
        cpsc(
            "R-SLASHED",
            "Tarvo Recalls Cyclocross Bicycles Due to Fall Hazard",
            slashed,
            brands=["Tarvo"],
            product_names=["2007/2008 Tarvo QX1 Cyclocross Bicycles"],
            models=["QX1"],
        ),
        cpsc(
            "R-LATER",
            "Vexo Recalls Triathlon Bicycles Due to Fall Hazard",
            later,
            brands=["Vexo"],
            product_names=["2008 Vexo Q22 and Q32 Bicycles and 2010 Vexo Q32, R14 and R16 Bicycles"],
            models=["Q22", "Q32", "R14", "R16"],
        ),
    )
    # A year before the notice's two is another product; the year not given, a person looks.
    assert verdict_for(screen(screener, "2006 Tarvo QX1"), "R-SLASHED") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo QX1"), "R-SLASHED") is Verdict.REVIEW
    assert verdict_for(screen(screener, "Vexo R14 (2010)"), "R-LATER") is Verdict.BLOCK


def test_a_word_any_product_is_called_by_is_no_word_of_another_product() -> None:
    # "<Line> Ascender rope climbing devices" against "Kellor brand <Line> Ascenders": "devices"
    # says nothing of which product it is, and is no word of the listing's own that the notice
    # fails to account for; another product's word still is.
    screener = screener_with(
        cpsc(
            "R-DEVICE",
            "Kellor Recalls Climbing Ascenders Due to Fall Hazard",
            "This recall involves Kellor brand Zentrix Ascenders used as rope clamps for rock climbing.",
            brands=["Kellor"],
            product_names=["Kellor Zentrix Ascenders for climbing"],
        ),
        *(
            cpsc(f"R-MASSAGER-{n}", f"{firm} Recalls Massage Devices", brands=[firm])
            for n, firm in enumerate(("Brantly", "Coven", "Delmar"))
        ),
        *other_firms(8, "Climbing Ascenders"),
    )
    title = "Zentrix Ascender rope climbing"
    assert verdict_for(screen(screener, title), "R-DEVICE") is Verdict.BLOCK
    assert verdict_for(screen(screener, f"{title} devices"), "R-DEVICE") is Verdict.BLOCK
    assert verdict_for(screen(screener, f"{title} massager"), "R-DEVICE") is Verdict.REVIEW


@pytest.mark.parametrize(
    ("brand", "description", "product", "outside", "note", "covered"),
    [
        # "2017 Tarvo QX, Kolt and Vexo snowmobiles and 2018 Tarvo QX and Vexo snowmobiles": the Kolt
        # of 2018 is not recalled, though 2018 is one of the notice's years. What follows the last
        # name's type qualifies every name, and the brand and the type are every name's.
        (
            "Tarvo",
            "This recall involves model year 2017 Tarvo QX, Kolt, and Vexo snowmobiles and 2018 Tarvo QX "
            "and Vexo snowmobiles equipped with a 600 engine.",
            "2017 Tarvo QX, Kolt and Vexo snowmobiles and 2018 QX and Vexo snowmobiles",
            "2018 Tarvo Kolt snowmobile",
            "covers 'kolt' in 2017 only",
            ("2017 Tarvo Kolt snowmobile", "2018 Tarvo Vexo snowmobile"),
        ),
        # Names ending in a model of the line, each after its own "model year … through …": the
        # line's word they share is no type, and the second name's years are its own.
        (
            "Quorra",
            "This recall involves model year 2020 through 2022 Quorra Cragmor X4 and model year 2021 "
            "through 2022 Quorra Cragmor X6 recreational off-highway vehicles.",
            "Quorra Cragmor X4 and X6 ROVs",
            "2020 Quorra Cragmor X6",
            "covers 'x6' in 2021, 2022 only",
            ("2020 Quorra Cragmor X4", "2021 Quorra Cragmor X6"),
        ),
        # The last name's words past the first's length are every name's type.
        (
            "Celdra",
            "This recall involves 2021 Celdra Volt City and 2022 Celdra Volt Trail electric bicycles.",
            "Electric Bicycles",
            None,
            None,
            ("2021 Celdra Volt City Electric Bike", "2022 Celdra Volt Trail Electric Bike"),
        ),
        # A listing naming a numbered model of its own year is that model, whatever other year's
        # number it gives elsewhere (miles, hours).
        (
            "Halden",
            "This recall involves model year 2020 Halden Kolt 500 and Kolt 700 ATVs and model year 2021 "
            "Halden Kolt 700 ATVs.",
            "Halden Kolt ATVs",
            "2021 Halden Kolt 500 ATV",
            "covers '500' in 2020 only",
            ("2021 Halden Kolt 700 ATV, only 500 miles", "2020 Halden Kolt 500 ATV"),
        ),
        # The year's model where the name has its number; a number elsewhere says nothing.
        (
            "Halden",
            "This recall involves model year 2020 Halden Kolt 500 and Kolt 700 ATVs and model year 2021 "
            "Halden Kolt 700 ATVs.",
            "Halden Kolt ATVs",
            "2021 Halden Kolt 500 ATV, 700 miles",
            "covers '500' in 2020 only",
            (),
        ),
    ],
)
def test_a_product_the_notice_names_in_its_other_years_only_is_outside_the_scope(
    brand: str,
    description: str,
    product: str,
    outside: str | None,
    note: str | None,
    covered: tuple[str, ...],
) -> None:
    recall = cpsc(
        "R-YEARS-BY-NAME", f"{brand} Recalls Vehicles", description, brands=[brand], product_names=[product]
    )
    screener = screener_with(recall, *other_firms(6, "Vehicles"))
    if outside is not None:
        other_year = screen(screener, outside)
        assert verdict_for(other_year, "R-YEARS-BY-NAME") is Verdict.ALLOW
        assert any(note in n for n in notes_for(other_year, "R-YEARS-BY-NAME"))
    for title in covered:
        assert verdict_for(screen(screener, title), "R-YEARS-BY-NAME") is not Verdict.ALLOW, title


def test_a_firm_named_after_the_hazard_is_the_brand_of_every_model_it_recalls() -> None:
    # "Cargo Bicycles Recalled …; Manufactured by Quorra B.V.", involving "all models of
    # two-wheeled and three-wheeled, electric and non-electric Quorra cargo bicycles": Quorra is the
    # notice's brand, and a listing naming it and the type is the product. The kinds the
    # description enumerates are no lines a listing must give.
    recall = from_api(
        "M-1",
        "Cargo Bicycles Recalled Due to Fall Hazard; Manufactured by Quorra B.V.",
        "This recall involves all models of two-wheeled and three-wheeled, electric and "
        "non-electric (traditional) Quorra cargo bicycles.",
        product="Cargo bicycles",
    )
    assert recall.brands == ["Quorra"]
    screener = screener_with(recall, *other_firms(4, "Cargo Bikes"))
    assert verdict_for(screen(screener, "Quorra Cargo Bike"), "M-1") is Verdict.BLOCK
    # A model name no notice uses may be a later model's: a person looks, not "another product".
    decision = screen(screener, "Quorra Zest Cargo Bike")
    assert verdict_for(decision, "M-1") is Verdict.REVIEW
    assert not any("another product of the brand" in n for n in notes_for(decision, "M-1"))


def test_a_model_number_the_notice_lists_named_alone_is_its_product() -> None:
    # "This recall involves all Tarvo QF20 and Tarvo Q1-r racing bicycles": "Tarvo Q1-r" names
    # the second product; the "QF20" the whole sentence gives is the first's, not a variant the
    # listing left out. Words of its own after the model may still name another model.
    notice = cpsc(
        "R-TWO-MODELS",
        "Tarvo Recalls Bicycles and Frame Kits Due to Crash Hazard",
        "This recall involves all Tarvo QF20 and Tarvo Q1-r racing bicycles and bicycle frame kits "
        "that fit 28-inch wheels.",
        brands=["Tarvo"],
        product_names=["Bicycles and bicycle frame kits"],
        models=["QF20", "Q1-r"],
    )
    screener = screener_with(notice, *other_firms(4, "Racing Bicycles"))
    assert verdict_for(screen(screener, "Tarvo Q1-r"), "R-TWO-MODELS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo QF20"), "R-TWO-MODELS") is Verdict.BLOCK


def test_sale_talk_few_notices_use_does_not_choose_a_listing_s_candidates() -> None:
    # "Homely USB charger High Quality": every word naming the product is common (seventy notices
    # each), and "quality", in three notices' names, was the one rare word: it proposed those
    # three alone, and the charger's own notice was never scored. Sale talk adds weight as a
    # common word does; the rarest word of the product's proposes.
    charger = eu("R-CHARGER", "USB charger (Homely)", "USB charger", "Homely")
    kettles = [
        cpsc(f"R-KETTLE-{n}", f"Homely Kitchen {n} Recalls Kettles", brands=[f"Homely Kitchen {n}"])
        for n in range(70)
    ]
    chargers = [cpsc(f"R-USB-{n}", f"Firm{n} Recalls USB Chargers", brands=[f"Firm{n}"]) for n in range(70)]
    blenders = [
        cpsc(f"R-BLEND-{n}", f"Vexo{n} Recalls High Quality Blenders", brands=[f"Vexo{n}"]) for n in range(3)
    ]
    screener = screener_with(charger, *kettles, *chargers, *blenders)
    decision = screener.screen(Listing(listing_id="L", title="Homely USB charger High Quality", ship_to="FR"))
    assert verdict_for(decision, "R-CHARGER") is not Verdict.ALLOW


def test_a_word_of_its_own_where_the_notice_s_tier_stands_is_another_model() -> None:
    # "Tarvo Vexo Max Bicycles" recalled: "Tarvo Vexo Team SL" writes a word the notice never uses
    # where its tier stands, the line's other model (allowed, with the reason). The line named
    # without its tier may still be the recalled model; another tier is another variant.
    notice = cpsc(
        "R-TIER",
        "Tarvo Bicycles Recalls Vexo Max Bicycles Due to Fall Hazard",
        "This recall involves Tarvo Vexo Max bicycles with Quorra-brand upper headsets.",
        brands=["Tarvo Bicycles"],
        product_names=["Tarvo Vexo Max Bicycles"],
    )
    screener = screener_with(notice, *other_firms(4, "Bicycles"), *other_firms(6, "Team Jerseys")[4:])
    decision = screen(screener, "Tarvo Vexo Team SL")
    assert verdict_for(decision, "R-TIER") is Verdict.ALLOW
    assert any("'team' where" in n and "'max'" in n for n in notes_for(decision, "R-TIER"))
    assert verdict_for(screen(screener, "Tarvo Vexo Max"), "R-TIER") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo Vexo"), "R-TIER") is not Verdict.ALLOW


@pytest.mark.parametrize(
    ("description", "lines"),
    [
        (
            "Models included in the recall are: Tarvo 650, Tarvo Midi and Tarvo Opal. They are black.",
            ("Tarvo 650", "Tarvo Midi", "Tarvo Opal"),
        ),
        (
            "The harnesses were sold under the following model names: Atlas Vexo, Tarn Vexo and Quill Kid.",
            ("Atlas Vexo", "Tarn Vexo", "Quill Kid"),
        ),
        # The model's number beside its name is read as a model number, not a name; a decimal point
        # ends no sentence inside a name.
        (
            "There are two models, Quorra Lumo 12.40 Vexo, model number QX99A2U1 and Quorra Lumo 13.40 "
            "Vexo, model number QX99F2U1. The vacuum is red.",
            ("Quorra Lumo 12.40 Vexo", "Quorra Lumo 13.40 Vexo"),
        ),
        ("There are two models involved, Tessel and Glissa.", ("Tessel", "Glissa")),
        # A name opening like a number's word is still a name.
        ("There are two models, Model Nova 2 and Model Norse.", ("Model Nova 2", "Model Norse")),
    ],
)
def test_a_sentence_listing_the_models_by_name_gives_the_notice_its_lines(
    description: str, lines: tuple[str, ...]
) -> None:
    assert read_scope(description).lines == lines


def test_a_battery_s_name_a_notice_lists_among_its_models_is_no_model_of_it() -> None:
    # "…, models include: CR2025, CR2032 and QX20.": a coin cell's name is every maker's; as the
    # notice's model, any maker's CR2032 listing went to a person.
    scope = read_scope("This recall involves Tarvo lithium cells, models include: CR2025, CR2032 and QX20.")
    assert scope.with_codes([]) == ["QX20"]
    # Nor are years or date codes after "model years are:": that is no list of models.
    dated = read_scope("The model years are: 2019, 2020 and 2021. The model number and date code are: 4512.")
    assert dated.with_codes([]) == []


def test_names_joined_by_and_too_long_for_one_name_are_each_a_line() -> None:
    description = (
        "The recall involves the Q34 QL Vexo Twist Gate and Q36 QL Glissa Twist Gate carabiners with "
        "metal locking sleeves."
    )
    assert involved_names(description) == ("Q34 QL Vexo Twist Gate", "Q36 QL Glissa Twist Gate carabiners")
    # A product described, not two named, stays one (too long to be a line); so does a name one of
    # whose parts is a word alone (a brand's, a type's).
    described = "This recall involves gas and electric-powered Tarvo golf cars and personal transporters."
    assert involved_names(described) == ()
    branded = "This recall involves Harlow and Sons Vexo Glide Twist Gate Climbing Carabiners with gates."
    assert involved_names(branded) == ()
    # "… and the …" joins two names as "and" does.
    assert (
        involved_names(description.replace("and Q36", "and the Q36"))[1]
        == "Q36 QL Glissa Twist Gate carabiners"
    )
    # The notice names its product only there: a listing naming the brand and one of the names is it.
    notice = cpsc(
        "R-JOINED",
        "Tarvo America Recalls Climbing Equipment Due to Fall Hazard",
        description,
        brands=["Tarvo America"],
        product_names=["Carabiners used for climbing"],
        models=["Q34", "Q36"],
    )
    screener = screener_with(notice, *other_firms(6, "Climbing Equipment"))
    assert verdict_for(screen(screener, "Tarvo Glissa Twist Gate"), "R-JOINED") is Verdict.BLOCK


def test_a_description_naming_only_the_type_gives_no_line() -> None:
    # "This recall involves children's fishing rods which …": the subject is the product's type,
    # written in lower case, not a name a seller gives it. As a line it made the type alone a
    # name matched whole: any maker's kids' fishing rod was blocked.
    notice = cpsc(
        "R-TYPELINE",
        "Tarvo Anglers Recalls Children's Fishing Rods Sold with Vexo Starter Combos Due to Lead Hazard",
        "This recall involves children's fishing rods which were sold in a variety of colors including "
        "blue and red.",
        brands=["Tarvo Anglers"],
        product_names=["Children's Fishing Rods sold with Vexo Starter Combos"],
    )
    assert [value for field_name, value, _ in profile_of(notice).texts if field_name == "lines"] == []
    screener = screener_with(notice, *other_firms(6, "Fishing Reels"))
    assert verdict_for(screen(screener, "Kids Fishing Rod"), "R-TYPELINE") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Tarvo Anglers Vexo Fishing Rod"), "R-TYPELINE") is Verdict.BLOCK


def test_how_many_models_a_notice_covers_is_not_part_of_the_line_s_name() -> None:
    # "four models of 2016 Tarvo Corvane mountain bicycles": the count and the year are the scope's.
    description = "This recall involves four models of 2016 Tarvo Corvane mountain bicycles. They are red."
    assert involved_names(description) == ("Tarvo Corvane mountain bicycles",)
    assert involved_names("This recall involves two styles of the Vexo sweaters.") == ("Vexo sweaters",)
    # A colon opens the list of the line's models.
    listed = "This recall involves six models of Tarvo ski helmets: Ember, Fenn and Garo. They are red."
    assert involved_names(listed) == ("Tarvo ski helmets", "Ember", "Fenn", "Garo")


def test_years_before_model_are_the_scope_s_and_no_part_of_the_line_s_name() -> None:
    # "all sizes of Tarvo CLASSIC 2018 - 2021 model bikes": the years are the recall's model years
    # (a listing of another year is outside it, one that states none goes to a person), and
    # neither they nor "all sizes of" are words a seller writes in the line's name.
    description = "This recall involves all sizes of Tarvo CLASSIC 2018 - 2021 model bikes. They are red."
    assert read_scope(description).model_years == (2018, 2019, 2020, 2021)
    assert involved_names(description) == ("Tarvo CLASSIC bikes",)
    assert read_scope("This recall involves 2009 Model Vexo bicycles with baskets.").model_years == (2009,)
    assert involved_names("This recall involves 2009 Model Vexo Glider bicycles with baskets.") == (
        "Vexo Glider bicycles",
    )
    assert read_scope("The 2008 through 2010 models Quessa 1.0 and 2.0 are red.").model_years == (
        2008,
        2009,
        2010,
    )
    # A lone number after a name may be the model's own, not a year, and stays in the name.
    assert read_scope("This recall involves the Tarvo 2000 models sold in red.").model_years == ()
    assert involved_names("This recall involves Tarvo 2000 model kettles.") == ("Tarvo 2000 model kettles",)
    # What opens a subject is read in lower case, as "involves" writes it: a name may hold it.
    assert involved_names("This recall involves Colors of the Wind Vexo dolls.") == (
        "Colors of the Wind Vexo dolls",
    )
    # Names before "models" ending the subject are each a line, the clause after it cut off.
    assert involved_names(
        "This recall involves all model year 2024 Tarvo QX and Glissa snowmobiles models equipped with skis."
    ) == ("Tarvo QX", "Glissa snowmobiles")
    # Which of the products, before their name: "certain serial numbers of", "the following".
    assert involved_names("This recall involves certain serial numbers of Vexo Glider scooters.") == (
        "Vexo Glider scooters",
    )
    assert involved_names("This recall involves the following Quorra Fenn skates purchased in May.") == (
        "Quorra Fenn skates",
    )
    notice = cpsc(
        "R-YEARS-MODEL",
        "Tarvo Bikes Recalls Kids' Bicycles Due to Fall Hazard",
        description,
        brands=["Tarvo Bikes USA"],
        product_names=["Bicycles"],
    )
    screener = screener_with(notice, *other_firms(4, "Bicycles"))
    assert verdict_for(screen(screener, "Tarvo CLASSIC bike"), "R-YEARS-MODEL") is Verdict.REVIEW
    assert verdict_for(screen(screener, "2019 Tarvo CLASSIC bike"), "R-YEARS-MODEL") is Verdict.BLOCK
    assert verdict_for(screen(screener, "2023 Tarvo CLASSIC bike"), "R-YEARS-MODEL") is Verdict.ALLOW


def test_a_product_the_notice_says_it_does_not_cover_is_outside_it() -> None:
    # "This recall does not include any 2002 model product, which include the Tarvo II, Vexo II and
    # Quessa": a listing naming the Tarvo II is outside the recall, with the reason; the first
    # Tarvo is still the recalled one. A lone name ("Quessa") may be a whole range: not read.
    description = (
        "The models included in the recall are the model year 2000/2001 Tarvo, Vexo and Quessa "
        "treadmills. This recall does not include any 2002 model product, which include the Tarvo II, "
        "Vexo II and Quessa."
    )
    assert not_covered(description) == ("Tarvo II", "Vexo II")
    assert not_covered("The 220V model treadmills are not involved in this recall.") == ("220V treadmills",)
    assert not_covered("Bicycles that do not have disc brakes are not included in this recall.") == ()
    assert not_covered("This recall does not include the Tarvo Glide 2 scooters sold at Vexo.") == (
        "Tarvo Glide 2 scooters",
    )
    # A subject enumerating products names each; a sentence before it may end in a size's capitals.
    sizes = "This recall involves Tarvo Comp bicycles in sizes S to XL. The Tarvo Expert, Tarvo Elite "
    assert not_covered(f"{sizes}and Tarvo Base are not included in this recall.") == (
        "Tarvo Expert",
        "Tarvo Elite",
        "Tarvo Base",
    )
    assert not_covered("The Tarvo (non-SL) and Tarvo SLR are not included in this recall.") == ("Tarvo SLR",)
    notice = cpsc(
        "R-NOT-COVERED",
        "CPSC, Marrow Fitness Announce Recall of Treadmills",
        description,
        brands=["Marrow Fitness"],
        product_names=["2000/2001 Tarvo, Vexo and Quessa treadmills"],
    )
    assert profile_of(notice).not_covered == ("Tarvo II", "Vexo II")
    screener = screener_with(notice, *other_firms(4, "Treadmills"))
    decision = screen(screener, "Marrow Fitness TARVO II")
    assert verdict_for(decision, "R-NOT-COVERED") is Verdict.ALLOW
    assert any("does not cover 'Tarvo II'" in n for n in notes_for(decision, "R-NOT-COVERED"))
    assert (
        verdict_for(screen(screener, "Marrow Fitness Tarvo treadmill"), "R-NOT-COVERED") is not Verdict.ALLOW
    )


def test_a_product_not_covered_is_named_in_order_and_its_sentence_ends_after_a_size() -> None:
    # "… strollers, size S. Size M is not affected": the sentence covering size S ends at its
    # letter, so the covered product is no name the recall leaves out.
    assert not_covered("Tarvo Kolt strollers, size S. Size M is not affected.") == ("Size M",)
    # A listing names the product left out by its words in their order, close together; its
    # words strewn over a title ("Kolt Stroller, travel friendly") name the recalled one.
    screener = screener_with(
        cpsc(
            "R-LEFT-OUT",
            "Tarvo Recalls Kolt Strollers Due to Fall Hazard",
            "This recall involves Tarvo Kolt strollers. The Kolt Travel stroller is not included in this "
            "recall.",
            brands=["Tarvo"],
            product_names=["Tarvo Kolt Strollers"],
        ),
    )
    left_out = screen(screener, "Tarvo Kolt Travel Stroller")
    assert verdict_for(left_out, "R-LEFT-OUT") is Verdict.ALLOW
    assert any("does not cover 'Kolt Travel stroller'" in n for n in notes_for(left_out, "R-LEFT-OUT"))
    for title in ("Tarvo Kolt Stroller, travel friendly", "Tarvo Kolt Stroller for Travel and Everyday"):
        assert verdict_for(screen(screener, title), "R-LEFT-OUT") is not Verdict.ALLOW, title
    # Hyphened, in the description, or after the brand a "by" gives, it is still named in order.
    for title in ("Tarvo Kolt Travel-Stroller", "Kolt Travel Stroller by Tarvo"):
        assert verdict_for(screen(screener, title), "R-LEFT-OUT") is Verdict.ALLOW, title
    described = screener.screen(
        Listing(
            listing_id="L-1",
            title="Tarvo Kolt Stroller",
            description="The Kolt Travel stroller, barely used.",
        )
    )
    assert verdict_for(described, "R-LEFT-OUT") is Verdict.ALLOW
    # "sold at S. Halden outlets": an initial, no size's letter ending a sentence.
    assert not_covered("Lamps sold at S. Halden Studio outlets are not included in this recall.") == ()


def test_what_a_notice_says_it_does_not_cover_gives_it_no_model_number_nor_year() -> None:
    # "The original Halden (model HD-100) is not included": HD-100 is no model number of the
    # recalled product's, and a listing giving it is not identified as the recalled one; nor are the
    # years a sentence rules out years the notice covers. What such a sentence says of some units
    # ("with serial numbers above …") is still a partial scope.
    recall = from_api(
        "R-DENIED-CODE",
        "Kellor Recalls Halden 2 Travel Strollers Due to Fall Hazard",
        "This recall involves model year 2020 Kellor Halden 2 travel strollers, model number HD-200. "
        "The original Halden (model HD-100) is not included in this recall. Model year 2019 strollers "
        "are not included in this recall.",
        product="Kellor Halden 2 Travel Strollers",
        maker="Kellor",
    )
    assert recall.models == ["HD-200"]
    assert recall.model_years == [2020]
    # A sentence saying what the recall involves as well is kept whole.
    both = from_api(
        "R-DENIED-BOTH",
        "Kellor Recalls Halden Strollers",
        "This recall involves Kellor Halden strollers, model HD-300, while the Halden Lite is not included.",
    )
    assert both.models == ["HD-300"]
    clauses = from_api(
        "R-DENIED-CLAUSE",
        "Kellor Recalls Halden Strollers",
        "Only Kellor Halden strollers with model number HD-400 are included; other Kellor strollers are "
        "not included in this recall.",
    )
    assert clauses.models == ["HD-400"]
    partial = read_scope("Strollers with serial numbers above 5000 are not included in this recall.")
    assert partial.partial == ("serial numbers",)
    screener = screener_with(recall, *other_firms(4, "Strollers"))
    assert verdict_for(screen(screener, "Kellor HD-200 stroller"), "R-DENIED-CODE") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Kellor HD-100 stroller"), "R-DENIED-CODE") is not Verdict.BLOCK


def test_a_line_named_with_the_type_another_of_its_names_gives_names_the_product() -> None:
    # "Vexo Kolt brand self-balancing scooters" is the line; "hoverboards", the product name's
    # type, is what sellers call it: the line's rare word and that type name the product. The
    # notice covers every unit, and the listing names the line whole, so it blocks as the brand and
    # the line would, though the words are a small share of the name the line matched.
    notice = cpsc(
        "R-LINE-TYPE",
        "Vexo Wireless Recalls Self-Balancing Scooters/Hoverboards Due to Fire Hazard",
        "This recall involves Vexo Kolt brand self-balancing scooters, commonly referred to as "
        "hoverboards. The hoverboards have two wheels.",
        brands=["Vexo Wireless"],
        product_names=["Self-balancing scooters/hoverboards"],
    )
    # Other firms' notices make the line's describing words common, as in the regulators' files.
    screener = screener_with(notice, *other_firms(8, "Self-Balancing Scooters Brand Hoverboards"))
    named = screen(screener, "KOLT Hoverboard")
    assert verdict_for(named, "R-LINE-TYPE") is Verdict.BLOCK
    assert "the listing names the product's own name" in " ".join(notes_for(named, "R-LINE-TYPE"))
    # Without the type, the rare word alone may be any product's: not enough.
    assert verdict_for(screen(screener, "Kolt Lamp"), "R-LINE-TYPE") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Kolt"), "R-LINE-TYPE") is not Verdict.BLOCK
    # A name whose other capitalised words the listing leaves out, the maker's and a sub-line's
    # ("Lindqor" of "Halden Lindqor Marrowby Foam Hair Dye", a record naming no firm), may be
    # another line of the maker's: a person's call.
    colour = Recall(
        source="ACCC",
        recall_id="R-MARROWBY",
        title="Halden Lindqor Marrowby Foam Hair Dye",
        jurisdictions=["AU"],
    )
    screener = screener_with(colour, *other_firms(8, "Foam Hair Dye Kits"))
    sub_line = screener.screen(Listing(listing_id="L-2", title="Lindqor Foam Hair Dye", ship_to="AU"))
    assert verdict_for(sub_line, "R-MARROWBY") is Verdict.REVIEW
    # The type a name ends in is not where the product was sold, nor an old title's "Recall".
    index = RecallIndex.build(
        [
            Recall(source="UK OPSS", recall_id="R-SOLD", title="Kolt Shower Q10 sold via Tradeway"),
            cpsc("R-OLD", "CPSC, Tarvo Announce Brake Cable Recall", brands=["Tarvo"]),
        ]
    )
    for source, recall_id, ends in [("UK OPSS", "R-SOLD", {"q10"}), ("CPSC", "R-OLD", {"cable"})]:
        position = index.position_of(source, recall_id)
        assert position is not None and notice_names.name_ends(index.profile(position)) == ends


def test_a_capital_letter_ending_a_line_singles_its_model_out() -> None:
    # "Tarvo Pellow LE Q" is the line's one model the notice covers; "Tarvo Pellow LE" is the
    # line's other, one letter away.
    screener = screener_with(
        eu("R-LETTER", "Bus (Tarvo) · Pellow LE Q", "Bus", "Tarvo"), *other_firms(6, "Buses")
    )

    def decide(title: str) -> Decision:
        return screener.screen(Listing(listing_id="L-1", title=title, ship_to="DE"))

    for recalled in ("Tarvo Pellow LE Q", "Tarvo Pellow LE-Q"):
        assert verdict_for(decide(recalled), "R-LETTER") is Verdict.BLOCK, recalled
    # Run into the word before it, the letter is still the model's (the name's "LE" is not
    # written as the notice writes it: a person looks).
    assert verdict_for(decide("Tarvo Pellow LEQ"), "R-LETTER") is Verdict.REVIEW
    decision = decide("Tarvo Pellow LE")
    assert verdict_for(decision, "R-LETTER") is Verdict.ALLOW
    assert any("has q, the listing does not" in n for n in notes_for(decision, "R-LETTER"))


@pytest.mark.parametrize(
    "description",
    [
        "Tarvo QX 6 and QX 8 hydraulic disc brakes are being recalled. The brakes have a lever.",
        "Only Tarvo QX 6 and QX 8 hydraulic disc brakes are included in this recall. They are black.",
        "This recall only involves Tarvo QX 6 and QX 8 hydraulic disc brakes. They are black.",
    ],
)
def test_a_description_naming_what_is_recalled_subject_first_or_only_is_read(description: str) -> None:
    # What the recall covers, said subject first or with "only", names the models as "This recall
    # involves" does: a listing naming one of them is the notice's product.
    assert involved_names(description) == ("Tarvo QX 6", "QX 8 hydraulic disc brakes")
    notice = cpsc(
        "R-SUBJECT-FIRST",
        "Tarvo USA Recalls Bicycle Hydraulic Disc Brakes Due to Collision Hazard",
        description,
        brands=["Tarvo USA"],
        product_names=["Bicycle Hydraulic Disc Brakes"],
    )
    screener = screener_with(notice, *other_firms(6, "Bicycle Disc Brakes"))
    assert verdict_for(screen(screener, "Tarvo QX 8 brake"), "R-SUBJECT-FIRST") is Verdict.BLOCK


@pytest.mark.parametrize(
    "description",
    [
        "The helmets are blue. All sizes are included in this recall.",
        "No other Tarvo models are included in this recall.",
        "The Tarvo Kolt, which is part of the recall, is red.",
        "Only in Canada, Tarvo Kolt bikes are part of this recall.",
        "The pads come in red. Tarvo Q2 pads are not part of this recall.",
    ],
)
def test_a_sentence_saying_what_is_recalled_of_no_product_names_none(description: str) -> None:
    # A quantifier ("All sizes"), a denial, a clause or a place is no product a seller names; nor is
    # every model of a line read from "All …" said subject first.
    assert involved(description) is None


def test_a_line_named_in_a_covered_year_without_the_names_variant_goes_to_a_person() -> None:
    # The notice names "Kolt 3a Aluminum" of the 2020 models. "2020 Tarvo Kolt" is the line in the
    # year the recall covers: the year says which generation, not which of that year's versions.
    recall = from_api(
        "R-IN-ITS-YEAR",
        "Tarvo Bicycles Recalls Bicycles with Aluminum Frames Due to Fall Hazard",
        "This recall involves the model year 2020 aluminum frames on Tarvo models Vexo 4a "
        "Aluminum, Kolt 3a Aluminum and the 5010 3a Aluminum and Quindle models Pellow 3a Aluminum.",
        product="Model Year 2020 Aluminum Tarvo and Quindle Bicycles",
        maker="Tarvo Bicycles",
    )
    screener = screener_with(recall, *other_firms(6, "Bicycles"))
    decision = screen(screener, "2020 Tarvo Kolt")
    assert verdict_for(decision, "R-IN-ITS-YEAR") is Verdict.REVIEW
    assert any("in a model year the recall covers" in n for n in notes_for(decision, "R-IN-ITS-YEAR"))
    # Without the year, the plain line may be another version of any year; in another year, it is
    # outside the recall; with a word of its own, it is another product of the line or its own
    # version of that year.
    for other in ("Tarvo Kolt", "2019 Tarvo Kolt", "2020 Tarvo Kolt pedals", "2020 Tarvo Kolt QC"):
        assert verdict_for(screen(screener, other), "R-IN-ITS-YEAR") is Verdict.ALLOW, other


def test_an_allowed_match_tells_the_partial_scope_without_asking_for_a_person() -> None:
    # A notice of some units only: a match sent to review says a person must check; one the names
    # leave allowed tells the scope, and does not ask for a person it is not sent to.
    notice = cpsc(
        "R-SOME-UNITS",
        "Tarvo Recalls Portable Generators Due to Fire Hazard",
        "This recall involves Tarvo Kolt portable generators with serial numbers 1000 through 2000.",
        brands=["Tarvo"],
        product_names=["Tarvo Kolt Portable Generators"],
    )
    screener = screener_with(notice, *other_firms(6, "Portable Generators"))
    reviewed = screen(screener, "Tarvo Kolt generator")
    assert verdict_for(reviewed, "R-SOME-UNITS") is Verdict.REVIEW
    assert "the recall covers only some units (serial numbers): a person must check" in notes_for(
        reviewed, "R-SOME-UNITS"
    )
    allowed = screen(screener, "portable generator")
    assert verdict_for(allowed, "R-SOME-UNITS") is Verdict.ALLOW
    notes = notes_for(allowed, "R-SOME-UNITS")
    assert "the recall covers only some units (serial numbers)" in notes
    assert not any("a person must check" in n for n in notes)


def test_a_model_year_read_where_model_numbers_stand_is_no_model_number() -> None:
    # "The 2012 and 2013 model road bicycles": the years are the notice's model years, and a
    # listing stating its year has not given a model number of the notice's.
    recall = from_api(
        "R-YEARS-AS-MODELS",
        "Tarvo Recalls Road Bicycles Due to Fall Hazard",
        "The 2012 and 2013 model road bicycles and framesets come in various colors and "
        'have the brand name "Tarvo" on the frame. The model name "Vexo SL4" is on the top tube.',
        product="Road Bicycles and Framesets",
        model="Vexo SL4",
        maker="Tarvo Bicycle Components",
    )
    profile = profile_of(recall)
    assert profile.model_years == {2012, 2013}
    assert {model.printed for model in profile.models}.isdisjoint({"2012", "2013"})
    screener = screener_with(recall, *other_firms(6, "Bicycles"))
    decision = screen(screener, "2013 Tarvo Kolt hardtail")
    evidence = [e for m in decision.matches if m.recall_id == "R-YEARS-AS-MODELS" for e in m.evidence]
    assert not any(e.method.startswith("model") for e in evidence)
    assert verdict_for(decision, "R-YEARS-AS-MODELS") is not Verdict.BLOCK


def test_a_line_of_the_brand_a_size_and_the_type_names_no_more_than_the_brand_and_type() -> None:
    # "This recall involves Tarvo 14-foot trampolines": another maker's 14-foot trampoline shares
    # the size and the type with the line, not its name. Naming the brand, or nothing but the
    # size and the type, it is still the notice's product.
    recall = from_api(
        "R-SIZED-LINE",
        "Tarvo Recalls Trampolines Due to Fall Hazard",
        "This recall involves Tarvo 14-foot trampolines, and 16-foot trampolines with "
        "enclosures sold without clamps. The Tarvo logo is printed on the mat.",
        product="Tarvo Trampolines",
        maker="Tarvo",
    )
    assert "Tarvo 14-foot trampolines" in lines_of(recall)
    # Other firms' trampolines of other sizes: a size's unit is a common word, as in the
    # regulators' files.
    screener = screener_with(recall, *other_firms(8, "12-Foot Trampolines"))
    other = screen(screener, "Quorra Halden 14-foot Trampoline")
    assert verdict_for(other, "R-SIZED-LINE") is Verdict.ALLOW
    assert any("another firm's product of the type" in n for n in notes_for(other, "R-SIZED-LINE"))
    for title in ("Tarvo 14-foot trampoline", "14 foot trampoline"):
        assert verdict_for(screen(screener, title), "R-SIZED-LINE") is not Verdict.ALLOW, title


def test_a_line_of_the_brand_and_a_line_s_name_ends_in_no_type() -> None:
    # "… all model year 2018 Tarvo Kolt (Base), Kolt Sport …": the line "Tarvo Kolt" is the brand
    # and the line's name, so a listing naming the line shares more than the type with it.
    recall = from_api(
        "R-LINE-NAME",
        "Tarvo Recalls Bicycles Due to Fall Hazard",
        "This recall involves all model year 2018 Tarvo Kolt (Base), Kolt Sport, and "
        "Kolt Elite road racing bicycles.",
        product="Bicycles",
        maker="Tarvo Bicycle Components",
    )
    assert "Tarvo Kolt" in lines_of(recall)
    # Other firms' products of the name: it is not rare, and the listing's only word of the notice.
    named_too = [
        cpsc(
            f"R-KOLT-{n}",
            f"{firm} Recalls Kolt {product}",
            brands=[firm],
            product_names=[f"{firm} Kolt {product}"],
        )
        for n, (firm, product) in enumerate(zip(_OTHER_FIRMS, ("Helmets", "Lights", "Pedals"), strict=False))
    ]
    screener = screener_with(recall, *other_firms(6, "Bicycles"), *named_too)
    decision = screen(screener, "Kolt Brisk Tempo")
    assert not any("another firm's product" in n for n in notes_for(decision, "R-LINE-NAME"))


def test_a_store_s_item_code_opening_the_title_may_be_the_one_a_cut_notice_lost() -> None:
    # The shared files cut long descriptions short ("… The plastic container bears…"). Against a
    # notice naming no model number there, a code opening the title ("VX09 LANTERN WAX CANDLE",
    # a store's item name) may be the notice's own, in the part lost: it is neither another
    # variant of the line nor another maker's name where a brand stands. After the name, a code
    # is still a variant; a brand written with a digit ("K2") is no item code.
    headline = "Tarvo Recalls Harvest-Themed Lantern Wax Candles Due to Fire Hazard"
    description = (
        "This recall involves a Harvest-themed Lantern Wax Candle, which is a white candle in a black "
        "plastic bowl with lantern and pinecone ornaments. The plastic container bears…"
    )
    recall = from_api("R-CUT", headline, description, maker="Tarvo")
    screener = screener_with(recall, *other_firms(2, "Candles"))
    decision = screen(screener, "VX09 LANTERN WAX CANDLE")
    assert verdict_for(decision, "R-CUT") is Verdict.REVIEW
    assert not any("another variant" in n or "another maker" in n for n in notes_for(decision, "R-CUT"))
    for title in ("Lantern Wax Candle VX09", "K2 Lantern Wax Candle"):
        assert verdict_for(screen(screener, title), "R-CUT") is Verdict.ALLOW, title
    told = from_api("R-WHOLE", headline, description.replace(" bears…", "."), maker="Tarvo")
    screener = screener_with(told, *other_firms(2, "Candles"))
    assert verdict_for(screen(screener, "VX09 LANTERN WAX CANDLE"), "R-WHOLE") is Verdict.ALLOW


def _rower_family() -> list[Recall]:
    """Three notices of one brand sharing "Wardline" and "rower": every rower of the first model,
    the later "Rower+" (some serial numbers only), and pedals fitted on the first rowers."""
    return [
        cpsc(
            "R-SIB-ONE",
            "Wardline Recalls Exercise Rowers Due to Injury Hazard",
            "This recall involves Wardline Rowers with model number WR01, 6 ft. long with a padded seat.",
            brands=["Wardline"],
            product_names=["Wardline Rowers Model WR01"],
            models=["WR01"],
        ),
        cpsc(
            "R-SIB-PLUS",
            "Wardline Recalls Rower+ Exercise Rowers Due to Injury Hazard",
            "This recall involves Wardline Rower+ units, with model number WR02 and serial numbers "
            "starting with 24. The rower is 6 ft. long.",
            brands=["Wardline"],
            product_names=["Wardline Rower+ Model WR02"],
            models=["WR02"],
        ),
        cpsc(
            "R-SIB-PEDAL",
            "Wardline Recalls WP70 Rower Pedals Due to Laceration Hazard",
            "This recall involves WP70 pedals fitted on Wardline rowers sold from 2014 to 2016.",
            brands=["Wardline"],
            product_names=["WP70 Pedals fitted on Wardline rowers (sold 2014 to 2016)"],
            models=["WP70"],
        ),
    ]


def test_a_sibling_the_listing_is_shown_outside_of_does_not_share_its_words() -> None:
    # A listing naming the first model in full names no "+": it is shown outside the second
    # notice, which then does not make the words a family's. Blocked, as a model with no sibling.
    screener = screener_with(*other_firms(4, "Exercise Rowers"), *_rower_family())
    decision = screen(screener, "Wardline Rower Starter Kit")
    assert any("not the model the recall names" in n for n in notes_for(decision, "R-SIB-PLUS"))
    assert verdict_for(decision, "R-SIB-ONE") is Verdict.BLOCK
    # Which is the plus's own listing: a person checks its serial number.
    plus = screen(screener, "Wardline Rower+ - Black")
    assert verdict_for(plus, "R-SIB-ONE") is Verdict.ALLOW
    assert verdict_for(plus, "R-SIB-PLUS") is Verdict.REVIEW


def test_a_sibling_shown_outside_does_not_share_the_words_of_a_line_named_whole() -> None:
    # The first notice names its line in its description among lower-case words that say which
    # units ("non-certified Vexo brand self-balancing scooters"); the second recalls the packs of
    # the line's "2.0". "Tarvo Vexo" is shown outside the second (no "2.0"), and names the first
    # notice's line whole, though not the rest of that name: the words are no family's, and the
    # brand and the line block. A line the listing names in part ("Vexo Glide"; "Vexo Max",
    # though many notices write "Max") stays a family's with its sibling. (Other firms' notices of
    # other products make "Vexo", in two notices, a rare word, and "Max" a common one.)
    def family(line: str) -> Screener:
        return screener_with(
            *other_firms(4, "Self-Balancing Scooters"),
            *(
                cpsc(f"R-HOSE-{n}", f"Firm{n} Recalls Max Garden Hoses", brands=[f"Firm{n}"])
                for n in range(90)
            ),
            cpsc(
                "R-LINE-WHOLE",
                "Tarvo Recalls Self-Balancing Scooters Due to Fire Hazard",
                f"This recall involves non-certified {line} brand self-balancing scooters, commonly called "
                "hoverboards. They have two wheels.",
                brands=["Tarvo"],
                product_names=["Self-balancing scooters/hoverboards"],
            ),
            cpsc(
                "R-LINE-TWO",
                "Tarvo Recalls Battery Packs Sold with Vexo 2.0 Self-Balancing Hoverboards",
                "This recall involves the battery packs installed in Vexo 2.0 self-balancing scooters.",
                brands=["Tarvo"],
                product_names=["Vexo 2.0 Self-Balancing Scooters with Battery Packs"],
            ),
        )

    for line, verdict in [
        ("Vexo", Verdict.BLOCK),
        ("Vexo Glide", Verdict.ALLOW),
        ("Vexo Max", Verdict.ALLOW),
    ]:
        decision = screen(family(line), "Tarvo Vexo")
        assert verdict_for(decision, "R-LINE-TWO") is Verdict.ALLOW, line
        assert "R-LINE-WHOLE" in {m.recall_id for m in decision.matches}, line
        assert verdict_for(decision, "R-LINE-WHOLE") is verdict, line


def test_a_sibling_shown_outside_counts_only_where_it_counted() -> None:
    # The sibling notice is taken off a count it was in: one of another regulator's, which does
    # not apply where the listing ships, was never counted against a notice that does.
    screener = screener_with(*other_firms(4, "Exercise Rowers"), *_rower_family())
    index = screener.index
    positions = {recall_id: n for n, (_, recall_id) in enumerate(index.recall_ids())}
    view = analyse(Listing(listing_id="L", title="Wardline Rower Starter Kit", ship_to="US"), index, Policy())
    one, plus, pedal = (
        scoring.score(view, positions[recall_id], index, Policy(), "US")
        for recall_id in ("R-SIB-ONE", "R-SIB-PLUS", "R-SIB-PEDAL")
    )
    scoring.judge_all([one, plus, pedal], Policy())
    assert plus.features.outside is not None
    assert one.features.sharing == 2  # itself and the pedals
    plus.applicable = False  # as if another regulator's notice
    scoring.judge_all([one, plus, pedal], Policy())
    assert one.features.sharing == 2


def test_a_sibling_still_shares_the_words_of_a_line_the_listing_names_in_part() -> None:
    # Two lines of one brand share the rare "Neo". A listing of the second line's other variant
    # is shown outside that notice, but names only part of the first line's name ("Marlo" left
    # out): the sibling still shows that "Neo" is a family's word, not the first line's alone.
    family = [
        cpsc(
            "R-LINE-MARLO",
            "Halden Recalls Marlo NEO Bicycles Due to Fall Hazard",
            "This recall involves all Halden Marlo NEO bicycles with an electric assist motor.",
            brands=["Halden"],
            product_names=["Halden Marlo NEO Bicycles"],
        ),
        cpsc(
            "R-LINE-SPORT",
            "Halden Recalls Corvo Neo X Sport Electric Bicycles Due to Fall Hazard",
            "This recall involves Halden Corvo Neo X Sport electric bicycles.",
            brands=["Halden"],
            product_names=["Halden Corvo Neo X Sport Electric Bicycles"],
        ),
    ]
    screener = screener_with(*other_firms(4, "Electric Bicycles"), *family)
    index = screener.index
    positions = {recall_id: n for n, (_, recall_id) in enumerate(index.recall_ids())}
    view = analyse(Listing(listing_id="L", title="Halden Corvo Neo X 1", ship_to="US"), index, Policy())
    marlo, sport = (
        scoring.score(view, positions[recall_id], index, Policy(), "US")
        for recall_id in ("R-LINE-MARLO", "R-LINE-SPORT")
    )
    scoring.judge_all([marlo, sport], Policy())
    assert sport.features.outside is not None
    assert marlo.features.text_cov < Policy().strong_name_coverage
    assert marlo.features.sharing == 2


def test_a_line_that_is_a_brand_alone_names_no_product() -> None:
    # The description enumerates the brands the stands were sold under. Read as lines, each brand
    # alone was a name of the product, and any listing of the brand's covered it: an exercise
    # bike of one of them went to a person against the training stands' notice.
    stands = cpsc(
        "R-STANDS",
        "Tarvo Recalls Bicycle Indoor Training Stands",
        "This recall involves Tarvo, Vexo, Quessa or Zorbit brand stands with a red flywheel.",
        brands=["Tarvo", "Vexo", "Quessa", "Zorbit"],
        product_names=["Bicycle Indoor Training Stands"],
    )
    lines = [value for field_name, value, _ in profile_of(stands).texts if field_name == "lines"]
    assert not set(lines) & set(stands.brands)
    screener = screener_with(stands, *other_firms(6, "Exercise Bikes"))
    bike = screener.screen(
        Listing(listing_id="L", title="Vexo IC9 Indoor Cycling Bike", brand="Vexo", ship_to="US")
    )
    assert verdict_for(bike, "R-STANDS") is Verdict.ALLOW
    assert verdict_for(screen(screener, "Vexo Bicycle Indoor Training Stand"), "R-STANDS") is Verdict.BLOCK


def test_a_brand_alone_that_other_lines_go_on_from_is_the_line_s_first_model() -> None:
    # "Zorbit, Zorbit Pro and Zorbit Max folding bicycles": the brand alone heads the lines that
    # extend it; it is the first model of the line, still a name of the recalled product.
    bicycles = cpsc(
        "R-FOLDING",
        "Zorbit Recalls Folding Bicycles Due to Fall Hazard",
        "This recall involves Zorbit, Zorbit Pro and Zorbit Max folding bicycles.",
        brands=["Zorbit"],
        product_names=["Folding Bicycles"],
    )
    lines = [value for field_name, value, _ in profile_of(bicycles).texts if field_name == "lines"]
    assert "Zorbit" in lines
    screener = screener_with(bicycles, *other_firms(6, "Folding Bicycles"))
    assert verdict_for(screen(screener, "Zorbit Bicycle"), "R-FOLDING") is not Verdict.ALLOW


def test_another_firm_s_product_of_a_type_the_notice_names_as_a_phrase_is_allowed() -> None:
    # The EU Safety Gate names a product by its type, written as a phrase, and its brand apart:
    # "Teeth whitening pen (Zentro)". Few notices are of the type, so its words are rare by the
    # postings, and a listing of another maker's pen blocked as if it named the product. A title
    # opening with a name no notice uses, then the type alone, is another firm's product; the
    # notice's brand with the type, or the type alone, still names it.
    pens = eu("SR-PEN", "Teeth whitening pen (Zentro)", "Teeth whitening pen", "Zentro")
    others = [
        eu(f"SR-OTHER-{n}", f"{kind} (Kolt{n})", kind, f"Kolt{n}")
        for n, kind in enumerate(["Electric kettle", "Hair dryer", "Night light", "Bath toy"])
    ]
    screener = screener_with(pens, *others)

    def decide(title: str) -> Decision:
        return screener.screen(Listing(listing_id="L", title=title, ship_to="DE"))

    other_firm = decide("Halvora Teeth Whitening Pen")
    assert verdict_for(other_firm, "SR-PEN") is Verdict.ALLOW
    assert any("another firm's product of the type" in n for n in notes_for(other_firm, "SR-PEN"))
    assert verdict_for(decide("Zentro Teeth Whitening Pen"), "SR-PEN") is Verdict.BLOCK
    assert verdict_for(decide("Teeth Whitening Pen"), "SR-PEN") is not Verdict.ALLOW


def test_a_name_beyond_the_type_phrase_still_names_the_product() -> None:
    # Only the type is another firm's to share: a listing that also gives a name the notice's
    # description has (the product's market name), or whose notice names the product with a
    # capital or a number ("Vexo Glide Wand", "Styling wand 3"), is judged on its names.
    wand = eu(
        "SR-WAND",
        "Hair curling wand (Zentro)",
        "Hair curling wand",
        "Zentro",
        description='The product, a hair curling wand sold as "Lumora Curl", overheats.',
    )
    titled = eu("SR-TITLED", "Vexo Glide Wand (Zentro)", "Vexo Glide Wand", "Zentro")
    numbered = eu("SR-NUMBERED", "Styling wand 3 (Zentro)", "Styling wand 3", "Zentro")
    others = [
        eu(f"SR-OTHER-{n}", f"{kind} (Kolt{n})", kind, f"Kolt{n}")
        for n, kind in enumerate(["Electric kettle", "Hair dryer", "Night light", "Bath toy"])
    ]
    screener = screener_with(wand, titled, numbered, *others)

    def verdict(title: str, recall_id: str) -> Verdict:
        return verdict_for(screener.screen(Listing(listing_id="L", title=title, ship_to="DE")), recall_id)

    assert verdict("Halvora Hair Curling Wand Lumora Curl", "SR-WAND") is Verdict.BLOCK
    assert verdict("Halvora Vexo Glide Wand", "SR-TITLED") is Verdict.BLOCK
    assert verdict("Halvora Styling Wand 3", "SR-NUMBERED") is Verdict.BLOCK
    assert verdict("Halvora Hair Curling Wand", "SR-WAND") is Verdict.ALLOW


def test_a_name_listing_types_is_shared_by_any_firms_product_of_them() -> None:
    # A notice titled by the types it recalls ("Trampolines, Enclosures") opens with a type, not a
    # maker's name; another firm's listing of both types shares nothing but them. Its brand is a
    # word another notice uses, so it is not read as a name of its own coined before the type.
    recall = from_api(
        "R-TYPES-LISTED",
        "Trampolines, Enclosures",
        "The recall includes 14-foot and 15-foot Tarvo trampolines sold separately and with Kellor "
        "enclosures. The brand name Tarvo is written on a label around a leg of the trampoline.",
        product='Tarvo Trampolines and "Kellor" Enclosures',
        maker="Tarvo",
    )
    heaters = cpsc("R-HEATERS", "Halden Recalls Space Heaters", brands=["Halden"])
    screener = screener_with(
        recall, heaters, *other_firms(6, "Trampolines"), *other_firms(12, "Trampoline Enclosures")[6:]
    )
    other = screen(screener, "Halden 15 FT Trampoline Enclosure Combo")
    assert verdict_for(other, "R-TYPES-LISTED") is Verdict.ALLOW
    assert any("another firm's product of the type" in n for n in notes_for(other, "R-TYPES-LISTED"))
    own = screen(screener, "Tarvo 15 ft Trampoline with Kellor Enclosure")
    assert verdict_for(own, "R-TYPES-LISTED") is not Verdict.ALLOW


def test_only_a_common_word_another_name_ends_in_is_a_type_listed() -> None:
    # "Kolt and Vexo Scooters" lists two lines of one type: "Kolt" is a name, which another of the
    # notice's names ends in but few notices use; "Trampolines, Enclosures" lists two types, and
    # opens with no maker's name, though few enough notices use its first word for one.
    lines = cpsc(
        "R-TWO-LINES",
        "Kolt and Vexo Scooters",
        brands=["Halden"],
        product_names=["Kolt Scooters", "Halden Kolt"],
    )
    types = cpsc(
        "R-TWO-TYPES",
        "Trampolines, Enclosures",
        "The recall includes Tarvo trampolines sold with enclosures.",
        brands=["Tarvo"],
    )
    index = RecallIndex.build([lines, types, *other_firms(1, "Trampolines and Enclosures")])
    policy = Policy()
    for recall_id, expected in (("R-TWO-LINES", {"scooter"}), ("R-TWO-TYPES", {"trampoline", "enclosure"})):
        profile = profile_in(index, recall_id)
        position = next(n for n, (field, _, _) in enumerate(profile.texts) if field == "title")
        title = profile.texts[position][1]
        name = notice_names.NameEvidence(1.0, 1.0, (), "title", title, position)
        assert notice_names.types_listed(name, profile, policy) == expected, recall_id
        if recall_id == "R-TWO-TYPES":
            assert notice_names.names_maker(name, profile, policy) is None


def test_a_type_the_notice_writes_only_in_its_firms_name_is_another_product() -> None:
    # "Tarvo Electric Bikes" recalls its fat-tire trikes: a listing of a fat-tire bike shares the
    # line's rare words, and its type only with the firm's name, which says what the firm makes as
    # a rule, not what it recalled.
    recall = from_api(
        "R-FIRMS-WORD",
        "Tarvo Electric Bikes Recalls Fat Tire Trikes Due to Fall Hazard",
        "This recall involves the Fat Tire Trike, an aluminum adult three-wheeled electric tricycle. "
        "The word Tarvo is printed on the frame.",
        product="Fat Tire Trikes",
        maker="Tarvo Electric Bikes",
    )
    screener = screener_with(recall, *other_firms(12, "Electric Scooters"))
    bike = screen(screener, "Quorra Fat Tire Electric Mountain Bike")
    assert verdict_for(bike, "R-FIRMS-WORD") is Verdict.ALLOW
    assert any("another product" in n for n in notes_for(bike, "R-FIRMS-WORD"))
    for title in ("Fat Tire Electric Trike", "Tarvo Fat Tire Trike"):
        assert verdict_for(screen(screener, title), "R-FIRMS-WORD") is Verdict.BLOCK, title
    # Opening with the line's name, the firm's word may be the seller's for the recalled trike.
    assert verdict_for(screen(screener, "Fat Tire Electric Bike"), "R-FIRMS-WORD") is not Verdict.ALLOW


def test_a_style_the_notice_names_is_no_maker_nor_line() -> None:
    # "Vexo-style patio chairs": the style is how any maker's chair may look, however few notices
    # use the word; another firm's chair of the style is not the recalled one. The brands the
    # notice names, with the style and the type, still are.
    recall = from_api(
        "R-STYLE",
        "Tarvo Manufacturing Recalls Vexo Patio Chairs Due to Fall Hazard",
        "This recall involves Vexo-style patio chairs sold under two different brands: Tarvo Comfort "
        "and Kellvane. The resin chairs have slat backs and seats.",
        product="Vexo Patio Chairs",
        maker="Tarvo Manufacturing",
    )
    heaters = cpsc("R-HEATERS", "Halden Recalls Space Heaters", brands=["Halden"])
    screener = screener_with(recall, heaters, *other_firms(10, "Patio Chairs"))
    assert verdict_for(screen(screener, "Halden Vexo Chair"), "R-STYLE") is Verdict.ALLOW
    # Nor is the style the line's rare name a person looks at.
    index = screener.index
    view = analyse(Listing(listing_id="L-1", title="Halden Vexo Chair", ship_to="US"), index, Policy())
    profile = profile_in(index, "R-STYLE")
    assert scoring._rare_name_word(view, profile, Policy()) is None
    for title in ("Tarvo Comfort Vexo Chair", "Kellvane Vexo Chair"):
        assert verdict_for(screen(screener, title), "R-STYLE") is Verdict.BLOCK, title


@pytest.mark.parametrize(
    ("title", "maker"),
    [
        ("Tea Kettle - Whistling Teapot by Kellvane & Everly", {"kellvane", "everly"}),
        ("Safety Ear Muffs by Tarvo Defense – 37dB NRR", {"tarvo", "defense"}),
        ("Lamp by Tarvo (blue)", {"tarvo"}),
        ("Kettle by Kellvane & Co", {"kellvane"}),
        # Title case writes "By" of anything; a lower-case word after the name is no separator.
        ("Baby Crib Made By Hand", set()),
        ("O Pro by Kolt electronic disposable cigarette", set()),
        ("step by step guide", set()),
        # Who sells or powers it is not its maker.
        ("Kolt e-bike powered by Tarvo", set()),
        ("Kolt Scooter sold by Tarvo Outlet", set()),
    ],
)
def test_the_maker_a_title_names_after_by(title: str, maker: set[str]) -> None:
    assert _maker_stated(title) == maker


def test_a_title_naming_another_maker_after_by_is_another_firms_product() -> None:
    # A seller writes the maker after "by": another firm's kettle shares the recalled kettle's
    # type, not its brand; the recalled brand written so is still the recalled kettle.
    recall = from_api(
        "R-BY-MAKER",
        "Quorra Recalls Kolt Studio Tea Kettles Due to Risk of Burns",
        "This recall involves the Kolt Studio-branded tea kettles. The stainless-steel kettles have a "
        "black handle.",
        product="Kolt Studio Tea Kettle",
        maker="Quorra",
    )
    screener = screener_with(recall, *other_firms(8, "Electric Kettles"))
    other = screen(screener, "Tea Kettle - Whistling Teapot by Kellvane & Everly")
    assert verdict_for(other, "R-BY-MAKER") is Verdict.ALLOW
    assert "listing's brand is not the recall's" in notes_for(other, "R-BY-MAKER")
    own = screen(screener, "Whistling Tea Kettle by Kolt Studio")
    assert verdict_for(own, "R-BY-MAKER") is Verdict.BLOCK


@pytest.mark.parametrize(
    ("text", "styles"),
    [
        ("This recall involves Vexo-style patio chairs", {"vexo"}),
        ("Kolt-Style lamps and TARVO-STYLE shades", {"kolt", "tarvo"}),
        # A style number is a model's, as "style" is a model cue.
        ("The Kolt style numbers are 4410 and 4420", set()),
        ("all Kolt-style 4410 rocking chairs", set()),
        ("Kolt-style No. 12", set()),
    ],
)
def test_the_styles_a_notice_names(text: str, styles: set[str]) -> None:
    assert notice_names._styles_in(text) == styles


def test_a_maker_after_by_beside_the_recalled_brand_is_a_designer_not_another_firm() -> None:
    # "<Brand> Tea Kettle by <Designer>": the title names the recalled brand; the name after "by"
    # is a designer's, a parent firm's or a licensor's, and does not make it another firm's.
    recall = from_api(
        "R-BY-MAKER",
        "Quorra Recalls Kolt Studio Tea Kettles Due to Risk of Burns",
        "This recall involves the Kolt Studio-branded tea kettles.",
        product="Kolt Studio Tea Kettle",
        maker="Quorra",
    )
    screener = screener_with(recall, *other_firms(8, "Electric Kettles"))
    for title in (
        "Kolt Studio Tea Kettle by Halvern",
        "Kolt Studio Whistling Tea Kettle - Designed by Halvern",
    ):
        decision = screen(screener, title)
        assert verdict_for(decision, "R-BY-MAKER") is Verdict.BLOCK, title
        assert "listing's brand is not the recall's" not in notes_for(decision, "R-BY-MAKER")


def test_a_model_the_notice_lists_as_recalled_is_its_product_whatever_words_it_shares() -> None:
    # "The scooters affected by this recall include the following models: Vexo S2, …": the models
    # share no word with the notice's names ("Halden Electric Scooters"). Read as any enumeration
    # (of colours, of what is in the box), they were dropped, and a listing naming one was
    # "another variant of the line" than the notice's names: allowed.
    scooters = cpsc(
        "R-LISTED-MODELS",
        "Halden Recalls Electric Scooters Due to Fall Hazard",
        "This recall involves Halden electric scooters. The scooters affected by this recall include "
        "the following models: Vexo S2, Vexo S3 and Vexo Max. The model name is printed on the deck.",
        brands=["Halden"],
        product_names=["Halden Electric Scooters"],
    )
    lines = [value for field_name, value, _ in profile_of(scooters).texts if field_name == "lines"]
    assert lines == ["Vexo S2", "Vexo S3", "Vexo Max"]
    screener = screener_with(scooters, *other_firms(6, "Electric Scooters"))
    for title in ("Halden Vexo S3 Electric Scooter", "Vexo S3 Electric Scooter 350W", "Vexo Max Scooter"):
        assert verdict_for(screen(screener, title), "R-LISTED-MODELS") is Verdict.BLOCK, title
    # A model the list does not name is still another variant.
    unlisted = screen(screener, "Halden Vexo S4 Electric Scooter")
    assert verdict_for(unlisted, "R-LISTED-MODELS") is Verdict.ALLOW


def test_the_names_of_what_a_recall_involves_are_the_product_s_whatever_words_they_share() -> None:
    # "The recall involves the brake calipers of Kellor e-bike models Vexo 3.0 Black, Vexo Step 3.0
    # White …": the subject of "involves" is the recalled product, and its names share no word
    # with the notice's ("Mechanical Disc Brake Calipers"). Dropped, a seller's "Kellor Vexo Step
    # 3.0" found no candidate.
    calipers = cpsc(
        "R-INVOLVED-NAMES",
        "Kellor Recalls Disc Brake Calipers Due to Fall Hazard",
        "This recall involves mechanical disc brake calipers on the front and rear of Kellor electric "
        "bicycle models Vexo 3.0 Black, Vexo Step 3.0 Black, Vexo Step 3.0 White and Vexo Lite.",
        brands=["Kellor"],
        product_names=["Kellor Mechanical Disc Brake Calipers"],
    )
    lines = [value for field_name, value, _ in profile_of(calipers).texts if field_name == "lines"]
    assert {"Vexo Step 3.0 White", "Vexo Lite"} <= set(lines)
    screener = screener_with(calipers, *other_firms(6, "Disc Brake Calipers"))
    assert verdict_for(screen(screener, "Kellor Vexo Step 3.0"), "R-INVOLVED-NAMES") is not Verdict.ALLOW


@pytest.mark.parametrize(
    "description",
    [
        # Sizes, colours, trims and packs: no number singles a model out of a line.
        "The recalled helmets were sold as follows. Models: Extra Small, Small, Medium and Extra Large.",
        "The recalled bottles were sold in the following models: Midnight Blue and Desert Sand.",
        "Models included in the recall are: Sport Edition, Trail Edition.",
        "Models: Single Pack, Twin Pack and Family Pack.",
        # A rating is no model's number.
        "The batteries were sold with light sets with the following models: Vexo 900 Lumen and 1400 Lumen.",
        # The stores, the accessories a subject lists.
        "This recall involves Quessa Mart and Brantly Depot exclusive chargers.",
        "This recall involves Car Seat Adapters, Rain Covers and Cup Holders that attach to strollers.",
    ],
)
def test_an_enumeration_sharing_no_word_with_the_names_gives_only_numbered_models(description: str) -> None:
    notice = cpsc(
        "R-NO-MODELS", "Tarvo Recalls Products", description, brands=["Tarvo"], product_names=["Tarvo Goods"]
    )
    assert [value for field_name, value, _ in profile_of(notice).texts if field_name == "lines"] == []


@pytest.mark.parametrize(
    ("description", "lines"),
    [
        (
            "The recalled lanterns include the following models: Quorra 300 and Quorra 500.",
            ["Quorra 300", "Quorra 500"],
        ),
        # What a bundle includes is its parts, whatever they are called.
        ("Each bundle includes the following models: Kellvane Charger 20 and Kellvane Cable 2.", []),
        # Models the sentence excludes, or says are replacements or what the product fits.
        ("Excluded models: Vexo S4 and Vexo Max.", []),
        ("Replacement models include: Vexo S5 and Vexo S5 Pro.", []),
        ("The batteries fit the following models: Kolt Trail 5 and Kolt Trail 7.", []),
        # Only the words right before the list say so, in prose: not a clause before it, not "is
        # not limited to", not a name.
        (
            "The pumps, not sold in stores, came in the following models: Halden Aqua 2 and Halden Aqua 3.",
            ["Halden Aqua 2", "Halden Aqua 3"],
        ),
        (
            "This recall includes, but is not limited to, the following models: Cozy Max 2 and Cozy Max 3.",
            ["Cozy Max 2", "Cozy Max 3"],
        ),
        ("The recalled Kolt Fit trackers include the following models: Fit 3 and Fit 5.", ["Fit 3", "Fit 5"]),
        # A kit's contents, though the sentence speaks of a recall.
        ("Recalled batteries were also sold in kits, which include the following models: Kolt Drill 20.", []),
    ],
)
def test_which_lists_of_models_a_notice_recalls(description: str, lines: list[str]) -> None:
    scope = read_scope(description)
    assert list(scope.lines) == lines
    assert list(scope.named_models) == lines  # each numbered, or a sibling of one


def test_a_count_a_price_or_a_list_s_own_number_is_no_model_s_number() -> None:
    scope = read_scope(
        "Models: Travel Pack of 20, Count 135, Vanilla $24.99, Tarvo trainer models 9014 and Vexo S3."
    )
    assert list(scope.named_models) == ["Vexo S3"]


def test_a_short_model_number_a_line_holds_weighs_once() -> None:
    # "Models: Vexo S2, Vexo S3": "S3" is a model number and a word of the line "Vexo S3". Counted
    # as both, another brand's "S3" scooter weighed as if it named the line: blocked.
    scooters = from_api(
        "R-LINE-CODE",
        "Halden Recalls Electric Scooters Due to Fall Hazard",
        "This recall involves Halden electric scooters. Models: Vexo S2, Vexo S3 and Vexo Max.",
        product="Halden Electric Scooters",
    )
    screener = screener_with(scooters, *other_firms(12, "Electric Scooters"))
    assert verdict_for(screen(screener, "Kolt S3 Electric Scooter"), "R-LINE-CODE") is Verdict.REVIEW
    assert verdict_for(screen(screener, "Halden Vexo S3 Scooter"), "R-LINE-CODE") is Verdict.BLOCK


def test_the_firm_s_legal_form_in_a_product_text_is_no_word_of_the_line() -> None:
    # "This recall involves all Tarvo & Company Vexo Chandelier …": the line reads "Tarvo & Company
    # Vexo Chandelier", and "Company" is the firm's name, not the product's. As a word of the line,
    # another chandelier of the firm's, listed under the firm's whole name, was blocked.
    chandeliers = from_api(
        "R-FIRM-FORM",
        "Tarvo & Company Recalls Vexo Chandeliers Due to Impact Injury Hazard",
        "This recall involves all Tarvo & Company Vexo Chandelier and Vexo Three Tier Chandelier light "
        "fixtures. The fixtures are made of glass and iron.",
    )
    screener = screener_with(chandeliers, *other_firms(12, "Chandeliers"))
    assert profile_in(screener.index, "R-FIRM-FORM").brands == (("Tarvo", ("tarvo",)),)
    for title in ("Tarvo and Company Quessa Chandelier", "Tarvo & Company's Kolt chandelier"):
        assert verdict_for(screen(screener, title), "R-FIRM-FORM") is Verdict.ALLOW, title
    assert verdict_for(screen(screener, "Tarvo & Company Vexo Chandelier"), "R-FIRM-FORM") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo Vexo Three Tier Chandelier"), "R-FIRM-FORM") is Verdict.BLOCK
    # Only the firm's own legal form, as the notice prints the firm's name: "CO" of "Kolt CO
    # Alarms" names the product, and another alarm of the brand is not it.
    alarms = from_api(
        "R-FORM-WORD",
        "Kolt Recalls CO Alarms Due to Poisoning Hazard",
        "This recall involves Kolt CO Alarms sold in white.",
    )
    screener = screener_with(alarms, *other_firms(12, "Alarms"))
    assert verdict_for(screen(screener, "Kolt Smoke Alarm"), "R-FORM-WORD") is not Verdict.BLOCK
    assert verdict_for(screen(screener, "Kolt CO Alarm"), "R-FORM-WORD") is Verdict.BLOCK


def test_a_line_and_its_number_run_together_are_the_line_the_notice_writes_apart() -> None:
    # "Kellor QX 6 and QX 8 hydraulic disc brakes are being recalled": sellers write "QX8". A code
    # no notice uses, read as the line's letters and number apart, names its variant apart too:
    # the "8" of "QX 8", not another variant "qx8" of the line. Another number is another model.
    recall = cpsc(
        "R-APART",
        "Kellor USA Recalls Bicycle Hydraulic Disc Brakes Due to Collision Hazard",
        "Kellor QX 6 and QX 8 hydraulic disc brakes are being recalled. The brakes consist of a "
        "brake lever and a caliper.",
        brands=["Kellor USA"],
        product_names=["Bicycle Hydraulic Disc Brakes"],
        models=["40712, 51803"],
    )
    screener = screener_with(*other_firms(4, "Disc Brakes"), recall)
    for title in ("Kellor QX8", "Kellor QX8 disc brake", "Kellor QX 8 disc brake"):
        assert verdict_for(screen(screener, title), "R-APART") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Kellor QX4 disc brake"), "R-APART") is Verdict.ALLOW
    # Nor is a piece of the notice's model number the listing gives re-spaced ("EN1 078").
    helmets = cpsc(
        "R-CODE",
        "Tarvo Recalls Bicycle Helmets Due to Risk of Head Injury",
        "This recall involves Tarvo Quorra Jr. bicycle helmets, model EN1078, sold with the EN "
        "standard's label, 1 helmet to a box.",
        brands=["Tarvo"],
        product_names=["Tarvo Quorra Jr. bicycle helmets"],
        models=["EN1078"],
    )
    screener = screener_with(*other_firms(4, "Bicycle Helmets"), helmets)
    assert verdict_for(screen(screener, "Tarvo brand Quorra EN1 078"), "R-CODE") is Verdict.BLOCK
    # A size run together is no line's number: "50lb" is not read as the "50" and "LB" of names.
    sets = cpsc(
        "R-SIZE",
        "Tarvo Recalls 50 LB Adjustable Dumbbells Due to Injury Hazard",
        "This recall involves the Tarvo Kolt Brisk 50 LB Adjustable Dumbbell Set, model QDB20. The "
        "dumbbells include handles and weight plates.",
        brands=["Tarvo"],
        product_names=["Tarvo Kolt Brisk 50 LB Adjustable Dumbbell Sets"],
        models=["QDB20"],
    )
    benches = cpsc("R-LB", "Vexo Recalls Benches", brands=["Vexo"], product_names=["Vexo LB Weight Benches"])
    screener = screener_with(*other_firms(4, "Dumbbells"), benches, sets)
    listing = Listing(listing_id="L-SIZE", title="Tarvo 50lb Glissa-Lift Dumbbell Set")
    read = analyse(listing, screener.index, screener.policy)
    assert {"50", "lb"}.isdisjoint(read.hits) and "dumbbell" in read.hits


def test_a_code_run_together_keeps_a_long_number_whole_and_a_unit_a_size() -> None:
    # Found by a review with invented notices. A code of five characters or more ("TX500") was read
    # apart before short ones were; its variant stays whole, so a number the notice's prose gives
    # ("Bluetooth 5") is no model of the line it lacks. A unit's letters run into a number ("4qt",
    # "3XL", "lb50") are a size, not a line's letters and its number.
    speakers = from_api(
        "R-WHOLE",
        "Quorra Recalls Bluetooth Speakers Due to Fire Hazard",
        "This recall involves Quorra TX 500 Bluetooth 5 speakers.",
        product="Quorra TX 500 Bluetooth 5 Speakers",
        maker="Quorra",
    )
    screener = screener_with(speakers, *other_firms(12, "Speakers"))
    assert verdict_for(screen(screener, "Quorra TX500 speaker"), "R-WHOLE") is Verdict.BLOCK
    cookers = from_api(
        "R-QUARTS",
        "Kolt Recalls Slow Cookers Due to Burn Hazard",
        "This recall involves Kolt 7 QT programmable slow cookers.",
        product="Kolt 7 QT Programmable Slow Cookers",
        maker="Kolt",
    )
    screener = screener_with(cookers, *other_firms(12, "Slow Cookers"))
    assert verdict_for(screen(screener, "Kolt 4qt slow cooker"), "R-QUARTS") is Verdict.ALLOW


def test_a_lines_letters_and_number_named_together_name_the_line_though_neither_is_rare() -> None:
    # "QZ 700 Backpack Blowers": other notices use "QZ" and "700" alike, so neither word is rare;
    # the pair, apart, run together or hyphened, names the notice's line as a rare word does.
    blower = cpsc(
        "R-DESIGNATION", "Tarvo Recalls QZ 700 Backpack Blowers Due to Laceration Hazard", brands=["Tarvo"]
    )
    letters = [
        cpsc(f"R-QZ-{n}", f"{maker} Recalls QZ Series High Chairs", brands=[maker])
        for n, maker in enumerate(_OTHER_FIRMS[:6])
    ]
    numbers = [
        cpsc(f"R-700-{n}", f"{maker} Recalls 700 Pressure Washers", brands=[maker])
        for n, maker in enumerate(_OTHER_FIRMS[6:12])
    ]
    screener = screener_with(*letters, *numbers, blower)
    assert verdict_for(screen(screener, "Tarvo QZ700"), "R-DESIGNATION") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo QZ-700"), "R-DESIGNATION") is Verdict.BLOCK
    # Another number of the letters is another line: the pair is not the notice's.
    assert verdict_for(screen(screener, "Tarvo QZ 600"), "R-DESIGNATION") is not Verdict.BLOCK
    # The letters opening the notice's name are the designation's, not a maker's: without the
    # brand, the pair alone names no maker's product.
    assert verdict_for(screen(screener, "QZ 700"), "R-DESIGNATION") is Verdict.ALLOW
    # The brand and the pair, but a type of the listing's own that other notices have and this
    # one never uses: another product of the brand (`Policy._named_whole`).
    assert verdict_for(screen(screener, "Tarvo QZ 700 High Chair"), "R-DESIGNATION") is not Verdict.BLOCK


def test_a_designation_is_letters_and_a_number_not_a_size_a_count_or_a_year() -> None:
    assert _designations(("tarvo", "qz700")) == {("qz", "700")}
    assert _designations(("qz-700", "blower")) == {("qz", "700")}
    assert _designations(("tarvo", "qz", "700")) == {("qz", "700")}
    assert _designations(("lb", "50", "pack", "12", "my", "2021", "no", "10")) == frozenset()
    # A rating or a standard every maker prints is no line's.
    assert _designations(("spf", "50", "ip68", "uv-400", "en", "1078", "hd", "1080")) == frozenset()


def test_an_enumeration_numbering_a_line_once_names_each_model_with_the_line() -> None:
    # "Halden TR 250, 300 and 350 Space Heaters": the line's name is written once, before its
    # first number, and the type once, after the last; each model is the line's, of the type, and
    # "TR300" names the second.
    assert enumerated_products("Halden TR 250, 300 and 350 Space Heaters") == [
        "Halden TR 250 Space Heaters",
        "Halden TR 300 Space Heaters",
        "Halden TR 350 Space Heaters",
    ]
    assert enumerated_products("Kolt Super 12,000 mAh Power Banks") == []  # a number, no list
    heaters = cpsc(
        "R-LINE-NUMBERS",
        "Halden Recalls Space Heaters Due to Fire Hazard",
        brands=["Halden"],
        product_names=["Halden TR 250, 300 and 350 Space Heaters"],
    )
    screener = screener_with(*other_firms(4, "Space Heaters"), heaters)
    assert verdict_for(screen(screener, "Halden TR300"), "R-LINE-NUMBERS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Halden TR 350 heater"), "R-LINE-NUMBERS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Halden TR 400"), "R-LINE-NUMBERS") is Verdict.ALLOW
    # A line's short code and a model's number, hyphened ("QX4-60"), are the two words.
    helmets = cpsc(
        "R-HYPHENED-NUMBERS",
        "Kellor Recalls Bicycle Helmets Due to Head Injury Hazard",
        brands=["Kellor"],
        product_names=["Kellor QX4 50, 60 and 65 Helmets"],
    )
    screener = screener_with(*other_firms(4, "Bicycle Helmets"), helmets)
    assert verdict_for(screen(screener, "Kellor QX4-60 helmet"), "R-HYPHENED-NUMBERS") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Kellor QX4-70 helmet"), "R-HYPHENED-NUMBERS") is Verdict.ALLOW


def test_a_variant_run_together_is_the_notices_own_where_its_names_write_it_apart() -> None:
    # The description names the line "QZ 450"; "Tarvo QZ450" and "Tarvo QZ-450" write its letters
    # and number together, as sellers do: the notice's own variant, not another one of the line.
    blowers = from_api(
        "R-WRITTEN-APART",
        "Tarvo Recalls Backpack Blowers Due to Laceration Hazard",
        "This recall involves Tarvo QZ 450 backpack leaf blowers. The model name QZ 450 is on the side.",
        product="Tarvo Backpack Blowers",
        maker="Tarvo",
    )
    screener = screener_with(*other_firms(4, "Backpack Blowers"), blowers)
    for title in (
        "Tarvo QZ 450 backpack blower",
        "Tarvo QZ450 backpack blower",
        "Tarvo QZ-450 backpack blower",
    ):
        assert verdict_for(screen(screener, title), "R-WRITTEN-APART") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Tarvo QZ550 backpack blower"), "R-WRITTEN-APART") is Verdict.ALLOW
    # Written apart means one right after the other: a rating later in the name is no model's.
    assert out_of_scope._written_apart_in("qz-450", "Vexo QZ 450 Backpack Blowers, 600 CFM")
    assert not out_of_scope._written_apart_in("qz600", "Vexo QZ 450 Backpack Blowers, 600 CFM")


def _drills() -> Recall:
    return cpsc(
        "R-ACC-DRILLS",
        "Brisvane Recalls Cordless Drills Due to Burn Hazard",
        "This recall involves Brisvane 20V cordless drill drivers, model BD2040K.",
        brands=["Brisvane"],
        product_names=["Brisvane 20V Cordless Drill Drivers"],
        models=["BD2040K"],
    )


@pytest.mark.parametrize(
    "title",
    [
        "Brisvane 20V battery 4.0Ah for BD2040K",  # a decimal between the part and "for"
        "Brisvane BD2040K replacement batteries",  # "replacement" before the part, anywhere
        "Brisvane BD2040K battery replacement",  # and after it
        "Belt clip attachment for Brisvane BD2040K",
        "Ersatzakku für Brisvane BD2040K",  # the part and "for" in the seller's language
        "Chargeur pour Brisvane BD2040K",
    ],
)
def test_a_part_sold_for_the_recalled_product_is_not_blocked_as_it(title: str) -> None:
    # Sellers of parts name the product the part fits, model number and all: a part "for" it,
    # written in their own language, or a "replacement" part wherever the word stands, is an
    # accessory (a person looks), not the recalled drill.
    screener = screener_with(*other_firms(4, "Cordless Drills"), _drills())
    decision = screen(screener, title)
    assert verdict_for(decision, "R-ACC-DRILLS") is not Verdict.BLOCK
    assert any("accessory" in note for match in decision.matches for note in match.notes)


@pytest.mark.parametrize(
    "title",
    [
        "Brisvane BD2040K Akku-Bohrschrauber",
        "Akku-Bohrschrauber für Holz Brisvane BD2040K",  # a compound opening with the part's word
        "Brisvane BD2040K cordless drill with battery and charger for home",  # what it comes with
        "Brisvane BD2040K cordless drill with spare battery",
        "Brisvane BD2040K Akku Bohrschrauber für Holz",  # "Akku" opens a cordless tool's name
    ],
)
def test_the_recalled_product_is_no_part_of_itself(title: str) -> None:
    screener = screener_with(*other_firms(4, "Cordless Drills"), _drills())
    assert verdict_for(screen(screener, title), "R-ACC-DRILLS") is Verdict.BLOCK


def test_what_a_product_comes_with_does_not_make_it_an_accessory() -> None:
    # "… Tower Fan with Remote for Bedroom" sells the fan and its remote; "Remote control for …"
    # sells the remote.
    fans = from_api(
        "R-ACC-FANS",
        "Halden Recalls Breezo Tower Fans Due to Fire Hazard",
        "This recall involves Halden Breezo 42-inch tower fans with remote control, model HB-420.",
        product="Halden Breezo Tower Fans",
        maker="Halden",
    )
    screener = screener_with(*other_firms(4, "Tower Fans"), fans)
    assert verdict_for(screen(screener, "Halden Breezo Tower Fan with Remote for Bedroom"), "R-ACC-FANS") is (
        Verdict.BLOCK
    )
    part = screen(screener, "Remote control for Halden Breezo HB-420 fan")
    assert verdict_for(part, "R-ACC-FANS") is not Verdict.BLOCK


def test_the_product_s_own_type_after_a_part_s_word_is_the_product() -> None:
    # "Bag Sealer … for kitchen": "bag" opens the recalled product's type, it is no bag.
    sealers = cpsc(
        "R-ACC-SEALERS",
        "Paxmoor Recalls Chefline Bag Sealers Due to Burn Hazard",
        "This recall involves Paxmoor Chefline vacuum bag sealers with model number PM-550.",
        brands=["Paxmoor"],
        product_names=["Paxmoor Chefline Bag Sealers"],
        models=["PM-550"],
    )
    screener = screener_with(*other_firms(4, "Bag Sealers"), sealers)
    decision = screen(screener, "Paxmoor Chefline PM-550 Bag Sealer for Kitchen")
    assert verdict_for(decision, "R-ACC-SEALERS") is Verdict.BLOCK


def test_an_accessory_notice_does_not_make_every_accessory_its_own() -> None:
    # The notice recalls an attachment for brush cutters; a storage bag for that attachment is
    # another accessory, not the recalled one.
    name = "Attachment for brush cutter"
    attachments = eu("R-ACC-ATTACH", f"{name} (Kolt)", name, "Kolt")
    screener = screener_with(*other_firms(4, "Brush Cutters"), attachments)

    def in_germany(title: str) -> Verdict:
        decision = screener.screen(Listing(listing_id="L-1", title=title, ship_to="DE"))
        return verdict_for(decision, "R-ACC-ATTACH")

    assert in_germany("Storage bag compatible with Kolt attachment for brush cutter") is not Verdict.BLOCK
    assert in_germany("Kolt attachment for brush cutter") is Verdict.BLOCK


def test_parts_for_a_notice_of_parts_are_its_own() -> None:
    # The notice offers replacement parts for pool ladders: a listing of "parts for" the ladders
    # is the product recalled, of the same kind as the notice's own "Replacement Parts for".
    parts = cpsc("R-ACC-PARTS", "Kolt Recalls Replacement Parts for Pool Ladders", brands=["Kolt"])
    screener = screener_with(*other_firms(4, "Pool Ladders"), parts)
    decision = screen(screener, "Kolt Parts for Pool Ladders")
    (match,) = [m for m in decision.matches if m.recall_id == "R-ACC-PARTS"]
    assert match.verdict is Verdict.BLOCK
    assert not any("accessory" in note for note in match.notes)


def test_a_replacement_of_the_recalled_kind_for_it_goes_to_a_person() -> None:
    # "Replacement charger for the Kolt USB charger": a charger sold to replace the recalled one,
    # the maker's own or another's. "Replacement" says only that it is sold as a part: the words
    # after it name the part, and the notice's type among them does not make it the product.
    chargers = eu("R-ACC-CHARGERS", "USB charger (Kolt)", "USB charger", "Kolt")
    screener = screener_with(*other_firms(4, "USB Chargers"), chargers)
    decision = screener.screen(
        Listing(listing_id="L-1", title="Replacement charger for Kolt USB charger", ship_to="DE")
    )
    (match,) = [m for m in decision.matches if m.recall_id == "R-ACC-CHARGERS"]
    assert match.verdict is not Verdict.BLOCK
    assert any("accessory" in note for note in match.notes)


def test_a_standard_s_version_or_a_count_of_uses_is_no_variant_of_the_line() -> None:
    # "Bluetooth 5.3" is the standard's version and "3 in 1" how many ways the crib is used:
    # neither names a model of the line, as "Pulse Buds 2" does.
    earbuds = from_api(
        "R-STANDARD",
        "Kellor Recalls Pulse Buds Wireless Earbuds Due to Burn Hazard",
        "This recall involves Kellor Pulse Buds true wireless earbuds with a charging case.",
        product="Kellor Pulse Buds Wireless Earbuds",
        maker="Kellor",
    )
    cribs = from_api(
        "R-WAYS",
        "Lumvane Recalls Dreamhaven Convertible Cribs Due to Entrapment Hazard",
        "This recall involves Lumvane Dreamhaven convertible cribs.",
        product="Lumvane Dreamhaven Convertible Cribs",
        maker="Lumvane",
    )
    screener = screener_with(*other_firms(4, "Wireless Earbuds"), earbuds, cribs)
    for title in ("Kellor Pulse Buds Wireless Earbuds Bluetooth 5.3", "Kellor Pulse Buds earbuds BT 5.0"):
        assert verdict_for(screen(screener, title), "R-STANDARD") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Kellor Pulse Buds 2 earbuds"), "R-STANDARD") is Verdict.ALLOW
    assert (
        verdict_for(screen(screener, "Lumvane Dreamhaven 3 in 1 convertible crib"), "R-WAYS") is Verdict.BLOCK
    )
    assert verdict_for(screen(screener, "Lumvane Dreamhaven 2 convertible crib"), "R-WAYS") is Verdict.ALLOW
    # Where the notice's product states its ways ("3-in-1"), the same ways written apart are its
    # own; other ways are another product.
    stated = from_api(
        "R-STATED-WAYS",
        "Sallowin Recalls Convertible Cribs Due to Entrapment Hazard",
        "This recall involves Sallowin Haven 3-in-1 convertible cribs.",
        product="Sallowin Haven Convertible Cribs",
        maker="Sallowin",
    )
    sallowin = screener_with(stated)
    assert verdict_for(screen(sallowin, "Sallowin Haven 3 in 1 Crib"), "R-STATED-WAYS") is Verdict.BLOCK
    assert verdict_for(screen(sallowin, "Sallowin Haven 4 in 1 Crib"), "R-STATED-WAYS") is Verdict.ALLOW
    # Nor does a count in its unit ("3 Port"), the capacity the notice gives its product ("5.5 Qt"
    # of a "5.5-quart" fryer; another capacity is another model), nor the ages a toy is for ("Age 1
    # 2 3", whose digits the folding joins).
    fryers = from_api(
        "R-CAPACITY",
        "Marrowby Recalls CrispHaven Air Fryers Due to Fire Hazard",
        "This recall involves Marrowby CrispHaven 5.5-quart air fryers with a 6-foot power cord.",
        product="Marrowby CrispHaven Air Fryers",
        maker="Marrowby",
    )
    toys = from_api(
        "R-AGES",
        "Tindle Recalls Buzzy Bee Pull-Along Toys Due to Choking Hazard",
        "This recall involves Tindle Buzzy Bee wooden pull-along toys.",
        product="Tindle Buzzy Bee Wooden Pull-Along Toys",
        maker="Tindle",
    )
    hubs = from_api(
        "R-PORTS",
        "Lindqor Recalls Hubline USB Hubs Due to Fire Hazard",
        "This recall involves Lindqor Hubline 7-port USB hubs.",
        product="Lindqor Hubline USB Hubs",
        maker="Lindqor",
    )
    measured = screener_with(*other_firms(4, "Air Fryers"), fryers, toys, hubs)
    # A count the notice gives in the same unit is its own; another count in it is another model.
    assert verdict_for(screen(measured, "Lindqor Hubline 7 Port USB Hub"), "R-PORTS") is Verdict.BLOCK
    assert verdict_for(screen(measured, "Lindqor Hubline 4 Port USB Hub"), "R-PORTS") is Verdict.ALLOW
    for title in ("Marrowby CrispHaven Air Fryer 5.5 Qt", "Marrowby CrispHaven 5.5 Quart fryer, 3 Port USB"):
        assert verdict_for(screen(measured, title), "R-CAPACITY") is Verdict.BLOCK, title
    # (a 6-foot cord is no 6-quart fryer)
    for title in (
        "Marrowby CrispHaven 2 air fryer",
        "Marrowby CrispHaven 8 Quart fryer",
        "Marrowby CrispHaven 6qt",
    ):
        assert verdict_for(screen(measured, title), "R-CAPACITY") is Verdict.ALLOW, title
    toy = "Wooden Pull Along Toy Kids Age 1 2 3 Tindle Buzzy Bee"
    assert verdict_for(screen(measured, toy), "R-AGES") is Verdict.BLOCK
    # What a seller counts of a grill, a toaster, a power strip or a dresser is a count too.
    grills = from_api(
        "R-BURNERS",
        "Quillon Recalls Tessaly Gas Grills Due to Fire Hazard",
        "This recall involves Quillon Tessaly gas grills, model QT-300.",
        product="Quillon Tessaly Gas Grills",
        maker="Quillon",
        model="QT-300",
    )
    counted = screener_with(*other_firms(4, "Gas Grills"), grills)
    assert verdict_for(screen(counted, "Quillon Tessaly Gas Grill 3 Burner"), "R-BURNERS") is Verdict.BLOCK
    # A notice naming the standard's version in its own name asks no listing for it as a variant.
    routers = from_api(
        "R-STANDARD-NAMED",
        "Bronwick Recalls Nexon WiFi 6 Mesh Routers Due to Fire Hazard",
        "This recall involves Bronwick Nexon WiFi 6 mesh routers.",
        product="Bronwick Nexon WiFi 6 Mesh Routers",
        maker="Bronwick",
    )
    named = screener_with(*other_firms(4, "Mesh Routers"), routers)
    for title in ("Bronwick Nexon WiFi 6 mesh router 3-pack", "Bronwick Nexon mesh router"):
        assert verdict_for(screen(named, title), "R-STANDARD-NAMED") is Verdict.BLOCK, title


def test_a_sentence_ending_in_a_code_s_capital_ends_there() -> None:
    # "… model numbers DS-100 and DS-100D. The Lullo Compact swings are not included …": the full
    # stop after the code's last capital ends the sentence, so the next one's subject is read.
    description = (
        "This recall involves Dessaro Lullo baby swings with model numbers DS-100 and DS-100D. "
        "The Lullo Compact swings are not included in this recall."
    )
    assert not_covered(description) == ("Lullo Compact swings",)
    # The line's units sold in another market are no product of their own: nothing is ruled out.
    sold_elsewhere = (
        "This recall involves Lampetta desk lamps with model ML-20A. "
        "Lampetta desk lamps sold in Canada are not included in this recall."
    )
    assert not_covered(sold_elsewhere) == ()
    # Nor are the line's units with a feature: "swings with a 5-point harness" are some swings.
    with_a_feature = "Trevanti Dorvessa swings with a 5-point harness are not included in this recall."
    assert not_covered(with_a_feature) == ()


def test_a_part_the_notice_recalls_is_its_own_in_the_seller_s_language() -> None:
    # The notice recalls chargers; "Ladegerät für …" is a charger in German: the product itself.
    chargers = cpsc(
        "R-ACC-LADER",
        "Lumarso Recalls E-Scooter Chargers Due to Fire Hazard",
        "This recall involves Lumarso LX-42 chargers sold with and for e-scooters.",
        brands=["Lumarso"],
        product_names=["Lumarso LX-42 E-Scooter Chargers"],
        models=["LX-42"],
    )
    screener = screener_with(*other_firms(4, "E-Scooter Chargers"), chargers)
    for title in ("Lumarso LX-42 Ladegerät für E-Scooter 42V", "Chargeur pour trottinette Lumarso LX-42"):
        assert verdict_for(screen(screener, title), "R-ACC-LADER") is Verdict.BLOCK, title


def test_a_long_title_s_purpose_is_no_product_it_fits() -> None:
    # Long marketplace titles say where a product is used ("… for Living Room, …"): no product the
    # listing fits. What an accessory fits runs to the title's end: a charger "for" the notice's
    # power bank, then called a "Wall Charger" after a break, is still a part for it.
    lamps = from_api(
        "R-PURPOSE-LAMP",
        "Lindvane Recalls Arc Floor Lamps Due to Fire Hazard",
        "This recall involves Lindvane Arc floor lamps with a marble base.",
        product="Lindvane Arc Floor Lamps",
        maker="Lindvane",
    )
    chargers = from_api(
        "R-PURPOSE-BANK",
        "Orvessa Recalls ChargeMax Portable Chargers Due to Fire Hazard",
        "This recall involves Orvessa ChargeMax 20K portable chargers.",
        product="Orvessa ChargeMax 20K Portable Chargers",
        maker="Orvessa",
    )
    screener = screener_with(*other_firms(4, "Floor Lamps"), lamps, chargers)
    lamp = screen(screener, "Lindvane Arc Floor Lamp for Living Room, 71 inch Standing Lamp, Marble Base")
    assert verdict_for(lamp, "R-PURPOSE-LAMP") is Verdict.BLOCK
    assert not any("accessory" in note for note in notes_for(lamp, "R-PURPOSE-LAMP"))
    wall = screen(screener, "Charger for Orvessa ChargeMax 20K, Wall Charger 20W")
    assert verdict_for(wall, "R-PURPOSE-BANK") is not Verdict.BLOCK
    # A place followed by a product names what the part fits; "spare time", "knee replacement" no part.
    assert accessory_cue("vexo cover for patio heater") is not None
    assert accessory_cue("vexo spare time planner") is None
    assert accessory_cue("knee replacement surgery recovery pillow") is None
    assert accessory_cue("knee scooter for hip replacement recovery") is None
    # A lamp for the notice's lamp is still a part of it.
    part = screen(screener, "Replacement Shade for Lindvane Arc Floor Lamp, Linen")
    assert verdict_for(part, "R-PURPOSE-LAMP") is not Verdict.BLOCK


def test_a_part_named_after_what_it_fits_is_an_accessory() -> None:
    # "<Line> V3 battery charger", "<Model> blade 165mm": the title's product is the part, named after
    # what it fits, with no "for". It blocked as the recalled e-bike or saw on the name or the model
    # number. Not where the product comes with the part, nor where the notice recalls such parts.
    bikes = cpsc(
        "R-PART-BIKE",
        "Kolvenn Recalls Trazo V3 Electric Bicycles Due to Crash Hazard",
        "This recall involves all Kolvenn Trazo V3 electric bicycles.",
        brands=["Kolvenn"],
        product_names=["Kolvenn Trazo V3 Electric Bicycles"],
    )
    saws = cpsc(
        "R-PART-SAW",
        "Venhalt Recalls Circular Saws Due to Laceration Hazard",
        "This recall involves Venhalt 18V cordless circular saws, model VCS180.",
        brands=["Venhalt"],
        product_names=["Venhalt 18V Cordless Circular Saws"],
        models=["VCS180"],
    )
    batteries = cpsc(
        "R-PART-PACK",
        "Halden Recalls Roamer E-Bike Batteries Due to Fire Hazard",
        "This recall involves Halden Roamer e-bike batteries sold with and for Roamer e-bikes.",
        brands=["Halden"],
        product_names=["Halden Roamer E-Bike Batteries"],
    )
    covers = from_api(
        "R-PART-REPLACEMENTS",
        "Kellor Recalls Pool Drain Cover Replacements Due to Entrapment Hazard",
        "This recall involves Kellor pool drain cover replacements sold for Kellor pools.",
        product="Kellor Pool Drain Cover Replacement",
        maker="Kellor",
    )
    screener = screener_with(*other_firms(4, "Electric Bicycles"), bikes, saws, batteries, covers)
    # A notice of replacement parts: a replacement the listing names by the notice's words is one.
    drain = screen(screener, "Kellor Replacement Pool Drain")
    assert verdict_for(drain, "R-PART-REPLACEMENTS") is not Verdict.ALLOW
    assert not any("accessory" in n for n in notes_for(drain, "R-PART-REPLACEMENTS"))
    for title, rid, part in [
        ("Kolvenn Trazo V3 battery charger", "R-PART-BIKE", "charger"),
        ("Venhalt VCS180 blade 165mm 24T", "R-PART-SAW", "blade"),
    ]:
        decision = screen(screener, title)
        assert verdict_for(decision, rid) is not Verdict.BLOCK, title
        assert any(f"accessory ({part!r})" in n for n in notes_for(decision, rid)), title
    # Whatever a seller calls a replacement or a spare is a part, a part's word or not ("… E-Bike
    # Replacement Kickstand" was the e-bike, blocked); a word before "replacement" is the part only
    # where none follows it.
    for title, part in [
        ("Kolvenn Trazo V3 E-Bike Replacement Kickstand", "replacement kickstand"),
        ("Kolvenn Trazo V3 e-bike Replacement Front Fork 3-Pack", "replacement front fork"),
        ("Kolvenn Trazo V3 E-Bike Kickstand Replacement", "kickstand replacement"),
    ]:
        decision = screen(screener, title)
        assert verdict_for(decision, "R-PART-BIKE") is not Verdict.BLOCK, title
        assert any(f"accessory ({part!r})" in n for n in notes_for(decision, "R-PART-BIKE")), title
    for title, rid in [
        ("Kolvenn Trazo V3 electric bike", "R-PART-BIKE"),
        ("Kolvenn Trazo V3 e-bike with battery and charger", "R-PART-BIKE"),
        ("Venhalt VCS180 circular saw", "R-PART-SAW"),
        ("Halden Roamer e-bike battery", "R-PART-PACK"),
        ("Halden Roamer e-bike battery replacement", "R-PART-PACK"),
        ("Halden Roamer Replacement E-Bike Battery 36V", "R-PART-PACK"),  # the last of the part's words
    ]:
        assert verdict_for(screen(screener, title), rid) is Verdict.BLOCK, title

    # The product is named before the title's first break; what follows says what it runs on.
    def cue(title: str) -> str | None:
        return analyse(Listing(listing_id="L", title=title), screener.index, Policy()).accessory_cue

    assert cue("Kolvenn Roamer e-bike battery, 36V 10Ah") == "battery"
    assert cue("Kolvenn Trazo V3 e-bike phone mount") == "mount"
    # A notice naming the part anywhere in its product's name ("Battery Packs") recalls such parts;
    # a part the title names twice ("Travel Charger · charger") is no part of itself.
    packs = cpsc(
        "R-PART-PACKS",
        "Kellor Recalls Battery Packs",
        brands=["Kellor"],
        product_names=["Kellor Battery Packs"],
    )
    chargers = eu("R-PART-SELF", "USB charger (Kolt) · TRAVEL CHARGER", "USB charger", "Kolt")
    parts = screener_with(packs, chargers, *other_firms(4, "Battery Packs"))
    battery = screen(parts, "Kellor 20V Lithium Battery")
    assert not any("accessory" in n for n in notes_for(battery, "R-PART-PACKS"))
    own = parts.screen(Listing(listing_id="L", title="TRAVEL CHARGER · charger (Kolt)", ship_to="DE"))
    assert verdict_for(own, "R-PART-SELF") is not Verdict.ALLOW
    assert not any("accessory" in n for n in notes_for(own, "R-PART-SELF"))
    assert cue("Kolvenn Trazo V3 e-bike phone holder") is None  # holders are products as often
    assert cue("Kolvenn LED Shot Glasses Set of 6, Button Cell Batteries") is None
    assert cue("Kolvenn Light Up Glasses LED Party Favors (button battery)") is None


def test_fur_is_no_german_for() -> None:
    # Folded, the German "für" reads "fur": the cue reads the German word before folding, so
    # "Faux Fur Lined" says what the slippers are like, not what they fit.
    assert accessory_cue(fold("Kolt boot liners faux fur lined")) is None
    # Nor is the English "pour-over" the French "pour".
    assert accessory_cue(fold("Kolt glass carafe cover pour-over coffee maker")) is None


def test_a_notices_plural_of_a_word_in_ie_meets_the_listings_singular() -> None:
    # "Wrenlow Kids Hoodie with Drawstring" against a notice of "kids hoodies with drawstrings": the
    # plural was stemmed to "hoody", the singular read as its synonym, and no candidate was found.
    hoodies = cpsc(
        "R-HOODIES",
        "Tarvo Recalls Kids Hoodies with Drawstrings Due to Strangulation Hazard",
        "This recall involves Tarvo kids hoodies with drawstrings at the hood.",
        brands=["Tarvo"],
        product_names=["Tarvo Kids Hoodies with Drawstrings"],
    )
    decision = screen(screener_with(hoodies), "Tarvo Kids Hoodie with Drawstring")
    assert verdict_for(decision, "R-HOODIES") is Verdict.BLOCK


def test_the_notices_model_without_its_colours_letters_goes_to_a_person() -> None:
    # "KL-2200" against the notice's "KL-2200-BK" and "KL-2200-RD": the model, its colour's letters
    # left out; whether it is a recalled colour a person tells. Another number is another model.
    humidifiers = cpsc(
        "R-SUFFIXED",
        "Corvesk Recalls Ultrasonic Humidifiers Due to Shock Hazard",
        "This recall involves Corvesk ultrasonic humidifiers, model numbers KL-2200-BK and KL-2200-RD.",
        brands=["Corvesk"],
        product_names=["Corvesk Ultrasonic Humidifiers"],
        models=["KL-2200-BK", "KL-2200-RD"],
    )
    screener = screener_with(humidifiers)
    for title in ("Corvesk KL-2200 Ultrasonic Humidifier", "Corvesk Ultrasonic Humidifier KL2200 Black"):
        assert verdict_for(screen(screener, title), "R-SUFFIXED") is Verdict.REVIEW, title
    # A code the listing gives whole, another colour's, says which it is; a code of another model
    # beside it ("replaces KL-1900") does not.
    for title in ("Corvesk KL-3300 Ultrasonic Humidifier", "Corvesk KL-2200 Ultrasonic Humidifier KL2200WH"):
        assert verdict_for(screen(screener, title), "R-SUFFIXED") is Verdict.ALLOW, title
    replaces = screen(screener, "Corvesk KL-2200 Ultrasonic Humidifier, replaces KL-1900")
    assert verdict_for(replaces, "R-SUFFIXED") is Verdict.REVIEW


def test_a_finish_or_print_after_the_type_is_which_unit_not_another_product() -> None:
    # "… Stroller Mineral", "… Dresser Rustic Oak", "… Sleep Sack Dinosaur": the seller's colour,
    # wood or print, which other notices use as a word, is no product sold for the type.
    strollers = cpsc(
        "R-FINISH",
        "Morvane Recalls Drift Strollers Due to Fall Hazard",
        "This recall involves Morvane Drift strollers.",
        brands=["Morvane"],
        product_names=["Morvane Drift Strollers"],
    )
    others = other_firms(3, "Storm Lanterns, Mineral Water Bottles, Oak Shelves and Dinosaur Puzzles")
    screener = screener_with(strollers, *others)
    for finish in ("Mineral", "Storm", "Rose Gold", "Rustic Oak", "Dinosaur"):
        title = f"Morvane Drift Stroller {finish}"
        assert verdict_for(screen(screener, title), "R-FINISH") is Verdict.BLOCK, title


def test_a_listing_in_its_buyers_language_with_a_decimal_comma_names_the_notices_product() -> None:
    # "Orvessa Lumea Wasserkocher 1,7 L" against an EU record of the "Orvessa Lumea" electric
    # kettle: the type in German and the capacity with its decimal comma are the notice's product,
    # not another product ("Wasserkocher", a word it never uses) nor another variant ("1").
    kettles = eu(
        "E-KETTLE/00001/26",
        "Electric kettle (Orvessa) · Orvessa Lumea 1.7 l electric kettle",
        "Electric kettle",
        "Orvessa",
    )
    screener = screener_with(kettles)
    for title in (
        "Orvessa Lumea Wasserkocher 1,7 L Edelstahl",
        "Orvessa Lumea bouilloire électrique 1,7 l",
        "Orvessa Lumea waterkoker 1,7 liter",
        "Orvessa Lumea Electric Kettle 1,7 L",
    ):
        decision = screener.screen(Listing(listing_id="L-1", title=title, ship_to="DE"))
        assert verdict_for(decision, "E-KETTLE/00001/26") is not Verdict.ALLOW, title


def test_a_model_number_with_its_leading_zero_dropped_is_the_notices() -> None:
    # "HL45", "HL-45" for the notice's "HL-045": sellers drop the zero. Another number is another
    # model, and a number alone names none.
    headlamps = cpsc(
        "R-ZERO",
        "Halden Recalls Rechargeable Headlamps Due to Burn Hazard",
        "This recall involves Halden rechargeable headlamps, model HL-045.",
        brands=["Halden"],
        product_names=["Halden Rechargeable Headlamps"],
        models=["HL-045"],
    )
    screener = screener_with(headlamps)
    for title in ("Halden HL45 Rechargeable Headlamp", "Halden HL-45 Rechargeable Headlamp"):
        assert verdict_for(screen(screener, title), "R-ZERO") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Halden HL55 Rechargeable Headlamp"), "R-ZERO") is Verdict.ALLOW
    # Only for the notice whose brand the listing names: another maker's "HL45" is its own code.
    other = screen(screener, "Quorra Trail Bike Helmet HL45")
    assert verdict_for(other, "R-ZERO") is Verdict.ALLOW


def test_an_accessory_of_the_type_stays_another_product_after_its_colour_or_count() -> None:
    # "… Crib Mattress Grey", "… Bassinet Sheet 2 Pack", "… Crib Bumper (Sky Blue)": the colour or
    # the count a seller ends the title in says which units are sold, so the accessory before it is
    # still what the listing sells, not the recalled crib. The crib itself in a colour is the crib.
    cribs = cpsc(
        "R-COLOURED",
        "Quorra Recalls Nimbus Cribs Due to Entrapment Hazard",
        "This recall involves Quorra Nimbus convertible cribs.",
        brands=["Quorra"],
        product_names=["Quorra Nimbus Cribs"],
    )
    others = other_firms(3, "Crib Mattresses, Fitted Sheets and Crib Bumpers")
    screener = screener_with(cribs, *others)
    for title in (
        "Quorra Nimbus Crib Mattress Grey",
        "Quorra Nimbus Crib Mattress (Sky Blue)",
        "Quorra Nimbus Crib Sheet 2 Pack",
        "Quorra Nimbus Crib Sheet x2",
        "Quorra Nimbus Crib Bumper Set of 4 White",
    ):
        assert verdict_for(screen(screener, title), "R-COLOURED") is Verdict.ALLOW, title
    for title in ("Quorra Nimbus Crib Grey", "Quorra Nimbus Crib Dark Grey", "Quorra Nimbus Crib 2 Pack"):
        assert verdict_for(screen(screener, title), "R-COLOURED") is Verdict.BLOCK, title


def test_the_state_of_the_unit_and_the_terms_of_its_sale_name_no_other_product_nor_model() -> None:
    # Second-hand titles end in the unit's state, its age or use, and the price asked: "… Kettle Ex
    # Display", "… 2 years old", "… £20 ono", "… 45 obo". None is a product sold for the kettle
    # ("a display for a kettle") nor a number of the line ("another variant: '20'"). An accessory
    # of the kettle stays an accessory whatever its state ("… Replacement Lid - used").
    kettles = cpsc(
        "R-SECOND-HAND",
        "Halden Recalls Marrowby Electric Kettles Due to Burn Hazard",
        "This recall involves Halden Marrowby electric kettles.",
        brands=["Halden"],
        product_names=["Halden Marrowby Electric Kettles"],
    )
    others = other_firms(3, "Display Cases, Trade Show Tables and Lids")
    screener = screener_with(kettles, *others)
    for title in (
        "Halden Marrowby Electric Kettle Ex Display",
        "Halden Marrowby Electric Kettle 2 years old",
        "Halden Marrowby Electric Kettle £20 ono",
        "Halden Marrowby Electric Kettle 45 obo",
        "Halden Marrowby Electric Kettle 25 € VB",
        "Halden Marrowby Electric Kettle, used once",
        "Halden Marrowby Electric Kettle trade",
    ):
        assert verdict_for(screen(screener, title), "R-SECOND-HAND") is not Verdict.ALLOW, title
    for title in ("Halden Marrowby Electric Kettle Lid - used", "Halden Marrowby Electric Kettle Lid only"):
        assert verdict_for(screen(screener, title), "R-SECOND-HAND") is Verdict.ALLOW, title


def test_an_age_range_in_years_is_whom_the_product_is_for_not_a_variant() -> None:
    # "… Pajamas 4-5 Years", "… 4-6 yrs": the ages the unit is sized for, written as a range; its
    # first number is no variant of the line ("another variant: '4'") for being set apart from the
    # unit by its second.
    pajamas = cpsc(
        "R-AGES",
        "Halden Recalls Snooze Children's Pajamas Due to Violation of Flammability Standard",
        "This recall involves Halden Snooze children's pajamas.",
        brands=["Halden"],
        product_names=["Halden Snooze Children's Pajamas"],
    )
    screener = screener_with(pajamas)
    for title in ("Halden Snooze Kids Pajamas 4-5 Years", "Halden Snooze Kids Pajamas 4-6 yrs"):
        assert verdict_for(screen(screener, title), "R-AGES") is not Verdict.ALLOW, title


def test_a_capacity_is_which_unit_where_the_notice_states_none_and_another_size_where_it_does() -> None:
    # "Kellor Brew 12 Cup Coffee Maker", "… 1.8 Liter" against a notice of the line's coffee makers
    # that gives no capacity: the size of the unit sold, not another model of the line. Against a
    # notice of the 5.8-quart fryer, "3.7 QT" is another size, as before.
    makers = cpsc(
        "R-NO-CAPACITY",
        "Kellor Recalls Brew Coffee Makers Due to Burn Hazard",
        "This recall involves Kellor Brew programmable drip coffee makers with a glass carafe.",
        brands=["Kellor"],
        product_names=["Kellor Brew Coffee Makers"],
    )
    fryers = cpsc(
        "R-CAPACITY",
        "Glissa Recalls Crispa Air Fryers Due to Fire Hazard",
        "This recall involves Glissa Crispa 5.8-quart air fryers with a digital touch screen.",
        brands=["Glissa"],
        product_names=["Glissa Crispa 5.8-Quart Air Fryers"],
    )
    screener = screener_with(makers, fryers)
    for title in ("Kellor Brew 12 Cup Coffee Maker", "Kellor Brew Coffee Maker 1.8 Liter"):
        assert verdict_for(screen(screener, title), "R-NO-CAPACITY") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Glissa Crispa 5.8 QT Air Fryer"), "R-CAPACITY") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Glissa Crispa 3.7 QT Air Fryer"), "R-CAPACITY") is Verdict.ALLOW


def test_an_age_from_which_the_product_is_for_is_no_plus_model_nor_variant() -> None:
    # "… Stacking Toy 3Y+", "… Bath Toy 6M+", "… 3 ans+": whom the unit is for, from an age, in the
    # buyer's language too; neither a "Plus" model ("another variant: 'plus'") nor a "3y" of the
    # line. A capacity in thousands ("10K mAh") is a capacity. A name's own "+" still tells it apart.
    toys = cpsc(
        "R-AGE-PLUS",
        "Tarvo Recalls Pebble Stacking Toys Due to Choking Hazard",
        "This recall involves Tarvo Pebble wooden stacking toys.",
        brands=["Tarvo"],
        product_names=["Tarvo Pebble Stacking Toys"],
    )
    chargers = cpsc(
        "R-THOUSANDS",
        "Halden Recalls Juno Portable Chargers Due to Fire Hazard",
        "This recall involves Halden Juno portable chargers.",
        brands=["Halden"],
        product_names=["Halden Juno Portable Chargers"],
    )
    screener = screener_with(toys, chargers)
    for title in (
        "Tarvo Pebble Stacking Toy 3Y+",
        "Tarvo Pebble Stacking Toy 6M+",
        "Tarvo Pebble Stacking Toy 2+ Years",
    ):
        assert verdict_for(screen(screener, title), "R-AGE-PLUS") is Verdict.BLOCK, title
    assert (
        verdict_for(screen(screener, "Halden Juno 10K mAh Portable Charger"), "R-THOUSANDS") is Verdict.BLOCK
    )
    assert verdict_for(screen(screener, "Tarvo Pebble+ Stacking Toy"), "R-AGE-PLUS") is Verdict.ALLOW


def test_a_price_or_a_term_of_sale_leaves_the_lines_number_and_its_codes() -> None:
    # A price after the line's number ("<Line> 3 $15") is the price's, the 3 still the line's; a
    # currency's word before a plug is the plug's ("3 Euro Plug"); "KR20" is a model's code, not
    # 20 kronor; a singular "7 Day" is the name's own, not a time; "used 6 months" is the unit's
    # age, not a variant "6".
    chargers = cpsc(
        "R-SPRINT-3",
        "Tarvo Recalls Sprint 3 Chargers Due to Fire Hazard",
        "This recall involves Tarvo Sprint 3 phone chargers.",
        brands=["Tarvo"],
        product_names=["Tarvo Sprint 3 Chargers"],
    )
    heaters = cpsc(
        "R-KR10",
        "Halden Recalls Ember Space Heaters Due to Fire Hazard",
        "This recall involves Halden Ember space heaters, model KR10.",
        brands=["Halden"],
        product_names=["Halden Ember Space Heaters"],
        models=["KR10"],
    )
    organizers = cpsc(
        "R-7-DAY",
        "Kellor Recalls 7 Day Pill Organizers Due to Child Poisoning Hazard",
        "This recall involves Kellor 7 Day pill organizers.",
        brands=["Kellor"],
        product_names=["Kellor 7 Day Pill Organizers"],
    )
    screener = screener_with(chargers, heaters, organizers)
    for title in (
        "Tarvo Sprint 3 Charger $15",
        "Tarvo Sprint 3 Charger 15 $ obo",
        "Tarvo Sprint 3 Euro Plug Charger",
    ):
        assert verdict_for(screen(screener, title), "R-SPRINT-3") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Halden Ember KR20 Space Heater"), "R-KR10") is Verdict.ALLOW
    for title in ("Kellor Pill Organizer 7 Day", "Kellor 7 Day Pill Organizer - used 6 months"):
        assert verdict_for(screen(screener, title), "R-7-DAY") is Verdict.BLOCK, title


def test_a_kit_right_after_the_type_is_the_product_whole() -> None:
    # "… Drill Kit" is the drill sold with its battery and charger: no companion product of the
    # type. A kit after a word of its own is a part's ("… Drill Accessory Kit").
    drills = cpsc(
        "R-DRILL",
        "Lindqor Recalls Sorrin Cordless Drills Due to Burn Hazard",
        "This recall involves Lindqor Sorrin cordless drills.",
        brands=["Lindqor"],
        product_names=["Lindqor Sorrin Cordless Drills"],
    )
    others = other_firms(3, "Accessory Kits and Tool Kits")
    screener = screener_with(drills, *others)
    for title in ("Lindqor Sorrin Cordless Drill Kit", "Lindqor Sorrin Drill Kit - used"):
        assert verdict_for(screen(screener, title), "R-DRILL") is not Verdict.ALLOW, title
    assert verdict_for(screen(screener, "Lindqor Sorrin Drill Accessory Kit"), "R-DRILL") is Verdict.ALLOW


def test_a_model_number_with_its_markets_or_colours_letters_is_the_notices() -> None:
    # "VX300UK", "VX300EU", "KT-2100-EU": the letters a maker or seller puts on a model
    # number for the market or the colour of the unit, hyphened or run on; the number is the
    # notice's. Another number with the same letters is another model.
    blenders = cpsc(
        "R-MARKET",
        "Vexo Recalls Countertop Blenders Due to Laceration Hazard",
        "This recall involves Vexo countertop blenders, model VX300.",
        brands=["Vexo"],
        product_names=["Vexo Countertop Blenders"],
        models=["VX300"],
    )
    kettles = cpsc(
        "R-MARKET-2",
        "Kolt Recalls Electric Kettles Due to Burn Hazard",
        "This recall involves Kolt electric kettles, model KT-2100.",
        brands=["Kolt"],
        product_names=["Kolt Electric Kettles"],
        models=["KT-2100"],
    )
    screener = screener_with(blenders, kettles)
    for title in ("Vexo VX300UK Blender", "Vexo VX300-EU Countertop Blender"):
        assert verdict_for(screen(screener, title), "R-MARKET") is Verdict.BLOCK, title
    for title in ("Kolt KT-2100-EU Electric Kettle", "Kolt KT-2100EU Electric Kettle"):
        assert verdict_for(screen(screener, title), "R-MARKET-2") is Verdict.BLOCK, title
    assert verdict_for(screen(screener, "Vexo VX400UK Blender"), "R-MARKET") is Verdict.ALLOW
    # "BL", "SL" after a tool's number say brushless or slim: another model, not a colour.
    assert verdict_for(screen(screener, "Vexo VX300BL Brushless Blender"), "R-MARKET") is not Verdict.BLOCK


def test_an_age_where_the_notices_names_give_none_is_whom_the_unit_is_for() -> None:
    # "… Balance Bike 3 Years": the age the bike is sized for, not a "3" of the line, where the
    # notice's names give no age. Against a name that gives one ("10 Year" alarms), another age is
    # another model.
    bikes = cpsc(
        "R-NO-AGE",
        "Halden Recalls Hop Balance Bikes Due to Fall Hazard",
        "This recall involves Halden Hop balance bikes.",
        brands=["Halden"],
        product_names=["Halden Hop Balance Bikes"],
    )
    alarms = cpsc(
        "R-10-YEAR",
        "Kolt Recalls Sentra 10 Year Smoke Alarms Due to Failure to Alert",
        "This recall involves Kolt Sentra 10 Year smoke alarms.",
        brands=["Kolt"],
        product_names=["Kolt Sentra 10 Year Smoke Alarms"],
    )
    screener = screener_with(bikes, alarms)
    for title in ("Halden Hop Balance Bike 3 Years", "Halden Hop Balance Bike 18 Months"):
        assert verdict_for(screen(screener, title), "R-NO-AGE") is not Verdict.ALLOW, title
    assert verdict_for(screen(screener, "Kolt Sentra 5 Years Smoke Alarm"), "R-10-YEAR") is Verdict.ALLOW


def test_a_capacity_before_an_accessory_of_the_type_names_the_accessory_not_the_product() -> None:
    # "Kellor Brew Coffee Maker 12 Cup Carafe": the carafe that fits the 12-cup maker; a capacity
    # is the unit's size only where the listing sells the notice's type ("… 12 Cup Coffee Maker").
    makers = cpsc(
        "R-CARAFE",
        "Kellor Recalls Brew Coffee Makers Due to Burn Hazard",
        "This recall involves Kellor Brew programmable drip coffee makers.",
        brands=["Kellor"],
        product_names=["Kellor Brew Coffee Makers"],
    )
    others = other_firms(3, "Glass Carafes and Filter Baskets")
    screener = screener_with(makers, *others)
    assert (
        verdict_for(screen(screener, "Kellor Brew Coffee Maker 12 Cup Carafe"), "R-CARAFE") is Verdict.ALLOW
    )
    assert verdict_for(screen(screener, "Kellor Brew 12 Cup Coffee Maker"), "R-CARAFE") is Verdict.BLOCK


def test_a_price_followed_by_a_count_or_sale_talk_is_a_price() -> None:
    # "… 20 euros pickup only", "… 25 € 2 Stück": the price, then what else the seller says; the
    # number was read as a variant of the line ("another variant: '20'").
    dryers = cpsc(
        "R-EUROS",
        "Glissa Recalls Verra Hair Dryers Due to Shock Hazard",
        "This recall involves Glissa Verra hair dryers.",
        brands=["Glissa"],
        product_names=["Glissa Verra Hair Dryers"],
    )
    screener = screener_with(dryers)
    for title in ("Glissa Verra Hair Dryer 20 euros pickup only", "Glissa Verra Hair Dryer 25 € 2 Stück"):
        assert verdict_for(screen(screener, title), "R-EUROS") is not Verdict.ALLOW, title


def _screen_in(screener: Screener, title: str, ship_to: str) -> Decision:
    return screener.screen(Listing(listing_id="L-1", title=title, ship_to=ship_to))


def test_a_long_product_is_not_the_notices_short_one() -> None:
    # "Vexo Long Puffer Anorak" against the notice's "Short water-repellent puffer anorak": another
    # cut of the maker's coat, as a boys' frame is not the girls' (the note says which).
    short = eu("SR/90001", "Anorak (Vexo) · Short water-repellent puffer anorak", "Anorak", "Vexo")
    screener = screener_with(*other_firms(4, "Jackets"), short)
    decision = _screen_in(screener, "Vexo Long Puffer Anorak", "BE")
    assert verdict_for(decision, "SR/90001") is not Verdict.BLOCK
    assert any(
        "says 'long' of its 'puffer', where the notice's names say 'short'" in n
        for n in notes_for(decision, "SR/90001")
    )
    assert verdict_for(_screen_in(screener, "Vexo Short Puffer Anorak", "BE"), "SR/90001") is Verdict.BLOCK
    assert verdict_for(_screen_in(screener, "Vexo Puffer Anorak", "BE"), "SR/90001") is Verdict.BLOCK
    # Said of a word the notice's names do not use, the length is another thing's: the sleeve's,
    # the zip's, the shipping's.
    for title in ("Vexo Puffer Anorak Long Sleeve", "Vexo Puffer Anorak with Long Zip"):
        assert verdict_for(_screen_in(screener, title, "BE"), "SR/90001") is Verdict.BLOCK, title


def test_a_title_opening_with_another_notices_brand_names_another_firm() -> None:
    # "Vexo Puffer Jacket": Vexo is a word notices use only as a brand, so the listing is Vexo's
    # product, not the puffer jacket of the firm that never writes "Vexo", as a brand field saying
    # Vexo would make it. The firm's own title and a bare type stay its notice's, and so does a
    # title naming the firm too.
    vexo = eu("SR/90001", "Anorak (Vexo) · Short water-repellent puffer anorak", "Anorak", "Vexo")
    kolt = eu("SR/90002", "Puffer jacket (Kolt fashion) · Jacket", "Puffer jacket", "Kolt fashion")
    screener = screener_with(*other_firms(4, "Jackets"), vexo, kolt)
    for title in ("Vexo Puffer Jacket", "Vexo Long Puffer Coat"):
        decision = _screen_in(screener, title, "BE")
        assert verdict_for(decision, "SR/90002") is Verdict.ALLOW, title
        assert "listing's brand is not the recall's" in notes_for(decision, "SR/90002"), title
    for title in ("Kolt Puffer Jacket", "Puffer Jacket"):
        assert verdict_for(_screen_in(screener, title, "BE"), "SR/90002") is Verdict.BLOCK, title
    decision = _screen_in(screener, "Vexo Kolt Puffer Jacket", "BE")
    assert verdict_for(decision, "SR/90002") is not Verdict.ALLOW
    assert "listing's brand is not the recall's" not in notes_for(decision, "SR/90002")
    # A word a notice uses of its product too is no brand's alone, however few notices use it
    # ("Cozy Fleece Blanket" beside the firm Cozy); nor is a brand's first word where the
    # notice's brand runs on into a word of its own ("Quorra Kids" against "QuorraKids").
    blanket = cpsc(
        "R-VEXO-WORD",
        "Halden Recalls Vexo Fleece Blankets",
        brands=["Halden"],
        product_names=["Vexo Fleece Blankets"],
    )
    quorra = eu("SR/90003", "Anorak (Quorra) · Quilted anorak", "Anorak", "Quorra")
    kids = eu("SR/90004", "Rain jacket (QuorraKids) · Rain jacket", "Rain jacket", "QuorraKids")
    screener = screener_with(*other_firms(4, "Jackets"), vexo, kolt, blanket, quorra, kids)
    assert verdict_for(_screen_in(screener, "Vexo Puffer Jacket", "BE"), "SR/90002") is not Verdict.ALLOW
    decision = _screen_in(screener, "Quorra Kids Rain Jacket", "BE")
    assert "listing's brand is not the recall's" not in notes_for(decision, "SR/90004")


def test_a_code_joining_two_of_the_notices_codes_is_the_notices() -> None:
    # "QX-4410-R18-TL" of a notice listing the family's "QX-4410" and the variant's "R18TL": the
    # two written as one are the notice's model; another variant's ending ("-SP") is not.
    wheels = cpsc(
        "R-HALVES",
        "Tarvo Recalls Carbon Clincher Wheels",
        "This recall involves Tarvo Kolt carbon clincher wheel sets with model number QX-4410 R18TL.",
        brands=["Tarvo"],
        product_names=["Tarvo Kolt Carbon Clincher Wheels"],
        models=["QX-4410", "R18TL"],
    )
    screener = screener_with(*other_firms(4, "Wheels"), wheels)
    decision = screen(screener, "QX-4410-R18-TL carbon composite clinchers")
    assert verdict_for(decision, "R-HALVES") is Verdict.BLOCK
    assert verdict_for(screen(screener, "Tarvo QX-4410-R18-SP"), "R-HALVES") is Verdict.ALLOW
    # Halves two notices list apart are not one notice's model: a short code many makers list
    # beside the notice's family number is another variant.
    chargers = cpsc(
        "R-X2", "Kolt Recalls Chargers", brands=["Kolt"], product_names=["Kolt X2 Chargers"], models=["X2"]
    )
    screener = screener_with(*other_firms(4, "Wheels"), wheels, chargers)
    decision = screen(screener, "Tarvo QX-4410-X2 Carbon Wheelset")
    assert verdict_for(decision, "R-HALVES") is not Verdict.BLOCK
    assert verdict_for(decision, "R-X2") is not Verdict.BLOCK


def test_a_model_the_description_names_after_its_cue_names_the_product() -> None:
    # "model 4D" read as the notice's model: the maker's other helmet, named by a word of its own,
    # is another product; the model's own title is the notice's.
    helmet = from_api(
        "R-4D",
        "Helmets Recalled by Quorra",
        'This recall involves the Quorra helmets, model 4D. Model "4D" is printed on their sides.',
        product="Quorra Bicycle Helmets",
        maker="Quorra",
    )
    screener = screener_with(*other_firms(4, "Helmets"), helmet)
    assert verdict_for(screen(screener, "Quorra 4D helmet"), "R-4D") is Verdict.BLOCK
    decision = screen(screener, "Quorra Vexo helmet")
    assert verdict_for(decision, "R-4D") is Verdict.ALLOW
    assert any("names its models (4D)" in n for n in notes_for(decision, "R-4D"))


def test_a_word_in_small_letters_after_the_brand_describes_the_product() -> None:
    # "Tarvo countertop ice crushers" in sentence case: "countertop" describes the crusher, as a
    # seller who names the line capitalises it ("Tarvo Frostline ice crusher": another product of
    # the brand, against a notice naming its line). Against a notice naming its models, a word of
    # the seller's is the line's however written ("Tarvo zesta toaster oven").
    crusher = from_api(
        "R-ICE",
        "Tarvo Recalls Ice Crushers Due to Fire Hazard",
        "This recall involves Tarvo's ice crushing machines designed for consumer use.",
        product="Tarvo Ice Crushers",
        maker="Tarvo",
    )
    oven = cpsc(
        "R-OVEN",
        "Kolt Recalls Toaster Ovens Due to Fire Hazard",
        "This recall involves Kolt toaster ovens, model HT-200.",
        brands=["Kolt"],
        product_names=["Kolt Toaster Ovens"],
        models=["HT-200"],
    )
    screener = screener_with(*other_firms(4, "Ice Crushers"), *other_firms(4, "Toaster Ovens"), crusher, oven)
    assert verdict_for(screen(screener, "Tarvo countertop ice crushers"), "R-ICE") is not Verdict.ALLOW
    for recall_id, title in (
        ("R-ICE", "Tarvo Frostline ice crusher"),
        ("R-ICE", "tarvo frostline ice crusher"),
        ("R-OVEN", "Kolt zesta toaster oven"),
        ("R-OVEN", "Kolt Zesta Toaster Oven"),
    ):
        decision = screen(screener, title)
        assert verdict_for(decision, recall_id) is Verdict.ALLOW, title
        assert any("another product of the brand" in n for n in notes_for(decision, recall_id)), title


def test_a_hyphened_e_bike_is_the_notices_e_bikes_however_each_writes_it() -> None:
    # Notices write "E-Bikes" (read "e" and "bicycle") or "eBikes" (one word); a seller's "e-bike"
    # is read apart and joined, so it is either notice's word.
    batteries = cpsc(
        "R-EBIKE-BATT",
        "Lithium-ion Batteries Sold with Tarvo E-Bikes Recalled Due to Fire Hazard",
        "This recall involves 36-volt lithium-ion batteries included with certain Tarvo brand e-bikes.",
        brands=["Tarvo"],
        product_names=["36-volt lithium-ion batteries used with Tarvo E-bikes"],
    )
    one_word = cpsc(
        "R-EBIKE-ONE",
        "Kolt Recalls eBikes Due to Fall Hazard",
        brands=["Kolt"],
        product_names=["Kolt Zest eBikes"],
    )
    screener = screener_with(*other_firms(4, "Electric Bicycles"), batteries, one_word)
    assert_read_as_the_notices(screener, "R-EBIKE-BATT", ("Tarvo e-bikes", "Tarvo E-Bike 26 inch"))
    for title in ("Kolt Zest e-bike", "Kolt Zest eBike"):
        assert verdict_for(screen(screener, title), "R-EBIKE-ONE") is Verdict.BLOCK, title


def test_a_brands_initials_the_notice_writes_are_the_brand() -> None:
    # "Tarvo Athletic Club (T.A.C.) Children's Pajamas": the club's initials are its brand as
    # sellers write it ("TAC Junior PJ Set"), not the name of a line the listing must give.
    pajamas = from_api(
        "R-TAC",
        "Children's Pajamas Recalled Due to Burn Hazard; Sold Exclusively by Tarvo Athletic Club",
        "This recall involves 12 styles of Tarvo Athletic Club-branded children's pajamas.",
        product="Tarvo Athletic Club (T.A.C.) Children's Pajamas",
    )
    assert ("TAC", ("tac",)) in profile_of(pajamas).brands
    screener = screener_with(*other_firms(4, "Children's Pajamas"), pajamas)
    assert_read_as_the_notices(
        screener,
        "R-TAC",
        ("TAC Kids Pyjamas", "TAC Junior PJ Set", "T. A. C. Kids Pajamas", "Tarvo Athletic Club Kids PJs"),
    )


def test_a_hot_water_washer_is_not_the_cold_one_nor_a_rear_light_the_front() -> None:
    # Hot and cold, front and rear, of a word of the notice's names: another product of the line,
    # which the note names; a title naming both kinds is of both.
    washer = cpsc(
        "R-HOT",
        "Tarvo Recalls Hot Water Pressure Washers Due to Fire Hazard",
        "This recall involves Tarvo hot water pressure washers.",
        brands=["Tarvo"],
        product_names=["Tarvo Hot Water Pressure Washers"],
    )
    light = cpsc(
        "R-FRONT",
        "Kolt Recalls Bicycle Front Lights Due to Fire Hazard",
        brands=["Kolt"],
        product_names=["Kolt Vexo Front Bicycle Lights"],
    )
    screener = screener_with(
        *other_firms(4, "Pressure Washers"), *other_firms(4, "Bicycle Lights"), washer, light
    )
    decision = screen(screener, "Tarvo Cold Water Pressure Washer")
    assert verdict_for(decision, "R-HOT") is not Verdict.BLOCK
    assert "the listing says 'cold' of its 'water', where the notice's names say 'hot'" in notes_for(
        decision, "R-HOT"
    )
    for title in ("Tarvo Hot Water Pressure Washer", "Tarvo Pressure Washer Hot and Cold Water"):
        assert verdict_for(screen(screener, title), "R-HOT") is Verdict.BLOCK, title
    decision = screen(screener, "Kolt Vexo Rear Bicycle Light")
    assert verdict_for(decision, "R-FRONT") is Verdict.ALLOW
    assert any("'rear' of its 'bicycle'" in n for n in notes_for(decision, "R-FRONT"))


def test_the_second_reviews_cases_stay_as_their_notices_say() -> None:
    # A people word before a size is the size's product, not no name ("Toddler Snowsuit 2T" of
    # styles 2T, 3T and 4T); two models of one numbering hyphened are a range an accessory fits,
    # not the model; "T-Shirt" is read whole, its letter naming the type.
    snow = from_api(
        "R-SNOW",
        "Glissa Recalls Toddler Snowsuits Due to Choking Hazard",
        "This recall involves Glissa toddler snowsuits in styles 2T, 3T and 4T.",
        product="Glissa Toddler Snowsuits",
        maker="Glissa",
    )
    drill = cpsc(
        "R-RANGE",
        "Kolt Recalls Cordless Drills",
        brands=["Kolt"],
        product_names=["Kolt Cordless Drills"],
        models=["A100", "A300"],
    )
    screener = screener_with(*other_firms(4, "Snowsuits"), *other_firms(4, "Drills"), snow, drill)
    for title in ("Glissa Toddler Snowsuit 2T", "Glissa Toddler Snowsuit 3T"):
        assert verdict_for(screen(screener, title), "R-SNOW") is Verdict.BLOCK, title
    assert (
        verdict_for(screen(screener, "Kolt A100-A300 Series Drill Holster"), "R-RANGE") is not Verdict.BLOCK
    )
    assert not analysis._words_apart("t-shirt", {"shirt", "tshirt"})
    assert analysis._words_apart("e-bike", {"bicycle", "ebicycle"})
    # Initials the notice writes as a word of its own are no brand ("LED" of Lumen Electric Design).
    lights = cpsc(
        "R-LED",
        "Lumen Electric Design Recalls LED Night Lights",
        brands=["Lumen Electric Design"],
        product_names=["LED Night Lights"],
    )
    assert [tokens for _, tokens in profile_of(lights).brands] == [("lumen", "electric", "design")]


def test_a_title_opening_brand_names_another_firm_only_in_its_market_and_before_no_line() -> None:
    # Another market's brand may be this market's store or theme; and a store's name before the
    # recalled line ("Brennic Glide Kick Scooter") names the line's product, sold there.
    vexo_eu = eu("SR/90011", "Anorak (Vexo) · Quilted anorak", "Anorak", "Vexo")
    jackets = cpsc(
        "R-PUFFER", "Kolt Recalls Puffer Jackets", brands=["Kolt"], product_names=["Kolt Puffer Jackets"]
    )
    scooters = cpsc(
        "R-GLIDE",
        "Kolt Recalls Glide Kick Scooters",
        brands=["Kolt"],
        product_names=["Kolt Glide Kick Scooters"],
    )
    store = cpsc(
        "R-STORE", "Brennic Recalls Night Lights", brands=["Brennic"], product_names=["Brennic Night Lights"]
    )
    screener = screener_with(
        *other_firms(4, "Jackets"), *other_firms(4, "Kick Scooters"), vexo_eu, jackets, scooters, store
    )
    decision = screen(screener, "Vexo Puffer Jacket")
    assert "listing's brand is not the recall's" not in notes_for(decision, "R-PUFFER")
    decision = screen(screener, "Brennic Glide Kick Scooter")
    assert verdict_for(decision, "R-GLIDE") is not Verdict.ALLOW
    assert "listing's brand is not the recall's" not in notes_for(decision, "R-GLIDE")
