"""Text normalisation: a recall and a re-listing of it meet on the same words however the seller
spelled them."""

from __future__ import annotations

import pytest
from recall_screen.text import WordTokens, deleet, fold, model_key, name_tokens, small_number, undigit


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Crib &amp;amp; Bassinet", "crib & bassinet"),  # double-encoded by a feed
        ("Crib &amp; Bassinet", "crib & bassinet"),
        ("&#39;Baby&#39; &lt;Rocker&gt;", "'baby' <rocker>"),
        ("Harbury™ Pack ’n Go®", "harbury pack 'n go"),
        ("Café Crème Brûlée Torch", "cafe creme brulee torch"),
        ("Straße", "strasse"),
        ("Вluеstаr", "bluestar"),  # Cyrillic В, е, а
        ("Gudοοk", "gudook"),  # Greek omicrons
        ("ΒΕΑR", "bear"),  # Greek capitals
        ("ＢｌｕｅＳｔａｒ", "bluestar"),  # full-width
        ("  Two   spaces\tand\ttabs \n", "two spaces and tabs"),
        ("G u d o o k helmet", "gudook helmet"),  # letters spaced apart
        # A European decimal comma before a unit, and thousands set apart before a rating.
        ("Kettle 1,7 L", "kettle 1.7 l"),
        ("Sleeping bag 2,5 TOG", "sleeping bag 2.5 tog"),
        ("Power bank 10 000 mAh", "power bank 10000 mah"),
        ("Power bank 10.000 mAh", "power bank 10000 mah"),
        ("Heater 2 000 W", "heater 2000 w"),
        # Not a list of sizes, nor a line's number and its rating, nor months.
        ("Bikes 12,16-inch", "bikes 12,16-inch"),
        ("Tarvo 12 300W", "tarvo 12 300w"),
        ("Tarvo Halo 2 400 W Blender", "tarvo halo 2 400 w blender"),
        ("Bodysuit 3,6 m", "bodysuit 3,6 m"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_keeps_model_number_punctuation() -> None:
    assert fold("Model KY-055 (v1.2)") == "model ky-055 (v1.2)"


def test_fold_does_not_join_ordinary_short_words() -> None:
    # Two single letters are a size range, not a spaced-out word.
    assert fold("Size M L XL") == "size m l xl"


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Helmets", ["helmet"]),
        ("Strollers", ["stroller"]),
        ("Babies", ["baby"]),
        ("Boxes", ["box"]),
        ("Benches", ["bench"]),
        ("Glasses", ["glass"]),  # not "glas"
        ("Bus", ["bus"]),  # not "bu"
        ("Stroller's", ["stroller"]),
        # A possessive is the name's, whatever mark a page writes it with ("Vexo 2′s", a prime).
        ("QX2's Vexomat", ["qx2", "vexomat"]),
        ("QX2′s Vexomat", ["qx2", "vexomat"]),
        ("Tess's", ["tess"]),
        ("Bike helmets", ["bicycle", "helmet"]),  # synonym
        ("bicycles", ["bicycle"]),
        ("Pram", ["stroller"]),
        ("Pushchairs", ["stroller"]),
        ("Kids", ["child"]),
        ("Children", ["child"]),
        ("Pyjamas", ["pajama"]),
        ("Kids PJs", ["child", "pajama"]),
        ("Long PJ Set", ["long", "pajama", "set"]),
        # Initials written with their dots are the name a seller writes without them; two letters
        # ("U.S.") are an abbreviation of words more often than a name, and stay apart.
        ("Tarvo Athletic Club (T.A.C.) Pajamas", ["tarvo", "athletic", "club", "tac", "pajama"]),
        ("the K.V.X logo", ["kvx", "logo"]),
        ("T. A. C. Junior Pajamas", ["tac", "junior", "pajama"]),
        ("U.S. Army", ["u", "s", "army"]),
        ("v1.2.3", ["v1", "2", "3"]),
        # British spellings are the American words.
        ("Bicycle Tyres", ["bicycle", "tire"]),
        ("Carbon Fibre", ["carbon", "fiber"]),
        ("Jewellery Box", ["jewelry", "box"]),
        # A product's word ending in "-ie" and its plural are one word ("hoodies" is no "hoody");
        # a name's "-ie" stays apart from a common word in "-y".
        ("Kids Hoodies", ["child", "sweatshirt"]),
        ("Kids Hoodie", ["child", "sweatshirt"]),
        ("Baby Onesies", ["baby", "bodysuit"]),
        ("Knit Beanie", ["knit", "beanie"]),
        ("Knit Beanies", ["knit", "beanie"]),
        ("Walkie Talkies", ["walkie", "talkie"]),
        ("Kids Neckties", ["child", "necktie"]),
        ("Toastie Maker", ["toastie", "maker"]),
        ("Toasty Blanket", ["toasty", "blanket"]),
        # Plurals in "-ves": the singular's word.
        ("Kitchen Knives", ["kitchen", "knife"]),
        ("Wall Shelves", ["wall", "shelf"]),
        ("Knit Scarves", ["knit", "scarf"]),
        ("the helmets for the kids", ["helmet", "child"]),  # stopwords dropped
        ("KY-055", ["ky", "055"]),  # split at inner punctuation, numbers kept
        ("Вluеstаr Gas Ranges", ["bluestar", "gas", "range"]),
    ],
)
def test_name_tokens_stem_and_merge_synonyms(raw: str, tokens: list[str]) -> None:
    assert name_tokens(raw) == tokens


def test_name_tokens_meet_on_both_sides() -> None:
    assert set(name_tokens("Gudook Adult Bike Helmets")) == set(name_tokens("adult bicycle helmet GUDOOK"))
    assert name_tokens("baby strollers") == name_tokens("Infant prams")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("KY-055", "KY055"),
        ("ky-o55", "KY055"),  # letter O typed for zero
        ("Ky.O55", "KY055"),
        ("KY 055", "KY055"),
        ("ky‐055", "KY055"),  # a Unicode hyphen
        ("rcs 304 bv2", "RCS304BV2"),
        ("RCS-304-BV2", "RCS304BV2"),
        ("rcs3o4bv2", "RCS304BV2"),
        ("I-10", "110"),  # I for one
        ("l0l", "101"),  # l for one
        ("LTD-SM23", "1TDSM23"),
    ],
)
def test_model_key_drops_punctuation_and_maps_confusable_letters(raw: str, key: str) -> None:
    assert model_key(raw) == key


def test_model_key_tells_different_models_apart() -> None:
    assert model_key("KY-055") != model_key("KY-056")
    assert model_key("RCS304BV2") != model_key("RCS366BV2")


@pytest.mark.parametrize(
    ("token", "readings"),
    [
        ("h3lmets", ["helmets"]),
        ("b4by", ["baby"]),
        ("pass3nger", ["passenger"]),
        ("vo1t", ["voit", "volt"]),  # 1 reads as i or l
    ],
)
def test_deleet_reads_digits_typed_for_letters(token: str, readings: list[str]) -> None:
    assert deleet(token) == readings


@pytest.mark.parametrize("token", ["4340", "ky055", "12v", "3d", "rcs304bv2", "helmet"])
def test_deleet_leaves_numbers_codes_and_words_alone(token: str) -> None:
    assert deleet(token) == []


@pytest.mark.parametrize(
    ("token", "number"),
    [
        ("o1", "01"),  # "Tessaly O1" for the notice's "Tessaly 01"
        ("2o", "20"),
        ("1oo", "100"),
        # No "o" to read, another letter beside it, or no digit at all: not a number typed so.
        ("01", None),
        ("9i", None),  # a hub's nine speeds, not "91"
        ("5ol0", None),  # a word typed with digits for its letters
        ("o2x", None),
        ("h2o", None),
        ("co2", None),
        ("oo", None),
        ("go", None),
    ],
)
def test_undigit_reads_the_letter_o_typed_for_a_zero(token: str, number: str | None) -> None:
    assert undigit(token) == number


def test_a_builds_word_memo_gives_the_same_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "Zorvik&amp;amp;Pell Glideboards+ XR",
        "Вluеstаr Strollers, KY-055 and 3.5 Helmets",
        "Q u i l l o w  Night-Lights (the Tarvo's)",
        "Zorvik Glideboards",
    ]
    memo = WordTokens()
    assert [name_tokens(t, memo) for t in texts] == [name_tokens(t) for t in texts]
    monkeypatch.setattr(WordTokens, "LIMIT", 3)  # a full memo starts again: the same tokens
    small = WordTokens()
    assert [name_tokens(t, small) for t in texts] == [name_tokens(t) for t in texts]
    assert len(small) <= 3


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Tarvo N°8", "tarvo 8"),  # the numero sign, as French and Italian sellers write it
        ("Tarvo Nº 8", "tarvo 8"),
        ("Tarvo №8", "tarvo 8"),
        ("Tarvo SN°8", "tarvo sn8"),  # not a word ending in "n"
        ("Heats to 20°C", "heats to 20c"),  # a degree sign stays what it was
    ],
)
def test_a_numero_sign_before_a_number_is_no_word(text: str, folded: str) -> None:
    # Folded, "N°8" was the code "n8", which no notice's "Tarvo 8" or "Tarvo8" is.
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("2", 2), ("II", 2), ("ii", 2), ("Two", 2), ("2nd", 2), ("V2", 2), ("v2.0", 2), ("Mk2", 2),
        ("MkII", 2), ("Gen2", 2), ("III", 3), ("3rd", 3), ("VII", 7), ("ten", 10),
        # Not a generation's number: a model's longer number, a letter a name holds, a code.
        ("450", None), ("I", None), ("V", None), ("X", None), ("X2", None), ("Tessaly", None),
    ],
)  # fmt: skip
def test_a_generations_number_however_it_is_written(word: str, number: int | None) -> None:
    assert small_number(word) == number
