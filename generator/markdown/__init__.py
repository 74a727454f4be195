"""Python-Markdown extensions that run inside MkDocs while it converts the rendered pages."""
