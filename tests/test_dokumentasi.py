"""Every command and every shared option is documented in the README (as sqlite-utils' test_docs)."""

from pathlib import Path

import pytest
import typer.main

from jpcli.cli.app import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
PERINTAH = typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(PERINTAH))
def test_perintah_ada_di_readme(name):
    assert f"`jp {name}" in README


@pytest.mark.parametrize("name", sorted(PERINTAH))
def test_perintah_punya_bantuan_berbahasa_indonesia(name, runner):
    """--help of every command: every argument and option explained, under Indonesian section
    titles (the entry point installs the translation; installed here the same way)."""
    from jpcli.cli import click_i18n

    click_i18n.install()
    command = PERINTAH[name]
    undocumented = [p.name for p in command.params if not getattr(p, "help", None)]
    assert command.help and undocumented == []
    shown = runner.invoke(app, [name, "--help"]).stdout
    assert "Pilihan:" in shown and "Options:" not in shown


@pytest.mark.parametrize(
    "choice",
    [
        "--tahun",
        "--aturan",
        "--pegawai",
        "--target",
        "--format",
        "--keluaran",
        "--lewati-salah",
        "--partisi",
        "--per-tanggal",
        "--nip",
        "--nama",
        "--timpa",
        "--kolom",
        "--hanya-disetujui",
    ],
)
def test_pilihan_ada_di_readme(choice):
    assert choice in README
