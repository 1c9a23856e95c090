"""Problems are data: every one carries its place (file, sheet, row, column) and value.

The loader collects all of them instead of stopping at the first (as beancount and
csvkit do); the CLI decides whether they stop the computation.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from jpcli import words

Level = Literal["salah", "peringatan"]


class Problem(NamedTuple):
    """One problem found in the input, placed as the user sees it in Excel, as data: a code and its
    arguments (``words`` says it in Indonesian).

    A named tuple rather than a dataclass: a broken million-row ledger may carry a problem
    per row, and tuples are cheap to make.
    """

    file: str
    sheet: str | None = None
    row_no: int | None = None  # row number as shown by Excel (header = its own row)
    column: str | None = None
    value: str | None = None
    code: str = ""
    args: tuple = ()
    level: Level = "salah"

    @property
    def message(self) -> str:
        return words.text(self.code, self.args)

    @property
    def place(self) -> str:
        """Where, as a person finds it: a sheet's name and a column's header come from the file,
        so they are shown ``visible`` like every value from it."""
        place = words.visible(self.file)
        if self.sheet:
            place += f" [{words.visible(self.sheet)}]"
        where = []
        if self.row_no is not None:
            where.append(f"baris {self.row_no}")
        if self.column:
            where.append(f"kolom {words.visible(self.column)}")
        return f"{place} {', '.join(where)}" if where else place

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"

    def as_dict(self) -> dict:
        """The JSON object of a problem (its keys are part of jp's interface)."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "baris": self.row_no,
            "kolom": self.column,
            "nilai": self.value,
            "pesan": self.message,
            "tingkat": self.level,
        }


class JpError(Exception):
    """A problem the user can fix (bad input, bad option): a code of ``words`` and its arguments.
    The CLI shows it and exits 2."""

    def __init__(self, code: str, *args: object):
        self.code, self.args_ = code, args
        super().__init__(code)

    def __str__(self) -> str:
        return words.text(self.code, self.args_)


class InputError(JpError):
    """The input has invalid rows; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem], summary: tuple = ()):
        """``summary``: (code, *args) of a closing line, when there is one."""
        self.problems = problems
        self.summary = summary
        super().__init__("input_problems", len(problems))

    @property
    def summary_text(self) -> str:
        return words.text(self.summary[0], tuple(self.summary[1:])) if self.summary else ""

    def __str__(self) -> str:
        return self.summary_text or words.text("input_problems", (len(self.problems),))


class RuleFileError(JpError):
    """A rule file is malformed; carries every mistake found in it, each (code, *args)."""

    def __init__(self, path: str, mistakes: list[tuple]):
        self.path = path
        self.mistakes = mistakes
        super().__init__("rule_file_unusable", path)

    @property
    def mistake_texts(self) -> list[str]:
        return [words.text(m[0], tuple(m[1:])) for m in self.mistakes]

    def __str__(self) -> str:
        return words.text("rule_file_unusable", (self.path, tuple(self.mistake_texts)))
