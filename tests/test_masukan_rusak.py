"""Hostile input (issue 6): every broken file gives the intended record or a clear Indonesian message
with its place, exit 2, no traceback, no partial output, and the input left untouched."""

import json
import os
from pathlib import Path

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, tulis_csv, tulis_xlsx

from jpcli.cli.app import app

DATA = Path(__file__).parent / "data"
BARIS_OK = [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "8", "Kursus"]


def _gabung_judul(ws):
    for rng in ("A1:A2", "B1:B2", "C1:D1", "E1:F1", "G1:G2", "A3:A4", "B3:B4"):
        ws.merge_cells(rng)


def _sembunyikan(ws):
    ws.row_dimensions[3].hidden = True


# name -> (builder(tmp_path) -> path, expected exit code, text expected in stderr (2) or JSON check (0))
def kasus():
    return {
        "berkas kosong": (lambda t: _write(t / "b.xlsx", b""), 2, "kosong"),
        "hanya judul kolom": (
            lambda t: tulis_csv(t / "b.csv", [KOLOM_CSV]),
            2,
            "tidak ada data kegiatan",
        ),
        "sheet salah nama tetapi berisi data": (
            lambda t: tulis_xlsx(t / "b.xlsx", [KOLOM_CSV, BARIS_OK], sheet="Data 2025"),
            0,
            {NIP_A: 8.0},
        ),
        "tidak ada sheet berisi kolom wajib": (
            lambda t: tulis_xlsx(t / "b.xlsx", [["No", "Uraian"], [1, "x"]], sheet="Rekap"),
            2,
            "tidak ada sheet bernama 'kegiatan'",
        ),
        "judul kolom digabung dua baris": (
            lambda t: tulis_xlsx(
                t / "b.xlsx",
                [
                    ["NIP", "Nama", "Kegiatan", None, "Tanggal", None, "Jumlah"],
                    [None, None, "Jenis", "Lingkup", "Mulai", "Selesai", None],
                    [NIP_A, "Budi", "kursus", None, "01/03/2025", None, 8],
                    [None, None, "seminar", None, "02/03/2025", "03/03/2025", None],
                ],
                prepare=_gabung_judul,
            ),
            0,
            {NIP_A: 16.0},
        ),  # 8 JP kursus + seminar 2 days x 4
        "baris tersembunyi tetap dihitung": (
            lambda t: tulis_xlsx(
                t / "b.xlsx",
                [KOLOM_CSV, BARIS_OK, [*BARIS_OK[:4], "11/03/2025", *BARIS_OK[5:]]],
                prepare=_sembunyikan,
            ),
            0,
            {NIP_A: 16.0},
        ),
        "baris kosong di tengah": (
            lambda t: tulis_csv(
                t / "b.csv",
                [
                    KOLOM_CSV,
                    BARIS_OK,
                    [],
                    ["", "", "", "", "", "", "", ""],
                    [*BARIS_OK[:4], "11/03/2025", *BARIS_OK[5:]],
                ],
            ),
            0,
            {NIP_A: 16.0},
        ),
        "baris jumlah di bawah": (
            lambda t: tulis_csv(
                t / "b.csv", [KOLOM_CSV, BARIS_OK, ["", "JUMLAH", "", "", "", "", "8", ""]]
            ),
            0,
            {NIP_A: 8.0},
        ),
        "xls": (lambda t: DATA / "buku_kegiatan_2025.xls", 0, {"198702052011012003": 14.0}),
        "ods": (lambda t: DATA / "buku_kegiatan_2025.ods", 0, {"198702052011012003": 14.0}),
        "dilindungi kata sandi": (lambda t: DATA / "terkunci.xlsx", 2, "dilindungi kata sandi"),
        "sampah biner": (lambda t: _write(t / "b.csv", bytes(range(256)) * 40), 2, "biner"),
        "sampah biner bernama xlsx": (
            lambda t: _write(t / "b.xlsx", b"PK\x03\x04" + os.urandom(5000)),
            2,
            "tidak dapat dibaca",
        ),
        "zip yang bukan buku kerja": (lambda t: _zip(t / "b.xlsx"), 2, "tidak dapat dibaca"),
        "NIP berhuruf": (
            lambda t: tulis_csv(t / "b.csv", [KOLOM_CSV, ["1985O312201001I002", *BARIS_OK[1:]]]),
            2,
            "huruf",
        ),
        "NIP 17 angka": (
            lambda t: tulis_csv(t / "b.csv", [KOLOM_CSV, [NIP_A[:-1], *BARIS_OK[1:]]]),
            2,
            "17 angka",
        ),
        "NIP tanggal lahir mustahil": (
            lambda t: tulis_csv(t / "b.csv", [KOLOM_CSV, ["198502302010011002", *BARIS_OK[1:]]]),
            2,
            "tanggal lahir",
        ),
        "tanggal mustahil": (
            lambda t: tulis_csv(
                t / "b.csv", [KOLOM_CSV, [*BARIS_OK[:4], "31/02/2024", *BARIS_OK[5:]]]
            ),
            2,
            "tidak ada di kalender",
        ),
        "jumlah ribuan dengan koma desimal": (
            lambda t: tulis_csv(
                t / "b.csv", [KOLOM_CSV, [*BARIS_OK[:6], "1.000,5", "PJJ panjang"]]
            ),
            0,
            {NIP_A: 1000.5},
        ),
        "jumlah ribuan dengan titik desimal": (
            lambda t: tulis_csv(
                t / "b.csv", [KOLOM_CSV, [*BARIS_OK[:6], "1,000.5", "PJJ panjang"]], sep=";"
            ),
            0,
            {NIP_A: 1000.5},
        ),
        "jumlah negatif": (
            lambda t: tulis_csv(t / "b.csv", [KOLOM_CSV, [*BARIS_OK[:6], "-8", ""]]),
            2,
            "lebih dari 0",
        ),
        "jumlah nol": (
            lambda t: tulis_csv(t / "b.csv", [KOLOM_CSV, [*BARIS_OK[:6], "0", ""]]),
            2,
            "lebih dari 0",
        ),
        "jumlah teks": (
            lambda t: tulis_csv(t / "b.csv", [KOLOM_CSV, [*BARIS_OK[:6], "delapan", ""]]),
            2,
            "bukan angka",
        ),
        "baris lebih panjang dari judul": (
            lambda t: _write(
                t / "b.csv",
                (
                    ";".join(KOLOM_CSV)
                    + "\n"
                    + ";".join(BARIS_OK)
                    + "\n"
                    + ";".join([*BARIS_OK[:4], "11/03/2025", *BARIS_OK[5:], "x", "y", "z"])
                    + "\n"
                ).encode(),
            ),
            2,
            'isian lebihnya ("x", "y", "z") tidak punya kolom',
        ),  # never dropped silently: the extra fields may be a value cut by its separator
    }


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("halo.txt", "bukan buku kerja")
    return path


@pytest.mark.parametrize("name", list(kasus()))
def test_masukan_rusak(runner, tmp_path, name):
    make, code, harapan = kasus()[name]
    path = make(tmp_path)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    isi_folder = set(tmp_path.iterdir())
    result = runner.invoke(app, ["hitung", str(path), "--format", "json", "--tahun", "2025"])
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    if code == 2:
        assert harapan in result.stderr
        assert (
            str(path) in result.stderr
        )  # the place: which file (and row/column where there is one)
        assert result.stdout == ""
    else:
        totals = {p["nip"]: p["total"] for p in json.loads(result.stdout)["pegawai"]}
        assert {k: totals[k] for k in harapan} == pytest.approx(harapan)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert set(tmp_path.iterdir()) == isi_folder  # nothing written beside the input


def test_baris_salah_menyebut_sheet_baris_kolom_nilai(runner, tmp_path):
    path = tulis_xlsx(
        tmp_path / "b.xlsx",
        [
            ["DAFTAR 2025"],
            KOLOM_CSV,
            BARIS_OK,
            [NIP_A, "Budi", "rapat", "", "10/03/2025", "", "8", ""],
        ],
    )
    result = runner.invoke(app, ["hitung", str(path)])
    assert result.exit_code == 2
    assert f'{path} [kegiatan] baris 4, kolom jenis: jenis "rapat" tidak dikenal.' in result.stderr


def test_berkas_50_mb_dihitung(runner, tmp_path):
    """A 50 MB CSV (about 520 000 rows) is read and computed, not refused."""
    row_no = (
        ";".join(
            [
                NIP_A,
                "Budi Santoso",
                "kursus",
                "",
                "10/03/2025",
                "",
                "1",
                "Kursus bahasa Inggris tingkat lanjut",
            ]
        )
        + "\n"
    )
    path = tmp_path / "besar.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(";".join(KOLOM_CSV) + "\n")
        n = 50 * 1024 * 1024 // len(row_no) + 1
        fh.write(row_no * n)
    assert path.stat().st_size >= 50 * 1024 * 1024
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # identical rows are exact duplicates: counted once, each later one reported
    assert data["pegawai"][0]["total"] == 1.0
    assert sum("sama persis" in p["pesan"] for p in data["peringatan"]) == n - 1


# ---------------------------------------------------------------- outputs: atomic, never over the input


@pytest.fixture
def ledger(tmp_path):
    return tulis_csv(
        tmp_path / "buku.csv",
        [KOLOM_CSV, BARIS_OK, [NIP_B, "Citra", "coaching", "", "04/03/2025", "", "3", "SKP"]],
    )


@pytest.mark.parametrize(
    "args",
    [
        ["hitung", "-o", "{out}.xlsx"],
        ["hitung", "-o", "{out}.csv"],
        ["hitung", "-f", "json"],
        ["kartu", "--nip", NIP_A, "-o", "{out}.xlsx"],
        ["kartu", "--nip", NIP_B, "-f", "json"],
        ["cek", "-o", "{out}.xlsx"],
        ["cek", "-f", "csv"],
        ["validasi"],
        ["validasi", "-f", "json"],
    ],
)
def test_masukan_tidak_pernah_berubah(runner, ledger, tmp_path, args):
    before = (ledger.read_bytes(), os.stat(ledger).st_mtime_ns)
    out = tmp_path / "keluar"
    result = runner.invoke(app, [args[0], str(ledger), *[a.format(out=out) for a in args[1:]]])
    assert result.exit_code in (0, 1), result.output
    assert (ledger.read_bytes(), os.stat(ledger).st_mtime_ns) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


@pytest.mark.parametrize(
    ("galat", "code"), [(OSError(28, "No space left on device"), 2), (RuntimeError("putus"), 3)]
)
def test_penulisan_terputus_tidak_meninggalkan_berkas_setengah(
    runner, ledger, tmp_path, monkeypatch, galat, code
):
    """An exception mid-write leaves neither a partial output nor a temp file; an older output survives."""
    import jpcli.render.xlsx

    out = tmp_path / "kartu.xlsx"
    out.write_bytes(b"kartu lama")

    def tulis_putus(path, *args, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"PK\x03\x04 setengah")
        raise galat

    monkeypatch.setattr(jpcli.render.xlsx, "write_kartu", tulis_putus)
    result = runner.invoke(app, ["hitung", str(ledger), "-o", str(out)])
    assert result.exit_code == code
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"kartu lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["buku.csv", "kartu.xlsx"]
