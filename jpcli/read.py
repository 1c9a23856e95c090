"""File -> raw table: the cells as they are, under canonical column names.

Reads .xlsx/.xlsm/.xls/.ods with calamine and .csv with pandas; recognises the file by
its first bytes, not its name. Finds the header row by its names (title rows above it
are common), maps header aliases to canonical names (``skema``) and keeps the row
number each data row has in Excel (``Tabel.frame.index``). Nothing is interpreted
here: dates, numbers and NIPs are checked by ``normalize``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from jpcli.errors import Masalah, MasalahInput
from jpcli.excel import PESAN_KATA_SANDI, BukuExcel
from jpcli.skema import Skema
from jpcli.teks import kunci

_CARI_JUDUL_DALAM = 30  # rows searched for the header row
_CONTOH_CSV = 64 * 1024


@dataclass
class Tabel:
    """One sheet (or CSV file) as read: cells under canonical column names."""

    file: str
    sheet: str | None
    frame: pd.DataFrame  # object cells; index = row number as Excel shows it
    baris_judul: int
    judul_asli: dict[str, str]  # canonical column -> header text as written in the file
    masalah: list[Masalah] = field(default_factory=list)

    def tempat(self, **kw) -> Masalah:
        """A problem placed in this table (file and sheet filled in)."""
        return Masalah(file=self.file, sheet=self.sheet, **kw)


def jenis_berkas(path: Path) -> str:
    """'excel' (xlsx/xls/ods), 'terkunci' (password-protected xlsx) or 'csv', by content."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head.startswith(b"PK\x03\x04"):
            return "excel"
        if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            # OLE2 container: an .xls workbook, or an encrypted .xlsx (Office puts the
            # real zip inside as the stream "EncryptedPackage").
            fh.seek(0)
            body = fh.read(1 << 20)
            if "EncryptedPackage".encode("utf-16-le") in body:
                return "terkunci"
            return "excel"
    return "csv"


def _periksa_berkas(path: Path, label: str) -> str:
    """The kind of an existing, non-empty, unlocked file (see ``jenis_berkas``), or a clear error."""
    def gagal(pesan: str) -> MasalahInput:
        return MasalahInput([Masalah(file=label, pesan=pesan)])

    if not path.exists():
        raise gagal("berkas tidak ditemukan. Periksa nama dan foldernya.")
    if path.is_dir():
        raise gagal("ini folder, bukan berkas buku kegiatan.")
    if path.stat().st_size == 0:
        raise gagal("berkas kosong (0 byte). Isi buku kegiatan lalu simpan ulang.")
    jenis = jenis_berkas(path)
    if jenis == "terkunci":
        raise gagal(PESAN_KATA_SANDI)
    return jenis


def baca_buku(path: Path, skema: Skema, skema_pegawai: Skema | None = None) -> tuple[Tabel, Tabel | None]:
    """The activity sheet (``kegiatan``, else the first) and, when present, the ``pegawai`` sheet."""
    label = str(path)
    if _periksa_berkas(path, label) == "csv":
        tabel = _judul_dan_data(_grid_csv(path, label), label, None, skema)
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            tabel.masalah.append(Masalah(file=label, tingkat="peringatan", pesan=(
                f"berkas berakhiran {path.suffix} ini sebenarnya teks CSV; dibaca sebagai CSV. "
                "Sebaiknya ganti namanya menjadi .csv, atau simpan ulang dari Excel sebagai buku kerja.")))
        return tabel, None

    from jpcli import prabaca

    book = prabaca.ambil(path) or BukuExcel(path, label)
    names = book.names
    if not names:
        raise MasalahInput([Masalah(file=label, pesan="buku kerja tidak punya sheet.")])
    by_key = {kunci(n): n for n in reversed(names)}
    if skema.nama in by_key:
        sheet_kegiatan = by_key[skema.nama]
        kegiatan = _judul_dan_data(_grid_excel(book, sheet_kegiatan), label, sheet_kegiatan, skema)
    else:
        sheet_kegiatan, kegiatan = _cari_sheet(book, names, label, skema, skema_pegawai)
    tersembunyi = [b for b in book.tersembunyi(sheet_kegiatan) if b in kegiatan.frame.index]
    if tersembunyi:
        daftar = ", ".join(map(str, tersembunyi[:20])) + (f" dan {len(tersembunyi) - 20} lagi" if len(tersembunyi) > 20 else "")
        kegiatan.masalah.append(kegiatan.tempat(baris=tersembunyi[0], tingkat="peringatan", pesan=(
            f"{len(tersembunyi)} baris disembunyikan di Excel (baris {daftar}), tetapi tetap dibaca dan dihitung. "
            "Hapus barisnya bila memang tidak boleh dihitung.")))
    pegawai = None
    if skema_pegawai is not None and skema_pegawai.nama in by_key and by_key[skema_pegawai.nama] != sheet_kegiatan:
        nama = by_key[skema_pegawai.nama]
        grid = _grid_excel(book, nama)
        if not grid.empty:
            pegawai = _judul_dan_data(grid, label, nama, skema_pegawai)
    return kegiatan, pegawai


def _cari_sheet(book, names: list[str], label: str, skema: Skema, skema_pegawai: Skema | None) -> tuple[str, Tabel]:
    """No sheet named like the skema: the first sheet whose header has the required columns."""
    lain = {"petunjuk", skema_pegawai.nama if skema_pegawai else ""}
    gagal: list[MasalahInput] = []
    for name in [n for n in names if kunci(n) not in lain] or names:
        try:
            return name, _judul_dan_data(_grid_excel(book, name), label, name, skema)
        except MasalahInput as exc:
            gagal.append(exc)
    raise MasalahInput([Masalah(file=label, pesan=(
        f"tidak ada sheet bernama '{skema.nama}', dan tidak ada sheet lain yang memuat kolom wajib "
        f"({', '.join(skema.wajib)}). Sheet yang ada: {', '.join(names)}. Beri nama '{skema.nama}' pada sheet "
        "berisi data kegiatan."))] + [m for exc in gagal[:1] for m in exc.masalah])


def baca_tabel(path: Path, skema: Skema) -> Tabel:
    """A single table (e.g. a roster given with --pegawai): sheet named like the skema, else the first."""
    label = str(path)
    if _periksa_berkas(path, label) == "csv":
        return _judul_dan_data(_grid_csv(path, label), label, None, skema)
    book = BukuExcel(path, label)
    by_key = {kunci(n): n for n in reversed(book.names)}
    sheet = by_key.get(skema.nama) or book.names[0]
    return _judul_dan_data(_grid_excel(book, sheet), label, sheet, skema)


def _grid_excel(book: BukuExcel, sheet: str) -> pd.DataFrame:
    rows, gabungan = book.sel(sheet)
    grid = pd.DataFrame(rows, dtype=object)
    for (r0, c0), (r1, _) in gabungan:
        # A cell merged down over several rows (one NIP for all of an employee's rows, a header
        # spanning two header rows) holds its value in the top cell only: Excel shows it on each row.
        if r1 > r0 and r0 < len(grid) and c0 < grid.shape[1]:
            grid.iloc[r0 + 1:r1 + 1, c0] = grid.iat[r0, c0]
    return grid


def _encoding_awal(path: Path, label: str) -> str:
    """A first guess from the start of the file: UTF-16 by its BOM, UTF-8 (with or without BOM)
    when the start decodes as UTF-8, else cp1252 (Excel on Windows)."""
    with open(path, "rb") as fh:
        head = fh.read(_CONTOH_CSV)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:4096]:
        raise MasalahInput([Masalah(file=label, pesan=(
            "bukan berkas teks/CSV maupun buku kerja Excel (berisi data biner). "
            "Simpan buku kegiatan sebagai .xlsx atau .csv."))])
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _utf8_utuh(path: Path) -> bool:
    """Does the whole file decode as UTF-8? (Checked only when the fast reader refused it.)"""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _grid_csv(path: Path, label: str) -> pd.DataFrame:
    encoding = _encoding_awal(path, label)
    with open(path, "rb") as fh:
        sample = fh.read(_CONTOH_CSV).decode(encoding, errors="replace")
    lines = sample.splitlines()[:-1] or sample.splitlines()
    sep = _tebak_pemisah(lines)
    lebar = max([1, *(len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=sep))])

    def baca(lebar: int) -> pd.DataFrame:
        return pd.read_csv(
            path, sep=sep, header=None, names=range(lebar), dtype=str, keep_default_na=False,
            skip_blank_lines=False, encoding=encoding, encoding_errors="replace", engine="c",
        )

    grid = _baca_arrow(path, sep, lebar, encoding)
    if grid is not None:
        return grid
    if encoding == "utf-8-sig" and not _utf8_utuh(path):  # a non-UTF-8 byte past the sample
        encoding = "cp1252"
        grid = _baca_arrow(path, sep, lebar, encoding)
        if grid is not None:
            return grid
    try:
        try:
            grid = baca(lebar)
        except pd.errors.ParserError:
            # a row further down has more cells than any in the sample (extra columns, kept and
            # ignored like other unknown columns): measure the widest row, then read again
            with open(path, encoding=encoding, errors="replace", newline="") as fh:
                lebar = max([1, *(len(r) for r in csv.reader(fh, delimiter=sep))])
            grid = baca(lebar)
    except pd.errors.ParserError as exc:
        baris = re.search(r"line (\d+)", str(exc))
        tempat = f" sekitar baris {baris[1]}" if baris else ""
        raise MasalahInput([Masalah(file=label, baris=int(baris[1]) if baris else None, pesan=(
            f"CSV tidak dapat diurai{tempat}. Periksa pemisah kolom (; atau ,) dan tanda kutip \" "
            "pada baris itu, atau simpan ulang dari Excel."))]) from exc
    except (pd.errors.EmptyDataError, csv.Error) as exc:
        raise MasalahInput([Masalah(file=label, pesan=(
            "berkas kosong atau bukan CSV yang dapat dibaca. Simpan ulang dari Excel sebagai CSV atau .xlsx."))]) from exc
    return grid


def _baca_arrow(path: Path, sep: str, lebar: int, encoding: str) -> pd.DataFrame | None:
    """The fast path: Arrow's multi-threaded CSV reader, when every record has the same width.

    Blank lines are kept as rows (row numbers stay those of Excel); anything irregular (a row
    wider than the header, a byte the encoding cannot map) returns None and the caller reads
    the file with pandas' own parser, which copes with ragged rows.
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency; the slow path still works
        return None
    nama = [str(i) for i in range(lebar)]
    tidak_rata: list[object] = []
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=nama, encoding="utf8" if encoding == "utf-8-sig" else encoding),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, ignore_empty_lines=False, newlines_in_values=True,
                invalid_row_handler=lambda row: tidak_rata.append(row) or "skip"),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in nama}, strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowException, UnicodeError, ValueError, OSError):
        return None
    if tidak_rata:
        return None
    grid = table.to_pandas()
    grid.columns = range(lebar)
    return grid


def _tebak_pemisah(lines: list[str]) -> str:
    """';' (Excel in Indonesian locale), ',' or tab: the one the header line uses most."""
    header = next((ln for ln in lines if "nip" in ln.lower()), None) or next((ln for ln in lines if ln.strip()), "")
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _teks_sel(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _judul_dan_data(grid: pd.DataFrame, label: str, sheet: str | None, skema: Skema) -> Tabel:
    """Find the header row by its names, map the columns, keep the data rows below it."""
    def gagal(pesan: str, baris: int | None = None) -> MasalahInput:
        return MasalahInput([Masalah(file=label, sheet=sheet, baris=baris, pesan=pesan)])

    if grid.empty or all(_teks_sel(v) == "" for v in grid.head(_CARI_JUDUL_DALAM).to_numpy().ravel()):
        raise gagal(f"tidak ada data {skema.nama}: sheet/berkas ini kosong.")

    peta = skema.peta_judul()
    best_pos, best_hits = 0, -1
    for pos, row in enumerate(grid.head(_CARI_JUDUL_DALAM).itertuples(index=False)):
        hits = len({peta[k] for k in (kunci(_teks_sel(v)) for v in row) if k in peta})
        if hits > best_hits:
            best_pos, best_hits = pos, hits
    header = [_teks_sel(v) for v in grid.iloc[best_pos]]
    baris_judul = best_pos + 1
    wajib_hilang = [k for k in skema.wajib if k not in {peta.get(kunci(h)) for h in header}]
    if wajib_hilang:
        ditemukan = ", ".join(h for h in header if h) or "(kosong)"
        raise gagal(
            f"kolom wajib tidak ditemukan: {', '.join(wajib_hilang)}. "
            f"Judul kolom yang ditemukan di baris {baris_judul}: {ditemukan}. "
            f"Beri judul kolom (baris pertama tabel): {', '.join(skema.wajib)}; "
            f"nama lain yang diterima: {_daftar_alias(skema, wajib_hilang)}.",
            baris=baris_judul,
        )

    masalah: list[Masalah] = []
    chosen: dict[str, tuple[int, int]] = {}  # canonical -> (priority, column position)
    for pos, text in enumerate(header):
        canonical = peta.get(kunci(text))
        if canonical is None:
            continue
        priority = 0 if kunci(text) == kunci(canonical) else 1
        if canonical not in chosen or priority < chosen[canonical][0]:
            chosen[canonical] = (priority, pos)
    names: list[str] = []
    judul_asli: dict[str, str] = {}
    dipakai = {pos for _, pos in chosen.values()}
    for pos, text in enumerate(header):
        canonical = peta.get(kunci(text))
        if canonical is not None and chosen[canonical][1] == pos:
            names.append(canonical)
            judul_asli[canonical] = text
            continue
        if canonical is not None and pos not in dipakai:
            masalah.append(Masalah(
                file=label, sheet=sheet, baris=baris_judul, kolom=text, nilai=text, tingkat="peringatan",
                pesan=f"kolom \"{text}\" diabaikan: kolom {canonical} sudah diambil dari \"{header[chosen[canonical][1]]}\".",
            ))
        names.append(f"~{pos}:{text}")  # an extra column: kept, never read

    frame = grid.iloc[best_pos + 1:]
    frame.columns = names
    frame.index = pd.RangeIndex(best_pos + 2, best_pos + 2 + len(frame), name="baris")
    hilang = {canonical: None for canonical in skema.kolom if canonical not in frame.columns}
    if hilang:
        frame = frame.assign(**hilang)
    return Tabel(file=label, sheet=sheet, frame=frame, baris_judul=baris_judul, judul_asli=judul_asli, masalah=masalah)


def _daftar_alias(skema: Skema, kolom: list[str]) -> str:
    return "; ".join(f"{k}: {', '.join(skema.kolom[k]) or '-'}" for k in kolom)
