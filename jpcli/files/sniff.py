"""What a ledger file is, before pandas: its kind by content and, for a CSV, its encoding,
separator and width from the first lines, and Arrow's read of it.

Nothing here imports pandas, so ``read_ahead`` can read a CSV on a thread while pandas itself is
still being imported; ``read`` turns what is found here into a table.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from jpcli.files.columns import (
    HEADER_SEARCH_ROWS,
    KEGIATAN,
    cell_text,
    header_position,
    match_key,
)
from jpcli.problems import InputError, Problem

T = TypeVar("T")

CSV_SAMPLE = 64 * 1024
CSV_SNIFF_LIMIT = 8 << 20  # the first lines are read whole, up to this much
MAX_COLUMNS = 1_000  # fields a CSV row may have (checked before pandas allocates them)
PYTHON_CSV_LIMIT = 256 << 20  # a CSV this small may be re-read by Python's csv module
PART_BYTES = 128 << 20  # CSV bytes per part with --partisi auto (about 1.4M rows, ~1 GB peak)


def auto_parts(path: Path, part_bytes: int | None = None) -> int:
    """Parts ``jp hitung --partisi auto`` reads a file in: one per ``part_bytes`` (default
    ``PART_BYTES``) of it, 1 for a smaller one."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return 1
    return max(1, math.ceil(size / (part_bytes or PART_BYTES)))


def file_kind(path: Path) -> str:
    """'excel' (xlsx/xls/ods), 'terkunci' (password-protected xlsx), 'json', 'parquet' or 'csv',
    by content."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head.startswith(b"PAR1"):
            return "parquet"
        offset = (head + fh.read(64)).lstrip(b"\xef\xbb\xbf \t\r\n")
        if offset[:1] in (b"{", b"["):  # a SIASN/SIMPEG API answer or a list of records
            return "json"
        if head.startswith(b"PK\x03\x04"):
            return "excel"
        if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            # OLE2 container: an .xls workbook, or an encrypted .xlsx (Office puts the
            # real zip inside as the stream "EncryptedPackage").
            fh.seek(0)
            body = fh.read(1 << 20)
            if "EncryptedPackage".encode("utf-16-le") in body:
                return "terkunci"
            return "excel"
    return "csv"


def first_encoding(path: Path, label: str) -> str:
    """A first guess from the start of the file: UTF-16 by its BOM, UTF-8 (with or without BOM)
    when the start decodes as UTF-8, else cp1252 (Excel on Windows)."""
    with open(path, "rb") as fh:
        head = fh.read(CSV_SAMPLE)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:4096]:
        raise InputError([Problem(file=label, code="binary_file")])
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def whole_file_is_utf8(path: Path) -> bool:
    """Does the whole file decode as UTF-8? (Checked only when the fast reader refused it.)"""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _first_lines(path: Path, encoding: str) -> list[str]:
    """The first lines, each whole: 64 KB, or more until the header and a data line are in (a
    header of thousands of columns is longer than 64 KB), at most ``CSV_SNIFF_LIMIT``. A last
    line cut by the sample is left out."""
    with open(path, "rb") as fh:
        data = fh.read(CSV_SAMPLE)
        while data.count(b"\n") < 2 and len(data) < CSV_SNIFF_LIMIT:
            more = fh.read(CSV_SAMPLE)
            if not more:
                break
            data += more
        whole = not fh.read(1)
    sample = data.decode(encoding, errors="replace")
    lines = sample.splitlines()
    return lines if whole or len(lines) < 2 else lines[:-1]


def too_wide(widths: list[int], label: str, first_row: int = 1) -> None:
    """``InputError`` at the first row of more than ``MAX_COLUMNS`` fields (before pandas
    allocates a column for each)."""
    for i, width in enumerate(widths):
        if width > MAX_COLUMNS:
            raise InputError(
                [Problem(file=label, row_no=first_row + i, code="csv_too_many_columns",
                         args=(width, MAX_COLUMNS))]
            )  # fmt: skip


@dataclass(frozen=True)
class CsvLayout:
    """What the first lines of a CSV say: its encoding, separator and width (fields per row)."""

    encoding: str
    sep: str
    width: int


@dataclass
class CsvRead:
    """A CSV as Arrow read it (``arrow_csv``), with the layout it was read by and whether every
    record is one line of the file (``one_line_each``): what ``read_ahead`` hands over."""

    layout: CsvLayout
    table: object  # pyarrow.Table
    one_line_each: bool
    # column position -> (codes, distinct cells) of the columns ``encoded_columns`` guessed
    encoded: dict = field(default_factory=dict)


def csv_layout(path: Path, label: str) -> CsvLayout:
    """The encoding, separator and width of a CSV from its first lines; ``InputError`` when a
    row there has more than ``MAX_COLUMNS`` fields."""
    encoding = first_encoding(path, label)
    lines = _first_lines(path, encoding)
    sep = _guess_separator(lines)
    widths = [len(r) for r in reader(io.StringIO("\n".join(lines)), sep)]
    too_wide(widths, label)
    return CsvLayout(encoding, sep, max([1, *widths]))


def one_line_each(path: Path, n_records: int) -> bool:
    """Is every record one line of the file? True at once for a file without a quote (only a
    quoted cell can hold a line break), else when the file has one line break per record."""
    with open(path, "rb") as fh:
        buffer = bytearray(1 << 24)  # one buffer for every chunk (no new memory per chunk)
        while size := fh.readinto(buffer):
            if buffer.find(b'"', 0, size) >= 0:
                break
        else:
            return True
        fh.seek(0)
        breaks = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 24), b""))
        fh.seek(-1, 2)
        ends_with_break = fh.read(1) == b"\n"
    return breaks == n_records - (0 if ends_with_break else 1)


def reader(lines: Iterable[str], sep: str) -> Iterator[list[str]]:
    """Python's csv reader with room for a cell of any size a sheet can hold (its default
    limit, 128 KB, made a long note an internal error)."""
    csv.field_size_limit(max(csv.field_size_limit(), PYTHON_CSV_LIMIT))
    return csv.reader(lines, delimiter=sep)


def _guess_separator(lines: list[str]) -> str:
    """';' (Excel in Indonesian locale), ',' or tab: the one the header line uses most."""
    header = next((ln for ln in lines if "nip" in ln.lower()), None) or next(
        (ln for ln in lines if ln.strip()), ""
    )
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def arrow_csv(
    path: Path, sep: str, width: int, encoding: str, threads: bool = True, dictionary: bool = True
):
    """The fast path: Arrow's CSV reader (on its threads, or with ``threads=False`` on the
    caller's alone), when every record has the same width; each column as an Arrow dictionary
    (its distinct texts once, a code per row), or with ``dictionary=False`` as plain texts (read
    faster, for a reader that keeps only a few rows: ``read.read_ledger``'s ``pick``).

    Blank lines are kept as rows (row numbers stay those of Excel); anything irregular (a row
    wider than the header, a byte the encoding cannot map) returns None and the caller reads
    the file with pandas' own parser, which copes with ragged rows.
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency; the slow path still works
        return None
    name = [str(i) for i in range(width)]
    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=name,
                encoding="utf8" if encoding == "utf-8-sig" else encoding,
                use_threads=threads,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=sep,
                ignore_empty_lines=False,
                newlines_in_values=True,  # a ragged row raises: the slow path reads it
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={
                    n: pa.dictionary(pa.int32(), pa.string()) if dictionary else pa.string()
                    for n in name
                },
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, UnicodeError, ValueError, OSError):
        return None


def encode_column(cells) -> tuple:
    """An Arrow column of texts (or dictionary codes) as numpy (codes per row, distinct cells as
    objects); an empty (null) cell has code -1 (a Parquet ledger's; ``arrow_csv`` reads none)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_dictionary(cells.type):
        cells = pc.dictionary_encode(cells)  # one dictionary, shared by every chunk
    if cells.num_chunks == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=object)
    if len({(c.dictionary.buffers()[-1].address, len(c.dictionary)) for c in cells.chunks}) > 1:
        cells = pa.table({"c": cells}).unify_dictionaries().column(0)
    codes = np.concatenate([_indices(c) for c in cells.chunks])
    return codes, cells.chunk(0).dictionary.to_numpy(zero_copy_only=False).astype(object)


def _indices(chunk):
    """The codes of an Arrow dictionary chunk, read from its buffer (``chunk.indices`` builds an
    array object per chunk, which is slow over a thousand chunks); -1 for a null."""
    import numpy as np

    width = chunk.type.index_type.bit_width // 8
    codes = np.frombuffer(
        chunk.buffers()[1], dtype=f"<i{width}", count=len(chunk), offset=chunk.offset * width
    )
    if chunk.null_count:  # a null's slot holds no code
        codes = np.where(chunk.is_null().to_numpy(zero_copy_only=False), -1, codes)
    return codes


def as_dictionaries(table, meanwhile: Callable[[], T]) -> tuple[object, T]:
    """Every column of ``table`` (plain texts, as ``arrow_csv(dictionary=False)`` reads them) as
    an Arrow dictionary, one dictionary per column, and what ``meanwhile`` returns: the columns
    are encoded on two threads (Arrow frees Python's lock) while ``meanwhile`` runs here. A
    plain read on one thread and then this is sooner done than a dictionary read on one
    thread, and Arrow's threads for the read would slow the import of pandas beside it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns, answer = _two_threads(pc.dictionary_encode, table.columns, meanwhile)
    return pa.table(columns, names=table.column_names), answer


def _two_threads(encode: Callable, columns, meanwhile: Callable[[], T]) -> tuple[list, T]:
    """``encode`` of every column, on two threads (Arrow frees Python's lock), and what
    ``meanwhile`` returns, run here in the meantime."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = pool.map(encode, columns)
        answer = meanwhile()
        return list(done), answer


def encoded_columns(table, wanted: Iterable[str], meanwhile: Callable[[], T]) -> tuple[dict, T]:
    """``encode_column`` of the columns whose header (found in the first rows as the reader
    finds it, without ``--kolom``) names one of ``wanted``, and what ``meanwhile`` returns: made
    while jp is still loading, so that ``read.read_ledger``'s pick finds them ready. A wrong
    guess costs only time: the reader takes a column by its position, and makes any other
    itself. The columns are encoded side by side on two threads (Arrow frees Python's lock)
    while ``meanwhile`` runs here."""
    head = [c.slice(0, HEADER_SEARCH_ROWS).to_pylist() for c in table.columns]
    rows = list(zip(*head))
    mapping = KEGIATAN.header_map()
    header = rows[header_position(rows, mapping)] if rows else ()
    wanted = set(wanted)
    found = [
        pos for pos, text in enumerate(header) if mapping.get(match_key(cell_text(text))) in wanted
    ]
    codes, answer = _two_threads(encode_column, [table.column(p) for p in found], meanwhile)
    return dict(zip(found, codes)), answer
