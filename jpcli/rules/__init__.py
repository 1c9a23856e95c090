"""Rule sets (aturan konversi JP) are data files; this package loads and checks them.

A rule set is a TOML file with one ``[[jenis]]`` table per activity type of the
conversion table (Perlan LAN 10/2018 Lampiran), each carrying its citation. The
format is documented in the README ("Berkas aturan sendiri") and in the header of
``lan-10-2018.toml``. The model: ``model``; loading and checking: ``load``.
"""

from jpcli.rules.load import bundled_names, load_rules
from jpcli.rules.model import (
    CARD_COLUMNS,
    DEFAULT_RULES,
    JP_COLUMNS,
    KLASIKAL_COLUMNS,
    LINGKUP,
    NONKLASIKAL_COLUMNS,
    PERIODS,
    SATUAN,
    STATUSES,
    TOLERANCE,
    TRACKS,
    Conversion,
    Jenis,
    RuleSet,
    Target,
)

__all__ = [
    "CARD_COLUMNS",
    "DEFAULT_RULES",
    "JP_COLUMNS",
    "KLASIKAL_COLUMNS",
    "LINGKUP",
    "NONKLASIKAL_COLUMNS",
    "PERIODS",
    "SATUAN",
    "STATUSES",
    "TOLERANCE",
    "TRACKS",
    "Conversion",
    "Jenis",
    "RuleSet",
    "Target",
    "bundled_names",
    "load_rules",
]
