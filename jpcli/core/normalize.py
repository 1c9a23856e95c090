"""Raw table -> typed, validated records, plus every problem with its place.

The typed activity frame is what the rest of the pipeline trusts:

    baris            int      row number as Excel shows it
    nip              str      18 digits
    nama             category "" when blank
    jenis            category a code of the rule set (e.g. "belajar_mandiri")
    lingkup          category "nasional" | "internasional"
    tanggal_mulai    datetime64 (blank -> the end date)
    tanggal_selesai  datetime64 (blank -> tanggal_mulai; both blank -> the certificate date)
    jumlah           float    quantity in the jenis' unit, defaults resolved (SPEC §1)
    jp_tertulis      float    JP as stated on the certificate (NaN when blank); never multiplied
    judul, penyelenggara, keterangan, nomor_sertifikat   category ("" when blank)
    tanggal_sertifikat datetime64 (NaT when blank)
    status           category "disetujui" | "ditinjau" | "ditolak" (blank = ditinjau)
    alasan_verifikasi category the verifier's reason ("" when blank)
    sumber_jenis     category the header the jenis was read from (name, sub-type or SIASN code)
    duplikat_dari    int      row this one exactly repeats (counted once), else 0

Cells are parsed once per *distinct* value (see ``nilai``): a ledger column is factorized,
its few distinct values parsed, and the results mapped back by their codes. Every row-level
check is a vectorised operation on those codes, so a million rows cost a few thousand
parser calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jpcli.core import cells
from jpcli.problems import Masalah
from jpcli.files.read import Tabel
from jpcli.rules import LINGKUP, TOLERANSI, Aturan
from jpcli.render.fmt import format_jp, kunci

KOLOM_TEKS = ("nama", "judul", "penyelenggara", "keterangan")
_BARIS_TOTAL = ("jumlah", "total", "jml", "grand_total", "sub_total", "subtotal")


@dataclass
class _Kolom:
    """One column parsed by distinct value. Arrays ending in ``_u`` hold one entry per distinct
    value plus a last one for blank cells; ``kode`` maps each row to its entry."""

    kode: np.ndarray  # per row: index into the *_u arrays (-1 = blank cell -> last entry)
    nilai_u: np.ndarray  # parsed value (the blank filler for blank or refused values)
    salah_u: np.ndarray  # object: message, or None
    asli_u: np.ndarray  # object: the distinct cell values as read ("" last)
    kosong_u: np.ndarray  # bool: blank

    @property
    def nilai(self) -> np.ndarray:
        return self.nilai_u[self.kode]

    @property
    def kosong(self) -> np.ndarray:
        return self.kosong_u[self.kode]

    @property
    def ada_salah(self) -> np.ndarray:
        return (self.salah_u != None)[self.kode]  # noqa: E711

    def mentah(self, pos: np.ndarray) -> np.ndarray:
        """The cells at ``pos`` as the user sees them (worded once per distinct cell, only for reported rows)."""
        kode, unik = pd.factorize(self.kode[pos])
        return np.array([cells.tampil(v) for v in self.asli_u[unik]], dtype=object)[kode]

    def pesan(self, pos: np.ndarray) -> np.ndarray:
        return self.salah_u[self.kode[pos]]

    def kode_nilai(self) -> np.ndarray:
        """Per row, a code of the *parsed* value (equal values, equal codes), for grouping."""
        kode_u, _ = pd.factorize(self.nilai_u, use_na_sentinel=False)
        return kode_u[self.kode]

    def kategori(self, daftar: list[str] | None = None) -> pd.Categorical:
        """The parsed values as a categorical: the given categories, else the distinct values."""
        if daftar is None:
            kode_u, kategori = pd.factorize(self.nilai_u, use_na_sentinel=False)
            return pd.Categorical.from_codes(kode_u[self.kode], categories=pd.Index(kategori, dtype=object))
        kode_u = pd.Index(daftar).get_indexer(self.nilai_u)  # -1 (missing) only for rows that are refused
        return pd.Categorical.from_codes(kode_u[self.kode], categories=daftar)


def _urai(col: pd.Series, fungsi: Callable[[object], object], dtype, isi_kosong,
          cepat: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None) -> _Kolom:
    """Parse a column by its distinct values. ``cepat`` (optional) checks the common case for
    many distinct values at once; what it does not accept goes through ``fungsi`` one by one."""
    kode, uniques = pd.factorize(col, use_na_sentinel=True)
    asli = np.asarray(uniques, dtype=object)
    hasil = np.full(len(asli), None, dtype=object)
    salah = np.full(len(asli) + 1, None, dtype=object)
    baik = np.zeros(len(asli), dtype=bool)
    if cepat is not None and len(asli) > 500:
        baik, hasil = cepat(asli)
    for i in np.flatnonzero(~baik):  # one call per distinct value, not per row
        try:
            hasil[i] = fungsi(asli[i])
        except cells.Tolak as exc:
            salah[i] = str(exc)
    kosong = np.append((hasil == None) & (salah[:-1] == None), True)  # noqa: E711
    nilai_u = np.append(hasil, None)
    nilai_u[nilai_u == None] = isi_kosong  # noqa: E711
    return _Kolom(kode=kode, nilai_u=nilai_u.astype(dtype) if dtype is not object else nilai_u,
                  salah_u=salah, asli_u=np.append(asli, ""), kosong_u=kosong)


class _Kumpulan:
    """Collects problems as (row position, column, value, message) and builds Masalah at the end."""

    def __init__(self, tabel: Tabel):
        self.tabel = tabel
        self.baris = tabel.frame.index.to_numpy()
        self.n = len(self.baris)
        self.bagian: list[pd.DataFrame] = []
        self.salah = np.zeros(self.n, dtype=bool)  # rows that cannot be used
        # rows the verifier rejected: they never count, so a mistake in them is a warning, not an error,
        # and only what stops them being read is reported (no quantity or stated-JP remarks)
        self.ditolak = np.zeros(self.n, dtype=bool)

    def tambah(self, mask: np.ndarray, kolom: str | None, pesan, kol: _Kolom | None = None,
               tingkat: str = "salah", juga_ditolak: bool = False) -> None:
        """``pesan``: one text for all, or a function from row positions to messages. A warning about a
        rejected row is dropped unless ``juga_ditolak`` (the rejection itself)."""
        pos = np.flatnonzero(mask)
        if not len(pos):
            return
        if tingkat == "salah":
            self.salah[pos] = True
        tingkat_baris = np.full(len(pos), tingkat, dtype=object)
        teks = pesan(pos) if callable(pesan) else np.full(len(pos), pesan, dtype=object)
        ditolak = self.ditolak[pos] & (not juga_ditolak)
        if ditolak.any():
            if tingkat == "salah":
                tingkat_baris[ditolak] = "peringatan"
                teks = np.where(ditolak, teks + " (Baris ini ditolak verifikator; tidak dihitung.)", teks)
            else:
                keep = ~ditolak
                pos, tingkat_baris, teks = pos[keep], tingkat_baris[keep], teks[keep]
                if not len(pos):
                    return
        self.bagian.append(pd.DataFrame({
            "pos": pos, "kolom": kolom,
            "nilai": kol.mentah(pos) if kol is not None else np.full(len(pos), None, dtype=object),
            "pesan": teks,
            "tingkat": tingkat_baris,
        }))

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


def _unik(buat_satu: Callable[..., str], *sumber: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """A message function: ``buat_satu(*values)`` called once per distinct combination of the values
    ``sumber`` give for the problem rows (a large ledger repeats the same few combinations)."""
    def buat(pos: np.ndarray) -> np.ndarray:
        if not len(pos):
            return np.array([], dtype=object)
        kode, unik = pd.MultiIndex.from_arrays([np.asarray(f(pos), dtype=object) for f in sumber]).factorize()
        return np.array([buat_satu(*values) for values in unik], dtype=object)[kode]
    return buat


def _teks(value: object) -> str:
    """A value inside a message: JP figures with the Indonesian decimal comma, the rest as they are."""
    if isinstance(value, float):
        return format_jp(value)
    return cells.tampil(value) if isinstance(value, dt.date) else str(value)


def _pola(pola: str, *sumber: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """A message function: ``pola`` filled from per-position arrays (numbers worded by ``_teks``)."""
    return _unik(lambda *values: pola.format(*map(_teks, values)), *sumber)


def _baris_kosong_dan_total(frame: pd.DataFrame, k: dict[str, _Kolom]) -> tuple[np.ndarray, np.ndarray]:
    """Blank rows (every known column empty) and total rows ("JUMLAH", no jenis, no date) are not activities."""
    kosong = np.logical_and.reduce([kol.kosong for kol in k.values()])
    tanpa = [k[c].kosong for c in ("sub_jenis", "jenis", "jenis_siasn", "tanggal_mulai", "tanggal_selesai",
                                   "tanggal_sertifikat")]
    calon = np.flatnonzero(~kosong & np.logical_and.reduce(tanpa))
    total = np.zeros(len(frame), dtype=bool)
    if len(calon):
        teks_baris = frame.iloc[calon].astype(str)
        for i, row in zip(calon, teks_baris.itertuples(index=False)):  # only rows without jenis and date
            total[i] = any(kunci(v).startswith(_BARIS_TOTAL) for v in row)
    return kosong, total


SUMBER_JENIS = ("sub_jenis", "jenis", "jenis_siasn")  # per row, the first one understood gives the jenis


def normalisasi_kegiatan(tabel: Tabel, aturan: Aturan, hari_ini: dt.date) -> tuple[pd.DataFrame, list[Masalah], int]:
    """Typed activity rows that passed every check, all problems, and the count of activity rows read."""
    frame = tabel.frame
    n = len(frame)
    nat = np.datetime64("NaT")
    k = {
        "nip": _urai(frame["nip"], cells.nip, object, "", cepat=cells.nip_cepat),
        "nama": _urai(frame["nama"], cells.teks, object, ""),
        "sub_jenis": _urai(frame["sub_jenis"], lambda v: _jenis(v, aturan), object, ""),
        "jenis": _urai(frame["jenis"], lambda v: _jenis(v, aturan), object, ""),
        "jenis_siasn": _urai(frame["jenis_siasn"], lambda v: _jenis_siasn(v, aturan), object, ""),
        "lingkup": _urai(frame["lingkup"], cells.lingkup, object, "nasional"),  # blank = nasional (SPEC §1)
        **{col: _urai(frame[col], cells.tanggal, "datetime64[D]", nat)
           for col in ("tanggal_mulai", "tanggal_selesai", "tanggal_sertifikat")},
        **{col: _urai(frame[col], cells.angka, float, np.nan) for col in ("jumlah", "hari", "jp")},
        "status": _urai(frame["status"], cells.status, object, ""),
        **{col: _urai(frame[col], cells.teks, object, "")
           for col in ("judul", "penyelenggara", "keterangan", "nomor_sertifikat", "alasan")},
    }
    kosong, total = _baris_kosong_dan_total(frame, k)
    aktif = ~kosong & ~total

    catat = _Kumpulan(tabel)
    catat.ditolak = aktif & (k["status"].nilai_u == "ditolak")[k["status"].kode]
    catat.tambah(total, None, "baris total/jumlah dilewati (bukan kegiatan).", tingkat="peringatan")
    for nama_kolom, kol in k.items():
        if nama_kolom not in SUMBER_JENIS:  # the jenis columns are judged together, below
            catat.tambah(aktif & kol.ada_salah, nama_kolom, kol.pesan, kol)

    jenis, sumber = _gabung([k[c] for c in SUMBER_JENIS])
    for i, nama_kolom in enumerate(SUMBER_JENIS):
        catat.tambah(aktif & jenis.ada_salah & (sumber == i), nama_kolom, jenis.pesan, jenis)
    kolom_jenis = next((c for c in SUMBER_JENIS if c in tabel.judul_asli), "jenis")
    kolom_tanggal = next((c for c in ("tanggal_mulai", "tanggal_selesai", "tanggal_sertifikat") if c in tabel.judul_asli),
                         "tanggal_mulai")
    tanggal_kosong = k["tanggal_mulai"].kosong & k["tanggal_selesai"].kosong & k["tanggal_sertifikat"].kosong
    wajib = (
        ("nip", k["nip"].kosong, "NIP kosong. Isi NIP 18 angka pegawai (format kolom sebagai Teks)."),
        (kolom_jenis, jenis.kosong, "jenis kosong. Isi kode jenis kegiatan, misalnya pelatihan_teknis, seminar, "
                                    "coaching (daftar lengkap: jp aturan)."),
        (kolom_tanggal, tanggal_kosong, "tanggal kosong. Isi tanggal mulai (dan selesai) kegiatan, misalnya 12/03/2024."),
    )
    for nama_kolom, hilang, pesan in wajib:
        catat.tambah(aktif & hilang, nama_kolom, pesan)

    lingkup = _lingkup_dari_nama(k["lingkup"], jenis, aturan, aktif, catat)
    mulai, selesai, mulai_turunan = _tanggal(k, aktif, catat)

    # rule-set facts per row, through the jenis codes (one lookup per distinct jenis)
    per_kode = aturan.per_kode
    tanpa_int = np.array([bool(j) and per_kode[j].internasional is None for j in jenis.nilai_u])[jenis.kode]
    intl_salah = aktif & tanpa_int & (lingkup.nilai_u == "internasional")[lingkup.kode]
    nama_jenis = np.array([f"{per_kode[j].nama} ({per_kode[j].sumber})" if j else "" for j in jenis.nilai_u], dtype=object)
    catat.tambah(intl_salah, "lingkup", _pola(
        "{} tidak punya konversi internasional (tabel: \"-\"). Isi lingkup nasional, atau periksa jenis kegiatannya.",
        lambda pos: nama_jenis[jenis.kode[pos]]), lingkup)

    jumlah, jp_tertulis = _kuantitas(k, jenis, lingkup, aturan, mulai, selesai, mulai_turunan, aktif, catat, tabel)
    status = _status(k["status"], k["alasan"], aktif & ~catat.salah, catat)

    sah = aktif & ~catat.salah
    pos_sah = np.flatnonzero(sah)
    kegiatan = pd.DataFrame({
        "baris": frame.index.to_numpy()[pos_sah].astype(np.int64),
        "nip": k["nip"].kategori()[pos_sah],
        "nama": k["nama"].kategori()[pos_sah],
        "jenis": jenis.kategori(list(per_kode))[pos_sah],
        "lingkup": lingkup.kategori(list(LINGKUP))[pos_sah],
        "tanggal_mulai": mulai[pos_sah].astype("datetime64[s]"),
        "tanggal_selesai": selesai[pos_sah].astype("datetime64[s]"),
        "jumlah": jumlah[pos_sah],
        "jp_tertulis": jp_tertulis[pos_sah],
        **{col: k[col].kategori()[pos_sah] for col in ("judul", "penyelenggara", "keterangan", "nomor_sertifikat")},
        "tanggal_sertifikat": k["tanggal_sertifikat"].nilai[pos_sah].astype("datetime64[s]"),
        "status": pd.Categorical.from_codes(status[pos_sah], categories=list(cells.STATUS)),
        "alasan_verifikasi": k["alasan"].kategori()[pos_sah],
        # the column the jenis was read from (SIASN exports hold it in a name or a code column)
        "sumber_jenis": pd.Categorical.from_codes(sumber[pos_sah], categories=[
            tabel.judul_asli.get(c, c) for c in SUMBER_JENIS]),
    })

    masa_depan = _sebar(pos_sah, (selesai[pos_sah] > np.datetime64(hari_ini, "D")), n)
    catat.tambah(masa_depan, "tanggal_selesai", "tanggal ini di masa depan; periksa tahunnya (kegiatan tetap dihitung).",
                 k["tanggal_selesai"] if not k["tanggal_selesai"].kosong.all() else None, tingkat="peringatan")
    kunci_duplikat = [k["nip"].kode_nilai(), jenis.kode_nilai(), lingkup.kode_nilai(), k["status"].kode_nilai(),
                      mulai.view(np.int64), selesai.view(np.int64), jumlah.view(np.int64),
                      np.nan_to_num(jp_tertulis, nan=-1.0).view(np.int64),
                      *(k[col].kode_nilai() for col in ("judul", "penyelenggara", "keterangan", "nomor_sertifikat"))]
    semua_sah = len(pos_sah) == n
    kegiatan["duplikat_dari"] = tandai_duplikat(kegiatan, [key if semua_sah else key[pos_sah] for key in kunci_duplikat])
    dup = kegiatan["duplikat_dari"].to_numpy() > 0
    if dup.any():
        asal = np.zeros(n, dtype=np.int64)
        asal[pos_sah] = kegiatan["duplikat_dari"].to_numpy()
        catat.tambah(_sebar(pos_sah, dup, n), None, _pola("sama persis dengan baris {}; dihitung sekali.",
                                                          lambda pos: asal[pos]), tingkat="peringatan")

    masalah = tabel.masalah + catat.masalah()
    masalah += _peringatan_nama(kegiatan, k, pos_sah, tabel) + _peringatan_semester(kegiatan, tabel)
    return kegiatan, masalah, int(aktif.sum())


def _sebar(pos: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """A mask over the valid rows -> a mask over all rows read."""
    out = np.zeros(n, dtype=bool)
    out[pos[mask]] = True
    return out


def _kolom_dari(per_baris: np.ndarray) -> _Kolom:
    """A column of already parsed values (one per row)."""
    kode, unik = pd.factorize(per_baris, use_na_sentinel=False)
    unik = np.asarray(unik, dtype=object)
    return _Kolom(kode=kode, nilai_u=np.append(unik, ""), salah_u=np.full(len(unik) + 1, None, dtype=object),
                  asli_u=np.append(unik, ""), kosong_u=np.append(unik == "", True))


def _gabung(sumber: list[_Kolom]) -> tuple[_Kolom, np.ndarray]:
    """One field written in several columns (SIASN: a name and a numeric code): per row the first
    column whose value was understood; when none was, the first that is not blank (its message is
    the one reported). Returns the merged column and, per row, the position of the column used."""
    baik = np.stack([~kol.kosong & ~kol.ada_salah for kol in sumber])
    isi = np.stack([~kol.kosong for kol in sumber])
    pilih = np.where(baik.any(axis=0), baik.argmax(axis=0), np.where(isi.any(axis=0), isi.argmax(axis=0), 0))
    geser = np.cumsum([0] + [len(kol.nilai_u) for kol in sumber[:-1]])
    # a blank cell's code is -1: the last entry of its column's arrays
    kode = np.stack([np.where(kol.kode < 0, len(kol.nilai_u) - 1, kol.kode) + g for kol, g in zip(sumber, geser)])
    gabung = _Kolom(
        kode=kode[pilih, np.arange(len(pilih))],
        nilai_u=np.concatenate([kol.nilai_u for kol in sumber]),
        salah_u=np.concatenate([kol.salah_u for kol in sumber]),
        asli_u=np.concatenate([kol.asli_u for kol in sumber]),
        kosong_u=np.concatenate([kol.kosong_u for kol in sumber]),
    )
    return gabung, pilih.astype(np.int8)


def _lingkup_dari_nama(lingkup: _Kolom, jenis: _Kolom, aturan: Aturan, aktif: np.ndarray, catat: _Kumpulan) -> _Kolom:
    """A jenis written with its scope ("Seminar Internasional", "Webinar Nasional") sets a blank lingkup;
    a lingkup cell that says otherwise is an error. Names where "Nasional" is part of the name
    (Pelatihan Kepemimpinan Nasional) match whole and state no scope."""
    dari_nama_u = np.array([aturan.cari_dengan_lingkup(v)[1] if j else None
                            for v, j in zip(jenis.asli_u, jenis.nilai_u)], dtype=object)
    dari_nama = dari_nama_u[jenis.kode]
    ada = dari_nama != None  # noqa: E711
    if not ada.any():
        return lingkup
    tertulis = lingkup.nilai
    beda = aktif & ada & ~lingkup.kosong & ~lingkup.ada_salah & (tertulis != dari_nama)
    catat.tambah(beda, "lingkup", _pola(
        "lingkup \"{}\" bertentangan dengan jenis \"{}\", yang menyebut {}. Perbaiki salah satunya.",
        lingkup.mentah, jenis.mentah, lambda pos: dari_nama[pos]), lingkup)
    return _kolom_dari(np.where(lingkup.kosong & ada, dari_nama, tertulis).astype(object))


def _tanggal(k: dict[str, _Kolom], aktif: np.ndarray, catat: _Kumpulan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end of each row, and where the start was not written.

    End: tanggal_selesai; when blank, the start (SPEC §1); when the start is blank too, the
    certificate date (SIMPEG's kursus export has no other). Start: tanggal_mulai; when blank, the end.
    """
    mulai_k, selesai_k, sertifikat_k = k["tanggal_mulai"], k["tanggal_selesai"], k["tanggal_sertifikat"]
    mulai_tertulis = mulai_k.nilai
    selesai = np.where(~selesai_k.kosong, selesai_k.nilai,
                       np.where(~mulai_k.kosong, mulai_tertulis, sertifikat_k.nilai))
    mulai_turunan = mulai_k.kosong
    mulai = np.where(mulai_turunan, selesai, mulai_tertulis)
    terbalik = aktif & ~mulai_turunan & ~selesai_k.kosong & ~np.isnat(mulai) & ~np.isnat(selesai) & (selesai < mulai)
    catat.tambah(terbalik, "tanggal_selesai", _pola(
        "tanggal selesai ({}) sebelum tanggal mulai ({}). Tukar atau perbaiki tanggalnya.",
        selesai_k.mentah, mulai_k.mentah), selesai_k)
    return mulai, selesai, mulai_turunan


def _status(status: _Kolom, alasan: _Kolom, sah: np.ndarray, catat: _Kumpulan) -> np.ndarray:
    """Verification status as codes of ``cells.STATUS`` (blank and unknown words: pending). A rejected
    row never counts: one warning each, with the verifier's reason."""
    nilai_u = status.nilai_u.astype(str)
    dikenal = np.isin(nilai_u, cells.STATUS)
    kode_u = np.where(dikenal, pd.Index(cells.STATUS).get_indexer(nilai_u), cells.STATUS.index("ditinjau"))
    kode = kode_u[status.kode].astype(np.int8)
    tidak_dikenal = sah & ~status.kosong & ~dikenal[status.kode]
    catat.tambah(tidak_dikenal, "status", _pola(
        "status \"{}\" tidak dikenal; dianggap belum diverifikasi (dihitung, kecuali dengan --hanya-disetujui). "
        "Status yang dikenal: Disetujui, Ditinjau/Menunggu, Ditolak.", status.mentah), status, tingkat="peringatan")
    ditolak = sah & (kode == cells.STATUS.index("ditolak"))
    alasan_teks = alasan.nilai
    catat.tambah(ditolak, "status", _pola(
        "status {}{}: baris ini tidak dihitung.", status.mentah,
        lambda pos: np.array([f" (alasan: {a})" if a else "" for a in alasan_teks[pos]], dtype=object)),
        status, tingkat="peringatan", juga_ditolak=True)
    return kode


def _jenis_siasn(value: object, aturan: Aturan) -> str | None:
    """SIASN's jenisDiklatId (1-25) -> jenis; a name written in that column is looked up as a name."""
    if cells.kosong(value):
        return None
    try:
        nomor = cells.angka(value)
    except cells.Tolak:
        return _jenis(value, aturan)
    if nomor is not None and float(nomor).is_integer() and int(nomor) in aturan.per_siasn:
        return aturan.per_siasn[int(nomor)]
    raise cells.Tolak(
        f"kode jenis diklat SIASN \"{cells.tampil(value)}\" tidak dikenal (kode SIASN: 1 s.d. 25, lihat jp aturan). "
        "Bila kolom ini berisi nomor buatan SIMPEG Anda sendiri, sebutkan kolom nama jenisnya: "
        "--kolom jenis=\"JUDUL KOLOM\".")


def _jenis(value: object, aturan: Aturan) -> str | None:
    if cells.kosong(value):
        return None
    kode = aturan.cari(value)
    if kode is None:
        saran = saran_jenis(value, aturan)
        tambahan = (f" Mungkin maksud Anda: {', '.join(saran)}." if saran else
                    " Kata ini tidak ada di tabel konversi Perlan LAN 10/2018. Bila instansi Anda mengakuinya, "
                    "tambahkan sebagai nama lain (alias) jenis yang sesuai dalam berkas aturan sendiri, lalu "
                    "pakai --aturan BERKAS.toml (contoh di README, \"Berkas aturan sendiri\").")
        raise cells.Tolak(f"jenis \"{cells.tampil(value)}\" tidak dikenal.{tambahan} Daftar lengkap: jp aturan.")
    return kode


def saran_jenis(value: object, aturan: Aturan, n: int = 3) -> list[str]:
    """Codes a mistyped jenis probably meant. Spellings that start with the same word come first
    ("seminar nasionl" -> seminar); after them only close spellings counted in the same unit (never
    pelatihan_nasional, counted in JP, for a seminar counted in days). Otherwise the closest
    spellings (difflib, standard library)."""
    import difflib

    keys = aturan.kunci_ke_kode
    key = kunci(value)
    kata = key.split("_")[0]
    sama_awal = [k for k in keys if k.split("_")[0] == kata]
    urut = sorted(sama_awal, key=lambda k: -difflib.SequenceMatcher(None, key, k).ratio())
    dekat = [keys[k] for k in difflib.get_close_matches(key, list(keys), n=6, cutoff=0.6)]
    if not sama_awal:
        return list(dict.fromkeys(dekat))[:n]
    pertama = [keys[k] for k in urut]
    satuan = aturan.per_kode[pertama[0]].satuan  # others only when counted in the same unit
    return list(dict.fromkeys(pertama + [d for d in dekat if aturan.per_kode[d].satuan == satuan]))[:n]


def _kuantitas(k: dict[str, _Kolom], jenis: _Kolom, lingkup: _Kolom, aturan: Aturan, mulai: np.ndarray,
               selesai: np.ndarray, mulai_turunan: np.ndarray, aktif: np.ndarray, catat: _Kumpulan,
               tabel: Tabel) -> tuple[np.ndarray, np.ndarray]:
    """The quantity in the jenis' unit, and the JP as stated (NaN when blank).

    Three columns, three meanings (SPEC §1): ``jumlah`` is the quantity in the unit of the
    jenis; ``hari`` is a number of days (a quantity only for jenis counted in days); ``jp`` is
    the JP written on the certificate. For unit JP the program's JP is ``jumlah``, else ``jp``.
    For unit hari the days are ``jumlah``, else ``hari``, else the calendar days of the span.
    For kegiatan/semester, ``jumlah``, else 1. A stated ``jp`` is never multiplied: it is compared
    with the table's figure and a difference is a warning showing both.
    """
    fakta = _Fakta.dari(jenis, lingkup, aturan)
    kol_jumlah, kol_hari, kol_jp = k["jumlah"], k["hari"], k["jp"]
    span = (selesai - mulai).astype("timedelta64[D]").astype(float) + 1  # NaN where a date is missing

    def isi(kol: _Kolom) -> np.ndarray:  # a usable number was written (decided per distinct cell)
        return (~kol.kosong_u & (kol.salah_u == None))[kol.kode]  # noqa: E711

    jumlah_isi, hari_isi, jp_isi = isi(kol_jumlah), isi(kol_hari), isi(kol_jp)
    for nama, kol, diisi in (("jumlah", kol_jumlah, jumlah_isi), ("hari", kol_hari, hari_isi), ("jp", kol_jp, jp_isi)):
        catat.tambah(aktif & diisi & (kol.nilai_u.astype(float) <= 0)[kol.kode], nama,
                     _pola("{} harus lebih dari 0 (tertulis {}).", lambda pos, n=nama: np.full(len(pos), n), kol.mentah), kol)

    jumlah_v, hari_v = kol_jumlah.nilai, kol_hari.nilai  # float already: parsed with dtype float
    jp_tertulis = np.where(jp_isi, kol_jp.nilai, np.nan)
    unit_jp, unit_hari, utuh = fakta.bersatuan("JP"), fakta.bersatuan("hari"), fakta.bersatuan("kegiatan", "semester")

    kuantitas = np.where(jumlah_isi, jumlah_v, np.nan)
    kuantitas = np.where(unit_jp & ~jumlah_isi, jp_tertulis, kuantitas)
    kuantitas = np.where(unit_hari & ~jumlah_isi, np.where(hari_isi, hari_v, span), kuantitas)
    kuantitas = np.where(utuh & ~jumlah_isi, 1.0, kuantitas)

    jp_kosong = aktif & unit_jp & kol_jumlah.kosong & kol_jp.kosong
    catat.tambah(jp_kosong, "jumlah", _pola(
        "JP kosong: jenis {} dihitung sesuai JP programnya. Isi JP sesuai sertifikat/program di kolom jumlah "
        "atau jp (Jumlah JP).", lambda pos: jenis.nilai[pos]))
    pecahan = aktif & jumlah_isi & utuh & (jumlah_v > 0) & (np.floor(jumlah_v) != jumlah_v)
    catat.tambah(pecahan, "jumlah", _pola("jumlah {} harus bilangan bulat (tertulis {}): berapa kali kegiatan itu.",
                                          fakta.satuan, kol_jumlah.mentah), kol_jumlah)

    # Perlan LAN 10/2018 B.1 no. 7-8 count days: a row cannot hold more days than its dates span.
    dari_kolom = np.where(jumlah_isi, 0, np.where(hari_isi, 1, -1))
    lebih_hari = (aktif & unit_hari & (dari_kolom >= 0) & ~np.isnan(span) & (kuantitas > span + 1e-9) & ~catat.salah
                  & ~mulai_turunan)  # with one date written, the span is not known
    for asal, kol in ((0, kol_jumlah), (1, kol_hari)):
        nama = "jumlah" if asal == 0 else "hari"
        catat.tambah(lebih_hari & (dari_kolom == asal), nama, _pola(
            "{} hari, padahal tanggal {} s.d. {} hanya {} hari kalender. Isi tanggal selesai yang benar, "
            "atau perbaiki jumlah harinya (JP yang tertulis di sertifikat masuk kolom jp).",
            kol.mentah, k["tanggal_mulai"].mentah, _teks_tanggal(selesai),
            lambda pos: span[pos]), kol)

    sah = aktif & ~catat.salah
    _peringatan_tertulis(sah, kuantitas, jp_tertulis, jumlah_isi, unit_jp, fakta, kol_jp, catat, tabel)
    _peringatan_tak_wajar(sah, kuantitas, span, jumlah_isi, unit_jp, mulai_turunan, fakta, kol_jumlah, catat)
    return kuantitas, jp_tertulis


# More JP in one calendar day than a person can attend (12 x 45 minutes = 9 hours): likely a
# multi-day program written with one date, or a total typed where a daily figure belongs.
JP_SEHARI_WAJAR = 12


@dataclass
class _Fakta:
    """The rule set's facts for each row's jenis and lingkup, looked up once per distinct jenis: masks
    and numbers per row are array lookups by code; words only for the rows a message names."""

    kode: np.ndarray  # per row: index of its distinct jenis value
    internasional: np.ndarray  # per row: 0 nasional, 1 internasional
    satuan_u: np.ndarray  # per distinct jenis: unit ("" when blank)
    nama_u: np.ndarray  # per distinct jenis: the table's name
    jp: np.ndarray  # per row: JP per unit of its lingkup (NaN: no conversion)
    batas: np.ndarray  # per row: cap in units of its lingkup (NaN: none)
    harian: np.ndarray  # per row: the cap is per day

    @classmethod
    def dari(cls, jenis: _Kolom, lingkup: _Kolom, aturan: Aturan) -> _Fakta:
        per_kode = aturan.per_kode
        kode_u = list(jenis.nilai_u)
        jp_u = np.full((len(kode_u), 2), np.nan)
        batas_u = np.full((len(kode_u), 2), np.nan)
        harian_u = np.zeros((len(kode_u), 2), dtype=bool)
        for i, j in enumerate(kode_u):
            for li, nama_lingkup in enumerate(LINGKUP):
                konv = per_kode[j].konversi(nama_lingkup) if j else None
                if konv is not None:
                    jp_u[i, li] = konv.jp
                    batas_u[i, li] = np.nan if konv.batas is None else konv.batas
                    harian_u[i, li] = konv.per == "hari"
        internasional = (lingkup.nilai_u == "internasional")[lingkup.kode].astype(np.int8)
        return cls(kode=jenis.kode, internasional=internasional,
                   satuan_u=np.array([per_kode[j].satuan if j else "" for j in kode_u], dtype=object),
                   nama_u=np.array([per_kode[j].nama if j else "" for j in kode_u], dtype=object),
                   jp=jp_u[jenis.kode, internasional], batas=batas_u[jenis.kode, internasional],
                   harian=harian_u[jenis.kode, internasional])

    def bersatuan(self, *satuan: str) -> np.ndarray:
        return np.isin(self.satuan_u, satuan)[self.kode]

    def satuan(self, pos: np.ndarray) -> np.ndarray:
        return self.satuan_u[self.kode[pos]]

    def nama(self, pos: np.ndarray) -> np.ndarray:
        return self.nama_u[self.kode[pos]]

    def lingkup(self, pos: np.ndarray) -> np.ndarray:
        return np.array(LINGKUP, dtype=object)[self.internasional[pos]]


def _teks_tanggal(tanggal: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    return lambda pos: tanggal[pos].astype("datetime64[D]").astype(object)  # datetime.date, worded by _teks


_LABEL_SATUAN = {"hari": "hari", "kegiatan": "kali", "semester": "semester"}


def _peringatan_tertulis(sah, kuantitas, jp_tertulis, jumlah_isi, unit_jp, fakta: _Fakta, kol_jp: _Kolom,
                         catat: _Kumpulan, tabel: Tabel) -> None:
    """A stated JP that differs from the table's figure: both shown, with the arithmetic."""
    ada = sah & ~np.isnan(jp_tertulis)
    menurut_tabel = np.where(unit_jp, kuantitas, kuantitas * fakta.jp)
    beda = ada & (np.abs(jp_tertulis - menurut_tabel) > TOLERANSI) & (~unit_jp | jumlah_isi)
    judul_jumlah = tabel.judul_asli.get("jumlah", "jumlah")

    def pesan(satuan_baris: str, tertulis: float, kuantitas_baris: float, nama: str, jp: float, lingkup: str) -> str:
        if satuan_baris == "JP":
            return (f"JP tertulis {format_jp(tertulis)}, tetapi kolom {judul_jumlah} berisi {format_jp(kuantitas_baris)}: "
                    f"untuk {nama} (satuan JP) yang dihitung adalah {format_jp(kuantitas_baris)} JP dari kolom "
                    f"{judul_jumlah}. Samakan keduanya bila itu salah ketik.")
        label = _LABEL_SATUAN[satuan_baris]
        tabel_jp = format_jp(kuantitas_baris * jp)
        return (f"JP tertulis {format_jp(tertulis)}; menurut tabel: {format_jp(kuantitas_baris)} {label} × {format_jp(jp)} JP"
                f"{' internasional' if lingkup == 'internasional' else ''} = {tabel_jp} JP. Yang dihitung {tabel_jp} JP "
                f"({nama} dihitung per {label}, bukan menurut JP sertifikat).")

    pesan_baris = _unik(pesan, fakta.satuan, lambda pos: jp_tertulis[pos], lambda pos: kuantitas[pos], fakta.nama,
                        lambda pos: fakta.jp[pos], fakta.lingkup)
    catat.tambah(beda, "jp", pesan_baris, kol_jp, tingkat="peringatan")


def _peringatan_tak_wajar(sah, kuantitas, span, jumlah_isi, unit_jp, mulai_turunan, fakta: _Fakta,
                          kol_jumlah: _Kolom, catat: _Kumpulan) -> None:
    """Quantities that are possible but most likely a mistake (warnings; the row still counts)."""
    # magang, pertukaran, detasering, patok banding: one activity is worth a fixed JP (no cap)
    tetap = sah & jumlah_isi & fakta.bersatuan("kegiatan") & np.isnan(fakta.batas) & (kuantitas > 1)
    catat.tambah(tetap, "jumlah", _pola(
        "jumlah {} berarti {} kali {} ({} JP per kegiatan = {} JP). Satu baris biasanya satu kegiatan; bila angka ini "
        "JP atau hari, kosongkan jumlah (JP sertifikat masuk kolom jp).",
        kol_jumlah.mentah, lambda pos: kuantitas[pos], fakta.nama, lambda pos: fakta.jp[pos],
        lambda pos: kuantitas[pos] * fakta.jp[pos]), kol_jumlah, tingkat="peringatan")
    per_hari = kuantitas / span
    padat = sah & unit_jp & ~np.isnan(span) & (per_hari > JP_SEHARI_WAJAR + 1e-9) & ~mulai_turunan
    # only an end or certificate date: a per-day cap sees the whole program on that one day
    satu_tanggal = sah & mulai_turunan & fakta.harian & (kuantitas > fakta.batas + 1e-9)
    catat.tambah(satu_tanggal, None, _pola(
        "hanya tanggal selesai/sertifikat yang tertulis, jadi {} JP {} dianggap satu hari dan dibatasi {} JP sehari. "
        "Isi tanggal mulai bila kegiatan berlangsung lebih dari sehari.",
        lambda pos: kuantitas[pos], fakta.nama, lambda pos: fakta.batas[pos]), tingkat="peringatan")
    catat.tambah(padat, "jumlah", _pola(
        "{} JP dalam {} hari kalender ({} JP sehari), lebih dari {} JP sehari yang dapat diikuti. Periksa tanggal "
        "selesainya (mungkin belum diisi) atau JP-nya (tetap dihitung).",
        lambda pos: kuantitas[pos], lambda pos: span[pos], lambda pos: per_hari[pos],
        lambda pos: np.full(len(pos), JP_SEHARI_WAJAR)),
        tingkat="peringatan")


def tandai_duplikat(kegiatan: pd.DataFrame, kunci: list[np.ndarray] | None = None) -> np.ndarray:
    """For each exact repeat of an earlier row, the row number of the first; else 0.

    ``kunci``: integer codes of the compared values (the normalizer has them already); without
    them the frame's own columns are compared.
    """
    if kegiatan.empty:
        return np.zeros(0, dtype=np.int64)
    if kunci is None:
        kolom = ["nip", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah", "jp_tertulis", "judul",
                 "penyelenggara", "keterangan"]
        kunci = [pd.factorize(kegiatan[c].astype(object) if c in KOLOM_TEKS + ("jenis", "lingkup") else kegiatan[c],
                              use_na_sentinel=False)[0] for c in kolom if c in kegiatan]
    # a column equal on every row (a blank keterangan, no stated JP) tells no row apart: not hashed
    kunci = [key for key in map(np.asarray, kunci) if key.min() != key.max()] or [np.zeros(len(kegiatan), np.int64)]
    # one 64-bit hash per row finds the candidates fast; the exact comparison confirms them
    campur = np.zeros(len(kegiatan), dtype=np.uint64)
    for key in kunci:
        campur = campur * np.uint64(1_000_003) ^ pd.util.hash_array(np.asarray(key))
    hasil = np.zeros(len(kegiatan), dtype=np.int64)
    calon = pd.Series(campur).duplicated(keep=False).to_numpy()
    if calon.any():
        sama = pd.DataFrame({i: np.asarray(key)[calon] for i, key in enumerate(kunci)})
        baris = pd.Series(kegiatan["baris"].to_numpy()[calon])
        pertama = baris.groupby([sama[c] for c in sama.columns], sort=False).transform("first").to_numpy()
        hasil[calon] = np.where(pertama != baris.to_numpy(), pertama, 0)
    return hasil


def _peringatan_nama(kegiatan: pd.DataFrame, k: dict[str, _Kolom], pos_sah: np.ndarray, tabel: Tabel) -> list[Masalah]:
    nip_kode = k["nip"].kode_nilai()[pos_sah]
    nama_kode = k["nama"].kode_nilai()[pos_sah]
    bernama = ~k["nama"].kosong[pos_sah]
    if not bernama.any():
        return []
    pasangan = np.unique(nip_kode[bernama].astype(np.int64) * (int(nama_kode.max()) + 1) + nama_kode[bernama])
    per_nip = np.bincount(pasangan // (int(nama_kode.max()) + 1))
    ganda = np.flatnonzero(per_nip > 1)
    hasil = []
    for kode in ganda:  # one warning per NIP with conflicting names
        rows = kegiatan.loc[(nip_kode == kode) & bernama, ["baris", "nama", "nip"]].drop_duplicates("nama")
        nip_ganda = rows["nip"].iloc[0]
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
    per_tahun = pend.assign(**{"tahun": pend["tanggal_selesai"].dt.year}).groupby(["nip", "tahun"], observed=True)
    jumlah = per_tahun["jumlah"].sum()
    hasil = []
    for (nip_lebih, tahun), total in jumlah[jumlah > 2].items():
        rows = per_tahun.get_group((nip_lebih, tahun))
        hasil.append(tabel.tempat(
            baris=int(rows["baris"].iloc[0]), kolom=tabel.judul_asli.get("jumlah", "jumlah"), nilai=cells.tampil(total),
            tingkat="peringatan",
            pesan=f"NIP {nip_lebih}: {cells.tampil(total)} semester pendidikan selesai dalam tahun {tahun} "
                  f"(baris {', '.join(str(b) for b in rows['baris'])}); satu tahun biasanya paling banyak 2 semester. "
                  "Periksa jumlah semesternya (tetap dihitung).",
        ))
    return hasil


def normalisasi_pegawai(tabel: Tabel) -> tuple[pd.DataFrame, list[Masalah]]:
    """The roster: nip, nama, unit, jabatan, target (NaN = the default target)."""
    frame = tabel.frame
    k = {
        "nip": _urai(frame["nip"], cells.nip, object, ""),
        "nama": _urai(frame["nama"], cells.teks, object, ""),
        "unit": _urai(frame["unit"], cells.teks, object, ""),
        "jabatan": _urai(frame["jabatan"], cells.teks, object, ""),
        "target": _urai(frame["target"], cells.angka, float, np.nan),
    }
    kosong = np.logical_and.reduce([kol.kosong for kol in k.values()])
    catat = _Kumpulan(tabel)
    for nama_kolom, kol in k.items():
        catat.tambah(~kosong & kol.ada_salah, nama_kolom, kol.pesan, kol)
    catat.tambah(~kosong & k["nip"].kosong, "nip", "NIP kosong. Isi NIP 18 angka pegawai, atau hapus barisnya.")
    target = k["target"].nilai
    catat.tambah(~kosong & ~k["target"].kosong & (target <= 0), "target",
                 "target harus lebih dari 0 JP (kosong = target bawaan 20).", k["target"])
    nips = pd.Series(k["nip"].nilai)
    ganda = ~kosong & ~k["nip"].kosong & nips.duplicated(keep="first").to_numpy()
    if ganda.any():
        pertama = pd.Series(frame.index.to_numpy()).groupby(nips).transform("first").to_numpy()
        catat.tambah(ganda, "nip", _pola("NIP ini sudah ada di baris {} daftar pegawai; hapus salah satunya.",
                                         lambda pos: pertama[pos]), k["nip"])
    sah = ~kosong & ~catat.salah
    pegawai = pd.DataFrame({col: k[col].nilai[sah] for col in k})
    for col in ("nip", "nama", "unit", "jabatan"):
        pegawai[col] = pegawai[col].astype(str)
    return pegawai.reset_index(drop=True), tabel.masalah + catat.masalah()
