"""open_pdf / require_text_layer / glyph checks: each bad input is a German InputError naming problem and remedy."""

import hashlib
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kdu_analysis.errors import InputError
from kdu_analysis.loaders.richtwerte import extract_richtwerte
from kdu_analysis.pdf.document import is_glyph_garbage, open_pdf, require_text_layer, sha256_file

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
GOOD = Path(__file__).resolve().parent / "fixtures" / "richtwerte" / "meissen_2025.pdf"

# Landkreis Nordsachsen 2025, kdu_documents.md §2.14 (round euros)
NORDSACHSEN = [("Vergleichsraum", "1 Person", "2 Personen", "3 Personen", "4 Personen", "5 Personen"),
               ("VR 1", "400 €", "530 €", "670 €", "770 €", "930 €"),
               ("VR 2", "370 €", "480 €", "610 €", "700 €", "800 €"),
               ("VR 3", "310 €", "400 €", "500 €", "560 €", "640 €")]


def test_sha256_is_the_digest_of_the_bytes():
    assert sha256_file(GOOD) == hashlib.sha256(GOOD.read_bytes()).hexdigest()


def test_open_pdf_yields_pages_and_closes():
    with open_pdf(GOOD) as pdf:
        require_text_layer(pdf, GOOD)
        assert len(pdf.pages) >= 1


@pytest.mark.parametrize(("name", "words"), [
    ("kein_pdf.pdf", ["keine PDF-Datei", "Originaldokument als PDF"]),
    ("abgeschnitten.pdf", ["beschädigt", "erneut herunterladen"]),
    ("verschluesselt.pdf", ["verschlüsselt", "qpdf --decrypt"]),
])
def test_open_pdf_refuses_bad_files_in_german(name, words):
    with pytest.raises(InputError) as info:
        with open_pdf(BROKEN / name):
            pass
    for word in words:
        assert word in info.value.user_message()


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="gibt es nicht"):
        with open_pdf(tmp_path / "fehlt.pdf"):
            pass
    with pytest.raises(InputError, match="ist ein Ordner"):
        with open_pdf(tmp_path):
            pass


def test_scan_without_text_layer_names_ocr_and_ocrmypdf():
    with open_pdf(BROKEN / "scan_ohne_text.pdf") as pdf:
        with pytest.raises(InputError) as info:
            require_text_layer(pdf, BROKEN / "scan_ohne_text.pdf")
    message = info.value.user_message()
    assert "Textebene" in message and "OCR" in message and "ocrmypdf --language deu EINGABE.pdf AUSGABE.pdf" in message


def test_glyph_garbage_detection():
    assert is_glyph_garbage("(cid:12)(cid:44)(cid:3) 300")
    assert not is_glyph_garbage("Richtwert 300,00 € (cid:3)" + " Text" * 20)
    assert not is_glyph_garbage("")


def test_document_of_glyph_codes_only_is_refused():
    with pytest.raises(InputError) as info:
        extract_richtwerte(BROKEN / "schrift_ohne_unicode.pdf")
    message = info.value.user_message()
    assert "(cid:" in message and "Unicode" in message and "ocrmypdf --force-ocr" in message


def test_single_garbled_page_is_skipped_with_a_warning():
    result = extract_richtwerte(BROKEN / "teilweise_ohne_unicode.pdf")
    assert any("S. 1" in h and "Unicode" in h for h in result.hinweise)
    assert set(result.frame.seite) == {2}
    assert not result.frame.vergleichsraum.str.contains("cid").any()
    row = result.frame[(result.frame.vergleichsraum == "VR 1") & (result.frame.haushaltsgroesse == "5")].iloc[0]
    assert str(row.bruttokaltmiete_eur) == "930"


@pytest.mark.parametrize("rotation", [90, 270])
def test_page_with_rotate_entry_reads_like_an_upright_page(tmp_path, rotation):
    """A landscape table stored on a portrait page with /Rotate: pdfminer turns it upright."""
    path = tmp_path / f"gedreht_{rotation}.pdf"
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(rotation)
    if rotation == 90:
        c.translate(width, 0)
        c.rotate(90)
    else:
        c.translate(0, height)
        c.rotate(-90)
    c.drawString(40, width - 60, "Landkreis Nordsachsen – Bruttokaltmiete ab 1. April 2025")
    for i, row in enumerate(NORDSACHSEN):
        for j, cell in enumerate(row):
            c.drawString(40 if j == 0 else 60 + 85 * j, width - 100 - 20 * i, cell)
    c.save()
    frame = extract_richtwerte(path).frame
    assert len(frame) == 15
    got = {(r.vergleichsraum, r.haushaltsgroesse): str(r.bruttokaltmiete_eur) for r in frame.itertuples()}
    for row in NORDSACHSEN[1:]:
        for size, value in zip("12345", row[1:]):
            assert got[(row[0], size)] == value.removesuffix(" €")
