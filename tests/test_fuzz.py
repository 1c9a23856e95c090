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
import re
import tempfile
import zipfile
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


# ---------------------------------------------------------------- reading hostile files
# CSV quoting and xlsx XML patches: whatever the quotes, the references, the error cells or the
# escapes, jp reads the file or raises its own error, and no data row disappears silently.

KOLOM_FUZZ = ["nip", "nama", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah"]
ISIAN = st.sampled_from(
    [NIP_A, NIP_B, "Budi", "kursus", "seminar", "10/03/2025", "8", "1,5", "", " ", '"', '""', "x"]
) | st.text(alphabet=st.sampled_from(list('ab1;,"\n ')), max_size=6)


def _tercatat(table, problems, sep: str) -> None:
    """No data line of a CSV is lost: every line of the file is the start of a record read, or
    inside a cell of one; a cell that swallowed lines looking like rows, and a row wider than
    the header, each has an error at its row."""
    frame = table.frame
    salah = {m.row_no for m in problems if m.level == "salah"}
    needed = min(3, max(2, (len(table.headers) - 1) // 2)) if table.headers else 2
    for row_no, row in zip(frame.index, frame.itertuples(index=False)):
        cells = [v for v in row if isinstance(v, str)]
        swallowed = any(
            line.count(sep) >= needed
            for v in cells
            if "\n" in v
            for line in v.rstrip("\r\n").split("\n")[1:]
        )
        extra = [
            v for name, v in zip(frame.columns, row) if name.startswith("~") and str(v).strip()
        ]
        if swallowed or (extra and not table.headers.keys() >= {"nip"}):
            assert row_no in salah, (row_no, row)


@PENGATURAN
@given(
    st.lists(st.lists(ISIAN, min_size=1, max_size=10), min_size=1, max_size=12),
    st.sampled_from([";", ","]),
)
def test_csv_kutip_acak_tidak_ada_baris_hilang(rows, sep):
    """Stray and doubled quotes, separators and line breaks inside fields: read or a JpError;
    and every line of the file is accounted for (read as a record, or inside a reported cell)."""
    from jpcli.files.read import read_ledger

    text = sep.join(KOLOM_FUZZ) + "\n" + "".join(sep.join(r) + "\n" for r in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "buku.csv"
        path.write_text(text, encoding="utf-8")
        _coba(path)
        try:
            table, _ = read_ledger(path, KEGIATAN)
        except JpError as exc:
            assert str(exc)
            return
    lines = text.count("\n")
    in_records = table.header_row + sum(
        1 + sum(v.count("\n") for v in row if isinstance(v, str))
        for row in table.frame.itertuples(index=False)
    )
    # nothing dropped between the parser and the table (a quote left open at the end of the
    # file takes the last line break into its cell)
    last = [v for v in table.frame.iloc[-1] if isinstance(v, str)] if len(table.frame) else []
    assert in_records - lines in ((0, 1) if any(v.endswith("\n") for v in last) else (0,))
    _, problems, _ = normalize_activities(table, ATURAN, HARI_INI)
    _tercatat(table, problems, sep)


def _xlsx_dasar(shared: bool) -> bytes:
    """A small ledger: header and three data rows; strings shared (xlsxwriter) or inline
    (openpyxl)."""
    rows = [
        ["nip", "jenis", "tanggal_mulai", "jumlah", "judul"],
        [NIP_A, "kursus", "10/03/2025", 8, "A"],
        [NIP_A, "kursus", "11/03/2025", 6, "B"],
        [NIP_B, "kursus", "12/03/2025", 4, "C"],
    ]
    buf = io.BytesIO()
    if shared:
        import xlsxwriter

        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        ws = wb.add_worksheet("kegiatan")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write_number(r, c, v)
        wb.close()
    else:
        wb = Workbook()
        ws = wb.active
        ws.title = "kegiatan"
        for row in rows:
            ws.append(row)
        wb.save(buf)
    return buf.getvalue()


XLSX_DASAR = {True: _xlsx_dasar(True), False: _xlsx_dasar(False)}
KOLOM_XL = ["A", "B", "C", "D", "E", "F", "Z", "AA", "ZZ", "AAA", "XFD"]
BARIS_XL = [1, 2, 3, 5, 40, 65536, 1048576]
GALAT = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"]
ESCAPE = ["_x000B_", "_x0000_", "_xD800_", "_x001B_[31m", "_xFFFF_", "_x005F_x0041_", "&amp;", "_x"]
ISI_SEL = st.one_of(
    st.just("<v>0</v>"),
    st.just('t="inlineStr"><is><t></t></is>'),
    st.just('t="inlineStr"><is><t xml:space="preserve"> </t></is>'),
    st.just('t="str"><v></v>'),
    st.just("><f>1+1</f>"),
    st.just('><f t="shared" si="0"/><v/>'),
    st.sampled_from(GALAT).map(lambda e: f't="e"><v>{e}</v>'),
    st.sampled_from(ESCAPE).map(lambda e: f't="inlineStr"><is><t>{e}</t></is>'),
    st.integers(0, 1000).map(lambda i: f't="s"><v>{i}</v>'),
)


def _sel(ref: str, isi: str) -> str:
    if isi.startswith("<v>"):
        return f'<c r="{ref}">{isi}</c>'
    attrs, _, inner = isi.partition(">") if not isi.startswith(">") else ("", "", isi[1:])
    return f'<c r="{ref}" {attrs}>{inner}</c>' if attrs else f'<c r="{ref}">{inner}</c>'


TAMBALAN = st.one_of(
    st.tuples(st.just("dimensi"), st.sampled_from(["A1:XFD1048576", "A1", "ZZZZ0", "", "A1:D4"])),
    st.tuples(st.just("sel"), st.sampled_from(KOLOM_XL), st.sampled_from(BARIS_XL), ISI_SEL),
    st.tuples(st.just("ganti"), st.integers(2, 4), st.integers(0, 4), ISI_SEL),
    st.tuples(st.just("string"), st.sampled_from(ESCAPE)),
)


def _tambal(data: bytes, patches) -> tuple[bytes, set[tuple[int, int]]]:
    """Apply XML patches; returns the new workbook and the data cells turned into errors or
    formulas without a value ((row, column index))."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: src.read(n) for n in src.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    broken = set()
    extra = []
    for patch in patches:
        if patch[0] == "dimensi":
            sheet = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{patch[1]}"', sheet)
        elif patch[0] == "sel":
            extra.append((patch[2], patch[1], patch[3]))
        elif patch[0] == "ganti":
            row, col, isi = patch[1], patch[2], patch[3]
            ref = f"{'ABCDE'[col]}{row}"
            sheet = re.sub(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', _sel(ref, isi), sheet, count=1)
            broken.discard((row, col))  # a later patch of the same cell replaces it
            if 't="e"' in isi or "<f" in isi and "<v>" not in isi:
                broken.add((row, col))
        elif "xl/sharedStrings.xml" in parts:
            sst = parts["xl/sharedStrings.xml"].decode()
            parts["xl/sharedStrings.xml"] = sst.replace("<t>A</t>", f"<t>{patch[1]}</t>").encode()
    for row, col, isi in sorted(extra, key=lambda e: e[0]):
        cell = _sel(f"{col}{row}", isi)
        if f'<row r="{row}"' in sheet:
            sheet = re.sub(rf'(<row r="{row}"[^>]*>)', rf"\g<1>{cell}", sheet, count=1)
        else:
            sheet = sheet.replace("</sheetData>", f'<row r="{row}">{cell}</row></sheetData>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    return out.getvalue(), broken


@PENGATURAN
@given(st.booleans(), st.lists(TAMBALAN, min_size=1, max_size=5))
def test_xlsx_xml_ditambal(shared, patches):
    """A real workbook patched at the XML level (declared dimensions, far corner cells, Excel
    error cells, formulas without a value, _xHHHH_ escapes, shared-string indexes): read or a
    JpError, never an abort or another exception; every data row is read or reported, and an
    error cell in a column jp reads is an error at its row."""
    data, broken = _tambal(XLSX_DASAR[shared], patches)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "buku.xlsx"
        path.write_bytes(data)
        try:
            ledger = load_ledger(path, ATURAN, today=HARI_INI)
        except JpError as exc:
            assert str(exc)
            return
    valid = set(ledger.kegiatan["baris"])
    placed = {m.row_no for m in ledger.problems}
    salah = {(m.row_no, m.column) for m in ledger.problems if m.level == "salah"}
    assert {2, 3, 4} <= valid | placed  # every data row: read, or reported at its row
    for row, col in broken:
        column = ["nip", "jenis", "tanggal_mulai", "jumlah", "judul"][col]
        assert (row, column) in salah, (row, column, ledger.problems)
        assert row not in valid
