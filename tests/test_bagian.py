"""Issue 14: a CSV ledger partitioned while it is read gives the single pass's result.

The streamed path (``pipeline.streamed_report``: blocks -> NIP-hash parts in Parquet -> one
part at a time) must give, byte for byte, the JSON, the warnings and the errors of reading the
whole file: every cap is per employee, every check per row or per employee, row numbers come
from the file. Property tests draw ledgers with several employees, names that conflict, broken
rows and both years; fixed tests cover the options, irregular files and the temporary folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
from bantuan import buku_sintetis, tulis_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpcli.cli.app import app
from jpcli.core import parts, pipeline
from jpcli.problems import InputError
from jpcli.render import machine
from jpcli.rules import load_rules

ATURAN = load_rules("lan-10-2018")
NIPS = [
    "198503122010011002",
    "199007242015032005",
    "197803152003121002",
    "198801012012121001",
    "199212312019032002",
    "196905051990031003",
]
JUDUL = ["nip", "nama", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jumlah", "status"]
CONTOH = int(os.environ.get("JP_SIFAT_CONTOH", "100"))


@st.composite
def baris(draw):
    """One CSV row as a clerk writes it: NIP with or without spaces, a name (sometimes another
    one for the same NIP), any jenis, dates around a year end, and now and then a broken cell."""
    jenis = draw(st.sampled_from(ATURAN.jenis))
    start = draw(st.dates(dt.date(2024, 12, 20), dt.date(2025, 1, 10)))
    end = start + dt.timedelta(days=draw(st.integers(0, 3)))
    nip = draw(st.sampled_from(NIPS))
    if draw(st.booleans()):
        nip = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    quantity = draw(st.sampled_from(["1", "2", "3,5", "8", "", "x", "-1"]))
    return [
        draw(st.sampled_from([nip, nip, nip, "12345"])),
        draw(st.sampled_from(["Budi", "Budi", "Citra", ""])),
        jenis.code,
        "internasional" if jenis.international and draw(st.booleans()) else "",
        start.strftime("%d/%m/%Y"),
        end.strftime("%d/%m/%Y"),
        quantity,
        draw(st.sampled_from(["", "Disetujui", "Ditinjau", "Ditolak"])),
    ]


def _atau_salahnya(kerja):
    """What ``kerja()`` returns, or the errors it stopped with (each problem, the summary)."""
    try:
        return kerja()
    except InputError as exc:
        return [str(m) for m in exc.problems], exc.summary_text


def _sekali(path: Path, compute: dict):
    """The single pass: the whole ledger read, then ``build_report``; its JSON or its errors."""

    def kerja():
        ledger = pipeline.load_ledger(path, ATURAN)
        return machine.hitung_json(pipeline.build_report(ledger, ATURAN, **compute))

    return _atau_salahnya(kerja)


def _bertahap(path: Path, n_parts: int, compute: dict, processes: int = 1):
    def kerja():
        report = pipeline.streamed_report(path, ATURAN, n_parts, processes, **compute)
        assert report is not None, "the streamed path was not taken"
        return machine.hitung_json(report)

    return _atau_salahnya(kerja)


@settings(
    max_examples=max(10, CONTOH // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(baris(), min_size=1, max_size=40),
    st.integers(2, 7),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, 2024, 2025]),
)
def test_bagian_sama_dengan_sekali_baca(tmp_path_factory, rows, n_parts, skip, approved, year):
    """Partitioned while read = read whole: the same JSON (cards, totals, every warning with its
    row) or the same errors, for any number of parts, with or without --lewati-salah,
    --hanya-disetujui and --tahun."""
    path = tulis_csv(tmp_path_factory.mktemp("bagian") / "b.csv", [JUDUL, *rows])
    compute = {"skip_errors": skip, "approved_only": approved, "year": year}
    assert _bertahap(path, n_parts, compute) == _sekali(path, compute)


def _dengan_separuh(fungsi: str, kerja):
    """``kerja()`` with every ledger read whole worked on in two halves (``parts.HALVES_ROWS``
    lowered to 0); asserts that ``parts.<fungsi>`` was taken."""
    taken = []
    real = getattr(parts, fungsi)

    def spy(*args, **kw):
        taken.append(True)
        return real(*args, **kw)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "HALVES_ROWS", 0)
        patch.setattr(parts, fungsi, spy)
        try:
            return kerja()
        finally:
            assert taken, f"parts.{fungsi} was not taken"


def _separuh(path: Path, compute: dict):
    """jp hitung of the ledger read whole, worked on in two halves on two threads."""

    def kerja():
        return machine.hitung_json(pipeline.file_report(path, ATURAN, **compute))

    return _dengan_separuh("halves_report", lambda: _atau_salahnya(kerja))


@settings(
    max_examples=max(10, CONTOH // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(baris(), min_size=1, max_size=40),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, 2024, 2025]),
)
def test_dua_separuh_sama_dengan_sekali_baca(tmp_path_factory, rows, skip, approved, year):
    """A ledger read whole and worked on in two halves by NIP, one per thread
    (``parts.halves_report``) = the single pass: the same JSON (cards, totals, every warning with
    its row) or the same errors, with or without --lewati-salah, --hanya-disetujui and --tahun."""
    path = tulis_csv(tmp_path_factory.mktemp("separuh") / "b.csv", [JUDUL, *rows])
    compute = {"skip_errors": skip, "approved_only": approved, "year": year}
    assert _separuh(path, compute) == _sekali(path, compute)


@pytest.mark.parametrize(
    "args",
    [["--lewati-salah"], ["--lewati-salah", "-f", "json", "--tahun", "2024", "--target", "12"], []],
)
def test_perintah_hitung_dua_separuh_sama(runner, buku_besar, args, monkeypatch):
    """jp hitung of a ledger large enough for two halves (the size lowered here) prints what the
    single pass prints, table or JSON, stderr and exit code included; a range of years, a
    contract period or --partisi 2 is never worked on in halves."""
    whole = runner.invoke(app, ["hitung", str(buku_besar), *args])
    calls = []
    real = parts.halves_report
    monkeypatch.setattr(parts, "HALVES_ROWS", 0)
    monkeypatch.setattr(parts, "halves_report", lambda *a, **k: calls.append(1) or real(*a, **k))
    halves = runner.invoke(app, ["hitung", str(buku_besar), *args])
    assert (halves.exit_code, halves.stdout, halves.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert calls == [1]
    assert whole.exit_code == (0 if args else 2)
    for other in (["--tahun", "2024-2025"], ["--periode", "kontrak"], ["--partisi", "2"]):
        runner.invoke(app, ["hitung", str(buku_besar), "--lewati-salah", *other])
    assert calls == [1]


def _cek_sekali(path: Path, compute: dict):
    """jp cek on the whole ledger: its JSON document, or its errors."""

    def kerja():
        ledger = pipeline.load_ledger(path, ATURAN)
        return machine.to_json(
            machine.cek_document(pipeline.check_targets(ledger, ATURAN, **compute))
        )

    return _atau_salahnya(kerja)


def _cek_bertahap(path: Path, n_parts: int, compute: dict):
    def kerja():
        result = pipeline.streamed_check(path, ATURAN, n_parts, **compute)
        assert result is not None, "the streamed path was not taken"
        return machine.to_json(machine.cek_document(result))

    return _atau_salahnya(kerja)


@settings(
    max_examples=max(10, CONTOH // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(baris(), min_size=1, max_size=40),
    st.integers(2, 5),
    st.booleans(),
    st.sampled_from([None, 2024, 2025]),
    st.sampled_from([None, dt.date(2024, 12, 31), dt.date(2025, 1, 2)]),
    st.sampled_from([dt.date(2024, 12, 27), dt.date(2025, 1, 3), dt.date(2026, 11, 23)]),
)
def test_cek_bagian_sama_dengan_sekali_baca(tmp_path_factory, rows, n_parts, approved, year,
                                           as_of, today):  # fmt: skip
    """jp cek partitioned while read = read whole: the same document (who is short, by how much,
    the plans with what each has already used this month, the recaps, every warning) or the same
    errors, with or without --tahun and --per-tanggal, on a day inside the ledger's dates (rows
    after it not counted), before them (rows dated after this year: counted again without the
    date) and after them."""
    path = tulis_csv(tmp_path_factory.mktemp("cek") / "b.csv", [JUDUL, *rows])
    compute = {"skip_errors": True, "approved_only": approved, "year": year, "as_of": as_of,
               "today": today}  # fmt: skip
    assert _cek_bertahap(path, n_parts, compute) == _cek_sekali(path, compute)


def _cek_separuh(path: Path, compute: dict):
    def kerja():
        return machine.to_json(machine.cek_document(pipeline.file_check(path, ATURAN, **compute)))

    return _dengan_separuh("halves_check", lambda: _atau_salahnya(kerja))


@settings(
    max_examples=max(10, CONTOH // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(baris(), min_size=1, max_size=40),
    st.booleans(),
    st.sampled_from([None, 2024, 2025]),
    st.sampled_from([None, dt.date(2024, 12, 31), dt.date(2025, 1, 2)]),
    st.sampled_from([dt.date(2024, 12, 27), dt.date(2025, 1, 3), dt.date(2026, 11, 23)]),
)
def test_cek_dua_separuh_sama_dengan_sekali_baca(tmp_path_factory, rows, approved, year, as_of,
                                                today):  # fmt: skip
    """jp cek of a ledger read whole and worked on in two halves by NIP, one per thread
    (``parts.halves_check``) = the single pass: the same document or the same errors, with or
    without --tahun and --per-tanggal, on a day inside, before and after the ledger's dates (the
    halves counted again without the date as ``streamed_check`` counts its parts)."""
    path = tulis_csv(tmp_path_factory.mktemp("cek") / "b.csv", [JUDUL, *rows])
    compute = {"skip_errors": True, "approved_only": approved, "year": year, "as_of": as_of,
               "today": today}  # fmt: skip
    assert _cek_separuh(path, compute) == _cek_sekali(path, compute)


@pytest.mark.parametrize(
    "args",
    [["--lewati-salah"], ["--lewati-salah", "-f", "json", "--tahun", "2024", "--target", "40"],
     ["--lewati-salah", "-f", "csv", "--per-tanggal", "2025-06-30"], []],
)  # fmt: skip
def test_perintah_cek_dua_separuh_sama(runner, buku_besar, args):
    """jp cek (and jp validasi) of a ledger large enough for two halves (the size lowered here)
    print what the single pass prints, stderr and exit code included."""
    shape = [a for a in args if a in ("-f", "json", "csv")]  # validasi takes only --format
    for command in (["cek", str(buku_besar), *args], ["validasi", str(buku_besar), *shape]):
        whole = runner.invoke(app, command)
        fungsi = "halves_check" if command[0] == "cek" else "halves"
        halves = _dengan_separuh(fungsi, lambda command=command: runner.invoke(app, command))
        assert (halves.exit_code, halves.stdout, halves.stderr) == (
            whole.exit_code,
            whole.stdout,
            whole.stderr,
        )
    assert whole.exit_code == 2  # validasi: the ledger has broken rows


@pytest.mark.parametrize("cara", ["bagian", "separuh"])
def test_cek_menghitung_ulang_tahun_depan(tmp_path, monkeypatch, cara):
    """Rows dated after this year: the parts (or the two halves of a ledger read whole) are
    counted up to today first, then again without the date once the latest year is known to be
    next year's (as the whole-file check counts them: Citra's one-day seminar of 5 March 2026
    counts, 4 JP); within this year they are counted once."""
    rows = [[NIPS[0], "Budi", "seminar", "", "02/01/2025", "02/01/2025", "1", ""],
            [NIPS[1], "Citra", "seminar", "", "05/03/2026", "05/03/2026", "1", ""]]  # fmt: skip
    path = tulis_csv(tmp_path / "b.csv", [JUDUL, *rows])
    counted = []
    real = parts.computed_part

    def spy(*args, until=None, **kw):
        counted.append(until)
        return real(*args, until=until, **kw)

    def cek(compute):
        return _cek_bertahap(path, 2, compute) if cara == "bagian" else _cek_separuh(path, compute)

    monkeypatch.setattr(parts, "computed_part", spy)  # parts: through compute_part
    compute = {"skip_errors": True, "today": dt.date(2025, 6, 1)}
    document = json.loads(cek(compute))
    assert counted == [dt.date(2025, 6, 1)] * 2 + [None] * 2
    assert document == json.loads(_cek_sekali(path, compute))
    assert document["tahun"] == 2026
    assert [p["total"] for p in document["pegawai"]] == [0.0, 4.0]
    counted.clear()
    compute["today"] = dt.date(2026, 3, 4)  # the seminar of 5 March 2026 not yet counted
    document = json.loads(cek(compute))
    assert counted == [dt.date(2026, 3, 4)] * 2
    assert document == json.loads(_cek_sekali(path, compute))


@pytest.fixture(scope="module")
def buku_besar(tmp_path_factory):
    """3000 rows, about 100 employees, every jenis, a few broken rows (benchmark generator)."""
    return buku_sintetis(tmp_path_factory.mktemp("bagian"), 3000, benih=11)


@pytest.mark.parametrize(
    "args",
    [
        ["--lewati-salah"],
        ["--lewati-salah", "--proses", "2"],
        ["--lewati-salah", "--tahun", "2024", "--target", "12"],
        [],
    ],
)
def test_perintah_hitung_bagian_sama(runner, buku_besar, args):
    """jp hitung with --partisi 5 (and 2 processes) prints what --partisi 1 prints: the same JSON
    and the same messages on stderr, exit code included (2 when broken rows are not skipped)."""
    whole = runner.invoke(app, ["hitung", str(buku_besar), "-f", "json", "--partisi", "1", *args])
    parted = runner.invoke(app, ["hitung", str(buku_besar), "-f", "json", "--partisi", "5", *args])
    assert (parted.exit_code, parted.stdout, parted.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert whole.exit_code == (0 if args else 2)
    if args:
        assert len(json.loads(whole.stdout)["pegawai"]) == 100


@pytest.mark.parametrize(
    "args",
    [
        ["--lewati-salah"],
        ["--lewati-salah", "-f", "json", "--proses", "2"],
        ["--lewati-salah", "-f", "csv", "--tahun", "2024", "--target", "40"],
        ["--lewati-salah", "--per-tanggal", "2025-06-30"],
        [],
    ],
)
def test_perintah_cek_bagian_sama(runner, buku_besar, args, monkeypatch):
    """jp cek with --partisi 5 prints what --partisi 1 prints (table, JSON or CSV), stderr and
    exit code included: 1 when someone is below target, 2 when broken rows are not skipped.
    The parted run never reads the ledger whole."""
    whole = runner.invoke(app, ["cek", str(buku_besar), "--partisi", "1", *args])

    def whole_read(*args, **kw):
        raise AssertionError("read whole")

    monkeypatch.setattr(pipeline, "load_ledger", whole_read)
    parted = runner.invoke(app, ["cek", str(buku_besar), "--partisi", "5", *args])
    assert (parted.exit_code, parted.stdout, parted.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert whole.exit_code == (1 if args else 2)


def test_bagian_dengan_daftar_pegawai(runner, tmp_path, buku_besar):
    """A roster (--pegawai) orders and completes the card the same way in both paths; its own
    problems come after the ledger's."""
    roster = tulis_csv(
        tmp_path / "pegawai.csv",
        [
            ["nip", "nama", "unit", "target"],
            [NIPS[0], "Pegawai Baru", "Umum", "24"],
            ["1", "", "", ""],
        ],
    )
    args = ["hitung", str(buku_besar), "-f", "json", "--lewati-salah", "--pegawai", str(roster)]
    whole = runner.invoke(app, [*args, "--partisi", "1"])
    parted = runner.invoke(app, [*args, "--partisi", "3"])
    assert (parted.stdout, parted.stderr) == (whole.stdout, whole.stderr)
    assert json.loads(whole.stdout)["pegawai"][0]["nama"] == "Pegawai Baru"


def test_baris_salah_disebut_dengan_nomor_barisnya(tmp_path):
    """A broken row deep in the file is named by its line in the file (row 1502: header on row 1,
    record 1501), whichever part it landed in."""
    rows = [[NIPS[i % 6], "Budi", "kursus", "", "10/03/2025", "", "2", ""] for i in range(1600)]
    rows[1500][6] = "dua"
    path = tulis_csv(tmp_path / "b.csv", [JUDUL, *rows])
    with pytest.raises(InputError) as raised:
        pipeline.streamed_report(path, ATURAN, 4)
    assert [(m.row_no, m.column, m.value) for m in raised.value.problems] == [
        (1502, "jumlah", "dua")
    ]


@pytest.mark.parametrize(
    "isi",
    [
        'nip;jenis;tanggal_mulai;jumlah;judul\n198503122010011002;kursus;10/03/2025;2;"a\nb"\n',
        "nip;jenis;tanggal_mulai;jumlah\n198503122010011002;kursus;10/03/2025;2;9\n",
        "nip;jenis;tanggal_mulai;jumlah\n198503122010011002;kursus;10/03/2025\n",
    ],
    ids=["sel dua baris", "baris lebih lebar", "baris lebih pendek"],
)
def test_csv_tidak_rapi_dibaca_utuh(runner, tmp_path, isi):
    """A CSV that is not one record per line, as wide as its header, is not streamed: jp reads it
    whole (where its rows are reported at their place) and prints what --partisi 1 prints."""
    path = tmp_path / "b.csv"
    path.write_text(isi, encoding="utf-8")
    assert pipeline.streamed_report(path, ATURAN, 3) is None
    whole = runner.invoke(app, ["hitung", str(path), "-f", "json", "--partisi", "1"])
    parted = runner.invoke(app, ["hitung", str(path), "-f", "json", "--partisi", "3"])
    assert (parted.exit_code, parted.stdout, parted.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


def test_folder_sementara_selalu_dihapus(tmp_path, monkeypatch, buku_besar):
    """The parts' Parquet files live in a temporary folder that is removed after the run, and
    also when the run stops half-way."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    report = pipeline.streamed_report(buku_besar, ATURAN, 4, skip_errors=True)
    assert report is not None and list(folder.iterdir()) == []

    def berhenti(*args, **kwargs):
        assert len(list(folder.glob("jp-bagian-*/bagian_*.parquet"))) == 4
        raise KeyboardInterrupt

    monkeypatch.setattr(parts, "compute_part", berhenti)
    with pytest.raises(KeyboardInterrupt):
        pipeline.streamed_report(buku_besar, ATURAN, 4, skip_errors=True)
    assert list(folder.iterdir()) == []


def test_partisi_auto_menurut_ukuran(tmp_path, monkeypatch):
    """--partisi auto: one part per 128 MB of file; a small file is one part (read whole)."""
    path = tmp_path / "b.csv"
    path.write_bytes(b"x" * 1000)
    assert parts.auto_parts(path) == 1
    monkeypatch.setattr(parts, "PART_BYTES", 300)
    assert parts.auto_parts(path) == 4  # ceil(1000 / 300)


@pytest.mark.parametrize("nilai", ["0", "-2", "dua", "1.5"])
def test_partisi_salah_ditolak(runner, buku_besar, nilai):
    result = runner.invoke(app, ["hitung", str(buku_besar), "--partisi", nilai])
    assert result.exit_code == 2
    assert (
        f"--partisi harus auto atau bilangan bulat 1 atau lebih (tertulis {nilai})."
        in result.stderr
    )


# ---------------------------------------------------------------- Parquet in and out


def _parquet_dari(csv_path: Path, path: Path, typed: bool) -> Path:
    """The same ledger as Parquet: every column text, or typed as a data team keeps it (dates
    as dates, the quantity as a number where it is one)."""
    import pandas as pd

    frame = pd.read_csv(csv_path, sep=None, engine="python", dtype=str, keep_default_na=False)
    if typed:
        for column in ("tanggal_mulai", "tanggal_selesai"):
            frame[column] = pd.to_datetime(frame[column], format="mixed", dayfirst=True)
        frame["jumlah"] = pd.to_numeric(frame["jumlah"].str.replace(",", "."))
    frame.to_parquet(path, index=False)
    return path


@pytest.mark.parametrize("typed", [False, True], ids=["teks", "bertipe"])
def test_buku_parquet_sama_dengan_csv(runner, tmp_path, typed):
    """jp hitung ledger.parquet gives the CSV's card (text columns, or dates and numbers typed),
    read whole or part by part. (Built from a regular ledger without broken rows.)"""
    rows = [
        [NIPS[i % 6], "Budi" if i % 6 else "Citra", "kursus" if i % 3 else "coaching", "",
         f"{1 + i % 28:02d}/{1 + i % 12:02d}/2025", "", str(1 + i % 4) if i % 3 else "1",
         "Disetujui"]
        for i in range(300)
    ]  # fmt: skip
    csv_path = tulis_csv(tmp_path / "b.csv", [JUDUL, *rows])
    pq_path = _parquet_dari(csv_path, tmp_path / "b.parquet", typed)
    whole = runner.invoke(app, ["hitung", str(csv_path), "-f", "json"])
    assert whole.exit_code == 0, whole.output
    from_csv = json.loads(whole.stdout)
    for n_parts in ("1", "3"):
        result = runner.invoke(app, ["hitung", str(pq_path), "-f", "json", "--partisi", n_parts])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["pegawai"] == from_csv["pegawai"]
    assert pipeline.streamed_report(pq_path, ATURAN, 3) is not None


def test_kartu_parquet_keluar(runner, tmp_path, buku_besar):
    """-o kartu.parquet writes the card as a typed table: one row per employee, the CSV's
    columns, totals equal to the JSON's."""
    import pandas as pd

    out = tmp_path / "kartu.parquet"
    result = runner.invoke(app, ["hitung", str(buku_besar), "--lewati-salah", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out)
    data = hitung_json_lewati(runner, buku_besar)
    assert list(table["nip"]) == [p["nip"] for p in data["pegawai"]]
    assert list(table["total"]) == [p["total"] for p in data["pegawai"]]
    assert table["memenuhi"].dtype == bool and len(table) == 100
    assert list(table.columns)[:5] == ["no", "nip", "nama", "unit", "jabatan"]


def hitung_json_lewati(runner, path: Path) -> dict:
    return json.loads(
        runner.invoke(app, ["hitung", str(path), "-f", "json", "--lewati-salah"]).stdout
    )


def test_contoh_csv_dengan_judul_dan_bom_bagian_sama(runner):
    """The example office's CSV (a BOM, a title row above the header, ';', the roster as its own
    file) is streamed in parts and prints what reading it whole prints."""
    contoh = Path(__file__).parent.parent / "contoh_data"
    book, roster = contoh / "buku_kegiatan_2025.csv", contoh / "pegawai.csv"
    assert pipeline.streamed_report(book, ATURAN, 3, roster_path=roster) is not None
    args = ["hitung", str(book), "--pegawai", str(roster), "-f", "json"]
    whole = runner.invoke(app, [*args, "--partisi", "1"])
    parted = runner.invoke(app, [*args, "--partisi", "3"])
    assert whole.exit_code == 0, whole.output
    assert (parted.stdout, parted.stderr) == (whole.stdout, whole.stderr)
    assert len(json.loads(whole.stdout)["pegawai"]) == 15


# ---------------------------------------------------------------- jp kartu --nip: one employee


def test_kartu_nip_hanya_baris_pegawai_itu_hasil_sama(runner, buku_besar):
    """jp kartu --nip checks and computes only that employee's rows: the same card (JSON: every
    activity, JP and reason) as computing the whole ledger, for several employees; the other
    employees' rows are counted in one warning."""
    from jpcli.core import explain

    whole = pipeline.build_report(
        pipeline.load_ledger(buku_besar, ATURAN), ATURAN, skip_errors=True
    )
    for nip in whole.kartu["nip"].iloc[[0, 7, 42, 99]]:
        card = explain.employee_card(whole, explain.find_employee(whole.kartu, nip=nip))
        fast = runner.invoke(app, ["kartu", str(buku_besar), "--nip", nip, "-f", "json",
                                   "--lewati-salah"])  # fmt: skip
        assert fast.exit_code == 0, fast.output
        assert json.loads(fast.stdout) == json.loads(machine.to_json(machine.kartu_document(card)))
    shown = runner.invoke(app, ["kartu", str(buku_besar), "--nip", nip, "--lewati-salah"])
    assert "baris pegawai lain tidak diperiksa (jp kartu --nip memeriksa dan menghitung hanya " in (
        " ".join(shown.stderr.split())
    )


def test_kartu_nip_tidak_berhenti_karena_baris_pegawai_lain(runner, tmp_path):
    """A broken row of another employee stops jp hitung (exit 2) but not jp kartu --nip of this
    one (exit 0, 8 JP), which names how many other rows it did not check (2). The default year
    is the whole file's latest (2025, from the other employee), as jp hitung chooses it."""
    path = tulis_csv(
        tmp_path / "b.csv",
        [
            JUDUL,
            [NIPS[0], "Budi", "kursus", "", "10/03/2024", "", "8", ""],
            [NIPS[1], "Citra", "kursus", "", "10/03/2025", "", "dua", ""],
            [NIPS[1], "Citra", "kursus", "", "11/03/2025", "", "4", ""],
        ],
    )
    assert runner.invoke(app, ["hitung", str(path)]).exit_code == 2
    result = runner.invoke(app, ["kartu", str(path), "--nip", NIPS[0], "-f", "json"])
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert (card["total"], card["kegiatan"]) == (0.0, [])  # its 8 JP are in 2024
    in_2024 = runner.invoke(app, ["kartu", str(path), "--nip", NIPS[0], "--tahun", "2024",
                                  "-f", "json"])  # fmt: skip
    assert json.loads(in_2024.stdout)["total"] == 8.0
    shown = runner.invoke(app, ["kartu", str(path), "--nip", NIPS[0]])
    assert shown.exit_code == 0
    assert "2 baris pegawai lain tidak diperiksa" in shown.stderr


def test_cek_bagian_rencana_memakai_yang_sudah_dipakai_bulan_ini(tmp_path):
    """The plans of a partitioned check count what each employee already used this month (kept
    per part): two coaching sessions on 3 and 5 November fill November's cap of 2 (Perlan LAN
    10/2018 via the Panduan: coaching at most twice a month), so 4 JP short (target 8, 2 × 2 JP
    counted) is planned as 2 sessions in December, in both paths."""
    rows = [[NIPS[0], "Budi", "coaching", "", "03/11/2025", "03/11/2025", "1", ""],
            [NIPS[0], "Budi", "coaching", "", "05/11/2025", "05/11/2025", "1", ""],
            [NIPS[1], "Citra", "seminar", "", "05/03/2025", "05/03/2025", "1", ""]]  # fmt: skip
    path = tulis_csv(tmp_path / "b.csv", [JUDUL, *rows])
    compute = {"skip_errors": True, "target": 8, "today": dt.date(2025, 11, 10)}
    result = pipeline.streamed_check(path, ATURAN, 2, **compute)
    budi = result.short[result.short["nip"] == NIPS[0]].iloc[0]
    assert budi["kurang"] == 4
    coaching = [s for s in budi["rencana"].alternatives if s.name == "coaching"]
    assert coaching[0].units == 2 and coaching[0].months == (12,)
    assert _cek_bertahap(path, 2, compute) == _cek_sekali(path, compute)


def _kartu_nip(path: Path, nip: str, part_bytes: int):
    """employee_ledger with ``--partisi auto`` cutting the file every ``part_bytes``."""
    from jpcli.files import sniff

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sniff, "PART_BYTES", part_bytes)
        cut = pipeline.employee_ledger(path, ATURAN, nip)
    if cut is None:
        return None
    return cut.ledger.kegiatan, cut.ledger.problems, cut.first, cut.latest


@settings(
    max_examples=max(10, CONTOH // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(baris(), min_size=1, max_size=40), st.sampled_from([NIPS[0], NIPS[1][:8], "1"]))
def test_kartu_nip_per_blok_sama_dengan_sekali_baca(tmp_path_factory, rows, nip):
    """jp kartu --nip on a ledger of several parts reads it block by block and keeps only the
    employee's rows: the same rows (cells, row numbers), problems, count of other rows and years
    of the whole file as reading it whole."""
    path = tulis_csv(tmp_path_factory.mktemp("kartu") / "b.csv", [JUDUL, *rows])
    blocks, whole = _kartu_nip(path, nip, 200), _kartu_nip(path, nip, 1 << 30)
    assert (blocks is None) == (whole is None)
    if whole is not None:
        assert blocks[0].equals(whole[0]) and list(blocks[0].index) == list(whole[0].index)
        assert blocks[1:] == whole[1:]


def test_kartu_nip_per_blok_tidak_membaca_utuh(runner, buku_besar, monkeypatch):
    """A large ledger is not read whole for one employee's card (nor read ahead whole), and the
    card is the one the whole read gives."""
    from jpcli.files import read, sniff

    nip = buku_besar.read_text(encoding="utf-8").splitlines()[1].split(";")[0]
    whole = runner.invoke(app, ["kartu", str(buku_besar), "--nip", nip, "-f", "json"])

    def whole_read(*args, **kw):
        raise AssertionError("read whole")

    monkeypatch.setattr(sniff, "PART_BYTES", 20_000)
    monkeypatch.setattr(read, "read_ledger", whole_read)
    monkeypatch.setattr(sniff, "arrow_csv", whole_read)
    parted = runner.invoke(app, ["kartu", str(buku_besar), "--nip", nip, "-f", "json"])
    assert (parted.exit_code, parted.stdout, parted.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert json.loads(whole.stdout)["nip"] == nip


def _validasi(path: Path, part_bytes: int):
    from jpcli.files import sniff

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sniff, "PART_BYTES", part_bytes)
        return pipeline.validate(path, ATURAN)


@settings(
    max_examples=max(10, CONTOH // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(baris(), min_size=0, max_size=40))
def test_validasi_per_bagian_sama_dengan_sekali_baca(tmp_path_factory, rows):
    """jp validasi of a ledger of several parts checks it part by part: every problem with its
    row, in the same order, the same row count and jenis sources as checking it whole."""
    path = tulis_csv(tmp_path_factory.mktemp("validasi") / "b.csv", [JUDUL, *rows])
    assert _validasi(path, 200) == _validasi(path, 1 << 30)


@settings(
    max_examples=max(10, CONTOH // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(baris(), min_size=1, max_size=40))
def test_validasi_dua_separuh_sama_dengan_sekali_baca(tmp_path_factory, rows):
    """jp validasi of a ledger read whole and normalized in two halves by NIP, one per thread:
    every problem with its row, in the same order, the same row count and jenis sources."""
    path = tulis_csv(tmp_path_factory.mktemp("validasi") / "b.csv", [JUDUL, *rows])
    assert _dengan_separuh("halves", lambda: _validasi(path, 1 << 30)) == _validasi(path, 1 << 30)


def test_validasi_per_bagian_tidak_membaca_utuh(runner, buku_besar, monkeypatch):
    """jp validasi on a large ledger never loads it whole, and prints what the whole check
    prints (exit 2: the synthetic ledger has broken rows)."""
    from jpcli.files import sniff

    whole = runner.invoke(app, ["validasi", str(buku_besar), "-f", "json"])

    def whole_read(*args, **kw):
        raise AssertionError("read whole")

    monkeypatch.setattr(sniff, "PART_BYTES", 20_000)
    monkeypatch.setattr(pipeline, "load_ledger", whole_read)
    parted = runner.invoke(app, ["validasi", str(buku_besar), "-f", "json"])
    assert (parted.exit_code, parted.stdout) == (whole.exit_code, whole.stdout)
    assert whole.exit_code == 2 and json.loads(whole.stdout)["masalah"]


def test_parquet_sel_nip_kosong_per_bagian(runner, tmp_path, monkeypatch):
    """A Parquet ledger with empty (null) NIP cells: read in parts it gives what reading it whole
    gives (the empty cells used to stop jp with an internal error), and jp kartu --nip read
    block by block counts only the other employees' filled rows, as the whole read does."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from jpcli.files import sniff

    path = tmp_path / "buku.parquet"
    pq.write_table(
        pa.table({
            "nip": [NIPS[0], None, NIPS[1]] * 20,
            "nama": ["Budi", "Tanpa NIP", "Citra"] * 20,
            "jenis": ["seminar"] * 60,
            "tanggal_mulai": ["02/01/2025"] * 60,
            "jumlah": ["1"] * 60,
        }),
        path,
    )  # fmt: skip
    whole = runner.invoke(app, ["hitung", str(path), "-f", "json", "--lewati-salah"])
    parted = runner.invoke(
        app, ["hitung", str(path), "-f", "json", "--lewati-salah", "--partisi", "3"]
    )
    assert parted.exit_code == whole.exit_code == 0
    assert parted.stdout == whole.stdout
    monkeypatch.setattr(sniff, "PART_BYTES", 200)
    cut = pipeline.employee_ledger(path, ATURAN, NIPS[0])
    others = [p.args for p in cut.ledger.problems if p.code == "other_rows_unchecked"]
    assert len(cut.ledger.kegiatan) == 20 and others == [(20,)]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 40), st.integers(1, 3))
def test_blok_dibaca_di_depan_urut_dan_utuh(n, waiting):
    """Blocks read ahead on a thread (``stream.blocks_ahead``) arrive all, once, in order."""
    from jpcli.files.stream import blocks_ahead

    assert list(blocks_ahead(iter(range(n)), waiting)) == list(range(n))


def test_blok_dibaca_di_depan_salah_dan_berhenti():
    """What the reading thread meets is raised in the caller after the blocks before it; a
    caller that stops early stops the thread (it reads at most the blocks waiting)."""
    import threading
    import time

    from jpcli.files.stream import NotStreamable, blocks_ahead

    def broken():
        yield from (1, 2)
        raise NotStreamable("baris 3")

    got = []
    with pytest.raises(NotStreamable, match="baris 3"):
        for block in blocks_ahead(broken()):
            got.append(block)
    assert got == [1, 2]
    made = []

    def endless():
        while True:
            made.append(len(made))
            yield made[-1]

    ahead = blocks_ahead(endless())
    assert next(ahead) == 0
    ahead.close()
    time.sleep(0.5)
    assert not [t for t in threading.enumerate() if t.name == "jp-blok"]
    assert len(made) <= 3  # the one handed over, one waiting, one read meanwhile
