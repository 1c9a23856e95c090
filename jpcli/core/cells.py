"""Parsing one cell value: dates, quantities, NIPs, lingkup, verification status.

Each function takes one *distinct* value as it came from the file (str from CSV; str,
float, date or datetime from a workbook) and returns the parsed value, ``None`` for a
blank cell, or raises ``Reject`` with an Indonesian message saying what to fix.
``normalize`` calls them once per distinct value and maps the results back onto the
rows, so a million-row ledger costs a few thousand calls, not a million.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np

from jpcli import words
from jpcli.files.columns import match_key

# TARGET_MAX/TARGET_MIN belong to the rules; readers of cells take them here too
from jpcli.rules.model import STATUSES, TARGET_MAX, TARGET_MIN  # noqa: F401


class Reject(ValueError):
    """This value cannot be used: a code of ``words`` (which says why and what to do) and its
    arguments."""

    def __init__(self, code: str, *args: object):
        super().__init__(code)
        self.code, self.args_ = code, args

    def __str__(self) -> str:
        return words.text(self.code, self.args_)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def shown(value: object) -> str:
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

_MONTHS = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "peb": 2,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "mar": 3,
    "maret": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agus": 8,
    "agustus": 8,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "nop": 11,
    "november": 11,
    "nopember": 11,
    "des": 12,
    "dec": 12,
    "desember": 12,
    "december": 12,
}
_DAY_NAMES = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
# API timestamps too
_TIME = r"(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_TIME}$")
_NUMERIC_DATE = re.compile(rf"^(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{4}}){_TIME}$")
_MONTH_NAME_DATE = re.compile(r"^(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4})$")
_TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}$")

# Excel serial numbers for 1 Jan 1990 .. 31 Dec 2099: a date cell that lost its format.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: object) -> dt.date | None:
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise Reject("date_not_date", shown(value))
    if isinstance(value, (int, float)):
        if float(value).is_integer() and _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise Reject("date_is_number", shown(value))

    text = " ".join(str(value).strip().lower().split())
    text = re.sub(rf"^{_DAY_NAMES}\s*,?\s*", "", text)
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC_DATE.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _MONTH_NAME_DATE.match(text):
        if m[2] not in _MONTHS:
            raise Reject("date_month_unknown", m[2], shown(value))
        day, month, year = int(m[1]), _MONTHS[m[2]], int(m[3])
    elif _TWO_DIGIT_YEAR.match(text):
        raise Reject("date_two_digit_year", shown(value))
    else:
        raise Reject("date_unrecognised", shown(value))
    if not 1900 <= year <= 2199:
        raise Reject("date_year_implausible", year, shown(value))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Reject("date_not_in_calendar", shown(value), day, month, year) from None


# the two common forms, written plainly (ASCII digits, nothing around them)
_PLAIN_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{2})/(\d{2})/(\d{4})", re.ASCII)


def parse_dates_fast(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The common case for many distinct dates at once: exactly 2025-03-12 or 12/03/2025, read
    as ``date`` reads them, without its general handling. Returns (which values are fine, their
    dates); the others go through ``date`` one by one, for their message or other forms."""
    good = np.zeros(len(values), dtype=bool)
    result = np.full(len(values), None, dtype=object)
    for i, value in enumerate(values):  # one per distinct cell, not per row
        m = _PLAIN_DATE.fullmatch(value) if type(value) is str else None
        if m is None:
            continue
        year, month, day = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
        if 1900 <= int(year) <= 2199:
            try:
                result[i] = dt.date(int(year), int(month), int(day))
            except ValueError:  # not in the calendar: ``date`` says so
                continue
            good[i] = True
    return good, result


# ------------------------------------------------------------------ numbers

# Bounds on numbers (docs/tafsir.md, "Angka yang masuk akal"): no cell is worth more than
# NUMBER_MAX, no row more than QUANTITY_MAX of its satuan, no target more than TARGET_MAX JP. A
# larger figure is a typing mistake, and within them the caps' integer nano-units stay exact.
NUMBER_MAX = 10**15  # float holds every integer up to here exactly
QUANTITY_MAX = {"JP": 10_000, "hari": 1_000, "kegiatan": 1_000, "semester": 100}

_TYPED_UNIT = re.compile(r"\s*(jp|jam|jam pelajaran|hari|kali|sesi|kegiatan|semester)\.?$")
_DECIMAL = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_THOUSANDS_DECIMAL = re.compile(
    r"^(?P<bulat>[+-]?\d{1,3}(?:(?P<ribuan>[.,])\d{3})+)(?!(?P=ribuan))[.,](?P<pecahan>\d+)$"
)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+$")


def parse_number(value: object) -> float | None:
    """'1,5', '1.5', '1.000,5', '1,000.5', '2 JP' -> float. Decimal comma or point both accepted."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise Reject("not_a_number", shown(value))
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise Reject("not_a_number", shown(value))
        if not abs(value) <= NUMBER_MAX:
            raise Reject("number_too_large", shown(value))
        return float(value)
    text = str(value).strip().lower().replace("\u00a0", " ")
    text = _TYPED_UNIT.sub("", text).replace(" ", "")
    if m := _THOUSANDS_DECIMAL.match(text):
        # Both separators: the one that comes last is the decimal one
        # (1.000,5 and 1,000.5 = 1000.5).
        text = m["bulat"].replace(m["ribuan"], "") + "." + m["pecahan"]
    elif _THOUSANDS.match(text):
        text = re.sub(r"[.,]", "", text)  # 1.000.000 (only thousands separators)
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _DECIMAL.match(text):
        raise Reject("number_unreadable", shown(value))
    number = float(text)
    if not abs(number) <= NUMBER_MAX:  # 400 digits read as inf; integer arithmetic needs less
        raise Reject("number_too_large", shown(value))
    return number


# ------------------------------------------------------------------ NIP

_NIP_SEPARATORS = re.compile(r"[\s.\-\u00a0]+")
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?e\+?\d+$", re.IGNORECASE)


def parse_nip(value: object) -> str | None:
    """An 18-digit NIP (PNS or NI PPPK), checked as docs/tafsir.md, "NIP" says."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise Reject("nip_as_number", shown(value))
    raw = (
        str(value).strip().lstrip("'`\u2019")
    )  # Excel's text mark; web apps export ' or a backtick
    if _SCIENTIFIC.match(raw.replace(" ", "")):
        raise Reject("nip_scientific", raw)
    digits = _NIP_SEPARATORS.sub("", raw)
    if not digits.isdigit() or not digits.isascii():
        raise Reject("nip_not_digits", raw)
    if len(digits) != 18:
        raise Reject("nip_length", raw, len(digits))
    try:
        birth = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900:
        raise Reject("nip_birth_date", raw, digits[:8])
    appointed = int(digits[8:12])
    if appointed <= birth.year:
        raise Reject("nip_appointment", raw, digits[8:12], birth.year)
    if digits[14] not in "12":
        raise Reject("nip_gender", raw, digits[14])
    if digits[15:] == "000":
        raise Reject("nip_sequence", raw)
    return digits


def parse_nips_fast(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The common case for many distinct NIPs at once: text of exactly 18 ASCII digits (spaces
    and Excel's text marks around them) passing every check of ``nip``, done by Arrow's string
    kernels and integer arithmetic. Returns (which values are fine, their NIPs); the others go
    through ``nip`` one by one, for their message or for what only ``nip`` accepts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    good = np.zeros(len(values), dtype=bool)
    result = np.full(len(values), None, dtype=object)
    text_at = np.flatnonzero([type(v) is str for v in values])  # numbers are never fine
    if not len(text_at):
        return good, result
    text = pc.utf8_trim(pa.array(values[text_at], pa.string()), " \t\n\r\x0b\x0c")
    text = pc.utf8_ltrim(text, "'`\u2019")
    digits = pc.match_substring_regex(text, "^[0-9]{18}$").to_numpy(zero_copy_only=False)
    number = pc.cast(pc.if_else(digits, text, "0"), pa.int64()).to_numpy()
    year, appointed = number // 10**14, number // 10**6 % 10_000
    ok = (
        digits
        & _is_date(year, number // 10**12 % 100, number // 10**10 % 100)
        & (year >= 1900)
        & (appointed > year)
        & np.isin(number // 1000 % 10, (1, 2))  # digit 15: 1 man, 2 woman
        & (number % 1000 != 0)  # the sequence number
    )
    good[text_at[ok]] = True
    result[text_at[ok]] = text.filter(pa.array(ok)).to_numpy(zero_copy_only=False)
    return good, result


def _is_date(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Is (year, month, day) a date of the calendar (years 1-9999)?"""
    real_month = (month >= 1) & (month <= 12) & (year >= 1)
    first = ((year - 1970) * 12 + np.clip(month, 1, 12) - 1).astype("datetime64[M]")
    days = (first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")
    return real_month & (day >= 1) & (day <= days.astype(np.int64))


# ------------------------------------------------------------------ lingkup

_LINGKUP_WORDS = {
    "nasional": "nasional",
    "n": "nasional",
    "nas": "nasional",
    "dalam_negeri": "nasional",
    "internasional": "internasional",
    "int": "internasional",
    "i": "internasional",
    "internasional_luar_negeri": "internasional",
    "luar_negeri": "internasional",
    "ln": "internasional",
    # an office's "Tingkat" often names the organiser's level: all of them are within the country
    "provinsi": "nasional",
    "kabupaten": "nasional",
    "kota": "nasional",
    "kabupaten_kota": "nasional",
    "kab_kota": "nasional",
    "daerah": "nasional",
    "lokal": "nasional",  # not "regional": ASEAN is regional too
    "instansi": "nasional",
    "internal": "nasional",
    "pusat": "nasional",
    "dn": "nasional",
}


def parse_lingkup(value: object) -> str | None:
    """'nasional' or 'internasional'; None for blank (the caller reads blank as nasional)."""
    if is_blank(value):
        return None
    found = _LINGKUP_WORDS.get(match_key(value))
    if found is None:
        raise Reject("lingkup_unknown", shown(value))
    return found


# ------------------------------------------------------------------ verification status

STATUS = ("disetujui", "ditinjau", "ditolak")
_STATUS_WORDS = {
    "disetujui": (
        "disetujui",
        "setuju",
        "diterima",
        "terima",
        "approved",
        "valid",
        "sah",
        "terverifikasi",
        "diverifikasi",
        "sudah_diverifikasi",
        "lulus",
        "verified",
    ),
    "ditolak": (
        "ditolak",
        "tolak",
        "rejected",
        "tidak_valid",
        "tidak_sah",
        "batal",
        "dibatalkan",
        "tidak_lulus",
        "tidak_disetujui",
        "tidak_diterima",
    ),
    "ditinjau": (
        "ditinjau",
        "menunggu",
        "menunggu_verifikasi",
        "diajukan",
        "proses",
        "diproses",
        "draft",
        "belum_diverifikasi",
        "perlu_perbaikan",
        "diperbaiki",
        "revisi",
        "pending",
        "usulan",
        "dikirim",
        "belum_disetujui",
    ),
}
_STATUS_BY_KEY = {k: status for status, words in _STATUS_WORDS.items() for k in words}


def parse_status(value: object) -> str | None:
    """'disetujui', 'ditolak' or 'ditinjau' (pending); None for blank; any other word is returned as
    '?' + the word, for the caller to warn about (an unknown status is not a reason to refuse a
    row)."""
    if is_blank(value):
        return None
    key = match_key(value)
    return _STATUS_BY_KEY.get(key, f"?{shown(value)}")


EMPLOYMENT = STATUSES  # status pegawai (docs/tafsir.md, "Status pegawai")
_EMPLOYMENT_BY_KEY = {
    "pns": "PNS",
    "pegawai_negeri_sipil": "PNS",
    "asn_pns": "PNS",
    "cpns": "CPNS",
    "calon_pns": "CPNS",
    "calon_pegawai_negeri_sipil": "CPNS",
    "pppk": "PPPK",
    "p3k": "PPPK",
    "p3_k": "PPPK",  # match_key splits "P3K" at the digit
    "asn_pppk": "PPPK",
    "pegawai_pemerintah_dengan_perjanjian_kerja": "PPPK",
}


def parse_employment(value: object) -> str | None:
    """PNS, PPPK or CPNS; None for blank; any other word is returned as '?' + the word, for the
    caller to warn about (the status is then taken from the NIP). "PPPK Paruh Waktu", "PPPK
    Guru" and the like are PPPK."""
    if is_blank(value):
        return None
    key = match_key(value)
    if key in _EMPLOYMENT_BY_KEY:
        return _EMPLOYMENT_BY_KEY[key]
    if key.startswith(("pppk_", "p3k_", "p3_k_")):
        return "PPPK"
    return f"?{shown(value)}"


def status_from_nip(nips: np.ndarray) -> np.ndarray:
    """PPPK when digits 13-14 of the number are 21 (the NI PPPK's code where a PNS NIP has the
    month of its TMT, 01-12), else PNS (docs/tafsir.md, "Status pegawai")."""
    pppk = np.fromiter(
        (isinstance(n, str) and n[12:14] == "21" for n in nips), dtype=bool, count=len(nips)
    )  # one per employee
    return np.where(pppk, "PPPK", "PNS").astype(object)


def parse_text(value: object) -> str | None:
    return None if is_blank(value) else shown(value)
