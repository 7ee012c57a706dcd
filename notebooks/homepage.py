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
# # Homepage: Kosten der Unterkunft und Regelbedarf in Sachsen
#
# Dieses Notebook erzeugt die Homepage neu – eine einzige HTML-Datei mit eingebetteten Abbildungen, die ohne
# Internet funktioniert – und zeigt sie an. Alle Zahlen kommen aus dem Paket `kdu_analysis`. Den Stichtag in der
# nächsten Zelle ändern und alle Zellen neu ausführen.

# %%
from datetime import date  # noqa: F401 – for a different STICHTAG, e.g. date(2025, 6, 30)

from IPython.display import HTML, Markdown, display

from kdu_analysis import config
from kdu_analysis.report.homepage import homepage_html, render_homepage
from kdu_analysis.report.pipeline import collect, homepage_page

STICHTAG = config.DEFAULT_STICHTAG  # z. B. date(2025, 6, 30)
ZIEL = config.reports_dir() / "notebooks"

# %%
inhalt = collect(ZIEL, STICHTAG)
seite = homepage_page(inhalt)
datei = render_homepage(seite, ZIEL / "homepage.html")
display(Markdown(f"Geschrieben: `{datei}` – {len(seite.sections)} Abschnitte, {len(seite.sources())} Quellen"))

# %% [markdown]
# ## Vorschau

# %%
display(HTML(homepage_html(seite)))

# %% [markdown]
# ## Was gilt in meiner Gemeinde?
#
# Dieselbe Rechnung wie das Suchfeld „Was gilt in meiner Gemeinde?“ auf der Homepage. Gemeinde und Personenzahl
# ändern und die Zelle neu ausführen; der Link öffnet die Homepage gleich mit diesem Ergebnis (ohne Internet).

# %%
from urllib.parse import quote

from kdu_analysis.report.gemeinde_lookup import euro, lookup

GEMEINDE, PERSONEN = "Döbeln", 3
ergebnis = lookup(GEMEINDE, PERSONEN, STICHTAG)
zeilen = [
    f"**{ergebnis.gemeinde}, {PERSONEN} Personen** – Stichtag {STICHTAG:%d.%m.%Y}",
    f"- Träger: {ergebnis.traeger or 'nicht zugeordnet'}; Vergleichsraum: {ergebnis.vergleichsraum or 'nicht zugeordnet'}",
    f"- Richtwert: {euro(ergebnis.richtwert_eur) or 'kein Richtwert bekannt'}"
    + (f" (gilt ab {ergebnis.ausgabe_gueltig_ab:%d.%m.%Y}, Verlässlichkeit {ergebnis.zuverlaessigkeit})"
       if ergebnis.ausgabe_gueltig_ab else ""),
    f"- Wohngeldtabelle + 10 % (Mietenstufe {ergebnis.mietenstufe}): {euro(ergebnis.wogg_plus10_eur)}; "
    f"Klimakomponente getrennt (umstritten): {euro(ergebnis.klimakomponente_eur)}",
    *[f"- {h}" for h in ergebnis.hinweise],
    f"\nLink: `{datei.as_uri()}?gemeinde={quote(GEMEINDE)}&personen={PERSONEN}`",
]
display(Markdown("\n".join(zeilen)))
