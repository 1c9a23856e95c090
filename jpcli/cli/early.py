"""Reading one employee's CSV ledger from the very start, before Typer has parsed the command.

``jp kartu --nip`` and ``jp riwayat --nip`` on a CSV read whole wait for the read of every row
(only the NIP and date columns are looked at in each): that read is what they wait for, so it
starts here, at once, while Typer and pandas load (1M rows: 0.68 -> 0.62 s). The command line is
only guessed: the ledger is the first word after the command that is no option nor an option's
value (the options that take one are ``VALUE_OPTIONS``, kept in step with the commands by a
test), else JP_LEDGER. A guess the command does not confirm is simply not used
(``ReadAhead.matches``): the command reads the file itself.

Never for ``--help`` or ``--version``, never for a workbook (its reader may abort the process:
it is read ahead only once the command line is parsed), never for a CSV too large to read
whole. A command line Typer then refuses has had its CSV read for nothing, on a thread that ends
with jp: nothing is written, the message is the same.
"""

from __future__ import annotations

import os
from pathlib import Path

from jpcli.core.schema import ONE_EMPLOYEE_WHOLE_FILE
from jpcli.files.read_ahead import WORKBOOK_SUFFIXES, ReadAhead
from jpcli.files.sniff import auto_parts

# options of jp kartu and jp riwayat that take a value (tests/test_cepat.py compares them with
# the commands' own)
VALUE_OPTIONS = frozenset(
    {
        "--aturan", "--format", "--keluaran", "--kolom", "--nama", "--nip", "--pegawai",
        "--periode", "--sheet", "--tahun", "--target", "--target-pppk", "--unit", "-f", "-o",
    }
)  # fmt: skip


def start(argv: list[str]) -> ReadAhead | None:
    """The read-ahead of ``jp kartu/riwayat BUKU.csv --nip N`` started now, or None."""
    if any(word in ("--help", "-h", "--version") for word in argv):
        return None
    words = [w for w in argv if w != "--debug"]  # the only option before the command
    if not words or words[0] not in ("kartu", "riwayat"):
        return None
    positional, options = _split(words[1:])
    one_nip = options.get("--nip") and "--nama" not in options and "--semua" not in options
    ledger = positional[0] if positional else os.environ.get("JP_LEDGER", "")
    if not one_nip or not ledger or ledger == "-" or ledger.lower().endswith(WORKBOOK_SUFFIXES):
        return None
    path = Path(ledger)
    if not path.is_file() or auto_parts(path) > 1:  # a large one is read block by block
        return None
    return ReadAhead.for_ledger(path, csv=True, encode=ONE_EMPLOYEE_WHOLE_FILE)


def _split(args: list[str]) -> tuple[list[str], dict[str, str]]:
    """The positional words and the options (option -> its value, "" for a flag) of a command
    line, as click reads it: ``--x v``, ``--x=v``, ``-fv``, and ``--`` ending the options."""
    positional: list[str] = []
    options: dict[str, str] = {}
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            positional += args[i + 1 :]
            break
        if not word.startswith("-") or word == "-":
            positional.append(word)
        elif word.startswith("--") and "=" in word:
            name, _, value = word.partition("=")
            options[name] = value
        elif word in VALUE_OPTIONS:
            options[word] = args[i + 1] if i + 1 < len(args) else ""
            i += 1
        elif not word.startswith("--") and word[:2] in VALUE_OPTIONS:  # -fjson
            options[word[:2]] = word[2:]
        else:
            options[word] = ""
        i += 1
    return positional, options
