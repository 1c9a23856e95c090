"""The ``jp`` console entry point.

Before the command line is parsed, only one thing: the CSV of ``jp kartu/riwayat --nip`` starts
being read (``cli.early``: that read is what those commands wait for). Every other ledger is
read (and read ahead, see ``files.read_ahead``) only by a command, so ``--help``, ``--version``
and a usage error never open it. ``cli.app.main`` is the guard around everything else.
"""

import os
import sys


def main() -> None:
    early = _early(sys.argv[1:])
    from jpcli.cli.app import main as cli_main

    cli_main(early)


def _early(argv: list[str]):
    """``cli.early.start``; whatever goes wrong there only means no early read."""
    try:
        from jpcli.cli.early import start

        return start(argv)
    except Exception:  # noqa: BLE001 - the command reads the file itself and says what is wrong
        return None


def run() -> None:
    """The console script (``jp``, ``python -m jpcli``): ``main``, then, once stdout and stderr
    are flushed, the process ends at once with main's exit code. Everything jp opened is closed
    by then (an output is written and renamed inside its command, temporary folders removed);
    what is skipped is Python's teardown of pandas and of the ledger's objects, about 0.07 s of
    every run that nobody needs. Anything unusual (an exit that is no number, a flush that
    fails) ends the normal way."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        if not isinstance(code, int):
            raise
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)
