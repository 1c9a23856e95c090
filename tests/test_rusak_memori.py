"""Reading hostile workbooks within memory: every xlsx under 10 MB keeps jp under 1 GB.

Each test builds a small workbook part by part (shared strings or inline text, XML padded with
blanks) and lowers the limits of ``jpcli.files.workbook`` where needed, so that it stays small
and fast: an XML part expanding far beyond its compressed size, shared strings of gigabytes,
a pegawai sheet that is small alone but not beside the activity sheet, one long text copied
into every cell, blanks between two tags. The writers of ``jp kartu -o`` and ``jp hitung -o``
keep one row in memory, whatever the number of rows. One test runs jp as a process on a
hostile workbook under 10 MB and measures its peak memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from bantuan import NIP_A, report

from jpcli.cli.app import app
from jpcli.files import workbook

JUDUL = ["nip", "jenis", "tanggal_mulai", "jumlah"]
BARIS = [NIP_A, "kursus", "10/03/2025", 8]
SHEET = "xl/worksheets/sheet1.xml"
SST = "xl/sharedStrings.xml"
MB = 1 << 20

_TIPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _kolom(i: int) -> str:
    huruf = ""
    i += 1
    while i:
        i, sisa = divmod(i - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


def _sheet_xml(rows: list[list], teks: dict[str, int] | None) -> bytes:
    """A sheet's XML: text as shared strings (their index in ``teks``) or inline when None."""
    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_kolom(c)}{r}"
            if not isinstance(value, str):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif teks is None:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{teks.setdefault(value, len(teks))}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><sheetData>{"".join(out)}</sheetData></worksheet>'
    ).encode()


def _buku(
    path: Path,
    sheets: dict[str, list[list]],
    bersama: bool = True,
    sisip: dict[str, bytes] | None = None,
    simpan: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """An xlsx written part by part: one sheet per entry of ``sheets`` (rows from A1), text
    as shared strings (``bersama``) or inline; ``sisip``: bytes put into a part (by its name)
    before its closing tag; ``simpan``: how the sheets are stored in the zip."""
    teks: dict[str, int] | None = {} if bersama else None
    parts = {f"xl/worksheets/sheet{i}.xml": _sheet_xml(rows, teks) for i, rows in
             enumerate(sheets.values(), start=1)}  # fmt: skip
    if teks is not None:
        items = "".join(f"<si><t>{t}</t></si>" for t in teks)
        parts[SST] = (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
            f'/spreadsheetml/2006/main">{items}</sst>'
        ).encode()
    for name, extra in (sisip or {}).items():
        end = parts[name].rindex(b"</")
        parts[name] = parts[name][:end] + extra + parts[name][end:]
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TIPE}.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    sheet_tags = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    if teks is not None:
        overrides += f'<Override PartName="/{SST}" ContentType="{_TIPE}.sharedStrings+xml"/>'
        rels += f'<Relationship Id="rId{n + 1}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'  # noqa: E501
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TIPE}.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml'
            f'/2006/main" xmlns:r="{_REL}"><sheets>{sheet_tags}</sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rels}</Relationships>',
        )
        for name, data in parts.items():
            zf.writestr(name, data, compress_type=simpan if name != SST else zipfile.ZIP_DEFLATED)
    return path


def _biaya(monkeypatch, budget: int) -> None:
    """The cost model with round figures and a small budget, whatever its calibration."""
    for name, value in (
        ("ROW_COST", 1000),
        ("EMPTY_CELL_COST", 40),
        ("VALUE_CELL_COST", 60),
        ("TEXT_BYTE_COST", 4),
        ("STRING_COST", 40),
        ("MEMORY_BUDGET", budget),
        ("BUDGET_PER_FILE_BYTE", 0),
    ):
        monkeypatch.setattr(workbook, name, value, raising=False)


def _total(result) -> list[tuple[str, float]]:
    assert result.exit_code == 0, result.output[-800:]
    return [(p["nip"], p["total"]) for p in json.loads(result.stdout)["pegawai"]]


# ---------------------------------------------------------------- XML parts, by their size


def test_xml_sheet_berisi_spasi_ditolak_menurut_ukuran_terpaketnya(runner, tmp_path, monkeypatch):
    """A sheet XML may expand to at most XML_PER_PACKED_BYTE times its compressed size (above
    XML_FLOOR), not 1 GiB whatever the file: a 1 MB workbook whose sheet held 0.99 GiB of
    blanks took 11.7 s and 1.19 GB. Lowered here: floor 1 MB, 100 times; 3 MB of blanks pack
    into a few KB. Exit 2, naming the part."""
    monkeypatch.setattr(workbook, "XML_FLOOR", MB, raising=False)
    monkeypatch.setattr(workbook, "XML_PER_PACKED_BYTE", 100, raising=False)
    path = _buku(tmp_path / "b.xlsx", {"kegiatan": [JUDUL, BARIS]}, sisip={SHEET: b" " * 3 * MB})
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Masalah pada masukan:\n"
        f"  {path}: bagian xl/worksheets/sheet1.xml di dalam buku kerja ini lebih dari 1 MB "
        "setelah dibuka, jauh melebihi isi yang wajar, jadi tidak dibaca. Salin datanya ke buku "
        "kerja baru lalu simpan, atau simpan sebagai CSV.\n"
    )


def test_xml_sheet_tanpa_kompresi_dibaca(runner, tmp_path, monkeypatch):
    """The limit follows the compressed size: the same 3 MB sheet stored without compression
    (its compressed size is its size) is read, and its row counts: 8 JP."""
    monkeypatch.setattr(workbook, "XML_FLOOR", MB, raising=False)
    monkeypatch.setattr(workbook, "XML_PER_PACKED_BYTE", 100, raising=False)
    path = _buku(
        tmp_path / "b.xlsx",
        {"kegiatan": [JUDUL, BARIS]},
        sisip={SHEET: b" " * 3 * MB},
        simpan=zipfile.ZIP_STORED,
    )
    assert _total(runner.invoke(app, ["hitung", str(path), "-f", "json"])) == [(NIP_A, 8.0)]


def test_teks_bersama_raksasa_disebut_sebagai_bagiannya(runner, tmp_path, monkeypatch):
    """Shared strings padded to 0.99 GiB cost 1.16 GB before jp refused them, and the message
    blamed the sheet's extent ("sampai sel H4, 32 sel"). Their XML is limited like a sheet's,
    before calamine reads it, and the message names the shared strings part."""
    monkeypatch.setattr(workbook, "XML_FLOOR", MB, raising=False)
    monkeypatch.setattr(workbook, "XML_PER_PACKED_BYTE", 100, raising=False)
    path = _buku(tmp_path / "b.xlsx", {"kegiatan": [JUDUL, BARIS]}, sisip={SST: b" " * 3 * MB})
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Masalah pada masukan:\n"
        f"  {path}: bagian xl/sharedStrings.xml (teks bersama semua sheet) di dalam buku kerja "
        "ini lebih dari 1 MB setelah dibuka, jauh melebihi isi yang wajar, jadi tidak dibaca. "
        "Salin datanya ke buku kerja baru lalu simpan, atau simpan sebagai CSV.\n"
    )


def test_teks_bersama_melebihi_anggaran_disebut_sebagai_bagiannya(runner, tmp_path, monkeypatch):
    """Shared strings within the XML limit but beyond the memory budget (lowered to 2 MB):
    refused before calamine reads them, naming the part and what it would cost, not the
    sheet's extent."""
    _biaya(monkeypatch, 2 * MB)
    path = _buku(tmp_path / "b.xlsx", {"kegiatan": [JUDUL, BARIS]}, sisip={SST: b" " * 3 * MB})
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Masalah pada masukan:\n"
        f"  {path}: bagian xl/sharedStrings.xml (teks bersama semua sheet, 7 teks) memerlukan "
        "sekitar 3 MB memori, lebih dari yang dapat dibaca jp dengan aman dari buku kerja "
        "sebesar ini. Simpan sheet kegiatan sebagai CSV (jp membaca CSV dengan memori jauh "
        "lebih kecil), atau salin datanya ke buku kerja baru lalu simpan.\n"
    )


# ---------------------------------------------------------------- the workbook's budget


def _kegiatan(n: int) -> list[list]:
    """``n`` distinct rows of 1 JP (a day each, from 1 January)."""
    day = "{:02d}/{:02d}/2025".format
    return [JUDUL] + [[NIP_A, "kursus", day(1 + i % 28, 1 + i // 28), 1] for i in range(n)]


def _pegawai(n: int) -> list[list]:
    """``n`` employees, NIPs 198503122010011001, ...002 and on."""
    rows = [[f"19850312201001{1000 + i + 1}", "Dewi", "Unit", "Staf"] for i in range(n)]
    return [["nip", "nama", "unit", "jabatan"], *rows]


def test_sheet_pegawai_dihitung_bersama_sheet_kegiatan(runner, tmp_path, monkeypatch):
    """The budget is the workbook's: the activity sheet and the pegawai sheet each fit alone
    (about 420 KB each, budget 600 KB) but not together; 400k activity rows and 400k roster
    rows took 1.75 GB. The pegawai sheet is refused, naming both sheets and the fix. Without
    the pegawai sheet the ledger reads: 300 rows of 1 JP."""
    _biaya(monkeypatch, 600_000)
    path = _buku(tmp_path / "b.xlsx", {"kegiatan": _kegiatan(300), "pegawai": _pegawai(300)})
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Masalah pada masukan:\n"
        f"  {path} [pegawai]: sheet ini (A1:D301, 1.204 sel berisi nilai) bersama sheet "
        "'kegiatan' (A1:D301) lebih besar dari yang dapat dibaca jp dengan aman dari satu buku "
        "kerja .xlsx sebesar ini. Simpan setiap sheet sebagai CSV (jp membaca CSV dengan memori "
        "jauh lebih kecil), misalnya jp hitung kegiatan.csv --pegawai pegawai.csv, atau bagi "
        "datanya menjadi beberapa berkas.\n"
    )
    alone = _buku(tmp_path / "c.xlsx", {"kegiatan": _kegiatan(300)})
    assert _total(runner.invoke(app, ["hitung", str(alone), "-f", "json"])) == [(NIP_A, 300.0)]


@pytest.mark.parametrize("bersama", [True, False], ids=["teks-bersama", "teks-sebaris"])
def test_teks_panjang_di_setiap_sel_dihitung(runner, tmp_path, monkeypatch, bersama):
    """One 10 KB title in 300 rows: calamine and Python each copy it into every cell (a 400 KB
    file took 409 MB in calamine alone), whether it is one shared string or written inline.
    Counted by its length: refused with the extent and the fix (budget 2 MB); the same rows
    with a short title read (300 JP)."""
    _biaya(monkeypatch, 2 * MB)
    rows = [[*JUDUL, "judul"]] + [[*r, "J" * 10_000] for r in _kegiatan(300)[1:]]
    path = _buku(tmp_path / "b.xlsx", {"kegiatan": rows}, bersama=bersama)
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Masalah pada masukan:\n"
        f"  {path} [kegiatan]: sheet ini terbentang sampai sel E301 (A1:E301, 1.505 sel, 1.505 "
        "berisi nilai), lebih besar dari yang dapat dibaca jp dengan aman dari buku kerja .xlsx "
        "sebesar ini. Simpan sheet ini sebagai CSV (jp membaca CSV dengan memori jauh lebih "
        "kecil), misalnya jp hitung kegiatan.csv, atau bagi datanya menjadi beberapa berkas.\n"
    )
    short = [[*JUDUL, "judul"]] + [[*r, "Kursus"] for r in _kegiatan(300)[1:]]
    path = _buku(tmp_path / "c.xlsx", {"kegiatan": short}, bersama=bersama)
    assert _total(runner.invoke(app, ["hitung", str(path), "-f", "json"])) == [(NIP_A, 300.0)]


def test_spasi_panjang_di_antara_tag_dihitung(runner, tmp_path, monkeypatch):
    """3 MB of blanks between two tags, within the XML limit: calamine's XML reader holds
    them whole. Counted: beyond the budget (2 MB) the part is named with the length of that
    stretch, not the sheet's small extent."""
    _biaya(monkeypatch, 2 * MB)
    path = _buku(tmp_path / "b.xlsx", {"kegiatan": [JUDUL, BARIS]}, sisip={SHEET: b" " * 3 * MB})
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Masalah pada masukan:\n"
        f"  {path} [kegiatan]: bagian xl/worksheets/sheet1.xml di dalam buku kerja ini berisi "
        "teks atau spasi sepanjang sekitar 3 MB tanpa satu tag pun, yang harus dibaca utuh "
        "sekaligus: jauh melebihi isi yang wajar (satu sel Excel memuat paling banyak 32.767 "
        "karakter). Salin datanya ke buku kerja baru lalu simpan, atau simpan sebagai CSV.\n"
    )


# ---------------------------------------------------------------- writers, one row at a time


def _puncak(fungsi) -> int:
    """Peak Python memory (bytes) while ``fungsi()`` runs."""
    tracemalloc.start()
    try:
        fungsi()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_kartu_xlsx_satu_pegawai_banyak_baris_tidak_menumpuk(tmp_path):
    """``jp kartu -o``: one employee with 460 000 rows took 4.5 minutes and 3.5 GB (openpyxl
    kept an object per cell of the register). Written row by row: 6 000 rows take less than
    8 MB of Python memory (about 40 MB before); every row is there, with the first row's
    borders, wrapping and date format, and the JUMLAH row."""
    import openpyxl

    from jpcli.core.explain import employee_card, find_employee
    from jpcli.render.xlsx import employee_workbook

    rows = [
        {"nip": NIP_A, "nama": "Budi", "jenis": "kursus", "tanggal_mulai": "10/03/2025",
         "jumlah": 1, "judul": f"Kursus {i}"}
        for i in range(6000)
    ]  # fmt: skip
    made = report(rows)
    card = employee_card(made, find_employee(made.kartu, nip=NIP_A))
    out = tmp_path / "k.xlsx"
    peak = _puncak(lambda: employee_workbook(card, made.year, made.rules, []).save(out))
    assert peak < 8 * MB, peak
    ws = openpyxl.load_workbook(out)["Rincian"]
    titles = [r[6].value for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    assert titles == [f"Kursus {i}" for i in range(6000)]
    first, last = ws[5], ws[6004]
    assert [c.border.left.style for c in last] == [c.border.left.style for c in first]
    assert [c.alignment.wrap_text for c in last] == [c.alignment.wrap_text for c in first]
    assert (last[2].number_format, last[2].value.day) == ("DD/MM/YYYY", 10)
    assert [ws.cell(6005, 1).value, ws.cell(6005, 11).value] == ["JUMLAH", 6000]


def test_kartu_semua_pegawai_xlsx_tidak_menumpuk(tmp_path):
    """``jp hitung -o``: xlsxwriter held every cell of the card and of its warnings (200 000
    employees: 450 MB more). In its constant-memory mode each row goes to disk when the next
    starts: 20 000 employees take less than 12 MB of Python memory (about 40 MB before); the
    header keeps its merged titles and every employee is written."""
    import openpyxl
    import pandas as pd

    from jpcli.render.views import kartu_totals
    from jpcli.render.xlsx import write_kartu

    made = report([{"nip": NIP_A, "nama": "Budi", "jenis": "kursus",
                    "tanggal_mulai": "10/03/2025", "jumlah": 8}])  # fmt: skip
    kartu = pd.concat([made.kartu] * 20_000, ignore_index=True)
    kartu["no"] = range(1, len(kartu) + 1)
    out = tmp_path / "h.xlsx"
    peak = _puncak(
        lambda: write_kartu(out, kartu, kartu_totals(kartu), 2025, ["Aturan"], "ringkas", [])
    )
    assert peak < 12 * MB, peak
    ws = openpyxl.load_workbook(out, read_only=False)["Kartu 2025"]
    assert {"A4:A5", "B4:B5", "E4:H4", "N4:N5"} <= {str(r) for r in ws.merged_cells.ranges}
    assert [ws.cell(4, 1).value, ws.cell(5, 5).value] == ["NO", "PELATIHAN"]
    assert [ws.cell(6, 1).value, ws.cell(20_005, 1).value] == [1, 20_000]


# ---------------------------------------------------------------- the whole process


_UKUR = """
import resource, subprocess, sys, time
start = time.monotonic()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
print(proc.returncode, time.monotonic() - start,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
sys.stderr.buffer.write(proc.stderr[-2000:])
"""


def _baris_sama(path: Path, n: int) -> Path:
    """``n`` identical activity rows (each a duplicate, and 40 JP in a day: two warnings)."""
    row = '<row r="{r}"><c r="A{r}" t="s"><v>4</v></c><c r="B{r}" t="s"><v>5</v></c>'
    row += '<c r="C{r}" t="s"><v>6</v></c><c r="D{r}"><v>40</v></c></row>'
    body = "".join(row.format(r=r) for r in range(2, n + 2))
    head = "".join(f'<c r="{_kolom(c)}1" t="s"><v>{c}</v></c>' for c in range(4))
    teks = [*JUDUL, NIP_A, "pelatihan teknis", "10/03/2025"]
    _buku(path, {"kegiatan": [JUDUL]})
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts[SHEET] = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main"><sheetData><row r="1">{head}</row>{body}</sheetData></worksheet>'
    ).encode()
    parts[SST] = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main">' + "".join(f"<si><t>{t}</t></si>" for t in teks) + "</sst>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _jumlah_baris_termuat(folder: Path) -> int:
    """How many such rows the budget admits (97% of it), from the cost of 1000 of them."""
    sample = _baris_sama(folder / "contoh.xlsx", 1000)
    scan = workbook.Workbook(sample, "contoh").scan("kegiatan")
    per_row = scan.cost() / scan.max_row
    return int(0.97 * workbook.MEMORY_BUDGET / per_row)


@pytest.mark.parametrize("rows", ["termuat", 460_000])
def test_puncak_memori_buku_xlsx_bermusuhan_di_bawah_1_gb(tmp_path, rows):
    """Peak memory of ``jp hitung -f json`` as its own process, on a workbook under 10 MB of
    identical rows (two warnings each, the costliest rows measured): 460 000 of them took
    1.5 GB, now refused with the extent and the fix; as many as the budget admits are read.
    Both under 1 GB. Asserted when the run takes less than 30 s (a machine too busy to finish
    says nothing about memory)."""
    n = _jumlah_baris_termuat(tmp_path) if rows == "termuat" else rows
    path = _baris_sama(tmp_path / "besar.xlsx", n)
    assert path.stat().st_size < 10 * MB
    jp = [sys.executable, "-m", "jpcli", "hitung", str(path), "-f", "json"]
    proc = subprocess.run(
        [sys.executable, "-c", _UKUR, *jp], capture_output=True, text=True, timeout=600
    )
    code, seconds, peak = proc.stdout.split()
    if rows == "termuat":
        assert code == "0", proc.stderr
    else:
        assert code == "2", proc.stderr
        assert (
            f"{path} [kegiatan]: sheet ini terbentang sampai sel D460001 (A1:D460001, 1.840.004 "
            "sel, 1.840.004 berisi nilai), lebih besar dari yang dapat dibaca jp dengan aman dari "
            "buku kerja .xlsx sebesar ini. Simpan sheet ini sebagai CSV"
        ) in proc.stderr
    if float(seconds) < 30:
        assert int(peak) < 1000 * MB, (n, int(peak) >> 20)
