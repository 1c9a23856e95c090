"""The jp command through CliRunner: JSON contract (SPEC §4), exit codes, files in and out."""

import csv
import io
import json
import os

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, tulis_csv
from openpyxl import load_workbook

from jpcli.cli.app import app

EMPLOYEE_KEYS = [
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
]


@pytest.fixture
def buku_csv(tmp_path):
    return tulis_csv(
        tmp_path / "buku.csv",
        [
            KOLOM_CSV,
            [
                NIP_A,
                "Budi",
                "pelatihan teknis",
                "internasional",
                "20/10/2025",
                "22/10/2025",
                "13",
                "Cyber",
            ],
            [NIP_A, "Budi", "coaching", "", "04/03/2025", "", "3", "Coaching"],
            [NIP_B, "Citra", "seminar", "", "18/02/2025", "19/02/2025", "", "Seminar"],
        ],
    )


def test_hitung_json_kunci_dan_nilai(runner, buku_csv):
    """13 JP x 1.2 = 15.6 pelatihan + 3 coaching sessions capped to 2 x 2 = 4 -> 19.6, short 0.4;
    Citra: seminar 2 days x 4 = 8, short 12."""
    result = runner.invoke(app, ["hitung", str(buku_csv), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["tahun", "aturan", "target", "pegawai", "peringatan"]
    assert (data["tahun"], data["aturan"], data["target"]) == (2025, "lan-10-2018", 20.0)
    budi, citra = data["pegawai"]
    assert list(budi) == EMPLOYEE_KEYS
    assert (budi["nip"], budi["pelatihan"], budi["coaching"], budi["total"]) == (
        NIP_A,
        15.6,
        4.0,
        19.6,
    )
    assert (budi["memenuhi"], budi["kurang"]) == (False, 0.4)
    assert (citra["sosialisasi"], citra["total"], citra["kurang"]) == (8.0, 8.0, 12.0)


def test_hitung_aturan_ketat_dan_target(runner, buku_csv):
    """lan-10-2018-ketat caps national coaching at 2 JP/month: 15.6 + 2 = 17.6; --target 16 is met."""
    result = runner.invoke(
        app,
        ["hitung", str(buku_csv), "-f", "json", "--aturan", "lan-10-2018-ketat", "--target", "16"],
    )
    budi = json.loads(result.stdout)["pegawai"][0]
    assert (budi["total"], budi["target"], budi["memenuhi"]) == (17.6, 16.0, True)


def test_hitung_tabel_menyebut_tahun_dan_ringkasan(runner, buku_csv):
    result = runner.invoke(app, ["hitung", str(buku_csv)])
    assert result.exit_code == 0
    assert "TAHUN 2025" in result.stdout
    assert "KLASIKAL" in result.stdout and "NON KLASIKAL" in result.stdout
    assert "0 dari 2 pegawai memenuhi 20 JP" in result.stdout
    assert "kurang 0,4 JP" in result.stdout


def test_hitung_csv(runner, buku_csv):
    result = runner.invoke(app, ["hitung", str(buku_csv), "-f", "csv"])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("no,nip,nama,unit,jabatan,pendidikan")
    assert lines[1].split(",")[-4:] == ["19.6", "20.0", "false", "0.4"]


def test_baris_salah_exit_2_tanpa_traceback(runner, tmp_path):
    path = tulis_csv(
        tmp_path / "salah.csv",
        [
            KOLOM_CSV,
            [NIP_A, "Budi", "rapat", "", "04/03/2025", "", "2", ""],
            [NIP_A, "Budi", "kursus", "", "31/02/2025", "", "8", ""],
        ],
    )
    result = runner.invoke(app, ["hitung", str(path), "-o", str(tmp_path / "kartu.xlsx")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{path} baris 2, kolom jenis" in result.stderr
    assert f"{path} baris 3, kolom tanggal_mulai" in result.stderr
    assert "--lewati-salah" in result.stderr
    assert not (tmp_path / "kartu.xlsx").exists()
    assert list(tmp_path.iterdir()) == [path]  # no half-written output, no temp file left


def test_lewati_salah(runner, tmp_path):
    path = tulis_csv(
        tmp_path / "salah.csv",
        [
            KOLOM_CSV,
            [NIP_A, "Budi", "kursus", "", "04/03/2025", "", "8", ""],
            [NIP_A, "Budi", "kursus", "", "31/02/2025", "", "8", ""],
        ],
    )
    result = runner.invoke(app, ["hitung", str(path), "-f", "json", "--lewati-salah"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["pegawai"][0]["total"] == 8.0
    assert any("1 baris salah dilewati" in p["pesan"] for p in data["peringatan"])


def test_ledger_dari_jp_ledger(runner, buku_csv):
    result = runner.invoke(app, ["hitung", "-f", "json"], env={"JP_LEDGER": str(buku_csv)})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["tahun"] == 2025


def test_tanpa_ledger_pesan_jelas(runner):
    result = runner.invoke(app, ["hitung"], env={"JP_LEDGER": ""})
    assert result.exit_code == 2
    assert "JP_LEDGER" in result.stderr and "Traceback" not in result.output


def test_berkas_tidak_ada(runner, tmp_path):
    result = runner.invoke(app, ["hitung", str(tmp_path / "tidak_ada.xlsx")])
    assert result.exit_code == 2
    assert "tidak ditemukan" in result.stderr


def test_aturan_tidak_dikenal(runner, buku_csv):
    result = runner.invoke(app, ["hitung", str(buku_csv), "--aturan", "lan-2099"])
    assert result.exit_code == 2
    assert "lan-10-2018" in result.stderr


def test_keluaran_xlsx_tata_letak_lampiran_ii(runner, buku_csv, tmp_path):
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(app, ["hitung", str(buku_csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out)["Kartu 2025"]
    assert ws["A2"].value == "TAHUN 2025"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"E4:H4", "I4:L4", "A4:A5", "M4:M5"} <= merged  # KLASIKAL, NON KLASIKAL, NO, TOTAL
    assert (ws["E4"].value, ws["I4"].value) == ("KLASIKAL", "NON KLASIKAL")
    assert [ws.cell(5, c).value for c in range(5, 13)] == [
        "PELATIHAN",
        "SOSIALISASI",
        "WORKSHOP",
        "DAN LAIN-LAIN",
        "COACHING",
        "MENTORING",
        "BELAJAR MANDIRI",
        "DAN LAIN-LAIN",
    ]
    assert (ws["B6"].value, ws["E6"].value, ws["I6"].value, ws["M6"].value) == (
        NIP_A,
        15.6,
        4,
        19.6,
    )
    assert ws["N6"].value == "kurang 0,4 JP"
    assert ws["A8"].value == "JUMLAH" and ws["M8"].value == 27.6
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$4:$5"


def test_keluaran_xlsx_sheet_peringatan(runner, tmp_path):
    """Warnings travel with the printed card: sheet 'peringatan' lists each with file, row (as in
    Excel), column, value and message; a repeated row (counted once) is one."""
    row = [NIP_A, "Budi", "seminar", "", "18/02/2025", "19/02/2025", "", "Seminar"]
    ledger = tulis_csv(tmp_path / "buku.csv", [KOLOM_CSV, row, row])
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(app, ["hitung", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book["Kartu 2025"]["M6"].value == 8  # 2 days x 4 JP, the repeat not counted again
    ws = book["peringatan"]
    assert [c.value for c in ws[1]] == ["FILE", "SHEET", "BARIS", "KOLOM", "NILAI", "PESAN"]
    file, sheet, row_no, column, value, message = (c.value for c in ws[2])
    assert (file, row_no) == (str(ledger), 3)
    assert message == "sama persis dengan baris 2; dihitung sekali."
    assert ws.max_row == 2


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_keluaran_json_csv(runner, buku_csv, tmp_path, suffix):
    out = tmp_path / f"kartu{suffix}"
    result = runner.invoke(app, ["hitung", str(buku_csv), "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "198503122010011002" in text and "19.6" in text


def test_keluaran_menimpa_masukan_ditolak(runner, buku_csv):
    before = (buku_csv.read_bytes(), os.stat(buku_csv).st_mtime_ns)
    result = runner.invoke(app, ["hitung", str(buku_csv), "-o", str(buku_csv)])
    assert result.exit_code == 2
    assert "berkas masukan" in result.stderr
    assert (buku_csv.read_bytes(), os.stat(buku_csv).st_mtime_ns) == before


def test_keluaran_akhiran_tidak_dikenal(runner, buku_csv, tmp_path):
    result = runner.invoke(app, ["hitung", str(buku_csv), "-o", str(tmp_path / "kartu.doc")])
    assert result.exit_code == 2 and ".xlsx" in result.stderr


def test_kesalahan_internal_exit_3_tanpa_traceback(runner, buku_csv, monkeypatch):
    """An unexpected exception is not the user's fault: short message, how to report, exit 3."""
    import jpcli.core.compute

    def rusak(*args, **kwargs):
        raise RuntimeError("contoh kerusakan")

    monkeypatch.setattr(jpcli.core.compute, "compute_jp", rusak)
    result = runner.invoke(app, ["hitung", str(buku_csv)])
    assert result.exit_code == 3
    assert "Kesalahan internal jp" in result.stderr and "laporkan" in result.stderr
    assert "Traceback" not in result.output
    debug = runner.invoke(app, ["--debug", "hitung", str(buku_csv)])
    # --debug shows the traceback, and exits 3 like without it (it escaped and Python exited 1)
    assert debug.exit_code == 3
    assert "Traceback" in debug.stderr and "RuntimeError: contoh kerusakan" in debug.stderr


def test_json_besar_sama_isinya(runner, buku_csv, monkeypatch):
    """A large card is written compact from pandas' encoder: same content as the indented form."""
    from jpcli.render import machine

    biasa = json.loads(runner.invoke(app, ["hitung", str(buku_csv), "-f", "json"]).stdout)
    monkeypatch.setattr(machine, "LARGE", 1)
    large = runner.invoke(app, ["hitung", str(buku_csv), "-f", "json"]).stdout
    assert "\n  " not in large  # compact
    assert json.loads(large) == biasa


def test_json_besar_ditulis_sepotong_sepotong(runner, buku_csv, tmp_path, monkeypatch):
    """A large card's employees are encoded a slice at a time while written (the national card
    as one string would not fit in memory): byte for byte the text encoded at once, on stdout
    and in -o kartu.json, whatever the slice."""
    from jpcli.render import machine

    monkeypatch.setattr(machine, "LARGE", 1)
    whole = runner.invoke(app, ["hitung", str(buku_csv), "-f", "json"]).stdout
    for size in (1, 2, 1000):
        monkeypatch.setattr(machine.EmployeeChunks, "SLICE", size)
        result = runner.invoke(app, ["hitung", str(buku_csv), "-f", "json"])
        assert result.stdout == whole
        out = tmp_path / f"kartu_{size}.json"
        runner.invoke(app, ["hitung", str(buku_csv), "-o", str(out)])
        assert out.read_text(encoding="utf-8") == whole
    assert len(json.loads(whole)["pegawai"]) == 2  # two slices of one


def test_kartu_dan_validasi_csv(runner, tmp_path):
    """--format csv of kartu: one line per activity with raw and counted JP (seminar 2 days x 4 =
    8; its exact repeat 0; coaching 3 sessions x 2 = 6 raw, capped at 2 sessions/month = 4); of
    validasi: one line per problem with its place."""
    rows = [
        [NIP_A, "Budi", "coaching", "", "04/03/2025", "", "3", "Coaching"],
        [NIP_A, "Budi", "seminar", "", "18/02/2025", "19/02/2025", "", "Seminar"],
        [NIP_A, "Budi", "seminar", "", "18/02/2025", "19/02/2025", "", "Seminar"],
    ]
    ledger = tulis_csv(tmp_path / "b.csv", [KOLOM_CSV, *rows])
    result = runner.invoke(app, ["kartu", str(ledger), "--nip", NIP_A, "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = list(csv.DictReader(io.StringIO(result.stdout)))
    got = [(r["baris"], r["jenis"], r["jp_mentah"], r["jp_diakui"]) for r in lines]
    assert got == [
        ("3", "seminar", "8.0", "8.0"),
        ("4", "seminar", "8.0", "0.0"),
        ("2", "coaching", "6.0", "4.0"),
    ]
    assert lines[1]["alasan"] == "sama persis dengan baris 3: dihitung sekali"
    result = runner.invoke(app, ["validasi", str(ledger), "-f", "csv"])
    problems = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(p["baris"], p["tingkat"], p["pesan"]) for p in problems] == [
        ("4", "peringatan", "sama persis dengan baris 3; dihitung sekali.")
    ]


def test_validasi_json_besar_ditulis_sepotong_sepotong(runner, tmp_path, monkeypatch):
    """A large list of problems is encoded a slice at a time while written (a ledger with an
    error in every row held each problem's dict and the whole text at once: over 1 GB):
    byte for byte the document encoded at once, for any slice."""
    from bantuan import KOLOM_CSV, NIP_A, tulis_csv

    from jpcli.render import machine

    rows = [[NIP_A, "B", "kursus", "", "10/03/2025", "", "x", ""] for _ in range(7)]
    path = tulis_csv(tmp_path / "b.csv", [KOLOM_CSV, *rows])
    monkeypatch.setattr(machine, "LARGE", 3)
    result = runner.invoke(app, ["validasi", str(path), "-f", "json"])
    from jpcli.core.pipeline import validate
    from jpcli.rules import load_rules

    whole = machine.to_json(machine.validation_document(validate(path, load_rules())))
    assert result.stdout == whole and result.exit_code == 2
    whole_csv = runner.invoke(app, ["validasi", str(path), "-f", "csv"]).stdout
    for size in (1, 2, 100):
        monkeypatch.setattr(machine, "PROBLEM_SLICE", size)
        assert runner.invoke(app, ["validasi", str(path), "-f", "json"]).stdout == whole
        assert runner.invoke(app, ["validasi", str(path), "-f", "csv"]).stdout == whole_csv
    assert len(json.loads(whole)["masalah"]) == 7
    assert len(whole_csv.splitlines()) == 8  # the header and one line per problem
