"""Pin the terminal so CI output matches local output (STYLE.md), and share small helpers."""

import os

os.environ["TERMINAL_WIDTH"] = "200"
os.environ["COLUMNS"] = "200"
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["NO_COLOR"] = "1"
os.environ.pop("JP_LEDGER", None)

import pytest  # noqa: E402


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()
