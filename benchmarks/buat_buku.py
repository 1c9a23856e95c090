"""Synthetic activity ledgers for benchmarks: about 30 activities per employee, every jenis, both
lingkup, the date spellings offices type, and a few invalid rows (about 1 in 2000).

    python benchmarks/buat_buku.py --baris 1000000 --keluar benchmarks/data/buku_1m.csv
    python benchmarks/buat_buku.py --baris 100000 --keluar benchmarks/data/buku_100k.xlsx

Not run by the test suite. Deterministic for a given --benih.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from jpcli.words import MONTHS

# (code as offices type it, weight, unit, typical quantities)
JENIS = [
    ("coaching", 14, "kegiatan", [1, 1, 1, 2]),
    ("mentoring", 10, "kegiatan", [1, 1, 2]),
    ("belajar mandiri", 14, "JP", [1, 2, 2, 3, 4, 6]),
    ("e-learning", 10, "JP", [2, 3, 4, 6, 10]),
    ("seminar", 8, "hari", [None, None, 1]),
    ("sosialisasi", 5, "hari", [None, 0.5, 1]),
    ("workshop", 5, "hari", [None, None, 2]),
    ("bimtek", 6, "JP", [16, 24, 32]),
    ("kursus", 3, "JP", [20, 32, 40]),
    ("penataran", 1, "JP", [10, 20]),
    ("pelatihan_teknis", 4, "JP", [24, 30, 40]),
    ("pelatihan_fungsional", 2, "JP", [40, 60]),
    ("pelatihan_manajerial", 1, "JP", [30, 40]),
    ("pelatihan_sosial_kultural", 1, "JP", [16, 24]),
    ("pelatihan_nasional", 1, "JP", [30]),
    ("pkp", 1, "JP", [300]),
    ("komunitas belajar", 3, "JP", [1, 2, 3]),
    ("pjj", 2, "JP", [20, 40]),
    ("outbond", 1, "JP", [8]),
    ("patok banding", 1, "kegiatan", [1]),
    ("magang", 1, "kegiatan", [1]),
    ("pertukaran", 1, "kegiatan", [1]),
    ("detasering", 1, "kegiatan", [1]),
    ("S2", 1, "semester", [1]),
]
TANPA_INTERNASIONAL = {"pelatihan_nasional", "pkp"}
NAMA_DEPAN = [
    "Ahmad",
    "Budi",
    "Citra",
    "Dewi",
    "Eko",
    "Fitri",
    "Gunawan",
    "Hana",
    "Irfan",
    "Juwita",
    "Kurniawan",
    "Lestari",
    "Muhammad",
    "Nur",
    "Osman",
    "Putri",
    "Rina",
    "Sri",
    "Taufik",
    "Wahyu",
    "Yuni",
    "Agustinus",
]
NAMA_BELAKANG = [
    "Santoso",
    "Lestari",
    "Anggraini",
    "Prasetyo",
    "Handayani",
    "Wibisono",
    "Pertiwi",
    "Maulana",
    "Sari",
    "Hadi",
    "Wulandari",
    "Rizki",
    "Aini",
    "Siregar",
    "Sitepu",
    "Nasution",
    "Saputra",
]
JUDUL = [
    f"{a} {b}"
    for a in ("Bimbingan", "Pelatihan", "Materi", "Modul", "Kajian", "Diskusi")
    for b in (
        "SKP",
        "anggaran",
        "pelayanan publik",
        "kearsipan",
        "SPBE",
        "manajemen risiko",
        "kepemimpinan",
        "kurikulum",
        "statistik",
        "keamanan siber",
    )
]


def nips(n: int, rng: np.random.Generator) -> np.ndarray:
    """n distinct valid NIPs: birth date, TMT year after it, gender 1/2, sequence 001-999."""
    birth = pd.Series(
        pd.to_datetime("1965-01-01") + pd.to_timedelta(rng.integers(0, 365 * 35, n), unit="D")
    )
    tmt = birth.dt.year + rng.integers(20, 30, n)
    ordered = pd.Series(np.arange(n) % 999 + 1)
    out = (
        birth.dt.strftime("%Y%m%d")
        + tmt.astype(str)
        + pd.Series(rng.integers(1, 13, n)).astype(str).str.zfill(2)
        + pd.Series(rng.integers(1, 3, n)).astype(str)
        + ordered.astype(str).str.zfill(3)
    )
    return pd.unique(out.to_numpy())


def ledger(n_rows: int, benih: int = 2025) -> pd.DataFrame:
    rng = np.random.default_rng(benih)
    n_pegawai = max(1, n_rows // 30)
    listing = nips(int(n_pegawai * 1.05) + 10, rng)[:n_pegawai]
    name = np.array([f"{a} {b}" for a in NAMA_DEPAN for b in NAMA_BELAKANG])[
        rng.integers(0, 22 * 17, n_pegawai)
    ]
    pegawai = rng.integers(0, n_pegawai, n_rows)

    bobot = np.array([w for _, w, _, _ in JENIS], dtype=float)
    j = rng.choice(len(JENIS), n_rows, p=bobot / bobot.sum())
    code = np.array([k for k, _, _, _ in JENIS], dtype=object)[j]
    satuan = np.array([s for _, _, s, _ in JENIS], dtype=object)[j]
    lama = np.where(np.isin(satuan, ["hari", "JP"]), rng.choice([0, 0, 0, 1, 2], n_rows), 0)
    lama = np.where(satuan == "semester", 150, lama)
    per_jenis = [np.array(JENIS[k][3], dtype=object) for k in range(len(JENIS))]
    choose = rng.integers(0, 1000, n_rows)
    quantity = np.array(
        [per_jenis[k][p % len(per_jenis[k])] for k, p in zip(j, choose)], dtype=object
    )
    # a training of more than a day's JP runs over several days (about 8 JP a day), as on its
    # certificate; about 1 in 500 is written with its start date only, as offices sometimes do
    jp = np.where(
        satuan == "JP",
        pd.to_numeric(pd.Series(quantity), errors="coerce").fillna(0).to_numpy(),
        0.0,
    )
    banyak_hari = (jp > 12) & (rng.random(n_rows) >= 0.002)
    lama = np.where(banyak_hari, np.ceil(jp / 8).astype(int) - 1, lama)
    # never more days than the dates span (a row claiming more is refused, SPEC §1)
    quantity = np.where(
        (satuan == "hari")
        & (pd.to_numeric(pd.Series(quantity), errors="coerce").fillna(0).to_numpy() > lama + 1),
        None,
        quantity,
    )
    start = pd.to_datetime("2025-01-01") + pd.to_timedelta(rng.integers(-10, 360, n_rows), unit="D")
    end = start + pd.to_timedelta(lama, unit="D")
    intl = (rng.random(n_rows) < 0.03) & ~np.isin(code, list(TANPA_INTERNASIONAL))
    lingkup = np.where(intl, "internasional", "")

    frame = pd.DataFrame(
        {
            "nip": listing[pegawai],
            "nama": name[pegawai],
            "jenis": code,
            "lingkup": lingkup,
            "tanggal_mulai": start,
            "tanggal_selesai": end,
            "jumlah": quantity,
            "judul": np.array(JUDUL, dtype=object)[rng.integers(0, len(JUDUL), n_rows)],
            "penyelenggara": np.array(
                ["BKPSDM", "LAN RI", "BPSDM Provinsi", "Atasan langsung", ""], dtype=object
            )[rng.integers(0, 5, n_rows)],
        }
    )
    frame.loc[lama == 0, "tanggal_selesai"] = pd.NaT  # blank = same day, as offices leave it
    # a few invalid rows, as real ledgers have: impossible date, unknown jenis, missing jumlah
    errors = rng.choice(n_rows, max(1, n_rows // 2000), replace=False)
    frame["tanggal_mulai"] = frame["tanggal_mulai"].astype(object)
    for i, pos in enumerate(errors):
        if i % 3 == 0:
            frame.iat[pos, frame.columns.get_loc("tanggal_mulai")] = "31/02/2025"
        elif i % 3 == 1:
            frame.iat[pos, frame.columns.get_loc("jenis")] = "rapat koordinasi"
        else:
            frame.iat[pos, frame.columns.get_loc("jenis")] = "kursus"
            frame.iat[pos, frame.columns.get_loc("jumlah")] = None
    return frame


def tanggal_teks(column: pd.Series, rng: np.random.Generator) -> pd.Series:
    """Dates as offices type them: mostly dd/mm/yyyy, some ISO, some '12 Maret 2025'."""
    value = pd.to_datetime(column, errors="coerce")
    bentuk = rng.choice(3, len(column), p=[0.7, 0.2, 0.1])
    text = pd.Series(value.dt.strftime("%d/%m/%Y"), index=column.index)
    text[bentuk == 1] = value[bentuk == 1].dt.strftime("%Y-%m-%d")
    panjang = value[bentuk == 2]
    text[bentuk == 2] = (
        panjang.dt.day.astype("Int64").astype(str)
        + " "
        + panjang.dt.month.map(dict(enumerate(MONTHS, start=1))).fillna("")
        + " "
        + panjang.dt.year.astype("Int64").astype(str)
    )
    text = text.where(value.notna(), column.where(column.map(lambda v: isinstance(v, str)), ""))
    return text.fillna("")


def write(frame: pd.DataFrame, path: Path, benih: int = 2025) -> None:
    rng = np.random.default_rng(benih + 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        keluar = frame.copy()
        for col in ("tanggal_mulai", "tanggal_selesai"):
            keluar[col] = tanggal_teks(keluar[col], rng)
        keluar["jumlah"] = keluar["jumlah"].map(
            lambda v: "" if v is None else str(v).replace(".", ",")
        )
        keluar.to_csv(path, sep=";", index=False, encoding="utf-8")
    else:
        # benchmark-only: writing 100k rows with openpyxl takes longer than reading them
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("kegiatan")
        dates = wb.add_format({"num_format": "dd/mm/yyyy"})
        text = wb.add_format({"num_format": "@"})
        ws.write_row(0, 0, list(frame.columns))
        for r, row in enumerate(frame.itertuples(index=False), start=1):
            ws.write_string(r, 0, row.nip, text)
            ws.write_string(r, 1, row.nama)
            ws.write_string(r, 2, row.jenis)
            if row.lingkup:
                ws.write_string(r, 3, row.lingkup)
            for c, value in ((4, row.tanggal_mulai), (5, row.tanggal_selesai)):
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                elif value is not None and not pd.isna(value):
                    ws.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(), dates)
            if row.jumlah is not None:
                ws.write_number(r, 6, float(row.jumlah))
            ws.write_string(r, 7, row.judul)
            if row.penyelenggara:
                ws.write_string(r, 8, row.penyelenggara)
        wb.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baris", type=int, required=True)
    parser.add_argument("--keluar", type=Path, required=True)
    parser.add_argument("--benih", type=int, default=2025)
    args = parser.parse_args()
    write(ledger(args.baris, args.benih), args.keluar, args.benih)
    print(f"{args.keluar}: {args.baris} baris")


if __name__ == "__main__":
    main()
