"""Stated JP versus quantity (SPEC §1), impossible and implausible quantities, and exact reasons.

Every figure is worked out by hand from the conversion table (Perlan LAN 10/2018 Lampiran).
"""

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantuan import NIP_A, baris, buku, diakui, laporan, tulis_csv
from jpcli.core import explain
from jpcli.cli.app import app
from jpcli.problems import MasalahInput

# ---------------------------------------------------------------- the ledger, through the CLI

JUDUL = ["NIP", "Nama", "Jenis Kegiatan", "Tgl Mulai", "Tgl Selesai", "Jumlah JP"]
BARIS = [
    [NIP_A, "Budi", "seminar", "10/03/2025", "10/03/2025", "8"],        # row 2: 1 day x 4 = 4, stated 8
    [NIP_A, "Budi", "coaching", "12/03/2025", "", "2"],                 # row 3: 1 session x 2 = 2, as stated
    [NIP_A, "Budi", "workshop", "05/05/2025", "06/05/2025", "12"],      # row 4: 2 days x 5 = 10, stated 12
    [NIP_A, "Budi", "diklat teknis", "01/09/2025", "05/09/2025", "40"],  # row 5: unit JP, 40 as stated
]


@pytest.fixture
def buku_jumlah_jp(tmp_path):
    return tulis_csv(tmp_path / "buku.csv", [JUDUL, *BARIS])


def test_kolom_jumlah_jp_tidak_dikalikan(runner, buku_jumlah_jp):
    """B.1 no.7 seminar 1 day x 4 = 4 (not 8 x 4 = 32); B.2 no.5 coaching 1 x 2 = 2 (not 2 sessions = 4);
    B.1 no.8 workshop 2 days x 5 = 10 (not 12 x 5 = 60); B.1 no.4 teknis 40 JP as stated. Total 56."""
    result = runner.invoke(app, ["hitung", str(buku_jumlah_jp), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (budi,) = data["pegawai"]
    assert (budi["sosialisasi"], budi["coaching"], budi["workshop"], budi["pelatihan"], budi["total"]) == (
        4.0, 2.0, 10.0, 40.0, 56.0)
    tertulis = [p for p in data["peringatan"] if p["kolom"] == "Jumlah JP"]
    assert [p["baris"] for p in tertulis] == [2, 4]
    assert "JP tertulis 8; menurut tabel: 1 hari × 4 JP = 4 JP" in tertulis[0]["pesan"]
    assert "JP tertulis 12; menurut tabel: 2 hari × 5 JP = 10 JP" in tertulis[1]["pesan"]


def test_validasi_menyebut_peringatan_yang_sama(runner, buku_jumlah_jp):
    hitung = json.loads(runner.invoke(app, ["hitung", str(buku_jumlah_jp), "-f", "json"]).stdout)["peringatan"]
    result = runner.invoke(app, ["validasi", str(buku_jumlah_jp), "-f", "json"])
    assert result.exit_code == 0
    validasi = json.loads(result.stdout)
    assert (validasi["salah"], validasi["peringatan"]) == (0, 2)
    assert validasi["masalah"] == hitung


def test_kartu_menampilkan_jp_tertulis(runner, buku_jumlah_jp):
    """jp kartu shows the stated figure next to the counted one."""
    result = runner.invoke(app, ["kartu", str(buku_jumlah_jp), "--nip", NIP_A, "-f", "json"])
    rows = {r["baris"]: r for r in json.loads(result.stdout)["kegiatan"]}
    assert [(rows[b]["jp_tertulis"], rows[b]["jp_diakui"]) for b in (2, 3, 4, 5)] == [
        (8.0, 4.0), (2.0, 2.0), (12.0, 10.0), (40.0, 40.0)]
    tabel = runner.invoke(app, ["kartu", str(buku_jumlah_jp), "--nip", NIP_A]).stdout
    assert "JP tertulis" in tabel


def test_hari_melebihi_rentang_ditolak_lalu_lewati_salah(runner, tmp_path):
    """Seminar 10/03/2025-10/03/2025 with jumlah 5: five days inside one date is impossible (B.1 no.7 counts
    days): exit 2 naming row 2; --lewati-salah counts the other row only (workshop 1 day x 5 = 5)."""
    path = tulis_csv(tmp_path / "b.csv", [
        ["nip", "jenis", "tanggal_mulai", "tanggal_selesai", "jumlah"],
        [NIP_A, "seminar", "10/03/2025", "10/03/2025", "5"],
        [NIP_A, "workshop", "11/03/2025", "", ""],
    ])
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert "baris 2, kolom jumlah: 5 hari, padahal tanggal 10/03/2025 s.d. 10/03/2025 hanya 1 hari" in result.output
    assert "Isi tanggal selesai" in result.output
    lewati = runner.invoke(app, ["hitung", str(path), "-f", "json", "--lewati-salah"])
    assert lewati.exit_code == 0
    assert json.loads(lewati.stdout)["pegawai"][0]["total"] == 5.0


# ---------------------------------------------------------------- each rule on its own

def test_satuan_jp_jumlah_kosong_memakai_jp():
    """Unit JP: the program's JP is jumlah, else the stated jp: kursus jp 32 -> 32 (B.1 no.9)."""
    assert diakui([baris("kursus", "13/01/2025", jp="32")]) == [32.0]


def test_satuan_jp_internasional_jp_tertulis_dikali():
    """Unit JP, international: the stated 13 JP is the program's JP; +20% -> 15.6 (B.1 no.4), no warning."""
    lap = laporan([baris("pelatihan teknis", "20/10/2025", "22/10/2025", jp="13", lingkup="internasional")])
    assert lap.hasil["jp_diakui"].round(6).tolist() == [15.6]
    assert not [m for m in lap.peringatan if "tertulis" in m.pesan]


def test_satuan_jp_keduanya_kosong_salah():
    b = buku([baris("kursus", "13/01/2025")])
    (m,) = b.salah
    assert (m.kolom, m.baris) == ("jumlah", 2) and "JP kosong" in m.pesan


def test_satuan_jp_jumlah_dan_jp_berbeda_jumlah_dipakai():
    """Both filled and different: jumlah is the program's JP (SPEC §1), with a warning naming both."""
    lap = laporan([baris("bimtek", "10/03/2025", "12/03/2025", jumlah="24", jp="20")])
    assert lap.hasil["jp_diakui"].tolist() == [24.0]
    (m,) = [m for m in lap.peringatan if m.kolom == "jp"]
    assert "JP tertulis 20" in m.pesan and "24" in m.pesan


def test_seminar_internasional_jp_tertulis_dibanding_enam_per_hari():
    """B.1 no.7 internasional: 1 day x 6 = 6; stated 8 is not used, and the warning shows the arithmetic."""
    lap = laporan([baris("seminar", "26/08/2025", jp="8", lingkup="internasional")])
    assert lap.hasil["jp_diakui"].tolist() == [6.0]
    (m,) = [m for m in lap.peringatan if m.kolom == "jp"]
    assert "JP tertulis 8; menurut tabel: 1 hari × 6 JP internasional = 6 JP" in m.pesan


@pytest.mark.parametrize(("jenis", "jumlah", "jp", "expected"), [
    ("coaching", "2", "4", 4.0),      # B.2 no.5: 2 sessions x 2 = 4 = stated
    ("pendidikan", "2", "40", 40.0),  # A no.1: 2 semesters x 20 = 40 = stated
    ("workshop", "", "10", 10.0),     # B.1 no.8: 2 calendar days x 5 = 10 = stated
])
def test_jp_tertulis_sama_dengan_tabel_tanpa_peringatan(jenis, jumlah, jp, expected):
    lap = laporan([baris(jenis, "05/05/2025", "06/05/2025" if jenis == "workshop" else "", jumlah=jumlah, jp=jp)])
    assert lap.hasil["jp_diakui"].tolist() == [expected]
    assert not [m for m in lap.peringatan if m.kolom == "jp"]


def test_kolom_hari_untuk_seminar_dan_diabaikan_untuk_satuan_jp():
    """A days column (SIMPEG durasi_hari): seminar 2 days x 4 = 8; a JP-unit row keeps its JP (24), not 2."""
    rows = [baris("seminar", "18/02/2025", "19/02/2025", hari="2", jp="8"),
            baris("pelatihan teknis", "03/03/2025", "05/03/2025", hari="3", jp="24")]
    assert diakui(rows) == [8.0, 24.0]


def test_kolom_hari_melebihi_rentang_ditolak():
    (m,) = buku([baris("workshop", "06/05/2025", "07/05/2025", hari="3")]).salah
    assert m.kolom == "hari" and "3 hari, padahal tanggal 06/05/2025 s.d. 07/05/2025 hanya 2 hari" in m.pesan


def test_setengah_hari_boleh():
    """0,5 day of seminar = 2 JP (B.1 no.7); half a day fits inside one date."""
    assert diakui([baris("seminar", "18/02/2025", jumlah="0,5")]) == [2.0]


@pytest.mark.parametrize("jenis", ["magang", "pertukaran", "detasering", "patok_banding"])
def test_kegiatan_bernilai_tetap_jumlah_lebih_dari_satu_diperingatkan(jenis):
    """B.2 no.1-3, 7 are worth a fixed JP per activity: jumlah 20 is more likely JP typed in the wrong column.
    The row still counts as written (a warning, not an error)."""
    lap = laporan([baris(jenis, "10/03/2025", "10/04/2025", jumlah="20")])
    (m,) = [m for m in lap.peringatan if m.kolom == "jumlah"]
    assert "jumlah 20 berarti 20 kali" in m.pesan and "kolom jp" in m.pesan
    per_kegiatan = {"magang": 20, "pertukaran": 20, "detasering": 20, "patok_banding": 10}[jenis]
    assert lap.hasil["jp_diakui"].tolist() == [20.0 * per_kegiatan]


def test_coaching_banyak_sesi_tidak_diperingatkan():
    lap = laporan([baris("coaching", "04/03/2025", jumlah="2")])
    assert not [m for m in lap.peringatan if m.kolom == "jumlah"]


def test_jp_sehari_tidak_wajar_diperingatkan():
    """40 JP of training on one calendar day is more than a person attends (12 JP): a warning; 24 JP over
    3 days (8 a day) is not."""
    lap = laporan([baris("pelatihan_teknis", "01/09/2025", jumlah="40"),
                   baris("pelatihan_teknis", "02/10/2025", "04/10/2025", jumlah="24")])
    (m,) = [m for m in lap.peringatan if m.kolom == "jumlah"]
    assert m.baris == 2 and "40 JP dalam 1 hari kalender" in m.pesan
    assert lap.hasil["jp_diakui"].tolist() == [40.0, 24.0]


def test_jumlah_jp_bukan_lagi_nama_lain_jumlah(tmp_path):
    """A header 'jumlah_jp' is the stated JP: a 2-day workshop with jumlah_jp 12 counts 2 x 5 = 10, not 60."""
    from jpcli.core.pipeline import muat, susun
    from jpcli.rules import muat_aturan

    path = tulis_csv(tmp_path / "b.csv", [["nip", "jenis", "tanggal_mulai", "tanggal_selesai", "jumlah_jp"],
                                          [NIP_A, "workshop", "05/05/2025", "06/05/2025", "12"]])
    aturan = muat_aturan()
    assert susun(muat(path, aturan, hari_ini=dt.date(2026, 1, 1)), aturan).kartu["total"].tolist() == [10.0]


# ---------------------------------------------------------------- reasons

def _alasan(rows, aturan="lan-10-2018", tahun=None):
    lap = laporan(rows, aturan=aturan, tahun=tahun)
    kp = explain.susun_kartu(lap, explain.pilih_pegawai(lap.kartu, nip=NIP_A))
    return dict(zip(kp.rincian["baris"], kp.rincian["alasan"]))


def test_alasan_menyebut_baris_lain_tahun():
    """A day is one day across a year end: the 31 Dec 2024 row (row 2, counted in 2024) used the 2 JP of
    31 Dec; the 2025 card explains row 3's cut by naming row 2 and its year."""
    rows = [baris("belajar_mandiri", "31/12/2024", jumlah="2"), baris("belajar_mandiri", "31/12/2024", "01/01/2025", "4")]
    alasan = _alasan(rows, tahun=2025)
    assert "sudah terpakai oleh baris 2, yang dihitung di tahun 2024" in alasan[3]


def test_alasan_pengali_sesudah_batas():
    """B.2 no.9 internasional: 5 JP in one day capped to 2, then x 1.2 = 2.4, and the reason says so."""
    alasan = _alasan([baris("belajar_mandiri", "07/07/2025", jumlah="5", lingkup="internasional")])
    assert "diakui 2 JP × 1,2 = 2,4 JP" in alasan[2]


def test_alasan_batas_bersama_lingkup():
    """The international row cut by the national row of the same day names that row."""
    alasan = _alasan([baris("belajar_mandiri", "07/07/2025", jumlah="2"),
                      baris("belajar_mandiri", "07/07/2025", jumlah="2", lingkup="internasional")])
    assert "sudah terpakai oleh baris 2" in alasan[3]


def test_ketat_internasional_mengutip_pasal_internasional():
    """lan-10-2018-ketat: an international session over the cap cites the international clause (2 times a
    month), not the national one (2 JP a month)."""
    rows = [baris("coaching", "03/03/2025", jumlah="3", lingkup="int")]
    alasan = _alasan(rows, aturan="lan-10-2018-ketat")
    assert "internasional: maksimal dihitung 2 kali dalam 1 bulan" in alasan[2]
    assert "nasional: maksimal dihitung 2 JP" not in alasan[2]
    nasional = _alasan([baris("coaching", "03/03/2025", jumlah="3")], aturan="lan-10-2018-ketat")
    assert "(nasional: maksimal dihitung 2 JP dalam 1 bulan)" in nasional[2]


# ---------------------------------------------------------------- jp aturan agrees with the README

def test_aturan_batas_harian_di_kolom_nilai():
    from jpcli.render.rules_text import baris_aturan
    from jpcli.rules import muat_aturan

    rows = {r["kode"]: r for r in baris_aturan(muat_aturan())}
    assert (rows["e_learning"]["nasional"], rows["e_learning"]["internasional"]) == ("maks. 3 JP/hari", "maks. 4 JP/hari")
    assert rows["belajar_mandiri"]["internasional"] == "(maks. 2 JP/hari) × 1,2"
    assert rows["coaching"]["nasional"] == "2 JP/kali, maks. 2 kali/bulan (= 4 JP)"


def test_tabel_konversi_readme_sama_dengan_jp_aturan():
    """Every row of the README's conversion table shows, for each code in it, what jp aturan shows."""
    import re
    from pathlib import Path

    from jpcli.render.rules_text import baris_aturan
    from jpcli.rules import muat_aturan

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    bagian = readme.split("## Tabel konversi", 1)[1].split("\n\n", 2)[1]
    aturan = {r["kode"]: r for r in baris_aturan(muat_aturan())}
    dilihat = set()
    for line in bagian.splitlines()[2:]:
        sel = [c.strip() for c in line.strip("|").split("|")]
        for kode in re.findall(r"`([a-z_]+)`", sel[0]):
            assert (aturan[kode]["nasional"], aturan[kode]["internasional"]) == (sel[2], sel[3]), kode
            dilihat.add(kode)
    assert dilihat == set(aturan)


# ---------------------------------------------------------------- properties

@st.composite
def baris_satuan_tetap(draw):
    """A row of a day or session unit, with or without a stated JP."""
    jenis = draw(st.sampled_from(["seminar", "workshop", "coaching", "mentoring", "magang", "patok_banding", "pendidikan"]))
    mulai = draw(st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 20)))
    lama = draw(st.integers(0, 3))
    jumlah = draw(st.sampled_from(["", "1", "2"])) if jenis not in ("seminar", "workshop") else draw(st.sampled_from(["", "1"]))
    return baris(jenis, mulai.strftime("%d/%m/%Y"), (mulai + dt.timedelta(days=lama)).strftime("%d/%m/%Y"),
                 jumlah=jumlah, lingkup=draw(st.sampled_from(["", "internasional"])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(baris_satuan_tetap(), min_size=1, max_size=12), st.data())
def test_jp_tertulis_tidak_pernah_menaikkan_total(rows, data):
    """For day and session units, a stated-JP column never changes what is counted: the total with any stated
    figures equals the total without them (the quantity decides; SPEC §1)."""
    rows = [dict(r, judul=f"kegiatan {i}") for i, r in enumerate(rows)]  # no exact duplicates among them
    dengan = [dict(r, jp=str(data.draw(st.integers(1, 300)))) for r in rows]
    tanpa = laporan(rows).kartu["total"].round(6).tolist()
    assert laporan(dengan).kartu["total"].round(6).tolist() == tanpa


def test_baris_bermasalah_tidak_lolos():
    with pytest.raises(MasalahInput):
        laporan([baris("seminar", "10/03/2025", "10/03/2025", jumlah="5")])
