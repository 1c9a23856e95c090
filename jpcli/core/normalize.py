"""Raw table -> typed, validated records, plus every problem with its place.

The typed activity frame (columns named in ``core.schema``) is what the rest of the pipeline
trusts. The checks run in order over one ``Rows`` record, each a named function (as
beancount's validations): they fill in what they derive and add problems as codes (worded by
``jpcli.words``). Every check is a vectorised operation on the parsed columns' codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from jpcli.core import cells
from jpcli.core import schema as C
from jpcli.core.parsed import (
    CodedKey,
    ParsedColumn,
    ProblemCollector,
    column_from,
    merge_sources,
    parse_column,
)
from jpcli.core.row_facts import RowFacts
from jpcli.files.columns import PEGAWAI, match_key
from jpcli.files.read import Table, read_table
from jpcli.problems import Problem
from jpcli.rules import LINGKUP, TOLERANCE, RuleSet

_TOTAL_ROW_WORDS = (C.QUANTITY, C.TOTAL, "jml", "grand_total", "sub_total", "subtotal")
JENIS_SOURCES = (
    "sub_jenis",
    C.JENIS,
    "jenis_siasn",
)  # per row, the first one understood gives the jenis
DATE_SOURCES = (C.START, C.END, "tanggal_sertifikat")
# More JP in one calendar day than a person can attend (12 x 45 minutes = 9 hours): likely a
# multi-day program written with one date, or a total typed where a daily figure belongs.
PLAUSIBLE_JP_PER_DAY = 12


@dataclass
class Rows:
    """The activity sheet while it is checked: parsed columns, what the checks derive, the
    problems."""

    table: Table
    rules: RuleSet
    today: dt.date
    k: dict[str, ParsedColumn]
    active: np.ndarray  # rows that are activities (not blank, not a total row)
    collect: ProblemCollector
    jenis: ParsedColumn | None = None
    jenis_source: np.ndarray | None = None  # per row: which of JENIS_SOURCES gave the jenis
    lingkup: ParsedColumn | None = None
    start: np.ndarray | None = None
    end: np.ndarray | None = None
    start_derived: np.ndarray | None = None  # no start date written: it is the end date
    facts: RowFacts | None = None
    quantity: np.ndarray | None = None
    jp_stated: np.ndarray | None = None
    span: np.ndarray | None = None
    status: np.ndarray | None = None
    extra: dict = field(default_factory=dict)

    @property
    def valid(self) -> np.ndarray:
        return self.active & ~self.collect.errors


def normalize_activities(
    table: Table, rules: RuleSet, today: dt.date
) -> tuple[pd.DataFrame, list[Problem], int]:
    """Typed activity rows that passed every check, all problems, and the count of activity rows
    read."""
    k = _parse_activities(table.frame, rules)
    blank, total = _blank_and_total_rows(table.frame, k)
    rows = Rows(
        table=table,
        rules=rules,
        today=today,
        k=k,
        active=~blank & ~total,
        collect=ProblemCollector(table),
    )
    rows.collect.rejected = rows.active & (k[C.STATUS].values_u == "ditolak")[k[C.STATUS].code]
    rows.collect.add(total, None, "total_row", level="peringatan")
    for check in CHECKS:
        check(rows)
    kegiatan = _typed_frame(rows)
    _check_duplicates(rows, kegiatan)
    found = rows.collect.problems() + _name_warnings(kegiatan, rows)
    found += _semester_warnings(kegiatan, table)
    return kegiatan, table.problems + sorted(found, key=problem_order), int(rows.active.sum())


def problem_order(problem: Problem) -> tuple:
    """The order of a ledger's problems: by row; then each NIP written with several names, by
    NIP; then too many semesters, by NIP and year. A ledger checked in parts (core.parts) sorts
    its parts' problems by it and gets the single pass's list."""
    if problem.code == "name_conflict":
        return (1, str(problem.args[0]), 0)
    if problem.code == "many_semesters":
        return (2, str(problem.args[0]), int(problem.args[2]))
    return (0, problem.row_no or 0, 0)


def _parse_activities(frame: pd.DataFrame, rules: RuleSet) -> dict[str, ParsedColumn]:
    nat = np.datetime64("NaT")
    jenis = JenisReader(rules)
    return {
        C.NIP: parse_column(frame, C.NIP, cells.parse_nip, object, "", fast=cells.parse_nips_fast),
        C.NAME: parse_column(frame, C.NAME, cells.parse_text, object, ""),
        "sub_jenis": parse_column(frame, "sub_jenis", jenis.name, object, ""),
        C.JENIS: parse_column(frame, C.JENIS, jenis.name, object, ""),
        "jenis_siasn": parse_column(frame, "jenis_siasn", jenis.siasn, object, ""),
        # a blank lingkup is nasional (docs/tafsir.md, "Lingkup")
        C.LINGKUP: parse_column(frame, C.LINGKUP, cells.parse_lingkup, object, "nasional"),
        **{
            col: parse_column(
                frame, col, cells.parse_date, "datetime64[s]", nat, fast=cells.parse_dates_fast
            )
            for col in DATE_SOURCES
        },
        **{
            col: parse_column(frame, col, cells.parse_number, float, np.nan)
            for col in (C.QUANTITY, "hari", "jp")
        },
        C.STATUS: parse_column(frame, C.STATUS, cells.parse_status, object, ""),
        **{
            col: parse_column(frame, col, cells.parse_text, object, "")
            for col in (C.TITLE, C.ORGANISER, "keterangan", "nomor_sertifikat", "alasan")
        },
    }


def _blank_and_total_rows(
    frame: pd.DataFrame, k: dict[str, ParsedColumn]
) -> tuple[np.ndarray, np.ndarray]:
    """Blank rows (every known column empty) and total rows ("JUMLAH", no jenis, no date) are not
    activities."""
    blank = blank_in_all(k.values(), len(frame))
    without = blank_in_all([k[c] for c in (*JENIS_SOURCES, *DATE_SOURCES)], len(frame))
    candidates = np.flatnonzero(~blank & without)
    total = np.zeros(len(frame), dtype=bool)
    if len(candidates):
        row_texts = frame.iloc[candidates].astype(str)
        for i, row in zip(
            candidates, row_texts.itertuples(index=False)
        ):  # only rows without jenis and date
            total[i] = any(match_key(v).startswith(_TOTAL_ROW_WORDS) for v in row)
    return blank, total


def blank_in_all(columns, n: int) -> np.ndarray:
    """Rows blank in every one of ``columns`` (parsed columns). A column blank throughout (one
    the file lacks) changes nothing; once no row is left the rest are not looked at."""
    blank = np.ones(n, dtype=bool)
    for parsed in columns:
        if parsed.blank_u.all():
            continue
        blank &= parsed.blank
        if not blank.any():
            break
    return blank


# ---------------------------------------------------------------- the checks, in order


def check_cells(rows: Rows) -> None:
    """Every cell that could not be read (the jenis columns are judged together, next)."""
    for column, parsed in rows.k.items():
        if column not in JENIS_SOURCES:
            rows.collect.add_refusals(rows.active & parsed.has_error, column, parsed)


def check_jenis(rows: Rows) -> None:
    """The jenis, from the first of its columns understood on each row; its refusal otherwise."""
    rows.jenis, rows.jenis_source = merge_sources([rows.k[c] for c in JENIS_SOURCES])
    for i, column in enumerate(JENIS_SOURCES):
        rows.collect.add_refusals(
            rows.active & rows.jenis.has_error & (rows.jenis_source == i), column, rows.jenis
        )


def check_required(rows: Rows) -> None:
    """NIP, jenis and a date are needed on every activity row."""
    k, headers = rows.k, rows.table.headers
    jenis_column = next((c for c in JENIS_SOURCES if c in headers), C.JENIS)
    date_column = next((c for c in DATE_SOURCES if c in headers), C.START)
    date_blank = np.logical_and.reduce([k[c].blank for c in DATE_SOURCES])
    for column, missing, code in (
        (C.NIP, k[C.NIP].blank, "nip_blank"),
        (jenis_column, rows.jenis.blank, "jenis_blank"),
        (date_column, date_blank, "date_blank"),
    ):
        rows.collect.add(rows.active & missing, column, code)


def check_lingkup_from_name(rows: Rows) -> None:
    """A jenis written with its scope ("Seminar Internasional", "Webinar Nasional") sets a blank
    lingkup; a lingkup cell that says otherwise is an error. Names where "Nasional" is part of the
    name (Pelatihan Kepemimpinan Nasional) match whole and state no scope."""
    lingkup, jenis = rows.k[C.LINGKUP], rows.jenis
    from_name_u = np.array(
        [
            rows.rules.find_with_lingkup(v)[1] if j else None
            for v, j in zip(jenis.raw_u, jenis.values_u)
        ],
        dtype=object,
    )
    from_name = from_name_u[jenis.code]
    present = from_name != None  # noqa: E711
    rows.lingkup = lingkup
    if not present.any():
        return
    written = lingkup.value
    differs = rows.active & present & ~lingkup.blank & ~lingkup.has_error & (written != from_name)
    rows.collect.add(
        differs,
        C.LINGKUP,
        "lingkup_conflict",
        lingkup.raw_text,
        jenis.raw_text,
        lambda pos: from_name[pos],
        parsed=lingkup,
    )
    rows.lingkup = column_from(np.where(lingkup.blank & present, from_name, written).astype(object))


def check_dates(rows: Rows) -> None:
    """Start and end of each row (docs/tafsir.md, "Tanggal"). End: tanggal_selesai; when blank, the
    start; when the start is blank too, the certificate date. Start: tanggal_mulai; when blank, the
    end."""
    start_col, end_col, certificate_col = (rows.k[c] for c in DATE_SOURCES)
    end = np.where(
        ~end_col.blank,
        end_col.value,
        np.where(~start_col.blank, start_col.value, certificate_col.value),
    )
    rows.start_derived = start_col.blank
    rows.start = np.where(rows.start_derived, end, start_col.value)
    rows.end = end
    reversed_ = (
        rows.active
        & ~rows.start_derived
        & ~end_col.blank
        & ~np.isnat(rows.start)
        & ~np.isnat(end)
        & (end < rows.start)
    )
    rows.collect.add(
        reversed_, C.END, "end_before_start", end_col.raw_text, start_col.raw_text, parsed=end_col
    )
    rows.span = (end - rows.start).astype("timedelta64[D]").astype(
        float
    ) + 1  # NaN where a date is missing


def check_international(rows: Rows) -> None:
    """International rows of a jenis the table converts only nationally ("-")."""
    by_code, jenis, lingkup = rows.rules.by_code, rows.jenis, rows.lingkup
    no_international = np.array(
        [bool(j) and by_code[j].international is None for j in jenis.values_u]
    )[jenis.code]
    wrong = rows.active & no_international & (lingkup.values_u == "internasional")[lingkup.code]
    names = np.array([by_code[j].name if j else "" for j in jenis.values_u], dtype=object)
    citations = np.array([by_code[j].citation if j else "" for j in jenis.values_u], dtype=object)
    rows.collect.add(
        wrong,
        C.LINGKUP,
        "no_international",
        lambda pos: names[jenis.code[pos]],
        lambda pos: citations[jenis.code[pos]],
        parsed=lingkup,
    )
    rows.facts = RowFacts.from_(jenis, lingkup, rows.rules)


def check_quantity(rows: Rows) -> None:
    """The quantity in the jenis' unit, and the JP as stated (docs/tafsir.md, "JP tertulis").

    ``jumlah`` is the quantity in the unit of the jenis; ``hari`` a number of days (a quantity only
    for jenis counted in days); ``jp`` the JP written on the certificate. Unit JP: the program's JP
    is ``jumlah``, else ``jp``. Unit hari: ``jumlah``, else ``hari``, else the calendar days of the
    span. kegiatan/semester: ``jumlah``, else 1. A stated ``jp`` is never multiplied.
    """
    k, facts, collect = rows.k, rows.facts, rows.collect
    quantity_col, days_col, jp_col = k[C.QUANTITY], k["hari"], k["jp"]
    for name, parsed in ((C.QUANTITY, quantity_col), ("hari", days_col), ("jp", jp_col)):
        collect.add(
            rows.active & parsed.per_row(parsed.filled_u & (parsed.values_u.astype(float) <= 0)),
            name,
            "not_positive",
            name,
            parsed.raw_text,
            parsed=parsed,
        )
    rows.jp_stated = jp_col.per_row(_usable(jp_col))
    unit_jp, unit_hari = facts.has_satuan("JP"), facts.has_satuan("hari")
    whole = facts.has_satuan("kegiatan", "semester")
    given = quantity_col.filled
    quantity = quantity_col.per_row(_usable(quantity_col))
    quantity = np.where(unit_jp & ~given, rows.jp_stated, quantity)
    quantity = np.where(
        unit_hari & ~given, np.where(days_col.filled, days_col.value, rows.span), quantity
    )
    rows.quantity = np.where(whole & ~given, 1.0, quantity)

    collect.add(
        rows.active & unit_jp & quantity_col.blank & jp_col.blank,
        C.QUANTITY,
        "jp_blank",
        lambda pos: rows.jenis.value[pos],
    )
    values_u = quantity_col.values_u
    fractional = (
        rows.active
        & given
        & whole
        & quantity_col.per_row((values_u > 0) & (np.floor(values_u) != values_u))
    )
    collect.add(
        fractional,
        C.QUANTITY,
        "quantity_not_whole",
        facts.satuan,
        quantity_col.raw_text,
        parsed=quantity_col,
    )


def _usable(parsed: ParsedColumn) -> np.ndarray:
    """Per distinct value of a number column: the number when usable, else NaN."""
    return np.where(parsed.filled_u, parsed.values_u, np.nan)


def check_quantity_bounds(rows: Rows) -> None:
    """No row holds more than ``cells.QUANTITY_MAX`` of its satuan, nor states more JP than a JP
    row may hold (docs/tafsir.md, "Angka yang masuk akal"): a larger figure is a typing mistake,
    refused before any integer arithmetic."""
    k, facts, collect = rows.k, rows.facts, rows.collect
    limit = np.full(len(rows.quantity), np.inf)
    for satuan, most in cells.QUANTITY_MAX.items():
        limit[facts.has_satuan(satuan)] = most
    over = rows.active & ~collect.errors & (np.nan_to_num(rows.quantity) > limit)
    # where the quantity came from: jumlah, hari, jp, or the dates' span (docs/tafsir.md, "JP
    # tertulis")
    origin = np.where(
        k[C.QUANTITY].filled,
        0,
        np.where(facts.has_satuan("JP"), 2, np.where(k["hari"].filled, 1, 3)),
    )
    for i, name in enumerate((C.QUANTITY, "hari", "jp", C.END)):
        parsed = k[name] if name != C.END else None
        collect.add(
            over & (origin == i),
            name,
            "quantity_too_large",
            parsed.raw_text if parsed is not None else rows.span.take,  # the span's days
            facts.satuan,
            lambda pos: limit[pos],
            parsed=parsed,
        )
    too_many_jp = np.nan_to_num(rows.jp_stated) > cells.QUANTITY_MAX["JP"]
    collect.add(
        rows.active & ~collect.errors & too_many_jp,
        "jp",
        "quantity_too_large",
        k["jp"].raw_text,
        "JP",
        cells.QUANTITY_MAX["JP"],
        parsed=k["jp"],
    )


def check_days_within_dates(rows: Rows) -> None:
    """Perlan LAN 10/2018 B.1 no. 7-8 count days: a row cannot hold more days than its dates span
    (not checked when only one date was written: the span is not known)."""
    k = rows.k
    from_column = np.where(k[C.QUANTITY].filled, 0, np.where(k["hari"].filled, 1, -1))
    too_many = (
        rows.active
        & rows.facts.has_satuan("hari")
        & (from_column >= 0)
        & ~np.isnan(rows.span)
        & (rows.quantity > rows.span + 1e-9)
        & ~rows.collect.errors
        & ~rows.start_derived
    )
    for origin, name in ((0, C.QUANTITY), (1, "hari")):
        rows.collect.add(
            too_many & (from_column == origin),
            name,
            "days_over_span",
            k[name].raw_text,
            k[C.START].raw_text,
            lambda pos: rows.end[pos].astype("datetime64[D]").astype(object),
            lambda pos: rows.span[pos],
            parsed=k[name],
        )


def check_stated_jp(rows: Rows) -> None:
    """A stated JP that differs from the table's figure: a warning with both and the arithmetic."""
    facts, unit_jp = rows.facts, rows.facts.has_satuan("JP")
    by_table = np.where(unit_jp, rows.quantity, rows.quantity * facts.jp)
    differs = (
        rows.valid
        & ~np.isnan(rows.jp_stated)
        & (np.abs(rows.jp_stated - by_table) > TOLERANCE)
        & (~unit_jp | rows.k[C.QUANTITY].filled)
    )
    rows.collect.add(
        differs,
        "jp",
        "stated_jp_differs",
        facts.satuan,
        lambda pos: rows.jp_stated[pos],
        lambda pos: rows.quantity[pos],
        facts.name,
        lambda pos: facts.jp[pos],
        facts.lingkup,
        rows.table.headers.get(C.QUANTITY, C.QUANTITY),
        parsed=rows.k["jp"],
        level="peringatan",
    )


def check_implausible(rows: Rows) -> None:
    """Quantities that are possible but most likely a mistake (warnings; the row still counts)."""
    facts, quantity, valid = rows.facts, rows.quantity, rows.valid
    # magang, pertukaran, detasering, patok banding: one activity is worth a fixed JP (no cap)
    fixed = (
        valid
        & rows.k[C.QUANTITY].filled
        & facts.has_satuan("kegiatan")
        & np.isnan(facts.batas)
        & (quantity > 1)
    )
    rows.collect.add(
        fixed,
        C.QUANTITY,
        "fixed_value_many",
        rows.k[C.QUANTITY].raw_text,
        lambda pos: quantity[pos],
        facts.name,
        lambda pos: facts.jp[pos],
        lambda pos: quantity[pos] * facts.jp[pos],
        parsed=rows.k[C.QUANTITY],
        level="peringatan",
    )
    # a reversed row's span is 0 or less (already an error): no division by it
    per_day = np.divide(
        quantity, rows.span, out=np.full(len(quantity), np.nan), where=rows.span > 0
    )
    crowded = (
        valid
        & facts.has_satuan("JP")
        & ~np.isnan(rows.span)
        & (per_day > PLAUSIBLE_JP_PER_DAY + 1e-9)
        & ~rows.start_derived
    )
    # only an end or certificate date: a per-day cap sees the whole program on that one day
    one_date = valid & rows.start_derived & facts.daily & (quantity > facts.batas + 1e-9)
    rows.collect.add(
        one_date,
        None,
        "one_date_capped",
        lambda pos: quantity[pos],
        facts.name,
        lambda pos: facts.batas[pos],
        level="peringatan",
    )
    rows.collect.add(
        crowded,
        C.QUANTITY,
        "jp_per_day_implausible",
        lambda pos: quantity[pos],
        lambda pos: rows.span[pos],
        lambda pos: per_day[pos],
        PLAUSIBLE_JP_PER_DAY,
        level="peringatan",
    )


def check_review_status(rows: Rows) -> None:
    """Verification status as codes of ``cells.STATUS`` (blank and unknown words: pending). A
    rejected row never counts: one warning each, with the verifier's reason."""
    status, valid = rows.k[C.STATUS], rows.valid
    values_u = status.values_u.astype(str)
    known = np.isin(values_u, cells.STATUS)
    code_u = np.where(
        known, pd.Index(cells.STATUS).get_indexer(values_u), cells.STATUS.index("ditinjau")
    )
    rows.status = code_u[status.code].astype(np.int8)
    # PNS/PPPK/CPNS in this column is a status pegawai, not a verifier's word: said as such
    employment = ~known & np.array(
        [cells.parse_employment(v[1:]) in cells.EMPLOYMENT for v in values_u], dtype=bool
    )
    for code, words in (("status_unknown", ~known & ~employment), ("status_is_employment",
                                                                    employment)):  # fmt: skip
        rows.collect.add(
            valid & ~status.blank & words[status.code],
            C.STATUS,
            code,
            status.raw_text,
            parsed=status,
            level="peringatan",
        )
    rejected = valid & (rows.status == cells.STATUS.index("ditolak"))
    reasons = rows.k["alasan"].value
    rows.collect.add(
        rejected,
        C.STATUS,
        "status_rejected",
        status.raw_text,
        lambda pos: reasons[pos],
        parsed=status,
        level="peringatan",
        also_rejected=True,
    )


CHECKS: tuple[Callable[[Rows], None], ...] = (
    check_cells,
    check_jenis,
    check_required,
    check_lingkup_from_name,
    check_dates,
    check_international,
    check_quantity,
    check_quantity_bounds,
    check_days_within_dates,
    check_stated_jp,
    check_implausible,
    check_review_status,
)


# ---------------------------------------------------------------- after the checks


def _typed_frame(rows: Rows) -> pd.DataFrame:
    """The valid rows as the typed activity frame (``core.schema``); its columns are not copied
    again into shared blocks (``copy=False``)."""
    k, valid_pos = rows.k, np.flatnonzero(rows.valid)
    seconds, certified = "datetime64[s]", k["tanggal_sertifikat"].value_at(valid_pos)
    return pd.DataFrame(
        {
            C.ROW: rows.table.frame.index.to_numpy()[valid_pos].astype(np.int64),
            C.NIP: k[C.NIP].categorical(valid_pos),
            C.NAME: k[C.NAME].categorical(valid_pos),
            C.JENIS: rows.jenis.categorical(valid_pos, list(rows.rules.by_code)),
            C.LINGKUP: rows.lingkup.categorical(valid_pos, list(LINGKUP)),
            C.START: rows.start[valid_pos].astype(seconds, copy=False),
            C.END: rows.end[valid_pos].astype(seconds, copy=False),
            C.QUANTITY: rows.quantity[valid_pos],
            C.JP_STATED: rows.jp_stated[valid_pos],
            **{col: k[col].categorical(valid_pos) for col in C.TEXT_COLUMNS},
            C.CERTIFICATE_DATE: certified.astype(seconds, copy=False),
            C.STATUS: pd.Categorical.from_codes(
                rows.status[valid_pos], categories=list(cells.STATUS)
            ),
            C.REVIEW_REASON: k["alasan"].categorical(valid_pos),
            # the column the jenis was read from (SIASN exports hold it in a name or a code column)
            C.JENIS_SOURCE: pd.Categorical.from_codes(
                rows.jenis_source[valid_pos],
                categories=[rows.table.headers.get(c, c) for c in JENIS_SOURCES],
            ),
        },
        copy=False,
    )


def _check_duplicates(rows: Rows, kegiatan: pd.DataFrame) -> None:
    """Exact repeats of an earlier row count once (a warning names the first) and the future is
    flagged."""
    k, n, valid_pos = rows.k, rows.collect.n, np.flatnonzero(rows.valid)
    future = _spread(valid_pos, rows.end[valid_pos] > np.datetime64(rows.today, "D"), n)
    rows.collect.add(
        future,
        C.END,
        "future_date",
        parsed=k[C.END] if not k[C.END].blank.all() else None,
        level="peringatan",
    )
    keys = [
        k[C.NIP].value_key(),
        rows.jenis.value_key(),
        rows.lingkup.value_key(),
        k[C.STATUS].value_key(),
        rows.start.view(np.int64),
        rows.end.view(np.int64),
        rows.quantity.view(np.int64),
        _stated_jp_key(k["jp"]),
        *(k[col].value_key() for col in C.TEXT_COLUMNS),
    ]
    kegiatan[C.DUPLICATE_OF] = mark_duplicates(kegiatan, keys, valid_pos)
    duplicate = kegiatan[C.DUPLICATE_OF].to_numpy() > 0
    if duplicate.any():
        first = np.zeros(n, dtype=np.int64)
        first[valid_pos] = kegiatan[C.DUPLICATE_OF].to_numpy()
        rows.collect.add(
            _spread(valid_pos, duplicate, n),
            None,
            "duplicate",
            lambda pos: first[pos],
            level="peringatan",
        )


def _stated_jp_key(jp: ParsedColumn) -> CodedKey:
    """The JP stated on each row (``Rows.jp_stated``; blank or refused: none) as a duplicate
    key, held per distinct cell of the ``jp`` column."""
    stated_u = np.where(~jp.blank_u & (jp.error_u == None), jp.values_u, np.nan)  # noqa: E711
    return CodedKey(np.nan_to_num(stated_u.astype(float), nan=-1.0).view(np.int64), jp.code)


def _spread(pos: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """A mask over the valid rows -> a mask over all rows read."""
    out = np.zeros(n, dtype=bool)
    out[pos[mask]] = True
    return out


# Spellings are suggested for this many distinct unknown jenis values, the first in the sheet: each
# costs difflib about half a millisecond, and thousands of unknown words mean a wrong column.
SUGGESTED_JENIS = 200


class JenisReader:
    """Reads the jenis cells of one sheet (each distinct value once), with spelling suggestions
    for the first ``SUGGESTED_JENIS`` unknown values only."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.suggestions_left = SUGGESTED_JENIS

    def name(self, value: object) -> str | None:
        if cells.is_blank(value):
            return None
        code = self.rules.find(value)
        if code is not None:
            return code
        if self.suggestions_left <= 0:
            raise cells.Reject("jenis_unknown_unsuggested", cells.shown(value))
        self.suggestions_left -= 1
        suggestions = tuple(suggest_jenis(value, self.rules))
        raise cells.Reject("jenis_unknown", cells.shown(value), suggestions)

    def siasn(self, value: object) -> str | None:
        """SIASN's jenisDiklatId (1-25) -> jenis; a name written in that column is looked up as
        a name."""
        if cells.is_blank(value):
            return None
        try:
            number = cells.parse_number(value)
        except cells.Reject:
            return self.name(value)
        rules = self.rules
        if number is not None and float(number).is_integer() and int(number) in rules.by_siasn:
            return rules.by_siasn[int(number)]
        raise cells.Reject("siasn_code_unknown", cells.shown(value))


def suggest_jenis(value: object, rules: RuleSet, n: int = 3) -> list[str]:
    """Codes a mistyped jenis probably meant. Spellings that start with the same word come first
    ("seminar nasionl" -> seminar); after them only close spellings counted in the same unit (never
    pelatihan_nasional, counted in JP, for a seminar counted in days). Otherwise the closest
    spellings (difflib, standard library)."""
    import difflib

    keys = rules.key_to_code
    key = match_key(value)
    first_word = key.split("_")[0]
    same_start = [k for k in keys if k.split("_")[0] == first_word]
    ordered = sorted(same_start, key=lambda k: -difflib.SequenceMatcher(None, key, k).ratio())
    close = [keys[k] for k in difflib.get_close_matches(key, list(keys), n=6, cutoff=0.6)]
    if not same_start:
        return list(dict.fromkeys(close))[:n]
    first = [keys[k] for k in ordered]
    satuan = rules.by_code[first[0]].satuan  # others only when counted in the same unit
    return list(dict.fromkeys(first + [d for d in close if rules.by_code[d].satuan == satuan]))[:n]


def mark_duplicates(
    kegiatan: pd.DataFrame,
    keys: list[np.ndarray | CodedKey] | None = None,
    pos: np.ndarray | None = None,
) -> np.ndarray:
    """For each exact repeat of an earlier row, the row number of the first; else 0.

    ``keys``: the compared values as integers, per row of the sheet (the normalizer has them
    already, many as codes into distinct values: ``CodedKey``); ``pos``: the sheet rows that
    are ``kegiatan``'s rows (default: all). Without keys the frame's own columns are compared.
    """
    if kegiatan.empty:
        return np.zeros(0, dtype=np.int64)
    if keys is None:
        keys = _frame_keys(kegiatan)
    # a column equal on every row (a blank keterangan, no stated JP) tells no row apart: not hashed
    keys = [key for key in keys if not _constant(key)] or keys[:1]
    # one 64-bit number per row finds the candidates fast (distinct values hashed, per-row
    # integers mixed in as they are); the exact comparison confirms them
    mixed = np.zeros(len(keys[0].code if isinstance(keys[0], CodedKey) else keys[0]), np.uint64)
    for key in keys:
        mixed *= np.uint64(1_000_003)
        mixed ^= key.hashed() if isinstance(key, CodedKey) else _as_uint64(key)
    if pos is not None:
        mixed = mixed[pos]
    result = np.zeros(len(kegiatan), dtype=np.int64)
    candidates = _repeated(mixed)
    if candidates.any():
        at = np.flatnonzero(candidates) if pos is None else pos[candidates]
        same = [key.at(at) if isinstance(key, CodedKey) else key[at] for key in keys]
        row_no = pd.Series(kegiatan[C.ROW].to_numpy()[candidates])
        first = row_no.groupby(same, sort=False).transform("first").to_numpy()
        result[candidates] = np.where(first != row_no.to_numpy(), first, 0)
    return result


def _repeated(mixed: np.ndarray) -> np.ndarray:
    """Rows whose number occurs more than once. Counting the numbers' top bits first (about four
    buckets per row) leaves only the rows that share a bucket for the exact test."""
    bits = int(min(24, max(16, np.ceil(np.log2(max(len(mixed), 1))) + 2)))
    bucket = (mixed >> np.uint64(64 - bits)).astype(np.intp)
    maybe = np.flatnonzero(np.bincount(bucket, minlength=1 << bits)[bucket] > 1)
    repeated = np.zeros(len(mixed), dtype=bool)
    repeated[maybe] = pd.Series(mixed[maybe]).duplicated(keep=False).to_numpy()
    return repeated


def _as_uint64(key: np.ndarray) -> np.ndarray:
    return np.asarray(key).astype(np.int64, copy=False).view(np.uint64)


def _constant(key: np.ndarray | CodedKey) -> bool:
    return key.constant if isinstance(key, CodedKey) else key.min() == key.max()


def _frame_keys(kegiatan: pd.DataFrame) -> list[np.ndarray]:
    """The compared columns of a typed activity frame as integer codes."""
    columns = [
        C.NIP,
        C.JENIS,
        C.LINGKUP,
        C.START,
        C.END,
        C.QUANTITY,
        C.JP_STATED,
        C.TITLE,
        C.ORGANISER,
        C.NOTE,
    ]
    categorical = (*C.TEXT_COLUMNS, C.NAME, C.JENIS, C.LINGKUP)
    return [
        pd.factorize(
            kegiatan[c].astype(object) if c in categorical else kegiatan[c],
            use_na_sentinel=False,
        )[0]
        for c in columns
        if c in kegiatan
    ]


def _name_warnings(kegiatan: pd.DataFrame, rows: Rows) -> list[Problem]:
    """One warning per NIP written with more than one name."""
    valid_pos, k, table = np.flatnonzero(rows.valid), rows.k, rows.table
    nip_codes = k[C.NIP].value_key().at(valid_pos)
    name_codes = k[C.NAME].value_key().at(valid_pos)
    named = ~k[C.NAME].blank_u[k[C.NAME].code[valid_pos]]
    if not named.any():
        return []
    nips, names = (nip_codes, name_codes) if named.all() else (nip_codes[named], name_codes[named])
    # one of each NIP's names (whichever): a row with another name shows a conflict
    one_name = np.zeros(int(nips.max()) + 1, dtype=names.dtype)
    one_name[nips] = names
    conflicting = np.unique(nips[names != one_name[nips]])
    at = np.flatnonzero(named & np.isin(nip_codes, conflicting))  # their named rows
    found = kegiatan.iloc[at][[C.ROW, C.NAME, C.NIP]].assign(code=nip_codes[at])
    result = []
    for _, named_rows in found.groupby("code", sort=True):  # one warning per NIP, by code
        named_rows = named_rows.drop_duplicates(C.NAME)
        nip = named_rows[C.NIP].iloc[0]
        names = tuple(zip(named_rows[C.NAME].astype(str), named_rows[C.ROW].astype(int)))
        result.append(
            table.place(
                row_no=int(named_rows[C.ROW].iloc[1]),
                column=table.headers.get(C.NAME, C.NAME),
                value=nip,
                level="peringatan",
                code="name_conflict",
                args=(nip, names),
            )
        )
    return result


def _semester_warnings(kegiatan: pd.DataFrame, table: Table) -> list[Problem]:
    """More than two semesters of education finishing in one year for one employee."""
    education = kegiatan[(kegiatan[C.JENIS] == "pendidikan") & (kegiatan[C.DUPLICATE_OF] == 0)]
    if education.empty:
        return []
    education = education.assign(**{C.YEAR: education[C.END].dt.year})
    per_year = education.groupby([C.NIP, C.YEAR], observed=True)
    semesters = per_year[C.QUANTITY].sum()
    many = (semesters > 2).to_numpy()
    # the rows of the years with too many, per group (in the same order as ``semesters``)
    rows_of = (
        education[np.isin(per_year.ngroup().to_numpy(), np.flatnonzero(many))]
        .groupby([C.NIP, C.YEAR], observed=True)[C.ROW]
        .agg(list)
    )
    result = []
    for ((nip, year), total), year_rows in zip(semesters[many].items(), rows_of):
        result.append(
            table.place(
                row_no=int(year_rows[0]),
                column=table.headers.get(C.QUANTITY, C.QUANTITY),
                value=cells.shown(total),
                level="peringatan",
                code="many_semesters",
                args=(nip, cells.shown(total), year, tuple(int(r) for r in year_rows)),
            )
        )
    return result


def error_summary(errors: list[Problem], file: str, sheet: str | None) -> tuple:
    """The closing line of a refused computation, as (code, *args): the rows of the activity sheet
    (``file``, ``sheet``) and of the roster that cannot be used, named apart."""
    rows = {(m.file, m.sheet, m.row_no) for m in errors if m.row_no is not None}
    activity = sum(1 for place in rows if place[:2] == (file, sheet))
    if not rows:  # problems of the file as a whole
        activity = len(errors)
    return ("error_summary", activity, len(rows) - activity if rows else 0, len(errors))


def checked_roster(
    roster_table: Table | None, roster_path: Path | None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The roster and its problems: the file given with ``--pegawai`` (it replaces the
    workbook's own ``pegawai`` sheet), else that sheet, else none."""
    if roster_path is not None:
        roster_table = read_table(Path(roster_path), PEGAWAI)
    if roster_table is None:
        return None, []
    return normalize_roster(roster_table)


def normalize_roster(table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """The roster: nip, nama, unit, subunit, jabatan, target (NaN = the default target)."""
    frame = table.frame
    k = {
        C.NIP: parse_column(frame, C.NIP, cells.parse_nip, object, ""),
        C.NAME: parse_column(frame, C.NAME, cells.parse_text, object, ""),
        C.UNIT: parse_column(frame, C.UNIT, cells.parse_text, object, ""),
        C.SUBUNIT: parse_column(frame, C.SUBUNIT, cells.parse_text, object, ""),
        C.POSITION: parse_column(frame, C.POSITION, cells.parse_text, object, ""),
        C.TARGET: parse_column(frame, C.TARGET, cells.parse_number, float, np.nan),
        C.EMPLOYMENT: parse_column(frame, C.EMPLOYMENT, cells.parse_employment, object, ""),
        C.CONTRACT_START: parse_column(
            frame, C.CONTRACT_START, cells.parse_date, "datetime64[D]", np.datetime64("NaT")
        ),
    }
    blank = np.logical_and.reduce([parsed.blank for parsed in k.values()])
    collect = ProblemCollector(table)
    for column, parsed in k.items():
        if column != C.CONTRACT_START:
            collect.add_refusals(~blank & parsed.has_error, column, parsed)
    # a tmt is only used by --periode kontrak: unreadable, it is said and left blank
    tmt = k[C.CONTRACT_START]
    collect.add(~blank & tmt.has_error, C.CONTRACT_START, "tmt_unreadable", tmt.raw_text,
                parsed=tmt, level="peringatan")  # fmt: skip
    collect.add(~blank & k[C.NIP].blank, C.NIP, "roster_nip_blank")
    target = k[C.TARGET].value
    collect.add(
        ~blank & ~k[C.TARGET].blank & (target <= 0),
        C.TARGET,
        "target_not_positive",
        parsed=k[C.TARGET],
    )
    collect.add(
        ~blank & ~k[C.TARGET].blank & (target > 0) & (target < cells.TARGET_MIN),
        C.TARGET,
        "target_too_small",
        k[C.TARGET].raw_text,
        parsed=k[C.TARGET],
    )
    collect.add(
        ~blank & ~k[C.TARGET].blank & (target > cells.TARGET_MAX),
        C.TARGET,
        "target_too_large",
        k[C.TARGET].raw_text,
        cells.TARGET_MAX,
        parsed=k[C.TARGET],
    )
    nips = pd.Series(k[C.NIP].value)
    repeated = ~blank & ~k[C.NIP].blank & nips.duplicated(keep="first").to_numpy()
    if repeated.any():
        first = pd.Series(frame.index.to_numpy()).groupby(nips).transform("first").to_numpy()
        collect.add(repeated, C.NIP, "roster_nip_repeated", lambda pos: first[pos], parsed=k[C.NIP])
    valid = ~blank & ~collect.errors
    pegawai = pd.DataFrame({col: k[col].value[valid] for col in k})
    for col in (C.NIP, C.NAME, C.UNIT, C.SUBUNIT, C.POSITION):
        pegawai[col] = pegawai[col].astype(str)
    pegawai[C.EMPLOYMENT] = _employment(k[C.EMPLOYMENT], k[C.NIP], ~blank, collect)[valid]
    pegawai[C.CONTRACT_START] = pegawai[C.CONTRACT_START].astype("datetime64[s]")
    return pegawai.reset_index(drop=True), table.problems + collect.problems()


def _employment(
    written: ParsedColumn, nip: ParsedColumn, filled: np.ndarray, collect: ProblemCollector
) -> np.ndarray:
    """Each roster row's status pegawai: as written, else from its NIP
    (``cells.status_from_nip``); a word jp does not know is a warning and the NIP decides."""
    status = written.value.astype(str)
    unknown = np.char.startswith(status, "?")
    from_nip = cells.status_from_nip(nip.value.astype(str))
    collect.add(
        filled & ~written.blank & unknown,
        C.EMPLOYMENT,
        "employment_unknown",
        written.raw_text,
        lambda pos: from_nip[pos],
        parsed=written,
        level="peringatan",
    )
    return np.where((status == "") | unknown, from_nip, status)
