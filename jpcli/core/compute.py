"""Conversion and caps (docs/tafsir.md): typed activity rows -> JP counted per row. Pure functions.

For every row: ``jp_mentah`` = jumlah x JP per unit (what the table gives before any
cap) and ``jp_diakui`` = units that survive the caps x JP per unit. Cap semantics:

* a cap holds per employee, per jenis, per period (calendar day or month), shared by
  national and international rows; each row takes units up to its own lingkup's limit minus
  what the period has already counted, at its own lingkup's JP per unit;
* a ``kegiatan`` row with jumlah n is n sessions on its start date;
* a per-day cap spreads a multi-day row's units evenly over its calendar days, adds all
  rows of that employee/jenis per day and clips each day;
* within a period earlier rows count first: by tanggal_mulai, then ledger order;
* the multiplier (e.g. x 1.2 internasional) applies after the cap;
* an exact duplicate row counts 0 (its first occurrence counts), and so does a row the verifier
  rejected (or, with ``approved_only``, any row not approved); none of them uses a cap.

Caps are applied over the whole ledger before rows are assigned to years (a row belongs
to the year of its tanggal_selesai), so one calendar day is never counted twice across a
year boundary.

Everything is arrays: the rule table is looked up by category codes, a capped row is
spread over its days with ``np.repeat``, periods are ordered with ``np.lexsort`` and the
running total per period is one ``cumsum``. Units are counted in integer nano-units so
that sums are exact and independent of row order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jpcli.core import schema as C
from jpcli.rules import LINGKUP, RuleSet

_NANO = 1_000_000_000  # units are counted in 1e-9 steps: exact integer sums
_PERIOD = ("", "hari", "bulan")
# what the caps look at (the other columns of a capped row are not copied for them)
_CAP_COLUMNS = [C.ROW, C.NIP, C.JENIS, C.START, C.END, C.QUANTITY, C.SATUAN, C.PER, C.BATAS]


def _codes(column: pd.Series, categorical: list[str]) -> np.ndarray:
    """Category codes of ``column`` against ``categorical`` (-1 where absent), cheap when already
    categorical."""
    if isinstance(column.dtype, pd.CategoricalDtype) and list(column.cat.categories) == categorical:
        return column.cat.codes.to_numpy()
    return pd.Categorical(column, categories=categorical).codes


def not_counted(kegiatan: pd.DataFrame, approved_only: bool = False) -> np.ndarray:
    """Rows that count 0 whatever the table says: an exact duplicate (its first occurrence counts),
    a row the verifier rejected, and with ``approved_only`` any row not approved."""
    zero = kegiatan[C.DUPLICATE_OF].to_numpy() > 0
    if C.STATUS in kegiatan:  # compared on the categories, not on every row's text
        status = kegiatan[C.STATUS]
        zero = zero | (status == "ditolak").to_numpy(dtype=bool)
        if approved_only:
            zero = zero | (status != "disetujui").to_numpy(dtype=bool)
    return zero


def compute_jp(
    kegiatan: pd.DataFrame, rules: RuleSet, approved_only: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows with JP computed, and the cuts: every (row, period) where a cap cut units.

    Added columns: satuan, kolom, jalur, jp_per_satuan, batas, per, jp_mentah,
    satuan_diakui, jp_diakui, tahun. The cuts have: baris, per, periode (first day of
    the period), satuan, satuan_diakui, batas.
    """
    code = list(rules.by_code)
    table = rules.table
    table_row = np.full((len(code), len(LINGKUP)), -1, dtype=np.int64)
    table_row[_codes(table[C.JENIS], code), _codes(table[C.LINGKUP], list(LINGKUP))] = np.arange(
        len(table)
    )
    pos = table_row[_codes(kegiatan[C.JENIS], code), _codes(kegiatan[C.LINGKUP], list(LINGKUP))]
    if (pos < 0).any():
        raise ValueError("normalize let through a jenis/lingkup the rule set does not convert")

    result = kegiatan.copy(deep=False)  # copy on write: the new columns are its own
    for col in (C.SATUAN, C.CARD_COLUMN, C.TRACK, C.PER):
        value = table[col].astype(str)
        categorical = list(dict.fromkeys(value))
        result[col] = pd.Categorical.from_codes(
            _codes(value, categorical)[pos], categories=categorical
        )
    for col in (C.JP_PER_UNIT, C.BATAS):
        result[col] = table[col].to_numpy()[pos]

    quantity = result[C.QUANTITY].to_numpy(dtype=float)
    jp_per_satuan = result[C.JP_PER_UNIT].to_numpy()
    result[C.JP_RAW] = quantity * jp_per_satuan
    zero = not_counted(result, approved_only)  # they take no place under a cap either
    satuan_counted = np.where(zero, 0.0, quantity)
    capped = ~np.isnan(result[C.BATAS].to_numpy()) & ~zero
    cuts = _empty_cuts()
    if capped.any():
        satuan_counted[capped], cuts = _apply_caps(result.loc[capped, _CAP_COLUMNS])
    result[C.UNITS_COUNTED] = np.round(satuan_counted, 9)
    result[C.JP_COUNTED] = np.round(result[C.UNITS_COUNTED].to_numpy() * jp_per_satuan, 9)
    result[C.YEAR] = result[C.END].dt.year.astype(np.int64)
    return result, cuts


def _empty_cuts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            C.ROW: pd.Series(dtype=np.int64),
            C.PER: pd.Series(dtype=object),
            C.PERIOD: pd.Series(dtype="datetime64[s]"),
            C.SATUAN: pd.Series(dtype=float),
            C.UNITS_COUNTED: pd.Series(dtype=float),
            C.BATAS: pd.Series(dtype=float),
        }
    )


def _days(column: pd.Series) -> np.ndarray:
    return column.to_numpy().astype("datetime64[D]").astype(np.int64)


def _apply_caps(rows: pd.DataFrame, all_rows: bool = False) -> tuple[np.ndarray, pd.DataFrame]:
    """Units counted for each capped row (in row order), and the portions where caps cut units
    (``all_rows``: every portion, with the order they took units in, to explain a card)."""
    n = len(rows)
    start = _days(rows[C.START])
    per_month = (rows[C.PER] == "bulan").to_numpy()
    batas = np.round(rows[C.BATAS].to_numpy() * _NANO).astype(np.int64)
    group = _cap_group(rows)
    row_no = rows[C.ROW].to_numpy()
    r, period, parts = _day_portions(rows, start, per_month)

    # earlier rows count first: by start date, then ledger order, within each cap period
    ordered = lexsort_packed([row_no[r], start[r], period, group[r]])
    r, period, parts = r[ordered], period[ordered], parts[ordered]
    match_key = group[r]
    period_start = np.ones(len(r), dtype=bool)
    period_start[1:] = (match_key[1:] != match_key[:-1]) | (period[1:] != period[:-1])
    counted = _take_units(parts, batas[r], period_start)

    per_row = np.bincount(r, weights=counted, minlength=n) / _NANO
    if all_rows:
        picked = np.arange(len(r))
    else:  # the cuts, by row and then period
        picked = np.flatnonzero(counted < parts)
        picked = picked[lexsort_packed([period[picked], row_no[r[picked]]])]
    portions = pd.DataFrame(
        {
            C.ROW: row_no[r[picked]].astype(np.int64),
            C.PER: np.array(_PERIOD, dtype=object)[np.where(per_month[r[picked]], 2, 1)],
            C.PERIOD: period[picked].astype("datetime64[D]").astype("datetime64[s]"),
            C.SATUAN: parts[picked] / _NANO,
            C.UNITS_COUNTED: counted[picked] / _NANO,
            C.BATAS: batas[r[picked]] / _NANO,
        }
    )
    if all_rows:  # the order portions took units in, and which cap period each belongs to
        portions[C.ORDER] = np.arange(len(portions))
        portions[C.CAP_GROUP] = np.cumsum(period_start) - 1
    return per_row, portions


def _day_portions(
    rows: pd.DataFrame, start: np.ndarray, per_month: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each capped row's units in portions, one per row and cap period: (row position, period
    as days since 1970, units in nano-units), in row order. kegiatan/semester: all units on the
    start date; JP/hari: spread evenly over the calendar days (the last day takes the rounding
    remainder); a multi-day row under a monthly cap puts its days of one month together."""
    spread = rows[C.SATUAN].isin(["JP", "hari"]).to_numpy()
    n_days = np.where(spread, _days(rows[C.END]) - start + 1, 1)
    ends = np.cumsum(n_days)
    r = np.repeat(np.arange(len(rows)), n_days)  # one entry per row and calendar day
    day = np.arange(len(r)) - np.repeat(ends - n_days - start, n_days)
    total = np.round(rows[C.QUANTITY].to_numpy() * _NANO).astype(np.int64)
    parts = np.repeat(total // n_days, n_days)
    parts[ends - 1] += total % n_days
    period = day
    monthly = np.flatnonzero(per_month[r])
    if len(monthly):
        period = day.copy()
        period[monthly] = (
            day[monthly].astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]")
        ).astype(np.int64)
    added = np.ones(len(r), dtype=bool)
    added[1:] = (r[1:] != r[:-1]) | (period[1:] != period[:-1])
    if added.all():  # every day its own portion (no multi-day row under a monthly cap)
        return r, period, parts
    part_starts = np.flatnonzero(added)
    return r[part_starts], period[part_starts], np.add.reduceat(parts, part_starts)


def lexsort_packed(keys: list[np.ndarray]) -> np.ndarray:
    """``np.lexsort(keys)`` (the last key sorts first) of integer keys, neighbouring keys packed
    into one 64-bit integer where their ranges allow: the same order in fewer, faster passes."""
    packed: list[np.ndarray] = []
    room = 0  # values the current packed key can hold so far
    for key in keys:
        low = int(key.min()) if len(key) else 0
        span = (int(key.max()) - low + 1) if len(key) else 1
        shifted = key.astype(np.int64, copy=False) - low
        if packed and room * span < 2**62:
            packed[-1] = packed[-1] + shifted * room
            room *= span
        else:
            packed.append(shifted)
            room = span
    if len(packed) == 1:
        return np.argsort(packed[0], kind="stable")
    return np.lexsort(packed)


def _take_units(parts: np.ndarray, batas: np.ndarray, period_start: np.ndarray) -> np.ndarray:
    """Units each portion takes, portions sorted by cap period and order within it.

    Each portion takes up to its own limit minus what its period has already counted. Where
    every portion of a period has the same limit that is one cumulative sum; a period that
    mixes limits (national e-learning 3 JP/day beside international 4) is walked portion by
    portion, all such periods at once, so the loop runs once per position within a period.
    """
    # A portion past its limit takes nothing whatever its size, so each is offered at most its
    # limit: a period's sum stays small. The running sum over the whole ledger may still pass
    # 2**63 and wrap; only differences within a period are used, and those are exact.
    offered = np.minimum(parts, batas)
    earlier = np.cumsum(offered) - offered  # offered before each portion, over the ledger
    first = np.maximum.accumulate(np.where(period_start, np.arange(len(parts)), 0))
    before = earlier - earlier[first]  # offered earlier this period
    counted = np.minimum(parts, np.clip(batas - before, 0, None))

    differs = batas != batas[first]  # a limit other than the one its period began with
    if not differs.any():
        return counted
    period_id = np.cumsum(period_start) - 1
    start = np.flatnonzero(period_start)
    mixed = np.zeros(len(start), dtype=bool)
    mixed[period_id[differs]] = True
    pos = np.flatnonzero(mixed[period_id])
    rank = pos - start[period_id[pos]]
    pos = pos[np.argsort(rank, kind="stable")]
    rank_bounds = np.searchsorted(np.sort(rank), np.arange(rank.max() + 2))
    used = np.zeros(len(start), dtype=np.int64)  # units counted so far, per period
    for k in range(len(rank_bounds) - 1):  # k-th portion of every mixed period
        p = pos[rank_bounds[k] : rank_bounds[k + 1]]
        period = period_id[p]
        take = np.minimum(parts[p], np.clip(batas[p] - used[period], 0, None))
        counted[p] = take
        used[period] += take
    return counted


def cap_portions(
    kegiatan: pd.DataFrame, rules: RuleSet, approved_only: bool = False
) -> pd.DataFrame:
    """Every portion of every capped row (one per row and cap period), in the order they took
    units: what ``jp kartu`` needs to name the rows that used a cap first."""
    result, _ = compute_jp(kegiatan, rules, approved_only)
    capped = ~np.isnan(result[C.BATAS].to_numpy()) & ~not_counted(result, approved_only)
    if not capped.any():
        return _empty_cuts().assign(
            **{C.ORDER: pd.Series(dtype=np.int64), C.CAP_GROUP: pd.Series(dtype=np.int64)}
        )
    return _apply_caps(result.loc[capped, _CAP_COLUMNS], all_rows=True)[1]


def _cap_group(rows: pd.DataFrame) -> np.ndarray:
    """One integer per (employee, jenis): the unit a cap is counted in. National and
    international rows share it: a person has one day and one month, whatever the scope."""
    nip = pd.factorize(rows[C.NIP])[0].astype(np.int64)
    jenis = (
        rows[C.JENIS].cat.codes.to_numpy().astype(np.int64)
        if isinstance(rows[C.JENIS].dtype, pd.CategoricalDtype)
        else pd.factorize(rows[C.JENIS])[0].astype(np.int64)
    )
    return nip * (int(jenis.max(initial=0)) + 1) + jenis
