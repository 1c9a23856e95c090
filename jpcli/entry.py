"""The ``jp`` console entry point.

Nothing happens here before the command line is parsed: the ledger is read (and read ahead, see
``files.read_ahead``) only by a command, so ``--help``, ``--version`` and a usage error never open
it. ``cli.app.main`` is the guard around everything else.
"""


def main() -> None:
    from jpcli.cli.app import main as cli_main

    cli_main()
