"""File -> raw table: the cells as they are, under canonical column names.

Reads .xlsx/.xlsm/.xls/.ods with calamine and .csv with pandas; recognises the file by
its first bytes, not its name. Finds the header row by its names (title rows above it
are common), maps header aliases to canonical names (``columns``) and keeps the row
number each data row has in Excel (``Table.frame.index``). Nothing is interpreted
here: dates, numbers and NIPs are checked by ``normalize``.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from jpcli.files.columns import Schema, layout_overrides, match_key
from jpcli.files.read_ahead import ReadAhead
from jpcli.files.workbook import Workbook
from jpcli.problems import InputError, Problem
from jpcli.words import required_columns

_HEADER_SEARCH_ROWS = 30  # rows searched for the header row
_CSV_SAMPLE = 64 * 1024


@dataclass
class Table:
    """One sheet (or CSV file) as read: cells under canonical column names."""

    file: str
    sheet: str | None
    # object cells of the columns the file has (a column it lacks is absent, not blank: a million
    # rows of None would cost 8 MB per column); index = row number as Excel shows it
    frame: pd.DataFrame
    header_row: int
    headers: dict[str, str]  # canonical column -> header text as written in the file
    problems: list[Problem] = field(default_factory=list)

    def place(self, **kw) -> Problem:
        """A problem placed in this table (file and sheet filled in)."""
        return Problem(file=self.file, sheet=self.sheet, **kw)


def file_kind(path: Path) -> str:
    """'excel' (xlsx/xls/ods), 'terkunci' (password-protected xlsx), 'json' or 'csv', by content."""
    with open(path, "rb") as fh:
        head = fh.read(8)
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


def _check_file(path: Path, label: str) -> str:
    """The kind of an existing, non-empty, unlocked file (see ``file_kind``), or a clear error."""

    def fail(code: str) -> InputError:
        return InputError([Problem(file=label, code=code)])

    if not path.exists():
        raise fail("file_missing")
    if path.is_dir():
        raise fail("file_is_folder")
    if path.stat().st_size == 0:
        raise fail("file_empty")
    jenis = file_kind(path)
    if jenis == "terkunci":
        raise fail("file_locked")
    return jenis


def read_ledger(
    path: Path,
    schema: Schema,
    roster_schema: Schema | None = None,
    column: dict[str, str] | None = None,
    read_ahead: ReadAhead | None = None,
) -> tuple[Table, Table | None]:
    """The activity sheet (``kegiatan``, else the first) and, when present, the ``pegawai`` sheet.

    ``column``: canonical column -> header, chosen by the user (``--kolom``) over jp's own matching.
    ``read_ahead``: a ``read_ahead.ReadAhead`` that may already hold this workbook.
    """
    label = str(path)
    jenis = _check_file(path, label)
    if jenis == "json":
        return _header_and_data(_grid_from_json(path, label), label, None, schema, column), None
    if jenis == "csv":
        table = _header_and_data(_grid_from_csv(path, label), label, None, schema, column)
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            table.problems.append(
                Problem(
                    file=label, level="peringatan", code="csv_named_workbook", args=(path.suffix,)
                )
            )
        return table, None

    book = (read_ahead.take(path) if read_ahead is not None else None) or Workbook(path, label)
    names = book.names
    if not names:
        raise InputError([Problem(file=label, code="workbook_no_sheets")])
    by_key = {match_key(n): n for n in reversed(names)}
    if schema.name in by_key:
        activity_sheet = by_key[schema.name]
        kegiatan = _header_and_data(
            _grid_from_workbook(book, activity_sheet), label, activity_sheet, schema, column
        )
    else:
        activity_sheet, kegiatan = _find_sheet(book, names, label, schema, roster_schema, column)
    hidden_rows = [b for b in book.hidden_rows(activity_sheet) if b in kegiatan.frame.index]
    if hidden_rows:
        kegiatan.problems.append(
            kegiatan.place(
                row_no=hidden_rows[0],
                level="peringatan",
                code="hidden_rows",
                args=(tuple(hidden_rows),),
            )
        )
    pegawai = None
    if (
        roster_schema is not None
        and roster_schema.name in by_key
        and by_key[roster_schema.name] != activity_sheet
    ):
        name = by_key[roster_schema.name]
        grid = _grid_from_workbook(book, name)
        if not grid.empty:
            pegawai = _header_and_data(grid, label, name, roster_schema)
    return kegiatan, pegawai


def _find_sheet(
    book,
    names: list[str],
    label: str,
    schema: Schema,
    roster_schema: Schema | None,
    column: dict[str, str] | None = None,
) -> tuple[str, Table]:
    """No sheet named like the skema: the first sheet whose header has the required columns."""
    other = {"petunjuk", roster_schema.name if roster_schema else ""}
    fail: list[InputError] = []
    for name in [n for n in names if match_key(n) not in other] or names:
        try:
            return name, _header_and_data(
                _grid_from_workbook(book, name), label, name, schema, column
            )
        except InputError as exc:
            fail.append(exc)
    raise InputError(
        [
            Problem(
                file=label,
                code="no_activity_sheet",
                args=(
                    schema.name,
                    required_columns(schema.required),
                    ", ".join(names),
                    schema.name,
                ),
            )
        ]
        + [m for exc in fail[:1] for m in exc.problems]
    )


def read_table(path: Path, schema: Schema) -> Table:
    """A single table (e.g. a roster given with --pegawai).

    Its sheet: the one named like the schema, else the first.
    """
    label = str(path)
    jenis = _check_file(path, label)
    if jenis == "json":
        return _header_and_data(_grid_from_json(path, label), label, None, schema)
    if jenis == "csv":
        return _header_and_data(_grid_from_csv(path, label), label, None, schema)
    book = Workbook(path, label)
    by_key = {match_key(n): n for n in reversed(book.names)}
    sheet = by_key.get(schema.name) or book.names[0]
    return _header_and_data(_grid_from_workbook(book, sheet), label, sheet, schema)


def _grid_from_workbook(book: Workbook, sheet: str) -> pd.DataFrame:
    rows, merged = book.cells_of(sheet)
    grid = pd.DataFrame(rows, dtype=object)
    for (r0, c0), (r1, _) in merged:
        # A cell merged down over several rows (one NIP for all of an employee's rows, a header
        # spanning two header rows) holds its value in the top cell only; Excel shows it on each
        # row, and so does jp.
        if r1 > r0 and r0 < len(grid) and c0 < grid.shape[1]:
            grid.iloc[r0 + 1 : r1 + 1, c0] = grid.iat[r0, c0]
    return grid


def _grid_from_json(path: Path, label: str) -> pd.DataFrame:
    """SIASN's API answer (``{"code": 1, "data": [...]}``, also nested as ``data.data``), an SDK's
    ``{"success": true, "data": [...]}``, or a bare list of records -> a grid whose first row is the
    field names, so record k is reported as row k + 1, as in the same records saved as CSV or
    xlsx.
    """
    import json

    def fail(code: str, *args: object) -> InputError:
        return InputError([Problem(file=label, code=code, args=args)])

    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise fail("json_unreadable", str(exc)) from exc
    records = _json_records(data)
    if records is None:
        answer = (
            data.get("message") or data.get("Message") or data.get("data")
            if isinstance(data, dict)
            else None
        )
        raise fail("json_no_records", answer if isinstance(answer, str) else "")
    if not records:
        raise fail("json_empty")
    if not all(isinstance(r, dict) for r in records):
        raise fail("json_not_records")
    title = list(dict.fromkeys(k for r in records for k in r))
    # API answers hold one employee or one office: small, and already Python objects from json.loads
    row_no = [title] + [[_json_cell(r.get(k)) for k in title] for r in records]
    return pd.DataFrame(row_no, dtype=object)


def _json_records(data: object) -> list | None:
    """The list of records inside an API answer, or None when there is none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    for data_key in ("data", "results", "result", "items", "rows"):
        if data_key in data:
            content = data[data_key]
            if content in ("", None):
                return []
            if isinstance(content, dict) and not any(
                k in content for k in ("data", "results", "result", "items", "rows")
            ):
                return [content]  # one record (SIASN's /kursus/id/{id})
            return _json_records(content)
    return (
        [data]
        if any(isinstance(v, (str, int, float)) for v in data.values()) and "code" not in data
        else None
    )


def _json_cell(value: object) -> object:
    """A JSON value as a cell: whole numbers as their digits (an 18-digit NIP stays exact), nested
    objects (SIASN's ``path``) as their JSON text, "null" as blank."""
    import json

    if value is None or value == "null":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _first_encoding(path: Path, label: str) -> str:
    """A first guess from the start of the file: UTF-16 by its BOM, UTF-8 (with or without BOM)
    when the start decodes as UTF-8, else cp1252 (Excel on Windows)."""
    with open(path, "rb") as fh:
        head = fh.read(_CSV_SAMPLE)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:4096]:
        raise InputError([Problem(file=label, code="binary_file")])
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _whole_file_is_utf8(path: Path) -> bool:
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


def _grid_from_csv(path: Path, label: str) -> pd.DataFrame:
    encoding = _first_encoding(path, label)
    with open(path, "rb") as fh:
        sample = fh.read(_CSV_SAMPLE).decode(encoding, errors="replace")
    lines = sample.splitlines()[:-1] or sample.splitlines()
    sep = _guess_separator(lines)
    width = max([1, *(len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=sep))])

    def read(width: int) -> pd.DataFrame:
        return pd.read_csv(
            path,
            sep=sep,
            header=None,
            names=range(width),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            encoding=encoding,
            encoding_errors="replace",
            engine="c",
        )

    grid = _read_arrow(path, sep, width, encoding)
    if grid is not None:
        return grid
    if encoding == "utf-8-sig" and not _whole_file_is_utf8(
        path
    ):  # a non-UTF-8 byte past the sample
        encoding = "cp1252"
        grid = _read_arrow(path, sep, width, encoding)
        if grid is not None:
            return grid
    try:
        try:
            grid = read(width)
        except pd.errors.ParserError:
            # a row further down has more cells than any in the sample (extra columns, kept and
            # ignored like other unknown columns): measure the widest row, then read again
            with open(path, encoding=encoding, errors="replace", newline="") as fh:
                width = max([1, *(len(r) for r in csv.reader(fh, delimiter=sep))])
            grid = read(width)
    except pd.errors.ParserError as exc:
        row_no = re.search(r"line (\d+)", str(exc))
        row = int(row_no[1]) if row_no else None
        raise InputError(
            [Problem(file=label, row_no=row, code="csv_unparsable", args=(row,))]
        ) from exc
    except (pd.errors.EmptyDataError, csv.Error) as exc:
        raise InputError([Problem(file=label, code="csv_unreadable")]) from exc
    return grid


def _read_arrow(path: Path, sep: str, width: int, encoding: str) -> pd.DataFrame | None:
    """The fast path: Arrow's multi-threaded CSV reader, when every record has the same width.

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
    ragged: list[object] = []
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=name, encoding="utf8" if encoding == "utf-8-sig" else encoding
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=sep,
                ignore_empty_lines=False,
                newlines_in_values=True,
                invalid_row_handler=lambda row: ragged.append(row) or "skip",
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in name},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, UnicodeError, ValueError, OSError):
        return None
    if ragged:
        return None
    grid = table.to_pandas()
    grid.columns = range(width)
    return grid


def _guess_separator(lines: list[str]) -> str:
    """';' (Excel in Indonesian locale), ',' or tab: the one the header line uses most."""
    header = next((ln for ln in lines if "nip" in ln.lower()), None) or next(
        (ln for ln in lines if ln.strip()), ""
    )
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _header_and_data(
    grid: pd.DataFrame,
    label: str,
    sheet: str | None,
    schema: Schema,
    column: dict[str, str] | None = None,
) -> Table:
    """Find the header row by its names, map the columns, keep the data rows below it.

    ``column`` (``--kolom FIELD=HEADER``): the user's choice of header for a column, over jp's own.
    """

    def fail(code: str, *args: object, row_no: int | None = None) -> InputError:
        return InputError([Problem(file=label, sheet=sheet, row_no=row_no, code=code, args=args)])

    if grid.empty or all(
        _cell_text(v) == "" for v in grid.head(_HEADER_SEARCH_ROWS).to_numpy().ravel()
    ):
        raise fail("sheet_empty", schema.name)

    mapping = schema.header_map()
    forced = {
        match_key(title): name for name, title in (column or {}).items() if name in schema.columns
    }
    mapping.update(forced)
    best_pos = _header_position(grid, mapping)
    header = [_cell_text(v) for v in grid.iloc[best_pos]]
    header_row = best_pos + 1
    found = tuple(h for h in header if h)
    header_keys = {match_key(h) for h in header}
    for name, title in (column or {}).items():
        if match_key(title) not in header_keys:
            raise fail("forced_header_missing", name, title, header_row, found, row_no=header_row)
    mapping.update(
        {
            k: v
            for k, v in layout_overrides(header_keys, {mapping.get(k) for k in header_keys}).items()
            if k not in forced
        }
    )
    missing = schema.missing_required({mapping.get(match_key(h)) for h in header})
    if missing:
        aliases = tuple((k, schema.columns[k]) for choice in missing for k in choice)
        raise fail(
            "required_missing", tuple(missing), header_row, found, schema.required, aliases,
            row_no=header_row,
        )  # fmt: skip
    names, headers, ignored = _column_names(header, mapping, set(forced))
    problems = [
        Problem(file=label, sheet=sheet, row_no=header_row, column=text, value=text,
                level="peringatan", code="column_ignored", args=(text, canonical, used))
        for text, canonical, used in ignored
    ]  # fmt: skip
    frame = grid.iloc[best_pos + 1 :]
    frame.columns = names
    frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame), name="baris")
    return Table(label, sheet, frame, header_row, headers, problems)


def _header_position(grid: pd.DataFrame, mapping: dict[str, str]) -> int:
    """Position of the header row: among the first rows, the one naming most distinct columns."""
    best_pos, best_hits = 0, -1
    for pos, row in enumerate(grid.head(_HEADER_SEARCH_ROWS).itertuples(index=False)):
        hits = len({mapping[k] for k in (match_key(_cell_text(v)) for v in row) if k in mapping})
        if hits > best_hits:
            best_pos, best_hits = pos, hits
    return best_pos


def _column_names(
    header: list[str], mapping: dict[str, str], forced: set[str]
) -> tuple[list[str], dict[str, str], list[tuple[str, str, str]]]:
    """Frame column names for ``header``, the header text of each column read, and the ignored ones.

    When several headers name one column, the one chosen with --kolom wins, then the column's own
    name, then the first alias from the left; the others are kept as extra columns (never read) and
    listed as (header, column, header used instead).
    """
    chosen: dict[str, tuple[int, int]] = {}  # canonical -> (priority, column position)
    for pos, text in enumerate(header):
        canonical = mapping.get(match_key(text))
        if canonical is None:
            continue
        priority = (
            -1 if match_key(text) in forced else 0 if match_key(text) == match_key(canonical) else 1
        )
        if canonical not in chosen or priority < chosen[canonical][0]:
            chosen[canonical] = (priority, pos)
    names: list[str] = []
    headers: dict[str, str] = {}
    ignored: list[tuple[str, str, str]] = []
    taken = {pos for _, pos in chosen.values()}
    for pos, text in enumerate(header):
        canonical = mapping.get(match_key(text))
        if canonical is not None and chosen[canonical][1] == pos:
            names.append(canonical)
            headers[canonical] = text
            continue
        if canonical is not None and pos not in taken:
            ignored.append((text, canonical, header[chosen[canonical][1]]))
        names.append(f"~{pos}:{text}")  # an extra column: kept, never read
    return names, headers, ignored
