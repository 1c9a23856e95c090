"""Reading a workbook (or a CSV) ahead, in a background thread, while jp is still starting up.

Loading jp's core and rules takes a while; calamine parses a workbook, and Arrow a CSV, without
holding Python's lock most of the time. A command makes a ``ReadAhead`` for its ledger as soon
as Typer has parsed the command line (never before: ``--help``, ``--version`` and a usage error
must not open the file), and hands it to ``read.read_ledger``, which takes the workbook (or the
CSV's Arrow table) from it instead of reading again. The result is exactly what the normal read
gives: same code (``workbook.Workbook``, ``sniff.arrow_csv``), same file (checked by size and
modification time; for a CSV, also the same encoding, separator and width). Whatever happens on
the thread stays there (it is swallowed, whatever it is): the normal read then runs as if
nothing had been read ahead, and meets and reports the same problem.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

_COMMANDS = {"hitung", "kartu", "cek", "validasi"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")  # read ahead by calamine


def _file_key(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.path.realpath(path), st.st_size, st.st_mtime_ns)


def guess_ledger(argv: list[str]) -> Path | None:
    """The ledger of a hitung/kartu/cek/validasi command line: the first argument after the
    command naming an existing workbook, else JP_LEDGER."""
    words = [a for a in argv if not a.startswith("-")]
    if not words or words[0] not in _COMMANDS:
        return None
    for arg in argv[argv.index(words[0]) + 1 :]:
        if arg.lower().endswith(WORKBOOK_SUFFIXES) and os.path.isfile(arg):
            return Path(arg)
    env = os.environ.get("JP_LEDGER", "")
    return Path(env) if env.lower().endswith(WORKBOOK_SUFFIXES) and os.path.isfile(env) else None


def _read(path: Path, box: dict) -> None:
    try:
        from jpcli.files.workbook import Workbook, expected_sheets

        book = Workbook(path, str(path))
        for sheet in expected_sheets(book.names):
            book.cells_of(sheet)
        if book.names:
            book.hidden_rows(expected_sheets(book.names)[0])
        box["book"] = book
    # the normal read will meet the same problem and report it properly; BaseException too: a
    # panic in a Rust reader is one, and nothing on this thread may print or end jp
    except BaseException:  # noqa: BLE001
        box.clear()


def _read_csv(path: Path, box: dict, encode: tuple[str, ...] = ()) -> None:
    """A CSV's layout and Arrow's read of it (``sniff``: no pandas, which the main thread is
    importing meanwhile); nothing when the file is not a CSV or Arrow cannot read it.

    Read as plain texts on one thread: the other core is the main thread's, importing pandas
    meanwhile (Arrow's own threads would slow that import more than they speed the read).
    ``encode``: for a command that keeps one employee's rows (``jp kartu --nip``): then the
    columns it looks at in every row, named by ``encode``, as codes (``sniff.encoded_columns``,
    while the file's lines are counted).
    Otherwise every column as a dictionary, which the normalizer reads per distinct cell, made
    on two threads while the file's lines are counted (``sniff.as_dictionaries``)."""
    try:
        from jpcli.files.sniff import (
            CsvRead,
            arrow_csv,
            as_dictionaries,
            csv_layout,
            encoded_columns,
            file_kind,
            one_line_each,
        )

        if file_kind(path) != "csv":
            return
        import pyarrow as pa

        # Arrow's buffers from the C library's malloc for a ledger read whole: less time in the
        # kernel than with Arrow's own allocator (1M rows: ~0.1 s of system time, ~20 MB less)
        pa.set_memory_pool(pa.system_memory_pool())
        layout = csv_layout(path, str(path))
        table = arrow_csv(
            path, layout.sep, layout.width, layout.encoding, threads=False, dictionary=False
        )
        if table is None:
            return
        lines = functools.partial(one_line_each, path, table.num_rows)  # counted meanwhile
        if encode:
            encoded, one_line = encoded_columns(table, encode, lines)
            box["csv"] = CsvRead(layout, table, one_line, encoded)
        else:
            table, one_line = as_dictionaries(table, lines)
            box["csv"] = CsvRead(layout, table, one_line, {})
    except BaseException:  # noqa: BLE001 - as in _read: the normal read meets it and says it
        box.clear()


class ReadAhead:
    """One workbook (or CSV) being read on a thread; ``take`` hands it over once."""

    def __init__(self, path: Path | None, csv: bool = False, encode: tuple[str, ...] = ()):
        self._key = _file_key(path) if path else None
        self._mode = (csv, tuple(encode))
        self._box: dict = {}
        self._thread: threading.Thread | None = None
        if self._key is not None:
            self._thread = threading.Thread(
                target=_read_csv if csv else _read,
                args=(path, self._box, encode) if csv else (path, self._box),
                name="jp-read-ahead",
                daemon=True,
            )
            self._thread.start()

    @classmethod
    def from_argv(cls, argv: list[str]) -> ReadAhead:
        return cls(guess_ledger(argv))

    @classmethod
    def for_ledger(
        cls, path: Path | None, csv: bool = False, encode: tuple[str, ...] = ()
    ) -> ReadAhead:
        """A read-ahead of ``path`` when it is a workbook, or with ``csv`` any other file (read
        only if its content is CSV: the caller knows it will be read whole; ``encode``: the
        columns a reader of one employee's rows looks at in every row, see ``_read_csv``)."""
        if path is None or not os.path.isfile(path) or str(path) == "-":
            return cls(None)
        is_book = str(path).lower().endswith(WORKBOOK_SUFFIXES)
        if not (is_book or csv):
            return cls(None)
        return cls(Path(path), csv=csv and not is_book, encode=encode)

    def matches(self, path: Path | None, csv: bool, encode: tuple[str, ...]) -> bool:
        """Is this the read-ahead ``for_ledger(path, csv, encode)`` would start (one started
        before the command line was parsed: ``cli.early``)?"""
        if self._thread is None or path is None or str(path) == "-":
            return False
        return self._key == _file_key(path) and self._mode == (csv, tuple(encode))

    @property
    def running(self) -> bool:
        return self._thread is not None

    def take(self, path: Path):
        """What was read ahead for ``path`` (waiting for it if needed), or None: a workbook, or
        a CSV's ``sniff.CsvRead``."""
        if self._thread is None or _file_key(path) != self._key:
            return None
        self._thread.join()
        self._thread = None
        read = self._box.pop("book", None) or self._box.pop("csv", None)
        if read is not None and _file_key(path) != self._key:  # the file changed meanwhile
            return None
        return read
