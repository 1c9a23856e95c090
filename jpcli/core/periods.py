"""The period a card measures (docs/tafsir.md, "Periode"): a calendar year, or for a PPPK with
``--periode kontrak`` a contract year (masa perjanjian kerja).

A contract year runs from an anniversary of the roster's ``tmt`` to the day before the next one
(a ``tmt`` of 29 February has its anniversary on 28 February in other years). It is named by the
calendar year it ends in: with ``tmt`` 01/07/2024 the card of 2025 measures 01/07/2024-30/06/2025,
and with ``tmt`` 1 January the contract year is the calendar year. Rows belong to the period that
holds their tanggal_selesai, as they belong to a calendar year; caps (per day, per calendar month)
do not depend on the period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jpcli.core import schema as C

CALENDAR, CONTRACT = "tahun", "kontrak"
PERIOD_CHOICES = (CALENDAR, CONTRACT)


def is_calendar(start, end):
    """Whether a period (two Timestamps, or two datetime Series) is a calendar year: 1 January to
    31 December. Anything else is a contract year."""
    first = start.dt if isinstance(start, pd.Series) else start
    last = end.dt if isinstance(end, pd.Series) else end
    return (first.month == 1) & (first.day == 1) & (last.month == 12) & (last.day == 31)


def _anniversary(year: np.ndarray, tmt: np.ndarray) -> np.ndarray:
    """The anniversary of each ``tmt`` (datetime64[D]) in ``year``; the last day of the month when
    that month is shorter (29 February -> 28 February)."""
    month = tmt.astype("datetime64[M]").astype(np.int64) % 12
    day = (tmt - tmt.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    first = ((year - 1970) * 12 + month).astype("datetime64[M]")
    last_day = (first + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.minimum(first.astype("datetime64[D]") + day, last_day)


def contract_year_of(end: np.ndarray, tmt: np.ndarray) -> np.ndarray:
    """The contract year (by the calendar year it ends in) that holds each date ``end``."""
    end = end.astype("datetime64[D]")
    tmt = tmt.astype("datetime64[D]")
    year = end.astype("datetime64[Y]").astype(np.int64) + 1970
    start_year = np.where(end >= _anniversary(year, tmt), year, year - 1)
    last = _anniversary(start_year + 1, tmt) - np.timedelta64(1, "D")
    return last.astype("datetime64[Y]").astype(np.int64) + 1970


def contract_bounds(year: int, tmt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the contract year ``year`` (the one ending in it) of each ``tmt``."""
    tmt = tmt.astype("datetime64[D]")
    starts_january_first = _anniversary(np.full(len(tmt), year), tmt) == np.datetime64(
        f"{year}-01-01"
    )
    start_year = np.where(starts_january_first, year, year - 1)
    start = _anniversary(start_year, tmt)
    return start, _anniversary(start_year + 1, tmt) - np.timedelta64(1, "D")


def contract_starts(pegawai: pd.DataFrame | None) -> pd.Series:
    """NIP -> tmt of every PPPK on the roster measured by contract year (a ``tmt`` written)."""
    if pegawai is None or not len(pegawai) or C.CONTRACT_START not in pegawai:
        return pd.Series([], index=pd.Index([], dtype=object), dtype="datetime64[s]")
    chosen = (pegawai[C.EMPLOYMENT] == "PPPK") & pegawai[C.CONTRACT_START].notna()
    return pd.Series(
        pegawai.loc[chosen, C.CONTRACT_START].to_numpy(),
        index=pegawai.loc[chosen, C.NIP].to_numpy(dtype=object),
    )


def by_contract_year(result: pd.DataFrame, starts: pd.Series) -> pd.DataFrame:
    """``result`` with the year of the rows of employees in ``starts`` (NIP -> tmt) replaced by
    their contract year; other rows keep their calendar year."""
    if not len(starts) or not len(result):
        return result
    position = pd.Index(starts.index).get_indexer(result[C.NIP].to_numpy(dtype=object))
    mine = position >= 0
    if not mine.any():
        return result
    year = result[C.YEAR].to_numpy().copy()
    tmt = starts.to_numpy().astype("datetime64[D]")[position[mine]]
    year[mine] = contract_year_of(result[C.END].to_numpy()[mine], tmt)
    return result.assign(**{C.YEAR: year})


def card_periods(nips: np.ndarray, year: int, starts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the period each employee of the card is measured over in ``year``:
    the calendar year, or the contract year for those in ``starts``."""
    start = np.full(len(nips), np.datetime64(f"{year}-01-01"), dtype="datetime64[D]")
    end = np.full(len(nips), np.datetime64(f"{year}-12-31"), dtype="datetime64[D]")
    position = pd.Index(starts.index).get_indexer(np.asarray(nips, dtype=object))
    mine = position >= 0
    if mine.any():
        tmt = starts.to_numpy().astype("datetime64[D]")[position[mine]]
        start[mine], end[mine] = contract_bounds(year, tmt)
    return start, end
