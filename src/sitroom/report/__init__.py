"""Situation reports: stored records -> a cited brief -> Markdown or HTML."""

from __future__ import annotations

from sitroom.report.brief import Brief, Citation, Section, Sentence, build_brief
from sitroom.report.render import render_html, render_markdown

__all__ = [
    "Brief",
    "Citation",
    "Section",
    "Sentence",
    "build_brief",
    "render_html",
    "render_markdown",
]
