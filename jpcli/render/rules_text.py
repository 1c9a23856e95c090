"""A rule set described in words (for ``jp aturan``, the template's petunjuk sheet) and as data
(JSON)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jpcli.render.console import titled_table
from jpcli.rules import Conversion, Jenis, RuleSet
from jpcli.words import SATUAN_WORD, format_jp, visible

_PER_SATUAN = {"hari": "JP/hari", "kegiatan": "JP/kali", "semester": "JP/semester"}
CARD_COLUMN_TITLES = {
    "pendidikan": "pendidikan",
    "pelatihan": "pelatihan",
    "sosialisasi": "sosialisasi",
    "workshop": "workshop",
    "klasikal_lain": "klasikal: lain-lain",
    "coaching": "coaching",
    "mentoring": "mentoring",
    "belajar_mandiri": "belajar mandiri",
    "nonklasikal_lain": "non klasikal: lain-lain",
}


def conversion_text(jenis: Jenis, k: Conversion | None) -> str:
    """What one row of this jenis and lingkup is worth, cap included: 'sesuai program', 'JP × 1,2',
    'maks. 3 JP/hari', '(maks. 2 JP/hari) × 1,2', '4 JP/hari',
    '2 JP/kali, maks. 2 kali/bulan (= 4 JP)', or 'tidak diatur'."""
    if k is None:
        return "tidak diatur (ditolak)"
    if jenis.satuan == "JP":
        if k.batas is None:
            return "sesuai program" if k.jp == 1 else f"JP × {format_jp(k.jp)}"
        batas = f"maks. {format_jp(k.batas)} JP/{k.per}"
        return (
            batas if k.jp == 1 else f"({batas}) × {format_jp(k.jp)}"
        )  # the multiplier applies after the cap
    text = f"{format_jp(k.jp)} {_PER_SATUAN[jenis.satuan]}"
    if k.batas is not None:
        text += (
            f", maks. {format_jp(k.batas)} {SATUAN_WORD[jenis.satuan]}/{k.per} "
            f"(= {format_jp(k.batas * k.jp)} JP)"
        )
    return text


def cap_text(jenis: Jenis) -> str:
    """How the cap of a jenis is counted (its size is in the value columns): per person and period,
    national and international rows together (a person has one day and one month)."""
    period = {
        k.per
        for k in (jenis.nasional, jenis.international)
        if k is not None and k.batas is not None
    }
    if not period:
        return ""
    return (
        f"per pegawai per {'/'.join(sorted(period))}; "
        "baris nasional dan internasional memakai batas yang sama"
    )


def rule_rows(rules: RuleSet) -> list[dict[str, str]]:
    """One row of words per jenis: what the computation applies, with the citation."""
    rows = []
    for j in rules.jenis:
        rows.append(
            {
                "kode": j.code,
                "nama": j.name,
                "alias": ", ".join(j.aliases),
                "jalur": j.track,
                "kolom": CARD_COLUMN_TITLES[j.column],
                "satuan": SATUAN_WORD[j.satuan] if j.satuan != "kegiatan" else "kegiatan",
                "nasional": conversion_text(j, j.nasional),
                "internasional": conversion_text(j, j.international),
                "batas": cap_text(j),
                "sumber": _citations(j),
                "siasn": ", ".join(map(str, j.siasn_codes)),
                "catatan": j.note,
            }
        )
    return rows


def _citations(jenis: Jenis) -> str:
    """The citation, with each lingkup's own clause where the rule set gives one."""
    other = [
        f"{lingkup}: {k.citation}"
        for lingkup, k in (("nasional", jenis.nasional), ("internasional", jenis.international))
        if k is not None and k.citation and k.citation != jenis.citation
    ]
    return "; ".join([jenis.citation, *other])


def rules_json(rules: RuleSet) -> dict:
    def conversion(k: Conversion | None):
        return (
            None
            if k is None
            else {"jp": k.jp, "batas": k.batas, "per": k.per, "sumber": k.citation}
        )

    return {
        "nama": rules.name,
        "judul": rules.title,
        "asal": rules.origin,
        "jenis": [
            {
                "kode": j.code,
                "nama": j.name,
                "alias": list(j.aliases),
                "jalur": j.track,
                "kolom": j.column,
                "satuan": j.satuan,
                "nasional": conversion(j.nasional),
                "internasional": conversion(j.international),
                "sumber": j.citation,
                "siasn": list(j.siasn_codes),
                "catatan": j.note,
            }
            for j in rules.jenis
        ],
        "target": {
            status: {
                "jp": t.jp,
                "sumber": t.citation,
                "plafon": t.ceiling,
                "sumber_plafon": t.ceiling_citation,
            }
            for status, t in rules.targets
        },
    }


def targets_table(rules: RuleSet) -> Table:
    """Target per status pegawai, with the ceiling where there is one, and their basis."""
    table = titled_table(Text("Target per status pegawai", style="bold"), None, show_lines=True)
    table.add_column("Status", style="bold")
    table.add_column("Target", justify="right")
    table.add_column("Plafon", justify="right")
    table.add_column("Dasar", overflow="fold", ratio=1)
    for status, t in rules.targets:
        basis = _cell(t.citation)
        if t.ceiling is not None:
            basis.append(f"\nPlafon: {visible(t.ceiling_citation, shorten=False)}", style="cyan")
        plafon = f"{format_jp(t.ceiling)} JP" if t.ceiling is not None else "-"
        table.add_row(status, f"{format_jp(t.jp)} JP", plafon, basis)
    return table


def _cell(value: object) -> Text:
    """A rule-file value as a table cell: made visible, shown whole (the user wrote it)."""
    return Text(visible(value, newlines=True, shorten=False))


def rules_table(rows: list[dict[str, str]], title: str, notes: str) -> Table:
    """The rule set in force: the name cell carries the aliases and the citation beneath it."""
    caption = Text("\n".join(map(visible, notes.split("\n"))))
    table = titled_table(_cell(title), caption, show_lines=True)
    table.add_column("Kode", overflow="fold", style="bold")
    table.add_column("Nama (nama lain) — dasar", overflow="fold", min_width=16, ratio=1)
    table.add_column("Kolom kartu", overflow="fold")
    table.add_column("Satuan")
    table.add_column("Nasional", overflow="fold", max_width=22)
    table.add_column("Internasional", overflow="fold", max_width=22)
    for r in (
        rows
    ):  # the caps are in the value columns; how they are counted is said once, in the caption
        # a user's rule file is a file like any other (shown whole: the user wrote it)
        name_text = _cell(r["nama"])
        if r["alias"]:
            name_text.append(f" ({visible(r['alias'], shorten=False)})", style="dim")
        name_text.append(f"\n{visible(r['sumber'], shorten=False)}", style="italic cyan")
        if r["siasn"]:
            name_text.append(f"\nkode SIASN: {visible(r['siasn'], shorten=False)}", style="dim")
        if r["catatan"]:
            name_text.append(f"\n{visible(r['catatan'], shorten=False)}", style="yellow")
        table.add_row(
            _cell(r["kode"]),
            name_text,
            visible(r["kolom"]),
            visible(r["satuan"]),
            _cell(r["nasional"]),
            _cell(r["internasional"]),
        )
    return table


def show_rules(rows: list[dict[str, str]], rules: RuleSet, out: Console) -> None:
    out.print(
        rules_table(
            rows,
            visible(f"Aturan {rules.name}: {rules.title}"),
            f"Asal: {visible(rules.origin)}. "
            "Kolom jenis di buku kegiatan menerima kode atau nama lain. "
            "Batas (maks.) dihitung per pegawai per hari atau bulan kalender; baris nasional "
            "dan internasional memakai batas yang sama. Pengali (× 1,2) dihitung sesudah batas.",
        )
    )
    out.print()
    out.print(targets_table(rules))
