"""Rule sets are data (SPEC §2): the bundled files load, carry citations, and differ only where stated."""

from jpcli.rules import daftar_bawaan, muat_aturan


def test_aturan_bawaan_lengkap_dengan_sitasi():
    aturan = muat_aturan()
    assert aturan.nama == "lan-10-2018" and len(aturan.jenis) == 23
    assert all(j.sumber.startswith("Perlan LAN 10/2018 Lampiran") for j in aturan.jenis)
    assert set(daftar_bawaan()) == {"lan-10-2018", "lan-10-2018-ketat"}


def test_ketat_hanya_beda_coaching_mentoring_nasional():
    """lan-10-2018-ketat = the literal Perlan text: national coaching/mentoring 2 JP per month (1 session)."""
    bawaan, ketat = muat_aturan("lan-10-2018"), muat_aturan("lan-10-2018-ketat")
    beda = {j.kode for j in bawaan.jenis if (j.nasional, j.internasional) != (
        ketat.per_kode[j.kode].nasional, ketat.per_kode[j.kode].internasional)}
    assert beda == {"coaching", "mentoring"}
    for kode in beda:
        k = ketat.per_kode[kode].nasional
        assert k.jp * k.batas == 2 and k.per == "bulan"  # 2 JP per month
        assert bawaan.per_kode[kode].nasional.batas == 2  # 2 sessions per month


def test_nilai_internasional_disimpan_bukan_diturunkan():
    """SPEC §2: seminar 6, workshop 7 and patok banding 20 are not national x 1.2."""
    aturan = muat_aturan()
    for kode, nilai in (("seminar", 6), ("workshop", 7), ("patok_banding", 20)):
        assert aturan.per_kode[kode].internasional.jp == nilai
