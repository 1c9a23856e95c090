"""A large CSV ledger read block by block, for ``jp hitung --partisi``: the header found as the
whole-file reader finds it, then the data rows in Arrow batches with their row numbers.

Only a regular file is streamed: one record per line, every record as wide as the header, one
encoding throughout. Anything else (a quoted line break, a row wider or narrower than the header,
a byte the encoding cannot read) raises ``NotStreamable`` and the caller reads the file whole,
where every such row is reported at its place (``read``).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from jpcli.files.columns import Schema
from jpcli.files.read import (
    HEADER_SEARCH_ROWS,
    Pick,
    RowCells,
    Table,
    grid_from_parquet,
    header_table,
    typed_cells,
)
from jpcli.files.sniff import csv_layout, encode_column, one_line_each

PARSE_BYTES = 1 << 20  # bytes Arrow parses at a time (small blocks parse on every core)
BLOCK_ROWS = 250_000  # data rows handed on at a time


def blocks_ahead(blocks: Iterator[Block], waiting: int = 1) -> Iterator[Block]:
    """``blocks``, read on a thread up to ``waiting`` blocks ahead of the caller: Arrow reads and
    converts the next block without Python's lock while the caller works on this one (jp kartu
    --nip of 10M rows: 5.7 -> 3.8 s). What the thread meets (``NotStreamable``, anything) is
    raised here, in turn; when the caller stops early the thread stops at its next block."""
    handed: queue.Queue = queue.Queue(maxsize=waiting)
    stop = threading.Event()

    def hand(item: tuple) -> bool:
        while not stop.is_set():
            try:
                handed.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for block in blocks:
                if not hand(("block", block)):
                    return
            hand(("end", None))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            hand(("error", exc))

    threading.Thread(target=read, name="jp-blok", daemon=True).start()
    try:
        while True:
            kind, item = handed.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()


class NotStreamable(Exception):
    """The file is not regular enough to stream: read it whole."""


@dataclass(frozen=True)
class Block:
    """Data rows of the ledger: row numbers as Excel shows them, cells under canonical names."""

    rows: pa.Array  # int64
    cells: pa.Table  # string columns, the ledger's canonical columns only


@dataclass
class StreamedCsv:
    """A CSV ledger's header (a ``Table`` without data rows) and the way to its blocks."""

    path: Path
    header: Table
    sep: str
    encoding: str
    width: int
    columns: dict[int, str]  # field position -> canonical column

    def blocks(self) -> Iterator[Block]:
        """The data rows below the header, block by block (the next one read meanwhile:
        ``blocks_ahead``); ``NotStreamable`` on an irregular record (a row of another width, a
        byte the encoding cannot read: at once; a record over several lines: after the last
        block, when the records are counted against the lines)."""
        return blocks_ahead(self._blocks())

    def _blocks(self) -> Iterator[Block]:
        names = [str(i) for i in range(self.width)]
        try:
            reader = pacsv.open_csv(
                self.path,
                read_options=pacsv.ReadOptions(
                    column_names=names,
                    encoding="utf8" if self.encoding == "utf-8-sig" else self.encoding,
                    block_size=PARSE_BYTES,
                ),
                parse_options=pacsv.ParseOptions(delimiter=self.sep, ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(
                    column_types={n: pa.string() for n in names},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
            start, pending = 0, []
            for batch in reader:
                pending.append(batch)
                if sum(b.num_rows for b in pending) >= BLOCK_ROWS:
                    yield from self._block(pa.Table.from_batches(pending), start)
                    start += sum(b.num_rows for b in pending)
                    pending = []
            if pending:
                yield from self._block(pa.Table.from_batches(pending), start)
                start += sum(b.num_rows for b in pending)
        except (pa.ArrowException, UnicodeError, ValueError) as exc:
            raise NotStreamable(str(exc)) from exc
        if not one_line_each(self.path, start):
            raise NotStreamable("a cell holds a line break")

    def _block(self, records: pa.Table, start: int) -> Iterator[Block]:
        """Records ``start`` .. of the file (from 0) as data rows: those above the first data
        row (titles, the header) left out."""
        skip = max(0, self.header.header_row - start)  # record k is row k + 1
        if skip >= records.num_rows:
            return
        records = records.slice(skip)
        first = start + skip + 1
        rows = pa.array(np.arange(first, first + records.num_rows, dtype=np.int64))
        cells = pa.table(
            [records.column(pos) for pos in self.columns], names=list(self.columns.values())
        )
        yield Block(rows=rows, cells=cells)


def picked_table(streamed: StreamedCsv | StreamedParquet, pick: Pick) -> Table:
    """The ledger's data rows that ``pick`` chooses (``read.read_ledger``'s ``pick``: one
    employee's), read block by block: a file of any size, one block in memory at a time. The
    rows keep their row numbers; ``NotStreamable`` as ``blocks``."""
    kept: list[pa.Table] = []
    rows: list[pa.Array] = []
    for block in streamed.blocks():
        cells = block.cells
        chosen = np.flatnonzero(pick(RowCells(cells.num_rows, _block_column(cells))))
        if len(chosen):
            kept.append(cells.take(pa.array(chosen)))
            rows.append(block.rows.take(pa.array(chosen)))
    header = streamed.header
    names = list(streamed.columns.values())
    if not kept:
        return Table(header.file, header.sheet, header.frame, header.header_row,
                     dict(header.headers), list(header.problems))  # fmt: skip
    table = pa.concat_tables(kept)
    frame = pd.DataFrame(
        {name: typed_cells(table.column(name)) for name in names},
        index=pd.Index(pa.concat_arrays(rows).to_numpy(), name="baris"),
    )
    return Table(header.file, header.sheet, frame, header.header_row, dict(header.headers),
                 list(header.problems))  # fmt: skip


def _block_column(cells: pa.Table):
    """A block's column as (codes, distinct cells), cells as the whole-file reader types them."""

    def column(name: str) -> tuple | None:
        if name not in cells.column_names:
            return None
        values = cells.column(name)
        if pa.types.is_string(values.type):  # a CSV's cells: coded by Arrow, no pandas
            return encode_column(values)
        typed = typed_cells(values)
        return typed.codes, np.asarray(typed.categories, dtype=object)

    return column


def stream_csv(
    path: Path, label: str, schema: Schema, column: dict[str, str] | None
) -> StreamedCsv:
    """The header of a CSV ledger and its blocks; ``InputError`` as the whole-file reader raises
    for a header it cannot find, ``NotStreamable`` when the file must be read whole."""
    layout = csv_layout(path, label)
    head = _head(path, layout, HEADER_SEARCH_ROWS + 1)
    header = header_table(head, label, schema, column)
    titles = head.iloc[header.header_row - 1].fillna("").astype(str).str.strip()
    n_headers = max((i + 1 for i, title in enumerate(titles) if title), default=0)
    if layout.width > n_headers:
        raise NotStreamable("fields beyond the header")
    columns = {pos: name for pos, name in enumerate(header.frame.columns) if name in schema.columns}
    header.frame = header.frame.iloc[:0]
    return StreamedCsv(path, header, layout.sep, layout.encoding, layout.width, columns)


@dataclass
class StreamedParquet:
    """A Parquet ledger's header (its column names, found as in a CSV) and its row groups."""

    path: Path
    header: Table
    columns: dict[int, str]  # column position -> canonical column

    def blocks(self) -> Iterator[Block]:
        """The rows, block by block (the next one read meanwhile: ``blocks_ahead``)."""
        return blocks_ahead(self._blocks())

    def _blocks(self) -> Iterator[Block]:
        import pyarrow.parquet as pq

        try:
            start = 1  # record k (from 1) is row k + 1: the header is row 1
            for batch in pq.ParquetFile(self.path).iter_batches(batch_size=BLOCK_ROWS):
                rows = pa.array(np.arange(start + 1, start + 1 + batch.num_rows, dtype=np.int64))
                cells = pa.table(
                    [batch.column(pos) for pos in self.columns],
                    names=list(self.columns.values()),
                )
                start += batch.num_rows
                yield Block(rows=rows, cells=cells)
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise NotStreamable(str(exc)) from exc


def stream_parquet(
    path: Path, label: str, schema: Schema, column: dict[str, str] | None
) -> StreamedParquet:
    """A Parquet ledger whose column names are its header; ``NotStreamable`` when the header is
    lower (read whole: the whole-file reader finds it)."""
    head = grid_from_parquet(path, label, HEADER_SEARCH_ROWS + 1)
    header = header_table(head, label, schema, column)
    if header.header_row != 1:
        raise NotStreamable("the header is not the column names")
    columns = {pos: name for pos, name in enumerate(header.frame.columns) if name in schema.columns}
    header.frame = header.frame.iloc[:0]
    return StreamedParquet(path, header, columns)


def _head(path: Path, layout, n_rows: int) -> pd.DataFrame:
    """The first records of the file as a grid of text (the header is among them)."""
    names = [str(i) for i in range(layout.width)]
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=names,
                encoding="utf8" if layout.encoding == "utf-8-sig" else layout.encoding,
                block_size=1 << 20,
            ),
            parse_options=pacsv.ParseOptions(delimiter=layout.sep, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        first = reader.read_next_batch()
    except (pa.ArrowException, UnicodeError, ValueError, StopIteration) as exc:
        raise NotStreamable(str(exc)) from exc
    grid = first.slice(0, n_rows).to_pandas()
    grid.columns = range(layout.width)
    return grid
