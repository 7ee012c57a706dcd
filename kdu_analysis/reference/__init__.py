"""Legal parameters: dated, cited data files (``data/*.yaml``) and date-aware lookups.

Each YAML file holds entries with the date they took effect, a citation (law, §, Fundstelle,
date of the act) and a reliability label (A/B/C/U). Lookups pick the entry in force on a
date — an entry stays in force until a later one replaces it — and raise
:class:`~kdu_analysis.errors.ReferenceDataError` when none is known. Scheduled or pending changes
(``anstehend``) are stated by :mod:`kdu_analysis.reference.geltung`, never applied.
"""
