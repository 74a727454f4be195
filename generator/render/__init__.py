"""Stage 6, render: one SiteSpec into a staging folder that MkDocs builds by itself (pages, config, brand)."""
