"""Issue 5: jp templat, jp validasi, jp aturan and an agency's own rule file."""

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, tulis_csv
from openpyxl import Workbook, load_workbook

from jpcli.cli.app import app
from jpcli.problems import RuleFileError
from jpcli.rules import load_rules

# ---------------------------------------------------------------- templat


def _isi_templat(path: Path) -> None:
    """Fill the template as an officer would: a roster and four activities."""
    wb = load_workbook(path)
    roster_ws = wb["pegawai"]
    roster_ws["A2"], roster_ws["B2"], roster_ws["C2"] = (
        "19850312 201001 1 002",
        "Budi Santoso",
        "Sekretariat",
    )
    roster_ws["A3"], roster_ws["B3"], roster_ws["C3"] = NIP_B, "Citra Lestari", "Sekretariat"
    keg = wb["kegiatan"]
    column = [
        "nip",
        "nama",
        "jenis",
        "lingkup",
        "tanggal_mulai",
        "tanggal_selesai",
        "jumlah",
        "judul",
        "penyelenggara",
    ]
    posisi = {c.value: c.column for c in keg[1]}  # filled by header, as a person reads the sheet
    rows = [
        [
            "19850312 201001 1 002",
            "Budi Santoso",
            "e_learning",
            None,
            dt.date(2025, 8, 14),
            None,
            10,
            "MOOC",
            "LAN",
        ],
        [
            "19850312 201001 1 002",
            "Budi Santoso",
            "coaching",
            None,
            dt.date(2025, 3, 4),
            None,
            3,
            "SKP",
            "Ahmad",
        ],
        [
            "19850312 201001 1 002",
            "Budi Santoso",
            "workshop",
            "internasional",
            dt.date(2025, 5, 6),
            dt.date(2025, 5, 7),
            None,
            "Workshop",
            "SEAMEO",
        ],
        [
            NIP_B,
            "Citra Lestari",
            "bimtek",
            "nasional",
            dt.date(2025, 3, 10),
            dt.date(2025, 3, 12),
            24,
            "SIPD",
            "Kemendagri",
        ],
    ]
    for r, values in enumerate(rows, start=2):
        for name, value in zip(column, values):
            keg.cell(row=r, column=posisi[name], value=value)
    wb.save(path)


def test_templat_diisi_lalu_dihitung(runner, tmp_path):
    """Budi: e-learning 10 JP in a day -> 3 (B.2 no.8), coaching 3 sessions -> 2 x 2 = 4 (B.2 no.5),
    workshop internasional 2 days x 7 = 14 (B.1 no.8): 21. Citra: bimtek 24 (B.1 no.11)."""
    path = tmp_path / "buku.xlsx"
    assert runner.invoke(app, ["templat", str(path)]).exit_code == 0
    _isi_templat(path)
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    totals = {p["nip"]: p["total"] for p in json.loads(result.stdout)["pegawai"]}
    assert totals == {NIP_A: 21.0, NIP_B: 24.0}
    assert runner.invoke(app, ["validasi", str(path)]).exit_code == 0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_templat_disimpan_ulang_libreoffice_tetap_dihitung(runner, tmp_path):
    """A template filled and saved again by LibreOffice computes with no change."""
    path = tmp_path / "buku.xlsx"
    runner.invoke(app, ["templat", str(path)])
    _isi_templat(path)
    keluar = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(keluar), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = runner.invoke(app, ["hitung", str(keluar / "buku.xlsx"), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert {p["nip"]: p["total"] for p in json.loads(result.stdout)["pegawai"]} == {
        NIP_A: 21.0,
        NIP_B: 24.0,
    }


def test_isi_templat(runner, tmp_path):
    path = tmp_path / "templat.xlsx"
    runner.invoke(app, ["templat", str(path), "--aturan", "lan-10-2018-ketat"])
    wb = load_workbook(path)
    assert wb.sheetnames == ["kegiatan", "pegawai", "petunjuk"]
    keg = wb["kegiatan"]
    assert [c.value for c in keg[1]] == [
        "nip",
        "nama",
        "jenis",
        "lingkup",
        "tanggal_mulai",
        "tanggal_selesai",
        "jumlah",
        "jp",
        "judul",
        "penyelenggara",
        "keterangan",
    ]
    assert keg["A2"].number_format == "@" and keg["E2"].number_format == "DD/MM/YYYY"
    assert all(c.comment is not None for c in keg[1])  # an input hint on each header
    assert keg.freeze_panes == "A2"
    validasi = {str(dv.sqref): dv for dv in keg.data_validations.dataValidation}
    assert validasi["D2:D1001"].formula1 == '"nasional,internasional"'
    listing = validasi["C2:C1001"].formula1  # =petunjuk!$A$x:$A$y
    guide = wb["petunjuk"]
    cells_of = listing.split("!")[1].replace("$", "").split(":")
    code = [guide[f"A{r}"].value for r in range(int(cells_of[0][1:]), int(cells_of[1][1:]) + 1)]
    assert code == [j.code for j in load_rules("lan-10-2018-ketat").jenis]
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "lan-10-2018-ketat" in text and "maks. 1 kali/bulan (= 2 JP)" in text


def test_templat_tidak_menimpa(runner, tmp_path):
    path = tmp_path / "ada.xlsx"
    path.write_bytes(b"isi lama")
    result = runner.invoke(app, ["templat", str(path)])
    assert result.exit_code == 2 and "--timpa" in result.stderr
    assert path.read_bytes() == b"isi lama"
    assert runner.invoke(app, ["templat", str(path), "--timpa"]).exit_code == 0
    assert load_workbook(path).sheetnames[0] == "kegiatan"


# ---------------------------------------------------------------- validasi


def _buku_penuh_masalah(tmp_path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "kegiatan"
    ws.append(KOLOM_CSV)
    rows = [
        [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "8", "baik"],  # 2 ok
        [NIP_A, "Budi", "rapat dinas", "", "10/03/2025", "", "8", ""],  # 3 jenis unknown
        [NIP_A, "Budi", "pkp", "internasional", "10/03/2025", "", "30", ""],  # 4 intl undefined
        [NIP_A, "Budi", "kursus", "", "besok pagi", "", "8", ""],  # 5 unparseable date
        [NIP_A, "Budi", "kursus", "", "31/02/2025", "", "8", ""],  # 6 impossible date
        [NIP_A, "Budi", "kursus", "", "10/03/2025", "01/03/2025", "8", ""],  # 7 selesai < mulai
        [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "", ""],  # 8 jumlah missing
        [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "0", ""],  # 9 zero
        [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "-4", ""],  # 10 negative
        [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "delapan", ""],  # 11 non-numeric
        [198503122010011002, "Budi", "kursus", "", "10/03/2025", "", "8", ""],  # 12 NIP as number
        ["19850312201001100", "Budi", "kursus", "", "10/03/2025", "", "8", ""],  # 13 17 digits
        ["198513122010011002", "Budi", "kursus", "", "10/03/2025", "", "8", ""],  # 14 birth date
        ["", "Budi", "kursus", "", "10/03/2025", "", "8", ""],  # 15 NIP missing
        [NIP_A, "Budi", "kursus", "regional", "10/03/2025", "", "8", ""],  # 16 lingkup
        [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "8", "baik"],  # 17 duplicate of 2
        [NIP_B, "Citra", "kursus", "", "10/03/2025", "", "8", ""],  # 18 ok
        [NIP_B, "Citra L.", "kursus", "", "11/03/2025", "", "8", ""],  # 19 second name
        [NIP_B, "Citra", "kursus", "", "11/03/2031", "", "8", ""],  # 20 future
        [NIP_B, "Citra", "coaching", "", "12/03/2025", "", "1,5", ""],  # 21 half a session
    ]
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "buku.xlsx")
    return tmp_path / "buku.xlsx"


def test_validasi_menyebut_setiap_masalah_di_barisnya(runner, tmp_path):
    path = _buku_penuh_masalah(tmp_path)
    result = runner.invoke(app, ["validasi", str(path), "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    errors = [(m["baris"], m["kolom"]) for m in data["masalah"] if m["tingkat"] == "salah"]
    assert errors == [
        (3, "jenis"),
        (4, "lingkup"),
        (5, "tanggal_mulai"),
        (6, "tanggal_mulai"),
        (7, "tanggal_selesai"),
        (8, "jumlah"),
        (9, "jumlah"),
        (10, "jumlah"),
        (11, "jumlah"),
        (12, "nip"),
        (13, "nip"),
        (14, "nip"),
        (15, "nip"),
        (16, "lingkup"),
        (21, "jumlah"),
    ]
    (half,) = [m for m in data["masalah"] if m["baris"] == 21]
    assert (
        half["pesan"]
        == "jumlah kegiatan harus bilangan bulat (tertulis 1,5): berapa kali kegiatan itu."
    )
    warnings = sorted(
        (m["baris"], m["pesan"].split(" ")[0])
        for m in data["masalah"]
        if m["tingkat"] == "peringatan"
    )
    assert [b for b, _ in warnings] == [17, 19, 20]
    assert all(
        set(m) == {"file", "sheet", "baris", "kolom", "nilai", "pesan", "tingkat"}
        for m in data["masalah"]
    )
    assert (data["baris_dibaca"], data["baris_salah"], data["salah"], data["peringatan"]) == (
        20,
        15,
        15,
        3,
    )
    assert (
        data["masalah"][0]["nilai"] == "rapat dinas" and data["masalah"][0]["sheet"] == "kegiatan"
    )


def test_validasi_tabel_berkelompok_dan_ringkasan(runner, tmp_path):
    path = _buku_penuh_masalah(tmp_path)
    out = runner.invoke(app, ["validasi", str(path)]).stdout
    assert "SALAH — kolom jumlah (5)" in out and "SALAH — kolom nip (4)" in out
    assert "PERINGATAN — baris/berkas (1)" in out
    assert "20 baris dibaca, 15 baris salah (15 masalah), 3 peringatan." in out


def test_validasi_bersih(runner, tmp_path):
    path = tulis_csv(
        tmp_path / "b.csv", [KOLOM_CSV, [NIP_A, "Budi", "kursus", "", "10/03/2025", "", "8", ""]]
    )
    result = runner.invoke(app, ["validasi", str(path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{path}: 1 baris dibaca, tidak ada masalah."


def test_validasi_berkas_tak_terbaca(runner, tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04rusak")
    result = runner.invoke(app, ["validasi", str(path), "-f", "json"])
    assert result.exit_code == 2
    (m,) = json.loads(result.stdout)["masalah"]
    assert "tidak dapat dibaca" in m["pesan"]


# ---------------------------------------------------------------- aturan


def test_aturan_json_sama_dengan_yang_dihitung(runner):
    data = json.loads(runner.invoke(app, ["aturan", "--format", "json"]).stdout)
    assert data["nama"] == "lan-10-2018" and len(data["jenis"]) == 26
    coaching = next(j for j in data["jenis"] if j["kode"] == "coaching")
    assert coaching["nasional"] == {"jp": 2.0, "batas": 2.0, "per": "bulan", "sumber": None}
    struktural = next(j for j in data["jenis"] if j["kode"] == "pelatihan_struktural")
    assert struktural["internasional"] is None


def test_aturan_tabel_dan_csv(runner):
    out = runner.invoke(app, ["aturan", "--aturan", "lan-10-2018-ketat"]).stdout
    assert "Aturan lan-10-2018-ketat" in out and "Perlan LAN 10/2018 Lampiran B.2 no. 8" in out
    csv_out = runner.invoke(app, ["aturan", "--aturan", "lan-10-2018-ketat", "-f", "csv"]).stdout
    rows = {r["kode"]: r for r in csv.DictReader(io.StringIO(csv_out))}
    # the cap in the value columns (the national and international limits differ in ketat)
    assert (rows["coaching"]["nasional"], rows["coaching"]["internasional"]) == (
        "2 JP/kali, maks. 1 kali/bulan (= 2 JP)",
        "4 JP/kali, maks. 2 kali/bulan (= 8 JP)",
    )
    assert (
        rows["belajar_mandiri"]["internasional"] == "(maks. 2 JP/hari) × 1,2"
    )  # multiplier after the cap
    assert "internasional: maksimal dihitung 2 kali dalam 1 bulan" in rows["coaching"]["sumber"]


# ---------------------------------------------------------------- an agency's own rule file

AGENSI = """nama = "dinas-x-2025"
judul = "Kebijakan Dinas X: e-learning dihitung sampai 4 JP sehari"
dasar = "lan-10-2018"

[[jenis]]
kode = "e_learning"
nama = "E-learning"
alias = ["elearning", "kelas digital"]
jalur = "nonklasikal"
kolom = "nonklasikal_lain"
satuan = "JP"
sumber = "Perlan LAN 10/2018 Lampiran B.2 no. 8; SK Kepala Dinas X No. 1/2025"
nasional = { jp = 1, batas = 4, per = "hari" }
internasional = { jp = 1, batas = 4, per = "hari" }
"""


def test_aturan_sendiri_mengubah_hasil(runner, tmp_path):
    """e-learning 10 JP in one day: 3 under lan-10-2018, 4 under the agency's file; 'kelas digital' is its new alias."""
    rules = tmp_path / "dinas.toml"
    rules.write_text(AGENSI, encoding="utf-8")
    ledger = tulis_csv(
        tmp_path / "b.csv",
        [KOLOM_CSV, [NIP_A, "Budi", "kelas digital", "", "14/08/2025", "", "10", "Kelas digital"]],
    )
    bawaan = runner.invoke(app, ["hitung", str(ledger), "-f", "json"])
    assert bawaan.exit_code == 2  # 'kelas digital' is not a jenis in the bundled rules
    data = json.loads(
        runner.invoke(app, ["hitung", str(ledger), "-f", "json", "--aturan", str(rules)]).stdout
    )
    assert data["aturan"] == "dinas-x-2025" and data["pegawai"][0]["total"] == 4.0
    assert len(load_rules(str(rules)).jenis) == 26  # the rest inherited from lan-10-2018


RUSAK = {
    "satuan tidak dikenal": ('satuan = "JP"', 'satuan = "menit"', "satuan: 'menit' tidak dikenal"),
    "jp negatif": (
        "nasional = { jp = 1, batas = 4",
        "nasional = { jp = -1, batas = 4",
        "nasional.jp: -1 harus angka lebih dari 0",
    ),
    "kolom kartu tidak dikenal": (
        'kolom = "nonklasikal_lain"',
        'kolom = "lainnya"',
        "kolom: 'lainnya' bukan kolom kartu",
    ),
    "alias ganda": (
        'alias = ["elearning", "kelas digital"]',
        'alias = ["elearning", "bimtek"]',
        "alias 'bimtek' dipakai oleh dua jenis",
    ),
    "batas negatif": (
        'batas = 4, per = "hari" }\ninternasional',
        'batas = -4, per = "hari" }\ninternasional',
        "nasional.batas: -4 harus angka lebih dari 0",
    ),
    "periode tidak dikenal": (
        'nasional = { jp = 1, batas = 4, per = "hari" }',
        'nasional = { jp = 1, batas = 4, per = "minggu" }',
        "nasional.per: 'minggu' tidak dikenal",
    ),
    "batas tanpa per": (
        'nasional = { jp = 1, batas = 4, per = "hari" }',
        "nasional = { jp = 1, batas = 4 }",
        "batas dan per harus diisi berdua",
    ),
    "kunci salah ketik": (
        "internasional = {",
        "internasinal = {",
        "kunci 'internasinal' tidak dikenal",
    ),
    "bukan TOML": ('nama = "dinas-x-2025"', "nama = dinas-x-2025", "bukan TOML yang sah"),
}


@pytest.mark.parametrize("kasus", list(RUSAK))
def test_berkas_aturan_rusak_pesan_sendiri(runner, tmp_path, kasus):
    lama, added, message = RUSAK[kasus]
    assert lama in AGENSI
    path = tmp_path / "rusak.toml"
    path.write_text(AGENSI.replace(lama, added, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules(str(path))
    assert any(message in k for k in err.value.mistake_texts), err.value.mistake_texts
    result = runner.invoke(app, ["aturan", "--aturan", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.stderr and "Traceback" not in result.output
    if kasus != "bukan TOML":
        assert "jenis[1] (e_learning)" in result.stderr or "alias" in result.stderr


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ("dasar = 5\n", ["dasar: harus nama aturan bawaan atau path berkas .toml"]),
        ("jenis = 5\n", ["jenis: harus daftar tabel [[jenis]]"]),
        ('nama = "kosong"\n', []),
    ],
)
def test_berkas_aturan_tanpa_jenis(tmp_path, isi, pesan):
    """A rule file must name its base as text and list [[jenis]] tables; a file with no jenis at
    all (none of its own, no base) is refused with that reason, each mistake in its own words."""
    path = tmp_path / "aturan.toml"
    path.write_text(isi, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules(str(path))
    assert err.value.mistake_texts == [*pesan, "tidak ada [[jenis]] sama sekali"]
