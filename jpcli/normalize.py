"""Raw table -> typed, validated records, plus every problem with its place.

The typed activity frame (``KOLOM_KEGIATAN``) is what the rest of the pipeline trusts:

    baris            int      row number as Excel shows it
    nip              str      18 digits
    nama             str      "" when blank
    jenis            str      a code of the rule set (e.g. "belajar_mandiri")
    lingkup          str      "nasional" | "internasional"
    tanggal_mulai    datetime64
    tanggal_selesai  datetime64 (blank -> tanggal_mulai)
    jumlah           float    quantity in the jenis' unit, defaults resolved (SPEC §1)
    judul, penyelenggara, keterangan   str
    duplikat_dari    int      row this one exactly repeats (counted once), else 0

Cells are parsed once per distinct value (see ``nilai``) and mapped back by position;
the row-level checks are vectorised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jpcli import nilai
from jpcli.errors import Masalah
from jpcli.read import Tabel
from jpcli.rules import Aturan
from jpcli.teks import kunci

KOLOM_KEGIATAN = (
    "baris", "nip", "nama", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai",
    "jumlah", "judul", "penyelenggara", "keterangan", "duplikat_dari",
)
_KUNCI_DUPLIKAT = [
    "nip", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah",
    "judul", "penyelenggara", "keterangan",
]
_BARIS_TOTAL = ("jumlah", "total", "jml", "grand_total", "sub_total", "subtotal")


@dataclass
class _Kolom:
    """One column parsed by distinct value: per-row value, error message, raw text, blank flag."""

    nilai: np.ndarray
    salah: np.ndarray  # object: message or None
    mentah: np.ndarray  # object: the cell as the user sees it
    kosong: np.ndarray  # bool


def _urai(col: pd.Series, fungsi: Callable[[object], object], dtype, isi_kosong) -> _Kolom:
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    hasil, salah = [], []
    for value in uniques:  # one call per distinct value, not per row
        try:
            hasil.append(fungsi(value))
            salah.append(None)
        except nilai.Tolak as exc:
            hasil.append(None)
            salah.append(str(exc))
    kosong = [h is None and s is None for h, s in zip(hasil, salah)] + [True]
    values = np.array([isi_kosong if h is None else h for h in hasil] + [isi_kosong], dtype=dtype)
    mentah = np.array([nilai.tampil(u) for u in uniques] + [""], dtype=object)
    return _Kolom(
        nilai=values[codes],
        salah=np.array(salah + [None], dtype=object)[codes],
        mentah=mentah[codes],
        kosong=np.array(kosong, dtype=bool)[codes],
    )


class _Kumpulan:
    """Collects problems as (row position, column, value, message) and builds Masalah at the end."""

    def __init__(self, tabel: Tabel):
        self.tabel = tabel
        self.baris = tabel.frame.index.to_numpy()
        self.bagian: list[pd.DataFrame] = []

    def tambah(self, mask: np.ndarray, kolom: str | None, pesan, mentah=None, tingkat: str = "salah") -> None:
        pos = np.flatnonzero(mask)
        if not len(pos):
            return
        pesan_arr = pesan[pos] if isinstance(pesan, np.ndarray) else np.full(len(pos), pesan, dtype=object)
        mentah_arr = mentah[pos] if mentah is not None else np.full(len(pos), None, dtype=object)
        self.bagian.append(pd.DataFrame({
            "pos": pos, "kolom": kolom, "nilai": mentah_arr, "pesan": pesan_arr, "tingkat": tingkat,
        }))

    def posisi_salah(self, n: int) -> np.ndarray:
        mask = np.zeros(n, dtype=bool)
        for part in self.bagian:
            mask[part.loc[part["tingkat"] == "salah", "pos"].to_numpy()] = True
        return mask

    def masalah(self) -> list[Masalah]:
        if not self.bagian:
            return []
        semua = pd.concat(self.bagian, ignore_index=True).sort_values("pos", kind="stable")
        baris = self.baris[semua["pos"].to_numpy()].tolist()
        kolom = [self.tabel.judul_asli.get(k, k) if k else None for k in semua["kolom"]]
        file, sheet = self.tabel.file, self.tabel.sheet
        return [
            Masalah(file, sheet, b, k, v, p, t)
            for b, k, v, p, t in zip(baris, kolom, semua["nilai"].tolist(), semua["pesan"].tolist(), semua["tingkat"].tolist())
        ]


def _baris_kosong_dan_total(frame: pd.DataFrame, kolom: dict[str, _Kolom], bidang: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Blank rows (every known column empty) and total rows ("JUMLAH", no jenis, no date) are not activities."""
    kosong = np.logical_and.reduce([kolom[k].kosong for k in bidang])
    calon = np.flatnonzero(~kosong & kolom["jenis"].kosong & kolom["tanggal_mulai"].kosong)
    total = np.zeros(len(frame), dtype=bool)
    if len(calon):
        cells = frame.iloc[calon].astype(str)
        for i, row in zip(calon, cells.itertuples(index=False)):
            total[i] = any(kunci(v).startswith(_BARIS_TOTAL) for v in row)  # only rows without jenis/date
    return kosong, total


def normalisasi_kegiatan(tabel: Tabel, aturan: Aturan, hari_ini: dt.date) -> tuple[pd.DataFrame, list[Masalah], int]:
    """Typed activity rows that passed every check, all problems, and the count of rows read."""
    frame = tabel.frame
    n = len(frame)
    k = {
        "nip": _urai(frame["nip"], nilai.nip, object, ""),
        "nama": _urai(frame["nama"], nilai.teks, object, ""),
        "jenis": _urai(frame["jenis"], lambda v: _jenis(v, aturan), object, ""),
        "lingkup": _urai(frame["lingkup"], nilai.lingkup, object, "nasional"),
        "tanggal_mulai": _urai(frame["tanggal_mulai"], nilai.tanggal, "datetime64[D]", np.datetime64("NaT")),
        "tanggal_selesai": _urai(frame["tanggal_selesai"], nilai.tanggal, "datetime64[D]", np.datetime64("NaT")),
        "jumlah": _urai(frame["jumlah"], nilai.angka, float, np.nan),
        "judul": _urai(frame["judul"], nilai.teks, object, ""),
        "penyelenggara": _urai(frame["penyelenggara"], nilai.teks, object, ""),
        "keterangan": _urai(frame["keterangan"], nilai.teks, object, ""),
    }
    kosong, total = _baris_kosong_dan_total(frame, k, list(k))
    aktif = ~kosong & ~total

    catat = _Kumpulan(tabel)
    catat.tambah(total, None, "baris total/jumlah dilewati (bukan kegiatan).", tingkat="peringatan")
    for nama_kolom, kol in k.items():
        catat.tambah(aktif & (kol.salah != None), nama_kolom, kol.salah, kol.mentah)  # noqa: E711

    wajib = {
        "nip": "NIP kosong. Isi NIP 18 angka pegawai (format kolom sebagai Teks).",
        "jenis": "jenis kosong. Isi kode jenis kegiatan, misalnya pelatihan_teknis, seminar, coaching (daftar lengkap: jp aturan).",
        "tanggal_mulai": "tanggal_mulai kosong. Isi tanggal mulai kegiatan, misalnya 12/03/2024.",
    }
    for nama_kolom, pesan in wajib.items():
        catat.tambah(aktif & k[nama_kolom].kosong, nama_kolom, pesan)

    mulai = k["tanggal_mulai"].nilai
    selesai = np.where(k["tanggal_selesai"].kosong, mulai, k["tanggal_selesai"].nilai)
    terbalik = aktif & ~np.isnat(mulai) & ~np.isnat(selesai) & (selesai < mulai)
    catat.tambah(terbalik, "tanggal_selesai", _pesan(
        terbalik, "tanggal selesai ({}) sebelum tanggal mulai ({}). Tukar atau perbaiki tanggalnya.",
        k["tanggal_selesai"].mentah, k["tanggal_mulai"].mentah,
    ), k["tanggal_selesai"].mentah)

    jenis = k["jenis"].nilai
    satuan = pd.Series(jenis).map({j.kode: j.satuan for j in aturan.jenis}).to_numpy(dtype=object)
    tanpa_int = {j.kode for j in aturan.jenis if j.internasional is None}
    intl_salah = aktif & (k["lingkup"].nilai == "internasional") & pd.Series(jenis).isin(tanpa_int).to_numpy()
    nama_jenis = pd.Series(jenis).map({j.kode: f"{j.nama} ({j.sumber})" for j in aturan.jenis}).to_numpy(dtype=object)
    catat.tambah(intl_salah, "lingkup", _pesan(
        intl_salah, "{} tidak punya konversi internasional (tabel: \"-\"). "
        "Isi lingkup nasional, atau periksa jenis kegiatannya.", nama_jenis,
    ), k["lingkup"].mentah)

    jumlah, jumlah_salah = _jumlah(k["jumlah"], satuan, jenis, mulai, selesai)
    catat.tambah(aktif & (jumlah_salah != None), "jumlah", jumlah_salah, k["jumlah"].mentah)  # noqa: E711

    sah = aktif & ~catat.posisi_salah(n)
    kegiatan = pd.DataFrame({
        "baris": frame.index.to_numpy()[sah].astype(np.int64),
        "nip": k["nip"].nilai[sah],
        "nama": k["nama"].nilai[sah],
        "jenis": jenis[sah],
        "lingkup": k["lingkup"].nilai[sah],
        "tanggal_mulai": pd.to_datetime(mulai[sah]),
        "tanggal_selesai": pd.to_datetime(selesai[sah]),
        "jumlah": jumlah[sah],
        "judul": k["judul"].nilai[sah],
        "penyelenggara": k["penyelenggara"].nilai[sah],
        "keterangan": k["keterangan"].nilai[sah],
    })
    for col in ("nip", "nama", "jenis", "lingkup", "judul", "penyelenggara", "keterangan"):
        kegiatan[col] = kegiatan[col].astype(str)

    masa_depan = (kegiatan["tanggal_selesai"] > pd.Timestamp(hari_ini)).to_numpy()
    pos_sah = np.flatnonzero(sah)
    catat.tambah(
        _sebar(pos_sah, masa_depan, n), "tanggal_selesai",
        "tanggal ini di masa depan; periksa tahunnya (kegiatan tetap dihitung).", k["tanggal_selesai"].mentah,
        tingkat="peringatan",
    )
    kegiatan["duplikat_dari"] = tandai_duplikat(kegiatan)
    dup = (kegiatan["duplikat_dari"] > 0).to_numpy()
    if dup.any():
        pesan = np.full(n, "", dtype=object)
        pesan[pos_sah[dup]] = [f"sama persis dengan baris {b}; dihitung sekali." for b in kegiatan.loc[dup, "duplikat_dari"]]
        catat.tambah(_sebar(pos_sah, dup, n), None, pesan, tingkat="peringatan")

    masalah = tabel.masalah + catat.masalah()
    masalah += _peringatan_nama(kegiatan, tabel) + _peringatan_semester(kegiatan, tabel)
    return kegiatan, masalah, int(aktif.sum())


def _pesan(mask: np.ndarray, pola: str, *kolom: np.ndarray) -> np.ndarray:
    """Messages for the masked rows only (the others stay None): no work for clean rows."""
    out = np.full(len(mask), None, dtype=object)
    out[mask] = [pola.format(*values) for values in zip(*(c[mask] for c in kolom))]
    return out


def _sebar(pos: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """A mask over the valid rows -> a mask over all rows read."""
    out = np.zeros(n, dtype=bool)
    out[pos[mask]] = True
    return out


def _jenis(value: object, aturan: Aturan) -> str | None:
    if nilai.kosong(value):
        return None
    kode = aturan.cari(value)
    if kode is None:
        import difflib

        keys = aturan.kunci_ke_kode
        dekat = difflib.get_close_matches(kunci(value), list(keys), n=6, cutoff=0.6)
        saran = list(dict.fromkeys(keys[d] for d in dekat))[:3]
        tambahan = f" Mungkin maksud Anda: {', '.join(saran)}." if saran else ""
        raise nilai.Tolak(f"jenis \"{nilai.tampil(value)}\" tidak dikenal.{tambahan} Daftar lengkap: jp aturan.")
    return kode


def _jumlah(kol: _Kolom, satuan: np.ndarray, jenis: np.ndarray, mulai: np.ndarray, selesai: np.ndarray):
    """Quantity with the SPEC §1 defaults per unit, and a message per row that cannot be used."""
    n = len(kol.nilai)
    jumlah = kol.nilai.astype(float).copy()
    salah = np.full(n, None, dtype=object)
    hari = (selesai - mulai).astype("timedelta64[D]").astype(float) + 1  # NaN where a date is missing
    kosong = kol.kosong
    # unit hari: blank = calendar days from mulai to selesai inclusive; kegiatan/semester: blank = 1
    jumlah = np.where(kosong & (satuan == "hari"), hari, jumlah)
    jumlah = np.where(kosong & np.isin(satuan, ["kegiatan", "semester"]), 1.0, jumlah)
    wajib = kosong & (satuan == "JP")
    terbaca = ~kosong & (kol.salah == None)  # noqa: E711
    tak_positif = terbaca & (jumlah <= 0)
    pecahan = terbaca & np.isin(satuan, ["kegiatan", "semester"]) & (jumlah > 0) & (np.floor(jumlah) != jumlah)
    for mask, pesan in (
        (wajib, _pesan(wajib, "jumlah kosong: jenis {} bersatuan JP; isi jumlah JP sesuai sertifikat/program.", jenis)),
        (tak_positif, _pesan(tak_positif, "jumlah harus lebih dari 0 (tertulis {}).", kol.mentah)),
        (pecahan, _pesan(pecahan, "jumlah {} harus bilangan bulat (tertulis {}): berapa kali kegiatan itu.", satuan, kol.mentah)),
    ):
        salah[mask] = pesan[mask]
    return jumlah, salah


def tandai_duplikat(kegiatan: pd.DataFrame) -> np.ndarray:
    """For each exact repeat of an earlier row, the row number of the first; else 0."""
    if kegiatan.empty:
        return np.zeros(0, dtype=np.int64)
    kelompok = kegiatan.groupby(_KUNCI_DUPLIKAT, sort=False, dropna=False)["baris"]
    pertama = kelompok.transform("first").to_numpy()
    return np.where(pertama != kegiatan["baris"].to_numpy(), pertama, 0).astype(np.int64)


def _peringatan_nama(kegiatan: pd.DataFrame, tabel: Tabel) -> list[Masalah]:
    bernama = kegiatan[kegiatan["nama"] != ""]
    jumlah_nama = bernama.groupby("nip")["nama"].nunique()
    ganda = jumlah_nama[jumlah_nama > 1].index
    hasil = []
    for nip_ganda in ganda:  # one warning per NIP with conflicting names
        rows = bernama[bernama["nip"] == nip_ganda].drop_duplicates("nama")
        daftar = "; ".join(f"\"{r.nama}\" (baris {r.baris})" for r in rows.itertuples())
        hasil.append(tabel.tempat(
            baris=int(rows["baris"].iloc[1]), kolom=tabel.judul_asli.get("nama", "nama"), nilai=nip_ganda,
            tingkat="peringatan",
            pesan=f"NIP {nip_ganda} tertulis dengan {len(rows)} nama: {daftar}. Samakan namanya; "
                  "kartu memakai nama dari daftar pegawai, atau nama pertama.",
        ))
    return hasil


def _peringatan_semester(kegiatan: pd.DataFrame, tabel: Tabel) -> list[Masalah]:
    pend = kegiatan[(kegiatan["jenis"] == "pendidikan") & (kegiatan["duplikat_dari"] == 0)]
    if pend.empty:
        return []
    per_tahun = pend.assign(tahun=pend["tanggal_selesai"].dt.year).groupby(["nip", "tahun"])
    jumlah = per_tahun["jumlah"].sum()
    hasil = []
    for (nip_lebih, tahun), total in jumlah[jumlah > 2].items():
        rows = per_tahun.get_group((nip_lebih, tahun))
        hasil.append(tabel.tempat(
            baris=int(rows["baris"].iloc[0]), kolom=tabel.judul_asli.get("jumlah", "jumlah"), nilai=nilai.tampil(total),
            tingkat="peringatan",
            pesan=f"NIP {nip_lebih}: {nilai.tampil(total)} semester pendidikan selesai dalam tahun {tahun} "
                  f"(baris {', '.join(str(b) for b in rows['baris'])}); satu tahun biasanya paling banyak 2 semester. "
                  "Periksa jumlah semesternya (tetap dihitung).",
        ))
    return hasil


def normalisasi_pegawai(tabel: Tabel) -> tuple[pd.DataFrame, list[Masalah]]:
    """The roster: nip, nama, unit, jabatan, target (NaN = the default target)."""
    frame = tabel.frame
    n = len(frame)
    k = {
        "nip": _urai(frame["nip"], nilai.nip, object, ""),
        "nama": _urai(frame["nama"], nilai.teks, object, ""),
        "unit": _urai(frame["unit"], nilai.teks, object, ""),
        "jabatan": _urai(frame["jabatan"], nilai.teks, object, ""),
        "target": _urai(frame["target"], nilai.angka, float, np.nan),
    }
    kosong = np.logical_and.reduce([kol.kosong for kol in k.values()])
    catat = _Kumpulan(tabel)
    for nama_kolom, kol in k.items():
        catat.tambah(~kosong & (kol.salah != None), nama_kolom, kol.salah, kol.mentah)  # noqa: E711
    catat.tambah(~kosong & k["nip"].kosong, "nip", "NIP kosong. Isi NIP 18 angka pegawai, atau hapus barisnya.")
    catat.tambah(~kosong & ~k["target"].kosong & (k["target"].nilai <= 0), "target",
                 "target harus lebih dari 0 JP (kosong = target bawaan 20).", k["target"].mentah)
    nips = pd.Series(k["nip"].nilai)
    ganda = (~kosong & ~k["nip"].kosong & nips.duplicated(keep="first").to_numpy())
    if ganda.any():
        pertama = pd.Series(frame.index.to_numpy()).groupby(nips).transform("first").to_numpy()
        pesan = np.array([f"NIP ini sudah ada di baris {b} daftar pegawai; hapus salah satunya." for b in pertama], dtype=object)
        catat.tambah(ganda, "nip", pesan, k["nip"].mentah)
    sah = ~kosong & ~catat.posisi_salah(n)
    pegawai = pd.DataFrame({col: k[col].nilai[sah] for col in k})
    for col in ("nip", "nama", "unit", "jabatan"):
        pegawai[col] = pegawai[col].astype(str)
    return pegawai.reset_index(drop=True), tabel.masalah + catat.masalah()
