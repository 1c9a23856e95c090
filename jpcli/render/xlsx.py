"""Print-ready workbooks with openpyxl: the Lampiran II card layout (SPEC §3).

pandas' ``to_excel`` cannot write a two-level header without an index, so the card is
laid out cell by cell; merged ranges carry their value in the top-left cell only.
"""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jpcli.card import JUDUL_KARTU, JUDUL_KOLOM, KOLOM_JP, KOLOM_KLASIKAL, KOLOM_NONKLASIKAL
from jpcli.errors import Masalah
from jpcli.render.data import jp
from jpcli.teks import format_jp

TIPIS = Side(style="thin", color="000000")
BINGKAI = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
JUDUL_FILL = PatternFill("solid", fgColor="D9E1F2")
TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
TEBAL = Font(bold=True)


def gaya_judul(cell) -> None:
    cell.font = TEBAL
    cell.alignment = TENGAH
    cell.fill = JUDUL_FILL
    cell.border = BINGKAI


def bingkai(ws: Worksheet, baris_awal: int, baris_akhir: int, kolom_awal: int, kolom_akhir: int) -> None:
    for row in ws.iter_rows(min_row=baris_awal, max_row=baris_akhir, min_col=kolom_awal, max_col=kolom_akhir):
        for cell in row:
            cell.border = BINGKAI


def gabung(ws: Worksheet, baris: int, kolom_awal: int, kolom_akhir: int, nilai, **gaya) -> None:
    """Merge a row range and put the value in its top-left cell."""
    ws.merge_cells(start_row=baris, start_column=kolom_awal, end_row=baris, end_column=kolom_akhir)
    cell = ws.cell(row=baris, column=kolom_awal, value=nilai)
    for name, value in gaya.items():
        setattr(cell, name, value)


def siap_cetak(ws: Worksheet, baris_judul: str | None = None, mendatar: bool = True) -> None:
    """A4, fit to page width, header rows repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if mendatar else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if baris_judul:
        ws.print_title_rows = baris_judul
    ws.oddFooter.center.text = "Halaman &P dari &N"


def lebar_kolom(ws: Worksheet, lebar: list[float]) -> None:
    for i, width in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def lembar_kartu(ws: Worksheet, kartu: pd.DataFrame, jumlah: dict[str, float] | None,
                 tahun: int, keterangan: list[str], ringkasan: str) -> int:
    """Lay out Lampiran II on ``ws``; returns the last row written."""
    n_kolom = 3 + len(KOLOM_JP) + 2  # NO NIP NAMA | 9 JP columns | TOTAL STATUS
    gabung(ws, 1, 1, n_kolom, JUDUL_KARTU, font=Font(bold=True, size=13), alignment=TENGAH)
    gabung(ws, 2, 1, n_kolom, f"TAHUN {tahun}", font=Font(bold=True, size=12), alignment=TENGAH)
    gabung(ws, 3, 1, n_kolom, " · ".join(keterangan), font=Font(italic=True, size=9),
           alignment=Alignment(horizontal="center"))

    atas, bawah = 4, 5
    kolom_tunggal = {1: "NO", 2: "NIP", 3: "NAMA", 4: "PENDIDIKAN", n_kolom - 1: "TOTAL", n_kolom: "STATUS"}
    for col, text in kolom_tunggal.items():
        ws.merge_cells(start_row=atas, start_column=col, end_row=bawah, end_column=col)
        ws.cell(row=atas, column=col, value=text)
    awal_k = 3 + KOLOM_JP.index(KOLOM_KLASIKAL[0]) + 1
    awal_nk = 3 + KOLOM_JP.index(KOLOM_NONKLASIKAL[0]) + 1
    ws.merge_cells(start_row=atas, start_column=awal_k, end_row=atas, end_column=awal_k + len(KOLOM_KLASIKAL) - 1)
    ws.cell(row=atas, column=awal_k, value="KLASIKAL")
    ws.merge_cells(start_row=atas, start_column=awal_nk, end_row=atas, end_column=awal_nk + len(KOLOM_NONKLASIKAL) - 1)
    ws.cell(row=atas, column=awal_nk, value="NON KLASIKAL")
    for i, col in enumerate(KOLOM_KLASIKAL):
        ws.cell(row=bawah, column=awal_k + i, value=JUDUL_KOLOM[col].upper())
    for i, col in enumerate(KOLOM_NONKLASIKAL):
        ws.cell(row=bawah, column=awal_nk + i, value=JUDUL_KOLOM[col].upper())
    for row in ws.iter_rows(min_row=atas, max_row=bawah, max_col=n_kolom):
        for cell in row:
            gaya_judul(cell)

    baris = bawah
    for row in kartu.to_dict("records"):
        baris += 1
        nilai = [int(row["no"]), row["nip"], row["nama"], *(jp(row[c]) for c in KOLOM_JP), jp(row["total"]),
                 "memenuhi" if row["memenuhi"] else f"kurang {format_jp(row['kurang'])} JP"]
        for col, value in enumerate(nilai, start=1):
            cell = ws.cell(row=baris, column=col, value=value)
        ws.cell(row=baris, column=2).number_format = "@"
        ws.cell(row=baris, column=n_kolom).font = Font(color="006100" if row["memenuhi"] else "C00000", bold=not row["memenuhi"])
        ws.cell(row=baris, column=n_kolom - 1).font = TEBAL
    if jumlah is not None:
        baris += 1
        gabung(ws, baris, 1, 3, "JUMLAH", font=TEBAL, alignment=Alignment(horizontal="center"))
        for i, col in enumerate((*KOLOM_JP, "total")):
            ws.cell(row=baris, column=4 + i, value=jp(jumlah[col])).font = TEBAL
    bingkai(ws, bawah + 1, baris, 1, n_kolom)
    for row in ws.iter_rows(min_row=bawah + 1, max_row=baris, min_col=1, max_col=n_kolom):
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=cell.column == 3)
    baris += 2
    ws.cell(row=baris, column=1, value=ringkasan).font = TEBAL

    lebar_kolom(ws, [5, 21, 32, *([13.5] * len(KOLOM_JP)), 9, 17])
    ws.row_dimensions[bawah].height = 30
    ws.freeze_panes = ws.cell(row=bawah + 1, column=4)
    siap_cetak(ws, baris_judul=f"{atas}:{bawah}")
    return baris


def lembar_peringatan(wb: Workbook, peringatan: list[Masalah]) -> None:
    if not peringatan:
        return
    ws = wb.create_sheet("peringatan")
    kolom = ["file", "sheet", "baris", "kolom", "nilai", "pesan"]
    ws.append([k.upper() for k in kolom])
    for cell in ws[1]:
        gaya_judul(cell)
    for m in peringatan:
        ws.append([getattr(m, k) for k in kolom])
    lebar_kolom(ws, [28, 12, 7, 16, 22, 100])
    siap_cetak(ws, baris_judul="1:1")


def buku_kartu(kartu: pd.DataFrame, jumlah: dict[str, float], tahun: int, keterangan: list[str],
               ringkasan: str, peringatan: list[Masalah]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Kartu {tahun}"
    lembar_kartu(ws, kartu, jumlah, tahun, keterangan, ringkasan)
    lembar_peringatan(wb, peringatan)
    return wb
