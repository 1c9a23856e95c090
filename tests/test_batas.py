"""Cap semantics (SPEC §2 "Cap semantics"), every expected figure worked out by hand."""

import pytest
from bantuan import NIP_B, activity, counted, report, total

# ---------------------------------------------------------------- coaching / mentoring per month


@pytest.mark.parametrize("jenis", ["coaching", "mentoring"])
def test_bawaan_dua_sesi_sebulan(jenis):
    """lan-10-2018 (Panduan Lampiran I, §G.3/§H.3): max 2 sessions/month; 3 sessions in March -> 2 x 2 = 4 JP."""
    rows = [
        activity(jenis, "04/03/2025", quantity="1"),
        activity(jenis, "11/03/2025", quantity="1"),
        activity(jenis, "25/03/2025", quantity="1"),
    ]
    assert counted(rows) == [2.0, 2.0, 0.0]


@pytest.mark.parametrize("jenis", ["coaching", "mentoring"])
def test_ketat_dua_jp_sebulan(jenis):
    """lan-10-2018-ketat (Perlan B.2 no.5/6 text): max 2 JP/month nasional; 3 sessions in March -> 2 JP."""
    rows = [
        activity(jenis, "04/03/2025", quantity="1"),
        activity(jenis, "11/03/2025", quantity="1"),
        activity(jenis, "25/03/2025", quantity="1"),
    ]
    assert counted(rows, rules="lan-10-2018-ketat") == [2.0, 0.0, 0.0]


@pytest.mark.parametrize("rules", ["lan-10-2018", "lan-10-2018-ketat"])
def test_coaching_internasional_dua_kali_sebulan_di_kedua_aturan(rules):
    """B.2 no.5 internasional: 4 JP per session, max 2 sessions/month in both rule sets: 3 -> 8 JP."""
    rows = [
        activity("coaching", f"{d}/09/2025", quantity="1", lingkup="internasional")
        for d in ("02", "09", "16")
    ]
    assert counted(rows, rules=rules) == [4.0, 4.0, 0.0]


def test_batas_per_bulan_kalender():
    """The cap resets each calendar month: 2 in March + 2 in April all count -> 4 x 2 = 8 JP."""
    rows = [
        activity("coaching", "30/03/2025", quantity="2"),
        activity("coaching", "01/04/2025", quantity="2"),
    ]
    assert counted(rows) == [4.0, 4.0]


def test_satu_baris_banyak_sesi_dihitung_sebagian():
    """A kegiatan row with jumlah 3 is 3 sessions on its start date: 2 count (4 JP), 1 does not."""
    assert counted([activity("mentoring", "13/05/2025", quantity="3")]) == [4.0]


def test_sesi_lebih_awal_dihitung_dulu_bukan_urutan_buku():
    """Earlier rows count first by date: the 20 March row (written last) beats the 25 March row."""
    rows = [
        activity("coaching", "25/03/2025", quantity="1"),
        activity("coaching", "04/03/2025", quantity="1"),
        activity("coaching", "20/03/2025", quantity="1"),
    ]
    assert counted(rows) == [0.0, 2.0, 2.0]


def test_tanggal_sama_urutan_buku_menentukan():
    """Same date: ledger order decides which session counts."""
    rows = [
        activity("coaching", "04/03/2025", quantity="2", judul="pertama"),
        activity("coaching", "04/03/2025", quantity="1", judul="kedua"),
    ]
    assert counted(rows) == [4.0, 0.0]


def test_batas_per_pegawai_dan_per_jenis():
    """The cap is per employee and per jenis: coaching and mentoring each 2 sessions, A and B each."""
    rows = [
        activity("coaching", "04/03/2025", quantity="2"),
        activity("mentoring", "05/03/2025", quantity="2"),
        activity("coaching", "04/03/2025", quantity="2", nip=NIP_B),
    ]
    assert counted(rows) == [4.0, 4.0, 4.0]


# ---------------------------------------------------------------- one cap per person: national and international share it


def test_coaching_nasional_dan_internasional_berbagi_batas_bulanan():
    """Caps are per person, not per lingkup (SPEC §2): 3 national sessions on 4 March take the 2 sessions of
    March (2 x 2 = 4 JP); 3 international sessions on 5 March find 2 - 2 = 0 left: 4 JP, not 4 + 8 = 12."""
    rows = [
        activity("coaching", "04/03/2025", quantity="3"),
        activity("coaching", "05/03/2025", quantity="3", lingkup="int"),
    ]
    assert counted(rows) == [4.0, 0.0]
    assert total(rows) == 4.0


def test_dua_sesi_nasional_dua_internasional_sebulan_dihitung_dua_sesi():
    """B.2 no.5, 2 sessions/month for both lingkup: 2 national (4 Mar) + 2 international (18 Mar) coaching
    sessions count 2 sessions, the earlier ones: 2 x 2 = 4 JP."""
    rows = [
        activity("coaching", "04/03/2025", quantity="2"),
        activity("coaching", "18/03/2025", quantity="2", lingkup="int"),
    ]
    assert counted(rows) == [4.0, 0.0]


def test_belajar_mandiri_nasional_dan_internasional_satu_hari_dua_jp():
    """B.2 no.9: max 2 JP a day, whatever the scope: 2 JP national + 2 JP international on 7 July count 2 JP
    (the national row, first in the ledger), not 2 + 2 x 1.2 = 4.4."""
    rows = [
        activity("belajar_mandiri", "07/07/2025", quantity="2"),
        activity("belajar_mandiri", "07/07/2025", quantity="2", lingkup="internasional"),
    ]
    assert counted(rows) == [2.0, 0.0]
    assert total(rows) == 2.0


def test_baris_internasional_lebih_dulu_memakai_batas_dengan_nilainya_sendiri():
    """Same day, international row first in the ledger: it takes the 2 JP of the day at its own value,
    2 x 1.2 = 2.4; the national row finds nothing left."""
    rows = [
        activity("belajar_mandiri", "07/07/2025", quantity="2", lingkup="internasional"),
        activity("belajar_mandiri", "07/07/2025", quantity="2"),
    ]
    assert counted(rows) == [2.4, 0.0]


def test_e_learning_batas_berbeda_per_lingkup_memakai_sisa_hari_itu():
    """B.2 no.8: national 3 JP/day, international 4 JP/day, one day per person. 5 JP national first takes 3;
    2 JP international may go up to its own limit 4 minus the 3 used: 1. The day counts 4 = the larger limit."""
    rows = [
        activity("e_learning", "14/08/2025", quantity="5"),
        activity("e_learning", "14/08/2025", quantity="2", lingkup="internasional"),
    ]
    assert counted(rows) == [3.0, 1.0]


def test_e_learning_internasional_dulu_nasional_tidak_mendapat_sisa():
    """International 5 JP first takes its 4 of the day; national 2 JP may go up to 3 minus 4 used: nothing."""
    rows = [
        activity("e_learning", "14/08/2025", quantity="5", lingkup="internasional"),
        activity("e_learning", "14/08/2025", quantity="2"),
    ]
    assert counted(rows) == [4.0, 0.0]


def test_ketat_coaching_nasional_satu_sesi_internasional_dua_sesi_sebulan():
    """lan-10-2018-ketat: national 1 session (2 JP)/month, international 2 sessions/month, shared. 2 national
    sessions on 4 March: 1 counts (2 JP); 1 international on 10 March: 2 - 1 = 1 left, 4 JP. March: 6 JP."""
    rows = [
        activity("coaching", "04/03/2025", quantity="2"),
        activity("coaching", "10/03/2025", quantity="1", lingkup="int"),
    ]
    assert counted(rows, rules="lan-10-2018-ketat") == [2.0, 4.0]


def test_ketat_internasional_dulu_menghabiskan_batas_nasional():
    """lan-10-2018-ketat: 2 international sessions on 3 March (2 x 4 = 8 JP) use 2 sessions; a national
    session on 10 March may count up to 1 - 2 < 0: nothing."""
    rows = [
        activity("coaching", "03/03/2025", quantity="2", lingkup="int"),
        activity("coaching", "10/03/2025", quantity="1"),
    ]
    assert counted(rows, rules="lan-10-2018-ketat") == [8.0, 0.0]


# ---------------------------------------------------------------- per-day caps


def test_contoh_spec_belajar_mandiri_9_jp_tiga_hari_ditambah_satu():
    """SPEC §2 example: 9 JP over 1-3 July (3/day, clipped to 2) + 1 JP on 2 July -> 2 + 2 + 2 = 6."""
    rows = [
        activity("belajar_mandiri", "01/07/2025", "03/07/2025", "9"),
        activity("belajar_mandiri", "02/07/2025", quantity="1"),
    ]
    assert counted(rows) == [6.0, 0.0]
    assert total(rows) == 6.0


def test_belajar_mandiri_baris_satu_hari_lebih_dulu_memakai_batas():
    """1 JP on 1 July (earlier start) + 4 JP over 1-2 July: day 1 = 1 + 1 of 2, day 2 = 2 -> rows 1 and 3."""
    rows = [
        activity("belajar_mandiri", "01/07/2025", quantity="1"),
        activity("belajar_mandiri", "01/07/2025", "02/07/2025", "4"),
    ]
    assert counted(rows) == [1.0, 3.0]


@pytest.mark.parametrize(("lingkup", "expected"), [("", 3.0), ("internasional", 4.0)])
def test_e_learning_batas_harian(lingkup, expected):
    """B.2 no.8: e-learning max 3 JP/day nasional, 4 JP/day internasional: 10 JP in one day -> 3 or 4."""
    assert counted([activity("e_learning", "14/08/2025", quantity="10", lingkup=lingkup)]) == [
        expected
    ]


def test_e_learning_banyak_hari_tumpang_tindih_satu_hari():
    """6 JP over 4-5 Aug (3/day) + 2 JP on 5 Aug: 4 Aug 3, 5 Aug min(3 + 2, 3) = 3 -> first 6, second 0."""
    rows = [
        activity("e_learning", "04/08/2025", "05/08/2025", "6"),
        activity("e_learning", "05/08/2025", quantity="2"),
    ]
    assert counted(rows) == [6.0, 0.0]


def test_e_learning_tersebar_di_bawah_batas_dihitung_penuh():
    """10 JP over 5 days is 2 JP/day, under the 3 JP/day cap: all 10 count."""
    assert counted([activity("e_learning", "04/08/2025", "08/08/2025", "10")]) == [10.0]


def test_komunitas_belajar_internasional_batas_dulu_baru_dikali():
    """B.2 no.10 internasional: (5 JP capped at 2/day) x 1.2 = 2.4, not min(6, 2) = 2 (SPEC: multiplier after cap)."""
    assert counted(
        [activity("komunitas_belajar", "19/06/2025", quantity="5", lingkup="internasional")]
    ) == [2.4]


def test_belajar_mandiri_internasional_tiga_hari():
    """B.2 no.9 internasional: 9 JP over 3 days -> 3/day capped to 2 -> 6 x 1.2 = 7.2."""
    assert counted(
        [activity("belajar_mandiri", "01/07/2025", "03/07/2025", "9", lingkup="int")]
    ) == [7.2]


def test_jp_mentah_sebelum_batas():
    """jp_mentah is the table value before caps (10 JP e-learning), jp_diakui after (3)."""
    result = report([activity("e_learning", "14/08/2025", quantity="10")]).result.iloc[0]
    assert (result["jp_mentah"], result["jp_diakui"]) == (10.0, 3.0)


# ---------------------------------------------------------------- years, duplicates


def test_workshop_melewati_tahun_baru_masuk_tahun_selesai():
    """SPEC §2: an activity belongs to the year of tanggal_selesai: 30 Dec 2024-2 Jan 2025 = 4 days x 5 = 20 in 2025."""
    rows = [activity("workshop", "30/12/2024", "02/01/2025")]
    assert total(rows, year=2025) == 20.0
    assert total(rows, year=2024) == 0.0


def test_tahun_bawaan_tahun_terakhir_dan_tahun_lain_tidak_dihitung():
    """Default year = latest year with data (2025); the 2024 seminar is not counted in it."""
    rows = [activity("seminar", "20/11/2024"), activity("magang", "14/07/2025", "25/07/2025")]
    result = report(rows)
    assert result.year == 2025
    assert result.kartu.iloc[0]["total"] == 20.0
    assert report(rows, year=2024).kartu.iloc[0]["total"] == 4.0


def test_batas_harian_berlaku_melintasi_tahun():
    """A day is one day across a year boundary: 31 Dec 2024 belajar mandiri 2 JP (year 2024) uses the cap
    of 31 Dec for a 4 JP row over 31 Dec-1 Jan (2/day, year 2025): it keeps only 1 Jan's 2 JP."""
    rows = [
        activity("belajar_mandiri", "31/12/2024", quantity="2"),
        activity("belajar_mandiri", "31/12/2024", "01/01/2025", "4"),
    ]
    assert counted(rows) == [2.0, 2.0]


def test_baris_duplikat_dihitung_sekali():
    """An exact duplicate row counts once (SPEC §5) and is reported as a warning naming both rows."""
    rows = [activity("bimtek", "10/03/2025", "12/03/2025", "24", judul="SIPD")] * 2
    result = report(rows)
    assert [round(x, 6) for x in result.result["jp_diakui"]] == [24.0, 0.0]
    (dup,) = [m for m in result.warnings if "sama persis" in m.message]
    assert dup.row_no == 3 and "baris 2" in dup.message


def test_duplikat_tidak_memakai_batas():
    """A duplicated coaching row does not use up the monthly cap: 1 + (dup) + 1 sessions -> 4 JP."""
    rows = [
        activity("coaching", "04/03/2025", quantity="1", judul="A"),
        activity("coaching", "04/03/2025", quantity="1", judul="A"),
        activity("coaching", "11/03/2025", quantity="1", judul="B"),
    ]
    assert counted(rows) == [2.0, 0.0, 2.0]


def test_kartu_memenuhi_dengan_toleransi():
    """SPEC §2: compare with tolerance 0.005; 19.996 JP (rounds to 20.00) meets 20, 19.99 does not."""
    met = report([activity("kursus", "13/01/2025", quantity="19,996")]).kartu.iloc[0]
    assert bool(met["memenuhi"]) and met["kurang"] == 0.0
    short = report([activity("kursus", "13/01/2025", quantity="19,99")]).kartu.iloc[0]
    assert not short["memenuhi"] and short["kurang"] == pytest.approx(0.01)
