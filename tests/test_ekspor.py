"""Real exports read as they are (SPEC §1): SIASN riwayat kursus/diklat (JSON envelope, bare
list, CSV, xlsx), SIMPEG snake_case and UPPER_CASE tables, the Bangkom web app's report and an
office's own recap workbook, each checked against JP worked out by hand.

The fixtures are in tests/data/ekspor/ and are made by tests/data/ekspor/buat_fixture.py
(the last test checks they still match it). Each expected figure carries its arithmetic.
Conversion (Perlan LAN 10/2018, rule set lan-10-2018): JP units count the stated JP
(internasional x 1.2); seminar/sosialisasi/webinar 4 JP per day (int 6), workshop 5 per day
(int 7), days = calendar days of the span unless a days column says otherwise; magang 20 and
patok banding 10 per activity; coaching/mentoring 2 per session (int 4), at most 2 sessions a
month; e-learning at most 3 JP a day; belajar mandiri and komunitas belajar at most 2 JP a day
(int: capped, then x 1.2). An activity counts in the year of its end date.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from bantuan import NIP_A, NIP_B, NIP_C
from openpyxl import load_workbook

from jpcli.cli.app import app

EKSPOR = Path(__file__).parent / "data" / "ekspor"
NAMA = {
    NIP_A: "Budi Santoso, S.Kom.",
    NIP_B: "Dewi Lestari, S.E.",
    NIP_C: "Hendra Wijaya, S.H., M.H.",
}
KOLOM_JP = (
    "pendidikan",
    "pelatihan",
    "sosialisasi",
    "workshop",
    "klasikal_lain",
    "coaching",
    "mentoring",
    "belajar_mandiri",
    "nonklasikal_lain",
)
RW_KURSUS = ("rw_kursus.json", "rw_kursus_list.json", "rw_kursus.csv", "rw_kursus.xlsx")
SEMUA = (
    *RW_KURSUS,
    "rw_diklat.json",
    "simpeg_rwdiklat.csv",
    "simpeg_kursus.xlsx",
    "bangkom_laporan.xlsx",
    "kantor_rekap.xlsx",
)


def kartu(total: float, **kolom: float) -> dict[str, float]:
    """An expected card row: the columns given, the others 0, and the total (which must add up)."""
    assert set(kolom) <= set(KOLOM_JP), kolom
    row = {k: float(kolom.get(k, 0)) for k in KOLOM_JP}
    assert sum(row.values()) == pytest.approx(total), "the hand-computed total does not add up"
    return {**row, "total": float(total)}


def _hitung(runner, nama: str, *opsi: str) -> dict:
    result = runner.invoke(
        app, ["hitung", str(EKSPOR / nama), "--format", "json", "--tahun", "2025", *opsi]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["tahun"] == 2025
    return data


def _angka(data: dict) -> dict[str, dict[str, float]]:
    return {p["nip"]: {k: p[k] for k in (*KOLOM_JP, "total")} for p in data["pegawai"]}


def _periksa(data: dict, harapan: dict[str, dict[str, float]]) -> None:
    angka = _angka(data)
    assert sorted(angka) == sorted(harapan)
    for nip, baris in harapan.items():
        assert angka[nip] == pytest.approx(baris, abs=0.005), nip


def _kegiatan(runner, nama: str, nip: str) -> dict[int, float]:
    """``jp kartu --format json``: the rows of the year as {row number: JP counted}."""
    result = runner.invoke(
        app, ["kartu", str(EKSPOR / nama), "--nip", nip, "--format", "json", "--tahun", "2025"]
    )
    assert result.exit_code == 0, result.output
    return {r["baris"]: r["jp_diakui"] for r in json.loads(result.stdout)["kegiatan"]}


# ---------------------------------------------------------------- 1. SIASN riwayat kursus

RW_KURSUS_HARAPAN = {
    NIP_A: kartu(
        52,
        pelatihan=40,  # rec 1, jenisDiklatId 3 (teknis), jumlahJam 40, 10-03..14-03-2025: JP as stated = 40
        sosialisasi=8,  # rec 2, id 9 (seminar), 22-04..23-04-2025: 2 days x 4 = 8 (jumlahJam "8" not used)
        coaching=4,  # rec 3-5, id 14, 05-05, 19-05, 27-05-2025: 3 sessions in May, cap 2: 2 x 2 = 4
    ),  # rec 6, id 8 (bimtek) 11-11..12-11-2024: year 2024, not counted
    NIP_B: kartu(
        36,
        workshop=15,  # rec 7, id 4, 15-07..17-07-2025: 3 days x 5 = 15 (jumlahJam 16 not used)
        nonklasikal_lain=3,  # rec 8, id 16 (e-learning), "8" JP on 04-08-2025: cap 3 JP/day -> 3
        belajar_mandiri=6,  # rec 9, id 22, 10 JP over 08-09..10-09: 3.33/day, cap 2/day -> 2 + 2 + 2 = 6
        klasikal_lain=12,  # rec 10, id 13 (pelatihan klasikal lainnya), 12 JP as stated, no +20%
    ),
    NIP_C: kartu(
        34,
        klasikal_lain=32,  # rec 11, id 11 (kursus; jenisKursusNama "BAHASA INGGRIS" is a topic), "32" JP
        mentoring=2,  # rec 12, id 15, 1 session x 2 = 2
    ),
}


@pytest.mark.parametrize("nama", RW_KURSUS)
def test_siasn_rw_kursus(runner, nama):
    """SIASN riwayat kursus (API envelope {"code":1,"data":[...]}, bare list, comma CSV, xlsx): the
    jenis comes from jenisDiklatId (SIASN code 3, 4, 8, 9, 11, 13, 14, 15, 16, 22), not from the
    UPPER-CASE legacy jenisKursusNama nor jenisKursusSertifikat; dd-mm-yyyy dates; jumlahJam as a
    number or a numeric string; day units from the date span; coaching cap 2 sessions/month;
    e-learning cap 3 JP/day; belajar mandiri cap 2 JP/day; year of tanggalSelesaiKursus."""
    _periksa(_hitung(runner, nama), RW_KURSUS_HARAPAN)


def test_siasn_rw_kursus_empat_bentuk_sama(runner):
    """SIASN riwayat kursus: the same 12 records as an API envelope, a bare JSON list, CSV and xlsx
    give identical employee lists (every key, not only the JP figures)."""
    hasil = {nama: _hitung(runner, nama)["pegawai"] for nama in RW_KURSUS}
    pertama = hasil[RW_KURSUS[0]]
    for nama in RW_KURSUS[1:]:
        assert hasil[nama] == pertama, nama


@pytest.mark.parametrize("nama", RW_KURSUS)
def test_siasn_rw_kursus_nomor_baris(runner, nama):
    """SIASN riwayat kursus: record k is reported as row k + 1, in JSON as in the same records saved
    as CSV/xlsx (header = row 1). NIP_A's records 1-5 are in 2025 (record 6 is 2024):
    row 2 teknis 40; row 3 seminar 2 days x 4 = 8; rows 4-6 coaching in May: 2, 2, then 0 (cap)."""
    assert _kegiatan(runner, nama, NIP_A) == {2: 40.0, 3: 8.0, 4: 2.0, 5: 2.0, 6: 0.0}


# ---------------------------------------------------------------- 2. SIASN riwayat diklat struktural

RW_DIKLAT_HARAPAN = {
    NIP_A: kartu(
        360, pelatihan=360
    ),  # rec 2 "PKA" 17-02..13-06-2025: 360 as stated (rec 1 PIM TK.IV 2015: no)
    NIP_B: kartu(
        324,
        pelatihan=324,  # rec 3 "PKP" 07-10-2024..21-02-2025 ("tahun" 2024, ends 2025): "300" -> 300
    ),  # + rec 4 "Diklat Struktural Lainnya" 18-11..20-11-2025: 24 -> 300 + 24 = 324
    NIP_C: kartu(
        420, pelatihan=420
    ),  # rec 6 "PKN TK. II" 14-04..29-08-2025: 420 (rec 5 DIKLATPIM TK. III 2016: no)
}


def test_siasn_rw_diklat(runner):
    """SIASN riwayat diklat struktural (envelope; latihanStrukturalNama from SIASN's list and the
    newer names offices write: PKA, PKP, PKN TK. II, DIKLATPIM TK. III): pelatihan struktural, JP as
    stated in jumlahJam (number or string); tanggal = start, tanggalSelesai = end; the year is the
    end date's (a PKP of 2024-2025 counts in 2025 although "tahun" says 2024)."""
    _periksa(_hitung(runner, "rw_diklat.json"), RW_DIKLAT_HARAPAN)


def test_siasn_rw_diklat_lintas_tahun(runner):
    """SIASN riwayat diklat: NIP_B's records 3 and 4 are rows 4 and 5; the PKP that began in October
    2024 is listed in 2025 with its full 300 JP, the other 24 JP."""
    assert _kegiatan(runner, "rw_diklat.json", NIP_B) == {4: 300.0, 5: 24.0}


def test_siasn_rw_diklat_nomor_sertifikat_di_kartu(runner):
    """The certificate number SIASN keeps (``nomor``) is shown under the title on the card, so the
    officer can find the document: NIP_C's PKN TK. II of 2025."""
    result = runner.invoke(app, ["kartu", str(EKSPOR / "rw_diklat.json"), "--nip", NIP_C],
                           env={"COLUMNS": "250"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "sertifikat No. PKN.II/ANGK.XV/0027/LAN/2025" in result.stdout


# ---------------------------------------------------------------- 3. SIMPEG snake_case

SIMPEG_RWDIKLAT_HARAPAN = {
    NIP_A: kartu(
        169,
        pelatihan=120,  # row 2, jenis_diklat_id 2 (fungsional), jumlah_jam 120 as stated
        sosialisasi=4,  # row 3, id 7 (sosialisasi = seminar), durasi_hari 1: 1 x 4 = 4
        workshop=15,  # row 4, id 4, 18-09 (Thu)..22-09-2025 (Mon) = 5 calendar days, durasi_hari 3: 3 x 5 = 15
        nonklasikal_lain=30,  # row 5, id 10 (magang) 1 activity = 20 (jumlah_jam 40 not used)
    ),  # + row 6, id 25 (nonklasikal lainnya) 10 as stated, no +20%: 20 + 10 = 30
    NIP_B: kartu(
        100,
        nonklasikal_lain=52,  # row 7 id 20 (patok banding) 10 + row 8 id 17 (PJJ) 40
        # + row 9 id 23 (komunitas belajar) 3 JP on one day, cap 2 -> 2: 10 + 40 + 2 = 52
        klasikal_lain=24,  # row 10, id 12 (penataran), 24 as stated
        pelatihan=24,  # row 11, id 6 (sosial kultural), 24 as stated
    ),  # row 12, id 19 (outbond) ended 13-12-2024, certificate 06-01-2025: 2024, not counted
}


def test_simpeg_snake_case(runner):
    """SIMPEG snake_case rwdiklat CSV: jenis from jenis_diklat_id (SIASN codes 2, 4, 6, 7, 10, 12, 17,
    19, 20, 23, 25), never from jenis_kompetensi; yyyy-mm-dd dates; jumlah_jam = JP for JP units;
    durasi_hari = days for a workshop (3, not the 5 calendar days); magang and patok banding per
    activity; komunitas belajar cap 2 JP/day; tanggal_sertipikat ignored when tanggal_selesai exists."""
    _periksa(_hitung(runner, "simpeg_rwdiklat.csv"), SIMPEG_RWDIKLAT_HARAPAN)


# ---------------------------------------------------------------- 4. SIMPEG UPPER_CASE

SIMPEG_KURSUS_HARAPAN = {
    NIP_A: kartu(
        54,
        pelatihan=32,  # row 2 DIKLAT TEKNIS, JUMLAH_JAM 32 as stated (only a certificate date: 1 day)
        sosialisasi=4,  # row 3 SEMINAR 15-04-2025, JUMLAH_JAM empty: 1 day x 4 = 4
        klasikal_lain=18,  # row 4 KURSUS 8 + row 5 BIMBINGAN TEKNIS 10 = 18
    ),
    NIP_B: kartu(
        15,
        workshop=5,  # row 6 WORKSHOP 14-05-2025: 1 day x 5 = 5 (JUMLAH_JAM 8 not used)
        sosialisasi=4,  # row 7 SEMINAR 09-10-2025: 1 day x 4 = 4
        klasikal_lain=6,  # row 9 BIMBINGAN TEKNIS 21-01-2025: 6 as stated
    ),  # row 8 KURSUS, certificate 29-11-2024: 2024, not counted. 5 + 4 + 6 = 15
}


def test_simpeg_upper_case(runner):
    """SIMPEG UPPER_CASE kursus xlsx: NAMA is the course (not the person); jenis from
    JENIS_KURSUS_NAMA (DIKLAT TEKNIS, SEMINAR, KURSUS, BIMBINGAN TEKNIS, WORKSHOP); TANGGAL_SERTIFIKAT
    is the end date and, with no other date, the start date too (seminar/workshop = 1 day);
    JUMLAH_JAM empty on seminar rows."""
    data = _hitung(runner, "simpeg_kursus.xlsx")
    _periksa(data, SIMPEG_KURSUS_HARAPAN)
    b = next(p for p in data["pegawai"] if p["nip"] == NIP_B)
    assert (b["memenuhi"], b["kurang"]) == (False, 5.0)  # 15 of 20 JP
    kursus = {
        row[1]
        for row in load_workbook(EKSPOR / "simpeg_kursus.xlsx").active.iter_rows(
            min_row=2, values_only=True
        )
    }
    assert not kursus & {
        p["nama"] for p in data["pegawai"]
    }  # no course name taken as a person's name


# ---------------------------------------------------------------- 5. Bangkom

BANGKOM_HARAPAN = {
    NIP_A: kartu(
        420,
        pelatihan=400,  # #1 Pelatihan Kepemimpinan Administrator (Disetujui), Lama Pendidikan 400
        sosialisasi=4,  # #6 Webinar (Disetujui, NIP with a backtick) 20-05-2025: 1 day x 4 = 4 (stated 3)
        klasikal_lain=16,  # #9 Bimbingan Teknis (Ditinjau: counts by default), "16" as stated
    ),  # #4 Workshop Ditolak: never counts
    NIP_B: kartu(
        76,
        sosialisasi=12,  # #2 Seminar Internasional 24-09..25-09-2025: 2 days x 6 = 12
        klasikal_lain=24,  # #5 Jenis Fungsional, Sub Jenis Kursus: kursus, 24 as stated
        pelatihan=40,  # #8 Sub Jenis "Pelatihan Teknis Substantif", Jenis Teknis (Ditinjau): 40
    ),  # #10 Webinar Ditolak: never counts
    NIP_C: kartu(
        135,
        pelatihan=120,  # #3 Jenis Fungsional, Sub Jenis "Pelatihan Penjenjangan Auditor": fungsional, 120
        workshop=15,  # #7 Workshop 04-03..06-03-2025: 3 days x 5 = 15
    ),  # #11 Bimtek ended 21-11-2024 (STTPP 08-01-2025): 2024, not counted
}

BANGKOM_DISETUJUI_HARAPAN = {
    NIP_A: kartu(404, pelatihan=400, sosialisasi=4),  # 420 - 16 (#9 Ditinjau)
    NIP_B: kartu(36, sosialisasi=12, klasikal_lain=24),  # 76 - 40 (#8 Ditinjau)
    NIP_C: kartu(135, pelatihan=120, workshop=15),  # no Ditinjau rows: unchanged
}


def test_bangkom(runner):
    """Bangkom "laporan" xlsx: NIP with a leading ' or a backtick; "Lama Pendidikan" = JP; jenis from
    Sub Jenis Diklat, else (unknown sub jenis) Jenis Diklat; "Seminar Internasional" sets the
    lingkup (6 JP/day); Webinar = seminar; Ditolak rows never count, Ditinjau and Disetujui do;
    yyyy-mm-dd dates; Tanggal STTPP ignored when Tanggal Selesai exists; "Nama Lengkap" = the name."""
    data = _hitung(runner, "bangkom_laporan.xlsx")
    _periksa(data, BANGKOM_HARAPAN)
    assert {p["nip"]: p["nama"] for p in data["pegawai"]} == NAMA


def test_bangkom_hanya_disetujui(runner):
    """Bangkom with --hanya-disetujui: only Disetujui rows count (Ditinjau #8 and #9 drop out)."""
    _periksa(
        _hitung(runner, "bangkom_laporan.xlsx", "--hanya-disetujui"), BANGKOM_DISETUJUI_HARAPAN
    )


# ---------------------------------------------------------------- 6. office workbook

KANTOR_HARAPAN = {
    NIP_A: kartu(
        62,
        pelatihan=48,  # row 4 Pelatihan Teknis Internasional 10-02..14-02-2025, 40 JP x 1.2 = 48
        coaching=6,  # April: row 5 nas 2 + row 6 int 4 (2nd session) + row 7 nas 0 (cap 2 sessions, shared)
        sosialisasi=8,  # row 8 Seminar Nasional 11-06..12-06: 2 days x 4 = 8
    ),
    NIP_B: kartu(
        35.4,
        belajar_mandiri=8.4,  # row 9 nas 9 JP over 03-03..05-03: 3/day, cap 2/day -> 6;
        # row 10 int 3 JP on 20-03: min(3, 2) x 1.2 = 2.4 -> 6 + 2.4 = 8.4
        nonklasikal_lain=6,  # row 11 E-Learning 8 JP over 06-05..07-05: 4/day, cap 3/day -> 3 + 3 = 6
        workshop=21,  # row 12 Workshop Internasional 16-09..18-09: 3 days x 7 = 21
    ),
    NIP_C: kartu(
        30,
        mentoring=2,  # row 13 Mentoring 1 session x 2 = 2
        sosialisasi=18,  # row 14 Seminar Internasional 26-08..28-08: 3 days x 6 = 18
        nonklasikal_lain=10,  # row 15 Patok Banding nasional: 10 per activity
    ),
}


def test_kantor_rekap(runner):
    """Office recap xlsx: two title rows above the header (row 3), Excel date cells, Tingkat
    Nasional/Internasional (x 1.2 for pelatihan, 6 and 7 per day for seminar and workshop, 4 per
    coaching session with the cap of 2 sessions a month shared by both scopes, belajar mandiri capped
    then x 1.2), e-learning cap 3 JP/day, and a final JUMLAH row (127) that is not an activity;
    "Nama Pegawai" = the name."""
    data = _hitung(runner, "kantor_rekap.xlsx")
    _periksa(data, KANTOR_HARAPAN)
    assert {p["nip"]: p["nama"] for p in data["pegawai"]} == NAMA


# ---------------------------------------------------------------- all fixtures


@pytest.mark.parametrize("nama", SEMUA)
def test_validasi_tanpa_salah(runner, nama):
    """Every real-export fixture is read without a single error ("salah": 0; warnings allowed)."""
    result = runner.invoke(app, ["validasi", str(EKSPOR / nama), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["salah"] == 0, [m for m in data["masalah"] if m["tingkat"] == "salah"]


def test_fixture_sama_dengan_pembuatnya(tmp_path):
    """The fixture files are exactly what tests/data/ekspor/buat_fixture.py makes (byte for byte)."""
    spec = importlib.util.spec_from_file_location("buat_fixture", EKSPOR / "buat_fixture.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    for dibuat in modul.buat_semua(tmp_path):
        assert dibuat.read_bytes() == (EKSPOR / dibuat.name).read_bytes(), dibuat.name
