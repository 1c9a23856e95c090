"""The fast paths of a large ledger give exactly what the general code gives: a CSV read ahead on
a thread, columns worked on as categorical codes, dates and NIPs read in bulk, cap portions
sorted on packed keys."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bantuan import HARI_INI, KOLOM_CSV, NIP_A, NIP_B, NIP_C, table, tulis_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpcli.core import cells
from jpcli.core import schema as C
from jpcli.core.compute import lexsort_packed
from jpcli.core.normalize import normalize_activities
from jpcli.core.pipeline import load_ledger
from jpcli.files import sniff
from jpcli.files.read_ahead import ReadAhead
from jpcli.problems import InputError
from jpcli.rules import load_rules

ATURAN = load_rules()


def _buku_csv(folder: Path) -> Path:
    """Sixty rows of three employees (one written with two names), a blank note column mostly,
    and one broken row at the end (a short NIP, a date not in the calendar)."""
    rows = [KOLOM_CSV + ["keterangan"]]
    for i in range(60):
        jenis = ("kursus", "seminar", "workshop")[i % 3]
        rows.append([(NIP_A, NIP_B, NIP_C)[i % 3], "Budi" if i % 7 else "Budi S.", jenis, "",
                     f"{1 + i % 28:02d}/03/2025", "", str(1 + i % 5) if jenis == "kursus" else "1",
                     f"Judul {i % 4}", "" if i % 5 else "catatan"])  # fmt: skip
    rows.append(["19850312", "X", "kursus", "", "2025-13-01", "", "1", "rusak", ""])
    return tulis_csv(folder / "buku.csv", rows)


def test_csv_dibaca_di_latar_sama_dengan_baca_biasa(tmp_path):
    """A CSV read ahead (Arrow, on a thread) gives the ledger the normal read gives, every
    problem included, and is handed over once."""
    path = _buku_csv(tmp_path)
    biasa = load_ledger(path, ATURAN)
    ahead = ReadAhead.for_ledger(path, csv=True)
    assert ahead.running
    dulu = load_ledger(path, ATURAN, read_ahead=ahead)
    assert not ahead.running and ahead.take(path) is None
    assert dulu.kegiatan.equals(biasa.kegiatan)
    assert dulu.problems == biasa.problems
    assert [m.code for m in biasa.problems] == [
        "nip_length", "date_not_in_calendar", *["name_conflict"] * 3,
    ]  # fmt: skip


def test_csv_dibaca_di_latar_diambil(tmp_path, monkeypatch):
    """The read-ahead's Arrow table is the one used: the file is not read by Arrow again."""
    path = _buku_csv(tmp_path)
    ahead = ReadAhead.for_ledger(path, csv=True)
    ahead._thread.join()
    from jpcli.files import read

    def tidak_boleh(*args):
        raise AssertionError("read again")

    monkeypatch.setattr(read, "arrow_csv", tidak_boleh)
    assert load_ledger(path, ATURAN, read_ahead=ahead).n_rows == 61


def test_tanpa_prabaca_bila_dibagi(tmp_path, monkeypatch):
    """A CSV that ``jp hitung`` reads in parts is never read whole ahead (it may not fit)."""
    from jpcli.cli.app import _reads_whole

    path = _buku_csv(tmp_path)
    assert _reads_whole("auto", path) and _reads_whole("1", path)
    assert not _reads_whole("4", path) and not _reads_whole("x", path)
    monkeypatch.setattr(sniff, "PART_BYTES", 100)
    assert not _reads_whole("auto", path)
    assert not ReadAhead.for_ledger(None, csv=True).running


def test_jp_hitung_csv_sebagai_proses_sama(tmp_path):
    """Whole process with the read-ahead: the same JSON as reading in parts."""
    path = _buku_csv(tmp_path)

    def hitung(*extra):
        proc = subprocess.run(
            [sys.executable, "-m", "jpcli", "hitung", str(path), "-f", "json", "--lewati-salah",
             *extra],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return proc.stdout

    satu = hitung()
    assert satu == hitung("--partisi", "3")
    assert {p["nip"] for p in json.loads(satu)["pegawai"]} == {NIP_A, NIP_B, NIP_C}


TEKS_SEL = st.one_of(
    st.sampled_from(["", " ", "nip", "kursus", "Seminar Nasional", "2025-03-12", "12/03/2025",
                     "3", "1,5", NIP_A, NIP_B, "budi", "Budi", "ditolak", "x"]),
    st.text(alphabet="ab 1/-", max_size=6),
)  # fmt: skip
KOLOM = ["nip", "nama", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah", "judul"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({k: TEKS_SEL for k in KOLOM}), min_size=1, max_size=25))
def test_kolom_kategori_sama_dengan_kolom_objek(rows):
    """Columns read as categories (CSV through Arrow, with unused categories as a header row
    leaves them) are checked exactly as plain object columns: same rows, same problems."""
    biasa = table(rows)
    kategori = table(rows)
    for col in kategori.frame:
        values = kategori.frame[col]
        used = [v for v in pd.unique(values) if v is not None and v != "header"]
        kategori.frame[col] = pd.Categorical(values, categories=["header", *used][::-1])
    k1, m1, n1 = normalize_activities(biasa, ATURAN, HARI_INI)
    k2, m2, n2 = normalize_activities(kategori, ATURAN, HARI_INI)
    assert (m1, n1) == (m2, n2)
    for col in k1:
        assert k1[col].astype(object).equals(k2[col].astype(object)), col


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(TEKS_SEL, min_size=8, max_size=8), min_size=1, max_size=25))
def test_prabaca_kamus_dua_thread_sama_dengan_baca_biasa(tmp_path_factory, rows):
    """The read-ahead reads plain texts and makes every column a dictionary on two threads
    (``sniff.as_dictionaries``): the ledger is the one Arrow's dictionary read gives, rows,
    typed cells and problems alike."""
    path = tulis_csv(tmp_path_factory.mktemp("prabaca") / "b.csv", [KOLOM, *rows])
    try:
        biasa = load_ledger(path, ATURAN, today=HARI_INI)
    except InputError as exc:
        biasa = exc.problems
    ahead = ReadAhead.for_ledger(path, csv=True)
    try:
        dulu = load_ledger(path, ATURAN, today=HARI_INI, read_ahead=ahead)
    except InputError as exc:
        dulu = exc.problems
    assert ahead.take(path) is None  # handed over once, to the read above
    if isinstance(biasa, list):
        assert dulu == biasa
        return
    assert (dulu.problems, dulu.n_rows) == (biasa.problems, biasa.n_rows)
    for col in biasa.kegiatan:
        assert dulu.kegiatan[col].astype(object).equals(biasa.kegiatan[col].astype(object)), col


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.from_regex(r"(19|20|21)[0-9]{2}-[0-1][0-9]-[0-3][0-9]", fullmatch=True),
            st.from_regex(r"[0-3][0-9]/[0-1][0-9]/(18|19|20|21|22)[0-9]{2}", fullmatch=True),
            st.text(alphabet="0123456789-/ .", min_size=8, max_size=12),
            st.dates().map(str),
            st.integers(0, 80000),
            st.none(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_tanggal_cepat_sama_dengan_tanggal(values):
    """The bulk date reader accepts only what ``parse_date`` accepts, with the same date."""
    good, result = cells.parse_dates_fast(np.array(values, dtype=object))
    for value, ok, day in zip(values, good, result):
        if ok:
            assert day == cells.parse_date(value)
        else:
            assert day is None


def test_tanggal_cepat_bentuk_umum():
    """The two plain forms take the fast path; anything else is left to ``parse_date``."""
    good, result = cells.parse_dates_fast(
        np.array(["2025-03-12", "12/03/2025", "2025-02-30", "12-03-2025", " 2025-03-12"], object)
    )
    assert good.tolist() == [True, True, False, False, False]
    assert result[:2].tolist() == [dt.date(2025, 3, 12)] * 2


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-5, 5), st.integers(0, 3), st.integers(-(2**40), 2**40)),
        max_size=60,
    )
)
def test_urut_kunci_padat_sama_dengan_lexsort(rows):
    """Sorting on keys packed into 64-bit integers gives ``np.lexsort``'s order exactly."""
    keys = [np.array([r[i] for r in rows], dtype=np.int64) for i in range(3)]
    assert lexsort_packed(keys).tolist() == np.lexsort(keys).tolist()


@pytest.mark.parametrize("nip", ["198503122010212002", "198503122010011002"])
def test_status_dari_nip(nip):
    """PPPK by digits 13-14 = 21 (docs/tafsir.md, "Status pegawai"), one per employee."""
    expected = "PPPK" if nip[12:14] == "21" else "PNS"
    assert cells.status_from_nip(np.array([nip, None], dtype=object)).tolist() == [
        expected,
        "PNS",
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 5), st.integers(0, 2**64 - 1)), min_size=0, max_size=80))
def test_nilai_berulang_sama_dengan_duplicated(values):
    """Exact repeats are found by the bucket count and the exact test together exactly as by
    ``duplicated(keep=False)`` (docs/tafsir.md, "Baris ganda": the first of equal rows counts)."""
    from jpcli.core.normalize import _repeated

    mixed = np.array(values, dtype=np.uint64)
    expected = pd.Series(mixed, dtype=np.uint64).duplicated(keep=False).to_numpy()
    assert _repeated(mixed).tolist() == expected.tolist()


def _buku_campur(folder: Path) -> Path:
    """A CSV as offices write one: two title lines and a blank line above the header, a trailing
    separator that makes an unnamed column, NIP cells with spaces or an apostrophe, dates of
    2023-2025 in three spellings, another employee's broken rows, and one row of NIP_A's and
    one of NIP_B's with a field beyond the header."""
    head = KOLOM_CSV + [""]
    rows = [["DAFTAR KEGIATAN PENGEMBANGAN KOMPETENSI"], ["Dinas Contoh"], [], head]
    nip_a = ["198503122010011002", "19850312 201001 1 002", "'198503122010011002"]
    for i in range(40):
        nip = nip_a[i % 3] if i % 2 else NIP_B
        day = [f"{1 + i % 28:02d}/03/2024", f"2025-04-{1 + i % 28:02d}", "2023-01-05"][i % 3]
        rows.append([nip, "Budi" if i % 2 else "Sari", "seminar", "", day, "", "1", f"J{i}", ""])
    rows.append([NIP_B, "Sari", "kursus", "", "2025-13-01", "", "x", "rusak", ""])
    rows.append([NIP_A, "Budi", "seminar", "", "02/05/2025", "", "1", "lebar", "ekstra"])
    rows.append([NIP_B, "Sari", "seminar", "", "03/05/2025", "", "1", "lebar", "ekstra"])
    return tulis_csv(folder / "buku.csv", [r + [""] * (len(head) - len(r)) for r in rows])


def test_kartu_nip_csv_hanya_baris_pegawai_dibuat(tmp_path, monkeypatch):
    """jp kartu --nip on a CSV read ahead: only the employee's rows become pandas cells (the
    pick over Arrow's codes), and the result is the one of picking from the whole table: the
    same rows with their Excel row numbers, problems (a field beyond the header in the employee's
    own row, at its row), the count of other rows, and the years of the whole file."""
    from jpcli.core.pipeline import employee_ledger
    from jpcli.core.schema import ONE_EMPLOYEE_WHOLE_FILE
    from jpcli.files import read

    path = _buku_campur(tmp_path)
    dibuat = []
    grid = read._arrow_grid
    monkeypatch.setattr(read, "_arrow_grid", lambda t, w: dibuat.append(t.num_rows) or grid(t, w))
    utuh = employee_ledger(path, ATURAN, "19850312")  # no read-ahead: the whole table, picked
    assert dibuat == [47]
    dibuat.clear()
    ahead = ReadAhead.for_ledger(path, csv=True, encode=ONE_EMPLOYEE_WHOLE_FILE)
    cepat = employee_ledger(path, ATURAN, "19850312", read_ahead=ahead)
    assert dibuat == [30, 4 + 21]  # the header search, then the rows down to the header and hers
    assert (cepat.first, cepat.latest) == (utuh.first, utuh.latest) == (2023, 2025)
    assert cepat.ledger.kegiatan.equals(utuh.ledger.kegiatan)
    assert cepat.ledger.problems == utuh.ledger.problems
    rows = cepat.ledger.kegiatan[C.ROW].tolist()
    assert rows == [6 + 2 * i for i in range(20)]  # her row 46 is an error: not counted
    wide = [p for p in cepat.ledger.problems if p.code == "csv_row_too_wide"]
    assert [p.row_no for p in wide] == [46]  # hers; Sari's row 47 is not read
    other = [p for p in cepat.ledger.problems if p.code == "other_rows_unchecked"]
    assert other[0].args == (22,)  # Sari's 20 rows, her broken row and her wide row


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.fixed_dictionaries({k: TEKS_SEL for k in KOLOM}), min_size=1, max_size=20),
    st.sampled_from(["1985", NIP_A, NIP_B[:9], "2"]),
)
def test_pilih_baris_sama_dengan_pilih_dari_tabel_utuh(tmp_path_factory, rows, nip):
    """Property: picking one employee's rows over Arrow's codes gives the table that picking
    from the whole pandas table gives (cells, row numbers, headers, problems)."""
    from jpcli.core.pipeline import employee_ledger
    from jpcli.core.schema import ONE_EMPLOYEE_WHOLE_FILE

    folder = tmp_path_factory.mktemp("pilih")
    path = tulis_csv(folder / "b.csv", [KOLOM] + [[r[k] for k in KOLOM] for r in rows])
    utuh = employee_ledger(path, ATURAN, nip)
    ahead = ReadAhead.for_ledger(path, csv=True, encode=ONE_EMPLOYEE_WHOLE_FILE)
    cepat = employee_ledger(path, ATURAN, nip, read_ahead=ahead)
    assert (cepat is None) == (utuh is None)
    if utuh is not None:
        assert cepat.ledger.kegiatan.equals(utuh.ledger.kegiatan)
        assert cepat.ledger.problems == utuh.ledger.problems
        assert (cepat.first, cepat.latest) == (utuh.first, utuh.latest)


def test_kartu_nip_csv_sel_berbaris_banyak(tmp_path):
    """A CSV with a cell spanning two lines is not picked over Arrow's codes (the rows a quote
    may have swallowed are named from the whole table): the plain read ahead is made into the
    whole grid, and picking from it gives what the normal read gives."""
    from jpcli.core.pipeline import employee_ledger
    from jpcli.core.schema import ONE_EMPLOYEE_WHOLE_FILE

    rows = [KOLOM_CSV]
    for i in range(12):
        judul = "Judul\nbaris dua" if i == 3 else f"Judul {i}"
        rows.append([(NIP_A, NIP_B)[i % 2], "Budi", "seminar", "", f"0{1 + i % 9}/03/2025", "",
                     "1", judul, ""][: len(KOLOM_CSV)])  # fmt: skip
    path = tulis_csv(tmp_path / "b.csv", rows)
    utuh = employee_ledger(path, ATURAN, NIP_B)
    ahead = ReadAhead.for_ledger(path, csv=True, encode=ONE_EMPLOYEE_WHOLE_FILE)
    cepat = employee_ledger(path, ATURAN, NIP_B, read_ahead=ahead)
    assert len(cepat.ledger.kegiatan) == 6
    assert cepat.ledger.kegiatan[C.TITLE].tolist() == utuh.ledger.kegiatan[C.TITLE].tolist()
    assert "Judul\nbaris dua" in cepat.ledger.kegiatan[C.TITLE].tolist()
    assert cepat.ledger.problems == utuh.ledger.problems
    assert cepat.ledger.kegiatan.equals(utuh.ledger.kegiatan)


def test_akhir_cepat_membawa_kode_keluar_dan_keluaran_utuh(tmp_path):
    """The console script ends the process without Python's teardown (``entry.run``): the exit
    code is still the command's (validasi: 2 when a row is wrong, cek: 1 when someone is below
    target) and output written to a file, not a terminal (block-buffered), arrives whole."""
    path = _buku_csv(tmp_path)
    keluar = tmp_path / "keluar.json"
    with open(keluar, "w") as fh:
        proc = subprocess.run(
            [sys.executable, "-m", "jpcli", "hitung", str(path), "-f", "json", "--lewati-salah"],
            stdout=fh, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert {p["nip"] for p in json.loads(keluar.read_text())["pegawai"]} == {NIP_A, NIP_B, NIP_C}
    salah = subprocess.run(
        [sys.executable, "-m", "jpcli", "validasi", str(path)], capture_output=True, text=True
    )
    assert salah.returncode == 2
    assert "buku.csv baris 62, kolom nip" in salah.stdout
    assert salah.stdout.rstrip().endswith(
        "61 baris dibaca, 1 baris salah (2 masalah), 3 peringatan."
    )
    kurang = subprocess.run(
        [sys.executable, "-m", "jpcli", "cek", str(path), "--lewati-salah", "-f", "json",
         "--target", "500"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert kurang.returncode == 1
    assert json.loads(kurang.stdout)["pegawai"]


def test_akhir_cepat_setelah_flush(monkeypatch):
    """``entry.run`` flushes stdout and stderr, then ends with main's code; an exit that is no
    number (Python prints it and exits 1) ends the normal way."""
    from jpcli import entry

    events = []

    class Stream:
        def __init__(self, name):
            self.name = name

        def flush(self):
            events.append(("flush", self.name))

    def ends(code):
        def main():
            raise SystemExit(code)

        return main

    monkeypatch.setattr(sys, "stdout", Stream("stdout"))
    monkeypatch.setattr(sys, "stderr", Stream("stderr"))
    monkeypatch.setattr(entry.os, "_exit", lambda code: events.append(("exit", code)))
    for code, expected in ((3, 3), (None, 0)):
        monkeypatch.setattr(entry, "main", ends(code))
        entry.run()
        assert events[-3:] == [("flush", "stdout"), ("flush", "stderr"), ("exit", expected)]
    monkeypatch.setattr(entry, "main", ends("teks"))
    with pytest.raises(SystemExit) as ended:
        entry.run()
    assert ended.value.code == "teks"


def test_opsi_bernilai_sejalan_dengan_perintah():
    """``cli.early`` guesses the ledger from the command line before Typer parses it: the options
    it knows to take a value are exactly those of jp kartu and jp riwayat."""
    import typer.main

    from jpcli.cli.app import app
    from jpcli.cli.early import VALUE_OPTIONS

    group = typer.main.get_command(app)
    taking = {
        opt
        for name in ("kartu", "riwayat")
        for param in group.commands[name].params
        if param.param_type_name == "option" and not param.is_flag and not param.count
        for opt in (*param.opts, *param.secondary_opts)
    }
    assert VALUE_OPTIONS == taking


def test_prabaca_awal_hanya_untuk_kartu_satu_nip_csv(tmp_path, monkeypatch):
    """The CSV of ``jp kartu/riwayat BUKU --nip N`` is read from the start, however the command
    line is written; never with --help/--version, --nama or --semua, for a workbook, stdin, a
    missing file, another command or a CSV read block by block."""
    from jpcli.cli import early
    from jpcli.core.schema import ONE_EMPLOYEE_WHOLE_FILE

    path = _buku_csv(tmp_path)
    book = tmp_path / "buku.xlsx"
    book.write_bytes(path.read_bytes())  # a CSV named .xlsx: still never read early
    p = str(path)
    started = [
        ["kartu", p, "--nip", NIP_A],
        ["--debug", "kartu", "--nip", NIP_A, p, "-f", "json"],
        ["riwayat", "--tahun", "2025", p, f"--nip={NIP_A}", "-fjson"],
        ["kartu", "--nip", NIP_A, "--lewati-salah", "--", p],
    ]
    for argv in started:
        ahead = early.start(argv)
        assert ahead is not None and ahead.matches(path, True, ONE_EMPLOYEE_WHOLE_FILE), argv
        assert not ahead.matches(path, True, ())  # not what a whole read would start
        ahead.take(path)
    not_started = [
        ["kartu", p, "--nip", NIP_A, "--help"],
        ["--version", "kartu", p, "--nip", NIP_A],
        ["kartu", p, "--nip", NIP_A, "--nama", "Budi"],
        ["kartu", p, "--nip", NIP_A, "--semua", "-o", str(tmp_path / "k")],
        ["kartu", p, "--nip="],
        ["kartu", str(book), "--nip", NIP_A],
        ["kartu", "-", "--nip", NIP_A],
        ["kartu", str(tmp_path / "tidak_ada.csv"), "--nip", NIP_A],
        ["hitung", p],
        ["kartu", "--nip", NIP_A],
    ]
    for argv in not_started:
        assert early.start(argv) is None, argv
    monkeypatch.setenv("JP_LEDGER", p)
    assert early.start(["kartu", "--nip", NIP_A]) is not None
    monkeypatch.setattr(sniff, "PART_BYTES", 100)  # read block by block: no whole read ahead
    assert early.start(["kartu", p, "--nip", NIP_A]) is None


def test_prabaca_awal_dipakai_perintah(tmp_path, monkeypatch, capsys):
    """jp kartu --nip takes the read started before parsing (the file is read once) and prints
    what it prints without it; a usage error says the same as ever."""
    from jpcli import entry
    from jpcli.files import read_ahead

    path = _buku_csv(tmp_path)
    made = []
    real = read_ahead.ReadAhead.__init__

    def watched(self, *args, **kw):
        made.append(args[0] if args else None)
        real(self, *args, **kw)

    def run(*argv):
        monkeypatch.setattr(sys, "argv", ["jp", *argv])
        with pytest.raises(SystemExit) as ended:
            entry.main()
        return ended.value.code, capsys.readouterr()

    code, plain = run("kartu", str(path), "--nip", NIP_B, "-f", "json", "--lewati-salah")
    monkeypatch.setattr(read_ahead.ReadAhead, "__init__", watched)
    code2, early = run("kartu", str(path), "--nip", NIP_B, "-f", "json", "--lewati-salah")
    assert made == [path]  # once, before parsing: the command took it
    assert (code2, early.out, early.err) == (code, plain.out, plain.err)
    assert json.loads(early.out)["nip"] == NIP_B
    made.clear()
    code, wrong = run("kartu", str(path), "--nip", NIP_B, "--tahun", "abc")
    assert code == 2 and wrong.err.startswith("Kesalahan:") and made == [path]
