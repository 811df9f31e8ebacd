"""The text of a Doc, built once per Doc.

spaCy's ``Doc.text`` re-joins every token's ``text_with_ws`` on each access; extractors
slice the text thousands of times per article, which made that join the largest single
cost of extraction (profiled: ~60% of ``doc_to_records``). The text is memoized in
``doc.user_data``; sitroom never changes a Doc's tokens after the pipeline has run.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["doc_text"]

_KEY = "sitroom.text"


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, computing it only on the first call for this Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
