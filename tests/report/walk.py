"""Every sentence a brief states, in order: its sections' and their subsections'."""

from __future__ import annotations

from collections.abc import Iterator

from sitroom.report.brief import Brief, Sentence


def brief_sentences(brief: Brief) -> Iterator[Sentence]:
    for section in brief.sections:
        yield from section.sentences
        for sub in section.subsections:
            yield from sub.sentences


def brief_said(brief: Brief) -> list[str]:
    """The text of every sentence the brief states."""
    return [s.text for s in brief_sentences(brief)]
