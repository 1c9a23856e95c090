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

_PERINTAH = {"hitung", "kartu", "cek", "validasi"}
_EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")
_tugas: dict[tuple, tuple[threading.Thread, dict]] = {}


def _kunci(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.path.realpath(path), st.st_size, st.st_mtime_ns)


def _tebak_buku(argv: list[str]) -> Path | None:
    """The ledger of a hitung/kartu/cek/validasi command line: the first argument after the
    command naming an existing workbook, else JP_LEDGER."""
    kata = [a for a in argv if not a.startswith("-")]
    if not kata or kata[0] not in _PERINTAH:
        return None
    for arg in argv[argv.index(kata[0]) + 1:]:
        if arg.lower().endswith(_EXCEL) and os.path.isfile(arg):
            return Path(arg)
    env = os.environ.get("JP_LEDGER", "")
    return Path(env) if env.lower().endswith(_EXCEL) and os.path.isfile(env) else None


def _baca(path: Path, wadah: dict) -> None:
    try:
        from jpcli.files.workbook import BukuExcel, sheet_diharapkan

        buku = BukuExcel(path, str(path))
        for sheet in sheet_diharapkan(buku.names):
            buku.sel(sheet)
        if buku.names:
            buku.tersembunyi(sheet_diharapkan(buku.names)[0])
        wadah["buku"] = buku
    except Exception:  # the normal read will meet the same problem and report it properly
        pass


def mulai(argv: list[str]) -> None:
    path = _tebak_buku(argv)
    kunci = _kunci(path) if path else None
    if kunci is None or kunci in _tugas:
        return
    wadah: dict = {}
    thread = threading.Thread(target=_baca, args=(path, wadah), name="jp-prabaca", daemon=True)
    thread.start()
    _tugas[kunci] = (thread, wadah)


def ambil(path: Path):
    """The workbook read ahead for ``path`` (waiting for it if needed), or None."""
    kunci = _kunci(path)
    if kunci is None or kunci not in _tugas:
        return None
    thread, wadah = _tugas.pop(kunci)
    thread.join()
    buku = wadah.get("buku")
    if buku is not None and _kunci(path) != kunci:  # the file changed meanwhile
        return None
    return buku
