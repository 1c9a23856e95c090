"""jp: pemenuhan hak 20 JP pengembangan kompetensi ASN, dihitung dari buku kegiatan.

Alur data satu arah: baca (read) -> normalisasi (normalize) -> hitung (compute)
-> kartu (card) -> tampilkan (render). Modul ``pipeline`` merangkai semuanya.
"""

__version__ = "0.1.0"
