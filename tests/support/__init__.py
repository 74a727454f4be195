"""Helpers the tests share: the static host, the serve starter and small utilities."""
