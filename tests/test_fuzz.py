"""Fuzzing the reader and the normalizer with hypothesis (issue 6).

Bounded by example count: ``JP_FUZZ_CONTOH`` (default 200 per test, what CI runs); run it longer
locally with e.g. ``JP_FUZZ_CONTOH=20000 python -m pytest tests/test_fuzz.py``. Whatever the bytes
or cells, jp either reads them or raises its own error with a message (``JpError``) — never
another exception — and no row is ever lost: each non-blank row is a valid record, or has a
problem with its row number, or is a recognised total row.
"""

import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from bantuan import NIP_A, NIP_B, table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from jpcli.core.normalize import normalize_activities
from jpcli.core.pipeline import load_ledger
from jpcli.files.columns import KEGIATAN
from jpcli.problems import JpError
from jpcli.rules import load_rules

CONTOH = int(os.environ.get("JP_FUZZ_CONTOH", "200"))
PENGATURAN = settings(
    max_examples=CONTOH,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ATURAN = load_rules()
HARI_INI = dt.date(2026, 11, 22)

TEKS = st.text(
    alphabet=st.sampled_from(
        list("0123456789 ,.;/-:'\"\n\tEe+abcdijkmnprstuJMADN\u00b4\u00e9\u0000")
    ),
    max_size=25,
)
KATA = st.sampled_from(
    [
        "",
        " ",
        NIP_A,
        NIP_B,
        "19850312 201001 1 002",
        "1.98503E+17",
        "coaching",
        "kursus",
        "e-learning",
        "bimtek",
        "internasional",
        "int",
        "nasional",
        "12/03/2025",
        "31/02/2025",
        "2025-03-12",
        "12 Maret 2025",
        "Selasa, 4 Maret 2025",
        "1,5",
        "1.000,5",
        "-3",
        "0",
        "JUMLAH",
        "Total",
        "3 hari",
        "2 JP",
        "=SUM(A1:A3)",
        "#N/A",
        "nan",
        "None",
    ]
)
SEL = st.one_of(
    KATA,
    TEKS,
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**19), 10**19).map(float),
    st.booleans(),
    st.dates(dt.date(1899, 1, 1), dt.date(2200, 1, 1)),
    st.datetimes(dt.datetime(1950, 1, 1), dt.datetime(2100, 1, 1)),
)


def _hitung_baris(rows: list[dict]):
    t = table(rows)
    kegiatan, problems, n_aktif = normalize_activities(t, ATURAN, HARI_INI)
    return t, kegiatan, problems, n_aktif


@PENGATURAN
@given(st.lists(st.fixed_dictionaries({k: SEL for k in KEGIATAN.columns}), min_size=1, max_size=12))
def test_sel_acak_tidak_ada_baris_hilang(rows):
    """Any cells: no exception, and every row read is accounted for exactly once."""
    t, kegiatan, problems, n_aktif = _hitung_baris(rows)
    error_rows = {m.row_no for m in problems if m.level == "salah"}
    baris_total = {m.row_no for m in problems if "baris total" in m.message}
    valid = set(kegiatan["baris"])
    assert len(valid) == len(kegiatan)  # no row twice
    assert not valid & error_rows  # a row with an error is never also counted
    assert (
        len(valid) + len(error_rows) == n_aktif
    )  # every non-blank, non-total row: valid or reported
    assert not (valid | error_rows) & baris_total
    assert all(
        isinstance(m.message, str) and m.message and m.row_no in t.frame.index
        for m in problems
        if m.row_no
    )
    assert (kegiatan["jumlah"] > 0).all() and (
        kegiatan["tanggal_selesai"] >= kegiatan["tanggal_mulai"]
    ).all()


def _coba(path: Path):
    try:
        load_ledger(path, ATURAN, today=HARI_INI)
    except JpError as exc:
        assert str(exc)


@PENGATURAN
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".xlsx", ".ods", ".xls"]))
def test_byte_acak(data, suffix):
    """Random bytes under any name: read, or a JpError with a message."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"buku{suffix}"
        path.write_bytes(data)
        _coba(path)


@PENGATURAN
@given(
    st.lists(st.lists(TEKS | KATA, max_size=10), max_size=15),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_csv_acak_dengan_judul_asli(rows, sep, encoding):
    """Text that looks like a ledger (real header, random fields, quotes, odd encodings)."""
    header = sep.join(
        ["nip", "nama", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah", "judul"]
    )
    body = "\n".join(sep.join(row) for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "buku.csv"
        path.write_bytes((header + "\n" + body).encode(encoding, errors="replace"))
        _coba(path)


def _xlsx_kecil() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "kegiatan"
    ws.append(["nip", "jenis", "tanggal_mulai", "jumlah"])
    ws.append([NIP_A, "kursus", dt.date(2025, 3, 10), 8])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX = _xlsx_kecil()


@PENGATURAN
@given(
    st.lists(st.tuples(st.integers(0, len(XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(50, len(XLSX)),
)
def test_xlsx_rusak(ubah, panjang):
    """A real workbook with flipped bytes and a cut tail."""
    data = bytearray(XLSX)
    for pos, byte in ubah:
        data[pos] = byte
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "buku.xlsx"
        path.write_bytes(bytes(data[:panjang]))
        _coba(path)


def test_sel_acak_contoh_tetap():
    """A fixed hostile row set, so the invariant is checked even with a tiny budget."""
    rows = [
        {"nip": 1.98503122010011e17, "jenis": "coaching", "tanggal_mulai": dt.datetime(2025, 3, 4)},
        {"nip": NIP_A, "jenis": None, "tanggal_mulai": None, "jumlah": "JUMLAH"},
        {"nip": NIP_A, "jenis": True, "tanggal_mulai": np.nan, "jumlah": float("inf")},
        {"nip": "", "jenis": "", "tanggal_mulai": "", "jumlah": ""},
        {"nip": NIP_B, "jenis": "kursus", "tanggal_mulai": "12/03/2025", "jumlah": "8"},
    ]
    t, kegiatan, problems, n_aktif = _hitung_baris(rows)
    assert kegiatan["baris"].tolist() == [6]
    # rows 2, 4 and 6 are activities; row 5 is blank; row 3 (no jenis, no date, "JUMLAH") is a subtotal row
    assert n_aktif == 3
    assert {m.row_no for m in problems if m.level == "salah"} == {2, 4}
    assert [m.row_no for m in problems if "baris total" in m.message] == [3]
    assert pd.Series([m.row_no for m in problems]).notna().all()
