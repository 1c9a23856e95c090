"""Conversion and caps (SPEC §2): typed activity rows -> JP counted per row. Pure functions.

For every row: ``jp_mentah`` = jumlah x JP per unit (what the table gives before any
cap) and ``jp_diakui`` = units that survive the caps x JP per unit. Cap semantics:

* a cap holds per employee, per jenis, per lingkup, per period (calendar day or month);
* a ``kegiatan`` row with jumlah n is n sessions on its start date;
* a per-day cap spreads a multi-day row's units evenly over its calendar days, adds all
  rows of that employee/jenis/lingkup per day and clips each day;
* within a period earlier rows count first: by tanggal_mulai, then ledger order;
* the multiplier (e.g. x 1.2 internasional) applies after the cap;
* an exact duplicate row counts 0 (its first occurrence counts).

Caps are applied over the whole ledger before rows are assigned to years (a row belongs
to the year of its tanggal_selesai), so one calendar day is never counted twice across a
year boundary.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jpcli.rules import Aturan

_DARI_ATURAN = ("satuan", "kolom", "jalur", "jp_per_satuan", "batas", "per")
_TOLERANSI = 1e-9


def hitung(kegiatan: pd.DataFrame, aturan: Aturan) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows with JP computed, and ``potongan``: every (row, period) where a cap cut units.

    Added columns: satuan, kolom, jalur, jp_per_satuan, batas, per, jp_mentah,
    satuan_diakui, jp_diakui, tahun. ``potongan`` has: baris, per, periode (first day of
    the period), satuan, satuan_diakui, batas.
    """
    hasil = kegiatan.copy()
    tabel = aturan.tabel.set_index(["jenis", "lingkup"])
    pos = tabel.index.get_indexer(pd.MultiIndex.from_arrays([hasil["jenis"], hasil["lingkup"]]))
    if (pos < 0).any():
        raise ValueError("normalize let through a jenis/lingkup the rule set does not convert")
    for col in _DARI_ATURAN:
        hasil[col] = tabel[col].to_numpy()[pos]

    hasil["jp_mentah"] = hasil["jumlah"] * hasil["jp_per_satuan"]
    satuan_diakui = np.where(hasil["duplikat_dari"].to_numpy() > 0, 0.0, hasil["jumlah"].to_numpy(dtype=float))
    dibatasi = (hasil["batas"].notna() & (hasil["duplikat_dari"] == 0)).to_numpy()
    potongan = _potongan_kosong()
    if dibatasi.any():
        per_baris, potongan = _terapkan_batas(hasil.loc[dibatasi])
        satuan_diakui[dibatasi] = per_baris
    hasil["satuan_diakui"] = np.round(satuan_diakui, 9)
    hasil["jp_diakui"] = np.round(hasil["satuan_diakui"] * hasil["jp_per_satuan"], 9)
    hasil["tahun"] = hasil["tanggal_selesai"].dt.year.astype(np.int64)
    return hasil, potongan


def _potongan_kosong() -> pd.DataFrame:
    return pd.DataFrame({
        "baris": pd.Series(dtype=np.int64), "per": pd.Series(dtype=object),
        "periode": pd.Series(dtype="datetime64[s]"), "satuan": pd.Series(dtype=float),
        "satuan_diakui": pd.Series(dtype=float), "batas": pd.Series(dtype=float),
    })


def _terapkan_batas(rows: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Units counted for each capped row (in row order), and the periods where cuts happened."""
    mulai = rows["tanggal_mulai"].to_numpy().astype("datetime64[D]").astype(np.int64)
    selesai = rows["tanggal_selesai"].to_numpy().astype("datetime64[D]").astype(np.int64)
    # kegiatan/semester: all units on the start date; JP/hari: spread over the calendar days
    sebar = rows["satuan"].isin(["JP", "hari"]).to_numpy()
    n_hari = np.where(sebar, selesai - mulai + 1, 1)

    baris_ke = np.repeat(np.arange(len(rows)), n_hari)
    hari_ke = np.arange(len(baris_ke)) - np.repeat(np.cumsum(n_hari) - n_hari, n_hari)
    hari = mulai[baris_ke] + hari_ke
    per_bulan = (rows["per"].to_numpy() == "bulan")[baris_ke]
    bulan = hari.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    bagian = pd.DataFrame({
        "r": baris_ke,
        "periode": np.where(per_bulan, bulan, hari),
        "satuan": (rows["jumlah"].to_numpy() / n_hari)[baris_ke],
    })
    # a multi-day row under a monthly cap contributes its days of that month as one portion
    bagian = bagian.groupby(["r", "periode"], sort=False, as_index=False)["satuan"].sum()
    r = bagian["r"].to_numpy()
    for col in ("nip", "jenis", "lingkup", "batas", "per", "baris"):
        bagian[col] = rows[col].to_numpy()[r]
    bagian["mulai"] = mulai[r]

    # earlier rows count first: by start date, then ledger order
    bagian = bagian.sort_values(["nip", "jenis", "lingkup", "periode", "mulai", "baris"], kind="stable")
    sebelum = bagian.groupby(["nip", "jenis", "lingkup", "periode"], sort=False)["satuan"].cumsum() - bagian["satuan"]
    sisa = (bagian["batas"] - sebelum).clip(lower=0)
    bagian["satuan_diakui"] = np.minimum(bagian["satuan"], sisa)

    per_baris = bagian.groupby("r")["satuan_diakui"].sum().reindex(np.arange(len(rows)), fill_value=0.0).to_numpy()
    dipotong = bagian[bagian["satuan_diakui"] < bagian["satuan"] - _TOLERANSI]
    potongan = pd.DataFrame({
        "baris": dipotong["baris"].to_numpy(np.int64),
        "per": dipotong["per"].to_numpy(),
        "periode": dipotong["periode"].to_numpy().astype("datetime64[D]").astype("datetime64[s]"),
        "satuan": dipotong["satuan"].to_numpy(),
        "satuan_diakui": dipotong["satuan_diakui"].to_numpy(),
        "batas": dipotong["batas"].to_numpy(),
    })
    return per_baris, potongan.sort_values(["baris", "periode"], ignore_index=True)
