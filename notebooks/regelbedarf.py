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
# # Regelbedarf: nachrechnen, verstehen, Alternativen durchspielen
#
# **Was der Gesetzgeber gemacht hat.** Nach dem Urteil des Bundesverfassungsgerichts vom 9. Februar 2010
# (1 BvL 1/09 u. a.) muss der Regelbedarf "in einem transparenten und sachgerechten Verfahren realitätsgerecht
# sowie nachvollziehbar auf der Grundlage verlässlicher Zahlen" bestimmt werden. Der Gesetzgeber nimmt dafür die
# Einkommens- und Verbrauchsstichprobe (EVS): Er betrachtet die Ausgaben der ärmsten 15 % der Alleinlebenden
# (bei Familien 20 %), nachdem Leistungsbeziehende herausgenommen wurden (§§ 2–4 RBEG), und zählt je Abteilung
# nur die Ausgaben, die er für "regelbedarfsrelevant" hält (§ 5 RBEG). Alkohol und Tabak, Gaststättenbesuche
# (bis auf den Warenwert), Haustiere, Pauschalreisen u. a. wurden gestrichen. Die Summe wird bis zum ersten
# Geltungsjahr und danach jährlich fortgeschrieben (§ 28a SGB XII); seit 2023 in zwei Stufen, und 2025 und 2026
# blieb es wegen des Besitzschutzes bei den Beträgen von 2024 (Nullrunden).
#
# Dieses Notebook rechnet das nach und zeigt, was sich ändert, wenn man Streichungen zurücknimmt oder anders
# fortschreibt. Alle Zahlen und Regeln stehen im Paket `kdu_analysis` (mit Quelle); hier wird nur aufgerufen
# und angezeigt. Parameter in der nächsten Zelle ändern und alle Zellen neu ausführen.

# %%
from IPython.display import Image, Markdown, display

from kdu_analysis import config
from kdu_analysis.loaders.evs import extract_evs
from kdu_analysis.reference.rbeg import rbeg
from kdu_analysis.regelbedarf.charts import (chart_abteilungen, chart_regelbedarf_verlauf, chart_unsicher_anteil,
                                             figure_png)
from kdu_analysis.regelbedarf.reproduce import regelbedarf_series, reproduce_rbeg
from kdu_analysis.regelbedarf.scenarios import alternativen, berechne_szenario, szenarien, szenario_uebersicht

GESETZ = "RBEG2021"  # oder "RBEG2011", "RBEG2017"
ZIELJAHR = config.REGELBEDARF_LAST_YEAR
# Abteilungstabellen mit Posten (CSV-Spalten: Verbrauchsausgaben und regelbedarfsrelevanter Teil).
# ACHTUNG: Das mitgelieferte Beispiel ist ein Testdokument – nur die Abteilungssummen (§ 5 RBEG 2021) sind echt,
# die einzelnen Posten sind erfunden. Für eine echte Auswertung hier die eigene PDF angeben.
EVS_PDF = config.PROJECT_ROOT / "tests" / "fixtures" / "evs" / "rbeg_einpersonen.pdf"
# Eine Tabelle im Aufbau einer Destatis-Sonderauswertung (erzeugtes Testdokument: Abteilungssummen = § 5 RBEG 2021,
# Posten erfunden). Für eine echte Auswertung hier die Sonderauswertung aus der Drucksache angeben.
EVS_DESTATIS_PDF = config.PROJECT_ROOT / "tests" / "fixtures" / "evs" / "generiert_destatis_rbeg2021_einpersonen.pdf"

# %% [markdown]
# ## 1. Nachrechnung aus dem Gesetz
# Die Beträge je Abteilung aus § 5 (Alleinlebende) und § 6 (Kinder) des Gesetzes, ihre Summe und der
# daraus berechnete Regelbedarf im ersten Jahr (Summe × Fortschreibung nach § 7, auf volle Euro gerundet).

# %%
gesetz = rbeg(GESETZ)
display(Markdown(f"**{gesetz.citation.text}** – EVS {gesetz.evs_jahr}, erstes Jahr {gesetz.erstes_jahr}"))
nachrechnung = reproduce_rbeg(GESETZ)
nachrechnung.pivot(index="abteilung", columns="haushaltstyp", values="betrag_eur")

# %% [markdown]
# ## 2. Alle Jahre seit 2011: berechnet und veröffentlicht
# `berechnet_eur` folgt nur den Regeln des Gesetzes; `veroeffentlicht_eur` ist der Betrag aus der Anlage zu
# § 28 SGB XII bzw. der Fortschreibungsverordnung. `stimmt` zeigt, ob beide gleich sind.

# %%
reihe = regelbedarf_series()
reihe[reihe.stufe == 1][["jahr", "berechnet_eur", "betrag_eur", "veroeffentlicht_eur", "stimmt", "regel"]]

# %%
abbildung, daten = chart_regelbedarf_verlauf("web")
Image(figure_png(abbildung))

# %% [markdown]
# Die Rauten sind **Berechnungen des Paritätischen Gesamtverbands** (520 € für 2017, 644 € für 2021, 813 € für
# 2024) – dessen Ergebnisse mit Quelle, nicht von diesem Paket berechnet:

# %%
alternativen()[["jahr", "betrag_eur", "amtlich_eur", "titel", "quelle", "zuverlaessigkeit"]]

# %% [markdown]
# ## 3. Die Posten einer EVS-Tabelle
# Eingelesen wie mit `kdu-analysis extract evs PDF --out CSV`. Werte in Klammern (`unsicher`) beruhen auf wenigen
# erfassten Haushalten; `/` (`nicht_ausgewiesen`) heißt: Zahl nicht sicher genug, nicht veröffentlicht. Die
# Summen werden nachgerechnet; Abweichungen stehen in `hinweise`.

# %%
evs = extract_evs(EVS_PDF)
display(Markdown(f"`{evs.datei}`: {len(evs.frame)} Zeilen – {evs.titel}"))
evs.frame[["abteilung", "code", "bezeichnung", "ausgaben_eur", "regelbedarfsrelevant_eur", "unsicher",
           "nicht_ausgewiesen", "zeilenart", "seite", "hinweise"]]

# %% [markdown]
# ### Von der PDF zur Szenariorechnung
# Derselbe Weg wie auf der Kommandozeile –
# `kdu-analysis extract evs TABELLE.pdf --out evs.csv` und dann
# `kdu-analysis regelbedarf szenario --name alle_streichungen --evs evs.csv --out szenario.csv` –
# hier mit einer Tabelle im Aufbau einer Destatis-Sonderauswertung. Nennt der Titel die Referenzgruppe eines
# Gesetzes, werden die regelbedarfsrelevanten Summen je Abteilung und insgesamt mit §§ 5/6 des Gesetzes verglichen;
# eine Abweichung steht in der Spalte `hinweise` und hier in der Zusammenfassung. Das Szenario übernimmt Gesetz
# und Haushaltstyp aus der CSV.

# %%
import tempfile
from pathlib import Path

from kdu_analysis.loaders.evs import COLUMNS, EXTRA_COLUMNS, read_evs_csv
from kdu_analysis.outputs import write_machine_csv

destatis = extract_evs(EVS_DESTATIS_PDF)
display(Markdown("\n".join(f"- {zeile}" for zeile in destatis.gesetz.summary())))
ordner = Path(tempfile.mkdtemp())
write_machine_csv(ordner / "evs.csv", destatis.frame, COLUMNS + EXTRA_COLUMNS)
evs_csv = read_evs_csv(ordner / "evs.csv")
evs_csv[evs_csv.zeilenart == "summe"][["abteilung", "bezeichnung", "ausgaben_eur", "regelbedarfsrelevant_eur",
                                       "gesetz_eur", "gesetz_abgleich"]]

# %%
aus_csv = berechne_szenario("alle_streichungen", evs=evs_csv, zieljahr=ZIELJAHR)
display(Markdown(f"{aus_csv.szenario.name} – {aus_csv.gesetz}, {aus_csv.haushaltstyp}: Regelbedarfsstufe {aus_csv.stufe} "
                 f"im Jahr {aus_csv.zieljahr} amtlich {aus_csv.regelbedarf('amtlich')} €, im Szenario "
                 f"{aus_csv.regelbedarf('szenario')} €"))
aus_csv.table()

# %% [markdown]
# ## 4. Szenarien
# Jedes Szenario hat einen Namen und eine Beschreibung (`kdu_analysis/regelbedarf/data/szenarien.yaml`);
# mehrere lassen sich kombinieren. Das Ergebnis zeigt je Abteilung amtlich, Szenario und Differenz und den
# Regelbedarf im Zieljahr nach derselben Fortschreibung.

# %%
for name, s in szenarien().items():
    display(Markdown(f"**{name}** – {s.name}: {s.beschreibung}"))

# %%
szenario_uebersicht(evs=evs.frame, gesetz=GESETZ, zieljahr=ZIELJAHR)

# %%
ergebnis = berechne_szenario(["alkohol_tabak", "gaststaetten_voll"], evs=evs.frame, gesetz=GESETZ, zieljahr=ZIELJAHR)
ergebnis.table()

# %%
abbildung, daten = chart_abteilungen(ergebnis, "web")
Image(figure_png(abbildung))

# %%
ergebnis.pfad

# %% [markdown]
# ## 5. Wie viel ruht auf unsicheren Werten?

# %%
abbildung, daten = chart_unsicher_anteil(berechne_szenario("amtlich", evs=evs.frame, gesetz=GESETZ, zieljahr=ZIELJAHR), "web")
Image(figure_png(abbildung))
