"""Problems are data: every one carries its place (file, sheet, row, column) and value.

The loader collects all of them instead of stopping at the first (as beancount and
csvkit do); the CLI decides whether they stop the computation.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Tingkat = Literal["salah", "peringatan"]


class Masalah(NamedTuple):
    """One problem found in the input, placed as the user sees it in Excel.

    A named tuple rather than a dataclass: a broken million-row ledger may carry a problem
    per row, and tuples are cheap to make.
    """

    file: str
    sheet: str | None = None
    baris: int | None = None  # row number as shown by Excel (header = its own row)
    kolom: str | None = None
    nilai: str | None = None
    pesan: str = ""
    tingkat: Tingkat = "salah"

    @property
    def tempat(self) -> str:
        place = f"{self.file} [{self.sheet}]" if self.sheet else self.file
        where = []
        if self.baris is not None:
            where.append(f"baris {self.baris}")
        if self.kolom:
            where.append(f"kolom {self.kolom}")
        return f"{place} {', '.join(where)}" if where else place

    def __str__(self) -> str:
        return f"{self.tempat}: {self.pesan}"

    def as_dict(self) -> dict:
        return self._asdict()


class JpError(Exception):
    """A problem the user can fix (bad input, bad option). The CLI shows it and exits 2."""


class MasalahInput(JpError):
    """The input has invalid rows; carries every problem found, not only the first."""

    def __init__(self, masalah: list[Masalah], ringkasan: str = ""):
        self.masalah = masalah
        self.ringkasan = ringkasan
        super().__init__(ringkasan or f"{len(masalah)} masalah pada masukan")


class AturanSalah(JpError):
    """A rule file is malformed; carries every mistake found in it."""

    def __init__(self, path: str, kesalahan: list[str]):
        self.path = path
        self.kesalahan = kesalahan
        lines = "\n".join(f"  - {k}" for k in kesalahan)
        super().__init__(f"Berkas aturan {path} tidak dapat dipakai:\n{lines}")
