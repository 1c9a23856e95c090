"""Reading hostile files: nothing lost, nothing inflated, nothing crashes.

Each test builds a real hostile file (CSV text, or an xlsx made with openpyxl and patched at the
XML level with zipfile) and checks that jp reads it right or reports the exact place: a CSV quote
that swallows rows, a row wider than its header, a header line of thousands of columns, merged
quantity cells, several activity sheets or a hidden one, Excel error cells and formulas saved
without their value, a sheet XML of gigabytes, a far corner cell, a ledger piped on stdin.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, tulis_xlsx
from openpyxl import Workbook

from jpcli.cli.app import app

JUDUL = ";".join(KOLOM_CSV)


def _validasi(runner, path: Path) -> tuple[int, list[dict]]:
    """``jp validasi PATH -f json``: exit code and the problems (place, message, level)."""
    result = runner.invoke(app, ["validasi", str(path), "-f", "json"])
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    return result.exit_code, data["masalah"]


def _ringkas(masalah: list[dict]) -> list[tuple]:
    return [(m["sheet"], m["baris"], m["kolom"], m["tingkat"], m["pesan"]) for m in masalah]


def _tambal(path: Path, bagian: str, ubah) -> Path:
    """Rewrite one part of a zip (an xlsx) through ``ubah(bytes) -> bytes``."""
    asli = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in asli.infolist():
            data = asli.read(info.filename)
            baru.writestr(info.filename, ubah(data) if info.filename == bagian else data)
    return path


def _jp_proses(*args: str, masukan: bytes | None = None) -> subprocess.CompletedProcess:
    """jp as its own process (a Rust abort would kill the test process itself)."""
    return subprocess.run(
        [sys.executable, "-m", "jpcli", *args], input=masukan, capture_output=True, timeout=120
    )


# ---------------------------------------------------------------- CSV


def test_kutip_pembuka_tanpa_penutup_menelan_baris_dilaporkan(runner, tmp_path):
    """A stray opening quote swallows the next rows into one cell: reported at the row Excel
    shows, with the text lines swallowed, as an error (never "tidak ada masalah"). A quoted
    note over two lines without separators is a normal cell."""
    path = tmp_path / "b.csv"
    path.write_text(
        f"{JUDUL};keterangan\n"
        f'{NIP_B};Citra;kursus;;09/03/2025;;8;Kursus Z;"hadir penuh\nlulus"\n'
        f'{NIP_A};Budi;kursus;;10/03/2025;;8;"Kursus A;\n'
        f"{NIP_B};Citra;kursus;;11/03/2025;;8;Kursus B;\n"
        f"{NIP_B};Citra;kursus;;12/03/2025;;8;Kursus C;\n",
        encoding="utf-8",
    )
    code, masalah = _validasi(runner, path)
    assert code == 2
    assert _ringkas(masalah) == [
        (
            None,
            3,
            "judul",
            "salah",
            'sel ini memuat 3 baris teks (baris 4–6 di berkas) yang berisi pemisah kolom ";": '
            'tanda kutip (") pembuka tanpa penutup menelan baris-baris berikutnya ke dalam satu '
            "sel. Hapus tanda kutip itu atau tutup dengan pasangannya, lalu periksa baris-baris "
            "tersebut.",
        )
    ]


def test_koma_desimal_memecah_isian_dilaporkan(runner, tmp_path):
    """A row wider than its header ("1,5" unquoted in a comma CSV): the extra fields are an
    error at that row, never silently dropped (1,5 was read as 1)."""
    path = tmp_path / "b.csv"
    path.write_text(
        ",".join(KOLOM_CSV) + "\n"
        f"{NIP_A},Budi,kursus,,10/03/2025,,1,5,Kursus A\n"
        f"{NIP_B},Citra,kursus,,11/03/2025,,8,Kursus B\n",
        encoding="utf-8",
    )
    code, masalah = _validasi(runner, path)
    assert code == 2
    assert _ringkas(masalah) == [
        (
            None,
            2,
            None,
            "salah",
            "baris ini berisi 9 isian, lebih banyak dari 8 judul kolom; isian lebihnya "
            '("Kursus A") tidak punya kolom. Biasanya pemisah kolom "," ada di dalam isian, '
            'misalnya koma desimal 1,5: beri tanda kutip pada isian itu ("1,5"), pakai titik '
            "desimal, atau simpan CSV berpemisah titik koma (;).",
        )
    ]


def test_judul_csv_lebih_dari_contoh_64kb(runner, tmp_path):
    """A header line longer than the 64 KB sample: 12 000 columns are refused with their
    number before any big allocation (it took 4.7 GB); 908 long-named columns are read whole,
    aligned (jumlah is 8, not a neighbour's value)."""
    path = tmp_path / "lebar.csv"
    judul = KOLOM_CSV + [f"kolom_tambahan_{i:05d}" for i in range(12_000)]
    baris = [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "8", "Kursus"] + ["x"] * 12_000
    path.write_text(";".join(judul) + "\n" + (";".join(baris) + "\n") * 200, encoding="utf-8")
    proc = _jp_proses("hitung", str(path), "-f", "json")
    assert proc.returncode == 2, proc.stderr
    assert (
        f"{path} baris 1: baris ini berisi 12.008 kolom, lebih dari 1.000 kolom yang dapat "
        "dibaca jp. Periksa pemisah kolomnya, atau hapus kolom yang tidak perlu lalu simpan "
        "ulang."
    ) in proc.stderr.decode()

    path = tmp_path / "panjang.csv"
    lain = [
        f"kolom_lain_dengan_nama_yang_cukup_panjang_untuk_melewati_contoh_sekali_{i:04d}"
        for i in range(900)
    ]
    baris = [str(i % 7) for i in range(900)] + [
        NIP_A,
        "Budi",
        "kursus",
        "",
        "10/03/2025",
        "",
        "8",
        "K",
    ]
    path.write_text(";".join(lain + KOLOM_CSV) + "\n" + ";".join(baris) + "\n", encoding="utf-8")
    assert len(";".join(lain)) > 64 * 1024
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [(p["nip"], p["total"]) for p in json.loads(result.stdout)["pegawai"]] == [(NIP_A, 8.0)]


@pytest.mark.parametrize("nama", ["-", "/dev/stdin"])
def test_buku_lewat_pipa_dibaca(nama):
    """A ledger piped in (``cat buku.csv | jp hitung -`` or ``/dev/stdin``) is read, not called
    an empty file."""
    teks = f"{JUDUL}\n{NIP_A};Budi;kursus;;10/03/2025;;8;Kursus\n".encode()
    proc = _jp_proses("hitung", nama, "-f", "json", masukan=teks)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert [(p["nip"], p["total"]) for p in data["pegawai"]] == [(NIP_A, 8.0)]


def test_buku_xlsx_lewat_pipa_dibaca(tmp_path):
    """A workbook piped in is read like the file itself."""
    path = tulis_xlsx(
        tmp_path / "b.xlsx", [KOLOM_CSV, [NIP_A, "Budi", "kursus", "", "10/03/2025", "", 8, "K"]]
    )
    proc = _jp_proses("hitung", "-", "-f", "json", masukan=path.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["pegawai"][0]["total"] == 8.0


# ---------------------------------------------------------------- merged cells


def _gabung_jumlah(ws):
    ws.merge_cells("A2:A4")  # one NIP for the employee's three rows: filled down
    ws.merge_cells("E2:E4")  # one jumlah over three rows: NOT filled down (24 JP became 72)


def test_jumlah_digabung_tidak_diisi_ke_bawah(runner, tmp_path):
    """A merged jumlah is read in its top row only, with a warning naming the range (24 JP over
    three rows became 72); a merged NIP is filled down (identity columns only)."""
    path = tulis_xlsx(
        tmp_path / "b.xlsx",
        [
            ["nip", "nama", "jenis", "tanggal_mulai", "jumlah"],
            [NIP_A, "Budi", "kursus", "10/03/2025", 8],
            [None, "Budi", "kursus", "11/03/2025", None],
            [None, "Budi", "kursus", "12/03/2025", None],
        ],
        prepare=_gabung_jumlah,
    )
    code, masalah = _validasi(runner, path)
    assert code == 2
    kosong = (
        "JP kosong: jenis kursus dihitung sesuai JP programnya. Isi JP sesuai "
        "sertifikat/program di kolom jumlah atau jp (Jumlah JP)."
    )
    assert _ringkas(masalah) == [
        (
            "kegiatan",
            2,
            "jumlah",
            "peringatan",
            "sel E2:E4 digabung (baris 2–4): nilainya hanya dibaca di baris 2, baris 3–4 dibaca "
            "kosong. Excel menampilkan satu nilai untuk semua baris itu, tetapi jp tidak "
            "menggandakan jumlah atau data kegiatan. Pisahkan sel gabungan itu dan isi setiap "
            "baris.",
        ),
        ("kegiatan", 3, "jumlah", "salah", kosong),
        ("kegiatan", 4, "jumlah", "salah", kosong),
    ]
    result = runner.invoke(app, ["hitung", str(path), "-f", "json", "--lewati-salah"])
    assert json.loads(result.stdout)["pegawai"][0]["total"] == 8.0


# ---------------------------------------------------------------- sheets


def _buku(sheets: list[tuple[str, list[list], str]]) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows, state in sheets:
        ws = wb.create_sheet(name)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    return wb


JUDUL_XL = ["nip", "jenis", "tanggal_mulai", "jumlah"]


def test_dua_sheet_kegiatan_tidak_ditebak(runner, tmp_path):
    """Two activity-like sheets ("Kegiatan 2024", "Kegiatan 2025") and none named 'kegiatan':
    reading the first silently lost 2025 (0 JP with --tahun 2025, exit 0). jp names both and
    asks for --sheet (exit 2); with --sheet the named one is read (10 JP in 2025)."""
    path = tmp_path / "b.xlsx"
    _buku(
        [
            ("Kegiatan 2024", [JUDUL_XL, [NIP_A, "kursus", "10/03/2024", 8]], "visible"),
            ("Kegiatan 2025", [JUDUL_XL, [NIP_A, "kursus", "10/03/2025", 10]], "visible"),
        ]
    ).save(path)
    code, masalah = _validasi(runner, path)
    assert code == 2
    assert _ringkas(masalah) == [
        (
            None,
            None,
            None,
            "salah",
            "buku kerja ini punya 2 sheet berisi kegiatan: 'Kegiatan 2024' dan 'Kegiatan 2025'; "
            "jp membaca satu sheet dan tidak menebak. Pilih dengan --sheet, misalnya --sheet "
            "\"Kegiatan 2025\", atau satukan kegiatannya dalam satu sheet bernama 'kegiatan'.",
        )
    ]
    chosen = runner.invoke(
        app, ["hitung", str(path), "-f", "json", "--tahun", "2025", "--sheet", "kegiatan 2025"]
    )
    assert chosen.exit_code == 0, chosen.output
    assert json.loads(chosen.stdout)["pegawai"][0]["total"] == 10.0
    missing = runner.invoke(app, ["hitung", str(path), "--sheet", "2026"])
    assert missing.exit_code == 2
    assert (
        "sheet '2026' (--sheet) tidak ada; sheet di buku kerja ini: 'Kegiatan 2024' dan "
        "'Kegiatan 2025'."
    ) in " ".join(missing.stderr.split())


def test_sheet_bernama_kegiatan_dibaca_yang_lain_disebut(runner, tmp_path):
    """A sheet named 'kegiatan' is the ledger (the template's name): it is read and the other
    activity-like sheet is named in a warning."""
    path = tmp_path / "b.xlsx"
    _buku(
        [
            ("Arsip 2024", [JUDUL_XL, [NIP_A, "kursus", "10/03/2024", 8]], "visible"),
            ("kegiatan", [JUDUL_XL, [NIP_A, "kursus", "10/03/2025", 10]], "visible"),
        ]
    ).save(path)
    code, masalah = _validasi(runner, path)
    assert code == 0
    assert _ringkas(masalah) == [
        (
            "kegiatan",
            None,
            None,
            "peringatan",
            "buku kerja ini punya 2 sheet berisi kegiatan; yang dibaca hanya sheet "
            "'kegiatan', sheet 'Arsip 2024' tidak dibaca. Satukan kegiatan yang ingin "
            "dihitung dalam satu sheet bernama 'kegiatan'.",
        )
    ]


def test_sheet_kegiatan_tersembunyi_tidak_menang(runner, tmp_path):
    """A hidden sheet named ``kegiatan`` does not beat the visible data sheet: the visible one
    is read and the hidden one is named in a warning."""
    path = tmp_path / "b.xlsx"
    _buku(
        [
            ("Data", [JUDUL_XL, [NIP_A, "kursus", "10/03/2025", 8]], "visible"),
            ("kegiatan", [JUDUL_XL, [NIP_A, "kursus", "10/03/2025", 99]], "hidden"),
        ]
    ).save(path)
    code, masalah = _validasi(runner, path)
    assert code == 0
    assert _ringkas(masalah) == [
        (
            "Data",
            None,
            None,
            "peringatan",
            "sheet 'kegiatan' disembunyikan di Excel dan tidak dibaca; yang dibaca sheet 'Data' "
            "yang tampak. Bila sheet tersembunyi itu yang benar, tampilkan (klik kanan tab sheet "
            "> Unhide) dan jadikan satu-satunya sheet kegiatan.",
        )
    ]
    totals = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert json.loads(totals.stdout)["pegawai"][0]["total"] == 8.0


# ---------------------------------------------------------------- error cells, formulas


GALAT = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"]


def test_sel_galat_dan_rumus_tanpa_nilai_dilaporkan(runner, tmp_path):
    """Excel error cells and formulas saved without a cached value were read as blanks (and
    took blank defaults): each is an error naming its cell."""
    rows = [JUDUL_XL + ["lingkup"]]
    rows += [[NIP_A, "kursus", "10/03/2025", galat, "nasional"] for galat in GALAT]
    rows += [[NIP_A, "kursus", "10/03/2025", "=4*2", "nasional"]]
    rows += [[NIP_A, "kursus", "10/03/2025", 8, "#N/A"]]
    rows[0] = rows[0] + ["bantu"]  # a helper column jp does not read: its errors do not matter
    rows += [[NIP_A, "kursus", "10/03/2025", 8, "nasional", "#DIV/0!"]]
    path = tulis_xlsx(tmp_path / "b.xlsx", rows)
    code, masalah = _validasi(runner, path)
    assert code == 2
    galat_sel = [
        ("kegiatan", i + 2, "jumlah", "salah",
         f"sel D{i + 2} berisi galat Excel {g} (rumus yang gagal dihitung), jadi nilainya tidak "
         "ada. Perbaiki rumusnya atau ketik nilainya, lalu simpan ulang.")
        for i, g in enumerate(GALAT)
    ]  # fmt: skip
    assert _ringkas(masalah)[: len(GALAT) + 2] == [
        *galat_sel,
        (
            "kegiatan",
            9,
            "jumlah",
            "salah",
            "sel D9 berisi rumus =4*2 tanpa hasil tersimpan (berkas dibuat program yang tidak "
            "menghitung rumus). Buka lalu simpan ulang di Excel atau LibreOffice agar hasilnya "
            "tersimpan, atau ketik nilainya.",
        ),
        (
            "kegiatan",
            10,
            "lingkup",
            "salah",
            "sel E10 berisi galat Excel #N/A (rumus yang gagal dihitung), jadi nilainya tidak "
            "ada. Perbaiki rumusnya atau ketik nilainya, lalu simpan ulang.",
        ),
    ]
    lewati = runner.invoke(app, ["hitung", str(path), "-f", "json", "--lewati-salah"])
    assert lewati.exit_code == 0, lewati.output
    # no row with a broken cell counts; the row with an error in the helper column does
    assert json.loads(lewati.stdout)["pegawai"][0]["total"] == 8.0
    assert len(masalah) == len(GALAT) + 2


# ---------------------------------------------------------------- size, corners


def _buku_kecil(path: Path) -> Path:
    return tulis_xlsx(path, [JUDUL_XL, [NIP_A, "kursus", "10/03/2025", 8]])


SHEET = "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize(
    "sel",
    [
        '<c r="XFD1048576"><v>0</v></c>',
        '<c r="XFD1048576" t="inlineStr"><is><t xml:space="preserve"> </t></is></c>',
        '<c r="XFD1048576" t="str"><v></v></c>',
    ],
)
def test_sel_pojok_jauh_tidak_menghentikan_proses(runner, tmp_path, sel):
    """One blank-looking cell at XFD1048576 in a 5 KB workbook aborted the whole process (a
    Rust allocation failure, exit 134): jp measures the sheet first and refuses it with the
    place and the fix. A declared <dimension ref="A1:XFD1048576"> alone is no reason to
    refuse: the real extent is measured."""
    dimensi = _tambal(
        _buku_kecil(tmp_path / "dimensi.xlsx"),
        SHEET,
        lambda b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', b),
    )
    result = runner.invoke(app, ["hitung", str(dimensi), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pegawai"][0]["total"] == 8.0
    path = _tambal(
        _buku_kecil(tmp_path / "b.xlsx"),
        SHEET,
        lambda b: b.replace(b"</sheetData>", f'<row r="1048576">{sel}</row></sheetData>'.encode()),
    )
    proc = _jp_proses("hitung", str(path), "-f", "json")
    assert proc.returncode == 2, proc.stderr[-500:]
    assert (
        f"{path} [kegiatan]: sheet ini terbentang sampai sel XFD1048576 (A1:XFD1048576, "
        "17.179.869.184 sel, 9 berisi nilai), lebih besar dari yang dapat dibaca jp dengan aman."
    ) in proc.stderr.decode()


def test_xml_sheet_raksasa_ditolak_tanpa_dibaca_utuh(runner, tmp_path, monkeypatch):
    """A sheet XML that expands far beyond its file (4 MB -> 4 GB took 58 s and 8.5 GB): the
    decompressed size is limited while streaming, whatever the zip declares. The limit is
    lowered here to 1 MB so the test stays small; the size declared in the zip is falsified
    to 1 KB so only the streaming count can catch it."""
    from jpcli.files import workbook

    monkeypatch.setattr(workbook, "MAX_XML_BYTES", 1 << 20, raising=False)
    path = _tambal(
        _buku_kecil(tmp_path / "b.xlsx"),
        SHEET,
        lambda b: b.replace(b"</sheetData>", b"</sheetData>" + b" " * (3 << 20)),
    )
    _palsukan_ukuran(path, SHEET, 1024)
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert (
        f"{path} [kegiatan]: bagian xl/worksheets/sheet1.xml di dalam buku kerja ini lebih dari "
        "1 MB setelah dibuka"
    ) in result.stderr


def _palsukan_ukuran(path: Path, bagian: str, ukuran: int) -> None:
    """Write a false uncompressed size for ``bagian`` into the zip's central directory."""
    data = bytearray(path.read_bytes())
    nama = bagian.encode()
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        panjang = int.from_bytes(data[pos + 28 : pos + 30], "little")
        if bytes(data[pos + 46 : pos + 46 + panjang]) == nama:
            data[pos + 24 : pos + 28] = ukuran.to_bytes(4, "little")
        pos += 4
    path.write_bytes(bytes(data))


def test_terlalu_banyak_sel_bernilai_ditolak(runner, tmp_path, monkeypatch):
    """The cells a sheet asks for are counted before calamine builds them: beyond the budget
    (lowered here) the sheet is refused with its extent, never read into all memory."""
    from jpcli.files import workbook

    monkeypatch.setattr(workbook, "MEMORY_BUDGET", 200_000, raising=False)
    monkeypatch.setattr(workbook, "BUDGET_PER_FILE_BYTE", 1, raising=False)
    rows = [JUDUL_XL] + [[NIP_A, "kursus", "10/03/2025", 8]] * 400
    path = tulis_xlsx(tmp_path / "b.xlsx", rows)
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert "sheet ini terbentang sampai sel D401 (A1:D401, 1.604 sel, 1.604 berisi nilai)" in (
        result.stderr
    )


@pytest.mark.parametrize("kutip", ["", '"'])
def test_sel_csv_satu_mb_dibaca(runner, tmp_path, kutip):
    """A 1 MB note in a CSV cell (quoted or not) is read: Python's csv reader, used to measure
    the first lines, refused fields over 128 KB and jp stopped with an internal error (exit 3).
    The row's 8 JP count."""
    path = tmp_path / "b.csv"
    catatan = "x" * (1 << 20)
    path.write_text(
        f"{JUDUL}\n{NIP_A};Budi;kursus;;10/03/2025;;8;{kutip}{catatan}{kutip}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output[-500:]
    assert [(p["nip"], p["total"]) for p in json.loads(result.stdout)["pegawai"]] == [(NIP_A, 8.0)]
