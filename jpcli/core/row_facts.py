"""The rule set's facts for each row's jenis and lingkup, looked up once per distinct jenis."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jpcli.core.parsed import ParsedColumn
from jpcli.rules import LINGKUP, RuleSet


@dataclass(frozen=True)
class RowFacts:
    """The rule set's facts for each row's jenis and lingkup, looked up once per distinct jenis:
    masks and numbers per row are array lookups by code; words only for the rows a message names."""

    code: np.ndarray  # per row: index of its distinct jenis value
    international: np.ndarray  # per row: 0 nasional, 1 internasional
    satuan_u: np.ndarray  # per distinct jenis: unit ("" when blank)
    name_u: np.ndarray  # per distinct jenis: the table's name
    jp: np.ndarray  # per row: JP per unit of its lingkup (NaN: no conversion)
    batas: np.ndarray  # per row: cap in units of its lingkup (NaN: none)
    daily: np.ndarray  # per row: the cap is per day

    @classmethod
    def from_(cls, jenis: ParsedColumn, lingkup: ParsedColumn, rules: RuleSet) -> RowFacts:
        by_code = rules.by_code
        code_u = list(jenis.values_u)
        jp_u = np.full((len(code_u), 2), np.nan)
        batas_u = np.full((len(code_u), 2), np.nan)
        daily_u = np.zeros((len(code_u), 2), dtype=bool)
        for i, j in enumerate(code_u):
            for li, lingkup_name in enumerate(LINGKUP):
                conv = by_code[j].conversion(lingkup_name) if j else None
                if conv is not None:
                    jp_u[i, li] = conv.jp
                    batas_u[i, li] = np.nan if conv.batas is None else conv.batas
                    daily_u[i, li] = conv.per == "hari"
        international = (lingkup.values_u == "internasional")[lingkup.code].astype(np.int8)
        return cls(
            code=jenis.code,
            international=international,
            satuan_u=np.array([by_code[j].satuan if j else "" for j in code_u], dtype=object),
            name_u=np.array([by_code[j].name if j else "" for j in code_u], dtype=object),
            jp=jp_u[jenis.code, international],
            batas=batas_u[jenis.code, international],
            daily=daily_u[jenis.code, international],
        )

    def has_satuan(self, *satuan: str) -> np.ndarray:
        return np.isin(self.satuan_u, satuan)[self.code]

    def satuan(self, pos: np.ndarray) -> np.ndarray:
        return self.satuan_u[self.code[pos]]

    def name(self, pos: np.ndarray) -> np.ndarray:
        return self.name_u[self.code[pos]]

    def lingkup(self, pos: np.ndarray) -> np.ndarray:
        return np.array(LINGKUP, dtype=object)[self.international[pos]]
