"""Indonesian for the parts of the command line that come from Typer/Click.

Help headings go through gettext in ``typer.core``; usage errors are plain English
strings, so they are translated at display time by pattern. Anything not recognised is
shown as it is: a message in English is better than no message.
"""

from __future__ import annotations

import re

_TITLES = {
    "Options": "Pilihan",
    "Arguments": "Argumen",
    "Commands": "Perintah",
    "required": "wajib",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "Missing command.": "Perintah belum disebut.",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "Aborted!": "Dibatalkan.",
}

_PATTERNS = [
    (
        re.compile(
            r"^No such option: (?P<a>\S+)"
            r"(?: Did you mean (?P<b>.+)\?| \(Possible options: (?P<c>.+)\))?$",
            re.S,
        ),
        lambda m: (
            f"pilihan {m['a']} tidak dikenal."
            + (f" Mungkin maksud Anda {m['b'] or m['c']}?" if m["b"] or m["c"] else "")
        ),
    ),
    (
        re.compile(r"^Invalid value for (?P<a>.+?): (?:Value error, )?(?P<b>.+)$", re.S),
        lambda m: f"nilai tidak sah untuk {m['a']}: {_value_text(m['b'])}",
    ),
    (
        re.compile(r"^Missing argument '?(?P<a>[^']+)'?\.$"),
        lambda m: f"argumen {m['a']} belum diisi.",
    ),
    (
        re.compile(r"^Missing option '?(?P<a>[^']+)'?\.?$"),
        lambda m: f"pilihan {m['a']} wajib diisi.",
    ),
    (
        re.compile(r"^Option '?(?P<a>[^']+)'? requires an argument\.$"),
        lambda m: f"pilihan {m['a']} memerlukan nilai.",
    ),
    (
        re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<a>.+)\)$"),
        lambda m: f"argumen berlebih: {m['a']}.",
    ),
    (
        re.compile(r"^No such command '?(?P<a>[^']+)'?\.$"),
        lambda m: f"perintah {m['a']} tidak dikenal. Lihat: jp --help",
    ),
]

_VALUES = [
    (re.compile(r"^(?P<v>.+) is not one of (?P<c>.+?)\.?$"), "{v} bukan salah satu dari {c}."),
    (re.compile(r"^(?P<v>.+) is not a valid integer\.?$"), "{v} bukan bilangan bulat."),
    (re.compile(r"^(?P<v>.+) is not a valid float\.?$"), "{v} bukan angka."),
    (re.compile(r"^(?P<v>.+) is not in the range (?P<c>.+?)\.?$"), "{v} di luar rentang {c}."),
    (re.compile(r"^Input should be a valid integer.*$"), "harus bilangan bulat."),
    (re.compile(r"^Input should be a valid number.*$"), "harus angka."),
    (re.compile(r"^Input should be greater than or equal to (?P<v>\S+?)\.?$"), "paling kecil {v}."),
    (re.compile(r"^Input should be less than or equal to (?P<v>\S+?)\.?$"), "paling besar {v}."),
]


def _value_text(text: str) -> str:
    for pattern, replacement in _VALUES:
        if m := pattern.match(text.strip()):
            return replacement.format(**m.groupdict())
    return text


def translate(message: str) -> str:
    """A Click usage-error message in Indonesian (unchanged when not recognised)."""
    message = message.strip().replace(" Did you mean ", " Mungkin maksud Anda ")
    for pattern, replacement in _PATTERNS:
        if m := pattern.match(message):
            return replacement(m)
    return message


HELP_OPTION_TEXT = "Tampilkan bantuan ini lalu keluar."
_USAGE_WORDS = (("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."), ("[OPTIONS]", "[PILIHAN]"))


def usage_words(args: str) -> str:
    """The usage line's placeholders in Indonesian."""
    for english, indonesian in _USAGE_WORDS:
        args = args.replace(english, indonesian)
    return args


def install() -> None:
    """Route typer's gettext-wrapped help strings through the table above, and say the usage
    line and the help option, which Click writes in plain English, in Indonesian.

    The only changes jp makes outside itself, once per process (a second call finds them and
    returns), by the console entry point only: typer.core's ``_`` is replaced; the help
    formatter of Click's contexts writes "Pemakaian:"; the help option is explained in
    Indonesian; a named argument's type word is not shown.
    """
    import typer.core
    from typer._click import core as click_core
    from typer._click import decorators, formatting

    originals = getattr(typer.core, "_", None)
    if originals is None or getattr(originals, "jp_translated", False):
        return

    def _(message: str) -> str:
        return _TITLES.get(message, originals(message))

    _.jp_translated = True
    typer.core._ = _

    class Formatter(formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(
                prog, usage_words(args), "Pemakaian: " if prefix is None else prefix
            )

    click_core.Context.formatter_class = Formatter
    english_help_option = decorators.help_option

    def help_option(param_decls):
        add = english_help_option(param_decls)

        def add_in_indonesian(command):
            command = add(command)
            command.params[-1].help = HELP_OPTION_TEXT
            return command

        return add_in_indonesian

    decorators.help_option = help_option
    # an argument with a name of its own (BUKU) is shown without typer's type word ("<path>")
    argument_type = typer.core.TyperArgument.display_type_rich
    typer.core.TyperArgument.display_type_rich = lambda self, ctx: (
        None if self.metavar else argument_type(self, ctx)
    )
