"""The Träger data as domain data (issue 13, D880): the 13 Saxon Träger with their Richtwert editions, Vergleichsräume,
concepts and court decisions, transcribed and cited in ``data/raw/traeger/<slug>.yaml``.

Below ``audit/``, ``case.py`` and ``report/``, beside ``reference/``: ``model`` the objects and constants, ``data``
reading and schema checking, ``frames`` tidy tables. The package's interface is the names below.
"""

from kdu_analysis.traeger.data import SCHEMA, find_traeger, load_traeger, parse_traeger, traeger_dir
from kdu_analysis.traeger.frames import ausgabe_frame, richtwerte_frame
from kdu_analysis.traeger.model import (ERGEBNISSE, INSTANZEN, MEASURES, SIZES, STATUS, VR_TYPES, Ausgabe, Entscheidung,
                                        Konflikt, Konzept, Traeger, Vergleichsraum, massgebliche_entscheidung,
                                        richtwert, vr_names)

__all__ = ["ERGEBNISSE", "INSTANZEN", "MEASURES", "SIZES", "STATUS", "VR_TYPES", "SCHEMA", "Ausgabe", "Entscheidung",
           "Konflikt", "Konzept", "Traeger", "Vergleichsraum", "ausgabe_frame", "find_traeger", "load_traeger",
           "massgebliche_entscheidung", "parse_traeger", "richtwert", "richtwerte_frame", "traeger_dir", "vr_names"]
