"""Columns parsed once per distinct cell, and the problems found in them, as data.

A ledger column is factorized, its few distinct values parsed (``cells``), and the results
mapped back by their codes, so a million rows cost a few thousand parser calls. Problems are
collected as (row position, column, code, arguments) and become ``Problem`` records at the end;
the words are chosen by ``jpcli.words`` when a problem is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jpcli.core import cells
from jpcli.files.read import Table
from jpcli.problems import Problem

Source = Callable[[np.ndarray], np.ndarray]  # row positions -> one value per position


@dataclass(frozen=True)
class ParsedColumn:
    """One column parsed by distinct value. Arrays ending in ``_u`` hold one entry per distinct
    value plus a last one for blank cells; ``code`` maps each row to its entry."""

    code: np.ndarray  # per row: index into the *_u arrays (-1 = blank cell -> last entry)
    values_u: np.ndarray  # parsed value (the blank filler for blank or refused values)
    error_u: np.ndarray  # object: (code, args) of why the value was refused, or None
    raw_u: np.ndarray  # object: the distinct cell values as read ("" last)
    blank_u: np.ndarray  # bool: blank

    @property
    def value(self) -> np.ndarray:
        return self.values_u[self.code]

    @property
    def blank(self) -> np.ndarray:
        return self.blank_u[self.code]

    @property
    def has_error(self) -> np.ndarray:
        return (self.error_u != None)[self.code]  # noqa: E711

    @property
    def filled(self) -> np.ndarray:
        """A usable value was written (decided per distinct cell)."""
        return (~self.blank_u & (self.error_u == None))[self.code]  # noqa: E711

    def raw_text(self, pos: np.ndarray) -> np.ndarray:
        """The cells at ``pos`` as the user sees them (worded once per distinct cell, only for
        reported rows)."""
        code, distinct = pd.factorize(self.code[pos])
        return np.array([cells.shown(v) for v in self.raw_u[distinct]], dtype=object)[code]

    def errors(self, pos: np.ndarray) -> np.ndarray:
        """(code, args) of why the cells at ``pos`` were refused."""
        return self.error_u[self.code[pos]]

    def value_codes(self) -> np.ndarray:
        """Per row, a code of the *parsed* value (equal values, equal codes), for grouping."""
        code_u, _ = pd.factorize(self.values_u, use_na_sentinel=False)
        return code_u[self.code]

    def categorical(self, categories: list[str] | None = None) -> pd.Categorical:
        """The parsed values as a categorical: the given categories, else the distinct values."""
        if categories is None:
            code_u, distinct = pd.factorize(self.values_u, use_na_sentinel=False)
            return pd.Categorical.from_codes(
                code_u[self.code], categories=pd.Index(distinct, dtype=object)
            )
        code_u = pd.Index(categories).get_indexer(
            self.values_u
        )  # -1 (missing) only for refused rows
        return pd.Categorical.from_codes(code_u[self.code], categories=categories)


def parse_column(
    frame: pd.DataFrame,
    name: str,
    parse: Callable[[object], object],
    dtype,
    blank_fill,
    fast: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None,
) -> ParsedColumn:
    """Parse column ``name`` of ``frame`` by its distinct values. ``fast`` (optional) checks the
    common case for many distinct values at once; what it does not accept goes through ``parse``
    one by one. A column the file lacks is blank on every row (without a per-row array)."""
    if name not in frame:
        values_u = np.array([blank_fill], dtype=object)
        return ParsedColumn(
            code=np.broadcast_to(np.intp(-1), (len(frame),)),
            values_u=values_u.astype(dtype) if dtype is not object else values_u,
            error_u=np.array([None], dtype=object),
            raw_u=np.array([""], dtype=object),
            blank_u=np.array([True]),
        )
    col = frame[name]
    code, uniques = pd.factorize(col, use_na_sentinel=True)
    originals = np.asarray(uniques, dtype=object)
    result = np.full(len(originals), None, dtype=object)
    errors = np.full(len(originals) + 1, None, dtype=object)
    good = np.zeros(len(originals), dtype=bool)
    if fast is not None and len(originals) > 500:
        good, result = fast(originals)
    for i in np.flatnonzero(~good):  # one call per distinct value, not per row
        try:
            result[i] = parse(originals[i])
        except cells.Reject as exc:
            errors[i] = (exc.code, exc.args_)
    blank = np.append((result == None) & (errors[:-1] == None), True)  # noqa: E711
    values_u = np.append(result, None)
    values_u[values_u == None] = blank_fill  # noqa: E711
    return ParsedColumn(
        code=code,
        values_u=values_u.astype(dtype) if dtype is not object else values_u,
        error_u=errors,
        raw_u=np.append(originals, ""),
        blank_u=blank,
    )


def column_from(per_row: np.ndarray) -> ParsedColumn:
    """A column of already parsed values (one per row)."""
    code, distinct = pd.factorize(per_row, use_na_sentinel=False)
    distinct = np.asarray(distinct, dtype=object)
    return ParsedColumn(
        code=code,
        values_u=np.append(distinct, ""),
        error_u=np.full(len(distinct) + 1, None, dtype=object),
        raw_u=np.append(distinct, ""),
        blank_u=np.append(distinct == "", True),
    )


def merge_sources(sources: list[ParsedColumn]) -> tuple[ParsedColumn, np.ndarray]:
    """One field written in several columns (SIASN: a name and a numeric code): per row the first
    column whose value was understood; when none was, the first that is not blank (its refusal is
    the one reported). Returns the merged column and, per row, the position of the column used."""
    good = np.stack([~parsed.blank & ~parsed.has_error for parsed in sources])
    content = np.stack([~parsed.blank for parsed in sources])
    choose = np.where(
        good.any(axis=0),
        good.argmax(axis=0),
        np.where(content.any(axis=0), content.argmax(axis=0), 0),
    )
    offsets = np.cumsum([0] + [len(parsed.values_u) for parsed in sources[:-1]])
    # a blank cell's code is -1: the last entry of its column's arrays
    code = np.stack(
        [
            np.where(parsed.code < 0, len(parsed.values_u) - 1, parsed.code) + offset
            for parsed, offset in zip(sources, offsets)
        ]
    )
    merged = ParsedColumn(
        code=code[choose, np.arange(len(choose))],
        values_u=np.concatenate([parsed.values_u for parsed in sources]),
        error_u=np.concatenate([parsed.error_u for parsed in sources]),
        raw_u=np.concatenate([parsed.raw_u for parsed in sources]),
        blank_u=np.concatenate([parsed.blank_u for parsed in sources]),
    )
    return merged, choose.astype(np.int8)


def _objects(items) -> np.ndarray:
    """An object array of tuples (numpy would otherwise read each tuple as a row of values)."""
    items = list(items)
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):  # problem rows only
        out[i] = item
    return out


class ProblemCollector:
    """Collects problems as (row position, column, value, code, args) and makes Problems at the
    end."""

    def __init__(self, table: Table):
        self.table = table
        self.row_no = table.frame.index.to_numpy()
        self.n = len(self.row_no)
        self.parts: list[pd.DataFrame] = []
        # rows that cannot be used: those the reader already found broken (an Excel error cell,
        # a CSV row cut wrongly), and those the checks find
        broken = [m for m in table.problems if m.level == "salah" and m.row_no]
        self.errors = np.isin(self.row_no, [m.row_no for m in broken])
        self.broken_cells = {(m.row_no, m.column) for m in broken if m.column}  # said once
        # rows the verifier rejected: they never count, so a mistake in them is a warning, not an
        # error, and only what stops them being read is reported (no quantity or stated-JP remarks)
        self.rejected = np.zeros(self.n, dtype=bool)

    def add(
        self,
        mask: np.ndarray,
        column: str | None,
        code: str,
        *args: Source | object,
        parsed: ParsedColumn | None = None,
        level: str = "salah",
        also_rejected: bool = False,
    ) -> None:
        """A problem ``code`` on every row of ``mask``; each of ``args`` is a value for all, or a
        function from row positions to one value each. A warning about a rejected row is dropped
        unless ``also_rejected`` (the rejection itself)."""
        pos = np.flatnonzero(mask)
        if not len(pos):
            return
        per_row = [
            np.asarray(a(pos), dtype=object) if callable(a) else np.full(len(pos), a, dtype=object)
            for a in args
        ]
        rows_args = zip(*per_row) if per_row else ((),) * len(pos)
        self._add(
            pos,
            column,
            _objects((code, row_args) for row_args in rows_args),
            parsed,
            level,
            also_rejected,
        )

    def add_refusals(self, mask: np.ndarray, column: str, parsed: ParsedColumn) -> None:
        """The cells of ``parsed`` that could not be read, each with its own reason."""
        pos = np.flatnonzero(mask)
        if len(pos):
            self._add(pos, column, parsed.errors(pos), parsed, "salah", False)

    def _add(
        self,
        pos: np.ndarray,
        column: str | None,
        coded: np.ndarray,
        parsed: ParsedColumn | None,
        level: str,
        also_rejected: bool,
    ) -> None:
        if self.broken_cells and column is not None:  # a cell the reader reported: not again
            header = self.table.headers.get(column, column)
            keep = np.array([(r, header) not in self.broken_cells for r in self.row_no[pos]])
            pos, coded = pos[keep], coded[keep]
            if not len(pos):
                return
        if level == "salah":
            self.errors[pos] = True
        levels = np.full(len(pos), level, dtype=object)
        rejected = self.rejected[pos] & (not also_rejected)
        if rejected.any():
            if level == "salah":  # kept, as a warning that says the row does not count anyway
                levels[rejected] = "peringatan"
                coded[rejected] = _objects(("rejected_row", c) for c in coded[rejected])
            else:
                keep = ~rejected
                pos, levels, coded = pos[keep], levels[keep], coded[keep]
                if not len(pos):
                    return
        self.parts.append(
            pd.DataFrame(
                {
                    "pos": pos,
                    "kolom": column,
                    "nilai": parsed.raw_text(pos)
                    if parsed is not None
                    else np.full(len(pos), None, dtype=object),
                    "kode": coded,
                    "tingkat": levels,
                }
            )
        )

    def problems(self) -> list[Problem]:
        if not self.parts:
            return []
        found = pd.concat(self.parts, ignore_index=True).sort_values("pos", kind="stable")
        row_no = self.row_no[found["pos"].to_numpy()].tolist()
        column = [self.table.headers.get(k, k) if k else None for k in found["kolom"]]
        file, sheet = self.table.file, self.table.sheet
        return [
            Problem(file, sheet, row, col, value, code, args, level)
            for row, col, value, (code, args), level in zip(
                row_no,
                column,
                found["nilai"].tolist(),
                found["kode"].tolist(),
                found["tingkat"].tolist(),
            )
        ]
