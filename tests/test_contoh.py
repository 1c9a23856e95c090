"""The example office in contoh_data/: hand-computed card, and xlsx/csv parity."""

from pathlib import Path

import pytest
from bantuan import hitung_json

CONTOH = Path(__file__).parent.parent / "contoh_data"
XLSX = CONTOH / "buku_kegiatan_2025.xlsx"
CSV = CONTOH / "buku_kegiatan_2025.csv"
PEGAWAI = CONTOH / "pegawai.csv"

# Worked out by hand from contoh_data/buat_contoh.py and the conversion table (Perlan LAN 10/2018).
DIHARAPKAN = {
    "197803152003121002": 23.0,  # seminar 2 hari x 4 (B.1 no.7) + workshop 3 hari x 5 (B.1 no.8)
    "198503122010011002": 24.6,  # belajar mandiri 9 JP/1-3 Jul + 1 JP/2 Jul -> 6 (B.2 no.9);
    # e-learning 10 JP in 1 day -> 3 (B.2 no.8); teknis int 13 x 1.2 = 15.6
    "199007242015032005": 24.0,  # bimtek 24 JP (B.1 no.11), the copied duplicate row counted once
    "198702052011012003": 14.0,  # coaching Mar 3 sesi -> 2 x 2 + Apr 1 x 2 = 6; mentoring 2 x 2 = 4; sosialisasi 1 hari x 4
    "199209182019031004": 20.0,  # workshop 30 Des 2024 - 2 Jan 2025 = 4 hari x 5, counted in 2025
    "199511032022032001": 11.4,  # e-learning 3 days x min(4, 3) = 9; komunitas int min(5, 2) x 1.2 = 2.4
    "198306302008011006": 270.0,  # PKA 270 JP (B.1 no.1)
    "198801172014022002": 40.0,  # S2 2 semester x 20 (A.1)
    "199112092017051003": 42.0,  # kursus 32 (B.1 no.9) + patok banding 10 (B.2 no.3)
    "198608222010122004": 6.0,  # sosialisasi 0,5 hari x 4 = 2; mentoring Jun 3 sesi -> 2 x 2 = 4
    "197504011999031001": 21.0,  # konferensi int 2 hari x 6 = 12; coaching int 1 x 4; lokakarya 1 hari x 5
    "199305152021012002": 40.0,  # PJJ 40 JP (B.2 no.4)
    "198903102015031007": 20.0,  # magang 20 (B.2 no.2); the 2024 seminar is not counted in 2025
    "199402282022212003": 14.0,  # PPPK: outbound 8 + belajar mandiri 3 x 2 = 6; target 20 -> kurang 6
    "198007142006041005": 0.0,  # roster only, no activity -> kurang 20
}


def test_contoh_xlsx_dihitung_tangan(runner):
    data = hitung_json(runner, XLSX)
    assert data["tahun"] == 2025
    totals = {p["nip"]: p["total"] for p in data["pegawai"]}
    assert totals == pytest.approx(DIHARAPKAN)
    assert list(totals) == list(DIHARAPKAN)  # roster order
    short = {p["nip"]: p["kurang"] for p in data["pegawai"] if not p["memenuhi"]}
    assert short == pytest.approx(
        {
            "198702052011012003": 6.0,
            "199511032022032001": 8.6,
            "198608222010122004": 14.0,
            "199402282022212003": 6.0,  # PPPK target 20 from the rule set ([target] PPPK)
            "198007142006041005": 20.0,
        }
    )


def test_contoh_xlsx_dan_csv_sama(runner):
    """Parity: the workbook and the ;-separated CSV (with its roster CSV) give identical JSON,
    apart from the file/sheet named in warnings."""
    dari_xlsx = hitung_json(runner, XLSX)
    dari_csv = hitung_json(runner, CSV, "--pegawai", PEGAWAI)
    for data in (dari_xlsx, dari_csv):
        for p in data["peringatan"]:
            p.pop("file"), p.pop("sheet")
    assert dari_xlsx == dari_csv
    assert len(dari_xlsx["peringatan"]) == 1 and dari_xlsx["peringatan"][0]["baris"] == 10


def test_contoh_data_sesuai_generatornya(tmp_path):
    """The committed example files are exactly what buat_contoh.py writes (no hand edits drift)."""
    import importlib.util

    from python_calamine import CalamineWorkbook

    spec = importlib.util.spec_from_file_location("buat_contoh", CONTOH / "buat_contoh.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.write_xlsx(tmp_path / "b.xlsx")
    mod.tulis_csv(tmp_path / "b.csv", tmp_path / "p.csv")
    assert (tmp_path / "b.csv").read_bytes() == CSV.read_bytes()
    assert (tmp_path / "p.csv").read_bytes() == PEGAWAI.read_bytes()
    for sheet in ("kegiatan", "pegawai"):
        added = (
            CalamineWorkbook.from_path(str(tmp_path / "b.xlsx"))
            .get_sheet_by_name(sheet)
            .to_python()
        )
        lama = CalamineWorkbook.from_path(str(XLSX)).get_sheet_by_name(sheet).to_python()
        assert added == lama


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_contoh_ods_dan_xls_sama_dengan_xlsx(runner, suffix):
    """SPEC §1: .ods and .xls (the example of an earlier version, saved by LibreOffice) read
    through calamine like the xlsx they were saved from (kept beside them in tests/data)."""
    data = Path(__file__).parent / "data"
    other = hitung_json(runner, data / f"buku_kegiatan_2025{suffix}")
    assert other["pegawai"] == hitung_json(runner, data / "buku_kegiatan_2025.xlsx")["pegawai"]
