"""A rule set described in words (for ``jp aturan``, the template's petunjuk sheet) and as data
(JSON)."""

from __future__ import annotations

from jpcli.rules import Conversion, Jenis, RuleSet
from jpcli.words import SATUAN_WORD, format_jp

_PER_SATUAN = {"hari": "JP/hari", "kegiatan": "JP/kali", "semester": "JP/semester"}
CARD_COLUMN_TITLES = {
    "pendidikan": "pendidikan",
    "pelatihan": "pelatihan",
    "sosialisasi": "sosialisasi",
    "workshop": "workshop",
    "klasikal_lain": "klasikal: lain-lain",
    "coaching": "coaching",
    "mentoring": "mentoring",
    "belajar_mandiri": "belajar mandiri",
    "nonklasikal_lain": "non klasikal: lain-lain",
}


def conversion_text(jenis: Jenis, k: Conversion | None) -> str:
    """What one row of this jenis and lingkup is worth, cap included: 'sesuai program', 'JP × 1,2',
    'maks. 3 JP/hari', '(maks. 2 JP/hari) × 1,2', '4 JP/hari',
    '2 JP/kali, maks. 2 kali/bulan (= 4 JP)', or 'tidak diatur'."""
    if k is None:
        return "tidak diatur (ditolak)"
    if jenis.satuan == "JP":
        if k.batas is None:
            return "sesuai program" if k.jp == 1 else f"JP × {format_jp(k.jp)}"
        batas = f"maks. {format_jp(k.batas)} JP/{k.per}"
        return (
            batas if k.jp == 1 else f"({batas}) × {format_jp(k.jp)}"
        )  # the multiplier applies after the cap
    text = f"{format_jp(k.jp)} {_PER_SATUAN[jenis.satuan]}"
    if k.batas is not None:
        text += (
            f", maks. {format_jp(k.batas)} {SATUAN_WORD[jenis.satuan]}/{k.per} "
            f"(= {format_jp(k.batas * k.jp)} JP)"
        )
    return text


def cap_text(jenis: Jenis) -> str:
    """How the cap of a jenis is counted (its size is in the value columns): per person and period,
    national and international rows together (a person has one day and one month)."""
    period = {
        k.per
        for k in (jenis.nasional, jenis.international)
        if k is not None and k.batas is not None
    }
    if not period:
        return ""
    return (
        f"per pegawai per {'/'.join(sorted(period))}; "
        "baris nasional dan internasional memakai batas yang sama"
    )


def rule_rows(rules: RuleSet) -> list[dict[str, str]]:
    """One row of words per jenis: what the computation applies, with the citation."""
    rows = []
    for j in rules.jenis:
        rows.append(
            {
                "kode": j.code,
                "nama": j.name,
                "alias": ", ".join(j.aliases),
                "jalur": j.track,
                "kolom": CARD_COLUMN_TITLES[j.column],
                "satuan": SATUAN_WORD[j.satuan] if j.satuan != "kegiatan" else "kegiatan",
                "nasional": conversion_text(j, j.nasional),
                "internasional": conversion_text(j, j.international),
                "batas": cap_text(j),
                "sumber": _citations(j),
                "siasn": ", ".join(map(str, j.siasn_codes)),
                "catatan": j.note,
            }
        )
    return rows


def _citations(jenis: Jenis) -> str:
    """The citation, with each lingkup's own clause where the rule set gives one."""
    other = [
        f"{lingkup}: {k.citation}"
        for lingkup, k in (("nasional", jenis.nasional), ("internasional", jenis.international))
        if k is not None and k.citation and k.citation != jenis.citation
    ]
    return "; ".join([jenis.citation, *other])


def rules_json(rules: RuleSet) -> dict:
    def conversion(k: Conversion | None):
        return (
            None
            if k is None
            else {"jp": k.jp, "batas": k.batas, "per": k.per, "sumber": k.citation}
        )

    return {
        "nama": rules.name,
        "judul": rules.title,
        "asal": rules.origin,
        "jenis": [
            {
                "kode": j.code,
                "nama": j.name,
                "alias": list(j.aliases),
                "jalur": j.track,
                "kolom": j.column,
                "satuan": j.satuan,
                "nasional": conversion(j.nasional),
                "internasional": conversion(j.international),
                "sumber": j.citation,
                "siasn": list(j.siasn_codes),
                "catatan": j.note,
            }
            for j in rules.jenis
        ],
    }
