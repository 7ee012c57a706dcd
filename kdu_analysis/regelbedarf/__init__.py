"""Regelbedarf: reproduction from the RBEG sums, Fortschreibung, scenarios."""
