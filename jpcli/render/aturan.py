"""A rule set described in words (for ``jp aturan``, the template's petunjuk sheet) and as data (JSON)."""

from __future__ import annotations

from jpcli.rules import Aturan, Jenis, Konversi
from jpcli.teks import format_jp

_SATUAN = {"JP": "JP", "hari": "hari", "kegiatan": "kali", "semester": "semester"}
_PER_SATUAN = {"hari": "JP/hari", "kegiatan": "JP/kali", "semester": "JP/semester"}
JUDUL_KOLOM_KARTU = {
    "pendidikan": "pendidikan", "pelatihan": "pelatihan", "sosialisasi": "sosialisasi", "workshop": "workshop",
    "klasikal_lain": "klasikal: lain-lain", "coaching": "coaching", "mentoring": "mentoring",
    "belajar_mandiri": "belajar mandiri", "nonklasikal_lain": "non klasikal: lain-lain",
}


def nilai_konversi(jenis: Jenis, k: Konversi | None) -> str:
    """'sesuai program', 'JP × 1,2', '4 JP/hari', '20 JP/kali', or 'tidak diatur'."""
    if k is None:
        return "tidak diatur (ditolak)"
    if jenis.satuan == "JP":
        return "sesuai program" if k.jp == 1 else f"JP × {format_jp(k.jp)}"
    return f"{format_jp(k.jp)} {_PER_SATUAN[jenis.satuan]}"


def batas_konversi(jenis: Jenis, k: Konversi | None) -> str:
    if k is None or k.batas is None:
        return ""
    teks = f"maks. {format_jp(k.batas)} {_SATUAN[jenis.satuan]}/{k.per}"
    if jenis.satuan != "JP":
        teks += f" (= {format_jp(k.batas * k.jp)} JP)"
    elif k.jp != 1:
        teks += f", lalu × {format_jp(k.jp)}"
    return teks


def baris_aturan(aturan: Aturan) -> list[dict[str, str]]:
    """One row of words per jenis: what the computation applies, with the citation."""
    rows = []
    for j in aturan.jenis:
        batas_n, batas_i = batas_konversi(j, j.nasional), batas_konversi(j, j.internasional)
        if batas_n and batas_i:
            batas = batas_n if batas_n == batas_i else f"nasional {batas_n}; internasional {batas_i}"
        else:
            batas = f"nasional {batas_n}" if batas_n else (f"internasional {batas_i}" if batas_i else "")
        rows.append({
            "kode": j.kode, "nama": j.nama, "alias": ", ".join(j.alias), "jalur": j.jalur,
            "kolom": JUDUL_KOLOM_KARTU[j.kolom], "satuan": _SATUAN[j.satuan] if j.satuan != "kegiatan" else "kegiatan",
            "nasional": nilai_konversi(j, j.nasional), "internasional": nilai_konversi(j, j.internasional),
            "batas": batas, "sumber": j.sumber,
        })
    return rows


def aturan_json(aturan: Aturan) -> dict:
    def konversi(k: Konversi | None):
        return None if k is None else {"jp": k.jp, "batas": k.batas, "per": k.per}

    return {
        "nama": aturan.nama,
        "judul": aturan.judul,
        "asal": aturan.asal,
        "jenis": [
            {"kode": j.kode, "nama": j.nama, "alias": list(j.alias), "jalur": j.jalur, "kolom": j.kolom,
             "satuan": j.satuan, "nasional": konversi(j.nasional), "internasional": konversi(j.internasional),
             "sumber": j.sumber}
            for j in aturan.jenis
        ],
    }
