"""One output dispatcher for every command: ``-o FILE`` by suffix, else ``--format``.

A command hands over how to make each form of its result (JSON text, CSV text, an xlsx
workbook, the terminal view); this module picks one, writes files atomically and never over
an input, and shows a status line on stderr for slow steps in a terminal.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from jpcli import words
from jpcli.files.atomic import write_atomic
from jpcli.problems import JpError
from jpcli.render import console

_LARGE_INPUT = (
    4 * 1024 * 1024
)  # inputs past this take about a second or more: show what jp is doing


class Format(str, Enum):
    table = "tabel"
    json = "json"
    csv = "csv"


class CardFormat(str, Enum):
    """``jp kartu --format``: the screen's forms, and the printed ones a file per employee can
    take (``--semua -o FOLDER/``; pdf when none is said)."""

    table = "tabel"
    json = "json"
    csv = "csv"
    pdf = "pdf"
    xlsx = "xlsx"


PROGRESS_EVERY = 50  # a long run (more than this many employees) says every so many on stderr


@dataclass(frozen=True)
class Outputs:
    """The forms a command's result can take."""

    json: Callable[[], str | Iterable[str]]  # the text, or its pieces in order (a large card)
    csv: Callable[[], str | Iterable[str]]
    show: Callable  # (stdout console, stderr console) -> None
    xlsx: Callable[[Path], None] | None = None  # writes the workbook to the path it is given
    parquet: Callable[[Path], None] | None = None  # writes a Parquet table (jp hitung: the card)
    pdf: Callable[[Path], None] | None = None  # writes the printed card or report as a PDF


def emit(
    outputs: Outputs, format: Format, output: Path | None, inputs: list[Path | str | None]
) -> None:
    """Write ``output`` (by its suffix) or print in ``format``. ``inputs``: every file the command
    read, the ledger first (then the roster and the rule file, when given): never written over."""
    if output is None:
        if format is Format.json:
            for piece in _pieces(outputs.json()):
                sys.stdout.write(piece)
        elif format is Format.csv:
            for piece in _pieces(outputs.csv()):
                sys.stdout.write(piece)
        else:
            outputs.show(console.stdout_console(), console.stderr_console())
        return
    suffix = output.suffix.lower()
    printed = {".xlsx": outputs.xlsx, ".pdf": outputs.pdf}
    if printed.get(suffix) is not None:
        ledger = Path(inputs[0]) if inputs and inputs[0] is not None else None
        with status_line(f"Menulis {output.name} ...", ledger, None):
            write_atomic(output, printed[suffix], inputs)
    elif suffix == ".parquet" and outputs.parquet is not None:
        write_atomic(output, outputs.parquet, inputs)
    elif suffix in (".json", ".csv"):
        made = outputs.json if suffix == ".json" else outputs.csv

        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                for piece in _pieces(made()):
                    fh.write(piece)

        write_atomic(output, write, inputs)
    else:
        known = [k for k, made in ((".pdf", outputs.pdf), (".xlsx", outputs.xlsx),
                                   (".parquet", outputs.parquet)) if made is not None]  # fmt: skip
        raise JpError("output_suffix_known", output.suffix, (*known, ".csv", ".json"))
    console.stderr_console().print(f"Ditulis: {output}", markup=False)


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def status_line(message: str, path: Path | None, format: Format | None):
    """A status line on stderr for slow steps; never on stdout, never when stdout is not a
    terminal (a script reads it) or the output is JSON, never for small inputs."""
    try:
        large = path is None or path.stat().st_size > _LARGE_INPUT
    except OSError:
        large = False
    if not (large and sys.stdout.isatty() and sys.stderr.isatty() and format is not Format.json):
        return contextlib.nullcontext()
    return console.stderr_console().status(message)


def progress(total: int, noun: str = "pegawai") -> Callable[[int], None]:
    """What a run over ``total`` employees (or units: ``noun``) says on stderr as it goes: nothing
    for a short run; past ``PROGRESS_EVERY``, a line every ``PROGRESS_EVERY`` (in a terminal or a
    log alike: a few lines for thousands of cards)."""

    def done(n: int) -> None:
        if total > PROGRESS_EVERY and n % PROGRESS_EVERY == 0 and n < total:
            text = words.text("every_progress", (n, total, noun))
            console.stderr_console().print(text, markup=False)

    return done


@dataclass(frozen=True)
class FolderSet:
    """How a set of files goes into a folder: ``whole``: a failure removes the files this run
    created (and the folder, when it made it), so no half set is left (``jp cek --per-unit``);
    otherwise the files written so far stay, each whole (``jp kartu --semua``: thousands of cards
    are not thrown away for the last one). ``said``: the words code of the closing line."""

    whole: bool = False
    noun: str = "pegawai"
    said: str = "every_written"


def emit_each(
    folder: Path,
    names: list[str],
    items: Iterable,
    write: Callable[[object, Path], None],
    inputs: list[Path | str | None],
    overwrite: bool,
    how: FolderSet = FolderSet(),
) -> int:
    """One file per item in ``folder`` (made when missing), named ``names``: each written
    atomically (no partial file is ever left); refused, before anything is written, when the
    folder holds a file of one of those names, unless ``overwrite``."""
    from jpcli.files.names import prepare_folder

    made_folder = not folder.exists()
    prepare_folder(folder, names, overwrite)
    done, created = progress(len(names), how.noun), []
    n = 0
    try:
        for n, (name, item) in enumerate(zip(names, items), start=1):
            new = not (folder / name).exists()
            write_atomic(folder / name, functools.partial(write, item), inputs)
            created += [folder / name] if new else []
            done(n)
    except BaseException:
        if how.whole:
            _remove(created, folder if made_folder else None)
        raise
    console.stderr_console().print(words.text(how.said, (n, str(folder))), markup=False)
    return n


def _remove(created: list[Path], folder: Path | None) -> None:
    """Files a failed run created, and the folder it made (when empty)."""
    for path in created:
        with contextlib.suppress(OSError):
            path.unlink()
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.rmdir()
