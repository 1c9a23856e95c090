"""JSON and CSV renderings (SPEC §4: the exact JSON keys)."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from jpcli.core.card import KOLOM_JP
from jpcli.problems import Masalah

KUNCI_PEGAWAI = ("nip", "nama", *KOLOM_JP, "total", "target", "memenuhi", "kurang")
DESIMAL = 2  # SPEC §2: JP are shown rounded to 2 decimals
BESAR = 1_000  # list items: past this, JSON is written compact (indenting is ~10x slower)


def jp(value: float) -> float:
    """A JP figure for output: rounded to 2 decimals, -0.0 cleaned."""
    return round(float(value), DESIMAL) + 0.0


def pegawai(row: dict) -> dict:
    """One employee object with exactly the SPEC §4 keys."""
    out = {}
    for key in KUNCI_PEGAWAI:
        value = row[key]
        if key in ("nip", "nama"):
            out[key] = str(value)
        elif key == "memenuhi":
            out[key] = bool(value)
        else:
            out[key] = jp(value)
    return out


class JsonMentah(str):
    """JSON text already encoded (by pandas' C writer), spliced as is into a compact document."""


def daftar_pegawai(kartu: pd.DataFrame) -> list[dict] | JsonMentah:
    """Employee objects for the whole card at once. A large card stays encoded JSON text
    (parsing and re-encoding 40 000 objects would cost more than computing them)."""
    if kartu.empty:
        return []
    angka = [k for k in KUNCI_PEGAWAI if k not in ("nip", "nama", "memenuhi")]
    tabel = kartu[list(KUNCI_PEGAWAI)].astype({"nip": str, "nama": str, "memenuhi": bool})
    tabel[angka] = tabel[angka].astype(float).round(DESIMAL) + 0.0
    teks = tabel.to_json(orient="records", force_ascii=False, double_precision=10)
    return JsonMentah(teks) if len(kartu) > BESAR else json.loads(teks)


def masalah(daftar: list[Masalah]) -> list[dict]:
    return [m.as_dict() for m in daftar]


def dokumen(tahun: int, aturan: str, target: float, kartu: pd.DataFrame, peringatan: list[Masalah], **lain) -> dict:
    return {
        "tahun": tahun,
        "aturan": aturan,
        "target": jp(target),
        "pegawai": daftar_pegawai(kartu),
        "peringatan": masalah(peringatan),
        **lain,
    }


def ke_json(data: dict) -> str:
    """JSON for stdout or a file: indented for people, compact when the document is large."""
    if any(isinstance(v, JsonMentah) for v in data.values()):
        bagian = (f"{json.dumps(k)}:{v if isinstance(v, JsonMentah) else json.dumps(v, ensure_ascii=False)}"
                  for k, v in data.items())
        return "{" + ",".join(bagian) + "}\n"
    n = sum(len(v) for v in data.values() if isinstance(v, (list, dict)))
    return json.dumps(data, ensure_ascii=False, indent=None if n > BESAR else 2) + "\n"


def kartu_csv(kartu: pd.DataFrame) -> str:
    """The card as plain CSV (comma, decimal point, UTF-8): for scripts. For Excel use -o .xlsx."""
    kolom = ["no", "nip", "nama", "unit", "jabatan", *KOLOM_JP, "total", "target", "memenuhi", "kurang"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(kolom)
    for row in kartu[kolom].to_dict("records"):
        writer.writerow([
            row[k] if k in ("no", "nip", "nama", "unit", "jabatan") else
            ("true" if row[k] else "false") if k == "memenuhi" else jp(row[k])
            for k in kolom
        ])
    return buf.getvalue()


def kegiatan_pegawai(rincian: pd.DataFrame) -> list[dict]:
    """The register rows of ``jp kartu`` with exactly the SPEC §4 keys."""
    return [
        {
            "baris": int(r.baris),
            "jenis": str(r.jenis),
            "lingkup": str(r.lingkup),
            "tanggal_mulai": r.tanggal_mulai.date().isoformat(),
            "tanggal_selesai": r.tanggal_selesai.date().isoformat(),
            "jp_tertulis": jp(r.jp_tertulis) if r.jp_tertulis == r.jp_tertulis else None,  # as stated; null when blank
            "jp_mentah": jp(r.jp_mentah),
            "jp_diakui": jp(r.jp_diakui),
            "alasan": str(r.alasan),
            "nomor_sertifikat": str(getattr(r, "nomor_sertifikat", "")),
            "tanggal_sertifikat": _tanggal_iso(getattr(r, "tanggal_sertifikat", pd.NaT)),
            "status": str(getattr(r, "status", "")),
        }
        for r in rincian.itertuples()
    ]


def _tanggal_iso(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def kartu_pegawai(kp) -> dict:
    """``jp kartu --format json``: the employee object plus ``kegiatan``."""
    return {**pegawai(kp.pegawai), "kegiatan": kegiatan_pegawai(kp.rincian)}


def rincian_csv(rincian: pd.DataFrame) -> str:
    rows = kegiatan_pegawai(rincian)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["baris"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def dokumen_cek(pemeriksaan) -> dict:
    """``jp cek --format json``: SPEC §4 keys (``pegawai`` only those below target), then
    ``per_tanggal``, ``bulan_tersisa``, ``saran`` (per NIP) and ``rekap`` (per unit)."""
    lap = pemeriksaan.laporan
    return dokumen(
        lap.tahun, lap.aturan.nama, lap.target, pemeriksaan.kurang, pemeriksaan.peringatan,
        per_tanggal=pemeriksaan.per_tanggal.isoformat(),
        bulan_tersisa=pemeriksaan.bulan_tersisa,
        saran={r.nip: r.saran for r in pemeriksaan.kurang.itertuples()},
        rekap=[
            {"unit": r.unit, "pegawai": int(r.pegawai), "memenuhi": int(r.memenuhi), "belum": int(r.belum),
             "persen_memenuhi": float(r.persen_memenuhi), "total_jp": jp(r.total_jp)}
            for r in pemeriksaan.rekap.itertuples()
        ],
    )


def cek_csv(kurang: pd.DataFrame) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["nip", "nama", "unit", "total", "target", "kurang", "saran"])
    for r in kurang.itertuples():
        writer.writerow([r.nip, r.nama, r.unit, jp(r.total), jp(r.target), jp(r.kurang), r.saran])
    return buf.getvalue()


def masalah_csv(daftar: list[Masalah]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["file", "sheet", "baris", "kolom", "nilai", "pesan", "tingkat"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(m.as_dict() for m in daftar)
    return buf.getvalue()
