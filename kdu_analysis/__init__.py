"""kdu-analysis: audit the Regelbedarf and the KdU Richtwerte of Saxon Träger.

Data flow: data/raw -> pdf/ -> loaders/ -> data/processed -> audit/, regelbedarf/, case
(reading reference/) -> report/ -> reports/.
"""

__version__ = "0.1.0"
