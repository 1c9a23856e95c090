"""Cards ready to sign and archive: PDF output, a card for every employee in one run (a folder
of files or one PDF), the belajar mandiri log, Windows-safe file names."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, hitung_json, tulis_csv
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from jpcli.cli.app import app
from jpcli.files.names import MAX_BYTES, MAX_STEM, employee_file_names
from jpcli.words import format_jp, format_nip

CONTOH = Path(__file__).parent.parent / "contoh_data" / "buku_kegiatan_2025.xlsx"
KOLOM_JP = (
    "pendidikan", "pelatihan", "sosialisasi", "workshop", "klasikal_lain", "coaching",
    "mentoring", "belajar_mandiri", "nonklasikal_lain",
)  # fmt: skip
WINDOWS_REFUSED = set('<>:"/\\|?*')
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))} | {
    f"LPT{i}" for i in range(10)
}


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _card_line(pegawai: dict, no: int) -> str:
    """A row of the Lampiran II table as the PDF's text has it."""
    figures = " ".join(format_jp(pegawai[k]) for k in (*KOLOM_JP, "total"))
    status = "memenuhi" if pegawai["memenuhi"] else f"kurang {format_jp(pegawai['kurang'])} JP"
    return f"{no} {pegawai['nip']} {pegawai['nama']} {figures} {status}"


def _kartu_json(runner, ledger: Path, nip: str) -> dict:
    result = runner.invoke(app, ["kartu", str(ledger), "--nip", nip, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def buku(tmp_path):
    """Budi (NIP_A): 3 coaching sessions in March (the third over the cap), belajar mandiri on
    1-3 July (9 JP, capped to 6) with a resume in keterangan, 1 JP on 2 July (the day is full);
    Citra (NIP_B): a kursus of 20 JP."""
    return tulis_csv(
        tmp_path / "buku.csv",
        [
            [*KOLOM_CSV, "penyelenggara", "keterangan"],
            [
                NIP_A,
                "Budi",
                "coaching",
                "",
                "04/03/2025",
                "",
                "1",
                "Analisis jabatan",
                "Bu Rina",
                "",
            ],
            [NIP_A, "Budi", "coaching", "", "11/03/2025", "", "1", "Peta jabatan", "Bu Rina", ""],
            [NIP_A, "Budi", "coaching", "", "25/03/2025", "", "1", "Evaluasi", "Bu Rina", ""],
            [
                NIP_A,
                "Budi",
                "belajar mandiri",
                "",
                "01/07/2025",
                "03/07/2025",
                "9",
                "Siber",
                "Modul BSSN",
                "Ringkasan: tata kelola sandi instansi.",
            ],
            [NIP_A, "Budi", "belajar mandiri", "", "02/07/2025", "", "1", "SE BSSN", "", ""],
            [NIP_B, "Citra", "kursus", "", "10/03/2025", "", "20", "Kursus", "", ""],
        ],  # fmt: skip
    )


# ---------------------------------------------------------------- one card, one report


def test_kartu_pdf_angka_nama_halaman_dan_tanda_tangan(runner, buku, tmp_path):
    """jp kartu -o kartu.pdf: the card as the xlsx has it (Lampiran II row numbered 1, the
    register, the coaching, mentoring and belajar mandiri logs), the numbers of --format json,
    "Halaman X dari Y" on every page, the signature labels of the xlsx."""
    out = tmp_path / "kartu.pdf"
    result = runner.invoke(app, ["kartu", str(buku), "--nip", NIP_A, "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert len(pages) == 5  # card, register, coaching, mentoring, belajar mandiri
    assert [f"Halaman {i} dari 5" in t for i, t in enumerate(pages, 1)] == [True] * 5
    pegawai = _kartu_json(runner, buku, NIP_A)
    assert _card_line(pegawai, 1) in pages[0]
    assert "1 198503122010011002 Budi 0 0 0 0 0 4 0 6 0 10 kurang 10 JP" in pages[0]
    assert "NIP : 19850312 201001 1 002" in pages[0]
    assert "Atasan Langsung," in pages[0] and "Pegawai," in pages[0]
    assert "KLASIKAL" in pages[0] and "NON KLASIKAL" in pages[0]
    assert "JUMLAH 16 10" in pages[1]  # JP mentah 2+2+2+9+1, diakui 2+2+0+6+0
    assert "DOKUMENTASI KEGIATAN COACHING" in pages[2] and "Pembimbing," in pages[2]
    assert "Paraf Pembimbing" in pages[2] and "Selasa, 4 Maret 2025" in pages[2]
    assert "( Bu Rina )" in pages[2]
    assert "DOKUMENTASI BELAJAR MANDIRI" in pages[4]
    assert "Paraf Atasan" in pages[4] and "Resume" in pages[4] and "Atasan Langsung," in pages[4]
    assert "Selasa, 1 Juli 2025 s.d. Kamis, 3 Juli 2025" in " ".join(pages[4].split())
    assert "Sumber: Modul BSSN" in pages[4] and "Ringkasan: tata kelola sandi instansi." in pages[4]


def test_pdf_huruf_tertanam(runner, buku, tmp_path):
    """Every font of the PDF is embedded (a TrueType subset): the card prints the same on a
    computer without DejaVu Sans."""
    out = tmp_path / "kartu.pdf"
    assert runner.invoke(app, ["kartu", str(buku), "--nip", NIP_A, "-o", str(out)]).exit_code == 0
    fonts = {}
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values())
    assert {re.sub(r"^/[A-Z]{6}\+", "", name) for name in fonts} == {
        "DejaVuSansBook",
        "DejaVuSansBold",
    }


def test_hitung_pdf_sama_dengan_json(runner, tmp_path):
    """jp hitung -o kartu.pdf on the example: every employee's row with the numbers of
    --format json, the JUMLAH row, the summary, the page number."""
    out = tmp_path / "kartu.pdf"
    result = runner.invoke(app, ["hitung", str(CONTOH), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = _text(out)
    data = hitung_json(runner, CONTOH)
    for no, pegawai in enumerate(data["pegawai"], start=1):
        assert _card_line(pegawai, no) in text
    assert "JUMLAH 40 285,6 26 40 56 10 8 12 92,4 570" in text
    met = sum(p["memenuhi"] for p in data["pegawai"])
    assert f"{met} dari 15 pegawai memenuhi 20 JP; {15 - met} belum memenuhi." in text
    assert "Halaman 1 dari 1" in text
    assert str(CONTOH.parent) not in text  # the ledger's file name, not the user's folders


def test_cek_pdf(runner, tmp_path):
    """jp cek -o cek.pdf: the employees below target with their shortfall, and the recap."""
    out = tmp_path / "cek.pdf"
    result = runner.invoke(app, ["cek", str(CONTOH), "--per-tanggal", "2025-12-31", "-o", str(out)])
    assert result.exit_code == 1, result.output  # some are below target
    text = _text(out)
    assert "PEGAWAI BELUM MEMENUHI TARGET JP TAHUN 2025" in text
    assert "REKAP PEMENUHAN TARGET JP PER UNIT TAHUN 2025" in text
    assert "Osman Siregar, S.Ag." in text and "SEMUA UNIT 15 10 5" in text
    # the list, then the recaps per unit, per sub-unit and per unit and status (PNS and PPPK)
    assert len(PdfReader(out).pages) == 4
    assert "REKAP PEMENUHAN TARGET JP PER SUB-UNIT TAHUN 2025" in text
    assert "Bidang GTK Seksi Pendidik 2 0 2 0 28 14" in text  # Dewi 14 + Nur Aini 14
    assert "Bidang GTK PPPK 1 0 1 0 14 14" in text


def test_akhiran_tak_dikenal_menyebut_pdf(runner, buku, tmp_path):
    """An unknown suffix names every form -o can write, .pdf included."""
    result = runner.invoke(app, ["kartu", str(buku), "--nip", NIP_A, "-o", str(tmp_path / "k.doc")])
    assert result.exit_code == 2
    assert (
        "Akhiran berkas keluaran .doc tidak dapat ditulis perintah ini; pakai .pdf, .xlsx, .csv "
        "atau .json." in " ".join(result.output.split())
    )


def test_format_pdf_tanpa_keluaran_ditolak(runner, buku):
    """--format pdf writes a file: without -o it is refused (exit 2), before reading anything."""
    result = runner.invoke(app, ["kartu", str(buku), "--nip", NIP_A, "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format pdf menulis berkas: beri -o BERKAS.pdf" in result.output


# ---------------------------------------------------------------- the belajar mandiri log


def test_log_belajar_mandiri_di_xlsx(runner, buku, tmp_path):
    """The xlsx card has the Panduan's belajar mandiri log (§I.3.d): No, Hari/Tanggal,
    Materi/Sumber belajar, JP diakui, Resume (from keterangan), Paraf Atasan, at least 5 lines,
    signed by the direct supervisor and the employee."""
    out = tmp_path / "kartu.xlsx"
    result = runner.invoke(app, ["kartu", str(buku), "--nip", NIP_A, "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Kartu", "Rincian", "Coaching", "Mentoring", "Belajar Mandiri"]
    ws = wb["Belajar Mandiri"]
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert rows[:2] == [
        (1, "Selasa, 1 Juli 2025 s.d. Kamis, 3 Juli 2025", "Siber\nSumber: Modul BSSN", 6,
         "Ringkasan: tata kelola sandi instansi.", None),
        (2, "Rabu, 2 Juli 2025", "SE BSSN", 0, None, None),
    ]  # fmt: skip
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    text = {c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert {"Resume", "Paraf Atasan", "Atasan Langsung,", "Pegawai,", "( Budi )"} <= text
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"


# ---------------------------------------------------------------- every employee


def test_semua_ke_folder_satu_pdf_per_pegawai(runner, tmp_path):
    """jp kartu --semua -o kartu/ on the example: one PDF per employee of the card (counted
    from --format json), named NIP_Nama.pdf, each with the numbers of kartu --nip --format
    json; the folder is made."""
    folder = tmp_path / "kartu"
    result = runner.invoke(app, ["kartu", str(CONTOH), "--semua", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    employees = hitung_json(runner, CONTOH)["pegawai"]
    assert len(employees) == 15
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(employee_file_names([(p["nip"], p["nama"]) for p in employees], ".pdf"))
    assert "198503122010011002_Budi_Santoso,_S.Kom.pdf" in names
    for pegawai in employees:
        (path,) = folder.glob(f"{pegawai['nip']}_*.pdf")
        text = _text(path)
        assert _card_line(_kartu_json(runner, CONTOH, pegawai["nip"]), 1) in text
        assert f"NIP : {format_nip(pegawai['nip'])}" in text
    assert f"Ditulis: 15 berkas di {folder}" in result.output


def test_semua_satu_pdf_satu_bagian_per_pegawai(runner, tmp_path):
    """jp kartu --semua -o kartu_semua.pdf: one PDF, one section (a bookmark) per employee,
    each starting on a new page with that employee's card, as many pages as the single
    cards together."""
    out = tmp_path / "kartu_semua.pdf"
    result = runner.invoke(app, ["kartu", str(CONTOH), "--semua", "-o", str(out)])
    assert result.exit_code == 0, result.output
    employees = hitung_json(runner, CONTOH)["pegawai"]
    reader = PdfReader(out)
    sections = reader.outline
    assert [s.title for s in sections] == [
        f"{p['nama']} — NIP {format_nip(p['nip'])}" for p in employees
    ]
    starts = [reader.get_destination_page_number(s) for s in sections]
    assert starts == [5 * i for i in range(15)]  # 5 pages each on the example
    assert len(reader.pages) == 75
    for start, pegawai in zip(starts, employees):
        page = reader.pages[start].extract_text()
        assert _card_line(_kartu_json(runner, CONTOH, pegawai["nip"]), 1) in page
        assert f"Halaman {start + 1} dari 75" in page


def test_semua_tidak_menimpa_tanpa_timpa(runner, tmp_path):
    """A folder already holding a file that would be written: refused (exit 2, nothing
    written over) unless --timpa."""
    folder = tmp_path / "kartu"
    assert runner.invoke(app, ["kartu", str(CONTOH), "--semua", "-o", str(folder)]).exit_code == 0
    one = folder / "198503122010011002_Budi_Santoso,_S.Kom.pdf"
    one.write_bytes(b"tanda tangan basah")
    again = runner.invoke(app, ["kartu", str(CONTOH), "--semua", "-o", str(folder)])
    assert again.exit_code == 2
    assert f"Folder {folder} sudah berisi 15 berkas dengan nama yang akan ditulis" in again.output
    assert "tambahkan --timpa" in again.output
    assert one.read_bytes() == b"tanda tangan basah"
    forced = runner.invoke(app, ["kartu", str(CONTOH), "--semua", "-o", str(folder), "--timpa"])
    assert forced.exit_code == 0, forced.output
    assert one.read_bytes().startswith(b"%PDF")
    assert len(list(folder.iterdir())) == 15  # no temporary file left


def test_semua_belum_memenuhi_unit_dan_xlsx(runner, tmp_path):
    """--belum-memenuhi keeps the employees below target, --unit those whose unit contains the
    text (case ignored), --format xlsx writes .xlsx cards."""
    employees = hitung_json(runner, CONTOH)["pegawai"]
    below = {p["nip"] for p in employees if not p["memenuhi"]}
    folder = tmp_path / "kurang"
    args = ["kartu", str(CONTOH), "--semua", "--belum-memenuhi", "-o", str(folder)]
    assert runner.invoke(app, args).exit_code == 0
    assert {p.name.split("_")[0] for p in folder.iterdir()} == below and len(below) == 5
    folder = tmp_path / "gtk"
    args = ["kartu", str(CONTOH), "--semua", "--unit", "bidang GTK", "-o", str(folder)]
    result = runner.invoke(app, [*args, "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "198702052011012003_Dewi_Anggraini,_S.Pd.xlsx",
        "199402282022212003_Nur_Aini,_S.Pd.xlsx",
        "199511032022032001_Fitri_Handayani,_S.Psi.xlsx",
    ]
    wb = load_workbook(folder / "199402282022212003_Nur_Aini,_S.Pd.xlsx")
    assert "Belajar Mandiri" in wb.sheetnames


def test_semua_tanpa_pegawai_terpilih(runner, tmp_path):
    """A filter that keeps nobody writes nothing and says so (exit 0)."""
    folder = tmp_path / "x"
    args = ["kartu", str(CONTOH), "--semua", "--unit", "tidak ada", "-o", str(folder)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert (
        "Tidak ada pegawai yang dipilih (unit memuat 'tidak ada'); tidak ada berkas yang ditulis."
        in result.output
    )
    assert not folder.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--semua"], "--semua menulis berkas: beri -o FOLDER/"),
        (["--semua", "--nip", NIP_A, "-o", "k"], "--semua tidak dipakai bersama --nip atau --nama"),
        (["--belum-memenuhi", "--nip", NIP_A], "--belum-memenuhi hanya berlaku bersama --semua."),
        (
            ["--semua", "-o", "semua.xlsx"],
            "--semua -o semua.xlsx: satu berkas untuk semua pegawai hanya dapat .pdf.",
        ),
    ],
)
def test_semua_pilihan_salah(runner, buku, tmp_path, monkeypatch, args, message):
    """Options of --semua that do not go together: exit 2 and what to do, nothing written."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["kartu", str(buku), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["buku.csv"]


def test_semua_folder_adalah_berkas(runner, buku, tmp_path):
    """-o naming an existing file without a suffix (a folder is meant): refused."""
    (tmp_path / "kartu").write_text("bukan folder")
    result = runner.invoke(app, ["kartu", str(buku), "--semua", "-o", str(tmp_path / "kartu")])
    assert result.exit_code == 2
    assert "adalah berkas, bukan folder" in result.output


def test_semua_berhenti_di_tengah_tanpa_berkas_setengah_jadi(runner, buku, tmp_path, monkeypatch):
    """A failure while the second card is written: the first file is whole, no second file and
    no temporary file is left."""
    from jpcli.render import pdf

    real, calls = pdf.employee_pages, []

    def failing(doc, card, *rest):
        calls.append(card.pegawai["nip"])
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(doc, card, *rest)

    monkeypatch.setattr(pdf, "employee_pages", failing)
    folder = tmp_path / "kartu"
    result = runner.invoke(app, ["kartu", str(buku), "--semua", "-o", str(folder)])
    assert result.exit_code == 2
    assert "disk penuh" in result.output
    assert [p.name for p in folder.iterdir()] == [f"{NIP_A}_Budi.pdf"]
    assert PdfReader(folder / f"{NIP_A}_Budi.pdf").pages


def test_semua_kemajuan_di_stderr(runner, tmp_path):
    """More than 50 employees: a progress line every 50 on stderr, then the count written."""
    rows = [KOLOM_CSV] + [
        [f"198503122010011{i:03d}", f"Pegawai {i}", "kursus", "", "10/03/2025", "", "4", "K"]
        for i in range(1, 61)
    ]
    ledger = tulis_csv(tmp_path / "buku.csv", rows)
    folder = tmp_path / "kartu"
    result = runner.invoke(app, ["kartu", str(ledger), "--semua", "-o", str(folder), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "50 dari 60 pegawai ditulis …" in result.stderr
    assert f"Ditulis: 60 berkas di {folder}" in result.stderr
    assert len(list(folder.glob("*.json"))) == 60
    card = json.loads((folder / "198503122010011007_Pegawai_7.json").read_text(encoding="utf-8"))
    assert card["nama"] == "Pegawai 7" and card["total"] == 4.0


def test_semua_nama_berbahaya_di_windows(runner, tmp_path):
    """Names with characters Windows refuses, a device name, a trailing dot: safe files, one per
    employee."""
    rows = [KOLOM_CSV] + [
        [NIP_A, 'Budi: "S/Kom"?', "kursus", "", "10/03/2025", "", "4", "K"],
        [NIP_B, "CON.", "kursus", "", "10/03/2025", "", "4", "K"],
    ]
    ledger = tulis_csv(tmp_path / "buku.csv", rows)
    folder = tmp_path / "kartu"
    result = runner.invoke(app, ["kartu", str(ledger), "--semua", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{NIP_A}_Budi_S_Kom.pdf",
        f"{NIP_B}_CON.pdf",
    ]


# ---------------------------------------------------------------- names safe on Windows


def _safe_on_windows(name: str) -> bool:
    stem = name.split(".")[0]
    return (
        not (set(name) & WINDOWS_REFUSED)
        and all(ord(c) >= 32 and not 0x7F <= ord(c) <= 0x9F for c in name)
        and not name.endswith((".", " "))
        and stem.upper() not in WINDOWS_DEVICES
        and len(name) <= MAX_STEM + 5
        and len(name.encode("utf-8")) <= MAX_BYTES + 5
        and name == unicodedata.normalize("NFC", name)
        and not name.startswith((".", " "))
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=30), st.text(max_size=150)),
        max_size=25,
        unique_by=lambda e: e,
    )
)
def test_nama_berkas_aman_dan_berbeda(employees):
    """Property: for any employees (any NIP and name text), every file name is safe on Windows
    (no refused or control character, no trailing dot or space, no device name, length
    bounded, NFC) and no two are the same file, even ignoring case and Unicode forms."""
    names = employee_file_names(employees, ".pdf")
    assert len(names) == len(employees)
    assert all(n.endswith(".pdf") and _safe_on_windows(n) for n in names), names
    keys = {unicodedata.normalize("NFKC", n).casefold() for n in names}
    assert len(keys) == len(names)


def test_nama_berkas_contoh():
    """NIP_Nama with refused characters replaced, white space as "_", device names prefixed,
    same names told apart."""
    assert employee_file_names(
        [("1", "CON"), ("", "nul"), ("", "NUL"), ("2", "a/b\\c:d"), ("3", "x" * 300)], ".pdf"
    ) == ["1_CON.pdf", "_nul.pdf", "NUL_2.pdf", "2_a_b_c_d.pdf", "3_" + "x" * 98 + ".pdf"]


def test_huruf_ikut_dalam_paket():
    """The fonts and their licence are package data of jpcli.render (pyproject), so the wheel
    and the sdist carry them."""
    import tomllib

    root = Path(__file__).parent.parent
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["jpcli.render"]
    fonts = root / "jpcli" / "render"
    found = {p.name for g in globs for p in fonts.glob(g)}
    assert found == {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE_DEJAVU"}
    assert "fpdf2" in " ".join(data["project"]["dependencies"])


def test_halaman_dirender_terbaca(runner, tmp_path):
    """A page of the PDF rendered to an image (pypdfium2): A4 landscape, not blank; the card's
    header band (its fill colour) is drawn."""
    pdfium = pytest.importorskip("pypdfium2")
    out = tmp_path / "kartu.pdf"
    assert runner.invoke(app, ["hitung", str(CONTOH), "-o", str(out)]).exit_code == 0
    page = pdfium.PdfDocument(str(out))[0]
    width, height = page.get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points
    image = page.render(scale=1).to_pil().convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert any(c == (217, 225, 242) for _, c in colours)  # the header fill, D9E1F2
    dark = sum(n for n, c in colours if sum(c) < 200)
    assert dark > 5_000  # text and borders


def test_perintah_readme_cetak_berjalan(runner, tmp_path, monkeypatch):
    """The commands of README's "Siap cetak" section run as written on the example (exit 0) and
    write what the section says."""
    import shlex
    import shutil

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- uji:cetak -->\n```sh\n", 1)[1].split("```", 1)[0]
    (tmp_path / "contoh_data").mkdir()
    shutil.copy(CONTOH, tmp_path / "contoh_data" / CONTOH.name)
    monkeypatch.chdir(tmp_path)
    commands = [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]
    assert len(commands) == 5 and all(c[0] == "jp" for c in commands)
    for command in commands:
        result = runner.invoke(app, command[1:])
        assert result.exit_code == 0, (command, result.output)
    assert len(list(Path("kartu").glob("*.pdf"))) == 15
    assert len(PdfReader("kartu_semua.pdf").outline) == 15
    assert len(list(Path("kurang").glob("*.xlsx"))) == 5
    assert len(PdfReader("sekretariat.pdf").outline) == 6
    assert "JUMLAH 40 285,6 26 40 56 10 8 12 92,4 570" in _text(Path("kartu_2025.pdf"))


def test_riwayat_pdf_sama_dengan_json_riwayat(runner, tmp_path):
    """jp riwayat -o riwayat.pdf: a row per year with the numbers of jp riwayat --format json
    (Budi: 2024 e-learning 15 JP over 5 days, max 3 a day -> 15, Perlan B.2 no. 8; 2025 24,6 JP),
    the signature blocks, one page."""
    nip = "198503122010011002"
    data = json.loads(
        runner.invoke(app, ["riwayat", str(CONTOH), "--nip", nip, "--format", "json"]).stdout
    )
    out = tmp_path / "riwayat.pdf"
    result = runner.invoke(app, ["riwayat", str(CONTOH), "--nip", nip, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = _text(out)
    assert len(PdfReader(out).pages) == 1
    assert [y["tahun"] for y in data["riwayat"]] == [2024, 2025]
    assert [y["total"] for y in data["riwayat"]] == [15.0, 24.6]
    for year in data["riwayat"]:
        figures = " ".join(format_jp(year[k]) for k in (*KOLOM_JP, "total", "target"))
        status = "memenuhi" if year["memenuhi"] else f"kurang {format_jp(year['kurang'])} JP"
        assert f"{year['tahun']} {figures} {status}" in text
    assert "Atasan Langsung," in text and "Pegawai," in text
    assert f"NIP. {format_nip(nip)}" in text


def test_rentang_tahun_satu_pdf_satu_bagian_per_tahun(runner, tmp_path):
    """jp hitung --tahun 2024-2025 -o kartu.pdf: a bookmarked section per year, each with the
    rows of jp hitung --tahun Y (e.g. Budi 15 JP in 2024: e-learning 3 JP/day x 5 days), then the
    trend per employee."""
    out = tmp_path / "kartu.pdf"
    result = runner.invoke(app, ["hitung", str(CONTOH), "--tahun", "2024-2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert [o.title for o in reader.outline] == ["TAHUN 2024", "TAHUN 2025", "Tren per pegawai"]
    trend = reader.pages[-1].extract_text()
    # Budi: 15 JP in 2024 (below 20), 24,6 in 2025: met in one of two years
    assert "198503122010011002 Budi Santoso, S.Kom. Sekretariat 15 24,6 1 dari 2" in trend
    for year in (2024, 2025):
        section = next(
            reader.get_destination_page_number(o) for o in reader.outline if str(year) in o.title
        )
        text = reader.pages[section].extract_text()
        assert f"TAHUN {year}" in text
        for no, pegawai in enumerate(hitung_json(runner, CONTOH, "--tahun", year)["pegawai"], 1):
            assert _card_line(pegawai, no) in text
