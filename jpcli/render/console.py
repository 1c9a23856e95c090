"""The consoles jp prints on: stdout (wide when redirected to a file) and stderr.

Light on purpose (rich only): ``jp aturan``, ``jp templat`` and ``--help`` print without
loading pandas.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console


class PipeConsole(Console):
    """A rich console whose closed pipe (``jp ... | head``) reaches jp's guard as the
    BrokenPipeError it is, instead of rich's own exit 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(32, "Broken pipe")


def stdout_console() -> Console:
    # Redirected to a file, a table wider than 80 columns must not be cut: use a wide page.
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
    return PipeConsole(highlight=False, width=width)


def stderr_console() -> Console:
    return PipeConsole(stderr=True, highlight=False)
