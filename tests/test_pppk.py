"""PNS and PPPK side by side: status pegawai, targets per status, contract years, the PPPK ceiling.

Rules checked (docs/tafsir.md, "Status pegawai" and "Periode"):
- status from the roster's ``status`` column, else from the NIP: an NI PPPK has 21 in digits 13-14;
- the default target of each status comes from the rule set's ``[target]`` table (PNS, CPNS,
  PPPK 20 JP), ``--target`` replaces all, ``--target-pppk`` the PPPK's, a roster target wins;
- PP 49/2018 Pasal 40 ayat (1): PPPK development is "paling lama 24 JP dalam 1 tahun masa
  perjanjian kerja" — a ceiling: JP above it still count, with a warning;
- ``--periode kontrak``: a PPPK with a ``tmt`` is measured from the tmt's anniversary to the day
  before the next one, the contract year named by the calendar year it ends in.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from bantuan import hitung_json, tulis_xlsx
from hypothesis import given
from hypothesis import strategies as st

from jpcli.cli.app import app
from jpcli.core import cells, periods

CONTOH = Path(__file__).parent.parent / "contoh_data" / "buku_kegiatan_2025.xlsx"
NUR_AINI = "199402282022212003"  # PPPK of the example, tmt 01/07/2024
AHMAD = "197803152003121002"  # PNS of the example
PPPK_A = "199001012022211001"  # an NI PPPK: 21 in digits 13-14
PNS_A = "198503122010011002"
KOLOM = ["nip", "nama", "jenis", "tanggal_mulai", "tanggal_selesai", "jumlah"]
ROSTER = ["NIP", "Nama", "Status", "TMT", "Target"]


def _buku(tmp_path: Path, rows: list[list], roster: list[list] | None = None) -> Path:
    path = tulis_xlsx(tmp_path / "buku.xlsx", [KOLOM, *rows])
    if roster is not None:
        from openpyxl import load_workbook

        wb = load_workbook(path)
        ws = wb.create_sheet("pegawai")
        for row in [ROSTER, *roster]:
            ws.append(row)
        wb.save(path)
    return path


def _json(runner, command: str, *args) -> dict:
    result = runner.invoke(app, [command, *map(str, args), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _by_nip(data: dict) -> dict[str, dict]:
    return {p["nip"]: p for p in data["pegawai"]}


def test_status_dari_nip_21_pada_digit_13_14():
    """An NI PPPK carries 21 where a PNS NIP has its TMT month (01-12): that, and only that, makes
    a PPPK when the roster says nothing."""
    nips = np.array([PPPK_A, PNS_A, "199402282022122003", "19900101202221"], dtype=object)
    assert list(cells.status_from_nip(nips)) == ["PPPK", "PNS", "PNS", "PPPK"]


@pytest.mark.parametrize(
    "written, status",
    [
        ("PNS", "PNS"),
        ("pppk", "PPPK"),
        ("P3K", "PPPK"),
        ("PPPK Paruh Waktu", "PPPK"),
        ("Pegawai Pemerintah dengan Perjanjian Kerja", "PPPK"),
        ("Calon PNS", "CPNS"),
        ("CPNS", "CPNS"),
        ("Aktif", "?Aktif"),
    ],
)
def test_status_pegawai_seperti_ditulis_kantor(written, status):
    """Status words offices write: PNS, PPPK (P3K, Paruh Waktu, the long name), CPNS; any other
    word is handed back marked for a warning."""
    assert cells.parse_employment(written) == status


def test_tahun_kontrak_dihitung_dari_ulang_tahun_tmt():
    """A contract year runs from the tmt's anniversary to the day before the next one and is named
    by the year it ends in; tmt 1 January = the calendar year; 29 February falls on 28 February."""
    tmt = np.array(["2024-07-01"] * 3 + ["2024-01-01", "2024-02-29", "2024-02-29"], "datetime64[D]")
    end = np.array(
        ["2025-06-30", "2025-07-01", "2024-07-01", "2025-12-31", "2025-02-27", "2025-02-28"],
        "datetime64[D]",
    )
    assert list(periods.contract_year_of(end, tmt)) == [2025, 2026, 2025, 2025, 2025, 2026]
    start, last = periods.contract_bounds(2025, tmt[[0, 3, 4]])
    assert [str(d) for d in start] == ["2024-07-01", "2025-01-01", "2024-02-29"]
    assert [str(d) for d in last] == ["2025-06-30", "2025-12-31", "2025-02-27"]


def test_contoh_pppk_per_tahun_kontrak_dan_pns_per_tahun_kalender_dalam_satu_cek(runner):
    """One jp cek run on the example with --periode kontrak: Nur Aini (PPPK, tmt 01/07/2024) is
    measured over 01/07/2024-30/06/2025: Orientasi PPPK 5-9 Aug 2024, 24 JP (pelatihan tingkat
    nasional, JP as given, Perlan B.1 no. 2) + outbound 24 Jan 2025, 8 JP (B.2 no. 13) = 32 JP;
    her belajar mandiri of October 2025 (6 JP) belongs to the next contract year. Ahmad Fauzi (PNS)
    over 2025: seminar 2 days x 4 + workshop 3 days x 5 = 23 JP; his 2024 bimtek is not counted."""
    args = ["--periode", "kontrak", "--per-tanggal", "2025-12-31"]
    kontrak = _json(runner, "hitung", CONTOH, "--periode", "kontrak")
    assert _by_nip(kontrak)[NUR_AINI]["total"] == 32.0
    assert _by_nip(kontrak)[NUR_AINI]["pelatihan"] == 24.0
    assert _by_nip(kontrak)[NUR_AINI]["nonklasikal_lain"] == 8.0
    assert _by_nip(kontrak)[AHMAD]["total"] == 23.0
    assert kontrak["periode"] == {
        "jenis": "kontrak",
        "kontrak": [
            {"nip": NUR_AINI, "status": "PPPK", "mulai": "2024-07-01", "selesai": "2025-06-30"}
        ],
    }
    cek = _json(runner, "cek", CONTOH, *args)
    assert NUR_AINI not in _by_nip(cek)  # 32 >= 20
    calendar = _json(runner, "cek", CONTOH, "--per-tanggal", "2025-12-31")
    # over 2025: outbound 8 + belajar mandiri 3 days x 2 = 14 JP -> 6 short of the PPPK target 20
    assert _by_nip(calendar)[NUR_AINI]["total"] == 14.0
    assert _by_nip(calendar)[NUR_AINI]["kurang"] == 6.0
    assert "periode" not in calendar  # the calendar year is the default; the JSON is unchanged


def test_plafon_pppk_24_jp_diperingatkan_bukan_ditolak(runner):
    """PP 49/2018 Pasal 40 ayat (1): 32 JP in Nur Aini's contract year exceed the 24 JP ceiling —
    a warning naming her, the JP, the period and the basis; the 32 JP still count."""
    data = _json(runner, "hitung", CONTOH, "--periode", "kontrak")
    messages = [w["pesan"] for w in data["peringatan"]]
    over = [m for m in messages if "plafon" in m]
    assert len(over) == 1
    assert over[0].startswith(
        f"{NUR_AINI} Nur Aini, S.Pd.: 32 JP dalam 1 Juli 2024–30 Juni 2025 melebihi plafon PPPK "
        "24 JP (PP 49/2018 Pasal 40 ayat (1)"
    )
    assert _by_nip(data)[NUR_AINI]["total"] == 32.0
    calendar = _json(runner, "hitung", CONTOH)  # 14 JP in 2025: under the ceiling
    assert not any("plafon" in w["pesan"] for w in calendar["peringatan"])


def test_kartu_pppk_menyebut_status_periode_dan_plafon(runner):
    """The PPPK card names her status, the contract year's dates and the ceiling; the register
    lists only the contract year's rows (the later ones are counted, not shown)."""
    result = runner.invoke(app, ["kartu", str(CONTOH), "--nip", NUR_AINI, "--periode", "kontrak"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Status : PPPK" in text
    assert "Periode : 1 Juli 2024 – 30 Juni 2025 (tahun masa perjanjian kerja)" in text
    assert "Plafon : paling lama 24 JP setahun (PP 49/2018 Pasal 40 ayat (1))" in text
    assert "Rincian kegiatan 1 Juli 2024 – 30 Juni 2025" in text
    # the October 2025 belajar mandiri rows belong to the next contract year: not on this card
    assert "Berdiferensiasi" not in text
    assert "(3 kegiatan pada tahun lain tidak ditampilkan; pakai --tahun.)" in text
    pns = runner.invoke(app, ["kartu", str(CONTOH), "--nip", AHMAD, "--periode", "kontrak"])
    assert "Status : PNS" in " ".join(pns.stdout.split())
    assert "Periode :" not in " ".join(pns.stdout.split())


def test_batas_tahun_kontrak_hari_terakhir_dan_hari_ulang_tahun(runner, tmp_path):
    """tmt 15/03/2024: 14/03/2025 is the last day of the contract year 2025, 15/03/2025 the first of
    2026. Bimtek 10 JP each (JP as given, Perlan B.1 no. 11)."""
    buku = _buku(
        tmp_path,
        [
            [PPPK_A, "Rina", "bimtek", "14/03/2025", "14/03/2025", 10],
            [PPPK_A, "Rina", "bimtek", "15/03/2025", "15/03/2025", 10],
            [PPPK_A, "Rina", "bimtek", "15/03/2024", "15/03/2024", 7],
        ],
        [[PPPK_A, "Rina", "PPPK", "15/03/2024", None]],
    )
    kontrak = _by_nip(_json(runner, "hitung", buku, "--periode", "kontrak", "--tahun", 2025))
    assert kontrak[PPPK_A]["total"] == 17.0  # 15/03/2024 .. 14/03/2025: 7 + 10
    nxt = _by_nip(_json(runner, "hitung", buku, "--periode", "kontrak", "--tahun", 2026))
    assert nxt[PPPK_A]["total"] == 10.0
    calendar = _by_nip(_json(runner, "hitung", buku, "--tahun", 2025))
    assert calendar[PPPK_A]["total"] == 20.0  # both 2025 rows


def test_target_per_status_dari_aturan_dan_opsi(runner, tmp_path):
    """Default targets: the rule set's [target] (20 for PNS and PPPK); --target-pppk changes only
    the PPPK's; --target changes every status; a roster target wins over both."""
    rows = [
        [PPPK_A, "Rina", "bimtek", "10/03/2025", "10/03/2025", 22],
        [PNS_A, "Budi", "bimtek", "10/03/2025", "10/03/2025", 22],
        ["199102022022211002", "Sari", "bimtek", "10/03/2025", "10/03/2025", 22],
    ]
    roster = [[PPPK_A, "Rina", "", None, None], [PNS_A, "Budi", "PNS", None, None],
              ["199102022022211002", "Sari", "PPPK", None, 30]]  # fmt: skip
    buku = _buku(tmp_path, rows, roster)
    bawaan = _by_nip(hitung_json(runner, buku))
    assert [bawaan[n]["target"] for n in (PPPK_A, PNS_A)] == [20.0, 20.0]
    pppk = _by_nip(hitung_json(runner, buku, "--target-pppk", "24"))
    assert (pppk[PPPK_A]["target"], pppk[PPPK_A]["kurang"]) == (24.0, 2.0)
    assert pppk[PNS_A]["target"] == 20.0
    semua = _by_nip(hitung_json(runner, buku, "--target", "25"))
    assert [semua[n]["target"] for n in (PPPK_A, PNS_A)] == [25.0, 25.0]
    assert semua["199102022022211002"]["target"] == 30.0  # the roster's own target
    both = _by_nip(hitung_json(runner, buku, "--target", "25", "--target-pppk", "21"))
    assert [both[n]["target"] for n in (PPPK_A, PNS_A)] == [21.0, 25.0]


def test_target_dan_plafon_dari_berkas_aturan_instansi(runner, tmp_path):
    """An agency's rule file changes a status' target and ceiling through [target]; the rest is
    inherited from its dasar."""
    aturan = tmp_path / "instansi.toml"
    aturan.write_text(
        'dasar = "lan-10-2018"\n[target]\nPPPK = { jp = 15, sumber = "Keputusan Kepala Dinas", '
        'plafon = 30, sumber_plafon = "Keputusan Kepala Dinas" }\n',
        encoding="utf-8",
    )
    buku = _buku(tmp_path, [[PPPK_A, "Rina", "bimtek", "10/03/2025", "10/03/2025", 32]])
    data = hitung_json(runner, buku, "--aturan", aturan)
    rina = _by_nip(data)[PPPK_A]
    assert (rina["target"], rina["memenuhi"]) == (15.0, True)
    over = [w["pesan"] for w in data["peringatan"] if "plafon" in w["pesan"]]
    assert len(over) == 1 and "melebihi plafon PPPK 30 JP (Keputusan Kepala Dinas)" in over[0]
    aturan_json = json.loads(
        runner.invoke(app, ["aturan", "--aturan", str(aturan), "-f", "json"]).stdout
    )
    assert aturan_json["target"]["PPPK"]["jp"] == 15
    assert aturan_json["target"]["PNS"]["jp"] == 20  # inherited


@pytest.mark.parametrize(
    "table, expected",
    [
        ('[target]\nHONORER = { jp = 10, sumber = "x" }', "target.HONORER: status pegawai tidak"),
        ("[target]\nPNS = { jp = 20 }", "target.PNS.sumber: harus teks"),
        ('[target]\nPPPK = { jp = 20, sumber = "x", plafon = 24 }', "target.PPPK.sumber_plafon"),
        ('[target]\nPNS = { jp = 0, sumber = "x" }', "target.PNS.jp: 0 di luar rentang"),
        ('[target]\nPNS = { jp = 20, sumber = "x", minimal = 2 }', "kunci 'minimal' tidak dikenal"),
        ("target = 20", "target: harus tabel status pegawai"),
    ],
)
def test_tabel_target_yang_salah_ditolak_dengan_jelas(runner, tmp_path, table, expected):
    """A malformed [target] table stops with exit 2 and says which key is wrong and how."""
    aturan = tmp_path / "salah.toml"
    aturan.write_text(f'dasar = "lan-10-2018"\n{table}\n', encoding="utf-8")
    result = runner.invoke(app, ["aturan", "--aturan", str(aturan)])
    assert result.exit_code == 2
    assert expected in " ".join(result.output.split())


def test_pppk_tanpa_tmt_diukur_per_tahun_kalender_dengan_peringatan(runner, tmp_path):
    """--periode kontrak needs the tmt: a PPPK without one is measured by calendar year and named
    in a warning; the status word the roster does not know is a warning too (NIP decides)."""
    buku = _buku(
        tmp_path,
        [[PPPK_A, "Rina", "bimtek", "10/08/2024", "10/08/2024", 12],
         [PNS_A, "Budi", "bimtek", "10/03/2025", "10/03/2025", 20]],
        [[PPPK_A, "Rina", "PPPK", None, None], [PNS_A, "Budi", "Aktif", None, None]],
    )  # fmt: skip
    data = _json(runner, "hitung", buku, "--periode", "kontrak", "--tahun", 2025)
    assert _by_nip(data)[PPPK_A]["total"] == 0.0  # the August 2024 row is in calendar 2024
    messages = " | ".join(w["pesan"] for w in data["peringatan"])
    assert (
        "1 pegawai PPPK tanpa tmt di daftar pegawai diukur per tahun kalender: "
        f"{PPPK_A} Rina." in messages
    )
    assert (
        'status pegawai "Aktif" tidak dikenal (PNS, PPPK, CPNS); status diambil dari NIP: PNS.'
        in (messages)
    )


@pytest.mark.parametrize("value", ["0", "-3", "nan", "5000"])
def test_target_pppk_di_luar_rentang_ditolak(runner, value):
    """--target-pppk between 0,01 and 1000 JP, refused before the ledger is read (exit 2)."""
    result = runner.invoke(app, ["hitung", str(CONTOH), "--target-pppk", value])
    assert result.exit_code == 2
    assert "--target-pppk harus angka dari 0,01 sampai 1.000 JP" in " ".join(result.output.split())


def test_templat_punya_kolom_status_dan_tmt_yang_terbaca(runner, tmp_path):
    """The empty ledger of jp templat has status and tmt on its pegawai sheet; filled in, they are
    read: a PPPK with tmt 01/04/2024 is measured over 1 April 2024 - 31 March 2025 (the row of
    10/02/2025 counts, bimtek 16 JP as given, Perlan B.1 no. 11)."""
    from openpyxl import load_workbook

    path = tmp_path / "templat.xlsx"
    assert runner.invoke(app, ["templat", str(path)]).exit_code == 0
    wb = load_workbook(path)
    roster_header = [c.value for c in wb["pegawai"][1]]
    assert roster_header[-2:] == ["status", "tmt"]
    wb["pegawai"].append([PPPK_A, "Rina", None, None, None, "PPPK", dt.date(2024, 4, 1)])
    header = [c.value for c in wb["kegiatan"][1]]
    row = dict.fromkeys(header)
    row.update(nip=PPPK_A, jenis="bimtek", tanggal_mulai=dt.date(2025, 2, 10), jumlah=16)
    wb["kegiatan"].append([row[h] for h in header])
    wb.save(path)
    data = _json(runner, "hitung", path, "--periode", "kontrak")
    assert _by_nip(data)[PPPK_A]["total"] == 16.0
    assert data["periode"]["kontrak"] == [
        {"nip": PPPK_A, "status": "PPPK", "mulai": "2024-04-01", "selesai": "2025-03-31"}
    ]


@given(
    tmt=st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
    end=st.dates(dt.date(1990, 1, 1), dt.date(2045, 12, 31)),
)
def test_sifat_tahun_kontrak_memuat_tanggalnya_dan_bersambung(tmt, end):
    """Property: the contract year a date is put in holds that date, lasts 365 or 366 days, is
    named by the year it ends in, and the next contract year begins the day after it ends."""
    t = np.array([tmt], "datetime64[D]")
    e = np.array([end], "datetime64[D]")
    year = int(periods.contract_year_of(e, t)[0])
    start, last = periods.contract_bounds(year, t)
    assert start[0] <= e[0] <= last[0]
    assert int((last[0] - start[0]).astype(int)) + 1 in (365, 366)
    assert last[0].astype(object).year == year
    following, _ = periods.contract_bounds(year + 1, t)
    assert following[0] == last[0] + np.timedelta64(1, "D")


def test_baris_yang_melewati_akhir_tahun_kontrak_disebut_periodenya(runner, tmp_path):
    """tmt 15/03/2024: a mentoring session of 13/03/2025 ... 16/03/2025 starts in the contract
    year 2025 but ends in 2026 (a row belongs to the period of its end date): the 2025 card lists
    it at 0 JP with the period it counts in; its log and the 2026 card count it (2 JP, Perlan
    B.2 no. 6)."""
    buku = _buku(
        tmp_path,
        [[PPPK_A, "Rina", "mentoring", "13/03/2025", "16/03/2025", 1],
         [PPPK_A, "Rina", "bimtek", "10/03/2025", "10/03/2025", 10]],
        [[PPPK_A, "Rina", "PPPK", "15/03/2024", None]],
    )  # fmt: skip
    args = ["kartu", str(buku), "--nip", PPPK_A, "--periode", "kontrak", "--tahun"]
    card = json.loads(runner.invoke(app, [*args, "2025", "-f", "json"]).stdout)
    assert card["total"] == 10.0
    mentoring = [r for r in card["kegiatan"] if r["jenis"] == "mentoring"]
    assert mentoring[0]["jp_diakui"] == 0.0
    assert (
        "dihitung pada tahun masa perjanjian kerja 15 Maret 2025 – 14 Maret 2026"
        in (mentoring[0]["alasan"])
    )
    later = json.loads(runner.invoke(app, [*args, "2026", "-f", "json"]).stdout)
    assert (later["total"], later["mentoring"]) == (2.0, 2.0)


def test_riwayat_kontrak_memuat_tahun_kontrak_terakhir(runner):
    """jp riwayat --periode kontrak lists every contract year with data: Nur Aini's October 2025
    belajar mandiri (3 days x 2 JP, Perlan B.2 no. 9) is in the contract year 2026 (1 July 2025 -
    30 June 2026), not lost; the year before her tmt is not shown."""
    data = _json(runner, "riwayat", CONTOH, "--nip", NUR_AINI, "--periode", "kontrak")
    assert [(y["tahun"], y["total"]) for y in data["riwayat"]] == [(2025, 32.0), (2026, 6.0)]


def test_tahun_kontrak_yang_ada_isinya_tidak_diperingatkan_kosong(runner):
    """--tahun 2026 --periode kontrak: only Nur Aini has JP (her contract year 2026); the warning
    "no activity in 2026" must not be given while her card shows 6 JP."""
    data = _json(runner, "hitung", CONTOH, "--periode", "kontrak", "--tahun", 2026)
    assert _by_nip(data)[NUR_AINI]["total"] == 6.0
    assert not any("tidak ada kegiatan yang selesai" in w["pesan"] for w in data["peringatan"])


def test_pppk_tanpa_baris_daftar_dan_tmt_sesudah_periode_diperingatkan(runner, tmp_path):
    """--periode kontrak: a PPPK (by NIP) missing from the roster is named (measured by calendar
    year); a PPPK whose contract year measured begins before the tmt is named (no contract ran
    then)."""
    other = "199203032023211004"
    buku = _buku(
        tmp_path,
        [[PPPK_A, "Rina", "bimtek", "15/01/2025", "15/01/2025", 10],
         [other, "Tono", "bimtek", "15/01/2025", "15/01/2025", 10]],
        [[PPPK_A, "Rina", "PPPK", "01/07/2026", None]],
    )  # fmt: skip
    data = _json(runner, "hitung", buku, "--periode", "kontrak", "--tahun", 2025)
    messages = " | ".join(w["pesan"] for w in data["peringatan"])
    assert "1 pegawai PPPK (menurut NIP) tidak ada di daftar pegawai" in messages
    assert other in messages
    assert (
        "1 pegawai PPPK diukur pada tahun masa perjanjian kerja yang dimulai sebelum tmt-nya: "
        f"{PPPK_A} Rina (tmt 1 Juli 2026)" in messages
    )


def test_plafon_status_lain_menyebut_statusnya(runner, tmp_path):
    """A ceiling an agency gives PNS in its rule file is named as the PNS ceiling."""
    aturan = tmp_path / "c.toml"
    aturan.write_text(
        'dasar = "lan-10-2018"\n[target]\nPNS = { jp = 20, sumber = "x", plafon = 22, '
        'sumber_plafon = "Perbup X" }\n',
        encoding="utf-8",
    )
    buku = _buku(tmp_path, [[PNS_A, "Budi", "bimtek", "10/03/2025", "10/03/2025", 24]])
    data = hitung_json(runner, buku, "--aturan", aturan)
    assert any("melebihi plafon PNS 22 JP (Perbup X)" in w["pesan"] for w in data["peringatan"])


def test_target_di_atas_plafon_ditolak(runner, tmp_path):
    """A [target] whose jp is above its plafon would put every employee who meets the target over
    the ceiling: refused (exit 2) naming both numbers."""
    aturan = tmp_path / "b.toml"
    aturan.write_text(
        'dasar = "lan-10-2018"\n[target]\nPPPK = { jp = 30, sumber = "x", plafon = 24, '
        'sumber_plafon = "y" }\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["aturan", "--aturan", str(aturan)])
    assert result.exit_code == 2
    assert "target.PPPK: target jp = 30 lebih besar dari plafon = 24" in " ".join(
        result.output.split()
    )


def test_per_unit_dengan_nama_berkas_ditolak(runner, tmp_path):
    """--per-unit -o laporan.xlsx names a file, not a folder: refused (exit 2), nothing made."""
    out = tmp_path / "laporan.xlsx"
    result = runner.invoke(app, ["cek", str(CONTOH), "--per-unit", "-o", str(out)])
    assert result.exit_code == 2
    assert "nama tanpa akhiran seperti .xlsx" in " ".join(result.output.split())
    assert not out.exists()


def test_status_pegawai_di_buku_kegiatan_disebut_tempatnya(runner, tmp_path):
    """A status column of the kegiatan sheet holds the verifier's word; "PPPK" there is a status
    pegawai: the warning says so and where it belongs; the row still counts (bimtek 12 JP)."""
    buku = tulis_xlsx(
        tmp_path / "b.xlsx",
        [[*KOLOM, "status"], [PPPK_A, "Rina", "bimtek", "10/03/2025", "10/03/2025", 12, "PPPK"]],
    )
    data = hitung_json(runner, buku)
    assert _by_nip(data)[PPPK_A]["total"] == 12.0
    (warning,) = data["peringatan"]
    assert warning["pesan"].startswith('"PPPK" adalah status pegawai, bukan status verifikasi')
    assert (warning["baris"], warning["kolom"]) == (2, "status")


def test_tmt_tak_terbaca_diperingatkan_tanpa_menghentikan(runner, tmp_path):
    """A tmt that is no date (31/02/2025) is only needed by --periode kontrak: a warning naming
    the roster's row and column, the tmt left blank (calendar year), the card still computed
    (bimtek 12 JP)."""
    buku = _buku(
        tmp_path,
        [[PPPK_A, "Rina", "bimtek", "10/03/2025", "10/03/2025", 12]],
        [[PPPK_A, "Rina", "PPPK", "31/02/2025", None]],
    )
    data = _json(runner, "hitung", buku, "--periode", "kontrak")
    assert _by_nip(data)[PPPK_A]["total"] == 12.0
    (tmt,) = [w for w in data["peringatan"] if w["pesan"].startswith("tmt 31/02/2025")]
    assert (tmt["sheet"], tmt["baris"], tmt["kolom"]) == ("pegawai", 2, "TMT")
    assert any("tanpa tmt" in w["pesan"] for w in data["peringatan"])
