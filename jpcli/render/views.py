"""What each command shows on a terminal, built from the tables of ``render.terminal``.

Each view takes what the core computed and two consoles (stdout for the result, stderr for
warnings and notes); it computes nothing.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.text import Text

from jpcli.core import schema as C
from jpcli.core.card import kartu_totals
from jpcli.core.explain import EmployeeCard
from jpcli.core.history import History
from jpcli.core.periods import is_calendar
from jpcli.core.records import Ledger, Report, Validation
from jpcli.core.shortfall import ShortfallReport, mixed_status
from jpcli.problems import Problem
from jpcli.render import terminal
from jpcli.render.console import stderr_console, stdout_console  # noqa: F401 (used by callers)
from jpcli.rules import RuleSet
from jpcli.words import (
    KARTU_TITLE,
    contract_note,
    employment_lines,
    format_date,
    format_nip,
    text,
    visible,
)

_GUIDANCE_SECTION = {"coaching": "§G.4", "mentoring": "§H.4"}  # the Panduan's log formats


def notes(report: Report, printed: bool = False) -> list[str]:
    """The footer of a card: rule set and ledger. ``printed`` (an xlsx to print and sign): the
    ledger's file name, not the folders of the user's computer."""
    ledger = report.ledger
    name = Path(ledger.file).name if printed else ledger.file
    source = f"{name}" + (f" [{ledger.sheet}]" if ledger.sheet else "")
    lines = [f"Aturan: {report.rules.name}", f"Buku: {source}, {ledger.n_rows} baris"]
    kartu = report.kartu
    if C.PERIOD_START in kartu:
        start, end = kartu[C.PERIOD_START], kartu[C.PERIOD_END]
        contract = ~is_calendar(start, end)
        if contract.any():
            lines.append(
                contract_note(
                    kartu.loc[contract, C.NAME].tolist(),
                    start[contract].tolist(),
                    end[contract].tolist(),
                )  # fmt: skip
            )
    return lines


def employment(pegawai: dict, rules: RuleSet) -> list[tuple[str, str]]:
    """Status, period and ceiling lines of one employee's card (``words.employment_lines``)."""
    if C.EMPLOYMENT not in pegawai:
        return []
    target = rules.target_of.get(pegawai[C.EMPLOYMENT])
    ceiling = target.ceiling if target is not None else None
    return employment_lines(
        pegawai[C.EMPLOYMENT], pegawai[C.PERIOD_START], pegawai[C.PERIOD_END], ceiling,
        target.ceiling_citation if ceiling is not None else None,
    )  # fmt: skip


def hitung_xlsx(report: Report, path: Path) -> None:
    """``jp hitung -o kartu.xlsx``: every employee's Lampiran II row, the JUMLAH row, warnings."""
    from jpcli.render.xlsx import write_kartu

    summary = terminal.meets_summary(report.kartu, report.target).plain
    kartu = report.kartu
    write_kartu(
        path,
        kartu,
        kartu_totals(kartu),
        report.year,
        notes(report, True),
        summary,
        report.warnings,
    )


def kartu_xlsx(card: EmployeeCard, report: Report, path: Path) -> None:
    """``jp kartu -o kartu.xlsx``: one employee's card, register and guidance logs."""
    from jpcli.render.xlsx import employee_workbook

    employee_workbook(
        card, report.year, report.rules, notes(report, True), employment(card.pegawai, report.rules)
    ).save(path)


def hitung_pdf(report: Report, path: Path) -> None:
    """``jp hitung -o kartu.pdf``: the card of the xlsx, as a PDF (A4 landscape)."""
    from jpcli.render.pdf import hitung_pdf as write

    summary = terminal.meets_summary(report.kartu, report.target).plain
    kartu = report.kartu
    write(
        path, kartu, kartu_totals(kartu), report.year, notes(report, True), summary,
        list(report.warnings),
    )  # fmt: skip


def kartu_pdf(cards, report: Report, path: Path, done=None) -> int:
    """``jp kartu -o kartu.pdf`` (one card) and ``--semua -o kartu_semua.pdf`` (a section per
    employee); returns how many employees."""
    from jpcli.render.pdf import kartu_pdf as write

    rules = report.rules
    lines = functools.partial(employment, rules=rules)
    return write(path, cards, report.year, rules, notes(report, True), done, lines)


def cek_pdf(result: ShortfallReport, path: Path) -> None:
    """``jp cek -o cek.pdf``: who is below target and the recap per unit."""
    from jpcli.render.pdf import cek_pdf as write

    write(result, notes(result.report, True), path)


def cek_xlsx(result: ShortfallReport, path: Path) -> None:
    """``jp cek -o cek.xlsx``: who is below target, their plans, the recap per unit."""
    from jpcli.render.xlsx import cek_workbook

    cek_workbook(result, notes(result.report, True)).save(path)


def unit_workbooks(result: ShortfallReport) -> list[tuple[str, Callable[[Path], None]]]:
    """``jp cek --per-unit -o FOLDER/``: a file name safe on Windows and a writer for each unit's
    workbook (its employees below target, its recap per sub-unit), in the recap's order."""
    from jpcli.core.shortfall import per_unit
    from jpcli.files.names import file_names

    printed, parts = notes(result.report, True), per_unit(result)
    names = file_names([part.unit for part in parts], ".xlsx", "unit")
    return [
        (name, functools.partial(_save_unit, part, printed)) for name, part in zip(names, parts)
    ]


def _save_unit(part: ShortfallReport, printed: list[str], path: Path) -> None:
    from jpcli.render.xlsx import cek_workbook

    cek_workbook(part, printed).save(path)


def print_warnings(
    err: Console, ledger: Ledger, warnings: tuple[Problem, ...] | list[Problem]
) -> None:
    """Which columns were read (when the file names them otherwise), then the warnings."""
    columns = terminal.columns_text(ledger.headers, ledger.jenis_source)
    if columns:
        err.print(Text(columns, style="dim"), soft_wrap=True)
    terminal.print_problems(err, list(warnings), f"Peringatan ({len(warnings)}):")


def show_hitung(report: Report, out: Console, err: Console, full: bool = False) -> None:
    print_warnings(err, report.ledger, report.warnings)
    compact = out.width < terminal.FULL_WIDTH
    footer = notes(report)
    if compact:
        footer.append(
            "layar sempit: rincian 9 kolom ada di -o kartu.xlsx atau jendela yang lebih lebar"
        )
    out.print(
        terminal.kartu_table(
            report.kartu,
            f"{KARTU_TITLE}\nTAHUN {report.year}",
            "\n".join(footer),
            kartu_totals(report.kartu),
            compact,
            terminal.rows_shown(len(report.kartu), full),
        )
    )
    out.print(terminal.meets_summary(report.kartu, report.target))


def _period(pegawai: dict, year: int) -> str:
    """'tahun 2025', or a contract year's dates."""
    first = pegawai.get(C.PERIOD_START, pd.Timestamp(year, 1, 1))
    last = pegawai.get(C.PERIOD_END, pd.Timestamp(year, 12, 31))
    return (
        f"tahun {year}"
        if is_calendar(first, last)
        else f"{format_date(first)} – {format_date(last)}"
    )


def show_employee_card(card: EmployeeCard, report: Report, out: Console, err: Console) -> None:
    # only the warnings about this employee's rows (and about the file as a whole)
    own_rows = set(report.result.loc[report.result["nip"] == card.pegawai["nip"], "baris"])
    print_warnings(
        err, report.ledger, [m for m in report.warnings if m.row_no is None or m.row_no in own_rows]
    )
    p = card.pegawai
    out.print(Text(f"{KARTU_TITLE}\nTAHUN {report.year}", style="bold", justify="center"))
    identity = [("Nama", p["nama"] or "-"), ("NIP", format_nip(p["nip"]))]
    identity += [
        (label, p[k]) for label, k in (("Unit kerja", "unit"), ("Jabatan", "jabatan")) if p.get(k)
    ]
    identity += employment(p, report.rules)
    identity += [("Aturan", f"{report.rules.name} ({report.rules.title})")]
    for label, value in identity:
        out.print(Text(f"{label:<11}: ", style="bold") + Text(visible(value)))
    out.print()
    out.print(
        terminal.kartu_table(
            pd.DataFrame([{**p, "no": 1}]), "", "", None, compact=out.width < terminal.FULL_WIDTH
        )
    )
    out.print(terminal.progress(p["total"], p["target"]))
    out.print()
    jenis_names = {j.code: j.name for j in report.rules.jenis}
    if len(card.register):
        out.print(
            terminal.register_table(
                card.register, jenis_names, f"Rincian kegiatan {_period(p, report.year)}"
            )
        )
    else:
        out.print(Text(f"Tidak ada kegiatan tercatat {_period(p, report.year)}.", style="bold red"))
    if card.other_years:
        out.print(
            Text(
                f"({card.other_years} kegiatan pada tahun lain tidak ditampilkan; pakai --tahun.)",
                style="dim",
            )
        )
    out.print()
    out.print(
        terminal.monthly_table(
            card.per_month, p["target"], "JP diakui per bulan (menurut tanggal selesai)"
        )
    )
    for code, log in card.guidance_logs.items():
        if len(log):
            out.print()
            title = (
                f"Dokumentasi {jenis_names.get(code, code)} "
                f"(format Panduan {_GUIDANCE_SECTION[code]})"
            )
            out.print(terminal.guidance_table(log, title))


def show_cek(result: ShortfallReport, out: Console, err: Console, full: bool = False) -> None:
    report = result.report
    print_warnings(err, report.ledger, result.warnings)
    n = len(report.kartu)
    out.print(
        Text(
            f"PEMERIKSAAN PEMENUHAN TARGET JP TAHUN {report.year} "
            f"— per {format_date(result.as_of)}, "
            f"sisa {result.months_left} bulan",
            style="bold",
        )
    )
    out.print(Text(visible(" · ".join(notes(report))), style="dim"))
    if not result.with_roster:
        out.print(
            Text(
                "Tanpa daftar pegawai: hanya pegawai yang ada di buku kegiatan yang diperiksa.",
                style="yellow",
            )
        )
    out.print()
    if len(result.short):
        out.print(
            terminal.cek_table(
                result.short,
                f"{len(result.short)} dari {n} pegawai belum memenuhi target:",
                terminal.rows_shown(len(result.short), full),
            )
        )
    else:
        out.print(Text(f"Semua {n} pegawai memenuhi target.", style="bold green"))
    out.print()
    out.print(terminal.recap_table(result.recap, text("recap_title_unit")))
    if result.recap_subunit is not None:
        out.print()
        out.print(terminal.recap_table(result.recap_subunit, text("recap_title_subunit")))
    if mixed_status(result):
        out.print()
        out.print(terminal.recap_table(result.recap_status, text("recap_title_status")))


def show_validation(check: Validation, out: Console) -> None:
    """``jp validasi``: which columns were read, every problem grouped by column, a summary line."""
    columns = terminal.columns_text(check.headers, check.jenis_source)
    if columns:
        out.print(Text(columns, style="dim"), soft_wrap=True)
    terminal.print_problems_grouped(out, check.problems)
    if check.problems:
        text = Text(f"{visible(check.place)}: {check.n_rows} baris dibaca, ")
        text.append(
            f"{check.error_rows} baris salah ({check.n_errors} masalah)"
            if check.n_errors
            else "tidak ada yang salah",
            style="bold red" if check.n_errors else "bold green",
        )
        text.append(f", {check.n_warnings} peringatan.")
    else:
        text = Text(
            f"{visible(check.place)}: {check.n_rows} baris dibaca, tidak ada masalah.",
            style="bold green",
        )
    out.print(text)


# ---------------------------------------------------------------- years side by side


def show_riwayat(history: History, out: Console, err: Console) -> None:
    """``jp riwayat``: who, then one row per year, then how many years met the target."""
    report = history.reports[-1]
    print_warnings(err, report.ledger, history.warnings)
    who, years = history.pegawai, history.years
    out.print(Text(text("history_title"), style="bold", justify="center"))
    identity = [("Nama", who["nama"] or "-"), ("NIP", format_nip(who["nip"]))]
    identity += [("Unit kerja", who["unit"])] if who["unit"] else []
    for label, value in identity:
        out.print(Text(f"{label:<11}: ", style="bold") + Text(visible(value)))
    out.print()
    title = text("history_years", (years["tahun"].min(), years["tahun"].max()))
    out.print(terminal.history_table(years, title, out.width < terminal.FULL_WIDTH))
    met = int(years["memenuhi"].sum())
    out.print(Text(text("history_met", (met, len(years))), style="bold"))
    out.print(Text(visible(" · ".join(history_notes(history))), style="dim"))


def history_notes(history: History, printed: bool = False) -> list[str]:
    """The footer of a history: rule set and ledger, and for a PPPK measured by contract year
    the dates of each year shown (a contract year is named by the year it ends in)."""
    lines = [line for line in notes(history.reports[-1], printed) if "(PPPK)" not in line]
    spans = [
        f"{year} = {format_date(first)}–{format_date(last)}"
        for year, first, last in zip(
            history.years[C.YEAR], history.periods[C.PERIOD_START], history.periods[C.PERIOD_END]
        )  # fmt: skip
        if not is_calendar(first, last)
    ]
    if spans:
        lines.append("Tahun masa perjanjian kerja (PPPK): " + "; ".join(spans))
    return lines


def riwayat_xlsx(history: History, path: Path) -> None:
    """``jp riwayat -o riwayat.xlsx``: the table of years with a chart."""
    from jpcli.render.history import riwayat_workbook

    riwayat_workbook(history, history_notes(history, True)).save(path)


def riwayat_pdf(history: History, path: Path) -> None:
    """``jp riwayat -o riwayat.pdf``: the table of years, ready to sign."""
    from jpcli.render.pdf import riwayat_pdf as write

    write(history, history_notes(history, True), path)


def show_hitung_range(
    reports: list[Report], trend: pd.DataFrame, out: Console, err: Console, full: bool = False
) -> None:
    """``jp hitung --tahun A-B``: each year's card as ``jp hitung --tahun Y`` shows it (the
    warnings once, first), then the trend per employee."""
    from jpcli.core.history import year_warnings

    print_warnings(err, reports[0].ledger, year_warnings(reports))
    said = Console(file=io.StringIO())  # each year's warnings: already said above
    for report in reports:
        show_hitung(report, out, said, full)
        out.print()
    years = [r.year for r in reports]
    title = text("trend_title", (years[0], years[-1]))
    shown = terminal.rows_shown(len(trend), full)
    out.print(terminal.trend_table(trend, years, title, shown))


def hitung_range_xlsx(reports: list[Report], trend: pd.DataFrame, path: Path) -> None:
    """``jp hitung --tahun A-B -o kartu.xlsx``: a card sheet per year and the trend sheet."""
    from jpcli.core.history import year_warnings
    from jpcli.render.history import write_kartu_years

    write_kartu_years(
        path, _year_cards(reports), trend, notes(reports[0], True), list(year_warnings(reports))
    )


def hitung_range_pdf(reports: list[Report], trend: pd.DataFrame, path: Path) -> None:
    """``jp hitung --tahun A-B -o kartu.pdf``: each year's card and the trend in one PDF."""
    from jpcli.core.history import year_warnings
    from jpcli.render.pdf import hitung_range_pdf as write

    cards, printed = _year_cards(reports), notes(reports[0], True)
    write(path, cards, trend, printed, list(year_warnings(reports)))


def _year_cards(reports: list[Report]) -> list[tuple]:
    """(card, its totals, year, the summary line) of each year."""
    return [
        (r.kartu, kartu_totals(r.kartu), r.year, terminal.meets_summary(r.kartu, r.target).plain)
        for r in reports
    ]
