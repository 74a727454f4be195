"""Translations of the data: the guide's texts in another language, each vouching for the English it translates."""
