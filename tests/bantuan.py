"""Helpers for tests: valid NIPs, in-memory ledgers, running the pipeline on them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd

from jpcli.core.normalize import normalize_activities
from jpcli.core.pipeline import build_report
from jpcli.core.records import Ledger
from jpcli.files.columns import KEGIATAN
from jpcli.files.read import Table
from jpcli.rules import load_rules

# Valid NIPs: birth date, TMT year after birth year, digit 15 = 1/2, last 3 digits not 000.
NIP_A = "198503122010011002"
NIP_B = "199007242015032005"
NIP_C = "197803152003121002"
HARI_INI = dt.date(2026, 11, 22)


def table(rows: list[dict], file: str = "uji.xlsx", sheet: str | None = "kegiatan") -> Table:
    """An in-memory activity sheet: header on row 1, so the first data row is row 2."""
    frame = pd.DataFrame(rows, dtype=object)
    for col in KEGIATAN.columns:
        if col not in frame:
            frame[col] = None
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="baris")
    return Table(
        file=file, sheet=sheet, frame=frame, header_row=1, headers={k: k for k in KEGIATAN.columns}
    )


def ledger(rows: list[dict], rules="lan-10-2018", pegawai: pd.DataFrame | None = None) -> Ledger:
    rules = load_rules(rules)
    t = table(rows)
    kegiatan, problems, n = normalize_activities(t, rules, HARI_INI)
    return Ledger(
        file=t.file, sheet=t.sheet, kegiatan=kegiatan, pegawai=pegawai, problems=problems, n_rows=n
    )


def report(
    rows: list[dict], rules="lan-10-2018", year=None, target=None, pegawai=None, skip_errors=False
):
    return build_report(
        ledger(rows, rules, pegawai),
        load_rules(rules),
        year=year,
        target=target,
        skip_errors=skip_errors,
    )


def counted(rows: list[dict], **kw) -> list[float]:
    """JP counted per row, in ledger order."""
    result = report(rows, **kw).result.sort_values("baris")
    return [round(x, 6) for x in result["jp_diakui"]]


def total(rows: list[dict], nip: str = NIP_A, **kw) -> float:
    kartu = report(rows, **kw).kartu.set_index("nip")
    return round(float(kartu.loc[nip, "total"]), 6)


def activity(
    jenis: str, start: str, end: str = "", quantity="", lingkup: str = "", nip: str = NIP_A, **extra
) -> dict:
    return {
        "nip": nip,
        "jenis": jenis,
        "lingkup": lingkup,
        "tanggal_mulai": start,
        "tanggal_selesai": end,
        "jumlah": quantity,
        **extra,
    }


def tulis_xlsx(path: Path, rows: list[list], sheet: str = "kegiatan", prepare=None) -> Path:
    """A one-sheet workbook with these rows from A1; ``prepare(ws)`` may merge or hide cells."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if prepare:
        prepare(ws)
    wb.save(path)
    return path


def tulis_csv(path: Path, rows: list[list], sep: str = ";", encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=sep, lineterminator="\n").writerows(rows)
    return path


KOLOM_CSV = [
    "nip",
    "nama",
    "jenis",
    "lingkup",
    "tanggal_mulai",
    "tanggal_selesai",
    "jumlah",
    "judul",
]


def hitung_json(runner, *args) -> dict:
    """``jp hitung ARGS --format json`` through the CLI runner; it must succeed."""
    import json

    from jpcli.cli.app import app

    result = runner.invoke(app, ["hitung", *map(str, args), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def buku_sintetis(folder: Path, n_rows: int, benih: int) -> Path:
    """A synthetic CSV ledger from the benchmark generator: about 30 rows per employee, every
    jenis, both lingkup, three date spellings, a few broken rows."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import buat_buku

    path = folder / "buku.csv"
    buat_buku.write(buat_buku.ledger(n_rows, benih=benih), path, benih=benih)
    return path
