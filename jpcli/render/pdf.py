"""Print-ready PDFs with fpdf2, laid out like the workbooks of ``render.xlsx``.

The same titles, columns and rows as the xlsx: the Lampiran II card in A4 landscape with its
KLASIKAL / NON KLASIKAL headers (repeated on every page), the register, the Panduan's
coaching, mentoring and belajar mandiri logs in portrait, the signature blocks, "Halaman X dari
Y" on every page. DejaVu Sans (shipped in ``render/fonts``, its licence beside it) is embedded,
subset to the characters used, so the PDF looks the same on every computer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF

from jpcli.problems import Problem
from jpcli.render.machine import jp
from jpcli.render.xlsx import (
    CEK_TITLES,
    GUIDANCE_TITLES,
    RECAP_KEY_TITLES,
    RECAP_TITLES,
    REGISTER_TITLES,
    STATUS_COLUMN,
    STUDY_TITLES,
    STUDY_WIDTHS,
    TOTAL_COLUMN,
    KartuLayout,
    ShortList,
    _guidance_rows,
    _recap_rows,
    _register_rows,
    _short_rows,
    _study_jenis,
    kartu_layout,
    study_note,
    study_rows,
)
from jpcli.rules import JP_COLUMNS, Jenis, RuleSet
from jpcli.words import KARTU_TITLE, MONTHS, format_jp, format_nip, kartu_status

if TYPE_CHECKING:
    import pandas as pd

    from jpcli.core.explain import EmployeeCard
    from jpcli.core.history import History
    from jpcli.core.shortfall import ShortfallReport

FONT = "DejaVu"
FONTS = Path(__file__).with_name("fonts")
MARGIN = 10.0  # mm, every side
BOTTOM = 15.0  # mm kept free at the bottom: the footer
LINE = 0.45  # mm of line height per point of font size
HEADER_FILL = (217, 225, 242)  # the xlsx header colour, D9E1F2
GREEN, RED, GREY = (0, 97, 0), (192, 0, 0), (80, 80, 80)
MAX_CELL_TEXT = 600  # characters of one cell; a longer text is cut (ending with …)
MAX_WARNINGS = 200  # warnings listed in a printed card; the rest: jp validasi
# characters a PDF would draw as nothing or garbage: controls (but the line feed), the zero-width
# and direction marks, separators, the BOM, lone surrogates
_UNPRINTABLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]"
)


@dataclass(frozen=True)
class Styled:
    """A cell's text with its own style (the STATUS column, the JUMLAH row)."""

    text: str
    bold: bool = False
    color: tuple[int, int, int] | None = None
    align: str | None = None  # "L", "C", "R"; None: the column's


MERGE = Styled("")  # this cell is covered by the cell to its left (the JUMLAH label)


@dataclass
class Table:
    """A bordered table: column widths (mm), header spans (row, col, last row, last col, text;
    from 0), alignment per column ("L", "C", "R"), font size, a minimum row height (room to
    write by hand) and whether text sits at the top of its row."""

    widths: list[float]
    spans: list[tuple[int, int, int, int, str]]
    align: list[str]
    size: float = 8.0
    min_height: float = 0.0
    top: bool = False
    header_rows: int = field(init=False)
    laid: list = field(init=False, default_factory=list)  # the header's cells, once laid out

    def __post_init__(self):
        self.header_rows = 1 + max(s[2] for s in self.spans)


def simple_spans(titles: list[str]) -> list[tuple[int, int, int, int, str]]:
    return [(0, i, 0, i, t) for i, t in enumerate(titles)]


def scaled(widths: list[float], total: float) -> list[float]:
    """The xlsx column widths stretched to ``total`` mm."""
    factor = total / sum(widths)
    return [w * factor for w in widths]


class Document(FPDF):
    """An A4 document with DejaVu Sans, a footer (``note`` on the left, "Halaman X dari Y" on the
    right) and the tables and blocks of jp's printed cards."""

    def __init__(self, title: str):
        super().__init__(unit="mm", format="A4")
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.glyphs = self.fonts[FONT.lower()].cmap
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, BOTTOM)
        self.set_title(title)
        self.set_lang("id")
        self.set_creator("jp")
        self.note = ""

    def footer(self) -> None:
        self.set_y(-11)
        self.font(7)
        self.set_text_color(*GREY)
        number = f"Halaman {self.page_no()} dari {{nb}}"
        self.cell(0, 4, self.fit(self.note, self.epw - 32), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, number, align="R")
        self.set_text_color(0)

    def font(self, size: float, bold: bool = False, underline: bool = False) -> None:
        self.set_font(FONT, ("B" if bold else "") + ("U" if underline else ""), size)

    def clean(self, value: object) -> str:
        """Text as the PDF can show it: unprintable characters become a space, characters the
        font lacks a "?", text past ``MAX_CELL_TEXT`` characters is cut."""
        text = _UNPRINTABLE.sub(" ", "" if value is None else str(value))
        if len(text) > MAX_CELL_TEXT:
            text = text[: MAX_CELL_TEXT - 1] + "…"
        if text.isascii():
            return text
        return "".join(c if c == "\n" or ord(c) in self.glyphs else "?" for c in text)

    def fit(self, text: str, width: float) -> str:
        """``text`` on one line of ``width`` mm, cut with … when longer."""
        text = self.clean(text).replace("\n", " ")
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[: max(len(text) * 9 // 10, len(text) - 20)] if len(text) > 40 else text[:-1]
        return text + "…"

    def lines(self, text: str, width: float) -> list[str]:
        """``text`` wrapped in a cell ``width`` mm wide (in the current font)."""
        room = width - 2 * self.c_margin
        if "\n" not in text and self.get_string_width(text) <= room:
            return [text]
        return self.multi_cell(width, 1, text, dry_run=True, output="LINES") or [""]

    def new_page(self, orientation: str) -> None:
        self.add_page(orientation=orientation)

    def room(self) -> float:
        """mm left on this page above the footer."""
        return self.h - BOTTOM - self.get_y()

    def ensure(self, height: float) -> None:
        """A new page (same orientation) when ``height`` mm do not fit on this one."""
        if self.room() < height:
            self.add_page(same=True)


# ---------------------------------------------------------------- blocks


def titles(doc: Document, *lines: str) -> None:
    """Centered title lines (the first larger), then a small gap."""
    for i, text in enumerate(lines):
        doc.font(12 if i == 0 else 11, bold=True)
        doc.multi_cell(0, 5.5, doc.clean(text), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)


def small_note(doc: Document, text: str, align: str = "L") -> None:
    doc.font(7)
    doc.set_text_color(*GREY)
    doc.multi_cell(0, 3.4, doc.clean(text), align=align, new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0)


def identity(doc: Document, data: list[tuple[str, str]]) -> None:
    """'Nama : ...' lines."""
    for label, value in data:
        doc.set_x(doc.l_margin + 4)
        doc.font(9, bold=True)
        doc.cell(26, 4.8, doc.clean(label))
        doc.font(9)
        doc.multi_cell(0, 4.8, doc.clean(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)


def signatures(
    doc: Document,
    left: tuple[str, str, str],
    right: tuple[str, str, str],
    gap: float = 6,
    x0: float | None = None,
) -> None:
    """Two signature blocks (role, name, NIP), the place/date line above the right one, from
    ``x0`` (default the left margin) to the right margin; kept together on one page."""
    doc.ensure(gap + 34)
    doc.ln(gap)
    x0 = doc.l_margin if x0 is None else x0
    width = min(85.0, (doc.l_margin + doc.epw - x0) / 2 - 6)
    xs = (x0 + 6, doc.l_margin + doc.epw - width - 6)
    y = doc.get_y()
    doc.font(9)
    doc.set_xy(xs[1], y)
    doc.cell(width, 4.5, "......................., ........................ 20....")
    y += 5.5
    for x, (role, name, nip) in zip(xs, (left, right)):
        doc.font(9)
        doc.set_xy(x, y)
        doc.cell(width, 4.5, doc.clean(f"{role},"))
        doc.font(9, bold=True, underline=bool(name))
        doc.set_xy(x, y + 20)
        doc.cell(width, 4.5, doc.fit(f"( {name or '.' * 40} )", width))
        doc.font(9)
        doc.set_xy(x, y + 25)
        doc.cell(width, 4.5, f"NIP. {format_nip(nip) if nip else '.' * 30}")
    doc.set_xy(doc.l_margin, y + 31)


# ---------------------------------------------------------------- tables


def _as_text(value: object) -> str | Styled:
    """A cell of a row made for the workbook, as printed: JP with a decimal comma, dates as
    dd/mm/yyyy, nothing for None."""
    if isinstance(value, Styled):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_jp(value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def header(doc: Document, t: Table) -> None:
    """The table's header rows at the current position, in bold on the header colour; a title
    whose longest word does not fit its column gets a smaller font (never a word broken)."""
    x0, y0 = doc.l_margin, doc.get_y()
    if not t.laid:  # laid out once, drawn on every page the table spans
        starts = [x0 + sum(t.widths[:i]) for i in range(len(t.widths) + 1)]
        for r0, c0, r1, c1, text in t.spans:
            x, w = starts[c0], starts[c1 + 1] - starts[c0]
            size = _header_size(doc, text, w, t.size - 0.5)
            t.laid.append((x, w, r0, r1, size, doc.lines(doc.clean(text), w)))
    row_height = 2 + max(
        LINE * size * math.ceil(len(shown) / (r1 - r0 + 1)) for _, _, r0, r1, size, shown in t.laid
    )
    doc.set_fill_color(*HEADER_FILL)
    for x, w, r0, r1, size, shown in t.laid:
        y, h = y0 + r0 * row_height, (r1 - r0 + 1) * row_height
        doc.rect(x, y, w, h, style="DF")
        doc.font(size, bold=True)
        doc.set_xy(x, y + (h - len(shown) * LINE * size) / 2)
        for part in shown:
            doc.set_x(x)
            doc.cell(w, LINE * size, part, align="C", new_x="LEFT", new_y="NEXT")
    doc.set_xy(x0, y0 + t.header_rows * row_height)


def _header_size(doc: Document, text: str, width: float, size: float) -> float:
    """The font size (from ``size`` down to 5 pt) at which every word of ``text`` fits."""
    doc.font(size, bold=True)
    room = width - 2 * doc.c_margin
    while size > 5 and any(doc.get_string_width(w) > room for w in text.split()):
        size -= 0.25
        doc.font(size, bold=True)
    return size


def table(doc: Document, t: Table, rows: Iterable[list]) -> None:
    """The header, then every row, a new page (same orientation) with the header again whenever a
    row does not fit."""
    doc.ensure(14 + t.min_height)
    header(doc, t)
    for values in rows:
        _row(doc, t, [_as_text(v) for v in values])


def _row(doc: Document, t: Table, cells: list) -> None:
    line = LINE * t.size
    spans = _merged(t.widths, t.align, cells)
    laid = []
    for width, cell, align in spans:
        styled = cell if isinstance(cell, Styled) else Styled(cell)
        doc.font(t.size, bold=styled.bold)
        laid.append((width, styled, align, doc.lines(doc.clean(styled.text), width)))
    most = max(3, int((doc.h - BOTTOM - MARGIN - 20) / line) - 1)  # a row never outgrows a page
    n_lines = min(most, max(len(parts) for *_, parts in laid))
    height = max(t.min_height, n_lines * line + 1.6)
    if doc.room() < height:
        doc.add_page(same=True)
        header(doc, t)
    x, y = doc.l_margin, doc.get_y()
    for width, styled, align, parts in laid:
        doc.rect(x, y, width, height)
        align = styled.align or align
        doc.font(t.size, bold=styled.bold)
        doc.set_text_color(*(styled.color or (0, 0, 0)))
        parts = parts[:n_lines]
        top = y + 0.8 if t.top else y + (height - len(parts) * line) / 2
        doc.set_xy(x, top)
        for part in parts:
            doc.set_x(x)
            doc.cell(width, line, part, align=align, new_x="LEFT", new_y="NEXT")
        x += width
    doc.set_text_color(0)
    doc.set_xy(doc.l_margin, y + height)


def _merged(widths: list[float], align: list[str], cells: list) -> list[tuple[float, object, str]]:
    """(width, cell, alignment) per drawn cell: a ``MERGE`` cell widens the one to its left."""
    spans: list[list] = []
    for width, side, cell in zip(widths, align, cells):
        if cell is MERGE and spans:
            spans[-1][0] += width
        else:
            spans.append([width, cell, side])
    return [tuple(s) for s in spans]


# ---------------------------------------------------------------- the Lampiran II card


KARTU_ALIGN = ["C", "L", "L", *(["R"] * (TOTAL_COLUMN - 3)), "R", "C"]
# mm on A4 landscape (277 mm between the margins): an 18-digit NIP on one line at 7.5 pt
KARTU_MM = [7.0, 33.0, 50.0, *([16.5] * (TOTAL_COLUMN - 3)), 12.5, 26.0]
REGISTER_MM = [7.0, 10.0, 16.5, 16.5, 32.0, 20.0, 50.0, 14.0, 13.0, 13.0, 13.0, 72.0]


def kartu_table(doc: Document, layout: KartuLayout, rows: Iterable[int]) -> None:
    """The Lampiran II table: two header rows (KLASIKAL and NON KLASIKAL over their columns),
    one row per employee of ``rows``, then the JUMLAH row when the layout has one."""
    t = Table(scaled(KARTU_MM, doc.epw), layout.title, KARTU_ALIGN, size=7.5)
    table(doc, t, (_kartu_row(layout, i) for i in rows))
    if layout.totals is not None:
        label = [Styled("JUMLAH", bold=True, align="C"), MERGE, MERGE]
        _row(doc, t, label + [Styled(format_jp(v), bold=True) for v in layout.totals] + [""])


def _kartu_row(layout: KartuLayout, i: int) -> list:
    values = layout.row(i)
    ok = layout.meets[i]
    values[TOTAL_COLUMN] = Styled(format_jp(values[TOTAL_COLUMN]), bold=True)
    values[STATUS_COLUMN] = Styled(values[STATUS_COLUMN], bold=not ok, color=GREEN if ok else RED)
    return values


def hitung_pdf(
    path: Path,
    kartu: pd.DataFrame,
    totals: dict[str, float],
    year: int,
    notes: list[str],
    summary: str,
    warnings: list[Problem],
) -> None:
    """``jp hitung -o kartu.pdf``: every employee's Lampiran II row, the JUMLAH row, the summary,
    then the warnings."""
    doc = Document(f"{KARTU_TITLE} TAHUN {year}")
    doc.note = " · ".join(notes)
    doc.new_page("L")
    hitung_pages(doc, kartu, totals, year, summary)
    warnings_list(doc, warnings)
    doc.output(str(path))


def hitung_pages(
    doc: Document, kartu: pd.DataFrame, totals: dict[str, float], year: int, summary: str
) -> None:
    """One year's card on a landscape page: titles, the table, the summary line."""
    titles(doc, KARTU_TITLE, f"TAHUN {year}")
    small_note(doc, doc.note, align="C")
    doc.ln(2)
    layout = kartu_layout(kartu, totals)
    kartu_table(doc, layout, range(len(layout.meets)))
    doc.ln(3)
    doc.font(9, bold=True)
    doc.multi_cell(0, 5, doc.clean(summary), new_x="LMARGIN", new_y="NEXT")


def hitung_range_pdf(
    path: Path, years: list[tuple], trend: pd.DataFrame, notes: list[str], warnings: list[Problem]
) -> None:
    """``jp hitung --tahun A-B -o kartu.pdf``: each year's card as ``jp hitung --tahun Y -o``
    prints it (a section per year, from a new page), the trend per employee, then the warnings
    once. ``years``: (kartu, totals, year, summary) per year."""
    from jpcli.words import text as say

    doc = Document(f"{KARTU_TITLE} TAHUN {years[0][2]}–{years[-1][2]}")
    doc.note = " · ".join(notes)
    for kartu, totals, year, summary in years:
        doc.new_page("L")
        doc.start_section(f"TAHUN {year}")
        hitung_pages(doc, kartu, totals, year, summary)
    doc.new_page("L")
    doc.start_section(say("trend_sheet"))
    labels = [y for *_, y, _ in years]
    titles(doc, say("trend_title", (labels[0], labels[-1])))
    heads = ["NO", "NIP", "NAMA", "UNIT", *map(str, labels), say("trend_years_met")]
    t = Table(scaled([6, 24, 40, 30, *([12] * len(labels)), 18], doc.epw), simple_spans(heads),
              ["R", "L", "L", "L", *["R"] * len(labels), "L"], size=7.5)  # fmt: skip
    table(doc, t, (_trend_row(row, labels) for row in trend.to_dict("records")))
    warnings_list(doc, warnings)
    doc.output(str(path))


def _trend_row(row: dict, years: list[int]) -> list:
    """One employee's totals per year, red and bold where below that year's target."""
    totals = [
        Styled(
            format_jp(row[f"total_{y}"]),
            bold=not row[f"memenuhi_{y}"],
            color=None if row[f"memenuhi_{y}"] else RED,
        )  # fmt: skip
        for y in years
    ]
    met = f"{row['tahun_memenuhi']} dari {len(years)}"
    return [row["no"], str(row["nip"]), row["nama"], row["unit"], *totals, met]


def warnings_list(doc: Document, warnings: list[Problem]) -> None:
    """The warnings with their place (the first ``MAX_WARNINGS``; jp validasi lists all)."""
    if not warnings:
        return
    doc.ln(4)
    doc.ensure(20)
    doc.font(9, bold=True)
    doc.cell(0, 5, f"Peringatan ({len(warnings)}):", new_x="LMARGIN", new_y="NEXT")
    t = Table(
        scaled([40, 14, 10, 16, 200], doc.epw),
        simple_spans(["Berkas", "Sheet", "Baris", "Kolom", "Pesan"]),
        ["L", "L", "R", "L", "L"],
        size=7,
    )
    rows = []
    for problem in warnings[:MAX_WARNINGS]:
        f = problem.as_dict()
        place = Path(str(f["file"])).name if f["file"] else ""
        rows.append([place, f["sheet"], f["baris"], f["kolom"], f["pesan"]])
    table(doc, t, rows)
    if len(warnings) > MAX_WARNINGS:
        small_note(doc, f"… {len(warnings) - MAX_WARNINGS} peringatan lagi: lihat jp validasi.")


# ---------------------------------------------------------------- one employee


def employee_pages(
    doc: Document,
    card: EmployeeCard,
    year: int,
    rules: RuleSet,
    notes: list[str],
    employment: Sequence[tuple[str, str]] = (),
) -> None:
    """One employee's printed proof, as the xlsx: the card (landscape), the register, then the
    coaching, mentoring and belajar mandiri logs (portrait). A section of its own (a bookmark)
    in a PDF of several employees."""
    p = card.pegawai
    doc.new_page("L")
    title = " ".join(f"{p['nama'] or '-'} — NIP {format_nip(p['nip'])}".split())
    doc.start_section(doc.clean(title))  # a bookmark is one line
    doc.note = f"{p['nama']} — NIP {format_nip(p['nip'])} · " + " · ".join(notes)
    data = [
        ("Nama", p["nama"] or "-"),
        ("NIP", format_nip(p["nip"])),
        ("Unit kerja", p.get("unit") or "-"),
        ("Jabatan", p.get("jabatan") or "-"),
        ("Tahun", str(year)),
        *employment,  # status, contract period, ceiling (as the xlsx)
        ("Aturan", rules.name),
    ]
    _card_page(doc, card, year, data, notes)
    _register_pages(doc, card, year, rules)
    for code, name in (("coaching", "COACHING"), ("mentoring", "MENTORING")):
        _guidance_page(doc, card, name, data, rules.by_code.get(code))
    _study_page(doc, card, data, _study_jenis(rules))


def _card_page(doc: Document, card: EmployeeCard, year: int, data: list, notes: list[str]) -> None:
    import pandas as pd

    p = card.pegawai
    titles(doc, KARTU_TITLE, f"TAHUN {year}")
    identity(doc, data)
    kartu_table(doc, kartu_layout(pd.DataFrame([{**p, "no": 1}]), None), [0])
    percent = 100 * p["total"] / p["target"] if p["target"] else 100.0
    status = kartu_status(p["memenuhi"], p["kurang"])
    doc.ln(3)
    doc.font(9, bold=True)
    doc.cell(
        0, 5, doc.clean(
            f"Kemajuan: {format_jp(p['total'])} dari target {format_jp(p['target'])} JP "
            f"({format_jp(min(percent, 999))}%): {status}."
        ), new_x="LMARGIN", new_y="NEXT",
    )  # fmt: skip
    doc.ln(2)
    top, first = doc.get_y(), doc.page
    small_note(doc, "JP diakui per bulan (menurut tanggal selesai kegiatan)")
    t = Table([32, 24, 24], simple_spans(["Bulan", "JP diakui", "Kumulatif"]), ["L", "R", "R"])
    t.size = 7.5
    rows = [[MONTHS[r.bulan - 1], jp(r.jp), jp(r.kumulatif)] for r in card.per_month.itertuples()]
    table(doc, t, rows)
    signed = ("Atasan Langsung", "", ""), ("Pegawai", p["nama"], p["nip"])
    if doc.page == first:  # the signatures beside the table: the card fits on one page
        bottom = doc.get_y()
        doc.set_y(top + 8)
        signatures(doc, *signed, gap=0, x0=doc.l_margin + 100)
        doc.set_y(max(bottom, doc.get_y()) + 3)
    else:
        signatures(doc, *signed)
    small_note(doc, " · ".join(notes), align="C")


def _register_pages(doc: Document, card: EmployeeCard, year: int, rules: RuleSet) -> None:
    """Every activity of the year with its JP and the reason it counts less (landscape)."""
    p = card.pegawai
    doc.new_page("L")
    titles(
        doc,
        f"RINCIAN KEGIATAN PENGEMBANGAN KOMPETENSI TAHUN {year}",
        f"{p['nama']} — NIP {format_nip(p['nip'])}",
    )
    align = ["R", "R", "C", "C", "L", "L", "L", "R", "R", "R", "R", "L"]
    t = Table(scaled(REGISTER_MM, doc.epw), simple_spans(REGISTER_TITLES), align, size=7)
    table(doc, t, _register_rows(card, rules, range(len(card.register))))
    total = [Styled("JUMLAH", bold=True, align="C"), *([MERGE] * 8)]
    sums = [card.register["jp_mentah"].sum(), card.register["jp_diakui"].sum()]
    _row(doc, t, total + [Styled(format_jp(jp(s)), bold=True) for s in sums] + [""])
    if card.other_years:
        doc.ln(2)
        small_note(
            doc, f"{card.other_years} kegiatan pegawai ini pada tahun lain tidak dicantumkan."
        )


def _log_head(doc: Document, title: str, data: list) -> None:
    doc.new_page("P")
    titles(doc, title, f"TAHUN {data[4][1]}")
    identity(doc, [d for d in data if d[0] in ("Nama", "NIP", "Unit kerja")])


def _guidance_page(
    doc: Document, card: EmployeeCard, name: str, data: list, jenis: Jenis | None
) -> None:
    """The Panduan's coaching or mentoring log (§G.4 / §H.4), at least 5 lines."""
    log = card.guidance_logs[name.lower()]
    _log_head(doc, f"DOKUMENTASI KEGIATAN {name}", data)
    widths = scaled([5, 28, 55, 24], doc.epw)
    t = Table(widths, simple_spans(GUIDANCE_TITLES), ["C", "L", "L", "C"], min_height=14, top=True)
    table(doc, t, _guidance_rows(log, range(max(len(log), 5))))
    if jenis is not None:
        k = jenis.nasional
        note = f"1 kali pertemuan setara {format_jp(k.jp)} JP"
        if k.batas:
            note += f"; maksimal dihitung {format_jp(k.batas)} kali dalam 1 {k.per}"
        doc.ln(1)
        small_note(doc, f"Catatan: {note} ({jenis.citation}).")
    one = len(log) and log["pembimbing"].nunique() == 1
    supervisor = log["pembimbing"].iloc[0] if one else ""
    p = card.pegawai
    signatures(doc, ("Pembimbing", supervisor, ""), ("Pegawai", p["nama"], p["nip"]))


def _study_page(doc: Document, card: EmployeeCard, data: list, jenis: Jenis | None) -> None:
    """The belajar mandiri log (Panduan §I.3.d): the resume and the supervisor's initials."""
    log = card.study_log
    _log_head(doc, "DOKUMENTASI BELAJAR MANDIRI", data)
    align = ["C", "L", "L", "R", "L", "C"]
    t = Table(scaled(STUDY_WIDTHS, doc.epw), simple_spans(STUDY_TITLES), align, min_height=18,
              top=True)  # fmt: skip
    table(doc, t, study_rows(log, range(max(len(log), 5))))
    doc.ln(1)
    small_note(doc, study_note(jenis))
    p = card.pegawai
    signatures(doc, ("Atasan Langsung", "", ""), ("Pegawai", p["nama"], p["nip"]))


def kartu_pdf(
    path: Path,
    cards: Iterable[EmployeeCard],
    year: int,
    rules: RuleSet,
    notes: list[str],
    done: Callable[[int], None] | None = None,
    employment: Callable[[dict], Sequence[tuple[str, str]]] | None = None,
) -> int:
    """``jp kartu -o kartu.pdf``, and ``--semua -o kartu_semua.pdf``: each employee's pages as a
    section of one PDF (``done(n)`` after each); returns how many employees."""
    doc = Document(f"{KARTU_TITLE} TAHUN {year}")
    n = 0
    for n, card in enumerate(cards, start=1):
        lines = employment(card.pegawai) if employment is not None else ()
        employee_pages(doc, card, year, rules, notes, lines)
        if done is not None:
            done(n)
    if n == 0:
        doc.new_page("P")
        titles(doc, KARTU_TITLE, f"TAHUN {year}")
        small_note(doc, "Tidak ada pegawai yang dipilih.", align="C")
    doc.output(str(path))
    return n


# ---------------------------------------------------------------- jp cek


def cek_pdf(shortfall: ShortfallReport, notes: list[str], path: Path) -> None:
    """``jp cek -o cek.pdf``: the employees below target with their plans (landscape), then the
    recap per unit (portrait)."""
    report = shortfall.report
    as_of = shortfall.as_of.strftime("%d/%m/%Y")
    doc = Document(f"PEGAWAI BELUM MEMENUHI TARGET JP TAHUN {report.year}")
    doc.new_page("L")
    doc.note = " · ".join(notes)
    titles(
        doc,
        f"PEGAWAI BELUM MEMENUHI TARGET JP TAHUN {report.year}",
        f"per {as_of}, sisa {shortfall.months_left} bulan",
    )
    small_note(doc, doc.note, align="C")
    doc.ln(2)
    align = ["R", "L", "L", "L", "R", "R", "R", "L"]
    widths = scaled([5, 21, 30, 24, 9, 8, 9, 70], doc.epw)
    t = Table(widths, simple_spans(CEK_TITLES), align, size=7.5)
    n_rows = max(len(shortfall.short), 1)
    table(doc, t, _short_rows(ShortList("Belum memenuhi", shortfall.short), range(n_rows)))
    from jpcli.core.shortfall import mixed_status
    from jpcli.words import text as say

    heading = f"REKAP PEMENUHAN TARGET JP PER UNIT TAHUN {report.year}"
    recaps = [(heading, shortfall.recap)]
    if shortfall.recap_subunit is not None:
        recaps.append((f"{say('recap_heading_subunit')} {report.year}", shortfall.recap_subunit))
    if shortfall.recap_status is not None and mixed_status(shortfall):
        recaps.append((f"{say('recap_heading_status')} {report.year}", shortfall.recap_status))
    for title, recap in recaps:  # as the xlsx's recap sheets, a page each
        doc.new_page("P")
        titles(doc, title, f"per {as_of}")
        recap_table(doc, recap)
    doc.output(str(path))


def recap_table(doc: Document, recap: pd.DataFrame) -> None:
    """A recap (unit; unit and sub-unit; unit and status) with its last line, all, in bold."""
    keys = [c for c in recap.columns[: len(recap.columns) - len(RECAP_TITLES)]]
    widths = scaled([*([30] * len(keys)), 10, 11, 9, 12, 11, 12], doc.epw)
    titles_ = [*(RECAP_KEY_TITLES.get(k, k) for k in keys), *RECAP_TITLES]
    t = Table(widths, simple_spans(titles_), [*["L"] * len(keys), *["R"] * len(RECAP_TITLES)])
    table(doc, t, _recap_rows(recap.iloc[: max(len(recap) - 1, 0)]))
    if len(recap):
        last = next(_recap_rows(recap.iloc[-1:]))
        _row(doc, t, [Styled(_as_text(v), bold=True) for v in last])


# ---------------------------------------------------------------- years side by side


def riwayat_pdf(history: History, notes: list[str], path: Path) -> None:
    """``jp riwayat -o riwayat.pdf``: the employee, a row per year (the card's columns, total,
    target, status) as in the xlsx, A4 landscape, and the Atasan Langsung / Pegawai signatures."""
    from jpcli.render.history import HISTORY_TITLES, year_row
    from jpcli.words import text as say

    years, who = history.years, history.pegawai
    doc = Document(say("history_title"))
    doc.new_page("L")
    doc.note = " · ".join(notes)
    titles(doc, say("history_title"), say("history_years", (years["tahun"].min(),
           years["tahun"].max())))  # fmt: skip
    identity(doc, [("Nama", who["nama"] or "-"), ("NIP", format_nip(who["nip"])),
                   *([("Unit kerja", who["unit"])] if who["unit"] else [])])  # fmt: skip
    widths = scaled([12, *([17] * len(JP_COLUMNS)), 14, 14, 24], doc.epw)
    t = Table(widths, simple_spans(HISTORY_TITLES), ["C", *["R"] * (len(JP_COLUMNS) + 2), "L"],
              size=7.5)  # fmt: skip
    rows = []
    for r in years.to_dict("records"):
        values = year_row(r)
        values[-3] = Styled(format_jp(values[-3]), bold=True)
        values[-1] = Styled(values[-1], bold=not r["memenuhi"],
                            color=GREEN if r["memenuhi"] else RED)  # fmt: skip
        rows.append(values)
    table(doc, t, rows)
    doc.ln(2)
    small_note(doc, doc.note)
    signatures(doc, ("Atasan Langsung", "", ""), ("Pegawai", who["nama"], who["nip"]))
    doc.output(str(path))
