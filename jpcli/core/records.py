"""The frozen records the stages hand over: a loaded ``Ledger``, a year's ``Report``, and the
``Validation`` of ``jp validasi``. Built by ``pipeline``; read by ``explain``, ``shortfall`` and
the renderers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from jpcli.core import schema as C
from jpcli.problems import Problem
from jpcli.rules import RuleSet


@dataclass(frozen=True)
class Ledger:
    """A loaded ledger: the valid typed activities, the roster, and every problem found."""

    file: str
    kegiatan: pd.DataFrame
    pegawai: pd.DataFrame | None
    problems: list[Problem]
    n_rows: int  # non-blank data rows read from the activity sheet
    sheet: str | None = None
    headers: dict[str, str] = field(
        default_factory=dict
    )  # canonical column -> the header it was read from
    # jenis source -> rows, for a ledger whose rows are not kept (core.parts); else counted
    counted_sources: dict[str, int] | None = None

    @property
    def errors(self) -> list[Problem]:
        return [m for m in self.problems if m.level == "salah"]

    @property
    def warnings(self) -> list[Problem]:
        return [m for m in self.problems if m.level == "peringatan"]

    def source_counts(self) -> dict[str, int]:
        """Header -> rows whose jenis was read from it (headers that gave some), in the order of
        ``normalize.JENIS_SOURCES``."""
        if self.counted_sources is not None:
            return dict(self.counted_sources)
        if C.JENIS_SOURCE not in self.kegiatan or self.kegiatan.empty:
            return {}
        counts = self.kegiatan[C.JENIS_SOURCE].value_counts(sort=False)
        return {str(k): int(v) for k, v in counts[counts > 0].items()}

    @property
    def jenis_source(self) -> dict[str, int]:
        """Header -> rows whose jenis was read from it, when more than one column was used."""
        counts = self.source_counts()
        return counts if len(counts) > 1 else {}

    @property
    def n_error_rows(self) -> int:
        return len({(m.file, m.sheet, m.row_no) for m in self.errors if m.row_no is not None})


@dataclass(frozen=True)
class Report:
    """One year's result: every row with its JP, the cap cuts, and the Lampiran II card."""

    rules: RuleSet
    year: int
    target: float
    ledger: Ledger
    result: pd.DataFrame  # every valid row, all years, with jp_mentah / jp_diakui
    cuts: pd.DataFrame  # where caps cut JP (for explanations)
    kartu: pd.DataFrame
    warnings: tuple[Problem, ...] = ()
    skipped: int = 0  # invalid rows left out with --lewati-salah
    approved_only: bool = False  # only approved rows counted
    period: str = "tahun"  # "tahun": calendar years; "kontrak": a PPPK's contract years


@dataclass(frozen=True)
class Validation:
    """What ``jp validasi`` reports: every problem of a ledger, or of a file that could not be
    read."""

    file: str
    place: str  # file [sheet] as messages name it
    problems: tuple[Problem, ...]
    n_rows: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    jenis_source: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [m for m in self.problems if m.level == "salah"]

    @property
    def n_errors(self) -> int:
        return len(self.errors)

    @property
    def n_warnings(self) -> int:
        return len(self.problems) - self.n_errors

    @property
    def error_rows(self) -> int:
        return len({(m.file, m.sheet, m.row_no) for m in self.errors if m.row_no is not None})
