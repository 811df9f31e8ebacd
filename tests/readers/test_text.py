"""Plain-text dump reader: the seed sample against its gold, and our own dumps of other shapes."""

from __future__ import annotations

import json
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

from sitroom.errors import IngestError
from sitroom.readers import ReadLimits, read_bytes, read_path
from sitroom.readers.text import classify_lines, split_dump
from sitroom.records import article_id_for

from .conftest import check_article


def test_seed_dump_matches_gold_exactly(shared_dir: Path) -> None:
    result = read_path(shared_dir / "samples" / "seed-dump.txt")
    gold = json.loads((shared_dir / "samples" / "seed-dump.gold.json").read_text(encoding="utf-8"))
    got = [
        {
            "section": a.section,
            "title": a.title,
            "dek": a.dek,
            "headings": list(a.headings),
            "paragraph_count": len(a.paragraphs),
            "first_paragraph_starts": a.paragraphs[0][: len(g["first_paragraph_starts"])],
        }
        for a, g in zip(result.articles, gold["articles"], strict=False)
    ]
    expected = [{k: g[k] for k in got[0]} for g in gold["articles"]]
    assert len(result.articles) == len(gold["articles"]) == 9
    assert got == expected
    for article in result.articles:
        check_article(article)


def test_seed_dump_widget_lines_stay_out(shared_dir: Path) -> None:
    lines = (shared_dir / "samples" / "seed-dump.txt").read_text(encoding="utf-8").split("\n")
    gold = json.loads((shared_dir / "samples" / "seed-dump.gold.json").read_text(encoding="utf-8"))
    first, last = gold["boilerplate"]["lines"]
    widget = [line.strip() for line in lines[first - 1 : last] if len(line.strip()) > 1]
    result = read_path(shared_dir / "samples" / "seed-dump.txt")
    for article in result.articles:
        body_lines = set(article.text.split("\n")) | {article.title, article.dek}
        assert not body_lines & set(widget)
    assert [a.source_index for a in result.articles] == list(range(9))


def test_dump_without_section_labels_splits_on_byline_and_dateline(fixtures_dir: Path) -> None:
    articles = read_path(fixtures_dir / "dump_no_labels.txt").articles
    assert [a.title for a in articles] == [
        "Ferry Service Resumes Between Izmail and Romanian Port",
        "Local Vote Postponed in Frontline Town",
    ]
    first, second = articles
    assert first.section is None and first.dek is None
    assert first.byline == "Petra Novak"
    assert first.dateline == "IZMAIL, Ukraine —"
    assert first.headings == ("Cargo Volumes",)
    assert len(first.paragraphs) == 3
    assert "Petra Novak" not in first.text
    assert second.dateline == "KHERSON —"
    assert second.paragraphs[-1].startswith('"We cannot ask')
    for article in articles:
        check_article(article)


def test_other_labels_widgets_and_footer_are_dropped(fixtures_dir: Path) -> None:
    articles = read_path(fixtures_dir / "dump_other_widgets.txt").articles
    assert [a.section for a in articles] == ["World News", "World News"]
    assert articles[0].dek == "Owners Say Demand Has Returned Faster Than Expected"
    assert articles[1].dek is None
    assert [len(a.paragraphs) for a in articles] == [3, 3]
    everything = "\n".join(a.text for a in articles)
    for junk in (
        "Advertisement",
        "Read more",
        "Share this",
        "Top stories",
        "Farmers Count",
        "Rail Link",
        "Copyright",
    ):
        assert junk not in everything
    for article in articles:
        check_article(article)


def test_hard_wrapped_paragraphs_are_joined(fixtures_dir: Path) -> None:
    (article,) = read_path(fixtures_dir / "dump_wrapped.txt").articles
    assert article.title == "Night Trains Return to Northern Route"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].endswith("near the border.")
    assert "\n" not in article.paragraphs[0]
    check_article(article)


@pytest.mark.issue(12)
def test_paragraphs_only_is_one_article_with_a_derived_title(fixtures_dir: Path) -> None:
    (article,) = read_path(fixtures_dir / "single_paragraphs_only.txt").articles
    assert article.title_derived
    assert article.title is not None and article.paragraphs[0].startswith(article.title.rstrip("…"))
    assert len(article.title) <= 101
    assert article.id == article_id_for(None, article.text)
    assert len(article.paragraphs) == 2
    check_article(article)


def test_windows_line_endings_read_like_unix(fixtures_dir: Path) -> None:
    raw = (fixtures_dir / "dump_other_widgets.txt").read_bytes()
    unix = read_bytes(raw, name="w.txt").articles
    windows = read_bytes(raw.replace(b"\n", b"\r\n"), name="w.txt").articles
    old_mac = read_bytes(raw.replace(b"\n", b"\r"), name="w.txt").articles
    assert [a.id for a in windows] == [a.id for a in unix] == [a.id for a in old_mac]


def test_one_paragraph_per_line_equals_blank_line_separated() -> None:
    lines = [
        "Harbour Cranes Back in Service",
        "Two harbour cranes damaged in an attack last month are working again, the port said on Monday.",
        "Repairs cost less than expected because spare parts were already in storage, officials said.",
    ]
    per_line = split_dump("\n".join(lines), name="a.txt")
    blank_separated = split_dump("\n\n".join(lines), name="a.txt")
    assert [a.id for a in per_line] == [a.id for a in blank_separated]
    assert per_line[0].title == "Harbour Cranes Back in Service"


def test_wider_gap_starts_a_new_story_in_line_per_paragraph_dumps() -> None:
    text = (
        "Bridge Reopens to Traffic\n"
        "The river bridge reopened to cars on Friday after three months of repairs, the city said.\n"
        "Trucks will be allowed from next week.\n"
        "\n"
        "Library Moves to Safer Building\n"
        "The central library moved its collection to a basement building on Thursday, staff said.\n"
    )
    articles = split_dump(text, name="g.txt")
    assert [a.title for a in articles] == [
        "Bridge Reopens to Traffic",
        "Library Moves to Safer Building",
    ]
    assert all(not a.headings for a in articles)


def test_date_line_is_metadata_and_beats_option_and_filename() -> None:
    text = "Quiet Night in the Capital\nPublished March 9, 2025\nNo air raid alerts were declared overnight for the first time in weeks, officials said.\n"
    (article,) = split_dump(text, name="dump-2025-03-01.txt", published="2025-02-02")
    assert (article.published, article.published_source) == ("2025-03-09", "metadata")
    assert "Published" not in article.text


@pytest.mark.parametrize(
    ("name", "option", "expected"),
    [
        ("dump-2024-11-21.txt", None, ("2024-11-21", "filename")),
        ("dump_20241121.txt", None, ("2024-11-21", "filename")),
        ("dump_2024_11_21.txt", None, ("2024-11-21", "filename")),
        ("dump-2024-11-21.txt", "2025-01-05", ("2025-01-05", "option")),
        ("dump-2024-13-45.txt", None, (None, None)),
        ("dump.txt", None, (None, None)),
    ],
)
def test_published_precedence(
    name: str, option: str | None, expected: tuple[str | None, str | None]
) -> None:
    text = "Title Line Here\nA plain paragraph of news text that ends properly with a period.\n"
    (article,) = split_dump(text, name=name, published=option)
    assert (article.published, article.published_source) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Video4 years ago", "end"),
        ("Africa 8 months ago", "end"),
        ("Top stories · 2 days ago", "end"),
        ("Related:", "end"),
        ("© 2025 Some Outlet", "end"),
        ("Advertisement", "drop"),
        ("Share this", "drop"),
        ("-", "rule"),
        ("* * *", "rule"),
        ("By Jane Roe", "byline"),
        ("Jane Roe, Reuters", "byline"),
        ("What Comes Next for the Front?", "short"),
        ("Is this the end of the talks, officials asked?", "paragraph"),
        ("Officials confirmed the figure.", "paragraph"),
    ],
)
def test_line_kinds(line: str, kind: str) -> None:
    assert classify_lines(line)[0].kind == kind


def test_copyright_footer_names_the_outlet(fixtures_dir: Path) -> None:
    articles = read_path(fixtures_dir / "dump_other_widgets.txt").articles
    assert {a.outlet for a in articles} == {"Example Media Group"}
    no_footer = read_path(fixtures_dir / "dump_no_labels.txt", outlet="River Gazette").articles
    assert {a.outlet for a in no_footer} == {"River Gazette"}


def test_label_seen_once_before_headline_and_dek() -> None:
    text = (
        "Europe\n"
        "Rail Link to Poland Restored After Storm\n"
        "Engineers Worked Through the Night to Clear the Line\n"
        "Trains between Lviv and Przemysl ran again on Sunday after a storm brought down trees, the railway said.\n"
    )
    (article,) = split_dump(text, name="one.txt")
    assert (article.section, article.title) == (
        "Europe",
        "Rail Link to Poland Restored After Storm",
    )
    assert article.dek == "Engineers Worked Through the Night to Clear the Line"
    assert not article.headings


def test_captions_dropped_and_comma_lines_stay_in_paragraphs() -> None:
    text = (
        "Market Reopens in Kherson\n"
        "The covered market in Kherson reopened on Saturday after repairs, the city council said.\n"
        "Photo: a stall holder arranges vegetables on the first day\n"
        "“We sold everything by noon,”\n"
        "said one trader, who asked not to be named.\n"
    )
    (article,) = split_dump(text, name="m.txt")
    assert not article.headings
    assert "Photo:" not in article.text
    assert article.paragraphs[1] == "“We sold everything by noon,”"


def test_question_headline_after_label_and_update_stamp() -> None:
    text = (
        "Analysis\n"
        "Is the winter offensive running out of steam?\n"
        "Updated 2 hours ago\n"
        "Commanders on both sides say the pace of attacks has slowed since the thaw began last week.\n"
        "Analysis\n"
        "Drone Makers Race to Beat Jamming\n"
        "Small workshops are changing radio frequencies every few days to stay ahead of jammers, engineers said.\n"
    )
    first, second = split_dump(text, name="q.txt")
    assert first.title == "Is the winter offensive running out of steam?"
    assert first.section == second.section == "Analysis"
    assert first.paragraphs == (
        "Commanders on both sides say the pace of attacks has slowed since the thaw began last week.",
    )


@pytest.mark.parametrize(("old", "new"), [("\n", "\r\n"), ("\n", "\n\n")])
def test_seed_dump_shape_variants_split_the_same(shared_dir: Path, old: str, new: str) -> None:
    raw = (shared_dir / "samples" / "seed-dump.txt").read_text(encoding="utf-8")
    plain = read_bytes(raw.encode(), name="seed.txt").articles
    variant = read_bytes(raw.replace(old, new).encode(), name="seed.txt").articles
    assert [(a.title, a.dek, a.headings, a.id) for a in variant] == [
        (a.title, a.dek, a.headings, a.id) for a in plain
    ]


@pytest.mark.issue(2)
def test_final_newline_does_not_make_unwrapped_text_look_hard_wrapped() -> None:
    # Regression: the empty string after a trailing newline counted as a blank line, so
    # one-paragraph-per-line dumps of 60-100 character lines were joined as "wrapped".
    dump = (
        "Frontline Report\n"
        "Drones Hit Power Plant Near Odesa\n"
        "Officials said dozens of drones struck the region overnight and 3 were hurt.\n"
        "The regional governor said on Monday that repairs would take two weeks.\n"
        "Frontline Report\n"
        "Kyiv Hosts Talks With European Ministers\n"
        "Foreign ministers from five countries met in Kyiv on Tuesday for talks.\n"
    )
    articles = split_dump(dump, name="short-lines.txt")
    assert [a.title for a in articles] == [
        "Drones Hit Power Plant Near Odesa",
        "Kyiv Hosts Talks With European Ministers",
    ]
    assert [len(a.paragraphs) for a in articles] == [2, 1]
    assert all(a.section == "Frontline Report" for a in articles)


# Issue 12: one-article files without a headline were split at subheadings, pull quotes,
# letter writers' names and widgets. Our own texts, in the shapes seen on real pages.
_LETTERS_PAGE = (
    "The debate over winter fuel support has missed the point. Families in small towns pay far more "
    "for heating oil than anyone in the cities, and nobody in government seems to notice.\n\n"
    "Alan Porter\n"
    "Kendal, Cumbria\n\n"
    "Your correspondent is right that the ferry timetable is a mess. I waited three hours at the "
    "terminal last Tuesday with two children and no information at all.\n\n"
    "Ruth Okafor\n"
    "Barrow, Cumbria\n\n"
    "Thank you for the report on library closures. Our branch has served the village for sixty years.\n"
)
_SUBHEADINGS = (
    "Officials in the port city said on Monday that grain shipments had resumed after a pause of nearly two weeks.\n\n"
    "A Fragile Corridor\n"
    "Captains Say Insurance Costs Still Bite\n"
    "Shipping firms told reporters that insurance premiums remain three times higher than before the war.\n\n"
    "Expand\n"
    "Tugs wait outside the harbour at dawn\n"
    "Harbour pilots said they now guide four ships a day, up from one in January.\n\n"
    "‘We simply cannot wait any longer’\n"
    "By Mira Holt\n"
    "Dock workers said they had not been paid for a month and would strike if nothing changed.\n"
)


@pytest.mark.issue(12)
@pytest.mark.parametrize("text", [_LETTERS_PAGE, _SUBHEADINGS], ids=["letters", "subheadings"])
def test_headline_less_file_stays_one_article(text: str) -> None:
    (article,) = read_bytes(text.encode(), name="one.txt").articles
    check_article(article)
    # Nothing is lost: every line of the file is in the article (title or body).
    kept = f"{article.text}\n{article.title}"
    for line in text.split("\n"):
        assert line.strip() in kept
    assert article.title_derived


@pytest.mark.issue(12)
def test_titled_stories_without_shared_structure_stay_one_article() -> None:
    text = (
        "Harbour Reopens After Storm\n"
        "The harbour reopened on Friday after a storm closed it for three days, the port said.\n"
        "Fishing Fleet Counts Losses\n"
        "Boat Owners Want Compensation\n"
        "Owners said eleven boats were damaged beyond repair and asked the region for help.\n"
    )
    (article,) = split_dump(text, name="storm.txt")
    assert article.title == "Harbour Reopens After Storm"
    assert article.headings == ("Fishing Fleet Counts Losses", "Boat Owners Want Compensation")


@pytest.mark.issue(12)
def test_realnews_files_are_one_article_each(shared_dir: Path) -> None:
    folder = shared_dir / "benchmarks" / "realnews" / "articles"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    counts = Counter(len(read_path(path).articles) for path in sorted(folder.glob("*.txt")))
    assert counts == {1: sum(counts.values())}


@pytest.mark.issue(12)
def test_headline_without_body_is_an_article_with_no_body() -> None:
    (article,) = read_bytes(b"Ministers Meet Again on Grain Deal\n", name="headline.txt").articles
    assert (article.title, article.text, article.blocks, article.title_derived) == (
        "Ministers Meet Again on Grain Deal",
        "",
        (),
        False,
    )
    assert article.id == article_id_for("Ministers Meet Again on Grain Deal", "")
    check_article(article)


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        (
            "Mr. Novak said the bridge would reopen. Trucks will follow in May.",
            "Mr. Novak said the bridge would reopen.",
        ),
        (
            "KYIV, Ukraine (AP) — Air defences shot down 20 drones overnight. Two people were hurt.",
            "Air defences shot down 20 drones overnight.",
        ),
        (
            "The U.S. envoy arrived on Monday! Talks begin today.",
            "The U.S. envoy arrived on Monday!",
        ),
        ("The ferry is running again.The port said so on Monday.", "The ferry is running again."),
        (
            (
                "Regional officials said on Thursday that the reconstruction of the damaged heating plant would take "
                "at least four more months because of shortages."
            ),
            "Regional officials said on Thursday that the reconstruction of the damaged heating plant would take…",
        ),
    ],
)
def test_derived_title_is_the_first_sentence_cut_on_a_word(paragraph: str, title: str) -> None:
    (article,) = split_dump(paragraph, name="x.txt")
    assert (article.title, article.title_derived) == (title, True)
    assert len(article.title) <= 101
    assert article.id == article_id_for(None, article.text)
    check_article(article)


@pytest.mark.issue(12)
def test_one_huge_line_is_read_in_bounded_memory() -> None:
    # Regression: a 50 MB single-line text took 1.5 GB (words split, id normalisation).
    raw = (
        "The convoy moved slowly along the coast road at night, officials said. " * 60_000
    ).encode()
    assert len(raw) > 4_000_000
    tracemalloc.start()
    try:
        (article,) = read_bytes(raw, name="one-line.txt").articles
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(article.text) == len(raw.strip())
    assert peak < 6 * len(raw)


@pytest.mark.issue(12)
def test_line_over_the_record_limit_fails_with_the_reason() -> None:
    raw = ("Barges moved grain down the river all week, the operator said. " * 2000).encode()
    with pytest.raises(
        IngestError, match=r"^long\.txt: line 1 has 12[\d,]+ characters, over the 100,000 limit"
    ):
        read_bytes(raw, name="long.txt", limits=ReadLimits(max_record_bytes=100_000))


@pytest.mark.issue(12)
def test_untitled_intro_before_labelled_stories_still_splits() -> None:
    text = (
        "Our live coverage of the day's events, updated through the evening by the desk.\n\n"
        "Frontline Report\n"
        "Drones Hit Power Plant Near Odesa\n"
        "Officials said dozens of drones struck the region overnight and three people were hurt.\n\n"
        "Frontline Report\n"
        "Kyiv Hosts Talks With European Ministers\n"
        "Foreign ministers from five countries met in Kyiv on Tuesday for talks on air defence.\n"
    )
    articles = split_dump(text, name="intro.txt")
    assert [(a.section, a.title_derived) for a in articles] == [
        (None, True),
        ("Frontline Report", False),
        ("Frontline Report", False),
    ]
