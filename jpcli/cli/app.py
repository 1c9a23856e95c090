"""The ``jp`` command: parse options, call the library, render, exit codes. No logic here.

Exit codes (SPEC §4): 0 done; 1 ``cek`` found someone below target; 2 bad input or
usage; 3 an unexpected internal error (with how to report it).
"""

from __future__ import annotations

import datetime
import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from jpcli import __version__
from jpcli.problems import RuleFileError, JpError, InputError

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


class Format(str, Enum):
    table = "tabel"
    json = "json"
    csv = "csv"


# Options shared by the commands, written once (as sqlite-utils' output_options).
LedgerArg = Annotated[Path | None, typer.Argument(
    metavar="LEDGER", help="Buku kegiatan (.xlsx, .xls, .ods, .csv). Jika tidak diberi: variabel lingkungan JP_LEDGER.",
    envvar="JP_LEDGER", show_default=False, show_envvar=True)]
YearOpt = Annotated[int | None, typer.Option(
    "--tahun", help="Tahun yang dihitung (tahun tanggal selesai kegiatan). Bawaan: tahun terakhir yang ada datanya.",
    min=1900, max=2199, show_default=False)]
AturanOpt = Annotated[str | None, typer.Option(
    "--aturan", help="Aturan konversi: nama bawaan (lan-10-2018, lan-10-2018-ketat) atau path berkas .toml.",
    show_default=False)]
PegawaiOpt = Annotated[Path | None, typer.Option(
    "--pegawai", help="Daftar pegawai (.xlsx/.csv: nip, nama, unit, jabatan, target). Bawaan: sheet 'pegawai' di buku.",
    show_default=False)]
TargetOpt = Annotated[float | None, typer.Option(
    "--target", help="Target JP per pegawai per tahun (bawaan 20; kolom target daftar pegawai lebih diutamakan).",
    show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Bentuk keluaran di layar.")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--keluaran", "-o", help="Tulis ke berkas; jenisnya dari akhiran: .xlsx, .csv, .json.", show_default=False)]
SkipErrorsOpt = Annotated[bool, typer.Option(
    "--lewati-salah", help="Hitung tanpa baris yang salah (dan sebutkan berapa yang dilewati).")]
ColumnsOpt = Annotated[list[str] | None, typer.Option(
    "--kolom", metavar="NAMA=JUDUL", show_default=False,
    help="Pakai kolom berjudul JUDUL sebagai kolom NAMA jp (boleh berulang), misalnya --kolom jenis=\"Bentuk Diklat\". "
         "Nama kolom jp: nip, nama, jenis, sub_jenis, jenis_siasn, lingkup, tanggal_mulai, tanggal_selesai, "
         "tanggal_sertifikat, jumlah, hari, jp, judul, penyelenggara, nomor_sertifikat, status, alasan, keterangan.")]
ApprovedOnlyOpt = Annotated[bool, typer.Option(
    "--hanya-disetujui", help="Hitung hanya baris berstatus disetujui (kolom status/verifikasi); baris ditolak "
                              "tidak pernah dihitung.")]


def _stdout():
    from rich.console import Console

    # Redirected to a file, a table wider than 80 columns must not be cut: use a wide page.
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
    return Console(highlight=False, width=width)


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


_DEBUG = {"aktif": False}
_click = getattr(typer, "_click", None)
if _click is None:  # typer versions that use the click package itself
    import click as _click
_CLICK_EXITS = (typer.Exit, typer.Abort, _click.exceptions.ClickException)


def command(fn):
    """Domain errors become an Indonesian message and exit 2; anything unexpected a short
    message with how to report it and exit 3. A traceback only with ``jp --debug``."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            from jpcli.render.terminal import print_problems

            err = _stderr()
            print_problems(err, exc.problems, "Masalah pada masukan:")
            if exc.summary:
                err.print(exc.summary, markup=False)
            raise typer.Exit(2) from None
        except (RuleFileError, JpError) as exc:
            _stderr().print(f"Kesalahan: {exc}", markup=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            _stderr().print("Dihentikan.", markup=False)
            raise typer.Exit(130) from None
        except Exception as exc:
            if _DEBUG["aktif"] or isinstance(exc, _CLICK_EXITS):
                raise
            _stderr().print(
                f"Kesalahan internal jp {__version__} (bukan kesalahan isi berkas Anda): "
                f"{type(exc).__name__}: {exc}\n"
                "Mohon laporkan ke pengelola jp: sertakan perintah yang dijalankan dan, bila boleh, berkasnya. "
                "Jalankan ulang dengan jp --debug ... untuk melihat rinciannya.",
                markup=False,
            )
            raise typer.Exit(3) from None

    return wrapper


def _ledger_path(ledger_file: Path | None) -> Path:
    if ledger_file is None:
        raise JpError(
            "Buku kegiatan belum disebut. Beri path berkasnya, misalnya: jp hitung buku_kegiatan.xlsx, "
            "atau isi variabel lingkungan JP_LEDGER."
        )
    return ledger_file


def _column_choices(column_choices: list[str] | None) -> dict[str, str]:
    """--kolom NAMA=JUDUL, repeated -> {NAMA: JUDUL}, checked against jp's column names."""
    from jpcli.files.columns import KEGIATAN

    mapping = {}
    for text in column_choices or []:
        name, marker, title = text.partition("=")
        name, title = name.strip().lower(), title.strip().strip('"')
        if not marker or not name or not title:
            raise JpError(f"--kolom {text!r}: tulis NAMA=JUDUL, misalnya --kolom jenis=\"Jenis Diklat\".")
        if name not in KEGIATAN.column:
            raise JpError(f"--kolom {text!r}: {name!r} bukan nama kolom jp. Nama kolom jp: {', '.join(KEGIATAN.column)}.")
        mapping[name] = title
    return mapping


def _load(ledger_file, rules_choice, pegawai, format, column_choices=None):
    """The rule set and the loaded ledger (with a status line while a large file is read)."""
    from jpcli.core.pipeline import load_ledger
    from jpcli.rules import load_rules

    rules = load_rules(rules_choice)
    path = _ledger_path(ledger_file)
    mapping = _column_choices(column_choices)
    with _status_line("Membaca dan memeriksa buku kegiatan ...", path, format):
        return rules, load_ledger(path, rules, roster_path=pegawai, column=mapping)


def _report(ledger_file, year, rules_choice, pegawai, target, skip_errors, format, partitions: int = 1, processes: int = 1,
             column_choices=None, approved_only: bool = False):
    from jpcli.core.pipeline import build_report

    rules, ledger = _load(ledger_file, rules_choice, pegawai, format, column_choices)
    with _status_line("Menghitung JP ...", Path(ledger.file), format):
        return build_report(ledger, rules, year=year, target=target, skip_errors=skip_errors, partitions=partitions, processes=processes,
                     approved_only=approved_only)


_LARGE_INPUT = 4 * 1024 * 1024  # inputs past this take about a second or more: show what jp is doing


def _status_line(message: str, path: Path | None, format: Format | None):
    """A status line on stderr for slow steps; never on stdout, never when stdout is not a
    terminal (a script reads it) or the output is JSON, never for small inputs."""
    import contextlib

    try:
        large = path is None or path.stat().st_size > _LARGE_INPUT
    except OSError:
        large = False
    if not (large and sys.stdout.isatty() and sys.stderr.isatty() and format is not Format.json):
        return contextlib.nullcontext()
    return _stderr().status(message)


def _notes(report) -> list[str]:
    ledger = report.ledger
    citation = f"{ledger.file}" + (f" [{ledger.sheet}]" if ledger.sheet else "")
    return [f"Aturan: {report.rules.name}", f"Buku: {citation}, {ledger.n_rows} baris"]


def _write(path: Path, report, write_xlsx, text_outputs: dict[str, callable]) -> None:
    """Write ``-o`` output by suffix, atomically, never over an input file.

    ``tulis_xlsx(tmp_path)`` writes the workbook to the temporary path it is given."""
    from jpcli.files.atomic import write_atomic

    suffix = path.suffix.lower()
    inputs = [Path(report.ledger.file)]
    if suffix == ".xlsx":
        with _status_line(f"Menulis {path.name} ...", Path(report.ledger.file), None):
            write_atomic(path, write_xlsx, inputs)
    elif suffix in text_outputs:
        text = text_outputs[suffix]()
        write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs)
    else:
        raise JpError(f"Akhiran berkas keluaran {path.suffix or '(kosong)'} tidak dikenal; pakai .xlsx, .csv atau .json.")
    _stderr().print(f"Ditulis: {path}", markup=False)


def _print_warnings(report, warnings=None) -> None:
    from rich.text import Text

    from jpcli.render.terminal import print_problems, columns_text

    warnings = report.warnings if warnings is None else warnings
    err = _stderr()
    column_choices = columns_text(report.ledger.column, report.ledger.jenis_source)
    if column_choices:
        err.print(Text(column_choices, style="dim"), soft_wrap=True)
    print_problems(err, warnings, f"Peringatan ({len(warnings)}):")


@app.command()
@command
def hitung(
    ledger_file: LedgerArg = None,
    year: YearOpt = None,
    rules_choice: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    target: TargetOpt = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    skip_errors: SkipErrorsOpt = False,
    partitions: Annotated[int, typer.Option(
        "--partisi", min=1, help="Hitung per bagian pegawai (menurut hash NIP); hasilnya sama. Untuk buku sangat besar.")] = 1,
    processes: Annotated[int, typer.Option(
        "--proses", min=1, help="Jumlah proses paralel untuk --partisi.")] = 1,
    column_choices: ColumnsOpt = None,
    approved_only: ApprovedOnlyOpt = False,
) -> None:
    """Kartu Lampiran II semua pegawai untuk satu tahun, dengan baris jumlah dan status 20 JP."""
    from jpcli.core.card import kartu_totals
    from jpcli.render import machine

    report = _report(ledger_file, year, rules_choice, pegawai, target, skip_errors, format, partitions, processes, column_choices,
                       approved_only)
    kartu = report.kartu
    quantity = kartu_totals(kartu)

    def document():
        return machine.document(report.year, report.rules.name, report.target, kartu, report.warnings)

    if output is not None:
        from jpcli.render.terminal import meets_summary

        def write_xlsx(tmp: Path) -> None:
            from jpcli.render.xlsx import write_kartu

            write_kartu(tmp, kartu, quantity, report.year, _notes(report),
                        meets_summary(kartu, report.target).plain, report.warnings)

        _write(output, report, write_xlsx, {
            ".json": lambda: machine.to_json(document()),
            ".csv": lambda: machine.kartu_csv(kartu),
        })
        return
    if format is Format.json:
        sys.stdout.write(machine.to_json(document()))
        return
    if format is Format.csv:
        sys.stdout.write(machine.kartu_csv(kartu))
        return

    from jpcli.core.card import KARTU_TITLE
    from jpcli.render.terminal import meets_summary, kartu_table

    _print_warnings(report)
    from jpcli.render.terminal import FULL_WIDTH

    out = _stdout()
    compact = out.width < FULL_WIDTH
    notes = _notes(report)
    if compact:
        notes.append("layar sempit: rincian 9 kolom ada di -o kartu.xlsx atau jendela yang lebih lebar")
    out.print(kartu_table(kartu, f"{KARTU_TITLE}\nTAHUN {report.year}", "\n".join(notes), quantity, compact))
    out.print(meets_summary(kartu, report.target))


@app.command()
@command
def kartu(
    ledger_file: LedgerArg = None,
    nip: Annotated[str | None, typer.Option(
        "--nip", help="NIP pegawai, lengkap (boleh dengan spasi) atau awalannya yang unik.", show_default=False)] = None,
    name: Annotated[str | None, typer.Option(
        "--nama", help="Cari pegawai menurut sebagian namanya (huruf besar/kecil sama).", show_default=False)] = None,
    year: YearOpt = None,
    rules_choice: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    target: TargetOpt = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    skip_errors: SkipErrorsOpt = False,
    column_choices: ColumnsOpt = None,
    approved_only: ApprovedOnlyOpt = False,
) -> None:
    """Kartu satu pegawai: setiap kegiatan dengan JP mentah, JP diakui dan alasannya, kemajuan ke target,
    dan catatan coaching/mentoring menurut format Panduan."""
    from jpcli.core import explain
    from jpcli.render import machine

    report = _report(ledger_file, year, rules_choice, pegawai, target, skip_errors, format, column_choices=column_choices,
                       approved_only=approved_only)
    card = explain.employee_card(report, explain.find_employee(report.kartu, nip=nip, name=name))

    if output is not None:
        def workbook_xlsx(tmp: Path) -> None:
            from jpcli.render.xlsx import employee_workbook

            employee_workbook(card, report.year, report.rules, _notes(report)).save(tmp)

        _write(output, report, workbook_xlsx, {
            ".json": lambda: machine.to_json(machine.kartu_document(card)),
            ".csv": lambda: machine.register_csv(card.register),
        })
        return
    if format is Format.json:
        sys.stdout.write(machine.to_json(machine.kartu_document(card)))
        return
    if format is Format.csv:
        sys.stdout.write(machine.register_csv(card.register))
        return
    # only the warnings about this employee's rows (and about the file as a whole)
    own_rows = set(report.result.loc[report.result["nip"] == card.pegawai["nip"], "baris"])
    report.warnings = [m for m in report.warnings if m.row_no is None or m.row_no in own_rows]
    _print_warnings(report)
    _show_employee_card(card, report)


def _show_employee_card(card, report) -> None:
    import pandas as pd
    from rich.text import Text

    from jpcli.core.card import KARTU_TITLE
    from jpcli.render import terminal
    from jpcli.render.fmt import format_nip

    out = _stdout()
    p = card.pegawai
    out.print(Text(f"{KARTU_TITLE}\nTAHUN {report.year}", style="bold", justify="center"))
    identity = [("Nama", p["nama"] or "-"), ("NIP", format_nip(p["nip"]))]
    identity += [(label, p[k]) for label, k in (("Unit kerja", "unit"), ("Jabatan", "jabatan")) if p.get(k)]
    identity += [("Aturan", f"{report.rules.name} ({report.rules.title})")]
    for label, value in identity:
        out.print(Text(f"{label:<11}: ", style="bold") + Text(str(value)))
    out.print()
    out.print(terminal.kartu_table(pd.DataFrame([p]), "", "", None, compact=out.width < terminal.FULL_WIDTH))
    out.print(terminal.progress(p["total"], p["target"]))
    out.print()
    jenis_names = {j.code: j.name for j in report.rules.jenis}
    if len(card.register):
        out.print(terminal.register_table(card.register, jenis_names, f"Rincian kegiatan tahun {report.year}"))
    else:
        out.print(Text(f"Tidak ada kegiatan tercatat pada tahun {report.year}.", style="bold red"))
    if card.other_years:
        out.print(Text(f"({card.other_years} kegiatan pada tahun lain tidak ditampilkan; pakai --tahun.)", style="dim"))
    out.print()
    out.print(terminal.monthly_table(card.per_month, p["target"], "JP diakui per bulan (menurut tanggal selesai)"))
    for code, log in card.guidance_logs.items():
        if len(log):
            out.print()
            parts = {"coaching": "§G.4", "mentoring": "§H.4"}[code]
            out.print(terminal.guidance_table(log, f"Dokumentasi {jenis_names.get(code, code)} (format Panduan {parts})"))


@app.command()
@command
def cek(
    ledger_file: LedgerArg = None,
    as_of: Annotated[datetime.datetime | None, typer.Option(
        "--per-tanggal", formats=["%Y-%m-%d", "%d/%m/%Y"], show_default=False,
        help="Hitung hanya kegiatan yang selesai sampai tanggal ini (YYYY-MM-DD). Bawaan: hari ini bila "
             "masih di tahun yang diperiksa, selain itu akhir tahun itu.")] = None,
    year: YearOpt = None,
    rules_choice: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    target: TargetOpt = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    skip_errors: SkipErrorsOpt = False,
    column_choices: ColumnsOpt = None,
    approved_only: ApprovedOnlyOpt = False,
) -> None:
    """Pegawai di bawah targetnya (pegawai tanpa kegiatan ikut, dengan 0 JP), kekurangannya, saran
    untuk mengejarnya, dan rekap per unit. Kode keluar 1 bila ada yang di bawah target, 0 bila tidak ada."""
    from jpcli.core.shortfall import check
    from jpcli.render import machine

    rules, ledger = _load(ledger_file, rules_choice, pegawai, format, column_choices)
    with _status_line("Menghitung JP ...", Path(ledger.file), format):
        result = check(ledger, rules, year=year, target=target, skip_errors=skip_errors,
                        as_of=as_of.date() if as_of else None, approved_only=approved_only)
    report = result.report

    def document():
        return machine.cek_document(result)

    if output is not None:
        def workbook_xlsx(tmp: Path) -> None:
            from jpcli.render.xlsx import cek_workbook

            cek_workbook(result, _notes(report)).save(tmp)

        _write(output, report, workbook_xlsx, {
            ".json": lambda: machine.to_json(document()),
            ".csv": lambda: machine.cek_csv(result.short),
        })
    elif format is Format.json:
        sys.stdout.write(machine.to_json(document()))
    elif format is Format.csv:
        sys.stdout.write(machine.cek_csv(result.short))
    else:
        _show_cek(result)
    raise typer.Exit(1 if len(result.short) else 0)


def _show_cek(result) -> None:
    from rich.text import Text

    from jpcli.render import terminal
    from jpcli.render.fmt import format_date

    report = result.report
    printer = _stderr()
    _print_warnings(report, result.warnings)
    out = _stdout()
    n = len(report.kartu)
    out.print(Text(
        f"PEMERIKSAAN PEMENUHAN TARGET JP TAHUN {report.year} — per {format_date(result.as_of)}, "
        f"sisa {result.months_left} bulan", style="bold"))
    out.print(Text(" · ".join(_notes(report)), style="dim"))
    if not result.with_roster:
        out.print(Text("Tanpa daftar pegawai: hanya pegawai yang ada di buku kegiatan yang diperiksa.", style="yellow"))
    out.print()
    if len(result.short):
        out.print(terminal.cek_table(result.short, f"{len(result.short)} dari {n} pegawai belum memenuhi target:"))
    else:
        out.print(Text(f"Semua {n} pegawai memenuhi target.", style="bold green"))
    out.print()
    out.print(terminal.recap_table(result.recap, "Rekap per unit"))


@app.command()
@command
def validasi(
    ledger_file: LedgerArg = None,
    rules_choice: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    format: FormatOpt = Format.table,
    column_choices: ColumnsOpt = None,
) -> None:
    """Periksa buku kegiatan (dan daftar pegawai) saja, tanpa menghitung: setiap masalah dengan tempatnya.
    Kode keluar 2 bila ada yang salah, 0 bila tidak (peringatan saja tidak menggagalkan)."""
    from jpcli.core.pipeline import load_ledger
    from jpcli.render import machine
    from jpcli.rules import load_rules

    rules = load_rules(rules_choice)
    path = _ledger_path(ledger_file)
    mapping = _column_choices(column_choices)
    column_choices, jenis_source = {}, {}
    try:
        ledger = load_ledger(path, rules, roster_path=pegawai, column=mapping)
        problems, n_rows, place = ledger.problems, ledger.n_rows, f"{ledger.file}" + (f" [{ledger.sheet}]" if ledger.sheet else "")
        column_choices, jenis_source = ledger.column, ledger.jenis_source
    except InputError as exc:  # the file could not be read at all
        problems, n_rows, place = exc.problems, 0, str(path)
    errors = [m for m in problems if m.level == "salah"]
    error_rows = len({(m.file, m.sheet, m.row_no) for m in errors if m.row_no is not None})
    compact = {"baris_dibaca": n_rows, "baris_salah": error_rows, "salah": len(errors),
               "peringatan": len(problems) - len(errors)}
    if format is Format.json:
        sys.stdout.write(machine.to_json({"file": str(path), **compact, "masalah": machine.problems(problems),
                                       "kolom": column_choices, "sumber_jenis": jenis_source}))
    elif format is Format.csv:
        sys.stdout.write(machine.problems_csv(problems))
    else:
        from rich.text import Text

        from jpcli.render.terminal import print_problems_grouped

        from jpcli.render.terminal import columns_text

        out = _stdout()
        if columns_text(column_choices, jenis_source):
            out.print(Text(columns_text(column_choices, jenis_source), style="dim"), soft_wrap=True)
        print_problems_grouped(out, problems)
        if problems:
            text = Text(f"{place}: {n_rows} baris dibaca, ")
            text.append(f"{error_rows} baris salah ({len(errors)} masalah)" if errors else "tidak ada yang salah",
                        style="bold red" if errors else "bold green")
            text.append(f", {compact['peringatan']} peringatan.")
        else:
            text = Text(f"{place}: {n_rows} baris dibaca, tidak ada masalah.", style="bold green")
        out.print(text)
    if errors:
        raise typer.Exit(2)


@app.command("aturan")
@command
def show_aturan(rules_choice: AturanOpt = None, format: FormatOpt = Format.table) -> None:
    """Aturan konversi yang berlaku: setiap jenis kegiatan dengan satuan, nilai nasional dan internasional,
    batas, dan dasar hukumnya. Persis yang dipakai perhitungan."""
    from jpcli.render.rules_text import rules_json, rule_rows
    from jpcli.rules import load_rules

    rules = load_rules(rules_choice)
    if format is Format.json:
        from jpcli.render.machine import to_json

        sys.stdout.write(to_json(rules_json(rules)))
        return
    rows = rule_rows(rules)
    if format is Format.csv:
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    from jpcli.render.terminal import rules_table

    _stdout().print(rules_table(rows, f"Aturan {rules.name}: {rules.title}",
                                 f"Asal: {rules.origin}. Kolom jenis di buku kegiatan menerima kode atau nama lain. "
                                 "Batas (maks.) dihitung per pegawai per hari atau bulan kalender; baris nasional dan "
                                 "internasional memakai batas yang sama. Pengali (× 1,2) dihitung sesudah batas."))


@app.command()
@command
def templat(
    path: Annotated[Path, typer.Argument(metavar="PATH.xlsx", help="Berkas templat yang akan dibuat (.xlsx).")],
    rules_choice: AturanOpt = None,
    overwrite: Annotated[bool, typer.Option("--timpa", help="Timpa berkas yang sudah ada.")] = False,
) -> None:
    """Buat buku kegiatan kosong siap diisi: sheet kegiatan (daftar pilihan jenis dan lingkup, NIP berformat
    Teks, tanggal dd/mm/yyyy), sheet pegawai, dan sheet petunjuk berisi tabel konversi."""
    from jpcli.files.atomic import write_atomic
    from jpcli.render.template import template_workbook
    from jpcli.rules import load_rules

    if path.suffix.lower() != ".xlsx":
        raise JpError(f"Templat ditulis sebagai .xlsx; beri nama berkas berakhiran .xlsx (bukan {path.name}).")
    if path.exists() and not overwrite:
        raise JpError(f"{path} sudah ada; tidak ditimpa. Pakai nama lain, atau tambahkan --timpa.")
    wb = template_workbook(load_rules(rules_choice))
    write_atomic(path, wb.save)
    _stderr().print(f"Templat ditulis: {path}. Isi sheet pegawai dan kegiatan, lalu: jp validasi {path}", markup=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jp {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Tampilkan versi jp.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Tampilkan rincian teknis (traceback) bila jp gagal.")] = False,
) -> None:
    """jp: pemenuhan 20 JP pengembangan kompetensi ASN."""
    _DEBUG["aktif"] = debug


def main() -> None:
    """Console entry point: usage errors from Typer/Click are shown in Indonesian, exit 2."""
    from jpcli.cli import click_i18n
    from jpcli.files import read_ahead

    read_ahead.start(sys.argv[1:])  # read a workbook ahead while the rest of jp is imported
    click_i18n.install()
    click = _click
    try:
        code = app(prog_name="jp", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        help_hint = f"jp {exc.ctx.info_name} --help" if exc.ctx and exc.ctx.parent else "jp --help"
        if exc.ctx and exc.ctx.info_name == "jp":
            help_hint = "jp --help"
        _stderr().print(f"Kesalahan: {click_i18n.translate(exc.format_message())}\nBantuan: {help_hint}", markup=False)
        sys.exit(2)
    except click.exceptions.Abort:
        _stderr().print("Dibatalkan.", markup=False)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
