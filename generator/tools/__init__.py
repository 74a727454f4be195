"""Tools around the pipeline: the live preview, starter files, the coverage report."""
