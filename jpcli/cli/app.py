"""The ``jp`` command: parse options, call the library, hand the result to ``emit``. No logic here.

Exit codes: 0 done; 1 ``cek`` found someone below target; 2 bad input or usage (or the system
refusing a file, or memory); 3 an unexpected internal error (with how to report it); 130 Ctrl+C;
141 the reader of the output went away (``| head``), quietly.
"""

from __future__ import annotations

import datetime
import errno
import functools
import os
import re
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from jpcli import __version__
from jpcli.cli.emit import CardFormat, FolderSet, Format, Outputs, emit, emit_each, status_line
from jpcli.problems import InputError, JpError

app = typer.Typer(
    name="jp",
    help=(
        "Hitung pemenuhan hak 20 JP pengembangan kompetensi ASN dari buku kegiatan Excel "
        "(Peraturan LAN No. 10 Tahun 2018), dan cetak Kartu Pengendalian (Lampiran II)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Options shared by the commands, written once (as sqlite-utils' output_options).
LedgerArg = Annotated[
    Path | None,
    typer.Argument(
        metavar="BUKU",
        envvar="JP_LEDGER",
        show_default=False,
        show_envvar=False,  # the help says it in Indonesian (typer writes "env var:")
        help="Buku kegiatan (.xlsx, .xls, .ods, .csv, .json, .parquet; - = dari pipa). "
        "Jika tidak diberi: variabel lingkungan JP_LEDGER.",
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--tahun",
        metavar="TAHUN",
        min=1900,
        max=2199,
        show_default=False,
        help="Tahun yang dihitung (tahun tanggal selesai kegiatan). "
        "Bawaan: tahun terakhir yang ada datanya.",
    ),
]


@dataclass(frozen=True)
class YearSpan:
    """--tahun of jp hitung: from ``first`` to ``last`` (the same year for one year)."""

    first: int
    last: int


def _years(text: str) -> YearSpan:
    """--tahun of jp hitung: one year (2025) or a range (2023-2025, 2023–2025)."""
    parts = re.split(r"\s*[-–]\s*", text.strip())
    if len(parts) in (1, 2) and all(p.isdigit() for p in parts):
        first, last = int(parts[0]), int(parts[-1])
        if 1900 <= first <= last <= 2199:
            return YearSpan(first, last)
    from jpcli.words import text as say

    raise typer.BadParameter(say("years_option", (text,)))


YearsOpt = Annotated[
    YearSpan | None,
    typer.Option(
        "--tahun",
        parser=_years,
        metavar="TAHUN|TAHUN-TAHUN",
        show_default=False,
        help="Tahun yang dihitung (tahun tanggal selesai kegiatan), atau rentang tahun "
        "(2023-2025: kartu setiap tahun dan tren per pegawai). "
        "Bawaan: tahun terakhir yang ada datanya.",
    ),
]
RulesOpt = Annotated[
    str | None,
    typer.Option(
        "--aturan",
        metavar="ATURAN",
        show_default=False,
        help="Aturan konversi: nama bawaan (lan-10-2018, lan-10-2018-ketat) "
        "atau path berkas .toml.",
    ),
]
RosterOpt = Annotated[
    Path | None,
    typer.Option(
        "--pegawai",
        metavar="BERKAS",
        show_default=False,
        help="Daftar pegawai (.xlsx/.csv: nip, nama, unit, jabatan, target). "
        "Bawaan: sheet 'pegawai' di buku.",
    ),
]


def _number(text: str) -> float:
    """A number on the command line as in a cell: 20,5 and 20.5 alike (--target)."""
    from jpcli.core import cells

    try:
        value = cells.parse_number(text)
    except cells.Reject:
        value = None
    if value is not None:
        return value
    try:
        return float(text)  # nan, inf, 1e400: numbers, refused by their range with the reason
    except ValueError:
        raise typer.BadParameter(f"{text!r} bukan angka.") from None


TargetOpt = Annotated[
    float | None,
    typer.Option(
        "--target",
        parser=_number,
        metavar="JP",
        show_default=False,
        help="Target JP per pegawai per tahun "
        "(bawaan 20; kolom target daftar pegawai lebih diutamakan).",
    ),
]
TargetPppkOpt = Annotated[
    float | None,
    typer.Option(
        "--target-pppk",
        parser=_number,
        metavar="JP",
        show_default=False,
        help="Target JP setahun pegawai PPPK (bawaan: dari aturan, 20; kolom target daftar "
        "pegawai lebih diutamakan).",
    ),
]


class Period(str, Enum):
    calendar = "tahun"
    contract = "kontrak"


PeriodOpt = Annotated[
    Period,
    typer.Option(
        "--periode",
        help="tahun: tahun kalender menurut tanggal selesai. kontrak: pegawai PPPK yang tmt-nya "
        "tertulis di daftar pegawai diukur per tahun masa perjanjian kerja (dari tmt sampai "
        "sehari sebelum ulang tahunnya); PNS tetap per tahun kalender.",
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Bentuk keluaran di layar.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--keluaran",
        "-o",
        metavar="BERKAS",
        help="Tulis ke berkas; jenisnya dari akhiran: .pdf, .xlsx, .csv, .json.",
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAMA",
        show_default=False,
        help="Sheet kegiatan yang dibaca, bila buku kerja punya beberapa "
        '(misalnya --sheet "Kegiatan 2025").',
    ),
]
FullOpt = Annotated[
    bool,
    typer.Option(
        "--lengkap",
        help="Di layar, tampilkan semua pegawai (bawaan: lebih dari 500 pegawai hanya 50 "
        "pertama; jumlah dan ringkasan selalu menghitung semuanya).",
    ),
]
SkipErrorsOpt = Annotated[
    bool,
    typer.Option(
        "--lewati-salah", help="Hitung tanpa baris yang salah (dan sebutkan berapa yang dilewati)."
    ),
]
ColumnsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kolom",
        metavar="NAMA=JUDUL",
        show_default=False,
        help="Pakai kolom berjudul JUDUL sebagai kolom NAMA jp (boleh berulang), "
        'misalnya --kolom jenis="Bentuk Diklat". '
        "Nama kolom jp: nip, nama, jenis, sub_jenis, jenis_siasn, lingkup, tanggal_mulai, "
        "tanggal_selesai, tanggal_sertifikat, jumlah, hari, jp, judul, penyelenggara, "
        "nomor_sertifikat, status, alasan, keterangan.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--per-tanggal",
        metavar="TANGGAL",
        show_default=False,
        help="Hitung hanya kegiatan yang selesai sampai tanggal ini (YYYY-MM-DD). "
        "Bawaan: hari ini bila masih di tahun yang diperiksa, selain itu akhir tahun itu.",
    ),
]
PartitionsOpt = Annotated[
    str,
    typer.Option(
        "--partisi",
        metavar="auto|N",
        help="Baca dan hitung per N bagian pegawai (menurut hash NIP), satu bagian di memori "
        "pada satu waktu; hasilnya sama. auto: satu bagian per 128 MB CSV.",
    ),
]
ProcessesOpt = Annotated[
    int,
    typer.Option("--proses", min=1, metavar="K", help="Jumlah proses paralel untuk --partisi."),
]
NipOpt = Annotated[
    str | None,
    typer.Option(
        "--nip",
        metavar="NIP",
        help="NIP pegawai, lengkap (boleh dengan spasi) atau awalannya yang unik.",
        show_default=False,
    ),
]
NameOpt = Annotated[
    str | None,
    typer.Option(
        "--nama",
        metavar="NAMA",
        help="Cari pegawai menurut sebagian namanya (huruf besar/kecil sama).",
        show_default=False,
    ),
]
ApprovedOnlyOpt = Annotated[
    bool,
    typer.Option(
        "--hanya-disetujui",
        help="Hitung hanya baris berstatus disetujui (kolom status/verifikasi); baris ditolak "
        "tidak pernah dihitung.",
    ),
]
PerUnitOpt = Annotated[
    bool,
    typer.Option(
        "--per-unit",
        help="Dengan -o FOLDER: satu buku kerja per unit di folder itu (dibuat bila belum "
        "ada), berisi pegawai unit itu yang belum memenuhi target dan rekap sub-unitnya.",
    ),
]
OverwriteOpt = Annotated[
    bool,
    typer.Option(
        "--timpa",
        help="(kartu --semua, cek --per-unit, -o FOLDER/) Timpa berkas yang sudah ada di folder.",
    ),
]

_click = getattr(typer, "_click", None)
if _click is None:  # typer versions that use the click package itself
    import click as _click
# passed on to Typer as they are: typer.Exit and typer.Abort are the classes every typer raises
# (its vendored click has no Abort of its own; with the click package they are click's)
_CLICK_EXITS = (typer.Exit, typer.Abort, _click.exceptions.ClickException)
_NOT_ERRORS = (SystemExit, GeneratorExit)  # ways of ending, not failures
_BROKEN_PIPE = 141  # what a shell reports for a program ended by SIGPIPE (128 + 13)
_DENIED = (errno.EACCES, errno.EPERM)  # reading or writing: "no permission", whichever it was


@dataclass
class Session:
    """What the command line carries to every command: --debug; and a read-ahead started before
    the command line was parsed (``cli.early``), for the command to take if it is its own."""

    debug: bool = False
    early: object = None  # files.read_ahead.ReadAhead


def _session(ctx: typer.Context | None) -> Session:
    return ctx.obj if ctx is not None and isinstance(ctx.obj, Session) else Session()


def _quiet_broken_pipe() -> int:
    """The reader of jp's output went away (``jp hitung x.xlsx | head -1``): nothing to say.
    Python's recipe (the signal module's "Note on SIGPIPE"): stdout goes to devnull, so the
    flush at exit cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's stand-in)
        return _BROKEN_PIPE
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
    return _BROKEN_PIPE


def _fail(exc: BaseException, debug: bool) -> int:
    """Say what went wrong in one Indonesian message on stderr and give the exit code: 2 the input
    or the system (a file, an option, memory), 3 a fault of jp itself (with how to report it;
    with --debug its traceback instead), 130 Ctrl+C, 141 a closed pipe."""
    from jpcli import words
    from jpcli.files.atomic import os_reason
    from jpcli.render.console import stderr_console

    if isinstance(exc, BrokenPipeError):
        return _quiet_broken_pipe()
    err = stderr_console()
    if isinstance(exc, InputError):
        from jpcli.render.terminal import print_problems

        print_problems(err, exc.problems, "Masalah pada masukan:")
        if exc.summary:
            err.print(exc.summary_text, markup=False)
        return 2
    simple = {KeyboardInterrupt: ("interrupted", 130), typer.Abort: ("aborted", 1)}
    for kind, (code, exit_code) in simple.items():
        if isinstance(exc, kind):
            err.print(words.text(code), markup=False)
            return exit_code
    if isinstance(exc, JpError):
        message, exit_code = f"Kesalahan: {exc}", 2
    elif isinstance(exc, MemoryError):
        message, exit_code = words.text("out_of_memory"), 2
    elif isinstance(exc, OSError):  # a file jp was given or needs, refused by the system
        place = exc.filename if exc.filename is not None else "berkas"
        reason = words.text("no_permission") if exc.errno in _DENIED else os_reason(exc)
        message, exit_code = words.text("system_error", (str(place), reason)), 2
    elif debug:  # the traceback, then the same exit code as without --debug
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
        return 3
    else:
        detail = (type(exc).__name__, str(exc))
        message, exit_code = words.text("internal_error", (__version__, *detail)), 3
    err.print(message, markup=False, soft_wrap=True)
    return exit_code


def command(fn):
    """Every way a command can fail ends in ``_fail``: an Indonesian message and exit 2 (input) or
    3 (a fault of jp); Typer's own exits pass through. A traceback only with ``jp --debug``."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (*_CLICK_EXITS, *_NOT_ERRORS):
            raise
        except BaseException as exc:  # a Rust panic in a reader is a BaseException too
            code = _fail(exc, _session(kwargs.get("ctx")).debug)
            raise typer.Exit(code) from None

    return wrapper


def _ledger_path(ledger_file: Path | None) -> Path:
    if ledger_file is None:
        raise JpError("ledger_not_named")
    return ledger_file


def _column_choices(choices: list[str] | None) -> dict[str, str]:
    """--kolom NAMA=JUDUL, repeated -> {NAMA: JUDUL}, checked against jp's column names."""
    from jpcli.files.columns import KEGIATAN

    mapping = {}
    for text in choices or []:
        name, marker, title = text.partition("=")
        name, title = name.strip().lower(), title.strip().strip('"')
        if not marker or not name or not title:
            raise JpError("column_option_form", repr(text))
        if name not in KEGIATAN.columns:
            raise JpError("column_option_name", repr(text), repr(name), ", ".join(KEGIATAN.columns))
        mapping[name] = title
    return mapping


def _read_ahead(path: Path | None, csv: bool = False, one_nip: bool = False, ctx=None):
    """Start reading the ledger's workbook (with ``csv``: a CSV too, for a command that reads
    it whole; ``one_nip``: to keep one employee's rows) on a thread while the rest of jp loads.
    Here, in a command, once Typer has parsed the command line (--help, --version and a usage
    error never open a workbook); or the one ``cli.early`` started for a CSV before parsing,
    when it is this one (``ctx``: the command's context, which holds it)."""
    from jpcli.core.schema import ONE_EMPLOYEE_WHOLE_FILE
    from jpcli.files.read_ahead import ReadAhead

    encode = ONE_EMPLOYEE_WHOLE_FILE if one_nip else ()
    session = _session(ctx)
    if session.early is not None and session.early.matches(path, csv, encode):
        early, session.early = session.early, None  # handed over once
        return early
    return ReadAhead.for_ledger(path, csv, encode)


def _reads_whole(choice: str, ledger_file: Path | None) -> bool:
    """Will ``jp hitung`` read this ledger whole, in one part? Asked before anything is checked
    (and without pandas): a wrong --partisi answers no here and is reported in its turn."""
    from jpcli.files.sniff import auto_parts

    choice = choice.strip().lower()
    if choice == "auto":
        return ledger_file is not None and auto_parts(ledger_file) <= 1
    return choice.isdigit() and int(choice) <= 1


def _load(
    ctx, ledger_file, rules_choice, roster, format, column_choices=None, sheet=None, ahead=None,
    read=None, doing="Membaca dan memeriksa buku kegiatan ...", **compute,
):  # fmt: skip
    """The rule set and the loaded ledger (with a status line while a large file is read);
    ``ahead``: the ledger's read-ahead, when the command started it already. ``read``: what is
    made of the whole ledger (default ``pipeline.load_ledger``; ``pipeline.file_report`` and
    ``file_check`` take ``compute`` too), ``doing`` the status line meanwhile."""
    path = _ledger_path(ledger_file)
    ahead = _read_ahead(path) if ahead is None else ahead
    from jpcli.core.pipeline import load_ledger
    from jpcli.rules import load_rules

    rules = load_rules(rules_choice)
    mapping = _column_choices(column_choices)
    with status_line(doing, path, format):
        return rules, (read or load_ledger)(
            path, rules, roster_path=roster, column=mapping, read_ahead=ahead, sheet=sheet,
            **compute,
        )  # fmt: skip


def _partitions(choice: str, ledger_file: Path | None) -> int:
    """--partisi: ``auto`` (one part per 128 MB of CSV) or a whole number from 1."""
    from jpcli.files.sniff import auto_parts

    if choice.strip().lower() == "auto":
        return auto_parts(_ledger_path(ledger_file))
    if not choice.strip().isdigit() or int(choice) < 1:
        raise JpError("option_partitions", choice)
    return int(choice)


def _streamed_report(
    ledger_file, rules_choice, roster, format, column_choices, partitions, processes, compute
):
    """jp hitung of a large CSV read part by part, or None (see ``pipeline.streamed_report``)."""
    from jpcli.core.pipeline import streamed_report
    from jpcli.rules import load_rules

    _check_target(compute.get("target"), compute.get("target_pppk"))
    path = _ledger_path(ledger_file)
    n_parts = _partitions(partitions, path)
    if n_parts <= 1:
        return None
    rules = load_rules(rules_choice)
    with status_line("Membaca dan menghitung per bagian ...", path, format):
        return streamed_report(
            path, rules, n_parts, processes, roster, _column_choices(column_choices), **compute
        )


def _shortfall(ctx, files, parts, compute):
    """jp cek's result: a large CSV read part by part (``pipeline.streamed_check``), else the
    whole ledger read and checked (``pipeline.file_check``). ``files``: ledger, rules, roster,
    format, --kolom, --sheet, read-ahead; ``parts``: --partisi, --proses."""
    from jpcli.core import pipeline
    from jpcli.rules import load_rules

    ledger_file, rules_choice, roster, format, column_choices, _, _ = files
    path = _ledger_path(ledger_file)
    n_parts = _partitions(parts[0], path)
    if n_parts > 1:
        rules = load_rules(rules_choice)
        with status_line("Membaca dan menghitung per bagian ...", path, format):
            result = pipeline.streamed_check(
                path, rules, n_parts, parts[1], roster, _column_choices(column_choices), **compute
            )
        if result is not None:
            return result
    return _load(ctx, *files, read=pipeline.file_check, doing=_COMPUTING, **compute)[1]


_COMPUTING = "Membaca dan menghitung ..."


def _employee_report(
    ledger_file, rules_choice, roster, format, column_choices, sheet, nip, compute, ahead=None
):
    """jp kartu --nip: only the rows of the NIP (prefix) are checked and computed, the default
    year is the whole file's latest; None when no row has that NIP (the whole ledger is read)."""
    from jpcli.core.pipeline import build_report, employee_ledger
    from jpcli.rules import load_rules

    _check_target(compute.get("target"), compute.get("target_pppk"))
    path = _ledger_path(ledger_file)
    ahead = _read_ahead(path) if ahead is None else ahead
    rules = load_rules(rules_choice)
    with status_line("Membaca buku kegiatan ...", path, format):
        cut = employee_ledger(
            path, rules, nip, roster, _column_choices(column_choices), ahead, sheet
        )
    if cut is None:
        return None
    ledger, latest, _ = cut
    with status_line("Menghitung JP ...", path, format):
        return build_report(ledger, rules, default_year=latest, **compute)


def _check_target(target: float | None, target_pppk: float | None = None) -> None:
    """--target and --target-pppk: more than 0 and at most ``cells.TARGET_MAX`` JP, refused
    before the ledger is read (``nan`` and ``inf`` too: docs/tafsir.md, "Angka yang masuk
    akal")."""
    from jpcli.core.cells import TARGET_MAX, TARGET_MIN

    if target is not None and not 0 < target <= TARGET_MAX:  # NaN fails every comparison
        raise JpError("option_target", TARGET_MAX, f"{target:g}")
    if target is not None and target < TARGET_MIN:
        raise JpError("option_target_small", f"{target:g}")
    if target_pppk is not None and not TARGET_MIN <= target_pppk <= TARGET_MAX:
        raise JpError("option_target_pppk", TARGET_MIN, TARGET_MAX, f"{target_pppk:g}")


def _as_of_date(text: str | None) -> datetime.date | None:
    """--per-tanggal, read as the ledger's dates are (2025-03-12, 12/03/2025, 2025-03-12T09:30,
    12 Maret 2025)."""
    from jpcli.core import cells

    if text is None:
        return None
    try:
        day = cells.parse_date(text)
        if day is None:
            raise cells.Reject("date_unrecognised", text)
    except cells.Reject as exc:
        raise JpError("as_of_unreadable", text, str(exc)) from None
    return day


def _report(
    ctx, ledger_file, rules_choice, roster, format, column_choices, sheet, ahead=None, **compute
):
    """The year's report: the ledger loaded (``ahead``: its read-ahead), then ``build_report``
    with ``compute`` (year, target, skip_errors, approved_only, partitions, processes)."""
    from jpcli.core.pipeline import build_report

    _check_target(compute.get("target"), compute.get("target_pppk"))
    rules, ledger = _load(
        ctx, ledger_file, rules_choice, roster, format, column_choices, sheet, ahead
    )
    with status_line("Menghitung JP ...", Path(ledger.file), format):
        return build_report(ledger, rules, **compute)


def _card_report(
    ledger_file, rules_choice, roster, format, column_choices, sheet, ahead=None, **compute
):
    """jp hitung of a ledger read whole (``pipeline.file_report``: a large CSV is worked on in
    two halves by NIP, one per core); ``compute`` as ``_report`` takes it."""
    from jpcli.core.pipeline import file_report

    _check_target(compute.get("target"), compute.get("target_pppk"))
    files = (ledger_file, rules_choice, roster, format, column_choices, sheet, ahead)
    return _load(None, *files, read=file_report, doing=_COMPUTING, **compute)[1]


@app.command("hitung")
@command
def compute_cards(
    ctx: typer.Context,
    ledger_file: LedgerArg = None,
    years: YearsOpt = None,
    rules_choice: RulesOpt = None,
    roster: RosterOpt = None,
    target: TargetOpt = None,
    target_pppk: TargetPppkOpt = None,
    period: PeriodOpt = Period.calendar,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    skip_errors: SkipErrorsOpt = False,
    partitions: PartitionsOpt = "auto",
    processes: ProcessesOpt = 1,
    column_choices: ColumnsOpt = None,
    approved_only: ApprovedOnlyOpt = False,
    full: FullOpt = False,
    sheet: SheetOpt = None,
) -> None:
    """Kartu Lampiran II semua pegawai untuk satu tahun, dengan baris jumlah dan status 20 JP;
    untuk rentang tahun (--tahun 2023-2025) kartu setiap tahun dan tren per pegawai."""
    ranged = years is not None and years.first != years.last
    # a ledger read whole is read (by Arrow) while pandas and the rest of jp are imported
    ahead = _read_ahead(ledger_file, csv=not ranged and _reads_whole(partitions, ledger_file))
    from jpcli.render import machine, views

    compute = {
        "target": target, "skip_errors": skip_errors, "approved_only": approved_only,
        "target_pppk": target_pppk, "period": period.value,
    }  # fmt: skip
    if ranged:
        files = (ledger_file, rules_choice, roster, column_choices, sheet)
        parts = (_partitions(partitions, ledger_file), processes)
        return _compute_range(ctx, files, years, format, output, full, parts, compute)
    compute = {"year": years and years.first, **compute}
    report = _streamed_report(
        ledger_file, rules_choice, roster, format, column_choices, partitions, processes, compute
    ) or _card_report(
        ledger_file, rules_choice, roster, format, column_choices, sheet, ahead,
        partitions=_partitions(partitions, ledger_file), processes=processes, **compute,
    )  # fmt: skip
    outputs = Outputs(
        json=lambda: machine.hitung_json_pieces(report),
        csv=lambda: machine.kartu_csv(report.kartu),
        show=lambda out, err: views.show_hitung(report, out, err, full),
        xlsx=lambda tmp: views.hitung_xlsx(report, tmp),
        pdf=lambda tmp: views.hitung_pdf(report, tmp),
        parquet=lambda tmp: machine.kartu_parquet(report.kartu, tmp),
    )
    emit(outputs, format, output, [Path(report.ledger.file), roster, *report.rules.files])


def _compute_range(ctx, files, years, format, output, full, parts, compute) -> None:
    """jp hitung --tahun A-B: the card of every year from one computation, and the trend per
    employee (the whole ledger is read: a range is not streamed part by part). ``files``:
    ledger, rule set, roster, --kolom, --sheet; ``parts``: --partisi, --proses."""
    from jpcli.core.history import trend
    from jpcli.core.pipeline import year_reports
    from jpcli.render import machine, views

    ledger_file, rules_choice, roster, column_choices, sheet = files
    _check_target(compute.get("target"), compute.get("target_pppk"))
    rules, ledger = _load(ctx, ledger_file, rules_choice, roster, format, column_choices, sheet)
    with status_line("Menghitung JP ...", Path(ledger.file), format):
        reports = year_reports(
            ledger, rules, range(years.first, years.last + 1),
            partitions=parts[0], processes=parts[1], **compute,
        )  # fmt: skip
        per_employee = trend(reports)
    outputs = Outputs(
        json=lambda: machine.to_json(machine.hitung_range_document(reports, per_employee)),
        csv=lambda: machine.kartu_range_csv(reports),
        show=lambda out, err: views.show_hitung_range(reports, per_employee, out, err, full),
        xlsx=lambda tmp: views.hitung_range_xlsx(reports, per_employee, tmp),
        pdf=lambda tmp: views.hitung_range_pdf(reports, per_employee, tmp),
    )
    emit(outputs, format, output, [Path(ledger.file), roster, *rules.files])


CardFormatOpt = Annotated[
    CardFormat,
    typer.Option(
        "--format",
        "-f",
        help="Bentuk keluaran di layar (tabel, json, csv); dengan --semua -o FOLDER/: bentuk "
        "tiap berkas (pdf bila tidak disebut, xlsx, json, csv).",
    ),
]
EveryOpt = Annotated[
    bool,
    typer.Option(
        "--semua",
        help="Kartu setiap pegawai: -o FOLDER/ menulis satu berkas per pegawai (NIP_Nama.pdf), "
        "-o BERKAS.pdf satu PDF dengan satu bagian per pegawai.",
    ),
]
BelowOpt = Annotated[
    bool,
    typer.Option("--belum-memenuhi", help="(--semua) Hanya pegawai yang belum memenuhi target."),
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        metavar="TEKS",
        show_default=False,
        help="(--semua) Hanya pegawai yang unit kerjanya memuat TEKS (huruf besar/kecil sama).",
    ),
]


@app.command("kartu")
@command
def employee_kartu(
    ctx: typer.Context,
    ledger_file: LedgerArg = None,
    nip: NipOpt = None,
    name: NameOpt = None,
    year: YearOpt = None,
    rules_choice: RulesOpt = None,
    roster: RosterOpt = None,
    target: TargetOpt = None,
    target_pppk: TargetPppkOpt = None,
    period: PeriodOpt = Period.calendar,
    format: CardFormatOpt = CardFormat.table,
    output: OutputOpt = None,
    skip_errors: SkipErrorsOpt = False,
    column_choices: ColumnsOpt = None,
    approved_only: ApprovedOnlyOpt = False,
    sheet: SheetOpt = None,
    every: EveryOpt = False,
    below: BelowOpt = False,
    unit: UnitOpt = None,
    overwrite: OverwriteOpt = False,
) -> None:
    """Kartu satu pegawai: setiap kegiatan dengan JP mentah, JP diakui dan alasannya, kemajuan ke
    target, dan catatan coaching/mentoring/belajar mandiri menurut format Panduan. Dengan --semua:
    kartu setiap pegawai, ke satu folder atau satu PDF."""
    # read while the rest of jp is imported (one employee's rows of a large file: block by block)
    one_nip = bool(nip and not name and not every)
    whole = not one_nip or _reads_whole("auto", ledger_file)
    ahead = _read_ahead(ledger_file, csv=whole, one_nip=one_nip, ctx=ctx)
    from jpcli.core import explain
    from jpcli.render import machine, views

    screen = _screen_format(format, output, every, below, unit, nip or name)
    compute = {
        "year": year, "target": target, "skip_errors": skip_errors,
        "approved_only": approved_only, "target_pppk": target_pppk, "period": period.value,
    }  # fmt: skip
    if every:
        report = _report(ctx, ledger_file, rules_choice, roster, screen, column_choices, sheet,
                         ahead, **compute)  # fmt: skip
        _every_card(report, format, output, below, unit, overwrite, roster)
        return
    report = (
        nip
        and not name
        and _employee_report(
            ledger_file, rules_choice, roster, screen, column_choices, sheet, nip, compute, ahead
        )
    ) or _report(
        ctx, ledger_file, rules_choice, roster, screen, column_choices, sheet, ahead, **compute
    )
    card = explain.employee_card(report, explain.find_employee(report.kartu, nip=nip, name=name))
    outputs = Outputs(
        json=lambda: machine.to_json(machine.kartu_document(card)),
        csv=lambda: machine.register_csv(card.register),
        show=lambda out, err: views.show_employee_card(card, report, out, err),
        xlsx=lambda tmp: views.kartu_xlsx(card, report, tmp),
        pdf=lambda tmp: views.kartu_pdf([card], report, tmp),
    )
    emit(outputs, screen, output, [Path(report.ledger.file), roster, *report.rules.files])


def _screen_format(format: CardFormat, output, every: bool, below: bool, unit, one) -> Format:
    """jp kartu's options checked before the ledger is read; the form for ``emit``."""
    if every and one:
        raise JpError("every_with_one")
    if not every and (below or unit is not None):
        raise JpError("every_filter_alone", "--belum-memenuhi" if below else "--unit")
    if every and output is None:
        raise JpError("every_needs_output")
    if format in (CardFormat.pdf, CardFormat.xlsx) and output is None:
        raise JpError("format_needs_output", format.value, format.value)
    return Format(format.value) if format.value in {f.value for f in Format} else Format.table


def _every_card(report, format: CardFormat, output: Path, below, unit, overwrite, roster) -> None:
    """jp kartu --semua: the chosen employees' cards, one file each in a folder (a path that is a
    folder or has no suffix) or one PDF with a section each."""
    from jpcli import words
    from jpcli.cli.emit import progress
    from jpcli.core import explain
    from jpcli.files.atomic import write_atomic
    from jpcli.files.names import employee_file_names
    from jpcli.render import console, views

    chosen, said = report.kartu, []
    if below:
        chosen, said = chosen[~chosen["memenuhi"]], [words.text("every_chosen_below")]
    if unit is not None:
        chosen = chosen[chosen["unit"].str.contains(unit.strip(), case=False, regex=False)]
        said.append(words.text("every_chosen_unit", (repr(unit.strip()),)))
    inputs = [Path(report.ledger.file), roster, *report.rules.files]
    folder = output.is_dir() or not output.suffix
    if not folder and output.suffix.lower() != ".pdf":
        raise JpError("every_output_suffix", output)
    if chosen.empty:
        said = ", ".join(said) or words.text("every_chosen_all")
        message = words.text("every_none_chosen", (said,))
        console.stderr_console().print(message, markup=False, soft_wrap=True)
        return
    cards = explain.every_card(report, chosen)
    if not folder:
        done = progress(len(chosen))
        write_atomic(output, lambda tmp: views.kartu_pdf(cards, report, tmp, done), inputs)
        console.stderr_console().print(f"Ditulis: {output}", markup=False)
        return
    kind = "pdf" if format is CardFormat.table else format.value
    names = employee_file_names(zip(chosen["nip"], chosen["nama"]), f".{kind}")
    emit_each(output, names, cards, _card_writer(kind, report), inputs, overwrite)


def _card_writer(kind: str, report):
    """How one employee's card is written in the form ``kind`` (pdf, xlsx, json, csv)."""
    from jpcli.render import machine, views

    def text(made):
        def write(card, path: Path) -> None:
            path.write_text(made(card), encoding="utf-8")

        return write

    return {
        "pdf": lambda card, path: views.kartu_pdf([card], report, path),
        "xlsx": lambda card, path: views.kartu_xlsx(card, report, path),
        "json": text(lambda card: machine.to_json(machine.kartu_document(card))),
        "csv": text(lambda card: machine.register_csv(card.register)),
    }[kind]


@app.command("riwayat")
@command
def employee_riwayat(
    ctx: typer.Context,
    ledger_file: LedgerArg = None,
    nip: NipOpt = None,
    name: NameOpt = None,
    rules_choice: RulesOpt = None,
    roster: RosterOpt = None,
    target: TargetOpt = None,
    target_pppk: TargetPppkOpt = None,
    period: PeriodOpt = Period.calendar,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    skip_errors: SkipErrorsOpt = False,
    column_choices: ColumnsOpt = None,
    approved_only: ApprovedOnlyOpt = False,
    sheet: SheetOpt = None,
) -> None:
    """JP satu pegawai per tahun, untuk setiap tahun di buku kegiatan: per kolom kartu dan total,
    target, memenuhi atau belum (angkanya sama dengan jp kartu --tahun); -o riwayat.xlsx dengan
    grafik."""
    from jpcli.core.history import employee_history
    from jpcli.render import machine, views

    if not nip and not name:
        raise JpError("employee_not_named")
    _check_target(target, target_pppk)
    compute = {
        "target": target, "skip_errors": skip_errors, "approved_only": approved_only,
        "target_pppk": target_pppk, "period": period.value,
    }  # fmt: skip
    reports = _history_reports(
        ctx, ledger_file, rules_choice, roster, format, column_choices, sheet, nip, name, compute
    )
    history = employee_history(reports, nip=nip, name=name)
    outputs = Outputs(
        json=lambda: machine.to_json(machine.riwayat_document(history)),
        csv=lambda: machine.riwayat_csv(history),
        show=lambda out, err: views.show_riwayat(history, out, err),
        xlsx=lambda tmp: views.riwayat_xlsx(history, tmp),
        pdf=lambda tmp: views.riwayat_pdf(history, tmp),
    )
    ledger = reports[0].ledger
    emit(outputs, format, output, [Path(ledger.file), roster, *reports[0].rules.files])


def _history_reports(
    ctx, ledger_file, rules_choice, roster, format, column_choices, sheet, nip, name, compute
):
    """The year reports of jp riwayat, the employee chosen as jp kartu chooses: with --nip only
    that employee's rows are checked and computed (the years still those of the whole file)."""
    from jpcli.core.pipeline import employee_ledger, year_reports
    from jpcli.rules import load_rules

    path = _ledger_path(ledger_file)
    if nip and not name:
        rules = load_rules(rules_choice)
        with status_line("Membaca buku kegiatan ...", path, format):
            ahead = _read_ahead(path, csv=_reads_whole("auto", path), one_nip=True, ctx=ctx)
            cut = employee_ledger(
                path, rules, nip, roster, _column_choices(column_choices), ahead, sheet
            )
        if cut is not None:
            with status_line("Menghitung JP ...", path, format):
                return year_reports(cut.ledger, rules, span=(cut.first, cut.latest), **compute)
    rules, ledger = _load(ctx, ledger_file, rules_choice, roster, format, column_choices, sheet)
    with status_line("Menghitung JP ...", path, format):
        return year_reports(ledger, rules, **compute)


@app.command("cek")
@command
def check_targets(
    ctx: typer.Context,
    ledger_file: LedgerArg = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    rules_choice: RulesOpt = None,
    roster: RosterOpt = None,
    target: TargetOpt = None,
    target_pppk: TargetPppkOpt = None,
    period: PeriodOpt = Period.calendar,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    skip_errors: SkipErrorsOpt = False,
    column_choices: ColumnsOpt = None,
    approved_only: ApprovedOnlyOpt = False,
    full: FullOpt = False,
    sheet: SheetOpt = None,
    per_unit: PerUnitOpt = False,
    overwrite: OverwriteOpt = False,
    partitions: PartitionsOpt = "auto",
    processes: ProcessesOpt = 1,
) -> None:
    """Pegawai di bawah targetnya (pegawai tanpa kegiatan ikut, dengan 0 JP), kekurangannya, saran
    untuk mengejarnya, dan rekap per unit. Kode keluar 1 bila ada yang di bawah target, 0 bila tidak
    ada."""
    # a ledger read whole is read (by Arrow) while pandas and the rest of jp are imported
    ahead = _read_ahead(ledger_file, csv=_reads_whole(partitions, ledger_file))
    from jpcli.render import machine, views

    until = _as_of_date(as_of)
    _check_target(target, target_pppk)
    if per_unit and (output is None or (output.suffix and not output.is_dir())):
        raise JpError("per_unit_needs_folder")  # a folder: a path without a suffix, or a folder
    compute = {
        "year": year, "target": target, "skip_errors": skip_errors, "as_of": until,
        "approved_only": approved_only, "target_pppk": target_pppk, "period": period.value,
    }  # fmt: skip
    files = (ledger_file, rules_choice, roster, format, column_choices, sheet, ahead)
    result = _shortfall(ctx, files, (partitions, processes), compute)
    rules, ledger = result.report.rules, result.report.ledger
    outputs = Outputs(
        json=lambda: machine.cek_json_pieces(result),
        csv=lambda: machine.cek_csv(result.short),
        show=lambda out, err: views.show_cek(result, out, err, full),
        xlsx=lambda tmp: views.cek_xlsx(result, tmp),
        pdf=lambda tmp: views.cek_pdf(result, tmp),
    )
    inputs = [Path(ledger.file), roster, *rules.files]
    if per_unit:
        _per_unit(result, output, inputs, overwrite)
    else:
        emit(outputs, format, output, inputs)
    raise typer.Exit(1 if len(result.short) else 0)


def _per_unit(result, folder: Path, inputs: list, overwrite: bool) -> None:
    """jp cek --per-unit -o FOLDER/: one workbook per unit, the whole set or none."""
    from jpcli.render import views

    books = views.unit_workbooks(result)
    how = FolderSet(whole=True, noun="unit", said="per_unit_written")
    emit_each(folder, [name for name, _ in books], [write for _, write in books],
              lambda write, path: write(path), inputs, overwrite, how)  # fmt: skip


@app.command("validasi")
@command
def validate_ledger(
    ctx: typer.Context,
    ledger_file: LedgerArg = None,
    rules_choice: RulesOpt = None,
    roster: RosterOpt = None,
    format: FormatOpt = Format.table,
    column_choices: ColumnsOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """Periksa buku kegiatan (dan daftar pegawai) saja, tanpa menghitung: setiap masalah dengan
    tempatnya. Kode keluar 2 bila ada yang salah, 0 bila tidak (peringatan saja tidak
    menggagalkan)."""
    path = _ledger_path(ledger_file)
    ahead = _read_ahead(path, csv=_reads_whole("auto", path))  # a large CSV: checked in parts
    from jpcli.core.pipeline import validate
    from jpcli.render import machine, views
    from jpcli.rules import load_rules

    result = validate(
        path, load_rules(rules_choice), roster, _column_choices(column_choices), ahead, sheet
    )
    emit(
        Outputs(
            json=lambda: machine.validation_json_pieces(result),
            csv=lambda: machine.problems_csv_pieces(result.problems),
            show=lambda out, err: views.show_validation(result, out),
        ),
        format,
        None,
        [path],
    )
    if result.n_errors:
        raise typer.Exit(2)


@app.command("aturan")
@command
def show_rules(
    ctx: typer.Context, rules_choice: RulesOpt = None, format: FormatOpt = Format.table
) -> None:
    """Aturan konversi yang berlaku: setiap jenis kegiatan dengan satuan, nilai nasional dan
    internasional, batas, dan dasar hukumnya. Persis yang dipakai perhitungan."""
    from jpcli.render import machine
    from jpcli.render.rules_text import rule_rows, rules_json, show_rules
    from jpcli.rules import load_rules

    rules = load_rules(rules_choice)
    rows = rule_rows(rules)
    emit(
        Outputs(
            json=lambda: machine.to_json(rules_json(rules)),
            csv=lambda: machine.rows_csv(rows),
            show=lambda out, err: show_rules(rows, rules, out),
        ),
        format,
        None,
        [],
    )


@app.command("templat")
@command
def write_template(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="PATH.xlsx", help="Berkas templat yang akan dibuat (.xlsx).")
    ],
    rules_choice: RulesOpt = None,
    overwrite: Annotated[
        bool, typer.Option("--timpa", help="Timpa berkas yang sudah ada.")
    ] = False,
) -> None:
    """Buat buku kegiatan kosong siap diisi: sheet kegiatan (daftar pilihan jenis dan lingkup, NIP
    berformat Teks, tanggal dd/mm/yyyy), sheet pegawai, dan sheet petunjuk berisi tabel konversi."""
    from jpcli.files.atomic import write_atomic
    from jpcli.render import console
    from jpcli.render.template import template_workbook
    from jpcli.rules import load_rules

    if path.suffix.lower() != ".xlsx":
        raise JpError("template_suffix", path.name)
    if path.exists() and not overwrite:
        raise JpError("template_exists", path)
    rules = load_rules(rules_choice)
    write_atomic(path, template_workbook(rules).save, list(rules.files))
    console.stderr_console().print(
        f"Templat ditulis: {path}. Isi sheet pegawai dan kegiatan, lalu: jp validasi {path}",
        markup=False,
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jp {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Tampilkan versi jp."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Tampilkan rincian teknis (traceback) bila jp gagal.")
    ] = False,
) -> None:
    """jp: pemenuhan 20 JP pengembangan kompetensi ASN."""
    if not isinstance(ctx.obj, Session):
        ctx.obj = Session()
    ctx.obj.debug = debug


def _usage_error(exc) -> int:
    """A usage error from Typer/Click, in Indonesian, with where to find help."""
    from jpcli.cli import click_i18n
    from jpcli.render import console
    from jpcli.words import visible

    help_hint = f"jp {exc.ctx.info_name} --help" if exc.ctx and exc.ctx.parent else "jp --help"
    if exc.ctx and exc.ctx.info_name == "jp":
        help_hint = "jp --help"
    console.stderr_console().print(
        f"Kesalahan: {visible(click_i18n.translate(exc.format_message()), True, False)}\n"
        f"Bantuan: {help_hint}",
        markup=False,
    )
    return 2


def main(early=None) -> None:
    """Console entry point, and the guard around everything: usage errors from Typer/Click are
    shown in Indonesian (exit 2); whatever else escapes goes through ``_fail`` like a command's
    failure: never a traceback (except with --debug), never an unexplained exit. ``early``: a
    read-ahead started before parsing (``cli.early``)."""
    session = Session(early=early)
    sys.unraisablehook = _quiet_write_failures
    try:
        from jpcli.cli import click_i18n

        click_i18n.install()
        code = app(prog_name="jp", standalone_mode=False, obj=session)
        sys.stdout.flush()  # a closed pipe shows here, inside the guard, not at exit
    except _click.exceptions.UsageError as exc:
        code = _usage_error(exc)
    except _click.exceptions.ClickException as exc:
        from jpcli.cli import click_i18n

        message = click_i18n.translate(exc.format_message())
        code = _fail(JpError("click_error", message), session.debug)
    except _NOT_ERRORS:
        raise
    except BaseException as exc:
        code = _fail(exc, session.debug)
    sys.exit(code if isinstance(code, int) else 0)


def _quiet_write_failures(unraisable) -> None:
    """A file object that could not write (a full disk) fails again when it is closed as garbage
    (openpyxl leaves its zip open after the failed save): jp has already said why the output was
    not written, so that second failure is not printed as a traceback. Anything else is shown
    as Python shows it."""
    error = unraisable.exc_value
    if isinstance(error, OSError) and error.errno in _WRITE_ERRNOS:
        return
    sys.__unraisablehook__(unraisable)


_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EFBIG}


if __name__ == "__main__":  # pragma: no cover
    main()
