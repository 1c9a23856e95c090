"""Rule sets are data (SPEC §2): the bundled files load, carry citations, and differ only where stated."""

from jpcli.rules import daftar_bawaan, muat_aturan


SIASN_TANPA_TABEL = {"pelatihan_klasikal_lain": 13, "bimbingan_di_tempat_kerja": 24, "pelatihan_nonklasikal_lain": 25}


def test_aturan_bawaan_lengkap_dengan_sitasi():
    """23 rows of the Perlan table, each citing its clause, plus the 3 SIASN jenis the table lacks, each
    citing SIASN and stating jp's assumption."""
    aturan = muat_aturan()
    assert aturan.nama == "lan-10-2018" and len(aturan.jenis) == 26
    tabel = [j for j in aturan.jenis if j.kode not in SIASN_TANPA_TABEL]
    assert len(tabel) == 23 and all(j.sumber.startswith("Perlan LAN 10/2018 Lampiran") for j in tabel)
    for kode, nomor in SIASN_TANPA_TABEL.items():
        j = aturan.per_kode[kode]
        assert j.siasn == (nomor,) and j.sumber.startswith(f"SIASN jenis diklat {nomor}") and "Asumsi jp" in j.catatan
        assert (j.satuan, j.nasional.jp, j.internasional.jp) == ("JP", 1.0, 1.0)  # as stated, no +20%
    assert set(daftar_bawaan()) == {"lan-10-2018", "lan-10-2018-ketat"}


def test_setiap_kode_siasn_satu_jenis():
    """SIASN jenisDiklatId 1-25 each name exactly one jenis, in both bundled rule sets (ketat inherits them)."""
    for nama in daftar_bawaan():
        assert sorted(muat_aturan(nama).per_siasn) == list(range(1, 26))


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
