"""JSON and CSV renderings: the exact JSON keys of jp's interface (README, "Keluaran JSON")."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jpcli.core import schema as C
from jpcli.problems import Problem
from jpcli.rules import JP_COLUMNS
from jpcli.words import plan_text, reason_text

if TYPE_CHECKING:
    import pandas as pd

    from jpcli.core.explain import EmployeeCard
    from jpcli.core.history import History
    from jpcli.core.records import Report, Validation
    from jpcli.core.shortfall import ShortfallReport

EMPLOYEE_KEYS = ("nip", "nama", *JP_COLUMNS, "total", "target", "memenuhi", "kurang")
DECIMALS = 2  # JP are shown rounded to 2 decimals (docs/tafsir.md, "Kartu")
LARGE = 1_000  # list items: past this, JSON is written compact (indenting is ~10x slower)
# a CSV cell starting with one of these is a formula to a spreadsheet program (OWASP, "CSV
# Injection"): text cells starting so get a leading '
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """One CSV cell: text that a spreadsheet would run as a formula gets a leading '; numbers
    (negative ones too) and everything else stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header: list[str], rows) -> str:
    """CSV (comma, LF, UTF-8) of ``header`` and ``rows`` (lists of cells), every cell through
    ``csv_cell``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def jp(value: float) -> float:
    """A JP figure for output: rounded to 2 decimals, -0.0 cleaned."""
    return round(float(value), DECIMALS) + 0.0


def pegawai(row: dict) -> dict:
    """One employee object with exactly the documented keys."""
    out = {}
    for key in EMPLOYEE_KEYS:
        value = row[key]
        if key in ("nip", "nama"):
            out[key] = str(value)
        elif key == "memenuhi":
            out[key] = bool(value)
        else:
            out[key] = jp(value)
    return out


class RawJson(str):
    """JSON text already encoded (by pandas' C writer), spliced as is into a compact document."""


class EmployeeChunks:
    """A large card's employee objects as JSON text, encoded a slice at a time when written
    (the national card's 4 million employees as one string would not fit beside the rest)."""

    SLICE = 100_000

    def __init__(self, kartu: pd.DataFrame):
        self.kartu = kartu

    def __iter__(self) -> Iterator[str]:
        for start in range(0, len(self.kartu), self.SLICE):
            yield employee_list(self.kartu.iloc[start : start + self.SLICE], encoded=True)[1:-1]


def employee_list(kartu: pd.DataFrame, encoded: bool = False) -> list[dict] | RawJson:
    """Employee objects for the whole card at once. A large card stays encoded JSON text
    (parsing and re-encoding 40 000 objects would cost more than computing them); ``encoded``:
    always as text."""
    if kartu.empty:
        return RawJson("[]") if encoded else []
    numeric = [k for k in EMPLOYEE_KEYS if k not in ("nip", "nama", "memenuhi")]
    table = kartu[list(EMPLOYEE_KEYS)].astype({"nip": str, "nama": str, "memenuhi": bool})
    table[numeric] = table[numeric].astype(float).round(DECIMALS) + 0.0
    text = table.to_json(orient="records", force_ascii=False, double_precision=10)
    return RawJson(text) if encoded or len(kartu) > LARGE else json.loads(text)


def problems(listing: list[Problem]) -> list[dict]:
    return [m.as_dict() for m in listing]


def document(
    year: int,
    rules: str,
    target: float,
    kartu: pd.DataFrame,
    warnings: list[Problem],
    chunked: bool = False,
    **other,
) -> dict:
    """``chunked``: a large card's employees encoded while written (``EmployeeChunks``)."""
    large = chunked and len(kartu) > LARGE
    return {
        "tahun": year,
        "aturan": rules,
        "target": jp(target),
        "pegawai": EmployeeChunks(kartu) if large else employee_list(kartu),
        "peringatan": problems(warnings),
        **other,
    }


def hitung_json(report: Report) -> str:
    """``jp hitung --format json``."""
    return "".join(hitung_json_pieces(report))


def hitung_json_pieces(report: Report) -> Iterator[str]:
    """``jp hitung --format json`` in pieces, to be written one after another."""
    data = document(
        report.year, report.rules.name, report.target, report.kartu, report.warnings, chunked=True,
        **period_info(report),
    )  # fmt: skip
    return json_pieces(data)


def period_info(report: Report) -> dict:
    """With ``--periode kontrak``: ``periode`` = {"jenis": "kontrak", "kontrak": the employees
    measured by contract year, each {"nip", "status", "mulai", "selesai"}}; nothing otherwise."""
    if report.period == "tahun":
        return {}
    from jpcli.core.periods import is_calendar  # pandas: jp aturan reaches this module without

    kartu = report.kartu
    start, end = kartu[C.PERIOD_START], kartu[C.PERIOD_END]
    contract = ~is_calendar(start, end)
    listed = [
        {"nip": nip, "status": status, "mulai": _iso_date(a), "selesai": _iso_date(b)}
        for nip, status, a, b in zip(
            kartu.loc[contract, C.NIP],
            kartu.loc[contract, C.EMPLOYMENT],
            start[contract],
            end[contract],
        )  # fmt: skip
    ]
    return {"periode": {"jenis": report.period, "kontrak": listed}}


def json_pieces(data: dict) -> Iterator[str]:
    """``to_json(data)`` in pieces; a card's ``EmployeeChunks`` encoded a slice at a time."""
    if not any(isinstance(v, EmployeeChunks) for v in data.values()):
        yield to_json(data)
        return
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield ("," if i else "") + json.dumps(key) + ":"
        if isinstance(value, EmployeeChunks):
            yield "["
            for j, text in enumerate(t for t in value if t):
                yield ("," if j else "") + text
            yield "]"
        else:
            yield value if isinstance(value, RawJson) else json.dumps(value, ensure_ascii=False)
    yield "}\n"


def to_json(data: dict) -> str:
    """JSON for stdout or a file: indented for people, compact when the document is large."""
    if any(isinstance(v, RawJson) for v in data.values()):
        parts = (
            f"{json.dumps(k)}:{v if isinstance(v, RawJson) else json.dumps(v, ensure_ascii=False)}"
            for k, v in data.items()
        )
        return "{" + ",".join(parts) + "}\n"
    n = sum(len(v) for v in data.values() if isinstance(v, (list, dict)))
    return json.dumps(data, ensure_ascii=False, indent=None if n > LARGE else 2) + "\n"


def kartu_parquet(kartu: pd.DataFrame, path) -> None:
    """The card as a Parquet table (``jp hitung -o kartu.parquet``): the CSV's columns, typed
    (numbers as numbers, memenuhi as a boolean), for data teams."""
    kartu[list(KARTU_CSV_COLUMNS)].to_parquet(path, index=False)


KARTU_CSV_COLUMNS = (
    "no", "nip", "nama", "unit", "jabatan", *JP_COLUMNS, "total", "target", "memenuhi", "kurang",
)  # fmt: skip


def kartu_csv(kartu: pd.DataFrame) -> str:
    """The card as plain CSV (comma, decimal point, UTF-8): for scripts. For Excel use -o .xlsx."""
    column = list(KARTU_CSV_COLUMNS)
    text = ("no", "nip", "nama", "unit", "jabatan")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(column)
    for row in kartu[column].to_dict("records"):
        writer.writerow(
            [
                csv_cell(row[k])
                if k in text
                else ("true" if row[k] else "false")
                if k == "memenuhi"
                else jp(row[k])
                for k in column
            ]
        )
    return buf.getvalue()


def activity_rows(register: pd.DataFrame) -> list[dict]:
    """The register rows of ``jp kartu`` with exactly the documented keys."""
    return [
        {
            "baris": int(r.baris),
            "jenis": str(r.jenis),
            "lingkup": str(r.lingkup),
            "tanggal_mulai": r.tanggal_mulai.date().isoformat(),
            "tanggal_selesai": r.tanggal_selesai.date().isoformat(),
            "jp_tertulis": jp(r.jp_tertulis)
            if r.jp_tertulis == r.jp_tertulis
            else None,  # as stated; null when blank
            "jp_mentah": jp(r.jp_mentah),
            "jp_diakui": jp(r.jp_diakui),
            "alasan": reason_text(r.alasan),
            "nomor_sertifikat": str(getattr(r, "nomor_sertifikat", "")),
            "tanggal_sertifikat": _iso_date(getattr(r, "tanggal_sertifikat", None)),
            "status": str(getattr(r, "status", "")),
        }
        for r in register.itertuples()
    ]


def _iso_date(value) -> str | None:
    import pandas as pd  # only commands with a ledger get here (jp aturan runs without pandas)

    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def kartu_document(card: EmployeeCard) -> dict:
    """``jp kartu --format json``: the employee object plus ``kegiatan``; for a PPPK measured by
    contract year also ``periode`` = {"jenis": "kontrak", "status", "mulai", "selesai"}."""
    own = _contract_period(card.pegawai)
    return {**pegawai(card.pegawai), "kegiatan": activity_rows(card.register), **own}


def _contract_period(who: dict) -> dict:
    """``periode`` of an employee measured over a contract year (nothing for a calendar year)."""
    from jpcli.core.periods import is_calendar

    first, last = who.get(C.PERIOD_START), who.get(C.PERIOD_END)
    if first is None or is_calendar(first, last):
        return {}
    return {"periode": {"jenis": "kontrak", "status": who.get(C.EMPLOYMENT),
                        "mulai": _iso_date(first), "selesai": _iso_date(last)}}  # fmt: skip


def register_csv(register: pd.DataFrame) -> str:
    rows = activity_rows(register)
    header = list(rows[0]) if rows else ["baris"]
    return csv_text(header, ([r[k] for k in header] for r in rows))


def cek_json_pieces(shortfall: ShortfallReport) -> Iterator[str]:
    """``jp cek --format json`` in pieces, to be written one after another."""
    return json_pieces(cek_document(shortfall, chunked=True))


def cek_document(shortfall: ShortfallReport, chunked: bool = False) -> dict:
    """``jp cek --format json``: the keys of ``jp hitung`` (``pegawai`` only those below target),
    then ``per_tanggal``, ``bulan_tersisa``, ``saran`` (per NIP) and ``rekap`` (per unit).
    ``chunked``: as ``document``. Each distinct plan is worded once (many employees share one)."""
    report = shortfall.report
    worded: dict = {}
    return document(
        report.year,
        report.rules.name,
        report.target,
        shortfall.short,
        shortfall.warnings,
        chunked=chunked,
        **{
            **period_info(report),
            "per_tanggal": shortfall.as_of.isoformat(),
            "bulan_tersisa": shortfall.months_left,
            "saran": {
                nip: worded[p] if p in worded else worded.setdefault(p, plan_text(p))
                for nip, p in zip(shortfall.short[C.NIP], shortfall.short["rencana"])
            },
            "rekap": recap_list(shortfall.recap),
            "rekap_subunit": recap_list(shortfall.recap_subunit),
            "rekap_status": recap_list(shortfall.recap_status),
        },
    )


RECAP_COUNTS = ("pegawai", "memenuhi", "belum")


def recap_list(recap: pd.DataFrame | None) -> list[dict]:
    """The lines of a recap (``shortfall.recap``): its keys (unit, subunit...) as text, then
    ``pegawai``, ``memenuhi``, ``belum``, ``persen_memenuhi``, ``total_jp``, ``rata_jp``; an
    empty list for a recap there is not (no sub-units)."""
    if recap is None:
        return []
    figures = recap.columns[-6:]
    listing = recap.astype({k: str for k in recap.columns[:-6]}).to_dict("records")
    for line in listing:
        for key in figures:
            value = line[key]
            line[key] = int(value) if key in RECAP_COUNTS else jp(value)
    return listing


def cek_csv(short: pd.DataFrame) -> str:
    return csv_text(
        ["nip", "nama", "unit", "total", "target", "kurang", "saran"],
        (
            [r.nip, r.nama, r.unit, jp(r.total), jp(r.target), jp(r.kurang), plan_text(r.rencana)]
            for r in short.itertuples()
        ),
    )


PROBLEM_CSV_HEADER = ["file", "sheet", "baris", "kolom", "nilai", "pesan", "tingkat"]


def problems_csv(listing: list[Problem]) -> str:
    return "".join(problems_csv_pieces(listing))


def problems_csv_pieces(listing) -> Iterator[str]:
    """``problems_csv`` a slice of problems at a time (an error in every row of a large ledger
    would be one string of hundreds of MB)."""
    header = PROBLEM_CSV_HEADER
    for start in range(0, max(len(listing), 1), PROBLEM_SLICE):
        rows = (
            [d[k] for k in header]
            for d in map(Problem.as_dict, listing[start : start + PROBLEM_SLICE])
        )
        text = csv_text(header, rows)
        yield text if start == 0 else text.split("\n", 1)[1]


def validation_document(check: Validation, with_problems: bool = True) -> dict:
    """``jp validasi --format json`` (``with_problems=False``: ``masalah`` left empty, to be
    written in slices by ``validation_json_pieces``)."""
    return {
        "file": check.file,
        "baris_dibaca": check.n_rows,
        "baris_salah": check.error_rows,
        "salah": check.n_errors,
        "peringatan": check.n_warnings,
        "masalah": problems(check.problems) if with_problems else [],
        "kolom": check.headers,
        "sumber_jenis": check.jenis_source,
    }


PROBLEM_SLICE = 10_000  # problems encoded at a time in a large validation document


def validation_json_pieces(check: Validation) -> Iterator[str]:
    """``to_json(validation_document(check))`` in pieces: a large list of problems is encoded a
    slice at a time while written (each problem's dict and the whole text held at once cost
    about 0.5 KB per problem on top of the problems themselves)."""
    data = validation_document(check, with_problems=False)
    n = len(check.problems) + sum(len(v) for v in data.values() if isinstance(v, (list, dict)))
    if n <= LARGE:
        yield to_json(validation_document(check))
        return
    listing = check.problems
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield (", " if i else "") + json.dumps(key) + ": "
        if key != "masalah":
            yield json.dumps(value, ensure_ascii=False)
            continue
        yield "["
        for start in range(0, len(listing), PROBLEM_SLICE):
            part = problems(list(listing[start : start + PROBLEM_SLICE]))
            yield (", " if start else "") + json.dumps(part, ensure_ascii=False)[1:-1]
        yield "]"
    yield "}\n"


def rows_csv(rows: list[dict[str, str]]) -> str:
    """Rows of words (``jp aturan``) as CSV."""
    header = list(rows[0])
    return csv_text(header, ([r.get(k, "") for k in header] for r in rows))


YEAR_KEYS = ("tahun", *EMPLOYEE_KEYS[2:])  # one year of jp riwayat: tahun, the card's figures


def year_object(row: dict) -> dict:
    """One year of an employee: ``tahun``, then the keys of ``jp kartu``'s employee object after
    ``nip`` and ``nama``, with the same values."""
    return {"tahun": int(row["tahun"]), **{k: v for k, v in pegawai(row).items() if k in YEAR_KEYS}}


def riwayat_document(history: History) -> dict:
    """``jp riwayat --format json``: ``nip``, ``nama``, ``unit``, ``aturan``, ``riwayat`` (one
    object per year, oldest first) and ``peringatan``."""
    who = history.pegawai
    return {
        "nip": str(who["nip"]),
        "nama": str(who["nama"]),
        "unit": str(who["unit"]),
        "aturan": history.reports[0].rules.name,
        "riwayat": [
            {**year_object({**who, **row}), **_contract_period(period)}
            for row, period in zip(
                history.years.to_dict("records"), history.periods.to_dict("records")
            )  # fmt: skip
        ],  # one per year
        "peringatan": problems(list(history.warnings)),
    }


def riwayat_csv(history: History) -> str:
    rows = riwayat_document(history)["riwayat"]
    cells = ((str(r[k]).lower() if isinstance(r[k], bool) else r[k] for k in YEAR_KEYS)
             for r in rows)  # fmt: skip
    return csv_text(list(YEAR_KEYS), cells)  # booleans as the card's CSV writes them


def hitung_range_document(reports: list[Report], trend: pd.DataFrame) -> dict:
    """``jp hitung --tahun 2023-2025 --format json``: ``tahun`` (the years), ``aturan``,
    ``target``, ``kartu`` (per year: ``tahun`` and ``pegawai``, the list ``jp hitung --tahun Y``
    writes), ``tren`` (per employee: ``nip``, ``nama``, ``total`` and ``memenuhi`` per year in
    the order of ``tahun``, ``tahun_memenuhi``) and ``peringatan``."""
    from jpcli.core.history import year_warnings

    years = [r.year for r in reports]
    return {
        "tahun": years,
        "aturan": reports[0].rules.name,
        "target": jp(reports[0].target),
        "kartu": [
            {"tahun": r.year, "pegawai": employee_list(r.kartu), **period_info(r)} for r in reports
        ],
        "tren": [
            {
                "nip": str(row["nip"]),
                "nama": str(row["nama"]),
                "total": [jp(row[f"total_{y}"]) for y in years],
                "memenuhi": [bool(row[f"memenuhi_{y}"]) for y in years],
                "tahun_memenuhi": int(row["tahun_memenuhi"]),
            }
            for row in trend.to_dict("records")
        ],
        "peringatan": problems(list(year_warnings(reports))),
    }


def kartu_range_csv(reports: list[Report]) -> str:
    """The cards of several years as one CSV: ``tahun`` first, then the columns of ``jp hitung``'s
    CSV with the same values."""
    column = list(KARTU_CSV_COLUMNS)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["tahun", *column])
    for r in reports:  # one card per year
        for row in r.kartu[column].to_dict("records"):
            writer.writerow([r.year, *(_csv_value(k, row[k]) for k in column)])
    return buf.getvalue()


def _csv_value(key: str, value: object) -> object:
    if key in ("no", "nip", "nama", "unit", "jabatan"):
        return csv_cell(value)
    if key == "memenuhi":
        return "true" if value else "false"
    return jp(value)
