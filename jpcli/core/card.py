"""Lampiran II aggregation: JP counted per employee per card column for one year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jpcli.core import periods
from jpcli.core import schema as C
from jpcli.core.cells import TARGET_MAX, TARGET_MIN, status_from_nip
from jpcli.core.records import Ledger
from jpcli.problems import InputError, JpError, Problem
from jpcli.rules import JP_COLUMNS, STATUSES, TOLERANCE, RuleSet
from jpcli.rules.model import DEFAULT_TARGET_JP as DEFAULT_TARGET  # hak 20 JP per tahun
from jpcli.words import first_few, format_date


def latest_year(result: pd.DataFrame) -> int | None:
    """The default year: the latest year with data (docs/tafsir.md, "Tahun")."""
    return int(result[C.YEAR].max()) if len(result) else None


def check_countable(ledger: Ledger, skip_errors: bool, target: float | None) -> None:
    """Before counting: the ledger's errors stop it (unless skipped), a target is in range."""
    from jpcli.core.normalize import error_summary

    if ledger.errors and not skip_errors:
        summary = error_summary(ledger.errors, ledger.file, ledger.sheet)
        raise InputError(ledger.errors, summary=summary)
    if target is not None and not 0 < target <= TARGET_MAX:  # NaN fails too
        raise JpError("option_target", TARGET_MAX, str(target))
    if target is not None and target < TARGET_MIN:
        raise JpError("option_target_small", f"{target:g}")


def card_year(result: pd.DataFrame, year: int | None, ledger: Ledger, warnings: list) -> int:
    """The year of the card: ``year``, or the latest with data (``InputError`` when there is
    none); a year without any activity gets a warning in ``warnings``."""
    here = {"file": ledger.file, "sheet": ledger.sheet}
    if year is None:
        year = latest_year(result)
        if year is None:
            raise InputError([Problem(**here, code="no_valid_rows")])
    elif not (result[C.YEAR] == year).any():
        warnings.append(
            Problem(**here, level="peringatan", code="year_without_activity", args=(year,))
        )
    return int(year)


def status_targets(
    rules: RuleSet, target: float | None = None, target_pppk: float | None = None
) -> dict[str, float]:
    """The default target of each status pegawai: the rule set's ``[target]``, every one replaced
    by ``--target``, the PPPK's by ``--target-pppk`` (a roster's own target still wins)."""
    targets = {status: t.jp for status, t in rules.targets}
    if target is not None:
        targets = dict.fromkeys(targets, float(target))
    if target_pppk is not None:
        targets["PPPK"] = float(target_pppk)
    return targets


def build_kartu(
    result: pd.DataFrame,
    year: int,
    pegawai: pd.DataFrame | None,
    target: float | dict[str, float] | None = None,
    all_activities: pd.DataFrame | None = None,
    contract_starts: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per employee: nip, nama, unit, subunit, jabatan, the nine card columns, total,
    target, memenuhi, kurang, then status (PNS/PPPK/CPNS) and the period measured (periode_mulai,
    periode_selesai).

    Employees: the roster in its order, then ledger NIPs missing from it (by NIP); without a
    roster, every NIP in the ledger (by NIP), so someone with activities only in other
    years shows 0 instead of vanishing. ``all_activities`` (default ``result``) is the whole
    ledger when ``result`` was computed on part of it (activities up to a date). ``target``: one
    default target, or one per status (``status_targets``); a roster's own target wins.
    ``contract_starts``: NIP -> tmt of those measured by contract year (``periods``).
    """
    if not isinstance(target, dict):
        target = dict.fromkeys(STATUSES, DEFAULT_TARGET if target is None else float(target))
    ledger = result if all_activities is None else all_activities
    ledger_nips, ledger_names = _ledger_names(ledger)

    # JP per employee and card column: one bincount over (employee, column) codes
    this_year = (result[C.YEAR] == year).to_numpy()
    cells_of = (
        _positions(result[C.NIP], ledger_nips).astype(np.int64) * len(JP_COLUMNS)
        + _positions(result[C.CARD_COLUMN], JP_COLUMNS)
    )[this_year]
    jp_by_employee = np.bincount(
        cells_of,
        weights=result[C.JP_COUNTED].to_numpy()[this_year],
        minlength=len(ledger_nips) * len(JP_COLUMNS),
    ).reshape(len(ledger_nips), len(JP_COLUMNS))

    listing, in_ledger = _listing(pegawai, ledger_nips, ledger_names, target)
    jp = np.where((in_ledger >= 0)[:, None], jp_by_employee[np.maximum(in_ledger, 0)], 0.0)
    kartu_rows = listing[[C.NIP, C.NAME, C.UNIT, C.SUBUNIT, C.POSITION]].reset_index(drop=True)
    for i, col in enumerate(JP_COLUMNS):
        kartu_rows[col] = np.round(jp[:, i], 9)
    kartu_rows[C.TOTAL] = np.round(jp.sum(axis=1), 9)
    kartu_rows[C.TARGET] = listing[C.TARGET].to_numpy()
    kartu_rows[C.MEETS] = kartu_rows[C.TOTAL] >= kartu_rows[C.TARGET] - TOLERANCE
    kartu_rows[C.SHORT] = np.where(
        kartu_rows[C.MEETS], 0.0, np.round(kartu_rows[C.TARGET] - kartu_rows[C.TOTAL], 9)
    )
    kartu_rows.insert(0, C.NO, np.arange(1, len(kartu_rows) + 1))
    kartu_rows[C.EMPLOYMENT] = listing[C.EMPLOYMENT].to_numpy()
    starts = periods.contract_starts(None) if contract_starts is None else contract_starts
    start, end = periods.card_periods(kartu_rows[C.NIP].to_numpy(dtype=object), year, starts)
    kartu_rows[C.PERIOD_START] = start.astype("datetime64[s]")
    kartu_rows[C.PERIOD_END] = end.astype("datetime64[s]")
    at = pd.Index(starts.index).get_indexer(kartu_rows[C.NIP].to_numpy(dtype=object))
    tmt = starts.to_numpy().astype("datetime64[s]")
    kartu_rows[C.CONTRACT_START] = np.where(
        at >= 0, tmt[np.maximum(at, 0)] if len(tmt) else np.datetime64("NaT"), np.datetime64("NaT")
    ).astype("datetime64[s]")
    return kartu_rows


def _listing(
    pegawai: pd.DataFrame | None,
    ledger_nips: np.ndarray,
    ledger_names: pd.Series,
    target: dict[str, float],
) -> tuple[pd.DataFrame, np.ndarray]:
    """The card's employees (see ``build_kartu``) with name, unit, sub-unit, position, status
    pegawai and target resolved, and each one's position among ``ledger_nips`` (-1: not in the
    ledger)."""
    if pegawai is not None and len(pegawai):
        kept = [C.NIP, C.NAME, C.UNIT, C.SUBUNIT, C.POSITION, C.TARGET, C.EMPLOYMENT]
        listing = pegawai[[col for col in kept if col in pegawai]].copy()
        other = np.setdiff1d(ledger_nips.astype(str), listing[C.NIP].to_numpy(dtype=str))
        if len(other):
            listing = pd.concat([listing, pd.DataFrame({C.NIP: other})], ignore_index=True)
        in_ledger = pd.Index(ledger_nips).get_indexer(listing[C.NIP].to_numpy(dtype=object))
    else:  # the ledger's NIPs in order: each one's place in the ledger is known already
        in_ledger = np.argsort(ledger_nips.astype(str), kind="stable")
        listing = pd.DataFrame({C.NIP: ledger_nips.astype(str)[in_ledger]})
    for col in (C.NAME, C.UNIT, C.SUBUNIT, C.POSITION):
        listing[col] = listing[col].fillna("").astype(str) if col in listing else ""
    for col in (C.UNIT, C.SUBUNIT):  # one unit however its rows spell it (docs/tafsir.md)
        listing[col] = _one_spelling(listing[col])
    if C.TARGET not in listing:
        listing[C.TARGET] = np.nan

    found = np.full(len(in_ledger), None, dtype=object)  # None: not in the ledger
    found[in_ledger >= 0] = ledger_names.to_numpy()[in_ledger[in_ledger >= 0]]
    names_from_ledger = pd.Series(found, index=listing.index, dtype=object).fillna("").astype(str)
    listing[C.NAME] = listing[C.NAME].where(listing[C.NAME] != "", names_from_ledger)
    status = status_from_nip(listing[C.NIP].to_numpy(dtype=object))
    if C.EMPLOYMENT in listing:
        written = listing[C.EMPLOYMENT].fillna("").astype(str).to_numpy(dtype=object)
        status = np.where(written != "", written, status)
    listing[C.TARGET] = (
        listing[C.TARGET].astype(float).fillna(pd.Series(status, index=listing.index).map(target))
    )

    listing[C.EMPLOYMENT] = status
    return listing.reset_index(drop=True), in_ledger


def over_ceiling(kartu: pd.DataFrame, rules: RuleSet, ledger: Ledger) -> list[Problem]:
    """A warning for each employee whose JP in the period exceed their status' ceiling (PPPK:
    PP 49/2018 Pasal 40 ayat (1)); the JP still count (docs/tafsir.md, "Status pegawai")."""
    ceiling = kartu[C.EMPLOYMENT].map(
        {status: t.ceiling for status, t in rules.targets if t.ceiling is not None}
    )
    over = kartu[ceiling.notna() & (kartu[C.TOTAL] > ceiling + TOLERANCE)]
    return [
        Problem(
            file=ledger.file,
            level="peringatan",
            code="over_ceiling",
            args=(
                row.nip,
                row.nama,
                row.total,
                rules.target_of[row.status].ceiling,
                row.periode_mulai,
                row.periode_selesai,
                rules.target_of[row.status].ceiling_citation,
                row.status,
            ),
        )  # fmt: skip
        for row in over.itertuples(index=False)  # one per employee over the ceiling
    ]


def before_contract(kartu: pd.DataFrame, starts: pd.Series, ledger: Ledger) -> list[Problem]:
    """A warning naming the PPPK whose measured contract year begins before their tmt (the tmt
    is later than the year, or in the future): no contract ran then; check the tmt."""
    if not len(starts):
        return []
    tmt = kartu[C.NIP].map(starts)
    early = kartu[tmt.notna() & (kartu[C.PERIOD_START] < tmt)]
    if not len(early):
        return []
    listed = first_few(
        [f"{nip} {name} (tmt {format_date(day)})".replace("  ", " ")
         for nip, name, day in zip(early[C.NIP], early[C.NAME], tmt[early.index])]
    )  # fmt: skip
    return [Problem(file=ledger.file, level="peringatan", code="contract_before_tmt",
                    args=(len(early), listed))]  # fmt: skip


def _one_spelling(names: pd.Series) -> pd.Series:
    """Unit names with runs of spaces made one and, where several rows spell one name in other
    cases ("Sekretariat", "SEKRETARIAT "), the first spelling for all of them."""
    codes, uniques = pd.factorize(names, sort=False)  # the work is per distinct name
    tidy = pd.Series(uniques, dtype=object).str.split().str.join(" ")
    first = tidy.groupby(tidy.str.casefold(), sort=False).transform("first")
    return pd.Series(first.to_numpy(dtype=object)[codes], index=names.index, dtype=object)


def _ledger_names(ledger: pd.DataFrame) -> tuple[np.ndarray, pd.Series]:
    """Every NIP of the ledger in ledger order, and each one's first non-blank name ("" when it
    never has one)."""
    nip_codes, ledger_nips = pd.factorize(ledger[C.NIP])
    ledger_nips = np.asarray(ledger_nips, dtype=object)
    named = (ledger[C.NAME] != "").to_numpy()
    first = np.full(len(ledger_nips), -1, dtype=np.int64)
    idx = np.flatnonzero(named)[::-1]
    first[nip_codes[idx]] = idx  # the last write of each code wins: its first named row
    first_names = (
        ledger[C.NAME].iloc[np.maximum(first, 0)].astype(str).to_numpy()
        if len(ledger)
        else np.array([], object)
    )
    names = pd.Series(np.where(first >= 0, first_names, ""), index=ledger_nips, dtype=object)
    return ledger_nips, names


def _positions(column: pd.Series, listing) -> np.ndarray:
    """Position of each row's value in ``listing``, through the category codes when there are some
    (a lookup per distinct value, not per row)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Index(listing).get_indexer(column.cat.categories)[column.cat.codes.to_numpy()]
    return pd.Index(listing).get_indexer(column.to_numpy(dtype=object))


def kartu_totals(kartu_frame: pd.DataFrame) -> dict[str, float]:
    """The totals line of the card: sum of every JP column and of the totals."""
    return {col: float(np.round(kartu_frame[col].sum(), 9)) for col in (*JP_COLUMNS, C.TOTAL)}
