"""Document kinds on top of :mod:`kdu_analysis.pdf`: Richtwert tables, EVS tables, Träger data."""
