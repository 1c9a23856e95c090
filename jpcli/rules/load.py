"""Loading a rule set: a bundled TOML file by name or a user's file by path, with every mistake
in it reported at once (``RuleFileError``), and ``dasar`` inheritance."""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from importlib import resources
from pathlib import Path

from jpcli.files.columns import match_key
from jpcli.problems import JpError, RuleFileError
from jpcli.rules.model import (
    CARD_COLUMNS,
    DEFAULT_RULES,
    DEFAULT_TARGETS,
    LINGKUP,
    PERIODS,
    RULE_VALUE_MAX,
    RULE_VALUE_MIN,
    SATUAN,
    STATUSES,
    TARGET_MAX,
    TARGET_MIN,
    TRACKS,
    Conversion,
    Jenis,
    RuleSet,
    Target,
)

_PACKAGE = "jpcli.rules"
MAX_BASES = 20  # files in one chain of ``dasar`` (an agency file on a ministry's on the law's)
_TOP_KEYS = {"nama", "judul", "dasar", "jenis", "target"}
_TARGET_KEYS = {"jp", "sumber", "plafon", "sumber_plafon"}
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


def bundled_names() -> list[str]:
    folder = resources.files(_PACKAGE)
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_rules(name_or_path: str | Path | None = None) -> RuleSet:
    """Load a bundled rule set by name, or a user's TOML file by path."""
    choice = str(name_or_path) if name_or_path else DEFAULT_RULES
    return _load(choice, chain=())


def _identity(choice: str) -> str:
    """What a rule set is, whatever its spelling: a bundled name, or the resolved path of a file
    (``a.toml``, ``./a.toml`` and ``../x/a.toml`` are one file)."""
    if choice in bundled_names():
        return choice
    try:
        return str(Path(choice).resolve())
    except (OSError, RuntimeError):  # a symlink loop: the read below reports the file
        return choice


def _rule_text(choice: str) -> tuple[str, str, Path | None]:
    """The TOML text of a bundled rule set or a user's file, its origin ("bawaan" or the path) and
    the folder a user's file's ``dasar`` is looked up in."""
    if choice in bundled_names():
        text = resources.files(_PACKAGE).joinpath(f"{choice}.toml").read_text(encoding="utf-8")
        return text, "bawaan", None
    path = Path(choice)
    if not path.is_file():
        raise JpError("rules_unknown", repr(choice), ", ".join(bundled_names()))
    try:
        return path.read_text(encoding="utf-8"), str(path), path.parent
    except (OSError, UnicodeDecodeError) as exc:
        raise JpError("rule_file_unreadable", path, exc) from exc


def _load(choice: str, chain: tuple[str, ...]) -> RuleSet:
    """The rule set ``choice``; ``chain``: the identities of the files that named it as their
    ``dasar``, outermost first (a cycle is an error, however its paths are spelled)."""
    identity = _identity(choice)
    if identity in chain:
        raise JpError("rules_cycle", repr(choice), " -> ".join((*chain, identity)))
    if len(chain) > MAX_BASES:
        raise JpError("rules_chain_too_long", repr(chain[0]), MAX_BASES)
    text, origin, folder = _rule_text(choice)
    label = choice if origin == "bawaan" else origin
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(label, [("rule_not_toml", exc)]) from exc

    mistakes: list[tuple] = []
    for k in sorted(set(data) - _TOP_KEYS):
        mistakes.append(("rule_unknown_top_key", repr(k), ", ".join(sorted(_TOP_KEYS))))

    base: dict[str, Jenis] = {}
    base_targets = dict(DEFAULT_TARGETS)
    files = () if origin == "bawaan" else (Path(origin),)
    if "dasar" in data:
        base_name = data["dasar"]
        if not isinstance(base_name, str):
            mistakes.append(("rule_base_not_name",))
        else:
            if folder is not None and base_name not in bundled_names():
                base_name = str(folder / base_name)
            base_rules = _load(base_name, chain + (identity,))
            base, files = dict(base_rules.by_code), files + base_rules.files
            base_targets = dict(base_rules.targets)

    targets = {**base_targets, **_own_targets(data.get("target", {}), mistakes)}
    added = _own_jenis(data.get("jenis", []), base, mistakes)
    all_rows = {**base, **added}
    _check_aliases(list(all_rows.values()), mistakes)
    _check_siasn(list(all_rows.values()), mistakes)
    if mistakes:
        raise RuleFileError(label, mistakes)

    name = data.get("nama") or (Path(choice).stem if origin != "bawaan" else choice)
    title = data.get("judul") or name
    return RuleSet(
        name=str(name),
        title=str(title),
        origin=origin,
        jenis=tuple(all_rows.values()),
        files=files,
        targets=tuple((status, targets[status]) for status in STATUSES),
    )


def _own_targets(entries: object, mistakes: list[tuple]) -> dict[str, Target]:
    """The file's ``[target]`` table: status pegawai -> its target (each replaces the base's)."""
    if not isinstance(entries, dict):
        mistakes.append(("rule_target_not_table",))
        return {}
    own: dict[str, Target] = {}
    for status, entry in entries.items():
        place = f"target.{status}"
        if status not in STATUSES:
            mistakes.append(("rule_target_unknown_status", place, ", ".join(STATUSES)))
        elif not isinstance(entry, dict):
            mistakes.append(("rule_target_entry_not_table", place))
        else:
            target = _check_target(entry, place, mistakes)
            if target is not None:
                own[status] = target
    return own


def _check_target(entry: dict, place: str, mistakes: list[tuple]) -> Target | None:
    n_before = len(mistakes)
    for k in sorted(set(entry) - _TARGET_KEYS):
        mistakes.append(("rule_unknown_target_key", place, repr(k)))
    for key, required in (("jp", True), ("plafon", False)):
        value = entry.get(key)
        if value is None:
            if required:
                mistakes.append(("rule_target_jp_required", place))
        elif not _is_number(value) or not TARGET_MIN <= value <= TARGET_MAX:
            mistakes.append(("rule_value_range", place, key, repr(value), TARGET_MIN, TARGET_MAX))
    for key, needed in (("sumber", True), ("sumber_plafon", "plafon" in entry)):
        citation = entry.get(key)
        if (citation is not None or needed) and not (
            isinstance(citation, str) and citation.strip()
        ):
            mistakes.append(("rule_target_citation", place, key))
    ceiling = entry.get("plafon")
    if _is_number(ceiling) and _is_number(entry.get("jp")) and entry["jp"] > ceiling:
        mistakes.append(("rule_target_over_ceiling", place, repr(entry["jp"]), repr(ceiling)))
    if len(mistakes) > n_before:
        return None
    return Target(
        jp=float(entry["jp"]),
        citation=entry["sumber"].strip(),
        ceiling=float(ceiling) if ceiling is not None else None,
        ceiling_citation=entry["sumber_plafon"].strip() if ceiling is not None else None,
    )


def _own_jenis(entries: object, base: dict[str, Jenis], mistakes: list[tuple]) -> dict[str, Jenis]:
    """The file's own ``[[jenis]]`` tables by code (each one replaces the base's jenis of that
    code); a jenis without ``siasn`` keeps the base's SIASN codes."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        mistakes.append(("rule_jenis_not_list",))
        entries = []
    if not entries and not base:
        mistakes.append(("rule_no_jenis",))
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
    return added


def _check_jenis(entry: dict, place: str, mistakes: list[tuple]) -> Jenis | None:
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

    track, column, satuan = _check_placement(entry, place, mistakes)
    aliases, siasn_codes, note = _check_extras(entry, place, mistakes)
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


def _check_placement(entry: dict, place: str, mistakes: list[tuple]) -> tuple:
    """jalur, kolom (a card column of that jalur) and satuan (its canonical spelling)."""
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
    return track, column, satuan


def _check_extras(entry: dict, place: str, mistakes: list[tuple]) -> tuple:
    """alias (a list of names), siasn (a list of jenisDiklatId) and catatan (text)."""
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
    return aliases, siasn_codes, note


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_conversion(entry: object, place: str, mistakes: list[tuple]) -> Conversion | None:
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
    for key in ("jp", "batas"):  # beyond it the caps' nano-units overflow (docs/tafsir.md)
        value = entry.get(key)
        if _is_number(value) and value > 0 and not RULE_VALUE_MIN <= value <= RULE_VALUE_MAX:
            mistakes.append(
                ("rule_value_range", place, key, repr(value), RULE_VALUE_MIN, RULE_VALUE_MAX)
            )
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


def _check_aliases(jenis: list[Jenis], mistakes: list[tuple]) -> None:
    """Every spelling must point at exactly one jenis, or a typed value would be ambiguous."""
    owner: dict[str, str] = {}
    for j in jenis:
        for text in dict.fromkeys((j.code, j.name, *j.aliases)):
            key = match_key(text)
            other = owner.setdefault(key, j.code)
            if other != j.code:
                mistakes.append(("rule_alias_twice", repr(text), other, j.code))


def _check_siasn(jenis: list[Jenis], mistakes: list[tuple]) -> None:
    """A SIASN jenisDiklatId must mean one jenis."""
    owner: dict[int, str] = {}
    for j in jenis:
        for number in j.siasn_codes:
            other = owner.setdefault(number, j.code)
            if other != j.code:
                mistakes.append(("rule_siasn_twice", number, other, j.code))
