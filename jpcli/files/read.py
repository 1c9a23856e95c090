"""File -> raw table: the cells as they are, under canonical column names.

Reads .xlsx/.xlsm/.xls/.ods with calamine and .csv with pandas; recognises the file by
its first bytes, not its name (a pipe or stdin is first copied to a temporary file). Finds the
header row by its names (title rows above it are common), maps header aliases to canonical names
(``columns``) and keeps the row number each data row has in Excel (``Table.frame.index``).
Nothing is interpreted here: dates, numbers and NIPs are checked by ``normalize``. What the file
itself hides is reported here, with its place: a CSV quote that swallowed rows, a row wider than
its header, a merged cell that is not filled down, Excel error cells and formulas without a
saved value, the activity sheets not read.
"""

from __future__ import annotations

import contextlib
import csv
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from jpcli.files.columns import (
    HEADER_SEARCH_ROWS,
    Schema,
    header_position,
    layout_overrides,
    match_key,
)
from jpcli.files.columns import cell_text as _cell_text
from jpcli.files.read_ahead import ReadAhead
from jpcli.files.sniff import (
    PYTHON_CSV_LIMIT,
    CsvLayout,
    CsvRead,
    arrow_csv,
    csv_layout,
    encode_column,
    file_kind,
    one_line_each,
    reader,
    too_wide,
    whole_file_is_utf8,
)
from jpcli.files.workbook import Workbook, column_letters
from jpcli.problems import InputError, Problem
from jpcli.words import required_columns

_HEADER_SEARCH_ROWS = HEADER_SEARCH_ROWS


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


class RowCells:
    """Some columns of a sheet's data rows, each as a code per row into the column's distinct
    cells (code -1: an empty cell): what a ``pick`` (see ``read_ledger``) looks at to choose its
    rows. A column is made when first asked for; a column the file lacks is None."""

    def __init__(self, n_rows: int, column: Callable[[str], tuple | None]):
        self.n_rows = n_rows
        self._column = column
        self._made: dict[str, tuple | None] = {}

    def of(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(codes per row, distinct cells as objects) of the canonical column ``name``."""
        if name not in self._made:
            self._made[name] = self._column(name)
        return self._made[name]


Pick = Callable[[RowCells], np.ndarray]  # the data rows to keep, as a mask


def _frame_cells(frame: pd.DataFrame) -> RowCells:
    def column(name: str) -> tuple | None:
        if name not in frame:
            return None
        cells = frame[name]
        if isinstance(cells.dtype, pd.CategoricalDtype):
            return cells.cat.codes.to_numpy(), np.asarray(cells.cat.categories, dtype=object)
        codes, distinct = pd.factorize(cells)
        return codes, np.asarray(distinct, dtype=object)

    return RowCells(len(frame), column)


def _arrow_cells(read: CsvRead, names: list[str], first: int) -> RowCells:
    """``RowCells`` of the rows from position ``first`` of a CSV read by Arrow (columns named
    by position); a column encoded while it was read ahead is taken as it is."""

    def column(name: str) -> tuple | None:
        if name not in names:
            return None
        pos = names.index(name)
        codes, distinct = read.encoded.get(pos) or encode_column(read.table.column(pos))
        return codes[first:], distinct

    return RowCells(read.table.num_rows - first, column)


def _picked(table: Table, pick: Pick | None) -> Table:
    """``table`` with only the data rows ``pick`` chooses, and without the errors the reading
    found in the others (they are not checked: a CSV read by Arrow never looks at them)."""
    if pick is not None:
        table.frame = table.frame[pick(_frame_cells(table.frame))]
        kept = set(table.frame.index)
        table.problems = [
            p
            for p in table.problems
            if p.level != "salah" or p.row_no is None or p.row_no <= table.header_row
            or p.row_no in kept
        ]  # fmt: skip
    return table


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


@contextlib.contextmanager
def _regular_file(path: Path) -> Iterator[tuple[Path, str]]:
    """(a regular file to read, the name to show): ``-`` is stdin, and a pipe, FIFO or device
    (``/dev/stdin``) is first copied to a temporary file, since a ledger is read more than once
    (its kind, its encoding, then its cells). The copy is removed afterwards."""
    piped = str(path) == "-"
    label = "stdin" if piped else str(path)
    if not piped:
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = stat.S_IFREG  # missing: reported by _check_file
        if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
            yield path, label
            return
    with tempfile.TemporaryDirectory(prefix="jp-") as folder:
        copy = Path(folder) / "masukan"
        try:
            with contextlib.ExitStack() as stack:
                source = sys.stdin.buffer if piped else stack.enter_context(open(path, "rb"))
                with open(copy, "wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
        except (OSError, ValueError) as exc:
            raise InputError([Problem(file=label, code="stdin_unreadable", args=(exc,))]) from exc
        yield copy, label


def read_ledger(
    path: Path,
    schema: Schema,
    roster_schema: Schema | None = None,
    column: dict[str, str] | None = None,
    read_ahead: ReadAhead | None = None,
    sheet: str | None = None,
    pick: Pick | None = None,
) -> tuple[Table, Table | None]:
    """The activity sheet and, when present, the ``pegawai`` sheet (see ``_choose_sheet``).

    ``column``: canonical column -> header, chosen by the user (``--kolom``) over jp's own matching.
    ``read_ahead``: a ``read_ahead.ReadAhead`` that may already hold this workbook. ``sheet``: the
    activity sheet the user named (``--sheet``); a file without sheets ignores it. ``pick``: only
    the data rows it chooses are kept (``jp kartu --nip``); a CSV's other rows are then never
    made into pandas cells, nor checked for being wider than the header.
    """
    with _regular_file(Path(path)) as (path, label):
        jenis = _check_file(path, label)
        if jenis == "json":
            grid = _grid_from_json(path, label)
            return _picked(_header_and_data(grid, label, None, schema, column), pick), None
        if jenis == "parquet":
            return _picked(_table_from_parquet(path, label, schema, column), pick), None
        if jenis == "csv":
            table = _table_from_csv(path, label, schema, column, read_ahead, pick)
            if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
                table.problems.append(
                    Problem(
                        file=label,
                        level="peringatan",
                        code="csv_named_workbook",
                        args=(path.suffix,),
                    )
                )
            return table, None
        book = read_ahead.take(path) if read_ahead is not None else None
        book = book if isinstance(book, Workbook) else Workbook(path, label)
        kegiatan, pegawai = _read_workbook(book, label, schema, roster_schema, column, sheet)
        return _picked(kegiatan, pick), pegawai


def _read_workbook(
    book: Workbook,
    label: str,
    schema: Schema,
    roster_schema: Schema | None,
    column: dict[str, str] | None,
    sheet: str | None = None,
) -> tuple[Table, Table | None]:
    names = book.names
    if not names:
        raise InputError([Problem(file=label, code="workbook_no_sheets")])
    if sheet is not None:
        activity_sheet, notes = _named_sheet(book, label, sheet), []
    else:
        activity_sheet, notes = _choose_sheet(book, label, schema, roster_schema, column)
    kegiatan = _sheet_table(book, activity_sheet, label, schema, column)
    kegiatan.problems[:0] = [kegiatan.place(level="peringatan", code=c, args=a) for c, a in notes]
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
    by_key = {match_key(n): n for n in reversed(names)}
    if (
        roster_schema is not None
        and roster_schema.name in by_key
        and by_key[roster_schema.name] != activity_sheet
    ):
        name = by_key[roster_schema.name]
        rows, _ = book.cells_of(name)
        if rows:
            pegawai = _sheet_table(book, name, label, roster_schema)
    return kegiatan, pegawai


def _choose_sheet(
    book: Workbook,
    label: str,
    schema: Schema,
    roster_schema: Schema | None,
    column: dict[str, str] | None,
) -> tuple[str, list[tuple[str, tuple]]]:
    """The activity sheet, and the warnings (code, args) that say why it was chosen.

    The candidates are every sheet but the roster and ``petunjuk``. A visible sheet named like
    the schema (``kegiatan``) is read, the other qualifying sheets named in a warning; else the
    visible sheet whose header has the required columns, and when several have, none is
    guessed: ``InputError`` naming them, to choose one with ``--sheet`` (reading one of
    "Kegiatan 2024" and "Kegiatan 2025" silently lost the other year). A hidden sheet only when
    no visible one qualifies, with a warning.
    """
    other = {"petunjuk", roster_schema.name if roster_schema else ""}
    pool = [n for n in book.names if match_key(n) not in other] or book.names
    hidden = book.hidden_sheets
    named = [n for n in pool if match_key(n) == schema.name and n not in hidden]
    order = named + [n for n in pool if n not in hidden and n not in named]
    order += [n for n in pool if n in hidden]
    if len(order) == 1 and named:
        return order[0], []
    failures: list[InputError] = []
    qualified = [n for n in order if _qualifies(book, label, n, schema, column, failures, order)]
    chosen = named[0] if named else next(iter(qualified), None)
    if chosen is None:
        raise InputError(
            [
                Problem(
                    file=label,
                    code="no_activity_sheet",
                    args=(
                        schema.name,
                        required_columns(schema.required),
                        ", ".join(book.names),
                        schema.name,
                    ),
                )
            ]
            + [m for exc in failures[:1] for m in exc.problems]
        )
    notes: list[tuple[str, tuple]] = []
    if chosen in hidden:
        notes.append(("sheet_hidden_read", ()))
    skipped = [n for n in qualified if n in hidden and n != chosen]
    skipped += [n for n in pool if n in hidden and match_key(n) == schema.name and n not in skipped]
    others = [n for n in qualified if n not in hidden and n != chosen]
    if others and not named:
        raise InputError(
            [Problem(file=label, code="sheets_several_choose",
                     args=(len(others) + 1, tuple([chosen, *others]), schema.name))]
        )  # fmt: skip
    if others:
        notes.append(("sheets_several", (len(others) + 1, chosen, tuple(others))))
    if skipped and chosen not in hidden:
        notes.append(("sheet_hidden_skipped", (tuple(skipped), chosen)))
    return chosen, notes


def _named_sheet(book: Workbook, label: str, sheet: str) -> str:
    """The sheet named with ``--sheet`` (letter case and spaces aside), or ``InputError``."""
    by_key = {match_key(n): n for n in reversed(book.names)}
    found = sheet if sheet in book.names else by_key.get(match_key(sheet))
    if found is None:
        raise InputError(
            [Problem(file=label, code="sheet_not_found", args=(sheet, tuple(book.names)))]
        )
    return found


def _qualifies(
    book: Workbook,
    label: str,
    sheet: str,
    schema: Schema,
    column: dict[str, str] | None,
    failures: list[InputError],
    order: list[str],
) -> bool:
    """Does the sheet's header have the required columns? (Its head only, except for the sheet
    most likely chosen, ``order[0]``, read whole once.) A sheet that cannot be read does not
    qualify; why is kept in ``failures``."""
    try:
        if sheet == order[0]:
            rows, merged = book.cells_of(sheet)
        else:
            rows, merged = book.head_of(sheet, _HEADER_SEARCH_ROWS)
        head = pd.DataFrame(rows[:_HEADER_SEARCH_ROWS], dtype=object)
        if head.empty:
            return False
        _locate_header(_filled_head(head, merged), label, sheet, schema, column)
    except InputError as exc:
        failures.append(exc)
        return False
    return True


def read_table(path: Path, schema: Schema) -> Table:
    """A single table (e.g. a roster given with --pegawai).

    Its sheet: the one named like the schema, else the first.
    """
    with _regular_file(Path(path)) as (path, label):
        jenis = _check_file(path, label)
        if jenis == "json":
            return _header_and_data(_grid_from_json(path, label), label, None, schema)
        if jenis == "parquet":
            return _table_from_parquet(path, label, schema, None)
        if jenis == "csv":
            return _table_from_csv(path, label, schema, None)
        book = Workbook(path, label)
        by_key = {match_key(n): n for n in reversed(book.names)}
        sheet = by_key.get(schema.name) or book.names[0]
        return _sheet_table(book, sheet, label, schema)


def _sheet_table(
    book: Workbook, sheet: str, label: str, schema: Schema, column: dict[str, str] | None = None
) -> Table:
    """One sheet as a table, with its error cells and formulas without a value reported."""
    rows, merged = book.cells_of(sheet)
    grid = pd.DataFrame(rows, dtype=object)
    table = _header_and_data(grid, label, sheet, schema, column, merged=merged)
    table.problems += _cell_problems(table, book.cell_problems(sheet))
    return table


def _cell_problems(table: Table, cells: list[tuple[int, int, str, str]]) -> list[Problem]:
    """Excel error cells and formulas without a saved value, in the columns jp reads, below the
    header: calamine reads both as blank, so each is an error at its cell."""
    names = list(table.frame.columns)
    found = []
    for row, col, kind, text in sorted(cells):
        if row <= table.header_row or col >= len(names) or names[col] not in table.headers:
            continue
        ref = f"{column_letters(col)}{row}"
        code = "cell_error" if kind == "galat" else "formula_uncached"
        found.append(
            table.place(
                row_no=row,
                column=table.headers[names[col]],
                value=text,
                code=code,
                args=(ref, text),
            )
        )
    return found


def _filled_head(head: pd.DataFrame, merged: list) -> pd.DataFrame:
    """The first rows with every merged range filled down, as Excel shows them: to find the
    header row (a header spanning two header rows is written once, in the top cell)."""
    head = head.head(_HEADER_SEARCH_ROWS).copy()
    for (r0, c0), (r1, _) in merged:
        if r1 > r0 and r0 < len(head) and c0 < head.shape[1]:
            head.iloc[r0 + 1 : r1 + 1, c0] = head.iat[r0, c0]
    return head


def _fill_merged(
    grid: pd.DataFrame,
    merged: list | tuple,
    header_pos: int,
    names: list[str],
    fill_down: tuple[str, ...],
    table: Table,
) -> list[Problem]:
    """Fill merged ranges down where Excel's display is their meaning; say where it is not.

    In the header rows every range is filled (a header spanning two rows). Below the header only
    the schema's identity columns are (one NIP merged over an employee's rows means that NIP on
    each row); a merged quantity or activity cell means one value, not one per row (24 JP merged
    over three rows is not 72 JP), so it stays in its top row and the range is named in a
    warning. Ranges in columns jp does not read are left alone.
    """
    problems = []
    for (r0, c0), (r1, c1) in merged:
        if r1 <= r0 or r0 >= len(grid) or c0 >= grid.shape[1]:
            continue
        name = names[c0]
        if r0 <= header_pos or name in fill_down:
            stop = min(r1, header_pos) if r0 <= header_pos else r1
            if stop > r0:
                grid.iloc[r0 + 1 : stop + 1, c0] = grid.iat[r0, c0]
        elif name in table.headers:
            ref = f"{column_letters(c0)}{r0 + 1}:{column_letters(c1)}{r1 + 1}"
            problems.append(
                table.place(
                    row_no=r0 + 1,
                    column=table.headers[name],
                    value=_cell_text(grid.iat[r0, c0]),
                    level="peringatan",
                    code="merged_not_filled",
                    args=(ref, r0 + 1, min(r1, len(grid) - 1) + 1),
                )
            )
    return problems


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


def _table_from_parquet(
    path: Path, label: str, schema: Schema, column: dict[str, str] | None
) -> Table:
    """A Parquet ledger: the header found in its first records (its column names, as a rule),
    then every record below it with each column read once per distinct value."""
    import pyarrow.parquet as pq

    table = _header_and_data(grid_from_parquet(path, label, _HEADER_SEARCH_ROWS + 1), label,
                             None, schema, column)  # fmt: skip
    if table.header_row != 1:  # titles above the header, stored as records: read as a grid
        return _header_and_data(grid_from_parquet(path, label), label, None, schema, column)
    body = pq.read_table(path)
    table.frame = pd.DataFrame(
        {name: typed_cells(body.column(i)) for i, name in enumerate(table.frame.columns)},
        index=pd.RangeIndex(2, 2 + body.num_rows, name="baris"),
    )
    return table


def typed_cells(values) -> pd.Categorical:
    """A column of an Arrow table as categorical cells: text as its dictionary, numbers and
    dates as their distinct values (each is then parsed once, as a workbook's cells are)."""
    import pyarrow as pa

    if pa.types.is_dictionary(values.type):  # text stored with its dictionary
        return values.to_pandas().array
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return values.dictionary_encode().to_pandas().array
    return pd.Categorical(values.to_pandas())


def grid_from_parquet(path: Path, label: str, n_rows: int | None = None) -> pd.DataFrame:
    """A Parquet ledger (a data team's copy of the national ledger) -> a grid whose first row is
    the column names, so record k is row k + 1, as in the same records saved as CSV. Cells keep
    their types (text, numbers, dates), as an xlsx's do. ``n_rows``: only the first records."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        source = pq.ParquetFile(path)
        if n_rows is None:
            table = source.read()
        else:
            table = pa.Table.from_batches(
                [next(source.iter_batches(batch_size=n_rows), None) or []],
                schema=source.schema_arrow,
            )
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise InputError([Problem(file=label, code="parquet_unreadable", args=(exc,))]) from exc
    body = table.to_pandas().astype(object)
    body = body.where(body.notna(), None)
    body.columns = range(table.num_columns)
    title = pd.DataFrame([table.column_names], dtype=object)
    return pd.concat([title, body], ignore_index=True)


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


@dataclass(frozen=True)
class _Csv:
    """How a CSV was cut: its separator, and the columns where some cell holds a line break."""

    sep: str
    multiline: tuple[int, ...] = ()


def _table_from_csv(
    path: Path,
    label: str,
    schema: Schema,
    column: dict[str, str] | None,
    ahead: ReadAhead | None = None,
    pick: Pick | None = None,
) -> Table:
    layout = csv_layout(path, label)
    read = ahead.take(path) if ahead is not None else None  # Arrow's read, done on a thread
    if pick is not None and isinstance(read, CsvRead) and read.layout == layout:
        if read.one_line_each:  # no cell spans lines: no quote swallowed rows to name
            return _picked_csv(read, label, schema, column, pick)
    handed = [read]  # the grid's reader drops the Arrow table once converted: hold no reference
    del read
    grid, cut = _grid_from_csv(path, label, layout, handed)
    return _picked(_header_and_data(grid, label, None, schema, column, csv_cut=cut), pick)


def _picked_csv(
    read: CsvRead, label: str, schema: Schema, column: dict[str, str] | None, pick: Pick
) -> Table:
    """The table of a CSV read by Arrow with only the rows ``pick`` chooses made into pandas
    cells (categorical, as the whole read makes them); each keeps its row number."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow, layout = read.table, read.layout
    header = _locate_header(
        _arrow_grid(arrow.slice(0, _HEADER_SEARCH_ROWS), layout.width), label, None, schema, column
    )
    names, _, _ = _column_names(header.text, header.mapping, header.forced)
    first = header.pos + 1
    keep = np.concatenate([np.ones(first, dtype=bool), pick(_arrow_cells(read, names, first))])
    rows = np.flatnonzero(keep[first:]) + first
    kept = arrow.filter(pa.array(keep))  # chunk by chunk (``take`` would join them first)
    kept = pa.table(
        [c if pa.types.is_dictionary(c.type) else pc.dictionary_encode(c) for c in kept.columns],
        names=kept.column_names,
    )
    return _header_and_data(
        _arrow_grid(kept, layout.width), label, None, schema, column, csv_cut=_Csv(layout.sep),
        found=header, rows=rows,
    )  # fmt: skip


def header_table(
    head: pd.DataFrame, label: str, schema: Schema, column: dict[str, str] | None
) -> Table:
    """The header of a CSV found in its first records (``head``), as the whole-file reader
    finds it: a ``Table`` whose frame holds the rows of ``head`` below the header under the
    names jp gives its columns (canonical, or ``~position:header`` for a column jp ignores)."""
    return _header_and_data(head, label, None, schema, column)


def _grid_from_csv(
    path: Path, label: str, layout: CsvLayout, handed: list
) -> tuple[pd.DataFrame, _Csv]:
    """The CSV as a grid. ``handed``: [what was read ahead], used when it was read by ``layout``
    and released (taken from the list) as soon as it is converted: Arrow's memory is given
    back before the grid is worked on."""
    encoding, sep, width = layout.encoding, layout.sep, layout.width
    read = handed.pop()
    if isinstance(read, CsvRead) and read.layout == layout:
        grid, one_line = _arrow_grid(read.table, width), read.one_line_each
    else:
        grid, one_line = _read_arrow(path, sep, width, encoding), None
    del read
    if grid is None and encoding == "utf-8-sig" and not whole_file_is_utf8(path):
        encoding = "cp1252"  # a non-UTF-8 byte past the sample
        grid = _read_arrow(path, sep, width, encoding)
    if grid is None:
        grid = _read_pandas(path, label, sep, width, encoding)
    _release_arrow_memory()
    multiline = ()
    if not (one_line if one_line is not None else one_line_each(path, len(grid))):
        multiline = tuple(
            i for i, c in enumerate(grid) if grid[c].str.contains("\n", regex=False, na=False).any()
        )
    return grid, _Csv(sep, multiline)


def _release_arrow_memory() -> None:
    """Hand back to the system what Arrow's allocator kept from reading (a few hundred MB for a
    million rows): the memory is not pandas' or numpy's to reuse, and would only swell the peak."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _read_pandas(path: Path, label: str, sep: str, width: int, encoding: str) -> pd.DataFrame:
    """The slow path: pandas' own parser, which copes with ragged rows; a quote left open to the
    end of the file is read by Python's csv module, so the rows it swallowed can be shown."""

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

    try:
        try:
            return read(width)
        except pd.errors.ParserError as exc:
            if "EOF inside string" in str(exc) and path.stat().st_size <= PYTHON_CSV_LIMIT:
                return _read_python(path, label, sep, encoding)
            # a row further down has more cells than any in the sample: measure the widest
            # row, then read again
            return read(_widest(path, label, sep, encoding))
    except pd.errors.ParserError as exc:
        row_no = re.search(r"line (\d+)", str(exc))
        row = int(row_no[1]) if row_no else None
        raise InputError(
            [Problem(file=label, row_no=row, code="csv_unparsable", args=(row,))]
        ) from exc
    except (pd.errors.EmptyDataError, csv.Error) as exc:
        raise InputError([Problem(file=label, code="csv_unreadable")]) from exc


def _csv_records(path: Path, sep: str, encoding: str) -> Iterator[list[str]]:
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        yield from reader(fh, sep)


def _widest(path: Path, label: str, sep: str, encoding: str) -> int:
    widths = (len(r) for r in _csv_records(path, sep, encoding))
    width = 1
    for i, w in enumerate(widths):
        too_wide([w], label, i + 1)
        width = max(width, w)
    return width


def _read_python(path: Path, label: str, sep: str, encoding: str) -> pd.DataFrame:
    records = []
    for i, record in enumerate(_csv_records(path, sep, encoding)):
        too_wide([len(record)], label, i + 1)
        records.append(record)
    width = max([1, *map(len, records)])
    return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)


def _read_arrow(path: Path, sep: str, width: int, encoding: str) -> pd.DataFrame | None:
    """Arrow's read of the CSV (``sniff.arrow_csv``) as a grid of categorical columns, or None."""
    table = arrow_csv(path, sep, width, encoding)
    return None if table is None else _arrow_grid(table, width)


def _arrow_grid(table, width: int) -> pd.DataFrame:
    """An Arrow table of dictionary columns as a grid of categorical columns numbered 0, 1, ..."""
    grid = table.to_pandas()
    grid.columns = range(width)
    return grid


@dataclass(frozen=True)
class _Header:
    pos: int  # position of the header row in the grid
    text: list[str]  # its cells
    mapping: dict[str, str]  # header key -> canonical column
    forced: set[str]  # header keys chosen with --kolom


def _locate_header(
    grid: pd.DataFrame,
    label: str,
    sheet: str | None,
    schema: Schema,
    column: dict[str, str] | None,
) -> _Header:
    """Find the header row by its names among the first rows; ``InputError`` when the sheet is
    empty or lacks a required column (or a header named with ``--kolom``)."""

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
    pos = _header_position(grid, mapping)
    header = [_cell_text(v) for v in grid.iloc[pos]]
    header_row = pos + 1
    found = tuple(h for h in header if h)
    header_keys = {match_key(h) for h in header}
    for name, title in (column or {}).items():
        if match_key(title) not in header_keys:
            raise fail("forced_header_missing", name, title, header_row, found, row_no=header_row)
    overrides = layout_overrides(header_keys, {mapping.get(k) for k in header_keys})
    mapping.update({k: v for k, v in overrides.items() if k not in forced})
    missing = schema.missing_required({mapping.get(match_key(h)) for h in header})
    if missing:
        aliases = tuple((k, schema.columns[k]) for choice in missing for k in choice)
        raise fail(
            "required_missing", tuple(missing), header_row, found, schema.required, aliases,
            row_no=header_row,
        )  # fmt: skip
    return _Header(pos, header, mapping, set(forced))


def _header_and_data(
    grid: pd.DataFrame,
    label: str,
    sheet: str | None,
    schema: Schema,
    column: dict[str, str] | None = None,
    merged: list | tuple = (),
    csv_cut: _Csv | None = None,
    found: _Header | None = None,
    rows: np.ndarray | None = None,
) -> Table:
    """Find the header row by its names, map the columns, keep the data rows below it.

    ``column`` (``--kolom FIELD=HEADER``): the user's choice of header for a column, over jp's own.
    ``merged``: the sheet's merged ranges ((row, col), (row, col)) from 0; ``csv_cut``: how a CSV
    was cut, to report rows it cut wrongly; ``found``: the header, already found in the first
    rows; ``rows``: when the grid holds only some data rows, below the rows down to the header,
    the position of each in the sheet (from 0: its row number less one).
    """
    head = _filled_head(grid, merged) if merged else grid
    header = found or _locate_header(head, label, sheet, schema, column)
    header_row = header.pos + 1
    names, headers, ignored = _column_names(header.text, header.mapping, header.forced)
    problems = [
        Problem(file=label, sheet=sheet, row_no=header_row, column=text, value=text,
                level="peringatan", code="column_ignored", args=(text, canonical, used))
        for text, canonical, used in ignored
    ]  # fmt: skip
    table = Table(label, sheet, grid, header_row, headers, problems)
    if merged:
        problems += _fill_merged(grid, merged, header.pos, names, schema.fill_down, table)
    first_row = header_row + 1
    numbers = (
        pd.RangeIndex(first_row, first_row + len(grid) - header.pos - 1, name="baris")
        if rows is None
        else pd.Index(rows + 1, name="baris")
    )
    if csv_cut is not None:
        problems += _wide_rows(grid, header, csv_cut, table, numbers)
        problems += _swallowed_rows(grid, header, csv_cut, table)
    frame = grid.iloc[header.pos + 1 :]
    frame.columns = names
    frame.index = numbers
    table.frame = frame
    return table


def _wide_rows(
    grid: pd.DataFrame, header: _Header, cut: _Csv, table: Table, numbers: pd.Index
) -> list[Problem]:
    """CSV rows with fields beyond the last header: pandas kept them in columns no header names,
    which nobody reads (``1,5`` unquoted in a comma CSV: jumlah 1, the title shifted). Each such
    row is an error naming its extra fields (``numbers``: the row number of each data row)."""
    n_headers = max((i + 1 for i, h in enumerate(header.text) if h), default=0)
    extra = grid.iloc[header.pos + 1 :, n_headers:]
    if extra.shape[1] == 0:
        return []
    filled = extra.fillna("").astype(str).apply(lambda c: c.str.strip() != "").to_numpy()
    rows = filled.any(axis=1).nonzero()[0]
    last = filled.shape[1] - filled[:, ::-1].argmax(axis=1)  # fields up to the last filled one
    found = []
    for pos in rows:
        fields = [_cell_text(v) for v in extra.iloc[pos, : last[pos]]]
        shown = ", ".join(f'"{v}"' for v in fields)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        found.append(
            table.place(
                row_no=int(numbers[pos]),
                value=cut.sep.join(fields),
                code="csv_row_too_wide",
                args=(n_headers + int(last[pos]), n_headers, shown, cut.sep),
            )
        )
    return found


def _swallowed_rows(grid: pd.DataFrame, header: _Header, cut: _Csv, table: Table) -> list[Problem]:
    """Cells whose text runs over several lines of the file that look like rows of their own
    (with several separators): an opening quote left open swallowed them. Each is an error at
    the row Excel shows, naming the lines of the file it spans."""
    if not cut.multiline:
        return []
    breaks = sum(grid[grid.columns[i]].str.count("\n").fillna(0) for i in cut.multiline)
    first_line = pd.Series(range(1, len(grid) + 1)) + breaks.shift(fill_value=0).cumsum().to_numpy()
    needed = min(3, max(2, (sum(1 for h in header.text if h) - 1) // 2))
    found = []
    for i in cut.multiline:
        cells = grid.iloc[header.pos + 1 :, i]
        for pos, text in cells[cells.str.contains("\n", regex=False, na=False)].items():
            lines = text.rstrip("\r\n").split("\n")
            if not any(line.count(cut.sep) >= needed for line in lines[1:]):
                continue
            at = grid.index.get_loc(pos)
            start = int(first_line.iloc[at])
            found.append(
                table.place(
                    row_no=at + 1,
                    column=header.text[i] or None,
                    value=lines[0][:80],
                    code="csv_swallowed_rows",
                    args=(start, start + len(lines) - 1, len(lines), cut.sep),
                )
            )
    return sorted(found, key=lambda m: m.row_no)


def _header_position(grid: pd.DataFrame, mapping: dict[str, str]) -> int:
    """Position of the header row: among the first rows, the one naming most distinct columns."""
    return header_position(grid.head(_HEADER_SEARCH_ROWS).itertuples(index=False), mapping)


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
