"""Terminal rendering with rich: the card, problems and warnings. User data never as markup."""

from __future__ import annotations

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from jpcli.card import JUDUL_KARTU, JUDUL_KOLOM, KOLOM_JP, KOLOM_KLASIKAL, KOLOM_NONKLASIKAL
from jpcli.errors import Masalah
from jpcli.teks import format_jp

MAKS_TAMPIL = 100  # problems listed before "... dan N lagi"


def status(row) -> Text:
    if row["memenuhi"]:
        return Text("memenuhi", style="green")
    return Text(f"kurang {format_jp(row['kurang'])} JP", style="bold red")


LEBAR_PENUH = 140  # narrower consoles get the compact card (KLASIKAL / NON KLASIKAL subtotals)
JUDUL_PENDEK = {  # terminal headings; the xlsx card uses the full Lampiran II headings
    "pendidikan": "Pendidikan", "pelatihan": "Pelatihan", "sosialisasi": "Sosialisasi",
    "workshop": "Workshop", "klasikal_lain": "Lain-lain", "coaching": "Coaching",
    "mentoring": "Mentoring", "belajar_mandiri": "B. mandiri", "nonklasikal_lain": "Lain-lain",
}


def _judul(grup: str, kolom: str) -> Text:
    text = Text(grup + "\n", style="bold")
    text.append(kolom, style="bold" if not grup else "")
    return text


def tabel_kartu(kartu: pd.DataFrame, judul: str, keterangan: str, jumlah: dict[str, float] | None,
                ringkas: bool = False) -> Table:
    """Lampiran II as a rich table: grouped KLASIKAL / NON KLASIKAL headers, totals row.

    NIP is printed under the name. ``ringkas`` (narrow terminals) shows the KLASIKAL and
    NON KLASIKAL subtotals instead of their eight columns.
    """
    table = Table(title=Text(judul), caption=Text(keterangan), box=box.SIMPLE_HEAD, title_style="bold", show_edge=False,
                  caption_justify="left", pad_edge=False, collapse_padding=True)
    table.add_column(_judul("", "NO"), justify="right", no_wrap=True)
    table.add_column(_judul("", "NAMA / NIP"), overflow="fold", min_width=18)
    if ringkas:
        kelompok = {"pendidikan": ("", "PENDIDIKAN", ("pendidikan",)),
                    "klasikal": ("", "KLASIKAL", KOLOM_KLASIKAL),
                    "nonklasikal": ("", "NON KLASIKAL", KOLOM_NONKLASIKAL)}
    else:
        kelompok = {col: ("KLASIKAL" if col == KOLOM_KLASIKAL[0] else
                          "NON KLASIKAL" if col == KOLOM_NONKLASIKAL[0] else "", JUDUL_PENDEK[col], (col,))
                    for col in KOLOM_JP}
    for grup, nama, _ in kelompok.values():
        table.add_column(_judul(grup, nama), justify="right", no_wrap=True)
    table.add_column(_judul("", "TOTAL"), justify="right", no_wrap=True, style="bold")
    table.add_column(_judul("", "STATUS"), no_wrap=True)

    def angka(row) -> list[str]:
        return [format_jp(sum(row[c] for c in cols)) for _, _, cols in kelompok.values()]

    for row in kartu.to_dict("records"):
        nama = Text(row["nama"] or "(tanpa nama)")
        nama.append("\n" + row["nip"], style="dim")
        table.add_row(str(row["no"]), nama, *angka(row), format_jp(row["total"]), status(row))
    if jumlah is not None:
        table.add_section()
        table.add_row("", Text("JUMLAH", style="bold"), *angka(jumlah), format_jp(jumlah["total"]), "")
    return table


def ringkasan_memenuhi(kartu: pd.DataFrame, target: float) -> Text:
    n = len(kartu)
    ok = int(kartu["memenuhi"].sum())
    seragam = kartu["target"].nunique() <= 1
    sasaran = f"{format_jp(kartu['target'].iloc[0] if n else target)} JP" if seragam else "targetnya"
    text = Text(f"{ok} dari {n} pegawai memenuhi {sasaran}", style="bold")
    if n - ok:
        text.append(f"; {n - ok} belum memenuhi.", style="bold red")
    else:
        text.append(".", style="bold")
    return text


def cetak_masalah(console: Console, masalah: list[Masalah], judul: str) -> None:
    """Problems with their place, one per line; a very long list is shortened."""
    if not masalah:
        return
    console.print(Text(judul, style="bold red" if masalah[0].tingkat == "salah" else "bold yellow"))
    for m in masalah[:MAKS_TAMPIL]:
        console.print(Text(f"  {m}"), soft_wrap=True)
    if len(masalah) > MAKS_TAMPIL:
        console.print(Text(f"  ... dan {len(masalah) - MAKS_TAMPIL} lagi (daftar lengkap: jp validasi --format json)."))
