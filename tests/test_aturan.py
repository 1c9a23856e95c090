"""Rule sets are data (SPEC §2): the bundled files load, carry citations, and differ only where stated."""

from jpcli.rules import bundled_names, load_rules

SIASN_TANPA_TABEL = {
    "pelatihan_klasikal_lain": 13,
    "bimbingan_di_tempat_kerja": 24,
    "pelatihan_nonklasikal_lain": 25,
}


def test_aturan_bawaan_lengkap_dengan_sitasi():
    """23 rows of the Perlan table, each citing its clause, plus the 3 SIASN jenis the table lacks, each
    citing SIASN and stating jp's assumption."""
    rules = load_rules()
    assert rules.name == "lan-10-2018" and len(rules.jenis) == 26
    table = [j for j in rules.jenis if j.code not in SIASN_TANPA_TABEL]
    assert len(table) == 23 and all(
        j.citation.startswith("Perlan LAN 10/2018 Lampiran") for j in table
    )
    for code, number in SIASN_TANPA_TABEL.items():
        j = rules.by_code[code]
        assert (
            j.siasn_codes == (number,)
            and j.citation.startswith(f"SIASN jenis diklat {number}")
            and "Asumsi jp" in j.note
        )
        assert (j.satuan, j.nasional.jp, j.international.jp) == (
            "JP",
            1.0,
            1.0,
        )  # as stated, no +20%
    assert set(bundled_names()) == {"lan-10-2018", "lan-10-2018-ketat"}


def test_setiap_kode_siasn_satu_jenis():
    """SIASN jenisDiklatId 1-25 each name exactly one jenis, in both bundled rule sets (ketat inherits them)."""
    for name in bundled_names():
        assert sorted(load_rules(name).by_siasn) == list(range(1, 26))


def test_ketat_hanya_beda_coaching_mentoring_nasional():
    """lan-10-2018-ketat = the literal Perlan text: national coaching/mentoring 2 JP per month (1 session)."""
    bawaan, ketat = load_rules("lan-10-2018"), load_rules("lan-10-2018-ketat")
    differs = {
        j.code
        for j in bawaan.jenis
        if (j.nasional, j.international)
        != (ketat.by_code[j.code].nasional, ketat.by_code[j.code].international)
    }
    assert differs == {"coaching", "mentoring"}
    for code in differs:
        k = ketat.by_code[code].nasional
        assert k.jp * k.batas == 2 and k.per == "bulan"  # 2 JP per month
        assert bawaan.by_code[code].nasional.batas == 2  # 2 sessions per month


def test_nilai_internasional_disimpan_bukan_diturunkan():
    """SPEC §2: seminar 6, workshop 7 and patok banding 20 are not national x 1.2."""
    rules = load_rules()
    for code, value in (("seminar", 6), ("workshop", 7), ("patok_banding", 20)):
        assert rules.by_code[code].international.jp == value
