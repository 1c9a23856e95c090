"""Hostile input, the writing side: every output is safe whatever the ledger holds. No output
overwrites a file the command reads; no text becomes a live formula; characters XML cannot hold
never crash a workbook; no row is dropped at a sheet's size limit; a full disk, a read-only folder
or a signal leaves no temporary file and no traceback."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bantuan import NIP_A, NIP_B, tulis_csv

from jpcli.cli.app import app

RUMUS = '=HYPERLINK("http://contoh.invalid","klik")'
KOLOM = [
    "nip", "nama", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah", "judul",
    "penyelenggara", "nomor_sertifikat", "status",
]  # fmt: skip


def _nip(i: int) -> str:
    """A valid NIP per ``i`` (birth date, TMT, gender digit 1, serial ``i``)."""
    return f"198503122010011{i:03d}"


@pytest.fixture
def jahat(tmp_path) -> Path:
    """A ledger whose text cells look like formulas and hold a Word soft line break (\\x0b)."""
    return tulis_csv(
        tmp_path / "buku.csv",
        [
            KOLOM,
            [
                NIP_A,
                RUMUS,
                "kursus",
                "",
                "10/03/2025",
                "",
                "8",
                "=1+1\x0bdua",
                "@SUM(A1)",
                "=cert",
                "disetujui",
            ],
            [NIP_A, RUMUS, "coaching", "", "11/03/2025", "", "1", "-2+3", "+cmd", "", ""],
            [NIP_B, "Budi\x0bSantoso", "kursus", "", "10/03/2025", "", "3", "\tx", "y", "", "=2+2"],
        ],  # fmt: skip
    )


@pytest.fixture
def biasa(tmp_path) -> Path:
    """An ordinary ledger: nothing in it is hostile."""
    return tulis_csv(
        tmp_path / "buku.csv",
        [KOLOM, [NIP_A, "Budi", "coaching", "", "11/03/2025", "", "1", "SKP", "Ani", "", ""]],
    )


@pytest.fixture
def pegawai(tmp_path) -> Path:
    return tulis_csv(
        tmp_path / "pegawai.csv",
        [["nip", "nama", "unit"], [NIP_A, RUMUS, "=unit"], [NIP_B, "Budi\x0bSantoso", "-unit"]],
    )


# ---------------------------------------------------------------- inputs protected from -o


def _ejaan(tmp_path: Path, target: Path, how: str) -> Path:
    """Another spelling of ``target``: the same path, through ``..``, a symlink, a hard link."""
    if how == "sama":
        return target
    if how == "titik-titik":
        (tmp_path / "sub").mkdir()
        return tmp_path / "sub" / ".." / target.name
    other = tmp_path / f"lain{target.suffix}"
    (other.symlink_to if how == "symlink" else other.hardlink_to)(target)
    return other


@pytest.mark.parametrize("how", ["sama", "titik-titik", "symlink", "hardlink"])
@pytest.mark.parametrize(
    "command", [["hitung"], ["kartu", "--nip", NIP_A], ["cek", "--per-tanggal", "2025-12-31"]]
)
def test_daftar_pegawai_tidak_ditimpa_keluaran(runner, tmp_path, jahat, pegawai, how, command):
    """Every path the command reads is protected from -o: the roster given with --pegawai, by
    any spelling (resolved path, symlink, hard link)."""
    before = pegawai.read_bytes()
    out = _ejaan(tmp_path, pegawai, how)
    result = runner.invoke(
        app, [command[0], str(jahat), *command[1:], "--pegawai", str(pegawai), "-o", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert (
        f"Menolak menulis ke {out}: itu berkas masukan. Pilih nama berkas keluaran lain."
        in result.stderr
    )
    assert pegawai.read_bytes() == before


def test_berkas_aturan_tidak_ditimpa_keluaran(runner, tmp_path, jahat):
    """The rule file given with --aturan PATH is protected from -o like the ledger."""
    rules = tmp_path / "aturan.json"
    rules.write_text('dasar = "lan-10-2018"\nnama = "kantor"\n', encoding="utf-8")
    before = rules.read_bytes()
    result = runner.invoke(app, ["hitung", str(jahat), "--aturan", str(rules), "-o", str(rules)])
    assert result.exit_code == 2, result.output
    assert f"Menolak menulis ke {rules}: itu berkas masukan." in result.stderr
    assert rules.read_bytes() == before


def test_templat_tidak_menimpa_berkas_aturan(runner, tmp_path):
    """jp templat --timpa never writes over the rule file it reads (--aturan PATH)."""
    rules = tmp_path / "aturan.xlsx"
    rules.write_text('dasar = "lan-10-2018"\n', encoding="utf-8")
    result = runner.invoke(app, ["templat", str(rules), "--aturan", str(rules), "--timpa"])
    assert result.exit_code == 2, result.output
    assert f"Menolak menulis ke {rules}: itu berkas masukan." in result.stderr
    assert rules.read_text(encoding="utf-8") == 'dasar = "lan-10-2018"\n'


# ---------------------------------------------------------------- formulas and XML characters


def _sel_xlsx(path: Path) -> dict[str, list[tuple[str, object, str]]]:
    """Every non-empty cell per sheet: (coordinate, value, openpyxl data type)."""
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: [
            (c.coordinate, c.value, c.data_type)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        ]
        for ws in wb.worksheets
    }


def _tanpa_rumus(path: Path) -> None:
    """No formula element in any sheet's XML, no formula cell as openpyxl reads it."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not re.search(rb"<f[ >]", zf.read(name)), name
    for sheet, cells in _sel_xlsx(path).items():
        assert [c for c in cells if c[2] == "f"] == [], sheet


def _nilai(path: Path) -> set:
    return {value for cells in _sel_xlsx(path).values() for _, value, _ in cells}


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["hitung"], {RUMUS, "Budi Santoso", "=2+2"}),
        (
            ["kartu", "--nip", NIP_A],
            {
                f"{RUMUS} — NIP 19850312 201001 1 002",
                "=1+1 dua\nSertifikat No. =cert",
                "-2+3",
                "( +cmd )",
            },
        ),
        (["cek", "--per-tanggal", "2025-12-31"], {RUMUS, "Budi Santoso", "=unit", "-unit"}),
    ],
)
def test_xlsx_tanpa_rumus_dan_karakter_terlarang(
    runner, tmp_path, jahat, pegawai, command, expected
):
    """Text from the ledger is written as text, never as a formula (openpyxl and xlsxwriter);
    characters XML cannot hold (\\x0b, Word's soft line break) become a space instead of exit 3."""
    out = tmp_path / "keluar.xlsx"
    args = [command[0], str(jahat), *command[1:], "--pegawai", str(pegawai), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    _tanpa_rumus(out)
    assert expected <= _nilai(out)


def test_lembar_peringatan_tanpa_rumus(runner, tmp_path, jahat):
    """The warnings sheet of hitung -o .xlsx writes the raw cell value and the message as text
    (xlsxwriter's write_row would make '=2+2' a formula); numbers stay numbers."""
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(app, ["hitung", str(jahat), "-o", str(out)])
    assert result.exit_code == 0, result.output
    _tanpa_rumus(out)
    rows = [r for r in openpyxl.load_workbook(out)["peringatan"].iter_rows(values_only=True)]
    assert rows[0] == ("FILE", "SHEET", "BARIS", "KOLOM", "NILAI", "PESAN")
    status = [r for r in rows if r[3] == "status"]
    assert [(r[0], r[2], r[4]) for r in status] == [(str(jahat), 4, "=2+2")]


def _baca_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_sel_rumus_diawali_petik(runner, tmp_path, jahat, pegawai):
    """CSV cells starting with = + - @ or a tab get a leading ' (OWASP, CSV injection); numbers,
    even as text in a number column, stay as they are."""
    out = tmp_path / "kartu.csv"
    result = runner.invoke(app, ["hitung", str(jahat), "--pegawai", str(pegawai), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _baca_csv(out.read_text(encoding="utf-8"))
    assert [r[:5] + r[-4:] for r in rows[1:]] == [
        ["1", NIP_A, "'" + RUMUS, "'=unit", "", "10.0", "20.0", "false", "10.0"],
        ["2", NIP_B, "Budi\x0bSantoso", "'-unit", "", "3.0", "20.0", "false", "17.0"],
    ]
    result = runner.invoke(
        app, ["cek", str(jahat), "--pegawai", str(pegawai), "--per-tanggal", "2025-12-31",
              "-f", "csv"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert [r[:6] for r in _baca_csv(result.stdout)[1:]] == [
        [NIP_B, "Budi\x0bSantoso", "'-unit", "3.0", "20.0", "17.0"],
        [NIP_A, "'" + RUMUS, "'=unit", "10.0", "20.0", "10.0"],
    ]


def test_csv_kartu_dan_validasi_diawali_petik(runner, jahat):
    """jp kartu -f csv and jp validasi -f csv: ledger text starting with = is prefixed with ';
    the row number stays a number."""
    result = runner.invoke(app, ["kartu", str(jahat), "--nip", NIP_A, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = _baca_csv(result.stdout)
    column = rows[0].index("nomor_sertifikat")
    assert [r[column] for r in rows[1:]] == ["'=cert", ""]
    result = runner.invoke(app, ["validasi", str(jahat), "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = _baca_csv(result.stdout)
    assert [(r[2], r[3], r[4]) for r in rows[1:] if r[3] == "status"] == [("4", "status", "'=2+2")]


# ---------------------------------------------------------------- sheet limits


def _buku_banyak(tmp_path: Path, n: int, **extra) -> Path:
    """``n`` employees with one kursus each (status 'aneh' gives one warning per row)."""
    rows = [[_nip(i), f"Pegawai {i}", "kursus", "", "10/03/2025", "", "2", "", "", "",
             extra.get("status", "")] for i in range(1, n + 1)]  # fmt: skip
    return tulis_csv(tmp_path / "banyak.csv", [KOLOM, *rows])


def test_kartu_besar_tumpah_ke_sheet_berikut(runner, tmp_path, monkeypatch):
    """A sheet holds at most MAX_ROWS rows: the card and the warnings spill into 'Kartu 2025 (2)',
    'peringatan (2)', ... each with its header repeated; no employee and no warning is dropped."""
    import jpcli.render.xlsx as xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 10, raising=False)
    ledger = _buku_banyak(tmp_path, 17, status="aneh")
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(app, ["hitung", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    cards = [ws for ws in wb.worksheets if ws.title.startswith("Kartu 2025")]
    assert [ws.title for ws in cards][:3] == ["Kartu 2025", "Kartu 2025 (2)", "Kartu 2025 (3)"]
    assert all(ws.max_row <= 10 for ws in wb.worksheets)
    nips = [ws.cell(r, 2).value for ws in cards for r in range(1, ws.max_row + 1)]
    assert [n for n in nips if n and n.isdigit()] == [_nip(i) for i in range(1, 18)]
    for ws in cards[1:]:
        assert (ws.cell(1, 1).value, ws.cell(1, 2).value, ws.cell(1, 4).value) == (
            "NO", "NIP", "PENDIDIKAN",
        )  # fmt: skip
    assert cards[-1].cell(cards[-1].max_row - 2, 1).value == "JUMLAH"
    warnings = [ws for ws in wb.worksheets if ws.title.startswith("peringatan")]
    assert [ws.title for ws in warnings][:2] == ["peringatan", "peringatan (2)"]
    rows = [r for ws in warnings for r in ws.iter_rows(values_only=True)]
    assert sum(r[0] == "FILE" for r in rows) == len(warnings)
    assert sorted(r[2] for r in rows if r[3] == "status") == list(range(2, 19))


def test_daftar_cek_dan_rincian_kartu_tumpah(runner, tmp_path, monkeypatch):
    """The openpyxl workbooks spill too: the cek list ('Belum memenuhi (2)', ...) and the kartu
    register ('Rincian (2)', ...), header repeated, every row kept."""
    import jpcli.render.xlsx as xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 14, raising=False)
    ledger = _buku_banyak(tmp_path, 23)
    out = tmp_path / "cek.xlsx"
    result = runner.invoke(app, ["cek", str(ledger), "--per-tanggal", "2025-12-31", "-o", str(out)])
    assert result.exit_code == 1, result.output
    wb = openpyxl.load_workbook(out)
    pages = [ws for ws in wb.worksheets if ws.title.startswith("Belum memenuhi")]
    assert [ws.title for ws in pages][:2] == ["Belum memenuhi", "Belum memenuhi (2)"]
    assert all(ws.max_row <= 14 for ws in pages)
    nips = [r[1] for ws in pages for r in ws.iter_rows(values_only=True)]
    assert [n for n in nips if n and n.isdigit()] == [_nip(i) for i in range(1, 24)]
    assert all(ws.cell(1, 2).value == "NIP" for ws in pages[1:])

    rows = [[NIP_A, "Budi", "kursus", "", f"{d:02d}/03/2025", "", "1", f"K{d}", "", "", ""]
            for d in range(1, 26)]  # fmt: skip
    ledger = tulis_csv(tmp_path / "satu.csv", [KOLOM, *rows])
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(app, ["kartu", str(ledger), "--nip", NIP_A, "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    pages = [ws for ws in wb.worksheets if ws.title.startswith("Rincian")]
    assert len(pages) >= 3 and pages[1].title == "Rincian (2)"
    assert all(ws.max_row <= 14 for ws in pages)
    titles = [r[6] for ws in pages for r in ws.iter_rows(values_only=True)]
    assert [t for t in titles if t and t.startswith("K")] == [f"K{d}" for d in range(1, 26)]


# ---------------------------------------------------------------- full disk, read-only folder


def _disk_penuh(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    ("command", "module"),
    [
        (["hitung"], "xlsxwriter.workbook"),
        (["kartu", "--nip", NIP_A], "openpyxl.writer.excel"),
    ],
)
def test_disk_penuh_exit_2_tanpa_sisa(runner, tmp_path, biasa, monkeypatch, command, module):
    """A full disk while the workbook is stored: exit 2 with an Indonesian message naming the
    output (xlsxwriter wraps the OSError in FileCreateError), no temporary file left."""
    import importlib

    monkeypatch.setattr(importlib.import_module(module), "ZipFile", _disk_penuh)
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(app, [command[0], str(biasa), *command[1:], "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert " ".join(result.stderr.split()).startswith(f"Kesalahan: Gagal menulis {out}: disk penuh")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["buku.csv"]


_DISK_PENUH_SUNGGUHAN = """
import errno, io, sys
from pathlib import Path

folder = Path(sys.argv[-1]).parent
real_open = io.open


class Penuh(io.RawIOBase):
    \"\"\"A file in the output folder on a full disk: writing fails, and closing (flushing)
    fails again, as a real full disk does.\"\"\"

    def __init__(self, fh):
        self.fh = fh

    def writable(self):
        return True

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def seekable(self):
        return True

    def tell(self):
        return self.fh.tell()

    def seek(self, *args):
        return self.fh.seek(*args)

    def flush(self):
        pass

    def close(self):
        if not self.closed:
            self.fh.close()
            super().close()
            raise OSError(errno.ENOSPC, "No space left on device")


def open_(file, mode="r", *args, **kwargs):
    fh = real_open(file, mode, *args, **kwargs)
    if "w" in mode and isinstance(file, (str, Path)) and Path(file).parent == folder:
        return Penuh(fh)
    return fh


io.open = open_
import builtins
builtins.open = open_
sys.argv = ["jp", *sys.argv[1:]]
from jpcli.entry import main
main()
"""


@pytest.mark.parametrize("command", [["cek"], ["kartu", "--nip", NIP_A], ["hitung"]])
def test_disk_penuh_tanpa_traceback_saat_ditutup(tmp_path, biasa, command):
    """On a real full disk openpyxl leaves its zip open after the failed save; closing it as
    garbage failed again and Python printed "Exception ignored in: <function ZipFile.__del__>"
    with a traceback after jp's message. Only jp's one line is printed; nothing is left."""
    out = tmp_path / "keluar" / "kartu.xlsx"
    out.parent.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", _DISK_PENUH_SUNGGUHAN, command[0], str(biasa), *command[1:],
         "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"Kesalahan: Gagal menulis {out}: disk penuh"), proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize(
    ("galat", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "tidak ada izin menulis"),
        (OSError(errno.EROFS, "Read-only file system"), "sistem berkas hanya-baca"),
    ],
)
def test_folder_hanya_baca_exit_2(runner, tmp_path, biasa, monkeypatch, galat, reason):
    """The temporary file cannot be created (read-only folder): exit 2 naming the output and
    the folder, never a traceback (exit 3)."""
    import tempfile

    def refuse(*args, **kwargs):
        raise galat

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "kartu.csv"
    result = runner.invoke(app, ["hitung", str(biasa), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert " ".join(result.stderr.split()) == (
        f"Kesalahan: Tidak dapat menulis {out}: folder {tmp_path} tidak dapat ditulisi "
        f"({reason}). Pilih folder lain untuk -o."
    )  # the terminal may wrap a long path
    assert not out.exists()


# ---------------------------------------------------------------- signals

SKRIP_LAMBAT = """
import sys, time
import xlsxwriter.workbook as workbook

ready, ledger, out = sys.argv[1:4]
Zip = workbook.ZipFile

class Slow(Zip):
    def _pause(self):
        open(ready, "w").close()
        time.sleep(60)

    def write(self, *args, **kwargs):
        super().write(*args, **kwargs)
        self._pause()

    def writestr(self, *args, **kwargs):
        super().writestr(*args, **kwargs)
        self._pause()

workbook.ZipFile = Slow
sys.argv = ["jp", "hitung", ledger, "-o", out]
from jpcli.entry import main
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sinyal_saat_menulis_tanpa_berkas_sementara(tmp_path, jahat, signum):
    """SIGTERM/SIGHUP while -o .xlsx is written: exit 128+signal, no temporary file beside the
    target, no xlsxwriter temporary file in the system temp folder."""
    temp = tmp_path / "temp"
    temp.mkdir()
    ready, out = tmp_path / "siap", tmp_path / "keluar" / "kartu.xlsx"
    out.parent.mkdir()
    script = tmp_path / "lambat.py"
    script.write_text(textwrap.dedent(SKRIP_LAMBAT), encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(temp)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(ready), str(jahat), str(out)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ready.exists(), proc.communicate()
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum, err
    assert b"Traceback" not in err
    assert list(out.parent.iterdir()) == []
    assert list(temp.iterdir()) == []


def test_berkas_dasar_aturan_tidak_ditimpa_keluaran(runner, tmp_path, jahat):
    """A rule file named as ``dasar`` by the one given with --aturan is read too: -o over it is
    refused like the ledger (only the --aturan file itself was protected)."""
    base = tmp_path / "induk.csv"
    base.write_text('dasar = "lan-10-2018"\nnama = "induk"\n', encoding="utf-8")
    rules = tmp_path / "kantor.toml"
    rules.write_text('dasar = "induk.csv"\nnama = "kantor"\n', encoding="utf-8")
    before = base.read_bytes()
    for command in (["hitung"], ["cek"], ["kartu", "--nip", NIP_A]):
        result = runner.invoke(app, [*command, str(jahat), "--aturan", str(rules), "-o", str(base)])
        assert result.exit_code == 2, result.output
        assert f"Menolak menulis ke {base}: itu berkas masukan." in result.stderr
        assert base.read_bytes() == before
    result = runner.invoke(app, ["templat", str(base), "--aturan", str(rules), "--timpa"])
    assert result.exit_code == 2, result.output
    assert base.read_bytes() == before
