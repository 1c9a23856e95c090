"""Years side by side: jp riwayat equals jp kartu year by year; jp hitung --tahun A-B writes each
year's card exactly as one year's run does, and a trend per employee."""

import json

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, tulis_csv
from openpyxl import load_workbook

from jpcli.cli.app import app


@pytest.fixture
def tiga_tahun(tmp_path):
    """A ledger over 2023-2025 (JP by Perlan LAN 10/2018). Budi: 2023 seminar 2 days x 4 = 8;
    2024 magang 20 and 3 coaching sessions in March, capped at 2 a month = 4 (24 in all);
    2025 belajar mandiri 9 JP over 1-3 July and 1 JP on 2 July, capped at 2 JP a day = 6.
    Citra: only 2024, kursus 12 JP."""
    return tulis_csv(
        tmp_path / "buku.csv",
        [
            KOLOM_CSV,
            [NIP_A, "Budi", "seminar", "", "18/02/2023", "19/02/2023", "", "Seminar"],
            [NIP_A, "Budi", "magang", "", "14/07/2024", "25/07/2024", "", "Magang"],
            [NIP_A, "Budi", "coaching", "", "05/03/2024", "", "3", "Coaching"],
            [NIP_A, "Budi", "belajar_mandiri", "", "01/07/2025", "03/07/2025", "9", "Modul"],
            [NIP_A, "Budi", "belajar_mandiri", "", "02/07/2025", "", "1", "Modul"],
            [NIP_B, "Citra", "kursus", "", "10/03/2024", "", "12", "Kursus"],
        ],
    )


def _json(runner, *args):
    result = runner.invoke(app, [*map(str, args), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("who", [["--nip", NIP_A], ["--nama", "budi"]])
def test_riwayat_tiga_tahun_sama_dengan_kartu_per_tahun(runner, tiga_tahun, who):
    """Each year of jp riwayat holds exactly what jp kartu --tahun Y --nip N says: 8, 24 (magang
    20 plus coaching capped at 2 sessions a month) and 6 (belajar mandiri capped at 2 JP a
    day), whether the employee is named by NIP or by name."""
    history = _json(runner, "riwayat", tiga_tahun, *who)
    assert (history["nip"], history["nama"], history["aturan"]) == (NIP_A, "Budi", "lan-10-2018")
    assert [(y["tahun"], y["total"], y["memenuhi"]) for y in history["riwayat"]] == [
        (2023, 8.0, False),
        (2024, 24.0, True),
        (2025, 6.0, False),
    ]
    for year in history["riwayat"]:
        kartu = _json(runner, "kartu", tiga_tahun, "--tahun", year["tahun"], "--nip", NIP_A)
        del kartu["nip"], kartu["nama"], kartu["kegiatan"]
        assert year == {"tahun": year["tahun"], **kartu}


def test_riwayat_tahun_seluruh_buku_bukan_hanya_pegawai(runner, tiga_tahun):
    """Citra has activities only in 2024; her history still runs over every year of the ledger,
    0 JP (short 20) in 2023 and 2025."""
    history = _json(runner, "riwayat", tiga_tahun, "--nip", NIP_B)
    assert [(y["tahun"], y["klasikal_lain"], y["kurang"]) for y in history["riwayat"]] == [
        (2023, 0.0, 20.0),
        (2024, 12.0, 8.0),
        (2025, 0.0, 20.0),
    ]


def test_riwayat_di_layar(runner, tiga_tahun):
    """The terminal: one row per year with total, target and status, then the years met."""
    shown = runner.invoke(app, ["riwayat", str(tiga_tahun), "--nip", NIP_A]).stdout
    rows = [line.split() for line in shown.splitlines() if line[:4] in ("2023", "2024", "2025")]
    assert [r[-5:] if r[-1] == "JP" else r[-3:] for r in rows] == [
        ["8", "20", "kurang", "12", "JP"],
        ["24", "20", "memenuhi"],
        ["6", "20", "kurang", "14", "JP"],
    ]
    assert "Memenuhi target pada 1 dari 3 tahun." in shown


def test_riwayat_xlsx_tabel_dan_grafik(runner, tiga_tahun, tmp_path):
    """-o riwayat.xlsx: sheet Riwayat with a row per year and one chart (bars of the total, a line
    of the target)."""
    out = tmp_path / "riwayat.xlsx"
    result = runner.invoke(app, ["riwayat", str(tiga_tahun), "--nip", NIP_A, "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb["Riwayat"]
    rows = [r for r in ws.iter_rows(values_only=True) if r[0] in (2023, 2024, 2025)]
    assert [(r[0], r[10], r[11], r[12]) for r in rows] == [
        (2023, 8, 20, "kurang 12 JP"),
        (2024, 24, 20, "memenuhi"),
        (2025, 6, 20, "kurang 14 JP"),
    ]
    assert rows[1][6] == 4  # COACHING: 2 sessions of the 3 counted
    (chart,) = ws._charts
    assert [type(c).__name__ for c in [chart, *chart._charts[1:]]] == ["BarChart", "LineChart"]


def test_riwayat_tanpa_nip_atau_nama(runner, tiga_tahun):
    """jp riwayat is about one employee: without --nip or --nama, exit 2 saying so."""
    result = runner.invoke(app, ["riwayat", str(tiga_tahun)])
    assert result.exit_code == 2 and "--nip" in result.output


def _cells(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_hitung_rentang_sheet_per_tahun_sama_persis(runner, tiga_tahun, tmp_path):
    """--tahun 2023-2025 -o: sheets Kartu 2023, Kartu 2024, Kartu 2025, each cell for cell (and
    merged range) the sheet of --tahun Y -o, then Tren per pegawai: totals per year and the
    years met (Budi 8, 24, 6: 1 of 3; Citra 0, 12, 0: none)."""
    out = tmp_path / "rentang.xlsx"
    result = runner.invoke(app, ["hitung", str(tiga_tahun), "--tahun", "2023-2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Kartu 2023", "Kartu 2024", "Kartu 2025", "Tren per pegawai"]
    for year in (2023, 2024, 2025):
        single = tmp_path / f"kartu_{year}.xlsx"
        runner.invoke(app, ["hitung", str(tiga_tahun), "--tahun", str(year), "-o", str(single)])
        alone = load_workbook(single)[f"Kartu {year}"]
        sheet = wb[f"Kartu {year}"]
        assert _cells(sheet) == _cells(alone)
        assert sorted(map(str, sheet.merged_cells.ranges)) == sorted(
            map(str, alone.merged_cells.ranges)
        )
        assert sheet.print_title_rows == alone.print_title_rows
    trend = [r for r in wb["Tren per pegawai"].iter_rows(min_row=4, values_only=True)]
    assert trend == [
        (1, NIP_A, "Budi", None, 8, 24, 6, "1 dari 3"),
        (2, NIP_B, "Citra", None, 0, 12, 0, "0 dari 3"),
    ]


def test_hitung_rentang_json(runner, tiga_tahun):
    """JSON of a range: tahun is the list of years, kartu[i].pegawai is exactly the pegawai of
    jp hitung --tahun Y --format json, tren lists each employee's totals in the order of tahun."""
    data = _json(runner, "hitung", tiga_tahun, "--tahun", "2023-2025")
    assert (data["tahun"], data["aturan"], data["target"]) == ([2023, 2024, 2025],
                                                               "lan-10-2018", 20.0)  # fmt: skip
    for card in data["kartu"]:
        alone = _json(runner, "hitung", tiga_tahun, "--tahun", card["tahun"])
        assert card["pegawai"] == alone["pegawai"]
    assert data["tren"] == [
        {"nip": NIP_A, "nama": "Budi", "total": [8.0, 24.0, 6.0],
         "memenuhi": [False, True, False], "tahun_memenuhi": 1},
        {"nip": NIP_B, "nama": "Citra", "total": [0.0, 12.0, 0.0],
         "memenuhi": [False, False, False], "tahun_memenuhi": 0},
    ]  # fmt: skip


def test_hitung_rentang_csv_dan_layar(runner, tiga_tahun):
    """CSV of a range: one card row per employee and year, tahun first; the terminal shows each
    year's card and then the trend."""
    text = runner.invoke(app, ["hitung", str(tiga_tahun), "--tahun", "2023-2025", "-f", "csv"])
    lines = text.stdout.splitlines()
    assert lines[0].startswith("tahun,no,nip,nama,") and len(lines) == 7
    assert lines[3].split(",")[:3] == ["2024", "1", NIP_A]
    shown = runner.invoke(app, ["hitung", str(tiga_tahun), "--tahun", "2023-2025"]).stdout
    assert shown.index("TAHUN 2023") < shown.index("TAHUN 2025") < shown.index("TREN JP")
    assert "1 dari 3" in shown


@pytest.mark.parametrize("value", ["2025-2023", "2023-", "20x3", "1800-2025"])
def test_rentang_tahun_salah(runner, tiga_tahun, value):
    """A range must be two years, the first not after the last, within 1900-2199 (exit 2)."""
    result = runner.invoke(app, ["hitung", str(tiga_tahun), "--tahun", value])
    assert result.exit_code == 2
    assert "tulis satu tahun (2025) atau rentang tahun (2023-2025)" in result.output
