"""(Re)create the real-export fixtures of tests/test_ekspor.py, byte for byte.

    python tests/data/ekspor/buat_fixture.py            # writes next to this script
    python tests/data/ekspor/buat_fixture.py DIR        # writes into DIR (the test compares)

Each fixture copies the layout of one real export, as described in the research note
on exports (SIASN API field names and value styles, SIMPEG tables, the Sleman Bangkom
report, an office's own workbook):

- rw_kursus.json / rw_kursus_list.json / rw_kursus.csv / rw_kursus.xlsx: SIASN riwayat
  kursus (GET /apisiasn/1.0/pns/rw-kursus/{nip}); the SAME 12 records four ways (API
  envelope, bare list, comma CSV, one-sheet workbook).
- rw_diklat.json: SIASN riwayat diklat struktural (GET /pns/rw-diklat/{nip}), envelope.
- simpeg_rwdiklat.csv: a SIMPEG snake_case table (rwdiklats style, jenis_diklat_id = SIASN code).
- simpeg_kursus.xlsx: a SIMPEG UPPER_CASE kursus listing (only the certificate date).
- bangkom_laporan.xlsx: the Bangkom web app's "laporan" export (19 columns, Status).
- kantor_rekap.xlsx: an office's own recap workbook (title rows, JUMLAH row).

The expected JP of every record is worked out in tests/test_ekspor.py. Names, NIPs and
numbers are made up; NIPs are the valid test NIPs of tests/bantuan.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import sys
import uuid
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DI_SINI = Path(__file__).resolve().parent

NIP_A = "198503122010011002"  # tests/bantuan.py NIP_A
NIP_B = "199007242015032005"  # NIP_B
NIP_C = "197803152003121002"  # NIP_C

NAMA = {
    NIP_A: "Budi Santoso, S.Kom.",
    NIP_B: "Dewi Lestari, S.E.",
    NIP_C: "Hendra Wijaya, S.H., M.H.",
}
NIP_LAMA = {
    NIP_A: "",
    NIP_B: "",
    NIP_C: "132156789",
}  # only PNS appointed before 2007 have an old NIP

WAKTU_TETAP = dt.datetime(
    2025, 12, 1, 8, 0, 0
)  # workbook properties and zip entry times: fixed bytes


# ---------------------------------------------------------------- helpers


def _hex(*bagian: str) -> str:
    """A 32-hex, SAPK-style id (deterministic)."""
    return hashlib.md5("|".join(bagian).encode()).hexdigest().upper()


def _uuid(*bagian: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "jp-fixture/" + "/".join(bagian)))


def _path_dok(kode: str, nama: str, kunci: str, tanggal: str) -> dict:
    """SIASN's ``path``: an object keyed by the document-reference id (881 kursus, 874 diklat)."""
    berkas = f"peremajaan/usulan/{_hex(kunci).lower()}_{tanggal}_101500_{nama.lower().replace(' ', '-')}.pdf"
    return {
        kode: {"dok_id": kode, "dok_nama": nama, "dok_uri": berkas, "object": berkas, "slug": kode}
    }


def _simpan(wb: Workbook, path: Path) -> None:
    """Save a workbook with fixed timestamps (properties and zip entries), so the bytes never change."""
    wb.properties.creator = "jp fixture"
    wb.properties.created = WAKTU_TETAP
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    waktu = WAKTU_TETAP.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + waktu.encode() + rb"\g<2>",
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=WAKTU_TETAP.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    path.write_bytes(out.getvalue())


def _tulis_json(path: Path, isi, ringkas: bool) -> None:
    teks = (
        json.dumps(isi, ensure_ascii=False, separators=(",", ":"))
        if ringkas
        else json.dumps(isi, ensure_ascii=False, indent=2)
    )
    path.write_text(teks + "\n", encoding="utf-8")


def _sel_teks(value) -> str:
    """A record value as CSV/xlsx text: JSON objects as their JSON text, null as empty."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# ---------------------------------------------------------------- 1. SIASN riwayat kursus

KOLOM_RW_KURSUS = [
    "id",
    "idPns",
    "nipBaru",
    "nipLama",
    "jenisKursusNama",
    "jenisKursusSertifikat",
    "institusiPenyelenggara",
    "jenisKursusId",
    "jumlahJam",
    "namaKursus",
    "noSertipikat",
    "tahunKursus",
    "tanggalKursus",
    "path",
    "jenisDiklatId",
    "tanggalSelesaiKursus",
]

# jenisKursusId/jenisKursusNama: the legacy SAPK topic reference (BAHASA INGGRIS, ADMINISTRASI
# PERKANTORAN are real entries of SIASN's jenisKursus list); empty on records entered through
# the jenisDiklatId form. jenisKursusSertifikat: the text category (T/F/P of the jenis diklat).
TEKNIS, SEMINAR_DST = "DIKLAT TEKNIS", "SEMINAR/WORKSHOP/SEJENISNYA"
BAHASA_INGGRIS = ("BAHASA INGGRIS", "A5EB03E201F6F6A0E040640A040252AD")
ADM_PERKANTORAN = ("ADMINISTRASI PERKANTORAN", "A5EB03E201F9F6A0E040640A040252AD")

# (nip, jenisDiklatId, sertifikat, legacy topic, penyelenggara, jumlahJam, namaKursus, noSertipikat,
#  tanggalKursus, tanggalSelesaiKursus, path?)   jumlahJam: a number, or a numeric string as in the wild
_KURSUS = [
    # record 1..6 (rows 2..7): NIP_A
    (
        NIP_A,
        3,
        TEKNIS,
        None,
        "BPSDM Provinsi Jawa Tengah",
        40,
        "Pelatihan Penyusunan Standar Pelayanan Publik",
        "800/0412/BPSDM/III/2025",
        "10-03-2025",
        "14-03-2025",
        True,
    ),
    (
        NIP_A,
        9,
        SEMINAR_DST,
        None,
        "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "8",
        "Seminar Nasional Transformasi Digital Pelayanan Publik",
        "B/1187/SM.01/2025",
        "22-04-2025",
        "23-04-2025",
        True,
    ),
    (
        NIP_A,
        14,
        TEKNIS,
        None,
        "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah",
        2,
        "Coaching Penyusunan Sasaran Kinerja Pegawai (SKP)",
        "",
        "05-05-2025",
        "05-05-2025",
        False,
    ),
    (
        NIP_A,
        14,
        TEKNIS,
        None,
        "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah",
        "2",
        "Coaching Penyusunan Rencana Aksi Kinerja",
        "",
        "19-05-2025",
        "19-05-2025",
        False,
    ),
    (
        NIP_A,
        14,
        TEKNIS,
        None,
        "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah",
        2,
        "Coaching Pengelolaan Risiko Kegiatan",
        "",
        "27-05-2025",
        "27-05-2025",
        False,
    ),
    (
        NIP_A,
        8,
        TEKNIS,
        ADM_PERKANTORAN,
        "Arsip Nasional Republik Indonesia",
        16,
        "Bimbingan Teknis Aplikasi SRIKANDI",
        "KN.01.02/1543/2024",
        "11-11-2024",
        "12-11-2024",
        True,
    ),
    # record 7..10 (rows 8..11): NIP_B
    (
        NIP_B,
        4,
        SEMINAR_DST,
        None,
        "Inspektorat Provinsi Jawa Tengah",
        16,
        "Workshop Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP)",
        "INSP/WS/0231/2025",
        "15-07-2025",
        "17-07-2025",
        True,
    ),
    (
        NIP_B,
        16,
        TEKNIS,
        None,
        "Lembaga Administrasi Negara",
        "8",
        "E-Learning Literasi Digital bagi ASN",
        "LAN/ASNU/2025/118734",
        "04-08-2025",
        "04-08-2025",
        True,
    ),
    (
        NIP_B,
        22,
        TEKNIS,
        None,
        "Mandiri",
        10,
        "Belajar Mandiri: Analisis Kebijakan Publik Berbasis Bukti",
        "",
        "08-09-2025",
        "10-09-2025",
        False,
    ),
    (
        NIP_B,
        13,
        TEKNIS,
        None,
        "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah",
        12,
        "Pelatihan Public Speaking bagi Pengelola Humas Pemerintah",
        "555/0871/DISKOMINFO/2025",
        "20-10-2025",
        "21-10-2025",
        True,
    ),
    # record 11..12 (rows 12..13): NIP_C
    (
        NIP_C,
        11,
        TEKNIS,
        BAHASA_INGGRIS,
        "Lembaga Bahasa LIA Semarang",
        "32",
        "Kursus Bahasa Inggris bagi ASN (TOEFL Preparation)",
        "LIA/SMG/2025/0642",
        "02-06-2025",
        "27-06-2025",
        True,
    ),
    (
        NIP_C,
        15,
        TEKNIS,
        None,
        "Sekretariat Daerah Provinsi Jawa Tengah",
        2,
        "Mentoring Penyusunan Kajian Kebijakan Daerah",
        "",
        "14-08-2025",
        "14-08-2025",
        False,
    ),
]


def rekaman_rw_kursus() -> list[dict]:
    out = []
    for i, (
        nip,
        kode,
        sert,
        topik,
        penyelenggara,
        jam,
        nama,
        nomor,
        mulai,
        selesai,
        ada_dok,
    ) in enumerate(_KURSUS, 1):
        tgl_dok = selesai[6:] + selesai[3:5] + selesai[:2]
        out.append(
            {
                "id": _uuid("rw-kursus", str(i)),
                "idPns": _hex("pns", nip),
                "nipBaru": nip,
                "nipLama": NIP_LAMA[nip],
                "jenisKursusNama": topik[0] if topik else "",
                "jenisKursusSertifikat": sert,
                "institusiPenyelenggara": penyelenggara,
                "jenisKursusId": topik[1] if topik else None,
                "jumlahJam": jam,
                "namaKursus": nama,
                "noSertipikat": nomor,
                "tahunKursus": selesai[6:],
                "tanggalKursus": mulai,
                "path": _path_dok("881", "Sertifikat Kursus", f"kursus{i}", tgl_dok)
                if ada_dok
                else None,
                "jenisDiklatId": kode,
                "tanggalSelesaiKursus": selesai,
            }
        )
    return out


def buat_rw_kursus(folder: Path) -> None:
    rekaman = rekaman_rw_kursus()
    _tulis_json(
        folder / "rw_kursus.json", {"code": 1, "data": rekaman, "message": None}, ringkas=True
    )
    _tulis_json(folder / "rw_kursus_list.json", rekaman, ringkas=False)
    with open(folder / "rw_kursus.csv", "w", encoding="utf-8", newline="") as fh:
        tulis = csv.writer(fh, lineterminator="\n")
        tulis.writerow(KOLOM_RW_KURSUS)
        for r in rekaman:
            tulis.writerow([_sel_teks(r[k]) for k in KOLOM_RW_KURSUS])
    wb = Workbook()
    ws = wb.active
    ws.title = "rw_kursus"
    ws.append(KOLOM_RW_KURSUS)
    for r in rekaman:
        # as a JSON-to-xlsx conversion leaves them: numbers stay numbers, strings (NIP, dates,
        # "8") stay text, null is an empty cell, ``path`` is its JSON text
        ws.append(
            [r[k] if isinstance(r[k], int) else (_sel_teks(r[k]) or None) for k in KOLOM_RW_KURSUS]
        )
    for baris in ws.iter_rows(min_row=2):
        for sel in baris:
            if isinstance(sel.value, str):
                sel.number_format = "@"
    _simpan(wb, folder / "rw_kursus.xlsx")


# ---------------------------------------------------------------- 2. SIASN riwayat diklat struktural

# (nip, latihanStrukturalId, latihanStrukturalNama, nomor, tanggal, tanggalSelesai, tahun, jumlahJam,
#  institusiPenyelenggara, path?)   names: SIASN's list, and the newer names offices type there
_DIKLAT = [
    (
        NIP_A,
        2,
        "SEPALA/ADUM/DIKLAT PIM TK.IV",
        "PIM.IV/0187/BADIKLAT-JTG/2015",
        "04-05-2015",
        "14-08-2015",
        "2015",
        285,
        "Badan Pendidikan dan Pelatihan Provinsi Jawa Tengah",
        False,
    ),
    (
        NIP_A,
        3,
        "PKA",
        "PKA.II/0042/BPSDM-JTG/2025",
        "17-02-2025",
        "13-06-2025",
        "2025",
        360,
        "BPSDM Provinsi Jawa Tengah",
        True,
    ),
    # a PKP that started in 2024 and ended in 2025: "tahun" is the angkatan's year, 2024
    (
        NIP_B,
        2,
        "PKP",
        "PKP.XII/0115/BPSDM-JTG/2025",
        "07-10-2024",
        "21-02-2025",
        "2024",
        "300",
        "BPSDM Provinsi Jawa Tengah",
        True,
    ),
    (
        NIP_B,
        8,
        "Diklat Struktural Lainnya",
        "LAN/PKD/2025/0311",
        "18-11-2025",
        "20-11-2025",
        "2025",
        24,
        "Lembaga Administrasi Negara",
        True,
    ),
    (
        NIP_C,
        3,
        "DIKLATPIM TK. III",
        "PIM.III/0098/BPSDM-JTG/2016",
        "07-03-2016",
        "30-06-2016",
        "2016",
        "360",
        "BPSDM Provinsi Jawa Tengah",
        False,
    ),
    (
        NIP_C,
        4,
        "PKN TK. II",
        "PKN.II/ANGK.XV/0027/LAN/2025",
        "14-04-2025",
        "29-08-2025",
        "2025",
        420,
        "LAN RI",
        True,
    ),
]


def rekaman_rw_diklat() -> list[dict]:
    out = []
    for i, (
        nip,
        lat_id,
        lat_nama,
        nomor,
        mulai,
        selesai,
        tahun,
        jam,
        penyelenggara,
        ada_dok,
    ) in enumerate(_DIKLAT, 1):
        tgl_dok = selesai[6:] + selesai[3:5] + selesai[:2]
        out.append(
            {
                "id": _uuid("rw-diklat", str(i)),
                "idPns": _hex("pns", nip),
                "nipBaru": nip,
                "nipLama": NIP_LAMA[nip],
                "latihanStrukturalId": lat_id,
                "latihanStrukturalNama": lat_nama,
                "nomor": nomor,
                "tanggal": mulai,
                "tahun": tahun,
                "path": _path_dok("874", "Sertifikat Diklat Struktural", f"diklat{i}", tgl_dok)
                if ada_dok
                else None,
                "jumlahJam": jam,
                "tanggalSelesai": selesai,
                "institusiPenyelenggara": penyelenggara,
            }
        )
    return out


def buat_rw_diklat(folder: Path) -> None:
    _tulis_json(
        folder / "rw_diklat.json",
        {"code": 1, "data": rekaman_rw_diklat(), "message": None},
        ringkas=True,
    )


# ---------------------------------------------------------------- 3. SIMPEG snake_case (rwdiklat)

KOLOM_SIMPEG_RWDIKLAT = [
    "nip_baru",
    "diklat_nama",
    "nomor_sertipikat",
    "tanggal_sertipikat",
    "jenis_kompetensi",
    "institusi_penyelenggara",
    "jumlah_jam",
    "durasi_hari",
    "tanggal_mulai",
    "tanggal_selesai",
    "tahun",
    "jenis_diklat_id",
]

SIMPEG_RWDIKLAT = [
    [
        NIP_A,
        "Pelatihan Fungsional Pranata Komputer Ahli Pertama",
        "PK.01/0077/PUSBIN-JFPK/2025",
        "2025-02-24",
        "Teknis",
        "Pusbin Jabatan Fungsional Pranata Komputer BPS",
        "120",
        "15",
        "2025-02-03",
        "2025-02-21",
        "2025",
        "2",
    ],
    [
        NIP_A,
        "Sosialisasi Manajemen Talenta Aparatur Sipil Negara",
        "090/0215/BKD/2025",
        "2025-03-18",
        "Manajerial",
        "Badan Kepegawaian Daerah Provinsi Jawa Tengah",
        "4",
        "1",
        "2025-03-18",
        "2025-03-18",
        "2025",
        "7",
    ],
    # Thursday to Monday: 5 calendar days, held on 3 of them (durasi_hari 3)
    [
        NIP_A,
        "Workshop Penyusunan Peta Proses Bisnis Perangkat Daerah",
        "061/0533/ORG/2025",
        "2025-09-22",
        "Teknis",
        "Biro Organisasi Setda Provinsi Jawa Tengah",
        "15",
        "3",
        "2025-09-18",
        "2025-09-22",
        "2025",
        "4",
    ],
    [
        NIP_A,
        "Magang Pengelolaan Arsip Dinamis",
        "KN.00.01/0712/2025",
        "2025-07-11",
        "Teknis",
        "Arsip Nasional Republik Indonesia",
        "40",
        "5",
        "2025-07-07",
        "2025-07-11",
        "2025",
        "10",
    ],
    [
        NIP_A,
        "Penugasan Tim Penyusun Rencana Strategis Perangkat Daerah",
        "800/1107/BAPPEDA/2025",
        "2025-10-31",
        "Manajerial",
        "Bappeda Provinsi Jawa Tengah",
        "10",
        "20",
        "2025-10-01",
        "2025-10-31",
        "2025",
        "25",
    ],
    [
        NIP_B,
        "Patok Banding Penyelenggaraan Mal Pelayanan Publik",
        "PB/0044/DPMPTSP/2025",
        "2025-04-25",
        "Teknis",
        "Pemerintah Kota Surabaya",
        "10",
        "2",
        "2025-04-24",
        "2025-04-25",
        "2025",
        "20",
    ],
    [
        NIP_B,
        "Pelatihan Jarak Jauh Pengadaan Barang/Jasa Pemerintah Tingkat Dasar",
        "PBJ/PJJ/2025/0398",
        "2025-05-28",
        "Teknis",
        "LKPP",
        "40",
        "8",
        "2025-05-19",
        "2025-05-28",
        "2025",
        "17",
    ],
    [
        NIP_B,
        "Komunitas Belajar Analis Kebijakan: Diskusi Penyusunan Policy Brief",
        "",
        "2025-08-14",
        "Teknis",
        "Komunitas Analis Kebijakan Provinsi Jawa Tengah",
        "3",
        "1",
        "2025-08-14",
        "2025-08-14",
        "2025",
        "23",
    ],
    [
        NIP_B,
        "Penataran Dewan Hakim Musabaqah Tilawatil Quran Tingkat Provinsi",
        "LPTQ/0162/2025",
        "2025-09-11",
        "Sosial Kultural",
        "LPTQ Provinsi Jawa Tengah",
        "24",
        "3",
        "2025-09-09",
        "2025-09-11",
        "2025",
        "12",
    ],
    [
        NIP_B,
        "Pelatihan Wawasan Kebangsaan dan Moderasi Beragama",
        "893/0935/BPSDM/2025",
        "2025-11-06",
        "Sosial Kultural",
        "BPSDM Provinsi Jawa Tengah",
        "24",
        "3",
        "2025-11-04",
        "2025-11-06",
        "2025",
        "6",
    ],
    # ended in December 2024, certificate signed in January 2025: counts in 2024
    [
        NIP_B,
        "Pembelajaran Alam Terbuka (Outbound) Penguatan Kerja Sama Tim",
        "OB/0019/SETDA/2024",
        "2025-01-06",
        "Sosial Kultural",
        "Sekretariat Daerah Provinsi Jawa Tengah",
        "12",
        "2",
        "2024-12-12",
        "2024-12-13",
        "2024",
        "19",
    ],
]


def buat_simpeg_rwdiklat(folder: Path) -> None:
    with open(folder / "simpeg_rwdiklat.csv", "w", encoding="utf-8", newline="") as fh:
        tulis = csv.writer(fh, lineterminator="\n")
        tulis.writerow(KOLOM_SIMPEG_RWDIKLAT)
        tulis.writerows(SIMPEG_RWDIKLAT)


# ---------------------------------------------------------------- 4. SIMPEG UPPER_CASE (kursus)

KOLOM_SIMPEG_KURSUS = [
    "NIP_BARU",
    "NAMA",
    "JENIS_KURSUS_NAMA",
    "PENYELENGGARA",
    "TAHUN",
    "NO_SERTIFIKAT",
    "TANGGAL_SERTIFIKAT",
    "JUMLAH_JAM",
]

# NAMA = the course; only the certificate date; JUMLAH_JAM empty on legacy seminar rows
SIMPEG_KURSUS = [
    [
        NIP_A,
        "Diklat Teknis Pengelolaan Keuangan Daerah Berbasis SIPD",
        "DIKLAT TEKNIS",
        "BPSDM Provinsi Jawa Timur",
        2025,
        "893.3/0456/BPSDM/2025",
        "2025-02-28",
        32,
    ],
    [
        NIP_A,
        "Seminar Nasional Reformasi Birokrasi Tematik",
        "SEMINAR",
        "Kementerian PANRB",
        2025,
        "B/0212/RB.01/2025",
        "2025-04-15",
        None,
    ],
    [
        NIP_A,
        "Kursus Tata Naskah Dinas Elektronik",
        "KURSUS",
        "Biro Umum Setda Provinsi Jawa Timur",
        2025,
        "045/0388/BU/2025",
        "2025-06-20",
        8,
    ],
    [
        NIP_A,
        "Bimbingan Teknis Penyusunan Analisis Jabatan dan Analisis Beban Kerja",
        "BIMBINGAN TEKNIS",
        "Biro Organisasi Setda Provinsi Jawa Timur",
        2025,
        "061/0721/ORG/2025",
        "2025-08-22",
        10,
    ],
    [
        NIP_B,
        "Workshop Penguatan Sistem Pengendalian Intern Pemerintah (SPIP)",
        "WORKSHOP",
        "BPKP Perwakilan Provinsi Jawa Timur",
        2025,
        "WS-0117/PW13/2025",
        "2025-05-14",
        8,
    ],
    [
        NIP_B,
        "Seminar Kesehatan Mental ASN di Era Digital",
        "SEMINAR",
        "RSJ Menur Provinsi Jawa Timur",
        2025,
        "445/1290/RSJ/2025",
        "2025-10-09",
        None,
    ],
    [
        NIP_B,
        "Kursus Microsoft Excel untuk Analisis Data Kepegawaian",
        "KURSUS",
        "UPT Pelatihan Kerja Surabaya",
        2024,
        "563/2210/UPT-PK/2024",
        "2024-11-29",
        12,
    ],
    [
        NIP_B,
        "Bimbingan Teknis Aplikasi e-Kinerja BKN",
        "BIMBINGAN TEKNIS",
        "Kantor Regional II BKN Surabaya",
        2025,
        "BKN.II/BT/0085/2025",
        "2025-01-21",
        6,
    ],
]


def buat_simpeg_kursus(folder: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Worksheet"  # PhpSpreadsheet's default sheet name
    ws.append(KOLOM_SIMPEG_KURSUS)
    for row in SIMPEG_KURSUS:
        ws.append(row)
    for baris in ws.iter_rows(min_row=2):
        baris[0].number_format = "@"  # NIP as text
        baris[6].number_format = "@"  # the date as the DB gave it, yyyy-mm-dd text
    _simpan(wb, folder / "simpeg_kursus.xlsx")


# ---------------------------------------------------------------- 5. Bangkom "laporan" export

KOLOM_BANGKOM = [
    "#",
    "NIP",
    "Nama Lengkap",
    "Jenis Diklat",
    "Sub Jenis Diklat",
    "Rumpun Diklat",
    "Nama Diklat",
    "Tempat Diklat",
    "Penyelenggara Diklat",
    "Tanggal Mulai",
    "Tanggal Selesai",
    "Nomor Surat",
    "Tanggal Surat",
    "Lama Pendidikan",
    "Tahun Angkatan",
    "Nomor STTPP",
    "Tanggal STTPP",
    "Status",
    "Alasan",
]

# NIP: CONCAT('\'', nip) in most rows, a backtick in one, bare in two (entered by hand)
BANGKOM = [
    [
        "'" + NIP_A,
        "Manajerial",
        "Pelatihan Kepemimpinan Administrator",
        "Administrasi",
        "Pelatihan Kepemimpinan Administrator Angkatan II Tahun 2025",
        "BPSDM DIY, Yogyakarta",
        "BPSDM DIY",
        "2025-03-10",
        "2025-07-18",
        "800/0312/BKPP/2025",
        "2025-02-24",
        400,
        "2025",
        "PKA.II/0031/BPSDM-DIY/2025",
        "2025-07-18",
        "Disetujui",
        "",
    ],
    [
        "'" + NIP_B,
        "Teknis",
        "Seminar Internasional",
        "Administrasi",
        "International Seminar on Public Sector Innovation 2025",
        "Auditorium MAP UGM, Yogyakarta",
        "Magister Administrasi Publik Universitas Gadjah Mada",
        "2025-09-24",
        "2025-09-25",
        "800/1877/BKPP/2025",
        "2025-09-10",
        12,
        "2025",
        "ISPSI/2025/0457",
        "2025-09-25",
        "Disetujui",
        "",
    ],
    [
        NIP_C,
        "Fungsional",
        "Pelatihan Penjenjangan Auditor",
        "PENGAWASAN",
        "Pelatihan Penjenjangan Auditor Ahli Muda",
        "Pusdiklatwas BPKP, Ciawi, Bogor",
        "Pusdiklatwas BPKP",
        "2025-07-07",
        "2025-07-25",
        "800/1204/BKPP/2025",
        "2025-06-20",
        120,
        "2025",
        "PE.03.03/0815/DL/2025",
        "2025-07-25",
        "Disetujui",
        "",
    ],
    [
        "'" + NIP_A,
        "Teknis",
        "Workshop",
        "Administrasi",
        "Workshop Penyusunan Rencana Kerja Perangkat Daerah Tahun 2026",
        "Ruang Rapat Bappeda Kabupaten Sleman",
        "Bappeda Kabupaten Sleman",
        "2025-02-18",
        "2025-02-19",
        "800/0205/BKPP/2025",
        "2025-02-10",
        10,
        "2025",
        "050/0117/BAPPEDA/2025",
        "2025-02-19",
        "Ditolak",
        "STTPP yang diunggah tidak terbaca, mohon unggah ulang",
    ],
    [
        "'" + NIP_B,
        "Fungsional",
        "Kursus",
        "Administrasi",
        "Kursus Bahasa Inggris bagi Jabatan Fungsional Analis Kebijakan",
        "LIA Yogyakarta",
        "Lembaga Bahasa LIA Yogyakarta",
        "2025-04-07",
        "2025-04-25",
        "800/0566/BKPP/2025",
        "2025-03-27",
        24,
        "2025",
        "LIA/YK/2025/0219",
        "2025-04-25",
        "Disetujui",
        "",
    ],
    [
        "`" + NIP_A,
        "Teknis",
        "Webinar",
        "KEKOMPUTERAN",
        "Webinar Nasional Keamanan Siber bagi Aparatur Sipil Negara",
        "Daring (Zoom Meeting)",
        "Badan Siber dan Sandi Negara",
        "2025-05-20",
        "2025-05-20",
        "800/0801/BKPP/2025",
        "2025-05-15",
        3,
        "2025",
        "BSSN/WEB/2025/3312",
        "2025-05-20",
        "Disetujui",
        "",
    ],
    [
        "'" + NIP_C,
        "Teknis",
        "Workshop",
        "HUKUM",
        "Workshop Penyusunan Naskah Akademik Rancangan Peraturan Daerah",
        "Ruang Rapat Lantai 3 Setda Kabupaten Sleman",
        "Bagian Hukum Setda Kabupaten Sleman",
        "2025-03-04",
        "2025-03-06",
        "800/0388/BKPP/2025",
        "2025-02-26",
        15,
        "2025",
        "180/0244/HUK/2025",
        "2025-03-06",
        "Disetujui",
        "",
    ],
    [
        "'" + NIP_B,
        "Teknis",
        "Pelatihan Teknis Substantif",
        "KEUANGAN",
        "Pelatihan Teknis Pengelolaan Barang Milik Daerah",
        "BPSDM DIY, Yogyakarta",
        "BPSDM DIY",
        "2025-06-16",
        "2025-06-20",
        "800/1033/BKPP/2025",
        "2025-06-05",
        40,
        "2025",
        "PT.02/0377/BPSDM-DIY/2025",
        "2025-06-20",
        "Ditinjau",
        "",
    ],
    [
        "'" + NIP_A,
        "Teknis",
        "Bimbingan Teknis",
        "Administrasi",
        "Bimbingan Teknis Penyusunan Dokumen Evaluasi SAKIP",
        "Hotel Grand Mercure Yogyakarta",
        "Inspektorat Kabupaten Sleman",
        "2025-08-12",
        "2025-08-13",
        "800/1402/BKPP/2025",
        "2025-08-04",
        "16",
        "2025",
        "700/0611/INSP/2025",
        "2025-08-13",
        "Ditinjau",
        "",
    ],
    [
        "'" + NIP_B,
        "Teknis",
        "Webinar",
        "KEKOMPUTERAN",
        "Webinar Literasi Digital Sektor Pemerintahan",
        "Daring (YouTube Live)",
        "Kementerian Komunikasi dan Digital",
        "2025-10-07",
        "2025-10-07",
        "800/1790/BKPP/2025",
        "2025-10-06",
        2,
        "2025",
        "-",
        "2025-10-07",
        "Ditolak",
        "Kegiatan kurang dari 2 JP, belum dapat diakui sebagai pengembangan kompetensi",
    ],
    # ended November 2024; STTPP signed in January 2025: counts in 2024
    [
        NIP_C,
        "Teknis",
        "Bimbingan Teknis",
        "HUKUM",
        "Bimbingan Teknis Pengelolaan Jaringan Dokumentasi dan Informasi Hukum (JDIH)",
        "Hotel Tentrem Yogyakarta",
        "Badan Pembinaan Hukum Nasional",
        "2024-11-19",
        "2024-11-21",
        "800/2265/BKPP/2024",
        "2024-11-11",
        24,
        "2024",
        "PHN.4-BT.02/0093/2025",
        "2025-01-08",
        "Disetujui",
        "",
    ],
]


def buat_bangkom(folder: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Worksheet"  # maatwebsite/excel (PhpSpreadsheet) default
    ws.append(KOLOM_BANGKOM)
    for no, row in enumerate(BANGKOM, 1):
        nip = row[0]
        ws.append([no, nip, NAMA[nip.lstrip("'`")], *row[1:]])
    for sel in ws[1]:
        sel.font = Font(bold=True)
    _simpan(wb, folder / "bangkom_laporan.xlsx")


# ---------------------------------------------------------------- 6. office recap workbook

KOLOM_KANTOR = [
    "No",
    "NIP",
    "Nama Pegawai",
    "Jenis Kegiatan",
    "Tingkat",
    "Tgl Mulai",
    "Tgl Selesai",
    "Jumlah JP",
    "Keterangan",
]

D = dt.date
KANTOR = [
    [
        NIP_A,
        "Pelatihan Teknis",
        "Internasional",
        D(2025, 2, 10),
        D(2025, 2, 14),
        40,
        "Regional Training on Cyber Security Incident Response, Singapura",
    ],
    [
        NIP_A,
        "Coaching",
        "Nasional",
        D(2025, 4, 8),
        D(2025, 4, 8),
        2,
        "Coaching oleh Kepala Bidang: penyusunan rencana aksi",
    ],
    [
        NIP_A,
        "Coaching",
        "Internasional",
        D(2025, 4, 22),
        D(2025, 4, 22),
        4,
        "Coaching daring dengan coach Australia Awards Indonesia",
    ],
    [
        NIP_A,
        "Coaching",
        "Nasional",
        D(2025, 4, 29),
        D(2025, 4, 29),
        2,
        "Coaching lanjutan: evaluasi rencana aksi",
    ],
    [
        NIP_A,
        "Seminar",
        "Nasional",
        D(2025, 6, 11),
        D(2025, 6, 12),
        8,
        "Seminar Nasional Smart City, Universitas Sebelas Maret",
    ],
    [
        NIP_B,
        "Belajar Mandiri",
        "Nasional",
        D(2025, 3, 3),
        D(2025, 3, 5),
        9,
        "Modul Manajemen Risiko Sektor Publik",
    ],
    [
        NIP_B,
        "Belajar Mandiri",
        "Internasional",
        D(2025, 3, 20),
        D(2025, 3, 20),
        3,
        "Kursus daring Public Policy Analysis, University of London (Coursera)",
    ],
    [
        NIP_B,
        "E-Learning",
        "Nasional",
        D(2025, 5, 6),
        D(2025, 5, 7),
        8,
        "E-learning Pengelolaan Keuangan Daerah, ASN Unggul LAN",
    ],
    [
        NIP_B,
        "Workshop",
        "Internasional",
        D(2025, 9, 16),
        D(2025, 9, 18),
        21,
        "Asia-Pacific Workshop on Open Government Data, Kuala Lumpur",
    ],
    [
        NIP_C,
        "Mentoring",
        "Nasional",
        D(2025, 1, 15),
        D(2025, 1, 15),
        2,
        "Mentoring oleh Sekretaris Daerah: penyusunan rancangan peraturan bupati",
    ],
    [
        NIP_C,
        "Seminar",
        "Internasional",
        D(2025, 8, 26),
        D(2025, 8, 28),
        18,
        "International Conference on Legislative Drafting, Bangkok",
    ],
    [
        NIP_C,
        "Patok Banding",
        "Nasional",
        D(2025, 10, 21),
        D(2025, 10, 22),
        10,
        "Patok banding pelayanan perizinan ke DPMPTSP Kabupaten Banyuwangi",
    ],
]


def buat_kantor(folder: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap 2025"
    ws["A1"] = "REKAP PENGEMBANGAN KOMPETENSI PEGAWAI TAHUN 2025"
    ws["A2"] = "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN KLATEN"
    ws.merge_cells("A1:I1")
    ws.merge_cells("A2:I2")
    for alamat in ("A1", "A2"):
        ws[alamat].font = Font(bold=True, size=12 if alamat == "A1" else 11)
        ws[alamat].alignment = Alignment(horizontal="center")
    ws.append(KOLOM_KANTOR)  # row 3
    for sel in ws[3]:
        sel.font = Font(bold=True)
    for no, (nip, jenis, tingkat, mulai, selesai, jp, ket) in enumerate(KANTOR, 1):
        ws.append([no, nip, NAMA[nip], jenis, tingkat, mulai, selesai, jp, ket])
        r = ws.max_row
        ws.cell(r, 2).number_format = "@"
        ws.cell(r, 6).number_format = ws.cell(r, 7).number_format = "DD/MM/YYYY"
    r = ws.max_row + 1
    ws.cell(r, 1, "JUMLAH")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    ws.cell(r, 8, sum(row[5] for row in KANTOR))  # 127, written as a number (no live formula)
    ws.cell(r, 1).font = ws.cell(r, 8).font = Font(bold=True)
    ws.cell(r, 1).alignment = Alignment(horizontal="center")
    for kolom, lebar in zip("ABCDEFGHI", (5, 21, 28, 18, 14, 12, 12, 10, 60)):
        ws.column_dimensions[kolom].width = lebar
    _simpan(wb, folder / "kantor_rekap.xlsx")


# ---------------------------------------------------------------- all

BERKAS = [
    "rw_kursus.json",
    "rw_kursus_list.json",
    "rw_kursus.csv",
    "rw_kursus.xlsx",
    "rw_diklat.json",
    "simpeg_rwdiklat.csv",
    "simpeg_kursus.xlsx",
    "bangkom_laporan.xlsx",
    "kantor_rekap.xlsx",
]


def buat_semua(folder: Path = DI_SINI) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    buat_rw_kursus(folder)
    buat_rw_diklat(folder)
    buat_simpeg_rwdiklat(folder)
    buat_simpeg_kursus(folder)
    buat_bangkom(folder)
    buat_kantor(folder)
    return [folder / nama for nama in BERKAS]


if __name__ == "__main__":
    for path in buat_semua(Path(sys.argv[1]) if len(sys.argv) > 1 else DI_SINI):
        print(path)
