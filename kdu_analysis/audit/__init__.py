"""KdU audit checks: one module per check family; each returns findings and never drops a row."""
