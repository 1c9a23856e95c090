"""Issue 7: partitioned processing gives the whole-ledger result; the progress display stays off
stdout and out of scripts."""

import sys
from pathlib import Path

import pytest
from bantuan import buku_sintetis, hitung_json

from jpcli.cli.app import app

BENCH = Path(__file__).parent.parent / "benchmarks"
CONTOH = Path(__file__).parent.parent / "contoh_data" / "buku_kegiatan_2025.xlsx"


@pytest.fixture(scope="module")
def buku_besar(tmp_path_factory):
    """A synthetic ledger of 3000 rows (about 100 employees, every jenis) from the benchmark generator."""
    return buku_sintetis(tmp_path_factory.mktemp("skala"), 3000, benih=7)


@pytest.mark.parametrize("args", [["--partisi", "4"], ["--partisi", "7", "--proses", "2"]])
def test_partisi_sama_dengan_utuh(runner, buku_besar, args):
    whole = hitung_json(runner, "--lewati-salah", buku_besar)
    assert len(whole["pegawai"]) == 100 and any(not p["memenuhi"] for p in whole["pegawai"])
    assert hitung_json(runner, "--lewati-salah", buku_besar, *args) == whole


def test_partisi_contoh(runner):
    assert hitung_json(runner, "--lewati-salah", CONTOH, "--partisi", "3") == hitung_json(
        runner, "--lewati-salah", CONTOH
    )


def test_bagian_nip_stabil():
    """A NIP's partition does not depend on the other rows or the dtype: any machine agrees."""
    import pandas as pd

    from jpcli.core.pipeline import nip_partition

    nips = pd.Series(["198503122010011002", "199007242015032005", "198503122010011002"])
    a = nip_partition(nips, 5)
    b = nip_partition(nips.astype("category"), 5)
    c = nip_partition(nips.iloc[[1]].astype(object), 5)
    assert a[0] == a[2] and list(a) == list(b) and c[0] == a[1]


def test_tanpa_status_di_stdout(runner, buku_besar):
    """Under a test runner stdout is not a terminal: the progress display never appears."""
    result = runner.invoke(app, ["hitung", str(buku_besar), "--lewati-salah"])
    assert "Membaca" not in result.stdout and "Menghitung" not in result.output


def test_pembuat_buku_benchmark_dari_baris_perintah(tmp_path):
    """benchmarks/ukur.py calls the generator as a program: --baris N gives N activity rows."""
    import subprocess

    out = tmp_path / "b.csv"
    subprocess.run(
        [sys.executable, str(BENCH / "buat_buku.py"), "--baris", "40", "--keluar", str(out)],
        check=True,
        capture_output=True,
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 41  # header + 40 rows


def _kantor_besar(tmp_path: Path, n: int) -> Path:
    """``n`` employees, employee i (1-based) with one kursus of 2 JP (JP unit: 2 JP counted), so
    the whole ledger sums to 2n JP and nobody meets 20 JP (largest shortfall: all 18 JP)."""
    from bantuan import KOLOM_CSV, tulis_csv

    rows = [
        [f"198001012005011{i:03d}", f"Pegawai {i:03d}", "kursus", "", "10/03/2025", "", "2", "K"]
        for i in range(1, n + 1)
    ]
    return tulis_csv(tmp_path / "kantor.csv", [KOLOM_CSV, *rows])


def test_layar_hitung_sebanyak_satu_layar(runner, tmp_path):
    """Past 500 employees the terminal card shows a screenful (50) with a note; the JUMLAH row
    and the summary count all 501 (501 x 2 JP = 1002 JP). --lengkap shows all."""
    path = _kantor_besar(tmp_path, 501)
    result = runner.invoke(app, ["hitung", str(path)])
    assert result.exit_code == 0, result.output
    assert "Pegawai 050" in result.stdout and "Pegawai 051" not in result.stdout
    assert (
        "… 451 pegawai lagi tidak ditampilkan di layar (jumlah dan ringkasan menghitung "
        "semuanya); semuanya: --lengkap, atau -o kartu.xlsx."
    ) in result.stdout
    jumlah = next(line for line in result.stdout.splitlines() if "JUMLAH" in line)
    assert jumlah.split()[-1] == "1002"
    assert "0 dari 501 pegawai memenuhi 20 JP; 501 belum memenuhi." in result.stdout
    full = runner.invoke(app, ["hitung", str(path), "--lengkap"])
    assert "Pegawai 501" in full.stdout and "tidak ditampilkan" not in full.stdout


def test_layar_cek_sebanyak_satu_layar(runner, tmp_path):
    """jp cek lists 50 of 501 employees below target on the terminal (each short of 18 JP), and
    points to --lengkap and -o laporan.xlsx; 500 employees are all listed."""
    result = runner.invoke(app, ["cek", str(_kantor_besar(tmp_path, 501))])
    assert result.exit_code == 1, result.output
    assert "501 dari 501 pegawai belum memenuhi target:" in result.stdout
    words = " ".join(result.stdout.split())  # the note is wrapped to the table's width
    assert "… 451 pegawai lagi tidak ditampilkan" in words
    assert "semuanya: --lengkap, atau -o laporan.xlsx." in words
    few = runner.invoke(app, ["cek", str(_kantor_besar(tmp_path, 500))])
    assert "Pegawai 500" in few.stdout and "tidak ditampilkan" not in few.stdout


@pytest.mark.parametrize(
    "args", [["aturan"], ["aturan", "-f", "json"], ["--help"], ["hitung", "--help"], ["templat"]]
)
def test_perintah_tanpa_buku_tidak_memuat_pandas(tmp_path, args):
    """jp aturan, jp templat and --help never load pandas (0.28 s of a 0.56 s `jp aturan`): the
    consoles, the rule model and the JSON/CSV writers import it only where a ledger is used."""
    import subprocess

    if args == ["templat"]:
        args = ["templat", str(tmp_path / "t.xlsx")]
    code = (
        "import sys\n"
        f"sys.argv = ['jp', *{args!r}]\n"
        "from jpcli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('PANDAS' if 'pandas' in sys.modules else 'TANPA-PANDAS')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "TANPA-PANDAS"
