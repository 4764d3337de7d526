"""What a notice's own words say of its scope: the product lines it names, the model years it
covers, and the qualifiers that cover only some units.

A notice often names what sellers will list only in its description ("This recall involves all
models of Glideboard … including Glideboard+, Glideboard+ XR, Glideboard Nib, Glideboard Nib X
and Glideboard GT"; "The Strideloop 3C, 8C and 11R models"), and says there too which units it covers
("model years 2021 and 2022", "serial numbers beginning with T", "manufactured before January
2023", "batch codes 0124AA…"). The parsers read every notice through `read_scope`, so the profile
can match a line by its market name, tell a listing of another model year from one of the
recalled years, and send a listing that cannot show a partial scope to a person rather than block it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from recall_screen.lexicon import (
    COLOURS,
    COUNT_WORDS,
    MODEL_CUE_HEADS,
    NUMBER_WORDS,
    SIZE_WORDS,
    UNITS,
    UNITS_BY_MEASURE,
    alternation,
    is_generic_code,
    measure_like,
)
from recall_screen.text import cut_short, fold, lower_for_words, model_key, name_tokens

# "including", "such as", "the following models:", "the following model names:", "the following
# model year and model names:" — the words after which a notice enumerates what it covers. The
# enumeration runs to the end of the sentence.
_FOLLOWING = r"the following(?: model years? and model names?| model names?| models?| products?)?:?"
_ENUMERATION = re.compile(
    rf"\b(?P<trigger>including|includes|include|such as|{_FOLLOWING}"
    # "… include the following models: Model Year 2012: Tarvo 7.2 FX, 7.3 FX; Model Year 2013: Tarvo
    # 7.4 FX …": a year heads each list of its models.
    r"|models?:|model[- ]years?\s+(?:19|20)\d\d\s*:)\s+"
    rf"(?:{_FOLLOWING}\s+)?"  # "include the following: …"
    r"(?:model[- ]years?\s+(?:19|20)\d\d\s*:\s*)?"
    r"(?P<items>(?:[^.;:]|\.(?=\d)){3,300})",  # a point between digits ends no item ("7.2 FX")
    re.I,
)
# "Models included in the recall are: …", "The recalled models include: …", "There are two models,
# …", "There are eight models included in this collection: …", "The models involved are as
# follows; …": a sentence that says the list after it names the models. Its names may carry a
# decimal point ("Tarvo Lumo 13.40"), which ends no sentence there.
_MODEL_LIST = re.compile(
    r"\b(?:models?\s+(?:(?:included|involved|affected)\s+(?:in\s+(?:the|this)\s+recall\s+)?)?"
    r"(?:are|include)(?:\s*:|\s+as\s+follows\s*[:;])"
    r"|there\s+(?:are|were)\s+\w+\s+models?"
    r"(?:\s+(?:involved|included|affected)(?:\s+in\s+(?:the|this)\s+\w+)?)?\s*[,:])\s+"
    r"(?P<items>(?:[^.;:]|\.(?=\d)){3,300})",
    re.I,
)
# "includes" enumerates what a notice covers when the recall, its models or sizes include them
# ("This recall includes …", "That includes the Lumen 1, Lumen 2 …"); a product that includes
# things is listing its parts ("Each of the lights includes two CR2032 coin batteries", "sold in
# black and include handles, weight plates …"): not lines of the recall.
_INCLUDING_SUBJECTS = frozenset(
    "recall recalls models model sizes versions products units lines that this".split()
)
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
# "The Strideloop 3C, 8C and 11R models": a run of short codes, then "models".
_CODE_ITEM = r"[A-Za-z]{0,3}\d+[A-Za-z]{0,3}\+?"
_CODE_RUN = re.compile(
    rf"\b(?P<items>{_CODE_ITEM}(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_CODE_ITEM})+)"
    # "2019 and 2020 model year" are years, not models.
    r"\s+(?:models?(?![- ]years?\b)|versions?|sizes?)\b"
)
# Items part at commas and "and"/"or", not at a thousands separator ("10,000mAh").
# After a comma, "AND" and "OR" in capitals part items too ("7.4 FX, AND 7.5 FX"); without one,
# "Peek And Play" and "HIDE AND SEEK" are names.
_ITEM_SPLIT = re.compile(r",(?!(?<=\d,)\d{3}(?!\d))\s*(?:(?:and|AND|or|OR)\s+)?|\s+(?:and|or)\s+")
_CODE = re.compile(r"^[A-Za-z]{0,3}\d+[A-Za-z]{0,3}\+?$")
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
# A month's name or its abbreviation, whole: "made from marble", "sold after market" name none.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
# "all model year 2016 and some 2017 …": the later year's units only in part (`_PARTIAL`).
_SOME = r"(?:(?:some|certain)\s+)?"
# What joins the years of a run: a comma (and its "and"), "and", "or", a range's word or dash, a
# slash ("2015, 2017 through 2019", "2007/2008").
_YEAR_JOIN = r"(?:,\s*(?:and|or)?|and|or|through|thru|to|-|–|/)"
# A year, or several joined ("2014-2015", "2012 and 2013", "2007/2008", "2015, 2017 through
# 2019"), before a product's name.
_YEAR_LIST = rf"{_YEAR}(?:\s*{_YEAR_JOIN}\s*{_YEAR}){{0,8}}"
# "model years 2021 and 2022", "model year 2019-2020", "2011 model year", "MY2026", "2014 and 2015
# models": years the notice names as the product's, not the dates of sale.
_ASIDE = r"(?:\s*\([^()]{0,80}\))?"  # what brackets say after a year, not read as years
_MODEL_YEARS = re.compile(
    # "model years 2005 (blue), 2006 (silver), and 2007 (pink)": a year's colours or sizes in
    # brackets, and a comma before the last "and", leave the run going.
    rf"\bmodel[- ]years?\s+(?P<a>{_YEAR}{_ASIDE}(?:\s*{_YEAR_JOIN}\s*{_SOME}(?:{_YEAR}|['’]?\d\d){_ASIDE})*)"
    rf"|(?P<b>{_YEAR}(?:\s*(?:,\s*(?:and|or)?|and|or|to|through|thru|-|–)\s*{_YEAR})*)\s+model[- ]years?\b"
    # "all sizes of Tarvo CLASSIC 2018 - 2021 model bikes", "the 2008 through 2010 models Quessa
    # 1.0": a run of years before "model" (a lone number there may be the model's own: "the
    # Tarvo 2000 models"; one opening what the recall involves is read below).
    rf"|(?P<h>{_YEAR}\s*(?:,|and|or|to|through|-|–)\s*{_YEAR}(?:\s*(?:,|and|or)\s*{_YEAR})*)\s+models?\s+(?!years?\b)"
    # "The 2013 models included in the recall are: …": one year, right after "the", before the
    # models the sentence says the recall takes in (not "the Tarvo 2000 models").
    rf"|\bthe\s+(?P<j>{_YEAR})\s+models?\s+(?:included|covered|recalled|affected|involved)\b"
    rf"|\bMY\s?(?P<c>(?:{_YEAR}|\d\d)(?:\s*[-–]\s*(?:MY\s?)?(?:{_YEAR}|\d\d)){{0,8}})\b"
    # "This recall involves 2014 Tarvo Ferrel bicycles": a year before the product's name; so in
    # "involves the 2014-2015 Tarvo …", "involves four models of 2016 Tarvo …" and "The recall
    # includes 2012 and 2013 Tarvo QX5 bicycles" (what a recall includes or covers, as it involves).
    rf"|(?:\binvolves|\brecall\s+(?:includes|covers))\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+models?\s+of\s+)?"
    rf"(?P<d>{_YEAR_LIST})\s+[A-Z]"
    # "This recall involves QL bars on the following 2009 Tarvo bicycles: …", "involves following
    # 2011 Tarvo golf cars": the year before the name of what the list that follows is of; not a
    # count or a rating before its unit or series ("the following 2000 Series Tarvo faucets").
    rf"|(?:\bthe|\binvolves)\s+following\s+(?P<i>{_YEAR_LIST})"
    r"\s+(?!(?:series|watts?|w|volts?|v|units?|pieces?|pcs|packs?|sets?|models?)\b)(?-i:[A-Z])"
    # "This recall involves the Fall 2022 Tarvo F1 boots": the season a product line was made for;
    # a fall or winter one runs into the next year ("2022-2023 Tarvo F1").
    rf"|\binvolves\s+(?:all\s+)?(?:the\s+)?(?P<e>fall|autumn|winter|spring|summer)\s+(?P<f>{_YEAR})\s+[A-Z]"
    # "… boots from the winter 2017-2019 seasons", "the 2019/20 ski season": the seasons a product
    # line was made for.
    rf"|(?P<g>{_YEAR}(?:\s*(?:-|–|/|to|through)\s*(?:{_YEAR}|\d\d))?)\s+(?:ski\s+)?seasons?\b",
    re.I,
)
# "Tarvo Inc. is recalling about 4,000 Tarvo 1999 Vexo and Vexo Sport model bicycles", "is
# recalling 3,585 forks on 1995 Vexo mountain bikes and 52,868 handlebars on all models of 1994 Kolt
# mountain bikes": the older releases' sentence of what is recalled, a count of units first, gives
# each product's model year before its name, after the brand or "on", "of", "all". Not a number
# that is part of a name ("Vexo 2000 Series", "Model 2019 Deluxe"), nor a date ("May 1999",
# "Spring 2019").
_RECALLING = re.compile(
    r"\brecalling\s+(?:about\s+|approximately\s+|nearly\s+|more\s+than\s+|over\s+)?\d[\d,]*\s[^.;]{1,300}",
    re.I,
)
_NOT_BEFORE_A_YEAR = (
    rf"(?:(?i:{_MONTH})|(?:Spring|Summer|Fall|Autumn|Winter|Christmas|Holiday|Easter"
    r"|Model|Models|Style|SKU|Item|Part|No|Number|Series|Version|Type|Size|Edition|Week)\b)"
)
# What follows a year that is no product's name ("2019 Through 2021", "2010 Series").
_NOT_A_NAME_AFTER_A_YEAR = (
    r"(?!(?:To|Through|And|Or|Series|Model|Models|Edition|Collection|Stores?|Units?)\b)"
)
_YEAR_BEFORE_A_NAME = re.compile(
    rf"(?:\b(?:on|of|all)\s+|\b(?!{_NOT_BEFORE_A_YEAR})[A-Z][\w-]*\s+)(?P<years>{_YEAR_LIST})\s+"
    rf"(?=[A-Z]){_NOT_A_NAME_AFTER_A_YEAR}"
)
# "2008 Tarvo Q22 and Q32 bicycles, and 2010 Q32 and R14 bicycles": where a product's name opens
# with its model year, a later name of the same sentence that opens with a year after "and" or a
# comma, and shares a word with it, gives that product's (`year_runs`).
_LATER_YEAR = re.compile(
    rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?:model[- ]years?\s+)?(?P<years>{_YEAR_LIST})\s+(?=[A-Z])"
    rf"{_NOT_A_NAME_AFTER_A_YEAR}"
)
# Where the names of a run end: the sentence (a full stop before a space), or what says the years
# after it are no product's: a date or place of sale or make ("sold from January 2008 and 2010"),
# what a number after it is ("model numbers 2000 and 2010", "serial numbers 2014 Q"), or what the
# recall leaves out ("but not the 2009 and 2010 …").
_RUN_END = re.compile(
    r"\.\s|[;:(]|\b(?:not|except|excluding|other than|sold|manufactured|made|produced|distributed|"
    r"imported|between|from|models?(?![- ]years?\b)|numbers?|nos?|serial|sku|items?|styles?|sizes?|dates?|"
    r"codes?|lots?|"
    r"batch(?:es)?)\b",
    re.I,
)
# A later year of a run may be written short: "2019-21", "2019/20", "2019 to '21".
_YEARS_IN = re.compile(rf"{_YEAR}|(?<=[-–/'’])\d\d\b")
_BARE_YEARS = re.compile(rf"{_YEAR}|(?<!\d)\d\d(?!\d)")  # "MY26", "MY21-24", "MY21-MY23"
# Qualifiers that cover only some units of a product: a listing seldom shows them.
_SERIAL = (
    r"\bserial (?:numbers?|nos?\.?)\b[^.]{0,60}?\b(?:begin|start|from|between|through|rang|end)"
    # "certain serial numbers", "the following models and serial numbers", "serial numbers listed
    # below", "… affected by this recall", "serial numbers higher than R123400", "within limited
    # serial range", "a serial break"; not where to find the number ("The serial number is printed …")
    r"|\b(?:certain|some|specific|affected|following|listed)\s+"
    r"(?:models?\s+and\s+)?serial\s+(?:numbers?|nos?)\b"
    r"|\bserial\s+(?:numbers?|nos?\.?)\s+(?:listed|shown|in the table|higher|lower|greater|less"
    r"|above|below|up to|affected|subject|included)\b"
    r"|\bserial\s+(?:range|break)s?\b"
    # "with serial number QX1234567890", "serial numbers 040501, 050501": the units' own numbers.
    r"|\b(?:serial|frame)\s+(?:numbers?|nos?\.?)\s*:?\s*(?=[A-Z0-9*-]*\d)[A-Z0-9][A-Z0-9*-]{3,}"
    # "Only scooters with the letters WY … in the serial number are included"
    r"|\bonly\b[^.]{0,80}\bserial\s+numbers?\b"
    # "with VIN numbers beginning with …": a vehicle's serial number ("The VIN is located on the
    # frame between …" says where to find it)
    r"|\b(?:vins?|vehicle identification numbers?)\b[^.]{0,30}?\b(?:begin|start|end)\w*\s+(?:with|in)\b"
)
# "batch codes 0124AA", "lot # 2231", "batch code numbers 310507, …", "batch number between 10451
# and 10520", "batch codes QQA, QQB": the units' own codes after the word, or the range they fall in.
# Not where to find the code ("The batch code is printed …").
_BATCH = (
    r"\b(?:batch(?:es)?|lots?)(?:\s+(?:codes?|numbers?|nos?\.?))*\s*"
    r"(?::|#|\d|[A-Z]{2}\d|(?-i:[A-Z]{2,}\d*|[A-Z]\d{2,})\b"
    # a range or a start: a code or a capital after it ("from the bottom" says where to find it)
    r"|(?:between|from|beginning|starting|ranging)\s+(?:(?:with|in)\s+)?(?:the\s+letters?\s+)?[\"“]?(?-i:[A-Z0-9]))"
)
# "manufactured prior to January 2023", "made between 1/2019 and …": a date must follow, or "made in
# Vietnam", "made from carbon fiber" and "produced in Matte Black" would cover only some units. A
# month is `_MONTH`, whole or abbreviated.
_MADE = (
    r"\b(?:manufactured|made|produced|production dates?)\s+"
    r"(?:between|before|after|from|in|on|through|during|prior to|until|since)\s+"
    rf"(?:{_MONTH}(?:\s|,)|\d)"
    # "with production date 202305": the units' own date ("The production date is printed …" is not).
    r"|\b(?:production|manufactur(?:e|ing)) dates?\s*(?::|of|from|between)?\s*\d"
)
# "have manufacturing codes from 2210 to 2475", "production codes 03 11 through 27 12", "codes:
# 2210 to 2475", "manufacturing codes are included": the units a range or list of the maker's
# codes marks. A code must follow (not "The manufacturing code of each helmet is printed …", nor
# "a production code 4 digits long"), or the sentence must say those units are recalled (not "All
# manufacturing codes are included").
_MADE_CODES = (
    r"\b(?:manufactur(?:e|ing)|production) codes?(?: numbers?)?"
    r"(?:\s*:\s*|\s+(?:from|between|ranging from|in the range(?: of)?|beginning with|starting with)\s+|\s+)"
    r"\d[\w-]*\b(?!\s+(?:digits?|characters?|letters?)\b)"
    r"|(?<!all )\b(?:manufactur(?:e|ing)|production) codes?(?: numbers?)? (?:are|is) "
    r"(?:included|affected|recalled)\b"
)
# "electric bicycles sold prior to April 20, 2022", "purchased since September 2009", "sold from
# May 2020 through June 2022": the description's subject is the units sold in a window (the notice's
# "sold at" section, which every notice has, is not among the texts read).
_SOLD = (
    r"\b(?:sold|purchased|bought)\s+"
    r"(?:between|before|after|from|prior to|until|since|on or before|on or after)\s+"
    rf"(?:{_MONTH}(?:\s|,)|\d)"
)
# "trainers installed from March 2014 through June 2015", "installed during 2019", "units
# installed since January 2012": units fitted in a window of dates, a month and a day or year, a
# year (not a size: "between 2000 and 2400 mm") or a month/year after the word. Not "battery
# packs installed in <product>" (where), "installed between 7 and 10 feet" (how high), "installed
# after 2 years of age", a history ("installed since 2010 in thousands of homes"), nor what "is",
# "are", "is being" or "will be installed" (the remedy's dates, an instruction).
# A length's units as sizes are printed (not "in" without its dot: "installed between 2015 and
# 2017 in homes" is a window of years).
_LENGTHS = rf"(?:{alternation(UNITS_BY_MEASURE['length'])})(?!\w)"
_INSTALLED = (
    r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeing )\binstalled\s+"
    r"(?:(?:between|before|after|from|during|prior to|until|on or before|on or after)\s+"
    rf"(?:{_MONTH}\s+\d|(?:19|20)\d\d\b(?!(?:\s*(?:and|to|-|–)\s*\d+)?\s*{_LENGTHS})|\d{{1,2}}/(?:19|20)\d\d\b)"
    rf"|since\s+{_MONTH}\s+\d)"
)
# "2nd Generation …", "Gen 2": one generation of a product sold under one name across several.
_GENERATION = (
    r"\b(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth)[- ]generation\b"
    r"|\bgen(?:eration)?[- ]?\d\b"
)
GENERATION = "generation"
VEHICLE_BUILDS = "vehicle build dates or VINs"
_VEHICLE_WORDS = tuple("car cycle motorbike van truck lorr vehicle motorhome camper bus".split())
# The record's product named by a motor vehicle's type, where its title names it: before the brand
# in brackets or the "·". Not a text that is the type alone: the part after the "·" names the
# product in other words ("Toy (Kolt) · Lorry" is a toy, "Mirror (Kolt) · Lorry" a part).
_VEHICLE = (
    r"^\s*(?:(?:passenger|sports?|electric|light|heavy|commercial|utility|motor|off-road|pick-?up)\s+){0,3}"
    r"(?:cars?|motor\s*cycles?|motorbikes?|(?:camper\s+)?vans?|trucks?|lorry|lorries|vehicles?|motorhomes?|"
    r"campers?|buses)\s*(?:\(|·)"
)
_PARTIAL = tuple(
    (kind, re.compile(pattern, re.I), words, gate)
    for kind, pattern, words, gate in (
        ("serial numbers", _SERIAL, ("serial ", "frame n", "vin", "vehicle identification"), ""),
        ("batch or lot codes", _BATCH, ("batch", "lot"), ""),
        ("date codes", r"\bdate codes?\b", ("date code",), ""),
        ("manufacturing codes", _MADE_CODES, ("manufactur", "production code"), ""),
        ("manufacture dates", _MADE, ("manufactur", "made", "produced", "production date"), ""),
        ("sale dates", _SOLD, ("sold ", "purchased ", "bought "), ""),
        ("installation dates", _INSTALLED, ("installed ",), ""),
        (GENERATION, _GENERATION, ("generation", "gen"), ""),
        # "Passenger car (Tarvo) · Vexo, Corvane", "Motorcycle": a record whose product is a motor
        # vehicle covers the units of some build dates or VINs, which its file does not list.
        (VEHICLE_BUILDS, _VEHICLE, _VEHICLE_WORDS, ""),
        (
            "some units only",
            # "This recall involves certain Tarvo Vexo tires", "… involves select Tarvo bicycles": the
            # description's subject is some of them ("select" only there, in lower case: "Select
            # <Word>" may be a brand, "select models from the menu" an instruction).
            rf"\b(?:only|certain|some) (?:units|products|models)\b|\b(?:certain|some) {_YEAR}\b"
            r"|\b(?:involves|includes|covers) certain |\binvolves (?-i:select) ",
            (
                *(f"{a} {b}" for a in ("only", "certain", "some") for b in ("units", "products", "models")),
                *(f"{a} {century}" for a in ("certain", "some") for century in ("19", "20")),
                *(f"{verb} certain " for verb in ("involves", "includes", "covers")),
                "involves select ",
            ),
            # Each of its words holds one of these: most texts, holding none, test four.
            ("only ", "certain ", "some ", "select "),
        ),
    )
)
# `_PARTIAL`: (kind, pattern, the words it cannot match without, and words one of which each of
# those holds: a text without any of them is not tested for the words).
# The words without which a pattern cannot match (lower case; _CODE_RUN's as printed). "models:"
# and "model:" are the enumeration's own ("model" alone is in most descriptions); the model years
# need "model year", "MY", a year before "model" (`_YEARS_THEN_MODEL`), or "involves" (or "recall
# includes", "recall covers") with a year after it ("This recall involves Model X" does not: most
# descriptions say it), which `_INVOLVES_YEAR` looks for, or "recalling" (an older release's
# sentence of what is recalled, `_RECALLING`).
_ENUMERATION_WORDS = ("includ", "such as", "the following", "model:", "models:", "model year", "model-year")
_CODE_RUN_WORDS = ("model", "version", "size")
# The run's last code before its word: a digit, at most three letters and a "+", then the word.
_CODE_RUN_END = re.compile(r"\d[A-Za-z]{0,3}\+?\s+(?:model|version|size)")
_MODEL_YEAR_WORDS = ("model year", "model-year", "my", "season", "recalling")
_INVOLVES_WORDS = ("involves", "recall includes", "recall covers")  # what `_INVOLVES_YEAR` needs
_INVOLVES_YEAR = re.compile(
    r"(?:involves|recall\s+(?:includes|covers))\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+models?\s+of\s+)?(?:(?:fall|autumn|winter|spring|summer)\s+)?(?:19|20)"
)

# "2018 - 2021 model bikes", "2008 through 2010 models" (`_MODEL_YEARS` tells years from a model's
# number).
_YEARS_THEN_MODEL = re.compile(rf"{_YEAR}\s+models?\b")
_FOLLOWING_YEAR = re.compile(rf"following\s+{_YEAR}\b")  # "the following 2009 Tarvo bicycles"


@dataclass(frozen=True, slots=True)
class Scope:
    lines: tuple[str, ...] = ()  # product lines and models the notice enumerates, as printed
    # Those of `lines` a list the notice introduces as its models gives ("Models: …", "The
    # recalled lanterns include the following models: …") that a number singles out of a named
    # line, and their siblings (`numbered_lines`): names the product is sold under, whatever words
    # they share with the notice's others.
    named_models: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # short model codes it enumerates ("3C", "8C", "11R")
    model_years: tuple[int, ...] = ()
    partial: tuple[str, ...] = ()  # kinds of qualifier that cover only some units

    def with_codes(self, models: list[str]) -> list[str]:
        """`models` and the codes the notice enumerates that name a model: letters with digits
        ("3C", "11R"), or three digits and more — a lone "1" or "29" is a size or a count; not a
        standard's or a battery's name ("CR2032": `lexicon.is_generic_code`), never a model in free
        text."""
        out = list(models)
        keys = {model_key(m, literal=True) for m in models}
        for code in self.codes:
            key = model_key(code, literal=True)
            letters = any(c.isalpha() for c in key)
            if is_generic_code(key):
                continue
            if key not in keys and ((letters and any(c.isdigit() for c in key)) or len(key) >= 3):
                keys.add(key)
                out.append(code)
        return out


def read_scope(*texts: str) -> Scope:
    """The scope a notice states in `texts` (its title, product names, description)."""
    lines: list[str] = []
    named_models: list[str] = []
    codes: list[str] = []
    years: set[int] = set()
    partial: list[str] = []
    for whole in texts:
        if not whole:
            continue
        # A sentence saying what the recall does not cover ("The original Tarvo (model TV-100) is
        # not included") names no line, model or year of the recalled product's; what it says of
        # some units ("units with serial numbers above 5000 are not affected") is still read below.
        text = without_denials(whole)
        # Each pattern needs a word of its own; a text without it is not searched (unless a
        # case-insensitive pattern would meet one of its letters as another: "ſ" for "s",
        # `lower_for_words`). The words are looked for by `map` in C: a generator's frame per test
        # cost more than the test.
        low = lower_for_words(text)
        for items, of_models in _enumerations(text, low):
            names: list[str] = []
            for item in items:
                (codes if _CODE.match(item) else names).append(item)
            lines.extend(names)
            if of_models and names:
                named_models.extend(
                    n for n, counted in zip(names, numbered_lines(names), strict=True) if counted
                )
        if any(map(text.__contains__, _CODE_RUN_WORDS)) and _CODE_RUN_END.search(text):
            for found in _CODE_RUN.finditer(text):
                codes.extend(i for i in _items(found.group("items")) if _CODE.match(i))
        if low is None or may_name_model_years(low):
            years.update(_model_years(text))
        if opening := _OPENING_YEARS.match(text):
            years.update(_years_of(opening.group("years")))
            years.update(_later_years(text, opening.start("years")))
        if text is not whole:
            low = lower_for_words(whole)
        partial.extend(
            kind
            for kind, pattern, words, gate in _PARTIAL
            if (
                low is None
                or ((not gate or any(map(low.__contains__, gate))) and any(map(low.__contains__, words)))
            )
            and pattern.search(whole)
        )
    return Scope(
        lines=tuple(dict.fromkeys(lines)),
        named_models=tuple(dict.fromkeys(named_models)),
        codes=tuple(dict.fromkeys(codes)),
        model_years=tuple(sorted(years)),
        partial=tuple(dict.fromkeys(partial)),
    )


# A name in brackets after a model number ("models 9014 (Vexo Pro), 9331 (Tarvo Glide)", "model
# QX300-A (The Marksman)"): the name that model is sold under. The number holds a digit and is no
# year ("2019 (Spring)"); the name opens with a capital and a lower-case letter (not another code).
_NAMED_MODEL = re.compile(
    r"\b(?!(?:19|20)\d\d\b)(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,}\s+"
    r"\((?:[Tt]he\s+)?(?P<name>[A-Z][a-z][\w+'’ -]{1,40}?)\)"
)


# What a bracket after a code may say that is no name: the size or the colour of that model.
_SIZE_NAMES = SIZE_WORDS | frozenset(
    "youth adult junior kids child infant toddler twin full queen king".split()
)


def bracketed_model_names(*texts: str) -> list[str]:
    """The names `texts` give in brackets after model numbers, of at most five words."""
    names: list[str] = []
    for text in texts:
        if "(" not in text:
            continue
        for found in _NAMED_MODEL.finditer(text):
            name = " ".join(found.group("name").split())
            words = name.lower().split()
            if len(words) > 5 or all(w in _SIZE_NAMES or w in COLOURS for w in words) or name in names:
                continue
            names.append(name)
    return names


# A name the notice quotes in its title or product name (Tarvo "Zephyr" bicycles, the “Vexo 3”
# stroller): the name the product is sold under, as a seller writes it. Not an abbreviation opening
# brackets ('Tarvo Recreational Products ("TRP")'), which names the firm or the name before it,
# nor inches ('12"x18"').
_QUOTED = re.compile(r"(?<![(\d])[\"“](?P<name>[^\W_][^\"“”]{1,40}?)[,.]?[\"”]")


def quoted_names(*texts: str) -> list[str]:
    """The names `texts` quote, of two characters to five words ("A" frame is no name)."""
    return _names_quoted(_QUOTED, texts)


def _names_quoted(pattern: re.Pattern[str], texts: tuple[str, ...]) -> list[str]:
    """The names `pattern` finds quoted in `texts` (its group "name"), of up to five words, each
    once, as the texts write them with single spaces."""
    names: list[str] = []
    for text in texts:
        if '"' not in text and "“" not in text:
            continue
        for found in pattern.finditer(text):
            name = " ".join(found.group("name").split())
            if len(name.split()) <= 5 and name not in names:
                names.append(name)
    return names


# A name a description gives the product it describes besides its type ('These camming anchors or
# "Zephyr Cams" are devices', 'flotation devices known as "The Vexo Float."'): the name sellers
# know it by. A quoted name after another quoted one ('"Tarvo" or "Vexo" is printed on the frame')
# is a label's text, one of several, not the product's other name; one the description writes
# after "the" ('a game called the "Batting Tee."') is the kind of product it is, no name of its own.
_ALIAS = re.compile(
    r"\b[a-z]{3,} (?:or|(?:also )?(?:known as|called)) [\"“](?P<name>[^\W_][^\"“”]{1,40}?)[,.]?[\"”]"
)


def aliased_names(description: str) -> list[str]:
    """The names a description gives its product besides its type (`_ALIAS`), of up to five words."""
    return _names_quoted(_ALIAS, (description,))


def described_market_names(title: str, product_names: list[str], description: str) -> list[str]:
    """The names a notice's texts give its product as sellers know it, as every parser reads them:
    those its title and product names quote, those its description gives besides the product's
    type (`aliased_names`) and beside a model number (`bracketed_model_names`)."""
    return [
        *quoted_names(title, *product_names),
        *aliased_names(description),
        *bracketed_model_names(description),
    ]


def may_name_model_years(low: str) -> bool:
    """Whether a text (lowered: `lower_for_words`) has what `_MODEL_YEARS` cannot match without."""
    return (
        any(map(low.__contains__, _MODEL_YEAR_WORDS))
        or (any(map(low.__contains__, _INVOLVES_WORDS)) and _INVOLVES_YEAR.search(low) is not None)
        or ("model" in low and _YEARS_THEN_MODEL.search(low) is not None)
        or ("following" in low and _FOLLOWING_YEAR.search(low) is not None)
    )


def _enumerations(text: str, low: str | None) -> Iterator[tuple[list[str], bool]]:
    """The names and codes of each enumeration `text` gives of what the notice covers (`low`: the
    text lowered for its words, or None: `lower_for_words`), with whether it introduces them as
    the models ("Models: …", "the following models: …", "Models included in the recall are …")."""
    if low is None or any(map(low.__contains__, _ENUMERATION_WORDS)):
        for found in _ENUMERATION.finditer(text):
            if _enumerates_scope(text, found):
                introduction = text[found.start() : found.start("items")]
                yield _items(found.group("items")), "model" in introduction.lower()
    if low is None or "model" in low:
        for found in _MODEL_LIST.finditer(text):
            if _NOT_THE_RECALLED.search(text, 0, found.start()) is None:
                yield _items(found.group("items")), True


def _enumerates_scope(text: str, found: re.Match[str]) -> bool:
    """Whether an enumeration names what the notice covers: not the parts a product includes, nor
    the models the words right before it exclude, or say are replacements or what the product
    fits ("Excluded models: …", "does not include the following models")."""
    if _NOT_THE_RECALLED.search(text, 0, found.start()) is not None:
        return False
    if found.group("trigger").lower() not in ("includes", "include"):
        return True
    before = _WORD_BEFORE.search(text, 0, found.start())
    if before is None or before.group(1).lower() in _CONTAINERS:
        return False
    if before.group(1).lower() in _INCLUDING_SUBJECTS:
        return True
    # "The recalled lanterns include the following models: …": a subject said to be recalled,
    # which includes models; not "kits, which include the following models: …" of a recalled part.
    introduction = text[found.end("trigger") : found.start("items")]
    return "model" in introduction.lower() and _RECALLED_SUBJECT.search(text, 0, found.start()) is not None


# What the words right before a list say of models that are not the recalled ones: "Excluded
# models: …", "does not include the following models", "Replacement models include: …", "fits
# the following models". Prose, in lower case but where it opens the sentence; "is not limited
# to" excludes nothing.
_NOT_THE_RECALLED = re.compile(
    r"(?:\b(?:[Ee]xclud\w*|[Uu]naffected|[Rr]eplacement|[Cc]ompatible|except|other\s+than|fits?)"
    r"|\b(?:does|do)\s+not(?:\s+include)?|\b(?:are|is)\s+not\s+(?:included|involved|affected))"
    r"(?:\s+(?:the\s+)?(?:models?|following|for|with|in|by|from))*[\s:,]*$"
)
# What holds other things, before "include(s)": a kit's, a bundle's contents are its parts.
_CONTAINERS = frozenset(
    "kit kits bundle bundles set sets package packages pack packs box boxes combo combos".split()
)
# The subject of "include(s)" said to be recalled, right before it ("The recalled lanterns",
# "The scooters affected by this recall", "Units in this recall").
_RECALLED_SUBJECT = re.compile(
    r"\b(?:recalled(?:\s+[\w'-]+){1,3}|(?:in|by)\s+(?:the|this)\s+recall)\s*$", re.I
)


def numbered_lines(lines: list[str] | tuple[str, ...]) -> list[bool]:
    """Which of an enumeration's lines are the product's models whatever words they share with
    the notice's names: those a number singles out of a named line ("Vexo S2", "Vexo S3"; "XP
    Step-Thru 3.0 White"), and the names of two words or more those lines' words go on ("Vexo
    Max"). Sizes, colours, trims and packs, stores, parts and types are numbered by no model
    ("Extra Small", "Midnight Blue", "Sport Edition", "Car Seat Adapters"); a number that is a
    size, a count, a price or a rating ("1400 Lumen", "Pack of 20", "$24.99") singles none out,
    nor one a word says is a model's or an item's number ("Tarvo trainer models 9014")."""
    named = [_name_words(line) for line in lines]
    numbered = [
        bool(words) and _holds_a_model_s_number(folded) and _NUMBERS_OF.isdisjoint(folded)
        for words, folded in zip(named, (fold(line).split() for line in lines), strict=True)
    ]
    family = {w for words, n in zip(named, numbered, strict=True) if n for w in words}
    return [
        n or (len(line.split()) > 1 and not family.isdisjoint(words))
        for line, words, n in zip(lines, named, numbered, strict=True)
    ]


def _name_words(line: str) -> set[str]:
    """The words of a line that may name it, folded: of three letters or more, opening with a
    capital ("Vexo", "Step-Thru"), saying no colour, size, count or what a list is of."""
    return {
        folded
        for word in line.split()
        if len(letters := word.replace("-", "")) >= 3
        and letters.isalpha()
        and word[0].isupper()
        and (folded := fold(letters)) not in _NOT_NAME_WORDS
    }


def _holds_a_model_s_number(words: list[str]) -> bool:
    """Whether a line's (folded) words hold one with a digit that is a model's: no measure, year,
    price or count ("S2", "3.0", "500"; not "1400 Lumen", "32oz", "$24.99", "Pack of 20", "135
    Count")."""
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if (
            any(c.isdigit() for c in word)
            and word[0].isalnum()
            and not measure_like(word)
            and not measure_like(word + after)
            and before != "of"
            and before not in COUNT_WORDS
            and after not in COUNT_WORDS
        ):
            return True
    return False


# A clause's first word, not one a hyphen joins into a name ("3-in-1 Grill").
_CLAUSE = re.compile(r"\s+(?:that|which|with|sold|were|was|are|is|in|from|manufactured)\b(?!-)")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


# An item that opens a clause ("…, featuring a griddle, a stove top burner and a pizza oven"):
# what follows describes the product before it, and names no other.
_CLAUSE_OPENING = re.compile(
    r"^\s*(?:featuring|with|which|that|equipped|containing|having|are|is|were|was)\b", re.I
)
# A count of the units sold ends it too ("Recalls Dumbbells; Including 3.7 Million Sold by …").
_UNITS_COUNTED = re.compile(r"^\s*\d+(?:[.,]\d+)?\s+(?:million|thousand|hundred)\b", re.I)

# The model year before an item's name ("2007 Tarvo DH" of a list of model years and names), and
# a number alone after a name numbered so (the "2" and "3" after "Tarvo 1" of "Tarvo 1,2,3").
_LEADING_YEAR = re.compile(r"^\s*(?:19|20)\d\d(?:\s+model[- ]years?)?\s+(?=[A-Za-z])", re.I)
_SIBLING_NUMBER = re.compile(r"\s*(\d{1,2})\s*")
_NUMBERED = re.compile(r"(?P<line>.*[A-Za-z].*?)\s+\d{1,2}")
# An item giving a number ("…, model number QX99A2U1 and …"): the model numbers are read as such.
_NUMBER_ITEM = re.compile(r"^\s*(?:model|part|item|serial)\s+(?:numbers?\b|nos?\b\.?|#)", re.I)


def _items(run: str) -> list[str]:
    """The names of an enumeration: split at commas and and/or, each cut at its first clause, up to
    an item that opens a clause. A model year before a name is no word of it ("the following model
    year and model names: 2007 Tarvo DH, …"); numbers after a numbered name are its siblings
    ("Tarvo 1,2,3": "Tarvo 1", "Tarvo 2", "Tarvo 3")."""
    out: list[str] = []
    for item in _ITEM_SPLIT.split(run):
        if _CLAUSE_OPENING.match(item) or _UNITS_COUNTED.match(item):
            break
        if _NUMBER_ITEM.match(item):
            continue
        sibling = _SIBLING_NUMBER.fullmatch(item)
        if sibling and out and (numbered := _NUMBERED.fullmatch(out[-1])):
            out.append(f"{numbered.group('line')} {sibling.group(1)}")
            continue
        item = _LEADING_YEAR.sub("", _CLAUSE.split(item)[0])
        item = _PARENTHESES.sub("", item).strip(" \"'“”")
        if cut_short(item):
            break  # the text was cut off here: a part of a name is no name
        if item and len(item) <= 60 and len(item.split()) <= 6 and not _LIST_NOUNS.issuperset(item.split()):
            out.append(item)
    return out


# What a list is of ("the following model numbers are included …", "sold in the following
# colors: …"), not an item of it.
_LIST_NOUNS = frozenset("model models number numbers colors colours sizes styles versions prints".split())
# Words that say the number beside them is what a list gives, no name's: the cues of model and
# item numbers ("Tarvo trainer models 9014", "SKU 12345", "Item No. 7"), and "UPC".
_NUMBERS_OF = MODEL_CUE_HEADS | NUMBER_WORDS | {"upc"}
# Words that say what an item is rather than name it: colours, sizes, counts, what a list is of
# (`_name_words`).
_NOT_NAME_WORDS = (
    COLOURS | SIZE_WORDS | COUNT_WORDS | _LIST_NOUNS | _NUMBERS_OF | frozenset("series edition".split())
)


def _model_years(text: str) -> set[int]:
    years: set[int] = set()
    for found in _MODEL_YEARS.finditer(text):
        opened = _open_ended(text, found)
        if opened is not None:
            years.update(opened)
            continue
        if found.group("e"):
            year = int(found.group("f"))
            runs_on = found.group("e").lower() in ("fall", "autumn", "winter")
            years.update((year, year + 1) if runs_on else (year,))
            continue
        span = next((found.group(g) for g in "abcdghij" if found.group(g)), "")
        years.update(_years_of(_PARENTHESES.sub(" ", span), bare=bool(found.group("c"))))
        if found.group("a") or found.group("d"):
            years.update(_later_years(text, found.start("a") if found.group("a") else found.start("d")))
    for recalled in _RECALLING.finditer(text):
        for found in _YEAR_BEFORE_A_NAME.finditer(recalled.group()):
            years.update(_years_of(found.group("years")))
    return years


# What says a notice's model years run on without an end: "2019 and later", "2018 and earlier",
# "2016 through present", "2017 onward"; "since the 2014 model year", "after the 2014 model year",
# "prior to the 2016 model year".
_OPEN_AFTER = re.compile(
    r"\s*,?\s*(?:(?:and|or)\s+(?:(?P<later>later|newer|up|after|above|beyond)|earlier|older|prior|before)\b"
    r"|(?P<on>onwards?|forward)\b|(?:through|thru|to|until)\s+(?:the\s+)?(?P<now>present|current|today)\b)",
    re.I,
)
_OPEN_BEFORE = re.compile(r"\b(?:(?P<since>since)|(?P<after>after)|before|prior\s+to)\s+(?:the\s+)?$", re.I)
# What a sentence says to state what the recall covers ("This recall involves …", "… are
# included"), not what the maker did with other units ("Bicycles from model year 2019 and later
# have a redesigned fork").
_STATES_THE_SCOPE = re.compile(r"\brecall|\binvolve|\binclude|\baffected\b|\bcovered\b", re.I)
_EARLIER_SPAN = 20  # years before an open run's last that its units may be of ("2018 and earlier")
# The last year a notice's text is read as naming (`_YEAR`): where a run of years without an end
# stops. Not the calendar's next year: a profile, kept while its rules are, would not move on.
LAST_MODEL_YEAR = 2049


def _open_ended(text: str, found: re.Match[str]) -> range | list[int] | None:
    """The model years of a run `found` (a `_MODEL_YEARS` match) that has no end the notice states,
    as one-sided bounds: "model year 2019 and later" is 2019 on (`LAST_MODEL_YEAR`), "since
    the 2014 model year" 2014 on, "2018 and earlier" and "prior to the 2016 model year" the
    twenty years up to it; None where the run ends where it is written. None of them where the
    sentence does not state what the recall covers (the years of later units' redesign are no
    scope). Reading the written year alone would put the run's other years outside the recall."""
    group = next(g for g in "abcdfghij" if found.group(g))  # the years' group ("f": a season's)
    after = _OPEN_AFTER.match(text, found.end(group)) or _OPEN_AFTER.match(text, found.end())
    before = _OPEN_BEFORE.search(text, 0, found.start())
    if after is None and before is None:
        return None
    if not _STATES_THE_SCOPE.search(text, *_sentence_around(text, found.start(), found.end())):
        return []
    written = _years_of(_PARENTHESES.sub(" ", found.group(group)), bare=group == "c")
    if not written:
        return []
    if after is not None:
        if after.group("later") or after.group("on") or after.group("now"):
            return [*written, *range(max(written) + 1, LAST_MODEL_YEAR + 1)]
        return [*range(min(written) - _EARLIER_SPAN, min(written)), *written]
    assert before is not None
    if before.group("since"):
        return range(min(written), LAST_MODEL_YEAR + 1)
    if before.group("after"):
        return range(max(written) + 1, LAST_MODEL_YEAR + 1)
    return range(min(written) - _EARLIER_SPAN, min(written))  # "before", "prior to": not the year


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding `text[start:end]` begins and ends (`_SENTENCE_END`)."""
    begins = max((stop.end() for stop in _SENTENCE_END.finditer(text, 0, start)), default=0)
    ends = _SENTENCE_END.search(text, end)
    return begins, ends.start() if ends is not None else len(text)


def years_text(years: Iterable[int]) -> str:
    """Years as a note prints them: in order, a run of three or more as its ends ("2015,
    2017-2021"), one without an end by its first ("2019 on", read from "2019 and later")."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(_run_text(run) for run in runs)


def _run_text(run: list[int]) -> str:
    if run[-1] == LAST_MODEL_YEAR:
        return f"{run[0]} on"
    return f"{run[0]}-{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run))


def _later_years(text: str, start: int) -> list[int]:
    """The model years of the later names of the run opening at `start` (`year_runs`)."""
    return [year for years, _ in year_runs(text, start)[1:] for year in years]


@lru_cache(maxsize=16_384)
def year_runs(text: str, start: int = 0) -> tuple[tuple[tuple[int, ...], str], ...]:
    """The names of a run that opens at `start` with a model year, each with its years: "2008 Tarvo
    Q22 and Q32 bicycles, and 2010 Q32 and R14 bicycles" gives ((2008,), "2008 Tarvo Q22 and Q32
    bicycles") and ((2010,), "2010 Q32 and R14 bicycles"). A later name counts where it shares a
    word with the first and its years are within ten of the first's; the run ends with its
    sentence, or where a date of sale, a model or serial number or an exclusion begins
    (`_RUN_END`). One name alone where none follows."""
    end = _RUN_END.search(text, start)
    stop = end.start() if end else len(text)
    first = _OPENING_RUN.match(text, start, stop)
    if first is None:
        return ()
    opening = tuple(_years_of(first.group("years")))
    named = [opening]
    cuts = []
    opening_words: set[str] | None = None
    for found in _LATER_YEAR.finditer(text, first.end(), stop):
        years = tuple(_years_of(found.group("years")))
        if not years or any(abs(year - opening[0]) > _RUN_SPAN for year in years):
            continue
        if opening_words is None:
            opening_words = _run_words(text[start : found.start()])
        following = _LATER_YEAR.search(text, found.end(), stop)
        if opening_words.isdisjoint(_run_words(text[found.end() : following.start() if following else stop])):
            continue
        named.append(years)
        cuts.append(found.start("years"))
    bounds = [start, *cuts, stop]
    names = (_RUN_JOIN.sub("", text[bounds[i] : bounds[i + 1]].strip(" ,")) for i in range(len(named)))
    return tuple(zip(named, names, strict=True))


@lru_cache(maxsize=16_384)
def years_by_name(text: str) -> tuple[tuple[tuple[int, ...], str], ...]:
    """The names of a notice's text that each open with their own model years, where it names
    more than one so ("2017 Tarvo QX, Kolt and Vexo snowmobiles and 2018 Tarvo QX and Vexo
    snowmobiles": `year_runs`): a product named in one of them only is covered in its years only.
    Empty for a text that gives its names one run of years, or none."""
    if opening := _OPENING_YEARS.match(text):
        runs = year_runs(text, opening.start("years"))
        if len(runs) > 1:
            return runs
    low = lower_for_words(text)
    if low is not None and not may_name_model_years(low):
        return ()
    for found in _MODEL_YEARS.finditer(text):
        group = "a" if found.group("a") else "d" if found.group("d") else None
        if group is not None and len(runs := year_runs(text, found.start(group))) > 1:
            return runs
    return ()


_OPENING_RUN = re.compile(rf"\s*(?:(?:all|the)\s+)*(?P<years>{_YEAR_LIST})\s+(?=[A-Z])")
_RUN_SPAN = 10  # years: a later name's year further from the first's is no model year of the run
# What joins a run's name to the next one's years: "… X4 and model year 2021 …", "… X4, and 2021 …".
_RUN_JOIN = re.compile(r"(?:[\s,]+(?:and|or))?(?:\s+model[- ]years?)?[\s,]*$", re.I)


def _run_words(text: str) -> set[str]:
    """The words of a name (`text.name_tokens`), but years and single letters."""
    return {w for w in name_tokens(text) if len(w) >= 2 and not is_a_year(w)}


def is_a_year(word: str) -> bool:
    """Whether a word is a year a notice may name as a model year (1980-2049), and nothing else."""
    return _YEAR_ONLY.match(word) is not None


_YEAR_ONLY = re.compile(rf"^{_YEAR}$")


def _years_of(span: str, bare: bool = False) -> list[int]:
    """The years a span names: "2019 and 2020", "2019-21", "2015, 2017 through 2019" (a range names
    every year in it, wherever it stands in the list). `bare`: after "MY", where two digits are a
    year ("MY26", "MY21-24")."""
    values: list[int] = []
    last_end = 0
    for found in (_BARE_YEARS if bare else _YEARS_IN).finditer(span):
        year = int(found.group()) if len(found.group()) == 4 else 2000 + int(found.group())
        if values and _RANGE_JOIN.fullmatch(span, last_end, found.start()):
            values.extend(range(min(values[-1], year) + 1, max(values[-1], year)))
        values.append(year)
        last_end = found.end()
    return [v for v in values if 1980 <= v <= LAST_MODEL_YEAR]


_RANGE_JOIN = re.compile(r"\s*(?:to|through|thru|-|–)\s*(?:MY\s?|['’])?", re.I)


# The words that make a year before them a seller's date ("2024 New …", "2025 Upgraded …"), not the
# product's.
_SELLERS_DATE_WORDS = r"new|newest|latest|upgraded?|updated|hot|best|version"
# "2025 and 2026 Tarvo QX450 models …": a product's name that opens with years, before the
# capitalised name, opens with its model years (a date of sale is not how a name begins).
_OPENING_YEARS = re.compile(
    rf"^\s*(?P<years>{_YEAR}(?:\s*(?:,|and|or|-|–|/)\s*{_YEAR})*)\s+(?=[A-Z])"
    rf"(?!(?i:{_SELLERS_DATE_WORDS})\b)"
)


# A character of the sentence at hand: a period is its end unless a digit follows it right away
# ("Tarvo 2.0"), or a comma or a lower-case word follows it or the marks closing after it ("Vexo
# Jr. and Vexo", "(10 lbs.),", "\"Quorra Co.\" candles"); "No." before a number is no end either.
_IN_SENTENCE = r"""(?:[^.;]|(?<=\bNo)\.(?=\s?\d)|\.(?-i:(?=\d|[)"”']*(?:,|\s+[a-z]))))"""
# "This recall involves all Ostrand Calder NEO bicycles", "The recalled bicycles are Pellar V4
# cargo bikes": the sentence that says what the recall covers, and whether it covers all of it.
# Said of the recall, it is also "is for", "applies to" or "affects", and a regulator's file
# writes it with slips ("This expanded recall involved", "This recalls involves").
_INVOLVES = re.compile(
    r"\b(?:this|the)\s+(?:"
    r"(?:expanded\s+)?recalls?(?:\s+expansion)?(?:\s+only)?\s+"
    r"(?:involve[sd]?|include[sd]?|covers|affects|applies\s+to|is\s+for|are|is)"
    r"|recalled [a-z -]{1,40}?\s+(?:involves|includes|covers|are|is)"
    r")\s+"
    rf"(?:the\s+)?(?P<all>all\s+(?:models\s+of\s+)?)?(?P<subject>{_IN_SENTENCE}{{3,300}})",
    re.I,
)
# The same said subject first: "Only 2001 Tarvo QX and Tarvo QX Special forks are included in this
# recall", "Tarvo QX 6 and QX 8 brakes are being recalled". The subject names products (it opens
# with a capital or a digit), not a quantifier's ("All sizes", "No other Tarvo models") nor a
# clause's ("…, which is part of the recall").
_INVOLVED_FIRST = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?:only\s+)?+(?:the\s+)?+(?!(?:all|no|none|other|following|these|those)\b)"
    rf"(?P<subject>(?-i:[A-Z0-9]){_IN_SENTENCE}{{2,300}}?)(?<!\bwhich)(?<!\bthat)\s+(?:are|is)\s+"
    r"(?:being\s+recalled|(?:included\s+in|part\s+of)\s+(?:this|the)\s+recall)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Involved:
    """What a notice's description says the recall involves."""

    subject: str  # "model year 2014 Tarvo Ferrel bicycles and 2015 Tarvo Ferrel 6 bicycles"
    all_models: bool  # "involves all …", "all models of …": every model of the line it names


@lru_cache(maxsize=16_384)
def involved(description: str) -> Involved | None:
    """The subject of the description's sentence saying what the recall involves ("This recall
    (only) involves …", "The recalled bicycles are …"), or, when it has none, of one saying it
    subject first ("… are being recalled", "… are included in this recall"; never of every model:
    "All …" there may be sizes or colours), if it has one. Cached: scoring asks it of every
    candidate's descriptions."""
    found = _INVOLVES.search(description)
    if found is not None:
        return Involved(found.group("subject"), bool(found.group("all")))
    found = _INVOLVED_FIRST.search(description) if "recall" in description.lower() else None
    return None if found is None else Involved(found.group("subject"), all_models=False)


# A sentence saying what the recall does not cover: "This recall does not include any 2002 model
# product, which include the Tarvo II, Vexo II and Quessa", "The Tarvo 220V treadmills are not
# involved in this recall".
_NOT_COVERED = re.compile(
    r"\b(?:does|do)\s+not\s+include\b"
    r"|\b(?:are|is)\s+not\s+(?:included|involved|affected|being\s+recalled|part\s+of)\b",
    re.I,
)
# The names it gives: an enumeration after "which include", "such as", "including" or a colon, or
# the sentence's subject, before "are not …".
_NOT_COVERED_LIST = re.compile(
    rf"(?:\bwhich\s+includes?|\bsuch\s+as|\bincluding|:)\s+(?:the\s+)?(?P<list>{_IN_SENTENCE}+)", re.I
)
_NOT_COVERED_SUBJECT = re.compile(
    r"^(?:please\s+)?(?:note\s+that\s+)?(?:the\s+)?(?P<subject>.+?)\s+(?:are|is)\s+not\s+", re.I
)
# A full stop after a lower-case letter, a digit or a bracket, or after a code's digit and capital,
# two capitals or a size's letter after "size" ("… model DS-100D. The …", "… sizes S to XL. The
# …", "… strollers, size S. Size M is not …"), not after an initial or an abbreviation of capitals
# with points ("U.S.", "J. Smith", "sold at S. Halden outlets").
_SENTENCE_END = re.compile(
    r"(?:(?<=[a-z0-9)])|(?<=\d[A-Z])|(?<=[A-Z]{2})|(?<=\bsize\s[SML])|(?<=\bsizes\s[SML]))\.\s+(?=[A-Z])"
)
_MODEL_WORD = re.compile(r"\bmodels?\b", re.I)


# A sentence's end as `_SENTENCE_END` reads it, or before a sentence opening with a number ("…
# bicycles. 2009 and 2010 bicycles are not included."), or a semicolon between clauses.
_SENTENCE_OR_YEARS = re.compile(_SENTENCE_END.pattern.removesuffix("(?=[A-Z])") + r"(?=[A-Z0-9])|;\s+")
# What says what the recall does cover: "involves", "the recall includes", "… are recalled",
# "… are included" (not "are not included").
_SAYS_WHAT_IT_INVOLVES = re.compile(
    r"\binvolves\b|\brecall\s+(?:includes|covers)\b|\b(?:is|are)\s+(?:being\s+)?(?:included|recalled)\b",
    re.I,
)


def without_denials(text: str) -> str:
    """`text` without its sentences saying what the recall does not cover (`_NOT_COVERED`); the
    text itself where it has none."""
    if " not " not in text:
        return text
    sentences = _SENTENCE_OR_YEARS.split(text)
    # A sentence that also says what the recall involves is kept whole: split wrong, it may hold
    # the recalled product's own names, models and years.
    kept = [s for s in sentences if _NOT_COVERED.search(s) is None or _SAYS_WHAT_IT_INVOLVES.search(s)]
    if len(kept) == len(sentences):
        return text
    # The split took the full stops between sentences: each kept one ends in its own again.
    return " ".join(sentence if sentence.endswith(".") else f"{sentence}." for sentence in kept)


def not_covered(description: str) -> tuple[str, ...]:
    """The products a description says the recall does not cover, named as a notice names a
    product: with a capital or a digit, of two words or more and at most five (a lone word, "the
    Quessa", names a whole range as often; a longer run describes rather than names)."""
    if " not " not in description:
        return ()
    names: list[str] = []
    for sentence in _SENTENCE_END.split(description):
        denial = _NOT_COVERED.search(sentence)
        if denial is None:
            continue
        listed = _NOT_COVERED_LIST.search(sentence, denial.end())
        if listed is not None:
            items = _ITEM_SPLIT.split(listed.group("list"))
        elif denial.group(0).lower().endswith("include"):
            # "This recall does not include the Tarvo Glide 2 scooters sold at …": its object.
            items = [products_named(sentence[denial.end() :].strip(" ."))]
        elif (subject := _NOT_COVERED_SUBJECT.match(sentence)) is not None:
            if _QUALIFIED.search(subject.group("subject")):
                continue  # "<Line> lamps sold in Canada are not included": some units, no product
            # "The Tarvo Expert, Tarvo Elite and Tarvo Base are not included": each is a product.
            items = [products_named(item) for item in _ITEM_SPLIT.split(subject.group("subject"))]
        else:
            continue
        for item in items:
            # "The 220V model treadmills": "model" is no word of the name a listing writes.
            name = _MODEL_WORD.sub(" ", _OPENING_ARTICLE.sub("", item)).strip(" ,\"'“”")
            name = " ".join(name.split())
            if 2 <= len(name.split()) <= 5 and any(c.isupper() or c.isdigit() for c in name):
                names.append(name)
    return tuple(dict.fromkeys(names))


# "sold under the brand names Tarvo and Vexo", "sold under two different brands: Tarvo Comfort
# and Vexo", "sold under the Tarvo Home brand name", 'the brand name "Tarvo" is printed on …': a
# description names the brands the product is sold under, where the firm field names its maker or
# importer.
_SOLD_UNDER_BRANDS = re.compile(
    r"\bsold under (?:the |two |three |several |various |different |following )*brand(?: name)?s?"
    r"(?: names)?(?: such as| including)?:?\s+(?P<names>.+)",
    re.I,
)
_SOLD_UNDER_NAMED = re.compile(
    r"\bsold under (?:the )?(?P<names>(?!brand\b)[^.;:]+?) brand(?: names?)?s?\b", re.I
)
_QUOTED_BRANDS = re.compile(
    r'\bbrand names? (?P<names>["“][^"“”]+["”](?:,? *(?:and |or )?["“][^"“”]+["”])*)'
    r'|(?P<name>["“][^"“”]+["”]) brand name',
    re.I,
)
_A_NAMES_WORD = re.compile(r"^(?:[A-Z0-9][\w'&.!+-]*|&)$")
_AN_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # "I.C.E.": its periods end no sentence
_MARKS = re.compile(r"[\"“”®™]")  # quotes and trade marks around and in a name, not of it
_ARTICLES = frozenset({"the", "a", "an"})  # "Sold Under The Tarvo Brand" in title case


def sold_under_brands(description: str) -> tuple[str, ...]:
    """The brands a description says the product is sold under, not in a sentence saying what the
    recall does not cover ("lamps sold under the Vexo brand are not included")."""
    if "brand" not in description.lower():
        return ()
    found: list[str] = []
    for sentence in _SENTENCE_END.split(description):
        if "brand" not in sentence.lower() or _NOT_COVERED.search(sentence):
            continue
        for pattern in (_SOLD_UNDER_BRANDS, _SOLD_UNDER_NAMED):
            for match in pattern.finditer(sentence):
                found.extend(_brand_names(match.group("names")))
        for match in _QUOTED_BRANDS.finditer(sentence):
            found.extend(_brand_names(match.group("names") or match.group("name")))
    return tuple(dict.fromkeys(found))


def _brand_names(names: str) -> Iterator[str]:
    """The brands of an enumeration of them: the words written as a name that open each item, up
    to the first item that is no name or goes on past it ("Tarvo" of "Tarvo in blue, green and
    pink", none of "other brand names"), or a period that ends the sentence ('"Kellor." The …').
    A name has three letters at least: a lone number or letter is a count or an initial."""
    for item in _ITEM_SPLIT.split(_MARKS.sub("", names)):
        words = item.split()
        name: list[str] = []
        for word in words:
            if _A_NAMES_WORD.match(word) is None:
                break
            ends = word.endswith(".") and _AN_INITIALISM.match(word) is None
            name.append(word.rstrip(".") if ends else word)
            if ends:
                break
        # A name the text was cut off in ("sold under brand names Tar…") is no name.
        if (
            not 0 < len(name) <= 3
            or cut_short(item)
            or sum(c.isalpha() for c in "".join(name)) < 3
            or " ".join(name).lower() in _ARTICLES
        ):
            return
        yield " ".join(name)
        if len(name) < len(words):
            return


# A year a listing states as the product's: four digits at the start of the title, after "model
# year"/"MY" or ending the title (bare or in brackets), not a size or a date of something else.
# "2024 New …", "2025 Upgraded …", "2024 & New …" is a seller's date, not the product's year.
# So is "2023 Clearance …", "2019 Sale", "Christmas 2018 gift": when it is sold or given, not what
# it is (not "2016 Holiday Edition", "2015 Christmas <Line>": a line's edition of that year).
_NOT_A_SELLERS_DATE = (
    rf"(?!\s*(?:&|and|,|-|/|\.)?\s*(?:{_SELLERS_DATE_WORDS}|clearance|sale|deals?|promo|gift)\b)"
)
# The words before a year that say where a product fits or when, not its model year ("Fits 2019 …",
# "Cover for 2022 …", "since 2019"): at the title's start, and right before the year.
_WHERE_OR_WHEN = ("for", "fits", "since", "from", "in", "of", "to", "until", "before", "after")
# And those that say when the seller came by it or had it seen to ("purchased 2019", "Receipt
# 2020", "a gift 2018", "tuned up 2021", "bought new 2018", "Pickup Only 2019"): a year a seller
# writes of the unit's history, which says nothing of which model year it is. Not "up" nor "only"
# alone ("<Line> Pop Up 2012", "Limited Run Only 2013"), nor a holiday (an edition's: "<Line>
# Christmas 2014").
_THE_UNITS_HISTORY = (
    "purchased", "bought", "receipt", "pickup only", "pick up only", "gift", "birthday", "serviced",
    "tuned", "tuned up", "owned", "sold", "registered", "inspected", "refurbished", "rebuilt",
    "restored", "warranty", "bought new", "purchased new",
)  # fmt: skip
_NOT_AFTER_WHERE_OR_WHEN = "".join(rf"(?<!\b{word} )" for word in (*_WHERE_OR_WHEN, *_THE_UNITS_HISTORY))
_LISTING_YEAR = re.compile(
    # "2019 Tarvo …", "2017-2018 Tarvo …": a year or a range of them opening the title.
    # (two digits after it only joined to it: "2014 - 16 inch …" is a wheel's size).
    rf"^\s*(?P<a>{_YEAR})(?:\s*[-–/]\s*(?P<a2>{_YEAR})|[-–/](?P<a3>\d\d))?\b{_NOT_A_SELLERS_DATE}"
    rf"|\b(?:model[- ]year|MY)\s?(?P<b>{_YEAR})\b"
    # "Ostrand Metro 2023", "… Hybrid Bike 2014": a year that ends the title, after the name (not
    # a date: "for 2024", "since 2019", "purchased 2019").
    rf"|(?<=[a-z0-9)] ){_NOT_AFTER_WHERE_OR_WHEN}(?P<c>{_YEAR})\s*$"
    # "Tarvo City (2022)": a year in brackets that ends the title.
    rf"|(?<=[a-z0-9] )\((?P<d>{_YEAR})\)\s*$"
    # "Tarvo Glissa 14 Bindings 2020 – 2021": the model years of a season, ending the title.
    rf"|(?<=[a-z0-9] )(?<!\bfor )(?<!\bfits )(?P<e>{_YEAR})\s*[-–/]\s*(?P<f>{_YEAR}|\d\d)\s*$"
    # "Tarvo 2021 Ranger XP", "Tarvo Kolt 2022 Step-Through": a year after the title's first words
    # (the brand, the line, "Vintage", "OEM") and before a word, as vehicles, bicycles and their
    # parts are written; not a rating ("Tarvo 2000 Watt …") nor after a word that says where it
    # fits or when ("Fits 2019 …", "Cover for 2022 …").
    rf"|^\s*(?!(?:{'|'.join(_WHERE_OR_WHEN)})\b)(?:[^\W\d][\w'’.-]*\s+){{1,4}}"
    rf"{_NOT_AFTER_WHERE_OR_WHEN}(?P<g>{_YEAR}){_NOT_A_SELLERS_DATE}"
    r"(?=\s+[^\W\d])(?!\s+(?:w|watts?|kw|mah|wh|v|volts?|lumens?|lm|psi|btu|rpm|cc|mm|cm|ml|l|lbs?|kg|oz|gal|"
    r"pcs|pieces?|series|pack|count|ct)\b)",
    re.I,
)


def listing_years(title: str) -> tuple[int, ...]:
    """The model years a listing's title states (usually none)."""
    found = _LISTING_YEAR.search(fold(title))  # entities, look-alikes, zero-width spaces read
    if not found:
        return ()
    ranged = "e" if found.group("e") else "a" if found.group("a2") or found.group("a3") else None
    if ranged is not None:
        first, last = int(found.group(ranged)), found.group("f") or found.group("a2") or found.group("a3")
        end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        return tuple(range(first, end + 1)) if 0 < end - first <= 3 else ()
    year = found.group("a") or found.group("b") or found.group("c") or found.group("d") or found.group("g")
    return (int(year),)


# Where the subject of "involves …" stops naming the products: "with the latch", "sold at", "(",
# "equipped with", "purchased since", "used for hunting" (those last in lower case: a name may
# hold them capitalised).
_A_CLAUSE = (
    r"(?<!-)\b(?:with|that|which|sold|made|manufactured|distributed|in|from|featuring|"
    r"(?-i:purchased|bought|equipped|used|designed|intended))\b(?!-)"
)
_NAMES_END = re.compile(rf"{_A_CLAUSE}|\(", re.I)
# A subject whose name a clause qualifies ("<Line> swings with a 5-point harness", "<Line> lamps
# sold in Canada"): the units it rules out are some of the product's, not a product of their own.
_QUALIFIED = re.compile(_A_CLAUSE, re.I)
# What opens a name before the product's own words: its model years ("model year 2026", "2016
# and 2017", "2009 Model", "20 different Model Year 2021", "2003 through 2016 models of") or its
# generation ("2nd Generation": the scope keeps both), and "-branded" after a brand ("Acme-branded").
_NAME_YEARS = re.compile(
    rf"^(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:different\s+)?(?=model|MY))?"
    rf"(?:(?:model[- ]years?|MY)\s*)?{_YEAR}(?:\s*(?:,|and|or|to|through|-|–)\s*{_SOME}{_YEAR})*\s+"
    r"(?:models?(?:[- ]years?)?\s+(?:of\s+)?)?"
    rf"|^(?:the\s+)?(?:{_GENERATION})\s+(?:of\s+(?:the\s+)?)?",
    re.I,
)
_BRANDED = re.compile(r"-branded\b", re.I)
# "four models of 2016 Tarvo Corvane bicycles", "two styles of Vexo sweaters", "all sizes of Tarvo
# bikes", "certain serial numbers of Tarvo scooters", "the following Tarvo bindings": how many of
# the products the notice covers, or which, before their name (in lower case, as the subject of
# "involves" writes them: "Colors of the Wind" is a name); and what style they are, before the
# name that follows ("beach cruiser style Tarvo Moon Six bicycles", "tent-style Vexo cribs").
_HOW_MANY = re.compile(
    r"^(?:(?:(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|certain)\s+)?"
    r"(?:models?|styles?|versions?|types?|sizes?|colou?rs?|serial\s+numbers|units)"
    r"\s+of\s+(?:the\s+)?|following\s+|certain\s+|select\s+"
    r"|(?:[a-z][a-z'-]*\s+){0,3}[a-z]*-?style\s+(?=[A-Z]))+"
)
# "Tarvo CLASSIC 2018 - 2021 model bikes", "Tarvo City 2024 model year scooters": the model years
# written inside a name, after a word of it, are the scope's ("five 2015 and one 2016 model-year
# golf cars" is no name). One number before "model" alone may be the model's ("Tarvo 2000 model
# kettles"): it stays.
_YEARS_IN_NAME = re.compile(
    rf"(?P<word>\b[A-Z][\w'’.&-]*)\s+(?:{_YEAR}(?:\s*(?:,|and|or|to|through|-|–)\s*{_YEAR})+\s+"
    rf"model(?:[- ]years?)?|{_YEAR}\s+model[- ]years?)\b"
)


def products_named(subject: str) -> str:
    """The part of what a description says the recall involves that names products: up to its
    first clause ("with the latch", "sold at") or parenthesis. A capitalised word or two in
    parentheses that the name goes on after is the name's, read without its marks ("Tarvo (Senior)
    Catcher's Helmets", "zero radius turn ("ZRT") riding mowers"). One in lower case describes, as
    the words around it do ("electric and non-electric (traditional) Tarvo cargo bicycles": the
    kinds, no line); it, a longer aside, or one holding a number or a clause ("(model QX1)", "(sold
    separately)") ends the name. A trademark written in letters ("Tarvo(R) Kolt helmets") is the
    sign, no word of the name."""
    start = 0
    while (end := _NAMES_END.search(subject, start)) is not None:
        aside = _ASIDE_IN_A_NAME.match(subject, end.start()) if end.group() == "(" else None
        if aside is None or _NAMES_END.search(aside.group("words")) or not _name_goes_on(subject, aside):
            return subject[: end.start()]
        words = aside.group("words")
        head = subject[: end.start()].rstrip()
        if words.upper() in _SIGNS_IN_LETTERS:
            subject, start = f"{head} {subject[aside.end() :]}", len(head)
        else:
            subject, start = f"{head} {words} {subject[aside.end() :]}", len(head) + 1 + len(words)
    return subject


def _name_goes_on(subject: str, aside: re.Match[str]) -> bool:
    """Whether the words after an aside, up to the next clause, finish the name before it: a few
    words of letters ("Catcher's Helmets"), not an enumeration's next item nor a sentence ("skis
    and were sold"), and the whole no longer than a name ("model year 2021 Drive 2 Personal
    Transportation Vehicles (PTVs) Gas/Electric golf car vehicles" is a name and a description)."""
    end = _NAMES_END.search(subject, aside.end())
    after = subject[aside.end() : end.start() if end else len(subject)].split()
    before = _ITEM_SPLIT.split(subject[: aside.start()])[-1].split()
    return (
        0 < len(after) <= _MOST_WORDS_AFTER_AN_ASIDE
        and _NAME_STOPS_AFTER.search(" ".join(after)) is None
        and len(before) + len(aside.group("words").split()) + len(after) <= _MOST_WORDS_IN_A_NAME
    )


_MOST_WORDS_AFTER_AN_ASIDE = 4
# A capitalised word or two in parentheses, a name's words after it: "(Senior) Catcher's Helmets".
_ASIDE_IN_A_NAME = re.compile(
    r"""\(\s*["'“]?(?P<words>[A-Z][A-Za-z/-]*(?: [A-Za-z][A-Za-z/-]*)?)["'”]?\s*\)\s+(?=["'“]?\w)"""
)
# What after such an aside says it is no name's: an enumeration's "and", "or", a number.
_NAME_STOPS_AFTER = re.compile(r"\b(?:and|or)\b|\d", re.I)
# The trademark signs (`lexicon.TRADEMARK_SIGNS`) as plain text writes them in parentheses.
_SIGNS_IN_LETTERS = frozenset({"R", "TM", "SM", "C"})


# Where the items of an enumeration part: a comma (not a thousands separator), a colon opening a
# list ("Tarvo helmets: Ember, Fenn") or a semicolon ("Vexo 800 SE; Vexo 600 HO"). "4.0 & 5.0" is
# one item.
ITEM_BREAK = re.compile(r",(?!(?<=\d,)\d{3}(?!\d))|[:;]")


def involved_names(description: str) -> tuple[str, ...]:
    """The products the description says the recall involves, named as a seller would name them:
    "Acme Zentro 2" and "Zentro 3 helmets" of "involves all 2016 Acme-branded Zentro 2, Zentro 3
    helmets with the buckle". Their model years are the scope's, not the names'."""
    scope = involved(description)
    if scope is None:
        return ()
    subject = _NAME_YEARS.sub("", _HOW_MANY.sub("", products_named(scope.subject).strip()))
    subject = _YEARS_IN_NAME.sub(r"\g<word>", subject)
    named_models = _NAMES_THEN_MODELS.match(subject)
    if named_models is not None:
        listed = _ITEM_SPLIT.split(named_models.group("names"))
        return tuple(name for name in listed if 0 < len(name.split()) <= _MOST_WORDS_IN_A_NAME)
    items = ITEM_BREAK.split(subject)
    if len(items) > 2:
        # "…, models Quindle, Vexo, Tessel and Vantor": a list's last item holds its last two names.
        items[-1:] = _ITEM_SPLIT.split(items[-1])
    # "Tarvo QX4 Twist Gate and Tarvo QX6 Wire Gate carabiners": too long for one name, the names
    # the "and" joins are each one, when each is written as a name is ("gas and electric-powered
    # golf cars of model year 2016" is one product described).
    items = [part for item in items for part in _names_joined(item)]
    names = (_MODELS_WORD.sub("", _BRANDED.sub("", _LEADING_AND.sub("", item)).strip()) for item in items)
    # A name the text was cut off in ("Vexo PQ3…") is no name, nor a size that describes the name
    # before it ("Model 552, 52.5 LB Adjustable Dumbbells").
    return tuple(
        name
        for name in names
        if 0 < len(name.split()) <= _MOST_WORDS_IN_A_NAME
        and not cut_short(name)
        and not _opens_with_a_size(name)
    )


def _opens_with_a_size(name: str) -> bool:
    """Whether a name opens with a quantity and its unit written apart ("52.5 LB …", "12 oz."): a
    size, not a year ("2010 Vexo Comp"), a count of a feature ("3 Speed Kolt") nor a name's own
    sized word ("42-volt Tarvo Quindle")."""
    words = fold(name).split()
    return (
        len(words) >= 2
        and _QUANTITY.match(words[0]) is not None
        and _YEAR_ALONE.match(words[0]) is None
        and words[1].rstrip(".") in _UNITS_WRITTEN_APART
    )


_QUANTITY = re.compile(r"^\d+(?:\.\d+)?$")
_YEAR_ALONE = re.compile(rf"^{_YEAR}$")
# The units a size writes after its number as a word: not a lone letter, nor "in" (a word of prose).
_UNITS_WRITTEN_APART = frozenset(unit for unit in UNITS if len(unit) > 1 and unit != "in")


_MOST_WORDS_IN_A_NAME = 8  # words in a name, at most: a longer run is a list or a sentence


_LEADING_AND = re.compile(r"^\s*(?:and|or)\s+")


def _names_joined(item: str) -> list[str]:
    """The names an item too long to be one joins with "and"/"or", if each is a name: two words or
    more, opening with a capital or a digit (after "the" or a quote); else the item. One word is
    a brand's part ("Harlow and Sons …") or a type's ("… Carabiners and Straps")."""
    if len(item.split()) <= _MOST_WORDS_IN_A_NAME:
        return [item]
    parts = [_OPENING_ARTICLE.sub("", part).strip(" \"'“”") for part in _ITEM_SPLIT.split(item)]
    named = all(len(part.split()) >= 2 and (part[:1].isupper() or part[:1].isdigit()) for part in parts)
    return parts if named else [item]


_OPENING_ARTICLE = re.compile(r"^\s*(?:the|a|an)\s+", re.I)


# "Tarvo Moment and Vexo models whitewater helmets": names, then "models" and their type (not
# "models years").
_NAMES_THEN_MODELS = re.compile(r"^(?P<names>[A-Z0-9][^,]*?)\s+models(?:\s+(?!years?\b)(?=[a-z])|\s*$)")
# "models Quindle": the word introducing the names of a list, not one of them.
_MODELS_WORD = re.compile(r"^(?:models?|styles?|model names?|versions?)\s+(?=[A-Z0-9])")
