"""Cell values as offices type them (SPEC §1) and the NIP check (SPEC §5)."""

import datetime as dt

import pytest

from jpcli.core import cells
from jpcli.core.cells import Reject

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-12", D(2024, 3, 12)),
        ("12/03/2024", D(2024, 3, 12)),  # day first, always
        ("12-03-2024", D(2024, 3, 12)),
        ("1/7/2024", D(2024, 7, 1)),
        ("12 Maret 2024", D(2024, 3, 12)),
        ("12 Mar 2024", D(2024, 3, 12)),
        ("5 Agustus 2025", D(2025, 8, 5)),
        ("5 Agt 2025", D(2025, 8, 5)),
        ("17 Des 2025", D(2025, 12, 17)),
        ("Selasa, 4 Maret 2025", D(2025, 3, 4)),  # coaching logs write the day name
        ("2024-03-12 00:00:00", D(2024, 3, 12)),  # CSV exported by other tools
        (dt.datetime(2024, 3, 12, 10, 30), D(2024, 3, 12)),  # an Excel date cell
        (D(2024, 3, 12), D(2024, 3, 12)),
        (45363.0, D(2024, 3, 12)),  # a date cell that lost its format: Excel serial
    ],
)
def test_tanggal_bentuk_yang_diterima(text, expected):
    assert cells.parse_date(text) == expected


def test_tanggal_hari_dulu_tidak_pernah_bulan_dulu():
    """12/03/2024 is 12 March, never 3 December (pd.to_datetime(dayfirst=True) may silently flip)."""
    assert cells.parse_date("12/03/2024").month == 3
    with pytest.raises(Reject, match="tidak ada di kalender"):
        cells.parse_date("03/13/2024")  # month 13 does not exist: refused, not swapped


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2024", "tidak ada di kalender"),
        ("29/02/2023", "tidak ada di kalender"),
        ("12/03/24", "4 angka"),
        ("12 Marett 2024", "nama bulan"),
        ("besok", "tidak dikenali"),
        (2024.0, "angka, bukan tanggal"),
    ],
)
def test_tanggal_salah_ditolak_dengan_alasan(text, message):
    with pytest.raises(Reject, match=message):
        cells.parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("24", 24.0),
        (24.0, 24.0),
        ("1.000,5", 1000.5),
        ("1,000.5", 1000.5),
        ("2 JP", 2.0),
        ("3 hari", 3.0),
        ("0,5", 0.5),
        (" 13 ", 13.0),
        ("-2", -2.0),
    ],
)
def test_angka_koma_atau_titik(text, expected):
    assert cells.parse_number(text) == expected


@pytest.mark.parametrize("text", ["dua", "1,5,", "1e3", "nan", "--2"])
def test_angka_salah_ditolak(text):
    with pytest.raises(Reject, match="bukan angka"):
        cells.parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("198503122010011002", "198503122010011002"),
        ("19850312 201001 1 002", "198503122010011002"),  # spaces removed
        ("19850312.201001.1.002", "198503122010011002"),  # dots removed
        ("'198503122010011002", "198503122010011002"),  # Excel text prefix
        ("199402282022212003", "199402282022212003"),  # NI PPPK: digits 13-14 are not a month
    ],
)
def test_nip_sah(text, expected):
    assert cells.parse_nip(text) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            1.98503122010011e17,
            "tersimpan sebagai angka",
        ),  # Excel number cell: last digits already gone
        ("1.98503E+17", "angka ilmiah"),
        ("1985031220100110O2", "huruf"),
        ("19850312201001100", "17 angka"),
        ("198513122010011002", "tanggal lahir"),  # month 13
        ("198502302010011002", "tanggal lahir"),  # 30 February
        ("198503121980011002", "sesudah tahun lahir"),  # appointed before birth
        ("198503122010013002", "angka ke-15"),
        ("198503122010011000", "tidak boleh 000"),
    ],
)
def test_nip_salah_ditolak_dengan_alasan(value, message):
    with pytest.raises(Reject, match=message):
        cells.parse_nip(value)


def test_nip_angka_menyuruh_format_teks():
    with pytest.raises(Reject, match="Format kolom NIP sebagai Teks"):
        cells.parse_nip(1.98503122010011e17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nasional", "nasional"),
        ("Internasional", "internasional"),
        ("int", "internasional"),
        ("Internasional/Luar Negeri", "internasional"),
        ("", None),
    ],
)
def test_lingkup(text, expected):
    assert cells.parse_lingkup(text) == expected


def test_lingkup_salah():
    """ "regional" may be ASEAN (internasional) or a province (nasional): not guessed."""
    with pytest.raises(Reject, match="nasional atau internasional"):
        cells.parse_lingkup("regional")


import numpy as np  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.from_regex(
                r"(19[0-9]{2}|20[0-2][0-9])(0[1-9]|1[0-4])([0-3][0-9])(19|20)[0-9]{2}(0[1-9]|1[0-2])[0-3][0-9]{3}",
                fullmatch=True,
            ),
            st.text(alphabet="0123456789 .'", min_size=15, max_size=22),
            st.floats(1e17, 1e18),
            st.none(),
        ),
        min_size=1,
        max_size=50,
    )
)
def test_nip_cepat_sama_dengan_nip(values):
    """The vectorised fast path accepts exactly what nip() accepts, with the same digits."""
    good, result = cells.parse_nips_fast(np.array(values, dtype=object))
    for v, ok, h in zip(values, good, result):
        try:
            harap = cells.parse_nip(v)
        except Reject:
            harap = None
        if ok:
            assert h == harap
        else:
            assert h is None
        if harap is not None and isinstance(v, str) and v.strip().isdigit():
            assert ok  # every plain 18-digit valid NIP takes the fast path


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("2025-03-10T00:00:00Z", dt.date(2025, 3, 10)),  # API timestamp, UTC
        ("2025-03-10T07:00:00+07:00", dt.date(2025, 3, 10)),  # with an offset (WIB)
        ("10-03-2025 00:00:00", dt.date(2025, 3, 10)),  # SIASN dd-mm-yyyy with a time
    ],
)
def test_tanggal_cap_waktu_api(text, dates):
    assert cells.parse_date(text) == dates


@pytest.mark.parametrize("text", ["Provinsi", "Kabupaten/Kota", "Kota", "Daerah", "Instansi"])
def test_tingkat_penyelenggara_di_dalam_negeri_nasional(text):
    """An office's 'Tingkat' names the organiser's level; every level within the country is nasional."""
    assert cells.parse_lingkup(text) == "nasional"
