"""Problems are data: every one carries its place (file, sheet, row, column) and value.

The loader collects all of them instead of stopping at the first (as beancount and
csvkit do); the CLI decides whether they stop the computation.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Level = Literal["salah", "peringatan"]


class Problem(NamedTuple):
    """One problem found in the input, placed as the user sees it in Excel.

    A named tuple rather than a dataclass: a broken million-row ledger may carry a problem
    per row, and tuples are cheap to make.
    """

    file: str
    sheet: str | None = None
    row_no: int | None = None  # row number as shown by Excel (header = its own row)
    column: str | None = None
    value: str | None = None
    message: str = ""
    level: Level = "salah"

    @property
    def place(self) -> str:
        place = f"{self.file} [{self.sheet}]" if self.sheet else self.file
        where = []
        if self.row_no is not None:
            where.append(f"baris {self.row_no}")
        if self.column:
            where.append(f"kolom {self.column}")
        return f"{place} {', '.join(where)}" if where else place

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"

    def as_dict(self) -> dict:
        """The JSON object of a problem (its keys are part of jp's interface)."""
        return dict(zip(JSON_KEYS, self))


JSON_KEYS = ("file", "sheet", "baris", "kolom", "nilai", "pesan", "tingkat")


class JpError(Exception):
    """A problem the user can fix (bad input, bad option). The CLI shows it and exits 2."""


class InputError(JpError):
    """The input has invalid rows; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem], summary: str = ""):
        self.problems = problems
        self.summary = summary
        super().__init__(summary or f"{len(problems)} masalah pada masukan")


class RuleFileError(JpError):
    """A rule file is malformed; carries every mistake found in it."""

    def __init__(self, path: str, mistakes: list[str]):
        self.path = path
        self.mistakes = mistakes
        lines = "\n".join(f"  - {k}" for k in mistakes)
        super().__init__(f"Berkas aturan {path} tidak dapat dipakai:\n{lines}")
