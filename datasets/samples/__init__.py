"""Small scanned-looking samples the project made itself (see make_samples.py)."""
