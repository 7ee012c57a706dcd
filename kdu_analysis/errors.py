"""Errors that reach the user: one German sentence naming the problem and the remedy.

Code raises :class:`KduError` (or a subclass); the CLI prints ``Fehler: <message>``
on one line to stderr and exits with :attr:`KduError.exit_code`.
"""

from __future__ import annotations


class KduError(Exception):
    """A problem the user can act on. ``message`` is German and names the remedy."""

    exit_code = 2

    def __init__(self, message: str, *, remedy: str | None = None):
        self.message = message
        self.remedy = remedy
        super().__init__(self.user_message())

    def user_message(self) -> str:
        text = self.message.rstrip(".") + "."
        if self.remedy:
            text += " " + self.remedy.rstrip(".") + "."
        return " ".join(text.split())


class InputError(KduError):
    """Bad input document or file (not a PDF, encrypted, no text layer, no table)."""

    exit_code = 3


class ReferenceDataError(KduError):
    """A legal parameter is not known for the requested date, place or case."""

    exit_code = 4


class CheckError(KduError):
    """A consistency check failed hard (used only where continuing would be wrong)."""

    exit_code = 5
