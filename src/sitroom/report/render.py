"""Render a Brief as Markdown or as a standalone HTML page.

HTML goes through a Jinja2 template with autoescape on: record text is untrusted.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from sitroom.report.brief import Brief, Citation, Section
from sitroom.report.dates import register_filters

__all__ = ["citation_line", "md_escape", "render_html", "render_markdown"]

_ENV = Environment(
    loader=PackageLoader("sitroom.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
register_filters(_ENV.filters)


# Characters that would turn record text into Markdown or HTML markup in a viewer.
_MD_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "[": "\\[",
        "]": "\\]",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
    }
)


def md_escape(text: str) -> str:
    """Record text is untrusted: a Markdown viewer must show it, not render it."""
    return text.translate(_MD_ESCAPES)


def citation_line(citation: Citation) -> str:
    """'Outlet, "Title", 21 November 2024: “quoted span”' for one citation."""
    outlet = citation.outlet or f"article {citation.article_id}"
    title = citation.title or "(no title)"
    date = citation.published_words
    quote = " ".join(citation.quote.split())
    return f'{outlet}, "{title}", {date}: \u201c{quote}\u201d'


def _md_section(section: Section, depth: int) -> list[str]:
    lines = [f"{'#' * depth} {md_escape(section.title)}", ""]
    lines += [
        f"- {md_escape(s.text)} " + "".join(f"[{n}]" for n in s.cites) for s in section.sentences
    ]
    if section.sentences:
        lines.append("")
    for sub in section.subsections:
        lines += _md_section(sub, depth + 1)
    return lines


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown: sections, bullet sentences with [n], then the sources."""
    lines = [f"# {md_escape(brief.title)}", "", f"Cites {brief.article_count} stored articles.", ""]
    for section in brief.sections:
        lines += _md_section(section, 2)
    if not brief.sections:
        lines += ["No stored records match this window.", ""]
    if brief.held_back:
        lines += [_held_back(brief.held_back), ""]
    lines += ["## Sources", ""]
    lines += [
        f"[{c.n}] {md_escape(citation_line(c))} (article {c.article_id}, chars {c.start}\u2013{c.end})"
        for c in brief.citations
    ]
    return "\n".join(lines).rstrip() + "\n"


def _held_back(n: int) -> str:
    return (
        f"{n} further event{'s' if n != 1 else ''} below the confidence threshold, or not "
        "backed by their own sentence, are not stated here; they stay searchable."
    )


def render_html(brief: Brief, *, standalone: bool = True) -> str:
    """The brief as HTML; ``standalone=False`` gives the fragment the web UI embeds."""
    template = _ENV.get_template("brief_standalone.html" if standalone else "brief_body.html")
    return template.render(brief=brief, citation_line=citation_line, held_back=_held_back)
