"""``jp templat``: an empty ledger workbook ready to fill in Excel or LibreOffice.

Sheet ``kegiatan`` has the canonical headers (README, "Buku kegiatan") with a hint on each, the NIP
column formatted as Text (so Excel keeps all 18 digits), date columns as dd/mm/yyyy, and drop-down
lists for jenis and lingkup; ``pegawai`` is the roster; ``petunjuk`` explains how to fill it
and shows the conversion table of the rule set in force, with citations.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from jpcli.files.columns import KEGIATAN, PEGAWAI
from jpcli.render.rules_text import rule_rows
from jpcli.render.xlsx import (
    merged_column,
    put,
    ready_to_print,
    set_widths,
    simple_table,
    style_header,
)
from jpcli.rules import RuleSet

PREPARED_ROWS = 1000  # rows given drop-downs and validation

COLUMN_HINTS = {
    "nip": (
        "NIP 18 angka, boleh dengan spasi (19850312 201001 1 002). Kolom ini berformat Teks agar "
        "Excel tidak membulatkan NIP: jangan diubah menjadi Angka.",
        24,
        "@",
    ),
    "nama": ("Nama pegawai. Boleh kosong bila pegawai ada di sheet pegawai.", 30, None),
    "jenis": (
        "Jenis kegiatan: pilih dari daftar (kode di sheet petunjuk). Nama lain seperti bimtek, "
        "e-learning, S2 juga diterima.",
        24,
        None,
    ),
    "lingkup": (
        "nasional atau internasional. Kosong = nasional. Internasional mendapat konversi "
        "internasional (misalnya +20%).",
        14,
        None,
    ),
    "tanggal_mulai": ("Tanggal mulai, hari/bulan/tahun (12/03/2025).", 14, "DD/MM/YYYY"),
    "tanggal_selesai": (
        "Tanggal selesai (tanggal sertifikat). Kosong = sama dengan tanggal mulai. "
        "Menentukan tahun kegiatan dihitung.",
        14,
        "DD/MM/YYYY",
    ),
    "jumlah": (
        "Jumlah dalam satuan jenisnya (lihat petunjuk): JP (wajib diisi), hari, "
        "kali (sesi coaching/mentoring) atau semester. "
        "Kosong: hari = lama kegiatan; kali/semester = 1.",
        10,
        None,
    ),
    "jp": (
        "JP yang tertulis di sertifikat (boleh kosong). "
        "Jenis bersatuan JP: dipakai bila jumlah kosong. "
        "Jenis bersatuan hari/kali/semester: tidak dikalikan, hanya dibandingkan dengan tabel.",
        10,
        None,
    ),
    "judul": ("Judul kegiatan, atau materi bimbingan untuk coaching/mentoring.", 40, None),
    "penyelenggara": ("Penyelenggara, atau nama coach/mentor (pembimbing).", 28, None),
    "keterangan": ("Catatan bebas (tidak dihitung).", 30, None),
}
ROSTER_HINTS = {
    "nip": ("NIP 18 angka (kolom berformat Teks).", 24, "@"),
    "nama": ("Nama lengkap pegawai.", 32, None),
    "unit": ("Unit kerja, untuk rekap per unit di jp cek.", 28, None),
    "jabatan": ("Jabatan.", 30, None),
    "target": ("Target JP pegawai ini per tahun. Kosong = target statusnya (20 JP).", 10, None),
    "status": ("PNS, PPPK atau CPNS. Kosong = dari NIP (21 pada digit 13-14 = PPPK).", 10, None),
    "tmt": (
        "PPPK: tanggal mulai perjanjian kerja (dd/mm/yyyy), untuk --periode kontrak.",
        12,
        "DD/MM/YYYY",
    ),
}
STEPS = [
    (
        "Isi sheet pegawai: satu baris per pegawai "
        "(NIP, nama, unit kerja, jabatan, target bila bukan 20 JP, status PNS/PPPK/CPNS, "
        "tmt perjanjian kerja PPPK)."
    ),
    "Isi sheet kegiatan: satu baris per kegiatan pengembangan kompetensi seorang pegawai.",
    "Jenis: pilih kode dari daftar di bawah. Satuan menentukan arti kolom jumlah.",
    "Tanggal ditulis hari/bulan/tahun. Kegiatan dihitung pada tahun tanggal selesainya.",
    "Coaching dan mentoring: satu baris per pertemuan "
    "(atau jumlah = banyaknya pertemuan pada tanggal itu), "
    "materi bimbingan di kolom judul, nama pembimbing di kolom penyelenggara.",
    "Simpan sebagai .xlsx, lalu jalankan: jp validasi BERKAS.xlsx (memeriksa), "
    "jp hitung BERKAS.xlsx (kartu), jp cek BERKAS.xlsx (siapa yang belum 20 JP).",
]


def _input_sheet(ws, column: dict[str, tuple[str, float, str | None]]) -> None:
    for col, (name, (hints, width, number_format_)) in enumerate(column.items(), start=1):
        cell = put(ws, 1, col, name)
        style_header(cell)
        cell.comment = Comment(hints, "jp", width=260, height=110)
        letter = cell.column_letter
        ws.column_dimensions[letter].width = width
        if number_format_:
            ws.column_dimensions[letter].number_format = number_format_
            for row in range(
                2, PREPARED_ROWS + 2
            ):  # cells pre-formatted too: Excel keeps what is typed as text/date
                ws.cell(row=row, column=col).number_format = number_format_
    ws.freeze_panes = "A2"
    ready_to_print(ws, repeat_rows="1:1")


def _validation(ws, column: list[str], name: str, dv: DataValidation) -> None:
    letter = ws.cell(row=1, column=column.index(name) + 1).column_letter
    dv.add(f"{letter}2:{letter}{PREPARED_ROWS + 1}")
    ws.add_data_validation(dv)


GUIDE_TITLES = [
    "Kode (isi kolom jenis)",
    "Nama dalam tabel",
    "Jalur",
    "Kolom kartu",
    "Satuan",
    "Nasional",
    "Internasional",
    "Batas",
    "Dasar",
    "Nama lain",
]


def template_workbook(rules: RuleSet) -> Workbook:
    """The empty ledger ``jp templat`` writes: sheets kegiatan and pegawai with a hint on every
    header, and petunjuk (the steps and the rule set's conversion table)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "kegiatan"
    assert set(COLUMN_HINTS) <= set(KEGIATAN.columns), "template columns must be ledger columns"
    _input_sheet(ws, COLUMN_HINTS)
    roster_ws = wb.create_sheet("pegawai")
    assert set(ROSTER_HINTS) <= set(PEGAWAI.columns)
    _input_sheet(roster_ws, ROSTER_HINTS)
    first, last = _guide_sheet(wb.create_sheet("petunjuk"), rules)
    _add_validations(ws, list(COLUMN_HINTS), f"=petunjuk!$A${first}:$A${last}")
    return wb


def _guide_sheet(guide, rules: RuleSet) -> tuple[int, int]:
    """Sheet petunjuk: the numbered steps, then the conversion table; returns the first and last
    row of the table's codes (the jenis drop-down lists them)."""
    merged_column(
        guide,
        1,
        1,
        10,
        "PETUNJUK PENGISIAN BUKU KEGIATAN PENGEMBANGAN KOMPETENSI",
        font=Font(bold=True, size=13),
    )
    row = 3
    for i, step in enumerate(STEPS, start=1):
        wrap = Alignment(wrap_text=True, vertical="top")
        merged_column(guide, row, 1, 10, f"{i}. {step}", alignment=wrap)
        guide.row_dimensions[row].height = 30
        row += 1
    title = f"Tabel konversi JP yang dipakai: {rules.name} — {rules.title}"
    merged_column(guide, row + 1, 1, 10, title, font=Font(bold=True))
    top = row + 2
    set_widths(guide, [24, 34, 12, 20, 10, 18, 20, 26, 40, 30])
    keys = ("kode", "nama", "jalur", "kolom", "satuan", "nasional", "internasional", "batas",
            "sumber", "alias")  # fmt: skip
    rows = [[r[k] for k in keys] for r in rule_rows(rules)]
    end_row = simple_table(guide, top, GUIDE_TITLES, rows, wrap={2, 7, 8, 9, 10})
    ready_to_print(guide)
    return top + 1, end_row


def _add_validations(ws, column: list[str], jenis_range: str) -> None:
    """Excel's own checks while typing: jenis from the list, lingkup, dates, positive numbers (a
    warning the user may override: jp checks everything again)."""
    jenis = DataValidation(
        type="list",
        formula1=jenis_range,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Jenis tidak ada di daftar",
        error="Pilih kode dari daftar (sheet petunjuk). Nama lain tetap boleh, jp memeriksanya.",
        showInputMessage=True,
        promptTitle="jenis",
        prompt="Pilih jenis kegiatan dari daftar.",
    )
    lingkup = DataValidation(
        type="list",
        formula1='"nasional,internasional"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Lingkup",
        error="Isi nasional atau internasional.",
        showInputMessage=True,
        promptTitle="lingkup",
        prompt="Kosong = nasional.",
    )
    for name in ("tanggal_mulai", "tanggal_selesai"):
        dates = DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1990,1,1)",
            formula2="DATE(2099,12,31)",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Tanggal",
            error="Tulis tanggal sebagai hari/bulan/tahun, misalnya 12/03/2025.",
        )
        _validation(ws, column, name, dates)
    _validation(ws, column, "jenis", jenis)
    _validation(ws, column, "lingkup", lingkup)
    _validation(ws, column, "jumlah", _positive("Jumlah", "Jumlah harus angka lebih dari 0."))
    _validation(ws, column, "jp", _positive("JP", "JP harus angka lebih dari 0."))


def _positive(title: str, error: str) -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="greaterThan",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=title,
        error=error,
    )
