"""Time expressions: finding them, normalizing them to TIMEX3 values, and reading those values.

Import the modules directly (``sitroom.nlp.timex.values`` needs no spaCy).
"""
