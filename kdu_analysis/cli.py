"""The ``kdu-analysis`` command: German help and messages, one entry point.

Each module in :mod:`kdu_analysis.commands` defines ``register(registry)`` and adds
its subcommands through :class:`Registry`. A handler gets the parsed arguments and
returns an exit code. User-facing failures raise :class:`~kdu_analysis.errors.KduError`;
``main`` prints them as one German line on stderr and exits non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence

import kdu_analysis.commands as commands_pkg
from kdu_analysis import __version__
# parse_date, parse_month and the exit codes live in commands/args.py (commands never import cli); re-exported here
from kdu_analysis.commands.args import (EXIT_ABGEBROCHEN, EXIT_AUFRUF, EXIT_INTERN, EXIT_LUECKEN,  # noqa: F401
                                        parse_date, parse_month)
from kdu_analysis.errors import KduError


# --- German texts for argparse's own strings -----------------------------------------
_ARGPARSE_DE = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe anzeigen und beenden",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ungültige Auswahl: %(value)r (möglich: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "expected one argument": "erwartet einen Wert",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutige Option: %(option)s passt zu %(matches)s",
    "not allowed with argument %s": "nicht zusammen mit %s erlaubt",
    "one of the arguments %s is required": "eine dieser Angaben ist nötig: %s",
    "show program's version number and exit": "Versionsnummer anzeigen und beenden",
}


def _german_gettext(text: str) -> str:
    return _ARGPARSE_DE.get(text, text)


argparse._ = _german_gettext  # type: ignore[attr-defined]


class GermanArgumentParser(argparse.ArgumentParser):
    """argparse with German section titles and a one-line German error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"

    def error(self, message: str):  # noqa: D401 - argparse API
        sys.stderr.write(f"Fehler: {message} (Hilfe: {self.prog} --help)\n")
        raise SystemExit(2)


class Registry:
    """Lets command modules add groups (``extract``) and commands (``extract richtwerte``)."""

    def __init__(self, parser: argparse.ArgumentParser):
        self._top = parser.add_subparsers(dest="command", metavar="BEFEHL", title="Befehle", parser_class=GermanArgumentParser)
        self._groups: dict[str, argparse._SubParsersAction] = {}
        self._group_parsers: dict[str, argparse.ArgumentParser] = {}

    def command(self, name: str, *, help: str, description: str | None = None, group: str | None = None,
                handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        target = self._top if group is None else self._groups[group]
        parser = target.add_parser(name, help=help, description=description or help.replace("%%", "%"))
        parser.set_defaults(func=handler)
        return parser

    def group(self, name: str, *, help: str, description: str | None = None) -> None:
        """Create a command group once; later calls with the same name reuse it."""
        if name in self._groups:
            return
        parser = self._top.add_parser(name, help=help, description=description or help)
        parser.set_defaults(func=lambda _args, p=parser: (p.print_help(), 2)[1])
        self._group_parsers[name] = parser
        self._groups[name] = parser.add_subparsers(dest=f"{name}_command", metavar="BEFEHL", title="Befehle",
                                                   parser_class=GermanArgumentParser)


#: Display order of command modules; modules not listed come after, alphabetically.
_ORDER = ["report", "extract", "audit", "case", "regelbedarf", "reference"]


def build_parser() -> argparse.ArgumentParser:
    parser = GermanArgumentParser(
        prog="kdu-analysis",
        description=(
            "Prüft Regelbedarf und KdU-Richtwerte (Kosten der Unterkunft) sächsischer Träger – "
            "jede Zahl mit Quelle und Stand."
        ),
        epilog="Hilfe zu einem Befehl: kdu-analysis BEFEHL --help",
    )
    parser.add_argument("--version", action="version", version=f"kdu-analysis {__version__}",
                        help="Versionsnummer anzeigen und beenden")
    registry = Registry(parser)
    names = [m.name for m in pkgutil.iter_modules(commands_pkg.__path__)]
    names.sort(key=lambda n: (_ORDER.index(n) if n in _ORDER else len(_ORDER), n))
    for name in names:
        module = importlib.import_module(f"kdu_analysis.commands.{name}")
        if hasattr(module, "register"):  # helper modules (args) add no command
            module.register(registry)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_AUFRUF
    try:
        return int(args.func(args) or 0)
    except KduError as exc:
        sys.stderr.write(f"Fehler: {exc.user_message()}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("Abgebrochen.\n")
        return EXIT_ABGEBROCHEN
    except Exception as exc:  # an unexpected bug: say so plainly, one line
        if os.environ.get("KDU_DEBUG"):
            raise
        sys.stderr.write(
            f"Interner Fehler ({type(exc).__name__}: {exc}). Bitte mit KDU_DEBUG=1 wiederholen und den Fehler melden.\n"
        )
        return EXIT_INTERN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
