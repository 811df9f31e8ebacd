"""Plain-text dumps: split text pasted from a news site into articles.

A dump is what an analyst gets by copying a section page: for each story a section
label, a headline, maybe a standfirst (dek), paragraphs and section headings, and at
the end "related stories" widgets and footers. There is no markup, so the rules use
the shape of each line:

* a **paragraph** is long, or ends with sentence punctuation;
* a **short line** (headline, dek, heading) has few words and no final period;
* a short line that repeats through the dump and precedes a headline is a
  **section label** and starts a new article;
* a short line after paragraphs is a **heading**, unless something says a new
  story begins: a section label, a separator rule, a wider blank gap than between
  paragraphs, a headline + dek pair, or a byline/dateline right after it;
* widget and footer lines ("Video4 years ago", "Related:", "© 2025 ...") end the
  article; the teaser titles after them are dropped, and "Advertisement" or
  "Share this" lines are dropped wherever they are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import islice

from sitroom.errors import InputTooLarge
from sitroom.readers.build import (
    LEAD_PARAGRAPHS,
    BodyBlock,
    Meta,
    build_article,
    clean_inline,
    find_dateline,
    parse_byline,
)
from sitroom.readers.pubdate import parse_date_line, pick_published
from sitroom.records import Article

__all__ = ["Line", "classify_lines", "outlet_from_footer", "split_dump"]

# Headlines and headings are short: the longest headline in the seed dump has 14
# words; 25 words / 200 characters leaves room for wordy tabloid headlines.
SHORT_MAX_WORDS = 25
SHORT_MAX_CHARS = 200
# Widget and footer lines ("Related stories", "© 2025 ... All rights reserved.") are short;
# a long line is story text whatever it ends with (and the check stays cheap on a 50 MB line).
END_MAX_CHARS = 300
# A section label ("Russia-Ukraine War", "World", "Europe") is a few words at most.
LABEL_MAX_WORDS = 6
# A label must repeat to be told apart from a headline.
LABEL_MIN_REPEATS = 2
# Title case: at least this share of content words start upper-case or with a digit.
TITLE_CASE_SHARE = 0.75
# Hard-wrapped text: lines no longer than this (e-mail and terminal wraps are 72-80)...
WRAP_MAX_CHARS = 100
# ...and lines at least this long are wrapped mid-paragraph, so the next line continues them.
WRAP_MIN_CHARS = 55

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
        "amid",
        "after",
        "before",
        "off",
        "out",
        "than",
        "that",
        "upon",
    ]
)
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…:;"
_RULE = re.compile(r"^[-–—_=*~•·#+ ]{1,40}$")
# "Video4 years ago", "Africa 8 months ago", "Top stories · 2 days ago", "3h ago", "Yesterday"
_AGE = re.compile(
    r"^[^\d\n]{0,40}?\s*[·|•–—-]?\s*(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|"
    r"hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)\s+ago\.?$|^(?:yesterday|just now)$",
    re.IGNORECASE,
)
# Lines that end an article: widgets and footers (the wording seen on news sites).
_END = re.compile(
    r"^(?:related(?: stories| articles| news| coverage| content| posts)?\s*:?|more (?:stories|news|on this story|"
    r"from [\w .&'-]{1,40})\s*:?|you (?:may|might) also like:?|recommended(?: for you| stories)?:?|"
    r"(?:most (?:read|popular|viewed)|trending(?: now)?|latest (?:news|stories)|top stories|editor'?s picks?)\s*:?|"
    r"(?:©|\(c\)|copyright\b).*|.*\ball rights reserved\.?|tags?\s*:.*|topics?\s*:.*|"
    r"(?:leave a |view |show |post a )?comments?(?: \(\d+\))?\s*:?)$",
    re.IGNORECASE,
)
# Lines dropped wherever they are: ads, share buttons, calls to action.
_DROP = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|ad|share(?: this(?: article| story)?)?(?: on \w+)?|"
    r"(?:facebook|twitter|x|whatsapp|telegram|email|print|linkedin)(?:\s*[|·•]\s*\w+)*|"
    r"read (?:more|next|also)\b.*|see also\b.*|click here\b.*|watch(?: now| video)?\s*:.*|"
    r"(?:sign up|subscribe)\b.*|follow us\b.*|listen to (?:this|the) (?:article|story).*|"
    r"\d+ min(?:ute)?s? read|skip to (?:main )?content|back to top|"
    r"(?:file )?(?:photo|image|picture|illustration|credit|caption)s?\s*:.{0,200})$",
    re.IGNORECASE,
)


# "© 2025 Frontline Desk. All rights reserved.", "Copyright 2025 Example Media Group",
# "© Meridian News 2025": the outlet that published the page.
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)(?:\s*©)?\s*(?:\d{4}(?:[-–]\d{4})?\s*)?(?P<name>[A-Z][\w&'’ .-]{1,60}?)"
    r"\s*(?:\d{4})?\.?\s*(?:all rights reserved\.?)?$",
    re.IGNORECASE,
)


def outlet_from_footer(lines: list[Line]) -> str | None:
    """The outlet named in a copyright footer line, if the dump has one."""
    for line in reversed(lines):
        match = _COPYRIGHT.match(line.text) if line.kind == "end" else None
        if match:
            return match.group("name").strip(" .")
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One unit of a dump: a line, or a hard-wrapped paragraph joined back together."""

    text: str
    kind: str  # paragraph short byline date rule end drop
    gap: int  # blank lines before it


def _words(text: str) -> list[str]:
    return text.split()


def is_title_case(text: str) -> bool:
    """Most content words capitalised (or numbers): headline style."""
    content = [w for w in _words(text) if w.strip("\"'‘’“”(").lower() not in _SMALL_WORDS]
    if not content:
        return False
    upper = sum(1 for w in content if w.lstrip("\"'‘’“”(")[:1].isupper() or w[:1].isdigit())
    return upper / len(content) >= TITLE_CASE_SHARE


# "Updated 2 hours ago" under a headline is a timestamp, not the start of a widget.
_STAMP = re.compile(
    r"^(?:updated|published|posted|last updated|edited)\b.{0,40}\bago\.?$", re.IGNORECASE
)


def _kind(text: str) -> str:
    if _RULE.match(text):
        return "rule"
    if _STAMP.match(text):
        return "drop"
    if len(text) <= END_MAX_CHARS and (_AGE.match(text) or _END.match(text)):
        return "end"
    if _DROP.match(text):
        return "drop"
    if parse_byline(text):
        return "byline"
    if parse_date_line(text):
        return "date"
    # Length first: splitting a 50 MB line into words took over 1 GB (issue 12).
    if len(text) > SHORT_MAX_CHARS or len(_words(text)) > SHORT_MAX_WORDS:
        return "paragraph"
    last = text.rstrip(_CLOSERS)[-1:]
    if last in ".…:;,—–":  # a headline never ends mid-sentence
        return "paragraph"
    if last in "!?":
        return "short" if is_title_case(text) else "paragraph"
    return "short"


def _is_wrapped(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    if not filled:
        return False
    # Only blank lines *between* text lines separate wrapped paragraphs: the empty string
    # after a final newline (or leading/trailing blank lines) says nothing about wrapping.
    first = next(i for i, line in enumerate(lines) if line.strip())
    last = max(i for i, line in enumerate(lines) if line.strip())
    return (
        any(not line.strip() for line in lines[first:last])
        and max(len(line) for line in filled) <= WRAP_MAX_CHARS
        and sum(len(line) >= WRAP_MIN_CHARS for line in filled) >= 3
    )


def _units(text: str) -> list[tuple[str, int]]:
    """Non-blank lines with the blank-line gap before each; wrapped paragraphs joined."""
    lines = text.split("\n")
    wrapped = _is_wrapped(lines)
    units: list[tuple[str, int]] = []
    gap = 0
    previous: str | None = None
    for raw in lines:
        line = clean_inline(raw)
        if not line:
            gap += 1
            previous = None
            continue
        joins = (
            wrapped
            and previous is not None
            and len(previous) >= WRAP_MIN_CHARS
            and not is_title_case(previous)
        )
        if joins:
            joined, first_gap = units[-1]
            units[-1] = (f"{joined} {line}", first_gap)
        else:
            units.append((line, gap))
        gap = 0
        previous = line
    return units


def classify_lines(text: str) -> list[Line]:
    """Cut ``text`` into units and give each its kind."""
    return [Line(text=t, kind=_kind(t), gap=g) for t, g in _units(text)]


def _section_labels(lines: list[Line]) -> set[str]:
    counts = Counter(line.text for line in lines if line.kind == "short")
    labels = set()
    for i, line in enumerate(lines[:-1]):
        if (
            counts[line.text] >= LABEL_MIN_REPEATS
            and len(_words(line.text)) <= LABEL_MAX_WORDS
            and lines[i + 1].kind == "short"
        ):
            labels.add(line.text)
    return labels


@dataclass(slots=True)
class _Draft:
    section: str | None = None
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    published: str | None = None
    blocks: list[BodyBlock] = field(default_factory=list)
    paragraphs: int = 0
    separated: bool = False  # opened after a rule or a wider blank gap than between paragraphs

    def has_body(self) -> bool:
        return self.paragraphs > 0

    def add(self, kind: str, text: str) -> None:
        self.blocks.append(BodyBlock(kind=kind, text=text))
        self.paragraphs += kind == "paragraph"


def _is_lone_label(draft: _Draft) -> bool:
    return (
        draft.section is None
        and not draft.blocks
        and draft.byline is None
        and draft.title is not None
        and len(_words(draft.title)) <= LABEL_MAX_WORDS
    )


def _is_question_headline(draft: _Draft, text: str) -> bool:
    """A sentence-case question right after a section label is the headline."""
    fresh = draft.section is not None and draft.title is None and not draft.blocks
    short = len(text) <= SHORT_MAX_CHARS and len(_words(text)) <= SHORT_MAX_WORDS
    return fresh and short and text.rstrip(_CLOSERS)[-1:] in "?!"


def _next_kinds(lines: list[Line], i: int, count: int) -> list[str]:
    kinds = (lines[j].kind for j in range(i + 1, len(lines)) if lines[j].kind != "drop")
    return list(islice(kinds, count))


def _starts_story(lines: list[Line], i: int, article_gap: int, *, in_junk: bool) -> bool:
    """Does the short line ``i`` (met after some paragraphs, or after a widget) open a story?"""
    after = _next_kinds(lines, i, 3)
    if in_junk:
        return after[:1] in (["paragraph"], ["byline"], ["date"])
    if lines[i].gap >= article_gap:
        return True
    if after[:2] == ["short", "paragraph"] or after[:1] in (["byline"], ["date"]):
        return True
    following = next(
        (lines[j] for j in range(i + 1, len(lines)) if lines[j].kind == "paragraph"), None
    )
    return bool(after[:1] == ["paragraph"] and following and find_dateline(following.text))


def _article_gap(lines: list[Line]) -> int:
    """Blank lines that separate stories: more than the usual gap between paragraphs."""
    gaps = Counter(line.gap for line in lines[1:])
    usual = gaps.most_common(1)[0][0] if gaps else 0
    return max(usual + 1, 2) if usual else 1


def _drafts(lines: list[Line], *, split: bool) -> list[_Draft]:
    """Group the lines into article drafts; with ``split=False`` everything is one article.

    In one-article mode a short line after the body is a heading, a byline or date line
    after the body stays as a paragraph (its text is kept), and rules do not end the story.
    """
    labels = _section_labels(lines) if split else set()
    article_gap = _article_gap(lines)
    drafts: list[_Draft] = []
    current: _Draft | None = None
    in_junk = False
    section: str | None = None

    after_rule = rule_before = False

    def start(line: Line, *, title: str | None = None) -> _Draft:
        draft = _Draft(
            section=section, title=title, separated=rule_before or line.gap >= article_gap
        )
        drafts.append(draft)
        return draft

    for i, line in enumerate(lines):
        if line.kind == "drop":
            continue
        rule_before, after_rule = after_rule, line.kind == "rule"
        if line.kind in ("rule", "end"):
            current = current if not split else None
            in_junk = line.kind == "end"
            continue
        if line.text in labels:
            section = line.text
            current, in_junk = start(line), False
            continue
        if line.kind == "short":
            current, in_junk = _add_short_line(
                lines,
                i,
                current,
                split=split,
                in_junk=in_junk,
                article_gap=article_gap,
                start=start,
            )
            continue
        if in_junk:
            continue
        if current is not None and _is_question_headline(current, line.text):
            current.title = line.text
            continue
        if (
            current is not None
            and current.has_body()
            and line.kind in ("byline", "date")
            and not split
        ):
            current.add("paragraph", line.text)
            continue
        if current is None or (current.has_body() and line.kind in ("byline", "date")):
            current = start(line)
        if line.kind == "byline":
            current.byline = current.byline or parse_byline(line.text)
        elif line.kind == "date":
            current.published = current.published or parse_date_line(line.text)
        else:
            current.add("paragraph", line.text)
    return drafts


def _add_short_line(
    lines: list[Line],
    i: int,
    current: _Draft | None,
    *,
    split: bool,
    in_junk: bool,
    article_gap: int,
    start: Callable[..., _Draft],
) -> tuple[_Draft | None, bool]:
    """File the short line ``i`` (:func:`_drafts`): it may open a story (``start``), or be
    a title, dek, section label or heading of the current one. Returns the draft now
    current and whether the reader is still in junk."""
    line = lines[i]
    if in_junk and not split:
        return current, in_junk  # a teaser title in a widget at the end of the one article
    if current is None or current.has_body():  # after a body, a widget, or at the top
        opens = (current is None and not in_junk) or (
            split and _starts_story(lines, i, article_gap, in_junk=in_junk)
        )
        if opens:
            return start(line, title=line.text), False
        if current is not None:
            current.add("heading", line.text)
    elif current.title is None and not current.blocks:
        current.title = line.text
    elif current.dek is None and not current.blocks and current.byline is None:
        current.dek = line.text
    elif _is_lone_label(current):
        # Three short lines before the story: label, headline, dek (a label seen once).
        current.section, current.title, current.dek = current.title, current.dek, line.text
    else:
        current.add("heading", line.text)
    return current, in_junk


def _is_real_split(drafts: list[_Draft]) -> bool:
    """Do the drafts show the strong, repeated structure of a multi-article page?

    A file holding one article often has subheadings, pull quotes, a letter writer's
    name and town, or a sign-off that look like a new headline (issue 12: 447 one-article
    files read as 489 articles). So a split needs every story to open with a headline and,
    on every story, the same kind of evidence: a section label, a dek, a byline or
    dateline, or a rule or wider blank gap before it.
    """
    stories = [d for d in drafts if d.has_body()]
    if len(stories) < 2:
        return True
    labelled = [d for d in stories if d.section and d.title]
    if len(labelled) >= 2 and stories[1:] == labelled and stories[0].section is None:
        return True  # an untitled intro before stories under repeated section labels
    if any(d.title is None for d in stories):
        return False
    signed = all(d.byline or _draft_dateline(d) for d in stories)
    separated = all(d.separated for d in stories[1:])
    return all(d.section for d in stories) or all(d.dek for d in stories) or signed or separated


def _draft_dateline(draft: _Draft) -> str | None:
    lead = [b for b in draft.blocks[:LEAD_PARAGRAPHS] if b.kind == "paragraph"]
    return next((d for b in lead if (d := find_dateline(b.text))), None)


def _check_line_lengths(text: str, *, name: str, limit: int) -> None:
    start = line_no = 0
    while start < len(text):
        line_no += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            raise InputTooLarge(
                f"{name}: line {line_no} has {end - start:,} characters, over the {limit:,} limit "
                "for one record (max_record_bytes)"
            )
        start = end + 1


def split_dump(
    text: str,
    *,
    name: str,
    published: str | None = None,
    outlet: str | None = None,
    max_line_chars: int | None = None,
) -> list[Article]:
    """Split a plain-text dump into Articles (one or many), in reading order.

    Raises:
        InputTooLarge: a line is longer than ``max_line_chars`` (a record's limit: reading a
            50 MB line costs about five times that in memory).
    """
    if max_line_chars is not None:
        _check_line_lengths(text, name=name, limit=max_line_chars)
    articles: list[Article] = []
    lines = classify_lines(text)
    outlet = outlet_from_footer(lines) or outlet
    drafts = _drafts(lines, split=True)
    if not _is_real_split(drafts):
        drafts = _drafts(lines, split=False)
    for draft in drafts:
        pub = pick_published(draft.published, option=published, name=name)
        meta = Meta(
            source=name,
            source_index=len(articles),
            outlet=outlet,
            section=draft.section,
            byline=draft.byline,
            published=pub.date,
            published_source=pub.source,
        )
        # A headline with no body is still an article when it is all the file holds (issue 12).
        alone = len(drafts) == 1 and any(c.isalnum() for c in draft.title or "")
        article = build_article(
            title=draft.title, dek=draft.dek, blocks=draft.blocks, meta=meta, allow_empty_body=alone
        )
        if article is not None:
            articles.append(replace(article, source_index=len(articles)))
    return articles
