"""The index artifact's layout: how an index is stored, and read back without trusting it.

The artifact is gzip of a one-line JSON head (metadata, the GTIN postings, and the name and size
of each section), a newline, then the sections read whole at load, back to back: one line per word
(words) and per model-number key (model_keys), the word and model postings each as two flat
little-endian uint32 arrays (offsets, positions; model_offsets, model_positions), the words'
weights as a float32 array (so loading computes no logarithms), one item per recall for each
recall's region (profile_regions) and name totals (`NAME_SECTIONS`: what bounds its name score
before its profile is read), and for each section read a line at a time (`LAZY_SECTIONS`) two
uint32 arrays: where each of its lines starts (`<section>_starts`, one more than its lines: the
last is the section's size plus one), and where each of its blocks ends (`<section>_blocks`).
After the gzip member come those lazy sections themselves: one line per long repeated text
(strings) and per recall (notices, profiles, names), in blocks of `BLOCK_LINES` lines, each block
compressed on its own (zlib), so a load inflates none of them and a screener inflates a block when
it first reads one of its lines. Text lines are cleaned of newlines when built, so cutting is
exact, and the head carries the counts to check.

Each recall's notice and profile are one compact line each (fields separated by tabs, items by
"|"); long repeated texts (hazards, remedies, source names) are stored once, in `strings`. A
loaded artifact keeps each of `LAZY_SECTIONS` as its compressed blocks with its line starts
(`Lines`) and decodes a line only when that recall becomes a candidate or is reported: a cold
start inflates the postings alone and makes no object per line.

Everything that decides these bytes is in this file: a change to any of it changes the layout
and bumps `ARTIFACT_FORMAT` (screeners refuse other formats and keep the index they have).
"""

from __future__ import annotations

import gzip
import json
import operator
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from itertools import accumulate, islice, repeat
from typing import Any, overload

from recall_screen.models import Recall
from recall_screen.profile import ModelNumber, Notice, Profile
from recall_screen.scope import involved
from recall_screen.storefront import NO_SPECS, Specs

# 12: each recall's distinctive model numbers as a mask of their keys' bits (`model_masks`), so a
# candidate a short model number found is bounded before its profile is read; 11: each recall's
# region (where it applies, read without its profile line) and name totals (`name_totals`: its
# product texts' and brands' smallest total weight, and what its names are) as three arrays, so
# a candidate's name score is bounded before its profile is read; 10: the model-
# number postings are sections like the word postings (keys, offsets, positions), not a JSON
# object in the head (whose parse and checks were a quarter of a cold start at 100,000 recalls),
# and the lazy sections are compressed in blocks after the gzip member (inflating them whole was
# half of a cold start); 9: where each line of the lazy sections starts, stored (a load split
# 300,000 lines at 100,000 recalls: a fifth of a cold start); 8: long texts in a `strings`
# section, and the recall lines read lazily; 7: the head carries the category rules (`rules`); 6:
# profiles carry a storefront notice's reason and specifications.
ARTIFACT_FORMAT = "recall-screen-index/12"
LINE_SECTIONS = ("strings", "notices", "profiles", "names", "words", "model_keys")
LAZY_SECTIONS = ("strings", "notices", "profiles", "names")  # decoded a line at a time
# name -> array typecode: the word postings and weights, the model-number postings
ARRAY_SECTIONS = {
    "offsets": "I",
    "positions": "I",
    "weights": "f",
    "model_offsets": "I",
    "model_positions": "I",
    # each recall's countries (its profile line's `PROFILE_REGION`), and its `name_totals`, in
    # index order
    "profile_regions": "I",
    "text_floors": "f",
    "text_masks": "I",
    "text_seconds": "f",
    "brand_floors": "f",
    "brand_masks": "I",
    "name_flags": "I",
    # the `model_mask` of each recall's profile line, in index order
    "model_masks": "I",
}
# The array sections of `name_totals`, in the order it gives them.
NAME_SECTIONS = ("text_floors", "text_masks", "text_seconds", "brand_floors", "brand_masks", "name_flags")
EAGER_LINE_SECTIONS = tuple(name for name in LINE_SECTIONS if name not in LAZY_SECTIONS)
STARTS = {name: f"{name}_starts" for name in LAZY_SECTIONS}  # each lazy section's line starts
BLOCKS = {name: f"{name}_blocks" for name in LAZY_SECTIONS}  # and where each of its blocks ends
# Lines per compressed block of a lazy section: a candidate's line costs the inflation of its
# block (tens of kilobytes) the first time, and a cold start inflates none.
BLOCK_LINES = 64


class ArtifactError(ValueError):
    """An index artifact that cannot be trusted: unreadable, of another format, or inconsistent."""


class Lines(Sequence[str]):
    """A line section as loaded: its lines in blocks of `per_block`, each block compressed on its
    own, and where each line starts in the section; a block is inflated when one of its lines is
    first read, and a line is cut out of it and decoded when it is read. A hundred thousand lines
    nobody reads cost neither an object nor their inflation."""

    __slots__ = ("_blocks", "_inflated", "_packed", "_per_block", "_starts")

    def __init__(
        self, packed: bytes | memoryview, blocks: array[int], starts: array[int], per_block: int
    ) -> None:
        self._packed = packed  # the compressed blocks, back to back
        self._blocks = blocks  # where each block starts in `packed`, and its end
        self._starts = starts  # len(lines) + 1 entries: line i is section[starts[i]:starts[i + 1] - 1]
        self._per_block = per_block
        self._inflated: list[bytes | None] = [None] * max(len(blocks) - 1, 0)

    @classmethod
    def of(cls, lines: Sequence[str], per_block: int = BLOCK_LINES) -> Lines:
        """Lines of texts without newlines (one_line): each encoded once, compressed by blocks."""
        if isinstance(lines, Lines):
            return lines
        encoded = [line.encode() for line in lines]
        starts = four_byte_array(accumulate((len(e) + 1 for e in encoded), initial=0))
        packed = [
            zlib.compress(b"\n".join(encoded[i : i + per_block]), 6)
            for i in range(0, len(encoded), per_block)
        ]
        blocks = four_byte_array(accumulate(map(len, packed), initial=0))
        return cls(b"".join(packed), blocks, starts, per_block)

    @overload
    def __getitem__(self, position: int) -> str: ...

    @overload
    def __getitem__(self, position: slice) -> list[str]: ...

    def __getitem__(self, position: int | slice) -> str | list[str]:
        if isinstance(position, slice):
            start, stop, step = position.indices(len(self))
            if step != 1 or start >= stop:
                return [self[i] for i in range(start, stop, step)]
            return self._run(start, stop)
        count = len(self._starts) - 1
        if position < 0:
            position += count
        if not 0 <= position < count:
            raise IndexError("line out of range")
        number = position // self._per_block
        block = self._inflated[number]
        if block is None:
            block = self._inflate(number)
        starts = self._starts
        base = starts[number * self._per_block]
        try:
            return block[starts[position] - base : starts[position + 1] - 1 - base].decode()
        except UnicodeDecodeError as exc:
            raise ArtifactError(f"index artifact is malformed: a line is not UTF-8: {exc}") from None

    def _run(self, start: int, stop: int) -> list[str]:
        """Lines `start` to `stop`, each block decoded whole and split at its newlines (a line has
        none: `one_line`), not cut out one at a time: the fuzzy fallback reads every name."""
        out: list[str] = []
        per_block = self._per_block
        for number in range(start // per_block, (stop - 1) // per_block + 1):
            block = self._inflated[number]
            if block is None:
                block = self._inflate(number)
            first = number * per_block
            try:
                lines = block.decode().split("\n")
            except UnicodeDecodeError as exc:
                raise ArtifactError(f"index artifact is malformed: a line is not UTF-8: {exc}") from None
            if len(lines) != min(first + per_block, len(self)) - first:
                lines = [self[i] for i in range(first, first + per_block) if i < len(self)]
            out += lines[max(start - first, 0) : stop - first]
        return out

    def _inflate(self, number: int) -> bytes:
        """Block `number`, inflated and checked against its lines' starts (then kept: threads that
        race here inflate equal blocks)."""
        try:
            block = zlib.decompress(self._packed[self._blocks[number] : self._blocks[number + 1]])
        except zlib.error as exc:
            raise ArtifactError(
                f"index artifact is malformed: a block of lines is unreadable: {exc}"
            ) from None
        first = number * self._per_block
        last = min(first + self._per_block, len(self))
        if len(block) != self._starts[last] - 1 - self._starts[first]:
            raise ArtifactError(
                "index artifact is inconsistent: a block of lines is not as long as its starts say"
            )
        self._inflated[number] = block
        return block

    def __len__(self) -> int:
        return len(self._starts) - 1

    def packed(self) -> bytes:
        return bytes(self._packed)

    def blocks(self) -> array[int]:
        return self._blocks

    def starts(self) -> array[int]:
        return self._starts

    def check(self) -> None:
        """Refuse line starts and block ends that do not cut the section into its lines and blocks
        (each block's length is checked when it is inflated; the last one's, here): ArtifactError."""
        starts, blocks = self._starts, self._blocks
        if (
            not starts
            or starts[0] != 0
            or not all(map(operator.lt, starts, islice(starts, 1, None)))
            or len(blocks) != -(-len(self) // self._per_block) + 1
            or blocks[0] != 0
            or blocks[-1] != len(self._packed)
            or not all(map(operator.lt, blocks, islice(blocks, 1, None)))
        ):
            raise ArtifactError("index artifact is inconsistent: line starts do not cut their section")
        if self._inflated:  # the last block ends where the last line's start says
            self._inflate(len(self._inflated) - 1)


# -- the container ---------------------------------------------------------------------------------


def four_byte_array(values: Iterable[int] | Iterable[float] = (), typecode: str = "I") -> array[Any]:
    """An array of 4-byte items ("I" unsigned ints, "f" floats), as the array sections store them."""
    out: array[Any] = array(typecode, values)
    if out.itemsize != 4:  # pragma: no cover - every platform Lambda and CPython ship on
        raise RuntimeError("this platform's unsigned int is not 32 bits")
    return out


def encode(head: dict[str, Any], lines: dict[str, Sequence[str]], arrays: dict[str, array[Any]]) -> bytes:
    """The artifact: gzip of `head` (its keys in order) and the sections read whole at load (the
    line sections but the lazy ones, the arrays, the lazy sections' line starts and block ends),
    then the lazy sections' compressed blocks."""
    lazy = {name: Lines.of(lines[name]) for name in LAZY_SECTIONS}
    body = [("\n".join(lines[name]).encode(), name, len(lines[name])) for name in EAGER_LINE_SECTIONS]
    body += [(_little_endian(arrays[name]), name, len(arrays[name])) for name in ARRAY_SECTIONS]
    body += [
        (_little_endian(lazy[name].starts()), STARTS[name], len(lazy[name]) + 1) for name in LAZY_SECTIONS
    ]
    body += [
        (_little_endian(lazy[name].blocks()), BLOCKS[name], len(lazy[name].blocks()))
        for name in LAZY_SECTIONS
    ]
    packed = [(lazy[name].packed(), name, len(lazy[name])) for name in LAZY_SECTIONS]
    sections = [[name, len(data), count] for data, name, count in (*body, *packed)]
    head = {**head, "block_lines": BLOCK_LINES, "sections": sections}
    parts = [json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode(), b"\n"]
    parts += [data for data, _, _ in body]
    return gzip.compress(b"".join(parts), compresslevel=6, mtime=0) + b"".join(data for data, _, _ in packed)


def decode(data: bytes) -> dict[str, Any]:
    """The artifact's head with every section in it (line sections as lists of lines, or `Lines`
    for the lazy ones; array sections as arrays), refusing anything that is not a complete
    artifact of our format. What the sections say is checked by the index built from them."""
    try:
        raw, packed = _gunzip(data)
        end = raw.index(b"\n")
        document = json.loads(raw[:end])
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        raise ArtifactError(f"index artifact is unreadable: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != ARTIFACT_FORMAT:
        raise ArtifactError(f"index artifact is not of format {ARTIFACT_FORMAT}")
    try:
        sections = {name: (int(size), int(count)) for name, size, count in document.pop("sections")}
        start = end + 1
        for name in (*EAGER_LINE_SECTIONS, *ARRAY_SECTIONS, *STARTS.values(), *BLOCKS.values()):
            size, count = sections[name]
            chunk = raw[start : start + size]
            start += size
            if len(chunk) != size:
                raise ArtifactError(f"index artifact is truncated: {name} is short")
            if name in EAGER_LINE_SECTIONS:
                document[name] = chunk.decode("utf-8").split("\n") if count else []
            else:
                document[name] = _from_little_endian(chunk, ARRAY_SECTIONS.get(name, "I"))
            if len(document[name]) != count:
                raise ArtifactError(
                    f"index artifact is truncated: {name} has {len(document[name])} of {count}"
                )
        if start != len(raw):
            raise ArtifactError("index artifact has trailing data")
        _cut_lines(document, packed, sections, int(document.pop("block_lines")))
    except ArtifactError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ArtifactError(f"index artifact is malformed: {exc!r}") from exc
    return document


def _cut_lines(
    document: dict[str, Any], packed: memoryview, sections: dict[str, tuple[int, int]], per_block: int
) -> None:
    """Each lazy section's compressed blocks (after the gzip member), with its line starts and
    block ends (taken out of `document`), as `Lines`."""
    if per_block < 1:
        raise ArtifactError("index artifact is malformed: blocks of no line")
    start = 0
    for name in LAZY_SECTIONS:
        size, count = sections[name]
        if start + size > len(packed):
            raise ArtifactError(f"index artifact is truncated: {name} is short")
        lines = Lines(
            packed[start : start + size], document.pop(BLOCKS[name]), document.pop(STARTS[name]), per_block
        )
        document[name] = lines
        start += size
        lines.check()
        if len(lines) != count:
            raise ArtifactError(f"index artifact is truncated: {name} has {len(lines)} of {count}")
    if start != len(packed):
        raise ArtifactError("index artifact has trailing data")


def _gunzip(data: bytes) -> tuple[bytes, memoryview]:
    """The one gzip member `encode` writes first, inflated, its length and CRC checked, in one
    call into zlib (gzip.decompress reads the header in Python, then runs a second pass for the
    CRC); and the bytes after it (the lazy sections' blocks), not copied."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    raw = inflater.decompress(data)
    if not inflater.eof:
        raise ValueError("not one complete gzip member")
    return raw, memoryview(data)[len(data) - len(inflater.unused_data) :]


def _little_endian(values: array[Any]) -> bytes:
    if sys.byteorder == "big":  # pragma: no cover - the artifact is little-endian everywhere
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_little_endian(data: bytes, typecode: str) -> array[Any]:
    if len(data) % 4:
        raise ArtifactError("index artifact is malformed: an array section is not whole numbers")
    values = four_byte_array(typecode=typecode)
    values.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    return values


# -- one recall's lines ------------------------------------------------------------------------------
# Fields are separated by tabs, items by "|"; tokens are [a-z0-9] only, so neither can occur in
# them, and display texts are cleaned of both before they are stored.
_TEXT_FIELDS = {"product_names": "p", "title": "t", "other_texts": "o", "lines": "l"}
_FIELD_NAMES = {code: name for name, code in _TEXT_FIELDS.items()}
_DISPLAY_LIMIT = 200  # evidence quotes the notice's text; a long description is cut


def one_line(text: str) -> str:
    """The text with its runs of whitespace (newlines, tabs) made single spaces: what keeps the
    artifact's one-line-per-recall sections exact."""
    return " ".join(text.split())


def _clean(text: str, limit: int | None = None) -> str:
    text = " ".join(text.replace("|", "/").split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


NOTICE_STRINGS = (0, 4, 5)  # the notice line's fields that number a text of `strings`
PROFILE_REGION = 5  # the profile line's field that numbers its countries in `regions`


def encode_notice(recall: Recall, intern: Callable[[str], int]) -> str:
    """The recall's notice line; `intern` numbers the long texts stored once in `strings`."""
    return "\t".join(
        [
            str(intern(recall.source)),
            one_line(recall.recall_id),
            one_line(recall.title),
            one_line(recall.url),
            str(intern(recall.hazard)),
            str(intern(recall.remedy)),
            one_line(recall.published),
        ]
    )


def decode_notice(raw: str, strings: Sequence[str]) -> Notice:
    source, recall_id, title, url, hazard, remedy, published = raw.split("\t")
    return Notice(
        strings[int(source)], recall_id, title, url, strings[int(hazard)], strings[int(remedy)], published
    )


def encode_profile(p: Profile, region: int) -> str:
    """The profile's line; `region` is the position of its countries in the head's `regions`."""
    texts = "|".join(
        f"{_TEXT_FIELDS[f]}{' '.join(tokens)}={_clean(value, _DISPLAY_LIMIT)}" for f, value, tokens in p.texts
    )
    brands = "|".join(f"{' '.join(tokens)}={_clean(name)}" for name, tokens in p.brands)
    models = "|".join(f"{m.key}:{int(m.distinctive)}:{_clean(m.printed)}" for m in p.models)
    return "\t".join(
        [
            texts,
            brands,
            models,
            " ".join(p.gtins),
            " ".join(p.unchecked_gtins),
            str(region),
            _clean(p.published),
            " ".join(map(str, sorted(p.model_years))),
            "|".join(_clean(q) for q in p.partial_scope),
            _clean(p.storefront),
            _encode_specs(p.specs),
        ]
    )


# `name_totals`' flags: what a recall's names are, beside their totals.
NAME_BARE_TEXT = 1  # a product text with no weighted word (its coverage is 0.5: scoring.text_evidence)
NAME_BRANDED = 2  # the notice names a brand
NAME_STOREFRONT = 4  # its brand is a storefront's name
NAME_ALL_MODELS = 8  # a description may say the recall involves every model of a line
NAME_FLAGS = NAME_BARE_TEXT | NAME_BRANDED | NAME_STOREFRONT | NAME_ALL_MODELS
# A stored total is made this much smaller than the sum it stands for, before float32 rounding
# (relative error 6e-8): what is stored is never above the total the decoded profile sums.
_FLOOR_MARGIN = 1 - 1e-5
_HEAD_WORDS = 24


def word_bit(word: str) -> int:
    """The bit of 32 that stands for `word` in a `name_totals` mask (a checksum's: the same in
    every process, unlike `hash`)."""
    return 1 << (zlib.crc32(word.encode()) & 31)


def name_totals(raw: str, weights: Mapping[str, float]) -> tuple[float, int, float, float, int, int]:
    """What a candidate's name score is bounded by before its profile is decoded
    (`candidates.below_on_totals`), for a profile line (`NAME_SECTIONS`): the smallest non-zero
    total weight of its product texts, the `word_bit`s of that text's words, the next smallest
    total (0.0: none), the smallest non-zero total of its brands (0.0: none), the bits of every
    brand word, and its `NAME_*` flags. The totals are those `decode_profile` sums (a text's words
    but its brands', a brand's words; `weights`: word -> weight, 1.0 for a word the postings
    lack), made a little smaller (`_FLOOR_MARGIN`)."""
    texts, brands, _, *rest = raw.split("\t")
    weight = weights.get
    flags = NAME_STOREFRONT if rest[6] else 0
    brand_floor = 0.0
    brand_words: set[str] = set()
    for item in brands.split("|") if brands else ():
        flags |= NAME_BRANDED
        words = item.partition("=")[0].split()
        brand_words.update(words)
        total = sum(map(weight, words, repeat(1.0)))  # a name's words are stored once each
        if total and (not brand_floor or total < brand_floor):
            brand_floor = total
    # A long text's total is taken as that of its first `_HEAD_WORDS` words, no more than its
    # total (a weight is never negative): the floors stay at most the totals, and a description
    # of hundreds of words is not summed.
    floor = second = 0.0
    mask = 0  # the smallest's words' bits
    for item in texts.split("|") if texts else ():
        tokens, _, value = item[1:].partition("=")
        words = tokens.split(None, _HEAD_WORDS)
        long = len(words) > _HEAD_WORDS
        if long:
            words.pop()
        if brand_words:
            words = [t for t in words if t not in brand_words]
        total = sum(map(weight, words, repeat(1.0)))
        if not total and long:  # its first words are the brand's: read it whole
            words = [t for t in tokens.split() if t not in brand_words]
            total = sum(map(weight, words, repeat(1.0)))
        if not total:
            flags |= NAME_BARE_TEXT
        elif not floor or total < floor:
            floor, second, mask = total, floor, _bits(tokens.split() if long else words, brand_words)
        elif not second or total < second:
            second = total
        # "… involves all …": the word stands between spaces (texts are stored with single spaces).
        if item[0] == "o" and " all " in value.lower() and _involves_all(value):
            flags |= NAME_ALL_MODELS
    return (
        floor * _FLOOR_MARGIN,
        mask,
        second * _FLOOR_MARGIN,
        brand_floor * _FLOOR_MARGIN,
        _bits(brand_words),
        flags,
    )


def model_mask(raw: str) -> int:
    """The `word_bit`s of the keys of a profile line's distinctive model numbers: a model key of a
    listing whose bit is not in it is none of the recall's distinctive model numbers (one whose bit
    is may be another's, sharing its bit)."""
    models = raw.split("\t", 3)[2]
    mask = 0
    for item in models.split("|") if models else ():
        key, flag, _ = item.split(":", 2)
        if flag == "1":
            mask |= word_bit(key)
    return mask


def _bits(words: Iterable[str], but: Set[str] = frozenset()) -> int:
    mask = 0
    for word in words:
        if word not in but:
            mask |= word_bit(word)
    return mask


def _involves_all(description: str) -> bool:
    scope = involved(description)
    return scope is not None and scope.all_models


def _encode_specs(specs: Specs) -> str:
    """ "heads;features;unit=value,…;objects", each list comma-separated."""
    if specs == NO_SPECS:
        return ""
    quantities = ",".join(f"{unit}={value}" for unit, value in sorted(specs.quantities))
    return ";".join([",".join(sorted(specs.heads)), ",".join(sorted(specs.features)), quantities,
                     ",".join(sorted(specs.objects))])  # fmt: skip


def _decode_specs(raw: str) -> Specs:
    if not raw:
        return NO_SPECS
    heads, features, quantities, objects = (part.split(",") if part else [] for part in raw.split(";"))
    return Specs(
        frozenset(heads),
        frozenset(features),
        frozenset((unit, value) for unit, _, value in (q.partition("=") for q in quantities)),
        frozenset(objects),
    )


def decode_profile(raw: str, regions: list[frozenset[str]], weights: dict[str, float]) -> Profile:
    """The profile of a line, with its words weighted (`weights`: word -> weight; a word the
    postings lack weighs 1.0)."""
    texts, brands, models, gtins, unchecked, region, published, years, partial, storefront, specs = raw.split(
        "\t"
    )
    text_items = []
    for item in texts.split("|") if texts else ():
        tokens, _, value = item[1:].partition("=")
        text_items.append((_FIELD_NAMES[item[0]], value, tuple(tokens.split())))
    brand_items = []
    for item in brands.split("|") if brands else ():
        tokens, _, value = item.partition("=")
        brand_items.append((value, tuple(tokens.split())))
    model_items = []
    for item in models.split("|") if models else ():
        key, distinctive, printed = item.split(":", 2)
        model_items.append(ModelNumber(printed, key, distinctive == "1"))
    brand_words = {t for _, words in brand_items for t in words}
    weight = weights.get  # word -> weight, each dict built in C: dict(zip(words, their weights))
    weighted_brands = []
    for name, words in brand_items:
        items = dict(zip(words, map(weight, words, repeat(1.0)), strict=True))
        weighted_brands.append((name, items, sum(items.values())))
    weighted_texts = []
    for field_name, value, words in text_items:
        kept = [t for t in words if t not in brand_words] if brand_words else words
        items = dict(zip(kept, map(weight, kept, repeat(1.0)), strict=True))
        weighted_texts.append((field_name, value, items, sum(items.values())))
    decoded_specs = _decode_specs(specs)
    # The vocabulary Profile would gather from these words itself, gathered from what is at hand.
    vocabulary = {t for _, _, words in text_items for t in words}
    vocabulary.update(brand_words)
    vocabulary.update(decoded_specs.object_words())
    return Profile(
        texts=tuple(text_items),
        brands=tuple(brand_items),
        models=tuple(model_items),
        gtins=tuple(gtins.split()),
        unchecked_gtins=tuple(unchecked.split()),
        countries=regions[int(region)],
        published=published,
        model_years=frozenset(int(y) for y in years.split()),
        partial_scope=tuple(partial.split("|")) if partial else (),
        storefront=storefront,
        specs=decoded_specs,
        vocabulary=frozenset(vocabulary),
        weighted_texts=tuple(weighted_texts),
        weighted_brands=tuple(weighted_brands),
    )
