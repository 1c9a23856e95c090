"""jp kartu: one employee's card, every number explained, from the same computation as hitung."""

import json
import re
from pathlib import Path

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, NIP_C, tulis_csv
from openpyxl import load_workbook

from jpcli.cli.app import app

KUNCI_KEGIATAN = [
    "baris",
    "jenis",
    "lingkup",
    "tanggal_mulai",
    "tanggal_selesai",
    "jp_tertulis",
    "jp_mentah",
    "jp_diakui",
    "alasan",
    "nomor_sertifikat",
    "tanggal_sertifikat",
    "status",
]


@pytest.fixture
def ledger(tmp_path):
    """Budi (NIP_A): 3 coaching sessions in March (cap 2/month) and belajar mandiri 9 JP over
    1-3 July overlapping 1 JP on 2 July (cap 2 JP/day), a 2024 row, a row ending in 2026."""
    return tulis_csv(
        tmp_path / "buku.csv",
        [
            KOLOM_CSV,
            [NIP_A, "Budi", "coaching", "", "04/03/2025", "", "1", "Analisis jabatan"],  # row 2
            [NIP_A, "Budi", "coaching", "", "11/03/2025", "", "1", "Peta jabatan"],  # row 3
            [NIP_A, "Budi", "coaching", "", "25/03/2025", "", "1", "Evaluasi jabatan"],  # row 4
            [
                NIP_A,
                "Budi",
                "belajar mandiri",
                "",
                "01/07/2025",
                "03/07/2025",
                "9",
                "Siber",
            ],  # row 5
            [NIP_A, "Budi", "belajar mandiri", "", "02/07/2025", "", "1", "SE BSSN"],  # row 6
            [NIP_A, "Budi", "seminar", "", "20/11/2024", "", "", "Seminar 2024"],  # row 7
            [NIP_A, "Budi", "workshop", "", "30/12/2025", "02/01/2026", "", "Workshop"],  # row 8
            [NIP_B, "Citra", "kursus", "", "10/03/2025", "", "20", "Kursus"],  # row 9
            [NIP_C, "Budiman", "kursus", "", "10/03/2025", "", "8", "Kursus"],  # row 10
        ],
    )


def _kartu(runner, ledger, *args):
    result = runner.invoke(
        app, ["kartu", str(ledger), "--tahun", "2025", *args, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_setiap_baris_dijelaskan(runner, ledger):
    """Coaching: 2 sessions x 2 JP count, the 25 March one is over the 2-per-month cap (B.2 no.5).
    Belajar mandiri: 9 JP over 3 days = 3/day capped to 2 -> 6; the 1 JP on 2 July finds the day full (B.2 no.9).
    Total 4 + 6 = 10."""
    data = _kartu(runner, ledger, "--nip", NIP_A)
    assert list(data) == [
        "nip",
        "nama",
        "pendidikan",
        "pelatihan",
        "sosialisasi",
        "workshop",
        "klasikal_lain",
        "coaching",
        "mentoring",
        "belajar_mandiri",
        "nonklasikal_lain",
        "total",
        "target",
        "memenuhi",
        "kurang",
        "kegiatan",
    ]
    rows = {r["baris"]: r for r in data["kegiatan"]}
    assert all(list(r) == KUNCI_KEGIATAN for r in data["kegiatan"])
    assert [(b, rows[b]["jp_mentah"], rows[b]["jp_diakui"]) for b in (2, 3, 4, 5, 6)] == [
        (2, 2.0, 2.0),
        (3, 2.0, 2.0),
        (4, 2.0, 0.0),
        (5, 9.0, 6.0),
        (6, 1.0, 0.0),
    ]
    assert rows[2]["alasan"] == "" and rows[3]["alasan"] == ""
    assert (
        "melebihi batas coaching 2 sesi/bulan" in rows[4]["alasan"]
        and "Maret 2025" in rows[4]["alasan"]
    )
    assert "Lampiran B.2 no. 5" in rows[4]["alasan"]
    assert (
        "sudah terpakai oleh baris 2 dan 3" in rows[4]["alasan"]
    )  # the sessions that took March's two places
    assert (
        "2 JP/hari" in rows[5]["alasan"]
        and "1 Juli 2025, 2 Juli 2025, 3 Juli 2025" in rows[5]["alasan"]
    )
    assert "terpakai" not in rows[5]["alasan"]  # 3 JP a day of its own: nothing else used the days
    assert "2 Juli 2025" in rows[6]["alasan"] and "Lampiran B.2 no. 9" in rows[6]["alasan"]
    assert "sudah terpakai oleh baris 5" in rows[6]["alasan"]
    assert all(r["jp_tertulis"] is None for r in data["kegiatan"])  # this ledger states no JP
    assert (data["coaching"], data["belajar_mandiri"], data["total"], data["kurang"]) == (
        4.0,
        6.0,
        10.0,
        10.0,
    )


def test_jumlah_diakui_sama_dengan_total_hitung(runner, ledger):
    kartu = _kartu(runner, ledger, "--nip", NIP_A)
    compute_jp = json.loads(
        runner.invoke(app, ["hitung", str(ledger), "--tahun", "2025", "-f", "json"]).stdout
    )
    (budi,) = [p for p in compute_jp["pegawai"] if p["nip"] == NIP_A]
    assert sum(r["jp_diakui"] for r in kartu["kegiatan"]) == pytest.approx(budi["total"])
    assert {k: v for k, v in kartu.items() if k != "kegiatan"} == budi


def test_baris_tahun_lain_disebut_bukan_disembunyikan(runner, ledger):
    """A row starting in 2025 but ending 2 Jan 2026 is listed at 0 with the year it counts in;
    the 2024 seminar belongs to another card and is not listed."""
    rows = {r["baris"]: r for r in _kartu(runner, ledger, "--nip", NIP_A)["kegiatan"]}
    assert rows[8]["jp_diakui"] == 0.0 and "dihitung pada tahun 2026" in rows[8]["alasan"]
    assert 7 not in rows


def test_duplikat_disebut(runner, tmp_path):
    path = tulis_csv(
        tmp_path / "b.csv",
        [KOLOM_CSV, *[[NIP_A, "Budi", "bimtek", "", "10/03/2025", "", "24", "SIPD"]] * 2],
    )
    rows = _kartu(runner, path, "--nip", NIP_A)["kegiatan"]
    assert [(r["jp_diakui"], r["alasan"]) for r in rows] == [
        (24.0, ""),
        (0.0, "sama persis dengan baris 2: dihitung sekali"),
    ]


def test_nip_dengan_spasi_dan_awalan_unik(runner, ledger):
    assert _kartu(runner, ledger, "--nip", "19850312 201001 1 002")["nip"] == NIP_A
    assert _kartu(runner, ledger, "--nip", "1990")["nip"] == NIP_B


def test_awalan_ganda_menyebut_calon(runner, ledger):
    result = runner.invoke(app, ["kartu", str(ledger), "--nip", "19"])
    assert result.exit_code == 2
    assert "cocok dengan 3 pegawai" in result.stderr
    assert NIP_A in result.stderr and NIP_C in result.stderr


def test_cari_nama(runner, ledger):
    assert _kartu(runner, ledger, "--nama", "citra")["nip"] == NIP_B
    result = runner.invoke(app, ["kartu", str(ledger), "--nama", "budi"])  # Budi and Budiman
    assert result.exit_code == 2 and "cocok dengan 2 pegawai" in result.stderr


@pytest.mark.parametrize("args", [["--nip", "199912312020121001"], ["--nama", "Siti"], []])
def test_pegawai_tidak_ada_exit_2(runner, ledger, args):
    result = runner.invoke(app, ["kartu", str(ledger), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Kesalahan:" in result.stderr


def test_tampilan_tabel_memuat_kemajuan_dan_log(runner, ledger):
    result = runner.invoke(app, ["kartu", str(ledger), "--nip", NIP_A, "--tahun", "2025"])
    assert result.exit_code == 0
    out = result.stdout
    assert "19850312 201001 1 002" in out
    assert "10 dari 20 JP (50%)" in out and "kurang 10 JP" in out
    assert "Selasa, 4 Maret 2025" in out and "Paraf Pembimbing" in out
    assert "Maret" in out and "Kumulatif" in out


def test_keluaran_xlsx_untuk_dicetak(runner, ledger, tmp_path):
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(
        app, ["kartu", str(ledger), "--nip", NIP_A, "--tahun", "2025", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Kartu", "Rincian", "Coaching", "Mentoring", "Belajar Mandiri"]
    text = {c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {
        "Atasan Langsung,",
        "Pegawai,",
        "Pembimbing,",
        "Paraf Pembimbing",
        "Materi Bimbingan",
    } <= text
    register = wb["Rincian"]
    title = next(r for r in register.iter_rows(values_only=True) if "JP diakui" in r)
    column = title.index("JP diakui")
    assert title[column - 2] == "JP tertulis"
    jp_diakui = [
        r[column].value for r in register.iter_rows(min_row=5) if isinstance(r[1].value, int)
    ]
    assert jp_diakui == [2, 2, 0, 6, 0, 0]
    log = [
        (r[0].value, r[1].value, r[2].value)
        for r in wb["Coaching"].iter_rows()
        if isinstance(r[0].value, int)
    ]
    assert log[:3] == [
        (1, "Selasa, 4 Maret 2025", "Analisis jabatan"),
        (2, "Selasa, 11 Maret 2025", "Peta jabatan"),
        (3, "Selasa, 25 Maret 2025", "Evaluasi jabatan"),
    ]
    assert len(log) == 5  # the Panduan's template has 5 lines: 2 left blank to fill by hand
    for ws in wb:
        assert int(ws.page_setup.paperSize) == 9  # A4


def test_kartu_cetak_bernomor_satu_dan_tanpa_folder(runner, tmp_path):
    """The printed card of one employee numbers its row 1 (it showed the employee's place in
    the whole ledger), and its footer names the ledger's file, not the folders of the user's
    computer (issue 16's print hygiene)."""
    import openpyxl

    contoh = Path(__file__).parent.parent / "contoh_data" / "buku_kegiatan_2025.xlsx"
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(
        app, ["kartu", str(contoh.resolve()), "--nip", "19870205", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(str(contoh.parent) in text for text in cells)
    assert any("Buku: buku_kegiatan_2025.xlsx [kegiatan]" in text for text in cells)
    assert str(ws.oddFooter.center.text or "").find(str(contoh.parent)) == -1
    terminal = runner.invoke(app, ["kartu", str(contoh), "--nip", "19870205"])
    numbered = re.findall(r"(?m)^\s*(\d+)\s+Dewi", terminal.stdout)
    assert numbered == ["1"]  # it was 4: her place in the whole ledger
