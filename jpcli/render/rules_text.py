"""A rule set described in words (for ``jp aturan``, the template's petunjuk sheet) and as data (JSON)."""

from __future__ import annotations

from jpcli.rules import Aturan, Jenis, Konversi
from jpcli.render.fmt import format_jp

_SATUAN = {"JP": "JP", "hari": "hari", "kegiatan": "kali", "semester": "semester"}
_PER_SATUAN = {"hari": "JP/hari", "kegiatan": "JP/kali", "semester": "JP/semester"}
JUDUL_KOLOM_KARTU = {
    "pendidikan": "pendidikan", "pelatihan": "pelatihan", "sosialisasi": "sosialisasi", "workshop": "workshop",
    "klasikal_lain": "klasikal: lain-lain", "coaching": "coaching", "mentoring": "mentoring",
    "belajar_mandiri": "belajar mandiri", "nonklasikal_lain": "non klasikal: lain-lain",
}


def nilai_konversi(jenis: Jenis, k: Konversi | None) -> str:
    """What one row of this jenis and lingkup is worth, cap included: 'sesuai program', 'JP × 1,2',
    'maks. 3 JP/hari', '(maks. 2 JP/hari) × 1,2', '4 JP/hari', '2 JP/kali, maks. 2 kali/bulan (= 4 JP)',
    or 'tidak diatur'."""
    if k is None:
        return "tidak diatur (ditolak)"
    if jenis.satuan == "JP":
        if k.batas is None:
            return "sesuai program" if k.jp == 1 else f"JP × {format_jp(k.jp)}"
        batas = f"maks. {format_jp(k.batas)} JP/{k.per}"
        return batas if k.jp == 1 else f"({batas}) × {format_jp(k.jp)}"  # the multiplier applies after the cap
    teks = f"{format_jp(k.jp)} {_PER_SATUAN[jenis.satuan]}"
    if k.batas is not None:
        teks += f", maks. {format_jp(k.batas)} {_SATUAN[jenis.satuan]}/{k.per} (= {format_jp(k.batas * k.jp)} JP)"
    return teks


def batas_konversi(jenis: Jenis) -> str:
    """How the cap of a jenis is counted (its size is in the value columns): per person and period,
    national and international rows together (a person has one day and one month)."""
    periode = {k.per for k in (jenis.nasional, jenis.internasional) if k is not None and k.batas is not None}
    if not periode:
        return ""
    return f"per pegawai per {'/'.join(sorted(periode))}; baris nasional dan internasional memakai batas yang sama"


def baris_aturan(aturan: Aturan) -> list[dict[str, str]]:
    """One row of words per jenis: what the computation applies, with the citation."""
    rows = []
    for j in aturan.jenis:
        rows.append({
            "kode": j.kode, "nama": j.nama, "alias": ", ".join(j.alias), "jalur": j.jalur,
            "kolom": JUDUL_KOLOM_KARTU[j.kolom], "satuan": _SATUAN[j.satuan] if j.satuan != "kegiatan" else "kegiatan",
            "nasional": nilai_konversi(j, j.nasional), "internasional": nilai_konversi(j, j.internasional),
            "batas": batas_konversi(j), "sumber": _sumber(j), "siasn": ", ".join(map(str, j.siasn)),
            "catatan": j.catatan,
        })
    return rows


def _sumber(jenis: Jenis) -> str:
    """The citation, with each lingkup's own clause where the rule set gives one."""
    lain = [f"{lingkup}: {k.sumber}" for lingkup, k in (("nasional", jenis.nasional), ("internasional", jenis.internasional))
            if k is not None and k.sumber and k.sumber != jenis.sumber]
    return "; ".join([jenis.sumber, *lain])


def aturan_json(aturan: Aturan) -> dict:
    def konversi(k: Konversi | None):
        return None if k is None else {"jp": k.jp, "batas": k.batas, "per": k.per, "sumber": k.sumber}

    return {
        "nama": aturan.nama,
        "judul": aturan.judul,
        "asal": aturan.asal,
        "jenis": [
            {"kode": j.kode, "nama": j.nama, "alias": list(j.alias), "jalur": j.jalur, "kolom": j.kolom,
             "satuan": j.satuan, "nasional": konversi(j.nasional), "internasional": konversi(j.internasional),
             "sumber": j.sumber, "siasn": list(j.siasn), "catatan": j.catatan}
            for j in aturan.jenis
        ],
    }
