"""Stage 5, review: the warnings that need resolved sites (clinical, reading grade, links in text)."""
