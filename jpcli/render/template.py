"""``jp templat``: an empty ledger workbook ready to fill in Excel or LibreOffice.

Sheet ``kegiatan`` has the canonical headers of SPEC §1 with a hint on each, the NIP column
formatted as Text (so Excel keeps all 18 digits), date columns as dd/mm/yyyy, and drop-down
lists for jenis and lingkup; ``pegawai`` is the roster; ``petunjuk`` explains how to fill it
and shows the conversion table of the rule set in force, with citations.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from jpcli.render.rules_text import baris_aturan
from jpcli.render.xlsx import gabung, gaya_judul, lebar_kolom, siap_cetak, tabel_sederhana
from jpcli.rules import Aturan
from jpcli.files.columns import KEGIATAN, PEGAWAI

BARIS_SIAP = 1000  # rows given drop-downs and validation

PETUNJUK_KOLOM = {
    "nip": ("NIP 18 angka, boleh dengan spasi (19850312 201001 1 002). Kolom ini berformat Teks agar "
            "Excel tidak membulatkan NIP: jangan diubah menjadi Angka.", 24, "@"),
    "nama": ("Nama pegawai. Boleh kosong bila pegawai ada di sheet pegawai.", 30, None),
    "jenis": ("Jenis kegiatan: pilih dari daftar (kode di sheet petunjuk). Nama lain seperti bimtek, "
              "e-learning, S2 juga diterima.", 24, None),
    "lingkup": ("nasional atau internasional. Kosong = nasional. Internasional mendapat konversi "
                "internasional (misalnya +20%).", 14, None),
    "tanggal_mulai": ("Tanggal mulai, hari/bulan/tahun (12/03/2025).", 14, "DD/MM/YYYY"),
    "tanggal_selesai": ("Tanggal selesai (tanggal sertifikat). Kosong = sama dengan tanggal mulai. "
                        "Menentukan tahun kegiatan dihitung.", 14, "DD/MM/YYYY"),
    "jumlah": ("Jumlah dalam satuan jenisnya (lihat petunjuk): JP (wajib diisi), hari, kali (sesi coaching/"
               "mentoring) atau semester. Kosong: hari = lama kegiatan; kali/semester = 1.", 10, None),
    "jp": ("JP yang tertulis di sertifikat (boleh kosong). Jenis bersatuan JP: dipakai bila jumlah kosong. "
           "Jenis bersatuan hari/kali/semester: tidak dikalikan, hanya dibandingkan dengan tabel.", 10, None),
    "judul": ("Judul kegiatan, atau materi bimbingan untuk coaching/mentoring.", 40, None),
    "penyelenggara": ("Penyelenggara, atau nama coach/mentor (pembimbing).", 28, None),
    "keterangan": ("Catatan bebas (tidak dihitung).", 30, None),
}
PETUNJUK_PEGAWAI = {
    "nip": ("NIP 18 angka (kolom berformat Teks).", 24, "@"),
    "nama": ("Nama lengkap pegawai.", 32, None),
    "unit": ("Unit kerja, untuk rekap per unit di jp cek.", 28, None),
    "jabatan": ("Jabatan.", 30, None),
    "target": ("Target JP pegawai ini per tahun. Kosong = 20 JP.", 10, None),
}
LANGKAH = [
    "Isi sheet pegawai: satu baris per pegawai (NIP, nama, unit kerja, jabatan, target bila bukan 20 JP).",
    "Isi sheet kegiatan: satu baris per kegiatan pengembangan kompetensi seorang pegawai.",
    "Jenis: pilih kode dari daftar di bawah. Satuan menentukan arti kolom jumlah.",
    "Tanggal ditulis hari/bulan/tahun. Kegiatan dihitung pada tahun tanggal selesainya.",
    "Coaching dan mentoring: satu baris per pertemuan (atau jumlah = banyaknya pertemuan pada tanggal itu), "
    "materi bimbingan di kolom judul, nama pembimbing di kolom penyelenggara.",
    "Simpan sebagai .xlsx, lalu jalankan: jp validasi BERKAS.xlsx (memeriksa), jp hitung BERKAS.xlsx (kartu), "
    "jp cek BERKAS.xlsx (siapa yang belum 20 JP).",
]


def _lembar_isian(ws, kolom: dict[str, tuple[str, float, str | None]]) -> None:
    for col, (nama, (petunjuk, lebar, format_angka)) in enumerate(kolom.items(), start=1):
        cell = ws.cell(row=1, column=col, value=nama)
        gaya_judul(cell)
        cell.comment = Comment(petunjuk, "jp", width=260, height=110)
        letter = cell.column_letter
        ws.column_dimensions[letter].width = lebar
        if format_angka:
            ws.column_dimensions[letter].number_format = format_angka
            for row in range(2, BARIS_SIAP + 2):  # cells pre-formatted too: Excel keeps what is typed as text/date
                ws.cell(row=row, column=col).number_format = format_angka
    ws.freeze_panes = "A2"
    siap_cetak(ws, baris_judul="1:1")


def _validasi(ws, kolom: list[str], nama: str, dv: DataValidation) -> None:
    letter = ws.cell(row=1, column=kolom.index(nama) + 1).column_letter
    dv.add(f"{letter}2:{letter}{BARIS_SIAP + 1}")
    ws.add_data_validation(dv)


def buku_templat(aturan: Aturan) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "kegiatan"
    kolom = list(PETUNJUK_KOLOM)
    assert set(kolom) <= set(KEGIATAN.kolom), "template columns must be ledger columns"
    _lembar_isian(ws, PETUNJUK_KOLOM)

    peg = wb.create_sheet("pegawai")
    assert set(PETUNJUK_PEGAWAI) <= set(PEGAWAI.kolom)
    _lembar_isian(peg, PETUNJUK_PEGAWAI)

    pet = wb.create_sheet("petunjuk")
    gabung(pet, 1, 1, 10, "PETUNJUK PENGISIAN BUKU KEGIATAN PENGEMBANGAN KOMPETENSI",
           font=Font(bold=True, size=13))
    baris = 3
    for i, langkah in enumerate(LANGKAH, start=1):
        gabung(pet, baris, 1, 10, f"{i}. {langkah}", alignment=Alignment(wrap_text=True, vertical="top"))
        pet.row_dimensions[baris].height = 30
        baris += 1
    baris += 1
    gabung(pet, baris, 1, 10, f"Tabel konversi JP yang dipakai: {aturan.nama} — {aturan.judul}", font=Font(bold=True))
    atas = baris + 1
    lebar_kolom(pet, [24, 34, 12, 20, 10, 18, 20, 26, 40, 30])
    rows = [[r["kode"], r["nama"], r["jalur"], r["kolom"], r["satuan"], r["nasional"], r["internasional"],
             r["batas"], r["sumber"], r["alias"]] for r in baris_aturan(aturan)]
    akhir = tabel_sederhana(pet, atas, ["Kode (isi kolom jenis)", "Nama dalam tabel", "Jalur", "Kolom kartu",
                                        "Satuan", "Nasional", "Internasional", "Batas", "Dasar", "Nama lain"],
                            rows, bungkus={2, 7, 8, 9, 10})
    siap_cetak(pet)

    jenis = DataValidation(type="list", formula1=f"=petunjuk!$A${atas + 1}:$A${akhir}", allow_blank=True,
                           showErrorMessage=True, errorStyle="warning", errorTitle="Jenis tidak ada di daftar",
                           error="Pilih kode dari daftar (sheet petunjuk). Nama lain tetap boleh, jp memeriksanya.",
                           showInputMessage=True, promptTitle="jenis", prompt="Pilih jenis kegiatan dari daftar.")
    lingkup = DataValidation(type="list", formula1='"nasional,internasional"', allow_blank=True,
                             showErrorMessage=True, errorTitle="Lingkup", error="Isi nasional atau internasional.",
                             showInputMessage=True, promptTitle="lingkup", prompt="Kosong = nasional.")
    for nama in ("tanggal_mulai", "tanggal_selesai"):
        tanggal = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2099,12,31)",
                                 allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                 errorTitle="Tanggal", error="Tulis tanggal sebagai hari/bulan/tahun, misalnya 12/03/2025.")
        _validasi(ws, kolom, nama, tanggal)
    jumlah = DataValidation(type="decimal", operator="greaterThan", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorStyle="warning", errorTitle="Jumlah",
                            error="Jumlah harus angka lebih dari 0.")
    _validasi(ws, kolom, "jenis", jenis)
    _validasi(ws, kolom, "lingkup", lingkup)
    _validasi(ws, kolom, "jumlah", jumlah)
    _validasi(ws, kolom, "jp", DataValidation(type="decimal", operator="greaterThan", formula1="0", allow_blank=True,
                                              showErrorMessage=True, errorStyle="warning", errorTitle="JP",
                                              error="JP harus angka lebih dari 0."))
    return wb
