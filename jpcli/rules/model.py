"""The rule set as data: activity types (jenis) with their conversions, and the lookups the
pipeline needs (by name, alias, SIASN code). Loading and checking the TOML files: ``load``."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from jpcli.files.columns import match_key

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_RULES = "lan-10-2018"

# Lampiran II columns, in card order, with the path (jalur) each belongs to.
CARD_COLUMNS: dict[str, str] = {
    "pendidikan": "pendidikan",
    "pelatihan": "klasikal",
    "sosialisasi": "klasikal",
    "workshop": "klasikal",
    "klasikal_lain": "klasikal",
    "coaching": "nonklasikal",
    "mentoring": "nonklasikal",
    "belajar_mandiri": "nonklasikal",
    "nonklasikal_lain": "nonklasikal",
}
JP_COLUMNS = tuple(CARD_COLUMNS)
STATUSES = ("PNS", "PPPK", "CPNS")  # status pegawai
KLASIKAL_COLUMNS = tuple(k for k, track in CARD_COLUMNS.items() if track == "klasikal")
NONKLASIKAL_COLUMNS = tuple(k for k, track in CARD_COLUMNS.items() if track == "nonklasikal")
TRACKS = ("pendidikan", "klasikal", "nonklasikal")
SATUAN = ("JP", "hari", "kegiatan", "semester")
PERIODS = ("hari", "bulan")
LINGKUP = ("nasional", "internasional")
# A rule's jp (JP per unit) and batas (units per period) lie within these (docs/tafsir.md, "Angka
# yang masuk akal"): the caps count in integer nano-units, and batas = 1e10 would overflow them.
RULE_VALUE_MIN, RULE_VALUE_MAX = 0.001, 1000
TOLERANCE = 0.005  # JP are decimals: two figures closer than this are equal (they print the same)

# a level or batch written after a training's name: "Tk. III", "Tingkat II", "Angkatan 2", "IV"
_LEVEL_SUFFIX = re.compile(
    r"^(tk|tkt|tingkat|angkatan|ang|gelombang|kelas|i{1,3}|iv|v|[0-9]{1,3})$"
)
_SCOPE_WORDS = {
    ("internasional",): "internasional",
    ("luar", "negeri"): "internasional",
    ("ln",): "internasional",
    ("nasional",): "nasional",
    ("dalam", "negeri"): "nasional",
}


def _without_scope(token: list[str]) -> tuple[list[str], str | None]:
    """The words of a name without the scope it states ("Seminar Internasional"), and that scope."""
    for words, lingkup in _SCOPE_WORDS.items():
        n = len(words)
        for i in range(len(token) - n + 1):
            if tuple(token[i : i + n]) == words and len(token) > n:
                return token[:i] + token[i + n :], lingkup
    return token, None


@dataclass(frozen=True)
class Conversion:
    """How one jenis converts for one lingkup.

    ``jp`` is JP per unit (for unit JP, the multiplier: 1 or 1.2). ``batas`` caps the
    units counted per period (``per``: "hari" or "bulan") before the multiplier
    (docs/tafsir.md, "Pengali sesudah batas"). ``sumber``: the clause for this lingkup when it
    differs from the jenis' own citation (e.g. the international column of the table).
    """

    jp: float
    batas: float | None = None
    per: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class Jenis:
    code: str
    name: str
    aliases: tuple[str, ...]
    track: str
    column: str
    satuan: str
    citation: str
    nasional: Conversion
    international: Conversion | None
    siasn_codes: tuple[int, ...] = ()  # SIASN's jenisDiklatId codes that mean this jenis
    note: str = ""  # an assumption jp makes where the table is silent, shown by jp aturan

    def conversion(self, lingkup: str) -> Conversion | None:
        return self.nasional if lingkup == "nasional" else self.international

    def citation_for(self, lingkup: str) -> str:
        """The citation for this jenis in this lingkup."""
        k = self.conversion(lingkup)
        return k.citation if k is not None and k.citation else self.citation


@dataclass(frozen=True)
class Target:
    """The yearly JP target of one status pegawai, with its legal basis; a ``ceiling`` is the most
    JP of assigned development a (contract) year may hold (PPPK: PP 49/2018 Pasal 40)."""

    jp: float
    citation: str
    ceiling: float | None = None
    ceiling_citation: str | None = None


DEFAULT_TARGET_JP = 20.0  # hak 20 JP setahun
TARGET_MAX = 1_000  # no target is more (docs/tafsir.md, "Angka yang masuk akal")
TARGET_MIN = 0.01  # JP print with two decimals: a smaller target would be met by 0 JP
# a rule file without a [target] table and without a ``dasar`` gets these
DEFAULT_TARGETS: tuple[tuple[str, Target], ...] = tuple(
    (status, Target(DEFAULT_TARGET_JP, "hak 20 JP setahun (bawaan jp)")) for status in STATUSES
)


@dataclass(frozen=True)
class RuleSet:
    """A validated rule set."""

    name: str
    title: str
    origin: str  # where it came from: "bawaan" or the file path
    jenis: tuple[Jenis, ...] = field(repr=False)
    files: tuple[Path, ...] = ()  # every user file read: this one and its ``dasar`` chain
    targets: tuple[tuple[str, Target], ...] = DEFAULT_TARGETS  # (status, target), STATUSES order

    @cached_property
    def target_of(self) -> dict[str, Target]:
        """Status pegawai -> its target (every status of ``STATUSES`` has one)."""
        return dict(self.targets)

    @cached_property
    def by_code(self) -> dict[str, Jenis]:
        return {j.code: j for j in self.jenis}

    @cached_property
    def key_to_code(self) -> dict[str, str]:
        """Every accepted spelling (code, table name, aliases) as a match key -> code."""
        keys: dict[str, str] = {}
        for j in self.jenis:
            for text in (j.code, j.name, *j.aliases):
                keys.setdefault(match_key(text), j.code)
        return keys

    def find(self, text: object) -> str | None:
        """The code for what a user typed in the jenis column, or None."""
        return self.find_with_lingkup(text)[0]

    def find_with_lingkup(self, text: object) -> tuple[str | None, str | None]:
        """(code, lingkup the name itself states) for a jenis as offices and SIASN write it.

        Tried in order: the whole name ("Pelatihan Kepemimpinan Nasional" keeps its meaning); the
        name without a scope word ("Webinar Nasional" -> seminar, nasional); without a level or
        batch at the end ("Diklat PIM Tk. III" -> diklat pim); and the parts of a name joined by
        "/" or "atau" ("SEPALA/ADUM/DIKLAT PIM TK.IV", "Workshop atau Lokakarya"), when they all
        name the same jenis. A name whose parts name different jenis is not guessed.
        """
        key = match_key(text)
        code = self._find_key(key)
        if code is not None:
            return code, None
        token = key.split("_")
        without, lingkup = _without_scope(token)
        if lingkup is not None:
            code = self._find_key("_".join(without))
            if code is not None:
                return code, lingkup
        parts = [b for b in re.split(r"/|\batau\b", str(text).lower()) if b.strip()]
        if len(parts) > 1:
            result = {self.find_with_lingkup(b) for b in parts}
            known = {h for h in result if h[0] is not None}
            if len(known) == 1:
                return known.pop()
        return None, None

    def _find_key(self, key: str) -> str | None:
        if key in self.key_to_code:
            return self.key_to_code[key]
        token = key.split("_")
        while token and _LEVEL_SUFFIX.match(token[-1]):  # "tk", "iii", "angkatan", "2" at the end
            token.pop()
            if "_".join(token) in self.key_to_code:
                return self.key_to_code["_".join(token)]
        return None

    @cached_property
    def by_siasn(self) -> dict[int, str]:
        """SIASN jenisDiklatId -> code."""
        return {number: j.code for j in self.jenis for number in j.siasn_codes}

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per (kode, lingkup) that has a conversion; the compute step joins on it."""
        import pandas as pd  # a rule set is also read without a ledger (jp aturan, templat)

        rows = []
        for j in self.jenis:
            for lingkup in LINGKUP:
                k = j.conversion(lingkup)
                if k is None:
                    continue
                rows.append(
                    {
                        "jenis": j.code,
                        "lingkup": lingkup,
                        "jp_per_satuan": float(k.jp),
                        "batas": float(k.batas) if k.batas is not None else math.nan,
                        "per": k.per or "",
                        "satuan": j.satuan,
                        "kolom": j.column,
                        "jalur": j.track,
                    }
                )
        return pd.DataFrame(rows)
