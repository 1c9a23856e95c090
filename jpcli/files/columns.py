"""The columns jp reads: canonical names, the headers offices and exports use, which are required.

Headers are matched by ``match_key`` (case, spaces, dashes, camelCase and UPPER_CASE do not
matter), so one alias covers "Tanggal Mulai", "tanggal_mulai", "tanggalMulai" and "TANGGAL_MULAI".
The aliases include the field names of SIASN's riwayat kursus/diklat (API and exports), the
SIMPEG tables that mirror them, web-app reports (e.g. Bangkom) and office workbooks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def match_key(text: object) -> str:
    """Matching key: camelCase split, lower case, every run of spaces/dashes/punctuation becomes
    '_'.

    'Tanggal Mulai' -> 'tanggal_mulai', 'E-Learning' -> 'e_learning', 'nipBaru' -> 'nip_baru',
    'NIP_BARU' -> 'nip_baru' (SIASN's API writes camelCase, SIMPEG tables UPPER_CASE).
    """
    return _NON_ALNUM.sub("_", _CAMEL.sub("_", str(text).strip()).lower()).strip("_")


@dataclass(frozen=True)
class Schema:
    name: str  # what the sheet holds, for messages: "kegiatan", "pegawai"
    columns: dict[str, tuple[str, ...]]  # canonical -> aliases
    required: tuple[
        tuple[str, ...], ...
    ]  # each entry: at least one of these columns must be present
    # identity columns: a cell merged down over several rows is filled into each of them, as
    # Excel shows it (one NIP merged over an employee's rows); any other merged cell is read in
    # its top row only (a merged jumlah is one quantity, not one per row)
    fill_down: tuple[str, ...] = ("nip", "nama")

    def header_map(self) -> dict[str, str]:
        """Header match key -> canonical column (canonical names first, then aliases)."""
        mapping = {match_key(k): k for k in self.columns}
        for canonical, aliases in self.columns.items():
            for alias in aliases:
                mapping.setdefault(match_key(alias), canonical)
        return mapping

    def missing_required(self, present: set[str]) -> list[tuple[str, ...]]:
        """The required entries none of whose columns is among ``present``."""
        return [choice for choice in self.required if not present & set(choice)]


KEGIATAN = Schema(
    name="kegiatan",
    columns={
        "nip": ("nip_baru", "nomor_induk_pegawai", "nip_pegawai", "nipbaru", "nip_asn"),
        "nama": ("nama_pegawai", "nama_lengkap", "nama_asn", "nama_pns"),
        # the jenis may be written in up to three columns; per row the first one jp recognises is
        # used, in this order: a sub-type (Bangkom's "Sub Jenis Diklat"), the type, SIASN's numeric
        # code
        "sub_jenis": (
            "sub_jenis_diklat",
            "sub_jenis_kegiatan",
            "sub_jenis_pengembangan_kompetensi",
        ),
        "jenis": (
            "jenis_kegiatan",
            "bentuk",
            "bentuk_kegiatan",
            "jenis_diklat",
            "jenis_kursus",
            "jenis_kursus_nama",
            "latihan_struktural_nama",
            "jenis_pengembangan_kompetensi",
            "bentuk_pengembangan_kompetensi",
            "jenis_bangkom",
            "jenis_pelatihan",
            "nama_jenis_diklat",
        ),
        "jenis_siasn": (
            "jenis_diklat_id",
            "id_jenis_diklat",
            "kode_jenis_diklat",
            "kodejenisdiklat",
            "jenis_diklat_siasn",
        ),
        "lingkup": ("tingkat", "cakupan", "lingkup_kegiatan", "tingkat_kegiatan"),
        "tanggal_mulai": (
            "tgl_mulai",
            "mulai",
            "tanggal",
            "tanggal_kursus",
            "tanggal_mulai_kursus",
            "tgl_awal",
            "tanggal_awal",
            "tanggal_mulai_diklat",
        ),
        "tanggal_selesai": (
            "tgl_selesai",
            "selesai",
            "tanggal_selesai_kursus",
            "tgl_akhir",
            "tanggal_akhir",
            "tanggal_selesai_diklat",
        ),
        # the certificate's date: the end date when no end date is given
        "tanggal_sertifikat": (
            "tanggal_sertipikat",
            "tgl_sertifikat",
            "tgl_sertipikat",
            "tanggal_sttpp",
            "tgl_sttpp",
            "tanggal_sttp",
            "tanggal_piagam",
            "tgl_piagam",
        ),
        # quantity in the unit of the jenis (JP, hari, kegiatan, semester)
        "jumlah": (
            "volume",
            "banyaknya",
            "jumlah_sesi",
            "jumlah_kali",
            "jumlah_pertemuan",
            "jumlah_semester",
        ),
        # days, whatever the jenis: used as the quantity only for jenis counted in days
        "hari": ("jumlah_hari", "durasi_hari", "lama_hari", "lama_kegiatan_hari"),
        # JP as stated on the certificate or record: never multiplied by a day or session value
        "jp": (
            "jumlah_jp",
            "jml_jp",
            "jam_pelajaran",
            "jumlah_jam",
            "jumlahjam",
            "total_jam_pelajaran",
            "total_jp",
            "jumlah_jam_pelajaran",
            "jml_jam",
            "total_jam",
            "lama_pendidikan",
            "lama_pelatihan",
            "lama_pelatihan_jp",
            "durasi_jam",
            "lama_jam",
            "jp_diklat",
        ),
        "judul": (
            "nama_kegiatan",
            "materi",
            "materi_bimbingan",
            "nama_kursus",
            "nama_diklat",
            "diklat_nama",
            "judul_kegiatan",
            "nama_pelatihan",
        ),
        "penyelenggara": (
            "pembimbing",
            "institusi_penyelenggara",
            "penyelenggara_diklat",
            "instansi_penyelenggara",
            "lembaga_penyelenggara",
        ),
        "nomor_sertifikat": (
            "no_sertipikat",
            "no_sertifikat",
            "nomor_sertipikat",
            "nomor_sttpp",
            "no_sttpp",
            "nomor_sttp",
            "no_piagam",
            "nomor_piagam",
            "nomor",
        ),
        # verification by the HR office or an app: rejected rows never count
        "status": (
            "status_verifikasi",
            "status_usulan",
            "verifikasi",
            "status_validasi",
            "status_laporan",
        ),
        "alasan": (
            "alasan_penolakan",
            "alasan_ditolak",
            "catatan_verifikator",
            "catatan_verifikasi",
        ),
        "keterangan": ("catatan",),
    },
    required=(
        ("nip",),
        ("jenis", "sub_jenis", "jenis_siasn"),
        ("tanggal_mulai", "tanggal_selesai", "tanggal_sertifikat"),
    ),
)

PEGAWAI = Schema(
    name="pegawai",
    columns={
        "nip": ("nip_baru", "nomor_induk_pegawai", "nip_pegawai", "nipbaru", "nip_asn"),
        "nama": ("nama_pegawai", "nama_lengkap", "nama_asn", "nama_pns"),
        "unit": (
            "unit_kerja",
            "satuan_kerja",
            "satker",
            "unit_organisasi",
            "bidang",
            "satuan_organisasi",
            "perangkat_daerah",
            "opd",
        ),
        # the sub-unit within the unit: jp cek's recap per sub-unit
        "subunit": (
            "subbidang",
            "sub_bidang",
            "sub_satuan_organisasi",
            "sub_unit",
            "sub_unit_kerja",
            "seksi",
        ),
        "jabatan": ("nama_jabatan",),
        "target": ("target_jp",),
        # status pegawai and the start of a PPPK contract (docs/tafsir.md, "Status pegawai")
        "status": (
            "status_pegawai",
            "status_kepegawaian",
            "jenis_pegawai",
            "jenis_kepegawaian",
            "jenis_asn",
            "status_asn",
        ),
        "tmt": (
            "tmt_kontrak",
            "tmt_pppk",
            "tmt_perjanjian_kerja",
            "tmt_perjanjian",
            "tmt_pengangkatan",
            "awal_kontrak",
            "mulai_kontrak",
            "tanggal_mulai_kontrak",
        ),
    },
    required=(("nip",),),
    # a roster merges the unit (and often the position) over the employees it holds
    fill_down=("nip", "nama", "unit", "subunit", "jabatan"),
)


def layout_overrides(header_keys: set[str], column: set[str]) -> dict[str, str]:
    """Headers whose meaning depends on the layout they come in: header key -> canonical column.

    In SIMPEG's kursus export (UPPER_CASE: NAMA beside JENIS_KURSUS_NAMA and a certificate date,
    no title column) NAMA is the course's name, not the person's.
    """
    if (
        {"nama", "jenis_kursus_nama"} <= header_keys
        and "tanggal_sertifikat" in column
        and "judul" not in column
    ):
        return {"nama": "judul"}
    return {}


HEADER_SEARCH_ROWS = 30  # rows searched for the header row


def cell_text(value: object) -> str:
    """A cell as header text: blank for None and NaN, else its text without outer spaces."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def header_position(rows: Iterable[Sequence[object]], mapping: dict[str, str]) -> int:
    """Position of the header row among the first rows of a sheet: the one naming most distinct
    columns (``mapping``: header key -> canonical column), the first of equals."""
    best_pos, best_hits = 0, -1
    for pos, row in enumerate(rows):
        hits = len({mapping[k] for k in (match_key(cell_text(v)) for v in row) if k in mapping})
        if hits > best_hits:
            best_pos, best_hits = pos, hits
    return best_pos
