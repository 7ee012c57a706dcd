"""Chart style and figure saving shared by audit/, regelbedarf/ and report/ (below all three: imports only downward)."""
