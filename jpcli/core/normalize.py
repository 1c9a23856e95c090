"""Raw table -> typed, validated records, plus every problem with its place.

The typed activity frame is what the rest of the pipeline trusts:

    baris            int      row number as Excel shows it
    nip              str      18 digits
    nama             category "" when blank
    jenis            category a code of the rule set (e.g. "belajar_mandiri")
    lingkup          category "nasional" | "internasional"
    tanggal_mulai    datetime64 (blank -> the end date)
    tanggal_selesai  datetime64 (blank -> tanggal_mulai; both blank -> the certificate date)
    jumlah           float    quantity in the jenis' unit, defaults resolved (SPEC §1)
    jp_tertulis      float    JP as stated on the certificate (NaN when blank); never multiplied
    judul, penyelenggara, keterangan, nomor_sertifikat   category ("" when blank)
    tanggal_sertifikat datetime64 (NaT when blank)
    status           category "disetujui" | "ditinjau" | "ditolak" (blank = ditinjau)
    alasan_verifikasi category the verifier's reason ("" when blank)
    sumber_jenis     category the header the jenis was read from (name, sub-type or SIASN code)
    duplikat_dari    int      row this one exactly repeats (counted once), else 0

Cells are parsed once per *distinct* value (see ``nilai``): a ledger column is factorized,
its few distinct values parsed, and the results mapped back by their codes. Every row-level
check is a vectorised operation on those codes, so a million rows cost a few thousand
parser calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jpcli.core import cells
from jpcli.problems import Problem
from jpcli.files.read import Table
from jpcli.rules import LINGKUP, TOLERANCE, RuleSet
from jpcli.render.fmt import format_jp, match_key

TEXT_COLUMNS = ("nama", "judul", "penyelenggara", "keterangan")
_TOTAL_ROW_WORDS = ("jumlah", "total", "jml", "grand_total", "sub_total", "subtotal")


@dataclass
class ParsedColumn:
    """One column parsed by distinct value. Arrays ending in ``_u`` hold one entry per distinct
    value plus a last one for blank cells; ``kode`` maps each row to its entry."""

    code: np.ndarray  # per row: index into the *_u arrays (-1 = blank cell -> last entry)
    values_u: np.ndarray  # parsed value (the blank filler for blank or refused values)
    error_u: np.ndarray  # object: message, or None
    raw_u: np.ndarray  # object: the distinct cell values as read ("" last)
    blank_u: np.ndarray  # bool: blank

    @property
    def value(self) -> np.ndarray:
        return self.values_u[self.code]

    @property
    def blank(self) -> np.ndarray:
        return self.blank_u[self.code]

    @property
    def has_error(self) -> np.ndarray:
        return (self.error_u != None)[self.code]  # noqa: E711

    def raw_text(self, pos: np.ndarray) -> np.ndarray:
        """The cells at ``pos`` as the user sees them (worded once per distinct cell, only for reported rows)."""
        code, distinct = pd.factorize(self.code[pos])
        return np.array([cells.shown(v) for v in self.raw_u[distinct]], dtype=object)[code]

    def message(self, pos: np.ndarray) -> np.ndarray:
        return self.error_u[self.code[pos]]

    def value_codes(self) -> np.ndarray:
        """Per row, a code of the *parsed* value (equal values, equal codes), for grouping."""
        code_u, _ = pd.factorize(self.values_u, use_na_sentinel=False)
        return code_u[self.code]

    def categorical(self, listing: list[str] | None = None) -> pd.Categorical:
        """The parsed values as a categorical: the given categories, else the distinct values."""
        if listing is None:
            code_u, categorical = pd.factorize(self.values_u, use_na_sentinel=False)
            return pd.Categorical.from_codes(code_u[self.code], categories=pd.Index(categorical, dtype=object))
        code_u = pd.Index(listing).get_indexer(self.values_u)  # -1 (missing) only for rows that are refused
        return pd.Categorical.from_codes(code_u[self.code], categories=listing)


def _parse_column(col: pd.Series, parse: Callable[[object], object], dtype, blank_fill,
          fast: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None) -> ParsedColumn:
    """Parse a column by its distinct values. ``cepat`` (optional) checks the common case for
    many distinct values at once; what it does not accept goes through ``fungsi`` one by one."""
    code, uniques = pd.factorize(col, use_na_sentinel=True)
    originals = np.asarray(uniques, dtype=object)
    result = np.full(len(originals), None, dtype=object)
    errors = np.full(len(originals) + 1, None, dtype=object)
    good = np.zeros(len(originals), dtype=bool)
    if fast is not None and len(originals) > 500:
        good, result = fast(originals)
    for i in np.flatnonzero(~good):  # one call per distinct value, not per row
        try:
            result[i] = parse(originals[i])
        except cells.Reject as exc:
            errors[i] = str(exc)
    blank = np.append((result == None) & (errors[:-1] == None), True)  # noqa: E711
    values_u = np.append(result, None)
    values_u[values_u == None] = blank_fill  # noqa: E711
    return ParsedColumn(code=code, values_u=values_u.astype(dtype) if dtype is not object else values_u,
                  error_u=errors, raw_u=np.append(originals, ""), blank_u=blank)


class ProblemCollector:
    """Collects problems as (row position, column, value, message) and builds Masalah at the end."""

    def __init__(self, table: Table):
        self.table = table
        self.row_no = table.frame.index.to_numpy()
        self.n = len(self.row_no)
        self.parts: list[pd.DataFrame] = []
        self.errors = np.zeros(self.n, dtype=bool)  # rows that cannot be used
        # rows the verifier rejected: they never count, so a mistake in them is a warning, not an error,
        # and only what stops them being read is reported (no quantity or stated-JP remarks)
        self.rejected = np.zeros(self.n, dtype=bool)

    def add(self, mask: np.ndarray, column: str | None, message, parsed: ParsedColumn | None = None,
               level: str = "salah", also_rejected: bool = False) -> None:
        """``pesan``: one text for all, or a function from row positions to messages. A warning about a
        rejected row is dropped unless ``juga_ditolak`` (the rejection itself)."""
        pos = np.flatnonzero(mask)
        if not len(pos):
            return
        if level == "salah":
            self.errors[pos] = True
        row_levels = np.full(len(pos), level, dtype=object)
        text = message(pos) if callable(message) else np.full(len(pos), message, dtype=object)
        rejected = self.rejected[pos] & (not also_rejected)
        if rejected.any():
            if level == "salah":
                row_levels[rejected] = "peringatan"
                text = np.where(rejected, text + " (Baris ini ditolak verifikator; tidak dihitung.)", text)
            else:
                keep = ~rejected
                pos, row_levels, text = pos[keep], row_levels[keep], text[keep]
                if not len(pos):
                    return
        self.parts.append(pd.DataFrame({
            "pos": pos, "kolom": column,
            "nilai": parsed.raw_text(pos) if parsed is not None else np.full(len(pos), None, dtype=object),
            "pesan": text,
            "tingkat": row_levels,
        }))

    def problems(self) -> list[Problem]:
        if not self.parts:
            return []
        all_rows = pd.concat(self.parts, ignore_index=True).sort_values("pos", kind="stable")
        row_no = self.row_no[all_rows["pos"].to_numpy()].tolist()
        column = [self.table.headers.get(k, k) if k else None for k in all_rows["kolom"]]
        file, sheet = self.table.file, self.table.sheet
        return [
            Problem(file, sheet, b, k, v, p, t)
            for b, k, v, p, t in zip(row_no, column, all_rows["nilai"].tolist(), all_rows["pesan"].tolist(), all_rows["tingkat"].tolist())
        ]


def _per_distinct(make_one: Callable[..., str], *sources: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """A message function: ``buat_satu(*values)`` called once per distinct combination of the values
    ``sumber`` give for the problem rows (a large ledger repeats the same few combinations)."""
    def make(pos: np.ndarray) -> np.ndarray:
        if not len(pos):
            return np.array([], dtype=object)
        code, distinct = pd.MultiIndex.from_arrays([np.asarray(f(pos), dtype=object) for f in sources]).factorize()
        return np.array([make_one(*values) for values in distinct], dtype=object)[code]
    return make


def _text(value: object) -> str:
    """A value inside a message: JP figures with the Indonesian decimal comma, the rest as they are."""
    if isinstance(value, float):
        return format_jp(value)
    return cells.shown(value) if isinstance(value, dt.date) else str(value)


def _pattern(pattern: str, *sources: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """A message function: ``pola`` filled from per-position arrays (numbers worded by ``_teks``)."""
    return _per_distinct(lambda *values: pattern.format(*map(_text, values)), *sources)


def _blank_and_total_rows(frame: pd.DataFrame, k: dict[str, ParsedColumn]) -> tuple[np.ndarray, np.ndarray]:
    """Blank rows (every known column empty) and total rows ("JUMLAH", no jenis, no date) are not activities."""
    blank = np.logical_and.reduce([parsed.blank for parsed in k.values()])
    without = [k[c].blank for c in ("sub_jenis", "jenis", "jenis_siasn", "tanggal_mulai", "tanggal_selesai",
                                   "tanggal_sertifikat")]
    candidates = np.flatnonzero(~blank & np.logical_and.reduce(without))
    total = np.zeros(len(frame), dtype=bool)
    if len(candidates):
        row_texts = frame.iloc[candidates].astype(str)
        for i, row in zip(candidates, row_texts.itertuples(index=False)):  # only rows without jenis and date
            total[i] = any(match_key(v).startswith(_TOTAL_ROW_WORDS) for v in row)
    return blank, total


JENIS_SOURCES = ("sub_jenis", "jenis", "jenis_siasn")  # per row, the first one understood gives the jenis


def normalize_activities(table: Table, rules: RuleSet, today: dt.date) -> tuple[pd.DataFrame, list[Problem], int]:
    """Typed activity rows that passed every check, all problems, and the count of activity rows read."""
    frame = table.frame
    n = len(frame)
    nat = np.datetime64("NaT")
    k = {
        "nip": _parse_column(frame["nip"], cells.parse_nip, object, "", fast=cells.parse_nips_fast),
        "nama": _parse_column(frame["nama"], cells.parse_text, object, ""),
        "sub_jenis": _parse_column(frame["sub_jenis"], lambda v: _jenis(v, rules), object, ""),
        "jenis": _parse_column(frame["jenis"], lambda v: _jenis(v, rules), object, ""),
        "jenis_siasn": _parse_column(frame["jenis_siasn"], lambda v: _siasn_jenis(v, rules), object, ""),
        "lingkup": _parse_column(frame["lingkup"], cells.parse_lingkup, object, "nasional"),  # blank = nasional (SPEC §1)
        **{col: _parse_column(frame[col], cells.parse_date, "datetime64[D]", nat)
           for col in ("tanggal_mulai", "tanggal_selesai", "tanggal_sertifikat")},
        **{col: _parse_column(frame[col], cells.parse_number, float, np.nan) for col in ("jumlah", "hari", "jp")},
        "status": _parse_column(frame["status"], cells.parse_status, object, ""),
        **{col: _parse_column(frame[col], cells.parse_text, object, "")
           for col in ("judul", "penyelenggara", "keterangan", "nomor_sertifikat", "alasan")},
    }
    blank, total = _blank_and_total_rows(frame, k)
    active = ~blank & ~total

    collect = ProblemCollector(table)
    collect.rejected = active & (k["status"].values_u == "ditolak")[k["status"].code]
    collect.add(total, None, "baris total/jumlah dilewati (bukan kegiatan).", level="peringatan")
    for column_name, parsed in k.items():
        if column_name not in JENIS_SOURCES:  # the jenis columns are judged together, below
            collect.add(active & parsed.has_error, column_name, parsed.message, parsed)

    jenis, sources = _merge_sources([k[c] for c in JENIS_SOURCES])
    for i, column_name in enumerate(JENIS_SOURCES):
        collect.add(active & jenis.has_error & (sources == i), column_name, jenis.message, jenis)
    jenis_column = next((c for c in JENIS_SOURCES if c in table.headers), "jenis")
    date_column = next((c for c in ("tanggal_mulai", "tanggal_selesai", "tanggal_sertifikat") if c in table.headers),
                         "tanggal_mulai")
    date_blank = k["tanggal_mulai"].blank & k["tanggal_selesai"].blank & k["tanggal_sertifikat"].blank
    required = (
        ("nip", k["nip"].blank, "NIP kosong. Isi NIP 18 angka pegawai (format kolom sebagai Teks)."),
        (jenis_column, jenis.blank, "jenis kosong. Isi kode jenis kegiatan, misalnya pelatihan_teknis, seminar, "
                                    "coaching (daftar lengkap: jp aturan)."),
        (date_column, date_blank, "tanggal kosong. Isi tanggal mulai (dan selesai) kegiatan, misalnya 12/03/2024."),
    )
    for column_name, missing, message in required:
        collect.add(active & missing, column_name, message)

    lingkup = _lingkup_from_name(k["lingkup"], jenis, rules, active, collect)
    start, end, start_derived = _dates(k, active, collect)

    # rule-set facts per row, through the jenis codes (one lookup per distinct jenis)
    by_code = rules.by_code
    no_international = np.array([bool(j) and by_code[j].international is None for j in jenis.values_u])[jenis.code]
    international_error = active & no_international & (lingkup.values_u == "internasional")[lingkup.code]
    jenis_names = np.array([f"{by_code[j].name} ({by_code[j].citation})" if j else "" for j in jenis.values_u], dtype=object)
    collect.add(international_error, "lingkup", _pattern(
        "{} tidak punya konversi internasional (tabel: \"-\"). Isi lingkup nasional, atau periksa jenis kegiatannya.",
        lambda pos: jenis_names[jenis.code[pos]]), lingkup)

    quantity, jp_stated = _quantity(k, jenis, lingkup, rules, start, end, start_derived, active, collect, table)
    status = _review_status(k["status"], k["alasan"], active & ~collect.errors, collect)

    valid = active & ~collect.errors
    valid_pos = np.flatnonzero(valid)
    kegiatan = pd.DataFrame({
        "baris": frame.index.to_numpy()[valid_pos].astype(np.int64),
        "nip": k["nip"].categorical()[valid_pos],
        "nama": k["nama"].categorical()[valid_pos],
        "jenis": jenis.categorical(list(by_code))[valid_pos],
        "lingkup": lingkup.categorical(list(LINGKUP))[valid_pos],
        "tanggal_mulai": start[valid_pos].astype("datetime64[s]"),
        "tanggal_selesai": end[valid_pos].astype("datetime64[s]"),
        "jumlah": quantity[valid_pos],
        "jp_tertulis": jp_stated[valid_pos],
        **{col: k[col].categorical()[valid_pos] for col in ("judul", "penyelenggara", "keterangan", "nomor_sertifikat")},
        "tanggal_sertifikat": k["tanggal_sertifikat"].value[valid_pos].astype("datetime64[s]"),
        "status": pd.Categorical.from_codes(status[valid_pos], categories=list(cells.STATUS)),
        "alasan_verifikasi": k["alasan"].categorical()[valid_pos],
        # the column the jenis was read from (SIASN exports hold it in a name or a code column)
        "sumber_jenis": pd.Categorical.from_codes(sources[valid_pos], categories=[
            table.headers.get(c, c) for c in JENIS_SOURCES]),
    })

    future = _spread(valid_pos, (end[valid_pos] > np.datetime64(today, "D")), n)
    collect.add(future, "tanggal_selesai", "tanggal ini di masa depan; periksa tahunnya (kegiatan tetap dihitung).",
                 k["tanggal_selesai"] if not k["tanggal_selesai"].blank.all() else None, level="peringatan")
    duplicate_keys = [k["nip"].value_codes(), jenis.value_codes(), lingkup.value_codes(), k["status"].value_codes(),
                      start.view(np.int64), end.view(np.int64), quantity.view(np.int64),
                      np.nan_to_num(jp_stated, nan=-1.0).view(np.int64),
                      *(k[col].value_codes() for col in ("judul", "penyelenggara", "keterangan", "nomor_sertifikat"))]
    all_valid = len(valid_pos) == n
    kegiatan["duplikat_dari"] = mark_duplicates(kegiatan, [key if all_valid else key[valid_pos] for key in duplicate_keys])
    dup = kegiatan["duplikat_dari"].to_numpy() > 0
    if dup.any():
        origin = np.zeros(n, dtype=np.int64)
        origin[valid_pos] = kegiatan["duplikat_dari"].to_numpy()
        collect.add(_spread(valid_pos, dup, n), None, _pattern("sama persis dengan baris {}; dihitung sekali.",
                                                          lambda pos: origin[pos]), level="peringatan")

    problems = table.problems + collect.problems()
    problems += _name_warnings(kegiatan, k, valid_pos, table) + _semester_warnings(kegiatan, table)
    return kegiatan, problems, int(active.sum())


def _spread(pos: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """A mask over the valid rows -> a mask over all rows read."""
    out = np.zeros(n, dtype=bool)
    out[pos[mask]] = True
    return out


def _column_from(per_row: np.ndarray) -> ParsedColumn:
    """A column of already parsed values (one per row)."""
    code, distinct = pd.factorize(per_row, use_na_sentinel=False)
    distinct = np.asarray(distinct, dtype=object)
    return ParsedColumn(code=code, values_u=np.append(distinct, ""), error_u=np.full(len(distinct) + 1, None, dtype=object),
                  raw_u=np.append(distinct, ""), blank_u=np.append(distinct == "", True))


def _merge_sources(sources: list[ParsedColumn]) -> tuple[ParsedColumn, np.ndarray]:
    """One field written in several columns (SIASN: a name and a numeric code): per row the first
    column whose value was understood; when none was, the first that is not blank (its message is
    the one reported). Returns the merged column and, per row, the position of the column used."""
    good = np.stack([~parsed.blank & ~parsed.has_error for parsed in sources])
    content = np.stack([~parsed.blank for parsed in sources])
    choose = np.where(good.any(axis=0), good.argmax(axis=0), np.where(content.any(axis=0), content.argmax(axis=0), 0))
    offsets = np.cumsum([0] + [len(parsed.values_u) for parsed in sources[:-1]])
    # a blank cell's code is -1: the last entry of its column's arrays
    code = np.stack([np.where(parsed.code < 0, len(parsed.values_u) - 1, parsed.code) + g for parsed, g in zip(sources, offsets)])
    merged_column = ParsedColumn(
        code=code[choose, np.arange(len(choose))],
        values_u=np.concatenate([parsed.values_u for parsed in sources]),
        error_u=np.concatenate([parsed.error_u for parsed in sources]),
        raw_u=np.concatenate([parsed.raw_u for parsed in sources]),
        blank_u=np.concatenate([parsed.blank_u for parsed in sources]),
    )
    return merged_column, choose.astype(np.int8)


def _lingkup_from_name(lingkup: ParsedColumn, jenis: ParsedColumn, rules: RuleSet, active: np.ndarray, collect: ProblemCollector) -> ParsedColumn:
    """A jenis written with its scope ("Seminar Internasional", "Webinar Nasional") sets a blank lingkup;
    a lingkup cell that says otherwise is an error. Names where "Nasional" is part of the name
    (Pelatihan Kepemimpinan Nasional) match whole and state no scope."""
    from_name_u = np.array([rules.find_with_lingkup(v)[1] if j else None
                            for v, j in zip(jenis.raw_u, jenis.values_u)], dtype=object)
    from_name = from_name_u[jenis.code]
    present = from_name != None  # noqa: E711
    if not present.any():
        return lingkup
    written = lingkup.value
    differs = active & present & ~lingkup.blank & ~lingkup.has_error & (written != from_name)
    collect.add(differs, "lingkup", _pattern(
        "lingkup \"{}\" bertentangan dengan jenis \"{}\", yang menyebut {}. Perbaiki salah satunya.",
        lingkup.raw_text, jenis.raw_text, lambda pos: from_name[pos]), lingkup)
    return _column_from(np.where(lingkup.blank & present, from_name, written).astype(object))


def _dates(k: dict[str, ParsedColumn], active: np.ndarray, collect: ProblemCollector) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end of each row, and where the start was not written.

    End: tanggal_selesai; when blank, the start (SPEC §1); when the start is blank too, the
    certificate date (SIMPEG's kursus export has no other). Start: tanggal_mulai; when blank, the end.
    """
    start_col, end_col, certificate_col = k["tanggal_mulai"], k["tanggal_selesai"], k["tanggal_sertifikat"]
    start_written = start_col.value
    end = np.where(~end_col.blank, end_col.value,
                       np.where(~start_col.blank, start_written, certificate_col.value))
    start_derived = start_col.blank
    start = np.where(start_derived, end, start_written)
    reversed_ = active & ~start_derived & ~end_col.blank & ~np.isnat(start) & ~np.isnat(end) & (end < start)
    collect.add(reversed_, "tanggal_selesai", _pattern(
        "tanggal selesai ({}) sebelum tanggal mulai ({}). Tukar atau perbaiki tanggalnya.",
        end_col.raw_text, start_col.raw_text), end_col)
    return start, end, start_derived


def _review_status(status: ParsedColumn, reason: ParsedColumn, valid: np.ndarray, collect: ProblemCollector) -> np.ndarray:
    """Verification status as codes of ``cells.STATUS`` (blank and unknown words: pending). A rejected
    row never counts: one warning each, with the verifier's reason."""
    values_u = status.values_u.astype(str)
    known = np.isin(values_u, cells.STATUS)
    code_u = np.where(known, pd.Index(cells.STATUS).get_indexer(values_u), cells.STATUS.index("ditinjau"))
    code = code_u[status.code].astype(np.int8)
    unknown = valid & ~status.blank & ~known[status.code]
    collect.add(unknown, "status", _pattern(
        "status \"{}\" tidak dikenal; dianggap belum diverifikasi (dihitung, kecuali dengan --hanya-disetujui). "
        "Status yang dikenal: Disetujui, Ditinjau/Menunggu, Ditolak.", status.raw_text), status, level="peringatan")
    rejected = valid & (code == cells.STATUS.index("ditolak"))
    reason_text = reason.value
    collect.add(rejected, "status", _pattern(
        "status {}{}: baris ini tidak dihitung.", status.raw_text,
        lambda pos: np.array([f" (alasan: {a})" if a else "" for a in reason_text[pos]], dtype=object)),
        status, level="peringatan", also_rejected=True)
    return code


def _siasn_jenis(value: object, rules: RuleSet) -> str | None:
    """SIASN's jenisDiklatId (1-25) -> jenis; a name written in that column is looked up as a name."""
    if cells.is_blank(value):
        return None
    try:
        number = cells.parse_number(value)
    except cells.Reject:
        return _jenis(value, rules)
    if number is not None and float(number).is_integer() and int(number) in rules.by_siasn:
        return rules.by_siasn[int(number)]
    raise cells.Reject(
        f"kode jenis diklat SIASN \"{cells.shown(value)}\" tidak dikenal (kode SIASN: 1 s.d. 25, lihat jp aturan). "
        "Bila kolom ini berisi nomor buatan SIMPEG Anda sendiri, sebutkan kolom nama jenisnya: "
        "--kolom jenis=\"JUDUL KOLOM\".")


def _jenis(value: object, rules: RuleSet) -> str | None:
    if cells.is_blank(value):
        return None
    code = rules.find(value)
    if code is None:
        suggestions = suggest_jenis(value, rules)
        extra = (f" Mungkin maksud Anda: {', '.join(suggestions)}." if suggestions else
                    " Kata ini tidak ada di tabel konversi Perlan LAN 10/2018. Bila instansi Anda mengakuinya, "
                    "tambahkan sebagai nama lain (alias) jenis yang sesuai dalam berkas aturan sendiri, lalu "
                    "pakai --aturan BERKAS.toml (contoh di README, \"Berkas aturan sendiri\").")
        raise cells.Reject(f"jenis \"{cells.shown(value)}\" tidak dikenal.{extra} Daftar lengkap: jp aturan.")
    return code


def suggest_jenis(value: object, rules: RuleSet, n: int = 3) -> list[str]:
    """Codes a mistyped jenis probably meant. Spellings that start with the same word come first
    ("seminar nasionl" -> seminar); after them only close spellings counted in the same unit (never
    pelatihan_nasional, counted in JP, for a seminar counted in days). Otherwise the closest
    spellings (difflib, standard library)."""
    import difflib

    keys = rules.key_to_code
    key = match_key(value)
    words = key.split("_")[0]
    same_start = [k for k in keys if k.split("_")[0] == words]
    ordered = sorted(same_start, key=lambda k: -difflib.SequenceMatcher(None, key, k).ratio())
    close = [keys[k] for k in difflib.get_close_matches(key, list(keys), n=6, cutoff=0.6)]
    if not same_start:
        return list(dict.fromkeys(close))[:n]
    first = [keys[k] for k in ordered]
    satuan = rules.by_code[first[0]].satuan  # others only when counted in the same unit
    return list(dict.fromkeys(first + [d for d in close if rules.by_code[d].satuan == satuan]))[:n]


def _quantity(k: dict[str, ParsedColumn], jenis: ParsedColumn, lingkup: ParsedColumn, rules: RuleSet, start: np.ndarray,
               end: np.ndarray, start_derived: np.ndarray, active: np.ndarray, collect: ProblemCollector,
               table: Table) -> tuple[np.ndarray, np.ndarray]:
    """The quantity in the jenis' unit, and the JP as stated (NaN when blank).

    Three columns, three meanings (SPEC §1): ``jumlah`` is the quantity in the unit of the
    jenis; ``hari`` is a number of days (a quantity only for jenis counted in days); ``jp`` is
    the JP written on the certificate. For unit JP the program's JP is ``jumlah``, else ``jp``.
    For unit hari the days are ``jumlah``, else ``hari``, else the calendar days of the span.
    For kegiatan/semester, ``jumlah``, else 1. A stated ``jp`` is never multiplied: it is compared
    with the table's figure and a difference is a warning showing both.
    """
    facts = RowFacts.from_(jenis, lingkup, rules)
    quantity_col, days_col, jp_col = k["jumlah"], k["hari"], k["jp"]
    span = (end - start).astype("timedelta64[D]").astype(float) + 1  # NaN where a date is missing

    def content(parsed: ParsedColumn) -> np.ndarray:  # a usable number was written (decided per distinct cell)
        return (~parsed.blank_u & (parsed.error_u == None))[parsed.code]  # noqa: E711

    quantity_filled, days_filled, jp_filled = content(quantity_col), content(days_col), content(jp_col)
    for name, parsed, filled in (("jumlah", quantity_col, quantity_filled), ("hari", days_col, days_filled), ("jp", jp_col, jp_filled)):
        collect.add(active & filled & (parsed.values_u.astype(float) <= 0)[parsed.code], name,
                     _pattern("{} harus lebih dari 0 (tertulis {}).", lambda pos, n=name: np.full(len(pos), n), parsed.raw_text), parsed)

    quantity_v, days_v = quantity_col.value, days_col.value  # float already: parsed with dtype float
    jp_stated = np.where(jp_filled, jp_col.value, np.nan)
    unit_jp, unit_hari, whole = facts.has_satuan("JP"), facts.has_satuan("hari"), facts.has_satuan("kegiatan", "semester")

    quantities = np.where(quantity_filled, quantity_v, np.nan)
    quantities = np.where(unit_jp & ~quantity_filled, jp_stated, quantities)
    quantities = np.where(unit_hari & ~quantity_filled, np.where(days_filled, days_v, span), quantities)
    quantities = np.where(whole & ~quantity_filled, 1.0, quantities)

    jp_blank = active & unit_jp & quantity_col.blank & jp_col.blank
    collect.add(jp_blank, "jumlah", _pattern(
        "JP kosong: jenis {} dihitung sesuai JP programnya. Isi JP sesuai sertifikat/program di kolom jumlah "
        "atau jp (Jumlah JP).", lambda pos: jenis.value[pos]))
    fractional = active & quantity_filled & whole & (quantity_v > 0) & (np.floor(quantity_v) != quantity_v)
    collect.add(fractional, "jumlah", _pattern("jumlah {} harus bilangan bulat (tertulis {}): berapa kali kegiatan itu.",
                                          facts.satuan, quantity_col.raw_text), quantity_col)

    # Perlan LAN 10/2018 B.1 no. 7-8 count days: a row cannot hold more days than its dates span.
    from_column = np.where(quantity_filled, 0, np.where(days_filled, 1, -1))
    too_many_days = (active & unit_hari & (from_column >= 0) & ~np.isnan(span) & (quantities > span + 1e-9) & ~collect.errors
                  & ~start_derived)  # with one date written, the span is not known
    for origin, parsed in ((0, quantity_col), (1, days_col)):
        name = "jumlah" if origin == 0 else "hari"
        collect.add(too_many_days & (from_column == origin), name, _pattern(
            "{} hari, padahal tanggal {} s.d. {} hanya {} hari kalender. Isi tanggal selesai yang benar, "
            "atau perbaiki jumlah harinya (JP yang tertulis di sertifikat masuk kolom jp).",
            parsed.raw_text, k["tanggal_mulai"].raw_text, _dates_at(end),
            lambda pos: span[pos]), parsed)

    valid = active & ~collect.errors
    _stated_jp_warnings(valid, quantities, jp_stated, quantity_filled, unit_jp, facts, jp_col, collect, table)
    _implausible_warnings(valid, quantities, span, quantity_filled, unit_jp, start_derived, facts, quantity_col, collect)
    return quantities, jp_stated


# More JP in one calendar day than a person can attend (12 x 45 minutes = 9 hours): likely a
# multi-day program written with one date, or a total typed where a daily figure belongs.
PLAUSIBLE_JP_PER_DAY = 12


@dataclass
class RowFacts:
    """The rule set's facts for each row's jenis and lingkup, looked up once per distinct jenis: masks
    and numbers per row are array lookups by code; words only for the rows a message names."""

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
        return cls(code=jenis.code, international=international,
                   satuan_u=np.array([by_code[j].satuan if j else "" for j in code_u], dtype=object),
                   name_u=np.array([by_code[j].name if j else "" for j in code_u], dtype=object),
                   jp=jp_u[jenis.code, international], batas=batas_u[jenis.code, international],
                   daily=daily_u[jenis.code, international])

    def has_satuan(self, *satuan: str) -> np.ndarray:
        return np.isin(self.satuan_u, satuan)[self.code]

    def satuan(self, pos: np.ndarray) -> np.ndarray:
        return self.satuan_u[self.code[pos]]

    def name(self, pos: np.ndarray) -> np.ndarray:
        return self.name_u[self.code[pos]]

    def lingkup(self, pos: np.ndarray) -> np.ndarray:
        return np.array(LINGKUP, dtype=object)[self.international[pos]]


def _dates_at(dates: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    return lambda pos: dates[pos].astype("datetime64[D]").astype(object)  # datetime.date, worded by _teks


_SATUAN_LABEL = {"hari": "hari", "kegiatan": "kali", "semester": "semester"}


def _stated_jp_warnings(valid, quantities, jp_stated, quantity_filled, unit_jp, facts: RowFacts, jp_col: ParsedColumn,
                         collect: ProblemCollector, table: Table) -> None:
    """A stated JP that differs from the table's figure: both shown, with the arithmetic."""
    present = valid & ~np.isnan(jp_stated)
    by_table = np.where(unit_jp, quantities, quantities * facts.jp)
    differs = present & (np.abs(jp_stated - by_table) > TOLERANCE) & (~unit_jp | quantity_filled)
    quantity_header = table.headers.get("jumlah", "jumlah")

    def message(row_satuan: str, written: float, row_quantity: float, name: str, jp: float, lingkup: str) -> str:
        if row_satuan == "JP":
            return (f"JP tertulis {format_jp(written)}, tetapi kolom {quantity_header} berisi {format_jp(row_quantity)}: "
                    f"untuk {name} (satuan JP) yang dihitung adalah {format_jp(row_quantity)} JP dari kolom "
                    f"{quantity_header}. Samakan keduanya bila itu salah ketik.")
        label = _SATUAN_LABEL[row_satuan]
        table_jp = format_jp(row_quantity * jp)
        return (f"JP tertulis {format_jp(written)}; menurut tabel: {format_jp(row_quantity)} {label} × {format_jp(jp)} JP"
                f"{' internasional' if lingkup == 'internasional' else ''} = {table_jp} JP. Yang dihitung {table_jp} JP "
                f"({name} dihitung per {label}, bukan menurut JP sertifikat).")

    row_message = _per_distinct(message, facts.satuan, lambda pos: jp_stated[pos], lambda pos: quantities[pos], facts.name,
                        lambda pos: facts.jp[pos], facts.lingkup)
    collect.add(differs, "jp", row_message, jp_col, level="peringatan")


def _implausible_warnings(valid, quantities, span, quantity_filled, unit_jp, start_derived, facts: RowFacts,
                          quantity_col: ParsedColumn, collect: ProblemCollector) -> None:
    """Quantities that are possible but most likely a mistake (warnings; the row still counts)."""
    # magang, pertukaran, detasering, patok banding: one activity is worth a fixed JP (no cap)
    fixed = valid & quantity_filled & facts.has_satuan("kegiatan") & np.isnan(facts.batas) & (quantities > 1)
    collect.add(fixed, "jumlah", _pattern(
        "jumlah {} berarti {} kali {} ({} JP per kegiatan = {} JP). Satu baris biasanya satu kegiatan; bila angka ini "
        "JP atau hari, kosongkan jumlah (JP sertifikat masuk kolom jp).",
        quantity_col.raw_text, lambda pos: quantities[pos], facts.name, lambda pos: facts.jp[pos],
        lambda pos: quantities[pos] * facts.jp[pos]), quantity_col, level="peringatan")
    per_day = quantities / span
    crowded = valid & unit_jp & ~np.isnan(span) & (per_day > PLAUSIBLE_JP_PER_DAY + 1e-9) & ~start_derived
    # only an end or certificate date: a per-day cap sees the whole program on that one day
    one_date = valid & start_derived & facts.daily & (quantities > facts.batas + 1e-9)
    collect.add(one_date, None, _pattern(
        "hanya tanggal selesai/sertifikat yang tertulis, jadi {} JP {} dianggap satu hari dan dibatasi {} JP sehari. "
        "Isi tanggal mulai bila kegiatan berlangsung lebih dari sehari.",
        lambda pos: quantities[pos], facts.name, lambda pos: facts.batas[pos]), level="peringatan")
    collect.add(crowded, "jumlah", _pattern(
        "{} JP dalam {} hari kalender ({} JP sehari), lebih dari {} JP sehari yang dapat diikuti. Periksa tanggal "
        "selesainya (mungkin belum diisi) atau JP-nya (tetap dihitung).",
        lambda pos: quantities[pos], lambda pos: span[pos], lambda pos: per_day[pos],
        lambda pos: np.full(len(pos), PLAUSIBLE_JP_PER_DAY)),
        level="peringatan")


def mark_duplicates(kegiatan: pd.DataFrame, match_key: list[np.ndarray] | None = None) -> np.ndarray:
    """For each exact repeat of an earlier row, the row number of the first; else 0.

    ``kunci``: integer codes of the compared values (the normalizer has them already); without
    them the frame's own columns are compared.
    """
    if kegiatan.empty:
        return np.zeros(0, dtype=np.int64)
    if match_key is None:
        column = ["nip", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah", "jp_tertulis", "judul",
                 "penyelenggara", "keterangan"]
        match_key = [pd.factorize(kegiatan[c].astype(object) if c in TEXT_COLUMNS + ("jenis", "lingkup") else kegiatan[c],
                              use_na_sentinel=False)[0] for c in column if c in kegiatan]
    # a column equal on every row (a blank keterangan, no stated JP) tells no row apart: not hashed
    match_key = [key for key in map(np.asarray, match_key) if key.min() != key.max()] or [np.zeros(len(kegiatan), np.int64)]
    # one 64-bit hash per row finds the candidates fast; the exact comparison confirms them
    mixed = np.zeros(len(kegiatan), dtype=np.uint64)
    for key in match_key:
        mixed = mixed * np.uint64(1_000_003) ^ pd.util.hash_array(np.asarray(key))
    result = np.zeros(len(kegiatan), dtype=np.int64)
    candidates = pd.Series(mixed).duplicated(keep=False).to_numpy()
    if candidates.any():
        same = pd.DataFrame({i: np.asarray(key)[candidates] for i, key in enumerate(match_key)})
        row_no = pd.Series(kegiatan["baris"].to_numpy()[candidates])
        first = row_no.groupby([same[c] for c in same.columns], sort=False).transform("first").to_numpy()
        result[candidates] = np.where(first != row_no.to_numpy(), first, 0)
    return result


def _name_warnings(kegiatan: pd.DataFrame, k: dict[str, ParsedColumn], valid_pos: np.ndarray, table: Table) -> list[Problem]:
    nip_codes = k["nip"].value_codes()[valid_pos]
    name_codes = k["nama"].value_codes()[valid_pos]
    named = ~k["nama"].blank[valid_pos]
    if not named.any():
        return []
    pairs = np.unique(nip_codes[named].astype(np.int64) * (int(name_codes.max()) + 1) + name_codes[named])
    per_nip = np.bincount(pairs // (int(name_codes.max()) + 1))
    repeated = np.flatnonzero(per_nip > 1)
    result = []
    for code in repeated:  # one warning per NIP with conflicting names
        rows = kegiatan.loc[(nip_codes == code) & named, ["baris", "nama", "nip"]].drop_duplicates("nama")
        repeated_nip = rows["nip"].iloc[0]
        listing = "; ".join(f"\"{r.nama}\" (baris {r.baris})" for r in rows.itertuples())
        result.append(table.place(
            row_no=int(rows["baris"].iloc[1]), column=table.headers.get("nama", "nama"), value=repeated_nip,
            level="peringatan",
            message=f"NIP {repeated_nip} tertulis dengan {len(rows)} nama: {listing}. Samakan namanya; "
                  "kartu memakai nama dari daftar pegawai, atau nama pertama.",
        ))
    return result


def _semester_warnings(kegiatan: pd.DataFrame, table: Table) -> list[Problem]:
    education = kegiatan[(kegiatan["jenis"] == "pendidikan") & (kegiatan["duplikat_dari"] == 0)]
    if education.empty:
        return []
    per_year = education.assign(**{"tahun": education["tanggal_selesai"].dt.year}).groupby(["nip", "tahun"], observed=True)
    quantity = per_year["jumlah"].sum()
    result = []
    for (nip_over, year), total in quantity[quantity > 2].items():
        rows = per_year.get_group((nip_over, year))
        result.append(table.place(
            row_no=int(rows["baris"].iloc[0]), column=table.headers.get("jumlah", "jumlah"), value=cells.shown(total),
            level="peringatan",
            message=f"NIP {nip_over}: {cells.shown(total)} semester pendidikan selesai dalam tahun {year} "
                  f"(baris {', '.join(str(b) for b in rows['baris'])}); satu tahun biasanya paling banyak 2 semester. "
                  "Periksa jumlah semesternya (tetap dihitung).",
        ))
    return result


def normalize_roster(table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """The roster: nip, nama, unit, jabatan, target (NaN = the default target)."""
    frame = table.frame
    k = {
        "nip": _parse_column(frame["nip"], cells.parse_nip, object, ""),
        "nama": _parse_column(frame["nama"], cells.parse_text, object, ""),
        "unit": _parse_column(frame["unit"], cells.parse_text, object, ""),
        "jabatan": _parse_column(frame["jabatan"], cells.parse_text, object, ""),
        "target": _parse_column(frame["target"], cells.parse_number, float, np.nan),
    }
    blank = np.logical_and.reduce([parsed.blank for parsed in k.values()])
    collect = ProblemCollector(table)
    for column_name, parsed in k.items():
        collect.add(~blank & parsed.has_error, column_name, parsed.message, parsed)
    collect.add(~blank & k["nip"].blank, "nip", "NIP kosong. Isi NIP 18 angka pegawai, atau hapus barisnya.")
    target = k["target"].value
    collect.add(~blank & ~k["target"].blank & (target <= 0), "target",
                 "target harus lebih dari 0 JP (kosong = target bawaan 20).", k["target"])
    nips = pd.Series(k["nip"].value)
    repeated = ~blank & ~k["nip"].blank & nips.duplicated(keep="first").to_numpy()
    if repeated.any():
        first = pd.Series(frame.index.to_numpy()).groupby(nips).transform("first").to_numpy()
        collect.add(repeated, "nip", _pattern("NIP ini sudah ada di baris {} daftar pegawai; hapus salah satunya.",
                                         lambda pos: first[pos]), k["nip"])
    valid = ~blank & ~collect.errors
    pegawai = pd.DataFrame({col: k[col].value[valid] for col in k})
    for col in ("nip", "nama", "unit", "jabatan"):
        pegawai[col] = pegawai[col].astype(str)
    return pegawai.reset_index(drop=True), table.problems + collect.problems()
