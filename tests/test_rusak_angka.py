"""Hostile input, part three: numbers, the guard around every command, and what reaches a
terminal. Every case ends in exit 0 with the right figures or exit 2 with a message naming the
place; never exit 3, a traceback, a leaked warning or an escape sequence."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, tulis_csv, tulis_xlsx

from jpcli.cli.app import app

ESC = "\x1b"


def _buku(tmp_path: Path, *rows: list, name: str = "buku.csv") -> Path:
    return tulis_csv(tmp_path / name, [KOLOM_CSV, *rows])


def _baris(jenis="kursus", mulai="10/03/2025", jumlah="8", nip=NIP_A, **lain) -> list:
    row = {"nip": nip, "nama": "Budi", "jenis": jenis, "lingkup": "", "tanggal_mulai": mulai}
    row |= {"tanggal_selesai": "", "jumlah": jumlah, "judul": "Kursus"} | lain
    return [row[k] for k in KOLOM_CSV]


def _jp(*args: str) -> subprocess.CompletedProcess:
    """jp as its own process: what a user sees on stdout and stderr, warnings included."""
    return subprocess.run(
        [sys.executable, "-m", "jpcli", *args], capture_output=True, text=True, timeout=120
    )


def _main(monkeypatch, *args: str) -> int:
    """``cli.app.main`` in this process (the guard itself), with ``args`` as the command line."""
    from jpcli.cli import app as cli

    monkeypatch.setattr(sys, "argv", ["jp", *args])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    return ended.value.code


# ---------------------------------------------------------------- numbers


def test_jumlah_sepuluh_miliar_ditolak_bukan_meluap(runner, tmp_path):
    """docs/tafsir.md, "Angka yang masuk akal": a row of unit JP holds at most 10.000 JP; the
    figure is refused before the caps' int64 nano-units (it overflowed to -9,2 miliar JP)."""
    path = _buku(tmp_path, _baris("e_learning", jumlah="10000000000"), _baris(jumlah="8"))
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert (
        f"{path} baris 2, kolom jumlah: 10000000000 JP dalam satu baris tidak masuk akal: satu "
        "baris paling banyak 10.000 JP. Periksa angkanya (salah ketik, atau pemisah desimal yang "
        "hilang)." in result.output
    )


def test_jumlah_400_angka_ditolak_bukan_total_kosong(runner, tmp_path):
    """A number beyond what a float holds exactly (400 digits read as inf) is refused as the
    cell's mistake; it gave "total": null, "memenuhi": true."""
    path = _buku(tmp_path, _baris(jumlah="9" * 400))
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert f'{path} baris 2, kolom jumlah: "{"9" * 270}… (400 karakter)" terlalu besar' in (
        result.output
    )


def test_batas_satuan_hari_dari_rentang_tanggal(runner, tmp_path):
    """A day-unit row without jumlah counts the days of its dates: more than 1.000 days in one row
    is refused at the end date, with the span."""
    row = _baris("seminar", mulai="01/01/2020", jumlah="", tanggal_selesai="31/12/2025")
    result = runner.invoke(app, ["validasi", str(_buku(tmp_path, row)), "-f", "json"])
    problem = json.loads(result.stdout)["masalah"][0]
    assert (problem["kolom"], problem["pesan"]) == (
        "tanggal_selesai",
        "2192 hari dalam satu baris tidak masuk akal: satu baris paling banyak 1.000 hari. "
        "Periksa angkanya (salah ketik, atau pemisah desimal yang hilang).",
    )


def test_tanpa_runtimewarning_numpy(tmp_path):
    """Hostile numbers and a reversed one-day span never leak a numpy RuntimeWarning to stderr:
    every figure is checked before arithmetic, and no division by a span of 0."""
    path = _buku(
        tmp_path,
        _baris("e_learning", jumlah="10000000000"),
        _baris(jumlah="9" * 400),
        _baris(mulai="11/03/2025", tanggal_selesai="10/03/2025"),
        _baris(jumlah="8", nip=NIP_B),
    )
    proc = _jp("hitung", str(path), "-f", "json", "--lewati-salah")
    assert proc.returncode == 0, proc.stderr
    assert "Warning" not in proc.stderr and "Traceback" not in proc.stderr
    assert {p["nip"]: p["total"] for p in json.loads(proc.stdout)["pegawai"]} == {NIP_B: 8.0}


def test_batas_tetap_tepat_walau_jumlah_seluruh_buku_melewati_int64():
    """docs/tafsir.md, "Batas per pegawai": what a period counts depends only on that period, even
    when the running sum over the whole ledger passes 2**63 nano-units."""
    from jpcli.core import compute

    big = 9 * 10**18
    parts = np.array([big, big, 2 * 10**9, 2 * 10**9], dtype=np.int64)
    batas = np.full(4, 3 * 10**9, dtype=np.int64)
    start = np.array([True, True, True, False])
    assert compute._take_units(parts, batas, start).tolist() == [3e9, 3e9, 2e9, 1e9]


def _aturan(tmp_path: Path, conversion: str, name: str = "a.toml", base: str = "") -> Path:
    path = tmp_path / name
    path.write_text(
        (f'dasar = "{base}"\n' if base else "")
        + '[[jenis]]\nkode = "x1"\nnama = "X1"\njalur = "klasikal"\nkolom = "pelatihan"\n'
        + f'satuan = "JP"\nsumber = "s"\nnasional = {{ {conversion} }}\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("conversion", "mistake"),
    [
        (
            'jp = 1, batas = 1e10, per = "hari"',
            "jenis[1] (x1).nasional.batas: 10000000000.0 di luar rentang yang masuk akal "
            "(0,001 sampai 1.000)",
        ),
        (
            "jp = 1e-12",
            "jenis[1] (x1).nasional.jp: 1e-12 di luar rentang yang masuk akal (0,001 sampai 1.000)",
        ),
    ],
)
def test_nilai_aturan_di_luar_rentang_ditolak(tmp_path, conversion, mistake):
    """docs/tafsir.md, "Angka yang masuk akal": a rule's jp and batas lie within 0,001..1.000
    (batas = 1e10 became a negative int64 cap, and every e-learning JP 0)."""
    from jpcli.problems import RuleFileError
    from jpcli.rules import load_rules

    with pytest.raises(RuleFileError) as refused:
        load_rules(_aturan(tmp_path, conversion))
    assert refused.value.mistake_texts == [mistake]


@pytest.mark.parametrize("target", ["nan", "inf", "1e400", "5000"])
def test_target_tak_hingga_atau_mustahil_ditolak(runner, tmp_path, target):
    """--target is a number above 0 and at most 1.000 JP (nan wrote invalid JSON, inf exit 3),
    refused before the ledger is read."""
    result = runner.invoke(app, ["hitung", str(_buku(tmp_path, _baris())), "--target", target])
    assert result.exit_code == 2
    written = {"1e400": "inf", "5000": "5000"}.get(target, target)
    assert result.output == (
        "Kesalahan: --target harus angka lebih dari 0 dan paling banyak 1.000 JP "
        f"(tertulis {written}).\n"
    )


def test_target_daftar_pegawai_mustahil_ditolak(runner, tmp_path):
    """The roster's target column is bounded like --target; a 400-digit target is not a number
    jp can use."""
    roster = tulis_csv(
        tmp_path / "pegawai.csv",
        [["nip", "nama", "target"], [NIP_A, "Budi", "5000"], [NIP_B, "Sari", "9" * 400]],
    )
    result = runner.invoke(
        app, ["hitung", str(_buku(tmp_path, _baris())), "--pegawai", str(roster), "-f", "json"]
    )
    assert result.exit_code == 2
    assert (
        f"{roster} baris 2, kolom target: target 5000 JP tidak masuk akal: paling banyak 1.000 JP "
        "setahun (kosong = target bawaan 20)." in result.output
    )
    assert f"{roster} baris 3, kolom target: " in result.output
    assert "2 baris daftar pegawai tidak dapat dihitung (2 masalah)." in result.output


def test_ringkasan_menyebut_daftar_pegawai(runner, tmp_path):
    """A mistake in the roster is counted as the roster's row, not the ledger's."""
    roster = tulis_csv(tmp_path / "pegawai.csv", [["nip", "nama"], ["12345", "Budi"]])
    path = _buku(tmp_path, _baris(), _baris(jenis="tidak_ada"))
    result = runner.invoke(app, ["hitung", str(path), "--pegawai", str(roster)])
    assert result.exit_code == 2
    assert result.output.endswith(
        "1 baris buku kegiatan dan 1 baris daftar pegawai tidak dapat dihitung (2 masalah). "
        "Perbaiki lalu jalankan lagi, atau pakai --lewati-salah untuk menghitung tanpa baris "
        "itu.\n"
    )


# ---------------------------------------------------------------- dates and rule files


def test_per_tanggal_iso_dengan_jam(runner, tmp_path):
    """--per-tanggal reads dates as the ledger does: 2025-03-12T09:30 (an API timestamp with
    minutes, no seconds) is 12 March 2025."""
    path = _buku(tmp_path, _baris())
    result = runner.invoke(
        app, ["cek", str(path), "--per-tanggal", "2025-03-12T09:30", "-f", "json"]
    )
    assert result.exit_code == 1, result.output  # below target
    assert json.loads(result.stdout)["per_tanggal"] == "2025-03-12"


def test_aturan_melingkar_lewat_dua_ejaan(runner, tmp_path):
    """A cycle of ``dasar`` is found on resolved paths, however each file spells the other
    (it ended in RecursionError, exit 3)."""
    first = _aturan(tmp_path, "jp = 1", "a.toml", base="b.toml")
    _aturan(tmp_path, "jp = 2", "b.toml", base=f"../{tmp_path.name}/a.toml")
    result = runner.invoke(app, ["aturan", "--aturan", str(first)])
    assert result.exit_code == 2
    assert "mewarisi dirinya sendiri (dasar melingkar: " in result.output
    assert f"{first.resolve()} -> {(tmp_path / 'b.toml').resolve()} -> {first.resolve()})" in (
        " ".join(result.output.split())
    )


def test_rantai_dasar_yang_sangat_panjang_ditolak(runner, tmp_path):
    """A chain of ``dasar`` without a cycle but of 1.000 files ended in RecursionError (exit 3):
    more than 20 files in a chain is refused with one line; 20 are read."""
    for i in range(1000):
        (tmp_path / f"r{i}.toml").write_text(f'dasar = "r{i + 1}.toml"\n', encoding="utf-8")
    (tmp_path / "r1000.toml").write_text('dasar = "lan-10-2018"\n', encoding="utf-8")
    result = runner.invoke(app, ["aturan", "--aturan", str(tmp_path / "r0.toml")])
    assert result.exit_code == 2
    assert result.output == (
        f"Kesalahan: Aturan '{(tmp_path / 'r0.toml').resolve()}' bersandar pada lebih dari 20 "
        "berkas aturan berturut-turut (dasar dari dasar). Satukan aturannya ke berkas yang lebih "
        "sedikit.\n"
    )
    result = runner.invoke(app, ["aturan", "--aturan", str(tmp_path / "r981.toml"), "-f", "json"])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- the guard


@pytest.mark.parametrize(
    "args",
    [
        ["hitung", "{book}", "--help"],
        ["--version", "hitung", "{book}"],
        ["hitung", "{book}", "--tidak-ada"],
        ["kartu", "{book}", "--tahun", "abc"],
    ],
)
def test_bantuan_dan_salah_pakai_tidak_membuka_buku(monkeypatch, tmp_path, args):
    """--help, --version and a usage error never touch a workbook: its read-ahead starts only in
    a command, after Typer parsed the command line (a workbook that aborts the reader aborted
    even ``jp hitung bad.xlsx --help``). (Only the CSV of ``jp kartu/riwayat --nip`` is read
    before parsing: tests/test_cepat.py.)"""
    from jpcli import entry
    from jpcli.files import read_ahead

    book = tulis_xlsx(tmp_path / "b.xlsx", [KOLOM_CSV, _baris()])
    opened = []
    real_init = read_ahead.ReadAhead.__init__

    def watched(self, path):
        opened.append(path)
        real_init(self, path)

    monkeypatch.setattr(read_ahead.ReadAhead, "__init__", watched)
    monkeypatch.setattr(sys, "argv", ["jp", *(a.format(book=book) for a in args)])
    with pytest.raises(SystemExit) as ended:
        entry.main()
    assert ended.value.code in (0, 2)
    assert [p for p in opened if p is not None] == []


class _Panic(BaseException):
    """What pyo3 raises for a Rust panic (a BaseException, not an Exception)."""


def test_prabaca_menelan_kepanikan_pembaca(monkeypatch, tmp_path):
    """Whatever the read-ahead thread meets stays on the thread: no traceback from it, nothing
    handed over, and the normal read reads the file."""
    from jpcli.files import read_ahead, workbook

    book = tulis_xlsx(tmp_path / "b.xlsx", [KOLOM_CSV, _baris()])
    escaped = []
    monkeypatch.setattr(threading, "excepthook", escaped.append)

    def panic(*args, **kwargs):
        raise _Panic("called `Result::unwrap()` on an `Err` value")

    monkeypatch.setattr(workbook, "Workbook", panic)
    ahead = read_ahead.ReadAhead(book)
    assert ahead.take(book) is None
    assert escaped == []


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (BrokenPipeError(32, "Broken pipe"), 141, ""),
        (
            PermissionError(13, "Permission denied", "/data/aturan.toml"),
            2,
            "Tidak dapat memakai /data/aturan.toml: tidak ada izin membuka berkas itu.\n",
        ),
        (
            MemoryError(),
            2,
            "Memori tidak cukup untuk mengolah berkas ini. Tutup program lain, atau bagi buku "
            "kegiatannya menjadi beberapa berkas.\n",
        ),
        (_Panic("index out of bounds"), 3, "Kesalahan internal jp "),
    ],
)
def test_penjaga_mengubah_setiap_kegagalan_menjadi_kode_keluar(
    monkeypatch, capsys, raised, code, said
):
    """The guard: a closed pipe is quiet (141), the system refusing a file or memory is the
    input's side (2), anything else, even a BaseException from a Rust reader, a fault of jp (3),
    each in one Indonesian message, never a traceback."""
    import jpcli.rules

    def fail(*args, **kwargs):
        raise raised

    monkeypatch.setattr(jpcli.rules, "load_rules", fail)
    assert _main(monkeypatch, "aturan") == code
    err = capsys.readouterr().err
    assert err.startswith(said) if said else err == ""
    assert "Traceback" not in err


class _ClosedPipe:
    """A stdout whose reader went away."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        pass


def test_pipa_putus_json_senyap(monkeypatch, capsys, tmp_path):
    """``jp hitung x | head -1`` with JSON: the closed pipe ends jp quietly (141), no message, no
    traceback (it was "Kesalahan internal", exit 3)."""
    path = _buku(tmp_path, _baris())
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert _main(monkeypatch, "hitung", str(path), "-f", "json") == 141
    assert capsys.readouterr().err == ""


def _banyak_pegawai(tmp_path: Path, n: int) -> Path:
    rows = []
    for i in range(n):  # valid NIPs: birth 1980-MM-DD, appointed 2005, man, sequence 001..
        month, day, seq = i % 12 + 1, (i // 12) % 28 + 1, i // 336 + 1
        rows.append(_baris(nip=f"1980{month:02d}{day:02d}2005011{seq:03d}"))
    return _buku(tmp_path, *rows)


def test_pipa_putus_tabel_senyap(tmp_path):
    """``jp hitung x | head -1`` with the terminal table: quiet, exit 0 or 141 (rich's own handler
    exited 1)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "jpcli", "hitung", str(_banyak_pegawai(tmp_path, 3000))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 141)
    assert "Traceback" not in err and "Kesalahan" not in err


# ---------------------------------------------------------------- the terminal


def test_urutan_escape_tampak_di_pesan_dan_tabel(runner, tmp_path):
    """ESC and OSC sequences in cells reach the terminal as visible text (\\x1b), in messages and
    in tables; the JSON keeps the raw value."""
    title = f"Kursus {ESC}]0;judul palsu\x07{ESC}[2J"
    path = _buku(
        tmp_path, _baris(judul=title), _baris(jenis=f"kurs{ESC}[31mus", mulai="11/03/2025")
    )
    shown = runner.invoke(app, ["validasi", str(path)]).output
    assert ESC not in shown
    assert 'jenis "kurs\\x1b[31mus" tidak dikenal.' in shown
    raw = json.loads(runner.invoke(app, ["validasi", str(path), "-f", "json"]).stdout)
    assert raw["masalah"][0]["nilai"] == f"kurs{ESC}[31mus"
    card = runner.invoke(app, ["kartu", str(path), "--nip", NIP_A, "--lewati-salah"]).output
    assert ESC not in card and "\x07" not in card
    assert "Kursus \\x1b]0;judul palsu\\x07\\x1b[2J" in card


def test_karakter_lebar_nol_di_nip_tampak(runner, tmp_path):
    """A zero-width space inside a NIP is named in the message (<U+200B>), not hidden in it."""
    nip = NIP_A[:12] + "\u200b" + NIP_A[12:]
    result = runner.invoke(app, ["validasi", str(_buku(tmp_path, _baris(nip=nip)))])
    assert (
        f'NIP "{NIP_A[:12]}<U+200B>{NIP_A[12:]}" mengandung huruf atau tanda selain angka.'
        in result.output
    )


def test_sel_sangat_panjang_dipendekkan(runner, tmp_path):
    """A very long cell is shown shortened with its length stated: its warning is one short line,
    not the whole cell (a 1 MB cell printed a 1 MB line)."""
    path = tulis_csv(
        tmp_path / "b.csv",
        [
            ["nip", "nama", "jenis", "tanggal_mulai", "jumlah", "judul", "status"],
            [NIP_A, "Budi", "kursus", "10/03/2025", "8", "x", "y" * 100_000],
        ],
    )
    result = runner.invoke(app, ["hitung", str(path)])
    assert result.exit_code == 0, result.output[:500]
    line = next(t for t in result.output.splitlines() if "kolom status" in t)
    assert len(line) < 700
    assert 'status "' + "y" * 270 + '… (100.000 karakter)" tidak dikenal' in line


def test_penanda_tampak_lengkap_dan_stabil():
    """The sanitiser knows every control, format and separator character of Unicode, and applying
    it twice changes nothing (a message may word an already worded text)."""
    import unicodedata

    from jpcli.words import _UNSHOWABLE, visible

    hidden = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")
    ]
    assert [c for c in hidden if not _UNSHOWABLE.match(c)] == []
    for value in ("a\x1b[31mb\u200bc\u202e", ESC * 5000, "z" * 400, "ok"):
        assert visible(visible(value)) == visible(value)
    assert visible("a\nb", newlines=True) == "a\nb" and visible("a\nb") == "a\\nb"


# ---------------------------------------------------------------- time


def test_saran_jenis_dibatasi(monkeypatch, tmp_path):
    """Spellings are suggested for the first 200 distinct unknown jenis only (100k unknown values
    took 46 s in difflib); later ones are still refused, with their own value."""
    from bantuan import ledger

    from jpcli.core import normalize

    calls = []
    real = normalize.suggest_jenis
    monkeypatch.setattr(
        normalize, "suggest_jenis", lambda *a, **k: calls.append(a[0]) or real(*a, **k)
    )
    rows = [
        {"nip": NIP_A, "jenis": f"kegiatan aneh {i}", "tanggal_mulai": "10/03/2025", "jumlah": 2}
        for i in range(300)
    ]
    problems = ledger(rows).problems
    assert len(calls) == 200
    assert problems[-1].message == (
        'jenis "kegiatan aneh 299" tidak dikenal (terlalu banyak jenis tak dikenal untuk '
        "dicarikan saran; periksa kolomnya). Daftar lengkap: jp aturan."
    )
    assert "Mungkin maksud Anda" in problems[0].message or "Daftar lengkap" in problems[0].message


def test_kartu_layar_dipotong_dengan_jumlah_lengkap(runner, tmp_path):
    """The terminal card shows at most 500 register rows and says how many more, and where to
    find them all; JUMLAH still sums every row."""
    rows = [_baris(mulai="10/03/2025", jumlah="1", judul=f"Kursus {d}") for d in range(600)]
    result = runner.invoke(app, ["kartu", str(_buku(tmp_path, *rows)), "--nip", NIP_A])
    assert result.exit_code == 0, result.output[-2000:]
    assert "… 100 baris lagi tidak ditampilkan di layar; lengkapnya: -o kartu.xlsx." in (
        result.output
    )
    jumlah = next(t for t in result.output.splitlines() if t.strip().startswith("JUMLAH"))
    assert jumlah.split()[1:3] == ["600", "600"]


def test_kartu_satu_pegawai_banyak_baris_cepat(tmp_path):
    """Explaining one employee's card is a merge over the cap portions, not a pass per cut row:
    10.000 capped rows take well under the 5 s they took."""
    from bantuan import report

    from jpcli.core import explain

    rows = [
        {"nip": NIP_A, "jenis": "e_learning", "tanggal_mulai": f"{d % 28 + 1:02d}/01/2025",
         "jumlah": 2, "judul": f"materi {d}"}
        for d in range(10_000)
    ]  # fmt: skip
    built = report(rows)
    started = time.perf_counter()
    card = explain.employee_card(built, explain.find_employee(built.kartu, nip=NIP_A))
    assert time.perf_counter() - started < 2.0
    assert card.register["jp_diakui"].sum() == pytest.approx(28 * 3)


def test_target_lebih_kecil_dari_satu_perseratus_ditolak(runner, tmp_path):
    """A target under 0,01 JP would be met by 0 JP (JP print and compare with two decimals):
    --target 0.004 and a roster target of 0,004 are refused (an employee with 0 JP was shown as
    "memenuhi"); 0,01 is accepted."""
    buku = _buku(tmp_path, _baris())
    result = runner.invoke(app, ["hitung", str(buku), "--target", "0.004"])
    assert result.exit_code == 2
    assert result.output == (
        "Kesalahan: --target 0.004 JP terlalu kecil: paling sedikit 0,01 JP (JP dicetak dengan "
        "dua desimal, jadi target lebih kecil dari itu dipenuhi oleh 0 JP).\n"
    )
    roster = tulis_csv(tmp_path / "pegawai.csv", [["nip", "nama", "target"], [NIP_A, "B", "0,004"]])
    result = runner.invoke(app, ["hitung", str(buku), "--pegawai", str(roster), "-f", "json"])
    assert result.exit_code == 2
    assert (
        f"{roster} baris 2, kolom target: target 0,004 JP terlalu kecil: paling sedikit 0,01 JP "
        "(kosong = target bawaan 20)."
    ) in result.output
    assert runner.invoke(app, ["hitung", str(buku), "--target", "0.01"]).exit_code == 0


def test_target_dengan_koma_desimal(runner, tmp_path):
    """--target 20,5 is read as the roster's target cells are (decimal comma or point): 20,5 JP;
    it was refused as not a float. A word is refused as not a number (exit 2)."""
    buku = _buku(tmp_path, _baris())
    result = runner.invoke(app, ["hitung", str(buku), "--target", "20,5", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"] == 20.5
    refused = runner.invoke(app, ["hitung", str(buku), "--target", "dua"])
    assert refused.exit_code == 2
    assert "'dua' bukan angka." in refused.stderr
