"""Columns parsed once per distinct cell, and the problems found in them, as data.

A ledger column is factorized, its few distinct values parsed (``cells``), and the results
mapped back by their codes, so a million rows cost a few thousand parser calls. Problems are
collected as (row position, column, code, arguments) and become ``Problem`` records at the end;
the words are chosen by ``jpcli.words`` when a problem is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

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

    def per_row(self, per_distinct: np.ndarray) -> np.ndarray:
        """``per_distinct`` (an entry per distinct value, the blank last) spread to the rows.
        A column the file lacks gets a read-only view of its one entry, not a per-row array."""
        if self.absent:
            return np.broadcast_to(per_distinct[-1:], self.code.shape)
        return per_distinct[self.code]

    @property
    def value(self) -> np.ndarray:
        return self.per_row(self.values_u)

    def value_at(self, pos: np.ndarray) -> np.ndarray:
        """The parsed values of the rows at ``pos`` (``value[pos]`` without the whole column)."""
        return self.values_u[self.code[pos]]

    # the row masks the checks ask for again and again: made once, read-only
    @cached_property
    def blank(self) -> np.ndarray:
        return _read_only(self.per_row(self.blank_u))

    @cached_property
    def has_error(self) -> np.ndarray:
        return _read_only(self.per_row(self.error_u != None))  # noqa: E711

    @cached_property
    def filled(self) -> np.ndarray:
        """A usable value was written (decided per distinct cell)."""
        return _read_only(self.per_row(self.filled_u))

    @property
    def filled_u(self) -> np.ndarray:
        """Per distinct value (the blank last): a usable value."""
        return ~self.blank_u & (self.error_u == None)  # noqa: E711

    def raw_text(self, pos: np.ndarray) -> np.ndarray:
        """The cells at ``pos`` as the user sees them (worded once per distinct cell, only for
        reported rows)."""
        code, distinct = pd.factorize(self.code[pos])
        return np.array([cells.shown(v) for v in self.raw_u[distinct]], dtype=object)[code]

    def errors(self, pos: np.ndarray) -> np.ndarray:
        """(code, args) of why the cells at ``pos`` were refused."""
        return self.error_u[self.code[pos]]

    @property
    def absent(self) -> bool:
        """No value written on any row (a column the file lacks): it needs no per-row work."""
        return len(self.values_u) == 1

    def value_codes(self) -> np.ndarray:
        """Per row, a code of the *parsed* value (equal values, equal codes), for grouping."""
        return self.value_key().at(slice(None))

    def value_key(self) -> CodedKey:
        """The parsed value of every row as a key for finding equal rows, held per distinct
        value (``CodedKey``): hashing it costs one lookup per row."""
        code_u, _ = pd.factorize(self.values_u, use_na_sentinel=False)
        return CodedKey(code_u, self.code)

    def categorical(self, pos: np.ndarray, categories: list[str] | None = None) -> pd.Categorical:
        """The parsed values of the rows at ``pos`` as a categorical: the given categories, else
        the distinct values."""
        if categories is None:
            code_u, distinct = pd.factorize(self.values_u, use_na_sentinel=False)
            categories = pd.Index(distinct, dtype=object)
        else:  # -1 (missing) only for refused rows
            code_u = pd.Index(categories).get_indexer(self.values_u)
        code_u = code_u.astype(_code_type(len(categories)))
        if self.absent:  # every row blank: no per-row lookup
            codes = np.full(len(pos), code_u[-1], dtype=code_u.dtype)
        else:
            codes = code_u[self.code[pos]]
        return pd.Categorical.from_codes(codes, categories=categories, validate=False)


def _read_only(mask: np.ndarray) -> np.ndarray:
    mask.flags.writeable = False
    return mask


def _code_type(n: int) -> type:
    """The smallest integer type that holds the codes of ``n`` categories (and -1)."""
    return next((t for t in (np.int8, np.int16, np.int32) if n < np.iinfo(t).max), np.int64)


@dataclass(frozen=True)
class CodedKey:
    """One integer key per row held as per-distinct integers and each row's code into them
    (``table[code]``; code -1 is the last entry): what ``normalize.mark_duplicates`` compares."""

    table: np.ndarray
    code: np.ndarray

    def hashed(self) -> np.ndarray:
        """A 64-bit hash per row: each distinct value hashed once."""
        return pd.util.hash_array(np.asarray(self.table))[self.code]

    def at(self, pos) -> np.ndarray:
        return self.table[self.code[pos]]

    @property
    def constant(self) -> bool:
        return len(np.unique(self.table)) <= 1


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
    code, originals = distinct_cells(frame[name])
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


def distinct_cells(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per row an index into the column's distinct values (-1: an empty cell), and those values
    in the order they first appear. A categorical column (a CSV read as Arrow dictionaries)
    keeps its small integer codes: its values are not hashed again, only its codes."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        code, uniques = pd.factorize(column, use_na_sentinel=True)
        return code, np.asarray(uniques, dtype=object)
    codes = column.cat.codes.to_numpy()
    seen = pd.unique(codes)  # the categories used, in order of first appearance
    seen = seen[seen >= 0]
    renumber = np.full(len(column.cat.categories) + 1, -1, dtype=codes.dtype)  # last: -1 stays
    renumber[seen] = np.arange(len(seen))
    return renumber[codes], np.asarray(column.cat.categories, dtype=object)[seen]


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
    the one reported). Returns the merged column and, per row, the position of the column used.
    A column blank throughout (absent from the file) is never chosen and costs nothing."""
    n = len(sources[0].code)
    first_good = np.full(n, -1, dtype=np.int8)
    first_filled = np.zeros(n, dtype=np.int8)
    for i in reversed(range(len(sources))):
        parsed = sources[i]
        if parsed.absent:
            continue
        filled_u = ~parsed.blank_u
        first_filled = np.where(filled_u[parsed.code], np.int8(i), first_filled)
        good = (filled_u & (parsed.error_u == None))[parsed.code]  # noqa: E711
        first_good = np.where(good, np.int8(i), first_good)
    choose = np.where(first_good >= 0, first_good, first_filled)
    offset = 0
    code = np.empty(n, dtype=np.intp)  # every row takes its code from the column it chose
    for i, parsed in enumerate(sources):
        size = len(parsed.values_u)
        # the merged arrays' entries of this column; a blank cell's code, -1, picks the last
        own = np.arange(offset, offset + size)
        np.copyto(code, own[-1] if parsed.absent else own[parsed.code], where=choose == i)
        offset += size
    merged = ParsedColumn(
        code=code,
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
