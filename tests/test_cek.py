"""jp cek: nobody below target goes unnoticed; exit code and JSON a script can rely on."""

import datetime as dt
import json
import re

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, NIP_C, tulis_csv
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jpcli.cli.app import app
from jpcli.core.shortfall import months_remaining, plan
from jpcli.rules import load_rules
from jpcli.words import MONTHS, plan_text

NIP_D = "199511032022032001"


@pytest.fixture
def berkas(tmp_path):
    """Budi exactly 20 JP; Citra 8 JP with her own target 10; Budiman on the roster with nothing;
    Fitri 12 JP with a workshop in December that a mid-year check must not count."""
    ledger = tulis_csv(
        tmp_path / "buku.csv",
        [
            KOLOM_CSV,
            [NIP_A, "Budi", "magang", "", "14/07/2025", "25/07/2025", "", "Magang"],  # 20 JP
            [NIP_B, "Citra", "kursus", "", "10/03/2025", "", "8", "Kursus"],  # 8 JP
            [NIP_D, "Fitri", "seminar", "", "18/02/2025", "19/02/2025", "", "Seminar"],  # 8 JP
            [NIP_D, "Fitri", "coaching", "", "04/06/2025", "", "2", "Coaching"],  # 4 JP
            [
                NIP_D,
                "Fitri",
                "workshop",
                "",
                "01/12/2025",
                "02/12/2025",
                "",
                "Workshop",
            ],  # 10 JP, December
        ],
    )
    pegawai = tulis_csv(
        tmp_path / "pegawai.csv",
        [
            ["nip", "nama", "unit", "jabatan", "target"],
            [NIP_A, "Budi Santoso", "Sekretariat", "Pranata Komputer", ""],
            [NIP_B, "Citra Lestari", "Sekretariat", "Analis", "10"],
            [NIP_C, "Budiman", "Bidang GTK", "Analis", ""],
            [NIP_D, "Fitri Handayani", "Bidang GTK", "Analis", ""],
        ],
    )
    return ledger, pegawai


def _cek(runner, berkas, *args):
    ledger, pegawai = berkas
    return runner.invoke(
        app, ["cek", str(ledger), "--pegawai", str(pegawai), "--tahun", "2025", *args]
    )


def test_daftar_kurang_dan_exit_1(runner, berkas):
    """Budiman (roster only) 0 -> kurang 20; Citra 8 of her own target 10 -> kurang 2; Fitri 8 + 4 + 10 = 22 meets;
    Budi at exactly 20 is not listed."""
    result = _cek(runner, berkas, "--format", "json", "--per-tanggal", "2025-12-31")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(p["nip"], p["total"], p["target"], p["kurang"]) for p in data["pegawai"]] == [
        (NIP_C, 0.0, 20.0, 20.0),
        (NIP_B, 8.0, 10.0, 2.0),
    ]
    assert list(data)[:5] == ["tahun", "aturan", "target", "pegawai", "peringatan"]
    assert set(data["saran"]) == {NIP_C, NIP_B}
    recap = {r["unit"]: r for r in data["rekap"]}
    assert recap["Sekretariat"] == {
        "unit": "Sekretariat",
        "pegawai": 2,
        "memenuhi": 1,
        "belum": 1,
        "persen_memenuhi": 50.0,
        "total_jp": 28.0,
        "rata_jp": 14.0,
    }
    assert recap["SEMUA UNIT"]["pegawai"] == 4 and recap["SEMUA UNIT"]["memenuhi"] == 2


def test_per_tanggal_tidak_menghitung_kegiatan_sesudahnya(runner, berkas):
    """On 30 June, Fitri's December workshop has not happened: 8 + 4 = 12, kurang 8, with 6 months left."""
    data = json.loads(_cek(runner, berkas, "-f", "json", "--per-tanggal", "2025-06-30").stdout)
    fitri = next(p for p in data["pegawai"] if p["nip"] == NIP_D)
    assert (fitri["total"], fitri["kurang"]) == (12.0, 8.0)
    assert data["bulan_tersisa"] == 6 and data["per_tanggal"] == "2025-06-30"
    # June's cap is already used by her 2 June sessions: coaching starts in July
    assert "coaching 4 sesi dalam 2 bulan (Juli–Agustus" in data["saran"][NIP_D]


def test_exit_0_bila_semua_memenuhi(runner, berkas):
    result = _cek(runner, berkas, "--target", "0.5", "--per-tanggal", "2025-12-31")
    # roster targets still apply to Citra (10) and Budiman has 0 -> still someone below
    assert result.exit_code == 1
    ledger = tulis_csv(
        berkas[0].parent / "penuh.csv",
        [KOLOM_CSV, [NIP_A, "Budi", "magang", "", "14/07/2025", "", "", ""]],
    )
    ok = runner.invoke(app, ["cek", str(ledger), "--per-tanggal", "2025-12-31"])
    assert ok.exit_code == 0
    assert "Semua 1 pegawai memenuhi target" in ok.stdout


def test_tanpa_daftar_pegawai_diberi_tahu(runner, berkas):
    result = runner.invoke(
        app, ["cek", str(berkas[0]), "-f", "json", "--per-tanggal", "2025-12-31"]
    )
    data = json.loads(result.stdout)
    assert any("tanpa daftar pegawai" in p["pesan"] for p in data["peringatan"])
    assert NIP_C not in {p["nip"] for p in data["pegawai"]}  # nobody could know about Budiman


def test_nip_buku_yang_tidak_ada_di_daftar_diperingatkan(runner, berkas, tmp_path):
    pegawai = tulis_csv(tmp_path / "sebagian.csv", [["nip", "nama"], [NIP_A, "Budi"]])
    result = runner.invoke(app, ["cek", str(berkas[0]), "--pegawai", str(pegawai), "-f", "json"])
    message = [p["pesan"] for p in json.loads(result.stdout)["peringatan"]]
    assert any(
        "2 NIP di buku kegiatan tidak ada di daftar pegawai" in p and NIP_B in p and NIP_D in p
        for p in message
    )


def test_tampilan_dan_laporan_xlsx(runner, berkas, tmp_path):
    result = _cek(runner, berkas, "--per-tanggal", "2025-06-30")
    assert (
        "PEMERIKSAAN PEMENUHAN TARGET JP TAHUN 2025" in result.stdout
        and "sisa 6 bulan" in result.stdout
    )
    assert "Rekap per unit" in result.stdout
    out = tmp_path / "laporan.xlsx"
    result = _cek(runner, berkas, "--per-tanggal", "2025-06-30", "-o", str(out))
    assert result.exit_code == 1 and out.exists()
    wb = load_workbook(out)
    assert wb.sheetnames == ["Belum memenuhi", "Rekap per unit", "Sekretariat", "Bidang GTK"]
    assert len(wb["Rekap per unit"]._charts) == 1


# ---------------------------------------------------------------- suggestions


def suggestions(*args) -> str:
    """The catch-up plan as jp cek words it."""
    return plan_text(plan(*args))


def test_sisa_bulan():
    assert months_remaining(dt.date(2025, 11, 20)) == [(2025, 11), (2025, 12)]
    assert months_remaining(dt.date(2025, 11, 30)) == [(2025, 12)]  # November has no day left
    assert months_remaining(dt.date(2025, 12, 31)) == []


def test_saran_contoh_kurang_6_jp_dua_bulan():
    """Default rule set (2 sessions/month x 2 JP): 6 JP = 3 coaching sessions over 2 months; 3 days of 2 JP."""
    text = suggestions(6, load_rules(), [(2025, 11), (2025, 12)], 41, {}, 2025)
    assert text.startswith(
        "kurang 6 JP: coaching 3 sesi dalam 2 bulan (November–Desember; maks. 2 sesi/bulan) = 6 JP"
    )
    assert "belajar mandiri 6 JP dalam 3 hari (maks. 2 JP/hari)" in text


def test_saran_aturan_ketat_tidak_melebihi_satu_sesi_sebulan():
    """lan-10-2018-ketat: 1 session (2 JP) per month; 2 months give 4 JP, not 6: coaching alone is not offered."""
    text = suggestions(6, load_rules("lan-10-2018-ketat"), [(2025, 11), (2025, 12)], 41, {}, 2025)
    assert "coaching" not in text and "belajar mandiri 6 JP dalam 3 hari" in text


def test_saran_gabungan_bila_satu_jalur_tidak_cukup():
    """Kurang 12 with only December and 4 days left: coaching 2 sesi (4) + mentoring 2 sesi (4) + BM 4 JP in 2 days."""
    text = suggestions(12, load_rules(), [(2025, 12)], 4, {}, 2025)
    assert text == (
        "kurang 12 JP: gabungan coaching 2 sesi dalam 1 bulan (Desember; maks. 2 sesi/bulan) = 4 JP + "
        "mentoring 2 sesi dalam 1 bulan (Desember; maks. 2 sesi/bulan) = 4 JP + "
        "belajar mandiri 4 JP dalam 2 hari (maks. 2 JP/hari) = 4 JP"
    )


def test_saran_tidak_terkejar_jalur_nonklasikal():
    """Kurang 20, December and 4 days: at most 4 + 4 + 8 = 16 JP through the supervisor's routes."""
    text = suggestions(20, load_rules(), [(2025, 12)], 4, {}, 2025)
    assert "paling banyak 16 JP lagi sampai akhir tahun 2025" in text
    assert "pelatihan, seminar atau workshop" in text


def test_saran_tahun_berakhir():
    assert "sudah berakhir" in suggestions(5, load_rules(), [], 0, {}, 2025)


_RENCANA = re.compile(
    r"(coaching|mentoring) (\d+) sesi dalam (\d+) bulan \((.+?); maks\. (\d+) sesi/bulan\) = ([\d,]+) JP"
)
_MANDIRI = re.compile(r"belajar mandiri (\d+) JP dalam (\d+) hari \(maks\. (\d+) JP/hari\)")


@settings(max_examples=300, deadline=None)
@given(
    short=st.floats(0.01, 40),
    day=st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 30)),
    rules=st.sampled_from(["lan-10-2018", "lan-10-2018-ketat"]),
    sudah=st.integers(0, 3),
)
def test_saran_tidak_pernah_melebihi_batas(short, day, rules, sudah):
    """Property: no suggestion proposes more counted sessions per month than the cap of the rule set in
    force (after the sessions already held this month), more months than are left, or more than 2 JP/day."""
    rules = load_rules(rules)
    month = months_remaining(day)
    days_left = (dt.date(2025, 12, 31) - day).days
    used = {("coaching", day.month): float(sudah), ("mentoring", day.month): float(sudah)}
    text = suggestions(short, rules, month, days_left, used, 2025)
    for jenis, sessions, n_bulan, rentang, batas, _ in _RENCANA.findall(text):
        batas_aturan = rules.by_code[jenis].nasional.batas
        assert int(batas) == batas_aturan
        name = rentang.split("–")
        offset, end_row = MONTHS.index(name[0]) + 1, MONTHS.index(name[-1]) + 1
        assert [m for _, m in month if offset <= m <= end_row] == list(
            range(offset, end_row + 1)
        )  # months still left
        capacity = sum(
            max(0, batas_aturan - used.get((jenis, m), 0)) for m in range(offset, end_row + 1)
        )
        assert int(sessions) <= capacity
        assert int(n_bulan) <= end_row - offset + 1
    for jp, n_days, batas in _MANDIRI.findall(text):
        assert int(jp) <= int(batas) * int(n_days) and int(n_days) <= days_left
    if "paling banyak" not in text and "sudah berakhir" not in text:
        # each alternative on its own reaches the shortfall
        for alternatif in text.split(": ", 1)[1].split(", atau "):
            jp = sum(float(x.replace(",", ".")) for x in re.findall(r"= ([\d,]+) JP", alternatif))
            assert jp >= short - 1e-9
