"""Rows -> typed records: defaults per unit, every problem collected with its place (SPEC §1, §5)."""

import pytest

from bantuan import NIP_A, NIP_B, baris, buku, laporan
from jpcli.problems import MasalahInput


def test_jumlah_kosong_hari_dihitung_dari_tanggal():
    """SPEC §1: unit hari, blank jumlah = calendar days from mulai to selesai inclusive (3)."""
    keg = buku([baris("seminar", "18/02/2025", "20/02/2025")]).kegiatan
    assert keg["jumlah"].tolist() == [3.0]


@pytest.mark.parametrize("jenis", ["coaching", "magang", "pendidikan"])
def test_jumlah_kosong_kegiatan_dan_semester_satu(jenis):
    assert buku([baris(jenis, "04/03/2025")]).kegiatan["jumlah"].tolist() == [1.0]


def test_tanggal_selesai_kosong_sama_dengan_mulai():
    keg = buku([baris("coaching", "04/03/2025")]).kegiatan
    assert keg["tanggal_selesai"].iloc[0] == keg["tanggal_mulai"].iloc[0]


def test_lingkup_kosong_nasional():
    assert buku([baris("kursus", "04/03/2025", jumlah="8")]).kegiatan["lingkup"].tolist() == ["nasional"]


def test_semua_masalah_dikumpulkan_dengan_tempatnya():
    """Every bad cell is reported (not only the first), with the Excel row, the column and the value."""
    rows = [
        baris("rapat koordinasi", "04/03/2025", jumlah="2"),           # row 2: unknown jenis
        baris("kursus", "31/02/2025", jumlah="8"),                     # row 3: impossible date
        baris("kursus", "10/03/2025", "05/03/2025", "8"),              # row 4: selesai before mulai
        baris("kursus", "10/03/2025", jumlah=""),                      # row 5: JP needs jumlah
        baris("kursus", "10/03/2025", jumlah="-3"),                    # row 6: negative
        baris("coaching", "10/03/2025", jumlah="1,5"),                 # row 7: half a session
        baris("kursus", "10/03/2025", jumlah="8", nip="12345"),       # row 8: short NIP
        baris("kursus", "10/03/2025", jumlah="dua"),                   # row 9: not a number
        baris("kursus", "10/03/2025", jumlah="8", lingkup="regional"),  # row 10: unknown lingkup
    ]
    masalah = buku(rows).salah
    tempat = [(m.baris, m.kolom) for m in masalah]
    assert tempat == [(2, "jenis"), (3, "tanggal_mulai"), (4, "tanggal_selesai"), (5, "jumlah"), (6, "jumlah"),
                      (7, "jumlah"), (8, "nip"), (9, "jumlah"), (10, "lingkup")]
    assert masalah[0].nilai == "rapat koordinasi"
    assert all(m.file == "uji.xlsx" and m.sheet == "kegiatan" for m in masalah)


def test_jenis_tidak_dikenal_menyarankan_kode_terdekat():
    (m,) = buku([baris("coacing", "04/03/2025", jumlah="1")]).salah
    assert "Mungkin maksud Anda: coaching" in m.pesan


def test_baris_salah_menghentikan_hitungan_kecuali_lewati_salah():
    """SPEC §5: an invalid row stops the computation; --lewati-salah computes without it and says so."""
    rows = [baris("kursus", "10/03/2025", jumlah="8"), baris("kursus", "31/02/2025", jumlah="30")]
    with pytest.raises(MasalahInput):
        laporan(rows)
    hasil = laporan(rows, lewati_salah=True)
    assert hasil.kartu.iloc[0]["total"] == 8.0
    assert hasil.dilewati == 1
    assert any("1 baris salah dilewati" in m.pesan for m in hasil.peringatan)


def test_baris_kosong_dan_baris_jumlah_dilewati():
    rows = [baris("kursus", "10/03/2025", jumlah="8"), {"nama": ""}, {"nama": "JUMLAH", "jumlah": "8"}]
    b = buku(rows)
    assert b.salah == [] and len(b.kegiatan) == 1
    (p,) = b.peringatan
    assert p.baris == 4 and "baris total" in p.pesan


def test_peringatan_nip_dengan_dua_nama():
    rows = [baris("kursus", "10/03/2025", jumlah="8", nama="Budi Santoso"),
            baris("kursus", "11/03/2025", jumlah="8", nama="Budi Santosa")]
    (p,) = buku(rows).peringatan
    assert "2 nama" in p.pesan and p.tingkat == "peringatan"


def test_peringatan_tanggal_masa_depan_tetap_dihitung():
    b = buku([baris("kursus", "10/03/2031", jumlah="8")])
    (p,) = b.peringatan
    assert "masa depan" in p.pesan and len(b.kegiatan) == 1


def test_peringatan_pendidikan_lebih_dari_dua_semester():
    (p,) = buku([baris("pendidikan", "03/02/2025", "19/12/2025", "3")]).peringatan
    assert "3 semester" in p.pesan


def test_nama_dari_daftar_pegawai_urutan_daftar_dan_pegawai_tanpa_kegiatan():
    """The roster decides order and names; an employee with no activity appears with 0."""
    import pandas as pd

    pegawai = pd.DataFrame({"nip": [NIP_B, NIP_A], "nama": ["Citra", "Budi"], "unit": ["", ""],
                            "jabatan": ["", ""], "target": [float("nan"), 24.0]})
    kartu = laporan([baris("kursus", "10/03/2025", jumlah="20", nama="budi s.")], pegawai=pegawai).kartu
    assert kartu["nip"].tolist() == [NIP_B, NIP_A]
    assert kartu["nama"].tolist() == ["Citra", "Budi"]
    assert kartu["total"].tolist() == [0.0, 20.0]
    assert kartu["target"].tolist() == [20.0, 24.0]  # roster target wins over the default
    assert kartu["kurang"].tolist() == [20.0, 4.0]
