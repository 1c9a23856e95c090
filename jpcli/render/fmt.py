"""Small text helpers shared by reading, rules and rendering (Indonesian formats)."""

from __future__ import annotations

import math
import re

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def match_key(text: object) -> str:
    """Matching key: camelCase split, lower case, every run of spaces/dashes/punctuation becomes '_'.

    'Tanggal Mulai' -> 'tanggal_mulai', 'E-Learning' -> 'e_learning', 'nipBaru' -> 'nip_baru',
    'NIP_BARU' -> 'nip_baru' (SIASN's API writes camelCase, SIMPEG tables UPPER_CASE).
    """
    return _NON_ALNUM.sub("_", _CAMEL.sub("_", str(text).strip()).lower()).strip("_")


def format_jp(value: float) -> str:
    """JP for people: at most 2 decimals, Indonesian decimal comma (15,6; 20; 6,67)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",")


def format_nip(nip: str) -> str:
    """'198503122010011002' -> '19850312 201001 1 002' (how NIPs are printed)."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def format_date(value) -> str:
    """A date as printed in Indonesian letters: '12 Maret 2024'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"
