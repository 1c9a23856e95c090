"""Rule sets (aturan konversi JP) are data files; this module loads and checks them.

A rule set is a TOML file with one ``[[jenis]]`` table per activity type of the
conversion table (Perlan LAN 10/2018 Lampiran), each carrying its citation. The
format is documented in the README ("Berkas aturan sendiri") and in the header of
``lan-10-2018.toml``.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import pandas as pd

from jpcli.problems import RuleFileError, JpError
from jpcli.files.columns import match_key

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
TRACKS = ("pendidikan", "klasikal", "nonklasikal")
SATUAN = ("JP", "hari", "kegiatan", "semester")
PERIODS = ("hari", "bulan")
LINGKUP = ("nasional", "internasional")
TOLERANCE = 0.005  # JP are decimals: two figures closer than this are equal (they print the same)

_TOP_KEYS = {"nama", "judul", "dasar", "jenis"}
_JENIS_KEYS = {
    "kode",
    "nama",
    "alias",
    "jalur",
    "kolom",
    "satuan",
    "sumber",
    "nasional",
    "internasional",
    "siasn",
    "catatan",
}
_CONVERSION_KEYS = {"jp", "batas", "per", "sumber"}
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
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
class RuleSet:
    """A validated rule set."""

    name: str
    title: str
    origin: str  # where it came from: "bawaan" or the file path
    jenis: tuple[Jenis, ...] = field(repr=False)

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
        name without a scope word ("Webinar Nasional" -> seminar, nasional); without a level or batch
        at the end ("Diklat PIM Tk. III" -> diklat pim); and the parts of a name joined by "/" or
        "atau" ("SEPALA/ADUM/DIKLAT PIM TK.IV", "Workshop atau Lokakarya"), when they all name the
        same jenis. A name whose parts name different jenis is not guessed.
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


def bundled_names() -> list[str]:
    folder = resources.files(__name__)
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_rules(name_or_path: str | Path | None = None) -> RuleSet:
    """Load a bundled rule set by name, or a user's TOML file by path."""
    choice = str(name_or_path) if name_or_path else DEFAULT_RULES
    return _load(choice, chain=())


def _load(choice: str, chain: tuple[str, ...]) -> RuleSet:
    if choice in bundled_names():
        text = resources.files(__name__).joinpath(f"{choice}.toml").read_text(encoding="utf-8")
        origin, folder = "bawaan", None
    else:
        path = Path(choice)
        if not path.is_file():
            raise JpError("rules_unknown", repr(choice), ", ".join(bundled_names()))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise JpError("rule_file_unreadable", path, exc) from exc
        origin, folder = str(path), path.parent
    if choice in chain:
        raise JpError("rules_cycle", repr(choice), " -> ".join(chain))
    label = choice if origin == "bawaan" else origin
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(label, [("rule_not_toml", exc)]) from exc

    mistakes: list[str] = []
    for k in sorted(set(data) - _TOP_KEYS):
        mistakes.append(("rule_unknown_top_key", repr(k), ", ".join(sorted(_TOP_KEYS))))

    base: dict[str, Jenis] = {}
    if "dasar" in data:
        base_name = data["dasar"]
        if not isinstance(base_name, str):
            mistakes.append(("rule_base_not_name"))
        else:
            if folder is not None and base_name not in bundled_names():
                base_name = str(folder / base_name)
            base = dict(_load(base_name, chain + (choice,)).by_code)

    entries = data.get("jenis", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        mistakes.append(("rule_jenis_not_list"))
        entries = []
    if not entries and not base:
        mistakes.append(("rule_no_jenis"))

    added: dict[str, Jenis] = {}
    for i, entry in enumerate(entries, start=1):
        jenis = _check_jenis(entry, f"jenis[{i}]", mistakes)
        if jenis is None:
            continue
        if (
            "siasn" not in entry and jenis.code in base
        ):  # SIASN's codes say what a jenis is, not a policy
            jenis = dataclasses.replace(jenis, siasn_codes=base[jenis.code].siasn_codes)
        if jenis.code in added:
            mistakes.append(("rule_duplicate_code", i, jenis.code))
        added[jenis.code] = jenis

    all_rows = {**base, **added}
    _check_aliases(list(all_rows.values()), mistakes)
    _check_siasn(list(all_rows.values()), mistakes)
    if mistakes:
        raise RuleFileError(label, mistakes)

    name = data.get("nama") or (Path(choice).stem if origin != "bawaan" else choice)
    title = data.get("judul") or name
    return RuleSet(name=str(name), title=str(title), origin=origin, jenis=tuple(all_rows.values()))


def _check_jenis(entry: dict, place: str, mistakes: list[str]) -> Jenis | None:
    code = entry.get("kode")
    if isinstance(code, str):
        place = f"{place} ({code})"
    n_before = len(mistakes)
    for k in sorted(set(entry) - _JENIS_KEYS):
        mistakes.append(("rule_unknown_jenis_key", place, repr(k), ", ".join(sorted(_JENIS_KEYS))))
    for k in ("kode", "nama", "jalur", "kolom", "satuan", "sumber", "nasional"):
        if k not in entry:
            mistakes.append(("rule_required_key", place, repr(k)))
    for k in ("kode", "nama", "jalur", "kolom", "satuan", "sumber"):
        if k in entry and not (isinstance(entry[k], str) and entry[k].strip()):
            mistakes.append(("rule_key_not_text", place, k))
    if isinstance(code, str) and not _CODE.match(code):
        mistakes.append(("rule_code_form", place, repr(code)))

    track, column = entry.get("jalur"), entry.get("kolom")
    if isinstance(track, str) and track not in TRACKS:
        mistakes.append(("rule_unknown_track", place, repr(track), ", ".join(TRACKS)))
    if isinstance(column, str):
        if column not in CARD_COLUMNS:
            mistakes.append(
                ("rule_unknown_card_column", place, repr(column), ", ".join(CARD_COLUMNS))
            )
        elif isinstance(track, str) and track in TRACKS and CARD_COLUMNS[column] != track:
            mistakes.append(
                ("rule_column_of_other_track", place, repr(column), CARD_COLUMNS[column], track)
            )

    satuan = entry.get("satuan")
    if isinstance(satuan, str):
        matches = [s for s in SATUAN if s.lower() == satuan.strip().lower()]
        if not matches:
            mistakes.append(("rule_unknown_satuan", place, repr(satuan), ", ".join(SATUAN)))
        else:
            satuan = matches[0]

    aliases = entry.get("alias", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        mistakes.append(("rule_aliases_not_list", place))
        aliases = []

    siasn_codes = entry.get("siasn", [])
    if not isinstance(siasn_codes, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in siasn_codes
    ):
        mistakes.append(("rule_siasn_not_list", place))
        siasn_codes = []
    note = entry.get("catatan", "")
    if not isinstance(note, str):
        mistakes.append(("rule_note_not_text", place))
        note = ""

    conversion = {}
    for lingkup in LINGKUP:
        if lingkup in entry:
            conversion[lingkup] = _check_conversion(entry[lingkup], f"{place}.{lingkup}", mistakes)

    if len(mistakes) > n_before:
        return None
    return Jenis(
        code=code,
        name=entry["nama"].strip(),
        aliases=tuple(a.strip() for a in aliases),
        track=track,
        column=column,
        satuan=satuan,
        citation=entry["sumber"].strip(),
        nasional=conversion["nasional"],
        international=conversion.get("internasional"),
        siasn_codes=tuple(siasn_codes),
        note=note.strip(),
    )


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_conversion(entry: object, place: str, mistakes: list[str]) -> Conversion | None:
    if not isinstance(entry, dict):
        mistakes.append(("rule_conversion_not_table", place))
        return None
    n_before = len(mistakes)
    for k in sorted(set(entry) - _CONVERSION_KEYS):
        mistakes.append(("rule_unknown_conversion_key", place, repr(k)))
    jp = entry.get("jp")
    if jp is None:
        mistakes.append(("rule_jp_required", place))
    elif not _is_number(jp) or jp <= 0:
        mistakes.append(("rule_jp_not_positive", place, repr(jp)))
    batas, per = entry.get("batas"), entry.get("per")
    if batas is not None and (not _is_number(batas) or batas <= 0):
        mistakes.append(("rule_batas_not_positive", place, repr(batas)))
    if (batas is None) != (per is None):
        mistakes.append(("rule_batas_without_per", place))
    if per is not None and per not in PERIODS:
        mistakes.append(("rule_unknown_period", place, repr(per)))
    citation = entry.get("sumber")
    if citation is not None and not (isinstance(citation, str) and citation.strip()):
        mistakes.append(("rule_citation_not_text", place))
    if len(mistakes) > n_before:
        return None
    return Conversion(
        jp=float(jp),
        batas=float(batas) if batas is not None else None,
        per=per,
        citation=citation.strip() if citation else None,
    )


def _check_aliases(jenis: list[Jenis], mistakes: list[str]) -> None:
    """Every spelling must point at exactly one jenis, or a typed value would be ambiguous."""
    owner: dict[str, str] = {}
    for j in jenis:
        for text in dict.fromkeys((j.code, j.name, *j.aliases)):
            key = match_key(text)
            other = owner.setdefault(key, j.code)
            if other != j.code:
                mistakes.append(("rule_alias_twice", repr(text), other, j.code))


def _check_siasn(jenis: list[Jenis], mistakes: list[str]) -> None:
    """A SIASN jenisDiklatId must mean one jenis."""
    owner: dict[int, str] = {}
    for j in jenis:
        for number in j.siasn_codes:
            other = owner.setdefault(number, j.code)
            if other != j.code:
                mistakes.append(("rule_siasn_twice", number, other, j.code))
