"""One employee's card explained (``jp kartu``): which rows, how many JP each, and why not more.

Everything here reads a ``Report`` that ``pipeline.build_report`` already computed for the
whole ledger, so ``kartu`` and ``hitung`` can never disagree: this module only selects what the
compute step decided, and says why as data (a code and its values, worded by ``jpcli.words``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from jpcli.core import compute
from jpcli.core import schema as C
from jpcli.core.periods import contract_bounds, is_calendar
from jpcli.core.records import Report
from jpcli.problems import JpError
from jpcli.rules import RuleSet

Reason = tuple[str, tuple]  # (code, args) of jpcli.words


@dataclass(frozen=True)
class EmployeeCard:
    """Everything ``jp kartu`` shows for one employee and one year."""

    pegawai: dict  # the employee's row of the Lampiran II card
    register: pd.DataFrame  # one row per activity, in date order; column "alasan": a Reason or None
    per_month: pd.DataFrame  # bulan (1-12), jp, kumulatif
    guidance_logs: dict[
        str, pd.DataFrame
    ]  # "coaching"/"mentoring" -> tanggal, materi, sesi, pembimbing, baris
    other_years: int  # the employee's activities in other years, not listed
    # belajar mandiri rows for the Panduan's resume log (§I.3.d): mulai, selesai, materi,
    # sumber, jp (counted), resume (the row's keterangan), baris
    study_log: pd.DataFrame


def find_employee(kartu: pd.DataFrame, nip: str | None = None, name: str | None = None) -> dict:
    """The one employee meant by a full NIP, a unique NIP prefix, or part of a name."""
    if nip:
        wanted = re.sub(r"[\s.\-]", "", nip.strip().lstrip("'"))
        if not wanted.isdigit():
            raise JpError("nip_option_digits", repr(nip))
        matches = kartu[kartu[C.NIP] == wanted]
        if matches.empty:
            matches = kartu[kartu[C.NIP].str.startswith(wanted)]
        named_as = ("named_by_nip", (repr(nip),))
    elif name:
        matches = kartu[kartu[C.NAME].str.contains(name.strip(), case=False, regex=False)]
        named_as = ("named_by_name", (repr(name),))
    else:
        raise JpError("employee_not_named")
    if matches.empty:
        raise JpError("employee_not_found", named_as)
    if len(matches) > 1:
        shown = tuple(zip(matches[C.NIP].head(20), matches[C.NAME].head(20)))
        raise JpError("employee_ambiguous", named_as, shown, len(matches))
    return matches.iloc[0].to_dict()


def employee_card(report: Report, pegawai: dict) -> EmployeeCard:
    nip, year = pegawai[C.NIP], report.year
    own = report.result[report.result[C.NIP] == nip]
    # one employee's rows: plain values are simpler to hand over than categories
    own = own.astype({c: str for c in own.columns if isinstance(own[c].dtype, pd.CategoricalDtype)})
    # the period's rows (a calendar or a contract year), plus rows that start in it but end (and
    # count) in the next
    first = pd.Timestamp(pegawai.get(C.PERIOD_START, pd.Timestamp(year, 1, 1)))
    last = pd.Timestamp(pegawai.get(C.PERIOD_END, pd.Timestamp(year, 12, 31)))
    starts_here = (own[C.START] >= first) & (own[C.START] <= last)
    shown = own[(own[C.YEAR] == year) | starts_here].copy()
    shown.loc[shown[C.YEAR] != year, C.JP_COUNTED] = 0.0
    shown = shown.sort_values([C.START, C.ROW], kind="stable")
    portions = compute.cap_portions(
        report.result[report.result[C.NIP] == nip], report.rules, report.approved_only
    )
    year_of_row = dict(zip(own[C.ROW], own[C.YEAR]))
    shown[C.REASON] = _reasons(
        shown, portions, year_of_row, report.rules, year, report.approved_only, first
    )
    register = shown.reset_index(drop=True)
    counted = register[register[C.YEAR] == year]
    return EmployeeCard(
        pegawai=pegawai,
        register=register,
        per_month=_per_month(counted, first),
        # the logs document what counts in this period (a row counted in the next is logged there)
        guidance_logs={k: _guidance_log(counted, k) for k in ("coaching", "mentoring")},
        other_years=int(len(own) - len(shown)),
        study_log=_study_log(counted),
    )


def every_card(report: Report, kartu: pd.DataFrame) -> Iterator[EmployeeCard]:
    """The card of each employee of ``kartu`` (rows of ``report.kartu``), in its order, made one
    at a time: the ledger is split by NIP once, so each card reads only its own rows."""
    positions = report.result.groupby(C.NIP, observed=True, sort=False).indices
    none = np.array([], dtype=np.int64)
    for pegawai in kartu.to_dict("records"):  # one pass per employee, not per ledger row
        own = report.result.iloc[positions.get(pegawai[C.NIP], none)]
        yield employee_card(replace(report, result=own), pegawai)


# what ``_reasons`` reads of a row
_REASON_COLUMNS = (
    C.STATUS, C.REVIEW_REASON, C.DUPLICATE_OF, C.YEAR, C.END, C.ROW, C.JENIS, C.LINGKUP,
    C.UNITS_COUNTED, C.JP_COUNTED,
)  # fmt: skip


def _tuples_by(keys: np.ndarray, values: np.ndarray) -> dict:
    """{key: tuple of its values, in their order}: a groupby for many small groups without a
    Python call per group."""
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else []
    return {
        int(key): tuple(chunk.tolist())
        for key, chunk in zip(keys[starts], np.split(values, starts[1:]))
    }


def _users_of_cap(portions: pd.DataFrame, year_of_row: dict, year: int) -> dict[int, tuple]:
    """For each row a cap cut: the rows that used that cap period first (in the order units were
    taken), and those of them that count in another year, with that year. One merge of the cut
    portions with the portions that took units, on their cap period: no pass over the portions
    per cut row."""
    cut = portions.loc[
        portions[C.UNITS_COUNTED] < portions[C.SATUAN] - 1e-9, [C.ROW, C.CAP_GROUP, C.ORDER]
    ]
    took = portions.loc[portions[C.UNITS_COUNTED] > 0, [C.ROW, C.CAP_GROUP, C.ORDER]]
    pairs = cut.merge(took, on=C.CAP_GROUP, suffixes=("", "_user"))
    pairs = pairs[
        (pairs[C.ORDER + "_user"] < pairs[C.ORDER]) & (pairs[C.ROW + "_user"] != pairs[C.ROW])
    ]
    pairs = pairs.sort_values([C.ROW, C.ORDER + "_user"], kind="stable").drop_duplicates(
        [C.ROW, C.ROW + "_user"]
    )
    users_of = _tuples_by(pairs[C.ROW].to_numpy(), pairs[C.ROW + "_user"].to_numpy())
    result = {}
    for row in dict.fromkeys(cut[C.ROW].tolist()):  # one employee's cut rows only
        users = tuple(int(b) for b in users_of.get(row, ()))
        other_year = tuple(
            (b, int(year_of_row[b])) for b in users if year_of_row.get(b, year) != year
        )
        result[row] = (users, other_year)
    return result


def _reasons(
    rows: pd.DataFrame,
    portions: pd.DataFrame,
    year_of_row: dict,
    rules: RuleSet,
    year: int,
    approved_only: bool = False,
    first: pd.Timestamp | None = None,
) -> list[Reason | None]:
    """Why a row counts less than its raw JP: rejected or not approved, a duplicate, another year
    (or contract year, when the card's period begins on ``first`` other than 1 January), or a cap
    (rule, period, the rows that used it first; the multiplier applied after it)."""
    contract = first is not None and not is_calendar(first, pd.Timestamp(first.year, 12, 31))
    cut_rows = portions[portions[C.UNITS_COUNTED] < portions[C.SATUAN] - 1e-9]
    periods = _tuples_by(cut_rows[C.ROW].to_numpy(), cut_rows[C.PERIOD].to_numpy(dtype=object))
    users = _users_of_cap(portions, year_of_row, year)
    result: list[Reason | None] = []
    needed = [c for c in _REASON_COLUMNS if c in rows]
    for row in rows[needed].to_dict("records"):  # one employee's rows only
        status = row.get(C.STATUS, "")
        if status == "ditolak":
            result.append(("reason_rejected", (row.get(C.REVIEW_REASON, ""),)))
        elif approved_only and status != "disetujui":
            result.append(("reason_not_approved", ()))
        elif row[C.DUPLICATE_OF]:
            result.append(("reason_duplicate", (row[C.DUPLICATE_OF],)))
        elif row[C.YEAR] != year and contract:
            start, end = contract_bounds(row[C.YEAR], np.array([first], "datetime64[D]"))
            result.append(("reason_other_period", (row[C.END], start[0].item(), end[0].item())))
        elif row[C.YEAR] != year:
            result.append(("reason_other_year", (row[C.END], row[C.YEAR])))
        elif row[C.ROW] in periods:
            result.append(
                _cap_reason(row, rules, periods[row[C.ROW]], users.get(row[C.ROW], ((), ())))
            )
        else:
            result.append(None)
    return result


def _cap_reason(row: dict, rules: RuleSet, periods: tuple, users: tuple) -> Reason:
    jenis = rules.by_code[row[C.JENIS]]
    conversion = jenis.conversion(row[C.LINGKUP])
    return (
        "reason_cap",
        (
            jenis.name,
            jenis.satuan,
            conversion.batas,
            conversion.jp,
            conversion.per,
            periods,
            users[0],
            users[1],
            row[C.UNITS_COUNTED],
            row[C.JP_COUNTED],
            jenis.citation_for(row[C.LINGKUP]),
        ),
    )


def _per_month(rows: pd.DataFrame, first: pd.Timestamp) -> pd.DataFrame:
    """JP counted per calendar month of tanggal_selesai (when the certificate is issued),
    cumulated, over the twelve months of the period that begins on ``first``."""
    index = (rows[C.END].dt.year - first.year) * 12 + rows[C.END].dt.month - first.month
    jp = rows.groupby(index)[C.JP_COUNTED].sum().reindex(range(12), fill_value=0.0)
    return pd.DataFrame(
        {
            "bulan": (first.month - 1 + np.arange(12)) % 12 + 1,
            "jp": jp.to_numpy(),
            "kumulatif": np.round(jp.cumsum().to_numpy(), 9),
        }
    )


def _guidance_log(register: pd.DataFrame, jenis: str) -> pd.DataFrame:
    """Coaching or mentoring sessions for the Panduan's log (Hari/Tanggal, Materi Bimbingan,
    Paraf)."""
    rows = register[register[C.JENIS] == jenis]
    return pd.DataFrame(
        {
            "tanggal": rows[C.START].to_numpy(),
            "materi": rows[C.TITLE].to_numpy(),
            "sesi": rows[C.QUANTITY].astype(int).to_numpy(),
            "pembimbing": rows[C.ORGANISER].to_numpy(),
            C.ROW: rows[C.ROW].to_numpy(),
        }
    )


def _study_log(register: pd.DataFrame) -> pd.DataFrame:
    """Belajar mandiri rows for the Panduan's log (§I.3.d: the employee writes a resume): every
    row that lands in the card's BELAJAR MANDIRI column, whatever its jenis code in the rule
    set; the resume is the row's keterangan (blank: written by hand)."""
    rows = register[register[C.CARD_COLUMN] == "belajar_mandiri"]
    note = rows[C.NOTE] if C.NOTE in rows else pd.Series("", index=rows.index)
    return pd.DataFrame(
        {
            "mulai": rows[C.START].to_numpy(),
            "selesai": rows[C.END].to_numpy(),
            "materi": rows[C.TITLE].to_numpy(),
            "sumber": rows[C.ORGANISER].to_numpy(),
            "jp": rows[C.JP_COUNTED].to_numpy(dtype=float),
            "resume": note.to_numpy(),
            C.ROW: rows[C.ROW].to_numpy(),
        }
    )
