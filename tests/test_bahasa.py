"""Usage errors from Typer/Click reach the user in Indonesian, with exit code 2 (SPEC §4)."""

import subprocess
import sys

import pytest

from jpcli.cli.click_i18n import translate


@pytest.mark.parametrize(
    ("english", "indonesia"),
    [
        (
            "No such option: --foo (Possible options: --format)",
            "pilihan --foo tidak dikenal. Mungkin maksud Anda --format?",
        ),
        (
            "Invalid value for '--format' / '-f': Value error, 'xml' is not one of 'tabel', 'json', 'csv'.",
            "nilai tidak sah untuk '--format' / '-f': 'xml' bukan salah satu dari 'tabel', 'json', 'csv'.",
        ),
        (
            "Invalid value for '--tahun': Input should be a valid integer, unable to parse string as an integer",
            "nilai tidak sah untuk '--tahun': harus bilangan bulat.",
        ),
        ("Option '--tahun' requires an argument.", "pilihan --tahun memerlukan nilai."),
        ("Got unexpected extra argument(s) (b)", "argumen berlebih: b."),
    ],
)
def test_terjemahan_pesan_penggunaan(english, indonesia):
    assert translate(english) == indonesia


def test_pesan_tak_dikenal_tidak_diubah():
    assert translate("Something new from Click") == "Something new from Click"


def test_jp_sebagai_proses_pilihan_salah_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "jpcli", "hitung", "x.xlsx", "--format", "xml"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "bukan salah satu dari" in proc.stderr and "Traceback" not in proc.stderr


def test_pemasangan_terjemahan_sekali_saja():
    """install() replaces typer's gettext function once per process: a second call (a second
    main() in the same process, as in tests) keeps the first wrapper instead of wrapping it."""
    import typer.core

    from jpcli.cli import click_i18n

    click_i18n.install()
    first = typer.core._
    click_i18n.install()
    assert typer.core._ is first
    assert typer.core._("Options") != "Options"  # the table's title is used


@pytest.mark.parametrize(
    "args",
    [["--help"], *([c, "--help"] for c in ("hitung", "kartu", "cek", "validasi", "templat",
                                           "aturan", "riwayat"))],
)  # fmt: skip
def test_bantuan_tanpa_kata_inggris_dari_kerangka(args):
    """jp --help and every command's help, as the installed command prints them, carry no
    English from Typer/Click: "Pemakaian:" not "Usage:", [PILIHAN] not [OPTIONS], PERINTAH
    [ARGUMEN] not COMMAND [ARGS], BUKU not LEDGER, no type words (<str>, <path>, <int range>),
    and the help option explained in Indonesian."""
    proc = subprocess.run(
        [sys.executable, "-m", "jpcli", *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    help_text = proc.stdout
    assert help_text.startswith(f"Pemakaian: jp {args[0] if len(args) > 1 else ''}".rstrip())
    for english in ("Usage", "Show this message", "[OPTIONS]", "COMMAND", "[ARGS]", " LEDGER",
                    "Options:", "Arguments:", "Commands:", "env var", "default:",
                    "<str>", "<path>", "<int", "range>", "<float>"):  # fmt: skip
        assert english not in help_text, english
    assert "-h, --help" in help_text and "Tampilkan bantuan ini lalu keluar." in help_text
