"""File names made from what a user typed (a unit's name), safe on Windows and Linux alike."""

from __future__ import annotations

import re

# characters Windows refuses in a file name (and / everywhere), and control characters
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# names Windows keeps for devices, whatever the extension ("CON.xlsx" cannot be created)
_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
}  # fmt: skip
NAME_MAX = 100  # characters of the name before its extension (Windows paths stay short)


def safe_file_name(name: str, suffix: str, taken: set[str], fallback: str = "unit") -> str:
    """``name`` + ``suffix`` as a file name every system accepts, not among ``taken`` (compared
    without case, as Windows and macOS do), which it joins: refused characters become '-',
    runs of spaces one space, no dot or space at the end, a device name gets '_', a long name
    is cut, a repeated one gets " (2)", " (3)"..."""
    stem = " ".join(_NOT_IN_FILE_NAMES.sub("-", name).split())[:NAME_MAX].rstrip(" .")
    if not stem.strip("-"):
        stem = fallback
    if stem.split(".")[0].upper() in _RESERVED:
        stem += "_"
    candidate, n = stem + suffix, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.casefold())
    return candidate
