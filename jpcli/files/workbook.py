"""Workbooks without pandas: raw cells through calamine, hidden rows from the sheet XML.

Kept free of pandas so that ``read_ahead`` can read a workbook in a background thread while
pandas is still being imported (about half a second of every run).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from jpcli.files.columns import match_key
from jpcli.problems import InputError, Problem


def _open_workbook(path: Path, label: str):
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise InputError([Problem(file=label, code="file_locked")]) from exc
    except Exception as exc:  # calamine raises several types for damaged files
        raise InputError(
            [Problem(file=label, code="workbook_unreadable", args=(str(exc),))]
        ) from exc


def expected_sheets(
    names: list[str],
    schema_name: str = "kegiatan",
    other: tuple[str, ...] = ("pegawai", "petunjuk"),
) -> list[str]:
    """The sheets jp will read, in order: the activity sheet (by name, else the first other sheet)
    and the roster sheet. Used to read them ahead, in a background thread."""
    by_key = {match_key(n): n for n in reversed(names)}
    first = by_key.get(schema_name) or next(
        (n for n in names if match_key(n) not in other), names[0] if names else None
    )
    return [n for n in (first, by_key.get("pegawai")) if n]


class Workbook:
    """A workbook's raw cells (calamine) and hidden rows (sheet XML), cached per sheet.

    Uses no pandas, so ``read_ahead`` can read it in a background thread while the rest of jp
    (pandas above all) is still being imported.
    """

    def __init__(self, path: Path, label: str):
        self.path, self.label = Path(path), label
        self._book = _open_workbook(self.path, label)
        self.names = list(self._book.sheet_names)
        self._cells: dict[str, tuple[list, list]] = {}
        self._hidden: dict[str, list[int]] = {}

    def cells_of(self, sheet: str) -> tuple[list[list], list]:
        """(rows of cells from A1, merged ranges) of one sheet."""
        if sheet not in self._cells:
            try:
                sheet_ = self._book.get_sheet_by_name(sheet)
                rows = sheet_.to_python(skip_empty_area=False)
            except Exception as exc:
                raise InputError(
                    [
                        Problem(
                            file=self.label, sheet=sheet, code="sheet_unreadable", args=(str(exc),)
                        )
                    ]
                ) from exc
            try:
                merged = sheet_.merged_cell_ranges or []
            except Exception:  # not every format reports merged cells
                merged = []
            self._cells[sheet] = (rows, merged)
        return self._cells[sheet]

    def hidden_rows(self, sheet: str) -> list[int]:
        if sheet not in self._hidden:
            self._hidden[sheet] = (
                hidden_row_list(self.path, sheet) if zipfile.is_zipfile(self.path) else []
            )
        return self._hidden[sheet]


_TAG_SHEET = re.compile(r"<(?:\w+:)?sheet\b([^>]*)>")
_TAG_REL = re.compile(r"<Relationship\b([^>]*)>")
_TAG_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')


def hidden_row_list(path: Path, sheet: str) -> list[int]:
    """Row numbers hidden in an .xlsx sheet (calamine does not report them), from the sheet XML."""
    try:
        with zipfile.ZipFile(path) as zf:
            sheets = [
                dict(_ATTRIBUTE.findall(m))
                for m in _TAG_SHEET.findall(zf.read("xl/workbook.xml").decode("utf-8", "replace"))
            ]
            rid = next((a.get("r:id") for a in sheets if a.get("name") == sheet), None)
            rels = [
                dict(_ATTRIBUTE.findall(m))
                for m in _TAG_REL.findall(
                    zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
                )
            ]
            target = next((a.get("Target") for a in rels if rid and a.get("Id") == rid), None)
            if not target:
                return []
            xml = zf.read(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
    except (KeyError, zipfile.BadZipFile, OSError):
        return []
    if b"hidden=" not in xml:  # the usual case, found at memchr speed
        return []
    hidden = []
    for attrs in _TAG_ROW.findall(xml):
        if b"hidden" in attrs:
            a = dict(_ATTRIBUTE.findall(attrs.decode("utf-8", "replace")))
            if a.get("hidden") in ("1", "true") and a.get("r", "").isdigit():
                hidden.append(int(a["r"]))
    return hidden
