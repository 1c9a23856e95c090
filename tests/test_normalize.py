"""Rows -> typed records: defaults per unit, every problem collected with its place (SPEC §1, §5)."""

import pytest
from bantuan import NIP_A, NIP_B, activity, ledger, report

from jpcli.problems import InputError


def test_jumlah_kosong_hari_dihitung_dari_tanggal():
    """SPEC §1: unit hari, blank jumlah = calendar days from mulai to selesai inclusive (3)."""
    keg = ledger([activity("seminar", "18/02/2025", "20/02/2025")]).kegiatan
    assert keg["jumlah"].tolist() == [3.0]


@pytest.mark.parametrize("jenis", ["coaching", "magang", "pendidikan"])
def test_jumlah_kosong_kegiatan_dan_semester_satu(jenis):
    assert ledger([activity(jenis, "04/03/2025")]).kegiatan["jumlah"].tolist() == [1.0]


def test_tanggal_selesai_kosong_sama_dengan_mulai():
    keg = ledger([activity("coaching", "04/03/2025")]).kegiatan
    assert keg["tanggal_selesai"].iloc[0] == keg["tanggal_mulai"].iloc[0]


def test_lingkup_kosong_nasional():
    assert ledger([activity("kursus", "04/03/2025", quantity="8")]).kegiatan[
        "lingkup"
    ].tolist() == ["nasional"]


def test_jenis_tidak_dikenal_menyarankan_kode_terdekat():
    (m,) = ledger([activity("coacing", "04/03/2025", quantity="1")]).errors
    assert "Mungkin maksud Anda: coaching" in m.message


def test_baris_salah_menghentikan_hitungan_kecuali_lewati_salah():
    """SPEC §5: an invalid row stops the computation; --lewati-salah computes without it and says so."""
    rows = [
        activity("kursus", "10/03/2025", quantity="8"),
        activity("kursus", "31/02/2025", quantity="30"),
    ]
    with pytest.raises(InputError):
        report(rows)
    result = report(rows, skip_errors=True)
    assert result.kartu.iloc[0]["total"] == 8.0
    assert result.skipped == 1
    assert any("1 baris salah dilewati" in m.message for m in result.warnings)


def test_baris_kosong_dan_baris_jumlah_dilewati():
    rows = [
        activity("kursus", "10/03/2025", quantity="8"),
        {"nama": ""},
        {"nama": "JUMLAH", "jumlah": "8"},
    ]
    b = ledger(rows)
    assert b.errors == [] and len(b.kegiatan) == 1
    (p,) = b.warnings
    assert p.row_no == 4 and "baris total" in p.message


def test_peringatan_nip_dengan_dua_nama():
    rows = [
        activity("kursus", "10/03/2025", quantity="8", nama="Budi Santoso"),
        activity("kursus", "11/03/2025", quantity="8", nama="Budi Santosa"),
    ]
    (p,) = ledger(rows).warnings
    assert "2 nama" in p.message and p.level == "peringatan"


def test_peringatan_tanggal_masa_depan_tetap_dihitung():
    b = ledger([activity("kursus", "10/03/2031", quantity="8")])
    (p,) = b.warnings
    assert "masa depan" in p.message and len(b.kegiatan) == 1


def test_peringatan_pendidikan_lebih_dari_dua_semester():
    (p,) = ledger([activity("pendidikan", "03/02/2025", "19/12/2025", "3")]).warnings
    assert "3 semester" in p.message


def test_nama_dari_daftar_pegawai_urutan_daftar_dan_pegawai_tanpa_kegiatan():
    """The roster decides order and names; an employee with no activity appears with 0."""
    import pandas as pd

    pegawai = pd.DataFrame(
        {
            "nip": [NIP_B, NIP_A],
            "nama": ["Citra", "Budi"],
            "unit": ["", ""],
            "jabatan": ["", ""],
            "target": [float("nan"), 24.0],
        }
    )
    kartu = report(
        [activity("kursus", "10/03/2025", quantity="20", nama="budi s.")], pegawai=pegawai
    ).kartu
    assert kartu["nip"].tolist() == [NIP_B, NIP_A]
    assert kartu["nama"].tolist() == ["Citra", "Budi"]
    assert kartu["total"].tolist() == [0.0, 20.0]
    assert kartu["target"].tolist() == [20.0, 24.0]  # roster target wins over the default
    assert kartu["kurang"].tolist() == [20.0, 4.0]
