"""Helpers the tests share.

demo: the demo data, its site keys and its sites resolved once; files: project copies and folder
hashes; commands: the command line and the live preview run as a user runs them; html: built pages
read; static_host: built sites served as a static host serves them.
"""
