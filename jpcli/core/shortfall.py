"""``jp cek``: who is below target, by how much, per unit, and what can still close the gap.

The suggestions use the non-classical routes the Panduan puts in the supervisor's hands
(coaching, mentoring, belajar mandiri; seed 001 §F-§I) with the caps of the rule set in
force and the time left in the year, so they never propose JP that would not be counted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jpcli.core import card
from jpcli.problems import Problem
from jpcli.core.pipeline import Ledger, Report, build_report
from jpcli.rules import RuleSet, Jenis
from jpcli.render.fmt import MONTHS, format_jp

SUPERVISED_JENIS = ("coaching", "mentoring", "belajar_mandiri")  # routes a supervisor can start (Panduan §F)
NO_UNIT = "(tanpa unit)"
ALL_UNITS = "SEMUA UNIT"


@dataclass
class ShortfallReport:
    report: Report
    as_of: dt.date
    months_left: int
    short: pd.DataFrame  # employees below target: card columns + unit, saran; by shortfall
    recap: pd.DataFrame  # per unit, then SEMUA UNIT
    warnings: list[Problem] = field(default_factory=list)
    with_roster: bool = True  # False: no roster, only employees in the ledger were checked


def check_date(year: int, today: dt.date) -> dt.date:
    """Default --per-tanggal: today when it falls in the year checked, else that year's end."""
    return today if today.year == year else dt.date(year, 12, 31)


def months_remaining(as_of: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every calendar month that still has days after ``per_tanggal`` in its year."""
    month_end = calendar.monthrange(as_of.year, as_of.month)[1]
    first = as_of.month + (1 if as_of.day == month_end else 0)
    return [(as_of.year, m) for m in range(first, 13)]


def check(ledger: Ledger, rules: RuleSet, year: int | None = None, target: float | None = None,
            skip_errors: bool = False, as_of: dt.date | None = None,
            today: dt.date | None = None, approved_only: bool = False) -> ShortfallReport:
    today = today or dt.date.today()
    if year is None:
        year = as_of.year if as_of else card.latest_year(
            ledger.kegiatan.assign(**{"tahun": ledger.kegiatan["tanggal_selesai"].dt.year}))
    if year is not None and as_of is None:
        as_of = check_date(year, today)
    report = build_report(ledger, rules, year=year, target=target, skip_errors=skip_errors, until=as_of,
                    approved_only=approved_only)
    as_of = as_of or dt.date(report.year, 12, 31)
    warnings = list(report.warnings)
    if as_of.year != report.year:
        warnings.append(Problem(file=ledger.file, level="peringatan", message=(
            f"--per-tanggal {as_of.isoformat()} tidak berada di tahun {report.year} yang diperiksa.")))
    with_roster = ledger.pegawai is not None and len(ledger.pegawai) > 0
    if not with_roster:
        warnings.append(Problem(file=ledger.file, level="peringatan", message=(
            "tanpa daftar pegawai: hanya pegawai yang muncul di buku kegiatan yang diperiksa; pegawai yang "
            "belum punya kegiatan sama sekali tidak terlihat. Tambahkan sheet 'pegawai' atau pakai --pegawai.")))
    else:
        outside = report.kartu[~report.kartu["nip"].isin(ledger.pegawai["nip"])]
        if len(outside):
            listing = ", ".join(f"{r.nip} ({r.nama or 'tanpa nama'})" for r in outside.itertuples())
            warnings.append(Problem(file=ledger.file, level="peringatan", message=(
                f"{len(outside)} NIP di buku kegiatan tidak ada di daftar pegawai (tetap diperiksa): {listing}. "
                "Tambahkan ke daftar pegawai, atau periksa NIP-nya.")))

    month = months_remaining(as_of) if as_of.year == report.year else []
    days_left = max(0, (dt.date(report.year, 12, 31) - as_of).days)
    kartu = report.kartu
    pending = kartu[~kartu["memenuhi"]].sort_values("kurang", ascending=False, kind="stable").copy()
    used = _used_this_month(report.result, as_of)
    pending["saran"] = [
        suggestions(row.kurang, rules, month, days_left, used.get(row.nip, {}), report.year)
        for row in pending.itertuples()  # only employees below target
    ]
    return ShortfallReport(report=report, as_of=as_of, months_left=len(month), short=pending,
                       recap=recap(kartu), warnings=warnings, with_roster=with_roster)


def recap(kartu: pd.DataFrame) -> pd.DataFrame:
    """Per unit: employees, met, not met, % met, total JP; then one line for all units."""
    unit = kartu["unit"].where(kartu["unit"] != "", NO_UNIT)
    per_unit = kartu.assign(**{"unit": unit}).groupby("unit", sort=False).agg(
        **{"pegawai": ("nip", "size"), "memenuhi": ("memenuhi", "sum"), "total_jp": ("total", "sum")})
    all_rows = pd.DataFrame({"pegawai": [len(kartu)], "memenuhi": [int(kartu["memenuhi"].sum())],
                          "total_jp": [kartu["total"].sum()]}, index=pd.Index([ALL_UNITS], name="unit"))
    result = pd.concat([per_unit, all_rows]).reset_index()
    result["memenuhi"] = result["memenuhi"].astype(int)
    result["belum"] = result["pegawai"] - result["memenuhi"]
    result["persen_memenuhi"] = np.round(100 * result["memenuhi"] / result["pegawai"].clip(lower=1), 1)
    result["total_jp"] = np.round(result["total_jp"], 9)
    return result[["unit", "pegawai", "memenuhi", "belum", "persen_memenuhi", "total_jp"]]


def _used_this_month(result: pd.DataFrame, as_of: dt.date) -> dict[str, dict[tuple[str, int], float]]:
    """Units already counted this month per employee and route (they use up the month's cap)."""
    this_month = result[(result["lingkup"] == "nasional") & result["jenis"].isin(SUPERVISED_JENIS)
                      & (result["tanggal_mulai"].dt.year == as_of.year)
                      & (result["tanggal_mulai"].dt.month == as_of.month)]
    quantity = this_month.groupby(["nip", "jenis"], observed=True)["satuan_diakui"].sum()
    per_employee: dict[str, dict] = {}
    for (nip, jenis), value in quantity.items():
        per_employee.setdefault(nip, {})[(jenis, as_of.month)] = float(value)
    return per_employee


def _plan(jenis: Jenis, jp_needed: float, month: list[tuple[int, int]], days_left: int,
             used: dict) -> tuple[float, str | None, float]:
    """(JP this route can still give, a plan text reaching ``perlu_jp`` if it can alone, JP of that plan)."""
    k = jenis.nasional
    satuan = "sesi" if jenis.satuan == "kegiatan" else jenis.satuan
    needed = math.ceil(jp_needed / k.jp - 1e-9)  # whole sessions / whole JP
    name = jenis.name.split(" (")[0].lower()
    if k.batas is None:
        return math.inf, f"{name} {needed} {satuan} = {format_jp(needed * k.jp)} JP", needed * k.jp
    if k.per == "bulan":
        capacity = [max(0.0, k.batas - used.get((jenis.code, m), 0.0)) for _, m in month]
        total = sum(capacity)
        if total < needed:
            return total * k.jp, None, 0.0
        sisa, taken = needed, []
        for (_, m), cap in zip(month, capacity):
            if sisa <= 0:
                break
            take = min(cap, sisa)
            if take > 0:
                taken.append(m)
                sisa -= take
        month_range = MONTHS[taken[0] - 1] if len(taken) == 1 else f"{MONTHS[taken[0] - 1]}–{MONTHS[taken[-1] - 1]}"
        text = (f"{name} {needed} {satuan} dalam {len(taken)} bulan ({month_range}; maks. {format_jp(k.batas)} "
                f"{satuan}/bulan) = {format_jp(needed * k.jp)} JP")
        return total * k.jp, text, needed * k.jp
    total = days_left * k.batas  # per hari
    if total < needed:
        return total * k.jp, None, 0.0
    day = math.ceil(needed / k.batas - 1e-9)
    text = f"{name} {needed} {satuan} dalam {day} hari (maks. {format_jp(k.batas)} {satuan}/hari) = {format_jp(needed * k.jp)} JP"
    return total * k.jp, text, needed * k.jp


def suggestions(short: float, rules: RuleSet, month: list[tuple[int, int]], days_left: int,
          used: dict, year: int) -> str:
    """A plan for the shortfall through coaching, mentoring or belajar mandiri, within the caps."""
    offset = f"kurang {format_jp(short)} JP: "
    if days_left <= 0:
        return offset + f"tahun {year} sudah berakhir; kekurangan ini tidak dapat dikejar lagi tahun ini."
    track = [rules.by_code[k] for k in SUPERVISED_JENIS if k in rules.by_code]
    plan = [_plan(j, short, month, days_left, used) for j in track]
    sendiri = [text for _, text, _ in plan if text]
    if sendiri:
        return offset + ", atau ".join(sendiri)
    # no single route is enough: combine them, each up to what its cap still allows
    sisa, parts = short, []
    for j, (possible, _, _) in zip(track, plan):
        if sisa <= 1e-9 or possible <= 0:
            continue
        take = min(possible, sisa)
        _, text, _ = _plan(j, take, month, days_left, used)
        if text:
            parts.append(text)
            sisa -= take
    total_possible = sum(possible for possible, _, _ in plan)
    if sisa > 1e-9:
        return offset + (
            f"coaching, mentoring dan belajar mandiri paling banyak {format_jp(total_possible)} JP lagi sampai akhir "
            f"tahun {year}; sisanya perlu pelatihan, seminar atau workshop."
            + (f" Mulai dengan: {' + '.join(parts)}." if parts else "")
        )
    return offset + "gabungan " + " + ".join(parts)
