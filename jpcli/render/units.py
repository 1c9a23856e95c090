"""One unit at a time, for its head: the sheet of each unit's employees below target inside
``jp cek``'s report, and what ``jp cek --per-unit`` writes per unit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jpcli.core.shortfall import ShortfallReport, per_unit
from jpcli.render.xlsx import ShortList, short_sheets
from jpcli.words import text

if TYPE_CHECKING:
    from openpyxl import Workbook

_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")  # Excel refuses these in a name
SHEET_NAME_MAX = 25  # Excel allows 31: room for " (99)" on a long list's next sheets


def sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts for ``name``, not among ``taken`` (compared as Excel does,
    without case), which it joins: characters Excel refuses become '-', a long name is cut,
    a repeated one gets " 2", " 3"..."""
    base = _NOT_IN_SHEET_NAMES.sub("-", name).strip().strip("'")[:SHEET_NAME_MAX].strip()
    base = base or text("unit_sheet_fallback")
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" {n}"
        candidate = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    taken.add(candidate.casefold())
    return candidate


def unit_list(part: ShortfallReport, sheet: str) -> ShortList:
    """The list of one unit's employees below target (``shortfall.per_unit``), sub-unit beside
    the name."""
    return ShortList(
        sheet=sheet,
        short=part.short,
        lines=(text("unit_line", (part.unit,)),),
        place="subunit",
        empty=text("unit_all_met"),
    )


def unit_sheets(wb: Workbook, shortfall: ShortfallReport, notes: list[str]) -> None:
    """A sheet per unit (named after it) listing its employees below target, ready to send to
    the head of the unit; a unit where everyone meets the target says so."""
    taken = {name.casefold() for name in wb.sheetnames}
    for part in per_unit(shortfall):
        short_sheets(wb, part, notes, unit_list(part, sheet_name(part.unit, taken)))
