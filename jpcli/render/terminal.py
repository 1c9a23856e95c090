"""Terminal rendering with rich: the card, problems and warnings. User data never as markup."""

from __future__ import annotations

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from jpcli.core import card
from jpcli.core.card import KOLOM_JP, KOLOM_KLASIKAL, KOLOM_NONKLASIKAL
from jpcli.problems import Masalah
from jpcli.render.fmt import format_jp

MAKS_TAMPIL = 100  # problems listed before "... dan N lagi"


def status(row) -> Text:
    return Text(card.status(row["memenuhi"], row["kurang"]), style="green" if row["memenuhi"] else "bold red")


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


def teks_kolom(kolom: dict[str, str], sumber_jenis: dict[str, int]) -> str:
    """Which header each column of jp was read from, where the file names it otherwise, and how many
    rows took their jenis from each column when several were used ('' when there is nothing to say)."""
    from jpcli.render.fmt import kunci

    bagian = [f"{nama} ← \"{judul}\"" for nama, judul in kolom.items() if kunci(judul) != nama]
    if sumber_jenis:
        bagian.append("jenis per baris dari kolom pertama yang dikenal: "
                      + ", ".join(f"\"{judul}\" {n} baris" for judul, n in sumber_jenis.items()))
    return ("Kolom dibaca: " + "; ".join(bagian) + ".") if bagian else ""


def cetak_masalah(console: Console, masalah: list[Masalah], judul: str) -> None:
    """Problems with their place, one per line; a very long list is shortened."""
    if not masalah:
        return
    console.print(Text(judul, style="bold red" if masalah[0].tingkat == "salah" else "bold yellow"))
    for m in masalah[:MAKS_TAMPIL]:
        console.print(Text(f"  {m}"), soft_wrap=True)
    if len(masalah) > MAKS_TAMPIL:
        console.print(Text(f"  ... dan {len(masalah) - MAKS_TAMPIL} lagi (daftar lengkap: jp validasi --format json)."))


# ---------------------------------------------------------------- jp kartu

_SATUAN_TAMPIL = {"JP": "JP", "hari": "hari", "kegiatan": "kali", "semester": "semester"}


def jumlah_satuan(jumlah: float, satuan: str) -> str:
    return f"{format_jp(jumlah)} {_SATUAN_TAMPIL.get(satuan, satuan)}"


def tabel_rincian(rincian: pd.DataFrame, nama_jenis: dict[str, str], judul: str) -> Table:
    """The register: every activity with raw JP, counted JP and the reason for any difference."""
    table = Table(title=Text(judul), title_style="bold", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  collapse_padding=True, title_justify="left")
    tertulis = bool(rincian["jp_tertulis"].notna().any())  # the stated JP column only when a row has one
    for name, opts in (("No", {"justify": "right"}), ("Baris", {"justify": "right"}), ("Mulai", {}), ("Selesai", {}),
                       ("Jenis", {}), ("Lingkup", {}), ("Judul / materi", {"ratio": 2}), ("Jumlah", {"justify": "right"}),
                       *([("JP tertulis", {"justify": "right"})] if tertulis else []),
                       ("JP mentah", {"justify": "right"}), ("JP diakui", {"justify": "right", "style": "bold"}),
                       ("Alasan tidak diakui penuh", {"ratio": 3})):
        table.add_column(name, overflow="fold", no_wrap=name in ("Mulai", "Selesai", "Jumlah"), **opts)
    for i, row in enumerate(rincian.itertuples(), start=1):
        table.add_row(
            str(i), str(row.baris), row.tanggal_mulai.strftime("%d/%m/%Y"), row.tanggal_selesai.strftime("%d/%m/%Y"),
            Text(nama_jenis.get(row.jenis, row.jenis)), row.lingkup, _judul_sertifikat(row),
            jumlah_satuan(row.jumlah, row.satuan), *([format_jp(row.jp_tertulis) if row.jp_tertulis == row.jp_tertulis
                                                      else ""] if tertulis else []),
            format_jp(row.jp_mentah), format_jp(row.jp_diakui), Text(row.alasan, style="yellow"),
        )
    table.add_section()
    table.add_row("", "", "", "", Text("JUMLAH", style="bold"), "", "", "", *([""] if tertulis else []),
                  format_jp(rincian["jp_mentah"].sum()), format_jp(rincian["jp_diakui"].sum()), "")
    return table


def _judul_sertifikat(row) -> Text:
    """The title, with the certificate's number and date beneath it when the ledger has them."""
    teks = Text(row.judul or "-")
    nomor, tanggal = getattr(row, "nomor_sertifikat", ""), getattr(row, "tanggal_sertifikat", pd.NaT)
    if nomor or not pd.isna(tanggal):
        bagian = [f"No. {nomor}" if nomor else "", f"tgl. {tanggal.strftime('%d/%m/%Y')}" if not pd.isna(tanggal) else ""]
        teks.append("\nsertifikat " + " ".join(b for b in bagian if b), style="dim")
    return teks


def batang(nilai: float, maks: float, lebar: int) -> str:
    isi = 0 if maks <= 0 else min(lebar, round(lebar * nilai / maks))
    return "█" * isi + "░" * (lebar - isi)


def kemajuan(total: float, target: float, lebar: int = 40) -> Text:
    persen = 100 * total / target if target else 100.0
    text = Text("Kemajuan: ", style="bold")
    text.append(batang(total, target, lebar), style="green" if total >= target - 0.005 else "red")
    text.append(f"  {format_jp(total)} dari {format_jp(target)} JP ({format_jp(min(persen, 999))}%)")
    if total < target - 0.005:
        text.append(f" — kurang {format_jp(target - total)} JP", style="bold red")
    else:
        text.append(" — memenuhi", style="bold green")
    return text


def tabel_per_bulan(per_bulan: pd.DataFrame, target: float, judul: str, lebar: int = 30) -> Table:
    """JP per month and cumulative, with a bar of the cumulative against the target."""
    maks = max(target, float(per_bulan["kumulatif"].max()))
    table = Table(title=Text(judul), title_style="bold", title_justify="left", box=None, pad_edge=False)
    table.add_column("Bulan")
    table.add_column("JP", justify="right")
    table.add_column("Kumulatif", justify="right")
    table.add_column(f"0 ─── target {format_jp(target)} JP", no_wrap=True)
    garis = round(lebar * target / maks)
    for row in per_bulan.itertuples():
        bar = batang(row.kumulatif, maks, lebar)
        bar = bar[:garis] + "┃" + bar[garis:]
        table.add_row(row.nama, format_jp(row.jp) if row.jp else "·", format_jp(row.kumulatif),
                      Text(bar, style="green" if row.kumulatif >= target - 0.005 else "cyan"))
    return table


def tabel_bimbingan(log: pd.DataFrame, judul: str) -> Table:
    """The Panduan's log: No, Hari/Tanggal, Materi Bimbingan, Paraf Pembimbing (left blank to sign)."""
    table = Table(title=Text(judul), title_style="bold", title_justify="left", box=box.SQUARE, show_lines=True)
    table.add_column("No", justify="right")
    table.add_column("Hari, Tanggal", no_wrap=True)
    table.add_column("Materi Bimbingan", ratio=3, overflow="fold")
    table.add_column("Paraf Pembimbing", ratio=1, min_width=18)
    for row in log.itertuples():
        paraf = Text("\n")
        if row.pembimbing:
            paraf.append(f"({row.pembimbing})", style="dim")
        table.add_row(str(row.no), row.hari_tanggal, Text(row.materi), paraf)
    return table


# ---------------------------------------------------------------- jp cek

def tabel_cek(kurang: pd.DataFrame, judul: str) -> Table:
    """Employees below target, largest shortfall first, with what can still close the gap."""
    table = Table(title=Text(judul), title_style="bold", title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, collapse_padding=True, show_lines=True)
    table.add_column("No", justify="right")
    table.add_column("Nama / NIP", min_width=18, overflow="fold")
    table.add_column("Unit", overflow="fold")
    for name in ("Total", "Target", "Kurang"):
        table.add_column(name, justify="right", no_wrap=True, style="bold red" if name == "Kurang" else None)
    table.add_column("Saran", ratio=1, overflow="fold")
    for i, row in enumerate(kurang.itertuples(), start=1):
        nama = Text(row.nama or "(tanpa nama)")
        nama.append("\n" + row.nip, style="dim")
        saran = row.saran.split(": ", 1)[-1]
        table.add_row(str(i), nama, Text(row.unit or "-"), format_jp(row.total), format_jp(row.target),
                      format_jp(row.kurang), Text(saran))
    return table


def tabel_rekap(rekap: pd.DataFrame, judul: str) -> Table:
    table = Table(title=Text(judul), title_style="bold", title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    table.add_column("Unit", overflow="fold")
    for name in ("Pegawai", "Memenuhi", "Belum", "% memenuhi", "Total JP"):
        table.add_column(name, justify="right", no_wrap=True)
    for i, row in enumerate(rekap.itertuples()):
        if i == len(rekap) - 1:
            table.add_section()
        gaya = "bold" if i == len(rekap) - 1 else ""
        table.add_row(Text(row.unit, style=gaya), str(row.pegawai), str(row.memenuhi),
                      Text(str(row.belum), style="red" if row.belum else ""),
                      f"{format_jp(row.persen_memenuhi)}%", format_jp(row.total_jp), style=gaya)
    return table


# ---------------------------------------------------------------- jp validasi, jp aturan

def cetak_masalah_berkelompok(console: Console, masalah: list[Masalah]) -> None:
    """Errors first, then warnings, grouped by column (row-level and file-level ones on their own)."""
    kelompok: dict[tuple[str, str], list[Masalah]] = {}
    for m in sorted(masalah, key=lambda m: m.tingkat != "salah"):
        kelompok.setdefault((m.tingkat, m.kolom or ""), []).append(m)
    for (tingkat, kolom), daftar in kelompok.items():
        label = "SALAH" if tingkat == "salah" else "PERINGATAN"
        tentang = f"kolom {kolom}" if kolom else "baris/berkas"
        console.print(Text(f"{label} — {tentang} ({len(daftar)})", style="bold red" if tingkat == "salah" else "bold yellow"))
        for m in daftar[:MAKS_TAMPIL]:
            console.print(Text(f"  {m}"), soft_wrap=True)
        if len(daftar) > MAKS_TAMPIL:
            console.print(Text(f"  ... dan {len(daftar) - MAKS_TAMPIL} lagi (semuanya: --format json)."))
        console.print()


def tabel_aturan(rows: list[dict[str, str]], judul: str, keterangan: str) -> Table:
    """The rule set in force: the name cell carries the aliases and the citation beneath it."""
    table = Table(title=Text(judul), caption=Text(keterangan), title_style="bold", title_justify="left",
                  caption_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_lines=True)
    table.add_column("Kode", overflow="fold", style="bold")
    table.add_column("Nama (nama lain) — dasar", overflow="fold", min_width=16, ratio=1)
    table.add_column("Kolom kartu", overflow="fold")
    table.add_column("Satuan")
    table.add_column("Nasional", overflow="fold", max_width=22)
    table.add_column("Internasional", overflow="fold", max_width=22)
    for r in rows:  # the caps are in the value columns; how they are counted is said once, in the caption
        nama = Text(r["nama"])
        if r["alias"]:
            nama.append(f" ({r['alias']})", style="dim")
        nama.append(f"\n{r['sumber']}", style="italic cyan")
        if r["siasn"]:
            nama.append(f"\nkode SIASN: {r['siasn']}", style="dim")
        if r["catatan"]:
            nama.append(f"\n{r['catatan']}", style="yellow")
        table.add_row(Text(r["kode"]), nama, r["kolom"], r["satuan"], Text(r["nasional"]), Text(r["internasional"]))
    return table
