"""Stage 7, build: MkDocs runs, the atomic swap into the output folder, the link check, report and portal."""
