"""Regenerates the example ledger in this folder (run: python contoh_data/buat_contoh.py).

A small office, Dinas Pendidikan Kabupaten Sukamaju (fictional), 15 employees (one of them a
PPPK with a contract from 01/07/2024), units and sub-units, the activities of 2025 and some of
2024 (a workshop that starts in December 2024 counts in 2025). The same ledger is written as a workbook (sheets
``kegiatan`` and ``pegawai``) and as CSV files with ``;`` the way Excel in an Indonesian
locale saves them, with the date spellings offices type. Expected figures per employee
are worked out by hand in tests/test_contoh.py.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from jpcli.words import MONTHS

FOLDER = Path(__file__).parent
JUDUL = (
    "BUKU KEGIATAN PENGEMBANGAN KOMPETENSI PEGAWAI TAHUN 2025 - DINAS PENDIDIKAN KABUPATEN SUKAMAJU"
)

PEGAWAI = [
    # nip, nama, unit, jabatan, target
    (
        "19780315 200312 1 002",
        "Ahmad Fauzi, S.Pd., M.Pd.",
        "Bidang Pembinaan SD",
        "Kepala Bidang",
        "",
    ),
    (
        "19850312 201001 1 002",
        "Budi Santoso, S.Kom.",
        "Sekretariat",
        "Pranata Komputer Ahli Muda",
        "",
    ),
    ("19900724 201503 2 005", "Citra Lestari, S.E.", "Sekretariat", "Analis Keuangan", ""),
    ("19870205 201101 2 003", "Dewi Anggraini, S.Pd.", "Bidang GTK", "Analis SDM Aparatur", ""),
    (
        "19920918 201903 1 004",
        "Eko Prasetyo, S.T.",
        "Bidang Sarana Prasarana",
        "Penata Kelola Bangunan",
        "",
    ),
    (
        "19951103 202203 2 001",
        "Fitri Handayani, S.Psi.",
        "Bidang GTK",
        "Analis SDM Aparatur Ahli Pertama",
        "",
    ),
    ("19830630 200801 1 006", "Gunawan Wibisono, S.H.", "Sekretariat", "Kepala Subbagian Umum", ""),
    ("19880117 201402 2 002", "Hana Pertiwi, S.Pd.", "Bidang Pembinaan SD", "Pengawas Sekolah", ""),
    (
        "19911209 201705 1 003",
        "Irfan Maulana, S.Kom.",
        "Sekretariat",
        "Pranata Komputer Ahli Pertama",
        "",
    ),
    (
        "19860822 201012 2 004",
        "Juwita Sari, S.Sos.",
        "Bidang Pembinaan SMP",
        "Analis Kebijakan",
        "",
    ),
    (
        "19750401 199903 1 001",
        "Kurniawan Hadi, S.Pd., M.M.",
        "Bidang Pembinaan SMP",
        "Kepala Bidang",
        "",
    ),
    ("19930515 202101 2 002", "Lestari Wulandari, A.Md.", "Sekretariat", "Pengelola Keuangan", ""),
    (
        "19890310 201503 1 007",
        "Muhammad Rizki, S.Pd.",
        "Bidang Pembinaan SMP",
        "Pengawas Sekolah",
        "",
    ),
    # a PPPK: digits 13-14 of an NI PPPK are 21, not a month
    ("19940228 202221 2 003", "Nur Aini, S.Pd.", "Bidang GTK", "Guru Ahli Pertama", ""),
    ("19800714 200604 1 005", "Osman Siregar, S.Ag.", "Sekretariat", "Penyusun Program", ""),
]

# sub-unit, status pegawai and TMT of each employee (by the first 8 digits of the NIP); the TMT
# matters for a PPPK measured by contract year (jp cek --periode kontrak)
RINCIAN = {
    "19780315": ("Seksi Kurikulum SD", "PNS", ""),
    "19850312": ("Subbagian Umum dan Kepegawaian", "PNS", ""),
    "19900724": ("Subbagian Keuangan", "PNS", ""),
    "19870205": ("Seksi Pendidik", "PNS", ""),
    "19920918": ("Seksi Sarana Prasarana", "PNS", ""),
    "19951103": ("Seksi Tenaga Kependidikan", "PNS", ""),
    "19830630": ("Subbagian Umum dan Kepegawaian", "PNS", ""),
    "19880117": ("Seksi Kurikulum SD", "PNS", ""),
    "19911209": ("Subbagian Umum dan Kepegawaian", "PNS", ""),
    "19860822": ("Seksi Kurikulum SMP", "PNS", ""),
    "19750401": ("Seksi Kurikulum SMP", "PNS", ""),
    "19930515": ("Subbagian Keuangan", "PNS", ""),
    "19890310": ("Seksi Peserta Didik SMP", "PNS", ""),
    "19940228": ("Seksi Pendidik", "PPPK", "01/07/2024"),
    "19800714": ("Subbagian Perencanaan", "PNS", ""),
}
KOLOM_PEGAWAI = ["NIP", "Nama", "Unit Kerja", "Sub Unit", "Jabatan", "Status", "TMT", "Target"]


def _baris_pegawai():
    for nip, name, unit, jabatan, target in PEGAWAI:
        subunit, status, tmt = RINCIAN[nip[:8]]
        yield nip, name, unit, subunit, jabatan, status, tmt, target


D = dt.date
KEGIATAN = [
    # nip (first 8 digits pick the employee), jenis as offices type it, lingkup, mulai, selesai,
    # jumlah, judul, penyelenggara
    (
        "19780315",
        "Seminar",
        "",
        D(2025, 2, 18),
        D(2025, 2, 19),
        "",
        "Seminar Nasional Transformasi Pendidikan Dasar",
        "Universitas Sukamaju",
    ),
    (
        "19780315",
        "workshop",
        "",
        D(2025, 5, 6),
        D(2025, 5, 8),
        "",
        "Workshop Penyusunan Rencana Strategis",
        "Bappeda Kab. Sukamaju",
    ),
    (
        "19850312",
        "belajar mandiri",
        "",
        D(2025, 7, 1),
        D(2025, 7, 3),
        "9",
        "Mempelajari keamanan siber instansi",
        "",
    ),
    (
        "19850312",
        "belajar_mandiri",
        "",
        D(2025, 7, 2),
        "",
        "1",
        "Membaca SE BSSN tentang sandi",
        "",
    ),
    (
        "19850312",
        "e-learning",
        "",
        D(2025, 8, 14),
        "",
        "10",
        "MOOC Transformasi Digital ASN",
        "LAN RI (ASN Unggul)",
    ),
    (
        "19850312",
        "Diklat Teknis",
        "internasional",
        D(2025, 10, 20),
        D(2025, 10, 22),
        "13",
        "Regional Cyber Security Training",
        "Cyber Security Agency of Singapore",
    ),
    (
        "19900724",
        "bimtek",
        "",
        D(2025, 3, 10),
        D(2025, 3, 12),
        "24",
        "Bimtek Aplikasi SIPD",
        "Kemendagri",
    ),
    (
        "19900724",
        "bimtek",
        "",
        D(2025, 3, 10),
        D(2025, 3, 12),
        "24",
        "Bimtek Aplikasi SIPD",
        "Kemendagri",
    ),  # copied twice
    (
        "19870205",
        "coaching",
        "",
        D(2025, 3, 4),
        "",
        "1",
        "Analisis jabatan unit GTK",
        "Ahmad Fauzi",
    ),
    ("19870205", "coaching", "", D(2025, 3, 11), "", "1", "Peta jabatan dan ABK", "Ahmad Fauzi"),
    ("19870205", "coaching", "", D(2025, 3, 25), "", "1", "Evaluasi jabatan", "Ahmad Fauzi"),
    ("19870205", "coaching", "", D(2025, 4, 15), "", "1", "Penyusunan SKP", "Ahmad Fauzi"),
    (
        "19870205",
        "mentoring",
        "",
        D(2025, 5, 13),
        "",
        "2",
        "Pengembangan karier ASN",
        "Kurniawan Hadi",
    ),
    (
        "19870205",
        "sosialisasi",
        "",
        D(2025, 9, 9),
        "",
        "",
        "Sosialisasi Manajemen Talenta",
        "BKPSDM Kab. Sukamaju",
    ),
    (
        "19920918",
        "workshop",
        "",
        D(2024, 12, 30),
        D(2025, 1, 2),
        "",
        "Workshop Standar Bangunan Sekolah",
        "Kementerian PUPR",
    ),
    (
        "19951103",
        "e-learning",
        "",
        D(2025, 4, 7),
        "",
        "4",
        "MOOC Pengelolaan Kinerja ASN (modul 1)",
        "LAN RI (ASN Unggul)",
    ),
    (
        "19951103",
        "e-learning",
        "",
        D(2025, 4, 8),
        "",
        "4",
        "MOOC Pengelolaan Kinerja ASN (modul 2)",
        "LAN RI (ASN Unggul)",
    ),
    (
        "19951103",
        "e-learning",
        "",
        D(2025, 4, 9),
        "",
        "4",
        "MOOC Pengelolaan Kinerja ASN (modul 3)",
        "LAN RI (ASN Unggul)",
    ),
    (
        "19951103",
        "komunitas belajar",
        "internasional",
        D(2025, 6, 19),
        "",
        "5",
        "ASEAN HR Community of Practice",
        "ASEAN Secretariat",
    ),
    (
        "19830630",
        "PKA",
        "",
        D(2025, 3, 3),
        D(2025, 6, 27),
        "270",
        "Pelatihan Kepemimpinan Administrator Angkatan II",
        "BPSDM Provinsi",
    ),
    (
        "19880117",
        "S2",
        "",
        D(2025, 2, 3),
        D(2025, 7, 31),
        "1",
        "Magister Manajemen Pendidikan, semester 3",
        "Universitas Sukamaju",
    ),
    (
        "19880117",
        "S2",
        "",
        D(2025, 8, 4),
        D(2025, 12, 19),
        "1",
        "Magister Manajemen Pendidikan, semester 4",
        "Universitas Sukamaju",
    ),
    (
        "19911209",
        "kursus",
        "",
        D(2025, 1, 13),
        D(2025, 2, 28),
        "32",
        "Kursus Bahasa Inggris TOEFL Preparation",
        "Lembaga Bahasa Sukamaju",
    ),
    (
        "19911209",
        "benchmarking",
        "",
        D(2025, 11, 5),
        D(2025, 11, 6),
        "",
        "Patok banding SPBE ke Pemkot Surabaya",
        "Pemkot Surabaya",
    ),
    (
        "19860822",
        "sosialisasi",
        "",
        D(2025, 2, 12),
        "",
        "0,5",
        "Sosialisasi Kurikulum Merdeka (setengah hari)",
        "Kemendikdasmen",
    ),
    (
        "19860822",
        "mentoring",
        "",
        D(2025, 6, 3),
        "",
        "1",
        "Menyusun naskah kebijakan",
        "Kurniawan Hadi",
    ),
    (
        "19860822",
        "mentoring",
        "",
        D(2025, 6, 10),
        "",
        "1",
        "Analisis dampak kebijakan",
        "Kurniawan Hadi",
    ),
    ("19860822", "mentoring", "", D(2025, 6, 24), "", "1", "Policy brief", "Kurniawan Hadi"),
    (
        "19750401",
        "konferensi",
        "internasional",
        D(2025, 8, 26),
        D(2025, 8, 27),
        "",
        "SEAMEO Education Leaders Conference",
        "SEAMEO",
    ),
    (
        "19750401",
        "coaching",
        "int",
        D(2025, 9, 16),
        "",
        "1",
        "Coaching kepemimpinan (daring)",
        "University of Melbourne",
    ),
    (
        "19750401",
        "lokakarya",
        "",
        D(2025, 10, 7),
        "",
        "",
        "Lokakarya Penjaminan Mutu Pendidikan",
        "LPMP",
    ),
    (
        "19930515",
        "PJJ",
        "",
        D(2025, 5, 5),
        D(2025, 5, 30),
        "40",
        "PJJ Pengelolaan Keuangan Daerah",
        "BPSDM Kemendagri",
    ),
    (
        "19890310",
        "seminar",
        "",
        D(2024, 11, 20),
        "",
        "",
        "Seminar Pengawasan Sekolah 2024",
        "Dinas Pendidikan Provinsi",
    ),
    (
        "19890310",
        "magang",
        "",
        D(2025, 7, 14),
        D(2025, 7, 25),
        "1",
        "Magang di Balai Guru Penggerak",
        "BGP Provinsi",
    ),
    (
        "19940228",
        "outbound",
        "",
        D(2025, 1, 24),
        "",
        "8",
        "Outbound pembelajaran tim GTK",
        "Dinas Pendidikan",
    ),
    (
        "19940228",
        "belajar mandiri",
        "",
        D(2025, 10, 1),
        "",
        "2",
        "Modul Pembelajaran Berdiferensiasi 1",
        "",
    ),
    (
        "19940228",
        "belajar mandiri",
        "",
        D(2025, 10, 2),
        "",
        "2",
        "Modul Pembelajaran Berdiferensiasi 2",
        "",
    ),
    (
        "19940228",
        "belajar mandiri",
        "",
        D(2025, 10, 3),
        "",
        "2",
        "Modul Pembelajaran Berdiferensiasi 3",
        "",
    ),
    # 2024: the year before, for jp riwayat and for Nur Aini's first contract year
    # (01/07/2024-30/06/2025), which holds her orientation and the January 2025 outbound
    (
        "19940228",
        "orientasi pppk",
        "",
        D(2024, 8, 5),
        D(2024, 8, 9),
        "24",
        "Orientasi PPPK Guru Angkatan I",
        "BKPSDM Kabupaten Sukamaju",
    ),
    (
        "19780315",
        "bimtek",
        "",
        D(2024, 5, 14),
        D(2024, 5, 16),
        "24",
        "Bimtek Kurikulum Merdeka SD",
        "Balai Besar Guru Penggerak",
    ),
    (
        "19850312",
        "e-learning",
        "",
        D(2024, 9, 2),
        D(2024, 9, 6),
        "15",
        "Keamanan Siber untuk ASN",
        "BSSN (e-learning)",
    ),
    (
        "19870205",
        "coaching",
        "",
        D(2024, 10, 8),
        "",
        "2",
        "Penyusunan Analisis Beban Kerja",
        "Kepala Bidang GTK",
    ),
    (
        "19930515",
        "kursus",
        "",
        D(2024, 3, 4),
        D(2024, 3, 8),
        "30",
        "Kursus Akuntansi Berbasis Akrual",
        "BPKP Perwakilan Provinsi",
    ),
]

KOLOM = [
    "No",
    "NIP",
    "Nama",
    "Jenis Kegiatan",
    "Lingkup",
    "Tanggal Mulai",
    "Tanggal Selesai",
    "Jumlah",
    "Judul",
    "Penyelenggara",
]


def _pegawai(offset: str) -> tuple:
    return next(p for p in PEGAWAI if p[0].startswith(offset))


def _baris_kegiatan():
    for no, (offset, jenis, lingkup, start, end, quantity, title, penyelenggara) in enumerate(
        KEGIATAN, start=1
    ):
        nip, name = _pegawai(offset)[:2]
        yield no, nip, name, jenis, lingkup, start, end, quantity, title, penyelenggara


def _tanggal_teks(value, no: int) -> str:
    """CSV dates in the three spellings offices use, in turn."""
    if value == "":
        return ""
    bentuk = no % 3
    if bentuk == 0:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if bentuk == 1:
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


def write_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "kegiatan"
    ws.append([JUDUL])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append(KOLOM)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in _baris_kegiatan():
        no, nip, name, jenis, lingkup, start, end, quantity, title, penyelenggara = row
        jumlah_sel = float(quantity.replace(",", ".")) if quantity else None
        ws.append(
            [
                no,
                nip,
                name,
                jenis,
                lingkup or None,
                start,
                end or None,
                jumlah_sel,
                title,
                penyelenggara or None,
            ]
        )
        r = ws.max_row
        ws.cell(r, 2).number_format = "@"
        ws.cell(r, 6).number_format = ws.cell(r, 7).number_format = "DD/MM/YYYY"
    for col, width in zip("ABCDEFGHIJ", (5, 24, 30, 18, 14, 14, 14, 8, 50, 32)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"

    roster_ws = wb.create_sheet("pegawai")
    roster_ws.append(KOLOM_PEGAWAI)
    for nip, name, unit, subunit, jabatan, status, tmt, target in _baris_pegawai():
        day = dt.datetime.strptime(tmt, "%d/%m/%Y") if tmt else None
        roster_ws.append(
            [nip, name, unit, subunit, jabatan, status, day, int(target) if target else None]
        )
        roster_ws.cell(roster_ws.max_row, 1).number_format = "@"
        roster_ws.cell(roster_ws.max_row, 7).number_format = "DD/MM/YYYY"
    for col, width in zip("ABCDEFGH", (24, 30, 26, 30, 34, 8, 12, 8)):
        roster_ws.column_dimensions[col].width = width
    wb.save(path)


def tulis_csv(path_kegiatan: Path, path_pegawai: Path) -> None:
    with open(path_kegiatan, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow([JUDUL] + [""] * (len(KOLOM) - 1))
        writer.writerow(KOLOM)
        for row in _baris_kegiatan():
            no, nip, name, jenis, lingkup, start, end, quantity, title, penyelenggara = row
            writer.writerow(
                [
                    no,
                    nip,
                    name,
                    jenis,
                    lingkup,
                    _tanggal_teks(start, no),
                    _tanggal_teks(end, no),
                    quantity,
                    title,
                    penyelenggara,
                ]
            )
    with open(path_pegawai, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(KOLOM_PEGAWAI)
        writer.writerows(_baris_pegawai())


if __name__ == "__main__":
    write_xlsx(FOLDER / "buku_kegiatan_2025.xlsx")
    tulis_csv(FOLDER / "buku_kegiatan_2025.csv", FOLDER / "pegawai.csv")
    print("contoh_data: buku_kegiatan_2025.xlsx, buku_kegiatan_2025.csv, pegawai.csv")
