"""``jp hitung``, ``jp cek`` and ``jp validasi`` on a ledger larger than memory: partitioned
while it is read.

The CSV is read block by block (``files.stream``); each row goes, by a hash of its NIP, to one of
N parts written as Parquet in a temporary folder (removed afterwards, whatever happens). Each
part is then normalized and computed on its own, one after another or on K processes, and only
what the card needs is kept of it: JP per employee, year and card column, each employee's name,
the problems (for ``jp cek`` also each part's latest year and what its employees used this month;
``jp validasi`` only normalizes). Every cap is per employee and every check is per row or per
employee, so the result is the single pass's (tests/test_bagian.py); row numbers are carried
from the file, so every message names the true row.

A large ledger that fits in memory (read whole) is worked on the same way in two halves, one per
thread (``halves``), for the second core.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from jpcli.core import card, compute, shortfall
from jpcli.core import schema as C
from jpcli.core.normalize import (
    JENIS_SOURCES,
    checked_roster,
    normalize_activities,
    problem_order,
)
from jpcli.core.records import Ledger, Report
from jpcli.files import sniff
from jpcli.files.read import Table, typed_cells
from jpcli.files.stream import StreamedCsv, StreamedParquet
from jpcli.problems import InputError, Problem
from jpcli.rules import JP_COLUMNS, RuleSet

PART_BYTES = sniff.PART_BYTES


def auto_parts(path: Path) -> int:
    """Parts for ``--partisi auto``: one per ``PART_BYTES`` of the file (1 for a smaller one)."""
    return sniff.auto_parts(path, PART_BYTES)


@dataclass(frozen=True)
class PartResult:
    """What one part leaves for the card."""

    jp: pd.DataFrame  # nip, tahun and the nine card columns: JP counted, summed
    names: pd.DataFrame  # baris, nip, nama: each employee's first row, and first name written
    problems: list[Problem]
    n_rows: int
    jenis_source: dict[str, int] = field(default_factory=dict)
    pending: list[int] = field(default_factory=list)  # rows not approved (--hanya-disetujui)
    latest: int | None = None  # the latest year among the part's valid rows (before ``until``)
    used: dict = field(default_factory=dict)  # shortfall.used_this_month (jp cek), by NIP


def split(streamed: StreamedCsv | StreamedParquet, n_parts: int, folder: Path) -> list[Path]:
    """The ledger's data rows in ``n_parts`` Parquet files by NIP hash, with their row numbers
    (column ``baris``); parts that received no row are not written."""
    writers: dict[int, pq.ParquetWriter] = {}
    try:
        for block in streamed.blocks():
            part = _part_of(block.cells.column(C.NIP), n_parts)
            order = np.argsort(part, kind="stable")
            rows = block.cells.append_column(C.ROW, block.rows).take(pa.array(order))
            bounds = np.searchsorted(part[order], np.arange(n_parts + 1))
            for i in np.flatnonzero(np.diff(bounds)):
                if i not in writers:
                    writers[i] = pq.ParquetWriter(
                        folder / f"bagian_{i:05d}.parquet", rows.schema, compression="none"
                    )  # read back at once: compressing costs more time than it saves
                writers[i].write_table(rows.slice(bounds[i], bounds[i + 1] - bounds[i]))
    finally:
        for writer in writers.values():
            writer.close()
    return [folder / f"bagian_{i:05d}.parquet" for i in sorted(writers)]


def _part_of(nip: pa.ChunkedArray, n_parts: int) -> np.ndarray:
    """The part of every row: the hash of the digits of its NIP cell, which for a valid NIP is
    the NIP as the normalizer reads it ("1987 0205 ..." and "'19870205..." go together; a cell
    that is no NIP is an error row, in some part, always the same), as ``pipeline.nip_partition``
    hashes it. Hashed once per distinct cell."""
    if not (pa.types.is_string(nip.type) or pa.types.is_dictionary(nip.type)):
        nip = pc.cast(nip, pa.string())  # a Parquet ledger's typed column
    codes, distinct = sniff.encode_column(nip)
    cells = pc.cast(pa.array(distinct), pa.string())  # each distinct cell once; mostly digits
    plain = pc.and_(pc.string_is_ascii(cells), pc.utf8_is_digit(cells))
    if not pc.all(plain).as_py():
        cells = pc.if_else(plain, cells, pc.replace_substring_regex(cells, r"[^0-9]", ""))
    keys = cells.to_numpy(zero_copy_only=False).astype(object)
    small = np.int16 if n_parts <= np.iinfo(np.int16).max else np.int64  # sorts by radix
    per_value = (pd.util.hash_array(keys, categorize=False) % n_parts).astype(small)
    return np.append(per_value, small(0))[codes]  # an empty NIP cell (-1): part 0


def compute_part(
    path: Path,
    header: Table,
    rules: RuleSet,
    today: dt.date,
    approved_only: bool,
    until: dt.date | None = None,
    month_of: dt.date | None = None,
    check_only: bool = False,
) -> PartResult:
    """Normalize and compute one part (a Parquet file); keep what the card needs. The unit of
    work of a process (or of a cluster's worker: the same function). ``until``: count only rows
    finished by then (``jp cek``); ``month_of``: keep the units counted in that date's month
    (``jp cek``'s plans); ``check_only``: normalize only (``jp validasi``)."""
    body = pq.read_table(path, read_dictionary=_text_columns(path))  # text as codes, as stored
    frame = pd.DataFrame(
        {name: typed_cells(body.column(name)) for name in body.column_names if name != C.ROW},
        index=pd.Index(body.column(C.ROW).to_numpy(), name=C.ROW),
    )
    how = {"until": until, "month_of": month_of, "check_only": check_only}
    return computed_part(frame, header, rules, today, approved_only, **how)


def computed_part(
    frame: pd.DataFrame,
    header: Table,
    rules: RuleSet,
    today: dt.date,
    approved_only: bool,
    until: dt.date | None = None,
    month_of: dt.date | None = None,
    check_only: bool = False,
) -> PartResult:
    """``compute_part`` of a part already in memory: ``frame`` holds its cells as read (index:
    the row numbers), ``header`` the ledger's file, sheet and headers."""
    table = Table(header.file, header.sheet, frame, header.header_row, dict(header.headers), [])
    kegiatan, problems, n_rows = normalize_activities(table, rules, today)
    if check_only:
        source = Ledger(header.file, kegiatan, None, [], n_rows).source_counts()
        # no view of the part's rows is kept (a zero-row view still holds their arrays)
        return PartResult(pd.DataFrame(), _first_names(kegiatan.iloc[:0]), problems, n_rows, source)
    counted = kegiatan if until is None else kegiatan[kegiatan[C.END] <= pd.Timestamp(until)]
    pending = []
    if approved_only:
        waiting = ~counted[C.STATUS].isin(["disetujui", "ditolak"])
        pending = counted.loc[waiting, C.ROW].astype(int).tolist()
    result, _ = compute.compute_jp(counted, rules, approved_only)
    return PartResult(
        jp=_per_employee_year(result),
        names=_first_names(kegiatan),
        problems=problems,
        n_rows=n_rows,
        jenis_source=Ledger(header.file, kegiatan, None, [], n_rows).source_counts(),
        pending=pending,
        latest=card.latest_year(kegiatan.assign(**{C.YEAR: kegiatan[C.END].dt.year})),
        used={} if month_of is None else shortfall.used_this_month(result, month_of),
    )


def _text_columns(path: Path) -> list[str]:
    """The part's text columns (read as dictionaries: each distinct text once)."""
    schema = pq.read_schema(path)
    return [field.name for field in schema if pa.types.is_string(field.type)]


def _per_employee_year(result: pd.DataFrame) -> pd.DataFrame:
    """JP counted per employee and year, one column per card column: one row per employee-year
    (the national ledger's 4 million employees must fit beside the part being computed).

    The three keys are packed into one integer per row, so pandas' group sum (compensated, in
    row order: the sums the single pass makes) groups by one key; the wide table is then placed
    by index, in order of NIP category and year."""
    nip = result[C.NIP].astype("category")
    names = np.asarray(nip.cat.categories, dtype=object).astype(str)
    year = result[C.YEAR].to_numpy(dtype=np.int64)
    low = int(year.min()) if len(year) else 0
    n_years, n_columns = (int(year.max()) - low + 1 if len(year) else 1), len(JP_COLUMNS)
    column = result[C.CARD_COLUMN].astype("category")
    position = pd.Index(list(JP_COLUMNS)).get_indexer(column.cat.categories.astype(str))
    column = position[column.cat.codes.to_numpy()]
    jp = result[C.JP_COUNTED].to_numpy(dtype=float)
    if (column < 0).any():  # a column the card does not have: its employee-year row, no JP
        jp, column = np.where(column < 0, 0.0, jp), np.maximum(column, 0)
    key = (nip.cat.codes.to_numpy(np.int64) * n_years + (year - low)) * n_columns + column
    sums = pd.Series(jp).groupby(key, sort=False).sum()
    packed = sums.index.to_numpy(np.int64)
    rows, at = np.unique(packed // n_columns, return_inverse=True)
    wide = np.zeros((len(rows), n_columns))
    wide[at, packed % n_columns] = sums.to_numpy()
    frame = pd.DataFrame(wide, columns=list(JP_COLUMNS))
    frame.insert(0, C.YEAR, (rows % n_years + low).astype(np.int16))
    frame.insert(0, C.NIP, pd.Series(names[rows // n_years], dtype=object))  # as they are
    frame.columns.name = C.CARD_COLUMN
    return frame


def _card_rows(wide: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's JP as ``build_kartu`` reads a result: one row per employee and card column
    with JP (summed per part before, so each sum is the single pass's)."""
    rows = wide[wide[C.YEAR] == year].melt(
        id_vars=[C.NIP, C.YEAR], value_vars=list(JP_COLUMNS),
        var_name=C.CARD_COLUMN, value_name=C.JP_COUNTED,
    )  # fmt: skip
    return rows[rows[C.JP_COUNTED] != 0]


def _first_names(kegiatan: pd.DataFrame) -> pd.DataFrame:
    """Per employee: the first row, and the name of the first row that has one ("" if none).
    (The rows are in file order.)"""
    codes, nips = pd.factorize(kegiatan[C.NIP])
    name_of = pd.Categorical(kegiatan[C.NAME])  # each distinct name once, a code per row
    written = np.append(np.asarray(name_of.categories, dtype=object) != "", False)
    # codes number the NIPs in order of first appearance: a row starts a NIP where its code
    # passes every code before it
    seen = np.maximum.accumulate(codes)
    first = np.flatnonzero(np.append(True, seen[1:] > seen[:-1])) if len(codes) else codes
    named = np.flatnonzero(written[name_of.codes])  # code -1 (none): the False appended
    first_named = np.full(len(nips), len(codes))
    np.minimum.at(first_named, codes[named], named)
    found = first_named < len(codes)
    name = np.full(len(nips), "", dtype=object)
    name[found] = np.asarray(name_of.categories, dtype=object)[name_of.codes[first_named[found]]]
    return pd.DataFrame(
        {
            C.ROW: kegiatan[C.ROW].to_numpy()[first],
            C.NIP: np.asarray(nips, dtype=object).astype(str),
            C.NAME: name.astype(str),
        }
    )


# How the parts are computed: (compute_part, paths, header, rules, today, approved_only) ->
# their results in the order of ``paths`` (core.cluster gives one that runs them on a cluster)
Runner = Callable[[Callable, list[Path], Table, RuleSet, dt.date, bool], Iterable[PartResult]]


def _results(
    paths: list[Path],
    header: Table,
    rules: RuleSet,
    approved_only: bool,
    processes: int,
    runner: Runner | None = None,
    counting: Counting | None = None,
) -> Iterator[PartResult]:
    today = dt.date.today()
    work = partial(compute_part, **_how(counting))
    if runner is not None:
        yield from runner(work, paths, header, rules, today, approved_only)
        return
    if processes > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=min(processes, len(paths))) as pool:
            yield from pool.map(
                work, paths, repeat(header), repeat(rules), repeat(today), repeat(approved_only),
            )  # fmt: skip
        return
    for path in paths:
        yield work(path, header, rules, today, approved_only)


@dataclass(frozen=True)
class Counting:
    """How the parts are counted for ``jp cek``: only rows finished by ``until``, the units
    counted in ``month_of``'s month kept for the plans; ``recount``: given the latest year among
    the ledger's valid rows, whether to count the parts again without ``until`` (``until`` was a
    guess made before that year was known: ``pipeline.streamed_check``). For ``jp validasi``:
    ``check_only``, the parts only normalized."""

    until: dt.date | None = None
    month_of: dt.date | None = None
    recount: Callable[[int | None], bool] | None = None
    check_only: bool = False  # normalize only, nothing counted (jp validasi)


def _how(counting: Counting | None) -> dict:
    """``compute_part``'s (and ``computed_part``'s) arguments for ``counting``."""
    if counting is None:
        return {}
    return {"until": counting.until, "month_of": counting.month_of,
            "check_only": counting.check_only}  # fmt: skip


def _recounted(gather: Callable[[Counting | None], _Gathered], counting: Counting | None):
    """``gather(counting)``, and again without ``until`` when ``counting.recount`` says so
    (``pipeline.streamed_check``)."""
    gathered = gather(counting)
    if counting is not None and counting.recount and counting.recount(gathered.latest_valid):
        gathered = gather(replace(counting, until=None, recount=None))
    return gathered


def _gathered(paths, header, rules, approved_only, processes, runner, year, counting):
    gathered = _Gathered(year)
    for part in _results(paths, header, rules, approved_only, processes, runner, counting):
        gathered.add(part)
    return gathered


def parted_report(
    streamed: StreamedCsv | StreamedParquet,
    rules: RuleSet,
    n_parts: int,
    processes: int = 1,
    roster_path: Path | None = None,
    year: int | None = None,
    target: float | None = None,
    skip_errors: bool = False,
    approved_only: bool = False,
    target_pppk: float | None = None,
    runner: Runner | None = None,
    folder: Path | None = None,
) -> Report:
    """The year's card of a streamed CSV ledger, computed part by part (see the module).

    ``Report.result`` holds JP per employee and year, by card column (not every row), and
    ``Ledger.kegiatan`` is empty: what ``jp hitung`` shows, not what ``jp kartu`` explains.
    ``runner``: computes the parts elsewhere (a cluster); ``folder``: where the parts' temporary
    folder is made (one every worker can read, for a cluster of several machines).
    """
    work = (streamed.header, rules, approved_only, processes, runner)
    gathered = parted(streamed, n_parts, work, year, None, folder)
    figures = (year, target, skip_errors, approved_only, target_pppk)
    return _report_of(gathered, streamed.header, rules, roster_path, *figures)


def parted_check(
    streamed: StreamedCsv | StreamedParquet,
    rules: RuleSet,
    n_parts: int,
    counting: Counting,
    processes: int = 1,
    roster_path: Path | None = None,
    year: int | None = None,
    target: float | None = None,
    skip_errors: bool = False,
    approved_only: bool = False,
    target_pppk: float | None = None,
) -> tuple[Report, dict]:
    """``jp cek`` of a streamed ledger: the report of the parts counted as ``counting`` says
    (the default year: the latest among the valid rows, counted or not, as
    ``pipeline.check_targets`` chooses it), and the units each employee counted in
    ``counting.month_of``'s month (``shortfall.used_this_month``)."""
    work = (streamed.header, rules, approved_only, processes, None)
    gathered = parted(streamed, n_parts, work, year, counting)
    figures = (year or gathered.latest_valid, target, skip_errors, approved_only, target_pppk)
    return _report_of(gathered, streamed.header, rules, roster_path, *figures), gathered.used


# A ledger read whole with at least this many rows is worked on in two halves, on two threads
# (``halves``); for a smaller one the second thread would cost more than it saves.
HALVES_ROWS = 200_000


def halves_report(
    table: Table,
    rules: RuleSet,
    roster_path: Path | None = None,
    year: int | None = None,
    target: float | None = None,
    skip_errors: bool = False,
    approved_only: bool = False,
    target_pppk: float | None = None,
) -> Report:
    """``jp hitung`` of a ledger read whole (``table``), worked on in two halves (``halves``);
    the same card, the same problems in the same order as the single pass."""
    header, gathered = halves(table, rules, approved_only, year)
    figures = (year, target, skip_errors, approved_only, target_pppk)
    return _report_of(gathered, header, rules, roster_path, *figures)


def halves_check(
    table: Table,
    rules: RuleSet,
    counting: Counting,
    roster_path: Path | None = None,
    year: int | None = None,
    target: float | None = None,
    skip_errors: bool = False,
    approved_only: bool = False,
    target_pppk: float | None = None,
) -> tuple[Report, dict]:
    """``jp cek`` of a ledger read whole, in two halves: as ``parted_check``."""
    header, gathered = halves(table, rules, approved_only, year, counting)
    figures = (year or gathered.latest_valid, target, skip_errors, approved_only, target_pppk)
    return _report_of(gathered, header, rules, roster_path, *figures), gathered.used


def halves(
    table: Table,
    rules: RuleSet,
    approved_only: bool,
    year: int | None,
    counting: Counting | None = None,
) -> tuple[Table, _Gathered]:
    """A ledger read whole (``table``), its rows normalized and computed in two halves by NIP
    hash, one half per thread: numpy, pandas and Arrow leave Python's lock free for much of that
    work, so the second core takes a share (a million rows, two cores: about 0.6 -> 0.5 s). The
    halves are gathered as the parts of ``parted`` (counted again without ``until`` when
    ``counting.recount`` says so); also the ledger's header (its problems said once)."""
    today = dt.date.today()
    frame = table.frame
    half = _part_of(pa.chunked_array([pa.array(frame[C.NIP])]), 2)
    pieces = [frame.iloc[np.flatnonzero(half == i)] for i in range(2)]
    header = replace(table, frame=pd.DataFrame())

    def gathered(counting: Counting | None) -> _Gathered:
        work = partial(computed_part, **_how(counting))
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(
                pool.map(work, pieces, repeat(header), repeat(rules), repeat(today),
                         repeat(approved_only))
            )  # fmt: skip
        collected = _Gathered(year)
        for part in results:
            collected.add(part)
        return collected

    return header, _recounted(gathered, counting)


def parted(streamed, n_parts, work, year, counting, folder=None) -> _Gathered:
    """The ledger split into parts in a temporary folder (removed afterwards, whatever happens),
    each part computed (``work``: header, rules, approved_only, processes, runner) and gathered;
    counted again without ``until`` when ``counting.recount`` says so."""
    with tempfile.TemporaryDirectory(prefix="jp-bagian-", dir=folder) as temporary:
        paths = split(streamed, n_parts, Path(temporary))
        return _recounted(lambda how: _gathered(paths, *work, year, how), counting)


def _report_of(
    gathered, header, rules, roster_path, year, target, skip_errors, approved_only, target_pppk
) -> Report:
    parts = gathered.parts
    ledger = merged_ledger(header, parts, roster_path)
    card.check_countable(ledger, skip_errors, target)
    warnings = _warnings(ledger, parts, approved_only)
    jp = pd.concat(gathered.jp, ignore_index=True)
    gathered.jp.clear()  # each part's frame is freed as soon as they are joined
    year = card.card_year(jp, year, ledger, warnings)
    names = pd.concat(gathered.names, ignore_index=True).sort_values(C.ROW)
    gathered.names.clear()
    targets = card.status_targets(rules, target, target_pppk)
    kartu = card.build_kartu(
        _card_rows(jp, year), year, ledger.pegawai, targets, all_activities=names
    )
    warnings += card.over_ceiling(kartu, rules, ledger)
    return Report(
        rules=rules,
        year=int(year),
        target=targets["PNS"],
        ledger=ledger,
        result=jp,
        cuts=pd.DataFrame(),
        kartu=kartu,
        warnings=tuple(warnings),
        skipped=ledger.n_error_rows if ledger.errors else 0,
        approved_only=approved_only,
    )


@dataclass
class _Gathered:
    """The parts' results as they finish. Only one year's JP is ever shown (the year asked, or
    the latest with data), so rows of an earlier year than the latest seen so far are dropped at
    once: the national ledger's employees are held for one year, not for every year."""

    year: int | None  # the year asked (--tahun), or None for the latest
    jp: list[pd.DataFrame] = field(default_factory=list)
    names: list[pd.DataFrame] = field(default_factory=list)
    parts: list[PartResult] = field(default_factory=list)  # without their frames
    latest: int | None = None
    latest_valid: int | None = None  # the latest year among the valid rows, counted or not
    used: dict = field(default_factory=dict)  # each part's ``used``, joined (NIPs are apart)

    def add(self, part: PartResult) -> None:
        jp = part.jp
        if self.year is not None:
            jp = jp[jp[C.YEAR] == self.year]
        elif len(jp):
            top = int(jp[C.YEAR].max())
            if self.latest is None or top > self.latest:
                self.latest = top
                self.jp = [frame[frame[C.YEAR] >= top] for frame in self.jp]
            jp = jp[jp[C.YEAR] >= self.latest]
        self.jp.append(jp)
        if part.latest is not None:
            self.latest_valid = max(part.latest, self.latest_valid or part.latest)
        self.used.update(part.used)
        self.names.append(part.names)
        # without their frames: an empty copy (a zero-row view would keep their arrays alive)
        self.parts.append(replace(part, jp=jp.iloc[:0].copy(), names=part.names.iloc[:0].copy()))


def merged_ledger(header: Table, parts: list[PartResult], roster_path: Path | None) -> Ledger:
    """The parts' problems in the single pass's order (``normalize.problem_order``), the roster,
    the counts."""
    problems = header.problems + sorted((m for p in parts for m in p.problems), key=problem_order)
    pegawai, roster_problems = checked_roster(None, roster_path)
    problems += roster_problems
    n_rows = sum(p.n_rows for p in parts)
    if n_rows == 0 and not any(m.level == "salah" for m in problems):
        raise InputError([header.place(code="no_activity_rows", args=(header.header_row,))])
    sources = {
        source: sum(p.jenis_source.get(source, 0) for p in parts)
        for source in dict.fromkeys(header.headers.get(c, c) for c in JENIS_SOURCES)
    }
    sources = {source: n for source, n in sources.items() if n}
    return Ledger(
        file=header.file,
        kegiatan=pd.DataFrame(),
        pegawai=pegawai,
        problems=problems,
        n_rows=n_rows,
        sheet=header.sheet,
        headers=dict(header.headers),
        counted_sources=sources,
    )


def _warnings(ledger: Ledger, parts: list[PartResult], approved_only: bool) -> list[Problem]:
    """The ledger's warnings with what was left out, as ``pipeline._counted_rows`` says it."""
    warnings = list(ledger.warnings)
    here = {"file": ledger.file, "sheet": ledger.sheet, "level": "peringatan"}
    if ledger.errors:
        warnings.append(Problem(**here, code="error_rows_skipped", args=(ledger.n_error_rows,)))
    pending = sorted(row for p in parts for row in p.pending)
    if approved_only and pending:
        warnings.append(
            Problem(**here, row_no=pending[0], code="not_approved_skipped", args=(tuple(pending),))
        )
    return warnings
