"""Subcommands of ``kdu-analysis``: one module per area, each with ``register(registry)``.

Command modules only parse arguments and call the package; no logic lives here.
"""
