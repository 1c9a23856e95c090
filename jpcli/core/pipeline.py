"""The whole job as a library: read -> normalize -> compute -> card. The CLI only calls this.

``muat`` loads a ledger (and roster) and collects every problem without judging them;
``susun`` computes the year's card, refusing invalid rows unless told to skip them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from jpcli.core import card
from jpcli.core import compute
from jpcli.problems import JpError, Masalah, MasalahInput
from jpcli.core.normalize import normalisasi_kegiatan, normalisasi_pegawai
from jpcli.files.read import baca_buku, baca_tabel
from jpcli.rules import Aturan
from jpcli.files.columns import KEGIATAN, PEGAWAI


@dataclass
class Buku:
    """A loaded ledger: the valid typed activities, the roster, and every problem found."""

    file: str
    kegiatan: pd.DataFrame
    pegawai: pd.DataFrame | None
    masalah: list[Masalah]
    n_baris: int  # non-blank data rows read from the activity sheet
    sheet: str | None = None
    kolom: dict[str, str] = field(default_factory=dict)  # canonical column -> the header it was read from

    @property
    def salah(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == "salah"]

    @property
    def peringatan(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == "peringatan"]

    @property
    def sumber_jenis(self) -> dict[str, int]:
        """Header -> rows whose jenis was read from it, when more than one column was used."""
        if "sumber_jenis" not in self.kegiatan or self.kegiatan.empty:
            return {}
        jumlah = self.kegiatan["sumber_jenis"].value_counts(sort=False)
        jumlah = jumlah[jumlah > 0]
        return {str(k): int(v) for k, v in jumlah.items()} if len(jumlah) > 1 else {}

    @property
    def n_baris_salah(self) -> int:
        return len({(m.file, m.sheet, m.baris) for m in self.salah if m.baris is not None})


@dataclass
class Laporan:
    """One year's result: every row with its JP, the cap cuts, and the Lampiran II card."""

    aturan: Aturan
    tahun: int
    target: float
    buku: Buku
    hasil: pd.DataFrame  # every valid row, all years, with jp_mentah / jp_diakui
    potongan: pd.DataFrame  # where caps cut JP (for explanations)
    kartu: pd.DataFrame
    peringatan: list[Masalah] = field(default_factory=list)
    dilewati: int = 0  # invalid rows left out with --lewati-salah
    hanya_disetujui: bool = False  # only approved rows counted


def muat(path: Path, aturan: Aturan, pegawai_path: Path | None = None, hari_ini: dt.date | None = None,
         kolom: dict[str, str] | None = None) -> Buku:
    """Read and check a ledger (and its roster); problems are collected, not raised.

    ``kolom``: canonical column -> header, the user's choice over jp's own matching (``--kolom``).
    """
    hari_ini = hari_ini or dt.date.today()
    tabel, tabel_pegawai = baca_buku(Path(path), KEGIATAN, PEGAWAI, kolom)
    kegiatan, masalah, n_baris = normalisasi_kegiatan(tabel, aturan, hari_ini)
    if pegawai_path is not None:  # --pegawai replaces the workbook's own pegawai sheet
        tabel_pegawai = baca_tabel(Path(pegawai_path), PEGAWAI)
    pegawai = None
    if tabel_pegawai is not None:
        pegawai, masalah_pegawai = normalisasi_pegawai(tabel_pegawai)
        masalah = masalah + masalah_pegawai
    if n_baris == 0 and not any(m.tingkat == "salah" for m in masalah):
        raise MasalahInput([tabel.tempat(pesan=(
            f"tidak ada data kegiatan di bawah judul kolom (baris {tabel.baris_judul}). "
            "Isi satu baris per kegiatan pegawai."))])
    return Buku(file=tabel.file, sheet=tabel.sheet, kegiatan=kegiatan, pegawai=pegawai,
                masalah=masalah, n_baris=n_baris, kolom=dict(tabel.judul_asli))


def susun(
    buku: Buku,
    aturan: Aturan,
    tahun: int | None = None,
    target: float | None = None,
    lewati_salah: bool = False,
    sampai: dt.date | None = None,
    partisi: int = 1,
    proses: int = 1,
    hanya_disetujui: bool = False,
) -> Laporan:
    """Compute the card for one year (default: the latest year with data).

    ``sampai``: count only activities finished by that date (``jp cek --per-tanggal``).
    ``partisi``/``proses``: compute in NIP-hash partitions, on that many processes
    (``hitung_per_partisi``); the result is the same. ``hanya_disetujui``: count only rows whose
    verification status is approved.
    """
    if buku.salah and not lewati_salah:
        raise MasalahInput(buku.salah, ringkasan=_ringkasan_salah(buku))
    peringatan = list(buku.peringatan)
    if buku.salah:
        peringatan.append(Masalah(file=buku.file, sheet=buku.sheet, tingkat="peringatan", pesan=(
            f"{buku.n_baris_salah} baris salah dilewati (--lewati-salah); total di bawah TIDAK memuat baris itu. "
            "Jalankan jp validasi untuk daftarnya.")))
    if target is not None and target <= 0:
        raise JpError(f"--target harus lebih dari 0 (tertulis {target}).")

    kegiatan = buku.kegiatan
    if sampai is not None:
        kegiatan = kegiatan[kegiatan["tanggal_selesai"] <= pd.Timestamp(sampai)]
    if hanya_disetujui:
        belum = kegiatan[kegiatan["status"] != "disetujui"]
        if len(belum) and (belum["status"] != "ditolak").any():
            baris = belum.loc[belum["status"] != "ditolak", "baris"].tolist()
            daftar = ", ".join(map(str, baris[:20])) + (f" dan {len(baris) - 20} lagi" if len(baris) > 20 else "")
            peringatan.append(Masalah(file=buku.file, sheet=buku.sheet, baris=baris[0], tingkat="peringatan", pesan=(
                f"{len(baris)} baris belum disetujui tidak dihitung (--hanya-disetujui): baris {daftar}.")))
    hasil, potongan = hitung_per_partisi(kegiatan, aturan, partisi, proses, hanya_disetujui)
    if tahun is None:
        tahun = card.tahun_terakhir(hasil)
        if tahun is None:
            raise MasalahInput([Masalah(file=buku.file, sheet=buku.sheet, pesan=(
                "tidak ada satu pun baris kegiatan yang sah untuk dihitung."))])
    elif not (hasil["tahun"] == tahun).any():
        peringatan.append(Masalah(file=buku.file, sheet=buku.sheet, tingkat="peringatan", pesan=(
            f"tidak ada kegiatan yang selesai dalam tahun {tahun}; semua pegawai bernilai 0 JP.")))
    kartu = card.kartu(hasil, tahun, buku.pegawai, target, semua_kegiatan=buku.kegiatan)
    return Laporan(
        aturan=aturan, tahun=int(tahun), target=card.TARGET_BAWAAN if target is None else float(target),
        buku=buku, hasil=hasil, potongan=potongan, kartu=kartu, peringatan=peringatan,
        dilewati=buku.n_baris_salah if buku.salah else 0, hanya_disetujui=hanya_disetujui,
    )


def bagian_nip(nip: pd.Series, partisi: int) -> np.ndarray:
    """The partition (0 .. partisi-1) of every row, by a stable hash of its NIP: all of one
    employee's rows land in the same partition, whatever file or machine they are read on."""
    if isinstance(nip.dtype, pd.CategoricalDtype):
        per_kategori = pd.util.hash_array(np.asarray(nip.cat.categories, dtype=object), categorize=False) % partisi
        return per_kategori[nip.cat.codes.to_numpy()].astype(np.int64)
    return (pd.util.hash_array(nip.to_numpy(dtype=object), categorize=True) % partisi).astype(np.int64)


def hitung_per_partisi(kegiatan: pd.DataFrame, aturan: Aturan, partisi: int = 1, proses: int = 1,
                       hanya_disetujui: bool = False):
    """``compute.hitung`` on NIP-hash partitions, one after another or on ``proses`` processes.

    Every cap is per employee, so each partition is independent and the concatenated result
    equals the whole-ledger one (tests/test_skala.py). This is the function to run per
    partition under another engine (Dask, a job per file) for ledgers beyond one machine.
    """
    if partisi <= 1:
        return compute.hitung(kegiatan, aturan, hanya_disetujui)
    bagian = bagian_nip(kegiatan["nip"], partisi)
    potong = [kegiatan[bagian == i] for i in range(partisi)]
    if proses > 1:
        from concurrent.futures import ProcessPoolExecutor
        from itertools import repeat

        with ProcessPoolExecutor(max_workers=proses) as pool:
            hasil_bagian = list(pool.map(compute.hitung, potong, repeat(aturan), repeat(hanya_disetujui)))
    else:
        hasil_bagian = [compute.hitung(p, aturan, hanya_disetujui) for p in potong]
    hasil = pd.concat([h for h, _ in hasil_bagian]).loc[kegiatan.index]
    potongan = pd.concat([p for _, p in hasil_bagian]).sort_values(["baris", "periode"], ignore_index=True)
    return hasil, potongan


def _ringkasan_salah(buku: Buku) -> str:
    return (
        f"{buku.n_baris_salah or len(buku.salah)} baris buku kegiatan tidak dapat dihitung "
        f"({len(buku.salah)} masalah). Perbaiki lalu jalankan lagi, atau pakai --lewati-salah "
        "untuk menghitung tanpa baris itu."
    )
