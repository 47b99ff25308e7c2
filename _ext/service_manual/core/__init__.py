"""The manual's rules that need no Sphinx: its vocabularies, heading ids, which URLs may be
linked and which paths stay inside a folder.

The extension and the migration tool (``migrate_jekyll``) both use them; this package
imports nothing from Sphinx or docutils, so the migration tool never loads Sphinx.
"""
