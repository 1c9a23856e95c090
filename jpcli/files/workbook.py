"""Workbooks without pandas: raw cells through calamine, each sheet measured first from its XML.

Kept free of pandas so that ``read_ahead`` can read a workbook in a background thread while
pandas is still being imported (about half a second of every run).

calamine builds a sheet as one rectangle from A1 to its farthest cell, and when that rectangle
cannot be allocated (one stray value at XFD1048576 asks for 17 billion cells) the process
aborts. So before calamine sees a sheet of an .xlsx, its XML is streamed once, in chunks, and
never read whole: its real decompressed size (whatever the zip declares), its extent and number
of values, the text its cells hold, its longest run of XML without a tag (calamine's XML reader
holds such a run whole), its hidden rows, its Excel error cells (#N/A, #REF!, ...) and its
formulas saved without a value (calamine reads both as blank).

What the sheets cost is counted for the whole workbook: every sheet jp reads whole (the activity
sheet, the roster sheet ``pegawai``) and the shared strings calamine holds for all of them. The
costs below are measured (peak RSS of whole commands, read to output) so that a workbook within
the budget keeps jp under 1 GB; beyond it, the sheet is refused with its extent and the fix.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import threading
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jpcli.files.columns import match_key
from jpcli.problems import InputError, Problem

# One XML part of a workbook, decompressed: at most MAX_XML_BYTES, and at most
# XML_PER_PACKED_BYTE times its compressed size when that is more than XML_FLOOR (a sheet of
# identical rows packs about 260 to 1; whitespace, about 1000 to 1).
MAX_XML_BYTES = 1 << 30
XML_FLOOR = 256 << 20
XML_PER_PACKED_BYTE = 300
MAX_SCANNED_BYTES = 2 << 30  # all the sheet XML one workbook may make jp stream
# Memory the sheets read from one workbook may cost: MEMORY_BUDGET for any file up to
# FLAT_BUDGET_BYTES, so that jp stays under 1 GB for every workbook under 10 MB, then
# BUDGET_PER_FILE_BYTE more per byte beyond (a file this big honestly holds that much data; a
# realistic ledger costs about 90 per byte of its file).
MEMORY_BUDGET = 750 << 20
FLAT_BUDGET_BYTES = 10 << 20
BUDGET_PER_FILE_BYTE = 300
# What reading a sheet costs jp end to end (calamine, the Python rows, the frame, the checks,
# the warnings, the output), fitted to the peak memory of every command on the costliest rows
# measured: identical rows, each bringing two warnings (a duplicate, too many JP in a day),
# about 3 KB a row whatever their width, against 1.3 KB for a realistic row of 9 columns. A
# row costs ROW_COST, plus EMPTY_CELL_COST per cell of the rectangle calamine builds,
# VALUE_CELL_COST per cell holding a value, TEXT_BYTE_COST per byte of long text (calamine's
# copy, Python's and those the checks make) and STRING_COST per shared string. At the budget
# such rows peaked at 875 MB; rows with three errors or more each cost more in the JSON of
# ``jp validasi`` (1.0 to 1.25 GB at the budget).
ROW_COST = 2300
EMPTY_CELL_COST = 40
VALUE_CELL_COST = 60
TEXT_BYTE_COST = 4
STRING_COST = 40
MAX_CELL_PROBLEMS = 100_000  # error cells and uncached formulas reported per sheet
_CHUNK = 1 << 22


def _open_workbook(path: Path, label: str):
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise InputError([Problem(file=label, code="file_locked")]) from exc
    except Exception as exc:  # calamine raises several types for damaged files
        raise InputError(
            [Problem(file=label, code="workbook_unreadable", args=(str(exc),))]
        ) from exc


def expected_sheets(
    names: list[str],
    schema_name: str = "kegiatan",
    other: tuple[str, ...] = ("pegawai", "petunjuk"),
) -> list[str]:
    """The sheets jp will most likely read, in order: the activity sheet (by name, else the first
    other sheet) and the roster sheet. Used to read them ahead, in a background thread."""
    by_key = {match_key(n): n for n in reversed(names)}
    first = by_key.get(schema_name) or next(
        (n for n in names if match_key(n) not in other), names[0] if names else None
    )
    return [n for n in (first, by_key.get("pegawai")) if n]


@dataclass
class SheetScan:
    """What one streaming pass over a sheet's XML found."""

    xml_bytes: int = 0
    max_row: int = 0  # 1-based; an upper bound of the rows calamine will build
    max_col: int = 0  # 1-based; idem for columns
    values: int = 0  # cells holding a value (<v> or an inline string)
    shared_text: int = 0  # the text of the shared strings its cells hold, each cell its copy
    text_bytes: int = 0  # long stretches of text in the XML (long inline strings and values)
    longest_event: int = 0  # the longest stretch calamine's XML reader holds at once
    hidden: list[int] = field(default_factory=list)
    # (row, column from 0, "galat" or "rumus", the error text or the formula)
    cells: list[tuple[int, int, str, str]] = field(default_factory=list)

    def cost(self) -> int:
        """The memory reading this sheet costs jp, end to end (see ROW_COST)."""
        return (
            ROW_COST * self.max_row
            + EMPTY_CELL_COST * self.max_row * self.max_col
            + VALUE_CELL_COST * self.values
            + TEXT_BYTE_COST * (self.text_bytes + self.shared_text)
            + self.longest_event
        )

    @property
    def corner(self) -> str:
        return f"{column_letters(max(self.max_col, 1) - 1)}{max(self.max_row, 1)}"


@dataclass
class _Strings:
    """The shared strings (xl/sharedStrings.xml) as jp measured them."""

    part: str = ""
    cost: int = 0  # what calamine holds for them (read whole when it opens the workbook)
    lengths: array = field(default_factory=lambda: array("q"))  # each one's text, at most


@dataclass
class _Zip:
    """An .xlsx as jp measured it before calamine opened it."""

    size: int
    sheets: dict[str, zipfile.ZipInfo]  # sheet name -> its XML part
    strings: _Strings


def memory_budget(file_size: int) -> int:
    """What the sheets jp reads from a workbook of ``file_size`` bytes may cost."""
    return MEMORY_BUDGET + BUDGET_PER_FILE_BYTE * max(0, file_size - FLAT_BUDGET_BYTES)


def xml_limit(info: zipfile.ZipInfo) -> int:
    """The most one XML part may expand to: MAX_XML_BYTES, less for a small compressed part."""
    return min(MAX_XML_BYTES, max(XML_FLOOR, XML_PER_PACKED_BYTE * info.compress_size))


class Workbook:
    """A workbook's raw cells (calamine), hidden rows and broken cells (sheet XML), per sheet.

    Uses no pandas, so ``read_ahead`` can read it in a background thread while the rest of jp
    (pandas above all) is still being imported. Each sheet of an .xlsx is measured before
    calamine builds it (``measure_sheet``); its hidden rows and broken cells are found by a
    second pass that runs beside calamine (which leaves Python's lock free while it parses).
    """

    def __init__(self, path: Path, label: str):
        self.path, self.label = Path(path), label
        self._zip = _measure_zip(self.path, label)
        self._budget = memory_budget(self._zip.size) if self._zip else 0
        if self._zip and self._zip.strings.cost > self._budget:  # before calamine reads them
            strings = self._zip.strings
            problem = Problem(
                file=label,
                code="strings_too_large",
                args=(strings.part, len(strings.lengths), strings.cost >> 20),
            )
            raise InputError([problem])
        self._book = _open_workbook(self.path, label)
        self.names = list(self._book.sheet_names)
        self.hidden_sheets = _hidden_sheets(self._book)
        self._cells: dict[str, tuple[list, list]] = {}
        self._scans: dict[str, SheetScan] = {}
        self._costs: dict[str, int] = {}  # the sheets read whole, and what each costs
        self._kept: dict[str, list | None] = {}  # a sheet's XML pieces, for the second pass
        self._details: dict[str, BaseException | None] = {}  # second pass done (and its error)
        self._scanned = 0

    def cells_of(self, sheet: str) -> tuple[list[list], list]:
        """(rows of cells from A1, merged ranges) of one sheet."""
        if sheet not in self._cells:
            self._count(sheet)
            self._cells[sheet] = self._read(sheet, None)
        return self._cells[sheet]

    def head_of(self, sheet: str, n_rows: int) -> tuple[list[list], list]:
        """The first ``n_rows`` rows (and the merged ranges) of one sheet, to look at its header
        without keeping the whole sheet."""
        if sheet in self._cells:
            rows, merged = self._cells[sheet]
            return rows[:n_rows], merged
        return self._read(sheet, n_rows)

    def hidden_rows(self, sheet: str) -> list[int]:
        return self._detailed(sheet).hidden

    def cell_problems(self, sheet: str) -> list[tuple[int, int, str, str]]:
        """Error cells and formulas without a saved value: (row, column from 0, kind, text)."""
        return self._detailed(sheet).cells

    def scan(self, sheet: str) -> SheetScan:
        """The sheet measured from its XML (empty for formats other than .xlsx); raises
        ``InputError`` when the sheet alone is beyond jp's limits."""
        if sheet not in self._scans:
            info = self._zip.sheets.get(sheet) if self._zip else None
            self._scans[sheet] = SheetScan() if info is None else self._measure(sheet, info)
        return self._scans[sheet]

    def _fail(self, sheet: str, code: str, *args: object) -> InputError:
        return InputError([Problem(file=self.label, sheet=sheet, code=code, args=args)])

    def _count(self, sheet: str) -> None:
        """Adds a sheet about to be read whole to the workbook's cost: with the sheets read
        before it and the shared strings, beyond the budget, it is refused, naming them all."""
        scan = self.scan(sheet)
        if self._zip is None or sheet not in self._zip.sheets:
            return
        cost = scan.cost()
        if sum(self._costs.values()) + cost + self._zip.strings.cost > self._budget:
            others = tuple((name, self._scans[name].corner) for name in self._costs)
            raise self._fail(sheet, "sheets_too_large", scan.corner, scan.values, others)
        self._costs[sheet] = cost

    def _measure(self, sheet: str, info: zipfile.ZipInfo) -> SheetScan:
        limit = xml_limit(info)
        if self._scanned > MAX_SCANNED_BYTES:
            raise self._fail(sheet, "xml_too_big", info.filename, MAX_SCANNED_BYTES >> 20)
        try:
            lengths = self._zip.strings.lengths
            scan, self._kept[sheet] = measure_sheet(self.path, info, limit, lengths)
            self._scanned += scan.xml_bytes
            self._fit(sheet, info, scan, limit)
        except _TooBig as exc:
            raise self._fail(sheet, "xml_too_big", info.filename, limit >> 20) from exc
        except _DAMAGE:
            return SheetScan()  # calamine meets the same damage and reports it
        return scan

    def _fit(self, sheet: str, info: zipfile.ZipInfo, scan: SheetScan, limit: int) -> None:
        """A sheet whose first estimate passes the budget is looked at again: the rectangle of
        its cells with a value (a sheet formatted down to row 1 048 576 holds values in its
        first rows only). Still beyond: refused, with its extent, or with the stretch of XML
        that would have to be read whole when that is what costs most."""
        budget = self._budget - self._zip.strings.cost
        if scan.cost() > budget:
            scan.max_row, scan.max_col = valued_extent(self.path, info, limit, budget, scan)
        over = scan.cost() - budget
        if over > 0 and scan.longest_event * (1 + TEXT_BYTE_COST) >= over:  # the rest would fit
            size = max(scan.longest_event >> 20, 1)
            raise self._fail(sheet, "xml_stretch_too_long", info.filename, size)
        if over > 0:
            cells = scan.max_row * scan.max_col
            dense = 2 * scan.values >= cells
            raise self._fail(sheet, "sheet_too_large", scan.corner, cells, scan.values, dense)

    def _second_pass(self, sheet: str) -> None:
        """Hidden rows and broken cells into the sheet's scan; an error is kept for later."""
        try:
            info = self._zip.sheets.get(sheet) if self._zip else None
            pieces = self._kept.pop(sheet, None)
            if info is not None:
                pieces = pieces or _pieces(self.path, info, xml_limit(info))
                sheet_details(pieces, self.scan(sheet))
            self._details[sheet] = None
        except _TooManyCells:
            self._details[sheet] = self._fail(sheet, "too_many_cell_problems", MAX_CELL_PROBLEMS)
        except (_TooBig, *_DAMAGE):
            self._details[sheet] = None  # measured before: calamine reports the damage
        except Exception as exc:  # raised where the sheet is read, not on this thread
            self._details[sheet] = exc

    def _detailed(self, sheet: str) -> SheetScan:
        scan = self.scan(sheet)
        if sheet not in self._details:
            self._second_pass(sheet)
        if self._details[sheet] is not None:
            raise self._details[sheet]
        return scan

    def _read(self, sheet: str, n_rows: int | None) -> tuple[list[list], list]:
        self.scan(sheet)
        beside = None
        if sheet not in self._details and n_rows is None:
            beside = threading.Thread(target=self._second_pass, args=(sheet,), daemon=True)
            beside.start()
        try:
            sheet_ = self._book.get_sheet_by_name(sheet)
            rows = sheet_.to_python(skip_empty_area=False, nrows=n_rows)
        except BaseException as exc:  # pyo3 turns a Rust panic into a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            raise self._fail(sheet, "sheet_unreadable", str(exc)) from exc
        finally:
            if beside is not None:
                beside.join()
        try:
            merged = sheet_.merged_cell_ranges or []
        except Exception:  # not every format reports merged cells
            merged = []
        self._detailed(sheet)
        return rows, merged


def _hidden_sheets(book) -> set[str]:
    """Names of the sheets hidden in Excel (hidden or very hidden)."""
    try:
        from python_calamine import SheetVisibleEnum

        return {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    except Exception:  # an older calamine or a format without the flag: all visible
        return set()


def column_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', 16383 -> 'XFD'."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: bytes) -> int:
    """b'A' -> 0, b'XFD' -> 16383."""
    value = 0
    for ch in letters:
        value = value * 26 + ch - 64
    return value - 1


# ---------------------------------------------------------------- the zip, measured


class _TooBig(Exception):
    pass


class _TooManyCells(Exception):
    pass


_TAG_SHEET = re.compile(r"<(?:\w+:)?sheet\b([^>]*)>")
_TAG_REL = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
_SMALL_PART = 64 << 20  # workbook.xml and its relationships are small: read at most this much
_OPENED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                 "xl/styles.xml")  # fmt: skip
# a damaged or unusual zip: left to calamine, which reports it (or reads what it can)
_DAMAGE = (
    zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError,
)  # fmt: skip


def _measure_zip(path: Path, label: str) -> _Zip | None:
    """The sheets' XML parts and the shared strings of an .xlsx, after checking that no XML
    part the reader opens is beyond its ``xml_limit``. None when it is not a zip jp can read
    (calamine then reports what is wrong)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None

    def too_big(part: str, limit: int) -> InputError:
        return InputError([Problem(file=label, code="xml_too_big", args=(part, limit >> 20))])

    with zf:
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")) and info.file_size > xml_limit(info):
                raise too_big(info.filename, xml_limit(info))
        try:
            for name in _OPENED_PARTS:  # read by calamine when it opens the book: their real size
                if name in zf.NameToInfo:
                    for _ in inflate(path, zf.getinfo(name), xml_limit(zf.getinfo(name))):
                        pass
            sheets = _sheet_parts(zf)
            strings = _shared_strings(path, zf)
        except _TooBig as exc:
            raise too_big(str(exc), xml_limit(zf.getinfo(str(exc)))) from exc
        except _DAMAGE + (KeyError,):
            return None
    return _Zip(size=path.stat().st_size, sheets=sheets, strings=strings)


def _small_part(zf: zipfile.ZipFile, name: str) -> str:
    with zf.open(name) as fh:
        return fh.read(_SMALL_PART).decode("utf-8", "replace")


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Sheet name -> the ZipInfo of its XML (from xl/workbook.xml and its relationships)."""
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    sheets = [
        dict(_ATTRIBUTE.findall(m)) for m in _TAG_SHEET.findall(_small_part(zf, "xl/workbook.xml"))
    ]
    rels = [
        dict(_ATTRIBUTE.findall(m))
        for m in _TAG_REL.findall(_small_part(zf, "xl/_rels/workbook.xml.rels"))
    ]
    target = {a.get("Id"): a.get("Target", "") for a in rels}
    parts = {}
    for attrs in sheets:
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        goal = target.get(rid, "")
        name = goal.lstrip("/") if goal.startswith("/") else posixpath.join("xl", goal)
        name = posixpath.normpath(name)
        if goal and name in names and name.endswith(".xml"):
            parts[html.unescape(attrs.get("name", ""))] = zf.getinfo(name)
    return parts


_STRING_ITEM = re.compile(rb"<(?:\w+:)?si[\s/>]")
_STRING_TAGS = len(b"<si><t></t></si>")  # the XML of a shared string around its text


def _shared_strings(path: Path, zf: zipfile.ZipFile) -> _Strings:
    """The shared strings, streamed: what calamine will hold for them (it reads them whole when
    it opens the book: their XML and a little per string) and the length of each (its XML less
    the tags around plain text: an upper bound of its text); ``_TooBig`` when their XML is
    beyond its ``xml_limit``."""
    try:
        info = zf.getinfo("xl/sharedStrings.xml")
    except KeyError:
        return _Strings()
    starts: array = array("q")
    size, tail = 0, b""
    for chunk in inflate(path, info, xml_limit(info)):
        seen = size - len(tail)  # where ``tail + chunk`` starts in the part
        for match in _STRING_ITEM.finditer(tail + chunk):
            if not starts or seen + match.start() > starts[-1]:
                starts.append(seen + match.start())
        size += len(chunk)
        tail = chunk[-8:]
    ends = starts[1:] + array("q", [size]) if starts else array("q")
    lengths = array("q", (max(0, e - b - _STRING_TAGS) for b, e in zip(starts, ends)))
    return _Strings(part=info.filename, cost=size + len(starts) * STRING_COST, lengths=lengths)


def inflate(path: Path, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The decompressed bytes of one zip member, in chunks, counted as they come: ``_TooBig``
    once they pass ``limit``, whatever size the zip declares for the member."""
    total = 0
    for chunk in _raw_inflate(path, info):
        total += len(chunk)
        if total > limit:
            raise _TooBig(info.filename)
        yield chunk


def _raw_inflate(path: Path, info: zipfile.ZipInfo) -> Iterator[bytes]:
    if info.flag_bits & 1:  # encrypted: calamine cannot read it either
        return
    with open(path, "rb") as fh:
        fh.seek(info.header_offset)
        head = fh.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(info.filename)
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        left = info.compress_size
        if info.compress_type == zipfile.ZIP_STORED:
            while left > 0 and (data := fh.read(min(_CHUNK, left))):
                left -= len(data)
                yield data
            return
        if info.compress_type != zipfile.ZIP_DEFLATED:  # rare methods: zipfile's own reader
            with zipfile.ZipFile(path) as zf, zf.open(info) as member:
                while data := member.read(_CHUNK):
                    yield data
            return
        inflater = zlib.decompressobj(-15)
        while not inflater.eof:
            data = inflater.unconsumed_tail
            if not data:
                data = fh.read(min(1 << 20, left)) if left > 0 else b""
                left -= len(data)
                if not data:
                    return
            out = inflater.decompress(data, _CHUNK)
            if out:
                yield out


# ---------------------------------------------------------------- one sheet's XML, streamed


@dataclass(frozen=True)
class _Patterns:
    prefix: bytes  # the namespace prefix of the sheet's tags ("x:" in some generators), or b""
    cell_at: re.Pattern
    wide_col: re.Pattern
    one_letter: re.Pattern
    refless: re.Pattern
    any_ref: re.Pattern
    valued_cell: re.Pattern
    shared_cell: re.Pattern
    row_attrs: re.Pattern
    error_cell: re.Pattern
    formula_cell: re.Pattern
    dimension: re.Pattern


@lru_cache(maxsize=8)
def _patterns(prefix: bytes) -> _Patterns:
    p = re.escape(prefix)
    formula = rb"<" + p + rb"f\b[^>]*?(?:/>|>([^<]*)</" + p + rb"f>)"
    return _Patterns(
        prefix=prefix,
        cell_at=re.compile(rb"<" + p + rb'c r="([A-Z]{1,3})(\d+)"'),
        wide_col=re.compile(rb"<" + p + rb'c r="([A-Z]{2,3})\d'),
        one_letter=re.compile(rb"<" + p + rb'c r="([A-Z])\d'),
        refless=re.compile(rb"<" + p + rb'c(?:>|\s(?!r="))'),
        any_ref=re.compile(rb"<" + p + rb'c\b[^>]*?\sr="([A-Z]{1,3})(\d+)"'),
        valued_cell=re.compile(
            rb"<" + p + rb"c\b([^>/]*)>\s*(?:" + formula + rb"\s*)?<" + p + rb"(?:v|is)\b"
        ),
        shared_cell=re.compile(rb't="s"[^>]*>\s*<' + p + rb"v>\s*(\d{1,10})\s*</" + p + rb"v>"),
        row_attrs=re.compile(rb"<" + p + rb"row\b([^>]*)>"),
        error_cell=re.compile(
            rb"<" + p + rb'c\b([^>]*?\bt="e"[^>/]*)>(.*?)</' + p + rb"c>", re.DOTALL
        ),
        formula_cell=re.compile(
            rb"<"
            + p
            + rb"c\b([^>/]*)>\s*"
            + formula
            + rb"\s*(<"
            + p
            + rb"v\b[^>]*?(?:/>|>([^<]*)</"
            + p
            + rb"v>))?"
        ),  # fmt: skip
        dimension=re.compile(rb"<" + p + rb'dimension\s+ref="[A-Z]*\d*:?([A-Z]{1,3})\d+"'),
    )


@lru_cache(maxsize=64)
def _beyond(prefix: bytes, row: int) -> re.Pattern:
    """A cell reference to a row past ``row`` (within 10%: by its digit count and first two
    digits), the sign of rows out of order."""
    text = str(row)
    digits = len(text)
    choices = [rb"\d{%d,}" % (digits + 1)]
    if text[0] != "9":
        choices.append(rb"[%d-9]\d{%d}" % (int(text[0]) + 1, digits - 1))
    if digits >= 2 and text[1] != "9":
        choices.append(rb"%s[%d-9]\d{%d}" % (text[0].encode(), int(text[1]) + 1, digits - 2))
    body = b"|".join(choices)
    return re.compile(rb"<" + re.escape(prefix) + rb'c r="[A-Z]{1,3}(?:' + body + rb')"')


_ROOT = re.compile(rb"<(\w+:)?worksheet\b")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")
_KEEP_PIECES = 64 << 20  # sheet XML up to this size is kept for the second pass, not inflated again
_EXACT_VALUES = 500_000  # values placed one by one when the bound is too big


def _pieces(path: Path, info: zipfile.ZipInfo, limit: int) -> Iterator[tuple[bytes, _Patterns]]:
    """The sheet's XML in pieces of about 4 MB, each cut after a row's end tag (a row is seen
    whole), with the patterns for its namespace prefix; ``_TooBig`` beyond ``limit``."""
    pat: _Patterns | None = None
    carry = b""
    for chunk in inflate(path, info, limit):
        buf = carry + chunk if carry else chunk
        if pat is None:
            root = _ROOT.search(buf[:65536])
            pat = _patterns(root[1] if root and root[1] else b"")
        cut = buf.rfind(b"</" + pat.prefix + b"row>")
        cut = cut + len(pat.prefix) + 6 if cut >= 0 else buf.rfind(b">") + 1
        if cut <= 0:  # a run without tags (text, blanks): keep only a tail for the next chunk
            cut = max(len(buf) - 256, 0)
        yield buf[:cut], pat
        carry = buf[cut:]
    if carry and pat is not None:
        yield carry, pat


def measure_sheet(
    path: Path, info: zipfile.ZipInfo, limit: int, strings: array
) -> tuple[SheetScan, list | None]:
    """The pass before calamine: the sheet's real XML size, an upper bound of the rectangle
    calamine will build, its values and the text they hold (``strings``: the length of each
    shared string). Rows: the last reference of each piece (rows are in order in any normal
    file), checked against any reference further down. Columns: every two- and three-letter
    reference, and any single letter past the widest seen (the declared dimension is only a
    first guess). Returns the pieces too when they are small enough to keep for the second
    pass."""
    scan, kept, stretches = SheetScan(), [], _Stretches(strings)
    letter = 0  # the widest single-letter column seen (1 = A)
    for piece, pat in _pieces(path, info, limit):
        scan.xml_bytes += len(piece)
        if kept is not None:
            kept.append((piece, pat))
            kept = kept if scan.xml_bytes <= _KEEP_PIECES else None
        stretches.feed(piece, pat, scan)
        if not letter and (dim := pat.dimension.search(piece)) and len(dim[1]) == 1:
            letter = _column_index(dim[1]) + 1
        last = piece.rfind(b"<" + pat.prefix + b'c r="')
        if last >= 0 and (ref := pat.cell_at.match(piece, last)):
            scan.max_row = max(scan.max_row, int(ref[2]))
        if _beyond(pat.prefix, max(scan.max_row, 1)).search(piece):
            refs = pat.any_ref.findall(piece)
            scan.max_row = max([scan.max_row] + [int(r) for _, r in refs])
        wide = set(pat.wide_col.findall(piece))
        if wide:
            scan.max_col = max(scan.max_col, max(_column_index(c) for c in wide) + 1)
        if letter < 26 and _past_letter(pat.prefix, letter).search(piece):
            letter = max(_column_index(c) + 1 for c in pat.one_letter.findall(piece))
        if pat.refless.search(piece):
            _refless(piece, scan, pat)
    stretches.finish(scan)
    if scan.max_row:
        scan.max_col = max(scan.max_col, letter, 1)
    return scan, kept


_SHORT_STRETCH = 64  # a tag and the text after it, up to this: within a cell's own cost
_ONLY_TAG_STARTS = bytes.maketrans(bytes(range(256)), b"a" * 60 + b"<" + b"a" * 195)
_LONG_STRETCH = b"a" * _SHORT_STRETCH


class _Stretches:
    """The stretches of a sheet's XML between two '<' (a tag and the text after it), fed piece
    by piece: the longest (calamine's XML reader holds each whole while it reads it) and the
    bytes of the long ones (the text of long values, which Rust and Python each copy). A
    comment, CDATA section, processing instruction or DTD may hold '<' inside and be read
    whole: no spreadsheet program writes one in a sheet, and with one the whole part counts as
    read at once. Also counts the values and the text of the shared strings they hold."""

    def __init__(self, strings: array):
        self.strings = strings
        self.open = 0  # the stretch still open at the end of the pieces fed so far
        self.unusual = False
        self.first = True

    def feed(self, piece: bytes, pat: _Patterns, scan: SheetScan) -> None:
        p = pat.prefix
        scan.values += piece.count(b"<" + p + b"v>") + piece.count(b"<" + p + b"is>")
        if b't="s"' in piece:
            scan.shared_text += _shared_text(pat.shared_cell.findall(piece), self.strings)
        declared = self.first and piece.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<?xml")
        self.unusual = self.unusual or b"<!" in piece or piece.count(b"<?") > declared
        self.first = False
        first = piece.find(b"<")
        if first < 0:
            self.open += len(piece)
            return
        self._add(self.open + first, scan)
        last = piece.rfind(b"<")
        marks = piece.translate(_ONLY_TAG_STARTS)  # '<' kept, every other byte an 'a'
        start = marks.find(_LONG_STRETCH, first, last)
        while start >= 0:  # rare: long text, or blanks between tags
            end = marks.find(b"<", start, last + 1)
            self._add(end - start + 1, scan)
            start = marks.find(_LONG_STRETCH, end, last)
        self.open = len(piece) - last

    def _add(self, stretch: int, scan: SheetScan) -> None:
        scan.longest_event = max(scan.longest_event, stretch)
        if stretch > _SHORT_STRETCH:
            scan.text_bytes += stretch

    def finish(self, scan: SheetScan) -> None:
        self._add(self.open, scan)
        if self.unusual:
            scan.longest_event = scan.xml_bytes


@lru_cache(maxsize=64)
def _past_letter(prefix: bytes, letter: int) -> re.Pattern:
    """A single-letter cell reference past column ``letter`` (1 = A)."""
    return re.compile(rb"<" + re.escape(prefix) + rb'c r="[%c-Z]\d' % (65 + letter))


def _refless(piece: bytes, scan: SheetScan, pat: _Patterns) -> None:
    """Cells that put r= later or leave it out (calamine places such a cell after the one before
    it, in the row after the one before): bound the rectangle by every reference plus the
    most cells of one row, and every row tag."""
    p = pat.prefix
    refs = pat.any_ref.findall(piece)
    rows = [
        r.count(b"<" + p + b"c ") + r.count(b"<" + p + b"c>")
        for r in piece.split(b"</" + p + b"row>")
    ]
    widest = max((_column_index(c) + 1 for c, _ in refs), default=0)
    scan.max_col = max(scan.max_col, widest + max(rows))
    scan.max_row = max([scan.max_row] + [int(r) for _, r in refs]) + len(rows)


def valued_extent(
    path: Path, info: zipfile.ZipInfo, limit: int, budget: int, bound: SheetScan
) -> tuple[int, int]:
    """The rows and columns that cells holding a value span, when the bound of
    ``measure_sheet`` is beyond the budget (a sheet formatted down to row 1 048 576 holds values
    in its first rows only). The bound stays when the values alone are too many, when there are
    more than ``_EXACT_VALUES`` of them, or when some lack a reference."""
    if bound.values * VALUE_CELL_COST > budget or bound.values > _EXACT_VALUES:
        return bound.max_row, bound.max_col
    rows = cols = 0
    for piece, pat in _pieces(path, info, limit):
        for attrs, _ in pat.valued_cell.findall(piece):
            ref = _REF.search(attrs)
            if ref is None:
                return bound.max_row, bound.max_col
            rows, cols = max(rows, int(ref[2])), max(cols, _column_index(ref[1]) + 1)
    return rows, cols


def _shared_text(found: list[bytes], lengths: array) -> int:
    """The text of the shared strings ``found`` (their indices) name, one copy per cell."""
    indices = list(map(int, found))
    try:
        return sum(map(lengths.__getitem__, indices))
    except IndexError:  # a cell naming a string that does not exist (calamine reports it)
        return sum(lengths[min(i, len(lengths) - 1)] for i in indices) if lengths else 0


def sheet_details(pieces, scan: SheetScan) -> None:
    """The second pass: hidden rows, Excel error cells, formulas saved without their value;
    ``_TooManyCells`` beyond ``MAX_CELL_PROBLEMS``."""
    for piece, pat in pieces:
        if b"hidden" in piece:
            for attrs in pat.row_attrs.findall(piece):
                a = dict(_ATTRIBUTE.findall(attrs.decode("utf-8", "replace")))
                if a.get("hidden") in ("1", "true") and a.get("r", "").isdigit():
                    scan.hidden.append(int(a["r"]))
        if b't="e"' in piece:
            _error_cells(piece, scan, pat)
        if b"<" + pat.prefix + b"f" in piece:
            _formula_cells(piece, scan, pat)


def _add_cell(scan: SheetScan, attrs: bytes, kind: str, text: str) -> None:
    ref = _REF.search(attrs)
    if ref is None:
        return
    if len(scan.cells) >= MAX_CELL_PROBLEMS:
        raise _TooManyCells
    scan.cells.append((int(ref[2]), _column_index(ref[1]), kind, text))


def _error_cells(piece: bytes, scan: SheetScan, pat: _Patterns) -> None:
    for attrs, inner in pat.error_cell.findall(piece):
        value = _VALUE.search(inner)
        text = html.unescape(value[1].decode("utf-8", "replace")).strip() if value else ""
        _add_cell(scan, attrs, "galat", text or "#N/A")


def _formula_cells(piece: bytes, scan: SheetScan, pat: _Patterns) -> None:
    """Formulas saved without their result (no <v>, an empty <v/>, or an empty <v></v> that is
    not a text result): calamine reads them as blank."""
    for m in pat.formula_cell.finditer(piece):
        attrs, formula, value_tag, value = m.groups()
        if b't="e"' in attrs:
            continue  # an error cell, reported as such
        if value or (value_tag and value is not None and b't="str"' in attrs):
            continue
        text = html.unescape((formula or b"").decode("utf-8", "replace"))
        _add_cell(scan, attrs, "rumus", text[:80])
