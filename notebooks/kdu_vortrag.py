# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Vortrag: Kosten der Unterkunft und Regelbedarf in Sachsen
#
# Dieses Notebook erzeugt die Folien des Vortrags neu und zeigt sie an. Alle Zahlen und Texte kommen aus dem Paket
# `kdu_analysis`; hier wird nichts gerechnet. Den Stichtag in der nächsten Zelle ändern und alle Zellen neu ausführen.
#
# Die Folien werden als PDF (16:9, zum Zeigen und Drucken) und als HTML-Datei (läuft im Browser ohne Internet)
# in den Ordner `reports/notebooks/vortrag/` geschrieben.

# %%
from datetime import date  # noqa: F401 – for a different STICHTAG, e.g. date(2025, 6, 30)

from IPython.display import Image, Markdown, display

from kdu_analysis import config
from kdu_analysis.report.deck import render_html, render_pdf, slide_png
from kdu_analysis.report.pipeline import collect, talk_deck

STICHTAG = config.DEFAULT_STICHTAG  # z. B. date(2025, 6, 30)
ZIEL = config.reports_dir() / "notebooks"

# %% [markdown]
# ## Daten zusammenstellen
# Referenztabellen, Abbildungen und die Richtwerte aus `data/raw/pdf` (Fortschritt erscheint unter der Zelle).

# %%
inhalt = collect(ZIEL, STICHTAG)
vortrag = talk_deck(inhalt)
display(Markdown(f"**{len(vortrag.slides)} Folien**, Stichtag {STICHTAG:%d.%m.%Y}"))

# %% [markdown]
# ## Folien schreiben

# %%
pdf = render_pdf(vortrag, ZIEL / "vortrag" / "kdu_vortrag.pdf")
html = render_html(vortrag, ZIEL / "vortrag" / "kdu_vortrag.html")
display(Markdown(f"Geschrieben: `{pdf}` und `{html}`"))

# %% [markdown]
# ## Folien ansehen

# %%
for nummer in range(len(vortrag.slides)):
    display(Image(data=slide_png(vortrag, nummer)))
