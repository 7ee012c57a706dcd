"""Strict parsing of numbers as German documents print them.

Accepted: ``1.012,50 €``, ``449,25 Euro``, ``400``, ``400 EUR``, ``– 2,87 €``,
``+ 13,77 €``, ``492,10 €¹`` (footnote marker), ``6,53 €/m²``, ``1 012,50``.
Rejected with :class:`NumberFormatError`: anything that is not unambiguously one
German number (``4.52``, ``12,5,3``, ``1.0125``, ``abc``, two numbers in one cell).

Empty cells and dash-only cells mean "not stated" and give ``None`` — never 0.
Destatis table symbols are parsed by :func:`parse_destatis_cell` into flags.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "NumberFormatError",
    "ParsedNumber",
    "parse_german_number",
    "parse_amount",
    "parse_destatis_cell",
    "DestatisCell",
    "looks_like_number",
]


class NumberFormatError(ValueError):
    """The text is not one unambiguous German number."""


_MINUS = "-\u2013\u2014\u2212\u2012"  # hyphen, en dash, em dash, minus sign, figure dash
_SPACES = "\u00a0\u202f\u2009\u2007 "
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_UNIT_RE = re.compile(
    r"(?:€|eur(?:o)?)(?:\s*/\s*(?:m²|m2|qm))?|(?:€|eur(?:o)?)?\s*(?:je|pro)\s*(?:m²|m2|qm)|m²|m2|qm|%",
    re.IGNORECASE,
)
# core number: optional sign, digits with optional thousands groups, optional decimal part
_CORE_RE = re.compile(
    r"""^
    (?P<sign>[+\-])?
    (?P<int>\d{1,3}(?:(?P<sep>[.\u0020])\d{3})*(?:(?P=sep)\d{3})*|\d+)
    (?:,(?P<frac>\d+|-|–))?
    $""",
    re.VERBOSE,
)
_FOOTNOTE_TAIL_RE = re.compile(r"(?:\*{1,3}|[a-z]\)|\d\))$")


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal
    unit: str | None  # "EUR", "EUR/m2", "m2", "%" or None
    footnote: str | None  # footnote marker found after the number, if any


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text))
    for ch in _SPACES:
        text = text.replace(ch, " ")
    return " ".join(text.split())


def _unit_name(raw: str) -> str:
    raw = raw.lower().replace(" ", "")
    if raw == "%":
        return "%"
    per_m2 = any(x in raw for x in ("/m", "je", "pro")) and any(x in raw for x in ("m²", "m2", "qm"))
    money = "€" in raw or "eur" in raw
    if per_m2:
        return "EUR/m2"
    if money:
        return "EUR"
    return "m2"


def parse_amount(text: str | None) -> ParsedNumber | None:
    """Parse one printed amount; ``None`` for an empty or dash-only cell."""
    if text is None:
        return None
    s = _normalise(text)
    if s == "" or all(ch in _MINUS + " " for ch in s):
        return None
    footnote = None
    # footnote markers: superscript digits anywhere at the end, asterisks, "1)" after a unit
    # ("²"/"³" right after "m" belong to the unit m², m³)
    kept, sup = [], []
    for i, ch in enumerate(s):
        if ch in _SUPERSCRIPTS and not (ch in "\u00b2\u00b3" and i > 0 and s[i - 1] == "m"):
            sup.append(ch)
        else:
            kept.append(ch)
    if sup:
        footnote = "".join(sup)
        s = "".join(kept).strip()
    m = _FOOTNOTE_TAIL_RE.search(s)
    if m and not re.fullmatch(r"[+\-\u2013\u2212]?\s*\d+\)?", s):
        # a trailing "*" / "a)" / "1)" after something else is a footnote marker
        if m.group(0).endswith(")") and m.group(0)[0].isdigit():
            # only treat "1)" as footnote if a unit or decimal part precedes it
            head = s[: m.start()].rstrip()
            if head and (head[-1] in "€o" or re.search(r",\d+$", head) or head.lower().endswith("eur")):
                footnote = (footnote or "") + m.group(0)
                s = head
        else:
            footnote = (footnote or "") + m.group(0)
            s = s[: m.start()].rstrip()
    unit = None
    um = re.search(r"\s*(" + _UNIT_RE.pattern + r")\s*(?P<fn>\d{1,2})?$", s, re.IGNORECASE)
    if um:
        unit = _unit_name(um.group(1))
        if um.group("fn"):
            footnote = (footnote or "") + um.group("fn")
        s = s[: um.start()].strip()
    # leading unit ("€ 400") is accepted too
    lm = re.match(r"^(€|EUR|Euro)\s*", s, re.IGNORECASE)
    if lm and unit is None:
        unit = "EUR"
        s = s[lm.end():]
    # sign with a space after it ("– 2,87")
    sign = ""
    if s and (s[0] in _MINUS or s[0] == "+"):
        sign = "-" if s[0] in _MINUS else "+"
        s = s[1:].strip()
    if not s:
        raise NumberFormatError(f"keine Zahl in {text!r}")
    m = _CORE_RE.match(s)
    if not m:
        raise NumberFormatError(f"{text!r} ist keine eindeutige deutsche Zahl")
    int_part = m.group("int").replace(".", "").replace(" ", "")
    frac = m.group("frac")
    if frac in ("-", "–"):  # "12,–" = 12,00
        frac = None
    number = int_part + ("." + frac if frac else "")
    try:
        value = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - regex guards this
        raise NumberFormatError(f"{text!r} ist keine Zahl") from exc
    if sign == "-":
        value = -value
    return ParsedNumber(value=value, unit=unit, footnote=footnote or None)


def parse_german_number(text: str | None) -> Decimal | None:
    """Parse a German number (units and footnote markers allowed); ``None`` = not stated."""
    parsed = parse_amount(text)
    return None if parsed is None else parsed.value


def looks_like_number(text: str | None) -> bool:
    """True if ``text`` parses as exactly one number (no exception)."""
    try:
        return parse_amount(text) is not None
    except NumberFormatError:
        return False


@dataclass(frozen=True)
class DestatisCell:
    """One cell of a Destatis table with its symbol flags (value ``None`` = no number)."""

    value: Decimal | None
    unsicher: bool = False  # printed in parentheses: Aussagewert eingeschränkt
    nicht_ausgewiesen: bool = False  # "/": Zahl nicht sicher genug
    symbol: str | None = None  # the Destatis symbol as printed, if any ("/", "–", ".", "x")


_DESTATIS_SYMBOLS = {"/", "-", "–", "—", ".", "x", "X", "…", "..."}


def parse_destatis_cell(text: str | None) -> DestatisCell:
    """Parse an EVS table cell: ``( 45,30)``, ``/``, ``–``, ``.``, ``x`` or a plain number.

    Symbols are returned as flags with an empty value, never as 0:

    * ``/``  keine Angabe, da Zahl nicht sicher genug  → ``nicht_ausgewiesen``
    * ``( )`` Aussagewert eingeschränkt                 → ``unsicher`` (value kept)
    * ``–``  nichts vorhanden, ``.`` unbekannt/geheim, ``x`` gesperrt → ``symbol`` only
    """
    if text is None:
        return DestatisCell(None)
    s = _normalise(text)
    if s == "":
        return DestatisCell(None)
    unsicher = False
    if s.startswith("(") and s.endswith(")"):
        unsicher = True
        s = s[1:-1].strip()
        if s == "":
            return DestatisCell(None, unsicher=True)
    if s in _DESTATIS_SYMBOLS:
        sym = "–" if s in ("-", "–", "—") else s
        return DestatisCell(None, unsicher=unsicher, nicht_ausgewiesen=(sym == "/"), symbol=sym)
    value = parse_german_number(s)
    return DestatisCell(value, unsicher=unsicher)
