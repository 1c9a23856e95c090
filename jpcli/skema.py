"""The columns jp reads (SPEC §1): canonical names, the aliases offices use, which are required."""

from __future__ import annotations

from dataclasses import dataclass

from jpcli.teks import kunci


@dataclass(frozen=True)
class Skema:
    nama: str  # what the sheet holds, for messages: "kegiatan", "pegawai"
    kolom: dict[str, tuple[str, ...]]  # canonical -> aliases
    wajib: tuple[str, ...]

    def peta_judul(self) -> dict[str, str]:
        """Header match key -> canonical column (canonical names first, then aliases)."""
        peta = {kunci(k): k for k in self.kolom}
        for canonical, aliases in self.kolom.items():
            for alias in aliases:
                peta.setdefault(kunci(alias), canonical)
        return peta


KEGIATAN = Skema(
    nama="kegiatan",
    kolom={
        "nip": ("nip_baru", "nomor_induk_pegawai"),
        "nama": ("nama_pegawai",),
        "jenis": ("jenis_kegiatan", "bentuk", "bentuk_kegiatan"),
        "lingkup": ("tingkat",),
        "tanggal_mulai": ("tgl_mulai", "mulai", "tanggal"),
        "tanggal_selesai": ("tgl_selesai", "selesai"),
        # quantity in the unit of the jenis (JP, hari, kegiatan, semester)
        "jumlah": ("volume", "banyaknya", "jumlah_sesi", "jumlah_kali", "jumlah_pertemuan", "jumlah_semester"),
        # days, whatever the jenis: used as the quantity only for jenis counted in days
        "hari": ("jumlah_hari", "durasi_hari", "lama_hari", "lama_kegiatan_hari"),
        # JP as stated on the certificate or record: never multiplied by a day or session value
        "jp": ("jumlah_jp", "jml_jp", "jam_pelajaran", "jumlah_jam", "jumlahjam", "total_jam_pelajaran",
               "total_jp", "jumlah_jam_pelajaran", "jml_jam", "total_jam"),
        "judul": ("nama_kegiatan", "materi", "materi_bimbingan"),
        "penyelenggara": ("pembimbing",),
        "keterangan": ("catatan",),
    },
    wajib=("nip", "jenis", "tanggal_mulai"),
)

PEGAWAI = Skema(
    nama="pegawai",
    kolom={
        "nip": ("nip_baru", "nomor_induk_pegawai"),
        "nama": ("nama_pegawai",),
        "unit": ("unit_kerja", "satuan_kerja", "satker"),
        "jabatan": (),
        "target": ("target_jp",),
    },
    wajib=("nip",),
)
