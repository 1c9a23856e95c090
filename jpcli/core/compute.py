"""Conversion and caps (SPEC §2): typed activity rows -> JP counted per row. Pure functions.

For every row: ``jp_mentah`` = jumlah x JP per unit (what the table gives before any
cap) and ``jp_diakui`` = units that survive the caps x JP per unit. Cap semantics:

* a cap holds per employee, per jenis, per period (calendar day or month), shared by
  national and international rows; each row takes units up to its own lingkup's limit minus
  what the period has already counted, at its own lingkup's JP per unit;
* a ``kegiatan`` row with jumlah n is n sessions on its start date;
* a per-day cap spreads a multi-day row's units evenly over its calendar days, adds all
  rows of that employee/jenis per day and clips each day;
* within a period earlier rows count first: by tanggal_mulai, then ledger order;
* the multiplier (e.g. x 1.2 internasional) applies after the cap;
* an exact duplicate row counts 0 (its first occurrence counts), and so does a row the verifier
  rejected (or, with ``hanya_disetujui``, any row not approved); none of them uses a cap.

Caps are applied over the whole ledger before rows are assigned to years (a row belongs
to the year of its tanggal_selesai), so one calendar day is never counted twice across a
year boundary.

Everything is arrays: the rule table is looked up by category codes, a capped row is
spread over its days with ``np.repeat``, periods are ordered with ``np.lexsort`` and the
running total per period is one ``cumsum``. Units are counted in integer nano-units so
that sums are exact and independent of row order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jpcli.rules import LINGKUP, Aturan

_NANO = 1_000_000_000  # units are counted in 1e-9 steps: exact integer sums
_PER = ("", "hari", "bulan")


def _kode(kolom: pd.Series, kategori: list[str]) -> np.ndarray:
    """Category codes of ``kolom`` against ``kategori`` (-1 where absent), cheap when already categorical."""
    if isinstance(kolom.dtype, pd.CategoricalDtype) and list(kolom.cat.categories) == kategori:
        return kolom.cat.codes.to_numpy()
    return pd.Categorical(kolom, categories=kategori).codes


def tidak_dihitung(kegiatan: pd.DataFrame, hanya_disetujui: bool = False) -> np.ndarray:
    """Rows that count 0 whatever the table says: an exact duplicate (its first occurrence counts),
    a row the verifier rejected, and with ``hanya_disetujui`` any row not approved."""
    nol = kegiatan["duplikat_dari"].to_numpy() > 0
    if "status" in kegiatan:
        status = kegiatan["status"].astype(object).to_numpy()
        nol = nol | (status == "ditolak")
        if hanya_disetujui:
            nol = nol | (status != "disetujui")
    return nol


def hitung(kegiatan: pd.DataFrame, aturan: Aturan, hanya_disetujui: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows with JP computed, and ``potongan``: every (row, period) where a cap cut units.

    Added columns: satuan, kolom, jalur, jp_per_satuan, batas, per, jp_mentah,
    satuan_diakui, jp_diakui, tahun. ``potongan`` has: baris, per, periode (first day of
    the period), satuan, satuan_diakui, batas.
    """
    kode = list(aturan.per_kode)
    tabel = aturan.tabel
    baris_tabel = np.full((len(kode), len(LINGKUP)), -1, dtype=np.int64)
    baris_tabel[_kode(tabel["jenis"], kode), _kode(tabel["lingkup"], list(LINGKUP))] = np.arange(len(tabel))
    pos = baris_tabel[_kode(kegiatan["jenis"], kode), _kode(kegiatan["lingkup"], list(LINGKUP))]
    if (pos < 0).any():
        raise ValueError("normalize let through a jenis/lingkup the rule set does not convert")

    hasil = kegiatan.copy()
    for col in ("satuan", "kolom", "jalur", "per"):
        nilai = tabel[col].astype(str)
        kategori = list(dict.fromkeys(nilai))
        hasil[col] = pd.Categorical.from_codes(_kode(nilai, kategori)[pos], categories=kategori)
    for col in ("jp_per_satuan", "batas"):
        hasil[col] = tabel[col].to_numpy()[pos]

    jumlah = hasil["jumlah"].to_numpy(dtype=float)
    jp_per_satuan = hasil["jp_per_satuan"].to_numpy()
    hasil["jp_mentah"] = jumlah * jp_per_satuan
    nol = tidak_dihitung(hasil, hanya_disetujui)  # they take no place under a cap either
    satuan_diakui = np.where(nol, 0.0, jumlah)
    dibatasi = ~np.isnan(hasil["batas"].to_numpy()) & ~nol
    potongan = _potongan_kosong()
    if dibatasi.any():
        satuan_diakui[dibatasi], potongan = _terapkan_batas(hasil.loc[dibatasi])
    hasil["satuan_diakui"] = np.round(satuan_diakui, 9)
    hasil["jp_diakui"] = np.round(hasil["satuan_diakui"].to_numpy() * jp_per_satuan, 9)
    hasil["tahun"] = hasil["tanggal_selesai"].dt.year.astype(np.int64)
    return hasil, potongan


def _potongan_kosong() -> pd.DataFrame:
    return pd.DataFrame({
        "baris": pd.Series(dtype=np.int64), "per": pd.Series(dtype=object),
        "periode": pd.Series(dtype="datetime64[s]"), "satuan": pd.Series(dtype=float),
        "satuan_diakui": pd.Series(dtype=float), "batas": pd.Series(dtype=float),
    })


def _hari(kolom: pd.Series) -> np.ndarray:
    return kolom.to_numpy().astype("datetime64[D]").astype(np.int64)


def _terapkan_batas(rows: pd.DataFrame, semua: bool = False) -> tuple[np.ndarray, pd.DataFrame]:
    """Units counted for each capped row (in row order), and the portions where caps cut units
    (``semua``: every portion, with the order they took units in, to explain a card)."""
    n = len(rows)
    mulai, selesai = _hari(rows["tanggal_mulai"]), _hari(rows["tanggal_selesai"])
    # kegiatan/semester: all units on the start date; JP/hari: spread over the calendar days
    sebar = rows["satuan"].isin(["JP", "hari"]).to_numpy()
    n_hari = np.where(sebar, selesai - mulai + 1, 1)
    per_bulan = (rows["per"] == "bulan").to_numpy()
    batas = np.round(rows["batas"].to_numpy() * _NANO).astype(np.int64)
    kelompok = _kelompok(rows)

    r = np.repeat(np.arange(n), n_hari)  # one entry per row and calendar day
    awal = np.repeat(np.cumsum(n_hari) - n_hari, n_hari)
    hari = mulai[r] + (np.arange(len(r)) - awal)
    # evenly spread, in integer nano-units; the last day takes the rounding remainder
    total = np.round(rows["jumlah"].to_numpy() * _NANO).astype(np.int64)
    bagian = (total // n_hari)[r]
    terakhir = np.cumsum(n_hari) - 1
    bagian[terakhir] += total - (total // n_hari) * n_hari
    bulan = hari.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    periode = np.where(per_bulan[r], bulan, hari)

    # a multi-day row under a monthly cap puts its days of one month together as one portion
    baru = np.ones(len(r), dtype=bool)
    baru[1:] = (r[1:] != r[:-1]) | (periode[1:] != periode[:-1])
    mulai_bagian = np.flatnonzero(baru)
    bagian = np.add.reduceat(bagian, mulai_bagian)
    r, periode = r[mulai_bagian], periode[mulai_bagian]

    # earlier rows count first: by start date, then ledger order, within each cap period
    urut = np.lexsort((rows["baris"].to_numpy()[r], mulai[r], periode, kelompok[r]))
    r, periode, bagian = r[urut], periode[urut], bagian[urut]
    kunci = kelompok[r]
    awal_periode = np.ones(len(r), dtype=bool)
    awal_periode[1:] = (kunci[1:] != kunci[:-1]) | (periode[1:] != periode[:-1])
    diakui = _ambil(bagian, batas[r], awal_periode)

    per_baris = np.bincount(r, weights=diakui, minlength=n) / _NANO
    pilih = np.ones(len(r), dtype=bool) if semua else diakui < bagian
    porsi = pd.DataFrame({
        "baris": rows["baris"].to_numpy()[r[pilih]].astype(np.int64),
        "per": np.array(_PER, dtype=object)[np.where(per_bulan[r[pilih]], 2, 1)],
        "periode": periode[pilih].astype("datetime64[D]").astype("datetime64[s]"),
        "satuan": bagian[pilih] / _NANO,
        "satuan_diakui": diakui[pilih] / _NANO,
        "batas": batas[r[pilih]] / _NANO,
    })
    if semua:  # the order portions took units in, and which cap period each belongs to
        porsi["urutan"] = np.arange(len(porsi))
        porsi["kelompok"] = (np.cumsum(awal_periode) - 1)[pilih]
        return per_baris, porsi
    return per_baris, porsi.sort_values(["baris", "periode"], ignore_index=True)


def _ambil(bagian: np.ndarray, batas: np.ndarray, awal_periode: np.ndarray) -> np.ndarray:
    """Units each portion takes, portions sorted by cap period and order within it.

    Each portion takes up to its own limit minus what its period has already counted. Where
    every portion of a period has the same limit that is one cumulative sum; a period that
    mixes limits (national e-learning 3 JP/day beside international 4) is walked portion by
    portion, all such periods at once, so the loop runs once per position within a period.
    """
    kumulatif = np.cumsum(bagian)
    sebelum_periode = np.maximum.accumulate(np.where(awal_periode, kumulatif - bagian, 0))
    sebelum = kumulatif - bagian - sebelum_periode  # units offered earlier in this period
    diakui = np.minimum(bagian, np.clip(batas - sebelum, 0, None))

    id_periode = np.cumsum(awal_periode) - 1
    mulai = np.flatnonzero(awal_periode)
    campur = np.minimum.reduceat(batas, mulai) != np.maximum.reduceat(batas, mulai)
    if not campur.any():
        return diakui
    pos = np.flatnonzero(campur[id_periode])
    peringkat = pos - mulai[id_periode[pos]]
    pos = pos[np.argsort(peringkat, kind="stable")]
    batas_peringkat = np.searchsorted(np.sort(peringkat), np.arange(peringkat.max() + 2))
    terpakai = np.zeros(len(mulai), dtype=np.int64)  # units counted so far, per period
    for k in range(len(batas_peringkat) - 1):  # k-th portion of every mixed period
        p = pos[batas_peringkat[k]:batas_peringkat[k + 1]]
        periode = id_periode[p]
        ambil = np.minimum(bagian[p], np.clip(batas[p] - terpakai[periode], 0, None))
        diakui[p] = ambil
        terpakai[periode] += ambil
    return diakui


def porsi_batas(kegiatan: pd.DataFrame, aturan: Aturan, hanya_disetujui: bool = False) -> pd.DataFrame:
    """Every portion of every capped row (one per row and cap period), in the order they took
    units: what ``jp kartu`` needs to name the rows that used a cap first."""
    hasil, _ = hitung(kegiatan, aturan, hanya_disetujui)
    dibatasi = ~np.isnan(hasil["batas"].to_numpy()) & ~tidak_dihitung(hasil, hanya_disetujui)
    if not dibatasi.any():
        return _potongan_kosong().assign(**{"urutan": pd.Series(dtype=np.int64), "kelompok": pd.Series(dtype=np.int64)})
    return _terapkan_batas(hasil.loc[dibatasi], semua=True)[1]


def _kelompok(rows: pd.DataFrame) -> np.ndarray:
    """One integer per (employee, jenis): the unit a cap is counted in. National and
    international rows share it: a person has one day and one month, whatever the scope."""
    nip = pd.factorize(rows["nip"])[0].astype(np.int64)
    jenis = rows["jenis"].cat.codes.to_numpy().astype(np.int64) if isinstance(rows["jenis"].dtype, pd.CategoricalDtype) \
        else pd.factorize(rows["jenis"])[0].astype(np.int64)
    return nip * 1000 + jenis
