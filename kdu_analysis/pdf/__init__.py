"""Generic PDF reading: nothing in here knows about KdU or the EVS."""
