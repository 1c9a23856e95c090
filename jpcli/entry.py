"""The ``jp`` console entry point: start reading the ledger ahead, then load the CLI.

Kept tiny on purpose: anything imported here delays the read-ahead (see ``prabaca``).
"""

import sys


def main() -> None:
    from jpcli.files import read_ahead

    read_ahead.start(sys.argv[1:])
    from jpcli.cli.app import main as cli_main

    cli_main()
