"""Python-Markdown extensions that run inside MkDocs while it converts the rendered pages.

They import nothing of the pipeline: MkDocs loads them by name, with their options from mkdocs.yml.
"""
