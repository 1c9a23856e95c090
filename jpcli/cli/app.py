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
from jpcli.problems import AturanSalah, JpError, MasalahInput

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
    tabel = "tabel"
    json = "json"
    csv = "csv"


# Options shared by the commands, written once (as sqlite-utils' output_options).
LedgerArg = Annotated[Path | None, typer.Argument(
    metavar="LEDGER", help="Buku kegiatan (.xlsx, .xls, .ods, .csv). Jika tidak diberi: variabel lingkungan JP_LEDGER.",
    envvar="JP_LEDGER", show_default=False, show_envvar=True)]
TahunOpt = Annotated[int | None, typer.Option(
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
KeluaranOpt = Annotated[Path | None, typer.Option(
    "--keluaran", "-o", help="Tulis ke berkas; jenisnya dari akhiran: .xlsx, .csv, .json.", show_default=False)]
LewatiOpt = Annotated[bool, typer.Option(
    "--lewati-salah", help="Hitung tanpa baris yang salah (dan sebutkan berapa yang dilewati).")]
KolomOpt = Annotated[list[str] | None, typer.Option(
    "--kolom", metavar="NAMA=JUDUL", show_default=False,
    help="Pakai kolom berjudul JUDUL sebagai kolom NAMA jp (boleh berulang), misalnya --kolom jenis=\"Bentuk Diklat\". "
         "Nama kolom jp: nip, nama, jenis, sub_jenis, jenis_siasn, lingkup, tanggal_mulai, tanggal_selesai, "
         "tanggal_sertifikat, jumlah, hari, jp, judul, penyelenggara, nomor_sertifikat, status, alasan, keterangan.")]
DisetujuiOpt = Annotated[bool, typer.Option(
    "--hanya-disetujui", help="Hitung hanya baris berstatus disetujui (kolom status/verifikasi); baris ditolak "
                              "tidak pernah dihitung.")]


def _stdout():
    from rich.console import Console

    # Redirected to a file, a table wider than 80 columns must not be cut: use a wide page.
    lebar = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
    return Console(highlight=False, width=lebar)


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


_DEBUG = {"aktif": False}
_click = getattr(typer, "_click", None)
if _click is None:  # typer versions that use the click package itself
    import click as _click
_KELUAR_CLICK = (typer.Exit, typer.Abort, _click.exceptions.ClickException)


def perintah(fn):
    """Domain errors become an Indonesian message and exit 2; anything unexpected a short
    message with how to report it and exit 3. A traceback only with ``jp --debug``."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except MasalahInput as exc:
            from jpcli.render.terminal import cetak_masalah

            err = _stderr()
            cetak_masalah(err, exc.masalah, "Masalah pada masukan:")
            if exc.ringkasan:
                err.print(exc.ringkasan, markup=False)
            raise typer.Exit(2) from None
        except (AturanSalah, JpError) as exc:
            _stderr().print(f"Kesalahan: {exc}", markup=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            _stderr().print("Dihentikan.", markup=False)
            raise typer.Exit(130) from None
        except Exception as exc:
            if _DEBUG["aktif"] or isinstance(exc, _KELUAR_CLICK):
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


def _buku_path(ledger: Path | None) -> Path:
    if ledger is None:
        raise JpError(
            "Buku kegiatan belum disebut. Beri path berkasnya, misalnya: jp hitung buku_kegiatan.xlsx, "
            "atau isi variabel lingkungan JP_LEDGER."
        )
    return ledger


def _peta_kolom(kolom: list[str] | None) -> dict[str, str]:
    """--kolom NAMA=JUDUL, repeated -> {NAMA: JUDUL}, checked against jp's column names."""
    from jpcli.files.columns import KEGIATAN

    peta = {}
    for teks in kolom or []:
        nama, tanda, judul = teks.partition("=")
        nama, judul = nama.strip().lower(), judul.strip().strip('"')
        if not tanda or not nama or not judul:
            raise JpError(f"--kolom {teks!r}: tulis NAMA=JUDUL, misalnya --kolom jenis=\"Jenis Diklat\".")
        if nama not in KEGIATAN.kolom:
            raise JpError(f"--kolom {teks!r}: {nama!r} bukan nama kolom jp. Nama kolom jp: {', '.join(KEGIATAN.kolom)}.")
        peta[nama] = judul
    return peta


def _muat(ledger, aturan, pegawai, format, kolom=None):
    """The rule set and the loaded ledger (with a status line while a large file is read)."""
    from jpcli.core.pipeline import muat
    from jpcli.rules import muat_aturan

    rules = muat_aturan(aturan)
    path = _buku_path(ledger)
    peta = _peta_kolom(kolom)
    with _kemajuan("Membaca dan memeriksa buku kegiatan ...", path, format):
        return rules, muat(path, rules, pegawai_path=pegawai, kolom=peta)


def _laporan(ledger, tahun, aturan, pegawai, target, lewati_salah, format, partisi: int = 1, proses: int = 1,
             kolom=None, hanya_disetujui: bool = False):
    from jpcli.core.pipeline import susun

    rules, buku = _muat(ledger, aturan, pegawai, format, kolom)
    with _kemajuan("Menghitung JP ...", Path(buku.file), format):
        return susun(buku, rules, tahun=tahun, target=target, lewati_salah=lewati_salah, partisi=partisi, proses=proses,
                     hanya_disetujui=hanya_disetujui)


_BESAR_BYTE = 4 * 1024 * 1024  # inputs past this take about a second or more: show what jp is doing


def _kemajuan(pesan: str, path: Path | None, format: Format | None):
    """A status line on stderr for slow steps; never on stdout, never when stdout is not a
    terminal (a script reads it) or the output is JSON, never for small inputs."""
    import contextlib

    try:
        besar = path is None or path.stat().st_size > _BESAR_BYTE
    except OSError:
        besar = False
    if not (besar and sys.stdout.isatty() and sys.stderr.isatty() and format is not Format.json):
        return contextlib.nullcontext()
    return _stderr().status(pesan)


def _keterangan(laporan) -> list[str]:
    buku = laporan.buku
    sumber = f"{buku.file}" + (f" [{buku.sheet}]" if buku.sheet else "")
    return [f"Aturan: {laporan.aturan.nama}", f"Buku: {sumber}, {buku.n_baris} baris"]


def _tulis(path: Path, laporan, tulis_xlsx, isi_teks: dict[str, callable]) -> None:
    """Write ``-o`` output by suffix, atomically, never over an input file.

    ``tulis_xlsx(tmp_path)`` writes the workbook to the temporary path it is given."""
    from jpcli.files.atomic import tulis_atomik

    suffix = path.suffix.lower()
    masukan = [Path(laporan.buku.file)]
    if suffix == ".xlsx":
        with _kemajuan(f"Menulis {path.name} ...", Path(laporan.buku.file), None):
            tulis_atomik(path, tulis_xlsx, masukan)
    elif suffix in isi_teks:
        text = isi_teks[suffix]()
        tulis_atomik(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), masukan)
    else:
        raise JpError(f"Akhiran berkas keluaran {path.suffix or '(kosong)'} tidak dikenal; pakai .xlsx, .csv atau .json.")
    _stderr().print(f"Ditulis: {path}", markup=False)


def _cetak_peringatan(laporan, peringatan=None) -> None:
    from rich.text import Text

    from jpcli.render.terminal import cetak_masalah, teks_kolom

    peringatan = laporan.peringatan if peringatan is None else peringatan
    err = _stderr()
    kolom = teks_kolom(laporan.buku.kolom, laporan.buku.sumber_jenis)
    if kolom:
        err.print(Text(kolom, style="dim"), soft_wrap=True)
    cetak_masalah(err, peringatan, f"Peringatan ({len(peringatan)}):")


@app.command()
@perintah
def hitung(
    ledger: LedgerArg = None,
    tahun: TahunOpt = None,
    aturan: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    target: TargetOpt = None,
    format: FormatOpt = Format.tabel,
    keluaran: KeluaranOpt = None,
    lewati_salah: LewatiOpt = False,
    partisi: Annotated[int, typer.Option(
        "--partisi", min=1, help="Hitung per bagian pegawai (menurut hash NIP); hasilnya sama. Untuk buku sangat besar.")] = 1,
    proses: Annotated[int, typer.Option(
        "--proses", min=1, help="Jumlah proses paralel untuk --partisi.")] = 1,
    kolom: KolomOpt = None,
    hanya_disetujui: DisetujuiOpt = False,
) -> None:
    """Kartu Lampiran II semua pegawai untuk satu tahun, dengan baris jumlah dan status 20 JP."""
    from jpcli.core.card import jumlah_kartu
    from jpcli.render import machine

    laporan = _laporan(ledger, tahun, aturan, pegawai, target, lewati_salah, format, partisi, proses, kolom,
                       hanya_disetujui)
    kartu = laporan.kartu
    jumlah = jumlah_kartu(kartu)

    def dokumen():
        return machine.dokumen(laporan.tahun, laporan.aturan.nama, laporan.target, kartu, laporan.peringatan)

    if keluaran is not None:
        from jpcli.render.terminal import ringkasan_memenuhi

        def tulis_xlsx(tmp: Path) -> None:
            from jpcli.render.xlsx import tulis_kartu

            tulis_kartu(tmp, kartu, jumlah, laporan.tahun, _keterangan(laporan),
                        ringkasan_memenuhi(kartu, laporan.target).plain, laporan.peringatan)

        _tulis(keluaran, laporan, tulis_xlsx, {
            ".json": lambda: machine.ke_json(dokumen()),
            ".csv": lambda: machine.kartu_csv(kartu),
        })
        return
    if format is Format.json:
        sys.stdout.write(machine.ke_json(dokumen()))
        return
    if format is Format.csv:
        sys.stdout.write(machine.kartu_csv(kartu))
        return

    from jpcli.core.card import JUDUL_KARTU
    from jpcli.render.terminal import ringkasan_memenuhi, tabel_kartu

    _cetak_peringatan(laporan)
    from jpcli.render.terminal import LEBAR_PENUH

    out = _stdout()
    ringkas = out.width < LEBAR_PENUH
    keterangan = _keterangan(laporan)
    if ringkas:
        keterangan.append("layar sempit: rincian 9 kolom ada di -o kartu.xlsx atau jendela yang lebih lebar")
    out.print(tabel_kartu(kartu, f"{JUDUL_KARTU}\nTAHUN {laporan.tahun}", "\n".join(keterangan), jumlah, ringkas))
    out.print(ringkasan_memenuhi(kartu, laporan.target))


@app.command()
@perintah
def kartu(
    ledger: LedgerArg = None,
    nip: Annotated[str | None, typer.Option(
        "--nip", help="NIP pegawai, lengkap (boleh dengan spasi) atau awalannya yang unik.", show_default=False)] = None,
    nama: Annotated[str | None, typer.Option(
        "--nama", help="Cari pegawai menurut sebagian namanya (huruf besar/kecil sama).", show_default=False)] = None,
    tahun: TahunOpt = None,
    aturan: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    target: TargetOpt = None,
    format: FormatOpt = Format.tabel,
    keluaran: KeluaranOpt = None,
    lewati_salah: LewatiOpt = False,
    kolom: KolomOpt = None,
    hanya_disetujui: DisetujuiOpt = False,
) -> None:
    """Kartu satu pegawai: setiap kegiatan dengan JP mentah, JP diakui dan alasannya, kemajuan ke target,
    dan catatan coaching/mentoring menurut format Panduan."""
    from jpcli.core import explain
    from jpcli.render import machine

    laporan = _laporan(ledger, tahun, aturan, pegawai, target, lewati_salah, format, kolom=kolom,
                       hanya_disetujui=hanya_disetujui)
    kp = explain.susun_kartu(laporan, explain.pilih_pegawai(laporan.kartu, nip=nip, nama=nama))

    if keluaran is not None:
        def buku_xlsx(tmp: Path) -> None:
            from jpcli.render.xlsx import buku_kartu_pegawai

            buku_kartu_pegawai(kp, laporan.tahun, laporan.aturan, _keterangan(laporan)).save(tmp)

        _tulis(keluaran, laporan, buku_xlsx, {
            ".json": lambda: machine.ke_json(machine.kartu_pegawai(kp)),
            ".csv": lambda: machine.rincian_csv(kp.rincian),
        })
        return
    if format is Format.json:
        sys.stdout.write(machine.ke_json(machine.kartu_pegawai(kp)))
        return
    if format is Format.csv:
        sys.stdout.write(machine.rincian_csv(kp.rincian))
        return
    # only the warnings about this employee's rows (and about the file as a whole)
    barisnya = set(laporan.hasil.loc[laporan.hasil["nip"] == kp.pegawai["nip"], "baris"])
    laporan.peringatan = [m for m in laporan.peringatan if m.baris is None or m.baris in barisnya]
    _cetak_peringatan(laporan)
    _tampil_kartu_pegawai(kp, laporan)


def _tampil_kartu_pegawai(kp, laporan) -> None:
    import pandas as pd
    from rich.text import Text

    from jpcli.core.card import JUDUL_KARTU
    from jpcli.render import terminal
    from jpcli.render.fmt import format_nip

    out = _stdout()
    p = kp.pegawai
    out.print(Text(f"{JUDUL_KARTU}\nTAHUN {laporan.tahun}", style="bold", justify="center"))
    identitas = [("Nama", p["nama"] or "-"), ("NIP", format_nip(p["nip"]))]
    identitas += [(label, p[k]) for label, k in (("Unit kerja", "unit"), ("Jabatan", "jabatan")) if p.get(k)]
    identitas += [("Aturan", f"{laporan.aturan.nama} ({laporan.aturan.judul})")]
    for label, value in identitas:
        out.print(Text(f"{label:<11}: ", style="bold") + Text(str(value)))
    out.print()
    out.print(terminal.tabel_kartu(pd.DataFrame([p]), "", "", None, ringkas=out.width < terminal.LEBAR_PENUH))
    out.print(terminal.kemajuan(p["total"], p["target"]))
    out.print()
    nama_jenis = {j.kode: j.nama for j in laporan.aturan.jenis}
    if len(kp.rincian):
        out.print(terminal.tabel_rincian(kp.rincian, nama_jenis, f"Rincian kegiatan tahun {laporan.tahun}"))
    else:
        out.print(Text(f"Tidak ada kegiatan tercatat pada tahun {laporan.tahun}.", style="bold red"))
    if kp.lain_tahun:
        out.print(Text(f"({kp.lain_tahun} kegiatan pada tahun lain tidak ditampilkan; pakai --tahun.)", style="dim"))
    out.print()
    out.print(terminal.tabel_per_bulan(kp.per_bulan, p["target"], "JP diakui per bulan (menurut tanggal selesai)"))
    for kode, log in kp.bimbingan.items():
        if len(log):
            out.print()
            bagian = {"coaching": "§G.4", "mentoring": "§H.4"}[kode]
            out.print(terminal.tabel_bimbingan(log, f"Dokumentasi {nama_jenis.get(kode, kode)} (format Panduan {bagian})"))


@app.command()
@perintah
def cek(
    ledger: LedgerArg = None,
    per_tanggal: Annotated[datetime.datetime | None, typer.Option(
        "--per-tanggal", formats=["%Y-%m-%d", "%d/%m/%Y"], show_default=False,
        help="Hitung hanya kegiatan yang selesai sampai tanggal ini (YYYY-MM-DD). Bawaan: hari ini bila "
             "masih di tahun yang diperiksa, selain itu akhir tahun itu.")] = None,
    tahun: TahunOpt = None,
    aturan: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    target: TargetOpt = None,
    format: FormatOpt = Format.tabel,
    keluaran: KeluaranOpt = None,
    lewati_salah: LewatiOpt = False,
    kolom: KolomOpt = None,
    hanya_disetujui: DisetujuiOpt = False,
) -> None:
    """Pegawai di bawah targetnya (pegawai tanpa kegiatan ikut, dengan 0 JP), kekurangannya, saran
    untuk mengejarnya, dan rekap per unit. Kode keluar 1 bila ada yang di bawah target, 0 bila tidak ada."""
    from jpcli.core.shortfall import periksa
    from jpcli.render import machine

    rules, buku = _muat(ledger, aturan, pegawai, format, kolom)
    with _kemajuan("Menghitung JP ...", Path(buku.file), format):
        hasil = periksa(buku, rules, tahun=tahun, target=target, lewati_salah=lewati_salah,
                        per_tanggal=per_tanggal.date() if per_tanggal else None, hanya_disetujui=hanya_disetujui)
    laporan = hasil.laporan

    def dokumen():
        return machine.dokumen_cek(hasil)

    if keluaran is not None:
        def buku_xlsx(tmp: Path) -> None:
            from jpcli.render.xlsx import buku_cek

            buku_cek(hasil, _keterangan(laporan)).save(tmp)

        _tulis(keluaran, laporan, buku_xlsx, {
            ".json": lambda: machine.ke_json(dokumen()),
            ".csv": lambda: machine.cek_csv(hasil.kurang),
        })
    elif format is Format.json:
        sys.stdout.write(machine.ke_json(dokumen()))
    elif format is Format.csv:
        sys.stdout.write(machine.cek_csv(hasil.kurang))
    else:
        _tampil_cek(hasil)
    raise typer.Exit(1 if len(hasil.kurang) else 0)


def _tampil_cek(hasil) -> None:
    from rich.text import Text

    from jpcli.render import terminal
    from jpcli.render.fmt import format_tanggal

    laporan = hasil.laporan
    cetak = _stderr()
    _cetak_peringatan(laporan, hasil.peringatan)
    out = _stdout()
    n = len(laporan.kartu)
    out.print(Text(
        f"PEMERIKSAAN PEMENUHAN TARGET JP TAHUN {laporan.tahun} — per {format_tanggal(hasil.per_tanggal)}, "
        f"sisa {hasil.bulan_tersisa} bulan", style="bold"))
    out.print(Text(" · ".join(_keterangan(laporan)), style="dim"))
    if not hasil.dengan_daftar:
        out.print(Text("Tanpa daftar pegawai: hanya pegawai yang ada di buku kegiatan yang diperiksa.", style="yellow"))
    out.print()
    if len(hasil.kurang):
        out.print(terminal.tabel_cek(hasil.kurang, f"{len(hasil.kurang)} dari {n} pegawai belum memenuhi target:"))
    else:
        out.print(Text(f"Semua {n} pegawai memenuhi target.", style="bold green"))
    out.print()
    out.print(terminal.tabel_rekap(hasil.rekap, "Rekap per unit"))


@app.command()
@perintah
def validasi(
    ledger: LedgerArg = None,
    aturan: AturanOpt = None,
    pegawai: PegawaiOpt = None,
    format: FormatOpt = Format.tabel,
    kolom: KolomOpt = None,
) -> None:
    """Periksa buku kegiatan (dan daftar pegawai) saja, tanpa menghitung: setiap masalah dengan tempatnya.
    Kode keluar 2 bila ada yang salah, 0 bila tidak (peringatan saja tidak menggagalkan)."""
    from jpcli.core.pipeline import muat
    from jpcli.render import machine
    from jpcli.rules import muat_aturan

    rules = muat_aturan(aturan)
    path = _buku_path(ledger)
    peta = _peta_kolom(kolom)
    kolom, sumber_jenis = {}, {}
    try:
        buku = muat(path, rules, pegawai_path=pegawai, kolom=peta)
        masalah, n_baris, tempat = buku.masalah, buku.n_baris, f"{buku.file}" + (f" [{buku.sheet}]" if buku.sheet else "")
        kolom, sumber_jenis = buku.kolom, buku.sumber_jenis
    except MasalahInput as exc:  # the file could not be read at all
        masalah, n_baris, tempat = exc.masalah, 0, str(path)
    salah = [m for m in masalah if m.tingkat == "salah"]
    baris_salah = len({(m.file, m.sheet, m.baris) for m in salah if m.baris is not None})
    ringkas = {"baris_dibaca": n_baris, "baris_salah": baris_salah, "salah": len(salah),
               "peringatan": len(masalah) - len(salah)}
    if format is Format.json:
        sys.stdout.write(machine.ke_json({"file": str(path), **ringkas, "masalah": machine.masalah(masalah),
                                       "kolom": kolom, "sumber_jenis": sumber_jenis}))
    elif format is Format.csv:
        sys.stdout.write(machine.masalah_csv(masalah))
    else:
        from rich.text import Text

        from jpcli.render.terminal import cetak_masalah_berkelompok

        from jpcli.render.terminal import teks_kolom

        out = _stdout()
        if teks_kolom(kolom, sumber_jenis):
            out.print(Text(teks_kolom(kolom, sumber_jenis), style="dim"), soft_wrap=True)
        cetak_masalah_berkelompok(out, masalah)
        if masalah:
            text = Text(f"{tempat}: {n_baris} baris dibaca, ")
            text.append(f"{baris_salah} baris salah ({len(salah)} masalah)" if salah else "tidak ada yang salah",
                        style="bold red" if salah else "bold green")
            text.append(f", {ringkas['peringatan']} peringatan.")
        else:
            text = Text(f"{tempat}: {n_baris} baris dibaca, tidak ada masalah.", style="bold green")
        out.print(text)
    if salah:
        raise typer.Exit(2)


@app.command("aturan")
@perintah
def tampil_aturan(aturan: AturanOpt = None, format: FormatOpt = Format.tabel) -> None:
    """Aturan konversi yang berlaku: setiap jenis kegiatan dengan satuan, nilai nasional dan internasional,
    batas, dan dasar hukumnya. Persis yang dipakai perhitungan."""
    from jpcli.render.rules_text import aturan_json, baris_aturan
    from jpcli.rules import muat_aturan

    rules = muat_aturan(aturan)
    if format is Format.json:
        from jpcli.render.machine import ke_json

        sys.stdout.write(ke_json(aturan_json(rules)))
        return
    rows = baris_aturan(rules)
    if format is Format.csv:
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    from jpcli.render.terminal import tabel_aturan

    _stdout().print(tabel_aturan(rows, f"Aturan {rules.nama}: {rules.judul}",
                                 f"Asal: {rules.asal}. Kolom jenis di buku kegiatan menerima kode atau nama lain. "
                                 "Batas (maks.) dihitung per pegawai per hari atau bulan kalender; baris nasional dan "
                                 "internasional memakai batas yang sama. Pengali (× 1,2) dihitung sesudah batas."))


@app.command()
@perintah
def templat(
    path: Annotated[Path, typer.Argument(metavar="PATH.xlsx", help="Berkas templat yang akan dibuat (.xlsx).")],
    aturan: AturanOpt = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Timpa berkas yang sudah ada.")] = False,
) -> None:
    """Buat buku kegiatan kosong siap diisi: sheet kegiatan (daftar pilihan jenis dan lingkup, NIP berformat
    Teks, tanggal dd/mm/yyyy), sheet pegawai, dan sheet petunjuk berisi tabel konversi."""
    from jpcli.files.atomic import tulis_atomik
    from jpcli.render.template import buku_templat
    from jpcli.rules import muat_aturan

    if path.suffix.lower() != ".xlsx":
        raise JpError(f"Templat ditulis sebagai .xlsx; beri nama berkas berakhiran .xlsx (bukan {path.name}).")
    if path.exists() and not timpa:
        raise JpError(f"{path} sudah ada; tidak ditimpa. Pakai nama lain, atau tambahkan --timpa.")
    wb = buku_templat(muat_aturan(aturan))
    tulis_atomik(path, wb.save)
    _stderr().print(f"Templat ditulis: {path}. Isi sheet pegawai dan kegiatan, lalu: jp validasi {path}", markup=False)


def _versi(value: bool) -> None:
    if value:
        typer.echo(f"jp {__version__}")
        raise typer.Exit()


@app.callback()
def utama(
    versi: Annotated[bool, typer.Option("--version", callback=_versi, is_eager=True, help="Tampilkan versi jp.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Tampilkan rincian teknis (traceback) bila jp gagal.")] = False,
) -> None:
    """jp: pemenuhan 20 JP pengembangan kompetensi ASN."""
    _DEBUG["aktif"] = debug


def main() -> None:
    """Console entry point: usage errors from Typer/Click are shown in Indonesian, exit 2."""
    from jpcli.cli import click_i18n
    from jpcli.files import read_ahead

    read_ahead.mulai(sys.argv[1:])  # read a workbook ahead while the rest of jp is imported
    click_i18n.pasang()
    click = _click
    try:
        kode = app(prog_name="jp", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        bantuan = f"jp {exc.ctx.info_name} --help" if exc.ctx and exc.ctx.parent else "jp --help"
        if exc.ctx and exc.ctx.info_name == "jp":
            bantuan = "jp --help"
        _stderr().print(f"Kesalahan: {click_i18n.terjemahkan(exc.format_message())}\nBantuan: {bantuan}", markup=False)
        sys.exit(2)
    except click.exceptions.Abort:
        _stderr().print("Dibatalkan.", markup=False)
        sys.exit(1)
    sys.exit(kode if isinstance(kode, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
