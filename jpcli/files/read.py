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

from jpcli.problems import Masalah, MasalahInput
from jpcli.files.workbook import PESAN_KATA_SANDI, BukuExcel
from jpcli.files.columns import Skema, tafsir_tata_letak
from jpcli.render.fmt import kunci

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
    """'excel' (xlsx/xls/ods), 'terkunci' (password-protected xlsx), 'json' or 'csv', by content."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        awal = (head + fh.read(64)).lstrip(b"\xef\xbb\xbf \t\r\n")
        if awal[:1] in (b"{", b"["):  # a SIASN/SIMPEG API answer or a list of records
            return "json"
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


def baca_buku(path: Path, skema: Skema, skema_pegawai: Skema | None = None,
              kolom: dict[str, str] | None = None) -> tuple[Tabel, Tabel | None]:
    """The activity sheet (``kegiatan``, else the first) and, when present, the ``pegawai`` sheet.

    ``kolom``: canonical column -> header, chosen by the user (``--kolom``) over jp's own matching.
    """
    label = str(path)
    jenis = _periksa_berkas(path, label)
    if jenis == "json":
        return _judul_dan_data(_grid_json(path, label), label, None, skema, kolom), None
    if jenis == "csv":
        tabel = _judul_dan_data(_grid_csv(path, label), label, None, skema, kolom)
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            tabel.masalah.append(Masalah(file=label, tingkat="peringatan", pesan=(
                f"berkas berakhiran {path.suffix} ini sebenarnya teks CSV; dibaca sebagai CSV. "
                "Sebaiknya ganti namanya menjadi .csv, atau simpan ulang dari Excel sebagai buku kerja.")))
        return tabel, None

    from jpcli.files import read_ahead

    book = read_ahead.ambil(path) or BukuExcel(path, label)
    names = book.names
    if not names:
        raise MasalahInput([Masalah(file=label, pesan="buku kerja tidak punya sheet.")])
    by_key = {kunci(n): n for n in reversed(names)}
    if skema.nama in by_key:
        sheet_kegiatan = by_key[skema.nama]
        kegiatan = _judul_dan_data(_grid_excel(book, sheet_kegiatan), label, sheet_kegiatan, skema, kolom)
    else:
        sheet_kegiatan, kegiatan = _cari_sheet(book, names, label, skema, skema_pegawai, kolom)
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


def _cari_sheet(book, names: list[str], label: str, skema: Skema, skema_pegawai: Skema | None,
                kolom: dict[str, str] | None = None) -> tuple[str, Tabel]:
    """No sheet named like the skema: the first sheet whose header has the required columns."""
    lain = {"petunjuk", skema_pegawai.nama if skema_pegawai else ""}
    gagal: list[MasalahInput] = []
    for name in [n for n in names if kunci(n) not in lain] or names:
        try:
            return name, _judul_dan_data(_grid_excel(book, name), label, name, skema, kolom)
        except MasalahInput as exc:
            gagal.append(exc)
    raise MasalahInput([Masalah(file=label, pesan=(
        f"tidak ada sheet bernama '{skema.nama}', dan tidak ada sheet lain yang memuat kolom wajib "
        f"({_teks_wajib(skema.wajib)}). Sheet yang ada: {', '.join(names)}. Beri nama '{skema.nama}' pada sheet "
        "berisi data kegiatan."))] + [m for exc in gagal[:1] for m in exc.masalah])


def _teks_wajib(wajib) -> str:
    """'nip, jenis (atau sub_jenis, jenis_siasn), ...'"""
    return ", ".join(p[0] + (f" (atau {', '.join(p[1:])})" if len(p) > 1 else "") for p in wajib)


def baca_tabel(path: Path, skema: Skema) -> Tabel:
    """A single table (e.g. a roster given with --pegawai): sheet named like the skema, else the first."""
    label = str(path)
    jenis = _periksa_berkas(path, label)
    if jenis == "json":
        return _judul_dan_data(_grid_json(path, label), label, None, skema)
    if jenis == "csv":
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


def _grid_json(path: Path, label: str) -> pd.DataFrame:
    """SIASN's API answer (``{"code": 1, "data": [...]}``, also nested as ``data.data``), an SDK's
    ``{"success": true, "data": [...]}``, or a bare list of records -> a grid whose first row is the
    field names, so record k is reported as row k + 1, as in the same records saved as CSV or xlsx."""
    import json

    def gagal(pesan: str) -> MasalahInput:
        return MasalahInput([Masalah(file=label, pesan=pesan)])

    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise gagal(f"berkas JSON tidak dapat dibaca ({exc}). Unduh ulang dari SIASN/SIMPEG, atau simpan sebagai .xlsx.") from exc
    rekaman = _rekaman_json(data)
    if rekaman is None:
        pesan = data.get("message") or data.get("Message") or data.get("data") if isinstance(data, dict) else None
        raise gagal("berkas JSON tidak berisi daftar rekaman (tidak ada daftar \"data\")"
                    + (f"; jawaban layanan: {pesan}" if isinstance(pesan, str) and pesan else "") + ".")
    if not rekaman:
        raise gagal("berkas JSON tidak berisi rekaman (data kosong). Periksa NIP dan unduh ulang dari SIASN/SIMPEG.")
    if not all(isinstance(r, dict) for r in rekaman):
        raise gagal("isi \"data\" pada berkas JSON bukan daftar rekaman (objek dengan nama kolom).")
    judul = list(dict.fromkeys(k for r in rekaman for k in r))
    # API answers hold one employee or one office: small, and already Python objects from json.loads
    baris = [judul] + [[_sel_json(r.get(k)) for k in judul] for r in rekaman]
    return pd.DataFrame(baris, dtype=object)


def _rekaman_json(data: object) -> list | None:
    """The list of records inside an API answer, or None when there is none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    for kunci_data in ("data", "results", "result", "items", "rows"):
        if kunci_data in data:
            isi = data[kunci_data]
            if isi in ("", None):
                return []
            if isinstance(isi, dict) and not any(k in isi for k in ("data", "results", "result", "items", "rows")):
                return [isi]  # one record (SIASN's /kursus/id/{id})
            return _rekaman_json(isi)
    return [data] if any(isinstance(v, (str, int, float)) for v in data.values()) and "code" not in data else None


def _sel_json(value: object) -> object:
    """A JSON value as a cell: whole numbers as their digits (an 18-digit NIP stays exact), nested
    objects (SIASN's ``path``) as their JSON text, "null" as blank."""
    import json

    if value is None or value == "null":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


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


def _judul_dan_data(grid: pd.DataFrame, label: str, sheet: str | None, skema: Skema,
                    kolom: dict[str, str] | None = None) -> Tabel:
    """Find the header row by its names, map the columns, keep the data rows below it.

    ``kolom`` (``--kolom FIELD=HEADER``): the user's choice of header for a column, over jp's own.
    """
    def gagal(pesan: str, baris: int | None = None) -> MasalahInput:
        return MasalahInput([Masalah(file=label, sheet=sheet, baris=baris, pesan=pesan)])

    if grid.empty or all(_teks_sel(v) == "" for v in grid.head(_CARI_JUDUL_DALAM).to_numpy().ravel()):
        raise gagal(f"tidak ada data {skema.nama}: sheet/berkas ini kosong.")

    peta = skema.peta_judul()
    dipaksa = {kunci(judul): nama for nama, judul in (kolom or {}).items() if nama in skema.kolom}
    peta.update(dipaksa)
    best_pos, best_hits = 0, -1
    for pos, row in enumerate(grid.head(_CARI_JUDUL_DALAM).itertuples(index=False)):
        hits = len({peta[k] for k in (kunci(_teks_sel(v)) for v in row) if k in peta})
        if hits > best_hits:
            best_pos, best_hits = pos, hits
    header = [_teks_sel(v) for v in grid.iloc[best_pos]]
    baris_judul = best_pos + 1
    ditemukan = ", ".join(h for h in header if h) or "(kosong)"
    kunci_judul = {kunci(h) for h in header}
    for nama, judul in (kolom or {}).items():
        if kunci(judul) not in kunci_judul:
            raise gagal(f"--kolom {nama}={judul}: judul kolom \"{judul}\" tidak ada. Judul kolom di baris "
                        f"{baris_judul}: {ditemukan}.", baris=baris_judul)
    peta.update({k: v for k, v in tafsir_tata_letak(kunci_judul, {peta.get(k) for k in kunci_judul}).items()
                 if k not in dipaksa})
    hilang = skema.wajib_hilang({peta.get(kunci(h)) for h in header})
    if hilang:
        raise gagal(
            f"kolom wajib tidak ditemukan: {_teks_wajib(hilang)}. "
            f"Judul kolom yang ditemukan di baris {baris_judul}: {ditemukan}. "
            f"Beri judul kolom (baris pertama tabel): {_teks_wajib(skema.wajib)}; "
            f"nama lain yang diterima: {_daftar_alias(skema, [k for pilihan in hilang for k in pilihan])}. "
            "Atau sebutkan kolomnya: --kolom NAMA=JUDUL (misalnya --kolom jenis=\"Bentuk Diklat\").",
            baris=baris_judul,
        )

    masalah: list[Masalah] = []
    chosen: dict[str, tuple[int, int]] = {}  # canonical -> (priority, column position)
    for pos, text in enumerate(header):
        canonical = peta.get(kunci(text))
        if canonical is None:
            continue
        priority = -1 if kunci(text) in dipaksa else 0 if kunci(text) == kunci(canonical) else 1
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
    kosong = {canonical: None for canonical in skema.kolom if canonical not in frame.columns}
    if kosong:
        frame = frame.assign(**kosong)
    return Tabel(file=label, sheet=sheet, frame=frame, baris_judul=baris_judul, judul_asli=judul_asli, masalah=masalah)


def _daftar_alias(skema: Skema, kolom: list[str]) -> str:
    return "; ".join(f"{k}: {', '.join(skema.kolom[k]) or '-'}" for k in kolom)
