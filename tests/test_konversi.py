"""One test per row of the conversion table (Perlan LAN 10/2018 Lampiran; SPEC §2), both lingkup.

Every expected value is worked out by hand from the table text in the comment beside it.
Each case is a single row on its own, so no cap from another row interferes.
"""

import pytest
from bantuan import activity, counted, report

from jpcli.problems import InputError

KASUS = [
    # --- A. Jalur pendidikan: "Satu Semester 20 (dua puluh) JP"
    pytest.param(
        activity("pendidikan", "03/02/2025", "31/07/2025", "1"),
        20.0,
        "pendidikan",
        id="A.1 pendidikan nasional: 1 semester x 20 = 20",
    ),
    pytest.param(
        activity("s2", "03/02/2025", "19/12/2025", "2", "internasional"),
        40.0,
        "pendidikan",
        id="A.1 pendidikan internasional: 2 semester x 20 = 40",
    ),
    # --- B.1 Klasikal
    pytest.param(
        activity("pelatihan_struktural", "03/03/2025", "27/06/2025", "270"),
        270.0,
        "pelatihan",
        id="B.1 no.1 struktural nasional: sesuai program, 270 JP",
    ),
    pytest.param(
        activity("pelatihan_nasional", "03/03/2025", "05/03/2025", "30"),
        30.0,
        "pelatihan",
        id="B.1 no.2 pelatihan nasional: sesuai program, 30 JP",
    ),
    pytest.param(
        activity("pelatihan_manajerial", "03/03/2025", "05/03/2025", "24"),
        24.0,
        "pelatihan",
        id="B.1 no.3 manajerial nasional: 24 JP",
    ),
    pytest.param(
        activity("pelatihan_manajerial", "03/03/2025", "05/03/2025", "24", "internasional"),
        28.8,
        "pelatihan",
        id="B.1 no.3 manajerial internasional: 24 + 20% = 28.8",
    ),
    pytest.param(
        activity("pelatihan_teknis", "20/10/2025", "22/10/2025", "13"),
        13.0,
        "pelatihan",
        id="B.1 no.4 teknis nasional: 13 JP",
    ),
    pytest.param(
        activity("pelatihan_teknis", "20/10/2025", "22/10/2025", "13", "internasional"),
        15.6,
        "pelatihan",
        id="B.1 no.4 teknis internasional: 13 x 1.2 = 15.6",
    ),
    pytest.param(
        activity("pelatihan_fungsional", "01/09/2025", "05/09/2025", "40"),
        40.0,
        "pelatihan",
        id="B.1 no.5 fungsional nasional: 40 JP",
    ),
    pytest.param(
        activity("pelatihan_fungsional", "01/09/2025", "05/09/2025", "40", "int"),
        48.0,
        "pelatihan",
        id="B.1 no.5 fungsional internasional: 40 x 1.2 = 48",
    ),
    pytest.param(
        activity("pelatihan_sosial_kultural", "01/09/2025", "", "15"),
        15.0,
        "pelatihan",
        id="B.1 no.6 sosial kultural nasional: 15 JP",
    ),
    pytest.param(
        activity("pelatihan sosio kultural", "01/09/2025", "", "15", "internasional"),
        18.0,
        "pelatihan",
        id="B.1 no.6 sosial kultural internasional: 15 x 1.2 = 18",
    ),
    pytest.param(
        activity("seminar", "18/02/2025", "19/02/2025"),
        8.0,
        "sosialisasi",
        id="B.1 no.7 seminar nasional: 2 hari x 4 = 8",
    ),
    pytest.param(
        activity("konferensi", "26/08/2025", "27/08/2025", "", "internasional"),
        12.0,
        "sosialisasi",
        id="B.1 no.7 konferensi internasional: 2 hari x 6 = 12 (bukan 4 x 1.2)",
    ),
    pytest.param(
        activity("workshop", "06/05/2025", "08/05/2025"),
        15.0,
        "workshop",
        id="B.1 no.8 workshop nasional: 3 hari x 5 = 15",
    ),
    pytest.param(
        activity("lokakarya", "06/05/2025", "08/05/2025", "", "internasional"),
        21.0,
        "workshop",
        id="B.1 no.8 workshop internasional: 3 hari x 7 = 21",
    ),
    pytest.param(
        activity("kursus", "13/01/2025", "28/02/2025", "32"),
        32.0,
        "klasikal_lain",
        id="B.1 no.9 kursus nasional: 32 JP",
    ),
    pytest.param(
        activity("kursus", "13/01/2025", "28/02/2025", "32", "internasional"),
        38.4,
        "klasikal_lain",
        id="B.1 no.9 kursus internasional: 32 x 1.2 = 38.4",
    ),
    pytest.param(
        activity("penataran", "10/03/2025", "", "10"),
        10.0,
        "klasikal_lain",
        id="B.1 no.10 penataran nasional: 10 JP",
    ),
    pytest.param(
        activity("penataran", "10/03/2025", "", "10", "internasional"),
        12.0,
        "klasikal_lain",
        id="B.1 no.10 penataran internasional: 10 x 1.2 = 12",
    ),
    pytest.param(
        activity("bimtek", "10/03/2025", "12/03/2025", "24"),
        24.0,
        "klasikal_lain",
        id="B.1 no.11 bimbingan teknis nasional: 24 JP",
    ),
    pytest.param(
        activity("bimbingan_teknis", "10/03/2025", "12/03/2025", "24", "internasional"),
        28.8,
        "klasikal_lain",
        id="B.1 no.11 bimbingan teknis internasional: 24 x 1.2 = 28.8",
    ),
    # --- B.2 Non klasikal
    pytest.param(
        activity("pertukaran", "01/07/2025", "30/09/2025"),
        20.0,
        "nonklasikal_lain",
        id="B.2 no.1 pertukaran nasional: 1 kegiatan = 20",
    ),
    pytest.param(
        activity("pertukaran pegawai", "01/07/2025", "30/09/2025", "", "internasional"),
        24.0,
        "nonklasikal_lain",
        id="B.2 no.1 pertukaran internasional: 1 kegiatan = 24",
    ),
    pytest.param(
        activity("magang", "14/07/2025", "25/07/2025", "1"),
        20.0,
        "nonklasikal_lain",
        id="B.2 no.2 magang nasional: 1 kegiatan = 20",
    ),
    pytest.param(
        activity("praktik kerja", "14/07/2025", "25/07/2025", "2", "internasional"),
        48.0,
        "nonklasikal_lain",
        id="B.2 no.2 magang internasional: 2 kegiatan x 24 = 48",
    ),
    pytest.param(
        activity("patok_banding", "05/11/2025", "06/11/2025"),
        10.0,
        "nonklasikal_lain",
        id="B.2 no.3 patok banding nasional: 1 kegiatan = 10",
    ),
    pytest.param(
        activity("benchmarking", "05/11/2025", "06/11/2025", "", "internasional"),
        20.0,
        "nonklasikal_lain",
        id="B.2 no.3 patok banding internasional: 1 kegiatan = 20 (bukan 10 x 1.2)",
    ),
    pytest.param(
        activity("pjj", "05/05/2025", "30/05/2025", "40"),
        40.0,
        "nonklasikal_lain",
        id="B.2 no.4 pelatihan jarak jauh nasional: 40 JP",
    ),
    pytest.param(
        activity("pelatihan_jarak_jauh", "05/05/2025", "30/05/2025", "40", "internasional"),
        48.0,
        "nonklasikal_lain",
        id="B.2 no.4 pelatihan jarak jauh internasional: 40 x 1.2 = 48",
    ),
    pytest.param(
        activity("coaching", "04/03/2025", "", "1"),
        2.0,
        "coaching",
        id="B.2 no.5 coaching nasional: 1 kali = 2 JP",
    ),
    pytest.param(
        activity("coaching", "16/09/2025", "", "1", "internasional"),
        4.0,
        "coaching",
        id="B.2 no.5 coaching internasional: 1 kali = 4 JP",
    ),
    pytest.param(
        activity("mentoring", "13/05/2025", "", "2"),
        4.0,
        "mentoring",
        id="B.2 no.6 mentoring nasional: 2 kali x 2 = 4 (batas 2 kali/bulan tidak terlampaui)",
    ),
    pytest.param(
        activity("mentoring", "13/05/2025", "", "1", "internasional"),
        4.0,
        "mentoring",
        id="B.2 no.6 mentoring internasional: 1 kali = 4 JP",
    ),
    pytest.param(
        activity("detasering", "01/02/2025", "31/07/2025"),
        20.0,
        "nonklasikal_lain",
        id="B.2 no.7 detasering nasional: 1 kegiatan = 20",
    ),
    pytest.param(
        activity("secondment", "01/02/2025", "31/07/2025", "", "internasional"),
        24.0,
        "nonklasikal_lain",
        id="B.2 no.7 detasering internasional: 20 + 20% = 24",
    ),
    pytest.param(
        activity("e-learning", "14/08/2025", "", "3"),
        3.0,
        "nonklasikal_lain",
        id="B.2 no.8 e-learning nasional: 3 JP dalam 1 hari (batas 3)",
    ),
    pytest.param(
        activity("elearning", "14/08/2025", "", "4", "internasional"),
        4.0,
        "nonklasikal_lain",
        id="B.2 no.8 e-learning internasional: 4 JP dalam 1 hari (batas 4), tanpa +20%",
    ),
    pytest.param(
        activity("belajar mandiri", "01/10/2025", "", "2"),
        2.0,
        "belajar_mandiri",
        id="B.2 no.9 belajar mandiri nasional: 2 JP dalam 1 hari",
    ),
    pytest.param(
        activity("self development", "01/10/2025", "", "2", "internasional"),
        2.4,
        "belajar_mandiri",
        id="B.2 no.9 belajar mandiri internasional: 2 x 1.2 = 2.4",
    ),
    pytest.param(
        activity("komunitas_belajar", "19/06/2025", "", "2"),
        2.0,
        "nonklasikal_lain",
        id="B.2 no.10 komunitas belajar nasional: 2 JP dalam 1 hari",
    ),
    pytest.param(
        activity("community of practices", "19/06/2025", "", "1", "internasional"),
        1.2,
        "nonklasikal_lain",
        id="B.2 no.10 komunitas belajar internasional: 1 x 1.2 = 1.2",
    ),
    pytest.param(
        activity("outbond", "24/01/2025", "", "8"),
        8.0,
        "nonklasikal_lain",
        id="B.2 no.11 outbond nasional: 8 JP",
    ),
    pytest.param(
        activity("pembelajaran alam terbuka", "24/01/2025", "", "8", "internasional"),
        9.6,
        "nonklasikal_lain",
        id="B.2 no.11 outbond internasional: 8 x 1.2 = 9.6",
    ),
    # --- SIASN jenis with no row in the Perlan table (assumption: JP as stated, no +20%)
    pytest.param(
        activity("pelatihan klasikal lainnya", "03/03/2025", "04/03/2025", "16"),
        16.0,
        "klasikal_lain",
        id="SIASN 13 pelatihan klasikal lainnya nasional: 16 JP",
    ),
    pytest.param(
        activity("pelatihan_klasikal_lain", "03/03/2025", "04/03/2025", "16", "internasional"),
        16.0,
        "klasikal_lain",
        id="SIASN 13 pelatihan klasikal lainnya internasional: 16 JP (tabel tidak mengatur +20%)",
    ),
    pytest.param(
        activity("bimbingan di tempat kerja", "10/03/2025", "", "6"),
        6.0,
        "nonklasikal_lain",
        id="SIASN 24 bimbingan di tempat kerja nasional: 6 JP",
    ),
    pytest.param(
        activity("bimbingan_di_tempat_kerja", "10/03/2025", "", "6", "int"),
        6.0,
        "nonklasikal_lain",
        id="SIASN 24 bimbingan di tempat kerja internasional: 6 JP",
    ),
    pytest.param(
        activity("pelatihan nonklasikal lainnya", "10/03/2025", "11/03/2025", "10"),
        10.0,
        "nonklasikal_lain",
        id="SIASN 25 pelatihan nonklasikal lainnya nasional: 10 JP",
    ),
    pytest.param(
        activity("pelatihan_nonklasikal_lain", "10/03/2025", "11/03/2025", "10", "int"),
        10.0,
        "nonklasikal_lain",
        id="SIASN 25 pelatihan nonklasikal lainnya internasional: 10 JP",
    ),
]


@pytest.mark.parametrize(("row", "expected", "column"), KASUS)
def test_konversi_satu_baris(row, expected, column):
    result = report([row])
    assert counted([row]) == [pytest.approx(expected)]
    kartu = result.kartu.iloc[0]
    assert kartu[column] == pytest.approx(expected), f"JP must land in card column {column}"
    assert kartu["total"] == pytest.approx(expected)


def test_setiap_jenis_aturan_bawaan_punya_kasus():
    """Guard: the cases above cover every jenis of the bundled rule set, both lingkup where defined."""
    from jpcli.rules import load_rules

    rules = load_rules()
    tercakup = set()
    for param in KASUS:
        row = param.values[0]
        code = rules.find(row["jenis"])
        tercakup.add(
            (code, "internasional" if row["lingkup"] in ("internasional", "int") else "nasional")
        )
    diharapkan = {
        (j.code, lk)
        for j in rules.jenis
        for lk in ("nasional", "internasional")
        if j.conversion(lk)
    }
    assert diharapkan == tercakup


@pytest.mark.parametrize("jenis", ["pelatihan_struktural", "PKN", "pelatihan di tingkat nasional"])
def test_internasional_tidak_diatur_ditolak(jenis):
    """B.1 no.1 and no.2 have "-" for internasional: such a row is an error naming the row and rule."""
    row = activity(jenis, "03/03/2025", "05/03/2025", "30", "internasional")
    with pytest.raises(InputError) as err:
        report([row])
    (problems,) = err.value.problems
    assert problems.row_no == 2 and problems.column == "lingkup"
    assert "tidak punya konversi internasional" in problems.message
    assert "Lampiran B.1 no." in problems.message
