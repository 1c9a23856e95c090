"""jp cek's recap the way offices report: per unit and per sub-unit, counts and average JP worked
out by hand; one sheet per unit in the report, one workbook per unit with --per-unit."""

import json

import pandas as pd
import pytest
from bantuan import KOLOM_CSV, NIP_A, NIP_B, NIP_C, tulis_csv, tulis_xlsx
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from jpcli.cli.app import app

NIP_D = "199511032022032001"
NIP_E = "198007142006041005"
NIP_F = "198702052011012003"


@pytest.fixture
def kantor(tmp_path):
    """Six employees in two units (bidang) and their sub-units (subbidang), one without a unit.
    JP by the table (Perlan LAN 10/2018): Budi magang 20; Citra kursus 8; Ahmad seminar 2 days x 4
    = 8 plus workshop 1 day x 5 = 13; Fitri pelatihan teknis 24; Dewi belajar mandiri 9 JP over
    1-3 July and 1 JP on 2 July, capped at 2 JP a day = 6; Eka nothing."""
    ledger = tulis_csv(
        tmp_path / "buku.csv",
        [
            KOLOM_CSV,
            [NIP_A, "Budi", "magang", "", "14/07/2025", "25/07/2025", "", "Magang"],
            [NIP_B, "Citra", "kursus", "", "10/03/2025", "", "8", "Kursus"],
            [NIP_C, "Ahmad", "seminar", "", "18/02/2025", "19/02/2025", "", "Seminar"],
            [NIP_C, "Ahmad", "workshop", "", "05/05/2025", "", "", "Workshop"],
            [NIP_D, "Fitri", "pelatihan_teknis", "", "01/04/2025", "04/04/2025", "24", "Teknis"],
            [NIP_F, "Dewi", "belajar_mandiri", "", "01/07/2025", "03/07/2025", "9", "Modul"],
            [NIP_F, "Dewi", "belajar_mandiri", "", "02/07/2025", "", "1", "Modul"],
        ],
    )
    pegawai = tulis_csv(
        tmp_path / "pegawai.csv",
        [
            ["NIP", "Nama", "Bidang", "Subbidang", "Target"],
            [NIP_A, "Budi Santoso", "Sekretariat", "Umum", ""],
            [NIP_B, "Citra Lestari", "Sekretariat", "Keuangan", ""],
            [NIP_C, "Ahmad Fauzi", "Bidang GTK", "Mutasi", ""],
            [NIP_D, "Fitri Handayani", "Bidang GTK", "Mutasi", ""],
            [NIP_F, "Dewi Anggraini", "Bidang GTK", "Pengembangan", ""],
            [NIP_E, "Eka Putra", "", "", ""],
        ],
    )
    return ledger, pegawai


def _cek(runner, kantor, *args):
    ledger, pegawai = kantor
    return runner.invoke(
        app, ["cek", str(ledger), "--pegawai", str(pegawai), "--tahun", "2025", *args]
    )


def _line(unit, n, met, percent, total, average, **keys):
    return {
        "unit": unit, **keys, "pegawai": n, "memenuhi": met, "belum": n - met,
        "persen_memenuhi": percent, "total_jp": total, "rata_jp": average,
    }  # fmt: skip


def test_rekap_per_unit_dihitung_tangan(runner, kantor):
    """Per unit, in roster order: Sekretariat 20 + 8 = 28 JP over 2 (14), 1 of 2 met (Budi);
    Bidang GTK 13 + 24 + 6 = 43 JP over 3 (14,33), 1 of 3 met (Fitri); Eka without a unit under
    "(tanpa unit)" at 0; all 71 JP over 6 (11,83), 2 of 6 met (33,3%)."""
    result = _cek(runner, kantor, "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["rekap"] == [
        _line("Sekretariat", 2, 1, 50.0, 28.0, 14.0),
        _line("Bidang GTK", 3, 1, 33.3, 43.0, 14.33),
        _line("(tanpa unit)", 1, 0, 0.0, 0.0, 0.0),
        _line("SEMUA UNIT", 6, 2, 33.3, 71.0, 11.83),
    ]


def test_rekap_per_subunit_dihitung_tangan(runner, kantor):
    """Per unit and sub-unit: Mutasi holds Ahmad 13 and Fitri 24 (37 JP, average 18,5, 1 of 2
    met); an employee without a sub-unit under "(tanpa sub-unit)"."""
    data = json.loads(_cek(runner, kantor, "-f", "json").stdout)
    assert data["rekap_subunit"] == [
        _line("Sekretariat", 1, 1, 100.0, 20.0, 20.0, subunit="Umum"),
        _line("Sekretariat", 1, 0, 0.0, 8.0, 8.0, subunit="Keuangan"),
        _line("Bidang GTK", 2, 1, 50.0, 37.0, 18.5, subunit="Mutasi"),
        _line("Bidang GTK", 1, 0, 0.0, 6.0, 6.0, subunit="Pengembangan"),
        _line("(tanpa unit)", 1, 0, 0.0, 0.0, 0.0, subunit="(tanpa sub-unit)"),
        _line("SEMUA UNIT", 6, 2, 33.3, 71.0, 11.83, subunit=""),
    ]


def test_tanpa_kolom_subunit_tidak_ada_rekap_subunit(runner, kantor, tmp_path):
    """A roster naming no sub-unit has no recap per sub-unit (an empty list, no table, no sheet);
    the ledger's employees missing from the roster are under "(tanpa unit)"."""
    ledger, _ = kantor
    pegawai = tulis_csv(
        tmp_path / "tanpa_sub.csv", [["nip", "nama", "unit"], [NIP_A, "Budi", "Sekretariat"]]
    )
    args = ["cek", str(ledger), "--pegawai", str(pegawai), "--tahun", "2025"]
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["rekap_subunit"] == []
    assert "Rekap per sub-unit" not in runner.invoke(app, args).stdout
    out = tmp_path / "laporan.xlsx"
    runner.invoke(app, [*args, "-o", str(out)])
    assert load_workbook(out).sheetnames == [
        "Belum memenuhi", "Rekap per unit", "Sekretariat", "(tanpa unit)",
    ]  # fmt: skip


def test_rekap_di_layar_sesudah_daftar(runner, kantor):
    """The terminal shows the list first, then the recap per unit and per sub-unit with the
    average JP (43 / 3 = 14,33)."""
    shown = _cek(runner, kantor).stdout
    listing = shown.index("belum memenuhi target")
    assert listing < shown.index("Rekap per unit") < shown.index("Rekap per sub-unit")
    unit_line = next(line for line in shown.splitlines() if line.startswith("Bidang GTK"))
    assert unit_line.split() == ["Bidang", "GTK", "3", "1", "2", "33,3%", "43", "14,33"]
    sub_line = next(line for line in shown.splitlines() if "Mutasi" in line)
    assert sub_line.split() == ["Bidang", "GTK", "Mutasi", "2", "1", "1", "50%", "37", "18,5"]


def _rows(ws):
    return [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]


def test_laporan_xlsx_rekap_dan_sheet_per_unit(runner, kantor, tmp_path):
    """The report: the recap per unit with its chart and the average, the recap per sub-unit, and
    a sheet per unit listing only its employees below target, by shortfall (Dewi 14, Ahmad 7)."""
    out = tmp_path / "laporan.xlsx"
    assert _cek(runner, kantor, "-o", str(out)).exit_code == 1
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Belum memenuhi", "Rekap per unit", "Rekap per sub-unit",
        "Sekretariat", "Bidang GTK", "(tanpa unit)",
    ]  # fmt: skip
    recap = _rows(wb["Rekap per unit"])
    assert recap[2] == ("Unit", "Pegawai", "Memenuhi", "Belum", "% memenuhi", "Total JP",
                        "Rata-rata JP")  # fmt: skip
    assert recap[4] == ("Bidang GTK", 3, 1, 2, 33.3, 43, 14.33)
    assert len(wb["Rekap per unit"]._charts) == 1 and len(wb["Rekap per sub-unit"]._charts) == 1
    gtk = _rows(wb["Bidang GTK"])
    assert gtk[1] == ("Unit: Bidang GTK",) + (None,) * 7
    assert [r[:7] for r in gtk[5:]] == [
        (1, NIP_F, "Dewi Anggraini", "Pengembangan", 6, 20, 14),
        (2, NIP_C, "Ahmad Fauzi", "Mutasi", 13, 20, 7),
    ]
    assert _rows(wb["Sekretariat"])[5][:7] == (1, NIP_B, "Citra Lestari", "Keuangan", 8, 20, 12)


def test_per_unit_satu_buku_kerja_per_unit(runner, kantor, tmp_path):
    """--per-unit -o FOLDER/: the folder is made, one workbook per unit opens cleanly with the
    unit's employees below target and its recap per sub-unit, the unit's total last."""
    folder = tmp_path / "laporan" / "unit"
    result = _cek(runner, kantor, "--per-unit", "-o", str(folder))
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "(tanpa_unit).xlsx", "Bidang_GTK.xlsx", "Sekretariat.xlsx",
    ]  # fmt: skip
    wb = load_workbook(folder / "Bidang_GTK.xlsx")
    assert wb.sheetnames == ["Belum memenuhi", "Rekap"]
    assert [r[1] for r in _rows(wb["Belum memenuhi"])[5:]] == [NIP_F, NIP_C]
    assert _rows(wb["Rekap"])[4:] == [
        ("Bidang GTK", "Mutasi", 2, 1, 1, 50, 37, 18.5),
        ("Bidang GTK", "Pengembangan", 1, 0, 1, 0, 6, 6),
        ("JUMLAH UNIT", None, 3, 1, 2, 33.3, 43, 14.33),
    ]
    lone = load_workbook(folder / "(tanpa_unit).xlsx")
    assert [r[:3] for r in _rows(lone["Belum memenuhi"])[5:]] == [(1, NIP_E, "Eka Putra")]


def test_per_unit_tidak_menimpa_tanpa_timpa(runner, kantor, tmp_path):
    """Files already in the folder are refused, all named, nothing written (exit 2); --timpa
    writes over them."""
    folder = tmp_path / "unit"
    folder.mkdir()
    (folder / "Sekretariat.xlsx").write_bytes(b"lama")
    result = _cek(runner, kantor, "--per-unit", "-o", str(folder))
    assert result.exit_code == 2
    assert (
        f"Folder {folder} sudah berisi 1 berkas dengan nama yang akan ditulis (Sekretariat.xlsx); "
        "tidak ada yang ditimpa." in " ".join(result.output.split())
    )
    assert [p.name for p in folder.iterdir()] == ["Sekretariat.xlsx"]
    assert (folder / "Sekretariat.xlsx").read_bytes() == b"lama"
    assert _cek(runner, kantor, "--per-unit", "--timpa", "-o", str(folder)).exit_code == 1
    assert load_workbook(folder / "Sekretariat.xlsx").sheetnames == ["Belum memenuhi", "Rekap"]


def test_per_unit_perlu_folder(runner, kantor, tmp_path):
    """--per-unit without -o, or with -o naming a file, is a usage error (exit 2) saying why."""
    result = _cek(runner, kantor, "--per-unit")
    assert result.exit_code == 2 and "sebutkan foldernya dengan -o" in result.output
    berkas = tmp_path / "laporan.xlsx"
    berkas.write_bytes(b"x")
    result = _cek(runner, kantor, "--per-unit", "-o", str(berkas))
    assert result.exit_code == 2 and "nama tanpa akhiran" in " ".join(result.output.split())


def test_per_unit_gagal_di_tengah_tidak_meninggalkan_sebagian(
    runner, kantor, tmp_path, monkeypatch
):
    """When the second workbook cannot be written (a full disk), the first one is removed and the
    folder jp made too: no half set of workbooks is left (exit 2)."""
    import errno

    from jpcli.render import views

    calls = []

    def full_disk(part, printed, path):
        calls.append(part.unit)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        path.write_bytes(b"ok")

    monkeypatch.setattr(views, "_save_unit", full_disk)
    folder = tmp_path / "unit"
    result = _cek(runner, kantor, "--per-unit", "-o", str(folder))
    assert result.exit_code == 2 and calls == ["Sekretariat", "Bidang GTK"]
    assert not folder.exists()


def test_nama_berkas_aman_di_windows():
    """Unit names made file names Windows accepts: refused characters and spaces become '_',
    device names get '_' in front, no trailing dot, a name twice (whatever its case) gets _2."""
    from jpcli.files.names import file_names

    names = file_names(
        ['Bidang A/B: "Data"', "CON", "Seksi.  ", "???", "sekretariat", "Sekretariat"],
        ".xlsx",
        "unit",
    )
    assert names == [
        "Bidang_A_B_Data.xlsx", "_CON.xlsx", "Seksi.xlsx", "unit.xlsx",
        "sekretariat.xlsx", "Sekretariat_2.xlsx",
    ]  # fmt: skip


def test_nama_sheet_unit_diterima_excel():
    """Sheet names: no [ ] : * ? / \\, at most 25 characters, unique without case."""
    from jpcli.render.units import sheet_name

    taken = {"rekap per unit"}
    assert [
        sheet_name(n, taken)
        for n in ["Rekap per unit", "[Seksi] Data*Informasi?", "Bidang Pembinaan Sekolah Menengah"]
    ] == ["Rekap per unit 2", "-Seksi- Data-Informasi-", "Bidang Pembinaan Sekolah"]


@pytest.mark.parametrize(
    "unit_header, sub_header",
    [
        ("Perangkat Daerah", "Sub Satuan Organisasi"),
        ("OPD", "Seksi"),
        ("Satuan Organisasi", "Sub Unit"),
    ],
)
def test_alias_kolom_unit_dan_subunit(runner, kantor, tmp_path, unit_header, sub_header):
    """Roster headers offices use: the unit as perangkat daerah / OPD / satuan organisasi, the
    sub-unit as sub satuan organisasi / seksi / sub unit (Budi 20 JP in Umum)."""
    ledger, _ = kantor
    pegawai = tulis_csv(
        tmp_path / "alias.csv", [["nip", unit_header, sub_header], [NIP_A, "Dinas X", "Umum"]]
    )
    args = ["cek", str(ledger), "--pegawai", str(pegawai), "--tahun", "2025", "-f", "json"]
    data = json.loads(runner.invoke(app, args).stdout)
    assert data["rekap_subunit"][0] == _line("Dinas X", 1, 1, 100.0, 20.0, 20.0, subunit="Umum")


NIP_PPPK = "199402282022212003"  # digits 13-14 "21": a PPPK number (docs/tafsir.md)


def test_rekap_dipisah_pns_dan_pppk(runner, tmp_path):
    """The recap split by status pegawai, hand-worked: Budi PNS magang 20 (met); Nur Aini PPPK by
    her number, kursus 8; Citra PPPK by the roster's status column, kursus 12 (both below the
    target 20). Sekretariat PNS 1 of 1, 20 JP; Sekretariat PPPK 0 of 2, 20 JP, average 10;
    Bidang GTK's PNS line comes right after its unit's other lines."""
    ledger = tulis_csv(
        tmp_path / "buku.csv",
        [
            KOLOM_CSV,
            [NIP_A, "Budi", "magang", "", "14/07/2025", "25/07/2025", "", "Magang"],
            [NIP_PPPK, "Nur", "kursus", "", "10/03/2025", "", "8", "Kursus"],
            [NIP_B, "Citra", "kursus", "", "10/03/2025", "", "12", "Kursus"],
        ],
    )
    pegawai = tulis_csv(
        tmp_path / "pegawai.csv",
        [
            ["nip", "nama", "unit", "status"],
            [NIP_A, "Budi", "Sekretariat", ""],
            [NIP_C, "Ahmad", "Bidang GTK", ""],
            [NIP_PPPK, "Nur Aini", "Sekretariat", ""],
            [NIP_B, "Citra", "Sekretariat", "PPPK"],
        ],
    )
    args = ["cek", str(ledger), "--pegawai", str(pegawai), "--tahun", "2025"]
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["rekap_status"] == [
        _line("Sekretariat", 1, 1, 100.0, 20.0, 20.0, status="PNS"),
        _line("Sekretariat", 2, 0, 0.0, 20.0, 10.0, status="PPPK"),
        _line("Bidang GTK", 1, 0, 0.0, 0.0, 0.0, status="PNS"),
        _line("SEMUA UNIT", 4, 1, 25.0, 40.0, 10.0, status=""),
    ]
    assert "Rekap per unit dan status pegawai" in runner.invoke(app, args).stdout
    out = tmp_path / "laporan.xlsx"
    runner.invoke(app, [*args, "-o", str(out)])
    assert load_workbook(out).sheetnames[:3] == ["Belum memenuhi", "Rekap per unit",
                                                 "Rekap per status"]  # fmt: skip


def test_unit_dengan_ejaan_berbeda_satu_unit(runner, tmp_path):
    """ "Sekretariat", "sekretariat" and "SEKRETARIAT " (a trailing space) on the roster are one
    unit in the recap, named as first written (each employee 20 JP of bimtek: 3 of 3 met)."""
    nips = ["198503122010011002", "199007242015032005", "197803152003121002"]
    buku = tulis_xlsx(
        tmp_path / "b.xlsx",
        [["nip", "nama", "jenis", "tanggal_mulai", "tanggal_selesai", "jumlah"],
         *[[n, f"P{i}", "bimtek", "10/03/2025", "10/03/2025", 20] for i, n in enumerate(nips)]],
    )  # fmt: skip
    roster = tulis_csv(
        tmp_path / "p.csv",
        [["nip", "nama", "unit"], [nips[0], "P0", "Sekretariat"], [nips[1], "P1", "sekretariat"],
         [nips[2], "P2", "SEKRETARIAT "]],
    )  # fmt: skip
    result = runner.invoke(
        app,
        ["cek", str(buku), "--pegawai", str(roster), "--per-tanggal", "2025-12-31", "-f", "json"],
    )
    rekap = json.loads(result.stdout)["rekap"]
    assert [(r["unit"], r["pegawai"], r["memenuhi"]) for r in rekap] == [
        ("Sekretariat", 3, 3), ("SEMUA UNIT", 3, 3),
    ]  # fmt: skip


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Sekretariat", "Bidang GTK", ""]),
            st.sampled_from(["Seksi A", "Seksi B", ""]),
            st.sampled_from(["PNS", "PPPK"]),
            st.integers(0, 60),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_sifat_rekap_menjumlah_ke_semua_unit(people):
    """Property: whatever the units, sub-units and statuses, each recap's lines add up to its
    SEMUA UNIT line (employees, met, total JP), not met = employees - met, and the average is
    total / employees on every line."""
    from jpcli.core.schema import EMPLOYMENT, MEETS, NIP, SUBUNIT, TOTAL, UNIT
    from jpcli.core.shortfall import recap

    kartu = pd.DataFrame(
        {
            NIP: [f"{i:018d}" for i in range(len(people))],
            UNIT: [p[0] for p in people],
            SUBUNIT: [p[1] for p in people],
            EMPLOYMENT: [p[2] for p in people],
            TOTAL: [float(p[3]) for p in people],
            MEETS: [p[3] >= 20 for p in people],
        }
    )
    for by in ((UNIT,), (UNIT, SUBUNIT), (UNIT, EMPLOYMENT)):
        table = recap(kartu, by)
        lines, everyone = table.iloc[:-1], table.iloc[-1]
        assert everyone[UNIT] == "SEMUA UNIT"
        assert lines["pegawai"].sum() == everyone["pegawai"] == len(people)
        assert lines[MEETS].sum() == everyone[MEETS] == sum(p[3] >= 20 for p in people)
        assert lines["total_jp"].sum() == pytest.approx(everyone["total_jp"])
        assert (table["belum"] == table["pegawai"] - table[MEETS]).all()
        assert (table["rata_jp"] * table["pegawai"]).to_numpy() == pytest.approx(
            table["total_jp"].to_numpy()
        )
