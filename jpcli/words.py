"""Every sentence jp shows, in Indonesian, and how it writes numbers, dates and NIPs.

The rest of jp hands over codes and values (a problem's code and arguments, a reason why a row
was capped, a catch-up plan) and never builds a sentence itself; this module words them. It
computes nothing and imports nothing of jp, so every layer may use it.

A template is a ``str.format`` string filled with the arguments in order, or a function of
them. Arguments are worded first: JP figures with the Indonesian decimal comma (``15,6``),
dates as ``12/03/2025``, everything else as it is.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

# ---------------------------------------------------------------- numbers, dates, NIPs

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_jp(value: float | None) -> str:
    """JP for people: at most 2 decimals, Indonesian decimal comma (15,6; 20; 6,67)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",")


def format_nip(nip: str) -> str:
    """'198503122010011002' -> '19850312 201001 1 002' (how NIPs are printed)."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def format_date(value) -> str:
    """A date as printed in Indonesian letters: '12 Maret 2024'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def employment_lines(
    status: str, start, end, ceiling: float | None = None, citation: str | None = None
) -> list[tuple[str, str]]:
    """The status pegawai on a card, the period measured when it is not a calendar year (a
    PPPK's contract year), and the status' ceiling (label, value)."""
    lines = [("Status", status)]
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        lines.append(
            ("Periode", f"{format_date(start)} – {format_date(end)} (tahun masa perjanjian kerja)")
        )
    if ceiling is not None:
        basis = str(citation).split(":")[0]  # "PP 49/2018 Pasal 40 ayat (1)"
        lines.append(("Plafon", f"paling lama {format_jp(ceiling)} JP setahun ({basis})"))
    return lines


def first_few(items: Sequence[str], most: int = 10, sep: str = ", ") -> str:
    """The first ``most`` of a list of names, then "dan N lagi" for the rest."""
    more = f" dan {len(items) - most} lagi" if len(items) > most else ""
    return sep.join(items[:most]) + more


def contract_note(names: Sequence[str], starts: Sequence, ends: Sequence, most: int = 5) -> str:
    """A card's footer line naming the PPPK measured by contract year (``--periode kontrak``)."""
    listed = [f"{n} {format_date(a)}–{format_date(b)}" for n, a, b in zip(names, starts, ends)]
    return "Diukur per tahun masa perjanjian kerja (PPPK): " + first_few(listed, most, "; ")


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def weekday_date(value) -> str:
    """'Selasa, 4 Maret 2025', as the Panduan's coaching log writes Hari/Tanggal."""
    return f"{WEEKDAYS[value.weekday()]}, {format_date(value)}"


def and_list(items: Sequence[object]) -> str:
    """'2', '2 dan 3', '2, 3 dan 7'."""
    text = [str(i) for i in items]
    return text[0] if len(text) == 1 else f"{', '.join(text[:-1])} dan {text[-1]}"


# ---------------------------------------------------------------- what a terminal may show

# Characters a terminal would obey or hide rather than show: C0/C1 control characters (ESC starts
# the escape and OSC sequences that recolour, retitle or rewrite a terminal), and the format and
# separator characters of Unicode (Cf, Zl, Zp: zero-width spaces and joiners, bidi embeddings,
# overrides and isolates, the BOM, invisible tags).
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
SHOWN_CHARS = 300  # a value longer than this is shortened, with its length stated


def _escape(char: str) -> str:
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def visible(value: object, newlines: bool = False, shorten: bool = True) -> str:
    """A value as a terminal may show it: control, escape, zero-width and bidi characters made
    visible (``\\x1b``, ``<U+200B>``), and a very long value shortened with its length stated
    ("… (1.048.576 karakter)"). ``newlines``: a line break stays one (a table cell);
    ``shorten=False``: kept whole (a rule file's alias list). The one sanitiser for every value
    from a file on a terminal; JSON and CSV keep the raw value."""
    text = str(value)
    short = len(text) <= SHOWN_CHARS or not shorten
    if short and not _UNSHOWABLE.search(text):
        return text
    kept = "\n" if newlines else ""
    if short:
        return _UNSHOWABLE.sub(lambda m: m[0] if m[0] == kept else _escape(m[0]), text)
    head, size = [], 0
    for char in text[: SHOWN_CHARS - 30]:
        shown = char if char == kept or not _UNSHOWABLE.match(char) else _escape(char)
        if size + len(shown) > SHOWN_CHARS - 30:
            break
        head.append(shown)
        size += len(shown)
    return "".join(head) + f"… ({len(text):,} karakter)".replace(",", ".")


def _whole(number: float) -> str:
    """A bound as people write it: 10.000."""
    return f"{int(number):,}".replace(",", ".")


def _error_rows(activity_rows: int, roster_rows: int) -> str:
    """'3 baris buku kegiatan', '1 baris daftar pegawai', or both."""
    parts = [f"{activity_rows} baris buku kegiatan"] if activity_rows or not roster_rows else []
    if roster_rows:
        parts.append(f"{roster_rows} baris daftar pegawai")
    return " dan ".join(parts)


def _visible_arg(value: object) -> object:
    """An argument of a sentence with every text in it made ``visible`` (tuples too); numbers,
    dates and other values as they are (the sentence words them)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, tuple):
        return tuple(_visible_arg(v) for v in value)
    return value


def _arg(value: object) -> str:
    if isinstance(value, float):
        return format_jp(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return visible(value)


@lru_cache(maxsize=65536)
def text(code: str, args: tuple = ()) -> str:
    """The sentence for ``code`` with its arguments (a big ledger repeats the same few, hence the
    cache). Every text argument is shown ``visible``: a cell's value cannot reach a terminal
    raw through a message."""
    template = TEXT[code]
    if callable(template):
        return template(*map(_visible_arg, args))
    return template.format(*map(_arg, args))


# ---------------------------------------------------------------- reading files

DATE_HINT = "Tulis seperti 12/03/2024 (hari/bulan/tahun), 2024-03-12 atau 12 Maret 2024."
NIP_AS_TEXT = (
    "Format kolom NIP sebagai Teks (klik kanan > Format Cells > Text) lalu ketik ulang NIP "
    "lengkap 18 angka, atau awali dengan tanda petik: '198503122010011002."
)


def _json_no_records(answer: str) -> str:
    tail = f"; jawaban layanan: {answer}" if answer else ""
    return f'berkas JSON tidak berisi daftar rekaman (tidak ada daftar "data"){tail}.'


def _hidden_rows(rows: Sequence[int]) -> str:
    listing = ", ".join(map(str, rows[:20])) + (
        f" dan {len(rows) - 20} lagi" if len(rows) > 20 else ""
    )
    return (
        f"{len(rows)} baris disembunyikan di Excel (baris {listing}), "
        "tetapi tetap dibaca dan dihitung. "
        "Hapus barisnya bila memang tidak boleh dihitung."
    )


def _csv_unparsable(row: int | None) -> str:
    place = f" sekitar baris {row}" if row else ""
    return (
        f'CSV tidak dapat diurai{place}. Periksa pemisah kolom (; atau ,) dan tanda kutip " '
        "pada baris itu, atau simpan ulang dari Excel."
    )


def _headers_found(found: Sequence[str]) -> str:
    return ", ".join(found) or "(kosong)"


def _required_missing(missing, header_row: int, found, required, aliases) -> str:
    alias_list = "; ".join(f"{k}: {', '.join(names) or '-'}" for k, names in aliases)
    return (
        f"kolom wajib tidak ditemukan: {required_columns(missing)}. "
        "Judul kolom yang ditemukan di baris "
        f"{header_row}: {_headers_found(found)}. Beri judul kolom (baris pertama tabel): "
        f"{required_columns(required)}; nama lain yang diterima: {alias_list}. "
        'Atau sebutkan kolomnya: --kolom NAMA=JUDUL (misalnya --kolom jenis="Bentuk Diklat").'
    )


def required_columns(required: Sequence[Sequence[str]]) -> str:
    """'nip, jenis (atau sub_jenis, jenis_siasn), ...'"""
    return ", ".join(p[0] + (f" (atau {', '.join(p[1:])})" if len(p) > 1 else "") for p in required)


# ---------------------------------------------------------------- checking rows


def _stated_jp(
    satuan: str,
    stated: float,
    quantity: float,
    name: str,
    jp: float,
    lingkup: str,
    quantity_header: str,
) -> str:
    """A stated JP that differs from the table's figure: both, with the arithmetic."""
    if satuan == "JP":
        return (
            f"JP tertulis {format_jp(stated)}, tetapi kolom {quantity_header} "
            f"berisi {format_jp(quantity)}: "
            f"untuk {name} (satuan JP) yang dihitung adalah {format_jp(quantity)} JP dari kolom "
            f"{quantity_header}. Samakan keduanya bila itu salah ketik."
        )
    label = SATUAN_WORD[satuan]
    table_jp = format_jp(quantity * jp)
    scope = " internasional" if lingkup == "internasional" else ""
    return (
        f"JP tertulis {format_jp(stated)}; "
        f"menurut tabel: {format_jp(quantity)} {label} × {format_jp(jp)} JP"
        f"{scope} = {table_jp} JP. "
        f"Yang dihitung {table_jp} JP ({name} dihitung per {label}, bukan menurut "
        "JP sertifikat)."
    )


def _jenis_unknown(value: str, suggestions: tuple[str, ...]) -> str:
    extra = (
        f" Mungkin maksud Anda: {', '.join(suggestions)}."
        if suggestions
        else " Kata ini tidak ada di tabel konversi Perlan LAN 10/2018. "
        "Bila instansi Anda mengakuinya, "
        "tambahkan sebagai nama lain (alias) jenis yang sesuai dalam berkas aturan sendiri, lalu "
        'pakai --aturan BERKAS.toml (contoh di README, "Berkas aturan sendiri").'
    )
    return f'jenis "{value}" tidak dikenal.{extra} Daftar lengkap: jp aturan.'


def _status_rejected(status: str, reason: str) -> str:
    because = f" (alasan: {reason})" if reason else ""
    return f"status {status}{because}: baris ini tidak dihitung."


def _name_conflict(nip: str, names: tuple[tuple[str, int], ...]) -> str:
    listing = "; ".join(f'"{name}" (baris {row})' for name, row in names)
    return (
        f"NIP {nip} tertulis dengan {len(names)} nama: {listing}. Samakan namanya; "
        "kartu memakai nama dari daftar pegawai, atau nama pertama."
    )


def _many_semesters(nip: str, semesters: str, year: int, rows: tuple[int, ...]) -> str:
    return (
        f"NIP {nip}: {semesters} semester pendidikan selesai dalam tahun {year} "
        f"(baris {', '.join(str(r) for r in rows)}); satu tahun biasanya paling banyak 2 semester. "
        "Periksa jumlah semesternya (tetap dihitung)."
    )


def _not_approved(rows: tuple[int, ...]) -> str:
    listing = ", ".join(map(str, rows[:20])) + (
        f" dan {len(rows) - 20} lagi" if len(rows) > 20 else ""
    )
    return f"{len(rows)} baris belum disetujui tidak dihitung (--hanya-disetujui): baris {listing}."


def _outside_roster(employees: tuple[tuple[str, str], ...]) -> str:
    listing = ", ".join(f"{nip} ({name or 'tanpa nama'})" for nip, name in employees)
    return (
        f"{len(employees)} NIP di buku kegiatan tidak ada di daftar pegawai "
        f"(tetap diperiksa): {listing}. "
        "Tambahkan ke daftar pegawai, atau periksa NIP-nya."
    )


def _many_employees(named_as: tuple, matches: tuple[tuple[str, str], ...], n: int) -> str:
    candidates = "\n".join(f"  {nip}  {name}" for nip, name in matches)
    more = f"\n  ... dan {n - len(matches)} lagi" if n > len(matches) else ""
    return (
        f"{text(*named_as)} cocok dengan {n} pegawai; sebutkan lebih lengkap:\n{candidates}{more}"
    )


# ---------------------------------------------------------------- why a row counts less (jp kartu)

# A satuan as shown with a number ("3 kali"), in tables, cards and workbooks alike.
SATUAN_WORD = {"JP": "JP", "hari": "hari", "kegiatan": "kali", "semester": "semester"}
# Cap reasons and catch-up plans say "sesi" (a coaching session) where tables say "kali"; kept
# as it is until a change of wording is decided (the outputs are compared byte for byte).
_CAP_UNIT = {"JP": "JP", "hari": "hari", "kegiatan": "sesi", "semester": "semester"}


def _cap_reason(
    jenis_name: str,
    satuan: str,
    batas: float,
    jp: float,
    per: str,
    periods: tuple,
    users: tuple[int, ...],
    users_other_year: tuple[tuple[int, int], ...],
    counted_units: float,
    counted_jp: float,
    citation: str,
) -> str:
    """ "melebihi batas ... (periods): sudah terpakai oleh baris ...; diakui ... . Perlan ..."."""
    label = _CAP_UNIT.get(satuan, satuan)
    limit = f"{format_jp(batas)} {label}/{per}"
    if satuan != "JP":
        limit += f" (= {format_jp(batas * jp)} JP)"
    reason = f"melebihi batas {jenis_name.lower()} {limit} ({_periods(per, periods)})"
    if users:
        reason += f": sudah terpakai oleh baris {and_list(users)}"
        if len(users_other_year) == 1 and len(users) == 1:
            reason += f", yang dihitung di tahun {users_other_year[0][1]}"
        elif users_other_year:
            reason += "; " + ", ".join(
                f"baris {row} dihitung di tahun {year}" for row, year in users_other_year
            )
    if satuan == "JP" and jp != 1:  # the multiplier applies after the cap
        reason += (
            f"; diakui {format_jp(counted_units)} JP × {format_jp(jp)} = {format_jp(counted_jp)} JP"
        )
    return f"{reason}. {citation}"


def reason_text(reason: tuple | None) -> str:
    """Why a row of ``jp kartu`` counts less than its raw JP ('' when it counts in full)."""
    return text(*reason) if reason else ""


def _periods(per: str, dates: tuple) -> str:
    if per == "bulan":
        return ", ".join(month_name(t.year, t.month) for t in dates)
    if len(dates) <= 3:
        return ", ".join(format_date(t) for t in dates)
    return f"{len(dates)} hari, {format_date(dates[0])} s.d. {format_date(dates[-1])}"


def _rejected_reason(verifier_reason: str) -> str:
    because = f" ({verifier_reason})" if verifier_reason else ""
    return f"ditolak verifikator{because}: tidak dihitung"


# ---------------------------------------------------------------- the card

KARTU_TITLE = "KARTU PENGENDALIAN PEMENUHAN 20 JP PENGEMBANGAN KOMPETENSI DALAM 1 TAHUN"
COLUMN_TITLES = {  # column headings of Lampiran II (PENDIDIKAN is jp's addition)
    "pendidikan": "Pendidikan",
    "pelatihan": "Pelatihan",
    "sosialisasi": "Sosialisasi",
    "workshop": "Workshop",
    "klasikal_lain": "Dan lain-lain",
    "coaching": "Coaching",
    "mentoring": "Mentoring",
    "belajar_mandiri": "Belajar mandiri",
    "nonklasikal_lain": "Dan lain-lain",
}
NO_UNIT = "(tanpa unit)"
ALL_UNITS = "SEMUA UNIT"
NO_TOPIC = "(materi belum diisi)"


def kartu_status(meets: bool, short: float) -> str:
    """The STATUS column of the card: "memenuhi" or "kurang N JP"."""
    return "memenuhi" if meets else f"kurang {format_jp(short)} JP"


def guidance_topic(topic: str, sessions: int) -> str:
    """A coaching/mentoring log line's topic: '(materi belum diisi)' when blank, '(2 sesi)' when
    several."""
    topic = topic or NO_TOPIC
    return f"{topic} ({sessions} sesi)" if sessions > 1 else topic


# ---------------------------------------------------------------- catch-up plans (jp cek)


def _plan_step(step) -> str:
    """One route of a plan:
    'coaching 3 sesi dalam 2 bulan (Oktober–November; maks. 2 sesi/bulan) = 6 JP'."""
    satuan = "sesi" if step.satuan == "kegiatan" else step.satuan
    head = f"{step.name} {step.units} {satuan}"
    jp = format_jp(step.units * step.jp)
    if step.per == "bulan":
        months = (
            MONTHS[step.months[0] - 1]
            if len(step.months) == 1
            else f"{MONTHS[step.months[0] - 1]}–{MONTHS[step.months[-1] - 1]}"
        )
        return (
            f"{head} dalam {len(step.months)} bulan ({months}; maks. {format_jp(step.batas)} "
            f"{satuan}/bulan) = {jp} JP"
        )
    if step.per == "hari":
        return (
            f"{head} dalam {step.days} hari (maks. {format_jp(step.batas)} {satuan}/hari) = {jp} JP"
        )
    return f"{head} = {jp} JP"


def plan_text(plan, with_shortfall: bool = True) -> str:
    """A catch-up plan in words: its routes as alternatives, or combined, or what is possible at
    most."""
    if plan.year_over:
        body = (
            f"tahun {plan.year} sudah berakhir; kekurangan ini tidak dapat dikejar lagi tahun ini."
        )
    elif plan.alternatives:
        body = ", atau ".join(_plan_step(s) for s in plan.alternatives)
    elif plan.enough:
        body = "gabungan " + " + ".join(_plan_step(s) for s in plan.combined)
    else:
        body = (
            "coaching, mentoring dan belajar mandiri paling banyak "
            f"{format_jp(plan.possible)} JP lagi sampai "
            f"akhir tahun {plan.year}; sisanya perlu pelatihan, seminar atau workshop."
            + (
                f" Mulai dengan: {' + '.join(_plan_step(s) for s in plan.combined)}."
                if plan.combined
                else ""
            )
        )
    return f"kurang {format_jp(plan.short)} JP: {body}" if with_shortfall else body


# ---------------------------------------------------------------- every code

TEXT: dict[str, str | Callable[..., str]] = {
    "input_problems": "{} masalah pada masukan",
    "rule_file_unusable": lambda path, mistakes: (
        f"Berkas aturan {path} tidak dapat dipakai:\n" + "\n".join(f"  - {m}" for m in mistakes)
    ),
    # files
    "file_missing": "berkas tidak ditemukan. Periksa nama dan foldernya.",
    "file_is_folder": "ini folder, bukan berkas buku kegiatan.",
    "file_empty": "berkas kosong (0 byte). Isi buku kegiatan lalu simpan ulang.",
    "file_locked": (
        "buku kerja dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
        "(File > Info > Protect Workbook), simpan, lalu jalankan lagi."
    ),
    "workbook_unreadable": (
        "tidak dapat dibaca sebagai buku kerja Excel/ODS ({}). "
        "Buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx."
    ),
    "sheet_unreadable": "sheet tidak dapat dibaca ({}).",
    "csv_named_workbook": (
        "berkas berakhiran {} ini sebenarnya teks CSV; dibaca sebagai CSV. "
        "Sebaiknya ganti namanya menjadi .csv, atau simpan ulang dari Excel sebagai buku kerja."
    ),
    "workbook_no_sheets": "buku kerja tidak punya sheet.",
    "hidden_rows": _hidden_rows,
    "no_activity_sheet": (
        "tidak ada sheet bernama '{}', dan tidak ada sheet lain yang memuat kolom wajib "
        "({}). Sheet yang ada: {}. Beri nama '{}' pada sheet berisi data kegiatan."
    ),
    "json_unreadable": (
        "berkas JSON tidak dapat dibaca ({}). Unduh ulang dari SIASN/SIMPEG, "
        "atau simpan sebagai .xlsx."
    ),
    "json_no_records": _json_no_records,
    "json_empty": (
        "berkas JSON tidak berisi rekaman (data kosong). "
        "Periksa NIP dan unduh ulang dari SIASN/SIMPEG."
    ),
    "json_not_records": (
        'isi "data" pada berkas JSON bukan daftar rekaman (objek dengan nama kolom).'
    ),
    "binary_file": (
        "bukan berkas teks/CSV maupun buku kerja Excel (berisi data biner). "
        "Simpan buku kegiatan sebagai .xlsx atau .csv."
    ),
    "csv_unparsable": _csv_unparsable,
    "csv_unreadable": (
        "berkas kosong atau bukan CSV yang dapat dibaca. "
        "Simpan ulang dari Excel sebagai CSV atau .xlsx."
    ),
    "sheet_empty": "tidak ada data {}: sheet/berkas ini kosong.",
    "forced_header_missing": lambda name, title, header_row, found: (
        f'--kolom {name}={title}: judul kolom "{title}" tidak ada. '
        f"Judul kolom di baris {header_row}: "
        f"{_headers_found(found)}."
    ),
    "required_missing": _required_missing,
    "column_ignored": 'kolom "{}" diabaikan: kolom {} sudah diambil dari "{}".',
    # cells
    "date_not_date": '"{}" bukan tanggal. ' + DATE_HINT,
    "date_is_number": '"{}" adalah angka, bukan tanggal. Format sel sebagai Tanggal. ' + DATE_HINT,
    "date_month_unknown": 'nama bulan "{}" pada "{}" tidak dikenal. ' + DATE_HINT,
    "date_two_digit_year": (
        'tahun pada "{}" hanya 2 angka. Tulis tahun lengkap 4 angka, misalnya 12/03/2024.'
    ),
    "date_unrecognised": 'tanggal "{}" tidak dikenali. ' + DATE_HINT,
    "date_year_implausible": 'tahun {} pada "{}" tidak masuk akal. Periksa tanggalnya.',
    "date_not_in_calendar": (
        'tanggal "{}" tidak ada di kalender (hari {}, bulan {}, tahun {}). '
        "Ingat: hari ditulis dulu, lalu bulan."
    ),
    "not_a_number": '"{}" bukan angka.',
    "number_unreadable": '"{}" bukan angka. Tulis angka saja, misalnya 2 atau 1,5.',
    "nip_as_number": (
        "NIP tersimpan sebagai angka ({}); Excel hanya menyimpan 15 digit angka, "
        "jadi digit terakhirnya sudah hilang. " + NIP_AS_TEXT
    ),
    "nip_scientific": 'NIP "{}" tertulis sebagai angka ilmiah; digit terakhirnya sudah hilang. '
    + NIP_AS_TEXT,
    "nip_not_digits": (
        'NIP "{}" mengandung huruf atau tanda selain angka. NIP terdiri dari 18 angka.'
    ),
    "nip_length": 'NIP "{}" terdiri dari {} angka; NIP harus 18 angka.',
    "nip_birth_date": (
        'NIP "{}": 8 angka pertama ({}) bukan tanggal lahir yang sah (tahun-bulan-tanggal).'
    ),
    "nip_appointment": (
        'NIP "{}": angka ke-9 s.d. ke-12 ({}, tahun pengangkatan) harus sesudah tahun lahir {}.'
    ),
    "nip_gender": 'NIP "{}": angka ke-15 (jenis kelamin) harus 1 atau 2, bukan {}.',
    "nip_sequence": (
        'NIP "{}": 3 angka terakhir (nomor urut) tidak boleh 000. Jika NIP ini berasal dari sel '
        "angka Excel, digit terakhirnya sudah hilang. " + NIP_AS_TEXT
    ),
    "lingkup_unknown": (
        'lingkup "{}" tidak dikenal. Isi nasional atau internasional (kosong = nasional).'
    ),
    # rows
    "total_row": "baris total/jumlah dilewati (bukan kegiatan).",
    "nip_blank": "NIP kosong. Isi NIP 18 angka pegawai (format kolom sebagai Teks).",
    "jenis_blank": (
        "jenis kosong. Isi kode jenis kegiatan, misalnya pelatihan_teknis, seminar, "
        "coaching (daftar lengkap: jp aturan)."
    ),
    "date_blank": "tanggal kosong. Isi tanggal mulai (dan selesai) kegiatan, misalnya 12/03/2024.",
    "no_international": (
        '{} ({}) tidak punya konversi internasional (tabel: "-"). Isi lingkup nasional, '
        "atau periksa jenis kegiatannya."
    ),
    "future_date": "tanggal ini di masa depan; periksa tahunnya (kegiatan tetap dihitung).",
    "duplicate": "sama persis dengan baris {}; dihitung sekali.",
    "lingkup_conflict": (
        'lingkup "{}" bertentangan dengan jenis "{}", yang menyebut {}. Perbaiki salah satunya.'
    ),
    "end_before_start": (
        "tanggal selesai ({}) sebelum tanggal mulai ({}). Tukar atau perbaiki tanggalnya."
    ),
    "status_unknown": (
        'status "{}" tidak dikenal; dianggap belum diverifikasi (dihitung, kecuali dengan '
        "--hanya-disetujui). Status yang dikenal: Disetujui, Ditinjau/Menunggu, Ditolak."
    ),
    "status_rejected": _status_rejected,
    "siasn_code_unknown": (
        'kode jenis diklat SIASN "{}" tidak dikenal (kode SIASN: 1 s.d. 25, lihat jp aturan). '
        "Bila kolom ini berisi nomor buatan SIMPEG Anda sendiri, sebutkan kolom nama jenisnya: "
        '--kolom jenis="JUDUL KOLOM".'
    ),
    "jenis_unknown": _jenis_unknown,
    "not_positive": "{} harus lebih dari 0 (tertulis {}).",
    "jp_blank": (
        "JP kosong: jenis {} dihitung sesuai JP programnya. "
        "Isi JP sesuai sertifikat/program di kolom "
        "jumlah atau jp (Jumlah JP)."
    ),
    "quantity_not_whole": "jumlah {} harus bilangan bulat (tertulis {}): berapa kali kegiatan itu.",
    "days_over_span": (
        "{} hari, padahal tanggal {} s.d. {} hanya {} hari kalender. "
        "Isi tanggal selesai yang benar, "
        "atau perbaiki jumlah harinya (JP yang tertulis di sertifikat masuk kolom jp)."
    ),
    "stated_jp_differs": _stated_jp,
    "fixed_value_many": (
        "jumlah {} berarti {} kali {} ({} JP per kegiatan = {} JP). Satu baris biasanya satu "
        "kegiatan; bila angka ini JP atau hari, kosongkan jumlah (JP sertifikat masuk kolom jp)."
    ),
    "jp_per_day_implausible": (
        "{} JP dalam {} hari kalender ({} JP sehari), lebih dari {} JP sehari yang dapat "
        "diikuti. Periksa tanggal selesainya (mungkin belum diisi) atau JP-nya (tetap dihitung)."
    ),
    "one_date_capped": (
        "hanya tanggal selesai/sertifikat yang tertulis, jadi {} JP {} dianggap satu hari dan "
        "dibatasi {} JP sehari. Isi tanggal mulai bila kegiatan berlangsung lebih dari sehari."
    ),
    "name_conflict": _name_conflict,
    "many_semesters": _many_semesters,
    "rejected_row": lambda code, args: (
        text(code, args) + " (Baris ini ditolak verifikator; tidak dihitung.)"
    ),
    # roster
    "roster_nip_blank": "NIP kosong. Isi NIP 18 angka pegawai, atau hapus barisnya.",
    "target_not_positive": "target harus lebih dari 0 JP (kosong = target bawaan 20).",
    "roster_nip_repeated": "NIP ini sudah ada di baris {} daftar pegawai; hapus salah satunya.",
    # the year's computation
    "no_activity_rows": (
        "tidak ada data kegiatan di bawah judul kolom (baris {}). "
        "Isi satu baris per kegiatan pegawai."
    ),
    "error_rows_skipped": (
        "{} baris salah dilewati (--lewati-salah); total di bawah TIDAK memuat baris itu. "
        "Jalankan jp validasi untuk daftarnya."
    ),
    "error_summary": lambda activity_rows, roster_rows, n: (
        f"{_error_rows(activity_rows, roster_rows)} tidak dapat dihitung ({n} masalah). "
        "Perbaiki lalu jalankan lagi, atau pakai --lewati-salah untuk menghitung tanpa baris itu."
    ),
    "option_partitions": lambda written: (
        f"--partisi harus auto atau bilangan bulat 1 atau lebih (tertulis {written})."
    ),
    "option_target": lambda most, written: (
        f"--target harus angka lebih dari 0 dan paling banyak {_whole(most)} JP "
        f"(tertulis {written})."
    ),
    "not_approved_skipped": _not_approved,
    "no_valid_rows": "tidak ada satu pun baris kegiatan yang sah untuk dihitung.",
    "year_without_activity": (
        "tidak ada kegiatan yang selesai dalam tahun {}; semua pegawai bernilai 0 JP."
    ),
    # one employee
    "nip_option_digits": "--nip {}: NIP hanya berisi angka (spasi dan titik boleh).",
    "employee_not_named": "Sebutkan pegawainya: --nip NIP (boleh awalannya saja) atau --nama NAMA.",
    "employee_not_found": lambda named_as: (
        f"Tidak ada pegawai dengan {text(*named_as)} di buku kegiatan maupun daftar pegawai."
    ),
    "employee_ambiguous": _many_employees,
    "named_by_nip": "NIP {}",
    "named_by_name": "nama {}",
    "reason_rejected": _rejected_reason,
    "reason_not_approved": "belum disetujui verifikator: tidak dihitung (--hanya-disetujui)",
    "reason_duplicate": "sama persis dengan baris {}: dihitung sekali",
    "reason_other_year": lambda end, year: (
        f"selesai {format_date(end)}: dihitung pada tahun {year}"
    ),
    "reason_cap": _cap_reason,
    # rule files
    "rules_unknown": (
        "Aturan {} tidak dikenal dan bukan berkas yang ada. Aturan bawaan: {}; atau beri path ke "
        "berkas .toml."
    ),
    "rule_file_unreadable": "Berkas aturan {} tidak dapat dibaca: {}",
    "rules_cycle": "Aturan {} mewarisi dirinya sendiri (dasar melingkar: {}).",
    "rules_chain_too_long": (
        "Aturan {} bersandar pada lebih dari {} berkas aturan berturut-turut (dasar dari dasar). "
        "Satukan aturannya ke berkas yang lebih sedikit."
    ),
    "rule_not_toml": "bukan TOML yang sah: {}",
    "rule_unknown_top_key": "kunci {} tidak dikenal (yang dikenal: {})",
    "rule_base_not_name": "dasar: harus nama aturan bawaan atau path berkas .toml",
    "rule_jenis_not_list": "jenis: harus daftar tabel [[jenis]]",
    "rule_no_jenis": "tidak ada [[jenis]] sama sekali",
    "rule_duplicate_code": "jenis[{}] ({}): kode ganda, sudah dipakai jenis lain di berkas ini",
    "rule_unknown_jenis_key": "{}: kunci {} tidak dikenal (yang dikenal: {})",
    "rule_required_key": "{}: kunci {} wajib ada",
    "rule_key_not_text": "{}.{}: harus teks yang tidak kosong",
    "rule_code_form": "{}.kode: {} harus huruf kecil, angka dan garis bawah (contoh: e_learning)",
    "rule_unknown_track": "{}.jalur: {} tidak dikenal; pilih salah satu: {}",
    "rule_unknown_card_column": "{}.kolom: {} bukan kolom kartu; pilih salah satu: {}",
    "rule_column_of_other_track": "{}.kolom: kolom {} termasuk jalur {}, bukan {}",
    "rule_unknown_satuan": "{}.satuan: {} tidak dikenal; pilih salah satu: {}",
    "rule_aliases_not_list": '{}.alias: harus daftar teks, contoh ["bimtek"]',
    "rule_siasn_not_list": "{}.siasn: harus daftar nomor jenis diklat SIASN, contoh [3]",
    "rule_note_not_text": "{}.catatan: harus teks",
    "rule_conversion_not_table": '{}: harus tabel, contoh {{ jp = 2, batas = 2, per = "bulan" }}',
    "rule_unknown_conversion_key": (
        "{}: kunci {} tidak dikenal (yang dikenal: jp, batas, per, sumber)"
    ),
    "rule_jp_required": "{}.jp: wajib ada (JP per satuan; untuk satuan JP: 1, atau 1.2 untuk +20%)",
    "rule_jp_not_positive": "{}.jp: {} harus angka lebih dari 0",
    "rule_batas_not_positive": "{}.batas: {} harus angka lebih dari 0",
    "rule_batas_without_per": (
        '{}: batas dan per harus diisi berdua (contoh: batas = 2, per = "hari")'
    ),
    "rule_unknown_period": '{}.per: {} tidak dikenal; pilih "hari" atau "bulan"',
    "rule_citation_not_text": (
        "{}.sumber: harus teks yang tidak kosong (dasar hukum untuk lingkup ini)"
    ),
    "rule_alias_twice": "alias {} dipakai oleh dua jenis: {} dan {}",
    "rule_siasn_twice": "kode SIASN {} dipakai oleh dua jenis: {} dan {}",
    # writing files and options
    "write_over_input": (
        "Menolak menulis ke {}: itu berkas masukan. Pilih nama berkas keluaran lain."
    ),
    "output_folder_missing": (
        "Folder {} tidak ada; buat dulu foldernya atau pilih path lain untuk -o."
    ),
    "output_is_folder": "{} adalah folder; beri nama berkas, misalnya {}.",
    "output_permission": (
        "Tidak dapat menulis {}: {}. Jika berkas sedang terbuka di Excel, tutup dulu."
    ),
    "output_failed": (
        "Gagal menulis {}: {}. Tidak ada berkas setengah jadi; "
        "berkas lama dengan nama itu (jika ada) tidak berubah."
    ),
    "column_option_form": '--kolom {}: tulis NAMA=JUDUL, misalnya --kolom jenis="Jenis Diklat".',
    "column_option_name": "--kolom {}: {} bukan nama kolom jp. Nama kolom jp: {}.",
    "cluster_needs_table": (
        "{}: jp menghitung di klaster dari CSV yang rapi (satu baris per rekaman, selebar judul) "
        "atau Parquet. Simpan buku kegiatan sebagai CSV, atau periksa dulu dengan jp validasi."
    ),
    "parquet_unreadable": (
        "berkas Parquet ini tidak dapat dibaca ({}). Simpan ulang atau pakai CSV."
    ),
    "template_suffix": (
        "Templat ditulis sebagai .xlsx; beri nama berkas berakhiran .xlsx (bukan {})."
    ),
    "template_exists": "{} sudah ada; tidak ditimpa. Pakai nama lain, atau tambahkan --timpa.",
    "ledger_not_named": (
        "Buku kegiatan belum disebut. Beri path berkasnya, misalnya: jp hitung buku_kegiatan.xlsx, "
        "atau isi variabel lingkungan JP_LEDGER."
    ),
    # jp cek
    "as_of_outside_year": "--per-tanggal {} tidak berada di tahun {} yang diperiksa.",
    "no_roster": (
        "tanpa daftar pegawai: hanya pegawai yang muncul di buku kegiatan yang diperiksa; "
        "pegawai yang belum punya kegiatan sama sekali tidak terlihat. "
        "Tambahkan sheet 'pegawai' atau pakai --pegawai."
    ),
    "outside_roster": _outside_roster,
    # writing outputs safely
    "output_folder_unwritable": (
        "Tidak dapat menulis {}: folder {} tidak dapat ditulisi ({}). Pilih folder lain untuk -o."
    ),
    "output_too_large": (
        "Tidak dapat menulis {}: berkas .xlsx akan melebihi 4 GB. Pakai -o berkas.csv."
    ),
    # why the system refused a write (errno names), said in Indonesian
    "os_ENOSPC": "disk penuh",
    "os_EDQUOT": "kuota disk habis",
    "os_EROFS": "sistem berkas hanya-baca",
    "os_EACCES": "tidak ada izin menulis",
    "os_EPERM": "tidak ada izin menulis",
    "os_EFBIG": "berkas melebihi ukuran yang diizinkan sistem berkas",
    "os_EIO": "galat baca-tulis pada perangkat",
    "os_ENAMETOOLONG": "nama berkas terlalu panjang",
    "os_ENOENT": "folder tidak ditemukan",
    "os_EISDIR": "itu sebuah folder",
    "os_EBUSY": "berkas sedang dipakai program lain",
    "os_ETXTBSY": "berkas sedang dipakai program lain",
    "os_other": "galat sistem: {}",
    # reading hostile files
    "sheets_too_large": lambda corner, values, others: (
        f"sheet ini (A1:{corner}, {_whole(values)} sel berisi nilai) bersama sheet "
        + and_list([f"'{name}' (A1:{c})" for name, c in others])
        + " lebih besar dari yang dapat dibaca jp dengan aman dari satu buku kerja .xlsx "
        "sebesar ini. Simpan setiap sheet sebagai CSV (jp membaca CSV dengan memori jauh lebih "
        "kecil), misalnya jp hitung kegiatan.csv --pegawai pegawai.csv, atau bagi datanya "
        "menjadi beberapa berkas."
    ),
    "xml_stretch_too_long": lambda part, size_mb: (
        f"bagian {part} di dalam buku kerja ini berisi teks atau spasi sepanjang sekitar "
        f"{_whole(size_mb)} MB tanpa satu tag pun, yang harus dibaca utuh sekaligus: jauh "
        "melebihi isi yang wajar (satu sel Excel memuat paling banyak 32.767 karakter). Salin "
        "datanya ke buku kerja baru lalu simpan, atau simpan sebagai CSV."
    ),
    "strings_too_large": lambda part, count, size_mb: (
        f"bagian {part} (teks bersama semua sheet, {_whole(count)} teks) memerlukan sekitar "
        f"{_whole(size_mb)} MB memori, lebih dari yang dapat dibaca jp dengan aman dari buku "
        "kerja sebesar ini. Simpan sheet kegiatan sebagai CSV (jp membaca CSV dengan memori "
        "jauh lebih kecil), atau salin datanya ke buku kerja baru lalu simpan."
    ),
    "csv_swallowed_rows": lambda first, last, n_lines, sep: (
        f"sel ini memuat {n_lines} baris teks (baris {first}–{last} di berkas) yang berisi "
        f'pemisah kolom "{sep}": tanda kutip (") pembuka tanpa penutup menelan baris-baris '
        "berikutnya ke dalam satu sel. Hapus tanda kutip itu atau tutup dengan pasangannya, "
        "lalu periksa baris-baris tersebut."
    ),
    "csv_row_too_wide": lambda n_fields, n_headers, extra, sep: (
        f"baris ini berisi {n_fields} isian, lebih banyak dari {n_headers} judul kolom; isian "
        f'lebihnya ({extra}) tidak punya kolom. Biasanya pemisah kolom "{sep}" ada di dalam '
        + (
            'isian, misalnya koma desimal 1,5: beri tanda kutip pada isian itu ("1,5"), pakai '
            "titik desimal, atau simpan CSV berpemisah titik koma (;)."
            if sep == ","
            else "isian: beri tanda kutip pada isian itu, atau hapus isian lebih di ujung baris."
        )
    ),
    "csv_too_many_columns": lambda n, limit: (
        f"baris ini berisi {format(n, ',').replace(',', '.')} kolom, lebih dari "
        f"{format(limit, ',').replace(',', '.')} kolom yang dapat dibaca jp. "
        "Periksa pemisah kolomnya, atau hapus kolom yang tidak perlu lalu simpan ulang."
    ),
    "merged_not_filled": lambda ref, first, last: (
        f"sel {ref} digabung (baris {first}–{last}): nilainya hanya dibaca di baris {first}, "
        f"baris {first + 1}{'' if last == first + 1 else f'–{last}'} dibaca kosong. Excel "
        "menampilkan satu nilai untuk semua baris itu, tetapi jp tidak menggandakan jumlah atau "
        "data kegiatan. Pisahkan sel gabungan itu dan isi setiap baris."
    ),
    "sheets_several_choose": lambda n, sheets, name: (
        f"buku kerja ini punya {n} sheet berisi kegiatan: "
        f"{and_list([repr(s) for s in sheets])}; jp membaca satu sheet dan tidak menebak. "
        f'Pilih dengan --sheet, misalnya --sheet "{sheets[-1]}", atau satukan kegiatannya '
        f"dalam satu sheet bernama '{name}'."
    ),
    "sheet_not_found": lambda sheet, sheets: (
        f"sheet {sheet!r} (--sheet) tidak ada; sheet di buku kerja ini: "
        f"{and_list([repr(s) for s in sheets])}."
    ),
    "sheets_several": lambda n, used, others: (
        f"buku kerja ini punya {n} sheet berisi kegiatan; yang dibaca hanya sheet '{used}', "
        f"sheet {and_list([repr(o) for o in others])} tidak dibaca. Satukan kegiatan yang "
        "ingin dihitung dalam satu sheet bernama 'kegiatan'."
    ),
    "sheet_hidden_skipped": lambda hidden, used: (
        f"sheet {and_list([repr(h) for h in hidden])} disembunyikan di Excel dan tidak dibaca; "
        f"yang dibaca sheet '{used}' yang tampak. Bila sheet tersembunyi itu yang benar, "
        "tampilkan (klik kanan tab sheet > Unhide) dan jadikan satu-satunya sheet kegiatan."
    ),
    "sheet_hidden_read": (
        "sheet ini disembunyikan di Excel, tetapi dibaca karena tidak ada sheet tampak yang "
        "berisi kegiatan."
    ),
    "cell_error": lambda ref, error: (
        f"sel {ref} berisi galat Excel {error} (rumus yang gagal dihitung), jadi nilainya tidak "
        "ada. Perbaiki rumusnya atau ketik nilainya, lalu simpan ulang."
    ),
    "formula_uncached": lambda ref, formula: (
        f"sel {ref} berisi rumus {'=' + formula if formula else 'bersama'} tanpa hasil "
        "tersimpan (berkas dibuat program yang tidak menghitung rumus). Buka lalu simpan ulang "
        "di Excel atau LibreOffice agar hasilnya tersimpan, atau ketik nilainya."
    ),
    "too_many_cell_problems": lambda limit: (
        f"lebih dari {format(limit, ',').replace(',', '.')} sel "
        "berisi galat Excel atau rumus tanpa hasil tersimpan; jp berhenti membaca sheet ini. "
        "Buka lalu simpan ulang di Excel, atau perbaiki rumusnya."
    ),
    "xml_too_big": lambda part, limit_mb: (
        f"bagian {part}"
        + (" (teks bersama semua sheet)" if part.endswith("sharedStrings.xml") else "")
        + " di dalam buku kerja ini lebih dari "
        f"{format(limit_mb, ',').replace(',', '.')} MB "
        "setelah dibuka, jauh melebihi isi yang wajar, jadi tidak dibaca. Salin datanya ke "
        "buku kerja baru lalu simpan, atau simpan sebagai CSV."
    ),
    "sheet_too_large": lambda corner, cells, values, dense=False: (
        f"sheet ini terbentang sampai sel {corner} (A1:{corner}, "
        f"{format(cells, ',').replace(',', '.')} sel, "
        f"{format(values, ',').replace(',', '.')} berisi nilai), "
        "lebih besar dari yang dapat dibaca jp dengan aman"
        + (
            " dari buku kerja .xlsx sebesar ini. Simpan sheet ini sebagai CSV (jp membaca CSV "
            "dengan memori jauh lebih kecil), misalnya jp hitung kegiatan.csv, atau bagi "
            "datanya menjadi beberapa berkas."
            if dense
            else ". Biasanya ada isi (spasi, angka, rumus) di sel jauh di luar tabel: pilih "
            "baris dan kolom kosong di bawah dan di kanan tabel sampai ujung, klik kanan > "
            "Delete, lalu simpan ulang. Bila datanya memang sebanyak ini, simpan sebagai CSV."
        )
    ),
    "stdin_unreadable": "masukan dari pipa (stdin) tidak dapat dibaca ({}).",
    # numbers, the guard, the terminal
    "number_too_large": '"{}" terlalu besar untuk sebuah angka di sini; periksa isinya.',
    "quantity_too_large": lambda written, satuan, most: (
        f"{_arg(written)} {SATUAN_WORD.get(satuan, satuan)} dalam satu baris tidak masuk akal: "
        f"satu baris paling banyak {_whole(most)} {SATUAN_WORD.get(satuan, satuan)}. "
        "Periksa angkanya (salah ketik, atau pemisah desimal yang hilang)."
    ),
    "other_rows_unchecked": lambda n: (
        f"{_whole(n)} baris pegawai lain tidak diperiksa (jp kartu --nip memeriksa dan menghitung "
        "hanya baris pegawai ini); jp validasi memeriksa semuanya."
    ),
    "option_target_small": (
        "--target {} JP terlalu kecil: paling sedikit 0,01 JP (JP dicetak dengan dua desimal, "
        "jadi target lebih kecil dari itu dipenuhi oleh 0 JP)."
    ),
    "target_too_small": lambda written: (
        f"target {written} JP terlalu kecil: paling sedikit 0,01 JP (kosong = target bawaan 20)."
    ),
    "target_too_large": lambda written, most: (
        f"target {written} JP tidak masuk akal: paling banyak {_whole(most)} JP setahun "
        "(kosong = target bawaan 20)."
    ),
    "jenis_unknown_unsuggested": (
        'jenis "{}" tidak dikenal (terlalu banyak jenis tak dikenal untuk dicarikan saran; '
        "periksa kolomnya). Daftar lengkap: jp aturan."
    ),
    "as_of_unreadable": "--per-tanggal {}: {}",
    "rule_value_range": lambda place, key, value, least, most: (
        f"{place}.{key}: {value} di luar rentang yang masuk akal "
        f"({str(least).replace('.', ',')} sampai {_whole(most)})"
    ),
    "internal_error": lambda version, kind, detail: (
        f"Kesalahan internal jp {version} (bukan kesalahan isi berkas Anda): {kind}: {detail}\n"
        "Mohon laporkan ke pengelola jp: sertakan perintah yang dijalankan dan, bila boleh, "
        "berkasnya. Jalankan ulang dengan jp --debug ... untuk melihat rinciannya."
    ),
    "system_error": "Tidak dapat memakai {}: {}.",
    "no_permission": "tidak ada izin membuka berkas itu",
    "out_of_memory": (
        "Memori tidak cukup untuk mengolah berkas ini. Tutup program lain, atau bagi buku "
        "kegiatannya menjadi beberapa berkas."
    ),
    "click_error": "{}",
    "interrupted": "Dihentikan.",
    "aborted": "Dibatalkan.",
    "employees_hidden": lambda hidden, path: (
        f"… {_whole(hidden)} pegawai lagi tidak ditampilkan di layar (jumlah dan ringkasan "
        f"menghitung semuanya); semuanya: --lengkap, atau -o {path}."
    ),
    "register_rows_hidden": lambda hidden, path: (
        f"… {_whole(hidden)} baris lagi tidak ditampilkan di layar; lengkapnya: -o {path}."
    ),
    # scale and speed
    # (end of scale and speed)
    #
    # PDF, every card, the belajar mandiri log
    "output_suffix_known": lambda suffix, known: (
        f"Akhiran berkas keluaran {suffix or '(kosong)'} tidak dapat ditulis perintah ini; "
        f"pakai {and_list(known).replace(' dan ', ' atau ')}."
    ),
    "format_needs_output": (
        "--format {} menulis berkas: beri -o BERKAS.{} (atau -o FOLDER/ bersama --semua)."
    ),
    "every_needs_output": (
        "--semua menulis berkas: beri -o FOLDER/ (satu berkas per pegawai, misalnya "
        "-o kartu/) atau -o BERKAS.pdf (satu PDF, satu bagian per pegawai)."
    ),
    "every_with_one": "--semua tidak dipakai bersama --nip atau --nama: pilih salah satu.",
    "every_filter_alone": "{} hanya berlaku bersama --semua.",
    "every_output_suffix": (
        "--semua -o {}: satu berkas untuk semua pegawai hanya dapat .pdf. Untuk satu berkas per "
        "pegawai beri nama folder tanpa akhiran, misalnya -o kartu/ (--format xlsx untuk .xlsx)."
    ),
    "every_none_chosen": "Tidak ada pegawai yang dipilih ({}); tidak ada berkas yang ditulis.",
    "every_chosen_all": "semua pegawai",
    "every_chosen_below": "belum memenuhi target",
    "every_chosen_unit": "unit memuat {}",
    "every_folder_is_file": "{} adalah berkas, bukan folder; beri folder, misalnya -o laporan/.",
    "every_folder_unusable": "Folder {} tidak dapat dibuat atau dibaca: {}. Pilih folder lain.",
    "every_files_exist": lambda folder, names, n: (
        f"Folder {folder} sudah berisi {n} berkas dengan nama yang akan ditulis "
        f"({', '.join(names)}{', …' if n > len(names) else ''}); tidak ada yang ditimpa. "
        "Pilih folder lain, pindahkan berkas itu, atau tambahkan --timpa."
    ),
    "every_progress": "{} dari {} {} ditulis …",
    "every_written": "Ditulis: {} berkas di {}",
    # (end of PDF)
    #
    # history and recaps per unit
    "no_subunit": "(tanpa sub-unit)",
    "recap_title_unit": "Rekap per unit",
    "recap_title_subunit": "Rekap per sub-unit",
    "recap_title_status": "Rekap per unit dan status pegawai",
    "recap_sheet_status": "Rekap per status",
    "recap_heading_status": "REKAP PEMENUHAN TARGET JP PER UNIT DAN STATUS PEGAWAI TAHUN",
    "recap_chart_status": "% pegawai memenuhi target, per unit dan status",
    "unit_total": "JUMLAH UNIT",
    "unit_line": "Unit: {}",
    "unit_all_met": "Semua pegawai unit ini memenuhi target.",
    "unit_sheet_fallback": "Unit",
    "recap_sheet_own": "Rekap",
    "history_sheet": "Riwayat",
    "history_title": "RIWAYAT PEMENUHAN JP PENGEMBANGAN KOMPETENSI PER TAHUN",
    "history_years": "TAHUN {} – {}",
    "history_chart": "JP diakui per tahun dan targetnya",
    "history_met": "Memenuhi target pada {} dari {} tahun.",
    "trend_sheet": "Tren per pegawai",
    "trend_title": "TREN JP PER PEGAWAI, TAHUN {} – {}",
    "trend_years_met": "TAHUN MEMENUHI",
    "years_option": lambda value: (
        f"--tahun {value}: tulis satu tahun (2025) atau rentang tahun (2023-2025), tahun awal "
        "tidak sesudah tahun akhir, antara 1900 dan 2199."
    ),
    "per_unit_needs_folder": (
        "--per-unit menulis satu buku kerja per unit ke sebuah folder: sebutkan foldernya dengan "
        "-o (nama tanpa akhiran seperti .xlsx), misalnya: jp cek buku.xlsx --per-unit -o "
        "laporan_unit/"
    ),
    "per_unit_written": "Ditulis: {} buku kerja, satu per unit, di {}",
    "recap_sheet_unit": "Rekap per unit",
    "recap_sheet_subunit": "Rekap per sub-unit",
    "recap_heading_unit": "REKAP PEMENUHAN TARGET JP PER UNIT TAHUN",
    "recap_heading_subunit": "REKAP PEMENUHAN TARGET JP PER SUB-UNIT TAHUN",
    "recap_chart_unit": "% pegawai memenuhi target, per unit",
    "recap_chart_subunit": "% pegawai memenuhi target, per sub-unit",
    # (end of history and recaps)
    #
    # status PNS/PPPK, targets, periods
    "employment_unknown": (
        'status pegawai "{}" tidak dikenal (PNS, PPPK, CPNS); status diambil dari NIP: {}.'
    ),
    "rule_target_not_table": (
        "target: harus tabel status pegawai, contoh [target] lalu "
        'PNS = {{ jp = 20, sumber = "..." }}'
    ),
    "rule_target_unknown_status": "{}: status pegawai tidak dikenal (yang dikenal: {})",
    "rule_target_entry_not_table": '{}: harus tabel, contoh {{ jp = 20, sumber = "..." }}',
    "rule_unknown_target_key": (
        "{}: kunci {} tidak dikenal (yang dikenal: jp, sumber, plafon, sumber_plafon)"
    ),
    "rule_target_jp_required": "{}.jp: wajib ada (target JP setahun)",
    "tmt_unreadable": (
        "tmt {} tidak terbaca sebagai tanggal (tulis dd/mm/yyyy, misalnya 01/07/2024); dianggap "
        "kosong: dengan --periode kontrak pegawai ini diukur per tahun kalender."
    ),
    "status_is_employment": (
        '"{}" adalah status pegawai, bukan status verifikasi; baris ini dihitung seperti belum '
        "diverifikasi. Status pegawai (PNS/PPPK/CPNS) ditulis di daftar pegawai (kolom status); "
        "di buku kegiatan ganti judul kolom ini, misalnya menjadi status_pegawai."
    ),
    "rule_target_over_ceiling": (
        "{}: target jp = {} lebih besar dari plafon = {}; setiap pegawai yang memenuhi target "
        "akan melebihi plafon. Periksa kedua angkanya."
    ),
    "reason_other_period": lambda end, start, last: (
        f"selesai {format_date(end)}: dihitung pada tahun masa perjanjian kerja "
        f"{format_date(start)} – {format_date(last)}"
    ),
    "option_target_pppk": lambda least, most, written: (
        f"--target-pppk harus angka dari {str(least).replace('.', ',')} sampai {_whole(most)} JP "
        f"(tertulis {written})."
    ),
    "contract_no_roster": (
        "--periode kontrak memerlukan daftar pegawai dengan kolom status dan tmt (sheet pegawai "
        "atau --pegawai); tanpa itu semua pegawai diukur per tahun kalender."
    ),
    "contract_no_tmt": lambda n, listed: (
        f"{n} pegawai PPPK tanpa tmt di daftar pegawai diukur per tahun kalender: {listed}. "
        "Isi kolom tmt (tanggal mulai perjanjian kerja, dd/mm/yyyy) untuk mengukurnya per tahun "
        "masa perjanjian kerja."
    ),
    "over_ceiling": lambda nip, name, jp, ceiling, start, end, citation, status="PPPK": (
        f"{nip} {name}: {format_jp(jp)} JP dalam {format_date(start)}–{format_date(end)} "
        f"melebihi plafon {status} {format_jp(ceiling)} JP ({citation}). Semua JP tetap "
        "dihitung; periksa penugasannya."
    ),
    "contract_not_on_roster": lambda n, listed: (
        f"{n} pegawai PPPK (menurut NIP) tidak ada di daftar pegawai, jadi tanpa tmt diukur per "
        f"tahun kalender: {listed}. Tambahkan mereka ke daftar pegawai dengan kolom tmt."
    ),
    "contract_before_tmt": lambda n, listed: (
        f"{n} pegawai PPPK diukur pada tahun masa perjanjian kerja yang dimulai sebelum tmt-nya: "
        f"{listed}. Pada periode itu perjanjian kerjanya belum berjalan; periksa tmt di daftar "
        "pegawai."
    ),
    "rule_target_citation": "{}.{}: harus teks yang tidak kosong (dasar hukumnya)",
    # (end of status and periods)
}
