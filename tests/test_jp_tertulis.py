"""Stated JP versus quantity (SPEC §1), impossible and implausible quantities, and exact reasons.

Every figure is worked out by hand from the conversion table (Perlan LAN 10/2018 Lampiran).
"""

import datetime as dt
import json

import pytest
from bantuan import NIP_A, activity, counted, ledger, report, tulis_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpcli.cli.app import app
from jpcli.core import explain
from jpcli.problems import InputError
from jpcli.words import reason_text

# ---------------------------------------------------------------- the ledger, through the CLI

JUDUL = ["NIP", "Nama", "Jenis Kegiatan", "Tgl Mulai", "Tgl Selesai", "Jumlah JP"]
BARIS = [
    [NIP_A, "Budi", "seminar", "10/03/2025", "10/03/2025", "8"],  # row 2: 1 day x 4 = 4, stated 8
    [NIP_A, "Budi", "coaching", "12/03/2025", "", "2"],  # row 3: 1 session x 2 = 2, as stated
    [
        NIP_A,
        "Budi",
        "workshop",
        "05/05/2025",
        "06/05/2025",
        "12",
    ],  # row 4: 2 days x 5 = 10, stated 12
    [
        NIP_A,
        "Budi",
        "diklat teknis",
        "01/09/2025",
        "05/09/2025",
        "40",
    ],  # row 5: unit JP, 40 as stated
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
    assert (
        budi["sosialisasi"],
        budi["coaching"],
        budi["workshop"],
        budi["pelatihan"],
        budi["total"],
    ) == (4.0, 2.0, 10.0, 40.0, 56.0)
    written = [p for p in data["peringatan"] if p["kolom"] == "Jumlah JP"]
    assert [p["baris"] for p in written] == [2, 4]
    assert "JP tertulis 8; menurut tabel: 1 hari × 4 JP = 4 JP" in written[0]["pesan"]
    assert "JP tertulis 12; menurut tabel: 2 hari × 5 JP = 10 JP" in written[1]["pesan"]


def test_validasi_menyebut_peringatan_yang_sama(runner, buku_jumlah_jp):
    compute_jp = json.loads(
        runner.invoke(app, ["hitung", str(buku_jumlah_jp), "-f", "json"]).stdout
    )["peringatan"]
    result = runner.invoke(app, ["validasi", str(buku_jumlah_jp), "-f", "json"])
    assert result.exit_code == 0
    validasi = json.loads(result.stdout)
    assert (validasi["salah"], validasi["peringatan"]) == (0, 2)
    assert validasi["masalah"] == compute_jp


def test_kartu_menampilkan_jp_tertulis(runner, buku_jumlah_jp):
    """jp kartu shows the stated figure next to the counted one."""
    result = runner.invoke(app, ["kartu", str(buku_jumlah_jp), "--nip", NIP_A, "-f", "json"])
    rows = {r["baris"]: r for r in json.loads(result.stdout)["kegiatan"]}
    assert [(rows[b]["jp_tertulis"], rows[b]["jp_diakui"]) for b in (2, 3, 4, 5)] == [
        (8.0, 4.0),
        (2.0, 2.0),
        (12.0, 10.0),
        (40.0, 40.0),
    ]
    table = runner.invoke(app, ["kartu", str(buku_jumlah_jp), "--nip", NIP_A]).stdout
    assert "JP tertulis" in table


def test_hari_melebihi_rentang_ditolak_lalu_lewati_salah(runner, tmp_path):
    """Seminar 10/03/2025-10/03/2025 with jumlah 5: five days inside one date is impossible (B.1 no.7 counts
    days): exit 2 naming row 2; --lewati-salah counts the other row only (workshop 1 day x 5 = 5)."""
    path = tulis_csv(
        tmp_path / "b.csv",
        [
            ["nip", "jenis", "tanggal_mulai", "tanggal_selesai", "jumlah"],
            [NIP_A, "seminar", "10/03/2025", "10/03/2025", "5"],
            [NIP_A, "workshop", "11/03/2025", "", ""],
        ],
    )
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert (
        "baris 2, kolom jumlah: 5 hari, padahal tanggal 10/03/2025 s.d. 10/03/2025 hanya 1 hari"
        in result.output
    )
    assert "Isi tanggal selesai" in result.output
    lewati = runner.invoke(app, ["hitung", str(path), "-f", "json", "--lewati-salah"])
    assert lewati.exit_code == 0
    assert json.loads(lewati.stdout)["pegawai"][0]["total"] == 5.0


# ---------------------------------------------------------------- each rule on its own


def test_satuan_jp_jumlah_kosong_memakai_jp():
    """Unit JP: the program's JP is jumlah, else the stated jp: kursus jp 32 -> 32 (B.1 no.9)."""
    assert counted([activity("kursus", "13/01/2025", jp="32")]) == [32.0]


def test_satuan_jp_internasional_jp_tertulis_dikali():
    """Unit JP, international: the stated 13 JP is the program's JP; +20% -> 15.6 (B.1 no.4), no warning."""
    lap = report(
        [activity("pelatihan teknis", "20/10/2025", "22/10/2025", jp="13", lingkup="internasional")]
    )
    assert lap.result["jp_diakui"].round(6).tolist() == [15.6]
    assert not [m for m in lap.warnings if "tertulis" in m.message]


def test_satuan_jp_keduanya_kosong_salah():
    b = ledger([activity("kursus", "13/01/2025")])
    (m,) = b.errors
    assert (m.column, m.row_no) == ("jumlah", 2) and "JP kosong" in m.message


def test_satuan_jp_jumlah_dan_jp_berbeda_jumlah_dipakai():
    """Both filled and different: jumlah is the program's JP (SPEC §1), with a warning naming both."""
    lap = report([activity("bimtek", "10/03/2025", "12/03/2025", quantity="24", jp="20")])
    assert lap.result["jp_diakui"].tolist() == [24.0]
    (m,) = [m for m in lap.warnings if m.column == "jp"]
    assert "JP tertulis 20" in m.message and "24" in m.message


def test_seminar_internasional_jp_tertulis_dibanding_enam_per_hari():
    """B.1 no.7 internasional: 1 day x 6 = 6; stated 8 is not used, and the warning shows the arithmetic."""
    lap = report([activity("seminar", "26/08/2025", jp="8", lingkup="internasional")])
    assert lap.result["jp_diakui"].tolist() == [6.0]
    (m,) = [m for m in lap.warnings if m.column == "jp"]
    assert "JP tertulis 8; menurut tabel: 1 hari × 6 JP internasional = 6 JP" in m.message


@pytest.mark.parametrize(
    ("jenis", "quantity", "jp", "expected"),
    [
        ("coaching", "2", "4", 4.0),  # B.2 no.5: 2 sessions x 2 = 4 = stated
        ("pendidikan", "2", "40", 40.0),  # A no.1: 2 semesters x 20 = 40 = stated
        ("workshop", "", "10", 10.0),  # B.1 no.8: 2 calendar days x 5 = 10 = stated
    ],
)
def test_jp_tertulis_sama_dengan_tabel_tanpa_peringatan(jenis, quantity, jp, expected):
    lap = report(
        [
            activity(
                jenis,
                "05/05/2025",
                "06/05/2025" if jenis == "workshop" else "",
                quantity=quantity,
                jp=jp,
            )
        ]
    )
    assert lap.result["jp_diakui"].tolist() == [expected]
    assert not [m for m in lap.warnings if m.column == "jp"]


def test_kolom_hari_untuk_seminar_dan_diabaikan_untuk_satuan_jp():
    """A days column (SIMPEG durasi_hari): seminar 2 days x 4 = 8; a JP-unit row keeps its JP (24), not 2."""
    rows = [
        activity("seminar", "18/02/2025", "19/02/2025", hari="2", jp="8"),
        activity("pelatihan teknis", "03/03/2025", "05/03/2025", hari="3", jp="24"),
    ]
    assert counted(rows) == [8.0, 24.0]


def test_kolom_hari_melebihi_rentang_ditolak():
    (m,) = ledger([activity("workshop", "06/05/2025", "07/05/2025", hari="3")]).errors
    assert (
        m.column == "hari"
        and "3 hari, padahal tanggal 06/05/2025 s.d. 07/05/2025 hanya 2 hari" in m.message
    )


def test_setengah_hari_boleh():
    """0,5 day of seminar = 2 JP (B.1 no.7); half a day fits inside one date."""
    assert counted([activity("seminar", "18/02/2025", quantity="0,5")]) == [2.0]


@pytest.mark.parametrize("jenis", ["magang", "pertukaran", "detasering", "patok_banding"])
def test_kegiatan_bernilai_tetap_jumlah_lebih_dari_satu_diperingatkan(jenis):
    """B.2 no.1-3, 7 are worth a fixed JP per activity: jumlah 20 is more likely JP typed in the wrong column.
    The row still counts as written (a warning, not an error)."""
    lap = report([activity(jenis, "10/03/2025", "10/04/2025", quantity="20")])
    (m,) = [m for m in lap.warnings if m.column == "jumlah"]
    assert "jumlah 20 berarti 20 kali" in m.message and "kolom jp" in m.message
    per_kegiatan = {"magang": 20, "pertukaran": 20, "detasering": 20, "patok_banding": 10}[jenis]
    assert lap.result["jp_diakui"].tolist() == [20.0 * per_kegiatan]


def test_coaching_banyak_sesi_tidak_diperingatkan():
    lap = report([activity("coaching", "04/03/2025", quantity="2")])
    assert not [m for m in lap.warnings if m.column == "jumlah"]


def test_jp_sehari_tidak_wajar_diperingatkan():
    """40 JP of training on one calendar day is more than a person attends (12 JP): a warning; 24 JP over
    3 days (8 a day) is not."""
    lap = report(
        [
            activity("pelatihan_teknis", "01/09/2025", quantity="40"),
            activity("pelatihan_teknis", "02/10/2025", "04/10/2025", quantity="24"),
        ]
    )
    (m,) = [m for m in lap.warnings if m.column == "jumlah"]
    assert m.row_no == 2 and "40 JP dalam 1 hari kalender" in m.message
    assert lap.result["jp_diakui"].tolist() == [40.0, 24.0]


def test_jumlah_jp_bukan_lagi_nama_lain_jumlah(tmp_path):
    """A header 'jumlah_jp' is the stated JP: a 2-day workshop with jumlah_jp 12 counts 2 x 5 = 10, not 60."""
    from jpcli.core.pipeline import build_report, load_ledger
    from jpcli.rules import load_rules

    path = tulis_csv(
        tmp_path / "b.csv",
        [
            ["nip", "jenis", "tanggal_mulai", "tanggal_selesai", "jumlah_jp"],
            [NIP_A, "workshop", "05/05/2025", "06/05/2025", "12"],
        ],
    )
    rules = load_rules()
    assert build_report(load_ledger(path, rules, today=dt.date(2026, 1, 1)), rules).kartu[
        "total"
    ].tolist() == [10.0]


# ---------------------------------------------------------------- reasons


def _reasons(rows, rules="lan-10-2018", year=None):
    lap = report(rows, rules=rules, year=year)
    card = explain.employee_card(lap, explain.find_employee(lap.kartu, nip=NIP_A))
    return dict(zip(card.register["baris"], map(reason_text, card.register["alasan"])))


def test_alasan_menyebut_baris_lain_tahun():
    """A day is one day across a year end: the 31 Dec 2024 row (row 2, counted in 2024) used the 2 JP of
    31 Dec; the 2025 card explains row 3's cut by naming row 2 and its year."""
    rows = [
        activity("belajar_mandiri", "31/12/2024", quantity="2"),
        activity("belajar_mandiri", "31/12/2024", "01/01/2025", "4"),
    ]
    reason = _reasons(rows, year=2025)
    assert "sudah terpakai oleh baris 2, yang dihitung di tahun 2024" in reason[3]


def test_alasan_pengali_sesudah_batas():
    """B.2 no.9 internasional: 5 JP in one day capped to 2, then x 1.2 = 2.4, and the reason says so."""
    reason = _reasons(
        [activity("belajar_mandiri", "07/07/2025", quantity="5", lingkup="internasional")]
    )
    assert "diakui 2 JP × 1,2 = 2,4 JP" in reason[2]


def test_alasan_batas_bersama_lingkup():
    """The international row cut by the national row of the same day names that row."""
    reason = _reasons(
        [
            activity("belajar_mandiri", "07/07/2025", quantity="2"),
            activity("belajar_mandiri", "07/07/2025", quantity="2", lingkup="internasional"),
        ]
    )
    assert "sudah terpakai oleh baris 2" in reason[3]


def test_ketat_internasional_mengutip_pasal_internasional():
    """lan-10-2018-ketat: an international session over the cap cites the international clause (2 times a
    month), not the national one (2 JP a month)."""
    rows = [activity("coaching", "03/03/2025", quantity="3", lingkup="int")]
    reason = _reasons(rows, rules="lan-10-2018-ketat")
    assert "internasional: maksimal dihitung 2 kali dalam 1 bulan" in reason[2]
    assert "nasional: maksimal dihitung 2 JP" not in reason[2]
    nasional = _reasons(
        [activity("coaching", "03/03/2025", quantity="3")], rules="lan-10-2018-ketat"
    )
    assert "(nasional: maksimal dihitung 2 JP dalam 1 bulan)" in nasional[2]


# ---------------------------------------------------------------- jp aturan agrees with the README


def test_aturan_batas_harian_di_kolom_nilai():
    from jpcli.render.rules_text import rule_rows
    from jpcli.rules import load_rules

    rows = {r["kode"]: r for r in rule_rows(load_rules())}
    assert (rows["e_learning"]["nasional"], rows["e_learning"]["internasional"]) == (
        "maks. 3 JP/hari",
        "maks. 4 JP/hari",
    )
    assert rows["belajar_mandiri"]["internasional"] == "(maks. 2 JP/hari) × 1,2"
    assert rows["coaching"]["nasional"] == "2 JP/kali, maks. 2 kali/bulan (= 4 JP)"


def test_tabel_konversi_readme_sama_dengan_jp_aturan():
    """Every row of the README's conversion table shows, for each code in it, what jp aturan shows."""
    import re
    from pathlib import Path

    from jpcli.render.rules_text import rule_rows
    from jpcli.rules import load_rules

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    parts = readme.split("## Tabel konversi", 1)[1].split("\n\n", 2)[1]
    rules = {r["kode"]: r for r in rule_rows(load_rules())}
    dilihat = set()
    for line in parts.splitlines()[2:]:
        cells_of = [c.strip() for c in line.strip("|").split("|")]
        for code in re.findall(r"`([a-z_]+)`", cells_of[0]):
            assert (rules[code]["nasional"], rules[code]["internasional"]) == (
                cells_of[2],
                cells_of[3],
            ), code
            dilihat.add(code)
    assert dilihat == set(rules)


# ---------------------------------------------------------------- properties


@st.composite
def baris_satuan_tetap(draw):
    """A row of a day or session unit, with or without a stated JP."""
    jenis = draw(
        st.sampled_from(
            [
                "seminar",
                "workshop",
                "coaching",
                "mentoring",
                "magang",
                "patok_banding",
                "pendidikan",
            ]
        )
    )
    start = draw(st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 20)))
    lama = draw(st.integers(0, 3))
    quantity = (
        draw(st.sampled_from(["", "1", "2"]))
        if jenis not in ("seminar", "workshop")
        else draw(st.sampled_from(["", "1"]))
    )
    return activity(
        jenis,
        start.strftime("%d/%m/%Y"),
        (start + dt.timedelta(days=lama)).strftime("%d/%m/%Y"),
        quantity=quantity,
        lingkup=draw(st.sampled_from(["", "internasional"])),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(baris_satuan_tetap(), min_size=1, max_size=12), st.data())
def test_jp_tertulis_tidak_pernah_menaikkan_total(rows, data):
    """For day and session units, a stated-JP column never changes what is counted: the total with any stated
    figures equals the total without them (the quantity decides; SPEC §1)."""
    rows = [
        dict(r, judul=f"kegiatan {i}") for i, r in enumerate(rows)
    ]  # no exact duplicates among them
    dengan = [dict(r, jp=str(data.draw(st.integers(1, 300)))) for r in rows]
    without = report(rows).kartu["total"].round(6).tolist()
    assert report(dengan).kartu["total"].round(6).tolist() == without


def test_baris_bermasalah_tidak_lolos():
    with pytest.raises(InputError):
        report([activity("seminar", "10/03/2025", "10/03/2025", quantity="5")])
