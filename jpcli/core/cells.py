"""Parsing one cell value: dates, quantities, NIPs, lingkup (SPEC §1, §5).

Each function takes one *distinct* value as it came from the file (str from CSV; str,
float, date or datetime from a workbook) and returns the parsed value, ``None`` for a
blank cell, or raises ``Tolak`` with an Indonesian message saying what to fix.
``normalize`` calls them once per distinct value and maps the results back onto the
rows, so a million-row ledger costs a few thousand calls, not a million.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd

from jpcli.render.fmt import kunci


class Tolak(ValueError):
    """This value cannot be used; the message says why and what to do."""


def kosong(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def tampil(value: object) -> str:
    """A cell value as the user would recognise it in the sheet."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15G}"
    return str(value).strip()


# ------------------------------------------------------------------ dates

_BULAN = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "peb": 2, "februari": 2, "pebruari": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oct": 10, "oktober": 10, "october": 10,
    "nov": 11, "nop": 11, "november": 11, "nopember": 11,
    "des": 12, "dec": 12, "desember": 12, "december": 12,
}
_HARI = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_JAM = r"(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"  # API timestamps too
_ISO = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_JAM}$")
_ANGKA = re.compile(rf"^(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{4}}){_JAM}$")
_NAMA_BULAN = re.compile(r"^(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4})$")
_DUA_DIGIT = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}$")
_PETUNJUK_TANGGAL = "Tulis seperti 12/03/2024 (hari/bulan/tahun), 2024-03-12 atau 12 Maret 2024."

# Excel serial numbers for 1 Jan 1990 .. 31 Dec 2099: a date cell that lost its format.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415
_EPOCH_EXCEL = dt.date(1899, 12, 30)


def tanggal(value: object) -> dt.date | None:
    if kosong(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise Tolak(f"\"{tampil(value)}\" bukan tanggal. {_PETUNJUK_TANGGAL}")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _EPOCH_EXCEL + dt.timedelta(days=int(value))
        raise Tolak(f"\"{tampil(value)}\" adalah angka, bukan tanggal. Format sel sebagai Tanggal. {_PETUNJUK_TANGGAL}")

    text = " ".join(str(value).strip().lower().split())
    text = re.sub(rf"^{_HARI}\s*,?\s*", "", text)
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _ANGKA.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _NAMA_BULAN.match(text):
        if m[2] not in _BULAN:
            raise Tolak(f"nama bulan \"{m[2]}\" pada \"{tampil(value)}\" tidak dikenal. {_PETUNJUK_TANGGAL}")
        day, month, year = int(m[1]), _BULAN[m[2]], int(m[3])
    elif _DUA_DIGIT.match(text):
        raise Tolak(f"tahun pada \"{tampil(value)}\" hanya 2 angka. Tulis tahun lengkap 4 angka, misalnya 12/03/2024.")
    else:
        raise Tolak(f"tanggal \"{tampil(value)}\" tidak dikenali. {_PETUNJUK_TANGGAL}")
    if not 1900 <= year <= 2199:
        raise Tolak(f"tahun {year} pada \"{tampil(value)}\" tidak masuk akal. Periksa tanggalnya.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Tolak(
            f"tanggal \"{tampil(value)}\" tidak ada di kalender (hari {day}, bulan {month}, tahun {year}). "
            "Ingat: hari ditulis dulu, lalu bulan."
        ) from None


# ------------------------------------------------------------------ numbers

_SATUAN_DIKETIK = re.compile(r"\s*(jp|jam|jam pelajaran|hari|kali|sesi|kegiatan|semester)\.?$")
_DESIMAL = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_RIBUAN_DESIMAL = re.compile(
    r"^(?P<bulat>[+-]?\d{1,3}(?:(?P<ribuan>[.,])\d{3})+)(?!(?P=ribuan))[.,](?P<pecahan>\d+)$"
)
_RIBUAN = re.compile(r"^[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+$")


def angka(value: object) -> float | None:
    """'1,5', '1.5', '1.000,5', '1,000.5', '2 JP' -> float. Decimal comma or point both accepted."""
    if kosong(value):
        return None
    if isinstance(value, bool):
        raise Tolak(f"\"{tampil(value)}\" bukan angka.")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise Tolak(f"\"{tampil(value)}\" bukan angka.")
        return float(value)
    text = str(value).strip().lower().replace("\u00a0", " ")
    text = _SATUAN_DIKETIK.sub("", text).replace(" ", "")
    if m := _RIBUAN_DESIMAL.match(text):
        # Both separators: the one that comes last is the decimal one (1.000,5 and 1,000.5 = 1000.5).
        text = m["bulat"].replace(m["ribuan"], "") + "." + m["pecahan"]
    elif _RIBUAN.match(text):
        text = re.sub(r"[.,]", "", text)  # 1.000.000 (only thousands separators)
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _DESIMAL.match(text):
        raise Tolak(f"\"{tampil(value)}\" bukan angka. Tulis angka saja, misalnya 2 atau 1,5.")
    return float(text)


# ------------------------------------------------------------------ NIP

_NIP_PEMISAH = re.compile(r"[\s.\-\u00a0]+")
_ANGKA_ILMIAH = re.compile(r"^\d(?:[.,]\d+)?e\+?\d+$", re.IGNORECASE)
_NIP_TEKS = (
    "Format kolom NIP sebagai Teks (klik kanan > Format Cells > Text) lalu ketik ulang NIP "
    "lengkap 18 angka, atau awali dengan tanda petik: '198503122010011002."
)


def nip(value: object) -> str | None:
    """An 18-digit NIP (PNS or NI PPPK), checked as SPEC §5 says."""
    if kosong(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise Tolak(
            f"NIP tersimpan sebagai angka ({tampil(value)}); Excel hanya menyimpan 15 digit angka, "
            f"jadi digit terakhirnya sudah hilang. {_NIP_TEKS}"
        )
    raw = str(value).strip().lstrip("'`\u2019")  # Excel's text mark; web apps export ' or a backtick
    if _ANGKA_ILMIAH.match(raw.replace(" ", "")):
        raise Tolak(f"NIP \"{raw}\" tertulis sebagai angka ilmiah; digit terakhirnya sudah hilang. {_NIP_TEKS}")
    digits = _NIP_PEMISAH.sub("", raw)
    if not digits.isdigit() or not digits.isascii():
        raise Tolak(f"NIP \"{raw}\" mengandung huruf atau tanda selain angka. NIP terdiri dari 18 angka.")
    if len(digits) != 18:
        raise Tolak(f"NIP \"{raw}\" terdiri dari {len(digits)} angka; NIP harus 18 angka.")
    try:
        lahir = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        lahir = None
    if lahir is None or lahir.year < 1900:
        raise Tolak(f"NIP \"{raw}\": 8 angka pertama ({digits[:8]}) bukan tanggal lahir yang sah (tahun-bulan-tanggal).")
    angkat = int(digits[8:12])
    if angkat <= lahir.year:
        raise Tolak(
            f"NIP \"{raw}\": angka ke-9 s.d. ke-12 ({digits[8:12]}, tahun pengangkatan) harus sesudah "
            f"tahun lahir {lahir.year}."
        )
    if digits[14] not in "12":
        raise Tolak(f"NIP \"{raw}\": angka ke-15 (jenis kelamin) harus 1 atau 2, bukan {digits[14]}.")
    if digits[15:] == "000":
        raise Tolak(
            f"NIP \"{raw}\": 3 angka terakhir (nomor urut) tidak boleh 000. Jika NIP ini berasal dari sel "
            f"angka Excel, digit terakhirnya sudah hilang. {_NIP_TEKS}"
        )
    return digits


def nip_cepat(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The common case for many distinct NIPs at once: text of exactly 18 digits passing every
    check of ``nip``. Returns (which values are fine, their NIPs); the others go through ``nip``
    one by one for their message."""
    teks = np.array([type(v) is str for v in values], dtype=bool)  # numbers are never fine
    baik = np.zeros(len(values), dtype=bool)
    hasil = np.full(len(values), None, dtype=object)
    if not teks.any():
        return baik, hasil
    s = pd.Series(values[teks], dtype=object).astype(str).str.strip().str.lstrip("'`\u2019")
    cocok = s.str.fullmatch(r"\d{18}").fillna(False).to_numpy(dtype=bool)
    lahir = pd.to_datetime(s.str.slice(0, 8).where(cocok, "00000000"), format="%Y%m%d", errors="coerce")
    tahun_lahir = lahir.dt.year.to_numpy(dtype=float)
    angkat = pd.to_numeric(s.str.slice(8, 12).where(cocok, "0"), errors="coerce").to_numpy(dtype=float)
    ok = (cocok & (tahun_lahir >= 1900) & (angkat > tahun_lahir)
          & s.str.slice(14, 15).isin(["1", "2"]).to_numpy() & (s.str.slice(15, 18) != "000").to_numpy())
    idx = np.flatnonzero(teks)
    baik[idx[ok]] = True
    hasil[idx[ok]] = s.to_numpy(dtype=object)[ok]
    return baik, hasil


# ------------------------------------------------------------------ lingkup

_LINGKUP = {
    "nasional": "nasional", "n": "nasional", "nas": "nasional", "dalam_negeri": "nasional",
    "internasional": "internasional", "int": "internasional", "i": "internasional",
    "internasional_luar_negeri": "internasional", "luar_negeri": "internasional", "ln": "internasional",
    # an office's "Tingkat" often names the organiser's level: all of them are within the country
    "provinsi": "nasional", "kabupaten": "nasional", "kota": "nasional", "kabupaten_kota": "nasional",
    "kab_kota": "nasional", "daerah": "nasional", "lokal": "nasional",  # not "regional": ASEAN is regional too
    "instansi": "nasional", "internal": "nasional", "pusat": "nasional", "dn": "nasional",
}


def lingkup(value: object) -> str | None:
    """'nasional' or 'internasional'; None for blank (the caller reads blank as nasional, SPEC §1)."""
    if kosong(value):
        return None
    found = _LINGKUP.get(kunci(value))
    if found is None:
        raise Tolak(f"lingkup \"{tampil(value)}\" tidak dikenal. Isi nasional atau internasional (kosong = nasional).")
    return found


# ------------------------------------------------------------------ verification status

STATUS = ("disetujui", "ditinjau", "ditolak")
_STATUS = {
    "disetujui": ("disetujui", "setuju", "diterima", "terima", "approved", "valid", "sah", "terverifikasi",
                  "diverifikasi", "sudah_diverifikasi", "lulus", "verified"),
    "ditolak": ("ditolak", "tolak", "rejected", "tidak_valid", "tidak_sah", "batal", "dibatalkan", "tidak_lulus",
                "tidak_disetujui", "tidak_diterima"),
    "ditinjau": ("ditinjau", "menunggu", "menunggu_verifikasi", "diajukan", "proses", "diproses", "draft",
                 "belum_diverifikasi", "perlu_perbaikan", "diperbaiki", "revisi", "pending", "usulan", "dikirim",
                 "belum_disetujui"),
}
_STATUS_KUNCI = {k: status for status, kata in _STATUS.items() for k in kata}


def status(value: object) -> str | None:
    """'disetujui', 'ditolak' or 'ditinjau' (pending); None for blank; any other word is returned as
    '?' + the word, for the caller to warn about (an unknown status is not a reason to refuse a row)."""
    if kosong(value):
        return None
    key = kunci(value)
    return _STATUS_KUNCI.get(key, f"?{tampil(value)}")


def teks(value: object) -> str | None:
    return None if kosong(value) else tampil(value)
