"""CSV dialects, atomic writes and the German CLI frame."""

from decimal import Decimal

import pytest

from kdu_analysis import cli
from kdu_analysis.outputs import (
    atomic_path,
    german_number,
    machine_csv_text,
    read_german_csv,
    write_german_csv,
)


def test_machine_csv_uses_dot_and_empty_for_missing():
    text = machine_csv_text([{"a": Decimal("1012.50"), "b": None, "c": "Döbeln"}], ["a", "b", "c"])
    assert text == "a,b,c\n1012.50,,Döbeln\n"


def test_german_number_format():
    assert german_number(Decimal("1012.5")) == "1.012,50"
    assert german_number(Decimal("-2.87")) == "-2,87"
    assert german_number(None) == ""


def test_german_csv_round_trip_keeps_numbers_and_umlauts(tmp_path):
    target = tmp_path / "fraktion.csv"
    write_german_csv(target, [{"vr": "Mittelbereich Döbeln", "wert": Decimal("1012.5")}],
                     {"vr": "Vergleichsraum", "wert": "Richtwert (€)"})
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())  # BOM for Excel
    frame = read_german_csv(target)
    assert list(frame.columns) == ["Vergleichsraum", "Richtwert (€)"]
    assert frame.iloc[0, 0] == "Mittelbereich Döbeln"
    assert frame.iloc[0, 1] == "1012,50"


def test_atomic_path_leaves_no_file_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("boom")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_help_is_german(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "Aufruf:" in out and "Optionen" in out


def test_bad_date_gives_one_german_line(capsys):
    with pytest.raises(cli.argparse.ArgumentTypeError):
        cli.parse_date("30.06.2025")


def test_written_files_get_ordinary_permissions(tmp_path):
    import os

    from kdu_analysis.outputs import write_text_atomic

    umask = os.umask(0o022)
    try:
        path = write_text_atomic(tmp_path / "a.csv", "x\n")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
