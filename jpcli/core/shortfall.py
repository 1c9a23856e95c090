"""``jp cek``: who is below target, by how much, per unit, and what can still close the gap.

The suggestions use the non-classical routes the Panduan puts in the supervisor's hands
(coaching, mentoring, belajar mandiri; seed 001 §F-§I) with the caps of the rule set in
force and the time left in the year, so they never propose JP that would not be counted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jpcli.core import card
from jpcli.problems import Masalah
from jpcli.core.pipeline import Buku, Laporan, susun
from jpcli.rules import Aturan, Jenis
from jpcli.render.fmt import BULAN, format_jp

JALUR_ATASAN = ("coaching", "mentoring", "belajar_mandiri")  # routes a supervisor can start (Panduan §F)
TANPA_UNIT = "(tanpa unit)"
SEMUA_UNIT = "SEMUA UNIT"


@dataclass
class Pemeriksaan:
    laporan: Laporan
    per_tanggal: dt.date
    bulan_tersisa: int
    kurang: pd.DataFrame  # employees below target: card columns + unit, saran; by shortfall
    rekap: pd.DataFrame  # per unit, then SEMUA UNIT
    peringatan: list[Masalah] = field(default_factory=list)
    dengan_daftar: bool = True  # False: no roster, only employees in the ledger were checked


def tanggal_periksa(tahun: int, hari_ini: dt.date) -> dt.date:
    """Default --per-tanggal: today when it falls in the year checked, else that year's end."""
    return hari_ini if hari_ini.year == tahun else dt.date(tahun, 12, 31)


def sisa_bulan(per_tanggal: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every calendar month that still has days after ``per_tanggal`` in its year."""
    akhir_bulan = calendar.monthrange(per_tanggal.year, per_tanggal.month)[1]
    pertama = per_tanggal.month + (1 if per_tanggal.day == akhir_bulan else 0)
    return [(per_tanggal.year, m) for m in range(pertama, 13)]


def periksa(buku: Buku, aturan: Aturan, tahun: int | None = None, target: float | None = None,
            lewati_salah: bool = False, per_tanggal: dt.date | None = None,
            hari_ini: dt.date | None = None, hanya_disetujui: bool = False) -> Pemeriksaan:
    hari_ini = hari_ini or dt.date.today()
    if tahun is None:
        tahun = per_tanggal.year if per_tanggal else card.tahun_terakhir(
            buku.kegiatan.assign(**{"tahun": buku.kegiatan["tanggal_selesai"].dt.year}))
    if tahun is not None and per_tanggal is None:
        per_tanggal = tanggal_periksa(tahun, hari_ini)
    laporan = susun(buku, aturan, tahun=tahun, target=target, lewati_salah=lewati_salah, sampai=per_tanggal,
                    hanya_disetujui=hanya_disetujui)
    per_tanggal = per_tanggal or dt.date(laporan.tahun, 12, 31)
    peringatan = list(laporan.peringatan)
    if per_tanggal.year != laporan.tahun:
        peringatan.append(Masalah(file=buku.file, tingkat="peringatan", pesan=(
            f"--per-tanggal {per_tanggal.isoformat()} tidak berada di tahun {laporan.tahun} yang diperiksa.")))
    dengan_daftar = buku.pegawai is not None and len(buku.pegawai) > 0
    if not dengan_daftar:
        peringatan.append(Masalah(file=buku.file, tingkat="peringatan", pesan=(
            "tanpa daftar pegawai: hanya pegawai yang muncul di buku kegiatan yang diperiksa; pegawai yang "
            "belum punya kegiatan sama sekali tidak terlihat. Tambahkan sheet 'pegawai' atau pakai --pegawai.")))
    else:
        di_luar = laporan.kartu[~laporan.kartu["nip"].isin(buku.pegawai["nip"])]
        if len(di_luar):
            daftar = ", ".join(f"{r.nip} ({r.nama or 'tanpa nama'})" for r in di_luar.itertuples())
            peringatan.append(Masalah(file=buku.file, tingkat="peringatan", pesan=(
                f"{len(di_luar)} NIP di buku kegiatan tidak ada di daftar pegawai (tetap diperiksa): {daftar}. "
                "Tambahkan ke daftar pegawai, atau periksa NIP-nya.")))

    bulan = sisa_bulan(per_tanggal) if per_tanggal.year == laporan.tahun else []
    hari_sisa = max(0, (dt.date(laporan.tahun, 12, 31) - per_tanggal).days)
    kartu = laporan.kartu
    belum = kartu[~kartu["memenuhi"]].sort_values("kurang", ascending=False, kind="stable").copy()
    terpakai = _terpakai(laporan.hasil, per_tanggal)
    belum["saran"] = [
        saran(row.kurang, aturan, bulan, hari_sisa, terpakai.get(row.nip, {}), laporan.tahun)
        for row in belum.itertuples()  # only employees below target
    ]
    return Pemeriksaan(laporan=laporan, per_tanggal=per_tanggal, bulan_tersisa=len(bulan), kurang=belum,
                       rekap=rekap(kartu), peringatan=peringatan, dengan_daftar=dengan_daftar)


def rekap(kartu: pd.DataFrame) -> pd.DataFrame:
    """Per unit: employees, met, not met, % met, total JP; then one line for all units."""
    unit = kartu["unit"].where(kartu["unit"] != "", TANPA_UNIT)
    per_unit = kartu.assign(**{"unit": unit}).groupby("unit", sort=False).agg(
        **{"pegawai": ("nip", "size"), "memenuhi": ("memenuhi", "sum"), "total_jp": ("total", "sum")})
    semua = pd.DataFrame({"pegawai": [len(kartu)], "memenuhi": [int(kartu["memenuhi"].sum())],
                          "total_jp": [kartu["total"].sum()]}, index=pd.Index([SEMUA_UNIT], name="unit"))
    hasil = pd.concat([per_unit, semua]).reset_index()
    hasil["memenuhi"] = hasil["memenuhi"].astype(int)
    hasil["belum"] = hasil["pegawai"] - hasil["memenuhi"]
    hasil["persen_memenuhi"] = np.round(100 * hasil["memenuhi"] / hasil["pegawai"].clip(lower=1), 1)
    hasil["total_jp"] = np.round(hasil["total_jp"], 9)
    return hasil[["unit", "pegawai", "memenuhi", "belum", "persen_memenuhi", "total_jp"]]


def _terpakai(hasil: pd.DataFrame, per_tanggal: dt.date) -> dict[str, dict[tuple[str, int], float]]:
    """Units already counted this month per employee and route (they use up the month's cap)."""
    bulan_ini = hasil[(hasil["lingkup"] == "nasional") & hasil["jenis"].isin(JALUR_ATASAN)
                      & (hasil["tanggal_mulai"].dt.year == per_tanggal.year)
                      & (hasil["tanggal_mulai"].dt.month == per_tanggal.month)]
    jumlah = bulan_ini.groupby(["nip", "jenis"], observed=True)["satuan_diakui"].sum()
    hasil_dict: dict[str, dict] = {}
    for (nip, jenis), nilai in jumlah.items():
        hasil_dict.setdefault(nip, {})[(jenis, per_tanggal.month)] = float(nilai)
    return hasil_dict


def _rencana(jenis: Jenis, perlu_jp: float, bulan: list[tuple[int, int]], hari_sisa: int,
             terpakai: dict) -> tuple[float, str | None, float]:
    """(JP this route can still give, a plan text reaching ``perlu_jp`` if it can alone, JP of that plan)."""
    k = jenis.nasional
    satuan = "sesi" if jenis.satuan == "kegiatan" else jenis.satuan
    perlu = math.ceil(perlu_jp / k.jp - 1e-9)  # whole sessions / whole JP
    nama = jenis.nama.split(" (")[0].lower()
    if k.batas is None:
        return math.inf, f"{nama} {perlu} {satuan} = {format_jp(perlu * k.jp)} JP", perlu * k.jp
    if k.per == "bulan":
        kapasitas = [max(0.0, k.batas - terpakai.get((jenis.kode, m), 0.0)) for _, m in bulan]
        total = sum(kapasitas)
        if total < perlu:
            return total * k.jp, None, 0.0
        sisa, dipakai = perlu, []
        for (_, m), kap in zip(bulan, kapasitas):
            if sisa <= 0:
                break
            ambil = min(kap, sisa)
            if ambil > 0:
                dipakai.append(m)
                sisa -= ambil
        rentang = BULAN[dipakai[0] - 1] if len(dipakai) == 1 else f"{BULAN[dipakai[0] - 1]}–{BULAN[dipakai[-1] - 1]}"
        teks = (f"{nama} {perlu} {satuan} dalam {len(dipakai)} bulan ({rentang}; maks. {format_jp(k.batas)} "
                f"{satuan}/bulan) = {format_jp(perlu * k.jp)} JP")
        return total * k.jp, teks, perlu * k.jp
    total = hari_sisa * k.batas  # per hari
    if total < perlu:
        return total * k.jp, None, 0.0
    hari = math.ceil(perlu / k.batas - 1e-9)
    teks = f"{nama} {perlu} {satuan} dalam {hari} hari (maks. {format_jp(k.batas)} {satuan}/hari) = {format_jp(perlu * k.jp)} JP"
    return total * k.jp, teks, perlu * k.jp


def saran(kurang: float, aturan: Aturan, bulan: list[tuple[int, int]], hari_sisa: int,
          terpakai: dict, tahun: int) -> str:
    """A plan for the shortfall through coaching, mentoring or belajar mandiri, within the caps."""
    awal = f"kurang {format_jp(kurang)} JP: "
    if hari_sisa <= 0:
        return awal + f"tahun {tahun} sudah berakhir; kekurangan ini tidak dapat dikejar lagi tahun ini."
    jalur = [aturan.per_kode[k] for k in JALUR_ATASAN if k in aturan.per_kode]
    rencana = [_rencana(j, kurang, bulan, hari_sisa, terpakai) for j in jalur]
    sendiri = [teks for _, teks, _ in rencana if teks]
    if sendiri:
        return awal + ", atau ".join(sendiri)
    # no single route is enough: combine them, each up to what its cap still allows
    sisa, bagian = kurang, []
    for j, (bisa, _, _) in zip(jalur, rencana):
        if sisa <= 1e-9 or bisa <= 0:
            continue
        ambil = min(bisa, sisa)
        _, teks, _ = _rencana(j, ambil, bulan, hari_sisa, terpakai)
        if teks:
            bagian.append(teks)
            sisa -= ambil
    total_bisa = sum(bisa for bisa, _, _ in rencana)
    if sisa > 1e-9:
        return awal + (
            f"coaching, mentoring dan belajar mandiri paling banyak {format_jp(total_bisa)} JP lagi sampai akhir "
            f"tahun {tahun}; sisanya perlu pelatihan, seminar atau workshop."
            + (f" Mulai dengan: {' + '.join(bagian)}." if bagian else "")
        )
    return awal + "gabungan " + " + ".join(bagian)
