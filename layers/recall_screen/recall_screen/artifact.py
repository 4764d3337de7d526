"""The index artifact's layout: how an index is stored, and read back without trusting it.

The artifact is three parts back to back:

- gzip of a one-line JSON head (metadata, the GTIN postings, the name, size and count of each
  section, and the CRC-32 of the raw sections) and a newline;
- zero bytes up to a multiple of four, then the raw sections, uncompressed, which a load reads in
  place (memoryviews over the artifact's bytes: no copy, no object per item): the word and model
  postings each as two little-endian uint32 arrays (offsets, positions; model_offsets,
  model_positions), the words' weights as a float32 array (so loading computes no logarithms),
  one item per recall for each recall's region (profile_regions) and name totals
  (`NAME_SECTIONS`: what bounds its name score before its profile is read), the recalls' keys
  sorted beside their positions (recall_keys, recall_key_positions: `recall_hash`), each postings' keys
  as a table (`KEY_SECTIONS`: where each key starts in its text, `<keys>_starts`, and a hash
  table of the keys, `<keys>_slots`: `postings.key_table`), for each section read a line at a
  time (`LAZY_SECTIONS`) where each of its lines starts (`<section>_starts`, one more than its
  lines: the last is the section's size plus one) and where each of its blocks ends
  (`<section>_blocks`), then the keys' texts themselves (words, model_keys: sorted, one a line);
- the lazy sections: one line per long repeated text (strings) and per recall (notices,
  profiles, names), in blocks of `BLOCK_LINES` lines, each block compressed on its own (zlib), so
  a load inflates none of them and a screener inflates a block when it first reads one of its
  lines. Text lines are cleaned of newlines when built, so cutting is exact, and the head carries
  the counts to check.

A load inflates the head alone, checks the raw sections' CRC (one pass in C) and what can be
checked without reading every item (sizes, counts, first and last offsets, the name totals'
ranges byte by byte); what needs every item is checked when it is first read: a posting's
positions, a block's line starts, a key's slot.

Each recall's notice and profile are one compact line each (fields separated by tabs, items by
"|"); long repeated texts (hazards, remedies, source names) are stored once, in `strings`. A
loaded artifact keeps each of `LAZY_SECTIONS` as its compressed blocks with its line starts
(`Lines`) and decodes a line only when that recall becomes a candidate or is reported: a cold
start inflates the postings alone and makes no object per line.

Everything that decides these bytes is in this file: a change to any of it changes the layout
and bumps `ARTIFACT_FORMAT` (screeners refuse other formats and keep the index they have), but
for the lines a block holds, which the head records (`block_lines`) and every reader takes from
it.
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
from sys import intern
from typing import Any, overload

from recall_screen.caches import Recent
from recall_screen.lexicon import KIND_WORDS
from recall_screen.models import Recall
from recall_screen.profile import ModelNumber, Notice, Profile
from recall_screen.scope import involved
from recall_screen.storefront import NO_SPECS, Specs

# 15: a profile line ends with the serial, lot and batch numbers the notice lists (`unit_codes`);
# 14: each recall's key, sorted; 13: a profile line ends with the products the notice says it does
# not cover; 12: the postings
# (their keys as hash tables) and the other arrays are stored raw after the head
# and read in place, not inflated and copied, and no dictionary of the keys is built at load (a
# million recalls' load was 5 s: the inflation, a dict of 2.2 million keys, and checks that read
# every item); each recall's distinctive model numbers as a mask of their keys' bits
# (`model_masks`), so a candidate a short model number found is bounded before its profile is
# read; 11: each recall's region (where it applies, read without its profile line) and name totals
# (`name_totals`: its product texts' and brands' smallest total weight, and what its names are) as
# three arrays, so a candidate's name score is bounded before its profile is read; 10: the model-
# number postings are sections like the word postings (keys, offsets, positions), not a JSON
# object in the head (whose parse and checks were a quarter of a cold start at 100,000 recalls),
# and the lazy sections are compressed in blocks after the gzip member (inflating them whole was
# half of a cold start); 9: where each line of the lazy sections starts, stored (a load split
# 300,000 lines at 100,000 recalls: a fifth of a cold start); 8: long texts in a `strings`
# section, and the recall lines read lazily; 7: the head carries the category rules (`rules`); 6:
# profiles carry a storefront notice's reason and specifications.
ARTIFACT_FORMAT = "recall-screen-index/15"
LAZY_SECTIONS = ("strings", "notices", "profiles", "names")  # decoded a line at a time
KEY_SECTIONS = ("words", "model_keys")  # the postings' keys: their text, read in place
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
    # each recall's key (`recall_hash`), sorted, and the recall's position beside it: where a recall
    # named by (source, recall id) is, read in place (`RecallIndex.position_of`)
    "recall_keys": "I",
    "recall_key_positions": "I",
}
# The array sections of `name_totals`, in the order it gives them.
NAME_SECTIONS = ("text_floors", "text_masks", "text_seconds", "brand_floors", "brand_masks", "name_flags")
STARTS = {name: f"{name}_starts" for name in (*LAZY_SECTIONS, *KEY_SECTIONS)}  # each line's start
BLOCKS = {name: f"{name}_blocks" for name in LAZY_SECTIONS}  # where each lazy block ends
SLOTS = {name: f"{name}_slots" for name in KEY_SECTIONS}  # the keys' hash tables
# The raw sections in the order they are stored, with their array typecodes ("B": a text).
RAW_SECTIONS = {
    **ARRAY_SECTIONS,
    **{STARTS[name]: "I" for name in KEY_SECTIONS},
    **{SLOTS[name]: "I" for name in KEY_SECTIONS},
    **{STARTS[name]: "I" for name in LAZY_SECTIONS},
    **{BLOCKS[name]: "I" for name in LAZY_SECTIONS},
    **{name: "B" for name in KEY_SECTIONS},
}
# Lines per compressed block of a lazy section: a candidate's line costs the inflation of its
# block the first time, and a cold start inflates none. Each artifact's head says its own (an
# artifact of 64 is read as well). 16 lines of profiles shaped like the regulators' notices are
# about 7 KB, inflated in 35 us against 94 us for 64, packed a tenth larger: what a profile read
# again costs once a warm screener of a million recalls has given its block up (`INFLATED_KEPT`).
BLOCK_LINES = 16
# The inflated blocks a line section keeps (`Lines`), in bytes: every block of the profiles at
# 100,000 recalls shaped like the regulators' notices (45 MiB), half of them at 1,000,000, where
# each profile not kept costs its block's inflation again (`benchmarks/bench_warm.py` there: 64
# MiB kept screened 7.9 ms a listing, 256 MiB 6.5 ms, every block, 530 MiB, 5.7 ms).
INFLATED_KEPT = 256 * 2**20


class ArtifactError(ValueError):
    """An index artifact that cannot be trusted: unreadable, of another format, or inconsistent."""


class Lines(Sequence[str]):
    """A line section as loaded: its lines in blocks of `per_block`, each block compressed on its
    own, and where each line starts in the section; a block is inflated when one of its lines is
    first read, and a line is cut out of it and decoded when it is read. A hundred thousand lines
    nobody reads cost neither an object nor their inflation. Inflated blocks are kept up to
    `INFLATED_KEPT` bytes, the least recently read given up first: a warm screener of a million
    recalls would otherwise come to hold the whole section inflated."""

    __slots__ = ("_blocks", "_inflated", "_packed", "_per_block", "_starts")

    def __init__(
        self, packed: bytes | memoryview, blocks: Sequence[int], starts: Sequence[int], per_block: int
    ) -> None:
        self._packed = packed  # the compressed blocks, back to back
        self._blocks = blocks  # where each block starts in `packed`, and its end
        self._starts = starts  # len(lines) + 1 entries: line i is section[starts[i]:starts[i + 1] - 1]
        self._per_block = per_block
        self._inflated: Recent[int, bytes] = Recent(INFLATED_KEPT, len)

    @classmethod
    def of(cls, lines: Sequence[str]) -> Lines:
        """Lines of texts without newlines (one_line): each encoded once, compressed by blocks of
        `BLOCK_LINES`. Lines already in such blocks are themselves; those of an artifact written in
        blocks of another size are blocked again."""
        per_block = BLOCK_LINES
        if isinstance(lines, Lines):
            if lines.per_block == per_block:
                return lines
            lines = lines[:]
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
        block = self._inflated.get(number)
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
        none: `one_line`), not cut out one at a time: the fuzzy fallback reads every name. The
        blocks it inflates are not kept: a run is a scan, its blocks not read again line by line."""
        out: list[str] = []
        per_block = self._per_block
        for number in range(start // per_block, (stop - 1) // per_block + 1):
            block = self._inflated.get(number)
            if block is None:
                block = self._inflate(number, keep=False)
            first = number * per_block
            try:
                lines = block.decode().split("\n")
            except UnicodeDecodeError as exc:
                raise ArtifactError(f"index artifact is malformed: a line is not UTF-8: {exc}") from None
            if len(lines) != min(first + per_block, len(self)) - first:
                lines = [self[i] for i in range(first, first + per_block) if i < len(self)]
            out += lines[max(start - first, 0) : stop - first]
        return out

    def _inflate(self, number: int, keep: bool = True) -> bytes:
        """Block `number`, inflated and checked against its lines' starts (then kept, unless not
        `keep`: threads that race here inflate equal blocks)."""
        first = number * self._per_block
        last = min(first + self._per_block, len(self))
        starts = self._starts[first : last + 1]
        if not (
            self._blocks[number] < self._blocks[number + 1]
            and all(map(operator.lt, starts, islice(starts, 1, None)))
        ):
            raise ArtifactError("index artifact is inconsistent: line starts do not cut their section")
        try:
            block = zlib.decompress(self._packed[self._blocks[number] : self._blocks[number + 1]])
        except zlib.error as exc:
            raise ArtifactError(
                f"index artifact is malformed: a block of lines is unreadable: {exc}"
            ) from None
        if len(block) != self._starts[last] - 1 - self._starts[first]:
            raise ArtifactError(
                "index artifact is inconsistent: a block of lines is not as long as its starts say"
            )
        if keep:
            self._inflated.put(number, block)
        return block

    @property
    def per_block(self) -> int:
        return self._per_block

    @property
    def inflated_bytes(self) -> int:
        """The bytes of the inflated blocks kept (at most `INFLATED_KEPT`)."""
        return self._inflated.weight

    def __len__(self) -> int:
        return len(self._starts) - 1

    def packed(self) -> bytes:
        return bytes(self._packed)

    def blocks(self) -> Sequence[int]:
        return self._blocks

    def starts(self) -> Sequence[int]:
        return self._starts

    def check(self) -> None:
        """Refuse line starts and block ends that do not cut the section into its lines and blocks:
        ArtifactError. What reads every line start is checked block by block, when a block is
        inflated (its starts in order, its length); the ends and the last block, here."""
        starts, blocks = self._starts, self._blocks
        if (
            not starts
            or starts[0] != 0
            or len(blocks) != -(-len(self) // self._per_block) + 1
            or blocks[0] != 0
            or blocks[-1] != len(self._packed)
        ):
            raise ArtifactError("index artifact is inconsistent: line starts do not cut their section")
        if len(blocks) > 1:  # the last block ends where the last line's start says
            self._inflate(len(blocks) - 2)


# -- the container ---------------------------------------------------------------------------------


def four_byte_array(values: Iterable[int] | Iterable[float] = (), typecode: str = "I") -> array[Any]:
    """An array of 4-byte items ("I" unsigned ints, "f" floats), as the array sections store them."""
    out: array[Any] = array(typecode, values)
    if out.itemsize != 4:  # pragma: no cover - every platform Lambda and CPython ship on
        raise RuntimeError("this platform's unsigned int is not 32 bits")
    return out


def encode(
    head: dict[str, Any],
    lines: dict[str, Sequence[str]],
    arrays: Mapping[str, Sequence[int] | Sequence[float]],
    texts: Mapping[str, bytes | memoryview],
) -> bytes:
    """The artifact: gzip of `head` (its keys in order), then the raw sections (`arrays` by their
    `ARRAY_SECTIONS` and key tables' names, the lazy sections' line starts and block ends, the
    keys' `texts`), then the lazy sections' compressed blocks."""
    lazy = {name: Lines.of(lines[name]) for name in LAZY_SECTIONS}
    raw: dict[str, Any] = {**arrays, **texts}
    for name in LAZY_SECTIONS:
        raw[STARTS[name]], raw[BLOCKS[name]] = lazy[name].starts(), lazy[name].blocks()
    body = []
    for name, typecode in RAW_SECTIONS.items():
        if typecode == "B":  # a key section's count is its keys'
            body.append((bytes(raw[name]), name, len(raw[STARTS[name]]) - 1))
        else:
            body.append((_little_endian(raw[name], typecode), name, len(raw[name])))
    packed = [(lazy[name].packed(), name, len(lazy[name])) for name in LAZY_SECTIONS]
    region = b"".join(data for data, _, _ in body)
    sections = [[name, len(data), count] for data, name, count in (*body, *packed)]
    head = {**head, "block_lines": BLOCK_LINES, "raw_crc32": zlib.crc32(region), "sections": sections}
    line = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    member = gzip.compress(line, compresslevel=6, mtime=0)
    return b"".join([member, bytes(-len(member) % 4), region, *(data for data, _, _ in packed)])


def decode(data: bytes) -> dict[str, Any]:
    """The artifact's head with every section in it (the raw sections as memoryviews over `data`,
    arrays cast to their typecodes; the lazy ones as `Lines`), refusing anything that is not a
    complete artifact of our format. What the sections say is checked by the index built from
    them, and what needs each item read, when it is read."""
    try:
        line, rest = _gunzip(data)
        end = line.index(b"\n")
        document = json.loads(line[:end])
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        raise ArtifactError(f"index artifact is unreadable: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != ARTIFACT_FORMAT:
        raise ArtifactError(f"index artifact is not of format {ARTIFACT_FORMAT}")
    if end != len(line) - 1:
        raise ArtifactError("index artifact is malformed: its head is not one line")
    try:
        sections = {name: (int(size), int(count)) for name, size, count in document.pop("sections")}
        pad = -(len(data) - len(rest)) % 4  # the raw sections start at a multiple of four
        if bytes(rest[:pad]) != bytes(pad):
            raise ArtifactError("index artifact is malformed: its raw sections are misplaced")
        start = pad
        for name, typecode in RAW_SECTIONS.items():
            size, count = sections[name]
            chunk = rest[start : start + size]
            start += size
            if len(chunk) != size or size < 0:
                raise ArtifactError(f"index artifact is truncated: {name} is short")
            document[name] = chunk if typecode == "B" else _from_little_endian(chunk, typecode)
            held = len(document[STARTS[name]]) - 1 if typecode == "B" else len(document[name])
            if held != count:
                raise ArtifactError(f"index artifact is truncated: {name} has {held} of {count}")
        if zlib.crc32(rest[pad:start]) != int(document.pop("raw_crc32")):
            raise ArtifactError("index artifact is damaged: its raw sections fail their checksum")
        _cut_lines(document, rest[start:], sections, int(document.pop("block_lines")))
    except ArtifactError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ArtifactError(f"index artifact is malformed: {exc!r}") from exc
    return document


def _cut_lines(
    document: dict[str, Any], packed: memoryview, sections: dict[str, tuple[int, int]], per_block: int
) -> None:
    """Each lazy section's compressed blocks (after the raw sections), with its line starts and
    block ends (taken out of `document`), as `Lines`."""
    if per_block < 1:
        raise ArtifactError("index artifact is malformed: blocks of no line")
    start = 0
    for name in LAZY_SECTIONS:
        size, count = sections[name]
        if size < 0 or start + size > len(packed):
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


_HEAD_PIECE = 1 << 18


def _gunzip(data: bytes) -> tuple[bytes, memoryview]:
    """The gzip member `encode` writes first (the head's line), inflated, its length and CRC
    checked, in one call into zlib; and the bytes after the member, not copied."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    view = memoryview(data)
    parts, fed = [], 0
    while not inflater.eof and fed < len(data):  # fed a piece at a time: what follows the
        parts.append(inflater.decompress(view[fed : fed + _HEAD_PIECE]))  # member is not copied
        fed = min(fed + _HEAD_PIECE, len(data))
    if not inflater.eof:
        raise ValueError("not one complete gzip member")
    return b"".join(parts), view[fed - len(inflater.unused_data) :]


def _little_endian(values: Sequence[int] | Sequence[float], typecode: str) -> bytes:
    if isinstance(values, memoryview) and sys.byteorder == "little":  # a loaded section, as read
        return values.tobytes()
    out = values if isinstance(values, array) else four_byte_array(values, typecode)
    if sys.byteorder == "big":  # pragma: no cover - the artifact is little-endian everywhere
        out = array(typecode, out)
        out.byteswap()
    return out.tobytes()


def _from_little_endian(data: memoryview, typecode: str) -> Sequence[Any]:
    """The section as items of `typecode`, read in place (a copy, byte-swapped, on a big-endian
    machine)."""
    if len(data) % 4:
        raise ArtifactError("index artifact is malformed: an array section is not whole numbers")
    if sys.byteorder == "little":
        return data.cast("f") if typecode == "f" else data.cast("I")
    values = four_byte_array(typecode=typecode)  # pragma: no cover
    values.frombytes(data)  # pragma: no cover
    values.byteswap()  # pragma: no cover
    return values  # pragma: no cover


def recall_hash(source: str, recall_id: str) -> int:
    """A recall's (source, recall id) as a 32-bit number, the same in every process (a checksum,
    not `hash`): the artifact stores each recall's, sorted, so a lookup is a binary search; two
    recalls may share one, so a hit is checked against its notice. (`ingest.recall_key` is a
    recall's normalised identity, which the lists' bookkeeping compares.)"""
    return zlib.crc32(f"{source}\t{recall_id}".encode("utf-8", "surrogatepass"))


def all_below(values: Sequence[int], bound: int) -> bool:
    """Whether every item of a uint32 array is below `bound`, read byte by byte in C when `bound`
    is at most 256 (a recall's region, its name flags), else item by item."""
    if bound > 256:
        return not values or max(values) < bound
    if bound <= 0:
        return not values
    low = 0 if sys.byteorder == "little" else 3
    if not isinstance(values, array | memoryview):
        values = four_byte_array(values)
    raw = memoryview(values).cast("B").tobytes()  # a copy, then cut by steps: faster than strides
    below = bytes(range(bound))
    return all(not raw[k::4].translate(None, below if k == low else b"\0") for k in range(4))


def all_finite_non_negative(values: Sequence[float]) -> bool:
    """Whether every item of a float32 array is a finite number, 0.0 or more, below 2**127, read
    byte by byte in C: its top byte (sign and exponent's high bits) is below 0x7F."""
    top = 3 if sys.byteorder == "little" else 0
    if not isinstance(values, array | memoryview):
        values = four_byte_array(values, "f")
    raw = memoryview(values).cast("B").tobytes()
    return not raw[top::4].translate(None, bytes(range(0x7F)))


# -- one recall's lines ------------------------------------------------------------------------------
# Fields are separated by tabs, items by "|"; tokens are [a-z0-9] only, so neither can occur in
# them, and display texts are cleaned of both before they are stored.
_TEXT_FIELDS = {"product_names": "p", "title": "t", "other_texts": "o", "lines": "l"}
_FIELD_NAMES = {code: name for name, code in _TEXT_FIELDS.items()}
_DISPLAY_LIMIT = 200  # evidence quotes the notice's text; a long description is cut


def one_line(text: str) -> str:
    """The text with its runs of whitespace (newlines, tabs) made single spaces: what keeps the
    artifact's one-line-per-recall sections exact."""
    if _single_spaced(text):  # as the parsers' texts are: nothing to collapse
        return text
    return " ".join(text.split())


def _single_spaced(text: str) -> bool:
    """Whether `" ".join(text.split())` is `text`: a printable text's only space is " " (every
    other is unprintable), so it is unless a space is doubled or at an end."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _clean(text: str, limit: int | None = None) -> str:
    if "|" in text:
        text = text.replace("|", "/")
    if not _single_spaced(text):
        text = " ".join(text.split())
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


def notice_key(raw: str, strings: Sequence[str]) -> tuple[str, str]:
    """(source, recall id) of a notice's line, its first two fields, without decoding the rest."""
    source, recall_id, _ = raw.split("\t", 2)
    return strings[int(source)], recall_id


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
            "|".join(_clean(name) for name in p.not_covered),
            "|".join(f"{key}:{_clean(printed)}" for key, printed in p.unit_codes.items()),
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
    named_words: set[str] = set()  # as `decode_profile` leaves out of the texts' totals
    for item in brands.split("|") if brands else ():
        flags |= NAME_BRANDED
        words = item.partition("=")[0].split()
        brand_words.update(words)
        named = _named_by_sellers(words)
        named_words.update(named)
        total = sum(map(weight, named, repeat(1.0)))  # a name's words are stored once each
        if total and (not brand_floor or total < brand_floor):
            brand_floor = total
    # A long text's total is taken as that of its first `_HEAD_WORDS` words, no more than its
    # total (a weight is never negative): the floors stay at most the totals, and a description
    # of hundreds of words is not summed.
    floor = second = 0.0
    smallest: list[str] | str = []  # the smallest's words (a long text's: its tokens, split once)
    for item in texts.split("|") if texts else ():
        tokens, _, value = item[1:].partition("=")
        words = tokens.split(None, _HEAD_WORDS)
        long = len(words) > _HEAD_WORDS
        if long:
            words.pop()
        if named_words:
            words = [t for t in words if t not in named_words]
        total = sum(map(weight, words, repeat(1.0)))
        if not total and long:  # its first words are the brand's: read it whole
            words = [t for t in tokens.split() if t not in named_words]
            total = sum(map(weight, words, repeat(1.0)))
        if not total:
            flags |= NAME_BARE_TEXT
        elif not floor or total < floor:
            floor, second, smallest = total, floor, tokens if long else words
        elif not second or total < second:
            second = total
        # "… involves all …": the word stands between spaces (texts are stored with single spaces).
        if item[0] == "o" and " all " in value.lower() and _involves_all(value):
            flags |= NAME_ALL_MODELS
    mask = _bits(smallest.split() if isinstance(smallest, str) else smallest, named_words)
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
            mask |= 1 << (zlib.crc32(word.encode()) & 31)  # word_bit, without a call a word
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


def _named_by_sellers(words: list[str] | tuple[str, ...]) -> list[str] | tuple[str, ...]:
    """A brand's words a seller writes: not what the firm makes ("Quorra Equipment", "Tarvo Gear"),
    unless that is all the brand is ("Toys"). Those weigh nothing in the brand's share: the listing
    that leaves them out names the whole brand, one that writes them loses nothing."""
    if KIND_WORDS.isdisjoint(words):
        return words
    named = [w for w in words if w not in KIND_WORDS]
    return named or words


def decode_profile(raw: str, regions: list[frozenset[str]], weights: Mapping[str, float]) -> Profile:
    """The profile of a line, with its words weighted (`weights`: word -> weight, where a word the
    postings lack weighs 1.0: `postings.Weights`)."""
    (
        texts,
        brands,
        models,
        gtins,
        unchecked,
        region,
        published,
        years,
        partial,
        storefront,
        specs,
        denied,
        units,
    ) = raw.split("\t")
    # Each dict is built in C: dict(zip(words, their weights)) (the two runs are one list's, so
    # as long as each other: zip's strict check is a cost and no safeguard). The words are
    # interned: the profiles a warm screener keeps share one copy of each word rather than one a
    # text (a sixth less memory a profile), and a word's hash is worked out once, not at each
    # dict, set and weight it goes into (a fifth off the decoding).
    weight = weights.__getitem__
    brand_words: set[str] = set()
    brand_items = []
    weighted_brands = []
    named_words: set[str] = set()  # the brands' words a seller writes: a text weighs its others
    for item in brands.split("|") if brands else ():
        tokens, _, name = item.partition("=")
        words = tuple(map(intern, tokens.split()))
        brand_items.append((name, words))
        items = dict(zip(words, map(weight, words), strict=False))
        named = _named_by_sellers(words)
        if named is not words:  # what the firm makes weighs nothing in the brand's share
            items.update(dict.fromkeys(KIND_WORDS.intersection(words), 0.0))
        weighted_brands.append((name, items, sum(items.values())))
        brand_words.update(words)
        named_words.update(named)
    # The vocabulary Profile would gather from these words itself, gathered from what is at hand.
    vocabulary: set[str] = set()
    text_items = []
    weighted_texts = []
    for item in texts.split("|") if texts else ():
        tokens, _, value = item.partition("=")
        field_name, words = _FIELD_NAMES[item[0]], tuple(map(intern, tokens[1:].split()))
        text_items.append((field_name, value, words))
        kept = [t for t in words if t not in named_words] if named_words else words
        items = dict(zip(kept, map(weight, kept), strict=False))
        weighted_texts.append((field_name, value, items, sum(items.values())))
        vocabulary.update(words)
    model_items = []
    for item in models.split("|") if models else ():
        key, distinctive, printed = item.split(":", 2)
        model_items.append(ModelNumber(printed, key, distinctive == "1"))
    decoded_specs = _decode_specs(specs)
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
        not_covered=tuple(denied.split("|")) if denied else (),
        unit_codes=dict(item.split(":", 1) for item in units.split("|")) if units else {},
        vocabulary=frozenset(vocabulary),
        weighted_texts=tuple(weighted_texts),
        weighted_brands=tuple(weighted_brands),
    )
