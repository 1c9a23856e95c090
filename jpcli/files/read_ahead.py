"""Reading a workbook ahead, in a background thread, while jp is still starting up.

Importing pandas takes about half a second; calamine parses a workbook without holding
Python's lock most of the time. ``mulai`` (called by the console entry point before
anything heavy is imported) guesses the ledger from the command line and reads its sheets
on a thread; ``read.baca_buku`` then takes the cells from here instead of reading again.
The result is exactly what the normal read gives: same code (``read.BukuExcel``), same
file (checked by size and modification time). Anything unexpected and the normal read
runs as if nothing had been read ahead.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_COMMANDS = {"hitung", "kartu", "cek", "validasi"}
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_jobs: dict[tuple, tuple[threading.Thread, dict]] = {}


def _file_key(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.path.realpath(path), st.st_size, st.st_mtime_ns)


def _guess_ledger(argv: list[str]) -> Path | None:
    """The ledger of a hitung/kartu/cek/validasi command line: the first argument after the
    command naming an existing workbook, else JP_LEDGER."""
    words = [a for a in argv if not a.startswith("-")]
    if not words or words[0] not in _COMMANDS:
        return None
    for arg in argv[argv.index(words[0]) + 1:]:
        if arg.lower().endswith(_WORKBOOK_SUFFIXES) and os.path.isfile(arg):
            return Path(arg)
    env = os.environ.get("JP_LEDGER", "")
    return Path(env) if env.lower().endswith(_WORKBOOK_SUFFIXES) and os.path.isfile(env) else None


def _read(path: Path, box: dict) -> None:
    try:
        from jpcli.files.workbook import Workbook, expected_sheets

        ledger = Workbook(path, str(path))
        for sheet in expected_sheets(ledger.names):
            ledger.cells_of(sheet)
        if ledger.names:
            ledger.hidden_rows(expected_sheets(ledger.names)[0])
        box["buku"] = ledger
    except Exception:  # the normal read will meet the same problem and report it properly
        pass


def start(argv: list[str]) -> None:
    path = _guess_ledger(argv)
    match_key = _file_key(path) if path else None
    if match_key is None or match_key in _jobs:
        return
    box: dict = {}
    thread = threading.Thread(target=_read, args=(path, box), name="jp-prabaca", daemon=True)
    thread.start()
    _jobs[match_key] = (thread, box)


def take(path: Path):
    """The workbook read ahead for ``path`` (waiting for it if needed), or None."""
    match_key = _file_key(path)
    if match_key is None or match_key not in _jobs:
        return None
    thread, box = _jobs.pop(match_key)
    thread.join()
    ledger = box.get("buku")
    if ledger is not None and _file_key(path) != match_key:  # the file changed meanwhile
        return None
    return ledger
