"""Years side by side: one employee's JP per year (``jp riwayat``) and every employee's trend over
a range of years (``jp hitung --tahun 2023-2025``), from the year reports of ``pipeline``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jpcli.core import schema as C
from jpcli.core.explain import find_employee
from jpcli.core.records import Report
from jpcli.rules import JP_COLUMNS

YEAR_COLUMNS = (C.YEAR, *JP_COLUMNS, C.TOTAL, C.TARGET, C.MEETS, C.SHORT)


@dataclass(frozen=True)
class History:
    """One employee over the years: who (as the card names them) and one row per year."""

    pegawai: dict  # nip, nama, unit, subunit, jabatan
    years: pd.DataFrame  # YEAR_COLUMNS, one row per year, oldest first
    reports: tuple[Report, ...]  # the year reports it was read from (rules, ledger, warnings)
    periods: pd.DataFrame  # per year (as ``years``): periode_mulai, periode_selesai, status

    @property
    def warnings(self) -> tuple:
        """The warnings of every year, each once, in the order they came."""
        return year_warnings(self.reports)


def year_warnings(reports) -> tuple:
    """The warnings of several year reports, each once (most are the ledger's, shared by every
    year), in the order they came."""
    seen: set[str] = set()
    kept = []
    for warning in (w for r in reports for w in r.warnings):
        key = repr(warning)
        if key not in seen:
            seen.add(key)
            kept.append(warning)
    return tuple(kept)


def employee_history(
    reports: list[Report], nip: str | None = None, name: str | None = None
) -> History:
    """The employee meant by ``nip`` / ``name`` (as ``jp kartu`` finds them) in each year's card:
    the same figures ``jp kartu --tahun Y`` shows, year by year."""
    who = find_employee(reports[-1].kartu, nip=nip, name=name)
    rows = [
        r.kartu[r.kartu[C.NIP] == who[C.NIP]].assign(**{C.YEAR: r.year})  # one card per year
        for r in reports
    ]
    # a PPPK measured by contract year: no contract year before the tmt (none ran then)
    tmt = who.get(C.CONTRACT_START)
    if tmt is not None and not pd.isna(tmt):
        kept = [i for i, row in enumerate(rows) if not (row[C.PERIOD_START] < tmt).any()]
        rows, reports = [rows[i] for i in kept] or rows, [reports[i] for i in kept] or reports
    per_year = pd.concat(rows, ignore_index=True)
    years = per_year[list(YEAR_COLUMNS)]
    periods = per_year[[C.PERIOD_START, C.PERIOD_END, C.EMPLOYMENT]]
    identity = {k: who.get(k, "") for k in (C.NIP, C.NAME, C.UNIT, C.SUBUNIT, C.POSITION)}
    return History(pegawai=identity, years=years, reports=tuple(reports), periods=periods)


def trend(reports: list[Report]) -> pd.DataFrame:
    """Every employee (in the card's order, the same each year) with the total, target and met of
    each year (columns ``total_2024``, ``target_2024``, ``memenuhi_2024``...) and the number of
    years met (``tahun_memenuhi``)."""
    first = reports[0].kartu
    table = first[[C.NO, C.NIP, C.NAME, C.UNIT]].reset_index(drop=True)
    met = np.zeros(len(first), dtype=np.int64)
    for r in reports:  # one column group per year
        kartu = r.kartu.reset_index(drop=True)
        if not kartu[C.NIP].equals(table[C.NIP]):  # the listing never changes between years
            raise AssertionError("the card's employees differ between years")
        for column in (C.TOTAL, C.TARGET, C.MEETS):
            table[f"{column}_{r.year}"] = kartu[column].to_numpy()
        met += kartu[C.MEETS].to_numpy()
    table["tahun_memenuhi"] = met
    return table
