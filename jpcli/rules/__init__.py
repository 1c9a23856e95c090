"""Rule sets (aturan konversi JP) are data files; this module loads and checks them.

A rule set is a TOML file with one ``[[jenis]]`` table per activity type of the
conversion table (Perlan LAN 10/2018 Lampiran), each carrying its citation. The
format is documented in the README ("Berkas aturan sendiri") and in the header of
``lan-10-2018.toml``.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import pandas as pd

from jpcli.problems import AturanSalah, JpError
from jpcli.render.fmt import kunci

BAWAAN = "lan-10-2018"

# Lampiran II columns, in card order, with the path (jalur) each belongs to.
KOLOM_KARTU: dict[str, str] = {
    "pendidikan": "pendidikan",
    "pelatihan": "klasikal",
    "sosialisasi": "klasikal",
    "workshop": "klasikal",
    "klasikal_lain": "klasikal",
    "coaching": "nonklasikal",
    "mentoring": "nonklasikal",
    "belajar_mandiri": "nonklasikal",
    "nonklasikal_lain": "nonklasikal",
}
JALUR = ("pendidikan", "klasikal", "nonklasikal")
SATUAN = ("JP", "hari", "kegiatan", "semester")
PERIODE = ("hari", "bulan")
LINGKUP = ("nasional", "internasional")
TOLERANSI = 0.005  # JP are decimals: two figures closer than this are equal (they print the same)

_KUNCI_ATAS = {"nama", "judul", "dasar", "jenis"}
_KUNCI_JENIS = {"kode", "nama", "alias", "jalur", "kolom", "satuan", "sumber", "nasional", "internasional", "siasn",
                "catatan"}
_KUNCI_KONVERSI = {"jp", "batas", "per", "sumber"}
_KODE = re.compile(r"^[a-z][a-z0-9_]*$")
# a level or batch written after a training's name: "Tk. III", "Tingkat II", "Angkatan 2", "IV"
_TINGKAT = re.compile(r"^(tk|tkt|tingkat|angkatan|ang|gelombang|kelas|i{1,3}|iv|v|[0-9]{1,3})$")
_LINGKUP_DALAM_NAMA = {
    ("internasional",): "internasional", ("luar", "negeri"): "internasional", ("ln",): "internasional",
    ("nasional",): "nasional", ("dalam", "negeri"): "nasional",
}


def _tanpa_lingkup(token: list[str]) -> tuple[list[str], str | None]:
    """The words of a name without the scope it states ("Seminar Internasional"), and that scope."""
    for kata, lingkup in _LINGKUP_DALAM_NAMA.items():
        n = len(kata)
        for i in range(len(token) - n + 1):
            if tuple(token[i:i + n]) == kata and len(token) > n:
                return token[:i] + token[i + n:], lingkup
    return token, None


@dataclass(frozen=True)
class Konversi:
    """How one jenis converts for one lingkup.

    ``jp`` is JP per unit (for unit JP, the multiplier: 1 or 1.2). ``batas`` caps the
    units counted per period (``per``: "hari" or "bulan") before the multiplier
    (SPEC §2: multipliers apply after the cap). ``sumber``: the clause for this lingkup when it
    differs from the jenis' own citation (e.g. the international column of the table).
    """

    jp: float
    batas: float | None = None
    per: str | None = None
    sumber: str | None = None


@dataclass(frozen=True)
class Jenis:
    kode: str
    nama: str
    alias: tuple[str, ...]
    jalur: str
    kolom: str
    satuan: str
    sumber: str
    nasional: Konversi
    internasional: Konversi | None
    siasn: tuple[int, ...] = ()  # SIASN's jenisDiklatId codes that mean this jenis
    catatan: str = ""  # an assumption jp makes where the table is silent, shown by jp aturan

    def konversi(self, lingkup: str) -> Konversi | None:
        return self.nasional if lingkup == "nasional" else self.internasional

    def sumber_untuk(self, lingkup: str) -> str:
        """The citation for this jenis in this lingkup."""
        k = self.konversi(lingkup)
        return k.sumber if k is not None and k.sumber else self.sumber


@dataclass(frozen=True)
class Aturan:
    """A validated rule set."""

    nama: str
    judul: str
    asal: str  # where it came from: "bawaan" or the file path
    jenis: tuple[Jenis, ...] = field(repr=False)

    @cached_property
    def per_kode(self) -> dict[str, Jenis]:
        return {j.kode: j for j in self.jenis}

    @cached_property
    def kunci_ke_kode(self) -> dict[str, str]:
        """Every accepted spelling (code, table name, aliases) as a match key -> code."""
        keys: dict[str, str] = {}
        for j in self.jenis:
            for text in (j.kode, j.nama, *j.alias):
                keys.setdefault(kunci(text), j.kode)
        return keys

    def cari(self, teks: object) -> str | None:
        """The code for what a user typed in the jenis column, or None."""
        return self.cari_dengan_lingkup(teks)[0]

    def cari_dengan_lingkup(self, teks: object) -> tuple[str | None, str | None]:
        """(code, lingkup the name itself states) for a jenis as offices and SIASN write it.

        Tried in order: the whole name ("Pelatihan Kepemimpinan Nasional" keeps its meaning); the
        name without a scope word ("Webinar Nasional" -> seminar, nasional); without a level or batch
        at the end ("Diklat PIM Tk. III" -> diklat pim); and the parts of a name joined by "/" or
        "atau" ("SEPALA/ADUM/DIKLAT PIM TK.IV", "Workshop atau Lokakarya"), when they all name the
        same jenis. A name whose parts name different jenis is not guessed.
        """
        key = kunci(teks)
        kode = self._cari_kunci(key)
        if kode is not None:
            return kode, None
        token = key.split("_")
        tanpa, lingkup = _tanpa_lingkup(token)
        if lingkup is not None:
            kode = self._cari_kunci("_".join(tanpa))
            if kode is not None:
                return kode, lingkup
        bagian = [b for b in re.split(r"/|\batau\b", str(teks).lower()) if b.strip()]
        if len(bagian) > 1:
            hasil = {self.cari_dengan_lingkup(b) for b in bagian}
            dikenal = {h for h in hasil if h[0] is not None}
            if len(dikenal) == 1:
                return dikenal.pop()
        return None, None

    def _cari_kunci(self, key: str) -> str | None:
        if key in self.kunci_ke_kode:
            return self.kunci_ke_kode[key]
        token = key.split("_")
        while token and _TINGKAT.match(token[-1]):  # "tk", "iii", "angkatan", "2" at the end
            token.pop()
            if "_".join(token) in self.kunci_ke_kode:
                return self.kunci_ke_kode["_".join(token)]
        return None

    @cached_property
    def per_siasn(self) -> dict[int, str]:
        """SIASN jenisDiklatId -> code."""
        return {nomor: j.kode for j in self.jenis for nomor in j.siasn}

    @cached_property
    def tabel(self) -> pd.DataFrame:
        """One row per (kode, lingkup) that has a conversion; the compute step joins on it."""
        rows = []
        for j in self.jenis:
            for lingkup in LINGKUP:
                k = j.konversi(lingkup)
                if k is None:
                    continue
                rows.append(
                    {
                        "jenis": j.kode,
                        "lingkup": lingkup,
                        "jp_per_satuan": float(k.jp),
                        "batas": float(k.batas) if k.batas is not None else math.nan,
                        "per": k.per or "",
                        "satuan": j.satuan,
                        "kolom": j.kolom,
                        "jalur": j.jalur,
                    }
                )
        return pd.DataFrame(rows)


def daftar_bawaan() -> list[str]:
    folder = resources.files(__name__)
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def muat_aturan(nama_atau_path: str | Path | None = None) -> Aturan:
    """Load a bundled rule set by name, or a user's TOML file by path."""
    pilihan = str(nama_atau_path) if nama_atau_path else BAWAAN
    return _muat(pilihan, tersusun=())


def _muat(pilihan: str, tersusun: tuple[str, ...]) -> Aturan:
    if pilihan in daftar_bawaan():
        teks = resources.files(__name__).joinpath(f"{pilihan}.toml").read_text(encoding="utf-8")
        asal, folder = "bawaan", None
    else:
        path = Path(pilihan)
        if not path.is_file():
            raise JpError(
                f"Aturan {pilihan!r} tidak dikenal dan bukan berkas yang ada. "
                f"Aturan bawaan: {', '.join(daftar_bawaan())}; atau beri path ke berkas .toml."
            )
        try:
            teks = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise JpError(f"Berkas aturan {path} tidak dapat dibaca: {exc}") from exc
        asal, folder = str(path), path.parent
    if pilihan in tersusun:
        raise JpError(f"Aturan {pilihan!r} mewarisi dirinya sendiri (dasar melingkar: {' -> '.join(tersusun)}).")
    label = pilihan if asal == "bawaan" else asal
    try:
        data = tomllib.loads(teks)
    except tomllib.TOMLDecodeError as exc:
        raise AturanSalah(label, [f"bukan TOML yang sah: {exc}"]) from exc

    kesalahan: list[str] = []
    for k in sorted(set(data) - _KUNCI_ATAS):
        kesalahan.append(f"kunci {k!r} tidak dikenal (yang dikenal: {', '.join(sorted(_KUNCI_ATAS))})")

    dasar: dict[str, Jenis] = {}
    if "dasar" in data:
        nama_dasar = data["dasar"]
        if not isinstance(nama_dasar, str):
            kesalahan.append("dasar: harus nama aturan bawaan atau path berkas .toml")
        else:
            if folder is not None and nama_dasar not in daftar_bawaan():
                nama_dasar = str(folder / nama_dasar)
            dasar = dict(_muat(nama_dasar, tersusun + (pilihan,)).per_kode)

    entries = data.get("jenis", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        kesalahan.append("jenis: harus daftar tabel [[jenis]]")
        entries = []
    if not entries and not dasar:
        kesalahan.append("tidak ada [[jenis]] sama sekali")

    baru: dict[str, Jenis] = {}
    for i, entry in enumerate(entries, start=1):
        jenis = _periksa_jenis(entry, f"jenis[{i}]", kesalahan)
        if jenis is None:
            continue
        if "siasn" not in entry and jenis.kode in dasar:  # SIASN's codes say what a jenis is, not a policy
            jenis = dataclasses.replace(jenis, siasn=dasar[jenis.kode].siasn)
        if jenis.kode in baru:
            kesalahan.append(f"jenis[{i}] ({jenis.kode}): kode ganda, sudah dipakai jenis lain di berkas ini")
        baru[jenis.kode] = jenis

    semua = {**dasar, **baru}
    _periksa_alias(list(semua.values()), kesalahan)
    _periksa_siasn(list(semua.values()), kesalahan)
    if kesalahan:
        raise AturanSalah(label, kesalahan)

    nama = data.get("nama") or (Path(pilihan).stem if asal != "bawaan" else pilihan)
    judul = data.get("judul") or nama
    return Aturan(nama=str(nama), judul=str(judul), asal=asal, jenis=tuple(semua.values()))


def _periksa_jenis(entry: dict, tempat: str, kesalahan: list[str]) -> Jenis | None:
    kode = entry.get("kode")
    if isinstance(kode, str):
        tempat = f"{tempat} ({kode})"
    n_awal = len(kesalahan)
    for k in sorted(set(entry) - _KUNCI_JENIS):
        kesalahan.append(f"{tempat}: kunci {k!r} tidak dikenal (yang dikenal: {', '.join(sorted(_KUNCI_JENIS))})")
    for k in ("kode", "nama", "jalur", "kolom", "satuan", "sumber", "nasional"):
        if k not in entry:
            kesalahan.append(f"{tempat}: kunci {k!r} wajib ada")
    for k in ("kode", "nama", "jalur", "kolom", "satuan", "sumber"):
        if k in entry and not (isinstance(entry[k], str) and entry[k].strip()):
            kesalahan.append(f"{tempat}.{k}: harus teks yang tidak kosong")
    if isinstance(kode, str) and not _KODE.match(kode):
        kesalahan.append(f"{tempat}.kode: {kode!r} harus huruf kecil, angka dan garis bawah (contoh: e_learning)")

    jalur, kolom = entry.get("jalur"), entry.get("kolom")
    if isinstance(jalur, str) and jalur not in JALUR:
        kesalahan.append(f"{tempat}.jalur: {jalur!r} tidak dikenal; pilih salah satu: {', '.join(JALUR)}")
    if isinstance(kolom, str):
        if kolom not in KOLOM_KARTU:
            kesalahan.append(f"{tempat}.kolom: {kolom!r} bukan kolom kartu; pilih salah satu: {', '.join(KOLOM_KARTU)}")
        elif isinstance(jalur, str) and jalur in JALUR and KOLOM_KARTU[kolom] != jalur:
            kesalahan.append(f"{tempat}.kolom: kolom {kolom!r} termasuk jalur {KOLOM_KARTU[kolom]}, bukan {jalur}")

    satuan = entry.get("satuan")
    if isinstance(satuan, str):
        cocok = [s for s in SATUAN if s.lower() == satuan.strip().lower()]
        if not cocok:
            kesalahan.append(f"{tempat}.satuan: {satuan!r} tidak dikenal; pilih salah satu: {', '.join(SATUAN)}")
        else:
            satuan = cocok[0]

    alias = entry.get("alias", [])
    if not isinstance(alias, list) or not all(isinstance(a, str) and a.strip() for a in alias):
        kesalahan.append(f"{tempat}.alias: harus daftar teks, contoh [\"bimtek\"]")
        alias = []

    siasn = entry.get("siasn", [])
    if not isinstance(siasn, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in siasn):
        kesalahan.append(f"{tempat}.siasn: harus daftar nomor jenis diklat SIASN, contoh [3]")
        siasn = []
    catatan = entry.get("catatan", "")
    if not isinstance(catatan, str):
        kesalahan.append(f"{tempat}.catatan: harus teks")
        catatan = ""

    konversi = {}
    for lingkup in LINGKUP:
        if lingkup in entry:
            konversi[lingkup] = _periksa_konversi(entry[lingkup], f"{tempat}.{lingkup}", kesalahan)

    if len(kesalahan) > n_awal:
        return None
    return Jenis(
        kode=kode,
        nama=entry["nama"].strip(),
        alias=tuple(a.strip() for a in alias),
        jalur=jalur,
        kolom=kolom,
        satuan=satuan,
        sumber=entry["sumber"].strip(),
        nasional=konversi["nasional"],
        internasional=konversi.get("internasional"),
        siasn=tuple(siasn),
        catatan=catatan.strip(),
    )


def _angka(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _periksa_konversi(entry: object, tempat: str, kesalahan: list[str]) -> Konversi | None:
    if not isinstance(entry, dict):
        kesalahan.append(f"{tempat}: harus tabel, contoh {{ jp = 2, batas = 2, per = \"bulan\" }}")
        return None
    n_awal = len(kesalahan)
    for k in sorted(set(entry) - _KUNCI_KONVERSI):
        kesalahan.append(f"{tempat}: kunci {k!r} tidak dikenal (yang dikenal: jp, batas, per, sumber)")
    jp = entry.get("jp")
    if jp is None:
        kesalahan.append(f"{tempat}.jp: wajib ada (JP per satuan; untuk satuan JP: 1, atau 1.2 untuk +20%)")
    elif not _angka(jp) or jp <= 0:
        kesalahan.append(f"{tempat}.jp: {jp!r} harus angka lebih dari 0")
    batas, per = entry.get("batas"), entry.get("per")
    if batas is not None and (not _angka(batas) or batas <= 0):
        kesalahan.append(f"{tempat}.batas: {batas!r} harus angka lebih dari 0")
    if (batas is None) != (per is None):
        kesalahan.append(f"{tempat}: batas dan per harus diisi berdua (contoh: batas = 2, per = \"hari\")")
    if per is not None and per not in PERIODE:
        kesalahan.append(f"{tempat}.per: {per!r} tidak dikenal; pilih \"hari\" atau \"bulan\"")
    sumber = entry.get("sumber")
    if sumber is not None and not (isinstance(sumber, str) and sumber.strip()):
        kesalahan.append(f"{tempat}.sumber: harus teks yang tidak kosong (dasar hukum untuk lingkup ini)")
    if len(kesalahan) > n_awal:
        return None
    return Konversi(jp=float(jp), batas=float(batas) if batas is not None else None, per=per,
                    sumber=sumber.strip() if sumber else None)


def _periksa_alias(jenis: list[Jenis], kesalahan: list[str]) -> None:
    """Every spelling must point at exactly one jenis, or a typed value would be ambiguous."""
    pemilik: dict[str, str] = {}
    for j in jenis:
        for text in dict.fromkeys((j.kode, j.nama, *j.alias)):
            key = kunci(text)
            lain = pemilik.setdefault(key, j.kode)
            if lain != j.kode:
                kesalahan.append(f"alias {text!r} dipakai oleh dua jenis: {lain} dan {j.kode}")


def _periksa_siasn(jenis: list[Jenis], kesalahan: list[str]) -> None:
    """A SIASN jenisDiklatId must mean one jenis."""
    pemilik: dict[int, str] = {}
    for j in jenis:
        for nomor in j.siasn:
            lain = pemilik.setdefault(nomor, j.kode)
            if lain != j.kode:
                kesalahan.append(f"kode SIASN {nomor} dipakai oleh dua jenis: {lain} dan {j.kode}")
