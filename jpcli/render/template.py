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

from jpcli.render.rules_text import rule_rows
from jpcli.render.xlsx import merged_column, style_header, set_widths, ready_to_print, simple_table
from jpcli.rules import RuleSet
from jpcli.files.columns import KEGIATAN, PEGAWAI

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
    "target": ("Target JP pegawai ini per tahun. Kosong = 20 JP.", 10, None),
}
STEPS = [
    (
        "Isi sheet pegawai: satu baris per pegawai "
        "(NIP, nama, unit kerja, jabatan, target bila bukan 20 JP)."
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
        cell = ws.cell(row=1, column=col, value=name)
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


def template_workbook(rules: RuleSet) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "kegiatan"
    column = list(COLUMN_HINTS)
    assert set(column) <= set(KEGIATAN.columns), "template columns must be ledger columns"
    _input_sheet(ws, COLUMN_HINTS)

    roster_ws = wb.create_sheet("pegawai")
    assert set(ROSTER_HINTS) <= set(PEGAWAI.columns)
    _input_sheet(roster_ws, ROSTER_HINTS)

    guide = wb.create_sheet("petunjuk")
    merged_column(
        guide,
        1,
        1,
        10,
        "PETUNJUK PENGISIAN BUKU KEGIATAN PENGEMBANGAN KOMPETENSI",
        font=Font(bold=True, size=13),
    )
    row_no = 3
    for i, step in enumerate(STEPS, start=1):
        merged_column(
            guide,
            row_no,
            1,
            10,
            f"{i}. {step}",
            alignment=Alignment(wrap_text=True, vertical="top"),
        )
        guide.row_dimensions[row_no].height = 30
        row_no += 1
    row_no += 1
    merged_column(
        guide,
        row_no,
        1,
        10,
        f"Tabel konversi JP yang dipakai: {rules.name} — {rules.title}",
        font=Font(bold=True),
    )
    top = row_no + 1
    set_widths(guide, [24, 34, 12, 20, 10, 18, 20, 26, 40, 30])
    rows = [
        [
            r["kode"],
            r["nama"],
            r["jalur"],
            r["kolom"],
            r["satuan"],
            r["nasional"],
            r["internasional"],
            r["batas"],
            r["sumber"],
            r["alias"],
        ]
        for r in rule_rows(rules)
    ]
    end_row = simple_table(
        guide,
        top,
        [
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
        ],
        rows,
        wrap={2, 7, 8, 9, 10},
    )
    ready_to_print(guide)

    jenis = DataValidation(
        type="list",
        formula1=f"=petunjuk!$A${top + 1}:$A${end_row}",
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
    quantity = DataValidation(
        type="decimal",
        operator="greaterThan",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Jumlah",
        error="Jumlah harus angka lebih dari 0.",
    )
    _validation(ws, column, "jenis", jenis)
    _validation(ws, column, "lingkup", lingkup)
    _validation(ws, column, "jumlah", quantity)
    _validation(
        ws,
        column,
        "jp",
        DataValidation(
            type="decimal",
            operator="greaterThan",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="JP",
            error="JP harus angka lebih dari 0.",
        ),
    )
    return wb
