"""Terminal rendering with rich: the card, problems and warnings. User data never as markup."""

from __future__ import annotations

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from jpcli.problems import Problem
from jpcli.render.console import titled_table
from jpcli.rules import JP_COLUMNS, KLASIKAL_COLUMNS, NONKLASIKAL_COLUMNS, TOLERANCE
from jpcli.words import (
    MONTHS,
    SATUAN_WORD,
    format_jp,
    guidance_topic,
    kartu_status,
    plan_text,
    reason_text,
    text,
    visible,
    weekday_date,
)

MAX_SHOWN = 100  # problems listed before "... dan N lagi"
# rows of one employee's register (and guidance log) drawn on a terminal; the rest are in
# -o kartu.xlsx (rich lays a table out as a whole: 100k rows took minutes)
MAX_ROWS_SHOWN = 500
SCREENFUL = 50  # rows shown of a list of employees longer than MAX_ROWS_SHOWN, unless --lengkap


def rows_shown(n_rows: int, full: bool) -> int:
    """How many employees a terminal list shows: all up to ``MAX_ROWS_SHOWN`` (or with
    ``--lengkap``), else a screenful; the summary and the JUMLAH row still count them all."""
    return n_rows if full or n_rows <= MAX_ROWS_SHOWN else SCREENFUL


def _employees_hidden(n_rows: int, shown: int, path: str) -> str:
    return text("employees_hidden", (n_rows - shown, path)) if shown < n_rows else ""


def cell(value: object, shorten: bool = True) -> Text:
    """A value from a file as a table cell: made ``visible`` (no escape sequence reaches the
    terminal, nothing hides), a line break kept, never markup."""
    return Text(visible(value, newlines=True, shorten=shorten))


def status(row) -> Text:
    return Text(
        kartu_status(row["memenuhi"], row["kurang"]),
        style="green" if row["memenuhi"] else "bold red",
    )


FULL_WIDTH = 140  # narrower consoles get the compact card (KLASIKAL / NON KLASIKAL subtotals)
SHORT_TITLES = {  # terminal headings; the xlsx card uses the full Lampiran II headings
    "pendidikan": "Pendidikan",
    "pelatihan": "Pelatihan",
    "sosialisasi": "Sosialisasi",
    "workshop": "Workshop",
    "klasikal_lain": "Lain-lain",
    "coaching": "Coaching",
    "mentoring": "Mentoring",
    "belajar_mandiri": "B. mandiri",
    "nonklasikal_lain": "Lain-lain",
}


def _heading(band: str, column: str) -> Text:
    text = Text(band + "\n", style="bold")
    text.append(column, style="bold" if not band else "")
    return text


def kartu_table(
    kartu: pd.DataFrame,
    title: str,
    notes: str,
    totals: dict[str, float] | None,
    compact: bool = False,
    shown: int | None = None,
) -> Table:
    """Lampiran II as a rich table: grouped KLASIKAL / NON KLASIKAL headers, totals row.

    NIP is printed under the name. ``compact`` (narrow terminals) shows the KLASIKAL and
    NON KLASIKAL subtotals instead of their eight columns. ``shown``: the first employees shown
    (all when None); the totals row still sums them all.
    """
    shown = len(kartu) if shown is None else shown
    lines = [*map(visible, notes.split("\n")), _employees_hidden(len(kartu), shown, "kartu.xlsx")]
    table = titled_table(
        cell(title),
        Text("\n".join(line for line in lines if line)),
        title_justify="center",
        collapse_padding=True,
    )
    table.add_column(_heading("", "NO"), justify="right", no_wrap=True)
    table.add_column(_heading("", "NAMA / NIP"), overflow="fold", min_width=18)
    group = _kartu_groups(compact)
    for band, name_text, _ in group.values():
        table.add_column(_heading(band, name_text), justify="right", no_wrap=True)
    table.add_column(_heading("", "TOTAL"), justify="right", no_wrap=True, style="bold")
    table.add_column(_heading("", "STATUS"), no_wrap=True)

    def figures(row) -> list[str]:
        return [format_jp(sum(row[c] for c in cols)) for _, _, cols in group.values()]

    for row in kartu.head(shown).to_dict("records"):
        name_text = cell(row["nama"] or "(tanpa nama)")
        name_text.append("\n" + visible(row["nip"]), style="dim")
        table.add_row(
            str(row["no"]), name_text, *figures(row), format_jp(row["total"]), status(row)
        )
    if totals is not None:
        table.add_section()
        table.add_row(
            "", Text("JUMLAH", style="bold"), *figures(totals), format_jp(totals["total"]), ""
        )
    return table


def _kartu_groups(compact: bool) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """The figure columns of the terminal card: (band above, heading, card columns summed)."""
    if compact:
        return {
            "pendidikan": ("", "PENDIDIKAN", ("pendidikan",)),
            "klasikal": ("", "KLASIKAL", KLASIKAL_COLUMNS),
            "nonklasikal": ("", "NON KLASIKAL", NONKLASIKAL_COLUMNS),
        }
    band = {KLASIKAL_COLUMNS[0]: "KLASIKAL", NONKLASIKAL_COLUMNS[0]: "NON KLASIKAL"}
    return {col: (band.get(col, ""), SHORT_TITLES[col], (col,)) for col in JP_COLUMNS}


def history_table(years: pd.DataFrame, title: str, compact: bool = False) -> Table:
    """``jp riwayat``: one row per year, the card's figures (KLASIKAL / NON KLASIKAL subtotals
    when ``compact``), total, target and status."""
    table = titled_table(cell(title), title_justify="center", collapse_padding=True)
    table.add_column(_heading("", "TAHUN"), no_wrap=True)
    group = _kartu_groups(compact)
    for band, name_text, _ in group.values():
        table.add_column(_heading(band, name_text), justify="right", no_wrap=True)
    table.add_column(_heading("", "TOTAL"), justify="right", no_wrap=True, style="bold")
    table.add_column(_heading("", "TARGET"), justify="right", no_wrap=True)
    table.add_column(_heading("", "STATUS"), no_wrap=True)
    for row in years.to_dict("records"):  # one row per year
        figures = [format_jp(sum(row[c] for c in cols)) for _, _, cols in group.values()]
        table.add_row(
            str(row["tahun"]), *figures, format_jp(row["total"]), format_jp(row["target"]),
            status(row),
        )  # fmt: skip
    return table


def trend_table(trend: pd.DataFrame, years: list[int], title: str, shown: int) -> Table:
    """``jp hitung --tahun A-B``: every employee's total per year (red when below target) and
    the years met."""
    lines = _employees_hidden(len(trend), shown, "kartu.xlsx")
    table = titled_table(cell(title), Text(lines) if lines else None, collapse_padding=True)
    table.add_column("NO", justify="right", no_wrap=True)
    table.add_column("NAMA / NIP", overflow="fold", min_width=18)
    for year in years:
        table.add_column(str(year), justify="right", no_wrap=True)
    table.add_column("TAHUN MEMENUHI", justify="right", no_wrap=True)
    for row in trend.head(shown).to_dict("records"):
        name_text = cell(row["nama"] or "(tanpa nama)")
        name_text.append("\n" + visible(row["nip"]), style="dim")
        figures = [
            Text(format_jp(row[f"total_{y}"]), style="" if row[f"memenuhi_{y}"] else "red")
            for y in years
        ]
        table.add_row(
            str(row["no"]), name_text, *figures, f"{row['tahun_memenuhi']} dari {len(years)}"
        )
    return table


def meets_summary(kartu: pd.DataFrame, target: float) -> Text:
    n = len(kartu)
    ok = int(kartu["memenuhi"].sum())
    uniform = kartu["target"].nunique() <= 1
    goal = f"{format_jp(kartu['target'].iloc[0] if n else target)} JP" if uniform else "targetnya"
    text = Text(f"{ok} dari {n} pegawai memenuhi {goal}", style="bold")
    if n - ok:
        text.append(f"; {n - ok} belum memenuhi.", style="bold red")
    else:
        text.append(".", style="bold")
    return text


def columns_text(column: dict[str, str], jenis_source: dict[str, int]) -> str:
    """Which header each column of jp was read from, where the file names it otherwise, and how many
    rows took their jenis from each column when several were used ('' when there is nothing to
    say)."""
    from jpcli.files.columns import match_key

    parts = [
        f'{name_text} ← "{visible(title)}"'
        for name_text, title in column.items()
        if match_key(title) != name_text
    ]
    if jenis_source:
        parts.append(
            "jenis per baris dari kolom pertama yang dikenal: "
            + ", ".join(f'"{visible(title)}" {n} baris' for title, n in jenis_source.items())
        )
    return ("Kolom dibaca: " + "; ".join(parts) + ".") if parts else ""


def print_problems(console: Console, problems: list[Problem], title: str) -> None:
    """Problems with their place, one per line; a very long list is shortened."""
    if not problems:
        return
    console.print(Text(title, style="bold red" if problems[0].level == "salah" else "bold yellow"))
    for m in problems[:MAX_SHOWN]:
        console.print(Text(f"  {m}"), soft_wrap=True)
    if len(problems) > MAX_SHOWN:
        console.print(
            Text(
                f"  ... dan {len(problems) - MAX_SHOWN} lagi "
                "(daftar lengkap: jp validasi --format json)."
            )
        )


# ---------------------------------------------------------------- jp kartu


def quantity_text(quantity: float, satuan: str) -> str:
    return f"{format_jp(quantity)} {SATUAN_WORD.get(satuan, satuan)}"


_REGISTER_COLUMNS = (
    ("No", {"justify": "right"}),
    ("Baris", {"justify": "right"}),
    ("Mulai", {}),
    ("Selesai", {}),
    ("Jenis", {}),
    ("Lingkup", {}),
    ("Judul / materi", {"ratio": 2}),
    ("Jumlah", {"justify": "right"}),
    ("JP tertulis", {"justify": "right"}),
    ("JP mentah", {"justify": "right"}),
    ("JP diakui", {"justify": "right", "style": "bold"}),
    ("Alasan tidak diakui penuh", {"ratio": 3}),
)


def _rows_hidden(n_rows: int) -> Text | None:
    """The line under a table cut at ``MAX_ROWS_SHOWN`` rows, or None when it is whole."""
    hidden = n_rows - MAX_ROWS_SHOWN
    if hidden <= 0:
        return None
    return Text(text("register_rows_hidden", (hidden, "kartu.xlsx")), style="dim")


def register_table(register: pd.DataFrame, jenis_names: dict[str, str], title: str) -> Table:
    """The register: every activity with raw JP, counted JP and the reason for any difference.
    The stated-JP column only when a row has one. At most ``MAX_ROWS_SHOWN`` rows; the JUMLAH
    row sums them all."""
    table = titled_table(cell(title), _rows_hidden(len(register)), collapse_padding=True)
    written = bool(register["jp_tertulis"].notna().any())
    for name, opts in _REGISTER_COLUMNS:
        if name != "JP tertulis" or written:
            no_wrap = name in ("Mulai", "Selesai", "Jumlah")
            table.add_column(name, overflow="fold", no_wrap=no_wrap, **opts)
    for i, row in enumerate(register.head(MAX_ROWS_SHOWN).itertuples(), start=1):
        stated = format_jp(row.jp_tertulis) if row.jp_tertulis == row.jp_tertulis else ""
        table.add_row(
            str(i),
            str(row.baris),
            row.tanggal_mulai.strftime("%d/%m/%Y"),
            row.tanggal_selesai.strftime("%d/%m/%Y"),
            cell(jenis_names.get(row.jenis, row.jenis)),
            visible(row.lingkup),
            _title_and_certificate(row),
            quantity_text(row.jumlah, row.satuan),
            *([stated] if written else []),
            format_jp(row.jp_mentah),
            format_jp(row.jp_diakui),
            Text(reason_text(row.alasan), style="yellow"),
        )
    table.add_section()
    blank = [""] * (9 if written else 8)  # the columns before JP mentah
    blank[4] = Text("JUMLAH", style="bold")
    table.add_row(
        *blank,
        format_jp(register["jp_mentah"].sum()),
        format_jp(register["jp_diakui"].sum()),
        "",
    )
    return table


def _title_and_certificate(row) -> Text:
    """The title, with the certificate's number and date beneath it when the ledger has them."""
    text = cell(row.judul or "-")
    number, dates = getattr(row, "nomor_sertifikat", ""), getattr(row, "tanggal_sertifikat", pd.NaT)
    if number or not pd.isna(dates):
        parts = [
            f"No. {visible(number)}" if number else "",
            f"tgl. {dates.strftime('%d/%m/%Y')}" if not pd.isna(dates) else "",
        ]
        text.append("\nsertifikat " + " ".join(b for b in parts if b), style="dim")
    return text


def bar_text(value: float, maximum: float, width: int) -> str:
    content = 0 if maximum <= 0 else min(width, round(width * value / maximum))
    return "█" * content + "░" * (width - content)


def progress(total: float, target: float, width: int = 40) -> Text:
    percent = 100 * total / target if target else 100.0
    text = Text("Kemajuan: ", style="bold")
    text.append(bar_text(total, target, width), style="green" if total >= target - 0.005 else "red")
    text.append(
        f"  {format_jp(total)} dari {format_jp(target)} JP ({format_jp(min(percent, 999))}%)"
    )
    if total < target - 0.005:
        text.append(f" — kurang {format_jp(target - total)} JP", style="bold red")
    else:
        text.append(" — memenuhi", style="bold green")
    return text


def monthly_table(per_month: pd.DataFrame, target: float, title: str, width: int = 30) -> Table:
    """JP per month and cumulative, with a bar of the cumulative against the target."""
    maximum = max(target, float(per_month["kumulatif"].max()))
    table = titled_table(cell(title), box=None, show_edge=True)
    table.add_column("Bulan")
    table.add_column("JP", justify="right")
    table.add_column("Kumulatif", justify="right")
    table.add_column(f"0 ─── target {format_jp(target)} JP", no_wrap=True)
    line = round(width * target / maximum)
    for row in per_month.itertuples():
        bar = bar_text(row.kumulatif, maximum, width)
        bar = bar[:line] + "┃" + bar[line:]
        table.add_row(
            MONTHS[row.bulan - 1],
            format_jp(row.jp) if row.jp else "·",
            format_jp(row.kumulatif),
            Text(bar, style="green" if row.kumulatif >= target - TOLERANCE else "cyan"),
        )
    return table


def guidance_table(log: pd.DataFrame, title: str) -> Table:
    """The Panduan's log: No, Hari/Tanggal, Materi Bimbingan, Paraf Pembimbing (left blank to
    sign)."""
    table = titled_table(
        cell(title), _rows_hidden(len(log)), box=box.SQUARE, show_edge=True, pad_edge=True,
        show_lines=True,
    )  # fmt: skip
    table.add_column("No", justify="right")
    table.add_column("Hari, Tanggal", no_wrap=True)
    table.add_column("Materi Bimbingan", ratio=3, overflow="fold")
    table.add_column("Paraf Pembimbing", ratio=1, min_width=18)
    for no, row in enumerate(log.head(MAX_ROWS_SHOWN).itertuples(), start=1):
        initials = Text("\n")
        if row.pembimbing:
            initials.append(f"({visible(row.pembimbing)})", style="dim")
        table.add_row(
            str(no), weekday_date(row.tanggal), cell(guidance_topic(row.materi, row.sesi)), initials
        )
    return table


# ---------------------------------------------------------------- jp cek


def cek_table(short: pd.DataFrame, title: str, shown: int | None = None) -> Table:
    """Employees below target, largest shortfall first, with what can still close the gap; the
    first ``shown`` of them (all when None)."""
    shown = len(short) if shown is None else shown
    hidden = _employees_hidden(len(short), shown, "laporan.xlsx")
    table = titled_table(
        cell(title),
        Text(hidden, style="dim") if hidden else None,
        collapse_padding=True,
        show_lines=True,
    )
    table.add_column("No", justify="right")
    table.add_column("Nama / NIP", min_width=18, overflow="fold")
    table.add_column("Unit", overflow="fold")
    for name in ("Total", "Target", "Kurang"):
        table.add_column(
            name, justify="right", no_wrap=True, style="bold red" if name == "Kurang" else None
        )
    table.add_column("Saran", ratio=1, overflow="fold")
    for i, row in enumerate(short.head(shown).itertuples(), start=1):
        name_text = cell(row.nama or "(tanpa nama)")
        name_text.append("\n" + visible(row.nip), style="dim")
        suggestions = plan_text(row.rencana, with_shortfall=False)
        table.add_row(
            str(i),
            name_text,
            cell(row.unit or "-"),
            format_jp(row.total),
            format_jp(row.target),
            format_jp(row.kurang),
            cell(suggestions),
        )
    return table


RECAP_KEY_TITLES = {"unit": "Unit", "subunit": "Sub-unit", "status": "Status"}
RECAP_FIGURE_TITLES = ("Pegawai", "Memenuhi", "Belum", "% memenuhi", "Total JP", "Rata-rata JP")


def recap_table(recap: pd.DataFrame, title: str) -> Table:
    """A recap (``shortfall.recap``): its key columns (unit, sub-unit...), then the figures; the
    last line (all units) in bold below a rule."""
    table = titled_table(cell(title))
    keys = list(recap.columns[:-6])
    for key in keys:
        table.add_column(RECAP_KEY_TITLES.get(key, key), overflow="fold")
    for name in RECAP_FIGURE_TITLES:
        table.add_column(name, justify="right", no_wrap=True)
    for i, row in enumerate(recap.to_dict("records")):
        if i == len(recap) - 1:
            table.add_section()
        style_ = "bold" if i == len(recap) - 1 else ""
        table.add_row(
            *(Text(visible(row[k], newlines=True), style=style_) for k in keys),
            str(row["pegawai"]),
            str(row["memenuhi"]),
            Text(str(row["belum"]), style="red" if row["belum"] else ""),
            f"{format_jp(row['persen_memenuhi'])}%",
            format_jp(row["total_jp"]),
            format_jp(row["rata_jp"]),
            style=style_,
        )
    return table


# ---------------------------------------------------------------- jp validasi, jp aturan


def print_problems_grouped(console: Console, problems: list[Problem]) -> None:
    """Errors first, then warnings, grouped by column (row-level and file-level ones on their
    own)."""
    group: dict[tuple[str, str], list[Problem]] = {}
    for m in sorted(problems, key=lambda m: m.level != "salah"):
        group.setdefault((m.level, m.column or ""), []).append(m)
    for (level, column), listing in group.items():
        label = "SALAH" if level == "salah" else "PERINGATAN"
        about = f"kolom {column}" if column else "baris/berkas"
        console.print(
            Text(
                f"{label} — {about} ({len(listing)})",
                style="bold red" if level == "salah" else "bold yellow",
            )
        )
        for m in listing[:MAX_SHOWN]:
            console.print(Text(f"  {m}"), soft_wrap=True)
        if len(listing) > MAX_SHOWN:
            console.print(
                Text(f"  ... dan {len(listing) - MAX_SHOWN} lagi (semuanya: --format json).")
            )
        console.print()
