"""Helpers for tests: valid NIPs, in-memory ledgers, running the pipeline on them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd

from jpcli.core.normalize import normalisasi_kegiatan
from jpcli.core.pipeline import Buku, susun
from jpcli.files.read import Tabel
from jpcli.rules import muat_aturan
from jpcli.files.columns import KEGIATAN

# Valid NIPs: birth date, TMT year after birth year, digit 15 = 1/2, last 3 digits not 000.
NIP_A = "198503122010011002"
NIP_B = "199007242015032005"
NIP_C = "197803152003121002"
HARI_INI = dt.date(2026, 11, 22)


def tabel(rows: list[dict], file: str = "uji.xlsx", sheet: str | None = "kegiatan") -> Tabel:
    """An in-memory activity sheet: header on row 1, so the first data row is row 2."""
    frame = pd.DataFrame(rows, dtype=object)
    for col in KEGIATAN.kolom:
        if col not in frame:
            frame[col] = None
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="baris")
    return Tabel(file=file, sheet=sheet, frame=frame, baris_judul=1, judul_asli={k: k for k in KEGIATAN.kolom})


def buku(rows: list[dict], aturan="lan-10-2018", pegawai: pd.DataFrame | None = None) -> Buku:
    rules = muat_aturan(aturan)
    t = tabel(rows)
    kegiatan, masalah, n = normalisasi_kegiatan(t, rules, HARI_INI)
    return Buku(file=t.file, sheet=t.sheet, kegiatan=kegiatan, pegawai=pegawai, masalah=masalah, n_baris=n)


def laporan(rows: list[dict], aturan="lan-10-2018", tahun=None, target=None, pegawai=None, lewati_salah=False):
    return susun(buku(rows, aturan, pegawai), muat_aturan(aturan), tahun=tahun, target=target, lewati_salah=lewati_salah)


def diakui(rows: list[dict], **kw) -> list[float]:
    """JP counted per row, in ledger order."""
    hasil = laporan(rows, **kw).hasil.sort_values("baris")
    return [round(x, 6) for x in hasil["jp_diakui"]]


def total(rows: list[dict], nip: str = NIP_A, **kw) -> float:
    kartu = laporan(rows, **kw).kartu.set_index("nip")
    return round(float(kartu.loc[nip, "total"]), 6)


def baris(jenis: str, mulai: str, selesai: str = "", jumlah="", lingkup: str = "", nip: str = NIP_A, **extra) -> dict:
    return {"nip": nip, "jenis": jenis, "lingkup": lingkup, "tanggal_mulai": mulai,
            "tanggal_selesai": selesai, "jumlah": jumlah, **extra}


def tulis_csv(path: Path, rows: list[list], sep: str = ";", encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=sep, lineterminator="\n").writerows(rows)
    return path


KOLOM_CSV = ["nip", "nama", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah", "judul"]
