"""Workbooks of years side by side: ``jp riwayat -o riwayat.xlsx`` (one employee's JP per year
with a chart) and ``jp hitung --tahun 2023-2025 -o kartu.xlsx`` (a card sheet per year, exactly
the one year's sheet, and a trend sheet)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font

from jpcli.render.machine import jp
from jpcli.render.xlsx import (
    BOLD,
    cell_text,
    frame_cells,
    identity_block,
    kartu_sheets,
    kartu_writer,
    ready_to_print,
    set_widths,
    sheet_title,
    simple_table,
    write_value,
    write_warnings,
)
from jpcli.rules import JP_COLUMNS
from jpcli.words import COLUMN_TITLES, format_nip, kartu_status
from jpcli.words import text as say

if TYPE_CHECKING:
    import pandas as pd

    from jpcli.core.history import History
    from jpcli.problems import Problem

# the two "dan lain-lain" columns named with their band: no merged band row above them here
_BAND = {"klasikal_lain": "KLASIKAL ", "nonklasikal_lain": "NON KLASIKAL "}
HISTORY_TITLES = ["TAHUN", *(_BAND.get(c, "") + COLUMN_TITLES[c].upper() for c in JP_COLUMNS),
                  "TOTAL", "TARGET", "STATUS"]  # fmt: skip


def riwayat_workbook(history: History, notes: list[str]) -> Workbook:
    """Sheet Riwayat: the employee, a row per year (the card's columns, total, target, status)
    and a chart of the total JP per year (bars) against the target (a line)."""
    wb = Workbook()
    ws = wb.active
    ws.title = say("history_sheet")
    set_widths(ws, [8, *([13.5] * len(JP_COLUMNS)), 9, 9, 17])
    n = len(HISTORY_TITLES)
    years = history.years
    row = sheet_title(ws, 1, n, say("history_title"), say("history_years", (years["tahun"].min(),
                      years["tahun"].max())))  # fmt: skip
    who = history.pegawai
    identity = [("Nama", who["nama"] or "-"), ("NIP", format_nip(who["nip"]))]
    identity += [("Unit kerja", who["unit"])] if who["unit"] else []
    row = identity_block(ws, row + 1, identity, label_column=1, last_column=6)
    top = row + 1
    rows = [year_row(r) for r in years.to_dict("records")]
    last = simple_table(ws, top, HISTORY_TITLES, rows, wrap=set(range(1, n + 1)))
    ws.row_dimensions[top].height = 45
    for r in range(top + 1, last + 1):
        ws.cell(r, n - 2).font = BOLD
    frame_cells(ws, top, last, 1, n)
    ws.cell(last + 2, 1, cell_text(" · ".join(notes))).font = Font(italic=True, size=9)
    _history_chart(ws, top, last, n)
    ready_to_print(ws, repeat_rows=f"{top}:{top}")
    return wb


def year_row(r: dict) -> list:
    """One year of the history as printed: year, the card's columns, total, target, status."""
    return [int(r["tahun"]), *(jp(r[c]) for c in JP_COLUMNS), jp(r["total"]), jp(r["target"]),
            kartu_status(r["memenuhi"], r["kurang"])]  # fmt: skip


def _history_chart(ws, top: int, last: int, n_columns: int) -> None:
    """Bars of the total per year, a line of the target, below the table."""
    from openpyxl.chart import BarChart, LineChart, Reference

    bars = BarChart()
    bars.title = say("history_chart")
    bars.y_axis.title = "JP"
    bars.y_axis.scaling.min = 0
    bars.add_data(Reference(ws, min_col=n_columns - 2, min_row=top, max_row=last),
                  titles_from_data=True)  # fmt: skip
    years = Reference(ws, min_col=1, min_row=top + 1, max_row=last)
    bars.set_categories(years)
    line = LineChart()
    line.add_data(Reference(ws, min_col=n_columns - 1, min_row=top, max_row=last),
                  titles_from_data=True)  # fmt: skip
    line.set_categories(years)
    bars += line
    bars.height, bars.width = 8, 18
    ws.add_chart(bars, f"A{last + 4}")


def write_kartu_years(
    path: Path, cards: list[tuple], trend: pd.DataFrame, notes: list[str], warnings: list[Problem]
) -> None:
    """``jp hitung --tahun A-B -o kartu.xlsx``: for each year its card sheets, the very sheets
    ``jp hitung --tahun Y -o`` writes (``cards``: kartu, totals, year, summary), then the sheet
    Tren per pegawai, then the warnings of all the years."""
    with kartu_writer(path) as (wb, f):
        for kartu, totals, year, summary in cards:
            kartu_sheets(wb, f, kartu, totals, year, notes, summary)
        _trend_sheet(wb, f, trend, [c[2] for c in cards])
        if warnings:
            write_warnings(wb, f, warnings)


def _trend_sheet(wb, f: dict, trend: pd.DataFrame, years: list[int]) -> None:
    """Tren per pegawai: every employee's total per year (red when below that year's target)
    and the years met, top to bottom (xlsxwriter's constant_memory mode)."""
    ws = wb.add_worksheet(say("trend_sheet"))
    red = wb.add_format({"font_color": "#C00000", "bold": True, "border": 1, "num_format": "0.##"})
    plain = wb.add_format({"border": 1, "num_format": "0.##"})
    text_cell = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    titles = ["NO", "NIP", "NAMA", "UNIT", *map(str, years), say("trend_years_met")]
    ws.write_string(0, 0, say("trend_title", (years[0], years[-1])), f["judul"])
    for c, title in enumerate(titles):
        ws.write_string(2, c, title, f["kepala"])
    for i, row in enumerate(trend.to_dict("records"), start=3):  # rows in order, as streamed
        for c, key in enumerate(("no", "nip", "nama", "unit")):
            write_value(ws, i, c, row[key] if key != "nip" else str(row[key]), text_cell)
        for c, year in enumerate(years, start=4):
            style = plain if row[f"memenuhi_{year}"] else red
            ws.write_number(i, c, jp(row[f"total_{year}"]), style)
        ws.write_string(i, 4 + len(years), f"{row['tahun_memenuhi']} dari {len(years)}", plain)
    for c, width in enumerate([5, 21, 32, 24, *([10] * len(years)), 15]):
        ws.set_column(c, c, width)
    ws.freeze_panes(3, 3)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
