"""Headers, vocabulary and codes of real exports: every documented alias, jenis name and SIASN code is
checked by the value it produces; --kolom, the jenis columns' priority, scope in a jenis name, the
certificate date, verification status, JSON answers, and suggestions that do not mislead."""

import json

import pytest
from bantuan import NIP_A, NIP_B, activity, counted, ledger, report, tulis_csv

from jpcli.cli.app import app
from jpcli.core.normalize import suggest_jenis
from jpcli.files.columns import KEGIATAN
from jpcli.files.read import read_table
from jpcli.rules import bundled_names, load_rules

ATURAN = load_rules()


def _camel(alias: str) -> str:
    words = alias.split("_")
    return words[0] + "".join(k.title() for k in words[1:])


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("column", "alias"), [(k, a) for k, aliases in KEGIATAN.columns.items() for a in aliases]
)
@pytest.mark.parametrize("style_", ["apa_adanya", "camelCase", "HURUF_BESAR", "Judul Kata"])
def test_setiap_nama_lain_judul_kolom_dikenali(tmp_path, column, alias, style_):
    """Each documented header alias, written as SIASN (camelCase), SIMPEG (UPPER_CASE) or an office (Title
    Words) would, is read as its column of jp."""
    title = {
        "apa_adanya": alias,
        "camelCase": _camel(alias),
        "HURUF_BESAR": alias.upper(),
        "Judul Kata": alias.replace("_", " ").title(),
    }[style_]
    other = [c for c in ("nip", "jenis", "tanggal_mulai") if c != column]
    path = tulis_csv(
        tmp_path / "b.csv",
        [[*other, title], [NIP_A, "kursus", "04/03/2025", "x"][: len(other)] + ["x"]],
    )
    assert read_table(path, KEGIATAN).headers[column] == title


# ---------------------------------------------------------------- vocabulary and SIASN codes


@pytest.mark.parametrize(
    ("name", "code"),
    sorted(
        {
            (name, j.code)
            for nama_aturan in bundled_names()
            for j in load_rules(nama_aturan).jenis
            for name in (j.code, j.name, *j.aliases)
        }
    ),
)
def test_setiap_nama_jenis_menunjuk_jenisnya(name, code):
    assert ATURAN.find(name) == code


# SIASN referensi jenis-diklat, the names exactly as BKN writes them, and what jp counts for 24 JP over 3 days
# (or the unit's own figure): jenis, card column, JP.
SIASN = [
    (1, "Diklat Struktural", "pelatihan_struktural", "pelatihan", 24.0),
    (2, "Diklat Fungsional", "pelatihan_fungsional", "pelatihan", 24.0),
    (3, "Diklat Teknis", "pelatihan_teknis", "pelatihan", 24.0),
    (4, "Workshop", "workshop", "workshop", 15.0),  # 3 days x 5
    (5, "Pelatihan Manajerial", "pelatihan_manajerial", "pelatihan", 24.0),
    (6, "Pelatihan Sosial Kultural", "pelatihan_sosial_kultural", "pelatihan", 24.0),
    (7, "Sosialisasi", "seminar", "sosialisasi", 12.0),  # 3 days x 4
    (8, "Bimbingan Teknis", "bimbingan_teknis", "klasikal_lain", 24.0),
    (9, "Seminar", "seminar", "sosialisasi", 12.0),
    (10, "Magang", "magang", "nonklasikal_lain", 20.0),  # 1 activity
    (11, "Kursus", "kursus", "klasikal_lain", 24.0),
    (12, "Penataran", "penataran", "klasikal_lain", 24.0),
    (
        13,
        "Pengembangan Kompetensi Dalam Bentuk Pelatihan klasikal lainnya",
        "pelatihan_klasikal_lain",
        "klasikal_lain",
        24.0,
    ),
    (14, "Coaching", "coaching", "coaching", 2.0),  # 1 session
    (15, "Mentoring", "mentoring", "mentoring", 2.0),
    (16, "E-Learning", "e_learning", "nonklasikal_lain", 9.0),  # 8 a day, capped 3 a day x 3
    (17, "Pelatihan Jarak Jauh", "pelatihan_jarak_jauh", "nonklasikal_lain", 24.0),
    (18, "Detasering (Secondment)", "detasering", "nonklasikal_lain", 20.0),
    (19, "Pembelajaran Alam Terbuka (Outbond)", "outbond", "nonklasikal_lain", 24.0),
    (20, "Patok Banding (Benchmarking)", "patok_banding", "nonklasikal_lain", 10.0),
    (
        21,
        "Pertukaran Antara Pns Dengan Pegawai Swasta/Badan Usaha Milik Negara/ Badan Usaha Milik Daerah",
        "pertukaran",
        "nonklasikal_lain",
        20.0,
    ),
    (
        22,
        "Belajar Mandiri (Self Development)",
        "belajar_mandiri",
        "belajar_mandiri",
        6.0,
    ),  # capped 2 a day
    (
        23,
        "Komunitas Belajar (Community Of Practices)",
        "komunitas_belajar",
        "nonklasikal_lain",
        6.0,
    ),
    (24, "Bimbingan Di Tempat Kerja", "bimbingan_di_tempat_kerja", "nonklasikal_lain", 24.0),
    (
        25,
        "Pengembangan Kompetensi Dalam Bentuk Pelatihan Nonklasikal Lainnya",
        "pelatihan_nonklasikal_lain",
        "nonklasikal_lain",
        24.0,
    ),
]


@pytest.mark.parametrize(
    ("number", "name", "code", "column", "jp"), SIASN, ids=[f"SIASN {s[0]}" for s in SIASN]
)
def test_kode_siasn_dan_namanya(runner, tmp_path, number, name, code, column, jp):
    """jenisDiklatId alone, and BKN's name alone, give the same jenis and the same JP in the same card column."""
    for content in ({"jenisDiklatId": str(number)}, {"jenisKursusNama": name}):
        records = {
            "nipBaru": NIP_A,
            "jumlahJam": 24,
            "tanggalKursus": "08-09-2025",
            "tanggalSelesaiKursus": "10-09-2025",
            **content,
        }
        path = tmp_path / "rw.json"
        path.write_text(json.dumps({"code": 1, "data": [records]}), encoding="utf-8")
        data = json.loads(
            runner.invoke(app, ["kartu", str(path), "--nip", NIP_A, "-f", "json"]).stdout
        )
        assert data["kegiatan"][0]["jenis"] == code
        assert data[column] == jp and data["total"] == jp


def test_kode_siasn_tidak_dikenal(runner, tmp_path):
    path = tulis_csv(
        tmp_path / "b.csv",
        [
            ["nip_baru", "jenis_diklat_id", "tanggal_mulai", "jumlah_jam"],
            [NIP_A, "35", "04/03/2025", "8"],
        ],
        sep=",",
    )
    result = runner.invoke(app, ["hitung", str(path)])
    assert result.exit_code == 2
    assert (
        'kode jenis diklat SIASN "35" tidak dikenal' in result.output
        and "--kolom jenis=" in result.output
    )


# ---------------------------------------------------------------- which column gives the jenis


def test_sub_jenis_dulu_lalu_jenis_lalu_kode():
    """Per row: Sub Jenis when recognised (Webinar -> seminar, 1 day x 4); else Jenis ("Teknis" -> pelatihan
    teknis, 16 JP); else the SIASN code (8 -> bimtek, 10 JP)."""
    rows = [
        activity("Teknis", "20/05/2025", sub_jenis="Webinar", jp="3"),
        activity(
            "Teknis",
            "21/05/2025",
            "22/05/2025",
            sub_jenis="Pelatihan Teknis Substantif Kearsipan",
            jp="16",
        ),
        activity("BIMTEK MEDIA SOSIAL", "23/05/2025", jenis_siasn="8", jp="10"),
    ]
    lap = report(rows)
    assert lap.result.sort_values("baris")["jenis"].astype(str).tolist() == [
        "seminar",
        "pelatihan_teknis",
        "bimbingan_teknis",
    ]
    assert counted(rows) == [4.0, 16.0, 10.0]


def test_tidak_ada_yang_dikenal_pesan_dari_kolom_pertama():
    (m,) = ledger([activity("Rapat", "20/05/2025", sub_jenis="Rapat Kerja", jp="3")]).errors
    assert m.column == "sub_jenis" and "Rapat Kerja" in m.message


def test_pilihan_kolom_sendiri(runner, tmp_path):
    """--kolom jenis=HEADER wins over jp's own choice: with the sub-type ignored, "Teknis" gives 16 JP pelatihan
    where the sub-type Webinar would give a 4 JP seminar."""
    path = tulis_csv(
        tmp_path / "b.csv",
        [
            ["NIP", "Jenis Diklat", "Sub Jenis Diklat", "Tanggal Mulai", "Lama Pendidikan"],
            [NIP_A, "Teknis", "Webinar", "2025-05-20", "16"],
        ],
        sep=",",
    )
    bawaan = json.loads(runner.invoke(app, ["hitung", str(path), "-f", "json"]).stdout)["pegawai"][
        0
    ]
    assert (bawaan["sosialisasi"], bawaan["total"]) == (4.0, 4.0)
    choose = runner.invoke(
        app, ["hitung", str(path), "-f", "json", "--kolom", "sub_jenis=Jenis Diklat"]
    )
    data = json.loads(choose.stdout)["pegawai"][0]
    assert (data["pelatihan"], data["total"]) == (16.0, 16.0)


@pytest.mark.parametrize(
    ("opsi", "message"),
    [
        ("jenjang=Jenis Diklat", "'jenjang' bukan nama kolom jp"),
        ("jenis=Bentuk Diklat", 'judul kolom "Bentuk Diklat" tidak ada'),
        ("jenis", "tulis NAMA=JUDUL"),
    ],
)
def test_pilihan_kolom_salah(runner, tmp_path, opsi, message):
    path = tulis_csv(
        tmp_path / "b.csv",
        [["nip", "jenis", "tanggal_mulai", "jumlah"], [NIP_A, "kursus", "04/03/2025", "8"]],
    )
    result = runner.invoke(app, ["hitung", str(path), "--kolom", opsi])
    assert result.exit_code == 2 and message in result.output


# ---------------------------------------------------------------- scope written in the jenis name


def test_lingkup_dari_nama_jenis():
    """'Seminar Internasional' with a blank lingkup: 2 days x 6 = 12 (B.1 no.7 internasional); 'Webinar Nasional'
    1 day x 4 = 4; 'Pelatihan Kepemimpinan Nasional' keeps its meaning (pelatihan struktural, 300 JP)."""
    rows = [
        activity("Seminar Internasional", "24/09/2025", "25/09/2025"),
        activity("Webinar Nasional", "01/10/2025"),
        activity("Pelatihan Kepemimpinan Nasional", "03/03/2025", "30/07/2025", jp="300"),
    ]
    assert counted(rows) == [12.0, 4.0, 300.0]


def test_lingkup_bertentangan_dengan_nama_jenis():
    (m,) = ledger([activity("Seminar Internasional", "24/09/2025", lingkup="nasional")]).errors
    assert m.column == "lingkup" and "bertentangan" in m.message and "internasional" in m.message


# ---------------------------------------------------------------- dates


def test_hanya_tanggal_sertifikat():
    """Only a certificate date: it is the end and the start. Kursus 12 JP counts in its year (2025); a
    seminar with durasi_hari 3 counts 3 x 4 = 12 (the span is unknown, not an error); e-learning 30 JP
    on one day is capped to 3 (B.2 no.8) with a warning to fill the start date."""
    rows = [
        activity("kursus", "", tanggal_sertifikat="15/08/2025", jp="12"),
        activity("seminar", "", tanggal_sertifikat="20/08/2025", hari="3"),
        activity("e_learning", "", tanggal_sertifikat="22/08/2025", jp="30"),
    ]
    lap = report(rows)
    assert lap.result.sort_values("baris")["jp_diakui"].tolist() == [12.0, 12.0, 3.0]
    (m,) = [m for m in lap.warnings if "tanggal mulai" in m.message]
    assert m.row_no == 4 and "dibatasi 3 JP sehari" in m.message


def test_tanggal_selesai_saja_dan_sertifikat_tidak_menggeser_tanggal_mulai():
    """End date only: start = end. Start given without end: the end is the start (SPEC §1), not the later
    certificate date (a 1-day seminar stays 4 JP, not 4 x the days until the certificate)."""
    rows = [
        activity("seminar", "", tanggal_selesai="10/03/2025"),
        activity("seminar", "12/03/2025", tanggal_sertifikat="30/03/2025"),
    ]
    assert counted(rows) == [4.0, 4.0]


# ---------------------------------------------------------------- verification status


def test_status_ditolak_tidak_dihitung_dan_disetujui_saja(runner, tmp_path):
    """Ditolak never counts (one warning with the reason); Ditinjau counts by default, not with
    --hanya-disetujui. Kursus 10 (Disetujui) + 20 (Ditinjau) + 40 (Ditolak): 30, then 10."""
    path = tulis_csv(
        tmp_path / "b.csv",
        [
            ["nip", "jenis", "tanggal_mulai", "tanggal_selesai", "jp", "status", "alasan"],
            [NIP_A, "kursus", "03/03/2025", "04/03/2025", "10", "Disetujui", ""],
            [NIP_A, "kursus", "10/03/2025", "12/03/2025", "20", "Ditinjau", ""],
            [
                NIP_A,
                "kursus",
                "17/03/2025",
                "21/03/2025",
                "40",
                "Ditolak",
                "sertifikat tidak terbaca",
            ],
        ],
    )
    data = json.loads(runner.invoke(app, ["hitung", str(path), "-f", "json"]).stdout)
    assert data["pegawai"][0]["total"] == 30.0
    (m,) = [p for p in data["peringatan"] if p["baris"] == 4]
    assert "Ditolak (alasan: sertifikat tidak terbaca)" in m["pesan"]
    disetujui = json.loads(
        runner.invoke(app, ["hitung", str(path), "-f", "json", "--hanya-disetujui"]).stdout
    )
    assert disetujui["pegawai"][0]["total"] == 10.0
    assert any("1 baris belum disetujui" in p["pesan"] for p in disetujui["peringatan"])
    kartu = json.loads(
        runner.invoke(app, ["kartu", str(path), "--nip", NIP_A, "-f", "json"]).stdout
    )["kegiatan"]
    assert [(r["baris"], r["jp_diakui"], r["status"]) for r in kartu] == [
        (2, 10.0, "disetujui"),
        (3, 20.0, "ditinjau"),
        (4, 0.0, "ditolak"),
    ]
    assert kartu[2]["alasan"] == "ditolak verifikator (sertifikat tidak terbaca): tidak dihitung"


def test_baris_ditolak_yang_salah_tidak_menghentikan_perhitungan():
    """A rejected row never counts, so a mistake in it is a warning: the rest is computed (kursus 8)."""
    b = ledger(
        [
            activity("kursus", "03/03/2025", jp="8", status="Disetujui"),
            activity("rapat", "31/02/2025", status="Ditolak"),
        ]
    )
    assert b.errors == []
    assert report(
        [
            activity("kursus", "03/03/2025", jp="8", status="Disetujui"),
            activity("rapat", "31/02/2025", status="Ditolak"),
        ]
    ).kartu["total"].tolist() == [8.0]


def test_ditolak_tidak_memakai_batas():
    """A rejected coaching session takes no place under the 2-a-month cap (B.2 no.5): 2 approved count."""
    rows = [
        activity("coaching", "04/03/2025", status="Ditolak"),
        activity("coaching", "05/03/2025"),
        activity("coaching", "06/03/2025"),
    ]
    assert counted(rows) == [0.0, 2.0, 2.0]


def test_status_tidak_dikenal_diperingatkan_dan_dihitung():
    lap = report([activity("kursus", "03/03/2025", jp="8", status="Sedang diproses BKPSDM")])
    assert lap.kartu["total"].tolist() == [8.0]
    assert any('status "Sedang diproses BKPSDM" tidak dikenal' in m.message for m in lap.warnings)


# ---------------------------------------------------------------- JSON answers


def _json(runner, tmp_path, content) -> tuple[int, str]:
    path = tmp_path / "rw.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    result = runner.invoke(app, ["hitung", str(path), "-f", "json"])
    return result.exit_code, result.output


REKAMAN = {
    "nipBaru": NIP_B,
    "jenisDiklatId": 11,
    "jumlahJam": "20",
    "tanggalKursus": "02-06-2025",
    "tanggalSelesaiKursus": "27-06-2025",
    "path": None,
}


@pytest.mark.parametrize(
    "bentuk",
    [
        {"code": 1, "data": [REKAMAN], "message": None},
        {"data": {"data": [REKAMAN]}},
        {"success": True, "data": [REKAMAN]},
        [REKAMAN],
        {"code": 1, "data": REKAMAN},
    ],
    ids=["amplop SIASN", "data.data", "SDK", "daftar", "satu rekaman"],
)
def test_bentuk_jawaban_json(runner, tmp_path, bentuk):
    """Every shape of SIASN answer: kursus 20 JP (B.1 no.9), NIP kept exact."""
    code, keluar = _json(runner, tmp_path, bentuk)
    assert code == 0, keluar
    (pegawai,) = json.loads(keluar)["pegawai"]
    assert (pegawai["nip"], pegawai["klasikal_lain"]) == (NIP_B, 20.0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"code": 1, "data": "", "message": None}, "tidak berisi rekaman"),
        ({"code": 0, "message": "Data tidak ditemukan"}, "Data tidak ditemukan"),
        ({"code": 1, "data": [1, 2]}, "bukan daftar rekaman"),
    ],
)
def test_jawaban_json_kosong_atau_galat(runner, tmp_path, content, message):
    code, keluar = _json(runner, tmp_path, content)
    assert code == 2 and message in keluar and "Traceback" not in keluar


def test_nip_angka_json_tetap_utuh(runner, tmp_path):
    """An 18-digit NIP written as a JSON number is exact (unlike an Excel number cell)."""
    code, keluar = _json(runner, tmp_path, [dict(REKAMAN, nipBaru=int(NIP_B))])
    assert code == 0 and json.loads(keluar)["pegawai"][0]["nip"] == NIP_B


# ---------------------------------------------------------------- suggestions


def test_saran_tidak_menyesatkan():
    """A misspelt seminar is never offered pelatihan_nasional (a JP unit on another card column)."""
    assert suggest_jenis("Seminar Nasionl", ATURAN) == ["seminar"]
    assert suggest_jenis("coacing", ATURAN) == ["coaching"]


def test_kata_di_luar_tabel_disebut_dan_cara_menambahkannya():
    (m,) = ledger([activity("rapat koordinasi", "03/03/2025")]).errors
    assert "tidak ada di tabel konversi Perlan LAN 10/2018" in m.message and "--aturan" in m.message
