"""The whole job as a library: read -> normalize -> compute -> card. The CLI only calls this.

``load_ledger`` loads a ledger (and roster) and collects every problem without judging them;
``build_report`` computes the year's card, refusing invalid rows unless told to skip them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from jpcli.core import card, cells, compute, periods, shortfall
from jpcli.core import schema as C
from jpcli.core.normalize import checked_roster, normalize_activities
from jpcli.core.records import Ledger, Report, Validation
from jpcli.core.shortfall import ShortfallReport
from jpcli.files.columns import KEGIATAN, PEGAWAI
from jpcli.files.read import RowCells, read_ledger
from jpcli.files.read_ahead import ReadAhead
from jpcli.problems import InputError, Problem
from jpcli.rules import RuleSet
from jpcli.words import first_few


def load_ledger(
    path: Path,
    rules: RuleSet,
    roster_path: Path | None = None,
    today: dt.date | None = None,
    column: dict[str, str] | None = None,
    read_ahead: ReadAhead | None = None,
    sheet: str | None = None,
) -> Ledger:
    """Read and check a ledger (and its roster); problems are collected, not raised.

    ``column``: canonical column -> header, the user's choice over jp's own matching (``--kolom``).
    """
    table, roster_table = read_ledger(Path(path), KEGIATAN, PEGAWAI, column, read_ahead, sheet)
    return _checked(table, roster_table, rules, roster_path, today or dt.date.today())


def _checked(table, roster_table, rules, roster_path, today) -> Ledger:
    """The ledger of a table read whole: its rows normalized, the roster checked."""
    kegiatan, problems, n_rows = normalize_activities(table, rules, today)
    pegawai, roster_problems = checked_roster(roster_table, roster_path)
    problems = problems + roster_problems
    if n_rows == 0 and not any(m.level == "salah" for m in problems):
        raise InputError([table.place(code="no_activity_rows", args=(table.header_row,))])
    return Ledger(
        file=table.file,
        sheet=table.sheet,
        kegiatan=kegiatan,
        pegawai=pegawai,
        problems=problems,
        n_rows=n_rows,
        headers=dict(table.headers),
    )


def file_report(
    path: Path,
    rules: RuleSet,
    roster_path: Path | None = None,
    column: dict[str, str] | None = None,
    read_ahead: ReadAhead | None = None,
    sheet: str | None = None,
    **compute,
) -> Report:
    """``jp hitung`` of a ledger read whole: ``build_report`` of ``load_ledger``; for a large
    CSV (``parts.HALVES_ROWS`` rows or more, calendar years, no partitions asked) its two halves
    by NIP computed on two threads (``parts.halves_report``): the same card. ``compute``: as
    ``build_report`` takes it."""
    from jpcli.core import parts

    table, roster_table = read_ledger(Path(path), KEGIATAN, PEGAWAI, column, read_ahead, sheet)
    if _in_halves(table, roster_table, compute):
        figures = {k: v for k, v in compute.items() if k not in _NOT_HALVES}
        return parts.halves_report(table, rules, roster_path, **figures)
    ledger = _checked(table, roster_table, rules, roster_path, dt.date.today())
    return build_report(ledger, rules, **compute)


_NOT_HALVES = ("period", "partitions", "processes")  # what _in_halves has settled


def _in_halves(table, roster_table, compute: dict) -> bool:
    """Is this ledger, read whole, worked on in two halves on two threads (``parts.halves``)?
    A large one (``parts.HALVES_ROWS`` rows or more) with a categorical NIP column (a CSV read
    by Arrow), no roster sheet, counted by calendar year, no partitions asked, on two cores."""
    from jpcli.core import parts

    nip = table.frame.get(C.NIP)
    return (
        roster_table is None
        and len(table.frame) >= parts.HALVES_ROWS
        and isinstance(getattr(nip, "dtype", None), pd.CategoricalDtype)
        and compute.get("period", periods.CALENDAR) == periods.CALENDAR
        and compute.get("partitions", 1) <= 1
        and compute.get("processes", 1) <= 1
        and (os.cpu_count() or 1) > 1
    )


def file_check(
    path: Path,
    rules: RuleSet,
    roster_path: Path | None = None,
    column: dict[str, str] | None = None,
    read_ahead: ReadAhead | None = None,
    sheet: str | None = None,
    **compute,
) -> ShortfallReport:
    """``jp cek`` of a ledger read whole: ``check_targets`` of ``load_ledger``; a large CSV in
    two halves (``parts.halves_check``), counted as ``streamed_check`` counts its parts: the same
    result. ``compute``: as ``check_targets`` takes it."""
    from jpcli.core import parts

    table, roster_table = read_ledger(Path(path), KEGIATAN, PEGAWAI, column, read_ahead, sheet)
    if not _in_halves(table, roster_table, compute):
        ledger = _checked(table, roster_table, rules, roster_path, dt.date.today())
        return check_targets(ledger, rules, **compute)
    figures = {k: v for k, v in compute.items() if k not in (*_NOT_HALVES, "year", "as_of")}
    today = figures.pop("today", None) or dt.date.today()
    year, as_of, counting = _check_counting(compute.get("year"), compute.get("as_of"), today)
    report, used = parts.halves_check(table, rules, counting, roster_path, year, **figures)
    return shortfall.assess(report, as_of or shortfall.check_date(report.year, today), used=used)


def _check_counting(year: int | None, as_of: dt.date | None, today: dt.date):
    """The year, the check date and the ``parts.Counting`` of ``jp cek`` worked on in parts: the
    same year, date and counting as ``check_targets`` (see ``streamed_check``)."""
    from jpcli.core import parts

    if year is None and as_of is not None:
        year = as_of.year
    if year is not None and as_of is None:
        as_of = shortfall.check_date(year, today)
    counting = parts.Counting(as_of or today, as_of or today)
    if as_of is None:
        counting = replace(counting, recount=lambda latest: (latest or 0) > today.year)
    return year, as_of, counting


def build_report(
    ledger: Ledger,
    rules: RuleSet,
    year: int | None = None,
    target: float | None = None,
    skip_errors: bool = False,
    until: dt.date | None = None,
    partitions: int = 1,
    processes: int = 1,
    approved_only: bool = False,
    default_year: int | None = None,
    target_pppk: float | None = None,
    period: str = periods.CALENDAR,
) -> Report:
    """Compute the card for one year (default: the latest year with data, or ``default_year``
    when the ledger was cut to one employee and the whole file's latest year is known).

    ``until``: count only activities finished by that date (``jp cek --per-tanggal``).
    ``partitions``/``processes``: compute in NIP-hash partitions, on that many processes
    (``compute_partitioned``); the result is the same. ``approved_only``: count only rows whose
    verification status is approved. ``target``/``target_pppk``: replace the rule set's target
    of every status / of PPPK (``card.status_targets``). ``period``: ``"kontrak"`` measures a
    PPPK with a ``tmt`` on the roster by contract year (``core.periods``).
    """
    result, cuts, warnings = _computed(
        ledger, rules, target, skip_errors, until, partitions, processes, approved_only
    )
    labelled, starts = _labelled(ledger, result, period, warnings)
    if year is not None:  # its rows are counted by each employee's period
        year = card.card_year(labelled, year, ledger, warnings)
    elif default_year is None:  # the default stays the latest calendar year with data
        year = card.card_year(result, None, ledger, warnings)
    else:
        year = default_year
    return _year_report(
        ledger, rules, labelled, cuts, warnings, int(year), (target, target_pppk), starts,
        period, approved_only,
    )  # fmt: skip


def year_reports(
    ledger: Ledger,
    rules: RuleSet,
    years: range | None = None,
    target: float | None = None,
    skip_errors: bool = False,
    approved_only: bool = False,
    partitions: int = 1,
    processes: int = 1,
    span: tuple[int | None, int | None] = (None, None),
    target_pppk: float | None = None,
    period: str = periods.CALENDAR,
) -> list[Report]:
    """One report per year of ``years`` from one computation (``jp riwayat``, ``jp hitung
    --tahun 2023-2025``); each equals ``build_report`` of its year. Default years: every year
    from the ledger's first with data to its last (or the whole file's first and last, ``span``,
    when the ledger was cut to one employee), a year without activity included at 0."""
    result, cuts, warnings = _computed(
        ledger, rules, target, skip_errors, None, partitions, processes, approved_only
    )
    labelled, starts = _labelled(ledger, result, period, warnings)
    if years is None:  # every period with data: a PPPK's last contract year may end later
        last = max(card.card_year(result, None, ledger, []), span[1] or 0)
        last = max(last, int(labelled[C.YEAR].max()) if len(labelled) else last)
        first = min(int(labelled[C.YEAR].min()), span[0] or last)
        years = range(first, last + 1)
    reports = []
    for year in years:  # one card per year
        own = list(warnings)
        card.card_year(labelled, year, ledger, own)
        reports.append(
            _year_report(
                ledger,
                rules,
                labelled,
                cuts,
                own,
                year,
                (target, target_pppk),
                starts,
                period,
                approved_only,
            )  # fmt: skip
        )
    return reports


def _labelled(
    ledger: Ledger, result: pd.DataFrame, period: str, warnings: list[Problem]
) -> tuple[pd.DataFrame, pd.Series]:
    """``result`` with the PPPK measured by contract year labelled by their contract years, and
    those employees' tmt (NIP -> tmt); the warnings about the roster said once."""
    starts = _contract_starts(ledger, period, warnings)
    return periods.by_contract_year(result, starts), starts


def _computed(ledger, rules, target, skip_errors, until, partitions, processes, approved_only):
    """Every counted row's JP (all years), the cap cuts, and the warnings so far."""
    card.check_countable(ledger, skip_errors, target)
    kegiatan, warnings = _counted_rows(ledger, until, approved_only)
    result, cuts = compute_partitioned(kegiatan, rules, partitions, processes, approved_only)
    return result, cuts, warnings


def _year_report(
    ledger, rules, result, cuts, warnings, year, targets, starts, period, approved_only
) -> Report:
    """The report of ``year`` from the computed rows (labelled by each employee's period): the
    targets per status (``targets``: --target, --target-pppk), the Lampiran II card and the
    ceiling and tmt warnings."""
    targets = card.status_targets(rules, *targets)
    kartu = card.build_kartu(
        result, year, ledger.pegawai, targets, all_activities=ledger.kegiatan,
        contract_starts=starts,
    )  # fmt: skip
    warnings += card.over_ceiling(kartu, rules, ledger)
    warnings += card.before_contract(kartu, starts, ledger)
    return Report(
        rules=rules,
        year=int(year),
        target=targets["PNS"],
        ledger=ledger,
        result=result,
        cuts=cuts,
        kartu=kartu,
        warnings=tuple(warnings),
        skipped=ledger.n_error_rows if ledger.errors else 0,
        approved_only=approved_only,
        period=period,
    )


def _contract_starts(ledger: Ledger, period: str, warnings: list[Problem]) -> pd.Series:
    """NIP -> tmt of the PPPK measured by contract year (none unless ``period`` is "kontrak");
    a PPPK on the roster without a tmt is measured by calendar year, with a warning."""
    if period != periods.CONTRACT:
        return periods.contract_starts(None)
    pegawai = ledger.pegawai
    if pegawai is None or not len(pegawai):
        warnings.append(Problem(file=ledger.file, level="peringatan", code="contract_no_roster"))
        return periods.contract_starts(None)
    missing = pegawai[(pegawai[C.EMPLOYMENT] == "PPPK") & pegawai[C.CONTRACT_START].isna()]
    nips = pd.unique(ledger.kegiatan[C.NIP].astype(object)) if len(ledger.kegiatan) else []
    absent = np.setdiff1d(np.asarray(nips, dtype=str), pegawai[C.NIP].to_numpy(dtype=str))
    absent = absent[cells.status_from_nip(absent.astype(object)) == "PPPK"]
    for code, nip, name in (("contract_no_tmt", missing[C.NIP], missing[C.NAME]),
                            ("contract_not_on_roster", absent, [""] * len(absent))):  # fmt: skip
        if len(nip):
            warnings.append(
                Problem(
                    file=ledger.file,
                    level="peringatan",
                    code=code,
                    args=(len(nip), _some(list(nip), list(name))),
                )  # fmt: skip
            )
    return periods.contract_starts(pegawai)


def _some(nips: list, names: list) -> str:
    """'NIP Nama, NIP Nama … dan N lagi': the first employees of a list."""
    return first_few([f"{nip} {name}".strip() for nip, name in zip(nips, names)])


class EmployeeLedger(NamedTuple):
    """One employee's rows of a ledger, and the years the whole file spans."""

    ledger: Ledger
    latest: int | None  # the latest year written in the whole file
    first: int | None  # the earliest


def employee_ledger(
    path: Path,
    rules: RuleSet,
    nip: str,
    roster_path: Path | None = None,
    column: dict[str, str] | None = None,
    read_ahead: ReadAhead | None = None,
    sheet: str | None = None,
) -> EmployeeLedger | None:
    """``jp kartu --nip``: the ledger cut to the rows whose NIP begins with ``nip`` — only they
    are checked and computed; in a CSV only they become pandas cells, and a CSV or Parquet
    ledger of several parts (``--partisi auto``) is read block by block — and the latest year
    written in the whole file (the card's default year; docs/tafsir.md, "Tahun") and the earliest
    (``jp riwayat``). None when no row matches: the whole ledger then says why.
    A warning counts the other employees' rows, which are not checked."""
    wanted = re.sub(r"[\s.\-]", "", nip.strip().lstrip("'"))
    if not wanted.isdigit():
        return None
    pick = _EmployeeRows(wanted)
    table = _streamed_pick(Path(path), column, pick) if sheet is None else None
    roster_table = None
    if table is None:
        pick = _EmployeeRows(wanted)
        table, roster_table = read_ledger(
            Path(path), KEGIATAN, PEGAWAI, column, read_ahead, sheet, pick
        )
    if table.frame.empty:
        return None
    kegiatan, problems, n_rows = normalize_activities(table, rules, dt.date.today())
    if pick.others:
        problems.append(
            table.place(level="peringatan", code="other_rows_unchecked", args=(pick.others,))
        )
    pegawai, roster_problems = checked_roster(roster_table, roster_path)
    problems = problems + roster_problems
    ledger = Ledger(
        file=table.file, kegiatan=kegiatan, pegawai=pegawai, problems=problems, n_rows=n_rows,
        sheet=table.sheet, headers=dict(table.headers),
    )  # fmt: skip
    return EmployeeLedger(ledger, pick.latest, pick.first)


class _EmployeeRows:
    """The pick of ``employee_ledger``: the rows whose NIP's digits begin with ``wanted``; on
    the way it counts the other employees' rows and the years written (over every block when
    the file is read in blocks)."""

    def __init__(self, wanted: str):
        self.wanted = wanted
        self.others = 0
        self.first: int | None = None
        self.latest: int | None = None

    def __call__(self, columns: RowCells) -> np.ndarray:
        nips = columns.of(C.NIP)
        if nips is None:
            return np.zeros(columns.n_rows, dtype=bool)
        codes, texts = nips[0], _texts(nips[1])
        mine = _per_cell((codes, texts), lambda t: _starts_with_digits(t, self.wanted))
        filled = _per_cell((codes, texts), lambda t: np.char.str_len(np.char.strip(t)) > 0)
        self.others += int((~mine & filled).sum())
        first, latest = _years_written(columns)
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
            self.latest = latest if self.latest is None else max(self.latest, latest)
        return mine


def _streamed_pick(path: Path, column: dict[str, str] | None, pick: _EmployeeRows):
    """The employee's rows of a ledger large enough to be read in parts, block by block
    (``files.stream.picked_table``), or None: read whole then."""
    from jpcli.files.sniff import auto_parts
    from jpcli.files.stream import NotStreamable, picked_table

    streamed = _streamed(path, auto_parts(path) if path.is_file() else 1, column)
    if streamed is None:
        return None
    try:
        return picked_table(streamed, pick)
    except NotStreamable:  # an irregular record further down: read whole after all
        return None


def _texts(cells: np.ndarray) -> np.ndarray:
    """Distinct cells as a numpy text array (a workbook's numbers and dates as ``str`` shows
    them)."""
    return cells.astype(str) if len(cells) else np.zeros(0, dtype=str)


def _starts_with_digits(texts: np.ndarray, wanted: str) -> np.ndarray:
    """Do the digits of each distinct text begin with ``wanted``? (In bulk for the texts that are
    digits only, as most NIP cells are.)"""
    plain = np.char.isdecimal(texts)
    found = plain & np.char.startswith(texts, wanted)
    for i in np.flatnonzero(~plain):
        found[i] = _digits(texts[i]).startswith(wanted)
    return found


def _digits(value: object) -> str:
    """The decimal digits of a cell, in order (most NIP cells are nothing else)."""
    text = str(value)
    return text if text.isdecimal() else _NOT_DIGIT.sub("", text)


_NOT_DIGIT = re.compile(r"\D")


def _per_cell(cells: tuple[np.ndarray, np.ndarray], answer, blank=False) -> np.ndarray:
    """``answer`` (distinct cells -> one answer each) for every row of a column given as
    (codes, distinct cells) (``read.RowCells``); ``blank`` for an empty cell (code -1)."""
    codes, distinct = cells
    return np.append(answer(distinct), blank)[codes]


def _years_written(columns: RowCells) -> tuple[int | None, int | None]:
    """The earliest and latest year among the rows' end dates as written (the end date, else the
    start date, else the certificate's), read once per distinct cell; unreadable dates are left
    out."""
    years = np.zeros(columns.n_rows, dtype=np.int16)
    open_ = slice(None)  # the rows without a year yet: all, then few (as positions)
    for column in C.ONE_EMPLOYEE_WHOLE_FILE[1:]:
        written = columns.of(column)
        if written is not None:
            codes, distinct = written
            years[open_] = np.append(_years(distinct), 0).astype(np.int16)[codes[open_]]
            open_ = np.flatnonzero(years == 0)
    known = years[years > 0]
    return (int(known.min()), int(known.max())) if len(known) else (None, None)


def _years(distinct: np.ndarray) -> np.ndarray:
    """The year of each distinct date cell (0: not a readable date); the plain forms in bulk."""
    plain, days = cells.parse_dates_fast(distinct)
    return np.array(
        [day.year if ok else _year_or_zero(v) for v, ok, day in zip(distinct, plain, days)],
        dtype=np.int64,
    )


def _year_or_zero(value: object) -> int:
    try:
        day = cells.parse_date(value)
    except cells.Reject:
        return 0
    return day.year if day is not None else 0


def streamed_report(
    path: Path,
    rules: RuleSet,
    partitions: int,
    processes: int = 1,
    roster_path: Path | None = None,
    column: dict[str, str] | None = None,
    **compute,
) -> Report | None:
    """``jp hitung`` of a large CSV ledger partitioned while it is read (``core.parts``), or None
    when the file is not one to stream (a workbook, a small or irregular CSV: ``build_report``
    on the whole ledger then; also with ``period="kontrak"``). ``compute``: year, target,
    target_pppk, skip_errors, approved_only, period."""
    from jpcli.core import parts
    from jpcli.files.stream import NotStreamable

    if compute.pop("period", periods.CALENDAR) != periods.CALENDAR:
        return None  # contract years need each row's end date beside the roster: read whole
    streamed = _streamed(Path(path), partitions, column)
    if streamed is None:
        return None
    try:
        return parts.parted_report(
            streamed, rules, partitions, processes, roster_path=roster_path, **compute
        )
    except NotStreamable:  # an irregular record further down: read whole after all
        return None


def streamed_check(
    path: Path,
    rules: RuleSet,
    partitions: int,
    processes: int = 1,
    roster_path: Path | None = None,
    column: dict[str, str] | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    period: str = periods.CALENDAR,
    **compute,
) -> ShortfallReport | None:
    """``jp cek`` of a large CSV ledger partitioned while it is read, or None (as
    ``streamed_report``). The same year, date and counting as ``check_targets``: without --tahun
    and --per-tanggal the year is the latest among the valid rows, known only once the parts are
    computed; they are counted up to today, which is what that year's check counts unless the
    year is after this one (rows dated next year): then they are counted again, without the
    date. ``compute``: target, target_pppk, skip_errors, approved_only."""
    from jpcli.core import parts
    from jpcli.files.stream import NotStreamable

    today = today or dt.date.today()
    streamed = None if period != periods.CALENDAR else _streamed(Path(path), partitions, column)
    if streamed is None:
        return None
    year, as_of, counting = _check_counting(year, as_of, today)
    try:
        report, used = parts.parted_check(
            streamed, rules, partitions, counting, processes, roster_path, year, **compute
        )
    except NotStreamable:
        return None
    as_of = as_of or shortfall.check_date(report.year, today)
    return shortfall.assess(report, as_of, used=used)


def _streamed(path: Path, partitions: int, column: dict[str, str] | None):
    """The ledger as ``files.stream`` reads it block by block, or None when it is not one to
    stream (one part, a workbook, not CSV or Parquet, empty, or irregular in its first rows)."""
    from jpcli.files.read import file_kind
    from jpcli.files.stream import NotStreamable, stream_csv, stream_parquet

    if partitions <= 1 or not path.is_file() or path.suffix.lower() in WORKBOOK_SUFFIXES:
        return None
    try:
        kind = file_kind(path)
        if kind not in ("csv", "parquet") or path.stat().st_size == 0:
            return None
        stream = stream_csv if kind == "csv" else stream_parquet
        return stream(path, str(path), KEGIATAN, column)
    except (NotStreamable, InputError, OSError):  # the whole-file reader says what is wrong
        return None


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".json")


def check_targets(
    ledger: Ledger,
    rules: RuleSet,
    year: int | None = None,
    target: float | None = None,
    skip_errors: bool = False,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    approved_only: bool = False,
    target_pppk: float | None = None,
    period: str = periods.CALENDAR,
) -> ShortfallReport:
    """``jp cek``: the year's card counted up to ``as_of`` (default: today in the year checked,
    else its last day), then who is below target and how they can still reach it."""
    today = today or dt.date.today()
    if year is None:
        year = (
            as_of.year
            if as_of
            else card.latest_year(
                ledger.kegiatan.assign(**{C.YEAR: ledger.kegiatan[C.END].dt.year})
            )
        )
    if year is not None and as_of is None:
        as_of = shortfall.check_date(year, today)
    report = build_report(
        ledger,
        rules,
        year=year,
        target=target,
        skip_errors=skip_errors,
        until=as_of,
        approved_only=approved_only,
        target_pppk=target_pppk,
        period=period,
    )
    return shortfall.assess(report, as_of or dt.date(report.year, 12, 31))


def _counted_rows(
    ledger: Ledger, until: dt.date | None, approved_only: bool
) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows to compute (finished by ``until``), and the ledger's warnings with what was left
    out: rows with errors (--lewati-salah), rows not yet approved (--hanya-disetujui)."""
    warnings = list(ledger.warnings)
    here = {"file": ledger.file, "sheet": ledger.sheet, "level": "peringatan"}
    if ledger.errors:
        warnings.append(Problem(**here, code="error_rows_skipped", args=(ledger.n_error_rows,)))
    kegiatan = ledger.kegiatan
    if until is not None:
        kegiatan = kegiatan[kegiatan[C.END] <= pd.Timestamp(until)]
    if approved_only:
        pending = kegiatan.loc[~kegiatan[C.STATUS].isin(["disetujui", "ditolak"]), C.ROW].tolist()
        if pending:
            warnings.append(
                Problem(
                    **here, row_no=pending[0], code="not_approved_skipped", args=(tuple(pending),)
                )
            )
    return kegiatan, warnings


def nip_partition(nip: pd.Series, partitions: int) -> np.ndarray:
    """The partition (0 .. partisi-1) of every row, by a stable hash of its NIP: all of one
    employee's rows land in the same partition, whatever file or machine they are read on."""
    if isinstance(nip.dtype, pd.CategoricalDtype):
        per_category = (
            pd.util.hash_array(np.asarray(nip.cat.categories, dtype=object), categorize=False)
            % partitions
        )
        return per_category[nip.cat.codes.to_numpy()].astype(np.int64)
    return (pd.util.hash_array(nip.to_numpy(dtype=object), categorize=True) % partitions).astype(
        np.int64
    )


def compute_partitioned(
    kegiatan: pd.DataFrame,
    rules: RuleSet,
    partitions: int = 1,
    processes: int = 1,
    approved_only: bool = False,
):
    """``compute.compute_jp`` on NIP-hash partitions, one after another or on ``processes``
    processes.

    Every cap is per employee, so each partition is independent and the concatenated result
    equals the whole-ledger one (tests/test_skala.py). This is the function to run per
    partition under another engine (Dask, a job per file) for ledgers beyond one machine.
    """
    if partitions <= 1:
        return compute.compute_jp(kegiatan, rules, approved_only)
    parts = nip_partition(kegiatan[C.NIP], partitions)
    pieces = [kegiatan[parts == i] for i in range(partitions)]
    if processes > 1:
        from concurrent.futures import ProcessPoolExecutor
        from itertools import repeat

        with ProcessPoolExecutor(max_workers=processes) as pool:
            part_results = list(
                pool.map(compute.compute_jp, pieces, repeat(rules), repeat(approved_only))
            )
    else:
        part_results = [compute.compute_jp(p, rules, approved_only) for p in pieces]
    result = pd.concat([h for h, _ in part_results]).loc[kegiatan.index]
    cuts = pd.concat([p for _, p in part_results]).sort_values([C.ROW, C.PERIOD], ignore_index=True)
    return result, cuts


def _whole_checked(path, rules, roster_path, column, read_ahead, sheet) -> Ledger:
    """``load_ledger``, a large CSV normalized in two halves on two threads (``parts.halves``,
    nothing counted): the same problems in the same order."""
    from jpcli.core import parts

    table, roster_table = read_ledger(Path(path), KEGIATAN, PEGAWAI, column, read_ahead, sheet)
    if not _in_halves(table, roster_table, {}):
        return _checked(table, roster_table, rules, roster_path, dt.date.today())
    header, gathered = parts.halves(table, rules, False, None, parts.Counting(check_only=True))
    return parts.merged_ledger(header, gathered.parts, roster_path)


def _checked_in_parts(
    streamed, n_parts: int, rules: RuleSet, roster_path: Path | None
) -> Ledger | None:
    """The ledger's problems and counts, its parts normalized one at a time (nothing computed),
    or None when a record further down is irregular (read whole then)."""
    from jpcli.core import parts
    from jpcli.files.stream import NotStreamable

    work = (streamed.header, rules, False, 1, None)
    try:
        gathered = parts.parted(streamed, n_parts, work, None, parts.Counting(check_only=True))
    except NotStreamable:
        return None
    return parts.merged_ledger(streamed.header, gathered.parts, roster_path)


def validate(
    path: Path,
    rules: RuleSet,
    roster_path: Path | None = None,
    column: dict[str, str] | None = None,
    read_ahead: ReadAhead | None = None,
    sheet: str | None = None,
) -> Validation:
    """Read and check only: every problem with its place, nothing computed. A CSV or Parquet
    ledger of several parts (``--partisi auto``) is checked part by part (``core.parts``), in
    bounded memory, with the same problems in the same order."""
    from jpcli.files.sniff import auto_parts

    try:
        n_parts = auto_parts(path) if sheet is None else 1
        streamed = _streamed(Path(path), n_parts, column)
        ledger = _checked_in_parts(streamed, n_parts, rules, roster_path) if streamed else None
        if ledger is None:
            ledger = _whole_checked(path, rules, roster_path, column, read_ahead, sheet)
    except InputError as exc:  # the file could not be read at all
        return Validation(file=str(path), place=str(path), problems=tuple(exc.problems))
    place = ledger.file + (f" [{ledger.sheet}]" if ledger.sheet else "")
    return Validation(
        file=str(path),
        place=place,
        problems=tuple(ledger.problems),
        n_rows=ledger.n_rows,
        headers=ledger.headers,
        jenis_source=ledger.jenis_source,
    )
