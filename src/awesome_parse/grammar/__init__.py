"""The entry grammar: one place that reads an entry's parts off its atoms.

See :mod:`awesome_parse.grammar.atoms` for the form entries take.
"""
