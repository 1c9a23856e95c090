"""Reading a workbook ahead gives exactly the result of the normal read."""

import json
import os
import subprocess
import sys
from pathlib import Path

from jpcli.core.pipeline import load_ledger
from jpcli.files import read_ahead
from jpcli.files.read_ahead import ReadAhead
from jpcli.rules import load_rules

CONTOH = Path(__file__).parent.parent / "contoh_data" / "buku_kegiatan_2025.xlsx"


def test_tebak_buku_dari_baris_perintah(monkeypatch):
    monkeypatch.delenv("JP_LEDGER", raising=False)
    assert read_ahead.guess_ledger(["hitung", str(CONTOH), "--tahun", "2025"]) == CONTOH
    assert read_ahead.guess_ledger(["--debug", "kartu", str(CONTOH), "--nip", "1985"]) == CONTOH
    assert read_ahead.guess_ledger(["templat", str(CONTOH)]) is None  # writes, never reads
    assert read_ahead.guess_ledger(["hitung", "tidak_ada.xlsx"]) is None
    monkeypatch.setenv("JP_LEDGER", str(CONTOH))
    assert read_ahead.guess_ledger(["cek"]) == CONTOH


def test_hasil_sama_dengan_baca_biasa():
    rules = load_rules()
    biasa = load_ledger(CONTOH, rules)
    ahead = ReadAhead.from_argv(["hitung", str(CONTOH)])
    assert ahead.running  # a read-ahead is running or done
    dulu = load_ledger(CONTOH, rules, read_ahead=ahead)
    assert not ahead.running  # taken, not kept
    assert dulu.kegiatan.equals(biasa.kegiatan) and dulu.pegawai.equals(biasa.pegawai)
    assert dulu.problems == biasa.problems
    assert ahead.take(CONTOH) is None  # handed over once


def test_berkas_berubah_tidak_dipakai(tmp_path):
    path = tmp_path / "b.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    ahead = ReadAhead.from_argv(["hitung", str(path)])
    os.utime(path, ns=(1, 1))  # modified after the read-ahead started
    assert ahead.take(path) is None


def test_jp_sebagai_proses_dengan_prabaca():
    proc = subprocess.run(
        [sys.executable, "-m", "jpcli", "hitung", str(CONTOH), "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    totals = {p["nip"]: p["total"] for p in json.loads(proc.stdout)["pegawai"]}
    assert totals["198702052011012003"] == 14.0 and len(totals) == 15
