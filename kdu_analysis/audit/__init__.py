"""KdU audit of the Saxon Träger: one module per check family, each returning findings (never dropping rows).

Entry point: :func:`kdu_analysis.audit.run.run_audit`.
"""
