"""Benchmark: jp as a whole process against the bare read of the same file, in one run.

    python benchmarks/ukur.py            # makes benchmarks/data/* if missing; 3 runs, medians
    python benchmarks/ukur.py --ulang 5

For each ledger: wall seconds and peak RSS of ``jp hitung FILE --format json --lewati-salah``
(the synthetic ledgers carry a few invalid rows on purpose) and of the bare read
(``pandas.read_csv(F, dtype=str)`` for CSV, calamine for xlsx), rows/s, and the ratio
jp / bare read. Then the ``-o kartu.xlsx`` write for the 1M-row ledger (about 33k employees),
timed inside one process, and the partitioned multiprocessing path. Not run by the tests.
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


def siapkan() -> None:
    for name, n in BERKAS.items():
        if not (DATA / name).exists():
            print(f"membuat {name} ...", flush=True)
            subprocess.run(
                [PY, str(FOLDER / "buat_buku.py"), "--baris", str(n), "--keluar", str(DATA / name)],
                check=True,
            )


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()
    siapkan()
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
        read = [PY, "-c", BACA_CSV if name.endswith(".csv") else BACA_XLSX, path]
        jp_s, jp_rss = median(
            [*jp, "hitung", path, "--format", "json", "--lewati-salah"], args.ulang
        )
        baca_s, baca_rss = median(read, args.ulang)
        extra = ""
        if name.endswith(".csv"):
            arrow_s, _ = median([PY, "-c", BACA_CSV_ARROW, path], args.ulang)
            extra = f"   (read_csv engine=pyarrow {arrow_s:.2f} s: rasio {jp_s / arrow_s:.2f})"
        print(
            f"{name:<16}{n:>10,}{jp_s:>9.2f}{n / jp_s:>12,.0f}{jp_rss:>9.0f}"
            f"{baca_s:>10.2f}{baca_rss:>9.0f}"
            f"{jp_s / baca_s:>8.2f}{extra}",
            flush=True,
        )

    n_pegawai, tulis_s, hitung_s = ukur_tulis_kartu()
    print(
        f"\n-o kartu.xlsx untuk {n_pegawai:,} pegawai: tulis {tulis_s:.2f} s "
        f"(hitung 1M baris dalam proses: {hitung_s:.2f} s)"
    )

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


if __name__ == "__main__":
    main()
