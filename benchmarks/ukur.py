"""Benchmark: jp as a whole process against the bare read of the same file, in one run.

    python benchmarks/ukur.py            # makes benchmarks/data/* if missing; 3 runs, medians
    python benchmarks/ukur.py --ulang 5
    python benchmarks/ukur.py --besar    # also 10M and 30M rows (2.8 GB; minutes)

For each ledger: wall seconds and peak RSS of ``jp hitung FILE --format json --lewati-salah``
(the synthetic ledgers carry a few invalid rows on purpose) and of the bare read
(``pandas.read_csv(F, dtype=str)`` for CSV, calamine for xlsx), rows/s, and the ratio
jp / bare read, and beside a bare ``pyarrow.csv.read_csv``; jp and the bare reads run in turn
(``median_berselang``), so that other work on the machine weighs on them alike. Then the
default terminal table, ``jp kartu --nip`` and ``jp aturan``; the ``-o kartu.xlsx`` write for
the 1M-row ledger (about 33k employees), timed inside one process; the partitioned paths. Not
run by the tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

FOLDER = Path(__file__).parent
DATA = FOLDER / "data"
PY = sys.executable

BERKAS = {
    "buku_10k.xlsx": 10_000,
    "buku_100k.xlsx": 100_000,
    "buku_100k.csv": 100_000,
    "buku_1m.csv": 1_000_000,
}
# the ledgers are ;-separated (Excel in an Indonesian locale): the bare read must say so
BACA_CSV = "import pandas, sys; pandas.read_csv(sys.argv[1], dtype=str, sep=';')"
BACA_CSV_ARROW = (
    "import pandas, sys; pandas.read_csv(sys.argv[1], dtype=str, sep=';', engine='pyarrow')"
)
BACA_ARROW = (
    "import pyarrow.csv as c, sys; "
    "c.read_csv(sys.argv[1], parse_options=c.ParseOptions(delimiter=';'))"
)
BESAR = {"buku_10m.csv": 10_000_000, "buku_30m.csv": 30_000_000}  # --besar
BACA_XLSX = (
    "import python_calamine, sys; "
    "python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name('kegiatan').to_python()"
)


def jalankan(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, rusage = os.wait4(proc.pid, 0)
    detik = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(
            f"{' '.join(cmd)} keluar dengan kode {code}: {proc.stderr.read().decode()[-2000:]}"
        )
    return detik, rusage.ru_maxrss / 1024


def median(cmd: list[str], ulang: int) -> tuple[float, float]:
    result = [jalankan(cmd) for _ in range(ulang)]
    return statistics.median(h[0] for h in result), max(h[1] for h in result)


def median_berselang(cmds: dict[str, list[str]], ulang: int) -> dict[str, tuple[float, float]]:
    """Several commands run in turn, ``ulang`` rounds: each one's median seconds and peak RSS.
    Taken in turn, a busy spell of the machine falls on all of them alike."""
    result: dict[str, list] = {key: [] for key in cmds}
    for _ in range(ulang):
        for key, cmd in cmds.items():
            result[key].append(jalankan(cmd))
    return {
        key: (statistics.median(h[0] for h in runs), max(h[1] for h in runs))
        for key, runs in result.items()
    }


def siapkan(files: dict[str, int]) -> None:
    """The synthetic ledgers, made when missing; one of more than 10M rows is made as 10M-row
    ledgers of different seeds (different employees) joined, to stay within memory."""
    for name, n in files.items():
        if (DATA / name).exists():
            continue
        print(f"membuat {name} ...", flush=True)
        if n <= 10_000_000:  # in one go (a workbook is written as a workbook)
            subprocess.run(
                [PY, str(FOLDER / "buat_buku.py"), "--baris", str(n), "--keluar", str(DATA / name)],
                check=True,
            )
            continue
        pieces = []
        for i, start in enumerate(range(0, n, 10_000_000)):
            piece = DATA / f"{name}.bagian{i}.csv"
            subprocess.run(
                [PY, str(FOLDER / "buat_buku.py"), "--baris", str(min(10_000_000, n - start)),
                 "--keluar", str(piece), "--benih", str(2025 + i)],
                check=True,
            )  # fmt: skip
            pieces.append(piece)
        with open(DATA / name, "wb") as out:
            for i, piece in enumerate(pieces):
                with open(piece, "rb") as fh:
                    if i:
                        fh.readline()  # the header once
                    while chunk := fh.read(1 << 24):
                        out.write(chunk)
                piece.unlink()


def ukur_tulis_kartu() -> tuple[int, float, float]:
    """(employees, seconds for the -o kartu.xlsx write itself, seconds for the whole
    computation)."""
    sys.path.insert(0, str(FOLDER.parent))
    from jpcli.core.card import kartu_totals
    from jpcli.core.pipeline import build_report, load_ledger
    from jpcli.render.xlsx import write_kartu
    from jpcli.rules import load_rules

    rules = load_rules()
    start = time.perf_counter()
    report = build_report(load_ledger(DATA / "buku_1m.csv", rules), rules, skip_errors=True)
    compute_jp = time.perf_counter() - start
    start = time.perf_counter()
    write_kartu(
        DATA / "kartu_1m.xlsx",
        report.kartu,
        kartu_totals(report.kartu),
        report.year,
        ["benchmark"],
        "benchmark",
        report.warnings,
    )
    return len(report.kartu), time.perf_counter() - start, compute_jp


def ukur_bagi_berkas(jp: list[str], ulang: int) -> tuple[float, float, bool]:
    """The scale-out path: split the ledger by NIP hash into 2 files, run 2 jp processes at once."""
    import json

    import pandas as pd

    sys.path.insert(0, str(FOLDER.parent))
    from jpcli.core.pipeline import nip_partition

    whole = DATA / "buku_1m.csv"
    parts = [DATA / f"buku_1m_bagian{i}.csv" for i in range(2)]
    if not all(b.exists() for b in parts):
        frame = pd.read_csv(whole, dtype=str, sep=";", keep_default_na=False)
        number = nip_partition(frame["nip"], 2)
        for i, path in enumerate(parts):
            frame[number == i].to_csv(path, sep=";", index=False)

    def sekaligus() -> tuple[float, list[bytes]]:
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [*jp, "hitung", str(b), "--format", "json", "--lewati-salah"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            for b in parts
        ]
        output = [p.communicate()[0] for p in procs]
        return time.perf_counter() - start, output

    result = [sekaligus() for _ in range(ulang)]
    detik = statistics.median(h[0] for h in result)
    merged_column = sorted(
        (p for out in result[0][1] for p in json.loads(out)["pegawai"]), key=lambda p: p["nip"]
    )
    satu = subprocess.run(
        [*jp, "hitung", str(whole), "--format", "json", "--lewati-salah"], capture_output=True
    )
    all_rows = sorted(json.loads(satu.stdout)["pegawai"], key=lambda p: p["nip"])
    utuh_s, _ = median([*jp, "hitung", str(whole), "--format", "json", "--lewati-salah"], ulang)
    return detik, utuh_s, merged_column == all_rows


def ukur_layar(jp: list[str], ulang: int) -> None:
    """The default terminal table against the JSON run, one employee's card, ``jp aturan``."""
    path = str(DATA / "buku_1m.csv")
    with open(path, encoding="utf-8") as fh:
        nip = [fh.readline(), fh.readline()][1].split(";")[0]
    ukuran = median_berselang(
        {
            "json": [*jp, "hitung", path, "--format", "json", "--lewati-salah"],
            "tabel": [*jp, "hitung", path, "--lewati-salah"],
            "kartu": [*jp, "kartu", path, "--nip", nip, "--lewati-salah"],
            "aturan": [*jp, "aturan"],
        },
        ulang,
    )
    json_s, table_s, aturan_s = (ukuran[k][0] for k in ("json", "tabel", "aturan"))
    kartu_s, kartu_rss = ukuran["kartu"]
    print(
        f"\n1M baris: JSON {json_s:.2f} s; tabel bawaan ke berkas {table_s:.2f} s "
        f"({table_s / json_s:.2f}x); jp kartu --nip {kartu_s:.2f} s, {kartu_rss:.0f} MB "
        f"({kartu_s / json_s:.2f}x JSON, {kartu_s / table_s:.2f}x tabel); "
        f"jp aturan {aturan_s:.2f} s"
    )


def ukur_besar(jp: list[str]) -> None:
    """10M and 30M rows, once each: jp with --partisi auto (the default) beside a bare Arrow
    read; then 10M read whole (--partisi 1) for comparison."""
    for name, n in BESAR.items():
        path = str(DATA / name)
        jp_s, jp_rss = jalankan([*jp, "hitung", path, "--format", "json", "--lewati-salah"])
        arrow_s, arrow_rss = jalankan([PY, "-c", BACA_ARROW, path])
        print(
            f"{name}: {n:,} baris, jp {jp_s:.1f} s, RSS {jp_rss:.0f} MB; "
            f"pyarrow.csv.read_csv {arrow_s:.1f} s, RSS {arrow_rss:.0f} MB",
            flush=True,
        )
    whole_s, whole_rss = jalankan(
        [*jp, "hitung", str(DATA / "buku_10m.csv"), "--format", "json", "--lewati-salah",
         "--partisi", "1"]
    )  # fmt: skip
    print(f"buku_10m.csv dibaca utuh (--partisi 1): {whole_s:.1f} s, RSS {whole_rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--besar", action="store_true", help="also 10M and 30M rows (once each)")
    args = parser.parse_args()
    siapkan({**BERKAS, **(BESAR if args.besar else {})})
    jp = (
        [str(Path(PY).with_name("jp"))]
        if Path(PY).with_name("jp").exists()
        else [PY, "-m", "jpcli"]
    )
    print(
        f"Mesin: {platform.machine()}, {os.cpu_count()} core, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; median dari {args.ulang} kali\n"
    )
    print(
        f"{'berkas':<16}{'baris':>10}{'jp (s)':>9}{'baris/s':>12}{'RSS MB':>9}"
        f"{'baca (s)':>10}{'RSS MB':>9}"
        f"{'rasio':>8}   baca = pandas.read_csv(dtype=str) / calamine"
    )
    for name, n in BERKAS.items():
        path = str(DATA / name)
        cmds = {
            "jp": [*jp, "hitung", path, "--format", "json", "--lewati-salah"],
            "baca": [PY, "-c", BACA_CSV if name.endswith(".csv") else BACA_XLSX, path],
        }
        if name.endswith(".csv"):
            cmds["arrow"] = [PY, "-c", BACA_ARROW, path]
        ukuran = median_berselang(cmds, args.ulang)  # in turn: the same load on each
        (jp_s, jp_rss), (baca_s, baca_rss) = ukuran["jp"], ukuran["baca"]
        extra = ""
        if "arrow" in ukuran:
            arrow_s = ukuran["arrow"][0]
            extra = f"   (pyarrow.csv.read_csv {arrow_s:.2f} s: rasio {jp_s / arrow_s:.2f})"
        print(
            f"{name:<16}{n:>10,}{jp_s:>9.2f}{n / jp_s:>12,.0f}{jp_rss:>9.0f}"
            f"{baca_s:>10.2f}{baca_rss:>9.0f}"
            f"{jp_s / baca_s:>8.2f}{extra}",
            flush=True,
        )

    ukur_layar(jp, args.ulang)
    if args.besar:
        ukur_besar(jp)
    bagi = ukur_bagi_berkas(jp, args.ulang)
    print(
        f"\n1M baris dibagi 2 berkas menurut hash NIP, 2 proses jp berjalan bersamaan: "
        f"{bagi[0]:.2f} s (1 proses untuk berkas utuh: {bagi[1]:.2f} s); "
        f"gabungan JSON sama dengan hasil utuh: {bagi[2]}"
    )
    for processes in (1, 2):
        detik, rss = median(
            [
                *jp,
                "hitung",
                str(DATA / "buku_1m.csv"),
                "--format",
                "json",
                "--lewati-salah",
                "--partisi",
                "8",
                "--proses",
                str(processes),
            ],
            args.ulang,
        )
        print(f"--partisi 8 --proses {processes}: {detik:.2f} s, RSS {rss:.0f} MB")
    # last: it computes inside this process, and a child started after it would inherit its
    # peak RSS (Linux keeps ru_maxrss across fork and exec)
    n_pegawai, tulis_s, hitung_s = ukur_tulis_kartu()
    print(
        f"\n-o kartu.xlsx untuk {n_pegawai:,} pegawai: tulis {tulis_s:.2f} s "
        f"(hitung 1M baris dalam proses: {hitung_s:.2f} s)"
    )


if __name__ == "__main__":
    main()
