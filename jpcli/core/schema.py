"""The typed frames handed between stages: one name per column.

The values are the names jp's JSON uses (``baris``, ``tanggal_selesai``, ``jp_diakui``),
so a frame can be written out as it is; code refers to them by these constants.
"""

# ---- an activity row, as normalize leaves it
ROW = "baris"  # row number as Excel shows it (header = its own row)
NIP = "nip"
NAME = "nama"
JENIS = "jenis"  # a code of the rule set
LINGKUP = "lingkup"  # "nasional" | "internasional"
START = "tanggal_mulai"
END = "tanggal_selesai"  # decides the year
QUANTITY = "jumlah"  # in the jenis' unit, defaults resolved
JP_STATED = "jp_tertulis"  # JP as written on the certificate (NaN when blank); never multiplied
TITLE = "judul"
ORGANISER = "penyelenggara"  # or the coach/mentor
NOTE = "keterangan"
CERTIFICATE_NO = "nomor_sertifikat"
CERTIFICATE_DATE = "tanggal_sertifikat"
# what ``jp kartu --nip`` looks at in every row of the file, not only the employee's: the NIP, and
# the dates that give the years the file spans (``pipeline.employee_ledger``)
ONE_EMPLOYEE_WHOLE_FILE = (NIP, END, START, CERTIFICATE_DATE)
STATUS = "status"  # "disetujui" | "ditinjau" | "ditolak"
REVIEW_REASON = "alasan_verifikasi"
JENIS_SOURCE = "sumber_jenis"  # the header the jenis was read from
DUPLICATE_OF = "duplikat_dari"  # row this one exactly repeats (counted 0), else 0
TEXT_COLUMNS = (TITLE, ORGANISER, NOTE, CERTIFICATE_NO)

# ---- added by compute
SATUAN = "satuan"
CARD_COLUMN = "kolom"  # the Lampiran II column the JP land in
TRACK = "jalur"
JP_PER_UNIT = "jp_per_satuan"
BATAS = "batas"
PER = "per"
JP_RAW = "jp_mentah"  # quantity x JP per unit, before caps
UNITS_COUNTED = "satuan_diakui"
JP_COUNTED = "jp_diakui"
YEAR = "tahun"

# ---- added by explain
REASON = "alasan"  # why a row counts less than its raw JP, as (code, args), or None

# ---- a cap portion (compute.cap_portions): one row and one cap period
PERIOD = "periode"  # first day of the period
CAP_GROUP = "kelompok"  # the employee, jenis and period the cap is counted in
ORDER = "urutan"  # the order portions took units in

# ---- the Lampiran II card, one row per employee (its JSON keys)
NO = "no"
UNIT = "unit"
SUBUNIT = "subunit"  # sub-unit (subbidang, seksi) within the unit
POSITION = "jabatan"
TOTAL = "total"
TARGET = "target"
MEETS = "memenuhi"
EMPLOYMENT = "status"  # PNS | PPPK | CPNS: the roster's, else from the NIP (docs/tafsir.md)
CONTRACT_START = "tmt"  # a PPPK's start of contract (roster), NaT when not written
PERIOD_START = "periode_mulai"  # the period the card measures (a calendar or a contract year)
PERIOD_END = "periode_selesai"
CEILING = "plafon"  # the most JP of assigned development a period may hold (NaN: none)
SHORT = "kurang"
