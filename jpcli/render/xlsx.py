"""Print-ready workbooks with openpyxl: the Lampiran II card layout (Panduan, Lampiran II).

pandas' ``to_excel`` cannot write a two-level header without an index, so the card is
laid out cell by cell; merged ranges carry their value in the top-left cell only.
"""

from __future__ import annotations

import math
import numbers
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jpcli.problems import JpError, Problem
from jpcli.render.machine import jp
from jpcli.rules import JP_COLUMNS, KLASIKAL_COLUMNS, NONKLASIKAL_COLUMNS, Jenis, RuleSet
from jpcli.words import (
    COLUMN_TITLES,
    KARTU_TITLE,
    MONTHS,
    NO_TOPIC,
    SATUAN_WORD,
    format_jp,
    format_nip,
    guidance_topic,
    kartu_status,
    plan_text,
    reason_text,
    weekday_date,
)
from jpcli.words import text as say

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from jpcli.core.explain import EmployeeCard
    from jpcli.core.shortfall import ShortfallReport

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)

MAX_ROWS = 1_048_576  # rows of one sheet (Excel); a longer table goes on to "Sheet (2)", ...
MAX_TEXT = 32_767  # characters of one cell (Excel)
# what XML 1.0 cannot hold: C0 controls but tab, LF and CR (a Word soft line break is \x0b,
# _x000B_ in a workbook), lone surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def cell_text(value: object) -> str:
    """Text as a cell can hold it: characters XML cannot hold become a space, text past Excel's
    32,767 characters is cut (ending with …)."""
    text = _NOT_XML.sub(" ", str(value))
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def put(ws: Worksheet, row: int, column: int, value):
    """Write ``value`` into a cell (openpyxl) and return the cell. Text stays text: openpyxl
    would store text starting with '=' as a formula and '#N/A' as an error; it is cleaned by
    ``cell_text``."""
    return _fill(ws.cell(row=row, column=column), value)


def _fill(cell, value):
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def page_title(title: str, page: int) -> str:
    """The name of a table's ``page``-th sheet: "Kartu 2025", "Kartu 2025 (2)", ..."""
    return title if page == 1 else f"{title} ({page})"


def pages(n_rows: int, above_first: int, above_next: int, tail: int = 0) -> list[range]:
    """Which of a table's ``n_rows`` rows each sheet holds, so that no sheet passes ``MAX_ROWS``:
    ``above_first`` rows above the table rows on the first sheet (titles and the header),
    ``above_next`` on the next ones (the header repeated), ``tail`` rows kept free below (the
    JUMLAH row, signatures...). Always at least one page."""
    found, start, above = [], 0, above_first
    while True:
        room = max(1, MAX_ROWS - above - tail)
        found.append(range(start, min(start + room, n_rows)))
        start += room
        if start >= n_rows:
            return found
        above = above_next


class StreamedWorkbook(Workbook):
    """A write-only openpyxl workbook, its sheets written as ``Stream``. When building or saving it
    fails (a full disk...), its sheets are closed at once and quietly: openpyxl would close
    them as garbage later, printing "Exception ignored" with a traceback after jp's message."""

    def __init__(self):
        super().__init__(write_only=True)

    def save(self, filename) -> None:
        with self.abandoned_on_error():
            super().save(filename)

    @contextmanager
    def abandoned_on_error(self) -> Iterator[StreamedWorkbook]:
        try:
            yield self
        except BaseException:
            for ws in self.worksheets:
                for part in (getattr(ws, "_rows", None), getattr(ws, "_writer", None)):
                    if part is not None:
                        with suppress(Exception):
                            part.close()
            raise


class Stream:
    """One sheet of a write-only openpyxl workbook, written from top to bottom.

    Each part of the sheet (titles, a table's header, signatures) is drawn with the usual openpyxl
    calls on a draft, a normal worksheet of the same workbook (so it shares its styles), then its
    rows are appended to the sheet with their heights and merged ranges, and the draft is dropped;
    a table's rows are appended one by one (``stream_table``). A normal openpyxl worksheet keeps
    an object per cell until it is saved: one employee with 460 000 activities took 3.5 GB and
    4.5 minutes; written this way, memory stays that of one row.
    """

    def __init__(self, wb: Workbook, title: str, widths: list[float]):
        self.sheet = wb.create_sheet(title)
        self.widths = widths
        set_widths(self.sheet, widths)
        self.written = 0  # the last row appended

    def draft(self) -> Worksheet:
        draft = Worksheet(self.sheet.parent)
        set_widths(draft, self.widths)
        return draft

    def flush(self, draft: Worksheet) -> None:
        """Append the draft's rows below the last one written, and its merged ranges."""
        for row in draft.iter_rows(min_row=self.written + 1, max_row=draft.max_row):
            number = row[0].row
            dimension = draft.row_dimensions.get(number)
            height = None if dimension is None else dimension.height
            self.append(number, [_kept(self.sheet, c) for c in row], height)
        for merged in draft.merged_cells.ranges:
            self.sheet.merged_cells.add(merged.coord)

    def append(self, number: int, cells: list, height: float | None = None) -> None:
        """Row ``number`` (below the last one written) with its cells and height."""
        while self.written < number - 1:
            self.sheet.append([])
            self.written += 1
        dimensions = self.sheet.row_dimensions
        if height:
            dimensions[number].height = height
        self.sheet.append(cells)  # written at once: its height is no longer needed
        if height:
            del dimensions[number]
        self.written = number


def _kept(sheet, cell):
    """A drafted cell as the sheet takes it: None when it holds nothing, the covered cell of a
    merged range as an empty cell with its style (its border)."""
    if isinstance(cell, MergedCell):
        return Cell(sheet, row=cell.row, column=cell.column, style_array=cell._style)
    return cell if cell.has_style or cell.value is not None else None


def stream_pages(
    wb: Workbook, title: str, widths: list[float], n_rows: int, top: int, tail: int = 0
) -> Iterator[tuple[Stream, int, range]]:
    """The sheets a table of ``n_rows`` rows with its header at row ``top`` fills:
    ``(sheet, header row, rows)``, the sheets made one after the other ("Rincian",
    "Rincian (2)"...), each with the widths and the header on row 1 after the first."""
    for page, part in enumerate(pages(n_rows, top, 1, tail), start=1):
        yield Stream(wb, page_title(title, page), widths), top if page == 1 else 1, part


def stream_table(
    stream: Stream,
    top: int,
    title: list[str],
    rows: Iterable[list],
    wrap: set[int] = frozenset(),
    row_height: float | None = None,
    finish: Callable[[Worksheet, int, int], None] | None = None,
) -> int:
    """``simple_table`` on a stream; returns its last row. The header and the first row are
    drawn on a draft (``finish(draft, first row, last row)`` adds a caller's own styles); every
    other row is appended with the first row's style, column by column, and its own height."""
    rows = iter(rows)
    first = next(rows, None)
    draft = stream.draft()
    last = simple_table(draft, top, title, [] if first is None else [first], wrap, row_height)
    if finish is not None:
        finish(draft, top + 1, last)
    styles = [draft.cell(last, 1 + i)._style for i in range(len(title))]
    stream.flush(draft)
    for values in rows:
        last += 1
        cells = [
            _fill(Cell(stream.sheet, row=last, column=col, style_array=style), value)
            for col, (style, value) in enumerate(zip(styles, values), start=1)
        ]
        stream.append(last, cells, _row_height(stream.sheet, values, wrap, row_height, 1))
    return last


def style_header(cell) -> None:
    cell.font = BOLD
    cell.alignment = CENTER
    cell.fill = HEADER_FILL
    cell.border = BORDER


def frame_cells(
    ws: Worksheet, first_row: int, last_row: int, first_column: int, last_column: int
) -> None:
    for row in ws.iter_rows(
        min_row=first_row, max_row=last_row, min_col=first_column, max_col=last_column
    ):
        for cell in row:
            cell.border = BORDER


def merged_column(
    ws: Worksheet, row: int, first_column: int, last_column: int, value, **style
) -> None:
    """Merge the cells of ``row`` from ``first_column`` to ``last_column`` and put the value in the
    first; ``style``: cell attributes (font, alignment…)."""
    ws.merge_cells(start_row=row, start_column=first_column, end_row=row, end_column=last_column)
    cell = put(ws, row, first_column, value)
    for attribute, setting in style.items():
        setattr(cell, attribute, setting)


def ready_to_print(ws: Worksheet, repeat_rows: str | None = None, landscape: bool = True) -> None:
    """A4, fit to page width, rows ``repeat_rows`` ("4:5") repeated on every page, page numbers in
    the footer."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if repeat_rows:
        ws.print_title_rows = repeat_rows
    ws.oddFooter.center.text = "Halaman &P dari &N"


def set_widths(ws: Worksheet, widths: list[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


N_KARTU_COLUMNS = 3 + len(JP_COLUMNS) + 2  # NO NIP NAMA | 9 JP columns | TOTAL STATUS
KARTU_WIDTHS = [5, 21, 32, *([13.5] * len(JP_COLUMNS)), 9, 17]


def sheet_title(ws: Worksheet, row: int, n_columns: int, *lines: str) -> int:
    """Centered title lines across the sheet from ``row``; returns the next free row."""
    for i, text in enumerate(lines):
        merged_column(
            ws,
            row + i,
            1,
            n_columns,
            text,
            font=Font(bold=True, size=13 if i == 0 else 12),
            alignment=CENTER,
        )
    return row + len(lines)


@dataclass
class KartuLayout:
    """The Lampiran II table laid out once, then written by either library: ``kartu_table``
    (openpyxl, inside the one-employee workbook) or ``write_kartu`` (xlsxwriter, the full card).
    Its rows are made one at a time (``row``) as they are written: a card of 340 000 employees
    would otherwise hold them all as Python lists."""

    title: list[
        tuple[int, int, int, int, str]
    ]  # (row, col, last row, last col, text); rows 0-1, cols from 0
    columns: dict[str, list]  # no, nip, nama, kurang: one value per employee
    figures: np.ndarray  # the JP columns and TOTAL, one row per employee
    meets: list[bool]
    totals: list | None  # the JUMLAH row: values from PENDIDIKAN to TOTAL

    def row(self, i: int) -> list:
        """Row ``i``'s cell values: NO, NIP, NAMA, the JP columns, TOTAL, STATUS."""
        c = self.columns
        status = kartu_status(self.meets[i], c["kurang"][i])
        nip, name = cell_text(c["nip"][i]), cell_text(c["nama"][i])
        return [int(c["no"][i]), nip, name, *self.figures[i].tolist(), status]


NIP_COLUMN, NAME_COLUMN, TOTAL_COLUMN, STATUS_COLUMN = (
    1,
    2,
    N_KARTU_COLUMNS - 2,
    N_KARTU_COLUMNS - 1,
)


def kartu_layout(kartu: pd.DataFrame, totals: dict[str, float] | None) -> KartuLayout:
    title = [
        (0, c, 1, c, t)
        for c, t in (
            (0, "NO"),
            (1, "NIP"),
            (2, "NAMA"),
            (3, "PENDIDIKAN"),
            (TOTAL_COLUMN, "TOTAL"),
            (STATUS_COLUMN, "STATUS"),
        )
    ]
    for band, column in (("KLASIKAL", KLASIKAL_COLUMNS), ("NON KLASIKAL", NONKLASIKAL_COLUMNS)):
        offset = 3 + JP_COLUMNS.index(column[0])
        title.append((0, offset, 0, offset + len(column) - 1, band))
        title += [
            (1, offset + i, 1, offset + i, COLUMN_TITLES[col].upper())
            for i, col in enumerate(column)
        ]
    figures = (kartu[[*JP_COLUMNS, "total"]].astype(float).round(2) + 0.0).to_numpy()
    return KartuLayout(
        title=title,
        columns={c: kartu[c].tolist() for c in ("no", "nip", "nama", "kurang")},
        figures=figures,
        meets=[bool(m) for m in kartu["memenuhi"]],
        totals=None if totals is None else [jp(totals[c]) for c in (*JP_COLUMNS, "total")],
    )


def kartu_table(
    ws: Worksheet, top: int, kartu: pd.DataFrame, totals: dict[str, float] | None
) -> int:
    """The Lampiran II table (openpyxl) with its two header rows at row ``top``; returns its last
    row."""
    layout = kartu_layout(kartu, totals)
    for r0, c0, r1, c1, text in layout.title:
        if (r0, c0) != (r1, c1):
            ws.merge_cells(
                start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1
            )
        put(ws, top + r0, c0 + 1, text)
    for row in ws.iter_rows(min_row=top, max_row=top + 1, max_col=N_KARTU_COLUMNS):
        for cell in row:
            style_header(cell)
    ws.row_dimensions[top + 1].height = 30
    last = top + 1
    for i, ok in enumerate(layout.meets):
        last += 1
        for col, value in enumerate(layout.row(i), start=1):
            put(ws, last, col, value)
        ws.cell(row=last, column=NIP_COLUMN + 1).number_format = "@"
        ws.cell(row=last, column=STATUS_COLUMN + 1).font = Font(
            color="006100" if ok else "C00000", bold=not ok
        )
        ws.cell(row=last, column=TOTAL_COLUMN + 1).font = BOLD
    if layout.totals is not None:
        last += 1
        merged_column(ws, last, 1, 3, "JUMLAH", font=BOLD, alignment=Alignment(horizontal="center"))
        for i, value in enumerate(layout.totals):
            put(ws, last, 4 + i, value).font = BOLD
    frame_cells(ws, top + 2, last, 1, N_KARTU_COLUMNS)
    for row in ws.iter_rows(min_row=top + 2, max_row=last, min_col=1, max_col=N_KARTU_COLUMNS):
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=cell.column == NAME_COLUMN + 1)
    return last


def write_kartu(
    path: Path,
    kartu: pd.DataFrame,
    totals: dict[str, float],
    year: int,
    notes: list[str],
    summary: str,
    warnings: list[Problem],
) -> None:
    """``jp hitung -o kartu.xlsx``: the print-ready Lampiran II of every employee.

    Written with xlsxwriter: openpyxl resolves every styled cell through a hashed style table
    and needed about 50 s for a 33 000-employee card on the benchmark machine; xlsxwriter
    shares one format object per kind of cell. In its constant_memory mode each row goes to
    disk when the next one starts (200 000 employees and their warnings held 450 MB
    otherwise), so every sheet is written strictly from top to bottom. Its temporary files go
    in a folder of their own, removed however the write ends (an error, a full disk, a stop
    signal).
    """
    with kartu_writer(path) as (wb, f):
        kartu_sheets(wb, f, kartu, totals, year, notes, summary)
        if warnings:
            _write_warnings(wb, f["kepala"], warnings)


@contextmanager
def kartu_writer(path: Path):
    """An xlsxwriter workbook in constant_memory mode and the card's formats, its temporary files
    in a folder of their own, stored at the end (``write_kartu``)."""
    import xlsxwriter

    with tempfile.TemporaryDirectory(prefix="jp-xlsx-") as scratch:
        wb = xlsxwriter.Workbook(str(path), {"tmpdir": scratch, "constant_memory": True})
        yield wb, _kartu_formats(wb)
        _close(wb, path)


def kartu_sheets(wb, f: dict, kartu, totals, year: int, notes: list[str], summary: str) -> None:
    """The sheets ``Kartu YEAR`` (and its next pages) of the full card."""
    layout = kartu_layout(kartu, totals)
    # the first sheet: 3 title rows and the 2 header rows; the next ones: the header again;
    # below the last row: JUMLAH, a blank, the summary
    parts = pages(len(layout.meets), 5, 2, tail=3)
    for page, part in enumerate(parts, start=1):
        ws = wb.add_worksheet(page_title(f"Kartu {year}", page))
        top = 3 if page == 1 else 0  # 0-based row of the header (Excel rows 4 and 5)
        if page == 1:
            last_column_index = N_KARTU_COLUMNS - 1
            for row, text, style in (
                (0, KARTU_TITLE, "judul"),
                (1, f"TAHUN {year}", "sub"),
                (2, " · ".join(notes), "ket"),
            ):
                merge_text(ws, row, 0, row, last_column_index, text, f[style])
        last = _write_kartu_rows(ws, f, top, layout, part, page == len(parts))
        if page == len(parts):
            ws.write_string(last + 2, 0, cell_text(summary), f["tebal"])
        _kartu_page_setup(ws, top)


def write_warnings(wb, f: dict, warnings: list[Problem]) -> None:
    """The sheets ``peringatan`` of the full card (``write_kartu``)."""
    _write_warnings(wb, f["kepala"], warnings)


def merge_text(ws, first_row: int, first_col: int, last_row: int, last_col: int, text, style):
    """xlsxwriter's merge_range with text that stays text (merge_range alone would write text
    starting with '=' as a formula)."""
    ws.merge_range(first_row, first_col, last_row, last_col, "", style)
    ws.write_string(first_row, first_col, cell_text(text), style)


def _kartu_page_setup(ws, top: int) -> None:
    """Widths, frozen panes and print settings of one sheet of the full card."""
    for i, width in enumerate(KARTU_WIDTHS):
        ws.set_column(i, i, width)
    ws.freeze_panes(top + 2, 3)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.repeat_rows(top, top + 1)
    ws.set_footer("&CHalaman &P dari &N")


def _close(wb, path: Path) -> None:
    """Store the workbook; xlsxwriter's wrapped system error (full disk...) is raised as the
    OSError it is, a card past the zip limit as a message."""
    from xlsxwriter.exceptions import FileCreateError, FileSizeError

    try:
        wb.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else OSError(exc)
        raise cause from None
    except FileSizeError as exc:
        raise JpError("output_too_large", path) from exc


def _kartu_formats(wb) -> dict:
    """xlsxwriter formats of the full card, one per kind of cell."""
    border = {"border": 1, "valign": "vcenter"}
    return {
        "judul": wb.add_format(
            {"bold": True, "font_size": 13, "align": "center", "valign": "vcenter"}
        ),
        "sub": wb.add_format({"bold": True, "font_size": 12, "align": "center"}),
        "ket": wb.add_format({"italic": True, "font_size": 9, "align": "center"}),
        "kepala": wb.add_format(
            {
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "border": 1,
                "bg_color": "#D9E1F2",
            }
        ),
        "sel": wb.add_format(border),
        "teks": wb.add_format({**border, "num_format": "@"}),
        "nama": wb.add_format({**border, "text_wrap": True}),
        "total": wb.add_format({**border, "bold": True}),
        "ok": wb.add_format({**border, "font_color": "#006100"}),
        "kurang": wb.add_format({**border, "font_color": "#C00000", "bold": True}),
        "jumlah": wb.add_format({"border": 1, "bold": True, "align": "center"}),
        "tebal": wb.add_format({"bold": True}),
    }


def _write_kartu_rows(
    ws, f: dict, top: int, layout: KartuLayout, part: range, with_totals: bool
) -> int:
    """The two header rows at 0-based row ``top``, one row per employee of ``part``, the JUMLAH
    row when ``with_totals``; returns the last row written.

    Row by row, for the constant_memory mode, where a range can only be merged from the row
    being written: the ranges merged down over both header rows first, without a format (so
    merge_range writes nothing below), then the top row, then the lower one with the styled
    blanks under those ranges."""
    head = f["kepala"]
    down = [(c0, c1) for r0, c0, r1, c1, _ in layout.title if r1 > r0]
    for c0, c1 in down:
        ws.merge_range(top, c0, top + 1, c1, "", None)
    for r0, c0, r1, c1, text in layout.title:
        if r0 == 0 and r1 == 0 and c1 != c0:
            merge_text(ws, top, c0, top, c1, text, head)
        elif r0 == 0:
            ws.write_string(top, c0, cell_text(text), head)
    ws.set_row(top + 1, 30)
    for r0, c0, _, _, text in layout.title:
        if r0 == 1:
            ws.write_string(top + 1, c0, cell_text(text), head)
    for c0, c1 in down:
        for col in range(c0, c1 + 1):
            ws.write_blank(top + 1, col, None, head)
    styles = [f["sel"], f["teks"], f["nama"], *([f["sel"]] * len(JP_COLUMNS)), f["total"]]
    row = top + 1
    for i in part:
        values, ok = layout.row(i), layout.meets[i]
        row += 1
        ws.write_number(row, 0, values[0], styles[0])
        ws.write_string(row, 1, values[1], styles[1])
        ws.write_string(row, 2, values[2], styles[2])
        for col in range(3, STATUS_COLUMN):
            ws.write_number(row, col, values[col], styles[col])
        ws.write_string(row, STATUS_COLUMN, values[STATUS_COLUMN], f["ok"] if ok else f["kurang"])
    if layout.totals is not None and with_totals:
        row += 1
        merge_text(ws, row, 0, row, 2, "JUMLAH", f["jumlah"])
        for i, value in enumerate(layout.totals):
            ws.write_number(row, 3 + i, value, f["total"])
    return row


WARNING_COLUMNS = ("file", "sheet", "baris", "kolom", "nilai", "pesan")


def _write_warnings(wb, header_format, warnings: list[Problem]) -> None:
    """Sheets ``peringatan`` (then ``peringatan (2)``...) of the full card: every warning with
    its place, the header on each sheet."""
    for page, part in enumerate(pages(len(warnings), 1, 1), start=1):
        wp = wb.add_worksheet(page_title("peringatan", page))
        for c, key in enumerate(WARNING_COLUMNS):
            wp.write_string(0, c, key.upper(), header_format)
        for r, problem in enumerate(warnings[part.start : part.stop], start=1):
            fields = problem.as_dict()
            for c, key in enumerate(WARNING_COLUMNS):
                write_value(wp, r, c, fields[key])
        for i, width in enumerate([28, 12, 7, 16, 22, 100]):
            wp.set_column(i, i, width)
        wp.set_landscape()
        wp.set_paper(9)
        wp.fit_to_pages(1, 0)
        wp.repeat_rows(0)


def write_value(ws, row: int, col: int, value, style=None) -> None:
    """One cell (xlsxwriter) by its type: a finite number as a number, True/False as a
    boolean, anything else as text (never a formula or a link); blank for None and ''."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, style)
    elif isinstance(value, numbers.Real) and math.isfinite(value):
        ws.write_number(row, col, value, style)
    else:
        ws.write_string(row, col, cell_text(value), style)


# ---------------------------------------------------------------- jp kartu: one employee


def simple_table(
    ws: Worksheet,
    top: int,
    title: list[str],
    rows: list[list],
    wrap: set[int] = frozenset(),
    row_height: float | None = None,
    first_column: int = 1,
) -> int:
    """A bordered table with a styled header row at ``top``; returns its last row.

    ``wrap`` holds the (1-based, within the table) columns whose text wraps.
    """
    for i, text in enumerate(title):
        style_header(put(ws, top, first_column + i, text))
    last = top
    for values in rows:
        last += 1
        for i, value in enumerate(values):
            cell = put(ws, last, first_column + i, value)
            cell.alignment = Alignment(vertical="top", wrap_text=i + 1 in wrap)
        height = _row_height(ws, values, wrap, row_height, first_column)
        if height:
            ws.row_dimensions[last].height = height
    frame_cells(ws, top + 1, last, first_column, first_column + len(title) - 1)
    return last


def _row_height(
    ws, values: list, wrap: set[int], row_height: float | None, first_column: int
) -> float | None:
    """The height of a table row: ``row_height``, or taller for wrapped text of several lines
    (spreadsheet programs do not grow rows for wrapped text written by openpyxl)."""
    text_rows = 1
    for i, value in enumerate(values):
        if i + 1 in wrap and isinstance(value, str):
            width = ws.column_dimensions[get_column_letter(first_column + i)].width or 10
            text_rows = max(
                text_rows, sum(-(-max(len(part), 1) // int(width)) for part in value.split("\n"))
            )
    return max(row_height or 0, 13 * text_rows) if row_height or text_rows > 1 else None


def identity_block(
    ws: Worksheet,
    row: int,
    data: list[tuple[str, str]],
    label_column: int = 2,
    last_column: int = 8,
) -> int:
    """'Nama : ...' lines from ``row``; returns the next free row."""
    for label, value in data:
        put(ws, row, label_column, label).font = BOLD
        merged_column(ws, row, label_column + 1, last_column, f": {value}")
        row += 1
    return row


def signatures(
    ws: Worksheet,
    row: int,
    left: tuple[int, str, str, str],
    right: tuple[int, str, str, str],
) -> int:
    """Two signature blocks (column, role, name, NIP) from ``row``, with a place/date line above
    the right one; returns the next free row."""
    put(ws, row, right[0], "......................., ........................ 20....")
    row += 1
    for col, role, name, nip in (left, right):
        put(ws, row, col, f"{role},")
        put(ws, row + 4, col, f"( {name or '.' * 40} )").font = Font(bold=True, underline="single")
        put(ws, row + 5, col, f"NIP. {format_nip(nip) if nip else '.' * 30}")
    return row + 6


def employee_workbook(
    card: EmployeeCard, year: int, rules: RuleSet, notes: list[str], employment=()
) -> Workbook:
    """Print-ready proof for one employee (Panduan §J.5): card row, register, coaching and
    mentoring logs. A write-only workbook: its sheets are written row by row (``Stream``).
    ``employment``: the status/period/ceiling lines (``views.employment``)."""
    p = card.pegawai
    identity = [
        ("Nama", p["nama"]),
        ("NIP", format_nip(p["nip"])),
        ("Unit kerja", p.get("unit") or "-"),
        ("Jabatan", p.get("jabatan") or "-"),
        ("Tahun", str(year)),
        *employment,
        ("Aturan", rules.name),
    ]
    with StreamedWorkbook().abandoned_on_error() as wb:
        _card_sheet(Stream(wb, "Kartu", KARTU_WIDTHS), card, year, identity, notes)
        _register_sheet(wb, card, year, rules)
        for code, log_title in (("coaching", "COACHING"), ("mentoring", "MENTORING")):
            guidance_sheet(
                wb,
                log_title.title(),
                card.guidance_logs[code],
                log_title,
                identity,
                rules.by_code.get(code),
                p,
            )
        study_sheet(wb, card.study_log, identity, _study_jenis(rules), p)
    return wb


def _card_sheet(
    stream: Stream, card: EmployeeCard, year: int, identity: list, notes: list[str]
) -> None:
    """Sheet Kartu: the employee's Lampiran II row, progress, JP per month, signatures."""
    import pandas as pd  # the template is written without pandas; a card has it loaded

    ready_to_print(stream.sheet)
    ws = stream.draft()
    p = card.pegawai
    row = sheet_title(ws, 1, N_KARTU_COLUMNS, KARTU_TITLE, f"TAHUN {year}") + 1
    row = identity_block(ws, row, identity) + 1
    one = pd.DataFrame([{**p, "no": 1}])  # one employee's card: its row is No. 1
    row = kartu_table(ws, row, one, None) + 2
    percent = 100 * p["total"] / p["target"] if p["target"] else 100.0
    status = kartu_status(p["memenuhi"], p["kurang"])
    progress = (
        f"Kemajuan: {format_jp(p['total'])} dari target {format_jp(p['target'])} JP "
        f"({format_jp(min(percent, 999))}%): {status}."
    )
    put(ws, row, 2, progress).font = BOLD
    row += 2
    caption = "JP diakui per bulan (menurut tanggal selesai kegiatan)"
    put(ws, row - 1, 2, caption).font = Font(italic=True)
    end_row = simple_table(
        ws,
        row,
        ["Bulan", "JP diakui", "Kumulatif"],
        [[MONTHS[r.bulan - 1], jp(r.jp), jp(r.kumulatif)] for r in card.per_month.itertuples()],
        first_column=2,
    )
    row = signatures(
        ws, end_row + 2, (2, "Atasan Langsung", "", ""), (10, "Pegawai", p["nama"], p["nip"])
    )
    footer = " · ".join(notes)
    merged_column(ws, row + 1, 1, N_KARTU_COLUMNS, footer, font=Font(italic=True, size=8))
    stream.flush(ws)


REGISTER_TITLES = [
    "No",
    "Baris",
    "Mulai",
    "Selesai",
    "Jenis",
    "Lingkup",
    "Judul / materi",
    "Jumlah",
    "JP tertulis",
    "JP mentah",
    "JP diakui",
    "Alasan tidak diakui penuh",
]
REGISTER_WIDTHS = [5, 7, 12, 12, 26, 13, 38, 11, 9, 10, 10, 60]


def _register_sheet(wb: Workbook, card: EmployeeCard, year: int, rules: RuleSet) -> None:
    """Sheet Rincian: every activity of the year with its JP and the reason it counts less."""
    p = card.pegawai
    title = REGISTER_TITLES
    top = 4  # two title lines and a blank row above the table
    paged = stream_pages(wb, "Rincian", REGISTER_WIDTHS, len(card.register), top, tail=3)
    for stream, header, part in paged:  # below: JUMLAH, a blank, the other years
        stream.sheet.freeze_panes = f"A{header + 1}"
        ready_to_print(stream.sheet, repeat_rows=f"{header}:{header}")
        if header == top:
            draft = stream.draft()
            sheet_title(
                draft,
                1,
                len(title),
                f"RINCIAN KEGIATAN PENGEMBANGAN KOMPETENSI TAHUN {year}",
                f"{p['nama']} — NIP {format_nip(p['nip'])}",
            )
            stream.flush(draft)
        rows = _register_rows(card, rules, part)
        end_row = stream_table(stream, header, title, rows, wrap={5, 7, 12}, finish=_date_columns)
    ws = stream.draft()  # what follows the table goes on its last sheet
    end_row += 1
    merged_column(ws, end_row, 1, 9, "JUMLAH", font=BOLD, alignment=Alignment(horizontal="center"))
    put(ws, end_row, 10, jp(card.register["jp_mentah"].sum())).font = BOLD
    put(ws, end_row, 11, jp(card.register["jp_diakui"].sum())).font = BOLD
    frame_cells(ws, end_row, end_row, 1, len(title))
    if card.other_years:
        note = f"{card.other_years} kegiatan pegawai ini pada tahun lain tidak dicantumkan."
        put(ws, end_row + 2, 1, note).font = Font(italic=True)
    stream.flush(ws)


def _date_columns(ws: Worksheet, first: int, last: int) -> None:
    for r in range(first, last + 1):
        for col in (3, 4):
            ws.cell(row=r, column=col).number_format = "DD/MM/YYYY"


def _register_rows(card: EmployeeCard, rules: RuleSet, part: range) -> Iterator[list]:
    """The register's rows ``part`` (from 0), made as they are written."""
    shown = card.register.iloc[part.start : part.stop]
    for i, r in enumerate(shown.itertuples(), start=part.start + 1):
        yield [
            i,
            r.baris,
            r.tanggal_mulai.date(),
            r.tanggal_selesai.date(),
            rules.by_code[r.jenis].name,
            r.lingkup,
            _title_and_certificate(r),
            f"{format_jp(r.jumlah)} {SATUAN_WORD.get(r.satuan, r.satuan)}",
            jp(r.jp_tertulis) if r.jp_tertulis == r.jp_tertulis else None,
            jp(r.jp_mentah),
            jp(r.jp_diakui),
            reason_text(r.alasan),
        ]


def _title_and_certificate(r) -> str:
    """The title, and the certificate's number and date on a second line when the ledger has
    them."""
    import pandas as pd

    number, dates = getattr(r, "nomor_sertifikat", ""), getattr(r, "tanggal_sertifikat", pd.NaT)
    parts = [
        f"No. {number}" if number else "",
        "" if pd.isna(dates) else f"tgl. {dates.strftime('%d/%m/%Y')}",
    ]
    certificate = " ".join(b for b in parts if b)
    return f"{r.judul}\nSertifikat {certificate}" if certificate else r.judul


GUIDANCE_TITLES = ["No", "Hari, Tanggal", "Materi Bimbingan", "Paraf Pembimbing"]


def guidance_sheet(
    wb: Workbook,
    sheet_name: str,
    log: pd.DataFrame,
    name: str,
    identity: list[tuple[str, str]],
    jenis: Jenis | None,
    pegawai: dict,
) -> None:
    """The Panduan's documentation format (Panduan §G.4 / §H.4): No, Hari/Tanggal, Materi, Paraf."""
    top = 8  # two title lines, a blank, Nama / NIP / Unit kerja, a blank
    n_rows = max(len(log), 5)  # at least 5 lines, blank ones to fill by hand
    for stream, header, part in stream_pages(wb, sheet_name, [5, 28, 55, 24], n_rows, top, 9):
        ready_to_print(stream.sheet, repeat_rows=f"{header}:{header}", landscape=False)
        if header == top:
            draft = stream.draft()
            row_no = sheet_title(
                draft, 1, 4, f"DOKUMENTASI KEGIATAN {name}", f"TAHUN {identity[4][1]}"
            )
            shown = [d for d in identity if d[0] in ("Nama", "NIP", "Unit kerja")]
            identity_block(draft, row_no + 1, shown, 2, 4)
            stream.flush(draft)
        rows = _guidance_rows(log, part)
        end_row = stream_table(
            stream, header, GUIDANCE_TITLES, rows, wrap={3, 4}, row_height=42, finish=_initials
        )
    ws = stream.draft()  # the note and the signatures go on the table's last sheet
    if jenis is not None:
        k = jenis.nasional
        note = f"1 kali pertemuan setara {format_jp(k.jp)} JP"
        if k.batas:
            note += f"; maksimal dihitung {format_jp(k.batas)} kali dalam 1 {k.per}"
        put(ws, end_row + 1, 1, f"Catatan: {note} ({jenis.citation}).").font = Font(
            italic=True, size=8
        )
    supervisor = log["pembimbing"].iloc[0] if len(log) and log["pembimbing"].nunique() == 1 else ""
    signatures(
        ws,
        end_row + 3,
        (2, "Pembimbing", supervisor, ""),
        (3, "Pegawai", pegawai["nama"], pegawai["nip"]),
    )
    stream.flush(ws)


def _initials(ws: Worksheet, first: int, last: int) -> None:
    """The Paraf column: centred at the bottom, small italic (the supervisor's name)."""
    for r in range(first, last + 1):
        ws.cell(row=r, column=4).alignment = Alignment(
            horizontal="center", vertical="bottom", wrap_text=True
        )
        ws.cell(row=r, column=4).font = Font(size=8, italic=True)


def _guidance_rows(log: pd.DataFrame, part: range) -> Iterator[list]:
    """Rows ``part`` of a guidance log, then numbered blank lines up to 5."""
    shown = log.iloc[part.start : part.stop]
    for no, r in enumerate(shown.itertuples(), start=part.start + 1):
        yield [
            no,
            weekday_date(r.tanggal),
            guidance_topic(r.materi, r.sesi),
            f"\n\n({r.pembimbing})" if r.pembimbing else "",
        ]
    for no in range(max(part.start, len(log)) + 1, part.stop + 1):
        yield [no, "", "", ""]


STUDY_TITLES = [
    "No",
    "Hari, Tanggal",
    "Materi / Sumber belajar",
    "JP diakui",
    "Resume",
    "Paraf Atasan",
]
STUDY_WIDTHS = [5, 24, 32, 9, 44, 14]


def _study_jenis(rules: RuleSet) -> Jenis | None:
    """The jenis whose JP land in the card's BELAJAR MANDIRI column (its note and citation)."""
    return next((j for j in rules.jenis if j.column == "belajar_mandiri"), None)


def study_days(start, end) -> str:
    """Hari, Tanggal of a belajar mandiri row: one day, or its first and last day."""
    if start.date() == end.date():
        return weekday_date(start)
    return f"{weekday_date(start)} s.d. {weekday_date(end)}"


def study_rows(log: pd.DataFrame, part: range) -> Iterator[list]:
    """Rows ``part`` of the belajar mandiri log, then numbered blank lines up to 5."""
    shown = log.iloc[part.start : part.stop]
    for no, r in enumerate(shown.itertuples(), start=part.start + 1):
        topic = r.materi or NO_TOPIC
        yield [
            no,
            study_days(r.mulai, r.selesai),
            f"{topic}\nSumber: {r.sumber}" if r.sumber else topic,
            jp(r.jp),
            r.resume,
            "",
        ]
    for no in range(max(part.start, len(log)) + 1, part.stop + 1):
        yield [no, "", "", None, "", ""]


def study_note(jenis: Jenis | None) -> str:
    """The note under the belajar mandiri log: how its JP count, and the resume."""
    note = "Pegawai menyusun resume hasil belajar mandiri (Panduan Kemendikbud §I.3.d)."
    if jenis is None:
        return note
    k = jenis.nasional
    limit = f", paling tinggi {format_jp(k.batas)} JP per {k.per}" if k.batas else ""
    return f"Catatan: JP sesuai jam belajar{limit} ({jenis.citation}). {note}"


def study_sheet(
    wb: Workbook,
    log: pd.DataFrame,
    identity: list[tuple[str, str]],
    jenis: Jenis | None,
    pegawai: dict,
) -> None:
    """Sheet Belajar Mandiri: the log the Panduan asks for (§I.3.d), like the coaching log: No,
    Hari/Tanggal, Materi/Sumber belajar, JP diakui, Resume, Paraf Atasan; signed by the direct
    supervisor and the employee."""
    top = 8  # two title lines, a blank, Nama / NIP / Unit kerja, a blank
    n_rows = max(len(log), 5)
    for stream, header, part in stream_pages(wb, "Belajar Mandiri", STUDY_WIDTHS, n_rows, top, 9):
        ready_to_print(stream.sheet, repeat_rows=f"{header}:{header}", landscape=False)
        if header == top:
            draft = stream.draft()
            row_no = sheet_title(
                draft,
                1,
                len(STUDY_TITLES),
                "DOKUMENTASI BELAJAR MANDIRI",
                f"TAHUN {identity[4][1]}",
            )
            shown = [d for d in identity if d[0] in ("Nama", "NIP", "Unit kerja")]
            identity_block(draft, row_no + 1, shown, 2, len(STUDY_TITLES))
            stream.flush(draft)
        rows = study_rows(log, part)
        end_row = stream_table(stream, header, STUDY_TITLES, rows, wrap={2, 3, 5}, row_height=42)
    ws = stream.draft()
    put(ws, end_row + 1, 1, study_note(jenis)).font = Font(italic=True, size=8)
    signatures(
        ws,
        end_row + 3,
        (2, "Atasan Langsung", "", ""),
        (5, "Pegawai", pegawai["nama"], pegawai["nip"]),
    )
    stream.flush(ws)


# ---------------------------------------------------------------- jp cek


CEK_TITLES = ["No", "NIP", "Nama", "Unit", "Total JP", "Target", "Kurang", "Saran"]


def cek_workbook(shortfall: ShortfallReport, notes: list[str]) -> Workbook:
    """The list of employees below target, the recap per unit with a chart of % met per unit,
    the recap per sub-unit (when the roster names sub-units), and one sheet per unit listing its
    employees below target (``render.units``). The check of one unit (``shortfall.unit``, for
    its head): its list and its recap per sub-unit. A write-only workbook (``Stream``)."""
    from jpcli.core.shortfall import mixed_status
    from jpcli.render.units import unit_list, unit_sheets

    unit = shortfall.unit
    own = unit_list(shortfall, "Belum memenuhi") if unit else None
    with StreamedWorkbook().abandoned_on_error() as wb:
        short_sheets(wb, shortfall, notes, own)
        name = say("recap_sheet_unit" if unit is None else "recap_sheet_own")
        recap_sheet(wb, shortfall, shortfall.recap, name, own.lines[0] if own else "")
        if shortfall.recap_subunit is not None:
            recap_sheet(wb, shortfall, shortfall.recap_subunit, say("recap_sheet_subunit"))
        if unit is None and mixed_status(shortfall):
            recap_sheet(wb, shortfall, shortfall.recap_status, say("recap_sheet_status"))
        if unit is None:
            unit_sheets(wb, shortfall, notes)
    return wb


@dataclass(frozen=True)
class ShortList:
    """One list of employees below target: its sheet, title lines and columns (the whole office's,
    or one unit's for its head)."""

    sheet: str
    short: pd.DataFrame
    lines: tuple[str, ...] = ()  # title lines below the first (the unit)
    place: str = "unit"  # the column beside the name: unit, or subunit on a unit's own list
    empty: str = "Semua pegawai memenuhi target."


def short_sheets(
    wb: Workbook, shortfall: ShortfallReport, notes: list[str], listing: ShortList | None = None
) -> None:
    """Sheet Belum memenuhi (and its next pages): the employees below target, with the plan."""
    report = shortfall.report
    listing = listing or ShortList("Belum memenuhi", shortfall.short)
    title = [*CEK_TITLES[:3], "Unit" if listing.place == "unit" else "Sub-unit", *CEK_TITLES[4:]]
    top = 5 + len(listing.lines)  # two title lines, the unit, the notes, a blank
    n_rows = max(len(listing.short), 1)
    widths = [5, 21, 30, 24, 9, 8, 9, 70]
    for stream, header, part in stream_pages(wb, listing.sheet, widths, n_rows, top):
        stream.sheet.freeze_panes = f"A{header + 1}"
        ready_to_print(stream.sheet, repeat_rows=f"{header}:{header}")
        if header == top:
            draft = stream.draft()
            row_no = sheet_title(
                draft,
                1,
                len(title),
                f"PEGAWAI BELUM MEMENUHI TARGET JP TAHUN {report.year}",
                *listing.lines,
                f"per {shortfall.as_of.strftime('%d/%m/%Y')}, sisa {shortfall.months_left} bulan",
            )
            merged_column(
                draft,
                row_no,
                1,
                len(title),
                " · ".join(notes),
                font=Font(italic=True, size=9),
                alignment=Alignment(horizontal="center"),
            )
            stream.flush(draft)
        rows = _short_rows(listing, part)
        stream_table(stream, header, title, rows, wrap={3, 4, 8})


def _short_rows(listing: ShortList, part: range) -> Iterator[list]:
    if not len(listing.short):
        yield ["", "", listing.empty, "", "", "", "", ""]
        return
    shown = listing.short.iloc[part.start : part.stop]
    for i, r in enumerate(shown.itertuples(), start=part.start + 1):
        yield [
            i,
            r.nip,
            r.nama,
            getattr(r, listing.place),
            jp(r.total),
            jp(r.target),
            jp(r.kurang),
            plan_text(r.rencana, with_shortfall=False),
        ]


RECAP_KEY_TITLES = {"unit": "Unit", "subunit": "Sub-unit", "status": "Status"}
RECAP_HEADINGS = {"subunit": "recap_heading_subunit", "status": "recap_heading_status"}
RECAP_CHARTS = {"subunit": "recap_chart_subunit", "status": "recap_chart_status"}
RECAP_TITLES = ["Pegawai", "Memenuhi", "Belum", "% memenuhi", "Total JP", "Rata-rata JP"]


def _recap_rows(recap: pd.DataFrame) -> Iterator[list]:
    n_keys = len(recap.columns) - len(RECAP_TITLES)
    for r in recap.itertuples(index=False):
        *keys, employees, meets, short, percent, total, average = r
        yield [
            *keys[:n_keys],
            int(employees),
            int(meets),
            int(short),
            float(percent),
            jp(total),
            jp(average),
        ]


def recap_sheet(
    wb: Workbook, shortfall: ShortfallReport, recap: pd.DataFrame, name: str, unit: str = ""
) -> None:
    """A recap sheet: the keys (unit; unit and sub-unit), employees, met, not met, % met, total
    and average JP, with a bar chart of % met per line; the last row (all) in bold. ``unit``:
    the recap of one unit (its own workbook)."""
    keys = list(recap.columns[: len(recap.columns) - len(RECAP_TITLES)])
    title, top = [RECAP_KEY_TITLES[k] for k in keys] + RECAP_TITLES, 4 + bool(unit)
    widths = [34] * len(keys) + [10, 11, 9, 12, 11, 13]
    wrapped = set(range(1, len(keys) + 1))  # the keys' text wraps, never the figures
    paged = stream_pages(wb, name, widths, len(recap), top, 3)
    for page, (stream, header, part) in enumerate(paged, start=1):
        ready_to_print(stream.sheet, landscape=False)
        if page == 1:
            first = stream
            draft = stream.draft()
            heading = say(RECAP_HEADINGS.get(keys[-1], "recap_heading_unit"))
            sheet_title(
                draft,
                1,
                len(title),
                f"{heading} {shortfall.report.year}",
                *([unit] if unit else []),
                f"per {shortfall.as_of.strftime('%d/%m/%Y')}",
            )
            stream.flush(draft)
        body = range(part.start, min(part.stop, len(recap) - 1))
        end_row = stream_table(
            stream, header, title, _recap_rows(recap.iloc[body.start : body.stop]), wrap=wrapped
        )
    if len(recap):
        end_row = _recap_last_row(stream, recap, end_row, len(title))
    if len(recap) > 1 and page == 1:  # a chart of one sheet's lines (SEMUA UNIT left out)
        _recap_chart(first.sheet, top, len(recap) - 1, keys, end_row)


def _recap_last_row(stream: Stream, recap: pd.DataFrame, end_row: int, n_columns: int) -> int:
    """The recap's last line (all units), in bold below the others; returns its row."""
    ws = stream.draft()
    end_row += 1
    last = next(_recap_rows(recap.iloc[-1:]))
    for i, value in enumerate(last):
        put(ws, end_row, 1 + i, value).alignment = Alignment(vertical="top", wrap_text=i == 0)
    frame_cells(ws, end_row, end_row, 1, n_columns)
    for cell in ws[end_row]:
        cell.font = BOLD
    height = _row_height(ws, last, {1}, None, 1)
    if height:
        ws.row_dimensions[end_row].height = height
    stream.flush(ws)
    return end_row


def _recap_chart(ws: Worksheet, top: int, n_lines: int, keys: list[str], end_row: int) -> None:
    """A bar chart of % met per recap line (the column after Belum), below the table."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.title = say(RECAP_CHARTS.get(keys[-1], "recap_chart_unit"))
    chart.y_axis.title = "% memenuhi"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.legend = None
    n_keys = len(keys)
    percent = n_keys + 4
    chart.add_data(
        Reference(ws, min_col=percent, min_row=top, max_row=top + n_lines), titles_from_data=True
    )
    chart.set_categories(
        Reference(ws, min_col=1, max_col=n_keys, min_row=top + 1, max_row=top + n_lines)
    )
    chart.height = max(6.0, 1.1 * n_lines + 3)
    chart.width = 18
    ws.add_chart(chart, f"A{end_row + 3}")
