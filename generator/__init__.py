"""iop-guide: YAML program data in, one MkDocs Material guide site per clinic location out."""

__version__ = "0.1.0"
