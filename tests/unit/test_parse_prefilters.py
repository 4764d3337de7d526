"""The parsers skip a pattern in a text without the word it needs (`scope.read_scope`,
`parsers.common.brands_from_description`). That is only right while every match holds the word:
checked here on every text of the shared and fixture recall files and on texts made to match."""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from recall_screen import artifact, gtin, scope
from recall_screen import text as text_rules
from recall_screen.parsers import common, modelnums
from shared_data import SHARED_RECALL_FILES, SHARED_RECALLS

DATA = Path(__file__).resolve().parents[1] / "data" / "recalls"


def _texts() -> list[str]:
    texts: list[str] = []
    for path in [SHARED_RECALLS / f for f in SHARED_RECALL_FILES] + sorted(DATA.glob("*.json*")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        try:
            items = (
                json.loads(raw)
                if raw.lstrip().startswith("[")
                else [json.loads(x) for x in raw.splitlines() if x.strip()]
            )
        except ValueError:
            continue
        for item in items:
            if not isinstance(item, dict):
                continue
            for value in item.values():
                if isinstance(value, str):
                    texts.append(value)
                elif isinstance(value, list):
                    texts.extend(
                        v.get("Name", "")
                        for v in value
                        if isinstance(v, dict) and isinstance(v.get("Name"), str)
                    )
    return texts


MADE_TO_MATCH = [
    "This recall includes the Alto, Alto+ and Alto Mini. The following models: KX-1, KX-2.",
    "Such as the Breeze and Gale fans; models: A1, A2",
    "The 3C, 8C and 11R models and the 2 and 4 versions, in 10 and 12 sizes",
    "model years 2021 and 2022; 2019-2020 model year; MY2023; This recall involves 2014 Trek bikes",
    "all sizes of Tarvo CLASSIC 2018 - 2021 model bikes",
    "the 2008 through 2010 models Quessa 1.0",
    "This recall involves 2009 Model Vexo bicycles",
    "Tarvo Inc. is recalling about 4,000 Tarvo 1999 Vexo and Vexo Sport model bicycles",
    "serial numbers beginning with T; batch codes 0124AA; lot #12; date codes 2201; manufactured "
    "between May and June; made before 2020; produced in 2019; production dates from 1 May; only "
    "units sold in May; certain products; some models",
    'The "Acme"-branded kettles, Zeta-branded, Omega branded toys, brand name Kappa is printed',
    "the Lumo logo",
    # Outside ASCII: searched when the lower case holds the words, and always with a letter that a
    # case-insensitive pattern reads as another ("ſ" for s, "İ" and "ı" for i).
    "Trottinette électrique: model years 2021 and 2022, serial numbers beginning with T, including Vélo X",
    "Modèles: KX-1 — this recall involves certain products made before 2020",
    "Chaise haute \u017ferial numbers beginning with A; model year 2020",
    "\u0130NCLUD\u0130NG the Zeta; lot #12",
    "Pour enfants \u0131ncluding the Alpha and the Beta; date code 22",
]
TEXTS = _texts() + MADE_TO_MATCH


def test_the_texts_exercise_every_pattern() -> None:
    patterns = [p for _, p, _, _ in scope._PARTIAL] + [
        scope._ENUMERATION,
        scope._CODE_RUN,
        scope._MODEL_YEARS,
        scope._RECALLING,
    ]
    patterns += list(common._DESCRIPTION_BRANDS)
    for pattern in patterns:
        assert any(pattern.search(t) for t in TEXTS), pattern.pattern


def _holds_word(text: str, words: tuple[str, ...], *, case: bool) -> bool:
    seen = text if case else text_rules.lower_for_words(text)
    return seen is not None and any(word in seen for word in words)


@pytest.mark.parametrize(
    ("pattern", "words", "case"),
    [
        (scope._ENUMERATION, scope._ENUMERATION_WORDS, False),
        (scope._CODE_RUN, scope._CODE_RUN_WORDS, True),
        *((pattern, words, False) for _, pattern, words, _ in scope._PARTIAL),
        *(
            (p, (w,), True)
            for p, w in zip(common._DESCRIPTION_BRANDS, common._DESCRIPTION_BRAND_WORDS, strict=True)
        ),
    ],
    ids=lambda v: getattr(v, "pattern", str(v))[:30],
)
def test_every_match_holds_the_word_its_pattern_is_skipped_without(pattern, words, case) -> None:
    for text in TEXTS:
        if case or text_rules.lower_for_words(text) is not None:  # else the text is always searched
            for found in pattern.finditer(text):
                assert _holds_word(text, words, case=case), (pattern.pattern, found.group(0))


def test_every_text_a_model_year_matches_in_passes_the_model_year_gate() -> None:
    for text in TEXTS:
        low = text_rules.lower_for_words(text)
        if low is not None and scope._MODEL_YEARS.search(text):
            assert scope.may_name_model_years(low), text


def test_each_word_a_scope_pattern_needs_holds_one_of_its_gate_words() -> None:
    # A text holding no gate word is not tested for the words: each word must hold one.
    for kind, _, words, gate in scope._PARTIAL:
        assert not gate or all(any(g in word for g in gate) for word in words), kind


def test_the_letters_a_case_insensitive_pattern_reads_as_others_are_the_traps() -> None:
    """Every character outside ASCII that a case-insensitive pattern of one ASCII letter matches
    lower-cases to that letter, or is one of `CASE_TRAPS` (a text holding one is always searched)."""
    letters = {c: re.compile(c, re.IGNORECASE) for c in "abcdefghijklmnopqrstuvwxyz"}
    found = set()
    for point in range(0x80, sys.maxunicode + 1):
        char = chr(point)
        for letter, pattern in letters.items():
            if pattern.fullmatch(char) and char.lower() != letter:
                found.add(char)
    assert found == set(text_rules.CASE_TRAPS)
    assert text_rules.lower_for_words("Caf\u00e9 MODEL") == "caf\u00e9 model"
    assert text_rules.lower_for_words("\u017ferial") is None


def test_a_model_year_after_involves_has_the_year_the_skip_looks_for() -> None:
    lowered = [t for t in TEXTS if text_rules.lower_for_words(t) is not None]
    involves = [f for t in lowered for f in scope._MODEL_YEARS.finditer(t) if f.group("d")]
    assert involves  # the texts exercise the branch
    for found in involves:
        assert scope._INVOLVES_YEAR.search(found.group(0).lower()), found.group(0)


def test_a_code_run_ends_as_the_skip_looks_for() -> None:
    runs = [f.group(0) for t in TEXTS for f in scope._CODE_RUN.finditer(t)]
    assert runs
    assert all(scope._CODE_RUN_END.search(run) for run in runs)


def test_read_scope_is_the_same_with_and_without_the_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [scope.read_scope(t) for t in TEXTS]
    # Without the skip: every word list holds "", which every text holds.
    monkeypatch.setattr(scope, "_ENUMERATION_WORDS", ("",))
    monkeypatch.setattr(scope, "_CODE_RUN_WORDS", ("",))
    monkeypatch.setattr(scope, "_MODEL_YEAR_WORDS", ("",))
    monkeypatch.setattr(scope, "_INVOLVES_YEAR", re.compile(""))
    monkeypatch.setattr(scope, "_CODE_RUN_END", re.compile(""))
    monkeypatch.setattr(scope, "_PARTIAL", tuple((k, p, ("",), "") for k, p, _, _ in scope._PARTIAL))
    assert [scope.read_scope(t) for t in TEXTS] == fast


# -- the other fast paths: each gives what the full pass gives -----------------------------------

SPACED = [
    "B a b y stroller",  # a run that starts the text
    "the S t r o l l e r",  # a run after a word
    "kids s e a t",
    "model x 1 2 3 end",
    "a b",  # two singles: not a run
    "a b c",
    "ab c d e f",
    "Plan B a b c",
    "\u0412 a b y",  # a look-alike letter before the run
]
GTIN_TEXTS = [
    "UPC 012345678905",
    "UPC code 0 12345 67890 5 and 4006381-333931",
    "EAN 4006381.333931",
    "barcode 1234 5670",  # eight digits in two groups of four
    "item 1234567 and 12-34-56",
    "dates 2021-01-06 and 01/06/2022",
    "0123456789012",
]


def test_fold_is_the_same_with_and_without_the_spaced_letters_hint() -> None:
    texts = TEXTS + SPACED
    fast = [text_rules._fold(t) for t in texts]

    def full(value: str) -> str:
        return text_rules._SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), value)

    slow = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_rules, "_joined_spaced_letters", full)
        slow = [text_rules._fold(t) for t in texts]
    assert fast == slow
    assert [text_rules._fold(t) for t in SPACED[:3]] == ["baby stroller", "the stroller", "kids seat"]


def test_char_map_is_translate() -> None:
    table = {**text_rules._CONFUSABLES, "™": " ", "\u200b": ""}
    charmap, translation = text_rules.CharMap(table), str.maketrans(table)
    samples = [*TEXTS, "".join(table) + "abc", "Ŀunar™Lamp\u200b — “Ａ” ‘b’ ßœ`"]
    assert [charmap(t) for t in samples] == [t.translate(translation) for t in samples]


def test_char_map_refuses_a_table_whose_order_would_matter() -> None:
    with pytest.raises(ValueError, match="single characters"):
        text_rules.CharMap({"a": "b", "b": "c"})
    with pytest.raises(ValueError, match="single characters"):
        text_rules.CharMap({"ab": "c"})


def test_find_gtins_is_the_same_with_and_without_the_eight_digits_hint() -> None:
    texts = TEXTS + GTIN_TEXTS
    fast = [gtin.find_gtins(t) for t in texts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gtin, "_EIGHT_DIGITS", re.compile(""))  # every text holds the empty match
        slow = [gtin.find_gtins(t) for t in texts]
    assert fast == slow
    assert sum(map(bool, fast[len(TEXTS) :])) >= 4  # the made-up texts find codes: the test can fail


def test_a_chunk_ending_its_only_mark_is_no_address() -> None:
    """The model scanner hands `_blank_address` only chunks with a ".", "@" or ":" before their
    last character: a chunk whose only one ends it is never blanked."""
    chunks = {c for t in TEXTS for c in t.split()} | {"www.", "x@", "http:", "a.", "Run4.co", "(www.x.com)."}
    for chunk in chunks:
        if not modelnums._ADDRESS_LIKE.fullmatch(chunk):
            whole = re.fullmatch(r"\S+", chunk)
            assert whole is not None
            assert modelnums._blank_address(whole) == chunk, chunk
    assert (
        modelnums._prepare("see www.x.com. or Run4.co, No. 5")
        == "see " + " " * 10 + " or " + " " * 8 + " No. 5"
    )


ADDRESS_TEXTS = [
    "see www.x.com. or Run4.co, No. 5",
    "a\tb www.y.org\nc@d.com x",
    "http://a.b/c?d=1 e.g. 3.5mm U.S. model 4.2:1",
    " lead: ride.lezyne.com/recall.",
    "em\u2003www.z.com end, sold at shop.example.co.uk/p/12 (call 1.800.555.0100)",
    "x.",
    ".y",
    "",
]


def test_the_only_printable_space_is_the_space() -> None:
    """`modelnums._prepare` cuts a printable text's chunks at " " alone: every other character
    that is a space (for `str.isspace` and for the pattern's `\\S`) is unprintable."""
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        assert char.isspace() == bool(re.match(r"\s", char)), hex(point)
        if char.isspace() and char.isprintable():
            assert char == " ", hex(point)


def test_addresses_are_blanked_as_the_pattern_blanks_them() -> None:
    def by_pattern(text: str) -> str:
        return modelnums._ADDRESS_LIKE.sub(modelnums._blank_address, text)

    texts = [*TEXTS, *ADDRESS_TEXTS]
    prepared = [modelnums._prepare(t) for t in texts]
    assert prepared == [by_pattern(modelnums._TEXT_MARKS(html.unescape(html.unescape(t)))) for t in texts]
    assert sum(p != t for p, t in zip(prepared, texts, strict=True)) >= 5  # blanking happens: it can fail


CLEAN_TEXTS = [
    " lead space",
    "trail space ",
    "two  spaces",
    "tab\there",
    "line\nfeed and\r\nbreaks",
    "a <b>tag</b> and <br/>",
    "<i>starts</i> with a tag",
    "entity &amp;amp; twice &lt;b&gt;",
    "no\u00a0break and\u2003em space",
    "control\x07 char",
    "Caf\u00e9 \u2122 mark",
    "plain text",
    "",
]


def test_clean_is_the_same_with_and_without_its_fast_path() -> None:
    def slow(value: str, limit: int = common.MAX_TEXT) -> str:
        text = html.unescape(html.unescape(value)) if "&" in value else value
        if not text.isascii():
            text = common._MARKS(unicodedata.normalize("NFC", text))
            text = common._LONE_SURROGATE.sub("", text)
        text = common._CONTROL.sub(" ", text)
        text = common._TAG.sub(" ", text)
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"

    texts = [*TEXTS, *CLEAN_TEXTS]
    assert [common.clean(t) for t in texts] == [slow(t) for t in texts]
    assert [common.clean(t, 12) for t in texts] == [slow(t, 12) for t in texts]
    assert [common.name_key(t) for t in texts] == [
        common._NOT_NAME_CHAR.sub(
            "", unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().lower()
        )
        for t in texts
    ]


def test_the_artifacts_lines_are_collapsed_as_a_split_and_join_collapses_them() -> None:
    texts = [*TEXTS, *CLEAN_TEXTS, "a | b", "x||y ", "\u2003"]
    assert [artifact.one_line(t) for t in texts] == [" ".join(t.split()) for t in texts]
    assert [artifact._clean(t) for t in texts] == [" ".join(t.replace("|", "/").split()) for t in texts]
    assert sum(artifact.one_line(t) != t for t in texts) >= 5  # texts that need collapsing: it can fail
