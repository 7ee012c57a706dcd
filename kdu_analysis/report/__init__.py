"""User-facing products: style, charts, faction CSVs, slides, homepage."""
