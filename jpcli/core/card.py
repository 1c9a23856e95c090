"""Lampiran II aggregation: JP counted per employee per card column for one year (SPEC §3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jpcli.rules import KOLOM_KARTU, TOLERANSI

TARGET_BAWAAN = 20.0  # hak 20 JP per tahun

KOLOM_JP = tuple(KOLOM_KARTU)
KOLOM_KLASIKAL = tuple(k for k, jalur in KOLOM_KARTU.items() if jalur == "klasikal")
KOLOM_NONKLASIKAL = tuple(k for k, jalur in KOLOM_KARTU.items() if jalur == "nonklasikal")

JUDUL_KARTU = "KARTU PENGENDALIAN PEMENUHAN 20 JP PENGEMBANGAN KOMPETENSI DALAM 1 TAHUN"
JUDUL_KOLOM = {  # column headings of Lampiran II (PENDIDIKAN is jp's addition, SPEC §3)
    "pendidikan": "Pendidikan",
    "pelatihan": "Pelatihan",
    "sosialisasi": "Sosialisasi",
    "workshop": "Workshop",
    "klasikal_lain": "Dan lain-lain",
    "coaching": "Coaching",
    "mentoring": "Mentoring",
    "belajar_mandiri": "Belajar mandiri",
    "nonklasikal_lain": "Dan lain-lain",
}


def tahun_terakhir(hasil: pd.DataFrame) -> int | None:
    """SPEC §2: the default year is the latest year with data."""
    return int(hasil["tahun"].max()) if len(hasil) else None


def kartu(hasil: pd.DataFrame, tahun: int, pegawai: pd.DataFrame | None, target: float | None = None,
          semua_kegiatan: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per employee: nip, nama, unit, jabatan, the nine card columns, total, target,
    memenuhi, kurang.

    Employees: the roster in its order, then ledger NIPs missing from it (by NIP); without a
    roster, every NIP in the ledger (by NIP), so someone with activities only in other
    years shows 0 instead of vanishing. ``semua_kegiatan`` (default ``hasil``) is the whole
    ledger when ``hasil`` was computed on part of it (activities up to a date).
    """
    target_umum = TARGET_BAWAAN if target is None else float(target)
    buku = hasil if semua_kegiatan is None else semua_kegiatan
    nip_kode, nip_buku = pd.factorize(buku["nip"])  # in ledger order
    nip_buku = np.asarray(nip_buku, dtype=object)
    # each NIP's first non-blank name in ledger order ("" when it never has one)
    bernama = (buku["nama"] != "").to_numpy()
    pertama = np.full(len(nip_buku), -1, dtype=np.int64)
    idx = np.flatnonzero(bernama)[::-1]
    pertama[nip_kode[idx]] = idx
    nama_pertama = buku["nama"].iloc[np.maximum(pertama, 0)].astype(str).to_numpy() if len(buku) else np.array([], object)
    nama_buku = pd.Series(np.where(pertama >= 0, nama_pertama, ""), index=nip_buku, dtype=object)

    # JP per employee and card column: one bincount over (employee, column) codes
    tahun_ini = (hasil["tahun"] == tahun).to_numpy()
    sel = (_posisi(hasil["nip"], nip_buku).astype(np.int64) * len(KOLOM_JP) + _posisi(hasil["kolom"], KOLOM_JP))[tahun_ini]
    jp_buku = np.bincount(sel, weights=hasil["jp_diakui"].to_numpy()[tahun_ini],
                          minlength=len(nip_buku) * len(KOLOM_JP)).reshape(len(nip_buku), len(KOLOM_JP))

    if pegawai is not None and len(pegawai):
        daftar = pegawai[["nip", "nama", "unit", "jabatan", "target"]].copy()
        lain = np.setdiff1d(nip_buku.astype(str), daftar["nip"].to_numpy(dtype=str))
        if len(lain):
            daftar = pd.concat([daftar, pd.DataFrame({"nip": lain})], ignore_index=True)
    else:
        daftar = pd.DataFrame({"nip": np.sort(nip_buku.astype(str))})
    for col in ("nama", "unit", "jabatan"):
        daftar[col] = daftar[col].fillna("").astype(str) if col in daftar else ""
    if "target" not in daftar:
        daftar["target"] = np.nan

    nama_dari_buku = daftar["nip"].map(nama_buku).fillna("").astype(str)
    daftar["nama"] = daftar["nama"].where(daftar["nama"] != "", nama_dari_buku)
    daftar["target"] = daftar["target"].astype(float).fillna(target_umum)

    di_buku = pd.Index(nip_buku).get_indexer(daftar["nip"].to_numpy(dtype=object))
    jp = np.where((di_buku >= 0)[:, None], jp_buku[np.maximum(di_buku, 0)], 0.0)
    hasil_kartu = daftar[["nip", "nama", "unit", "jabatan"]].reset_index(drop=True)
    for i, col in enumerate(KOLOM_JP):
        hasil_kartu[col] = np.round(jp[:, i], 9)
    hasil_kartu["total"] = np.round(jp.sum(axis=1), 9)
    hasil_kartu["target"] = daftar["target"].to_numpy()
    hasil_kartu["memenuhi"] = hasil_kartu["total"] >= hasil_kartu["target"] - TOLERANSI
    hasil_kartu["kurang"] = np.where(
        hasil_kartu["memenuhi"], 0.0, np.round(hasil_kartu["target"] - hasil_kartu["total"], 9)
    )
    hasil_kartu.insert(0, "no", np.arange(1, len(hasil_kartu) + 1))
    return hasil_kartu


def _posisi(kolom: pd.Series, daftar) -> np.ndarray:
    """Position of each row's value in ``daftar``, through the category codes when there are some
    (a lookup per distinct value, not per row)."""
    if isinstance(kolom.dtype, pd.CategoricalDtype):
        return pd.Index(daftar).get_indexer(kolom.cat.categories)[kolom.cat.codes.to_numpy()]
    return pd.Index(daftar).get_indexer(kolom.to_numpy(dtype=object))


def status(memenuhi: bool, kurang: float) -> str:
    """The STATUS column of the card (SPEC §3): "memenuhi" or "kurang N JP"."""
    from jpcli.render.fmt import format_jp

    return "memenuhi" if memenuhi else f"kurang {format_jp(kurang)} JP"


def jumlah_kartu(kartu_frame: pd.DataFrame) -> dict[str, float]:
    """The totals line of the card: sum of every JP column and of the totals."""
    return {col: float(np.round(kartu_frame[col].sum(), 9)) for col in (*KOLOM_JP, "total")}
