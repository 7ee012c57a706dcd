"""Batch mode paths: output names derived safely from input names, nested folders kept apart, nothing outside the
target folder, no input overwritten; one failing document never stops the batch."""

import os
import shutil
from pathlib import Path

import pytest

from kdu_analysis.batch_files import find_pdfs, output_paths, safe_stem
from kdu_analysis.cli import main
from kdu_analysis.errors import InputError
from kdu_analysis.outputs import read_machine_csv

FIXTURES = Path(__file__).parent / "fixtures"


def test_same_names_in_nested_folders_are_kept_apart(tmp_path):
    src, out = tmp_path / "pdfs", tmp_path / "out"
    for rel in ("a/x.pdf", "b/x.pdf", "x.pdf", "X.PDF"):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes(b"%PDF-1.4")
    pdfs = find_pdfs(src)
    targets = output_paths(pdfs, src, out)
    rel = sorted(p.relative_to(out.resolve()).as_posix() for p in targets.values())
    assert rel == ["X.csv", "a/x.csv", "b/x.csv", "x_2.csv"]  # X.PDF and x.pdf apart, also on Windows and macOS


def test_names_cannot_leave_the_target_or_name_a_device():
    assert safe_stem("..") == "dokument" and safe_stem("") == "dokument"
    assert safe_stem("a/../../etc/passwd") == "a_.._.._etc_passwd"
    assert safe_stem("CON") == "_CON" and safe_stem("nul.txt") == "_nul.txt"
    assert safe_stem('=2+5<>:"|?*\x00') == "=2+5________"
    assert safe_stem(".versteckt") == "versteckt"
    assert len(safe_stem("x" * 400)) == 120


def test_no_input_is_overwritten_and_no_file_from_outside(tmp_path):
    src = tmp_path / "pdfs"
    src.mkdir()
    pdf = src / "bericht.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    # target folder = source folder and an output suffix that would hit the input itself
    target = output_paths([pdf], src, src, suffix=".pdf")[pdf]
    assert target.name == "bericht_2.pdf"
    with pytest.raises(InputError, match="liegt nicht im Ordner"):
        output_paths([tmp_path / "fremd.pdf"], src, tmp_path / "out")


def test_links_out_of_the_folder_are_not_followed(tmp_path):
    src, outside = tmp_path / "pdfs", tmp_path / "geheim"
    src.mkdir()
    outside.mkdir()
    (outside / "fremd.pdf").write_bytes(b"%PDF-1.4")
    (src / "echt.pdf").write_bytes(b"%PDF-1.4")
    os.symlink(outside / "fremd.pdf", src / "link.pdf")
    os.symlink(outside, src / "ordnerlink")
    assert [p.name for p in find_pdfs(src)] == ["echt.pdf"]
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "sub")
    (src / "sub").mkdir()
    (src / "sub" / "x.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="Verknüpfung"):
        output_paths(find_pdfs(src), src, out)


def test_batch_cli_nested_folders_hostile_names_and_a_broken_file(tmp_path, capsys):
    src, out = tmp_path / "pdfs", tmp_path / "out"
    (src / "2025").mkdir(parents=True)
    (src / "2026").mkdir()
    shutil.copy(FIXTURES / "richtwerte" / "dresden_2025.pdf", src / "2025" / "richtlinie.pdf")
    shutil.copy(FIXTURES / "richtwerte" / "zwickau_2026.pdf", src / "2026" / "richtlinie.pdf")
    shutil.copy(FIXTURES / "richtwerte" / "meissen_2025.pdf", src / "=2+5.pdf")
    shutil.copy(FIXTURES / "broken" / "verschluesselt.pdf", src / "kaputt.pdf")
    assert main(["extract", "richtwerte", str(src), "--out", str(out)]) == 3  # one failed, the rest written
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.csv"))
    assert written == ["2025/richtlinie.csv", "2026/richtlinie.csv", "=2+5.csv"]
    assert set(read_machine_csv(out / "2025" / "richtlinie.csv").traeger) == {"Landeshauptstadt Dresden"}
    assert set(read_machine_csv(out / "2026" / "richtlinie.csv").datei) == {"richtlinie.pdf"}
    assert "'=2+5.pdf" in (out / "=2+5.csv").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "2025/richtlinie.pdf" in err and "kaputt.pdf" in err and "verschlüsselt" in err
    assert "Traceback" not in err
