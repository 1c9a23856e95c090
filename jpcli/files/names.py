"""File names for one output per employee or unit (``jp kartu --semua -o FOLDER/``, ``jp cek
--per-unit``): safe on Windows, macOS and Linux, and never two of them in one file.

Windows refuses ``< > : " / \\ | ? *`` and control characters in a name, a name ending in a dot
or a space, and the device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension);
its file systems, and macOS', do not tell upper from lower case, and macOS stores names
decomposed (NFD). A name is therefore made of the NIP and the employee's name with every such
character replaced, cut to a bounded length, in NFC; two names that would be the same file
(ignoring case) are told apart by a number.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from jpcli.files.atomic import os_reason
from jpcli.problems import JpError

MAX_STEM = 100  # characters before the suffix: room for the folder within Windows' 260
MAX_BYTES = 200  # and bytes of UTF-8 (Linux and macOS allow 255 bytes per name)
# what Windows refuses in a name, C0/C1 controls, and characters that are invisible or reorder
# text (a name must read as what it is): zero-width and direction marks, separators, the BOM
_REFUSED = re.compile(
    '[<>:"/\\\\|?*\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]'
)
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)", re.I)


def safe_stem(text: str, limit: int = MAX_STEM, fallback: str = "pegawai") -> str:
    """``text`` as the part of a file name before its suffix: refused characters become "_",
    white space one "_", no dot, space or "_" at either end, at most ``limit`` characters,
    never a device name nor empty."""
    text = unicodedata.normalize("NFC", text)
    text = _REFUSED.sub("_", text)
    text = "".join("_" if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") else c
                   for c in text)  # fmt: skip
    text = re.sub(r"\s+", "_", text)
    text = re.sub(r"_{2,}", "_", text)
    text = text[:limit]
    while len(text.encode("utf-8")) > MAX_BYTES:
        text = text[:-1]
    text = text.strip("._ ")
    if not text:
        return fallback
    if _RESERVED.fullmatch(text.split(".")[0]):
        text = f"_{text}"[:limit]
    return text


def employee_file_names(employees: Iterable[tuple[str, str]], suffix: str) -> list[str]:
    """``NIP_Nama.suffix`` for each (nip, nama), in order (``file_names``)."""
    return file_names(
        ("_".join(part for part in (str(nip), str(name)) if part) for nip, name in employees),
        suffix,
        "pegawai",
    )


def file_names(texts: Iterable[str], suffix: str, fallback: str) -> list[str]:
    """A file name for each of ``texts`` (a unit's name, NIP_Nama), in order: safe names
    (``safe_stem``; ``fallback`` for a text with nothing left), all different even where case
    and Unicode normalisation are ignored (a later one gets "_2", "_3"...)."""
    names, taken = [], set()
    for text in texts:
        stem = safe_stem(text, fallback=fallback)
        candidate, n = stem, 1
        while _key(candidate) in taken:
            n += 1
            tail = f"_{n}"
            candidate = safe_stem(stem[: MAX_STEM - len(tail)] + tail, fallback=fallback)
        taken.add(_key(candidate))
        names.append(candidate + suffix)
    return names


def _key(stem: str) -> str:
    """What two names share when a file system takes them for one file (case and Unicode forms
    ignored; NFKC and casefold are coarser than any of them, so the check errs on the safe
    side)."""
    return unicodedata.normalize("NFKC", stem).casefold()


def prepare_folder(folder: Path, names: list[str], overwrite: bool) -> None:
    """The folder the files ``names`` go in: made when missing; refused when it is a file, or
    when it already holds a file of one of those names (case ignored) and ``overwrite`` is not
    given: nothing is written over unless asked (as ``jp templat --timpa``)."""
    if folder.exists() and not folder.is_dir():
        raise JpError("every_folder_is_file", folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        present = {_key(name) for name in os.listdir(folder)}
    except OSError as exc:
        raise JpError("every_folder_unusable", folder, os_reason(exc)) from exc
    clash = [name for name in names if _key(name) in present]
    if clash and not overwrite:
        raise JpError("every_files_exist", folder, tuple(clash[:3]), len(clash))
