"""One employee's card explained (``jp kartu``): which rows, how many JP each, and why not more.

Everything here reads a ``Laporan`` that ``pipeline.susun`` already computed for the whole
ledger, so ``kartu`` and ``hitung`` can never disagree: this module only selects and
words what the compute step decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jpcli.core import compute
from jpcli.problems import JpError
from jpcli.core.pipeline import Report
from jpcli.rules import RuleSet
from jpcli.render.fmt import MONTHS, format_jp, format_date, month_name

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
REGISTER_COLUMNS = ("baris", "jenis", "lingkup", "tanggal_mulai", "tanggal_selesai", "jp_mentah", "jp_diakui", "alasan")
_SATUAN_LABEL = {"JP": "JP", "hari": "hari", "kegiatan": "sesi", "semester": "semester"}


@dataclass
class EmployeeCard:
    """Everything ``jp kartu`` shows for one employee and one year."""

    pegawai: dict  # the employee's row of the Lampiran II card
    register: pd.DataFrame  # the register: one row per activity, in date order
    per_month: pd.DataFrame  # bulan (1-12), jp, kumulatif
    guidance_logs: dict[str, pd.DataFrame]  # "coaching"/"mentoring" -> the Panduan's log
    other_years: int  # the employee's activities in other years, not listed


def find_employee(kartu: pd.DataFrame, nip: str | None = None, name: str | None = None) -> dict:
    """The one employee meant by a full NIP, a unique NIP prefix, or part of a name."""
    if nip:
        find = re.sub(r"[\s.\-]", "", nip.strip().lstrip("'"))
        if not find.isdigit():
            raise JpError(f"--nip {nip!r}: NIP hanya berisi angka (spasi dan titik boleh).")
        matches = kartu[kartu["nip"] == find]
        if matches.empty:
            matches = kartu[kartu["nip"].str.startswith(find)]
        named_as = f"NIP {nip!r}"
    elif name:
        matches = kartu[kartu["nama"].str.contains(name.strip(), case=False, regex=False)]
        named_as = f"nama {name!r}"
    else:
        raise JpError("Sebutkan pegawainya: --nip NIP (boleh awalannya saja) atau --nama NAMA.")
    if matches.empty:
        raise JpError(f"Tidak ada pegawai dengan {named_as} di buku kegiatan maupun daftar pegawai.")
    if len(matches) > 1:
        candidates = "\n".join(f"  {r.nip}  {r.nama}" for r in matches.head(20).itertuples())
        lebih = f"\n  ... dan {len(matches) - 20} lagi" if len(matches) > 20 else ""
        raise JpError(f"{named_as} cocok dengan {len(matches)} pegawai; sebutkan lebih lengkap:\n{candidates}{lebih}")
    return matches.iloc[0].to_dict()


def employee_card(report: Report, pegawai: dict) -> EmployeeCard:
    nip = pegawai["nip"]
    all_rows = report.result[report.result["nip"] == nip]
    # one employee's rows: plain text columns are simpler to word than categories
    all_rows = all_rows.astype({c: str for c in all_rows.columns if isinstance(all_rows[c].dtype, pd.CategoricalDtype)})
    year = report.year
    start_year = all_rows["tanggal_mulai"].dt.year
    # the year's rows, plus rows that start in this year but end (and count) in the next
    shown = all_rows[(all_rows["tahun"] == year) | (start_year == year)].copy()
    shown.loc[shown["tahun"] != year, "jp_diakui"] = 0.0
    shown = shown.sort_values(["tanggal_mulai", "baris"], kind="stable")
    portions = compute.cap_portions(report.result[report.result["nip"] == nip], report.rules, report.approved_only)
    year_of_row = dict(zip(all_rows["baris"], all_rows["tahun"]))
    shown["alasan"] = _reasons(shown, portions, year_of_row, report.rules, year, report.approved_only)

    register = shown.reset_index(drop=True)
    return EmployeeCard(
        pegawai=pegawai,
        register=register,
        per_month=_per_month(register[register["tahun"] == year]),
        guidance_logs={k: _guidance_log(register, k) for k in ("coaching", "mentoring")},
        other_years=int(len(all_rows) - len(shown)),
    )


def _batas_text(jenis, conversion) -> str:
    label = _SATUAN_LABEL.get(jenis.satuan, jenis.satuan)
    text = f"{format_jp(conversion.batas)} {label}/{conversion.per}"
    if jenis.satuan != "JP":
        text += f" (= {format_jp(conversion.batas * conversion.jp)} JP)"
    return text


def _period_text(per: str, dates: list[pd.Timestamp]) -> str:
    if per == "bulan":
        return ", ".join(month_name(t.year, t.month) for t in dates)
    if len(dates) <= 3:
        return ", ".join(format_date(t) for t in dates)
    return f"{len(dates)} hari, {format_date(dates[0])} s.d. {format_date(dates[-1])}"


def _and_list(numbers: list[int]) -> str:
    text = [str(a) for a in numbers]
    return text[0] if len(text) == 1 else f"{', '.join(text[:-1])} dan {text[-1]}"


def _users_of_cap(portions: pd.DataFrame, year_of_row: dict, year: int) -> dict[int, str]:
    """For each row a cap cut: the rows that used that cap period first (in the order units were
    taken), with the year they count in when it is not the year shown."""
    cut_rows = portions[portions["satuan_diakui"] < portions["satuan"] - 1e-9]
    result = {}
    for row_no, cut in cut_rows.groupby("baris"):  # one employee's cut rows only
        before = portions[portions["kelompok"].isin(cut["kelompok"]) & (portions["satuan_diakui"] > 0)
                        & (portions["baris"] != row_no)]
        before = before[before["urutan"] < before["kelompok"].map(cut.set_index("kelompok")["urutan"])]
        users = list(dict.fromkeys(before["baris"]))
        if not users:
            continue
        other = [b for b in users if year_of_row.get(b, year) != year]
        text = f"sudah terpakai oleh baris {_and_list(users)}"
        if len(other) == 1 and len(users) == 1:
            text += f", yang dihitung di tahun {year_of_row[other[0]]}"
        elif other:
            text += "; " + ", ".join(f"baris {b} dihitung di tahun {year_of_row[b]}" for b in other)
        result[row_no] = text
    return result


def _reasons(rows: pd.DataFrame, portions: pd.DataFrame, year_of_row: dict, rules: RuleSet, year: int,
            approved_only: bool = False) -> list[str]:
    """Why a row counts less than its raw JP: the cap (rule, period, the rows that used it first),
    a duplicate, another year; and the multiplier applied after a cap."""
    cut_rows = portions[portions["satuan_diakui"] < portions["satuan"] - 1e-9]
    period = {b: list(g["periode"]) for b, g in cut_rows.groupby("baris")}
    users = _users_of_cap(portions, year_of_row, year)
    result = []
    for row in rows.itertuples():  # one employee's rows only
        jenis = rules.by_code[row.jenis]
        status = getattr(row, "status", "")
        if status == "ditolak":
            reason = f" ({row.alasan_verifikasi})" if getattr(row, "alasan_verifikasi", "") else ""
            result.append(f"ditolak verifikator{reason}: tidak dihitung")
        elif approved_only and status != "disetujui":
            result.append("belum disetujui verifikator: tidak dihitung (--hanya-disetujui)")
        elif row.duplikat_dari:
            result.append(f"sama persis dengan baris {row.duplikat_dari}: dihitung sekali")
        elif row.tahun != year:
            result.append(f"selesai {format_date(row.tanggal_selesai)}: dihitung pada tahun {row.tahun}")
        elif row.baris in period:
            conversion = jenis.conversion(row.lingkup)
            text = (f"melebihi batas {jenis.name.lower()} {_batas_text(jenis, conversion)} "
                    f"({_period_text(conversion.per, period[row.baris])})")
            if row.baris in users:
                text += f": {users[row.baris]}"
            if jenis.satuan == "JP" and conversion.jp != 1:
                # SPEC §2: the multiplier applies after the cap
                text += (f"; diakui {format_jp(row.satuan_diakui)} JP × {format_jp(conversion.jp)} = "
                         f"{format_jp(row.jp_diakui)} JP")
            result.append(f"{text}. {jenis.citation_for(row.lingkup)}")
        else:
            result.append("")
    return result


def _per_month(rows: pd.DataFrame) -> pd.DataFrame:
    """JP counted per calendar month of tanggal_selesai (when the certificate is issued), cumulated."""
    jp = rows.groupby(rows["tanggal_selesai"].dt.month)["jp_diakui"].sum().reindex(range(1, 13), fill_value=0.0)
    return pd.DataFrame({"bulan": range(1, 13), "nama": MONTHS, "jp": jp.to_numpy(),
                         "kumulatif": np.round(jp.cumsum().to_numpy(), 9)})


def weekday_date(t: pd.Timestamp) -> str:
    """'Selasa, 4 Maret 2025' as the Panduan's log writes Hari/Tanggal."""
    return f"{WEEKDAYS[t.weekday()]}, {format_date(t)}"


def _guidance_log(register: pd.DataFrame, jenis: str) -> pd.DataFrame:
    """Coaching or mentoring sessions in the Panduan's format (seed 001 §G.4 / §H.4)."""
    rows = register[register["jenis"] == jenis]
    sessions = rows["jumlah"].astype(int)
    topic = rows["judul"].where(rows["judul"] != "", "(materi belum diisi)")
    topic = np.where(sessions > 1, topic + " (" + sessions.astype(str) + " sesi)", topic)
    return pd.DataFrame({
        "no": np.arange(1, len(rows) + 1),
        "hari_tanggal": [weekday_date(t) for t in rows["tanggal_mulai"]],
        "materi": topic,
        "pembimbing": rows["penyelenggara"].to_numpy(),
        "baris": rows["baris"].to_numpy(),
    })
