"""Reading files as offices save them: CSV separators and encodings, header rows, Excel cells.

The library view (the ledger and its problems); the same hostile files through the command line
(exit codes, nothing written, input untouched) are in test_masukan_rusak.py."""

import datetime as dt

import pytest
from bantuan import KOLOM_CSV, NIP_A, tulis_csv, tulis_xlsx
from openpyxl import Workbook

from jpcli.core.pipeline import load_ledger
from jpcli.problems import InputError
from jpcli.rules import load_rules

ATURAN = load_rules()
BARIS = [NIP_A, "Agustinus Sitepu", "kursus", "", "04/03/2025", "", "1,5", "Kursus"]


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_pemisah(tmp_path, sep):
    rows = [KOLOM_CSV, BARIS] if sep != "," else [KOLOM_CSV, [*BARIS[:6], "1.5", BARIS[7]]]
    ledger = load_ledger(tulis_csv(tmp_path / "b.csv", rows, sep=sep), ATURAN)
    assert ledger.errors == []
    assert ledger.kegiatan["jumlah"].tolist() == [1.5]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_encoding(tmp_path, encoding):
    """UTF-8 with or without BOM, else cp1252 (Excel on Windows): the name survives either way."""
    row = [*BARIS[:1], "Agustinus Sitepu\u00b4", *BARIS[2:]]
    ledger = load_ledger(tulis_csv(tmp_path / "b.csv", [KOLOM_CSV, row], encoding=encoding), ATURAN)
    assert ledger.kegiatan["nama"].tolist() == ["Agustinus Sitepu\u00b4"]


def test_judul_kolom_alias_dan_huruf_besar(tmp_path):
    header = [
        "NIP Baru",
        "Nama Pegawai",
        "Bentuk Kegiatan",
        "Tingkat",
        "Tgl Mulai",
        "Tgl Selesai",
        "Jumlah JP",
        "Materi",
    ]
    ledger = load_ledger(tulis_csv(tmp_path / "b.csv", [header, BARIS]), ATURAN)
    assert ledger.errors == [] and ledger.kegiatan["jenis"].tolist() == ["kursus"]


def test_judul_tidak_di_baris_pertama_nomor_baris_tetap_seperti_excel(tmp_path):
    """Title rows above the header are common; errors still name the row Excel shows."""
    rows = [["DAFTAR KEGIATAN 2025"], [], KOLOM_CSV, BARIS, [*BARIS[:4], "32/03/2025", *BARIS[5:]]]
    ledger = load_ledger(tulis_csv(tmp_path / "b.csv", rows), ATURAN)
    (m,) = ledger.errors
    assert m.row_no == 5 and m.column == "tanggal_mulai"


def test_kolom_wajib_hilang_menyebut_yang_ditemukan(tmp_path):
    path = tulis_csv(
        tmp_path / "b.csv", [["nip", "nama", "tanggal"], [NIP_A, "Budi", "04/03/2025"]]
    )
    with pytest.raises(InputError) as err:
        load_ledger(path, ATURAN)
    message = err.value.problems[0].message
    assert "kolom wajib tidak ditemukan: jenis" in message and "nip, nama, tanggal" in message


def test_xlsx_sel_tanggal_dan_angka(tmp_path):
    path = tulis_xlsx(
        tmp_path / "b.xlsx",
        [
            KOLOM_CSV,
            [
                NIP_A,
                "Budi",
                "seminar",
                None,
                dt.date(2025, 2, 18),
                dt.datetime(2025, 2, 19),
                None,
                "Seminar",
            ],
        ],
    )
    ledger = load_ledger(path, ATURAN)
    assert ledger.errors == [] and ledger.kegiatan["jumlah"].tolist() == [2.0]


def test_xlsx_nip_sebagai_angka_ditolak_dengan_saran_teks(tmp_path):
    """SPEC §5: an 18-digit NIP in a Number cell has lost its last digits: say to format it as Text."""
    path = tulis_xlsx(
        tmp_path / "b.xlsx",
        [KOLOM_CSV, [198503122010011002, "Budi", "kursus", None, "04/03/2025", None, 8, ""]],
    )
    (m,) = load_ledger(path, ATURAN).errors
    assert (m.sheet, m.row_no, m.column) == ("kegiatan", 2, "nip")
    assert "Format kolom NIP sebagai Teks" in m.message and m.value.startswith(
        "1.98503122010011E+17"
    )


def test_xlsx_sheet_kegiatan_dipilih_bukan_sheet_pertama(tmp_path):
    wb = Workbook()
    wb.active.title = "petunjuk"
    wb.active.append(["Isi sheet kegiatan"])
    ws = wb.create_sheet("Kegiatan")
    ws.append(KOLOM_CSV)
    ws.append([NIP_A, "Budi", "kursus", None, "04/03/2025", None, 8, ""])
    wb.save(tmp_path / "b.xlsx")
    ledger = load_ledger(tmp_path / "b.xlsx", ATURAN)
    assert ledger.sheet == "Kegiatan" and len(ledger.kegiatan) == 1


def test_xlsx_yang_sebenarnya_csv_dibaca_dengan_peringatan(tmp_path):
    path = tmp_path / "buku.xlsx"
    path.write_text(
        f"nip;jenis;tanggal_mulai;jumlah\n{NIP_A};kursus;04/03/2025;8\n", encoding="utf-8"
    )
    ledger = load_ledger(path, ATURAN)
    assert ledger.kegiatan["jumlah"].tolist() == [8.0]
    (p,) = ledger.warnings
    assert "sebenarnya teks CSV" in p.message


def test_csv_utf16_teks_unicode_excel(tmp_path):
    """Excel's "Unicode Text" export: UTF-16 with BOM, tab-separated."""
    path = tmp_path / "b.csv"
    text = "\t".join(KOLOM_CSV) + "\n" + "\t".join(BARIS) + "\n"
    path.write_bytes(text.encode("utf-16"))
    ledger = load_ledger(path, ATURAN)
    assert ledger.errors == [] and ledger.kegiatan["jumlah"].tolist() == [1.5]


def test_csv_cp1252_jauh_di_bawah(tmp_path):
    """A Windows-1252 byte past the first 64 KB still switches the whole file to cp1252."""
    rows = [KOLOM_CSV] + [
        [NIP_A, "Budi", "kursus", "", f"{d:02d}/03/2025", "", "1", f"Kursus {i}"]
        for i, d in enumerate(list(range(1, 29)) * 100)
    ]
    rows.append([NIP_A, "Agustinus Sitepu\u00b4", "kursus", "", "29/03/2025", "", "1", "x"])
    path = tulis_csv(tmp_path / "b.csv", rows, encoding="cp1252")
    assert path.stat().st_size > 64 * 1024
    ledger = load_ledger(path, ATURAN)
    assert ledger.errors == []
    assert "Agustinus Sitepu\u00b4" in set(ledger.kegiatan["nama"].astype(str))
