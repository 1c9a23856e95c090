"""The ``jp`` console entry point: start reading the ledger ahead, then load the CLI.

Kept tiny on purpose: anything imported here delays the read-ahead (see ``files.read_ahead``).
"""

import sys


def main() -> None:
    from jpcli.files.read_ahead import ReadAhead

    read_ahead = ReadAhead.from_argv(sys.argv[1:])
    from jpcli.cli.app import main as cli_main

    cli_main(read_ahead)
