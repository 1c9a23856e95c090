"""``jp cek``: who is below target, by how much, per unit, and what can still close the gap.

The suggestions use the non-classical routes the Panduan puts in the supervisor's hands
(coaching, mentoring, belajar mandiri; Panduan §F-§I) with the caps of the rule set in
force and the time left in the year, so they never propose JP that would not be counted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from jpcli.core import schema as C
from jpcli.core.records import Report
from jpcli.problems import Problem
from jpcli.rules import Jenis, RuleSet
from jpcli.words import ALL_UNITS, NO_UNIT, text

SUPERVISED_JENIS = (
    "coaching",
    "mentoring",
    "belajar_mandiri",
)  # routes a supervisor can start (Panduan §F)


@dataclass(frozen=True)
class ShortfallReport:
    report: Report
    as_of: dt.date
    months_left: int
    short: (
        pd.DataFrame
    )  # employees below target: card columns + unit, rencana (a Plan); by shortfall
    recap: pd.DataFrame  # per unit, then SEMUA UNIT
    recap_subunit: pd.DataFrame | None = None  # per unit and sub-unit (None: no sub-units)
    recap_status: pd.DataFrame | None = None  # per unit and status pegawai (PNS, PPPK, CPNS)
    unit: str | None = None  # the check of one unit only (``per_unit``), for its head
    warnings: tuple[Problem, ...] = ()
    with_roster: bool = True  # False: no roster, only employees in the ledger were checked


def check_date(year: int, today: dt.date) -> dt.date:
    """Default --per-tanggal: today when it falls in the year checked, else that year's end."""
    return today if today.year == year else dt.date(year, 12, 31)


def months_remaining(as_of: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every calendar month that still has days after ``as_of`` in its
    year."""
    month_end = calendar.monthrange(as_of.year, as_of.month)[1]
    first = as_of.month + (1 if as_of.day == month_end else 0)
    return [(as_of.year, m) for m in range(first, 13)]


def assess(report: Report, as_of: dt.date, used: dict | None = None) -> ShortfallReport:
    """Who in ``report`` (counted up to ``as_of``) is below target, with a catch-up plan each,
    the recap per unit, and the warnings of the check (roster missing or incomplete). ``used``:
    ``used_this_month`` when the report holds no rows (a ledger computed in parts)."""
    ledger, rules = report.ledger, report.rules
    warnings = list(report.warnings)
    if as_of.year != report.year:
        warnings.append(
            Problem(
                file=ledger.file,
                level="peringatan",
                code="as_of_outside_year",
                args=(as_of.isoformat(), report.year),
            )
        )
    with_roster = ledger.pegawai is not None and len(ledger.pegawai) > 0
    if not with_roster:
        warnings.append(Problem(file=ledger.file, level="peringatan", code="no_roster"))
    else:
        outside = report.kartu[~report.kartu[C.NIP].isin(ledger.pegawai[C.NIP])]
        if len(outside):
            warnings.append(
                Problem(
                    file=ledger.file,
                    level="peringatan",
                    code="outside_roster",
                    args=(tuple(zip(outside[C.NIP], outside[C.NAME])),),
                )
            )

    month = months_remaining(as_of) if as_of.year == report.year else []
    days_left = max(0, (dt.date(report.year, 12, 31) - as_of).days)
    kartu = report.kartu
    pending = kartu[~kartu[C.MEETS]].sort_values(C.SHORT, ascending=False, kind="stable").copy()
    used = used_this_month(report.result, as_of) if used is None else used
    plans: dict = {}  # one Plan per shortfall and use this month: many employees share one

    def planned(nip: str, short: float) -> Plan:
        mine = used.get(nip, {})
        key = (short, tuple(sorted(mine.items())))
        if key not in plans:
            plans[key] = plan(short, rules, month, days_left, mine, report.year)
        return plans[key]

    pending["rencana"] = [
        planned(nip, short) for nip, short in zip(pending[C.NIP], pending[C.SHORT])
    ]  # only employees below target
    return ShortfallReport(
        report=report,
        as_of=as_of,
        months_left=len(month),
        short=pending,
        recap=recap(kartu),
        recap_subunit=recap(kartu, (C.UNIT, C.SUBUNIT)) if has_subunits(kartu) else None,
        recap_status=recap(kartu, (C.UNIT, C.EMPLOYMENT)) if C.EMPLOYMENT in kartu else None,
        warnings=tuple(warnings),
        with_roster=with_roster,
    )


RECAP_FIGURES = ("pegawai", C.MEETS, "belum", "persen_memenuhi", "total_jp", "rata_jp")


def recap(
    kartu: pd.DataFrame, by: tuple[str, ...] = (C.UNIT,), all_label: str = ALL_UNITS
) -> pd.DataFrame:
    """Per group of the card columns ``by`` (the unit; unit and sub-unit; unit and status), in
    the order they first appear: employees, met, not met, % met, total JP and average JP per
    employee; then one line for all (``all_label``, the other keys blank). A blank unit or
    sub-unit is a group of its own, "(tanpa unit)" / "(tanpa sub-unit)"."""
    blank_as = {C.UNIT: NO_UNIT, C.SUBUNIT: text("no_subunit")}
    keys = {key: _named(kartu[key], blank_as.get(key)) for key in by}
    figures = {"pegawai": (C.NIP, "size"), C.MEETS: (C.MEETS, "sum"), "total_jp": (C.TOTAL, "sum")}
    per_group = kartu.assign(**keys).groupby(list(by), sort=False).agg(**figures)
    if len(by) > 1:  # the lines of one unit together, units in the order they first appear
        first_seen = {unit: i for i, unit in enumerate(pd.unique(keys[by[0]]))}
        rank = per_group.index.get_level_values(0).map(first_seen)
        per_group = per_group.iloc[np.argsort(np.asarray(rank), kind="stable")]
    everyone = pd.DataFrame(
        {
            "pegawai": [len(kartu)],
            C.MEETS: [int(kartu[C.MEETS].sum())],
            "total_jp": [kartu[C.TOTAL].sum()],
        },
        index=pd.MultiIndex.from_tuples([(all_label, *[""] * (len(by) - 1))], names=list(by))
        if len(by) > 1
        else pd.Index([all_label], name=by[0]),
    )
    result = pd.concat([per_group, everyone]).reset_index()
    result[C.MEETS] = result[C.MEETS].astype(int)
    result["belum"] = result["pegawai"] - result[C.MEETS]
    employees = result["pegawai"].clip(lower=1)
    result["persen_memenuhi"] = np.round(100 * result[C.MEETS] / employees, 1)
    result["rata_jp"] = np.round(result["total_jp"] / employees, 9)
    result["total_jp"] = np.round(result["total_jp"], 9)
    return result[[*by, *RECAP_FIGURES]]


def _named(column: pd.Series, blank_as: str | None) -> pd.Series:
    return column if blank_as is None else column.where(column != "", blank_as)


def unit_of(frame: pd.DataFrame) -> pd.Series:
    """Each employee's unit as the recap names it: "(tanpa unit)" when blank."""
    return _named(frame[C.UNIT], NO_UNIT)


def per_unit(check: ShortfallReport) -> list[ShortfallReport]:
    """The check cut into one per unit (in the recap's order), each with the unit's employees
    below target and its own recap per sub-unit (the unit's total last): what its head is sent.
    One groupby over the card and one over the list, not a scan per unit."""
    kartu, short = check.report.kartu, check.short
    cards = dict(tuple(kartu.groupby(unit_of(kartu), sort=False)))
    shorts = dict(tuple(short.groupby(unit_of(short), sort=False)))
    parts = []
    for unit in check.recap[C.UNIT].iloc[:-1]:
        own = cards[unit]
        by = (C.UNIT, C.SUBUNIT) if has_subunits(own) else (C.UNIT,)
        part = replace(
            check,
            short=shorts.get(unit, short.iloc[:0]),
            recap=recap(own, by, text("unit_total")),
            recap_subunit=None,
            recap_status=None,
            unit=unit,
        )
        parts.append(part)
    return parts


def mixed_status(check: ShortfallReport) -> bool:
    """Whether the card holds more than one status pegawai (PNS and PPPK side by side): only
    then does the terminal and the report show the recap per status."""
    kartu = check.report.kartu
    return C.EMPLOYMENT in kartu and kartu[C.EMPLOYMENT].nunique() > 1


def has_subunits(kartu: pd.DataFrame) -> bool:
    """Whether the roster names any sub-unit (only then is there a recap per sub-unit)."""
    return C.SUBUNIT in kartu and bool((kartu[C.SUBUNIT] != "").any())


def used_this_month(
    result: pd.DataFrame, as_of: dt.date
) -> dict[str, dict[tuple[str, int], float]]:
    """Units already counted this month per employee and route (they use up the month's cap)."""
    this_month = result[
        (result[C.LINGKUP] == "nasional")
        & result[C.JENIS].isin(SUPERVISED_JENIS)
        & (result[C.START].dt.year == as_of.year)
        & (result[C.START].dt.month == as_of.month)
    ]
    quantity = this_month.groupby([C.NIP, C.JENIS], observed=True)[C.UNITS_COUNTED].sum()
    per_employee: dict[str, dict] = {}
    for (nip, jenis), value in quantity.items():
        per_employee.setdefault(nip, {})[(jenis, as_of.month)] = float(value)
    return per_employee


@dataclass(frozen=True)
class PlanStep:
    """One route of a catch-up plan: so many units of coaching, mentoring or belajar mandiri, spread
    over the months or days its cap allows."""

    name: str  # the jenis as the table names it, e.g. "coaching"
    satuan: str
    units: int
    jp: float  # JP per unit
    batas: float | None
    per: str | None  # "bulan", "hari" or None (no cap)
    months: tuple[int, ...] = ()  # for a monthly cap: the months used
    days: int = 0  # for a daily cap: the days needed


@dataclass(frozen=True)
class Plan:
    """How an employee below target can still reach it this year, within the caps (worded by
    ``words.plan_text``): alternatives that each reach it alone, else a combination, else what
    the three routes can give at most."""

    short: float
    year: int
    year_over: bool = False
    alternatives: tuple[PlanStep, ...] = ()
    combined: tuple[PlanStep, ...] = ()
    enough: bool = True  # the combination reaches the shortfall
    possible: float = 0.0  # JP the routes can still give at most (when they are not enough)


def _route(
    jenis: Jenis, jp_needed: float, months: list[tuple[int, int]], days_left: int, used: dict
) -> tuple[float, PlanStep | None]:
    """(JP this route can still give, a step reaching ``jp_needed`` when it can alone)."""
    k = jenis.nasional
    needed = math.ceil(jp_needed / k.jp - 1e-9)  # whole sessions / whole JP
    step = PlanStep(
        name=jenis.name.split(" (")[0].lower(),
        satuan=jenis.satuan,
        units=needed,
        jp=k.jp,
        batas=k.batas,
        per=k.per,
    )
    if k.batas is None:
        return math.inf, replace(step, per=None)
    if k.per == "bulan":
        capacity = [max(0.0, k.batas - used.get((jenis.code, m), 0.0)) for _, m in months]
        if sum(capacity) < needed:
            return sum(capacity) * k.jp, None
        left, taken = needed, []
        for (_, m), cap in zip(months, capacity):
            if left <= 0:
                break
            if min(cap, left) > 0:
                taken.append(m)
                left -= min(cap, left)
        return sum(capacity) * k.jp, replace(step, months=tuple(taken))
    total = days_left * k.batas  # per hari
    if total < needed:
        return total * k.jp, None
    return total * k.jp, replace(step, days=math.ceil(needed / k.batas - 1e-9))


def plan(
    short: float,
    rules: RuleSet,
    months: list[tuple[int, int]],
    days_left: int,
    used: dict,
    year: int,
) -> Plan:
    """A plan for the shortfall through coaching, mentoring or belajar mandiri, within the caps."""
    if days_left <= 0:
        return Plan(short=short, year=year, year_over=True)
    routes = [rules.by_code[k] for k in SUPERVISED_JENIS if k in rules.by_code]
    alone = [_route(j, short, months, days_left, used) for j in routes]
    alternatives = tuple(step for _, step in alone if step)
    if alternatives:
        return Plan(short=short, year=year, alternatives=alternatives)
    # no single route is enough: combine them, each up to what its cap still allows
    left, combined = short, []
    for j, (possible, _) in zip(routes, alone):
        if left <= 1e-9 or possible <= 0:
            continue
        take = min(possible, left)
        _, step = _route(j, take, months, days_left, used)
        if step:
            combined.append(step)
            left -= take
    return Plan(
        short=short,
        year=year,
        combined=tuple(combined),
        enough=left <= 1e-9,
        possible=sum(possible for possible, _ in alone),
    )
