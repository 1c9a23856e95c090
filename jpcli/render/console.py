"""The consoles jp prints on: stdout (wide when redirected to a file) and stderr.

Light on purpose (rich only): ``jp aturan``, ``jp templat`` and ``--help`` print without
loading pandas.
"""

from __future__ import annotations

import os
import sys

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text


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


def titled_table(title: Text, caption: Text | None = None, **options) -> Table:
    """A rich table as jp draws them: a bold title and caption on the left, a rule under the
    header, no outer edge; ``options`` change any of that."""
    style = {
        "title_style": "bold",
        "title_justify": "left",
        "caption_justify": "left",
        "box": box.SIMPLE_HEAD,
        "show_edge": False,
        "pad_edge": False,
        **options,
    }
    return Table(title=title, caption=caption, **style)
