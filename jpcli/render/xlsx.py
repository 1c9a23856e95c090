"""Print-ready workbooks with openpyxl: the Lampiran II card layout (SPEC §3).

pandas' ``to_excel`` cannot write a two-level header without an index, so the card is
laid out cell by cell; merged ranges carry their value in the top-left cell only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jpcli.core.card import status as status_kartu
from jpcli.core.card import JUDUL_KARTU, JUDUL_KOLOM, KOLOM_JP, KOLOM_KLASIKAL, KOLOM_NONKLASIKAL
from jpcli.problems import Masalah
from jpcli.render.machine import jp
from jpcli.render.fmt import format_jp, format_nip

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


N_KOLOM_KARTU = 3 + len(KOLOM_JP) + 2  # NO NIP NAMA | 9 JP columns | TOTAL STATUS
LEBAR_KARTU = [5, 21, 32, *([13.5] * len(KOLOM_JP)), 9, 17]


def judul_lembar(ws: Worksheet, baris: int, n_kolom: int, *baris_judul: str) -> int:
    """Centered title lines across the sheet; returns the next free row."""
    for i, text in enumerate(baris_judul):
        gabung(ws, baris + i, 1, n_kolom, text, font=Font(bold=True, size=13 if i == 0 else 12), alignment=TENGAH)
    return baris + len(baris_judul)


@dataclass
class TataKartu:
    """The Lampiran II table laid out once, then written by either library: ``tabel_kartu``
    (openpyxl, inside the one-employee workbook) or ``tulis_kartu`` (xlsxwriter, the full card)."""

    judul: list[tuple[int, int, int, int, str]]  # (row, col, last row, last col, text); rows 0-1, cols from 0
    baris: list[list]  # one list of cell values per employee
    memenuhi: list[bool]
    jumlah: list | None  # the JUMLAH row: values from PENDIDIKAN to TOTAL


KOLOM_NIP, KOLOM_NAMA, KOLOM_TOTAL, KOLOM_STATUS = 1, 2, N_KOLOM_KARTU - 2, N_KOLOM_KARTU - 1


def tata_kartu(kartu: pd.DataFrame, jumlah: dict[str, float] | None) -> TataKartu:
    judul = [(0, c, 1, c, t) for c, t in ((0, "NO"), (1, "NIP"), (2, "NAMA"), (3, "PENDIDIKAN"),
                                           (KOLOM_TOTAL, "TOTAL"), (KOLOM_STATUS, "STATUS"))]
    for grup, kolom in (("KLASIKAL", KOLOM_KLASIKAL), ("NON KLASIKAL", KOLOM_NONKLASIKAL)):
        awal = 3 + KOLOM_JP.index(kolom[0])
        judul.append((0, awal, 0, awal + len(kolom) - 1, grup))
        judul += [(1, awal + i, 1, awal + i, JUDUL_KOLOM[col].upper()) for i, col in enumerate(kolom)]
    angka = (kartu[[*KOLOM_JP, "total"]].astype(float).round(2) + 0.0).to_numpy().tolist()
    status = [status_kartu(ok, k) for ok, k in zip(kartu["memenuhi"], kartu["kurang"])]
    baris = [[int(no), str(nip), str(nama), *nilai, st]
             for no, nip, nama, nilai, st in zip(kartu["no"], kartu["nip"], kartu["nama"], angka, status)]
    return TataKartu(judul=judul, baris=baris, memenuhi=[bool(m) for m in kartu["memenuhi"]],
                     jumlah=None if jumlah is None else [jp(jumlah[c]) for c in (*KOLOM_JP, "total")])


def tabel_kartu(ws: Worksheet, atas: int, kartu: pd.DataFrame, jumlah: dict[str, float] | None) -> int:
    """The Lampiran II table (openpyxl) with its two header rows at row ``atas``; returns its last row."""
    tata = tata_kartu(kartu, jumlah)
    for r0, c0, r1, c1, text in tata.judul:
        if (r0, c0) != (r1, c1):
            ws.merge_cells(start_row=atas + r0, start_column=c0 + 1, end_row=atas + r1, end_column=c1 + 1)
        ws.cell(row=atas + r0, column=c0 + 1, value=text)
    for row in ws.iter_rows(min_row=atas, max_row=atas + 1, max_col=N_KOLOM_KARTU):
        for cell in row:
            gaya_judul(cell)
    ws.row_dimensions[atas + 1].height = 30
    baris = atas + 1
    for nilai, ok in zip(tata.baris, tata.memenuhi):
        baris += 1
        for col, value in enumerate(nilai, start=1):
            ws.cell(row=baris, column=col, value=value)
        ws.cell(row=baris, column=KOLOM_NIP + 1).number_format = "@"
        ws.cell(row=baris, column=KOLOM_STATUS + 1).font = Font(color="006100" if ok else "C00000", bold=not ok)
        ws.cell(row=baris, column=KOLOM_TOTAL + 1).font = TEBAL
    if tata.jumlah is not None:
        baris += 1
        gabung(ws, baris, 1, 3, "JUMLAH", font=TEBAL, alignment=Alignment(horizontal="center"))
        for i, value in enumerate(tata.jumlah):
            ws.cell(row=baris, column=4 + i, value=value).font = TEBAL
    bingkai(ws, atas + 2, baris, 1, N_KOLOM_KARTU)
    for row in ws.iter_rows(min_row=atas + 2, max_row=baris, min_col=1, max_col=N_KOLOM_KARTU):
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=cell.column == KOLOM_NAMA + 1)
    return baris


def tulis_kartu(path: Path, kartu: pd.DataFrame, jumlah: dict[str, float], tahun: int, keterangan: list[str],
                ringkasan: str, peringatan: list[Masalah]) -> None:
    """``jp hitung -o kartu.xlsx``: the print-ready Lampiran II of every employee (SPEC §3).

    Written with xlsxwriter: openpyxl resolves every styled cell through a hashed style table
    and needed about 50 s for a 33 000-employee card on the benchmark machine; xlsxwriter
    shares one format object per kind of cell (issue 7).
    """
    import xlsxwriter

    tata = tata_kartu(kartu, jumlah)
    wb = xlsxwriter.Workbook(str(path))
    f = {
        "judul": wb.add_format({"bold": True, "font_size": 13, "align": "center", "valign": "vcenter"}),
        "sub": wb.add_format({"bold": True, "font_size": 12, "align": "center"}),
        "ket": wb.add_format({"italic": True, "font_size": 9, "align": "center"}),
        "kepala": wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                                 "border": 1, "bg_color": "#D9E1F2"}),
        "sel": wb.add_format({"border": 1, "valign": "vcenter"}),
        "teks": wb.add_format({"border": 1, "valign": "vcenter", "num_format": "@"}),
        "nama": wb.add_format({"border": 1, "valign": "vcenter", "text_wrap": True}),
        "total": wb.add_format({"border": 1, "valign": "vcenter", "bold": True}),
        "ok": wb.add_format({"border": 1, "valign": "vcenter", "font_color": "#006100"}),
        "kurang": wb.add_format({"border": 1, "valign": "vcenter", "font_color": "#C00000", "bold": True}),
        "jumlah": wb.add_format({"border": 1, "bold": True, "align": "center"}),
        "tebal": wb.add_format({"bold": True}),
    }
    ws = wb.add_worksheet(f"Kartu {tahun}")
    akhir_kolom = N_KOLOM_KARTU - 1
    ws.merge_range(0, 0, 0, akhir_kolom, JUDUL_KARTU, f["judul"])
    ws.merge_range(1, 0, 1, akhir_kolom, f"TAHUN {tahun}", f["sub"])
    ws.merge_range(2, 0, 2, akhir_kolom, " · ".join(keterangan), f["ket"])
    atas = 3  # 0-based: the header occupies Excel rows 4 and 5
    for r0, c0, r1, c1, text in tata.judul:
        if (r0, c0) != (r1, c1):
            ws.merge_range(atas + r0, c0, atas + r1, c1, text, f["kepala"])
        else:
            ws.write_string(atas + r0, c0, text, f["kepala"])
    ws.set_row(atas + 1, 30)
    gaya = [f["sel"], f["teks"], f["nama"], *([f["sel"]] * len(KOLOM_JP)), f["total"]]
    baris = atas + 1
    for nilai, ok in zip(tata.baris, tata.memenuhi):
        baris += 1
        ws.write_number(baris, 0, nilai[0], gaya[0])
        ws.write_string(baris, 1, nilai[1], gaya[1])
        ws.write_string(baris, 2, nilai[2], gaya[2])
        for col in range(3, KOLOM_STATUS):
            ws.write_number(baris, col, nilai[col], gaya[col])
        ws.write_string(baris, KOLOM_STATUS, nilai[KOLOM_STATUS], f["ok"] if ok else f["kurang"])
    if tata.jumlah is not None:
        baris += 1
        ws.merge_range(baris, 0, baris, 2, "JUMLAH", f["jumlah"])
        for i, value in enumerate(tata.jumlah):
            ws.write_number(baris, 3 + i, value, f["total"])
    ws.write_string(baris + 2, 0, ringkasan, f["tebal"])
    for i, lebar in enumerate(LEBAR_KARTU):
        ws.set_column(i, i, lebar)
    ws.freeze_panes(atas + 2, 3)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.repeat_rows(atas, atas + 1)
    ws.set_footer("&CHalaman &P dari &N")

    if peringatan:
        wp = wb.add_worksheet("peringatan")
        kolom = ["file", "sheet", "baris", "kolom", "nilai", "pesan"]
        wp.write_row(0, 0, [k.upper() for k in kolom], f["kepala"])
        for r, m in enumerate(peringatan, start=1):
            wp.write_row(r, 0, ["" if getattr(m, k) is None else getattr(m, k) for k in kolom])
        for i, lebar in enumerate([28, 12, 7, 16, 22, 100]):
            wp.set_column(i, i, lebar)
        wp.set_landscape()
        wp.set_paper(9)
        wp.fit_to_pages(1, 0)
        wp.repeat_rows(0)
    wb.close()


# ---------------------------------------------------------------- jp kartu: one employee

def tabel_sederhana(ws: Worksheet, atas: int, judul: list[str], rows: list[list], bungkus: set[int] = frozenset(),
                    tinggi: float | None = None, kolom_awal: int = 1) -> int:
    """A bordered table with a styled header row at ``atas``; returns its last row.

    ``bungkus`` holds the (1-based, within the table) columns whose text wraps.
    """
    for i, text in enumerate(judul):
        gaya_judul(ws.cell(row=atas, column=kolom_awal + i, value=text))
    baris = atas
    for values in rows:
        baris += 1
        baris_teks = 1
        for i, value in enumerate(values):
            cell = ws.cell(row=baris, column=kolom_awal + i, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=i + 1 in bungkus)
            if i + 1 in bungkus and isinstance(value, str):
                # spreadsheet programs do not grow rows for wrapped text written by openpyxl
                lebar = ws.column_dimensions[get_column_letter(kolom_awal + i)].width or 10
                baris_teks = max(baris_teks, sum(-(-max(len(part), 1) // int(lebar)) for part in value.split("\n")))
        if tinggi or baris_teks > 1:
            ws.row_dimensions[baris].height = max(tinggi or 0, 13 * baris_teks)
    bingkai(ws, atas + 1, baris, kolom_awal, kolom_awal + len(judul) - 1)
    return baris


def identitas(ws: Worksheet, baris: int, data: list[tuple[str, str]], kolom_label: int = 2, kolom_akhir: int = 8) -> int:
    """'Nama : ...' lines; returns the next free row."""
    for label, value in data:
        ws.cell(row=baris, column=kolom_label, value=label).font = TEBAL
        gabung(ws, baris, kolom_label + 1, kolom_akhir, f": {value}")
        baris += 1
    return baris


def tanda_tangan(ws: Worksheet, baris: int, kiri: tuple[int, str, str, str], kanan: tuple[int, str, str, str],
                 lebar: int = 3) -> int:
    """Two signature blocks (column, role, name, NIP) with a place/date line above the right one."""
    ws.cell(row=baris, column=kanan[0], value="......................., ........................ 20....")
    baris += 1
    for col, peran, nama, nip in (kiri, kanan):
        ws.cell(row=baris, column=col, value=f"{peran},")
        ws.cell(row=baris + 4, column=col, value=f"( {nama or '.' * 40} )").font = Font(bold=True, underline="single")
        ws.cell(row=baris + 5, column=col, value=f"NIP. {format_nip(nip) if nip else '.' * 30}")
    return baris + 6


def buku_kartu_pegawai(kp, tahun: int, aturan, keterangan: list[str]) -> Workbook:
    """Print-ready proof for one employee (Panduan §J.5): card row, register, coaching and mentoring logs."""
    p = kp.pegawai
    data_diri = [("Nama", p["nama"]), ("NIP", format_nip(p["nip"])), ("Unit kerja", p.get("unit") or "-"),
                 ("Jabatan", p.get("jabatan") or "-"), ("Tahun", str(tahun)), ("Aturan", aturan.nama)]
    wb = Workbook()

    ws = wb.active
    ws.title = "Kartu"
    baris = judul_lembar(ws, 1, N_KOLOM_KARTU, JUDUL_KARTU, f"TAHUN {tahun}") + 1
    baris = identitas(ws, baris, data_diri) + 1
    baris = tabel_kartu(ws, baris, pd.DataFrame([p]), None) + 2
    persen = 100 * p["total"] / p["target"] if p["target"] else 100.0
    status = status_kartu(p["memenuhi"], p["kurang"])
    ws.cell(row=baris, column=2, value=(
        f"Kemajuan: {format_jp(p['total'])} dari target {format_jp(p['target'])} JP "
        f"({format_jp(min(persen, 999))}%): {status}.")).font = TEBAL
    baris += 2
    ws.cell(row=baris - 1, column=2, value="JP diakui per bulan (menurut tanggal selesai kegiatan)").font = Font(italic=True)
    akhir = tabel_sederhana(ws, baris, ["Bulan", "JP diakui", "Kumulatif"],
                            [[r.nama, jp(r.jp), jp(r.kumulatif)] for r in kp.per_bulan.itertuples()], kolom_awal=2)
    baris = tanda_tangan(ws, akhir + 2, (2, "Atasan Langsung", "", ""), (10, "Pegawai", p["nama"], p["nip"]))
    gabung(ws, baris + 1, 1, N_KOLOM_KARTU, " · ".join(keterangan), font=Font(italic=True, size=8))
    lebar_kolom(ws, LEBAR_KARTU)
    siap_cetak(ws)

    ws = wb.create_sheet("Rincian")
    judul = ["No", "Baris", "Mulai", "Selesai", "Jenis", "Lingkup", "Judul / materi", "Jumlah", "JP tertulis",
             "JP mentah", "JP diakui", "Alasan tidak diakui penuh"]
    baris = judul_lembar(ws, 1, len(judul), f"RINCIAN KEGIATAN PENGEMBANGAN KOMPETENSI TAHUN {tahun}",
                         f"{p['nama']} — NIP {format_nip(p['nip'])}") + 1
    rows = [[i, r.baris, r.tanggal_mulai.date(), r.tanggal_selesai.date(), aturan.per_kode[r.jenis].nama, r.lingkup,
             _judul_sertifikat(r), f"{format_jp(r.jumlah)} {_SATUAN.get(r.satuan, r.satuan)}",
             jp(r.jp_tertulis) if r.jp_tertulis == r.jp_tertulis else None, jp(r.jp_mentah), jp(r.jp_diakui),
             r.alasan] for i, r in enumerate(kp.rincian.itertuples(), start=1)]
    atas = baris
    lebar_kolom(ws, [5, 7, 12, 12, 26, 13, 38, 11, 9, 10, 10, 60])
    akhir = tabel_sederhana(ws, atas, judul, rows, bungkus={5, 7, 12})
    for r in range(atas + 1, akhir + 1):
        ws.cell(row=r, column=3).number_format = ws.cell(row=r, column=4).number_format = "DD/MM/YYYY"
    akhir += 1
    gabung(ws, akhir, 1, 9, "JUMLAH", font=TEBAL, alignment=Alignment(horizontal="center"))
    ws.cell(row=akhir, column=10, value=jp(kp.rincian["jp_mentah"].sum())).font = TEBAL
    ws.cell(row=akhir, column=11, value=jp(kp.rincian["jp_diakui"].sum())).font = TEBAL
    bingkai(ws, akhir, akhir, 1, len(judul))
    if kp.lain_tahun:
        ws.cell(row=akhir + 2, column=1,
                value=f"{kp.lain_tahun} kegiatan pegawai ini pada tahun lain tidak dicantumkan.").font = Font(italic=True)
    ws.freeze_panes = ws.cell(row=atas + 1, column=1)
    siap_cetak(ws, baris_judul=f"{atas}:{atas}")

    for kode, judul_log in (("coaching", "COACHING"), ("mentoring", "MENTORING")):
        lembar_bimbingan(wb.create_sheet(judul_log.title()), kp.bimbingan[kode], judul_log, data_diri,
                         aturan.per_kode.get(kode), p)
    return wb


_SATUAN = {"JP": "JP", "hari": "hari", "kegiatan": "kali", "semester": "semester"}


def _judul_sertifikat(r) -> str:
    """The title, and the certificate's number and date on a second line when the ledger has them."""
    nomor, tanggal = getattr(r, "nomor_sertifikat", ""), getattr(r, "tanggal_sertifikat", pd.NaT)
    bagian = [f"No. {nomor}" if nomor else "", "" if pd.isna(tanggal) else f"tgl. {tanggal.strftime('%d/%m/%Y')}"]
    sertifikat = " ".join(b for b in bagian if b)
    return f"{r.judul}\nSertifikat {sertifikat}" if sertifikat else r.judul


def lembar_bimbingan(ws: Worksheet, log: pd.DataFrame, nama: str, data_diri, jenis, pegawai: dict) -> None:
    """The Panduan's documentation format (seed 001 §G.4 / §H.4): No, Hari/Tanggal, Materi, Paraf."""
    baris = judul_lembar(ws, 1, 4, f"DOKUMENTASI KEGIATAN {nama}", f"TAHUN {data_diri[4][1]}") + 1
    baris = identitas(ws, baris, [d for d in data_diri if d[0] in ("Nama", "NIP", "Unit kerja")], 2, 4) + 1
    rows = [[r.no, r.hari_tanggal, r.materi, f"\n\n({r.pembimbing})" if r.pembimbing else ""] for r in log.itertuples()]
    rows += [[len(rows) + i + 1, "", "", ""] for i in range(max(0, 5 - len(rows)))]  # blank lines to fill by hand
    atas = baris
    lebar_kolom(ws, [5, 28, 55, 24])
    akhir = tabel_sederhana(ws, atas, ["No", "Hari, Tanggal", "Materi Bimbingan", "Paraf Pembimbing"], rows,
                            bungkus={3, 4}, tinggi=42)
    for r in range(atas + 1, akhir + 1):
        ws.cell(row=r, column=4).alignment = Alignment(horizontal="center", vertical="bottom", wrap_text=True)
        ws.cell(row=r, column=4).font = Font(size=8, italic=True)
    if jenis is not None:
        k = jenis.nasional
        catatan = f"1 kali pertemuan setara {format_jp(k.jp)} JP"
        if k.batas:
            catatan += f"; maksimal dihitung {format_jp(k.batas)} kali dalam 1 {k.per}"
        ws.cell(row=akhir + 1, column=1, value=f"Catatan: {catatan} ({jenis.sumber}).").font = Font(italic=True, size=8)
    pembimbing = log["pembimbing"].iloc[0] if len(log) and log["pembimbing"].nunique() == 1 else ""
    tanda_tangan(ws, akhir + 3, (2, "Pembimbing", pembimbing, ""), (3, "Pegawai", pegawai["nama"], pegawai["nip"]))
    siap_cetak(ws, baris_judul=f"{atas}:{atas}", mendatar=False)


# ---------------------------------------------------------------- jp cek

def buku_cek(pemeriksaan, keterangan: list[str]) -> Workbook:
    """The list of employees below target and the per-unit recap with a chart of % met per unit."""
    from openpyxl.chart import BarChart, Reference

    lap = pemeriksaan.laporan
    wb = Workbook()
    ws = wb.active
    ws.title = "Belum memenuhi"
    judul = ["No", "NIP", "Nama", "Unit", "Total JP", "Target", "Kurang", "Saran"]
    baris = judul_lembar(ws, 1, len(judul), f"PEGAWAI BELUM MEMENUHI TARGET JP TAHUN {lap.tahun}",
                         f"per {pemeriksaan.per_tanggal.strftime('%d/%m/%Y')}, sisa {pemeriksaan.bulan_tersisa} bulan")
    gabung(ws, baris, 1, len(judul), " · ".join(keterangan), font=Font(italic=True, size=9),
           alignment=Alignment(horizontal="center"))
    atas = baris + 2
    lebar_kolom(ws, [5, 21, 30, 24, 9, 8, 9, 70])
    rows = [[i, r.nip, r.nama, r.unit, jp(r.total), jp(r.target), jp(r.kurang), r.saran.split(": ", 1)[-1]]
            for i, r in enumerate(pemeriksaan.kurang.itertuples(), start=1)]
    if not rows:
        rows = [["", "", "Semua pegawai memenuhi target.", "", "", "", "", ""]]
    tabel_sederhana(ws, atas, judul, rows, bungkus={3, 4, 8})
    ws.freeze_panes = ws.cell(row=atas + 1, column=1)
    siap_cetak(ws, baris_judul=f"{atas}:{atas}")

    ws = wb.create_sheet("Rekap per unit")
    judul = ["Unit", "Pegawai", "Memenuhi", "Belum", "% memenuhi", "Total JP"]
    baris = judul_lembar(ws, 1, len(judul), f"REKAP PEMENUHAN TARGET JP PER UNIT TAHUN {lap.tahun}",
                         f"per {pemeriksaan.per_tanggal.strftime('%d/%m/%Y')}")
    atas = baris + 1
    lebar_kolom(ws, [34, 10, 11, 9, 12, 11])
    rows = [[r.unit, int(r.pegawai), int(r.memenuhi), int(r.belum), float(r.persen_memenuhi), jp(r.total_jp)]
            for r in pemeriksaan.rekap.itertuples()]
    akhir = tabel_sederhana(ws, atas, judul, rows, bungkus={1})
    for cell in ws[akhir]:
        cell.font = TEBAL
    n_unit = len(rows) - 1  # the last row is SEMUA UNIT, left out of the chart
    if n_unit > 0:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "% pegawai memenuhi target, per unit"
        chart.y_axis.title = "% memenuhi"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.legend = None
        chart.add_data(Reference(ws, min_col=5, min_row=atas, max_row=atas + n_unit), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=atas + 1, max_row=atas + n_unit))
        chart.height = max(6.0, 1.1 * n_unit + 3)
        chart.width = 18
        ws.add_chart(chart, f"A{akhir + 3}")
    siap_cetak(ws, mendatar=False)
    return wb
