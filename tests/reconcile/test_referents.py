"""Claim groups about one referent (issue 10): agreement, timelines, numbered names, disputes.

Rows are built from invented sentences, as the store gives them (``context`` = the claim's
sentence, a line break, the title); one test runs the real pipeline and store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.reconcile import ClaimRow, group_claims, reconcile_store
from sitroom.records import Article, article_id_for

pytestmark = pytest.mark.issue(10)

_next_id = iter(range(1, 10_000))


def _row(
    sentence: str,
    text: str,
    what: str,
    value: float | None = None,
    *,
    low: float | None = None,
    high: float | None = None,
    bound: str | None = None,
    claimant: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    article: str | None = None,
    title: str = "",
) -> ClaimRow:
    i = next(_next_id)
    start = sentence.index(text)
    return ClaimRow(
        id=i,
        article_id=article or f"art{i}",
        start=start,
        end=start + len(text),
        text=text,
        value=value,
        low=low,
        high=high,
        bound=bound,
        unit=None,
        what=what,
        claimant=claimant,
        hedge=None,
        outlet=outlet,
        published=published,
        context=f"{sentence}\n{title}",
    )


def test_agreeing_sources_are_one_group_not_a_contradiction() -> None:
    rows = [
        _row("Estonia says about 4,000 Belarusian troops sit near the border.", "about 4,000",
             "Belarusian troops", 4000, bound="about", claimant="Estonian intelligence",
             outlet="Baltic Herald", published="2025-05-02"),
        _row("Lithuania counted more than 3,500 Belarusian troops by the border.", "more than 3,500",
             "Belarusian troops", 3500, bound="more than", claimant="Lithuanian army",
             outlet="Vilnius Evening", published="2025-05-03"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert group.kind == "agreement" and not group.contradiction


def test_real_disagreement_from_independent_sources_is_flagged() -> None:
    rows = [
        _row("Kyiv says 6,000 Belarusian troops have massed at the frontier.", "6,000",
             "Belarusian troops", 6000, claimant="Ukrainian border guard",
             outlet="Kyiv Morning", published="2025-05-02"),
        _row("Minsk insists no more than 1,000 Belarusian troops are on exercises.",
             "no more than 1,000", "Belarusian troops", 1000, bound="no more than",
             claimant="Belarusian defence ministry", outlet="Minsk Today",
             published="2025-05-02"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert group.contradiction and group.kind == "contradiction"
    assert "6,000" in (group.note or "") and "1,000" in (group.note or "")


def test_one_sentence_copied_by_two_outlets_is_one_source() -> None:
    sentence = "The ministry said 2,000 Moldovan reservists were called up, and later 400."
    rows = [
        _row(sentence, "2,000", "Moldovan reservists", 2000, outlet="Wire A",
             published="2025-06-01"),
        _row(sentence, "2,000", "Moldovan reservists", 2000, outlet="Wire B",
             published="2025-06-01"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert not group.contradiction


def test_a_figure_that_moves_over_time_is_a_timeline() -> None:
    rows = [
        _row("Officials put Chechen volunteers in the region at 500.", "500",
             "Chechen volunteers", 500, claimant="regional governor", published="2025-01-05"),
        _row("Now 1,500 Chechen volunteers are there, the governor said.", "1,500",
             "Chechen volunteers", 1500, claimant="army spokesman", published="2025-02-20"),
        _row("Some 3,000 Chechen volunteers have arrived, a monitor said.", "Some 3,000",
             "Chechen volunteers", 3000, bound="some", claimant="war monitor",
             published="2025-04-01"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert group.kind == "timeline" and group.timeline and not group.contradiction


def test_numbered_names_never_group() -> None:
    rows = [
        _row("Gas stopped flowing through Nord Stream 1 after the blast.", "1", "Nord Stream",
             1, published="2025-03-01"),
        _row("Nord Stream 2 was never certified by the regulator.", "2", "Nord Stream", 2,
             published="2025-03-01"),
        _row("Soldiers of the 47th Mechanized Brigade held the line.", "47", "Mechanized Brigade",
             47, published="2025-03-01"),
        _row("Soldiers of the 93rd Mechanized Brigade held the line.", "93", "Mechanized Brigade",
             93, published="2025-03-01"),
    ]  # fmt: skip
    assert group_claims(rows) == []


def test_generic_heads_do_not_group_across_articles() -> None:
    rows = [
        _row("About 300 troops were sent, the statement said.", "About 300", "troops", 300,
             bound="about", outlet="One", published="2025-03-01"),
        _row("The base holds 40,000 troops, its commander said.", "40,000", "troops", 40000,
             outlet="Two", published="2025-03-01"),
        _row("Some 12 people were hurt in the blast.", "Some 12", "people", 12, bound="some",
             outlet="Three", published="2025-03-01"),
        _row("At least 250 people marched in the square.", "At least 250", "people", 250,
             bound="at least", outlet="Four", published="2025-03-01"),
    ]  # fmt: skip
    assert group_claims(rows) == []


def test_different_nationalities_and_places_stay_apart() -> None:
    rows = [
        _row("Russia massed 90,000 Russian soldiers near the border.", "90,000",
             "Russian soldiers", 90000, claimant="Pentagon", published="2025-01-10"),
        _row("Washington sent 3,000 American soldiers to Poland.", "3,000",
             "American soldiers", 3000, claimant="White House", published="2025-01-10"),
        _row("A monitor saw 800 Hungarian troops in Debrecen.", "800",
             "Hungarian troops in Debrecen", 800, claimant="monitor one", published="2025-01-10"),
        _row("A monitor saw 200 Hungarian troops in Szeged.", "200",
             "Hungarian troops in Szeged", 200, claimant="monitor two", published="2025-01-10"),
    ]  # fmt: skip
    assert group_claims(rows) == []


def test_bare_figure_inherits_the_articles_first_nationality() -> None:
    rows = [
        _row("Pyongyang has sent 9,000 troops to the front, Seoul said.", "9,000", "troops",
             9000, claimant="South Korean spy agency", article="k1", published="2025-01-10"),
        _row("That is up from an earlier count of 2,000 troops.", "2,000", "troops", 2000,
             article="k1", published="2025-01-10"),
        _row("Japan said North Korea had 9,500 soldiers in the area.", "9,500", "soldiers", 9500,
             claimant="Japanese ministry", article="k2", published="2025-01-11"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert len(group.values) == 3


def test_sample_like_store_flags_only_the_disputed_figure(tmp_path: Path) -> None:
    """Real pipeline and store: two outlets disagree on one figure, two others agree."""
    from sitroom.jobs.parallel import extract_articles
    from sitroom.store import open_store

    texts = (
        ("Harbour Gazette", "2025-04-01", "Border build-up",
         ("Poland said about 7,000 Belarusian troops were near the border. "
          "Fewer than 50 people attended the rally in Gdansk.")),
        ("Lakeside Post", "2025-04-01", "Minsk denies build-up",
         ("Belarus said only 1,500 Belarusian troops were near the border. "
          "More than 2,000 people attended a concert in Vilnius.")),
    )  # fmt: skip
    articles = [
        Article(id=article_id_for(t, x), title=t, text=x, outlet=o, published=p)
        for o, p, t, x in texts
    ]
    with open_store(tmp_path / "ref.db") as db:
        db.save_articles(articles)
        for extraction in extract_articles(articles):
            db.save_extraction(extraction, pipeline_version="test")
        report = reconcile_store(db)
        flagged = db.read_claim_groups(contradictions_only=True)
    assert report is not None and report.contradictions == 1
    assert [sorted(v.text for v in g.values) for g in flagged] == [["1,500", "about 7,000"]]


def test_bare_people_counts_are_never_a_contradiction() -> None:
    rows = [
        _row("At least 12 people died in the blast, rescuers said.", "At least 12", "people",
             12, bound="at least", claimant="rescue service", article="p1",
             published="2025-02-02"),
        _row("Three people were still missing, the mayor said.", "Three", "people", 3,
             claimant="Mayor Ivan Petrenko", article="p1", published="2025-02-02"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert not group.contradiction


def test_a_country_named_as_a_place_does_not_qualify_the_count() -> None:
    rows = [
        _row("Moldovan reservists number 3,000 along the Romanian border.", "3,000", "reservists",
             3000, claimant="Chisinau ministry", published="2025-02-02"),
        _row("Romania said 400 reservists guard the crossing.", "400", "Romanian reservists",
             400, claimant="Bucharest ministry", published="2025-02-02"),
    ]  # fmt: skip
    assert group_claims(rows) == []


# -- flagged only when two figures can be compared (issue 10, real-news check) -----------------


def _flagged(rows: list[ClaimRow]) -> list[str]:
    return [g.topic for g in group_claims(rows) if g.contradiction]


def test_dotted_us_is_a_nationality_not_the_sentence_s_other_country() -> None:
    rows = [
        _row("Russia has gathered 60,000 Russian troops in the north.", "60,000",
             "Russian troops", 60000, claimant="Latvian intelligence", published="2025-01-10"),
        _row("Moscow was told that 5,000 U.S. troops will arrive in Romania.", "5,000",
             "U.S. troops", 5000, claimant="Romanian ministry", published="2025-01-10"),
    ]  # fmt: skip
    assert group_claims(rows) == []


def test_a_count_of_countries_takes_no_nationality_from_its_sentence() -> None:
    rows = [
        _row("Finland joined the 31 countries of the alliance.", "31", "countries", 31,
             outlet="North Post", published="2025-02-01"),
        _row("Envoys of 44 countries met in Helsinki, Finland said.", "44", "countries", 44,
             claimant="Finnish ministry", outlet="Baltic Wire", published="2025-02-02"),
    ]  # fmt: skip
    assert _flagged(rows) == []


def test_a_part_and_its_whole_in_one_sentence_are_no_dispute() -> None:
    rows = [
        _row("Kazakh police detained 90 Kazakh protesters on Friday.", "90",
             "Kazakh protesters", 90, claimant="Kazakh police", outlet="Steppe News",
             article="p1", published="2025-04-04"),
        _row("Of the 90 Kazakh protesters held, 12 were students, a lawyer said.", "12",
             "Kazakh protesters", 12, claimant="Aidos Serikov", outlet="Almaty Daily",
             article="p2", published="2025-04-05"),
        _row("Of the 90 Kazakh protesters held, 12 were students, a lawyer said.", "90",
             "Kazakh protesters", 90, claimant="Aidos Serikov", outlet="Almaty Daily",
             article="p2", published="2025-04-05"),
    ]  # fmt: skip
    assert _flagged(rows) == []


def test_a_syndicated_copy_is_the_same_article() -> None:
    first = "Georgian border guards said 700 Georgian volunteers left, and 2,100 more may follow."
    copy = "Georgian border guards said 700 Georgian volunteers left and 2,100 more might follow."
    rows = [
        _row(first, "700", "Georgian volunteers", 700, claimant="border guard", outlet="Wire A",
             article="w1", published="2025-05-01"),
        _row(copy, "2,100", "Georgian volunteers", 2100, claimant="Nino Beridze",
             outlet="Paper B", article="w2", published="2025-05-01"),
    ]  # fmt: skip
    assert _flagged(rows) == []


def test_an_order_of_magnitude_and_a_change_contradict_no_figure() -> None:
    rows = [
        _row("Serbia has 20,000 Serbian reservists on call, Belgrade said.", "20,000",
             "Serbian reservists", 20000, claimant="Serbian army", outlet="Danube Post",
             published="2025-03-03"),
        _row("Tens of thousands of Serbian reservists are on call, a critic said.",
             "Tens of thousands", "Serbian reservists", None, low=10000, high=100000,
             claimant="Milan Jovic", outlet="Sava Herald", published="2025-03-03"),
        _row("Serbia raised its Serbian reservists by 4,000 this week, an analyst said.", "4,000",
             "Serbian reservists", 4000, claimant="Dragan Ilic", outlet="Morava Review",
             published="2025-03-04"),
    ]  # fmt: skip
    assert _flagged(rows) == []


def test_troops_in_two_states_are_two_deployments() -> None:
    rows = [
        _row("Turkey keeps 9,000 Turkish troops in Syria, Ankara said.", "9,000", "Turkish troops",
             9000, claimant="Turkish ministry", outlet="Bosphorus", published="2025-06-01"),
        _row("Observers counted 3,000 Turkish troops in Iraq this week.", "3,000",
             "Turkish troops", 3000, claimant="Kurdish monitor", outlet="Erbil Now",
             published="2025-06-02"),
    ]  # fmt: skip
    assert _flagged(rows) == []


def test_a_guessed_owner_is_no_dispute_but_a_named_subject_is() -> None:
    guessed = [
        _row("Armenia fears Azerbaijan after 8,000 troops moved, Yerevan said.", "8,000", "troops",
             8000, claimant="Armenian ministry", outlet="Ararat", published="2025-07-01"),
        _row("Baku said 2,000 Azerbaijani troops took part in drills.", "2,000",
             "Azerbaijani troops", 2000, claimant="Azerbaijani ministry", outlet="Caspian",
             published="2025-07-01"),
    ]  # fmt: skip
    assert _flagged(guessed) == []
    named = [
        _row("Azerbaijan has moved 8,000 troops to the frontier, Yerevan said.", "8,000",
             "troops", 8000, claimant="Armenian ministry", outlet="Ararat",
             published="2025-07-01"),
        guessed[1],
    ]  # fmt: skip
    [group] = group_claims(named)
    assert group.contradiction
    assert sorted(v.text for v in group.values if v.claim_id in group.pair) == ["2,000", "8,000"]


def test_the_subject_after_a_reporting_verb_owns_the_count() -> None:
    rows = [
        _row("Japan said China had 4,000 troops on the island.", "4,000", "troops", 4000,
             claimant="Japanese ministry", outlet="Tokyo Wire", published="2025-08-01"),
        _row("Beijing said 1,000 Chinese troops were on the island.", "1,000", "Chinese troops",
             1000, claimant="Chinese ministry", outlet="Beijing Daily", published="2025-08-01"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert group.contradiction


def test_a_hyphenated_small_number_names_a_thing_a_large_one_still_counts() -> None:
    rows = [
        _row("Beijing put forward a 12-point Chinese peace plan.", "12", "Chinese peace plan", 12,
             outlet="East Wire", published="2025-02-24"),
        _row("Kyiv answered with a 10-point Chinese peace plan review.", "10",
             "Chinese peace plan", 10, claimant="Ukrainian ministry", outlet="Kyiv Wire",
             published="2025-02-25"),
        _row("A 9,000-strong Chinese force was reported near the border.", "9,000",
             "Chinese force", 9000, outlet="Border News", published="2025-02-25"),
        _row("Some 9,100 Chinese troops were seen there, a monitor said.", "Some 9,100",
             "Chinese troops", 9100, bound="some", outlet="Monitor Daily",
             published="2025-02-25"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert sorted(v.text for v in group.values) == ["9,000", "Some 9,100"]


def test_according_to_names_a_source_not_a_place() -> None:
    rows = [
        _row("According to Latvian intelligence, 6,000 Russian troops have gathered.", "6,000",
             "Russian troops", 6000, claimant="Latvian intelligence", outlet="Riga Post",
             published="2025-09-01"),
        _row("Minsk says only 1,500 Russian troops are in Belarus.", "1,500", "Russian troops",
             1500, claimant="Belarusian ministry", outlet="Minsk Today", published="2025-09-01"),
    ]  # fmt: skip
    [group] = group_claims(rows)
    assert group.contradiction
