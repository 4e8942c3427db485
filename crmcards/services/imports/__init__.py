"""Importing other tools' flashcards as a YAML deck: one module per source format, `detect` to
recognise a file, `shapes` to turn answers into list / table / parts cards, `writer` to write the
deck. Every importer returns an `Imported` or raises CrmcardsError; `run.import_file` ties them up.
"""
