"""One employee's card explained (``jp kartu``): which rows, how many JP each, and why not more.

Everything here reads a ``Laporan`` that ``pipeline.susun`` already computed for the whole
ledger, so ``kartu`` and ``hitung`` can never disagree: this module only selects and
words what the compute step decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jpcli.core import compute
from jpcli.problems import JpError
from jpcli.core.pipeline import Laporan
from jpcli.rules import Aturan
from jpcli.render.fmt import BULAN, format_jp, format_tanggal, nama_bulan

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
KOLOM_RINCIAN = ("baris", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jp_mentah", "jp_diakui", "alasan")
_LABEL_SATUAN = {"JP": "JP", "hari": "hari", "kegiatan": "sesi", "semester": "semester"}


@dataclass
class KartuPegawai:
    """Everything ``jp kartu`` shows for one employee and one year."""

    pegawai: dict  # the employee's row of the Lampiran II card
    rincian: pd.DataFrame  # the register: one row per activity, in date order
    per_bulan: pd.DataFrame  # bulan (1-12), jp, kumulatif
    bimbingan: dict[str, pd.DataFrame]  # "coaching"/"mentoring" -> the Panduan's log
    lain_tahun: int  # the employee's activities in other years, not listed


def pilih_pegawai(kartu: pd.DataFrame, nip: str | None = None, nama: str | None = None) -> dict:
    """The one employee meant by a full NIP, a unique NIP prefix, or part of a name."""
    if nip:
        cari = re.sub(r"[\s.\-]", "", nip.strip().lstrip("'"))
        if not cari.isdigit():
            raise JpError(f"--nip {nip!r}: NIP hanya berisi angka (spasi dan titik boleh).")
        cocok = kartu[kartu["nip"] == cari]
        if cocok.empty:
            cocok = kartu[kartu["nip"].str.startswith(cari)]
        sebut = f"NIP {nip!r}"
    elif nama:
        cocok = kartu[kartu["nama"].str.contains(nama.strip(), case=False, regex=False)]
        sebut = f"nama {nama!r}"
    else:
        raise JpError("Sebutkan pegawainya: --nip NIP (boleh awalannya saja) atau --nama NAMA.")
    if cocok.empty:
        raise JpError(f"Tidak ada pegawai dengan {sebut} di buku kegiatan maupun daftar pegawai.")
    if len(cocok) > 1:
        calon = "\n".join(f"  {r.nip}  {r.nama}" for r in cocok.head(20).itertuples())
        lebih = f"\n  ... dan {len(cocok) - 20} lagi" if len(cocok) > 20 else ""
        raise JpError(f"{sebut} cocok dengan {len(cocok)} pegawai; sebutkan lebih lengkap:\n{calon}{lebih}")
    return cocok.iloc[0].to_dict()


def susun_kartu(laporan: Laporan, pegawai: dict) -> KartuPegawai:
    nip = pegawai["nip"]
    semua = laporan.hasil[laporan.hasil["nip"] == nip]
    # one employee's rows: plain text columns are simpler to word than categories
    semua = semua.astype({c: str for c in semua.columns if isinstance(semua[c].dtype, pd.CategoricalDtype)})
    tahun = laporan.tahun
    mulai_th = semua["tanggal_mulai"].dt.year
    # the year's rows, plus rows that start in this year but end (and count) in the next
    tampil = semua[(semua["tahun"] == tahun) | (mulai_th == tahun)].copy()
    tampil.loc[tampil["tahun"] != tahun, "jp_diakui"] = 0.0
    tampil = tampil.sort_values(["tanggal_mulai", "baris"], kind="stable")
    porsi = compute.porsi_batas(laporan.hasil[laporan.hasil["nip"] == nip], laporan.aturan, laporan.hanya_disetujui)
    tahun_baris = dict(zip(semua["baris"], semua["tahun"]))
    tampil["alasan"] = _alasan(tampil, porsi, tahun_baris, laporan.aturan, tahun, laporan.hanya_disetujui)

    rincian = tampil.reset_index(drop=True)
    return KartuPegawai(
        pegawai=pegawai,
        rincian=rincian,
        per_bulan=_per_bulan(rincian[rincian["tahun"] == tahun]),
        bimbingan={k: _log(rincian, k) for k in ("coaching", "mentoring")},
        lain_tahun=int(len(semua) - len(tampil)),
    )


def _batas_teks(jenis, konversi) -> str:
    label = _LABEL_SATUAN.get(jenis.satuan, jenis.satuan)
    teks = f"{format_jp(konversi.batas)} {label}/{konversi.per}"
    if jenis.satuan != "JP":
        teks += f" (= {format_jp(konversi.batas * konversi.jp)} JP)"
    return teks


def _periode_teks(per: str, tanggal: list[pd.Timestamp]) -> str:
    if per == "bulan":
        return ", ".join(nama_bulan(t.year, t.month) for t in tanggal)
    if len(tanggal) <= 3:
        return ", ".join(format_tanggal(t) for t in tanggal)
    return f"{len(tanggal)} hari, {format_tanggal(tanggal[0])} s.d. {format_tanggal(tanggal[-1])}"


def _daftar(angka: list[int]) -> str:
    teks = [str(a) for a in angka]
    return teks[0] if len(teks) == 1 else f"{', '.join(teks[:-1])} dan {teks[-1]}"


def _pemakai(porsi: pd.DataFrame, tahun_baris: dict, tahun: int) -> dict[int, str]:
    """For each row a cap cut: the rows that used that cap period first (in the order units were
    taken), with the year they count in when it is not the year shown."""
    dipotong = porsi[porsi["satuan_diakui"] < porsi["satuan"] - 1e-9]
    hasil = {}
    for baris, cut in dipotong.groupby("baris"):  # one employee's cut rows only
        sebelum = porsi[porsi["kelompok"].isin(cut["kelompok"]) & (porsi["satuan_diakui"] > 0)
                        & (porsi["baris"] != baris)]
        sebelum = sebelum[sebelum["urutan"] < sebelum["kelompok"].map(cut.set_index("kelompok")["urutan"])]
        pemakai = list(dict.fromkeys(sebelum["baris"]))
        if not pemakai:
            continue
        lain = [b for b in pemakai if tahun_baris.get(b, tahun) != tahun]
        teks = f"sudah terpakai oleh baris {_daftar(pemakai)}"
        if len(lain) == 1 and len(pemakai) == 1:
            teks += f", yang dihitung di tahun {tahun_baris[lain[0]]}"
        elif lain:
            teks += "; " + ", ".join(f"baris {b} dihitung di tahun {tahun_baris[b]}" for b in lain)
        hasil[baris] = teks
    return hasil


def _alasan(rows: pd.DataFrame, porsi: pd.DataFrame, tahun_baris: dict, aturan: Aturan, tahun: int,
            hanya_disetujui: bool = False) -> list[str]:
    """Why a row counts less than its raw JP: the cap (rule, period, the rows that used it first),
    a duplicate, another year; and the multiplier applied after a cap."""
    dipotong = porsi[porsi["satuan_diakui"] < porsi["satuan"] - 1e-9]
    periode = {b: list(g["periode"]) for b, g in dipotong.groupby("baris")}
    pemakai = _pemakai(porsi, tahun_baris, tahun)
    hasil = []
    for row in rows.itertuples():  # one employee's rows only
        jenis = aturan.per_kode[row.jenis]
        status = getattr(row, "status", "")
        if status == "ditolak":
            alasan = f" ({row.alasan_verifikasi})" if getattr(row, "alasan_verifikasi", "") else ""
            hasil.append(f"ditolak verifikator{alasan}: tidak dihitung")
        elif hanya_disetujui and status != "disetujui":
            hasil.append("belum disetujui verifikator: tidak dihitung (--hanya-disetujui)")
        elif row.duplikat_dari:
            hasil.append(f"sama persis dengan baris {row.duplikat_dari}: dihitung sekali")
        elif row.tahun != tahun:
            hasil.append(f"selesai {format_tanggal(row.tanggal_selesai)}: dihitung pada tahun {row.tahun}")
        elif row.baris in periode:
            konversi = jenis.konversi(row.lingkup)
            teks = (f"melebihi batas {jenis.nama.lower()} {_batas_teks(jenis, konversi)} "
                    f"({_periode_teks(konversi.per, periode[row.baris])})")
            if row.baris in pemakai:
                teks += f": {pemakai[row.baris]}"
            if jenis.satuan == "JP" and konversi.jp != 1:
                # SPEC §2: the multiplier applies after the cap
                teks += (f"; diakui {format_jp(row.satuan_diakui)} JP × {format_jp(konversi.jp)} = "
                         f"{format_jp(row.jp_diakui)} JP")
            hasil.append(f"{teks}. {jenis.sumber_untuk(row.lingkup)}")
        else:
            hasil.append("")
    return hasil


def _per_bulan(rows: pd.DataFrame) -> pd.DataFrame:
    """JP counted per calendar month of tanggal_selesai (when the certificate is issued), cumulated."""
    jp = rows.groupby(rows["tanggal_selesai"].dt.month)["jp_diakui"].sum().reindex(range(1, 13), fill_value=0.0)
    return pd.DataFrame({"bulan": range(1, 13), "nama": BULAN, "jp": jp.to_numpy(),
                         "kumulatif": np.round(jp.cumsum().to_numpy(), 9)})


def hari_tanggal(t: pd.Timestamp) -> str:
    """'Selasa, 4 Maret 2025' as the Panduan's log writes Hari/Tanggal."""
    return f"{HARI[t.weekday()]}, {format_tanggal(t)}"


def _log(rincian: pd.DataFrame, jenis: str) -> pd.DataFrame:
    """Coaching or mentoring sessions in the Panduan's format (seed 001 §G.4 / §H.4)."""
    rows = rincian[rincian["jenis"] == jenis]
    sesi = rows["jumlah"].astype(int)
    materi = rows["judul"].where(rows["judul"] != "", "(materi belum diisi)")
    materi = np.where(sesi > 1, materi + " (" + sesi.astype(str) + " sesi)", materi)
    return pd.DataFrame({
        "no": np.arange(1, len(rows) + 1),
        "hari_tanggal": [hari_tanggal(t) for t in rows["tanggal_mulai"]],
        "materi": materi,
        "pembimbing": rows["penyelenggara"].to_numpy(),
        "baris": rows["baris"].to_numpy(),
    })
