"""Reading a workbook ahead, in a background thread, while jp is still starting up.

Importing pandas takes about half a second; calamine parses a workbook without holding
Python's lock most of the time. The console entry point makes a ``ReadAhead`` from the
command line before anything heavy is imported; it guesses the ledger and reads its sheets on
a thread, and is handed down (through the CLI's context) to ``read.read_ledger``, which takes
the workbook from it instead of reading again. The result is exactly what the normal read
gives: same code (``workbook.Workbook``), same file (checked by size and modification time).
Anything unexpected and the normal read runs as if nothing had been read ahead.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_COMMANDS = {"hitung", "kartu", "cek", "validasi"}
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


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
        if arg.lower().endswith(_WORKBOOK_SUFFIXES) and os.path.isfile(arg):
            return Path(arg)
    env = os.environ.get("JP_LEDGER", "")
    return Path(env) if env.lower().endswith(_WORKBOOK_SUFFIXES) and os.path.isfile(env) else None


def _read(path: Path, box: dict) -> None:
    try:
        from jpcli.files.workbook import Workbook, expected_sheets

        book = Workbook(path, str(path))
        for sheet in expected_sheets(book.names):
            book.cells_of(sheet)
        if book.names:
            book.hidden_rows(expected_sheets(book.names)[0])
        box["book"] = book
    except Exception:  # the normal read will meet the same problem and report it properly
        pass


class ReadAhead:
    """One workbook being read on a thread; ``take`` hands it over once."""

    def __init__(self, path: Path | None):
        self._key = _file_key(path) if path else None
        self._box: dict = {}
        self._thread: threading.Thread | None = None
        if self._key is not None:
            self._thread = threading.Thread(
                target=_read, args=(path, self._box), name="jp-read-ahead", daemon=True
            )
            self._thread.start()

    @classmethod
    def from_argv(cls, argv: list[str]) -> ReadAhead:
        return cls(guess_ledger(argv))

    @property
    def running(self) -> bool:
        return self._thread is not None

    def take(self, path: Path):
        """The workbook read ahead for ``path`` (waiting for it if needed), or None."""
        if self._thread is None or _file_key(path) != self._key:
            return None
        self._thread.join()
        self._thread = None
        book = self._box.pop("book", None)
        if book is not None and _file_key(path) != self._key:  # the file changed meanwhile
            return None
        return book
